//! `voipkit report` on the field sample (`samples/field.pcap`, made by
//! `samples/field/make.sh`: sipp as caller and callee on loopback, captured with
//! dumpcap, impaired by `capture/examples/impair.rs`), with values worked out from the
//! scenarios and the impairments.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;
use common::{repo, voipkit};

use serde_json::Value;

fn report() -> Vec<Value> {
    let sample = repo("samples/field.pcap").display().to_string();
    let (code, rows) = voipkit(&["report", &sample, "--plan", "samples/plan.toml"]);
    assert_eq!(code, 0, "{rows:?}");
    assert_eq!(rows.len(), 4, "three calls and the summary: {rows:?}");
    rows
}

fn ms(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

/// Three calls in the order the scenarios placed them: answered (the callee rings 350 ms
/// after the INVITE, answers 800 ms later, the caller hangs up), cancelled while ringing
/// (rings after 200 ms; CANCEL, 487), and refused with 486 before any ringing.
#[test]
fn the_field_sample_has_an_answered_a_cancelled_and_a_busy_call() {
    let rows = report();
    let (answered, cancelled, busy) = (&rows[0], &rows[1], &rows[2]);
    assert_eq!(answered["to"], "sip:+3221234567@127.0.0.1:5070");
    assert_eq!(answered["end_reason"], "bye_caller");
    assert_eq!(answered["final_status"], 200);
    assert!(
        (350.0..400.0).contains(&ms(&answered["pdd_ms"])),
        "{}",
        answered["pdd_ms"]
    );
    // Hold at 2.5 s, resume 2 s later, BYE 3 s after that: 7.5 s plus the round trips.
    assert!(
        (7.5..7.7).contains(&ms(&answered["duration_s"])),
        "{}",
        answered["duration_s"]
    );

    assert_eq!(cancelled["to"], "sip:+3222222222@127.0.0.1:5071");
    assert_eq!(cancelled["end_reason"], "cancel");
    assert_eq!(cancelled["final_status"], 487);
    assert!((200.0..250.0).contains(&ms(&cancelled["pdd_ms"])));
    assert!(cancelled["duration_s"].is_null() && cancelled["cost"].is_null());
    assert!(cancelled["streams"].as_array().unwrap().is_empty());

    assert_eq!(busy["to"], "sip:+31201234567@127.0.0.1:5072");
    assert_eq!(busy["end_reason"], "failed");
    assert_eq!(busy["final_status"], 486);
    assert!(busy["pdd_ms"].is_null());
}

/// Both sides replay sipp's `g711a.pcap`: 236 PCMA packets of 30 ms.
///
/// Caller → callee: jitter of (7919·k mod 13) ms and packets 100..=109 delivered in a
/// burst 280 ms after packet 100 was due, nothing lost. The largest gap is from packet
/// 99 (7919·99 mod 13 = 3 ms late) to packet 100: 30 ms + 280 ms − 3 ms = 307 ms.
///
/// Callee → caller: silent on hold (67 packets not sent, renumbered after), and the
/// packets of index 7, 27, ..., 227 lost except the four the hold silenced (87, 107,
/// 127, 147): 12 − 4 = 8 lost, 236 − 67 − 8 = 161 received; its largest gap is the hold,
/// 2 s plus a packet.
#[test]
fn the_answered_call_s_streams_show_the_impairments_the_sample_was_given() {
    let rows = report();
    let streams = rows[0]["streams"].as_array().unwrap();
    assert_eq!(streams.len(), 2);
    let to_callee = streams
        .iter()
        .find(|s| s["dst"] == "127.0.0.1:7000")
        .unwrap();
    assert_eq!(to_callee["direction"], "caller → callee");
    assert_eq!(to_callee["codec"], "PCMA");
    assert_eq!(
        (to_callee["packets"].as_u64(), to_callee["lost"].as_i64()),
        (Some(236), Some(0))
    );
    let spike = ms(&to_callee["max_delta_ms"]);
    assert!((306.0..309.0).contains(&spike), "{spike}");
    // The jitter of up to 12 ms and the burst: far above the other direction's.
    assert!(ms(&to_callee["max_jitter_ms"]) > 10.0);

    let to_caller = streams
        .iter()
        .find(|s| s["dst"] == "127.0.0.1:6000")
        .unwrap();
    assert_eq!(to_caller["direction"], "callee → caller");
    assert_eq!(
        (to_caller["packets"].as_u64(), to_caller["lost"].as_i64()),
        (Some(161), Some(8))
    );
    let hold = ms(&to_caller["max_delta_ms"]);
    assert!((2000.0..2100.0).contains(&hold), "{hold}");
    assert!(ms(&to_caller["mean_jitter_ms"]) < 1.0);
    // 8 of 169 lost (4.7 %) costs more MOS than the jitter does the other way.
    assert!(ms(&to_caller["mos"]) < ms(&to_callee["mos"]));
    assert!(ms(&to_caller["r_factor"]) < ms(&to_callee["r_factor"]));
    // The buffer conceals what was lost; nothing arrived too late to play.
    assert!(to_caller["concealed"].as_u64().unwrap() >= 8);
    assert_eq!(to_caller["late"], 0);
    for s in streams {
        assert!(s["expanded"].is_u64() && s["merged"].is_u64(), "{s}");
    }
}

/// The plan charges Belgian numbers 0.05 a minute in 60 s increments: the 7.5 s call
/// costs one increment, 0.0500; one call in three answered.
#[test]
fn the_field_sample_costs_one_belgian_minute_and_answers_one_call_in_three() {
    let rows = report();
    assert_eq!(rows[0]["cost"], "0.0500");
    let summary = &rows[3]["summary"];
    assert_eq!(summary["calls"], 3);
    assert_eq!(summary["answered"], 1);
    assert_eq!(summary["asr_pct"], 33.33);
    assert_eq!(summary["total_cost"], "0.0500");
}

/// The hold and resume re-INVITEs are steps of the call's ladder in the HTML report.
#[test]
fn the_html_ladder_shows_the_hold_and_resume_re_invites() {
    let out = std::env::temp_dir().join(format!("voipkit-field-{}.html", std::process::id()));
    let sample = repo("samples/field.pcap").display().to_string();
    let (code, _) = voipkit(&["report", &sample, "--html", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    let html = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();
    assert!(html.contains("487"), "the CANCELled call's final status");
    assert!(html.contains("486"), "the busy call's final status");
    // Three INVITEs of the answered call: the first and the two re-INVITEs.
    assert!(
        html.matches("INVITE").count() >= 5,
        "INVITEs in the ladders"
    );
}
