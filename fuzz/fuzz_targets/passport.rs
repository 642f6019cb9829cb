//! PASSporT decoding (RFC 8225) and the Identity header around it: never panics, and an
//! error's byte offset lies within the token.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_core::passport::{Passport, PassportError};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
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
