//! Rating calls against a compiled [`Plan`].
//!
//! # Rules
//!
//! * **Increments.** A rate is a list of slots (price per unit, increment). Starting
//!   at second 0, the call is charged one increment of the slot in force at the
//!   increment's start until the increments cover the duration. The simple form
//!   `first/next` (60/60, 30/6, 1/1) is two slots: one increment of `first`, then
//!   increments of `next`. A 0-second answered call has no increments.
//! * **Cost** = connect fee + Σ increments × price × increment / unit, at least the
//!   minimum charge. Exact: it is rounded once per call (or per increment, when the
//!   plan's [`Rounding`] says so), never anywhere else. With rounding at the invoice
//!   line or invoice, the call cost keeps full precision.
//! * **Time bands.** The band in force at the moment the call is answered, in the
//!   plan's local time, applies to the whole call (a call crossing 19:00 that started
//!   in the peak band is charged the peak rate throughout). Local time comes from the
//!   plan's IANA zone, so daylight-saving nights are handled: a call's duration is its
//!   real duration, and the band is picked by the local wall-clock time. On a public
//!   holiday of the plan's calendar only bands listing `holiday` apply.
//! * **Versions.** The version with the latest `effective_from` (local midnight) not
//!   after the call's start applies.
//! * **Unanswered calls** are free unless the plan charges the connect fee.
//! * **Emergency numbers** are always free.
//! * **Bundles**: the first bundle in plan order that covers the whole call applies
//!   (a flat rate covers its classes; free minutes cover a call whose charged seconds
//!   fit in what is left) and the call costs 0. Otherwise the first free-minutes
//!   bundle with room for the call's first increment covers it in part: see
//!   [`BundleUsage`] for the rule. No bundle ever covers premium or international
//!   calls (TERMS ACC-3), whatever the plan says.

//!
//! # Where each step lives
//!
//! * `compile`: from a [`Plan`] to the engine's tables (bands, destinations, prefix
//!   tables per version, the integer form of amounts).
//! * `integer`: exact integer arithmetic of amounts, with the one rounding of a
//!   quotient.
//! * `cost`: the cost of an answered call at a rate, by the integer, decimal or
//!   CGRateS path.
//! * `bundle`: flat rates and free minutes.
//! * `authorize`: prepaid authorization by the plan's prices.
//! * `explain`: the steps behind a rated call, for people.
//! * `cdr`: call records from CSV.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rust_decimal::Decimal;

use crate::Error;
use crate::error::NumberErrorReason;
use crate::money::{Currency, Rounding};
use crate::number::{Country, NumberClass, PhoneNumber, normalize_number};
use crate::plan::{Bundle, CgratesCompat, DayKind, Numbering, UnansweredPolicy};

use compile::{
    CompiledBand, CompiledRate, CompiledSlot, CompiledVersion, Destination, FixedPoint,
    HolidayBits, NO_BAND, NO_RATE,
};
use cost::count_increments;

pub use cdr::{CdrRecords, cdr_records, parse_cdrs_csv};

mod authorize;
mod bundle;
mod cdr;
mod compile;
mod cost;
mod explain;
mod integer;
mod timespans;

/// A plan compiled for rating: prefix tables, rates in exact integer form, bands,
/// holidays. Build once, rate millions of calls; rating does not allocate.
#[derive(Debug, Clone)]
pub struct RatingEngine {
    name: String,
    currency: Currency,
    country: Country,
    tz: TimeZone,
    numbering: Numbering,
    unanswered: UnansweredPolicy,
    rounding: Rounding,
    cgrates: Option<CgratesCompat>,
    band_names: Vec<String>,
    bands: Vec<CompiledBand>,
    /// Whether a band is limited to some dates (rating then needs the local date).
    dated_bands: bool,
    destinations: Vec<Destination>,
    rates: Vec<CompiledRate>,
    slots: Vec<CompiledSlot>,
    versions: Vec<CompiledVersion>,
    bundles: Vec<Bundle>,
    calendar: Option<contracts::Calendar>,
    holidays: Option<HolidayBits>,
    fixed: Option<FixedPoint>,
}

/// One call to rate (owned form).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CallRecord {
    /// An identifier carried through (may be empty).
    pub call_id: String,
    /// When the call was answered (or attempted, when unanswered).
    pub start: Timestamp,
    /// Conversation seconds.
    pub duration_s: u32,
    /// The dialled number.
    pub destination: String,
    /// Whether the call was answered.
    pub answered: bool,
}

/// The result of rating one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatedCall {
    /// What the call costs (0 when a bundle covers it).
    pub cost: Decimal,
    /// Charged increments.
    pub increments: u32,
    /// Charged seconds (the increments' total).
    pub billed_s: u32,
    /// The destination's class.
    pub destination_class: NumberClass,
    /// Index of the matched destination ([`RatingEngine::destination_name`]).
    pub destination: Option<u32>,
    /// Index of the applied rate.
    pub rate: Option<u32>,
    /// Index of the time band that selected the rate ([`RatingEngine::band_name`]).
    pub band: Option<u16>,
    /// Whether a bundle covers the call.
    pub included_in_bundle: bool,
    /// Index of the covering bundle.
    pub bundle: Option<u16>,
    /// The cost before any bundle.
    pub cost_before_bundle: Decimal,
    /// Seconds a bundle covered: all of `billed_s` when the call is included in a
    /// bundle, the covered leading increments when free minutes covered it in part,
    /// else 0.
    pub bundle_s: u32,
}

/// Bundle consumption over a billing period (one per account and month).
///
/// # Partly covered calls
///
/// A call longer than the free minutes left is split at an increment boundary:
///
/// * **Covered increments.** The bundle covers the call's leading increments, in
///   order, as many as fit entirely in the seconds left; an increment is never split
///   (with 30/6 increments and 40 s left, a 60 s call has its 30 s first increment
///   covered and 40 − 30 = 10 s leaves room for one 6 s increment: 36 s covered, 4 s
///   stay in the bundle for a later call).
/// * **Charged part.** The remaining increments are charged at their slot prices,
///   plus the **connect fee** (the bundle covers minutes, not the set-up), at least
///   the minimum charge, at most a `*free` maximum cost, rounded as the plan rounds
///   a call (per increment, per call; in CGRateS mode its per-slot rounding over the
///   charged increments).
/// * **Use.** The covered increments' seconds are taken from the bundle; the call
///   reports them as [`RatedCall::bundle_s`] and its bundle as [`RatedCall::bundle`],
///   while [`RatedCall::included_in_bundle`] stays false (the call is charged).
/// * A call whose first increment does not fit is charged in full and takes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BundleUsage {
    /// Seconds used per bundle, in plan order.
    pub used_s: Vec<u64>,
}

impl BundleUsage {
    /// Nothing used yet.
    pub fn new(engine: &RatingEngine) -> Self {
        BundleUsage {
            used_s: vec![0; engine.bundles.len()],
        }
    }
}

impl RatingEngine {
    /// The plan's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The plan's currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The plan's CGRateS compatibility, when it rates as CGRateS does (`cgrates`
    /// mode); `None` in exact mode.
    pub fn cgrates(&self) -> Option<CgratesCompat> {
        self.cgrates
    }

    /// The rating mode's name: `cgrates` or `exact`.
    pub fn mode_name(&self) -> &'static str {
        if self.cgrates.is_some() {
            "cgrates"
        } else {
            "exact"
        }
    }

    /// The plan's rounding of call costs.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The plan's time zone.
    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The account's country.
    pub fn country(&self) -> Country {
        self.country
    }

    /// The bundles of the plan.
    pub fn bundles(&self) -> &[Bundle] {
        &self.bundles
    }

    /// A destination's name by index.
    pub fn destination_name(&self, index: u32) -> Option<&str> {
        self.destinations
            .get(index as usize)
            .map(|d| d.name.as_str())
    }

    /// A time band's name by index.
    pub fn band_name(&self, index: u16) -> Option<&str> {
        self.band_names.get(usize::from(index)).map(String::as_str)
    }

    /// Total prefixes over all versions.
    pub fn prefix_count(&self) -> usize {
        self.versions
            .iter()
            .map(|v| v.table.len() + v.plus_table.len())
            .sum()
    }

    /// Rates one call. Does not allocate on success in exact mode (cgrates mode builds
    /// the call's CGRateS timespans).
    pub fn rate(
        &self,
        start: Timestamp,
        duration_s: u32,
        answered: bool,
        destination: &str,
        usage: &mut BundleUsage,
    ) -> Result<RatedCall, Error> {
        let rated = self.rate_priced(start, duration_s, answered, destination, usage);
        if duration_s == 0 && self.cgrates.is_some() {
            // CGRateS v0.10.4 (`CallDescriptor.getCost`): no duration, no cost, whatever
            // the destination and its rates (see `CgratesCompat`).
            let zero = self.zero();
            return Ok(match rated {
                Ok(r) => RatedCall {
                    destination: r.destination,
                    rate: r.rate,
                    band: r.band,
                    ..free_call(r.destination_class, zero)
                },
                Err(_) => free_call(NumberClass::Geographic, zero),
            });
        }
        rated
    }

    /// [`RatingEngine::rate`] by the plan's prices, before the CGRateS quirks.
    fn rate_priced(
        &self,
        start: Timestamp,
        duration_s: u32,
        answered: bool,
        destination: &str,
        usage: &mut BundleUsage,
    ) -> Result<RatedCall, Error> {
        // E.164 numbers are looked up by their zero-padded digits, the others as given.
        let mut padded = [0u8; 16];
        let mut plus = false;
        let (digits, class_from_number): (&[u8], Option<NumberClass>) = match self.numbering {
            Numbering::E164 => {
                let number: PhoneNumber = normalize_number(destination, self.country)?;
                if number.class() == NumberClass::Emergency {
                    return Ok(free_call(NumberClass::Emergency, self.zero()));
                }
                padded = number.padded_digits();
                (&[], Some(number.class()))
            }
            Numbering::Digits | Numbering::Literal => {
                let raw = destination.trim();
                let digits = raw.strip_prefix('+');
                plus = digits.is_some() && self.numbering == Numbering::Literal;
                let raw = digits.unwrap_or(raw);
                if raw.is_empty() {
                    return Err(number_error(destination, 0, NumberErrorReason::Empty));
                }
                if let Some(pos) = raw.bytes().position(|b| !b.is_ascii_digit()) {
                    return Err(number_error(
                        destination,
                        pos,
                        NumberErrorReason::InvalidCharacter,
                    ));
                }
                (raw.as_bytes(), None)
            }
        };
        let secs = start.as_second();
        let version = self
            .version_at(secs)
            .ok_or_else(|| Error::NoRate(destination.to_owned()))?;
        let found = match class_from_number {
            // A normalized number's digits are valid already: nothing to check again.
            Some(_) => version.table.lookup_padded_with_companion(&padded),
            // Under literal numbering a number dialled with `+` matches the prefixes
            // written with `+`.
            None if plus => version.plus_table.lookup_with_companion(digits),
            None => version.table.lookup_with_companion(digits),
        };
        let (dest, fast_id) = found.ok_or_else(|| Error::NoRate(destination.to_owned()))?;
        let class = class_from_number
            .or_else(|| self.destinations.get(dest as usize).and_then(|d| d.class))
            .unwrap_or(NumberClass::Geographic);
        if answered
            && let Some(fast) = version.fast.get(fast_id as usize)
            && let Some(&rate_index) = version.single.get(dest as usize)
            && let Some((increments, billed_s, cost)) = self.fast_cost(fast, duration_s)
        {
            let mut rated = RatedCall {
                cost,
                increments,
                billed_s,
                destination_class: class,
                destination: Some(dest),
                rate: Some(rate_index),
                band: None,
                included_in_bundle: false,
                bundle: None,
                cost_before_bundle: cost,
                bundle_s: 0,
            };
            self.apply_bundles(&mut rated, usage, duration_s)?;
            return Ok(rated);
        }
        let (dest, class, (band, rate_index)) =
            match self.pick_rate(version, dest, start, destination) {
                Ok(picked) => (dest, class, picked),
                Err(e @ Error::NoRateAt { .. }) if self.cgrates.is_some() => {
                    let table = if plus {
                        &version.plus_table
                    } else {
                        &version.table
                    };
                    self.shorter_prefix_rate(version, table, digits, dest, start, destination)
                        .ok_or(e)?
                }
                Err(e) => return Err(e),
            };
        let rate = self
            .rates
            .get(rate_index as usize)
            .ok_or_else(|| Error::NoRate(destination.to_owned()))?;
        if !answered {
            let cost = match self.unanswered {
                UnansweredPolicy::Free => self.zero(),
                UnansweredPolicy::ConnectFee => self.round_call(rate.connect_fee),
            };
            return Ok(RatedCall {
                cost,
                increments: 0,
                billed_s: 0,
                destination_class: class,
                destination: Some(dest),
                rate: Some(rate_index),
                band,
                included_in_bundle: false,
                bundle: None,
                cost_before_bundle: cost,
                bundle_s: 0,
            });
        }
        let (increments, billed_s, cost) = match self.cgrates {
            Some(compat) if duration_s > 0 => {
                let call_end = start.as_second() + i64::from(duration_s);
                if compat
                    .subject_from
                    .is_some_and(|from| call_end < from.as_second())
                {
                    // CGRateS: UNAUTHORIZED_DESTINATION for a call that ends before the
                    // subject's first activation.
                    return Err(Error::NoRate(destination.to_owned()));
                }
                if rate.reaching.is_some_and(|at| call_end < at) {
                    return Err(Error::NoRate(destination.to_owned()));
                }
                let (version, dest, cut) = self.cgrates_reach(
                    version,
                    dest,
                    start,
                    duration_s,
                    (digits, plus),
                    destination,
                )?;
                let t =
                    self.cgrates_timespans(version, dest, start, duration_s, cut, destination)?;
                (t.increments, t.billed_s, t.cost)
            }
            _ => {
                let (increments, billed_s) = count_increments(self.slots_of(rate), duration_s);
                (increments, billed_s, self.cost_of(rate, duration_s)?)
            }
        };
        let mut rated = RatedCall {
            cost,
            increments,
            billed_s,
            destination_class: class,
            destination: Some(dest),
            rate: Some(rate_index),
            band,
            included_in_bundle: false,
            bundle: None,
            cost_before_bundle: cost,
            bundle_s: 0,
        };
        self.apply_bundles(&mut rated, usage, duration_s)?;
        Ok(rated)
    }

    /// Rates a [`CallRecord`].
    pub fn rate_record(
        &self,
        record: &CallRecord,
        usage: &mut BundleUsage,
    ) -> Result<RatedCall, Error> {
        self.rate(
            record.start,
            record.duration_s,
            record.answered,
            &record.destination,
            usage,
        )
    }

    /// Rates many records in order, sharing one bundle usage; one result per record.
    pub fn rate_batch(
        &self,
        records: &[CallRecord],
        usage: &mut BundleUsage,
    ) -> Vec<Result<RatedCall, Error>> {
        records.iter().map(|r| self.rate_record(r, usage)).collect()
    }

    /// CGRateS's fallback when the destination of the longest prefix has no rate in
    /// force at the call's start (its rates are limited to timings): the destination of
    /// the next shorter matching prefix that has one, down to the `*any` destination
    /// (`RatingProfile.GetRatingPlansForPrefix`). The destination, its class and the
    /// picked rate; `None` when no shorter prefix has a rate in force.
    fn shorter_prefix_rate(
        &self,
        version: &CompiledVersion,
        table: &crate::prefix::PrefixTable,
        digits: &[u8],
        longest: u32,
        start: Timestamp,
        number: &str,
    ) -> Option<(u32, NumberClass, (Option<u16>, u32))> {
        let mut tried = longest;
        for len in (1..digits.len()).rev() {
            let (dest, _) = table.lookup_with_companion(digits.get(..len)?)?;
            if dest == tried {
                continue;
            }
            tried = dest;
            if let Ok(picked) = self.pick_rate(version, dest, start, number) {
                let class = self
                    .destinations
                    .get(dest as usize)
                    .and_then(|d| d.class)
                    .unwrap_or(NumberClass::Geographic);
                return Some((dest, class, picked));
            }
        }
        None
    }

    /// Cgrates mode: what the versions a call reaches after its start (up to and
    /// including its end) do to it, as CGRateS's rating infos do. A version whose rate
    /// for the number was activated within the call cuts the call there (the first
    /// one only, and only strictly inside the call); before that, a version whose rate
    /// was activated before the call (a fallback subject's) becomes the call's rating
    /// from its start; a version that cannot rate it (or only by a rate the call does
    /// not last long enough for, [`crate::RateEntry::reaching`]) refuses the call if it
    /// needs a rate ([`crate::PlanVersion::needs_rate`]) and is passed over otherwise.
    /// Returns the version and destination rating the call and the instant it is cut
    /// at.
    #[allow(clippy::type_complexity)]
    fn cgrates_reach<'v>(
        &'v self,
        mut version: &'v CompiledVersion,
        mut dest: u32,
        start: Timestamp,
        duration_s: u32,
        (digits, plus): (&[u8], bool),
        number: &str,
    ) -> Result<(&'v CompiledVersion, u32, Option<i64>), Error> {
        let secs = start.as_second();
        let end = secs + i64::from(duration_s);
        for later in self
            .versions
            .iter()
            .filter(|v| v.from > secs && v.from <= end)
        {
            let table = if plus {
                &later.plus_table
            } else {
                &later.table
            };
            let rated = table.lookup_with_companion(digits).and_then(|(d, _)| {
                match self.pick_rate(later, d, start, number) {
                    Ok((_, r)) => Some((d, r)),
                    Err(_) => self
                        .shorter_prefix_rate(later, table, digits, d, start, number)
                        .map(|(d, _, (_, r))| (d, r)),
                }
            });
            let Some((d, rate)) = rated else {
                if later.needs_rate {
                    return Err(Error::NoRate(number.to_owned()));
                }
                continue;
            };
            let Some(r) = self.rates.get(rate as usize) else {
                continue;
            };
            if r.reaching.is_some_and(|at| end < at) {
                if later.needs_rate {
                    return Err(Error::NoRate(number.to_owned()));
                }
                continue;
            }
            match r.activation {
                // Activated within the call: CGRateS cuts the call there.
                Some(at) if at > secs => {
                    return Ok((version, dest, (at < end).then_some(at)));
                }
                // An older activation (a fallback subject's): the call's rating.
                Some(_) => {
                    version = later;
                    dest = d;
                }
                None => return Ok((version, dest, (later.from < end).then_some(later.from))),
            }
        }
        Ok((version, dest, None))
    }

    fn version_at(&self, secs: i64) -> Option<&CompiledVersion> {
        let i = self.versions.partition_point(|v| v.from <= secs);
        i.checked_sub(1).and_then(|i| self.versions.get(i))
    }

    fn pick_rate(
        &self,
        version: &CompiledVersion,
        dest: u32,
        start: Timestamp,
        number: &str,
    ) -> Result<(Option<u16>, u32), Error> {
        let d = dest as usize;
        if let Some(&r) = version.single.get(d)
            && r != NO_RATE
        {
            return Ok((None, r));
        }
        let candidates = match (version.dest_ranges.get(d), version.dest_ranges.get(d + 1)) {
            (Some(&a), Some(&b)) => version.rate_refs.get(a as usize..b as usize),
            _ => None,
        }
        .unwrap_or(&[]);
        let mut default = None;
        let needs_time = candidates.iter().any(|(b, _)| *b != NO_BAND);
        let (day_mask, second_of_day, date) = if needs_time {
            self.local_day(start)?
        } else {
            (0, 0, None)
        };
        if version.weighted {
            return self.pick_weighted(
                candidates,
                (day_mask, second_of_day, date),
                start,
                d,
                number,
            );
        }
        for &(band, rate) in candidates {
            if band == NO_BAND {
                if default.is_none() {
                    default = Some(rate);
                }
            } else if self
                .bands
                .get(usize::from(band))
                .is_some_and(|b| b.matches(day_mask, second_of_day, date))
            {
                return Ok((Some(band), rate));
            }
        }
        default.map(|r| (None, r)).ok_or_else(|| Error::NoRateAt {
            number: number.to_owned(),
            destination: self
                .destinations
                .get(d)
                .map_or_else(|| format!("#{dest}"), |x| x.name.clone()),
            at: start,
        })
    }

    /// [`RatingEngine::pick_rate`] among weighted rates: of the rates whose band is in
    /// force (or, when none is, of those without a band), the highest weight, then the
    /// band that started last, then the first listed.
    fn pick_weighted(
        &self,
        candidates: &[(u16, u32)],
        (day_mask, second_of_day, date): (u8, u32, Option<jiff::civil::Date>),
        start: Timestamp,
        dest: usize,
        number: &str,
    ) -> Result<(Option<u16>, u32), Error> {
        let weight = |rate: u32| {
            self.rates
                .get(rate as usize)
                .and_then(|r| r.weight)
                .unwrap_or(0.0)
        };
        let mut best: Option<(f64, u32, u16, u32)> = None;
        let mut default: Option<(f64, u32)> = None;
        for &(band, rate) in candidates {
            let w = weight(rate);
            if band == NO_BAND {
                if default.is_none_or(|(dw, _)| w > dw) {
                    default = Some((w, rate));
                }
                continue;
            }
            let Some(b) = self.bands.get(usize::from(band)) else {
                continue;
            };
            if b.matches(day_mask, second_of_day, date)
                && best.is_none_or(|(bw, bs, _, _)| w > bw || (w == bw && b.from_s > bs))
            {
                best = Some((w, b.from_s, band, rate));
            }
        }
        match (best, default) {
            (Some((_, _, band, rate)), _) => Ok((Some(band), rate)),
            (None, Some((_, rate))) => Ok((None, rate)),
            (None, None) => Err(Error::NoRateAt {
                number: number.to_owned(),
                destination: self
                    .destinations
                    .get(dest)
                    .map_or_else(|| format!("#{dest}"), |x| x.name.clone()),
                at: start,
            }),
        }
    }

    /// Day mask (weekday bit, or the holiday bit), second of the local day and, when a
    /// band is limited to some dates, the local date.
    fn local_day(&self, start: Timestamp) -> Result<(u8, u32, Option<jiff::civil::Date>), Error> {
        let offset = self.tz.to_offset(start);
        let local = start.as_second() + i64::from(offset.seconds());
        let day = local.div_euclid(86_400);
        let date_of_day = || {
            jiff::civil::date(1970, 1, 1)
                .checked_add(jiff::Span::new().days(day))
                .map_err(|_| Error::overflow("call date"))
        };
        let second_of_day = local.rem_euclid(86_400) as u32;
        let weekday = (day + 3).rem_euclid(7) as u32; // 1970-01-01 was a Thursday.
        let holiday = match (&self.holidays, &self.calendar) {
            (Some(bits), Some(cal)) => match bits.get(day) {
                Some(h) => h,
                None => cal.is_holiday(date_of_day()?)?,
            },
            _ => false,
        };
        let mask = if holiday {
            DayKind::Holiday.bit()
        } else {
            1u8 << weekday
        };
        let date = if self.dated_bands {
            Some(date_of_day()?)
        } else {
            None
        };
        Ok((mask, second_of_day, date))
    }
}

fn number_error(input: &str, offset: usize, reason: NumberErrorReason) -> Error {
    Error::InvalidNumber {
        input: input.chars().take(64).collect(),
        offset,
        reason,
    }
}

fn free_call(class: NumberClass, zero: Decimal) -> RatedCall {
    RatedCall {
        cost: zero,
        increments: 0,
        billed_s: 0,
        destination_class: class,
        destination: None,
        rate: None,
        band: None,
        included_in_bundle: false,
        bundle: None,
        cost_before_bundle: zero,
        bundle_s: 0,
    }
}
