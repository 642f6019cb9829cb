//! URIs and typed headers, with expected values worked out from RFC 3261, RFC 3966,
//! RFC 3262, RFC 3326, RFC 4028 and RFC 6665.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use sip_core::headers::{Contact, parse_name_addr, parse_via, split_commas};
use sip_core::uri::{Host, Uri, uri_eq};
use sip_core::{Error, Parser, Status, check};

fn with<R>(wire: &str, f: impl FnOnce(&sip_core::Message<'_>) -> R) -> R {
    let mut slots = Vec::new();
    let Status::Complete(m) = Parser::new().parse(wire.as_bytes(), &mut slots).unwrap() else {
        panic!("partial")
    };
    f(&m)
}

#[test]
fn sip_uri_parts_are_split_per_rfc3261_19_1() {
    let Uri::Sip(u) = Uri::parse("sip:alice:secretword@atlanta.com;transport=tcp").unwrap() else {
        panic!()
    };
    assert_eq!(
        (u.user, u.password, u.port),
        (Some("alice"), Some("secretword"), None)
    );
    assert_eq!(u.host, Host::Name("atlanta.com"));
    assert_eq!(u.param("TRANSPORT"), Some(Some("tcp")));
    let Uri::Sip(u) = Uri::parse("sip:192.0.2.4:5070;lr").unwrap() else {
        panic!()
    };
    assert_eq!(u.host, Host::Ipv4("192.0.2.4".parse().unwrap()));
    assert_eq!(
        (u.user, u.port, u.param("lr")),
        (None, Some(5070), Some(None))
    );
    let Uri::Sip(u) = Uri::parse("sips:atlanta.com?subject=project%20x&priority=urgent").unwrap()
    else {
        panic!()
    };
    assert!(u.secure);
    assert_eq!(
        u.headers().collect::<Vec<_>>(),
        [("subject", "project%20x"), ("priority", "urgent")]
    );
}

#[test]
fn malformed_uris_are_rejected_with_offsets() {
    let cases: [(&str, usize, &str); 7] = [
        ("sip:", 4, "missing host"),
        ("sip:a@host:99999", 11, "port out of range"),
        ("sip:a@host;;x", 11, "empty URI parameter"),
        ("sip:a%4@host", 5, "invalid %-escape"),
        ("sip:a b@host", 5, "invalid character in user part"),
        ("sip:[2001:db8::1", 4, "unterminated IPv6 reference"),
        ("tel:12;x", 4, "local tel number without phone-context"),
    ];
    for (uri, offset, reason) in cases {
        assert_eq!(
            Uri::parse(uri),
            Err(Error::Syntax { offset, reason }),
            "{uri}"
        );
    }
}

#[test]
fn tel_uris_follow_rfc3966() {
    let Uri::Tel(t) = Uri::parse("tel:+1-201-555-0123;ext=1234").unwrap() else {
        panic!()
    };
    assert!(t.is_global());
    assert_eq!(t.digits(), "+12015550123");
    assert_eq!(t.params().collect::<Vec<_>>(), [("ext", Some("1234"))]);
    assert!(uri_eq(
        &Uri::parse("tel:+1-201-555-0123").unwrap(),
        &Uri::parse("tel:+1(201)5550123").unwrap()
    ));
    assert!(Uri::parse("tel:7042;phone-context=example.com").is_ok());
}

#[test]
fn uri_comparison_follows_rfc3261_19_1_4_examples() {
    // The equal and unequal pairs listed in RFC 3261 section 19.1.4.
    let equal = [
        (
            "sip:%61lice@atlanta.com;transport=TCP",
            "sip:alice@AtLanTa.CoM;Transport=tcp",
        ),
        ("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"),
        ("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"),
        (
            "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
            "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
        ),
        (
            "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
            "sip:alice@atlanta.com?priority=urgent&subject=project%20x",
        ),
    ];
    for (a, b) in equal {
        assert!(
            uri_eq(&Uri::parse(a).unwrap(), &Uri::parse(b).unwrap()),
            "{a} == {b}"
        );
    }
    let unequal = [
        (
            "SIP:ALICE@AtLanTa.CoM;Transport=udp",
            "sip:alice@AtLanTa.CoM;Transport=UDP",
        ),
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"),
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"),
        (
            "sip:bob@biloxi.com",
            "sip:bob@biloxi.com:6000;transport=tcp",
        ),
        (
            "sip:carol@chicago.com",
            "sip:carol@chicago.com?Subject=next%20meeting",
        ),
        ("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"),
        (
            "sip:carol@chicago.com;security=on",
            "sip:carol@chicago.com;security=off",
        ),
        ("sip:alice@atlanta.com", "sips:alice@atlanta.com"),
    ];
    for (a, b) in unequal {
        assert!(
            !uri_eq(&Uri::parse(a).unwrap(), &Uri::parse(b).unwrap()),
            "{a} != {b}"
        );
    }
}

#[test]
fn lenient_mode_accepts_a_doubled_sip_scheme() {
    // Strictly "sip:sip:user@host" is user "sip" with password "user".
    let Uri::Sip(strict) = Uri::parse("sip:sip:user@host").unwrap() else {
        panic!()
    };
    assert_eq!((strict.user, strict.password), (Some("sip"), Some("user")));
    let Uri::Sip(lenient) = Uri::parse_with("sip:sip:user@host", true).unwrap() else {
        panic!()
    };
    assert_eq!((lenient.user, lenient.password), (Some("user"), None));
}

#[test]
fn name_addr_forms_and_parameters() {
    let n = parse_name_addr(r#""Bob \"B\" Smith" <sip:bob@biloxi.com>;tag=a6c85cf"#).unwrap();
    assert_eq!(n.display_name().as_deref(), Some(r#"Bob "B" Smith"#));
    assert_eq!(n.tag(), Some("a6c85cf"));
    assert!(n.angle);
    // addr-spec form: ;tag is a header parameter, not a URI parameter.
    let n = parse_name_addr("sip:bob@biloxi.com;tag=x;user=phone").unwrap();
    assert_eq!(
        (n.tag(), n.uri.as_sip().unwrap().params().count()),
        (Some("x"), 0)
    );
    let n = parse_name_addr("Bob Smith <tel:+15551234>").unwrap();
    assert_eq!(n.display_name().as_deref(), Some("Bob Smith"));
    assert!(matches!(n.uri, Uri::Tel(_)));
    assert!(parse_name_addr("<sip:a@b>;tag=1, <sip:c@d>").is_err());
}

#[test]
fn a_uri_in_angle_brackets_ends_at_the_first_closing_bracket_or_whitespace() {
    // RFC 3261 20.10: the URI is everything between `<` and `>`, and holds no whitespace.
    let n = parse_name_addr("<sip:a@b.example.com;lr>;tag=1").unwrap();
    assert_eq!((n.uri_raw, n.tag()), ("sip:a@b.example.com;lr", Some("1")));
    // Whitespace or a control byte ends it before any later `>`: the error is at that byte.
    for (value, offset) in [
        ("<sip:a b@example.com>", 6),
        ("<sip:a@ex\tample.com>", 9),
        ("<sip:a@example.com\r\n>", 18),
        ("<sip:a@example.com", 18),
    ] {
        assert_eq!(
            parse_name_addr(value).unwrap_err(),
            Error::Syntax {
                offset,
                reason: "expected '>' after URI"
            },
            "{value:?}"
        );
    }
    // A second `>` is not part of the URI.
    assert_eq!(
        parse_name_addr("<sip:a@example.com>x>").unwrap_err(),
        Error::Syntax {
            offset: 19,
            reason: "unexpected character"
        }
    );
}

#[test]
fn host_bytes_are_classed_per_rfc3261_25_1() {
    fn host(uri: &str) -> Result<Host<'_>, Error> {
        Uri::parse(uri).map(|u| u.as_sip().unwrap().host)
    }
    assert_eq!(host("sip:a@1.2.3.4"), Ok(Host::Ipv4([1, 2, 3, 4].into())));
    assert_eq!(
        host("sip:a@B-1.Example.COM:5060"),
        Ok(Host::Name("B-1.Example.COM"))
    );
    // Digits and dots only, but not a dotted quad.
    assert_eq!(
        host("sip:a@1.2.3.256"),
        Err(Error::Syntax {
            offset: 6,
            reason: "invalid IPv4 address"
        })
    );
    // A letter makes it a name, whose top label must start with a letter.
    assert_eq!(
        host("sip:a@1.2.3.4a"),
        Err(Error::Syntax {
            offset: 12,
            reason: "top-level label must start with a letter"
        })
    );
    // `_` only with the loose-host quirk; any other byte never.
    assert_eq!(
        host("sip:my_host.example.com"),
        Err(Error::Syntax {
            offset: 6,
            reason: "invalid character in host name"
        })
    );
    let loose = Uri::parse_with("sip:my_host.example.com", true).unwrap();
    assert_eq!(
        loose.as_sip().unwrap().host,
        Host::Name("my_host.example.com")
    );
    assert_eq!(
        host("sip:a@ex*ample.com;lr"),
        Err(Error::Syntax {
            offset: 8,
            reason: "invalid character in host name"
        })
    );
}

#[test]
fn lenient_mode_accepts_doubled_quotes_around_display_names() {
    let wire = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: \"\"unknown\"\" <sip:anonymous@anonymous.invalid>;tag=9\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    assert_eq!(
        check(wire.as_bytes()).unwrap_err().reason(),
        "invalid From header: expected '<' after display name"
    );
    let lenient = Parser::new().lenient(true);
    assert_eq!(sip_core::check_with(&lenient, wire.as_bytes()), Ok(()));
    let mut slots = Vec::new();
    let m = lenient
        .parse(wire.as_bytes(), &mut slots)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(
        m.from().unwrap().unwrap().display_name().as_deref(),
        Some("unknown")
    );
}

/// Display names written unquoted with characters a token does not allow, as PBXes and
/// gateways write them: strictly the From is refused, leniently its address and tag read
/// and the name is the text before the `<`. Text that could be an address or another
/// element (a `:`, `,` or `;` before the `<`) is never taken for a name.
#[test]
fn lenient_mode_reads_unquoted_display_names_with_non_token_characters() {
    let lenient = Parser::new().lenient(true);
    for (from, name) in [
        (
            "John Smith (Sales) <sip:js@example.com>;tag=9",
            "John Smith (Sales)",
        ),
        (
            "=?utf-8?q?J=C3=BCrgen?= <sip:j@example.com>;tag=9",
            "=?utf-8?q?J=C3=BCrgen?=",
        ),
        (
            "alice@example.com  <sip:alice@example.com>;tag=9",
            "alice@example.com",
        ),
        ("M\u{fc}ller/2 <sip:m@example.com>;tag=9", "M\u{fc}ller/2"),
    ] {
        let wire = format!(
            "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: {from}\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        );
        let strict = check(wire.as_bytes()).unwrap_err();
        assert_eq!(strict.offset(), wire.find("From: ").unwrap() + 6, "{from}");
        let mut slots = Vec::new();
        let m = lenient.parse_datagram(wire.as_bytes(), &mut slots).unwrap();
        let f = m.from().unwrap().unwrap();
        assert_eq!(f.display_raw, Some(name), "{from}");
        assert_eq!(f.tag(), Some("9"), "{from}");
        assert!(f.angle && f.uri_raw.ends_with("example.com"), "{from}");
    }
    // An addr-spec followed by a name-addr in a list is two addresses, not a name.
    let wire = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContact: sip:x@example.com, John (2) <sip:y@example.com>\r\nContent-Length: 0\r\n\r\n";
    let mut slots = Vec::new();
    let m = lenient.parse_datagram(wire.as_bytes(), &mut slots).unwrap();
    let contacts: Vec<_> = m
        .contacts()
        .map(|c| match c.unwrap() {
            sip_core::headers::Contact::Addr(a) => a,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(contacts.len(), 2);
    assert_eq!(
        (contacts[0].display_raw, contacts[0].uri_raw),
        (None, "sip:x@example.com")
    );
    assert_eq!(
        (contacts[1].display_raw, contacts[1].uri_raw),
        (Some("John (2)"), "sip:y@example.com")
    );
    // A `;` or `:` before the `<` is not a name, leniently either.
    for from in ["a;b <sip:a@b>;tag=1", "Support: 2 <sip:a@b>;tag=1"] {
        let wire = format!(
            "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: {from}\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        );
        let mut slots = Vec::new();
        let m = lenient.parse_datagram(wire.as_bytes(), &mut slots).unwrap();
        assert!(m.from().is_err(), "{from}");
    }
}

#[test]
fn via_fields_and_parameters() {
    let v = parse_via("SIP / 2.0 / TLS [2001:db8::9:1]:5061;branch=z9hG4bK74bf9;received=192.0.2.1;rport=40000;ttl=16;maddr=224.2.0.1").unwrap();
    assert_eq!((v.protocol, v.version, v.transport), ("SIP", "2.0", "TLS"));
    assert_eq!(v.host, Host::Ipv6("2001:db8::9:1".parse().unwrap()));
    assert_eq!(v.port, Some(5061));
    assert_eq!(v.branch(), Some("z9hG4bK74bf9"));
    assert_eq!(v.received(), Some("192.0.2.1"));
    assert_eq!(v.rport(), Some(Some(40000)));
    assert_eq!((v.ttl(), v.maddr()), (Some(16), Some("224.2.0.1")));
    assert_eq!(
        parse_via("SIP/2.0/UDP h;rport").unwrap().rport(),
        Some(None)
    );
    assert!(parse_via("SIP/2.0/UDP h;received=example.com").is_err());
    assert!(parse_via("SIP/2.0/UDP h:70000").is_err());
}

const REQ: &str = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1, SIP/2.0/TCP p2.example.com:5070;branch=z9hG4bK2\r\n\
v: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK3;received=192.0.2.101\r\n\
Max-Forwards: 68\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
From: \"Doe, Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:alice@pc33.atlanta.example.com>;expires=3600;q=0.7, \"Mobile, A\" <sip:alice@192.0.2.7>\r\n\
Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n\
Record-Route: <sip:p3.example.com;lr>\r\n\
Allow: INVITE, ACK, CANCEL, BYE\r\n\
Supported: 100rel, timer\r\n\
Require: 100rel\r\n\
Proxy-Require: foo\r\n\
Session-Expires: 1800;refresher=uac\r\n\
Min-SE: 90\r\n\
P-Asserted-Identity: \"Alice\" <sip:alice@atlanta.example.com>, <tel:+15551234567>\r\n\
Reason: Q.850;cause=16;text=\"Terminated, normally\"\r\n\
Event: presence;id=7\r\n\
Subscription-State: active;expires=600\r\n\
RSeq: 988789\r\n\
RAck: 776656 1 INVITE\r\n\
Refer-To: <sip:carol@cleveland.example.org?Replaces=abc%40def>\r\n\
Expires: 120\r\n\
User-Agent: softphone/2.1 (beta)\r\n\
Proxy-Authorization: Digest username=\"alice\", realm=\"atlanta.example.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", uri=\"sip:bob@biloxi.example.com\", response=\"7587245234b3434cc3412213e5f113a5432\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\"\r\n\
Content-Type: multipart/mixed;boundary=\"unique-boundary-1\"\r\n\
Content-Length: 0\r\n\r\n";

/// [`REQ`] with one Contact value: the INVITE's Contact is the dialog's remote target,
/// so the second value that [`REQ`] lists for the typed reading is the one thing the
/// strict check holds against it.
fn one_contact() -> String {
    REQ.replace(", \"Mobile, A\" <sip:alice@192.0.2.7>", "")
}

#[test]
fn every_typed_header_of_a_rich_request() {
    assert_eq!(check(one_contact().as_bytes()), Ok(()));
    assert_eq!(
        check(REQ.as_bytes()),
        Err(Error::Invalid {
            offset: REQ.find("\"Mobile").unwrap(),
            reason: "more than one Contact in a message that creates a dialog (RFC 3261 8.1.1.8, 12.1.1)"
        })
    );
    with(REQ, |m| {
        let vias: Vec<_> = m.vias().map(Result::unwrap).collect();
        assert_eq!(
            vias.iter().map(|v| v.branch().unwrap()).collect::<Vec<_>>(),
            ["z9hG4bK1", "z9hG4bK2", "z9hG4bK3"]
        );
        assert_eq!(vias[1].port, Some(5070));
        assert_eq!(m.max_forwards().unwrap(), Some(68));
        assert_eq!(
            m.from().unwrap().unwrap().display_name().as_deref(),
            Some("Doe, Alice")
        );
        let contacts: Vec<_> = m.contacts().map(Result::unwrap).collect();
        assert_eq!(
            contacts.len(),
            2,
            "the comma inside the quoted display name does not split"
        );
        let Contact::Addr(c) = &contacts[0] else {
            panic!()
        };
        assert_eq!(
            (c.expires().unwrap(), c.q().unwrap()),
            (Some(3600), Some(700))
        );
        assert_eq!(m.routes().count(), 2);
        assert_eq!(
            m.record_routes().next().unwrap().unwrap().uri_raw,
            "sip:p3.example.com;lr"
        );
        assert_eq!(
            m.allow().map(Result::unwrap).collect::<Vec<_>>(),
            ["INVITE", "ACK", "CANCEL", "BYE"]
        );
        assert_eq!(
            m.supported().map(Result::unwrap).collect::<Vec<_>>(),
            ["100rel", "timer"]
        );
        assert_eq!(
            m.require().map(Result::unwrap).collect::<Vec<_>>(),
            ["100rel"]
        );
        assert_eq!(m.proxy_require().count(), 1);
        assert_eq!(m.unsupported().count(), 0);
        let se = m.session_expires().unwrap().unwrap();
        assert_eq!((se.seconds(), se.refresher()), (Some(1800), Some("uac")));
        assert_eq!(m.min_se().unwrap().unwrap().seconds(), Some(90));
        let pai: Vec<_> = m.p_asserted_identities().map(Result::unwrap).collect();
        assert!(matches!(pai[1].uri, Uri::Tel(_)));
        let reason = m.reasons().next().unwrap().unwrap();
        assert_eq!(
            (reason.value, reason.cause(), reason.text().as_deref()),
            ("Q.850", Some(16), Some("Terminated, normally"))
        );
        let ev = m.event().unwrap().unwrap();
        assert_eq!((ev.value, ev.id()), ("presence", Some("7")));
        let ss = m.subscription_state().unwrap().unwrap();
        assert_eq!((ss.value, ss.expires()), ("active", Some(600)));
        assert_eq!(m.rseq().unwrap(), Some(988_789));
        let rack = m.rack().unwrap().unwrap();
        assert_eq!((rack.rseq, rack.cseq, rack.method), (776_656, 1, "INVITE"));
        assert!(
            m.refer_to()
                .unwrap()
                .unwrap()
                .uri
                .as_sip()
                .unwrap()
                .has_headers()
        );
        assert_eq!(m.expires().unwrap(), Some(120));
        assert_eq!(m.user_agent(), Some("softphone/2.1 (beta)"));
        let auth = m.proxy_authorization().next().unwrap().unwrap();
        assert!(auth.is_digest());
        assert_eq!(auth.username().as_deref(), Some("alice"));
        assert_eq!(
            auth.nonce().as_deref(),
            Some("84a4cc6f3082121f32b42a2187831a9e")
        );
        assert_eq!(auth.qop().as_deref(), Some("auth"));
        assert_eq!(auth.param("nc").as_deref(), Some("00000001"));
        let ct = m.content_type().unwrap().unwrap();
        assert!(ct.is("Multipart", "MIXED"));
        assert_eq!(ct.boundary().as_deref(), Some("unique-boundary-1"));
    });
}

#[test]
fn typed_errors_name_the_header_and_the_absolute_offset() {
    let wire = REQ.replace("Max-Forwards: 68", "Max-Forwards: 256");
    with(&wire, |m| {
        let err = m.max_forwards().unwrap_err();
        let at = wire.find("256").unwrap();
        assert_eq!(
            err,
            Error::Header {
                offset: at,
                name: "Max-Forwards",
                reason: "number out of range"
            }
        );
    });
    let wire = REQ.replace("Allow: INVITE, ACK,", "Allow: INVITE,, ACK,");
    with(&wire, |m| {
        let err = m.allow().find_map(Result::err).unwrap();
        assert_eq!(err.reason(), "invalid Allow header: empty list element");
    });
    // An auth parameter with no value, and one whose value is neither a token nor a
    // quoted string (quotes escaped with backslashes, as one captured 401 has them):
    // each reported where its value starts.
    for (value, reason) in [
        ("realm=,", "empty auth parameter value"),
        (
            "realm=\\\"atlanta.example.com\\\",",
            "auth parameter value is not a token or quoted string",
        ),
    ] {
        let wire = REQ.replace("realm=\"atlanta.example.com\",", value);
        with(&wire, |m| {
            let err = m.proxy_authorization().next().unwrap().unwrap_err();
            assert_eq!(err.offset(), wire.find(value).unwrap() + "realm=".len());
            assert_eq!(
                err.reason(),
                format!("invalid Proxy-Authorization header: {reason}")
            );
        });
    }
}

#[test]
fn check_rejects_message_level_rule_breaks() {
    let req = one_contact();
    let cases = [
        (
            req.replace("CSeq: 314159 INVITE", "CSeq: 314159 BYE"),
            "CSeq method differs from the request method",
        ),
        (
            req.replace("Call-ID: a84b", "Call-ID: x\r\ni: a84b"),
            "Call-ID header appears more than once",
        ),
        (
            req.replace("To: Bob <sip:bob@biloxi.example.com>\r\n", ""),
            "missing To header",
        ),
        (
            req.replace("Expires: 120", "Expires: 4294967296"),
            "invalid Expires header: number out of range",
        ),
        (
            req.replace("Contact: <sip:alice@pc33", "Contact: *, <sip:alice@pc33"),
            "invalid Contact header: '*' must be the only Contact value",
        ),
        (
            req.replace("SIP/2.0\r\n", "SIP/2.1\r\n"),
            "unsupported SIP version (only SIP/2.0)",
        ),
    ];
    for (wire, reason) in cases {
        assert_eq!(check(wire.as_bytes()).unwrap_err().reason(), reason);
    }
}

#[test]
fn comma_splitting_respects_quotes_and_angle_brackets() {
    let v = r#"<sip:a@b;x=1,2>, "x\",y" <sip:c@d>,plain"#;
    assert_eq!(
        split_commas(v).collect::<Vec<_>>(),
        ["<sip:a@b;x=1,2>", r#""x\",y" <sip:c@d>"#, "plain"]
    );
}

#[test]
fn multipart_bodies_split_into_parts() {
    let body = b"preamble\r\n--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--b\r\nContent-Type: application/pidf+xml\r\nContent-ID: <x@y>\r\n\r\n<presence/>\r\n--b--\r\nepilogue";
    let parts = sip_core::multipart::split_multipart(body, "b").unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].body, b"v=0\r\n");
    assert_eq!(parts[1].header("content-id"), Some(&b"<x@y>"[..]));
    assert_eq!(parts[1].body, b"<presence/>");
    assert!(sip_core::multipart::split_multipart(b"--b\r\n\r\nno end", "b").is_err());
}

#[test]
fn multibyte_text_at_slice_points_is_an_error_not_a_panic() {
    // A 3-byte character straddles byte 4 after "sip:" and byte 14 of a tel parameter.
    assert!(Uri::parse_with("sip:sié:user@host", true).is_err());
    assert!(Uri::parse_with("sip:ab€cd@host", true).is_err());
    assert!(Uri::parse("tel:12;phone-contexé=x").is_err());
    assert!(parse_name_addr("\"é\" <sip:é@h>").is_err());
}

#[test]
fn uri_equality_is_reflexive_with_repeated_parameters() {
    // Found by the sip_uri fuzz target: a parameter name given twice with different values.
    let s = "sip:user;pa:r=u%40exap:user;pa:r=u%40examtenpmeaxlmtenpmeaxle.com";
    let u = Uri::parse(s).unwrap();
    assert!(uri_eq(&u, &u));
    let a = Uri::parse("sip:h;x=1;x=2").unwrap();
    let b = Uri::parse("sip:h;x=1").unwrap();
    assert!(uri_eq(&a, &b) && uri_eq(&b, &a));
}

/// Fuzz crash (`sip_uri`): `%2er` and `.r` are one parameter name once %-decoded. A
/// repeated name counts by its first occurrence, decoded the same way on both sides, so
/// the first of them (`%2er=nt1`) is the one compared and equality stays reflexive.
#[test]
fn uri_equality_is_reflexive_when_escaped_names_repeat() {
    let s = "sip:567@l;ussip:6l;%2er=nt1;.r=nl;user=phon+l;ul;user=phon+-l;usser=nt1;.r=nl;user0=phon+-l;ul;user=phon+-l;user;user=pho+eln-;use;user";
    let u = Uri::parse(s).unwrap();
    assert!(uri_eq(&u, &u));
    // The first occurrence decides: `.r=nt1` equals, `.r=nl` does not.
    let a = Uri::parse("sip:a@h;%2er=nt1;.r=nl").unwrap();
    assert!(uri_eq(&a, &Uri::parse("sip:a@h;.r=nt1").unwrap()));
    assert!(!uri_eq(&a, &Uri::parse("sip:a@h;.r=nl").unwrap()));
}
