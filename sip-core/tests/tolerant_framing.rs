//! A lenient datagram read goes past framing problems of deployed equipment and captures
//! (a Content-Length larger than the body, one that is not a number, a header section
//! cut before its empty line), reading what is there and reporting the problem; the
//! strict split refuses them and so does the check, lenient or not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::{Error, Parser, Place, check_with};

const HEAD: &str = "MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
To: <sip:bob@biloxi.example.com>\r\n\
From: <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 1 MESSAGE\r\n";

/// Reads `wire` leniently and returns the body, the first diagnostic and the verdict of
/// the lenient check.
fn lenient(wire: &[u8]) -> (Vec<u8>, sip_core::Diagnostic, Result<(), Error>) {
    let parser = Parser::new().lenient(true);
    let mut slots = Vec::new();
    let m = parser.parse_datagram(wire, &mut slots).unwrap();
    let d = m.diagnostics(&parser).remove(0);
    (m.body().to_vec(), d, check_with(&parser, wire))
}

#[test]
fn a_content_length_larger_than_the_body_reads_the_body_there_is() {
    // Content-Length 10, five bytes of body (line ends rewritten, a body cut).
    let wire = format!("{HEAD}Content-Length: 10\r\n\r\nhello");
    let mut slots = Vec::new();
    let strict = Parser::new().parse_datagram(wire.as_bytes(), &mut slots);
    assert_eq!(
        strict.unwrap_err(),
        Error::Syntax {
            offset: wire.len(),
            reason: "Content-Length is larger than the body"
        }
    );
    let (body, d, verdict) = lenient(wire.as_bytes());
    assert_eq!(body, b"hello");
    assert_eq!((d.offset(), d.place), (wire.len(), Place::Body));
    assert_eq!(
        verdict.unwrap_err().reason(),
        "Content-Length is larger than the body"
    );
}

#[test]
fn a_content_length_that_is_not_a_number_leaves_the_body_to_the_datagram() {
    let wire = format!("{HEAD}Content-Length: bad\r\n\r\nhello");
    let at = wire.find("bad").unwrap();
    let (body, d, verdict) = lenient(wire.as_bytes());
    assert_eq!(body, b"hello");
    assert_eq!(d.offset(), at);
    assert_eq!(d.place, Place::Header(5));
    assert_eq!(
        d.reason(),
        "invalid Content-Length header: not a non-negative decimal integer"
    );
    assert!(verdict.is_err());
}

#[test]
fn a_datagram_ending_after_a_header_line_has_no_body() {
    // A capture that kept the headers but not the empty line.
    let wire = format!("{HEAD}Content-Length: 0\r\n");
    let (body, d, verdict) = lenient(wire.as_bytes());
    assert!(body.is_empty());
    assert_eq!(
        (d.offset(), d.reason().as_str()),
        (
            wire.len(),
            "header section is not terminated by an empty line"
        )
    );
    assert!(verdict.is_err());
    // It writes back as it came, without an empty line added.
    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let mut out = Vec::new();
    m.write_to(&mut out);
    assert_eq!(out, wire.as_bytes());
}

#[test]
fn stream_framing_still_waits_for_the_rest() {
    let wire = format!("{HEAD}Content-Length: 10\r\n\r\nhello");
    let mut slots = Vec::new();
    let status = Parser::new()
        .lenient(true)
        .stream()
        .parse(wire.as_bytes(), &mut slots)
        .unwrap();
    assert!(matches!(status, sip_core::Status::Partial));
}
