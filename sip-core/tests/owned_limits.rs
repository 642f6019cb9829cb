//! An owned message is edited under the limits it was read with.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::{Error, Limits, Parser, SipMessage};

/// An OPTIONS request with `n` extension headers.
fn with_headers(n: usize) -> Vec<u8> {
    let mut s = String::from(
        "OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n\
To: <sip:carol@chicago.example.com>\r\n\
From: <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\n",
    );
    for i in 0..n {
        s.push_str(&format!("X-N{i}: {i}\r\n"));
    }
    s.push_str("Content-Length: 0\r\n\r\n");
    s.into_bytes()
}

#[test]
fn an_edit_keeps_the_header_limit_the_message_was_read_with() {
    // 300 extension headers + 6 others: over the default 256, within 400.
    let wire = with_headers(300);
    assert!(matches!(
        SipMessage::parse(wire.clone()),
        Err(Error::Limit {
            limit: "max_headers",
            ..
        })
    ));
    let parser = Parser::new().limits(Limits::builder().max_headers(400).build());
    let mut m = SipMessage::parse_with(&parser, wire).unwrap();
    m.set_header("Subject", "lunch").unwrap();
    assert_eq!(m.view().header_count(), 307);
    assert_eq!(m.remove_header("X-N0").unwrap(), 1);
    assert_eq!(m.view().header_count(), 306);
}
