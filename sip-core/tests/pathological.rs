//! Hostile inputs finish in linear time with a typed error naming the limit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use sip_core::{Error, Limits, Parser, check};

fn head() -> Vec<u8> {
    b"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n".to_vec()
}

#[test]
fn a_hundred_thousand_headers_stop_at_the_header_limit() {
    let mut msg = head();
    for i in 0..100_000 {
        msg.extend_from_slice(format!("X-H{i}: v\r\n").as_bytes());
    }
    msg.extend_from_slice(b"\r\n");
    let mut slots = Vec::new();
    let big = Parser::new().limits(Limits::builder().max_message_size(4 << 20).build());
    let err = big.parse(&msg, &mut slots).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Limit {
                limit: "max_headers",
                max: 256,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(slots.len() <= 256, "no more slots than the limit");
    // With the default size limit the message is too large before the headers run out.
    let err = Parser::new().parse(&msg, &mut slots).unwrap_err();
    assert!(matches!(err, Error::Limit { .. }), "{err:?}");
    // A raised header limit parses them all, in one pass.
    let many = Parser::new().limits(
        Limits::builder()
            .max_message_size(4 << 20)
            .max_headers(200_000)
            .build(),
    );
    let m = many.parse(&msg, &mut slots).unwrap().complete().unwrap();
    assert_eq!(m.header_count(), 100_001);
}

#[test]
fn a_one_megabyte_quoted_string_is_refused_cleanly() {
    let mut msg = head();
    msg.extend_from_slice(b"From: \"");
    msg.extend(std::iter::repeat_n(b'a', 1 << 20));
    msg.extend_from_slice(b"\" <sip:a@example.com>;tag=1\r\n\r\n");
    let mut slots = Vec::new();
    let err = Parser::new().parse(&msg, &mut slots).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Limit {
                limit: "max_header_len",
                ..
            } | Error::Limit {
                limit: "max_message_size",
                ..
            }
        ),
        "{err:?}"
    );
    // Allowed by the limits, the typed parse of the long display name still completes.
    let roomy = Parser::new().limits(
        Limits::builder()
            .max_message_size(2 << 20)
            .max_header_len(2 << 20)
            .build(),
    );
    let m = roomy.parse(&msg, &mut slots).unwrap().complete().unwrap();
    assert_eq!(
        m.from().unwrap().unwrap().display_name().unwrap().len(),
        1 << 20
    );
    // Unterminated, it is a typed error at the opening quote.
    let mut bad = head();
    bad.extend_from_slice(b"To: \"");
    bad.extend(std::iter::repeat_n(b'a', 1 << 20));
    bad.extend_from_slice(b"\r\n\r\n");
    let m = roomy.parse(&bad, &mut slots).unwrap().complete().unwrap();
    let err = m.to().unwrap_err();
    assert_eq!(
        err.reason(),
        "invalid To header: unterminated quoted string"
    );
    assert_eq!(err.offset(), head().len() + 4);
}

#[test]
fn huge_numbers_never_overflow() {
    let mut msg = head();
    msg.extend_from_slice(b"From: <sip:a@b>;tag=1\r\nTo: <sip:b@c>\r\nCall-ID: x\r\nCSeq: ");
    msg.extend(std::iter::repeat_n(b'9', 10_000));
    let mut huge_length = msg.clone();
    huge_length.extend_from_slice(b" INVITE\r\nContent-Length: 99999999999999999999\r\n\r\n");
    let err = check(&huge_length).unwrap_err();
    assert_eq!(
        err.reason(),
        "invalid Content-Length header: value too large"
    );
    msg.extend_from_slice(b" INVITE\r\nContent-Length: 0\r\n\r\n");
    let err = check(&msg).unwrap_err();
    assert_eq!(err.reason(), "invalid CSeq header: number out of range");
}

#[test]
fn many_vias_stop_at_the_via_limit() {
    let mut msg = head();
    msg.extend_from_slice(
        b"From: <sip:a@b>;tag=1\r\nTo: <sip:b@c>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nVia: ",
    );
    for i in 0..100 {
        if i > 0 {
            msg.extend_from_slice(b", ");
        }
        msg.extend_from_slice(format!("SIP/2.0/UDP h{i};branch=z9hG4bK{i}").as_bytes());
    }
    msg.extend_from_slice(b"\r\nContent-Length: 0\r\n\r\n");
    let err = check(&msg).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Limit {
                limit: "max_vias",
                max: 64,
                ..
            }
        ),
        "{err:?}"
    );
}

/// The lenient reading keeps a line that is not a header as a header without a name: a
/// flood of such lines still stops at the header limit.
#[test]
fn a_flood_of_lines_that_are_not_headers_stops_at_the_header_limit_when_lenient() {
    let mut msg = head();
    for _ in 0..100_000 {
        msg.extend_from_slice(b"garbage\r\n");
    }
    msg.extend_from_slice(b"\r\n");
    let mut slots = Vec::new();
    let lenient = Parser::new()
        .lenient(true)
        .limits(Limits::builder().max_message_size(4 << 20).build());
    let err = lenient.parse(&msg, &mut slots).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Limit {
                limit: "max_headers",
                ..
            }
        ),
        "{err:?}"
    );
}

/// Tolerant SDP: blank lines count as lines, so a flood of them stops at the line limit
/// with as many diagnostics at most.
#[test]
fn a_flood_of_blank_sdp_lines_stops_at_the_line_limit_when_tolerant() {
    use sip_core::sdp::{self, ParseErrorKind, Quirks};
    let mut text = String::from("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n");
    text.push_str(&"\r\n".repeat(100_000));
    let mut notes = Vec::new();
    let err = sdp::Parser::new()
        .max_size(1 << 20)
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(&text, &mut notes)
        .unwrap_err();
    assert_eq!(err.parse_kind(), Some(&ParseErrorKind::TooManyLines(8192)));
    assert!(notes.len() <= 8192, "{}", notes.len());
}

#[test]
fn a_crlf_across_the_size_limit_is_the_limit_with_every_quirk() {
    // A 65,550-byte datagram whose long header ends with its CR as the last byte the
    // default limit (65,535 bytes) allows and its LF the first past it. Reading CR
    // alone as a line end (every quirk on, as `sip parse` reads) once took the CRLF as
    // the line's end and then read past the limit.
    let start = b"OPTIONS sip:a@example.com SIP/2.0\r\n";
    let mut msg = start.to_vec();
    msg.extend_from_slice(b"X: ");
    msg.resize(65_534, b'a');
    msg.extend_from_slice(b"\r\nCall-ID: 1\r\n\r\n");
    assert_eq!(&msg[65_534..65_536], b"\r\n");
    for quirks in [sip_core::Quirks::NONE, sip_core::Quirks::ALL] {
        let mut slots = Vec::new();
        let err = Parser::new()
            .quirks(quirks)
            .parse_datagram(&msg, &mut slots)
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::Limit {
                    limit: "max_message_size",
                    max: 65_535,
                    ..
                }
            ),
            "{quirks:?}: {err:?}"
        );
    }
}
