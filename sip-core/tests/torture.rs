//! The RFC 4475 and RFC 5118 torture messages, driven by `tests/data/torture/MANIFEST.tsv`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::Path;

use sip_core::{Error, Parser, Status, check};

fn data(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/torture")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn manifest() -> Vec<(String, String)> {
    let text = String::from_utf8(data("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].to_owned(), cols[3].to_owned())
        })
        .collect()
}

/// What `sip check` gives for each RFC 4475 section 3.2/3.3 "valid syntax, semantic
/// error" message: `check` is message validity, not application policy, so only the
/// three that break RFC 3261 message rules are invalid.
const SEMANTIC_VERDICTS: [(&str, Option<&str>); 14] = [
    ("badbranch", None),
    ("insuf", Some("missing From header")),
    ("unkscm", None),
    ("novelsc", None),
    ("unksm2", None),
    ("bext01", None),
    ("invut", None),
    ("regaut01", None),
    // CSeq, Call-ID, To, From and Max-Forwards each twice: the first repeat in the
    // message is the CSeq of line 7.
    ("multi01", Some("CSeq header appears more than once")),
    ("mcl01", Some("conflicting Content-Length values")),
    ("bcast", None),
    ("sdp01", None),
    ("port-ambiguous", None),
    ("insuf", Some("missing From header")),
];

/// The reason each invalid message is rejected with (worked out from RFC 4475 section
/// 3.1.2 and RFC 5118 section 4).
const INVALID_REASONS: [(&str, &str); 22] = [
    ("badinv01", "invalid Via header: empty parameter"),
    ("clerr", "Content-Length is larger than the body"),
    (
        "ncl",
        "invalid Content-Length header: not a non-negative decimal integer",
    ),
    ("scalar02", "invalid CSeq header: number out of range"),
    ("scalarlg", "invalid CSeq header: number out of range"),
    ("quotbal", "invalid To header: unterminated quoted string"),
    ("ltgtruri", "Request-URI must not be enclosed in '<' '>'"),
    (
        "lwsruri",
        "whitespace inside the Request-URI or request line",
    ),
    ("lwsstart", "more than one space in the request line"),
    ("trws", "whitespace after the SIP version"),
    (
        "escruri",
        "Request-URI must not contain headers (RFC 3261 19.1.1)",
    ),
    ("baddate", "invalid Date header: time zone must be GMT"),
    (
        "regbadct",
        "invalid Contact header: URI with headers must be enclosed in '<' '>'",
    ),
    ("badaspec", "invalid To header: whitespace after '<'"),
    ("baddn", "header section is not terminated by an empty line"),
    ("badvers", "unsupported SIP version (only SIP/2.0)"),
    ("mismatch01", "CSeq method differs from the request method"),
    ("mismatch02", "CSeq method differs from the request method"),
    ("bigcode", "status code must be three digits"),
    ("ipv6-bad", "IPv6 address must be enclosed in '[' ']'"),
    ("ipv6-bug-abnf-3-colons", "invalid IPv6 address"),
    ("clerr", "Content-Length is larger than the body"),
];

#[test]
fn every_manifest_message_gets_its_expected_verdict() {
    let entries = manifest();
    assert_eq!(
        entries.len(),
        61,
        "MANIFEST lists 49 RFC 4475 + 12 RFC 5118 messages"
    );
    for (name, expected) in &entries {
        let bytes = data(&format!("{name}.sip"));
        let verdict = check(&bytes);
        match expected.as_str() {
            "valid" => {
                assert_eq!(verdict, Ok(()), "{name} must be valid");
                let mut slots = Vec::new();
                let m = Parser::new()
                    .parse(&bytes, &mut slots)
                    .unwrap()
                    .complete()
                    .unwrap();
                // Unmodified messages write back byte-identical (dblreq's trailing
                // INVITE is not part of the message).
                if *name != "dblreq" {
                    assert_eq!(m.as_bytes(), &bytes[..], "{name} round-trip");
                }
            }
            "invalid-syntax" => {
                let err = verdict.expect_err(name);
                let want = INVALID_REASONS
                    .iter()
                    .find(|(n, _)| n == name)
                    .unwrap_or_else(|| panic!("no expected reason for {name}"))
                    .1;
                assert_eq!(err.reason(), want, "{name}");
                assert!(
                    err.offset() <= bytes.len(),
                    "{name}: offset inside the message"
                );
            }
            "valid-syntax-semantic-error" => {
                // These must split.
                let mut slots = Vec::new();
                let m = Parser::new().parse(&bytes, &mut slots);
                assert!(
                    matches!(m, Ok(Status::Complete(_))),
                    "{name} must parse: {m:?}"
                );
                let want = SEMANTIC_VERDICTS
                    .iter()
                    .find(|(n, _)| n == name)
                    .unwrap_or_else(|| panic!("no expected verdict for {name}"))
                    .1;
                assert_eq!(
                    verdict.as_ref().err().map(Error::reason).as_deref(),
                    want,
                    "{name}"
                );
            }
            other => panic!("unknown expectation {other}"),
        }
    }
}

#[test]
fn error_offsets_point_at_the_offending_bytes() {
    // badinv01: "Via: SIP/2.0/UDP 192.0.2.15;;,;,," - the error is at the second
    // ';', where a parameter name should start (byte 217 counted by hand).
    let bytes = data("badinv01.sip");
    let err = check(&bytes).unwrap_err();
    assert_eq!(err.offset(), 217);
    assert!(bytes[err.offset() - 1..].starts_with(b";;,;,,"));
    // lwsstart: the second space of "INVITE  sip:".
    let bytes = data("lwsstart.sip");
    assert_eq!(check(&bytes).unwrap_err().offset(), 7);
    // bigcode: the status code starts at byte 8 ("SIP/2.0 4294967301").
    let bytes = data("bigcode.sip");
    assert_eq!(check(&bytes).unwrap_err().offset(), 8);
}

#[test]
fn baddn_with_its_empty_line_is_rejected_for_the_display_name() {
    // The archive copy lacks the final empty line; with it, the unquoted display name
    // with a comma is what fails.
    let mut bytes = data("baddn.sip");
    bytes.extend_from_slice(b"\r\n");
    let err = check(&bytes).unwrap_err();
    assert_eq!(
        err.reason(),
        "invalid From header: display name with non-token characters must be quoted"
    );
}

#[test]
fn clerr_on_a_stream_waits_for_more_bytes() {
    let bytes = data("clerr.sip");
    let mut slots = Vec::new();
    assert_eq!(
        Parser::new()
            .stream()
            .parse(&bytes, &mut slots)
            .map(|s| s.complete().is_none()),
        Ok(true)
    );
}

#[test]
fn ncl_is_unrecoverable_on_a_stream_too() {
    let bytes = data("ncl.sip");
    let mut slots = Vec::new();
    let err = Parser::new()
        .stream()
        .parse(&bytes, &mut slots)
        .map(|_| ())
        .unwrap_err();
    // RFC 4475 3.1.2.3: `Content-Length: -999`, reported at its value.
    let at = bytes.windows(4).position(|w| w == b"-999").unwrap();
    assert_eq!(
        err,
        sip_core::Error::Header {
            offset: at,
            name: "Content-Length",
            reason: "not a non-negative decimal integer",
        }
    );
}

#[test]
fn mcl01_is_rejected_on_a_stream_and_body_is_rest_of_datagram() {
    let bytes = data("mcl01.sip");
    let mut slots = Vec::new();
    assert!(Parser::new().stream().parse(&bytes, &mut slots).is_err());
    let m = Parser::new()
        .parse(&bytes, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert!(m.body().starts_with(b"There's no way"));
    assert_eq!(m.as_bytes(), &bytes[..]);
}

#[test]
fn dblreq_parses_only_the_register() {
    let bytes = data("dblreq.sip");
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(&bytes, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(m.method(), Some("REGISTER"));
    assert_eq!(m.body(), b"");
    assert!(m.consumed() < bytes.len());
}

#[test]
fn esc02_has_exactly_two_contacts_and_an_unknown_method() {
    let bytes = data("esc02.sip");
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(&bytes, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(m.method(), Some("RE%47IST%45R"));
    assert_eq!(m.contacts().count(), 2);
    assert!(m.header("C%6Fntact").is_some());
}

#[test]
fn semiuri_user_part_keeps_the_semicolon() {
    let bytes = data("semiuri.sip");
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(&bytes, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    let uri = sip_core::uri::Uri::parse(m.request_uri().unwrap()).unwrap();
    let sip = uri.as_sip().unwrap();
    assert_eq!(
        sip.user_unescaped().unwrap().as_ref(),
        b"user;par=u@example.net"
    );
    assert_eq!(sip.params().count(), 0);
}

#[test]
fn escnull_unescapes_nul_without_truncating() {
    let bytes = data("escnull.sip");
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(&bytes, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    let to = m.to().unwrap().unwrap();
    let user = to.uri.as_sip().unwrap().user_unescaped().unwrap();
    assert!(user.contains(&0u8));
    assert!(user.len() > user.iter().position(|&c| c == 0).unwrap() + 1);
}

#[test]
fn wsinv_headers_are_read_through_folding() {
    let bytes = data("wsinv.sip");
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(&bytes, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(m.max_forwards().unwrap(), Some(68));
    let cseq = m.cseq().unwrap().unwrap();
    assert_eq!((cseq.seq, cseq.method), (9, "INVITE"));
    let vias: Vec<_> = m.vias().map(Result::unwrap).collect();
    assert_eq!(vias.len(), 3);
    assert_eq!(vias[1].transport, "TCP");
    assert_eq!(vias[2].branch(), Some("z9hG4bK30239"));
    assert_eq!(m.to().unwrap().unwrap().tag(), Some("1918181833n"));
    assert_eq!(
        m.from().unwrap().unwrap().display_name().as_deref(),
        Some("J Rosenberg \\\"")
    );
    assert_eq!(m.body().len(), 150);
    assert_eq!(m.header("s").unwrap().value(), b"");
    let contact = m.contacts().next().unwrap().unwrap();
    let sip_core::headers::Contact::Addr(c) = contact else {
        panic!()
    };
    assert_eq!(c.q().unwrap(), Some(330));
}

#[test]
fn port_ambiguous_is_an_address_without_port() {
    let bytes = data("port-ambiguous.sip");
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse(&bytes, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    let uri = sip_core::uri::Uri::parse(m.request_uri().unwrap()).unwrap();
    let sip = uri.as_sip().unwrap();
    assert_eq!(sip.port, None);
    assert_eq!(
        sip.host,
        sip_core::uri::Host::Ipv6("2001:db8::10:5070".parse().unwrap())
    );
    let bytes = data("port-unambiguous.sip");
    let m = Parser::new()
        .parse(&bytes, &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    let uri = sip_core::uri::Uri::parse(m.request_uri().unwrap()).unwrap();
    assert_eq!(uri.as_sip().unwrap().port, Some(5070));
}
