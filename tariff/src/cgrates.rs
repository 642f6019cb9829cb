//! Migration from CGRateS: its tariff-plan CSVs (`Destinations`, `Rates`,
//! `DestinationRates`, `Timings`, `RatingPlans`, `RatingProfiles`) become a [`Plan`].
//!
//! In cgrates mode the rating engine then cuts a call into CGRateS's timespans (at
//! timing starts, midnights, tier boundaries and activations) and prices them as
//! CGRateS does; [`CgratesRater`] rates `GetCost` requests of any subject. The tariff
//! README lists each CGRateS behaviour reproduced.
//!
//! The plan uses [`Numbering::Literal`] (CGRateS matches the number as written, a
//! leading `+` included: a `+31…` number matches a `+31` prefix, not `31`, and falls
//! to the `*any` destination when no prefix written with `+` matches) and the
//! [`CgratesCompat`] rounding, so costs compare call by call with the CGRateS the
//! operator migrates from; set [`Plan::cgrates`] to `None` for exact rating.
//!
//! Mapping: each `RatingProfiles` activation of the subject becomes a version from that
//! instant (`effective_at`: an activation at 12:30Z starts at 12:30, not at midnight); a `RatingPlans` row gives rate entries for every prefix of its
//! destination, in its timing's band; `Rates` rows become slots (`GroupIntervalStart`,
//! `Rate` per `RateUnit`, in `RateIncrement`s) with the first row's `ConnectFee`;
//! `RoundingMethod` `*up`/`*down`/`*middle` becomes up/down/half-up, per rate (the
//! plan's own rounding is the longest of them, for totals). A timing runs from
//! its `Time` to midnight, on its `WeekDays`, `Years`, `Months` and
//! `MonthDays` (the end of a `start;end` time is checked but, as in CGRateS v0.10.4,
//! whose rate intervals keep only the start, not applied); `*any` is always; of the
//! timings in force the highest `Weight` applies, then the latest start, as CGRateS
//! picks them. `MaxCost` with `MaxCostStrategy`
//! becomes the rate's [`crate::MaxCost`] (`*free`: the call costs at most that;
//! `*disconnect`: prepaid authorization stops before it). `RatesFallbackSubject` (subjects separated by `;`, followed up to
//! three levels deep) adds the fallback subjects' rates for the numbers the subject's
//! own rating plan has no prefix for; as in CGRateS, the fallback subjects are tried in
//! the byte order of their names, not as listed (`business;*any` tries `*any` first).

use std::collections::{HashMap, HashSet};

mod rater;
pub use rater::{CgratesCall, CgratesRater, cgrates_calls};

use rust_decimal::Decimal;

use crate::Error;
use crate::money::{Rounding, RoundingMode, RoundingPoint};
use crate::plan::{
    CgratesCompat, DayKind, MaxCost, MaxCostStrategy, Numbering, Plan, PlanVersion, RateEntry,
    RateSlot, TimeBand,
};

/// The CSV texts of a CGRateS tariff plan (the files' contents).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CgratesTariffPlan {
    /// `Destinations.csv`: `Id,Prefix`.
    pub destinations: String,
    /// `Rates.csv`: `Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart`.
    pub rates: String,
    /// `DestinationRates.csv`: `Id,DestinationId,RatesTag,RoundingMethod,RoundingDecimals,...`.
    pub destination_rates: String,
    /// `Timings.csv`: `Tag,Years,Months,MonthDays,WeekDays,Time` (may be empty).
    pub timings: String,
    /// `RatingPlans.csv`: `Id,DestinationRatesId,TimingTag,Weight`.
    pub rating_plans: String,
    /// `RatingProfiles.csv`: `Tenant,Category,Subject,ActivationTime,RatingPlanId,...`.
    pub rating_profiles: String,
}

type Rows = Vec<(u64, Vec<String>)>;

/// An error in a CGRateS file: the file's name and the line of the row at fault.
fn at(file: &str, line: u64, reason: impl Into<String>) -> Error {
    Error::RateTable {
        table: format!("{file}.csv"),
        line: Some(line),
        reason: reason.into(),
    }
}

/// Data rows (line number, fields) of a CGRateS CSV; `#` lines are comments. Every row
/// takes one from `budget` (the rows of all six files together are bounded).
fn rows(text: &str, min_fields: usize, file: &str, budget: &mut Budget) -> Result<Rows, Error> {
    let mut out = Vec::new();
    for row in crate::csv_rows::Rows::headerless(text, b'#') {
        let (line, record) = row.map_err(|e| match e {
            Error::Csv { line, reason } => at(file, line, reason),
            other => other,
        })?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        budget.take(1)?;
        if record.len() < min_fields {
            return Err(at(
                file,
                line,
                format!(
                    "expected at least {min_fields} fields, found {}",
                    record.len()
                ),
            ));
        }
        out.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(out)
}

/// A Go-style duration (`60s`, `1m30s`, `0`, `1`) in whole seconds.
fn seconds(text: &str, line: u64, file: &str) -> Result<u32, Error> {
    let bad = || at(file, line, format!("invalid duration {text:?}"));
    if let Ok(n) = text.parse::<u32>() {
        return Ok(n);
    }
    let mut total: u64 = 0;
    let mut num = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_alphabetic() {
                unit.push(n);
                chars.next();
            } else {
                break;
            }
        }
        let value: u64 = num.parse().map_err(|_| bad())?;
        num.clear();
        let factor = match unit.as_str() {
            "h" => 3600,
            "m" => 60,
            "s" => 1,
            _ => return Err(bad()),
        };
        total = value
            .checked_mul(factor)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
    }
    if !num.is_empty() {
        return Err(bad());
    }
    u32::try_from(total).map_err(|_| bad())
}

fn decimal(text: &str, line: u64, file: &str) -> Result<Decimal, Error> {
    crate::money::parse_decimal(text)
        .map_err(|e| at(file, line, format!("invalid number {text:?}: {e}")))
}

/// A price or fee: exact and not negative.
fn price(text: &str, line: u64, file: &str, what: &str) -> Result<Decimal, Error> {
    let v = decimal(text, line, file)?;
    if v.is_sign_negative() && !v.is_zero() {
        return Err(at(file, line, format!("negative {what} {v}")));
    }
    Ok(v)
}

/// How deep fallback subjects are followed (a subject, its fallbacks, theirs...).
const MAX_FALLBACK_DEPTH: usize = 3;

/// The most prefixes an import may examine over all its plan versions, whatever the
/// limits it is given. Every version repeats the prefixes of every destination it
/// rates, and fallback subjects look at theirs again, so a few short CSV rows can
/// multiply; the import counts every prefix it looks at, copied or found covered,
/// against [`contracts::LoadLimits::max_total_items`] (one million by default) and
/// never past this.
pub const MAX_IMPORTED_PREFIXES: usize = 10_000_000;

/// The most `Timings` rows an import reads (each band's end is found among the others).
const MAX_TIMINGS: usize = 1_000;

/// What an import may still examine: rows and prefixes.
struct Budget {
    left: usize,
    max: usize,
}

impl Budget {
    fn take(&mut self, n: usize) -> Result<(), Error> {
        self.left = self.left.checked_sub(n).ok_or(Error::LimitExceeded {
            what: "rows and prefixes imported from CGRateS",
            max: self.max as u64,
        })?;
        Ok(())
    }
}

/// What an import gathers over all its plan versions.
struct ImportState {
    /// The longest rounding of the destination rates used: the plan's own.
    rounding: Option<(RoundingMode, u32)>,
    /// The timings the versions use.
    used_bands: HashSet<String>,
    budget: Budget,
}

/// A `DestinationRates` row.
#[derive(Debug, Clone)]
struct DestRate {
    line: u64,
    destination: String,
    rates_tag: String,
    mode: RoundingMode,
    decimals: u32,
    max_cost: Option<MaxCost>,
}

/// A `RatingPlans` row.
#[derive(Debug, Clone)]
struct PlanRow {
    line: u64,
    dest_rates: String,
    timing: String,
    weight: Decimal,
}

/// A `RatingProfiles` row of the tenant and category.
#[derive(Debug, Clone)]
struct Activation {
    line: u64,
    /// The `ActivationTime`, an instant.
    at: jiff::Timestamp,
    rating_plan: String,
    fallbacks: Vec<String>,
}

/// `MaxCost` and `MaxCostStrategy`: a ceiling when the cost is above 0 and a strategy
/// is given (CGRateS ignores either alone).
fn max_cost(amount: &str, strategy: &str, line: u64) -> Result<Option<MaxCost>, Error> {
    let amount = match amount {
        "" => Decimal::ZERO,
        text => price(text, line, "DestinationRates", "MaxCost")?,
    };
    let strategy = match strategy {
        "" => return Ok(None),
        "*free" => MaxCostStrategy::Free,
        "*disconnect" => MaxCostStrategy::Disconnect,
        other => {
            return Err(at(
                "DestinationRates",
                line,
                format!("unknown MaxCostStrategy {other:?}"),
            ));
        }
    };
    Ok((amount > Decimal::ZERO).then_some(MaxCost { amount, strategy }))
}

/// The imported files, indexed.
struct Tables<'a> {
    destinations: &'a HashMap<String, Vec<String>>,
    rates: &'a HashMap<String, (Decimal, Vec<RateSlot>)>,
    dest_rates: &'a HashMap<String, Vec<DestRate>>,
    rating_plans: &'a HashMap<String, Vec<PlanRow>>,
    band_names: &'a HashSet<String>,
    /// The timings whose time is `*asap`: CGRateS v0.10.4 panics when it rates by one
    /// (`getLeftMargin` reads an hour from `*asap`), so a rating plan row naming one
    /// is an import error.
    asap: &'a HashSet<String>,
    profiles: &'a HashMap<String, Vec<Activation>>,
}

/// One version's resolution of a subject and its fallbacks.
#[derive(Default)]
struct Resolution<'a> {
    /// The prefixes of the entries so far.
    covered: HashSet<String>,
    /// Each subject resolved, at the shallowest depth it was reached.
    visited: HashMap<&'a str, usize>,
    /// When resolving the `*any` subject on behalf of a fallback subject not yet
    /// activated: that subject's first activation (see [`RateEntry::reaching`]).
    reaching: Option<jiff::Timestamp>,
}

impl Resolution<'_> {
    /// Whether an earlier entry's prefix is a prefix of `p`.
    fn covers(&self, p: &str) -> bool {
        (1..=p.len()).any(|n| p.get(..n).is_some_and(|q| self.covered.contains(q)))
    }
}

/// Whether a subject reached at `depth` needs resolving: a subject already resolved at
/// the same depth or shallower adds nothing (its prefixes are covered, its fallbacks
/// resolved at least as deep), so each subject is resolved at most once per depth and
/// fallback lists that repeat subjects stay linear.
fn first_visit<'a>(visited: &mut HashMap<&'a str, usize>, subject: &'a str, depth: usize) -> bool {
    if depth > MAX_FALLBACK_DEPTH || visited.get(subject).is_some_and(|&d| d <= depth) {
        return false;
    }
    visited.insert(subject, depth);
    true
}

impl<'a> Tables<'a> {
    /// Activation instants of `subject` and of the subjects it falls back on.
    fn activation_dates(
        &self,
        subject: &'a str,
        depth: usize,
        visited: &mut HashMap<&'a str, usize>,
        out: &mut Vec<jiff::Timestamp>,
    ) {
        if !first_visit(visited, subject, depth) {
            return;
        }
        for a in self.profiles.get(subject).into_iter().flatten() {
            out.push(a.at);
            for f in &a.fallbacks {
                self.activation_dates(f, depth.saturating_add(1), visited, out);
            }
        }
    }

    /// Appends the rate entries of `subject` in force at `when`, then those of its
    /// fallback subjects (`RatesFallbackSubject`, in order) for the numbers no earlier
    /// entry matches: a fallback prefix is dropped when an earlier prefix is a prefix
    /// of it, so the longest-prefix match over the plan picks a fallback rate exactly
    /// when CGRateS would (the subject's plan has no rate for the number).
    fn entries_at(
        &self,
        subject: &'a str,
        when: jiff::Timestamp,
        depth: usize,
        res: &mut Resolution<'a>,
        entries: &mut Vec<RateEntry>,
        acc: &mut ImportState,
    ) -> Result<(), Error> {
        if !first_visit(&mut res.visited, subject, depth) {
            return Ok(());
        }
        let Some(activation) = self
            .profiles
            .get(subject)
            .and_then(|a| a.iter().rev().find(|a| a.at <= when))
        else {
            // A fallback subject not activated yet: CGRateS rates a call that lasts
            // until its first activation by the `*any` subject (the part before it),
            // after every prefix matched so far.
            if let Some(first) = self.profiles.get(subject).and_then(|a| a.first())
                && depth > 0
                && subject != "*any"
                && res.reaching.is_none()
            {
                let mut sub = Resolution {
                    covered: res.covered.clone(),
                    visited: HashMap::new(),
                    reaching: Some(first.at),
                };
                self.entries_at(
                    "*any",
                    when,
                    depth.saturating_add(1),
                    &mut sub,
                    entries,
                    acc,
                )?;
            }
            return Ok(());
        };
        let plan_id = &activation.rating_plan;
        // In the rating plan's row order, weights kept: the rating engine chooses
        // among the rates in force by weight, then the latest start, as CGRateS does,
        // and in cgrates mode sorts them as CGRateS does, which depends on this order.
        let rows = self.rating_plans.get(plan_id).ok_or_else(|| {
            at(
                "RatingProfiles",
                activation.line,
                format!("unknown RatingPlan {plan_id:?}"),
            )
        })?;
        // The subject's own prefixes cover the fallbacks' only once all its rows are in
        // (its rows for other timings repeat its prefixes).
        let mut added: Vec<String> = Vec::new();
        for row in rows {
            let drs = self.dest_rates.get(&row.dest_rates).ok_or_else(|| {
                at(
                    "RatingPlans",
                    row.line,
                    format!("unknown DestinationRates {:?}", row.dest_rates),
                )
            })?;
            let timing = &row.timing;
            let band = if timing == "*any" || timing.is_empty() {
                None
            } else {
                if !self.band_names.contains(timing) {
                    return Err(at(
                        "RatingPlans",
                        row.line,
                        format!("unknown Timing {timing:?}"),
                    ));
                }
                if self.asap.contains(timing) {
                    return Err(at(
                        "RatingPlans",
                        row.line,
                        format!(
                            "Timing {timing:?} starts *asap, which CGRateS cannot rate by \
                             (v0.10.4 panics reading an hour from it); give a time such as 00:00:00"
                        ),
                    ));
                }
                acc.used_bands.insert(timing.clone());
                Some(timing.clone())
            };
            for dr in drs {
                let candidates: &[String] = if dr.destination == "*any" {
                    &ANY_PREFIXES
                } else {
                    self.destinations.get(&dr.destination).ok_or_else(|| {
                        at(
                            "DestinationRates",
                            dr.line,
                            format!("unknown Destination {:?}", dr.destination),
                        )
                    })?
                };
                // Every prefix looked at counts, copied or not.
                acc.budget.take(candidates.len())?;
                let prefixes: Vec<String> = candidates
                    .iter()
                    .filter(|p| !res.covers(p))
                    .cloned()
                    .collect();
                if prefixes.is_empty() {
                    continue;
                }
                if acc.rounding.is_none_or(|(_, d)| dr.decimals > d) {
                    acc.rounding = Some((dr.mode, dr.decimals));
                }
                let (connect_fee, slots) =
                    self.rates.get(&dr.rates_tag).cloned().ok_or_else(|| {
                        at(
                            "DestinationRates",
                            dr.line,
                            format!("unknown Rates {:?}", dr.rates_tag),
                        )
                    })?;
                added.extend(prefixes.iter().cloned());
                entries.push(RateEntry {
                    destination: dr.destination.clone(),
                    prefixes,
                    class: None,
                    band: band.clone(),
                    connect_fee,
                    per_minute: Decimal::ZERO,
                    first_increment_s: None,
                    next_increment_s: None,
                    slots,
                    minimum_charge: Decimal::ZERO,
                    max_cost: dr.max_cost,
                    // CGRateS rounds a call as its destination rate says.
                    rounding: Some(Rounding {
                        mode: dr.mode,
                        decimals: dr.decimals,
                        point: RoundingPoint::PerCall,
                    }),
                    weight: Some(row.weight),
                    activation: Some(activation.at),
                    reaching: res.reaching,
                });
            }
        }
        res.covered.extend(added);
        for f in &activation.fallbacks {
            self.entries_at(f, when, depth.saturating_add(1), res, entries, acc)?;
        }
        Ok(())
    }
}

/// The name of the band of CGRateS's `*any` timing.
const ANY_TIMING: &str = "*any";

/// The values of a Timings list field (`*any` or empty: none, i.e. any), each within
/// `lo..=hi`.
fn timing_list<T>(field: &str, line: u64, name: &str, lo: i64, hi: i64) -> Result<Vec<T>, Error>
where
    T: TryFrom<i64>,
{
    if field.is_empty() || field == "*any" {
        return Ok(Vec::new());
    }
    field
        .split(';')
        .map(|v| {
            v.trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (lo..=hi).contains(n))
                .and_then(|n| T::try_from(n).ok())
                .ok_or_else(|| {
                    at(
                        "Timings",
                        line,
                        format!("{name} {field:?}: expected {lo} to {hi}, separated by ;"),
                    )
                })
        })
        .collect()
}

/// Seconds of the day of `HH:MM:SS` (or `HH:MM`).
fn clock_seconds(text: &str) -> Option<u32> {
    let mut parts = text.trim().split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = match parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() || h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(
        h.saturating_mul(3600)
            .saturating_add(m.saturating_mul(60))
            .saturating_add(s),
    )
}

/// The prefixes of the destination `*any`: every number, with or without `+`.
static ANY_PREFIXES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    (0..10u8)
        .flat_map(|d| [d.to_string(), format!("+{d}")])
        .collect()
});

/// Imports the rating of one subject (`tenant`, `category`, `subject`; a profile with
/// subject `*any` applies when none names it) as a plan for `country`, within
/// [`crate::default_limits`].
///
/// # Errors
/// [`Error::RateTable`] naming the file (`Rates.csv`) and the line of a row that does
/// not read or names something no other file defines; [`Error::LimitExceeded`] when
/// the files' rows and the prefixes the versions repeat exceed
/// [`contracts::LoadLimits::max_total_items`].
pub fn import_cgrates(
    files: &CgratesTariffPlan,
    tenant: &str,
    category: &str,
    subject: &str,
    country: &str,
) -> Result<Plan, Error> {
    import_cgrates_with(
        files,
        tenant,
        category,
        subject,
        country,
        &crate::default_limits(),
    )
}

/// [`import_cgrates`] within `limits`: the rows of the six files and every prefix the
/// import examines count against `limits.max_total_items` (never more than
/// [`MAX_IMPORTED_PREFIXES`]), and at most `limits.max_items` timings (never more than
/// a thousand).
///
/// # Errors
/// As [`import_cgrates`].
pub fn import_cgrates_with(
    files: &CgratesTariffPlan,
    tenant: &str,
    category: &str,
    subject: &str,
    country: &str,
    limits: &contracts::LoadLimits,
) -> Result<Plan, Error> {
    let max = limits.max_total_items.min(MAX_IMPORTED_PREFIXES);
    let mut budget = Budget { left: max, max };
    // Destinations.
    let mut destinations: HashMap<String, Vec<String>> = HashMap::new();
    for (line, f) in rows(&files.destinations, 2, "Destinations", &mut budget)? {
        // A leading `+` is part of the prefix in CGRateS: `+31` matches `+31…` only.
        let prefix = f[1].as_str();
        let digits = prefix.strip_prefix('+').unwrap_or(prefix);
        if digits.is_empty()
            || digits.len() > crate::MAX_PREFIX_DIGITS
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(at(
                "Destinations",
                line,
                format!(
                    "prefix {:?}: expected 1 to {} digits",
                    f[1],
                    crate::MAX_PREFIX_DIGITS
                ),
            ));
        }
        destinations
            .entry(f[0].clone())
            .or_default()
            .push(prefix.to_owned());
    }
    // Rates: tag → (connect fee, slots).
    let mut rates: HashMap<String, (Decimal, Vec<RateSlot>)> = HashMap::new();
    for (line, f) in rows(&files.rates, 6, "Rates", &mut budget)? {
        let connect = price(&f[1], line, "Rates", "ConnectFee")?;
        let slot = RateSlot {
            start_s: seconds(&f[5], line, "Rates")?,
            price: price(&f[2], line, "Rates", "Rate")?,
            unit_s: seconds(&f[3], line, "Rates")?,
            increment_s: seconds(&f[4], line, "Rates")?,
        };
        if slot.unit_s == 0 || slot.increment_s == 0 {
            return Err(at(
                "Rates",
                line,
                "RateUnit and RateIncrement must be at least 1 s",
            ));
        }
        let entry = rates
            .entry(f[0].clone())
            .or_insert((Decimal::ZERO, Vec::new()));
        if entry.1.iter().any(|s| s.start_s == slot.start_s) {
            return Err(at(
                "Rates",
                line,
                format!(
                    "{} has a second row for GroupIntervalStart {} s",
                    f[0], slot.start_s
                ),
            ));
        }
        if slot.start_s == 0 {
            entry.0 = connect;
        }
        entry.1.push(slot);
    }
    for (_, slots) in rates.values_mut() {
        slots.sort_by_key(|s| s.start_s);
    }
    // Destination rates: id → rows.
    let mut dest_rates: HashMap<String, Vec<DestRate>> = HashMap::new();
    for (line, f) in rows(&files.destination_rates, 5, "DestinationRates", &mut budget)? {
        let mode = match f[3].as_str() {
            "*up" => RoundingMode::Up,
            "*down" => RoundingMode::Down,
            "*middle" | "" => RoundingMode::HalfUp,
            other => {
                return Err(at(
                    "DestinationRates",
                    line,
                    format!("unknown rounding method {other:?}"),
                ));
            }
        };
        let decimals: u32 = f[4].parse().map_err(|_| {
            at(
                "DestinationRates",
                line,
                format!("invalid RoundingDecimals {:?}", f[4]),
            )
        })?;
        if decimals > 28 {
            return Err(at(
                "DestinationRates",
                line,
                format!("RoundingDecimals {decimals} above 28"),
            ));
        }
        let max_cost = max_cost(
            f.get(5).map_or("", String::as_str),
            f.get(6).map_or("", String::as_str),
            line,
        )?;
        dest_rates.entry(f[0].clone()).or_default().push(DestRate {
            line,
            destination: f[1].clone(),
            rates_tag: f[2].clone(),
            mode,
            decimals,
            max_cost,
        });
    }
    // Timings → bands. A timing is in force on its days from its start to midnight:
    // CGRateS v0.10.4 drops the end of a `start;end` time when it makes the rate
    // interval (`GetRateInterval` copies the start only), so the end is checked and
    // not applied. Of the timings in force CGRateS takes the highest weight, then the
    // latest start (`SelectRatingIntevalsForTimespan`), which the order of each
    // destination's rates keeps (see `entries_at`).
    let mut bands: Vec<TimeBand> = Vec::new();
    let mut band_starts: HashMap<String, u32> = HashMap::new();
    let mut asap: HashSet<String> = HashSet::new();
    for (line, f) in rows(&files.timings, 6, "Timings", &mut budget)? {
        let max_timings = limits.max_items.min(MAX_TIMINGS);
        if bands.len() >= max_timings {
            return Err(Error::LimitExceeded {
                what: "CGRateS timings",
                max: max_timings as u64,
            });
        }
        let years: Vec<i16> = timing_list(&f[1], line, "Years", 1, 9999)?;
        let months: Vec<u8> = timing_list(&f[2], line, "Months", 1, 12)?;
        let month_days: Vec<u8> = timing_list(&f[3], line, "MonthDays", 1, 31)?;
        let days = if f[4] == "*any" || f[4].is_empty() {
            DayKind::WEEK.to_vec()
        } else {
            f[4].split(';')
                .map(|d| match d.trim() {
                    "1" => Ok(DayKind::Mon),
                    "2" => Ok(DayKind::Tue),
                    "3" => Ok(DayKind::Wed),
                    "4" => Ok(DayKind::Thu),
                    "5" => Ok(DayKind::Fri),
                    "6" => Ok(DayKind::Sat),
                    "0" | "7" => Ok(DayKind::Sun),
                    other => Err(at("Timings", line, format!("invalid weekday {other:?}"))),
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        // `*asap` (activate at once) belongs to action plans: a rating plan that rates
        // by it is refused (see `Tables::asap`).
        let time = match f[5].as_str() {
            "*asap" => {
                asap.insert(f[0].clone());
                "00:00:00"
            }
            other => other,
        };
        let (start_text, end_text) = match time.split_once(';') {
            Some((s, e)) => (s, Some(e)),
            None => (time, None),
        };
        let invalid = |what: &str| at("Timings", line, format!("invalid {what} in time {time:?}"));
        let start = clock_seconds(start_text).ok_or_else(|| invalid("start"))?;
        if let Some(e) = end_text {
            clock_seconds(e).ok_or_else(|| invalid("end"))?;
        }
        if start % 60 != 0 {
            return Err(at(
                "Timings",
                line,
                format!("time {time:?}: bands start on a minute"),
            ));
        }
        if band_starts.contains_key(&f[0]) {
            return Err(at(
                "Timings",
                line,
                format!("timing {:?} is defined twice", f[0]),
            ));
        }
        let hhmm = |s: u32| format!("{:02}:{:02}", s / 3600, (s % 3600) / 60);
        band_starts.insert(f[0].clone(), start);
        bands.push(TimeBand {
            name: f[0].clone(),
            days,
            from: hhmm(start),
            to: "24:00".into(),
            years,
            months,
            month_days,
        });
    }
    // The `*any` timing as a band, for a destination that has rates under `*any` and
    // under other timings (weights and starts then decide between them).
    bands.push(TimeBand {
        name: ANY_TIMING.into(),
        days: DayKind::WEEK.to_vec(),
        from: "00:00".into(),
        to: "24:00".into(),
        years: vec![],
        months: vec![],
        month_days: vec![],
    });
    let band_names: HashSet<String> = bands.iter().map(|b| b.name.clone()).collect();
    // Rating plans: id → rows (destination rates id, timing, weight).
    let mut rating_plans: HashMap<String, Vec<PlanRow>> = HashMap::new();
    for (line, f) in rows(&files.rating_plans, 4, "RatingPlans", &mut budget)? {
        let weight = decimal(&f[3], line, "RatingPlans")?;
        rating_plans.entry(f[0].clone()).or_default().push(PlanRow {
            line,
            dest_rates: f[1].clone(),
            timing: f[2].clone(),
            weight,
        });
    }
    // Rating profiles: subject → activations (date, rating plan, fallback subjects).
    let mut profiles: HashMap<String, Vec<Activation>> = HashMap::new();
    for (line, f) in rows(&files.rating_profiles, 5, "RatingProfiles", &mut budget)? {
        if f[0] != tenant || f[1] != category {
            continue;
        }
        let at_time: jiff::Timestamp = f[3].parse().map_err(|_| {
            at(
                "RatingProfiles",
                line,
                format!("invalid ActivationTime {:?}", f[3]),
            )
        })?;
        // CGRateS keeps the fallback subjects sorted by their keys, without repeats
        // (`utils.FallbackSubjKeys`), and tries them in that order: `business;*any`
        // falls back on `*any` first.
        let mut fallbacks: Vec<String> = f
            .get(5)
            .map(|s| {
                s.split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        fallbacks.sort_unstable();
        fallbacks.dedup();
        profiles.entry(f[2].clone()).or_default().push(Activation {
            line,
            at: at_time,
            rating_plan: f[4].clone(),
            fallbacks,
        });
    }
    for activations in profiles.values_mut() {
        activations.sort_by_key(|a| a.at);
    }
    // The subject's own profile, or the `*any` one.
    let own = [subject, "*any"]
        .into_iter()
        .find(|s| profiles.contains_key(*s))
        .ok_or_else(|| Error::RateTable {
            table: "RatingProfiles.csv".into(),
            line: None,
            reason: format!("no row for {tenant}/{category}/{subject} or {tenant}/{category}/*any"),
        })?;
    let mut plan = Plan::new(&format!("cgrates {tenant}/{category}/{subject}"), country);
    plan.timezone = "UTC".into();
    plan.numbering = Numbering::Literal;
    plan.cgrates = Some(CgratesCompat::default());
    let tables = Tables {
        destinations: &destinations,
        rates: &rates,
        dest_rates: &dest_rates,
        rating_plans: &rating_plans,
        band_names: &band_names,
        asap: &asap,
        profiles: &profiles,
    };
    let mut acc = ImportState {
        rounding: None,
        used_bands: HashSet::new(),
        budget,
    };
    // A version starts at every activation of the subject and of the subjects it
    // falls back on (after the subject's first activation). Before the subject's first
    // activation CGRateS rates by the `*any` subject, so its versions come first.
    let first = profiles
        .get(own)
        .and_then(|a| a.first())
        .map(|a| a.at)
        .unwrap_or_default();
    let mut starts: Vec<(jiff::Timestamp, &str)> = Vec::new();
    if own != "*any" && profiles.contains_key("*any") {
        let mut dates = Vec::new();
        tables.activation_dates("*any", 0, &mut HashMap::new(), &mut dates);
        dates.sort();
        dates.dedup();
        starts.extend(
            dates
                .into_iter()
                .filter(|d| *d < first)
                .map(|d| (d, "*any")),
        );
        if !starts.is_empty() {
            plan.cgrates = Some(CgratesCompat {
                subject_from: Some(first),
                ..CgratesCompat::default()
            });
        }
    }
    let mut dates = Vec::new();
    tables.activation_dates(own, 0, &mut HashMap::new(), &mut dates);
    dates.sort();
    dates.dedup();
    starts.extend(dates.into_iter().filter(|d| *d >= first).map(|d| (d, own)));
    for (date, subject) in starts {
        let mut entries = Vec::new();
        tables.entries_at(
            subject,
            date,
            0,
            &mut Resolution::default(),
            &mut entries,
            &mut acc,
        )?;
        // A destination rated under `*any` and under other timings: its `*any` rates
        // become a band of their own, so that weights and starts decide between them.
        let timed: HashSet<String> = entries
            .iter()
            .filter(|e| e.band.is_some())
            .map(|e| e.destination.clone())
            .collect();
        for e in entries.iter_mut() {
            if e.band.is_none() && timed.contains(&e.destination) {
                e.band = Some(ANY_TIMING.into());
                acc.used_bands.insert(ANY_TIMING.into());
            }
        }
        // An activation of the subject that names fallback subjects refuses a call
        // reaching it with a number it cannot rate (see `PlanVersion::needs_rate`).
        let needs_rate = subject == own
            && profiles
                .get(own)
                .is_some_and(|a| a.iter().any(|a| a.at == date && !a.fallbacks.is_empty()));
        // A version that rates as the one before it adds nothing but memory.
        if !needs_rate && plan.versions.last().is_some_and(|v| v.rates == entries) {
            continue;
        }
        // An activation is an instant (06:00Z), not the start of its day.
        plan.versions.push(PlanVersion {
            effective_from: None,
            effective_at: Some(date),
            rates: entries,
            rates_csv: None,
            needs_rate,
        });
    }
    plan.bands = bands
        .into_iter()
        .filter(|b| acc.used_bands.contains(&b.name))
        .collect();
    let (mode, decimals) = acc.rounding.unwrap_or((RoundingMode::HalfUp, 4));
    plan.rounding = Rounding {
        mode,
        decimals,
        point: RoundingPoint::PerCall,
    };
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations_parse_to_seconds() {
        assert_eq!(seconds("60s", 1, "x").unwrap(), 60);
        assert_eq!(seconds("1m30s", 1, "x").unwrap(), 90);
        assert_eq!(seconds("1h", 1, "x").unwrap(), 3600);
        assert_eq!(seconds("0s", 1, "x").unwrap(), 0);
        assert_eq!(seconds("1", 1, "x").unwrap(), 1);
        assert!(seconds("60", 1, "x").is_ok());
        assert!(seconds("5x", 1, "x").is_err());
        assert!(seconds("1m3", 1, "x").is_err());
    }
}
