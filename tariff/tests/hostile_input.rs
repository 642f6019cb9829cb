//! The library's loaders and computations on hostile and careless input: every case
//! is a typed error naming what is wrong (field, line, what overflowed) or a
//! documented result, never a panic, a hang or memory out of proportion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use jiff::civil::date;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use tariff::{
    CallCharges, CgratesTariffPlan, Currency, Error, InvoiceInput, Plan, PlanFormat,
    PrepaidAccount, RatingEngine, Rulebook, import_cgrates, late_payment, load_plan,
    load_plan_with, months_late, nl_statutory_interest, parse_decimal, parse_rate_table_csv,
};

const PLAN_HEAD: &str = "name = \"p\"\ncountry = \"NL\"\n[[versions]]\n[[versions.rates]]\ndestination = \"NL\"\nprefixes = [\"31\"]\n";

fn load_error(text: &str) -> (String, Option<u64>) {
    match Plan::from_toml_str(text) {
        Err(Error::Load { field, line, .. }) => (field, line),
        other => panic!("{text}: expected a load error, got {other:?}"),
    }
}

#[test]
fn plan_fields_that_do_not_read_are_named_with_their_line() {
    let cases: &[(&str, &str, u64)] = &[
        ("per_minut = \"0.10\"\n", "versions.rates.per_minut", 7),
        (
            "per_minute = \"0.10\"\nconnect_fe = \"0.05\"\n",
            "versions.rates.connect_fe",
            8,
        ),
        ("per_minute = \"-0.10\"\n", "versions.rates.per_minute", 7),
        ("per_minute = 0.1\n", "versions.rates.per_minute", 7),
        (
            "per_minute = \"0.10000000000000000000000000001\"\n",
            "versions.rates.per_minute",
            7,
        ),
        (
            "per_minute = \"0.10\"\nminimum_charge = \"-1\"\n",
            "versions.rates.minimum_charge",
            8,
        ),
        (
            "per_minute = \"0.10\"\nrounding = { decimals = 40 }\n",
            "versions.rates.rounding",
            8,
        ),
    ];
    for (rate, field, line) in cases {
        let text = format!("{PLAN_HEAD}{rate}");
        assert_eq!(
            load_error(&text),
            ((*field).to_owned(), Some(*line)),
            "{rate}"
        );
    }
    // A rate without a price is not free by default.
    let (_, line) = load_error(&format!("{PLAN_HEAD}connect_fee = \"0.05\"\n"));
    assert!(line.is_some());
}

#[test]
fn contradicting_rates_are_refused_naming_both_entries() {
    let two = |second: &str| {
        format!(
            "{PLAN_HEAD}per_minute = \"0.10\"\n[[versions.rates]]\n{second}per_minute = \"0.20\"\n"
        )
    };
    let e = Plan::from_toml_str(&two("destination = \"NL\"\nprefixes = [\"31\"]\n")).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidValue { field, reason }
            if field == "versions[0].rates[1]" && reason.contains("versions[0].rates[0]")),
        "{e:?}"
    );
    // Same destination, another prefix, another price: which price applies would
    // depend on the entries' order.
    let e = Plan::from_toml_str(&two("destination = \"NL\"\nprefixes = [\"3120\"]\n")).unwrap_err();
    assert!(matches!(&e, Error::InvalidValue { .. }), "{e:?}");
    let e = Plan::from_toml_str(&two("destination = \"X\"\nprefixes = [\"31\"]\n")).unwrap_err();
    assert!(matches!(&e, Error::InvalidValue { reason, .. } if reason.contains("prefix 31")));
    // The same rows at the same price are one rate.
    assert!(parse_rate_table_csv("prefix,destination,per_minute\n31,NL,0.1\n31,NL,0.10\n").is_ok());
    assert!(matches!(
        parse_rate_table_csv("prefix,destination,per_minute\n31,NL,0.1\n32,BE,0.1\n31,NL,0.2\n"),
        Err(Error::Csv { line: 4, .. })
    ));
}

#[test]
fn plan_loading_is_bounded_by_the_load_limits() {
    let limits = tariff::default_limits().max_total_items(100).max_items(50);
    // A rate table of 60 rows named by 2 versions: 120 entries over the limit of 100.
    let table: String = std::iter::once("prefix,destination,per_minute\n".to_owned())
        .chain((0..60).map(|i| format!("31{i:03},D{i},0.01\n")))
        .collect();
    let plan = "name = \"p\"\ncountry = \"NL\"\n[[versions]]\nrates_csv = \"t.csv\"\n\
                [[versions]]\neffective_from = \"2026-01-01\"\nrates_csv = \"t.csv\"\n";
    let mut reads = 0;
    let e = load_plan_with(plan, PlanFormat::Toml, &limits, |_| {
        reads += 1;
        Some(table.as_str())
    })
    .unwrap_err();
    assert!(matches!(e, Error::LimitExceeded { max: 100, .. }), "{e:?}");
    assert_eq!(reads, 1, "a table named twice is read once");
    // 51 versions: over the 50 entries a list may hold.
    let many: String = std::iter::once("name = \"p\"\ncountry = \"NL\"\n".to_owned())
        .chain((0..51).map(|_| "[[versions]]\n".to_owned()))
        .collect();
    assert!(matches!(
        Plan::from_str_with(&many, PlanFormat::Toml, &limits),
        Err(Error::LimitExceeded { max: 50, .. })
    ));
    let small = tariff::default_limits().max_bytes(10);
    assert!(matches!(
        Plan::from_str_with(plan, PlanFormat::Toml, &small),
        Err(Error::Load { ref field, .. }) if field == "document"
    ));
    assert!(load_plan(plan, PlanFormat::Toml, |_| Some(table.as_str())).is_ok());
}

#[test]
fn late_payment_overflow_and_dates_out_of_range_are_typed() {
    let jitco = Rulebook::jitco();
    let e = late_payment(&jitco, Decimal::MAX, date(2026, 1, 1), date(2026, 3, 1)).unwrap_err();
    assert!(matches!(e, Error::Overflow { .. }), "{e:?}");
    let e = late_payment(&jitco, dec!(100), date(26, 1, 31), date(2026, 3, 1)).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidValue { field, .. } if field == "due"),
        "{e:?}"
    );
    assert!(months_late(date(2026, 1, 1), date(9999, 1, 1)).is_err());
    let table = tariff::nl_commercial_rates();
    let e = nl_statutory_interest(Decimal::MAX, date(1995, 1, 1), date(2200, 1, 1), &table)
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Overflow {
                what: "statutory interest"
            }
        ),
        "{e:?}"
    );
    // Two centuries of a real amount: compounded yearly, a result.
    assert!(nl_statutory_interest(dec!(1000), date(1995, 1, 1), date(2200, 1, 1), &table).is_ok());
}

#[test]
fn prepaid_accounts_at_the_decimal_extremes_answer_without_panicking() {
    let mut a = PrepaidAccount::new(Currency::EUR, Decimal::MIN);
    a.balance = Decimal::MAX;
    assert_eq!(a.available(), Decimal::MAX);
    let auth = a.authorize(|_| Ok(Decimal::MAX), u32::MAX).unwrap();
    assert!(auth.allowed);
    assert_eq!(auth.max_seconds, u32::MAX);
    let mut b = PrepaidAccount::new(Currency::EUR, Decimal::MAX);
    b.balance = Decimal::MIN;
    assert_eq!(b.available(), Decimal::ZERO);
    assert!(!b.authorize(|_| Ok(Decimal::ZERO), 60).unwrap().allowed);
    assert!(matches!(
        a.top_up(dec!(1), "p"),
        Err(Error::Overflow { .. })
    ));
    assert!(matches!(b.debit(dec!(1), "d"), Err(Error::Overflow { .. })));
    // Totals of a hand-written ledger stop at the largest decimal.
    let mut c = PrepaidAccount::new(Currency::EUR, Decimal::ZERO);
    c.top_up(Decimal::MAX, "p1").unwrap();
    c.debit(Decimal::MAX, "d1").unwrap();
    c.top_up(Decimal::MAX, "p2").unwrap();
    assert_eq!(c.totals().0, Decimal::MAX);
}

fn invoice_input(text: &str) -> InvoiceInput {
    InvoiceInput::from_toml_str(text).unwrap()
}

#[test]
fn invoices_refuse_other_currencies_and_negative_charges() {
    let head = "country = \"NL\"\nperiod_start = \"2026-03-01\"\nperiod_end = \"2026-03-31\"\n";
    let usd = invoice_input(&format!("currency = \"USD\"\n{head}"));
    let calls = CallCharges {
        currency: Currency::EUR,
        calls: 1,
        cost: dec!(1),
        bundles: vec![],
    };
    assert!(matches!(
        tariff::invoice(&usd, None, Some(&calls)),
        Err(Error::CurrencyMismatch { .. })
    ));
    // A rulebook's prices are in its own currency.
    let work = invoice_input(&format!(
        "currency = \"USD\"\n{head}service_work_minutes = [50]\n"
    ));
    assert!(matches!(
        tariff::invoice(&work, Some(&Rulebook::nox()), None),
        Err(Error::CurrencyMismatch { .. })
    ));
    let eur = invoice_input(head);
    let negative = CallCharges {
        currency: Currency::EUR,
        calls: 1,
        cost: dec!(-5),
        bundles: vec![],
    };
    assert!(matches!(
        tariff::invoice(&eur, None, Some(&negative)),
        Err(Error::InvalidValue { .. })
    ));
    let mut programmatic = eur.clone();
    programmatic.service_work_minutes = vec![1; 10_001];
    assert!(matches!(
        tariff::invoice(&programmatic, Some(&Rulebook::nox()), None),
        Err(Error::LimitExceeded { max: 10_000, .. })
    ));
}

#[test]
fn decimals_are_read_exactly_or_refused() {
    assert!(matches!(
        parse_decimal("0.00000000000000000000000000001"),
        Err(Error::InexactDecimal(_))
    ));
    assert!(matches!(
        parse_decimal("123456789012345678901234567890"),
        Err(Error::InvalidDecimal(_) | Error::InexactDecimal(_))
    ));
    assert_eq!(parse_decimal("1e3").unwrap(), dec!(1000));
}

/// K subjects that all fall back on all the others, K = 200: resolved once per subject
/// and depth (the import used to follow every list three levels deep, K³ resolutions).
#[test]
fn cgrates_fallback_subjects_are_resolved_once_each() {
    let data = |f: &str| {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/cgrates")
                .join(f),
        )
        .unwrap()
    };
    let k = 200;
    let all: Vec<String> = (0..k).map(|i| format!("s{i}")).collect();
    let list = all.join(";");
    let mut profiles = format!("cgrates.org,call,1001,2014-01-14T00:00:00Z,RP_1001,{list}\n");
    for s in &all {
        profiles.push_str(&format!(
            "cgrates.org,call,{s},2014-01-14T00:00:00Z,RP_1002,{list}\n"
        ));
    }
    let files = CgratesTariffPlan {
        destinations: data("Destinations.csv"),
        rates: data("Rates.csv"),
        destination_rates: data("DestinationRates.csv"),
        timings: data("Timings.csv"),
        rating_plans: data("RatingPlans.csv"),
        rating_profiles: profiles,
    };
    let plan = import_cgrates(&files, "cgrates.org", "call", "1001", "NL").unwrap();
    assert_eq!(plan.versions.len(), 1);
    RatingEngine::new(&plan).unwrap();
    // The prefixes examined count against the limit, covered or not.
    let tight = tariff::default_limits().max_total_items(50);
    assert!(matches!(
        tariff::import_cgrates_with(&files, "cgrates.org", "call", "1001", "NL", &tight),
        Err(Error::LimitExceeded { max: 50, .. })
    ));
}

/// 2000 versions of one rate each compile into small prefix tables.
#[test]
fn many_small_versions_compile() {
    let mut plan = Plan::new("p", "NL");
    let mut day = date(2000, 1, 1);
    for i in 0..2000 {
        let rates = Plan::from_toml_str(&format!("{PLAN_HEAD}per_minute = \"0.0{}\"\n", i % 10))
            .unwrap()
            .versions
            .remove(0)
            .rates;
        plan.versions.push(tariff::PlanVersion {
            effective_from: Some(day),
            effective_at: None,
            rates,
            rates_csv: None,
            needs_rate: false,
        });
        day = day.tomorrow().unwrap();
    }
    let engine = RatingEngine::new(&plan).unwrap();
    assert_eq!(engine.prefix_count(), 2000);
}

/// Call records and call attempts number their rows by the lines an editor shows: a
/// lone CR ends a line as LF and CRLF do (the `rating_pipeline` fuzz target found two
/// records given the same line), and an empty `answered` means the same in both: answered
/// when the call has a duration.
#[test]
fn csv_rows_are_numbered_by_physical_lines_and_answered_reads_alike() {
    let plan = Plan::from_toml_str(&format!("{PLAN_HEAD}per_minute = \"0.10\"\n")).unwrap();
    let engine = RatingEngine::new(&plan).unwrap();
    let cdrs = "start,duration_s,destination,answered\n\
                2026-03-11T09:00:00Z,60,31201234567,\r\
                2026-03-11T09:05:00Z,0,31201234567,\r\n\
                2026-03-11T09:10:00Z,61,31201234567,busy\n";
    let rows: Vec<(u64, bool)> = engine
        .cdr_records(cdrs)
        .unwrap()
        .map(|r| r.map(|(line, c)| (line, c.answered)).unwrap())
        .collect();
    assert_eq!(rows, [(2, true), (3, false), (4, false)]);
    let attempts = tariff::parse_calls_csv("answered,duration_s\n,60\r,0\nno,5\n").unwrap();
    let answered: Vec<bool> = attempts.iter().map(|a| a.answered).collect();
    assert_eq!(answered, [true, false, false]);
    // An error names the line it is on, lone CRs counted.
    match tariff::parse_calls_csv("answered,duration_s\r,1\rmaybe,1\n") {
        Err(Error::Csv { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
}
