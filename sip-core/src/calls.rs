//! Calls seen from the side: the INVITE dialogs of a capture or a log, rebuilt from the
//! SIP messages in the order they were seen.
//!
//! A [`CallObserver`] is fed every SIP message with the time it was seen and the
//! addresses it went between, as a packet capture or a proxy's message log gives them.
//! It keeps one [`ObservedCall`] per Call-ID whose first message is an INVITE: when it
//! was placed, when it first rang, when and whether it was answered, when it ended, who
//! ended it and how, every SDP the two sides exchanged (re-INVITEs and UPDATEs
//! included), and the ladder of its messages. It is passive: it does not check that the
//! messages are well formed (a message whose Call-ID or CSeq does not read is counted
//! and skipped) and it does not retransmit or answer anything.
//!
//! ```
//! use std::time::Duration;
//! use sip_core::Parser;
//! use sip_core::calls::{CallEnd, CallObserver, Side};
//!
//! let caller = "192.0.2.10:5060".parse()?;
//! let callee = "198.51.100.20:5060".parse()?;
//! let head = "Call-ID: c1\r\nFrom: <sip:alice@example.com>;tag=a\r\n";
//! let flow: [(u64, &str, bool); 5] = [
//!     (0, "INVITE sip:bob@example.com SIP/2.0\r\nTo: <sip:bob@example.com>\r\nCSeq: 1 INVITE\r\n", true),
//!     (120, "SIP/2.0 180 Ringing\r\nTo: <sip:bob@example.com>;tag=b\r\nCSeq: 1 INVITE\r\n", false),
//!     (3000, "SIP/2.0 200 OK\r\nTo: <sip:bob@example.com>;tag=b\r\nCSeq: 1 INVITE\r\n", false),
//!     (3010, "ACK sip:bob@example.com SIP/2.0\r\nTo: <sip:bob@example.com>;tag=b\r\nCSeq: 1 ACK\r\n", true),
//!     (63000, "BYE sip:bob@example.com SIP/2.0\r\nTo: <sip:bob@example.com>;tag=b\r\nCSeq: 2 BYE\r\n", true),
//! ];
//! let mut observer = CallObserver::new();
//! for (ms, lines, from_caller) in flow {
//!     let text = format!("{}{head}Content-Length: 0\r\n\r\n", lines);
//!     let mut slots = Vec::new();
//!     let message = Parser::new().parse_datagram(text.as_bytes(), &mut slots)?;
//!     let (src, dst) = if from_caller { (caller, callee) } else { (callee, caller) };
//!     observer.observe(Duration::from_millis(ms), src, dst, &message);
//! }
//! let call = &observer.calls()[0];
//! assert_eq!(call.post_dial_delay(), Some(Duration::from_millis(120)));
//! assert_eq!(call.duration(), Some(Duration::from_secs(60)));
//! assert_eq!(call.end, CallEnd::Bye(Side::Caller));
//! assert_eq!(call.final_status, Some(200));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use crate::Message;
use crate::message::StartLine;
use crate::sdp::{self, Direction, Quirks};

/// The two parties of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Side {
    /// The party that sent the initial INVITE (its From tag).
    Caller,
    /// The party it was sent to.
    Callee,
}

impl Side {
    /// The other party.
    pub fn other(self) -> Side {
        match self {
            Side::Caller => Side::Callee,
            Side::Callee => Side::Caller,
        }
    }

    /// `caller` or `callee`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Caller => "caller",
            Side::Callee => "callee",
        }
    }
}

/// How a call ended, as far as the messages seen tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CallEnd {
    /// Still set up when the messages ended (no BYE, CANCEL or final failure seen).
    Running,
    /// Answered and ended by a BYE from this side.
    Bye(Side),
    /// Ended before an answer by the caller's CANCEL.
    Cancelled,
    /// Refused: a final response of 300 or more to the INVITE (busy, not found,
    /// unavailable, ...), the status in [`ObservedCall::final_status`].
    Failed,
}

impl CallEnd {
    /// A stable name: `running`, `bye_caller`, `bye_callee`, `cancel`, `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            CallEnd::Running => "running",
            CallEnd::Bye(Side::Caller) => "bye_caller",
            CallEnd::Bye(Side::Callee) => "bye_callee",
            CallEnd::Cancelled => "cancel",
            CallEnd::Failed => "failed",
        }
    }
}

/// A codec a side announced: payload type, encoding name and clock rate (from
/// `a=rtpmap`, or RFC 3551's static table).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnnouncedCodec {
    /// The RTP payload type.
    pub payload_type: u8,
    /// The encoding name as written (`PCMU`, `opus`, `telephone-event`).
    pub name: String,
    /// The RTP clock rate in Hz.
    pub clock_rate: u32,
}

/// One media stream a side announced in its SDP: where it wants to receive RTP.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnnouncedMedia {
    /// The media type (`audio`, `video`, ...).
    pub media: String,
    /// The address RTP is to be sent to (media-level `c=`, else session-level), or
    /// `None` when it is not an IP address (an FQDN) or missing.
    pub address: Option<IpAddr>,
    /// The port (0: the stream is rejected or disabled).
    pub port: u16,
    /// The direction, from this side's point of view.
    pub direction: Direction,
    /// The codecs in preference order.
    pub codecs: Vec<AnnouncedCodec>,
}

impl AnnouncedMedia {
    /// Whether this announcement puts the stream on hold: `sendonly` or `inactive`, or
    /// the unspecified address `0.0.0.0` (RFC 3264 §8.4 and its predecessor RFC 2543).
    pub fn is_hold(&self) -> bool {
        matches!(self.direction, Direction::SendOnly | Direction::Inactive)
            || self.address.is_some_and(|a| a.is_unspecified())
    }
}

/// An SDP one side sent: in an INVITE, a re-INVITE, an UPDATE, a PRACK, an ACK or a
/// response to one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MediaAnnouncement {
    /// When the message carrying it was seen.
    pub at: Duration,
    /// Who sent it.
    pub side: Side,
    /// Its media sections in order.
    pub media: Vec<AnnouncedMedia>,
}

/// One message of a call, for a ladder diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LadderStep {
    /// When it was seen.
    pub at: Duration,
    /// Where it came from.
    pub src: SocketAddr,
    /// Where it went.
    pub dst: SocketAddr,
    /// Which party sent it.
    pub side: Side,
    /// The method of a request (`INVITE`), or the status and reason of a response
    /// (`180 Ringing`).
    pub label: String,
    /// The CSeq number and method.
    pub cseq: (u32, String),
    /// Whether it carried an SDP.
    pub sdp: bool,
}

/// One call, as far as the messages seen tell.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ObservedCall {
    /// The Call-ID.
    pub call_id: String,
    /// The From URI of the initial INVITE, as written.
    pub from: String,
    /// The To URI of the initial INVITE, as written.
    pub to: String,
    /// The caller's From tag.
    pub from_tag: Option<String>,
    /// The callee's To tag of the dialog that was answered (else of the last early
    /// dialog seen).
    pub to_tag: Option<String>,
    /// Where the initial INVITE came from.
    pub caller: SocketAddr,
    /// Where it was sent.
    pub callee: SocketAddr,
    /// When the initial INVITE was first seen.
    pub invite_at: Duration,
    /// When the first 18x response (ringing, session progress) was seen.
    pub ringing_at: Option<Duration>,
    /// When the first 2xx response to the initial INVITE was seen.
    pub answered_at: Option<Duration>,
    /// When the call ended: the first BYE, or the final failure or CANCEL response, or
    /// the CANCEL itself when no final response follows it.
    pub ended_at: Option<Duration>,
    /// How it ended.
    pub end: CallEnd,
    /// The final response to the initial INVITE (200, 486, 487, ...), if seen.
    pub final_status: Option<u16>,
    /// The To tags of every early or confirmed dialog the INVITE created (more than one
    /// when it forked).
    pub dialogs: Vec<String>,
    /// Every SDP either side sent, in order.
    pub media: Vec<MediaAnnouncement>,
    /// Its messages in order (up to [`ObserverLimits::max_steps`]).
    pub ladder: Vec<LadderStep>,
    /// Messages of this call beyond [`ObserverLimits::max_steps`], counted only.
    pub steps_dropped: u64,
    /// SDP bodies of this call that did not read (each skipped).
    pub sdp_errors: u64,
    /// The P-Asserted-Identity URI of the initial INVITE (the caller as the network
    /// vouches for it, RFC 3325), if it has one.
    pub asserted_identity: Option<String>,
    /// Where the call was diverted from: the URI of the newest Diversion of the initial
    /// INVITE (RFC 5806), if it has one.
    pub diverted_from: Option<String>,
    /// The STIR/SHAKEN attestation of the initial INVITE (`A`, `B` or `C`, RFC 8588): of
    /// the first Identity whose PASSporT decodes and is a `shaken` one. The signature is
    /// not checked.
    pub attest: Option<String>,
    /// The Q.850 cause (RFC 3326 `Reason: Q.850;cause=16`) of the message that ended the
    /// call (its BYE, its CANCEL, or the final failure response), if it has one: 16
    /// normal clearing, 17 user busy, 18 no user responding, 31 normal unspecified, ...
    pub q850_cause: Option<u16>,
    /// That Reason's `text`, unquoted.
    pub q850_text: Option<String>,
    cseq: u32,
    cancelled: bool,
}

impl ObservedCall {
    /// Takes the Q.850 cause and text of `message`'s first `Reason: Q.850` value, if it
    /// has one (else keeps what an earlier message of the ending gave).
    fn set_q850(&mut self, message: &Message<'_>) {
        let q850 = message.reasons().find_map(|r| {
            let r = r.ok()?;
            let cause = r.cause()?;
            r.value
                .eq_ignore_ascii_case("Q.850")
                .then(|| (cause, r.text().map(|t| t.into_owned())))
        });
        if let Some((cause, text)) = q850 {
            self.q850_cause = Some(cause);
            self.q850_text = text;
        }
    }

    /// Post-dial delay: from the INVITE to the first 18x.
    pub fn post_dial_delay(&self) -> Option<Duration> {
        self.ringing_at.and_then(|r| r.checked_sub(self.invite_at))
    }

    /// How long the call was connected: from the answer to the end (or to `None` while
    /// it is running or when it was never answered).
    pub fn duration(&self) -> Option<Duration> {
        self.answered_at
            .zip(self.ended_at)
            .and_then(|(a, e)| e.checked_sub(a))
    }

    /// The number or user the call was placed to ([`dialled`] of its To URI).
    pub fn dialled(&self) -> Option<String> {
        dialled(&self.to)
    }

    /// The last media the given side announced (its current view after re-offers).
    pub fn last_media(&self, side: Side) -> Option<&MediaAnnouncement> {
        self.media.iter().rev().find(|m| m.side == side)
    }

    /// Which side a request with From tag `tag` came from.
    fn side_of_request(&self, from_tag: Option<&str>) -> Side {
        if from_tag == self.from_tag.as_deref() {
            Side::Caller
        } else {
            Side::Callee
        }
    }
}

/// Bounds on what an observer keeps, so that a capture of any size is read in bounded
/// memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObserverLimits {
    /// Calls kept; INVITEs of further new calls are counted in
    /// [`CallObserver::calls_dropped`] (default 100 000).
    pub max_calls: usize,
    /// Ladder steps kept per call (default 500).
    pub max_steps: usize,
    /// SDP announcements kept per call (default 50).
    pub max_announcements: usize,
}

impl Default for ObserverLimits {
    fn default() -> Self {
        Self {
            max_calls: 100_000,
            max_steps: 500,
            max_announcements: 50,
        }
    }
}

/// What [`CallObserver::observe`] made of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Observation {
    /// An initial INVITE: a new call, at this index of [`CallObserver::calls`].
    NewCall(usize),
    /// A message of the call at this index.
    InCall(usize),
    /// Not part of an INVITE dialog seen (REGISTER, OPTIONS, a BYE for a call that
    /// started before the capture, ...).
    Outside,
    /// Its Call-ID or CSeq is missing or does not read.
    Unreadable,
    /// A new call beyond [`ObserverLimits::max_calls`].
    Dropped,
}

/// Rebuilds calls from the SIP messages seen, in order. See the [module](self) docs.
#[derive(Debug, Clone, Default)]
pub struct CallObserver {
    limits: ObserverLimits,
    calls: Vec<ObservedCall>,
    by_call_id: HashMap<String, usize>,
    calls_dropped: u64,
    unreadable: u64,
}

impl CallObserver {
    /// An observer with the default limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// An observer with the given limits.
    pub fn with_limits(limits: ObserverLimits) -> Self {
        Self {
            limits,
            ..Self::default()
        }
    }

    /// The calls so far, in the order of their first INVITE.
    pub fn calls(&self) -> &[ObservedCall] {
        &self.calls
    }

    /// The calls, in the order of their first INVITE.
    pub fn into_calls(self) -> Vec<ObservedCall> {
        self.calls
    }

    /// New calls not kept because of [`ObserverLimits::max_calls`].
    pub fn calls_dropped(&self) -> u64 {
        self.calls_dropped
    }

    /// Messages skipped because their Call-ID or CSeq did not read.
    pub fn unreadable(&self) -> u64 {
        self.unreadable
    }

    /// Feeds one message seen at `at` going from `src` to `dst`.
    pub fn observe(
        &mut self,
        at: Duration,
        src: SocketAddr,
        dst: SocketAddr,
        message: &Message<'_>,
    ) -> Observation {
        let (Some(call_id), Ok(Some(cseq))) = (message.call_id(), message.cseq()) else {
            self.unreadable += 1;
            return Observation::Unreadable;
        };
        let from = message.from().ok().flatten();
        let from_tag = from.as_ref().and_then(|f| f.tag());
        let to = message.to().ok().flatten();
        let to_tag = to.as_ref().and_then(|t| t.tag());
        let index = match self.by_call_id.get(call_id) {
            Some(&i) => i,
            None => {
                // Only an INVITE outside a dialog starts a call.
                if message.method() != Some("INVITE") || to_tag.is_some() {
                    return Observation::Outside;
                }
                if self.calls.len() >= self.limits.max_calls {
                    self.calls_dropped += 1;
                    return Observation::Dropped;
                }
                let i = self.calls.len();
                self.calls.push(ObservedCall {
                    call_id: call_id.to_owned(),
                    from: from
                        .as_ref()
                        .map(|f| f.uri_raw.to_owned())
                        .unwrap_or_default(),
                    to: to
                        .as_ref()
                        .map(|t| t.uri_raw.to_owned())
                        .unwrap_or_default(),
                    from_tag: from_tag.map(str::to_owned),
                    to_tag: None,
                    caller: src,
                    callee: dst,
                    invite_at: at,
                    ringing_at: None,
                    answered_at: None,
                    ended_at: None,
                    end: CallEnd::Running,
                    final_status: None,
                    dialogs: Vec::new(),
                    media: Vec::new(),
                    ladder: Vec::new(),
                    steps_dropped: 0,
                    sdp_errors: 0,
                    asserted_identity: message
                        .p_asserted_identities()
                        .find_map(Result::ok)
                        .map(|a| a.uri_raw.to_owned()),
                    diverted_from: message
                        .diversions()
                        .find_map(Result::ok)
                        .map(|d| d.addr.uri_raw.to_owned()),
                    attest: message.shaken_attestation(),
                    q850_cause: None,
                    q850_text: None,
                    cseq: cseq.seq,
                    cancelled: false,
                });
                self.by_call_id.insert(call_id.to_owned(), i);
                let limits = self.limits;
                let call = &mut self.calls[i];
                call_step(call, &limits, at, src, dst, Side::Caller, message, &cseq);
                return Observation::NewCall(i);
            }
        };
        let limits = self.limits;
        let call = &mut self.calls[index];
        let request_side = call.side_of_request(from_tag);
        let side = if message.is_request() {
            request_side
        } else {
            request_side.other()
        };
        call_step(call, &limits, at, src, dst, side, message, &cseq);
        let initial_invite = cseq.method == "INVITE" && cseq.seq == call.cseq;
        match message.start_line() {
            StartLine::Request { method, .. } => match method {
                "BYE" if call.ended_at.is_none() => {
                    call.ended_at = Some(at);
                    call.end = CallEnd::Bye(side);
                    call.set_q850(message);
                }
                "CANCEL" if call.answered_at.is_none() && call.ended_at.is_none() => {
                    call.cancelled = true;
                    call.set_q850(message);
                }
                _ => {}
            },
            StartLine::Response { code, .. } if initial_invite => {
                if let Some(tag) = to_tag
                    && (101..300).contains(&code)
                    && !call.dialogs.iter().any(|d| d == tag)
                {
                    call.dialogs.push(tag.to_owned());
                }
                match code {
                    180..=199 => {
                        call.ringing_at.get_or_insert(at);
                        if call.answered_at.is_none()
                            && let Some(tag) = to_tag
                        {
                            call.to_tag = Some(tag.to_owned());
                        }
                    }
                    200..=299 if call.answered_at.is_none() && call.ended_at.is_none() => {
                        call.answered_at = Some(at);
                        call.final_status = Some(code);
                        call.to_tag = to_tag.map(str::to_owned);
                    }
                    300..=699 if call.answered_at.is_none() && call.final_status.is_none() => {
                        call.final_status = Some(code);
                        call.ended_at = Some(at);
                        call.end = if call.cancelled {
                            CallEnd::Cancelled
                        } else {
                            CallEnd::Failed
                        };
                        if !call.cancelled {
                            call.set_q850(message);
                        }
                    }
                    _ => {}
                }
            }
            StartLine::Response { .. } => {}
        }
        Observation::InCall(index)
    }

    /// Ends the observation and gives the calls: a call whose CANCEL got no final
    /// response counts as cancelled at its CANCEL; calls still up stay
    /// [`CallEnd::Running`].
    pub fn finish(mut self) -> Vec<ObservedCall> {
        for call in &mut self.calls {
            if call.cancelled && call.ended_at.is_none() {
                call.end = CallEnd::Cancelled;
                call.ended_at = call
                    .ladder
                    .iter()
                    .find(|s| s.label == "CANCEL")
                    .map(|s| s.at);
            }
        }
        self.calls
    }
}

/// Records one message of `call`: its ladder step and the SDP it carries.
#[allow(clippy::too_many_arguments)] // one call site, each argument a different fact
fn call_step(
    call: &mut ObservedCall,
    limits: &ObserverLimits,
    at: Duration,
    src: SocketAddr,
    dst: SocketAddr,
    side: Side,
    message: &Message<'_>,
    cseq: &crate::headers::CSeq<'_>,
) {
    let parser = sdp::Parser::new().quirks(Quirks::ALL);
    let mut notes = Vec::new();
    let announced = match message.sdp_with_diagnostics(&parser, &mut notes) {
        Ok(Some(s)) => Some(announcement(at, side, &s)),
        Ok(None) => None,
        Err(_) => {
            call.sdp_errors += 1;
            None
        }
    };
    if call.ladder.len() < limits.max_steps {
        let label = match message.start_line() {
            StartLine::Request { method, .. } => method.to_owned(),
            StartLine::Response { code, reason, .. } => {
                format!("{code} {}", String::from_utf8_lossy(reason))
            }
        };
        call.ladder.push(LadderStep {
            at,
            src,
            dst,
            side,
            label,
            cseq: (cseq.seq, cseq.method.to_owned()),
            sdp: announced.is_some(),
        });
    } else {
        call.steps_dropped += 1;
    }
    if let Some(a) = announced
        && call.media.len() < limits.max_announcements
        // A retransmission repeats the same SDP: kept once.
        && call.media.last().is_none_or(|last| last.side != a.side || last.media != a.media)
    {
        call.media.push(a);
    }
}

/// The number or user a request URI or To URI names: the user part of a `sip:`/`sips:`
/// URI (percent-escapes decoded, `;` user parameters dropped) or the number of a `tel:`
/// URI (without visual separators); `None` when the URI does not read (even tolerantly)
/// or has no user part. This is the number a rating plan rates for an observed call.
///
/// ```
/// use sip_core::calls::dialled;
/// assert_eq!(dialled("sip:%2B31201234567;npdi@example.com").as_deref(), Some("+31201234567"));
/// assert_eq!(dialled("<sip:bob@example.com>").as_deref(), None); // not a bare URI
/// assert_eq!(dialled("tel:+1-201-555-0123").as_deref(), Some("+12015550123"));
/// assert_eq!(dialled("sip:example.com").as_deref(), None);
/// ```
pub fn dialled(uri: &str) -> Option<String> {
    let uri = crate::uri::Uri::parse_with_quirks(uri, crate::Quirks::ALL).ok()?;
    match uri {
        crate::uri::Uri::Sip(sip) => {
            let user = sip.user?;
            let user = user.split(';').next().unwrap_or(user);
            let decoded = crate::uri::percent_decode(user);
            Some(String::from_utf8_lossy(&decoded).into_owned())
        }
        crate::uri::Uri::Tel(tel) => Some(tel.digits()),
        crate::uri::Uri::Other { .. } => None,
    }
}

fn announcement(at: Duration, side: Side, s: &sdp::Sdp<'_>) -> MediaAnnouncement {
    MediaAnnouncement {
        at,
        side,
        media: announced_media(s),
    }
}

/// The media sections of an SDP as announcements: each section's media type, its
/// connection address (media-level, else session-level; `None` for an FQDN), port,
/// direction and codecs (from `a=rtpmap`, or RFC 3551's static table). The one reading
/// of "where does this SDP want its media" that call observation and capture stream
/// discovery share.
///
/// ```
/// use sip_core::calls::announced_media;
/// use sip_core::sdp::Direction;
///
/// let sdp = sip_core::sdp::parse(
///     "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\
///      m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendonly\r\n",
/// )?;
/// let media = announced_media(&sdp);
/// assert_eq!(media[0].address, Some("192.0.2.1".parse()?));
/// assert_eq!((media[0].port, media[0].direction), (4000, Direction::SendOnly));
/// assert_eq!(media[0].codecs[0].name, "PCMA");
/// assert_eq!(media[0].codecs[1].payload_type, 101);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn announced_media(s: &sdp::Sdp<'_>) -> Vec<AnnouncedMedia> {
    s.media
        .iter()
        .map(|m| AnnouncedMedia {
            media: m.media.to_string(),
            address: m
                .connection(s)
                .and_then(|c| crate::scan::ip(c.address.as_bytes())),
            port: m.port,
            direction: m.direction(s),
            codecs: m
                .codecs()
                .map(|c| AnnouncedCodec {
                    payload_type: c.payload_type,
                    name: c.name.to_string(),
                    clock_rate: c.clock_rate,
                })
                .collect(),
        })
        .collect()
}
