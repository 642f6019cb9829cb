//! `voipkit sip parse|check|roundtrip` of a pcap or pcapng capture: one record per SIP
//! message, with where it was. The messages found are those Wireshark's SIP dissector
//! finds (`tshark -Y sip`) in the field captures of the capture crate, frame for frame,
//! with the same Call-ID and CSeq.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use capture::{Endpoint, UdpDatagram, write_pcap};
use serde_json::{Value, json};

mod common;
use common::{repo, tshark_available, voipkit};

/// The field captures of the capture crate (see their MANIFEST.tsv), and its captures of
/// an INVITE over TCP in three segments, one of them retransmitted, of one whose
/// middle segment comes after its last, of a WebRTC call over SIP over WebSocket, and
/// of a call mirrored over VXLAN, ERSPAN and Geneve, under MPLS labels, in a GTP-U
/// bearer, or with its SIP in ESP with NULL encryption (IMS's IPsec).
fn field_captures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo("capture/tests/data/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pcap" || x == "pcapng"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    for generated in [
        "volte-invite-three-segments.pcap",
        "invite-segment-out-of-order.pcap",
        "webrtc-sip-over-websocket.pcap",
    ] {
        files.push(repo(&format!("capture/tests/data/tcp/{generated}")));
    }
    for mirrored in [
        "vxlan",
        "erspan",
        "geneve",
        "mpls",
        "ethernet-over-mpls",
        "gtp-u",
        "ims-ipsec-esp-null",
    ] {
        files.push(repo(&format!(
            "capture/tests/data/tunnel/call-mirrored-over-{mirrored}.pcap"
        )));
    }
    files
}

/// tshark's SIP frames of `file`: (frame, Call-ID, CSeq number) of each, with TCP
/// segments that come out of order put in their place (as `voipkit` does), and the
/// pseudowire of the generated Ethernet-over-MPLS capture (label 16) read as Ethernet
/// after a control word (Wireshark does not guess it), and ESP tried as NULL-encrypted
/// (Wireshark's heuristic, off by default).
fn tshark_sip(file: &std::path::Path) -> Vec<(u64, String, String)> {
    let out = Command::new("tshark")
        .args(["-o", "tcp.reassemble_out_of_order:TRUE"])
        .args(["-d", "mpls.label==16,pwethcw"])
        .args(["-o", "esp.enable_null_encryption_decode_heuristic:TRUE"])
        .args(["-r", file.to_str().unwrap(), "-Y", "sip", "-T", "fields"])
        .args([
            "-e",
            "frame.number",
            "-e",
            "sip.Call-ID",
            "-e",
            "sip.CSeq.seq",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].parse().unwrap(), f[1].to_owned(), f[2].to_owned())
        })
        .collect()
}

#[test]
fn sip_parse_of_a_field_capture_finds_the_messages_wireshark_finds() {
    if !tshark_available() {
        return;
    }
    let (mut with_sip, mut messages) = (0, 0);
    for file in field_captures() {
        let expected = tshark_sip(&file);
        let (code, records) = voipkit(&["sip", "parse", file.to_str().unwrap()]);
        if expected.is_empty() {
            assert_eq!(code, 2, "{file:?}");
            assert_eq!(
                records[0]["error"]["message"], "no SIP message in the capture",
                "{file:?}"
            );
            continue;
        }
        assert_eq!(code, 0, "{file:?}: {records:?}");
        // A TCP segment holding two messages is one frame for tshark (its fields list
        // both, comma-separated): one record each here.
        let mut found: Vec<(u64, String, String)> = Vec::new();
        for r in &records {
            let frame = r["frame"].as_u64().unwrap();
            let call_id = r["call_id"].as_str().unwrap_or_default().to_owned();
            let seq = r["cseq"]["seq"].to_string();
            match found.last_mut() {
                Some(last) if last.0 == frame => {
                    last.1 = format!("{},{call_id}", last.1);
                    last.2 = format!("{},{seq}", last.2);
                }
                _ => found.push((frame, call_id, seq)),
            }
            assert!(r["src"].is_string() && r["dst"].is_string() && r["time"].is_string());
        }
        assert_eq!(found, expected, "{file:?}");
        if file.ends_with("webrtc-sip-over-websocket.pcap") {
            let transports: Vec<&Value> = records.iter().map(|r| &r["transport"]).collect();
            assert_eq!(transports, [&json!("ws"), &json!("ws")]);
            assert_eq!(records[0]["src"], "192.0.2.1:50000");
        }
        with_sip += 1;
        messages += records.len();
    }
    assert!(with_sip >= 7 && messages >= 300, "{with_sip} {messages}");
}

fn datagram(frame_ms: u64, port: u16, payload: &[u8]) -> UdpDatagram {
    let at = |port| Endpoint {
        addr: "192.0.2.10".parse().unwrap(),
        port,
    };
    UdpDatagram {
        frame: 0,
        time: Duration::from_millis(1_780_000_000_000 + frame_ms),
        src: at(port),
        dst: at(5060),
        ipv6: false,
        payload: payload.to_vec(),
        agent: None,
    }
}

const OPTIONS: &str = "OPTIONS sip:carol@example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK1\r\n\
From: <sip:alice@example.com>;tag=1\r\nTo: <sip:carol@example.com>\r\n\
Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

/// A capture of a valid OPTIONS, an RTP packet, a keep-alive, an OPTIONS without
/// Call-ID, and one with LF line ends and a trailing CRLF.
fn mixed_capture(dir: &std::path::Path) -> String {
    let rtp = [0x80, 0x00, 0x00, 0x01, 0, 0, 0, 160, 0, 0, 0, 1, 0xd5, 0xd5];
    let without_call_id = OPTIONS.replace("Call-ID: c1\r\n", "");
    let lf = format!("{}\r\n", OPTIONS.replace("\r\n", "\n"));
    let pcap = write_pcap(&[
        datagram(0, 5062, OPTIONS.as_bytes()),
        datagram(20, 4000, &rtp),
        datagram(40, 5062, b"\r\n\r\n"),
        datagram(60, 5064, without_call_id.as_bytes()),
        datagram(80, 5066, lf.as_bytes()),
    ])
    .unwrap();
    let file = dir.join("mixed.pcap");
    std::fs::write(&file, pcap).unwrap();
    file.to_str().unwrap().to_owned()
}

#[test]
fn each_sip_message_of_a_capture_is_checked_parsed_and_written_back_with_where_it_was() {
    let dir = std::env::temp_dir().join(format!("voipkit-sip-capture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = mixed_capture(&dir);

    // check: frames 1, 4 and 5 are SIP; 4 has no Call-ID (reported at its empty line,
    // byte 209), 5 LF line ends (the first, byte 37, ends the start line): exit 1.
    let (code, records) = voipkit(&["sip", "check", &file, "samples/invite.sip"]);
    assert_eq!(code, 1);
    let seen: Vec<_> = records
        .iter()
        .map(|r| {
            (
                r["frame"].clone(),
                r["valid"].clone(),
                r["error"]["offset"].clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (json!(1), json!(true), Value::Null),
            (json!(4), json!(false), json!(209)),
            (json!(5), json!(false), json!(37)),
            (Value::Null, json!(true), Value::Null),
        ]
    );
    assert_eq!(
        (
            &records[1]["src"],
            &records[1]["dst"],
            &records[1]["transport"]
        ),
        (
            &json!("192.0.2.10:5064"),
            &json!("192.0.2.10:5060"),
            &json!("udp")
        )
    );
    assert_eq!(records[1]["time"], "2026-05-28T20:26:40.06Z");
    assert_eq!(records[3]["file"], "samples/invite.sip");

    // parse: the same three messages, read tolerantly, each with its diagnostics.
    let (code, records) = voipkit(&["sip", "parse", &file]);
    assert_eq!(code, 0);
    let seen: Vec<_> = records
        .iter()
        .map(|r| {
            (
                r["frame"].as_u64().unwrap(),
                r["call_id"].clone(),
                r["diagnostics"].as_array().unwrap().len(),
                r["trailing_bytes"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (1, json!("c1"), 0),
            (4, Value::Null, 1),
            (5, json!("c1"), 1),
        ]
        .map(|(f, c, d)| (f, c, d, u64::from(f == 5) * 2))
    );

    // roundtrip: strictly, the LF message does not read (exit 2, its error placed);
    // leniently every message writes back identical.
    let (code, records) = voipkit(&["sip", "roundtrip", &file]);
    assert_eq!(code, 2);
    assert_eq!(records[2]["error"]["frame"], 5);
    assert_eq!(
        records[2]["error"]["reason"],
        "line ends with LF without CR"
    );
    let (code, records) = voipkit(&["sip", "roundtrip", "--lenient", &file]);
    assert_eq!(code, 0);
    assert!(
        records.iter().all(|r| r["identical"] == true),
        "{records:?}"
    );

    // A capture cut inside its last record: the messages before the cut, then the
    // error where reading stopped (exit 2).
    let pcap = std::fs::read(&file).unwrap();
    let cut = dir.join("cut.pcap");
    std::fs::write(&cut, &pcap[..pcap.len() - 10]).unwrap();
    let (code, records) = voipkit(&["sip", "check", cut.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(records.len(), 3, "{records:?}");
    assert_eq!(records[2]["error"]["kind"], "parse");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `sip check` of SIP over TCP applies stream framing: a message without Content-Length
/// (which a datagram may omit) is invalid, and so is one a lost segment cut short; the
/// whole OPTIONS read after the gap is valid.
#[test]
fn sip_check_of_tcp_messages_in_a_capture_applies_stream_framing() {
    let file = repo("capture/tests/data/tcp/unframed-and-cut-messages.pcap");
    let (code, records) = voipkit(&["sip", "check", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{records:?}");
    let seen: Vec<(u64, bool, Value, Value)> = records
        .iter()
        .map(|r| {
            (
                r["frame"].as_u64().unwrap(),
                r["valid"].as_bool().unwrap(),
                r["error"]["reason"].clone(),
                r["transport"].clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                1,
                false,
                json!("Content-Length is required on stream transports"),
                json!("tcp")
            ),
            (2, false, json!("incomplete message"), json!("tcp")),
            (3, true, Value::Null, json!("tcp")),
        ]
    );
    // `sip parse` reads all three.
    let (code, records) = voipkit(&["sip", "parse", file.to_str().unwrap()]);
    assert_eq!((code, records.len()), (0, 3));
}

/// A capture taken on a Homer collector holds each SIP message inside a HEP packet: `sip
/// parse` of the sample call as an agent sends it over HEP3 (encapsulated by sipcapture's
/// hep-js, see the capture crate's `tests/hep.rs`) gives the records of the call itself,
/// at the agent's addresses and times, frame numbers and the agent (its capture id and
/// name) aside; and of a real collector's capture, the messages Wireshark with
/// sipcapture's HEP dissector shows (its MANIFEST.tsv), the log line and the RTCP report
/// left out. heplify's copies of the segments of SIP over TCP (its reassembly off, see
/// the capture crate's `tests/data/hep/heplify`) give the records of the capture it
/// replayed.
#[test]
fn sip_parse_of_a_collector_capture_gives_the_messages_hep_carries() {
    let strip = |mut r: Value| {
        let o = r.as_object_mut().unwrap();
        o.remove("frame");
        o.remove("file");
        o.remove("agent");
        r
    };
    let hep = repo("capture/tests/data/hep/call-over-hep3.pcap");
    let (code, over_hep) = voipkit(&["sip", "parse", hep.to_str().unwrap()]);
    assert_eq!(code, 0, "{over_hep:?}");
    let (code, call) = voipkit(&["sip", "parse", "samples/call.pcap"]);
    assert_eq!(code, 0);
    assert_eq!(over_hep.len(), 5);
    let frames: Vec<u64> = over_hep
        .iter()
        .map(|r| r["frame"].as_u64().unwrap())
        .collect();
    assert_eq!(frames, [1, 2, 3, 4, 5]);
    for r in &over_hep {
        assert_eq!(
            r["agent"],
            json!({"capture_id": 2001, "node_name": "sbc-edge-1"})
        );
    }
    assert!(call.iter().all(|r| r["agent"].is_null()));
    let over_hep: Vec<Value> = over_hep.into_iter().map(strip).collect();
    let call: Vec<Value> = call.into_iter().map(strip).collect();
    assert_eq!(over_hep, call);

    let real = repo("capture/tests/data/hep/homer-hepgen-call.pcap");
    let (code, records) = voipkit(&["sip", "parse", real.to_str().unwrap()]);
    assert_eq!(code, 0, "{records:?}");
    let seen: Vec<(u64, String, String, String)> = records
        .iter()
        .map(|r| {
            (
                r["frame"].as_u64().unwrap(),
                r["src"].as_str().unwrap().to_owned(),
                r["call_id"].as_str().unwrap().to_owned(),
                format!(
                    "{} {}",
                    r["cseq"]["seq"],
                    r["cseq"]["method"].as_str().unwrap()
                ),
            )
        })
        .collect();
    let (a, b, id) = (
        "192.168.1.1:5060",
        "192.168.1.2:5060",
        "qgf3dm9rudi@127.0.0.1",
    );
    let want = [
        (1, a, "1 INVITE"),
        (2, b, "1 INVITE"),
        (3, b, "1 INVITE"),
        (4, a, "9999 OPTIONS"),
        (6, b, "9999 OPTIONS"),
        (7, a, "1 PUBLISH"),
    ]
    .map(|(f, src, cseq)| (f, src.to_owned(), id.to_owned(), cseq.to_owned()));
    assert_eq!(seen, want);
    assert!(
        records
            .iter()
            .all(|r| r["agent"] == json!({"capture_id": 2001, "node_name": null}))
    );

    let segments = repo("capture/tests/data/hep/heplify/segments-volte-invite.pcap");
    let (code, copied) = voipkit(&["sip", "parse", segments.to_str().unwrap()]);
    assert_eq!(code, 0, "{copied:?}");
    let replayed = repo("capture/tests/data/tcp/volte-invite-three-segments.pcap");
    let (code, wire) = voipkit(&["sip", "parse", replayed.to_str().unwrap()]);
    assert_eq!(code, 0);
    let frames: Vec<u64> = copied
        .iter()
        .map(|r| r["frame"].as_u64().unwrap())
        .collect();
    assert_eq!(frames, [4, 5]);
    assert_eq!(
        copied[0]["agent"],
        json!({"capture_id": 2002, "node_name": "heplify-test"})
    );
    let copied: Vec<Value> = copied.into_iter().map(strip).collect();
    let wire: Vec<Value> = wire.into_iter().map(strip).collect();
    assert_eq!(copied, wire);
}
