//! Properties of rating, bundles and prepaid balances over random plans and calls.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use proptest::prelude::*;
use rust_decimal::Decimal;
use tariff::{
    Bundle, BundleUsage, Currency, NumberClass, Plan, PlanVersion, PrepaidAccount, RateEntry,
    RatingEngine, Rounding, RoundingMode, RoundingPoint,
};

const INCREMENTS: [(u32, u32); 4] = [(60, 60), (30, 6), (1, 1), (60, 1)];
const MODES: [RoundingMode; 4] = [
    RoundingMode::HalfUp,
    RoundingMode::HalfEven,
    RoundingMode::Up,
    RoundingMode::Down,
];

fn money(units: u32, scale: u32) -> Decimal {
    Decimal::new(i64::from(units), scale)
}

#[derive(Debug, Clone)]
struct RateParams {
    per_minute: (u32, u32),
    connect: (u32, u32),
    minimum: (u32, u32),
    increments: usize,
}

fn rate_params() -> impl Strategy<Value = RateParams> {
    (
        (0u32..100_000, 0u32..6),
        (0u32..1_000, 0u32..4),
        (0u32..1_000, 0u32..4),
        0usize..INCREMENTS.len(),
    )
        .prop_map(|(per_minute, connect, minimum, increments)| RateParams {
            per_minute,
            connect,
            minimum,
            increments,
        })
}

fn plan_with(params: &RateParams, rounding: Rounding, bundles: Vec<Bundle>) -> Plan {
    let (first, next) = INCREMENTS[params.increments];
    let entry = |destination: &str, prefixes: &[&str]| RateEntry {
        destination: destination.into(),
        prefixes: prefixes.iter().map(|p| p.to_string()).collect(),
        per_minute: money(params.per_minute.0, params.per_minute.1),
        connect_fee: money(params.connect.0, params.connect.1),
        minimum_charge: money(params.minimum.0, params.minimum.1),
        first_increment_s: Some(first),
        next_increment_s: Some(next),
        ..RateEntry::default()
    };
    let mut plan = Plan::new("prop", "NL");
    plan.rounding = rounding;
    plan.bundles = bundles;
    plan.versions.push(PlanVersion {
        effective_from: None,
        effective_at: None,
        rates: vec![
            entry("NL", &["31"]),
            entry("NL mobile", &["316"]),
            entry("NL premium", &["31900", "31906", "31909"]),
            entry("NL toll-free", &["31800"]),
            entry("BE", &["32"]),
            entry("DE", &["49"]),
            entry("world", &["1", "44"]),
        ],
        rates_csv: None,
        needs_rate: false,
    });
    plan
}

fn start() -> Timestamp {
    "2026-03-11T09:00:00Z".parse().unwrap()
}

const NUMBERS: [&str; 9] = [
    "020 123 4567",
    "06 12345678",
    "0900 1234567",
    "0800 1234",
    "085 1234567",
    "+32 2 123 45 67",
    "+49 30 1234567",
    "+1 212 555 0100",
    "+44 20 7946 0958",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    // Cost is never negative and never decreases when the call gets longer.
    #[test]
    fn cost_is_never_negative_and_monotonic_in_duration(
        params in rate_params(),
        mode in 0usize..4,
        point in prop_oneof![Just(RoundingPoint::PerCall), Just(RoundingPoint::PerIncrement), Just(RoundingPoint::PerLine)],
        decimals in 0u32..6,
        durations in proptest::collection::vec(0u32..20_000, 2..20),
        number in 0usize..NUMBERS.len(),
    ) {
        let rounding = Rounding { mode: MODES[mode], decimals, point };
        let engine = RatingEngine::new(&plan_with(&params, rounding, vec![])).unwrap();
        let mut durations = durations;
        durations.sort_unstable();
        let mut last = Decimal::ZERO;
        for d in durations {
            let mut usage = BundleUsage::new(&engine);
            let r = engine.rate(start(), d, true, NUMBERS[number], &mut usage).unwrap();
            prop_assert!(!r.cost.is_sign_negative());
            prop_assert!(r.cost >= last, "{} s cost {} < {}", d, r.cost, last);
            prop_assert!(r.billed_s >= d);
            last = r.cost;
        }
    }

    // The exact integer fast path equals exact decimal arithmetic.
    #[test]
    fn integer_fast_path_equals_decimal_arithmetic(
        params in rate_params(),
        mode in 0usize..4,
        per_increment in any::<bool>(),
        decimals in 0u32..7,
        duration in 0u32..100_000,
    ) {
        let point = if per_increment { RoundingPoint::PerIncrement } else { RoundingPoint::PerCall };
        let rounding = Rounding { mode: MODES[mode], decimals, point };
        let engine = RatingEngine::new(&plan_with(&params, rounding, vec![])).unwrap();
        let mut usage = BundleUsage::new(&engine);
        let r = engine.rate(start(), duration, true, "020 123 4567", &mut usage).unwrap();
        let reference = engine.cost_reference(r.rate.unwrap(), duration).unwrap();
        prop_assert_eq!(r.cost, reference);
    }

    // TERMS ACC-3: whatever a plan's bundles list, premium and international calls are
    // never covered; covered calls cost nothing.
    #[test]
    fn bundles_never_cover_premium_or_international(
        params in rate_params(),
        classes in proptest::collection::vec(0usize..6, 0..6),
        free_minutes in any::<bool>(),
        calls in proptest::collection::vec((0usize..NUMBERS.len(), 0u32..5000), 1..30),
    ) {
        let allowed = [
            NumberClass::Geographic,
            NumberClass::Mobile,
            NumberClass::TollFree,
            NumberClass::SharedCost,
            NumberClass::NonGeographic,
            NumberClass::Emergency,
        ];
        let classes: Vec<NumberClass> = classes.into_iter().map(|i| allowed[i]).collect();
        let bundle = if free_minutes {
            Bundle::FreeMinutes { name: "b".into(), classes, minutes: 60, monthly_fee: Decimal::ONE }
        } else {
            Bundle::FlatRate { name: "b".into(), classes, monthly_fee: Decimal::ONE }
        };
        let engine = RatingEngine::new(&plan_with(&params, Rounding::default(), vec![bundle])).unwrap();
        let mut usage = BundleUsage::new(&engine);
        for (n, d) in calls {
            let r = engine.rate(start(), d, true, NUMBERS[n], &mut usage).unwrap();
            if matches!(r.destination_class, NumberClass::Premium | NumberClass::International) {
                prop_assert!(!r.included_in_bundle);
            }
            if r.included_in_bundle {
                prop_assert_eq!(r.cost, Decimal::ZERO);
            }
        }
        prop_assert!(usage.used_s.iter().all(|&u| u <= 3600));
    }

    // Free minutes that cover a call in part: the covered seconds are whole leading
    // increments within the allowance, the bundle's use never exceeds it, a call never
    // costs more with the bundle than without it, and with the minutes partly used a
    // longer call never costs less than a shorter one.
    #[test]
    fn partly_covered_calls_stay_within_the_allowance_and_monotonic(
        params in rate_params(),
        minutes in 0u32..5,
        used in 0u64..300,
        durations in proptest::collection::vec(0u32..2000, 2..15),
        number in 0usize..2,
    ) {
        let bundle = Bundle::FreeMinutes {
            name: "b".into(),
            classes: vec![NumberClass::Geographic, NumberClass::Mobile],
            minutes,
            monthly_fee: Decimal::ZERO,
        };
        let engine = RatingEngine::new(&plan_with(&params, Rounding::default(), vec![bundle])).unwrap();
        let allowance = u64::from(minutes) * 60;
        let used = used.min(allowance);
        let mut durations = durations;
        durations.sort_unstable();
        let mut last = Decimal::ZERO;
        for d in durations {
            let mut usage = BundleUsage { used_s: vec![used] };
            let r = engine.rate(start(), d, true, NUMBERS[number], &mut usage).unwrap();
            prop_assert!(r.cost <= r.cost_before_bundle);
            prop_assert!(r.bundle_s <= r.billed_s);
            prop_assert_eq!(usage.used_s[0], used + u64::from(r.bundle_s));
            prop_assert!(usage.used_s[0] <= allowance);
            prop_assert!(r.cost >= last, "{} s cost {} < {}", d, r.cost, last);
            last = r.cost;
        }
    }

    // TERMS F42-1: authorize, then debit the rated cost of the authorized duration:
    // it always fits and the balance never goes below the credit limit; one increment
    // more would not fit.
    #[test]
    fn prepaid_balance_never_goes_below_the_credit_limit(
        params in rate_params(),
        limit_cents in 0i64..500,
        ops in proptest::collection::vec((any::<bool>(), 0u32..5000, 0usize..NUMBERS.len()), 1..20),
    ) {
        let engine = RatingEngine::new(&plan_with(&params, Rounding::default(), vec![])).unwrap();
        let limit = -Decimal::new(limit_cents, 2);
        let mut account = PrepaidAccount::new(Currency::EUR, limit);
        let usage = BundleUsage::new(&engine);
        for (top_up, amount, number) in ops {
            if top_up {
                if amount > 0 {
                    account.top_up(Decimal::new(i64::from(amount), 2), "pay").unwrap();
                }
                continue;
            }
            let auth = engine.authorize(&account, start(), NUMBERS[number], &usage, 4 * 3600).unwrap();
            if auth.allowed {
                let available_before = account.balance - limit;
                let mut scratch = usage.clone();
                let cost = engine.rate(start(), auth.max_seconds, true, NUMBERS[number], &mut scratch).unwrap().cost;
                prop_assert!(cost <= available_before);
                if auth.max_seconds < 4 * 3600 {
                    let more = engine.rate(start(), auth.max_seconds + 1, true, NUMBERS[number], &mut scratch).unwrap().cost;
                    prop_assert!(more > available_before, "{} s more would still fit", auth.max_seconds + 1);
                }
                account.debit(cost, "call").unwrap();
            }
            prop_assert!(account.balance >= limit);
            // A debit beyond the limit is refused and changes nothing.
            let before = account.balance;
            prop_assert!(account.debit(account.available() + Decimal::new(1, 2), "too much").is_err());
            prop_assert_eq!(account.balance, before);
        }
    }
}
