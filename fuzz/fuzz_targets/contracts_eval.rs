//! Every evaluation of every preset, and the calendar arithmetic, on arbitrary dates,
//! counts and instants: typed errors, never a panic.
#![no_main]

use contracts::{Calendar, GermanState, Region, Rulebook, Severity, add_months};
use jiff::civil::Date;
use libfuzzer_sys::fuzz_target;

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    fn i16(&mut self) -> i16 {
        i16::from_le_bytes([self.u8(), self.u8()])
    }
    fn i32(&mut self) -> i32 {
        i32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
    fn i64(&mut self) -> i64 {
        i64::from(self.i32()) << 8 | i64::from(self.u8())
    }
    /// A date: mostly near the supported range, sometimes anywhere jiff allows.
    fn date(&mut self) -> Option<Date> {
        let raw = self.i16();
        let year = if raw % 4 == 0 {
            raw.clamp(-9999, 9999)
        } else {
            1990 + raw.rem_euclid(220)
        };
        Date::new(year, (self.u8() % 12 + 1) as i8, (self.u8() % 31 + 1) as i8).ok()
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let presets = Rulebook::presets();
    let book = &presets[usize::from(b.u8()) % presets.len()];
    let (Some(d1), Some(d2), Some(d3)) = (b.date(), b.date(), b.date()) else {
        return;
    };
    let _ = book.cancel(d1, d2);
    if let (Ok(full), Ok(fast)) = (book.cancel(d1, d2), book.cancel_dates(d1, d2)) {
        assert_eq!(
            (full.processed_on, full.earliest_end),
            (fast.processed_on, fast.earliest_end)
        );
        assert!(full.earliest_end >= full.processed_on);
    }
    let _ = book.status_on(d1, Some(d2), d3);
    let _ = book.status_on(d1, None, d3);
    let _ = book.price_change(d1, d2);
    let _ = book.complaint_deadline(d1, Some(d2));
    let _ = book.dispute_deadlines(d1);
    let _ = book.deemed_operational(d1, Some(d2));
    let _ = book.warranty_end(d1, Some(d2));
    let _ = book.user_floor(b.i64().unsigned_abs(), d3);
    let severity = [
        Severity::Critical,
        Severity::Major,
        Severity::Minor,
        Severity::Question,
    ][usize::from(b.u8() % 4)];
    if let Ok(ts) = jiff::Timestamp::from_second(b.i64() % 253_402_207_200) {
        let _ = book.support(ts, severity);
    }

    let region = match b.u8() % 4 {
        0 => Region::NL,
        1 => Region::BE,
        2 => Region::DE,
        _ => Region::DeState(GermanState::ALL[usize::from(b.u8() % 16)]),
    };
    let cal = Calendar::for_region(region).with_closing_day(d3, "closed");
    let n = i32::from(b.i16());
    if let Ok(to) = cal.add_working_days(d1, n) {
        if n != 0 {
            assert_eq!(cal.is_working_day(to).ok(), Some(true), "{d1} + {n} = {to}");
        }
        if n > 0 {
            assert_eq!(cal.working_days_between(d1, to).ok(), Some(i64::from(n)));
        }
    }
    let _ = cal.holidays(d2.year());
    let _ = cal.working_days_between(d1, d2);
    let _ = add_months(d1, b.i32());
});
