//! The Arrow kernels of the bindings (`voipkit_ffi::*_arrow`) on arbitrary columns: a
//! batch of calls whose `start` unit and zone, `duration_s` width and sign, `call_id`
//! type, `answered` nulls and the text layouts (plain, large, view or dictionary
//! strings; plain, large or view binaries) all come from the input, rated by the sample
//! plan; the same destinations normalized; the input's NUL-separated parts as a column of
//! SIP messages, checked and parsed. No panic; one output row per input row; a rated row
//! has a cost and no error, an error row an error and no cost; no cost is negative.
#![no_main]

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Int32Type};
use arrow_array::{
    Array, ArrayRef, BinaryArray, BinaryViewArray, BooleanArray, DictionaryArray, Int16Array,
    Int64Array, LargeBinaryArray, LargeStringArray, RecordBatch, StringArray, StringViewArray,
    TimestampMicrosecondArray, TimestampMillisecondArray, TimestampNanosecondArray,
    TimestampSecondArray, UInt64Array,
};
use libfuzzer_sys::fuzz_target;

static PLAN: LazyLock<Option<voipkit_ffi::TariffPlan>> = LazyLock::new(|| {
    let tables = HashMap::from([(
        "rates.csv".to_owned(),
        include_str!("../../samples/rates.csv").to_owned(),
    )]);
    voipkit_ffi::TariffPlan::parse_toml(include_str!("../../samples/plan.toml"), &tables).ok()
});

fn word(bytes: &[u8]) -> i64 {
    let mut b = [0u8; 8];
    let n = bytes.len().min(8);
    b[..n].copy_from_slice(&bytes[..n]);
    i64::from_le_bytes(b)
}

fn check_rows(out: &RecordBatch, rows: usize, value: &str) {
    assert_eq!(out.num_rows(), rows);
    let value = out.column_by_name(value).expect("value column");
    let error = out.column_by_name("error").expect("error column");
    for i in 0..rows {
        assert!(
            value.is_null(i) != error.is_null(i),
            "row {i}: exactly one of value and error"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(plan) = PLAN.as_ref() else { return };
    let Some((&shape, rest)) = data.split_first() else {
        return;
    };
    // Rows of 17 bytes: 8 start, 8 duration, 1 destination length, then destinations.
    let rows: Vec<&[u8]> = rest.chunks(17).take(256).collect();
    let mut text = rest.get(rows.len() * 17..).unwrap_or(&[]);
    let mut destinations = Vec::new();
    let mut starts = Vec::new();
    let mut durations = Vec::new();
    for row in &rows {
        starts.push(word(row.get(..8).unwrap_or(row)));
        durations.push(word(row.get(8..16).unwrap_or(&[])));
        let len = usize::from(row.get(16).copied().unwrap_or(0) % 24).min(text.len());
        let (d, tail) = text.split_at(len);
        text = tail;
        destinations
            .push((d.first() != Some(&0xff)).then(|| String::from_utf8_lossy(d).into_owned()));
    }
    let n = rows.len();
    let start: ArrayRef = match shape % 5 {
        0 => Arc::new(TimestampSecondArray::from(starts.clone())),
        1 => Arc::new(TimestampMillisecondArray::from(starts.clone()).with_timezone("UTC")),
        2 => Arc::new(TimestampMicrosecondArray::from(starts.clone()).with_timezone("+05:30")),
        3 => Arc::new(TimestampNanosecondArray::from(starts.clone())),
        _ => Arc::new(StringArray::from_iter(
            destinations.iter().map(|d| d.as_deref()),
        )),
    };
    let duration: ArrayRef = match (shape >> 3) % 3 {
        0 => Arc::new(Int64Array::from(durations.clone())),
        1 => Arc::new(UInt64Array::from_iter_values(
            durations.iter().map(|d| *d as u64),
        )),
        _ => Arc::new(Int16Array::from_iter_values(
            durations.iter().map(|d| *d as i16),
        )),
    };
    // The destination's layout: plain, large or view strings, or dictionary-encoded (as
    // pandas categoricals and Polars Categorical arrive).
    let texts = || destinations.iter().map(|d| d.as_deref());
    let destination: ArrayRef = match (shape >> 4) & 1 | ((shape >> 1) & 2) {
        0 => Arc::new(StringArray::from_iter(texts())),
        1 => Arc::new(texts().collect::<DictionaryArray<Int32Type>>()),
        2 => Arc::new(LargeStringArray::from_iter(texts())),
        _ => Arc::new(StringViewArray::from_iter(texts())),
    };
    let mut columns: Vec<(&str, ArrayRef)> = vec![
        ("destination", destination),
        ("start", start),
        ("duration_s", duration),
    ];
    if shape & 0x20 != 0 {
        let answered: BooleanArray = durations
            .iter()
            .map(|d| (d % 3 != 0).then_some(d % 2 == 0))
            .collect();
        columns.push(("answered", Arc::new(answered)));
    }
    if shape & 0x40 != 0 {
        columns.push(("call_id", Arc::new(Int64Array::from(starts.clone()))));
    }
    let Ok(batch) = RecordBatch::try_from_iter(columns) else {
        return;
    };
    plan.reset_bundles();
    if let Ok(out) = plan.rate_arrow(&batch) {
        check_rows(&out, n, "cost");
        let cost = out
            .column_by_name("cost")
            .expect("cost")
            .as_primitive::<Decimal128Type>();
        assert!(cost.iter().flatten().all(|c| c >= 0), "no cost is negative");
    }
    let numbers = StringArray::from_iter(destinations.iter().map(|d| d.as_deref()));
    if let Ok(out) = voipkit_ffi::tariff_normalize_arrow(&numbers, "NL") {
        check_rows(&out, n, "e164");
    }
    // The messages as binary, large binary or binary view.
    let parts = || rest.split(|b| *b == 0).take(64).map(Some);
    let messages: ArrayRef = match shape % 3 {
        0 => Arc::new(BinaryArray::from_iter(parts())),
        1 => Arc::new(LargeBinaryArray::from_iter(parts())),
        _ => Arc::new(BinaryViewArray::from_iter(parts())),
    };
    let lenient = shape & 0x80 != 0;
    if let Ok(out) = voipkit_ffi::sip_check_arrow(messages.as_ref(), lenient) {
        assert_eq!(out.num_rows(), messages.len());
    }
    if let Ok(out) = voipkit_ffi::sip_parse_arrow(messages.as_ref(), lenient) {
        check_rows(&out, messages.len(), "is_request");
    }
});
