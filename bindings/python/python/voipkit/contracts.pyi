from typing_extensions import final
from datetime import date, datetime

@final
class ContractState:
    """Where a contract stands on a date."""
    NOT_STARTED: ContractState
    MINIMUM_TERM: ContractState
    RUNNING: ContractState
    NOTICE_RUNNING: ContractState
    ENDED: ContractState
    @property
    def value(self) -> str:
        """The name plans, JSON and the CLI use."""

@final
class Severity:
    """The severity of a support incident (TERMS ALC-6)."""
    CRITICAL: Severity
    MAJOR: Severity
    MINOR: Severity
    QUESTION: Severity
    @property
    def value(self) -> str:
        """The name plans, JSON and the CLI use."""

@final
class ChangeKind:
    """A kind of change or work on a hosted PBX (TERMS NOX-3)."""
    MENUS_AND_MODES: ChangeKind
    PROMPTS: ChangeKind
    RING_GROUPS_AND_FORWARDING: ChangeKind
    REPLACE_USER: ChangeKind
    REPROGRAM_PERIPHERALS: ChangeKind
    ON_SITE: ChangeKind
    NEW_USER: ChangeKind
    NEW_NUMBER: ChangeKind
    NEW_HARDWARE: ChangeKind
    WARRANTY_REPLACEMENT: ChangeKind
    EXTERNAL_FAULT: ChangeKind
    @property
    def value(self) -> str:
        """The name plans, JSON and the CLI use."""

@final
class ContractStatus:
    """Where a contract stands on a date."""
    @property
    def state(self) -> ContractState: ...
    @property
    def minimum_term_end(self) -> date | None: ...
    @property
    def end(self) -> date | None: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class PriceChangeCheck:
    """Whether a price change is announced in time (TERMS JIT-7)."""
    @property
    def valid(self) -> bool: ...
    @property
    def earliest_effective(self) -> date: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class ComplaintDeadline:
    """The last day to complain about a delivery (TERMS JIT-2)."""
    @property
    def deadline(self) -> date: ...
    @property
    def in_time(self) -> bool | None: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class DisputeDeadlines:
    """The dispute forum deadlines (TERMS JIT-6)."""
    @property
    def supplier_deadline(self) -> date: ...
    @property
    def customer_may_choose_from(self) -> date: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class OperationalDate:
    """The operational date of an installation (TERMS JIT-4)."""
    @property
    def deemed_by(self) -> date: ...
    @property
    def operational_on(self) -> date: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class WarrantyEnd:
    """The end of a warranty (TERMS ALC-7)."""
    @property
    def last_day(self) -> date: ...
    @property
    def covered(self) -> bool | None: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class UserFloor:
    """The lowest user count allowed this quarter (TERMS ALC-3)."""
    @property
    def quarter_start(self) -> date: ...
    @property
    def quarter_end(self) -> date: ...
    @property
    def minimum_users(self) -> int: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class SupportStatus:
    """Whether support is open and what may be raised (TERMS ALC-6)."""
    @property
    def time_zone(self) -> str: ...
    @property
    def open(self) -> bool: ...
    @property
    def closes_at(self) -> datetime | None: ...
    @property
    def next_opening(self) -> datetime: ...
    @property
    def may_raise(self) -> bool: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class CoverageCheck:
    """Whether a service contract covers a change (TERMS NOX-3)."""
    @property
    def covered(self) -> bool: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class ConfigViolation:
    """One use restriction a service configuration breaks (TERMS ALC-8)."""
    @property
    def code(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def terms_id(self) -> str: ...

@final
class ConfigValidation:
    """The result of validating a service configuration (TERMS ALC-8)."""
    @property
    def valid(self) -> bool: ...
    @property
    def violations(self) -> list[ConfigViolation]: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class ContractRulebook:
    """A contract rulebook (a preset or your own) with every evaluation of its rules."""
    @staticmethod
    def preset(name: str) -> ContractRulebook: ...
    @staticmethod
    def from_toml(text: str) -> ContractRulebook: ...
    @staticmethod
    def from_json(text: str) -> ContractRulebook: ...
    @property
    def name(self) -> str: ...
    def cancel(self, start: date, requested: date) -> Cancellation: ...
    def status_on(self, start: date, on: date, notice_received: date | None = None) -> ContractStatus: ...
    def price_change(self, announced: date, effective: date) -> PriceChangeCheck: ...
    def complaint_deadline(self, delivered: date, complained: date | None = None) -> ComplaintDeadline: ...
    def dispute_deadlines(self, notified: date) -> DisputeDeadlines: ...
    def deemed_operational(self, delivered: date, actual: date | None = None) -> OperationalDate: ...
    def warranty_end(self, delivered: date, on: date | None = None) -> WarrantyEnd: ...
    def user_floor(self, users_at_quarter_start: int, on: date) -> UserFloor: ...
    def support(self, at: datetime, severity: Severity) -> SupportStatus: ...
    def service_coverage(self, kind: ChangeKind) -> CoverageCheck: ...
    def validate_config(self, config: str) -> ConfigValidation: ...

@final
class Holiday:
    """A public holiday."""
    @property
    def date(self) -> date: ...
    @property
    def name(self) -> str: ...

@final
class Cancellation:
    """The result of a cancellation (TERMS ACC-4, JIT-7)."""
    @property
    def processed_on(self) -> date: ...
    @property
    def notice_end(self) -> date: ...
    @property
    def minimum_term_end(self) -> date | None: ...
    @property
    def earliest_end(self) -> date: ...
    @property
    def explanation(self) -> list[str]: ...

@final
class CancellationRequest:
    """One cancellation to evaluate in a batch."""
    def __new__(cls, start: date, requested: date) -> CancellationRequest: ...
    @property
    def start(self) -> date: ...
    @property
    def requested(self) -> date: ...

@final
class CancellationDates:
    """The dates of one cancellation of a batch."""
    @property
    def processed_on(self) -> date: ...
    @property
    def earliest_end(self) -> date: ...

def holidays(country: str, year: int) -> list[Holiday]:
    """Holidays of ``NL``, ``BE``, ``DE`` or a German Land (``DE-BY``) in ``year``."""

def is_working_day(country: str, date: date) -> bool: ...
def add_working_days(country: str, start: date, days: int) -> date:
    """The ``days``-th working day strictly after ``start``."""

def working_days_between(country: str, start: date, end: date) -> int: ...
def cancel(rulebook: str, start: date, requested: date) -> Cancellation:
    """Cancellation under a preset rulebook (``accensys``, ``nox``, ``jitco``, ``42com``, ``allocloud``)."""

def cancel_many(rulebook: str, requests: list[CancellationRequest]) -> list[CancellationDates]: ...

__all__ = ["Cancellation", "CancellationDates", "CancellationRequest", "ChangeKind", "ComplaintDeadline", "ConfigValidation", "ConfigViolation", "ContractRulebook", "ContractState", "ContractStatus", "CoverageCheck", "DisputeDeadlines", "Holiday", "OperationalDate", "PriceChangeCheck", "Severity", "SupportStatus", "UserFloor", "WarrantyEnd", "add_working_days", "cancel", "cancel_many", "holidays", "is_working_day", "working_days_between"]
