//! Rate plans as plain data: what an operator writes in TOML or JSON, or loads from a
//! CSV rate table. [`crate::RatingEngine::new`] compiles a [`Plan`] for fast rating.
//!
//! ```toml
//! name = "Business NL"
//! currency = "EUR"
//! country = "NL"                 # the account's country: national numbers, international
//! timezone = "Europe/Amsterdam"  # local time for time bands
//!
//! [[bands]]
//! name = "peak"
//! days = ["mon", "tue", "wed", "thu", "fri"]   # "holiday" is a day kind of its own
//! from = "08:00"
//! to = "19:00"
//!
//! [[versions]]
//! effective_from = "2026-01-01"
//! [[versions.rates]]
//! destination = "NL mobile"
//! prefixes = ["316"]
//! per_minute = "0.10"
//! connect_fee = "0.05"
//! first_increment_s = 30
//! next_increment_s = 6
//! band = "peak"                  # omitted: any time
//!
//! [[bundles]]
//! kind = "flat_rate"
//! name = "Flat NL"
//! classes = ["geographic", "mobile"]
//! monthly_fee = "25.00"
//! ```

use rust_decimal::Decimal;

use crate::Error;
use crate::money::{Currency, Rounding};
use crate::number::NumberClass;

/// How destination numbers are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Numbering {
    /// Numbers are normalized to E.164 from the account's country and classified by
    /// the numbering plan; prefixes are E.164 digits without `+`.
    #[default]
    E164,
    /// Numbers are matched as the digits given (a leading `+` is dropped); the class
    /// comes from the matching rate entry.
    Digits,
    /// Numbers are matched as written, as CGRateS matches them: a leading `+` is a
    /// character of its own, so `+31…` matches only prefixes written with `+` (`+31`)
    /// and `31…` only prefixes without; the class comes from the matching rate entry.
    Literal,
}

impl Numbering {
    /// The prefix as the prefix table keys it: its digits, and whether the leading `+`
    /// counts (only under [`Numbering::Literal`]).
    pub(crate) fn key_of(self, prefix: &str) -> (bool, &str) {
        match prefix.strip_prefix('+') {
            Some(digits) => (self == Numbering::Literal, digits),
            None => (false, prefix),
        }
    }
}

/// What an unanswered call costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum UnansweredPolicy {
    /// Nothing (the default).
    #[default]
    Free,
    /// The connect fee of its rate.
    ConnectFee,
}

/// A day kind for time bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[allow(missing_docs)]
pub enum DayKind {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
    /// A public holiday of the plan's calendar (contracts). On a holiday only bands
    /// listing `holiday` apply, whatever the weekday.
    Holiday,
}

impl DayKind {
    /// The seven days of the week, Monday first.
    pub const WEEK: [DayKind; 7] = [
        DayKind::Mon,
        DayKind::Tue,
        DayKind::Wed,
        DayKind::Thu,
        DayKind::Fri,
        DayKind::Sat,
        DayKind::Sun,
    ];

    pub(crate) fn bit(self) -> u8 {
        match self {
            DayKind::Mon => 1,
            DayKind::Tue => 1 << 1,
            DayKind::Wed => 1 << 2,
            DayKind::Thu => 1 << 3,
            DayKind::Fri => 1 << 4,
            DayKind::Sat => 1 << 5,
            DayKind::Sun => 1 << 6,
            DayKind::Holiday => 1 << 7,
        }
    }
}

/// A named period of the week in local time. `from`/`to` are `HH:MM` (`to` may be
/// `24:00`); when `to` is not after `from` the band wraps past midnight on the listed
/// days (`19:00`–`08:00`: evenings and early mornings of those days). A band may also
/// be limited to some years, months or days of the month (as CGRateS timings are:
/// `months = [12]`, `month_days = [25, 26]` for Christmas); a wrapping band's early
/// morning counts as the day it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TimeBand {
    /// Name referenced by rate entries.
    pub name: String,
    /// Days the band applies on.
    pub days: Vec<DayKind>,
    /// Start, `HH:MM` (inclusive).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de_hhmm"))]
    pub from: String,
    /// End, `HH:MM` (exclusive).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de_hhmm"))]
    pub to: String,
    /// The years it applies in; empty: every year.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub years: Vec<i16>,
    /// The months it applies in, 1 to 12; empty: every month.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub months: Vec<u8>,
    /// The days of the month it applies on, 1 to 31; empty: every day.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub month_days: Vec<u8>,
}

/// Seconds of the day of `HH:MM` (`24:00` allowed).
pub(crate) fn parse_hhmm(text: &str) -> Result<u32, Error> {
    let bad = || Error::InvalidPlan(format!("time {text:?}: expected HH:MM"));
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return Err(bad());
    }
    Ok(h.saturating_mul(3600).saturating_add(m.saturating_mul(60)))
}

#[cfg(feature = "serde")]
fn de_hhmm<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(d)?;
    parse_hhmm(&text).map_err(|_| {
        serde::de::Error::custom(format!("time {text:?}: expected HH:MM from 00:00 to 24:00"))
    })?;
    Ok(text)
}

/// One price step of a rate: from `start_s` seconds into the call, `price` per
/// `unit_s` seconds, charged in increments of `increment_s` seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RateSlot {
    /// Seconds into the call where the slot starts (the first slot starts at 0).
    pub start_s: u32,
    /// Price per unit (not negative).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub price: Decimal,
    /// Seconds the price is for (60 for a per-minute price; at least 1).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de_seconds"))]
    pub unit_s: u32,
    /// Charged increment in seconds (at least 1).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de_seconds"))]
    pub increment_s: u32,
}

#[cfg(feature = "serde")]
fn de_seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = <u32 as serde::Deserialize>::deserialize(d)?;
    if n == 0 {
        return Err(serde::de::Error::custom("must be at least 1 second"));
    }
    Ok(n)
}

/// A rate for a destination (one or more prefixes), optionally limited to a time band.
///
/// Loaded from TOML or JSON, an entry names its `destination` and either `per_minute`
/// (with optional `first_increment_s`/`next_increment_s`) or `slots`; an unknown field
/// (`per_minut`) is an error, as is a negative amount.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawRateEntry"))]
pub struct RateEntry {
    /// Destination name; entries with the same name share their prefixes.
    pub destination: String,
    /// Digit prefixes (E.164 without `+`, or raw digits).
    pub prefixes: Vec<String>,
    /// The destination's class in [`Numbering::Digits`] plans.
    pub class: Option<NumberClass>,
    /// Time band; `None` applies at any time no band-specific entry matches.
    pub band: Option<String>,
    /// Charged once when the call is answered.
    pub connect_fee: Decimal,
    /// Price per minute (the simple form; ignored when `slots` is given).
    pub per_minute: Decimal,
    /// First charged increment in seconds (simple form; default 60).
    pub first_increment_s: Option<u32>,
    /// Following increments in seconds (simple form; default 60).
    pub next_increment_s: Option<u32>,
    /// Explicit price steps (the general form, as in CGRateS rates).
    pub slots: Vec<RateSlot>,
    /// The least an answered call costs.
    pub minimum_charge: Decimal,
    /// The most a call costs, and what happens when it gets there (CGRateS
    /// `MaxCost` / `MaxCostStrategy`).
    pub max_cost: Option<MaxCost>,
    /// How calls at this rate are rounded, when not as the plan's [`Plan::rounding`]
    /// says (CGRateS rounds per destination rate: `RoundingMethod`,
    /// `RoundingDecimals`).
    pub rounding: Option<Rounding>,
    /// Precedence among the rates of a destination in force at the same time (CGRateS
    /// `Weight`): the highest weight applies, then the band that started last, then
    /// the first listed. `None` everywhere in a plan: the first rate listed whose band
    /// is in force applies.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub weight: Option<Decimal>,
    /// CGRateS imports: the `ActivationTime` of the rating-profile row this rate comes
    /// from (the subject's own or a fallback subject's). In cgrates mode a call that
    /// reaches a later version is cut where that version's rate was activated when
    /// that is within the call, and otherwise (a fallback's older activation) takes the
    /// later version's rate from its start, as CGRateS records and uses it.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub activation: Option<jiff::Timestamp>,
    /// CGRateS imports, cgrates mode: the rate applies only to a call that lasts until
    /// this instant, the first activation of a fallback subject the call's subject
    /// falls back on; CGRateS rates such a call by the `*any` subject (the fallback
    /// subject's part before its first activation), and refuses one that ends before.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub reaching: Option<jiff::Timestamp>,
}

/// A ceiling on what one call at a rate costs (CGRateS `MaxCost`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MaxCost {
    /// The ceiling, connect fee included (not negative).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub amount: Decimal,
    /// What reaching it means.
    pub strategy: MaxCostStrategy,
}

/// What reaching a rate's [`MaxCost`] means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MaxCostStrategy {
    /// The rest of the call is free: a call costs at most the ceiling (CGRateS
    /// `*free`). Applied after the minimum charge, before the call's rounding.
    Free,
    /// The call is to be cut off when its cost reaches the ceiling (CGRateS
    /// `*disconnect`): prepaid authorization stops before the increment that would
    /// reach it; a call record that ran longer is still rated in full, as CGRateS does.
    Disconnect,
}

/// A [`RateEntry`] as written: `per_minute` is optional here so that an entry that
/// gives neither it nor `slots` is an error rather than a free rate.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRateEntry {
    destination: String,
    #[serde(default)]
    prefixes: Vec<String>,
    #[serde(default)]
    class: Option<NumberClass>,
    #[serde(default)]
    band: Option<String>,
    #[serde(default, deserialize_with = "crate::money::de::non_negative")]
    connect_fee: Decimal,
    #[serde(default, deserialize_with = "crate::money::de::non_negative_opt")]
    per_minute: Option<Decimal>,
    #[serde(default)]
    first_increment_s: Option<u32>,
    #[serde(default)]
    next_increment_s: Option<u32>,
    #[serde(default)]
    slots: Vec<RateSlot>,
    #[serde(default, deserialize_with = "crate::money::de::non_negative")]
    minimum_charge: Decimal,
    #[serde(default)]
    max_cost: Option<MaxCost>,
    #[serde(default)]
    rounding: Option<Rounding>,
    #[serde(default)]
    weight: Option<Decimal>,
    #[serde(default)]
    activation: Option<jiff::Timestamp>,
    #[serde(default)]
    reaching: Option<jiff::Timestamp>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawRateEntry> for RateEntry {
    type Error = String;

    fn try_from(raw: RawRateEntry) -> Result<Self, String> {
        let name = &raw.destination;
        if name.trim().is_empty() {
            return Err("a rate needs a destination name".into());
        }
        let per_minute = match (raw.per_minute, raw.slots.is_empty()) {
            (Some(p), true) => p,
            (None, true) => {
                return Err(format!(
                    "rate for {name:?} has neither per_minute nor slots: a rate without a price is not free by default"
                ));
            }
            // The form written back by the crate: slots, and per_minute 0.
            (Some(p), false) if !p.is_zero() => {
                return Err(format!(
                    "rate for {name:?} gives both per_minute and slots: give one"
                ));
            }
            (_, false) => Decimal::ZERO,
        };
        if !raw.slots.is_empty()
            && (raw.first_increment_s.is_some() || raw.next_increment_s.is_some())
        {
            return Err(format!(
                "rate for {name:?}: first_increment_s and next_increment_s belong to per_minute, not to slots"
            ));
        }
        if raw.first_increment_s == Some(0) || raw.next_increment_s == Some(0) {
            return Err(format!(
                "rate for {name:?}: increments must be at least 1 second"
            ));
        }
        Ok(RateEntry {
            destination: raw.destination,
            prefixes: raw.prefixes,
            class: raw.class,
            band: raw.band,
            connect_fee: raw.connect_fee,
            per_minute,
            first_increment_s: raw.first_increment_s,
            next_increment_s: raw.next_increment_s,
            slots: raw.slots,
            minimum_charge: raw.minimum_charge,
            max_cost: raw.max_cost,
            rounding: raw.rounding,
            weight: raw.weight,
            activation: raw.activation,
            reaching: raw.reaching,
        })
    }
}

impl RateEntry {
    /// The price steps: `slots`, or the simple form as two slots
    /// (`per_minute` in `first`-second increments, then `next`-second ones).
    pub fn effective_slots(&self) -> Vec<RateSlot> {
        if !self.slots.is_empty() {
            return self.slots.clone();
        }
        let first = self.first_increment_s.unwrap_or(60);
        let next = self.next_increment_s.unwrap_or(60);
        vec![
            RateSlot {
                start_s: 0,
                price: self.per_minute,
                unit_s: 60,
                increment_s: first,
            },
            RateSlot {
                start_s: first,
                price: self.per_minute,
                unit_s: 60,
                increment_s: next,
            },
        ]
    }
}

/// The rates in force from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct PlanVersion {
    /// First local day the version applies (`None`: since always).
    pub effective_from: Option<jiff::civil::Date>,
    /// The instant the version applies from, for a version that starts within a day
    /// (a CGRateS `ActivationTime` such as `2015-06-15T12:30:00Z`); when given it is
    /// the start, and `effective_from` is not used.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub effective_at: Option<jiff::Timestamp>,
    /// The rates.
    pub rates: Vec<RateEntry>,
    /// A CSV rate table to add to `rates`, resolved by the caller (the crate reads no
    /// files): see [`parse_rate_table_csv`].
    pub rates_csv: Option<String>,
    /// Cgrates mode only: a call that reaches this version from an earlier one is
    /// refused when this version has no rate for its number (found as at the call's
    /// start), as CGRateS refuses it (`UNAUTHORIZED_DESTINATION`) when the activation
    /// names fallback subjects (`RatesFallbackSubject`); an activation without them
    /// leaves such a call to the earlier version.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub needs_rate: bool,
}

#[cfg(feature = "serde")]
fn is_false(b: &bool) -> bool {
    !*b
}

/// A bundle on the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)
)]
pub enum Bundle {
    /// A flat monthly fee covering every call of `classes` (TERMS ACC-3: never
    /// premium or international).
    FlatRate {
        /// Name on the invoice.
        name: String,
        /// Covered destination classes.
        classes: Vec<NumberClass>,
        /// Monthly fee (not negative).
        #[cfg_attr(
            feature = "serde",
            serde(deserialize_with = "crate::money::de::non_negative")
        )]
        monthly_fee: Decimal,
    },
    /// Free minutes per month on `classes`; a call is covered whole when its charged
    /// seconds fit in what is left, otherwise its leading increments that fit are free
    /// and the rest is charged (the rule is on [`crate::BundleUsage`]).
    FreeMinutes {
        /// Name on the invoice.
        name: String,
        /// Covered destination classes.
        classes: Vec<NumberClass>,
        /// Minutes per month.
        minutes: u32,
        /// Monthly fee (not negative).
        #[cfg_attr(
            feature = "serde",
            serde(default, deserialize_with = "crate::money::de::non_negative")
        )]
        monthly_fee: Decimal,
    },
}

impl Bundle {
    /// The bundle's name.
    pub fn name(&self) -> &str {
        match self {
            Bundle::FlatRate { name, .. } | Bundle::FreeMinutes { name, .. } => name,
        }
    }

    /// The covered classes.
    pub fn classes(&self) -> &[NumberClass] {
        match self {
            Bundle::FlatRate { classes, .. } | Bundle::FreeMinutes { classes, .. } => classes,
        }
    }

    /// The monthly fee.
    pub fn monthly_fee(&self) -> Decimal {
        match self {
            Bundle::FlatRate { monthly_fee, .. } | Bundle::FreeMinutes { monthly_fee, .. } => {
                *monthly_fee
            }
        }
    }
}

/// CGRateS compatibility: reproduce its rounding so costs compare call by call.
///
/// A call of no duration costs 0 whatever its destination, as CGRateS v0.10.4's
/// `CallDescriptor.getCost` returns an empty call cost for it before looking for a rate
/// (so a 0 s call to a number without a rate is 0, not an error, and no connect fee is
/// charged).
///
/// Per rate slot, CGRateS computes the slot cost rounded half-up to
/// `global_decimals` (its `rounding_decimals`, 5 by default), divides it by the number
/// of increments and rounds each increment's cost again, adds the increments' costs one
/// by one and rounds the sum, adds the slots to the connect fee, and finally rounds the
/// call to the plan's [`Rounding`] (its `RoundingDecimals` and `RoundingMethod`).
///
/// All of it in `f64`, in CGRateS's order of operations and with its `utils.Round`
/// (`*up` takes a fraction below 10^-7 as none), so the costs match CGRateS's bit for
/// bit, quirks included: a price of 0.0039 per minute charged per second costs
/// 0.000065 a second exactly, which `f64` holds just below, so CGRateS (and this mode)
/// rounds it to 0.00006 where exact mode says 0.00007.
///
/// A `*free` maximum cost is applied as CGRateS's `CallDescriptor.GetCost` applies it:
/// after each slot's timespan it adds the call's cost so far to a running figure, and
/// once that figure reaches the ceiling the cost becomes the ceiling (later timespans
/// are added to it). So a call of two timespans whose cost stays under the ceiling is
/// still charged the ceiling when the first timespan's cost plus the call's cost reach
/// it.
///
/// When the destination of the longest matching prefix has rates limited to timings
/// and none is in force at the call's start, CGRateS takes the next shorter matching
/// prefix whose destination has a rate in force (down to its `*any` destination), and
/// so does this mode; exact rating refuses such a call with [`crate::Error::NoRateAt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CgratesCompat {
    /// CGRateS's system-wide `rounding_decimals` (5).
    pub global_decimals: u32,
    /// The rated subject's first activation, when the plan's first versions are
    /// another subject's (the `*any` subject's, which CGRateS rates by before it): a
    /// call that ends before this instant is refused, as CGRateS refuses it
    /// (`UNAUTHORIZED_DESTINATION`); one that starts before it and ends after is rated
    /// by the versions before it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub subject_from: Option<jiff::Timestamp>,
}

impl Default for CgratesCompat {
    fn default() -> Self {
        CgratesCompat {
            global_decimals: 5,
            subject_from: None,
        }
    }
}

/// A rate plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Plan {
    /// The plan's name.
    pub name: String,
    /// Currency of every amount.
    #[cfg_attr(feature = "serde", serde(default))]
    pub currency: Currency,
    /// The account's country (`NL`, `BE`, `DE`).
    pub country: String,
    /// IANA time zone of the time bands (default `Europe/Amsterdam`).
    #[cfg_attr(feature = "serde", serde(default = "default_timezone"))]
    pub timezone: String,
    /// Holiday calendar for `holiday` bands: a region of `contracts`' calendars (`NL`,
    /// `BE`, `DE`, or a German Land such as `DE-BY`); default: the country.
    #[cfg_attr(feature = "serde", serde(default))]
    pub calendar: Option<String>,
    /// How destination numbers are read.
    #[cfg_attr(feature = "serde", serde(default))]
    pub numbering: Numbering,
    /// What unanswered calls cost.
    #[cfg_attr(feature = "serde", serde(default))]
    pub unanswered: UnansweredPolicy,
    /// Rounding of call costs (default half-up to 4 places per call).
    #[cfg_attr(feature = "serde", serde(default))]
    pub rounding: Rounding,
    /// CGRateS-compatible rounding instead of exact rating.
    #[cfg_attr(feature = "serde", serde(default))]
    pub cgrates: Option<CgratesCompat>,
    /// Time bands.
    #[cfg_attr(feature = "serde", serde(default))]
    pub bands: Vec<TimeBand>,
    /// Effective-dated versions of the rates.
    #[cfg_attr(feature = "serde", serde(default))]
    pub versions: Vec<PlanVersion>,
    /// Bundles.
    #[cfg_attr(feature = "serde", serde(default))]
    pub bundles: Vec<Bundle>,
}

#[cfg(feature = "serde")]
fn default_timezone() -> String {
    "Europe/Amsterdam".to_owned()
}

impl Plan {
    /// An empty plan for `country` in euro, Europe/Amsterdam time.
    pub fn new(name: &str, country: &str) -> Plan {
        Plan {
            name: name.to_owned(),
            currency: Currency::EUR,
            country: country.to_owned(),
            timezone: "Europe/Amsterdam".to_owned(),
            calendar: None,
            numbering: Numbering::E164,
            unanswered: UnansweredPolicy::Free,
            rounding: Rounding::default(),
            cgrates: None,
            bands: Vec::new(),
            versions: Vec::new(),
            bundles: Vec::new(),
        }
    }

    /// Loads a plan from TOML text within [`crate::default_limits`].
    ///
    /// # Errors
    /// [`Error::Load`] naming the field and line of a value that does not read (an
    /// unknown field, a negative or inexact amount...); [`Error::InvalidValue`] or
    /// [`Error::LimitExceeded`] for a document that reads but does not hold together.
    #[cfg(feature = "serde")]
    pub fn from_toml_str(text: &str) -> Result<Plan, Error> {
        Self::from_str_with(text, crate::PlanFormat::Toml, &crate::default_limits())
    }

    /// Loads a plan from JSON text within [`crate::default_limits`].
    ///
    /// # Errors
    /// As [`Plan::from_toml_str`].
    #[cfg(feature = "serde")]
    pub fn from_json_str(text: &str) -> Result<Plan, Error> {
        Self::from_str_with(text, crate::PlanFormat::Json, &crate::default_limits())
    }

    /// Loads a plan from TOML or JSON text within `limits`.
    ///
    /// # Errors
    /// As [`Plan::from_toml_str`].
    #[cfg(feature = "serde")]
    pub fn from_str_with(
        text: &str,
        format: crate::PlanFormat,
        limits: &contracts::LoadLimits,
    ) -> Result<Plan, Error> {
        let loaded: Plan = crate::load::document(text, format, limits)?;
        loaded.validate(limits)?;
        Ok(loaded)
    }
}

/// `versions[i].rates[j]`: where an entry of a plan is.
fn entry_path(version: usize, entry: usize) -> String {
    format!("versions[{version}].rates[{entry}]")
}

/// Whether two entries charge alike (everything but their names and prefixes).
fn same_price(a: &RateEntry, b: &RateEntry) -> bool {
    a.class == b.class
        && a.connect_fee == b.connect_fee
        && a.per_minute == b.per_minute
        && a.first_increment_s == b.first_increment_s
        && a.next_increment_s == b.next_increment_s
        && a.slots == b.slots
        && a.minimum_charge == b.minimum_charge
        && a.max_cost == b.max_cost
        && a.rounding == b.rounding
}

impl Plan {
    /// Checks what deserialization cannot: list sizes within `limits` (entries per
    /// list, and rate entries and prefixes over all versions together), then the rates
    /// as [`Plan::check_rates`] does.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] or [`Error::InvalidValue`].
    pub fn validate(&self, limits: &contracts::LoadLimits) -> Result<(), Error> {
        self.check_sizes(limits)?;
        self.check_rates()
    }

    /// The size checks of [`Plan::validate`].
    pub(crate) fn check_sizes(&self, limits: &contracts::LoadLimits) -> Result<(), Error> {
        let per_list = |what: &'static str, n: usize| {
            if n > limits.max_items {
                Err(Error::LimitExceeded {
                    what,
                    max: limits.max_items as u64,
                })
            } else {
                Ok(())
            }
        };
        per_list("plan versions", self.versions.len())?;
        per_list("time bands", self.bands.len())?;
        per_list("bundles", self.bundles.len())?;
        let mut total: usize = 0;
        for version in &self.versions {
            for entry in &version.rates {
                per_list("prefixes of a rate entry", entry.prefixes.len())?;
                per_list("slots of a rate entry", entry.slots.len())?;
                total = total.saturating_add(entry.prefixes.len().max(1));
            }
        }
        if total > limits.max_total_items {
            return Err(Error::LimitExceeded {
                what: "rate entries and prefixes over all plan versions",
                max: limits.max_total_items as u64,
            });
        }
        Ok(())
    }

    /// Checks the rates of every version: prefixes of digits only, no negative amount,
    /// increments and units of at least one second, known bands, unique band names, no
    /// prefix listed for two destinations, and no destination with two different rates
    /// for the same band (which one would apply would depend on the order of the
    /// entries, so the plan is refused instead).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the entry (`versions[0].rates[3]`).
    pub fn check_rates(&self) -> Result<(), Error> {
        self.check_rates_with(&entry_path)
    }

    /// As [`Plan::check_rates`], with `describe(version, entry)` saying where an entry
    /// comes from (a rate table's line).
    pub(crate) fn check_rates_with(
        &self,
        describe: &dyn Fn(usize, usize) -> String,
    ) -> Result<(), Error> {
        for (k, band) in self.bands.iter().enumerate() {
            if self.bands[..k].iter().any(|b| b.name == band.name) {
                return Err(Error::InvalidValue {
                    field: format!("bands[{k}].name"),
                    reason: format!("band {:?} is defined twice", band.name),
                });
            }
            let bad = |field: &str, reason: &str| Error::InvalidValue {
                field: format!("bands[{k}].{field}"),
                reason: reason.to_owned(),
            };
            if band.months.iter().any(|m| !(1..=12).contains(m)) {
                return Err(bad("months", "months are 1 to 12"));
            }
            if band.month_days.iter().any(|d| !(1..=31).contains(d)) {
                return Err(bad("month_days", "days of the month are 1 to 31"));
            }
            if band.years.iter().any(|y| !(1..=9999).contains(y)) {
                return Err(bad("years", "years are 1 to 9999"));
            }
        }
        for (v, version) in self.versions.iter().enumerate() {
            check_entries(
                &version.rates,
                Some(&self.bands),
                self.numbering,
                &|j| describe(v, j),
                &|j, reason| Error::InvalidValue {
                    field: describe(v, j),
                    reason,
                },
            )?;
        }
        Ok(())
    }
}

/// The checks of [`Plan::check_rates`] over one version's entries (`bands`: the plan's,
/// or `None` when the entries come without a plan); `describe(j)` says where entry `j`
/// is, `fail(j, reason)` makes the error of entry `j`.
fn check_entries(
    entries: &[RateEntry],
    bands: Option<&[TimeBand]>,
    numbering: Numbering,
    describe: &dyn Fn(usize) -> String,
    fail: &dyn Fn(usize, String) -> Error,
) -> Result<(), Error> {
    use std::collections::{HashMap, HashSet};
    let band_names: Option<HashSet<&str>> =
        bands.map(|bands| bands.iter().map(|b| b.name.as_str()).collect());
    let mut by_prefix: HashMap<(bool, &str), usize> = HashMap::new();
    let mut by_rate: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for (j, entry) in entries.iter().enumerate() {
        let invalid = |reason: String| fail(j, reason);
        let slots = entry.effective_slots();
        let negative = [entry.connect_fee, entry.per_minute, entry.minimum_charge]
            .into_iter()
            .chain(entry.max_cost.map(|m| m.amount))
            .chain(slots.iter().map(|s| s.price))
            .any(|a| a.is_sign_negative() && !a.is_zero());
        if negative {
            return Err(invalid(format!(
                "rate for {:?}: prices must not be negative",
                entry.destination
            )));
        }
        if slots.iter().any(|s| s.increment_s == 0 || s.unit_s == 0) {
            return Err(invalid(format!(
                "rate for {:?}: increments and units must be at least 1 s",
                entry.destination
            )));
        }
        if let (Some(band), Some(names)) = (&entry.band, &band_names)
            && !names.contains(band.as_str())
        {
            return Err(invalid(format!("unknown time band {band:?}")));
        }
        for p in &entry.prefixes {
            let key = numbering.key_of(p);
            let digits = key.1;
            if digits.is_empty()
                || digits.len() > crate::MAX_PREFIX_DIGITS
                || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(invalid(format!(
                    "prefix {p:?}: expected 1 to {} digits",
                    crate::MAX_PREFIX_DIGITS
                )));
            }
            if let Some(&first) = by_prefix.get(&key) {
                let other = &entries[first];
                if other.destination != entry.destination {
                    return Err(invalid(format!(
                        "prefix {p} is listed for {:?} and, at {}, for {:?}",
                        entry.destination,
                        describe(first),
                        other.destination
                    )));
                }
            } else {
                by_prefix.insert(key, j);
            }
        }
        let key = (entry.destination.as_str(), entry.band.as_deref());
        match by_rate.get(&key) {
            Some(&first) if !same_price(&entries[first], entry) => {
                return Err(invalid(format!(
                    "destination {:?} has another rate{} at {}: entries of one destination share their prefixes, so give different prices different destination names",
                    entry.destination,
                    entry
                        .band
                        .as_deref()
                        .map(|b| format!(" in band {b:?}"))
                        .unwrap_or_default(),
                    describe(first)
                )));
            }
            Some(_) => {}
            None => {
                by_rate.insert(key, j);
            }
        }
    }
    Ok(())
}

/// Parses a CSV rate table. Header row required; columns (any order):
/// `prefix`, `destination`, `per_minute`, and optionally `connect_fee`,
/// `first_increment_s`, `next_increment_s`, `minimum_charge`, `band`, `class`.
/// Errors name the 1-based line.
pub fn parse_rate_table_csv(text: &str) -> Result<Vec<RateEntry>, Error> {
    parse_rate_table_csv_lines(text).map(|(entries, _)| entries)
}

/// [`parse_rate_table_csv`] with the line each row starts on.
pub(crate) fn parse_rate_table_csv_lines(text: &str) -> Result<(Vec<RateEntry>, Vec<u64>), Error> {
    let (mut rows, headers) = crate::csv_rows::Rows::with_headers(text)?;
    let col = |name: &str| crate::csv_rows::column(&headers, name);
    let (Some(prefix_col), Some(dest_col), Some(price_col)) =
        (col("prefix"), col("destination"), col("per_minute"))
    else {
        return Err(Error::Csv {
            line: 1,
            reason: "header must name prefix, destination and per_minute".into(),
        });
    };
    let cols = [
        col("connect_fee"),
        col("first_increment_s"),
        col("next_increment_s"),
        col("minimum_charge"),
        col("band"),
        col("class"),
    ];
    let (entries, lines) = rate_table_rows(&mut rows, prefix_col, dest_col, price_col, cols)?;
    check_entries(
        &entries,
        None,
        Numbering::Digits,
        &|j| format!("line {}", lines.get(j).copied().unwrap_or(0)),
        &|j, reason| Error::Csv {
            line: lines.get(j).copied().unwrap_or(0),
            reason,
        },
    )?;
    Ok((entries, lines))
}

/// The rows of a rate table with the line each starts on.
pub(crate) fn rate_table_rows(
    rows: &mut crate::csv_rows::Rows<'_>,
    prefix_col: usize,
    dest_col: usize,
    price_col: usize,
    cols: [Option<usize>; 6],
) -> Result<(Vec<RateEntry>, Vec<u64>), Error> {
    let mut entries = Vec::new();
    let mut lines = Vec::new();
    for row in rows {
        let (line, record) = row?;
        let field = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("");
        let csv_err = |what: &str, value: &str| Error::Csv {
            line,
            reason: format!("{what}: invalid value {value:?}"),
        };
        let decimal = |c: Option<usize>, what: &str| -> Result<Decimal, Error> {
            let v = field(c);
            if v.is_empty() {
                return Ok(Decimal::ZERO);
            }
            let d = crate::money::parse_decimal(v).map_err(|_| csv_err(what, v))?;
            if d.is_sign_negative() {
                return Err(csv_err(what, v));
            }
            Ok(d)
        };
        let seconds = |c: Option<usize>, what: &str| -> Result<Option<u32>, Error> {
            let v = field(c);
            if v.is_empty() {
                return Ok(None);
            }
            match v.parse::<u32>() {
                Ok(n) if n > 0 => Ok(Some(n)),
                _ => Err(csv_err(what, v)),
            }
        };
        let prefix = field(Some(prefix_col)).trim_start_matches('+');
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            return Err(csv_err("prefix", field(Some(prefix_col))));
        }
        let destination = field(Some(dest_col));
        if destination.is_empty() {
            return Err(csv_err("destination", destination));
        }
        let class = match field(cols[5]) {
            "" => None,
            c => Some(NumberClass::parse(c).ok_or_else(|| csv_err("class", c))?),
        };
        let band = match field(cols[4]) {
            "" => None,
            b => Some(b.to_owned()),
        };
        entries.push(RateEntry {
            destination: destination.to_owned(),
            prefixes: vec![prefix.to_owned()],
            class,
            band,
            connect_fee: decimal(cols[0], "connect_fee")?,
            per_minute: decimal(Some(price_col), "per_minute")?,
            first_increment_s: seconds(cols[1], "first_increment_s")?,
            next_increment_s: seconds(cols[2], "next_increment_s")?,
            slots: Vec::new(),
            minimum_charge: decimal(cols[3], "minimum_charge")?,
            max_cost: None,
            rounding: None,
            weight: None,
            activation: None,
            reaching: None,
        });
        lines.push(line);
    }
    Ok((entries, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rate_table_reads_rows_and_names_bad_lines() {
        let text = "prefix,destination,per_minute,connect_fee,first_increment_s,next_increment_s\n\
                    31,NL fixed,0.02,0,60,60\n\
                    +316,NL mobile,0.10,0.05,30,6\n";
        let rows = parse_rate_table_csv(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].prefixes, vec!["316".to_owned()]);
        assert_eq!(rows[1].first_increment_s, Some(30));
        let bad = "prefix,destination,per_minute\n31,NL,0.02\n32,BE,abc\n";
        assert!(matches!(
            parse_rate_table_csv(bad),
            Err(Error::Csv { line: 3, .. })
        ));
        let bad = "prefix,destination,per_minute\n3a,NL,0.02\n";
        assert!(matches!(
            parse_rate_table_csv(bad),
            Err(Error::Csv { line: 2, .. })
        ));
        let bad = "prefix,destination,per_minute,first_increment_s\n31,NL,0.02,0\n";
        assert!(matches!(
            parse_rate_table_csv(bad),
            Err(Error::Csv { line: 2, .. })
        ));
        assert!(matches!(
            parse_rate_table_csv("a,b\n"),
            Err(Error::Csv { line: 1, .. })
        ));
    }
}
