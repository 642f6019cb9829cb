//! A CGRateS tariff plan imported through the bindings rates the tutorial call as
//! CGRateS does: 2m10s from 1001 to 1002 = 0.7169 (exact rating: 0.7167; worked out
//! by hand in tariff/tests/cgrates.rs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use rust_decimal::Decimal;
use voipkit_ffi::{CallRecord, CgratesCall, CgratesRater, RatingMode, TariffPlan, VoipkitError};

fn files() -> HashMap<String, String> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tariff/tests/data/cgrates/"
    );
    [
        "Destinations.csv",
        "Rates.csv",
        "DestinationRates.csv",
        "Timings.csv",
        "RatingPlans.csv",
        "RatingProfiles.csv",
    ]
    .into_iter()
    .map(|name| {
        let text = std::fs::read_to_string(format!("{dir}{name}")).unwrap();
        (name.to_owned(), text)
    })
    .collect()
}

fn tutorial_call(plan: &TariffPlan) -> (Decimal, RatingMode) {
    let rated = plan
        .rate(CallRecord {
            call_id: "tutorial".into(),
            start: "2014-08-04T13:00:00Z".parse().unwrap(),
            duration_s: 130,
            destination: "1002".into(),
            answered: true,
        })
        .unwrap();
    (rated.cost, rated.mode)
}

#[test]
fn imported_plan_rates_the_tutorial_call_in_both_modes() {
    let cgr =
        TariffPlan::parse_cgrates(&files(), "cgrates.org", "call", "1001", "NL", false).unwrap();
    assert_eq!(
        tutorial_call(&cgr),
        ("0.7169".parse::<Decimal>().unwrap(), RatingMode::Cgrates)
    );
    let exact =
        TariffPlan::parse_cgrates(&files(), "cgrates.org", "call", "1001", "NL", true).unwrap();
    assert_eq!(
        tutorial_call(&exact),
        ("0.7167".parse::<Decimal>().unwrap(), RatingMode::Exact)
    );
}

#[test]
fn a_missing_file_or_subject_is_a_tariff_error() {
    let mut f = files();
    f.remove("Rates.csv");
    let err =
        TariffPlan::parse_cgrates(&f, "cgrates.org", "call", "1001", "NL", false).unwrap_err();
    assert!(
        matches!(err, VoipkitError::Tariff { ref kind, ref reason, .. }
            if kind == "invalid_argument" && reason.contains("Rates.csv")),
        "{err:?}"
    );
    // A file's error names the file and the line, and says which kind it is.
    let mut f = files();
    f.insert("Rates.csv".into(), "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\nRT_20CNT,0.4,x,60s,60s,0s\n".into());
    let err =
        TariffPlan::parse_cgrates(&f, "cgrates.org", "call", "1001", "NL", false).unwrap_err();
    match err {
        VoipkitError::Tariff {
            kind, line, field, ..
        } => assert_eq!(
            (kind.as_str(), line, field.as_deref()),
            ("rate_table", Some(2), Some("Rates.csv"))
        ),
        other => panic!("expected a tariff error, got {other:?}"),
    }
    // Timings.csv may be left out.
    let mut f = files();
    f.remove("Timings.csv");
    assert!(TariffPlan::parse_cgrates(&f, "cgrates.org", "call", "1001", "NL", false).is_ok());
    assert!(matches!(
        TariffPlan::parse_cgrates(&files(), "other.org", "call", "1001", "NL", false),
        Err(VoipkitError::Tariff { .. })
    ));
}

/// `CgratesRater` rates `GetCost` requests of any subject: 1001's tutorial call (0.7169,
/// destination DST_1002); 1002 calling 1001 by 1002's own plan (RP_1002 rates DST_1001
/// at RT_20CNT: the same 0.7169); an unknown subject is a `rate_table` error naming
/// RatingProfiles.csv, unless the call has no duration (0).
#[test]
fn the_rater_rates_any_subject_as_getcost() {
    let rater = CgratesRater::parse(&files(), "NL").unwrap();
    let call = |subject: &str, destination: &str, duration_s: u32| CgratesCall {
        call_id: format!("{subject}-{duration_s}"),
        tenant: "cgrates.org".into(),
        category: "call".into(),
        subject: subject.into(),
        destination: destination.into(),
        start: "2014-08-04T13:00:00Z".parse().unwrap(),
        duration_s,
    };
    let rated = rater.rate(call("1001", "1002", 130)).unwrap();
    assert_eq!(
        (
            rated.cost,
            rated.destination.as_deref(),
            rated.mode.as_str()
        ),
        ("0.7169".parse().unwrap(), Some("DST_1002"), "cgrates")
    );
    assert_eq!(rated.call_id, "1001-130");
    let rated = rater.rate(call("1002", "1001", 130)).unwrap();
    assert_eq!(rated.cost, "0.7169".parse::<Decimal>().unwrap());
    match rater.rate(call("1009", "1002", 130)) {
        Err(VoipkitError::Tariff { kind, field, .. }) => {
            assert_eq!(
                (kind.as_str(), field.as_deref()),
                ("rate_table", Some("RatingProfiles.csv"))
            );
        }
        other => panic!("expected a tariff error, got {other:?}"),
    }
    assert!(rater.rate(call("1009", "1002", 0)).unwrap().cost.is_zero());
    let outcomes = rater.rate_batch(vec![call("1001", "1002", 130), call("1009", "1002", 60)]);
    assert!(outcomes[0].rated.is_some() && outcomes[1].error.is_some());
}
