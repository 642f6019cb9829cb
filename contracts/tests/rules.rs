//! Hand-worked evaluations of the preset rulebooks, one group per TERMS id. The expected
//! dates were worked out by hand from the rule text, its Decision line and a calendar.

use contracts::rules::LinePurpose;
use contracts::{
    CallerIdUse, ContractState, Error, LineUse, NumberBlock, Rulebook, ServiceConfig, ServiceKind,
    Severity,
};
use jiff::Timestamp;
use jiff::civil::{Date, date};

type R = Result<(), Error>;

fn rb(name: &str) -> Rulebook {
    match Rulebook::preset(name) {
        Ok(rb) => rb,
        Err(e) => unreachable!("preset {name}: {e}"),
    }
}

fn d(y: i16, m: i8, day: i8) -> Date {
    date(y, m, day)
}

/// (start, requested) -> (processed_on, earliest_end) for Accensys.
fn acc(start: Date, requested: Date) -> Result<(Date, Date), Error> {
    let c = rb("accensys").cancel(start, requested)?;
    Ok((c.processed_on, c.earliest_end))
}

// TERMS ACC-4: Christmas. Wed 24 Dec 2025 + 2 NL working days skips 25 and 26 Dec and
// the weekend: Mon 29 (1st), Tue 30 (2nd). Notice month January 2026.
#[test]
fn acc4_christmas_request_is_processed_after_the_holidays() -> R {
    assert_eq!(
        acc(d(2024, 1, 1), d(2025, 12, 24))?,
        (d(2025, 12, 30), d(2026, 1, 31))
    );
    Ok(())
}

// TERMS ACC-4: New Year. Wed 30 Dec 2026: Thu 31 (1st), Fri 1 Jan holiday, weekend,
// Mon 4 Jan (2nd). Processed in January, so the notice month is February 2027.
#[test]
fn acc4_new_year_pushes_processing_into_january() -> R {
    assert_eq!(
        acc(d(2025, 1, 1), d(2026, 12, 30))?,
        (d(2027, 1, 4), d(2027, 2, 28))
    );
    Ok(())
}

// TERMS ACC-4: a request on a Saturday. Sat 21 Nov 2026: Mon 23 (1st), Tue 24 (2nd).
#[test]
fn acc4_weekend_request_counts_from_monday() -> R {
    assert_eq!(
        acc(d(2025, 1, 1), d(2026, 11, 21))?,
        (d(2026, 11, 24), d(2026, 12, 31))
    );
    Ok(())
}

// TERMS ACC-4 + CAL-NL: King's Day Monday 27 April 2026. Fri 24 Apr: weekend, Mon 27
// holiday, Tue 28 (1st), Wed 29 (2nd).
#[test]
fn acc4_kings_day_is_not_a_working_day() -> R {
    assert_eq!(
        acc(d(2025, 1, 1), d(2026, 4, 24))?,
        (d(2026, 4, 29), d(2026, 5, 31))
    );
    Ok(())
}

// TERMS ACC-4: processed on the 1st of a month: that month did not start strictly after
// processing, so the notice month is the next one. Wed 29 Apr 2026: Thu 30 (1st),
// Fri 1 May (2nd; 1 May is no Dutch holiday) -> June.
#[test]
fn acc4_processed_on_the_first_counts_the_next_month() -> R {
    assert_eq!(
        acc(d(2025, 1, 1), d(2026, 4, 29))?,
        (d(2026, 5, 1), d(2026, 6, 30))
    );
    // One day earlier: processed Thu 30 April -> May.
    assert_eq!(
        acc(d(2025, 1, 1), d(2026, 4, 28))?,
        (d(2026, 4, 30), d(2026, 5, 31))
    );
    Ok(())
}

// TERMS ACC-4 + CAL-NL: Easter in March 2024. Thu 28 Mar: Good Friday, weekend, Easter
// Monday 1 Apr, Tue 2 (1st), Wed 3 (2nd) -> May.
#[test]
fn acc4_easter_in_march() -> R {
    assert_eq!(
        acc(d(2023, 1, 1), d(2024, 3, 28))?,
        (d(2024, 4, 3), d(2024, 5, 31))
    );
    Ok(())
}

// TERMS ACC-4: the 31st. Fri 31 Jul 2026: Mon 3 Aug (1st), Tue 4 Aug (2nd) -> September.
#[test]
fn acc4_request_on_the_31st() -> R {
    assert_eq!(
        acc(d(2025, 1, 1), d(2026, 7, 31))?,
        (d(2026, 8, 4), d(2026, 9, 30))
    );
    Ok(())
}

// TERMS ACC-4: within the minimum term the term end wins: start 15 Mar 2026, term ends
// 14 Mar 2027 (start + 1 year - 1 day); notice would end 31 Jul 2026.
#[test]
fn acc4_minimum_term_end_wins_when_later() -> R {
    let c = rb("accensys").cancel(d(2026, 3, 15), d(2026, 6, 1))?;
    assert_eq!(c.processed_on, d(2026, 6, 3));
    assert_eq!(c.notice_end, d(2026, 7, 31));
    assert_eq!(c.minimum_term_end, Some(d(2027, 3, 14)));
    assert_eq!(c.earliest_end, d(2027, 3, 14));
    // Every step cites its TERMS id.
    assert!(
        c.explanation.iter().all(|s| s.terms_id == "ACC-4"),
        "{:?}",
        c.explanation
    );
    assert!(c.explanation.len() >= 3);
    Ok(())
}

// TERMS ACC-4: 29 February start. Term end = (29 Feb 2024 + 12 months, clamped to
// 28 Feb 2025) - 1 day = 27 Feb 2025. Mon 20 Jan 2025 -> processed Wed 22 Jan -> notice
// month February -> 28 Feb 2025, the later of the two.
#[test]
fn acc4_leap_day_start() -> R {
    let c = rb("accensys").cancel(d(2024, 2, 29), d(2025, 1, 20))?;
    assert_eq!(c.minimum_term_end, Some(d(2025, 2, 27)));
    assert_eq!(
        (c.processed_on, c.earliest_end),
        (d(2025, 1, 22), d(2025, 2, 28))
    );
    Ok(())
}

#[test]
fn acc4_request_before_start_is_an_error() {
    assert!(matches!(
        rb("accensys").cancel(d(2026, 3, 1), d(2026, 2, 1)),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn cancel_dates_match_the_explained_cancellation() -> R {
    let a = rb("accensys");
    let full = a.cancel(d(2025, 1, 1), d(2026, 12, 24))?;
    let fast = a.cancel_dates(d(2025, 1, 1), d(2026, 12, 24))?;
    assert_eq!(
        (fast.processed_on, fast.earliest_end),
        (full.processed_on, full.earliest_end)
    );
    Ok(())
}

// TERMS JIT-7: 3 months to the day from receipt, clamped: 30 Nov + 3 months = 28 Feb.
#[test]
fn jit7_three_months_to_the_day_clamped() -> R {
    let j = rb("jitco");
    let c = j.cancel(d(2026, 1, 1), d(2026, 11, 30))?;
    assert_eq!(
        (c.processed_on, c.earliest_end),
        (d(2026, 11, 30), d(2027, 2, 28))
    );
    // Leap year: 30 Nov 2027 + 3 months = 29 Feb 2028.
    assert_eq!(
        j.cancel(d(2026, 1, 1), d(2027, 11, 30))?.earliest_end,
        d(2028, 2, 29)
    );
    assert_eq!(
        j.cancel(d(2026, 1, 1), d(2026, 5, 31))?.earliest_end,
        d(2026, 8, 31)
    );
    // Calendar days: a Saturday receipt is not moved.
    assert_eq!(
        j.cancel(d(2026, 1, 1), d(2026, 11, 21))?.earliest_end,
        d(2027, 2, 21)
    );
    assert!(c.explanation.iter().all(|s| s.terms_id == "JIT-7"));
    Ok(())
}

// TERMS JIT-7: price changes at least 4 months ahead (to the day, clamped).
#[test]
fn jit7_price_change_needs_four_months() -> R {
    let j = rb("jitco");
    let ok = j.price_change(d(2026, 1, 31), d(2026, 5, 31))?;
    assert!(ok.valid);
    assert_eq!(ok.earliest_effective, d(2026, 5, 31));
    assert!(!j.price_change(d(2026, 1, 31), d(2026, 5, 30))?.valid);
    // 31 Oct + 4 months = 28 Feb (clamped).
    let c = j.price_change(d(2026, 10, 31), d(2027, 2, 28))?;
    assert!(c.valid);
    assert!(!j.price_change(d(2026, 10, 31), d(2027, 2, 27))?.valid);
    Ok(())
}

// TERMS JIT-2: complaints within 10 days after delivery.
#[test]
fn jit2_complaint_window_of_ten_days() -> R {
    let j = rb("jitco");
    // 24 Dec 2026 + 10 days = 3 Jan 2027 (a Sunday; the clause counts plain days).
    let c = j.complaint_deadline(d(2026, 12, 24), Some(d(2027, 1, 4)))?;
    assert_eq!(c.deadline, d(2027, 1, 3));
    assert_eq!(c.in_time, Some(false));
    assert_eq!(
        j.complaint_deadline(d(2026, 12, 24), Some(d(2027, 1, 3)))?
            .in_time,
        Some(true)
    );
    // Across 29 February: 20 Feb 2028 + 10 = 1 Mar 2028; 20 Feb 2027 + 10 = 2 Mar 2027.
    assert_eq!(
        j.complaint_deadline(d(2028, 2, 20), None)?.deadline,
        d(2028, 3, 1)
    );
    assert_eq!(
        j.complaint_deadline(d(2027, 2, 20), None)?.deadline,
        d(2027, 3, 2)
    );
    Ok(())
}

// TERMS JIT-2 with the working-day option: 3 Jan 2027 (Sunday) moves to Monday 4 Jan.
#[test]
fn jit2_optional_extension_to_a_working_day() -> R {
    let mut j = rb("jitco");
    if let Some(c) = j.complaint.as_mut() {
        c.extend_to_working_day = true;
    }
    assert_eq!(
        j.complaint_deadline(d(2026, 12, 24), None)?.deadline,
        d(2027, 1, 4)
    );
    Ok(())
}

// TERMS JIT-6: the supplier chooses the forum within 14 days of the notification.
#[test]
fn jit6_dispute_forum_deadline() -> R {
    let dd = rb("jitco").dispute_deadlines(d(2026, 12, 20))?;
    assert_eq!(dd.supplier_deadline, d(2027, 1, 3));
    assert_eq!(dd.customer_may_choose_from, d(2027, 1, 4));
    assert_eq!(dd.explanation[0].terms_id, "JIT-6");
    Ok(())
}

// TERMS JIT-4: deemed operational at most two months after delivery.
#[test]
fn jit4_deemed_operational_two_months_after_delivery() -> R {
    let j = rb("jitco");
    // 31 Dec 2026 + 2 months = 28 Feb 2027 (clamped).
    let o = j.deemed_operational(d(2026, 12, 31), None)?;
    assert_eq!(
        (o.deemed_by, o.operational_on),
        (d(2027, 2, 28), d(2027, 2, 28))
    );
    assert_eq!(
        j.deemed_operational(d(2026, 12, 31), Some(d(2027, 1, 15)))?
            .operational_on,
        d(2027, 1, 15)
    );
    assert_eq!(
        j.deemed_operational(d(2026, 12, 31), Some(d(2027, 3, 10)))?
            .operational_on,
        d(2027, 2, 28)
    );
    Ok(())
}

// TERMS ALC-3: lowest count = ceil(0.9 x count at quarter start).
#[test]
fn alc3_user_floor_is_ceil_ninety_percent() -> R {
    let a = rb("allocloud");
    let floor = |n: u64| a.user_floor(n, d(2026, 5, 15)).map(|f| f.minimum_users);
    assert_eq!(floor(45)?, 41); // 40.5 -> 41
    assert_eq!(floor(10)?, 9);
    assert_eq!(floor(9)?, 9); // 8.1 -> 9: a small account cannot shrink at all
    assert_eq!(floor(100)?, 90);
    assert_eq!(floor(1)?, 1);
    assert_eq!(floor(0)?, 0);
    let f = a.user_floor(45, d(2026, 5, 15))?;
    assert_eq!(
        (f.quarter_start, f.quarter_end),
        (d(2026, 4, 1), d(2026, 6, 30))
    );
    let f = a.user_floor(45, d(2026, 12, 31))?;
    assert_eq!(
        (f.quarter_start, f.quarter_end),
        (d(2026, 10, 1), d(2026, 12, 31))
    );
    assert_eq!(f.explanation[0].terms_id, "ALC-3");
    Ok(())
}

// TERMS ALC-7: one year of warranty, through delivery + 1 year - 1 day.
#[test]
fn alc7_warranty_one_year() -> R {
    let a = rb("allocloud");
    let w = a.warranty_end(d(2026, 3, 15), Some(d(2027, 3, 14)))?;
    assert_eq!((w.last_day, w.covered), (d(2027, 3, 14), Some(true)));
    assert_eq!(
        a.warranty_end(d(2026, 3, 15), Some(d(2027, 3, 15)))?
            .covered,
        Some(false)
    );
    assert_eq!(
        a.warranty_end(d(2024, 2, 29), None)?.last_day,
        d(2025, 2, 27)
    );
    Ok(())
}

fn ts(s: &str) -> Timestamp {
    match s.parse() {
        Ok(t) => t,
        Err(e) => unreachable!("{s}: {e}"),
    }
}

// TERMS ALC-6: Mon-Thu 08:30-18:00, Fri 08:30-16:00 Europe/Brussels; outside only critical.
#[test]
fn alc6_support_hours_in_brussels() -> R {
    let a = rb("allocloud");
    // Monday 23 Nov 2026, 19:00 CET: closed; next opening Tuesday 08:30.
    let s = a.support(ts("2026-11-23T19:00:00+01:00"), Severity::Minor)?;
    assert!(!s.open);
    assert!(!s.may_raise);
    assert_eq!(
        s.next_opening.to_string(),
        "2026-11-24T08:30:00+01:00[Europe/Brussels]"
    );
    assert!(
        a.support(ts("2026-11-23T19:00:00+01:00"), Severity::Critical)?
            .may_raise
    );
    // 08:30 is inside (opening inclusive), 18:00 outside (closing exclusive).
    assert!(a.support(ts("2026-11-23T07:30:00Z"), Severity::Minor)?.open);
    assert!(!a.support(ts("2026-11-23T17:00:00Z"), Severity::Minor)?.open);
    // Friday closes at 16:00: 15:59 open until 16:00, 16:30 closed until Monday.
    let s = a.support(ts("2026-11-27T15:59:00+01:00"), Severity::Question)?;
    assert!(s.open && s.may_raise);
    assert_eq!(
        s.closes_at.map(|z| z.to_string()),
        Some("2026-11-27T16:00:00+01:00[Europe/Brussels]".into())
    );
    let s = a.support(ts("2026-11-27T16:30:00+01:00"), Severity::Major)?;
    assert!(!s.open && !s.may_raise);
    assert_eq!(
        s.next_opening.to_string(),
        "2026-11-30T08:30:00+01:00[Europe/Brussels]"
    );
    Ok(())
}

// TERMS ALC-6: zone-aware across the change to summer time (29 March 2026).
#[test]
fn alc6_support_hours_follow_daylight_saving_time() -> R {
    let a = rb("allocloud");
    // 06:45 UTC on Monday 30 March 2026 is 08:45 CEST: open.
    assert!(a.support(ts("2026-03-30T06:45:00Z"), Severity::Minor)?.open);
    // The same UTC time a week before DST, 07:45 CET: closed until 08:30 CET.
    let s = a.support(ts("2026-03-23T06:45:00Z"), Severity::Minor)?;
    assert!(!s.open);
    assert_eq!(s.next_opening.timestamp(), ts("2026-03-23T07:30:00Z"));
    // Friday 27 March 17:00 UTC = 18:00 CET: next opening Monday 08:30 CEST = 06:30 UTC.
    let s = a.support(ts("2026-03-27T17:00:00Z"), Severity::Minor)?;
    assert_eq!(s.next_opening.timestamp(), ts("2026-03-30T06:30:00Z"));
    Ok(())
}

// TERMS ALC-8: every violation is listed, in configuration order.
#[test]
fn alc8_lists_every_violation() -> R {
    let config = ServiceConfig {
        service: ServiceKind::SipTrunk,
        lines: vec![
            LineUse {
                id: "+3227001001".into(),
                purpose: LinePurpose::Telephony,
            },
            LineUse {
                id: "+3227001002".into(),
                purpose: LinePurpose::Alarm,
            },
            LineUse {
                id: "+3227001003".into(),
                purpose: LinePurpose::LiftEmergency,
            },
        ],
        caller_ids: vec![
            CallerIdUse {
                number: "+3227001001".into(),
                assigned: true,
            },
            CallerIdUse {
                number: "+3225551234".into(),
                assigned: false,
            },
        ],
        auto_dialer: true,
        number_blocks: vec![
            NumberBlock {
                range: "+3227001000-+3227001099".into(),
                postal_address: Some("Rue X 1, 1000 Brussel".into()),
            },
            NumberBlock {
                range: "+3227002000-+3227002099".into(),
                postal_address: None,
            },
            NumberBlock {
                range: "+3227003000-+3227003099".into(),
                postal_address: Some("  ".into()),
            },
        ],
    };
    let v = rb("allocloud").validate_config(&config)?;
    assert!(!v.valid);
    let codes: Vec<(&str, &str)> = v
        .violations
        .iter()
        .map(|x| (x.code.as_str(), x.subject.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("forbidden_line_purpose", "+3227001002"),
            ("forbidden_line_purpose", "+3227001003"),
            ("caller_id_not_assigned", "+3225551234"),
            ("auto_dialer", "service"),
            ("missing_emergency_address", "+3227002000-+3227002099"),
            ("missing_emergency_address", "+3227003000-+3227003099"),
        ]
    );
    assert!(v.violations.iter().all(|x| x.terms_id == "ALC-8"));
    // The auto-dialer ban is for SIP trunks: on hosted telephony it is not a violation.
    let hosted = ServiceConfig {
        service: ServiceKind::BusinessTelephony,
        ..config
    };
    let v = rb("allocloud").validate_config(&hosted)?;
    assert_eq!(
        v.violations
            .iter()
            .filter(|x| x.code == "auto_dialer")
            .count(),
        0
    );
    assert!(
        rb("allocloud")
            .validate_config(&ServiceConfig::default())?
            .valid
    );
    Ok(())
}

// TERMS ACC-4: contract status through its life.
#[test]
fn contract_status_through_the_minimum_term_and_notice() -> R {
    let a = rb("accensys");
    let start = d(2026, 1, 1);
    let state = |notice: Option<Date>, on: Date| a.status_on(start, notice, on).map(|s| s.state);
    assert_eq!(state(None, d(2025, 12, 31))?, ContractState::NotStarted);
    assert_eq!(state(None, d(2026, 12, 31))?, ContractState::MinimumTerm);
    assert_eq!(state(None, d(2027, 1, 1))?, ContractState::Running);
    // Notice Wed 10 Mar 2027 -> processed Fri 12 Mar -> April -> ends 30 Apr 2027.
    let notice = Some(d(2027, 3, 10));
    assert_eq!(state(notice, d(2027, 3, 10))?, ContractState::NoticeRunning);
    assert_eq!(state(notice, d(2027, 4, 30))?, ContractState::NoticeRunning);
    assert_eq!(state(notice, d(2027, 5, 1))?, ContractState::Ended);
    assert_eq!(
        a.status_on(start, notice, d(2027, 5, 1))?.end,
        Some(d(2027, 4, 30))
    );
    Ok(())
}

#[test]
fn evaluations_without_their_rule_name_what_is_missing() {
    assert!(matches!(
        rb("nox").cancel(d(2026, 1, 1), d(2026, 2, 1)),
        Err(Error::MissingRule { rule, .. }) if rule == "notice"
    ));
    assert!(matches!(
        rb("42com").user_floor(10, d(2026, 1, 1)),
        Err(Error::MissingRule { .. })
    ));
}

#[test]
fn every_preset_rule_carries_provenance() -> R {
    for book in Rulebook::presets() {
        let json = book.to_json_string()?;
        let value: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| Error::InvalidArgument {
                name: "json".into(),
                reason: e.to_string(),
            })?;
        for (key, rule) in value.as_object().into_iter().flatten() {
            if let Some(prov) = rule.get("provenance") {
                assert!(
                    !prov["source"].as_str().unwrap_or("").is_empty(),
                    "{} {key}",
                    book.name
                );
                assert!(
                    !prov["clause"].as_str().unwrap_or("").is_empty(),
                    "{} {key}",
                    book.name
                );
                let id = prov["terms_id"].as_str().unwrap_or("");
                assert!(id.contains('-'), "{} {key}: {id}", book.name);
            }
        }
    }
    Ok(())
}

// TERMS NOX-3: remote changes within the set-up are covered; on-site work, expansion,
// new or replacement hardware (not warranty) and external faults are not.
#[test]
fn nox3_service_contract_coverage() -> R {
    use contracts::ChangeKind::*;
    let n = rb("nox");
    for kind in [
        MenusAndModes,
        Prompts,
        RingGroupsAndForwarding,
        ReplaceUser,
        ReprogramPeripherals,
        WarrantyReplacement,
    ] {
        assert!(n.service_coverage(kind)?.covered, "{kind:?}");
    }
    for kind in [OnSite, NewUser, NewNumber, NewHardware, ExternalFault] {
        let c = n.service_coverage(kind)?;
        assert!(!c.covered, "{kind:?}");
        assert!(c.explanation[0].text.contains("excluded"));
        assert_eq!(c.explanation[0].terms_id, "NOX-3");
    }
    assert_eq!(
        "ring-groups-and-forwarding".parse::<contracts::ChangeKind>()?,
        RingGroupsAndForwarding
    );
    assert!("coffee".parse::<contracts::ChangeKind>().is_err());
    Ok(())
}
