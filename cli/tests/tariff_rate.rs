//! `voipkit tariff rate`: per-call JSON and the final total on the bundled samples,
//! with costs worked out by hand from samples/plan.toml and samples/rates.csv.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{repo, voipkit};

use std::path::{Path, PathBuf};

use serde_json::Value;

fn samples() -> PathBuf {
    repo("samples")
}

/// `voipkit --json tariff rate --plan PLAN --cdrs CDRS`: exit code and output lines.
fn rate(plan: &Path, cdrs: &Path) -> (i32, Vec<Value>) {
    voipkit(&[
        "tariff",
        "rate",
        "--plan",
        plan.to_str().unwrap(),
        "--cdrs",
        cdrs.to_str().unwrap(),
    ])
}

fn rate_samples() -> Vec<Value> {
    let (code, values) = rate(&samples().join("plan.toml"), &samples().join("cdrs.csv"));
    assert_eq!(code, 0, "{values:?}");
    values
}

#[test]
fn every_call_has_the_contract_keys_and_a_total_follows() {
    let values = rate_samples();
    assert_eq!(values.len(), 11);
    for v in &values[..10] {
        for key in [
            "cost",
            "increments",
            "destination_class",
            "included_in_bundle",
        ] {
            assert!(v.get(key).is_some(), "{key} missing in {v}");
        }
    }
    assert!(values[10].get("total").is_some());
}

#[test]
fn sample_costs_match_the_hand_worked_values() {
    let values = rate_samples();
    let by_id = |id: &str| values.iter().find(|v| v["call_id"] == id).unwrap().clone();
    // 1: Dutch fixed, covered by the flat rate (ACC-3 allows geographic).
    let v = by_id("1");
    assert_eq!(
        (v["cost"].as_str(), v["included_in_bundle"].as_bool()),
        (Some("0.0000"), Some(true))
    );
    // 4: 0900 premium, 125 s at 0.80/min in 1 s increments + 0.10 = 0.10 + 1.666… = 1.7667;
    // never in a bundle (ACC-3).
    let v = by_id("4");
    assert_eq!(v["cost"], "1.7667");
    assert_eq!(v["destination_class"], "premium");
    assert_eq!(v["included_in_bundle"], false);
    // 5: Belgium from a Dutch account is international: 42 s → one minute at 0.05.
    let v = by_id("5");
    assert_eq!(
        (v["cost"].as_str(), v["destination_class"].as_str()),
        (Some("0.0500"), Some("international"))
    );
    // 6: unanswered: free.
    assert_eq!(by_id("6")["cost"], "0.0000");
    // 7: UK 31 s → one minute 0.06, minimum charge 0.10.
    assert_eq!(by_id("7")["cost"], "0.1000");
    // 8: emergency: free.
    assert_eq!(by_id("8")["destination_class"], "emergency");
    // 10: mobile at 08:59:59 (peak, whole call): 3600 s = 30 s + 595 × 6 s. Calls 2 and
    // 3 used 66 s each of the 30 free minutes, so 1800 − 132 = 1668 s are left: the
    // first 30 s and 273 × 6 s (1638 s) are covered, 1668 s in all. The other 322
    // increments (1932 s) at 0.12/min = 3.864, + connect fee 0.05 = 3.914 (7.25 before
    // the bundle).
    let v = by_id("10");
    assert_eq!(
        (v["cost"].as_str(), v["included_in_bundle"].as_bool()),
        (Some("3.9140"), Some(false))
    );
    assert_eq!(v["increments"], 596);
    assert_eq!(v["bundle_s"], 1668);
    assert_eq!(v["bundle"], "30 mobile minutes");
    // Total: 1.7667 + 0.05 + 0.10 + 3.914 = 5.8307.
    assert_eq!(values[10]["total"], "5.8307");
}

#[test]
fn an_unknown_destination_is_an_error_line_and_a_nonzero_exit() {
    let dir = std::env::temp_dir().join(format!("voipkit-rate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cdrs = dir.join("cdrs.csv");
    std::fs::write(
        &cdrs,
        "call_id,start,duration_s,destination\nx,2026-03-11T10:00:00Z,60,+81 3 1234 5678\n",
    )
    .unwrap();
    let (code, values) = rate(&samples().join("plan.toml"), &cdrs);
    assert_ne!(code, 0);
    assert_eq!(values[0]["error"]["line"], 2);
    assert_eq!(values[1]["failed"], 1);
}

// ACC-2 invoice on the samples, worked by hand: 30.00 + 6 × 4.50 + 2 × 4.50 × 16/31
// (4.645 → 4.65) + 3 × 1.00 + 2.00 + calls 5.8307 → 5.83 + bundles 25.00 + 7.50 +
// porting 25.00 + 50 min service work (NOX-1: 4 × 20.50 = 82.00) = 211.98;
// VAT 21% = 44.5158 → 44.52; total 256.50.
#[test]
fn invoice_on_the_samples_adds_up() {
    let s = samples();
    let (code, values) = voipkit(&[
        "tariff",
        "invoice",
        "--input",
        s.join("invoice.toml").to_str().unwrap(),
        "--rulebook",
        "nox",
        "--plan",
        s.join("plan.toml").to_str().unwrap(),
        "--cdrs",
        s.join("cdrs.csv").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{values:?}");
    let v = &values[0];
    assert_eq!(v["lines"].as_array().unwrap().len(), 10);
    assert_eq!(v["subtotal"], "211.98");
    assert_eq!(v["vat"], "44.52");
    assert_eq!(v["total"], "256.50");
}

// F42-1 on the sample plan: a Belgian number (0.05/min, 60 s increments) on 0.12
// affords two minutes (0.10), not three (0.15).
#[test]
fn authorize_stops_at_the_last_affordable_increment() {
    let plan = samples().join("plan.toml");
    let (code, values) = voipkit(&[
        "tariff",
        "authorize",
        "--plan",
        plan.to_str().unwrap(),
        "--balance",
        "0.12",
        "--destination",
        "+32 2 123 45 67",
        "--at",
        "2026-03-11T10:00:00Z",
    ]);
    assert_eq!(code, 0, "{values:?}");
    assert_eq!(values[0]["allowed"], true);
    assert_eq!(values[0]["max_seconds"], 120);
    assert_eq!(values[0]["cost_at_max"], "0.1000");
}

// The plan's rate tables are read relative to the plan file; a missing table is an I/O
// error naming it, a broken row a parse error naming the table and its line.
#[test]
fn rate_table_errors_name_the_table_file_and_line() {
    let dir = std::env::temp_dir().join(format!("voipkit-ratetable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.toml");
    std::fs::write(
        &plan,
        "name = \"p\"\ncountry = \"NL\"\n[[versions]]\nrates_csv = \"rates.csv\"\n",
    )
    .unwrap();
    let cdrs = samples().join("cdrs.csv");
    let table = dir.join("rates.csv");
    let _ = std::fs::remove_file(&table);
    let (code, values) = rate(&plan, &cdrs);
    assert_ne!(code, 0);
    assert_eq!(values[0]["error"]["kind"], "io", "{values:?}");
    assert_eq!(values[0]["error"]["file"], table.display().to_string());
    std::fs::write(
        &table,
        "prefix,destination,per_minute\n31,NL,0.02\n32,BE,abc\n",
    )
    .unwrap();
    let (code, values) = rate(&plan, &cdrs);
    assert_ne!(code, 0);
    assert_eq!(values[0]["error"]["kind"], "parse", "{values:?}");
    assert_eq!(values[0]["error"]["file"], table.display().to_string());
    assert_eq!(values[0]["error"]["line"], 3);
}
