"""Billing (the Rust ``tariff`` crate): prepaid accounts and monthly invoices.

Money is :class:`decimal.Decimal` in and out, dates :class:`datetime.date`, instants
timezone-aware :class:`datetime.datetime`::

    from decimal import Decimal
    from voipkit import billing, tariff

    account = billing.PrepaidAccount("EUR", credit_limit=Decimal("0"))
    account.top_up(Decimal("10.00"), "payment-1")
    auth = account.authorize(plan, "0900 1234567", start)   # plan: tariff.TariffPlan
    auth.max_seconds, auth.cost_at_max

Errors are :class:`voipkit.TariffError` (a ``ValueError``).
"""

from voipkit._voipkit import (
    CallAuthorization,
    Invoice,
    InvoiceBundleFee,
    InvoiceCallCharges,
    InvoiceInput,
    InvoiceLine,
    InvoiceLineKind,
    InvoiceOneOffItem,
    InvoiceRecurringItem,
    InvoiceRoundingMode,
    InvoiceRoundingPoint,
    InvoiceUsageItem,
    LedgerEntry,
    LedgerEntryKind,
    LedgerTotals,
    PrepaidAccount,
    billing_call_charges as call_charges,
    billing_invoice as invoice,
)

__all__ = [
    "CallAuthorization",
    "Invoice",
    "InvoiceBundleFee",
    "InvoiceCallCharges",
    "InvoiceInput",
    "InvoiceLine",
    "InvoiceLineKind",
    "InvoiceOneOffItem",
    "InvoiceRecurringItem",
    "InvoiceRoundingMode",
    "InvoiceRoundingPoint",
    "InvoiceUsageItem",
    "LedgerEntry",
    "LedgerEntryKind",
    "LedgerTotals",
    "PrepaidAccount",
    "call_charges",
    "invoice",
]
