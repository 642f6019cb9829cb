//! The real-world trickle-ICE fragment corpus: `application/trickle-ice-sdpfrag` bodies
//! (RFC 8840 9.2) from the tests of WHIP and WHEP servers and clients and of a SIP stack,
//! driven by `tests/data/real-world-sdpfrag/MANIFEST.tsv` (origin, commit and licence of
//! every file).
//!
//! Every fragment reads (strictly, or tolerantly where [`TOLERANT`] says why), writes
//! back byte-identical, and each `a=candidate` of it types. LiveKit's fragment marked
//! `expected-invalid` breaks LiveKit's own rule (its `a=mid` is not the first of the
//! BUNDLE group), which RFC 8840 does not have: it reads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod corpus;

use sip_core::sdp::{Parser, Quirks, TypedAttribute};

/// Fragments the strict reading refuses, read with the quirks, and why.
const TOLERANT: &[(&str, &str)] = &[(
    "pyagora/whep_trickle_fragment.sdpfrag",
    "a reconstructed fixture whose password was redacted to `ICEPWD_REDACTED_24chars0`: `_` is no ICE character (RFC 8839 5.4), so the strict reading refuses the `a=ice-pwd` line; the tolerant reading keeps it as written (malformed-attribute quirk)",
)];

#[test]
fn every_fragment_reads_writes_back_and_types_its_candidates() {
    let dir = corpus::dir("real-world-sdpfrag");
    let entries = corpus::manifest(&dir);
    corpus::assert_manifest_is_complete(&dir, &entries, 15);
    let (mut candidates, mut sections, mut strict) = (0, 0, 0);
    let mut refused = Vec::new();
    for e in &entries {
        let text = std::str::from_utf8(&e.bytes).unwrap();
        let f = match Parser::new().parse_fragment(text) {
            Ok(f) => {
                strict += 1;
                f
            }
            Err(err) => {
                refused.push((e.file.clone(), err.to_string()));
                Parser::new()
                    .quirks(Quirks::ALL)
                    .parse_fragment(text)
                    .unwrap_or_else(|err| panic!("{}: {err}", e.file))
            }
        };
        assert_eq!(f.to_string(), text, "{}: written back", e.file);
        for m in &f.media {
            sections += 1;
            for a in m.attributes.iter().filter(|a| a.name() == "candidate") {
                match a.typed() {
                    Ok(TypedAttribute::Candidate(_)) => candidates += 1,
                    other => panic!("{}: {a}: {other:?}", e.file),
                }
            }
        }
    }
    println!(
        "real-world fragments: {} files, {strict} strictly valid, {sections} media sections, {candidates} candidates",
        entries.len()
    );
    let listed: Vec<&str> = TOLERANT.iter().map(|(f, _)| *f).collect();
    let got: Vec<&str> = refused.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(got, listed, "{refused:#?}");
}
