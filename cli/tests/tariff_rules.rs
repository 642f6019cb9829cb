//! `voipkit tariff capacity | service-work | traffic-check | late-payment`: the JSON
//! contract of DESIGN.md with values worked by hand from TERMS.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use common::{one, repo, voipkit};

use std::path::PathBuf;

fn samples() -> PathBuf {
    repo("samples")
}

// TERMS ALC-4 decision table.
#[test]
fn capacity_allocloud_follows_marginal_tiers() {
    for (users, channels) in [
        (1, 2),
        (2, 4),
        (3, 5),
        (5, 7),
        (6, 7),
        (10, 9),
        (11, 9),
        (20, 12),
        (40, 17),
    ] {
        let v = one(&[
            "tariff",
            "capacity",
            "--rulebook",
            "allocloud",
            "--users",
            &users.to_string(),
        ]);
        assert_eq!(v["channels"], channels, "{users} users");
    }
}

// TERMS F42-3: 10 per pack, 2 without.
#[test]
fn capacity_42com_counts_channel_packs() {
    let v = one(&["tariff", "capacity", "--rulebook", "42com", "--users", "7"]);
    assert_eq!(v["channels"], 2);
    let v = one(&[
        "tariff",
        "capacity",
        "--rulebook",
        "42com",
        "--users",
        "7",
        "--channel-packs",
        "3",
    ]);
    assert_eq!(v["channels"], 30);
}

#[test]
fn capacity_from_a_toml_rulebook_file() {
    let path = samples().join("rulebook.toml");
    let v = one(&[
        "tariff",
        "capacity",
        "--rulebook",
        path.to_str().unwrap(),
        "--users",
        "10",
    ]);
    assert_eq!(v["channels"], 9);
    assert_eq!(v["rulebook"], "example-telecom");
}

// TERMS NOX-1/NOX-2: 50 min = 4 blocks = 82.00; 61 min needs a quote, 60 does not.
#[test]
fn service_work_nox_bills_started_quarters() {
    let v = one(&[
        "tariff",
        "service-work",
        "--rulebook",
        "nox",
        "--minutes",
        "50",
    ]);
    assert_eq!(v["blocks"], 4);
    assert_eq!(v["amount"], "82.00");
    assert_eq!(v["quote_required"], false);
    let v = one(&[
        "tariff",
        "service-work",
        "--rulebook",
        "nox",
        "--minutes",
        "0",
    ]);
    assert_eq!(
        (v["blocks"].clone(), v["amount"].clone()),
        (0.into(), "0.00".into())
    );
    let v = one(&[
        "tariff",
        "service-work",
        "--rulebook",
        "nox",
        "--minutes",
        "60",
    ]);
    assert_eq!(v["quote_required"], false);
    let v = one(&[
        "tariff",
        "service-work",
        "--rulebook",
        "nox",
        "--minutes",
        "61",
    ]);
    assert_eq!(v["quote_required"], true);
    assert_eq!(v["amount"], "102.50");
}

#[test]
fn service_work_without_a_rule_is_an_error_object() {
    let (code, values) = voipkit(&[
        "tariff",
        "service-work",
        "--rulebook",
        "allocloud",
        "--minutes",
        "5",
    ]);
    assert_ne!(code, 0);
    assert_eq!(values[0]["error"]["kind"], "rule");
}

// TERMS F42-2 on samples/calls.csv: 4 answered of 10 = 40%; (45+12+41+8)/4 = 26.5 s < 30.
#[test]
fn traffic_check_sample_breaches_the_acd_floor() {
    let path = samples().join("calls.csv");
    let v = one(&[
        "tariff",
        "traffic-check",
        "--rulebook",
        "42com",
        "--calls",
        path.to_str().unwrap(),
    ]);
    assert_eq!(v["asr_pct"].as_f64(), Some(40.0));
    assert_eq!(v["acd_s"].as_f64(), Some(26.5));
    assert_eq!(v["compliant"], false);
    assert_eq!(v["violations"].as_array().unwrap().len(), 1);
    assert_eq!(v["violations"][0]["metric"], "acd_s");
}

#[test]
fn traffic_check_bad_csv_names_the_line() {
    let dir = std::env::temp_dir().join(format!("voipkit-tariff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.csv");
    std::fs::write(&path, "answered,duration_s\ntrue,40\ntrue,abc\n").unwrap();
    let (code, values) = voipkit(&[
        "tariff",
        "traffic-check",
        "--rulebook",
        "42com",
        "--calls",
        path.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert_eq!(values[0]["error"]["line"], 3);
}

// TERMS JIT-3: 1000 × 2.5% × (1 + 15/31) = 37.0968 → 37.10; collection max(150, 750).
#[test]
fn late_payment_jitco_decision_example() {
    let v = one(&[
        "tariff",
        "late-payment",
        "--rulebook",
        "jitco",
        "--amount",
        "1000.00",
        "--due",
        "2026-01-31",
        "--paid",
        "2026-03-15",
    ]);
    assert_eq!(v["interest"], "37.10");
    assert_eq!(v["collection_costs"], "750.00");
    assert_eq!(v["total"], "1787.10");
    // WIK on 1,000 is 150.00: the 750.00 minimum exceeds what a court would award.
    assert_eq!(v["statutory"]["collection_costs"], "150.00");
    assert_eq!(v["statutory"]["collection_exceeds_wik"], true);
}

// TERMS JIT-3: paid on the due date: nothing.
#[test]
fn late_payment_on_time_costs_nothing() {
    let v = one(&[
        "tariff",
        "late-payment",
        "--rulebook",
        "jitco",
        "--amount",
        "1000.00",
        "--due",
        "2026-01-31",
        "--paid",
        "2026-01-31",
    ]);
    assert_eq!(v["interest"], "0.00");
    assert_eq!(v["collection_costs"], "0.00");
}

#[test]
fn late_payment_bad_date_is_a_usage_error() {
    let (code, values) = voipkit(&[
        "tariff",
        "late-payment",
        "--rulebook",
        "jitco",
        "--amount",
        "1",
        "--due",
        "2026-02-30",
        "--paid",
        "2026-03-01",
    ]);
    assert_ne!(code, 0);
    assert_eq!(values[0]["error"]["kind"], "usage");
}
