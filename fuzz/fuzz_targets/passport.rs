//! PASSporT decoding (RFC 8225), its verification with a signing certificate, and the
//! Identity header around it: never panics, an error's byte offset lies within the
//! token, and verification agrees with decoding. Certificates read from any bytes
//! never panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_core::passport::{Passport, PassportError, SigningCertificate, VerifyError};

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
});
