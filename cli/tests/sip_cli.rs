//! `voipkit sip ...` end to end, checking the JSON contract.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;
use common::voipkit;

use serde_json::{Value, json};

#[test]
fn check_reports_valid_sample_and_invalid_torture_message() {
    let (code, lines) = voipkit(&[
        "sip",
        "check",
        "samples/invite.sip",
        "sip-core/tests/data/torture/mismatch01.sip",
        "sip-core/tests/data/torture/bigcode.sip",
    ]);
    assert_eq!(code, 1, "an invalid file makes the exit code non-zero");
    assert_eq!(lines.len(), 3);
    let ok = &lines[0];
    assert_eq!(ok["valid"], true);
    assert_eq!(ok["kind"], "request");
    assert_eq!(ok["method"], "INVITE");
    assert_eq!(ok["error"], Value::Null);
    let bad = &lines[1];
    assert_eq!(bad["valid"], false);
    assert_eq!(bad["method"], "OPTIONS");
    assert_eq!(
        bad["error"]["reason"],
        "CSeq method differs from the request method"
    );
    assert!(bad["error"]["offset"].as_u64().unwrap() > 0);
    // A response whose start line does not split still says what it is.
    assert_eq!(lines[2]["kind"], "response");
    assert_eq!(lines[2]["error"]["offset"], 8);
}

#[test]
fn check_exits_zero_when_every_file_is_valid() {
    let (code, lines) = voipkit(&["sip", "check", "samples/invite.sip", "samples/register.sip"]);
    assert_eq!(code, 0);
    assert!(lines.iter().all(|l| l["valid"] == true));
}

#[test]
fn parse_prints_the_contract_keys() {
    let (code, lines) = voipkit(&["sip", "parse", "samples/invite.sip"]);
    assert_eq!(code, 0);
    let p = &lines[0];
    assert_eq!(
        p["start_line"],
        "INVITE sip:+31201234567@sip.provider.example.nl;user=phone SIP/2.0"
    );
    assert_eq!(p["headers"][0]["name"], "Via");
    assert_eq!(p["headers"].as_array().unwrap().len(), 15);
    assert_eq!(
        p["call_id"],
        "6f1e2d3c4b5a69788796a5b4c3d2e1f0@198.51.100.10"
    );
    assert_eq!(p["cseq"]["seq"], 1);
    assert_eq!(p["cseq"]["method"], "INVITE");
    assert_eq!(p["from"]["uri"], "sip:alice@sip.provider.example.nl");
    assert_eq!(p["from"]["tag"], "4a7b9c1d");
    // The display name unquoted; none on the To.
    assert_eq!(p["from"]["display"], "Alice Jansen");
    assert_eq!(p["to"]["display"], serde_json::Value::Null);
    assert_eq!(p["to"]["tag"], Value::Null);
    assert_eq!(p["via"][0]["transport"], "UDP");
    assert_eq!(p["via"][0]["host"], "198.51.100.10");
    assert_eq!(p["via"][0]["port"], 5060);
    assert_eq!(p["via"][0]["branch"], "z9hG4bK-524287-1---a3f1c2d4e5b6");
    assert_eq!(p["content_length"], p["body_len"]);
    // The SDP body, parsed (the sample's audio line offers PCMA, PCMU and DTMF events).
    assert_eq!(p["sdp"]["origin"]["address"], "198.51.100.10");
    assert_eq!(p["sdp"]["media"][0]["port"], 49170);
    assert_eq!(p["sdp"]["media"][0]["codecs"][0]["name"], "PCMA");
    assert_eq!(p["sdp"]["media"][0]["codecs"][2]["name"], "telephone-event");
    assert_eq!(p["sdp"]["media"][0]["direction"], "sendrecv");
    let (_, lines) = voipkit(&["sip", "parse", "samples/register.sip"]);
    assert_eq!(lines[0]["sdp"], Value::Null);
}

#[test]
fn parse_error_is_a_json_error_with_offset() {
    // Not a SIP message at all: the start line ends (byte 11) without a SIP version.
    let dir = std::env::temp_dir().join(format!("voipkit-sip-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("garbage.sip");
    std::fs::write(&file, b"hello world\r\n\r\n").unwrap();
    let (code, lines) = voipkit(&["sip", "parse", file.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert_eq!(lines[0]["error"]["kind"], "parse");
    assert_eq!(lines[0]["error"]["offset"], 11);
    assert_eq!(
        lines[0]["error"]["reason"],
        "request line has no SIP version"
    );
}

#[test]
fn parse_reads_a_start_line_with_extra_spaces_and_says_where() {
    // RFC 4475 3.1.2.9: "INVITE  sip:..." (two spaces); read, with a diagnostic at the
    // second space (byte 7) in the start line.
    let (code, lines) = voipkit(&["sip", "parse", "sip-core/tests/data/torture/lwsstart.sip"]);
    assert_eq!(code, 0);
    assert_eq!(lines[0]["method"], "INVITE");
    let d = &lines[0]["diagnostics"][0];
    assert_eq!(
        (&d["where"], &d["offset"]),
        (&json!("start_line"), &json!(7))
    );
}

/// A message kept in a file saved with a UTF-8 byte order mark: `sip parse` reads it
/// (the mark is a start-line diagnostic at byte 0), `sip check` says what the three
/// bytes are, and `sip roundtrip --lenient` compares the message after them.
#[test]
fn a_file_saved_with_a_byte_order_mark_reads_and_check_names_the_mark() {
    let dir = std::env::temp_dir().join(format!("voipkit-sip-cli-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bom.sip");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(include_bytes!("../../samples/invite.sip"));
    std::fs::write(&file, &bytes).unwrap();
    let file = file.to_str().unwrap();
    let (code, lines) = voipkit(&["sip", "parse", file]);
    assert_eq!((code, &lines[0]["method"]), (0, &json!("INVITE")));
    assert_eq!(
        lines[0]["diagnostics"],
        json!([{"where": "start_line", "offset": 0, "reason": "byte order mark before the start line"}])
    );
    let (code, lines) = voipkit(&["sip", "check", file]);
    assert_eq!(code, 1);
    assert_eq!(
        lines[0]["error"],
        json!({"offset": 0, "reason": "byte order mark before the start line"})
    );
    let (code, lines) = voipkit(&["sip", "roundtrip", "--lenient", file]);
    assert_eq!(code, 0);
    assert_eq!(
        (
            &lines[0]["identical"],
            &lines[0]["leading_bytes"],
            &lines[0]["message_len"]
        ),
        (&json!(true), &json!(3), &json!(bytes.len() - 3))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn roundtrip_is_identical_for_samples_and_torture_messages() {
    for f in [
        "samples/invite.sip",
        "sip-core/tests/data/torture/wsinv.sip",
        "sip-core/tests/data/torture/mpart01.sip",
    ] {
        let (code, lines) = voipkit(&["sip", "roundtrip", f]);
        assert_eq!(
            (code, &lines[0]["identical"]),
            (0, &Value::Bool(true)),
            "{f}"
        );
    }
    // dblreq (RFC 4475 3.1.1.8): a REGISTER with Content-Length 0 followed by what looks
    // like an INVITE. The REGISTER (300 bytes) round-trips; the 450 bytes after it are
    // reported as trailing, not compared.
    let (code, lines) = voipkit(&["sip", "roundtrip", "sip-core/tests/data/torture/dblreq.sip"]);
    assert_eq!((code, &lines[0]["identical"]), (0, &Value::Bool(true)));
    assert_eq!(
        (&lines[0]["message_len"], &lines[0]["trailing_bytes"]),
        (&json!(300), &json!(450))
    );
}

#[test]
fn check_of_a_file_over_the_size_limit_is_an_invalid_record_with_the_parsers_verdict() {
    // An INVITE whose body makes the file 2 MiB, over the 1 MiB a SIP file may hold:
    // the parser stops at its own 65,535-byte limit, where the body would start, and
    // that is the file's record; the next file is still checked.
    let head = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
To: <sip:bob@biloxi.example.com>\r\nFrom: <sip:alice@atlanta.example.com>;tag=1\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 314159 INVITE\r\nContent-Length: 2097152\r\n\r\n";
    let mut bytes = head.as_bytes().to_vec();
    bytes.resize(head.len() + (2 << 20), b'x');
    let dir = std::env::temp_dir().join(format!("voipkit-sip-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.sip");
    std::fs::write(&big, &bytes).unwrap();
    let big = big.display().to_string();
    let (code, lines) = voipkit(&["sip", "check", &big, "samples/invite.sip"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        json!({
            "file": big,
            "valid": false,
            "kind": "request",
            "method": "INVITE",
            "status": null,
            "error": {"offset": head.len(), "reason": "max_message_size exceeded (maximum 65535)"},
        })
    );
    assert_eq!(lines[1]["valid"], true);
}

/// A forwarded call between carriers: the keys a carrier's billing and fraud checks read,
/// worked out from the sample's headers (its PASSporTs were encoded from the JSON in
/// RFC 8588 and RFC 8946's shape).
#[test]
fn parse_gives_diversion_history_identity_and_charging_keys() {
    let (code, lines) = voipkit(&["sip", "parse", "samples/invite_forwarded.sip"]);
    assert_eq!(code, 0);
    let p = &lines[0];
    assert_eq!(p["diagnostics"], json!([]));
    assert_eq!(
        p["asserted_identity"],
        json!(["sip:+31207654321@carrier-a.example;user=phone"])
    );
    assert_eq!(p["privacy"], json!(["none"]));
    assert_eq!(
        p["diversion"],
        json!([{
            "uri": "sip:+31201234567@carrier-b.example;user=phone",
            "reason": "no-answer",
            "counter": 1,
            "privacy": "off",
            "screen": "yes",
        }])
    );
    let hi = p["history_info"].as_array().unwrap();
    assert_eq!(hi.len(), 2);
    assert_eq!(
        (&hi[0]["index"], &hi[0]["reason"]),
        (&json!("1"), &Value::Null)
    );
    assert_eq!(hi[1]["index"], "1.1");
    assert_eq!(
        hi[1]["reason"],
        json!({"protocol": "SIP", "cause": 408, "text": "Request Timeout"})
    );
    assert_eq!(p["attest"], "A");
    let ids = p["identity"].as_array().unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0]["info"], "https://cert.carrier-a.example/shaken.pem");
    assert_eq!(ids[0]["passport_error"], Value::Null);
    let shaken = &ids[0]["passport"];
    assert_eq!(shaken["attest"], "A");
    assert_eq!(shaken["orig"], json!({"tn": "31207654321"}));
    assert_eq!(shaken["dest"], json!([{"tn": "31201234567"}]));
    // 1796472000 s after 1970: 20792 days (2026-12-05) and 43200 s (12:00:00).
    assert_eq!(shaken["iat"], "2026-12-05T12:00:00Z");
    assert_eq!(shaken["origid"], "8c2b5f4e-6a1d-4e8b-9f3c-2d7a1b0e5c94");
    let div = &ids[1]["passport"];
    assert_eq!(
        (&ids[1]["ppt"], &div["ppt"]),
        (&json!("div"), &json!("div"))
    );
    assert_eq!(div["div"], json!([{"tn": "31201234567"}]));
    assert_eq!(div["dest"], json!([{"tn": "31612345678"}]));
    assert_eq!(div["attest"], Value::Null);
    assert_eq!(
        p["charging_vector"],
        json!({
            "icid": "carrier-a.example-1796472000-41",
            "icid_generated_at": "203.0.113.5",
            "orig_ioi": "carrier-a.example",
            "term_ioi": null,
        })
    );
    // A message without them has empty lists and nulls.
    let (_, lines) = voipkit(&["sip", "parse", "samples/register.sip"]);
    let r = &lines[0];
    for key in ["asserted_identity", "diversion", "history_info", "identity"] {
        assert_eq!(r[key], json!([]), "{key}");
    }
    assert_eq!(
        (&r["privacy"], &r["charging_vector"]),
        (&Value::Null, &Value::Null)
    );
}

/// A PASSporT that does not decode is said so beside the Identity header it came in;
/// a malformed Diversion is left out of `diversion` and reported in `diagnostics`.
#[test]
fn parse_reports_a_bad_passport_and_a_bad_diversion() {
    let dir = std::env::temp_dir().join(format!("voipkit-sip-carrier-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.sip");
    let wire = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../samples/invite_forwarded.sip"
    ))
    .unwrap()
    .replacen("Identity: eyJ", "Identity: e+J", 1)
    .replace(";counter=1;", ";counter=100;");
    std::fs::write(&path, wire).unwrap();
    let (code, lines) = voipkit(&["sip", "parse", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let p = &lines[0];
    let ids = p["identity"].as_array().unwrap();
    assert_eq!(ids[0]["passport"], Value::Null);
    assert_eq!(
        ids[0]["passport_error"],
        "header is not base64url at byte 1"
    );
    assert_eq!(ids[1]["passport"]["ppt"], "div");
    assert_eq!(p["diversion"], json!([]));
    let d = p["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["name"], "Diversion");
    assert_eq!(d[0]["where"], "header");
    assert!(
        d[0]["reason"]
            .as_str()
            .unwrap()
            .contains("counter is not a number of one or two digits")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
