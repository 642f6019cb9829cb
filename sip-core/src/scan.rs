//! A small cursor over header text shared by the typed parsers.

use crate::error::{Error, Result, syntax};
use crate::names::TOKEN;

#[derive(Debug, Clone)]
pub(crate) struct Cur<'a> {
    pub(crate) s: &'a str,
    pub(crate) pos: usize,
    pub(crate) quirks: crate::Quirks,
}

impl<'a> Cur<'a> {
    pub(crate) fn new(s: &'a str, quirks: crate::Quirks) -> Self {
        Cur { s, pos: 0, quirks }
    }
    /// Whether `quirk` is accepted here.
    pub(crate) fn quirk(&self, quirk: crate::Quirk) -> bool {
        self.quirks.contains(quirk)
    }
    #[inline]
    pub(crate) fn b(&self) -> &'a [u8] {
        self.s.as_bytes()
    }
    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.b().get(self.pos).copied()
    }
    #[inline]
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }
    pub(crate) fn err(&self, reason: &'static str) -> Error {
        syntax(self.pos, reason)
    }
    /// Skips SP, HTAB and line folds.
    #[inline]
    pub(crate) fn lws(&mut self) -> bool {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if is_lws(c) {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.pos > start
    }
    /// Skips a run of commas and whitespace: list elements with nothing in them.
    pub(crate) fn empty_elements(&mut self) {
        while self.eat(b',') {
            self.lws();
        }
    }
    #[inline]
    pub(crate) fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// Skips whitespace, then expects `c`, then skips whitespace (SWS c SWS).
    pub(crate) fn sep(&mut self, c: u8) -> bool {
        let save = self.pos;
        self.lws();
        if self.eat(c) {
            self.lws();
            true
        } else {
            self.pos = save;
            false
        }
    }
    pub(crate) fn expect(&mut self, c: u8, reason: &'static str) -> Result<()> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.err(reason))
        }
    }
    #[inline]
    pub(crate) fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        let rest = self.b().get(start..).unwrap_or_default();
        let n = rest.iter().position(|&c| !f(c)).unwrap_or(rest.len());
        self.pos = start + n;
        // Every predicate stops at an ASCII byte or the end, so this is a char boundary.
        self.s.get(start..self.pos).unwrap_or_default()
    }
    pub(crate) fn token(&mut self, reason: &'static str) -> Result<&'a str> {
        let t = self.take_while(|c| TOKEN[c as usize]);
        if t.is_empty() {
            Err(self.err(reason))
        } else {
            Ok(t)
        }
    }
    /// A quoted string including its quotes; quoted-pairs may escape any byte but
    /// CR and LF.
    pub(crate) fn quoted(&mut self) -> Result<&'a str> {
        let start = self.pos;
        if !self.eat(b'"') {
            return Err(self.err("expected '\"'"));
        }
        let b = self.b();
        // Only a quote or a backslash changes anything: jump from one to the next.
        while let Some(i) = b.get(self.pos..).and_then(quote_or_backslash) {
            self.pos += i;
            if b[self.pos] == b'"' {
                self.pos += 1;
                return Ok(&self.s[start..self.pos]);
            }
            if self.pos + 1 >= b.len() || matches!(b[self.pos + 1], b'\r' | b'\n') {
                self.pos += 1;
                return Err(self.err("invalid escape in quoted string"));
            }
            self.pos += 2;
        }
        Err(syntax(start, "unterminated quoted string"))
    }
    /// Unsigned decimal that must fit in `max`.
    pub(crate) fn number(&mut self, max: u64, reason: &'static str) -> Result<u64> {
        let start = self.pos;
        let b = self.b();
        let mut n: u64 = 0;
        while let Some(&c) = b.get(self.pos) {
            let d = c.wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            n = n.saturating_mul(10).saturating_add(u64::from(d));
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.err(reason));
        }
        if n > max {
            return Err(syntax(start, "number out of range"));
        }
        Ok(n)
    }
    /// After a list element: the end, or a comma (consumed) and another element, or an
    /// empty element, the cursor left on it (the next comma, or the end).
    pub(crate) fn list_sep_or_empty(&mut self) -> Result<ListSep> {
        self.lws();
        if self.at_end() {
            return Ok(ListSep::End);
        }
        if self.eat(b',') {
            self.lws();
            if self.at_end() || self.peek() == Some(b',') {
                return Ok(ListSep::Empty);
            }
            return Ok(ListSep::More);
        }
        Err(self.err("unexpected character"))
    }
}

/// What follows a list element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListSep {
    /// The end of the value.
    End,
    /// A comma and another element.
    More,
    /// A comma and an element with nothing in it (`a,,b`, `a, `).
    Empty,
}

/// A byte of linear whitespace: SP, HTAB, or the CR and LF of a folded line.
#[inline]
pub(crate) fn is_lws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The characters of linear whitespace ([`is_lws`]), to trim text of.
pub(crate) const LWS: [char; 4] = [' ', '\t', '\r', '\n'];

/// What a list element with nothing in it is refused as.
pub(crate) const EMPTY_LIST_ELEMENT: &str = "empty list element";

/// Removes the quotes and quoted-pair backslashes of a quoted string; other text is
/// returned as is.
pub fn unquote(s: &str) -> std::borrow::Cow<'_, str> {
    let Some(inner) = s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) else {
        return std::borrow::Cow::Borrowed(s);
    };
    if !inner.contains('\\') {
        return std::borrow::Cow::Borrowed(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether `c` ends or breaks an SDP line: LF, CR or NUL.
#[inline(always)]
fn is_line_stop(c: u8) -> bool {
    matches!(c, b'\n' | b'\r' | 0)
}

/// The eight bytes of `b` at `i` as one little-endian word, if there are eight.
#[inline(always)]
fn word_at(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..)
        .and_then(|r| r.first_chunk::<8>())
        .map(|w| u64::from_le_bytes(*w))
}

/// Flags (the high bit) the bytes of `x` below `n` (at most 0x80): the lowest flag is
/// always a true one, higher ones may be false.
#[inline(always)]
fn bytes_below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH
}

/// Flags the bytes of `x` equal to `c`: the lowest flag is always a true one.
#[inline(always)]
pub(crate) fn equal_bytes(x: u64, c: u8) -> u64 {
    let y = x ^ (ONES * u64::from(c));
    y.wrapping_sub(ONES) & !y & HIGH
}

/// Flags every byte of `x` equal to `c`, and no other (exact, unlike [`equal_bytes`],
/// whose carry may flag a byte after a true one).
#[inline]
pub(crate) fn equal_bytes_exact(x: u64, c: u8) -> u64 {
    let y = x ^ (ONES * u64::from(c));
    !(((y & !HIGH).wrapping_add(!HIGH)) | y) & HIGH
}

/// The first LF, CR or NUL in `b` at or after `from`: where an SDP line ends or breaks.
///
/// Most SDP lines are short (`a=rtpmap:0 PCMU/8000`), where a vector search spends more
/// on starting than on searching: the line is read sixteen bytes at a time, flagging the
/// bytes below 0x0E (one subtraction and two masks per word), and a tab or other control
/// byte flagged is stepped over. (SIP header lines are longer: there a plain `memchr`
/// for the LF measured faster.)
#[inline]
pub(crate) fn line_stop(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(w) = b.get(i..).and_then(|r| r.first_chunk::<16>()) {
        let (lo, hi) = w.split_at(8);
        let (lo, hi) = (
            u64::from_le_bytes(lo.try_into().unwrap_or_default()),
            u64::from_le_bytes(hi.try_into().unwrap_or_default()),
        );
        let (f0, f1) = (bytes_below(lo, 0x0E), bytes_below(hi, 0x0E));
        if f0 | f1 == 0 {
            i += 16;
            continue;
        }
        let j = i + if f0 != 0 {
            (f0.trailing_zeros() / 8) as usize
        } else {
            8 + (f1.trailing_zeros() / 8) as usize
        };
        if is_line_stop(b[j]) {
            return Some(j);
        }
        i = j + 1;
    }
    b.get(i..)?
        .iter()
        .position(|&c| is_line_stop(c))
        .map(|k| i + k)
}

/// The first byte of `b` that `one` takes, eight bytes at a time: `flags` flags (the
/// high bit) the bytes of a word that `one` takes, and may flag false ones above a true
/// one (as [`equal_bytes`] and [`bytes_below`] do); the rest of `b` byte by byte. For the
/// short runs of a header value, where a vector search spends more on starting than on
/// searching.
#[inline(always)]
fn first_flagged(b: &[u8], flags: impl Fn(u64) -> u64, one: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = 0;
    while let Some(x) = word_at(b, i) {
        let f = flags(x);
        if f != 0 {
            return Some(i + (f.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b[i..].iter().position(|&c| one(c)).map(|k| i + k)
}

/// The first `"` or `\\` in `b`: where a quoted string ends or escapes a byte.
#[inline]
fn quote_or_backslash(b: &[u8]) -> Option<usize> {
    first_flagged(
        b,
        |x| equal_bytes(x, b'"') | equal_bytes(x, b'\\'),
        |c| matches!(c, b'"' | b'\\'),
    )
}

/// The first byte of `b` that is whitespace or another control byte (below 0x21, or
/// DEL): where a Request-URI ends.
#[inline]
pub(crate) fn control_or_space(b: &[u8]) -> Option<usize> {
    first_flagged(
        b,
        |x| bytes_below(x, 0x21) | equal_bytes(x, 0x7f),
        is_control_or_space,
    )
}

/// The first `>` or byte below 0x21 in `b`: where the URI of a name-addr ends, or the
/// whitespace or control byte that stops it early.
#[inline]
pub(crate) fn angle_or_space(b: &[u8]) -> Option<usize> {
    first_flagged(
        b,
        |x| bytes_below(x, 0x21) | equal_bytes(x, b'>'),
        |c| c < 0x21 || c == b'>',
    )
}

/// Whether `c` is whitespace or another control byte (below 0x21, or DEL).
#[inline]
pub(crate) fn is_control_or_space(c: u8) -> bool {
    c < 0x21 || c == 0x7f
}

/// [`line_stop`] and the first `:` before it (the line stop itself when there is none),
/// as `(colon, stop)`: the name and end of an SDP attribute line in one pass, eight
/// bytes at a time up to the colon.
#[inline(always)]
pub(crate) fn colon_and_line_stop(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    loop {
        let (j, c) = match word_at(b, i) {
            Some(x) => {
                let flags = bytes_below(x, 0x0E) | equal_bytes(x, b':');
                if flags == 0 {
                    i += 8;
                    continue;
                }
                let j = i + (flags.trailing_zeros() / 8) as usize;
                (j, b[j])
            }
            None => {
                let k = b
                    .get(i..)?
                    .iter()
                    .position(|&c| c == b':' || is_line_stop(c))?;
                (i + k, b[i + k])
            }
        };
        if c == b':' {
            return Some((j, line_stop(b, j + 1)?));
        }
        if is_line_stop(c) {
            return Some((j, j));
        }
        i = j + 1;
    }
}

/// A dotted-quad IPv4 address, read as `std::net::Ipv4Addr`'s parser reads one (four
/// decimal octets of one to three digits, none above 255, no leading zero but in `0`
/// itself) without its general machinery: hosts in URIs, Via and SDP are read on every
/// message.
#[inline]
pub(crate) fn ipv4(s: &[u8]) -> Option<std::net::Ipv4Addr> {
    if !(7..=15).contains(&s.len()) {
        return None;
    }
    let mut octets = [0u8; 4];
    let (mut n, mut v, mut digits) = (0, 0u32, 0);
    for &c in s {
        if c == b'.' {
            if digits == 0 || n == 3 {
                return None;
            }
            octets[n] = u8::try_from(v).ok()?;
            (n, v, digits) = (n + 1, 0, 0);
        } else {
            let d = c.wrapping_sub(b'0');
            // A digit; at most three an octet, and none after a leading zero.
            if d > 9 || digits == 3 || digits == 1 && v == 0 {
                return None;
            }
            v = v * 10 + u32::from(d);
            digits += 1;
        }
    }
    if digits == 0 || n != 3 {
        return None;
    }
    octets[3] = u8::try_from(v).ok()?;
    Some(std::net::Ipv4Addr::from(octets))
}

/// The value of each hex digit, `0xFF` for any other byte.
const HEX: [u8; 256] = {
    let mut t = [0xFF; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            d @ b'0'..=b'9' => d - b'0',
            d @ b'a'..=b'f' => d - b'a' + 10,
            d @ b'A'..=b'F' => d - b'A' + 10,
            _ => 0xFF,
        };
        c += 1;
    }
    t
};

/// Reads `:`-separated groups of one to four hex digits from `s` at `pos` into `out`
/// (as many as it holds), the last two of them possibly a dotted quad that runs to the
/// end of `s` (the low 32 bits). Returns how many groups were read, whether a dotted
/// quad was, and where the reading stopped: before the `:` of a group that is not there.
/// `None` when a group stands before a `.` that does not start such a dotted quad.
#[inline]
fn ipv6_groups(s: &[u8], mut pos: usize, out: &mut [u16]) -> Option<(usize, bool, usize)> {
    let limit = out.len();
    let mut k = 0;
    while k < limit {
        let mut p = pos;
        if k > 0 {
            if s.get(p) != Some(&b':') {
                break;
            }
            p += 1;
        }
        let start = p;
        let mut v = 0u16;
        while p - start < 4
            && let Some(&c) = s.get(p)
            && HEX[c as usize] != 0xFF
        {
            v = v << 4 | u16::from(HEX[c as usize]);
            p += 1;
        }
        if p == start {
            break;
        }
        if s.get(p) == Some(&b'.') {
            // A dotted quad: two groups, the last of the address.
            let v4 = ipv4(&s[start..]).filter(|_| k + 1 < limit)?;
            let [a, b, c, d] = v4.octets();
            out[k] = u16::from_be_bytes([a, b]);
            out[k + 1] = u16::from_be_bytes([c, d]);
            return Some((k + 2, true, s.len()));
        }
        out[k] = v;
        k += 1;
        pos = p;
    }
    Some((k, false, pos))
}

/// A textual IPv6 address (without brackets), read as `std::net::Ipv6Addr`'s parser
/// reads one (RFC 4291 2.2: eight groups of one to four hex digits, or fewer around one
/// `::` standing for at least one zero group; the last 32 bits may be a dotted quad as
/// [`ipv4`] reads it) without its general machinery, which tries a dotted quad at every
/// group: hosts in URIs, Via and SDP of IPv6 networks (an IMS core's) are read on every
/// message.
pub(crate) fn ipv6(s: &[u8]) -> Option<std::net::Ipv6Addr> {
    if !(2..=45).contains(&s.len()) {
        return None;
    }
    let mut head = [0u16; 8];
    let (n, dotted, pos) = ipv6_groups(s, 0, &mut head)?;
    if n == 8 {
        return (pos == s.len()).then(|| head.into());
    }
    if dotted || s.get(pos..pos + 2) != Some(b"::") {
        return None;
    }
    let mut tail = [0u16; 7];
    let (t, _, end) = ipv6_groups(s, pos + 2, &mut tail[..7 - n])?;
    if end != s.len() {
        return None;
    }
    head[8 - t..].copy_from_slice(&tail[..t]);
    Some(head.into())
}

/// An IPv4 address ([`ipv4`]) or an IPv6 one ([`ipv6`]), as `std::net::IpAddr`'s parser
/// reads one.
pub(crate) fn ip(s: &[u8]) -> Option<std::net::IpAddr> {
    ipv4(s)
        .map(std::net::IpAddr::V4)
        .or_else(|| ipv6(s).map(std::net::IpAddr::V6))
}

#[cfg(test)]
mod tests {
    use super::{Cur, colon_and_line_stop, ip, ipv4, ipv6, line_stop};
    use crate::error::syntax;
    use proptest::prelude::*;

    #[test]
    fn a_quoted_string_ends_at_its_first_unescaped_quote_in_any_word() {
        fn read(t: &str) -> crate::Result<(&str, usize)> {
            let mut c = Cur::new(t, crate::Quirks::NONE);
            c.quoted().map(|q| (q, c.pos))
        }
        assert_eq!(read("\"\" <x>"), Ok(("\"\"", 2)));
        assert_eq!(read("\"Alice\" <x>"), Ok(("\"Alice\"", 7)));
        // Escaped quotes and backslashes on both sides of the 8-byte words.
        let t = "\"abcdef\\\"gh\\\\ijklmnopq\\\"\";x";
        assert_eq!(read(t), Ok((&t[..t.len() - 2], t.len() - 2)));
        // A quote in the tail of fewer than eight bytes.
        assert_eq!(read("\"0123456789\""), Ok(("\"0123456789\"", 12)));
        assert_eq!(
            read("\"0123456789"),
            Err(syntax(0, "unterminated quoted string"))
        );
        // A backslash before CR, or last: an escape of nothing (at the backslash + 1).
        assert_eq!(
            read("\"abc\\\r\n\""),
            Err(syntax(5, "invalid escape in quoted string"))
        );
        assert_eq!(
            read("\"abcdefghij\\"),
            Err(syntax(12, "invalid escape in quoted string"))
        );
    }

    #[test]
    fn a_number_reads_its_digits_and_holds_to_its_maximum() {
        let read = |t: &str, max| {
            let mut c = Cur::new(t, crate::Quirks::NONE);
            c.number(max, "expected a number").map(|n| (n, c.pos))
        };
        assert_eq!(read("5060;", 65535), Ok((5060, 4)));
        assert_eq!(read("0", 255), Ok((0, 1)));
        assert_eq!(read("65536", 65535), Err(syntax(0, "number out of range")));
        assert_eq!(read("x", 255), Err(syntax(0, "expected a number")));
        assert_eq!(read(":1", 255), Err(syntax(0, "expected a number")));
        // Beyond u64 saturates, then is out of range; never wraps to a small number.
        assert_eq!(
            read("18446744073709551621", u64::from(u32::MAX)),
            Err(syntax(0, "number out of range"))
        );
        assert_eq!(
            read("4294967295 ", u64::from(u32::MAX)),
            Ok((4_294_967_295, 10))
        );
    }

    #[test]
    fn ipv4_reads_dotted_quads_as_rfc_791_writes_them() {
        assert_eq!(ipv4(b"192.0.2.45"), Some([192, 0, 2, 45].into()));
        assert_eq!(ipv4(b"0.0.0.0"), Some([0, 0, 0, 0].into()));
        assert_eq!(ipv4(b"255.255.255.255"), Some([255, 255, 255, 255].into()));
        for bad in [
            &b"256.1.1.1"[..],
            b"1.2.3",
            b"1.2.3.4.",
            b"1.2.3.4.5",
            b"01.2.3.4",
            b"1.2.3.00",
            b"1..2.3",
            b"1234.1.1.1",
            b"1.2.3.0004",
            b".1.2.3",
            b"1.2.3.4 ",
            b"",
        ] {
            assert_eq!(ipv4(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn ipv6_reads_rfc_4291_text_forms() {
        let a = |g: [u16; 8]| Some(std::net::Ipv6Addr::from(g));
        assert_eq!(
            ipv6(b"2001:db8:0:0:8:800:200c:417a"),
            a([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a])
        );
        assert_eq!(
            ipv6(b"2001:DB8::8:800:200C:417A"),
            a([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a])
        );
        assert_eq!(ipv6(b"ff01::101"), a([0xff01, 0, 0, 0, 0, 0, 0, 0x101]));
        assert_eq!(ipv6(b"::1"), a([0, 0, 0, 0, 0, 0, 0, 1]));
        assert_eq!(ipv6(b"::"), a([0; 8]));
        assert_eq!(ipv6(b"fe80::"), a([0xfe80, 0, 0, 0, 0, 0, 0, 0]));
        assert_eq!(ipv6(b"1:2:3:4:5:6:7::"), a([1, 2, 3, 4, 5, 6, 7, 0]));
        assert_eq!(ipv6(b"::2:3:4:5:6:7:8"), a([0, 2, 3, 4, 5, 6, 7, 8]));
        // The low 32 bits as a dotted quad (RFC 4291 2.2, form 3).
        assert_eq!(
            ipv6(b"0:0:0:0:0:0:13.1.68.3"),
            a([0, 0, 0, 0, 0, 0, 0x0d01, 0x4403])
        );
        assert_eq!(
            ipv6(b"::ffff:129.144.52.38"),
            a([0, 0, 0, 0, 0, 0xffff, 0x8190, 0x3426])
        );
        assert_eq!(ipv6(b"::13.1.68.3"), a([0, 0, 0, 0, 0, 0, 0x0d01, 0x4403]));
        assert_eq!(
            ipv6(b"ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"),
            a([0xffff; 8])
        );
        for bad in [
            &b""[..],
            b":",
            b":::",
            b"1",
            b"1:2:3:4:5:6:7",
            b"1:2:3:4:5:6:7:8:9",
            b"1:2:3:4:5:6:7:8::",
            b"::1:2:3:4:5:6:7:8",
            b"1::2::3",
            b"12345::",
            b"1:::2",
            b":1::2",
            b"1::2:",
            b"g::1",
            b"::1.2.3",
            b"::1.2.3.4.5",
            b"::01.2.3.4",
            b"::256.2.3.4",
            b"1.2.3.4::",
            b"1.2.3.4::1",
            b"1:2:3:4:5:6:7:1.2.3.4",
            b"1:2:3:4:5:6::1.2.3.4",
            b"::ffff:1.2.3.4:1",
            b"fe80::1%eth0",
            b"[::1]",
            b"::1 ",
        ] {
            assert_eq!(ipv6(bad), None, "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(ip(b"192.0.2.1"), Some([192, 0, 2, 1].into()));
        assert_eq!(ip(b"2001:db8::1"), "2001:db8::1".parse().ok());
        assert_eq!(ip(b"example.com"), None);
    }

    #[test]
    fn line_stop_finds_the_first_lf_cr_or_nul() {
        assert_eq!(line_stop(b"a=rtpmap:0 PCMU/8000\r\n", 0), Some(20));
        assert_eq!(line_stop(b"a=rtpmap:0 PCMU/8000\r\n", 21), Some(21));
        assert_eq!(line_stop(b"v=0\nx", 0), Some(3));
        assert_eq!(line_stop(b"s=a\tb\x0bc\x0cd\x01e\x00", 0), Some(11));
        assert_eq!(line_stop(b"no end here", 0), None);
        assert_eq!(line_stop(b"", 0), None);
        assert_eq!(line_stop(b"ab", 5), None);
        // Past the first 32 bytes, and a tab in each word before the end.
        let mut long = b"a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host".repeat(3);
        long.extend_from_slice(b"\r\n");
        assert_eq!(line_stop(&long, 0), Some(long.len() - 2));
        let tabs = b"\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\r";
        assert_eq!(line_stop(tabs, 0), Some(34));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        /// The word-at-a-time searches find the first byte they look for, as a byte by
        /// byte search does, wherever it stands among the words.
        #[test]
        fn word_searches_find_what_a_byte_search_finds(
            b in proptest::collection::vec(prop_oneof![
                Just(b'"'), Just(b'\\'), Just(b'>'), Just(b' '), Just(0u8), Just(0x7f),
                Just(0x80), Just(0xff), Just(b'!'), Just(b'='), Just(b'a'), Just(b'<'),
            ], 0..40),
        ) {
            let find = |f: fn(u8) -> bool| b.iter().position(|&c| f(c));
            prop_assert_eq!(super::quote_or_backslash(&b), find(|c| c == b'"' || c == b'\\'));
            prop_assert_eq!(super::angle_or_space(&b), find(|c| c < 0x21 || c == b'>'));
            prop_assert_eq!(super::control_or_space(&b), find(|c| c < 0x21 || c == 0x7f));
        }

        /// The same position as a byte-by-byte search, from any start, on bytes dense in
        /// control bytes (where the word flags could mislead) and on any bytes.
        #[test]
        fn line_stop_agrees_with_a_plain_search(
            b in proptest::collection::vec(prop_oneof![0u8..16, 14u8..=255, Just(b'\t')], 0..120),
            from in 0usize..130,
        ) {
            let plain = b.iter().skip(from).position(|&c| matches!(c, b'\n' | b'\r' | 0)).map(|k| from + k);
            prop_assert_eq!(line_stop(&b, from), plain);
        }

        /// The colon and line stop a byte-by-byte search finds, on bytes dense in colons
        /// and control bytes.
        #[test]
        fn colon_and_line_stop_agrees_with_a_plain_search(
            b in proptest::collection::vec(
                prop_oneof![0u8..16, 14u8..=255, Just(b'\t'), Just(b':'), Just(b';')],
                0..120,
            ),
            from in 0usize..130,
        ) {
            let stop = b.iter().skip(from).position(|&c| matches!(c, b'\n' | b'\r' | 0)).map(|k| from + k);
            let plain = stop.map(|stop| {
                let colon = b[from..stop].iter().position(|&c| c == b':').map_or(stop, |k| from + k);
                (colon, stop)
            });
            prop_assert_eq!(colon_and_line_stop(&b, from), plain);
        }

        /// The same verdict and address as the standard library's parser: on text made
        /// of hex digits, colons and dots (where the two could disagree), on groups of
        /// up to five hex digits around at most two `::` and a dotted quad, on addresses
        /// written in each form std writes, and on any bytes.
        #[test]
        fn ipv6_and_ip_agree_with_std(
            s in "[0-9a-fA-F:.]{0,46}\
                  |(([0-9a-f]{1,5}|::?):){0,8}([0-9a-f]{0,5}|::|[0-9]{1,4}(\\.[0-9]{1,4}){0,4})\
                  |\\PC{0,16}",
            g in proptest::array::uniform8(prop_oneof![Just(0u16), Just(0xffff), any::<u16>()]),
        ) {
            prop_assert_eq!(ipv6(s.as_bytes()), s.parse::<std::net::Ipv6Addr>().ok());
            prop_assert_eq!(ip(s.as_bytes()), s.parse::<std::net::IpAddr>().ok());
            let a = std::net::Ipv6Addr::from(g);
            for text in [a.to_string(), format!("{a:?}"), g.map(|x| format!("{x:X}")).join(":")] {
                prop_assert_eq!(ipv6(text.as_bytes()), Some(a), "{}", text);
            }
            let [.., x, y] = g;
            let [b0, b1] = x.to_be_bytes();
            let [b2, b3] = y.to_be_bytes();
            let mixed = format!("::{b0}.{b1}.{b2}.{b3}");
            prop_assert_eq!(ipv6(mixed.as_bytes()), mixed.parse::<std::net::Ipv6Addr>().ok());
        }

        /// The same verdict and address as the standard library's parser, on text made
        /// mostly of digits and dots (where the two could disagree) and on any bytes.
        #[test]
        fn ipv4_agrees_with_std(s in "[0-9.]{0,18}|[0-9]{1,4}(\\.[0-9]{1,4}){0,4}|\\PC{0,12}") {
            prop_assert_eq!(ipv4(s.as_bytes()), s.parse::<std::net::Ipv4Addr>().ok());
        }
    }
}
