//! Offer/answer (RFC 3264): make an offer or answer one from local capabilities
//! ([`create_offer`], [`create_answer`]), and apply an answer to an offer to get the
//! negotiated media ([`apply_answer`]). Hold and resume (RFC 3264 §8.4) re-offers.
//!
//! ```
//! use sip_core::sdp::{self, Direction};
//! use sip_core::sdp::offer_answer::{CodecCapability, LocalCapabilities, MediaCapability, apply_answer, create_answer};
//!
//! let offer = sdp::parse(
//!     "v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\
//!      m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n\
//!      m=video 51372 RTP/AVP 31\r\n",
//! )?;
//! let mut caps = LocalCapabilities::new("bob", "198.51.100.7");
//! caps.media.push(MediaCapability::audio(
//!     4000,
//!     vec![CodecCapability::new("PCMA", 8000), CodecCapability::new("telephone-event", 8000)],
//! ));
//! let answer = create_answer(&offer, &caps)?;
//! // PCMA and telephone-event with the offer's numbers; the video we cannot take is
//! // rejected with port 0 and kept in place.
//! assert_eq!(answer.media[0].formats, ["8", "101"]);
//! assert_eq!(answer.media[1].port, 0);
//!
//! let negotiated = apply_answer(&offer, &answer)?;
//! assert_eq!(negotiated[0].remote_address.as_deref(), Some("198.51.100.7"));
//! assert_eq!(negotiated[0].remote_rtp_port, 4000);
//! assert_eq!(negotiated[0].remote_rtcp_port, Some(4001));
//! assert_eq!(negotiated[0].codec.as_ref().map(|c| c.name.as_ref()), Some("PCMA"));
//! assert_eq!(negotiated[0].direction, Direction::SendRecv);
//! assert!(!negotiated[1].accepted);
//! # Ok::<(), sdp::Error>(())
//! ```

use std::borrow::Cow;

use super::attribute::Value;
use super::{
    Attribute, Candidate, Codec, Connection, Crypto, Direction, Error, Fingerprint, Media,
    NegotiationErrorKind, Origin, PacketTime, Rid, RidDirection, Rtcp, RtcpFb, Rtpmap, Sdp, Setup,
    Simulcast, Timing, TypedAttribute, find_direction, typed_named,
};

/// A codec we can use: name, clock rate, channels and format parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CodecCapability {
    /// Encoding name (compared case-insensitively), e.g. `PCMU`, `opus`, `telephone-event`.
    pub name: String,
    /// RTP clock rate in Hz.
    pub clock_rate: u32,
    /// Channels (absent means one).
    pub channels: Option<u16>,
    /// Our `fmtp` parameters, written in the answer (the offer's are mirrored when absent).
    pub fmtp: Option<String>,
}

impl CodecCapability {
    /// A codec with one channel and no parameters.
    pub fn new(name: impl Into<String>, clock_rate: u32) -> Self {
        CodecCapability {
            name: name.into(),
            clock_rate,
            channels: None,
            fmtp: None,
        }
    }

    /// Sets the channel count.
    pub fn with_channels(mut self, channels: u16) -> Self {
        self.channels = Some(channels);
        self
    }

    /// Sets the `fmtp` parameters.
    pub fn with_fmtp(mut self, fmtp: impl Into<String>) -> Self {
        self.fmtp = Some(fmtp.into());
        self
    }
}

/// An SRTP master key we offer for one crypto suite (RFC 4568).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CryptoCapability {
    /// The crypto suite, e.g. `AES_CM_128_HMAC_SHA1_80`.
    pub suite: String,
    /// Our key parameters, e.g. `inline:<base64 key and salt>`.
    pub key_params: String,
}

/// What we can do for one kind of media stream.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MediaCapability {
    /// Media type: `audio`, `video`, ...
    pub media: String,
    /// Our RTP port.
    pub port: u16,
    /// Our address for this stream when it differs from the session address.
    pub address: Option<String>,
    /// Transport protocols we accept (`RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF`, ...).
    pub protocols: Vec<String>,
    /// Codecs in our order of preference.
    pub codecs: Vec<CodecCapability>,
    /// The direction we want.
    pub direction: Direction,
    /// Our `a=ptime`, if any.
    pub ptime: Option<u32>,
    /// Whether we accept `a=rtcp-mux`.
    pub rtcp_mux: bool,
    /// RTCP feedback we accept, as `type[ param]` (`nack`, `nack pli`, `transport-cc`).
    pub rtcp_feedback: Vec<String>,
    /// Header extension URIs we accept.
    pub extmap_uris: Vec<String>,
    /// SDES keys by suite, for `RTP/SAVP` offers with `a=crypto`.
    pub crypto: Vec<CryptoCapability>,
    /// Our DTLS fingerprint (hash function, value), for offers with `a=fingerprint`.
    pub fingerprint: Option<(String, String)>,
    /// Our ICE user fragment and password, for offers with ICE.
    pub ice: Option<(String, String)>,
    /// Our ICE candidates for this stream (RFC 8839), written into our offer and into an
    /// answer to an offer with ICE, followed by `a=end-of-candidates`: the addresses of
    /// an ICE-lite media server or of a full agent that gathered before. They need
    /// [`MediaCapability::ice`].
    pub candidates: Vec<Candidate<'static>>,
    /// Our SCTP port, for a WebRTC data channel section (`m=application ...
    /// UDP/DTLS/SCTP webrtc-datachannel`, RFC 8841): a capability with it answers such
    /// a section (with [`MediaCapability::fingerprint`], as DTLS is what SCTP runs
    /// over), and no RTP stream. See [`MediaCapability::data_channel`].
    pub sctp_port: Option<u16>,
    /// Our `a=max-message-size` for a data channel section (RFC 8841 6: the largest
    /// message we can receive, 0 for no limit); without it the answer leaves it out,
    /// which means 64 KB.
    pub max_message_size: Option<u64>,
    /// Whether we receive the simulcast an offer sends (RFC 8853; an SFU's capability):
    /// the answer takes each stream of the offer's `a=simulcast:send` list whose RTP
    /// stream ids the offer names with `a=rid:<id> send`, names each with
    /// `a=rid:<id> recv` and lists them in `a=simulcast:recv`. Off by default: the
    /// answer then has no simulcast, and the offerer sends one stream.
    pub simulcast: bool,
}

impl MediaCapability {
    /// An `RTP/AVP` media capability of type `media` on `port` with `codecs`, `sendrecv`.
    pub fn new(media: impl Into<String>, port: u16, codecs: Vec<CodecCapability>) -> Self {
        MediaCapability {
            media: media.into(),
            port,
            address: None,
            protocols: vec!["RTP/AVP".to_owned()],
            codecs,
            direction: Direction::SendRecv,
            ptime: None,
            rtcp_mux: false,
            rtcp_feedback: Vec::new(),
            extmap_uris: Vec::new(),
            crypto: Vec::new(),
            fingerprint: None,
            ice: None,
            candidates: Vec::new(),
            sctp_port: None,
            max_message_size: None,
            simulcast: false,
        }
    }

    /// A WebRTC data channel capability (RFC 8841, RFC 8832): `m=application` over
    /// `UDP/DTLS/SCTP` or `TCP/DTLS/SCTP` with format `webrtc-datachannel`, our SCTP
    /// port `sctp_port`. It answers an offered data channel section once it also has
    /// [`MediaCapability::fingerprint`] (and [`MediaCapability::ice`] when the offer
    /// uses ICE, as browsers' do).
    ///
    /// ```
    /// use sip_core::sdp::{self, offer_answer::{LocalCapabilities, MediaCapability, create_answer}};
    ///
    /// let offer = sdp::parse(
    ///     "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
    ///      m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n\
    ///      a=mid:0\r\na=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\na=sctp-port:5000\r\n\
    ///      a=max-message-size:262144\r\n",
    /// )?;
    /// let mut data = MediaCapability::data_channel(40000, 5000);
    /// data.fingerprint = Some(("sha-256".into(), "01:02".into()));
    /// data.max_message_size = Some(65536);
    /// let mut caps = LocalCapabilities::new("gw", "192.0.2.10");
    /// caps.media.push(data);
    /// let answer = create_answer(&offer, &caps)?;
    /// assert_eq!(answer.media[0].port, 40000);
    /// assert_eq!(answer.media[0].formats, ["webrtc-datachannel"]);
    /// let text = answer.to_string();
    /// assert!(text.contains("a=setup:active\r\na=sctp-port:5000\r\na=max-message-size:65536\r\n"));
    /// # Ok::<(), sdp::Error>(())
    /// ```
    pub fn data_channel(port: u16, sctp_port: u16) -> Self {
        MediaCapability {
            protocols: vec!["UDP/DTLS/SCTP".to_owned(), "TCP/DTLS/SCTP".to_owned()],
            sctp_port: Some(sctp_port),
            ..Self::new("application", port, Vec::new())
        }
    }

    /// An `RTP/AVP` audio capability.
    pub fn audio(port: u16, codecs: Vec<CodecCapability>) -> Self {
        Self::new("audio", port, codecs)
    }

    /// An `RTP/AVP` video capability.
    pub fn video(port: u16, codecs: Vec<CodecCapability>) -> Self {
        Self::new("video", port, codecs)
    }
}

/// Whose codec order the answer follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CodecOrder {
    /// The offerer's order (RFC 3264 §6.1 recommends it).
    #[default]
    Offerer,
    /// Our order of preference.
    Answerer,
}

/// Everything needed to answer an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LocalCapabilities {
    /// `o=` user name.
    pub username: String,
    /// `o=` session id (digits).
    pub session_id: String,
    /// `o=` session version (digits).
    pub session_version: String,
    /// `IP4` or `IP6`.
    pub address_type: String,
    /// Our media address (`c=` and `o=`).
    pub address: String,
    /// `s=` session name.
    pub session_name: String,
    /// Media capabilities; each answers at most one offered stream.
    pub media: Vec<MediaCapability>,
    /// Whose codec order to follow.
    pub codec_order: CodecOrder,
    /// Whether we are an ICE-lite agent (RFC 8445 2.5, as most media servers and SBCs
    /// that face browsers are): `a=ice-lite` is written at session level of an answer
    /// that answers ICE, and of an offer whose sections all have ICE.
    pub ice_lite: bool,
}

impl LocalCapabilities {
    /// Capabilities for `username` at `address` (IPv6 when it contains `:`), no media yet,
    /// session id and version `0`, session name `-`.
    pub fn new(username: impl Into<String>, address: impl Into<String>) -> Self {
        let address = address.into();
        LocalCapabilities {
            username: username.into(),
            session_id: "0".to_owned(),
            session_version: "0".to_owned(),
            address_type: if address.contains(':') { "IP6" } else { "IP4" }.to_owned(),
            address,
            session_name: "-".to_owned(),
            media: Vec::new(),
            codec_order: CodecOrder::Offerer,
            ice_lite: false,
        }
    }
}

fn invalid(what: &'static str) -> Error {
    Error::Negotiation(NegotiationErrorKind::InvalidCapability(what))
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && !s.bytes().any(|b| b <= b' ' || b == 0x7f)
}

fn is_text(s: &str) -> bool {
    !s.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0)
}

fn check_caps(caps: &LocalCapabilities) -> Result<(), Error> {
    for (ok, what) in [
        (is_token(&caps.username), "user name"),
        (is_token(&caps.session_id), "session id"),
        (is_token(&caps.session_version), "session version"),
        (is_token(&caps.address_type), "address type"),
        (
            is_token(&caps.address) && !caps.address.contains('/'),
            "address",
        ),
        (is_text(&caps.session_name), "session name"),
    ] {
        if !ok {
            return Err(invalid(what));
        }
    }
    for m in &caps.media {
        if m.address
            .as_deref()
            .is_some_and(|a| !is_token(a) || a.contains('/'))
        {
            return Err(invalid("media address"));
        }
        for c in &m.codecs {
            if !is_token(&c.name) || c.name.contains('/') {
                return Err(invalid("codec name"));
            }
            if c.fmtp.as_deref().is_some_and(|f| !is_text(f)) {
                return Err(invalid("codec fmtp"));
            }
        }
        for c in &m.crypto {
            if !is_token(&c.suite) || !is_token(&c.key_params) {
                return Err(invalid("crypto"));
            }
        }
        if let Some((h, v)) = &m.fingerprint
            && (!is_token(h) || !is_token(v))
        {
            return Err(invalid("fingerprint"));
        }
        if let Some((u, p)) = &m.ice
            && (!is_text(u) || !is_text(p))
        {
            return Err(invalid("ICE credentials"));
        }
        if !m.candidates.is_empty() && m.ice.is_none() {
            return Err(invalid("ICE candidates without ICE credentials"));
        }
        // A candidate is written as its grammar writes it, and must read back the same
        // (no line break or empty field smuggled into the answer).
        for c in &m.candidates {
            let written = c.to_string();
            if Candidate::parse(&written).ok().as_ref() != Some(c) {
                return Err(invalid("ICE candidate"));
            }
        }
    }
    Ok(())
}

fn is_named(c: &Codec<'_>, name: &str) -> bool {
    c.name.eq_ignore_ascii_case(name)
}

/// Telephone events and comfort noise (by encoding name): chosen only beside a codec of
/// the same clock.
fn is_clocked_aux(name: &str) -> bool {
    ["telephone-event", "CN"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
}

/// Retransmission and redundancy formats (by encoding name): chosen only beside a
/// primary codec.
fn is_repair(name: &str) -> bool {
    ["rtx", "red", "ulpfec", "flexfec-03", "flexfec"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
}

/// Whether an encoding is no primary codec ([`is_clocked_aux`] or [`is_repair`]).
fn aux_or_repair(name: &str) -> bool {
    is_clocked_aux(name) || is_repair(name)
}

fn channels(c: Option<u16>) -> u16 {
    c.unwrap_or(1)
}

fn fmtp_compatible(offered: &Codec<'_>, local: &CodecCapability) -> bool {
    if !is_named(offered, "H264") {
        return true;
    }
    let view = |p: Option<&str>| {
        super::Fmtp {
            format: Cow::Borrowed(""),
            params: Cow::Borrowed(p.unwrap_or("")),
        }
        .h264()
    };
    let a = view(offered.fmtp.as_deref());
    let b = view(local.fmtp.as_deref());
    let profile = |h: &super::H264Params| h.profile_level_id.map(|p| p.profile_idc);
    a.packetization_mode == b.packetization_mode
        && (profile(&a).is_none() || profile(&b).is_none() || profile(&a) == profile(&b))
}

fn local_index(offered: &Codec<'_>, cap: &MediaCapability) -> Option<usize> {
    cap.codecs.iter().position(|l| {
        offered.name.eq_ignore_ascii_case(&l.name)
            && offered.clock_rate == l.clock_rate
            && channels(offered.channels) == channels(l.channels)
            && fmtp_compatible(offered, l)
    })
}

/// The codecs of `offered` we take with `cap`: (offer index, local index, codec).
fn choose<'o>(offered: &[Codec<'o>], cap: &MediaCapability) -> Vec<(usize, usize, Codec<'o>)> {
    let mut chosen: Vec<(usize, usize, Codec<'o>)> = Vec::new();
    for (i, c) in offered.iter().enumerate() {
        if aux_or_repair(&c.name) {
            continue;
        }
        if let Some(li) = local_index(c, cap)
            && !chosen.iter().any(|(_, l, _)| *l == li)
        {
            chosen.push((i, li, c.clone()));
        }
    }
    let primary_rates: Vec<u32> = chosen.iter().map(|(_, _, c)| c.clock_rate).collect();
    let primary_pts: Vec<String> = chosen
        .iter()
        .map(|(_, _, c)| c.payload_type.to_string())
        .collect();
    for (i, c) in offered.iter().enumerate() {
        let Some(li) = local_index(c, cap) else {
            continue;
        };
        let take = if is_clocked_aux(&c.name) {
            // Telephone events match by clock rate (RFC 4733 §2.1); alone they may form a
            // stream (RFC 4317 §2.4), comfort noise may not.
            primary_rates.contains(&c.clock_rate)
                || (primary_rates.is_empty() && is_named(c, "telephone-event"))
        } else if is_named(c, "rtx") {
            let apt = c.fmtp.as_deref().and_then(|f| {
                f.split(';')
                    .filter_map(|p| p.trim().split_once('='))
                    .find(|(k, _)| k.trim() == "apt")
                    .map(|(_, v)| v.trim().to_owned())
            });
            apt.is_some_and(|a| primary_pts.contains(&a))
        } else if is_repair(&c.name) {
            !primary_rates.is_empty()
        } else {
            false
        };
        let duplicate = chosen
            .iter()
            .any(|(_, _, x)| x.payload_type == c.payload_type);
        if take && !duplicate {
            chosen.push((i, li, c.clone()));
        }
    }
    chosen
}

fn offer_direction(offer: &Sdp<'_>, m: &Media<'_>) -> Direction {
    let d = m.direction(offer);
    // RFC 3264 §8.4: c=0.0.0.0 means "send me nothing" (RFC 2543 hold). Not where ICE
    // is used: there 0.0.0.0 (with port 9) only says that the addresses come as ICE
    // candidates (RFC 8839, RFC 8840; every WebRTC offer is written so).
    if m.connection(offer).is_some_and(Connection::is_unspecified)
        && find_attr(m, offer, "ice-ufrag", |_| Some(())).is_none()
    {
        Direction::from_flags(d.sends(), false)
    } else {
        d
    }
}

/// The first attribute called `name` that `f` takes, at media level, else at session level.
fn find_attr<'s, T>(
    media: &'s Media<'_>,
    session: &'s Sdp<'_>,
    name: &'s str,
    f: impl Fn(TypedAttribute<'s>) -> Option<T>,
) -> Option<T> {
    typed_named(&media.attributes, name)
        .find_map(&f)
        .or_else(|| typed_named(&session.attributes, name).find_map(&f))
}

fn owned(s: &str) -> Cow<'static, str> {
    Cow::Owned(s.to_owned())
}

fn rejected(m: &Media<'_>) -> Media<'static> {
    let first = m.formats.first().map(|f| owned(f));
    let mut attributes = Vec::new();
    if let Some(mid) = m.mid() {
        attributes.push(Attribute::new("mid", owned(mid)));
    }
    if let Some(f) = &first
        && let Some(pt) = super::parse_num::<u8>(f)
        && let Some(r) = m.rtpmap(pt)
    {
        attributes.push(Attribute::from(TypedAttribute::Rtpmap(r)).into_owned());
    }
    Media {
        media: owned(&m.media),
        port: 0,
        port_count: None,
        protocol: owned(&m.protocol),
        formats: first.into_iter().collect(),
        title: None,
        connections: Vec::new(),
        bandwidths: Vec::new(),
        key: None,
        attributes,
    }
}

fn protocol_accepted(cap: &MediaCapability, proto: &str) -> bool {
    cap.protocols.iter().any(|p| p.eq_ignore_ascii_case(proto))
}

/// The mids of `sdp`'s `a=group:BUNDLE` groups, each group's tag (its first mid) first.
fn bundle_groups<'s>(sdp: &'s Sdp<'_>) -> impl Iterator<Item = super::Group<'s>> + 's {
    typed_named(&sdp.attributes, "group").filter_map(|a| match a {
        TypedAttribute::Group(g) if g.semantics == "BUNDLE" => Some(g),
        _ => None,
    })
}

/// Whether `m` is a live stream of `sdp` though its port is 0: `a=bundle-only` in a
/// BUNDLE group (RFC 9143 6: an offerer that wants a stream only if it is bundled
/// writes it so, as Firefox does with `bundlePolicy: "max-bundle"`; an answerer may
/// answer bundled sections so too).
fn bundle_only(sdp: &Sdp<'_>, m: &Media<'_>) -> bool {
    m.port == 0
        && m.attributes
            .iter()
            .any(|a| a.is("bundle-only") && a.value.is_none())
        && m.mid()
            .is_some_and(|mid| bundle_groups(sdp).any(|g| g.mids.iter().any(|x| x == mid)))
}

/// Whether `m` is a stream `sdp` offers or accepts: a port other than 0, or
/// [`bundle_only`].
fn is_live(sdp: &Sdp<'_>, m: &Media<'_>) -> bool {
    m.port != 0 || bundle_only(sdp, m)
}

/// The format of a WebRTC data channel section (RFC 8841 4.1).
const DATA_CHANNEL: &str = "webrtc-datachannel";

/// Whether `m` is a data channel section: SCTP over DTLS (over UDP or TCP) with format
/// `webrtc-datachannel` (RFC 8841 4.1; the older `DTLS/SCTP 5000` with `a=sctpmap` is
/// not).
fn is_data_channel(m: &Media<'_>) -> bool {
    ["UDP/DTLS/SCTP", "TCP/DTLS/SCTP"]
        .iter()
        .any(|p| m.protocol.eq_ignore_ascii_case(p))
        && m.formats.iter().any(|f| f == DATA_CHANNEL)
}

/// The section's `a=sctp-port`.
fn sctp_port(m: &Media<'_>) -> Option<u16> {
    typed_named(&m.attributes, "sctp-port").find_map(|a| match a {
        TypedAttribute::SctpPort(p) => Some(p),
        _ => None,
    })
}

/// The section's `a=max-message-size`.
fn max_message_size(m: &Media<'_>) -> Option<u64> {
    typed_named(&m.attributes, "max-message-size").find_map(|a| match a {
        TypedAttribute::MaxMessageSize(n) => Some(n),
        _ => None,
    })
}

/// The offer of our capabilities (RFC 3264 §5): one media section per
/// [`MediaCapability`], in order, on its port with its first protocol.
///
/// Each section has a `mid` (`0`, `1`, ...); its codecs are offered in our order of
/// preference, each with its RFC 3551 static payload type when it has one, else a
/// dynamic one from 96 up (numbered across the sections of a BUNDLE group, so that no
/// number names two codecs there), with an `rtpmap` (static ones too) and its `fmtp`; our RTCP
/// feedback for each codec other than telephone-event, CN and repair formats; our
/// header extensions numbered from 1; `rtcp-mux`, `ptime` and the direction when not
/// `sendrecv`. ICE credentials with our candidates and `a=end-of-candidates`, a DTLS
/// fingerprint with `a=setup:actpass` (RFC 5763: the offerer lets the answerer choose;
/// on a secure transport: an SRTP profile or DTLS) and SDES keys (tags 1, 2, ...; on
/// `RTP/SAVP` and `RTP/SAVPF` only) are offered when the capability has them; a data
/// channel capability ([`MediaCapability::data_channel`]) offers
/// `webrtc-datachannel` with its SCTP port and message size. When every section has ICE
/// credentials (a WebRTC peer), the sections are offered in one BUNDLE group, and an
/// ICE-lite agent ([`LocalCapabilities::ice_lite`]) says `a=ice-lite`.
///
/// ```
/// use sip_core::sdp::offer_answer::{CodecCapability, LocalCapabilities, MediaCapability, create_offer};
///
/// let mut caps = LocalCapabilities::new("gw", "192.0.2.10");
/// caps.media.push(MediaCapability::audio(
///     4000,
///     vec![
///         CodecCapability::new("opus", 48000).with_channels(2),
///         CodecCapability::new("PCMA", 8000),
///         CodecCapability::new("telephone-event", 8000).with_fmtp("0-16"),
///     ],
/// ));
/// let offer = create_offer(&caps)?;
/// assert_eq!(
///     offer.to_string(),
///     "v=0\r\no=gw 0 0 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n\
///      m=audio 4000 RTP/AVP 96 8 97\r\na=mid:0\r\na=rtpmap:96 opus/48000/2\r\n\
///      a=rtpmap:8 PCMA/8000\r\na=rtpmap:97 telephone-event/8000\r\na=fmtp:97 0-16\r\n"
/// );
/// # Ok::<(), sip_core::sdp::Error>(())
/// ```
///
/// # Errors
/// [`NegotiationErrorKind::InvalidCapability`] for capabilities that cannot go into SDP
/// (see [`create_answer`]), a media capability without a protocol or (but for a data
/// channel) without codecs, more than 32 dynamic payload types in one section (or one
/// BUNDLE group), or more
/// than 255 header extensions.
pub fn create_offer(caps: &LocalCapabilities) -> Result<Sdp<'static>, Error> {
    check_caps(caps)?;
    let webrtc = !caps.media.is_empty() && caps.media.iter().all(|m| m.ice.is_some());
    let mut media = Vec::with_capacity(caps.media.len());
    let mut mids: Vec<Cow<'static, str>> = Vec::with_capacity(caps.media.len());
    let mut bundle_dynamic = 96u8..=127;
    for (index, cap) in caps.media.iter().enumerate() {
        let protocol = cap
            .protocols
            .first()
            .ok_or(invalid("media without a protocol"))?;
        let mid = index.to_string();
        let mut attributes = vec![Attribute::new("mid", mid.clone())];
        mids.push(Cow::Owned(mid));
        if let Some(ice) = &cap.ice {
            push_ice(&mut attributes, ice, &cap.candidates);
        }
        // DTLS keys secure transports only (`UDP/TLS/RTP/SAVPF`, `RTP/SAVP`, a data
        // channel's `UDP/DTLS/SCTP`); SDES keys only the SRTP profiles without TLS
        // (RFC 4568 5; JSEP, RFC 8829 5.1.2, offers no SDES over DTLS).
        let upper = protocol.to_ascii_uppercase();
        let secure = upper.contains("SAVP") || upper.contains("DTLS");
        let sdes = matches!(upper.as_str(), "RTP/SAVP" | "RTP/SAVPF");
        if let Some(fingerprint) = cap.fingerprint.as_ref().filter(|_| secure) {
            push_dtls(&mut attributes, fingerprint, Setup::Actpass);
        }
        let mut formats = Vec::new();
        if cap.sctp_port.is_some() {
            formats.push(Cow::Borrowed(DATA_CHANNEL));
            push_sctp(&mut attributes, cap);
        } else {
            if cap.codecs.is_empty() {
                return Err(invalid("media without codecs"));
            }
            for (i, key) in cap.crypto.iter().enumerate().filter(|_| sdes) {
                attributes.push(
                    TypedAttribute::Crypto(Crypto {
                        tag: u32::try_from(i + 1).map_err(|_| invalid("crypto"))?,
                        suite: owned(&key.suite),
                        key_params: owned(&key.key_params),
                        session_params: None,
                    })
                    .into(),
                );
            }
            for (i, uri) in cap.extmap_uris.iter().enumerate() {
                let id = u16::try_from(i + 1)
                    .ok()
                    .filter(|id| *id <= 255)
                    .ok_or(invalid("more than 255 header extensions"))?;
                attributes.push(
                    TypedAttribute::Extmap(super::Extmap {
                        id,
                        direction: None,
                        uri: owned(uri),
                        attributes: None,
                    })
                    .into(),
                );
            }
            if cap.rtcp_mux {
                attributes.push(Attribute::flag("rtcp-mux"));
            }
            let mut own = 96u8..=127;
            // Bundled sections share one RTP session: a dynamic payload type names one
            // codec in all of them (RFC 9143 9.1).
            let dynamic = if webrtc {
                &mut bundle_dynamic
            } else {
                &mut own
            };
            let mut taken = Vec::with_capacity(cap.codecs.len());
            for c in &cap.codecs {
                let pt =
                    match super::payload::static_payload_type(&c.name, c.clock_rate, c.channels) {
                        Some(pt) if !taken.contains(&pt) => pt,
                        _ => dynamic
                            .next()
                            .ok_or(invalid("more than 32 dynamic payload types"))?,
                    };
                taken.push(pt);
                let text = pt.to_string();
                attributes.push(
                    TypedAttribute::Rtpmap(Rtpmap {
                        payload_type: pt,
                        encoding: owned(&c.name),
                        clock_rate: c.clock_rate,
                        channels: c.channels,
                    })
                    .into(),
                );
                if let Some(params) = &c.fmtp {
                    attributes.push(
                        TypedAttribute::Fmtp(super::Fmtp {
                            format: owned(&text),
                            params: owned(params),
                        })
                        .into(),
                    );
                }
                if !aux_or_repair(&c.name) {
                    for want in &cap.rtcp_feedback {
                        let (feedback, param) = feedback_parts(want);
                        attributes.push(
                            TypedAttribute::RtcpFb(RtcpFb {
                                payload_type: owned(&text),
                                feedback: owned(feedback),
                                param: param.map(owned),
                            })
                            .into(),
                        );
                    }
                }
                formats.push(Cow::Owned(text));
            }
            if let Some(p) = cap.ptime {
                attributes.push(TypedAttribute::Ptime(PacketTime::from_millis(p)).into());
            }
            if cap.direction != Direction::SendRecv {
                attributes.push(Attribute::flag(cap.direction.as_str()));
            }
        }
        media.push(section(&cap.media, protocol, formats, cap, attributes));
    }
    let mut attributes = Vec::new();
    if caps.ice_lite && webrtc {
        attributes.push(TypedAttribute::IceLite.into());
    }
    if webrtc {
        attributes.push(
            TypedAttribute::Group(super::Group {
                semantics: Cow::Borrowed("BUNDLE"),
                mids,
            })
            .into(),
        );
    }
    let sdp = session(caps, attributes, media);
    // What we offer must read as we wrote it (a capability's text is checked, but the
    // whole is checked once more).
    let text = sdp.to_string();
    match super::parse(&text) {
        Ok(read) if read == sdp => Ok(sdp),
        _ => Err(invalid("the offer does not read back as written")),
    }
}

/// Our session around `media`: origin, name and address from `caps`, `t=0 0`.
fn session(
    caps: &LocalCapabilities,
    attributes: Vec<Attribute<'static>>,
    media: Vec<Media<'static>>,
) -> Sdp<'static> {
    Sdp {
        origin: Origin {
            username: owned(&caps.username),
            session_id: owned(&caps.session_id),
            session_version: owned(&caps.session_version),
            network_type: Cow::Borrowed("IN"),
            address_type: owned(&caps.address_type),
            address: owned(&caps.address),
        },
        session_name: owned(&caps.session_name),
        information: None,
        uri: None,
        emails: Vec::new(),
        phones: Vec::new(),
        connection: Some(Connection {
            network_type: Cow::Borrowed("IN"),
            address_type: owned(&caps.address_type),
            address: owned(&caps.address),
            ttl: None,
            count: None,
        }),
        bandwidths: Vec::new(),
        // `t=0 0`: an unbounded session, what VoIP sessions say.
        times: vec![Timing {
            start: 0,
            stop: 0,
            repeats: Vec::new(),
        }],
        time_zones: None,
        key: None,
        attributes,
        media,
        line_ending: super::LineEnding::Crlf,
        final_line_ending: true,
        gb28181_ssrc: None,
        gb28181_format: None,
    }
}

/// Produces the answer to `offer` from `caps` (RFC 3264 §6).
///
/// Each offered stream is answered by the first unused media capability of the same type
/// and protocol that shares a codec with it; streams nothing can take are rejected with
/// port 0 and kept in place (with their first format). Codecs keep the offer's payload
/// type numbers, in the offerer's order or ours ([`CodecOrder`]). `telephone-event` and
/// `CN` are taken at the clock rate of a chosen codec. The direction is the intersection
/// of ours with the reverse of the offer's (an offer with `c=0.0.0.0` receives nothing).
/// ICE, DTLS (`setup` answered `active` to `actpass`) and SDES (the first offered suite we
/// have a key for, same tag) are answered when the offer uses them and we have them;
/// with ICE, our candidates follow our credentials, closed by `a=end-of-candidates`, and
/// an ICE-lite answerer says `a=ice-lite` ([`LocalCapabilities::ice_lite`]).
///
/// A WebRTC data channel section (RFC 8841: `UDP/DTLS/SCTP webrtc-datachannel` with
/// `a=sctp-port` and DTLS) is answered by a capability made with
/// [`MediaCapability::data_channel`] that has a DTLS fingerprint: our SCTP port, and our
/// `a=max-message-size` when we have one; no codecs or direction. Without such a
/// capability it is rejected in place like any stream we cannot take.
pub fn create_answer(offer: &Sdp<'_>, caps: &LocalCapabilities) -> Result<Sdp<'static>, Error> {
    check_caps(caps)?;
    let mut used = vec![false; caps.media.len()];
    let mut media = Vec::with_capacity(offer.media.len());
    let mut accepted_mids = Vec::new();
    let mut answered_ice = false;
    for m in &offer.media {
        // A bundle-only section is offered like any other: it is answered on our port
        // (which a bundled section's offerer ignores, RFC 9143 7.3.1) without
        // `a=bundle-only`, as the browsers answer.
        if !is_live(offer, m) {
            media.push(rejected(m));
            continue;
        }
        let offered: Vec<Codec<'_>> = m.codecs().collect();
        let secure = m.protocol.contains("SAVP");
        let offer_fp = find_attr(m, offer, "fingerprint", |a| match a {
            TypedAttribute::Fingerprint(f) => Some(f),
            _ => None,
        });
        let data_channel = is_data_channel(m) && sctp_port(m).is_some();
        let pick = caps.media.iter().enumerate().find_map(|(i, cap)| {
            if used[i]
                || !cap.media.eq_ignore_ascii_case(&m.media)
                || !protocol_accepted(cap, &m.protocol)
                || data_channel != cap.sctp_port.is_some()
            {
                return None;
            }
            if data_channel {
                // SCTP runs over DTLS: both sides need a fingerprint.
                return (offer_fp.is_some() && cap.fingerprint.is_some()).then_some((
                    i,
                    cap,
                    Vec::new(),
                    None,
                ));
            }
            let chosen = choose(&offered, cap);
            if chosen.is_empty() {
                return None;
            }
            let crypto = if secure && offer_fp.is_none() {
                // SDES: the first offered suite we have a key for.
                let c = typed_named(&m.attributes, "crypto").find_map(|a| match a {
                    TypedAttribute::Crypto(c) => cap
                        .crypto
                        .iter()
                        .find(|k| k.suite.eq_ignore_ascii_case(&c.suite))
                        .map(|k| (c.tag, k)),
                    _ => None,
                });
                Some(c?)
            } else {
                None
            };
            if secure && offer_fp.is_some() && cap.fingerprint.is_none() {
                return None;
            }
            Some((i, cap, chosen, crypto))
        });
        let Some((i, cap, mut chosen, crypto)) = pick else {
            media.push(rejected(m));
            continue;
        };
        used[i] = true;
        if caps.codec_order == CodecOrder::Answerer {
            chosen.sort_by_key(|(oi, li, _)| (*li, *oi));
        }
        let mut attributes = Vec::new();
        if let Some(mid) = m.mid() {
            attributes.push(Attribute::new("mid", owned(mid)));
            accepted_mids.push(mid.to_owned());
        }
        if let Some(ice) = &cap.ice
            && find_attr(m, offer, "ice-ufrag", |_| Some(())).is_some()
        {
            answered_ice = true;
            push_ice(&mut attributes, ice, &cap.candidates);
        }
        if let (Some(_), Some(fingerprint)) = (offer_fp, &cap.fingerprint) {
            let offer_setup = find_attr(m, offer, "setup", |a| match a {
                TypedAttribute::Setup(s) => Some(s),
                _ => None,
            });
            // RFC 4145 §4.1 / RFC 5763 §5: answer actpass with active; the default is active.
            let setup = match offer_setup {
                Some(Setup::Active) | None => Setup::Passive,
                Some(Setup::Holdconn) => Setup::Holdconn,
                Some(Setup::Passive | Setup::Actpass) => Setup::Active,
            };
            push_dtls(&mut attributes, fingerprint, setup);
        }
        if let Some((tag, key)) = crypto {
            attributes.push(
                TypedAttribute::Crypto(Crypto {
                    tag,
                    suite: owned(&key.suite),
                    key_params: owned(&key.key_params),
                    session_params: None,
                })
                .into(),
            );
        }
        if data_channel {
            push_sctp(&mut attributes, cap);
            let formats = vec![Cow::Borrowed(DATA_CHANNEL)];
            media.push(section(&m.media, &m.protocol, formats, cap, attributes));
            continue;
        }
        for a in typed_named(&m.attributes, "extmap") {
            if let TypedAttribute::Extmap(mut e) = a
                && cap.extmap_uris.iter().any(|u| *u == e.uri)
            {
                e.direction = e.direction.map(Direction::reversed);
                attributes.push(Attribute::from(TypedAttribute::Extmap(e)).into_owned());
            }
        }
        let direction = {
            let theirs = offer_direction(offer, m);
            Direction::from_flags(
                cap.direction.sends() && theirs.receives(),
                cap.direction.receives() && theirs.sends(),
            )
        };
        if cap.rtcp_mux && m.has_rtcp_mux() {
            attributes.push(Attribute::flag("rtcp-mux"));
        }
        if cap.simulcast && direction.receives() {
            push_simulcast(&mut attributes, m);
        }
        let mut formats = Vec::with_capacity(chosen.len());
        for (_, li, c) in &chosen {
            let pt = c.payload_type.to_string();
            attributes.push(
                TypedAttribute::Rtpmap(Rtpmap {
                    payload_type: c.payload_type,
                    encoding: owned(&c.name),
                    clock_rate: c.clock_rate,
                    channels: c.channels,
                })
                .into(),
            );
            for a in m.attributes.iter().filter(|a| a.is("rtcp-fb")) {
                if let Ok(TypedAttribute::RtcpFb(fb)) = a.typed()
                    && fb.payload_type == pt
                    && cap.rtcp_feedback.iter().any(|want| fb_matches(want, &fb))
                {
                    attributes.push(a.clone().into_owned());
                }
            }
            let local_fmtp = cap.codecs.get(*li).and_then(|l| l.fmtp.clone());
            let fmtp = if is_named(c, "rtx") { None } else { local_fmtp }
                .map(Cow::Owned)
                .or_else(|| c.fmtp.as_deref().map(owned));
            if let Some(params) = fmtp {
                attributes.push(
                    TypedAttribute::Fmtp(super::Fmtp {
                        format: owned(&pt),
                        params,
                    })
                    .into(),
                );
            }
            formats.push(Cow::Owned(pt));
        }
        if let Some(p) = cap.ptime {
            attributes.push(TypedAttribute::Ptime(PacketTime::from_millis(p)).into());
        }
        // sendrecv is the default and is left out, as in RFC 4317's answers.
        if direction != Direction::SendRecv {
            attributes.push(Attribute::flag(direction.as_str()));
        }
        media.push(section(&m.media, &m.protocol, formats, cap, attributes));
    }
    let mut attributes = Vec::new();
    if caps.ice_lite && answered_ice {
        attributes.push(TypedAttribute::IceLite.into());
    }
    let bundle = bundle_groups(offer).next();
    if let Some(g) = bundle {
        let mids: Vec<Cow<'static, str>> = g
            .mids
            .iter()
            .filter(|mid| accepted_mids.iter().any(|a| a == mid.as_ref()))
            .map(|mid| owned(mid))
            .collect();
        if !mids.is_empty() {
            attributes.push(
                TypedAttribute::Group(super::Group {
                    semantics: Cow::Borrowed("BUNDLE"),
                    mids,
                })
                .into(),
            );
        }
    }
    let mut sdp = session(caps, attributes, media);
    // RFC 3264 §6: the answer's t= equals the offer's.
    if !offer.times.is_empty() {
        sdp.times = offer.times.iter().map(|t| t.clone().into_owned()).collect();
    }
    Ok(sdp)
}

/// Our media section of type `media` over `protocol`: `cap`'s port, and its own
/// address when it has one.
fn section(
    media: &str,
    protocol: &str,
    formats: Vec<Cow<'static, str>>,
    cap: &MediaCapability,
    attributes: Vec<Attribute<'static>>,
) -> Media<'static> {
    Media {
        media: owned(media),
        port: cap.port,
        port_count: None,
        protocol: owned(protocol),
        formats,
        title: None,
        connections: connections(cap),
        bandwidths: Vec::new(),
        key: None,
        attributes,
    }
}

/// Our ICE credentials, then our candidates closed by `a=end-of-candidates`.
fn push_ice(
    attributes: &mut Vec<Attribute<'static>>,
    (ufrag, pwd): &(String, String),
    candidates: &[Candidate<'static>],
) {
    attributes.push(Attribute::new("ice-ufrag", owned(ufrag)));
    attributes.push(Attribute::new("ice-pwd", owned(pwd)));
    for c in candidates {
        attributes.push(TypedAttribute::Candidate(Box::new(c.clone())).into());
    }
    if !candidates.is_empty() {
        attributes.push(TypedAttribute::EndOfCandidates.into());
    }
}

/// Our DTLS fingerprint and role.
fn push_dtls(
    attributes: &mut Vec<Attribute<'static>>,
    (hash, value): &(String, String),
    setup: Setup,
) {
    attributes.push(
        TypedAttribute::Fingerprint(Fingerprint {
            hash: owned(hash),
            value: owned(value),
        })
        .into(),
    );
    attributes.push(TypedAttribute::Setup(setup).into());
}

/// The offer's simulcast that we receive (RFC 8853 5.3, RFC 8851 6): each stream of the
/// offer's `send` list, with the alternatives the offer names in `a=rid:<id> send`
/// (paused ones kept paused), each named `a=rid:<id> recv`, then `a=simulcast:recv`
/// listing them. Nothing when no stream is left.
fn push_simulcast(attributes: &mut Vec<Attribute<'static>>, m: &Media<'_>) {
    let Some(sim) = simulcast_of(m) else {
        return;
    };
    let sent: Vec<String> = typed_named(&m.attributes, "rid")
        .filter_map(|a| match a {
            TypedAttribute::Rid(r) if r.direction == RidDirection::Send => Some(r.id.into_owned()),
            _ => None,
        })
        .collect();
    let mut taken: Vec<&str> = Vec::new();
    let mut streams = Vec::new();
    for alternatives in sim.send_streams() {
        let mut kept = Vec::new();
        for id in alternatives {
            // An id is taken once, in the stream that lists it first.
            if sent.iter().any(|s| s == id.rid) && !taken.contains(&id.rid) {
                taken.push(id.rid);
                kept.push(if id.paused {
                    format!("~{}", id.rid)
                } else {
                    id.rid.to_owned()
                });
            }
        }
        if !kept.is_empty() {
            streams.push(kept.join(","));
        }
    }
    if streams.is_empty() {
        return;
    }
    for rid in &taken {
        attributes.push(
            TypedAttribute::Rid(Rid {
                id: owned(rid),
                direction: RidDirection::Recv,
                restrictions: None,
            })
            .into(),
        );
    }
    attributes.push(
        TypedAttribute::Simulcast(Simulcast {
            send: None,
            recv: Some(Cow::Owned(streams.join(";"))),
        })
        .into(),
    );
}

/// A data channel capability's SCTP port and message size.
fn push_sctp(attributes: &mut Vec<Attribute<'static>>, cap: &MediaCapability) {
    if let Some(port) = cap.sctp_port {
        attributes.push(TypedAttribute::SctpPort(port).into());
    }
    if let Some(size) = cap.max_message_size {
        attributes.push(TypedAttribute::MaxMessageSize(size).into());
    }
}

/// The media-level `c=` of a capability with its own address.
fn connections(cap: &MediaCapability) -> Vec<Connection<'static>> {
    match &cap.address {
        Some(a) => vec![Connection {
            network_type: Cow::Borrowed("IN"),
            address_type: Cow::Borrowed(if a.contains(':') { "IP6" } else { "IP4" }),
            address: owned(a),
            ttl: None,
            count: None,
        }],
        None => Vec::new(),
    }
}

/// A capability's RTCP feedback `type[ param]` split into its type and parameter.
fn feedback_parts(want: &str) -> (&str, Option<&str>) {
    match want.split_once(' ') {
        Some((t, p)) => (t, Some(p)),
        None => (want, None),
    }
}

fn fb_matches(want: &str, fb: &RtcpFb<'_>) -> bool {
    let (feedback, param) = feedback_parts(want);
    fb.feedback == feedback && fb.param.as_deref() == param
}

/// SDES keys negotiated for one stream.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SrtpKeys {
    /// The tag both sides used.
    pub tag: u32,
    /// The crypto suite.
    pub suite: String,
    /// The offerer's key parameters (its sending key).
    pub offer_key_params: String,
    /// The answerer's key parameters (its sending key).
    pub answer_key_params: String,
}

/// The negotiated state of one media stream, from the offerer's point of view.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NegotiatedMedia {
    /// Index of the media section.
    pub index: usize,
    /// Media type.
    pub media: String,
    /// `a=mid`, if any.
    pub mid: Option<String>,
    /// Whether the stream was accepted (both ports non-zero).
    pub accepted: bool,
    /// Transport protocol.
    pub protocol: String,
    /// Where to send RTP: the answer's connection address.
    pub remote_address: Option<String>,
    /// Where to send RTP: the answer's port.
    pub remote_rtp_port: u16,
    /// Where to send RTCP: `a=rtcp`'s address, else the RTP address.
    pub remote_rtcp_address: Option<String>,
    /// Where to send RTCP: the RTP port with rtcp-mux, `a=rtcp`'s port, else RTP port + 1.
    pub remote_rtcp_port: Option<u16>,
    /// Whether RTP and RTCP share the port (both sides sent `a=rtcp-mux`).
    pub rtcp_mux: bool,
    /// The codec to send: the first of the answer's that is not telephone-event, CN or a
    /// repair format.
    pub codec: Option<Codec<'static>>,
    /// The answer's codecs that were also offered, in the answer's order.
    pub codecs: Vec<Codec<'static>>,
    /// The answer's telephone-event at the chosen codec's clock rate (or the first one).
    pub telephone_event: Option<Codec<'static>>,
    /// The answer's `a=ptime` (what the answerer wants to receive).
    pub ptime: Option<u32>,
    /// The direction for the offerer (`sendonly`: the offerer sends, the answerer listens).
    pub direction: Direction,
    /// Whether the answerer's address is `0.0.0.0`/`::` (RFC 2543 hold).
    pub remote_unspecified_address: bool,
    /// SDES keys, when the answer accepted one of the offered `a=crypto` lines.
    pub srtp: Option<SrtpKeys>,
    /// The answerer's DTLS fingerprint.
    pub remote_fingerprint: Option<Fingerprint<'static>>,
    /// The answerer's DTLS role.
    pub remote_setup: Option<Setup>,
    /// The answerer's ICE candidates for the stream (media level, else session level).
    pub remote_candidates: Vec<Candidate<'static>>,
    /// For a data channel section (RFC 8841): the answerer's SCTP port.
    pub remote_sctp_port: Option<u16>,
    /// For a data channel section: the largest message the answerer can receive, in
    /// bytes (`a=max-message-size`; 0 is no limit; `None`: not given, which RFC 8841 6
    /// reads as 64 KB).
    pub remote_max_message_size: Option<u64>,
    /// The RTP stream ids (RFC 8851) of the simulcast the offerer sends and the answer
    /// receives (RFC 8853: in the offer's `a=simulcast:send` list and the answer's
    /// `recv` list), alternatives included, in the answer's order; empty without
    /// simulcast.
    pub simulcast_rids: Vec<String>,
}

/// Applies `answer` to `offer` (RFC 3264 §7): the negotiated state of each stream from the
/// offerer's point of view.
pub fn apply_answer(offer: &Sdp<'_>, answer: &Sdp<'_>) -> Result<Vec<NegotiatedMedia>, Error> {
    if offer.media.len() != answer.media.len() {
        return Err(Error::Negotiation(
            NegotiationErrorKind::MediaCountMismatch {
                offer: offer.media.len(),
                answer: answer.media.len(),
            },
        ));
    }
    let mut out = Vec::with_capacity(offer.media.len());
    for (index, (om, am)) in offer.media.iter().zip(&answer.media).enumerate() {
        if !om.media.eq_ignore_ascii_case(&am.media) {
            return Err(Error::Negotiation(
                NegotiationErrorKind::MediaTypeMismatch {
                    index,
                    offer: om.media.to_string(),
                    answer: am.media.to_string(),
                },
            ));
        }
        let mut n = NegotiatedMedia {
            index,
            media: om.media.to_string(),
            mid: om.mid().map(str::to_owned),
            accepted: is_live(offer, om) && is_live(answer, am),
            protocol: am.protocol.to_string(),
            remote_address: None,
            remote_rtp_port: am.port,
            remote_rtcp_address: None,
            remote_rtcp_port: None,
            rtcp_mux: false,
            codec: None,
            codecs: Vec::new(),
            telephone_event: None,
            ptime: None,
            direction: Direction::Inactive,
            remote_unspecified_address: false,
            srtp: None,
            remote_fingerprint: None,
            remote_setup: None,
            remote_candidates: Vec::new(),
            remote_sctp_port: None,
            remote_max_message_size: None,
            simulcast_rids: Vec::new(),
        };
        if !n.accepted {
            out.push(n);
            continue;
        }
        // A section the answer bundles with port 0 uses the transport of the answer's
        // BUNDLE-tagged section (RFC 9143 7.3.1).
        let transport = if am.port == 0 {
            let mid = am.mid().unwrap_or_default();
            bundle_groups(answer)
                .find(|g| g.mids.iter().any(|x| x == mid))
                .and_then(|g| {
                    let tag = g.mids.first()?;
                    answer
                        .media
                        .iter()
                        .find(|t| t.mid() == Some(tag) && t.port != 0)
                })
                .ok_or(Error::Negotiation(NegotiationErrorKind::NoConnection {
                    index,
                }))?
        } else {
            am
        };
        n.remote_rtp_port = transport.port;
        let conn = am
            .connection(answer)
            .or_else(|| transport.connection(answer))
            .ok_or(Error::Negotiation(NegotiationErrorKind::NoConnection {
                index,
            }))?;
        n.remote_address = Some(conn.address.to_string());
        n.remote_unspecified_address = conn.is_unspecified();
        let offered: Vec<Codec<'_>> = om.codecs().collect();
        // Only what was offered can be used (an answer may list more, as RFC 4317 §3.2
        // does); payload type numbers may differ (RFC 4317 §2.3).
        for c in am.codecs() {
            let offered_too = offered
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(&c.name) && o.clock_rate == c.clock_rate);
            if offered_too {
                n.codecs.push(Codec {
                    payload_type: c.payload_type,
                    name: owned(&c.name),
                    clock_rate: c.clock_rate,
                    channels: c.channels,
                    fmtp: c.fmtp.as_deref().map(owned),
                });
            }
        }
        n.codec = n.codecs.iter().find(|c| !aux_or_repair(&c.name)).cloned();
        let rate = n.codec.as_ref().map(|c| c.clock_rate);
        let events = || n.codecs.iter().filter(|c| is_named(c, "telephone-event"));
        n.telephone_event = events()
            .find(|c| Some(c.clock_rate) == rate)
            .or_else(|| events().next())
            .cloned();
        n.ptime = am.ptime();
        n.rtcp_mux = om.has_rtcp_mux() && am.has_rtcp_mux();
        let rtcp: Option<Rtcp<'_>> = typed_named(&am.attributes, "rtcp").find_map(|a| match a {
            TypedAttribute::Rtcp(r) => Some(r),
            _ => None,
        });
        if n.rtcp_mux {
            n.remote_rtcp_address = n.remote_address.clone();
            n.remote_rtcp_port = Some(n.remote_rtp_port);
        } else if let Some(r) = rtcp {
            n.remote_rtcp_address = Some(match &r.address {
                Some((_, _, addr)) => addr.to_string(),
                None => conn.address.to_string(),
            });
            n.remote_rtcp_port = Some(r.port);
        } else {
            n.remote_rtcp_address = n.remote_address.clone();
            n.remote_rtcp_port = n.remote_rtp_port.checked_add(1);
        }
        let ours = offer_direction(offer, om);
        let theirs = offer_direction(answer, am);
        n.direction = Direction::from_flags(
            ours.sends() && theirs.receives(),
            ours.receives() && theirs.sends(),
        );
        n.srtp = typed_named(&am.attributes, "crypto").find_map(|a| match a {
            TypedAttribute::Crypto(ac) => {
                typed_named(&om.attributes, "crypto").find_map(|o| match o {
                    TypedAttribute::Crypto(oc) if oc.tag == ac.tag && oc.suite == ac.suite => {
                        Some(SrtpKeys {
                            tag: ac.tag,
                            suite: ac.suite.to_string(),
                            offer_key_params: oc.key_params.to_string(),
                            answer_key_params: ac.key_params.to_string(),
                        })
                    }
                    _ => None,
                })
            }
            _ => None,
        });
        n.remote_fingerprint = find_attr(am, answer, "fingerprint", |a| match a {
            TypedAttribute::Fingerprint(f) => Some(Value::owned(f)),
            _ => None,
        });
        n.remote_setup = find_attr(am, answer, "setup", |a| match a {
            TypedAttribute::Setup(s) => Some(s),
            _ => None,
        });
        let candidates = |attrs: &[Attribute<'_>]| -> Vec<Candidate<'static>> {
            typed_named(attrs, "candidate")
                .filter_map(|a| match a {
                    TypedAttribute::Candidate(c) => Some(Value::owned(*c)),
                    _ => None,
                })
                .collect()
        };
        n.remote_candidates = candidates(&am.attributes);
        if n.remote_candidates.is_empty() {
            n.remote_candidates = candidates(&answer.attributes);
        }
        if is_data_channel(om) {
            // SCTP has no RTCP and no media direction of its own.
            n.remote_sctp_port = sctp_port(am);
            n.remote_max_message_size = max_message_size(am);
            n.remote_rtcp_address = None;
            n.remote_rtcp_port = None;
        }
        n.simulcast_rids = simulcast_rids(om, am);
        out.push(n);
    }
    Ok(out)
}

/// A section's `a=simulcast`, read by its grammar (the first that reads).
fn simulcast_of<'m>(m: &'m Media<'_>) -> Option<Simulcast<'m>> {
    typed_named(&m.attributes, "simulcast").find_map(|a| match a {
        TypedAttribute::Simulcast(s) => Some(s),
        _ => None,
    })
}

/// The RTP stream ids of the offer's simulcast `send` list that the answer's `recv` list
/// takes, in the answer's order.
fn simulcast_rids(offer: &Media<'_>, answer: &Media<'_>) -> Vec<String> {
    let (Some(offered), Some(answered)) = (simulcast_of(offer), simulcast_of(answer)) else {
        return Vec::new();
    };
    let sent: Vec<&str> = offered
        .send_streams()
        .iter()
        .flatten()
        .map(|i| i.rid)
        .collect();
    answered
        .recv_streams()
        .iter()
        .flatten()
        .filter(|i| sent.contains(&i.rid))
        .map(|i| i.rid.to_owned())
        .collect()
}

/// Adds one to a decimal string (`"9"` → `"10"`); other text is left as it is.
fn increment(v: &str) -> String {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return v.to_owned();
    }
    let mut digits = v.as_bytes().to_vec();
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return String::from_utf8_lossy(&digits).into_owned();
        }
    }
    let mut s = String::with_capacity(digits.len() + 1);
    s.push('1');
    s.push_str(&String::from_utf8_lossy(&digits));
    s
}

/// A new version of `sdp` (for a re-offer): the same session with `o=`'s session version
/// incremented (RFC 3264 §8) and each stream's direction mapped by `f` (streams with port 0
/// and data channel sections, which have no direction, are left alone). Media-level direction attributes are replaced; session-level ones
/// removed.
pub fn with_directions(sdp: &Sdp<'_>, f: impl Fn(Direction) -> Direction) -> Sdp<'static> {
    let mut next = sdp.to_owned_sdp();
    next.origin.session_version = Cow::Owned(increment(&sdp.origin.session_version));
    let session_dir = find_direction(&next.attributes);
    next.attributes.retain(|a| a.direction().is_none());
    for m in &mut next.media {
        // A data channel has no direction (RFC 8841): it stays as it is.
        if !is_live(sdp, m) || is_data_channel(m) {
            continue;
        }
        let current = find_direction(&m.attributes)
            .or(session_dir)
            .unwrap_or(Direction::SendRecv);
        let new = Attribute::flag(f(current).as_str());
        match m.attributes.iter_mut().find(|a| a.direction().is_some()) {
            Some(a) => *a = new,
            None => m.attributes.push(new),
        }
    }
    next
}

/// The re-offer that puts `sdp`'s streams on hold (RFC 3264 §8.4): `sendrecv` becomes
/// `sendonly`, `recvonly` becomes `inactive`.
pub fn hold(sdp: &Sdp<'_>) -> Sdp<'static> {
    with_directions(sdp, |d| Direction::from_flags(d.sends(), false))
}

/// The re-offer that takes `sdp`'s streams off hold: `sendonly` becomes `sendrecv`,
/// `inactive` becomes `recvonly`.
pub fn resume(sdp: &Sdp<'_>) -> Sdp<'static> {
    with_directions(sdp, |d| Direction::from_flags(d.sends(), true))
}

#[cfg(test)]
mod tests {
    use super::increment;

    #[test]
    fn increment_carries() {
        assert_eq!(increment("2890844526"), "2890844527");
        assert_eq!(increment("99"), "100");
        assert_eq!(increment("x"), "x");
    }
}
