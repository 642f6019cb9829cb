from typing_extensions import final
from datetime import date

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

__all__ = ["Cancellation", "CancellationDates", "CancellationRequest", "Holiday", "add_working_days", "cancel", "cancel_many", "holidays", "is_working_day", "working_days_between"]
