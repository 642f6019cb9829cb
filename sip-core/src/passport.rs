//! PASSporT (RFC 8225): the signed token an `Identity` header carries, decoded.
//!
//! STIR/SHAKEN (RFC 8588) puts who vouches for the calling number (`attest`: `A` full,
//! `B` partial, `C` gateway) and a call's origin identifier (`origid`) in it; a diverted
//! call may carry a second one with `ppt` `div` (RFC 8946) that names the diverting
//! number. Decoding reads the header and claims; with the `stir` feature,
//! `Passport::verify` also checks the signature with the certificate the header's `x5u`
//! (and the Identity `info`) points to, fetched by the caller.
//!
//! ```
//! use sip_core::passport::{Party, Passport};
//!
//! // The header and claims of RFC 8588's example (section 6), with a stand-in signature.
//! let token = "eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly9jZXJ0LmV4YW1wbGUub3JnL3Bhc3Nwb3J0LmNlciJ9\
//! .eyJhdHRlc3QiOiJBIiwiZGVzdCI6eyJ0biI6WyIxMjE1NTU1MTIxMyJdfSwiaWF0IjoxNDQzMjA4MzQ1LCJvcmlnIjp7InRuIjoiMTIxNTU1NTEyMTIifSwib3JpZ2lkIjoiMTIzZTQ1NjctZTg5Yi0xMmQzLWE0NTYtNDI2NjU1NDQwMDAwIn0\
//! .c2lnbmF0dXJl";
//! let p = Passport::decode(token)?;
//! assert_eq!(p.header.ppt.as_deref(), Some("shaken"));
//! assert_eq!(p.header.x5u.as_deref(), Some("https://cert.example.org/passport.cer"));
//! assert_eq!(p.claims.attest.as_deref(), Some("A"));
//! assert_eq!(p.claims.orig, Some(Party::Tn("12155551212".into())));
//! assert_eq!(p.claims.dest, [Party::Tn("12155551213".into())]);
//! assert_eq!(p.claims.iat.map(|t| t.to_string()).as_deref(), Some("2015-09-25T19:12:25Z"));
//! assert_eq!(p.claims.origid.as_deref(), Some("123e4567-e89b-12d3-a456-426655440000"));
//! # Ok::<(), sip_core::passport::PassportError>(())
//! ```

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Map, Value};

#[cfg(feature = "stir")]
mod verify;
#[cfg(feature = "stir")]
pub use verify::{
    CertificateError, IdentityCheck, IdentityError, MessageVerification, SigningCertificate,
    VerifyError,
};

/// base64url, padded or not (RFC 7515 leaves padding out; some signers keep it).
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A part of a compact JWS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The JOSE header.
    Header,
    /// The claims (the JWS payload).
    Claims,
    /// The signature.
    Signature,
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Claims => "claims",
            Part::Signature => "signature",
        })
    }
}

/// Why a PASSporT does not decode. Offsets count bytes from the start of the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PassportError {
    /// Not three parts joined by dots.
    #[error("not a compact JWS (header.claims.signature): {found} parts")]
    Parts {
        /// How many dot-separated parts the token has.
        found: usize,
    },
    /// The header and claims are left out (RFC 8225's compact form, rebuilt from the
    /// SIP message by a verifier), so there is nothing to decode.
    #[error("the header and claims are left out (compact form)")]
    Compact,
    /// A part is not base64url.
    #[error("{part} is not base64url at byte {offset}")]
    Base64 {
        /// Which part.
        part: Part,
        /// Byte offset of the offending byte (or of the part, when its length is wrong).
        offset: usize,
    },
    /// The header or claims is not a JSON object.
    #[error("{part} at byte {offset} is not a JSON object: {reason}")]
    Json {
        /// Which part.
        part: Part,
        /// Byte offset of the part.
        offset: usize,
        /// What the JSON reader says (with its line and column in the decoded text).
        reason: String,
    },
    /// A claim or header field has a type its RFC does not allow.
    #[error("{part} field {field}: {reason}")]
    Field {
        /// Which part.
        part: Part,
        /// The field (`orig`, `dest`, `iat`, ...).
        field: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
}

/// A telephone number or URI identity of a PASSporT (`orig`, `dest`, `div`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Party {
    /// `tn`: a telephone number in canonical form (digits, as RFC 8224 section 8.3
    /// makes it).
    Tn(String),
    /// `uri`: a URI.
    Uri(String),
}

/// The JOSE header of a PASSporT.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Header {
    /// `alg`: `ES256` for SHAKEN.
    pub alg: Option<String>,
    /// `typ`: `passport`.
    pub typ: Option<String>,
    /// `ppt`: the extension (`shaken`, `div`, `rcd`); absent for a base PASSporT.
    pub ppt: Option<String>,
    /// `x5u`: where the signing certificate is.
    pub x5u: Option<String>,
}

/// The claims of a PASSporT.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Claims {
    /// `attest`: SHAKEN attestation, `A` (full), `B` (partial) or `C` (gateway).
    pub attest: Option<String>,
    /// `orig`: the calling identity.
    pub orig: Option<Party>,
    /// `dest`: the called identities.
    pub dest: Vec<Party>,
    /// `div`: the diverting identities of a `div` PASSporT (RFC 8946).
    pub div: Vec<Party>,
    /// `iat`: when it was signed.
    pub iat: Option<jiff::Timestamp>,
    /// `origid`: the originating carrier's identifier of the call (a UUID).
    pub origid: Option<String>,
    /// The claims as decoded JSON, for those not typed here (`rcd`, `crn`, ...).
    pub json: String,
}

/// A decoded PASSporT. See the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Passport {
    /// The JOSE header.
    pub header: Header,
    /// The claims.
    pub claims: Claims,
    /// The signature, base64url as written.
    pub signature: String,
}

impl Passport {
    /// Decodes a PASSporT in compact JWS form (`header.claims.signature`, base64url).
    ///
    /// # Errors
    /// [`PassportError`] with the part and byte offset that does not decode.
    pub fn decode(token: &str) -> Result<Passport, PassportError> {
        let mut parts = token.split('.');
        let (Some(header), Some(claims), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(PassportError::Parts {
                found: token.split('.').count(),
            });
        };
        if header.is_empty() && claims.is_empty() {
            return Err(PassportError::Compact);
        }
        let claims_at = header.len() + 1;
        let signature_at = claims_at + claims.len() + 1;
        if let Some(i) = signature.bytes().position(|b| !is_base64url(b)) {
            return Err(PassportError::Base64 {
                part: Part::Signature,
                offset: signature_at + i,
            });
        }
        let h = object(header, 0, Part::Header)?;
        let c = object(claims, claims_at, Part::Claims)?;
        let hs = |field| string(&h, field, Part::Header);
        let header = Header {
            alg: hs("alg")?,
            typ: hs("typ")?,
            ppt: hs("ppt")?,
            x5u: hs("x5u")?,
        };
        let iat = match c.get("iat") {
            None | Some(Value::Null) => None,
            Some(v) => Some(timestamp(v)?),
        };
        let claims = Claims {
            attest: string(&c, "attest", Part::Claims)?,
            orig: parties(&c, "orig")?.into_iter().next(),
            dest: parties(&c, "dest")?,
            div: parties(&c, "div")?,
            iat,
            origid: string(&c, "origid", Part::Claims)?,
            json: Value::Object(c).to_string(),
        };
        Ok(Passport {
            header,
            claims,
            signature: signature.to_owned(),
        })
    }
}

/// The telephone number a URI names, in the canonical form of RFC 8224 section 8.3 that
/// a PASSporT's `tn` claims are written in: the number of a `tel:` URI or the user part
/// of a `sip:`/`sips:` URI (escapes decoded, user parameters such as `;npdi` dropped)
/// without visual separators (`-`, `.`, `(`, `)`) and without a leading `+`, when only
/// digits are left; `None` for a URI that names no telephone number (`sip:alice@...`).
/// A national number is kept as written: adding a country code is the caller's policy.
///
/// ```
/// use sip_core::passport::canonical_tn;
/// assert_eq!(canonical_tn("sip:+1-215-555-1212@example.com;user=phone").as_deref(), Some("12155551212"));
/// assert_eq!(canonical_tn("tel:+1(215)555.1212;npdi").as_deref(), Some("12155551212"));
/// assert_eq!(canonical_tn("sip:%2B12155551212;npdi@example.com").as_deref(), Some("12155551212"));
/// assert_eq!(canonical_tn("sip:alice@example.com"), None);
/// ```
pub fn canonical_tn(uri: &str) -> Option<String> {
    written_tn(uri).map(|(digits, _)| digits)
}

/// [`canonical_tn`], and whether the number was written in global form (with `+`).
pub(crate) fn written_tn(uri: &str) -> Option<(String, bool)> {
    let user = crate::calls::dialled(uri)?;
    let mut digits: String = user
        .chars()
        .filter(|c| !matches!(c, '-' | '.' | '(' | ')'))
        .collect();
    let global = digits.starts_with('+');
    if global {
        digits.remove(0);
    }
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some((digits, global))
}

/// Whether a PASSporT's `tn` (canonical: country code and number) is the number a
/// message names (`ours`, canonical digits, `global` when written with `+`). Written
/// with `+`, the digits must be the same. Written without, the number may be in any of
/// the forms dialled in the field, and matches when one of them is the `tn`:
///
/// - the same digits;
/// - a national number without a trunk prefix, as the ten digits of a NANP number in
///   many From headers (`2155551212` for `12155551212`), or one whose leading `0`
///   belongs to it (Italy's `0612345678` for `390612345678`): the `tn` with a country
///   code of one to three digits before it;
/// - a national number with its trunk prefix `0` (France's `0612345678` for
///   `33612345678`, the UK's `01632960123` for `441632960123`): the same, without the
///   `0`;
/// - an international number behind an international prefix, `00` (most of the world)
///   or `011` (NANP): the `tn` itself after the prefix.
///
/// Adding the country code is local policy in RFC 8224 8.3; this takes the signer's.
#[cfg(feature = "stir")]
pub(crate) fn same_number(tn: &str, ours: &str, global: bool) -> bool {
    let national =
        |n: &str| !n.is_empty() && tn.len() > n.len() && tn.len() - n.len() <= 3 && tn.ends_with(n);
    tn == ours
        || !global
            && (national(ours)
                || ours.strip_prefix('0').is_some_and(national)
                || ["00", "011"]
                    .iter()
                    .any(|p| ours.strip_prefix(p) == Some(tn)))
}

fn is_base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=')
}

/// A base64url part decoded and read as a JSON object.
fn object(text: &str, at: usize, part: Part) -> Result<Map<String, Value>, PassportError> {
    let bytes = BASE64URL.decode(text).map_err(|e| {
        let offset = match e {
            base64::DecodeError::InvalidByte(i, _)
            | base64::DecodeError::InvalidLastSymbol(i, _) => at + i,
            _ => at,
        };
        PassportError::Base64 { part, offset }
    })?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(PassportError::Json {
            part,
            offset: at,
            reason: "not an object".into(),
        }),
        Err(e) => Err(PassportError::Json {
            part,
            offset: at,
            reason: e.to_string(),
        }),
    }
}

fn string(
    m: &Map<String, Value>,
    field: &'static str,
    part: Part,
) -> Result<Option<String>, PassportError> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(PassportError::Field {
            part,
            field,
            reason: "not a string",
        }),
    }
}

/// `orig`, `dest` or `div`: an object with `tn` and/or `uri`, each a string or an array
/// of strings (RFC 8225 makes `orig` one, `dest` arrays; both forms are read for each).
fn parties(m: &Map<String, Value>, field: &'static str) -> Result<Vec<Party>, PassportError> {
    let bad = |reason| PassportError::Field {
        part: Part::Claims,
        field,
        reason,
    };
    let Some(v) = m.get(field) else {
        return Ok(Vec::new());
    };
    let Value::Object(o) = v else {
        return Err(bad("not an object of tn and uri"));
    };
    let mut out = Vec::new();
    for (key, make) in [
        ("tn", Party::Tn as fn(String) -> Party),
        ("uri", Party::Uri as fn(String) -> Party),
    ] {
        match o.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => out.push(make(s.clone())),
            Some(Value::Array(a)) => {
                for e in a {
                    let Value::String(s) = e else {
                        return Err(bad("an identity that is not a string"));
                    };
                    out.push(make(s.clone()));
                }
            }
            Some(_) => return Err(bad("an identity that is not a string")),
        }
    }
    Ok(out)
}

/// `iat`: seconds since 1970 as a JSON number (RFC 8225), or a string of digits as
/// some signers write it.
fn timestamp(v: &Value) -> Result<jiff::Timestamp, PassportError> {
    let bad = |reason| PassportError::Field {
        part: Part::Claims,
        field: "iat",
        reason,
    };
    let secs = match v {
        Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| bad("not a whole number of seconds"))?,
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().map_err(|_| bad("out of range"))?
        }
        _ => return Err(bad("not a number of seconds")),
    };
    jiff::Timestamp::from_second(secs).map_err(|_| bad("out of range"))
}

#[cfg(all(test, feature = "stir"))]
mod tests {
    use super::same_number;

    #[test]
    fn numbers_match_in_the_forms_dialled() {
        // (tn, ours as written without `+`, matches)
        let cases = [
            // NANP: ten digits, the full eleven, the international prefixes.
            ("12155551212", "2155551212", true),
            ("12155551212", "12155551212", true),
            ("12155551212", "0012155551212", true),
            ("33612345678", "01133612345678", true),
            // France: trunk prefix 0 before the nine digits of the national number.
            ("33612345678", "0612345678", true),
            ("33612345678", "0033612345678", true),
            // UK: trunk prefix 0; Leeds' 0113 is not the NANP prefix 011 here.
            ("441632960123", "01632960123", true),
            ("441134960000", "01134960000", true),
            // Italy: the 0 belongs to the number and is kept after +39.
            ("390612345678", "0612345678", true),
            // Other numbers.
            ("33612345678", "0612345679", false),
            ("33612345678", "00612345678", false),
            ("12155551212", "5551212", false),
            ("12155551212", "00112155551212", false),
            ("12155551212", "0", false),
            ("12155551212", "00", false),
            ("12155551212", "", false),
        ];
        for (tn, ours, want) in cases {
            assert_eq!(same_number(tn, ours, false), want, "{tn} against {ours}");
        }
        // Written with `+`, only the same digits match.
        assert!(same_number("33612345678", "33612345678", true));
        assert!(!same_number("33612345678", "612345678", true));
        assert!(!same_number("33612345678", "0033612345678", true));
    }
}
