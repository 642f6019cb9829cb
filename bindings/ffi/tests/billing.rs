//! Billing as the bindings see it: a prepaid ledger, call authorization at a plan's
//! rates, invoices from plain input. Expected values worked out by hand from TERMS.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use jiff::civil::date;
use rust_decimal::Decimal;
use voipkit_ffi::{
    InvoiceBundleFee, InvoiceCallCharges, InvoiceInput, InvoiceLineKind, InvoiceOneOffItem,
    InvoiceRecurringItem, InvoiceRoundingMode, InvoiceRoundingPoint, InvoiceUsageItem,
    LedgerEntryKind, PrepaidAccount, TariffPlan, VoipkitError, billing_invoice,
};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn sample_plan() -> TariffPlan {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/");
    let plan = std::fs::read_to_string(format!("{samples}plan.toml")).unwrap();
    let rates = std::fs::read_to_string(format!("{samples}rates.csv")).unwrap();
    TariffPlan::parse_toml(&plan, &HashMap::from([("rates.csv".to_owned(), rates)])).unwrap()
}

fn wednesday_morning() -> jiff::Timestamp {
    "2026-03-11T10:00:00Z".parse().unwrap()
}

// TERMS F42-1: debits never take the balance below the credit limit; a refused debit
// leaves the account as it was; payments and consumed credit are the ledger's sums.
#[test]
fn debits_stop_at_the_credit_limit_and_the_ledger_explains_the_balance() {
    let a = PrepaidAccount::open("EUR", d("-2.00")).unwrap();
    assert_eq!(a.top_up(d("5.00"), "pay-1".into()), Ok(d("5.00")));
    assert_eq!(a.debit(d("6.50"), "call-1".into()), Ok(d("-1.50")));
    assert!(matches!(
        a.debit(d("0.51"), "call-2".into()),
        Err(VoipkitError::Tariff { .. })
    ));
    assert_eq!(a.balance(), d("-1.50"));
    assert_eq!(a.available(), d("0.50"));
    let ledger: Vec<_> = a
        .ledger()
        .into_iter()
        .map(|e| (e.kind, e.amount, e.reference))
        .collect();
    assert_eq!(
        ledger,
        [
            (LedgerEntryKind::TopUp, d("5.00"), "pay-1".into()),
            (LedgerEntryKind::Debit, d("6.50"), "call-1".into())
        ]
    );
    let t = a.totals();
    assert_eq!((t.topped_up, t.debited), (d("5.00"), d("6.50")));
    assert!(a.top_up(Decimal::ZERO, "nothing".into()).is_err());
    assert!(PrepaidAccount::open("EURO", Decimal::ZERO).is_err());
}

// TERMS F42-1 with the sample plan's 0900 rate (0.80/min, 0.10 connect, per second):
// cost(s) = 0.10 + s × 0.80/60. With 1.00 available, s ≤ 0.90 × 75 = 67.5, so 67 s
// (0.10 + 0.89333 = 0.9933 at 4 places); 68 s would cost 1.0067.
#[test]
fn a_prepaid_call_may_run_as_long_as_the_balance_affords_at_the_plan_rate() {
    let plan = sample_plan();
    let a = PrepaidAccount::open("EUR", Decimal::ZERO).unwrap();
    a.top_up(d("1.00"), "pay".into()).unwrap();
    let auth = a
        .authorize(&plan, "0900 1234567".into(), wednesday_morning(), 4 * 3600)
        .unwrap();
    assert!(auth.allowed);
    assert_eq!(auth.max_seconds, 67);
    assert_eq!(auth.cost_at_max, Some(d("0.9933")));
    assert_eq!(auth.available, d("1.00"));
}

// The same 0900 call: 0.50 on the account and a -0.50 credit limit afford the same
// 67 s as 1.00 without; with no overdraft 0.50 affords 0.40 / (0.80/60) = 30 s exactly
// (0.5000); 0.10 does not even afford the first second (0.1133).
#[test]
fn authorization_counts_the_credit_limit_and_refuses_what_the_first_second_exceeds() {
    let plan = sample_plan();
    let at = wednesday_morning();
    let overdraft = PrepaidAccount::open("EUR", d("-0.50")).unwrap();
    overdraft.top_up(d("0.50"), "pay".into()).unwrap();
    assert_eq!(
        overdraft
            .authorize(&plan, "0900 1234567".into(), at, 7200)
            .unwrap()
            .max_seconds,
        67
    );
    let strict = PrepaidAccount::open("EUR", Decimal::ZERO).unwrap();
    strict.top_up(d("0.50"), "pay".into()).unwrap();
    let auth = strict
        .authorize(&plan, "0900 1234567".into(), at, 7200)
        .unwrap();
    assert_eq!(
        (auth.max_seconds, auth.cost_at_max),
        (30, Some(d("0.5000")))
    );
    let poor = PrepaidAccount::open("EUR", Decimal::ZERO).unwrap();
    poor.top_up(d("0.10"), "pay".into()).unwrap();
    let auth = poor
        .authorize(&plan, "0900 1234567".into(), at, 7200)
        .unwrap();
    assert_eq!(
        (auth.allowed, auth.max_seconds, auth.cost_at_max),
        (false, 0, None)
    );
}

// TERMS ACC-3: Dutch fixed calls are in the flat-rate bundle, so they cost nothing and an
// empty account may make one up to the cap; asking does not consume anything.
#[test]
fn a_bundled_call_is_authorized_up_to_the_cap_on_an_empty_account() {
    let plan = sample_plan();
    let a = PrepaidAccount::open("EUR", Decimal::ZERO).unwrap();
    let auth = a
        .authorize(&plan, "020 123 4567".into(), wednesday_morning(), 3600)
        .unwrap();
    assert_eq!((auth.allowed, auth.max_seconds), (true, 3600));
    assert_eq!(auth.cost_at_max, Some(Decimal::ZERO));
}

#[test]
fn a_plan_in_another_currency_than_the_account_is_a_tariff_error() {
    let a = PrepaidAccount::open("USD", Decimal::ZERO).unwrap();
    a.top_up(d("10"), "pay".into()).unwrap();
    let err = a.authorize(
        &sample_plan(),
        "0900 1234567".into(),
        wednesday_morning(),
        60,
    );
    assert!(matches!(err, Err(VoipkitError::Tariff { .. })));
}

fn april(recurring: Vec<InvoiceRecurringItem>) -> InvoiceInput {
    InvoiceInput {
        country: "NL".into(),
        period_start: date(2026, 4, 1),
        period_end: date(2026, 4, 30),
        customer: "ACME".into(),
        currency: "EUR".into(),
        vat_pct: None,
        recurring,
        usage: vec![],
        one_off: vec![],
        service_work_minutes: vec![],
        trained_persons: 0,
        call_charges: None,
        rounding_mode: InvoiceRoundingMode::HalfUp,
        rounding_decimals: 2,
        rounding_point: InvoiceRoundingPoint::PerLine,
    }
}

// TERMS ACC-2 by hand, April 2026 (30 days), NL VAT 21%:
//   PBX 30.00 from 16 April: 15/30 days      = 15.00
//   3 users × 4.95, the whole month           = 14.85
//   2 fax numbers × 1.50 (usage, ALC-5)       =  3.00
//   12 rated calls summing 7.3333             =  7.33 (half-up, once per line)
//   Flat NL fixed bundle (ACC-3)              = 25.00
//   number porting, one-off                   = 10.00
//   subtotal 75.18; VAT 21% = 15.7878 → 15.79; total 90.97.
#[test]
fn an_invoice_prorates_recurring_items_and_rounds_each_line_once() {
    let mut input = april(vec![
        InvoiceRecurringItem {
            description: "PBX".into(),
            unit_price: d("30.00"),
            quantity: None,
            active_from: Some(date(2026, 4, 16)),
            active_until: None,
        },
        InvoiceRecurringItem {
            description: "User".into(),
            unit_price: d("4.95"),
            quantity: Some(d("3")),
            active_from: None,
            active_until: None,
        },
    ]);
    input.usage = vec![InvoiceUsageItem {
        description: "Fax number".into(),
        unit_price: d("1.50"),
        quantity: d("2"),
    }];
    input.call_charges = Some(InvoiceCallCharges {
        calls: 12,
        cost: d("7.3333"),
        bundles: vec![InvoiceBundleFee {
            name: "Flat NL fixed".into(),
            monthly_fee: d("25.00"),
        }],
    });
    input.one_off = vec![InvoiceOneOffItem {
        description: "Number porting".into(),
        amount: Some(d("10.00")),
    }];
    let inv = billing_invoice(input, None).unwrap();
    let lines: Vec<_> = inv.lines.iter().map(|l| (l.kind, l.amount)).collect();
    use InvoiceLineKind as K;
    assert_eq!(
        lines,
        [
            (K::Recurring, d("15.00")),
            (K::Recurring, d("14.85")),
            (K::Usage, d("3.00")),
            (K::Calls, d("7.33")),
            (K::Bundle, d("25.00")),
            (K::OneOff, d("10.00")),
        ]
    );
    assert_eq!(inv.lines[0].quantity, d("0.5"));
    assert_eq!(
        (inv.subtotal, inv.vat_pct, inv.vat, inv.total),
        (d("75.18"), d("21"), d("15.79"), d("90.97"))
    );
    assert_eq!(inv.currency, "EUR");
}

// TERMS NOX-1: 50 minutes of service work are 4 started quarter hours = 82.00; German
// VAT would be 19%, Dutch 21%: 82.00 × 21% = 17.22.
#[test]
fn service_work_on_an_invoice_is_priced_by_the_rulebook() {
    let mut input = april(vec![]);
    input.service_work_minutes = vec![50];
    let inv = billing_invoice(input.clone(), Some("nox".into())).unwrap();
    assert_eq!(inv.lines[0].kind, InvoiceLineKind::ServiceWork);
    assert_eq!(
        (inv.subtotal, inv.vat, inv.total),
        (d("82.00"), d("17.22"), d("99.22"))
    );
    assert!(matches!(
        billing_invoice(input, None),
        Err(VoipkitError::Tariff { .. })
    ));
}

// Every kind of line an invoice can have, from one input: a recurring item, a usage
// item, the calls and a bundle, a one-off fee, service work and training (NOX-1, NOX-4).
#[test]
fn every_line_of_an_invoice_has_its_kind() {
    let mut input = april(vec![InvoiceRecurringItem {
        description: "PBX".into(),
        unit_price: d("20.00"),
        quantity: None,
        active_from: None,
        active_until: None,
    }]);
    input.usage = vec![InvoiceUsageItem {
        description: "Fax number".into(),
        unit_price: d("1.50"),
        quantity: d("1"),
    }];
    input.call_charges = Some(InvoiceCallCharges {
        calls: 1,
        cost: d("0.10"),
        bundles: vec![InvoiceBundleFee {
            name: "Flat NL fixed".into(),
            monthly_fee: d("25.00"),
        }],
    });
    input.one_off = vec![InvoiceOneOffItem {
        description: "Number porting".into(),
        amount: Some(d("10.00")),
    }];
    input.service_work_minutes = vec![50];
    input.trained_persons = 1;
    let inv = billing_invoice(input, Some("nox".into())).unwrap();
    let kinds: Vec<_> = inv.lines.iter().map(|l| l.kind).collect();
    use InvoiceLineKind as K;
    assert_eq!(
        kinds,
        [
            K::Recurring,
            K::Usage,
            K::Calls,
            K::Bundle,
            K::OneOff,
            K::ServiceWork,
            K::Training
        ]
    );
    let names: Vec<_> = kinds.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "recurring",
            "usage",
            "calls",
            "bundle",
            "one_off",
            "service_work",
            "training"
        ]
    );
}

// Two usage lines of 0.005: rounded per line (half-up) they are 0.01 each, 0.02 in all;
// rounded once on the invoice, 0.010 is 0.01.
#[test]
fn per_invoice_rounding_keeps_lines_exact_and_rounds_the_subtotal_once() {
    let mut input = april(vec![]);
    input.usage = vec![
        InvoiceUsageItem {
            description: "a".into(),
            unit_price: d("0.005"),
            quantity: Decimal::ONE,
        },
        InvoiceUsageItem {
            description: "b".into(),
            unit_price: d("0.005"),
            quantity: Decimal::ONE,
        },
    ];
    assert_eq!(
        billing_invoice(input.clone(), None).unwrap().subtotal,
        d("0.02")
    );
    input.rounding_point = InvoiceRoundingPoint::PerInvoice;
    assert_eq!(billing_invoice(input, None).unwrap().subtotal, d("0.01"));
}

// A PBX at 20.00, 5 transcriptions at 0.023 (0.115) and 2 SMS at 0.005 (0.010), NL VAT
// 21%. Half-up per line: 20.00 + 0.12 + 0.01 = 20.13, VAT 4.2273 → 4.23, total 24.36.
// Half-even on the invoice: 20.125 → 20.12, VAT 4.2252 → 4.23, total 24.35. Either
// choice alone gives 20.13 (0.115 → 0.12 half-even too; 20.125 → 20.13 half-up).
#[test]
fn the_rounding_mode_and_point_are_the_ones_asked_for() {
    let mut input = april(vec![InvoiceRecurringItem {
        description: "PBX".into(),
        unit_price: d("20.00"),
        quantity: None,
        active_from: None,
        active_until: None,
    }]);
    input.usage = vec![
        InvoiceUsageItem {
            description: "Transcription".into(),
            unit_price: d("0.023"),
            quantity: d("5"),
        },
        InvoiceUsageItem {
            description: "SMS".into(),
            unit_price: d("0.005"),
            quantity: d("2"),
        },
    ];
    let totals = |mode, point| {
        let mut input = input.clone();
        input.rounding_mode = mode;
        input.rounding_point = point;
        let inv = billing_invoice(input, None).unwrap();
        (inv.subtotal, inv.vat, inv.total)
    };
    use InvoiceRoundingPoint::{PerInvoice, PerLine};
    assert_eq!(
        totals(InvoiceRoundingMode::HalfUp, PerLine),
        (d("20.13"), d("4.23"), d("24.36"))
    );
    assert_eq!(
        totals(InvoiceRoundingMode::HalfEven, PerInvoice),
        (d("20.12"), d("4.23"), d("24.35"))
    );
    assert_eq!(totals(InvoiceRoundingMode::HalfEven, PerLine).0, d("20.13"));
    assert_eq!(
        totals(InvoiceRoundingMode::HalfUp, PerInvoice).0,
        d("20.13")
    );
    // Up and down per line: 0.115 → 0.12 or 0.11, 0.010 stays.
    assert_eq!(totals(InvoiceRoundingMode::Up, PerLine).0, d("20.13"));
    assert_eq!(totals(InvoiceRoundingMode::Down, PerLine).0, d("20.12"));
    // More places than a decimal holds is still refused.
    input.rounding_decimals = 29;
    assert!(matches!(
        billing_invoice(input, None),
        Err(VoipkitError::Tariff { kind, .. }) if kind == "invalid_argument"
    ));
}

#[test]
fn a_period_that_ends_before_it_starts_is_a_tariff_error() {
    let mut input = april(vec![]);
    input.period_end = date(2026, 3, 31);
    assert!(matches!(
        billing_invoice(input, None),
        Err(VoipkitError::Tariff { .. })
    ));
}

// The sample plan's bundles are "Flat NL fixed" 25.00 and "30 mobile minutes" 7.50 a
// month. Three calls costing 1.7667, 0 and 0.1000 sum to 1.8667, on the invoice 1.87
// (half-up, once); with both bundle fees the subtotal is 34.37, VAT 21% = 7.2177 → 7.22,
// total 41.59.
#[test]
fn call_charges_sum_the_rated_costs_and_bring_the_plans_bundle_fees() {
    let charges =
        voipkit_ffi::billing_call_charges(&sample_plan(), vec![d("1.7667"), d("0"), d("0.1000")])
            .unwrap();
    assert_eq!((charges.calls, charges.cost), (3, d("1.8667")));
    let bundles: Vec<_> = charges
        .bundles
        .iter()
        .map(|b| (b.name.as_str(), b.monthly_fee))
        .collect();
    assert_eq!(
        bundles,
        [
            ("Flat NL fixed", d("25.00")),
            ("30 mobile minutes", d("7.50"))
        ]
    );
    let mut input = april(vec![]);
    input.call_charges = Some(charges);
    let inv = billing_invoice(input, None).unwrap();
    assert_eq!(inv.lines[0].amount, d("1.87"));
    assert_eq!(
        (inv.subtotal, inv.vat, inv.total),
        (d("34.37"), d("7.22"), d("41.59"))
    );
}
