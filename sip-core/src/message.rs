//! Framing and the zero-copy split of a SIP message into start line, raw headers and body.

use std::borrow::Cow;

use memchr::memchr;

use crate::Quirk;
use crate::error::{Error, Result, syntax};
use crate::limits::Limits;
use crate::names::{self, Key, TOKEN};

/// How the end of a message is found (RFC 3261 section 18.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Framing {
    /// One message per buffer (UDP): a missing Content-Length means "the rest of the
    /// datagram"; bytes after the body are ignored; a short body is an error.
    #[default]
    Datagram,
    /// A byte stream (TCP, TLS): CRLFs before the start line are skipped (keep-alives),
    /// Content-Length is required, and incomplete input gives [`Status::Partial`].
    Stream,
}

/// The outcome of parsing a buffer that may hold only part of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status<T> {
    /// A whole message was found.
    Complete(T),
    /// More bytes are needed (stream framing only).
    Partial,
}

impl<T> Status<T> {
    /// The message, if complete.
    pub fn complete(self) -> Option<T> {
        match self {
            Status::Complete(t) => Some(t),
            Status::Partial => None,
        }
    }
}

/// Where one header sits inside its message: offsets from the first byte of the
/// start line. The same spans serve the borrowed [`Message`] and the owned
/// [`crate::SipMessage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HeaderSpan {
    name_start: u32,
    name_end: u32,
    value_start: u32,
    value_end: u32,
    line_end: u32,
    /// The number of the name among the headers read typed ([`names::classify`]).
    id: u8,
}

impl HeaderSpan {
    /// A line kept as a header without a name: its text from `start` to `value_end` is
    /// the value, the next line starts at `line_end`.
    fn nameless(start: usize, value_end: usize, line_end: usize) -> Self {
        HeaderSpan {
            name_start: start as u32,
            name_end: start as u32,
            value_start: start as u32,
            value_end: value_end as u32,
            line_end: line_end as u32,
            id: 0,
        }
    }

    /// Byte range of the name.
    pub fn name_range(&self) -> std::ops::Range<usize> {
        self.name_start as usize..self.name_end as usize
    }
    /// Byte range of the value (leading and trailing whitespace excluded, folding kept).
    pub fn value_range(&self) -> std::ops::Range<usize> {
        self.value_start as usize..self.value_end as usize
    }
    /// Byte range of the whole header line(s), including the final CRLF.
    pub fn line_range(&self) -> std::ops::Range<usize> {
        self.name_start as usize..self.line_end as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StartSpans {
    Request {
        method: (u32, u32),
        uri: (u32, u32),
        version: (u32, u32),
    },
    Response {
        version: (u32, u32),
        code: u16,
        reason: (u32, u32),
    },
}

/// Everything the split learns besides the header spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Offset of the message in the input buffer (after skipped CRLFs).
    pub(crate) base: usize,
    pub(crate) len: u32,
    pub(crate) start: StartSpans,
    pub(crate) start_line_end: u32,
    /// Offset of the empty line that ends the headers.
    pub(crate) headers_end: u32,
    pub(crate) body_start: u32,
    pub(crate) content_length: Option<u32>,
    /// Offset of a second Content-Length that disagrees with the first.
    pub(crate) conflicting_length: Option<u32>,
    /// A framing problem the lenient datagram split read past: the offset (in the
    /// message), the header at fault if any, and what the strict split reports there.
    pub(crate) framing_problem: Option<(u32, Option<&'static str>, &'static str)>,
    pub(crate) quirks: crate::Quirks,
    /// Whether the first line end skipped before the start line (`base > 0`) is a lone
    /// LF rather than CRLF: a strict datagram split reports a different error for it.
    pub(crate) leading_lf: bool,
    /// Whether a UTF-8 byte order mark before the start line was skipped
    /// ([`Quirk::ByteOrderMark`]); the line ends skipped after it start at byte 3.
    pub(crate) bom: bool,
    /// The limits the message was read under, kept so that an edit re-reads it under
    /// the same limits.
    pub(crate) limits: crate::Limits,
    /// Where the known headers are.
    pub(crate) index: Index,
}

/// How many ids [`Index`] keeps the first and last line of: those of Via to
/// Content-Length, the headers read typed on most messages (id 0, unknown names, is
/// not kept).
const INDEXED: usize = names::CONTENT_LENGTH.id as usize + 1;

/// Which known header names a message has, and on which lines the first and last of the
/// most read ones are: a typed accessor goes straight to its lines, and one of a header
/// the message does not have looks at none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Index {
    /// Bit `id` set when a line has that id ([`names::classify`]).
    present: u64,
    /// Line number plus one of the first and last line of each indexed id: 0 when there
    /// is none, `u8::MAX` when the number does not fit in a byte.
    first: [u8; INDEXED],
    last: [u8; INDEXED],
}

const _: () = assert!(
    names::KNOWN_COUNT < 64,
    "Index::present holds one bit per id"
);

impl Index {
    /// Records that line `line` has id `id`.
    #[inline]
    fn note(&mut self, id: u8, line: usize) {
        self.present |= 1 << id;
        if let (Some(first), Some(last)) = (
            self.first.get_mut(id as usize),
            self.last.get_mut(id as usize),
        ) {
            let n = u8::try_from(line + 1).unwrap_or(u8::MAX);
            if *first == 0 {
                *first = n;
            }
            *last = n;
        }
    }

    /// The line of the first header with id `id`, for an indexed id other than 0 whose
    /// line number fits the index; `None` otherwise (also when there is no such line).
    #[inline]
    pub(crate) fn first_line(&self, id: u8) -> Option<usize> {
        match self.first.get(usize::from(id)) {
            Some(&n) if id != 0 && n != 0 && n != u8::MAX => Some(usize::from(n) - 1),
            _ => None,
        }
    }

    /// The lines, of `total`, that can hold a header with id `id` (0: any line).
    #[inline]
    pub(crate) fn lines(&self, id: u8, total: usize) -> std::ops::Range<usize> {
        if id == 0 {
            return 0..total;
        }
        if self.present & (1 << id) == 0 {
            return 0..0;
        }
        let (Some(&first), Some(&last)) = (self.first.get(id as usize), self.last.get(id as usize))
        else {
            return 0..total;
        };
        // A present indexed id has a first line; `u8::MAX` stands for a line number too
        // large for a byte.
        let start = if first == u8::MAX {
            0
        } else {
            usize::from(first) - 1
        };
        let end = if last == u8::MAX {
            total
        } else {
            usize::from(last).min(total)
        };
        start..end
    }
}

/// Parses SIP messages with the chosen framing, strictness and limits.
///
/// The parser writes header positions into a caller-owned `Vec<HeaderSpan>`; reusing
/// that vector makes the split free of allocations.
///
/// ```
/// use sip_core::{Parser, Status};
/// let mut slots = Vec::new();
/// let wire = b"OPTIONS sip:a@example.com SIP/2.0\r\nCall-ID: x1\r\nContent-Length: 0\r\n\r\n";
/// let msg = Parser::new().parse_datagram(wire, &mut slots)?;
/// assert_eq!(msg.method(), Some("OPTIONS"));
/// assert_eq!(msg.header("i").map(|h| h.value()), Some(&b"x1"[..]));
/// // A stream that has delivered only part of the message asks for more.
/// let status = Parser::new().stream().parse(&wire[..40], &mut slots)?;
/// assert!(matches!(status, Status::Partial));
/// # Ok::<(), sip_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Parser {
    limits: Limits,
    framing: Framing,
    quirks: crate::Quirks,
}

impl Parser {
    /// A strict datagram parser with default limits.
    pub fn new() -> Self {
        Self::default()
    }
    /// Uses stream framing (TCP/TLS).
    #[must_use]
    pub fn stream(mut self) -> Self {
        self.framing = Framing::Stream;
        self
    }
    /// Sets the framing.
    #[must_use]
    pub fn framing(mut self, framing: Framing) -> Self {
        self.framing = framing;
        self
    }
    /// Lenient mode accepts quirks seen in real traffic that RFC 3261 forbids:
    /// LF-only line ends, CRLFs before a datagram's start line, several spaces between
    /// start-line elements and trailing whitespace after it, `""name""` display names,
    /// a doubled `sip:sip:` scheme, and whitespace just inside `<` and `>`.
    #[must_use]
    pub fn lenient(mut self, on: bool) -> Self {
        self.quirks = if on {
            crate::Quirks::ALL
        } else {
            crate::Quirks::NONE
        };
        self
    }
    /// Sets the limits.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
    /// The limits in force.
    pub fn get_limits(&self) -> &Limits {
        &self.limits
    }
    /// Whether lenient mode is on.
    pub fn is_lenient(&self) -> bool {
        !self.quirks.is_empty()
    }
    /// Whether this parser uses stream framing.
    pub(crate) fn is_stream(&self) -> bool {
        self.framing == Framing::Stream
    }

    /// Accepts exactly `quirks` (see [`crate::Quirk`]); [`Parser::lenient`] is
    /// [`crate::Quirks::ALL`] or [`crate::Quirks::NONE`].
    pub fn quirks(mut self, quirks: crate::Quirks) -> Self {
        self.quirks = quirks;
        self
    }

    /// The quirks this parser accepts.
    pub fn get_quirks(&self) -> crate::Quirks {
        self.quirks
    }

    /// Splits one message from `input` in a single pass, recording header positions in
    /// `slots` (cleared first). Nothing is copied; the message borrows `input` and
    /// `slots`.
    ///
    /// # Errors
    /// A typed [`Error`] with the byte offset (from the start of `input`) for input that
    /// is not a SIP message or exceeds the limits.
    pub fn parse<'a>(
        &self,
        input: &'a [u8],
        slots: &'a mut Vec<HeaderSpan>,
    ) -> Result<Status<Message<'a>>> {
        slots.clear();
        match split(input, self, slots)? {
            Status::Complete(layout) => {
                let buf = &input[layout.base..layout.base + layout.len as usize];
                Ok(Status::Complete(Message::new(
                    buf,
                    slots.as_slice(),
                    layout,
                )))
            }
            Status::Partial => Ok(Status::Partial),
        }
    }

    /// Reads `input` as one whole datagram (a UDP payload, a file, a captured frame):
    /// the message, never [`Status::Partial`]. Input cut short is an error at its end.
    /// Stream framing set on this parser is ignored here; use [`Parser::parse`] on a
    /// stream.
    ///
    /// ```
    /// let wire = b"OPTIONS sip:carol@example.com SIP/2.0\r\nCall-ID: a84b\r\n\r\n";
    /// let mut slots = Vec::new();
    /// let m = sip_core::Parser::new().parse_datagram(wire, &mut slots)?;
    /// assert_eq!(m.call_id(), Some("a84b"));
    /// # Ok::<(), sip_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Parser::parse`].
    pub fn parse_datagram<'a>(
        &self,
        input: &'a [u8],
        slots: &'a mut Vec<HeaderSpan>,
    ) -> Result<Message<'a>> {
        let datagram = Parser {
            framing: Framing::Datagram,
            ..*self
        };
        match datagram.parse(input, slots)? {
            Status::Complete(m) => Ok(m),
            // Datagram framing never asks for more input; kept as an error, not a panic.
            Status::Partial => Err(syntax(input.len(), "incomplete message")),
        }
    }

    /// Parses one message from `input` into an owned [`crate::SipMessage`] that shares
    /// `input`'s memory (no copy of the bytes).
    ///
    /// # Errors
    /// As [`Parser::parse`].
    pub fn parse_bytes(&self, input: &bytes::Bytes) -> Result<Status<crate::SipMessage>> {
        let mut slots = Vec::new();
        match split(input, self, &mut slots)? {
            Status::Complete(layout) => {
                let bytes = input.slice(layout.base..layout.base + layout.len as usize);
                Ok(Status::Complete(crate::SipMessage::from_parts(
                    bytes, slots, layout,
                )))
            }
            Status::Partial => Ok(Status::Partial),
        }
    }
}

/// What the split reports when no line end follows the start line.
pub(crate) const START_LINE_UNTERMINATED: &str = "start line is not terminated";
/// What the split reports when no empty line ends the header section.
pub(crate) const HEADERS_UNTERMINATED: &str = "header section is not terminated by an empty line";
/// What the split reports for a line that ends the start line before any text.
const EMPTY_START_LINE: &str = "empty start line";
/// The UTF-8 byte order mark that text files saved by some editors start with.
const BYTE_ORDER_MARK: &[u8] = b"\xef\xbb\xbf";
/// How many bytes a byte order mark before the start line takes (`bom`: whether there
/// is one).
fn mark_len(bom: bool) -> usize {
    if bom { BYTE_ORDER_MARK.len() } else { 0 }
}
/// What a split without [`Quirk::ByteOrderMark`] reports for a byte order mark.
const BYTE_ORDER_MARK_FIRST: &str = "byte order mark before the start line";
/// What the split reports for a lone LF where CRLF is required.
const LF_WITHOUT_CR: &str = "line ends with LF without CR";

const SP: u8 = b' ';
const HTAB: u8 = b'\t';

#[inline]
fn is_wsp(c: u8) -> bool {
    c == SP || c == HTAB
}

/// Finds the end of the line starting at `from`: (end of content, start of next line).
/// `Ok(None)` when no line end is within `window`. A lone LF ends a line when
/// `lf_alone`, a lone CR when `cr_alone` ([`Quirk::CrLineEnds`]).
#[inline]
fn line_end(
    buf: &[u8],
    from: usize,
    window: usize,
    (lf_alone, cr_alone): (bool, bool),
    base: usize,
) -> Result<Option<(usize, usize)>> {
    let stop = window.min(buf.len());
    if from >= stop {
        return Ok(None);
    }
    if cr_alone {
        return Ok(match memchr::memchr2(b'\r', b'\n', &buf[from..stop]) {
            Some(i) => {
                let at = from + i;
                match (buf[at], buf.get(at + 1)) {
                    // A line end that runs past the window is none within it.
                    (b'\r', Some(b'\n')) if at + 2 > stop => return Ok(None),
                    (b'\r', Some(b'\n')) => Some((at, at + 2)),
                    // CR CR LF is one line end with a stray CR, not a line and an
                    // empty line (which would end the headers there).
                    (b'\r', Some(b'\r')) if buf.get(at + 2) == Some(&b'\n') => {
                        if at + 3 > stop {
                            return Ok(None);
                        }
                        Some((at, at + 3))
                    }
                    // A CR as the last byte ends the line too: on a stream the parse
                    // then asks for more and reads again with what follows.
                    (b'\r', _) => Some((at, at + 1)),
                    _ if lf_alone => Some((at, at + 1)),
                    _ => return Err(syntax(base + at, LF_WITHOUT_CR)),
                }
            }
            None => None,
        });
    }
    match memchr(b'\n', &buf[from..stop]) {
        Some(i) => {
            let lf = from + i;
            if lf > from && buf[lf - 1] == b'\r' {
                Ok(Some((lf - 1, lf + 1)))
            } else if lf_alone {
                Ok(Some((lf, lf + 1)))
            } else {
                Err(syntax(base + lf, LF_WITHOUT_CR))
            }
        }
        None => Ok(None),
    }
}

fn split(input: &[u8], p: &Parser, slots: &mut Vec<HeaderSpan>) -> Result<Status<Layout>> {
    split_with(input, p, slots, true)
}

/// The Content-Length a split has read: the first value, and where a second header
/// that disagrees with it starts.
#[derive(Debug, Default)]
struct Lengths {
    first: Option<u32>,
    conflicting: Option<u32>,
}

impl Lengths {
    fn note(&mut self, n: u32, name_start: usize) {
        match self.first {
            None => self.first = Some(n),
            Some(m) if m != n && self.conflicting.is_none() => {
                self.conflicting = Some(name_start as u32);
            }
            Some(_) => {}
        }
    }
}

/// The header name at `pos`, within the line limit: a known one read a word at a time
/// (its length and id; it needs no byte-wise check), and the length of the run of token
/// bytes there (that of the known name, 0 when the line starts with no token byte).
#[inline(always)]
fn header_name(
    buf: &[u8],
    pos: usize,
    window: usize,
    lim: &Limits,
) -> (Option<(usize, u8)>, usize) {
    let line_stop = buf
        .len()
        .min(window)
        .min(pos.saturating_add(lim.max_header_len));
    let line = &buf[pos..line_stop];
    let known = names::known_name_before_colon(line);
    let len = match known {
        Some((len, _)) => len,
        None => line
            .iter()
            .position(|&b| !TOKEN[b as usize])
            .unwrap_or(line.len()),
    };
    (known, len)
}

/// The value from `start` to `end` without the whitespace and line ends (of folding)
/// around it: its start and end.
#[inline(always)]
fn trimmed(buf: &[u8], start: usize, end: usize) -> (usize, usize) {
    let mut vs = start;
    while vs < end && matches!(buf[vs], SP | HTAB | b'\r' | b'\n') {
        vs += 1;
    }
    let mut ve = end;
    while ve > vs && matches!(buf[ve - 1], SP | HTAB | b'\r' | b'\n') {
        ve -= 1;
    }
    (vs, ve)
}

/// Reads, from `pos`, the header lines written the way nearly all are: a name followed
/// directly by its colon, a value, CRLF within the line limit, and a next line that
/// does not continue it (`Quirk::CrLineEnds`, `cr`: no lone CR in the value either).
/// Each is read exactly as the general loop of [`split_with`] reads it; the offset of
/// the first line it leaves to that loop (the empty line that ends the headers, a
/// folded or cut line, anything the loop reports) is returned. One small function
/// keeps the common lines' state in registers.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn plain_lines(
    buf: &[u8],
    mut pos: usize,
    window: usize,
    cr: bool,
    lim: &Limits,
    slots: &mut Vec<HeaderSpan>,
    index: &mut Index,
    lengths: &mut Lengths,
) -> usize {
    loop {
        let name_start = pos;
        match buf.get(pos) {
            Some(&b) if !matches!(b, b'\r' | b'\n' | SP | HTAB) => {}
            _ => return name_start,
        }
        let (known, name_len) = header_name(buf, pos, window, lim);
        let colon = pos + name_len;
        if name_len == 0 || buf.get(colon) != Some(&b':') {
            return name_start;
        }
        let value_region = colon + 1;
        let header_window = window.min(
            name_start
                .saturating_add(lim.max_header_len)
                .saturating_add(2),
        );
        let stop = header_window.min(buf.len());
        if value_region >= stop {
            return name_start;
        }
        let hay = &buf[value_region..stop];
        // The line end as `line_end` finds it, CRLF only.
        let raw_end = if cr {
            match memchr::memchr2(b'\r', b'\n', hay) {
                Some(i) if hay[i] == b'\r' && hay.get(i + 1) == Some(&b'\n') => value_region + i,
                _ => return name_start,
            }
        } else {
            match memchr(b'\n', hay) {
                Some(i) if i > 0 && hay[i - 1] == b'\r' => value_region + i - 1,
                _ => return name_start,
            }
        };
        let next = raw_end + 2;
        match buf.get(next) {
            Some(&b) if !is_wsp(b) => {}
            _ => return name_start,
        }
        let (vs, ve) = trimmed(buf, value_region, raw_end);
        let id = match known {
            Some((_, id)) => id,
            None => names::classify(&buf[name_start..colon]),
        };
        if slots.len() >= lim.max_headers {
            return name_start;
        }
        if id == names::CONTENT_LENGTH.id {
            // A value that is not a length is the general loop's to report or read past.
            let Ok(n) = parse_content_length(&buf[vs..ve], 0) else {
                return name_start;
            };
            lengths.note(n, name_start);
        }
        index.note(id, slots.len());
        slots.push(HeaderSpan {
            name_start: name_start as u32,
            name_end: colon as u32,
            value_start: vs as u32,
            value_end: ve as u32,
            line_end: next as u32,
            id,
        });
        pos = next;
    }
}

/// [`split`]; `plain`: whether header lines of the usual shape are read by
/// [`plain_lines`] (off only where a check compares both ways).
#[inline(always)]
fn split_with(
    input: &[u8],
    p: &Parser,
    slots: &mut Vec<HeaderSpan>,
    plain: bool,
) -> Result<Status<Layout>> {
    let stream = p.framing == Framing::Stream;
    let quirk = |q: Quirk| p.quirks.contains(q);
    let lf = quirk(Quirk::LfLineEnds);
    let cr = quirk(Quirk::CrLineEnds);
    let ends = (lf, cr);
    let lim = &p.limits;
    // A byte order mark of a text file: skipped with its quirk, an error of its own
    // otherwise (a strict reading would call it a bad method).
    let bom = !stream && input.starts_with(BYTE_ORDER_MARK);
    if bom && !quirk(Quirk::ByteOrderMark) {
        return Err(syntax(0, BYTE_ORDER_MARK_FIRST));
    }
    let mark = mark_len(bom);
    // Skip CRLFs before the start line: keep-alives on streams (RFC 3261 7.5), and
    // stray line ends with the leading-line-ends quirk.
    let mut base = mark;
    if stream || quirk(Quirk::LeadingLineEnds) {
        loop {
            let rest = &input[base..];
            if rest.starts_with(b"\r\n") {
                base += 2;
            } else if quirk(Quirk::LeadingLineEnds) && rest.first() == Some(&b'\n') {
                base += 1;
            } else if stream && rest == b"\r" {
                return Ok(Status::Partial);
            } else {
                break;
            }
        }
    }
    let buf = &input[base..];
    if buf.is_empty() {
        return if stream {
            Ok(Status::Partial)
        } else {
            Err(syntax(base, "empty message"))
        };
    }
    let window = lim.max_message_size.min(u32::MAX as usize);
    let need_more = |pos: usize, what: &'static str| -> Result<Status<Layout>> {
        if buf.len() >= window || pos >= window {
            Err(Error::Limit {
                offset: base + pos.min(buf.len()),
                limit: "max_message_size",
                max: lim.max_message_size,
            })
        } else if stream {
            Ok(Status::Partial)
        } else {
            Err(syntax(base + pos, what))
        }
    };

    // Start line.
    let line_window = window.min(lim.max_header_len.saturating_add(2));
    let Some((sl_end, mut pos)) = line_end(buf, 0, line_window, ends, base)? else {
        if buf.len() >= line_window && line_window < window {
            return Err(Error::Limit {
                offset: base,
                limit: "max_header_len",
                max: lim.max_header_len,
            });
        }
        return need_more(buf.len(), START_LINE_UNTERMINATED);
    };
    let start = parse_start_line(
        &buf[..sl_end],
        quirk(Quirk::StartLineSpaces),
        quirk(Quirk::SpaceInRequestUri),
        base,
    )?;

    let mut lengths = Lengths::default();
    let mut index = Index::default();
    // With the datagram-framing quirk these are read past, the first one noted.
    let tolerate = quirk(Quirk::DatagramFraming) && !stream;
    let mut framing_problem: Option<(u32, Option<&'static str>, &'static str)> = None;
    let headers_end;
    let body_start;
    loop {
        if plain {
            pos = plain_lines(buf, pos, window, cr, lim, slots, &mut index, &mut lengths);
        }
        if pos >= buf.len() {
            if tolerate && pos == buf.len() && pos <= window && !slots.is_empty() {
                // The datagram ends right after a header line (captures cut the empty
                // line): the headers end here and there is no body.
                framing_problem.get_or_insert((pos as u32, None, HEADERS_UNTERMINATED));
                headers_end = pos;
                body_start = pos;
                break;
            }
            return need_more(pos, HEADERS_UNTERMINATED);
        }
        let b = buf[pos];
        if b == b'\r' {
            if pos + 1 >= buf.len() {
                if cr && !stream {
                    // The datagram's last byte: an empty line ended by CR alone.
                    headers_end = pos;
                    body_start = pos + 1;
                    break;
                }
                return need_more(pos, HEADERS_UNTERMINATED);
            }
            if buf[pos + 1] == b'\n' {
                headers_end = pos;
                body_start = pos + 2;
                break;
            }
            if cr {
                // An empty line ended by CR alone, or CR CR LF (one line end with a
                // stray CR, as in `line_end`).
                headers_end = pos;
                body_start = if buf.get(pos + 1..pos + 3) == Some(b"\r\n") {
                    pos + 3
                } else {
                    pos + 1
                };
                break;
            }
            return Err(syntax(base + pos, "CR without LF"));
        }
        if b == b'\n' {
            if lf {
                headers_end = pos;
                body_start = pos + 1;
                break;
            }
            return Err(syntax(base + pos, LF_WITHOUT_CR));
        }
        if is_wsp(b) {
            return Err(syntax(base + pos, "continuation line without a header"));
        }
        let name_start = pos;
        // Fast path: a token directly followed by the colon. Names are short: a scan
        // of their token bytes finds the colon sooner than a vector search would start.
        // Anything else (whitespace before the colon, no colon, no name) takes the
        // slow path, which says what is wrong.
        let (known, name_len) = header_name(buf, pos, window, lim);
        let colon = pos + name_len;
        let name_end;
        if name_len > 0 && buf.get(colon) == Some(&b':') {
            name_end = colon;
            pos = colon;
        } else {
            while pos < buf.len() && TOKEN[buf[pos] as usize] {
                pos += 1;
            }
            name_end = pos;
            while pos < buf.len() && is_wsp(buf[pos]) {
                pos += 1;
            }
            if pos >= buf.len() {
                if tolerate && buf.len() <= window {
                    // The datagram ends inside a header name (a cut capture): the cut
                    // line is kept as a header without a name and the headers end
                    // there.
                    framing_problem.get_or_insert((name_start as u32, None, HEADERS_UNTERMINATED));
                    push_span(
                        slots,
                        lim,
                        base,
                        HeaderSpan::nameless(name_start, buf.len(), buf.len()),
                    )?;
                    headers_end = buf.len();
                    body_start = buf.len();
                    break;
                }
                return need_more(pos, HEADERS_UNTERMINATED);
            }
            // A name folded away from its colon: the fold, its whitespace and the colon.
            if name_end > name_start && quirk(Quirk::FoldedHeaderName) {
                match folded_colon(buf, pos, lf, cr) {
                    Fold::Colon(colon) => pos = colon,
                    // A stream cut inside the fold: the colon may still arrive.
                    Fold::Cut if stream => return need_more(buf.len(), HEADERS_UNTERMINATED),
                    Fold::Cut | Fold::None => {}
                }
            }
            if name_end == name_start || buf[pos] != b':' {
                if !quirk(Quirk::NotAHeaderLine) {
                    return Err(syntax(
                        base + pos,
                        if name_end == name_start {
                            "invalid character in header name"
                        } else {
                            "expected ':' after header name"
                        },
                    ));
                }
                // Lenient: a line that is not `name: value` is kept as a header without a
                // name (its whole text is the value), so the message still reads and the
                // line round-trips; `diagnostics` reports it.
                let header_window = window.min(
                    name_start
                        .saturating_add(lim.max_header_len)
                        .saturating_add(2),
                );
                let Some((ce, next)) = line_end(buf, name_start, header_window, (true, cr), base)?
                else {
                    return need_more(buf.len(), HEADERS_UNTERMINATED);
                };
                push_span(slots, lim, base, HeaderSpan::nameless(name_start, ce, next))?;
                pos = next;
                continue;
            }
        }
        pos += 1;
        let value_region = pos;
        let header_window = window.min(
            name_start
                .saturating_add(lim.max_header_len)
                .saturating_add(2),
        );
        let raw_end;
        loop {
            match line_end(buf, pos, header_window, ends, base)? {
                Some((ce, next)) => {
                    if next < buf.len() && is_wsp(buf[next]) {
                        pos = next;
                        continue;
                    }
                    if next >= buf.len() && stream && next < header_window {
                        // A continuation line may still arrive.
                        return Ok(Status::Partial);
                    }
                    raw_end = ce;
                    pos = next;
                    break;
                }
                None => {
                    if buf.len() >= header_window && header_window < window {
                        return Err(Error::Limit {
                            offset: base + name_start,
                            limit: "max_header_len",
                            max: lim.max_header_len,
                        });
                    }
                    if tolerate && buf.len() <= window {
                        // The datagram ends inside a header value (a cut capture): the
                        // value is what there is, and the headers end with it.
                        framing_problem.get_or_insert((
                            buf.len() as u32,
                            None,
                            HEADERS_UNTERMINATED,
                        ));
                        raw_end = buf.len();
                        pos = buf.len();
                        break;
                    }
                    return need_more(buf.len(), HEADERS_UNTERMINATED);
                }
            }
        }
        let (vs, ve) = trimmed(buf, value_region, raw_end);
        let id = match known {
            Some((_, id)) => id,
            None => names::classify(&buf[name_start..name_end]),
        };
        index.note(id, slots.len());
        push_span(
            slots,
            lim,
            base,
            HeaderSpan {
                name_start: name_start as u32,
                name_end: name_end as u32,
                value_start: vs as u32,
                value_end: ve as u32,
                line_end: pos as u32,
                id,
            },
        )?;
        if id == names::CONTENT_LENGTH.id {
            let n = match parse_content_length(&buf[vs..ve], base + vs) {
                Ok(n) => n,
                Err(Error::Header { reason, .. }) if tolerate => {
                    // Not a length: the body is the rest of the datagram.
                    framing_problem.get_or_insert((vs as u32, Some("Content-Length"), reason));
                    continue;
                }
                Err(e) => return Err(e),
            };
            lengths.note(n, name_start);
        }
    }
    let Lengths {
        first: content_length,
        conflicting: conflicting_length,
    } = lengths;

    let available = buf.len() - body_start;
    let end = match (content_length, conflicting_length) {
        (_, Some(at)) if stream => {
            return Err(Error::Invalid {
                offset: base + at as usize,
                reason: "conflicting Content-Length values",
            });
        }
        (Some(n), None) => {
            let n = n as usize;
            if body_start + n > window {
                return Err(Error::Limit {
                    offset: base + body_start,
                    limit: "max_message_size",
                    max: lim.max_message_size,
                });
            }
            if available < n {
                if stream {
                    return Ok(Status::Partial);
                }
                if !tolerate {
                    return Err(syntax(
                        base + buf.len(),
                        "Content-Length is larger than the body",
                    ));
                }
                // A datagram whose body is shorter than it says (line ends rewritten,
                // a body left out): the body is what there is.
                framing_problem.get_or_insert((
                    buf.len() as u32,
                    None,
                    "Content-Length is larger than the body",
                ));
                buf.len()
            } else {
                body_start + n
            }
        }
        (None, _) if stream => {
            return Err(Error::Invalid {
                offset: base + headers_end,
                reason: "Content-Length is required on stream transports",
            });
        }
        _ => {
            if buf.len() > window {
                return Err(Error::Limit {
                    offset: base + window,
                    limit: "max_message_size",
                    max: lim.max_message_size,
                });
            }
            buf.len()
        }
    };
    Ok(Status::Complete(Layout {
        base,
        len: end as u32,
        start,
        start_line_end: sl_end as u32,
        headers_end: headers_end as u32,
        body_start: body_start as u32,
        content_length,
        conflicting_length,
        framing_problem,
        quirks: p.quirks,
        leading_lf: base > mark && input.get(mark) == Some(&b'\n'),
        bom,
        limits: p.limits,
        index,
    }))
}

/// What follows a header name and its whitespace ([`Quirk::FoldedHeaderName`]).
enum Fold {
    /// A line end (CRLF; LF alone with `lf`, CR alone with `cr`), one or more spaces or
    /// tabs and the colon, at this offset.
    Colon(usize),
    /// A line end, and whitespace or nothing, up to the end of the input: the fold and
    /// its colon may follow.
    Cut,
    /// Anything else.
    None,
}

/// Whether a header name folded away from its colon ([`Quirk::FoldedHeaderName`]) has
/// its fold at `at`, and where the colon is.
fn folded_colon(buf: &[u8], at: usize, lf: bool, cr: bool) -> Fold {
    let rest = buf.get(at..).unwrap_or_default();
    let fold = if rest.starts_with(b"\r\n") {
        2
    } else if (lf && rest.first() == Some(&b'\n')) || (cr && rest.first() == Some(&b'\r')) {
        1
    } else {
        return Fold::None;
    };
    let after = &rest[fold..];
    let indent = after.iter().take_while(|&&b| is_wsp(b)).count();
    match after.get(indent) {
        Some(b':') if indent > 0 => Fold::Colon(at + fold + indent),
        None => Fold::Cut,
        _ => Fold::None,
    }
}

/// Records one header line, or stops at the header limit (at the line's start).
fn push_span(
    slots: &mut Vec<HeaderSpan>,
    lim: &Limits,
    base: usize,
    span: HeaderSpan,
) -> Result<()> {
    if slots.len() >= lim.max_headers {
        return Err(Error::Limit {
            offset: base + span.name_start as usize,
            limit: "max_headers",
            max: lim.max_headers,
        });
    }
    slots.push(span);
    Ok(())
}

fn parse_content_length(v: &[u8], at: usize) -> Result<u32> {
    if v.is_empty() || !v.iter().all(u8::is_ascii_digit) {
        return Err(Error::Header {
            offset: at,
            name: "Content-Length",
            reason: "not a non-negative decimal integer",
        });
    }
    let mut n: u64 = 0;
    for &d in v {
        n = n * 10 + u64::from(d - b'0');
        if n > u64::from(u32::MAX) {
            return Err(Error::Header {
                offset: at,
                name: "Content-Length",
                reason: "value too large",
            });
        }
    }
    Ok(n as u32)
}

fn is_version(v: &[u8]) -> bool {
    v.eq_ignore_ascii_case(b"SIP/2.0")
}

fn looks_like_version(v: &[u8]) -> bool {
    v.len() >= 7
        && v[..4].eq_ignore_ascii_case(b"SIP/")
        && v[4..].iter().all(|c| c.is_ascii_digit() || *c == b'.')
        && v[4..].contains(&b'.')
}

fn span(a: usize, b: usize) -> (u32, u32) {
    (a as u32, b as u32)
}

/// The start line's parts; `spaces`: [`Quirk::StartLineSpaces`], `uri_spaces`:
/// [`Quirk::SpaceInRequestUri`].
fn parse_start_line(
    line: &[u8],
    spaces: bool,
    uri_spaces: bool,
    base: usize,
) -> Result<StartSpans> {
    if line.is_empty() {
        return Err(syntax(base, EMPTY_START_LINE));
    }
    if line.len() >= 4 && line[..4].eq_ignore_ascii_case(b"SIP/") {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
        let v_end = line.iter().position(|&c| c == SP).unwrap_or(line.len());
        let version = &line[..v_end];
        if !is_version(version) {
            return Err(if looks_like_version(version) {
                syntax(base, "unsupported SIP version (only SIP/2.0)")
            } else {
                syntax(base, "invalid SIP version")
            });
        }
        let mut p = v_end;
        if p >= line.len() {
            return Err(syntax(base + p, "status line has no status code"));
        }
        p += 1;
        if spaces {
            while p < line.len() && line[p] == SP {
                p += 1;
            }
        }
        let c_start = p;
        while p < line.len() && line[p].is_ascii_digit() {
            p += 1;
        }
        if p - c_start != 3 {
            return Err(syntax(base + c_start, "status code must be three digits"));
        }
        let code = line[c_start..p]
            .iter()
            .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        if !(100..=699).contains(&code) {
            return Err(syntax(base + c_start, "status code out of range 100-699"));
        }
        let reason_start = if p == line.len() {
            if !spaces {
                return Err(syntax(base + p, "missing space after status code"));
            }
            p
        } else if line[p] == SP {
            p + 1
        } else {
            return Err(syntax(base + p, "status code must be three digits"));
        };
        if let Some(i) = line[reason_start..]
            .iter()
            .position(|&c| (c < 0x20 && c != HTAB) || c == 0x7f)
        {
            return Err(syntax(
                base + reason_start + i,
                "control character in reason phrase",
            ));
        }
        return Ok(StartSpans::Response {
            version: span(0, v_end),
            code,
            reason: span(reason_start, line.len()),
        });
    }
    // Request-Line = Method SP Request-URI SP SIP-Version
    let mut p = 0;
    while p < line.len() && TOKEN[line[p] as usize] {
        p += 1;
    }
    if p == 0 {
        return Err(syntax(base, "invalid character in method"));
    }
    let method = span(0, p);
    if p >= line.len() || line[p] != SP {
        return Err(syntax(base + p, "expected a space after the method"));
    }
    p += 1;
    if spaces {
        while p < line.len() && is_wsp(line[p]) {
            p += 1;
        }
    } else if p < line.len() && is_wsp(line[p]) {
        return Err(syntax(base + p, "more than one space in the request line"));
    }
    let u_start = p;
    // The Request-URI runs to the first whitespace or control byte.
    p += crate::scan::control_or_space(&line[p..]).unwrap_or(line.len() - p);
    if p < line.len() && !is_wsp(line[p]) {
        return Err(syntax(base + p, "control character in Request-URI"));
    }
    if p == u_start {
        return Err(syntax(base + p, "missing Request-URI"));
    }
    let uri = span(u_start, p);
    if p >= line.len() {
        return Err(syntax(base + p, "request line has no SIP version"));
    }
    p += 1;
    let mut end = line.len();
    if spaces {
        while p < end && is_wsp(line[p]) {
            p += 1;
        }
        while end > p && is_wsp(line[end - 1]) {
            end -= 1;
        }
    }
    let version = &line[p..end];
    if !is_version(version) {
        // Lenient: whitespace inside the Request-URI, the version at the end of the line
        // (after a single space, or any whitespace with the start-line quirk).
        if uri_spaces
            && let Some(v_at) = line[..end].iter().rposition(|&c| is_wsp(c)).map(|i| i + 1)
            && is_version(&line[v_at..end])
            && (spaces || !is_wsp(line[v_at - 2]))
        {
            let mut u_end = v_at - 1;
            while u_end > u_start && is_wsp(line[u_end - 1]) {
                u_end -= 1;
            }
            // The whitespace inside the URI is the only thing it reads past: another
            // control byte there is still an error.
            if let Some(i) = line[u_start..u_end]
                .iter()
                .position(|&c| crate::scan::is_control_or_space(c) && !is_wsp(c))
            {
                return Err(syntax(
                    base + u_start + i,
                    "control character in Request-URI",
                ));
            }
            return Ok(StartSpans::Request {
                method,
                uri: span(u_start, u_end),
                version: span(v_at, end),
            });
        }
        let reason = if version.len() > 7
            && is_version(&version[..7])
            && version[7..].iter().all(|&c| is_wsp(c))
        {
            "whitespace after the SIP version"
        } else if version.iter().any(|&c| is_wsp(c)) {
            "whitespace inside the Request-URI or request line"
        } else if looks_like_version(version) {
            "unsupported SIP version (only SIP/2.0)"
        } else {
            "invalid SIP version"
        };
        return Err(syntax(base + p, reason));
    }
    Ok(StartSpans::Request {
        method,
        uri,
        version: span(p, end),
    })
}

/// A SIP message borrowed from the buffer it was parsed from: start line, headers in
/// wire order and body, all as slices of the original bytes. Typed headers are parsed
/// on access (see the `*_typed` style accessors such as [`Message::vias`]).
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    pub(crate) buf: &'a [u8],
    pub(crate) headers: &'a [HeaderSpan],
    pub(crate) layout: Layout,
    /// The start line and headers as text, when they are UTF-8 (nearly always): each
    /// header value is then a slice of it, not validated again.
    head: Option<&'a str>,
}

/// One header as it is on the wire.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    name: &'a [u8],
    value: &'a [u8],
    value_offset: usize,
    /// The value as text, when the message's head is UTF-8.
    text: Option<&'a str>,
}

impl<'a> Header<'a> {
    /// The name exactly as written (`v`, `VIA`, `Via`...).
    pub fn name(&self) -> &'a str {
        // Names consist of token characters, all ASCII.
        std::str::from_utf8(self.name).unwrap_or_default()
    }
    /// The name with a compact form expanded (`v` → `Via`); other names as written.
    pub fn long_name(&self) -> &'a str {
        names::expand_compact(self.name).unwrap_or_else(|| self.name())
    }
    /// The raw value: leading and trailing whitespace removed, line folding kept.
    pub fn value(&self) -> &'a [u8] {
        self.value
    }
    /// The raw value as text, if it is UTF-8.
    pub fn value_str(&self) -> Option<&'a str> {
        self.text.or_else(|| std::str::from_utf8(self.value).ok())
    }
    /// The value with each line fold (CRLF and following whitespace) replaced by a space.
    pub fn unfolded(&self) -> Cow<'a, [u8]> {
        unfold(self.value)
    }
    /// Offset of the value from the start of the input buffer.
    pub fn value_offset(&self) -> usize {
        self.value_offset
    }
    /// Whether this header is `name` (case-insensitive, compact forms included).
    pub fn is(&self, name: &str) -> bool {
        Key::of(name).matches(self.name)
    }
}

/// Headers are equal when their names, values and offsets are: the text kept beside the
/// value is the value.
impl PartialEq for Header<'_> {
    fn eq(&self, other: &Self) -> bool {
        (self.name, self.value, self.value_offset) == (other.name, other.value, other.value_offset)
    }
}

impl Eq for Header<'_> {}

/// Replaces each line fold (CR? LF followed by whitespace) with one space.
pub fn unfold(value: &[u8]) -> Cow<'_, [u8]> {
    if memchr(b'\n', value).is_none() {
        return Cow::Borrowed(value);
    }
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        let c = value[i];
        if c == b'\r' || c == b'\n' {
            while out.last().is_some_and(|&c| is_wsp(c)) {
                out.pop();
            }
            while i < value.len() && matches!(value[i], b'\r' | b'\n' | SP | HTAB) {
                i += 1;
            }
            out.push(SP);
            continue;
        }
        out.push(c);
        i += 1;
    }
    Cow::Owned(out)
}

/// The start line, typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartLine<'a> {
    /// `Method SP Request-URI SP SIP-Version`.
    Request {
        /// The method token (extension methods included).
        method: &'a str,
        /// The Request-URI as written.
        uri: &'a str,
        /// The version, `SIP/2.0`.
        version: &'a str,
    },
    /// `SIP-Version SP Status-Code SP Reason-Phrase`.
    Response {
        /// The version, `SIP/2.0`.
        version: &'a str,
        /// The status code, 100-699.
        code: u16,
        /// The reason phrase as bytes (normally UTF-8).
        reason: &'a [u8],
    },
}

/// Iterator over a message's headers in wire order.
#[derive(Debug, Clone)]
pub struct Headers<'a> {
    buf: &'a [u8],
    base: usize,
    spans: std::slice::Iter<'a, HeaderSpan>,
    head: Option<&'a str>,
}

impl<'a> Headers<'a> {
    #[inline]
    fn header(&self, s: &HeaderSpan, name: &'a [u8]) -> Header<'a> {
        Header {
            name,
            value: &self.buf[s.value_range()],
            value_offset: self.base + s.value_start as usize,
            text: self.head.and_then(|h| h.get(s.value_range())),
        }
    }
}

impl<'a> Iterator for Headers<'a> {
    type Item = Header<'a>;
    #[inline]
    fn next(&mut self) -> Option<Header<'a>> {
        let s = self.spans.next()?;
        Some(self.header(s, &self.buf[s.name_range()]))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.spans.size_hint()
    }
}

impl<'a> Headers<'a> {
    /// The next header called `key`: a known key compares the number the split gave
    /// each line, any other the names of lines with no number.
    #[inline]
    pub(crate) fn next_named(&mut self, key: Key<'_>) -> Option<Header<'a>> {
        loop {
            let s = self.spans.next()?;
            let name = &self.buf[s.name_range()];
            if key.matches_line(s.id, name) {
                return Some(self.header(s, name));
            }
        }
    }
}

impl ExactSizeIterator for Headers<'_> {}
impl<'a> DoubleEndedIterator for Headers<'a> {
    fn next_back(&mut self) -> Option<Header<'a>> {
        let s = self.spans.next_back()?;
        Some(self.header(s, &self.buf[s.name_range()]))
    }
}

fn text(b: &[u8]) -> &str {
    // Method, Request-URI and version were checked to be ASCII by the split.
    std::str::from_utf8(b).unwrap_or_default()
}

impl<'a> Message<'a> {
    /// The message over `buf` (from its start line) as the split laid it out.
    pub(crate) fn new(buf: &'a [u8], headers: &'a [HeaderSpan], layout: Layout) -> Self {
        let head = buf
            .get(..layout.headers_end as usize)
            .and_then(|h| std::str::from_utf8(h).ok());
        Message {
            buf,
            headers,
            layout,
            head,
        }
    }
    /// The message's bytes exactly as received (start line to end of body). Writing
    /// these back is the byte-identical serialization of an unmodified message.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }
    /// Offset of the start line in the input buffer (non-zero after skipped CRLFs).
    pub fn offset(&self) -> usize {
        self.layout.base
    }
    /// Bytes of input used: skipped CRLFs plus the message. A stream reader drops
    /// this many bytes before parsing the next message.
    pub fn consumed(&self) -> usize {
        self.layout.base + self.buf.len()
    }
    /// Whether this is a request.
    pub fn is_request(&self) -> bool {
        matches!(self.layout.start, StartSpans::Request { .. })
    }
    /// The start line, typed.
    pub fn start_line(&self) -> StartLine<'a> {
        let r = |(a, b): (u32, u32)| &self.buf[a as usize..b as usize];
        match self.layout.start {
            StartSpans::Request {
                method,
                uri,
                version,
            } => StartLine::Request {
                method: text(r(method)),
                uri: text(r(uri)),
                version: text(r(version)),
            },
            StartSpans::Response {
                version,
                code,
                reason,
            } => StartLine::Response {
                version: text(r(version)),
                code,
                reason: r(reason),
            },
        }
    }
    /// The start line's bytes, without its CRLF.
    pub fn start_line_bytes(&self) -> &'a [u8] {
        &self.buf[..self.layout.start_line_end as usize]
    }
    /// The request method, for requests.
    pub fn method(&self) -> Option<&'a str> {
        match self.start_line() {
            StartLine::Request { method, .. } => Some(method),
            StartLine::Response { .. } => None,
        }
    }
    /// The Request-URI as written, for requests.
    pub fn request_uri(&self) -> Option<&'a str> {
        match self.start_line() {
            StartLine::Request { uri, .. } => Some(uri),
            StartLine::Response { .. } => None,
        }
    }
    /// The status code, for responses.
    pub fn status(&self) -> Option<u16> {
        match self.layout.start {
            StartSpans::Response { code, .. } => Some(code),
            StartSpans::Request { .. } => None,
        }
    }
    /// All headers in wire order, unknown ones included.
    pub fn headers(&self) -> Headers<'a> {
        self.lines(0..self.headers.len())
    }
    /// The headers on lines `range`.
    fn lines(&self, range: std::ops::Range<usize>) -> Headers<'a> {
        Headers {
            buf: self.buf,
            base: self.layout.base,
            spans: self.headers.get(range).unwrap_or_default().iter(),
            head: self.head,
        }
    }
    /// The headers that can be called `key`: those on the lines from its first to its
    /// last (none for a known name the message does not have; all for another name).
    pub(crate) fn headers_for(&self, key: Key<'_>) -> Headers<'a> {
        self.lines(self.layout.index.lines(key.id, self.headers.len()))
    }
    /// The header positions (offsets from the start of the message).
    pub fn header_spans(&self) -> &'a [HeaderSpan] {
        self.headers
    }
    /// Number of header lines.
    pub fn header_count(&self) -> usize {
        self.headers.len()
    }
    /// The first header called `name` (case-insensitive, compact forms included).
    pub fn header(&self, name: &str) -> Option<Header<'a>> {
        self.find(Key::of(name))
    }
    /// Every header called `name`, in wire order.
    pub fn headers_named<'k>(
        &self,
        name: &'k str,
    ) -> impl Iterator<Item = Header<'a>> + use<'a, 'k> {
        self.all(Key::of(name))
    }
    pub(crate) fn find(&self, key: Key<'_>) -> Option<Header<'a>> {
        // An indexed name goes straight to its first line.
        if let Some(line) = self.layout.index.first_line(key.id) {
            let lines = self.lines(line..line + 1);
            return lines
                .spans
                .as_slice()
                .first()
                .map(|s| lines.header(s, &self.buf[s.name_range()]));
        }
        self.headers_for(key).next_named(key)
    }
    pub(crate) fn all<'k>(&self, key: Key<'k>) -> impl Iterator<Item = Header<'a>> + use<'a, 'k> {
        let mut headers = self.headers_for(key);
        std::iter::from_fn(move || headers.next_named(key))
    }
    /// The body (per Content-Length, or the rest of the datagram without one).
    pub fn body(&self) -> &'a [u8] {
        &self.buf[self.layout.body_start as usize..]
    }
    /// Offset of the body from the start of the input buffer.
    pub fn body_offset(&self) -> usize {
        self.layout.base + self.layout.body_start as usize
    }
    /// The Content-Length value used for framing, if the message has one.
    pub fn content_length(&self) -> Option<u32> {
        self.layout.content_length
    }
    /// The raw Content-Type value (`application/sdp`, `multipart/mixed;boundary=x`),
    /// compact form `c` included. See [`Message::content_type`] for the typed form.
    pub fn content_type_raw(&self) -> Option<&'a [u8]> {
        self.find(names::CONTENT_TYPE).map(|h| h.value)
    }
    /// Whether this message was split in lenient mode.
    pub fn is_lenient(&self) -> bool {
        !self.layout.quirks.is_empty()
    }
    /// The quirks this message was read with.
    pub fn quirks(&self) -> crate::Quirks {
        self.layout.quirks
    }
    /// Appends the message's wire form to `out`, rebuilt from its parts: the start line
    /// and its line end, each header line as split (name, value, folding and line end),
    /// the empty line and the body. For a message as read this equals its own bytes,
    /// which is what round-trip tests check: a split whose header spans did not tile the
    /// header section exactly would write something else.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let buf = self.buf;
        // The line end the split took at `at`: CRLF, LF alone, or (with the
        // `cr_line_ends` quirk) CR alone or CR CR LF.
        let line_end = |at: usize| -> &'static [u8] {
            let rest = buf.get(at..).unwrap_or_default();
            if rest.starts_with(b"\r\n") {
                b"\r\n"
            } else if rest.starts_with(b"\r\r\n") {
                b"\r\r\n"
            } else if rest.starts_with(b"\r") {
                b"\r"
            } else {
                b"\n"
            }
        };
        let start_line_end = self.layout.start_line_end as usize;
        out.extend_from_slice(&buf[..start_line_end]);
        out.extend_from_slice(line_end(start_line_end));
        for span in self.header_spans() {
            out.extend_from_slice(&buf[span.line_range()]);
        }
        // The empty line, unless a lenient datagram read ended without one.
        if self.layout.body_start > self.layout.headers_end {
            out.extend_from_slice(line_end(self.layout.headers_end as usize));
        }
        out.extend_from_slice(self.body());
    }
    /// An owned copy ([`crate::SipMessage`]) with the same layout.
    pub fn to_owned_message(&self) -> crate::SipMessage {
        let mut layout = self.layout;
        layout.base = 0;
        crate::SipMessage::from_parts(
            bytes::Bytes::copy_from_slice(self.buf),
            self.headers.to_vec(),
            layout,
        )
    }
    pub(crate) fn abs(&self, rel: usize) -> usize {
        self.layout.base + rel
    }
    /// What a split by `parser` reports for what this message's split skipped before
    /// its start line, if `parser` would not skip it: a byte order mark at offset 0 of
    /// the input (skipped only with [`Quirk::ByteOrderMark`]), and line ends (skipped
    /// only by stream framing and [`Quirk::LeadingLineEnds`]). A lone LF first is an
    /// error of its own unless `parser` accepts LF-only lines; else the first line is
    /// an empty start line.
    pub(crate) fn leading_errors(&self, parser: &Parser) -> [Option<Error>; 2] {
        let quirks = parser.get_quirks();
        let bom = (self.layout.bom
            && (parser.is_stream() || !quirks.contains(Quirk::ByteOrderMark)))
        .then(|| syntax(0, BYTE_ORDER_MARK_FIRST));
        let skipped = mark_len(self.layout.bom);
        let line_ends = (self.layout.base > skipped
            && !parser.is_stream()
            && !quirks.contains(Quirk::LeadingLineEnds))
        .then(|| {
            syntax(
                skipped,
                if self.layout.leading_lf && !quirks.contains(Quirk::LfLineEnds) {
                    LF_WITHOUT_CR
                } else {
                    EMPTY_START_LINE
                },
            )
        });
        [bom, line_ends]
    }
}

/// Whether reading header lines of the usual shape in one step ([`plain_lines`]) gives
/// what the general loop alone gives on `input`, with `quirks`: the same result and the
/// same spans, as a datagram and on a stream, under the default limits and under tight
/// ones. Built only for the tests and the fuzz targets.
#[cfg(any(test, fuzzing))]
#[doc(hidden)]
pub fn plain_lines_agree(input: &[u8], quirks: crate::Quirks) -> bool {
    let tight = Limits::builder()
        .max_message_size(256)
        .max_headers(6)
        .max_header_len(40)
        .build();
    [Framing::Datagram, Framing::Stream]
        .into_iter()
        .flat_map(|framing| {
            [Limits::default(), tight]
                .map(|limits| Parser::new().framing(framing).quirks(quirks).limits(limits))
        })
        .all(|p| {
            let (mut one_step, mut general) = (Vec::new(), Vec::new());
            split_with(input, &p, &mut one_step, true) == split_with(input, &p, &mut general, false)
                && one_step == general
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Quirk, Quirks};
    use proptest::prelude::*;

    /// Header lines of the usual shape and every kind of line the one-step reading
    /// leaves to the general loop, each line ending in CRLF unless it says otherwise.
    const LINES: &[&str] = &[
        "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n",
        "v:SIP/2.0/TCP h\r\n",
        "Content-Length: 4\r\n",
        "l: 0\r\n",
        "Content-Length: x\r\n",
        "Content-Length:  12 \r\n",
        "X-Long-Unknown-Header-Name: value\r\n",
        "To: <sip:b@example.com>\r\n",
        "Subject: \r\n",
        "Subject:\r\n",
        "Folded: a\r\n b\r\n",
        "Name : v\r\n",
        "Lf: only\n",
        "Cr: only\rNext: x\r\n",
        "Inner: a\rb\r\n",
        "Tab:\tv \t\r\n",
        ": no name\r\n",
        "not a header\r\n",
        "Folded\r\n : name\r\n",
        "\r\n",
        "\n",
        "body",
        "",
    ];

    fn message(lines: &[usize]) -> Vec<u8> {
        let mut m = b"INVITE sip:a@example.com SIP/2.0\r\n".to_vec();
        for &i in lines {
            m.extend_from_slice(LINES[i % LINES.len()].as_bytes());
        }
        m
    }

    fn quirks(bits: u64) -> Quirks {
        Quirk::ALL
            .iter()
            .filter(|&&q| bits & (1 << (q as u32)) != 0)
            .fold(Quirks::NONE, |set, &q| set.with(q))
    }

    #[test]
    fn plain_header_lines_read_in_one_step_as_in_the_general_loop() {
        let wire = b"OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\
            Call-ID: c1\r\nContent-Length: 4\r\n\r\nbody";
        let p = Parser::new();
        let mut slots = Vec::new();
        let Ok(Status::Complete(layout)) = split(wire, &p, &mut slots) else {
            panic!("reads");
        };
        // Worked by hand: the start line is 35 bytes with its CRLF, the Via line 36.
        assert_eq!(layout.content_length, Some(4));
        assert_eq!(slots.len(), 3);
        assert_eq!(slots[0].name_range(), 35..38);
        assert_eq!(slots[0].value_range(), 40..69);
        assert_eq!(slots[0].line_range(), 35..71);
        assert_eq!(slots[1].value_range(), 80..82);
        assert_eq!(slots[2].line_range(), 84..103);
        assert_eq!(layout.headers_end, 103);
        assert_eq!(layout.body_start, 105);
        assert!(plain_lines_agree(wire, Quirks::NONE));
        for i in 0..LINES.len() {
            for j in 0..LINES.len() {
                let m = message(&[0, i, j, 2, 19]);
                for q in [Quirks::NONE, Quirks::ALL] {
                    assert!(
                        plain_lines_agree(&m, q),
                        "{:?}",
                        String::from_utf8_lossy(&m)
                    );
                }
            }
        }
    }

    /// Every file under `dir`, depth first.
    fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).expect("a test data folder") {
            let path = e.expect("an entry").path();
            if path.is_dir() {
                out.extend(files(&path));
            } else if path.extension().is_some_and(|x| x == "sip") {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn plain_header_lines_of_the_corpora_read_as_in_the_general_loop() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut n = 0;
        for dir in ["real-world", "torture"] {
            for path in files(&data.join(dir)) {
                let bytes = std::fs::read(&path).expect("readable");
                for q in [Quirks::NONE, Quirks::ALL] {
                    assert!(plain_lines_agree(&bytes, q), "{}", path.display());
                }
                n += 1;
            }
        }
        assert!(n >= 900, "{n} messages");
    }

    #[test]
    fn a_crlf_across_the_message_size_limit_ends_no_line_within_it() {
        // The CR of `X: yyyy` is the window's last byte (40 of 41), its LF the first past
        // it: with CR line ends read, the line still has no end within the limit.
        let wire = b"OPTIONS sip:a@b SIP/2.0\r\nVia: a\r\nX: yyyy\r\n\r\n";
        assert_eq!(&wire[40..42], b"\r\n");
        let limits = Limits::builder().max_message_size(41).build();
        for framing in [Framing::Datagram, Framing::Stream] {
            for quirks in [Quirks::NONE.with(Quirk::CrLineEnds), Quirks::ALL] {
                let p = Parser::new().framing(framing).quirks(quirks).limits(limits);
                for plain in [true, false] {
                    let read = split_with(wire, &p, &mut Vec::new(), plain);
                    assert!(
                        matches!(
                            read,
                            Err(Error::Limit {
                                limit: "max_message_size",
                                ..
                            })
                        ),
                        "{framing:?} {quirks:?} {plain}: {read:?}"
                    );
                }
                assert!(plain_lines_agree(wire, quirks));
            }
        }
        // One byte more and the line ends within the limit: the message reads to its end.
        let limits = Limits::builder().max_message_size(44).build();
        let p = Parser::new().quirks(Quirks::ALL).limits(limits);
        assert!(matches!(
            split(wire, &p, &mut Vec::new()),
            Ok(Status::Complete(_))
        ));
    }

    proptest! {
        /// On messages of those lines in any order, cut anywhere, with any quirks, the
        /// one-step reading gives what the general loop gives.
        #[test]
        fn plain_header_lines_agree_with_the_general_loop(
            lines in proptest::collection::vec(0usize..64, 0..12),
            cut in any::<prop::sample::Index>(),
            bits in any::<u64>(),
        ) {
            let m = message(&lines);
            let q = quirks(bits);
            prop_assert!(plain_lines_agree(&m, q));
            let at = cut.index(m.len() + 1);
            prop_assert!(plain_lines_agree(&m[..at], q));
        }
    }
}
