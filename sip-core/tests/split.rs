//! Framing and the zero-copy split.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use bytes::Bytes;
use sip_core::{Error, Limits, Parser, SipMessage, StartLine, Status};

const INVITE: &[u8] = b"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n\
Max-Forwards: 70\r\n\
t: Bob <sip:bob@biloxi.example.com>\r\n\
f: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
i: a84b4c76e66710\r\n\
CSeq: 314159 INVITE\r\n\
Subject: lunch\r\n continued\r\n\
c: application/sdp\r\n\
l: 4\r\n\
\r\n\
v=0\n";

fn split(input: &[u8]) -> Result<Status<(usize, usize)>, Error> {
    let mut slots = Vec::new();
    Parser::new()
        .stream()
        .parse(input, &mut slots)
        .map(|s| match s {
            Status::Complete(m) => Status::Complete((m.consumed(), m.header_count())),
            Status::Partial => Status::Partial,
        })
}

#[test]
fn headers_are_kept_in_wire_order_with_compact_forms_and_case() {
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(INVITE, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    let names: Vec<&str> = m.headers().map(|h| h.name()).collect();
    assert_eq!(
        names,
        [
            "Via",
            "Max-Forwards",
            "t",
            "f",
            "i",
            "CSeq",
            "Subject",
            "c",
            "l"
        ]
    );
    assert_eq!(m.header("call-id").unwrap().value(), b"a84b4c76e66710");
    assert_eq!(m.header("TO").unwrap().long_name(), "To");
    assert_eq!(
        m.header("i").unwrap().value_offset(),
        INVITE
            .windows(14)
            .position(|w| w == b"a84b4c76e66710")
            .unwrap()
    );
    assert_eq!(m.content_type_raw(), Some(&b"application/sdp"[..]));
    assert_eq!(m.body(), b"v=0\n");
    assert_eq!(m.content_length(), Some(4));
    assert!(matches!(
        m.start_line(),
        StartLine::Request {
            method: "INVITE",
            version: "SIP/2.0",
            ..
        }
    ));
}

#[test]
fn folded_values_keep_their_bytes_and_unfold_to_one_space() {
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(INVITE, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    let subject = m.header("Subject").unwrap();
    assert_eq!(subject.value(), b"lunch\r\n continued");
    assert_eq!(subject.unfolded().as_ref(), b"lunch continued");
}

#[test]
fn every_prefix_of_a_stream_message_is_partial_and_the_whole_is_complete() {
    for n in 0..INVITE.len() {
        assert_eq!(
            split(&INVITE[..n]),
            Ok(Status::Partial),
            "prefix of {n} bytes"
        );
    }
    assert_eq!(split(INVITE), Ok(Status::Complete((INVITE.len(), 9))));
}

#[test]
fn stream_skips_keepalive_crlfs_and_reports_bytes_consumed() {
    let mut input = b"\r\n\r\n".to_vec();
    input.extend_from_slice(INVITE);
    input.extend_from_slice(b"OPTIONS sip:x SIP/2.0\r\n");
    let mut slots = Vec::new();
    let m = Parser::new()
        .stream()
        .parse(&input, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(m.offset(), 4);
    assert_eq!(m.consumed(), 4 + INVITE.len());
    assert_eq!(m.as_bytes(), INVITE);
    // The next message is incomplete.
    let rest = &input[4 + INVITE.len()..];
    assert_eq!(split(rest), Ok(Status::Partial));
}

#[test]
fn datagram_without_content_length_takes_the_rest() {
    let msg = b"MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\nhello\r\n";
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(msg, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(m.body(), b"hello\r\n");
    assert_eq!(m.content_length(), None);
    // On a stream Content-Length is mandatory.
    let err = Parser::new().stream().parse(msg, &mut slots).unwrap_err();
    assert_eq!(
        err.reason(),
        "Content-Length is required on stream transports"
    );
}

#[test]
fn short_datagram_body_is_an_error_not_a_truncation() {
    let msg = b"MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nhello";
    let mut slots = Vec::new();
    let err = Parser::new().parse(msg, &mut slots).unwrap_err();
    assert_eq!(
        err,
        Error::Syntax {
            offset: msg.len(),
            reason: "Content-Length is larger than the body"
        }
    );
}

#[test]
fn lf_only_messages_need_lenient_mode() {
    let msg = b"\nOPTIONS sip:a@b SIP/2.0\nCall-ID: x\nContent-Length: 0\n\n";
    let mut slots = Vec::new();
    let err = Parser::new().parse(&msg[1..], &mut slots).unwrap_err();
    assert_eq!(
        err,
        Error::Syntax {
            offset: 23,
            reason: "line ends with LF without CR"
        }
    );
    let m = Parser::new()
        .lenient(true)
        .parse(msg, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(m.offset(), 1);
    assert_eq!(m.header("Call-ID").unwrap().value(), b"x");
    assert_eq!(m.as_bytes(), &msg[1..]);
}

#[test]
fn lenient_mode_accepts_extra_spaces_in_the_request_line() {
    let msg = b"INVITE  sip:a@b  SIP/2.0 \r\nContent-Length: 0\r\n\r\n";
    let mut slots = Vec::new();
    assert!(Parser::new().parse(msg, &mut slots).is_err());
    let m = Parser::new()
        .lenient(true)
        .parse(msg, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(m.request_uri(), Some("sip:a@b"));
}

#[test]
fn responses_parse_code_and_reason() {
    let msg = "SIP/2.0 486 Busy Here – bezet\r\nContent-Length: 0\r\n\r\n".as_bytes();
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(msg, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(m.status(), Some(486));
    let StartLine::Response { reason, .. } = m.start_line() else {
        panic!()
    };
    assert_eq!(reason, "Busy Here – bezet".as_bytes());
    for bad in [
        "SIP/2.0 99 x\r\n\r\n",
        "SIP/2.0 700 x\r\n\r\n",
        "SIP/2.0 2000 x\r\n\r\n",
        "SIP/3.0 200 OK\r\n\r\n",
    ] {
        assert!(
            Parser::new().parse(bad.as_bytes(), &mut slots).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn header_name_errors_carry_the_offset() {
    let msg = b"OPTIONS sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n";
    let mut slots = Vec::new();
    let err = Parser::new().parse(msg, &mut slots).unwrap_err();
    assert_eq!(
        err,
        Error::Syntax {
            offset: 29,
            reason: "expected ':' after header name"
        }
    );
    let msg = b"OPTIONS sip:a@b SIP/2.0\r\n: x\r\n\r\n";
    let err = Parser::new().parse(msg, &mut slots).unwrap_err();
    assert_eq!(
        err,
        Error::Syntax {
            offset: 25,
            reason: "invalid character in header name"
        }
    );
}

#[test]
fn limits_are_enforced_with_typed_errors() {
    let mut slots = Vec::new();
    let small = Parser::new().limits(Limits::builder().max_headers(3).build());
    let err = small.parse(INVITE, &mut slots).unwrap_err();
    assert!(matches!(
        err,
        Error::Limit {
            limit: "max_headers",
            max: 3,
            ..
        }
    ));
    let short = Parser::new().limits(Limits::builder().max_header_len(40).build());
    let err = short.parse(INVITE, &mut slots).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Limit {
                limit: "max_header_len",
                ..
            }
        ),
        "{err:?}"
    );
    let tiny = Parser::new()
        .stream()
        .limits(Limits::builder().max_message_size(100).build());
    let err = tiny.parse(INVITE, &mut slots).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Limit {
                limit: "max_message_size",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn owned_message_shares_the_buffer_and_the_layout() {
    let bytes = Bytes::from_static(INVITE);
    let msg = SipMessage::parse(bytes.clone()).unwrap();
    assert_eq!(msg.as_bytes(), &bytes);
    assert_eq!(msg.as_bytes().as_ptr(), bytes.as_ptr(), "no copy");
    assert_eq!(
        msg.header("f").unwrap().as_ref(),
        b"Alice <sip:alice@atlanta.example.com>;tag=1928301774"
    );
    assert_eq!(msg.body().as_ref(), b"v=0\n");
    assert_eq!(msg.header_list().len(), 9);
    let mut slots = Vec::new();
    let view = Parser::new()
        .parse(INVITE, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(view.to_owned_message(), msg);
    assert_eq!(msg.view().header_spans(), view.header_spans());
}

#[test]
fn conflicting_content_lengths_cannot_frame_a_stream() {
    let msg = b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nab";
    let mut slots = Vec::new();
    let err = Parser::new().stream().parse(msg, &mut slots).unwrap_err();
    assert_eq!(err.reason(), "conflicting Content-Length values");
    // Equal repeated values are fine for framing.
    let msg = b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 2\r\nl: 2\r\n\r\nab";
    assert!(
        Parser::new()
            .stream()
            .parse(msg, &mut slots)
            .unwrap()
            .complete()
            .is_some()
    );
}

#[test]
fn typed_access_finds_headers_on_any_line_of_a_long_message() {
    // 600 header lines: the From on line 300, a Contact on line 1 and one on line 599,
    // Via on lines 0 and 598; Route on none. Line numbers past 254 do not fit the byte
    // the split keeps them in, which must not lose a header.
    let mut wire = String::from("OPTIONS sip:carol@example.com SIP/2.0\r\n");
    wire.push_str("Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n");
    wire.push_str("Contact: <sip:first@example.com>\r\n");
    for i in 2..600 {
        match i {
            300 => wire.push_str("From: <sip:alice@example.com>;tag=far\r\n"),
            598 => wire.push_str("v: SIP/2.0/TCP b.example.com;branch=z9hG4bK2\r\n"),
            599 => wire.push_str("m: <sip:last@example.com>\r\n"),
            _ => wire.push_str(&format!("X-Filler-{i}: {i}\r\n")),
        }
    }
    wire.push_str("\r\n");
    let parser = Parser::new().limits(Limits::builder().max_headers(1000).build());
    let mut slots = Vec::new();
    let m = parser.parse_datagram(wire.as_bytes(), &mut slots).unwrap();
    assert_eq!(m.header_count(), 600);
    let hosts: Vec<String> = m.vias().map(|v| v.unwrap().host.to_string()).collect();
    assert_eq!(hosts, ["a.example.com", "b.example.com"]);
    assert_eq!(m.from().unwrap().and_then(|f| f.tag()), Some("far"));
    assert_eq!(m.contacts().count(), 2);
    assert_eq!(m.routes().count(), 0);
    assert_eq!(
        m.header("X-Filler-450").map(|h| h.value()),
        Some(&b"450"[..])
    );
}
