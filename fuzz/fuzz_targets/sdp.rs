//! SDP: the tolerant reading gives the same session with and without diagnostics;
//! parse → write → parse gives the same value; unmodified input with one kind of
//! line ending writes back byte-identical; every attribute's typed view writes back what
//! reads again to the same view; a strict parse leaves no attribute that does not read;
//! concatenated descriptions split where the reading stops.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_core::sdp::{Attribute, LineEnding, Parser, Quirk, Quirks, Sdp, descriptions};

/// Every attribute of the session and its media sections.
fn attributes<'s>(sdp: &'s Sdp<'_>) -> impl Iterator<Item = &'s Attribute<'s>> {
    sdp.attributes
        .iter()
        .chain(sdp.media.iter().flat_map(|m| m.attributes.iter()))
}

/// The typed view's writer gives text that reads back to the same view.
fn typed_round_trip(a: &Attribute<'_>) -> bool {
    match a.typed() {
        Ok(t) => {
            let written = Attribute::from(t.clone());
            assert_eq!(written.typed().as_ref(), Ok(&t), "{a}");
            true
        }
        Err(_) => false,
    }
}

fuzz_target!(|data: &[u8]| {
    // The tolerant reading: whatever it reads writes back in canonical form, which reads
    // again to the same session needing no quirk but kept malformed attributes.
    let tolerant = Parser::new().quirks(Quirks::ALL);
    let mut notes = Vec::new();
    let noted = tolerant.parse_bytes_with_diagnostics(data, &mut notes);
    // Collecting diagnostics changes nothing read: the reading without them, which
    // splits attributes without checking them, gives the same session or fails too.
    assert_eq!(
        tolerant.parse_bytes(data).as_ref().ok(),
        noted.as_ref().ok(),
        "{notes:?}"
    );
    // Concatenated descriptions: the pieces put together are the input, each after the
    // first starts with a `v=` line, and a reading that stops at a second description
    // reads the first piece to the same session.
    if let Ok(text) = std::str::from_utf8(data) {
        let parts: Vec<&str> = descriptions(text).collect();
        assert_eq!(parts.concat(), text);
        for p in &parts[1..] {
            assert!(p.trim_start_matches([' ', '\t']).starts_with("v="), "{p:?}");
        }
        if let Ok(sdp) = &noted
            && notes
                .iter()
                .any(|n| n.quirk == Quirk::ConcatenatedDescriptions)
        {
            assert!(parts.len() > 1, "{notes:?}");
            assert_eq!(tolerant.parse(parts[0]).as_ref(), Ok(sdp), "{parts:?}");
        }
    }
    if let Ok(sdp) = noted {
        for n in &notes {
            assert!(n.offset <= data.len() && n.line >= 1, "{n:?}");
        }
        let text = sdp.to_string();
        let mut again_notes = Vec::new();
        let again = match tolerant.parse_with_diagnostics(&text, &mut again_notes) {
            Ok(s) => s,
            Err(e) => panic!("written SDP does not read: {e}\n{text:?}"),
        };
        assert_eq!(sdp, again, "{text:?}");
        // Line-level quirks are written away but CR line ends, written back as read;
        // attributes, origins, connections and GB/T 28181's lines are kept as they were
        // written (a missing origin as an empty, malformed one).
        assert!(
            again_notes.iter().all(|n| match n.quirk {
                Quirk::MalformedAttribute
                | Quirk::SpaceAfterAttributeColon
                | Quirk::DecimalClockRate
                | Quirk::MissingClockRate
                | Quirk::AddressTypeMismatch
                | Quirk::MalformedOrigin
                | Quirk::MalformedConnection
                | Quirk::ShortConnection
                | Quirk::Gb28181Lines
                | Quirk::MissingFormats => true,
                Quirk::CrLineEnds => sdp.line_ending == LineEnding::Cr,
                _ => false,
            }),
            "{again_notes:?} {text:?}"
        );
        for a in attributes(&sdp) {
            typed_round_trip(a);
        }
    }
    for parser in [Parser::new(), Parser::new().lenient_attributes(true)] {
        let Ok(sdp) = parser.parse_bytes(data) else {
            continue;
        };
        let text = sdp.to_string();
        let again = match parser.parse(&text) {
            Ok(s) => s,
            Err(e) => panic!("written SDP does not parse: {e}\n{text:?}"),
        };
        assert_eq!(sdp, again, "{text:?}");
        let crlf = data.windows(2).filter(|w| w == b"\r\n").count();
        let lf = data.iter().filter(|b| **b == b'\n').count();
        if crlf == 0 || crlf == lf {
            assert_eq!(
                text.as_bytes(),
                data,
                "unmodified input must write back identical"
            );
        }
        assert_eq!(sdp.clone().into_owned(), sdp);
        if parser == Parser::new() {
            for a in attributes(&sdp) {
                assert!(typed_round_trip(a), "a strict parse kept {a}");
            }
        }
    }
});
