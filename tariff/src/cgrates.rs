//! Migration from CGRateS: its tariff-plan CSVs (`Destinations`, `Rates`,
//! `DestinationRates`, `Timings`, `RatingPlans`, `RatingProfiles`) become a [`Plan`].
//!
//! The plan uses [`Numbering::Digits`] (CGRateS matches the digits as given) and the
//! [`CgratesCompat`] rounding, so costs compare call by call with the CGRateS the
//! operator migrates from; set [`Plan::cgrates`] to `None` for exact rating.
//!
//! Mapping: each `RatingProfiles` activation of the subject becomes a version from that
//! (UTC) date; a `RatingPlans` row gives rate entries for every prefix of its
//! destination, in its timing's band; `Rates` rows become slots (`GroupIntervalStart`,
//! `Rate` per `RateUnit`, in `RateIncrement`s) with the first row's `ConnectFee`;
//! `RoundingMethod` `*up`/`*down`/`*middle` becomes up/down/half-up. A timing runs from
//! its `Time` to the next timing's start on the same weekdays (or midnight); `*any` is
//! always. `MaxCost` is not imported.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::Error;
use crate::money::{Rounding, RoundingMode, RoundingPoint};
use crate::plan::{
    CgratesCompat, DayKind, Numbering, Plan, PlanVersion, RateEntry, RateSlot, TimeBand,
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

/// Data rows (line number, fields) of a CGRateS CSV; `#` lines are comments.
fn rows(text: &str, min_fields: usize, file: &str) -> Result<Rows, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::Csv {
            line: e.position().map_or(0, |p| p.line()),
            reason: format!("{file}: {e}"),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() < min_fields {
            return Err(Error::Csv {
                line,
                reason: format!("{file}: expected at least {min_fields} fields"),
            });
        }
        out.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(out)
}

/// A Go-style duration (`60s`, `1m30s`, `0`, `1`) in whole seconds.
fn seconds(text: &str, line: u64, file: &str) -> Result<u32, Error> {
    let bad = || Error::Csv {
        line,
        reason: format!("{file}: invalid duration {text:?}"),
    };
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
    crate::money::parse_decimal(text).map_err(|_| Error::Csv {
        line,
        reason: format!("{file}: invalid number {text:?}"),
    })
}

/// Imports the rating of one subject (`tenant`, `category`, `subject`; a profile with
/// subject `*any` applies when none names it) as a plan for `country`.
pub fn import_cgrates(
    files: &CgratesTariffPlan,
    tenant: &str,
    category: &str,
    subject: &str,
    country: &str,
) -> Result<Plan, Error> {
    // Destinations.
    let mut destinations: HashMap<String, Vec<String>> = HashMap::new();
    for (_, f) in rows(&files.destinations, 2, "Destinations")? {
        destinations
            .entry(f[0].clone())
            .or_default()
            .push(f[1].trim_start_matches('+').to_owned());
    }
    // Rates: tag → (connect fee, slots).
    let mut rates: HashMap<String, (Decimal, Vec<RateSlot>)> = HashMap::new();
    for (line, f) in rows(&files.rates, 6, "Rates")? {
        let connect = decimal(&f[1], line, "Rates")?;
        let slot = RateSlot {
            start_s: seconds(&f[5], line, "Rates")?,
            price: decimal(&f[2], line, "Rates")?,
            unit_s: seconds(&f[3], line, "Rates")?,
            increment_s: seconds(&f[4], line, "Rates")?,
        };
        let entry = rates
            .entry(f[0].clone())
            .or_insert((Decimal::ZERO, Vec::new()));
        if slot.start_s == 0 {
            entry.0 = connect;
        }
        entry.1.push(slot);
    }
    for (_, slots) in rates.values_mut() {
        slots.sort_by_key(|s| s.start_s);
    }
    // Destination rates: id → (destination, rates tag, rounding).
    let mut dest_rates: HashMap<String, Vec<(String, String, RoundingMode, u32)>> = HashMap::new();
    for (line, f) in rows(&files.destination_rates, 5, "DestinationRates")? {
        let mode = match f[3].as_str() {
            "*up" => RoundingMode::Up,
            "*down" => RoundingMode::Down,
            "*middle" | "" => RoundingMode::HalfUp,
            other => {
                return Err(Error::Csv {
                    line,
                    reason: format!("DestinationRates: unknown rounding method {other:?}"),
                });
            }
        };
        let decimals: u32 = f[4].parse().map_err(|_| Error::Csv {
            line,
            reason: format!("DestinationRates: invalid RoundingDecimals {:?}", f[4]),
        })?;
        dest_rates.entry(f[0].clone()).or_default().push((
            f[1].clone(),
            f[2].clone(),
            mode,
            decimals,
        ));
    }
    // Timings → bands.
    let mut timings: Vec<(String, Vec<DayKind>, u32)> = Vec::new();
    for (line, f) in rows(&files.timings, 6, "Timings")? {
        let days = if f[4] == "*any" || f[4].is_empty() {
            vec![
                DayKind::Mon,
                DayKind::Tue,
                DayKind::Wed,
                DayKind::Thu,
                DayKind::Fri,
                DayKind::Sat,
                DayKind::Sun,
            ]
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
                    other => Err(Error::Csv {
                        line,
                        reason: format!("Timings: invalid weekday {other:?}"),
                    }),
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        let time = f[5].as_str();
        let parts: Vec<&str> = time.split(':').collect();
        let start = match parts.as_slice() {
            [h, m, ..] => h
                .parse::<u32>()
                .ok()
                .zip(m.parse::<u32>().ok())
                .map(|(h, m)| h * 3600 + m * 60),
            _ => None,
        }
        .ok_or_else(|| Error::Csv {
            line,
            reason: format!("Timings: invalid time {time:?}"),
        })?;
        timings.push((f[0].clone(), days, start));
    }
    let mut bands = Vec::new();
    for (tag, days, start) in &timings {
        let end = timings
            .iter()
            .filter(|(_, d, s)| s > start && d.iter().any(|x| days.contains(x)))
            .map(|(_, _, s)| *s)
            .min()
            .unwrap_or(24 * 3600);
        let hhmm = |s: u32| format!("{:02}:{:02}", s / 3600, (s % 3600) / 60);
        bands.push(TimeBand {
            name: tag.clone(),
            days: days.clone(),
            from: hhmm(*start),
            to: hhmm(end),
        });
    }
    // Rating plans: id → rows (destination rates id, timing, weight).
    let mut rating_plans: HashMap<String, Vec<(String, String, Decimal)>> = HashMap::new();
    for (line, f) in rows(&files.rating_plans, 4, "RatingPlans")? {
        let weight = decimal(&f[3], line, "RatingPlans")?;
        rating_plans
            .entry(f[0].clone())
            .or_default()
            .push((f[1].clone(), f[2].clone(), weight));
    }
    // Rating profiles of the subject (or *any).
    let mut activations: Vec<(jiff::civil::Date, String)> = Vec::new();
    let profiles = rows(&files.rating_profiles, 5, "RatingProfiles")?;
    for wanted in [subject, "*any"] {
        for (line, f) in &profiles {
            if f[0] == tenant && f[1] == category && f[2] == wanted {
                let at: jiff::Timestamp = f[3].parse().map_err(|_| Error::Csv {
                    line: *line,
                    reason: format!("RatingProfiles: invalid ActivationTime {:?}", f[3]),
                })?;
                activations.push((at.to_zoned(jiff::tz::TimeZone::UTC).date(), f[4].clone()));
            }
        }
        if !activations.is_empty() {
            break;
        }
    }
    if activations.is_empty() {
        return Err(Error::InvalidPlan(format!(
            "no RatingProfiles row for {tenant}/{category}/{subject}"
        )));
    }
    activations.sort();
    let mut plan = Plan::new(&format!("cgrates {tenant}/{category}/{subject}"), country);
    plan.timezone = "UTC".into();
    plan.numbering = Numbering::Digits;
    plan.cgrates = Some(CgratesCompat::default());
    let mut rounding: Option<(RoundingMode, u32)> = None;
    let mut used_bands: Vec<String> = Vec::new();
    for (date, plan_id) in &activations {
        let mut rows = rating_plans
            .get(plan_id)
            .cloned()
            .ok_or_else(|| Error::InvalidPlan(format!("unknown RatingPlan {plan_id:?}")))?;
        rows.sort_by_key(|r| std::cmp::Reverse(r.2));
        let mut version = PlanVersion {
            effective_from: Some(*date),
            rates: Vec::new(),
            rates_csv: None,
        };
        for (dr_id, timing, _) in rows {
            let drs = dest_rates
                .get(&dr_id)
                .ok_or_else(|| Error::InvalidPlan(format!("unknown DestinationRates {dr_id:?}")))?;
            for (dest_id, rates_tag, mode, decimals) in drs {
                if rounding.is_none_or(|(_, d)| *decimals > d) {
                    rounding = Some((*mode, *decimals));
                }
                let prefixes = if dest_id == "*any" {
                    (0..10).map(|d| d.to_string()).collect()
                } else {
                    destinations.get(dest_id).cloned().ok_or_else(|| {
                        Error::InvalidPlan(format!("unknown Destination {dest_id:?}"))
                    })?
                };
                let (connect_fee, slots) = rates
                    .get(rates_tag)
                    .cloned()
                    .ok_or_else(|| Error::InvalidPlan(format!("unknown Rates {rates_tag:?}")))?;
                let band = if timing == "*any" || timing.is_empty() {
                    None
                } else {
                    if !bands.iter().any(|b: &TimeBand| b.name == timing) {
                        return Err(Error::InvalidPlan(format!("unknown Timing {timing:?}")));
                    }
                    if !used_bands.contains(&timing) {
                        used_bands.push(timing.clone());
                    }
                    Some(timing.clone())
                };
                version.rates.push(RateEntry {
                    destination: dest_id.clone(),
                    prefixes,
                    class: None,
                    band,
                    connect_fee,
                    per_minute: Decimal::ZERO,
                    first_increment_s: None,
                    next_increment_s: None,
                    slots,
                    minimum_charge: Decimal::ZERO,
                });
            }
        }
        plan.versions.push(version);
    }
    plan.bands = bands
        .into_iter()
        .filter(|b| used_bands.contains(&b.name))
        .collect();
    let (mode, decimals) = rounding.unwrap_or((RoundingMode::HalfUp, 4));
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
