//! Header names: case-insensitive matching and the RFC 3261 / RFC 3515 / RFC 4028 /
//! RFC 3265 compact forms.

/// The compact forms (RFC 3261 section 7.3.3 and extensions) and the names they stand for.
pub const COMPACT_FORMS: [(u8, &str); 19] = [
    (b'a', "Accept-Contact"),
    (b'b', "Referred-By"),
    (b'c', "Content-Type"),
    (b'd', "Request-Disposition"),
    (b'e', "Content-Encoding"),
    (b'f', "From"),
    (b'i', "Call-ID"),
    (b'j', "Reject-Contact"),
    (b'k', "Supported"),
    (b'l', "Content-Length"),
    (b'm', "Contact"),
    (b'o', "Event"),
    (b'r', "Refer-To"),
    (b's', "Subject"),
    (b't', "To"),
    (b'u', "Allow-Events"),
    (b'v', "Via"),
    (b'x', "Session-Expires"),
    (b'y', "Identity"),
];

/// The long name a one-letter compact form stands for (`"v"` → `"Via"`), any case.
pub fn expand_compact(name: &[u8]) -> Option<&'static str> {
    if name.len() != 1 {
        return None;
    }
    let c = name[0].to_ascii_lowercase();
    COMPACT_FORMS
        .iter()
        .find(|(k, _)| *k == c)
        .map(|(_, long)| *long)
}

/// The compact form of a long header name (`"Call-ID"` → `Some(b'i')`), any case.
pub fn compact_of(name: &[u8]) -> Option<u8> {
    COMPACT_FORMS
        .iter()
        .find(|(_, long)| long.as_bytes().eq_ignore_ascii_case(name))
        .map(|(k, _)| *k)
}

/// Whether two header names denote the same header: case-insensitive, compact forms
/// equal to their long names (`"v"`, `"VIA"` and `"Via"` are the same header).
pub fn same_header(a: &[u8], b: &[u8]) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    match (a.len() == 1, b.len() == 1) {
        (true, false) => expand_compact(a).is_some_and(|l| l.as_bytes().eq_ignore_ascii_case(b)),
        (false, true) => expand_compact(b).is_some_and(|l| l.as_bytes().eq_ignore_ascii_case(a)),
        _ => false,
    }
}

/// A header name prepared for fast repeated matching.
///
/// A name the crate reads typed (one of the `keys!` below) has a number, `id`, from 1;
/// any other name has 0. The split stores the number of each header line
/// ([`classify`]), so finding a known header compares one byte per line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key<'k> {
    pub(crate) long: &'k str,
    pub(crate) compact: u8,
    pub(crate) id: u8,
}

impl<'k> Key<'k> {
    const fn known(long: &'k str, compact: u8, id: u8) -> Self {
        Key { long, compact, id }
    }

    /// A key for any name given by a caller (long or compact).
    pub(crate) fn of(name: &'k str) -> Key<'k> {
        let b = name.as_bytes();
        let id = classify(b);
        if let Some(long) = expand_compact(b) {
            return Key {
                long,
                compact: b[0].to_ascii_lowercase(),
                id,
            };
        }
        Key {
            long: name,
            compact: compact_of(b).unwrap_or(0),
            id,
        }
    }

    /// Whether `name` denotes this header (case-insensitive, compact forms included).
    #[inline]
    pub(crate) fn matches(&self, name: &[u8]) -> bool {
        if name.len() == 1 {
            self.compact != 0 && name[0].to_ascii_lowercase() == self.compact
                || self.long.as_bytes().eq_ignore_ascii_case(name)
        } else {
            name.len() == self.long.len() && name.eq_ignore_ascii_case(self.long.as_bytes())
        }
    }

    /// Whether a header line named `name`, numbered `id` by [`classify`], denotes this
    /// header: one comparison for a known key. A name numbered 0 is none of the known
    /// names, so an unknown key compares text only with lines numbered 0.
    #[inline]
    pub(crate) fn matches_line(&self, id: u8, name: &[u8]) -> bool {
        if self.id != 0 {
            id == self.id
        } else {
            id == 0 && self.matches(name)
        }
    }
}

/// The slot of a name of two or more bytes in [`BY_HASH`], from its length and its
/// first and last bytes with the ASCII case bit set. No two known names share a slot
/// (checked when the table is built).
#[inline]
const fn slot(len: usize, first: u8, last: u8) -> usize {
    (len.wrapping_mul(11) + ((first | 0x20) as usize) * 6 + ((last | 0x20) as usize) * 2) & 127
}

/// The number of a header name: the `id` of the known [`Key`] it denotes (long name in
/// any case, or its compact form), else 0.
#[inline]
pub(crate) fn classify(name: &[u8]) -> u8 {
    match name {
        [] => 0,
        [c] => BY_COMPACT[*c as usize],
        [first, .., last] => {
            let id = BY_HASH[slot(name.len(), *first, *last)];
            let mut words = [0u8; 24];
            match (
                PREFIXES.get(usize::from(id).wrapping_sub(1)),
                words.get_mut(..name.len()),
            ) {
                (Some(p), Some(head)) if p.len == name.len() => {
                    head.copy_from_slice(name);
                    if p.starts(&words) { id } else { 0 }
                }
                _ => 0,
            }
        }
    }
}

macro_rules! keys {
    ($($id:ident = $long:literal, $compact:expr;)*) => {
        /// The numbers of the known keys.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u8)]
        enum Id {
            _Other,
            $($id,)*
        }
        $(pub(crate) const $id: Key<'static> = Key::known($long, $compact, Id::$id as u8);)*
        /// Every known key, in `id` order (`KNOWN[id - 1]`).
        const KNOWN: &[Key<'static>] = &[$($id,)*];
        /// How many known keys there are (the highest id).
        pub(crate) const KNOWN_COUNT: usize = KNOWN.len();
    };
}

keys! {
    VIA = "Via", b'v';
    FROM = "From", b'f';
    TO = "To", b't';
    CALL_ID = "Call-ID", b'i';
    CSEQ = "CSeq", 0;
    MAX_FORWARDS = "Max-Forwards", 0;
    CONTACT = "Contact", b'm';
    ROUTE = "Route", 0;
    RECORD_ROUTE = "Record-Route", 0;
    CONTENT_TYPE = "Content-Type", b'c';
    CONTENT_LENGTH = "Content-Length", b'l';
    EXPIRES = "Expires", 0;
    MIN_EXPIRES = "Min-Expires", 0;
    ALLOW = "Allow", 0;
    SUPPORTED = "Supported", b'k';
    REQUIRE = "Require", 0;
    PROXY_REQUIRE = "Proxy-Require", 0;
    UNSUPPORTED = "Unsupported", 0;
    WWW_AUTHENTICATE = "WWW-Authenticate", 0;
    PROXY_AUTHENTICATE = "Proxy-Authenticate", 0;
    AUTHORIZATION = "Authorization", 0;
    PROXY_AUTHORIZATION = "Proxy-Authorization", 0;
    EVENT = "Event", b'o';
    SUBSCRIPTION_STATE = "Subscription-State", 0;
    RSEQ = "RSeq", 0;
    RACK = "RAck", 0;
    SESSION_EXPIRES = "Session-Expires", b'x';
    MIN_SE = "Min-SE", 0;
    P_ASSERTED_IDENTITY = "P-Asserted-Identity", 0;
    REASON = "Reason", 0;
    REFER_TO = "Refer-To", b'r';
    USER_AGENT = "User-Agent", 0;
    SERVER = "Server", 0;
    DATE = "Date", 0;
    RETRY_AFTER = "Retry-After", 0;
    WARNING = "Warning", 0;
    DIVERSION = "Diversion", 0;
    HISTORY_INFO = "History-Info", 0;
    PRIVACY = "Privacy", 0;
    P_PREFERRED_IDENTITY = "P-Preferred-Identity", 0;
    REMOTE_PARTY_ID = "Remote-Party-ID", 0;
    P_CHARGING_VECTOR = "P-Charging-Vector", 0;
    IDENTITY = "Identity", b'y';
}

/// [`classify`]'s table for names of one byte: the compact forms of known keys, any case.
const BY_COMPACT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < KNOWN.len() {
        let c = KNOWN[i].compact;
        if c != 0 {
            t[c as usize] = KNOWN[i].id;
            t[c.to_ascii_uppercase() as usize] = KNOWN[i].id;
        }
        i += 1;
    }
    t
};

/// [`classify`]'s table for longer names, by [`slot`].
const BY_HASH: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < KNOWN.len() {
        let l = KNOWN[i].long.as_bytes();
        let s = slot(l.len(), l[0], l[l.len() - 1]);
        assert!(
            t[s] == 0,
            "two known header names share a slot: change `slot`"
        );
        t[s] = KNOWN[i].id;
        i += 1;
    }
    t
};

/// A known long name (`len` bytes) as the three little-endian words at bytes 0, 8 and 16
/// of a line that starts with it: lower case, the ASCII case bit of each letter in
/// `case`, and in `keep` the bytes that belong to the name (the rest of the words is the
/// line's). `(word | case) ^ lower` is zero on `keep` for those letters in either case
/// and, elsewhere, for those very bytes only.
struct Prefix {
    len: usize,
    lower: [u64; 3],
    case: [u64; 3],
    keep: [u64; 3],
}

impl Prefix {
    /// Whether `line`'s first 24 bytes start with this name, in any case.
    #[inline]
    fn starts(&self, line: &[u8; 24]) -> bool {
        let mut diff = 0;
        for (k, chunk) in line.chunks_exact(8).enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            diff |= ((u64::from_le_bytes(w) | self.case[k]) ^ self.lower[k]) & self.keep[k];
        }
        diff == 0
    }
}

/// The known names as [`Prefix`]es, in `id` order.
const PREFIXES: [Prefix; KNOWN.len()] = {
    let mut t = [const {
        Prefix {
            len: 0,
            lower: [0; 3],
            case: [0; 3],
            keep: [0; 3],
        }
    }; KNOWN.len()];
    let mut i = 0;
    while i < KNOWN.len() {
        let long = KNOWN[i].long.as_bytes();
        assert!(
            long.len() >= 2 && long.len() <= 24,
            "a known header name has 2 to 24 bytes"
        );
        t[i].len = long.len();
        let mut j = 0;
        while j < long.len() {
            let (w, shift) = (j / 8, 8 * (j % 8));
            t[i].lower[w] |= (long[j].to_ascii_lowercase() as u64) << shift;
            if long[j].is_ascii_alphabetic() {
                t[i].case[w] |= 0x20 << shift;
            }
            t[i].keep[w] |= 0xff << shift;
            j += 1;
        }
        i += 1;
    }
    t
};

/// The length and number of the known header name (any case, or a compact form) that
/// `line` starts with when a `:` follows it directly, read with three word loads and
/// compares: `None` when the line is shorter than 24 bytes, has no `:` in them, or
/// starts with any other name (which [`classify`] after a byte-wise scan then reads).
/// A known name is all `token` bytes, so a hit needs no further check.
#[inline(always)]
pub(crate) fn known_name_before_colon(line: &[u8]) -> Option<(usize, u8)> {
    let words = line.first_chunk::<24>()?;
    // The first colon: the lowest flag of the first word with one is always a true one.
    let len = words.chunks_exact(8).enumerate().find_map(|(k, chunk)| {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let m = crate::scan::equal_bytes(u64::from_le_bytes(w), b':');
        (m != 0).then(|| 8 * k + m.trailing_zeros() as usize / 8)
    })?;
    let id = match len {
        0 => 0,
        1 => BY_COMPACT[words[0] as usize],
        _ => {
            let id = BY_HASH[slot(len, words[0], words[len - 1])];
            let p = PREFIXES.get(usize::from(id).wrapping_sub(1))?;
            // The name's bytes match and the colon stands right after them.
            if p.len == len && p.starts(words) {
                id
            } else {
                0
            }
        }
    };
    (id != 0).then_some((len, id))
}

/// Whether [`known_name_before_colon`] reads `line` as the byte-wise scan and
/// [`classify`] do: a known name directly followed by `:` within the first 24 bytes, or
/// nothing. Built only for the fuzz targets.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn known_name_agrees(line: &[u8]) -> bool {
    known_name_before_colon(line) == known_name_by_scan(line)
}

/// What [`known_name_before_colon`] must give, found the byte-wise way: the token run at
/// the start of the line, when a colon follows it within the first 24 bytes and it is a
/// known name.
#[cfg(any(test, fuzzing))]
fn known_name_by_scan(line: &[u8]) -> Option<(usize, u8)> {
    let n = line.iter().position(|&b| !TOKEN[b as usize])?;
    let id = classify(&line[..n]);
    (line.len() >= 24 && n < 24 && line[n] == b':' && id != 0).then_some((n, id))
}

/// `token` characters (RFC 3261 section 25.1).
pub(crate) const TOKEN: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~'
            );
        i += 1;
    }
    t
};

#[inline]
pub(crate) fn is_token(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(|&c| TOKEN[c as usize])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What [`classify`] must give, found the slow way: the key whose `matches` accepts
    /// the name.
    fn by_search(name: &[u8]) -> u8 {
        KNOWN.iter().find(|k| k.matches(name)).map_or(0, |k| k.id)
    }

    #[test]
    fn known_names_in_any_case_and_compact_forms_get_their_number() {
        assert_eq!(classify(b"Via"), VIA.id);
        assert_eq!(classify(b"vIA"), VIA.id);
        assert_eq!(classify(b"v"), VIA.id);
        assert_eq!(classify(b"V"), VIA.id);
        assert_eq!(classify(b"CALL-ID"), CALL_ID.id);
        assert_eq!(classify(b"i"), CALL_ID.id);
        assert_eq!(classify(b"proxy-authorization"), PROXY_AUTHORIZATION.id);
        assert_eq!(classify(b"Content-Length"), CONTENT_LENGTH.id);
        assert_eq!(classify(b"l"), CONTENT_LENGTH.id);
        assert_ne!(VIA.id, 0);
        assert_ne!(VIA.id, FROM.id);
        for k in KNOWN {
            let long = k.long;
            assert_eq!(classify(long.to_uppercase().as_bytes()), k.id, "{long}");
            assert_eq!(classify(long.to_lowercase().as_bytes()), k.id, "{long}");
            assert_eq!(Key::of(long).id, k.id, "{long}");
        }
    }

    #[test]
    fn near_misses_get_no_number() {
        // One byte off, the case bit flipped on a byte that is not a letter (`-` is 0x2D,
        // 0x0D is CR), a letter short or long, a compact form with no known long name.
        for name in [
            &b"Vib"[..],
            b"Call\rID",
            b"Call-I",
            b"Call-IDs",
            b"Max_Forwards",
            b"Content-Lengti",
            b"a",
            b"z",
            b"-",
            b"",
            b"Accept-Contact",
            b"X-Via",
        ] {
            assert_eq!(classify(name), 0, "{:?}", String::from_utf8_lossy(name));
        }
    }

    #[test]
    fn a_known_name_before_its_colon_is_read_by_words() {
        let pad = |s: &str| format!("{s}{}", " ".repeat(24));
        assert_eq!(
            known_name_before_colon(pad("Via: SIP/2.0/UDP").as_bytes()),
            Some((3, VIA.id))
        );
        assert_eq!(
            known_name_before_colon(pad("v:x").as_bytes()),
            Some((1, VIA.id))
        );
        assert_eq!(
            known_name_before_colon(pad("PROXY-AUTHORIZATION: Digest").as_bytes()),
            Some((19, PROXY_AUTHORIZATION.id))
        );
        assert_eq!(
            known_name_before_colon(pad("P-Preferred-Identity:").as_bytes()),
            Some((20, P_PREFERRED_IDENTITY.id))
        );
        for line in [
            "Via : SIP/2.0/UDP",
            "X-Via: 1",
            "Vias: 1",
            "Call\rID: 1",
            "z: 1",
            ": empty name",
            "Content-Length",
        ] {
            assert_eq!(
                known_name_before_colon(pad(line).as_bytes()),
                None,
                "{line}"
            );
        }
        // Fewer than 24 bytes: left to the byte-wise scan.
        assert_eq!(known_name_before_colon(b"Via: x\r\n"), None);
    }

    proptest! {
        /// On known names with one byte changed, cut or grown, the table and the slow
        /// search agree.
        #[test]
        fn classify_agrees_with_matching_every_key(
            which in 0..KNOWN.len(),
            at in 0usize..32,
            byte in any::<u8>(),
            edit in 0u8..4,
        ) {
            let mut name = KNOWN[which].long.as_bytes().to_vec();
            let i = at % name.len();
            match edit {
                0 => name[i] = byte,
                1 => name[i] ^= 0x20,
                2 => name.truncate(i),
                _ => name.insert(i, byte),
            }
            prop_assert_eq!(classify(&name), by_search(&name));
        }

        /// On lines that start with a known name (any case, one byte changed, or a
        /// colon put anywhere) and on any bytes, the word-wise reading and the
        /// byte-wise scan agree.
        #[test]
        fn known_name_before_colon_agrees_with_the_byte_scan(
            which in 0..KNOWN.len(),
            at in 0usize..32,
            byte in any::<u8>(),
            edit in 0u8..4,
            tail in proptest::collection::vec(any::<u8>(), 0..40),
            any_line in proptest::collection::vec(any::<u8>(), 0..40),
        ) {
            let mut line = KNOWN[which].long.as_bytes().to_vec();
            let i = at % line.len();
            match edit {
                0 => line[i] = byte,
                1 => line[i] ^= 0x20,
                2 => line.insert(i, b':'),
                _ => {}
            }
            line.push(b':');
            line.extend_from_slice(&tail);
            prop_assert_eq!(known_name_before_colon(&line), known_name_by_scan(&line));
            prop_assert_eq!(known_name_before_colon(&any_line), known_name_by_scan(&any_line));
        }

        /// On any short name, and on every known name in any case, the table and the
        /// slow search agree (and on a known name, both give its key).
        #[test]
        fn classify_agrees_on_any_name(
            name in proptest::collection::vec(any::<u8>(), 0..24),
            which in 0..KNOWN.len(),
            upper in proptest::collection::vec(any::<bool>(), 32),
        ) {
            prop_assert_eq!(classify(&name), by_search(&name));
            let known: Vec<u8> = KNOWN[which]
                .long
                .bytes()
                .zip(&upper)
                .map(|(b, &up)| if up { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() })
                .collect();
            prop_assert_eq!(classify(&known), KNOWN[which].id);
            prop_assert_eq!(by_search(&known), KNOWN[which].id);
        }
    }
}
