//! Trickle-ICE SDP fragments (RFC 8840 9.2): the tolerant reading gives the same
//! fragment with and without diagnostics; parse → write → parse gives the same value;
//! unmodified input with one kind of line ending writes back byte-identical; a fragment
//! is never read as a session description, nor a session description as a fragment.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_core::sdp::{Parser, Quirk, Quirks};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tolerant = Parser::new().quirks(Quirks::ALL);
    let mut notes = Vec::new();
    let noted = tolerant.parse_fragment_with_diagnostics(text, &mut notes);
    assert_eq!(
        tolerant.parse_fragment(text).as_ref().ok(),
        noted.as_ref().ok(),
        "{notes:?}"
    );
    if let Ok(frag) = &noted {
        for n in &notes {
            assert!(n.offset <= data.len() && n.line >= 1, "{n:?}");
        }
        // A fragment has no `v=` line, so it is no session description.
        assert!(tolerant.parse(text).is_err());
        let written = frag.to_string();
        let mut again_notes = Vec::new();
        let again = match tolerant.parse_fragment_with_diagnostics(&written, &mut again_notes) {
            Ok(f) => f,
            Err(e) => panic!("written fragment does not read: {e}\n{written:?}"),
        };
        // One line without a line end says nothing of the line ending.
        if written.contains('\n') {
            assert_eq!(frag, &again, "{written:?}");
        } else {
            assert_eq!(frag.attributes, again.attributes, "{written:?}");
            assert_eq!(frag.media, again.media, "{written:?}");
        }
        assert!(
            again_notes.iter().all(|n| matches!(
                n.quirk,
                Quirk::MalformedAttribute
                    | Quirk::SpaceAfterAttributeColon
                    | Quirk::DecimalClockRate
                    | Quirk::MissingClockRate
                    | Quirk::MissingFormats
                    | Quirk::CrLineEnds
                    | Quirk::MissingMid
            )),
            "{again_notes:?} {written:?}"
        );
    }
    for parser in [Parser::new(), Parser::new().lenient_attributes(true)] {
        let Ok(frag) = parser.parse_fragment(text) else {
            continue;
        };
        // A strictly read fragment is a fragment of a session description: behind a
        // session's first lines, its text reads as that session's attributes and media.
        let session = format!(
            "v=0{eol}o=- 0 0 IN IP4 192.0.2.1{eol}s=-{eol}{text}",
            eol = frag.line_ending.as_str()
        );
        let s = parser
            .parse(&session)
            .unwrap_or_else(|e| panic!("{e}\n{session:?}"));
        assert_eq!((&s.attributes, &s.media), (&frag.attributes, &frag.media));
        let written = frag.to_string();
        let crlf = data.windows(2).filter(|w| w == b"\r\n").count();
        let lf = data.iter().filter(|b| **b == b'\n').count();
        if crlf == 0 || crlf == lf {
            assert_eq!(
                written.as_bytes(),
                data,
                "unmodified input must write back identical"
            );
        }
        assert_eq!(frag.clone().into_owned(), frag);
    }
});
