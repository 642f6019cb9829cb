//! SDP from SIP message bodies: `application/sdp`, and the `application/sdp` part of a
//! `multipart/mixed` body (RFC 5621), nested multiparts, absent SDP and broken SDP.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failure stops the test.

use sip_core::sdp::{self, Error, ParseErrorKind, Parser, from_sip_body, sdp_part};
use sip_core::{Message, SipMessage};

const SDP: &str = "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\ns=-\r\nc=IN IP4 192.0.2.101\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

fn invite(content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
         Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
         Max-Forwards: 70\r\n\
         To: Bob <sip:bob@biloxi.example.com>\r\n\
         From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
         Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
         CSeq: 314159 INVITE\r\n\
         Contact: <sip:alice@pc33.atlanta.example.com>\r\n\
         Content-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn with_message<T>(bytes: &[u8], f: impl FnOnce(Message<'_>) -> T) -> T {
    let mut slots = Vec::new();
    let m = sip_core::Parser::new()
        .parse(bytes, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    f(m)
}

#[test]
fn application_sdp_body_is_parsed_in_place() {
    let bytes = invite("application/sdp", SDP);
    with_message(&bytes, |m| {
        let s = m.sdp().unwrap().unwrap();
        assert_eq!(s, sdp::parse(SDP).unwrap());
        assert_eq!(s.media[0].formats, ["0", "8", "101"]);
        // Zero-copy: the session name borrows from the message buffer.
        let name = s.session_name.as_ref();
        let start = bytes.as_ptr() as usize;
        assert!((start..start + bytes.len()).contains(&(name.as_ptr() as usize)));
    });
}

/// RFC 5621 §3.1 style: an SDP part beside another body part.
fn multipart(boundary: &str) -> String {
    format!(
        "--{boundary}\r\nContent-Type: application/sdp\r\n\r\n{SDP}\r\n--{boundary}\r\n\
         Content-Type: application/resource-lists+xml\r\nContent-Disposition: recipient-list\r\n\r\n\
         <?xml version=\"1.0\"?><resource-lists/>\r\n--{boundary}--\r\n"
    )
}

#[test]
fn multipart_mixed_sdp_part_is_found() {
    let body = multipart("boundary1");
    let bytes = invite("multipart/mixed;boundary=boundary1", &body);
    with_message(&bytes, |m| {
        let s = m.sdp().unwrap().unwrap();
        assert_eq!(s, sdp::parse(SDP).unwrap());
        assert_eq!(s.to_string(), SDP);
    });
    let (offset, part) = sdp_part("multipart/mixed; boundary=\"boundary1\"", body.as_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(offset, body.find("v=0").unwrap());
    assert_eq!(part, SDP.as_bytes());
}

#[test]
fn sdp_part_after_other_parts_and_nested_alternative() {
    let inner = format!(
        "--inner\r\nContent-Type: text/plain\r\n\r\nno sdp here\r\n--inner\r\nContent-Type: application/sdp\r\n\r\n{SDP}\r\n--inner--"
    );
    let body = format!(
        "--outer\r\nContent-Type: application/isup;version=itu-t92+\r\n\r\n\x01\x00\x49\r\n--outer\r\nContent-Type: multipart/alternative;boundary=inner\r\n\r\n{inner}\r\n--outer--\r\n"
    );
    let s = from_sip_body(
        &Parser::new(),
        "multipart/mixed;boundary=outer",
        body.as_bytes(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(s.origin.username, "alice");
}

#[test]
fn bodies_without_sdp_give_none() {
    assert!(
        from_sip_body(&Parser::new(), "text/plain", b"v=0\r\n")
            .unwrap()
            .is_none()
    );
    let body = "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n";
    assert!(
        from_sip_body(
            &Parser::new(),
            "multipart/mixed;boundary=b",
            body.as_bytes()
        )
        .unwrap()
        .is_none()
    );
    let bytes = b"OPTIONS sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nMax-Forwards: 70\r\nTo: <sip:bob@biloxi.example.com>\r\nFrom: <sip:a@b>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    with_message(bytes, |m| assert!(m.sdp().unwrap().is_none()));
}

#[test]
fn broken_sdp_error_offset_counts_from_the_message_start() {
    let broken = SDP.replace("t=0 0", "t=zero 0");
    let bytes = invite("application/sdp", &broken);
    let at = bytes.windows(6).position(|w| w == b"t=zero").unwrap();
    with_message(&bytes, |m| {
        let e = m.sdp().unwrap_err();
        assert_eq!(e.offset(), Some(at));
        assert_eq!(e.line(), Some(5));
        assert_eq!(
            e.parse_kind(),
            Some(&ParseErrorKind::Malformed {
                line: 't',
                reason: "start is not a number"
            })
        );
    });
}

#[test]
fn broken_multipart_framing_is_a_body_error() {
    let e = from_sip_body(
        &Parser::new(),
        "multipart/mixed;boundary=b",
        b"--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n",
    )
    .unwrap_err();
    assert!(matches!(e, Error::Body { .. }), "{e:?}");
    let e = from_sip_body(&Parser::new(), "multipart/mixed", b"--b\r\n").unwrap_err();
    assert!(matches!(e, Error::Body { .. }), "{e:?}");
}

#[test]
fn owned_message_gives_owned_sdp() {
    let bytes = invite(
        "multipart/mixed;boundary=boundary1",
        &multipart("boundary1"),
    );
    let owned = SipMessage::parse(bytes).unwrap();
    let s = owned.sdp().unwrap().unwrap();
    drop(owned);
    assert_eq!(s.origin.address, "192.0.2.101");
}

/// A body of blank lines or whitespace declared as `application/sdp`: strictly an error
/// on the body's first line; with `Quirk::EmptyBody` no SDP, its diagnostic at the
/// body's first byte in the message.
#[test]
fn a_blank_application_sdp_body_is_no_sdp_with_the_empty_body_quirk() {
    use sdp::{Quirk, Quirks};
    for body in ["\r\n", "  \r\n", "\r\n\r\n\t"] {
        let bytes = invite("application/sdp", body);
        let start = bytes.len() - body.len();
        with_message(&bytes, |m| {
            assert_eq!(m.body_offset(), start);
            let e = m.sdp().unwrap_err();
            assert_eq!((e.line(), e.offset()), (Some(1), Some(start)), "{body:?}");
            let mut notes = Vec::new();
            let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::EmptyBody));
            assert_eq!(m.sdp_with_diagnostics(&parser, &mut notes), Ok(None));
            assert_eq!(notes.len(), 1);
            assert_eq!(
                (notes[0].line, notes[0].offset, notes[0].quirk),
                (0, start, Quirk::EmptyBody)
            );
        });
    }
}

/// A SIPREC INVITE whose body ends inside its last part (a Content-Length that cuts the
/// recording metadata before the closing delimiter, as in drachtio's Sonus fixtures):
/// strictly a body error; with the quirk the SDP part before it reads, and the cut is
/// reported at line 0 with the offset of the part it cuts (worked out by hand: the SDP
/// part is `--b1\r\n` (6) + its header (31) + the empty line (2) + the SDP + `\r\n--b1\r\n`
/// (8)). A cut SDP part itself reads to the body's end.
#[test]
fn a_multipart_body_without_its_closing_delimiter_reads_with_the_quirk() {
    use sdp::{Quirk, Quirks, from_sip_body_with_diagnostics};
    let body = format!(
        "--b1\r\nContent-Type: application/sdp\r\n\r\n{SDP}\r\n--b1\r\nContent-Type: application/rs-metadata+xml\r\n\r\n<recording xmlns='urn:ietf:params:xml:ns:recording:1'>"
    );
    let ct = "multipart/mixed;boundary=b1";
    assert!(matches!(
        from_sip_body(
            &Parser::new().quirks(Quirks::ALL.without(Quirk::UnclosedMultipart)),
            ct,
            body.as_bytes()
        ),
        Err(Error::Body { .. })
    ));
    let mut notes = Vec::new();
    let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::UnclosedMultipart));
    let sdp = from_sip_body_with_diagnostics(&parser, ct, body.as_bytes(), &mut notes)
        .unwrap()
        .unwrap();
    assert_eq!(sdp.media[0].port, 49170);
    let seen: Vec<_> = notes
        .iter()
        .map(|d| (d.line, d.offset, d.quirk, d.reason.as_str()))
        .collect();
    let cut_part = 6 + 31 + 2 + SDP.len() + 8;
    assert_eq!(
        seen,
        [(
            0,
            cut_part,
            Quirk::UnclosedMultipart,
            "multipart body has no closing delimiter"
        )]
    );
    assert!(body[cut_part..].starts_with("Content-Type: application/rs-metadata+xml"));

    // The SDP part is the one cut: it runs to the end of the body.
    let cut_sdp = format!(
        "--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\nContent-Type: application/sdp\r\n\r\n{SDP}"
    );
    let mut notes = Vec::new();
    let sdp = from_sip_body_with_diagnostics(&parser, ct, cut_sdp.as_bytes(), &mut notes)
        .unwrap()
        .unwrap();
    assert_eq!(sdp.to_string(), SDP);
    assert_eq!(notes.len(), 1);
    // A body with no delimiter at all is still an error.
    assert!(from_sip_body(&parser, ct, b"no parts here").is_err());
}

/// A multipart body kept as text with LF line ends (an Asterisk INVITE in sip3's tests):
/// strictly a body error (RFC 2046 delimiters end with CRLF); with the quirk the SDP part
/// reads, reported at line 0 with the offset of the line end after the first delimiter
/// (`--b1` is 4 bytes: offset 4). A body with one CRLF delimiter is not read this way.
#[test]
fn a_multipart_body_with_lf_delimiters_reads_with_the_quirk() {
    use sdp::{Quirk, Quirks, from_sip_body_with_diagnostics};
    let sdp_lf = SDP.replace("\r\n", "\n");
    let body = format!(
        "--b1\nContent-Type: application/sdp\n\n{sdp_lf}\n--b1\nContent-Type: application/ISUP;version=itu-t92+\n\n\x01\x02\n--b1--\n"
    );
    let ct = "multipart/mixed;boundary=b1";
    let strict = from_sip_body(
        &Parser::new().quirks(Quirks::ALL.without(Quirk::LfMultipart)),
        ct,
        body.as_bytes(),
    );
    let Err(Error::Body { offset, reason }) = strict else {
        panic!("{strict:?}")
    };
    assert_eq!(
        (offset, reason.as_str()),
        (4, "expected CRLF after multipart delimiter")
    );
    let mut notes = Vec::new();
    let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::LfMultipart));
    let sdp = from_sip_body_with_diagnostics(&parser, ct, body.as_bytes(), &mut notes)
        .unwrap()
        .unwrap();
    assert_eq!(sdp.media[0].port, 49170);
    // The SDP part is the bytes between the part's empty line and the next delimiter.
    assert_eq!(sdp.to_string(), sdp_lf);
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.offset, d.quirk)).collect();
    assert_eq!(seen, [(0, 4, Quirk::LfMultipart)]);
    // One CRLF delimiter among LF ones: the body is not read as LF-delimited.
    let mixed = body.replacen(
        "\n--b1\nContent-Type: application/ISUP",
        "\r\n--b1\r\nContent-Type: application/ISUP",
        1,
    );
    assert!(from_sip_body(&parser, ct, mixed.as_bytes()).is_err());
}

/// A tolerant reading that notes a quirk and then fails: the diagnostics it noted count
/// from the message start too (the blank line opening the body), as the error does.
#[test]
fn the_notes_of_a_reading_that_fails_count_from_the_message_start() {
    let body = format!("\r\n{SDP}x=1\r\n");
    let bytes = invite("application/sdp", &body);
    let text = std::str::from_utf8(&bytes).unwrap();
    let blank = text.find("\r\n\r\n").unwrap() + 4;
    with_message(&bytes, |m| {
        let tolerant = Parser::new().quirks(sdp::Quirks::ALL);
        let mut notes = Vec::new();
        let e = m.sdp_with_diagnostics(&tolerant, &mut notes).unwrap_err();
        assert_eq!(
            (e.parse_kind(), e.offset()),
            (
                Some(&ParseErrorKind::UnknownLineType('x')),
                Some(text.find("x=1").unwrap())
            )
        );
        let seen: Vec<_> = notes.iter().map(|d| (d.line, d.offset, d.quirk)).collect();
        assert_eq!(seen, [(1, blank, sdp::Quirk::BlankLines)]);
    });
}

/// One search of the body gives what it describes: an INVITE's session description, an
/// INFO's trickle-ICE fragment, nothing for another type.
#[test]
fn the_session_body_is_the_sdp_or_the_fragment_the_content_type_names() {
    let parser = Parser::new();
    let bytes = invite("application/sdp", SDP);
    with_message(&bytes, |m| {
        let body = m.session_body_with_diagnostics(&parser, &mut Vec::new());
        assert_eq!(
            body.unwrap(),
            Some(sdp::SessionBody::Sdp(sdp::parse(SDP).unwrap()))
        );
    });
    let frag = "a=ice-ufrag:8hhY\r\nm=audio 49170 RTP/AVP 0\r\na=mid:0\r\n";
    let bytes = invite("application/trickle-ice-sdpfrag", frag);
    with_message(&bytes, |m| {
        let body = m.session_body_with_diagnostics(&parser, &mut Vec::new());
        assert_eq!(
            body.unwrap(),
            Some(sdp::SessionBody::Fragment(
                sdp::parse_fragment(frag).unwrap()
            ))
        );
        assert_eq!(m.sdp().unwrap(), None);
    });
    // In a multipart body, the first part of either type.
    let mixed = format!(
        "--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\nContent-Type: application/trickle-ice-sdpfrag\r\n\r\n{frag}\r\n--b--\r\n"
    );
    let bytes = invite("multipart/mixed;boundary=b", &mixed);
    with_message(&bytes, |m| {
        let body = m.session_body_with_diagnostics(&parser, &mut Vec::new());
        assert!(matches!(body.unwrap(), Some(sdp::SessionBody::Fragment(_))));
    });
    let bytes = invite("text/plain", "hi");
    with_message(&bytes, |m| {
        let body = m.session_body_with_diagnostics(&parser, &mut Vec::new());
        assert_eq!(body.unwrap(), None);
    });
}
