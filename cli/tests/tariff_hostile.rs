//! Hostile and careless input through every `voipkit tariff` command: extreme numbers,
//! typos, negative values, contradicting rates, huge files. Each case gives a typed
//! error (its kind, and the field or line where one applies) or a documented result,
//! with its exit code, within a 60 s watchdog, under a 2 GiB address-space limit and a
//! peak-memory bound. No case asserts a duration.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod hostile_harness;

use hostile_harness::Scratch;
use serde_json::Value;

/// The memory bound of an ordinary case, MiB.
const SMALL: u64 = 256;

/// What a case expects of its last output row.
#[derive(Debug)]
struct Expect {
    code: i32,
    /// The `error.kind`, or `None` for a result.
    kind: Option<&'static str>,
    /// A piece of the error message.
    says: &'static str,
    /// `error.field` and `error.line` when the case names them.
    field: Option<&'static str>,
    line: Option<u64>,
}

const fn error(kind: &'static str, says: &'static str) -> Expect {
    Expect {
        code: 2,
        kind: Some(kind),
        says,
        field: None,
        line: None,
    }
}

const fn at(kind: &'static str, says: &'static str, field: &'static str, line: u64) -> Expect {
    Expect {
        code: 2,
        kind: Some(kind),
        says,
        field: Some(field),
        line: Some(line),
    }
}

fn check(case: &str, run: &hostile_harness::Run, expect: &Expect) {
    assert_eq!(run.code, expect.code, "{case}: {:?}", run.rows);
    let last = run.rows.last().unwrap_or(&Value::Null);
    match expect.kind {
        None => assert!(last.get("error").is_none(), "{case}: {last}"),
        Some(kind) => {
            let e = run.error();
            assert_eq!(e["kind"], kind, "{case}: {e}");
            let message = e["message"].as_str().unwrap_or("");
            assert!(message.contains(expect.says), "{case}: {message}");
            if let Some(field) = expect.field {
                assert_eq!(e["field"], field, "{case}: {e}");
            }
            if let Some(line) = expect.line {
                assert_eq!(e["line"], line, "{case}: {e}");
            }
        }
    }
}

const CDRS: &str = "call_id,start,duration_s,destination\n\
                    1,2026-03-11T09:12:00+01:00,185,020 123 4567\n";

fn plan_with(rate: &str) -> String {
    format!(
        "name = \"p\"\ncountry = \"NL\"\n[[versions]]\n[[versions.rates]]\ndestination = \"NL\"\nprefixes = [\"31\"]\n{rate}"
    )
}

#[test]
fn late_payment_refuses_extreme_amounts_and_dates_with_typed_errors() {
    let dir = Scratch::new("late");
    let cases: &[(&str, &str, &str, Expect)] = &[
        (
            "1e28",
            "2026-01-01",
            "2026-03-01",
            error("rule", "overflow"),
        ),
        (
            "79228162514264337593543950335",
            "2026-01-01",
            "2030-03-01",
            error("rule", "overflow in late-payment interest"),
        ),
        (
            "100",
            "0026-01-31",
            "2026-03-01",
            error("rule", "year 26 is outside the supported calendar range"),
        ),
        (
            "100",
            "2026-01-31",
            "9999-12-31",
            error("rule", "year 9999 is outside"),
        ),
        (
            "0.00000000000000000000000000001",
            "2026-01-01",
            "2026-03-01",
            error("usage", "more digits than an exact decimal holds"),
        ),
        (
            "-100",
            "2026-01-01",
            "2026-03-01",
            error("rule", "negative amount"),
        ),
        (
            "100",
            "2026-01-01T00:00:00+14:00",
            "2026-03-01",
            error("usage", "a date only"),
        ),
    ];
    for (amount, due, paid, expect) in cases {
        let amount = format!("--amount={amount}");
        let args = [
            "tariff",
            "late-payment",
            "--rulebook",
            "jitco",
            &amount,
            "--due",
            due,
            "--paid",
            paid,
        ];
        check(&amount, &dir.run(&args, SMALL), expect);
    }
}

#[test]
fn rate_refuses_typos_negative_and_contradicting_rates_naming_field_and_line() {
    let dir = Scratch::new("rate");
    dir.file("cdrs.csv", CDRS);
    let cases: Vec<(&str, String, Expect)> = vec![
        (
            "per_minut makes no call free",
            plan_with("per_minut = \"0.10\"\n"),
            at("parse", "unknown field `per_minut`", "versions.rates.per_minut", 7),
        ),
        (
            "connect_fe is not a connect fee",
            plan_with("per_minute = \"0.10\"\nconnect_fe = \"0.05\"\n"),
            at("parse", "unknown field `connect_fe`", "versions.rates.connect_fe", 8),
        ),
        (
            "negative price",
            plan_with("per_minute = \"-0.10\"\n"),
            at("parse", "negative", "versions.rates.per_minute", 7),
        ),
        (
            "negative connect fee",
            plan_with("per_minute = \"0.10\"\nconnect_fee = \"-1\"\n"),
            at("parse", "negative", "versions.rates.connect_fee", 8),
        ),
        (
            "a float is not an exact amount",
            plan_with("per_minute = 0.1\n"),
            at("parse", "not an exact amount", "versions.rates.per_minute", 7),
        ),
        (
            "29 decimals",
            plan_with("per_minute = \"0.00000000000000000000000000001\"\n"),
            at("parse", "more digits", "versions.rates.per_minute", 7),
        ),
        (
            "a rate without a price",
            plan_with("connect_fee = \"0.05\"\n"),
            error("parse", "neither per_minute nor slots"),
        ),
        (
            "a zero increment",
            plan_with("per_minute = \"0.10\"\nfirst_increment_s = 0\n"),
            error("parse", "at least 1 second"),
        ),
        (
            "a prefix twice with different prices",
            plan_with(
                "per_minute = \"0.10\"\n[[versions.rates]]\ndestination = \"NL\"\nprefixes = [\"31\"]\nper_minute = \"0.20\"\n",
            ),
            Expect {
                field: Some("versions[0].rates[1]"),
                ..error("parse", "has another rate at versions[0].rates[0]")
            },
        ),
        (
            "a prefix for two destinations",
            plan_with(
                "per_minute = \"0.10\"\n[[versions.rates]]\ndestination = \"NL2\"\nprefixes = [\"31\"]\nper_minute = \"0.10\"\n",
            ),
            Expect {
                field: Some("versions[0].rates[1]"),
                ..error("parse", "prefix 31 is listed for")
            },
        ),
        (
            "an unknown top-level key",
            format!("{}curency = \"USD\"\n", plan_with("per_minute = \"0.10\"\n")).replacen(
                "name = \"p\"\n",
                "name = \"p\"\ncurency = \"USD\"\n",
                1,
            ),
            at("parse", "unknown field `curency`", "curency", 2),
        ),
        (
            "a time band at 25:00",
            "name = \"p\"\ncountry = \"NL\"\n[[bands]]\nname = \"x\"\ndays = [\"mon\"]\nfrom = \"08:00\"\nto = \"25:00\"\n".into(),
            at("parse", "expected HH:MM", "bands.to", 7),
        ),
    ];
    for (case, plan, expect) in &cases {
        dir.file("plan.toml", plan);
        let run = dir.run(
            &[
                "tariff",
                "rate",
                "--plan",
                "plan.toml",
                "--cdrs",
                "cdrs.csv",
            ],
            SMALL,
        );
        check(case, &run, expect);
    }
}

#[test]
fn a_rate_table_naming_a_prefix_twice_with_different_prices_is_refused_at_its_line() {
    let dir = Scratch::new("table");
    dir.file("cdrs.csv", CDRS);
    dir.file(
        "plan.toml",
        "name = \"p\"\ncountry = \"NL\"\n[[versions]]\nrates_csv = \"rates.csv\"\n",
    );
    let cases: &[(&str, u64, &str)] = &[
        (
            "prefix,destination,per_minute\n31,NL,0.02\n32,BE,0.03\n31,NL,0.05\n",
            4,
            "another rate at line 2",
        ),
        (
            "prefix,destination,per_minute\n31,NL,0.02\n31,NL fixed,0.02\n",
            3,
            "prefix 31 is listed for",
        ),
        (
            "prefix,destination,per_minute\n31,NL,-0.02\n",
            2,
            "per_minute",
        ),
        (
            "prefix,destination,per_minute\n\"31\",\"NL\nfixed\",0.02\n32,BE,0.000000000000000000000000000001\n",
            4,
            "per_minute",
        ),
    ];
    for (table, line, says) in cases {
        dir.file("rates.csv", table);
        let run = dir.run(
            &[
                "tariff",
                "rate",
                "--plan",
                "plan.toml",
                "--cdrs",
                "cdrs.csv",
            ],
            SMALL,
        );
        let e = run.error();
        assert_eq!(run.code, 2, "{table}: {e}");
        assert_eq!(e["kind"], "parse", "{table}: {e}");
        assert_eq!(e["line"], *line, "{table}: {e}");
        assert!(e["file"].as_str().unwrap().ends_with("rates.csv"), "{e}");
        assert!(
            e["message"].as_str().unwrap().contains(says),
            "{table}: {e}"
        );
    }
    // The same prefix twice at the same price is one rate.
    dir.file(
        "rates.csv",
        "prefix,destination,per_minute\n31,NL,0.02\n31,NL,0.02\n",
    );
    let run = dir.run(
        &[
            "tariff",
            "rate",
            "--plan",
            "plan.toml",
            "--cdrs",
            "cdrs.csv",
        ],
        SMALL,
    );
    assert_eq!(run.code, 0, "{:?}", run.rows);
}

/// After a quoted field that spans two lines, a bad row is reported at its own line
/// (the reader's line, not a row count).
#[test]
fn cdr_errors_after_a_quoted_newline_name_the_true_line() {
    let dir = Scratch::new("cdrline");
    dir.file(
        "plan.toml",
        plan_with("per_minute = \"0.10\"\n[[versions.rates]]\ndestination = \"BE\"\nprefixes = [\"32\"]\nper_minute = \"0.10\"\n"),
    );
    dir.file(
        "cdrs.csv",
        "call_id,start,duration_s,destination\n\
         \"a\nb\",2026-03-11T09:12:00+01:00,60,020 123 4567\n\
         c,2026-03-11T09:12:00+01:00,60,+1 212 555 0100\n\
         d,2026-03-11T09:12:00+01:00,sixty,020 123 4567\n",
    );
    let run = dir.run(
        &[
            "tariff",
            "rate",
            "--plan",
            "plan.toml",
            "--cdrs",
            "cdrs.csv",
        ],
        SMALL,
    );
    // The call to +1 has no rate: a per-call error at line 4; the bad duration stops
    // the file at line 5.
    assert_eq!(run.code, 2, "{:?}", run.rows);
    assert_eq!(run.rows[0]["call_id"], "a\nb");
    assert_eq!(run.rows[1]["error"]["kind"], "rate");
    assert_eq!(run.rows[1]["error"]["line"], 4);
    assert_eq!(run.error()["kind"], "parse");
    assert_eq!(run.error()["line"], 5);
}

#[test]
fn rate_reports_overflow_per_call_and_in_the_total_instead_of_panicking() {
    let dir = Scratch::new("overflow");
    // One call costs more than a decimal holds: that call fails, the file goes on.
    dir.file(
        "huge.toml",
        plan_with("per_minute = \"79228162514264337593543950335\"\nconnect_fee = \"1\"\n"),
    );
    dir.file("cdrs.csv", CDRS);
    let run = dir.run(
        &[
            "tariff",
            "rate",
            "--plan",
            "huge.toml",
            "--cdrs",
            "cdrs.csv",
        ],
        SMALL,
    );
    assert_eq!(run.code, 1, "{:?}", run.rows);
    assert_eq!(run.rows[0]["error"]["kind"], "rate");
    assert!(
        run.rows[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("overflow in call cost")
    );
    assert_eq!(run.rows.last().unwrap()["failed"], 1);
    // Each call fits, their sum does not: a typed error, not a total.
    dir.file(
        "big.toml",
        plan_with("per_minute = \"0\"\nconnect_fee = \"40000000000000000000000000000\"\n"),
    );
    dir.file(
        "two.csv",
        "start,duration_s,destination\n\
         2026-03-11T09:12:00+01:00,60,020 123 4567\n\
         2026-03-11T09:13:00+01:00,60,020 123 4567\n",
    );
    let run = dir.run(
        &["tariff", "rate", "--plan", "big.toml", "--cdrs", "two.csv"],
        SMALL,
    );
    check(
        "total",
        &run,
        &error("rule", "overflow in the total of the call costs"),
    );
}

/// 2000 effective-dated versions in 242 KB used to take 1.2 GB (a 629 KiB bucket
/// index per version); now each small version indexes three digits.
#[test]
fn a_plan_of_2000_versions_rates_in_bounded_memory() {
    let dir = Scratch::new("versions");
    let mut plan = String::from("name = \"p\"\ncountry = \"NL\"\n");
    let mut day = jiff::civil::date(2000, 1, 1);
    for i in 0..2000 {
        plan.push_str(&format!(
            "[[versions]]\neffective_from = \"{day}\"\n[[versions.rates]]\ndestination = \"D{i}\"\nprefixes = [\"31\"]\nper_minute = \"0.0{}\"\n",
            i % 10
        ));
        day = day.tomorrow().unwrap();
    }
    assert!(plan.len() > 200_000);
    dir.file("plan.toml", &plan);
    dir.file("cdrs.csv", CDRS);
    let run = dir.run(
        &[
            "tariff",
            "rate",
            "--plan",
            "plan.toml",
            "--cdrs",
            "cdrs.csv",
        ],
        128,
    );
    assert_eq!(run.code, 0, "{:?}", run.error());
    // 2026-03-11 is in force of the last version, D1999 at 0.09: 4 minutes.
    assert_eq!(run.rows[0]["destination_name"], "D1999");
    assert_eq!(run.rows[0]["cost"], "0.3600");
}

/// One rate table named by 3000 versions: read once, and its copies counted against the
/// plan's limit of entries before they are made.
#[test]
fn a_rate_table_named_by_many_versions_stops_at_the_entry_limit() {
    let dir = Scratch::new("tablecopies");
    let mut table = String::from("prefix,destination,per_minute\n");
    for p in 0..1000 {
        table.push_str(&format!("31{p:04},NL {p},0.01\n"));
    }
    dir.file("rates.csv", &table);
    let mut plan = String::from("name = \"p\"\ncountry = \"NL\"\n");
    let mut day = jiff::civil::date(2000, 1, 1);
    for _ in 0..3000 {
        plan.push_str(&format!(
            "[[versions]]\neffective_from = \"{day}\"\nrates_csv = \"rates.csv\"\n"
        ));
        day = day.tomorrow().unwrap();
    }
    dir.file("plan.toml", &plan);
    dir.file("cdrs.csv", CDRS);
    let run = dir.run(
        &[
            "tariff",
            "rate",
            "--plan",
            "plan.toml",
            "--cdrs",
            "cdrs.csv",
        ],
        1024,
    );
    check(
        "3000 copies of 1000 rows",
        &run,
        &error("limit", "rate entries and prefixes over all plan versions"),
    );
}

#[test]
fn invoice_refuses_negative_amounts_other_currencies_typos_and_huge_job_lists() {
    let dir = Scratch::new("invoice");
    dir.file(
        "plan.toml",
        plan_with("per_minute = \"0.10\"\n").replacen("country", "currency = \"EUR\"\ncountry", 1),
    );
    dir.file("cdrs.csv", CDRS);
    let head = "country = \"NL\"\nperiod_start = \"2026-03-01\"\nperiod_end = \"2026-03-31\"\n";
    let cases: Vec<(&str, String, bool, Expect)> = vec![
        (
            "negative unit price",
            format!(
                "{head}[[usage]]\ndescription = \"x\"\nunit_price = \"-1\"\nquantity = \"1\"\n"
            ),
            false,
            at("parse", "negative", "usage.unit_price", 6),
        ),
        (
            "negative quantity",
            format!(
                "{head}[[recurring]]\ndescription = \"x\"\nunit_price = \"1\"\nquantity = \"-3\"\n"
            ),
            false,
            at("parse", "negative", "recurring.quantity", 7),
        ),
        (
            "misspelt field",
            format!("{head}[[usage]]\ndescription = \"x\"\nunit_prise = \"1\"\nquantity = \"1\"\n"),
            false,
            at("parse", "unknown field `unit_prise`", "usage.unit_prise", 6),
        ),
        (
            "negative one-off fee",
            format!("{head}[[one_off]]\ndescription = \"x\"\namount = \"-25\"\n"),
            false,
            at("parse", "negative", "one_off.amount", 6),
        ),
        (
            "VAT above 100%",
            format!("{head}vat_pct = \"150\"\n"),
            false,
            Expect {
                field: Some("vat_pct"),
                ..error("parse", "not a percentage")
            },
        ),
        (
            "an invoice in USD over a EUR plan",
            format!("currency = \"USD\"\n{head}"),
            true,
            error("rule", "currency mismatch: USD and EUR"),
        ),
        (
            "a period in year 26",
            "country = \"NL\"\nperiod_start = \"0026-03-01\"\nperiod_end = \"2026-03-31\"\n".into(),
            false,
            Expect {
                field: Some("period_start"),
                ..error("parse", "outside the supported")
            },
        ),
    ];
    for (case, text, with_plan, expect) in &cases {
        dir.file("inv.toml", text);
        let mut args = vec!["tariff", "invoice", "--input", "inv.toml"];
        if *with_plan {
            args.extend(["--plan", "plan.toml", "--cdrs", "cdrs.csv"]);
        }
        check(case, &dir.run(&args, SMALL), expect);
    }
    // A credit is the explicit way to subtract: -10.00 on its own line.
    dir.file(
        "inv.toml",
        format!(
            "{head}vat_pct = \"0\"\n[[credits]]\ndescription = \"goodwill\"\namount = \"10\"\n"
        ),
    );
    let run = dir.run(&["tariff", "invoice", "--input", "inv.toml"], SMALL);
    assert_eq!(run.code, 0, "{:?}", run.rows);
    assert_eq!(run.rows[0]["lines"][0]["kind"], "credit");
    assert_eq!(run.rows[0]["total"], "-10.00");
    // 200k service-work jobs in 600 KB used to take 650 MB: now a limit, at once.
    let jobs = vec!["1"; 200_000].join(",");
    dir.file(
        "big.toml",
        format!("{head}service_work_minutes = [{jobs}]\n"),
    );
    let run = dir.run(
        &[
            "tariff",
            "invoice",
            "--input",
            "big.toml",
            "--rulebook",
            "nox",
        ],
        SMALL,
    );
    check(
        "200k jobs",
        &run,
        &error("limit", "service-work jobs (max 10000)"),
    );
}

#[test]
fn rulebook_files_refuse_negative_prices_and_unknown_fields() {
    let dir = Scratch::new("rulebook");
    let head = "name = \"x\"\ncountry = \"NL\"\n[service_work]\nblock_minutes = 15\n";
    let cases: &[(&str, String, Expect)] = &[
        (
            "negative block price",
            format!("{head}block_price = \"-20.50\"\nquote_above_minutes = 60\n"),
            at("parse", "negative", "service_work.block_price", 5),
        ),
        (
            "misspelt key",
            format!("{head}block_price = \"20.50\"\nquote_above_minute = 60\n"),
            at("parse", "unknown field", "service_work.quote_above_minute", 6),
        ),
        (
            "zero-minute blocks",
            "name = \"x\"\ncountry = \"NL\"\n[service_work]\nblock_minutes = 0\nblock_price = \"1\"\nquote_above_minutes = 60\n".into(),
            Expect {
                field: Some("service_work.block_minutes"),
                ..error("parse", "at least 1")
            },
        ),
    ];
    for (case, text, expect) in cases {
        dir.file("book.toml", text);
        let run = dir.run(
            &[
                "tariff",
                "service-work",
                "--rulebook",
                "book.toml",
                "--minutes",
                "50",
            ],
            SMALL,
        );
        check(case, &run, expect);
    }
    let late = "name = \"x\"\ncountry = \"NL\"\n[late_payment]\nmonthly_interest_pct = \"-2.5\"\ncollection_pct = \"15\"\ncollection_min = \"750\"\n";
    dir.file("late.toml", late);
    let run = dir.run(
        &[
            "tariff",
            "late-payment",
            "--rulebook",
            "late.toml",
            "--amount",
            "100",
            "--due",
            "2026-01-01",
            "--paid",
            "2026-02-01",
        ],
        SMALL,
    );
    check(
        "negative interest",
        &run,
        &at("parse", "negative", "late_payment.monthly_interest_pct", 4),
    );
}

/// Documented results at the extremes of the integer and decimal arguments.
#[test]
fn extreme_counts_and_balances_give_results_not_panics() {
    let dir = Scratch::new("extremes");
    let max = u64::MAX.to_string();
    let run = dir.run(
        &[
            "tariff",
            "service-work",
            "--rulebook",
            "nox",
            "--minutes",
            &max,
        ],
        SMALL,
    );
    assert_eq!(run.code, 0, "{:?}", run.rows);
    assert_eq!(run.rows[0]["blocks"], 1_229_782_938_247_303_441u64);
    assert_eq!(run.rows[0]["quote_required"], true);
    let run = dir.run(
        &[
            "tariff",
            "capacity",
            "--rulebook",
            "allocloud",
            "--users",
            &max,
        ],
        SMALL,
    );
    assert_eq!(run.code, 0, "{:?}", run.rows);
    // 2×2 + 3×1 + 5×0.5 + (2^64 − 1 − 10)×0.25 = 9.5 + 4 611 686 018 427 387 901.25.
    assert_eq!(run.rows[0]["channels"], 4_611_686_018_427_387_910u64);
    let run = dir.run(
        &[
            "tariff",
            "capacity",
            "--rulebook",
            "42com",
            "--users",
            "1",
            "--channel-packs",
            &max,
        ],
        SMALL,
    );
    check("packs", &run, &error("rule", "overflow"));
    dir.file(
        "plan.toml",
        plan_with("per_minute = \"0.10\"\nconnect_fee = \"0.05\"\n"),
    );
    // The headroom between the largest balance and the smallest credit limit is beyond
    // the decimal range: the call may run for the longest duration asked.
    let run = dir.run(
        &[
            "tariff",
            "authorize",
            "--plan",
            "plan.toml",
            "--balance=79228162514264337593543950335",
            "--credit-limit=-79228162514264337593543950335",
            "--destination",
            "020 123 4567",
            "--at",
            "2026-03-11T09:12:00Z",
        ],
        SMALL,
    );
    assert_eq!(run.code, 0, "{:?}", run.rows);
    assert_eq!(run.rows[0]["allowed"], true);
    assert_eq!(run.rows[0]["max_seconds"], 4 * 3600);
    // And the other way round: nothing affordable.
    let run = dir.run(
        &[
            "tariff",
            "authorize",
            "--plan",
            "plan.toml",
            "--balance=-79228162514264337593543950335",
            "--credit-limit=79228162514264337593543950335",
            "--destination",
            "020 123 4567",
            "--at",
            "2026-03-11T09:12:00Z",
        ],
        SMALL,
    );
    assert_eq!(run.code, 0, "{:?}", run.rows);
    assert_eq!(run.rows[0]["allowed"], false);
}

/// CGRateS: a 3 KB RatingProfiles.csv whose subjects fall back on each other 200 times
/// used to take minutes (every fallback list followed three levels deep); errors name
/// the file and the true line.
#[test]
fn cgrates_import_is_linear_in_fallbacks_and_names_file_and_line() {
    let dir = Scratch::new("cgrates");
    let data = common_root().join("tariff/tests/data/cgrates");
    for f in [
        "Destinations.csv",
        "Rates.csv",
        "DestinationRates.csv",
        "Timings.csv",
        "RatingPlans.csv",
    ] {
        dir.file(f, std::fs::read(data.join(f)).unwrap());
    }
    let mut profiles = String::new();
    for (s, next) in [("1001", "1002"), ("1002", "1003"), ("1003", "1001")] {
        let plan = format!("RP_{s}");
        profiles.push_str(&format!(
            "cgrates.org,call,{s},2014-01-14T00:00:00Z,{plan},{}\n",
            vec![next; 200].join(";")
        ));
    }
    dir.file("RatingProfiles.csv", &profiles);
    let run = dir.run(
        &[
            "tariff",
            "import-cgrates",
            "--dir",
            ".",
            "--subject",
            "1001",
        ],
        SMALL,
    );
    assert_eq!(run.code, 0, "{:?}", run.error());
    assert_eq!(run.rows[0]["versions"], 1);
    // A bad row on line 3 of RatingProfiles.csv (after a comment line).
    dir.file(
        "RatingProfiles.csv",
        "# Tenant,Category,Subject,ActivationTime,RatingPlanId\n\
         cgrates.org,call,1001,2014-01-14T00:00:00Z,RP_1001\n\
         cgrates.org,call,1002,yesterday,RP_1002\n",
    );
    let run = dir.run(
        &[
            "tariff",
            "import-cgrates",
            "--dir",
            ".",
            "--subject",
            "1001",
        ],
        SMALL,
    );
    check(
        "bad activation",
        &run,
        &error("parse", "invalid ActivationTime"),
    );
    assert_eq!(run.error()["line"], 3);
    assert!(
        run.error()["file"]
            .as_str()
            .unwrap()
            .ends_with("RatingProfiles.csv")
    );
    // A RatingPlan no file defines: the row that names it.
    dir.file(
        "RatingProfiles.csv",
        "cgrates.org,call,1001,2014-01-14T00:00:00Z,RP_NOWHERE\n",
    );
    let run = dir.run(
        &[
            "tariff",
            "import-cgrates",
            "--dir",
            ".",
            "--subject",
            "1001",
        ],
        SMALL,
    );
    check("unknown plan", &run, &error("parse", "unknown RatingPlan"));
    assert_eq!(run.error()["line"], 1);
}

fn common_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}
