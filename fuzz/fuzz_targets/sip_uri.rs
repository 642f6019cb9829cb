//! URIs, name-addrs and Via values: parsing never panics; a parsed URI prints back
//! to text that parses to an equal URI (RFC 3261 19.1.4), and equality is reflexive;
//! the one-pass reading of a plain SIP URI and of a host agree with the full readings,
//! and a Via's `SIP/2.0/` read in one step with its reading token by token.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_core::uri::{Uri, uri_eq};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    assert!(
        sip_core::uri::fast_paths_agree(s),
        "fast and full readings differ: {s:?}"
    );
    assert!(
        sip_core::headers::sent_protocol_agrees(s),
        "one-step and token-by-token sent-protocols differ: {s:?}"
    );
    for lenient in [false, true] {
        if let Ok(u) = Uri::parse_with(s, lenient) {
            assert!(uri_eq(&u, &u), "not reflexive: {s:?}");
            let text = u.to_string();
            let again = Uri::parse_with(&text, lenient);
            match again {
                Ok(v) => assert!(uri_eq(&u, &v), "{s:?} -> {text:?}"),
                Err(e) => panic!("{s:?} printed as {text:?} which fails: {e}"),
            }
            if let Uri::Sip(sip) = u {
                let _ = (
                    sip.params().count(),
                    sip.headers().count(),
                    sip.user_unescaped(),
                );
            }
        }
    }
    let _ = sip_core::headers::parse_name_addr(s)
        .map(|n| (n.tag(), n.display_name(), n.q(), n.expires()));
    let _ = sip_core::headers::parse_via(s).map(|v| (v.branch(), v.rport()));
    let _ = sip_core::headers::split_commas(s).count();
});
