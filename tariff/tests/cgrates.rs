//! Migration from CGRateS: the tutorial-shaped plan in tests/data/cgrates.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use tariff::{BundleUsage, CgratesTariffPlan, Error, RatingEngine, import_cgrates};

/// The six rating files of a tariff-plan folder under `tests/data/cgrates`.
macro_rules! plan_folder {
    ($dir:literal) => {
        CgratesTariffPlan {
            destinations: include_str!(concat!("data/cgrates/", $dir, "Destinations.csv")).into(),
            rates: include_str!(concat!("data/cgrates/", $dir, "Rates.csv")).into(),
            destination_rates: include_str!(concat!("data/cgrates/", $dir, "DestinationRates.csv"))
                .into(),
            timings: include_str!(concat!("data/cgrates/", $dir, "Timings.csv")).into(),
            rating_plans: include_str!(concat!("data/cgrates/", $dir, "RatingPlans.csv")).into(),
            rating_profiles: include_str!(concat!("data/cgrates/", $dir, "RatingProfiles.csv"))
                .into(),
        }
    };
}

/// The tutorial-shaped plan.
fn files() -> CgratesTariffPlan {
    plan_folder!("")
}

/// The business plan (peak and off-peak, fallbacks, MaxCost).
fn business() -> CgratesTariffPlan {
    plan_folder!("business/")
}

/// The calendar plan (timings by year, month and month day, `+` prefixes).
fn calendar() -> CgratesTariffPlan {
    plan_folder!("calendar/")
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
        Err(Error::RateTable { ref table, line: Some(7), .. }) if table == "Rates.csv"
    ));
    let mut f = files();
    let line = f.rating_plans.lines().count() as u64 + 1;
    f.rating_plans.push_str("RP_1001,DR_MISSING,*any,10\n");
    assert!(matches!(
        import_cgrates(&f, "cgrates.org", "call", "1001", "NL"),
        Err(Error::RateTable { ref table, line: Some(l), .. }) if table == "RatingPlans.csv" && l == line
    ));
    assert!(matches!(
        import_cgrates(&files(), "other.org", "call", "1001", "NL"),
        Err(Error::RateTable { ref table, line: None, .. }) if table == "RatingProfiles.csv"
    ));
}

/// The tutorial files plus rows for the MaxCost and fallback cases.
fn extended() -> CgratesTariffPlan {
    let mut f = files();
    f.destinations.push_str("DST_1004,1004\nDST_1005,1005\n");
    f.destination_rates.push_str(
        "DR_1004_CAP,DST_1004,RT_20CNT,*up,4,0.65,*free\n\
         DR_1005_DISC,DST_1005,RT_20CNT,*up,4,1.00,*disconnect\n\
         DR_1003_PER_SEC_B,DST_1003,RT_1CNT_PER_SEC,*up,4,0,\n\
         DR_FS_10CNT,DST_FS,RT_10CNT,*up,4,0,\n",
    );
    f.rating_plans.push_str(
        "RP_1001,DR_1004_CAP,*any,10\n\
         RP_1001,DR_1005_DISC,*any,10\n\
         RP_1006,DR_1003_PER_SEC_B,*any,10\n\
         RP_FS,DR_FS_10CNT,*any,10\n",
    );
    f.rating_profiles.push_str(
        "cgrates.org,call,1006,2014-01-14T00:00:00Z,RP_1006,1007\n\
         cgrates.org,call,1007,2015-01-01T00:00:00Z,RP_FS,\n\
         cgrates.org,call,1008,2014-01-14T00:00:00Z,RP_FS,1001\n",
    );
    f
}

fn engines(subject: &str) -> (RatingEngine, RatingEngine) {
    let plan = import_cgrates(&extended(), "cgrates.org", "call", subject, "NL").unwrap();
    let mut exact = plan.clone();
    exact.cgrates = None;
    (
        RatingEngine::new(&plan).unwrap(),
        RatingEngine::new(&exact).unwrap(),
    )
}

// MaxCost 0.65 *free on RT_20CNT (0.40 connect, 0.20 first minute, then 0.10/min per
// second). 80 s: 0.6 + 20 s: CGRateS 20/600 = 0.03333 → 0.00167 × 20 = 0.0334 →
// 0.6334; exact 0.633333… → *up 0.6334, under the ceiling. But CGRateS's
// `CallDescriptor.GetCost` compares the ceiling with a running figure that adds the
// cost so far after each timespan: 0.6 after the first minute, then 0.6 + 0.6334 =
// 1.2334 ≥ 0.65, so it charges the ceiling, 0.65, and so does cgrates mode. 90 s:
// 0.6501 in CGRateS (30 × 0.00167), exact 0.65 → capped 0.65 either way. 130 s:
// 0.7169 / 0.7167 → 0.65. The ceiling includes the connect fee.
#[test]
fn max_cost_free_caps_the_call_cost() {
    let (cgr, exact) = engines("1001");
    let at = "2014-08-04T13:00:00Z";
    assert_eq!(cost(&cgr, at, 80, "1004").unwrap(), dec!(0.6500));
    // 60 s is one timespan: 0.6 < 0.65, not capped.
    assert_eq!(cost(&cgr, at, 60, "1004").unwrap(), dec!(0.6000));
    assert_eq!(cost(&exact, at, 80, "1004").unwrap(), dec!(0.6334));
    assert_eq!(cost(&cgr, at, 90, "1004").unwrap(), dec!(0.6500));
    assert_eq!(cost(&exact, at, 90, "1004").unwrap(), dec!(0.6500));
    assert_eq!(cost(&cgr, at, 130, "1004").unwrap(), dec!(0.6500));
    assert_eq!(cost(&exact, at, 3600, "1004").unwrap(), dec!(0.6500));
    // The same rate without a ceiling still gives the tutorial figure.
    assert_eq!(cost(&cgr, at, 130, "1002").unwrap(), dec!(0.7169));
    assert_eq!(cost(&exact, at, 130, "1002").unwrap(), dec!(0.7167));
}

// MaxCost 1.00 *disconnect: a recorded 600 s call is rated in full, as CGRateS does
// (0.6 + 540 × 0.00167 = 1.5018), but prepaid authorization stops before the second
// whose increment reaches 1.00: 0.6 + 239 × 0.00167 = 0.99913 → 0.9992 < 1 at 299 s;
// 240 s more would be 1.0008. Exact: 0.6 + 239/600 = 0.99833 → 0.9984 at 299 s, 1.0000
// at 300 s. The balance (10.00) would afford far more.
#[test]
fn max_cost_disconnect_limits_prepaid_authorization_but_not_rating() {
    let (cgr, exact) = engines("1001");
    let at = "2014-08-04T13:00:00Z";
    assert_eq!(cost(&cgr, at, 600, "1005").unwrap(), dec!(1.5018));
    let mut account = tariff::PrepaidAccount::new(cgr.currency(), Decimal::ZERO);
    account.top_up(dec!(10.00), "top-up").unwrap();
    for engine in [&cgr, &exact] {
        let usage = BundleUsage::new(engine);
        let auth = engine
            .authorize(&account, at.parse().unwrap(), "1005", &usage, 3600)
            .unwrap();
        assert!(auth.allowed);
        assert_eq!(auth.max_seconds, 299);
        // Without a ceiling the balance is the limit: far longer.
        let auth = engine
            .authorize(&account, at.parse().unwrap(), "1002", &usage, 3600)
            .unwrap();
        assert_eq!(auth.max_seconds, 3600);
    }
}

// Subject 1006 rates only DST_1003 itself and falls back on 1007 (DST_FS, prefix 10,
// RT_10CNT), whose profile starts on 2015-01-01. Own rate first: 1003 for 25 s at 0.01
// per second = 0.25. 1002 has no own rate: before 2015 nothing, after it RT_10CNT:
// 130 s = 0.2 + 0.1 + 70 s at 0.05/min: CGRateS 70/1200 = 0.05833 → 0.00083 × 70 =
// 0.0581 → 0.3581; exact 0.358333… → *up 0.3584.
#[test]
fn rates_fallback_subject_rates_what_the_subject_does_not() {
    let (cgr, exact) = engines("1006");
    assert_eq!(
        cost(&cgr, "2015-03-02T10:00:00Z", 25, "1003").unwrap(),
        dec!(0.2500)
    );
    assert!(matches!(
        cost(&cgr, "2014-08-04T13:00:00Z", 130, "1002"),
        Err(Error::NoRate(_))
    ));
    assert_eq!(
        cost(&cgr, "2015-03-02T10:00:00Z", 130, "1002").unwrap(),
        dec!(0.3581)
    );
    assert_eq!(
        cost(&exact, "2015-03-02T10:00:00Z", 130, "1002").unwrap(),
        dec!(0.3584)
    );
    // 10035 matches the own 1003 before the fallback's 10.
    assert_eq!(
        cost(&cgr, "2015-03-02T10:00:00Z", 25, "10035").unwrap(),
        dec!(0.2500)
    );
}

// Subject 1008 rates DST_FS (10) itself and falls back on 1001 (DST_1002, 1002): a call
// to 1002 matches the own prefix 10, so the fallback's longer 1002 never applies
// (CGRateS falls back only when the subject has no rate for the number): 0.3581, not
// 0.7169. A number neither covers has no rate.
#[test]
fn fallback_rates_never_shadow_a_shorter_own_prefix() {
    let (cgr, _) = engines("1008");
    let at = "2014-08-04T13:00:00Z";
    assert_eq!(cost(&cgr, at, 130, "1002").unwrap(), dec!(0.3581));
    assert!(matches!(cost(&cgr, at, 60, "2000"), Err(Error::NoRate(_))));
}

#[test]
fn unknown_max_cost_strategy_names_the_line() {
    let mut f = files();
    f.destination_rates
        .push_str("DR_X,DST_1002,RT_20CNT,*up,4,1,*sometimes\n");
    assert!(matches!(
        import_cgrates(&f, "cgrates.org", "call", "1001", "NL"),
        Err(Error::RateTable { ref table, line: Some(6), .. }) if table == "DestinationRates.csv"
    ));
}

// One free minute on the tutorial plan (its destinations rate as geographic): 130 s
// to 1002 is 1 × 60 s + 70 × 1 s; the 60 s increment is covered, the 70 s and the
// connect fee are charged. CGRateS rounding: 70 s span 0.11667 → 0.00167 per second ×
// 70 = 0.1169, + 0.4 = 0.5169. Exact: 0.4 + 70/600 = 0.51666… → *up 0.5167.
#[test]
fn free_minutes_split_a_call_in_both_rounding_modes() {
    let mut plan = import_cgrates(&files(), "cgrates.org", "call", "1001", "NL").unwrap();
    plan.bundles.push(tariff::Bundle::FreeMinutes {
        name: "1 min".into(),
        classes: vec![tariff::NumberClass::Geographic],
        minutes: 1,
        monthly_fee: Decimal::ZERO,
    });
    let mut exact = plan.clone();
    exact.cgrates = None;
    for (plan, expected) in [(plan, dec!(0.5169)), (exact, dec!(0.5167))] {
        let engine = RatingEngine::new(&plan).unwrap();
        let mut usage = BundleUsage::new(&engine);
        let r = engine
            .rate(
                "2014-08-04T13:00:00Z".parse().unwrap(),
                130,
                true,
                "1002",
                &mut usage,
            )
            .unwrap();
        assert_eq!((r.bundle_s, r.cost), (60, expected));
    }
}

// Peak and off-peak timings (UTC, as imported), each in force from its start to
// midnight, the latest start winning among equal weights (as CGRateS picks): PEAK
// Mon–Fri 08:00–19:00 (OFFPEAK_EVENING starts later), OFFPEAK_MORNING Mon–Fri before
// 08:00, OFFPEAK_EVENING Mon–Fri from 19:00, OFFPEAK_WEEKEND Sat/Sun (6;0) all day. 130 s to 1002 at peak
// is RT_20CNT (0.7169, the tutorial figure), off-peak RT_10CNT (0.3581, see above).
#[test]
fn timings_become_weekly_bands() {
    let mut f = extended();
    f.timings.push_str(
        "PEAK,*any,*any,*any,1;2;3;4;5,08:00:00\n\
         OFFPEAK_MORNING,*any,*any,*any,1;2;3;4;5,00:00:00\n\
         OFFPEAK_EVENING,*any,*any,*any,1;2;3;4;5,19:00:00\n\
         OFFPEAK_WEEKEND,*any,*any,*any,6;0,00:00:00\n",
    );
    f.destination_rates
        .push_str("DR_1002_10CNT,DST_1002,RT_10CNT,*up,4,0,\n");
    f.rating_plans.push_str(
        "RP_TB,DR_1002_20CNT,PEAK,10\n\
         RP_TB,DR_1002_10CNT,OFFPEAK_MORNING,10\n\
         RP_TB,DR_1002_10CNT,OFFPEAK_EVENING,10\n\
         RP_TB,DR_1002_10CNT,OFFPEAK_WEEKEND,10\n",
    );
    f.rating_profiles
        .push_str("cgrates.org,call,1009,2014-01-14T00:00:00Z,RP_TB,\n");
    let plan = import_cgrates(&f, "cgrates.org", "call", "1009", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    // Monday 4 August 2014.
    assert_eq!(
        cost(&engine, "2014-08-04T13:00:00Z", 130, "1002").unwrap(),
        dec!(0.7169)
    );
    assert_eq!(
        cost(&engine, "2014-08-04T07:57:50Z", 130, "1002").unwrap(),
        dec!(0.3581)
    );
    // Calls crossing a timing's start are cut there and each part rated by its own
    // timing (values from CGRateS v0.10.4's GetCost, worked out by hand below). From
    // 07:59:59: the off-peak rate's GroupIntervalStart (60 s) cuts first, so the first
    // minute is off-peak although peak starts after 1 s (0.2 connect + 0.1), then 70 s
    // at peak's second step (70 × 0.1/60 = 0.11667, 0.00167 per second: 0.1169), 0.4169.
    // From 18:59:00: a minute at peak (0.4 + 0.2), then 70 s off-peak's second step
    // (70 × 0.05/60 = 0.05833, 0.00083 per second: 0.0581), 0.6581.
    assert_eq!(
        cost(&engine, "2014-08-04T07:59:59Z", 130, "1002").unwrap(),
        dec!(0.4169)
    );
    assert_eq!(
        cost(&engine, "2014-08-04T18:59:00Z", 130, "1002").unwrap(),
        dec!(0.6581)
    );
    assert_eq!(
        cost(&engine, "2014-08-04T08:00:00Z", 130, "1002").unwrap(),
        dec!(0.7169)
    );
    assert_eq!(
        cost(&engine, "2014-08-04T19:00:00Z", 130, "1002").unwrap(),
        dec!(0.3581)
    );
    // Saturday 9 August 2014, midday.
    assert_eq!(
        cost(&engine, "2014-08-09T13:00:00Z", 130, "1002").unwrap(),
        dec!(0.3581)
    );
    // Three days and 130 s from Monday 13:00, and from Friday 13:00 over the weekend:
    // cut at every midnight and band start (values from CGRateS v0.10.4's GetCost).
    assert_eq!(
        cost(&engine, "2014-08-04T13:00:00Z", 259_330, "1002").unwrap(),
        dec!(315.6449)
    );
    assert_eq!(
        cost(&engine, "2014-08-08T13:00:00Z", 259_330, "1002").unwrap(),
        dec!(249.1169)
    );
    // A call of 2^32 − 1 s (136 years): CGRateS cuts it at midnights only until a part
    // starts on the day of the month its end falls on, then rates the rest as one part
    // (19 timespans in all); so does cgrates mode, to the same cost.
    assert_eq!(
        cost(&engine, "2014-08-04T13:00:00Z", u32::MAX, "1002").unwrap(),
        dec!(3579322.2883)
    );
    // A rating plan rating by an `*asap` timing is refused: CGRateS v0.10.4 panics on
    // every call it would rate by it.
    let mut asap = f.clone();
    asap.timings.push_str("ASAP,*any,*any,*any,*any,*asap\n");
    asap.rating_plans.push_str("RP_TB,DR_1002_10CNT,ASAP,10\n");
    let err = import_cgrates(&asap, "cgrates.org", "call", "1009", "NL").unwrap_err();
    assert!(err.to_string().contains("*asap"), "{err}");
    // A timing limited to some months, at a higher weight: in June to August every
    // call to 1002 is off-peak (RT_10CNT, 0.3581), the peak hours of September are not.
    f.timings.push_str("SUMMER,*any,6;7;8,*any,*any,00:00:00\n");
    f.destination_rates
        .push_str("DR_1002_SUMMER,DST_1002,RT_10CNT,*up,4,0,\n");
    f.rating_plans.push_str("RP_TB,DR_1002_SUMMER,SUMMER,20\n");
    let plan = import_cgrates(&f, "cgrates.org", "call", "1009", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    assert_eq!(
        cost(&engine, "2014-08-04T13:00:00Z", 130, "1002").unwrap(),
        dec!(0.3581)
    );
    // Monday 1 September 2014.
    assert_eq!(
        cost(&engine, "2014-09-01T13:00:00Z", 130, "1002").unwrap(),
        dec!(0.7169)
    );
    // A month 13 is refused, with its line.
    f.timings.push_str("NEVER,*any,13,*any,*any,00:00:00\n");
    assert!(matches!(
        import_cgrates(&f, "cgrates.org", "call", "1009", "NL"),
        Err(Error::RateTable { ref table, line: Some(7), .. }) if table == "Timings.csv"
    ));
}

// CGRateS rounds a call as its destination rate says. Subject 1010 has DST_1001 at
// *up/4 and DST_1002 at *down/2, both RT_20CNT: 130 s (0.7169 before the final
// rounding, see above) is 0.7169 to 1001 but 0.71 to 1002, not the plan-wide 4 places.
#[test]
fn each_destination_rate_keeps_its_own_rounding() {
    let mut f = files();
    f.destination_rates
        .push_str("DR_1002_DOWN2,DST_1002,RT_20CNT,*down,2,0,\n");
    f.rating_plans.push_str(
        "RP_1010,DR_1001_20CNT,*any,10\n\
         RP_1010,DR_1002_DOWN2,*any,10\n",
    );
    f.rating_profiles
        .push_str("cgrates.org,call,1010,2014-01-14T00:00:00Z,RP_1010,\n");
    let plan = import_cgrates(&f, "cgrates.org", "call", "1010", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    let at = "2014-08-04T13:00:00Z";
    assert_eq!(cost(&engine, at, 130, "1001").unwrap(), dec!(0.7169));
    assert_eq!(cost(&engine, at, 130, "1002").unwrap(), dec!(0.71));
    // Exact mode keeps each rate's rounding too: 0.716666… → *down 0.71.
    let mut exact = plan.clone();
    exact.cgrates = None;
    let engine = RatingEngine::new(&exact).unwrap();
    assert_eq!(cost(&engine, at, 130, "1002").unwrap(), dec!(0.71));
    assert_eq!(cost(&engine, at, 130, "1001").unwrap(), dec!(0.7167));
}

/// CGRateS v0.10.4 rates a call of no duration at 0 before it looks for a rate
/// (`CallDescriptor.getCost`): in cgrates mode a 0 s call costs 0, without the 0.4
/// connect fee RT_20CNT charges for 1001 → 1002, and a 0 s call to a number no
/// destination covers (99999) costs 0 too, where exact mode refuses it.
#[test]
fn a_call_of_no_duration_costs_nothing_in_cgrates_mode_whatever_its_destination() {
    let plan = import_cgrates(&files(), "cgrates.org", "call", "1001", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    let at = "2014-08-04T13:00:00Z";
    assert_eq!(cost(&engine, at, 0, "1002").unwrap(), Decimal::ZERO);
    assert_eq!(cost(&engine, at, 0, "99999").unwrap(), Decimal::ZERO);
    // One second is rated: connect fee and the first minute.
    assert_eq!(cost(&engine, at, 1, "1002").unwrap(), dec!(0.6000));
    assert!(matches!(
        cost(&engine, at, 1, "99999"),
        Err(Error::NoRate(_))
    ));
    let mut exact = plan.clone();
    exact.cgrates = None;
    let engine = RatingEngine::new(&exact).unwrap();
    assert!(matches!(
        cost(&engine, at, 0, "99999"),
        Err(Error::NoRate(_))
    ));
}

/// A destination rated only in some timings: in the business plan DST_NL_PREMIUM
/// (31909) has a rate under PEAK (weekdays from 08:00) only, so a call on Saturday
/// 2015-01-10 at 00:00 finds no rate in force there. CGRateS then takes the next shorter
/// matching prefix with a rate in force, DST_NL (31: RT_NL_FIXED_PEAK, *down): 570 s
/// costs 0.025 + 570 × 0.00021 = 0.1447, and so does cgrates mode. Exact mode refuses
/// the call with an error naming the number, the destination id and the time.
#[test]
fn a_destination_with_no_rate_at_the_time_falls_back_to_a_shorter_prefix_in_cgrates_mode() {
    let plan = import_cgrates(&business(), "cgrates.org", "call", "business", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    assert_eq!(
        cost(&engine, "2015-01-10T00:00:00Z", 570, "319091353").unwrap(),
        dec!(0.1447)
    );
    let mut exact = plan.clone();
    exact.cgrates = None;
    let engine = RatingEngine::new(&exact).unwrap();
    let err = cost(&engine, "2015-01-10T00:00:00Z", 570, "319091353").unwrap_err();
    let at: jiff::Timestamp = "2015-01-10T00:00:00Z".parse().unwrap();
    assert_eq!(
        err,
        Error::NoRateAt {
            number: "319091353".into(),
            destination: "DST_NL_PREMIUM".into(),
            at,
        }
    );
    assert_eq!(
        err.to_string(),
        "no rate for \"319091353\" (destination DST_NL_PREMIUM) at 2015-01-10T00:00:00Z: its rates cover other times"
    );
    // On a weekday at 10:00 the PEAK rate is in force: 0.5 connect + 570 s at 1.2 a
    // minute (per second: 0.02 a second, 11.4) = 11.9, above the *free MaxCost of 5.
    assert_eq!(
        cost(&engine, "2015-01-12T10:00:00Z", 570, "319091353").unwrap(),
        dec!(5.00)
    );
}

/// RT_NL_FIXED_OFF charges 0.0039 a minute per second, with a 0.025 connect fee,
/// rounded *middle to 4 places. For 4 s CGRateS takes the span's cost, 4 × 0.0039 / 60
/// = 0.00026, and divides it by the 4 increments: 0.000065 exactly, but 6.4999…e-5 in
/// `f64`, which its `utils.Round` takes down to 0.00006. Four of them are 0.00024:
/// 0.025 + 0.00024 = 0.02524 → 0.0252. Exact decimals charge 0.00026: 0.02526 → 0.0253.
#[test]
fn cgrates_mode_rounds_in_f64_as_cgrates_does() {
    let plan = import_cgrates(&business(), "cgrates.org", "call", "business", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    // A Saturday: the weekend off-peak timing.
    let at = "2015-03-07T10:00:00Z";
    assert_eq!(cost(&engine, at, 4, "31101234567").unwrap(), dec!(0.0252));
    let mut exact = plan.clone();
    exact.cgrates = None;
    let engine = RatingEngine::new(&exact).unwrap();
    assert_eq!(cost(&engine, at, 4, "31101234567").unwrap(), dec!(0.0253));
}

/// Subject 2002 rates by RP_GERMANY, which has no Dutch numbers, and falls back on
/// `business;*any`. CGRateS sorts the fallback subjects by their keys
/// (`utils.FallbackSubjKeys`), so `*any` is tried first and covers the call: RP_BASIC's
/// DR_NL_REST (0.0125 a minute per second, 0.025 connect fee, *down to 4 places), not
/// the business plan's free service numbers. 1163 s to 31800…: span 0.2422916… →
/// 0.24229, per second 0.000208… → 0.00021, × 1163 = 0.24423, + 0.025 = 0.26923 →
/// 0.2692 (the real engine says the same).
#[test]
fn fallback_subjects_are_tried_in_cgrates_s_sorted_order() {
    let plan = import_cgrates(&business(), "cgrates.org", "call", "2002", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    let at = "2015-09-10T21:22:45Z";
    assert_eq!(
        cost(&engine, at, 1163, "31800123456").unwrap(),
        dec!(0.2692)
    );
}

/// A leading `+` is part of the number in CGRateS: `+319007…` does not match the
/// Dutch prefix `31`, so a subject rated by RP_BASIC falls to its `*any` destination,
/// RT_INTL (0.15 connect, 0.25 a minute: the first minute whole, then 6 s steps). 518 s:
/// 0.15 + 0.25 + 77 × 6 s (462 s: 1.925, 0.025 a step) = 2.325. Without the `+` the
/// number is Dutch: 0.025 + 518 × 0.00021 = 0.13378 → *down 0.1337.
#[test]
fn a_leading_plus_is_matched_literally_as_in_cgrates() {
    let plan = import_cgrates(&business(), "cgrates.org", "call", "92993", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    let at = "2015-09-20T22:41:00Z";
    assert_eq!(cost(&engine, at, 518, "+3190071234").unwrap(), dec!(2.325));
    assert_eq!(cost(&engine, at, 518, "3190071234").unwrap(), dec!(0.1337));
    // The tutorial's plan has no `*any` destination: `+1002` has no rate at all, while
    // `1002` costs the tutorial's 0.7169.
    let plan = import_cgrates(&files(), "cgrates.org", "call", "1001", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    assert!(matches!(
        cost(&engine, "2014-08-04T13:00:00Z", 130, "+1002"),
        Err(Error::NoRate(_))
    ));
    assert_eq!(
        cost(&engine, "2014-08-04T13:00:00Z", 130, "1002").unwrap(),
        dec!(0.7169)
    );
}

/// The calendar plan's LUNCH timing is `12:00:00;13:59:59` on working days at weight
/// 20, over the mobile standard rate (ALWAYS, 10). CGRateS v0.10.4 keeps only a
/// timing's start in its rate intervals, so LUNCH holds from 12:00 to midnight: a
/// minute to a mobile number costs RT_LUNCH's 0.045 at 15:00 on Wednesday 25 November
/// 2015 (the real engine says so), RT_STANDARD's 0.02 + 0.06 = 0.08 at 11:00, and 0.08
/// at 15:00 on Saturday.
#[test]
fn a_timing_holds_from_its_start_to_midnight_as_in_cgrates() {
    let plan = import_cgrates(&calendar(), "cgrates.org", "call", "3001", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    let at = |t: &str| cost(&engine, t, 60, "3161234").unwrap();
    assert_eq!(at("2015-11-25T15:00:00Z"), dec!(0.045));
    assert_eq!(at("2015-11-25T11:00:00Z"), dec!(0.08));
    assert_eq!(at("2015-11-28T15:00:00Z"), dec!(0.08));
}

/// An ActivationTime is an instant: subject 2001 moves to RP_PROMO at
/// 2015-06-15T12:30:00Z, so a minute to a Dutch mobile at 10:00 that day is still the
/// business peak rate (0.05 + 0.089 = 0.139 → *up 0.14) and at 13:00 the promotion
/// (0.0333 a minute per second: 0.000555 a second → 0.00056, × 60 = 0.0336), as the
/// engine says.
#[test]
fn an_activation_starts_at_its_instant_not_at_the_start_of_its_day() {
    let plan = import_cgrates(&business(), "cgrates.org", "call", "2001", "NL").unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    let at = |t: &str| cost(&engine, t, 60, "31612345678").unwrap();
    assert_eq!(at("2015-06-15T10:00:00Z"), dec!(0.14));
    assert_eq!(at("2015-06-15T13:00:00Z"), dec!(0.0336));
}
