//! Each named SIP quirk lets through exactly its deviation: refused strictly, read with
//! the quirk alone, refused again with every other quirk but it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::{Parser, Quirk, Quirks};

/// An OPTIONS request with `from` as the From value and `extra` lines after it.
fn message(start: &str, from: &str, extra: &str) -> String {
    format!(
        "{start}\r\nVia: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n\
To: <sip:carol@chicago.example.com>\r\nFrom: {from}\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\n{extra}Content-Length: 0\r\n\r\n"
    )
}

const START: &str = "OPTIONS sip:carol@chicago.example.com SIP/2.0";
const FROM: &str = "<sip:alice@atlanta.example.com>;tag=1928301774";

/// Whether `wire` reads (split and From) with `quirks`.
fn reads(wire: &[u8], quirks: Quirks) -> bool {
    let mut slots = Vec::new();
    match Parser::new()
        .quirks(quirks)
        .parse_datagram(wire, &mut slots)
    {
        Ok(m) => m.from().is_ok() && m.vias().all(|v| v.is_ok()),
        Err(_) => false,
    }
}

#[test]
fn each_quirk_accepts_its_own_deviation_and_no_other_quirk_does() {
    let cases: Vec<(Quirk, String)> = vec![
        (
            Quirk::LfLineEnds,
            message(START, FROM, "").replace("\r\n", "\n"),
        ),
        (
            Quirk::LeadingLineEnds,
            format!("\r\n{}", message(START, FROM, "")),
        ),
        (
            Quirk::StartLineSpaces,
            message("OPTIONS  sip:carol@chicago.example.com SIP/2.0", FROM, ""),
        ),
        (
            Quirk::NotAHeaderLine,
            message(START, FROM, "this is not a header\r\n"),
        ),
        (
            Quirk::DatagramFraming,
            message(START, FROM, "").replace("Content-Length: 0", "Content-Length: 9"),
        ),
        (
            Quirk::SpaceInAngleBrackets,
            message(START, "< sip:alice@atlanta.example.com >;tag=1", ""),
        ),
        (
            Quirk::OddDisplayName,
            message(
                START,
                "\"\"Alice\"\" <sip:alice@atlanta.example.com>;tag=1",
                "",
            ),
        ),
        (
            Quirk::DoubledScheme,
            message(START, "<sip:sip:atlanta.example.com>;tag=1", ""),
        ),
        (
            Quirk::LooseHostName,
            message(START, "<sip:alice@my_host.example.com>;tag=1", ""),
        ),
        (
            Quirk::LooseParameterValue,
            message(START, "<sip:alice@atlanta.example.com>;tag=7618c7618^", ""),
        ),
        (
            Quirk::LocalTelWithoutContext,
            message(START, "<tel:263734>;tag=1", ""),
        ),
        (
            Quirk::CrLineEnds,
            message(START, FROM, "").replace("\r\n", "\r"),
        ),
        (
            Quirk::ReceivedWithPort,
            message(
                START,
                FROM,
                "Via: SIP/2.0/UDP 192.168.1.2:5066;received=220.240.255.198:64066;branch=z9hG4bK1\r\n",
            ),
        ),
        (
            Quirk::ReceivedHostName,
            message(
                START,
                FROM,
                "Via: SIP/2.0/UDP 192.168.3.3;received=3comI;branch=z9hG4bK1\r\n",
            ),
        ),
        (
            Quirk::FoldedHeaderName,
            message(START, FROM, "Subject\r\n : a folded name\r\n"),
        ),
        (
            Quirk::SpaceInRequestUri,
            message("OPTIONS sip:carol@Blue Face SIP/2.0", FROM, ""),
        ),
        (
            Quirk::TrailingSemicolon,
            message(START, "<sip:alice@atlanta.example.com>;tag=1;", ""),
        ),
        (
            Quirk::EmptyParameter,
            message(START, "<sip:alice@atlanta.example.com>;;tag=1", ""),
        ),
        (
            Quirk::UnescapedUriHeader,
            message(
                START,
                "<sip:alice@atlanta.example.com?Reason=SIP;cause=302;text=\"Moved\">;tag=1",
                "",
            ),
        ),
    ];
    let mut cases: Vec<(Quirk, Vec<u8>)> = cases
        .into_iter()
        .map(|(q, wire)| (q, wire.into_bytes()))
        .collect();
    // "Müller" in ISO 8859-1: the ü is the single byte 0xFC.
    let latin1 = message(
        START,
        "\"M_ller\" <sip:alice@atlanta.example.com>;tag=1",
        "",
    )
    .into_bytes()
    .into_iter()
    .map(|b| if b == b'_' { 0xfc } else { b })
    .collect();
    cases.push((Quirk::NonUtf8DisplayName, latin1));
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(message(START, FROM, "").as_bytes());
    cases.push((Quirk::ByteOrderMark, bom));
    assert_eq!(cases.len(), Quirk::ALL.len(), "one case per quirk");
    for (quirk, wire) in &cases {
        assert!(!reads(wire, Quirks::NONE), "{quirk}: strict refuses");
        assert!(
            reads(wire, Quirks::NONE.with(*quirk)),
            "{quirk}: alone reads"
        );
        assert!(!reads(wire, Quirks::ALL.without(*quirk)), "{quirk}: needed");
        assert!(reads(wire, Quirks::ALL), "{quirk}: lenient reads");
    }
}

#[test]
fn lenient_true_is_every_quirk() {
    assert_eq!(Parser::new().lenient(true).get_quirks(), Quirks::ALL);
    assert_eq!(Parser::new().lenient(false).get_quirks(), Quirks::NONE);
    let names: Vec<_> = Quirk::ALL.iter().map(|q| q.name()).collect();
    assert_eq!(names[0], "lf_line_ends");
    assert_eq!(names.len(), 21);
    assert_eq!(names[17], "byte_order_mark");
    assert_eq!(names[18], "received_host_name");
    assert_eq!(names[19], "folded_header_name");
    assert_eq!(names[20], "space_in_request_uri");
}

/// Under `cr_line_ends` a lone CR ends a line, and CR CR LF is one line end with a stray
/// CR (kamailio's `sg.sip`), not a line end and an empty line that would end the headers
/// early: the headers after it are still read.
#[test]
fn cr_line_ends_reads_lone_crs_and_cr_cr_lf_as_one_line_end() {
    let wire = message(START, FROM, "")
        .replace(&format!("From: {FROM}\r\n"), &format!("From: {FROM}\r\r\n"));
    let wire = wire.replacen("\r\nTo:", "\rTo:", 1);
    let mut slots = Vec::new();
    let m = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::CrLineEnds))
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    assert_eq!(m.headers().count(), 6, "{wire:?}");
    assert_eq!(m.from().unwrap().unwrap().tag(), Some("1928301774"));
    assert_eq!(m.to().unwrap().unwrap().tag(), None);
    assert_eq!(m.call_id(), Some("a84b4c76e66710"));
    // The same bytes written back from the spans.
    let mut out = Vec::new();
    m.write_to(&mut out);
    assert_eq!(out, wire.as_bytes());
}

/// Under `datagram_framing` a datagram cut inside a header (a capture's snap length) still
/// reads: cut inside a value, the value is what there is; cut inside a name, the piece is
/// kept as a header without a name. Both end the headers, with no body, and write back
/// the same bytes; strictly the datagram is refused.
#[test]
fn datagram_framing_reads_a_datagram_cut_inside_a_header() {
    let whole = message(START, FROM, "");
    for cut in ["Content-Length: 0", "Content-Lengt"] {
        let end = whole.find("Content-Length").unwrap() + cut.len();
        let wire = &whole.as_bytes()[..end];
        let mut slots = Vec::new();
        assert!(
            Parser::new().parse_datagram(wire, &mut slots).is_err(),
            "{cut}"
        );
        let mut slots = Vec::new();
        let m = Parser::new()
            .quirks(Quirks::NONE.with(Quirk::DatagramFraming))
            .parse_datagram(wire, &mut slots)
            .unwrap();
        let last = m.headers().next_back().unwrap();
        let (name, value) = if cut.ends_with('0') {
            ("Content-Length", "0")
        } else {
            ("", "Content-Lengt")
        };
        assert_eq!(
            (last.name(), last.value()),
            (name, value.as_bytes()),
            "{cut}"
        );
        assert_eq!(m.from().unwrap().unwrap().tag(), Some("1928301774"));
        assert!(m.body().is_empty());
        let mut out = Vec::new();
        m.write_to(&mut out);
        assert_eq!(out, wire, "{cut}");
    }
}

/// Under `cr_line_ends` a start line or an empty line ended by CR alone (or CR CR LF)
/// writes back as it was: the writer takes the line end the split took (a fuzz finding:
/// it wrote CRLF for a bare-CR empty line).
#[test]
fn bare_cr_line_ends_write_back_as_they_were() {
    for (start_end, empty) in [
        ("\r", "\r"),
        ("\r\r\n", "\r\n"),
        ("\r\n", "\r"),
        ("\r", "\r\r\n"),
    ] {
        let whole = message(START, FROM, "").replace("Content-Length: 0", "Content-Length: 4");
        let wire = format!(
            "{START}{start_end}{}",
            whole
                .strip_prefix(&format!("{START}\r\n"))
                .unwrap()
                .strip_suffix("\r\n")
                .unwrap()
        ) + empty
            + "body";
        let mut slots = Vec::new();
        let m = Parser::new()
            .quirks(Quirks::NONE.with(Quirk::CrLineEnds))
            .parse_datagram(wire.as_bytes(), &mut slots)
            .unwrap();
        assert_eq!(m.body(), b"body", "{wire:?}");
        let mut out = Vec::new();
        m.write_to(&mut out);
        assert_eq!(out, wire.as_bytes(), "{wire:?}");
    }
}

/// SIPSorcery servers write the source port into `received`; the quirk reads the Via
/// with its branch. Only an address and a port: anything else is still an error.
#[test]
fn received_with_a_port_is_read_and_nothing_looser() {
    let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::ReceivedWithPort));
    let via = |received: &str| {
        let wire = message(
            START,
            FROM,
            &format!("Via: SIP/2.0/UDP 192.168.1.2:5066;received={received};branch=z9hG4bK2\r\n"),
        );
        let mut slots = Vec::new();
        let m = parser.parse_datagram(wire.as_bytes(), &mut slots).unwrap();
        m.vias().nth(1).unwrap().map(|v| {
            (
                v.branch().map(str::to_owned),
                v.received().map(str::to_owned),
            )
        })
    };
    assert_eq!(
        via("220.240.255.198:64066").unwrap(),
        (
            Some("z9hG4bK2".into()),
            Some("220.240.255.198:64066".into())
        )
    );
    assert!(via("[2001:db8::9]:5060").is_ok());
    for bad in [
        "220.240.255.198:",
        "220.240.255.198:70000",
        "220.240.255.198:50x",
        "host.example.com:5060",
        "2001:db8::9:5060:x",
    ] {
        assert!(via(bad).is_err(), "{bad}");
    }
}

/// Microsoft `SERVICE` requests end the Via's parameters with `;`: the quirk reads the
/// Via and its branch; the raw parameters stop before the `;`. Strictly it is refused.
#[test]
fn a_trailing_semicolon_after_the_parameters_is_skipped() {
    let wire = "SERVICE sip:user1@something.com SIP/2.0\r\nFrom: <sip:user2@something.com>;epid=85D7DC3A61;tag=ddfb74b87\r\nTo: <sip:user1@something.com>\r\nCall-ID: fc2gbd6449264ecfbe9rbf23f11f7be9\r\nCSEQ: 73 SERVICE\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=yxxxcvvvbbbnnmm1;\r\nContent-Length: 0\r\n\r\n";
    let mut slots = Vec::new();
    let strict = Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    assert!(strict.via().is_err());
    let m = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::TrailingSemicolon))
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let v = m.via().unwrap().unwrap();
    assert_eq!(v.branch(), Some("yxxxcvvvbbbnnmm1"));
    assert_eq!(v.params.as_str(), ";branch=yxxxcvvvbbbnnmm1");
    // Two elements of one Via header, the first ending in `;`.
    let two = wire.replace(
        "branch=yxxxcvvvbbbnnmm1;",
        "branch=z9hG4bK1; , SIP/2.0/TCP 10.0.0.2;branch=z9hG4bK2",
    );
    let m = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::TrailingSemicolon))
        .parse_datagram(two.as_bytes(), &mut slots)
        .unwrap();
    let branches: Vec<_> = m
        .vias()
        .map(|v| v.unwrap().branch().map(str::to_owned))
        .collect();
    assert_eq!(branches, [Some("z9hG4bK1".into()), Some("z9hG4bK2".into())]);
}

/// `;;tag=` (an empty parameter, seen from softphones): with the quirk the parameters
/// after it read, and the raw parameters keep the text as written; strictly it is
/// refused.
#[test]
fn an_empty_parameter_is_passed_over() {
    let wire = message(START, "<sip:alice@atlanta.example.com>;;tag=3e2f;;x=1", "")
        .replace("branch=z9hG4bKhjhs8ass877", "branch=z9hG4bK1;;rport");
    let mut slots = Vec::new();
    let strict = Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    assert!(strict.from().is_err() && strict.via().is_err());
    let m = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::EmptyParameter))
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let from = m.from().unwrap().unwrap();
    assert_eq!(from.tag(), Some("3e2f"));
    assert_eq!(from.params.get("x"), Some(Some("1")));
    assert_eq!(from.params.as_str(), ";;tag=3e2f;;x=1");
    let names: Vec<_> = from.params.iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["tag", "x"]);
    let via = m.via().unwrap().unwrap();
    assert_eq!((via.branch(), via.rport()), (Some("z9hG4bK1"), Some(None)));
    // `;;` with nothing after it is not an empty parameter but a trailing `;`.
    let end = message(START, "<sip:alice@atlanta.example.com>;tag=1;;", "");
    let m = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::EmptyParameter))
        .parse_datagram(end.as_bytes(), &mut slots)
        .unwrap();
    assert!(m.from().is_err());
}

/// History-Info from a Nortel PBX: the Reason in the target URI not escaped. With the
/// quirk it reads as written, and the Reason is found; strictly the entry is an error
/// and the message still reads.
#[test]
fn an_unescaped_uri_header_reads_as_written() {
    let wire = message(
        START,
        FROM,
        "History-Info: <sip:917053949033@68.53.60.10:5060?Reason=SIP;cause=302;text=\"Moved\">;index=1\r\n",
    );
    let mut slots = Vec::new();
    let strict = Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let Some(Err(sip_core::Error::Header { name, reason, .. })) = strict.history_info().next()
    else {
        panic!("strict reads the unescaped Reason")
    };
    assert_eq!(
        (name, reason),
        ("History-Info", "invalid character in URI header")
    );
    let m = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::UnescapedUriHeader))
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let h = m.history_info().next().unwrap().unwrap();
    assert_eq!(h.index, Some("1"));
    let r = h.reason().unwrap();
    assert_eq!((r.protocol.as_str(), r.cause), ("SIP", Some(302)));
    assert_eq!(r.text.as_deref(), Some("Moved"));
    // An `&` still separates URI headers, and `<` stays refused.
    let Ok(sip_core::uri::Uri::Sip(u)) = sip_core::uri::Uri::parse_with_quirks(
        "sip:a@example.com?Reason=SIP;cause=302&Privacy=history",
        Quirks::NONE.with(Quirk::UnescapedUriHeader),
    ) else {
        panic!()
    };
    let headers: Vec<_> = u.headers().collect();
    assert_eq!(
        headers,
        [("Reason", "SIP;cause=302"), ("Privacy", "history")]
    );
    assert!(
        sip_core::uri::Uri::parse_with_quirks(
            "sip:a@example.com?Reason=<x>",
            Quirks::NONE.with(Quirk::UnescapedUriHeader),
        )
        .is_err()
    );
}

/// The SIP bakeoff's `CaLl-Id` LF ` : 0ha0...`: with `folded_header_name` the name, its
/// fold and colon, and the value read as one header (typed access included), written
/// back as it was; strictly the split stops at the fold, which the tolerant reading's
/// diagnostics report there. A stream cut inside the fold asks for more; a name followed
/// by a fold without a colon is still no header.
#[test]
fn a_header_name_folded_away_from_its_colon_reads_with_the_quirk() {
    for eol in ["\r\n", "\n"] {
        let wire = message(START, FROM, "")
            .replace(
                "Call-ID: a84b4c76e66710",
                &format!("CaLl-Id{eol} \t: a84b4c76e66710"),
            )
            .replace("\r\n", eol);
        let folded = wire.find("CaLl-Id").unwrap() + "CaLl-Id".len();
        let e = Parser::new()
            .parse_datagram(wire.as_bytes(), &mut Vec::new())
            .map(|_| ());
        let lenient = Parser::new().lenient(true);
        let mut slots = Vec::new();
        let m = lenient.parse_datagram(wire.as_bytes(), &mut slots).unwrap();
        assert_eq!(m.call_id(), Some("a84b4c76e66710"));
        let h = m.header("call-id").unwrap();
        assert_eq!((h.name(), h.value()), ("CaLl-Id", &b"a84b4c76e66710"[..]));
        let mut out = Vec::new();
        m.write_to(&mut out);
        assert_eq!(out, wire.as_bytes());
        let d = m.diagnostics(&Parser::new());
        if eol == "\r\n" {
            let e = e.unwrap_err();
            assert_eq!(e.offset(), folded);
            assert_eq!(e.reason(), "expected ':' after header name");
            assert_eq!(d.iter().map(|d| d.error.clone()).collect::<Vec<_>>(), [e]);
        } else {
            // LF-only lines stop the strict split at the start line already.
            assert!(e.is_err());
            assert!(!d.is_empty());
        }
        // Each cut of the input inside the fold: a stream asks for more, and the whole
        // message reads as the datagram did.
        let stream = Parser::new().lenient(true).stream();
        for cut in folded..folded + eol.len() + 3 {
            let mut slots = Vec::new();
            let status = stream.parse(&wire.as_bytes()[..cut], &mut slots);
            assert!(
                matches!(status, Ok(sip_core::Status::Partial)),
                "{cut}: {:?}",
                status.map(|_| ())
            );
        }
        let mut slots = Vec::new();
        let whole = stream
            .parse(wire.as_bytes(), &mut slots)
            .unwrap()
            .complete();
        assert_eq!(whole.unwrap().call_id(), Some("a84b4c76e66710"));
    }
    // A fold without a colon after it: no header (strictly and with the quirk alone).
    let wire = message(START, FROM, "Subject\r\n folded\r\n");
    let only = Parser::new().quirks(Quirks::NONE.with(Quirk::FoldedHeaderName));
    assert!(
        only.parse_datagram(wire.as_bytes(), &mut Vec::new())
            .is_err()
    );
}

/// A PA168S phone's REGISTER to a domain set up with a space in it (`sip:Blue Face`):
/// with `space_in_request_uri` the Request-URI runs to the whitespace before the version
/// at the end of the line, the message reads (its headers typed), writes back as it was,
/// and the tolerant reading's diagnostics give the strict split's error and the URI's
/// own. Without the version at the end, and with whitespace before the version that only
/// `start_line_spaces` reads, the quirk alone reads no request line; a control byte inside
/// the URI is still an error.
#[test]
fn whitespace_inside_the_request_uri_reads_with_the_quirk() {
    let wire = "REGISTER sip:Blue Face SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:1720;branch=z9hG4bKlgnUQcaywCOaPcXR\r\n\
Max-Forwards: 70\r\nUser-Agent: PA168S\r\n\
From: \"user\" <sip:user@192.0.2.9>;tag=81swjAV7dHG1yjd5\r\n\
To: \"user\" <sip:user@192.0.2.9>\r\nCall-ID: DHZVs1HFuMoTQ6LO@192.0.2.1\r\n\
CSeq: 15754 REGISTER\r\nContact: <sip:user@127.0.0.1:1720>\r\nExpires: 30\r\n\
Content-Length: 0\r\n\r\n";
    let strict = Parser::new()
        .parse_datagram(wire.as_bytes(), &mut Vec::new())
        .map(|_| ())
        .unwrap_err();
    // At the text after the URI's first word, which is no version.
    assert_eq!(strict.offset(), "REGISTER sip:Blue ".len());
    assert_eq!(
        strict.reason(),
        "whitespace inside the Request-URI or request line"
    );
    let only = Parser::new().quirks(Quirks::NONE.with(Quirk::SpaceInRequestUri));
    let mut slots = Vec::new();
    let m = only.parse_datagram(wire.as_bytes(), &mut slots).unwrap();
    assert_eq!(m.method(), Some("REGISTER"));
    assert_eq!(m.request_uri(), Some("sip:Blue Face"));
    assert_eq!(m.cseq().unwrap().unwrap().seq, 15754);
    assert_eq!(m.from().unwrap().unwrap().tag(), Some("81swjAV7dHG1yjd5"));
    let mut out = Vec::new();
    m.write_to(&mut out);
    assert_eq!(out, wire.as_bytes());
    let d = m.diagnostics(&Parser::new());
    assert!(d.iter().any(|d| d.error == strict), "{d:?}");
    // The URI's own reading fails at the space, in the start line.
    assert!(
        d.iter()
            .all(|d| d.error.offset() < "REGISTER sip:Blue Face SIP/2.0".len()),
        "{d:?}"
    );
    assert!(d.len() >= 2, "{d:?}");

    let refused = |line: &str, quirks: Quirks| {
        let wire = wire.replacen("REGISTER sip:Blue Face SIP/2.0", line, 1);
        Parser::new()
            .quirks(quirks)
            .parse_datagram(wire.as_bytes(), &mut Vec::new())
            .is_err()
    };
    let uri_spaces = Quirks::NONE.with(Quirk::SpaceInRequestUri);
    // No version at the end of the line.
    assert!(refused("REGISTER sip:Blue Face", uri_spaces));
    assert!(refused("REGISTER sip:Blue Face SIP/2.0 x", uri_spaces));
    assert!(refused("REGISTER sip:Blue Face SIP/3.0", uri_spaces));
    // Two spaces before the version: with the start-line quirk too.
    assert!(refused("REGISTER sip:Blue Face  SIP/2.0", uri_spaces));
    assert!(!refused(
        "REGISTER sip:Blue Face  SIP/2.0",
        uri_spaces.with(Quirk::StartLineSpaces)
    ));
    // A control byte inside the URI.
    assert!(refused("REGISTER sip:Blue \x01Face SIP/2.0", Quirks::ALL));
    // jain-sip's torture test 2, a space after a parameter's `;`.
    let mut slots = Vec::new();
    let wire2 = wire.replacen(
        "REGISTER sip:Blue Face SIP/2.0",
        "INVITE sip:user@company.com; transport=udp SIP/2.0",
        1,
    );
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(wire2.as_bytes(), &mut slots)
        .unwrap();
    assert_eq!(m.request_uri(), Some("sip:user@company.com; transport=udp"));
}
