//! The tariff, billing and contracts calls of the FFI on hostile input: extreme
//! amounts and dates, typos in plans, balances at the decimal extremes. Each case is
//! the call's typed error kind (`Tariff`, `Contracts`) with a message naming what is
//! wrong, or a documented result; never `Internal` (a panic caught at the boundary).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use jiff::civil::date;
use rust_decimal::Decimal;
use voipkit_ffi::{
    InvoiceCallCharges, InvoiceInput, InvoiceRoundingMode, InvoiceRoundingPoint, PrepaidAccount,
    TariffPlan, VoipkitError, billing_invoice, contracts_add_working_days, tariff_late_payment,
    tariff_service_work,
};

fn tariff_error<T: std::fmt::Debug>(case: &str, r: Result<T, VoipkitError>, says: &str) {
    match r {
        Err(VoipkitError::Tariff { kind, reason, .. }) => {
            assert!(reason.contains(says), "{case}: {reason}");
            assert!(!kind.is_empty(), "{case}: no kind");
        }
        other => panic!("{case}: expected a Tariff error, got {other:?}"),
    }
}

#[test]
fn late_payment_extremes_are_tariff_errors() {
    let cases: &[(&str, Decimal, jiff::civil::Date, &str)] = &[
        ("largest amount", Decimal::MAX, date(2026, 1, 1), "overflow"),
        (
            "year 26",
            Decimal::ONE_HUNDRED,
            date(26, 1, 31),
            "outside the supported",
        ),
        (
            "negative",
            Decimal::NEGATIVE_ONE,
            date(2026, 1, 1),
            "negative",
        ),
    ];
    for (case, amount, due, says) in cases {
        tariff_error(
            case,
            tariff_late_payment("jitco".into(), *amount, *due, date(2026, 3, 1)),
            says,
        );
    }
    // The largest number of minutes is priced, not overflowed.
    let w = tariff_service_work("nox".into(), u64::MAX).unwrap();
    assert!(w.quote_required);
}

#[test]
fn plans_with_typos_negative_prices_or_contradictions_are_refused() {
    let head = "name = \"p\"\ncountry = \"NL\"\n[[versions]]\n[[versions.rates]]\ndestination = \"NL\"\nprefixes = [\"31\"]\n";
    let none = HashMap::new();
    let cases: &[(&str, &str, &str)] = &[
        (
            "per_minut",
            "per_minut = \"0.10\"\n",
            "unknown field `per_minut`",
        ),
        ("negative", "per_minute = \"-0.10\"\n", "negative"),
        (
            "no price",
            "connect_fee = \"0.05\"\n",
            "neither per_minute nor slots",
        ),
        (
            "two prices",
            "per_minute = \"0.1\"\n[[versions.rates]]\ndestination = \"NL\"\nprefixes = [\"31\"]\nper_minute = \"0.2\"\n",
            "has another rate",
        ),
    ];
    for (case, rate, says) in cases {
        tariff_error(
            case,
            TariffPlan::parse_toml(&format!("{head}{rate}"), &none),
            says,
        );
    }
    let cgr = HashMap::from([
        ("Destinations.csv".to_owned(), "D,31\n".to_owned()),
        ("Rates.csv".to_owned(), "R,0,-1,60s,60s,0s\n".to_owned()),
        (
            "DestinationRates.csv".to_owned(),
            "DR,D,R,*up,4\n".to_owned(),
        ),
        ("RatingPlans.csv".to_owned(), "RP,DR,*any,10\n".to_owned()),
        (
            "RatingProfiles.csv".to_owned(),
            "cgrates.org,call,1001,2014-01-14T00:00:00Z,RP\n".to_owned(),
        ),
    ]);
    tariff_error(
        "negative CGRateS rate",
        TariffPlan::parse_cgrates(&cgr, "cgrates.org", "call", "1001", "NL", false),
        "\"Rates.csv\" line 1: negative Rate",
    );
}

#[test]
fn prepaid_accounts_at_the_decimal_extremes() {
    let a = PrepaidAccount::open("EUR", Decimal::MIN).unwrap();
    a.top_up(Decimal::MAX, "p".into()).unwrap();
    assert_eq!(a.available(), Decimal::MAX);
    tariff_error(
        "top-up past the range",
        a.top_up(Decimal::ONE, "q".into()),
        "overflow",
    );
    let b = PrepaidAccount::open("EUR", Decimal::ZERO).unwrap();
    tariff_error(
        "debit below the limit",
        b.debit(Decimal::MAX, "d".into()),
        "insufficient balance",
    );
}

#[test]
fn invoices_refuse_negative_amounts() {
    let input = InvoiceInput {
        customer: String::new(),
        currency: "EUR".into(),
        country: "NL".into(),
        vat_pct: None,
        period_start: date(2026, 3, 1),
        period_end: date(2026, 3, 31),
        rounding_mode: InvoiceRoundingMode::HalfUp,
        rounding_decimals: 2,
        rounding_point: InvoiceRoundingPoint::PerLine,
        recurring: vec![],
        usage: vec![],
        one_off: vec![],
        service_work_minutes: vec![],
        trained_persons: 0,
        call_charges: Some(InvoiceCallCharges {
            calls: 1,
            cost: Decimal::NEGATIVE_ONE,
            bundles: vec![],
        }),
    };
    tariff_error(
        "negative call costs",
        billing_invoice(input.clone(), None),
        "must not be negative",
    );
    let mut period = input;
    period.call_charges = None;
    period.period_start = date(26, 3, 1);
    tariff_error(
        "year 26",
        billing_invoice(period, None),
        "outside the supported",
    );
}

#[test]
fn working_days_from_year_zero_are_a_contracts_error() {
    match contracts_add_working_days("NL".into(), date(0, 1, 1), 0) {
        Err(VoipkitError::Contracts { kind, reason, .. }) => {
            assert!(reason.contains("year 0"), "{reason}");
            assert_eq!(kind, "year_out_of_range");
        }
        other => panic!("{other:?}"),
    }
}
