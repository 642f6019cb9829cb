//! Differential test of the NL, BE and DE calendars (and the 16 German Länder) against
//! the Python `holidays` package over 1995-2100 (TERMS CAL-NL, CAL-BE, CAL-DE).
//!
//! The peer runs through `VOIPKIT_PYTHON` (a Python with `holidays` installed). Without
//! it the test is skipped with a message, unless `VOIPKIT_REQUIRE_PEERS=1`, in which case
//! it fails.
//!
//! Deliberate differences, asserted exactly rather than tolerated:
//! - NL, 5 May: the Algemene termijnenwet (art. 3) counts Liberation Day as a holiday
//!   every year; `holidays` lists it as a public day off only in lustrum years (every
//!   fifth year). So voipkit has 5 May in every non-lustrum year in addition.
//! - NL and BE, Easter Sunday and Whit Sunday: `holidays` lists them; voipkit's calendars
//!   list the days TERMS names (the *second* Easter and Whit days). Both are Sundays, so
//!   no working-day answer differs.
//! - Good Friday in NL: both count it (art. 3(2) Algemene termijnenwet; `holidays` too).

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // Test code.

use std::collections::BTreeSet;
use std::process::Command;

use contracts::{Calendar, Region, easter_sunday};
use jiff::civil::{Date, Weekday, date};

const FIRST: i16 = 1995;
const LAST: i16 = 2100;

fn peer() -> Option<serde_json::Value> {
    let require = std::env::var("VOIPKIT_REQUIRE_PEERS").is_ok_and(|v| v == "1");
    let skip = |reason: String| {
        assert!(
            !require,
            "peer required (VOIPKIT_REQUIRE_PEERS=1) but {reason}"
        );
        eprintln!("skipping the differential test against Python holidays: {reason}");
        None
    };
    let Ok(python) = std::env::var("VOIPKIT_PYTHON") else {
        return skip("VOIPKIT_PYTHON is not set".into());
    };
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/holidays_peer.py");
    let output = match Command::new(&python).arg(script).output() {
        Ok(o) => o,
        Err(e) => return skip(format!("cannot run {python}: {e}")),
    };
    if !output.status.success() {
        return skip(format!(
            "{python} {script} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Some(serde_json::from_slice(&output.stdout).expect("peer output is JSON"))
}

fn theirs(peer: &serde_json::Value, key: &str) -> BTreeSet<Date> {
    peer[key]
        .as_array()
        .unwrap_or_else(|| panic!("peer has no {key}"))
        .iter()
        .map(|pair| pair[0].as_str().unwrap().parse::<Date>().unwrap())
        .collect()
}

fn ours(cal: &Calendar) -> BTreeSet<Date> {
    (FIRST..=LAST)
        .flat_map(|y| cal.holidays(y).unwrap())
        .map(|h| h.date)
        .collect()
}

fn easter_and_whit_sundays() -> BTreeSet<Date> {
    (FIRST..=LAST)
        .flat_map(|y| {
            let e = easter_sunday(y).unwrap();
            [e, e.checked_add(jiff::Span::new().days(49)).unwrap()]
        })
        .collect()
}

fn diff(a: &BTreeSet<Date>, b: &BTreeSet<Date>) -> BTreeSet<Date> {
    a.difference(b).copied().collect()
}

#[test]
fn calendars_match_python_holidays_except_the_documented_differences() {
    let Some(peer) = peer() else { return };
    eprintln!("peer: holidays {}", peer["version"]);

    // TERMS CAL-NL
    let nl = ours(&Calendar::nl());
    let py_nl = theirs(&peer, "NL");
    let sundays = easter_and_whit_sundays();
    assert!(sundays.iter().all(|d| d.weekday() == Weekday::Sunday));
    assert_eq!(
        diff(&py_nl, &nl),
        sundays,
        "NL: only Easter/Whit Sundays are theirs alone"
    );
    let liberation: BTreeSet<Date> = (FIRST..=LAST)
        .filter(|y| y % 5 != 0)
        .map(|y| date(y, 5, 5))
        // When Ascension falls on 5 May both list the day.
        .filter(|d| !py_nl.contains(d))
        .collect();
    assert_eq!(
        liberation.len(),
        84 - 1,
        "84 non-lustrum years, one with Ascension on 5 May"
    );
    assert_eq!(
        diff(&nl, &py_nl),
        liberation,
        "NL: only 5 May of non-lustrum years is ours alone"
    );

    // TERMS CAL-BE
    let be = ours(&Calendar::be());
    let py_be = theirs(&peer, "BE");
    assert_eq!(
        diff(&py_be, &be),
        sundays,
        "BE: only Easter/Whit Sundays are theirs alone"
    );
    assert_eq!(
        diff(&be, &py_be),
        BTreeSet::new(),
        "BE: nothing is ours alone"
    );

    // TERMS CAL-DE, national and by Land.
    for key in [
        "DE", "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV", "DE-NI",
        "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH",
    ] {
        let region: Region = key.parse().unwrap();
        let de = ours(&Calendar::for_region(region));
        let py = theirs(&peer, key);
        assert_eq!(
            diff(&py, &de),
            BTreeSet::new(),
            "{key}: days only Python has"
        );
        assert_eq!(
            diff(&de, &py),
            BTreeSet::new(),
            "{key}: days only voipkit has"
        );
    }
}

#[test]
fn working_days_match_python_holidays_on_weekdays() {
    // The same comparison as a working-day question: on every weekday of 1995-2100 the two
    // agree, except NL 5 May in non-lustrum years (the Algemene termijnenwet).
    let Some(peer) = peer() else { return };
    let py_nl = theirs(&peer, "NL");
    let nl = Calendar::nl();
    let mut day = date(FIRST, 1, 1);
    let mut disagreements = Vec::new();
    while day.year() <= LAST {
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            let py_working = !py_nl.contains(&day);
            if py_working != nl.is_working_day(day).unwrap() {
                disagreements.push(day);
            }
        }
        day = day.tomorrow().unwrap();
    }
    assert!(!disagreements.is_empty());
    assert!(
        disagreements
            .iter()
            .all(|d| d.month() == 5 && d.day() == 5 && d.year() % 5 != 0),
        "{disagreements:?}"
    );
}
