//! The SDP of a SIP message body: `Content-Type: application/sdp`, also as a part of a
//! `multipart/mixed` (or other `multipart/*`) body (RFC 5621).

use super::{Diagnostic, Error, Fragment, Parser, Quirk, Sdp};
use crate::headers::parse_media_type;
use crate::message::Message;
use crate::multipart::{Tolerance, split_parts};
use crate::owned::SipMessage;

/// How deep nested multipart bodies are searched.
const MAX_DEPTH: usize = 4;

/// The subtype of an SDP body, `application/sdp`.
const SDP: &str = "sdp";
/// The subtype of a trickle-ICE fragment's body, `application/trickle-ice-sdpfrag` (RFC
/// 8840).
const FRAGMENT: &str = "trickle-ice-sdpfrag";

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
    let found = find(
        content_type,
        body,
        body,
        0,
        &mut Framing {
            subtypes: &[SDP],
            quirks: super::Quirks::NONE,
            notes: &mut Vec::new(),
        },
    )?;
    Ok(found.map(|f| (f.offset, f.bytes)))
}

/// A body or part a search found: its offset in the whole body, its bytes and the
/// subtype it has of those looked for.
struct Found<'a> {
    offset: usize,
    bytes: &'a [u8],
    subtype: &'static str,
}

/// What a search of a body looks for (the subtypes of an `application/*` body or part:
/// [`SDP`], [`FRAGMENT`] or both), the multipart framing quirks it may read past, and
/// where it notes those it met.
struct Framing<'d> {
    subtypes: &'static [&'static str],
    quirks: super::Quirks,
    notes: &'d mut Vec<Diagnostic>,
}

/// Where the SDP (or another body `framing` looks for) is in `body` (see [`sdp_part`]),
/// with the subtype found. With [`Quirk::UnclosedMultipart`] in
/// `framing`, a multipart body without its closing delimiter is read, its last part
/// running to the body's end; with [`Quirk::LfMultipart`], delimiters ended by LF alone;
/// each noted in `framing`.
fn find<'a>(
    content_type: &str,
    whole: &'a [u8],
    body: &'a [u8],
    depth: usize,
    framing: &mut Framing<'_>,
) -> Result<Option<Found<'a>>, Error> {
    let base = offset_in(whole, body);
    let mt = parse_media_type(content_type).map_err(|e| Error::Body {
        offset: base,
        reason: format!("Content-Type: {}", e.reason()),
    })?;
    if let Some(&subtype) = framing
        .subtypes
        .iter()
        .find(|&&subtype| mt.is("application", subtype))
    {
        return Ok(Some(Found {
            offset: base,
            bytes: body,
            subtype,
        }));
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
    Ok(
        match read_body(parser, content_type, body, diagnostics, &[SDP])? {
            Some(SessionBody::Sdp(sdp)) => Some(sdp),
            _ => None,
        },
    )
}

/// What a SIP message's body describes of its session: a session description or a
/// trickle-ICE fragment (see [`Message::session_body_with_diagnostics`]).
#[derive(Debug, Clone, PartialEq, Eq)]
// Returned once per message and taken apart at once: boxing the session would cost every
// reading of an SDP body an allocation for nothing.
#[allow(clippy::large_enum_variant)]
pub enum SessionBody<'a> {
    /// A session description (`application/sdp`): an offer or an answer (RFC 3264).
    Sdp(Sdp<'a>),
    /// A trickle-ICE fragment (`application/trickle-ice-sdpfrag`, RFC 8840): candidates
    /// trickled in an INFO.
    Fragment(Fragment<'a>),
}

/// Reads the first body or part of `body` whose type is `application/` and one of
/// `subtypes` (see [`find`]) with `parser`, as a session ([`SDP`]) or a fragment
/// ([`FRAGMENT`]). Error and diagnostic offsets count from the start of `body`, also
/// for the diagnostics of a reading that fails.
fn read_body<'a>(
    parser: &Parser,
    content_type: &str,
    body: &'a [u8],
    diagnostics: &mut Vec<Diagnostic>,
    subtypes: &'static [&'static str],
) -> Result<Option<SessionBody<'a>>, Error> {
    let found = find(
        content_type,
        body,
        body,
        0,
        &mut Framing {
            subtypes,
            quirks: parser.get_quirks(),
            notes: diagnostics,
        },
    )?;
    let Some(Found {
        offset: start,
        bytes: part,
        subtype,
    }) = found
    else {
        return Ok(None);
    };
    // The framing's notes count from the body's start already, the part's from its own.
    let first = diagnostics.len();
    let read = if subtype == FRAGMENT {
        parser
            .parse_fragment_bytes_with_diagnostics(part, diagnostics)
            .map(|f| Some(SessionBody::Fragment(f)))
    } else {
        parser
            .parse_body_with_diagnostics(part, diagnostics)
            .map(|s| s.map(SessionBody::Sdp))
    };
    shift(&mut diagnostics[first..], start);
    read.map_err(|e| e.shifted(start))
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
        Ok(match self.read_body(parser, diagnostics, &[SDP])? {
            Some(SessionBody::Sdp(sdp)) => Some(sdp),
            _ => None,
        })
    }

    /// The session description or the trickle-ICE fragment of this message's body,
    /// whichever its Content-Type (or the first such part of a multipart body) announces:
    /// an INVITE's or a 200's offer or answer, or an INFO's trickled candidates (RFC
    /// 8840). Read with `parser` in one search of the body, each quirk it needed pushed
    /// onto `diagnostics` (offsets from the start of the input buffer, also when the
    /// reading fails). `Ok(None)` without Content-Type or with another.
    ///
    /// ```
    /// use sip_core::sdp::{Parser, SessionBody};
    /// let msg = b"INFO sip:alice@example.com SIP/2.0\r\nCall-ID: a\r\nInfo-Package: trickle-ice\r\n\
    ///             Content-Type: application/trickle-ice-sdpfrag\r\nContent-Length: 51\r\n\r\n\
    ///             a=ice-ufrag:8hhY\r\nm=audio 5000 RTP/AVP 0\r\na=mid:1\r\n";
    /// let mut slots = Vec::new();
    /// let m = sip_core::Parser::new().parse_datagram(msg, &mut slots)?;
    /// let Some(SessionBody::Fragment(f)) =
    ///     m.session_body_with_diagnostics(&Parser::new(), &mut Vec::new()).unwrap()
    /// else {
    ///     panic!("a fragment")
    /// };
    /// assert_eq!(f.media[0].mid(), Some("1"));
    /// # Ok::<(), sip_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Body`] for a malformed Content-Type or multipart body, [`Error::Parse`]
    /// for a session or fragment that does not read (offsets from the start of the
    /// input buffer).
    pub fn session_body_with_diagnostics(
        &self,
        parser: &Parser,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<SessionBody<'a>>, Error> {
        self.read_body(parser, diagnostics, &[SDP, FRAGMENT])
    }

    /// [`read_body`] of this message's body, offsets moved to count from the start of
    /// the input buffer.
    fn read_body(
        &self,
        parser: &Parser,
        diagnostics: &mut Vec<Diagnostic>,
        subtypes: &'static [&'static str],
    ) -> Result<Option<SessionBody<'a>>, Error> {
        let Some(ct) = self.content_type_text()? else {
            return Ok(None);
        };
        let first = diagnostics.len();
        let read = read_body(parser, ct, self.body(), diagnostics, subtypes)
            .map_err(|e| e.shifted(self.body_offset()));
        shift(&mut diagnostics[first..], self.body_offset());
        read
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
        Ok(match self.read_body(parser, diagnostics, &[FRAGMENT])? {
            Some(SessionBody::Fragment(f)) => Some(f),
            _ => None,
        })
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
