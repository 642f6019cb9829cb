//! Cancellation evaluation and working-day arithmetic, beside the peer: jiff's own
//! calendar arithmetic doing the same walk (the floor any calendar built on jiff pays).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use contracts::{Calendar, Rulebook};
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::{Date, Weekday, date};

fn cancellation(c: &mut Criterion) {
    let accensys = Rulebook::preset("accensys").unwrap();
    let jitco = Rulebook::preset("jitco").unwrap();
    let start = date(2025, 1, 1);
    let requested = date(2026, 12, 24);
    let mut g = c.benchmark_group("cancel");
    g.bench_function("accensys_dates", |b| {
        b.iter(|| {
            accensys
                .cancel_dates(black_box(start), black_box(requested))
                .unwrap()
        })
    });
    g.bench_function("accensys_explained", |b| {
        b.iter(|| {
            accensys
                .cancel(black_box(start), black_box(requested))
                .unwrap()
        })
    });
    g.bench_function("jitco_dates", |b| {
        b.iter(|| {
            jitco
                .cancel_dates(black_box(start), black_box(requested))
                .unwrap()
        })
    });
    g.finish();
}

/// The peer: the N-th weekday after a date with jiff alone (weekends only, no holidays).
fn jiff_add_weekdays(from: Date, n: u32) -> Date {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d = d.tomorrow().unwrap();
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    d
}

fn working_days(c: &mut Criterion) {
    let nl = Calendar::nl();
    let weekends = Calendar::weekends_only();
    let from = date(2026, 1, 1);
    let mut g = c.benchmark_group("add_working_days_year");
    // 253 NL working days is one year from 1 Jan 2026.
    g.bench_function("contracts_nl", |b| {
        b.iter(|| {
            nl.add_working_days(black_box(from), black_box(253))
                .unwrap()
        })
    });
    g.bench_function("contracts_weekends_only", |b| {
        b.iter(|| {
            weekends
                .add_working_days(black_box(from), black_box(261))
                .unwrap()
        })
    });
    g.bench_function("peer_jiff_weekdays", |b| {
        b.iter(|| jiff_add_weekdays(black_box(from), black_box(261)))
    });
    g.bench_function("contracts_nl_holidays_of_a_year", |b| {
        b.iter(|| nl.holidays(black_box(2026)).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = cancellation, working_days
}
criterion_main!(benches);
