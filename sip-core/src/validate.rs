//! Strict message-level validation (what `voipkit sip check` reports).

use crate::error::{Error, Result};
use crate::headers::Contact;
use crate::message::{HEADERS_UNTERMINATED, Message, Parser, START_LINE_UNTERMINATED, Status};
use crate::names::{self, Key};
use crate::uri::Uri;

/// Headers that may appear at most once (RFC 3261 section 7.3.1 and extensions).
const SINGLE: [Key<'static>; 18] = [
    names::TO,
    names::FROM,
    names::CALL_ID,
    names::CSEQ,
    names::MAX_FORWARDS,
    names::CONTENT_LENGTH,
    names::CONTENT_TYPE,
    names::EXPIRES,
    names::MIN_EXPIRES,
    names::RSEQ,
    names::RACK,
    names::SESSION_EXPIRES,
    names::MIN_SE,
    names::REFER_TO,
    names::EVENT,
    names::SUBSCRIPTION_STATE,
    names::DATE,
    names::RETRY_AFTER,
];

/// Splits `input` as one strict datagram and validates it with [`validate`].
///
/// ```
/// let bad = b"OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\
///             From: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nCall-ID: c\r\n\
///             CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
/// let err = sip_core::check(bad).unwrap_err();
/// assert_eq!(err.reason(), "CSeq method differs from the request method");
/// ```
///
/// # Errors
/// The first problem in the message, with its byte offset (see [`validate`]); a split
/// error as the split reports it.
pub fn check(input: &[u8]) -> Result<()> {
    check_with(&Parser::new(), input)
}

/// [`check`] with a chosen parser (lenient mode, stream framing, limits).
///
/// # Errors
/// The first problem in the message, with its byte offset (see [`validate`]).
pub fn check_with(parser: &Parser, input: &[u8]) -> Result<()> {
    let mut slots = Vec::new();
    match parser.parse(input, &mut slots)? {
        Status::Complete(m) => validate(&m, parser),
        Status::Partial => Err(Error::Syntax {
            offset: input.len(),
            reason: "incomplete message",
        }),
    }
}

/// Validates a split message against RFC 3261's message-level rules: the mandatory
/// headers (Via, From, To, Call-ID, CSeq; Max-Forwards is not required, for RFC 2543
/// peers), single-valued headers present once with one value, CSeq method equal to the
/// request method, one consistent Content-Length, a Request-URI without `<>` or
/// `?headers`, one Contact value in a message that creates a dialog (an INVITE,
/// SUBSCRIBE, NOTIFY or REFER, or a 101-299 response to one: RFC 3261 8.1.1.8 and
/// 12.1.1), every known header well formed (numbers within 32 bits, Max-Forwards
/// up to 255; Route, Record-Route, Diversion and History-Info addresses in angle
/// brackets, each History-Info entry with an index), a Date in GMT, Via count within
/// limits. A report about one element of a list points at that element. Application
/// policy (URI schemes, option tags, content types) is not checked.
///
/// # Errors
/// The first problem in the message (the one at the lowest byte offset), with its
/// offset: the first of [`Message::diagnostics`] with the same parser.
pub fn validate(m: &Message<'_>, parser: &Parser) -> Result<()> {
    let mut first: Option<Error> = None;
    walk(m, parser, &mut |e| {
        if first.as_ref().is_none_or(|f| e.offset() < f.offset()) {
            first = Some(e);
        }
    });
    first.map_or(Ok(()), Err)
}

/// Every problem [`validate`] looks for, reported to `report` in the order of the checks
/// (framing, the text of every header, the start line, the message-level rules, then the
/// typed reading of each header). A problem inside one header stops the checks of that
/// header only.
pub(crate) fn walk(m: &Message<'_>, parser: &Parser, report: &mut dyn FnMut(Error)) {
    // `fail!(e)` reports `e` unless its header was reported already; `check!(r)` does
    // that for the error of a `Result`.
    // One problem of a header line is one report: once a header has been reported, a
    // later error of its typed reading (a `Header` or `Syntax` error inside it, such as
    // the typed From failing on the bytes the text check already found not UTF-8) is
    // the same problem seen again. Message-level rules (`Invalid`) still report.
    let mut faulted: Vec<usize> = Vec::new();
    // The line an error is on: a typed reading's error may sit just past its value (see
    // `place_of_error`); any other by its offset, so that a framing problem found at a
    // header line (a datagram cut inside it) covers that line too.
    let line_of = |e: &Error| match e {
        Error::Header { .. } => m.place_of_error(e),
        _ => m.place_of(e.offset()),
    };
    let mut admit = |e: &Error| match line_of(e) {
        Place::Header(i) => {
            if faulted.contains(&i) {
                !matches!(e, Error::Header { .. } | Error::Syntax { .. })
            } else {
                faulted.push(i);
                true
            }
        }
        _ => true,
    };
    macro_rules! fail {
        ($e:expr) => {{
            let e = $e;
            if admit(&e) {
                report(e);
            }
        }};
    }
    macro_rules! check {
        ($r:expr) => {
            if let Err(e) = $r {
                fail!(e);
            }
        };
    }
    if let Some((at, header, reason)) = m.layout.framing_problem {
        let offset = m.abs(at as usize);
        fail!(match header {
            Some(name) => Error::Header {
                offset,
                name,
                reason,
            },
            None => Error::Syntax { offset, reason },
        });
    }
    if let Some(at) = m.layout.conflicting_length {
        fail!(Error::Invalid {
            offset: m.abs(at as usize),
            reason: "conflicting Content-Length values",
        });
    }
    for h in m.headers() {
        if h.name().is_empty() {
            // Kept by the lenient split: a line that is not `name: value`.
            fail!(Error::Syntax {
                offset: h.value_offset(),
                reason: "not a header line (no name and ':')",
            });
        } else {
            check!(check_header_text(h.value(), h.value_offset()));
        }
    }
    if let crate::StartLine::Response { reason, .. } = m.start_line()
        && let Err(e) = std::str::from_utf8(reason)
    {
        // The reason phrase ends the start line.
        let start = m.start_line_bytes().len() - reason.len();
        fail!(Error::Syntax {
            offset: m.abs(start + e.valid_up_to()),
            reason: "reason phrase is not UTF-8",
        });
    }
    let mandatory: [(Key<'static>, &'static str); 5] = [
        (names::VIA, "missing Via header"),
        (names::FROM, "missing From header"),
        (names::TO, "missing To header"),
        (names::CALL_ID, "missing Call-ID header"),
        (names::CSEQ, "missing CSeq header"),
    ];
    for (key, reason) in mandatory {
        if m.find(key).is_none() {
            fail!(Error::Invalid {
                offset: m.abs(m.layout.headers_end as usize),
                reason,
            });
        }
    }
    for key in SINGLE {
        if let Some(second) = m.all(key).nth(1) {
            fail!(Error::Invalid {
                offset: second.value_offset(),
                reason: single_reason(key),
            });
        }
    }
    if let Some(uri) = m.request_uri() {
        let at = m.abs(0) + m.method().map_or(0, str::len) + 1;
        if uri.starts_with('<') {
            fail!(Error::Syntax {
                offset: at,
                reason: "Request-URI must not be enclosed in '<' '>'",
            });
        } else {
            match Uri::parse_with_quirks(uri, m.quirks()) {
                Err(e) => fail!(e.shifted(at)),
                Ok(Uri::Sip(u)) if u.has_headers() => fail!(Error::Syntax {
                    offset: at,
                    reason: "Request-URI must not contain headers (RFC 3261 19.1.1)",
                }),
                Ok(_) => {}
            }
        }
    }
    let cseq = m.cseq();
    if let Err(e) = &cseq {
        fail!(e.clone());
    }
    if let (Some(method), Ok(Some(cseq))) = (m.method(), cseq)
        && method != cseq.method
    {
        let h = m.find(names::CSEQ);
        fail!(Error::Invalid {
            offset: h.map_or(0, |h| h.value_offset()),
            reason: "CSeq method differs from the request method",
        });
    }
    // An absent Call-ID is reported above as missing; a present one must be a word.
    if let Some(h) = m.find(names::CALL_ID)
        && h.value_str()
            .is_none_or(|c| c.is_empty() || c.bytes().any(|b| b <= b' ' || b >= 0x7f))
    {
        fail!(Error::Header {
            offset: h.value_offset(),
            name: "Call-ID",
            reason: "not a word [@ word]",
        });
    }
    check!(m.from());
    check!(m.to());
    check!(m.max_forwards());
    // List headers read on past a bad element, so each bad element of another header
    // line is a report of its own (one per line, as above); the Via limit is one report.
    let mut vias = 0;
    for v in m.vias() {
        if let Err(e) = v {
            fail!(e);
            continue;
        }
        vias += 1;
        if vias == parser.get_limits().max_vias().saturating_add(1) {
            fail!(Error::Limit {
                offset: m.find(names::VIA).map_or(0, |h| h.value_offset()),
                limit: "max_vias",
                max: parser.get_limits().max_vias(),
            });
        }
    }
    let mut wildcard = false;
    let mut contacts = 0;
    let mut second_contact = None;
    let mut list = m.contacts();
    while let Some(c) = list.next() {
        let c = match c {
            Ok(c) => c,
            Err(e) => {
                fail!(e);
                continue;
            }
        };
        match c {
            Contact::Wildcard => wildcard = true,
            Contact::Addr(na) => {
                let at = list.offset().unwrap_or(0);
                let bad = |e: Error| match e {
                    Error::Syntax { reason, .. } => Error::Header {
                        offset: at,
                        name: "Contact",
                        reason,
                    },
                    other => other,
                };
                check!(na.expires().map_err(bad));
                check!(na.q().map_err(bad));
            }
        }
        contacts += 1;
        if contacts == 2 {
            second_contact = list.offset();
        }
    }
    if wildcard && contacts > 1 {
        fail!(Error::Invalid {
            offset: m.find(names::CONTACT).map_or(0, |h| h.value_offset()),
            reason: "Contact '*' combined with other Contact values",
        });
    } else if let Some(offset) = second_contact
        && creates_dialog(m)
    {
        fail!(Error::Invalid {
            offset,
            reason: DIALOG_CONTACTS,
        });
    }
    // Route and Record-Route (RFC 3261 section 25.1), Diversion (RFC 5806) and
    // History-Info (RFC 7044) hold a name-addr: the URI in angle brackets.
    for (mut list, name) in [(m.routes(), "Route"), (m.record_routes(), "Record-Route")] {
        while let Some(r) = list.next() {
            match r {
                Err(e) => fail!(e),
                Ok(r) if !r.angle => fail!(not_name_addr(list.offset(), name)),
                Ok(_) => {}
            }
        }
    }
    for r in m
        .p_asserted_identities()
        .chain(m.p_preferred_identities())
        .chain(m.remote_party_ids())
    {
        if let Err(e) = r {
            fail!(e);
        }
    }
    let mut list = m.diversions();
    while let Some(d) = list.next() {
        match d {
            Err(e) => fail!(e),
            Ok(d) if !d.addr.angle => fail!(not_name_addr(list.offset(), "Diversion")),
            Ok(_) => {}
        }
    }
    let mut list = m.history_info();
    while let Some(h) = list.next() {
        match h {
            Err(e) => fail!(e),
            Ok(h) if !h.addr.angle => fail!(not_name_addr(list.offset(), "History-Info")),
            // RFC 7044 section 10.1: every entry has an index.
            Ok(h) if h.index.is_none() => fail!(Error::Header {
                offset: list.offset().unwrap_or(0),
                name: "History-Info",
                reason: "entry without an index",
            }),
            Ok(_) => {}
        }
    }
    for i in m.identities() {
        if let Err(e) = i {
            fail!(e);
        }
    }
    check!(m.privacy());
    check!(m.p_charging_vector());
    check!(m.content_type());
    check!(m.expires());
    check!(m.min_expires());
    for list in [
        m.allow(),
        m.supported(),
        m.require(),
        m.proxy_require(),
        m.unsupported(),
    ] {
        for t in list {
            if let Err(e) = t {
                fail!(e);
            }
        }
    }
    for a in m
        .www_authenticate()
        .chain(m.proxy_authenticate())
        .chain(m.authorization())
        .chain(m.proxy_authorization())
    {
        if let Err(e) = a {
            fail!(e);
        }
    }
    check!(m.event());
    check!(m.subscription_state());
    check!(m.rseq());
    check!(m.rack());
    check!(m.session_expires());
    check!(m.min_se());
    for r in m.reasons() {
        if let Err(e) = r {
            fail!(e);
        }
    }
    check!(m.refer_to());
    if let Some(h) = m.find(names::DATE) {
        check!(crate::headers::parse_date(h.value(), h.value_offset()).map(drop));
    }
    if let Some(h) = m.find(names::RETRY_AFTER) {
        check!(check_retry_after(h.value(), h.value_offset()));
    }
    for h in m.all(names::WARNING) {
        check!(check_warning(h.value(), h.value_offset()));
    }
}

/// RFC 3261 25.1: a header value is UTF-8 text (`TEXT-UTF8`, quoted strings and tokens
/// alike) in which the only control characters are HTAB and the CRLF of a folded line
/// (CRLF followed by SP or HTAB; a bare LF is allowed there in lenient mode, which the
/// split has already vetted). NUL, other CTLs, DEL and a bare CR are errors at their byte,
/// except escaped as a `quoted-pair` inside a quoted string.
fn check_header_text(v: &[u8], at: usize) -> Result<()> {
    let mut i = 0;
    let mut quoted = false;
    while i < v.len() {
        let c = v[i];
        if c == b'"' {
            quoted = !quoted;
        } else if quoted
            && c == b'\\'
            && v.get(i + 1)
                .is_some_and(|&e| e < 0x80 && e != b'\r' && e != b'\n')
        {
            // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F): an escaped control
            // character is allowed. A backslash before anything else is plain text (an
            // extension header's value has no quoted strings).
            i += 2;
            continue;
        }
        let folded = match c {
            b'\r' => v.get(i + 1) == Some(&b'\n') && matches!(v.get(i + 2), Some(b' ' | b'\t')),
            b'\n' => matches!(v.get(i + 1), Some(b' ' | b'\t')),
            _ => true,
        };
        if !folded {
            return Err(Error::Invalid {
                offset: at + i,
                reason: "line end inside a header value that is not a folded line",
            });
        }
        if (c < 0x20 && !matches!(c, b'\t' | b'\r' | b'\n')) || c == 0x7f {
            return Err(Error::Invalid {
                offset: at + i,
                reason: "control character in header value",
            });
        }
        i += 1;
    }
    if let Err(e) = std::str::from_utf8(v) {
        return Err(Error::Invalid {
            offset: at + e.valid_up_to(),
            reason: "header value is not UTF-8",
        });
    }
    Ok(())
}

/// An address of `name` written as an addr-spec where its grammar has a name-addr.
fn not_name_addr(offset: Option<usize>, name: &'static str) -> Error {
    Error::Header {
        offset: offset.unwrap_or(0),
        name,
        reason: "address not in angle brackets (a name-addr)",
    }
}

/// What the check reports for a second Contact value where one is the dialog's target.
const DIALOG_CONTACTS: &str =
    "more than one Contact in a message that creates a dialog (RFC 3261 8.1.1.8, 12.1.1)";

/// Whether `m` can create a dialog, so that its Contact is the one remote target of
/// the dialog (RFC 3261 8.1.1.8 and 12.1.1; RFC 6665 for SUBSCRIBE and NOTIFY, RFC 3515
/// for REFER): a request of those methods, or a 101-299 response to one (a 3xx lists
/// the places to try instead, as many as it likes).
fn creates_dialog(m: &Message<'_>) -> bool {
    let dialog_method =
        |method: &str| matches!(method, "INVITE" | "SUBSCRIBE" | "NOTIFY" | "REFER");
    match (m.method(), m.status()) {
        (Some(method), _) => dialog_method(method),
        (None, Some(101..=299)) => m
            .cseq()
            .ok()
            .flatten()
            .is_some_and(|c| dialog_method(c.method)),
        _ => false,
    }
}

fn single_reason(key: Key<'static>) -> &'static str {
    match key.long {
        "To" => "To header appears more than once",
        "From" => "From header appears more than once",
        "Call-ID" => "Call-ID header appears more than once",
        "CSeq" => "CSeq header appears more than once",
        "Max-Forwards" => "Max-Forwards header appears more than once",
        "Content-Length" => "Content-Length header appears more than once",
        "Content-Type" => "Content-Type header appears more than once",
        _ => "single-valued header appears more than once",
    }
}

fn check_retry_after(v: &[u8], at: usize) -> Result<()> {
    let digits = v.iter().take_while(|c| c.is_ascii_digit()).count();
    let n = std::str::from_utf8(&v[..digits])
        .ok()
        .and_then(|d| d.parse::<u32>().ok());
    if digits == 0 || n.is_none() {
        return Err(Error::Header {
            offset: at,
            name: "Retry-After",
            reason: "not delta-seconds within 32 bits",
        });
    }
    Ok(())
}

fn check_warning(v: &[u8], at: usize) -> Result<()> {
    for part in crate::headers::split_commas(&String::from_utf8_lossy(v)) {
        let code = part.split(' ').next().unwrap_or("");
        if code.len() != 3 || !code.bytes().all(|c| c.is_ascii_digit()) {
            return Err(Error::Header {
                offset: at,
                name: "Warning",
                reason: "warn-code must be three digits",
            });
        }
    }
    Ok(())
}

/// The part of a message a [`Diagnostic`] points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Place {
    /// The start line.
    StartLine,
    /// The header at this index in wire order (see [`Message::headers`]).
    Header(usize),
    /// The header section as a whole (a missing mandatory header).
    Headers,
    /// The body.
    Body,
}

/// A problem confined to one part of a message that was read anyway: where it is and the
/// typed error the strict [`check`] reports for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The part of the message at fault.
    pub place: Place,
    /// The problem, with its byte offset from the start of the input buffer.
    pub error: Error,
}

impl Diagnostic {
    /// The byte offset of the problem in the input buffer.
    pub fn offset(&self) -> usize {
        self.error.offset()
    }

    /// What is wrong.
    pub fn reason(&self) -> String {
        self.error.reason()
    }
}

impl<'a> Message<'a> {
    /// Every problem [`check_with`] `parser` would find in this message, each placed in
    /// the start line, a header, the header section or the body, in message order. A
    /// reader that only needs some headers can use the message and show these; the typed
    /// accessor of a header at fault returns the same error. Headers are read as `parser`
    /// reads them: a message split leniently and diagnosed with `Parser::new()` lists
    /// every quirk the lenient read accepted in its headers (and any framing problem it
    /// read past).
    ///
    /// ```
    /// let wire = b"OPTIONS sip:carol@example.com SIP/2.0\r\n\
    /// Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1\r\n\
    /// From: sip:a@example.com;tag=7618c7618^\r\n\
    /// To: <sip:carol@example.com>\r\nCall-ID: a84b\r\nCSeq: 1 OPTIONS\r\n\r\n";
    /// let parser = sip_core::Parser::new();
    /// let mut slots = Vec::new();
    /// let m = parser.parse_datagram(wire, &mut slots)?;
    /// assert_eq!(m.call_id(), Some("a84b")); // read, although From is at fault
    /// let d = m.diagnostics(&parser);
    /// assert_eq!(d.len(), 1);
    /// assert_eq!(d[0].place, sip_core::Place::Header(1));
    /// assert!(m.from().is_err());
    /// # Ok::<(), sip_core::Error>(())
    /// ```
    pub fn diagnostics(&self, parser: &Parser) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // The headers are read as strictly as `parser` says, however the message was
        // split: a lenient read checked with `Parser::new()` lists what it read past.
        let mut view = *self;
        view.layout.quirks = parser.get_quirks();
        // Line ends before the start line, which only a more lenient split skipped.
        for error in self.leading_errors(parser).into_iter().flatten() {
            out.push(Diagnostic {
                place: Place::StartLine,
                error,
            });
        }
        walk(&view, parser, &mut |error| {
            out.push(Diagnostic {
                place: self.place_of_error(&error),
                error,
            });
        });
        // What only a more lenient split accepted (LF-only lines, extra spaces in the
        // start line, a line that is not a header): the first error of a split as
        // strict as `parser`, unless the walk already reported it.
        if self.layout.quirks != parser.get_quirks() {
            let mut slots = Vec::new();
            let split = parser
                .limits(self.layout.limits)
                .parse(self.buf, &mut slots);
            if let Err(e) = split {
                let error = e.shifted(self.abs(0));
                if !out.iter().any(|d| d.error == error) {
                    out.push(Diagnostic {
                        place: self.place_of_error(&error),
                        error,
                    });
                }
            }
        }
        // The walk reports in the order of its checks (the text of every header, then
        // message rules, then typed readings): listed in message order.
        out.sort_by_key(Diagnostic::offset);
        out
    }

    /// The part of the message holding the absolute byte `offset` (an offset from the
    /// start of the input buffer, as errors carry). The start line's line end belongs to
    /// the start line, a header's line end to the header; the end of a datagram cut
    /// inside its header section belongs to the header section, not to a body.
    pub fn place_of(&self, offset: usize) -> Place {
        let rel = offset.saturating_sub(self.abs(0));
        let spans = self.header_spans();
        let start_line_to = spans
            .first()
            .map_or(self.layout.headers_end as usize, |s| s.line_range().start);
        if rel < start_line_to.max(self.start_line_bytes().len()) {
            return Place::StartLine;
        }
        // A header section that the input ended (a datagram cut before its empty line)
        // has an empty body after it: its last offset is the end of the headers.
        let cut = self.layout.body_start == self.layout.headers_end;
        if offset >= self.body_offset() && !(cut && self.body().is_empty()) {
            return Place::Body;
        }
        // Spans are in wire order and do not overlap: the last one starting at or before.
        let i = spans.partition_point(|s| s.line_range().start <= rel);
        match i.checked_sub(1).map(|i| (i, &spans[i])) {
            Some((i, s)) if rel < s.line_range().end => Place::Header(i),
            _ => Place::Headers,
        }
    }

    /// The part of the message `error` is about: where its offset lies, except for a
    /// start line or a header section that a split found unterminated, which it reports
    /// at the end of the input (past the body that a more lenient split saw).
    fn place_of_error(&self, error: &Error) -> Place {
        match error {
            Error::Syntax { reason, .. } if *reason == START_LINE_UNTERMINATED => Place::StartLine,
            Error::Syntax { reason, .. } if *reason == HEADERS_UNTERMINATED => Place::Headers,
            Error::Header { offset, .. } => {
                // A typed reading can fail just past its value's last byte ("expected
                // '/'" when the value ends early). In a datagram cut inside its last
                // header, that is the end of the input, which `place_of` counts as the
                // body: the header whose value reaches it is the place.
                let rel = offset.saturating_sub(self.abs(0));
                let spans = self.header_spans();
                let i = spans.partition_point(|s| s.value_range().start <= rel);
                match i.checked_sub(1) {
                    Some(i) if rel <= spans[i].value_range().end => Place::Header(i),
                    _ => self.place_of(*offset),
                }
            }
            _ => self.place_of(error.offset()),
        }
    }
}
