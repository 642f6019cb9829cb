//! `capture_report` and `TariffPlan::report_capture` on the bundled call capture
//! (`samples/call.pcap`, written by `capture/examples/call_sample.rs`): the records
//! `voipkit report` prints, as plain data.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::collections::HashMap;

use rust_decimal::Decimal;
use voipkit_ffi::{CallEndReason, StreamDirection, TariffPlan, VoipkitError, capture_report};

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/").to_owned() + name).unwrap()
}

/// INVITE at 2026-01-01T00:00:00Z, 200 OK at 0.18 s, BYE from Alice at 3.3 s; one PCMA
/// stream each way, Bob's missing 3 of 150 packets.
#[test]
fn the_sample_call_reads_as_the_cli_reports_it() {
    let report = capture_report(sample("call.pcap"), None).unwrap();
    assert_eq!(report.calls.len(), 1);
    let call = &report.calls[0];
    assert_eq!(call.call_id, "a84b4c76e66710@192.0.2.10");
    assert_eq!(call.invite_at.to_string(), "2026-01-01T00:00:00Z");
    assert_eq!(
        call.answered_at.unwrap().to_string(),
        "2026-01-01T00:00:00.18Z"
    );
    assert_eq!(call.ended_at.unwrap().to_string(), "2026-01-01T00:00:03.3Z");
    assert_eq!(call.duration_s, Some(3.12));
    assert_eq!(call.pdd_ms, None);
    assert_eq!(
        (call.end_reason.as_str(), call.final_status),
        ("bye_caller", Some(200))
    );
    assert_eq!((call.cost, call.cost_error.as_deref()), (None, None));
    let bob = call.streams.iter().find(|s| s.ssrc == 0x0B0B_0B0B).unwrap();
    assert_eq!(bob.direction, Some(StreamDirection::CalleeToCaller));
    assert_eq!(
        (bob.packets, bob.lost, bob.codec.as_str()),
        (147, 3, "PCMA")
    );
    let alice = call.streams.iter().find(|s| s.ssrc == 0x5EED_A11C).unwrap();
    assert_eq!(alice.direction, Some(StreamDirection::CallerToCallee));
    assert_eq!((alice.packets, alice.lost), (150, 0));
    assert!(report.unsignalled.is_empty());
    let s = &report.summary;
    assert_eq!((s.calls, s.answered), (1, 1));
    assert_eq!(s.asr_pct, Some(Decimal::ONE_HUNDRED));
    assert_eq!(s.acd_s, Some(Decimal::new(312, 2)));
    assert_eq!(
        (s.total_cost, s.compliant, s.capture_stopped.as_deref()),
        (None, None, None)
    );
}

/// Under the sample plan the call to +32 2 123 45 67 (Belgium: 0.05/min in 60 s
/// increments) lasts 3.12 s, one increment: 0.0500; under 42com the ACD of 3.12 s is
/// below F42-2's 30 s.
#[test]
fn a_plan_and_a_rulebook_add_costs_and_the_traffic_verdict() {
    let plan = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/plan.toml"
    ))
    .unwrap();
    let rates = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/rates.csv"
    ))
    .unwrap();
    let plan =
        TariffPlan::parse_toml(&plan, &HashMap::from([("rates.csv".to_owned(), rates)])).unwrap();
    let report = plan
        .report_capture(sample("call.pcap"), Some("42com".to_owned()))
        .unwrap();
    let call = &report.calls[0];
    assert_eq!(
        (call.cost, call.cost_error.as_deref()),
        (Some(Decimal::new(500, 4)), None)
    );
    let s = &report.summary;
    assert_eq!(
        (s.total_cost, s.rating_errors),
        (Some(Decimal::new(500, 4)), 0)
    );
    assert_eq!(s.compliant, Some(false));
    assert_eq!(s.violations, ["acd_s F42-2"]);
}

/// A capture cut 100 bytes short is reported up to the cut; bytes that are no capture
/// and an unknown rulebook are typed errors.
#[test]
fn cut_captures_report_what_they_hold_and_bad_input_is_a_typed_error() {
    let whole = sample("call.pcap");
    let cut = capture_report(whole[..whole.len() - 100].to_vec(), None).unwrap();
    assert_eq!(cut.calls[0].end_reason, CallEndReason::ByeCaller);
    assert!(
        cut.summary
            .capture_stopped
            .unwrap()
            .contains("the capture ends")
    );
    assert!(matches!(
        capture_report(b"not a capture".to_vec(), None),
        Err(VoipkitError::Rtp { offset: 0, .. })
    ));
    assert!(matches!(
        capture_report(whole, Some("no-such-provider".to_owned())),
        Err(VoipkitError::Tariff { .. })
    ));
}

/// `samples/forwarded.pcap` (written by `capture/examples/forwarded_sample.rs`): a call
/// forwarded between carriers, refused busy, with its INVITE's asserted caller, the number
/// it was diverted from and its SHAKEN attestation.
#[test]
fn a_forwarded_call_gives_its_asserted_caller_diversion_and_attestation() {
    let report = capture_report(sample("forwarded.pcap"), None).unwrap();
    let call = &report.calls[0];
    assert_eq!(call.final_status, Some(486));
    assert_eq!(call.end_reason, CallEndReason::Failed);
    assert_eq!(
        call.asserted_identity.as_deref(),
        Some("sip:+31207654321@carrier-a.example;user=phone")
    );
    assert_eq!(
        call.diverted_from.as_deref(),
        Some("sip:+31201234567@carrier-b.example;user=phone")
    );
    assert_eq!(call.attest.as_deref(), Some("A"));
    assert_eq!(
        (call.q850_cause, call.q850_text.as_deref()),
        (Some(17), Some("User busy"))
    );
}
