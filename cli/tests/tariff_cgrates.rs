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
