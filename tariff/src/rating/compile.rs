//! Compiling a [`Plan`] for rating: bands, destinations and their candidate rates per
//! version, prefix tables, the exact integer form of every amount and the compact
//! records of the common single-rate destinations.

use rust_decimal::Decimal;

use super::RatingEngine;
use super::integer::{pow10, units};
use crate::Error;
use crate::money::{Rounding, RoundingPoint};
use crate::number::{Country, NumberClass};
use crate::plan::{DayKind, MaxCost, MaxCostStrategy, Plan, RateEntry, RateSlot, parse_hhmm};
use crate::prefix::PrefixTable;

pub(super) const NO_BAND: u16 = u16::MAX;

/// The most (version, destination) pairs an engine indexes: 16 Mi pairs, 128 MiB.
pub(super) const MAX_DESTINATION_SLOTS: usize = 16 << 20;

#[derive(Debug, Clone)]
pub(super) struct CompiledSlot {
    pub(super) start_s: u32,
    pub(super) increment_s: u32,
    pub(super) unit_s: u32,
    pub(super) price: Decimal,
    pub(super) price_units: i128,
    /// The price as the `f64` CGRateS parses from its text (cgrates mode).
    pub(super) price_f64: f64,
    /// `price_units × lcm / unit_s`: the price of one second over `lcm`, when it
    /// fits in 64 bits (the per-call integer path then needs no 128-bit arithmetic).
    pub(super) second_units: Option<u64>,
}

#[derive(Debug, Clone)]
pub(super) struct CompiledRate {
    pub(super) connect_fee: Decimal,
    pub(super) minimum: Decimal,
    pub(super) max_cost: Option<MaxCost>,
    /// The rate's own rounding (`None`: the plan's).
    pub(super) rounding: Option<Rounding>,
    pub(super) connect_units: i128,
    /// The connect fee and the minimum as `f64` (cgrates mode).
    pub(super) connect_fee_f64: f64,
    pub(super) minimum_f64: f64,
    /// A `*free` maximum cost above 0 as `f64` (cgrates mode).
    pub(super) free_ceiling_f64: Option<f64>,
    pub(super) min_units: i128,
    /// `connect_units × lcm` and `min_units × lcm`, when they fit in 64 bits.
    pub(super) connect_per_lcm: Option<u64>,
    pub(super) minimum_per_lcm: Option<u64>,
    /// The entry's [`crate::RateEntry::weight`] as `f64` (CGRateS compares weights as
    /// floats).
    pub(super) weight: Option<f64>,
    /// [`crate::RateEntry::activation`] and [`crate::RateEntry::reaching`], Unix
    /// seconds.
    pub(super) activation: Option<i64>,
    pub(super) reaching: Option<i64>,
    /// The rate's slots: `slots[slot_start..slot_end]` of the engine.
    pub(super) slot_start: u32,
    pub(super) slot_end: u32,
}

#[derive(Debug, Clone)]
pub(super) struct CompiledBand {
    pub(super) mask: u8,
    pub(super) from_s: u32,
    pub(super) to_s: u32,
    /// The dates it is limited to, when it is ([`crate::TimeBand::months`]...).
    pub(super) dates: Option<Box<BandDates>>,
}

/// A band's years, months (bit m) and days of the month (bit d); empty: any.
#[derive(Debug, Clone)]
pub(super) struct BandDates {
    pub(super) years: Vec<i16>,
    pub(super) months: u16,
    pub(super) month_days: u32,
}

impl BandDates {
    fn matches(&self, date: jiff::civil::Date) -> bool {
        (self.years.is_empty() || self.years.contains(&date.year()))
            && (self.months == 0 || self.months & (1 << date.month()) != 0)
            && (self.month_days == 0 || self.month_days & (1 << date.day()) != 0)
    }
}

impl CompiledBand {
    /// Whether the band is in force at `second_of_day` of a day of kind `day_mask` that
    /// is `date` (needed only for a band with dates; `None` never matches one).
    #[inline]
    pub(super) fn matches(
        &self,
        day_mask: u8,
        second_of_day: u32,
        date: Option<jiff::civil::Date>,
    ) -> bool {
        if self.mask & day_mask == 0 {
            return false;
        }
        if let Some(dates) = &self.dates
            && !date.is_some_and(|d| dates.matches(d))
        {
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
pub(super) struct CompiledVersion {
    pub(super) from: i64,
    pub(super) table: PrefixTable,
    /// Under [`crate::Numbering::Literal`], the prefixes written with `+`, for the
    /// numbers dialled with `+` (empty otherwise).
    pub(super) plus_table: PrefixTable,
    /// Per destination: its candidates `rate_refs[dest_ranges[d]..dest_ranges[d + 1]]`.
    pub(super) dest_ranges: Vec<u32>,
    /// (band or NO_BAND, rate index), grouped by destination, in plan order.
    pub(super) rate_refs: Vec<(u16, u32)>,
    /// Per destination without band-specific rates: its rate (the first in plan
    /// order), so the common case reads one array; `NO_RATE` otherwise.
    pub(super) single: Vec<u32>,
    /// Whether some rate has a [`crate::RateEntry::weight`]: the rates in force are
    /// then chosen by weight, then the latest band start, then plan order.
    pub(super) weighted: bool,
    /// [`crate::PlanVersion::needs_rate`].
    pub(super) needs_rate: bool,
    /// What rating an answered call needs when the plan rates per call in 64-bit
    /// integers and the destination has a single rate of at most two slots, in one
    /// record; destinations with equal records share one, so the table stays small
    /// and cached. The prefix table gives each destination's record index beside the
    /// destination (`NO_FAST` when it does not qualify; empty when the plan does
    /// not).
    pub(super) fast: Vec<FastRate>,
}

/// A destination's single rate in integer form (see [`CompiledVersion::fast`]): one
/// or two slots, every amount in 32 bits, in 32 bytes aligned to 32 so that reading
/// it touches one cache line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(align(32))]
pub(super) struct FastRate {
    /// The connect fee and the minimum charge over `lcm` ([`CompiledRate::connect_per_lcm`]).
    pub(super) connect_per_lcm: u32,
    pub(super) minimum_per_lcm: u32,
    /// Where the second slot starts; `u32::MAX` for a rate of one slot (a call never
    /// gets past it).
    pub(super) second_start_s: u32,
    pub(super) increment_s: [u32; 2],
    pub(super) second_units: [u32; 2],
}

/// No [`FastRate`] for the destination.
pub(super) const NO_FAST: u32 = u32::MAX;

pub(super) const NO_RATE: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub(super) struct Destination {
    pub(super) name: String,
    pub(super) class: Option<NumberClass>,
}

/// Exact integer arithmetic: amounts in units of 10^-scale, time over `lcm` seconds.
#[derive(Debug, Clone, Copy)]
pub(super) struct FixedPoint {
    pub(super) scale: u32,
    pub(super) lcm: i128,
    /// `lcm × 10^scale` and `10^decimals` of the plan's rounding, when they fit in
    /// 64 bits.
    pub(super) denominator: Option<u64>,
    pub(super) output_scale: Option<u64>,
}

/// Holidays as a bitset of days since 1970-01-01 over a range of years.
#[derive(Debug, Clone)]
pub(super) struct HolidayBits {
    pub(super) first_day: i64,
    pub(super) bits: Vec<u64>,
}

impl HolidayBits {
    pub(super) fn get(&self, day: i64) -> Option<bool> {
        let i = usize::try_from(day - self.first_day).ok()?;
        let word = self.bits.get(i / 64)?;
        Some(word & (1 << (i % 64)) != 0)
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

/// `value` as the nearest `f64`, as Go's `strconv.ParseFloat` reads its text.
fn to_f64(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or(f64::NAN)
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a } else { gcd(b, a % b) }
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
        check_bundles(plan)?;
        let bands = Bands::compile(plan)?;
        let mut tables = Tables::default();
        let mut versions = plan
            .versions
            .iter()
            .map(|version| tables.add_version(version, &bands, &tz, plan.rounding, plan.numbering))
            .collect::<Result<Vec<_>, Error>>()?;
        // Every version keeps two words per destination of the whole plan: bound their
        // product, so many versions of many distinct destinations cannot take
        // gigabytes (a plan of real tariff tables stays far below).
        let slots_per_version = tables.destinations.len().saturating_add(1);
        if versions.len().saturating_mul(slots_per_version) > MAX_DESTINATION_SLOTS {
            return Err(Error::LimitExceeded {
                what: "plan versions times destinations",
                max: MAX_DESTINATION_SLOTS as u64,
            });
        }
        versions.sort_by_key(|v| v.from);
        let fixed = tables.fixed_point(plan.rounding);
        if fixed.is_some()
            && plan.cgrates.is_none()
            && plan.rounding.point == RoundingPoint::PerCall
        {
            for version in &mut versions {
                tables.attach_fast_rates(version);
            }
        }
        let calendar = if bands.uses_holidays {
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
            dated_bands: bands.dated,
            band_names: bands.names,
            bands: bands.compiled,
            destinations: tables.destinations,
            rates: tables.rates,
            slots: tables.slots,
            versions,
            bundles: plan.bundles.clone(),
            calendar,
            holidays,
            fixed,
        })
    }
}

/// TERMS ACC-3: no bundle may list premium or international calls.
fn check_bundles(plan: &Plan) -> Result<(), Error> {
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
    Ok(())
}

/// The plan's time bands, by index.
struct Bands {
    names: Vec<String>,
    compiled: Vec<CompiledBand>,
    uses_holidays: bool,
    /// Whether a band is limited to some dates.
    dated: bool,
}

impl Bands {
    fn compile(plan: &Plan) -> Result<Bands, Error> {
        if plan.bands.len() >= usize::from(NO_BAND) {
            return Err(Error::LimitExceeded {
                what: "time bands",
                max: u64::from(NO_BAND) - 1,
            });
        }
        let mut bands = Bands {
            names: Vec::with_capacity(plan.bands.len()),
            compiled: Vec::with_capacity(plan.bands.len()),
            uses_holidays: false,
            dated: false,
        };
        for band in &plan.bands {
            bands.uses_holidays |= band.days.contains(&DayKind::Holiday);
            let dated =
                !(band.years.is_empty() && band.months.is_empty() && band.month_days.is_empty());
            bands.dated |= dated;
            bands.compiled.push(CompiledBand {
                mask: band.days.iter().fold(0u8, |m, d| m | d.bit()),
                from_s: parse_hhmm(&band.from)?,
                to_s: parse_hhmm(&band.to)?,
                dates: dated.then(|| {
                    Box::new(BandDates {
                        years: band.years.clone(),
                        months: band.months.iter().fold(0, |m, &x| m | 1u16 << (x & 15)),
                        month_days: band.month_days.iter().fold(0, |m, &x| m | 1u32 << (x & 31)),
                    })
                }),
            });
            bands.names.push(band.name.clone());
        }
        Ok(bands)
    }

    /// The index of the band `name`.
    fn index(&self, name: &str) -> Result<u16, Error> {
        self.names
            .iter()
            .position(|b| b == name)
            .and_then(|i| u16::try_from(i).ok())
            .ok_or_else(|| Error::InvalidPlan(format!("unknown time band {name:?}")))
    }
}

/// What the versions share while they are compiled: destinations (global by name),
/// rates and their slots, and what the integer form needs to know of every amount.
#[derive(Default)]
struct Tables<'p> {
    destinations: Vec<Destination>,
    by_name: std::collections::HashMap<&'p str, u32>,
    rates: Vec<CompiledRate>,
    slots: Vec<CompiledSlot>,
    /// The most decimal places of any amount.
    max_scale: u32,
    /// The least common multiple of every slot's unit, while it stays small enough
    /// for the integer form (`None` once it does not).
    lcm: Option<i128>,
}

/// The largest common unit the integer form keeps time over.
const MAX_LCM: i128 = 1_000_000_000;

impl<'p> Tables<'p> {
    /// The index of the destination `name`, added on first sight.
    fn destination(&mut self, name: &'p str, class: Option<NumberClass>) -> Result<u32, Error> {
        if let Some(&i) = self.by_name.get(name) {
            return Ok(i);
        }
        let i = u32::try_from(self.destinations.len()).map_err(|_| Error::overflow("plan size"))?;
        self.destinations.push(Destination {
            name: name.to_owned(),
            class,
        });
        self.by_name.insert(name, i);
        Ok(i)
    }

    /// Compiles one rate entry's rate and slots; returns the rate's index.
    fn add_rate(&mut self, entry: &RateEntry, plan_rounding: Rounding) -> Result<u32, Error> {
        let simple;
        let slots: &[RateSlot] = if entry.slots.is_empty() {
            simple = simple_slots(entry);
            &simple
        } else {
            &entry.slots
        };
        let invalid = |reason: &str| {
            Error::InvalidPlan(format!("rate for {:?}: {reason}", entry.destination))
        };
        if slots.first().is_none_or(|s| s.start_s != 0) {
            return Err(invalid("the first slot must start at 0 s"));
        }
        if slots.windows(2).any(|w| w[1].start_s <= w[0].start_s) {
            return Err(invalid("slots must start in increasing order"));
        }
        if slots.iter().any(|s| s.increment_s == 0 || s.unit_s == 0) {
            return Err(invalid("increments and units must be at least 1 s"));
        }
        for s in slots {
            let unit = i128::from(s.unit_s);
            self.lcm = self
                .lcm
                .map(|l| l / gcd(l, unit) * unit)
                .filter(|&l| l <= MAX_LCM);
        }
        let amounts = [entry.connect_fee, entry.minimum_charge]
            .into_iter()
            .chain(entry.max_cost.map(|m| m.amount))
            .chain(slots.iter().map(|s| s.price));
        if amounts.clone().any(|a| a.is_sign_negative()) {
            return Err(invalid("prices must not be negative"));
        }
        for a in amounts {
            self.max_scale = self.max_scale.max(a.normalize().scale());
        }
        let index = |n: usize| u32::try_from(n).map_err(|_| Error::overflow("plan size"));
        let rate = index(self.rates.len())?;
        self.rates.push(CompiledRate {
            connect_fee: entry.connect_fee,
            minimum: entry.minimum_charge,
            max_cost: entry.max_cost,
            rounding: entry.rounding.filter(|r| *r != plan_rounding),
            connect_units: 0,
            connect_fee_f64: to_f64(entry.connect_fee),
            minimum_f64: to_f64(entry.minimum_charge),
            free_ceiling_f64: entry
                .max_cost
                .filter(|m| m.strategy == MaxCostStrategy::Free && m.amount > Decimal::ZERO)
                .map(|m| to_f64(m.amount)),
            min_units: 0,
            connect_per_lcm: None,
            minimum_per_lcm: None,
            weight: entry.weight.map(to_f64),
            activation: entry.activation.map(|t| t.as_second()),
            reaching: entry.reaching.map(|t| t.as_second()),
            slot_start: index(self.slots.len())?,
            slot_end: index(self.slots.len().saturating_add(slots.len()))?,
        });
        self.slots.extend(slots.iter().map(|s| CompiledSlot {
            start_s: s.start_s,
            increment_s: s.increment_s,
            unit_s: s.unit_s,
            price: s.price,
            price_units: 0,
            price_f64: to_f64(s.price),
            second_units: None,
        }));
        Ok(rate)
    }

    /// Compiles one version: its rates, its prefix table and each destination's
    /// candidate rates in plan order.
    fn add_version(
        &mut self,
        version: &'p crate::plan::PlanVersion,
        bands: &Bands,
        tz: &jiff::tz::TimeZone,
        plan_rounding: Rounding,
        numbering: crate::plan::Numbering,
    ) -> Result<CompiledVersion, Error> {
        let from = match (version.effective_at, version.effective_from) {
            (Some(at), _) => at.as_second(),
            (None, None) => i64::MIN,
            (None, Some(date)) => date
                .to_zoned(tz.clone())
                .map_err(|_| Error::DateOutOfRange {
                    what: "effective_from",
                    date,
                })?
                .timestamp()
                .as_second(),
        };
        // (destination, band, rate) in plan order, grouped by destination below.
        let mut refs: Vec<(u32, u16, u32)> = Vec::with_capacity(version.rates.len());
        let mut prefixes: Vec<(&[u8], u32)> = Vec::with_capacity(version.rates.len());
        let mut plus_prefixes: Vec<(&[u8], u32)> = Vec::new();
        let weighted = version.rates.iter().any(|e| e.weight.is_some());
        for entry in &version.rates {
            let destination = self.destination(&entry.destination, entry.class)?;
            for p in &entry.prefixes {
                match numbering.key_of(p) {
                    (true, digits) => plus_prefixes.push((digits.as_bytes(), destination)),
                    (false, digits) => prefixes.push((digits.as_bytes(), destination)),
                }
            }
            let band = match &entry.band {
                None => NO_BAND,
                Some(name) => bands.index(name)?,
            };
            refs.push((destination, band, self.add_rate(entry, plan_rounding)?));
        }
        // Stable: each destination's candidates keep their plan order.
        refs.sort_by_key(|r| r.0);
        let mut dest_ranges = Vec::with_capacity(self.destinations.len() + 1);
        let mut rate_refs = Vec::with_capacity(refs.len());
        let mut next = refs.iter().peekable();
        for d in 0..self.destinations.len() {
            dest_ranges
                .push(u32::try_from(rate_refs.len()).map_err(|_| Error::overflow("plan size"))?);
            while let Some(&&(rd, band, ri)) = next.peek() {
                if rd as usize != d {
                    break;
                }
                rate_refs.push((band, ri));
                next.next();
            }
        }
        dest_ranges.push(u32::try_from(rate_refs.len()).map_err(|_| Error::overflow("plan size"))?);
        let single = dest_ranges
            .windows(2)
            .map(|w| {
                let candidates = rate_refs.get(w[0] as usize..w[1] as usize).unwrap_or(&[]);
                match candidates.first() {
                    Some(&(_, r))
                        if candidates.iter().all(|(b, _)| *b == NO_BAND)
                            && (!weighted || candidates.len() == 1) =>
                    {
                        r
                    }
                    _ => NO_RATE,
                }
            })
            .collect();
        Ok(CompiledVersion {
            from,
            table: PrefixTable::build(prefixes)?,
            plus_table: PrefixTable::build(plus_prefixes)?,
            dest_ranges,
            rate_refs,
            single,
            weighted,
            needs_rate: version.needs_rate,
            fast: Vec::new(),
        })
    }

    /// Gives every amount its integer form and returns the scale, when every amount
    /// and unit is small enough for exact integer arithmetic; `None` otherwise (costs
    /// are then computed in decimals).
    fn fixed_point(&mut self, rounding: Rounding) -> Option<FixedPoint> {
        let lcm = self.lcm?;
        let scale = self.max_scale;
        if scale > 12 || rounding.decimals > 12 {
            return None;
        }
        let to64 = |v: Option<i128>| v.and_then(|v| u64::try_from(v).ok());
        for rate in &mut self.rates {
            rate.connect_units = units(rate.connect_fee, scale)?;
            rate.min_units = units(rate.minimum, scale)?;
            rate.connect_per_lcm = to64(rate.connect_units.checked_mul(lcm));
            rate.minimum_per_lcm = to64(rate.min_units.checked_mul(lcm));
        }
        for slot in &mut self.slots {
            slot.price_units = units(slot.price, scale)?;
            slot.second_units = to64(slot.price_units.checked_mul(lcm / i128::from(slot.unit_s)));
        }
        Some(FixedPoint {
            scale,
            lcm,
            denominator: to64(pow10(scale).and_then(|p| lcm.checked_mul(p))),
            output_scale: to64(pow10(rounding.decimals)),
        })
    }

    /// Gives `version` the [`FastRate`] records of its single-rate destinations.
    fn attach_fast_rates(&self, version: &mut CompiledVersion) {
        let mut ids: std::collections::HashMap<FastRate, u32> = Default::default();
        let mut records = Vec::new();
        let mut of_destination = Vec::with_capacity(version.single.len());
        for &r in &version.single {
            let id = match fast_rate(&self.rates, &self.slots, r) {
                None => NO_FAST,
                Some(fast) => *ids.entry(fast).or_insert_with(|| {
                    records.push(fast);
                    (records.len() - 1) as u32
                }),
            };
            of_destination.push(id);
        }
        version.fast = records;
        let companion = |destination: u32| {
            of_destination
                .get(destination as usize)
                .copied()
                .unwrap_or(NO_FAST)
        };
        version.table.set_companions(companion);
        version.plus_table.set_companions(companion);
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
            .map_err(|_| Error::DateOutOfRange {
                what: "holiday calendar",
                date: d,
            })
    };
    let first_day = day_number(jiff::civil::date(first_year, 1, 1))?;
    let last_day = day_number(jiff::civil::date(last_year, 12, 31))?;
    let n = usize::try_from(last_day - first_day + 1).map_err(|_| Error::overflow("plan size"))?;
    let mut bits = vec![0u64; n.div_ceil(64)];
    for year in first_year..=last_year {
        for h in cal.holidays(year)? {
            let i = usize::try_from(day_number(h.date)? - first_day)
                .map_err(|_| Error::overflow("plan size"))?;
            if let Some(w) = bits.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
    }
    Ok(HolidayBits { first_day, bits })
}

/// The [`FastRate`] of rate `r`, when it has at most two slots and every amount fits
/// in 32 bits.
pub(super) fn fast_rate(
    rates: &[CompiledRate],
    slots: &[CompiledSlot],
    r: u32,
) -> Option<FastRate> {
    let rate = rates.get(r as usize)?;
    let own = slots.get(rate.slot_start as usize..rate.slot_end as usize)?;
    if own.len() > 2 || rate.max_cost.is_some() || rate.rounding.is_some() {
        return None;
    }
    let small = |v: Option<u64>| v.and_then(|v| u32::try_from(v).ok());
    let first = own.first()?;
    let second = own.get(1);
    Some(FastRate {
        connect_per_lcm: small(rate.connect_per_lcm)?,
        minimum_per_lcm: small(rate.minimum_per_lcm)?,
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
