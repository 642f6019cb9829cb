//! Checking a PASSporT's signature (ES256, RFC 8225 section 8 and RFC 8588) with the
//! certificate its `x5u` names.

use der::DecodePem as _;
use p256::ecdsa::signature::Verifier as _;
use p256::ecdsa::{Signature, VerifyingKey};

use super::{BASE64URL, Passport, PassportError};
use base64::Engine as _;

/// The object identifier of an elliptic-curve public key (`id-ecPublicKey`, RFC 5480).
const EC_PUBLIC_KEY: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// The object identifier of the P-256 curve (`secp256r1`, RFC 5480).
const P256_CURVE: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");

/// The certificate that signs PASSporTs (the end-entity certificate of the chain at the
/// PASSporT's `x5u`): its P-256 public key, subject and validity.
///
/// ```
/// # #[cfg(feature = "stir")] {
/// use sip_core::passport::SigningCertificate;
/// let pem = include_str!("../../tests/data/stir/cert.pem");
/// let cert = SigningCertificate::from_pem(pem)?;
/// assert!(cert.subject().contains("SHAKEN 1234"));
/// assert!(cert.not_before() < cert.not_after());
/// # }
/// # Ok::<(), sip_core::passport::CertificateError>(())
/// ```
#[derive(Debug, Clone)]
pub struct SigningCertificate {
    key: VerifyingKey,
    subject: String,
    not_before: jiff::Timestamp,
    not_after: jiff::Timestamp,
}

/// Why a signing certificate cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertificateError {
    /// The text holds no `-----BEGIN CERTIFICATE-----` block.
    #[error("no PEM certificate block")]
    NoCertificate,
    /// The certificate does not decode as X.509 (DER).
    #[error("not an X.509 certificate: {reason}")]
    Der {
        /// What the DER reader says.
        reason: String,
    },
    /// The certificate's key is not an ECDSA P-256 key, the only one ES256 signs with.
    #[error("the public key is not an ECDSA P-256 key")]
    NotP256,
    /// A validity time of the certificate is out of the range of a timestamp.
    #[error("validity time out of range")]
    Validity,
}

impl SigningCertificate {
    /// The first certificate of a PEM file (an `x5u` resource serves the end-entity
    /// certificate first, then the intermediates; those are not read here).
    ///
    /// # Errors
    /// [`CertificateError`] when there is no certificate block, it is not X.509, or its
    /// key is not P-256.
    pub fn from_pem(text: &str) -> Result<Self, CertificateError> {
        const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
        const END: &str = "-----END CERTIFICATE-----";
        let start = text.find(BEGIN).ok_or(CertificateError::NoCertificate)?;
        let end = text[start..]
            .find(END)
            .map(|i| start + i + END.len())
            .ok_or(CertificateError::NoCertificate)?;
        let cert = x509_cert::Certificate::from_pem(&text[start..end]).map_err(der_error)?;
        Self::from_certificate(&cert)
    }

    /// A certificate in DER form.
    ///
    /// # Errors
    /// As [`SigningCertificate::from_pem`].
    pub fn from_der(bytes: &[u8]) -> Result<Self, CertificateError> {
        use der::Decode as _;
        let cert = x509_cert::Certificate::from_der(bytes).map_err(der_error)?;
        Self::from_certificate(&cert)
    }

    fn from_certificate(cert: &x509_cert::Certificate) -> Result<Self, CertificateError> {
        let tbs = cert.tbs_certificate();
        let spki = tbs.subject_public_key_info();
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok());
        if spki.algorithm.oid != EC_PUBLIC_KEY || curve != Some(P256_CURVE) {
            return Err(CertificateError::NotP256);
        }
        let key = spki
            .subject_public_key
            .as_bytes()
            .and_then(|b| VerifyingKey::from_sec1_bytes(b).ok())
            .ok_or(CertificateError::NotP256)?;
        let time = |t: x509_cert::time::Time| {
            let d = t.to_unix_duration();
            i64::try_from(d.as_secs())
                .ok()
                .and_then(|s| jiff::Timestamp::from_second(s).ok())
                .ok_or(CertificateError::Validity)
        };
        let validity = tbs.validity();
        Ok(SigningCertificate {
            key,
            subject: tbs.subject().to_string(),
            not_before: time(validity.not_before)?,
            not_after: time(validity.not_after)?,
        })
    }

    /// The subject's distinguished name as RFC 4514 writes it (`CN=SHAKEN 1234,O=...,C=US`).
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// When the certificate starts being valid.
    pub fn not_before(&self) -> jiff::Timestamp {
        self.not_before
    }

    /// When the certificate stops being valid.
    pub fn not_after(&self) -> jiff::Timestamp {
        self.not_after
    }
}

fn der_error(e: der::Error) -> CertificateError {
    CertificateError::Der {
        reason: e.to_string(),
    }
}

/// Why a PASSporT does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The token does not decode.
    #[error(transparent)]
    Decode(#[from] PassportError),
    /// The header's `alg` is not `ES256`, the only algorithm of SHAKEN (RFC 8588).
    #[error("alg is {}, not ES256", found.as_deref().unwrap_or("missing"))]
    Algorithm {
        /// The `alg` found.
        found: Option<String>,
    },
    /// The signature is not the 64 bytes of an ES256 signature (`r` then `s`, RFC 7518
    /// section 3.4): an ASN.1 DER signature, as some signers write one, is 70 to 72.
    #[error("the signature is {len} bytes, not the 64 of ES256 (r then s)")]
    SignatureLength {
        /// The length of the decoded signature.
        len: usize,
    },
    /// The signature is not the certificate key's signature of the header and claims.
    #[error("the signature does not match the header and claims with this certificate")]
    Signature,
    /// The claims have no `iat`, so when the token was signed is unknown.
    #[error("no iat: when the token was signed is unknown")]
    NoIat,
    /// The token was signed when the certificate was not valid.
    #[error("signed at {iat}, outside the certificate's validity ({not_before} to {not_after})")]
    Expired {
        /// When the token says it was signed.
        iat: jiff::Timestamp,
        /// The certificate's start of validity.
        not_before: jiff::Timestamp,
        /// The certificate's end of validity.
        not_after: jiff::Timestamp,
    },
}

impl Passport {
    /// Decodes `token` (a full compact JWS) and checks it as a SHAKEN verifier does with
    /// the certificate its `x5u` names: `alg` is `ES256`, the signature is the
    /// certificate key's signature of the token's header and claims as written, and the
    /// certificate was valid at `iat`. Whether `iat` is fresh enough beside the SIP
    /// message's `Date` (RFC 8224 section 6.2.1) and whether the certificate chains to a
    /// trusted authority are the caller's checks.
    ///
    /// # Errors
    /// [`VerifyError`] with the first check that fails, in the order above.
    pub fn verify(token: &str, certificate: &SigningCertificate) -> Result<Passport, VerifyError> {
        let passport = Passport::decode(token)?;
        if passport.header.alg.as_deref() != Some("ES256") {
            return Err(VerifyError::Algorithm {
                found: passport.header.alg.clone(),
            });
        }
        // Decoding checked that there are three parts and that the signature is
        // base64url; the signing input is the first two as written.
        let signed = token
            .rfind('.')
            .map(|i| &token[..i])
            .ok_or(PassportError::Parts { found: 1 })?;
        let signature_at = signed.len() + 1;
        let raw = BASE64URL
            .decode(&passport.signature)
            .map_err(|_| PassportError::Base64 {
                part: super::Part::Signature,
                offset: signature_at,
            })?;
        if raw.len() != 64 {
            return Err(VerifyError::SignatureLength { len: raw.len() });
        }
        // `r` or `s` zero or not below the curve's order is no signature of anything.
        let signature = Signature::from_slice(&raw).map_err(|_| VerifyError::Signature)?;
        certificate
            .key
            .verify(signed.as_bytes(), &signature)
            .map_err(|_| VerifyError::Signature)?;
        let iat = passport.claims.iat.ok_or(VerifyError::NoIat)?;
        if iat < certificate.not_before || iat > certificate.not_after {
            return Err(VerifyError::Expired {
                iat,
                not_before: certificate.not_before,
                not_after: certificate.not_after,
            });
        }
        Ok(passport)
    }
}
