//! `voipkit tariff import-cgrates`: a CGRateS tariff plan becomes a voipkit plan that
//! `tariff rate` uses, reproducing the CGRateS tutorial figure (2m10s from 1001 to
//! 1002: 0.7169 in CGRateS rounding, 0.7167 exact; worked out in tariff/tests/cgrates.rs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{repo, voipkit};

use std::path::PathBuf;

use serde_json::Value;

fn cgrates_dir() -> PathBuf {
    repo("tariff/tests/data/cgrates")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("voipkit-cgr-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `voipkit tariff rate-cgrates` on the tutorial plan's folder and `calls`.
fn rate_cgrates(calls: &std::path::Path) -> (i32, Vec<Value>) {
    let source = cgrates_dir();
    voipkit(&[
        "tariff",
        "rate-cgrates",
        "--dir",
        source.to_str().unwrap(),
        "--calls",
        calls.to_str().unwrap(),
    ])
}

fn import_and_rate(extra: &[&str]) -> Value {
    let dir = scratch(if extra.is_empty() { "cgr" } else { "exact" });
    let plan = dir.join("plan.json");
    let cdrs = dir.join("cdrs.csv");
    std::fs::write(
        &cdrs,
        "call_id,start,duration_s,destination\ntut,2014-08-04T13:00:00Z,130,1002\n",
    )
    .unwrap();
    let source = cgrates_dir();
    let mut args = vec![
        "tariff",
        "import-cgrates",
        "--dir",
        source.to_str().unwrap(),
        "--subject",
        "1001",
        "--out",
        plan.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let (code, values) = voipkit(&args);
    assert_eq!(code, 0, "{values:?}");
    assert_eq!(values[0]["versions"], 2);
    assert_eq!(values[0]["rounding"]["decimals"], 4);
    let (code, values) = voipkit(&[
        "tariff",
        "rate",
        "--plan",
        plan.to_str().unwrap(),
        "--cdrs",
        cdrs.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{values:?}");
    values[0].clone()
}

#[test]
fn imported_tutorial_plan_rates_0_7169_in_cgrates_mode() {
    let v = import_and_rate(&[]);
    assert_eq!(v["cost"], "0.7169");
    assert_eq!(v["mode"], "cgrates");
    assert_eq!(v["destination_name"], "DST_1002");
}

#[test]
fn imported_tutorial_plan_rates_0_7167_exactly() {
    let v = import_and_rate(&["--exact"]);
    assert_eq!(v["cost"], "0.7167");
    assert_eq!(v["mode"], "exact");
}

#[test]
fn import_without_out_prints_the_plan_and_errors_name_the_line() {
    let (code, values) = voipkit(&[
        "tariff",
        "import-cgrates",
        "--dir",
        cgrates_dir().to_str().unwrap(),
        "--subject",
        "1001",
    ]);
    assert_eq!(code, 0);
    assert_eq!(values[0]["mode"], "cgrates");
    assert_eq!(values[0]["plan"]["numbering"], "literal");
    // A broken Rates.csv: the error names its line.
    let dir = scratch("broken");
    for f in std::fs::read_dir(cgrates_dir()).unwrap() {
        let f = f.unwrap();
        // The tutorial plan's six files (the folder also holds other plans).
        if f.file_type().unwrap().is_file() {
            std::fs::copy(f.path(), dir.join(f.file_name())).unwrap();
        }
    }
    let mut rates = std::fs::read_to_string(dir.join("Rates.csv")).unwrap();
    rates.push_str("RT_BAD,0,abc,60s,1s,0s\n");
    std::fs::write(dir.join("Rates.csv"), rates).unwrap();
    let (code, values) = voipkit(&[
        "tariff",
        "import-cgrates",
        "--dir",
        dir.to_str().unwrap(),
        "--subject",
        "1001",
    ]);
    assert_ne!(code, 0);
    assert_eq!(values[0]["error"]["line"], 7, "{values:?}");
    assert!(
        values[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Rates")
    );
}

/// `tariff rate-cgrates` rates `GetCost` requests of any subject from the folder: the
/// tutorial call of 1001 (0.7169); 1001's call from 1 s before peak-free midnight is
/// one rate all along here (the tutorial's rates hold at any time); a call of an
/// unknown subject with no `*any` profile is an error naming RatingProfiles.csv,
/// unless it has no duration (0, as CGRateS answers it); a row whose start does not
/// read is an error naming its line and field.
#[test]
fn rate_cgrates_rates_any_subject_from_the_folder() {
    let dir = scratch("rate-cgrates");
    let calls = dir.join("calls.csv");
    std::fs::write(
        &calls,
        "tenant,category,subject,destination,start,duration\n\
         # the tutorial call\n\
         cgrates.org,call,1001,1002,2014-08-04T13:00:00Z,130\n\
         cgrates.org,call,1001,1002,2014-08-04T13:00:00Z,2m10s\n\
         cgrates.org,call,1009,1002,2014-08-04T13:00:00Z,130\n\
         cgrates.org,call,1009,1002,2014-08-04T13:00:00Z,0\n",
    )
    .unwrap();
    let (code, values) = rate_cgrates(&calls);
    assert_eq!(code, 1, "one call cannot be rated: {values:?}");
    assert_eq!(values[0]["cost"], "0.7169");
    assert_eq!(values[0]["line"], 3);
    assert_eq!(values[0]["destination_name"], "DST_1002");
    assert_eq!(values[0]["mode"], "cgrates");
    assert_eq!(values[1]["cost"], "0.7169");
    assert!(
        values[2]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no row for cgrates.org/call/1009"),
        "{values:?}"
    );
    assert!(
        values[2]["error"]["file"]
            .as_str()
            .unwrap()
            .ends_with("RatingProfiles.csv")
    );
    assert_eq!(values[2]["error"]["call_line"], 5);
    assert_eq!(values[3]["cost"], "0");
    assert_eq!(values[4]["total"], "1.4338");
    assert_eq!(values[4]["calls"], 3);
    assert_eq!(values[4]["failed"], 1);

    std::fs::write(&calls, "cgrates.org,call,1001,1002,2014-08-04 13:00,130\n").unwrap();
    let (code, values) = rate_cgrates(&calls);
    assert_ne!(code, 0);
    let message = values[0]["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("line 1") && message.contains("start"),
        "{message}"
    );
}

/// A duration that does not read names its line, field and what is expected, once.
#[test]
fn rate_cgrates_names_a_bad_duration() {
    let dir = scratch("rate-cgrates-duration");
    let calls = dir.join("calls.csv");
    std::fs::write(
        &calls,
        "cgrates.org,call,1001,1002,2014-08-04T13:00:00Z,99999999999\n",
    )
    .unwrap();
    let (code, values) = rate_cgrates(&calls);
    assert_ne!(code, 0);
    let message = values[0]["error"]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "calls line 1: duration: \"99999999999\": expected whole seconds up to 4294967295 or a duration such as 2m10s"
    );
}
