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
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key<'k> {
    pub(crate) long: &'k [u8],
    pub(crate) compact: u8,
}

impl<'k> Key<'k> {
    pub(crate) const fn new(long: &'k str, compact: u8) -> Self {
        Key {
            long: long.as_bytes(),
            compact,
        }
    }

    /// A key for any name given by a caller (long or compact).
    pub(crate) fn of(name: &'k str) -> Key<'k> {
        let b = name.as_bytes();
        if let Some(long) = expand_compact(b) {
            return Key::new(long, b[0].to_ascii_lowercase());
        }
        Key {
            long: b,
            compact: compact_of(b).unwrap_or(0),
        }
    }

    #[inline]
    pub(crate) fn matches(&self, name: &[u8]) -> bool {
        if name.len() == 1 {
            self.compact != 0 && name[0].to_ascii_lowercase() == self.compact
                || self.long.eq_ignore_ascii_case(name)
        } else {
            name.len() == self.long.len() && name.eq_ignore_ascii_case(self.long)
        }
    }
}

macro_rules! keys {
    ($($id:ident = $long:literal, $compact:expr;)*) => {
        $(pub(crate) const $id: Key<'static> = Key::new($long, $compact);)*
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
