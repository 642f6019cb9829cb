//! The tolerant SDP reading: each named quirk of deployed equipment is refused by the
//! strict reading, read by the tolerant one, and reported with its line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::sdp::{
    self, Attribute, Diagnostic, Direction, ParseErrorKind, Parser, Quirk, Quirks,
};

/// Reads `text` with only `quirk`; returns the SDP and the (line, quirk) pairs noted.
fn tolerant(text: &str, quirk: Quirk) -> (sdp::Sdp<'_>, Vec<(usize, Quirk)>) {
    assert!(
        Parser::new().parse(text).is_err() || matches!(quirk, Quirk::MalformedAttribute),
        "the strict reading refuses {quirk}"
    );
    let mut notes: Vec<Diagnostic> = Vec::new();
    let parser = Parser::new().quirks(Quirks::NONE.with(quirk));
    let sdp = parser
        .parse_with_diagnostics(text, &mut notes)
        .unwrap_or_else(|e| panic!("{quirk}: {e}"));
    (sdp, notes.iter().map(|d| (d.line, d.quirk)).collect())
}

#[test]
fn blank_lines_before_between_and_after_are_skipped() {
    // Cisco IP phones start the body with an empty line.
    let text =
        "\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n\r\n";
    let (sdp, notes) = tolerant(text, Quirk::BlankLines);
    assert_eq!(sdp.media[0].port, 4000);
    assert_eq!(
        notes,
        [
            (1, Quirk::BlankLines),
            (5, Quirk::BlankLines),
            (8, Quirk::BlankLines)
        ]
    );
}

#[test]
fn a_byte_order_mark_of_a_saved_file_is_skipped_and_not_written_back() {
    let text =
        "\u{feff}v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    assert_eq!(strict_error(text), (1, 0, ParseErrorKind::ByteOrderMark));
    let (sdp, notes) = tolerant(text, Quirk::ByteOrderMark);
    assert_eq!(
        (sdp.origin.address.as_ref(), sdp.media[0].port),
        ("192.0.2.1", 4000)
    );
    assert_eq!(notes, [(1, Quirk::ByteOrderMark)]);
    assert_eq!(sdp.to_string(), text['\u{feff}'.len_utf8()..]);
}

#[test]
fn whitespace_after_an_attribute_colon_is_skipped() {
    // Windows RTC: `a=rtpmap: 3 GSM/8000`.
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 3\r\na=rtpmap: 3 GSM/8000\r\n";
    let (sdp, notes) = tolerant(text, Quirk::SpaceAfterAttributeColon);
    let rtpmap = sdp.media[0].rtpmap(3).unwrap();
    assert_eq!((rtpmap.encoding.as_ref(), rtpmap.clock_rate), ("GSM", 8000));
    assert_eq!(notes, [(6, Quirk::SpaceAfterAttributeColon)]);
}

#[test]
fn a_connection_line_after_attributes_is_read_where_it_stands() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\nc=IN IP4 198.51.100.9\r\n";
    let (sdp, notes) = tolerant(text, Quirk::LinesOutOfOrder);
    assert_eq!(
        sdp.media[0].connection(&sdp).unwrap().address,
        "198.51.100.9"
    );
    assert_eq!(notes, [(7, Quirk::LinesOutOfOrder)]);
    // At session level too: c= after a=, before m=.
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=recvonly\r\nc=IN IP4 198.51.100.9\r\nm=audio 4000 RTP/AVP 0\r\n";
    let (sdp, notes) = tolerant(text, Quirk::LinesOutOfOrder);
    assert_eq!(sdp.connection.as_ref().unwrap().address, "198.51.100.9");
    assert_eq!(sdp.media[0].direction(&sdp), Direction::RecvOnly);
    assert_eq!(notes, [(6, Quirk::LinesOutOfOrder)]);
}

/// A media line that is itself out of order (here before `s=`) still starts its section's
/// own order: its attributes are in order there, and only the lines that are out of
/// order within the section (`c=` after `a=`, the late `s=`) are reported.
#[test]
fn a_media_line_out_of_order_still_starts_the_order_of_its_section() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\na=ptime:20\r\nc=IN IP4 198.51.100.9\r\ns=-\r\n";
    let mut notes = Vec::new();
    let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::LinesOutOfOrder));
    let sdp = parser.parse_with_diagnostics(text, &mut notes).unwrap();
    assert_eq!(sdp.session_name, "-");
    assert_eq!(sdp.media[0].ptime(), Some(20));
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.reason.as_str())).collect();
    assert_eq!(
        seen,
        [
            (3, "missing `s=` line"),
            (6, "`c=` line out of order"),
            (7, "`s=` line out of order")
        ]
    );
}

/// The session of the tests below up to its media line: `v=0\r\n` (bytes 0-4),
/// `o=...\r\n` (5-30), `s=-\r\n` (31-35), `t=0 0\r\n` (36-42), `m=audio ...\r\n`
/// (43-66): line 6 starts at byte 67.
const HEAD: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

/// The strict reading's error as (line, offset, kind).
fn strict_error(text: &str) -> (usize, usize, ParseErrorKind) {
    let e = Parser::new().parse(text).unwrap_err();
    (
        e.line().unwrap(),
        e.offset().unwrap(),
        e.parse_kind().unwrap().clone(),
    )
}

#[test]
fn trailing_whitespace_is_trimmed_so_a_direction_is_read() {
    assert_eq!(HEAD.len(), 67);
    for line in ["a=sendonly \r\n", "a=sendonly\t\r\n", "a=sendonly \t \r\n"] {
        let text = format!("{HEAD}{line}");
        // Strictly, `sendonly ` is no attribute name: the whitespace is the reason.
        assert_eq!(
            strict_error(&text),
            (6, 67, ParseErrorKind::TrailingWhitespace),
            "{line:?}"
        );
        let mut notes = Vec::new();
        let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::TrailingWhitespace));
        let sdp = parser.parse_with_diagnostics(&text, &mut notes).unwrap();
        assert_eq!(sdp.media[0].direction(&sdp), Direction::SendOnly);
        assert_eq!(sdp.media[0].attributes, [Attribute::flag("sendonly")]);
        assert_eq!(notes.len(), 1);
        assert_eq!(
            (notes[0].line, notes[0].offset, notes[0].quirk.name()),
            (6, 67, "trailing_whitespace")
        );
        assert_eq!(notes[0].reason, "whitespace at the end of the line");
    }
    // `a=sendrecv<TAB>` likewise reads as sendrecv, noted.
    let text = format!("{HEAD}a=recvonly\r\na=sendrecv\t\r\n");
    assert_eq!(
        strict_error(&text),
        (7, 79, ParseErrorKind::TrailingWhitespace)
    );
    let (sdp, notes) = tolerant(&text, Quirk::TrailingWhitespace);
    assert_eq!(sdp.media[0].attributes[1], Attribute::flag("sendrecv"));
    assert_eq!(notes, [(7, Quirk::TrailingWhitespace)]);
}

#[test]
fn an_attribute_name_that_is_not_a_token_is_refused_or_kept_as_malformed() {
    for (line, name) in [
        ("a=send only\r\n", "send only"),
        ("a= sendonly\r\n", " sendonly"),
        ("a=send\tonly:x\r\n", "send\tonly"),
        ("a=rtp\"map:0 PCMU/8000\r\n", "rtp\"map"),
    ] {
        let text = format!("{HEAD}{line}");
        assert_eq!(
            strict_error(&text),
            (6, 67, ParseErrorKind::AttributeNameNotToken),
            "{line:?}"
        );
        assert_eq!(
            Parser::new().parse(&text).unwrap_err().to_string(),
            "SDP line 6 (byte 67): attribute name is not a token"
        );
        // Tolerantly it is kept as written, never silently: no direction is read from it.
        let (sdp, notes) = tolerant(&text, Quirk::MalformedAttribute);
        assert_eq!(sdp.media[0].attributes[0].name, name);
        assert_eq!(sdp.media[0].direction(&sdp), Direction::SendRecv);
        assert_eq!(notes, [(6, Quirk::MalformedAttribute)], "{line:?}");
        let mut all = Vec::new();
        Parser::new()
            .quirks(Quirks::ALL)
            .parse_with_diagnostics(&text, &mut all)
            .unwrap();
        assert_eq!(all[0].reason, "attribute name is not a token");
        assert_eq!(all[0].offset, 67);
        // And it writes back as it came.
        assert_eq!(sdp.to_string(), text);
    }
    // Trailing whitespace is trimmed first; what is left of `a=send only ` is still no
    // token: both quirks are noted.
    let text = format!("{HEAD}a=send only \r\n");
    let mut notes = Vec::new();
    let sdp = Parser::new()
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(&text, &mut notes)
        .unwrap();
    assert_eq!(sdp.media[0].attributes[0], Attribute::flag("send only"));
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.quirk.name())).collect();
    assert_eq!(
        seen,
        [(6, "trailing_whitespace"), (6, "malformed_attribute")]
    );
    // Only the malformed-attribute quirk keeps it.
    let only_trailing = Parser::new().quirks(Quirks::NONE.with(Quirk::TrailingWhitespace));
    let e = only_trailing.parse(&text).unwrap_err();
    assert_eq!(e.parse_kind(), Some(&ParseErrorKind::AttributeNameNotToken));
}

#[test]
fn a_clock_rate_with_a_fraction_that_is_not_zero_is_kept_as_malformed() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000.5\r\n";
    assert!(Parser::new().parse(text).is_err());
    let (sdp, notes) = tolerant(text, Quirk::MalformedAttribute);
    assert_eq!(
        sdp.media[0].attributes[0],
        Attribute::new("rtpmap", "0 PCMU/8000.5")
    );
    // The typed view says what is wrong with it; the codec list falls back to PCMU's
    // static definition.
    assert!(sdp.media[0].attributes[0].typed().is_err());
    assert_eq!(sdp.media[0].rtpmap(0), None);
    let pcmu = sdp.media[0].codecs().next().unwrap();
    assert_eq!((pcmu.name.as_ref(), pcmu.clock_rate), ("PCMU", 8000));
    assert_eq!(notes, [(6, Quirk::MalformedAttribute)]);
    // Written back as it was.
    assert!(sdp.to_string().contains("a=rtpmap:0 PCMU/8000.5\r\n"));
}

/// `m=audio 4000 RTP/AVP 0 96\r\n` is 27 bytes: line 6 starts at byte 70.
const AMR_HEAD: &str =
    "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 96\r\n";

#[test]
fn a_clock_rate_with_a_fraction_of_zeros_reads_as_its_integer_rate() {
    assert_eq!(AMR_HEAD.len(), 70);
    for (rtpmap, rate) in [
        ("a=rtpmap:96 AMR/8000.0\r\n", 8000),
        ("a=rtpmap:96 AMR/48000.00\r\n", 48000),
        ("a=rtpmap:96 AMR/8000.000/1\r\n", 8000),
    ] {
        let text = format!("{AMR_HEAD}{rtpmap}");
        let e = Parser::new().parse(&text).unwrap_err();
        assert_eq!((e.line(), e.offset()), (Some(6), Some(70)), "{rtpmap:?}");
        assert_eq!(
            e.parse_kind(),
            Some(&ParseErrorKind::Attribute {
                name: "rtpmap",
                reason: "clock rate is not an integer"
            })
        );
        let (sdp, notes) = tolerant(&text, Quirk::DecimalClockRate);
        assert_eq!(notes, [(6, Quirk::DecimalClockRate)]);
        let codecs: Vec<_> = sdp.media[0]
            .codecs()
            .map(|c| (c.payload_type, c.name.to_string(), c.clock_rate))
            .collect();
        assert_eq!(
            codecs,
            [(0, "PCMU".to_owned(), 8000), (96, "AMR".to_owned(), rate)]
        );
        // Kept verbatim for writing back.
        assert_eq!(sdp.to_string(), text);
    }
    // Under every quirk, the diagnostic names this quirk, at the line's start.
    let text = format!("{AMR_HEAD}a=rtpmap:96 AMR/8000.0\r\n");
    let mut notes = Vec::new();
    Parser::new()
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(&text, &mut notes)
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].line, notes[0].offset, notes[0].quirk.name()),
        (6, 70, "decimal_clock_rate")
    );
    // With whitespace after the colon too, both quirks are noted.
    let text = format!("{AMR_HEAD}a=rtpmap: 96 AMR/8000.0\r\n");
    let mut notes = Vec::new();
    let sdp = Parser::new()
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(&text, &mut notes)
        .unwrap();
    let seen: Vec<_> = notes.iter().map(|d| d.quirk).collect();
    assert_eq!(
        seen,
        [Quirk::SpaceAfterAttributeColon, Quirk::DecimalClockRate]
    );
    assert_eq!(sdp.media[0].rtpmap(96).unwrap().clock_rate, 8000);
    // Without the quirk, only the malformed-attribute one keeps the line.
    let text = format!("{AMR_HEAD}a=rtpmap:96 AMR/8000.0\r\n");
    let (_, notes) = tolerant(&text, Quirk::MalformedAttribute);
    assert_eq!(notes, [(6, Quirk::MalformedAttribute)]);
    assert!(
        Parser::new()
            .quirks(Quirks::NONE.with(Quirk::BlankLines))
            .parse(&text)
            .is_err()
    );
}

#[test]
fn a_clock_rate_that_is_not_a_decimal_integer_lists_no_codec() {
    // `48000.5` and `8000.` name no integer rate; `8000.0x` and `.0` no number at all.
    for rate in ["48000.5", "8000.", "8000.0x", ".0", "8000.0.0", "0.0"] {
        let text = format!("{AMR_HEAD}a=rtpmap:96 AMR/{rate}\r\n");
        assert!(Parser::new().parse(&text).is_err(), "{rate}");
        let mut notes = Vec::new();
        let sdp = Parser::new()
            .quirks(Quirks::ALL)
            .parse_with_diagnostics(&text, &mut notes)
            .unwrap();
        let seen: Vec<_> = notes.iter().map(|d| (d.line, d.quirk)).collect();
        assert_eq!(seen, [(6, Quirk::MalformedAttribute)], "{rate}");
        assert_eq!(sdp.media[0].rtpmap(96), None, "{rate}");
        let pts: Vec<_> = sdp.media[0].codecs().map(|c| c.payload_type).collect();
        assert_eq!(pts, [0], "{rate}");
    }
}

#[test]
fn an_empty_body_declared_as_sdp_reads_as_no_sdp() {
    let strict = sdp::from_sip_body(&Parser::new(), "application/sdp", b"");
    assert!(strict.is_err());
    let mut notes = Vec::new();
    let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::EmptyBody));
    let read =
        sdp::from_sip_body_with_diagnostics(&parser, "application/sdp", b"", &mut notes).unwrap();
    assert!(read.is_none());
    assert_eq!(notes[0].quirk, Quirk::EmptyBody);
    assert_eq!(notes[0].reason, "empty SDP body");
}

#[test]
fn a_body_of_only_blank_lines_or_whitespace_reads_as_no_sdp() {
    let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::EmptyBody));
    for body in [&b"\r\n"[..], b"  \r\n", b"\n\n", b" \t \r\n\r\n\t", b" "] {
        // Strictly, it is an error on its first line.
        let e = sdp::from_sip_body(&Parser::new(), "application/sdp", body).unwrap_err();
        assert_eq!((e.line(), e.offset()), (Some(1), Some(0)), "{body:?}");
        let mut notes = Vec::new();
        let read =
            sdp::from_sip_body_with_diagnostics(&parser, "application/sdp", body, &mut notes)
                .unwrap();
        assert!(read.is_none(), "{body:?}");
        assert_eq!(notes.len(), 1, "{body:?}");
        assert_eq!(
            (notes[0].line, notes[0].offset, notes[0].quirk.name()),
            (0, 0, "empty_body")
        );
        assert_eq!(
            notes[0].reason,
            "SDP body of only blank lines and whitespace"
        );
        // The same reading, on the bare body.
        let mut bare = Vec::new();
        assert!(
            parser
                .parse_body_with_diagnostics(body, &mut bare)
                .unwrap()
                .is_none()
        );
        assert_eq!(bare, notes);
    }
    // As a part of a multipart body, the diagnostic's offset is the part's start (byte
    // 39: `--b1\r\n` is 6 bytes, `Content-Type: application/sdp\r\n` 31, the empty line 2).
    let body = b"--b1\r\nContent-Type: application/sdp\r\n\r\n\r\n\r\n--b1--\r\n";
    let mut notes = Vec::new();
    let read = sdp::from_sip_body_with_diagnostics(
        &parser,
        "multipart/mixed;boundary=b1",
        body,
        &mut notes,
    )
    .unwrap();
    assert!(read.is_none());
    assert_eq!((notes[0].offset, notes[0].quirk), (39, Quirk::EmptyBody));
    // A body with something else in it is no empty body: it reads (and fails) as SDP.
    let mut notes = Vec::new();
    assert!(
        parser
            .parse_body_with_diagnostics(b"\r\nx\r\n", &mut notes)
            .is_err()
    );
    assert!(notes.is_empty());
}

#[test]
fn all_quirks_together_read_a_body_with_several() {
    let text = "\nv=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 3\na=rtpmap: 3 GSM/8000 \nc=IN IP4 198.51.100.9\n";
    let mut notes = Vec::new();
    let sdp = Parser::new()
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(text, &mut notes)
        .unwrap();
    assert_eq!(sdp.media[0].rtpmap(3).unwrap().clock_rate, 8000);
    let quirks: Vec<_> = notes.iter().map(|d| d.quirk).collect();
    assert_eq!(
        quirks,
        [
            Quirk::BlankLines,
            Quirk::TrailingWhitespace,
            Quirk::SpaceAfterAttributeColon,
            Quirk::LinesOutOfOrder
        ]
    );
    // Offsets are line starts: the rtpmap line starts after "\nv=0\no=...\ns=-\nt=0 0\nm=...\n".
    assert_eq!(notes[1].offset, text.find("a=rtpmap").unwrap());
}

/// The body of a message written with CR alone at each line end: every line reads, the
/// quirk is reported once (at line 1), and the SDP writes back with CR. Strictly, the
/// first CR is a stray control character at its byte.
#[test]
fn lines_ended_by_cr_alone_read_and_write_back_with_cr() {
    let text = "v=0\ro=- 1 1 IN IP4 192.0.2.1\rs=-\rt=0 0\rm=audio 4000 RTP/AVP 0\ra=sendonly\r";
    assert_eq!(strict_error(text), (1, 3, ParseErrorKind::ControlCharacter));
    let (sdp, notes) = tolerant(text, Quirk::CrLineEnds);
    assert_eq!(notes, [(1, Quirk::CrLineEnds)]);
    assert_eq!(sdp.origin.address, "192.0.2.1");
    assert_eq!(sdp.media[0].port, 4000);
    assert_eq!(sdp.media[0].attributes[0].name, "sendonly");
    assert_eq!(sdp.line_ending, sdp::LineEnding::Cr);
    assert!(sdp.final_line_ending);
    assert_eq!(sdp.to_string(), text);
    // CR CR LF: a line, then an empty line ended by CRLF (a blank line, its own quirk).
    let doubled = "v=0\r\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";
    let mut notes = Vec::new();
    let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::CrLineEnds).with(Quirk::BlankLines));
    let sdp = parser.parse_with_diagnostics(doubled, &mut notes).unwrap();
    assert_eq!(sdp.session_name, "-");
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.offset, d.quirk)).collect();
    assert_eq!(seen, [(1, 0, Quirk::CrLineEnds), (2, 4, Quirk::BlankLines)]);
    // In a body whose lines end with CRLF, a lone CR inside a line is a stray byte even
    // with the quirk (at the body's last byte it ends the last line: see
    // `a_body_cut_before_its_last_lf_reads_with_the_cr_quirk`).
    let cr_only = Parser::new().quirks(Quirks::NONE.with(Quirk::CrLineEnds));
    let stray = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\rx\r\nt=0 0\r\n";
    assert_eq!(
        strict_error(stray),
        (3, 34, ParseErrorKind::ControlCharacter)
    );
    let e = cr_only.parse(stray).unwrap_err();
    assert_eq!((e.line(), e.offset()), (Some(3), Some(34)));
}

#[test]
fn quirk_names_are_stable_snake_case() {
    let names: Vec<_> = Quirk::ALL.iter().map(|q| q.name()).collect();
    assert_eq!(
        names,
        [
            "blank_lines",
            "trailing_whitespace",
            "space_after_attribute_colon",
            "lines_out_of_order",
            "malformed_attribute",
            "empty_body",
            "decimal_clock_rate",
            "cr_line_ends",
            "non_utf8_text",
            "address_type_mismatch",
            "leading_whitespace",
            "stray_line",
            "malformed_origin",
            "malformed_connection",
            "missing_session_name",
            "cut_last_line",
            "unclosed_multipart",
            "lf_multipart",
            "byte_order_mark",
            "missing_formats",
            "concatenated_descriptions",
            "missing_clock_rate",
            "missing_origin",
            "short_connection",
            "malformed_time",
            "empty_repeat",
            "gb28181_lines",
            "missing_mid"
        ]
    );
    for q in Quirk::ALL {
        assert!(Quirks::ALL.contains(q) && !Quirks::NONE.contains(q));
    }
}

/// Fuzz crash (`sdp`): `a=rtcp-mux-only: WMS ...` is malformed with or without the space,
/// so only the malformed-attribute quirk is reported, the value is kept as written, and
/// writing it back reads again to the same session.
#[test]
fn whitespace_after_a_colon_is_only_a_quirk_when_the_value_then_reads() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=rtcp-mux-only: WMS x\r\na=foo: bar\r\n";
    let mut notes = Vec::new();
    let parser = Parser::new().quirks(Quirks::ALL);
    let sdp = parser.parse_with_diagnostics(text, &mut notes).unwrap();
    let quirks: Vec<_> = notes.iter().map(|d| (d.line, d.quirk)).collect();
    assert_eq!(quirks, [(5, Quirk::MalformedAttribute)]);
    // An unknown attribute keeps its value, leading space included.
    assert_eq!(sdp.attributes[1], Attribute::new("foo", " bar"));
    let written = sdp.to_string();
    let mut again_notes = Vec::new();
    let again = parser
        .parse_with_diagnostics(&written, &mut again_notes)
        .unwrap();
    assert_eq!(again, sdp);
    assert!(
        again_notes
            .iter()
            .all(|n| n.quirk == Quirk::MalformedAttribute)
    );
}

/// An ISO 8859-1 session and user name (`Gespräch`, `Müller`: one byte each for `ä`, `ü`,
/// not UTF-8) from an older phone: strictly the body is refused at the first such byte;
/// read with the quirk each such byte is `?`, the media are there, the offsets of later
/// diagnostics are those of the input, and the report is in line order.
#[test]
fn bytes_that_are_not_utf8_read_as_question_marks_and_keep_offsets() {
    let body: &[u8] = b"\r\nv=0\r\no=M\xfcller 1 1 IN IP4 192.0.2.1\r\ns=Gespr\xe4ch\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 8\r\na=sendonly \r\n";
    let e = Parser::new().parse_bytes(body).unwrap_err();
    assert_eq!((e.line(), e.offset()), (Some(3), Some(10)));
    assert_eq!(e.parse_kind(), Some(&ParseErrorKind::InvalidUtf8));
    assert!(
        Parser::new()
            .quirks(Quirks::ALL.without(Quirk::NonUtf8Text))
            .parse_bytes(body)
            .is_err()
    );

    let mut notes = Vec::new();
    let sdp = Parser::new()
        .quirks(Quirks::ALL)
        .parse_bytes_with_diagnostics(body, &mut notes)
        .unwrap();
    assert_eq!(sdp.origin.username, "M?ller");
    assert_eq!(sdp.session_name, "Gespr?ch");
    assert_eq!(sdp.media[0].port, 49170);
    assert_eq!(sdp.media[0].direction(&sdp), Direction::SendOnly);
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.offset, d.quirk)).collect();
    // Line 8 starts at byte 102 of the input (`a=sendonly ` with its trailing space).
    assert_eq!(&body[102..112], b"a=sendonly");
    assert_eq!(
        seen,
        [
            (1, 0, Quirk::BlankLines),
            (3, 7, Quirk::NonUtf8Text),
            (8, 102, Quirk::TrailingWhitespace)
        ]
    );
    assert!(notes[1].reason.contains("byte 10"), "{}", notes[1].reason);
    // Written back, the text has `?` there and reads again to the same session strictly.
    let text = sdp.to_string();
    assert!(text.contains("s=Gespr?ch\r\n"));
    assert_eq!(Parser::new().parse(&text).unwrap(), sdp);
    // Only the quirk alone is needed for a body with nothing else wrong.
    let plain = &body[2..body.len() - 13];
    let alone = Parser::new().quirks(Quirks::NONE.with(Quirk::NonUtf8Text));
    assert_eq!(alone.parse_bytes(plain).unwrap().session_name, "Gespr?ch");
}

/// An attribute value is a byte string (RFC 8866 `att-value`): spaces at its end are part
/// of it when the line reads with them (Chrome's `a=msid-semantic: WMS `), so the
/// tolerant reading keeps them and reports nothing, as the strict one reads it. Where
/// the line does not read with them, they are still the trailing-whitespace quirk.
#[test]
fn trailing_whitespace_of_a_value_that_reads_with_it_is_kept() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=msid-semantic: WMS \r\nm=audio 9 RTP/AVP 0\r\na=fmtp:101 0-15 \r\n";
    let strict = Parser::new().parse(text).unwrap();
    let mut notes = Vec::new();
    let read = Parser::new()
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(text, &mut notes)
        .unwrap();
    assert_eq!(notes, []);
    assert_eq!(read, strict);
    assert_eq!(read.attributes[0].value.as_deref(), Some(" WMS "));
    assert_eq!(
        read.media[0].attributes[0].value.as_deref(),
        Some("101 0-15 ")
    );
    // `a=rtpmap:0 PCMU/8000 ` does not read with its space (no clock rate `8000 `).
    let text = format!("{HEAD}a=rtpmap:0 PCMU/8000 \r\n");
    assert_eq!(
        strict_error(&text),
        (6, 67, ParseErrorKind::TrailingWhitespace)
    );
    let (sdp, notes) = tolerant(&text, Quirk::TrailingWhitespace);
    assert_eq!(sdp.media[0].rtpmap(0).unwrap().clock_rate, 8000);
    assert_eq!(notes, [(6, Quirk::TrailingWhitespace)]);
}

/// iTunes and AirPlay senders write a link-local IPv6 address after `IN IP4`; the
/// strict reading refuses it at its line, the quirk keeps it as written and reports
/// what the strict reading says. An address of neither family stays an error.
#[test]
fn an_address_of_the_other_address_type_is_kept_as_written() {
    let itunes = "v=0\r\no=iTunes 3413821438 0 IN IP4 fe80::217:f2ff:fe0f:e0f6\r\ns=iTunes\r\nc=IN IP4 fe80::5a55:caff:fe1a:e187\r\nt=0 0\r\nm=audio 0 RTP/AVP 96\r\n";
    let (line, at, kind) = strict_error(itunes);
    assert_eq!((line, at), (2, 5));
    assert_eq!(
        kind.to_string(),
        "malformed `o=` line: not an IPv4 address or host name"
    );
    let mut notes = Vec::new();
    let sdp = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::AddressTypeMismatch))
        .parse_with_diagnostics(itunes, &mut notes)
        .unwrap();
    let c = sdp.connection.as_ref().unwrap();
    assert_eq!(
        (&*c.address_type, &*c.address),
        ("IP4", "fe80::5a55:caff:fe1a:e187")
    );
    let found: Vec<_> = notes
        .iter()
        .map(|n| (n.line, n.offset, n.quirk.name(), n.reason.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                2,
                5,
                "address_type_mismatch",
                "malformed `o=` line: not an IPv4 address or host name"
            ),
            (
                4,
                70,
                "address_type_mismatch",
                "malformed `c=` line: not an IPv4 address or host name"
            )
        ]
    );
    assert_eq!(notes[0].reason, kind.to_string());
    assert!(
        Parser::new()
            .quirks(Quirks::ALL.without(Quirk::AddressTypeMismatch))
            .parse(itunes)
            .is_err()
    );
    // A dotted quad after `IP6`, in a media section: the same.
    let text = format!("{HEAD}c=IN IP6 192.0.2.7\r\n");
    let (sdp, notes) = tolerant(&text, Quirk::AddressTypeMismatch);
    assert_eq!(sdp.media[0].connections[0].address, "192.0.2.7");
    assert_eq!(notes, [(6, Quirk::AddressTypeMismatch)]);
    // Neither an IPv4 nor an IPv6 address nor a host name: refused with every quirk
    // but the malformed-connection one (see below).
    for bad in ["c=IN IP4 999.1.1.1\r\n", "c=IN IP6 fe80::1::2\r\n"] {
        let text = format!("{HEAD}{bad}");
        let e = Parser::new()
            .quirks(Quirks::ALL.without(Quirk::MalformedConnection))
            .parse(&text)
            .unwrap_err();
        assert_eq!(e.line(), Some(6), "{bad:?}");
    }
}

/// A softphone in Kamailio's captures (`test/misc/sip/sg.sip`) marks hold in `c=`:
/// `c=IN IP4 137.132.31.151 UNHOLD UNHOLD`; a Cisco gateway in sipsorcery's tests writes
/// `c=IN IP4 00.000.00.0` (leading zeros: no RFC 8866 IPv4 address, and no host name).
/// Strictly refused at the line; with the quirk the address is kept as written and the
/// fields after it are left out (so the line is written back as `c=IN IP4 <address>`).
#[test]
fn a_connection_that_breaks_its_grammar_is_kept_as_written() {
    let softphone = "v=0\r\no=User 1589702922991241424 1420814338471844940 IN IP4 137.132.31.151\r\ns=\r\nc=IN IP4 137.132.31.151 UNHOLD UNHOLD\r\nm=audio 58074 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    let (line, at, kind) = strict_error(softphone);
    assert_eq!((line, at), (4, 79));
    assert_eq!(
        kind.to_string(),
        "malformed `c=` line: expected <nettype> <addrtype> <address>"
    );
    let (sdp, notes) = tolerant(softphone, Quirk::MalformedConnection);
    let c = sdp.connection.as_ref().unwrap();
    assert_eq!((&*c.address_type, &*c.address), ("IP4", "137.132.31.151"));
    assert_eq!(notes, [(4, Quirk::MalformedConnection)]);
    assert_eq!(
        sdp.to_string().lines().nth(3),
        Some("c=IN IP4 137.132.31.151")
    );
    assert_eq!(sdp.media[0].rtpmap(0).unwrap().encoding, "PCMU");

    // The address kept as written, at session and media level; the `o=` line's own
    // quirk is the malformed-origin one.
    let cisco = "v=0\r\no=CiscoSystemsSIP-GW-UserAgent 9312 7567 IN IP4 00.00.00.0\r\ns=SIP Call\r\nc=IN IP4 00.000.00.0\r\nt=0 0\r\nm=audio 16434 RTP/AVP 8\r\nc=IN IP4 00.000.00.0\r\n";
    let mut all = Vec::new();
    let sdp = Parser::new()
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(cisco, &mut all)
        .unwrap();
    let seen: Vec<_> = all
        .iter()
        .map(|d| (d.line, d.quirk, d.reason.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                2,
                Quirk::MalformedOrigin,
                "malformed `o=` line: not an IPv4 address"
            ),
            (
                4,
                Quirk::MalformedConnection,
                "malformed `c=` line: not an IPv4 address"
            ),
            (
                7,
                Quirk::MalformedConnection,
                "malformed `c=` line: not an IPv4 address"
            ),
        ]
    );
    assert_eq!(sdp.connection.unwrap().address, "00.000.00.0");
    assert_eq!(sdp.media[0].connections[0].address, "00.000.00.0");
    assert_eq!(strict_error(cisco).0, 2);

    // Both at once are two notes on the line (a line short of three fields is the
    // short-connection quirk's).
    let (_, notes) = tolerant(
        &format!("{HEAD}c=IN IP4 999.1.1.1 HOLD\r\n"),
        Quirk::MalformedConnection,
    );
    assert_eq!(
        notes,
        [
            (6, Quirk::MalformedConnection),
            (6, Quirk::MalformedConnection)
        ]
    );
    // Fuzz crash (`sdp`): the fields left out followed tabs after the address, which
    // then ended the line written back and were trimmed when it was read again. The
    // address ends at a tab: the line writes back to what it read.
    let tabbed = format!("{HEAD}c=X Y host.example\t\t HOLD\r\n");
    let (sdp, notes) = tolerant(&tabbed, Quirk::MalformedConnection);
    assert_eq!(sdp.media[0].connections[0].address, "host.example");
    assert_eq!(notes, [(6, Quirk::MalformedConnection)]);
    assert_eq!(Parser::new().parse(&sdp.to_string()).unwrap(), sdp);
    for bad in [
        "c=IN  IP4 192.0.2.1 x\r\n",
        "c=IN IP4 192.0.2.1/300 x\r\n",
        "c=IN IP4 \t1.2.3.4 x\r\n",
    ] {
        let e = Parser::new()
            .quirks(Quirks::ALL)
            .parse(&format!("{HEAD}{bad}"))
            .unwrap_err();
        assert_eq!(e.line(), Some(6), "{bad:?}");
    }
}

/// RFC 4475's torture messages (3.1.2.2 and others, copied into the test folders of JAIN
/// SIP and sofia-sip) carry `v=0`, `o=mhandley ...`, `c=...`, `m=...` and no `s=`.
/// Strictly refused where `s=` was due (line 3); with the quirk the session name is
/// empty, reported there, and written back as an empty `s=`, which reads strictly.
#[test]
fn a_missing_session_name_reads_as_empty() {
    let mhandley = "v=0\r\no=mhandley 29739 7272939 IN IP4 126.5.4.3\r\nc=IN IP4 135.180.130.88\r\nm=video 3227 RTP/AVP 31\r\nm=audio 4921 RTP/AVP 12\r\n";
    assert_eq!(
        strict_error(mhandley),
        (3, 48, ParseErrorKind::Missing('s'))
    );
    let mut all = Vec::new();
    let sdp = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::MissingSessionName))
        .parse_with_diagnostics(mhandley, &mut all)
        .unwrap();
    let seen: Vec<_> = all
        .iter()
        .map(|d| (d.line, d.offset, d.quirk, d.reason.as_str()))
        .collect();
    assert_eq!(
        seen,
        [(3, 48, Quirk::MissingSessionName, "missing `s=` line")]
    );
    assert_eq!(sdp.session_name, "");
    assert_eq!((sdp.media.len(), sdp.media[1].port), (2, 4921));
    let written = sdp.to_string();
    assert_eq!(written.lines().nth(2), Some("s="));
    assert_eq!(Parser::new().parse(&written).unwrap(), sdp);

    // A description that ends after its origin: reported after the last line.
    let short = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n";
    let mut notes = Vec::new();
    Parser::new()
        .quirks(Quirks::NONE.with(Quirk::MissingSessionName))
        .parse_with_diagnostics(short, &mut notes)
        .unwrap();
    assert_eq!((notes[0].line, notes[0].offset), (3, short.len()));

    // An `s=` that comes late is no missing name: with the out-of-order quirk the late
    // line is read, and both the line where it was due and the late line are reported
    // as out of order, as with that quirk alone.
    let late = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nt=0 0\r\ns=late\r\n";
    for quirks in [Quirks::ALL, Quirks::NONE.with(Quirk::LinesOutOfOrder)] {
        let mut notes = Vec::new();
        let sdp = Parser::new()
            .quirks(quirks)
            .parse_with_diagnostics(late, &mut notes)
            .unwrap();
        assert_eq!(sdp.session_name, "late");
        let seen: Vec<_> = notes.iter().map(|d| (d.line, d.quirk)).collect();
        assert_eq!(
            seen,
            [(3, Quirk::LinesOutOfOrder), (4, Quirk::LinesOutOfOrder)]
        );
    }
    // Without that quirk, the late `s=` is refused at its line.
    let e = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::MissingSessionName))
        .parse(late)
        .unwrap_err();
    assert_eq!(e.line(), Some(4));
}

/// Suricata's SIP captures have a Content-Length that ends the SDP inside its `z=` line
/// (`z=2882844526 -1h 289`). Strictly the cut line is refused; with the quirk it is left
/// out, reported with what the strict reading says of it, and the lines before it read
/// as usual. Only a last line without a line end counts as cut.
#[test]
fn a_last_line_cut_short_is_left_out() {
    let head = "v=0\r\no=SIPPS 105015165 105015162 IN IP4 192.168.1.2\r\ns=SIP call\r\nc=IN IP4 192.168.1.2\r\nt=3034423619 3042462419\r\nr=604800 3600 0 90000\r\n";
    let cut = format!("{head}z=2882844526 -1h 289");
    let (line, at, kind) = strict_error(&cut);
    assert_eq!((line, at), (7, head.len()));
    assert!(matches!(kind, ParseErrorKind::Malformed { line: 'z', .. }));
    let (sdp, notes) = tolerant(&cut, Quirk::CutLastLine);
    assert_eq!(notes, [(7, Quirk::CutLastLine)]);
    assert_eq!(sdp.time_zones, None);
    assert_eq!(sdp.times[0].repeats, ["604800 3600 0 90000"]);
    // Written back with the line ends of the lines that were read.
    assert_eq!(sdp.to_string(), head);

    // A media line cut before its formats goes with its section.
    let video_cut = format!("{HEAD}m=video 4002 RTP/AVP");
    let (sdp, notes) = tolerant(&video_cut, Quirk::CutLastLine);
    assert_eq!((sdp.media.len(), notes), (1, vec![(6, Quirk::CutLastLine)]));

    // The same line with its line end, or a cut line before the last, is refused.
    for bad in [
        format!("{head}z=2882844526 -1h 289\r\n"),
        format!("{head}z=2882844526 -1h 289\r\na=sendrecv"),
    ] {
        let e = Parser::new().quirks(Quirks::ALL).parse(&bad).unwrap_err();
        assert_eq!(e.line(), Some(7), "{bad:?}");
    }
}

/// RFC 8866 5.10 and 5.11: `r=` holds an interval (not 0), an active duration and
/// offsets, each digits with an optional d, h, m or s, and follows a `t=`; `z=` holds
/// pairs of an adjustment time and a signed offset. Anything else is refused at its
/// line, with every quirk too (before, it was kept unread, and an `r=` before any `t=`
/// was dropped), but for an `r=` of typed times that repeats nothing, skipped with
/// [`Quirk::EmptyRepeat`].
#[test]
fn repeat_times_and_zone_adjustments_are_read_by_their_grammar() {
    let head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n";
    let good = format!(
        "{head}t=3034423619 3042462419\r\nr=604800 3600 0 90000\r\nr=7d 1h 0 25h\r\nz=2882844526 -1h 2898848070 0\r\n"
    );
    let sdp = Parser::new().parse(&good).unwrap();
    assert_eq!(sdp.times[0].repeats, ["604800 3600 0 90000", "7d 1h 0 25h"]);
    assert_eq!(
        sdp.time_zones.as_deref(),
        Some("2882844526 -1h 2898848070 0")
    );
    for (bad, line) in [
        ("r=604800 3600 0\r\nt=0 0\r\n", 4),
        ("t=0 0\r\nr=0 3600 0\r\n", 5),
        ("t=0 0\r\nr=7d 1h\r\n", 5),
        ("t=0 0\r\nr=0 0\r\n", 5),
        ("t=0 0\r\nr=7d -1h 0\r\n", 5),
        ("t=0 0\r\nr=7d 1w 0\r\n", 5),
        ("t=0 0\r\nr=7d  1h 0\r\n", 5),
        ("t=0 0\r\nz=2882844526 -1h 2898848070\r\n", 5),
        ("t=0 0\r\nz=288284452 -1h\r\n", 5),
        ("t=0 0\r\nz=2882844526 +1h\r\n", 5),
        ("t=0 0\r\nz=\r\n", 5),
    ] {
        let text = format!("{head}{bad}");
        let empty_repeat = ["r=0 3600 0", "r=7d 1h", "r=0 0"]
            .iter()
            .any(|r| bad.contains(&format!("{r}\r\n")));
        if empty_repeat {
            let (sdp, notes) = tolerant(&text, Quirk::EmptyRepeat);
            assert_eq!(notes, [(5, Quirk::EmptyRepeat)], "{bad:?}");
            assert_eq!(sdp.times[0].repeats, Vec::<&str>::new(), "{bad:?}");
        }
        let parsers = [Parser::new(), Parser::new().quirks(Quirks::ALL)];
        for parser in &parsers[..if empty_repeat { 1 } else { 2 }] {
            let e = parser.parse(&text).unwrap_err();
            assert_eq!(e.line(), Some(line), "{bad:?}: {e}");
            assert!(
                matches!(
                    e.parse_kind(),
                    Some(
                        ParseErrorKind::Malformed {
                            line: 'r' | 'z',
                            ..
                        } | ParseErrorKind::OutOfOrder('r')
                    )
                ),
                "{bad:?}: {e}"
            );
        }
    }
}

/// A CounterPath Bria softphone wrote some lines with a space before the type letter
/// (sipsorcery's `ParseBadFormatBriaSDPUnitTest`): refused strictly at the first, read
/// with the quirk, each such line reported.
#[test]
fn spaces_before_the_type_letter_are_skipped() {
    let bria = " v=0\r\no=- 5 2 IN IP4 10.1.1.2\r\n s=CounterPath Bria\r\nc=IN IP4 144.137.16.240\r\nt=0 0\r\n\tm=audio 34640 RTP/AVP 0 8 101\r\na=sendrecv\r\n";
    assert_eq!(strict_error(bria), (1, 0, ParseErrorKind::NotTypeValue));
    let (sdp, notes) = tolerant(bria, Quirk::LeadingWhitespace);
    assert_eq!(sdp.session_name, "CounterPath Bria");
    assert_eq!(sdp.media[0].port, 34640);
    assert_eq!(sdp.media[0].formats, ["0", "8", "101"]);
    assert_eq!(
        notes,
        [
            (1, Quirk::LeadingWhitespace),
            (3, Quirk::LeadingWhitespace),
            (6, Quirk::LeadingWhitespace)
        ]
    );
    // Written back without them, it is strictly valid.
    assert_eq!(Parser::new().parse(&sdp.to_string()).unwrap(), sdp);
}

/// Bria 4 wrote `mid:1` without its `a=` in a text section: the strict reading refuses
/// the line, the quirk skips it and reports it; a line of an unknown type is still
/// refused, and so is a first line that is not `v=0`.
#[test]
fn a_line_that_is_not_type_value_is_skipped() {
    let text = format!("{HEAD}mid:1\r\na=rtpmap:0 PCMU/8000\r\n");
    assert_eq!(strict_error(&text), (6, 67, ParseErrorKind::NotTypeValue));
    let (sdp, notes) = tolerant(&text, Quirk::StrayLine);
    assert_eq!(sdp.media[0].rtpmap(0).unwrap().encoding, "PCMU");
    assert_eq!(sdp.media[0].attributes.len(), 1);
    assert_eq!(notes, [(6, Quirk::StrayLine)]);
    // A line of only spaces and tabs is a blank line, not a stray one.
    let padded = format!("{HEAD} \t \r\na=rtpmap:0 PCMU/8000\r\n");
    assert_eq!(strict_error(&padded), (6, 67, ParseErrorKind::NotTypeValue));
    let mut all = Vec::new();
    let sdp = Parser::new()
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(&padded, &mut all)
        .unwrap();
    assert_eq!(sdp.media[0].attributes.len(), 1);
    let seen: Vec<_> = all
        .iter()
        .map(|d| (d.line, d.quirk, d.reason.as_str()))
        .collect();
    assert_eq!(
        seen,
        [(
            6,
            Quirk::BlankLines,
            "line is not of the form <type>=<value>"
        )]
    );
    for (bad, line) in [
        (format!("{HEAD}f=invalid:yes\r\n"), 6),
        ("mid:1\r\nv=0\r\n".to_owned(), 1),
    ] {
        let e = Parser::new().quirks(Quirks::ALL).parse(&bad).unwrap_err();
        assert_eq!(e.line(), Some(line), "{bad:?}");
    }
}

/// Cisco SIP phones write `o=Cisco-SIPUA (null) (null) IN IP4 ...`; RFC 8866 5.2 wants
/// digits for the session id and version, and an `IN` address of its type. Strictly
/// refused at the line, read with the quirk as written; an IPv6 address after `IP4` in
/// `o=` is the address-type quirk, as in `c=`.
#[test]
fn an_origin_that_breaks_its_grammar_is_kept_as_written() {
    let cisco = "v=0\r\no=Cisco-SIPUA (null) (null) IN IP4 192.168.1.100\r\ns=SIP Call\r\nt=0 0\r\nm=audio 16384 RTP/AVP 0\r\n";
    let (line, at, kind) = strict_error(cisco);
    assert_eq!((line, at), (2, 5));
    assert_eq!(
        kind.to_string(),
        "malformed `o=` line: session id and version must be digits"
    );
    let (sdp, notes) = tolerant(cisco, Quirk::MalformedOrigin);
    assert_eq!(
        (&*sdp.origin.session_id, &*sdp.origin.address),
        ("(null)", "192.168.1.100")
    );
    assert_eq!(notes, [(2, Quirk::MalformedOrigin)]);
    assert_eq!(
        sdp.to_string().lines().nth(1),
        Some("o=Cisco-SIPUA (null) (null) IN IP4 192.168.1.100")
    );
    for (origin, quirk) in [
        ("o=- 1 1 IN IP4 999.1.1.1", Quirk::MalformedOrigin),
        ("o=0 0 0 IN IP4 0", Quirk::MalformedOrigin),
        (
            "o=iTunes 1 0 IN IP4 fe80::217:f2ff:fe0f:e0f6",
            Quirk::AddressTypeMismatch,
        ),
    ] {
        let text = format!("v=0\r\n{origin}\r\ns=-\r\nt=0 0\r\n");
        assert_eq!(strict_error(&text).0, 2, "{origin}");
        let (_, notes) = tolerant(&text, quirk);
        assert_eq!(notes, [(2, quirk)], "{origin}");
    }
    // Other network types keep any address (RFC 8866 extn-addr).
    assert!(Parser::new().parse("v=0\r\no=- 1 1 ATM NSAP 47.0005.80.ffe100.0000.f21a.26d8.0020ea000ee0.00\r\ns=-\r\nt=0 0\r\n").is_ok());
}

/// Attribute values by their grammar: `mid` and `label` tokens, ICE credentials of ICE
/// characters and length (RFC 8839), `framerate` a positive number, an `extmap` id of
/// 1-255 or 4096-4351 (RFC 8285), `fmtp` with parameters. Strictly refused, kept as
/// written with the malformed-attribute quirk.
#[test]
fn attribute_values_follow_their_grammar() {
    for (good, bad) in [
        ("a=mid:audio0", "a=mid:"),
        ("a=label:main", "a=label:a b"),
        ("a=ice-ufrag:F7gI", "a=ice-ufrag:a b"),
        ("a=ice-ufrag:F7gI", "a=ice-ufrag:abc"),
        ("a=ice-pwd:x9cml/YzichV2+XlhiMu8g", "a=ice-pwd:short"),
        ("a=framerate:29.97", "a=framerate:abc"),
        ("a=framerate:30", "a=framerate:30.0"),
        (
            "a=extmap:14 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=extmap:0 urn:x",
        ),
        ("a=extmap:4096 urn:x", "a=extmap:256 urn:x"),
        ("a=fmtp:101 0-15", "a=fmtp:101 "),
    ] {
        let ok = format!("{HEAD}{good}\r\n");
        assert!(Parser::new().parse(&ok).is_ok(), "{good}");
        let text = format!("{HEAD}{bad}\r\n");
        let (line, _, _) = strict_error(&text);
        assert_eq!(line, 6, "{bad}");
        let (sdp, notes) = tolerant(&text, Quirk::MalformedAttribute);
        assert_eq!(notes, [(6, Quirk::MalformedAttribute)], "{bad}");
        assert_eq!(
            format!("a={}", sdp.media[0].attributes[0]),
            bad,
            "kept as written"
        );
    }
}

/// A body one byte short of its last LF (Kamailio's `invite02.sip`: Content-Length 451
/// for 452 bytes) ends in a lone CR: strictly a stray control character at that byte,
/// with the CR quirk the end of the last line, reported there; written back with the
/// body's CRLF line ends.
#[test]
fn a_body_cut_before_its_last_lf_reads_with_the_cr_quirk() {
    let text = format!("{HEAD}a=rtpmap:0 PCMU/8000\r");
    let cr = text.len() - 1;
    assert_eq!(
        strict_error(&text),
        (6, cr, ParseErrorKind::ControlCharacter)
    );
    let (sdp, notes) = tolerant(&text, Quirk::CrLineEnds);
    assert_eq!(sdp.media[0].rtpmap(0).unwrap().encoding, "PCMU");
    assert_eq!(notes, [(6, Quirk::CrLineEnds)]);
    assert_eq!(sdp.line_ending, sdp::LineEnding::Crlf);
    assert_eq!(sdp.to_string(), format!("{HEAD}a=rtpmap:0 PCMU/8000\r\n"));
    // A lone CR before the last byte is still a stray control character.
    let inner = format!("{HEAD}a=rtpmap:0 PCMU/8000\ra=sendrecv\r\n");
    let e = Parser::new().quirks(Quirks::ALL).parse(&inner).unwrap_err();
    assert_eq!(e.line(), Some(6));
}

#[test]
fn a_media_line_without_formats_is_read_with_none() {
    // A Cisco IOS gateway's video section (resiprocate's testSdp.cxx), between two
    // sections that read as usual (18 a static payload type, 101 without its rtpmap no
    // codec), and a bundle-only section at port 0 written without.
    let text = "v=0\r\no=CiscoSystemsSIP-GW-UserAgent 4930 8384 IN IP4 192.0.2.9\r\ns=SIP Call\r\n\
                c=IN IP4 192.0.2.9\r\nt=0 0\r\nm=audio 17350 RTP/AVP 18 101\r\n\
                m=video 36924 RTP/AVP\r\na=sendrecv\r\nm=video 0 RTP/AVP\r\na=bundle-only\r\n";
    assert_eq!(
        strict_error(text),
        (
            7,
            text.find("m=video").unwrap(),
            ParseErrorKind::Malformed {
                line: 'm',
                reason: "no media formats"
            }
        )
    );
    let (sdp, notes) = tolerant(text, Quirk::MissingFormats);
    let sections: Vec<_> = sdp
        .media
        .iter()
        .map(|m| {
            (
                m.media.as_ref(),
                m.port,
                m.formats.len(),
                m.codecs().count(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("audio", 17350, 2, 1),
            ("video", 36924, 0, 0),
            ("video", 0, 0, 0)
        ]
    );
    assert_eq!(sdp.media[1].attributes[0].name, "sendrecv");
    assert_eq!(
        notes,
        [(7, Quirk::MissingFormats), (9, Quirk::MissingFormats)]
    );
    // Written back as read, without a space after the protocol.
    assert_eq!(sdp.to_string(), text);
}

#[test]
fn a_second_description_ends_the_first() {
    // Ekiga's description and an LG phone's, one after the other (baresip's test array
    // without its comma): read at once, they are not one session.
    let ekiga = "v=0\r\no=- 1 0 IN IP4 192.0.2.1\r\ns=Opal SIP Session\r\nc=IN IP4 192.0.2.1\r\n\
                 t=0 0\r\nm=audio 5066 RTP/AVP 0 8\r\n";
    let lg = "v=0\r\no=LGEIPP 5466 5466 IN IP4 198.51.100.2\r\ns=SIP Call\r\n\
              c=IN IP4 198.51.100.2\r\nt=0 0\r\nm=audio 23070 RTP/AVP 18\r\n";
    let text = format!("{ekiga}{lg}");
    assert_eq!(
        strict_error(&text),
        (7, ekiga.len(), ParseErrorKind::SecondDescription)
    );
    let (sdp, notes) = tolerant(&text, Quirk::ConcatenatedDescriptions);
    assert_eq!(notes, [(7, Quirk::ConcatenatedDescriptions)]);
    assert_eq!(sdp.origin.username, "-");
    assert_eq!(sdp.media.len(), 1);
    assert_eq!(
        sdp.connection.as_ref().map(|c| c.address.as_ref()),
        Some("192.0.2.1")
    );
    assert_eq!(sdp.to_string(), ekiga);
    // Out-of-order reading alone does not merge them either.
    let lines = Parser::new().quirks(Quirks::NONE.with(Quirk::LinesOutOfOrder));
    assert_eq!(
        lines.parse(&text).unwrap_err().parse_kind(),
        Some(&ParseErrorKind::SecondDescription)
    );
    // Each read on its own, split where the second starts.
    let parts: Vec<&str> = sdp::descriptions(&text).collect();
    assert_eq!(parts, [ekiga, lg]);
    assert_eq!(sdp::parse(parts[1]).unwrap().origin.username, "LGEIPP");
    // Blank lines before the first `v=` stay with it; LF and CR line ends split alike;
    // `v=` inside a line does not split.
    let odd = "\nv=0\no=- 1 1 IN IP4 192.0.2.1\ns=v=0\nt=0 0\rv=0\r";
    assert_eq!(
        sdp::descriptions(odd).collect::<Vec<_>>(),
        ["\nv=0\no=- 1 1 IN IP4 192.0.2.1\ns=v=0\nt=0 0\r", "v=0\r"]
    );
    assert_eq!(sdp::descriptions("").collect::<Vec<_>>(), [""]);
}

#[test]
fn an_rtpmap_without_a_clock_rate_reads_at_the_registered_one() {
    // X-Lite's iLBC (resiprocate's testSdp.cxx), and VP8 as GStreamer's webrtcbin test
    // writes it; speex, whose rate varies, and AppleLossless, unknown, stay malformed.
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n\
                m=audio 8000 RTP/AVP 98 97 96\r\na=rtpmap:98 iLBC\r\na=rtpmap:97 speex\r\n\
                a=rtpmap:96 AppleLossless\r\nm=video 9000 RTP/AVP 100\r\na=rtpmap:100 VP8\r\n";
    let reason = "malformed `a=rtpmap` attribute: no clock rate after the encoding";
    assert_eq!(strict_error(text).0, 6);
    let mut notes = Vec::new();
    let quirks = Quirks::NONE
        .with(Quirk::MissingClockRate)
        .with(Quirk::MalformedAttribute);
    let sdp = Parser::new()
        .quirks(quirks)
        .parse_with_diagnostics(text, &mut notes)
        .unwrap();
    let noted: Vec<_> = notes
        .iter()
        .map(|n| (n.line, n.quirk, n.reason.as_str()))
        .collect();
    assert_eq!(
        noted,
        [
            (6, Quirk::MissingClockRate, reason),
            (7, Quirk::MalformedAttribute, reason),
            (8, Quirk::MalformedAttribute, reason),
            (10, Quirk::MissingClockRate, reason)
        ]
    );
    let codecs = |m: usize| -> Vec<(u8, String, u32)> {
        sdp.media[m]
            .codecs()
            .map(|c| (c.payload_type, c.name.into_owned(), c.clock_rate))
            .collect()
    };
    assert_eq!(codecs(0), [(98, "iLBC".to_owned(), 8000)]);
    assert_eq!(codecs(1), [(100, "VP8".to_owned(), 90_000)]);
    // Kept as written.
    assert_eq!(sdp.to_string(), text);
    // Without the quirk each is reported as a malformed attribute, and the session read
    // is the same: the typed view reads the registered rate, as it reads `8000.0`.
    let mut notes = Vec::new();
    let malformed = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::MalformedAttribute))
        .parse_with_diagnostics(text, &mut notes)
        .unwrap();
    assert!(notes.iter().all(|n| n.quirk == Quirk::MalformedAttribute));
    assert_eq!(notes.len(), 4);
    assert_eq!(malformed, sdp);
}

#[test]
fn an_origin_without_its_six_fields_is_kept_as_written() {
    let text = |o: &str| format!("v=0\r\no={o}\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n");
    // (as written, user name, address) — an Amcrest camera's user name of two words, a
    // Uniview camera's origin cut after `IN`, the ONVIF example's empty user name, one
    // without the space after `-`.
    for (o, user, address) in [
        (
            "RTSP Session 1 2 IN IP4 192.0.2.7",
            "RTSP Session",
            "192.0.2.7",
        ),
        ("- 1001 1 IN", "- 1001 1 IN", ""),
        (
            " 2890842807 IN IP4 192.0.2.8",
            " 2890842807 IN IP4 192.0.2.8",
            "",
        ),
        ("-0 0 IN IP4 192.0.2.9", "-0 0 IN IP4 192.0.2.9", ""),
    ] {
        let text = text(o);
        let (line, _, kind) = strict_error(&text);
        assert_eq!(
            (line, kind),
            (
                2,
                ParseErrorKind::Malformed {
                    line: 'o',
                    reason: "expected six space-separated fields"
                }
            ),
            "{o}"
        );
        let (sdp, notes) = tolerant(&text, Quirk::MalformedOrigin);
        assert_eq!(notes, [(2, Quirk::MalformedOrigin)], "{o}");
        assert_eq!(
            (sdp.origin.username.as_ref(), sdp.origin.address.as_ref()),
            (user, address),
            "{o}"
        );
        assert_eq!(sdp.to_string(), text, "{o}");
    }
    // More than six fields: the last five are taken whatever they hold, and the user
    // name is what stands before them.
    let seven = text("a b c d e f g");
    let (sdp, _) = tolerant(&seven, Quirk::MalformedOrigin);
    assert_eq!(
        (sdp.origin.username.as_ref(), sdp.origin.session_id.as_ref()),
        ("a b", "c")
    );
    assert_eq!(sdp.to_string(), seven);
}

/// RTSP servers that leave out `o=` (a Wisenet NVR, mediamtx issue 3583; gortsplib reads
/// such descriptions): refused strictly where `o=` was due; with the quirk the origin is
/// empty, reported there, and written back as an empty `o=`, which reads back (as a
/// malformed origin) to the same session.
#[test]
fn a_missing_origin_reads_as_empty() {
    let wisenet = "v=0\r\ns=DWC-MV94WiAT\r\nc=IN IP4 10.1.10.178\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
    assert_eq!(strict_error(wisenet), (2, 5, ParseErrorKind::Missing('o')));
    let (sdp, notes) = tolerant(wisenet, Quirk::MissingOrigin);
    assert_eq!(notes, [(2, Quirk::MissingOrigin)]);
    assert_eq!(sdp.origin.to_string(), "");
    assert_eq!(sdp.origin.address, "");
    assert_eq!(sdp.session_name, "DWC-MV94WiAT");
    assert_eq!(sdp.connection.as_ref().unwrap().address, "10.1.10.178");
    let written = sdp.to_string();
    assert!(
        written.starts_with("v=0\r\no=\r\ns=DWC-MV94WiAT\r\n"),
        "{written}"
    );
    let mut again = Vec::new();
    let reread = Parser::new()
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(&written, &mut again)
        .unwrap();
    assert_eq!(reread, sdp);
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].line, again[0].quirk), (2, Quirk::MalformedOrigin));

    // Neither `o=` nor `s=`: both quirks, both reported at the line where they were due.
    let bare = "v=0\r\nm=audio 4000 RTP/AVP 0\r\n";
    let parser = Parser::new().quirks(
        Quirks::NONE
            .with(Quirk::MissingOrigin)
            .with(Quirk::MissingSessionName),
    );
    let mut notes = Vec::new();
    let sdp = parser.parse_with_diagnostics(bare, &mut notes).unwrap();
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.offset, d.quirk)).collect();
    assert_eq!(
        seen,
        [
            (2, 5, Quirk::MissingOrigin),
            (2, 5, Quirk::MissingSessionName)
        ]
    );
    assert_eq!((sdp.session_name.as_ref(), sdp.media[0].port), ("", 4000));
    // A `v=` line alone describes nothing: no origin is made up for it, with every quirk;
    // nor when what follows it is another description or a line cut short, left out
    // (fuzz crashes, `sdp`: `v=0\rv=` read as an empty session, its first piece alone
    // as none).
    for alone in [
        "v=0\r\n",
        "v=0\n",
        "v=0",
        "v=0\rv=",
        "v=0\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n",
        "v=0\r\nm=audio 35",
    ] {
        let e = Parser::new().quirks(Quirks::ALL).parse(alone).unwrap_err();
        assert_eq!(
            e.parse_kind(),
            Some(&ParseErrorKind::Missing('o')),
            "{alone:?}"
        );
    }
    // Without the session-name quirk, the missing `s=` is still refused there.
    let only = Parser::new().quirks(Quirks::NONE.with(Quirk::MissingOrigin));
    let e = only.parse(bare).unwrap_err();
    assert_eq!(
        (e.line(), e.parse_kind()),
        (Some(2), Some(&ParseErrorKind::Missing('s')))
    );
    // An `o=` after `s=` is that line's order: read there with the out-of-order quirk,
    // refused without it.
    let late = "v=0\r\ns=-\r\no=- 1 1 IN IP4 192.0.2.1\r\nt=0 0\r\n";
    let e = only.parse(late).unwrap_err();
    assert_eq!(
        (e.line(), e.parse_kind()),
        (Some(3), Some(&ParseErrorKind::OutOfOrder('o')))
    );
    let mut notes = Vec::new();
    let sdp = Parser::new()
        .quirks(
            Quirks::NONE
                .with(Quirk::MissingOrigin)
                .with(Quirk::LinesOutOfOrder),
        )
        .parse_with_diagnostics(late, &mut notes)
        .unwrap();
    assert_eq!(sdp.origin.address, "192.0.2.1");
    let seen: Vec<_> = notes.iter().map(|d| (d.line, d.quirk)).collect();
    assert_eq!(
        seen,
        [(2, Quirk::LinesOutOfOrder), (3, Quirk::LinesOutOfOrder)]
    );
}

/// RTSP cameras' connection lines of fewer than three fields (a Uniview camera's `c=IN`,
/// gortsplib issue 1025's `c=IN 198.51.100.1`): refused strictly; with the quirk kept as
/// written, the fields not written empty, and written back as they were.
#[test]
fn a_short_connection_keeps_the_fields_written() {
    for (line, address_type, address) in [
        ("c=IN", "", ""),
        ("c=IN IP4", "IP4", ""),
        ("c=IN 198.51.100.1", "", "198.51.100.1"),
        ("c=IN 2001:db8::2", "", "2001:db8::2"),
    ] {
        let text = format!("{HEAD}{line}\r\n");
        assert_eq!(strict_error(&text).0, 6, "{line}");
        let (sdp, notes) = tolerant(&text, Quirk::ShortConnection);
        assert_eq!(notes, [(6, Quirk::ShortConnection)], "{line}");
        let c = &sdp.media[0].connections[0];
        assert_eq!(
            (
                c.network_type.as_ref(),
                c.address_type.as_ref(),
                c.address.as_ref()
            ),
            ("IN", address_type, address),
            "{line}"
        );
        assert_eq!(sdp.to_string(), text, "{line}");
    }
    // A second field that is neither an address nor a token, or no field, is refused.
    for bad in ["c=IN 1.2.3.4/5\r\n", "c=\r\n", "c=IN IP4/x\r\n"] {
        let e = Parser::new()
            .quirks(Quirks::ALL)
            .parse(&format!("{HEAD}{bad}"))
            .unwrap_err();
        assert_eq!(e.line(), Some(6), "{bad:?}");
    }
}

/// A FLIR camera's `t=now-` (gortsplib issue 85): refused strictly; with the quirk an
/// unbounded session, written back as `t=0 0`, its `r=` lines kept.
#[test]
fn a_malformed_time_reads_as_unbounded() {
    let head = "v=0\r\no=- 0 0 IN IP4 172.16.2.20\r\ns=IR stream\r\n";
    for t in ["t=now-", "t=0", "t=1 2 3", "t=-1 0"] {
        let text = format!("{head}{t}\r\nr=7d 1h 0\r\nm=video 0 RTP/AVP 96\r\n");
        assert_eq!(strict_error(&text).0, 4, "{t}");
        let (sdp, notes) = tolerant(&text, Quirk::MalformedTime);
        assert_eq!(notes, [(4, Quirk::MalformedTime)], "{t}");
        assert_eq!(sdp.times.len(), 1);
        assert_eq!((sdp.times[0].start, sdp.times[0].stop), (0, 0));
        assert_eq!(sdp.times[0].repeats, ["7d 1h 0"]);
        assert_eq!(
            sdp.to_string(),
            text.replace(&format!("{t}\r\n"), "t=0 0\r\n")
        );
    }
}

/// GB/T 28181's `y=` and `f=` lines, as a platform's INVITE to play a camera (SRS's
/// tests) and an NVR's answer (media-server's) carry them: refused strictly as line
/// types RFC 8866 does not know; with the quirk kept, typed, and written back at the
/// end of the description.
#[test]
fn gb28181_lines_are_kept() {
    let invite = "v=0\r\no=64010600002020000001 0 0 IN IP4 172.20.16.3\r\ns=Play\r\nc=IN IP4 172.20.16.3\r\nt=0 0\r\nm=video 6000 RTP/AVP 96 98 97\r\na=recvonly\r\na=rtpmap:96 PS/90000\r\na=rtpmap:98 H264/90000\r\na=rtpmap:97 MPEG4/90000\r\ny=0100008888\r\nf=v/2/5/25/1/4096a///\r\n";
    assert_eq!(
        strict_error(invite),
        (11, 203, ParseErrorKind::UnknownLineType('y'))
    );
    let (sdp, notes) = tolerant(invite, Quirk::Gb28181Lines);
    assert_eq!(
        notes,
        [(11, Quirk::Gb28181Lines), (12, Quirk::Gb28181Lines)]
    );
    assert_eq!(sdp.gb28181_ssrc.as_deref(), Some("0100008888"));
    assert_eq!(sdp.gb28181_rtp_ssrc(), Some(100_008_888));
    assert_eq!(sdp.gb28181_format.as_deref(), Some("v/2/5/25/1/4096a///"));
    assert_eq!(sdp.to_string(), invite);
    // An NVR's `f=` before its direction: written back at the end.
    let nvr = "v=0\no=- 0 0 IN IP4 192.168.3.118\ns=-\nc=IN IP4 192.168.3.118\nm=video 10088 RTP/AVP 100\nf=v//5///a///\na=sendrecv";
    let (sdp, _) = tolerant(nvr, Quirk::Gb28181Lines);
    assert_eq!(sdp.gb28181_format.as_deref(), Some("v//5///a///"));
    assert_eq!(sdp.gb28181_ssrc, None);
    assert_eq!(sdp.gb28181_rtp_ssrc(), None);
    assert!(sdp.to_string().ends_with("a=sendrecv\nf=v//5///a///"));
    // A value of another shape, another line type, a second `y=`: refused even so.
    for (bad, kind) in [
        ("y=01000088x8", ParseErrorKind::UnknownLineType('y')),
        ("y=", ParseErrorKind::UnknownLineType('y')),
        ("f=invalid:yes", ParseErrorKind::UnknownLineType('f')),
        ("f=v/2/5/25/1a///", ParseErrorKind::UnknownLineType('f')),
        ("f=v/2/5/25/1/4096a//", ParseErrorKind::UnknownLineType('f')),
        ("g=0100008888", ParseErrorKind::UnknownLineType('g')),
        (
            "y=0100008888\r\ny=0100008889",
            ParseErrorKind::Repeated('y'),
        ),
    ] {
        let text = format!("{HEAD}{bad}\r\n");
        let e = Parser::new().quirks(Quirks::ALL).parse(&text).unwrap_err();
        assert_eq!(e.parse_kind(), Some(&kind), "{bad:?}");
    }
    // Eleven digits, or more than `u32` holds, name no RTP SSRC.
    for (y, ssrc) in [
        ("0", Some(0)),
        ("4294967295", Some(u32::MAX)),
        ("4294967296", None),
        ("01000088880", None),
    ] {
        let text = format!("{HEAD}y={y}\r\n");
        let (sdp, _) = tolerant(&text, Quirk::Gb28181Lines);
        assert_eq!(sdp.gb28181_rtp_ssrc(), ssrc, "{y}");
    }
}
