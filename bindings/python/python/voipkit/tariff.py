"""Rating, capacity, service work, late payment and phone numbers (the Rust ``tariff`` crate)."""

from voipkit._voipkit import (
    CallRecord,
    Capacity,
    CgratesCall,
    CgratesRater,
    LatePayment,
    NumberInfo,
    RatedCall,
    RatingOutcome,
    ServiceWorkCharge,
    TariffPlan,
    tariff_capacity as capacity,
    tariff_late_payment as late_payment,
    tariff_normalize_number as normalize_number,
    tariff_normalize_numbers as normalize_numbers,
    tariff_service_work as service_work,
)

__all__ = [
    "CallRecord",
    "Capacity",
    "CgratesCall",
    "CgratesRater",
    "LatePayment",
    "NumberInfo",
    "RatedCall",
    "RatingOutcome",
    "ServiceWorkCharge",
    "TariffPlan",
    "capacity",
    "late_payment",
    "normalize_number",
    "normalize_numbers",
    "service_work",
]
