//! The tolerant SDP reading: each named quirk of deployed equipment is refused by the
//! strict reading, read by the tolerant one, and reported with its line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::sdp::{self, Attribute, Diagnostic, Direction, Parser, Quirk, Quirks};

/// Reads `text` with only `quirk`; returns the SDP and the (line, quirk) pairs noted.
fn tolerant(text: &str, quirk: Quirk) -> (sdp::Sdp<'_>, Vec<(usize, Quirk)>) {
    assert!(
        Parser::new().parse(text).is_err()
            || matches!(quirk, Quirk::TrailingWhitespace | Quirk::MalformedAttribute),
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

#[test]
fn trailing_whitespace_is_trimmed_so_a_direction_is_read() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly \r\n";
    // Strictly, `sendonly ` is an unknown attribute and the media stays sendrecv.
    let strict = Parser::new().parse(text).unwrap();
    assert_eq!(strict.media[0].direction(&strict), Direction::SendRecv);
    let (sdp, notes) = tolerant(text, Quirk::TrailingWhitespace);
    assert_eq!(sdp.media[0].direction(&sdp), Direction::SendOnly);
    assert_eq!(notes, [(6, Quirk::TrailingWhitespace)]);
}

#[test]
fn a_non_integer_clock_rate_is_kept_verbatim() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000.0\r\n";
    assert!(Parser::new().parse(text).is_err());
    let (sdp, notes) = tolerant(text, Quirk::MalformedAttribute);
    assert_eq!(
        sdp.media[0].attributes[0],
        Attribute::new("rtpmap", "0 PCMU/8000.0")
    );
    // The typed view says what is wrong with it; the codec list falls back to PCMU's
    // static definition.
    assert!(sdp.media[0].attributes[0].typed().is_err());
    assert_eq!(sdp.media[0].rtpmap(0), None);
    let pcmu = sdp.media[0].codecs().next().unwrap();
    assert_eq!((pcmu.name.as_ref(), pcmu.clock_rate), ("PCMU", 8000));
    assert_eq!(notes, [(6, Quirk::MalformedAttribute)]);
    // Written back as it was.
    assert!(sdp.to_string().contains("a=rtpmap:0 PCMU/8000.0\r\n"));
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
            "empty_body"
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
