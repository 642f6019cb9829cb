//! Invoices from arbitrary input: the first byte chooses TOML text, JSON text or an
//! input built field by field from the bytes (amounts of any scale and size, periods,
//! rounding, rulebook fees, rated calls). The engine gives an invoice or a typed
//! error, never a panic; an invoice's subtotal is its lines' exact sum rounded as
//! declared, its VAT the subtotal's rate rounded once, its total their sum.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use tariff::{
    CallCharges, CreditItem, InvoiceInput, OneOffItem, RecurringItem, Rounding, RoundingMode,
    RoundingPoint, Rulebook, UsageItem,
};

type Decimal = rust_decimal::Decimal;

fn decimal(u: &mut Unstructured<'_>) -> Result<Decimal> {
    let lo: u32 = u.arbitrary()?;
    let mid: u32 = if u.arbitrary()? { u.arbitrary()? } else { 0 };
    let hi: u32 = if u.arbitrary()? { u.arbitrary()? } else { 0 };
    let negative: bool = u.ratio(1, 8)?;
    let scale = u.int_in_range(0..=28)?;
    Ok(Decimal::from_parts(lo, mid, hi, negative, scale))
}

fn date(u: &mut Unstructured<'_>) -> Result<jiff::civil::Date> {
    let base = jiff::civil::date(2026, 1, 1);
    let days: i32 = if u.ratio(1, 16)? {
        u.arbitrary()?
    } else {
        u.int_in_range(-400..=400)?
    };
    Ok(jiff::Span::new()
        .try_days(i64::from(days))
        .ok()
        .and_then(|span| base.checked_add(span).ok())
        .unwrap_or(base))
}

fn text(u: &mut Unstructured<'_>) -> Result<String> {
    let names = [
        "PBX",
        "Device",
        "internet_upgrade",
        "internet_move",
        "internet_downgrade",
        "",
    ];
    Ok((*u.choose(&names)?).to_owned())
}

fn structured(
    u: &mut Unstructured<'_>,
) -> Result<(InvoiceInput, Option<Rulebook>, Option<CallCharges>)> {
    let mode = *u.choose(&[
        RoundingMode::HalfUp,
        RoundingMode::HalfEven,
        RoundingMode::Up,
        RoundingMode::Down,
    ])?;
    let point = *u.choose(&[
        RoundingPoint::PerIncrement,
        RoundingPoint::PerCall,
        RoundingPoint::PerLine,
        RoundingPoint::PerInvoice,
    ])?;
    let period_start = date(u)?;
    let period_end = if u.ratio(7, 8)? {
        period_start
            .last_of_month()
            .checked_add(jiff::Span::new().days(i64::from(u.int_in_range(-40..=0)?)))
            .unwrap_or(period_start)
    } else {
        date(u)?
    };
    let mut input = InvoiceInput {
        customer: String::new(),
        currency: tariff::Currency::EUR,
        country: (*u.choose(&["NL", "BE", "DE", "FR"])?).to_owned(),
        vat_pct: if u.arbitrary()? {
            Some(decimal(u)?)
        } else {
            None
        },
        period_start,
        period_end,
        rounding: Rounding {
            mode,
            decimals: u.int_in_range(0..=30)?,
            point,
        },
        recurring: Vec::new(),
        usage: Vec::new(),
        one_off: Vec::new(),
        credits: Vec::new(),
        service_work_minutes: Vec::new(),
        trained_persons: u.int_in_range(0..=3)?,
    };
    for _ in 0..u.int_in_range(0..=6)? {
        input.recurring.push(RecurringItem {
            description: text(u)?,
            unit_price: decimal(u)?,
            quantity: decimal(u)?,
            active_from: if u.arbitrary()? { Some(date(u)?) } else { None },
            active_until: if u.arbitrary()? { Some(date(u)?) } else { None },
        });
    }
    for _ in 0..u.int_in_range(0..=6)? {
        input.usage.push(UsageItem {
            description: text(u)?,
            unit_price: decimal(u)?,
            quantity: decimal(u)?,
        });
    }
    for _ in 0..u.int_in_range(0..=4)? {
        input.one_off.push(OneOffItem {
            description: text(u)?,
            amount: if u.arbitrary()? {
                Some(decimal(u)?)
            } else {
                None
            },
        });
    }
    for _ in 0..u.int_in_range(0..=2)? {
        input.credits.push(CreditItem {
            description: text(u)?,
            amount: decimal(u)?,
        });
    }
    for _ in 0..u.int_in_range(0..=3)? {
        input.service_work_minutes.push(u.arbitrary()?);
    }
    let book = match u.int_in_range(0..=5)? {
        0 => None,
        i => Rulebook::preset(tariff::PRESET_NAMES[(i - 1) as usize % tariff::PRESET_NAMES.len()])
            .ok(),
    };
    let calls = if u.arbitrary()? {
        let mut c = CallCharges {
            currency: if u.ratio(1, 8)? {
                tariff::Currency::new("USD").unwrap_or_default()
            } else {
                tariff::Currency::EUR
            },
            calls: u.arbitrary()?,
            cost: decimal(u)?,
            bundles: Vec::new(),
        };
        for _ in 0..u.int_in_range(0..=2)? {
            c.bundles.push((text(u)?, decimal(u)?));
        }
        Some(c)
    } else {
        None
    };
    Ok((input, book, calls))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (input, book, calls) = match selector % 4 {
        0 | 1 => {
            let Ok(text) = std::str::from_utf8(rest) else {
                return;
            };
            let input = if selector % 4 == 0 {
                InvoiceInput::from_toml_str(text)
            } else {
                InvoiceInput::from_json_str(text)
            };
            let Ok(input) = input else { return };
            (input, Rulebook::preset("nox").ok(), None)
        }
        _ => {
            let mut u = Unstructured::new(rest);
            let Ok(parts) = structured(&mut u) else {
                return;
            };
            parts
        }
    };
    let Ok(inv) = tariff::invoice(&input, book.as_ref(), calls.as_ref()) else {
        return;
    };
    // Negative amounts are refused, credits are the one explicit way to subtract.
    for line in &inv.lines {
        assert!(
            (line.kind == "credit") == (line.amount.is_sign_negative() && !line.amount.is_zero())
                || line.amount.is_zero(),
            "only credits are negative: {line:?}"
        );
    }
    if let Some(c) = &calls {
        assert_eq!(
            c.currency, input.currency,
            "an invoice never mixes currencies"
        );
    }
    let r = input.rounding;
    let sum = inv
        .lines
        .iter()
        .try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.amount))
        .expect("an invoice's lines add up without overflow");
    assert_eq!(
        inv.subtotal,
        r.mode.round(sum, r.decimals),
        "subtotal is the lines' sum rounded"
    );
    if r.point == RoundingPoint::PerLine {
        for line in &inv.lines {
            assert_eq!(
                line.amount,
                r.mode.round(line.amount, r.decimals),
                "lines are rounded"
            );
        }
    }
    let vat = inv
        .subtotal
        .checked_mul(inv.vat_pct)
        .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
        .expect("the VAT the invoice shows can be computed");
    assert_eq!(
        inv.vat,
        r.mode.round(vat, r.decimals),
        "VAT is rounded once"
    );
    assert_eq!(inv.total, inv.subtotal + inv.vat, "total = subtotal + VAT");
});
