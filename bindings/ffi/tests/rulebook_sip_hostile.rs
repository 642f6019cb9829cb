//! The contract rulebook and SIP editing calls of the FFI on hostile input: dates at
//! the ends of the calendar, instants at the ends of time, user counts at the integer
//! limit, oversized documents, header injection, thousands of headers. Each case is a
//! typed error of its area with a kind, or a documented result; never `Internal` (a
//! panic caught at the boundary); documents and messages are refused at their limits
//! rather than read whole.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use jiff::civil::{Date, date};
use voipkit_ffi::{
    ChangeKind, ContractRulebook, Severity, SipHeader, VoipkitError, sip_add_header,
    sip_build_request, sip_remove_header, sip_response_to, sip_set_body, sip_set_header,
};

fn contracts_kind<T: std::fmt::Debug>(case: &str, r: Result<T, VoipkitError>) -> String {
    match r {
        Err(VoipkitError::Contracts { kind, .. }) => kind,
        other => panic!("{case}: expected a Contracts error, got {other:?}"),
    }
}

fn sip_kind<T>(case: &str, r: Result<T, VoipkitError>) -> String {
    match r {
        Err(VoipkitError::Sip { kind, .. }) => kind,
        Err(other) => panic!("{case}: expected a Sip error, got {other:?}"),
        Ok(_) => panic!("{case}: expected a Sip error, got a message"),
    }
}

#[test]
fn dates_at_the_ends_of_the_calendar_are_refused_by_every_evaluation() {
    let jitco = ContractRulebook::create_preset("jitco").unwrap();
    let allocloud = ContractRulebook::create_preset("allocloud").unwrap();
    let accensys = ContractRulebook::create_preset("accensys").unwrap();
    for (case, d) in [
        ("max", Date::MAX),
        ("min", Date::MIN),
        ("year 26", date(26, 1, 1)),
    ] {
        let kinds = [
            contracts_kind(case, accensys.cancel(d, d)),
            contracts_kind(case, accensys.status_on(d, None, d)),
            contracts_kind(case, jitco.price_change(d, d)),
            contracts_kind(case, jitco.complaint_deadline(d, None)),
            contracts_kind(case, jitco.dispute_deadlines(d)),
            contracts_kind(case, jitco.deemed_operational(d, None)),
            contracts_kind(case, allocloud.warranty_end(d, None)),
            contracts_kind(case, allocloud.user_floor(10, d)),
        ];
        assert!(kinds.iter().all(|k| !k.is_empty()), "{case}: {kinds:?}");
    }
    for at in [Timestamp::MAX, Timestamp::MIN] {
        contracts_kind("support", allocloud.support(at, Severity::Critical));
    }
}

#[test]
fn extreme_counts_and_missing_rules_are_answers_or_typed_errors() {
    let allocloud = ContractRulebook::create_preset("allocloud").unwrap();
    // ceil(0.9 × (2^64 − 1)) is computed without overflow.
    let floor = allocloud.user_floor(u64::MAX, date(2026, 5, 15)).unwrap();
    assert!(floor.minimum_users < u64::MAX && floor.minimum_users > u64::MAX / 10 * 8);
    assert_eq!(
        allocloud
            .user_floor(0, date(2026, 5, 15))
            .unwrap()
            .minimum_users,
        0
    );
    // A rule the rulebook does not have.
    assert_eq!(
        contracts_kind("coverage", allocloud.service_coverage(ChangeKind::Prompts)),
        "missing_rule"
    );
}

#[test]
fn oversized_or_malformed_documents_are_refused_at_their_limit() {
    let huge = format!("name = \"x\"\n# {}\n", "a".repeat(8 << 20));
    let kind = contracts_kind(
        "8 MB rulebook",
        ContractRulebook::create_from_text(&huge, false),
    );
    assert!(
        kind == "limit_exceeded" || kind == "invalid_rulebook",
        "{kind}"
    );
    contracts_kind(
        "JSON garbage",
        ContractRulebook::create_from_text("{\"name\": [", true),
    );
    let allocloud = ContractRulebook::create_preset("allocloud").unwrap();
    let lines = "[[lines]]\nid = \"1\"\npurpose = \"telephony\"\n".repeat(200_000);
    let kind = contracts_kind(
        "200,000 lines",
        allocloud.validate_config(format!("service = \"sip_trunk\"\n{lines}")),
    );
    assert!(!kind.is_empty());
}

fn options() -> Vec<u8> {
    b"OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\
      Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n\
      Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        .to_vec()
}

#[test]
fn header_injection_and_bad_names_are_syntax_errors() {
    let m = options();
    for (case, name, value) in [
        ("CRLF in a value", "X-A", "a\r\nInjected: yes"),
        ("bare LF in a value", "X-A", "a\nInjected: yes"),
        ("space in a name", "X A", "1"),
        ("colon in a name", "X:A", "1"),
        ("empty name", "", "1"),
    ] {
        assert_eq!(
            sip_kind(case, sip_set_header(m.clone(), name.into(), value.into())),
            "syntax",
            "{case}"
        );
        assert_eq!(
            sip_kind(case, sip_add_header(m.clone(), name.into(), value.into())),
            "syntax",
            "{case}"
        );
    }
    sip_kind(
        "a response answered",
        sip_response_to(
            b"SIP/2.0 200 OK\r\nCall-ID: c\r\nContent-Length: 0\r\n\r\n".to_vec(),
            200,
            "OK".into(),
            None,
        ),
    );
    sip_kind(
        "status 700",
        sip_response_to(m.clone(), 700, "Odd".into(), None),
    );
    sip_kind(
        "a reason with a line break",
        sip_response_to(m.clone(), 486, "Busy\r\nX: y".into(), None),
    );
    sip_kind("not SIP", sip_set_body(b"\x00\x01".to_vec(), vec![], None));
}

#[test]
fn thousands_of_headers_stop_at_the_parser_limit_and_a_large_body_is_the_callers() {
    let headers: Vec<SipHeader> = (0..10_000)
        .map(|i| SipHeader {
            name: "X-Many".into(),
            value: i.to_string(),
        })
        .collect();
    assert_eq!(
        sip_kind(
            "10,000 headers",
            sip_build_request(
                "OPTIONS".into(),
                "sip:b@example.com".into(),
                headers,
                None,
                None
            ),
        ),
        "limit"
    );
    // A body the caller sets is the caller's: an edit may grow a message past the size
    // it was read under, and Content-Length follows.
    let big = vec![b'a'; 4 << 20];
    let grown = sip_set_body(options(), big, None).unwrap();
    assert!(grown.len() > 4 << 20);
    let text = String::from_utf8_lossy(&grown[..grown.len() - (4 << 20)]).into_owned();
    assert!(text.contains("Content-Length: 4194304\r\n"), "{text}");
    // Removing a header that is not there leaves the message as it was.
    assert_eq!(
        sip_remove_header(options(), "X-None".into()).unwrap(),
        options()
    );
}

#[test]
fn a_bad_via_element_leaves_the_good_ones_after_it_in_the_via_list() {
    let wire = "OPTIONS sip:b@example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP bad host, SIP/2.0/TCP ok.example.com;branch=z9hG4bK2\r\n\
Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK3\r\n\
From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\nCall-ID: c1\r\n\
CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    let m = voipkit_ffi::sip_parse(wire.as_bytes().to_vec(), false).unwrap();
    let hosts: Vec<&str> = m.via.iter().map(|v| v.host.as_str()).collect();
    assert_eq!(hosts, ["ok.example.com", "192.0.2.4"]);
    assert_eq!(m.via[0].transport, "TCP");
    // The bad element is the first header's diagnostic: "host" after the sent-by.
    let d = &m.diagnostics[0];
    assert_eq!(d.header_index, Some(0));
    assert_eq!(d.offset, wire.find("host,").unwrap() as u64);
}
