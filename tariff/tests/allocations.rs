//! Rating allocates nothing per record: counted with a counting global allocator.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::alloc::System;

use rust_decimal::Decimal;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use tariff::{Bundle, BundleUsage, NumberClass, Plan, RatingEngine, normalize_number};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn rating_and_normalizing_allocate_nothing_per_record() {
    let mut plan = Plan::from_toml_str(include_str!("data/rating_plan.toml")).unwrap();
    plan.bundles.push(Bundle::FreeMinutes {
        name: "free".into(),
        classes: vec![NumberClass::Mobile],
        minutes: 10,
        monthly_fee: Decimal::ONE,
    });
    let engine = RatingEngine::new(&plan).unwrap();
    let mut usage = BundleUsage::new(&engine);
    let numbers = [
        "020 123 4567",
        "06 12345678",
        "0900 1234567",
        "+32 2 123 45 67",
        "112",
        // Bare E.164 digits, as most records carry them (the digits-only path).
        "+31612345678",
        "0031201234567",
    ];
    let starts: Vec<jiff::Timestamp> = [
        "2026-03-11T09:00:00Z",
        "2026-04-06T08:00:00Z",
        "2026-03-14T09:00:00Z",
    ]
    .iter()
    .map(|s| s.parse().unwrap())
    .collect();
    // Warm up lazily initialized state (time zone caches) once.
    for n in numbers {
        engine.rate(starts[0], 61, true, n, &mut usage).unwrap();
    }
    let region = Region::new(GLOBAL);
    let mut total = Decimal::ZERO;
    for i in 0..10_000u32 {
        let n = numbers[i as usize % numbers.len()];
        let start = starts[i as usize % starts.len()];
        total += engine
            .rate(start, i % 700, i % 7 != 0, n, &mut usage)
            .unwrap()
            .cost;
        normalize_number(n, tariff::Country::NL).unwrap();
    }
    let stats = region.change();
    assert!(total > Decimal::ZERO);
    assert_eq!(stats.allocations, 0, "{stats:?}");
    assert_eq!(stats.reallocations, 0, "{stats:?}");
}

/// Runs without the libtest harness (`harness = false`): the allocation counter is
/// process-wide, and the harness's own threads would otherwise be counted with it.
fn main() {
    rating_and_normalizing_allocate_nothing_per_record();
    println!("test rating_and_normalizing_allocate_nothing_per_record ... ok");
}
