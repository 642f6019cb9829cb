//! The owned message: a `bytes::Bytes` buffer plus the header positions found by the
//! same one-pass split as the borrowed [`Message`].

use bytes::Bytes;

use crate::error::{Error, Result, syntax};
use crate::message::{HeaderSpan, Layout, Message, Parser, Status};
use crate::names::{self, Key};

/// An owned SIP message. It holds the wire bytes (shared, never copied when parsed
/// from a `Bytes`) and the header positions; [`SipMessage::view`] gives the borrowed
/// [`Message`] with every typed accessor. Edits rewrite the bytes and re-split them, so
/// the positions are always exact and serialization is always the current bytes.
///
/// ```
/// use sip_core::SipMessage;
/// let wire = "BYE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\
///             Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>;tag=2\r\n\
///             Call-ID: c1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
/// let mut msg = SipMessage::parse(wire)?;
/// assert_eq!(msg.as_bytes().as_ref(), wire.as_bytes()); // byte-identical
/// msg.set_header("Max-Forwards", "69")?;
/// assert_eq!(msg.view().max_forwards()?, Some(69));
/// # Ok::<(), sip_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipMessage {
    bytes: Bytes,
    headers: Vec<HeaderSpan>,
    layout: Layout,
}

/// One header of an owned message, for callers that want plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OwnedHeader {
    /// The name as written.
    pub name: String,
    /// The raw value (folding kept), a slice of the message's buffer.
    pub value: Bytes,
}

impl SipMessage {
    pub(crate) fn from_parts(bytes: Bytes, headers: Vec<HeaderSpan>, layout: Layout) -> Self {
        let mut layout = layout;
        // The message's own bytes: what the split skipped before them is not kept.
        layout.base = 0;
        layout.bom = false;
        Self {
            bytes,
            headers,
            layout,
        }
    }

    /// Parses one datagram-framed message strictly (see [`Parser`] for other modes).
    ///
    /// # Errors
    /// A typed [`Error`] with the byte offset of the problem.
    pub fn parse(input: impl Into<Bytes>) -> Result<Self> {
        Self::parse_with(&Parser::new(), input)
    }

    /// Parses one message with `parser`; incomplete stream input is an error here
    /// (use [`Parser::parse_bytes`] to get [`Status::Partial`]).
    ///
    /// # Errors
    /// A typed [`Error`] with the byte offset of the problem.
    pub fn parse_with(parser: &Parser, input: impl Into<Bytes>) -> Result<Self> {
        let bytes: Bytes = input.into();
        match parser.parse_bytes(&bytes)? {
            Status::Complete(m) => Ok(m),
            Status::Partial => Err(syntax(bytes.len(), "incomplete message")),
        }
    }

    /// The borrowed view, with every accessor of [`Message`].
    pub fn view(&self) -> Message<'_> {
        Message::new(&self.bytes, &self.headers, self.layout)
    }

    /// The wire bytes (the serialization).
    pub fn as_bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The wire bytes, consuming the message.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }

    /// The value of the first header called `name`, sharing the message's buffer.
    pub fn header(&self, name: &str) -> Option<Bytes> {
        let key = Key::of(name);
        self.headers
            .iter()
            .find(|s| key.matches(&self.bytes[s.name_range()]))
            .map(|s| self.bytes.slice(s.value_range()))
    }

    /// All headers in wire order as plain data (values share the buffer).
    pub fn header_list(&self) -> Vec<OwnedHeader> {
        self.headers
            .iter()
            .map(|s| OwnedHeader {
                name: String::from_utf8_lossy(&self.bytes[s.name_range()]).into_owned(),
                value: self.bytes.slice(s.value_range()),
            })
            .collect()
    }

    /// The body, sharing the message's buffer.
    pub fn body(&self) -> Bytes {
        self.bytes.slice(self.layout.body_start as usize..)
    }

    /// Sets header `name` to `value`: the first occurrence's value is replaced in
    /// place and later occurrences removed; a missing header is appended.
    ///
    /// # Errors
    /// [`Error::Syntax`] if `name` is not a token or `value` holds a line break.
    pub fn set_header(&mut self, name: &str, value: &str) -> Result<()> {
        check_header(name, value)?;
        let key = Key::of(name);
        let spans: Vec<HeaderSpan> = self
            .headers
            .iter()
            .copied()
            .filter(|s| key.matches(&self.bytes[s.name_range()]))
            .collect();
        let Some(first) = spans.first() else {
            return self.add_header(name, value);
        };
        let mut out = Vec::with_capacity(self.bytes.len() + value.len());
        let mut at = 0;
        let v = first.value_range();
        out.extend_from_slice(&self.bytes[..v.start]);
        out.extend_from_slice(value.as_bytes());
        at = at.max(v.end);
        for s in &spans[1..] {
            let l = s.line_range();
            out.extend_from_slice(&self.bytes[at..l.start]);
            at = l.end;
        }
        out.extend_from_slice(&self.bytes[at..]);
        self.reparse(out)
    }

    /// Appends a header after the last one.
    ///
    /// # Errors
    /// [`Error::Syntax`] if `name` is not a token or `value` holds a line break.
    pub fn add_header(&mut self, name: &str, value: &str) -> Result<()> {
        check_header(name, value)?;
        let at = self.layout.headers_end as usize;
        let mut out = Vec::with_capacity(self.bytes.len() + name.len() + value.len() + 4);
        out.extend_from_slice(&self.bytes[..at]);
        write_header(&mut out, name, value);
        out.extend_from_slice(&self.bytes[at..]);
        self.reparse(out)
    }

    /// Removes every header called `name`; returns how many lines were removed.
    ///
    /// # Errors
    /// Only if the re-split fails, which cannot happen for a parsed message.
    pub fn remove_header(&mut self, name: &str) -> Result<usize> {
        let key = Key::of(name);
        let mut out = Vec::with_capacity(self.bytes.len());
        let mut at = 0;
        let mut n = 0;
        for s in &self.headers {
            if key.matches(&self.bytes[s.name_range()]) {
                let l = s.line_range();
                out.extend_from_slice(&self.bytes[at..l.start]);
                at = l.end;
                n += 1;
            }
        }
        if n > 0 {
            out.extend_from_slice(&self.bytes[at..]);
            self.reparse(out)?;
        }
        Ok(n)
    }

    /// Replaces the body, setting Content-Length (and Content-Type when given).
    ///
    /// # Errors
    /// [`Error::Syntax`] if `content_type` holds a line break.
    pub fn set_body(&mut self, content_type: Option<&str>, body: &[u8]) -> Result<()> {
        if let Some(ct) = content_type {
            self.set_header("Content-Type", ct)?;
        }
        let len = body.len().to_string();
        self.set_header("Content-Length", &len)?;
        let mut out = self.bytes[..self.layout.body_start as usize].to_vec();
        out.extend_from_slice(body);
        self.reparse(out)
    }

    fn reparse(&mut self, out: Vec<u8>) -> Result<()> {
        // The limits the message was read under, but for its size: an edit may grow it.
        let mut limits = self.layout.limits;
        limits.max_message_size = u32::MAX as usize;
        let parser = Parser::new().quirks(self.layout.quirks).limits(limits);
        // Without a Content-Length the body is the rest of the buffer; with one the
        // buffer must match it exactly, so cut anything beyond it.
        let m = Self::parse_with(&parser, out)?;
        *self = m;
        Ok(())
    }
}

impl std::fmt::Display for SipMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.bytes))
    }
}

fn check_header(name: &str, value: &str) -> Result<()> {
    if !names::is_token(name.as_bytes()) {
        return Err(syntax(0, "header name is not a token"));
    }
    if let Some(i) = value.bytes().position(|c| c == b'\r' || c == b'\n') {
        return Err(syntax(i, "header value contains a line break"));
    }
    Ok(())
}

fn write_header(out: &mut Vec<u8>, name: &str, value: &str) {
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b": ");
    out.extend_from_slice(value.as_bytes());
    out.extend_from_slice(b"\r\n");
}

/// Builds a new request.
///
/// ```
/// use sip_core::RequestBuilder;
/// let msg = RequestBuilder::new("OPTIONS", "sip:bob@example.com")
///     .header("Via", "SIP/2.0/UDP pc.example.com;branch=z9hG4bK77")
///     .header("Max-Forwards", "70")
///     .header("From", "<sip:alice@example.com>;tag=88")
///     .header("To", "<sip:bob@example.com>")
///     .header("Call-ID", "a84b4c76e66710")
///     .header("CSeq", "1 OPTIONS")
///     .build()?;
/// assert_eq!(msg.view().cseq()?.map(|c| c.seq), Some(1));
/// assert!(sip_core::check(msg.as_bytes()).is_ok());
/// # Ok::<(), sip_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RequestBuilder {
    method: String,
    uri: String,
    headers: Vec<(String, String)>,
    body: Option<(String, Vec<u8>)>,
}

impl RequestBuilder {
    /// A request `method uri SIP/2.0`.
    pub fn new(method: &str, uri: &str) -> Self {
        Self {
            method: method.to_owned(),
            uri: uri.to_owned(),
            headers: Vec::new(),
            body: None,
        }
    }
    /// Adds a header (in order). Content-Length is written by [`RequestBuilder::build`].
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
    /// Sets the body and its Content-Type.
    #[must_use]
    pub fn body(mut self, content_type: &str, body: &[u8]) -> Self {
        self.body = Some((content_type.to_owned(), body.to_vec()));
        self
    }
    /// Writes and parses the request.
    ///
    /// # Errors
    /// [`Error`] if the method, URI or a header is malformed.
    pub fn build(self) -> Result<SipMessage> {
        if !names::is_token(self.method.as_bytes()) {
            return Err(syntax(0, "method is not a token"));
        }
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(self.method.as_bytes());
        out.push(b' ');
        out.extend_from_slice(self.uri.as_bytes());
        out.extend_from_slice(b" SIP/2.0\r\n");
        for (n, v) in &self.headers {
            check_header(n, v)?;
            if names::CONTENT_LENGTH.matches(n.as_bytes()) {
                continue;
            }
            write_header(&mut out, n, v);
        }
        let body = match &self.body {
            Some((ct, body)) => {
                check_header("Content-Type", ct)?;
                write_header(&mut out, "Content-Type", ct);
                body.as_slice()
            }
            None => &[],
        };
        write_header(&mut out, "Content-Length", &body.len().to_string());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(body);
        SipMessage::parse(out)
    }
}

/// Builds a response to `request` as RFC 3261 section 8.2.6 says: the Via headers
/// (all, in order), From, To, Call-ID and CSeq are copied; a To tag is added when
/// `to_tag` is given and To has none; a 100 copies Timestamp. The response has no
/// body (Content-Length: 0).
///
/// ```
/// use sip_core::{response_to, SipMessage};
/// let req = SipMessage::parse("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\
///     Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n\
///     Call-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n")?;
/// let resp = response_to(&req.view(), 180, "Ringing", Some("bobtag"))?;
/// assert_eq!(resp.view().to()?.and_then(|t| t.tag()), Some("bobtag"));
/// # Ok::<(), sip_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Invalid`] if `request` is a response, [`Error::Syntax`] for a bad
/// code, reason or tag.
pub fn response_to(
    request: &Message<'_>,
    code: u16,
    reason: &str,
    to_tag: Option<&str>,
) -> Result<SipMessage> {
    if !request.is_request() {
        return Err(Error::Invalid {
            offset: 0,
            reason: "a response can only answer a request",
        });
    }
    if !(100..=699).contains(&code) {
        return Err(syntax(0, "status code out of range 100-699"));
    }
    if reason.bytes().any(|c| c == b'\r' || c == b'\n') {
        return Err(syntax(0, "reason phrase contains a line break"));
    }
    let mut out = Vec::with_capacity(request.as_bytes().len());
    out.extend_from_slice(format!("SIP/2.0 {code} {reason}\r\n").as_bytes());
    for h in request.headers() {
        let name = h.name().as_bytes();
        let copy = names::VIA.matches(name)
            || names::FROM.matches(name)
            || names::CALL_ID.matches(name)
            || names::CSEQ.matches(name)
            || (code == 100 && name.eq_ignore_ascii_case(b"Timestamp"));
        if copy {
            out.extend_from_slice(name);
            out.extend_from_slice(b": ");
            out.extend_from_slice(h.value());
            out.extend_from_slice(b"\r\n");
        } else if names::TO.matches(name) {
            out.extend_from_slice(name);
            out.extend_from_slice(b": ");
            out.extend_from_slice(h.value());
            if let Some(tag) = to_tag {
                let has_tag = request.to().ok().flatten().and_then(|t| t.tag()).is_some();
                if !has_tag && code != 100 {
                    if !names::is_token(tag.as_bytes()) {
                        return Err(syntax(0, "tag is not a token"));
                    }
                    out.extend_from_slice(b";tag=");
                    out.extend_from_slice(tag.as_bytes());
                }
            }
            out.extend_from_slice(b"\r\n");
        }
    }
    out.extend_from_slice(b"Content-Length: 0\r\n\r\n");
    SipMessage::parse(out)
}
