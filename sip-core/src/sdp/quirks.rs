//! Named quirks of deployed SDP writers that the tolerant reading accepts, and the
//! diagnostics it records when it does.

use std::fmt;

/// A set of [`Quirk`]s that the SDP [`Parser`](super::Parser) accepts, each reported as a
/// [`Diagnostic`] when met. [`Quirks::NONE`] (the default) is strict RFC 8866;
/// [`Quirks::ALL`] is what `voipkit sip parse` and the report read with.
///
/// ```
/// use sip_core::sdp::{Parser, Quirk, Quirks};
///
/// // A Cisco IP phone's body starts with an empty line.
/// let body = "\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";
/// assert!(Parser::new().parse(body).is_err());
/// let mut notes = Vec::new();
/// let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::BlankLines));
/// let sdp = parser.parse_with_diagnostics(body, &mut notes)?;
/// assert_eq!(sdp.origin.address, "192.0.2.1");
/// assert_eq!((notes[0].line, notes[0].quirk), (1, Quirk::BlankLines));
/// # Ok::<(), sip_core::sdp::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Quirks(u32);

crate::quirks::quirk_set!(Quirks, Quirk, "strict RFC 8866");

/// One deviation from RFC 8866 seen in deployed equipment, accepted by the tolerant
/// reading when its [`Quirks`] set holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
#[repr(u8)]
pub enum Quirk {
    /// Empty lines before, between or after the lines (Cisco IP phones start the body
    /// with one; bodies padded with an extra CRLF end with one), and lines of only
    /// spaces and tabs. They are skipped.
    BlankLines,
    /// Spaces or tabs at the end of a line (`a=sendrecv `). They are trimmed.
    TrailingWhitespace,
    /// Whitespace after the colon of `a=name:` (`a=rtpmap: 3 GSM/8000`, Windows RTC).
    /// It is skipped.
    SpaceAfterAttributeColon,
    /// Lines out of RFC 8866 order, or a single-valued line repeated (`c=` after `a=`,
    /// `b=` after `a=` in a media section). The line is read where it stands; a repeated
    /// single-valued session line keeps its first value.
    LinesOutOfOrder,
    /// A known attribute whose value breaks its grammar (a clock rate of `48000.5`, an
    /// unknown `a=setup:` role), or an attribute name that is not an RFC 8866 token
    /// (`a=send only`), kept as written: its typed view
    /// ([`Attribute::typed`](super::Attribute::typed)) is the error, and an rtpmap kept
    /// so names no codec ([`Media::codecs`](super::Media::codecs) skips it).
    MalformedAttribute,
    /// An empty body declared as `application/sdp` (a REGISTER from a web client), or
    /// one of only blank lines and whitespace: read as no SDP.
    EmptyBody,
    /// An rtpmap clock rate written with a decimal fraction of zeros
    /// (`a=rtpmap:96 AMR/8000.0`, `48000.00`): read as that integer rate, so the codec
    /// is listed (clock rate 8000) and takes part in offer/answer; the attribute is kept
    /// as written. A fraction that is not all zeros (`48000.5`) names no integer rate:
    /// it is a [`Quirk::MalformedAttribute`] and lists no codec.
    DecimalClockRate,
    /// Lines ending in CR alone (the body of a message written with old Mac-style line
    /// ends, read with the SIP quirk of the same name): when the first line ends with CR
    /// alone, so may every line, and the SDP is written back with CR line ends; reported
    /// once, at the first line. In a body whose first line ends otherwise, a lone CR is
    /// still a stray control character, except as the body's last byte: a body cut
    /// before its last LF (a Content-Length one short) ends its last line there,
    /// reported at that line, and is written back with the body's own line ends.
    CrLineEnds,
    /// Bytes that are not UTF-8 (an ISO 8859-1 session or user name, `s=Gespr\xe4ch`,
    /// from older phones and PBXes): each such byte reads as `?`, so offsets and lines
    /// stay those of the input, and the session owns its text (it no longer borrows the
    /// input). Reported once, at the line of the first such byte; written back, the
    /// text has `?` there.
    NonUtf8Text,
    /// An `IN` connection or origin address of the other address type than the one written
    /// (`c=IN IP4 fe80::5a55:caff:fe1a:e187`, as iTunes and AirPlay senders write a
    /// link-local IPv6 address): kept as written, with its address type.
    AddressTypeMismatch,
    /// Spaces or tabs before a line's type letter (` s=CounterPath Bria`, as a Bria
    /// softphone wrote some lines). They are skipped.
    LeadingWhitespace,
    /// A line after the first that is not `<type>=<value>` (`mid:1` without its `a=`,
    /// from Bria 4). It is skipped, and so not written back. A line of an unknown type
    /// (`f=...`) is still refused, as RFC 8866 5 asks.
    StrayLine,
    /// An `o=` line whose session id or version is not digits (`o=Cisco-SIPUA (null)
    /// (null) IN IP4 ...`, as Cisco SIP phones write it) or whose `IN` address is neither
    /// an address of its type nor a host name (`IN IP4 0`): kept as written. So is one
    /// without its six fields, as RTSP cameras and GB/T 28181 devices write it: with more
    /// than six, the last five are the session id to the address and what stands before
    /// them is the user name (`o=RTSP Session 1 2 IN IP4 192.0.2.7`); with fewer
    /// (`o=- 1001 1 IN`), the whole value is the user name and the other fields are
    /// empty.
    MalformedOrigin,
    /// A `c=` line whose `IN` address is neither an address of its type nor a host name
    /// (`c=IN IP4 00.000.00.0`, from a Cisco gateway), or that has fields after its
    /// address (`c=IN IP4 137.132.31.151 UNHOLD UNHOLD`, a softphone's hold marker): the
    /// address is kept as written; the fields after it are left out (reported) and so
    /// not written back.
    MalformedConnection,
    /// No `s=` line (the session descriptions of RFC 4475's torture messages, written
    /// by some test tools and older stacks): the session name reads as empty, reported
    /// at the line where `s=` was due (or after the last line), and is written back as an
    /// empty `s=`.
    MissingSessionName,
    /// A last line cut short: a body whose last line has no line end and does not read
    /// (a Content-Length that cuts the SDP inside a line, as in captures of messages whose
    /// Content-Length was not updated after the body was edited). The cut line is left
    /// out (reported with what the strict reading says of it); the lines before it read
    /// as usual, and the session is written back with its line ends.
    CutLastLine,
    /// A multipart body without its closing delimiter (a Content-Length that ends the
    /// body inside its last part, as in SIPREC INVITEs of a Sonus SBC kept in drachtio's
    /// fixtures): the parts are read, the last running to the body's end, so an SDP part
    /// before it (or the cut part itself, read with the other quirks) is found. Reported
    /// at line 0 with the offset of the cut part; without it, the body is an error.
    UnclosedMultipart,
    /// A multipart body whose delimiter lines and part headers end with LF alone (a
    /// message kept as text with LF line ends, as in sip3's tests of Asterisk
    /// INVITEs): read when the body has no CRLF delimiter at all. Reported at line 0
    /// with the offset of the first delimiter; without it, the body is an error (RFC 2046
    /// delimiters end with CRLF).
    LfMultipart,
    /// A UTF-8 byte order mark (`U+FEFF`) before the first line: an SDP file saved by a
    /// Windows editor. It is skipped, reported at line 1, and not written back.
    ByteOrderMark,
    /// An `m=` line without formats: a Cisco IOS gateway's `m=video 36924 RTP/AVP`, or a
    /// rejected or bundle-only section at port 0 written without them (RFC 8866 5.14
    /// asks for one or more, also at port 0). The section is read with no formats, so it
    /// lists no codec.
    MissingFormats,
    /// A `v=` line after the first: the start of another session description
    /// concatenated to this one (RFC 8866 5 allows such sequences where one description
    /// is not asked for; a SIP body is one offer or answer). The reading ends before it:
    /// the first description is read, and the rest is reported at that line and not
    /// written back ([`descriptions`](super::descriptions) splits such text to read
    /// each).
    ConcatenatedDescriptions,
    /// An rtpmap without a clock rate (`a=rtpmap:98 iLBC`, as X-Lite wrote it;
    /// `a=rtpmap:100 VP8`) whose encoding's RTP payload format registration fixes one
    /// (iLBC 8000 Hz, opus 48000 Hz, video 90000 Hz, ...): read at that rate, so the codec
    /// is listed; the attribute is kept as written. An encoding whose rate varies
    /// (speex, G7221, telephone-event) or is unknown (`AppleLossless`) is a
    /// [`Quirk::MalformedAttribute`] and lists no codec.
    MissingClockRate,
    /// No `o=` line (a Wisenet NVR's RTSP description, `v=0` then `s=DWC-MV94WiAT`, and
    /// other RTSP servers that leave the origin out; RFC 8866 5 makes it mandatory): the
    /// origin reads as empty (every field `""`), reported at the line where `o=` was due,
    /// and is written back as an empty `o=`.
    MissingOrigin,
    /// A `c=` line of fewer than three fields, as RTSP cameras write it: its network type
    /// alone (`c=IN`, a Uniview or VCP camera's), an address type without an address
    /// (`c=IN IP4`), or an address without its address type (`c=IN 198.51.100.1`). Kept
    /// as written: the fields not written are empty, so a connection without an address
    /// names none (a media section's [`Media::connection`](super::Media::connection) is
    /// still that line).
    ShortConnection,
    /// A `t=` line that is not two decimal times (a FLIR camera's `t=now-`, an RTSP range
    /// written as the time line): read as an unbounded session (`t=0 0`, RFC 8866 5.9)
    /// and written back so; the `r=` lines after it belong to it.
    MalformedTime,
    /// An `r=` line that repeats nothing: its fields typed times, but a repeat interval
    /// of 0 or no offsets (an AJA encoder's `r=0 0`; RFC 8866 5.10 asks for an interval,
    /// an active duration and at least one offset). It is skipped, and so not written
    /// back.
    EmptyRepeat,
    /// GB/T 28181's `y=` and `f=` lines (China's video-surveillance standard): the
    /// stream's SSRC (`y=0100008888`, ten decimal digits, the first 0 for live video and
    /// 1 for playback) and its media parameters (`f=v/2/5/25/1/4096a///`), which its
    /// cameras, NVRs and platforms write after the media lines of every INVITE and
    /// answer. RFC 8866 5 has a parser refuse a line type it does not know; with the
    /// quirk they are kept (a `y=` of digits, an `f=` of GB/T 28181's shape: `v`, five
    /// `/`-led fields of digits, `a`, three more, any of them empty; another value, or
    /// another line type, is still refused), wherever they stand after `v=`, in
    /// [`Sdp::gb28181_ssrc`](super::Sdp::gb28181_ssrc) and
    /// [`Sdp::gb28181_format`](super::Sdp::gb28181_format) (a second one of either is
    /// refused), and written back at the end of the description, where GB/T 28181 puts
    /// them.
    Gb28181Lines,
    /// A media section of a trickle-ICE fragment (RFC 8840; the body of a WHIP or WHEP
    /// PATCH, RFC 9725) without `a=mid`, the attribute that names the section of the
    /// session its candidates belong to and which RFC 8840 requires in every section of a
    /// fragment. The section is kept (its [`Media::mid`](super::Media::mid) is `None`,
    /// so a receiver can match it by its position only) and reported at its `m=` line.
    /// Session descriptions are not concerned: a section of a session may have no mid.
    MissingMid,
}

impl Quirk {
    /// Every quirk, in declaration order.
    pub const ALL: [Quirk; 28] = [
        Quirk::BlankLines,
        Quirk::TrailingWhitespace,
        Quirk::SpaceAfterAttributeColon,
        Quirk::LinesOutOfOrder,
        Quirk::MalformedAttribute,
        Quirk::EmptyBody,
        Quirk::DecimalClockRate,
        Quirk::CrLineEnds,
        Quirk::NonUtf8Text,
        Quirk::AddressTypeMismatch,
        Quirk::LeadingWhitespace,
        Quirk::StrayLine,
        Quirk::MalformedOrigin,
        Quirk::MalformedConnection,
        Quirk::MissingSessionName,
        Quirk::CutLastLine,
        Quirk::UnclosedMultipart,
        Quirk::LfMultipart,
        Quirk::ByteOrderMark,
        Quirk::MissingFormats,
        Quirk::ConcatenatedDescriptions,
        Quirk::MissingClockRate,
        Quirk::MissingOrigin,
        Quirk::ShortConnection,
        Quirk::MalformedTime,
        Quirk::EmptyRepeat,
        Quirk::Gb28181Lines,
        Quirk::MissingMid,
    ];

    /// A stable snake_case name (`blank_lines`, ...), as the CLI prints it.
    pub const fn name(self) -> &'static str {
        match self {
            Quirk::BlankLines => "blank_lines",
            Quirk::TrailingWhitespace => "trailing_whitespace",
            Quirk::SpaceAfterAttributeColon => "space_after_attribute_colon",
            Quirk::LinesOutOfOrder => "lines_out_of_order",
            Quirk::MalformedAttribute => "malformed_attribute",
            Quirk::EmptyBody => "empty_body",
            Quirk::DecimalClockRate => "decimal_clock_rate",
            Quirk::CrLineEnds => "cr_line_ends",
            Quirk::NonUtf8Text => "non_utf8_text",
            Quirk::AddressTypeMismatch => "address_type_mismatch",
            Quirk::LeadingWhitespace => "leading_whitespace",
            Quirk::StrayLine => "stray_line",
            Quirk::MalformedOrigin => "malformed_origin",
            Quirk::MalformedConnection => "malformed_connection",
            Quirk::MissingSessionName => "missing_session_name",
            Quirk::CutLastLine => "cut_last_line",
            Quirk::UnclosedMultipart => "unclosed_multipart",
            Quirk::LfMultipart => "lf_multipart",
            Quirk::ByteOrderMark => "byte_order_mark",
            Quirk::MissingFormats => "missing_formats",
            Quirk::ConcatenatedDescriptions => "concatenated_descriptions",
            Quirk::MissingClockRate => "missing_clock_rate",
            Quirk::MissingOrigin => "missing_origin",
            Quirk::ShortConnection => "short_connection",
            Quirk::MalformedTime => "malformed_time",
            Quirk::EmptyRepeat => "empty_repeat",
            Quirk::Gb28181Lines => "gb28181_lines",
            Quirk::MissingMid => "missing_mid",
        }
    }
}

impl fmt::Display for Quirk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A quirk met while reading: where, which, and what the strict reading would have said.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Diagnostic {
    /// The 1-based line number (0 for the whole input).
    pub line: usize,
    /// The byte offset of the line start in the input.
    pub offset: usize,
    /// The quirk accepted.
    pub quirk: Quirk,
    /// What a strict reading reports there.
    pub reason: String,
}

impl Diagnostic {
    /// The same diagnostic with its offset moved by `base` bytes.
    #[must_use]
    pub fn shifted(mut self, base: usize) -> Self {
        self.offset = self.offset.saturating_add(base);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SDP line {} (byte {}): {} ({})",
            self.line, self.offset, self.reason, self.quirk
        )
    }
}
