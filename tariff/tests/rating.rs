//! Rating: increments at the boundaries, time bands, holidays, DST nights, versions,
//! bundles and CGRateS compatibility. Every expected cost is worked out by hand from
//! `tests/data/rating_plan.toml`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use tariff::{
    Bundle, BundleUsage, Error, NumberClass, Plan, RatedCall, RatingEngine, RoundingMode,
    RoundingPoint, UnansweredPolicy,
};

fn plan() -> Plan {
    Plan::from_toml_str(include_str!("data/rating_plan.toml")).unwrap()
}

fn engine_with(f: impl FnOnce(&mut Plan)) -> RatingEngine {
    let mut p = plan();
    f(&mut p);
    RatingEngine::new(&p).unwrap()
}

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Saturday 14 March 2026, 10:00 CET: no peak band, the default rates apply.
const WEEKEND: &str = "2026-03-14T09:00:00Z";

fn rate(engine: &RatingEngine, at: &str, secs: u32, number: &str) -> RatedCall {
    let mut usage = BundleUsage::new(engine);
    engine.rate(ts(at), secs, true, number, &mut usage).unwrap()
}

fn cost_and_increments(engine: &RatingEngine, at: &str, secs: u32, number: &str) -> (Decimal, u32) {
    let r = rate(engine, at, secs, number);
    (r.cost, r.increments)
}

// 60/60 at 0.06 per minute: every started minute costs 0.06.
#[test]
fn increments_60_60_at_the_boundaries() {
    let e = engine_with(|_| {});
    let n = "020 123 4567";
    assert_eq!(cost_and_increments(&e, WEEKEND, 0, n), (dec!(0.0000), 0));
    assert_eq!(cost_and_increments(&e, WEEKEND, 1, n), (dec!(0.0600), 1));
    assert_eq!(cost_and_increments(&e, WEEKEND, 59, n), (dec!(0.0600), 1));
    assert_eq!(cost_and_increments(&e, WEEKEND, 60, n), (dec!(0.0600), 1));
    assert_eq!(cost_and_increments(&e, WEEKEND, 61, n), (dec!(0.1200), 2));
}

// 30/6 at 0.30 per minute, connect 0.05, minimum 0.10:
// 0 s → connect 0.05 < minimum → 0.10; 1 s and 30 s → one 30 s increment = 0.05 + 0.15;
// 31 s → 30 + 6 = 36 s → 0.05 + 0.18; 59 s and 60 s → 30 + 5×6 → 0.05 + 0.30;
// 61 s → 30 + 6×6 = 66 s → 0.05 + 0.33.
#[test]
fn increments_30_6_with_connect_fee_and_minimum() {
    let e = engine_with(|_| {});
    let n = "06 12345678";
    assert_eq!(cost_and_increments(&e, WEEKEND, 0, n), (dec!(0.1000), 0));
    assert_eq!(cost_and_increments(&e, WEEKEND, 1, n), (dec!(0.2000), 1));
    assert_eq!(cost_and_increments(&e, WEEKEND, 30, n), (dec!(0.2000), 1));
    assert_eq!(cost_and_increments(&e, WEEKEND, 31, n), (dec!(0.2300), 2));
    assert_eq!(cost_and_increments(&e, WEEKEND, 59, n), (dec!(0.3500), 6));
    assert_eq!(cost_and_increments(&e, WEEKEND, 60, n), (dec!(0.3500), 6));
    assert_eq!(cost_and_increments(&e, WEEKEND, 61, n), (dec!(0.3800), 7));
}

// 1/1 at 1.20 per minute = 0.02 per second.
#[test]
fn increments_1_1_bill_every_second() {
    let e = engine_with(|_| {});
    let n = "0900 1234567";
    assert_eq!(cost_and_increments(&e, WEEKEND, 0, n), (dec!(0.0000), 0));
    assert_eq!(cost_and_increments(&e, WEEKEND, 1, n), (dec!(0.0200), 1));
    assert_eq!(cost_and_increments(&e, WEEKEND, 59, n), (dec!(1.1800), 59));
    assert_eq!(cost_and_increments(&e, WEEKEND, 60, n), (dec!(1.2000), 60));
    assert_eq!(cost_and_increments(&e, WEEKEND, 61, n), (dec!(1.2200), 61));
    assert_eq!(
        rate(&e, WEEKEND, 1, n).destination_class,
        NumberClass::Premium
    );
}

// 0.07 per minute in 1 s increments for 7 s: exact 0.0081666… → 0.0082 per call;
// per increment 0.0011666… → 0.0012 × 7 = 0.0084; down per call 0.0081.
#[test]
fn rounding_happens_only_at_the_declared_point() {
    let with = |point, mode| {
        engine_with(|p| {
            p.versions[0].rates[4].per_minute = dec!(0.07);
            p.rounding.point = point;
            p.rounding.mode = mode;
        })
    };
    let n = "0900 1234567";
    let cost = |e: &RatingEngine| rate(e, WEEKEND, 7, n).cost;
    assert_eq!(
        cost(&with(RoundingPoint::PerCall, RoundingMode::HalfUp)),
        dec!(0.0082)
    );
    assert_eq!(
        cost(&with(RoundingPoint::PerIncrement, RoundingMode::HalfUp)),
        dec!(0.0084)
    );
    assert_eq!(
        cost(&with(RoundingPoint::PerCall, RoundingMode::Down)),
        dec!(0.0081)
    );
    assert_eq!(
        cost(&with(RoundingPoint::PerCall, RoundingMode::Up)),
        dec!(0.0082)
    );
    // Rounded later (per invoice line): the call keeps full precision.
    let exact = cost(&with(RoundingPoint::PerLine, RoundingMode::HalfUp));
    assert_eq!(exact.round_dp(10), dec!(0.0081666667));
}

// Wednesday 11 March 2026 (CET = UTC+1): 10:00 local is peak (0.12), 19:00 is not.
#[test]
fn time_band_is_picked_by_local_wall_clock_time() {
    let e = engine_with(|_| {});
    let n = "020 123 4567";
    let r = rate(&e, "2026-03-11T09:00:00Z", 60, n);
    assert_eq!(
        (r.cost, e.band_name(r.band.unwrap())),
        (dec!(0.1200), Some("peak"))
    );
    assert_eq!(rate(&e, "2026-03-11T06:59:59Z", 60, n).cost, dec!(0.0600)); // 07:59:59
    assert_eq!(rate(&e, "2026-03-11T07:00:00Z", 60, n).cost, dec!(0.1200)); // 08:00:00
    assert_eq!(rate(&e, "2026-03-11T18:00:00Z", 60, n).cost, dec!(0.0600)); // 19:00:00
}

// The band at the call's start applies to the whole call: 18:59:30 local + 120 s is
// two peak minutes (0.24), not one peak and one off-peak (0.18).
#[test]
fn a_call_crossing_a_band_boundary_keeps_its_starting_band() {
    let e = engine_with(|_| {});
    let r = rate(&e, "2026-03-11T17:59:30Z", 120, "020 123 4567");
    assert_eq!((r.cost, r.increments), (dec!(0.2400), 2));
}

// The rule is the same when a call crosses into a dearer band: 07:59:30 CET + 120 s
// starts off-peak, so both minutes are off-peak (0.12), not 0.06 + 0.12.
#[test]
fn a_call_crossing_into_the_peak_band_keeps_its_off_peak_start() {
    let e = engine_with(|_| {});
    let r = rate(&e, "2026-03-11T06:59:30Z", 120, "020 123 4567");
    assert_eq!((r.cost, r.band), (dec!(0.1200), None));
}

// A band whose end is not after its start wraps past midnight on its listed days:
// "night" Mon–Fri 19:00–08:00 at 0.01/min covers Wednesday 23:30 and Monday 07:00
// (early morning of a listed day), not Saturday 01:00 (Saturday is not listed: the
// default 0.06), and not Wednesday 08:00 (peak 0.12).
#[test]
fn a_band_wrapping_past_midnight_covers_evenings_and_early_mornings_of_its_days() {
    let e = engine_with(|p| {
        p.bands.push(tariff::TimeBand {
            name: "night".into(),
            days: vec![
                tariff::DayKind::Mon,
                tariff::DayKind::Tue,
                tariff::DayKind::Wed,
                tariff::DayKind::Thu,
                tariff::DayKind::Fri,
            ],
            from: "19:00".into(),
            to: "08:00".into(),
            years: vec![],
            months: vec![],
            month_days: vec![],
        });
        p.versions[0].rates.push(tariff::RateEntry {
            destination: "NL fixed".into(),
            band: Some("night".into()),
            per_minute: dec!(0.01),
            ..Default::default()
        });
    });
    let n = "020 123 4567";
    assert_eq!(rate(&e, "2026-03-11T22:30:00Z", 60, n).cost, dec!(0.0100)); // Wed 23:30
    assert_eq!(rate(&e, "2026-03-16T06:00:00Z", 60, n).cost, dec!(0.0100)); // Mon 07:00
    assert_eq!(rate(&e, "2026-03-14T00:00:00Z", 60, n).cost, dec!(0.0600)); // Sat 01:00
    assert_eq!(rate(&e, "2026-03-11T07:00:00Z", 60, n).cost, dec!(0.1200)); // Wed 08:00
}

// Easter Monday 6 April 2026 (a Monday): the holiday band (0.03), not peak.
#[test]
fn holidays_from_the_contracts_calendar_select_the_holiday_band() {
    let e = engine_with(|_| {});
    let r = rate(&e, "2026-04-06T08:00:00Z", 60, "020 123 4567");
    assert_eq!(
        (r.cost, e.band_name(r.band.unwrap())),
        (dec!(0.0300), Some("holiday"))
    );
    // King's Day, Monday 27 April 2026.
    assert_eq!(
        rate(&e, "2026-04-27T08:00:00Z", 60, "020 123 4567").cost,
        dec!(0.0300)
    );
    // The Tuesday after Easter is an ordinary peak day.
    assert_eq!(
        rate(&e, "2026-04-07T08:00:00Z", 60, "020 123 4567").cost,
        dec!(0.1200)
    );
}

// A German Land's calendar: Epiphany (Tuesday 6 January 2026) is a holiday in Bavaria,
// not in Germany as a whole, so only a DE-BY plan rates 09:00 CET with the holiday band.
#[test]
fn a_plan_on_a_german_lands_calendar_uses_that_lands_holidays() {
    let n = "020 123 4567";
    let bavaria = engine_with(|p| p.calendar = Some("DE-BY".into()));
    assert_eq!(
        rate(&bavaria, "2026-01-06T08:00:00Z", 60, n).cost,
        dec!(0.0300)
    );
    let germany = engine_with(|p| p.calendar = Some("DE".into()));
    assert_eq!(
        rate(&germany, "2026-01-06T08:00:00Z", 60, n).cost,
        dec!(0.1200)
    );
    // An unknown region is refused, not read as the country.
    let mut p = plan();
    p.calendar = Some("DE-XX".into());
    assert!(RatingEngine::new(&p).is_err());
}

// DST: 06:30Z is 07:30 CET (off-peak) on Friday 27 March and 08:30 CEST (peak) on
// Monday 30 March; in autumn (the July version: peak 0.10, otherwise 0.05) the
// reverse on Friday 23 / Monday 26 October.
#[test]
fn daylight_saving_changes_move_the_band_with_the_wall_clock() {
    let e = engine_with(|_| {});
    let n = "020 123 4567";
    assert_eq!(rate(&e, "2026-03-27T06:30:00Z", 60, n).cost, dec!(0.0600));
    assert_eq!(rate(&e, "2026-03-30T06:30:00Z", 60, n).cost, dec!(0.1200));
    assert_eq!(rate(&e, "2026-10-23T06:30:00Z", 60, n).cost, dec!(0.1000));
    assert_eq!(rate(&e, "2026-10-26T06:30:00Z", 60, n).cost, dec!(0.0500));
}

// A call across the DST night is charged for its real duration: 01:59 CET + 120 s
// on 29 March 2026 is two minutes, though the wall clock jumps to 03:01.
#[test]
fn a_call_across_the_dst_night_is_charged_its_real_duration() {
    let e = engine_with(|_| {});
    let r = rate(&e, "2026-03-29T00:59:00Z", 120, "020 123 4567");
    assert_eq!((r.cost, r.increments, r.billed_s), (dec!(0.1200), 2, 120));
}

// The autumn night: 02:59 CEST on Sunday 25 October 2026 + 120 s passes 03:00 CEST,
// which becomes 02:00 CET; the wall clock shows 02:01, but the call lasted two real
// minutes: 2 × 0.05 (the July version, no peak on Sunday).
#[test]
fn a_call_across_the_autumn_dst_night_is_charged_its_real_duration() {
    let e = engine_with(|_| {});
    let r = rate(&e, "2026-10-25T00:59:00Z", 120, "020 123 4567");
    assert_eq!((r.cost, r.increments, r.billed_s), (dec!(0.1000), 2, 120));
}

// Local times in CSV: 02:30 on 29 March 2026 does not exist (→ 03:30 CEST = 01:30Z);
// 02:30 on 25 October happens twice (the earlier, CEST, is taken: 00:30Z).
#[test]
fn local_cdr_times_in_dst_gaps_and_folds_resolve_compatibly() {
    let e = engine_with(|_| {});
    let text = "start,duration_s,destination\n2026-03-29 02:30:00,60,0201234567\n2026-10-25 02:30:00,60,0201234567\n2026-03-11T10:00:00+01:00,60,0201234567\n";
    let records = e.parse_cdrs_csv(text).unwrap();
    assert_eq!(records[0].start, ts("2026-03-29T01:30:00Z"));
    assert_eq!(records[1].start, ts("2026-10-25T00:30:00Z"));
    assert_eq!(records[2].start, ts("2026-03-11T09:00:00Z"));
    let bad = "start,duration_s,destination\n2026-03-11T10:00:00Z,60,0201234567\nyesterday,60,0201234567\n";
    assert!(matches!(
        e.parse_cdrs_csv(bad),
        Err(Error::Csv { line: 3, .. })
    ));
}

// Versions switch at local midnight of their effective date: 0.06 before, 0.05 after.
#[test]
fn effective_dated_versions_switch_at_local_midnight() {
    let e = engine_with(|_| {});
    let n = "020 123 4567";
    // Tuesday 30 June 2026, 23:30 CEST, and Wednesday 1 July 00:30 CEST: off-peak.
    assert_eq!(rate(&e, "2026-06-30T21:30:00Z", 60, n).cost, dec!(0.0600));
    assert_eq!(rate(&e, "2026-06-30T22:30:00Z", 60, n).cost, dec!(0.0500));
    // Before the first version nothing is in force.
    let mut usage = BundleUsage::new(&e);
    assert!(matches!(
        e.rate(ts("2025-12-31T12:00:00Z"), 60, true, n, &mut usage),
        Err(Error::NoRate(_))
    ));
}

#[test]
fn unanswered_calls_are_free_unless_the_plan_charges_the_connect_fee() {
    let e = engine_with(|_| {});
    let mut usage = BundleUsage::new(&e);
    let r = e
        .rate(ts(WEEKEND), 0, false, "06 12345678", &mut usage)
        .unwrap();
    assert_eq!((r.cost, r.increments), (Decimal::ZERO, 0));
    let e = engine_with(|p| p.unanswered = UnansweredPolicy::ConnectFee);
    let r = e
        .rate(ts(WEEKEND), 0, false, "06 12345678", &mut usage)
        .unwrap();
    assert_eq!(r.cost, dec!(0.0500));
}

#[test]
fn international_emergency_and_unknown_destinations() {
    let e = engine_with(|_| {});
    let r = rate(&e, WEEKEND, 60, "+32 2 123 45 67");
    assert_eq!(
        (r.cost, r.destination_class),
        (dec!(0.0900), NumberClass::International)
    );
    let r = rate(&e, WEEKEND, 600, "112");
    assert_eq!(
        (r.cost, r.destination_class),
        (Decimal::ZERO, NumberClass::Emergency)
    );
    let mut usage = BundleUsage::new(&e);
    assert!(matches!(
        e.rate(ts(WEEKEND), 60, true, "+44 20 7946 0958", &mut usage),
        Err(Error::NoRate(_))
    ));
    assert!(matches!(
        e.rate(ts(WEEKEND), 60, true, "06-12x", &mut usage),
        Err(Error::InvalidNumber { .. })
    ));
}

// TERMS ACC-3: a flat rate covers its classes, never premium or international.
#[test]
fn flat_rate_covers_its_classes_but_never_premium_or_international() {
    let e = engine_with(|p| {
        p.bundles.push(Bundle::FlatRate {
            name: "Flat NL".into(),
            classes: vec![NumberClass::Geographic, NumberClass::Mobile],
            monthly_fee: dec!(25),
        })
    });
    let r = rate(&e, WEEKEND, 600, "020 123 4567");
    assert!(r.included_in_bundle);
    assert_eq!(
        (r.cost, r.cost_before_bundle),
        (Decimal::ZERO, dec!(0.6000))
    );
    assert!(!rate(&e, WEEKEND, 60, "0900 1234567").included_in_bundle);
    assert!(!rate(&e, WEEKEND, 60, "+32 2 123 45 67").included_in_bundle);
    // A plan whose bundle lists premium or international is refused.
    for class in [NumberClass::Premium, NumberClass::International] {
        let mut p = plan();
        p.bundles.push(Bundle::FlatRate {
            name: "bad".into(),
            classes: vec![class],
            monthly_fee: dec!(1),
        });
        assert!(matches!(RatingEngine::new(&p), Err(Error::InvalidPlan(_))));
    }
}

// Ten free minutes on mobile: two 300 s calls fit (300 + 300 = 600 s); a third call
// does not and is charged in full (30 s → 0.20).
#[test]
fn free_minutes_cover_whole_calls_until_used_up() {
    let e = engine_with(|p| {
        p.bundles.push(Bundle::FreeMinutes {
            name: "10 min mobile".into(),
            classes: vec![NumberClass::Mobile],
            minutes: 10,
            monthly_fee: dec!(5),
        })
    });
    let mut usage = BundleUsage::new(&e);
    let mut call = |secs| {
        e.rate(ts(WEEKEND), secs, true, "06 12345678", &mut usage)
            .unwrap()
    };
    assert!(call(300).included_in_bundle);
    assert!(call(300).included_in_bundle);
    let third = call(30);
    assert!(!third.included_in_bundle);
    assert_eq!(third.cost, dec!(0.2000));
    assert_eq!(usage.used_s, vec![600]);
}

fn one_free_minute_on_mobile() -> RatingEngine {
    engine_with(|p| {
        p.bundles.push(Bundle::FreeMinutes {
            name: "1 min mobile".into(),
            classes: vec![NumberClass::Mobile],
            minutes: 1,
            monthly_fee: dec!(1),
        })
    })
}

// NL mobile: 0.05 connect, 0.30/min (0.15 per 30 s, 0.03 per 6 s), 30/6 increments,
// minimum 0.10; one free minute (60 s).
// 60 s = 30 + 5 × 6: exactly the minute, covered whole (connect fee included).
// 61 s = 30 + 6 × 6 = 66 s billed: the first 6 increments (60 s) are covered, the 7th
// (6 s, 0.03) and the connect fee 0.05 are charged = 0.08, below the minimum → 0.10.
#[test]
fn free_minutes_cover_a_call_of_exactly_the_minutes_left_and_split_one_second_more() {
    let e = one_free_minute_on_mobile();
    let mut usage = BundleUsage::new(&e);
    let r = e
        .rate(ts(WEEKEND), 60, true, "06 12345678", &mut usage)
        .unwrap();
    assert!(r.included_in_bundle);
    assert_eq!((r.cost, r.bundle_s, r.bundle), (dec!(0.0000), 60, Some(0)));
    assert_eq!(usage.used_s, vec![60]);

    let mut usage = BundleUsage::new(&e);
    let r = e
        .rate(ts(WEEKEND), 61, true, "06 12345678", &mut usage)
        .unwrap();
    assert!(!r.included_in_bundle);
    assert_eq!((r.increments, r.billed_s), (7, 66));
    assert_eq!((r.bundle_s, r.bundle), (60, Some(0)));
    assert_eq!(r.cost_before_bundle, dec!(0.3800)); // 0.05 + 0.15 + 6 × 0.03
    assert_eq!(r.cost, dec!(0.1000));
    assert_eq!(usage.used_s, vec![60]);
}

// After a 10 s call (30 s billed, covered), 30 s are left. A 90 s call (30 + 10 × 6)
// has its first increment covered; 10 × 0.03 + 0.05 = 0.35 is charged (0.50 before
// the bundle). The minute is used up: a 6 s call (30 s billed) pays 0.05 + 0.15.
#[test]
fn free_minutes_cover_the_leading_increments_then_run_out() {
    let e = one_free_minute_on_mobile();
    let mut usage = BundleUsage::new(&e);
    let mut call = |secs| {
        e.rate(ts(WEEKEND), secs, true, "06 12345678", &mut usage)
            .unwrap()
    };
    let first = call(10);
    assert!(first.included_in_bundle);
    assert_eq!(first.bundle_s, 30);
    let second = call(90);
    assert_eq!((second.bundle_s, second.bundle), (30, Some(0)));
    assert_eq!(second.cost_before_bundle, dec!(0.5000));
    assert_eq!(second.cost, dec!(0.3500));
    let third = call(6);
    assert_eq!((third.bundle_s, third.bundle), (0, None));
    assert_eq!(third.cost, dec!(0.2000));
    assert_eq!(usage.used_s, vec![60]);
}

// An increment is never split: with 40 s left a 60 s call (30 + 5 × 6) has 30 + 6 =
// 36 s covered and pays 4 × 0.03 + 0.05 = 0.17; the 4 s left cover no 30 s first
// increment, so a 1 s call pays in full (0.05 + 0.15 = 0.20).
#[test]
fn free_minutes_never_split_an_increment() {
    let e = one_free_minute_on_mobile();
    let mut usage = BundleUsage::new(&e);
    usage.used_s = vec![20];
    let r = e
        .rate(ts(WEEKEND), 60, true, "06 12345678", &mut usage)
        .unwrap();
    assert_eq!((r.bundle_s, r.cost), (36, dec!(0.1700)));
    assert_eq!(usage.used_s, vec![56]);
    let r = e
        .rate(ts(WEEKEND), 1, true, "06 12345678", &mut usage)
        .unwrap();
    assert_eq!((r.bundle_s, r.cost), (0, dec!(0.2000)));
    assert_eq!(usage.used_s, vec![56]);
}

#[test]
fn explanation_reports_the_bundle_split() {
    let e = one_free_minute_on_mobile();
    let record = tariff::CallRecord {
        call_id: "c".into(),
        start: ts(WEEKEND),
        duration_s: 61,
        destination: "06 12345678".into(),
        answered: true,
    };
    let mut usage = BundleUsage::new(&e);
    let rated = e.rate_record(&record, &mut usage).unwrap();
    let lines = e.explain(&record, &rated).join("\n");
    assert!(
        lines.contains("covers the first 6 increment(s), 60 s of 66 s; the other 1"),
        "{lines}"
    );
}

#[test]
fn explanation_names_destination_band_and_increments() {
    let e = engine_with(|_| {});
    let record = tariff::CallRecord {
        call_id: "c1".into(),
        start: ts("2026-03-11T09:00:00Z"),
        duration_s: 61,
        destination: "06 12345678".into(),
        answered: true,
    };
    let mut usage = BundleUsage::new(&e);
    let rated = e.rate_record(&record, &mut usage).unwrap();
    let lines = e.explain(&record, &rated).join("\n");
    assert!(lines.contains("NL mobile"), "{lines}");
    assert!(lines.contains("1 × 30 s"), "{lines}");
    assert!(lines.contains("6 × 6 s"), "{lines}");
}

#[test]
fn plan_errors_are_typed() {
    let bad_band = |p: &mut Plan| p.versions[0].rates[1].band = Some("night".into());
    let mut p = plan();
    bad_band(&mut p);
    assert!(matches!(
        RatingEngine::new(&p),
        Err(Error::InvalidValue { ref field, .. }) if field == "versions[0].rates[1]"
    ));
    let mut p = plan();
    p.timezone = "Mars/Olympus".into();
    assert!(matches!(RatingEngine::new(&p), Err(Error::InvalidPlan(_))));
    let mut p = plan();
    p.versions[0].rates[0].per_minute = dec!(-0.01);
    assert!(matches!(
        RatingEngine::new(&p),
        Err(Error::InvalidValue { ref field, .. }) if field == "versions[0].rates[0]"
    ));
    let mut p = plan();
    p.versions[0].rates[3].first_increment_s = Some(0);
    assert!(matches!(
        RatingEngine::new(&p),
        Err(Error::InvalidValue { ref field, .. }) if field == "versions[0].rates[3]"
    ));
    assert!(matches!(
        Plan::from_toml_str("name = 3"),
        Err(Error::Load { .. })
    ));
}
