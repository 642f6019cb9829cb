//! The SDP of a SIP message body: `Content-Type: application/sdp`, also as a part of a
//! `multipart/mixed` (or other `multipart/*`) body (RFC 5621, RFC 2046 §5.1).

use super::{Error, Parser, Sdp};

/// How deep nested multipart bodies are searched.
const MAX_DEPTH: usize = 4;

/// Finds the SDP bytes in a SIP body of type `content_type` (the header value, with
/// parameters): the whole body for `application/sdp`, the first `application/sdp` part of
/// a `multipart/*` body (nested ones included). Returns the byte offset of the SDP in
/// `body` and the SDP bytes.
///
/// ```
/// use sip_core::sdp::sdp_part;
/// let body = b"--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--b1--\r\n";
/// let (offset, sdp) = sdp_part("multipart/mixed;boundary=b1", body).unwrap();
/// assert_eq!(sdp, b"v=0\r\n");
/// assert_eq!(&body[offset..offset + 5], b"v=0\r\n");
/// ```
pub fn sdp_part<'a>(content_type: &str, body: &'a [u8]) -> Option<(usize, &'a [u8])> {
    find(content_type, body, 0, 0)
}

/// Parses the SDP of a SIP body (see [`sdp_part`]) with `parser`. `Ok(None)` when the body
/// holds no SDP; parse error offsets count from the start of `body`.
///
/// ```
/// use sip_core::sdp::{Parser, from_sip_body};
/// let sdp = from_sip_body(&Parser::new(), "application/sdp", b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n")?
///     .expect("an SDP body");
/// assert_eq!(sdp.origin.address, "192.0.2.1");
/// assert!(from_sip_body(&Parser::new(), "text/plain", b"hello")?.is_none());
/// # Ok::<(), sip_core::sdp::Error>(())
/// ```
pub fn from_sip_body<'a>(
    parser: &Parser,
    content_type: &str,
    body: &'a [u8],
) -> Result<Option<Sdp<'a>>, Error> {
    let Some((start, bytes)) = sdp_part(content_type, body) else {
        return Ok(None);
    };
    match parser.parse_bytes(bytes) {
        Ok(sdp) => Ok(Some(sdp)),
        Err(Error::Parse { line, offset, kind }) => Err(Error::Parse {
            line,
            offset: offset + start,
            kind,
        }),
        Err(e) => Err(e),
    }
}

fn media_type(content_type: &str) -> (&str, &str) {
    let mut parts = content_type.split(';');
    let mt = parts.next().unwrap_or_default().trim();
    let boundary = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"'))
        .unwrap_or_default();
    (mt, boundary)
}

fn find<'a>(
    content_type: &str,
    body: &'a [u8],
    base: usize,
    depth: usize,
) -> Option<(usize, &'a [u8])> {
    let (mt, boundary) = media_type(content_type);
    if mt.eq_ignore_ascii_case("application/sdp") {
        return Some((base, body));
    }
    let is_multipart = mt
        .get(..10)
        .is_some_and(|p| p.eq_ignore_ascii_case("multipart/"));
    if !is_multipart || boundary.is_empty() || depth >= MAX_DEPTH {
        return None;
    }
    for (start, part) in parts(body, boundary.as_bytes()) {
        let (headers, content_start) = split_headers(part)?;
        let ct = part_content_type(headers).unwrap_or("text/plain");
        let content = &part[content_start..];
        if let Some(found) = find(ct, content, base + start + content_start, depth + 1) {
            return Some(found);
        }
    }
    None
}

/// The parts of a multipart body as (offset, bytes), each without the CRLF that precedes
/// the next delimiter.
fn parts<'a>(body: &'a [u8], boundary: &[u8]) -> Vec<(usize, &'a [u8])> {
    let mut delim = Vec::with_capacity(boundary.len() + 2);
    delim.extend_from_slice(b"--");
    delim.extend_from_slice(boundary);
    let finder = memchr::memmem::Finder::new(&delim);
    // Delimiters must start a line.
    let starts: Vec<usize> = finder
        .find_iter(body)
        .filter(|&i| i == 0 || body[i - 1] == b'\n')
        .collect();
    let mut out = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let after = s + delim.len();
        if body[after..].starts_with(b"--") {
            break;
        }
        // Skip transport padding and the line ending after the delimiter.
        let Some(eol) = memchr::memchr(b'\n', &body[after..]) else {
            break;
        };
        let content_start = after + eol + 1;
        let Some(&next) = starts.get(n + 1) else {
            break;
        };
        let mut end = next;
        if end > content_start && body[end - 1] == b'\n' {
            end -= 1;
            if end > content_start && body[end - 1] == b'\r' {
                end -= 1;
            }
        }
        if end >= content_start {
            out.push((content_start, &body[content_start..end]));
        }
    }
    out
}

/// Splits a part into its header block and the offset of its content.
fn split_headers(part: &[u8]) -> Option<(&[u8], usize)> {
    if part.starts_with(b"\r\n") {
        return Some((&[], 2));
    }
    if part.starts_with(b"\n") {
        return Some((&[], 1));
    }
    if let Some(i) = memchr::memmem::find(part, b"\r\n\r\n") {
        return Some((&part[..i], i + 4));
    }
    memchr::memmem::find(part, b"\n\n").map(|i| (&part[..i], i + 2))
}

fn part_content_type(headers: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(headers).ok()?;
    text.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-type")
            .then_some(value.trim())
    })
}
