//! SDP (`sip_core::sdp`): parse into plain owned records, write back, offer/answer.
//!
//! A parsed [`SdpSession`] keeps every line's fields as written (origin, connection,
//! bandwidths, timing, the attributes in wire form), so writing it back unmodified
//! gives the input byte for byte; it also carries the typed view `sip-core` derives
//! (codecs, direction, ICE, DTLS fingerprints, SDES keys), which is read-only: to
//! change an SDP, change the wire fields (`attributes`, `port`, ...) and write it (in
//! Kotlin with `copy`, in Python with `replace`); the typed views of an edited record
//! are not recomputed, parse the written text for them.

use std::borrow::Cow;

use sip_core::sdp::offer_answer::{
    self, CodecCapability, CodecOrder, CryptoCapability, LocalCapabilities, MediaCapability,
};
use sip_core::sdp::{self, Attribute, TypedAttribute};

use crate::VoipkitError;

impl From<sdp::Error> for VoipkitError {
    fn from(err: sdp::Error) -> Self {
        let line = err.line().unwrap_or(0) as u64;
        let kind = err.kind().to_owned();
        let reason = match err {
            sdp::Error::Parse { kind, .. } => kind.to_string(),
            sdp::Error::Body { offset, reason } => format!("SIP body at byte {offset}: {reason}"),
            sdp::Error::Negotiation(kind) => format!("offer/answer: {kind}"),
            other => other.to_string(),
        };
        VoipkitError::Sdp { kind, line, reason }
    }
}

fn invalid(reason: impl Into<String>) -> VoipkitError {
    VoipkitError::Sdp {
        kind: "invalid".into(),
        line: 0,
        reason: reason.into(),
    }
}

/// `o=`: who created the session, and its id and version.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpOrigin {
    /// User name (`-` when none).
    pub username: String,
    /// Session id (digits).
    pub session_id: String,
    /// Session version (digits; a re-offer increments it).
    pub session_version: String,
    /// `IN`.
    pub network_type: String,
    /// `IP4` or `IP6`.
    pub address_type: String,
    /// The creator's address.
    pub address: String,
}

/// `c=`: a connection address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpConnection {
    /// `IN`.
    pub network_type: String,
    /// `IP4` or `IP6`.
    pub address_type: String,
    /// The address (`0.0.0.0` for RFC 2543 hold).
    pub address: String,
    /// Multicast TTL.
    pub ttl: Option<u8>,
    /// Number of multicast addresses.
    pub count: Option<u32>,
}

/// `b=`: a bandwidth.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpBandwidth {
    /// `AS`, `CT`, `TIAS`, ...
    pub bw_type: String,
    /// The value (kbit/s for `AS` and `CT`).
    pub value: u64,
}

/// `t=` with its `r=` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpTiming {
    /// Start time (NTP seconds; 0 for unbounded).
    pub start: u64,
    /// Stop time (NTP seconds; 0 for unbounded).
    pub stop: u64,
    /// The `r=` lines' values, verbatim.
    pub repeats: Vec<String>,
}

/// `a=`: one attribute in wire form (`a=<name>` or `a=<name>:<value>`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpAttribute {
    /// The name (`rtpmap`, `sendrecv`, `candidate`, ...).
    pub name: String,
    /// The value after the first `:`, if the line has one.
    pub value: Option<String>,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl SdpAttribute {
    #[new]
    #[pyo3(signature = (name, value = None))]
    fn py_new(name: String, value: Option<String>) -> Self {
        Self { name, value }
    }
}

/// A codec of a media section: a payload type with its `rtpmap`/`fmtp`, or a static
/// payload type's defaults (RFC 3551).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpCodec {
    /// The payload type.
    pub payload_type: u8,
    /// The encoding name as written (`PCMU`, `opus`, `telephone-event`).
    pub name: String,
    /// The clock rate, Hz.
    pub clock_rate: u32,
    /// The channel count, if stated.
    pub channels: Option<u16>,
    /// The `fmtp` parameters, verbatim.
    pub fmtp: Option<String>,
}

/// `a=fingerprint`: a DTLS certificate fingerprint (RFC 8122).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpFingerprint {
    /// The hash function (`sha-256`).
    pub hash: String,
    /// The fingerprint (colon-separated hex).
    pub value: String,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl SdpFingerprint {
    #[new]
    fn py_new(hash: String, value: String) -> Self {
        Self { hash, value }
    }
}

/// `a=candidate`: an ICE candidate (RFC 8839).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpCandidate {
    /// The foundation.
    pub foundation: String,
    /// The component (1 for RTP, 2 for RTCP).
    pub component: u16,
    /// `udp`, `tcp`, ...
    pub transport: String,
    /// The priority.
    pub priority: u64,
    /// The connection address.
    pub address: String,
    /// The port.
    pub port: u16,
    /// `host`, `srflx`, `prflx`, `relay`, or another type as written.
    pub kind: String,
    /// `raddr`.
    pub related_address: Option<String>,
    /// `rport`.
    pub related_port: Option<u16>,
}

/// `a=crypto`: an SDES key (RFC 4568).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpCrypto {
    /// The tag.
    pub tag: u32,
    /// The crypto suite (`AES_CM_128_HMAC_SHA1_80`).
    pub suite: String,
    /// The key parameters (`inline:...`).
    pub key_params: String,
    /// Session parameters, verbatim.
    pub session_params: Option<String>,
}

/// One media section (`m=` and what follows it).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpMedia {
    /// `audio`, `video`, `application`, ...
    pub media: String,
    /// The port (0: rejected or disabled).
    pub port: u16,
    /// The port count after `/`, if written.
    pub port_count: Option<u16>,
    /// `RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF`, ...
    pub protocol: String,
    /// The formats (payload type numbers for RTP), in order.
    pub formats: Vec<String>,
    /// `i=`.
    pub title: Option<String>,
    /// `c=` lines of the section.
    pub connections: Vec<SdpConnection>,
    /// `b=` lines of the section.
    pub bandwidths: Vec<SdpBandwidth>,
    /// `k=`.
    pub key: Option<String>,
    /// The section's attributes in wire order.
    pub attributes: Vec<SdpAttribute>,
    /// Typed view: the codecs of the formats, in `m=` order.
    pub codecs: Vec<SdpCodec>,
    /// Typed view: the direction: the section's, else the session's, else `SendRecv`.
    pub direction: SdpDirection,
    /// Typed view: the connection address that applies (the section's, else the
    /// session's).
    pub connection_address: Option<String>,
    /// Typed view: `a=mid`.
    pub mid: Option<String>,
    /// Typed view: `a=ptime` in whole milliseconds (`None` for a fraction such as
    /// AES67's `0.125`: see `packet_time_ns`).
    pub ptime: Option<u32>,
    /// Typed view: `a=ptime` in nanoseconds, exactly as written (`0.125` ms is 125000).
    pub packet_time_ns: Option<u64>,
    /// Typed view: whether `a=rtcp-mux` is present.
    pub rtcp_mux: bool,
    /// Typed view: the section's `a=ice-ufrag`.
    pub ice_ufrag: Option<String>,
    /// Typed view: the section's `a=ice-pwd`.
    pub ice_pwd: Option<String>,
    /// Typed view: the section's ICE candidates.
    pub candidates: Vec<SdpCandidate>,
    /// Typed view: the section's DTLS fingerprints.
    pub fingerprints: Vec<SdpFingerprint>,
    /// Typed view: the section's `a=setup`.
    pub setup: Option<SdpSetup>,
    /// Typed view: the section's SDES keys.
    pub crypto: Vec<SdpCrypto>,
    /// Typed view: a data channel section's `a=sctp-port` (RFC 8841).
    pub sctp_port: Option<u16>,
    /// Typed view: a data channel section's `a=max-message-size` in bytes (0: no limit).
    pub max_message_size: Option<u64>,
}

/// A whole SDP (RFC 8866) as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpSession {
    /// `o=`.
    pub origin: SdpOrigin,
    /// `s=`.
    pub session_name: String,
    /// `i=`.
    pub information: Option<String>,
    /// `u=`.
    pub uri: Option<String>,
    /// `e=` lines.
    pub emails: Vec<String>,
    /// `p=` lines.
    pub phones: Vec<String>,
    /// Session-level `c=`.
    pub connection: Option<SdpConnection>,
    /// Session-level `b=` lines.
    pub bandwidths: Vec<SdpBandwidth>,
    /// `t=` lines with their `r=` lines.
    pub times: Vec<SdpTiming>,
    /// `z=`, verbatim.
    pub time_zones: Option<String>,
    /// Session-level `k=`.
    pub key: Option<String>,
    /// Session-level attributes in wire order.
    pub attributes: Vec<SdpAttribute>,
    /// The media sections.
    pub media: Vec<SdpMedia>,
    /// Whether lines end with CRLF (as RFC 8866 prescribes); else LF alone (an SDP read
    /// with CR alone, under the `cr_line_ends` quirk, is written back with LF).
    pub crlf: bool,
    /// Whether the last line ends with a line ending.
    pub final_line_ending: bool,
    /// GB/T 28181's `y=` line (the stream's SSRC as ten decimal digits), read with the
    /// `gb28181_lines` quirk; written at the end of the description.
    pub gb28181_ssrc: Option<String>,
    /// GB/T 28181's `f=` line (the media parameters), read with the `gb28181_lines`
    /// quirk; written at the end of the description.
    pub gb28181_format: Option<String>,
    /// Typed view: session-level `a=ice-ufrag`.
    pub ice_ufrag: Option<String>,
    /// Typed view: session-level `a=ice-pwd`.
    pub ice_pwd: Option<String>,
    /// Typed view: whether `a=ice-lite` is present.
    pub ice_lite: bool,
    /// Typed view: session-level DTLS fingerprints.
    pub fingerprints: Vec<SdpFingerprint>,
    /// Typed view: session-level `a=setup`.
    pub setup: Option<SdpSetup>,
    /// Typed view: the RTP SSRC that `gb28181_ssrc` gives, when it is such a number.
    pub gb28181_rtp_ssrc: Option<u32>,
}

// Python: `replace(**changes)` on the SDP records gives a copy with wire fields changed
// (the records are frozen, as every record of these bindings is). Kotlin has `copy`.
macro_rules! py_replace {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        #[cfg(feature = "python")]
        #[pyo3::pymethods]
        impl $ty {
            /// A copy with the fields named by the keyword arguments changed.
            #[pyo3(signature = (**changes))]
            fn replace(
                &self,
                changes: Option<&pyo3::Bound<'_, pyo3::types::PyDict>>,
            ) -> pyo3::PyResult<Self> {
                use pyo3::types::{PyAnyMethods, PyDictMethods};
                let mut out = self.clone();
                for (key, value) in changes.into_iter().flat_map(|c| c.iter()) {
                    let key: String = key.extract()?;
                    match key.as_str() {
                        $(stringify!($field) => out.$field = value.extract()?,)*
                        other => {
                            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                                "{} has no wire field {other:?}",
                                stringify!($ty)
                            )));
                        }
                    }
                }
                Ok(out)
            }
        }
    };
}

py_replace!(SdpOrigin {
    username,
    session_id,
    session_version,
    network_type,
    address_type,
    address
});
py_replace!(SdpConnection {
    network_type,
    address_type,
    address,
    ttl,
    count
});
py_replace!(SdpBandwidth { bw_type, value });
py_replace!(SdpTiming {
    start,
    stop,
    repeats
});
py_replace!(SdpMedia {
    media,
    port,
    port_count,
    protocol,
    formats,
    title,
    connections,
    bandwidths,
    key,
    attributes
});
py_replace!(SdpSession {
    origin,
    session_name,
    information,
    uri,
    emails,
    phones,
    connection,
    bandwidths,
    times,
    time_zones,
    key,
    attributes,
    media,
    crlf,
    final_line_ending,
    gb28181_ssrc,
    gb28181_format
});

fn text(c: &str) -> String {
    c.to_owned()
}

fn opt(c: &Option<Cow<'_, str>>) -> Option<String> {
    c.as_deref().map(text)
}

fn connection(c: &sdp::Connection<'_>) -> SdpConnection {
    SdpConnection {
        network_type: text(&c.network_type),
        address_type: text(&c.address_type),
        address: text(&c.address),
        ttl: c.ttl,
        count: c.count,
    }
}

fn bandwidth(b: &sdp::Bandwidth<'_>) -> SdpBandwidth {
    SdpBandwidth {
        bw_type: text(&b.bw_type),
        value: b.value,
    }
}

fn attribute(a: &Attribute<'_>) -> SdpAttribute {
    SdpAttribute {
        name: text(&a.name),
        value: opt(&a.value),
    }
}

fn codec(c: &sdp::Codec<'_>) -> SdpCodec {
    SdpCodec {
        payload_type: c.payload_type,
        name: text(&c.name),
        clock_rate: c.clock_rate,
        channels: c.channels,
        fmtp: opt(&c.fmtp),
    }
}

fn candidate(c: &sdp::Candidate<'_>) -> SdpCandidate {
    SdpCandidate {
        foundation: text(&c.foundation),
        component: c.component,
        transport: text(&c.transport),
        priority: c.priority,
        address: text(&c.address),
        port: c.port,
        kind: c.kind.as_str().to_owned(),
        related_address: opt(&c.related_address),
        related_port: c.related_port,
    }
}

fn fingerprint(f: &sdp::Fingerprint<'_>) -> SdpFingerprint {
    SdpFingerprint {
        hash: text(&f.hash),
        value: text(&f.value),
    }
}

/// The typed ICE/DTLS/SDES attributes of one level (session or media section).
#[derive(Default)]
struct Security {
    ice_ufrag: Option<String>,
    ice_pwd: Option<String>,
    ice_lite: bool,
    candidates: Vec<SdpCandidate>,
    fingerprints: Vec<SdpFingerprint>,
    setup: Option<SdpSetup>,
    crypto: Vec<SdpCrypto>,
    sctp_port: Option<u16>,
    max_message_size: Option<u64>,
}

fn security(attributes: &[Attribute<'_>]) -> Security {
    let mut s = Security::default();
    // An attribute whose value does not read is left out of the typed views (it is in
    // `attributes` as written).
    for a in attributes.iter().filter_map(|a| a.typed().ok()) {
        match a {
            TypedAttribute::IceUfrag(u) => s.ice_ufrag = Some(text(&u)),
            TypedAttribute::IcePwd(p) => s.ice_pwd = Some(text(&p)),
            TypedAttribute::IceLite => s.ice_lite = true,
            TypedAttribute::Candidate(c) => s.candidates.push(candidate(&c)),
            TypedAttribute::SctpPort(p) => s.sctp_port = Some(p),
            TypedAttribute::MaxMessageSize(n) => s.max_message_size = Some(n),
            TypedAttribute::Fingerprint(f) => s.fingerprints.push(fingerprint(&f)),
            TypedAttribute::Setup(r) => s.setup = SdpSetup::from_name(r.as_str()),
            TypedAttribute::Crypto(c) => s.crypto.push(SdpCrypto {
                tag: c.tag,
                suite: text(&c.suite),
                key_params: text(&c.key_params),
                session_params: opt(&c.session_params),
            }),
            _ => {}
        }
    }
    s
}

fn media(m: &sdp::Media<'_>, session: &sdp::Sdp<'_>) -> SdpMedia {
    let sec = security(&m.attributes);
    SdpMedia {
        media: text(&m.media),
        port: m.port,
        port_count: m.port_count,
        protocol: text(&m.protocol),
        formats: m.formats.iter().map(|c| text(c)).collect(),
        title: opt(&m.title),
        connections: m.connections.iter().map(connection).collect(),
        bandwidths: m.bandwidths.iter().map(bandwidth).collect(),
        key: opt(&m.key),
        attributes: m.attributes.iter().map(attribute).collect(),
        codecs: m.codecs().map(|c| codec(&c)).collect(),
        direction: m.direction(session).into(),
        connection_address: m.connection(session).map(|c| text(&c.address)),
        mid: m.mid().map(str::to_owned),
        ptime: m.ptime(),
        packet_time_ns: m
            .packet_time()
            .map(|p| u64::try_from(p.as_duration().as_nanos()).unwrap_or(u64::MAX)),
        rtcp_mux: m.has_rtcp_mux(),
        ice_ufrag: sec.ice_ufrag,
        ice_pwd: sec.ice_pwd,
        candidates: sec.candidates,
        fingerprints: sec.fingerprints,
        setup: sec.setup,
        crypto: sec.crypto,
        sctp_port: sec.sctp_port,
        max_message_size: sec.max_message_size,
    }
}

pub(crate) fn session(s: &sdp::Sdp<'_>) -> SdpSession {
    let sec = security(&s.attributes);
    SdpSession {
        origin: SdpOrigin {
            username: text(&s.origin.username),
            session_id: text(&s.origin.session_id),
            session_version: text(&s.origin.session_version),
            network_type: text(&s.origin.network_type),
            address_type: text(&s.origin.address_type),
            address: text(&s.origin.address),
        },
        session_name: text(&s.session_name),
        information: opt(&s.information),
        uri: opt(&s.uri),
        emails: s.emails.iter().map(|c| text(c)).collect(),
        phones: s.phones.iter().map(|c| text(c)).collect(),
        connection: s.connection.as_ref().map(connection),
        bandwidths: s.bandwidths.iter().map(bandwidth).collect(),
        times: s
            .times
            .iter()
            .map(|t| SdpTiming {
                start: t.start,
                stop: t.stop,
                repeats: t.repeats.iter().map(|c| text(c)).collect(),
            })
            .collect(),
        time_zones: opt(&s.time_zones),
        key: opt(&s.key),
        attributes: s.attributes.iter().map(attribute).collect(),
        media: s.media.iter().map(|m| media(m, s)).collect(),
        crlf: s.line_ending == sdp::LineEnding::Crlf,
        final_line_ending: s.final_line_ending,
        ice_ufrag: sec.ice_ufrag,
        ice_pwd: sec.ice_pwd,
        ice_lite: sec.ice_lite,
        fingerprints: sec.fingerprints,
        setup: sec.setup,
        gb28181_ssrc: opt(&s.gb28181_ssrc),
        gb28181_format: opt(&s.gb28181_format),
        gb28181_rtp_ssrc: s.gb28181_rtp_ssrc(),
    }
}

fn owned(s: &str) -> Cow<'static, str> {
    Cow::Owned(s.to_owned())
}

fn owned_opt(s: &Option<String>) -> Option<Cow<'static, str>> {
    s.as_deref().map(owned)
}

fn core_connection(c: &SdpConnection) -> sdp::Connection<'static> {
    sdp::Connection {
        network_type: owned(&c.network_type),
        address_type: owned(&c.address_type),
        address: owned(&c.address),
        ttl: c.ttl,
        count: c.count,
    }
}

fn core_bandwidth(b: &SdpBandwidth) -> sdp::Bandwidth<'static> {
    sdp::Bandwidth {
        bw_type: owned(&b.bw_type),
        value: b.value,
    }
}

// Attributes go to the writer verbatim; the written text is parsed again, which checks
// the known ones against their grammar.
fn core_attribute(a: &SdpAttribute) -> Attribute<'static> {
    Attribute {
        name: owned(&a.name),
        value: owned_opt(&a.value),
    }
}

fn core_media(m: &SdpMedia) -> sdp::Media<'static> {
    sdp::Media {
        media: owned(&m.media),
        port: m.port,
        port_count: m.port_count,
        protocol: owned(&m.protocol),
        formats: m.formats.iter().map(|f| owned(f)).collect(),
        title: owned_opt(&m.title),
        connections: m.connections.iter().map(core_connection).collect(),
        bandwidths: m.bandwidths.iter().map(core_bandwidth).collect(),
        key: owned_opt(&m.key),
        attributes: m.attributes.iter().map(core_attribute).collect(),
    }
}

/// The wire text of `session`'s wire fields (the typed views are not read).
fn write(session: &SdpSession) -> Result<String, VoipkitError> {
    let s = sdp::Sdp {
        origin: sdp::Origin {
            username: owned(&session.origin.username),
            session_id: owned(&session.origin.session_id),
            session_version: owned(&session.origin.session_version),
            network_type: owned(&session.origin.network_type),
            address_type: owned(&session.origin.address_type),
            address: owned(&session.origin.address),
        },
        session_name: owned(&session.session_name),
        information: owned_opt(&session.information),
        uri: owned_opt(&session.uri),
        emails: session.emails.iter().map(|e| owned(e)).collect(),
        phones: session.phones.iter().map(|p| owned(p)).collect(),
        connection: session.connection.as_ref().map(core_connection),
        bandwidths: session.bandwidths.iter().map(core_bandwidth).collect(),
        times: session
            .times
            .iter()
            .map(|t| sdp::Timing {
                start: t.start,
                stop: t.stop,
                repeats: t.repeats.iter().map(|r| owned(r)).collect(),
            })
            .collect(),
        time_zones: owned_opt(&session.time_zones),
        key: owned_opt(&session.key),
        attributes: session.attributes.iter().map(core_attribute).collect(),
        media: session.media.iter().map(core_media).collect(),
        line_ending: if session.crlf {
            sdp::LineEnding::Crlf
        } else {
            sdp::LineEnding::Lf
        },
        final_line_ending: session.final_line_ending,
        gb28181_ssrc: owned_opt(&session.gb28181_ssrc),
        gb28181_format: owned_opt(&session.gb28181_format),
    };
    let text = s.to_string();
    // Strict RFC 8866, but for GB/T 28181's own lines when the session has them.
    let gb28181 = s.gb28181_ssrc.is_some() || s.gb28181_format.is_some();
    let quirks = if gb28181 {
        sdp::Quirks::NONE.with(sdp::Quirk::Gb28181Lines)
    } else {
        sdp::Quirks::NONE
    };
    sdp::Parser::new().quirks(quirks).parse(&text)?;
    Ok(text)
}

/// Parses an SDP body (RFC 8866, strict grammar) into plain data.
///
/// # Errors
/// [`VoipkitError::Sdp`] with the 1-based line and the reason.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_parse(text: String) -> Result<SdpSession, VoipkitError> {
    crate::guard(|| Ok(session(&sdp::parse(&text)?)))
}

/// A quirk of deployed equipment met while reading an SDP tolerantly.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SdpDiagnostic {
    /// The 1-based line (0 for the input as a whole).
    pub line: u64,
    /// The byte offset of that line in the input.
    pub offset: u64,
    /// The quirk's name (`blank_lines`, `trailing_whitespace`,
    /// `space_after_attribute_colon`, `lines_out_of_order`, `malformed_attribute`,
    /// `empty_body`, `decimal_clock_rate`, `cr_line_ends`, `non_utf8_text`,
    /// `address_type_mismatch`, `leading_whitespace`, `stray_line`, `malformed_origin`,
    /// `malformed_connection`, `missing_session_name`, `cut_last_line`,
    /// `unclosed_multipart`, `lf_multipart`, `byte_order_mark`, `missing_formats`,
    /// `concatenated_descriptions`, `missing_clock_rate`, `missing_origin`,
    /// `short_connection`, `malformed_time`, `empty_repeat`, `gb28181_lines`,
    /// `missing_mid`).
    pub quirk: String,
    /// What a strict reading reports there.
    pub reason: String,
}

/// An SDP read tolerantly, with the quirks met.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SdpReading {
    /// The session; `None` for a text that is empty or holds only blank lines and
    /// whitespace (an `empty_body` diagnostic says so), as `voipkit sdp parse` prints
    /// `sdp: null`.
    pub session: Option<SdpSession>,
    /// Each quirk met, in input order; empty for a strictly valid SDP.
    pub diagnostics: Vec<SdpDiagnostic>,
}

/// Reads an SDP body tolerantly, as `voipkit sdp parse` does: every quirk of deployed
/// equipment and browsers (blank lines, trailing whitespace, `a=rtpmap: 0 PCMU/8000`,
/// a clock rate of `8000.0`, lines out of order, a malformed known attribute kept
/// verbatim) is accepted and listed. [`sdp_parse`] is the strict reading.
///
/// A text that is empty or holds only blank lines and whitespace (an empty body declared
/// as `application/sdp`) holds no session: `session` is `None`, with an `empty_body`
/// diagnostic.
///
/// # Errors
/// [`VoipkitError::Sdp`] with the 1-based line and the reason for what no quirk covers.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_read(text: String) -> Result<SdpReading, VoipkitError> {
    crate::guard(|| {
        let parser = sdp::Parser::new().quirks(sdp::Quirks::ALL);
        let mut notes = Vec::new();
        let parsed = parser.parse_body_with_diagnostics(text.as_bytes(), &mut notes)?;
        Ok(SdpReading {
            session: parsed.as_ref().map(session),
            diagnostics: diagnostics(&notes),
        })
    })
}

/// A trickle-ICE SDP fragment (RFC 8840 9.2, `application/trickle-ice-sdpfrag`: the body
/// of a SIP INFO of the `trickle-ice` package and of a WHIP or WHEP PATCH) as plain data:
/// wire fields, then the typed view of its session-level credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpFragment {
    /// Session-level attributes in wire order (`a=ice-ufrag`, `a=ice-pwd`,
    /// `a=ice-options`, `a=group`, ...).
    pub attributes: Vec<SdpAttribute>,
    /// The media sections, each an `m=` line and its attributes (`a=mid` naming the
    /// section of the session it belongs to, `a=candidate` lines; its `candidates` and
    /// `mid` typed).
    pub media: Vec<SdpMedia>,
    /// Whether lines end with CRLF; else LF alone.
    pub crlf: bool,
    /// Whether the last line ends with a line ending.
    pub final_line_ending: bool,
    /// Typed view: session-level `a=ice-ufrag`.
    pub ice_ufrag: Option<String>,
    /// Typed view: session-level `a=ice-pwd`.
    pub ice_pwd: Option<String>,
}

py_replace!(SdpFragment {
    attributes,
    media,
    crlf,
    final_line_ending
});

/// A trickle-ICE fragment read tolerantly, with the quirks met.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SdpFragmentReading {
    /// The fragment.
    pub fragment: SdpFragment,
    /// Each quirk met, in input order; empty for a strictly valid fragment.
    pub diagnostics: Vec<SdpDiagnostic>,
}

pub(crate) fn fragment(f: &sdp::Fragment<'_>) -> SdpFragment {
    // The session a fragment's media sections belong to, as far as the fragment tells
    // (its session-level attributes, for the sections' direction).
    let session = sdp::Sdp {
        attributes: f.attributes.clone(),
        ..sdp::Sdp::default()
    };
    let sec = security(&f.attributes);
    SdpFragment {
        attributes: f.attributes.iter().map(attribute).collect(),
        media: f.media.iter().map(|m| media(m, &session)).collect(),
        crlf: f.line_ending == sdp::LineEnding::Crlf,
        final_line_ending: f.final_line_ending,
        ice_ufrag: sec.ice_ufrag,
        ice_pwd: sec.ice_pwd,
    }
}

fn diagnostics(notes: &[sdp::Diagnostic]) -> Vec<SdpDiagnostic> {
    notes
        .iter()
        .map(|d| SdpDiagnostic {
            line: d.line as u64,
            offset: d.offset as u64,
            quirk: d.quirk.name().to_owned(),
            reason: d.reason.clone(),
        })
        .collect()
}

/// Parses a trickle-ICE SDP fragment (RFC 8840 9.2, strict grammar: `a=` and `m=` lines,
/// each by RFC 8866's rules) into plain data.
///
/// # Errors
/// [`VoipkitError::Sdp`] with the 1-based line and the reason.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_parse_fragment(text: String) -> Result<SdpFragment, VoipkitError> {
    crate::guard(|| Ok(fragment(&sdp::parse_fragment(&text)?)))
}

/// Reads a trickle-ICE SDP fragment tolerantly (`voipkit sdp parse --fragment`): the
/// quirks of line shape of deployed equipment (blank lines, trailing whitespace, a
/// malformed known attribute kept verbatim, ...) are accepted and listed.
///
/// # Errors
/// [`VoipkitError::Sdp`] with the 1-based line and the reason for what no quirk covers.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_read_fragment(text: String) -> Result<SdpFragmentReading, VoipkitError> {
    crate::guard(|| {
        let parser = sdp::Parser::new().quirks(sdp::Quirks::ALL);
        let mut notes = Vec::new();
        let f = parser.parse_fragment_with_diagnostics(&text, &mut notes)?;
        Ok(SdpFragmentReading {
            fragment: fragment(&f),
            diagnostics: diagnostics(&notes),
        })
    })
}

/// Writes a trickle-ICE SDP fragment from its wire fields (the typed views are ignored),
/// as a WHIP or WHEP client's PATCH body or a trickle-ICE INFO's; a parsed fragment written
/// back unmodified gives its input byte for byte.
///
/// # Errors
/// [`VoipkitError::Sdp`] with the line of the written text that breaks the fragment
/// grammar (a media section with a connection line or without the `a=mid` RFC 8840
/// requires, a malformed known attribute, ...).
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_write_fragment(fragment: SdpFragment) -> Result<String, VoipkitError> {
    crate::guard(|| {
        let f = sdp::Fragment {
            attributes: fragment.attributes.iter().map(core_attribute).collect(),
            media: fragment.media.iter().map(core_media).collect(),
            line_ending: if fragment.crlf {
                sdp::LineEnding::Crlf
            } else {
                sdp::LineEnding::Lf
            },
            final_line_ending: fragment.final_line_ending,
        };
        let text = f.to_string();
        sdp::parse_fragment(&text)?;
        Ok(text)
    })
}

/// The session descriptions of a text that holds one or more one after another (a
/// second `v=` line starts another, RFC 8866 5; as a test array or a log file may keep
/// them), in order: put together they give `text` again. Each reads on its own with
/// [`sdp_parse`] or [`sdp_read`]; a text without a second `v=` line is one description.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_descriptions(text: String) -> Vec<String> {
    sdp::descriptions(&text).map(str::to_owned).collect()
}

/// Writes an SDP from its wire fields (the typed views are ignored). A parsed session
/// written back unmodified gives its input byte for byte.
///
/// # Errors
/// [`VoipkitError::Sdp`] with the line of the written text that breaks the grammar
/// (a line break inside a field, a malformed known attribute, ...). The text is held
/// to strict RFC 8866, but for GB/T 28181's `y=` and `f=` lines, written (at the end)
/// when `gb28181_ssrc` or `gb28181_format` is set and held to their own shape.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_write(session: SdpSession) -> Result<String, VoipkitError> {
    crate::guard(|| write(&session))
}

/// A codec we can use, for answering offers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpCodecCapability {
    /// Encoding name (compared case-insensitively): `PCMU`, `opus`, `telephone-event`.
    pub name: String,
    /// RTP clock rate, Hz.
    pub clock_rate: u32,
    /// Channels (absent means one).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub channels: Option<u16>,
    /// Our `fmtp` parameters (the offer's are mirrored when absent).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub fmtp: Option<String>,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl SdpCodecCapability {
    #[new]
    #[pyo3(signature = (name, clock_rate, channels = None, fmtp = None))]
    fn py_new(name: String, clock_rate: u32, channels: Option<u16>, fmtp: Option<String>) -> Self {
        Self {
            name,
            clock_rate,
            channels,
            fmtp,
        }
    }
}

/// An SRTP master key we offer for one crypto suite (RFC 4568).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpCryptoCapability {
    /// The crypto suite (`AES_CM_128_HMAC_SHA1_80`).
    pub suite: String,
    /// Our key parameters (`inline:<base64 key and salt>`).
    pub key_params: String,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl SdpCryptoCapability {
    #[new]
    fn py_new(suite: String, key_params: String) -> Self {
        Self { suite, key_params }
    }
}

/// What we can do for one kind of media stream.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpMediaCapability {
    /// `audio`, `video`, ...
    pub media: String,
    /// Our RTP port.
    pub port: u16,
    /// Codecs in our order of preference.
    pub codecs: Vec<SdpCodecCapability>,
    /// Our address for this stream when it differs from the session address.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub address: Option<String>,
    /// Transport protocols we accept; empty means `RTP/AVP` only.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub protocols: Vec<String>,
    /// The direction we want. Python defaults it to `SendRecv`; Kotlin names it (a
    /// uniffi record gives an enum field no default).
    pub direction: SdpDirection,
    /// Our `a=ptime`, ms.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub ptime: Option<u32>,
    /// Whether we accept `a=rtcp-mux`.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub rtcp_mux: bool,
    /// RTCP feedback we accept, as `type[ param]` (`nack`, `nack pli`).
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub rtcp_feedback: Vec<String>,
    /// Header extension URIs we accept.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub extmap_uris: Vec<String>,
    /// SDES keys by suite, for `RTP/SAVP` offers with `a=crypto`.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub crypto: Vec<SdpCryptoCapability>,
    /// Our DTLS fingerprint, for offers with `a=fingerprint`.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub fingerprint: Option<SdpFingerprint>,
    /// Our ICE user fragment (with `ice_pwd`), for offers with ICE.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub ice_ufrag: Option<String>,
    /// Our ICE password (with `ice_ufrag`).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub ice_pwd: Option<String>,
    /// Our ICE candidates, as `a=candidate:` writes them (`candidate:` or `a=` in front
    /// is taken too: `1 1 udp 2130706431 192.0.2.10 40000 typ host`), written after our
    /// credentials with `a=end-of-candidates`; they need `ice_ufrag` and `ice_pwd`.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub candidates: Vec<String>,
    /// Our SCTP port: set, this capability answers a WebRTC data channel section
    /// (`m=application ... UDP/DTLS/SCTP webrtc-datachannel`, RFC 8841; media
    /// `application`, protocols `UDP/DTLS/SCTP` and `TCP/DTLS/SCTP` when none are
    /// given, no codecs, a fingerprint needed) and no RTP stream.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub sctp_port: Option<u16>,
    /// Our `a=max-message-size` for a data channel, bytes (0: no limit).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_message_size: Option<u64>,
    /// Whether we receive the simulcast an offer sends (RFC 8853, an SFU): the answer
    /// names the offered RTP streams with `a=rid:<id> recv` and lists them in
    /// `a=simulcast:recv`; without it the offerer sends one stream.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub simulcast: bool,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl SdpMediaCapability {
    #[new]
    #[pyo3(signature = (
        media, port, codecs, address = None, protocols = Vec::new(), direction = SdpDirection::SendRecv,
        ptime = None, rtcp_mux = false, rtcp_feedback = Vec::new(), extmap_uris = Vec::new(),
        crypto = Vec::new(), fingerprint = None, ice_ufrag = None, ice_pwd = None,
        candidates = Vec::new(), sctp_port = None, max_message_size = None, simulcast = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        media: String,
        port: u16,
        codecs: Vec<SdpCodecCapability>,
        address: Option<String>,
        protocols: Vec<String>,
        direction: SdpDirection,
        ptime: Option<u32>,
        rtcp_mux: bool,
        rtcp_feedback: Vec<String>,
        extmap_uris: Vec<String>,
        crypto: Vec<SdpCryptoCapability>,
        fingerprint: Option<SdpFingerprint>,
        ice_ufrag: Option<String>,
        ice_pwd: Option<String>,
        candidates: Vec<String>,
        sctp_port: Option<u16>,
        max_message_size: Option<u64>,
        simulcast: bool,
    ) -> Self {
        Self {
            media,
            port,
            codecs,
            address,
            protocols,
            direction,
            ptime,
            rtcp_mux,
            rtcp_feedback,
            extmap_uris,
            crypto,
            fingerprint,
            ice_ufrag,
            ice_pwd,
            candidates,
            sctp_port,
            max_message_size,
            simulcast,
        }
    }
}

/// Everything needed to answer an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SdpCapabilities {
    /// `o=` user name.
    pub username: String,
    /// Our media address (`c=` and `o=`; IPv6 when it contains `:`).
    pub address: String,
    /// Media capabilities; each answers at most one offered stream.
    pub media: Vec<SdpMediaCapability>,
    /// `o=` session id (digits).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0"))]
    pub session_id: String,
    /// `o=` session version (digits).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0"))]
    pub session_version: String,
    /// `s=`.
    #[cfg_attr(feature = "uniffi", uniffi(default = "-"))]
    pub session_name: String,
    /// Whose codec order the answer follows: `offerer` (RFC 3264 §6.1) or `answerer`.
    #[cfg_attr(feature = "uniffi", uniffi(default = "offerer"))]
    pub codec_order: String,
    /// Whether we are an ICE-lite agent: `a=ice-lite` in an answer that answers ICE and
    /// in an offer whose sections all have ICE.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub ice_lite: bool,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl SdpCapabilities {
    #[new]
    #[pyo3(signature = (
        username, address, media, session_id = "0".to_owned(), session_version = "0".to_owned(),
        session_name = "-".to_owned(), codec_order = "offerer".to_owned(), ice_lite = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        username: String,
        address: String,
        media: Vec<SdpMediaCapability>,
        session_id: String,
        session_version: String,
        session_name: String,
        codec_order: String,
        ice_lite: bool,
    ) -> Self {
        Self {
            username,
            address,
            media,
            session_id,
            session_version,
            session_name,
            codec_order,
            ice_lite,
        }
    }
}

fn capabilities(caps: &SdpCapabilities) -> Result<LocalCapabilities, VoipkitError> {
    let mut local = LocalCapabilities::new(caps.username.clone(), caps.address.clone());
    local.session_id.clone_from(&caps.session_id);
    local.session_version.clone_from(&caps.session_version);
    local.session_name.clone_from(&caps.session_name);
    local.ice_lite = caps.ice_lite;
    local.codec_order = match caps.codec_order.as_str() {
        "offerer" => CodecOrder::Offerer,
        "answerer" => CodecOrder::Answerer,
        other => {
            return Err(invalid(format!(
                "codec order {other:?} is not offerer or answerer"
            )));
        }
    };
    for m in &caps.media {
        let codecs = m
            .codecs
            .iter()
            .map(|c| CodecCapability {
                name: c.name.clone(),
                clock_rate: c.clock_rate,
                channels: c.channels,
                fmtp: c.fmtp.clone(),
            })
            .collect();
        let mut cap = match m.sctp_port {
            Some(sctp) => MediaCapability {
                media: m.media.clone(),
                codecs,
                ..MediaCapability::data_channel(m.port, sctp)
            },
            None => MediaCapability::new(m.media.clone(), m.port, codecs),
        };
        cap.max_message_size = m.max_message_size;
        cap.simulcast = m.simulcast;
        cap.candidates = m
            .candidates
            .iter()
            .map(|c| {
                sdp::Candidate::parse(c)
                    .map(sdp::Candidate::into_owned)
                    .map_err(|e| invalid(format!("candidate {c:?}: {e}")))
            })
            .collect::<Result<_, _>>()?;
        cap.address.clone_from(&m.address);
        if !m.protocols.is_empty() {
            cap.protocols.clone_from(&m.protocols);
        }
        cap.direction = m.direction.into();
        cap.ptime = m.ptime;
        cap.rtcp_mux = m.rtcp_mux;
        cap.rtcp_feedback.clone_from(&m.rtcp_feedback);
        cap.extmap_uris.clone_from(&m.extmap_uris);
        cap.crypto = m
            .crypto
            .iter()
            .map(|c| CryptoCapability {
                suite: c.suite.clone(),
                key_params: c.key_params.clone(),
            })
            .collect();
        cap.fingerprint = m
            .fingerprint
            .as_ref()
            .map(|f| (f.hash.clone(), f.value.clone()));
        cap.ice = match (&m.ice_ufrag, &m.ice_pwd) {
            (Some(u), Some(p)) => Some((u.clone(), p.clone())),
            (None, None) => None,
            _ => return Err(invalid("ICE needs both ice_ufrag and ice_pwd")),
        };
        local.media.push(cap);
    }
    Ok(local)
}

/// An answer (or, from [`sdp_offer`], an offer): its text and the same as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SdpAnswer {
    /// The answer to send.
    pub text: String,
    /// The answer parsed.
    pub session: SdpSession,
}

impl SdpAnswer {
    /// The text and plain data of an SDP we made.
    fn of(sdp: &sdp::Sdp<'_>) -> Self {
        SdpAnswer {
            text: sdp.to_string(),
            session: session(sdp),
        }
    }
}

/// Answers `offer` from our capabilities (RFC 3264 §6): each offered stream is taken
/// by the first unused media capability of its type and protocol that shares a codec
/// with it, or rejected with port 0 in place; codecs keep the offer's payload types;
/// ICE, DTLS and SDES are answered when the offer uses them and we have them.
///
/// # Errors
/// [`VoipkitError::Sdp`] for an offer that does not parse (with its line) or
/// capabilities that cannot go into SDP (line 0).
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_answer(offer: String, capabilities: SdpCapabilities) -> Result<SdpAnswer, VoipkitError> {
    crate::guard(|| {
        let offer = sdp::parse(&offer)?;
        let answer = offer_answer::create_answer(&offer, &self::capabilities(&capabilities)?)?;
        Ok(SdpAnswer::of(&answer))
    })
}

/// Our offer from our capabilities (RFC 3264 §5): one media section per capability, in
/// order, with `mid`s `0`, `1`, ...; codecs with their static payload type or a dynamic
/// one from 96; ICE (with our candidates), DTLS (`setup:actpass`), SDES and data
/// channels when the capability has them; one BUNDLE group when every section has ICE.
/// `text` is what to send, `session` the same as plain data.
///
/// # Errors
/// [`VoipkitError::Sdp`] (line 0) for capabilities that cannot go into an offer (no
/// codecs, no protocol, text that would break the SDP).
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_offer(capabilities: SdpCapabilities) -> Result<SdpAnswer, VoipkitError> {
    crate::guard(|| {
        let offer = offer_answer::create_offer(&self::capabilities(&capabilities)?)?;
        Ok(SdpAnswer::of(&offer))
    })
}

/// SDES keys negotiated for one stream.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SdpSrtpKeys {
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
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SdpNegotiatedMedia {
    /// Index of the media section.
    pub index: u32,
    /// Media type.
    pub media: String,
    /// `a=mid`.
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
    /// Where to send RTCP: the RTP port with rtcp-mux, `a=rtcp`'s port, else RTP + 1.
    pub remote_rtcp_port: Option<u16>,
    /// Whether RTP and RTCP share the port.
    pub rtcp_mux: bool,
    /// The codec to send (not telephone-event, CN or a repair format).
    pub codec: Option<SdpCodec>,
    /// The answer's codecs that were also offered, in the answer's order.
    pub codecs: Vec<SdpCodec>,
    /// The answer's telephone-event at the chosen codec's clock rate.
    pub telephone_event: Option<SdpCodec>,
    /// The answer's `a=ptime`, ms.
    pub ptime: Option<u32>,
    /// The direction for the offerer (`SendOnly`: the offerer sends).
    pub direction: SdpDirection,
    /// Whether the answerer's address is `0.0.0.0`/`::` (RFC 2543 hold).
    pub remote_unspecified_address: bool,
    /// SDES keys, when the answer accepted an offered `a=crypto`.
    pub srtp: Option<SdpSrtpKeys>,
    /// The answerer's DTLS fingerprint.
    pub remote_fingerprint: Option<SdpFingerprint>,
    /// The answerer's DTLS role.
    pub remote_setup: Option<SdpSetup>,
    /// The answerer's ICE candidates for the stream.
    pub remote_candidates: Vec<SdpCandidate>,
    /// For a data channel section: the answerer's SCTP port.
    pub remote_sctp_port: Option<u16>,
    /// For a data channel section: the largest message the answerer can receive, bytes
    /// (0: no limit; `None`: not given, which RFC 8841 reads as 64 KB).
    pub remote_max_message_size: Option<u64>,
    /// The RTP stream ids of the simulcast the offerer sends and the answer receives
    /// (RFC 8853), in the answer's order; empty without simulcast.
    pub simulcast_rids: Vec<String>,
}

/// Applies `answer` to `offer` (RFC 3264 §7): the negotiated state of each stream from
/// the offerer's point of view.
///
/// # Errors
/// [`VoipkitError::Sdp`] for SDP that does not parse, or an answer that does not fit
/// the offer (media count or types differ).
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_apply_answer(
    offer: String,
    answer: String,
) -> Result<Vec<SdpNegotiatedMedia>, VoipkitError> {
    crate::guard(|| {
        let offer = sdp::parse(&offer)?;
        let answer = sdp::parse(&answer)?;
        Ok(offer_answer::apply_answer(&offer, &answer)?
            .iter()
            .map(|n| SdpNegotiatedMedia {
                index: u32::try_from(n.index).unwrap_or(u32::MAX),
                media: n.media.clone(),
                mid: n.mid.clone(),
                accepted: n.accepted,
                protocol: n.protocol.clone(),
                remote_address: n.remote_address.clone(),
                remote_rtp_port: n.remote_rtp_port,
                remote_rtcp_address: n.remote_rtcp_address.clone(),
                remote_rtcp_port: n.remote_rtcp_port,
                rtcp_mux: n.rtcp_mux,
                codec: n.codec.as_ref().map(codec),
                codecs: n.codecs.iter().map(codec).collect(),
                telephone_event: n.telephone_event.as_ref().map(codec),
                ptime: n.ptime,
                direction: n.direction.into(),
                remote_unspecified_address: n.remote_unspecified_address,
                srtp: n.srtp.as_ref().map(|k| SdpSrtpKeys {
                    tag: k.tag,
                    suite: k.suite.clone(),
                    offer_key_params: k.offer_key_params.clone(),
                    answer_key_params: k.answer_key_params.clone(),
                }),
                remote_fingerprint: n.remote_fingerprint.as_ref().map(fingerprint),
                remote_setup: n.remote_setup.and_then(|s| SdpSetup::from_name(s.as_str())),
                remote_candidates: n.remote_candidates.iter().map(candidate).collect(),
                remote_sctp_port: n.remote_sctp_port,
                remote_max_message_size: n.remote_max_message_size,
                simulcast_rids: n.simulcast_rids.clone(),
            })
            .collect())
    })
}

/// The re-offer that puts `sdp`'s streams on hold (RFC 3264 §8.4): `sendrecv` becomes
/// `sendonly`, `recvonly` becomes `inactive`, and the session version goes up by one.
///
/// # Errors
/// [`VoipkitError::Sdp`] for SDP that does not parse.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_hold(sdp: String) -> Result<String, VoipkitError> {
    crate::guard(|| Ok(offer_answer::hold(&sdp::parse(&sdp)?).to_string()))
}

/// The re-offer that takes `sdp`'s streams off hold: `sendonly` becomes `sendrecv`,
/// `inactive` becomes `recvonly`, and the session version goes up by one.
///
/// # Errors
/// [`VoipkitError::Sdp`] for SDP that does not parse.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sdp_resume(sdp: String) -> Result<String, VoipkitError> {
    crate::guard(|| Ok(offer_answer::resume(&sdp::parse(&sdp)?).to_string()))
}

/// The SDP of a SIP message's body (`application/sdp`, or that part of a
/// multipart body), or `None` when the message carries none. `lenient` (the default)
/// reads as [`crate::sip_parse`] does: the message with the SIP quirks, the SDP with
/// every SDP quirk (a Cisco phone's leading blank line, `a=rtpmap: 3 GSM/8000`, an empty
/// body, ...); `false` reads both strictly.
///
/// # Errors
/// [`VoipkitError::Sip`] for a SIP message that does not parse (or is incomplete);
/// [`VoipkitError::Sdp`] for a malformed multipart body or SDP (the line within the
/// SDP).
#[cfg_attr(feature = "uniffi", uniffi::export(default(lenient = true)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (message, lenient = true)))]
pub fn sdp_from_sip(message: Vec<u8>, lenient: bool) -> Result<Option<SdpSession>, VoipkitError> {
    crate::guard(|| {
        let mut slots = Vec::new();
        let m = crate::sip_api::parse_complete(&message, lenient, &mut slots)?;
        let Some(content_type) = m.content_type_raw() else {
            return Ok(None);
        };
        let content_type = String::from_utf8_lossy(content_type);
        let parser = if lenient {
            sdp::Parser::new().quirks(sdp::Quirks::ALL)
        } else {
            sdp::Parser::new()
        };
        Ok(sdp::from_sip_body(&parser, &content_type, m.body())?.map(|s| session(&s)))
    })
}

closed_set! {
    /// The direction of a media stream (RFC 8866 6.7).
    pub enum SdpDirection {
        /// Send and receive (the default).
        SendRecv = "sendrecv",
        /// Send only.
        SendOnly = "sendonly",
        /// Receive only.
        RecvOnly = "recvonly",
        /// Neither.
        Inactive = "inactive",
    }
}

closed_set! {
    /// The DTLS role of an endpoint (`a=setup`, RFC 4145).
    pub enum SdpSetup {
        /// It opens the connection: the DTLS client.
        Active = "active",
        /// It accepts the connection: the DTLS server.
        Passive = "passive",
        /// Either (an offer's usual role).
        Actpass = "actpass",
        /// No connection for now.
        Holdconn = "holdconn",
    }
}

impl From<sdp::Direction> for SdpDirection {
    fn from(d: sdp::Direction) -> Self {
        match d {
            sdp::Direction::SendRecv => Self::SendRecv,
            sdp::Direction::SendOnly => Self::SendOnly,
            sdp::Direction::RecvOnly => Self::RecvOnly,
            sdp::Direction::Inactive => Self::Inactive,
        }
    }
}

impl From<SdpDirection> for sdp::Direction {
    fn from(d: SdpDirection) -> Self {
        match d {
            SdpDirection::SendRecv => Self::SendRecv,
            SdpDirection::SendOnly => Self::SendOnly,
            SdpDirection::RecvOnly => Self::RecvOnly,
            SdpDirection::Inactive => Self::Inactive,
        }
    }
}
