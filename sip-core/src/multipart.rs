//! Multipart bodies (RFC 2046 section 5.1, as used by RFC 5621 for SIP): split a body
//! into its parts without copying.

use memchr::memmem;

use crate::error::{Result, syntax};

/// One part of a multipart body: its MIME headers and content, borrowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyPart<'a> {
    /// The part's header lines as `(name, value)`, values trimmed, folding kept.
    pub headers: Vec<(&'a [u8], &'a [u8])>,
    /// The part's content (between the empty line and the next delimiter's CRLF).
    pub body: &'a [u8],
    /// Offset of the part (its first header line) within the multipart body.
    pub offset: usize,
}

impl<'a> BodyPart<'a> {
    /// The first header called `name` (case-insensitive; `c` is Content-Type).
    pub fn header(&self, name: &str) -> Option<&'a [u8]> {
        self.headers
            .iter()
            .find(|(n, _)| crate::names::same_header(n, name.as_bytes()))
            .map(|(_, v)| *v)
    }
    /// The part's Content-Type value, if any.
    pub fn content_type(&self) -> Option<&'a [u8]> {
        self.header("Content-Type")
    }
}

/// Splits a multipart body (`multipart/mixed`, `multipart/alternative`,
/// `multipart/related`...) at `--boundary` delimiters. The preamble and epilogue are
/// skipped. Take the boundary from the Content-Type (see
/// [`crate::headers::MediaType::boundary`]).
///
/// ```
/// let body = b"--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--b1\r\n\
/// Content-Type: application/isup\r\n\r\n\x01\x02\r\n--b1--\r\n";
/// let parts = sip_core::multipart::split_multipart(body, "b1")?;
/// assert_eq!(parts.len(), 2);
/// assert_eq!(parts[0].content_type(), Some(&b"application/sdp"[..]));
/// assert_eq!(parts[0].body, b"v=0");
/// assert_eq!(parts[1].body, b"\x01\x02");
/// # Ok::<(), sip_core::Error>(())
/// ```
///
/// # Errors
/// [`crate::Error::Syntax`] (offset within `body`) when the boundary is empty or longer
/// than 70 characters, the first delimiter or the closing delimiter is missing, or a
/// part's header section is malformed.
pub fn split_multipart<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<BodyPart<'a>>> {
    split_parts(body, boundary, Tolerance::default()).map(|(parts, _)| parts)
}

/// What a tolerant split of a multipart body may read past.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tolerance {
    /// A body that ends inside its last part (no closing delimiter): that part runs to
    /// the body's end.
    pub(crate) unclosed: bool,
    /// Delimiter lines and part headers ended by LF alone, when the body has no CRLF
    /// delimiter.
    pub(crate) lf: bool,
}

/// What a tolerant split read past: the errors a strict split reports for it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tolerated {
    /// The body has no closing delimiter.
    pub(crate) unclosed: Option<crate::Error>,
    /// The delimiters end with LF alone.
    pub(crate) lf: Option<crate::Error>,
}

/// [`split_multipart`], reading past what `tolerance` allows and saying so.
pub(crate) fn split_parts<'a>(
    body: &'a [u8],
    boundary: &str,
    tolerance: Tolerance,
) -> Result<(Vec<BodyPart<'a>>, Tolerated)> {
    if boundary.is_empty() || boundary.len() > 70 {
        return Err(syntax(0, "multipart boundary must be 1-70 characters"));
    }
    let mut delim = Vec::with_capacity(boundary.len() + 4);
    delim.extend_from_slice(b"\r\n--");
    delim.extend_from_slice(boundary.as_bytes());
    let mut tolerated = Tolerated::default();
    // LF delimiters only in a body that has no CRLF one: one line end throughout.
    let lf = tolerance.lf && memmem::find(body, &delim).is_none() && {
        let at = if body.starts_with(&delim[2..]) {
            Some(0)
        } else {
            memmem::find(body, &delim[1..]).map(|i| i + 1)
        };
        let after = at.map(|i| i + delim.len() - 2);
        after.is_some_and(|a| {
            let rest = &body[a..];
            let pad = rest
                .iter()
                .take_while(|&&b| matches!(b, b' ' | b'\t'))
                .count();
            rest[pad..].starts_with(b"\n")
        })
    };
    if lf {
        delim.remove(0);
    }
    let line_end: &[u8] = if lf { b"\n" } else { b"\r\n" };
    let lead = line_end.len();
    let finder = memmem::Finder::new(&delim);
    // The first delimiter may start the body without a preceding line end.
    let mut pos = if body.starts_with(&delim[lead..]) {
        delim.len() - lead
    } else {
        match finder.find(body) {
            Some(i) => i + delim.len(),
            None => return Err(syntax(0, "multipart body has no boundary delimiter")),
        }
    };
    let mut parts = Vec::new();
    loop {
        // After a delimiter: "--" closes; otherwise transport padding then a line end.
        if body[pos..].starts_with(b"--") {
            return Ok((parts, tolerated));
        }
        while pos < body.len() && matches!(body[pos], b' ' | b'\t') {
            pos += 1;
        }
        if !body[pos..].starts_with(line_end) {
            return Err(syntax(pos, "expected CRLF after multipart delimiter"));
        }
        if lf && tolerated.lf.is_none() {
            tolerated.lf = Some(syntax(pos, "expected CRLF after multipart delimiter"));
        }
        pos += lead;
        let start = pos;
        let next = match finder.find(&body[pos..]) {
            Some(i) => pos + i,
            None => {
                let e = syntax(pos, "multipart body has no closing delimiter");
                if !tolerance.unclosed {
                    return Err(e);
                }
                tolerated.unclosed = Some(e);
                body.len()
            }
        };
        let part = &body[start..next];
        let (headers, content) = part_headers(part, start, line_end)?;
        parts.push(BodyPart {
            headers,
            body: content,
            offset: start,
        });
        if tolerated.unclosed.is_some() {
            return Ok((parts, tolerated));
        }
        pos = next + delim.len();
    }
}

type PartHeaders<'a> = (Vec<(&'a [u8], &'a [u8])>, &'a [u8]);

/// The part's header lines and its content after the empty line (`line_end` alone).
fn part_headers<'a>(part: &'a [u8], base: usize, line_end: &[u8]) -> Result<PartHeaders<'a>> {
    let mut headers = Vec::new();
    let mut pos = 0;
    loop {
        if part[pos..].starts_with(line_end) {
            return Ok((headers, &part[pos + line_end.len()..]));
        }
        if pos >= part.len() {
            // A part with headers only and no empty line has an empty body.
            return Ok((headers, &part[part.len()..]));
        }
        let mut end = pos;
        loop {
            match memchr::memchr(b'\n', &part[end..]) {
                Some(i) => {
                    end += i + 1;
                    if end < part.len() && matches!(part[end], b' ' | b'\t') {
                        continue;
                    }
                    break;
                }
                None => {
                    end = part.len();
                    break;
                }
            }
        }
        let line = &part[pos..end];
        let Some(colon) = memchr::memchr(b':', line) else {
            return Err(syntax(base + pos, "part header without ':'"));
        };
        let name = line[..colon].trim_ascii();
        if !crate::names::is_token(name) {
            return Err(syntax(base + pos, "invalid part header name"));
        }
        headers.push((name, line[colon + 1..].trim_ascii()));
        pos = end;
    }
}
