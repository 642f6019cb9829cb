//! `voipkit sip parse`, `sip roundtrip` and `sdp parse/check` on messages shaped like
//! those of deployed phones and proxies: a problem confined to one header or to the body
//! is a diagnostic, not a failed command.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;
use common::voipkit;

use serde_json::{Value, json};

/// Writes `bytes` to a fresh file named `name` and returns its path.
fn file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("voipkit-sip-field-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

/// An INVITE whose From value is `from`, with `body` as `application/sdp`.
fn invite(from: &str, body: &str) -> Vec<u8> {
    format!(
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK776asdhds\r\n\
Max-Forwards: 70\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
From: {from}\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Content-Type: application/sdp\r\n\
Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn parse(name: &str, bytes: &[u8]) -> Value {
    let (code, mut lines) = voipkit(&["sip", "parse", &file(name, bytes)]);
    assert_eq!(code, 0, "{lines:?}");
    lines.remove(0)
}

fn quirks(v: &Value) -> Vec<&str> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["quirk"].as_str())
        .collect()
}

const SDP: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.4\r\ns=-\r\nc=IN IP4 192.0.2.4\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 3\r\n";

#[test]
fn an_sdp_body_starting_with_an_empty_line_is_read_as_cisco_phones_send_it() {
    let v = parse(
        "cisco.sip",
        &invite(
            "<sip:alice@atlanta.example.com>;tag=1",
            &format!("\r\n{SDP}"),
        ),
    );
    assert_eq!(v["sdp"]["media"][0]["port"], 49170);
    assert_eq!(v["sdp_error"], Value::Null);
    assert_eq!(quirks(&v), ["blank_lines"]);
    assert_eq!(v["diagnostics"][0]["where"], "body");
}

/// A message written with CR alone at every line end (old Mac-style text, the test
/// messages of some stacks): its headers and its SDP body both read, each quirk reported.
#[test]
fn a_message_with_cr_line_ends_reads_its_sdp_body_too() {
    let body = SDP.replace("\r\n", "\r");
    let wire = String::from_utf8(invite("<sip:alice@atlanta.example.com>;tag=1", &body))
        .unwrap()
        .replace("\r\n", "\r");
    let v = parse("cr.sip", wire.as_bytes());
    assert_eq!(v["sdp_error"], Value::Null, "{v}");
    assert_eq!(v["sdp"]["media"][0]["port"], 49170);
    assert_eq!(v["sdp"]["media"][0]["formats"], json!(["0", "3"]));
    assert!(quirks(&v).contains(&"cr_line_ends"), "{v}");
}

#[test]
fn an_rtpmap_with_a_space_after_the_colon_is_read_as_windows_rtc_sends_it() {
    let body = format!("{SDP}a=rtpmap: 3 GSM/8000\r\n");
    let v = parse(
        "rtc.sip",
        &invite("<sip:alice@atlanta.example.com>;tag=1", &body),
    );
    let codecs = &v["sdp"]["media"][0]["codecs"];
    assert_eq!(
        codecs[1],
        json!({"payload_type": 3, "name": "GSM", "clock_rate": 8000, "channels": null})
    );
    assert_eq!(quirks(&v), ["space_after_attribute_colon"]);
}

#[test]
fn an_empty_body_declared_as_sdp_is_no_sdp_and_no_error() {
    let v = parse(
        "register.sip",
        &invite("<sip:alice@atlanta.example.com>;tag=1", ""),
    );
    assert_eq!((&v["sdp"], &v["sdp_error"]), (&Value::Null, &Value::Null));
    assert_eq!(quirks(&v), ["empty_body"]);
}

#[test]
fn a_body_that_is_not_sdp_fills_sdp_error_and_the_headers_still_read() {
    let v = parse(
        "notsdp.sip",
        &invite("<sip:alice@atlanta.example.com>;tag=1", "hello\r\n"),
    );
    assert_eq!(v["sdp"], Value::Null);
    assert_eq!(v["sdp_error"]["line"], 1);
    assert_eq!(v["cseq"]["seq"], 314_159);
    // The reason is bare (line and offset are keys of their own), and the body that does
    // not parse is in `diagnostics` too, at the same place.
    let reason = v["sdp_error"]["reason"].as_str().unwrap();
    assert!(!reason.starts_with("SDP line"), "{reason}");
    let body: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["where"] == "body")
        .collect();
    assert_eq!(body.len(), 1, "{v}");
    assert_eq!(body[0]["offset"], v["sdp_error"]["offset"]);
    assert_eq!(body[0]["reason"], reason);
}

#[test]
fn a_bad_via_element_does_not_hide_the_good_ones_after_it() {
    let wire = String::from_utf8(invite("<sip:alice@atlanta.example.com>;tag=1", SDP))
        .unwrap()
        .replace(
            "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK776asdhds\r\n",
            "Via: SIP/2.0/UDP bad host, SIP/2.0/TCP ok.example.com;branch=z9hG4bK2\r\n\
Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK776asdhds\r\n",
        );
    let v = parse("badvia.sip", wire.as_bytes());
    let hosts: Vec<&Value> = v["via"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["host"])
        .collect();
    assert_eq!(hosts, [&json!("ok.example.com"), &json!("192.0.2.4")]);
    // The bad one is the first header's diagnostic.
    let d = &v["diagnostics"][0];
    assert_eq!(
        (&d["where"], &d["header"], &d["name"]),
        (&json!("header"), &json!(0), &json!("Via")),
        "{v}"
    );
}

#[test]
fn a_from_header_with_a_bad_tag_is_read_and_reported() {
    // Pingtel: a `^` in the tag is not a token character. Read leniently, as Wireshark
    // and Kamailio do, and reported where the strict check puts it.
    let v = parse(
        "pingtel.sip",
        &invite("sip:a@b.example.com;tag=7618c7618^", SDP),
    );
    assert_eq!(v["from"]["tag"], "7618c7618^");
    assert_eq!(v["call_id"], "a84b4c76e66710@pc33.atlanta.example.com");
    let d = &v["diagnostics"][0];
    assert_eq!(
        (&d["where"], &d["header"], &d["name"]),
        (&json!("header"), &json!(3), &json!("From"))
    );
}

/// A caller name in ISO 8859-1 (`"Müller"` with the single byte 0xFC, as older phones
/// and PBXes send it): the From address and tag still read, the header is a diagnostic,
/// and the raw header keeps the name (shown lossily).
#[test]
fn a_display_name_that_is_not_utf8_keeps_the_from_address_and_tag() {
    let wire: Vec<u8> = invite("\"M_ller\" <sip:alice@atlanta.example.com>;tag=1928", SDP)
        .into_iter()
        .map(|b| if b == b'_' { 0xfc } else { b })
        .collect();
    let v = parse("latin1.sip", &wire);
    assert_eq!(v["from"]["uri"], "sip:alice@atlanta.example.com");
    assert_eq!(v["from"]["tag"], "1928");
    assert_eq!(
        v["headers"][3]["value"],
        "\"M\u{fffd}ller\" <sip:alice@atlanta.example.com>;tag=1928"
    );
    let d = &v["diagnostics"][0];
    assert_eq!(
        (&d["where"], &d["header"], &d["name"], &d["reason"]),
        (
            &json!("header"),
            &json!(3),
            &json!("From"),
            &json!("header value is not UTF-8")
        )
    );
    assert_eq!(v["sdp"]["media"][0]["port"], 49170);
}

#[test]
fn two_different_content_lengths_are_a_diagnostic_at_the_second() {
    let wire = b"OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n\
To: <sip:carol@chicago.example.com>\r\nFrom: <sip:alice@atlanta.example.com>;tag=19\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\nhello";
    let v = parse("two-lengths.sip", wire);
    let reasons: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["name"].as_str(), d["reason"].as_str().unwrap()))
        .collect();
    assert!(
        reasons.contains(&(Some("Content-Length"), "conflicting Content-Length values")),
        "{reasons:?}"
    );
}

#[test]
fn bytes_after_the_body_are_counted_and_left_out_of_the_round_trip() {
    let mut wire = b"OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n\
To: <sip:carol@chicago.example.com>\r\nFrom: <sip:alice@atlanta.example.com>;tag=19\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        .to_vec();
    let own = wire.len();
    wire.extend_from_slice(b"\r\n");
    let path = file("trailing.sip", &wire);
    let parsed = parse("trailing.sip", &wire);
    assert_eq!(parsed["trailing_bytes"], 2);
    // A stray line end is told apart from garbage: the bytes are shown, escaped.
    assert_eq!(parsed["trailing"], "\\r\\n");
    let (code, lines) = voipkit(&["sip", "roundtrip", &path]);
    assert_eq!(code, 0);
    assert_eq!(lines[0]["identical"], true);
    assert_eq!(lines[0]["message_len"], own);
    assert_eq!(lines[0]["trailing_bytes"], 2);
    assert_eq!(lines[0]["trailing"], "\\r\\n");
    // Nothing after the message: null. Garbage: escaped, at most 64 bytes shown.
    wire.truncate(own);
    assert_eq!(parse("exact.sip", &wire)["trailing"], Value::Null);
    wire.extend_from_slice(b"\x00\xffjunk");
    wire.extend_from_slice(&[b'z'; 100]);
    let parsed = parse("garbage.sip", &wire);
    assert_eq!(parsed["trailing_bytes"], 106);
    let shown = parsed["trailing"].as_str().unwrap();
    assert_eq!(shown, format!("\\x00\\xffjunk{}", "z".repeat(58)));
}

#[test]
fn sdp_parse_reads_tolerantly_and_sdp_check_is_strict() {
    let path = file("offer.sdp", format!("\r\n{SDP}a=sendonly \r\n").as_bytes());
    let (code, lines) = voipkit(&["sdp", "parse", &path]);
    assert_eq!(code, 0);
    assert_eq!(lines[0]["media"][0]["direction"], "sendonly");
    assert_eq!(quirks(&lines[0]), ["blank_lines", "trailing_whitespace"]);
    let good = file("good.sdp", SDP.as_bytes());
    let (code, lines) = voipkit(&["sdp", "check", &good, &path]);
    assert_eq!(code, 1);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["error"]["line"], 1);
}
