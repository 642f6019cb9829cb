from typing_extensions import final
from datetime import date, datetime
from decimal import Decimal

from voipkit.tariff import TariffPlan

@final
class LedgerEntryKind:
    """What a ledger entry records."""
    TOP_UP: LedgerEntryKind
    DEBIT: LedgerEntryKind
    @property
    def value(self) -> str:
        """The name (``"top_up"``, ``"debit"``)."""

@final
class LedgerEntry:
    @property
    def kind(self) -> LedgerEntryKind: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def reference(self) -> str: ...

@final
class LedgerTotals:
    @property
    def topped_up(self) -> Decimal: ...
    @property
    def debited(self) -> Decimal: ...

@final
class CallAuthorization:
    @property
    def allowed(self) -> bool: ...
    @property
    def max_seconds(self) -> int: ...
    @property
    def cost_at_max(self) -> Decimal | None: ...
    @property
    def available(self) -> Decimal: ...

@final
class PrepaidAccount:
    """A prepaid balance with a credit limit and the ledger that explains it (TERMS F42-1)."""
    def __new__(cls, currency: str = "EUR", credit_limit: Decimal = ...) -> PrepaidAccount: ...
    def top_up(self, amount: Decimal, reference: str) -> Decimal:
        """Add a payment; returns the new balance."""
    def debit(self, amount: Decimal, reference: str) -> Decimal:
        """Take a charge; refused (TariffError) below the credit limit. Returns the new balance."""
    @property
    def balance(self) -> Decimal: ...
    @property
    def credit_limit(self) -> Decimal: ...
    @property
    def available(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def ledger(self) -> list[LedgerEntry]: ...
    def totals(self) -> LedgerTotals: ...
    def authorize(
        self, plan: TariffPlan, destination: str, start: datetime, max_seconds: int = ...  # default 14400 (4 hours)
    ) -> CallAuthorization:
        """The longest call to ``destination`` the balance affords at ``plan``'s rates."""

@final
class InvoiceRecurringItem:
    def __new__(
        cls,
        description: str,
        unit_price: Decimal,
        quantity: Decimal | None = None,
        active_from: date | None = None,
        active_until: date | None = None,
    ) -> InvoiceRecurringItem: ...
    @property
    def description(self) -> str: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def quantity(self) -> Decimal | None:
        """Units; ``None`` means one."""
    @property
    def active_from(self) -> date | None: ...
    @property
    def active_until(self) -> date | None: ...

@final
class InvoiceUsageItem:
    def __new__(cls, description: str, unit_price: Decimal, quantity: Decimal) -> InvoiceUsageItem: ...
    @property
    def description(self) -> str: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def quantity(self) -> Decimal: ...

@final
class InvoiceOneOffItem:
    def __new__(cls, description: str, amount: Decimal | None = None) -> InvoiceOneOffItem: ...
    @property
    def description(self) -> str: ...
    @property
    def amount(self) -> Decimal | None: ...

@final
class InvoiceBundleFee:
    def __new__(cls, name: str, monthly_fee: Decimal) -> InvoiceBundleFee: ...
    @property
    def name(self) -> str: ...
    @property
    def monthly_fee(self) -> Decimal: ...

@final
class InvoiceCallCharges:
    """Rated calls (their number and summed cost) and the plan's bundle fees."""
    def __new__(cls, calls: int, cost: Decimal, bundles: list[InvoiceBundleFee] = ...) -> InvoiceCallCharges: ...
    @property
    def calls(self) -> int: ...
    @property
    def cost(self) -> Decimal: ...
    @property
    def bundles(self) -> list[InvoiceBundleFee]: ...

@final
class InvoiceRoundingMode:
    """How invoice amounts are rounded to their decimal places."""
    HALF_UP: InvoiceRoundingMode
    HALF_EVEN: InvoiceRoundingMode
    UP: InvoiceRoundingMode
    DOWN: InvoiceRoundingMode
    @property
    def value(self) -> str:
        """The name (``"half_up"``, ``"half_even"``, ``"up"``, ``"down"``)."""

@final
class InvoiceRoundingPoint:
    """Where an invoice is rounded: each line once, or only the subtotal."""
    PER_LINE: InvoiceRoundingPoint
    PER_INVOICE: InvoiceRoundingPoint
    @property
    def value(self) -> str:
        """The name (``"per_line"``, ``"per_invoice"``)."""

@final
class InvoiceInput:
    def __new__(
        cls,
        country: str,
        period_start: date,
        period_end: date,
        customer: str = ...,  # default ""
        currency: str = ...,  # default "EUR"
        vat_pct: Decimal | None = None,
        recurring: list[InvoiceRecurringItem] = ...,
        usage: list[InvoiceUsageItem] = ...,
        one_off: list[InvoiceOneOffItem] = ...,
        service_work_minutes: list[int] = ...,
        trained_persons: int = 0,
        call_charges: InvoiceCallCharges | None = None,
        rounding_mode: InvoiceRoundingMode = ...,  # default InvoiceRoundingMode.HALF_UP
        rounding_decimals: int = 2,
        rounding_point: InvoiceRoundingPoint = ...,  # default InvoiceRoundingPoint.PER_LINE
    ) -> InvoiceInput: ...
    @property
    def country(self) -> str: ...
    @property
    def period_start(self) -> date: ...
    @property
    def period_end(self) -> date: ...
    @property
    def customer(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def vat_pct(self) -> Decimal | None: ...
    @property
    def recurring(self) -> list[InvoiceRecurringItem]: ...
    @property
    def usage(self) -> list[InvoiceUsageItem]: ...
    @property
    def one_off(self) -> list[InvoiceOneOffItem]: ...
    @property
    def service_work_minutes(self) -> list[int]: ...
    @property
    def trained_persons(self) -> int: ...
    @property
    def call_charges(self) -> InvoiceCallCharges | None: ...
    @property
    def rounding_mode(self) -> InvoiceRoundingMode: ...
    @property
    def rounding_decimals(self) -> int: ...
    @property
    def rounding_point(self) -> InvoiceRoundingPoint: ...

@final
class InvoiceLineKind:
    """What an invoice line bills."""
    RECURRING: InvoiceLineKind
    USAGE: InvoiceLineKind
    CALLS: InvoiceLineKind
    BUNDLE: InvoiceLineKind
    ONE_OFF: InvoiceLineKind
    SERVICE_WORK: InvoiceLineKind
    TRAINING: InvoiceLineKind
    @property
    def value(self) -> str:
        """The name (``"recurring"``, ``"one_off"``, ...)."""

@final
class InvoiceLine:
    @property
    def kind(self) -> InvoiceLineKind: ...
    @property
    def description(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def explanation(self) -> str: ...

@final
class Invoice:
    @property
    def currency(self) -> str: ...
    @property
    def lines(self) -> list[InvoiceLine]: ...
    @property
    def subtotal(self) -> Decimal: ...
    @property
    def vat_pct(self) -> Decimal: ...
    @property
    def vat(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...

def invoice(input: InvoiceInput, rulebook: str | None = None) -> Invoice:
    """A monthly invoice in arrears (TERMS ACC-2): exact lines, subtotal, VAT, total."""

def call_charges(plan: TariffPlan, costs: list[Decimal]) -> InvoiceCallCharges:
    """The invoice's call charges: the number and sum of the rated costs, and the plan's bundle fees."""

__all__ = ["CallAuthorization", "Invoice", "InvoiceBundleFee", "InvoiceCallCharges", "InvoiceInput", "InvoiceLine", "InvoiceLineKind", "InvoiceOneOffItem", "InvoiceRecurringItem", "InvoiceRoundingMode", "InvoiceRoundingPoint", "InvoiceUsageItem", "LedgerEntry", "LedgerEntryKind", "LedgerTotals", "PrepaidAccount", "call_charges", "invoice"]
