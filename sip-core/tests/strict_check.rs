//! `check` is strict about what RFC 3261 allows in header values, dates and host names
//! (RFC 3261 25.1, RFC 5322 3.3), and points at the offending byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::{Error, check};

/// An OPTIONS request with one extra header line `extra` (without its CRLF) placed
/// after `Max-Forwards`, and the byte offset at which that line starts.
fn with_header(extra: &[u8]) -> (Vec<u8>, usize) {
    let head: &[u8] = b"OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n\
Max-Forwards: 70\r\n";
    let tail: &[u8] = b"\r\nTo: <sip:carol@chicago.example.com>\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    let mut msg = head.to_vec();
    let at = msg.len();
    msg.extend_from_slice(extra);
    msg.extend_from_slice(tail);
    (msg, at)
}

fn invalid_at(extra: &[u8]) -> (usize, String) {
    let (msg, at) = with_header(extra);
    match check(&msg) {
        Err(e) => (e.offset() - at, e.reason()),
        Ok(()) => panic!("{:?} passed check", String::from_utf8_lossy(extra)),
    }
}

#[test]
fn the_base_message_is_valid_so_each_case_tests_only_its_header() {
    let (msg, _) = with_header(b"Subject: lunch");
    check(&msg).unwrap();
    // A folded value (CRLF + SP) and an HTAB are allowed control characters.
    let (msg, _) = with_header(b"Subject: lunch\r\n  at\tnoon");
    check(&msg).unwrap();
    // UTF-8 text is TEXT-UTF8.
    let (msg, _) = with_header("Subject: déjeuner à midi".as_bytes());
    check(&msg).unwrap();
}

#[test]
fn control_characters_in_a_header_value_are_invalid_at_their_byte() {
    // "Subject: " is 9 bytes: the value starts at 9 within the line.
    for (extra, offset) in [
        (&b"Subject: a\x00b"[..], 10),
        (&b"Subject: \x01"[..], 9),
        (&b"Subject: ab\x1b[2J"[..], 11),
        (&b"Subject: a\x7f"[..], 10),
    ] {
        assert_eq!(
            invalid_at(extra),
            (offset, "control character in header value".to_owned()),
            "{extra:?}"
        );
    }
}

#[test]
fn a_bare_cr_inside_a_header_value_is_invalid() {
    assert_eq!(
        invalid_at(b"Subject: a\rb"),
        (
            10,
            "line end inside a header value that is not a folded line".to_owned()
        )
    );
}

#[test]
fn invalid_utf8_in_a_header_value_is_invalid_at_the_first_bad_byte() {
    // "caf" then a lone continuation byte 0xA9 (é is C3 A9).
    assert_eq!(
        invalid_at(b"Subject: caf\xa9"),
        (12, "header value is not UTF-8".to_owned())
    );
}

#[test]
fn a_reason_phrase_that_is_not_utf8_is_invalid() {
    let msg = b"SIP/2.0 200 O\xffK\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n\
From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\nCall-ID: x\r\n\
CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    let e = check(msg).unwrap_err();
    assert_eq!(
        (e.offset(), e.reason().as_str()),
        (13, "reason phrase is not UTF-8")
    );
}

#[test]
fn a_date_must_name_a_real_day_time_and_its_weekday() {
    // 13 Nov 2010 was a Saturday (RFC 3261 20.17's own example).
    let (ok, _) = with_header(b"Date: Sat, 13 Nov 2010 23:29:00 GMT");
    check(&ok).unwrap();
    for (date, reason) in [
        ("Sat, 13 Nov 2010 99:99:99 GMT", "time of day out of range"),
        ("Sat, 13 Nov 2010 24:00:00 GMT", "time of day out of range"),
        // 2026 is not a leap year; 30 Feb never exists.
        ("Sun, 29 Feb 2026 10:00:00 GMT", "no such calendar day"),
        ("Mon, 30 Feb 2026 10:00:00 GMT", "no such calendar day"),
        (
            "Mon, 13 Nov 2010 23:29:00 GMT",
            "day of the week does not match the date",
        ),
    ] {
        let (msg, _) = with_header(format!("Date: {date}").as_bytes());
        let e = check(&msg).unwrap_err();
        assert_eq!(
            e.reason(),
            format!("invalid Date header: {reason}"),
            "{date}"
        );
        assert!(matches!(e, Error::Header { name: "Date", .. }), "{e:?}");
    }
}

#[test]
fn host_names_follow_rfc3261_labels() {
    // Via sent-by: "Via: SIP/2.0/UDP " is 17 bytes.
    for (host, offset, reason) in [
        ("a..example.com", 19, "empty label in host name"),
        (
            "example.com-",
            28,
            "host name label must end with a letter or digit",
        ),
        (
            "a-.example.com",
            18,
            "host name label must end with a letter or digit",
        ),
        (
            "-a.example.com",
            17,
            "host name must start with a letter or digit",
        ),
        (
            "example.1com",
            25,
            "top-level label must start with a letter",
        ),
        (".example.com", 17, "empty label in host name"),
    ] {
        let (msg, at) = with_header(format!("Via: SIP/2.0/UDP {host};branch=z9hG4bK2").as_bytes());
        let e = check(&msg).unwrap_err();
        assert_eq!(
            (e.offset() - at, e.reason()),
            (offset, format!("invalid Via header: {reason}")),
            "{host}"
        );
    }
    // A fully qualified name with its root dot, digits inside labels and hyphens inside.
    let (msg, _) = with_header(b"Via: SIP/2.0/UDP 3com-gw.example.com.;branch=z9hG4bK2");
    check(&msg).unwrap();
}

#[test]
fn an_escaped_control_character_in_a_quoted_string_is_allowed() {
    // RFC 3261 25.1 quoted-pair (%x00-09 / %x0B-0C / %x0E-7F), as in RFC 4475 intmeth.
    let (msg, _) = with_header(b"Subject: \"BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f\"");
    check(&msg).unwrap();
    // Unescaped in the quoted string, or escaped outside one, it is not.
    assert_eq!(
        invalid_at(b"Subject: \"a\x07\"").0,
        11,
        "unescaped inside quotes"
    );
    assert_eq!(invalid_at(b"Subject: a\\\x07").0, 11, "outside quotes");
}

/// RFC 3261 25.1 makes the lists of Allow and Supported optional
/// (`Allow = "Allow" HCOLON [Method *(COMMA Method)]`, the same for Supported), so an
/// empty one is valid and lists nothing; Require, Proxy-Require and Unsupported need an
/// option tag, so an empty one is still refused at its value.
#[test]
fn an_empty_allow_or_supported_is_valid_and_an_empty_require_is_not() {
    for extra in [&b"Allow:"[..], b"Allow: ", b"Supported:", b"k: "] {
        let (msg, _) = with_header(extra);
        check(&msg).unwrap_or_else(|e| panic!("{:?}: {e}", String::from_utf8_lossy(extra)));
        let mut slots = Vec::new();
        let m = sip_core::Parser::new()
            .parse_datagram(&msg, &mut slots)
            .unwrap();
        assert_eq!(m.allow().count() + m.supported().count(), 0);
    }
    // An empty one beside a full one: the full one's elements, nothing for the empty.
    let (msg, _) = with_header(b"Supported:\r\nSupported: timer, 100rel");
    let mut slots = Vec::new();
    let m = sip_core::Parser::new()
        .parse_datagram(&msg, &mut slots)
        .unwrap();
    let tags: Result<Vec<_>, _> = m.supported().collect();
    assert_eq!(tags.unwrap(), ["timer", "100rel"]);
    for (extra, name) in [
        (&b"Require:"[..], "Require"),
        (b"Proxy-Require: ", "Proxy-Require"),
        (b"Unsupported:", "Unsupported"),
    ] {
        let (at, reason) = invalid_at(extra);
        assert_eq!(at, extra.len(), "{name}: at the empty value");
        assert!(
            reason.contains(name) && reason.contains("empty value"),
            "{reason}"
        );
    }
}

#[test]
fn route_record_route_diversion_and_history_info_hold_name_addrs() {
    // RFC 3261 25.1 (route-param, rec-route), RFC 5806 (diversion-params), RFC 7044
    // (hi-targeted-to-uri): the address is a name-addr, its URI in angle brackets. The
    // report points at the element: "Route: " is 7 bytes, the first route 23 and ", " 2.
    for (extra, offset, name) in [
        (
            &b"Route: <sip:p1.example.com;lr>, sip:p2.example.com"[..],
            32,
            "Route",
        ),
        (
            &b"Record-Route: sip:p1.example.com;lr"[..],
            14,
            "Record-Route",
        ),
        (
            &b"Diversion: sip:2001@pbx.example.nl;reason=unconditional"[..],
            11,
            "Diversion",
        ),
        (
            &b"History-Info: sip:bob@example.com;index=1"[..],
            14,
            "History-Info",
        ),
    ] {
        let (at, reason) = invalid_at(extra);
        assert_eq!(at, offset, "{name}");
        assert!(
            reason.contains(name) && reason.contains("angle brackets"),
            "{name}: {reason}"
        );
    }
    // In angle brackets they pass; P-Asserted-Identity allows an addr-spec (RFC 3325).
    for ok in [
        &b"Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>"[..],
        b"Diversion: <sip:2001@pbx.example.nl>;reason=unconditional",
        b"History-Info: <sip:bob@example.com>;index=1",
        b"P-Asserted-Identity: sip:alice@example.com",
    ] {
        let (msg, _) = with_header(ok);
        check(&msg).unwrap_or_else(|e| panic!("{}: {e}", String::from_utf8_lossy(ok)));
    }
}

#[test]
fn an_element_report_points_at_its_element_not_the_first_line_of_its_name() {
    // The second History-Info line has no index: "History-Info: " is 14 bytes, the first
    // line 41 and its CRLF 2, so the second entry starts at 43 + 14 = 57.
    let (at, reason) = invalid_at(
        b"History-Info: <sip:a@example.com>;index=1\r\nHistory-Info: <sip:b@example.com>",
    );
    assert_eq!((at, reason.contains("without an index")), (57, true));
    // The second Contact's expires: "Contact: " 9, the first address 19, ", " 2.
    let (at, reason) =
        invalid_at(b"Contact: <sip:a@example.com>, <sip:b@example.com>;expires=soon");
    assert_eq!((at, reason.contains("Contact")), (30, true), "{reason}");
}

/// RFC 3261 8.1.1.8 and 12.1.1: the Contact of a message that creates a dialog is the
/// dialog's one remote target. A second Contact value (a second header line or a second
/// element of one line) is invalid there, at its own offset; a REGISTER, an OPTIONS or
/// a 3xx (the places to try instead) may list several.
#[test]
fn a_message_that_creates_a_dialog_has_one_contact() {
    let two = "Contact: <sip:alice@192.0.2.1>\r\nContact: <sip:alice@192.0.2.2>\r\n";
    let message = |start: &str, method: &str, contacts: &str| {
        format!(
            "{start}\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n\
             To: <sip:bob@example.com>\r\nFrom: <sip:alice@example.com>;tag=1\r\n\
             Call-ID: c1\r\nCSeq: 1 {method}\r\n{contacts}Content-Length: 0\r\n\r\n"
        )
    };
    // Reported at the value of the second Contact line.
    for (start, method) in [
        ("INVITE sip:bob@example.com SIP/2.0", "INVITE"),
        ("SUBSCRIBE sip:bob@example.com SIP/2.0", "SUBSCRIBE"),
        ("SIP/2.0 200 OK", "INVITE"),
        ("SIP/2.0 183 Session Progress", "INVITE"),
    ] {
        let wire = message(start, method, two);
        let e = check(wire.as_bytes()).unwrap_err();
        let second = wire.rfind("Contact: ").unwrap() + 9;
        assert_eq!(
            (e.offset(), e.reason().as_str()),
            (
                second,
                "more than one Contact in a message that creates a dialog (RFC 3261 8.1.1.8, 12.1.1)"
            ),
            "{start}"
        );
        let one = message(start, method, "Contact: <sip:alice@192.0.2.1>\r\n");
        check(one.as_bytes()).unwrap();
    }
    let invite = message(
        "INVITE sip:bob@example.com SIP/2.0",
        "INVITE",
        "Contact: <sip:alice@192.0.2.1>, <sip:alice@192.0.2.2>\r\n",
    );
    let e = check(invite.as_bytes()).unwrap_err();
    assert_eq!(e.offset(), invite.find(", <").unwrap() + 2);
    for (start, method) in [
        ("REGISTER sip:example.com SIP/2.0", "REGISTER"),
        ("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS"),
        ("SIP/2.0 302 Moved Temporarily", "INVITE"),
        ("SIP/2.0 200 OK", "REGISTER"),
        ("SIP/2.0 100 Trying", "INVITE"),
    ] {
        check(message(start, method, two).as_bytes()).unwrap_or_else(|e| panic!("{start}: {e}"));
    }
}
