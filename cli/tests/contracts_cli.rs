//! `voipkit contracts ...` end to end: the JSON keys of the CLI contract and hand-worked
//! values (TERMS ids cited).

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // Test code: a failure should stop the test.

mod common;
use common::{one, voipkit};

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

// TERMS ACC-4: the cancel keys of the CLI contract. Thu 24 Dec 2026 -> processed Tue
// 29 Dec (2 NL working days) -> notice month January 2027.
#[test]
fn cancel_prints_processed_on_earliest_end_and_explanation() {
    let v = one(&[
        "contracts",
        "cancel",
        "--rulebook",
        "accensys",
        "--start",
        "2025-01-01",
        "--requested",
        "2026-12-24",
    ]);
    assert_eq!(v["processed_on"], "2026-12-29");
    assert_eq!(v["earliest_end"], "2027-01-31");
    let steps = v["explanation"].as_array().cloned().unwrap_or_default();
    assert!(steps.len() >= 3);
    assert!(
        steps
            .iter()
            .all(|s| s.as_str().is_some_and(|s| s.starts_with("ACC-4")))
    );
}

// TERMS JIT-7: 30 Nov + 3 months = 28 Feb.
#[test]
fn cancel_jitco_counts_months_to_the_day() {
    let v = one(&[
        "contracts",
        "cancel",
        "--rulebook",
        "jitco",
        "--start",
        "2026-01-01",
        "--requested",
        "2026-11-30",
    ]);
    assert_eq!(v["processed_on"], "2026-11-30");
    assert_eq!(v["earliest_end"], "2027-02-28");
}

#[test]
fn cancel_with_a_rulebook_file() {
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../samples/contracts_rulebook.toml"
    );
    // Fri 20 Nov 2026 + 5 BE working days = Fri 27 Nov; Dec, Jan, Feb -> 28 Feb 2027,
    // also the end of the 36-month minimum term from 1 Mar 2024.
    let v = one(&[
        "contracts",
        "cancel",
        "--rulebook",
        sample,
        "--start",
        "2024-03-01",
        "--requested",
        "2026-11-20",
    ]);
    assert_eq!(v["processed_on"], "2026-11-27");
    assert_eq!(v["earliest_end"], "2027-02-28");
}

#[test]
fn broken_rulebook_file_names_the_field_and_line() {
    let dir = std::env::temp_dir().join(format!("voipkit-contracts-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, "name = \"x\"\n[notice]\nkind = { kind = \"days\", dayz = 3 }\nprovenance = { source = \"s\", clause = \"c\" }\n").unwrap();
    let (code, v) = voipkit(&[
        "contracts",
        "cancel",
        "--rulebook",
        path.to_str().unwrap(),
        "--start",
        "2026-01-01",
        "--requested",
        "2026-02-01",
    ]);
    assert_ne!(code, 0);
    assert_eq!(v[0]["error"]["kind"], "parse");
    assert_eq!(v[0]["error"]["line"], 3);
    assert_eq!(v[0]["error"]["field"], "notice.kind");
    let (code, v) = voipkit(&[
        "contracts",
        "cancel",
        "--rulebook",
        "nope",
        "--start",
        "2026-01-01",
        "--requested",
        "2026-02-01",
    ]);
    assert_ne!(code, 0);
    assert_eq!(v[0]["error"]["kind"], "usage");
}

// TERMS ALC-6: Monday 23 Nov 2026 19:00 Brussels is after hours.
#[test]
fn support_after_hours_allows_only_critical() {
    let v = one(&[
        "contracts",
        "support",
        "--rulebook",
        "allocloud",
        "--at",
        "2026-11-23T19:00:00+01:00",
        "--severity",
        "minor",
    ]);
    assert_eq!(v["open"], false);
    assert_eq!(v["may_raise"], false);
    assert_eq!(
        v["next_opening"],
        "2026-11-24T08:30:00+01:00[Europe/Brussels]"
    );
    let v = one(&[
        "contracts",
        "support",
        "--rulebook",
        "allocloud",
        "--at",
        "2026-11-23T19:00:00[Europe/Brussels]",
    ]);
    assert_eq!(v["may_raise"], true);
}

// TERMS ALC-3, JIT-7, JIT-2, JIT-6, JIT-4, ALC-7.
#[test]
fn other_evaluations_print_their_keys() {
    let v = one(&[
        "contracts",
        "user-floor",
        "--rulebook",
        "allocloud",
        "--users",
        "45",
        "--on",
        "2026-05-15",
    ]);
    assert_eq!(v["minimum_users"], 41);
    assert_eq!(v["quarter_start"], "2026-04-01");
    let v = one(&[
        "contracts",
        "price-change",
        "--rulebook",
        "jitco",
        "--announced",
        "2026-10-31",
        "--effective",
        "2027-02-27",
    ]);
    assert_eq!(v["valid"], false);
    assert_eq!(v["earliest_effective"], "2027-02-28");
    let v = one(&[
        "contracts",
        "complaint-deadline",
        "--rulebook",
        "jitco",
        "--delivered",
        "2026-12-24",
        "--complained",
        "2027-01-04",
    ]);
    assert_eq!(v["deadline"], "2027-01-03");
    assert_eq!(v["in_time"], false);
    let v = one(&[
        "contracts",
        "dispute-deadline",
        "--rulebook",
        "jitco",
        "--notified",
        "2026-12-20",
    ]);
    assert_eq!(v["supplier_deadline"], "2027-01-03");
    let v = one(&[
        "contracts",
        "deemed-operational",
        "--rulebook",
        "jitco",
        "--delivered",
        "2026-12-31",
    ]);
    assert_eq!(v["deemed_by"], "2027-02-28");
    let v = one(&[
        "contracts",
        "warranty",
        "--rulebook",
        "allocloud",
        "--delivered",
        "2026-03-15",
    ]);
    assert_eq!(v["last_day"], "2027-03-14");
    let v = one(&[
        "contracts",
        "status",
        "--rulebook",
        "accensys",
        "--start",
        "2026-01-01",
        "--on",
        "2027-05-01",
        "--notice-received",
        "2027-03-10",
    ]);
    assert_eq!(v["state"], "ended");
    assert_eq!(v["end"], "2027-04-30");
}

// TERMS ALC-8: the sample configuration breaks four restrictions.
#[test]
fn validate_config_lists_every_violation() {
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../samples/service_config.toml"
    );
    let v = one(&[
        "contracts",
        "validate-config",
        "--rulebook",
        "allocloud",
        "--config",
        sample,
    ]);
    assert_eq!(v["valid"], false);
    let codes: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "forbidden_line_purpose",
            "caller_id_not_assigned",
            "auto_dialer",
            "missing_emergency_address"
        ]
    );
}

#[test]
fn rulebook_prints_every_rule_with_provenance() {
    let v = one(&["contracts", "rulebook", "--rulebook", "jitco"]);
    assert_eq!(v["rulebook"]["notice"]["provenance"]["terms_id"], "JIT-7");
    assert_eq!(v["rulebook"]["calendar"]["regions"][0], "NL");
    let v = one(&[
        "contracts",
        "rulebook",
        "--rulebook",
        "42com",
        "--format",
        "toml",
    ]);
    assert!(v["toml"].as_str().unwrap().contains("regions = [\"DE\"]"));
}

// TERMS NOX-3: on-site work is not covered by the Nox service contract.
#[test]
fn coverage_answers_per_change() {
    let v = one(&[
        "contracts",
        "coverage",
        "--rulebook",
        "nox",
        "--change",
        "on_site",
    ]);
    assert_eq!(v["covered"], false);
    let v = one(&[
        "contracts",
        "coverage",
        "--rulebook",
        "nox",
        "--change",
        "ring_groups_and_forwarding",
    ]);
    assert_eq!(v["covered"], true);
}
