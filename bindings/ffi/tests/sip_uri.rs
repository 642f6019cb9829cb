//! URIs taken apart through the bindings: RFC 3261's examples (19.1.3), a `tel:` URI
//! (RFC 3966), another scheme kept whole, and errors with their offset.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use voipkit_ffi::{SipUriParam, VoipkitError, sip_uri_parse};

fn p(name: &str, value: Option<&str>) -> SipUriParam {
    SipUriParam {
        name: name.into(),
        value: value.map(Into::into),
    }
}

#[test]
fn a_sip_uri_gives_its_parts_in_order() {
    let u = sip_uri_parse(
        "sips:alice:secretword@[2001:db8::10]:5061;transport=tcp;lr?subject=project%20x&priority=urgent"
            .into(),
        false,
    )
    .unwrap();
    assert_eq!(u.scheme, "sips");
    assert_eq!(u.user.as_deref(), Some("alice"));
    assert_eq!(u.password.as_deref(), Some("secretword"));
    assert_eq!(u.host.as_deref(), Some("[2001:db8::10]"));
    assert_eq!(u.port, Some(5061));
    assert_eq!(u.params, [p("transport", Some("tcp")), p("lr", None)]);
    assert_eq!(
        u.headers,
        [
            p("subject", Some("project%20x")),
            p("priority", Some("urgent"))
        ]
    );
    assert_eq!((u.number, u.rest), (None, None));
}

#[test]
fn tel_and_other_schemes() {
    let t = sip_uri_parse("tel:+1-201-555-0123;ext=1234".into(), false).unwrap();
    assert_eq!(
        (t.scheme.as_str(), t.number.as_deref()),
        ("tel", Some("+1-201-555-0123"))
    );
    assert_eq!(t.params, [p("ext", Some("1234"))]);
    assert_eq!(t.host, None);
    let m = sip_uri_parse("mailto:carol@example.com".into(), false).unwrap();
    assert_eq!(
        (m.scheme.as_str(), m.rest.as_deref()),
        ("mailto", Some("carol@example.com"))
    );
}

#[test]
fn a_bad_uri_is_a_sip_error_and_lenient_reads_deployed_quirks() {
    match sip_uri_parse("sip:alice@my_host.example.com".into(), false) {
        Err(VoipkitError::Sip { kind, .. }) => assert!(!kind.is_empty()),
        other => panic!("expected a SIP error, got {other:?}"),
    }
    let u = sip_uri_parse("sip:alice@my_host.example.com".into(), true).unwrap();
    assert_eq!(u.host.as_deref(), Some("my_host.example.com"));
}
