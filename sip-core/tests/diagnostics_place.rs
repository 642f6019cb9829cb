//! Diagnostics of a message read anyway are what the strict check reports, once each and
//! at the right place; a bad element of a list header does not hide the good ones after it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sip_core::{Parser, Place, check};

const TAIL: &str = "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n\
From: <sip:a@example.com>;tag=1\r\n\
To: <sip:b@example.com>\r\n\
Call-ID: c1\r\n\
CSeq: 1 OPTIONS\r\n\
Max-Forwards: 70\r\n\
Content-Length: 0\r\n\r\n";

fn options(tail: &str) -> String {
    format!("OPTIONS sip:b@example.com SIP/2.0\r\n{tail}")
}

#[test]
fn leading_line_ends_are_the_start_lines_diagnostic_as_check_reports_them() {
    let wire = format!("\r\n\r\n{}", options(TAIL));
    let strict = check(wire.as_bytes()).unwrap_err();
    // The first byte is a line end where the start line should be.
    assert_eq!(strict.offset(), 0);
    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    assert_eq!(m.offset(), 4);
    let d = m.diagnostics(&Parser::new());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].place, Place::StartLine);
    assert_eq!(d[0].error, strict);
}

/// A message kept in a text file saved with a UTF-8 byte order mark: read past with its
/// quirk, starting after the mark; the strict check says what the three bytes are, and
/// the line end after them is a problem of its own, at byte 3.
#[test]
fn a_byte_order_mark_is_read_past_and_reported_before_the_line_ends_after_it() {
    let mut wire = b"\xef\xbb\xbf".to_vec();
    wire.extend_from_slice(options(TAIL).as_bytes());
    let strict = check(&wire).unwrap_err();
    assert_eq!(strict.offset(), 0);
    assert_eq!(strict.reason(), "byte order mark before the start line");
    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(&wire, &mut slots)
        .unwrap();
    assert_eq!(m.offset(), 3);
    assert_eq!(m.call_id(), Some("c1"));
    let d = m.diagnostics(&Parser::new());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((d[0].place, &d[0].error), (Place::StartLine, &strict));
    assert!(m.diagnostics(&Parser::new().lenient(true)).is_empty());

    wire.splice(3..3, *b"\r\n");
    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(&wire, &mut slots)
        .unwrap();
    assert_eq!(m.offset(), 5);
    let d = m.diagnostics(&Parser::new());
    let at: Vec<_> = d.iter().map(|d| (d.error.offset(), d.reason())).collect();
    assert_eq!(
        at,
        [
            (0, "byte order mark before the start line".to_string()),
            (3, "empty start line".to_string())
        ]
    );
    // A stream has no byte order mark: there it is not skipped.
    assert!(
        Parser::new()
            .lenient(true)
            .stream()
            .parse(&wire, &mut slots)
            .is_err()
    );
}

#[test]
fn an_absent_call_id_is_one_missing_header_not_also_a_bad_one() {
    let wire = options(&TAIL.replace("Call-ID: c1\r\n", ""));
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let d = m.diagnostics(&Parser::new());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].place, Place::Headers);
    assert!(d[0].reason().contains("Call-ID"), "{d:?}");
    assert_eq!(check(wire.as_bytes()).unwrap_err(), d[0].error);
}

#[test]
fn the_lf_that_ends_the_start_line_belongs_to_the_start_line() {
    let wire = options(TAIL).replace("\r\n", "\n");
    // "OPTIONS sip:b@example.com SIP/2.0" is 33 bytes: its LF is byte 33.
    let strict = check(wire.as_bytes()).unwrap_err();
    assert_eq!(strict.offset(), 33);
    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let d = m.diagnostics(&Parser::new());
    assert_eq!((d[0].place, d[0].offset()), (Place::StartLine, 33), "{d:?}");
}

#[test]
fn a_from_that_is_not_utf8_is_one_diagnostic() {
    let mut wire = options(TAIL).into_bytes();
    // "From: <sip:a@example" + 0xff: the byte after "a" in the user part.
    let at = wire.windows(5).position(|w| w == b"sip:a").unwrap() + 4;
    wire[at] = 0xff;
    let mut slots = Vec::new();
    let m = Parser::new().parse_datagram(&wire, &mut slots).unwrap();
    let d = m.diagnostics(&Parser::new());
    assert_eq!(d.len(), 1, "{d:?}");
    // The From header is the second header line.
    assert_eq!(d[0].place, Place::Header(1));
    assert_eq!(d[0].error, check(&wire).unwrap_err());
}

/// Diagnostics come in message order, whatever order the checks run in: a From the typed
/// reading refuses (line 2) comes before a To that is not UTF-8 (line 3), although the
/// text of every header is checked before any is read typed; and the strict check
/// reports the first of them.
#[test]
fn diagnostics_are_in_message_order() {
    let mut wire = options(&TAIL.replace(";tag=1", ";tag=1;x=\"")).into_bytes();
    let at = wire.windows(10).position(|w| w == b"To: <sip:b").unwrap() + 9;
    wire[at] = 0xff;
    let mut slots = Vec::new();
    let m = Parser::new().parse_datagram(&wire, &mut slots).unwrap();
    let d = m.diagnostics(&Parser::new());
    let places: Vec<_> = d.iter().map(|d| d.place).collect();
    assert_eq!(places, [Place::Header(1), Place::Header(2)], "{d:?}");
    assert!(d[0].offset() < d[1].offset());
    assert_eq!(d[1].reason(), "header value is not UTF-8");
    // The strict check reports the first of them, the first problem in the message.
    assert_eq!(check(&wire).unwrap_err(), d[0].error);
}

#[test]
fn a_bad_list_element_is_an_error_and_the_good_ones_after_it_still_read() {
    let tail = TAIL.replace(
        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n",
        "Via: SIP/2.0/UDP bad host, SIP/2.0/TCP ok.example.com;branch=z9hG4bK2\r\n\
Via: SIP/2.0/UDP last.example.com;branch=z9hG4bK3\r\n\
Contact: \"a, <b>\" <sip:x@bad host>, <sip:y@example.com>\r\n",
    );
    let wire = options(&tail);
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let vias: Vec<_> = m.vias().collect();
    assert_eq!(vias.len(), 3);
    // "bad host": the sent-by ends at the space, then "host" is unexpected.
    let bad = vias[0].as_ref().unwrap_err();
    let host = wire.find("host,").unwrap();
    assert_eq!(bad.offset(), host, "{bad}");
    let ok: Vec<_> = vias[1..]
        .iter()
        .map(|v| v.as_ref().unwrap().host.to_string())
        .collect();
    assert_eq!(ok, ["ok.example.com", "last.example.com"]);
    assert_eq!(m.vias().map_while(Result::ok).count(), 0);
    assert!(m.vias().collect::<Result<Vec<_>, _>>().is_err());
    // The comma and the angle brackets inside the quoted display name do not end the
    // bad element: the next one is the y Contact.
    let contacts: Vec<_> = m.contacts().collect();
    assert_eq!(contacts.len(), 2, "{contacts:?}");
    assert!(contacts[0].is_err());
    let Ok(sip_core::headers::Contact::Addr(y)) = &contacts[1] else {
        panic!("{contacts:?}")
    };
    assert_eq!(y.uri_raw, "sip:y@example.com");
}

/// An empty list element (`a,,b`, as sofia-sip's torture tests write it, or a trailing
/// `a, `) is an error of its own: the element before it and those after it read. A run
/// of them is one error; the strict check and the diagnostics report the first.
#[test]
fn an_empty_list_element_hides_neither_neighbour() {
    let tail = TAIL.replace(
        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n",
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1 ,, , SIP/2.0/TCP b.example.com;branch=z9hG4bK2\r\n\
Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3,\r\n\
Reason: Q.850 ;cause=16 ;text=\"Terminated\",,SIP ;cause=200\r\n",
    );
    let wire = options(&tail);
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let vias: Vec<_> = m
        .vias()
        .map(|v| v.map(|v| v.host.to_string()).map_err(|e| e.offset()))
        .collect();
    let first_empty = wire.find(",, ,").unwrap() + 1;
    let trailing = wire.find(",\r\n").unwrap() + 1;
    assert_eq!(
        vias,
        [
            Ok("a.example.com".to_owned()),
            Err(first_empty),
            Ok("b.example.com".to_owned()),
            Ok("c.example.com".to_owned()),
            Err(trailing),
        ]
    );
    let causes: Vec<_> = m
        .reasons()
        .map(|r| r.map(|r| (r.value, r.cause())))
        .collect();
    assert!(causes[1].is_err());
    assert_eq!(causes[0], Ok(("Q.850", Some(16))));
    assert_eq!(causes[2], Ok(("SIP", Some(200))));
    assert_eq!(causes.len(), 3);
    // Strictly the message is refused at the first empty element; each line with one is
    // one diagnostic, in message order.
    let strict = check(wire.as_bytes()).unwrap_err();
    assert_eq!(strict.offset(), first_empty);
    assert!(strict.reason().contains("empty list element"), "{strict}");
    let d = m.diagnostics(&Parser::new());
    let places: Vec<_> = d.iter().map(|d| d.place).collect();
    assert_eq!(
        places,
        [Place::Header(0), Place::Header(1), Place::Header(2)],
        "{d:?}"
    );
    assert_eq!(d[0].error, strict);
}

#[test]
fn a_bad_element_in_each_of_two_list_lines_is_a_diagnostic_each() {
    // Headers 0 and 1 are Vias with a bad sent-by each ("bad host" has a space, "[::1"
    // is unterminated), header 2 a good one: two diagnostics, one per line, where a
    // walk that stopped at the first bad element gave one.
    let wire = options(&format!(
        "Via: SIP/2.0/UDP bad host;branch=z9hG4bK1\r\n\
Via: SIP/2.0/UDP [::1;branch=z9hG4bK2\r\n{TAIL}"
    ));
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let d = m.diagnostics(&Parser::new());
    let places: Vec<_> = d.iter().map(|d| d.place).collect();
    assert_eq!(places, [Place::Header(0), Place::Header(1)], "{d:?}");
    assert_eq!(check(wire.as_bytes()).unwrap_err(), d[0].error);
    // The good Via after them still reads.
    assert_eq!(m.vias().filter(Result::is_ok).count(), 1);
}

#[test]
fn vias_past_the_limit_are_one_diagnostic() {
    // Three Vias in one line and one more below, with a limit of 2: one report, not
    // one per Via past the limit.
    let wire = options(&format!(
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bKa, SIP/2.0/UDP b.example.com;branch=z9hG4bKb, SIP/2.0/UDP c.example.com;branch=z9hG4bKc\r\n{TAIL}"
    ));
    let parser = Parser::new().limits(sip_core::Limits::builder().max_vias(2).build());
    let mut slots = Vec::new();
    let m = parser.parse_datagram(wire.as_bytes(), &mut slots).unwrap();
    let d = m.diagnostics(&parser);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].reason(), "max_vias exceeded (maximum 2)");
    let strict = sip_core::check_with(&parser, wire.as_bytes()).unwrap_err();
    assert_eq!(strict, d[0].error);
}

#[test]
fn a_datagram_cut_inside_its_last_header_keeps_that_headers_problems_on_it() {
    // The capture ends inside the second element of the last Via ("SIP" with nothing
    // after it): the first element is bad too. One diagnostic for the Via line, placed
    // on it, not a second one in the body for the error at the very end of the input.
    let wire = options(&format!(
        "{}Via: SIP/2.0/UDP bad host, SIP",
        TAIL.trim_end_matches("Content-Length: 0\r\n\r\n")
    ));
    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let last = m.header_count() - 1;
    let d = m.diagnostics(&Parser::new());
    let places: Vec<_> = d.iter().map(|d| d.place).collect();
    assert!(!places.contains(&Place::Body), "{d:?}");
    assert_eq!(
        places.iter().filter(|&&p| p == Place::Header(last)).count(),
        1,
        "{d:?}"
    );
    // The iterator still gives both elements' errors, the second at the end of input.
    let errors: Vec<_> = m.vias().filter_map(Result::err).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[1].offset(), wire.len());
}
