//! PASSporT decoding (RFC 8225), its verification with a signing certificate, and the
//! Identity header around it: never panics, an error's byte offset lies within the
//! token, and verification agrees with decoding. Certificates read from any bytes
//! never panic either. A message carrying the input as its Identity header verifies
//! header by header as each PASSporT verifies, with its age beside the Date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_core::passport::{IdentityError, Passport, PassportError, SigningCertificate, VerifyError};

/// The certificate of the PASSporTs in the seeds (`sip-core/tests/data/stir`).
const CERT: &str = include_str!("../../sip-core/tests/data/stir/cert.pem");

fuzz_target!(|data: &[u8]| {
    let _ = SigningCertificate::from_der(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = SigningCertificate::from_pem(text);
    let cert = SigningCertificate::from_pem(CERT).expect("the seeds' certificate reads");
    // What verifies decodes to the same; what does not decode fails verification for
    // that very reason.
    match (Passport::verify(text, &cert), Passport::decode(text)) {
        (Ok(v), Ok(d)) => assert_eq!(v, d),
        (Err(VerifyError::Decode(ve)), Err(de)) => assert_eq!(ve, de),
        (Err(_), Ok(_)) => {}
        (v, d) => panic!("verify {v:?} beside decode {d:?}"),
    }
    match Passport::decode(text) {
        Ok(p) => {
            // What decoded is what the token carried: the signature is its last part.
            assert!(text.ends_with(&p.signature));
            // The claims kept as JSON hold the attestation typed from them.
            let json: serde_json::Value =
                serde_json::from_str(&p.claims.json).expect("the claims as JSON read back");
            assert_eq!(
                json.get("attest").and_then(|a| a.as_str()),
                p.claims.attest.as_deref()
            );
        }
        Err(PassportError::Base64 { offset, .. } | PassportError::Json { offset, .. }) => {
            assert!(offset <= text.len(), "{offset} past {}", text.len());
        }
        Err(_) => {}
    }
    if let Ok(id) = sip_core::headers::parse_identity(text) {
        assert!(text.contains(id.digest));
        if let Some(info) = id.info {
            assert!(text.contains(info));
        }
        let _ = id.passport();
    }
    // The input as the Identity of a dated message: the message's verdict is each
    // header's own verification, its age the Date minus iat, and freshness that age.
    let wire = format!(
        "INVITE sip:+12155551213@example.com SIP/2.0\r\n\
         Date: Sun, 06 Dec 2026 18:00:04 GMT\r\nIdentity: {text}\r\n\r\n"
    );
    let mut slots = Vec::new();
    if let Ok(m) = sip_core::Parser::new().parse_datagram(wire.as_bytes(), &mut slots) {
        let v = m.verify_identities(&cert, 60);
        let date = v.date.clone().expect("the Date reads").expect("dated");
        assert_eq!(v.identities.len(), m.identities().count());
        for (check, id) in v.identities.iter().zip(m.identities()) {
            match id {
                Ok(id) => match Passport::verify(id.digest, &cert) {
                    Ok(p) => assert_eq!((check.passport.as_ref(), &check.error), (Some(&p), &None)),
                    Err(e) => {
                        assert_eq!(check.passport, id.passport().ok());
                        assert_eq!(check.error, Some(IdentityError::Verify(e)));
                    }
                },
                Err(_) => assert_eq!(check.error.as_ref().map(|e| e.kind()), Some("header")),
            }
            let iat = check.passport.as_ref().and_then(|p| p.claims.iat);
            assert_eq!(
                check.age_seconds,
                iat.map(|t| date.as_second() - t.as_second())
            );
            assert_eq!(check.fresh, check.age_seconds.map(|a| a.abs() <= 60));
            // Without a PASSporT, or a number in the message, nothing is compared.
            let numbers = m.from().ok().flatten().is_some()
                || m.to().ok().flatten().is_some()
                || m.p_asserted_identities().next().is_some();
            if check.passport.is_none() || !numbers {
                assert_eq!((check.orig_matches, check.dest_matches), (None, None));
            }
        }
        assert_eq!(
            v.verified(),
            !v.identities.is_empty()
                && v.identities.iter().all(|c| c.error.is_none()
                    && c.fresh == Some(true)
                    && c.orig_matches != Some(false)
                    && c.dest_matches != Some(false))
        );
    }
});
