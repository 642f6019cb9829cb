//! SDP (RFC 8866) parsing and serialization, and offer/answer (RFC 3264).
//!
//! [`parse`] reads an SDP body into a [`Sdp`] that borrows every piece of text from the
//! input (no copies); [`Sdp::into_owned`] gives the same value owning its text, for
//! keeping or for bindings. Writing an unmodified [`Sdp`] back (its
//! [`Display`](std::fmt::Display), [`Sdp::to_bytes`]) gives the input byte for byte: the
//! parser accepts only the RFC 8866 grammar (single spaces between fields, the fixed line
//! order) and keeps free-form parts verbatim, and it remembers the line ending (CRLF or
//! LF). Attribute lines are split in the same pass into [`Attribute`]s (name and value as
//! written) and typed on access ([`Attribute::typed`] gives a [`TypedAttribute`], one
//! variant per attribute with its grammar; unknown attributes are
//! [`TypedAttribute::Other`]). A strict parser, the default, also checks every known
//! attribute against its grammar; a tolerant one ([`Parser::quirks`] with
//! [`Quirk::MalformedAttribute`]) leaves that to the typed access.
//!
//! ```
//! use sip_core::sdp::{self, Direction, TypedAttribute};
//!
//! let text = "v=0\r\n\
//! o=alice 2890844526 2890844526 IN IP4 198.51.100.1\r\n\
//! s=-\r\n\
//! c=IN IP4 198.51.100.1\r\n\
//! t=0 0\r\n\
//! m=audio 49170 RTP/AVP 0 8 101\r\n\
//! a=rtpmap:101 telephone-event/8000\r\n\
//! a=fmtp:101 0-15\r\n\
//! a=sendrecv\r\n";
//! let sdp = sdp::parse(text)?;
//! let audio = &sdp.media[0];
//! assert_eq!(audio.port, 49170);
//! // PCMU and PCMA are static payload types (RFC 3551): known without an rtpmap.
//! let names: Vec<_> = audio.codecs().map(|c| c.name.to_string()).collect();
//! assert_eq!(names, ["PCMU", "PCMA", "telephone-event"]);
//! assert_eq!(audio.direction(&sdp), Direction::SendRecv);
//! let Ok(TypedAttribute::Rtpmap(rtpmap)) = audio.attributes[0].typed() else { panic!() };
//! assert_eq!((rtpmap.payload_type, rtpmap.clock_rate), (101, 8000));
//! // Unmodified, it writes back byte-identical.
//! assert_eq!(sdp.to_string(), text);
//! # Ok::<(), sdp::Error>(())
//! ```
//!
//! Offer/answer lives in [`offer_answer`]; static payload types in [`static_payload`].

use std::borrow::Cow;
use std::fmt;

mod attribute;
mod error;
pub mod offer_answer;
mod payload;
mod quirks;
mod sip;

pub use attribute::{
    Attribute, Candidate, CandidateType, Crypto, Direction, Extmap, Fingerprint, Fmtp, Group,
    H264Params, InlineKey, Msid, OpusParams, PacketTime, ProfileLevelId, Rid, RidDirection, Rtcp,
    RtcpFb, Rtpmap, Sctpmap, Setup, SilenceSupp, Simulcast, SimulcastId, Ssrc, SsrcGroup,
    TelephoneEvents, TypedAttribute, parse_events,
};
pub use error::{Error, NegotiationErrorKind, ParseErrorKind};
pub use payload::{StaticPayload, static_payload};
pub use quirks::{Diagnostic, Quirk, Quirks};
pub use sip::{SessionBody, from_sip_body, from_sip_body_with_diagnostics, sdp_part};

/// The line ending an SDP uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LineEnding {
    /// `\r\n`, as RFC 8866 prescribes.
    #[default]
    Crlf,
    /// `\n` alone (accepted on input).
    Lf,
    /// `\r` alone (read with [`Quirk::CrLineEnds`]).
    Cr,
}

impl LineEnding {
    /// The line ending's bytes.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Crlf => "\r\n",
            LineEnding::Lf => "\n",
            LineEnding::Cr => "\r",
        }
    }
}

/// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`.
/// The default is the empty origin (every field `""`), as a description without `o=`
/// reads with [`Quirk::MissingOrigin`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Origin<'a> {
    /// The user name (`-` when none).
    pub username: Cow<'a, str>,
    /// The session identifier (a numeric string).
    pub session_id: Cow<'a, str>,
    /// The session version (a numeric string).
    pub session_version: Cow<'a, str>,
    /// The network type (`IN`).
    pub network_type: Cow<'a, str>,
    /// The address type (`IP4` or `IP6`).
    pub address_type: Cow<'a, str>,
    /// The originator's address.
    pub address: Cow<'a, str>,
}

/// `c=<nettype> <addrtype> <address>[/<ttl>][/<number of addresses>]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Connection<'a> {
    /// The network type (`IN`).
    pub network_type: Cow<'a, str>,
    /// The address type (`IP4` or `IP6`).
    pub address_type: Cow<'a, str>,
    /// The address without its `/` suffixes.
    pub address: Cow<'a, str>,
    /// The multicast TTL (IPv4 only).
    pub ttl: Option<u8>,
    /// The number of multicast addresses.
    pub count: Option<u32>,
}

impl Connection<'_> {
    /// Whether the address is the "unspecified" address used for hold (RFC 3264 §8.4):
    /// `0.0.0.0` or `::`.
    pub fn is_unspecified(&self) -> bool {
        self.address == "0.0.0.0" || self.address == "::"
    }
}

/// `b=<bwtype>:<bandwidth>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Bandwidth<'a> {
    /// The bandwidth type (`AS`, `CT`, `TIAS`, `RS`, `RR`, ...).
    pub bw_type: Cow<'a, str>,
    /// The bandwidth (kbit/s for `AS`/`CT`).
    pub value: u64,
}

/// `t=<start> <stop>` with its `r=` repeat lines (verbatim).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timing<'a> {
    /// Start time (NTP seconds; 0 for unbounded).
    pub start: u64,
    /// Stop time (NTP seconds; 0 for unbounded).
    pub stop: u64,
    /// The `r=` lines following this `t=` line, verbatim.
    pub repeats: Vec<Cow<'a, str>>,
}

/// One media section: its `m=` line and the lines after it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Media<'a> {
    /// The media type (`audio`, `video`, `application`, ...).
    pub media: Cow<'a, str>,
    /// The transport port (0 rejects or disables the stream).
    pub port: u16,
    /// The number of ports (`<port>/<number>`), if given.
    pub port_count: Option<u16>,
    /// The transport protocol (`RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF`, ...).
    pub protocol: Cow<'a, str>,
    /// The media formats (payload types for RTP).
    pub formats: Vec<Cow<'a, str>>,
    /// `i=` media title.
    pub title: Option<Cow<'a, str>>,
    /// `c=` lines.
    pub connections: Vec<Connection<'a>>,
    /// `b=` lines.
    pub bandwidths: Vec<Bandwidth<'a>>,
    /// `k=` line, verbatim.
    pub key: Option<Cow<'a, str>>,
    /// `a=` lines in order.
    pub attributes: Vec<Attribute<'a>>,
}

/// A session description (RFC 8866 §5). The default is an empty one: an empty origin
/// and session name, no lines, CRLF line ends and no line end after the last line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sdp<'a> {
    /// `o=` origin.
    pub origin: Origin<'a>,
    /// `s=` session name.
    pub session_name: Cow<'a, str>,
    /// `i=` session information.
    pub information: Option<Cow<'a, str>>,
    /// `u=` URI.
    pub uri: Option<Cow<'a, str>>,
    /// `e=` email addresses.
    pub emails: Vec<Cow<'a, str>>,
    /// `p=` phone numbers.
    pub phones: Vec<Cow<'a, str>>,
    /// Session-level `c=`.
    pub connection: Option<Connection<'a>>,
    /// Session-level `b=` lines.
    pub bandwidths: Vec<Bandwidth<'a>>,
    /// `t=` lines with their `r=` lines (may be empty: some endpoints omit `t=`).
    pub times: Vec<Timing<'a>>,
    /// `z=` time-zone adjustments, verbatim.
    pub time_zones: Option<Cow<'a, str>>,
    /// Session-level `k=`, verbatim.
    pub key: Option<Cow<'a, str>>,
    /// Session-level `a=` lines.
    pub attributes: Vec<Attribute<'a>>,
    /// Media sections in order.
    pub media: Vec<Media<'a>>,
    /// The line ending to write (the first line's, when parsed).
    pub line_ending: LineEnding,
    /// Whether the last line ends with a line ending (true when built).
    pub final_line_ending: bool,
    /// GB/T 28181's `y=` line, verbatim: the SSRC of the stream as ten decimal digits
    /// (read with [`Quirk::Gb28181Lines`]; [`Sdp::gb28181_rtp_ssrc`] gives the number).
    #[cfg_attr(feature = "serde", serde(default))]
    pub gb28181_ssrc: Option<Cow<'a, str>>,
    /// GB/T 28181's `f=` line, verbatim: the media parameters (after `v`, the video
    /// codec, resolution, frame rate, bitrate type and bitrate; after `a`, the audio
    /// codec, bitrate and sample rate, each led by `/`: `v/2/5/25/1/4096a///`), read with
    /// [`Quirk::Gb28181Lines`].
    #[cfg_attr(feature = "serde", serde(default))]
    pub gb28181_format: Option<Cow<'a, str>>,
}

/// A trickle-ICE SDP fragment (RFC 8840 9.2, `application/trickle-ice-sdpfrag`): the
/// body of a SIP INFO of the `trickle-ice` package, and of a WHIP or WHEP PATCH that
/// trickles candidates or restarts ICE (RFC 9725). Session-level attributes (`a=ice-ufrag`,
/// `a=ice-pwd`, `a=ice-options`, `a=end-of-candidates`), then media sections, each an
/// `m=` line and its attributes (`a=mid` naming the section of the session it belongs to,
/// `a=candidate` lines). Read with [`Parser::parse_fragment`] or [`parse_fragment`];
/// written back by its `Display`, byte-identical when unmodified.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fragment<'a> {
    /// Session-level `a=` lines.
    pub attributes: Vec<Attribute<'a>>,
    /// Media sections in order.
    pub media: Vec<Media<'a>>,
    /// The line ending to write (the first line's, when parsed).
    pub line_ending: LineEnding,
    /// Whether the last line ends with a line ending.
    pub final_line_ending: bool,
}

impl<'a> Fragment<'a> {
    /// The fragment of what [`Parser::read_as`] read from [`Builder::fragment`].
    fn of(s: Sdp<'a>) -> Self {
        Fragment {
            attributes: s.attributes,
            media: s.media,
            line_ending: s.line_ending,
            final_line_ending: s.final_line_ending,
        }
    }

    /// The session-level attribute named `name`.
    pub fn attribute(&self, name: &str) -> Option<&Attribute<'a>> {
        self.attributes.iter().find(|a| a.name() == name)
    }

    /// A copy that owns all its text, independent of the input buffer.
    pub fn into_owned(self) -> Fragment<'static> {
        Fragment {
            attributes: self
                .attributes
                .into_iter()
                .map(Attribute::into_owned)
                .collect(),
            media: self.media.into_iter().map(Media::into_owned).collect(),
            line_ending: self.line_ending,
            final_line_ending: self.final_line_ending,
        }
    }
}

impl fmt::Display for Fragment<'_> {
    /// Writes the fragment with its line ending.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut w = Line {
            f,
            eol: self.line_ending.as_str(),
            first: true,
        };
        w.attributes_and_media(&self.attributes, &self.media)?;
        if self.final_line_ending && !w.first {
            w.f.write_str(w.eol)?;
        }
        Ok(())
    }
}

/// A codec of a media section: its payload type with the `rtpmap`/`fmtp` for it, or the
/// static payload type's defaults (RFC 3551).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Codec<'a> {
    /// The payload type.
    pub payload_type: u8,
    /// The encoding name as written.
    pub name: Cow<'a, str>,
    /// The clock rate in Hz.
    pub clock_rate: u32,
    /// The channel count, if stated.
    pub channels: Option<u16>,
    /// The `fmtp` parameters, verbatim.
    pub fmtp: Option<Cow<'a, str>>,
}

impl<'a> Media<'a> {
    /// The media direction: the media-level attribute, else the session-level one, else
    /// `sendrecv` (RFC 8866 §6.7).
    pub fn direction(&self, session: &Sdp<'_>) -> Direction {
        find_direction(&self.attributes)
            .or_else(|| find_direction(&session.attributes))
            .unwrap_or(Direction::SendRecv)
    }

    /// The attributes called `name` read by their grammar, in order; one whose value
    /// does not read is skipped (see [`Attribute::typed`] for its error).
    pub fn typed_attributes<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = TypedAttribute<'s>> + 's {
        typed_named(&self.attributes, name)
    }

    /// The `a=rtpmap` for payload type `pt`.
    pub fn rtpmap(&self, pt: u8) -> Option<Rtpmap<'_>> {
        self.typed_attributes("rtpmap").find_map(|a| match a {
            TypedAttribute::Rtpmap(r) if r.payload_type == pt => Some(r),
            _ => None,
        })
    }

    /// The `a=fmtp` for format `format`.
    pub fn fmtp(&self, format: &str) -> Option<Fmtp<'_>> {
        self.typed_attributes("fmtp").find_map(|a| match a {
            TypedAttribute::Fmtp(f) if f.format == format => Some(f),
            _ => None,
        })
    }

    /// The `a=mid` value.
    pub fn mid(&self) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.is("mid"))
            .and_then(Attribute::value)
    }

    /// The `a=ptime` value in milliseconds, when it is a whole number of them (see
    /// [`Media::packet_time`] for `0.125`).
    pub fn ptime(&self) -> Option<u32> {
        self.packet_time().and_then(PacketTime::whole_millis)
    }

    /// The `a=ptime` value, fractions of a millisecond included.
    pub fn packet_time(&self) -> Option<PacketTime> {
        self.typed_attributes("ptime").find_map(|a| match a {
            TypedAttribute::Ptime(p) => Some(p),
            _ => None,
        })
    }

    /// Whether the section is rejected or disabled (port 0).
    pub fn is_rejected(&self) -> bool {
        self.port == 0
    }

    /// Whether the section has `a=rtcp-mux`.
    pub fn has_rtcp_mux(&self) -> bool {
        self.attributes
            .iter()
            .any(|a| a.is("rtcp-mux") && a.value.is_none())
    }

    /// The codecs of the payload-type formats, in `m=` line order: from `a=rtpmap`, else
    /// from the static payload table. Formats that are neither are skipped. A payload
    /// type written with leading zeros (`00`, as pjsip's regression test of an old
    /// phone's offer has it) is that number.
    pub fn codecs(&self) -> impl Iterator<Item = Codec<'_>> + '_ {
        self.formats.iter().filter_map(move |f| {
            let pt = payload_type(f)?;
            let fmtp = self.fmtp(f).map(|x| x.params.clone());
            if let Some(r) = self.rtpmap(pt) {
                return Some(Codec {
                    payload_type: pt,
                    name: r.encoding.clone(),
                    clock_rate: r.clock_rate,
                    channels: r.channels,
                    fmtp,
                });
            }
            let s = static_payload(pt)?;
            Some(Codec {
                payload_type: pt,
                name: Cow::Borrowed(s.name),
                clock_rate: s.clock_rate,
                channels: s.channels,
                fmtp,
            })
        })
    }

    /// The media-level connection, else the session-level one.
    pub fn connection<'s>(&'s self, session: &'s Sdp<'a>) -> Option<&'s Connection<'a>> {
        self.connections.first().or(session.connection.as_ref())
    }

    /// A copy that owns all its text.
    pub fn into_owned(self) -> Media<'static> {
        Media {
            media: own(self.media),
            port: self.port,
            port_count: self.port_count,
            protocol: own(self.protocol),
            formats: self.formats.into_iter().map(own).collect(),
            title: own_opt(self.title),
            connections: self
                .connections
                .into_iter()
                .map(Connection::into_owned)
                .collect(),
            bandwidths: self
                .bandwidths
                .into_iter()
                .map(Bandwidth::into_owned)
                .collect(),
            key: own_opt(self.key),
            attributes: self
                .attributes
                .into_iter()
                .map(Attribute::into_owned)
                .collect(),
        }
    }
}

/// The first direction attribute (`a=sendrecv`, ...) of `attrs`.
pub(crate) fn find_direction(attrs: &[Attribute<'_>]) -> Option<Direction> {
    attrs.iter().find_map(Attribute::direction)
}

/// The attributes of `attrs` called `name`, typed; those whose value does not read are
/// skipped.
pub(crate) fn typed_named<'s>(
    attrs: &'s [Attribute<'_>],
    name: &'s str,
) -> impl Iterator<Item = TypedAttribute<'s>> + 's {
    attrs
        .iter()
        .filter(move |a| a.is(name))
        .filter_map(|a| a.typed().ok())
}

impl Connection<'_> {
    /// A copy that owns all its text.
    pub fn into_owned(self) -> Connection<'static> {
        Connection {
            network_type: own(self.network_type),
            address_type: own(self.address_type),
            address: own(self.address),
            ttl: self.ttl,
            count: self.count,
        }
    }
}

impl Bandwidth<'_> {
    /// A copy that owns all its text.
    pub fn into_owned(self) -> Bandwidth<'static> {
        Bandwidth {
            bw_type: own(self.bw_type),
            value: self.value,
        }
    }
}

impl Timing<'_> {
    /// A copy that owns all its text.
    pub fn into_owned(self) -> Timing<'static> {
        Timing {
            start: self.start,
            stop: self.stop,
            repeats: self.repeats.into_iter().map(own).collect(),
        }
    }
}

impl Origin<'_> {
    /// A copy that owns all its text.
    pub fn into_owned(self) -> Origin<'static> {
        Origin {
            username: own(self.username),
            session_id: own(self.session_id),
            session_version: own(self.session_version),
            network_type: own(self.network_type),
            address_type: own(self.address_type),
            address: own(self.address),
        }
    }
}

impl<'a> Sdp<'a> {
    /// A copy that owns all its text (`Sdp<'static>`), independent of the input buffer.
    pub fn into_owned(self) -> Sdp<'static> {
        Sdp {
            origin: self.origin.into_owned(),
            session_name: own(self.session_name),
            information: own_opt(self.information),
            uri: own_opt(self.uri),
            emails: self.emails.into_iter().map(own).collect(),
            phones: self.phones.into_iter().map(own).collect(),
            connection: self.connection.map(Connection::into_owned),
            bandwidths: self
                .bandwidths
                .into_iter()
                .map(Bandwidth::into_owned)
                .collect(),
            times: self.times.into_iter().map(Timing::into_owned).collect(),
            time_zones: own_opt(self.time_zones),
            key: own_opt(self.key),
            attributes: self
                .attributes
                .into_iter()
                .map(Attribute::into_owned)
                .collect(),
            media: self.media.into_iter().map(Media::into_owned).collect(),
            line_ending: self.line_ending,
            final_line_ending: self.final_line_ending,
            gb28181_ssrc: own_opt(self.gb28181_ssrc),
            gb28181_format: own_opt(self.gb28181_format),
        }
    }

    /// The RTP SSRC that GB/T 28181's `y=` line gives the stream (its ten decimal
    /// digits as a number), when the line is there and is such a number.
    ///
    /// ```
    /// use sip_core::sdp::{Parser, Quirks};
    ///
    /// // A GB/T 28181 platform's INVITE to play a camera's live video.
    /// let body = "v=0\r\no=34020000002000000001 0 0 IN IP4 192.0.2.3\r\ns=Play\r\n\
    ///             c=IN IP4 192.0.2.3\r\nt=0 0\r\nm=video 6000 RTP/AVP 96\r\n\
    ///             a=recvonly\r\na=rtpmap:96 PS/90000\r\ny=0100008888\r\n";
    /// assert!(sip_core::sdp::parse(body).is_err()); // RFC 8866 knows no `y=`
    /// let sdp = Parser::new().quirks(Quirks::ALL).parse(body)?;
    /// assert_eq!(sdp.gb28181_ssrc.as_deref(), Some("0100008888"));
    /// assert_eq!(sdp.gb28181_rtp_ssrc(), Some(100_008_888));
    /// # Ok::<(), sip_core::sdp::Error>(())
    /// ```
    pub fn gb28181_rtp_ssrc(&self) -> Option<u32> {
        parse_padded(self.gb28181_ssrc.as_deref()?, 10)
    }

    /// An owned copy, leaving `self` as it is.
    pub fn to_owned_sdp(&self) -> Sdp<'static> {
        self.clone().into_owned()
    }

    /// The session-level attribute named `name`.
    pub fn attribute(&self, name: &str) -> Option<&Attribute<'a>> {
        self.attributes.iter().find(|a| a.name() == name)
    }

    /// The serialized SDP as bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }
}

/// Converts borrowed text into owned text.
pub(crate) fn own(c: Cow<'_, str>) -> Cow<'static, str> {
    match c {
        Cow::Borrowed(s) => match common_text(s) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(s.to_owned()),
        },
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// Text that SDP repeats in almost every session (payload type numbers, network and
/// address types, media types and protocols, attribute names), as a `'static` string: an
/// owned copy of a session points at it instead of allocating.
fn common_text(s: &str) -> Option<&'static str> {
    const NUMBERS: [&str; 128] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
        "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
        "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46",
        "47", "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61",
        "62", "63", "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76",
        "77", "78", "79", "80", "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91",
        "92", "93", "94", "95", "96", "97", "98", "99", "100", "101", "102", "103", "104", "105",
        "106", "107", "108", "109", "110", "111", "112", "113", "114", "115", "116", "117", "118",
        "119", "120", "121", "122", "123", "124", "125", "126", "127",
    ];
    if let Some(n) = parse_num::<u8>(s) {
        return NUMBERS.get(usize::from(n)).copied();
    }
    if let Some(name) = TypedAttribute::static_name(s) {
        return Some(name);
    }
    const WORDS: [&str; 17] = [
        "IN",
        "IP4",
        "IP6",
        "-",
        "audio",
        "video",
        "application",
        "RTP/AVP",
        "RTP/AVPF",
        "RTP/SAVP",
        "RTP/SAVPF",
        "UDP/TLS/RTP/SAVPF",
        "UDP/DTLS/SCTP",
        "msid-semantic",
        "extmap-allow-mixed",
        "sctp-port",
        "max-message-size",
    ];
    WORDS.iter().find(|w| **w == s).copied()
}

/// Converts optional borrowed text into owned text.
pub(crate) fn own_opt(c: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    c.map(own)
}

/// Parses a decimal number of 1 or more ASCII digits without sign or leading zero.
pub(crate) fn parse_num<T: TryFrom<u64>>(s: &str) -> Option<T> {
    let b = s.as_bytes();
    if b.is_empty() || (b.len() > 1 && b[0] == b'0') {
        return None;
    }
    let mut n = 0u64;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(d))?;
    }
    T::try_from(n).ok()
}

/// An RTP payload type format (0-127): one to three digits, leading zeros allowed.
fn payload_type(f: &str) -> Option<u8> {
    parse_padded(f, 3).filter(|p: &u8| *p < 128)
}

/// A decimal number of one to `max` digits, leading zeros allowed (`00`, `0100008888`).
fn parse_padded<T: TryFrom<u64>>(s: &str, max: usize) -> Option<T> {
    if s.is_empty() || s.len() > max {
        return None;
    }
    match s.trim_start_matches('0') {
        "" => T::try_from(0).ok(),
        digits => parse_num(digits),
    }
}

/// Splits at the first `b` (an ASCII byte).
pub(crate) fn split_byte(s: &str, b: u8) -> Option<(&str, &str)> {
    let i = s.as_bytes().iter().position(|&c| c == b)?;
    Some((&s[..i], &s[i + 1..]))
}

/// Splits at every `b` (an ASCII byte), like `str::split` with a char but cheaper on the
/// short fields of SDP lines.
pub(crate) struct SplitByte<'a> {
    rest: Option<&'a str>,
    b: u8,
}

impl<'a> Iterator for SplitByte<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let r = self.rest?;
        match r.as_bytes().iter().position(|&c| c == self.b) {
            Some(i) => {
                self.rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                self.rest = None;
                Some(r)
            }
        }
    }
}

/// Splits `s` at every `b`.
pub(crate) fn split_by(s: &str, b: u8) -> SplitByte<'_> {
    SplitByte { rest: Some(s), b }
}

/// Collects space-separated tokens, none empty.
pub(crate) fn tokens<'a>(it: impl Iterator<Item = &'a str>) -> Option<Vec<Cow<'a, str>>> {
    it.map(|t| (!t.is_empty()).then_some(Cow::Borrowed(t)))
        .collect()
}

/// Splits into exactly `N` non-empty fields separated by single spaces.
pub(crate) fn fields<const N: usize>(s: &str) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut it = split_by(s, b' ');
    for slot in &mut out {
        let t = it.next()?;
        if t.is_empty() {
            return None;
        }
        *slot = t;
    }
    it.next().is_none().then_some(out)
}

/// RFC 8866 `token-char`: the one `token` table of the crate ([`crate::names::TOKEN`],
/// RFC 3261's) and `#`, `$`, `&`, `^`, `{`, `|`, `}`, which RFC 8866's token also allows.
const SDP_TOKEN: [bool; 256] = {
    let mut t = crate::names::TOKEN;
    let extra = *b"#$&^{|}";
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether `s` is an RFC 8866 `token` (one table lookup per byte, no early exit).
#[inline]
pub(crate) fn is_sdp_token(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().fold(true, |ok, &c| ok & SDP_TOKEN[c as usize])
}

/// Whether a line of this type is free text, which may end in whitespace (`s=`, `i=`,
/// `u=`, `e=`, `p=`, `k=`).
/// Whether a line starts `<type>=` with a lower-case type letter.
fn is_type_value(line: &[u8]) -> bool {
    line.len() >= 2 && line[1] == b'=' && line[0].is_ascii_lowercase()
}

fn is_free_text(t: Option<&u8>) -> bool {
    matches!(t, Some(b's' | b'i' | b'u' | b'e' | b'p' | b'k'))
}

/// Whether `line` is an attribute whose value keeps the spaces or tabs at its end: a
/// value that is a byte string (RFC 8866 `att-value`, an unknown attribute's
/// `a=msid-semantic: WMS `) or that reads by its attribute's grammar with them.
fn attribute_reads_as_written(line: &str) -> bool {
    line.strip_prefix("a=")
        .and_then(|v| Attribute::parse(v).ok())
        .is_some_and(|a| {
            a.value.is_some()
                && is_sdp_token(a.name.as_bytes())
                && TypedAttribute::read(&a.name, a.value.as_deref()).is_ok()
        })
}

/// Whether a line that failed the strict reading reads once the spaces and tabs at its
/// end are gone: then they are what broke it. Only the grammar of the line itself is
/// read (no order, no state).
fn reads_without_trailing_whitespace(line: &str) -> bool {
    let line = line.trim_end_matches([' ', '\t']);
    let Some(value) = line.get(2..) else {
        return false;
    };
    match line.as_bytes()[0] {
        b'v' => value == "0",
        b'o' => parse_origin(value).is_ok_and(|o| check_origin(&o).is_ok()),
        b'c' => parse_connection(value).is_ok(),
        b'b' => parse_bandwidth(value).is_ok(),
        b't' => parse_timing(value, &mut Vec::new()).is_ok(),
        b'm' => parse_media(value, &mut Vec::new(), false).is_ok(),
        b'a' => Attribute::parse(value).is_ok_and(|a| {
            is_sdp_token(a.name.as_bytes())
                && TypedAttribute::read(&a.name, a.value.as_deref()).is_ok()
        }),
        _ => false,
    }
}

/// Parser settings: limits and leniency. A builder: chain the setters, then call
/// [`Parser::parse`].
///
/// ```
/// use sip_core::sdp::{Parser, ParseErrorKind};
///
/// let parser = Parser::new().max_media(1);
/// let err = parser
///     .parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\nm=audio 2 RTP/AVP 0\r\n")
///     .unwrap_err();
/// assert_eq!(err.parse_kind(), Some(&ParseErrorKind::TooManyMedia(1)));
/// assert_eq!(err.line(), Some(6));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parser {
    max_size: usize,
    max_lines: usize,
    max_media: usize,
    max_line_len: usize,
    quirks: Quirks,
}

impl Default for Parser {
    fn default() -> Self {
        Self::new()
    }
}

impl Parser {
    /// Default limits: 256 KiB, 8192 lines, 256 media sections, 8192 bytes per line;
    /// malformed known attributes are errors.
    pub const fn new() -> Self {
        Parser {
            max_size: 256 * 1024,
            max_lines: 8192,
            max_media: 256,
            max_line_len: 8192,
            quirks: Quirks::NONE,
        }
    }

    /// Sets the largest accepted input in bytes.
    pub const fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// Sets the most lines accepted.
    pub const fn max_lines(mut self, lines: usize) -> Self {
        self.max_lines = lines;
        self
    }

    /// Sets the most media sections accepted.
    pub const fn max_media(mut self, media: usize) -> Self {
        self.max_media = media;
        self
    }

    /// Sets the longest line accepted in bytes (without its line ending).
    pub const fn max_line_len(mut self, bytes: usize) -> Self {
        self.max_line_len = bytes;
        self
    }

    /// When true, a known attribute whose value breaks its grammar is kept as written
    /// (its [`Attribute::typed`] is the error) instead of failing the parse (the quirk
    /// [`Quirk::MalformedAttribute`]).
    pub const fn lenient_attributes(mut self, lenient: bool) -> Self {
        self.quirks = if lenient {
            self.quirks.with(Quirk::MalformedAttribute)
        } else {
            self.quirks.without(Quirk::MalformedAttribute)
        };
        self
    }

    /// Sets the quirks of deployed equipment that the reading accepts (each reported as a
    /// [`Diagnostic`] by [`Parser::parse_with_diagnostics`]); [`Quirks::NONE`] by default.
    pub const fn quirks(mut self, quirks: Quirks) -> Self {
        self.quirks = quirks;
        self
    }

    /// The quirks this parser accepts.
    pub const fn get_quirks(&self) -> Quirks {
        self.quirks
    }

    /// The largest input accepted in bytes (see [`Parser::max_size`]).
    pub const fn get_max_size(&self) -> usize {
        self.max_size
    }

    /// Reads an SDP body that may hold none. With [`Quirk::EmptyBody`], a body that is
    /// empty or holds only blank lines, spaces and tabs reads as no SDP (`Ok(None)`) with
    /// an `empty_body` [`Diagnostic`] (line 0, offset 0); any other body reads as
    /// [`Parser::parse_bytes_with_diagnostics`] reads it.
    ///
    /// ```
    /// use sip_core::sdp::{Parser, Quirk, Quirks};
    ///
    /// let mut notes = Vec::new();
    /// let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::EmptyBody));
    /// assert!(parser.parse_body_with_diagnostics(b"  \r\n\r\n", &mut notes)?.is_none());
    /// assert_eq!((notes[0].line, notes[0].offset, notes[0].quirk), (0, 0, Quirk::EmptyBody));
    /// // Strictly, a blank body is an error.
    /// assert!(Parser::new().parse_body_with_diagnostics(b"\r\n", &mut notes).is_err());
    /// # Ok::<(), sip_core::sdp::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Parser::parse_bytes`].
    pub fn parse_body_with_diagnostics<'a>(
        &self,
        input: &'a [u8],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<Sdp<'a>>, Error> {
        if self.quirks.contains(Quirk::EmptyBody)
            && input
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        {
            diagnostics.push(Diagnostic {
                line: 0,
                offset: 0,
                quirk: Quirk::EmptyBody,
                reason: if input.is_empty() {
                    "empty SDP body"
                } else {
                    "SDP body of only blank lines and whitespace"
                }
                .to_owned(),
            });
            return Ok(None);
        }
        self.parse_bytes_with_diagnostics(input, diagnostics)
            .map(Some)
    }

    /// [`Parser::parse_bytes`], pushing a [`Diagnostic`] for each quirk accepted.
    ///
    /// # Errors
    /// As [`Parser::parse_bytes`].
    pub fn parse_bytes_with_diagnostics<'a>(
        &self,
        input: &'a [u8],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Sdp<'a>, Error> {
        self.read_bytes(input, Some(diagnostics))
    }

    /// Parses SDP bytes (UTF-8; with [`Quirk::NonUtf8Text`] each byte that is not UTF-8
    /// reads as `?`).
    ///
    /// # Errors
    /// [`Error::Parse`] with the line, byte offset and reason of the first problem that
    /// no accepted quirk covers.
    pub fn parse_bytes<'a>(&self, input: &'a [u8]) -> Result<Sdp<'a>, Error> {
        self.read_bytes(input, None)
    }

    /// [`Parser::read`] of bytes: UTF-8 as it is, else with [`Quirk::NonUtf8Text`] each
    /// byte that is not UTF-8 as one `?` (so the text keeps the input's offsets, and
    /// every later diagnostic and error points where it did), noted in line order.
    fn read_bytes<'a>(
        &self,
        input: &'a [u8],
        mut diagnostics: Option<&mut Vec<Diagnostic>>,
    ) -> Result<Sdp<'a>, Error> {
        let e = match std::str::from_utf8(input) {
            Ok(s) => return self.read(s, diagnostics),
            Err(e) => e,
        };
        let offset = e.valid_up_to();
        let line = 1 + memchr::memchr_iter(b'\n', &input[..offset]).count();
        if !self.quirks.contains(Quirk::NonUtf8Text) {
            return Err(utf8_error(input, &e));
        }
        let mut text = String::with_capacity(input.len());
        for chunk in input.utf8_chunks() {
            text.push_str(chunk.valid());
            text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
        }
        let first = diagnostics.as_deref().map_or(0, Vec::len);
        let sdp = self.read(&text, diagnostics.as_deref_mut())?.into_owned();
        if let Some(d) = diagnostics {
            let start = memchr::memrchr(b'\n', &input[..offset]).map_or(0, |i| i + 1);
            insert_in_line_order(
                d,
                first,
                Diagnostic {
                    line,
                    offset: start,
                    quirk: Quirk::NonUtf8Text,
                    reason: format!("{} (byte {offset})", ParseErrorKind::InvalidUtf8),
                },
            );
        }
        Ok(sdp)
    }

    /// Parses SDP text.
    pub fn parse<'a>(&self, input: &'a str) -> Result<Sdp<'a>, Error> {
        self.read(input, None)
    }

    /// Parses SDP text, pushing a [`Diagnostic`] onto `diagnostics` for each quirk of
    /// [`Parser::quirks`] that the text needed.
    ///
    /// # Errors
    /// [`Error::Parse`] with the line, byte offset and reason of the first problem that
    /// no accepted quirk covers.
    pub fn parse_with_diagnostics<'a>(
        &self,
        input: &'a str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Sdp<'a>, Error> {
        self.read(input, Some(diagnostics))
    }

    /// Parses a trickle-ICE SDP fragment (RFC 8840 9.2, the body of a SIP INFO of the
    /// `trickle-ice` package and of a WHIP or WHEP PATCH, RFC 9725) with this parser's
    /// quirks and limits: session-level `a=` lines, then media sections of an `m=` line
    /// and its `a=` lines.
    ///
    /// ```
    /// use sip_core::sdp::{Parser, TypedAttribute};
    ///
    /// let frag = "a=ice-ufrag:EsAw\r\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n\
    ///             m=audio 9 RTP/AVP 0\r\na=mid:0\r\n\
    ///             a=candidate:1 1 udp 2122260223 192.0.2.1 61764 typ host\r\n\
    ///             a=end-of-candidates\r\n";
    /// let f = Parser::new().parse_fragment(frag)?;
    /// assert_eq!(f.attribute("ice-ufrag").and_then(|a| a.value.as_deref()), Some("EsAw"));
    /// assert_eq!(f.media[0].mid(), Some("0"));
    /// let Some(TypedAttribute::Candidate(c)) = f.media[0].typed_attributes("candidate").next()
    /// else {
    ///     panic!("a candidate")
    /// };
    /// assert_eq!((c.address.as_ref(), c.port), ("192.0.2.1", 61764));
    /// assert_eq!(f.to_string(), frag);
    /// # Ok::<(), sip_core::sdp::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Parse`] with the line, byte offset and reason of the first problem;
    /// a line other than `a=` or `m=` is [`ParseErrorKind::NotInFragment`].
    pub fn parse_fragment<'a>(&self, input: &'a str) -> Result<Fragment<'a>, Error> {
        self.read_as::<true>(input, None).map(Fragment::of)
    }

    /// [`Parser::parse_fragment`], pushing a [`Diagnostic`] onto `diagnostics` for each
    /// quirk of [`Parser::quirks`] that the text needed.
    ///
    /// # Errors
    /// As [`Parser::parse_fragment`].
    pub fn parse_fragment_with_diagnostics<'a>(
        &self,
        input: &'a str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Fragment<'a>, Error> {
        self.read_as::<true>(input, Some(diagnostics))
            .map(Fragment::of)
    }

    /// [`Parser::parse_fragment_with_diagnostics`] of bytes (a message body, a file):
    /// bytes that are not UTF-8 are [`ParseErrorKind::InvalidUtf8`] at the line and offset
    /// of the first such byte (the session's [`Quirk::NonUtf8Text`] does not apply).
    ///
    /// # Errors
    /// As [`Parser::parse_fragment`].
    pub fn parse_fragment_bytes_with_diagnostics<'a>(
        &self,
        input: &'a [u8],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Fragment<'a>, Error> {
        let text = std::str::from_utf8(input).map_err(|e| utf8_error(input, &e))?;
        self.parse_fragment_with_diagnostics(text, diagnostics)
    }

    /// The one pass over the lines. Known attributes are checked against their grammar
    /// when the parser is strict about them, or when diagnostics are collected (to report
    /// the malformed ones); otherwise they are only split, and typed on access.
    fn read<'a>(
        &self,
        input: &'a str,
        diagnostics: Option<&mut Vec<Diagnostic>>,
    ) -> Result<Sdp<'a>, Error> {
        self.read_as::<false>(input, diagnostics)
    }

    /// [`Parser::read`] of a session, or of a fragment (`FRAGMENT`: from the state of
    /// [`Builder::fragment`]).
    fn read_as<'a, const FRAGMENT: bool>(
        &self,
        input: &'a str,
        mut diagnostics: Option<&mut Vec<Diagnostic>>,
    ) -> Result<Sdp<'a>, Error> {
        let check_attributes =
            !self.quirks.contains(Quirk::MalformedAttribute) || diagnostics.is_some();
        let err =
            |line: usize, offset: usize, kind: ParseErrorKind| Error::Parse { line, offset, kind };
        if input.is_empty() {
            return Err(err(0, 0, ParseErrorKind::Empty));
        }
        if input.len() > self.max_size {
            return Err(err(
                0,
                self.max_size,
                ParseErrorKind::TooLarge(self.max_size),
            ));
        }
        let bytes = input.as_bytes();
        let mut b = if FRAGMENT {
            Builder::fragment()
        } else {
            Builder::default()
        };
        let mut pos = 0;
        let mut line_no = 0;
        if input.starts_with('\u{feff}') {
            if !self.quirks.contains(Quirk::ByteOrderMark) {
                return Err(err(1, 0, ParseErrorKind::ByteOrderMark));
            }
            if let Some(d) = diagnostics.as_deref_mut() {
                d.push(Diagnostic {
                    line: 1,
                    offset: 0,
                    quirk: Quirk::ByteOrderMark,
                    reason: ParseErrorKind::ByteOrderMark.to_string(),
                });
            }
            pos = '\u{feff}'.len_utf8();
        }
        // CR alone ends lines only in a body written that way (its first line so ended):
        // elsewhere a lone CR is a stray byte, or a body cut before its last LF.
        let cr_alone = self.quirks.contains(Quirk::CrLineEnds)
            && crate::scan::line_stop(bytes, 0)
                .is_some_and(|at| bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n'));
        if cr_alone && let Some(d) = diagnostics.as_deref_mut() {
            d.push(Diagnostic {
                line: 1,
                offset: 0,
                quirk: Quirk::CrLineEnds,
                reason: ParseErrorKind::ControlCharacter.to_string(),
            });
        }
        let mut cut_line_end = false;
        // Where the first line that needed `s=` before it stood (see
        // [`Quirk::MissingSessionName`]), and where this reading's diagnostics start.
        let mut missed_at = None;
        let mut origin_missed_at = None;
        let first = diagnostics.as_deref().map_or(0, Vec::len);
        // Where the `m=` line of a fragment's last section stands: a section without
        // `a=mid` is reported there when the section ends.
        let mut section_at = None;
        while pos < bytes.len() {
            // Runs of plain attribute lines, read without the checks below (after the
            // first line, which gives the line ending: a fragment's may be one).
            if !check_attributes
                && (!FRAGMENT || b.lines > 0)
                && (!b.media.is_empty() || bytes[pos] == b'a')
            {
                pos = self.attribute_lines(input, pos, &mut line_no, &mut b);
                if pos >= bytes.len() {
                    break;
                }
            }
            line_no += 1;
            if line_no > self.max_lines {
                return Err(err(
                    line_no,
                    pos,
                    ParseErrorKind::TooManyLines(self.max_lines),
                ));
            }
            // One scan finds the line's end and any CR or NUL inside it.
            let (end, next, ending) = match crate::scan::line_stop(bytes, pos) {
                Some(at) => match bytes[at] {
                    b'\n' => (at, at + 1, Some(LineEnding::Lf)),
                    b'\r' if bytes.get(at + 1) == Some(&b'\n') => {
                        (at, at + 2, Some(LineEnding::Crlf))
                    }
                    b'\r' if cr_alone => (at, at + 1, Some(LineEnding::Cr)),
                    // The body's last byte: a line end cut before its LF (a Content-Length
                    // one short), read as the body's line end with the CR quirk.
                    b'\r' if at + 1 == bytes.len() && self.quirks.contains(Quirk::CrLineEnds) => {
                        cut_line_end = true;
                        (at, at + 1, Some(b.line_ending))
                    }
                    _ => {
                        return Err(if at - pos > self.max_line_len {
                            err(line_no, pos, ParseErrorKind::LineTooLong(self.max_line_len))
                        } else {
                            err(line_no, at, ParseErrorKind::ControlCharacter)
                        });
                    }
                },
                None => (bytes.len(), bytes.len(), None),
            };
            if end - pos > self.max_line_len {
                return Err(err(
                    line_no,
                    pos,
                    ParseErrorKind::LineTooLong(self.max_line_len),
                ));
            }
            let mut line = &input[pos..end];
            let mut note = |quirk: Quirk, reason: &dyn std::fmt::Display| {
                if let Some(d) = diagnostics.as_deref_mut() {
                    d.push(Diagnostic {
                        line: line_no,
                        offset: pos,
                        quirk,
                        reason: reason.to_string(),
                    });
                }
            };
            if cut_line_end {
                note(Quirk::CrLineEnds, &ParseErrorKind::ControlCharacter);
            }
            // A `<type>=<value>` line that does not end in a space or tab: none of the
            // whitespace and stray line checks applies to it.
            let plain = is_type_value(line.as_bytes())
                && !matches!(line.as_bytes().last(), Some(b' ' | b'\t'));
            let mut untrimmed = false;
            if !plain {
                // Empty, or only spaces and tabs: a blank line.
                if self.quirks.contains(Quirk::BlankLines)
                    && line.bytes().all(|c| c == b' ' || c == b'\t')
                {
                    let strict = if line.is_empty() {
                        ParseErrorKind::EmptyLine
                    } else {
                        ParseErrorKind::NotTypeValue
                    };
                    note(Quirk::BlankLines, &strict);
                    pos = next;
                    continue;
                }
                // Spaces or tabs before the type letter: skipped with the quirk.
                if matches!(line.as_bytes().first(), Some(b' ' | b'\t'))
                    && self.quirks.contains(Quirk::LeadingWhitespace)
                {
                    let rest = line.trim_start_matches([' ', '\t']);
                    if !rest.is_empty() {
                        note(Quirk::LeadingWhitespace, &ParseErrorKind::NotTypeValue);
                        line = rest;
                    }
                }
                // A line after the first that is not `<type>=<value>`: skipped with the quirk.
                if b.lines > 0
                    && self.quirks.contains(Quirk::StrayLine)
                    && !line.is_empty()
                    && !is_type_value(line.as_bytes())
                {
                    note(Quirk::StrayLine, &ParseErrorKind::NotTypeValue);
                    pos = next;
                    continue;
                }
                // Spaces or tabs at the end of a line that is not free text: trimmed with the
                // quirk; without it, they are the reason the line fails when it reads
                // without them.
                let trailing = matches!(line.as_bytes().last(), Some(b' ' | b'\t'))
                    && !is_free_text(line.as_bytes().first())
                    && !attribute_reads_as_written(line);
                if trailing && self.quirks.contains(Quirk::TrailingWhitespace) {
                    note(
                        Quirk::TrailingWhitespace,
                        &ParseErrorKind::TrailingWhitespace,
                    );
                    line = line.trim_end_matches([' ', '\t']);
                }
                untrimmed = trailing && !self.quirks.contains(Quirk::TrailingWhitespace);
            }
            if b.lines == 0 {
                b.line_ending = ending.unwrap_or_default();
            }
            b.final_line_ending = ending.is_some();
            let counted = b.lines;
            // Only a fragment counts its sections here (the mid check below).
            let sections = if FRAGMENT { b.media.len() } else { usize::MAX };
            let read = b.line::<FRAGMENT>(self, check_attributes, line, &mut note);
            let new_section = FRAGMENT && b.media.len() > sections;
            // `session_name_missed` and `origin_missed` are set once: noted at that line.
            if b.missed_now {
                b.missed_now = false;
                if b.session_name_missed && missed_at.is_none() {
                    missed_at = Some((line_no, pos));
                }
                if b.origin_missed && origin_missed_at.is_none() {
                    origin_missed_at = Some((line_no, pos));
                }
            }
            if let Err(kind) = read {
                // A later `v=` line starts another session description: this one ends
                // before it (its line end was the line before's).
                if kind == ParseErrorKind::SecondDescription
                    && self.quirks.contains(Quirk::ConcatenatedDescriptions)
                {
                    note(Quirk::ConcatenatedDescriptions, &kind);
                    b.final_line_ending = true;
                    // The `v=` line that starts the next is none of this one's lines.
                    b.lines = counted;
                    break;
                }
                let grammar = matches!(
                    kind,
                    ParseErrorKind::Version
                        | ParseErrorKind::Malformed { .. }
                        | ParseErrorKind::Attribute { .. }
                        | ParseErrorKind::AttributeNameNotToken
                );
                // The last line, without a line end, that does not read: cut short.
                if ending.is_none()
                    && (grammar || kind == ParseErrorKind::NotTypeValue)
                    && line_no > 1
                    && self.quirks.contains(Quirk::CutLastLine)
                {
                    note(Quirk::CutLastLine, &kind);
                    b.final_line_ending = true;
                    // The cut line is left out: none of the description's lines.
                    b.lines = counted;
                    break;
                }
                return Err(
                    if untrimmed && grammar && reads_without_trailing_whitespace(line) {
                        err(line_no, pos, ParseErrorKind::TrailingWhitespace)
                    } else {
                        err(line_no, pos, kind)
                    },
                );
            }
            // A fragment's new section ends the one before it.
            if new_section {
                if let (Some(at), Some(ended)) = (section_at, b.media.len().checked_sub(2)) {
                    self.check_mid(&b.media[ended], at, diagnostics.as_deref_mut(), first)?;
                }
                section_at = Some((line_no, pos));
            }
            pos = next;
        }
        // Nothing read (every line blank, stray or cut, skipped with their quirks): no
        // session description, whose first line is `v=`, and no fragment.
        let nothing = if FRAGMENT {
            b.attributes.is_empty() && b.media.is_empty()
        } else {
            b.lines == 0
        };
        if nothing {
            let kind = if FRAGMENT {
                ParseErrorKind::Empty
            } else {
                ParseErrorKind::Missing('v')
            };
            return Err(err(line_no + 1, input.len(), kind));
        }
        // The last section of a fragment ends with it.
        if let (true, Some(at), Some(last)) = (FRAGMENT, section_at, b.media.last()) {
            self.check_mid(last, at, diagnostics.as_deref_mut(), first)?;
        }
        // No `o=` where it was due: with no `o=` at all, an empty origin (but for a `v=`
        // line alone, which describes nothing); with a later `o=` (read with the
        // out-of-order quirk), that line's order. Either is reported where `o=` was due.
        let no_origin =
            b.origin.is_none() && b.lines > 1 && self.quirks.contains(Quirk::MissingOrigin);
        if no_origin || origin_missed_at.is_some() {
            let (line, offset) = origin_missed_at.unwrap_or((line_no + 1, input.len()));
            let quirk = if no_origin {
                b.origin = Some(Origin::default());
                Quirk::MissingOrigin
            } else {
                Quirk::LinesOutOfOrder
            };
            note_in_line_order(
                diagnostics.as_deref_mut(),
                first,
                (line, offset),
                quirk,
                ParseErrorKind::Missing('o'),
            );
        }
        // No `s=` where it was due: with no `s=` at all, an empty session name; with a
        // later `s=` (read with the out-of-order quirk), that line's order. Either is
        // reported where `s=` was due.
        let no_name = b.session_name.is_none()
            && b.origin.is_some()
            && self.quirks.contains(Quirk::MissingSessionName);
        if no_name || missed_at.is_some() {
            let (line, offset) = missed_at.unwrap_or((line_no + 1, input.len()));
            let quirk = if no_name {
                b.session_name = Some("");
                Quirk::MissingSessionName
            } else {
                Quirk::LinesOutOfOrder
            };
            note_in_line_order(
                diagnostics,
                first,
                (line, offset),
                quirk,
                ParseErrorKind::Missing('s'),
            );
        }
        b.finish()
            .map_err(|kind| err(line_no + 1, input.len(), kind))
    }
}

impl Parser {
    /// A trickle-ICE fragment's section that ended, whose `m=` line is at `(line,
    /// offset)`: without `a=mid` (RFC 8840 requires one in each) an error, or with
    /// [`Quirk::MissingMid`] a diagnostic.
    fn check_mid(
        &self,
        section: &Media<'_>,
        (line, offset): (usize, usize),
        diagnostics: Option<&mut Vec<Diagnostic>>,
        first: usize,
    ) -> Result<(), Error> {
        if section.mid().is_some() {
            return Ok(());
        }
        if !self.quirks.contains(Quirk::MissingMid) {
            return Err(Error::Parse {
                line,
                offset,
                kind: ParseErrorKind::MissingMid,
            });
        }
        note_in_line_order(
            diagnostics,
            first,
            (line, offset),
            Quirk::MissingMid,
            ParseErrorKind::MissingMid,
        );
        Ok(())
    }
}

/// The error of SDP bytes that are not UTF-8: the line and offset of the first byte
/// that is not.
fn utf8_error(input: &[u8], e: &std::str::Utf8Error) -> Error {
    let offset = e.valid_up_to();
    Error::Parse {
        line: 1 + memchr::memchr_iter(b'\n', &input[..offset]).count(),
        offset,
        kind: ParseErrorKind::InvalidUtf8,
    }
}

impl Parser {
    /// Reads the plain attribute lines from `pos` as the line loop of [`Parser::read`]
    /// reads them when attributes are not checked: `a=<name>[:<value>]` with a non-empty
    /// name, ended by LF or CRLF, within the line limits and without a space or tab at
    /// its end, in a media section or where they stand in order at the session level
    /// (after `o=` and `s=`, before `m=`). It stops before the first other line (left to
    /// that loop) and returns where it stopped; `line_no` counts the lines read.
    #[inline(never)]
    fn attribute_lines<'a>(
        &self,
        input: &'a str,
        mut pos: usize,
        line_no: &mut usize,
        b: &mut Builder<'a>,
    ) -> usize {
        let bytes = input.as_bytes();
        if bytes.get(pos..pos + 2) != Some(b"a=") {
            return pos;
        }
        let (attributes, first, rank) = match b.media.last_mut() {
            Some(m) => (&mut m.attributes, MEDIA_ATTRIBUTES, 5),
            None if b.rank <= 12 && b.origin.is_some() && b.session_name.is_some() => {
                (&mut b.attributes, SESSION_ATTRIBUTES, 12)
            }
            None => return pos,
        };
        let start = pos;
        let mut lines = *line_no;
        while bytes.get(pos..pos + 2) == Some(b"a=") && lines < self.max_lines {
            // The name ends at its `:` (`colon`), or with the line (then `colon == at`).
            let Some((colon, at)) = crate::scan::colon_and_line_stop(bytes, pos + 2) else {
                break;
            };
            let next = match bytes[at] {
                b'\n' => at + 1,
                b'\r' if bytes.get(at + 1) == Some(&b'\n') => at + 2,
                _ => break,
            };
            if at - pos > self.max_line_len
                || matches!(bytes[at - 1], b' ' | b'\t')
                || colon == pos + 2
            {
                break;
            }
            if attributes.capacity() == 0 {
                attributes.reserve_exact(first);
            }
            attributes.push(Attribute {
                name: Cow::Borrowed(&input[pos + 2..colon]),
                value: (colon < at).then(|| Cow::Borrowed(&input[colon + 1..at])),
            });
            lines += 1;
            pos = next;
        }
        if pos != start {
            b.lines += lines - *line_no;
            *line_no = lines;
            b.rank = rank;
            b.final_line_ending = true;
        }
        pos
    }
}

/// [`insert_in_line_order`] of the diagnostic of `quirk` at `(line, offset)`, where a
/// strict reading reports `kind`, when diagnostics are kept.
fn note_in_line_order(
    d: Option<&mut Vec<Diagnostic>>,
    first: usize,
    (line, offset): (usize, usize),
    quirk: Quirk,
    kind: ParseErrorKind,
) {
    if let Some(d) = d {
        insert_in_line_order(
            d,
            first,
            Diagnostic {
                line,
                offset,
                quirk,
                reason: kind.to_string(),
            },
        );
    }
}

/// Puts a diagnostic found after the reading among those of this reading (from index
/// `first` of `d`) in line order: before the first one on a later line.
fn insert_in_line_order(d: &mut Vec<Diagnostic>, first: usize, note: Diagnostic) {
    let at = d[first..]
        .iter()
        .position(|n| n.line > note.line)
        .map_or(d.len(), |i| first + i);
    d.insert(at, note);
}

/// The session descriptions of text that holds one or more one after another (RFC 8866
/// 5: each `v=` line after the first starts another): the text of each, in order, so
/// that they put together give `text` again. Text without a second `v=` line is one
/// description. Lines end as the tolerant reading ends them (LF, CRLF or CR alone), and
/// a `v=` line may have spaces or tabs before it (the reading's
/// [`Quirk::LeadingWhitespace`]), so that where a reading stops at
/// [`Quirk::ConcatenatedDescriptions`], the next description starts.
///
/// ```
/// let text = "v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n\
///             v=0\r\no=b 2 2 IN IP4 192.0.2.2\r\ns=-\r\nt=0 0\r\n";
/// let origins: Vec<String> = sip_core::sdp::descriptions(text)
///     .map(|d| sip_core::sdp::parse(d).map(|s| s.origin.username.into_owned()))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(origins, ["a", "b"]);
/// // Read at once, the second `v=` line ends the first description.
/// assert!(sip_core::sdp::parse(text).is_err());
/// # Ok::<(), sip_core::sdp::Error>(())
/// ```
pub fn descriptions(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        let b = t.as_bytes();
        // Line starts: 0 and after each LF, or CR not followed by LF.
        let starts = std::iter::once(0).chain(
            memchr::memchr2_iter(b'\n', b'\r', b)
                .filter(|&i| b[i] == b'\n' || b.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        // A `v=` line, as the reading takes it: after a byte order mark at the start
        // and spaces or tabs before the type letter.
        let mut versions = starts.filter(|&i| {
            let line = &t[i..];
            let line = if i == 0 {
                line.trim_start_matches('\u{feff}')
            } else {
                line
            };
            line.trim_start_matches([' ', '\t']).starts_with("v=")
        });
        let cut = versions.next().and_then(|_| versions.next());
        match cut {
            Some(at) => {
                rest = Some(&t[at..]);
                Some(&t[..at])
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// Parses SDP text with the default [`Parser`].
pub fn parse(input: &str) -> Result<Sdp<'_>, Error> {
    Parser::new().parse(input)
}

/// Parses a trickle-ICE SDP fragment (RFC 8840 9.2) strictly, with the default limits
/// (see [`Parser::parse_fragment`]).
///
/// # Errors
/// As [`Parser::parse_fragment`].
pub fn parse_fragment(input: &str) -> Result<Fragment<'_>, Error> {
    Parser::new().parse_fragment(input)
}

/// Parses SDP bytes (UTF-8) with the default [`Parser`].
pub fn parse_bytes(input: &[u8]) -> Result<Sdp<'_>, Error> {
    Parser::new().parse_bytes(input)
}

#[derive(Default)]
struct Builder<'a> {
    lines: usize,
    rank: u8,
    origin: Option<Origin<'a>>,
    session_name: Option<&'a str>,
    information: Option<&'a str>,
    uri: Option<&'a str>,
    emails: Vec<Cow<'a, str>>,
    phones: Vec<Cow<'a, str>>,
    connection: Option<Connection<'a>>,
    bandwidths: Vec<Bandwidth<'a>>,
    times: Vec<Timing<'a>>,
    time_zones: Option<&'a str>,
    key: Option<&'a str>,
    attributes: Vec<Attribute<'a>>,
    media: Vec<Media<'a>>,
    line_ending: LineEnding,
    final_line_ending: bool,
    /// Whether a line that needs `s=` before it came without one, read with
    /// [`Quirk::MissingSessionName`] (reported when the reading ends without `s=`).
    session_name_missed: bool,
    /// The last `<nettype> <addrtype> <address>` of an `o=` or `c=` line whose address
    /// passed [`check_address`]: a `c=` line repeating it needs no second check.
    checked_address: Option<[&'a str; 3]>,
    /// Whether a line that needs `o=` before it came without one, read with
    /// [`Quirk::MissingOrigin`] (reported when the reading ends without `o=`).
    origin_missed: bool,
    /// Whether the line just read set `session_name_missed` or `origin_missed` (so
    /// that the reading notes where, with one test per line).
    missed_now: bool,
    /// GB/T 28181's `y=` and `f=` lines ([`Quirk::Gb28181Lines`]).
    gb28181_ssrc: Option<&'a str>,
    gb28181_format: Option<&'a str>,
}

impl Builder<'_> {
    /// The state a trickle-ICE fragment (RFC 8840 9.2) starts in: as if `v=`, `o=` and
    /// `s=` had been read, so that its session-level `a=` lines and media sections read
    /// as a session's ([`Builder::line`] with `FRAGMENT` refuses any line but `a=` and
    /// `m=`).
    fn fragment() -> Self {
        Builder {
            origin: Some(Origin::default()),
            session_name: Some(""),
            rank: 12,
            ..Builder::default()
        }
    }
}

/// Session-level order: v o s i u e p c b t/r z k a m.
fn session_rank(t: u8) -> Option<(u8, bool)> {
    Some(match t {
        b'v' => (0, false),
        b'o' => (1, false),
        b's' => (2, false),
        b'i' => (3, false),
        b'u' => (4, false),
        b'e' => (5, true),
        b'p' => (6, true),
        b'c' => (7, false),
        b'b' => (8, true),
        b't' | b'r' => (9, true),
        b'z' => (10, false),
        b'k' => (11, false),
        b'a' => (12, true),
        b'm' => (13, true),
        _ => return None,
    })
}

/// Media-level order after `m=`: i c b k a.
fn media_rank(t: u8) -> Option<(u8, bool)> {
    Some(match t {
        b'm' => (0, true),
        b'i' => (1, false),
        b'c' => (2, true),
        b'b' => (3, true),
        b'k' => (4, false),
        b'a' => (5, true),
        _ => return None,
    })
}

/// An `m=` line without formats (see [`Quirk::MissingFormats`]).
const NO_FORMATS: ParseErrorKind = malformed('m', "no media formats");

const fn malformed(line: char, reason: &'static str) -> ParseErrorKind {
    ParseErrorKind::Malformed { line, reason }
}

impl<'a> Builder<'a> {
    fn line<const FRAGMENT: bool>(
        &mut self,
        p: &Parser,
        check_attributes: bool,
        line: &'a str,
        note: &mut impl FnMut(Quirk, &dyn std::fmt::Display),
    ) -> Result<(), ParseErrorKind> {
        let bytes = line.as_bytes();
        if bytes.is_empty() {
            return Err(ParseErrorKind::EmptyLine);
        }
        if !is_type_value(bytes) {
            return Err(ParseErrorKind::NotTypeValue);
        }
        let t = bytes[0];
        let tc = t as char;
        let value = &line[2..];
        // Most lines are attributes of a media section, which always stand in order
        // there (the last of its ranks, repeatable): read them without the order checks.
        if t == b'a'
            && let Some(m) = self.media.last_mut()
        {
            self.lines += 1;
            self.rank = 5;
            return parse_attr(
                p,
                check_attributes,
                value,
                note,
                &mut m.attributes,
                MEDIA_ATTRIBUTES,
            );
        }
        let out_of_order = p.quirks.contains(Quirk::LinesOutOfOrder);
        self.lines += 1;
        if FRAGMENT {
            if t != b'a' && t != b'm' {
                return Err(ParseErrorKind::NotInFragment(tc));
            }
        } else if self.lines == 1 {
            if t != b'v' {
                return Err(ParseErrorKind::Missing('v'));
            }
            if value != "0" {
                return Err(ParseErrorKind::Version);
            }
            return Ok(());
        }
        let in_media = !self.media.is_empty();
        let ranked = if in_media && t != b'm' {
            media_rank(t)
        } else {
            session_rank(t)
        };
        // A session-only line inside a media section (`t=` after `m=`): with the quirk it
        // is read as a session line.
        let mut session_line = !in_media;
        let (rank, repeatable) = match ranked {
            Some(r) => r,
            // A later `v=` starts another description (every later one is out of order).
            None if t == b'v' => return Err(ParseErrorKind::SecondDescription),
            None if matches!(t, b'y' | b'f') && p.quirks.contains(Quirk::Gb28181Lines) => {
                let slot = if t == b'y' {
                    &mut self.gb28181_ssrc
                } else {
                    &mut self.gb28181_format
                };
                if slot.is_some() {
                    return Err(ParseErrorKind::Repeated(tc));
                }
                let shaped = if t == b'y' {
                    !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
                } else {
                    is_gb28181_format(value)
                };
                if !shaped {
                    return Err(ParseErrorKind::UnknownLineType(tc));
                }
                *slot = Some(value);
                note(Quirk::Gb28181Lines, &ParseErrorKind::UnknownLineType(tc));
                return Ok(());
            }
            None if out_of_order && in_media && session_rank(t).is_some() => {
                note(Quirk::LinesOutOfOrder, &ParseErrorKind::OutOfOrder(tc));
                session_line = true;
                (self.rank, true)
            }
            None => {
                return Err(if session_rank(t).is_some() || media_rank(t).is_some() {
                    ParseErrorKind::OutOfOrder(tc)
                } else {
                    ParseErrorKind::UnknownLineType(tc)
                });
            }
        };
        let (rank, current) = if in_media && t == b'm' {
            (0, None)
        } else {
            (rank, Some(self.rank))
        };
        let mut rank_after = if t == b'm' { 0 } else { rank };
        if let Some(cur) = current {
            let problem = if rank < cur || (rank == cur && !repeatable && self.lines > 1) {
                Some(if rank == cur {
                    ParseErrorKind::Repeated(tc)
                } else {
                    ParseErrorKind::OutOfOrder(tc)
                })
            } else if t == b'r' && cur != 9 {
                Some(ParseErrorKind::OutOfOrder('r'))
            } else if !in_media && rank > 1 && self.origin.is_none() && !self.origin_missed {
                Some(ParseErrorKind::Missing('o'))
            } else if !in_media && rank > 2 && self.session_name.is_none() {
                Some(ParseErrorKind::Missing('s'))
            } else {
                None
            };
            if let Some(problem) = problem {
                if t == b'v' {
                    return Err(ParseErrorKind::SecondDescription);
                }
                if problem == ParseErrorKind::Missing('s')
                    && p.quirks.contains(Quirk::MissingSessionName)
                {
                    // Reported when the reading ends, unless `s=` comes after all.
                    self.session_name_missed = true;
                    self.missed_now = true;
                } else if problem == ParseErrorKind::Missing('o')
                    && p.quirks.contains(Quirk::MissingOrigin)
                {
                    // The same for `o=`; the line is read where it stands.
                    self.origin_missed = true;
                    self.missed_now = true;
                    if !in_media && rank > 2 && self.session_name.is_none() {
                        if p.quirks.contains(Quirk::MissingSessionName) {
                            self.session_name_missed = true;
                        } else if !out_of_order {
                            return Err(ParseErrorKind::Missing('s'));
                        } else {
                            note(Quirk::LinesOutOfOrder, &ParseErrorKind::Missing('s'));
                        }
                    }
                } else {
                    if !out_of_order {
                        return Err(problem);
                    }
                    note(Quirk::LinesOutOfOrder, &problem);
                    // Read where it stands; the order so far is kept, but a media line
                    // still starts its section's own order (else every line of the
                    // section would be out of order after it).
                    if t != b'm' {
                        rank_after = cur.max(rank);
                    }
                }
            }
        }
        self.rank = rank_after;
        if t == b'm' {
            if self.media.len() >= p.max_media {
                return Err(ParseErrorKind::TooManyMedia(p.max_media));
            }
            if self.media.capacity() == 0 {
                self.media = Vec::with_capacity(2);
            }
            let quirk = Quirk::MissingFormats;
            if parse_media(value, &mut self.media, p.quirks.contains(quirk))? {
                note(quirk, &NO_FORMATS);
            }
            return Ok(());
        }
        if !session_line && let Some(m) = self.media.last_mut() {
            match t {
                b'i' => m.title = Some(Cow::Borrowed(value)),
                b'c' => read_connection(p, value, &mut self.checked_address, note, |c| {
                    m.connections.push(c);
                })?,
                b'b' => m.bandwidths.push(parse_bandwidth(value)?),
                b'k' => m.key = Some(Cow::Borrowed(value)),
                _ => parse_attr(
                    p,
                    check_attributes,
                    value,
                    note,
                    &mut m.attributes,
                    MEDIA_ATTRIBUTES,
                )?,
            }
            return Ok(());
        }
        // A repeated single-valued session line keeps its first value (only reachable
        // with the out-of-order quirk).
        match t {
            b'v' => {
                if !out_of_order {
                    return Err(ParseErrorKind::Repeated('v'));
                }
            }
            b'o' if self.origin.is_some() => {}
            b'o' => read_origin(p, value, &mut self.origin, &mut self.checked_address, note)?,
            b's' if self.session_name.is_some() => {}
            b's' => self.session_name = Some(value),
            b'i' => self.information = Some(value),
            b'u' => self.uri = Some(value),
            b'e' => self.emails.push(Cow::Borrowed(value)),
            b'p' => self.phones.push(Cow::Borrowed(value)),
            b'c' if self.connection.is_some() => {}
            b'c' => {
                read_connection(p, value, &mut self.checked_address, note, |c| {
                    self.connection = Some(c);
                })?;
            }
            b'b' => self.bandwidths.push(parse_bandwidth(value)?),
            b't' => {
                if let Err(kind) = parse_timing(value, &mut self.times) {
                    if !p.quirks.contains(Quirk::MalformedTime) {
                        return Err(kind);
                    }
                    note(Quirk::MalformedTime, &kind);
                    self.times.push(Timing {
                        start: 0,
                        stop: 0,
                        repeats: Vec::new(),
                    });
                }
            }
            b'r' => {
                if let Err(kind) = check_repeat(value) {
                    if !(p.quirks.contains(Quirk::EmptyRepeat) && repeats_nothing(value)) {
                        return Err(kind);
                    }
                    note(Quirk::EmptyRepeat, &kind);
                    return Ok(());
                }
                let t = self.times.last_mut().ok_or(malformed(
                    'r',
                    "repeat times without a `t=` line before them",
                ))?;
                t.repeats.push(Cow::Borrowed(value));
            }
            b'z' => {
                check_zones(value)?;
                self.time_zones.get_or_insert(value);
            }
            b'k' => self.key = Some(value),
            _ => parse_attr(
                p,
                check_attributes,
                value,
                note,
                &mut self.attributes,
                SESSION_ATTRIBUTES,
            )?,
        }
        Ok(())
    }

    fn finish(self) -> Result<Sdp<'a>, ParseErrorKind> {
        let origin = self.origin.ok_or(ParseErrorKind::Missing('o'))?;
        let session_name = self.session_name.ok_or(ParseErrorKind::Missing('s'))?;
        Ok(Sdp {
            origin,
            session_name: Cow::Borrowed(session_name),
            information: self.information.map(Cow::Borrowed),
            uri: self.uri.map(Cow::Borrowed),
            emails: self.emails,
            phones: self.phones,
            connection: self.connection,
            bandwidths: self.bandwidths,
            times: self.times,
            time_zones: self.time_zones.map(Cow::Borrowed),
            key: self.key.map(Cow::Borrowed),
            attributes: self.attributes,
            media: self.media,
            line_ending: self.line_ending,
            final_line_ending: self.final_line_ending,
            gb28181_ssrc: self.gb28181_ssrc.map(Cow::Borrowed),
            gb28181_format: self.gb28181_format.map(Cow::Borrowed),
        })
    }
}

/// The first room made for a section's attributes: desk phones send about a dozen per
/// media section, browsers two to four dozen, and few sessions have more than a handful.
const MEDIA_ATTRIBUTES: usize = 16;
const SESSION_ATTRIBUTES: usize = 4;

/// Splits an attribute line at its first `:` onto `attrs` (made room for `first`
/// attributes when it has none); when `check` is set, a known attribute's value is also
/// read by its grammar (see [`check_attr`]).
#[inline(always)]
fn parse_attr<'a>(
    p: &Parser,
    check: bool,
    text: &'a str,
    note: &mut impl FnMut(Quirk, &dyn std::fmt::Display),
    attrs: &mut Vec<Attribute<'a>>,
    first: usize,
) -> Result<(), ParseErrorKind> {
    let (name, value) = Attribute::split(text)?;
    if check {
        // RFC 8866: att-field is a token. `a=sendonly ` is not `a=sendonly`.
        if is_sdp_token(name.as_bytes()) {
            check_attr(p, name, value, note)?;
        } else if p.quirks.contains(Quirk::MalformedAttribute) {
            note(
                Quirk::MalformedAttribute,
                &ParseErrorKind::AttributeNameNotToken,
            );
        } else {
            return Err(ParseErrorKind::AttributeNameNotToken);
        }
    }
    if attrs.capacity() == 0 {
        attrs.reserve_exact(first);
    }
    attrs.push(Attribute {
        name: Cow::Borrowed(name),
        value: value.map(Cow::Borrowed),
    });
    Ok(())
}

/// Reads a known attribute's value by its grammar: a value that breaks it fails the parse
/// unless a quirk of the parser covers it (then it is noted).
fn check_attr(
    p: &Parser,
    name: &str,
    value: Option<&str>,
    note: &mut impl FnMut(Quirk, &dyn std::fmt::Display),
) -> Result<(), ParseErrorKind> {
    let Err(e) = TypedAttribute::read(name, value) else {
        return Ok(());
    };
    // Whitespace after the colon of a known attribute, a clock rate of `8000.0`, an
    // rtpmap without its registered clock rate:
    // accepted with their quirks when the value then reads (an unknown attribute's value
    // is kept as written).
    let quirky = attribute::read_quirky(name, value).map(|(_, needed)| needed);
    if let Some(needed) = quirky
        && [
            Quirk::SpaceAfterAttributeColon,
            Quirk::DecimalClockRate,
            Quirk::MissingClockRate,
        ]
        .into_iter()
        .all(|q| !needed.contains(q) || p.quirks.contains(q))
    {
        if needed.contains(Quirk::SpaceAfterAttributeColon) {
            note(
                Quirk::SpaceAfterAttributeColon,
                &format_args!("whitespace after `a={name}:`"),
            );
        }
        if needed.contains(Quirk::MissingClockRate) {
            note(Quirk::MissingClockRate, &attribute::NO_CLOCK_RATE);
        }
        if needed.contains(Quirk::DecimalClockRate) {
            note(
                Quirk::DecimalClockRate,
                &ParseErrorKind::Attribute {
                    name: "rtpmap",
                    reason: "clock rate is not an integer",
                },
            );
        }
    } else if p.quirks.contains(Quirk::MalformedAttribute) {
        note(Quirk::MalformedAttribute, &e);
    } else {
        return Err(e);
    }
    Ok(())
}

/// Reads a `t=` line onto `times`.
fn parse_timing<'a>(v: &'a str, times: &mut Vec<Timing<'a>>) -> Result<(), ParseErrorKind> {
    let [start, stop] = fields(v).ok_or(malformed('t', "expected <start> <stop>"))?;
    if times.capacity() == 0 {
        *times = Vec::with_capacity(1);
    }
    times.push(Timing {
        start: parse_num(start).ok_or(malformed('t', "start is not a number"))?,
        stop: parse_num(stop).ok_or(malformed('t', "stop is not a number"))?,
        repeats: Vec::new(),
    });
    Ok(())
}

/// The six fields of an `o=` line: `<username> <sess-id> <sess-version> <nettype>
/// <addrtype> <unicast-address>`.
fn parse_origin(v: &str) -> Result<[&str; 6], ParseErrorKind> {
    fields(v).ok_or(malformed('o', "expected six space-separated fields"))
}

/// RFC 8866 5.2: `<sess-id>` and `<sess-version>` are digits, and an `IN` address is one
/// of its type or a host name. The error and whether the address alone is at fault,
/// being one of the other `IN` address type.
fn check_origin(o: &[&str; 6]) -> Result<(), (ParseErrorKind, bool)> {
    let [
        _,
        session_id,
        session_version,
        network_type,
        address_type,
        address,
    ] = *o;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(session_id) || !digits(session_version) {
        return Err((
            malformed('o', "session id and version must be digits"),
            false,
        ));
    }
    check_address('o', network_type, address_type, address).map_err(|kind| {
        let other = other_family_address(network_type, address_type, address);
        (kind, other)
    })
}

/// An `o=` line read with its quirks into `origin`: an address of the other `IN`
/// address type is [`Quirk::AddressTypeMismatch`], any other break of [`check_origin`]
/// [`Quirk::MalformedOrigin`]; both keep the line as written. So does a line without its
/// six fields, read with [`Quirk::MalformedOrigin`] (see [`loose_origin`]). An address
/// that passes the check becomes `checked` (see [`parse_connection_as`]).
fn read_origin<'a>(
    p: &Parser,
    v: &'a str,
    origin: &mut Option<Origin<'a>>,
    checked: &mut Option<[&'a str; 3]>,
    note: &mut impl FnMut(Quirk, &dyn std::fmt::Display),
) -> Result<(), ParseErrorKind> {
    let f = match parse_origin(v) {
        Ok(f) => f,
        Err(kind) if p.quirks.contains(Quirk::MalformedOrigin) => {
            note(Quirk::MalformedOrigin, &kind);
            let f = loose_origin(v);
            if check_origin(&f).is_ok() {
                *checked = Some([f[3], f[4], f[5]]);
            }
            *origin = Some(Origin::from_fields(f));
            return Ok(());
        }
        Err(kind) => return Err(kind),
    };
    let [_, _, _, network_type, address_type, address] = f;
    match check_origin(&f) {
        Ok(()) => *checked = Some([network_type, address_type, address]),
        Err((kind, other_family)) => {
            let quirk = if other_family {
                Quirk::AddressTypeMismatch
            } else {
                Quirk::MalformedOrigin
            };
            if !p.quirks.contains(quirk) {
                return Err(kind);
            }
            note(quirk, &kind);
        }
    }
    *origin = Some(Origin::from_fields(f));
    Ok(())
}

/// The fields of an `o=` line that does not have six (as RTSP cameras and GB/T 28181
/// devices write it, `o=RTSP Session 1 2 IN IP4 192.0.2.7`, `o=- 1001 1 IN`): with
/// more than six fields, none empty, the last five are read as the session id, version,
/// network type, address type and address, and what stands before them is the user
/// name (`RTSP Session`); otherwise the whole value is the user name and the other
/// fields are empty. Either way the line writes back as it was written.
fn loose_origin(v: &str) -> [&str; 6] {
    // The space before the last five fields, with another before it.
    if let Some(at) = memchr::memrchr_iter(b' ', v.as_bytes()).nth(4)
        && v[..at].contains(' ')
        && !v.contains("  ")
        && !v.starts_with(' ')
        && let Some([a, b, c, d, e]) = fields::<5>(&v[at + 1..])
    {
        return [&v[..at], a, b, c, d, e];
    }
    [v, "", "", "", "", ""]
}

fn parse_connection(v: &str) -> Result<Connection<'_>, ParseErrorKind> {
    parse_connection_as(v, Quirks::NONE, &mut None, &mut [None, None])
}

/// A `c=` line read with its quirks ([`Quirk::AddressTypeMismatch`],
/// [`Quirk::MalformedConnection`]), each noted with what the strict reading says, and
/// handed to `keep`; `checked` as [`parse_connection_as`] takes it.
fn read_connection<'a>(
    p: &Parser,
    v: &'a str,
    checked: &mut Option<[&'a str; 3]>,
    note: &mut impl FnMut(Quirk, &dyn std::fmt::Display),
    keep: impl FnOnce(Connection<'a>),
) -> Result<(), ParseErrorKind> {
    let mut notes: ConnectionNotes = [None, None];
    let c = parse_connection_as(v, p.quirks, checked, &mut notes)?;
    for (quirk, kind) in notes.into_iter().flatten() {
        note(quirk, &kind);
    }
    keep(c);
    Ok(())
}

/// What a `c=` line read with quirks needed: at most one quirk for its fields and one
/// for its address, each with the error the strict reading gives.
type ConnectionNotes = [Option<(Quirk, ParseErrorKind)>; 2];

/// [`parse_connection`] accepting `quirks`: with [`Quirk::AddressTypeMismatch`], an `IN`
/// address of the other address type (an IPv6 address after `IP4`, a dotted quad after
/// `IP6`); with [`Quirk::MalformedConnection`], an `IN` address that is no address or
/// host name, and fields after the address (left out). What each accepted quirk covered
/// is set in `notes`. `checked` is a `<nettype> <addrtype> <address>` known to pass
/// [`check_connection_address`]: the same address is not checked again, and one that
/// passes the check becomes `checked`.
fn parse_connection_as<'a>(
    v: &'a str,
    quirks: Quirks,
    checked: &mut Option<[&'a str; 3]>,
    notes: &mut ConnectionNotes,
) -> Result<Connection<'a>, ParseErrorKind> {
    let loose = quirks.contains(Quirk::MalformedConnection);
    let shape = || malformed('c', "expected <nettype> <addrtype> <address>");
    let [network_type, address_type, addr] = match fields(v) {
        Some(f) => f,
        None if quirks.contains(Quirk::ShortConnection)
            && let Some(c) = short_connection(v) =>
        {
            notes[0] = Some((Quirk::ShortConnection, shape()));
            return Ok(c);
        }
        None if loose => {
            // The first three fields, when there are more than three and none is empty;
            // the address ends at a tab too (else the tabs before the fields left out
            // would end the line written back, and read otherwise).
            let mut it = split_by(v, b' ');
            let mut f = [""; 3];
            for slot in &mut f {
                *slot = it.next().filter(|t| !t.is_empty()).ok_or_else(shape)?;
            }
            f[2] = split_by(f[2], b'\t').next().unwrap_or_default();
            if f[2].is_empty() {
                return Err(shape());
            }
            notes[0] = Some((Quirk::MalformedConnection, shape()));
            f
        }
        None => return Err(shape()),
    };
    let mut parts = split_by(addr, b'/');
    let address = parts.next().unwrap_or_default();
    if address.is_empty() {
        return Err(malformed('c', "empty address"));
    }
    let named = [network_type, address_type, address];
    if *checked != Some(named) {
        match check_connection_address(network_type, address_type, address) {
            Ok(()) => *checked = Some(named),
            Err(e) => {
                notes[1] = Some(
                    if quirks.contains(Quirk::AddressTypeMismatch)
                        && other_family_address(network_type, address_type, address)
                    {
                        (Quirk::AddressTypeMismatch, e)
                    } else if loose {
                        (Quirk::MalformedConnection, e)
                    } else {
                        return Err(e);
                    },
                );
            }
        }
    }
    let first = parts.next();
    let second = parts.next();
    if parts.next().is_some() {
        return Err(malformed('c', "too many `/` fields"));
    }
    let (ttl, count) = match (first, second) {
        (None, _) => (None, None),
        (Some(a), None) if address_type != "IP4" => (
            None,
            Some(parse_num(a).ok_or(malformed('c', "address count is not a number"))?),
        ),
        (Some(a), None) => (
            Some(parse_num(a).ok_or(malformed('c', "TTL is not 0-255"))?),
            None,
        ),
        (Some(a), Some(b)) => {
            if address_type != "IP4" {
                return Err(malformed('c', "only IP4 addresses have a TTL"));
            }
            (
                Some(parse_num(a).ok_or(malformed('c', "TTL is not 0-255"))?),
                Some(parse_num(b).ok_or(malformed('c', "address count is not a number"))?),
            )
        }
    };
    Ok(Connection {
        network_type: Cow::Borrowed(network_type),
        address_type: Cow::Borrowed(address_type),
        address: Cow::Borrowed(address),
        ttl,
        count,
    })
}

/// A `c=` line of fewer than three fields (see [`Quirk::ShortConnection`]): its network
/// type alone, then an address type or an address (an IPv4 or IPv6 address) if one is
/// there; the fields not written are empty.
fn short_connection(v: &str) -> Option<Connection<'_>> {
    let mut it = split_by(v, b' ');
    let network_type = it.next().filter(|t| is_sdp_token(t.as_bytes()))?;
    let second = it.next();
    if it.next().is_some() {
        return None;
    }
    let (address_type, address) = match second {
        None => ("", ""),
        Some(a) if crate::scan::ip(a.as_bytes()).is_some() => ("", a),
        Some(t) if is_sdp_token(t.as_bytes()) => (t, ""),
        Some(_) => return None,
    };
    Some(Connection {
        network_type: Cow::Borrowed(network_type),
        address_type: Cow::Borrowed(address_type),
        address: Cow::Borrowed(address),
        ttl: None,
        count: None,
    })
}

/// Whether `address` is an address of the other `IN` address type than `address_type`.
fn other_family_address(network_type: &str, address_type: &str, address: &str) -> bool {
    network_type == "IN"
        && match address_type {
            "IP4" => crate::scan::ipv6(address.as_bytes()).is_some(),
            "IP6" => crate::scan::ipv4(address.as_bytes()).is_some(),
            _ => false,
        }
}

/// RFC 8866 5.10: `r=<repeat interval> <active duration> <offsets from start-time>`, each
/// a typed time (digits with an optional `d`, `h`, `m` or `s`), the interval not 0.
fn check_repeat(v: &str) -> Result<(), ParseErrorKind> {
    let mut n = 0;
    for field in v.split(' ') {
        if !is_typed_time(field) || (n == 0 && field.starts_with('0')) {
            return Err(malformed(
                'r',
                "expected <repeat interval> <active duration> <offsets>, each digits with an optional d, h, m or s",
            ));
        }
        n += 1;
    }
    if n < 3 {
        return Err(malformed(
            'r',
            "expected <repeat interval> <active duration> <offsets>",
        ));
    }
    Ok(())
}

/// GB/T 28181's `f=` value: `v` and five `/`-led fields of digits (codec, resolution,
/// frame rate, bitrate type, bitrate), then `a` and three (codec, bitrate, sample rate),
/// each field possibly empty (`v/2/5/25/1/4096a///`, `v//5///a///`).
fn is_gb28181_format(v: &str) -> bool {
    let fields = |s: &str, n: usize| {
        s.strip_prefix('/').is_some_and(|s| {
            s.split('/').count() == n && s.bytes().all(|b| b == b'/' || b.is_ascii_digit())
        })
    };
    v.strip_prefix('v')
        .and_then(|r| r.split_once('a'))
        .is_some_and(|(video, audio)| fields(video, 5) && fields(audio, 3))
}

/// An `r=` line of typed times that repeats nothing: a repeat interval of 0, or no
/// offsets (see [`Quirk::EmptyRepeat`]).
fn repeats_nothing(v: &str) -> bool {
    let interval = v.split(' ').next().unwrap_or_default();
    let zero = interval
        .trim_end_matches(['d', 'h', 'm', 's'])
        .bytes()
        .all(|b| b == b'0');
    v.split(' ').all(is_typed_time) && (zero || v.split(' ').nth(2).is_none())
}

/// RFC 8866 5.11: `z=<adjustment time> <offset> ...`, pairs of a time (ten or more digits,
/// not starting with 0) and a typed time that may be negative.
fn check_zones(v: &str) -> Result<(), ParseErrorKind> {
    let time =
        |t: &str| t.len() >= 10 && !t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit());
    let offset = |o: &str| is_typed_time(o.strip_prefix('-').unwrap_or(o));
    // `split` gives at least one field, so an empty value fails on its time.
    let mut fields = v.split(' ');
    let mut ok = true;
    while let Some(at) = fields.next() {
        ok &= time(at) && fields.next().is_some_and(offset);
    }
    if ok {
        Ok(())
    } else {
        Err(malformed(
            'z',
            "expected pairs of <adjustment time> <offset>, the offset digits with an optional d, h, m or s",
        ))
    }
}

/// `1*DIGIT [fixed-len-time-unit]` (RFC 8866 9).
fn is_typed_time(t: &str) -> bool {
    let digits = t.strip_suffix(['d', 'h', 'm', 's']).unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// RFC 8866 5.7 and 9: an `IN IP4` address is a dotted quad or a host name, an
/// `IN IP6` address an IPv6 address or a host name; `999.1.1.1` is neither. Other
/// network and address types (ATM, TN...) are kept as written.
fn check_connection_address(
    network_type: &str,
    address_type: &str,
    address: &str,
) -> Result<(), ParseErrorKind> {
    check_address('c', network_type, address_type, address)
}

/// The address check of [`check_connection_address`] for a `c=` or `o=` line.
fn check_address(
    line: char,
    network_type: &str,
    address_type: &str,
    address: &str,
) -> Result<(), ParseErrorKind> {
    if network_type != "IN" {
        return Ok(());
    }
    let b = address.as_bytes();
    let name_like = |b: &[u8]| {
        b.iter().any(|c| c.is_ascii_alphabetic())
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'))
            && !b.starts_with(b".")
            && !b.windows(2).any(|w| w == b"..")
    };
    match address_type {
        "IP4" if crate::scan::ipv4(b).is_some() => Ok(()),
        "IP4" if b.iter().all(|c| c.is_ascii_digit() || *c == b'.') => {
            Err(malformed(line, "not an IPv4 address"))
        }
        "IP4" if !name_like(b) => Err(malformed(line, "not an IPv4 address or host name")),
        "IP6" if address.contains(':') => crate::scan::ipv6(b)
            .map(drop)
            .ok_or(malformed(line, "not an IPv6 address")),
        "IP6" if !name_like(b) => Err(malformed(line, "not an IPv6 address or host name")),
        _ => Ok(()),
    }
}

fn parse_bandwidth(v: &str) -> Result<Bandwidth<'_>, ParseErrorKind> {
    let (bw_type, value) =
        split_byte(v, b':').ok_or(malformed('b', "expected <bwtype>:<bandwidth>"))?;
    if bw_type.is_empty() {
        return Err(malformed('b', "empty bandwidth type"));
    }
    Ok(Bandwidth {
        bw_type: Cow::Borrowed(bw_type),
        value: parse_num(value).ok_or(malformed('b', "bandwidth is not a number"))?,
    })
}

/// Reads an `m=` line onto `media`. Without formats, the line is refused unless
/// `without_formats` (the tolerant reading of [`Quirk::MissingFormats`]); whether it had
/// none is returned.
fn parse_media<'a>(
    v: &'a str,
    media: &mut Vec<Media<'a>>,
    without_formats: bool,
) -> Result<bool, ParseErrorKind> {
    let mut it = split_by(v, b' ');
    let mut next = || it.next().filter(|t| !t.is_empty());
    let name = next().ok_or(malformed('m', "expected <media> <port> <proto> <fmt>..."))?;
    let port_part = next().ok_or(malformed('m', "missing port"))?;
    let protocol = next().ok_or(malformed('m', "missing protocol"))?;
    let (port, port_count) = match split_byte(port_part, b'/') {
        Some((p, n)) => (
            p,
            Some(parse_num(n).ok_or(malformed('m', "port count is not a number"))?),
        ),
        None => (port_part, None),
    };
    let port = parse_num(port).ok_or(malformed('m', "port is not 0-65535"))?;
    // The formats: the fields after the protocol, each of a byte or more and a space
    // apart, so no more than half the bytes after the protocol, rounded up.
    let mut formats = Vec::new();
    if let Some(rest) = it.rest {
        formats = Vec::with_capacity(rest.len().div_ceil(2));
        for f in split_by(rest, b' ') {
            if f.is_empty() {
                return Err(malformed('m', "empty format"));
            }
            formats.push(Cow::Borrowed(f));
        }
    }
    // RFC 8866 5.14: at least one format, also for a rejected stream (port 0), which
    // keeps its formats (RFC 3264 6).
    let missing = formats.is_empty();
    if missing && !without_formats {
        return Err(NO_FORMATS);
    }
    media.push(Media {
        media: Cow::Borrowed(name),
        port,
        port_count,
        protocol: Cow::Borrowed(protocol),
        formats,
        title: None,
        connections: Vec::new(),
        bandwidths: Vec::new(),
        key: None,
        attributes: Vec::new(),
    });
    Ok(missing)
}

struct Line<'w, 'f> {
    f: &'w mut fmt::Formatter<'f>,
    eol: &'static str,
    first: bool,
}

impl Line<'_, '_> {
    /// The `a=` lines of `attributes`, then each media section's lines.
    fn attributes_and_media(
        &mut self,
        attributes: &[Attribute<'_>],
        media: &[Media<'_>],
    ) -> fmt::Result {
        for a in attributes {
            self.start('a')?;
            write!(self.f, "{a}")?;
        }
        for m in media {
            self.start('m')?;
            write!(self.f, "{m}")?;
            if let Some(i) = &m.title {
                self.start('i')?;
                self.f.write_str(i)?;
            }
            for c in &m.connections {
                self.start('c')?;
                write!(self.f, "{c}")?;
            }
            for b in &m.bandwidths {
                self.start('b')?;
                write!(self.f, "{b}")?;
            }
            if let Some(k) = &m.key {
                self.start('k')?;
                self.f.write_str(k)?;
            }
            for a in &m.attributes {
                self.start('a')?;
                write!(self.f, "{a}")?;
            }
        }
        Ok(())
    }

    fn start(&mut self, t: char) -> fmt::Result {
        if !self.first {
            self.f.write_str(self.eol)?;
        }
        self.first = false;
        self.f.write_str(match t {
            'v' => "v=",
            'o' => "o=",
            's' => "s=",
            'i' => "i=",
            'u' => "u=",
            'e' => "e=",
            'p' => "p=",
            'c' => "c=",
            'b' => "b=",
            't' => "t=",
            'r' => "r=",
            'z' => "z=",
            'k' => "k=",
            'a' => "a=",
            'y' => "y=",
            'f' => "f=",
            _ => "m=",
        })
    }
}

impl fmt::Display for Connection<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A connection read with [`Quirk::ShortConnection`] lacks the fields it was
        // written without.
        f.write_str(&self.network_type)?;
        for field in [&self.address_type, &self.address] {
            if !field.is_empty() {
                write!(f, " {field}")?;
            }
        }
        if let Some(t) = self.ttl {
            write!(f, "/{t}")?;
        }
        if let Some(c) = self.count {
            write!(f, "/{c}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Bandwidth<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.bw_type, self.value)
    }
}

impl<'a> Origin<'a> {
    /// The origin of the six fields of an `o=` line, in order.
    fn from_fields(f: [&'a str; 6]) -> Self {
        let [
            username,
            session_id,
            session_version,
            network_type,
            address_type,
            address,
        ] = f.map(Cow::Borrowed);
        Origin {
            username,
            session_id,
            session_version,
            network_type,
            address_type,
            address,
        }
    }
}

impl fmt::Display for Origin<'_> {
    /// Writes the `o=` line value; an origin whose fields after the user name are all
    /// empty (a line read whole into `username`, see [`Quirk::MalformedOrigin`]) as its
    /// user name alone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rest = [
            &self.session_id,
            &self.session_version,
            &self.network_type,
            &self.address_type,
            &self.address,
        ];
        if rest.iter().all(|r| r.is_empty()) {
            return f.write_str(&self.username);
        }
        write!(
            f,
            "{} {} {} {} {} {}",
            self.username,
            self.session_id,
            self.session_version,
            self.network_type,
            self.address_type,
            self.address
        )
    }
}

impl fmt::Display for Media<'_> {
    /// Writes the `m=` line value (without `m=`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.media, self.port)?;
        if let Some(n) = self.port_count {
            write!(f, "/{n}")?;
        }
        write!(f, " {}", self.protocol)?;
        for fmt in &self.formats {
            write!(f, " {fmt}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Sdp<'_> {
    /// Writes the SDP with its line ending; an unmodified parsed SDP is written back
    /// byte-identical.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut w = Line {
            f,
            eol: self.line_ending.as_str(),
            first: true,
        };
        w.start('v')?;
        w.f.write_str("0")?;
        w.start('o')?;
        write!(w.f, "{}", self.origin)?;
        w.start('s')?;
        w.f.write_str(&self.session_name)?;
        if let Some(i) = &self.information {
            w.start('i')?;
            w.f.write_str(i)?;
        }
        if let Some(u) = &self.uri {
            w.start('u')?;
            w.f.write_str(u)?;
        }
        for e in &self.emails {
            w.start('e')?;
            w.f.write_str(e)?;
        }
        for p in &self.phones {
            w.start('p')?;
            w.f.write_str(p)?;
        }
        if let Some(c) = &self.connection {
            w.start('c')?;
            write!(w.f, "{c}")?;
        }
        for b in &self.bandwidths {
            w.start('b')?;
            write!(w.f, "{b}")?;
        }
        for t in &self.times {
            w.start('t')?;
            write!(w.f, "{} {}", t.start, t.stop)?;
            for r in &t.repeats {
                w.start('r')?;
                w.f.write_str(r)?;
            }
        }
        if let Some(z) = &self.time_zones {
            w.start('z')?;
            w.f.write_str(z)?;
        }
        if let Some(k) = &self.key {
            w.start('k')?;
            w.f.write_str(k)?;
        }
        w.attributes_and_media(&self.attributes, &self.media)?;
        for (t, line) in [('y', &self.gb28181_ssrc), ('f', &self.gb28181_format)] {
            if let Some(line) = line {
                w.start(t)?;
                w.f.write_str(line)?;
            }
        }
        if self.final_line_ending {
            w.f.write_str(w.eol)?;
        }
        Ok(())
    }
}
