//! Typed headers as deployed equipment writes them: refused strictly, read leniently.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::uri::Uri;
use sip_core::{Message, Parser};

/// An OPTIONS request whose From value is `from`.
fn with_from(from: &str) -> Vec<u8> {
    format!(
        "OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n\
To: <sip:carol@chicago.example.com>\r\nFrom: {from}\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\nContent-Length: 0\r\n\r\n"
    )
    .into_bytes()
}

/// The From tag and display name read strictly (an error) and leniently.
fn read(from: &str) -> (bool, Option<String>, Option<String>) {
    let wire = with_from(from);
    let mut slots = Vec::new();
    let strict = Parser::new().parse_datagram(&wire, &mut slots).unwrap();
    let strict_fails = strict.from().is_err();
    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(&wire, &mut slots)
        .unwrap();
    let f = m.from().unwrap().unwrap();
    (
        strict_fails,
        f.tag().map(str::to_owned),
        f.display_name().map(|d| d.into_owned()),
    )
}

#[test]
fn a_tag_with_a_non_token_character_reads_leniently_as_pingtel_sends_it() {
    assert_eq!(
        read("sip:a@b.example.com;tag=7618c7618^"),
        (true, Some("7618c7618^".into()), None)
    );
}

#[test]
fn an_empty_tag_reads_leniently_as_empty() {
    assert_eq!(
        read("<sip:a@b.example.com>;tag="),
        (true, Some(String::new()), None)
    );
}

#[test]
fn backslash_quotes_around_a_display_name_read_leniently() {
    let (strict_fails, tag, display) = read("\\\"arik\\\" <sip:arik@b.example.com>;tag=6433ef9");
    assert!(strict_fails);
    assert_eq!(tag.as_deref(), Some("6433ef9"));
    assert_eq!(display.as_deref(), Some("\\\"arik\\\""));
}

#[test]
fn a_local_tel_uri_without_phone_context_reads_leniently_as_ims_phones_send_it() {
    assert!(Uri::parse_with("tel:263734", false).is_err());
    let Uri::Tel(t) = Uri::parse_with("tel:263734", true).unwrap() else {
        panic!("a tel URI")
    };
    assert_eq!(t.number, "263734");
    let (strict_fails, tag, _) = read("<tel:263734>;tag=cVKbrkhG0L");
    assert!(strict_fails);
    assert_eq!(tag.as_deref(), Some("cVKbrkhG0L"));
}

/// `wire` with each `_` replaced by 0xFC, an ISO 8859-1 `ü` (not UTF-8).
fn latin1(wire: &str) -> Vec<u8> {
    wire.bytes()
        .map(|b| if b == b'_' { 0xfc } else { b })
        .collect()
}

/// A display name in ISO 8859-1 (older phones and PBXes): strictly the header is not
/// UTF-8; read leniently its address and tag are there and the name is left out (its
/// bytes stay in the raw value). Another header's errors still point at their byte.
#[test]
fn a_display_name_that_is_not_utf8_leaves_the_address_and_tag_readable() {
    let wire = latin1(
        "INVITE sip:bob@example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776\r\n\
From: \"M_ller J_rgen\" <sip:1001@example.com>;tag=abc\r\n\
To: <sip:bob@example.com>\r\n\
Contact: \"J_rgen\" <sip:1001@192.0.2.1>;expires=60, <sip:1001@198.51.100.7>\r\n\
P-Asserted-Identity: \"M_ller\" <sip:+31201234567@example.com;user=phone>\r\n\
Call-ID: x1@192.0.2.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
    );
    let mut slots = Vec::new();
    let strict = Parser::new().parse_datagram(&wire, &mut slots).unwrap();
    let Err(sip_core::Error::Header { offset, name, .. }) = strict.from() else {
        panic!("strict From must fail");
    };
    assert_eq!((offset, name), (93, "From"));
    assert_eq!(&wire[93..94], b"\"");
    assert!(strict.contacts().next().unwrap().is_err());

    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(&wire, &mut slots)
        .unwrap();
    let from = m.from().unwrap().unwrap();
    assert_eq!(from.display_raw, None);
    assert_eq!(from.uri_raw, "sip:1001@example.com");
    assert_eq!(from.tag(), Some("abc"));
    let contacts: Vec<_> = m.contacts().map(Result::unwrap).collect();
    assert_eq!(contacts.len(), 2);
    let sip_core::headers::Contact::Addr(first) = contacts[0] else {
        panic!("an address")
    };
    assert_eq!(
        (first.uri_raw, first.expires().unwrap()),
        ("sip:1001@192.0.2.1", Some(60))
    );
    let pai = m.p_asserted_identities().next().unwrap().unwrap();
    assert_eq!(pai.uri_raw, "sip:+31201234567@example.com;user=phone");
    // A strict parser lists each header it cannot read; the lenient read is unchanged.
    let d = m.diagnostics(&Parser::new());
    let places: Vec<_> = d.iter().map(|d| d.place).collect();
    assert_eq!(
        places,
        [1, 3, 4].map(sip_core::Place::Header).to_vec(),
        "{d:?}"
    );
}

/// Only a display name is passed over: a byte that is not UTF-8 anywhere else (in the
/// URI, in a parameter, in a display name that is not followed by `<`) still makes the
/// header unreadable, and the error points at the value.
#[test]
fn a_non_utf8_byte_outside_a_display_name_is_still_an_error() {
    for from in [
        "<sip:M_ller@example.com>;tag=abc",
        "\"Alice\" <sip:alice@example.com>;tag=_",
        "\"M_ller\" sip:1001@example.com;tag=abc",
        "\"M_ller <sip:1001@example.com>;tag=abc",
        "\"M_ller\" <sip:M_ller@example.com>;tag=abc",
    ] {
        let wire = latin1(&String::from_utf8(with_from(from)).unwrap());
        let mut slots = Vec::new();
        let m = Parser::new()
            .lenient(true)
            .parse_datagram(&wire, &mut slots)
            .unwrap();
        let at = m.header("From").unwrap().value_offset();
        match m.from() {
            Err(sip_core::Error::Header { offset, .. }) => assert!(offset >= at, "{from}"),
            other => panic!("{from}: {other:?}"),
        }
    }
}

/// An INVITE with `header` after the usual ones.
fn with_header(header: &str) -> Vec<u8> {
    format!(
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n\
To: <sip:bob@biloxi.example.com>\r\nFrom: <sip:alice@atlanta.example.com>;tag=1\r\n\
Call-ID: a84b4c76e66710\r\nCSeq: 2 INVITE\r\n{header}\r\nContent-Length: 0\r\n\r\n"
    )
    .into_bytes()
}

/// `wire` read strictly and leniently, handed to `check`.
fn read_both(wire: &[u8], check: impl FnOnce(&Message<'_>, &Message<'_>)) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let strict = Parser::new().parse_datagram(wire, &mut a).unwrap();
    let lenient = Parser::new()
        .lenient(true)
        .parse_datagram(wire, &mut b)
        .unwrap();
    check(&strict, &lenient);
}

#[test]
fn an_empty_element_of_an_auth_list_is_skipped_leniently() {
    // Nero SIPPS' Proxy-Authorization with the upstream test's cut: a trailing comma.
    let wire = with_header(
        "Proxy-Authorization: Digest username=\"voi18062\",realm=\"sip.cybercity.dk\",uri=\"sip:192.168.1.2\",",
    );
    read_both(&wire, |strict, lenient| {
        let e = strict.proxy_authorization().next().unwrap().unwrap_err();
        assert_eq!(
            e.reason(),
            "invalid Proxy-Authorization header: empty list element"
        );
        let a = lenient.proxy_authorization().next().unwrap().unwrap();
        assert_eq!(a.scheme, "Digest");
        assert_eq!(
            a.params().collect::<Vec<_>>(),
            [
                ("username", "\"voi18062\""),
                ("realm", "\"sip.cybercity.dk\""),
                ("uri", "\"sip:192.168.1.2\"")
            ]
        );
    });
    // Empty elements between parameters too; the parameters on either side are read.
    let wire = with_header("Authorization: Digest username=\"a\", ,,realm=\"b\",  nonce=\"c\"");
    read_both(&wire, |strict, lenient| {
        assert!(strict.authorization().next().unwrap().is_err());
        let a = lenient.authorization().next().unwrap().unwrap();
        assert_eq!(
            (a.username(), a.realm(), a.nonce()),
            (Some("a".into()), Some("b".into()), Some("c".into()))
        );
    });
}

#[test]
fn a_quoted_parameter_value_never_closed_runs_to_the_end_leniently() {
    // A Summit-Tech RCS phone's Contact (aiengine's test messages).
    let wire = with_header(
        "Contact: <sip:+34600000001@10.1.1.112:23099>;+g.3gpp.iari-ref=\"urn%3Aurn-7%3A3gpp-application.ims.iari.rcs.geopush\";+sip.instance=\"<urn:gsma:imei:35513605-025359-0>",
    );
    read_both(&wire, |strict, lenient| {
        let e = strict.contacts().next().unwrap().unwrap_err();
        assert_eq!(
            e.reason(),
            "invalid Contact header: unterminated quoted string"
        );
        let c = lenient.contacts().next().unwrap().unwrap();
        let sip_core::headers::Contact::Addr(addr) = c else {
            panic!("an address");
        };
        assert_eq!(addr.uri_raw, "sip:+34600000001@10.1.1.112:23099");
        assert_eq!(
            addr.params.get("+sip.instance"),
            Some(Some("\"<urn:gsma:imei:35513605-025359-0>"))
        );
    });
    // A value whose quote closes later is no such value: a missing `"` elsewhere is not
    // guessed at.
    let wire = with_header("Contact: <sip:a@192.0.2.1>;x=\"1;y=\"2\"");
    read_both(&wire, |_, lenient| {
        assert!(lenient.contacts().next().unwrap().is_err());
    });
}

#[test]
fn whitespace_around_uri_parameters_in_angle_brackets_reads_leniently() {
    // pkts issue 106.
    let (strict, tag, _) = read("<sip:blah@example.com; transport = tcp>;nope");
    assert!(strict);
    assert_eq!(tag, None);
    let wire = with_from("<sip:blah@example.com; transport= tcp ;lr>;tag=9");
    let mut slots = Vec::new();
    let m = Parser::new()
        .lenient(true)
        .parse_datagram(&wire, &mut slots)
        .unwrap();
    let f = m.from().unwrap().unwrap();
    assert_eq!(f.uri_raw, "sip:blah@example.com; transport= tcp ;lr");
    assert_eq!(f.tag(), Some("9"));
    let Uri::Sip(u) = &f.uri else {
        panic!("a SIP URI");
    };
    assert_eq!(
        (u.user, u.host.to_string()),
        (Some("blah"), "example.com".to_owned())
    );
    assert_eq!(
        u.params().collect::<Vec<_>>(),
        [("transport", Some("tcp")), ("lr", None)]
    );
    // Before the first `;` and in a folded line too (draft-ietf-sip-call-flows' Routes).
    let wire = with_from("<sip:444-3333@gw1.example.com:5060\r\n ;phone-context=p1234>;tag=2");
    read_both(&wire, |strict, lenient| {
        assert!(strict.from().is_err());
        let f = lenient.from().unwrap().unwrap();
        let Uri::Sip(u) = &f.uri else {
            panic!("a SIP URI");
        };
        assert_eq!(
            (u.host.to_string(), u.port),
            ("gw1.example.com".to_owned(), Some(5060))
        );
        assert_eq!(u.param("phone-context"), Some(Some("p1234")));
        assert_eq!(f.tag(), Some("2"));
    });
    // Whitespace inside a name, a value or the host is not the quirk's.
    for from in [
        "<sip:blah@example.com;trans port=tcp>",
        "<sip:blah@example.com;transport=t cp>",
        "<sip:blah@exam ple.com>",
        "<sip:blah@example.com; =tcp>",
        "<sip:blah@example.com;transport= >",
    ] {
        read_both(&with_from(from), |_, lenient| {
            assert!(lenient.from().is_err(), "{from}");
        });
    }
}

#[test]
fn a_via_received_host_name_reads_leniently_as_rfc_2543_allowed() {
    // A 3Com ICD server's 180 (jain-sip's torture.xml).
    let header = |received: &str| {
        with_header(&format!(
            "Via: SIP/2.0/UDP 129.6.55.18:5060;received={received};branch=z9hG4bK.1"
        ))
    };
    read_both(&header("3comI"), |strict, lenient| {
        assert_eq!(
            strict.vias().nth(1).unwrap().unwrap_err().reason(),
            "invalid Via header: received is not an IP address"
        );
        let v = lenient.vias().nth(1).unwrap().unwrap();
        assert_eq!(
            (v.received(), v.branch()),
            (Some("3comI"), Some("z9hG4bK.1"))
        );
    });
    read_both(&header("jitterbug.antd.nist.gov"), |_, lenient| {
        let v = lenient.vias().nth(1).unwrap().unwrap();
        assert_eq!(v.received(), Some("jitterbug.antd.nist.gov"));
    });
    // What is no host name either stays an error.
    for bad in ["a_b", "a..b", "1.2.3", "x/y"] {
        read_both(&header(bad), |_, lenient| {
            assert!(lenient.vias().nth(1).unwrap().is_err(), "{bad}");
        });
    }
}
