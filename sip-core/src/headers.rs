//! Typed headers, parsed on access from the raw values of a [`Message`].
//!
//! Each parser reads one header value (or one element of a comma-separated list,
//! split around quoted strings and `<...>`), borrows from the message, and reports
//! errors as [`Error::Header`] with the absolute byte offset.

use std::borrow::Cow;

use crate::Quirk;
use crate::error::{Error, Result, syntax};
use crate::message::{Header, Headers, Message};
use crate::names::{self, Key, TOKEN};
use crate::scan::{Cur, EMPTY_LIST_ELEMENT, LWS, ListSep, is_lws, unquote};
use crate::uri::{Host, Uri, host_run, parse_host, plain_host_of};

mod carrier;
pub use carrier::{
    ChargingVector, Diversion, HistoryInfo, HistoryReason, Identity, Privacy,
    parse_charging_vector, parse_diversion, parse_history_info, parse_identity, parse_privacy,
};

/// Generic `;name[=value]` parameters of a header value, kept as text and iterated on
/// demand. Values are as written (quoted strings keep their quotes; see
/// [`Params::get_unquoted`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Params<'a> {
    raw: &'a str,
}

impl<'a> Params<'a> {
    /// The parameters' text as written (from the first `;`).
    pub fn as_str(&self) -> &'a str {
        self.raw
    }
    /// Iterates `(name, value)` pairs in order.
    pub fn iter(&self) -> ParamIter<'a> {
        ParamIter {
            cur: Cur::new(self.raw, crate::Quirks::ALL),
        }
    }
    /// A parameter by name, case-insensitive: `Some(None)` for a flag (`;lr`).
    pub fn get(&self, name: &str) -> Option<Option<&'a str>> {
        self.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
    /// A parameter's value with quotes and quoted-pairs removed.
    pub fn get_unquoted(&self, name: &str) -> Option<Cow<'a, str>> {
        self.get(name).flatten().map(unquote)
    }
    /// Whether the parameter is present.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

/// Iterator over [`Params`].
#[derive(Debug, Clone)]
pub struct ParamIter<'a> {
    cur: Cur<'a>,
}

impl<'a> Iterator for ParamIter<'a> {
    type Item = (&'a str, Option<&'a str>);
    fn next(&mut self) -> Option<Self::Item> {
        // The text was validated when the header was parsed (empty parameters, read
        // with their quirk, are passed over).
        if !self.cur.sep(b';') {
            return None;
        }
        while self.cur.sep(b';') {}
        one_param(&mut self.cur).ok()
    }
}

/// The bytes of an unquoted parameter value: token characters and the `:`, `[` and `]`
/// of an IPv6 reference (`received=[2001:db8::1]`), one lookup each.
const VALUE_CHAR: [bool; 256] = {
    let mut t = TOKEN;
    t[b':' as usize] = true;
    t[b'[' as usize] = true;
    t[b']' as usize] = true;
    t
};

#[inline]
fn value_char(c: u8) -> bool {
    VALUE_CHAR[c as usize]
}

/// A byte of a loose parameter value ([`Quirk::LooseParameterValue`]): any visible
/// character but the separators around a value.
fn loose_value_char(b: u8) -> bool {
    b > b' ' && b < 0x7f && !matches!(b, b';' | b',' | b'"' | b'<' | b'>')
}

fn one_param<'a>(c: &mut Cur<'a>) -> Result<(&'a str, Option<&'a str>)> {
    let name = c.token("empty parameter")?;
    if !c.sep(b'=') {
        return Ok((name, None));
    }
    let value = if c.peek() == Some(b'"') {
        let start = c.pos;
        match c.quoted() {
            Ok(v) => v,
            // Lenient: a quoted value that is never closed runs to the end.
            Err(_) if c.quirk(Quirk::LooseParameterValue) && !c.s[start + 1..].contains('"') => {
                c.pos = c.s.len();
                &c.s[start..]
            }
            Err(e) => return Err(e),
        }
    } else if c.quirk(Quirk::LooseParameterValue) {
        // Lenient: any visible character up to a separator (`tag=7618c7618^` from
        // Pingtel phones), and an empty value (`tag=`).
        c.take_while(loose_value_char)
    } else {
        let v = c.take_while(value_char);
        if v.is_empty() {
            return Err(c.err("empty parameter value"));
        }
        v
    };
    Ok((name, Some(value)))
}

/// A parameter at the cursor written the way nearly all are: `;name` or `;name=value`
/// with no whitespace around `;` or `=`, the value a quoted string or a run of value
/// bytes that ends where every reading of a value ends. Read as [`one_param`] reads it
/// (the cursor moved past it), or `None` with the cursor unmoved for any other text,
/// which the general loop of [`params_with`] then reads (and reports).
#[inline]
fn plain_param<'a>(c: &mut Cur<'a>) -> Option<(&'a str, Option<&'a str>)> {
    let b = c.b();
    let at = c.pos;
    if b.get(at) != Some(&b';') {
        return None;
    }
    let name_start = at + 1;
    let rest = b.get(name_start..)?;
    let name_end = name_start
        + rest
            .iter()
            .position(|&x| !TOKEN[x as usize])
            .unwrap_or(rest.len());
    if name_end == name_start {
        return None;
    }
    let name = c.s.get(name_start..name_end)?;
    match b.get(name_end) {
        Some(b'=') => {
            let value_start = name_end + 1;
            if b.get(value_start) == Some(&b'"') {
                c.pos = value_start;
                return match c.quoted() {
                    Ok(v) => Some((name, Some(v))),
                    Err(_) => {
                        c.pos = at;
                        None
                    }
                };
            }
            let rest = b.get(value_start..)?;
            let value_end = value_start
                + rest
                    .iter()
                    .position(|&x| !value_char(x))
                    .unwrap_or(rest.len());
            // The value must end where the lenient reading of a loose value would end too.
            if value_end == value_start || b.get(value_end).is_some_and(|&x| loose_value_char(x)) {
                return None;
            }
            c.pos = value_end;
            Some((name, Some(c.s.get(value_start..value_end)?)))
        }
        Some(b' ' | b'\t' | b'\r' | b'\n') => None,
        _ => {
            c.pos = name_end;
            Some((name, None))
        }
    }
}

/// Parses `*( SEMI generic-param )` at the cursor.
fn params<'a>(c: &mut Cur<'a>) -> Result<Params<'a>> {
    params_with(c, |_, _| Ok(()))
}

/// [`params`], handing each parameter to `each` as it is read (one pass for the
/// header's own checks of its parameters).
fn params_with<'a>(
    c: &mut Cur<'a>,
    each: impl FnMut(&'a str, Option<&'a str>) -> Result<()>,
) -> Result<Params<'a>> {
    read_params(c, each, true)
}

/// [`params_with`]; `plain`: whether a parameter of the usual shape is read by
/// [`plain_param`] (off only where a test checks that both ways read alike).
#[inline(always)]
fn read_params<'a>(
    c: &mut Cur<'a>,
    mut each: impl FnMut(&'a str, Option<&'a str>) -> Result<()>,
    plain: bool,
) -> Result<Params<'a>> {
    let start = c.pos;
    let mut end = c.pos;
    loop {
        if plain && let Some((name, value)) = plain_param(c) {
            each(name, value)?;
            end = c.pos;
            continue;
        }
        if !c.sep(b';') {
            break;
        }
        if c.quirk(Quirk::EmptyParameter) {
            while c.sep(b';') {}
        }
        if c.quirk(Quirk::TrailingSemicolon) && matches!(c.peek(), None | Some(b',')) {
            // `;` ends the parameters: the raw parameters stop before it, the
            // reading goes on after it.
            return Ok(Params {
                raw: &c.s[start..end],
            });
        }
        let (name, value) = one_param(c)?;
        each(name, value)?;
        end = c.pos;
    }
    c.pos = end;
    Ok(Params {
        raw: &c.s[start..end],
    })
}

/// A name-addr or addr-spec (From, To, Contact, Route, Record-Route, Refer-To,
/// P-Asserted-Identity) with its header parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameAddr<'a> {
    /// The display name as written (quoted with its quotes, or tokens).
    pub display_raw: Option<&'a str>,
    /// The URI text (without `<` `>`).
    pub uri_raw: &'a str,
    /// The parsed URI.
    pub uri: Uri<'a>,
    /// Whether the URI was in `<` `>`.
    pub angle: bool,
    /// The header parameters (after the URI).
    pub params: Params<'a>,
    /// The first `tag` parameter, found while the parameters were read.
    tag: Option<&'a str>,
}

impl<'a> NameAddr<'a> {
    /// The display name, unquoted.
    pub fn display_name(&self) -> Option<Cow<'a, str>> {
        self.display_raw.map(|d| {
            if d.starts_with("\"\"") && d.ends_with("\"\"") && d.len() >= 4 {
                Cow::Borrowed(&d[2..d.len() - 2])
            } else {
                unquote(d)
            }
        })
    }
    /// The `tag` parameter.
    pub fn tag(&self) -> Option<&'a str> {
        self.tag
    }
    /// The `expires` parameter of a Contact (must fit in 32 bits).
    ///
    /// # Errors
    /// [`Error::Syntax`] when the value is not a number or overflows.
    pub fn expires(&self) -> Result<Option<u32>> {
        match self.params.get("expires") {
            None | Some(None) => Ok(None),
            Some(Some(v)) => parse_u32(v).map(Some),
        }
    }
    /// The `q` parameter of a Contact, in thousandths (`q=0.7` gives 700).
    ///
    /// # Errors
    /// [`Error::Syntax`] when the value is not a qvalue (0 to 1, three decimals).
    pub fn q(&self) -> Result<Option<u16>> {
        match self.params.get("q") {
            None | Some(None) => Ok(None),
            Some(Some(v)) => parse_q(v).map(Some),
        }
    }
}

fn parse_u32(v: &str) -> Result<u32> {
    if v.is_empty() || !v.bytes().all(|c| c.is_ascii_digit()) {
        return Err(syntax(0, "not a decimal number"));
    }
    v.trim_start_matches('0')
        .parse::<u32>()
        .or_else(|e| {
            if v.bytes().all(|c| c == b'0') {
                Ok(0)
            } else {
                Err(e)
            }
        })
        .map_err(|_| syntax(0, "number does not fit in 32 bits"))
}

fn parse_q(v: &str) -> Result<u16> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let ok =
        (int == "0" || int == "1") && frac.len() <= 3 && frac.bytes().all(|c| c.is_ascii_digit());
    if !ok {
        return Err(syntax(0, "invalid q value"));
    }
    let mut n: u16 = if int == "1" { 1000 } else { 0 };
    let mut scale = 100;
    for d in frac.bytes() {
        n += u16::from(d - b'0') * scale;
        scale /= 10;
    }
    if n > 1000 {
        return Err(syntax(0, "q value above 1"));
    }
    Ok(n)
}

fn display_then_angle<'a>(c: &mut Cur<'a>) -> Result<Option<&'a str>> {
    // Returns the display name if the cursor is at `[display-name] <`, leaving the
    // cursor on `<`; otherwise restores the cursor and returns Ok(None).
    let start = c.pos;
    if c.peek() == Some(b'"') {
        if c.quirk(Quirk::OddDisplayName) && c.s[c.pos..].starts_with("\"\"") {
            // ""name"" as sent by some user agents.
            if let Some(end) = c.s[c.pos + 2..].find("\"\"") {
                let after = c.pos + 2 + end + 2;
                let mut probe = c.clone();
                probe.pos = after;
                probe.lws();
                if probe.peek() == Some(b'<') {
                    let d = &c.s[start..after];
                    *c = probe;
                    return Ok(Some(d));
                }
            }
        }
        let d = c.quoted()?;
        c.lws();
        if c.peek() != Some(b'<') {
            return Err(c.err("expected '<' after display name"));
        }
        return Ok(Some(d));
    }
    if c.peek() == Some(b'<') {
        return Ok(None);
    }
    // *(token LWS) then '<'
    let mut end = c.pos;
    loop {
        let t = c.take_while(|b| TOKEN[b as usize]);
        if t.is_empty() {
            break;
        }
        end = c.pos;
        c.lws();
    }
    if end > start && c.peek() == Some(b'<') {
        return Ok(Some(&c.s[start..end]));
    }
    c.pos = start;
    if c.quirk(Quirk::OddDisplayName) {
        // Lenient: a display name written with backslash-quotes outside a quoted string
        // (`\"arik\" <sip:...>`), or unquoted with characters outside token
        // (`John Smith (Sales)`, `=?utf-8?q?J=C3=BCrgen?=`, `alice@example.com`), is
        // whatever stands before the `<`, when that holds no `>`, `,` or `;` (the
        // header's separators) and, unquoted, no quote, no `:` (so an addr-spec is never
        // taken for a name) and no control byte. The search stops at the first of them.
        let rest = c.b().get(start..).unwrap_or_default();
        let backslashed = rest.starts_with(b"\\\"");
        let stop = rest.iter().position(|&b| {
            matches!(b, b'<' | b'>' | b',' | b';')
                || !backslashed
                    && (matches!(b, b':' | b'"') || (b < b' ' && b != b'\t') || b == 0x7f)
        });
        if let Some(i) = stop
            && rest[i] == b'<'
        {
            let name = c.s[start..start + i].trim_end();
            if !name.is_empty() {
                c.pos = start + i;
                return Ok(Some(name));
            }
        }
    }
    Ok(None)
}

/// Parses one name-addr / addr-spec with parameters; stops before `,` or the end.
fn name_addr<'a>(c: &mut Cur<'a>) -> Result<NameAddr<'a>> {
    c.lws();
    let display = display_then_angle(c)?;
    let (uri_raw, uri_pos, angle) = if c.eat(b'<') {
        if c.quirk(Quirk::SpaceInAngleBrackets) {
            c.lws();
        } else if matches!(c.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            return Err(c.err("whitespace after '<'"));
        }
        let start = c.pos;
        // The URI runs to the `>`, or stops early at whitespace or a control byte; one
        // search for either finds the usual case.
        let rest = &c.b()[start..];
        let raw = match crate::scan::angle_or_space(rest) {
            Some(i) if rest[i] == b'>' => {
                c.pos = start + i;
                &c.s[start..c.pos]
            }
            _ => match memchr::memchr(b'>', rest) {
                // Lenient: whitespace inside the URI (around its parameters' `;` and
                // `=`, a line folded there) is the URI's to read; it runs to the `>`.
                Some(i)
                    if c.quirk(Quirk::SpaceInAngleBrackets)
                        && rest[..i].iter().all(|&b| b > b' ' || is_lws(b)) =>
                {
                    let uri = c.s[start..start + i].trim_end_matches(LWS);
                    c.pos = start + uri.len();
                    uri
                }
                _ => c.take_while(|b| b != b'>' && b > b' '),
            },
        };
        let mut end = c.pos;
        if c.quirk(Quirk::SpaceInAngleBrackets) {
            c.lws();
        }
        if !c.eat(b'>') {
            return Err(c.err("expected '>' after URI"));
        }
        if raw.is_empty() {
            return Err(syntax(start, "empty URI"));
        }
        end = end.max(start);
        (&c.s[start..end], start, true)
    } else {
        let start = c.pos;
        let raw = c.take_while(|b| b > b' ' && !matches!(b, b';' | b',' | b'<' | b'>' | b'"'));
        if raw.is_empty() {
            return Err(c.err("expected a URI"));
        }
        (raw, start, false)
    };
    let uri = Uri::parse_with_quirks(uri_raw, c.quirks).map_err(|e| {
        if !angle && c.s[uri_pos..].contains('<') {
            syntax(
                uri_pos,
                "display name with non-token characters must be quoted",
            )
        } else {
            e.shifted(uri_pos)
        }
    })?;
    if !angle
        && let Uri::Sip(u) = &uri
        && u.has_headers()
    {
        return Err(syntax(
            uri_pos,
            "URI with headers must be enclosed in '<' '>'",
        ));
    }
    let mut tag = None;
    let params = params_with(c, |n, v| {
        if tag.is_none() && n.eq_ignore_ascii_case("tag") {
            tag = Some(v);
        }
        Ok(())
    })?;
    Ok(NameAddr {
        display_raw: display,
        uri_raw,
        uri,
        angle,
        params,
        tag: tag.flatten(),
    })
}

/// A Contact value: `*` or an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact<'a> {
    /// `Contact: *` (REGISTER removing all bindings).
    Wildcard,
    /// An address with `expires`, `q` and other parameters.
    Addr(NameAddr<'a>),
}

fn contact<'a>(c: &mut Cur<'a>) -> Result<Contact<'a>> {
    c.lws();
    if c.peek() == Some(b'*') {
        c.pos += 1;
        c.lws();
        if !c.at_end() {
            return Err(c.err("'*' must be the only Contact value"));
        }
        return Ok(Contact::Wildcard);
    }
    // expires and q are checked on access and by `validate`.
    name_addr(c).map(Contact::Addr)
}

/// A Via's protocol name and version and the `/` after each (RFC 3261 20.42:
/// `sent-protocol = protocol-name SLASH protocol-version SLASH transport`), the cursor
/// left on the transport; `one_step`: `SIP/2.0/` (the name in any case), as nearly every
/// Via starts, is read at once.
#[inline]
fn sent_protocol<'a>(c: &mut Cur<'a>, one_step: bool) -> Result<(&'a str, &'a str)> {
    if one_step
        && let Some(head) = c.b().get(c.pos..).and_then(|r| r.first_chunk::<8>())
        && u64::from_le_bytes(*head) | 0x20_2020 == u64::from_le_bytes(*b"sip/2.0/")
    {
        let at = c.pos;
        c.pos += 8;
        c.lws();
        return Ok((&c.s[at..at + 3], &c.s[at + 4..at + 7]));
    }
    let protocol = c.token("expected protocol name")?;
    if !c.sep(b'/') {
        return Err(c.err("expected '/' in sent-protocol"));
    }
    let version = c.token("expected protocol version")?;
    if !c.sep(b'/') {
        return Err(c.err("expected '/' in sent-protocol"));
    }
    Ok((protocol, version))
}

/// A Via value (RFC 3261 section 20.42).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Via<'a> {
    /// Protocol name, `SIP`.
    pub protocol: &'a str,
    /// Protocol version, `2.0`.
    pub version: &'a str,
    /// Transport (`UDP`, `TCP`, `TLS`, `SCTP`, `WS`... any token).
    pub transport: &'a str,
    /// The sent-by host.
    pub host: Host<'a>,
    /// The sent-by host as written.
    pub host_raw: &'a str,
    /// The sent-by port.
    pub port: Option<u16>,
    /// Parameters: branch, received, rport, maddr, ttl and others.
    pub params: Params<'a>,
    /// The first `branch` parameter, found while the parameters were read.
    branch: Option<&'a str>,
}

impl<'a> Via<'a> {
    /// The `branch` parameter.
    pub fn branch(&self) -> Option<&'a str> {
        self.branch
    }
    /// The `received` parameter.
    pub fn received(&self) -> Option<&'a str> {
        self.params.get("received").flatten()
    }
    /// The `rport` parameter: `Some(None)` when present without a value.
    pub fn rport(&self) -> Option<Option<u16>> {
        self.params
            .get("rport")
            .map(|v| v.and_then(|v| v.parse().ok()))
    }
    /// The `maddr` parameter.
    pub fn maddr(&self) -> Option<&'a str> {
        self.params.get("maddr").flatten()
    }
    /// The `ttl` parameter.
    pub fn ttl(&self) -> Option<u8> {
        self.params
            .get("ttl")
            .flatten()
            .and_then(|v| v.parse().ok())
    }
}

fn via<'a>(c: &mut Cur<'a>) -> Result<Via<'a>> {
    c.lws();
    let (protocol, version) = sent_protocol(c, true)?;
    let transport = c.token("expected transport")?;
    if !c.lws() {
        return Err(c.err("expected whitespace before sent-by"));
    }
    let hstart = c.pos;
    let mut plain = None;
    if c.peek() == Some(b'[') {
        c.take_while(|b| b != b']');
        c.expect(b']', "unterminated IPv6 reference")?;
    } else {
        // Letters, digits, `-` and `.` are read once, their kinds learnt on the way; an
        // `_` (lenient host names) continues the host, which is then read in full.
        let (end, any) = host_run(c.b(), hstart);
        c.pos = end;
        c.take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
        if c.pos == end && end > hstart {
            plain = Some(any);
        }
    }
    let host_raw = &c.s[hstart..c.pos];
    let host = match plain.and_then(|any| plain_host_of(host_raw, any, c.quirks)) {
        Some(host) => host,
        None => parse_host(host_raw, hstart, c.quirks)?,
    };
    let mut port = None;
    if c.sep(b':') {
        port = Some(c.number(65535, "expected port")? as u16);
    }
    let mut branch = None;
    let received_with_port = c.quirk(Quirk::ReceivedWithPort);
    let received_host = c.quirk(Quirk::ReceivedHostName);
    let ps = params_with(c, |n, v| {
        if n.eq_ignore_ascii_case("received") {
            let v = v.unwrap_or("");
            let ok = is_received_address(v)
                || received_with_port
                    && v.rsplit_once(':').is_some_and(|(a, port)| {
                        (crate::scan::ipv4(a.as_bytes()).is_some() || a.starts_with('['))
                            && is_received_address(a)
                            && port.bytes().all(|b| b.is_ascii_digit())
                            && port.parse::<u16>().is_ok()
                    })
                || received_host && is_host_name(v);
            if !ok {
                return Err(syntax(hstart, "received is not an IP address"));
            }
        } else if n.eq_ignore_ascii_case("ttl") {
            v.and_then(|v| v.parse::<u8>().ok())
                .ok_or_else(|| syntax(hstart, "ttl is not 0-255"))?;
        } else if n.eq_ignore_ascii_case("rport")
            && let Some(v) = v
            && v.parse::<u16>().is_err()
        {
            return Err(syntax(hstart, "rport is not a port"));
        } else if n.eq_ignore_ascii_case("branch") {
            if v.is_none() {
                return Err(syntax(hstart, "branch without a value"));
            }
            branch = branch.or(v);
        }
        Ok(())
    })?;
    Ok(Via {
        protocol,
        version,
        transport,
        host,
        host_raw,
        port,
        params: ps,
        branch,
    })
}

/// A host name as RFC 2543 allowed it in `received` ([`Quirk::ReceivedHostName`]):
/// labels of letters, digits and `-` between dots, at least one letter. Not the URI
/// host-name reading, whose top label must start with a letter (`3comI` does not).
fn is_host_name(v: &str) -> bool {
    v.bytes().any(|b| b.is_ascii_alphabetic())
        && v.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// A Via `received` value: an IPv4 or IPv6 address, the IPv6 one bare or in brackets.
fn is_received_address(v: &str) -> bool {
    crate::scan::ip(v.as_bytes()).is_some()
        || v.strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .is_some_and(|r| crate::scan::ipv6(r.as_bytes()).is_some())
}

/// CSeq: sequence number and method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CSeq<'a> {
    /// The sequence number (below 2^31 for new requests; any 32-bit value accepted).
    pub seq: u32,
    /// The method.
    pub method: &'a str,
}

fn cseq<'a>(c: &mut Cur<'a>) -> Result<CSeq<'a>> {
    c.lws();
    let seq = c.number(u64::from(u32::MAX), "expected sequence number")? as u32;
    if !c.lws() {
        return Err(c.err("expected whitespace after sequence number"));
    }
    let method = c.token("expected method")?;
    Ok(CSeq { seq, method })
}

/// A Date value: rfc1123-date = wkday "," SP date1 SP time SP "GMT" (RFC 3261
/// section 20.17), as a timestamp (a leap second, `60`, as the second before it); `at`
/// is the value's offset, where an error points.
pub(crate) fn parse_date(v: &[u8], at: usize) -> Result<jiff::Timestamp> {
    let err = |reason| Error::Header {
        offset: at,
        name: "Date",
        reason,
    };
    let s = std::str::from_utf8(v).map_err(|_| err("value is not UTF-8"))?;
    let parts: Vec<&str> = s.split(' ').collect();
    let [wkday, day, month, year, time, zone] = parts.as_slice() else {
        return Err(err("not an RFC 1123 date"));
    };
    let wk_ok = ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"].contains(wkday);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let digits = |x: &str, n: usize| x.len() == n && x.bytes().all(|c| c.is_ascii_digit());
    let time_ok = time.len() == 8
        && time
            .split(':')
            .map(|p| digits(p, 2))
            .fold((0, true), |(n, ok), d| (n + 1, ok && d))
            == (3, true);
    if !(wk_ok && digits(day, 2) && months.contains(month) && digits(year, 4) && time_ok) {
        return Err(err("not an RFC 1123 date"));
    }
    if *zone != "GMT" {
        return Err(err("time zone must be GMT"));
    }
    // The fields are digits of fixed width, so these parses cannot fail; the values must
    // name a real day and time (a leap second 60 is allowed, RFC 5322 3.3).
    let num = |x: &str| x.parse::<i16>().unwrap_or(-1);
    let [hh, mm, ss] = [&time[0..2], &time[3..5], &time[6..8]].map(num);
    if hh > 23 || mm > 59 || ss > 60 {
        return Err(err("time of day out of range"));
    }
    let month_no = months.iter().position(|m| m == month).map_or(0, |i| i + 1);
    let Ok(civil) = jiff::civil::Date::new(num(year), month_no as i8, num(day) as i8) else {
        return Err(err("no such calendar day"));
    };
    // RFC 5322 3.3: the day of the week must be the one the date implies.
    let weekday = ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"]
        [usize::from(civil.weekday().to_monday_zero_offset().unsigned_abs())];
    if *wkday != weekday {
        return Err(err("day of the week does not match the date"));
    }
    civil
        .at(hh as i8, mm as i8, ss.min(59) as i8, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp())
        .map_err(|_| err("no such calendar day"))
}

/// A media type (Content-Type): `type/subtype;params`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaType<'a> {
    /// The type (`application`).
    pub mtype: &'a str,
    /// The subtype (`sdp`).
    pub subtype: &'a str,
    /// Parameters (`boundary`, `charset`...).
    pub params: Params<'a>,
}

impl<'a> MediaType<'a> {
    /// Whether this is `type/subtype`, ignoring case.
    pub fn is(&self, mtype: &str, subtype: &str) -> bool {
        self.mtype.eq_ignore_ascii_case(mtype) && self.subtype.eq_ignore_ascii_case(subtype)
    }
    /// The `boundary` parameter of a multipart type, unquoted.
    pub fn boundary(&self) -> Option<Cow<'a, str>> {
        self.params.get_unquoted("boundary")
    }
}

fn media_type<'a>(c: &mut Cur<'a>) -> Result<MediaType<'a>> {
    c.lws();
    let mtype = c.token("expected media type")?;
    if !c.sep(b'/') {
        return Err(c.err("expected '/' in media type"));
    }
    let subtype = c.token("expected media subtype")?;
    let params = params(c)?;
    Ok(MediaType {
        mtype,
        subtype,
        params,
    })
}

/// Parses a Content-Type value on its own (for multipart bodies and callers that
/// hold a raw value).
///
/// # Errors
/// [`Error::Syntax`] with the offset within `value`.
pub fn parse_media_type(value: &str) -> Result<MediaType<'_>> {
    whole(value, crate::Quirks::NONE, media_type)
}

/// A challenge or credentials (WWW-/Proxy-Authenticate, (Proxy-)Authorization):
/// scheme and comma-separated auth parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Auth<'a> {
    /// The scheme (`Digest`, or any other token).
    pub scheme: &'a str,
    /// The parameters' text as written.
    pub params_raw: &'a str,
}

impl<'a> Auth<'a> {
    /// The parameters as `(name, value)`, values as written.
    pub fn params(&self) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
        let mut c = Cur::new(self.params_raw, crate::Quirks::ALL);
        std::iter::from_fn(move || {
            // Past the comma before the parameter, and any empty elements.
            c.lws();
            c.empty_elements();
            if c.at_end() {
                return None;
            }
            auth_param(&mut c).ok()
        })
    }
    /// A parameter by name (case-insensitive), unquoted.
    pub fn param(&self, name: &str) -> Option<Cow<'a, str>> {
        self.params()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| unquote(v))
    }
    /// Whether the scheme is Digest.
    pub fn is_digest(&self) -> bool {
        self.scheme.eq_ignore_ascii_case("Digest")
    }
    /// `realm`.
    pub fn realm(&self) -> Option<Cow<'a, str>> {
        self.param("realm")
    }
    /// `nonce`.
    pub fn nonce(&self) -> Option<Cow<'a, str>> {
        self.param("nonce")
    }
    /// `username`.
    pub fn username(&self) -> Option<Cow<'a, str>> {
        self.param("username")
    }
    /// `response`.
    pub fn response(&self) -> Option<Cow<'a, str>> {
        self.param("response")
    }
    /// `algorithm`.
    pub fn algorithm(&self) -> Option<Cow<'a, str>> {
        self.param("algorithm")
    }
    /// `qop` (a list in challenges, one value in credentials).
    pub fn qop(&self) -> Option<Cow<'a, str>> {
        self.param("qop")
    }
    /// `uri` (digest-uri).
    pub fn uri(&self) -> Option<Cow<'a, str>> {
        self.param("uri")
    }
    /// `opaque`.
    pub fn opaque(&self) -> Option<Cow<'a, str>> {
        self.param("opaque")
    }
}

fn auth_param<'a>(c: &mut Cur<'a>) -> Result<(&'a str, &'a str)> {
    let name = c.token("expected auth parameter")?;
    if !c.sep(b'=') {
        return Err(c.err("expected '=' in auth parameter"));
    }
    let v = if c.peek() == Some(b'"') {
        c.quoted()?
    } else {
        let v = c.take_while(|b| TOKEN[b as usize] || matches!(b, b'/' | b':' | b'=' | b'@'));
        if v.is_empty() {
            return Err(c.err(match c.peek() {
                None | Some(b',' | b' ' | b'\t' | b'\r' | b'\n') => "empty auth parameter value",
                Some(_) => "auth parameter value is not a token or quoted string",
            }));
        }
        v
    };
    Ok((name, v))
}

fn auth<'a>(c: &mut Cur<'a>) -> Result<Auth<'a>> {
    c.lws();
    let scheme = c.token("expected auth scheme")?;
    if !c.lws() && !c.at_end() {
        return Err(c.err("expected whitespace after auth scheme"));
    }
    let start = c.pos;
    if !c.at_end() {
        loop {
            auth_param(c)?;
            match c.list_sep_or_empty()? {
                ListSep::End => break,
                ListSep::More => {}
                // Lenient: a run of empty elements is skipped, also at the end.
                ListSep::Empty if c.quirk(Quirk::EmptyParameter) => {
                    c.empty_elements();
                    if c.at_end() {
                        break;
                    }
                }
                ListSep::Empty => return Err(c.err(EMPTY_LIST_ELEMENT)),
            }
        }
    }
    Ok(Auth {
        scheme,
        params_raw: &c.s[start..c.pos],
    })
}

/// A token with parameters: Event, Subscription-State, Reason, Session-Expires,
/// Min-SE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenParams<'a> {
    /// The leading token (event package, state, protocol, or delta-seconds).
    pub value: &'a str,
    /// The parameters.
    pub params: Params<'a>,
}

impl<'a> TokenParams<'a> {
    /// `id` of an Event.
    pub fn id(&self) -> Option<&'a str> {
        self.params.get("id").flatten()
    }
    /// `expires` of Subscription-State.
    pub fn expires(&self) -> Option<u32> {
        self.params
            .get("expires")
            .flatten()
            .and_then(|v| v.parse().ok())
    }
    /// `reason` of Subscription-State.
    pub fn reason(&self) -> Option<&'a str> {
        self.params.get("reason").flatten()
    }
    /// `cause` of Reason.
    pub fn cause(&self) -> Option<u16> {
        self.params
            .get("cause")
            .flatten()
            .and_then(|v| v.parse().ok())
    }
    /// `text` of Reason, unquoted.
    pub fn text(&self) -> Option<Cow<'a, str>> {
        self.params.get_unquoted("text")
    }
    /// `refresher` of Session-Expires (`uac` or `uas`).
    pub fn refresher(&self) -> Option<&'a str> {
        self.params.get("refresher").flatten()
    }
    /// The value as delta-seconds (Session-Expires, Min-SE).
    pub fn seconds(&self) -> Option<u32> {
        parse_u32(self.value).ok()
    }
}

fn token_params<'a>(c: &mut Cur<'a>) -> Result<TokenParams<'a>> {
    c.lws();
    let value = c.token("expected a token")?;
    let params = params(c)?;
    Ok(TokenParams { value, params })
}

fn seconds_params<'a>(c: &mut Cur<'a>) -> Result<TokenParams<'a>> {
    let tp = token_params(c)?;
    parse_u32(tp.value).map_err(|e| e.shifted(c.pos.saturating_sub(tp.value.len())))?;
    Ok(tp)
}

/// RAck (RFC 3262): response number, CSeq number, method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RAck<'a> {
    /// The RSeq of the response acknowledged.
    pub rseq: u32,
    /// The CSeq number of the request.
    pub cseq: u32,
    /// The method.
    pub method: &'a str,
}

fn rack<'a>(c: &mut Cur<'a>) -> Result<RAck<'a>> {
    c.lws();
    let rseq = c.number(u64::from(u32::MAX), "expected response number")? as u32;
    if !c.lws() {
        return Err(c.err("expected whitespace"));
    }
    let cseq = c.number(u64::from(u32::MAX), "expected CSeq number")? as u32;
    if !c.lws() {
        return Err(c.err("expected whitespace"));
    }
    let method = c.token("expected method")?;
    Ok(RAck { rseq, cseq, method })
}

fn seconds(c: &mut Cur<'_>) -> Result<u32> {
    c.lws();
    Ok(c.number(u64::from(u32::MAX), "expected delta-seconds")? as u32)
}

fn max_forwards(c: &mut Cur<'_>) -> Result<u8> {
    c.lws();
    Ok(c.number(255, "expected a number 0-255")? as u8)
}

fn token<'a>(c: &mut Cur<'a>) -> Result<&'a str> {
    c.lws();
    c.token("expected a token")
}

/// Parses a whole value with `f`, requiring nothing but whitespace after it.
fn whole<'a, T>(
    s: &'a str,
    quirks: crate::Quirks,
    f: impl Fn(&mut Cur<'a>) -> Result<T>,
) -> Result<T> {
    let mut c = Cur::new(s, quirks);
    let v = f(&mut c)?;
    c.lws();
    if !c.at_end() {
        return Err(c.err(if c.peek() == Some(b',') {
            "more than one value in a single-valued header"
        } else {
            "unexpected character"
        }));
    }
    Ok(v)
}

/// The text of a header value to read typed, and its absolute offset: the whole value,
/// or with [`Quirk::NonUtf8DisplayName`] the part after a leading display name that is
/// not UTF-8, when that part is UTF-8 and its address starts with `<`.
fn value_text<'a>(
    h: &Header<'a>,
    name: &'static str,
    quirks: crate::Quirks,
) -> Result<(&'a str, usize)> {
    if let Some(s) = h.value_str() {
        return Ok((s, h.value_offset()));
    }
    if quirks.contains(Quirk::NonUtf8DisplayName)
        && let Some(at) = after_quoted(h.value())
        && let Ok(rest) = std::str::from_utf8(&h.value()[at..])
        && rest
            .trim_start_matches([' ', '\t', '\r', '\n'])
            .starts_with('<')
    {
        return Ok((rest, h.value_offset() + at));
    }
    Err(Error::Header {
        offset: h.value_offset(),
        name,
        reason: "value is not UTF-8",
    })
}

/// Where the quoted string that `value` starts with ends (just after its closing
/// quote; a backslash escapes the byte after it), if it starts with one and closes it.
fn after_quoted(value: &[u8]) -> Option<usize> {
    if value.first() != Some(&b'"') {
        return None;
    }
    let mut i = 1;
    while i < value.len() {
        match value[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Iterator over the comma-separated elements of every header with one name, each
/// parsed on demand, in wire order.
///
/// A malformed element is an `Err` and the reading goes on where it can safely resume:
/// after the next comma at the top level of the same header value (outside quoted
/// strings and `<...>`, with the quoting followed from the bad element's start), else at
/// the next header of that name. So a caller sees `Err` for the bad element and `Ok` for
/// the good ones after it; `collect::<Result<Vec<_>, _>>()` still stops at the first
/// error, and `map_while(Result::ok)` still keeps only the elements before it. An empty
/// element (`a,,b` as sofia-sip's torture tests write it, or a trailing `a, `) is an `Err`
/// of its own between the elements around it, one for a run of them. A header
/// whose value is empty or not UTF-8 is one `Err`. Auth headers (one challenge or
/// credentials per header, commas between parameters) resume at the next header only.
///
/// ```
/// let wire = b"OPTIONS sip:carol@example.com SIP/2.0\r\n\
/// Via: SIP/2.0/UDP bad host, SIP/2.0/TCP ok.example.com\r\n\
/// Via: SIP/2.0/UDP last.example.com\r\n\r\n";
/// let mut slots = Vec::new();
/// let m = sip_core::Parser::new().parse_datagram(wire, &mut slots)?;
/// let hosts: Vec<_> = m.vias().map(|v| v.map(|v| v.host.to_string())).collect();
/// assert!(hosts[0].is_err());
/// assert_eq!(hosts[1].as_deref(), Ok("ok.example.com"));
/// assert_eq!(hosts[2].as_deref(), Ok("last.example.com"));
/// # Ok::<(), sip_core::Error>(())
/// ```
pub struct ListIter<'a, T> {
    headers: Headers<'a>,
    key: Key<'static>,
    name: &'static str,
    cur: Option<(Cur<'a>, usize)>,
    parse: fn(&mut Cur<'a>) -> Result<T>,
    quirks: crate::Quirks,
    /// Whether a bad element resumes after the next top-level comma (false for auth
    /// headers, whose commas separate parameters).
    commas: bool,
    /// Whether an empty value is a list of no elements (Allow and Supported, whose
    /// RFC 3261 grammar makes the list optional) rather than an error.
    empty_ok: bool,
    /// Offset of the element last returned.
    last: Option<usize>,
    /// Whether the cursor stands on an empty element (`a,,b`, `a, `) after the one just
    /// returned: its error comes next, so that it hides neither the element before it
    /// nor those after it.
    empty_after: bool,
}

impl<T> ListIter<'_, T> {
    /// The offset (from the start of the input buffer) of the element `next` returned
    /// last: where a report about that element points. `None` before the first, and
    /// after an `Err` for a whole header (an empty value, one that is not UTF-8), whose
    /// offset the error itself gives.
    ///
    /// ```
    /// let wire = b"OPTIONS sip:carol@example.com SIP/2.0\r\n\
    /// Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n\r\n";
    /// let mut slots = Vec::new();
    /// let m = sip_core::Parser::new().parse_datagram(wire, &mut slots)?;
    /// let mut routes = m.routes();
    /// routes.next();
    /// assert_eq!(routes.offset(), Some(46));
    /// routes.next();
    /// assert_eq!(routes.offset(), Some(71));
    /// # Ok::<(), sip_core::Error>(())
    /// ```
    pub fn offset(&self) -> Option<usize> {
        self.last
    }
}

impl<T> std::fmt::Debug for ListIter<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListIter")
            .field("name", &self.name)
            .finish()
    }
}

/// The first comma at or after `from` at the top level of `b` (outside quoted strings
/// and `<...>`), with the quoting followed from `start`: the one scan behind
/// [`split_commas`] and the resumption of a [`ListIter`] after a bad element.
fn top_level_comma(b: &[u8], start: usize, from: usize) -> Option<usize> {
    let (mut quote, mut angle) = (false, false);
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'\\' if quote => i += 1,
            b'"' if !angle => quote = !quote,
            b'<' if !quote => angle = true,
            b'>' if !quote => angle = false,
            b',' if !quote && !angle && i >= from => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

impl<'a, T> Iterator for ListIter<'a, T> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        loop {
            if let Some((c, base)) = &mut self.cur {
                let base = *base;
                let start = c.pos;
                self.last = Some(base + start);
                if std::mem::take(&mut self.empty_after) {
                    let e = c.err(EMPTY_LIST_ELEMENT).shifted(base).in_header(self.name);
                    // Past the run of empty elements, to the next one or the end.
                    c.empty_elements();
                    if c.at_end() {
                        self.cur = None;
                    }
                    return Some(Err(e));
                }
                // The element goes straight to the caller: a large one (a name-addr)
                // is not moved through a tuple on the way.
                let e = match (self.parse)(c) {
                    Ok(v) => match c.list_sep_or_empty() {
                        Ok(ListSep::End) => {
                            self.cur = None;
                            return Some(Ok(v));
                        }
                        Ok(ListSep::More) => return Some(Ok(v)),
                        Ok(ListSep::Empty) if self.commas => {
                            self.empty_after = true;
                            return Some(Ok(v));
                        }
                        Ok(ListSep::Empty) => c.err(EMPTY_LIST_ELEMENT),
                        Err(e) => e,
                    },
                    Err(e) => e,
                };
                let from = c.pos.max(e.offset());
                let next = if self.commas {
                    top_level_comma(c.b(), start, from).map(|i| i + 1)
                } else {
                    None
                };
                match next {
                    Some(at) => {
                        c.pos = at;
                        c.lws();
                        if c.at_end() {
                            self.cur = None;
                        }
                    }
                    None => self.cur = None,
                }
                return Some(Err(e.shifted(base).in_header(self.name)));
            }
            let h = self.headers.next_named(self.key)?;
            self.last = None;
            match value_text(&h, self.name, self.quirks) {
                Ok(("", _)) if self.empty_ok => {}
                Ok(("", _)) => {
                    return Some(Err(Error::Header {
                        offset: h.value_offset(),
                        name: self.name,
                        reason: "empty value",
                    }));
                }
                Ok((s, at)) => self.cur = Some((Cur::new(s, self.quirks), at)),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Tokens of a list header (Allow, Supported, Require, Proxy-Require, Unsupported).
pub type TokenList<'a> = ListIter<'a, &'a str>;

impl<'a> Message<'a> {
    fn list<T>(&self, key: Key<'static>, parse: fn(&mut Cur<'a>) -> Result<T>) -> ListIter<'a, T> {
        ListIter {
            headers: self.headers_for(key),
            key,
            name: key.long,
            cur: None,
            parse,
            quirks: self.layout.quirks,
            commas: true,
            empty_ok: false,
            last: None,
            empty_after: false,
        }
    }

    /// A list of auth headers: a bad one resumes at the next header (see [`ListIter`]).
    fn auth_list(&self, key: Key<'static>) -> ListIter<'a, Auth<'a>> {
        ListIter {
            commas: false,
            ..self.list(key, auth)
        }
    }

    fn single<T>(
        &self,
        key: Key<'static>,
        parse: fn(&mut Cur<'a>) -> Result<T>,
    ) -> Result<Option<T>> {
        let Some(h) = self.find(key) else {
            return Ok(None);
        };
        let name = key.long;
        let (s, at) = value_text(&h, name, self.layout.quirks)?;
        whole(s, self.layout.quirks, parse)
            .map(Some)
            .map_err(|e| e.shifted(at).in_header(name))
    }

    /// All Via values, top first (comma-separated values split). A malformed value is
    /// an `Err` and the values after it are still read (see [`ListIter`]).
    pub fn vias(&self) -> ListIter<'a, Via<'a>> {
        self.list(names::VIA, via)
    }
    /// The topmost Via.
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn via(&self) -> Result<Option<Via<'a>>> {
        self.vias().next().transpose()
    }
    /// From.
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn from(&self) -> Result<Option<NameAddr<'a>>> {
        self.single(names::FROM, name_addr)
    }
    /// To.
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn to(&self) -> Result<Option<NameAddr<'a>>> {
        self.single(names::TO, name_addr)
    }
    /// Call-ID as written.
    pub fn call_id(&self) -> Option<&'a str> {
        self.find(names::CALL_ID).and_then(|h| h.value_str())
    }
    /// CSeq.
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed or the number overflows 32 bits.
    pub fn cseq(&self) -> Result<Option<CSeq<'a>>> {
        self.single(names::CSEQ, cseq)
    }
    /// Max-Forwards (0-255).
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed or above 255.
    pub fn max_forwards(&self) -> Result<Option<u8>> {
        self.single(names::MAX_FORWARDS, max_forwards)
    }
    /// All Contact values (`*` or addresses); a malformed one is an `Err` and the
    /// values after it are still read (see [`ListIter`]).
    pub fn contacts(&self) -> ListIter<'a, Contact<'a>> {
        self.list(names::CONTACT, contact)
    }
    /// All Route values, in order; a malformed one is an `Err` and the values after it
    /// are still read (see [`ListIter`]).
    pub fn routes(&self) -> ListIter<'a, NameAddr<'a>> {
        self.list(names::ROUTE, name_addr)
    }
    /// All Record-Route values, in order; a malformed one is an `Err` and the values
    /// after it are still read (see [`ListIter`]).
    pub fn record_routes(&self) -> ListIter<'a, NameAddr<'a>> {
        self.list(names::RECORD_ROUTE, name_addr)
    }
    /// Content-Type.
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn content_type(&self) -> Result<Option<MediaType<'a>>> {
        self.single(names::CONTENT_TYPE, media_type)
    }
    /// Expires (delta-seconds, 32 bits).
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed or overflows.
    pub fn expires(&self) -> Result<Option<u32>> {
        self.single(names::EXPIRES, seconds)
    }
    /// Min-Expires.
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed or overflows.
    pub fn min_expires(&self) -> Result<Option<u32>> {
        self.single(names::MIN_EXPIRES, seconds)
    }
    /// Date, as a timestamp (what a STIR/SHAKEN verifier compares a PASSporT's `iat`
    /// with, RFC 8224 section 6.2.1).
    ///
    /// ```
    /// let wire = b"OPTIONS sip:carol@example.com SIP/2.0\r\n\
    /// Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n\r\n";
    /// let mut slots = Vec::new();
    /// let m = sip_core::Parser::new().parse_datagram(wire, &mut slots)?;
    /// assert_eq!(m.date()?.map(|t| t.as_second()), Some(1_289_690_940));
    /// # Ok::<(), sip_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Header`] if it is not an RFC 1123 date in GMT naming a real day.
    pub fn date(&self) -> Result<Option<jiff::Timestamp>> {
        match self.find(names::DATE) {
            Some(h) => parse_date(h.value(), h.value_offset()).map(Some),
            None => Ok(None),
        }
    }
    /// Allow methods (an empty Allow header, which RFC 3261 allows, has none).
    pub fn allow(&self) -> TokenList<'a> {
        ListIter {
            empty_ok: true,
            ..self.list(names::ALLOW, token)
        }
    }
    /// Supported option tags (an empty Supported header, which RFC 3261 allows, has
    /// none).
    pub fn supported(&self) -> TokenList<'a> {
        ListIter {
            empty_ok: true,
            ..self.list(names::SUPPORTED, token)
        }
    }
    /// Require option tags.
    pub fn require(&self) -> TokenList<'a> {
        self.list(names::REQUIRE, token)
    }
    /// Proxy-Require option tags.
    pub fn proxy_require(&self) -> TokenList<'a> {
        self.list(names::PROXY_REQUIRE, token)
    }
    /// Unsupported option tags.
    pub fn unsupported(&self) -> TokenList<'a> {
        self.list(names::UNSUPPORTED, token)
    }
    /// WWW-Authenticate challenges (one per header).
    pub fn www_authenticate(&self) -> ListIter<'a, Auth<'a>> {
        self.auth_list(names::WWW_AUTHENTICATE)
    }
    /// Proxy-Authenticate challenges.
    pub fn proxy_authenticate(&self) -> ListIter<'a, Auth<'a>> {
        self.auth_list(names::PROXY_AUTHENTICATE)
    }
    /// Authorization credentials.
    pub fn authorization(&self) -> ListIter<'a, Auth<'a>> {
        self.auth_list(names::AUTHORIZATION)
    }
    /// Proxy-Authorization credentials.
    pub fn proxy_authorization(&self) -> ListIter<'a, Auth<'a>> {
        self.auth_list(names::PROXY_AUTHORIZATION)
    }
    /// Event (RFC 6665): package and `id`.
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn event(&self) -> Result<Option<TokenParams<'a>>> {
        self.single(names::EVENT, token_params)
    }
    /// Subscription-State: state, `expires`, `reason`.
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn subscription_state(&self) -> Result<Option<TokenParams<'a>>> {
        self.single(names::SUBSCRIPTION_STATE, token_params)
    }
    /// RSeq (RFC 3262).
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed or overflows.
    pub fn rseq(&self) -> Result<Option<u32>> {
        self.single(names::RSEQ, seconds)
    }
    /// RAck (RFC 3262).
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn rack(&self) -> Result<Option<RAck<'a>>> {
        self.single(names::RACK, rack)
    }
    /// Session-Expires (RFC 4028): seconds and `refresher`.
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn session_expires(&self) -> Result<Option<TokenParams<'a>>> {
        self.single(names::SESSION_EXPIRES, seconds_params)
    }
    /// Min-SE (RFC 4028).
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn min_se(&self) -> Result<Option<TokenParams<'a>>> {
        self.single(names::MIN_SE, seconds_params)
    }
    /// P-Asserted-Identity values (RFC 3325).
    pub fn p_asserted_identities(&self) -> ListIter<'a, NameAddr<'a>> {
        self.list(names::P_ASSERTED_IDENTITY, name_addr)
    }
    /// Reason values (RFC 3326): protocol, `cause`, `text`.
    pub fn reasons(&self) -> ListIter<'a, TokenParams<'a>> {
        self.list(names::REASON, token_params)
    }
    /// Refer-To (RFC 3515).
    ///
    /// # Errors
    /// [`Error::Header`] if it is malformed.
    pub fn refer_to(&self) -> Result<Option<NameAddr<'a>>> {
        self.single(names::REFER_TO, name_addr)
    }
    /// User-Agent as written.
    pub fn user_agent(&self) -> Option<&'a str> {
        self.find(names::USER_AGENT).and_then(|h| h.value_str())
    }
    /// Server as written.
    pub fn server(&self) -> Option<&'a str> {
        self.find(names::SERVER).and_then(|h| h.value_str())
    }
}

/// Parses a standalone name-addr or addr-spec (`"Bob" <sip:bob@example.com>;tag=1`).
///
/// # Errors
/// [`Error::Syntax`] with the offset within `value`.
pub fn parse_name_addr(value: &str) -> Result<NameAddr<'_>> {
    whole(value, crate::Quirks::NONE, name_addr)
}

/// Parses a standalone Via value.
///
/// # Errors
/// [`Error::Syntax`] with the offset within `value`.
pub fn parse_via(value: &str) -> Result<Via<'_>> {
    whole(value, crate::Quirks::NONE, via)
}

/// Splits a header value at commas that are outside quoted strings and `<...>`,
/// trimming whitespace around each element.
///
/// ```
/// let v = r#""Doe, John" <sip:j@example.com;a=b,c>, <sip:x@example.com>"#;
/// let parts: Vec<&str> = sip_core::headers::split_commas(v).collect();
/// assert_eq!(parts, [r#""Doe, John" <sip:j@example.com;a=b,c>"#, "<sip:x@example.com>"]);
/// ```
pub fn split_commas(value: &str) -> impl Iterator<Item = &str> {
    let b = value.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let i = top_level_comma(b, start, start).unwrap_or(b.len());
        let part = value[start..i].trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
        if i >= b.len() {
            done = true;
        } else {
            start = i + 1;
        }
        Some(part)
    })
}

/// What reading parameters from the start of `text` gives: each parameter read and the
/// parameters' text (or the error), and where the cursor stops; `plain` as in
/// [`read_params`].
#[cfg(any(test, fuzzing))]
fn read_params_of(text: &str, quirks: crate::Quirks, plain: bool) -> (Result<Vec<String>>, usize) {
    let mut c = Cur::new(text, quirks);
    let mut seen = Vec::new();
    let r = read_params(
        &mut c,
        |n, v| {
            seen.push(format!("{n}={v:?}"));
            Ok(())
        },
        plain,
    )
    .map(|p| {
        seen.push(format!("raw {}", p.as_str()));
        seen
    });
    (r, c.pos)
}

/// Whether `read` gives the same with its one-step reading (`true`) and without it, on
/// each of `texts`, strictly and with every quirk: the oracle of each one-step reading.
#[cfg(any(test, fuzzing))]
fn same_both_ways<'t, R: PartialEq>(
    texts: [&'t str; 2],
    read: impl Fn(&'t str, crate::Quirks, bool) -> R,
) -> bool {
    [crate::Quirks::NONE, crate::Quirks::ALL]
        .into_iter()
        .all(|q| texts.iter().all(|t| read(t, q, true) == read(t, q, false)))
}

/// Whether reading header parameters of the usual shape in one step ([`plain_param`])
/// gives what the general reading gives, on `text` and on `;` before it, strictly and
/// with every quirk. Built only for the fuzz targets.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn plain_params_agree(text: &str) -> bool {
    same_both_ways([text, &format!(";{text}")], read_params_of)
}

/// Whether reading a Via's `SIP/2.0/` in one step gives what the token-by-token reading
/// gives (the result and where the cursor stops), on `text` and on `SIP/2.0/` before it,
/// strictly and with every quirk. Built only for the tests and the fuzz targets.
#[cfg(any(test, fuzzing))]
#[doc(hidden)]
pub fn sent_protocol_agrees(text: &str) -> bool {
    fn read(t: &str, q: crate::Quirks, one_step: bool) -> (Result<(&str, &str)>, usize) {
        let mut c = Cur::new(t, q);
        (sent_protocol(&mut c, one_step), c.pos)
    }
    same_both_ways([text, &format!("SIP/2.0/{text}")], read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_via_host_of_letters_digits_hyphens_and_dots_reads_as_any_host_reads() {
        for host in [
            "192.0.2.1",
            "192.0.2.01",
            "256.1.1.1",
            "1.2.3",
            "proxy.example.com",
            "proxy.example.com.",
            "3com.example",
            "a-.example.com",
            "-a.example.com",
            "a..b",
            "x",
            "7",
            "a_b.example.com",
            "192.0.2.1_",
            "_",
        ] {
            for q in [crate::Quirks::NONE, crate::Quirks::ALL] {
                let text = format!("SIP/2.0/UDP {host};branch=z9hG4bK1");
                let read = whole(&text, q, via).map(|v| v.host);
                let base = "SIP/2.0/UDP ".len();
                let expected = parse_host(host, base, q);
                assert_eq!(read, expected, "{host} {q:?}");
            }
        }
        assert_eq!(
            whole("SIP/2.0/UDP 192.0.2.1:5060", crate::Quirks::NONE, via).map(|v| v.host),
            Ok(Host::Ipv4([192, 0, 2, 1].into()))
        );
    }

    #[test]
    fn a_via_sent_protocol_reads_in_any_case_and_with_whitespace_around_its_slashes() {
        type SentBy<'a> = (&'a str, &'a str, &'a str, &'a str, Option<u16>);
        fn read(t: &str) -> Result<SentBy<'_>> {
            whole(t, crate::Quirks::NONE, via)
                .map(|v| (v.protocol, v.version, v.transport, v.host_raw, v.port))
        }
        let usual = Ok(("SIP", "2.0", "UDP", "192.0.2.1", Some(5060)));
        assert_eq!(read("SIP/2.0/UDP 192.0.2.1:5060"), usual);
        assert_eq!(
            read("sip/2.0/tcp 192.0.2.1"),
            Ok(("sip", "2.0", "tcp", "192.0.2.1", None))
        );
        // RFC 3261 25.1: LWS may stand around each `/` (SLASH = SWS "/" SWS).
        assert_eq!(read("SIP/2.0/ UDP 192.0.2.1:5060"), usual);
        assert_eq!(read("SIP/2.0 / UDP 192.0.2.1:5060"), usual);
        assert_eq!(read("SIP / 2.0 / UDP 192.0.2.1:5060"), usual);
        assert_eq!(
            read("SIP/2.00/UDP h"),
            Ok(("SIP", "2.00", "UDP", "h", None))
        );
        // Two spaces, `SIP/2.0/` and a space: the transport is missing, at byte 11.
        assert_eq!(
            read("  SIP/2.0/ ").map(|_| ()),
            Err(syntax(11, "expected transport"))
        );
        assert_eq!(
            read("SIP/2.0").map(|_| ()),
            Err(syntax(7, "expected '/' in sent-protocol"))
        );
    }

    #[test]
    fn a_name_addr_uri_ends_at_its_angle_bracket_or_at_whitespace_before_it() {
        let n = crate::Quirks::NONE;
        fn uri(t: &str, q: crate::Quirks) -> Result<&str> {
            whole(t, q, name_addr).map(|a| a.uri_raw)
        }
        // URIs of 7, 9 and 21 bytes: the `>` in the first word, the second, the tail.
        assert_eq!(uri("<sip:a@b>", n), Ok("sip:a@b"));
        assert_eq!(uri("<sip:ab@cd>;tag=1", n), Ok("sip:ab@cd"));
        assert_eq!(
            uri("\"A\" <sip:alice@example.com>", n),
            Ok("sip:alice@example.com")
        );
        // A space inside: an error at the space strictly (offset 11), the URI with
        // its whitespace read past with the quirk.
        assert_eq!(
            uri("<sip:a@host ;lr>", n),
            Err(syntax(11, "expected '>' after URI"))
        );
        let q = crate::Quirks::NONE.with(Quirk::SpaceInAngleBrackets);
        assert_eq!(uri("<sip:a@host ;lr>", q), Ok("sip:a@host ;lr"));
        assert_eq!(uri("<sip:a@host> ", q), Ok("sip:a@host"));
        assert_eq!(
            uri("<sip:a@host", n),
            Err(syntax(11, "expected '>' after URI"))
        );
    }

    #[test]
    fn plain_parameters_are_read_in_one_step_and_others_as_before() {
        let s = crate::Quirks::NONE;
        assert_eq!(
            read_params_of(";branch=z9hG4bK-1;rport", s, true),
            (
                Ok(vec![
                    "branch=Some(\"z9hG4bK-1\")".to_owned(),
                    "rport=None".to_owned(),
                    "raw ;branch=z9hG4bK-1;rport".to_owned()
                ]),
                23
            )
        );
        // Whitespace around `;`: the general reading, same result.
        assert_eq!(
            read_params_of(" ; lr ;x=1>", s, true),
            read_params_of(" ; lr ;x=1>", s, false)
        );
        assert_eq!(read_params_of(" ; lr ;x=1>", s, true).1, 10);
        // A loose value with its quirk: `^` ends no value then.
        let loose = crate::Quirks::NONE.with(Quirk::LooseParameterValue);
        assert_eq!(
            read_params_of(";tag=7618c7618^", loose, true).0,
            Ok(vec![
                "tag=Some(\"7618c7618^\")".to_owned(),
                "raw ;tag=7618c7618^".to_owned()
            ])
        );
    }

    proptest! {
        /// On any text near a sent-protocol, reading `SIP/2.0/` in one step gives what
        /// reading it token by token gives.
        #[test]
        fn a_sent_protocol_reads_in_one_step_as_token_by_token(
            text in "[sSiIpP/20. \t\r\nUDPx-]{0,14}",
        ) {
            prop_assert!(sent_protocol_agrees(&text), "{:?}", text);
        }

        /// On any text of parameter bytes and with any quirks, reading the usual shapes
        /// in one step gives what the general reading gives.
        #[test]
        fn plain_parameters_read_as_the_general_reading(
            text in "[;= \t\"a-z0-9^,><\\\\.:\\[\\]/-]{0,28}",
            bits in any::<u64>(),
        ) {
            let quirks = Quirk::ALL
                .iter()
                .filter(|&&q| bits & (1 << (q as u32)) != 0)
                .fold(crate::Quirks::NONE, |set, &q| set.with(q));
            prop_assert_eq!(read_params_of(&text, quirks, true), read_params_of(&text, quirks, false));
            let with_param = format!(";{text}");
            prop_assert_eq!(read_params_of(&with_param, quirks, true), read_params_of(&with_param, quirks, false));
        }
    }
}
