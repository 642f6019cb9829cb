//! Hostile and careless input through the `voipkit contracts` commands: date-times
//! where a date belongs, years outside the calendars, a complaint before its delivery,
//! configurations of garbage, huge day counts. Each case gives a typed error (kind,
//! and field and line for files) or a documented result, with its exit code, within a
//! 60 s watchdog, under a 2 GiB address-space limit and 256 MiB of peak memory.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod hostile_harness;

use hostile_harness::Scratch;

const MIB: u64 = 256;

#[test]
fn date_arguments_are_dates_in_the_supported_years_or_typed_errors() {
    let dir = Scratch::new("contracts-dates");
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &[
                "add-working-days",
                "--country",
                "NL",
                "--from",
                "2026-01-01T23:59:59+14:00",
                "--days",
                "1",
            ],
            "usage",
            "a date only",
        ),
        (
            &[
                "add-working-days",
                "--country",
                "NL",
                "--from",
                "2026-01-01 10:00",
                "--days",
                "1",
            ],
            "usage",
            "a date only",
        ),
        (
            &[
                "add-working-days",
                "--country",
                "NL",
                "--from",
                "0000-01-01",
                "--days",
                "0",
            ],
            "rule",
            "year 0 is outside the supported calendar range 1995..=2200",
        ),
        (
            &[
                "add-working-days",
                "--country",
                "NL",
                "--from",
                "2026-01-01",
                "--days",
                "2147483647",
            ],
            "rule",
            "year 2201 is outside",
        ),
        (
            &[
                "add-working-days",
                "--country",
                "DE",
                "--from",
                "2026-01-01",
                "--days=-2147483648",
            ],
            "rule",
            "year 1994 is outside",
        ),
        (
            &[
                "working-days-between",
                "--country",
                "BE",
                "--from",
                "2026-01-01",
                "--to",
                "9999-12-31",
            ],
            "rule",
            "year 9999 is outside",
        ),
        (
            &["holidays", "--country", "NL", "--year", "32767"],
            "rule",
            "year 32767 is outside",
        ),
        (
            &[
                "cancel",
                "--rulebook",
                "accensys",
                "--start",
                "0026-01-01",
                "--requested",
                "2026-02-01",
            ],
            "rule",
            "year 26 is outside",
        ),
        (
            &[
                "cancel",
                "--rulebook",
                "accensys",
                "--start",
                "2026-03-01",
                "--requested",
                "2026-02-01",
            ],
            "rule",
            "before the contract start",
        ),
        (
            &[
                "complaint-deadline",
                "--rulebook",
                "jitco",
                "--delivered",
                "2026-03-10",
                "--complained",
                "2026-03-01",
            ],
            "rule",
            "comes before the delivery",
        ),
        (
            &[
                "deemed-operational",
                "--rulebook",
                "jitco",
                "--delivered",
                "2026-03-10",
                "--actual",
                "2026-03-01",
            ],
            "rule",
            "comes before the delivery",
        ),
        (
            &[
                "warranty",
                "--rulebook",
                "allocloud",
                "--delivered",
                "2026-02-30",
            ],
            "usage",
            "--delivered",
        ),
        (
            &[
                "support",
                "--rulebook",
                "allocloud",
                "--at",
                "0026-11-23T19:00:00+01:00",
            ],
            "rule",
            "year 26 is outside",
        ),
        (
            &[
                "user-floor",
                "--rulebook",
                "allocloud",
                "--users",
                "10",
                "--on",
                "2201-01-01",
            ],
            "rule",
            "year 2201 is outside",
        ),
    ];
    for (args, kind, says) in cases {
        let mut all = vec!["contracts"];
        all.extend_from_slice(args);
        let run = dir.run(&all, MIB);
        let e = run.error();
        assert_eq!(run.code, 2, "{args:?}: {:?}", run.rows);
        assert_eq!(e["kind"], *kind, "{args:?}: {e}");
        assert!(
            e["message"].as_str().unwrap().contains(says),
            "{args:?}: {e}"
        );
    }
    // The widest span the calendars allow is counted, not refused.
    let run = dir.run(
        &[
            "contracts",
            "working-days-between",
            "--country",
            "NL",
            "--from",
            "1995-01-01",
            "--to",
            "2200-12-31",
        ],
        MIB,
    );
    assert_eq!(run.code, 0, "{:?}", run.rows);
    assert!(run.rows[0]["working_days"].as_i64().unwrap() > 50_000);
}

#[test]
fn validate_config_refuses_garbage_at_its_line() {
    let dir = Scratch::new("contracts-config");
    let cases: &[(&str, &str, Option<u64>, &str)] = &[
        (
            "garbage here\n!!!\n",
            "garbage here",
            Some(1),
            "expected `=`",
        ),
        ("", "document", None, "the configuration is empty"),
        ("# nothing but a comment\n", "document", None, "empty"),
        (
            "service = \"sip_trunk\"\n[[number_blocks]]\nrange = \"garbage\"\npostal_address = \"x\"\n",
            "number_blocks.range",
            Some(3),
            "not a telephone number",
        ),
        (
            "[[caller_ids]]\nnumber = \"not a number\"\nassigned = false\n",
            "caller_ids.number",
            Some(2),
            "not a telephone number",
        ),
        (
            "[[lines]]\nid = \"\"\npurpose = \"telephony\"\n",
            "lines.id",
            Some(2),
            "must not be empty",
        ),
        (
            "[[lines]]\nid = \"+3227001001\"\npurpose = \"fax_machine_for_alarms\"\n",
            "lines.purpose",
            Some(3),
            "unknown variant",
        ),
        (
            "auto_dialer = \"yes\"\n",
            "auto_dialer",
            Some(1),
            "invalid type",
        ),
        (
            "servce = \"sip_trunk\"\n",
            "servce",
            Some(1),
            "unknown field",
        ),
    ];
    for (text, field, line, says) in cases {
        dir.file("config.toml", text);
        let run = dir.run(
            &[
                "contracts",
                "validate-config",
                "--rulebook",
                "allocloud",
                "--config",
                "config.toml",
            ],
            MIB,
        );
        let e = run.error();
        assert_eq!(run.code, 2, "{text:?}: {:?}", run.rows);
        assert_eq!(e["kind"], "parse", "{text:?}: {e}");
        assert_eq!(e["field"], *field, "{text:?}: {e}");
        match line {
            Some(l) => assert_eq!(e["line"], *l, "{text:?}: {e}"),
            None => assert!(e.get("line").is_none(), "{text:?}: {e}"),
        }
        assert!(
            e["message"].as_str().unwrap().contains(says),
            "{text:?}: {e}"
        );
    }
    // A configuration of 200 000 lines is refused at the list limit, in bounded memory.
    let mut big = String::from("service = \"sip_trunk\"\n");
    for i in 0..200_000 {
        big.push_str(&format!(
            "[[lines]]\nid = \"l{i}\"\npurpose = \"telephony\"\n"
        ));
    }
    dir.file("big.toml", &big);
    let run = dir.run(
        &[
            "contracts",
            "validate-config",
            "--rulebook",
            "allocloud",
            "--config",
            "big.toml",
        ],
        MIB,
    );
    assert_eq!(run.code, 2, "{:?}", run.rows);
    assert!(
        run.error()["message"]
            .as_str()
            .unwrap()
            .contains("exceed the limit"),
        "{}",
        run.error()
    );
}

#[test]
fn rulebook_files_name_the_field_and_line_of_a_typo() {
    let dir = Scratch::new("contracts-rulebook");
    dir.file(
        "book.toml",
        "name = \"x\"\nprovider = \"y\"\n[notice]\nkind = { kind = \"days\", days = 30 }\nprovenanse = { source = \"a\", clause = \"b\" }\n",
    );
    let run = dir.run(
        &[
            "contracts",
            "cancel",
            "--rulebook",
            "book.toml",
            "--start",
            "2026-01-01",
            "--requested",
            "2026-02-01",
        ],
        MIB,
    );
    let e = run.error();
    assert_eq!(run.code, 2, "{:?}", run.rows);
    assert_eq!(e["kind"], "parse");
    assert_eq!(e["field"], "notice.provenanse");
    assert_eq!(e["line"], 5);
}
