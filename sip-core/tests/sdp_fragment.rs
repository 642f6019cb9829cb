//! Trickle-ICE SDP fragments (RFC 8840 9.2, `application/trickle-ice-sdpfrag`): the body
//! of a SIP INFO of the `trickle-ice` Info-Package and of a WHIP or WHEP PATCH (RFC
//! 9725). Values are read off the texts by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::sdp::{self, LineEnding, ParseErrorKind, Parser, Quirk, Quirks, TypedAttribute};

/// The INFO body of RFC 8840 4.4's example: the ICE credentials, the section the
/// candidates belong to (`m=` and `a=mid`), two candidates and the end of candidates.
const INFO_BODY: &str = "a=ice-pwd:asd88fgpdd777uzjYhagZg\r\n\
                         a=ice-ufrag:8hhY\r\n\
                         m=audio 5000 RTP/AVP 0\r\n\
                         a=mid:1\r\n\
                         a=candidate:1 1 UDP 1658497328 192.0.2.3 5000 typ host\r\n\
                         a=candidate:2 1 UDP 1658497328 198.51.100.33 5000 typ srflx raddr 192.0.2.3 rport 5000\r\n\
                         a=end-of-candidates\r\n";

#[test]
fn an_info_body_reads_to_its_credentials_section_and_candidates() {
    let f = sdp::parse_fragment(INFO_BODY).unwrap();
    let value = |name| f.attribute(name).and_then(|a| a.value.as_deref());
    assert_eq!(value("ice-pwd"), Some("asd88fgpdd777uzjYhagZg"));
    assert_eq!(value("ice-ufrag"), Some("8hhY"));
    assert_eq!(f.media.len(), 1);
    let m = &f.media[0];
    assert_eq!(
        (m.media.as_ref(), m.port, m.protocol.as_ref()),
        ("audio", 5000, "RTP/AVP")
    );
    assert_eq!(m.formats, ["0"]);
    assert_eq!(m.mid(), Some("1"));
    let candidates: Vec<_> = m
        .typed_attributes("candidate")
        .map(|t| match t {
            TypedAttribute::Candidate(c) => (
                c.address.into_owned(),
                c.port,
                c.related_address.map(|a| a.into_owned()),
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        candidates,
        [
            ("192.0.2.3".to_owned(), 5000, None),
            (
                "198.51.100.33".to_owned(),
                5000,
                Some("192.0.2.3".to_owned())
            )
        ]
    );
    assert!(m.attributes.iter().any(|a| a.name() == "end-of-candidates"));
    assert_eq!(f.line_ending, LineEnding::Crlf);
    assert_eq!(f.to_string(), INFO_BODY);
    assert_eq!(f.clone().into_owned(), f);
}

/// A WHIP client's PATCH that trickles candidates for two bundled sections (RFC 9725
/// 4.3.1's shape: the group and credentials at the top, LF line ends as browsers'
/// JavaScript writes them): each section with its own `a=mid`.
#[test]
fn a_whip_patch_with_two_sections_reads_with_lf_line_ends() {
    let patch = "a=group:BUNDLE 0 1\na=ice-ufrag:EsAw\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\n\
                 m=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\n\
                 a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 ufrag EsAw network-id 1\n\
                 m=video 9 UDP/TLS/RTP/SAVPF 96\na=mid:1\n\
                 a=candidate:473322822 1 tcp 1518280447 192.0.2.1 9 typ host tcptype active generation 0 ufrag EsAw network-id 1\n\
                 a=end-of-candidates";
    let f = sdp::parse_fragment(patch).unwrap();
    assert_eq!(f.attributes.len(), 3);
    let mids: Vec<_> = f.media.iter().map(|m| m.mid().unwrap()).collect();
    assert_eq!(mids, ["0", "1"]);
    assert_eq!(
        (f.line_ending, f.final_line_ending),
        (LineEnding::Lf, false)
    );
    let Some(TypedAttribute::Candidate(c)) = f.media[1].typed_attributes("candidate").next() else {
        panic!("a candidate");
    };
    assert_eq!((c.transport.as_ref(), c.port), ("tcp", 9));
    assert_eq!(f.to_string(), patch);
}

/// Only `a=` and `m=` lines: a whole session description, a connection line or GB/T
/// 28181's `y=` is refused at its line, even with every quirk; a malformed known
/// attribute is refused strictly, kept with the quirk.
#[test]
fn lines_a_fragment_does_not_hold_are_refused_at_their_line() {
    for (text, line, kind) in [
        (
            "v=0\r\na=ice-ufrag:8hhY\r\n",
            1,
            ParseErrorKind::NotInFragment('v'),
        ),
        (
            "a=ice-ufrag:8hhY\r\nm=audio 9 RTP/AVP 0\r\nc=IN IP4 192.0.2.3\r\n",
            3,
            ParseErrorKind::NotInFragment('c'),
        ),
        (
            "a=ice-ufrag:8hhY\r\no=- 1 1 IN IP4 192.0.2.1\r\n",
            2,
            ParseErrorKind::NotInFragment('o'),
        ),
        (
            "m=audio 9 RTP/AVP 0\r\na=mid:0\r\ny=0100008888\r\n",
            3,
            ParseErrorKind::NotInFragment('y'),
        ),
        (
            "a=ice-ufrag:8hhY\r\nt=0 0\r\n",
            2,
            ParseErrorKind::NotInFragment('t'),
        ),
    ] {
        for parser in [Parser::new(), Parser::new().quirks(Quirks::ALL)] {
            let e = parser.parse_fragment(text).unwrap_err();
            assert_eq!(
                (e.line(), e.parse_kind()),
                (Some(line), Some(&kind)),
                "{text:?}"
            );
        }
    }
    let bad = "m=audio 9 RTP/AVP 0\r\na=mid:0\r\na=candidate:1 1 UDP x 192.0.2.3 5000 typ host\r\n";
    let e = sdp::parse_fragment(bad).unwrap_err();
    assert_eq!(e.line(), Some(3), "{e}");
    let mut notes = Vec::new();
    let f = Parser::new()
        .quirks(Quirks::ALL)
        .parse_fragment_with_diagnostics(bad, &mut notes)
        .unwrap();
    assert_eq!(f.media[0].attributes.len(), 2);
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.offset, d.quirk)).collect();
    assert_eq!(seen, [(3, 30, Quirk::MalformedAttribute)]);
    assert!(sdp::parse_fragment("").is_err());
}

/// Each media section of a fragment names the session's section it belongs to with
/// `a=mid` (RFC 8840): a section without one is refused strictly at its `m=` line, when
/// the section ends (so a later problem of the section before counts first), and kept
/// with the missing-mid quirk, one diagnostic per such section. A fragment without
/// sections (an ICE restart's credentials) needs none.
#[test]
fn a_fragment_section_without_a_mid_is_refused_at_its_m_line() {
    // Line 3 (offset 30) is the second section's `m=` line; the first has its mid.
    let text = "m=audio 9 RTP/AVP 0\r\na=mid:0\r\nm=video 9 RTP/AVP 96\r\n\
                a=candidate:1 1 udp 2122260223 192.0.2.1 61764 typ host\r\n";
    let e = sdp::parse_fragment(text).unwrap_err();
    assert_eq!(
        (e.line(), e.offset(), e.parse_kind()),
        (Some(3), Some(30), Some(&ParseErrorKind::MissingMid))
    );
    assert_eq!(
        e.to_string(),
        "SDP line 3 (byte 30): media section of a trickle-ICE fragment without `a=mid`"
    );
    let mut notes = Vec::new();
    let f = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::MissingMid))
        .parse_fragment_with_diagnostics(text, &mut notes)
        .unwrap();
    assert_eq!((f.media[0].mid(), f.media[1].mid()), (Some("0"), None));
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.offset, d.quirk)).collect();
    assert_eq!(seen, [(3, 30, Quirk::MissingMid)]);
    assert_eq!(f.to_string(), text);
    // Both sections without one: the first is the strict reading's error, each noted.
    let both = "a=ice-ufrag:8hhY\nm=audio 9 RTP/AVP 0\nm=video 9 RTP/AVP 96\n";
    assert_eq!(sdp::parse_fragment(both).unwrap_err().line(), Some(2));
    notes.clear();
    Parser::new()
        .quirks(Quirks::ALL)
        .parse_fragment_with_diagnostics(both, &mut notes)
        .unwrap();
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.offset, d.quirk)).collect();
    assert_eq!(
        seen,
        [(2, 17, Quirk::MissingMid), (3, 37, Quirk::MissingMid)]
    );
    // A malformed candidate after a section without a mid, before the section ends:
    // the candidate's line is the first problem.
    let e = sdp::parse_fragment("m=audio 9 RTP/AVP 0\r\na=candidate:x\r\n").unwrap_err();
    assert_eq!(e.line(), Some(2), "{e}");
    // No section, no mid needed: an ICE restart's new credentials.
    assert!(
        sdp::parse_fragment("a=ice-ufrag:8hhY\r\na=ice-pwd:asd88fgpdd777uzjYhagZg\r\n").is_ok()
    );
}

/// The tolerant reading's quirks of line shape apply to a fragment as to a session: a
/// blank line before the first (as a body padded with CRLF has) and trailing spaces.
#[test]
fn a_fragment_reads_with_the_quirks_of_line_shape() {
    let text = "\r\na=ice-ufrag:8hhY \r\nm=audio 5000 RTP/AVP 0\r\na=mid:1\r\n";
    assert_eq!(sdp::parse_fragment(text).unwrap_err().line(), Some(1));
    let mut notes = Vec::new();
    let f = Parser::new()
        .quirks(Quirks::ALL)
        .parse_fragment_with_diagnostics(text, &mut notes)
        .unwrap();
    assert_eq!(
        f.attribute("ice-ufrag").and_then(|a| a.value.as_deref()),
        Some("8hhY")
    );
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.quirk)).collect();
    assert_eq!(
        seen,
        [(1, Quirk::BlankLines), (2, Quirk::TrailingWhitespace)]
    );
    assert_eq!(f.to_string(), text[2..].replace(" \r\n", "\r\n"));
}

/// The INFO of RFC 8840 4.4 carries the fragment; `Message::sdp_fragment_with_diagnostics`
/// finds it by its Content-Type (offsets from the start of the message), and the
/// message has no SDP.
#[test]
fn an_info_message_gives_its_fragment() {
    let head = "INFO sip:alice@example.com SIP/2.0\r\n\
                Via: SIP/2.0/TLS 192.0.2.2;branch=z9hG4bK74bf9\r\n\
                To: <sip:alice@example.com>;tag=1234\r\n\
                From: <sip:bob@example.com>;tag=5678\r\n\
                Call-ID: 3848276298220188511@example.com\r\n\
                CSeq: 2 INFO\r\n\
                Info-Package: trickle-ice\r\n\
                Content-Type: application/trickle-ice-sdpfrag\r\n\
                Content-Disposition: Info-Package\r\n";
    let msg = format!(
        "{head}Content-Length: {}\r\n\r\n{INFO_BODY}",
        INFO_BODY.len()
    );
    let mut slots = Vec::new();
    let m = sip_core::Parser::new()
        .parse_datagram(msg.as_bytes(), &mut slots)
        .unwrap();
    assert_eq!(m.sdp().unwrap(), None);
    let parser = Parser::new().quirks(Quirks::ALL);
    let mut notes = Vec::new();
    let f = m
        .sdp_fragment_with_diagnostics(&parser, &mut notes)
        .unwrap()
        .unwrap();
    assert_eq!(f, sdp::parse_fragment(INFO_BODY).unwrap());
    assert!(notes.is_empty());
    // A fragment that does not read: the error's offset counts from the message start.
    let broken = msg.replace("a=mid:1\r\n", "c=IN IP4 192.0.2.3\r\n");
    let m = sip_core::Parser::new()
        .parse_datagram(broken.as_bytes(), &mut slots)
        .unwrap();
    let e = m
        .sdp_fragment_with_diagnostics(&parser, &mut notes)
        .unwrap_err();
    let at = broken.find("c=IN").unwrap();
    assert_eq!((e.line(), e.offset()), (Some(4), Some(at)));
    // Another Content-Type holds no fragment.
    let plain = msg.replace("application/trickle-ice-sdpfrag", "text/plain");
    let m = sip_core::Parser::new()
        .parse_datagram(plain.as_bytes(), &mut slots)
        .unwrap();
    assert_eq!(
        m.sdp_fragment_with_diagnostics(&parser, &mut notes)
            .unwrap(),
        None
    );
}

/// RFC 6086 lets an INFO carry its package's body as a part of a multipart body (the
/// part's `Content-Disposition: Info-Package`): the fragment is that part, offsets count
/// from the message start, and the multipart framing's quirks are noted as for SDP.
#[test]
fn an_info_with_a_multipart_body_gives_its_fragment_part() {
    // The multipart framing's lines end with `eol`.
    let message = |body: &str, eol: &str| {
        let body = format!(
            "--xyz{eol}Content-Type: text/plain{eol}{eol}candidates follow{eol}\
             --xyz{eol}Content-Type: application/trickle-ice-sdpfrag{eol}\
             Content-Disposition: Info-Package{eol}{eol}{body}{eol}--xyz--{eol}"
        );
        format!(
            "INFO sip:alice@example.com SIP/2.0\r\nCall-ID: 3848276298220188511@example.com\r\n\
             CSeq: 2 INFO\r\nInfo-Package: trickle-ice\r\n\
             Content-Type: multipart/mixed;boundary=xyz\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    };
    let strict = Parser::new();
    let tolerant = Parser::new().quirks(Quirks::ALL);
    let msg = message(INFO_BODY, "\r\n");
    let mut slots = Vec::new();
    let m = sip_core::Parser::new()
        .parse_datagram(msg.as_bytes(), &mut slots)
        .unwrap();
    let mut notes = Vec::new();
    let f = m
        .sdp_fragment_with_diagnostics(&strict, &mut notes)
        .unwrap();
    assert_eq!(f, Some(sdp::parse_fragment(INFO_BODY).unwrap()));
    assert!(notes.is_empty());
    assert_eq!(m.sdp().unwrap(), None);
    // A blank line opening the part, and framing lines ended by LF alone: each noted
    // where it stands in the message (the framing at the first delimiter's line end).
    let msg = message(&format!("\r\n{INFO_BODY}"), "\n");
    let m = sip_core::Parser::new()
        .parse_datagram(msg.as_bytes(), &mut slots)
        .unwrap();
    let f = m
        .sdp_fragment_with_diagnostics(&tolerant, &mut notes)
        .unwrap();
    assert_eq!(f, Some(sdp::parse_fragment(INFO_BODY).unwrap()));
    let blank = msg.find("\r\na=ice-pwd").unwrap();
    let delimiter_end = msg.find("--xyz\n").unwrap() + 5;
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.offset, d.quirk)).collect();
    assert_eq!(
        seen,
        [
            (0, delimiter_end, Quirk::LfMultipart),
            (1, blank, Quirk::BlankLines)
        ]
    );
    // Strictly, such framing is the body's error.
    let e = m
        .sdp_fragment_with_diagnostics(&strict, &mut Vec::new())
        .unwrap_err();
    assert!(matches!(e, sdp::Error::Body { .. }), "{e:?}");
    // A broken fragment part: its error's line counts in the part, its offset in the
    // message.
    let msg = message(
        &INFO_BODY.replace("a=mid:1\r\n", "c=IN IP4 192.0.2.3\r\n"),
        "\r\n",
    );
    let m = sip_core::Parser::new()
        .parse_datagram(msg.as_bytes(), &mut slots)
        .unwrap();
    let e = m
        .sdp_fragment_with_diagnostics(&strict, &mut Vec::new())
        .unwrap_err();
    assert_eq!(
        (e.line(), e.offset()),
        (Some(4), Some(msg.find("c=IN").unwrap()))
    );
    // A multipart body without a fragment part holds none.
    let msg = message(INFO_BODY, "\r\n").replace("trickle-ice-sdpfrag", "x-trickle-ice-notes");
    let m = sip_core::Parser::new()
        .parse_datagram(msg.as_bytes(), &mut slots)
        .unwrap();
    assert_eq!(
        m.sdp_fragment_with_diagnostics(&strict, &mut Vec::new())
            .unwrap(),
        None
    );
}

/// Fuzz crash (`sdp_fragment`): read without diagnostics, a fragment whose first line is
/// an attribute took CRLF for its line ending when its lines end with LF (the run of
/// plain attribute lines skipped the first line's ending). Each reading gives LF.
#[test]
fn a_fragment_of_lf_lines_read_without_diagnostics_keeps_lf() {
    let text = "a=group:BUNDLE 0 1\na=ice-ufrag:EsAw\nm=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\n";
    let tolerant = Parser::new().quirks(Quirks::ALL);
    let mut notes = Vec::new();
    for f in [
        tolerant.parse_fragment(text).unwrap(),
        tolerant
            .parse_fragment_with_diagnostics(text, &mut notes)
            .unwrap(),
        sdp::parse_fragment(text).unwrap(),
    ] {
        assert_eq!(f.line_ending, LineEnding::Lf);
        assert_eq!(f.to_string(), text);
    }
}

/// Fuzz crashes (`sdp_fragment`): a text of only blank and stray lines (`\raPCMU/8000Ua`,
/// read with CR line ends) read, with every quirk, as an empty fragment and as an empty
/// session (its origin and session name missing). Neither holds anything: no fragment
/// (empty input) and no session description (no `v=` line), at the end of the text.
#[test]
fn a_text_of_only_skipped_lines_is_no_fragment_and_no_session() {
    let tolerant = Parser::new().quirks(Quirks::ALL);
    // The last, a media line cut short (`\n\tm=audio 35`, read with the cut-last-line
    // quirk), was read as an empty fragment that wrote back to nothing.
    for text in [
        "\raPCMU/8000Ua",
        "\r\n\r\n",
        " \n\t\n",
        "\r\n\u{feff}",
        "\n\tm=audio 35",
    ] {
        let e = tolerant.parse_fragment(text).unwrap_err();
        assert_eq!(e.parse_kind(), Some(&ParseErrorKind::Empty), "{text:?}");
        assert_eq!(e.offset(), Some(text.len()), "{text:?}");
        let e = tolerant.parse(text).unwrap_err();
        assert!(
            matches!(
                e.parse_kind(),
                Some(
                    ParseErrorKind::Missing('v')
                        | ParseErrorKind::NotTypeValue
                        | ParseErrorKind::Malformed { .. }
                )
            ),
            "{text:?}: {e}"
        );
    }
}

/// Bytes that are not UTF-8 are refused at the line and offset of the first such byte,
/// as a session's are.
#[test]
fn a_fragment_that_is_not_utf8_is_refused_where_it_breaks() {
    let bytes = b"a=ice-ufrag:8hhY\r\na=ice-pwd:asd\xe4\r\n";
    let e = Parser::new()
        .parse_fragment_bytes_with_diagnostics(bytes, &mut Vec::new())
        .unwrap_err();
    assert_eq!(
        (e.line(), e.offset(), e.parse_kind()),
        (Some(2), Some(31), Some(&ParseErrorKind::InvalidUtf8))
    );
    let ok = Parser::new()
        .parse_fragment_bytes_with_diagnostics(INFO_BODY.as_bytes(), &mut Vec::new())
        .unwrap();
    assert_eq!(ok, sdp::parse_fragment(INFO_BODY).unwrap());
}
