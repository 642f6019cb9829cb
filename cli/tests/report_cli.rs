//! `voipkit report` on the bundled call capture (`samples/call.pcap`, written by
//! `capture/examples/call_sample.rs`): the call, its streams and the summary, with
//! values worked out from how the sample was written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;
use common::{repo, voipkit};

use std::process::Command;

fn sample() -> String {
    repo("samples/call.pcap").display().to_string()
}

/// The sample: INVITE at 2026-01-01T00:00:00Z, 200 OK 180 ms later (no 18x, so no
/// post-dial delay), ACK, 150 PCMA packets each way, BYE from Alice at 3.3 s.
#[test]
fn the_sample_call_is_answered_at_180_ms_and_ended_by_the_caller_after_3_12_s() {
    let (code, rows) = voipkit(&["report", &sample()]);
    assert_eq!(code, 0, "{rows:?}");
    assert_eq!(rows.len(), 2, "one call and the summary: {rows:?}");
    let call = &rows[0];
    assert_eq!(call["call_id"], "a84b4c76e66710@192.0.2.10");
    assert_eq!(call["from"], "sip:alice@192.0.2.10");
    assert_eq!(call["to"], "sip:+3221234567@198.51.100.20");
    assert_eq!(call["invite_at"], "2026-01-01T00:00:00Z");
    assert_eq!(call["answered_at"], "2026-01-01T00:00:00.18Z");
    assert_eq!(call["ended_at"], "2026-01-01T00:00:03.3Z");
    // 3.3 s − 0.18 s.
    assert_eq!(call["duration_s"], 3.12);
    assert!(call["pdd_ms"].is_null());
    assert_eq!(call["end_reason"], "bye_caller");
    assert_eq!(call["final_status"], 200);
    assert_eq!(call["dialogs"], serde_json::json!(["a6c85cf"]));
    assert!(call["cost"].is_null());
}

/// Alice's stream goes to the port Bob's answer announced (23456): caller → callee, 150
/// packets, none lost. Bob's goes to Alice's offer's port (17000): callee → caller, 147
/// of 150 (packets 40, 41 and 97 dropped), 3 lost. Both PCMA (payload type 8).
#[test]
fn the_sample_call_has_one_stream_each_way_with_the_loss_the_sample_was_written_with() {
    let (_, rows) = voipkit(&["report", &sample()]);
    let streams = rows[0]["streams"].as_array().unwrap();
    assert_eq!(streams.len(), 2);
    let alice = streams.iter().find(|s| s["ssrc"] == 0x5EED_A11C).unwrap();
    assert_eq!(alice["direction"], "caller → callee");
    assert_eq!(alice["dst"], "198.51.100.20:23456");
    assert_eq!(
        (alice["packets"].as_u64(), alice["lost"].as_i64()),
        (Some(150), Some(0))
    );
    let bob = streams.iter().find(|s| s["ssrc"] == 0x0B0B_0B0B).unwrap();
    assert_eq!(bob["direction"], "callee → caller");
    assert_eq!(bob["dst"], "192.0.2.10:17000");
    assert_eq!(
        (bob["packets"].as_u64(), bob["lost"].as_i64()),
        (Some(147), Some(3))
    );
    for s in streams {
        assert_eq!(s["codec"], "PCMA");
        for key in [
            "mean_jitter_ms",
            "max_jitter_ms",
            "late",
            "concealed",
            "mos",
        ] {
            assert!(s[key].is_number(), "{key} in {s}");
        }
        // The jitter the sample was written with: up to 6 ms (Alice) and 18 ms (Bob) of
        // random extra delay per packet, so the mean jitter lies between 0 and those.
        let jitter = s["mean_jitter_ms"].as_f64().unwrap();
        assert!(jitter > 0.0 && jitter < 18.0, "{s}");
    }
    // The same figures as `rtp analyze` gives for each stream.
    let (_, analyzed) = voipkit(&["rtp", "analyze", &sample()]);
    for s in streams {
        let a = analyzed.iter().find(|a| a["ssrc"] == s["ssrc"]).unwrap();
        for key in [
            "packets",
            "lost",
            "mean_jitter_ms",
            "max_jitter_ms",
            "max_delta_ms",
        ] {
            assert_eq!(s[key], a[key], "{key}");
        }
    }
}

/// The summary: one call, answered (ASR 100 %), ACD 3.12 s. Under 42com's rulebook the
/// ACD is below F42-2's 30 s floor: not compliant. Under the sample plan the call to
/// +32 2 123 45 67 (Belgium: 0.05/min in 60 s increments, no time bands) lasts 3.12 s,
/// billed as 4 started seconds, one increment: 0.0500.
#[test]
fn the_summary_counts_asr_acd_and_checks_the_traffic_rule() {
    let plan = repo("samples/plan.toml").display().to_string();
    let (code, rows) = voipkit(&["report", &sample(), "--plan", &plan, "--rulebook", "42com"]);
    assert_eq!(code, 0);
    let summary = &rows.last().unwrap()["summary"];
    assert_eq!(summary["calls"], 1);
    assert_eq!(summary["answered"], 1);
    assert_eq!(summary["asr_pct"], 100.0);
    assert_eq!(summary["acd_s"], 3.12);
    assert_eq!(summary["compliant"], false);
    assert_eq!(
        summary["violations"],
        serde_json::json!([{"metric": "acd_s", "rule": "F42-2"}])
    );
    assert_eq!(summary["rating_errors"], 0);
    assert_eq!(summary["total_cost"], "0.0500");
    assert_eq!(rows[0]["cost"], "0.0500");
}

/// Without `--json`: an aligned table, one row per call, then the summary lines.
#[test]
fn the_readable_report_is_a_table_with_one_row_per_call() {
    let out = Command::new(env!("CARGO_BIN_EXE_voipkit"))
        .args(["report", &sample()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("call id"), "{text}");
    assert!(lines[0].contains("worst MOS"), "{text}");
    assert!(lines[1].contains("a84b4c76e66710@192.0.2.10"), "{text}");
    assert!(
        lines[1].contains("bye_caller") && lines[1].contains("3.1"),
        "{text}"
    );
    // The columns are aligned: "end" starts at the same column in the header and row.
    let col = lines[0].find("end").unwrap();
    assert_eq!(
        &lines[1][col..col + "bye_caller".len()],
        "bye_caller",
        "{text}"
    );
    assert!(text.contains("ACD s: 3.12"), "{text}");
}

/// `--html` writes one self-contained page: the call, an inline SVG ladder and charts,
/// and nothing fetched from the network.
#[test]
fn the_html_report_is_one_self_contained_page() {
    let dir = std::env::temp_dir().join(format!("voipkit-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("report.html");
    let (code, _) = voipkit(&["report", &sample(), "--html", html.to_str().unwrap()]);
    assert_eq!(code, 0);
    let page = std::fs::read_to_string(&html).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..50]);
    assert!(page.contains("a84b4c76e66710@192.0.2.10"));
    assert!(page.matches("<svg").count() >= 3, "a ladder and charts");
    assert!(page.contains("INVITE") && page.contains("200 OK") && page.contains("BYE"));
    for external in ["src=\"http", "href=\"http", "url(http", "@import"] {
        assert!(!page.contains(external), "{external}");
    }
}

/// A capture that is not one is a parse error naming the file, and no report.
#[test]
fn a_file_that_is_not_a_capture_is_an_error_with_its_offset() {
    let plan = repo("samples/plan.toml").display().to_string();
    let (code, rows) = voipkit(&["report", &plan]);
    assert_eq!(code, 2, "{rows:?}");
    assert_eq!(rows.len(), 1);
    let err = &rows[0]["error"];
    assert_eq!(err["kind"], "parse");
    assert_eq!(err["offset"], 0);
    assert!(err["file"].as_str().unwrap().ends_with("plan.toml"));
}

/// A capture cut short (a `tcpdump` killed mid-write): the report covers the calls and
/// packets read before the cut and says where reading stopped. The sample cut 100
/// bytes short loses the end of its last record (Bob's 200 OK to the BYE), not the call.
#[test]
fn a_capture_cut_short_is_reported_up_to_where_it_stops() {
    let whole = std::fs::read(repo("samples/call.pcap")).unwrap();
    let dir = std::env::temp_dir().join(format!("voipkit-report-cut-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cut = dir.join("cut.pcap");
    std::fs::write(&cut, &whole[..whole.len() - 100]).unwrap();
    let (code, rows) = voipkit(&["report", cut.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{rows:?}");
    assert_eq!(rows[0]["end_reason"], "bye_caller");
    assert_eq!(rows[0]["streams"].as_array().unwrap().len(), 2);
    let stopped = &rows.last().unwrap()["summary"]["capture_stopped"];
    // The last record starts where its header's announced length would end the file.
    let last_record = stopped["offset"].as_u64().unwrap() as usize;
    let announced =
        u32::from_le_bytes(whole[last_record + 8..last_record + 12].try_into().unwrap());
    assert_eq!(last_record + 16 + announced as usize, whole.len());
    assert!(
        stopped["reason"]
            .as_str()
            .unwrap()
            .contains("the capture ends"),
        "{stopped}"
    );
}

/// A forwarded call between carriers, refused busy (`samples/forwarded.pcap`, written by
/// `capture/examples/forwarded_sample.rs` from `samples/invite_forwarded.sip`): the
/// report keeps who the network says is calling, where the call was diverted from and
/// the SHAKEN attestation of its INVITE; the sample call has none of them.
#[test]
fn the_report_gives_the_asserted_caller_the_diversion_and_the_shaken_attestation() {
    let (code, rows) = voipkit(&[
        "report",
        &repo("samples/forwarded.pcap").display().to_string(),
    ]);
    assert_eq!(code, 0, "{rows:?}");
    let call = &rows[0];
    assert_eq!(call["invite_at"], "2026-12-05T12:00:00Z");
    assert_eq!(
        (&call["final_status"], &call["end_reason"]),
        (&serde_json::json!(486), &serde_json::json!("failed"))
    );
    assert_eq!(
        call["asserted_identity"],
        "sip:+31207654321@carrier-a.example;user=phone"
    );
    assert_eq!(
        call["diverted_from"],
        "sip:+31201234567@carrier-b.example;user=phone"
    );
    assert_eq!(call["attest"], "A");
    assert_eq!(
        (&call["q850_cause"], &call["q850_text"]),
        (&serde_json::json!(17), &serde_json::json!("User busy"))
    );

    let (_, rows) = voipkit(&["report", &sample()]);
    for key in [
        "asserted_identity",
        "diverted_from",
        "attest",
        "q850_cause",
        "q850_text",
    ] {
        assert!(rows[0][key].is_null(), "{key}");
    }
}

/// The HTML page shows what the forwarded call's INVITE and its end say of it, above its
/// messages.
#[test]
fn the_html_report_shows_the_carrier_facts_of_a_call() {
    let dir = std::env::temp_dir().join(format!("voipkit-report-facts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("forwarded.html");
    let (code, _) = voipkit(&[
        "report",
        &repo("samples/forwarded.pcap").display().to_string(),
        "--html",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let html = std::fs::read_to_string(&out).unwrap();
    for fact in [
        "<tr><th>asserted caller</th><td>sip:+31207654321@carrier-a.example;user=phone</td></tr>",
        "<tr><th>diverted from</th><td>sip:+31201234567@carrier-b.example;user=phone</td></tr>",
        "<tr><th>SHAKEN attestation</th><td>A</td></tr>",
        "<tr><th>Q.850 cause</th><td>17 (User busy)</td></tr>",
    ] {
        assert!(html.contains(fact), "{fact}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
