//! Calendars: public holidays of the Netherlands, Belgium and Germany (with the German
//! Länder as an option), extra closing days, and working-day arithmetic.
//!
//! A day is a *working day* when it is neither a Saturday, nor a Sunday, nor a holiday
//! of the calendar. The built-in holiday rules are those of TERMS.md:
//!
//! - **CAL-NL** (`NL`): the generally recognised holidays of art. 3 of the Dutch
//!   Algemene termijnenwet, which is how Dutch contract terms count a *werkdag*:
//!   New Year's Day, Good Friday, Easter Monday, Ascension Day, Whit Monday, King's Day
//!   (27 April, 26 April when the 27th is a Sunday; before 2014 Queen's Day, 30 April,
//!   29 April when the 30th is a Sunday), Liberation Day 5 May (every year), Christmas
//!   Day and Boxing Day. Bridge days that a royal decree adds now and then are not
//!   built in: add them with [`Calendar::with_closing_day`].
//! - **CAL-BE** (`BE`): the ten Belgian legal holidays.
//! - **CAL-DE** (`DE`): the nine German national holidays, plus the nationwide one-off
//!   Reformation Day of 31 October 2017; `DE-BY`, `DE-NW`, ... add the holidays of one
//!   Land (with the years in which they changed, e.g. Reformation Day in the four
//!   northern Länder from 2018, Women's Day in Berlin from 2019, and Berlin's one-off
//!   holidays of 8 May 2020, 8 May 2025 and 17 June 2028).
//!
//! The built-in rules cover the years [`MIN_YEAR`]..=[`MAX_YEAR`]; asking about a date
//! outside them is an [`Error::YearOutOfRange`], never a guess. Easter follows the
//! Gregorian computus.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Weekday};

use crate::Error;

/// The first year the built-in holiday rules cover.
pub const MIN_YEAR: i16 = 1995;
/// The last year the built-in holiday rules cover.
pub const MAX_YEAR: i16 = 2200;

/// A German Land, for its regional holidays (ISO 3166-2:DE subdivision codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GermanState {
    /// Baden-Württemberg.
    BW,
    /// Bayern.
    BY,
    /// Berlin.
    BE,
    /// Brandenburg.
    BB,
    /// Bremen.
    HB,
    /// Hamburg.
    HH,
    /// Hessen.
    HE,
    /// Mecklenburg-Vorpommern.
    MV,
    /// Niedersachsen.
    NI,
    /// Nordrhein-Westfalen.
    NW,
    /// Rheinland-Pfalz.
    RP,
    /// Saarland.
    SL,
    /// Sachsen.
    SN,
    /// Sachsen-Anhalt.
    ST,
    /// Schleswig-Holstein.
    SH,
    /// Thüringen.
    TH,
}

impl GermanState {
    /// All sixteen Länder.
    pub const ALL: [GermanState; 16] = [
        Self::BW,
        Self::BY,
        Self::BE,
        Self::BB,
        Self::HB,
        Self::HH,
        Self::HE,
        Self::MV,
        Self::NI,
        Self::NW,
        Self::RP,
        Self::SL,
        Self::SN,
        Self::ST,
        Self::SH,
        Self::TH,
    ];

    /// The two-letter code (`BY`).
    pub fn code(self) -> &'static str {
        match self {
            Self::BW => "BW",
            Self::BY => "BY",
            Self::BE => "BE",
            Self::BB => "BB",
            Self::HB => "HB",
            Self::HH => "HH",
            Self::HE => "HE",
            Self::MV => "MV",
            Self::NI => "NI",
            Self::NW => "NW",
            Self::RP => "RP",
            Self::SL => "SL",
            Self::SN => "SN",
            Self::ST => "ST",
            Self::SH => "SH",
            Self::TH => "TH",
        }
    }
}

/// Whose public holidays a calendar observes.
///
/// Written as a code: `NL`, `BE`, `DE`, or `DE-<Land>` (`DE-BY`) for the German national
/// holidays plus those of one Land.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    /// The Netherlands (CAL-NL).
    NL,
    /// Belgium (CAL-BE).
    BE,
    /// Germany, national holidays only (CAL-DE).
    DE,
    /// Germany, national holidays plus those of one Land.
    DeState(GermanState),
}

impl Region {
    /// The region's code (`NL`, `DE-BY`).
    pub fn code(self) -> String {
        match self {
            Self::NL => "NL".to_owned(),
            Self::BE => "BE".to_owned(),
            Self::DE => "DE".to_owned(),
            Self::DeState(state) => format!("DE-{}", state.code()),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl FromStr for Region {
    type Err = Error;

    /// Parses `NL`, `BE`, `DE` or `DE-BY` (case-insensitive; `_` also separates).
    fn from_str(code: &str) -> Result<Self, Error> {
        let upper = code.trim().to_ascii_uppercase().replace('_', "-");
        let unknown = || Error::UnknownRegion {
            code: code.to_owned(),
        };
        match upper.as_str() {
            "NL" => Ok(Self::NL),
            "BE" => Ok(Self::BE),
            "DE" => Ok(Self::DE),
            other => {
                let land = other.strip_prefix("DE-").ok_or_else(unknown)?;
                GermanState::ALL
                    .iter()
                    .find(|s| s.code() == land)
                    .map(|s| Self::DeState(*s))
                    .ok_or_else(unknown)
            }
        }
    }
}

impl TryFrom<String> for Region {
    type Error = Error;
    fn try_from(code: String) -> Result<Self, Error> {
        code.parse()
    }
}

impl From<Region> for String {
    fn from(region: Region) -> String {
        region.code()
    }
}

/// A named day on which a calendar is closed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Holiday {
    /// The day.
    pub date: Date,
    /// Its name in English (`King's Day`).
    pub name: String,
}

/// A working-day calendar: the weekend (Saturday and Sunday), the public holidays of
/// zero or more regions, and extra closing days. Calendars compose: [`Calendar::union`]
/// closes on every day either calendar closes on.
///
/// ```
/// use contracts::Calendar;
/// use jiff::civil::date;
///
/// let nl = Calendar::nl();
/// // TERMS CAL-NL: King's Day 2025 is Saturday 26 April, because 27 April is a Sunday.
/// assert_eq!(nl.holiday_name(date(2025, 4, 26))?, Some("King's Day"));
/// // Thursday 24 Dec 2026 + 1 working day skips Christmas, Boxing Day and Sunday.
/// assert_eq!(nl.add_working_days(date(2026, 12, 24), 1)?, date(2026, 12, 28));
/// // A company closing day composes with the public holidays.
/// let office = nl.with_closing_day(date(2026, 12, 28), "Office closed");
/// assert_eq!(office.add_working_days(date(2026, 12, 24), 1)?, date(2026, 12, 29));
/// # Ok::<(), contracts::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Calendar {
    /// Regions whose public holidays close this calendar (all of them apply).
    #[cfg_attr(feature = "serde", serde(default))]
    pub regions: Vec<Region>,
    /// Extra closing days (company holidays, bridge days by royal decree, ...).
    #[cfg_attr(feature = "serde", serde(default))]
    pub closing_days: Vec<Holiday>,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Region {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

impl Calendar {
    /// A calendar that closes on weekends only.
    pub fn weekends_only() -> Self {
        Self::default()
    }

    /// The calendar of one region.
    pub fn for_region(region: Region) -> Self {
        Self {
            regions: vec![region],
            closing_days: Vec::new(),
        }
    }

    /// The Dutch calendar (TERMS CAL-NL).
    pub fn nl() -> Self {
        Self::for_region(Region::NL)
    }

    /// The Belgian calendar (TERMS CAL-BE).
    pub fn be() -> Self {
        Self::for_region(Region::BE)
    }

    /// The German national calendar (TERMS CAL-DE).
    pub fn de() -> Self {
        Self::for_region(Region::DE)
    }

    /// The German national calendar plus the holidays of `state`.
    pub fn de_state(state: GermanState) -> Self {
        Self::for_region(Region::DeState(state))
    }

    /// This calendar, also closed on `date` (named `name`).
    #[must_use]
    pub fn with_closing_day(mut self, date: Date, name: impl Into<String>) -> Self {
        self.closing_days.push(Holiday {
            date,
            name: name.into(),
        });
        self
    }

    /// This calendar, also observing the holidays of `region`.
    #[must_use]
    pub fn with_region(mut self, region: Region) -> Self {
        if !self.regions.contains(&region) {
            self.regions.push(region);
        }
        self
    }

    /// A calendar closed on every day that `self` or `other` is closed on.
    #[must_use]
    pub fn union(&self, other: &Calendar) -> Calendar {
        let mut out = self.clone();
        for region in &other.regions {
            out = out.with_region(*region);
        }
        for day in &other.closing_days {
            if !out.closing_days.contains(day) {
                out.closing_days.push(day.clone());
            }
        }
        out
    }

    /// The name of the holiday or closing day on `date`, or `None` for an ordinary day
    /// (weekends are not holidays by themselves).
    ///
    /// # Errors
    /// [`Error::YearOutOfRange`] when the calendar observes a region and `date` lies
    /// outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub fn holiday_name(&self, date: Date) -> Result<Option<&str>, Error> {
        self.holiday_name_cached(date, &mut EasterCache::default())
    }

    fn holiday_name_cached(
        &self,
        date: Date,
        easter: &mut EasterCache,
    ) -> Result<Option<&str>, Error> {
        if !self.regions.is_empty() {
            check_year(date.year())?;
            let facts = DayFacts::new(date, easter.get(date.year()));
            for region in &self.regions {
                if let Some(name) = builtin_name(*region, &facts) {
                    return Ok(Some(name));
                }
            }
        }
        Ok(self
            .closing_days
            .iter()
            .find(|h| h.date == date)
            .map(|h| h.name.as_str()))
    }

    /// [`check_supported_date`] for a calendar that observes a region (a weekends-only
    /// calendar has no year limit).
    fn check_covered(&self, date: Date) -> Result<(), Error> {
        if self.regions.is_empty() {
            Ok(())
        } else {
            check_year(date.year())
        }
    }

    /// Whether `date` is a holiday or closing day of this calendar.
    ///
    /// # Errors
    /// As [`Calendar::holiday_name`].
    pub fn is_holiday(&self, date: Date) -> Result<bool, Error> {
        Ok(self.holiday_name(date)?.is_some())
    }

    /// Whether `date` is a working day: not Saturday, not Sunday, not a holiday.
    ///
    /// # Errors
    /// As [`Calendar::holiday_name`].
    pub fn is_working_day(&self, date: Date) -> Result<bool, Error> {
        self.is_working_day_cached(date, &mut EasterCache::default())
    }

    fn is_working_day_cached(&self, date: Date, easter: &mut EasterCache) -> Result<bool, Error> {
        if matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) {
            // Still validate the range so the answer never depends on the weekday.
            if !self.regions.is_empty() {
                check_year(date.year())?;
            }
            return Ok(false);
        }
        Ok(self.holiday_name_cached(date, easter)?.is_none())
    }

    /// Every holiday and closing day of `year`, sorted by date. A day closed for more
    /// than one reason appears once, its names joined with ` / `.
    ///
    /// # Errors
    /// [`Error::YearOutOfRange`] when the calendar observes a region and `year` lies
    /// outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub fn holidays(&self, year: i16) -> Result<Vec<Holiday>, Error> {
        let mut out: Vec<Holiday> = Vec::new();
        if !self.regions.is_empty() {
            check_year(year)?;
            let (em, ed) = easter_month_day(i32::from(year));
            for day in candidate_days(year)? {
                let facts = DayFacts::new(day, (em, ed));
                let mut names: Vec<&'static str> = Vec::new();
                for region in &self.regions {
                    if let Some(name) = builtin_name(*region, &facts)
                        && !names.contains(&name)
                    {
                        names.push(name);
                    }
                }
                if !names.is_empty() {
                    out.push(Holiday {
                        date: day,
                        name: names.join(" / "),
                    });
                }
            }
        }
        for extra in self.closing_days.iter().filter(|h| h.date.year() == year) {
            match out.iter_mut().find(|h| h.date == extra.date) {
                Some(existing) => {
                    if !existing.name.split(" / ").any(|n| n == extra.name) {
                        existing.name.push_str(" / ");
                        existing.name.push_str(&extra.name);
                    }
                }
                None => out.push(extra.clone()),
            }
        }
        out.sort();
        Ok(out)
    }

    /// The `n`-th working day strictly after `from` (TERMS CAL-NL: "adding N working
    /// days to D"). `n = 0` returns `from` unchanged, whether or not it is a working day;
    /// a negative `n` counts backwards (the |n|-th working day strictly before `from`).
    ///
    /// # Errors
    /// [`Error::YearOutOfRange`] when the walk leaves the calendar's years;
    /// [`Error::DateOverflow`] when it leaves jiff's date range.
    pub fn add_working_days(&self, from: Date, n: i32) -> Result<Date, Error> {
        // The start too, so that `n = 0` does not hand back a date the calendar does
        // not cover.
        self.check_covered(from)?;
        let mut day = from;
        let mut left = n.unsigned_abs();
        let mut easter = EasterCache::default();
        while left > 0 {
            day = if n > 0 {
                day.tomorrow()
            } else {
                day.yesterday()
            }
            .map_err(|_| Error::overflow(format!("{from} + {n} working days")))?;
            if self.is_working_day_cached(day, &mut easter)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// The number of working days in the half-open interval (`start`, `end`]: the `n`
    /// for which `add_working_days(start, n)` reaches `end` when `end` is a working day.
    /// Negative when `end` is before `start`.
    ///
    /// # Errors
    /// As [`Calendar::add_working_days`].
    pub fn working_days_between(&self, start: Date, end: Date) -> Result<i64, Error> {
        self.check_covered(start)?;
        self.check_covered(end)?;
        let (lo, hi, sign) = if start <= end {
            (start, end, 1)
        } else {
            (end, start, -1)
        };
        let mut count = 0i64;
        let mut day = lo;
        let mut easter = EasterCache::default();
        while day < hi {
            day = day
                .tomorrow()
                .map_err(|_| Error::overflow(format!("working days {start}..{end}")))?;
            if self.is_working_day_cached(day, &mut easter)? {
                count += 1;
            }
        }
        Ok(sign * count)
    }

    /// The first working day on or after `date`.
    ///
    /// # Errors
    /// As [`Calendar::add_working_days`].
    pub fn next_working_day_on_or_after(&self, date: Date) -> Result<Date, Error> {
        if self.is_working_day(date)? {
            Ok(date)
        } else {
            self.add_working_days(date, 1)
        }
    }
}

/// Checks that `date` lies in the supported years [`MIN_YEAR`]..=[`MAX_YEAR`], the
/// years the calendars cover. Every evaluation of this crate (and the money rules of
/// `tariff` that count dates) refuses a date outside them, so a typo such as year
/// `0026` is an error instead of a result two thousand years away.
///
/// ```
/// use jiff::civil::date;
/// assert!(contracts::check_supported_date(date(2026, 1, 31)).is_ok());
/// assert!(matches!(
///     contracts::check_supported_date(date(26, 1, 31)),
///     Err(contracts::Error::YearOutOfRange { year: 26, .. })
/// ));
/// ```
///
/// # Errors
/// [`Error::YearOutOfRange`] outside the supported years.
pub fn check_supported_date(date: Date) -> Result<Date, Error> {
    check_year(date.year()).map(|()| date)
}

fn check_year(year: i16) -> Result<(), Error> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(Error::YearOutOfRange {
            year,
            min: MIN_YEAR,
            max: MAX_YEAR,
        })
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus,
/// also known as Meeus/Jones/Butcher).
///
/// ```
/// // Easter in March: 2016 and 2024 both fell on 27 and 31 March.
/// assert_eq!(contracts::easter_sunday(2016)?, jiff::civil::date(2016, 3, 27));
/// assert_eq!(contracts::easter_sunday(2024)?, jiff::civil::date(2024, 3, 31));
/// # Ok::<(), contracts::Error>(())
/// ```
///
/// # Errors
/// [`Error::DateOverflow`] only for years jiff cannot represent.
pub fn easter_sunday(year: i16) -> Result<Date, Error> {
    let (month, day) = easter_month_day(i32::from(year));
    Date::new(year, month, day).map_err(|e| Error::overflow(e.to_string()))
}

fn easter_month_day(y: i32) -> (i8, i8) {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Month is 3 or 4 and day 1..=31 by construction of the algorithm.
    (month as i8, day as i8)
}

/// Easter of the last year asked about: the computus costs a dozen divisions, and a walk
/// over working days asks about the same year hundreds of times.
#[derive(Default)]
struct EasterCache(Option<(i16, (i8, i8))>);

impl EasterCache {
    fn get(&mut self, year: i16) -> (i8, i8) {
        match self.0 {
            Some((y, md)) if y == year => md,
            _ => {
                let md = easter_month_day(i32::from(year));
                self.0 = Some((year, md));
                md
            }
        }
    }
}

/// Every day of `year` on which some built-in rule may name a holiday, sorted: the fixed
/// dates of all regions, 16..=22 November, and Easter's offsets. `builtin_name` decides.
fn candidate_days(year: i16) -> Result<Vec<Date>, Error> {
    const FIXED: [(i8, i8); 21] = [
        (1, 1),
        (1, 6),
        (3, 8),
        (4, 26),
        (4, 27),
        (4, 29),
        (4, 30),
        (5, 1),
        (5, 5),
        (5, 8),
        (6, 17),
        (7, 21),
        (8, 15),
        (9, 20),
        (10, 3),
        (10, 31),
        (11, 1),
        (11, 11),
        (12, 25),
        (12, 26),
        (11, 16),
    ];
    const EASTER_OFFSETS: [i32; 7] = [-2, 0, 1, 39, 49, 50, 60];
    let bad = |e: jiff::Error| Error::overflow(e.to_string());
    let mut days = Vec::with_capacity(FIXED.len() + 6 + EASTER_OFFSETS.len());
    for (m, d) in FIXED {
        days.push(Date::new(year, m, d).map_err(bad)?);
    }
    for d in 17..=22 {
        days.push(Date::new(year, 11, d).map_err(bad)?);
    }
    let easter = easter_sunday(year)?;
    for k in EASTER_OFFSETS {
        days.push(crate::months::add_days(easter, k)?);
    }
    days.sort();
    days.dedup();
    Ok(days)
}

/// What the holiday rules need to know about a day, computed once.
struct DayFacts {
    year: i16,
    month: i8,
    day: i8,
    weekday: Weekday,
    /// Days after Easter Sunday (negative before).
    easter_offset: i16,
}

impl DayFacts {
    fn new(date: Date, (em, ed): (i8, i8)) -> Self {
        let feb = if date.in_leap_year() { 29 } else { 28 };
        let easter_doy = 31
            + feb
            + if em == 3 {
                i16::from(ed)
            } else {
                31 + i16::from(ed)
            };
        Self {
            year: date.year(),
            month: date.month(),
            day: date.day(),
            weekday: date.weekday(),
            easter_offset: date.day_of_year() - easter_doy,
        }
    }

    fn is(&self, month: i8, day: i8) -> bool {
        self.month == month && self.day == day
    }
}

/// The built-in holiday of `region` on the day, if any.
fn builtin_name(region: Region, f: &DayFacts) -> Option<&'static str> {
    match region {
        Region::NL => nl_name(f),
        Region::BE => be_name(f),
        Region::DE => de_name(f),
        Region::DeState(state) => de_name(f).or_else(|| de_state_name(state, f)),
    }
}

// TERMS CAL-NL
fn nl_name(f: &DayFacts) -> Option<&'static str> {
    match f.easter_offset {
        -2 => return Some("Good Friday"),
        1 => return Some("Easter Monday"),
        39 if f.is(5, 5) => return Some("Ascension Day / Liberation Day"),
        39 => return Some("Ascension Day"),
        50 => return Some("Whit Monday"),
        _ => {}
    }
    if f.is(1, 1) {
        return Some("New Year's Day");
    }
    if f.month == 4 {
        if f.year >= 2014 {
            // 27 April, or 26 April when the 27th is a Sunday.
            let kings = (f.day == 27 && f.weekday != Weekday::Sunday)
                || (f.day == 26 && f.weekday == Weekday::Saturday);
            if kings {
                return Some("King's Day");
            }
        } else {
            // 30 April, or 29 April when the 30th is a Sunday.
            let queens = (f.day == 30 && f.weekday != Weekday::Sunday)
                || (f.day == 29 && f.weekday == Weekday::Saturday);
            if queens {
                return Some("Queen's Day");
            }
        }
    }
    if f.is(5, 5) {
        return Some("Liberation Day");
    }
    if f.is(12, 25) {
        return Some("Christmas Day");
    }
    if f.is(12, 26) {
        return Some("Boxing Day");
    }
    None
}

// TERMS CAL-BE
fn be_name(f: &DayFacts) -> Option<&'static str> {
    match f.easter_offset {
        1 => return Some("Easter Monday"),
        39 if f.is(5, 1) => return Some("Ascension Day / Labour Day"),
        39 => return Some("Ascension Day"),
        50 => return Some("Whit Monday"),
        _ => {}
    }
    match (f.month, f.day) {
        (1, 1) => Some("New Year's Day"),
        (5, 1) => Some("Labour Day"),
        (7, 21) => Some("National Day"),
        (8, 15) => Some("Assumption Day"),
        (11, 1) => Some("All Saints' Day"),
        (11, 11) => Some("Armistice Day"),
        (12, 25) => Some("Christmas Day"),
        _ => None,
    }
}

// TERMS CAL-DE
fn de_name(f: &DayFacts) -> Option<&'static str> {
    match f.easter_offset {
        -2 => return Some("Good Friday"),
        1 => return Some("Easter Monday"),
        39 if f.is(5, 1) => return Some("Ascension Day / Labour Day"),
        39 => return Some("Ascension Day"),
        50 => return Some("Whit Monday"),
        _ => {}
    }
    match (f.month, f.day) {
        (1, 1) => Some("New Year's Day"),
        (5, 1) => Some("Labour Day"),
        (10, 3) => Some("German Unity Day"),
        // The 500th anniversary of the Reformation was a holiday in every Land.
        (10, 31) if f.year == 2017 => Some("Reformation Day"),
        (12, 25) => Some("Christmas Day"),
        (12, 26) => Some("Second Day of Christmas"),
        _ => None,
    }
}

// TERMS CAL-DE (regional holidays by Land)
fn de_state_name(state: GermanState, f: &DayFacts) -> Option<&'static str> {
    use GermanState::*;
    let y = f.year;
    let epiphany = matches!(state, BW | BY | ST);
    let corpus_christi = matches!(state, BW | BY | HE | NW | RP | SL);
    let all_saints = matches!(state, BW | BY | NW | RP | SL);
    let reformation = matches!(state, BB | MV | SN | ST | TH)
        || (matches!(state, HB | HH | NI | SH) && y >= 2018);
    let womens_day = (state == BE && y >= 2019) || (state == MV && y >= 2023);
    match f.easter_offset {
        0 if state == BB => return Some("Easter Sunday"),
        49 if state == BB => return Some("Whit Sunday"),
        60 if corpus_christi => return Some("Corpus Christi"),
        _ => {}
    }
    match (f.month, f.day) {
        (1, 6) if epiphany => Some("Epiphany"),
        (3, 8) if womens_day => Some("International Women's Day"),
        // One-off holidays in Berlin: 75th and 80th anniversary of the end of the war.
        (5, 8) if state == BE && (y == 2020 || y == 2025) => Some("Liberation Day"),
        // One-off in Berlin: 75th anniversary of the uprising of 17 June 1953.
        (6, 17) if state == BE && y == 2028 => Some("Anniversary of the 1953 Uprising"),
        (8, 15) if state == SL => Some("Assumption Day"),
        (9, 20) if state == TH && y >= 2019 => Some("World Children's Day"),
        (10, 31) if reformation => Some("Reformation Day"),
        (11, 1) if all_saints => Some("All Saints' Day"),
        // Buß- und Bettag: the Wednesday before 23 November (16..=22 November).
        (11, 16..=22) if state == SN && f.weekday == Weekday::Wednesday => {
            Some("Repentance and Prayer Day")
        }
        _ => None,
    }
}
