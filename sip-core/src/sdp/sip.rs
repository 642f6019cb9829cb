//! The SDP of a SIP message body: `Content-Type: application/sdp`, also as a part of a
//! `multipart/mixed` (or other `multipart/*`) body (RFC 5621).

use super::{Diagnostic, Error, Fragment, Parser, Quirk, Sdp};
use crate::headers::parse_media_type;
use crate::message::Message;
use crate::multipart::{Tolerance, split_parts};
use crate::owned::SipMessage;

/// How deep nested multipart bodies are searched.
const MAX_DEPTH: usize = 4;

fn body_error(offset: usize, e: &crate::Error) -> Error {
    Error::Body {
        offset: offset + e.offset(),
        reason: e.reason(),
    }
}

/// Moves the offsets of `diagnostics` of a part read on its own by `base` bytes: to
/// where the part stands in the body, or the body in the message.
fn shift(diagnostics: &mut [Diagnostic], base: usize) {
    for d in diagnostics {
        d.offset = d.offset.saturating_add(base);
    }
}

/// Where `inner` starts within `outer` (it is a sub-slice of it).
fn offset_in(outer: &[u8], inner: &[u8]) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

/// Finds the SDP in a SIP body whose Content-Type header value is `content_type`: the whole
/// body for `application/sdp`, the first `application/sdp` part of a `multipart/*` body
/// (nested multiparts included). Returns the SDP's offset in `body` and its bytes, `None`
/// when the body holds no SDP.
///
/// ```
/// use sip_core::sdp::sdp_part;
/// let body = b"--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--b1--\r\n";
/// let (offset, sdp) = sdp_part("multipart/mixed;boundary=b1", body)?.unwrap();
/// assert_eq!(sdp, b"v=0");
/// assert_eq!(&body[offset..offset + 3], b"v=0");
/// # Ok::<(), sip_core::sdp::Error>(())
/// ```
///
/// # Errors
/// [`Error::Body`] when the Content-Type or the multipart framing is malformed.
pub fn sdp_part<'a>(
    content_type: &str,
    body: &'a [u8],
) -> Result<Option<(usize, &'a [u8])>, Error> {
    find(
        content_type,
        body,
        body,
        0,
        &mut Framing {
            subtype: "sdp",
            quirks: super::Quirks::NONE,
            notes: &mut Vec::new(),
        },
    )
}

/// What a search of a body looks for (the subtype of an `application/*` body or part:
/// `sdp`, or `trickle-ice-sdpfrag`), the multipart framing quirks it may read past, and
/// where it notes those it met.
struct Framing<'d> {
    subtype: &'static str,
    quirks: super::Quirks,
    notes: &'d mut Vec<Diagnostic>,
}

/// Where the SDP (or the body `framing` looks for) is in `body` (see [`sdp_part`]). With [`Quirk::UnclosedMultipart`] in
/// `framing`, a multipart body without its closing delimiter is read, its last part
/// running to the body's end; with [`Quirk::LfMultipart`], delimiters ended by LF alone;
/// each noted in `framing`.
fn find<'a>(
    content_type: &str,
    whole: &'a [u8],
    body: &'a [u8],
    depth: usize,
    framing: &mut Framing<'_>,
) -> Result<Option<(usize, &'a [u8])>, Error> {
    let base = offset_in(whole, body);
    let mt = parse_media_type(content_type).map_err(|e| Error::Body {
        offset: base,
        reason: format!("Content-Type: {}", e.reason()),
    })?;
    if mt.is("application", framing.subtype) {
        return Ok(Some((base, body)));
    }
    if !mt.mtype.eq_ignore_ascii_case("multipart") || depth >= MAX_DEPTH {
        return Ok(None);
    }
    let Some(boundary) = mt.boundary() else {
        return Err(Error::Body {
            offset: base,
            reason: "multipart Content-Type without boundary".to_owned(),
        });
    };
    let tolerance = Tolerance {
        unclosed: framing.quirks.contains(Quirk::UnclosedMultipart),
        lf: framing.quirks.contains(Quirk::LfMultipart),
    };
    let (parts, tolerated) =
        split_parts(body, &boundary, tolerance).map_err(|e| body_error(base, &e))?;
    for (quirk, e) in [
        (Quirk::LfMultipart, tolerated.lf),
        (Quirk::UnclosedMultipart, tolerated.unclosed),
    ] {
        if let Some(e) = e {
            framing.notes.push(Diagnostic {
                line: 0,
                offset: base + e.offset(),
                quirk,
                reason: e.reason(),
            });
        }
    }
    for part in parts {
        let ct = match part.content_type() {
            // RFC 2046 §5.1: a part without Content-Type is text/plain.
            None => continue,
            Some(v) => std::str::from_utf8(v).map_err(|_| Error::Body {
                offset: base + part.offset,
                reason: "part Content-Type is not UTF-8".to_owned(),
            })?,
        };
        if let Some(found) = find(ct, whole, part.body, depth + 1, framing)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// Parses the SDP of a SIP body (see [`sdp_part`]) with `parser`. `Ok(None)` when the body
/// holds no SDP; error offsets count from the start of `body`.
///
/// ```
/// use sip_core::sdp::{Parser, from_sip_body};
/// let sdp = from_sip_body(&Parser::new(), "application/sdp", b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n")?
///     .expect("an SDP body");
/// assert_eq!(sdp.origin.address, "192.0.2.1");
/// assert!(from_sip_body(&Parser::new(), "text/plain", b"hello")?.is_none());
/// # Ok::<(), sip_core::sdp::Error>(())
/// ```
///
/// # Errors
/// [`Error::Body`] for a malformed Content-Type or multipart body, [`Error::Parse`] for a
/// malformed SDP.
pub fn from_sip_body<'a>(
    parser: &Parser,
    content_type: &str,
    body: &'a [u8],
) -> Result<Option<Sdp<'a>>, Error> {
    from_sip_body_with_diagnostics(parser, content_type, body, &mut Vec::new())
}

/// [`from_sip_body`], pushing a [`Diagnostic`] for each quirk of the parser's
/// [`Quirks`](super::Quirks) the body needed (offsets from the start of `body`). With
/// [`Quirk::EmptyBody`], an SDP part that is empty or holds only blank lines and
/// whitespace reads as no SDP (see [`Parser::parse_body_with_diagnostics`]); with
/// [`Quirk::UnclosedMultipart`], a multipart body without its closing delimiter is read
/// (reported at line 0, the offset of the part it cuts); with [`Quirk::LfMultipart`],
/// one whose delimiters end with LF alone (reported at line 0, the offset of the first
/// delimiter's line end).
///
/// # Errors
/// As [`from_sip_body`].
pub fn from_sip_body_with_diagnostics<'a>(
    parser: &Parser,
    content_type: &str,
    body: &'a [u8],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Sdp<'a>>, Error> {
    let found = find(
        content_type,
        body,
        body,
        0,
        &mut Framing {
            subtype: "sdp",
            quirks: parser.get_quirks(),
            notes: diagnostics,
        },
    )?;
    let Some((start, bytes)) = found else {
        return Ok(None);
    };
    let first = diagnostics.len();
    let sdp = parser
        .parse_body_with_diagnostics(bytes, diagnostics)
        .map_err(|e| e.shifted(start))?;
    shift(&mut diagnostics[first..], start);
    Ok(sdp)
}

impl<'a> Message<'a> {
    /// The SDP of this message's body, borrowed from the message buffer: when the
    /// Content-Type is `application/sdp` or a multipart body has an `application/sdp` part
    /// (RFC 5621). `Ok(None)` without Content-Type or SDP; error offsets count from the
    /// start of the input buffer.
    ///
    /// ```
    /// let msg = b"INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: a\r\nContent-Type: application/sdp\r\nContent-Length: 43\r\n\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";
    /// let mut slots = Vec::new();
    /// let m = sip_core::Parser::new().parse_datagram(msg, &mut slots)?;
    /// let sdp = m.sdp().unwrap().unwrap();
    /// assert_eq!(sdp.origin.address, "192.0.2.1");
    /// # Ok::<(), sip_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`from_sip_body`].
    pub fn sdp(&self) -> Result<Option<Sdp<'a>>, Error> {
        self.sdp_with(&Parser::new())
    }

    /// [`Message::sdp`] with an SDP parser of your own (limits, leniency).
    ///
    /// # Errors
    /// As [`from_sip_body`].
    pub fn sdp_with(&self, parser: &Parser) -> Result<Option<Sdp<'a>>, Error> {
        self.sdp_with_diagnostics(parser, &mut Vec::new())
    }

    /// [`Message::sdp_with`], pushing a [`Diagnostic`] for each quirk the body needed
    /// (offsets from the start of the input buffer).
    ///
    /// # Errors
    /// As [`from_sip_body`].
    pub fn sdp_with_diagnostics(
        &self,
        parser: &Parser,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<Sdp<'a>>, Error> {
        let Some(ct) = self.content_type_text()? else {
            return Ok(None);
        };
        let first = diagnostics.len();
        let sdp = from_sip_body_with_diagnostics(parser, ct, self.body(), diagnostics)
            .map_err(|e| e.shifted(self.body_offset()))?;
        shift(&mut diagnostics[first..], self.body_offset());
        Ok(sdp)
    }

    /// The Content-Type header's value, trimmed; an error when it is not UTF-8.
    fn content_type_text(&self) -> Result<Option<&'a str>, Error> {
        let Some(ct) = self.content_type_raw() else {
            return Ok(None);
        };
        std::str::from_utf8(ct)
            .map(|ct| Some(ct.trim()))
            .map_err(|_| Error::Body {
                offset: self.body_offset(),
                reason: "Content-Type is not UTF-8".to_owned(),
            })
    }

    /// The trickle-ICE SDP fragment of this message's body (RFC 8840: the INFO of the
    /// `trickle-ice` Info-Package, `Content-Type: application/trickle-ice-sdpfrag`, or
    /// that part of a `multipart/*` body, where RFC 6086 lets an INFO carry its package's
    /// body beside others), read with `parser` (see [`Parser::parse_fragment`]), each
    /// quirk it needed pushed onto `diagnostics` (offsets from the start of the input
    /// buffer). `Ok(None)` for another Content-Type or none, or a multipart body without
    /// such a part.
    ///
    /// ```
    /// let msg = b"INFO sip:alice@example.com SIP/2.0\r\nCall-ID: a\r\nInfo-Package: trickle-ice\r\n\
    ///             Content-Type: application/trickle-ice-sdpfrag\r\nContent-Length: 107\r\n\r\n\
    ///             a=ice-ufrag:8hhY\r\nm=audio 5000 RTP/AVP 0\r\na=mid:1\r\n\
    ///             a=candidate:1 1 UDP 1658497328 192.0.2.3 5000 typ host\r\n";
    /// let mut slots = Vec::new();
    /// let m = sip_core::Parser::new().parse_datagram(msg, &mut slots)?;
    /// let parser = sip_core::sdp::Parser::new();
    /// let frag = m.sdp_fragment_with_diagnostics(&parser, &mut Vec::new()).unwrap().unwrap();
    /// assert_eq!(frag.media[0].mid(), Some("1"));
    /// assert!(m.sdp().unwrap().is_none());
    /// # Ok::<(), sip_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Body`] for a malformed Content-Type or multipart body, [`Error::Parse`]
    /// for a fragment that is not UTF-8 or not a fragment (offsets from the start of the
    /// input buffer).
    pub fn sdp_fragment_with_diagnostics(
        &self,
        parser: &Parser,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<Fragment<'a>>, Error> {
        let Some(ct) = self.content_type_text()? else {
            return Ok(None);
        };
        let body = self.body();
        let first = diagnostics.len();
        let found = find(
            ct,
            body,
            body,
            0,
            &mut Framing {
                subtype: "trickle-ice-sdpfrag",
                quirks: parser.get_quirks(),
                notes: diagnostics,
            },
        )
        .map_err(|e| e.shifted(self.body_offset()))?;
        // The framing's notes count from the body's start, the fragment's from the part's.
        let framing_end = diagnostics.len();
        let frag = match found {
            Some((start, bytes)) => {
                let frag = parser
                    .parse_fragment_bytes_with_diagnostics(bytes, diagnostics)
                    .map_err(|e| e.shifted(self.body_offset() + start));
                shift(&mut diagnostics[framing_end..], start);
                frag.map(Some)
            }
            None => Ok(None),
        };
        shift(&mut diagnostics[first..], self.body_offset());
        frag
    }
}

impl SipMessage {
    /// The SDP of this message's body as an owned value (see [`Message::sdp`]).
    ///
    /// # Errors
    /// As [`from_sip_body`].
    pub fn sdp(&self) -> Result<Option<Sdp<'static>>, Error> {
        Ok(self.view().sdp()?.map(Sdp::into_owned))
    }
}
