//! CGRateS tariff-plan import from arbitrary CSV texts: the input is the six files
//! (Destinations, Rates, DestinationRates, Timings, RatingPlans, RatingProfiles) joined
//! by lines `%%`. Import gives a plan or a typed error, never a panic; an imported
//! plan that compiles rates calls, in CGRateS mode and exactly, without panicking and
//! never at a negative cost, from starts that put CGRateS's timespans to work.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split("\n%%\n").map(str::to_owned);
    let files = tariff::CgratesTariffPlan {
        destinations: parts.next().unwrap_or_default(),
        rates: parts.next().unwrap_or_default(),
        destination_rates: parts.next().unwrap_or_default(),
        timings: parts.next().unwrap_or_default(),
        rating_plans: parts.next().unwrap_or_default(),
        rating_profiles: parts.next().unwrap_or_default(),
    };
    // A weekday afternoon, just before a midnight, and just before a month's end, so
    // calls cross timing starts, midnights and activations (CGRateS's timespans).
    let starts: Vec<jiff::Timestamp> = [
        "2014-08-04T13:00:00Z",
        "2014-08-04T23:59:30Z",
        "2015-02-28T23:59:59Z",
    ]
    .iter()
    .filter_map(|t| t.parse().ok())
    .collect();
    for subject in ["1001", "1002", "*any"] {
        let Ok(plan) = tariff::import_cgrates(&files, "cgrates.org", "call", subject, "NL") else {
            continue;
        };
        let mut exact = plan.clone();
        exact.cgrates = None;
        for plan in [plan, exact] {
            let Ok(engine) = tariff::RatingEngine::new(&plan) else {
                continue;
            };
            let mut usage = tariff::BundleUsage::new(&engine);
            for &start in &starts {
                for number in ["1001", "1002", "1003", "+4917012345", "0"] {
                    for secs in [0, 1, 59, 60, 61, 130, 3600, 200_000, u32::MAX] {
                        if let Ok(r) = engine.rate(start, secs, true, number, &mut usage) {
                            assert!(!r.cost.is_sign_negative(), "negative cost {r:?}");
                        }
                    }
                }
            }
        }
    }
});
