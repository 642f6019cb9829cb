//! The calls of a capture: its SIP dialogs (sip-core's [`CallObserver`]) joined with the
//! RTP streams their SDP announced.
//!
//! Every SIP message of the capture (over UDP and over TCP, in capture order) is fed to
//! a [`CallObserver`]; a stream belongs to the call that announced its destination
//! address and port, as the first such call, when its first packet falls within the call
//! (from two seconds before the INVITE to two seconds after the end, for clocks and
//! early media). Streams no call announced are listed apart.

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};
use std::io::Read;
use std::net::SocketAddr;
use std::time::Duration;

use sip_core::calls::{CallObserver, ObservedCall, ObserverLimits, Side};

use crate::error::Result;
use crate::read::Transport;
use crate::read::{CaptureLimits, CaptureRead, Endpoint, UdpDatagram, read_capture_each};
use crate::streams::{
    CaptureStreams, Discovery, RtpStream, SignalledMedia, StreamFinder, sip_messages,
};
use rtp_core::stream::StreamPacket;

/// How far before a call's INVITE or after its end a stream's first packet may fall and
/// still belong to it.
const CALL_MARGIN: Duration = Duration::from_secs(2);

/// One stream of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallStream {
    /// Its index in [`CaptureCalls::streams`]' `streams`.
    pub index: usize,
    /// The side it flows to: the side whose SDP announced its destination.
    pub to: Side,
}

/// One call of a capture with its streams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureCall {
    /// The call as its SIP messages tell it.
    pub call: ObservedCall,
    /// Its RTP streams, in the order of the capture's streams.
    pub streams: Vec<CallStream>,
}

/// The calls of a capture, its streams, and the streams no call announced.
#[derive(Debug, Clone, PartialEq)]
pub struct CaptureCalls {
    /// The calls in the order of their first INVITE.
    pub calls: Vec<CaptureCall>,
    /// Every RTP stream of the capture.
    pub streams: CaptureStreams,
    /// The indices of the streams that belong to no call (no signalling in the capture,
    /// or signalled by something other than a call's SIP).
    pub unsignalled: Vec<usize>,
    /// The time of the capture's first datagram, the origin analysis times count from.
    pub origin: Duration,
    /// Calls the observer dropped at its limit ([`ObserverLimits`]), counted only.
    pub calls_dropped: u64,
    /// Where and why reading stopped, for a capture cut short or damaged further on
    /// (everything before it is in the calls).
    pub stopped: Option<crate::Error>,
}

/// Reads a capture and finds its calls, as [`calls_of`] does, without keeping the
/// capture's datagrams: SIP messages go to the call observer and the stream finder as
/// they are read, RTP packets become their streams' packet records (about 40 bytes each).
/// A capture cut short or damaged after its first record is read up to there, with
/// where and why reading stopped in [`CaptureCalls::stopped`].
///
/// # Errors
/// As [`crate::read_capture_until_error`]: an error before the first record.
pub fn read_calls(
    reader: impl Read,
    limits: &CaptureLimits,
    observer_limits: ObserverLimits,
) -> Result<CaptureCalls> {
    let mut finder = CallFinder::new(limits, observer_limits);
    let read = read_capture_each(reader, limits, |d, transport| finder.push(&d, transport))?;
    Ok(finder.finish(read.stopped))
}

/// The call observer and the stream finder, fed the datagrams of a capture in order.
struct CallFinder {
    parser: sip_core::Parser,
    observer: CallObserver,
    streams: StreamFinder,
    origin: Option<Duration>,
    slots: Vec<sip_core::HeaderSpan>,
}

impl CallFinder {
    fn new(limits: &CaptureLimits, observer_limits: ObserverLimits) -> Self {
        Self::with_finder(StreamFinder::new(limits), observer_limits)
    }

    fn with_finder(streams: StreamFinder, observer_limits: ObserverLimits) -> Self {
        Self {
            parser: sip_core::Parser::new().quirks(sip_core::Quirks::ALL),
            observer: CallObserver::with_limits(observer_limits),
            streams,
            origin: None,
            slots: Vec::new(),
        }
    }

    /// Takes the next datagram: each SIP message in it, read once, goes to the call
    /// observer and to the stream finder for its SDP; anything else to the stream
    /// finder as media.
    fn push(&mut self, d: &UdpDatagram, transport: Transport) {
        self.origin.get_or_insert(d.time);
        let mut sip = false;
        for bytes in sip_messages(&d.payload, transport) {
            sip = true;
            if let Ok(message) = self.parser.parse_datagram(bytes, &mut self.slots) {
                let (src, dst) = (SocketAddr::from(d.src), SocketAddr::from(d.dst));
                self.observer.observe(d.time, src, dst, &message);
                self.streams.scan_message(d.frame, &message);
            }
        }
        if !sip {
            self.streams.push_media(d);
        }
    }

    fn finish(self, stopped: Option<crate::Error>) -> CaptureCalls {
        let calls_dropped = self.observer.calls_dropped();
        let streams = self.streams.finish();
        let heads: Vec<(Endpoint, Duration)> = streams
            .streams
            .iter()
            .map(|s| (s.dst, s.packets.first().map_or(Duration::ZERO, |p| p.time)))
            .collect();
        let (calls, unsignalled) = match_calls(self.observer.finish(), &heads);
        CaptureCalls {
            calls,
            streams,
            unsignalled,
            origin: self.origin.unwrap_or_default(),
            calls_dropped,
            stopped,
        }
    }
}

/// The calls of a capture that was read, with the streams each announced.
///
/// ```
/// use std::time::Duration;
/// use capture::{CaptureLimits, Endpoint, UdpDatagram, calls_of, read_capture, write_pcap};
/// use sip_core::calls::{CallEnd, ObserverLimits, Side};
///
/// let (alice, bob) = ("192.0.2.10", "198.51.100.20");
/// let at = |a: &str, port| Endpoint { addr: a.parse().unwrap(), port };
/// let sdp = |a: &str, port: u16| {
///     format!("v=0\r\no=- 1 1 IN IP4 {a}\r\ns=-\r\nc=IN IP4 {a}\r\nt=0 0\r\nm=audio {port} RTP/AVP 0\r\n")
/// };
/// let sip = |first: &str, cseq: &str, to_tag: &str, body: String| {
///     format!(
///         "{first}\r\nCall-ID: c1\r\nFrom: <sip:alice@example.com>;tag=a\r\n\
///          To: <sip:bob@example.com>{to_tag}\r\nCSeq: {cseq}\r\n{}Content-Length: {}\r\n\r\n{body}",
///         if body.is_empty() { "" } else { "Content-Type: application/sdp\r\n" },
///         body.len()
///     )
///     .into_bytes()
/// };
/// let datagram = |ms: u64, from_alice: bool, payload: Vec<u8>| {
///     let (src, dst) = if from_alice { (at(alice, 5060), at(bob, 5060)) } else { (at(bob, 5060), at(alice, 5060)) };
///     UdpDatagram { frame: 0, time: Duration::from_millis(ms), src, dst, ipv6: false, payload,
///         agent: None }
/// };
/// let mut capture = vec![
///     datagram(0, true, sip("INVITE sip:bob@example.com SIP/2.0", "1 INVITE", "", sdp(alice, 4000))),
///     datagram(900, false, sip("SIP/2.0 200 OK", "1 INVITE", ";tag=b", sdp(bob, 6000))),
/// ];
/// // Bob's RTP to the port Alice announced.
/// for seq in 0..10u16 {
///     let mut rtp = vec![0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7];
///     rtp[2..4].copy_from_slice(&seq.to_be_bytes());
///     rtp[4..8].copy_from_slice(&(u32::from(seq) * 160).to_be_bytes());
///     rtp.extend_from_slice(&[0xff; 160]);
///     let mut d = datagram(1000 + 20 * u64::from(seq), false, rtp);
///     (d.src.port, d.dst.port) = (6000, 4000);
///     capture.push(d);
/// }
/// capture.push(datagram(5000, true, sip("BYE sip:bob@example.com SIP/2.0", "2 BYE", ";tag=b", String::new())));
///
/// let read = read_capture(&write_pcap(&capture)?[..], &CaptureLimits::default())?;
/// let calls = calls_of(&read, &CaptureLimits::default(), ObserverLimits::default());
/// let call = &calls.calls[0];
/// assert_eq!(call.call.end, CallEnd::Bye(Side::Caller));
/// assert_eq!(call.call.duration(), Some(Duration::from_millis(4100)));
/// assert_eq!(call.streams.len(), 1);
/// assert_eq!(call.streams[0].to, Side::Caller);
/// assert_eq!(calls.streams.streams[call.streams[0].index].ssrc, 7);
/// assert!(calls.unsignalled.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn calls_of(
    read: &CaptureRead,
    limits: &CaptureLimits,
    observer_limits: ObserverLimits,
) -> CaptureCalls {
    let mut finder = CallFinder::new(limits, observer_limits);
    for (d, transport) in read.in_capture_order() {
        finder.push(d, transport);
    }
    let mut calls = finder.finish(read.stopped.clone());
    // The origin is the first UDP datagram, as for the capture's analysis.
    calls.origin = read.datagrams.first().map(|d| d.time).unwrap_or_default();
    calls
}

/// The calls with their streams, and the streams no call took, from each stream's
/// destination and first arrival (`heads`, in the order of the streams).
fn match_calls(
    calls: Vec<ObservedCall>,
    heads: &[(Endpoint, Duration)],
) -> (Vec<CaptureCall>, Vec<usize>) {
    // The streams by destination, so that matching is linear in the announcements.
    let mut by_destination: HashMap<Endpoint, Vec<usize>> = HashMap::new();
    for (i, (dst, _)) in heads.iter().enumerate() {
        by_destination.entry(*dst).or_default().push(i);
    }
    let mut taken = vec![false; heads.len()];
    let calls = calls
        .into_iter()
        .map(|call| {
            let mine = call_streams(&call, heads, &by_destination, &mut taken);
            CaptureCall {
                call,
                streams: mine,
            }
        })
        .collect();
    let unsignalled = (0..heads.len()).filter(|i| !taken[*i]).collect();
    (calls, unsignalled)
}

/// The streams of `call` not yet taken by an earlier call: a stream sent to the address
/// and port one side announced flows towards that side, when its first packet falls
/// within the call.
fn call_streams(
    call: &ObservedCall,
    heads: &[(Endpoint, Duration)],
    by_destination: &HashMap<Endpoint, Vec<usize>>,
    taken: &mut [bool],
) -> Vec<CallStream> {
    let mut out: Vec<CallStream> = Vec::new();
    let from = call.invite_at.saturating_sub(CALL_MARGIN);
    let until = call.ended_at.map(|e| e.saturating_add(CALL_MARGIN));
    for a in &call.media {
        for m in &a.media {
            let Some(addr) = m.address else { continue };
            if m.port == 0 {
                continue;
            }
            let destination = Endpoint { addr, port: m.port };
            for &i in by_destination.get(&destination).into_iter().flatten() {
                let first = heads.get(i).map_or(Duration::ZERO, |h| h.1);
                let in_call = first >= from && until.is_none_or(|u| first <= u);
                if let Some(t) = taken.get_mut(i)
                    && !*t
                    && in_call
                {
                    *t = true;
                    out.push(CallStream {
                        index: i,
                        to: a.side,
                    });
                }
            }
        }
    }
    out.sort_by_key(|c| c.index);
    out
}

/// How long a stream outside the calls in progress may stay quiet before
/// [`read_calls_measured`] measures it and lets its packets go.
pub const IDLE_STREAM: Duration = Duration::from_secs(30);

/// How often, in capture time, [`read_calls_measured`] looks for quiet streams.
const SWEEP: Duration = Duration::from_secs(1);

/// One stream of a capture read by [`read_calls_measured`]: where it flows, its first
/// packet, and what the caller's measure made of its packets.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredStream<M> {
    /// Sender.
    pub src: Endpoint,
    /// Receiver.
    pub dst: Endpoint,
    /// SSRC.
    pub ssrc: u32,
    /// How it was found.
    pub discovery: Discovery,
    /// Its first packet.
    pub first: StreamPacket,
    /// The measure of its packets.
    pub measure: M,
}

/// The calls of a capture with their streams measured as the capture was read
/// ([`read_calls_measured`]). As [`CaptureCalls`], with each stream's measure in place of
/// its packets.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredCalls<M> {
    /// The calls in the order of their first INVITE; [`CallStream::index`] indexes
    /// [`MeasuredCalls::streams`].
    pub calls: Vec<CaptureCall>,
    /// Every RTP stream of the capture, in order of its first packet.
    pub streams: Vec<MeasuredStream<M>>,
    /// What SDP in the capture announced.
    pub signalled: SignalledMedia,
    /// The indices of the streams that belong to no call.
    pub unsignalled: Vec<usize>,
    /// The time of the capture's first datagram, the origin analysis times count from.
    pub origin: Duration,
    /// Calls the observer dropped at its limit ([`ObserverLimits`]), counted only.
    pub calls_dropped: u64,
    /// Where and why reading stopped, for a capture cut short or damaged further on.
    pub stopped: Option<crate::Error>,
}

/// Reads a capture and finds its calls as [`read_calls`] does, measuring each stream
/// with `measure` (the media the capture's SDP announced so far, the stream with its
/// packets, the capture's origin) once it is over and letting its packets go, so that
/// memory is bounded by the streams in progress, not by the capture's length.
///
/// A stream is over at the end of the capture, or once it has been quiet for
/// [`IDLE_STREAM`] while no call in progress (up to two seconds after its end) announced
/// its destination: a call on hold keeps its streams, and a later packet of a stream
/// let go starts a new one. Streams are found as [`StreamFinder::letting_go`] finds
/// them. The measure of a stream is that of the same packets read in one batch, except
/// that a payload type first mapped by an SDP after the stream was over is not known to
/// it.
///
/// ```
/// use capture::{CaptureLimits, read_calls_measured, read_capture, write_pcap};
/// use sip_core::calls::ObserverLimits;
///
/// // An empty capture has no calls and no streams.
/// let pcap = write_pcap(&[])?;
/// let calls = read_calls_measured(&pcap[..], &CaptureLimits::default(),
///     ObserverLimits::default(), |_, stream, _| stream.packets.len())?;
/// assert!(calls.calls.is_empty() && calls.streams.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`crate::read_capture_until_error`]: an error before the first record.
pub fn read_calls_measured<M>(
    reader: impl Read,
    limits: &CaptureLimits,
    observer_limits: ObserverLimits,
    mut measure: impl FnMut(&SignalledMedia, &RtpStream, Duration) -> M,
) -> Result<MeasuredCalls<M>> {
    let mut finder = CallFinder::with_finder(StreamFinder::letting_go(limits), observer_limits);
    let mut done: Vec<Option<MeasuredStream<M>>> = Vec::new();
    let mut active = ActiveCalls::default();
    let mut next_sweep: Option<Duration> = None;
    let read = read_capture_each(reader, limits, |d, transport| {
        finder.push(&d, transport);
        let now = d.time;
        if next_sweep.is_some_and(|t| now < t) {
            return;
        }
        next_sweep = now.checked_add(SWEEP);
        let origin = finder.origin.unwrap_or_default();
        let held = active.endpoints(finder.observer.calls(), now);
        for (i, stream) in finder
            .streams
            .let_go_idle(now, IDLE_STREAM, |e| held.contains(e))
        {
            let m = measured(finder.streams.signalled(), &stream, origin, &mut measure);
            if done.len() <= i {
                done.resize_with(i + 1, || None);
            }
            done[i] = m;
        }
    })?;
    let origin = finder.origin.unwrap_or_default();
    let calls_dropped = finder.observer.calls_dropped();
    let (found, order) = finder.streams.finish_ordered();
    let mut streams = Vec::with_capacity(found.streams.len());
    for (stream, i) in found.streams.into_iter().zip(order) {
        let earlier = done.get_mut(i).and_then(Option::take);
        if let Some(m) =
            earlier.or_else(|| measured(&found.signalled, &stream, origin, &mut measure))
        {
            streams.push(m);
        }
    }
    let heads: Vec<(Endpoint, Duration)> = streams.iter().map(|s| (s.dst, s.first.time)).collect();
    let (calls, unsignalled) = match_calls(finder.observer.finish(), &heads);
    Ok(MeasuredCalls {
        calls,
        streams,
        signalled: found.signalled,
        unsignalled,
        origin,
        calls_dropped,
        stopped: read.stopped,
    })
}

/// `stream` measured, when it has packets.
fn measured<M>(
    media: &SignalledMedia,
    stream: &RtpStream,
    origin: Duration,
    measure: &mut impl FnMut(&SignalledMedia, &RtpStream, Duration) -> M,
) -> Option<MeasuredStream<M>> {
    let first = *stream.packets.first()?;
    Some(MeasuredStream {
        src: stream.src,
        dst: stream.dst,
        ssrc: stream.ssrc,
        discovery: stream.discovery,
        first,
        measure: measure(media, stream, origin),
    })
}

/// The calls that may still be in progress, by index in the observer's calls.
#[derive(Debug, Default)]
struct ActiveCalls {
    seen: usize,
    active: Vec<usize>,
}

impl ActiveCalls {
    /// The destinations announced by calls in progress at `now` (not ended, or ended
    /// less than [`CALL_MARGIN`] ago).
    fn endpoints(&mut self, calls: &[ObservedCall], now: Duration) -> HashSet<Endpoint> {
        self.active.extend(self.seen..calls.len());
        self.seen = calls.len();
        let in_progress = |c: &ObservedCall| {
            c.ended_at
                .is_none_or(|e| e.saturating_add(CALL_MARGIN) >= now)
        };
        self.active
            .retain(|&i| calls.get(i).is_some_and(in_progress));
        let mut held = HashSet::new();
        for call in self.active.iter().filter_map(|&i| calls.get(i)) {
            for m in call.media.iter().flat_map(|a| &a.media) {
                if let Some(addr) = m.address {
                    held.insert(Endpoint { addr, port: m.port });
                }
            }
        }
        held
    }
}
