"""Calendars, working days and contract evaluations (the Rust ``contracts`` crate)."""

from voipkit._voipkit import (
    Cancellation,
    CancellationDates,
    CancellationRequest,
    Holiday,
    contracts_add_working_days as add_working_days,
    contracts_cancel as cancel,
    contracts_cancel_many as cancel_many,
    contracts_holidays as holidays,
    contracts_is_working_day as is_working_day,
    contracts_working_days_between as working_days_between,
)

__all__ = [
    "Cancellation",
    "CancellationDates",
    "CancellationRequest",
    "Holiday",
    "add_working_days",
    "cancel",
    "cancel_many",
    "holidays",
    "is_working_day",
    "working_days_between",
]
