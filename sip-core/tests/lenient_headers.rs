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
