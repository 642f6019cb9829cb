//! The headers carriers and IMS networks read to bill, route and trust a call: who a
//! call was diverted from (Diversion, History-Info), which identity may be shown
//! (Privacy, P-Preferred-Identity, Remote-Party-ID), the IMS charging identifier
//! (P-Charging-Vector) and the STIR/SHAKEN signature (Identity).

use std::borrow::Cow;

use super::{NameAddr, Params, name_addr, one_param, params, token_params};
use crate::error::{Result, syntax};
use crate::message::Message;
use crate::names::{self, TOKEN};
use crate::scan::{Cur, unquote};
use crate::uri::{Uri, percent_decode};

/// A Diversion value (RFC 5806): an address the call was diverted from, with why and
/// how often.
///
/// ```
/// let v = r#"<tel:+19195551002>;reason=user-busy;counter=2;screen="yes";privacy="off""#;
/// let d = sip_core::headers::parse_diversion(v)?;
/// assert_eq!(d.addr.uri_raw, "tel:+19195551002");
/// assert_eq!(d.reason().as_deref(), Some("user-busy"));
/// assert_eq!(d.counter, 2);
/// assert_eq!(d.screen().as_deref(), Some("yes"));
/// assert_eq!(d.privacy().as_deref(), Some("off"));
/// # Ok::<(), sip_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Diversion<'a> {
    /// The diverting address with the diversion parameters.
    pub addr: NameAddr<'a>,
    /// `counter`: how many diversions this entry stands for (1 when absent, as RFC 5806
    /// says).
    pub counter: u8,
    /// `limit`: how many diversions the diverting party allows, if given.
    pub limit: Option<u8>,
}

impl<'a> Diversion<'a> {
    /// `reason` unquoted (`unconditional`, `user-busy`, `no-answer`, `unavailable`,
    /// `time-of-day`, `do-not-disturb`, `deflection`, `follow-me`, `out-of-service`,
    /// `away`, `unknown`, or an extension).
    pub fn reason(&self) -> Option<Cow<'a, str>> {
        self.addr.params.get_unquoted("reason")
    }
    /// `privacy` unquoted (`full`, `name`, `uri`, `off`).
    pub fn privacy(&self) -> Option<Cow<'a, str>> {
        self.addr.params.get_unquoted("privacy")
    }
    /// `screen` unquoted (`yes`, `no`).
    pub fn screen(&self) -> Option<Cow<'a, str>> {
        self.addr.params.get_unquoted("screen")
    }
}

/// A `counter` or `limit` of Diversion: one or two digits (RFC 5806), quoted or not.
fn one_or_two_digits(v: Option<&str>, at: usize, reason: &'static str) -> Result<u8> {
    let d = v.map(unquote).unwrap_or_default();
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return Err(syntax(at, reason));
    }
    d.parse().map_err(|_| syntax(at, reason))
}

fn diversion<'a>(c: &mut Cur<'a>) -> Result<Diversion<'a>> {
    c.lws();
    let at = c.pos;
    let addr = name_addr(c)?;
    let digits = |name, reason| {
        addr.params
            .get(name)
            .map(|v| one_or_two_digits(v, at, reason))
            .transpose()
    };
    Ok(Diversion {
        counter: digits("counter", "counter is not a number of one or two digits")?.unwrap_or(1),
        limit: digits("limit", "limit is not a number of one or two digits")?,
        addr,
    })
}

/// Parses a standalone Diversion value (one element).
///
/// # Errors
/// [`crate::Error::Syntax`] with the offset within `value`.
pub fn parse_diversion(value: &str) -> Result<Diversion<'_>> {
    super::whole(value, crate::Quirks::NONE, diversion)
}

/// A History-Info entry (RFC 7044): one target the request was sent to, in the tree of
/// retargetings that `index` places it in.
///
/// ```
/// let v = "<sip:bob@example.com?Reason=SIP%3Bcause%3D302%3Btext%3D%22Moved%22>;index=1.1;mp=1";
/// let h = sip_core::headers::parse_history_info(v)?;
/// assert_eq!(h.index, Some("1.1"));
/// assert_eq!(h.index_levels().collect::<Vec<_>>(), [1, 1]);
/// assert_eq!(h.mp(), Some("1"));
/// let reason = h.reason().expect("a Reason in the URI");
/// assert_eq!((reason.protocol.as_str(), reason.cause), ("SIP", Some(302)));
/// assert_eq!(reason.text.as_deref(), Some("Moved"));
/// # Ok::<(), sip_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryInfo<'a> {
    /// The target address (its URI may carry the `Reason` and `Privacy` the target
    /// was left for, as escaped URI headers).
    pub addr: NameAddr<'a>,
    /// `index` as written (`1`, `1.1`, `1.2.1`), checked against RFC 7044's grammar;
    /// `None` when the entry has none (which `check` reports).
    pub index: Option<&'a str>,
}

/// The `Reason` a History-Info target was left for (RFC 7044 section 9.1: an escaped
/// `Reason` header in the target's URI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryReason {
    /// The protocol (`SIP`, `Q.850`).
    pub protocol: String,
    /// `cause`: the response code or Q.850 cause.
    pub cause: Option<u16>,
    /// `text`, unquoted.
    pub text: Option<String>,
}

impl<'a> HistoryInfo<'a> {
    /// The levels of `index` (`1.2.1` gives 1, 2, 1); nothing when there is no index.
    pub fn index_levels(&self) -> impl Iterator<Item = u32> + use<'a> {
        self.index
            .into_iter()
            .flat_map(|i| i.split('.'))
            .filter_map(|n| n.parse().ok())
    }
    /// `rc`: the index of the entry this one was retargeted from, its URI changed.
    pub fn rc(&self) -> Option<&'a str> {
        self.addr.params.get("rc").flatten()
    }
    /// `mp`: the index of the entry this one was retargeted from, the user changed.
    pub fn mp(&self) -> Option<&'a str> {
        self.addr.params.get("mp").flatten()
    }
    /// `np`: the index of the entry this one was added after, nothing changed.
    pub fn np(&self) -> Option<&'a str> {
        self.addr.params.get("np").flatten()
    }
    /// The `Reason` in the target URI's headers, decoded; `None` when there is none or
    /// it does not read as a Reason value.
    pub fn reason(&self) -> Option<HistoryReason> {
        let Uri::Sip(u) = &self.addr.uri else {
            return None;
        };
        let (_, raw) = u
            .headers()
            .find(|(n, _)| n.eq_ignore_ascii_case("Reason"))?;
        let decoded = percent_decode(raw);
        let text = std::str::from_utf8(&decoded).ok()?;
        let r = super::whole(text, crate::Quirks::ALL, token_params).ok()?;
        Some(HistoryReason {
            protocol: r.value.to_owned(),
            cause: r.cause(),
            text: r.text().map(Cow::into_owned),
        })
    }
}

/// `index-val` of RFC 7044: numbers (no leading zero) joined by dots.
fn is_index(v: &str) -> bool {
    !v.is_empty()
        && v.split('.').all(|n| {
            !n.is_empty()
                && n.len() <= 9
                && !n.starts_with('0')
                && n.bytes().all(|b| b.is_ascii_digit())
        })
}

fn history_info<'a>(c: &mut Cur<'a>) -> Result<HistoryInfo<'a>> {
    c.lws();
    let at = c.pos;
    let addr = name_addr(c)?;
    for (name, v) in addr.params.iter() {
        let index_param = ["index", "rc", "mp", "np"]
            .iter()
            .any(|p| name.eq_ignore_ascii_case(p));
        if index_param && !v.is_some_and(is_index) {
            return Err(syntax(at, "index is not numbers joined by dots"));
        }
    }
    let index = addr.params.get("index").flatten();
    Ok(HistoryInfo { addr, index })
}

/// Parses a standalone History-Info entry.
///
/// # Errors
/// [`crate::Error::Syntax`] with the offset within `value`.
pub fn parse_history_info(value: &str) -> Result<HistoryInfo<'_>> {
    super::whole(value, crate::Quirks::NONE, history_info)
}

/// A Privacy value (RFC 3323, RFC 3325, RFC 7044): the privacy a user asked for.
///
/// ```
/// let p = sip_core::headers::parse_privacy("id;critical")?;
/// assert_eq!(p.values().collect::<Vec<_>>(), ["id", "critical"]);
/// assert!(p.has("ID") && !p.has("none"));
/// # Ok::<(), sip_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Privacy<'a> {
    raw: &'a str,
}

impl<'a> Privacy<'a> {
    /// The values in order (`header`, `session`, `user`, `none`, `critical`, `id`,
    /// `history`, or an extension).
    pub fn values(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.raw
            .split([';', ','])
            .map(|v| v.trim_matches([' ', '\t', '\r', '\n']))
            .filter(|v| !v.is_empty())
    }
    /// Whether `value` is one of the values (case-insensitive).
    pub fn has(&self, value: &str) -> bool {
        self.values().any(|v| v.eq_ignore_ascii_case(value))
    }
    /// The value as written.
    pub fn as_str(&self) -> &'a str {
        self.raw
    }
}

fn privacy<'a>(c: &mut Cur<'a>) -> Result<Privacy<'a>> {
    c.lws();
    let start = c.pos;
    c.token("expected a privacy value")?;
    let mut end = c.pos;
    // RFC 3323 joins the values with `;`; a comma (the list form of other headers)
    // is read the same.
    while c.sep(b';') || c.sep(b',') {
        c.token("expected a privacy value")?;
        end = c.pos;
    }
    Ok(Privacy {
        raw: &c.s[start..end],
    })
}

/// Parses a standalone Privacy value.
///
/// # Errors
/// [`crate::Error::Syntax`] with the offset within `value`.
pub fn parse_privacy(value: &str) -> Result<Privacy<'_>> {
    super::whole(value, crate::Quirks::NONE, privacy)
}

/// A P-Charging-Vector value (RFC 7315 section 4.6): the IMS charging identifier of a
/// session and the operators it crosses.
///
/// ```
/// let v = r#"icid-value="AyretyU0dm+6O2IrT5tAFrbHLso=";icid-generated-at=192.0.6.8;orig-ioi=home1.net"#;
/// let pcv = sip_core::headers::parse_charging_vector(v)?;
/// assert_eq!(pcv.icid(), "AyretyU0dm+6O2IrT5tAFrbHLso=");
/// assert_eq!(pcv.icid_generated_at(), Some("192.0.6.8"));
/// assert_eq!(pcv.orig_ioi().as_deref(), Some("home1.net"));
/// assert_eq!(pcv.term_ioi(), None);
/// # Ok::<(), sip_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChargingVector<'a> {
    /// `icid-value` as written (quoted or not).
    pub icid_raw: &'a str,
    /// The parameters after `icid-value`.
    pub params: Params<'a>,
}

impl<'a> ChargingVector<'a> {
    /// The IMS charging identifier, unquoted.
    pub fn icid(&self) -> Cow<'a, str> {
        unquote(self.icid_raw)
    }
    /// `icid-generated-at`: the host that made the identifier.
    pub fn icid_generated_at(&self) -> Option<&'a str> {
        self.params.get("icid-generated-at").flatten()
    }
    /// `orig-ioi`: the originating network, unquoted.
    pub fn orig_ioi(&self) -> Option<Cow<'a, str>> {
        self.params.get_unquoted("orig-ioi")
    }
    /// `term-ioi`: the terminating network, unquoted.
    pub fn term_ioi(&self) -> Option<Cow<'a, str>> {
        self.params.get_unquoted("term-ioi")
    }
    /// `transit-ioi`: the transit networks as written (RFC 7315 lists them with
    /// `.`-joined indexes), unquoted.
    pub fn transit_ioi(&self) -> Option<Cow<'a, str>> {
        self.params.get_unquoted("transit-ioi")
    }
}

fn charging_vector<'a>(c: &mut Cur<'a>) -> Result<ChargingVector<'a>> {
    c.lws();
    let at = c.pos;
    let (name, value) = one_param(c)?;
    let Some(icid_raw) = value.filter(|_| name.eq_ignore_ascii_case("icid-value")) else {
        return Err(syntax(at, "expected icid-value first"));
    };
    let params = params(c)?;
    Ok(ChargingVector { icid_raw, params })
}

/// Parses a standalone P-Charging-Vector value.
///
/// # Errors
/// [`crate::Error::Syntax`] with the offset within `value`.
pub fn parse_charging_vector(value: &str) -> Result<ChargingVector<'_>> {
    super::whole(value, crate::Quirks::NONE, charging_vector)
}

/// An Identity value (RFC 8224): the signature over a call's identities, with where to
/// find the certificate that checks it. STIR/SHAKEN (RFC 8588) signs a PASSporT
/// (RFC 8225), which [`Identity::passport`] decodes.
///
/// ```
/// let v = "eyJhbGciOiJFUzI1NiJ9.eyJhdHRlc3QiOiJBIn0.c2ln;info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken";
/// let id = sip_core::headers::parse_identity(v)?;
/// assert_eq!(id.info, Some("https://cert.example.org/passport.cer"));
/// assert_eq!((id.alg, id.ppt), (Some("ES256"), Some("shaken")));
/// assert_eq!(id.passport()?.claims.attest.as_deref(), Some("A"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity<'a> {
    /// The signed identity digest: a PASSporT in compact JWS form
    /// (`header.claims.signature`, base64url), or the unquoted signature of the older
    /// RFC 4474 form (`"..."`).
    pub digest: &'a str,
    /// `info`: the certificate's URI (without `<` `>`).
    pub info: Option<&'a str>,
    /// `alg`: the signature algorithm (`ES256`).
    pub alg: Option<&'a str>,
    /// `ppt`: the PASSporT extension (`shaken`, `div`, `rcd`).
    pub ppt: Option<&'a str>,
    /// The parameters' text as written (from the first `;`).
    pub params_raw: &'a str,
}

impl Identity<'_> {
    /// The PASSporT of the digest, decoded (the signature is not checked: that needs
    /// the certificate at [`Identity::info`], and `Passport::verify` of the `stir`
    /// feature).
    ///
    /// # Errors
    /// [`crate::passport::PassportError`] when the digest is not a compact JWS whose
    /// header and claims are base64url JSON objects.
    pub fn passport(&self) -> Result<crate::passport::Passport, crate::passport::PassportError> {
        crate::passport::Passport::decode(self.digest)
    }
}

/// The bytes of a signed identity digest: base64 and base64url characters, `=` padding
/// and the `.` between the parts of a JWS.
fn digest_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_' | b'=' | b'.')
}

fn identity<'a>(c: &mut Cur<'a>) -> Result<Identity<'a>> {
    c.lws();
    let digest = if c.peek() == Some(b'"') {
        // RFC 4474: the signature quoted, its certificate in Identity-Info.
        let q = c.quoted()?;
        &q[1..q.len() - 1]
    } else {
        let d = c.take_while(digest_char);
        if d.is_empty() {
            return Err(c.err("expected a signed identity digest"));
        }
        d
    };
    let start = c.pos;
    let mut end = c.pos;
    let (mut info, mut alg, mut ppt) = (None, None, None);
    while c.sep(b';') {
        let name = c.token("empty parameter")?;
        let mut value = None;
        if c.sep(b'=') {
            value = Some(if c.peek() == Some(b'<') {
                let from = c.pos + 1;
                c.take_while(|b| b != b'>' && b > b' ');
                c.expect(b'>', "expected '>' after the info URI")?;
                &c.s[from..c.pos - 1]
            } else if c.peek() == Some(b'"') {
                c.quoted()?
            } else {
                let v = c.take_while(|b| TOKEN[b as usize]);
                if v.is_empty() {
                    return Err(c.err("empty parameter value"));
                }
                v
            });
        }
        let slot = if name.eq_ignore_ascii_case("info") {
            &mut info
        } else if name.eq_ignore_ascii_case("alg") {
            &mut alg
        } else if name.eq_ignore_ascii_case("ppt") {
            &mut ppt
        } else {
            end = c.pos;
            continue;
        };
        if slot.is_some() {
            return Err(syntax(start, "Identity parameter repeated"));
        }
        *slot = Some(value.ok_or_else(|| c.err("expected '=' and a value"))?);
        end = c.pos;
    }
    if info.is_some_and(str::is_empty) {
        return Err(syntax(start, "empty info URI"));
    }
    c.pos = end;
    Ok(Identity {
        digest,
        info,
        alg,
        ppt: ppt.map(|p| p.trim_matches('"')),
        params_raw: &c.s[start..end],
    })
}

/// Parses a standalone Identity value.
///
/// # Errors
/// [`crate::Error::Syntax`] with the offset within `value`.
pub fn parse_identity(value: &str) -> Result<Identity<'_>> {
    super::whole(value, crate::Quirks::NONE, identity)
}

impl<'a> Message<'a> {
    /// Diversion values (RFC 5806), newest diversion first; a malformed one is an
    /// `Err` and the values after it are still read (see [`super::ListIter`]).
    pub fn diversions(&self) -> super::ListIter<'a, Diversion<'a>> {
        self.list(names::DIVERSION, diversion)
    }
    /// History-Info entries (RFC 7044) in order; a malformed one is an `Err` and the
    /// entries after it are still read.
    pub fn history_info(&self) -> super::ListIter<'a, HistoryInfo<'a>> {
        self.list(names::HISTORY_INFO, history_info)
    }
    /// Privacy (RFC 3323).
    ///
    /// # Errors
    /// [`crate::Error::Header`] if it is malformed.
    pub fn privacy(&self) -> Result<Option<Privacy<'a>>> {
        self.single(names::PRIVACY, privacy)
    }
    /// P-Preferred-Identity values (RFC 3325).
    pub fn p_preferred_identities(&self) -> super::ListIter<'a, NameAddr<'a>> {
        self.list(names::P_PREFERRED_IDENTITY, name_addr)
    }
    /// Remote-Party-ID values (the draft older than P-Asserted-Identity, still sent by
    /// gateways and PBXs), with `party`, `screen` and `privacy` in their parameters.
    pub fn remote_party_ids(&self) -> super::ListIter<'a, NameAddr<'a>> {
        self.list(names::REMOTE_PARTY_ID, name_addr)
    }
    /// P-Charging-Vector (RFC 7315).
    ///
    /// # Errors
    /// [`crate::Error::Header`] if it is malformed.
    pub fn p_charging_vector(&self) -> Result<Option<ChargingVector<'a>>> {
        self.single(names::P_CHARGING_VECTOR, charging_vector)
    }
    /// Identity values (RFC 8224; compact form `y`), one per signature: a call may
    /// carry a SHAKEN one and a `div` one for its diversion.
    pub fn identities(&self) -> super::ListIter<'a, Identity<'a>> {
        self.list(names::IDENTITY, identity)
    }
    /// The STIR/SHAKEN attestation (`A` full, `B` partial, `C` gateway; RFC 8588): the
    /// `attest` of the first Identity whose PASSporT decodes and is a `shaken` one. The
    /// signature is not checked.
    ///
    /// ```
    /// let wire = std::fs::read("../samples/invite_forwarded.sip")?;
    /// let mut slots = Vec::new();
    /// let m = sip_core::Parser::new().parse_datagram(&wire, &mut slots)?;
    /// assert_eq!(m.shaken_attestation().as_deref(), Some("A"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shaken_attestation(&self) -> Option<String> {
        self.identities().find_map(|id| {
            let p = id.ok()?.passport().ok()?;
            (p.header.ppt.as_deref() == Some("shaken"))
                .then_some(p.claims.attest)
                .flatten()
        })
    }
}
