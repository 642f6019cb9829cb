//! Properties of cancellations and working-day arithmetic (proptest).

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // Test code.

use contracts::{Calendar, GermanState, Region, Rulebook, add_months};
use jiff::civil::{Date, date};
use proptest::prelude::*;

/// A date in 1996..=2198, so that every walk stays inside the calendar range.
fn any_date() -> impl Strategy<Value = Date> {
    (1996i16..=2198, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
        let first = date(y, m, 1);
        date(y, m, d.min(first.days_in_month()))
    })
}

fn any_region() -> impl Strategy<Value = Region> {
    prop_oneof![
        Just(Region::NL),
        Just(Region::BE),
        Just(Region::DE),
        (0usize..16).prop_map(|i| Region::DeState(GermanState::ALL[i])),
    ]
}

fn preset() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("accensys"), Just("jitco")]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    // TERMS ACC-4, JIT-7: the contract never ends before processing + one month.
    #[test]
    fn earliest_end_is_never_before_processing_plus_one_month(
        name in preset(), start in any_date(), gap in 0i32..2000
    ) {
        let book = Rulebook::preset(name).unwrap();
        let requested = start.checked_add(jiff::Span::new().days(gap)).unwrap();
        prop_assume!(requested.year() <= 2198);
        let c = book.cancel(start, requested).unwrap();
        prop_assert!(c.processed_on >= requested);
        prop_assert!(c.earliest_end >= add_months(c.processed_on, 1).unwrap(), "{c:?}");
        prop_assert!(c.earliest_end >= c.notice_end);
        if let Some(t) = c.minimum_term_end {
            prop_assert!(c.earliest_end >= t);
        }
    }

    // TERMS ACC-4, JIT-7: a later request never gives an earlier end.
    #[test]
    fn cancellation_is_monotonic_in_the_request_date(
        name in preset(), start in any_date(), a in 0i32..1500, b in 0i32..1500
    ) {
        let book = Rulebook::preset(name).unwrap();
        let (a, b) = (a.min(b), a.max(b));
        let ra = start.checked_add(jiff::Span::new().days(a)).unwrap();
        let rb = start.checked_add(jiff::Span::new().days(b)).unwrap();
        prop_assume!(rb.year() <= 2198);
        let ca = book.cancel_dates(start, ra).unwrap();
        let cb = book.cancel_dates(start, rb).unwrap();
        prop_assert!(ca.processed_on <= cb.processed_on);
        prop_assert!(ca.earliest_end <= cb.earliest_end, "{ra} -> {ca:?}, {rb} -> {cb:?}");
    }

    // TERMS CAL-*: adding N >= 1 working days lands on a working day, and counting the
    // working days back gives N.
    #[test]
    fn add_working_days_lands_on_a_working_day(
        region in any_region(), from in any_date(), n in 1i32..400
    ) {
        let cal = Calendar::for_region(region);
        let to = cal.add_working_days(from, n).unwrap();
        prop_assert!(to > from);
        prop_assert!(cal.is_working_day(to).unwrap(), "{region} {from} + {n} = {to}");
        prop_assert_eq!(cal.working_days_between(from, to).unwrap(), i64::from(n));
        // And back again: the n-th working day before `to` is the first working day on or
        // after `from` + 1 ... which is `from` itself when `from` is a working day.
        let back = cal.add_working_days(to, -n).unwrap();
        prop_assert!(back <= from || !cal.is_working_day(from).unwrap());
        if cal.is_working_day(from).unwrap() {
            prop_assert_eq!(back, from);
        }
    }

    // The explained and the fast cancellation agree.
    #[test]
    fn fast_and_explained_cancellations_agree(name in preset(), start in any_date(), gap in 0i32..800) {
        let book = Rulebook::preset(name).unwrap();
        let requested = start.checked_add(jiff::Span::new().days(gap)).unwrap();
        prop_assume!(requested.year() <= 2198);
        let full = book.cancel(start, requested).unwrap();
        let fast = book.cancel_dates(start, requested).unwrap();
        prop_assert_eq!((full.processed_on, full.earliest_end), (fast.processed_on, fast.earliest_end));
    }

    // Month arithmetic: the result is in the target month, on the same day or clamped.
    #[test]
    fn add_months_stays_in_the_target_month(d in any_date(), n in -240i32..240) {
        let r = add_months(d, n).unwrap();
        let months = i32::from(r.year() - d.year()) * 12 + i32::from(r.month() - d.month());
        prop_assert_eq!(months, n);
        prop_assert_eq!(r.day(), d.day().min(r.days_in_month()));
    }
}
