//! Calendars, working days and contract evaluations (`contracts`).

use contracts::{Calendar, Region};
use jiff::civil::Date;

use crate::VoipkitError;

/// A public holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct Holiday {
    /// The day.
    pub date: Date,
    /// Its English name (`"King's Day"`).
    pub name: String,
}

/// The result of a cancellation (TERMS ACC-4, JIT-7).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct Cancellation {
    /// The day the notice counts as processed.
    pub processed_on: Date,
    /// The last day of the notice period.
    pub notice_end: Date,
    /// The last day of the minimum term, if the rulebook has one.
    pub minimum_term_end: Option<Date>,
    /// The earliest day the contract can end (its last day of service).
    pub earliest_end: Date,
    /// How it was worked out, one step per line, each citing its rule.
    pub explanation: Vec<String>,
}

/// One cancellation to evaluate in a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct CancellationRequest {
    /// The day the contract started.
    pub start: Date,
    /// The day the notice was received.
    pub requested: Date,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl CancellationRequest {
    #[new]
    fn py_new(start: Date, requested: Date) -> Self {
        Self { start, requested }
    }
}

/// The dates of one cancellation of a batch (no explanation: the fast path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct CancellationDates {
    /// The day the notice counts as processed.
    pub processed_on: Date,
    /// The earliest day the contract can end.
    pub earliest_end: Date,
}

fn calendar(country: &str) -> Result<Calendar, VoipkitError> {
    Ok(Calendar::for_region(country.parse::<Region>()?))
}

fn rulebook(name: &str) -> Result<contracts::Rulebook, VoipkitError> {
    Ok(contracts::Rulebook::preset(name)?)
}

/// The holidays of `country` (`NL`, `BE`, `DE`, or a German Land as `DE-BY`) in `year`,
/// in date order (TERMS CAL-NL, CAL-BE, CAL-DE).
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown country or a year outside the calendar.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_holidays(country: String, year: i16) -> Result<Vec<Holiday>, VoipkitError> {
    crate::guard(|| {
        Ok(calendar(&country)?
            .holidays(year)?
            .into_iter()
            .map(|h| Holiday {
                date: h.date,
                name: h.name.to_string(),
            })
            .collect())
    })
}

/// Whether `date` is a working day in `country`.
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown country or a date outside the calendar.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_is_working_day(country: String, date: Date) -> Result<bool, VoipkitError> {
    crate::guard(|| Ok(calendar(&country)?.is_working_day(date)?))
}

/// The `days`-th working day strictly after `start` in `country` (negative: before).
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown country or a date outside the calendar.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_add_working_days(
    country: String,
    start: Date,
    days: i32,
) -> Result<Date, VoipkitError> {
    crate::guard(|| Ok(calendar(&country)?.add_working_days(start, days)?))
}

/// The number of working days after `start` up to and including `end` in `country`.
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown country or a date outside the calendar.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_working_days_between(
    country: String,
    start: Date,
    end: Date,
) -> Result<i64, VoipkitError> {
    crate::guard(|| Ok(calendar(&country)?.working_days_between(start, end)?))
}

/// Evaluates a cancellation under the preset rulebook `rulebook` (`accensys`, `nox`,
/// `jitco`, `42com`, `allocloud`) of a contract that started on `start`, the notice
/// received on `requested`.
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown rulebook, one without a notice rule, or
/// `requested` before `start`.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_cancel(
    rulebook: String,
    start: Date,
    requested: Date,
) -> Result<Cancellation, VoipkitError> {
    crate::guard(|| {
        let c = self::rulebook(&rulebook)?.cancel(start, requested)?;
        Ok(Cancellation {
            processed_on: c.processed_on,
            notice_end: c.notice_end,
            minimum_term_end: c.minimum_term_end,
            earliest_end: c.earliest_end,
            explanation: c.explanation.iter().map(ToString::to_string).collect(),
        })
    })
}

/// Evaluates many cancellations under one rulebook, in order (no explanations).
///
/// # Errors
/// As [`contracts_cancel`], for the first request that fails.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_cancel_many(
    rulebook: String,
    requests: Vec<CancellationRequest>,
) -> Result<Vec<CancellationDates>, VoipkitError> {
    crate::guard(|| {
        let book = self::rulebook(&rulebook)?;
        requests
            .iter()
            .map(|r| {
                let d = book.cancel_dates(r.start, r.requested)?;
                Ok(CancellationDates {
                    processed_on: d.processed_on,
                    earliest_end: d.earliest_end,
                })
            })
            .collect()
    })
}
