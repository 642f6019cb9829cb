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
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod calendar;
mod error;
mod months;

pub use calendar::{Calendar, GermanState, Holiday, MAX_YEAR, MIN_YEAR, Region, easter_sunday};
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
    ContractStatus, DisputeDeadlines, OperationalDate, PriceChangeCheck, Step, SupportStatus,
    UserFloor, WarrantyEnd,
};
pub use rulebook::{LoadLimits, PRESETS, Rulebook};
pub use rules::Severity;
