//! Rating calls of any subject straight from a CGRateS tariff plan, as its `GetCost`
//! API answers them.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{CgratesTariffPlan, import_cgrates_with};
use crate::Error;
use crate::number::NumberClass;
use crate::rating::{BundleUsage, RatedCall, RatingEngine};

/// One `GetCost` request: who calls, where, when and how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CgratesCall {
    /// The tenant (`cgrates.org`).
    pub tenant: String,
    /// The category (`call`).
    pub category: String,
    /// The rating subject (usually the account).
    pub subject: String,
    /// The dialled number, as written (a leading `+` is part of it).
    pub destination: String,
    /// When the call was answered.
    pub start: jiff::Timestamp,
    /// Its seconds.
    pub duration_s: u32,
}

/// Rates calls of every tenant, category and subject of a CGRateS tariff plan in
/// cgrates mode, as CGRateS v0.10.4's `GetCost` does: each subject's plan is imported
/// ([`crate::import_cgrates`]) the first time one of its calls is rated, and kept.
///
/// A subject without a rating profile is rated by its tenant and category's `*any`
/// profile; with neither, a call of no duration costs 0, as in CGRateS (which answers
/// such a call before looking for a profile), and a longer one is an error naming the
/// missing profile.
///
/// ```
/// use tariff::{CgratesCall, CgratesRater, CgratesTariffPlan};
///
/// let files = CgratesTariffPlan {
///     destinations: "DST_1002,1002\n".into(),
///     rates: "RT_20CNT,0.4,0.2,60s,60s,0s\nRT_20CNT,0,0.1,60s,1s,60s\n".into(),
///     destination_rates: "DR_1002_20CNT,DST_1002,RT_20CNT,*up,4,0,\n".into(),
///     timings: String::new(),
///     rating_plans: "RP_1001,DR_1002_20CNT,*any,10\n".into(),
///     rating_profiles: "cgrates.org,call,1001,2014-01-14T00:00:00Z,RP_1001,\n".into(),
/// };
/// let mut rater = CgratesRater::new(files, "NL");
/// let call = |subject: &str, duration_s| CgratesCall {
///     tenant: "cgrates.org".into(),
///     category: "call".into(),
///     subject: subject.into(),
///     destination: "1002".into(),
///     start: "2014-08-04T13:00:00Z".parse().unwrap(),
///     duration_s,
/// };
/// // The CGRateS tutorial's call: 0.4 + 0.2 for the first minute, 70 s at 0.1/min.
/// assert_eq!(rater.rate(&call("1001", 130)).unwrap().cost.to_string(), "0.7169");
/// // No profile for 1009 and no `*any` one: refused, unless the call has no duration.
/// assert!(rater.rate(&call("1009", 130)).is_err());
/// assert!(rater.rate(&call("1009", 0)).unwrap().cost.is_zero());
/// ```
#[derive(Debug)]
pub struct CgratesRater {
    files: CgratesTariffPlan,
    country: String,
    limits: contracts::LoadLimits,
    engines: HashMap<(String, String, String), Result<RatingEngine, Error>>,
}

impl CgratesRater {
    /// A rater over `files` for accounts in `country`, within [`crate::default_limits`].
    pub fn new(files: CgratesTariffPlan, country: &str) -> Self {
        Self::with_limits(files, country, crate::default_limits())
    }

    /// A rater whose imports run within `limits` (see [`import_cgrates_with`]).
    pub fn with_limits(
        files: CgratesTariffPlan,
        country: &str,
        limits: contracts::LoadLimits,
    ) -> Self {
        CgratesRater {
            files,
            country: country.to_owned(),
            limits,
            engines: HashMap::new(),
        }
    }

    /// The rating engine of a subject, imported on first use.
    ///
    /// # Errors
    /// The import's error: a file's row at fault, or no rating profile for the subject
    /// nor `*any` ([`Error::RateTable`] naming `RatingProfiles.csv`).
    pub fn engine(
        &mut self,
        tenant: &str,
        category: &str,
        subject: &str,
    ) -> Result<&RatingEngine, Error> {
        let key = (tenant.to_owned(), category.to_owned(), subject.to_owned());
        let (files, country, limits) = (&self.files, &self.country, &self.limits);
        self.engines
            .entry(key)
            .or_insert_with(|| {
                import_cgrates_with(files, tenant, category, subject, country, limits)
                    .and_then(|plan| RatingEngine::new(&plan))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Rates one call as `GetCost` would.
    ///
    /// # Errors
    /// [`CgratesRater::engine`]'s for a call of some duration, then the rating's
    /// ([`Error::NoRate`], [`Error::NoRateAt`], ...).
    pub fn rate(&mut self, call: &CgratesCall) -> Result<RatedCall, Error> {
        let engine = match self.engine(&call.tenant, &call.category, &call.subject) {
            Ok(engine) => engine,
            // CGRateS answers a call of no duration before it looks for a profile.
            Err(_) if call.duration_s == 0 => return Ok(zero_call()),
            Err(e) => return Err(e),
        };
        let mut usage = BundleUsage::new(engine);
        engine.rate(
            call.start,
            call.duration_s,
            true,
            &call.destination,
            &mut usage,
        )
    }
}

/// A call of no duration that no profile rates.
fn zero_call() -> RatedCall {
    RatedCall {
        cost: Decimal::ZERO,
        increments: 0,
        billed_s: 0,
        destination_class: NumberClass::Geographic,
        destination: None,
        rate: None,
        band: None,
        included_in_bundle: false,
        bundle: None,
        cost_before_bundle: Decimal::ZERO,
        bundle_s: 0,
    }
}

/// The calls of a CSV text of `GetCost` requests, one per row:
/// `tenant,category,subject,destination,start,duration` (`start` RFC 3339, `duration`
/// in seconds or as a Go duration such as `2m10s`). Lines starting with `#` and a
/// header row starting with `tenant` are skipped. Each call comes with the line it is
/// on; rows are read as they are asked for.
///
/// # Errors
/// Per row: [`Error::Csv`] for a row that is not CSV or has too few fields, and
/// [`Error::InvalidValue`] naming the field for a start or duration that does not read.
pub fn cgrates_calls(text: &str) -> impl Iterator<Item = Result<(u64, CgratesCall), Error>> + '_ {
    crate::csv_rows::Rows::headerless(text, b'#').filter_map(|row| {
        let (line, record) = match row {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        if record.iter().all(str::is_empty) || record.get(0) == Some("tenant") {
            return None;
        }
        Some(call_of(line, &record))
    })
}

fn call_of(line: u64, record: &csv::StringRecord) -> Result<(u64, CgratesCall), Error> {
    if record.len() < 6 {
        return Err(Error::Csv {
            line,
            reason: format!(
                "expected 6 fields (tenant,category,subject,destination,start,duration), found {}",
                record.len()
            ),
        });
    }
    let field = |i: usize| record.get(i).unwrap_or_default();
    let invalid = |name: &str, value: &str, reason: String| Error::InvalidValue {
        field: format!("calls line {line}: {name}"),
        reason: format!("{value:?}: {reason}"),
    };
    let start: jiff::Timestamp = field(4)
        .parse()
        .map_err(|e| invalid("start", field(4), format!("expected RFC 3339: {e}")))?;
    let duration_s = super::seconds(field(5), line, "calls").map_err(|_| {
        invalid(
            "duration",
            field(5),
            "expected whole seconds up to 4294967295 or a duration such as 2m10s".into(),
        )
    })?;
    Ok((
        line,
        CgratesCall {
            tenant: field(0).to_owned(),
            category: field(1).to_owned(),
            subject: field(2).to_owned(),
            destination: field(3).to_owned(),
            start,
            duration_s,
        },
    ))
}
