//! Typed SDP attributes: one variant per attribute, each with its parser and its writer.
//!
//! Every accepted value is written back exactly as it was read: each parser accepts only
//! what its [`Display`](fmt::Display) writes, and free-form parts are kept verbatim.

use std::borrow::Cow;
use std::fmt;

use super::error::ParseErrorKind;
use super::{own, own_opt, parse_num, split_by, split_byte, tokens};

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

/// One SDP attribute (`a=` line), typed when known, kept verbatim otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "name", content = "value", rename_all = "kebab-case")
)]
pub enum Attribute<'a> {
    /// `a=rtpmap`.
    Rtpmap(Rtpmap<'a>),
    /// `a=fmtp`.
    Fmtp(Fmtp<'a>),
    /// `a=ptime` (milliseconds).
    Ptime(u32),
    /// `a=maxptime` (milliseconds).
    Maxptime(u32),
    /// `a=sendrecv`, `a=sendonly`, `a=recvonly`, `a=inactive`.
    Direction(Direction),
    /// `a=rtcp` (RFC 3605).
    Rtcp(Rtcp<'a>),
    /// `a=rtcp-mux` (RFC 5761).
    RtcpMux,
    /// `a=rtcp-mux-only` (RFC 8858).
    RtcpMuxOnly,
    /// `a=rtcp-rsize` (RFC 5506).
    RtcpRsize,
    /// `a=rtcp-fb` (RFC 4585).
    RtcpFb(RtcpFb<'a>),
    /// `a=crypto` (RFC 4568).
    Crypto(Crypto<'a>),
    /// `a=fingerprint` (RFC 8122).
    Fingerprint(Fingerprint<'a>),
    /// `a=setup` (RFC 4145).
    Setup(Setup),
    /// `a=mid` (RFC 5888).
    Mid(Cow<'a, str>),
    /// `a=group` (RFC 5888).
    Group(Group<'a>),
    /// `a=msid` (RFC 8830).
    Msid(Msid<'a>),
    /// `a=ssrc` (RFC 5576).
    Ssrc(Ssrc<'a>),
    /// `a=ssrc-group` (RFC 5576).
    SsrcGroup(SsrcGroup<'a>),
    /// `a=extmap` (RFC 8285).
    Extmap(Extmap<'a>),
    /// `a=candidate` (RFC 8839).
    Candidate(Box<Candidate<'a>>),
    /// `a=ice-ufrag`.
    IceUfrag(Cow<'a, str>),
    /// `a=ice-pwd`.
    IcePwd(Cow<'a, str>),
    /// `a=ice-options` (option tags).
    IceOptions(Vec<Cow<'a, str>>),
    /// `a=ice-lite`.
    IceLite,
    /// `a=end-of-candidates`.
    EndOfCandidates,
    /// `a=silenceSupp` (RFC 3108).
    SilenceSupp(Box<SilenceSupp<'a>>),
    /// `a=label` (RFC 4574).
    Label(Cow<'a, str>),
    /// `a=framerate` (frames per second, verbatim; see [`Attribute::framerate`]).
    Framerate(Cow<'a, str>),
    /// Any other attribute, verbatim: its name and its value (after the first `:`).
    Other {
        /// The attribute name.
        name: Cow<'a, str>,
        /// The value, if the line has a `:`.
        value: Option<Cow<'a, str>>,
    },
}

type AttrResult<'a> = Result<Attribute<'a>, ParseErrorKind>;

fn bad(name: &'static str, reason: &'static str) -> ParseErrorKind {
    ParseErrorKind::Attribute { name, reason }
}

/// Splits at the first space; both halves non-empty.
fn split_sp(s: &str) -> Option<(&str, &str)> {
    let (a, b) = split_byte(s, b' ')?;
    (!a.is_empty()).then_some((a, b))
}

impl<'a> Attribute<'a> {
    /// Parses the text after `a=` (`name` or `name:value`).
    ///
    /// A known attribute whose value breaks its grammar is an error; unknown attributes
    /// are kept as [`Attribute::Other`].
    pub fn parse(text: &'a str) -> Result<Self, ParseErrorKind> {
        let (name, value) = match split_byte(text, b':') {
            Some((n, v)) => (n, Some(v)),
            None => (text, None),
        };
        if name.is_empty() {
            return Err(bad("", "empty attribute name"));
        }
        match value {
            None => Self::parse_flag(name),
            Some(v) => Self::parse_value(name, v),
        }
    }

    /// Parses the attribute `name` with value `value` (the text after `a=name:`).
    pub(crate) fn parse_named(name: &'a str, value: &'a str) -> Result<Self, ParseErrorKind> {
        if name.is_empty() {
            return Err(bad("", "empty attribute name"));
        }
        Self::parse_value(name, value)
    }

    fn parse_flag(name: &'a str) -> AttrResult<'a> {
        let Some(known) = Known::of(name) else {
            return Ok(Attribute::Other {
                name: Cow::Borrowed(name),
                value: None,
            });
        };
        Ok(match known {
            Known::SendRecv => Attribute::Direction(Direction::SendRecv),
            Known::SendOnly => Attribute::Direction(Direction::SendOnly),
            Known::RecvOnly => Attribute::Direction(Direction::RecvOnly),
            Known::Inactive => Attribute::Direction(Direction::Inactive),
            Known::RtcpMux => Attribute::RtcpMux,
            Known::RtcpMuxOnly => Attribute::RtcpMuxOnly,
            Known::RtcpRsize => Attribute::RtcpRsize,
            Known::IceLite => Attribute::IceLite,
            Known::EndOfCandidates => Attribute::EndOfCandidates,
            other => return Err(bad(other.name(), "missing value")),
        })
    }

    fn parse_value(name: &'a str, v: &'a str) -> AttrResult<'a> {
        let Some(known) = Known::of(name) else {
            return Ok(Attribute::Other {
                name: Cow::Borrowed(name),
                value: Some(Cow::Borrowed(v)),
            });
        };
        Ok(match known {
            Known::Rtpmap => Attribute::Rtpmap(parse_rtpmap(v)?),
            Known::Fmtp => {
                let (format, params) =
                    split_sp(v).ok_or(bad("fmtp", "expected <format> <parameters>"))?;
                Attribute::Fmtp(Fmtp {
                    format: Cow::Borrowed(format),
                    params: Cow::Borrowed(params),
                })
            }
            Known::Ptime => Attribute::Ptime(parse_num(v).ok_or(bad("ptime", "not an integer"))?),
            Known::Maxptime => {
                Attribute::Maxptime(parse_num(v).ok_or(bad("maxptime", "not an integer"))?)
            }
            Known::Rtcp => Attribute::Rtcp(parse_rtcp(v)?),
            Known::RtcpFb => {
                let (pt, rest) =
                    split_sp(v).ok_or(bad("rtcp-fb", "expected <payload type> <type>"))?;
                let (feedback, param) = match split_byte(rest, b' ') {
                    Some((t, p)) => (t, Some(Cow::Borrowed(p))),
                    None => (rest, None),
                };
                if feedback.is_empty() {
                    return Err(bad("rtcp-fb", "empty feedback type"));
                }
                Attribute::RtcpFb(RtcpFb {
                    payload_type: Cow::Borrowed(pt),
                    feedback: Cow::Borrowed(feedback),
                    param,
                })
            }
            Known::Crypto => Attribute::Crypto(parse_crypto(v)?),
            Known::Fingerprint => {
                let (hash, value) =
                    split_sp(v).ok_or(bad("fingerprint", "expected <hash> <value>"))?;
                if value.is_empty() || value.contains(' ') {
                    return Err(bad("fingerprint", "value must be one token"));
                }
                Attribute::Fingerprint(Fingerprint {
                    hash: Cow::Borrowed(hash),
                    value: Cow::Borrowed(value),
                })
            }
            Known::Setup => Attribute::Setup(match v {
                "active" => Setup::Active,
                "passive" => Setup::Passive,
                "actpass" => Setup::Actpass,
                "holdconn" => Setup::Holdconn,
                _ => return Err(bad("setup", "not active, passive, actpass or holdconn")),
            }),
            Known::Mid => Attribute::Mid(Cow::Borrowed(v)),
            Known::Group => {
                let mut it = split_by(v, b' ');
                let semantics = it.next().unwrap_or_default();
                if semantics.is_empty() {
                    return Err(bad("group", "empty semantics"));
                }
                let mids = tokens(it).ok_or(bad("group", "empty identification tag"))?;
                Attribute::Group(Group {
                    semantics: Cow::Borrowed(semantics),
                    mids,
                })
            }
            Known::Msid => {
                let (stream, track) = match split_byte(v, b' ') {
                    Some((s, t)) => (s, Some(Cow::Borrowed(t))),
                    None => (v, None),
                };
                if stream.is_empty() {
                    return Err(bad("msid", "empty stream identifier"));
                }
                Attribute::Msid(Msid {
                    stream: Cow::Borrowed(stream),
                    track,
                })
            }
            Known::Ssrc => {
                let (id, rest) = split_sp(v).ok_or(bad("ssrc", "expected <ssrc> <attribute>"))?;
                let ssrc = parse_num(id).ok_or(bad("ssrc", "source is not a 32-bit integer"))?;
                let (attribute, value) = match split_byte(rest, b':') {
                    Some((a, b)) => (a, Some(Cow::Borrowed(b))),
                    None => (rest, None),
                };
                if attribute.is_empty() {
                    return Err(bad("ssrc", "empty source attribute"));
                }
                Attribute::Ssrc(Ssrc {
                    ssrc,
                    attribute: Cow::Borrowed(attribute),
                    value,
                })
            }
            Known::SsrcGroup => {
                let mut it = split_by(v, b' ');
                let semantics = it.next().unwrap_or_default();
                if semantics.is_empty() {
                    return Err(bad("ssrc-group", "empty semantics"));
                }
                let ssrcs = it
                    .map(parse_num::<u32>)
                    .collect::<Option<Vec<_>>>()
                    .ok_or(bad("ssrc-group", "source is not a 32-bit integer"))?;
                Attribute::SsrcGroup(SsrcGroup {
                    semantics: Cow::Borrowed(semantics),
                    ssrcs,
                })
            }
            Known::Extmap => Attribute::Extmap(parse_extmap(v)?),
            Known::Candidate => Attribute::Candidate(Box::new(parse_candidate(v)?)),
            Known::IceUfrag => Attribute::IceUfrag(Cow::Borrowed(v)),
            Known::IcePwd => Attribute::IcePwd(Cow::Borrowed(v)),
            Known::IceOptions => Attribute::IceOptions(
                tokens(split_by(v, b' ')).ok_or(bad("ice-options", "empty option tag"))?,
            ),
            Known::SilenceSupp => {
                let [enable, timer, preference, sid_use, fxnslevel] =
                    super::fields(v).ok_or(bad("silenceSupp", "expected five fields"))?;
                let enabled = match enable {
                    "on" => true,
                    "off" => false,
                    _ => return Err(bad("silenceSupp", "first field is not on or off")),
                };
                Attribute::SilenceSupp(Box::new(SilenceSupp {
                    enabled,
                    timer: Cow::Borrowed(timer),
                    preference: Cow::Borrowed(preference),
                    sid_use: Cow::Borrowed(sid_use),
                    fxnslevel: Cow::Borrowed(fxnslevel),
                }))
            }
            Known::Label => Attribute::Label(Cow::Borrowed(v)),
            Known::Framerate => Attribute::Framerate(Cow::Borrowed(v)),
            Known::SendRecv
            | Known::SendOnly
            | Known::RecvOnly
            | Known::Inactive
            | Known::RtcpMux
            | Known::RtcpMuxOnly
            | Known::RtcpRsize
            | Known::IceLite
            | Known::EndOfCandidates => {
                return Err(bad(known.name(), "takes no value"));
            }
        })
    }

    /// The attribute name as written on the wire.
    pub fn name(&self) -> &str {
        match self {
            Attribute::Rtpmap(_) => "rtpmap",
            Attribute::Fmtp(_) => "fmtp",
            Attribute::Ptime(_) => "ptime",
            Attribute::Maxptime(_) => "maxptime",
            Attribute::Direction(d) => d.as_str(),
            Attribute::Rtcp(_) => "rtcp",
            Attribute::RtcpMux => "rtcp-mux",
            Attribute::RtcpMuxOnly => "rtcp-mux-only",
            Attribute::RtcpRsize => "rtcp-rsize",
            Attribute::RtcpFb(_) => "rtcp-fb",
            Attribute::Crypto(_) => "crypto",
            Attribute::Fingerprint(_) => "fingerprint",
            Attribute::Setup(_) => "setup",
            Attribute::Mid(_) => "mid",
            Attribute::Group(_) => "group",
            Attribute::Msid(_) => "msid",
            Attribute::Ssrc(_) => "ssrc",
            Attribute::SsrcGroup(_) => "ssrc-group",
            Attribute::Extmap(_) => "extmap",
            Attribute::Candidate(_) => "candidate",
            Attribute::IceUfrag(_) => "ice-ufrag",
            Attribute::IcePwd(_) => "ice-pwd",
            Attribute::IceOptions(_) => "ice-options",
            Attribute::IceLite => "ice-lite",
            Attribute::EndOfCandidates => "end-of-candidates",
            Attribute::SilenceSupp(_) => "silenceSupp",
            Attribute::Label(_) => "label",
            Attribute::Framerate(_) => "framerate",
            Attribute::Other { name, .. } => name,
        }
    }

    /// The frame rate of an `a=framerate` attribute as a number.
    pub fn framerate(&self) -> Option<f64> {
        match self {
            Attribute::Framerate(v) => v.parse().ok(),
            _ => None,
        }
    }

    /// A copy that owns all its text.
    pub fn into_owned(self) -> Attribute<'static> {
        match self {
            Attribute::Rtpmap(r) => Attribute::Rtpmap(Rtpmap {
                payload_type: r.payload_type,
                encoding: own(r.encoding),
                clock_rate: r.clock_rate,
                channels: r.channels,
            }),
            Attribute::Fmtp(f) => Attribute::Fmtp(Fmtp {
                format: own(f.format),
                params: own(f.params),
            }),
            Attribute::Ptime(p) => Attribute::Ptime(p),
            Attribute::Maxptime(p) => Attribute::Maxptime(p),
            Attribute::Direction(d) => Attribute::Direction(d),
            Attribute::Rtcp(r) => Attribute::Rtcp(Rtcp {
                port: r.port,
                address: r.address.map(|(n, a, h)| (own(n), own(a), own(h))),
            }),
            Attribute::RtcpMux => Attribute::RtcpMux,
            Attribute::RtcpMuxOnly => Attribute::RtcpMuxOnly,
            Attribute::RtcpRsize => Attribute::RtcpRsize,
            Attribute::RtcpFb(r) => Attribute::RtcpFb(RtcpFb {
                payload_type: own(r.payload_type),
                feedback: own(r.feedback),
                param: own_opt(r.param),
            }),
            Attribute::Crypto(c) => Attribute::Crypto(Crypto {
                tag: c.tag,
                suite: own(c.suite),
                key_params: own(c.key_params),
                session_params: own_opt(c.session_params),
            }),
            Attribute::Fingerprint(f) => Attribute::Fingerprint(Fingerprint {
                hash: own(f.hash),
                value: own(f.value),
            }),
            Attribute::Setup(s) => Attribute::Setup(s),
            Attribute::Mid(m) => Attribute::Mid(own(m)),
            Attribute::Group(g) => Attribute::Group(Group {
                semantics: own(g.semantics),
                mids: g.mids.into_iter().map(own).collect(),
            }),
            Attribute::Msid(m) => Attribute::Msid(Msid {
                stream: own(m.stream),
                track: own_opt(m.track),
            }),
            Attribute::Ssrc(s) => Attribute::Ssrc(Ssrc {
                ssrc: s.ssrc,
                attribute: own(s.attribute),
                value: own_opt(s.value),
            }),
            Attribute::SsrcGroup(g) => Attribute::SsrcGroup(SsrcGroup {
                semantics: own(g.semantics),
                ssrcs: g.ssrcs,
            }),
            Attribute::Extmap(e) => Attribute::Extmap(Extmap {
                id: e.id,
                direction: e.direction,
                uri: own(e.uri),
                attributes: own_opt(e.attributes),
            }),
            Attribute::Candidate(c) => Attribute::Candidate(Box::new(Candidate {
                foundation: own(c.foundation),
                component: c.component,
                transport: own(c.transport),
                priority: c.priority,
                address: own(c.address),
                port: c.port,
                kind: match c.kind {
                    CandidateType::Host => CandidateType::Host,
                    CandidateType::Srflx => CandidateType::Srflx,
                    CandidateType::Prflx => CandidateType::Prflx,
                    CandidateType::Relay => CandidateType::Relay,
                    CandidateType::Other(o) => CandidateType::Other(own(o)),
                },
                related_address: own_opt(c.related_address),
                related_port: c.related_port,
                extensions: c
                    .extensions
                    .into_iter()
                    .map(|(k, v)| (own(k), own(v)))
                    .collect(),
            })),
            Attribute::IceUfrag(u) => Attribute::IceUfrag(own(u)),
            Attribute::IcePwd(p) => Attribute::IcePwd(own(p)),
            Attribute::IceOptions(o) => Attribute::IceOptions(o.into_iter().map(own).collect()),
            Attribute::IceLite => Attribute::IceLite,
            Attribute::EndOfCandidates => Attribute::EndOfCandidates,
            Attribute::SilenceSupp(s) => Attribute::SilenceSupp(Box::new(SilenceSupp {
                enabled: s.enabled,
                timer: own(s.timer),
                preference: own(s.preference),
                sid_use: own(s.sid_use),
                fxnslevel: own(s.fxnslevel),
            })),
            Attribute::Label(l) => Attribute::Label(own(l)),
            Attribute::Framerate(f) => Attribute::Framerate(own(f)),
            Attribute::Other { name, value } => Attribute::Other {
                name: own(name),
                value: own_opt(value),
            },
        }
    }
}

/// The attributes this module types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Rtpmap,
    Fmtp,
    Ptime,
    Maxptime,
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
    Rtcp,
    RtcpMux,
    RtcpMuxOnly,
    RtcpRsize,
    RtcpFb,
    Crypto,
    Fingerprint,
    Setup,
    Mid,
    Group,
    Msid,
    Ssrc,
    SsrcGroup,
    Extmap,
    Candidate,
    IceUfrag,
    IcePwd,
    IceOptions,
    IceLite,
    EndOfCandidates,
    SilenceSupp,
    Label,
    Framerate,
}

impl Known {
    /// The known attribute called `name`: dispatch on length and first byte, then one
    /// comparison.
    fn of(name: &str) -> Option<Known> {
        use Known::*;
        let b = name.as_bytes();
        let first = *b.first()?;
        let k = match (b.len(), first) {
            (3, _) => Mid,
            (4, b'f') => Fmtp,
            (4, b's') => Ssrc,
            (4, b'r') => Rtcp,
            (4, b'm') => Msid,
            (5, b'p') => Ptime,
            (5, b's') => Setup,
            (5, b'g') => Group,
            (5, b'l') => Label,
            (6, b'r') => Rtpmap,
            (6, b'e') => Extmap,
            (6, b'c') => Crypto,
            (7, b'r') => RtcpFb,
            (7, b'i') => IcePwd,
            (8, b'm') => Maxptime,
            (8, b's') if b[4] == b'r' => SendRecv,
            (8, b's') => SendOnly,
            (8, b'r') if b[1] == b'e' => RecvOnly,
            (8, b'r') => RtcpMux,
            (8, b'i') if b[1] == b'n' => Inactive,
            (8, b'i') => IceLite,
            (9, b'c') => Candidate,
            (9, b'i') => IceUfrag,
            (9, b'f') => Framerate,
            (10, b'r') => RtcpRsize,
            (10, b's') => SsrcGroup,
            (11, b'f') => Fingerprint,
            (11, b'i') => IceOptions,
            (11, b's') => SilenceSupp,
            (13, _) => RtcpMuxOnly,
            (17, _) => EndOfCandidates,
            _ => return None,
        };
        (k.name() == name).then_some(k)
    }

    fn name(self) -> &'static str {
        match self {
            Known::Rtpmap => "rtpmap",
            Known::Fmtp => "fmtp",
            Known::Ptime => "ptime",
            Known::Maxptime => "maxptime",
            Known::SendRecv => "sendrecv",
            Known::SendOnly => "sendonly",
            Known::RecvOnly => "recvonly",
            Known::Inactive => "inactive",
            Known::Rtcp => "rtcp",
            Known::RtcpMux => "rtcp-mux",
            Known::RtcpMuxOnly => "rtcp-mux-only",
            Known::RtcpRsize => "rtcp-rsize",
            Known::RtcpFb => "rtcp-fb",
            Known::Crypto => "crypto",
            Known::Fingerprint => "fingerprint",
            Known::Setup => "setup",
            Known::Mid => "mid",
            Known::Group => "group",
            Known::Msid => "msid",
            Known::Ssrc => "ssrc",
            Known::SsrcGroup => "ssrc-group",
            Known::Extmap => "extmap",
            Known::Candidate => "candidate",
            Known::IceUfrag => "ice-ufrag",
            Known::IcePwd => "ice-pwd",
            Known::IceOptions => "ice-options",
            Known::IceLite => "ice-lite",
            Known::EndOfCandidates => "end-of-candidates",
            Known::SilenceSupp => "silenceSupp",
            Known::Label => "label",
            Known::Framerate => "framerate",
        }
    }
}

fn parse_rtpmap(v: &str) -> Result<Rtpmap<'_>, ParseErrorKind> {
    let (pt, rest) = split_sp(v).ok_or(bad("rtpmap", "expected <payload type> <encoding>"))?;
    let payload_type = parse_num::<u8>(pt)
        .filter(|p| *p < 128)
        .ok_or(bad("rtpmap", "payload type is not 0-127"))?;
    if rest.contains(' ') {
        return Err(bad("rtpmap", "space inside the encoding"));
    }
    let mut parts = split_by(rest, b'/');
    let encoding = parts.next().unwrap_or_default();
    if encoding.is_empty() {
        return Err(bad("rtpmap", "empty encoding name"));
    }
    let clock_rate = parts
        .next()
        .and_then(parse_num)
        .ok_or(bad("rtpmap", "clock rate is not an integer"))?;
    if clock_rate == 0 {
        // A clock that never ticks: no timestamp could be read against it.
        return Err(bad("rtpmap", "clock rate is 0"));
    }
    let channels = match parts.next() {
        None => None,
        Some(c) => Some(
            parse_num(c)
                .filter(|&n: &u16| n > 0)
                .ok_or(bad("rtpmap", "channels is not a positive integer"))?,
        ),
    };
    if parts.next().is_some() {
        return Err(bad("rtpmap", "too many `/` fields"));
    }
    Ok(Rtpmap {
        payload_type,
        encoding: Cow::Borrowed(encoding),
        clock_rate,
        channels,
    })
}

fn parse_rtcp(v: &str) -> Result<Rtcp<'_>, ParseErrorKind> {
    let (port, rest) = match split_byte(v, b' ') {
        Some((p, r)) => (p, Some(r)),
        None => (v, None),
    };
    let port = parse_num(port).ok_or(bad("rtcp", "port is not 0-65535"))?;
    let address = match rest {
        None => None,
        Some(r) => {
            let [n, a, h] =
                super::fields(r).ok_or(bad("rtcp", "expected <nettype> <addrtype> <address>"))?;
            Some((Cow::Borrowed(n), Cow::Borrowed(a), Cow::Borrowed(h)))
        }
    };
    Ok(Rtcp { port, address })
}

fn parse_crypto(v: &str) -> Result<Crypto<'_>, ParseErrorKind> {
    const E: &str = "expected <tag> <suite> <key-params>";
    let (tag, rest) = split_byte(v, b' ').ok_or(bad("crypto", E))?;
    let (suite, rest) = split_byte(rest, b' ').ok_or(bad("crypto", E))?;
    let (key_params, session_params) = match split_byte(rest, b' ') {
        Some((k, s)) => (k, Some(s)),
        None => (rest, None),
    };
    let tag = parse_num(tag).ok_or(bad("crypto", "tag is not an integer"))?;
    if suite.is_empty() || key_params.is_empty() {
        return Err(bad("crypto", "empty suite or key parameters"));
    }
    Ok(Crypto {
        tag,
        suite: Cow::Borrowed(suite),
        key_params: Cow::Borrowed(key_params),
        session_params: session_params.map(Cow::Borrowed),
    })
}

fn parse_extmap(v: &str) -> Result<Extmap<'_>, ParseErrorKind> {
    let (id_part, rest) = split_sp(v).ok_or(bad("extmap", "expected <id> <uri>"))?;
    let (id, direction) = match split_byte(id_part, b'/') {
        Some((i, d)) => (
            i,
            Some(Direction::from_name(d).ok_or(bad("extmap", "unknown direction"))?),
        ),
        None => (id_part, None),
    };
    let id = parse_num(id).ok_or(bad("extmap", "id is not an integer"))?;
    let (uri, attributes) = match split_byte(rest, b' ') {
        Some((u, a)) => (u, Some(Cow::Borrowed(a))),
        None => (rest, None),
    };
    if uri.is_empty() {
        return Err(bad("extmap", "empty URI"));
    }
    Ok(Extmap {
        id,
        direction,
        uri: Cow::Borrowed(uri),
        attributes,
    })
}

fn parse_candidate(v: &str) -> Result<Candidate<'_>, ParseErrorKind> {
    const E: &str =
        "expected <foundation> <component> <transport> <priority> <address> <port> typ <type>";
    let mut it = split_by(v, b' ');
    let mut next = || {
        it.next()
            .filter(|t| !t.is_empty())
            .ok_or(bad("candidate", E))
    };
    let foundation = next()?;
    let component = parse_num(next()?).ok_or(bad("candidate", "component is not an integer"))?;
    let transport = next()?;
    let priority = parse_num(next()?).ok_or(bad("candidate", "priority is not an integer"))?;
    let address = next()?;
    let port = parse_num(next()?).ok_or(bad("candidate", "port is not 0-65535"))?;
    if next()? != "typ" {
        return Err(bad("candidate", "missing `typ`"));
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
            .ok_or(bad("candidate", "extension without a value"))?;
        if key.is_empty() {
            return Err(bad("candidate", "empty extension name"));
        }
        if key == "raddr"
            && c.related_address.is_none()
            && c.related_port.is_none()
            && c.extensions.is_empty()
        {
            c.related_address = Some(Cow::Borrowed(value));
        } else if key == "rport" && c.related_port.is_none() && c.extensions.is_empty() {
            c.related_port =
                Some(parse_num(value).ok_or(bad("candidate", "rport is not 0-65535"))?);
        } else {
            c.extensions
                .push((Cow::Borrowed(key), Cow::Borrowed(value)));
        }
    }
    Ok(c)
}

impl fmt::Display for Attribute<'_> {
    /// Writes the attribute as it appears after `a=`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Attribute::Rtpmap(r) => {
                write!(
                    f,
                    "rtpmap:{} {}/{}",
                    r.payload_type, r.encoding, r.clock_rate
                )?;
                if let Some(c) = r.channels {
                    write!(f, "/{c}")?;
                }
                Ok(())
            }
            Attribute::Fmtp(x) => write!(f, "fmtp:{} {}", x.format, x.params),
            Attribute::Ptime(p) => write!(f, "ptime:{p}"),
            Attribute::Maxptime(p) => write!(f, "maxptime:{p}"),
            Attribute::Rtcp(r) => {
                write!(f, "rtcp:{}", r.port)?;
                if let Some((n, a, h)) = &r.address {
                    write!(f, " {n} {a} {h}")?;
                }
                Ok(())
            }
            Attribute::RtcpFb(r) => {
                write!(f, "rtcp-fb:{} {}", r.payload_type, r.feedback)?;
                if let Some(p) = &r.param {
                    write!(f, " {p}")?;
                }
                Ok(())
            }
            Attribute::Crypto(c) => {
                write!(f, "crypto:{} {} {}", c.tag, c.suite, c.key_params)?;
                if let Some(s) = &c.session_params {
                    write!(f, " {s}")?;
                }
                Ok(())
            }
            Attribute::Fingerprint(x) => write!(f, "fingerprint:{} {}", x.hash, x.value),
            Attribute::Setup(s) => write!(f, "setup:{}", s.as_str()),
            Attribute::Mid(m) => write!(f, "mid:{m}"),
            Attribute::Group(g) => {
                write!(f, "group:{}", g.semantics)?;
                for m in &g.mids {
                    write!(f, " {m}")?;
                }
                Ok(())
            }
            Attribute::Msid(m) => {
                write!(f, "msid:{}", m.stream)?;
                if let Some(t) = &m.track {
                    write!(f, " {t}")?;
                }
                Ok(())
            }
            Attribute::Ssrc(s) => {
                write!(f, "ssrc:{} {}", s.ssrc, s.attribute)?;
                if let Some(v) = &s.value {
                    write!(f, ":{v}")?;
                }
                Ok(())
            }
            Attribute::SsrcGroup(g) => {
                write!(f, "ssrc-group:{}", g.semantics)?;
                for s in &g.ssrcs {
                    write!(f, " {s}")?;
                }
                Ok(())
            }
            Attribute::Extmap(e) => {
                write!(f, "extmap:{}", e.id)?;
                if let Some(d) = e.direction {
                    write!(f, "/{d}")?;
                }
                write!(f, " {}", e.uri)?;
                if let Some(a) = &e.attributes {
                    write!(f, " {a}")?;
                }
                Ok(())
            }
            Attribute::Candidate(c) => {
                write!(
                    f,
                    "candidate:{} {} {} {} {} {} typ {}",
                    c.foundation,
                    c.component,
                    c.transport,
                    c.priority,
                    c.address,
                    c.port,
                    c.kind.as_str()
                )?;
                if let Some(a) = &c.related_address {
                    write!(f, " raddr {a}")?;
                }
                if let Some(p) = c.related_port {
                    write!(f, " rport {p}")?;
                }
                for (k, v) in &c.extensions {
                    write!(f, " {k} {v}")?;
                }
                Ok(())
            }
            Attribute::IceUfrag(u) => write!(f, "ice-ufrag:{u}"),
            Attribute::IcePwd(p) => write!(f, "ice-pwd:{p}"),
            Attribute::IceOptions(o) => {
                f.write_str("ice-options:")?;
                for (i, t) in o.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    f.write_str(t)?;
                }
                Ok(())
            }
            Attribute::SilenceSupp(s) => write!(
                f,
                "silenceSupp:{} {} {} {} {}",
                if s.enabled { "on" } else { "off" },
                s.timer,
                s.preference,
                s.sid_use,
                s.fxnslevel
            ),
            Attribute::Label(l) => write!(f, "label:{l}"),
            Attribute::Framerate(r) => write!(f, "framerate:{r}"),
            Attribute::Other { name, value } => {
                f.write_str(name)?;
                if let Some(v) = value {
                    write!(f, ":{v}")?;
                }
                Ok(())
            }
            Attribute::Direction(_)
            | Attribute::RtcpMux
            | Attribute::RtcpMuxOnly
            | Attribute::RtcpRsize
            | Attribute::IceLite
            | Attribute::EndOfCandidates => f.write_str(self.name()),
        }
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
