//! Careless and hostile input to the evaluations and loaders: dates outside the
//! supported years, a complaint before its delivery, configurations of garbage. Each
//! case is a typed error naming what is wrong, never a result.
#![allow(clippy::unwrap_used, clippy::panic)] // test code

use contracts::{Calendar, Error, LoadLimits, MAX_YEAR, MIN_YEAR, Rulebook, ServiceConfig};
use jiff::civil::{Date, date};

fn out_of_range(result: Result<impl std::fmt::Debug, Error>, year: i16) {
    match result {
        Err(Error::YearOutOfRange { year: y, min, max }) => {
            assert_eq!((y, min, max), (year, MIN_YEAR, MAX_YEAR));
        }
        other => panic!("expected year {year} out of range, got {other:?}"),
    }
}

#[test]
fn adding_zero_working_days_to_year_zero_is_out_of_range() {
    out_of_range(Calendar::nl().add_working_days(date(0, 1, 1), 0), 0);
    out_of_range(Calendar::de().add_working_days(date(26, 1, 31), 1), 26);
    out_of_range(
        Calendar::be().working_days_between(date(2026, 1, 1), date(9999, 12, 31)),
        9999,
    );
}

#[test]
fn every_rulebook_evaluation_refuses_a_date_outside_the_supported_years() {
    let far = date(26, 1, 31);
    let now = date(2026, 1, 31);
    let jitco = Rulebook::preset("jitco").unwrap();
    let accensys = Rulebook::preset("accensys").unwrap();
    let allocloud = Rulebook::preset("allocloud").unwrap();
    out_of_range(accensys.cancel(far, now), 26);
    out_of_range(accensys.status_on(now, None, far), 26);
    out_of_range(jitco.price_change(now, far), 26);
    out_of_range(jitco.complaint_deadline(far, None), 26);
    out_of_range(jitco.complaint_deadline(now, Some(date(9000, 1, 1))), 9000);
    out_of_range(jitco.dispute_deadlines(far), 26);
    out_of_range(jitco.deemed_operational(far, None), 26);
    out_of_range(allocloud.warranty_end(far, None), 26);
    out_of_range(allocloud.user_floor(10, far), 26);
    let at: jiff::Timestamp = "0026-01-31T12:00:00Z".parse().unwrap();
    out_of_range(allocloud.support(at, contracts::Severity::Critical), 26);
}

#[test]
fn a_complaint_dated_before_the_delivery_is_refused() {
    let jitco = Rulebook::preset("jitco").unwrap();
    let e = jitco
        .complaint_deadline(date(2026, 3, 10), Some(date(2026, 3, 1)))
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidArgument { name, .. } if name == "complained"),
        "{e:?}"
    );
    // The day of the delivery itself is a complaint in time.
    let c = jitco
        .complaint_deadline(date(2026, 3, 10), Some(date(2026, 3, 10)))
        .unwrap();
    assert_eq!(c.in_time, Some(true));
}

#[test]
fn a_set_up_before_the_delivery_is_refused() {
    let jitco = Rulebook::preset("jitco").unwrap();
    let e = jitco
        .deemed_operational(date(2026, 3, 10), Some(date(2026, 3, 9)))
        .unwrap_err();
    assert!(matches!(&e, Error::InvalidArgument { name, .. } if name == "actual"));
}

fn config_error(text: &str) -> (String, Option<usize>) {
    match ServiceConfig::from_str_any(text, &LoadLimits::default()) {
        Err(Error::InvalidConfig { field, line, .. }) => (field, line),
        other => panic!("{text:?}: expected InvalidConfig, got {other:?}"),
    }
}

#[test]
fn garbage_values_in_a_service_configuration_are_errors_at_their_line() {
    let cases: &[(&str, &str, usize)] = &[
        (
            "[[number_blocks]]\nrange = \"garbage\"\npostal_address = \"x\"\n",
            "number_blocks.range",
            2,
        ),
        (
            "[[number_blocks]]\nrange = \"+3227002099-+3227002000\"\n",
            "number_blocks.range",
            2,
        ),
        (
            "[[number_blocks]]\nrange = \"+3227002000-+32270020\"\n",
            "number_blocks.range",
            2,
        ),
        (
            "service = \"sip_trunk\"\n[[caller_ids]]\nnumber = \"garbage!!\"\nassigned = true\n",
            "caller_ids.number",
            3,
        ),
        (
            "[[caller_ids]]\nnumber = \"+1234567890123456\"\nassigned = true\n",
            "caller_ids.number",
            2,
        ),
        (
            "[[lines]]\nid = \"\"\npurpose = \"telephony\"\n",
            "lines.id",
            2,
        ),
        ("garbage here\n", "garbage here", 1),
        ("service = \"sip_trunk\"\nbogus = 1\n", "bogus", 2),
    ];
    for (text, field, line) in cases {
        assert_eq!(
            config_error(text),
            ((*field).to_owned(), Some(*line)),
            "{text}"
        );
    }
}

#[test]
fn an_empty_configuration_is_refused_rather_than_called_valid() {
    for text in ["", "# only a comment\n", "{}", "  \n"] {
        assert_eq!(
            config_error(text),
            ("document".to_owned(), None),
            "{text:?}"
        );
    }
    // A single number and a real block still load.
    let ok = "[[number_blocks]]\nrange = \"+3227001000-+3227001099\"\n\
              [[number_blocks]]\nrange = \"+3227001000\"\n";
    let cfg = ServiceConfig::from_str_any(ok, &LoadLimits::default()).unwrap();
    assert_eq!(cfg.number_blocks.len(), 2);
}

#[test]
fn supported_dates_are_the_calendar_years() {
    let edge = |y: i16| -> Date { date(y, 6, 1) };
    assert!(contracts::check_supported_date(edge(MIN_YEAR)).is_ok());
    assert!(contracts::check_supported_date(edge(MAX_YEAR)).is_ok());
    out_of_range(
        contracts::check_supported_date(edge(MIN_YEAR - 1)),
        MIN_YEAR - 1,
    );
    out_of_range(
        contracts::check_supported_date(edge(MAX_YEAR + 1)),
        MAX_YEAR + 1,
    );
}
