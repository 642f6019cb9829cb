//! The compact rate record that answered calls are rated from (shared by destinations
//! with equal rates) gives exactly what exact decimal arithmetic gives, for rates of
//! one and two slots of any unit and increment, with amounts small enough for the
//! record and too large for it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use proptest::prelude::*;
use rust_decimal::Decimal;
use tariff::{
    BundleUsage, Plan, PlanVersion, RateEntry, RateSlot, RatingEngine, Rounding, RoundingMode,
    RoundingPoint,
};

const MODES: [RoundingMode; 4] = [
    RoundingMode::HalfUp,
    RoundingMode::HalfEven,
    RoundingMode::Up,
    RoundingMode::Down,
];
const UNITS: [u32; 5] = [1, 6, 30, 60, 3600];
const INCREMENTS: [u32; 6] = [1, 6, 30, 60, 61, 600];

#[derive(Debug, Clone)]
struct Rate {
    /// (price units, price scale, unit index, increment index) per slot.
    slots: Vec<(u64, u32, usize, usize)>,
    second_start: u32,
    connect: (u64, u32),
    minimum: (u64, u32),
}

fn amount() -> impl Strategy<Value = (u64, u32)> {
    // Mostly small amounts (the compact record), sometimes ones beyond 32 bits.
    prop_oneof![
        4 => (0u64..100_000, 0u32..6),
        1 => (0u64..10_000_000_000_000, 0u32..7),
    ]
}

fn rate() -> impl Strategy<Value = Rate> {
    (
        proptest::collection::vec(
            (amount(), 0usize..UNITS.len(), 0usize..INCREMENTS.len()),
            1..=2,
        ),
        1u32..400,
        amount(),
        amount(),
    )
        .prop_map(|(slots, second_start, connect, minimum)| Rate {
            slots: slots
                .into_iter()
                .map(|((units, scale), unit, inc)| (units, scale, unit, inc))
                .collect(),
            second_start,
            connect,
            minimum,
        })
}

fn money((units, scale): (u64, u32)) -> Decimal {
    Decimal::new(units as i64, scale)
}

fn plan(rates: &[Rate], rounding: Rounding) -> Plan {
    let mut plan = Plan::new("fast path", "NL");
    plan.rounding = rounding;
    let rates = rates
        .iter()
        .enumerate()
        .map(|(i, r)| RateEntry {
            destination: format!("d{i}"),
            prefixes: vec![format!("31{}", i + 1)],
            connect_fee: money(r.connect),
            minimum_charge: money(r.minimum),
            slots: r
                .slots
                .iter()
                .enumerate()
                .map(|(j, &(units, scale, unit, inc))| RateSlot {
                    start_s: if j == 0 { 0 } else { r.second_start },
                    price: money((units, scale)),
                    unit_s: UNITS[unit],
                    increment_s: INCREMENTS[inc],
                })
                .collect(),
            ..RateEntry::default()
        })
        .collect();
    plan.versions.push(PlanVersion {
        effective_from: None,
        effective_at: None,
        rates,
        rates_csv: None,
        needs_rate: false,
    });
    plan
}

/// Increments and charged seconds by the rule itself: from 0 s, one increment of the
/// slot in force at each increment's start until the duration is covered.
fn increments_by_the_rule(rate: &Rate, duration: u32) -> (u32, u32) {
    let (mut t, mut n) = (0u32, 0u32);
    while t < duration {
        let slot = if rate.slots.len() == 2 && t >= rate.second_start {
            &rate.slots[1]
        } else {
            &rate.slots[0]
        };
        t += INCREMENTS[slot.3];
        n += 1;
    }
    (n, t)
}

fn start() -> Timestamp {
    "2026-03-11T09:00:00Z".parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn compact_records_rate_exactly_like_decimal_arithmetic(
        rates in proptest::collection::vec(rate(), 1..5),
        mode in 0usize..4,
        decimals in 0u32..7,
        calls in proptest::collection::vec((0usize..6, 0u32..5_000), 1..20),
    ) {
        let rounding = Rounding { mode: MODES[mode], decimals, point: RoundingPoint::PerCall };
        // Two destinations with equal rates share one record; each still reports its
        // own destination and rate.
        let mut rates = rates;
        rates.push(rates[0].clone());
        let engine = RatingEngine::new(&plan(&rates, rounding)).unwrap();
        let mut usage = BundleUsage::new(&engine);
        for (which, duration) in calls {
            let which = which % rates.len();
            let number = format!("+31{}12345678", which + 1);
            let rated = engine.rate(start(), duration, true, &number, &mut usage).unwrap();
            let reference = engine.cost_reference(rated.rate.unwrap(), duration).unwrap();
            prop_assert_eq!(rated.cost, reference, "{} {}", number, duration);
            prop_assert_eq!(
                (rated.increments, rated.billed_s),
                increments_by_the_rule(&rates[which], duration),
                "{} {}", number, duration
            );
            prop_assert_eq!(rated.destination, Some(which as u32));
            prop_assert_eq!(rated.rate, Some(which as u32));
        }
    }
}
