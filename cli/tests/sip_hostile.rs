//! Hostile and careless input through `voipkit sip ...` and `voipkit sdp ...`: each case
//! gives a typed error or a documented result with its exit code, finishes within the
//! 60 s watchdog under a 2 GiB address-space limit, and peaks under 256 MiB resident.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod hostile_harness;
use hostile_harness::Scratch;

use serde_json::json;

const HEAD: &str = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
To: <sip:bob@biloxi.example.com>\r\nFrom: <sip:alice@atlanta.example.com>;tag=1\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 314159 INVITE\r\n";

#[test]
fn sip_inputs_that_are_too_large_or_too_many_end_in_typed_errors() {
    let many_headers = format!("{HEAD}{}\r\n", "X-A: b\r\n".repeat(100_000));
    let long_header = format!("{HEAD}Subject: {}\r\n\r\n", "a".repeat(500_000));
    let huge_length = format!("{HEAD}Content-Length: 4294967295\r\n\r\nhello");
    let nul_bytes = vec![0u8; 4096];
    let cases: [(&str, &[u8], i32, &str); 4] = [
        ("many.sip", many_headers.as_bytes(), 2, "limit"),
        ("long.sip", long_header.as_bytes(), 2, "limit"),
        ("huge-length.sip", huge_length.as_bytes(), 2, "limit"),
        ("nul.sip", &nul_bytes, 2, "parse"),
    ];
    let dir = Scratch::new("sip");
    for (name, bytes, code, kind) in cases {
        let file = dir.file(name, bytes);
        for command in ["parse", "roundtrip"] {
            let run = dir.run(&["sip", command, file], 256);
            let error = &run.rows[0]["error"];
            assert_eq!(run.code, code, "{name} {command}: {:?}", run.rows);
            // Too large for the message limit is a `limit` before any parsing; the rest
            // are parse errors with the offset at fault.
            assert!(
                error["kind"] == kind || (kind == "limit" && error["kind"] == "parse"),
                "{name} {command}: {error}"
            );
            assert!(
                error["offset"].is_u64() || error["limit"].is_u64(),
                "{error}"
            );
        }
        let run = dir.run(&["sip", "check", file], 256);
        assert_eq!(
            (run.code, &run.rows[0]["valid"]),
            (1, &json!(false)),
            "{name}"
        );
    }
}

#[test]
fn sdp_inputs_that_are_too_large_or_too_many_end_in_typed_errors() {
    let sdp_head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";
    let many_media = format!("{sdp_head}{}", "m=audio 4000 RTP/AVP 0\r\n".repeat(300));
    let many_blank = format!("{sdp_head}{}", "\r\n".repeat(20_000));
    let long_line = format!("{sdp_head}a=x:{}\r\n", "y".repeat(20_000));
    let cases = [
        ("media.sdp", many_media, "more than 256 media sections"),
        ("blank.sdp", many_blank, "more than 8192 lines"),
        ("long.sdp", long_line, "line longer than 8192 bytes"),
    ];
    let dir = Scratch::new("sdp");
    for (name, text, reason) in cases {
        let file = dir.file(name, text.as_bytes());
        let run = dir.run(&["sdp", "parse", file], 256);
        assert_eq!(run.code, 2, "{name}");
        let message = run.rows[0]["error"]["message"].as_str().unwrap();
        assert!(message.ends_with(reason), "{name}: {message}");
        assert!(run.rows[0]["error"]["line"].is_u64(), "{name}");
        let run = dir.run(&["sdp", "check", file], 256);
        assert_eq!(
            (run.code, &run.rows[0]["valid"]),
            (1, &json!(false)),
            "{name}"
        );
    }
    // Larger than an SDP file may be: stopped at the read.
    let big = dir.file("big.sdp", vec![b'a'; (1 << 20) + 1]);
    let run = dir.run(&["sdp", "parse", big], 256);
    assert_eq!(
        (run.code, &run.rows[0]["error"]["kind"]),
        (2, &json!("limit"))
    );
}

/// A Content-Length past 32 bits: no overflow, and since a datagram's framing does not
/// need it, `sip parse` reads the message and reports the header; `check` refuses it.
#[test]
fn a_content_length_past_32_bits_is_reported_not_overflowed() {
    let wire = format!("{HEAD}Content-Length: 99999999999999999999\r\n\r\n");
    let dir = Scratch::new("overflow");
    let file = dir.file("overflow.sip", wire.as_bytes());
    let run = dir.run(&["sip", "parse", file], 256);
    assert_eq!(run.code, 0);
    let d = &run.rows[0]["diagnostics"][0];
    assert_eq!(
        d["reason"],
        "invalid Content-Length header: value too large"
    );
    assert_eq!(d["offset"], wire.find("9999").unwrap());
    assert_eq!(run.rows[0]["content_length"], json!(null));
    let run = dir.run(&["sip", "check", file], 256);
    assert_eq!((run.code, &run.rows[0]["valid"]), (1, &json!(false)));
}

/// Identity headers built to hurt the PASSporT decoder: 60 KB of nested JSON arrays
/// (past the JSON reader's depth limit), 60 KB of one claim, and a hundred Identity
/// headers. Each ends in `passport_error` or a decoded PASSporT, quickly and in little
/// memory, and the message still reads.
#[test]
fn hostile_passports_end_in_passport_errors() {
    use base64::Engine as _;
    let b64url = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let header = b64url(br#"{"alg":"ES256","ppt":"shaken"}"#);
    let nested = b64url(format!("{}{}", "[".repeat(20_000), "]".repeat(20_000)).as_bytes());
    let long = b64url(format!(r#"{{"attest":"A","origid":"{}"}}"#, "x".repeat(40_000)).as_bytes());
    let many = format!("Identity: {header}.{}.c2ln\r\n", b64url(b"{}")).repeat(100);
    let cases = [
        (
            "nested.sip",
            format!("Identity: {header}.{nested}.c2ln\r\n"),
            "claims at byte",
        ),
        (
            "long.sip",
            format!("Identity: {header}.{long}.c2ln\r\n"),
            "",
        ),
        ("many.sip", many, ""),
    ];
    let dir = Scratch::new("passport");
    for (name, identity, error) in cases {
        let wire = format!("{HEAD}{identity}Content-Length: 0\r\n\r\n");
        let file = dir.file(name, wire.as_bytes());
        let run = dir.run(&["sip", "parse", file], 256);
        assert_eq!(run.code, 0, "{name}: {:?}", run.rows);
        let ids = run.rows[0]["identity"].as_array().unwrap();
        assert!(!ids.is_empty(), "{name}");
        for id in ids {
            if error.is_empty() {
                assert!(id["passport"].is_object(), "{name}: {id}");
            } else {
                assert!(
                    id["passport_error"].as_str().unwrap().contains(error),
                    "{name}: {id}"
                );
            }
        }
        assert_eq!(run.rows[0]["call_id"], "a84b4c76e66710", "{name}");
    }
}
