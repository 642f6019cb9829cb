//! STIR/SHAKEN verification against PASSporTs signed by another JWS implementation
//! (PyJWT) and by openssl, with a certificate made by openssl (`tests/data/stir`, made by
//! its `make.sh`).
#![cfg(feature = "stir")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::Engine as _;
use sip_core::passport::{
    CertificateError, IdentityError, Party, Passport, PassportError, SigningCertificate,
    VerifyError,
};

const CERT: &str = include_str!("data/stir/cert.pem");
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

fn token(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/data/stir/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .trim()
    .to_owned()
}

fn cert() -> SigningCertificate {
    SigningCertificate::from_pem(CERT).unwrap()
}

/// `token` with its header or claims (`part` 0 or 1) replaced by `json`, the signature
/// kept.
fn with_part(token: &str, part: usize, json: &str) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[part] = B64.encode(json);
    parts.join(".")
}

fn decoded(token: &str, part: usize) -> String {
    String::from_utf8(B64.decode(token.split('.').nth(part).unwrap()).unwrap()).unwrap()
}

#[test]
fn a_shaken_passport_signed_by_pyjwt_verifies_with_its_certificate() {
    let cert = cert();
    assert_eq!(cert.subject(), "CN=SHAKEN 1234,O=Example Carrier,C=US");
    // openssl made it valid for 3650 days.
    assert_eq!(
        cert.not_after().as_second() - cert.not_before().as_second(),
        3650 * 86400
    );
    let p = Passport::verify(&token("shaken-a.token"), &cert).unwrap();
    assert_eq!(p.header.alg.as_deref(), Some("ES256"));
    assert_eq!(p.header.ppt.as_deref(), Some("shaken"));
    assert_eq!(
        p.header.x5u.as_deref(),
        Some("https://cert.example.org/passport.pem")
    );
    assert_eq!(p.claims.attest.as_deref(), Some("A"));
    assert_eq!(p.claims.orig, Some(Party::Tn("12155551212".into())));
    assert_eq!(p.claims.dest, [Party::Tn("12155551213".into())]);
    // Signed an hour into the certificate's validity (sign.py).
    assert_eq!(
        p.claims.iat.unwrap().as_second(),
        cert.not_before().as_second() + 3600
    );

    let div = Passport::verify(&token("div.token"), &cert).unwrap();
    assert_eq!(div.header.ppt.as_deref(), Some("div"));
    assert_eq!(div.claims.div, [Party::Tn("12155551213".into())]);
    assert_eq!(div.claims.attest, None);
}

#[test]
fn a_changed_claim_header_or_signature_does_not_verify() {
    let cert = cert();
    let good = token("shaken-a.token");
    // The attestation raised from A to B, or a space added to the claims' JSON: any
    // change to the signed text breaks the signature, even one that decodes the same.
    let claims = decoded(&good, 1);
    let raised = with_part(&good, 1, &claims.replace("\"A\"", "\"B\""));
    assert_eq!(
        Passport::decode(&raised).unwrap().claims.attest.as_deref(),
        Some("B")
    );
    assert_eq!(
        Passport::verify(&raised, &cert),
        Err(VerifyError::Signature)
    );
    let spaced = with_part(&good, 1, &format!("{claims} "));
    assert_eq!(
        Passport::verify(&spaced, &cert),
        Err(VerifyError::Signature)
    );
    // The x5u pointed elsewhere.
    let header = decoded(&good, 0).replace("cert.example.org", "evil.example.net");
    assert_eq!(
        Passport::verify(&with_part(&good, 0, &header), &cert),
        Err(VerifyError::Signature)
    );
    // One bit of the signature flipped, and a signature of zeros (r = 0 signs nothing).
    let (signed, signature) = good.rsplit_once('.').unwrap();
    let mut raw = B64.decode(signature).unwrap();
    raw[10] ^= 1;
    let flipped = format!("{signed}.{}", B64.encode(&raw));
    assert_eq!(
        Passport::verify(&flipped, &cert),
        Err(VerifyError::Signature)
    );
    let zeros = format!("{signed}.{}", B64.encode([0u8; 64]));
    assert_eq!(Passport::verify(&zeros, &cert), Err(VerifyError::Signature));
    // The certificate of another P-256 key.
    let other = SigningCertificate::from_pem(include_str!("data/stir/other-cert.pem")).unwrap();
    assert_eq!(Passport::verify(&good, &other), Err(VerifyError::Signature));
}

#[test]
fn only_es256_with_a_64_byte_signature_is_taken() {
    let cert = cert();
    let good = token("shaken-a.token");
    let hs256 = decoded(&good, 0).replace("ES256", "HS256");
    assert_eq!(
        Passport::verify(&with_part(&good, 0, &hs256), &cert),
        Err(VerifyError::Algorithm {
            found: Some("HS256".into())
        })
    );
    let no_alg = with_part(&good, 0, r#"{"ppt":"shaken","typ":"passport"}"#);
    assert_eq!(
        Passport::verify(&no_alg, &cert),
        Err(VerifyError::Algorithm { found: None })
    );
    // openssl's ASN.1 DER signature of the same claims: 70 to 72 bytes, refused as such.
    match Passport::verify(&token("der-signature.token"), &cert) {
        Err(VerifyError::SignatureLength { len }) => assert!((70..=72).contains(&len), "{len}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_passport_signed_outside_the_certificates_validity_is_refused() {
    let cert = cert();
    let Err(VerifyError::Expired {
        iat,
        not_before,
        not_after,
    }) = Passport::verify(&token("before-validity.token"), &cert)
    else {
        panic!("not refused");
    };
    assert_eq!(iat.as_second(), cert.not_before().as_second() - 86400);
    assert_eq!(
        (not_before, not_after),
        (cert.not_before(), cert.not_after())
    );
}

#[test]
fn a_token_that_does_not_decode_says_why() {
    let cert = cert();
    assert_eq!(
        Passport::verify("..c2ln", &cert),
        Err(VerifyError::Decode(PassportError::Compact))
    );
    assert_eq!(
        Passport::verify("a.b", &cert),
        Err(VerifyError::Decode(PassportError::Parts { found: 2 }))
    );
}

#[test]
fn the_first_certificate_of_a_chain_signs_and_other_keys_are_refused() {
    let rsa = include_str!("data/stir/rsa-cert.pem");
    let p384 = include_str!("data/stir/p384-cert.pem");
    // An x5u chain: the end-entity certificate first, then the rest.
    let chain = format!("{CERT}{rsa}");
    let first = SigningCertificate::from_pem(&chain).unwrap();
    assert!(Passport::verify(&token("shaken-a.token"), &first).is_ok());
    assert_eq!(
        SigningCertificate::from_pem(rsa).err(),
        Some(CertificateError::NotP256)
    );
    assert_eq!(
        SigningCertificate::from_pem(p384).err(),
        Some(CertificateError::NotP256)
    );
    assert_eq!(
        SigningCertificate::from_pem("no certificate here").err(),
        Some(CertificateError::NoCertificate)
    );
    let cut = CERT.replacen("MII", "MIX", 1);
    assert!(matches!(
        SigningCertificate::from_pem(&cut),
        Err(CertificateError::Der { .. })
    ));
    // The DER inside the PEM reads the same.
    let body: String = CERT.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap();
    let from_der = SigningCertificate::from_der(&der).unwrap();
    assert_eq!(from_der.subject(), first.subject());
    assert_eq!(from_der.not_before(), first.not_before());
    assert!(Passport::verify(&token("div.token"), &from_der).is_ok());
}

/// An INVITE dated `date` (an RFC 1123 date, none when `None`) with these Identity values.
fn invite(date: Option<&str>, identities: &[&str]) -> String {
    let mut m = String::from("INVITE sip:+12155551213@example.com SIP/2.0\r\nCall-ID: v\r\n");
    if let Some(d) = date {
        m.push_str(&format!("Date: {d}\r\n"));
    }
    for i in identities {
        m.push_str(&format!("Identity: {i}\r\n"));
    }
    m + "\r\n"
}

#[test]
fn a_message_verifies_when_every_identity_verifies_and_is_fresh() {
    let (a, div) = (token("shaken-a.token"), token("div.token"));
    // shaken-a was signed at 17:59:34, the diversion 100 s later (sign.py).
    let info = ";info=<https://cert.example.org/passport.pem>";
    let wire = invite(
        Some("Sun, 06 Dec 2026 18:00:04 GMT"),
        &[&format!("{a}{info}"), &format!("{div}{info}")],
    );
    let mut slots = Vec::new();
    let m = sip_core::Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let v = m.verify_identities(&cert(), 60);
    assert_eq!(v.date.as_ref().unwrap().unwrap().as_second(), 1_796_580_004);
    assert_eq!(v.identities.len(), 2);
    assert!(v.identities.iter().all(|i| i.verified()));
    // 30 s after the first; the diversion is dated 70 s after the message.
    assert_eq!(v.identities[0].age_seconds, Some(30));
    assert_eq!(v.identities[1].age_seconds, Some(-70));
    assert_eq!(
        v.identities[1]
            .passport
            .as_ref()
            .unwrap()
            .header
            .ppt
            .as_deref(),
        Some("div")
    );
    assert_eq!(
        v.identities.iter().map(|i| i.fresh).collect::<Vec<_>>(),
        [Some(true), Some(false)]
    );
    assert!(!v.verified());
    assert!(m.verify_identities(&cert(), 70).verified());
    assert!(!m.verify_identities(&cert(), 69).verified());
}

#[test]
fn an_identity_that_does_not_read_or_verify_or_a_message_without_date_does_not_verify() {
    let a = token("shaken-a.token");
    let forged = with_part(&a, 1, &decoded(&a, 1).replace("\"A\"", "\"B\""));
    let wire = invite(None, &[&a, &forged, ";info=<https://x.example>"]);
    let mut slots = Vec::new();
    let m = sip_core::Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    let v = m.verify_identities(&cert(), 60);
    assert_eq!(v.date, Ok(None));
    let [good, bad, unread] = &v.identities[..] else {
        panic!("{v:?}")
    };
    // Undated: the signature verifies, freshness is unknown, so the message fails.
    assert!(good.verified());
    assert_eq!((good.age_seconds, good.fresh), (None, None));
    // The forged one is decoded to be shown, with why it fails.
    assert_eq!(
        bad.error,
        Some(IdentityError::Verify(VerifyError::Signature))
    );
    assert_eq!(
        bad.passport.as_ref().unwrap().claims.attest.as_deref(),
        Some("B")
    );
    assert_eq!(unread.index, 2);
    assert!(matches!(unread.error, Some(IdentityError::Header(_))));
    assert_eq!(
        unread.error.as_ref().map(IdentityError::kind),
        Some("header")
    );
    assert_eq!(unread.passport, None);
    assert!(!v.verified());
    // No Identity at all: nothing vouches for the call.
    let bare = invite(Some("Sun, 06 Dec 2026 18:00:04 GMT"), &[]);
    let m = sip_core::Parser::new()
        .parse_datagram(bare.as_bytes(), &mut slots)
        .unwrap();
    assert!(m.verify_identities(&cert(), 60).identities.is_empty());
    assert!(!m.verify_identities(&cert(), 60).verified());
}

/// An INVITE dated 30 s after shaken-a was signed, with these header lines and the
/// Identity values of `tokens`.
fn invite_with(headers: &str, tokens: &[&str]) -> String {
    let mut m = format!(
        "INVITE sip:+12155551214@example.com SIP/2.0\r\nCall-ID: n\r\n\
         Date: Sun, 06 Dec 2026 18:00:04 GMT\r\n{headers}"
    );
    for t in tokens {
        m.push_str(&format!(
            "Identity: {t};info=<https://cert.example.org/passport.pem>\r\n"
        ));
    }
    m + "\r\n"
}

fn verify(wire: &str, max_age: u32) -> sip_core::passport::MessageVerification {
    let mut slots = Vec::new();
    let m = sip_core::Parser::new()
        .parse_datagram(wire.as_bytes(), &mut slots)
        .unwrap();
    m.verify_identities(&cert(), max_age)
}

#[test]
fn a_passport_must_name_the_calling_and_called_numbers_of_the_message() {
    let (a, div) = (token("shaken-a.token"), token("div.token"));
    // shaken-a: orig 12155551212, dest 12155551213; the diversion: orig 12155551212,
    // div 12155551213 (the number first called, which To keeps), dest 12155551214.
    let ours = "From: <sip:+1-215-555-1212@example.com;user=phone>;tag=1\r\n\
                To: <tel:+1(215)555-1213>\r\n";
    let v = verify(&invite_with(ours, &[&a, &div]), 200);
    let matches: Vec<_> = v
        .identities
        .iter()
        .map(|i| (i.orig_matches, i.dest_matches))
        .collect();
    assert_eq!(
        matches,
        [(Some(true), Some(true)), (Some(true), Some(true))]
    );
    assert!(v.verified());
    // The same PASSporTs on a call to another number: signatures verify, the call does not.
    let other =
        "From: <sip:+12155551212@example.com>;tag=1\r\nTo: <sip:+12155559999@example.com>\r\n";
    let v = verify(&invite_with(other, &[&a]), 200);
    assert!(v.identities[0].verified());
    assert_eq!(
        (v.identities[0].orig_matches, v.identities[0].dest_matches),
        (Some(true), Some(false))
    );
    assert!(!v.verified());
    // The calling number is P-Asserted-Identity's when it names one, not From's.
    let asserted = "From: <sip:+12155551212@example.com>;tag=1\r\n\
                    P-Asserted-Identity: <sip:+12155550000@example.com;user=phone>\r\n\
                    To: <sip:+12155551213@example.com>\r\n";
    let v = verify(&invite_with(asserted, &[&a]), 200);
    assert_eq!(v.identities[0].orig_matches, Some(false));
    assert!(!v.verified());
    // A national number (the ten digits of a NANP From, no `+`) matches the tn with its
    // country code; the same digits written globally are another number.
    let national = "From: <sip:2155551212@example.com;user=phone>;tag=1\r\n\
                    To: <sip:12155551213@example.com;user=phone>\r\n";
    let v = verify(&invite_with(national, &[&a]), 200);
    assert_eq!(
        (v.identities[0].orig_matches, v.identities[0].dest_matches),
        (Some(true), Some(true))
    );
    // Dialled behind the international prefix 00, and with separators.
    let prefixed = "From: <sip:0012155551212@example.com;user=phone>;tag=1\r\n\
                    To: <sip:1-215-555-1213@example.com;user=phone>\r\n";
    let v = verify(&invite_with(prefixed, &[&a]), 200);
    assert_eq!(
        (v.identities[0].orig_matches, v.identities[0].dest_matches),
        (Some(true), Some(true))
    );
    let global = "From: <sip:+2155551212@example.com;user=phone>;tag=1\r\n\
                  To: <sip:5551213@example.com;user=phone>\r\n";
    let v = verify(&invite_with(global, &[&a]), 200);
    // +2155551212 is another number; 5551213 would need a country code of four digits.
    assert_eq!(
        (v.identities[0].orig_matches, v.identities[0].dest_matches),
        (Some(false), Some(false))
    );
    // Names that are not telephone numbers are not compared.
    let names = "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n";
    let v = verify(&invite_with(names, &[&a]), 200);
    assert_eq!(
        (v.identities[0].orig_matches, v.identities[0].dest_matches),
        (None, None)
    );
    assert!(v.verified());
}
