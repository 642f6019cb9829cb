//! URIs: `sip:`, `sips:` (RFC 3261 section 19.1), `tel:` (RFC 3966) and any other
//! scheme kept as text; the RFC 3261 section 19.1.4 comparison.

use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::Quirk;
use crate::error::{Result, syntax};
use crate::scan::{LWS, is_lws};

/// A parsed URI, borrowing its text.
///
/// ```
/// use sip_core::uri::{Uri, Host};
/// let Uri::Sip(u) = Uri::parse("sips:alice:secret@[2001:db8::1]:5061;transport=tcp?subject=hi")? else { panic!() };
/// assert!(u.secure);
/// assert_eq!(u.user, Some("alice"));
/// assert_eq!(u.password, Some("secret"));
/// assert_eq!(u.host, Host::Ipv6("2001:db8::1".parse().unwrap()));
/// assert_eq!(u.port, Some(5061));
/// assert_eq!(u.param("transport"), Some(Some("tcp")));
/// assert_eq!(u.headers().next(), Some(("subject", "hi")));
/// # Ok::<(), sip_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uri<'a> {
    /// `sip:` or `sips:`.
    Sip(SipUri<'a>),
    /// `tel:` (RFC 3966).
    Tel(TelUri<'a>),
    /// Any other scheme, checked only for its scheme and for characters that cannot
    /// appear in a URI.
    Other {
        /// The scheme as written.
        scheme: &'a str,
        /// Everything after the `:`.
        rest: &'a str,
    },
}

/// A `sip:`/`sips:` URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SipUri<'a> {
    /// `sips:`.
    pub secure: bool,
    /// The user part as written (may hold `%` escapes, `;` and `?`).
    pub user: Option<&'a str>,
    /// The password as written.
    pub password: Option<&'a str>,
    /// The host.
    pub host: Host<'a>,
    /// The port, if given.
    pub port: Option<u16>,
    params: &'a str,
    headers: &'a str,
    raw: &'a str,
}

/// A host: name, IPv4 address or bracketed IPv6 reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host<'a> {
    /// A domain name as written.
    Name(&'a str),
    /// An IPv4 address.
    Ipv4(Ipv4Addr),
    /// An IPv6 address (written in `[` `]`).
    Ipv6(Ipv6Addr),
}

impl std::fmt::Display for Host<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Host::Name(n) => f.write_str(n),
            Host::Ipv4(a) => write!(f, "{a}"),
            Host::Ipv6(a) => write!(f, "[{a}]"),
        }
    }
}

/// A `tel:` URI (RFC 3966).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TelUri<'a> {
    /// The number as written: global (`+31-20-...`) or local.
    pub number: &'a str,
    params: &'a str,
}

#[inline]
const fn unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
        )
}

/// Checks that every `%` starts a two-hex-digit escape and every other byte is allowed.
fn check_chars(
    s: &str,
    base: usize,
    allowed: impl Fn(u8) -> bool,
    what: &'static str,
) -> Result<()> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            check_escape(b, i, base)?;
            i += 3;
            continue;
        }
        if !allowed(c) {
            return Err(syntax(base + i, what));
        }
        i += 1;
    }
    Ok(())
}

/// `b[i]` is a `%`: two hex digits must follow.
#[inline]
fn check_escape(b: &[u8], i: usize, base: usize) -> Result<()> {
    let hex = |i: usize| b.get(i).is_some_and(u8::is_ascii_hexdigit);
    if hex(i + 1) && hex(i + 2) {
        Ok(())
    } else {
        Err(syntax(base + i, "invalid %-escape"))
    }
}

const fn class(extra: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = unreserved(i as u8);
        i += 1;
    }
    let mut j = 0;
    while j < extra.len() {
        t[extra[j] as usize] = true;
        j += 1;
    }
    t
}
const USER: [bool; 256] = class(b"&=+$,;?/");
const PASSWORD: [bool; 256] = class(b"&=+$,");
const PARAM: [bool; 256] = class(b"[]/:&+$");
const HEADER: [bool; 256] = class(b"[]/?:+$");

#[inline]
fn user_char(c: u8) -> bool {
    USER[c as usize]
}
#[inline]
fn password_char(c: u8) -> bool {
    PASSWORD[c as usize]
}
#[inline]
fn param_char(c: u8) -> bool {
    PARAM[c as usize]
}
#[inline]
fn header_char(c: u8) -> bool {
    HEADER[c as usize]
}

/// Parses a host (`name`, IPv4 or `[IPv6]`) that must span all of `s`.
pub(crate) fn parse_host(s: &str, base: usize, quirks: crate::Quirks) -> Result<Host<'_>> {
    let lenient = quirks.contains(Quirk::LooseHostName);
    if let Some(inner) = s.strip_prefix('[') {
        let Some(inner) = inner.strip_suffix(']') else {
            return Err(syntax(base, "unterminated IPv6 reference"));
        };
        return crate::scan::ipv6(inner.as_bytes())
            .map(Host::Ipv6)
            .ok_or_else(|| syntax(base + 1, "invalid IPv6 address"));
    }
    let (end, any) = host_run(s.as_bytes(), 0);
    if end == s.len()
        && let Some(host) = plain_host(s, any & PLAIN_LETTER == 0, lenient)
    {
        return Ok(host);
    }
    scan_host(s, base, lenient, false).1
}

/// The run of host bytes (letters, digits, `-`, `.`) of `b` from `from`: where it ends,
/// and the [`URI_BYTE`] bits of its bytes together, for [`plain_host_of`].
#[inline]
pub(crate) fn host_run(b: &[u8], from: usize) -> (usize, u8) {
    let (mut i, mut any) = (from, 0);
    while let Some(&c) = b.get(i) {
        let f = URI_BYTE[c as usize];
        if f & PLAIN_HOST == 0 {
            break;
        }
        any |= f;
        i += 1;
    }
    (i, any)
}

/// A host that [`host_run`] read whole (`any`: its bits), as [`parse_host`] reads it;
/// `None` where that reading needs more than a plain host (an error included).
#[inline]
pub(crate) fn plain_host_of(s: &str, any: u8, quirks: crate::Quirks) -> Option<Host<'_>> {
    plain_host(
        s,
        any & PLAIN_LETTER == 0,
        quirks.contains(Quirk::LooseHostName),
    )
}

/// The classes of bytes in a host, for [`scan_host`]: a digit, a letter or `-`, a dot,
/// `_` (lenient reading only), a delimiter of a SIP URI's host (`:`, `;`, `?`), other.
const HOST_DIGIT: u8 = 0;
const HOST_NAME: u8 = 1;
const HOST_DOT: u8 = 2;
const HOST_UNDERSCORE: u8 = 3;
const HOST_DELIMITER: u8 = 4;
const HOST_OTHER: u8 = 5;
const HOST_CLASS: [u8; 256] = {
    let mut t = [HOST_OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b'0'..=b'9' => HOST_DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' | b'-' => HOST_NAME,
            b'.' => HOST_DOT,
            b'_' => HOST_UNDERSCORE,
            b':' | b';' | b'?' => HOST_DELIMITER,
            _ => HOST_OTHER,
        };
        c += 1;
    }
    t
};

/// Reads a host name or IPv4 address at the start of `s`: to the end of `s`, or with
/// `delimited` to the first `:`, `;` or `?` (the host of a SIP URI). Returns where the
/// host ends and what it is, in one pass over its bytes.
fn scan_host(s: &str, base: usize, lenient: bool, delimited: bool) -> (usize, Result<Host<'_>>) {
    let b = s.as_bytes();
    // The character classes (an IPv4 address has only digits and dots) and the labels of
    // a host name (RFC 3261 25.1). A label error counts only if the host is not an IPv4
    // address and has no invalid character.
    let mut numeric = true;
    let mut label_start = 0;
    let mut label_error = None;
    let mut char_error = None;
    let mut end = b.len();
    for (i, &c) in b.iter().enumerate() {
        // Letters and digits, most of a host, are told apart by a table lookup and no
        // branch; the rest by their class.
        let class = HOST_CLASS[c as usize];
        numeric &= class != HOST_NAME;
        if class <= HOST_NAME {
            continue;
        }
        match class {
            HOST_DOT => {
                if label_error.is_none() {
                    label_error = check_label(b, label_start, i, false, base, lenient).err();
                }
                label_start = i + 1;
            }
            HOST_UNDERSCORE if lenient => numeric = false,
            HOST_DELIMITER if delimited => {
                end = i;
                break;
            }
            _ => {
                if char_error.is_none() {
                    char_error = Some(syntax(base + i, "invalid character in host name"));
                }
                if !delimited {
                    break;
                }
            }
        }
    }
    // The verdict on the host the scan delimited.
    let s = &s[..end];
    let b = s.as_bytes();
    let verdict = || {
        if s.is_empty() {
            return Err(syntax(base, "missing host"));
        }
        if let Some(e) = char_error {
            return Err(e);
        }
        if numeric {
            return crate::scan::ipv4(b)
                .map(Host::Ipv4)
                .ok_or_else(|| syntax(base, "invalid IPv4 address"));
        }
        if let Some(e) = label_error {
            return Err(e);
        }
        // The last label is the top label; a trailing dot closes it (`example.com.`).
        if label_start < b.len() {
            check_label(b, label_start, b.len(), true, base, lenient)?;
        } else if label_start >= 2 {
            let top = b[..label_start - 1]
                .iter()
                .rposition(|&c| c == b'.')
                .map_or(0, |d| d + 1);
            if !lenient && !b[top].is_ascii_alphabetic() {
                return Err(syntax(
                    base + top,
                    "top-level label must start with a letter",
                ));
            }
        }
        Ok(Host::Name(s))
    };
    (end, verdict())
}

/// RFC 3261 25.1: a label (`b[start..end]`) starts and ends with a letter or digit
/// (hyphens only inside), and the top label starts with a letter. Lenient reading still
/// refuses empty labels (`a..b`, `.a`) but accepts a label ending in `-` and a top label
/// starting with a digit, both seen in deployed equipment.
#[inline]
fn check_label(
    b: &[u8],
    start: usize,
    end: usize,
    top: bool,
    base: usize,
    lenient: bool,
) -> Result<()> {
    if start == end {
        return Err(syntax(base + start, "empty label in host name"));
    }
    if b[start] == b'-' {
        return Err(syntax(
            base + start,
            "host name must start with a letter or digit",
        ));
    }
    if !lenient {
        if b[end - 1] == b'-' {
            return Err(syntax(
                base + end - 1,
                "host name label must end with a letter or digit",
            ));
        }
        if top && !b[start].is_ascii_alphabetic() {
            return Err(syntax(
                base + start,
                "top-level label must start with a letter",
            ));
        }
    }
    Ok(())
}

fn parse_port(s: &str, base: usize) -> Result<u16> {
    if s.is_empty() || s.len() > 5 || !s.bytes().all(|c| c.is_ascii_digit()) {
        return Err(syntax(base, "invalid port"));
    }
    s.parse::<u16>()
        .map_err(|_| syntax(base, "port out of range"))
}

/// Checks the `;`-parameters that start at `hb[p]`, up to the end (or, for a SIP URI,
/// `query`, to its first `?`), in one pass; returns where they end. `base` is the offset
/// of `hb`.
/// Checks `*(";" uri-parameter)` from `p` (up to a `?` when `query`); returns where the
/// parameters end. With `spaced` ([`Quirk::SpaceInAngleBrackets`]), whitespace (a folded
/// line's too) may stand after a `;`, around a `=` and before the next `;` or the end,
/// never inside a name or a value (whitespace before the first `;` is passed over by
/// the caller).
fn check_params(hb: &[u8], p: usize, base: usize, query: bool, spaced: bool) -> Result<usize> {
    let ws = |b: Option<&u8>| spaced && b.is_some_and(|&b| is_lws(b));
    let mut i = p;
    while hb.get(i) == Some(&b';') {
        let mut name_start = i + 1;
        while ws(hb.get(name_start)) {
            name_start += 1;
        }
        let mut j = name_start;
        let mut eq = None;
        // Whether the value has a byte other than whitespace.
        let mut value = false;
        loop {
            match hb.get(j) {
                None | Some(b';') => break,
                Some(b'?') if query => break,
                Some(&b) if spaced && is_lws(b) => {
                    let mut k = j;
                    while ws(hb.get(k)) {
                        k += 1;
                    }
                    let after_eq = eq.is_some_and(|e| e + 1 == j);
                    let before_separator = match hb.get(k) {
                        None | Some(b';') => true,
                        Some(b'?') => query,
                        Some(b'=') => eq.is_none(),
                        Some(_) => false,
                    };
                    if !after_eq && !before_separator {
                        return Err(syntax(base + j, "invalid character in URI parameter"));
                    }
                    j = k;
                }
                Some(b'=') if eq.is_none() => {
                    if j == name_start {
                        return Err(syntax(base + name_start, "empty URI parameter"));
                    }
                    eq = Some(j);
                    j += 1;
                }
                Some(b'%') => {
                    check_escape(hb, j, base)?;
                    value |= eq.is_some();
                    j += 3;
                }
                Some(&c) => {
                    if !param_char(c) {
                        return Err(syntax(base + j, "invalid character in URI parameter"));
                    }
                    value |= eq.is_some();
                    j += 1;
                }
            }
        }
        if j == name_start {
            return Err(syntax(base + name_start, "empty URI parameter"));
        }
        if eq.is_some() && !value {
            return Err(syntax(base + j, "empty URI parameter value"));
        }
        i = j;
    }
    Ok(i)
}

impl<'a> Uri<'a> {
    /// Parses a URI strictly.
    ///
    /// # Errors
    /// [`crate::Error::Syntax`] with the offset within `s`.
    pub fn parse(s: &'a str) -> Result<Self> {
        Self::parse_with(s, false)
    }

    /// Parses a URI; `lenient` accepts every URI quirk of [`crate::Quirk`] (a doubled
    /// `sip:sip:` scheme, loose host names, a local `tel:` number without
    /// `phone-context`).
    ///
    /// # Errors
    /// [`crate::Error::Syntax`] with the offset within `s`.
    pub fn parse_with(s: &'a str, lenient: bool) -> Result<Self> {
        Self::parse_with_quirks(
            s,
            if lenient {
                crate::Quirks::ALL
            } else {
                crate::Quirks::NONE
            },
        )
    }

    /// Parses a URI accepting `quirks` ([`Quirk::DoubledScheme`],
    /// [`Quirk::LooseHostName`], [`Quirk::LocalTelWithoutContext`]).
    ///
    /// # Errors
    /// [`crate::Error::Syntax`] with the offset within `s`.
    pub fn parse_with_quirks(s: &'a str, quirks: crate::Quirks) -> Result<Self> {
        let b = s.as_bytes();
        // Nearly every URI read is `sip:`: four bytes compared, case-folded, at once.
        if let Some(head) = b.first_chunk::<4>()
            && u32::from_le_bytes(*head) | 0x0020_2020 == u32::from_le_bytes(*b"sip:")
        {
            return Self::sip(s, &s[4..], 4, false, quirks);
        }
        let colon = b
            .iter()
            .position(|&c| c == b':')
            .ok_or_else(|| syntax(0, "URI has no scheme"))?;
        let scheme = &s[..colon];
        if scheme.is_empty()
            || !b[0].is_ascii_alphabetic()
            || !scheme
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        {
            return Err(syntax(0, "invalid URI scheme"));
        }
        let rest = &s[colon + 1..];
        let base = colon + 1;
        if scheme.eq_ignore_ascii_case("sip") || scheme.eq_ignore_ascii_case("sips") {
            return Self::sip(s, rest, base, scheme.len() == 4, quirks);
        }
        if scheme.eq_ignore_ascii_case("tel") {
            return parse_tel(rest, base, quirks.contains(Quirk::LocalTelWithoutContext))
                .map(Uri::Tel);
        }
        if rest.is_empty() {
            return Err(syntax(base, "empty URI"));
        }
        if let Some(i) = rest
            .bytes()
            .position(|c| c <= b' ' || c == 0x7f || matches!(c, b'<' | b'>' | b'"'))
        {
            return Err(syntax(base + i, "invalid character in URI"));
        }
        Ok(Uri::Other { scheme, rest })
    }

    /// A `sip:` or `sips:` URI, `rest` after its scheme at offset `base`.
    fn sip(
        s: &'a str,
        rest: &'a str,
        base: usize,
        secure: bool,
        quirks: crate::Quirks,
    ) -> Result<Self> {
        let (mut rest, mut base) = (rest, base);
        if quirks.contains(Quirk::DoubledScheme)
            && rest.len() > 4
            && rest.as_bytes()[..4].eq_ignore_ascii_case(b"sip:")
        {
            rest = &rest[4..];
            base += 4;
        }
        parse_sip(s, rest, base, secure, quirks).map(Uri::Sip)
    }

    /// The scheme in lower case for sip/sips/tel, as written otherwise.
    pub fn scheme(&self) -> &'a str {
        match self {
            Uri::Sip(u) if u.secure => "sips",
            Uri::Sip(_) => "sip",
            Uri::Tel(_) => "tel",
            Uri::Other { scheme, .. } => scheme,
        }
    }

    /// The SIP URI, if this is one.
    pub fn as_sip(&self) -> Option<&SipUri<'a>> {
        match self {
            Uri::Sip(u) => Some(u),
            _ => None,
        }
    }
}

fn parse_sip<'a>(
    full: &'a str,
    rest: &'a str,
    base: usize,
    secure: bool,
    quirks: crate::Quirks,
) -> Result<SipUri<'a>> {
    match plain_sip(full, rest, secure, quirks.contains(Quirk::LooseHostName)) {
        Some(uri) => Ok(uri),
        None => parse_sip_fully(full, rest, base, secure, quirks),
    }
}

/// Bits of [`URI_BYTE`]: a byte of a user part without escapes or the `;` and `?` that
/// make it ambiguous; of a host name; a letter or hyphen (a host with one is not an
/// IPv4 address); of a URI parameter without escapes, `=` or `;`.
const PLAIN_USER: u8 = 1;
const PLAIN_HOST: u8 = 2;
const PLAIN_LETTER: u8 = 4;
const PLAIN_PARAM: u8 = 8;
const URI_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let mut f = 0;
        if USER[c] && !matches!(b, b';' | b'?') {
            f |= PLAIN_USER;
        }
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.') {
            f |= PLAIN_HOST;
        }
        if b.is_ascii_alphabetic() || b == b'-' {
            f |= PLAIN_LETTER;
        }
        if PARAM[c] {
            f |= PLAIN_PARAM;
        }
        t[c] = f;
        c += 1;
    }
    t
};

/// The SIP URI `rest` (after its scheme) in the shape nearly every one has, read in one
/// pass: `[user@]host[:port]*(;name[=value])`, a user without escapes, `;` or `?`, a host
/// name, IPv4 address or IPv6 reference, parameters without escapes, no password and no
/// headers. `None` for anything else, which [`parse_sip_fully`] reads (and gives the
/// errors of): for every URI this accepts, that gives the same.
#[inline]
fn plain_sip<'a>(full: &'a str, rest: &'a str, secure: bool, lenient: bool) -> Option<SipUri<'a>> {
    let b = rest.as_bytes();
    // A user part, or the host when no `@` follows.
    let (mut all, mut any) = (PLAIN_HOST | PLAIN_LETTER, 0);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let f = URI_BYTE[c as usize];
        if f & PLAIN_USER == 0 {
            break;
        }
        all &= f;
        any |= f;
        i += 1;
    }
    let (user, host_start) = if b.get(i) == Some(&b'@') {
        if i == 0 {
            return None;
        }
        let start = i + 1;
        (i, any) = host_run(b, start);
        (Some(&rest[..start - 1]), start)
    } else {
        if all & PLAIN_HOST == 0 {
            return None;
        }
        (None, 0)
    };
    let host = match plain_host(&rest[host_start..i], any & PLAIN_LETTER == 0, lenient) {
        Some(host) => host,
        // An IPv6 reference (`[2001:db8::1]`, RFC 3261 25.1), where the host's run of
        // bytes stopped at once.
        None if i == host_start && b.get(i) == Some(&b'[') => {
            let (host, end) = ipv6_reference(b, i)?;
            i = end;
            host
        }
        None => return None,
    };
    let mut port = None;
    if b.get(i) == Some(&b':') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start || i - start > 5 {
            return None;
        }
        port = Some(rest[start..i].parse::<u16>().ok()?);
    }
    // A name or value: where its run of parameter bytes from `from` ends, if not empty.
    let run = |from: usize| {
        let n = b
            .get(from..)?
            .iter()
            .take_while(|&&c| URI_BYTE[c as usize] & PLAIN_PARAM != 0)
            .count();
        (n > 0).then_some(from + n)
    };
    let params_start = i;
    while b.get(i) == Some(&b';') {
        i = run(i + 1)?;
        if b.get(i) == Some(&b'=') {
            i = run(i + 1)?;
        }
    }
    if i != b.len() {
        return None;
    }
    Some(SipUri {
        secure,
        user,
        password: None,
        host,
        port,
        params: &rest[params_start..],
        headers: "",
        raw: full,
    })
}

/// The IPv6 reference at `b[at]` (its `[`) and where it ends, for [`plain_sip`]: kept out
/// of its body, which the hosts of most URIs take.
#[inline(never)]
fn ipv6_reference(b: &[u8], at: usize) -> Option<(Host<'static>, usize)> {
    let inner = at + 1;
    let close = inner + b.get(inner..)?.iter().position(|&c| c == b']')?;
    Some((Host::Ipv6(crate::scan::ipv6(&b[inner..close])?), close + 1))
}

/// A host of letters, digits, hyphens and dots (`numeric`: digits and dots only) that
/// [`scan_host`] would accept, as it would read it; `None` for any other.
#[inline]
fn plain_host(s: &str, numeric: bool, lenient: bool) -> Option<Host<'_>> {
    let b = s.as_bytes();
    if numeric {
        return crate::scan::ipv4(b).map(Host::Ipv4);
    }
    // Labels (RFC 3261 25.1): none empty, none starting with `-`, strictly none ending
    // with `-` and the top one starting with a letter; a trailing dot closes the top one.
    let mut start = 0;
    let mut top = 0;
    let mut dot = |i: usize| {
        if i == start || b[start] == b'-' || !lenient && b[i - 1] == b'-' {
            return false;
        }
        top = start;
        start = i + 1;
        true
    };
    // The dots are found eight bytes at a time.
    let mut k = 0;
    while let Some(w) = b.get(k..).and_then(|r| r.first_chunk::<8>()) {
        let mut dots = crate::scan::equal_bytes_exact(u64::from_le_bytes(*w), b'.');
        while dots != 0 {
            if !dot(k + dots.trailing_zeros() as usize / 8) {
                return None;
            }
            dots &= dots - 1;
        }
        k += 8;
    }
    for (i, &c) in b.iter().enumerate().skip(k) {
        if c == b'.' && !dot(i) {
            return None;
        }
    }
    if start < b.len() {
        if b[start] == b'-'
            || !lenient && (b[b.len() - 1] == b'-' || !b[start].is_ascii_alphabetic())
        {
            return None;
        }
    } else if start == 0 || !lenient && !b[top].is_ascii_alphabetic() {
        return None;
    }
    Some(Host::Name(s))
}

/// [`parse_sip`] of any SIP URI, with the offset and reason of what is wrong.
fn parse_sip_fully<'a>(
    full: &'a str,
    rest: &'a str,
    base: usize,
    secure: bool,
    quirks: crate::Quirks,
) -> Result<SipUri<'a>> {
    let (user, password, hp, hp_base) = match memchr::memchr(b'@', rest.as_bytes()) {
        Some(at) => {
            let userinfo = &rest[..at];
            let (user, password) = match memchr::memchr(b':', userinfo.as_bytes()) {
                Some(c) => (&userinfo[..c], Some(&userinfo[c + 1..])),
                None => (userinfo, None),
            };
            if user.is_empty() {
                return Err(syntax(base, "empty user part"));
            }
            check_chars(user, base, user_char, "invalid character in user part")?;
            if let Some(p) = password {
                check_chars(
                    p,
                    base + user.len() + 1,
                    password_char,
                    "invalid character in password",
                )?;
            }
            (Some(user), password, &rest[at + 1..], base + at + 1)
        }
        None => (None, None, rest, base),
    };
    let spaced = quirks.contains(Quirk::SpaceInAngleBrackets);
    // Lenient: whitespace (a folded line's too) between the host or port and the first
    // `;`: the host and port are read before it, the parameters from the `;`.
    let gap = if spaced {
        let b = hp.as_bytes();
        b.iter().position(|&c| is_lws(c)).and_then(|at| {
            let after = at + b[at..].iter().take_while(|&&c| is_lws(c)).count();
            (b.get(after) == Some(&b';')).then_some((at, after))
        })
    } else {
        None
    };
    let whole = hp;
    let hp = gap.map_or(hp, |(at, _)| &hp[..at]);
    let hb = hp.as_bytes();
    let (host_end, host) = if hb.first() == Some(&b'[') {
        match memchr::memchr(b']', hb) {
            Some(i) => (i + 1, parse_host(&hp[..=i], hp_base, quirks)),
            None => return Err(syntax(hp_base, "unterminated IPv6 reference")),
        }
    } else {
        let (end, host) = scan_host(hp, hp_base, quirks.contains(Quirk::LooseHostName), true);
        if hb[end..].starts_with(b":")
            && hb[end + 1..]
                .iter()
                .take_while(|&&c| c != b';' && c != b'?')
                .any(|&c| c == b':')
        {
            return Err(syntax(hp_base, "IPv6 address must be enclosed in '[' ']'"));
        }
        (end, host)
    };
    let host = host?;
    let mut p = host_end;
    let mut port = None;
    if hb.get(p) == Some(&b':') {
        let end = hb[p + 1..]
            .iter()
            .position(|&c| matches!(c, b';' | b'?'))
            .map_or(hb.len(), |i| p + 1 + i);
        port = Some(parse_port(&hp[p + 1..end], hp_base + p + 1)?);
        p = end;
    }
    if p < hb.len() && !matches!(hb[p], b';' | b'?') {
        return Err(syntax(hp_base + p, "unexpected character after host"));
    }
    let (hp, hb) = (whole, whole.as_bytes());
    if let Some((_, after)) = gap {
        p = after;
    }
    let params_end = check_params(hb, p, hp_base, true, spaced)?;
    let params = &hp[p..params_end];
    let headers = if params_end < hb.len() {
        &hp[params_end + 1..]
    } else {
        ""
    };
    if params_end < hb.len() {
        let mut off = hp_base + params_end + 1;
        let loose = quirks.contains(Quirk::UnescapedUriHeader);
        for h in headers.split('&') {
            let Some(eq) = h.find('=') else {
                return Err(syntax(off, "URI header without '='"));
            };
            if eq == 0 {
                return Err(syntax(off, "empty URI header name"));
            }
            check_chars(
                &h[..eq],
                off,
                header_char,
                "invalid character in URI header",
            )?;
            check_chars(
                &h[eq + 1..],
                off + eq + 1,
                |c| header_char(c) || loose && matches!(c, b';' | b'=' | b'"' | b','),
                "invalid character in URI header",
            )?;
            off += h.len() + 1;
        }
    }
    Ok(SipUri {
        secure,
        user,
        password,
        host,
        port,
        params,
        headers,
        raw: full,
    })
}

fn parse_tel(rest: &str, base: usize, without_context: bool) -> Result<TelUri<'_>> {
    let end = rest.find(';').unwrap_or(rest.len());
    let number = &rest[..end];
    let digits = number.strip_prefix('+').unwrap_or(number);
    let global = digits.len() != number.len();
    let ok = |c: u8| {
        c.is_ascii_digit()
            || matches!(c, b'-' | b'.' | b'(' | b')')
            || (!global && (matches!(c, b'*' | b'#') || c.is_ascii_hexdigit()))
    };
    if !digits
        .bytes()
        .any(|c| c.is_ascii_alphanumeric() || c == b'*' || c == b'#')
    {
        return Err(syntax(base, "tel URI has no digits"));
    }
    if let Some(i) = digits.bytes().position(|c| !ok(c)) {
        return Err(syntax(
            base + i + usize::from(global),
            "invalid character in telephone number",
        ));
    }
    check_params(rest.as_bytes(), end, base, false, false)?;
    let params = &rest[end..];
    // RFC 3966 5.1.5 wants a phone-context for a local number; IMS/VoLTE phones send
    // `tel:263734` without one, which lenient reading accepts.
    if !global
        && !without_context
        && !params
            .split(';')
            .any(|p| p.len() > 14 && p.as_bytes()[..14].eq_ignore_ascii_case(b"phone-context="))
    {
        return Err(syntax(base, "local tel number without phone-context"));
    }
    Ok(TelUri { number, params })
}

/// Iterator over `;name[=value]` parameters of a URI.
#[derive(Debug, Clone)]
pub struct UriParams<'a>(std::str::Split<'a, char>);

impl<'a> Iterator for UriParams<'a> {
    type Item = (&'a str, Option<&'a str>);
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let p = self.0.next()?;
            if p.is_empty() {
                continue;
            }
            // Names and values without the whitespace that the quirk
            // [`Quirk::SpaceInAngleBrackets`] allows around them.
            let trim = |t: &'a str| t.trim_matches(LWS);
            return Some(match p.find('=') {
                Some(i) => (trim(&p[..i]), Some(trim(&p[i + 1..]))),
                None => (trim(p), None),
            });
        }
    }
}

fn params_of(raw: &str) -> UriParams<'_> {
    UriParams(raw.split(';'))
}

impl<'a> SipUri<'a> {
    /// The URI parameters in order, as written.
    pub fn params(&self) -> UriParams<'a> {
        params_of(self.params)
    }
    /// A parameter by name (case-insensitive): `Some(None)` for a flag like `lr`.
    pub fn param(&self, name: &str) -> Option<Option<&'a str>> {
        self.params()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
    /// The raw parameter text (starting with `;`, or empty).
    pub fn params_raw(&self) -> &'a str {
        self.params
    }
    /// The `?` headers as `(name, value)` pairs, as written.
    pub fn headers(&self) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
        self.headers
            .split('&')
            .filter(|h| !h.is_empty())
            .map(|h| h.split_once('=').unwrap_or((h, "")))
    }
    /// Whether the URI has `?` headers.
    pub fn has_headers(&self) -> bool {
        !self.headers.is_empty()
    }
    /// The user part with `%` escapes decoded (bytes: `%00` stays a NUL byte).
    pub fn user_unescaped(&self) -> Option<Cow<'a, [u8]>> {
        self.user.map(percent_decode)
    }
    /// The URI as written.
    pub fn as_str(&self) -> &'a str {
        self.raw
    }
}

impl<'a> TelUri<'a> {
    /// Whether the number is global (`+`...).
    pub fn is_global(&self) -> bool {
        self.number.starts_with('+')
    }
    /// The parameters in order.
    pub fn params(&self) -> UriParams<'a> {
        params_of(self.params)
    }
    /// The number without visual separators (`-`, `.`, `(`, `)`).
    pub fn digits(&self) -> String {
        self.number
            .chars()
            .filter(|c| !matches!(c, '-' | '.' | '(' | ')'))
            .collect()
    }
}

/// Decodes `%HH` escapes once (`value%2541` gives `value%41`, not `valueA`). Malformed
/// escapes are kept as written.
pub fn percent_decode(s: &str) -> Cow<'_, [u8]> {
    let b = s.as_bytes();
    if !b.contains(&b'%') {
        return Cow::Borrowed(b);
    }
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            )
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    Cow::Owned(out)
}

fn eq_ci_unescaped(a: &str, b: &str) -> bool {
    percent_decode(a).eq_ignore_ascii_case(&percent_decode(b))
}

/// Compares two URIs as RFC 3261 section 19.1.4 says for SIP/SIPS URIs: same scheme;
/// user and password equal byte for byte after `%`-decoding; hosts equal ignoring case;
/// ports equal (an explicit port never equals a missing one); `user`, `ttl`, `method`,
/// `maddr` and `transport` parameters equal and present in both or neither; other
/// parameters equal when present in both; `?` headers the same set. `tel:` URIs compare
/// by digits without visual separators and by their parameters (RFC 3966 section 4);
/// other schemes compare as text (scheme ignoring case).
///
/// ```
/// use sip_core::uri::{Uri, uri_eq};
/// let a = Uri::parse("sip:%61lice@atlanta.com;transport=TCP")?;
/// let b = Uri::parse("sip:alice@AtLanTa.CoM;Transport=tcp")?;
/// assert!(uri_eq(&a, &b));
/// let c = Uri::parse("sip:alice@atlanta.com:5060")?;
/// assert!(!uri_eq(&Uri::parse("sip:alice@atlanta.com")?, &c));
/// # Ok::<(), sip_core::Error>(())
/// ```
pub fn uri_eq(a: &Uri<'_>, b: &Uri<'_>) -> bool {
    match (a, b) {
        (Uri::Sip(x), Uri::Sip(y)) => sip_eq(x, y),
        (Uri::Tel(x), Uri::Tel(y)) => {
            x.digits().eq_ignore_ascii_case(&y.digits()) && params_set_eq(x.params(), y.params())
        }
        (
            Uri::Other {
                scheme: s1,
                rest: r1,
            },
            Uri::Other {
                scheme: s2,
                rest: r2,
            },
        ) => s1.eq_ignore_ascii_case(s2) && r1 == r2,
        _ => false,
    }
}

fn params_set_eq<'x>(a: UriParams<'x>, b: UriParams<'x>) -> bool {
    let av: Vec<_> = a.collect();
    let bv: Vec<_> = b.collect();
    av.len() == bv.len()
        && av.iter().all(|(n, v)| {
            bv.iter().any(|(m, w)| {
                n.eq_ignore_ascii_case(m)
                    && match (v, w) {
                        (Some(v), Some(w)) => eq_ci_unescaped(v, w),
                        (None, None) => true,
                        _ => false,
                    }
            })
        })
}

fn sip_eq<'a>(x: &SipUri<'a>, y: &SipUri<'a>) -> bool {
    if x.secure != y.secure {
        return false;
    }
    let dec = |s: Option<&str>| s.map(|s| percent_decode(s).into_owned());
    if dec(x.user) != dec(y.user) || dec(x.password) != dec(y.password) {
        return false;
    }
    let host_eq = match (x.host, y.host) {
        (Host::Name(a), Host::Name(b)) => a.eq_ignore_ascii_case(b),
        (a, b) => a == b,
    };
    if !host_eq || x.port != y.port {
        return false;
    }
    // Parameters by name, %-decoded and case-folded; a repeated name counts once, by its
    // first occurrence. Built once per side, so comparing is linear in the parameters.
    let first = |u: &SipUri<'a>| {
        let mut by_name: std::collections::HashMap<String, Option<&'a str>> =
            std::collections::HashMap::new();
        for (n, v) in u.params() {
            let name = String::from_utf8_lossy(&percent_decode(n)).to_ascii_lowercase();
            by_name.entry(name).or_insert(v);
        }
        by_name
    };
    let (px, py) = (first(x), first(y));
    for (name, v) in &px {
        match py.get(name) {
            Some(w) => {
                let same = match (v, w) {
                    (Some(v), Some(w)) => eq_ci_unescaped(v, w),
                    (None, None) => true,
                    _ => false,
                };
                if !same {
                    return false;
                }
            }
            None if is_special_param(name) => return false,
            None => {}
        }
    }
    if py
        .keys()
        .any(|name| is_special_param(name) && !px.contains_key(name))
    {
        return false;
    }
    let hx: Vec<_> = x.headers().collect();
    let hy: Vec<_> = y.headers().collect();
    hx.len() == hy.len()
        && hx.iter().all(|(n, v)| {
            hy.iter()
                .any(|(m, w)| eq_ci_unescaped(n, m) && percent_decode(v) == percent_decode(w))
        })
}

fn is_special_param(n: &str) -> bool {
    ["user", "ttl", "method", "maddr", "transport"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(n))
}

impl std::fmt::Display for Uri<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Uri::Sip(u) => f.write_str(u.raw),
            Uri::Tel(t) => write!(f, "tel:{}{}", t.number, t.params),
            Uri::Other { scheme, rest } => write!(f, "{scheme}:{rest}"),
        }
    }
}

/// Whether the one-pass readings agree with the full ones on `s`: [`plain_sip`] with
/// [`parse_sip_fully`] wherever it reads a `sip:` URI, the quick path of [`parse_host`]
/// with [`scan_host`], and the address readers with the standard library's parsers (on
/// `s`, and inside its brackets). Built only for the fuzz targets.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn fast_paths_agree(s: &str) -> bool {
    [false, true].into_iter().all(|lenient| {
        let quirks = if lenient {
            crate::Quirks::ALL
        } else {
            crate::Quirks::NONE
        };
        let uri = match s.get(..4).zip(s.get(4..)) {
            Some(("sip:", rest)) => plain_sip(s, rest, false, lenient)
                .is_none_or(|p| Ok(p) == parse_sip_fully(s, rest, 4, false, quirks)),
            _ => true,
        };
        let host =
            s.starts_with('[') || parse_host(s, 0, quirks) == scan_host(s, 0, lenient, false).1;
        uri && host
    }) && {
        let inner = s
            .strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .unwrap_or(s);
        [s, inner].into_iter().all(|t| {
            crate::scan::ipv6(t.as_bytes()) == t.parse().ok()
                && crate::scan::ip(t.as_bytes()) == t.parse().ok()
                && crate::scan::ipv4(t.as_bytes()) == t.parse().ok()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_host, parse_sip_fully, plain_sip, scan_host};
    use proptest::prelude::*;

    proptest! {
        /// The one-pass reading of a plain SIP URI gives what the full reading gives.
        #[test]
        fn plain_sip_agrees_with_the_full_reading(
            rest in "[a-zA-Z0-9.\\-_@:;=?%\\[\\]&!/+]{0,24}|[a-z]{1,5}@[a-z0-9.\\-]{0,12}(:[0-9]{0,6})?(;[a-z]{0,3}(=[a-z0-9]{0,3})?){0,3}|[0-9.]{1,16}(:[0-9]{1,6})?|([a-z]{1,5}@)?\\[[0-9a-f:.]{0,20}\\]?(:[0-9]{0,6})?(;[a-z]{0,3}(=[a-z0-9]{0,3})?){0,2}",
            secure in any::<bool>(),
            lenient in any::<bool>(),
        ) {
            let full = format!("sip:{rest}");
            let quirks = if lenient { crate::Quirks::ALL } else { crate::Quirks::NONE };
            if let Some(plain) = plain_sip(&full, &full[4..], secure, lenient) {
                prop_assert_eq!(Ok(plain), parse_sip_fully(&full, &full[4..], 4, secure, quirks));
            }
        }

        /// A URI of the plain shape is read in the one pass, as the full reading reads it.
        #[test]
        fn a_plain_uri_takes_the_one_pass(
            rest in "[a-z]{1,5}@[a-z]{1,8}(\\.[a-z]{2,4}){1,2}(:[1-9][0-9]{0,3})?(;[a-z]{1,3}(=[a-z0-9]{1,3})?){0,3}|[1-9]{1,2}(\\.[1-9]{1,2}){3}(;lr)?|([a-z]{1,5}@)?\\[(2001:db8|fd17:625c:f037:2)(:[1-9a-f][0-9a-f]{0,3}){0,2}::[1-9a-f]{1,4}\\](:[1-9][0-9]{0,3})?(;lr)?",
            secure in any::<bool>(),
        ) {
            let full = format!("sip:{rest}");
            let plain = plain_sip(&full, &full[4..], secure, false);
            prop_assert!(plain.is_some(), "{full}");
            prop_assert_eq!(Ok(plain.unwrap()), parse_sip_fully(&full, &full[4..], 4, secure, crate::Quirks::NONE));
        }

        /// A host read by the quick path of `parse_host` is read as the full scan reads it.
        #[test]
        fn quick_host_agrees_with_the_full_scan(
            host in "[a-zA-Z0-9.\\-_]{0,20}|[0-9.]{1,16}|[a-z0-9]{1,4}(-?[a-z0-9]{1,4})?(\\.[a-z0-9\\-]{0,5}){0,4}\\.?",
            lenient in any::<bool>(),
        ) {
            let quirks = if lenient { crate::Quirks::ALL } else { crate::Quirks::NONE };
            prop_assert_eq!(parse_host(&host, 7, quirks), scan_host(&host, 7, lenient, false).1);
        }
    }

    #[test]
    fn plain_sip_reads_the_usual_shapes_and_leaves_the_rest() {
        let read = |s: &'static str| plain_sip(s, &s[4..], false, false);
        let u = read("sip:alice@atlanta.example.com:5061;transport=tcp;lr").unwrap();
        assert_eq!(u.user, Some("alice"));
        assert_eq!(u.port, Some(5061));
        assert_eq!(u.params_raw(), ";transport=tcp;lr");
        assert!(read("sip:198.51.100.10").is_some());
        let u = read("sip:sipp@[fd17:625c:f037:2:a00:27ff:feb9:1521]:15060;lr").unwrap();
        assert_eq!(u.user, Some("sipp"));
        assert_eq!(
            u.host,
            super::Host::Ipv6("fd17:625c:f037:2:a00:27ff:feb9:1521".parse().unwrap())
        );
        assert_eq!(u.port, Some(15060));
        assert_eq!(u.params_raw(), ";lr");
        assert!(read("sip:[2001:db8::1]").is_some());
        // Escapes, a password, headers, a bad label and an IPv6 reference that is not
        // one are left to the full reading.
        for s in [
            "sip:al%20ice@example.com",
            "sip:alice:pw@example.com",
            "sip:alice@example.com?subject=x",
            "sip:alice@-bad.example.com",
            "sip:alice@example.com;x=%41",
            "sip:[2001:db8:::1]",
            "sip:[2001:db8::1",
            "sip:[2001:db8::1]x",
            "sip:a@[192.0.2.1]",
        ] {
            assert!(read(s).is_none(), "{s}");
        }
    }
}
