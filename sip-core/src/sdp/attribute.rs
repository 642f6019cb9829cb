//! SDP attributes: [`Attribute`] is an `a=` line as written (name and value, split in the
//! one pass that reads the SDP), [`TypedAttribute`] its typed view, read on access.
//!
//! Each attribute is defined once: its value type with the grammar beside it (how it
//! reads, writes and owns its text), and one line in the `typed_attributes!` table that
//! gives its wire name. Every accepted value is written back exactly as it was read: each
//! grammar accepts only what it writes, and free-form parts are kept verbatim.

use std::borrow::Cow;
use std::fmt;

use super::error::ParseErrorKind;
use super::quirks::{Quirk, Quirks};
use super::{fields, own, own_opt, parse_num, split_by, split_byte, tokens};

/// A media direction (RFC 8866 §6.7; RFC 3264 §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Direction {
    /// Send and receive (the default).
    SendRecv,
    /// Send only.
    SendOnly,
    /// Receive only.
    RecvOnly,
    /// Neither send nor receive.
    Inactive,
}

impl Direction {
    /// The attribute name: `sendrecv`, `sendonly`, `recvonly` or `inactive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::SendRecv => "sendrecv",
            Direction::SendOnly => "sendonly",
            Direction::RecvOnly => "recvonly",
            Direction::Inactive => "inactive",
        }
    }

    /// Parses a direction name.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "sendrecv" => Some(Direction::SendRecv),
            "sendonly" => Some(Direction::SendOnly),
            "recvonly" => Some(Direction::RecvOnly),
            "inactive" => Some(Direction::Inactive),
            _ => None,
        }
    }

    /// Whether this side sends media.
    pub fn sends(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::SendOnly)
    }

    /// Whether this side receives media.
    pub fn receives(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::RecvOnly)
    }

    /// The direction from sending and receiving flags.
    pub fn from_flags(send: bool, recv: bool) -> Self {
        match (send, recv) {
            (true, true) => Direction::SendRecv,
            (true, false) => Direction::SendOnly,
            (false, true) => Direction::RecvOnly,
            (false, false) => Direction::Inactive,
        }
    }

    /// The direction seen from the other side (`sendonly` ↔ `recvonly`).
    pub fn reversed(self) -> Self {
        Direction::from_flags(self.receives(), self.sends())
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]` (RFC 8866 §6.6).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rtpmap<'a> {
    /// The RTP payload type.
    pub payload_type: u8,
    /// The encoding name as written (compare case-insensitively).
    pub encoding: Cow<'a, str>,
    /// The RTP clock rate in Hz.
    pub clock_rate: u32,
    /// The encoding parameters (the channel count for audio), if given.
    pub channels: Option<u16>,
}

/// `a=fmtp:<format> <parameters>` (RFC 8866 §6.15), kept verbatim with parsed views.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fmtp<'a> {
    /// The format (payload type) the parameters apply to.
    pub format: Cow<'a, str>,
    /// The parameters, verbatim.
    pub params: Cow<'a, str>,
}

/// `a=rtcp:<port>[ <nettype> <addrtype> <address>]` (RFC 3605).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rtcp<'a> {
    /// The RTCP port.
    pub port: u16,
    /// Network type, address type and address, if given.
    pub address: Option<(Cow<'a, str>, Cow<'a, str>, Cow<'a, str>)>,
}

/// `a=sctpmap:<port> <app>[ <streams>]`: a data channel's SCTP port as offered before
/// RFC 8841, in `m=application 5000 DTLS/SCTP 5000` sections
/// (draft-ietf-mmusic-sctp-sdp-05, still sent by older browsers and WebRTC gateways;
/// RFC 8841 replaced it by `a=sctp-port`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sctpmap<'a> {
    /// The SCTP port (the section's format).
    pub port: u16,
    /// The application over SCTP (`webrtc-datachannel`).
    pub app: Cow<'a, str>,
    /// The number of incoming streams, if given.
    pub streams: Option<u32>,
}

/// `a=rtcp-fb:<payload type or *> <type>[ <parameters>]` (RFC 4585 §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RtcpFb<'a> {
    /// The payload type, or `*` for all.
    pub payload_type: Cow<'a, str>,
    /// The feedback type (`nack`, `ccm`, `goog-remb`, `transport-cc`, ...).
    pub feedback: Cow<'a, str>,
    /// The parameters (`pli`, `fir`, ...), verbatim.
    pub param: Option<Cow<'a, str>>,
}

/// `a=crypto:<tag> <crypto-suite> <key-params>[ <session-params>]` (RFC 4568 §9.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Crypto<'a> {
    /// The tag that identifies this line in offer/answer.
    pub tag: u32,
    /// The crypto suite, e.g. `AES_CM_128_HMAC_SHA1_80`.
    pub suite: Cow<'a, str>,
    /// The key parameters, verbatim (`inline:<key||salt>[|lifetime][|MKI:length]`, `;`-separated).
    pub key_params: Cow<'a, str>,
    /// The session parameters, verbatim.
    pub session_params: Option<Cow<'a, str>>,
}

/// One `inline:` key of a [`Crypto`] attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineKey<'k> {
    /// The base64 key and salt.
    pub key_salt: &'k str,
    /// The lifetime, if given (e.g. `2^20`).
    pub lifetime: Option<&'k str>,
    /// The master key identifier and its length, if given (e.g. `1:32`).
    pub mki: Option<&'k str>,
}

impl Crypto<'_> {
    /// The `inline:` keys of the key parameters.
    pub fn inline_keys(&self) -> impl Iterator<Item = InlineKey<'_>> {
        self.key_params.split(';').filter_map(|kp| {
            let inline = kp.strip_prefix("inline:")?;
            let mut parts = inline.split('|');
            let key_salt = parts.next()?;
            let mut lifetime = None;
            let mut mki = None;
            for p in parts {
                if p.contains(':') {
                    mki = Some(p);
                } else {
                    lifetime = Some(p);
                }
            }
            Some(InlineKey {
                key_salt,
                lifetime,
                mki,
            })
        })
    }
}

/// `a=fingerprint:<hash function> <fingerprint>` (RFC 8122 §5).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fingerprint<'a> {
    /// The hash function, e.g. `sha-256`.
    pub hash: Cow<'a, str>,
    /// The fingerprint in upper-case hex pairs separated by colons.
    pub value: Cow<'a, str>,
}

/// `a=setup:` role of a DTLS or TCP connection (RFC 4145 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Setup {
    /// Initiates the connection.
    Active,
    /// Accepts the connection.
    Passive,
    /// Either (offers only).
    Actpass,
    /// Holds the connection.
    Holdconn,
}

impl Setup {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Setup::Active => "active",
            Setup::Passive => "passive",
            Setup::Actpass => "actpass",
            Setup::Holdconn => "holdconn",
        }
    }
}

/// `a=group:<semantics> <mid>...` (RFC 5888; BUNDLE, RFC 9143).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Group<'a> {
    /// The semantics, e.g. `BUNDLE` or `LS`.
    pub semantics: Cow<'a, str>,
    /// The media identifiers in the group.
    pub mids: Vec<Cow<'a, str>>,
}

/// `a=msid:<stream id>[ <track id>]` (RFC 8830).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Msid<'a> {
    /// The media stream identifier.
    pub stream: Cow<'a, str>,
    /// The application data (track identifier), verbatim.
    pub track: Option<Cow<'a, str>>,
}

/// `a=ssrc:<ssrc> <attribute>[:<value>]` (RFC 5576 §4.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ssrc<'a> {
    /// The synchronization source.
    pub ssrc: u32,
    /// The source attribute name, e.g. `cname`, `msid`.
    pub attribute: Cow<'a, str>,
    /// The source attribute value, verbatim.
    pub value: Option<Cow<'a, str>>,
}

/// `a=ssrc-group:<semantics> <ssrc>...` (RFC 5576 §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SsrcGroup<'a> {
    /// The semantics, e.g. `FID` or `SIM`.
    pub semantics: Cow<'a, str>,
    /// The sources in the group.
    pub ssrcs: Vec<u32>,
}

/// Whether the writer of an `a=rid` line sends or receives the RTP stream it names
/// (RFC 8851 §10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum RidDirection {
    /// `send`: the writer sends the stream.
    Send,
    /// `recv`: the writer receives it.
    Recv,
}

impl RidDirection {
    /// The wire word, `send` or `recv`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RidDirection::Send => "send",
            RidDirection::Recv => "recv",
        }
    }

    /// The direction the other side writes for the same stream.
    pub const fn reversed(self) -> RidDirection {
        match self {
            RidDirection::Send => RidDirection::Recv,
            RidDirection::Recv => RidDirection::Send,
        }
    }

    fn from_word(w: &str) -> Option<RidDirection> {
        match w {
            "send" => Some(RidDirection::Send),
            "recv" => Some(RidDirection::Recv),
            _ => None,
        }
    }
}

/// `a=rid:<rid-id> <send|recv>[ <restrictions>]` (RFC 8851 §10): one RTP stream of a media
/// section, named so that `a=simulcast` can list it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rid<'a> {
    /// The RTP stream id (letters, digits, `-` and `_`).
    pub id: Cow<'a, str>,
    /// Whether the writer sends or receives the stream.
    pub direction: RidDirection,
    /// The restrictions (`pt=96,97;max-width=1280`), verbatim.
    pub restrictions: Option<Cow<'a, str>>,
}

/// One RTP stream id in a simulcast list, `~` before it when the stream starts paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SimulcastId<'s> {
    /// The RTP stream id, as an `a=rid` line names it.
    pub rid: &'s str,
    /// Whether the stream is offered paused (`~`).
    pub paused: bool,
}

/// `a=simulcast:<send|recv> <streams>[ <recv|send> <streams>]` (RFC 8853 §5.1): the
/// simulcast streams the writer sends and receives. Each list is verbatim: streams
/// separated by `;`, each stream its alternative RTP stream ids separated by `,` (read
/// them with [`Simulcast::send_streams`] and [`Simulcast::recv_streams`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Simulcast<'a> {
    /// The streams the writer sends, if it sends simulcast.
    pub send: Option<Cow<'a, str>>,
    /// The streams the writer receives, if it receives simulcast.
    pub recv: Option<Cow<'a, str>>,
}

impl Simulcast<'_> {
    /// The streams the writer sends, each with its alternatives in order.
    pub fn send_streams(&self) -> Vec<Vec<SimulcastId<'_>>> {
        self.send
            .as_deref()
            .map_or_else(Vec::new, simulcast_streams)
    }

    /// The streams the writer receives, each with its alternatives in order.
    pub fn recv_streams(&self) -> Vec<Vec<SimulcastId<'_>>> {
        self.recv
            .as_deref()
            .map_or_else(Vec::new, simulcast_streams)
    }
}

/// The streams of a simulcast list (`h;l` or `1,2;~3`), each with its alternatives.
fn simulcast_streams(list: &str) -> Vec<Vec<SimulcastId<'_>>> {
    list.split(';')
        .map(|stream| {
            stream
                .split(',')
                .map(|id| match id.strip_prefix('~') {
                    Some(rid) => SimulcastId { rid, paused: true },
                    None => SimulcastId {
                        rid: id,
                        paused: false,
                    },
                })
                .collect()
        })
        .collect()
}

/// RFC 8851 `rid-id`: letters, digits, `-` and `_`, at least one.
pub(crate) fn is_rid_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// RFC 8853 `sc-str-list`: streams separated by `;`, alternatives by `,`, each an
/// RTP stream id with an optional `~` before it.
fn is_simulcast_list(list: &str) -> bool {
    list.split(';').all(|stream| {
        stream
            .split(',')
            .all(|id| is_rid_id(id.strip_prefix('~').unwrap_or(id)))
    })
}

/// `a=extmap:<id>[/<direction>] <uri>[ <attributes>]` (RFC 8285 §5).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Extmap<'a> {
    /// The extension identifier.
    pub id: u16,
    /// The direction, if given.
    pub direction: Option<Direction>,
    /// The extension URI.
    pub uri: Cow<'a, str>,
    /// The extension attributes, verbatim.
    pub attributes: Option<Cow<'a, str>>,
}

/// An ICE candidate type (RFC 8839 §5.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CandidateType<'a> {
    /// A host candidate.
    Host,
    /// A server-reflexive candidate.
    Srflx,
    /// A peer-reflexive candidate.
    Prflx,
    /// A relayed candidate.
    Relay,
    /// Another type token.
    Other(Cow<'a, str>),
}

impl CandidateType<'_> {
    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            CandidateType::Host => "host",
            CandidateType::Srflx => "srflx",
            CandidateType::Prflx => "prflx",
            CandidateType::Relay => "relay",
            CandidateType::Other(s) => s,
        }
    }
}

/// `a=candidate:` an ICE candidate (RFC 8839 §5.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Candidate<'a> {
    /// The foundation.
    pub foundation: Cow<'a, str>,
    /// The component (1 for RTP, 2 for RTCP).
    pub component: u16,
    /// The transport, e.g. `udp` or `tcp`.
    pub transport: Cow<'a, str>,
    /// The priority.
    pub priority: u64,
    /// The connection address (IP address or FQDN).
    pub address: Cow<'a, str>,
    /// The port.
    pub port: u16,
    /// The candidate type.
    pub kind: CandidateType<'a>,
    /// The related address (`raddr`).
    pub related_address: Option<Cow<'a, str>>,
    /// The related port (`rport`).
    pub related_port: Option<u16>,
    /// The extension attributes as name/value pairs (`generation 0`, `tcptype active`, ...).
    pub extensions: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> Candidate<'a> {
    /// Reads a candidate as `a=candidate:` carries it, with or without the `a=` or
    /// `candidate:` in front (ICE agents and the browsers' `RTCIceCandidate.candidate`
    /// give `candidate:...`).
    ///
    /// ```
    /// use sip_core::sdp::{Candidate, CandidateType};
    ///
    /// let c = Candidate::parse("candidate:1 1 udp 2130706431 192.0.2.10 40000 typ host")?;
    /// assert_eq!((c.address.as_ref(), c.port, &c.kind), ("192.0.2.10", 40000, &CandidateType::Host));
    /// assert_eq!(c.to_string(), "1 1 udp 2130706431 192.0.2.10 40000 typ host");
    /// # Ok::<(), sip_core::sdp::ParseErrorKind>(())
    /// ```
    ///
    /// # Errors
    /// [`ParseErrorKind::Attribute`] when the text breaks RFC 8839's grammar.
    pub fn parse(text: &'a str) -> Result<Self, ParseErrorKind> {
        let text = text.strip_prefix("a=").unwrap_or(text);
        let text = text.strip_prefix("candidate:").unwrap_or(text);
        <Self as Value<'a>>::read("candidate", text)
    }

    /// A copy that owns all its text.
    pub fn into_owned(self) -> Candidate<'static> {
        Value::owned(self)
    }
}

impl fmt::Display for Candidate<'_> {
    /// Writes the value of `a=candidate:` (what [`Candidate::parse`] reads).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Value::write(self, f)
    }
}

/// `a=silenceSupp:<enable> <timer> <pref> <sid use> <fxnslevel>` (RFC 3108 §5.6.3.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SilenceSupp<'a> {
    /// Whether silence suppression is on.
    pub enabled: bool,
    /// The silence timer, or `-`.
    pub timer: Cow<'a, str>,
    /// The suppression preference, or `-`.
    pub preference: Cow<'a, str>,
    /// The SID use, or `-`.
    pub sid_use: Cow<'a, str>,
    /// The fixed noise level, or `-`.
    pub fxnslevel: Cow<'a, str>,
}

/// The grammar of one attribute value: how it reads, how it writes and how it comes to own
/// its text. Each typed attribute implements it beside its type, and the
/// [`TypedAttribute`] table below names it once.
pub(crate) trait Value<'a>: Sized {
    /// The same value owning its text.
    type Owned;
    /// Reads the text after `a=<name>:`; `name` is for the error.
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind>;
    /// Writes exactly what [`Value::read`] reads back to the same value.
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    /// The value owning its text.
    fn owned(self) -> Self::Owned;
}

const fn bad(name: &'static str, reason: &'static str) -> ParseErrorKind {
    ParseErrorKind::Attribute { name, reason }
}

/// Splits at the first space; both halves non-empty.
fn split_sp(s: &str) -> Option<(&str, &str)> {
    let (a, b) = split_byte(s, b' ')?;
    (!a.is_empty()).then_some((a, b))
}

/// Writes ` <v>` when there is a `v`.
fn write_opt(f: &mut fmt::Formatter<'_>, sep: char, v: Option<&Cow<'_, str>>) -> fmt::Result {
    match v {
        Some(v) => write!(f, "{sep}{v}"),
        None => Ok(()),
    }
}

/// A packet time in milliseconds, as `a=ptime` and `a=maxptime` give it (RFC 8866 6.4,
/// 6.5: `non-zero-int-or-real`): whole milliseconds (`20`) or a decimal fraction of them
/// (`0.125`, as AES67 and SMPTE ST 2110-30 senders write 125 µs packets), kept to the
/// nanosecond.
///
/// ```
/// use sip_core::sdp::{PacketTime, TypedAttribute};
/// let sdp = sip_core::sdp::parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 96\r\na=rtpmap:96 L24/48000/2\r\na=ptime:0.125\r\n")?;
/// let Ok(TypedAttribute::Ptime(p)) = sdp.media[0].attributes[1].typed() else { panic!() };
/// assert_eq!(p.as_duration(), std::time::Duration::from_micros(125));
/// assert_eq!(p.whole_millis(), None);
/// assert_eq!(PacketTime::from_millis(20).to_string(), "20");
/// # Ok::<(), sip_core::sdp::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PacketTime {
    nanos: u64,
}

impl PacketTime {
    /// A whole number of milliseconds.
    pub fn from_millis(ms: u32) -> Self {
        PacketTime {
            nanos: u64::from(ms) * 1_000_000,
        }
    }

    /// A duration to the nanosecond; `None` for zero or for 2^32 milliseconds or more.
    pub fn from_duration(d: std::time::Duration) -> Option<Self> {
        let nanos = u64::try_from(d.as_nanos()).ok()?;
        (nanos > 0 && nanos < (1u64 << 32) * 1_000_000).then_some(PacketTime { nanos })
    }

    /// The packet time as a duration.
    pub fn as_duration(self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.nanos)
    }

    /// The packet time in whole milliseconds, when it is a whole number of them.
    pub fn whole_millis(self) -> Option<u32> {
        if self.nanos.is_multiple_of(1_000_000) {
            u32::try_from(self.nanos / 1_000_000).ok()
        } else {
            None
        }
    }

    /// Milliseconds with their fraction (`0.125`).
    pub fn as_millis_f64(self) -> f64 {
        self.nanos as f64 / 1e6
    }
}

impl fmt::Display for PacketTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (ms, frac) = (self.nanos / 1_000_000, self.nanos % 1_000_000);
        write!(f, "{ms}")?;
        if frac != 0 {
            let digits = format!("{frac:06}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PacketTime {
    /// A number of milliseconds: an integer when whole (`20`), else with its fraction.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.whole_millis() {
            Some(ms) => s.serialize_u32(ms),
            None => s.serialize_f64(self.as_millis_f64()),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PacketTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let ms = f64::deserialize(d)?;
        if !(ms > 0.0 && ms < 4_294_967_296.0) {
            return Err(serde::de::Error::custom("packet time out of range"));
        }
        Ok(PacketTime {
            nanos: (ms * 1e6).round() as u64,
        })
    }
}

/// RFC 8866 9 `non-zero-int-or-real`: an integer without leading zeros (`20`), or a
/// decimal whose integer part is 0 or such an integer and whose fraction ends in a
/// non-zero digit (`0.125`, `29.97`; not `1.0`, `.5`, `0`).
fn is_non_zero_int_or_real(v: &str) -> bool {
    // `integer` (POS-DIGIT *DIGIT) or `zero-based-integer` ("0" / integer).
    let zero_based = |i: &str| {
        !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) && (i == "0" || !i.starts_with('0'))
    };
    match v.split_once('.') {
        None => zero_based(v) && v != "0",
        Some((i, f)) => {
            zero_based(i)
                && !f.is_empty()
                && f.bytes().all(|b| b.is_ascii_digit())
                && !f.ends_with('0')
        }
    }
}

/// `ptime`, `maxptime`: `non-zero-int-or-real` (RFC 8866 9): an integer without leading
/// zeros, or a decimal with at least one non-zero digit after the point and no trailing
/// zero, to six decimals (a nanosecond), below 2^32 milliseconds.
impl Value<'_> for PacketTime {
    type Owned = PacketTime;
    fn read(name: &'static str, v: &str) -> Result<Self, ParseErrorKind> {
        if !is_non_zero_int_or_real(v) {
            return Err(bad(name, "not a positive number of milliseconds"));
        }
        let (int, frac) = match v.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (v, None),
        };
        let ms: u32 = int
            .parse()
            .map_err(|_| bad(name, "not a positive number of milliseconds"))?;
        let mut nanos = u64::from(ms) * 1_000_000;
        if let Some(f) = frac {
            if f.len() > 6 {
                return Err(bad(name, "finer than a nanosecond"));
            }
            let digits: u64 = f.parse().unwrap_or(0);
            nanos += digits * 10u64.pow(6 - f.len() as u32);
        }
        Ok(PacketTime { nanos })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
    fn owned(self) -> PacketTime {
        self
    }
}

/// `mid`, `ice-ufrag`, `ice-pwd`, `label`, `framerate`: free text, kept as written.
impl<'a> Value<'a> for Cow<'a, str> {
    type Owned = Cow<'static, str>;
    /// Kept as written, once it is what its attribute's grammar allows: `mid` (RFC 5888)
    /// and `label` (RFC 4574) a token, `ice-ufrag` 4 to 256 and `ice-pwd` 22 to 256
    /// ICE characters (RFC 8839: letters, digits, `+`, `/`), `framerate`
    /// `non-zero-int-or-real` (RFC 8866 6.13).
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let ice = |min: usize| {
            (min..=256).contains(&v.len())
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        };
        let reason = match name {
            "mid" | "label" if !super::is_sdp_token(v.as_bytes()) => "not a token",
            "ice-ufrag" if !ice(4) => "not 4 to 256 letters, digits, `+` or `/`",
            "ice-pwd" if !ice(22) => "not 22 to 256 letters, digits, `+` or `/`",
            "framerate" if !is_non_zero_int_or_real(v) => "not a positive number",
            _ => return Ok(Cow::Borrowed(v)),
        };
        Err(bad(name, reason))
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
    fn owned(self) -> Cow<'static, str> {
        own(self)
    }
}

/// `ice-options`: space-separated tokens, none empty.
impl<'a> Value<'a> for Vec<Cow<'a, str>> {
    type Owned = Vec<Cow<'static, str>>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        tokens(split_by(v, b' ')).ok_or(bad(name, "empty option tag"))
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(t)?;
        }
        Ok(())
    }
    fn owned(self) -> Vec<Cow<'static, str>> {
        self.into_iter().map(own).collect()
    }
}

/// `sctp-port` (RFC 8841 5.1: the SCTP port of a data channel section, `1*5DIGIT` up to
/// 65535) and `max-message-size` (RFC 8841 6.1: the largest message in bytes, `1*DIGIT`,
/// 0 for no limit): a decimal number without a leading zero, which writes back as read.
macro_rules! number_value {
    ($($ty:ty => $reason:literal),* $(,)?) => {$(
        impl Value<'_> for $ty {
            type Owned = $ty;
            fn read(name: &'static str, v: &str) -> Result<Self, ParseErrorKind> {
                parse_num(v).ok_or(bad(name, $reason))
            }
            fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{self}")
            }
            fn owned(self) -> $ty {
                self
            }
        }
    )*};
}

number_value! {
    u16 => "not a port number (0-65535, no leading zero)",
    u64 => "not a number of bytes (no leading zero, below 2^64)",
}

/// The large values are boxed to keep [`TypedAttribute`] small.
impl<'a, T: Value<'a>> Value<'a> for Box<T> {
    type Owned = Box<T::Owned>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        T::read(name, v).map(Box::new)
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        T::write(self, f)
    }
    fn owned(self) -> Box<T::Owned> {
        Box::new(T::owned(*self))
    }
}

/// An rtpmap without a clock rate (see [`Quirk::MissingClockRate`](super::Quirk::MissingClockRate)).
pub(crate) const NO_CLOCK_RATE: ParseErrorKind = bad("rtpmap", "no clock rate after the encoding");

impl<'a> Rtpmap<'a> {
    /// Reads an rtpmap value; with `decimal_zeros`, a clock rate written with a decimal
    /// fraction of zeros (`8000.0`, `48000.00`, [`Quirk::DecimalClockRate`]) reads as
    /// that integer rate. A fraction that is not all zeros (`48000.5`) never reads: no
    /// integer rate is meant. With `registered`, an encoding written without a clock
    /// rate (`98 iLBC`, [`Quirk::MissingClockRate`]) reads with the rate its
    /// registration fixes, when it fixes one.
    ///
    /// [`Quirk::DecimalClockRate`]: super::Quirk::DecimalClockRate
    /// [`Quirk::MissingClockRate`]: super::Quirk::MissingClockRate
    fn read_with(
        name: &'static str,
        v: &'a str,
        decimal_zeros: bool,
        registered: bool,
    ) -> Result<Self, ParseErrorKind> {
        let (pt, rest) = split_sp(v).ok_or(bad(name, "expected <payload type> <encoding>"))?;
        let payload_type = parse_num::<u8>(pt)
            .filter(|p| *p < 128)
            .ok_or(bad(name, "payload type is not 0-127"))?;
        if rest.contains(' ') {
            return Err(bad(name, "space inside the encoding"));
        }
        let mut parts = split_by(rest, b'/');
        let encoding = parts.next().unwrap_or_default();
        if encoding.is_empty() {
            return Err(bad(name, "empty encoding name"));
        }
        let Some(clock) = parts.next() else {
            return match super::payload::registered_clock_rate(encoding) {
                Some(clock_rate) if registered => Ok(Rtpmap {
                    payload_type,
                    encoding: Cow::Borrowed(encoding),
                    clock_rate,
                    channels: None,
                }),
                _ => Err(NO_CLOCK_RATE),
            };
        };
        let clock_rate = match split_byte(clock, b'.') {
            Some((whole, fraction))
                if decimal_zeros && !fraction.is_empty() && fraction.bytes().all(|d| d == b'0') =>
            {
                parse_num(whole)
            }
            _ => parse_num(clock),
        }
        .ok_or(bad(name, "clock rate is not an integer"))?;
        if clock_rate == 0 {
            // A clock that never ticks: no timestamp could be read against it.
            return Err(bad(name, "clock rate is 0"));
        }
        let channels = match parts.next() {
            None => None,
            Some(c) => Some(
                parse_num(c)
                    .filter(|&n: &u16| n > 0)
                    .ok_or(bad(name, "channels is not a positive integer"))?,
            ),
        };
        if parts.next().is_some() {
            return Err(bad(name, "too many `/` fields"));
        }
        Ok(Rtpmap {
            payload_type,
            encoding: Cow::Borrowed(encoding),
            clock_rate,
            channels,
        })
    }
}

impl<'a> Value<'a> for Rtpmap<'a> {
    type Owned = Rtpmap<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        Rtpmap::read_with(name, v, false, false)
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}/{}",
            self.payload_type, self.encoding, self.clock_rate
        )?;
        match self.channels {
            Some(c) => write!(f, "/{c}"),
            None => Ok(()),
        }
    }
    fn owned(self) -> Rtpmap<'static> {
        Rtpmap {
            payload_type: self.payload_type,
            encoding: own(self.encoding),
            clock_rate: self.clock_rate,
            channels: self.channels,
        }
    }
}

impl<'a> Value<'a> for Fmtp<'a> {
    type Owned = Fmtp<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (format, params) = split_sp(v)
            .filter(|(_, p)| !p.is_empty())
            .ok_or(bad(name, "expected <format> <parameters>"))?;
        Ok(Fmtp {
            format: Cow::Borrowed(format),
            params: Cow::Borrowed(params),
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.format, self.params)
    }
    fn owned(self) -> Fmtp<'static> {
        Fmtp {
            format: own(self.format),
            params: own(self.params),
        }
    }
}

impl<'a> Value<'a> for Rtcp<'a> {
    type Owned = Rtcp<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (port, rest) = match split_byte(v, b' ') {
            Some((p, r)) => (p, Some(r)),
            None => (v, None),
        };
        let port = parse_num(port).ok_or(bad(name, "port is not 0-65535"))?;
        let address = match rest {
            None => None,
            Some(r) => {
                let [n, a, h] =
                    fields(r).ok_or(bad(name, "expected <nettype> <addrtype> <address>"))?;
                Some((Cow::Borrowed(n), Cow::Borrowed(a), Cow::Borrowed(h)))
            }
        };
        Ok(Rtcp { port, address })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.port)?;
        match &self.address {
            Some((n, a, h)) => write!(f, " {n} {a} {h}"),
            None => Ok(()),
        }
    }
    fn owned(self) -> Rtcp<'static> {
        Rtcp {
            port: self.port,
            address: self.address.map(|(n, a, h)| (own(n), own(a), own(h))),
        }
    }
}

impl<'a> Value<'a> for Sctpmap<'a> {
    type Owned = Sctpmap<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (port, rest) = split_sp(v).ok_or(bad(name, "expected <port> <app>"))?;
        let port = parse_num(port).ok_or(bad(name, "port is not 0-65535"))?;
        let (app, streams) = match split_byte(rest, b' ') {
            Some((a, n)) => (
                a,
                Some(parse_num(n).ok_or(bad(name, "streams is not a number below 2^32"))?),
            ),
            None => (rest, None),
        };
        if !super::is_sdp_token(app.as_bytes()) {
            return Err(bad(name, "the application is not a token"));
        }
        Ok(Sctpmap {
            port,
            app: Cow::Borrowed(app),
            streams,
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.port, self.app)?;
        match self.streams {
            Some(n) => write!(f, " {n}"),
            None => Ok(()),
        }
    }
    fn owned(self) -> Sctpmap<'static> {
        Sctpmap {
            port: self.port,
            app: own(self.app),
            streams: self.streams,
        }
    }
}

impl<'a> Value<'a> for RtcpFb<'a> {
    type Owned = RtcpFb<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (pt, rest) = split_sp(v).ok_or(bad(name, "expected <payload type> <type>"))?;
        let (feedback, param) = match split_byte(rest, b' ') {
            Some((t, p)) => (t, Some(Cow::Borrowed(p))),
            None => (rest, None),
        };
        if feedback.is_empty() {
            return Err(bad(name, "empty feedback type"));
        }
        Ok(RtcpFb {
            payload_type: Cow::Borrowed(pt),
            feedback: Cow::Borrowed(feedback),
            param,
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.payload_type, self.feedback)?;
        write_opt(f, ' ', self.param.as_ref())
    }
    fn owned(self) -> RtcpFb<'static> {
        RtcpFb {
            payload_type: own(self.payload_type),
            feedback: own(self.feedback),
            param: own_opt(self.param),
        }
    }
}

impl<'a> Value<'a> for Crypto<'a> {
    type Owned = Crypto<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        const E: &str = "expected <tag> <suite> <key-params>";
        let (tag, rest) = split_byte(v, b' ').ok_or(bad(name, E))?;
        let (suite, rest) = split_byte(rest, b' ').ok_or(bad(name, E))?;
        let (key_params, session_params) = match split_byte(rest, b' ') {
            Some((k, s)) => (k, Some(s)),
            None => (rest, None),
        };
        let tag = parse_num(tag).ok_or(bad(name, "tag is not an integer"))?;
        if suite.is_empty() || key_params.is_empty() {
            return Err(bad(name, "empty suite or key parameters"));
        }
        Ok(Crypto {
            tag,
            suite: Cow::Borrowed(suite),
            key_params: Cow::Borrowed(key_params),
            session_params: session_params.map(Cow::Borrowed),
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.tag, self.suite, self.key_params)?;
        write_opt(f, ' ', self.session_params.as_ref())
    }
    fn owned(self) -> Crypto<'static> {
        Crypto {
            tag: self.tag,
            suite: own(self.suite),
            key_params: own(self.key_params),
            session_params: own_opt(self.session_params),
        }
    }
}

impl<'a> Value<'a> for Fingerprint<'a> {
    type Owned = Fingerprint<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (hash, value) = split_sp(v).ok_or(bad(name, "expected <hash> <value>"))?;
        if value.is_empty() || value.contains(' ') {
            return Err(bad(name, "value must be one token"));
        }
        Ok(Fingerprint {
            hash: Cow::Borrowed(hash),
            value: Cow::Borrowed(value),
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.hash, self.value)
    }
    fn owned(self) -> Fingerprint<'static> {
        Fingerprint {
            hash: own(self.hash),
            value: own(self.value),
        }
    }
}

impl Value<'_> for Setup {
    type Owned = Setup;
    fn read(name: &'static str, v: &str) -> Result<Self, ParseErrorKind> {
        Ok(match v {
            "active" => Setup::Active,
            "passive" => Setup::Passive,
            "actpass" => Setup::Actpass,
            "holdconn" => Setup::Holdconn,
            _ => return Err(bad(name, "not active, passive, actpass or holdconn")),
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
    fn owned(self) -> Setup {
        self
    }
}

/// The `<semantics>` that opens a grouping attribute (`group`, `ssrc-group`), and the
/// space-separated members after it.
fn semantics<'a>(
    name: &'static str,
    v: &'a str,
) -> Result<(&'a str, super::SplitByte<'a>), ParseErrorKind> {
    let mut it = split_by(v, b' ');
    let semantics = it.next().unwrap_or_default();
    if semantics.is_empty() {
        return Err(bad(name, "empty semantics"));
    }
    Ok((semantics, it))
}

/// Writes `<semantics> <member> <member>...`.
fn write_group(
    f: &mut fmt::Formatter<'_>,
    semantics: &str,
    members: &[impl fmt::Display],
) -> fmt::Result {
    f.write_str(semantics)?;
    for m in members {
        write!(f, " {m}")?;
    }
    Ok(())
}

impl<'a> Value<'a> for Group<'a> {
    type Owned = Group<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (semantics, it) = semantics(name, v)?;
        let mids = tokens(it).ok_or(bad(name, "empty identification tag"))?;
        Ok(Group {
            semantics: Cow::Borrowed(semantics),
            mids,
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_group(f, &self.semantics, &self.mids)
    }
    fn owned(self) -> Group<'static> {
        Group {
            semantics: own(self.semantics),
            mids: self.mids.into_iter().map(own).collect(),
        }
    }
}

impl<'a> Value<'a> for Msid<'a> {
    type Owned = Msid<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (stream, track) = match split_byte(v, b' ') {
            Some((s, t)) => (s, Some(Cow::Borrowed(t))),
            None => (v, None),
        };
        if stream.is_empty() {
            return Err(bad(name, "empty stream identifier"));
        }
        Ok(Msid {
            stream: Cow::Borrowed(stream),
            track,
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.stream)?;
        write_opt(f, ' ', self.track.as_ref())
    }
    fn owned(self) -> Msid<'static> {
        Msid {
            stream: own(self.stream),
            track: own_opt(self.track),
        }
    }
}

impl<'a> Value<'a> for Ssrc<'a> {
    type Owned = Ssrc<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (id, rest) = split_sp(v).ok_or(bad(name, "expected <ssrc> <attribute>"))?;
        let ssrc = parse_num(id).ok_or(bad(name, "source is not a 32-bit integer"))?;
        let (attribute, value) = match split_byte(rest, b':') {
            Some((a, b)) => (a, Some(Cow::Borrowed(b))),
            None => (rest, None),
        };
        if attribute.is_empty() {
            return Err(bad(name, "empty source attribute"));
        }
        Ok(Ssrc {
            ssrc,
            attribute: Cow::Borrowed(attribute),
            value,
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.ssrc, self.attribute)?;
        write_opt(f, ':', self.value.as_ref())
    }
    fn owned(self) -> Ssrc<'static> {
        Ssrc {
            ssrc: self.ssrc,
            attribute: own(self.attribute),
            value: own_opt(self.value),
        }
    }
}

impl<'a> Value<'a> for SsrcGroup<'a> {
    type Owned = SsrcGroup<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (semantics, it) = semantics(name, v)?;
        let ssrcs = it
            .map(parse_num::<u32>)
            .collect::<Option<Vec<_>>>()
            .ok_or(bad(name, "source is not a 32-bit integer"))?;
        Ok(SsrcGroup {
            semantics: Cow::Borrowed(semantics),
            ssrcs,
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_group(f, &self.semantics, &self.ssrcs)
    }
    fn owned(self) -> SsrcGroup<'static> {
        SsrcGroup {
            semantics: own(self.semantics),
            ssrcs: self.ssrcs,
        }
    }
}

impl<'a> Value<'a> for Rid<'a> {
    type Owned = Rid<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (id, rest) = split_sp(v).ok_or(bad(name, "expected <rid-id> <send|recv>"))?;
        if !is_rid_id(id) {
            return Err(bad(name, "RTP stream id is not letters, digits, - and _"));
        }
        let (dir, restrictions) = match split_byte(rest, b' ') {
            Some((d, r)) => (d, Some(r)),
            None => (rest, None),
        };
        let direction =
            RidDirection::from_word(dir).ok_or(bad(name, "direction is not send or recv"))?;
        if restrictions.is_some_and(|r| r.is_empty() || r.starts_with(' ')) {
            return Err(bad(name, "empty restrictions"));
        }
        Ok(Rid {
            id: Cow::Borrowed(id),
            direction,
            restrictions: restrictions.map(Cow::Borrowed),
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.id, self.direction.as_str())?;
        write_opt(f, ' ', self.restrictions.as_ref())
    }
    fn owned(self) -> Rid<'static> {
        Rid {
            id: own(self.id),
            direction: self.direction,
            restrictions: own_opt(self.restrictions),
        }
    }
}

impl<'a> Value<'a> for Simulcast<'a> {
    type Owned = Simulcast<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let shape = bad(
            name,
            "expected send and/or recv, each with streams of RTP stream ids",
        );
        let mut words = v.split(' ');
        let mut out = Simulcast {
            send: None,
            recv: None,
        };
        let mut lists = 0;
        while let Some(dir) = words.next() {
            let list = words.next().ok_or(shape.clone())?;
            if !is_simulcast_list(list) {
                return Err(shape);
            }
            let slot = match RidDirection::from_word(dir).ok_or(shape.clone())? {
                RidDirection::Send => &mut out.send,
                RidDirection::Recv => &mut out.recv,
            };
            if slot.is_some() {
                return Err(bad(name, "a direction given twice"));
            }
            *slot = Some(Cow::Borrowed(list));
            lists += 1;
        }
        if lists == 0 {
            return Err(shape);
        }
        Ok(out)
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.send, &self.recv) {
            (Some(s), Some(r)) => write!(f, "send {s} recv {r}"),
            (Some(s), None) => write!(f, "send {s}"),
            (None, Some(r)) => write!(f, "recv {r}"),
            (None, None) => Ok(()),
        }
    }
    fn owned(self) -> Simulcast<'static> {
        Simulcast {
            send: own_opt(self.send),
            recv: own_opt(self.recv),
        }
    }
}

impl<'a> Value<'a> for Extmap<'a> {
    type Owned = Extmap<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let (id_part, rest) = split_sp(v).ok_or(bad(name, "expected <id> <uri>"))?;
        let (id, direction) = match split_byte(id_part, b'/') {
            Some((i, d)) => (
                i,
                Some(Direction::from_name(d).ok_or(bad(name, "unknown direction"))?),
            ),
            None => (id_part, None),
        };
        // RFC 8285 5: 1-14 (one-byte headers) or 1-255 (two-byte), and 4096-4351 in an
        // offer that leaves the choice to the answerer.
        let id = parse_num(id)
            .filter(|&n: &u16| matches!(n, 1..=255 | 4096..=4351))
            .ok_or(bad(name, "id is not 1-255 or 4096-4351"))?;
        let (uri, attributes) = match split_byte(rest, b' ') {
            Some((u, a)) => (u, Some(Cow::Borrowed(a))),
            None => (rest, None),
        };
        if uri.is_empty() {
            return Err(bad(name, "empty URI"));
        }
        Ok(Extmap {
            id,
            direction,
            uri: Cow::Borrowed(uri),
            attributes,
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.id)?;
        if let Some(d) = self.direction {
            write!(f, "/{d}")?;
        }
        write!(f, " {}", self.uri)?;
        write_opt(f, ' ', self.attributes.as_ref())
    }
    fn owned(self) -> Extmap<'static> {
        Extmap {
            id: self.id,
            direction: self.direction,
            uri: own(self.uri),
            attributes: own_opt(self.attributes),
        }
    }
}

impl<'a> Value<'a> for Candidate<'a> {
    type Owned = Candidate<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        const E: &str =
            "expected <foundation> <component> <transport> <priority> <address> <port> typ <type>";
        // RFC 8839 5.1: every field is visible characters, separated by single spaces.
        if v.bytes().any(|b| b < b' ' || b == 0x7f) {
            return Err(bad(name, "a control character in a field"));
        }
        let mut it = split_by(v, b' ');
        let mut next = || it.next().filter(|t| !t.is_empty()).ok_or(bad(name, E));
        let foundation = next()?;
        let component = parse_num(next()?).ok_or(bad(name, "component is not an integer"))?;
        let transport = next()?;
        let priority = parse_num(next()?).ok_or(bad(name, "priority is not an integer"))?;
        let address = next()?;
        let port = parse_num(next()?).ok_or(bad(name, "port is not 0-65535"))?;
        if next()? != "typ" {
            return Err(bad(name, "missing `typ`"));
        }
        let kind = match next()? {
            "host" => CandidateType::Host,
            "srflx" => CandidateType::Srflx,
            "prflx" => CandidateType::Prflx,
            "relay" => CandidateType::Relay,
            other => CandidateType::Other(Cow::Borrowed(other)),
        };
        let mut c = Candidate {
            foundation: Cow::Borrowed(foundation),
            component,
            transport: Cow::Borrowed(transport),
            priority,
            address: Cow::Borrowed(address),
            port,
            kind,
            related_address: None,
            related_port: None,
            extensions: Vec::new(),
        };
        while let Some(key) = it.next() {
            let value = it
                .next()
                .filter(|t| !t.is_empty())
                .ok_or(bad(name, "extension without a value"))?;
            if key.is_empty() {
                return Err(bad(name, "empty extension name"));
            }
            if key == "raddr"
                && c.related_address.is_none()
                && c.related_port.is_none()
                && c.extensions.is_empty()
            {
                c.related_address = Some(Cow::Borrowed(value));
            } else if key == "rport" && c.related_port.is_none() && c.extensions.is_empty() {
                c.related_port = Some(parse_num(value).ok_or(bad(name, "rport is not 0-65535"))?);
            } else {
                c.extensions
                    .push((Cow::Borrowed(key), Cow::Borrowed(value)));
            }
        }
        Ok(c)
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {} {} {} typ {}",
            self.foundation,
            self.component,
            self.transport,
            self.priority,
            self.address,
            self.port,
            self.kind.as_str()
        )?;
        if let Some(a) = &self.related_address {
            write!(f, " raddr {a}")?;
        }
        if let Some(p) = self.related_port {
            write!(f, " rport {p}")?;
        }
        for (k, v) in &self.extensions {
            write!(f, " {k} {v}")?;
        }
        Ok(())
    }
    fn owned(self) -> Candidate<'static> {
        Candidate {
            foundation: own(self.foundation),
            component: self.component,
            transport: own(self.transport),
            priority: self.priority,
            address: own(self.address),
            port: self.port,
            kind: match self.kind {
                CandidateType::Host => CandidateType::Host,
                CandidateType::Srflx => CandidateType::Srflx,
                CandidateType::Prflx => CandidateType::Prflx,
                CandidateType::Relay => CandidateType::Relay,
                CandidateType::Other(o) => CandidateType::Other(own(o)),
            },
            related_address: own_opt(self.related_address),
            related_port: self.related_port,
            extensions: self
                .extensions
                .into_iter()
                .map(|(k, v)| (own(k), own(v)))
                .collect(),
        }
    }
}

impl<'a> Value<'a> for SilenceSupp<'a> {
    type Owned = SilenceSupp<'static>;
    fn read(name: &'static str, v: &'a str) -> Result<Self, ParseErrorKind> {
        let [enable, timer, preference, sid_use, fxnslevel] =
            fields(v).ok_or(bad(name, "expected five fields"))?;
        let enabled = match enable {
            "on" => true,
            "off" => false,
            _ => return Err(bad(name, "first field is not on or off")),
        };
        Ok(SilenceSupp {
            enabled,
            timer: Cow::Borrowed(timer),
            preference: Cow::Borrowed(preference),
            sid_use: Cow::Borrowed(sid_use),
            fxnslevel: Cow::Borrowed(fxnslevel),
        })
    }
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {} {}",
            if self.enabled { "on" } else { "off" },
            self.timer,
            self.preference,
            self.sid_use,
            self.fxnslevel
        )
    }
    fn owned(self) -> SilenceSupp<'static> {
        SilenceSupp {
            enabled: self.enabled,
            timer: own(self.timer),
            preference: own(self.preference),
            sid_use: own(self.sid_use),
            fxnslevel: own(self.fxnslevel),
        }
    }
}

/// Declares [`TypedAttribute`] from one table: each attribute's variant, wire name and
/// value type (whose [`Value`] impl is its grammar), and the flags that take no value.
macro_rules! typed_attributes {
    (
        <$a:lifetime>
        values { $( $(#[$vdoc:meta])* $v:ident($ty:ty) = $vname:literal, )* }
        flags { $( $(#[$fdoc:meta])* $fl:ident = $fname:literal, )* }
    ) => {
        /// One SDP attribute read by its grammar: the typed view of an [`Attribute`]
        /// ([`Attribute::typed`]). Unknown attributes are [`TypedAttribute::Other`].
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(
            feature = "serde",
            serde(tag = "name", content = "value", rename_all = "kebab-case")
        )]
        pub enum TypedAttribute<$a> {
            $( $(#[$vdoc])* $v($ty), )*
            $( $(#[$fdoc])* $fl, )*
            /// `a=sendrecv`, `a=sendonly`, `a=recvonly`, `a=inactive`.
            Direction(Direction),
            /// Any other attribute, verbatim: its name and its value (after the first `:`).
            Other {
                /// The attribute name.
                name: Cow<$a, str>,
                /// The value, if the line has a `:`.
                value: Option<Cow<$a, str>>,
            },
        }

        impl<$a> TypedAttribute<$a> {
            /// Reads attribute `name` with `value` (the text after the first `:`) by the
            /// grammar its name gives; an unknown name is [`TypedAttribute::Other`].
            ///
            /// # Errors
            /// [`ParseErrorKind::Attribute`] when a known attribute's value breaks its
            /// grammar (or a flag has a value, or a valued attribute has none).
            pub fn read(name: &$a str, value: Option<&$a str>) -> Result<Self, ParseErrorKind> {
                if let Some(d) = Direction::from_name(name) {
                    return match value {
                        None => Ok(TypedAttribute::Direction(d)),
                        Some(_) => Err(bad(d.as_str(), "takes no value")),
                    };
                }
                match name {
                    $( $vname => match value {
                        Some(v) => Ok(TypedAttribute::$v(<$ty as Value<$a>>::read($vname, v)?)),
                        None => Err(bad($vname, "missing value")),
                    }, )*
                    $( $fname => match value {
                        None => Ok(TypedAttribute::$fl),
                        Some(_) => Err(bad($fname, "takes no value")),
                    }, )*
                    _ => Ok(TypedAttribute::Other {
                        name: Cow::Borrowed(name),
                        value: value.map(Cow::Borrowed),
                    }),
                }
            }

            /// The wire name of a known attribute as a `'static` string.
            pub(crate) fn static_name(name: &str) -> Option<&'static str> {
                if let Some(d) = Direction::from_name(name) {
                    return Some(d.as_str());
                }
                match name {
                    $( $vname => Some($vname), )*
                    $( $fname => Some($fname), )*
                    _ => None,
                }
            }

            /// Whether `name` is an attribute this table types.
            pub fn is_known(name: &str) -> bool {
                Self::static_name(name).is_some()
            }

            /// The attribute name as written on the wire.
            pub fn name(&self) -> &str {
                match self {
                    $( TypedAttribute::$v(_) => $vname, )*
                    $( TypedAttribute::$fl => $fname, )*
                    TypedAttribute::Direction(d) => d.as_str(),
                    TypedAttribute::Other { name, .. } => name,
                }
            }

            /// A copy that owns all its text.
            pub fn into_owned(self) -> TypedAttribute<'static> {
                match self {
                    $( TypedAttribute::$v(x) => TypedAttribute::$v(<$ty as Value<$a>>::owned(x)), )*
                    $( TypedAttribute::$fl => TypedAttribute::$fl, )*
                    TypedAttribute::Direction(d) => TypedAttribute::Direction(d),
                    TypedAttribute::Other { name, value } => TypedAttribute::Other {
                        name: own(name),
                        value: own_opt(value),
                    },
                }
            }

            /// Writes the value (the text after `name:`), or nothing for a flag.
            fn write_value(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $( TypedAttribute::$v(x) => Value::write(x, f), )*
                    TypedAttribute::Other { value: Some(v), .. } => f.write_str(v),
                    _ => Ok(()),
                }
            }

            /// Whether the attribute is written with a `:` and a value.
            fn has_value(&self) -> bool {
                match self {
                    $( TypedAttribute::$v(_) => true, )*
                    TypedAttribute::Other { value, .. } => value.is_some(),
                    _ => false,
                }
            }
        }
    };
}

typed_attributes! {
    <'a>
    values {
        /// `a=rtpmap`.
        Rtpmap(Rtpmap<'a>) = "rtpmap",
        /// `a=fmtp`.
        Fmtp(Fmtp<'a>) = "fmtp",
        /// `a=ptime`.
        Ptime(PacketTime) = "ptime",
        /// `a=maxptime`.
        Maxptime(PacketTime) = "maxptime",
        /// `a=rtcp` (RFC 3605).
        Rtcp(Rtcp<'a>) = "rtcp",
        /// `a=rtcp-fb` (RFC 4585).
        RtcpFb(RtcpFb<'a>) = "rtcp-fb",
        /// `a=crypto` (RFC 4568).
        Crypto(Crypto<'a>) = "crypto",
        /// `a=fingerprint` (RFC 8122).
        Fingerprint(Fingerprint<'a>) = "fingerprint",
        /// `a=setup` (RFC 4145).
        Setup(Setup) = "setup",
        /// `a=mid` (RFC 5888).
        Mid(Cow<'a, str>) = "mid",
        /// `a=group` (RFC 5888).
        Group(Group<'a>) = "group",
        /// `a=msid` (RFC 8830).
        Msid(Msid<'a>) = "msid",
        /// `a=ssrc` (RFC 5576).
        Ssrc(Ssrc<'a>) = "ssrc",
        /// `a=ssrc-group` (RFC 5576).
        SsrcGroup(SsrcGroup<'a>) = "ssrc-group",
        /// `a=extmap` (RFC 8285).
        Extmap(Extmap<'a>) = "extmap",
        /// `a=candidate` (RFC 8839).
        Candidate(Box<Candidate<'a>>) = "candidate",
        /// `a=ice-ufrag`.
        IceUfrag(Cow<'a, str>) = "ice-ufrag",
        /// `a=ice-pwd`.
        IcePwd(Cow<'a, str>) = "ice-pwd",
        /// `a=ice-options` (option tags).
        IceOptions(Vec<Cow<'a, str>>) = "ice-options",
        /// `a=silenceSupp` (RFC 3108).
        SilenceSupp(Box<SilenceSupp<'a>>) = "silenceSupp",
        /// `a=label` (RFC 4574).
        Label(Cow<'a, str>) = "label",
        /// `a=framerate` (frames per second, verbatim; see [`Attribute::framerate`]).
        Framerate(Cow<'a, str>) = "framerate",
        /// `a=sctp-port` (RFC 8841): the SCTP port of a data channel section.
        SctpPort(u16) = "sctp-port",
        /// `a=max-message-size` (RFC 8841): the largest SCTP message in bytes the
        /// writer can receive (0: no limit).
        MaxMessageSize(u64) = "max-message-size",
        /// `a=sctpmap` (draft-ietf-mmusic-sctp-sdp-05): the SCTP port of a data channel
        /// as offered before RFC 8841.
        Sctpmap(Sctpmap<'a>) = "sctpmap",
        /// `a=rid` (RFC 8851): an RTP stream of the section, named for simulcast.
        Rid(Rid<'a>) = "rid",
        /// `a=simulcast` (RFC 8853): the simulcast streams sent and received.
        Simulcast(Simulcast<'a>) = "simulcast",
    }
    flags {
        /// `a=rtcp-mux` (RFC 5761).
        RtcpMux = "rtcp-mux",
        /// `a=rtcp-mux-only` (RFC 8858).
        RtcpMuxOnly = "rtcp-mux-only",
        /// `a=rtcp-rsize` (RFC 5506).
        RtcpRsize = "rtcp-rsize",
        /// `a=ice-lite`.
        IceLite = "ice-lite",
        /// `a=end-of-candidates`.
        EndOfCandidates = "end-of-candidates",
    }
}

impl fmt::Display for TypedAttribute<'_> {
    /// Writes the attribute as it appears after `a=`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())?;
        if self.has_value() {
            f.write_str(":")?;
            self.write_value(f)?;
        }
        Ok(())
    }
}

/// One `a=` line as written: its name and its value (the text after the first `:`),
/// typed on access by [`Attribute::typed`]. Reading an SDP only splits its attribute
/// lines; a strict [`Parser`](super::Parser) also checks every known attribute against
/// its grammar.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attribute<'a> {
    /// The attribute name.
    pub name: Cow<'a, str>,
    /// The value, if the line has a `:` (verbatim, whitespace included).
    pub value: Option<Cow<'a, str>>,
}

impl<'a> Attribute<'a> {
    /// An attribute with a value (`a=name:value`).
    pub fn new(name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) -> Self {
        Attribute {
            name: name.into(),
            value: Some(value.into()),
        }
    }

    /// A flag attribute (`a=name`).
    pub fn flag(name: impl Into<Cow<'a, str>>) -> Self {
        Attribute {
            name: name.into(),
            value: None,
        }
    }

    /// Splits the text after `a=` (`name` or `name:value`) at its first `:`.
    ///
    /// # Errors
    /// [`ParseErrorKind::Attribute`] when the name is empty. The value is not checked
    /// here: see [`Attribute::typed`].
    pub fn parse(text: &'a str) -> Result<Self, ParseErrorKind> {
        let (name, value) = Self::split(text)?;
        Ok(Attribute {
            name: Cow::Borrowed(name),
            value: value.map(Cow::Borrowed),
        })
    }

    /// [`Attribute::parse`]'s split of `name[:value]`, for a caller that builds the
    /// attribute where it is kept.
    #[inline]
    pub(crate) fn split(text: &'a str) -> Result<(&'a str, Option<&'a str>), ParseErrorKind> {
        let (name, value) = match split_byte(text, b':') {
            Some((n, v)) => (n, Some(v)),
            None => (text, None),
        };
        if name.is_empty() {
            return Err(bad("", "empty attribute name"));
        }
        Ok((name, value))
    }

    /// The attribute name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value as written, if any.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// Whether this is attribute `name` (names are case-sensitive, RFC 8866 §5.13).
    pub fn is(&self, name: &str) -> bool {
        self.name == name
    }

    /// The attribute read by its grammar. What a named quirk of deployed equipment
    /// covers reads too: whitespace after the colon of a known attribute
    /// (`a=rtpmap: 3 GSM/8000`, [`Quirk::SpaceAfterAttributeColon`]) is skipped, and an
    /// rtpmap clock rate with a decimal fraction of zeros (`8000.0`,
    /// [`Quirk::DecimalClockRate`]) reads as that integer rate, and an rtpmap without a
    /// clock rate reads with the one its encoding's registration fixes (`98 iLBC` at
    /// 8000 Hz, [`Quirk::MissingClockRate`]). Whether a parser accepts
    /// such a line, and which diagnostic it notes, is its [`Quirks`](super::Quirks)'
    /// business; the attribute itself stays as written.
    ///
    /// # Errors
    /// [`ParseErrorKind::Attribute`] when a known attribute's value breaks its grammar.
    ///
    /// [`Quirk::SpaceAfterAttributeColon`]: super::Quirk::SpaceAfterAttributeColon
    /// [`Quirk::DecimalClockRate`]: super::Quirk::DecimalClockRate
    /// [`Quirk::MissingClockRate`]: super::Quirk::MissingClockRate
    pub fn typed(&self) -> Result<TypedAttribute<'_>, ParseErrorKind> {
        let value = self.value.as_deref();
        TypedAttribute::read(&self.name, value)
            .or_else(|e| read_quirky(&self.name, value).map(|(t, _)| t).ok_or(e))
    }

    /// The direction this attribute is (`a=sendrecv`, `a=sendonly`, ...), if it is one.
    pub fn direction(&self) -> Option<Direction> {
        self.value
            .is_none()
            .then(|| Direction::from_name(&self.name))
            .flatten()
    }

    /// The frame rate of an `a=framerate` attribute as a number.
    pub fn framerate(&self) -> Option<f64> {
        match self.typed() {
            Ok(TypedAttribute::Framerate(v)) => v.trim().parse().ok(),
            _ => None,
        }
    }

    /// A copy that owns all its text.
    pub fn into_owned(self) -> Attribute<'static> {
        Attribute {
            name: own(self.name),
            value: own_opt(self.value),
        }
    }
}

/// A known attribute that breaks its grammar but reads once the quirks of deployed
/// equipment that it shows are allowed for: whitespace after the colon
/// ([`Quirk::SpaceAfterAttributeColon`]), an rtpmap clock rate with a decimal fraction
/// of zeros ([`Quirk::DecimalClockRate`]), an rtpmap without a clock rate whose encoding
/// has a registered one ([`Quirk::MissingClockRate`]). Gives the typed attribute and the
/// quirks it needed; `None` when it does not read even so.
pub(crate) fn read_quirky<'a>(
    name: &'a str,
    value: Option<&'a str>,
) -> Option<(TypedAttribute<'a>, Quirks)> {
    let v = value?;
    let trimmed = v.trim_start_matches([' ', '\t']);
    let mut needed = Quirks::NONE;
    if trimmed.len() != v.len() {
        needed = needed.with(Quirk::SpaceAfterAttributeColon);
        if let Ok(t) = TypedAttribute::read(name, Some(trimmed)) {
            return Some((t, needed));
        }
    }
    if name == "rtpmap" {
        if let Ok(r) = Rtpmap::read_with("rtpmap", trimmed, true, false) {
            return Some((
                TypedAttribute::Rtpmap(r),
                needed.with(Quirk::DecimalClockRate),
            ));
        }
        let r = Rtpmap::read_with("rtpmap", trimmed, false, true).ok()?;
        return Some((
            TypedAttribute::Rtpmap(r),
            needed.with(Quirk::MissingClockRate),
        ));
    }
    None
}

impl<'a> From<TypedAttribute<'a>> for Attribute<'a> {
    /// The attribute as its writer puts it on the wire.
    fn from(t: TypedAttribute<'a>) -> Self {
        match t {
            TypedAttribute::Other { name, value } => Attribute { name, value },
            t => {
                struct V<'t, 'a>(&'t TypedAttribute<'a>);
                impl fmt::Display for V<'_, '_> {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        self.0.write_value(f)
                    }
                }
                Attribute {
                    name: Cow::Owned(t.name().to_owned()),
                    value: t.has_value().then(|| Cow::Owned(V(&t).to_string())),
                }
            }
        }
    }
}

impl fmt::Display for Attribute<'_> {
    /// Writes the attribute as it appears after `a=`, exactly as read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(v) = &self.value {
            f.write_str(":")?;
            f.write_str(v)?;
        }
        Ok(())
    }
}

/// JSON and other serde formats carry an attribute in its typed form (as
/// [`TypedAttribute`] serializes), falling back to its name and verbatim value when the
/// value does not read.
#[cfg(feature = "serde")]
impl serde::Serialize for Attribute<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.typed() {
            Ok(t) => t.serialize(s),
            Err(_) => TypedAttribute::Other {
                name: Cow::Borrowed(&self.name),
                value: self.value.as_deref().map(Cow::Borrowed),
            }
            .serialize(s),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de, 'a> serde::Deserialize<'de> for Attribute<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        TypedAttribute::deserialize(d).map(Attribute::from)
    }
}

/// The events of a `telephone-event` format (RFC 4733 §2.4.1), e.g. `0-15` or `0-16,32,36`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TelephoneEvents {
    /// Inclusive event ranges in the order written.
    pub ranges: Vec<(u8, u8)>,
}

impl TelephoneEvents {
    /// Whether `event` is in one of the ranges.
    pub fn contains(&self, event: u8) -> bool {
        self.ranges
            .iter()
            .any(|(lo, hi)| (*lo..=*hi).contains(&event))
    }
}

/// Opus parameters (RFC 7587 §6.1); absent ones are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OpusParams {
    /// `maxplaybackrate` in Hz.
    pub max_playback_rate: Option<u32>,
    /// `sprop-maxcapturerate` in Hz.
    pub sprop_max_capture_rate: Option<u32>,
    /// `maxaveragebitrate` in bit/s.
    pub max_average_bitrate: Option<u32>,
    /// `stereo`.
    pub stereo: Option<bool>,
    /// `sprop-stereo`.
    pub sprop_stereo: Option<bool>,
    /// `cbr`.
    pub cbr: Option<bool>,
    /// `useinbandfec`.
    pub use_inband_fec: Option<bool>,
    /// `usedtx`.
    pub use_dtx: Option<bool>,
    /// `minptime` in milliseconds (a WebRTC extension).
    pub min_ptime: Option<u32>,
}

/// H.264 `profile-level-id` (RFC 6184 §8.1): three bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ProfileLevelId {
    /// `profile_idc`.
    pub profile_idc: u8,
    /// `profile-iop` (constraint flags).
    pub profile_iop: u8,
    /// `level_idc`.
    pub level_idc: u8,
}

/// H.264 parameters (RFC 6184 §8.1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct H264Params {
    /// `packetization-mode` (0 when absent, as RFC 6184 defines).
    pub packetization_mode: u8,
    /// `profile-level-id`, if present and valid hex.
    pub profile_level_id: Option<ProfileLevelId>,
    /// `level-asymmetry-allowed=1`.
    pub level_asymmetry_allowed: bool,
}

fn flag(v: Option<&str>) -> Option<bool> {
    match v? {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

impl<'a> Fmtp<'a> {
    /// The `;`-separated parameters as `(key, value)` pairs, trimmed; a parameter without
    /// `=` has no value.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.params
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (p, None),
            })
    }

    /// The value of parameter `key` (case-insensitive).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| v)
    }

    /// The events of a `telephone-event` format, when the parameters are an event list.
    pub fn telephone_events(&self) -> Option<TelephoneEvents> {
        parse_events(&self.params)
    }

    /// The parameters read as Opus parameters.
    pub fn opus(&self) -> OpusParams {
        OpusParams {
            max_playback_rate: self.get("maxplaybackrate").and_then(|v| v.parse().ok()),
            sprop_max_capture_rate: self
                .get("sprop-maxcapturerate")
                .and_then(|v| v.parse().ok()),
            max_average_bitrate: self.get("maxaveragebitrate").and_then(|v| v.parse().ok()),
            stereo: flag(self.get("stereo")),
            sprop_stereo: flag(self.get("sprop-stereo")),
            cbr: flag(self.get("cbr")),
            use_inband_fec: flag(self.get("useinbandfec")),
            use_dtx: flag(self.get("usedtx")),
            min_ptime: self.get("minptime").and_then(|v| v.parse().ok()),
        }
    }

    /// The parameters read as H.264 parameters.
    pub fn h264(&self) -> H264Params {
        let profile_level_id = self.get("profile-level-id").and_then(|v| {
            if v.len() != 6 || !v.is_ascii() {
                return None;
            }
            let byte = |i: usize| u8::from_str_radix(v.get(i..i + 2)?, 16).ok();
            Some(ProfileLevelId {
                profile_idc: byte(0)?,
                profile_iop: byte(2)?,
                level_idc: byte(4)?,
            })
        });
        H264Params {
            packetization_mode: self
                .get("packetization-mode")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            profile_level_id,
            level_asymmetry_allowed: self.get("level-asymmetry-allowed") == Some("1"),
        }
    }
}

/// Parses a telephone-event list such as `0-15,32`.
pub fn parse_events(s: &str) -> Option<TelephoneEvents> {
    let mut ranges = Vec::new();
    for part in s.split(',') {
        let part = part.trim();
        let (lo, hi) = match part.split_once('-') {
            Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
            None => {
                let v: u8 = part.parse().ok()?;
                (v, v)
            }
        };
        if lo > hi {
            return None;
        }
        ranges.push((lo, hi));
    }
    Some(TelephoneEvents { ranges })
}
