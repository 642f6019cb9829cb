//! The carrier headers, with expected values worked out from RFC 5806 (Diversion),
//! RFC 7044 (History-Info), RFC 3323 and RFC 3325 (Privacy, P-Preferred-Identity),
//! RFC 7315 (P-Charging-Vector), RFC 8224, RFC 8225, RFC 8588 and RFC 8946 (Identity and
//! PASSporT), and from the field corpus's values.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use sip_core::headers::{
    parse_charging_vector, parse_diversion, parse_history_info, parse_identity, parse_privacy,
};
use sip_core::passport::{Part, Party, Passport, PassportError};
use sip_core::{Error, Parser, check};

/// An INVITE with `headers` (each line ended by CRLF) after the mandatory ones.
fn wire(headers: &str) -> String {
    format!(
        "INVITE sip:+31201234567@sip.example.nl SIP/2.0\r\n\
Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1\r\n\
Max-Forwards: 70\r\n\
From: <sip:alice@example.nl>;tag=1\r\n\
To: <sip:+31201234567@sip.example.nl>\r\n\
Call-ID: c1@192.0.2.1\r\n\
CSeq: 1 INVITE\r\n\
Contact: <sip:alice@192.0.2.1>\r\n\
{headers}Content-Length: 0\r\n\r\n"
    )
}

fn with<R>(headers: &str, f: impl FnOnce(&sip_core::Message<'_>) -> R) -> R {
    let wire = wire(headers);
    let mut slots = Vec::new();
    let m = Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    f(&m)
}

fn checked(headers: &str) -> Result<(), Error> {
    check(wire(headers).as_bytes())
}

fn b64(s: &str) -> String {
    // Test-side encoder (RFC 4648 section 5, no padding), written out so the decoder
    // is not checked against itself.
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let b = s.as_bytes();
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | u32::from(c) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

#[test]
fn the_test_encoder_matches_rfc4648_vectors() {
    // RFC 4648 section 10.
    for (plain, enc) in [
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(b64(plain), enc);
    }
}

#[test]
fn diversion_reads_reason_counter_privacy_and_screen() {
    // Values from the field corpus (a Broadsoft-style and an RFC 5806 section 10
    // example), and a counter and limit.
    let d = parse_diversion(r#"<tel:+19195551002>;reason=user-busy;screen="yes";privacy="off""#)
        .unwrap();
    assert_eq!(d.addr.uri_raw, "tel:+19195551002");
    assert_eq!(d.reason().as_deref(), Some("user-busy"));
    assert_eq!(d.screen().as_deref(), Some("yes"));
    assert_eq!(d.privacy().as_deref(), Some("off"));
    // RFC 5806 section 4: a counter that is absent is 1.
    assert_eq!((d.counter, d.limit), (1, None));
    let d = parse_diversion(
        "\"Carol\" <sip:carol@atlanta.example.com>;reason=no-answer;counter=3;limit=10",
    )
    .unwrap();
    assert_eq!(d.addr.display_name().as_deref(), Some("Carol"));
    assert_eq!((d.counter, d.limit), (3, Some(10)));
    assert_eq!(d.privacy(), None);

    with(
        "Diversion: <sip:2001@pbx.example.nl>;reason=unconditional, <sip:2002@pbx.example.nl>;reason=no-answer;counter=2\r\n\
Diversion: <sip:WeSellPizza@p2.isp.com>;reason=time-of-day;privacy=full\r\n",
        |m| {
            let all: Vec<_> = m.diversions().map(Result::unwrap).collect();
            let uris: Vec<_> = all.iter().map(|d| d.addr.uri_raw).collect();
            assert_eq!(
                uris,
                [
                    "sip:2001@pbx.example.nl",
                    "sip:2002@pbx.example.nl",
                    "sip:WeSellPizza@p2.isp.com"
                ]
            );
            let counters: Vec<_> = all.iter().map(|d| d.counter).collect();
            assert_eq!(counters, [1, 2, 1]);
        },
    );
}

#[test]
fn a_bad_diversion_counter_is_an_error_of_that_element_only() {
    for bad in [
        "counter=100",
        "counter=x",
        "counter",
        "limit=",
        "counter=-1",
    ] {
        let v = format!("<sip:a@example.com>;{bad}");
        assert!(parse_diversion(&v).is_err(), "{bad}");
    }
    let headers =
        "Diversion: <sip:a@example.com>;counter=123, <sip:b@example.com>;reason=deflection\r\n";
    with(headers, |m| {
        let all: Vec<_> = m.diversions().collect();
        assert_eq!(all.len(), 2);
        let Err(Error::Header { name, reason, .. }) = &all[0] else {
            panic!("{:?}", all[0])
        };
        assert_eq!(
            (*name, *reason),
            ("Diversion", "counter is not a number of one or two digits")
        );
        assert_eq!(
            all[1].as_ref().unwrap().reason().as_deref(),
            Some("deflection")
        );
        // The rest of the message reads.
        assert_eq!(m.cseq().unwrap().unwrap().seq, 1);
    });
    let Err(Error::Header { name, .. }) = checked(headers) else {
        panic!("check accepts a three-digit counter")
    };
    assert_eq!(name, "Diversion");
}

#[test]
fn history_info_reads_index_tree_and_the_reason_a_target_was_left_for() {
    // RFC 7044 section 11's call flow, shortened: Bob's phone rings, times out (408)
    // and the call is retargeted to his voicemail.
    let headers = "History-Info: <sip:bob@example.com>;index=1\r\n\
History-Info: <sip:bob@192.0.2.5?Reason=SIP%3Bcause%3D408%3Btext%3D%22Request%20Timeout%22>;index=1.1;rc=1\r\n\
History-Info: <sip:vm@example.com;target=sip:bob%40example.com;cause=408>;index=1.2;mp=1\r\n";
    with(headers, |m| {
        let all: Vec<_> = m.history_info().map(Result::unwrap).collect();
        let indexes: Vec<_> = all.iter().map(|h| h.index.unwrap()).collect();
        assert_eq!(indexes, ["1", "1.1", "1.2"]);
        assert_eq!(all[1].index_levels().collect::<Vec<_>>(), [1, 1]);
        assert_eq!(
            (all[1].rc(), all[1].mp(), all[1].np()),
            (Some("1"), None, None)
        );
        assert_eq!(all[2].mp(), Some("1"));
        assert_eq!(all[0].reason(), None);
        let r = all[1].reason().unwrap();
        assert_eq!(r.protocol, "SIP");
        assert_eq!(r.cause, Some(408));
        assert_eq!(r.text.as_deref(), Some("Request Timeout"));
    });
    assert_eq!(checked(headers), Ok(()));
    // As a field capture writes it, the Reason's `;` not escaped: an error strictly,
    // read with `Quirk::UnescapedUriHeader` (tests/quirks.rs).
    assert!(
        parse_history_info("<sip:917053949033@68.53.60.10:5060?Reason=SIP;cause=302>;index=1")
            .is_err()
    );
}

#[test]
fn history_info_index_follows_rfc7044_grammar() {
    for bad in [
        "index=01",
        "index=1..2",
        "index=1.",
        "index=",
        "index=a",
        "rc=1.0",
    ] {
        let v = format!("<sip:a@example.com>;{bad}");
        assert!(parse_history_info(&v).is_err(), "{bad}");
    }
    // No index reads (the entry is kept) and fails the strict check.
    let h = parse_history_info("<sip:a@example.com>").unwrap();
    assert_eq!(h.index, None);
    assert_eq!(h.index_levels().count(), 0);
    let Err(Error::Header { name, reason, .. }) = checked("History-Info: <sip:a@example.com>\r\n")
    else {
        panic!("check accepts an entry without an index")
    };
    assert_eq!((name, reason), ("History-Info", "entry without an index"));
}

#[test]
fn privacy_values_are_read_in_order() {
    let p = parse_privacy("id;critical").unwrap();
    assert_eq!(p.values().collect::<Vec<_>>(), ["id", "critical"]);
    assert!(p.has("Critical"));
    // As a field capture has it.
    let p = parse_privacy("none;none").unwrap();
    assert_eq!(p.values().count(), 2);
    assert!(p.has("none") && !p.has("id"));
    let p = parse_privacy("header ; user").unwrap();
    assert_eq!(p.values().collect::<Vec<_>>(), ["header", "user"]);
    for bad in ["", "id;", ";id", "id;;user", "id user"] {
        assert!(parse_privacy(bad).is_err(), "{bad:?}");
    }
    with("Privacy: id\r\n", |m| {
        assert!(m.privacy().unwrap().unwrap().has("id"));
    });
    with("", |m| assert_eq!(m.privacy(), Ok(None)));
}

#[test]
fn preferred_identity_and_remote_party_id_are_addresses() {
    with(
        "P-Preferred-Identity: \"Cullen Jennings\" <sip:fluffy@cisco.com>, <tel:+14085264000>\r\n\
Remote-Party-ID: \"Alice\" <sip:+31201234567@gw.example.nl>;party=calling;screen=yes;privacy=off\r\n",
        |m| {
            let ppi: Vec<_> = m
                .p_preferred_identities()
                .map(|a| a.unwrap().uri_raw)
                .collect();
            assert_eq!(ppi, ["sip:fluffy@cisco.com", "tel:+14085264000"]);
            let rpid = m.remote_party_ids().next().unwrap().unwrap();
            assert_eq!(rpid.display_name().as_deref(), Some("Alice"));
            assert_eq!(rpid.params.get("party"), Some(Some("calling")));
            assert_eq!(rpid.params.get("privacy"), Some(Some("off")));
        },
    );
}

#[test]
fn charging_vector_reads_icid_and_the_networks() {
    // RFC 7315 section 4.6's example.
    let v = parse_charging_vector(
        "icid-value=1234bc9876e;icid-generated-at=192.0.6.8;orig-ioi=home1.net",
    )
    .unwrap();
    assert_eq!(v.icid(), "1234bc9876e");
    assert_eq!(v.icid_generated_at(), Some("192.0.6.8"));
    assert_eq!(v.orig_ioi().as_deref(), Some("home1.net"));
    assert_eq!(v.term_ioi(), None);
    // Field values: a quoted icid, and one with a term-ioi.
    let v =
        parse_charging_vector(r#"icid-value="rjo-lab-pcscf01.192.44c.20210810113803""#).unwrap();
    assert_eq!(v.icid(), "rjo-lab-pcscf01.192.44c.20210810113803");
    assert_eq!(v.icid_raw, "\"rjo-lab-pcscf01.192.44c.20210810113803\"");
    let v = parse_charging_vector(
        "icid-value=sgc3.daatf005.sip.t-mobile.com-1485-460188-67377;term-ioi=e-ioi3",
    )
    .unwrap();
    assert_eq!(v.term_ioi().as_deref(), Some("e-ioi3"));
    for bad in [
        "orig-ioi=home1.net;icid-value=1",
        "icid-value",
        "icid-value=",
        "",
    ] {
        assert!(parse_charging_vector(bad).is_err(), "{bad:?}");
    }
    let Err(Error::Header { name, .. }) = checked("P-Charging-Vector: orig-ioi=x\r\n") else {
        panic!("check accepts a charging vector without icid-value")
    };
    assert_eq!(name, "P-Charging-Vector");
}

/// RFC 8588 section 6's header and claims.
const SHAKEN_HEADER: &str = r#"{"alg":"ES256","ppt":"shaken","typ":"passport","x5u":"https://cert.example.org/passport.cer"}"#;
const SHAKEN_CLAIMS: &str = r#"{"attest":"A","dest":{"tn":["12155551213"]},"iat":1443208345,"orig":{"tn":"12155551212"},"origid":"123e4567-e89b-12d3-a456-426655440000"}"#;

#[test]
fn identity_headers_give_shaken_and_div_passports() {
    let shaken = format!("{}.{}.c2lnMQ", b64(SHAKEN_HEADER), b64(SHAKEN_CLAIMS));
    // RFC 8946 section 4: the div PASSporT of a call Bob forwarded to Carol.
    let div_header =
        r#"{"alg":"ES256","ppt":"div","typ":"passport","x5u":"https://www.example.com/cert.cer"}"#;
    let div_claims = r#"{"dest":{"tn":["12155553434"]},"div":{"tn":"12155551213"},"iat":1443208400,"orig":{"tn":"12155551212"}}"#;
    let div = format!("{}.{}.c2lnMg", b64(div_header), b64(div_claims));
    let headers = format!(
        "Identity: {shaken};info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken\r\n\
y: {div};info=<https://www.example.com/cert.cer>;ppt=\"div\"\r\n"
    );
    with(&headers, |m| {
        let ids: Vec<_> = m.identities().map(Result::unwrap).collect();
        assert_eq!(ids.len(), 2);
        assert_eq!(ids[0].info, Some("https://cert.example.org/passport.cer"));
        assert_eq!((ids[0].alg, ids[0].ppt), (Some("ES256"), Some("shaken")));
        assert_eq!((ids[1].alg, ids[1].ppt), (None, Some("div")));
        let p = ids[0].passport().unwrap();
        assert_eq!(p.header.alg.as_deref(), Some("ES256"));
        assert_eq!(p.header.typ.as_deref(), Some("passport"));
        assert_eq!(p.claims.attest.as_deref(), Some("A"));
        assert_eq!(p.claims.orig, Some(Party::Tn("12155551212".into())));
        assert_eq!(p.claims.dest, [Party::Tn("12155551213".into())]);
        assert!(p.claims.div.is_empty());
        // 1443208345 s after 1970-01-01: 16703 days (2015-09-25) and 69145 s (19:12:25).
        assert_eq!(p.claims.iat.unwrap().to_string(), "2015-09-25T19:12:25Z");
        assert_eq!(p.signature, "c2lnMQ");
        let d = ids[1].passport().unwrap();
        assert_eq!(d.header.ppt.as_deref(), Some("div"));
        assert_eq!(d.claims.div, [Party::Tn("12155551213".into())]);
        assert_eq!(d.claims.dest, [Party::Tn("12155553434".into())]);
        assert_eq!(d.claims.attest, None);
    });
    assert_eq!(checked(&headers), Ok(()));
}

#[test]
fn identity_reads_uri_identities_iat_as_text_and_the_rfc4474_form() {
    // RFC 8225 section 5.2.1: URI identities; `iat` as a string, as some signers write it.
    let claims = r#"{"dest":{"uri":["sip:alice@example.com"]},"iat":"1443208345","orig":{"uri":"sip:bob@example.com","tn":"12155551212"},"rcd":{"nam":"Bob"}}"#;
    let p = Passport::decode(&format!("{}.{}.", b64(r#"{"alg":"ES256"}"#), b64(claims))).unwrap();
    assert_eq!(p.claims.dest, [Party::Uri("sip:alice@example.com".into())]);
    // `tn` is read before `uri`: orig is the number.
    assert_eq!(p.claims.orig, Some(Party::Tn("12155551212".into())));
    assert_eq!(p.claims.iat.unwrap().as_second(), 1_443_208_345);
    assert!(p.claims.json.contains(r#""rcd":{"nam":"Bob"}"#));
    // RFC 4474: a quoted base64 signature, the certificate in Identity-Info.
    let id = parse_identity("\"ZYNBbHC00VMZr2kZt6VmCvPonWJMGvQTBDqghoWeLxJfzB2a1pxAr3VgrB0SsSAa\"")
        .unwrap();
    assert_eq!(
        id.digest,
        "ZYNBbHC00VMZr2kZt6VmCvPonWJMGvQTBDqghoWeLxJfzB2a1pxAr3VgrB0SsSAa"
    );
    assert_eq!(id.info, None);
    assert!(matches!(
        id.passport(),
        Err(PassportError::Parts { found: 1 })
    ));
}

#[test]
fn identity_header_errors_are_typed() {
    for bad in [
        "",
        ";info=<https://a.example/c>",
        "abc;info=<https://a.example/c",
        "abc;info=<>",
        "abc;alg=ES256;alg=ES384",
        "abc;alg",
        "abc def",
    ] {
        assert!(parse_identity(bad).is_err(), "{bad:?}");
    }
    let Err(Error::Header { name, .. }) = checked("Identity: ;alg=ES256\r\n") else {
        panic!("check accepts an Identity without a digest")
    };
    assert_eq!(name, "Identity");
}

#[test]
fn passport_errors_name_the_part_and_byte() {
    let h = b64(r#"{"alg":"ES256"}"#);
    assert_eq!(
        Passport::decode("abc.def"),
        Err(PassportError::Parts { found: 2 })
    );
    assert_eq!(Passport::decode("..c2ln"), Err(PassportError::Compact));
    // A `+` (base64, not base64url) at byte 3 of the claims.
    let token = format!("{h}.eyJ+YSI6MX0.c2ln");
    assert_eq!(
        Passport::decode(&token),
        Err(PassportError::Base64 {
            part: Part::Claims,
            offset: h.len() + 1 + 3
        })
    );
    let token = format!("{h}.{}.c2l*", b64("{}"));
    assert_eq!(
        Passport::decode(&token),
        Err(PassportError::Base64 {
            part: Part::Signature,
            offset: token.len() - 1
        })
    );
    let token = format!("{h}.{}.c2ln", b64("[1,2]"));
    assert!(matches!(
        Passport::decode(&token),
        Err(PassportError::Json { part: Part::Claims, offset, .. }) if offset == h.len() + 1
    ));
    let token = format!("{}.{}.c2ln", b64("{\"alg\":"), b64("{}"));
    assert!(matches!(
        Passport::decode(&token),
        Err(PassportError::Json {
            part: Part::Header,
            offset: 0,
            ..
        })
    ));
    for (claims, field) in [
        (r#"{"orig":{"tn":12155551212}}"#, "orig"),
        (r#"{"dest":["12155551213"]}"#, "dest"),
        (r#"{"iat":1.5}"#, "iat"),
        (r#"{"iat":99999999999999}"#, "iat"),
        (r#"{"attest":1}"#, "attest"),
    ] {
        let token = format!("{h}.{}.c2ln", b64(claims));
        assert!(
            matches!(Passport::decode(&token), Err(PassportError::Field { field: f, .. }) if f == field),
            "{claims}"
        );
    }
}

mod properties {
    use super::b64;
    use proptest::prelude::*;
    use sip_core::passport::{Party, Passport};

    fn party() -> impl Strategy<Value = Party> {
        prop_oneof![
            "[0-9]{1,15}".prop_map(Party::Tn),
            "sip:[a-z]{1,8}@[a-z]{1,8}\\.example".prop_map(Party::Uri),
        ]
    }

    fn party_json(p: &Party) -> serde_json::Value {
        match p {
            Party::Tn(t) => serde_json::json!({ "tn": t }),
            Party::Uri(u) => serde_json::json!({ "uri": u }),
        }
    }

    proptest! {
        /// Claims written as JSON and encoded by the test's own base64url encoder decode
        /// to the same attestation, identities, time and origin id.
        #[test]
        fn encoded_claims_decode_to_what_was_written(
            attest in proptest::option::of("[ABC]"),
            orig in proptest::option::of(party()),
            dest in proptest::collection::vec("[0-9]{1,15}", 0..4),
            iat in proptest::option::of(0i64..4_102_444_800),
            origid in proptest::option::of("[0-9a-f-]{1,36}"),
            extra in proptest::option::of("[a-z]{1,6}"),
        ) {
            let mut claims = serde_json::Map::new();
            if let Some(a) = &attest {
                claims.insert("attest".into(), a.clone().into());
            }
            if let Some(o) = &orig {
                claims.insert("orig".into(), party_json(o));
            }
            claims.insert("dest".into(), serde_json::json!({ "tn": dest }));
            if let Some(t) = iat {
                claims.insert("iat".into(), t.into());
            }
            if let Some(o) = &origid {
                claims.insert("origid".into(), o.clone().into());
            }
            if let Some(e) = &extra {
                claims.insert("x-extra".into(), e.clone().into());
            }
            let claims = serde_json::Value::Object(claims).to_string();
            let token = format!("{}.{}.c2ln", b64(r#"{"alg":"ES256","ppt":"shaken"}"#), b64(&claims));
            let p = Passport::decode(&token).unwrap();
            prop_assert_eq!(p.claims.attest, attest);
            prop_assert_eq!(p.claims.orig, orig);
            prop_assert_eq!(p.claims.dest, dest.into_iter().map(Party::Tn).collect::<Vec<_>>());
            prop_assert_eq!(p.claims.iat.map(|t| t.as_second()), iat);
            prop_assert_eq!(p.claims.origid, origid);
            let json: serde_json::Value = serde_json::from_str(&p.claims.json).unwrap();
            prop_assert_eq!(json, serde_json::from_str::<serde_json::Value>(&claims).unwrap());
        }
    }
}

/// An Identity without `info` reads and passes `check`: RFC 4475's valid torture
/// message `mpart01` carries one (an RFC 4474 signature, before RFC 8224 put `info` in
/// the grammar), and a torture message marked valid stays valid.
#[test]
fn an_identity_without_info_reads_and_checks() {
    assert_eq!(checked("Identity: abc.def.ghi;alg=ES256\r\n"), Ok(()));
    with("Identity: abc.def.ghi\r\n", |m| {
        assert_eq!(m.identities().next().unwrap().unwrap().info, None);
    });
}
