//! `voipkit contracts ...` end to end: the JSON keys of the CLI contract and hand-worked
//! values (TERMS ids cited).

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // Test code: a failure should stop the test.

use std::process::Command;

use serde_json::Value;

fn voipkit(args: &[&str]) -> (i32, Vec<Value>) {
    let output = Command::new(env!("CARGO_BIN_EXE_voipkit"))
        .arg("--json")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run voipkit: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let values = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
        .collect();
    (output.status.code().unwrap_or(-1), values)
}

fn one(args: &[&str]) -> Value {
    let (code, mut values) = voipkit(args);
    assert_eq!(code, 0, "{args:?} -> {values:?}");
    assert_eq!(values.len(), 1, "{values:?}");
    values.remove(0)
}

// TERMS CAL-NL: King's Day 2025 on Saturday 26 April (27 April is a Sunday).
#[test]
fn holidays_lists_date_and_name() {
    let v = one(&["contracts", "holidays", "--country", "NL", "--year", "2025"]);
    let list = v["holidays"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 9);
    assert!(list.contains(&serde_json::json!({"date": "2025-04-26", "name": "King's Day"})));
    assert_eq!(list[0]["date"], "2025-01-01");
}

// TERMS CAL-NL: Thu 24 Dec 2026 + 2 working days = Tue 29 Dec.
#[test]
fn add_working_days_prints_date() {
    let v = one(&[
        "contracts",
        "add-working-days",
        "--country",
        "NL",
        "--from",
        "2026-12-24",
        "--days",
        "2",
    ]);
    assert_eq!(v["date"], "2026-12-29");
    let v = one(&[
        "contracts",
        "add-working-days",
        "--country",
        "NL",
        "--from",
        "2026-12-24",
        "--days",
        "2",
        "--closing-day",
        "2026-12-28",
    ]);
    assert_eq!(v["date"], "2026-12-30");
}

#[test]
fn working_days_between_counts_half_open() {
    let v = one(&[
        "contracts",
        "working-days-between",
        "--country",
        "DE",
        "--from",
        "2017-10-30",
        "--to",
        "2017-11-03",
    ]);
    // TERMS CAL-DE: (Mon 30 Oct, Fri 3 Nov 2017] minus Reformation Day = 3.
    assert_eq!(v["working_days"], 3);
}

#[test]
fn bad_country_and_out_of_range_year_are_json_errors() {
    let (code, v) = voipkit(&["contracts", "holidays", "--country", "FR", "--year", "2025"]);
    assert_ne!(code, 0);
    assert_eq!(v[0]["error"]["kind"], "usage");
    let (code, v) = voipkit(&["contracts", "holidays", "--country", "NL", "--year", "1990"]);
    assert_ne!(code, 0);
    assert_eq!(v[0]["error"]["kind"], "rule");
    let (code, v) = voipkit(&[
        "contracts",
        "add-working-days",
        "--country",
        "NL",
        "--from",
        "2026-02-30",
        "--days",
        "1",
    ]);
    assert_ne!(code, 0);
    assert_eq!(v[0]["error"]["kind"], "usage");
}
