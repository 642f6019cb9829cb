//! Exact rating and billing for hosted VoIP: money, phone numbers, rate plans, bundles,
//! prepaid balances, invoices, capacity, traffic compliance and late payment.
//!
//! Part of voipkit. This crate is pure and sans-IO: it opens no socket, reads no clock
//! and touches no file. Every money rule of the providers' terms (`TERMS.md`) is here,
//! as data with provenance ([`Rulebook`]); calendars come from the `contracts` crate.
//!
//! Money is [`rust_decimal::Decimal`] with an ISO currency ([`Money`]), rounded only at
//! declared points ([`Rounding`]).
//!
//! ```
//! use tariff::{Rulebook, channels, service_work};
//!
//! // TERMS ALC-4: ten ALLOcloud users get 9 simultaneous channels.
//! let allocloud = Rulebook::preset("allocloud")?;
//! assert_eq!(channels(&allocloud, 10, 0)?.channels, 9);
//!
//! // TERMS NOX-1: 50 minutes of changes = 4 started quarters = EUR 82.00.
//! let nox = Rulebook::preset("nox")?;
//! let work = service_work(&nox, 50)?;
//! assert_eq!(work.amount.amount.to_string(), "82.00");
//! # Ok::<(), tariff::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[warn(clippy::arithmetic_side_effects)]
mod capacity;
#[warn(clippy::arithmetic_side_effects)]
mod cgrates;
mod csv_rows;
mod error;
#[warn(clippy::arithmetic_side_effects)]
mod invoice;
#[warn(clippy::arithmetic_side_effects)]
mod late;
#[cfg(feature = "serde")]
#[warn(clippy::arithmetic_side_effects)]
mod load;
#[warn(clippy::arithmetic_side_effects)]
mod money;
mod number;
#[warn(clippy::arithmetic_side_effects)]
mod plan;
mod prefix;
#[warn(clippy::arithmetic_side_effects)]
mod prepaid;
mod rating;
mod rulebook;
#[warn(clippy::arithmetic_side_effects)]
mod service;
#[warn(clippy::arithmetic_side_effects)]
mod traffic;

pub use capacity::{
    Capacity, InventoryItem, InventoryKind, UserCount, channels, channels_by_rule, count_users,
};
pub use cgrates::{
    CgratesCall, CgratesRater, CgratesTariffPlan, MAX_IMPORTED_PREFIXES, cgrates_calls,
    import_cgrates, import_cgrates_with,
};
pub use error::{Error, NumberErrorReason};
pub use invoice::{
    CallCharges, CreditItem, Invoice, InvoiceInput, InvoiceLine, OneOffItem, RecurringItem,
    UsageItem, invoice, standard_vat_pct,
};
pub use late::{
    LatePayment, MonthsLate, StatutoryComparison, StatutoryRate, compare_with_nl_statute,
    late_payment, late_payment_by_rule, months_late, nl_commercial_rates, nl_statutory_interest,
    nl_wik_collection_costs,
};
#[cfg(feature = "serde")]
pub use load::{PlanFormat, load_plan, load_plan_with};
pub use money::{Currency, Money, Rounding, RoundingMode, RoundingPoint, parse_decimal};
pub use number::{
    Country, MAX_E164_DIGITS, NumberClass, NumberInfo, PhoneNumber, normalize_number,
};
pub use plan::{
    Bundle, CgratesCompat, DayKind, MaxCost, MaxCostStrategy, Numbering, Plan, PlanVersion,
    RateEntry, RateSlot, TimeBand, UnansweredPolicy, parse_rate_table_csv,
};
pub use prefix::{MAX_PREFIX_DIGITS, PrefixTable};
pub use prepaid::{Authorization, LedgerEntry, PrepaidAccount};
pub use rating::{
    BundleUsage, CallRecord, CdrRecords, RatedCall, RatingEngine, cdr_records, parse_cdrs_csv,
};
pub use rulebook::{
    ChannelModel, ChannelRule, ChannelTier, FlatRateRule, LatePaymentRule, OneOffFee, PRESET_NAMES,
    Provenance, Rulebook, ServiceWorkRule, TrafficRule, TrainingRule,
};
pub use service::{ServiceWorkCharge, service_work, service_work_by_rule, training_fee};
/// The limits the loaders and the invoice of this crate apply unless given others: the
/// `contracts` defaults ([`contracts::LoadLimits`]: 10 000 entries per list, 1 000 000
/// rate entries and prefixes over a whole plan and its rate tables) with documents up
/// to 16 MiB.
pub fn default_limits() -> contracts::LoadLimits {
    contracts::LoadLimits::default().max_bytes(16 << 20)
}

pub use traffic::{
    CallAttempt, TrafficFigures, TrafficReport, Violation, parse_calls_csv, traffic_check,
    traffic_check_by_rule, traffic_figures,
};
