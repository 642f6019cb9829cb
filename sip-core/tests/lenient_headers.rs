//! Typed headers as deployed equipment writes them: refused strictly, read leniently.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::Parser;
use sip_core::uri::Uri;

/// An OPTIONS request whose From value is `from`.
fn with_from(from: &str) -> Vec<u8> {
    format!(
        "OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n\
To: <sip:carol@chicago.example.com>\r\nFrom: {from}\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\nContent-Length: 0\r\n\r\n"
    )
    .into_bytes()
}

/// The From tag and display name read strictly (an error) and leniently.
fn read(from: &str) -> (bool, Option<String>, Option<String>) {
    let wire = with_from(from);
    let mut slots = Vec::new();
    let strict = Parser::new().parse_datagram(&wire, &mut slots).unwrap();
    let strict_fails = strict.from().is_err();
    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(&wire, &mut slots)
        .unwrap();
    let f = m.from().unwrap().unwrap();
    (
        strict_fails,
        f.tag().map(str::to_owned),
        f.display_name().map(|d| d.into_owned()),
    )
}

#[test]
fn a_tag_with_a_non_token_character_reads_leniently_as_pingtel_sends_it() {
    assert_eq!(
        read("sip:a@b.example.com;tag=7618c7618^"),
        (true, Some("7618c7618^".into()), None)
    );
}

#[test]
fn an_empty_tag_reads_leniently_as_empty() {
    assert_eq!(
        read("<sip:a@b.example.com>;tag="),
        (true, Some(String::new()), None)
    );
}

#[test]
fn backslash_quotes_around_a_display_name_read_leniently() {
    let (strict_fails, tag, display) = read("\\\"arik\\\" <sip:arik@b.example.com>;tag=6433ef9");
    assert!(strict_fails);
    assert_eq!(tag.as_deref(), Some("6433ef9"));
    assert_eq!(display.as_deref(), Some("\\\"arik\\\""));
}

#[test]
fn a_local_tel_uri_without_phone_context_reads_leniently_as_ims_phones_send_it() {
    assert!(Uri::parse_with("tel:263734", false).is_err());
    let Uri::Tel(t) = Uri::parse_with("tel:263734", true).unwrap() else {
        panic!("a tel URI")
    };
    assert_eq!(t.number, "263734");
    let (strict_fails, tag, _) = read("<tel:263734>;tag=cVKbrkhG0L");
    assert!(strict_fails);
    assert_eq!(tag.as_deref(), Some("cVKbrkhG0L"));
}

/// `wire` with each `_` replaced by 0xFC, an ISO 8859-1 `ü` (not UTF-8).
fn latin1(wire: &str) -> Vec<u8> {
    wire.bytes()
        .map(|b| if b == b'_' { 0xfc } else { b })
        .collect()
}

/// A display name in ISO 8859-1 (older phones and PBXes): strictly the header is not
/// UTF-8; read leniently its address and tag are there and the name is left out (its
/// bytes stay in the raw value). Another header's errors still point at their byte.
#[test]
fn a_display_name_that_is_not_utf8_leaves_the_address_and_tag_readable() {
    let wire = latin1(
        "INVITE sip:bob@example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776\r\n\
From: \"M_ller J_rgen\" <sip:1001@example.com>;tag=abc\r\n\
To: <sip:bob@example.com>\r\n\
Contact: \"J_rgen\" <sip:1001@192.0.2.1>;expires=60, <sip:1001@198.51.100.7>\r\n\
P-Asserted-Identity: \"M_ller\" <sip:+31201234567@example.com;user=phone>\r\n\
Call-ID: x1@192.0.2.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
    );
    let mut slots = Vec::new();
    let strict = Parser::new().parse_datagram(&wire, &mut slots).unwrap();
    let Err(sip_core::Error::Header { offset, name, .. }) = strict.from() else {
        panic!("strict From must fail");
    };
    assert_eq!((offset, name), (93, "From"));
    assert_eq!(&wire[93..94], b"\"");
    assert!(strict.contacts().next().unwrap().is_err());

    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(&wire, &mut slots)
        .unwrap();
    let from = m.from().unwrap().unwrap();
    assert_eq!(from.display_raw, None);
    assert_eq!(from.uri_raw, "sip:1001@example.com");
    assert_eq!(from.tag(), Some("abc"));
    let contacts: Vec<_> = m.contacts().map(Result::unwrap).collect();
    assert_eq!(contacts.len(), 2);
    let sip_core::headers::Contact::Addr(first) = contacts[0] else {
        panic!("an address")
    };
    assert_eq!(
        (first.uri_raw, first.expires().unwrap()),
        ("sip:1001@192.0.2.1", Some(60))
    );
    let pai = m.p_asserted_identities().next().unwrap().unwrap();
    assert_eq!(pai.uri_raw, "sip:+31201234567@example.com;user=phone");
    // A strict parser lists each header it cannot read; the lenient read is unchanged.
    let d = m.diagnostics(&Parser::new());
    let places: Vec<_> = d.iter().map(|d| d.place).collect();
    assert_eq!(
        places,
        [1, 3, 4].map(sip_core::Place::Header).to_vec(),
        "{d:?}"
    );
}

/// Only a display name is passed over: a byte that is not UTF-8 anywhere else (in the
/// URI, in a parameter, in a display name that is not followed by `<`) still makes the
/// header unreadable, and the error points at the value.
#[test]
fn a_non_utf8_byte_outside_a_display_name_is_still_an_error() {
    for from in [
        "<sip:M_ller@example.com>;tag=abc",
        "\"Alice\" <sip:alice@example.com>;tag=_",
        "\"M_ller\" sip:1001@example.com;tag=abc",
        "\"M_ller <sip:1001@example.com>;tag=abc",
        "\"M_ller\" <sip:M_ller@example.com>;tag=abc",
    ] {
        let wire = latin1(&String::from_utf8(with_from(from)).unwrap());
        let mut slots = Vec::new();
        let m = Parser::new()
            .lenient(true)
            .parse_datagram(&wire, &mut slots)
            .unwrap();
        let at = m.header("From").unwrap().value_offset();
        match m.from() {
            Err(sip_core::Error::Header { offset, .. }) => assert!(offset >= at, "{from}"),
            other => panic!("{from}: {other:?}"),
        }
    }
}
