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

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rust_decimal::Decimal;

use crate::Error;
use crate::error::NumberErrorReason;
use crate::money::{Currency, Rounding, RoundingMode, RoundingPoint};
use crate::number::{Country, NumberClass, PhoneNumber, normalize_number};
use crate::plan::{
    Bundle, CgratesCompat, DayKind, MaxCost, MaxCostStrategy, Numbering, Plan, RateEntry, RateSlot,
    UnansweredPolicy, parse_hhmm,
};
use crate::prefix::PrefixTable;

mod bundle;

const NO_BAND: u16 = u16::MAX;

/// The most (version, destination) pairs an engine indexes: 16 Mi pairs, 128 MiB.
const MAX_DESTINATION_SLOTS: usize = 16 << 20;

#[derive(Debug, Clone)]
struct CompiledSlot {
    start_s: u32,
    increment_s: u32,
    unit_s: u32,
    price: Decimal,
    price_units: i128,
    /// `price_units × lcm / unit_s`: the price of one second over `lcm`, when it
    /// fits in 64 bits (the per-call integer path then needs no 128-bit arithmetic).
    second_units: Option<u64>,
}

#[derive(Debug, Clone)]
struct CompiledRate {
    connect_fee: Decimal,
    minimum: Decimal,
    max_cost: Option<MaxCost>,
    /// The rate's own rounding (`None`: the plan's).
    rounding: Option<Rounding>,
    connect_units: i128,
    min_units: i128,
    /// `connect_units × lcm` and `min_units × lcm`, when they fit in 64 bits.
    connect_l: Option<u64>,
    min_l: Option<u64>,
    /// The rate's slots: `slots[slot_start..slot_end]` of the engine.
    slot_start: u32,
    slot_end: u32,
}

#[derive(Debug, Clone)]
struct CompiledBand {
    mask: u8,
    from_s: u32,
    to_s: u32,
}

impl CompiledBand {
    #[inline]
    fn matches(&self, day_mask: u8, second_of_day: u32) -> bool {
        if self.mask & day_mask == 0 {
            return false;
        }
        if self.from_s < self.to_s {
            self.from_s <= second_of_day && second_of_day < self.to_s
        } else {
            second_of_day >= self.from_s || second_of_day < self.to_s
        }
    }
}

#[derive(Debug, Clone)]
struct CompiledVersion {
    from: i64,
    table: PrefixTable,
    /// Per destination: its candidates `rate_refs[dest_ranges[d]..dest_ranges[d + 1]]`.
    dest_ranges: Vec<u32>,
    /// (band or NO_BAND, rate index), grouped by destination, in plan order.
    rate_refs: Vec<(u16, u32)>,
    /// Per destination without band-specific rates: its rate (the first in plan
    /// order), so the common case reads one array; `NO_RATE` otherwise.
    single: Vec<u32>,
    /// What rating an answered call needs when the plan rates per call in 64-bit
    /// integers and the destination has a single rate of at most two slots, in one
    /// record; destinations with equal records share one, so the table stays small
    /// and cached. The prefix table gives each destination's record index beside the
    /// destination (`NO_FAST` when it does not qualify; empty when the plan does
    /// not).
    fast: Vec<FastRate>,
}

/// A destination's single rate in integer form (see [`CompiledVersion::fast`]): one
/// or two slots, every amount in 32 bits, in 32 bytes aligned to 32 so that reading
/// it touches one cache line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(align(32))]
struct FastRate {
    /// The connect fee and the minimum charge over `lcm` ([`CompiledRate::connect_l`]).
    connect_l: u32,
    min_l: u32,
    /// Where the second slot starts; `u32::MAX` for a rate of one slot (a call never
    /// gets past it).
    second_start_s: u32,
    increment_s: [u32; 2],
    second_units: [u32; 2],
}

/// No [`FastRate`] for the destination.
const NO_FAST: u32 = u32::MAX;

const NO_RATE: u32 = u32::MAX;

#[derive(Debug, Clone)]
struct Destination {
    name: String,
    class: Option<NumberClass>,
}

/// Exact integer arithmetic: amounts in units of 10^-scale, time over `lcm` seconds.
#[derive(Debug, Clone, Copy)]
struct FixedPoint {
    scale: u32,
    lcm: i128,
    /// `lcm × 10^scale` and `10^decimals` of the plan's rounding, when they fit in
    /// 64 bits.
    denom64: Option<u64>,
    out64: Option<u64>,
}

/// Holidays as a bitset of days since 1970-01-01 over a range of years.
#[derive(Debug, Clone)]
struct HolidayBits {
    first_day: i64,
    bits: Vec<u64>,
}

impl HolidayBits {
    fn get(&self, day: i64) -> Option<bool> {
        let i = usize::try_from(day - self.first_day).ok()?;
        let word = self.bits.get(i / 64)?;
        Some(word & (1 << (i % 64)) != 0)
    }
}

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

/// The simple form's two slots, as [`RateEntry::effective_slots`] gives them, without
/// allocating.
fn simple_slots(entry: &RateEntry) -> [RateSlot; 2] {
    let first = entry.first_increment_s.unwrap_or(60);
    let next = entry.next_increment_s.unwrap_or(60);
    [
        RateSlot {
            start_s: 0,
            price: entry.per_minute,
            unit_s: 60,
            increment_s: first,
        },
        RateSlot {
            start_s: first,
            price: entry.per_minute,
            unit_s: 60,
            increment_s: next,
        },
    ]
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// `n / d` rounded with `mode`, for `d > 0`, in 64 bits.
#[inline]
fn div_round_u64(n: u64, d: u64, mode: RoundingMode) -> u64 {
    let q = n / d;
    let r = n % d;
    if r == 0 {
        return q;
    }
    // `r < d`, so `d - r` is the distance to the next multiple (no overflow).
    match mode {
        RoundingMode::Down => q,
        RoundingMode::Up => q + 1,
        RoundingMode::HalfUp => {
            if r >= d - r {
                q + 1
            } else {
                q
            }
        }
        RoundingMode::HalfEven => {
            if r > d - r || (r == d - r && q % 2 == 1) {
                q + 1
            } else {
                q
            }
        }
    }
}

/// `n / d` rounded with `mode`, for `n >= 0`, `d > 0`.
#[inline]
fn div_round(n: i128, d: i128, mode: RoundingMode) -> i128 {
    // Most amounts fit in 64 bits, where division is far cheaper than in 128.
    if let (Ok(n), Ok(d)) = (u64::try_from(n), u64::try_from(d)) {
        return i128::from(div_round_u64(n, d, mode));
    }
    let q = n / d;
    let r = n % d;
    if r == 0 {
        return q;
    }
    match mode {
        RoundingMode::Down => q,
        RoundingMode::Up => q + 1,
        RoundingMode::HalfUp => {
            if 2 * r >= d {
                q + 1
            } else {
                q
            }
        }
        RoundingMode::HalfEven => {
            if 2 * r > d || (2 * r == d && q % 2 == 1) {
                q + 1
            } else {
                q
            }
        }
    }
}

fn pow10(n: u32) -> i128 {
    10i128.pow(n)
}

/// `value` in units of 10^-scale, when it has at most `scale` places.
fn units(value: Decimal, scale: u32) -> Option<i128> {
    if value.scale() > scale {
        return None;
    }
    value.mantissa().checked_mul(pow10(scale - value.scale()))
}

/// Increments per slot for `duration_s`: calls `f(slot_index, n)` for each slot used.
#[inline]
fn for_each_slot_use(slots: &[CompiledSlot], duration_s: u32, mut f: impl FnMut(usize, u32)) {
    let d = u64::from(duration_s);
    let mut t: u64 = 0;
    for (i, slot) in slots.iter().enumerate() {
        if t >= d {
            break;
        }
        let end = slots.get(i + 1).map_or(u64::MAX, |s| u64::from(s.start_s));
        if t >= end {
            continue;
        }
        let span_end = d.min(end);
        let inc = u64::from(slot.increment_s);
        let n = (span_end - t).div_ceil(inc);
        t += n * inc;
        f(i, n as u32);
    }
}

/// As [`for_each_slot_use`], without the first `skip` increments of the call (those a
/// free-minutes bundle covers); slots left with no charged increment are not visited.
#[inline]
fn for_each_charged_use(
    slots: &[CompiledSlot],
    duration_s: u32,
    mut skip: u32,
    mut f: impl FnMut(usize, u32),
) {
    for_each_slot_use(slots, duration_s, |i, n| {
        let skipped = n.min(skip);
        skip -= skipped;
        if n > skipped {
            f(i, n - skipped);
        }
    });
}

impl RatingEngine {
    /// Compiles `plan`. Fails on unknown bands, bad times, negative prices, zero
    /// increments, unknown time zones, conflicting prefixes, or a bundle that would
    /// cover premium or international calls (TERMS ACC-3).
    pub fn new(plan: &Plan) -> Result<RatingEngine, Error> {
        plan.check_rates()?;
        let country = Country::parse(&plan.country)?;
        let tz = jiff::tz::TimeZoneDatabase::bundled()
            .get(&plan.timezone)
            .map_err(|e| Error::InvalidPlan(format!("time zone {:?}: {e}", plan.timezone)))?;
        let mut band_names = Vec::new();
        let mut bands = Vec::new();
        let mut uses_holidays = false;
        for band in &plan.bands {
            let mask = band.days.iter().fold(0u8, |m, d| m | d.bit());
            uses_holidays |= band.days.contains(&DayKind::Holiday);
            bands.push(CompiledBand {
                mask,
                from_s: parse_hhmm(&band.from)?,
                to_s: parse_hhmm(&band.to)?,
            });
            band_names.push(band.name.clone());
        }
        if bands.len() >= usize::from(NO_BAND) {
            return Err(Error::LimitExceeded {
                what: "time bands",
                max: u64::from(NO_BAND) - 1,
            });
        }
        for bundle in &plan.bundles {
            for class in bundle.classes() {
                if matches!(class, NumberClass::Premium | NumberClass::International) {
                    return Err(Error::InvalidPlan(format!(
                        "bundle {:?} covers {class} calls, which a bundle never covers (ACC-3)",
                        bundle.name()
                    )));
                }
            }
        }
        let band_index: std::collections::HashMap<&str, u16> = band_names
            .iter()
            .enumerate()
            .map(|(i, b)| (b.as_str(), i as u16))
            .collect();
        // Destinations are global by name; rates per entry.
        let mut destinations: Vec<Destination> = Vec::new();
        let mut dest_index: std::collections::HashMap<&str, u32> = Default::default();
        let mut rates: Vec<CompiledRate> = Vec::new();
        let mut slots_flat: Vec<CompiledSlot> = Vec::new();
        let mut versions = Vec::new();
        let mut max_scale = 0u32;
        let mut lcm: i128 = 1;
        let mut fixed_ok = true;
        for version in &plan.versions {
            let from = match version.effective_from {
                None => i64::MIN,
                Some(date) => date
                    .to_zoned(tz.clone())
                    .map_err(|e| Error::Date(e.to_string()))?
                    .timestamp()
                    .as_second(),
            };
            // (destination, band, rate) in plan order, grouped by destination below.
            let mut refs: Vec<(u32, u16, u32)> = Vec::with_capacity(version.rates.len());
            let mut prefixes: Vec<(&[u8], u32)> = Vec::with_capacity(version.rates.len());
            for entry in &version.rates {
                let di = match dest_index.get(entry.destination.as_str()) {
                    Some(&i) => i,
                    None => {
                        let i = u32::try_from(destinations.len())
                            .map_err(|_| Error::overflow("plan size"))?;
                        destinations.push(Destination {
                            name: entry.destination.clone(),
                            class: entry.class,
                        });
                        dest_index.insert(entry.destination.as_str(), i);
                        i
                    }
                };
                for p in &entry.prefixes {
                    prefixes.push((p.trim_start_matches('+').as_bytes(), di));
                }
                let band = match &entry.band {
                    None => NO_BAND,
                    Some(name) => *band_index
                        .get(name.as_str())
                        .ok_or_else(|| Error::InvalidPlan(format!("unknown time band {name:?}")))?,
                };
                let simple;
                let slots: &[RateSlot] = if entry.slots.is_empty() {
                    simple = simple_slots(entry);
                    &simple
                } else {
                    &entry.slots
                };
                if slots.is_empty() || slots[0].start_s != 0 {
                    return Err(Error::InvalidPlan(format!(
                        "rate for {:?}: the first slot must start at 0 s",
                        entry.destination
                    )));
                }
                for w in slots.windows(2) {
                    if w[1].start_s <= w[0].start_s {
                        return Err(Error::InvalidPlan(format!(
                            "rate for {:?}: slots must start in increasing order",
                            entry.destination
                        )));
                    }
                }
                for s in slots {
                    if s.increment_s == 0 || s.unit_s == 0 {
                        return Err(Error::InvalidPlan(format!(
                            "rate for {:?}: increments and units must be at least 1 s",
                            entry.destination
                        )));
                    }
                    let unit = i128::from(s.unit_s);
                    lcm = lcm / gcd(lcm, unit) * unit;
                    if lcm > 1_000_000_000 {
                        fixed_ok = false;
                        lcm = 1;
                    }
                }
                let amounts = [entry.connect_fee, entry.minimum_charge]
                    .into_iter()
                    .chain(entry.max_cost.map(|m| m.amount))
                    .chain(slots.iter().map(|s| s.price));
                if amounts.clone().any(|a| a.is_sign_negative()) {
                    return Err(Error::InvalidPlan(format!(
                        "rate for {:?}: prices must not be negative",
                        entry.destination
                    )));
                }
                for a in amounts {
                    max_scale = max_scale.max(a.normalize().scale());
                }
                let ri = u32::try_from(rates.len()).map_err(|_| Error::overflow("plan size"))?;
                rates.push(CompiledRate {
                    connect_fee: entry.connect_fee,
                    minimum: entry.minimum_charge,
                    max_cost: entry.max_cost,
                    rounding: entry.rounding.filter(|r| *r != plan.rounding),
                    connect_units: 0,
                    min_units: 0,
                    connect_l: None,
                    min_l: None,
                    slot_start: u32::try_from(slots_flat.len())
                        .map_err(|_| Error::overflow("plan size"))?,
                    slot_end: u32::try_from(slots_flat.len() + slots.len())
                        .map_err(|_| Error::overflow("plan size"))?,
                });
                slots_flat.extend(slots.iter().map(|s| CompiledSlot {
                    start_s: s.start_s,
                    increment_s: s.increment_s,
                    unit_s: s.unit_s,
                    price: s.price,
                    price_units: 0,
                    second_units: None,
                }));
                refs.push((di, band, ri));
            }
            // Stable: each destination's candidates keep their plan order.
            refs.sort_by_key(|r| r.0);
            let mut dest_ranges = Vec::with_capacity(destinations.len() + 1);
            let mut rate_refs = Vec::with_capacity(refs.len());
            let mut next = refs.iter().peekable();
            for d in 0..destinations.len() as u32 {
                dest_ranges.push(rate_refs.len() as u32);
                while let Some(&&(rd, band, ri)) = next.peek() {
                    if rd != d {
                        break;
                    }
                    rate_refs.push((band, ri));
                    next.next();
                }
            }
            dest_ranges
                .push(u32::try_from(rate_refs.len()).map_err(|_| Error::overflow("plan size"))?);
            let single = dest_ranges
                .windows(2)
                .map(|w| {
                    let c = &rate_refs[w[0] as usize..w[1] as usize];
                    match c.first() {
                        Some(&(_, r)) if c.iter().all(|(b, _)| *b == NO_BAND) => r,
                        _ => NO_RATE,
                    }
                })
                .collect();
            let table = PrefixTable::build(prefixes)?;
            versions.push(CompiledVersion {
                from,
                table,
                dest_ranges,
                rate_refs,
                single,
                fast: Vec::new(),
            });
        }
        // Every version keeps two words per destination of the whole plan: bound their
        // product, so many versions of many distinct destinations cannot take
        // gigabytes (a plan of real tariff tables stays far below).
        let slots_per_version = destinations.len().saturating_add(1);
        if versions.len().saturating_mul(slots_per_version) > MAX_DESTINATION_SLOTS {
            return Err(Error::LimitExceeded {
                what: "plan versions times destinations",
                max: MAX_DESTINATION_SLOTS as u64,
            });
        }
        versions.sort_by_key(|v| v.from);
        // Exact integer form when amounts and units are small enough.
        let fixed = if fixed_ok && max_scale <= 12 && plan.rounding.decimals <= 12 {
            let mut ok = true;
            for rate in &mut rates {
                match (
                    units(rate.connect_fee, max_scale),
                    units(rate.minimum, max_scale),
                ) {
                    (Some(c), Some(m)) => {
                        rate.connect_units = c;
                        rate.min_units = m;
                    }
                    _ => ok = false,
                }
            }
            for slot in &mut slots_flat {
                match units(slot.price, max_scale) {
                    Some(p) => slot.price_units = p,
                    None => ok = false,
                }
            }
            let to64 = |v: Option<i128>| v.and_then(|v| u64::try_from(v).ok());
            for rate in &mut rates {
                rate.connect_l = to64(rate.connect_units.checked_mul(lcm));
                rate.min_l = to64(rate.min_units.checked_mul(lcm));
            }
            for slot in &mut slots_flat {
                slot.second_units =
                    to64(slot.price_units.checked_mul(lcm / i128::from(slot.unit_s)));
            }
            ok.then_some(FixedPoint {
                scale: max_scale,
                lcm,
                denom64: to64(lcm.checked_mul(pow10(max_scale))),
                out64: to64(Some(pow10(plan.rounding.decimals))),
            })
        } else {
            None
        };
        if fixed.is_some()
            && plan.cgrates.is_none()
            && plan.rounding.point == RoundingPoint::PerCall
        {
            for v in &mut versions {
                let mut ids: std::collections::HashMap<FastRate, u32> = Default::default();
                let mut records = Vec::new();
                let mut of_dest = Vec::with_capacity(v.single.len());
                for &r in &v.single {
                    let id = match fast_rate(&rates, &slots_flat, r) {
                        None => NO_FAST,
                        Some(fast) => *ids.entry(fast).or_insert_with(|| {
                            records.push(fast);
                            (records.len() - 1) as u32
                        }),
                    };
                    of_dest.push(id);
                }
                v.fast = records;
                v.table
                    .set_aux(|dest| of_dest.get(dest as usize).copied().unwrap_or(NO_FAST));
            }
        }
        let calendar = if uses_holidays {
            // A region of contracts' calendars: NL, BE, DE or a German Land (DE-BY).
            let code = plan.calendar.as_deref().unwrap_or(&plan.country);
            let region: contracts::Region = code.parse()?;
            Some(contracts::Calendar::for_region(region))
        } else {
            None
        };
        let holidays = match &calendar {
            Some(cal) => Some(holiday_bits(cal)?),
            None => None,
        };
        Ok(RatingEngine {
            name: plan.name.clone(),
            currency: plan.currency,
            country,
            tz,
            numbering: plan.numbering,
            unanswered: plan.unanswered,
            rounding: plan.rounding,
            cgrates: plan.cgrates,
            band_names,
            bands,
            destinations,
            rates,
            slots: slots_flat,
            versions,
            bundles: plan.bundles.clone(),
            calendar,
            holidays,
            fixed,
        })
    }

    /// The plan's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The plan's currency.
    pub fn currency(&self) -> Currency {
        self.currency
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
        self.versions.iter().map(|v| v.table.len()).sum()
    }

    /// Rates one call. Does not allocate on success.
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
        let (digits, class_from_number): (&[u8], Option<NumberClass>) = match self.numbering {
            Numbering::E164 => {
                let number: PhoneNumber = normalize_number(destination, self.country)?;
                if number.class() == NumberClass::Emergency {
                    return Ok(free_call(NumberClass::Emergency, self.zero()));
                }
                padded = number.padded_digits();
                (&[], Some(number.class()))
            }
            Numbering::Digits => {
                let raw = destination.trim();
                let raw = raw.strip_prefix('+').unwrap_or(raw);
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
            Some(_) => version.table.lookup_padded_aux(&padded),
            None => version.table.lookup_aux(digits),
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
        let (band, rate_index) = self.pick_rate(version, dest, start, destination)?;
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
        let (increments, billed_s) = count_increments(self.slots_of(rate), duration_s);
        let cost = self.cost_of(rate, duration_s)?;
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

    /// Authorizes a prepaid call (TERMS F42-1): the longest duration up to `cap_s` whose
    /// cost, rated as this plan rates it (increments, connect fee, minimum, band at
    /// `start`), the account's balance affords above its credit limit. Bundles in
    /// `usage` are taken into account without being consumed.
    pub fn authorize(
        &self,
        account: &crate::prepaid::PrepaidAccount,
        start: Timestamp,
        destination: &str,
        usage: &BundleUsage,
        cap_s: u32,
    ) -> Result<crate::prepaid::Authorization, Error> {
        account.authorize(
            |s| {
                let mut scratch = usage.clone();
                let r = self.rate(start, s, true, destination, &mut scratch)?;
                Ok(if self.disconnects_at(&r) {
                    Decimal::MAX
                } else {
                    r.cost
                })
            },
            cap_s,
        )
    }

    /// Whether a call rated as `rated` reaches its rate's `*disconnect` ceiling
    /// ([`MaxCostStrategy::Disconnect`]): its cost before bundles is at least the
    /// ceiling, so a prepaid call must end before it.
    fn disconnects_at(&self, rated: &RatedCall) -> bool {
        match rated
            .rate
            .and_then(|r| self.rates.get(r as usize))
            .and_then(|r| r.max_cost)
        {
            Some(MaxCost {
                amount,
                strategy: MaxCostStrategy::Disconnect,
            }) => rated.cost_before_bundle >= self.round_call(amount),
            _ => false,
        }
    }

    /// The steps behind a rated call, for people.
    pub fn explain(&self, record: &CallRecord, rated: &RatedCall) -> Vec<String> {
        let mut lines = Vec::new();
        let local = record.start.to_zoned(self.tz.clone());
        lines.push(format!(
            "start {} local",
            local.strftime("%Y-%m-%d %H:%M:%S %Z")
        ));
        if rated.destination_class == NumberClass::Emergency {
            lines.push("emergency number: always free".into());
            return lines;
        }
        if let Some(d) = rated.destination.and_then(|d| self.destination_name(d)) {
            lines.push(format!("destination {d} ({})", rated.destination_class));
        }
        match rated.band.and_then(|b| self.band_name(b)) {
            Some(b) => lines.push(format!(
                "time band {b} at the call's start applies to the whole call"
            )),
            None => lines.push("no time band: the destination's default rate".into()),
        }
        if let Some(rate) = rated.rate.and_then(|r| self.rates.get(r as usize)) {
            if !record.answered {
                lines.push(format!(
                    "unanswered: {:?} → {}",
                    self.unanswered, rated.cost
                ));
                return lines;
            }
            lines.push(format!("connect fee {}", rate.connect_fee));
            let slots = self.slots_of(rate);
            for_each_slot_use(slots, record.duration_s, |i, n| {
                let s = &slots[i];
                lines.push(format!(
                    "{n} × {} s at {} per {} s",
                    s.increment_s, s.price, s.unit_s
                ));
            });
            if rate.minimum > Decimal::ZERO {
                lines.push(format!("minimum charge {}", rate.minimum));
            }
            match rate.max_cost {
                Some(MaxCost {
                    amount,
                    strategy: MaxCostStrategy::Free,
                }) => lines.push(format!("maximum cost {amount}: beyond it the call is free")),
                Some(MaxCost {
                    amount,
                    strategy: MaxCostStrategy::Disconnect,
                }) => lines.push(format!(
                    "maximum cost {amount}: a prepaid call is cut off before it"
                )),
                None => {}
            }
            lines.push(format!(
                "{} s in {} increment(s) → {} (rounded {:?} to {} places, {:?})",
                record.duration_s,
                rated.increments,
                rated.cost_before_bundle,
                self.rounding_of(rate).mode,
                self.rounding_of(rate).decimals,
                self.rounding_of(rate).point
            ));
        }
        self.explain_bundle(record, rated, &mut lines);
        lines
    }

    /// Parses call records from CSV text: header with `start` (RFC 3339, or a local
    /// `YYYY-MM-DD HH:MM:SS` in the plan's zone), `duration_s`, `destination`, and
    /// optionally `answered` (default: duration > 0) and `call_id`. Errors name the line.
    pub fn parse_cdrs_csv(&self, text: &str) -> Result<Vec<CallRecord>, Error> {
        parse_cdrs_csv(text, &self.tz)
    }

    /// [`cdr_records`] in the plan's zone: the records one at a time with their lines.
    ///
    /// # Errors
    /// As [`cdr_records`].
    pub fn cdr_records<'a>(&self, text: &'a str) -> Result<CdrRecords<'a>, Error> {
        cdr_records(text, &self.tz)
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
        let (day_mask, second_of_day) = if needs_time {
            self.local_day(start)?
        } else {
            (0, 0)
        };
        for &(band, rate) in candidates {
            if band == NO_BAND {
                if default.is_none() {
                    default = Some(rate);
                }
            } else if self
                .bands
                .get(usize::from(band))
                .is_some_and(|b| b.matches(day_mask, second_of_day))
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

    /// Day mask (weekday bit, or the holiday bit) and second of the local day.
    fn local_day(&self, start: Timestamp) -> Result<(u8, u32), Error> {
        let offset = self.tz.to_offset(start);
        let local = start.as_second() + i64::from(offset.seconds());
        let day = local.div_euclid(86_400);
        let second_of_day = local.rem_euclid(86_400) as u32;
        let weekday = (day + 3).rem_euclid(7) as u32; // 1970-01-01 was a Thursday.
        let holiday = match (&self.holidays, &self.calendar) {
            (Some(bits), Some(cal)) => match bits.get(day) {
                Some(h) => h,
                None => {
                    let date = jiff::civil::date(1970, 1, 1)
                        .checked_add(jiff::Span::new().days(day))
                        .map_err(|e| Error::Date(e.to_string()))?;
                    cal.is_holiday(date)
                        .map_err(|e| Error::Date(e.to_string()))?
                }
            },
            _ => false,
        };
        let mask = if holiday {
            DayKind::Holiday.bit()
        } else {
            1u8 << weekday
        };
        Ok((mask, second_of_day))
    }

    /// Zero with the plan's places ("0.0000").
    fn zero(&self) -> Decimal {
        self.round_call(Decimal::ZERO)
    }

    fn round_call(&self, value: Decimal) -> Decimal {
        match self.rounding.point {
            RoundingPoint::PerCall | RoundingPoint::PerIncrement => {
                self.rounding.mode.round(value, self.rounding.decimals)
            }
            _ => value,
        }
    }

    /// Increments, billed seconds and cost of an answered call from a [`FastRate`]:
    /// the same steps as [`count_increments`] and [`per_call_u64`]. `None` when the
    /// destination does not qualify or a value does not fit (the general path then
    /// answers).
    #[inline(always)]
    fn fast_cost(&self, fast: &FastRate, duration_s: u32) -> Option<(u32, u32, Decimal)> {
        let fixed = self.fixed?;
        let d = u64::from(duration_s);
        let mut t = 0u64;
        let mut n = u64::from(fast.connect_l);
        let mut increments = 0u32;
        // The first slot from 0 s up to the second's start ...
        if t < d {
            let inc = u64::from(fast.increment_s[0]);
            let k = d.min(u64::from(fast.second_start_s)).div_ceil(inc);
            t = k * inc;
            increments = k as u32;
            n = n.checked_add(t.checked_mul(u64::from(fast.second_units[0]))?)?;
        }
        // ... then the second from wherever the first's increments ended.
        if t < d {
            let inc = u64::from(fast.increment_s[1]);
            let k = (d - t).div_ceil(inc);
            t += k * inc;
            increments = increments.saturating_add(k as u32);
            n = n.checked_add((k * inc).checked_mul(u64::from(fast.second_units[1]))?)?;
        }
        let billed_s = u32::try_from(t).unwrap_or(u32::MAX);
        let n = n.max(u64::from(fast.min_l));
        let q = div_round_u64(
            n.checked_mul(fixed.out64?)?,
            fixed.denom64?,
            self.rounding.mode,
        );
        let cost = Decimal::try_from_i128_with_scale(i128::from(q), self.rounding.decimals).ok()?;
        Some((increments, billed_s, cost))
    }

    #[inline]
    fn slots_of(&self, rate: &CompiledRate) -> &[CompiledSlot] {
        self.slots
            .get(rate.slot_start as usize..rate.slot_end as usize)
            .unwrap_or(&[])
    }

    fn cost_of(&self, rate: &CompiledRate, duration_s: u32) -> Result<Decimal, Error> {
        Ok(self.capped(rate, self.uncapped_cost_of(rate, duration_s)?))
    }

    /// `cost` under the rate's `*free` ceiling. Rounding is monotonic, so capping the
    /// rounded cost with the rounded ceiling equals rounding the capped cost.
    fn capped(&self, rate: &CompiledRate, cost: Decimal) -> Decimal {
        match rate.max_cost {
            Some(MaxCost {
                amount,
                strategy: MaxCostStrategy::Free,
            }) => {
                let r = self.rounding_of(rate);
                let ceiling = match r.point {
                    RoundingPoint::PerCall | RoundingPoint::PerIncrement => {
                        r.mode.round(amount, r.decimals)
                    }
                    _ => amount,
                };
                cost.min(ceiling)
            }
            _ => cost,
        }
    }

    /// How calls at `rate` are rounded: its own rounding or the plan's.
    fn rounding_of(&self, rate: &CompiledRate) -> Rounding {
        rate.rounding.unwrap_or(self.rounding)
    }

    fn uncapped_cost_of(&self, rate: &CompiledRate, duration_s: u32) -> Result<Decimal, Error> {
        let slots = self.slots_of(rate);
        let rounding = self.rounding_of(rate);
        if let Some(compat) = self.cgrates {
            return cgrates_cost(rate, slots, duration_s, 0, compat, rounding);
        }
        // The integer form is scaled for the plan's rounding.
        if let Some(fixed) = self.fixed
            && rate.rounding.is_none()
            && let Some(cost) = fixed_cost(rate, slots, duration_s, fixed, rounding)
        {
            return Ok(cost);
        }
        decimal_cost(rate, slots, duration_s, 0, rounding)
    }

    /// Cost by exact decimal arithmetic (the reference the integer path must match).
    #[doc(hidden)]
    pub fn cost_reference(&self, rate_index: u32, duration_s: u32) -> Option<Decimal> {
        let rate = self.rates.get(rate_index as usize)?;
        decimal_cost(
            rate,
            self.slots_of(rate),
            duration_s,
            0,
            self.rounding_of(rate),
        )
        .ok()
    }
}

fn holiday_bits(cal: &contracts::Calendar) -> Result<HolidayBits, Error> {
    let first_year = 2000i16;
    let last_year = 2100i16;
    let epoch = jiff::civil::date(1970, 1, 1);
    let day_number = |d: jiff::civil::Date| -> Result<i64, Error> {
        epoch
            .until(d)
            .map(|s| i64::from(s.get_days()))
            .map_err(|e| Error::Date(e.to_string()))
    };
    let first_day = day_number(jiff::civil::date(first_year, 1, 1))?;
    let last_day = day_number(jiff::civil::date(last_year, 12, 31))?;
    let n = usize::try_from(last_day - first_day + 1).map_err(|_| Error::overflow("plan size"))?;
    let mut bits = vec![0u64; n.div_ceil(64)];
    for year in first_year..=last_year {
        for h in cal.holidays(year).map_err(|e| Error::Date(e.to_string()))? {
            let i = usize::try_from(day_number(h.date)? - first_day)
                .map_err(|_| Error::overflow("plan size"))?;
            if let Some(w) = bits.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
    }
    Ok(HolidayBits { first_day, bits })
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

fn count_increments(slots: &[CompiledSlot], duration_s: u32) -> (u32, u32) {
    let mut increments = 0u32;
    let mut billed = 0u64;
    for_each_slot_use(slots, duration_s, |i, n| {
        increments = increments.saturating_add(n);
        billed += u64::from(n) * u64::from(slots[i].increment_s);
    });
    (increments, u32::try_from(billed).unwrap_or(u32::MAX))
}

/// The [`FastRate`] of rate `r`, when it has at most two slots and every amount fits
/// in 32 bits.
fn fast_rate(rates: &[CompiledRate], slots: &[CompiledSlot], r: u32) -> Option<FastRate> {
    let rate = rates.get(r as usize)?;
    let own = slots.get(rate.slot_start as usize..rate.slot_end as usize)?;
    if own.len() > 2 || rate.max_cost.is_some() || rate.rounding.is_some() {
        return None;
    }
    let small = |v: Option<u64>| v.and_then(|v| u32::try_from(v).ok());
    let first = own.first()?;
    let second = own.get(1);
    Some(FastRate {
        connect_l: small(rate.connect_l)?,
        min_l: small(rate.min_l)?,
        second_start_s: second.map_or(u32::MAX, |s| s.start_s),
        increment_s: [first.increment_s, second.map_or(1, |s| s.increment_s)],
        second_units: [
            small(first.second_units)?,
            match second {
                Some(s) => small(s.second_units)?,
                None => 0,
            },
        ],
    })
}

/// The per-call integer path in 64 bits; `None` when a value does not fit (the
/// 128-bit path then answers).
#[inline]
fn per_call_u64(
    rate: &CompiledRate,
    slots: &[CompiledSlot],
    duration_s: u32,
    fixed: FixedPoint,
    mode: RoundingMode,
) -> Option<u64> {
    let mut n = rate.connect_l?;
    let mut ok = true;
    for_each_slot_use(slots, duration_s, |i, k| {
        let s = &slots[i];
        let part = s
            .second_units
            .and_then(|w| (u64::from(k) * u64::from(s.increment_s)).checked_mul(w));
        match part.and_then(|p| n.checked_add(p)) {
            Some(v) => n = v,
            None => ok = false,
        }
    });
    if !ok {
        return None;
    }
    let n = n.max(rate.min_l?);
    Some(div_round_u64(
        n.checked_mul(fixed.out64?)?,
        fixed.denom64?,
        mode,
    ))
}

/// Exact integer path; `None` on overflow (the decimal path then answers).
#[inline]
fn fixed_cost(
    rate: &CompiledRate,
    slots: &[CompiledSlot],
    duration_s: u32,
    fixed: FixedPoint,
    rounding: Rounding,
) -> Option<Decimal> {
    let scale = pow10(fixed.scale);
    let out = pow10(rounding.decimals);
    let mode = rounding.mode;
    let q = match rounding.point {
        RoundingPoint::PerCall => {
            if let Some(q) = per_call_u64(rate, slots, duration_s, fixed, mode) {
                return Decimal::try_from_i128_with_scale(i128::from(q), rounding.decimals).ok();
            }
            let l = fixed.lcm;
            let mut n = rate.connect_units.checked_mul(l)?;
            let mut overflow = false;
            for_each_slot_use(slots, duration_s, |i, k| {
                let s = &slots[i];
                let part = i128::from(k)
                    .checked_mul(i128::from(s.increment_s))
                    .and_then(|x| x.checked_mul(s.price_units))
                    .and_then(|x| x.checked_mul(l / i128::from(s.unit_s)));
                match part.and_then(|p| n.checked_add(p)) {
                    Some(v) => n = v,
                    None => overflow = true,
                }
            });
            if overflow {
                return None;
            }
            let n = n.max(rate.min_units.checked_mul(l)?);
            div_round(n.checked_mul(out)?, l.checked_mul(scale)?, mode)
        }
        RoundingPoint::PerIncrement => {
            let mut q = div_round(rate.connect_units.checked_mul(out)?, scale, mode);
            let mut overflow = false;
            for_each_slot_use(slots, duration_s, |i, k| {
                let s = &slots[i];
                let inc = s
                    .price_units
                    .checked_mul(i128::from(s.increment_s))
                    .and_then(|x| x.checked_mul(out))
                    .zip(i128::from(s.unit_s).checked_mul(scale))
                    .map(|(n, d)| div_round(n, d, mode));
                match inc
                    .and_then(|c| c.checked_mul(i128::from(k)))
                    .and_then(|c| q.checked_add(c))
                {
                    Some(v) => q = v,
                    None => overflow = true,
                }
            });
            if overflow {
                return None;
            }
            q.max(div_round(rate.min_units.checked_mul(out)?, scale, mode))
        }
        _ => return None,
    };
    Decimal::try_from_i128_with_scale(q, rounding.decimals).ok()
}

fn decimal_cost(
    rate: &CompiledRate,
    slots: &[CompiledSlot],
    duration_s: u32,
    skip: u32,
    rounding: Rounding,
) -> Result<Decimal, Error> {
    let per_increment = rounding.point == RoundingPoint::PerIncrement;
    let round = |v: Decimal| rounding.mode.round(v, rounding.decimals);
    let mut total = if per_increment {
        round(rate.connect_fee)
    } else {
        rate.connect_fee
    };
    let mut err = None;
    for_each_charged_use(slots, duration_s, skip, |i, k| {
        let s = &slots[i];
        let part = if per_increment {
            s.price
                .checked_mul(Decimal::from(s.increment_s))
                .and_then(|x| x.checked_div(Decimal::from(s.unit_s)))
                .map(round)
                .and_then(|c| c.checked_mul(Decimal::from(k)))
        } else {
            s.price
                .checked_mul(Decimal::from(u64::from(k) * u64::from(s.increment_s)))
                .and_then(|x| x.checked_div(Decimal::from(s.unit_s)))
        };
        match part.and_then(|p| total.checked_add(p)) {
            Some(v) => total = v,
            None => err = Some(Error::overflow("call cost")),
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    let total = total.max(rate.minimum);
    Ok(match rounding.point {
        RoundingPoint::PerCall | RoundingPoint::PerIncrement => round(total),
        _ => total,
    })
}

/// CGRateS's rounding (see [`CgratesCompat`]).
fn cgrates_cost(
    rate: &CompiledRate,
    slots: &[CompiledSlot],
    duration_s: u32,
    skip: u32,
    compat: CgratesCompat,
    rounding: Rounding,
) -> Result<Decimal, Error> {
    let g = |v: Decimal| RoundingMode::HalfUp.round(v, compat.global_decimals);
    let mut total = rate.connect_fee;
    let mut err = None;
    for_each_charged_use(slots, duration_s, skip, |i, k| {
        let s = &slots[i];
        let span = Decimal::from(u64::from(k) * u64::from(s.increment_s));
        let span_cost = s
            .price
            .checked_mul(span)
            .and_then(|x| x.checked_div(Decimal::from(s.unit_s)))
            .map(g);
        let inc_cost = span_cost
            .and_then(|c| c.checked_div(Decimal::from(k)))
            .map(g);
        match inc_cost
            .and_then(|c| c.checked_mul(Decimal::from(k)))
            .and_then(|c| total.checked_add(c))
        {
            Some(v) => total = g(v),
            None => err = Some(Error::overflow("call cost")),
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    Ok(rounding
        .mode
        .round(total.max(rate.minimum), rounding.decimals))
}

/// Parses call records from CSV text (see [`RatingEngine::parse_cdrs_csv`]).
pub fn parse_cdrs_csv(text: &str, tz: &TimeZone) -> Result<Vec<CallRecord>, Error> {
    cdr_records(text, tz)?
        .map(|r| r.map(|(_, record)| record))
        .collect()
}

/// Reads call records from CSV text one at a time, each with the 1-based line its row
/// starts on (a quoted field may span lines, so the line is the reader's, not a row
/// count), without holding them all: rate a file of any length in constant memory.
/// Columns as [`RatingEngine::parse_cdrs_csv`] says; a bad header is an error at
/// once, a bad row an error in its place.
///
/// ```
/// let tz = jiff::tz::TimeZone::UTC;
/// let text = "call_id,start,duration_s,destination\n\"a\nb\",2026-03-11T09:12:00Z,60,+31201234567\n";
/// let rows: Vec<_> = tariff::cdr_records(text, &tz)?.collect::<Result<_, _>>()?;
/// assert_eq!(rows[0].0, 2);
/// assert_eq!(rows[0].1.call_id, "a\nb");
/// # Ok::<(), tariff::Error>(())
/// ```
///
/// # Errors
/// [`Error::Csv`] for a header without `start`, `duration_s` and `destination`.
pub fn cdr_records<'a>(text: &'a str, tz: &TimeZone) -> Result<CdrRecords<'a>, Error> {
    let (rows, headers) = crate::csv_rows::Rows::with_headers(text)?;
    let col = |name: &str| crate::csv_rows::column(&headers, name);
    let (Some(start_col), Some(dur_col), Some(dest_col)) =
        (col("start"), col("duration_s"), col("destination"))
    else {
        return Err(Error::Csv {
            line: 1,
            reason: "header must name start, duration_s and destination".into(),
        });
    };
    Ok(CdrRecords {
        rows,
        tz: tz.clone(),
        cols: [start_col, dur_col, dest_col],
        answered_col: col("answered"),
        id_col: col("call_id"),
    })
}

/// The call records of a CSV text, one at a time ([`cdr_records`]).
pub struct CdrRecords<'a> {
    rows: crate::csv_rows::Rows<'a>,
    tz: TimeZone,
    cols: [usize; 3],
    answered_col: Option<usize>,
    id_col: Option<usize>,
}

impl std::fmt::Debug for CdrRecords<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CdrRecords").finish_non_exhaustive()
    }
}

impl Iterator for CdrRecords<'_> {
    type Item = Result<(u64, CallRecord), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(
            self.rows
                .next()?
                .and_then(|(line, record)| self.read(line, &record)),
        )
    }
}

impl CdrRecords<'_> {
    fn read(&self, line: u64, record: &csv::StringRecord) -> Result<(u64, CallRecord), Error> {
        let [start_col, dur_col, dest_col] = self.cols;
        let field = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("");
        let bad = |what: &str, v: &str| Error::Csv {
            line,
            reason: format!("{what}: invalid value {v:?}"),
        };
        let start_text = field(Some(start_col));
        let start = parse_start(start_text, &self.tz).ok_or_else(|| bad("start", start_text))?;
        let dur_text = field(Some(dur_col));
        let duration_s: u32 = dur_text.parse().map_err(|_| bad("duration_s", dur_text))?;
        let answered_text = field(self.answered_col);
        let answered = crate::csv_rows::answered(answered_text, duration_s > 0)
            .ok_or_else(|| bad("answered", answered_text))?;
        Ok((
            line,
            CallRecord {
                call_id: field(self.id_col).to_owned(),
                start,
                duration_s,
                destination: field(Some(dest_col)).to_owned(),
                answered,
            },
        ))
    }
}

fn parse_start(text: &str, tz: &TimeZone) -> Option<Timestamp> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    let civil: jiff::civil::DateTime = text.parse().ok()?;
    civil.to_zoned(tz.clone()).ok().map(|z| z.timestamp())
}
