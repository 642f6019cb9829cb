//! Migration from CGRateS: the tutorial-shaped plan in tests/data/cgrates.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use tariff::{BundleUsage, CgratesTariffPlan, Error, RatingEngine, import_cgrates};

fn files() -> CgratesTariffPlan {
    CgratesTariffPlan {
        destinations: include_str!("data/cgrates/Destinations.csv").into(),
        rates: include_str!("data/cgrates/Rates.csv").into(),
        destination_rates: include_str!("data/cgrates/DestinationRates.csv").into(),
        timings: include_str!("data/cgrates/Timings.csv").into(),
        rating_plans: include_str!("data/cgrates/RatingPlans.csv").into(),
        rating_profiles: include_str!("data/cgrates/RatingProfiles.csv").into(),
    }
}

fn cost(engine: &RatingEngine, at: &str, secs: u32, dest: &str) -> Result<Decimal, Error> {
    let mut usage = BundleUsage::new(engine);
    engine
        .rate(at.parse().unwrap(), secs, true, dest, &mut usage)
        .map(|r| r.cost)
}

// RT_20CNT for 130 s: connect 0.4 + first minute 0.2 + 70 s at 0.1/min.
// CGRateS: 70 s span = 0.116666… → 0.11667 (5 places), per 1 s increment 0.0016667 →
// 0.00167, × 70 = 0.1169 → 0.7169. Exact: 0.4 + 0.2 + 0.116666… = 0.716666… → *up 0.7167.
#[test]
fn tutorial_call_costs_0_7169_in_cgrates_mode_and_0_7167_exact() {
    let plan = import_cgrates(&files(), "cgrates.org", "call", "1001", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    assert_eq!(
        cost(&engine, "2014-08-04T13:00:00Z", 130, "1002").unwrap(),
        dec!(0.7169)
    );
    let mut exact = plan.clone();
    exact.cgrates = None;
    let engine = RatingEngine::new(&exact).unwrap();
    assert_eq!(
        cost(&engine, "2014-08-04T13:00:00Z", 130, "1002").unwrap(),
        dec!(0.7167)
    );
}

// Before 2014-01-14 subject 1001 had RP_1002, which rates only 1001.
#[test]
fn rating_profile_activations_become_versions() {
    let plan = import_cgrates(&files(), "cgrates.org", "call", "1001", "NL").unwrap();
    assert_eq!(plan.versions.len(), 2);
    let engine = RatingEngine::new(&plan).unwrap();
    assert!(matches!(
        cost(&engine, "2012-05-01T10:00:00Z", 60, "1002"),
        Err(Error::NoRate(_))
    ));
    // RT_20CNT for exactly 60 s: 0.4 + 0.2.
    assert_eq!(
        cost(&engine, "2012-05-01T10:00:00Z", 60, "1001").unwrap(),
        dec!(0.6000)
    );
    // Per-second rate to 1003 after 2014: 0.01 per second.
    assert_eq!(
        cost(&engine, "2014-08-04T13:00:00Z", 25, "1003").unwrap(),
        dec!(0.2500)
    );
}

#[test]
fn broken_files_name_the_line_or_the_missing_id() {
    let mut f = files();
    f.rates.push_str("RT_BAD,0,abc,60s,1s,0s\n");
    assert!(matches!(
        import_cgrates(&f, "cgrates.org", "call", "1001", "NL"),
        Err(Error::Csv { line: 7, .. })
    ));
    let mut f = files();
    f.rating_plans.push_str("RP_1001,DR_MISSING,*any,10\n");
    assert!(matches!(
        import_cgrates(&f, "cgrates.org", "call", "1001", "NL"),
        Err(Error::InvalidPlan(_))
    ));
    assert!(matches!(
        import_cgrates(&files(), "other.org", "call", "1001", "NL"),
        Err(Error::InvalidPlan(_))
    ));
}
