//! Builders and edits re-serialize correctly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use sip_core::{RequestBuilder, SipMessage, check, response_to};

const INVITE: &[u8] = include_bytes!("../../samples/invite.sip");

fn two_via_invite() -> SipMessage {
    let mut req = SipMessage::parse(INVITE).unwrap();
    req.add_header("Via", "SIP/2.0/TCP proxy.example.nl;branch=z9hG4bK-p1")
        .unwrap();
    req
}

#[test]
fn response_copies_via_from_to_call_id_cseq_per_rfc3261_8_2_6() {
    let req = two_via_invite();
    let resp = response_to(&req.view(), 180, "Ringing", Some("bob-1")).unwrap();
    let v = resp.view();
    assert_eq!(v.status(), Some(180));
    // Via values in the request's order.
    let branches: Vec<_> = v
        .vias()
        .map(|x| x.unwrap().branch().unwrap().to_owned())
        .collect();
    assert_eq!(branches, ["z9hG4bK-524287-1---a3f1c2d4e5b6", "z9hG4bK-p1"]);
    let rv = req.view();
    assert_eq!(v.call_id(), rv.call_id());
    assert_eq!(v.cseq().unwrap(), rv.cseq().unwrap());
    assert_eq!(v.from().unwrap(), rv.from().unwrap());
    let to = v.to().unwrap().unwrap();
    assert_eq!(to.tag(), Some("bob-1"));
    assert_eq!(to.uri_raw, rv.to().unwrap().unwrap().uri_raw);
    assert_eq!(v.content_length(), Some(0));
    // Nothing else is copied.
    assert!(v.header("Contact").is_none() && v.header("Content-Type").is_none());
    assert_eq!(check(resp.as_bytes()), Ok(()));
    // A 100 Trying carries no To tag.
    let trying = response_to(&req.view(), 100, "Trying", Some("t")).unwrap();
    assert_eq!(trying.view().to().unwrap().unwrap().tag(), None);
    // A response cannot answer a response.
    let resp2 = response_to(&resp.view(), 200, "OK", Some("other"));
    assert!(resp2.is_err(), "a response cannot answer a response");
}

#[test]
fn response_wire_form_is_exact() {
    let req = SipMessage::parse(
        "BYE sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKx\r\nMax-Forwards: 70\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: c\r\nCSeq: 5 BYE\r\nContent-Length: 0\r\n\r\n",
    )
    .unwrap();
    let resp = response_to(&req.view(), 200, "OK", Some("ignored")).unwrap();
    assert_eq!(
        resp.as_bytes().as_ref(),
        &b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKx\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: c\r\nCSeq: 5 BYE\r\nContent-Length: 0\r\n\r\n"[..]
    );
}

#[test]
fn request_builder_writes_headers_body_and_length() {
    let msg = RequestBuilder::new("MESSAGE", "sip:bob@example.com")
        .header("Via", "SIP/2.0/UDP a.example.com;branch=z9hG4bK9")
        .header("Max-Forwards", "70")
        .header("From", "<sip:alice@example.com>;tag=5")
        .header("To", "<sip:bob@example.com>")
        .header("Call-ID", "m1")
        .header("CSeq", "1 MESSAGE")
        .header("Content-Length", "999")
        .body("text/plain", b"hoi")
        .build()
        .unwrap();
    let text = std::str::from_utf8(msg.as_bytes()).unwrap();
    assert!(text.starts_with("MESSAGE sip:bob@example.com SIP/2.0\r\nVia: "));
    assert!(text.ends_with("Content-Type: text/plain\r\nContent-Length: 3\r\n\r\nhoi"));
    assert!(
        !text.contains("999"),
        "a caller's Content-Length is replaced"
    );
    assert_eq!(check(msg.as_bytes()), Ok(()));
    assert!(RequestBuilder::new("BAD METHOD", "sip:x").build().is_err());
    assert!(
        RequestBuilder::new("X", "sip:x")
            .header("A", "b\r\nInjected: 1")
            .build()
            .is_err()
    );
}

#[test]
fn editing_headers_rewrites_only_what_changed() {
    let mut msg = SipMessage::parse(INVITE).unwrap();
    msg.set_header("Max-Forwards", "69").unwrap();
    let expected = String::from_utf8(INVITE.to_vec())
        .unwrap()
        .replace("Max-Forwards: 70", "Max-Forwards: 69");
    assert_eq!(msg.as_bytes().as_ref(), expected.as_bytes());
    assert_eq!(msg.view().max_forwards().unwrap(), Some(69));

    msg.add_header("Record-Route", "<sip:p.example.nl;lr>")
        .unwrap();
    assert_eq!(msg.view().record_routes().count(), 1);
    let text = String::from_utf8(msg.as_bytes().to_vec()).unwrap();
    assert!(text.contains("Content-Length: 247\r\nRecord-Route: <sip:p.example.nl;lr>\r\n\r\nv=0"));

    assert_eq!(msg.remove_header("Record-Route").unwrap(), 1);
    assert_eq!(msg.as_bytes().as_ref(), expected.as_bytes());
    // Compact forms are the same header.
    msg.set_header("i", "new-call-id").unwrap();
    assert_eq!(msg.view().call_id(), Some("new-call-id"));
    assert_eq!(msg.view().headers_named("Call-ID").count(), 1);

    msg.set_body(Some("text/plain"), b"short").unwrap();
    assert_eq!(msg.view().content_length(), Some(5));
    assert_eq!(msg.body().as_ref(), b"short");
    assert_eq!(check(msg.as_bytes()), Ok(()));
    assert!(msg.set_header("X", "a\nb").is_err());
}

#[test]
fn set_header_collapses_repeated_headers() {
    let mut msg = two_via_invite();
    assert_eq!(msg.view().headers_named("v").count(), 2);
    msg.set_header("Via", "SIP/2.0/UDP only.example.com;branch=z9hG4bKonly")
        .unwrap();
    let vias: Vec<_> = msg.view().vias().map(Result::unwrap).collect();
    assert_eq!(vias.len(), 1);
    assert_eq!(vias[0].branch(), Some("z9hG4bKonly"));
}
