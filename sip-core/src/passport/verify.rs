//! Checking a PASSporT's signature (ES256, RFC 8225 section 8 and RFC 8588) with the
//! certificate its `x5u` names.

use der::DecodePem as _;
use p256::ecdsa::signature::Verifier as _;
use p256::ecdsa::{Signature, VerifyingKey};

use super::{BASE64URL, Party, Passport, PassportError};
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

/// Why an Identity header of a message does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// The Identity header does not read (no token, a bad parameter).
    #[error(transparent)]
    Header(crate::Error),
    /// Its PASSporT does not verify with the certificate.
    #[error(transparent)]
    Verify(VerifyError),
}

/// One Identity header of a message as a verifier sees it
/// ([`Message::verify_identities`](crate::Message::verify_identities)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IdentityCheck {
    /// Its place among the message's Identity values, from 0.
    pub index: usize,
    /// The PASSporT, decoded also when it does not verify; `None` when it does not decode.
    pub passport: Option<Passport>,
    /// Why it does not verify; `None` when it does.
    pub error: Option<IdentityError>,
    /// The message's `Date` minus the PASSporT's `iat`, in seconds (negative when the
    /// token says it was signed after the message's date); `None` without both.
    pub age_seconds: Option<i64>,
    /// Whether `iat` is within the freshness limit of the message's `Date`, either way
    /// (RFC 8224 section 6.2.1); `None` without both.
    pub fresh: Option<bool>,
    /// Whether the PASSporT's `orig` is the calling number of the message (its first
    /// P-Asserted-Identity that names a telephone number, else its From; compared in the
    /// canonical form of [`canonical_tn`](super::canonical_tn); a number written without
    /// `+` also matches in its national forms, with or without a trunk prefix `0`, and
    /// behind an international prefix `00` or `011`); `None` when either is not a
    /// telephone number.
    pub orig_matches: Option<bool>,
    /// Whether the PASSporT names the called number of the message (its To, compared in
    /// canonical form): among its `dest` numbers, or for a `div` PASSporT (RFC 8946)
    /// among its `div` numbers, since a diverted call keeps the original called number in
    /// To while `dest` names the new target; `None` when the PASSporT names no
    /// telephone number there or To is not one.
    pub dest_matches: Option<bool>,
}

impl IdentityError {
    /// A machine-readable name of what failed: `header` (the Identity header does not
    /// read), `decode`, `algorithm`, `signature_length`, `signature`, `no_iat` or
    /// `expired` (the [`VerifyError`]s).
    pub fn kind(&self) -> &'static str {
        match self {
            IdentityError::Header(_) => "header",
            IdentityError::Verify(e) => match e {
                VerifyError::Decode(_) => "decode",
                VerifyError::Algorithm { .. } => "algorithm",
                VerifyError::SignatureLength { .. } => "signature_length",
                VerifyError::Signature => "signature",
                VerifyError::NoIat => "no_iat",
                VerifyError::Expired { .. } => "expired",
            },
        }
    }
}

impl IdentityCheck {
    /// Whether its PASSporT verifies with the certificate.
    pub fn verified(&self) -> bool {
        self.error.is_none()
    }
}

/// A message's Identity headers checked with a signing certificate
/// ([`Message::verify_identities`](crate::Message::verify_identities)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MessageVerification {
    /// The message's `Date` (freshness is measured against it), or why it does not read.
    pub date: Result<Option<jiff::Timestamp>, crate::Error>,
    /// Each Identity header, in order.
    pub identities: Vec<IdentityCheck>,
}

impl MessageVerification {
    /// Whether the message verifies: it has an Identity header, and every one verifies,
    /// is fresh, and names no other calling or called number than the message's.
    pub fn verified(&self) -> bool {
        !self.identities.is_empty()
            && self.identities.iter().all(|i| {
                i.verified()
                    && i.fresh == Some(true)
                    && i.orig_matches != Some(false)
                    && i.dest_matches != Some(false)
            })
    }
}

impl crate::Message<'_> {
    /// Checks each Identity header (RFC 8224) as a terminating carrier's verifier does
    /// with the certificate its `x5u` names ([`Passport::verify`]), whether each
    /// PASSporT's `iat` is within `max_age_seconds` of the message's `Date` (RFC 8224
    /// section 6.2.1 recommends 60), and whether it names the message's calling and
    /// called numbers (a PASSporT copied from another call verifies, but not for this
    /// one).
    ///
    /// ```
    /// use sip_core::passport::SigningCertificate;
    /// let cert = SigningCertificate::from_pem(include_str!("../../tests/data/stir/cert.pem"))?;
    /// // Signed by PyJWT at 17:59:34; the message is dated ten seconds later.
    /// let token = include_str!("../../tests/data/stir/shaken-a.token").trim();
    /// let wire = format!(
    ///     "INVITE sip:+12155551213@example.net SIP/2.0\r\n\
    ///      Date: Sun, 06 Dec 2026 17:59:44 GMT\r\n\
    ///      Identity: {token};info=<https://cert.example.org/passport.pem>\r\n\r\n"
    /// );
    /// let mut slots = Vec::new();
    /// let m = sip_core::Parser::new().parse_datagram(wire.as_bytes(), &mut slots)?;
    /// let v = m.verify_identities(&cert, 60);
    /// assert!(v.identities[0].verified());
    /// assert_eq!(v.identities[0].age_seconds, Some(10));
    /// assert!(v.verified());
    /// // Ten seconds is too old for a limit of five.
    /// assert!(!m.verify_identities(&cert, 5).verified());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify_identities(
        &self,
        certificate: &SigningCertificate,
        max_age_seconds: u32,
    ) -> MessageVerification {
        let date = self.date();
        let tn = |addr: Option<crate::headers::NameAddr<'_>>| {
            addr.and_then(|a| super::written_tn(a.uri_raw))
        };
        let calling = self
            .p_asserted_identities()
            .find_map(|a| tn(a.ok()))
            .or_else(|| tn(self.from().ok().flatten()));
        let called = tn(self.to().ok().flatten());
        let identities = self
            .identities()
            .enumerate()
            .map(|(index, id)| {
                let (passport, error) = match id {
                    Ok(id) => match Passport::verify(id.digest, certificate) {
                        Ok(p) => (Some(p), None),
                        // What does not verify is decoded again to be shown.
                        Err(e) => (id.passport().ok(), Some(IdentityError::Verify(e))),
                    },
                    Err(e) => (None, Some(IdentityError::Header(e))),
                };
                let iat = passport.as_ref().and_then(|p| p.claims.iat);
                let age_seconds = match (&date, iat) {
                    (Ok(Some(date)), Some(iat)) => Some(date.as_second() - iat.as_second()),
                    _ => None,
                };
                // Whether `parties` name the number; `None` without a number on either side.
                let names = |parties: &[Party], number: &Option<(String, bool)>| {
                    let (n, global) = number.as_ref()?;
                    let mut tns = parties
                        .iter()
                        .filter_map(|p| match p {
                            Party::Tn(t) => Some(t.as_str()),
                            Party::Uri(_) => None,
                        })
                        .peekable();
                    tns.peek()?;
                    Some(tns.any(|t| super::same_number(t, n, *global)))
                };
                let (orig_matches, dest_matches) = match &passport {
                    Some(p) => (
                        names(p.claims.orig.as_slice(), &calling),
                        if p.header.ppt.as_deref() == Some("div") {
                            names(&p.claims.div, &called)
                        } else {
                            names(&p.claims.dest, &called)
                        },
                    ),
                    None => (None, None),
                };
                IdentityCheck {
                    index,
                    passport,
                    error,
                    age_seconds,
                    fresh: age_seconds.map(|a| a.unsigned_abs() <= u64::from(max_age_seconds)),
                    orig_matches,
                    dest_matches,
                }
            })
            .collect();
        MessageVerification { date, identities }
    }
}
