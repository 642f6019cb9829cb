//! The whole rating pipeline from arbitrary text: a plan (TOML, or JSON when it starts
//! with `{`), a CDR CSV and optionally a rate table the plan names, separated by lines
//! that are exactly `---`. The plan
//! loads within the default limits or is a typed error; a loaded plan compiles or is a
//! typed error; the CDRs are read one at a time and rated with one bundle usage. No
//! panic, and what is rated holds together: a call costs nothing negative, a covered
//! call costs nothing, and the total is the exact sum of the costs or a typed overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

type Decimal = rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, "\n---\n");
    let plan_text = parts.next().unwrap_or("");
    let cdrs = parts.next().unwrap_or("");
    let table = parts.next().unwrap_or(cdrs);
    let format = if plan_text.trim_start().starts_with('{') {
        tariff::PlanFormat::Json
    } else {
        tariff::PlanFormat::Toml
    };
    // Every rate table the plan names is the third part (or the CDRs without one).
    let Ok(plan) = tariff::load_plan(plan_text, format, |_| Some(table)) else {
        return;
    };
    let Ok(engine) = tariff::RatingEngine::new(&plan) else {
        return;
    };
    let Ok(records) = engine.cdr_records(cdrs) else {
        return;
    };
    let mut usage = tariff::BundleUsage::new(&engine);
    let mut total = Some(Decimal::ZERO);
    let mut last_line = 1;
    for item in records.take(2_000) {
        let Ok((line, record)) = item else { continue };
        assert!(line > last_line, "each record starts after the one before");
        last_line = line;
        let Ok(rated) = engine.rate_record(&record, &mut usage) else {
            continue;
        };
        assert!(
            !rated.cost.is_sign_negative() || rated.cost.is_zero(),
            "{rated:?}"
        );
        if rated.included_in_bundle {
            assert!(rated.cost.is_zero(), "{rated:?}");
        }
        assert!(rated.cost <= rated.cost_before_bundle, "{rated:?}");
        let _ = engine.explain(&record, &rated);
        total = total.and_then(|t| t.checked_add(rated.cost));
    }
    // Prepaid authorization at the balance extremes is an answer or a typed error.
    if let Some(Ok((_, record))) = engine.cdr_records(cdrs).ok().and_then(|mut r| r.next()) {
        for (balance, limit) in [
            (Decimal::MAX, Decimal::MIN),
            (Decimal::MIN, Decimal::MAX),
            (Decimal::ZERO, Decimal::MIN),
        ] {
            let mut account = tariff::PrepaidAccount::new(engine.currency(), limit);
            account.balance = balance;
            let _ = engine.authorize(&account, record.start, &record.destination, &usage, 7_200);
        }
    }
    let _ = total;
});
