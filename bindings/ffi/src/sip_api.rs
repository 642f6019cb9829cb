//! SIP messages (`sip-core`): parse into plain owned data, strict checks, batches.

use sip_core::headers::NameAddr;
use sip_core::sdp::SessionBody;
use sip_core::{Parser, Status};
use std::borrow::Cow;

use crate::{Timestamp, VoipkitError};

impl From<sip_core::Error> for VoipkitError {
    fn from(err: sip_core::Error) -> Self {
        VoipkitError::Sip {
            kind: err.kind().into(),
            offset: err.offset() as u64,
            reason: err.reason(),
        }
    }
}

/// One header as it stands on the wire (folding removed from the value).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct SipHeader {
    /// The name as written (`v` stays `v`; compare case-insensitively).
    pub name: String,
    /// The value, unfolded.
    pub value: String,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl SipHeader {
    #[new]
    fn py_new(name: String, value: String) -> Self {
        Self { name, value }
    }
}

/// A From/To/Contact-style address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipAddress {
    /// The URI as written, without `<` `>`.
    pub uri: String,
    /// The display name, unquoted.
    pub display_name: Option<String>,
    /// The `tag` parameter.
    pub tag: Option<String>,
}

/// One Via header value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipVia {
    /// `UDP`, `TCP`, `TLS`, `WS`, ...
    pub transport: String,
    /// The sent-by host (an IPv6 reference in brackets, as written).
    pub host: String,
    /// The sent-by port, if given.
    pub port: Option<u16>,
    /// The `branch` parameter.
    pub branch: Option<String>,
}

/// A parsed SIP message as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipMessageInfo {
    /// Whether it is a request (else a response).
    pub is_request: bool,
    /// The start line, without CRLF.
    pub start_line: String,
    /// The request method.
    pub method: Option<String>,
    /// The Request-URI as written.
    pub request_uri: Option<String>,
    /// The response status code.
    pub status: Option<u16>,
    /// Every header in wire order.
    pub headers: Vec<SipHeader>,
    /// The Call-ID.
    pub call_id: Option<String>,
    /// The CSeq number.
    pub cseq_seq: Option<u32>,
    /// The CSeq method.
    pub cseq_method: Option<String>,
    /// The From address.
    pub from_address: Option<SipAddress>,
    /// The To address.
    pub to_address: Option<SipAddress>,
    /// The Via values, topmost first.
    pub via: Vec<SipVia>,
    /// The Content-Type (`type/subtype`).
    pub content_type: Option<String>,
    /// The Content-Length value, if present.
    pub content_length: Option<u32>,
    /// The length of the body in bytes.
    pub body_len: u64,
    /// Bytes after the body that are not part of the message (a datagram padded with a
    /// CRLF, or a second message): the last `trailing_bytes` bytes of the input.
    pub trailing_bytes: u64,
    /// Every problem a strict check finds, each placed: the field it feeds is `None`
    /// (a bad Via is left out of `via`, the good ones after it still listed) and the
    /// message still reads. The quirks met in the
    /// SDP body follow, with `place` `body` and their SDP `line` and `quirk`.
    pub diagnostics: Vec<SipDiagnostic>,
    /// The SDP of the body (`application/sdp`, or that part of a multipart body), read
    /// tolerantly (every SDP quirk of deployed equipment accepted), or `None`.
    pub sdp: Option<crate::sdp_api::SdpSession>,
    /// The trickle-ICE fragment of the body (RFC 8840: an INFO's
    /// `application/trickle-ice-sdpfrag` body, or that part of a multipart body), read
    /// tolerantly, or `None`.
    pub sdp_fragment: Option<crate::sdp_api::SdpFragment>,
    /// Why the body announced as SDP (or as a trickle-ICE fragment) does not read, when
    /// it does not (then `sdp` and `sdp_fragment` are `None`).
    pub sdp_error: Option<String>,
    /// P-Asserted-Identity addresses (RFC 3325).
    pub asserted_identity: Vec<SipAddress>,
    /// Privacy values (RFC 3323: `id`, `header`, `none`, ...), empty without the header.
    pub privacy: Vec<String>,
    /// Diversion values (RFC 5806), newest diversion first.
    pub diversions: Vec<SipDiversion>,
    /// History-Info entries (RFC 7044), in order.
    pub history_info: Vec<SipHistoryInfo>,
    /// Identity headers (RFC 8224, STIR/SHAKEN), each with its PASSporT decoded.
    pub identities: Vec<SipIdentity>,
    /// The STIR/SHAKEN attestation (`A`, `B`, `C`) of the first `shaken` PASSporT that
    /// decodes (the signature is not checked).
    pub attest: Option<String>,
    /// P-Charging-Vector (RFC 7315), the IMS charging identifier.
    pub charging_vector: Option<SipChargingVector>,
}

/// A Diversion value (RFC 5806): an address the call was diverted from, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipDiversion {
    /// The diverting address's URI.
    pub uri: String,
    /// `reason` (`unconditional`, `user-busy`, `no-answer`, ...), unquoted.
    pub reason: Option<String>,
    /// `counter`: how many diversions the entry stands for (1 when absent).
    pub counter: u8,
    /// `privacy` (`full`, `name`, `uri`, `off`), unquoted.
    pub privacy: Option<String>,
    /// `screen` (`yes`, `no`), unquoted.
    pub screen: Option<String>,
}

/// A History-Info entry (RFC 7044).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipHistoryInfo {
    /// The target's URI as written (its escaped `Reason` included).
    pub uri: String,
    /// `index` (`1`, `1.1`, ...), if given.
    pub index: Option<String>,
    /// The protocol of the `Reason` the target was left for (`SIP`, `Q.850`).
    pub reason_protocol: Option<String>,
    /// That Reason's `cause` (a response code for `SIP`).
    pub reason_cause: Option<u16>,
    /// That Reason's `text`, unquoted.
    pub reason_text: Option<String>,
}

/// An Identity header (RFC 8224) with its PASSporT (RFC 8225) decoded. The signature is
/// not checked: that needs the certificate at `info`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipIdentity {
    /// `info`: the certificate's URI.
    pub info: Option<String>,
    /// `alg` of the header (`ES256`).
    pub alg: Option<String>,
    /// `ppt` of the header (`shaken`, `div`).
    pub ppt: Option<String>,
    /// The PASSporT, or `None` when it does not decode (`passport_error` says why).
    pub passport: Option<SipPassport>,
    /// Why the PASSporT does not decode.
    pub passport_error: Option<String>,
}

/// A decoded PASSporT: its header and claims.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipPassport {
    /// `ppt` of the JOSE header.
    pub ppt: Option<String>,
    /// `x5u`: where the signing certificate is.
    pub x5u: Option<String>,
    /// SHAKEN attestation: `A`, `B` or `C`.
    pub attest: Option<String>,
    /// The calling identity.
    pub orig: Option<SipPassportParty>,
    /// The called identities.
    pub dest: Vec<SipPassportParty>,
    /// The diverting identities (a `div` PASSporT, RFC 8946).
    pub div: Vec<SipPassportParty>,
    /// `iat`: when it was signed, seconds since 1970.
    pub iat: Option<i64>,
    /// `origid`: the originating carrier's identifier of the call.
    pub origid: Option<String>,
    /// The claims as JSON, for those not typed here.
    pub claims_json: String,
}

/// A PASSporT identity: a telephone number (`tn`) or a URI.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipPassportParty {
    /// The telephone number, for a `tn` identity.
    pub tn: Option<String>,
    /// The URI, for a `uri` identity.
    pub uri: Option<String>,
}

/// P-Charging-Vector (RFC 7315).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipChargingVector {
    /// `icid-value`, unquoted.
    pub icid: String,
    /// `icid-generated-at`.
    pub icid_generated_at: Option<String>,
    /// `orig-ioi`, unquoted.
    pub orig_ioi: Option<String>,
    /// `term-ioi`, unquoted.
    pub term_ioi: Option<String>,
}

fn party(p: &sip_core::passport::Party) -> SipPassportParty {
    match p {
        sip_core::passport::Party::Tn(tn) => SipPassportParty {
            tn: Some(tn.clone()),
            uri: None,
        },
        sip_core::passport::Party::Uri(uri) => SipPassportParty {
            tn: None,
            uri: Some(uri.clone()),
        },
    }
}

fn passport(p: sip_core::passport::Passport) -> SipPassport {
    SipPassport {
        ppt: p.header.ppt,
        x5u: p.header.x5u,
        attest: p.claims.attest,
        orig: p.claims.orig.as_ref().map(party),
        dest: p.claims.dest.iter().map(party).collect(),
        div: p.claims.div.iter().map(party).collect(),
        iat: p.claims.iat.map(|t| t.as_second()),
        origid: p.claims.origid,
        claims_json: p.claims.json,
    }
}

fn identity(id: &sip_core::headers::Identity<'_>) -> SipIdentity {
    let (passport, passport_error) = match id.passport() {
        Ok(p) => (Some(passport(p)), None),
        Err(e) => (None, Some(e.to_string())),
    };
    SipIdentity {
        info: id.info.map(str::to_owned),
        alg: id.alg.map(str::to_owned),
        ppt: id.ppt.map(str::to_owned),
        passport,
        passport_error,
    }
}

/// A problem confined to one part of a message that was read anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipDiagnostic {
    /// `start_line`, `header`, `headers` (the section as a whole) or `body`.
    pub place: String,
    /// The header's index in wire order, when `place` is `header`.
    pub header_index: Option<u64>,
    /// Byte offset of the problem in the input.
    pub offset: u64,
    /// What is wrong.
    pub reason: String,
    /// For a quirk of the SDP body: its 1-based line within the SDP.
    pub line: Option<u64>,
    /// For a quirk of the SDP body: its name (`blank_lines`, `lines_out_of_order`, ...).
    pub quirk: Option<String>,
}

fn sdp_diagnostic(d: &sip_core::sdp::Diagnostic) -> SipDiagnostic {
    SipDiagnostic {
        place: "body".to_owned(),
        header_index: None,
        offset: d.offset as u64,
        reason: d.reason.clone(),
        line: Some(d.line as u64),
        quirk: Some(d.quirk.name().to_owned()),
    }
}

fn diagnostic(d: &sip_core::Diagnostic) -> SipDiagnostic {
    let (place, header_index) = match d.place {
        sip_core::Place::StartLine => ("start_line", None),
        sip_core::Place::Header(i) => ("header", Some(i as u64)),
        sip_core::Place::Body => ("body", None),
        _ => ("headers", None),
    };
    SipDiagnostic {
        place: place.to_owned(),
        header_index,
        offset: d.offset() as u64,
        reason: d.reason(),
        line: None,
        quirk: None,
    }
}

/// The verdict of a strict RFC 3261 check.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipCheck {
    /// Whether the message is valid.
    pub valid: bool,
    /// Byte offset of the first problem.
    pub offset: Option<u64>,
    /// What is wrong.
    pub reason: Option<String>,
}

fn address(na: Option<NameAddr<'_>>) -> Option<SipAddress> {
    na.map(|na| SipAddress {
        uri: na.uri_raw.to_owned(),
        display_name: na.display_name().map(|d| d.into_owned()),
        tag: na.tag().map(str::to_owned),
    })
}

/// Parses one SIP message (a whole datagram or buffer) into plain data, reading as
/// `voipkit sip parse` does. `lenient` (the default) accepts the quirks of real traffic
/// that `sip_core::Parser::lenient` lists (LF-only line ends, a caller name that is not
/// UTF-8, ...); `false` splits the message strictly by RFC 3261. A problem confined to
/// one header or to the body does not fail the call: the field it feeds is `None` and
/// `diagnostics` says where and why (what a strict check reports); an SDP body is read
/// with every SDP quirk, and one that does not read leaves `sdp` `None` and says why in
/// `sdp_error`; an INFO's trickle-ICE fragment likewise in `sdp_fragment`.
///
/// # Errors
/// [`VoipkitError::Sip`] with the byte offset and reason when the message cannot be
/// split into start line, headers and body, also for an incomplete message.
#[cfg_attr(feature = "uniffi", uniffi::export(default(lenient = true)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (data, lenient = true)))]
pub fn sip_parse(data: Vec<u8>, lenient: bool) -> Result<SipMessageInfo, VoipkitError> {
    crate::guard(|| {
        let mut slots = Vec::new();
        let m = parse_complete(&data, lenient, &mut slots)?;
        let cseq = m.cseq().ok().flatten();
        let mut diagnostics: Vec<SipDiagnostic> = m
            .diagnostics(&Parser::new())
            .iter()
            .map(diagnostic)
            .collect();
        let sdp_parser = sip_core::sdp::Parser::new().quirks(sip_core::sdp::Quirks::ALL);
        let mut notes = Vec::new();
        let (sdp, sdp_fragment, sdp_error) = match m
            .session_body_with_diagnostics(&sdp_parser, &mut notes)
        {
            Ok(Some(SessionBody::Sdp(sdp))) => (Some(crate::sdp_api::session(&sdp)), None, None),
            Ok(Some(SessionBody::Fragment(f))) => (None, Some(crate::sdp_api::fragment(&f)), None),
            Ok(None) => (None, None, None),
            Err(e) => (None, None, Some(e.to_string())),
        };
        diagnostics.extend(notes.iter().map(sdp_diagnostic));
        let via = m
            .vias()
            // A bad Via is left out; `diagnostics` says where and why.
            .filter_map(Result::ok)
            .map(|v| SipVia {
                transport: v.transport.to_owned(),
                host: v.host.to_string(),
                port: v.port,
                branch: v.branch().map(str::to_owned),
            })
            .collect();
        Ok(SipMessageInfo {
            is_request: m.is_request(),
            start_line: String::from_utf8_lossy(m.start_line_bytes()).into_owned(),
            method: m.method().map(str::to_owned),
            request_uri: m.request_uri().map(str::to_owned),
            status: m.status(),
            headers: m
                .headers()
                .map(|h| SipHeader {
                    name: h.name().to_owned(),
                    value: String::from_utf8_lossy(&h.unfolded()).into_owned(),
                })
                .collect(),
            call_id: m.call_id().map(str::to_owned),
            cseq_seq: cseq.as_ref().map(|c| c.seq),
            cseq_method: cseq.map(|c| c.method.to_owned()),
            from_address: address(m.from().ok().flatten()),
            to_address: address(m.to().ok().flatten()),
            via,
            content_type: m
                .content_type()
                .ok()
                .flatten()
                .map(|c| format!("{}/{}", c.mtype, c.subtype)),
            content_length: m.content_length(),
            body_len: m.body().len() as u64,
            trailing_bytes: (data.len() - m.consumed()) as u64,
            diagnostics,
            sdp,
            sdp_fragment,
            sdp_error,
            asserted_identity: m
                .p_asserted_identities()
                .filter_map(|a| address(a.ok()))
                .collect(),
            privacy: m
                .privacy()
                .ok()
                .flatten()
                .map(|p| p.values().map(str::to_owned).collect())
                .unwrap_or_default(),
            diversions: m
                .diversions()
                .filter_map(Result::ok)
                .map(|d| SipDiversion {
                    uri: d.addr.uri_raw.to_owned(),
                    reason: d.reason().map(Cow::into_owned),
                    counter: d.counter,
                    privacy: d.privacy().map(Cow::into_owned),
                    screen: d.screen().map(Cow::into_owned),
                })
                .collect(),
            history_info: m
                .history_info()
                .filter_map(Result::ok)
                .map(|h| {
                    let reason = h.reason();
                    SipHistoryInfo {
                        uri: h.addr.uri_raw.to_owned(),
                        index: h.index.map(str::to_owned),
                        reason_protocol: reason.as_ref().map(|r| r.protocol.clone()),
                        reason_cause: reason.as_ref().and_then(|r| r.cause),
                        reason_text: reason.and_then(|r| r.text),
                    }
                })
                .collect(),
            attest: m.shaken_attestation(),
            identities: m
                .identities()
                .filter_map(Result::ok)
                .map(|i| identity(&i))
                .collect(),
            charging_vector: m
                .p_charging_vector()
                .ok()
                .flatten()
                .map(|v| SipChargingVector {
                    icid: v.icid().into_owned(),
                    icid_generated_at: v.icid_generated_at().map(str::to_owned),
                    orig_ioi: v.orig_ioi().map(Cow::into_owned),
                    term_ioi: v.term_ioi().map(Cow::into_owned),
                }),
        })
    })
}

/// Checks one message for strict RFC 3261 validity (syntax plus message-level rules).
#[cfg_attr(feature = "uniffi", uniffi::export(default(lenient = false)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (data, lenient = false)))]
pub fn sip_check(data: Vec<u8>, lenient: bool) -> SipCheck {
    check_one(&Parser::new().lenient(lenient), &data)
}

/// The verdict for a message whose check hit a defect in voipkit: invalid, with the
/// internal error as the reason.
fn internal_verdict(e: VoipkitError) -> SipCheck {
    SipCheck {
        valid: false,
        offset: None,
        reason: Some(e.to_string()),
    }
}

/// Parses one whole message; a message cut short is an error at its end, not a
/// partial result.
pub(crate) fn parse_complete<'a>(
    data: &'a [u8],
    lenient: bool,
    slots: &'a mut Vec<sip_core::HeaderSpan>,
) -> Result<sip_core::Message<'a>, VoipkitError> {
    match Parser::new().lenient(lenient).parse(data, slots)? {
        Status::Complete(m) => Ok(m),
        Status::Partial => Err(VoipkitError::Sip {
            kind: "incomplete".into(),
            offset: data.len() as u64,
            reason: "incomplete message".into(),
        }),
    }
}

/// One SIP message of a capture ([`sip_capture_messages`]), with where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipCapturedMessage {
    /// The frame that carried it, from 1 (of a message over TCP that spans segments, its
    /// last segment's, as Wireshark reports it).
    pub frame: u64,
    /// The capture time of that frame.
    pub time: Timestamp,
    /// The sender, `address:port` (`[address]:port` for IPv6).
    pub src: String,
    /// The receiver, as `src`.
    pub dst: String,
    /// `udp`, `tcp` or `ws` (SIP over WebSocket).
    pub transport: String,
    /// The message's bytes (a UDP datagram's whole payload), for [`sip_parse`] and
    /// [`sip_check`].
    pub message: Vec<u8>,
    /// Of a message read out of a HEP packet (a capture on a Homer collector), the
    /// number of the capture agent that sent it (HEP's capture id), if it says.
    pub agent_id: Option<u32>,
    /// Of such a message, the agent's name (HEP's node name), if it says.
    pub agent_name: Option<String>,
}

/// The SIP messages of a pcap or pcapng capture, in capture order, as
/// `voipkit sip parse CAPTURE` and the capture report take them: every UDP datagram that
/// the tolerant reading takes as SIP, and every message of a TCP flow (one that spans
/// segments put back together).
///
/// # Errors
/// [`VoipkitError::Rtp`] (kind `capture`) when the capture cannot be read, or stops
/// reading before its end.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sip_capture_messages(capture: Vec<u8>) -> Result<Vec<SipCapturedMessage>, VoipkitError> {
    crate::guard(|| {
        let mut out = Vec::new();
        let mut bad_time = None;
        let read = capture::read_capture_each(
            capture.as_slice(),
            &capture::CaptureLimits::default(),
            |d, transport| {
                for message in capture::sip_messages(&d.payload, transport) {
                    let time = match crate::report_api::instant(d.time) {
                        Ok(t) => t,
                        Err(e) => {
                            bad_time.get_or_insert(e);
                            continue;
                        }
                    };
                    out.push(SipCapturedMessage {
                        frame: d.frame,
                        time,
                        src: std::net::SocketAddr::from(d.src).to_string(),
                        dst: std::net::SocketAddr::from(d.dst).to_string(),
                        transport: transport.name().to_owned(),
                        message: message.to_vec(),
                        agent_id: d.agent.as_ref().and_then(|a| a.capture_id),
                        agent_name: d.agent.as_ref().and_then(|a| a.node_name.clone()),
                    });
                }
            },
        )?;
        if let Some(e) = read.stopped {
            return Err(e.into());
        }
        match bad_time {
            Some(e) => Err(e),
            None => Ok(out),
        }
    })
}

/// Checks many messages with one parser configuration, in order.
#[cfg_attr(feature = "uniffi", uniffi::export(default(lenient = false)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (messages, lenient = false)))]
pub fn sip_check_many(messages: Vec<Vec<u8>>, lenient: bool) -> Vec<SipCheck> {
    let parser = Parser::new().lenient(lenient);
    messages.iter().map(|m| check_one(&parser, m)).collect()
}

pub(crate) fn check_one(parser: &Parser, data: &[u8]) -> SipCheck {
    crate::guard(|| Ok(check_unguarded(parser, data))).unwrap_or_else(internal_verdict)
}

fn check_unguarded(parser: &Parser, data: &[u8]) -> SipCheck {
    match sip_core::check_with(parser, data) {
        Ok(()) => SipCheck {
            valid: true,
            offset: None,
            reason: None,
        },
        Err(e) => SipCheck {
            valid: false,
            offset: Some(e.offset() as u64),
            reason: Some(e.reason()),
        },
    }
}

/// A URI taken apart (RFC 3261 19.1 `sip:`/`sips:`, RFC 3966 `tel:`, or any other
/// scheme kept whole).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipUriInfo {
    /// The scheme as written (`sip`, `sips`, `tel`, ...).
    pub scheme: String,
    /// The user part as written (`%` escapes kept), for `sip:`/`sips:`.
    pub user: Option<String>,
    /// The password as written.
    pub password: Option<String>,
    /// The host (an IPv6 reference in brackets), for `sip:`/`sips:`.
    pub host: Option<String>,
    /// The port, when given.
    pub port: Option<u16>,
    /// The number of a `tel:` URI as written.
    pub number: Option<String>,
    /// The parameters in order: `(name, value)`, the value `None` for a flag (`lr`).
    pub params: Vec<SipUriParam>,
    /// The `?` headers in order (`sip:`/`sips:`).
    pub headers: Vec<SipUriParam>,
    /// Everything after the `:` of a scheme other than `sip`, `sips` and `tel`.
    pub rest: Option<String>,
}

/// One URI parameter or header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipUriParam {
    /// The name as written.
    pub name: String,
    /// The value as written; `None` for a parameter without `=`.
    pub value: Option<String>,
}

/// Takes a URI apart: `sip:alice@atlanta.example.com:5060;transport=tcp?subject=x`,
/// `tel:+31-20-555-1234;phone-context=...`, or another scheme kept whole. Strict RFC
/// 3261/3966 unless `lenient` (the reading quirks of deployed equipment: `sip:sip:`,
/// host names with `_`, a local `tel:` number without `phone-context`, ...).
///
/// # Errors
/// [`VoipkitError::Sip`] with the byte offset in the URI of what is wrong.
#[cfg_attr(feature = "uniffi", uniffi::export(default(lenient = false)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (uri, lenient = false)))]
pub fn sip_uri_parse(uri: String, lenient: bool) -> Result<SipUriInfo, VoipkitError> {
    crate::guard(|| {
        let parsed = sip_core::uri::Uri::parse_with(&uri, lenient)?;
        let param = |(name, value): (&str, Option<&str>)| SipUriParam {
            name: name.to_owned(),
            value: value.map(str::to_owned),
        };
        let mut info = SipUriInfo {
            scheme: parsed.scheme().to_owned(),
            user: None,
            password: None,
            host: None,
            port: None,
            number: None,
            params: Vec::new(),
            headers: Vec::new(),
            rest: None,
        };
        match &parsed {
            sip_core::uri::Uri::Sip(u) => {
                info.user = u.user.map(str::to_owned);
                info.password = u.password.map(str::to_owned);
                info.host = Some(u.host.to_string());
                info.port = u.port;
                info.params = u.params().map(param).collect();
                info.headers = u
                    .headers()
                    .map(|(name, value)| param((name, Some(value))))
                    .collect();
            }
            sip_core::uri::Uri::Tel(t) => {
                info.number = Some(t.number.to_owned());
                info.params = t.params().map(param).collect();
            }
            sip_core::uri::Uri::Other { rest, .. } => info.rest = Some((*rest).to_owned()),
        }
        Ok(info)
    })
}

/// Parses a whole message for editing, tolerating the quirks of real traffic.
fn editable(message: Vec<u8>) -> Result<sip_core::SipMessage, VoipkitError> {
    Ok(sip_core::SipMessage::parse_with(
        &Parser::new().lenient(true),
        message,
    )?)
}

fn bytes_of(message: sip_core::SipMessage) -> Vec<u8> {
    message.into_bytes().to_vec()
}

/// The message after `edit`, parsed for editing and written back.
fn edited(
    message: Vec<u8>,
    edit: impl FnOnce(&mut sip_core::SipMessage) -> Result<(), sip_core::Error>,
) -> Result<Vec<u8>, VoipkitError> {
    crate::guard(|| {
        let mut m = editable(message)?;
        edit(&mut m)?;
        Ok(bytes_of(m))
    })
}

/// Builds a request `method uri SIP/2.0` with `headers` in order and an optional body
/// (its Content-Type, then Content-Length, are written for it), checked by parsing it.
///
/// # Errors
/// [`VoipkitError::Sip`] for a method that is not a token, or a malformed header.
#[cfg_attr(feature = "uniffi", uniffi::export(default(body = None, content_type = None)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(
    feature = "python",
    pyo3(signature = (method, uri, headers, body = None, content_type = None))
)]
pub fn sip_build_request(
    method: String,
    uri: String,
    headers: Vec<SipHeader>,
    body: Option<Vec<u8>>,
    content_type: Option<String>,
) -> Result<Vec<u8>, VoipkitError> {
    crate::guard(|| {
        let mut b = sip_core::RequestBuilder::new(&method, &uri);
        for h in &headers {
            b = b.header(&h.name, &h.value);
        }
        if let Some(body) = &body {
            b = b.body(content_type.as_deref().unwrap_or("application/sdp"), body);
        }
        Ok(bytes_of(b.build()?))
    })
}

/// Builds a response to `request` as RFC 3261 8.2.6 says (Via, From, To, Call-ID and
/// CSeq copied; `to_tag` added to a To without one; no body).
///
/// # Errors
/// [`VoipkitError::Sip`] when `request` does not parse or is a response, or for a bad
/// code, reason or tag.
#[cfg_attr(feature = "uniffi", uniffi::export(default(to_tag = None)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (request, code, reason, to_tag = None)))]
pub fn sip_response_to(
    request: Vec<u8>,
    code: u16,
    reason: String,
    to_tag: Option<String>,
) -> Result<Vec<u8>, VoipkitError> {
    crate::guard(|| {
        let request = editable(request)?;
        Ok(bytes_of(sip_core::response_to(
            &request.view(),
            code,
            &reason,
            to_tag.as_deref(),
        )?))
    })
}

/// The message with header `name` set to `value`: the first such header replaced in
/// place and any others removed, or the header added before the body.
///
/// # Errors
/// [`VoipkitError::Sip`] when the message does not parse or the header is malformed.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sip_set_header(
    message: Vec<u8>,
    name: String,
    value: String,
) -> Result<Vec<u8>, VoipkitError> {
    edited(message, |m| m.set_header(&name, &value))
}

/// The message with one more header `name: value` after the last one.
///
/// # Errors
/// [`VoipkitError::Sip`] when the message does not parse or the header is malformed.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sip_add_header(
    message: Vec<u8>,
    name: String,
    value: String,
) -> Result<Vec<u8>, VoipkitError> {
    edited(message, |m| m.add_header(&name, &value))
}

/// The message without any header `name` (its compact form included: `v` for `Via`).
///
/// # Errors
/// [`VoipkitError::Sip`] when the message does not parse.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn sip_remove_header(message: Vec<u8>, name: String) -> Result<Vec<u8>, VoipkitError> {
    edited(message, |m| m.remove_header(&name).map(drop))
}

/// The message with a new body: Content-Length rewritten, and Content-Type set when
/// `content_type` is given (kept as it is otherwise).
///
/// # Errors
/// [`VoipkitError::Sip`] when the message does not parse or the type is malformed.
#[cfg_attr(feature = "uniffi", uniffi::export(default(content_type = None)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (message, body, content_type = None)))]
pub fn sip_set_body(
    message: Vec<u8>,
    body: Vec<u8>,
    content_type: Option<String>,
) -> Result<Vec<u8>, VoipkitError> {
    edited(message, |m| m.set_body(content_type.as_deref(), &body))
}

/// The certificate that signs PASSporTs (the end-entity certificate of the chain a
/// PASSporT's `x5u` serves, fetched by the caller), to verify the Identity headers of
/// messages with (STIR/SHAKEN, RFC 8224 and RFC 8588). Read it once, verify many
/// messages.
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, module = "voipkit"))]
#[derive(Debug)]
pub struct SipSigningCertificate {
    cert: sip_core::passport::SigningCertificate,
}

/// One Identity header of a message as a verifier sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipIdentityCheck {
    /// Its place among the message's Identity values, from 0.
    pub index: u32,
    /// The PASSporT, decoded also when it does not verify; `None` when it does not decode.
    pub passport: Option<SipPassport>,
    /// Whether its signature verifies with the certificate (ES256, signed while the
    /// certificate was valid).
    pub verified: bool,
    /// What failed: `header`, `decode`, `algorithm`, `signature_length`, `signature`,
    /// `no_iat` or `expired`; `None` when it verifies.
    pub error_kind: Option<String>,
    /// Why it failed, in words.
    pub error: Option<String>,
    /// The message's `Date` minus the PASSporT's `iat`, in seconds; `None` without both.
    pub age_seconds: Option<i64>,
    /// Whether `iat` is within the freshness limit of the `Date`, either way (RFC 8224
    /// section 6.2.1); `None` without both.
    pub fresh: Option<bool>,
    /// Whether `orig` is the message's calling number (its first P-Asserted-Identity
    /// naming a telephone number, else From; RFC 8224 8.3 canonical form); `None` when
    /// either is not a telephone number.
    pub orig_matches: Option<bool>,
    /// Whether `dest` (the `div` of a `div` PASSporT) names the number of the message's
    /// To; `None` likewise.
    pub dest_matches: Option<bool>,
}

/// A message's Identity headers checked with a signing certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct SipVerification {
    /// The message's `Date`, which freshness is measured against.
    pub date: Option<Timestamp>,
    /// Why the `Date` does not read, when it does not.
    pub date_error: Option<String>,
    /// Each Identity header, in order.
    pub identities: Vec<SipIdentityCheck>,
    /// Whether the message verifies: it has an Identity header, and every one verifies,
    /// is fresh and names no other calling or called number than the message's.
    pub verified: bool,
}

impl SipSigningCertificate {
    /// The first certificate of a PEM file (the end-entity one of an `x5u` chain).
    ///
    /// # Errors
    /// [`VoipkitError::Sip`] (kind `certificate`) when there is no certificate, it is not
    /// X.509, or its key is not ECDSA P-256.
    pub fn parse_pem(text: &str) -> Result<Self, VoipkitError> {
        crate::guard(|| {
            sip_core::passport::SigningCertificate::from_pem(text)
                .map(|cert| Self { cert })
                .map_err(|e| VoipkitError::Sip {
                    kind: "certificate".into(),
                    offset: 0,
                    reason: e.to_string(),
                })
        })
    }

    fn check(&self, data: &[u8], max_age_seconds: u32) -> Result<SipVerification, VoipkitError> {
        crate::guard(|| {
            let mut slots = Vec::new();
            let m = parse_complete(data, true, &mut slots)?;
            let v = m.verify_identities(&self.cert, max_age_seconds);
            let verified = v.verified();
            Ok(SipVerification {
                date: v.date.as_ref().ok().copied().flatten(),
                date_error: v.date.as_ref().err().map(ToString::to_string),
                identities: v
                    .identities
                    .into_iter()
                    .map(|i| SipIdentityCheck {
                        index: u32::try_from(i.index).unwrap_or(u32::MAX),
                        verified: i.verified(),
                        error_kind: i.error.as_ref().map(|e| e.kind().to_owned()),
                        error: i.error.as_ref().map(ToString::to_string),
                        age_seconds: i.age_seconds,
                        fresh: i.fresh,
                        orig_matches: i.orig_matches,
                        dest_matches: i.dest_matches,
                        passport: i.passport.map(passport),
                    })
                    .collect(),
                verified,
            })
        })
    }
}

#[cfg(feature = "uniffi")]
#[uniffi::export]
impl SipSigningCertificate {
    /// The first certificate of a PEM file (the end-entity one of an `x5u` chain).
    ///
    /// # Errors
    /// [`VoipkitError::Sip`] (kind `certificate`) when it cannot sign PASSporTs.
    #[uniffi::constructor]
    fn from_pem(text: String) -> Result<std::sync::Arc<Self>, VoipkitError> {
        Self::parse_pem(&text).map(std::sync::Arc::new)
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl SipSigningCertificate {
    /// Checks each Identity header of a SIP message (read tolerantly) with this
    /// certificate, and whether each PASSporT is within `max_age_seconds` of the
    /// message's `Date`. Whether the certificate chains to a trusted STI-CA is the
    /// caller's check.
    ///
    /// # Errors
    /// [`VoipkitError::Sip`] when the message does not read.
    #[cfg_attr(feature = "uniffi", uniffi::method(default(max_age_seconds = 60)))]
    pub fn verify(
        &self,
        message: Vec<u8>,
        max_age_seconds: u32,
    ) -> Result<SipVerification, VoipkitError> {
        self.check(&message, max_age_seconds)
    }

    /// The certificate's subject (RFC 4514: `CN=SHAKEN 1234,O=Example Carrier,C=US`).
    pub fn subject(&self) -> String {
        self.cert.subject().to_owned()
    }

    /// The start of its validity.
    pub fn not_before(&self) -> Timestamp {
        self.cert.not_before()
    }

    /// The end of its validity.
    pub fn not_after(&self) -> Timestamp {
        self.cert.not_after()
    }
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl SipSigningCertificate {
    /// The first certificate of a PEM file (the end-entity one of an `x5u` chain).
    #[staticmethod]
    #[pyo3(name = "from_pem")]
    fn py_from_pem(text: &str) -> Result<Self, VoipkitError> {
        Self::parse_pem(text)
    }

    /// Checks each Identity header of a SIP message with this certificate.
    #[pyo3(name = "verify", signature = (message, max_age_seconds = 60))]
    fn py_verify(
        &self,
        message: &[u8],
        max_age_seconds: u32,
    ) -> Result<SipVerification, VoipkitError> {
        self.check(message, max_age_seconds)
    }

    /// The certificate's subject (RFC 4514).
    #[getter(subject)]
    fn py_subject(&self) -> String {
        self.subject()
    }

    /// The start of its validity.
    #[getter(not_before)]
    fn py_not_before(&self) -> Timestamp {
        self.not_before()
    }

    /// The end of its validity.
    #[getter(not_after)]
    fn py_not_after(&self) -> Timestamp {
        self.not_after()
    }

    fn __repr__(&self) -> String {
        format!("SipSigningCertificate(subject={:?})", self.subject())
    }
}
