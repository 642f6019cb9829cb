//! Rulebooks load from TOML and JSON, write back out unchanged, and reject bad
//! documents with an error that names the field.

use contracts::{Error, LoadLimits, Rulebook, ServiceConfig};

fn field_of(e: &Error) -> (&str, Option<usize>) {
    match e {
        Error::InvalidRulebook { field, line, .. } | Error::InvalidConfig { field, line, .. } => {
            (field.as_str(), *line)
        }
        other => unreachable!("unexpected error {other:?}"),
    }
}

#[test]
fn every_preset_round_trips_through_toml_and_json() -> Result<(), Error> {
    for book in Rulebook::presets() {
        let toml = book.to_toml_string()?;
        assert_eq!(Rulebook::from_toml_str(&toml)?, book, "{toml}");
        let json = book.to_json_string()?;
        assert_eq!(Rulebook::from_json_str(&json)?, book, "{json}");
        assert_eq!(Rulebook::from_str_any(&json)?, book);
    }
    Ok(())
}

#[test]
fn the_sample_rulebook_loads_and_round_trips() -> Result<(), Error> {
    let text = include_str!("data/example_trunks.toml");
    let book = Rulebook::from_toml_str(text)?;
    assert_eq!(book.name, "example-trunks");
    assert_eq!(book.calendar.closing_days.len(), 1);
    assert_eq!(Rulebook::from_toml_str(&book.to_toml_string()?)?, book);
    Ok(())
}

#[test]
fn preset_names_are_case_insensitive_and_unknown_names_fail() {
    assert!(Rulebook::preset("AllOcloud").is_ok());
    assert!(matches!(
        Rulebook::preset("acme"),
        Err(Error::UnknownRulebook { .. })
    ));
}

#[test]
fn unknown_field_is_named_with_its_line() {
    let text =
        "name = \"x\"\n\n[warranty]\nmonts = 12\nprovenance = { source = \"s\", clause = \"c\" }\n";
    let e = Rulebook::from_toml_str(text)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(field_of(&e), ("warranty.monts", Some(4)));
    assert!(e.to_string().contains("unknown field"), "{e}");
}

#[test]
fn missing_field_is_named() {
    let text = "name = \"x\"\n[warranty]\nprovenance = { source = \"s\", clause = \"c\" }\n";
    let e = Rulebook::from_toml_str(text)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert!(e.to_string().contains("months"), "{e}");
    let json = r#"{"name": "x", "warranty": {"provenance": {"source": "s", "clause": "c"}}}"#;
    let e = Rulebook::from_json_str(json)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(field_of(&e).0, "months");
}

#[test]
fn bad_values_are_rejected_naming_the_field() {
    let region = "name = \"x\"\ncalendar = { regions = [\"FR\"] }\n";
    let e = Rulebook::from_toml_str(region)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert!(e.to_string().contains("FR"), "{e}");
    assert_eq!(field_of(&e).1, Some(2));

    let zone = "name = \"x\"\n[support]\ntime_zone = \"Mars/Olympus\"\nwindows = []\nprovenance = { source = \"s\", clause = \"c\" }\n";
    let e = Rulebook::from_toml_str(zone)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(field_of(&e).0, "support.time_zone");

    let window = "name = \"x\"\n[support]\ntime_zone = \"Europe/Brussels\"\nwindows = [{ weekdays = [\"monday\"], opens = \"18:00\", closes = \"08:30\" }]\nprovenance = { source = \"s\", clause = \"c\" }\n";
    let e = Rulebook::from_toml_str(window)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(field_of(&e).0, "support.windows[0]");

    let weekday = "name = \"x\"\n[support]\ntime_zone = \"Europe/Brussels\"\nwindows = [{ weekdays = [\"funday\"], opens = \"08:00\", closes = \"09:00\" }]\nprovenance = { source = \"s\", clause = \"c\" }\n";
    let e = Rulebook::from_toml_str(weekday)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert!(e.to_string().contains("funday"), "{e}");

    let percent = "name = \"x\"\n[user_reduction]\nmax_percent = 101\nprovenance = { source = \"s\", clause = \"c\" }\n";
    let e = Rulebook::from_toml_str(percent)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(field_of(&e).0, "user_reduction.max_percent");

    let empty = "name = \"\"\n";
    let e = Rulebook::from_toml_str(empty)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(field_of(&e).0, "name");
}

#[test]
fn limits_bound_the_document() {
    let months = "name = \"x\"\n[notice]\nkind = { kind = \"months_to_the_day\", months = 5000 }\nprovenance = { source = \"s\", clause = \"c\" }\n";
    let e = Rulebook::from_toml_str(months)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(field_of(&e).0, "notice.kind.months");
    // The same document passes with a raised limit.
    assert!(Rulebook::from_toml_str_with(months, &LoadLimits::default().max_months(6000)).is_ok());
    let small = LoadLimits::default().max_bytes(10);
    let e = Rulebook::from_toml_str_with(months, &small)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(field_of(&e).0, "document");
    let few = LoadLimits::default().max_items(1);
    let days = "name = \"x\"\ncalendar = { closing_days = [{ date = \"2026-01-02\", name = \"a\" }, { date = \"2026-01-05\", name = \"b\" }] }\n";
    let e = Rulebook::from_toml_str_with(days, &few)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(field_of(&e).0, "calendar.closing_days");
}

#[test]
fn service_config_loads_from_toml_and_json() -> Result<(), Error> {
    let limits = LoadLimits::default();
    let toml =
        "service = \"sip_trunk\"\nauto_dialer = true\n[[lines]]\nid = \"1\"\npurpose = \"alarm\"\n";
    let a = ServiceConfig::from_str_any(toml, &limits)?;
    let json = r#"{"service": "sip_trunk", "auto_dialer": true, "lines": [{"id": "1", "purpose": "alarm"}]}"#;
    assert_eq!(ServiceConfig::from_str_any(json, &limits)?, a);
    let bad = "[[lines]]\nid = \"1\"\npurpose = \"burglar\"\n";
    let e = ServiceConfig::from_str_any(bad, &limits)
        .err()
        .unwrap_or_else(|| unreachable!());
    assert!(matches!(e, Error::InvalidConfig { .. }));
    assert_eq!(field_of(&e).1, Some(3));
    Ok(())
}
