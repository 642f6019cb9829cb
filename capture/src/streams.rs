//! Finding the RTP streams of a capture, both ways without port hints:
//!
//! - **signalled**: SIP messages in the capture (over UDP, and over TCP when a segment
//!   starts the message) are read with sip-core's tolerant SIP and SDP parsers
//!   (Content-Length, compact headers, multipart bodies; see [`scan_sdp`]);
//!   datagrams to or from an announced address and port are RTP from the frame of the
//!   SIP message that announced it on (as Wireshark sets up its RTP conversations;
//!   earlier datagrams of the flow are left out even when they look like RTP), RTCP on
//!   port + 1 is ignored;
//! - **heuristic**: a UDP flow is RTP when one SSRC on it has a run of at least
//!   [`CaptureLimits::heuristic_min_packets`] packets of version 2 whose sequence
//!   numbers advance by small steps (a packet seen twice, as captures on several
//!   interfaces give, neither advances nor breaks the run). Each SSRC keeps its own
//!   run, and datagrams that are not RTP (STUN, DTLS multiplexed on the port) do not
//!   break it; every SSRC of an accepted flow is then a stream.
//!
//! As in Wireshark, a packet with the marker bit and payload type 64..=95 is RTCP
//! (packet types 192..=223 multiplexed on the RTP port, RFC 5761) on any flow, and the
//! heuristic refuses payload types 72..=76 whatever the marker.

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};
use std::io::Read;
use std::time::Duration;

use rtp_core::packet::RtpPacket;
use rtp_core::stream::StreamPacket;
use sip_core::calls::announced_media;

use crate::error::Result;
use crate::read::{
    CaptureLimits, CaptureRead, Endpoint, Transport, UdpDatagram, read_capture_each,
};

/// Media announced in SDP inside SIP messages of a capture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SignalledMedia {
    /// Announced RTP endpoints (`c=` address with `m=audio` port).
    pub endpoints: Vec<Endpoint>,
    /// The frame of the SIP message whose SDP first announced each endpoint, in the
    /// order of [`SignalledMedia::endpoints`]: as in Wireshark, a flow to or from an
    /// endpoint is RTP from that frame on.
    pub announced_in: Vec<u64>,
    /// Clock rates from `a=rtpmap:<pt> <name>/<rate>` lines, by payload type.
    pub clock_rates: Vec<(u8, u32)>,
    /// Encoding names from `a=rtpmap`, by payload type (lower-case).
    pub encodings: Vec<(u8, String)>,
}

impl SignalledMedia {
    /// The clock rate for `pt`: from `a=rtpmap` when signalled, else the static RFC 3551
    /// rate, else `None`.
    pub fn clock_rate(&self, pt: u8) -> Option<u32> {
        self.clock_rates
            .iter()
            .find(|(p, _)| *p == pt)
            .map(|(_, r)| *r)
            .or_else(|| static_clock_rate(pt))
    }

    /// The signalled encoding name (lower-case) of `pt`, if any.
    pub fn encoding(&self, pt: u8) -> Option<&str> {
        self.encodings
            .iter()
            .find(|(p, _)| *p == pt)
            .map(|(_, n)| n.as_str())
    }
}

impl AsRef<SignalledMedia> for SignalledMedia {
    fn as_ref(&self) -> &SignalledMedia {
        self
    }
}

impl AsRef<SignalledMedia> for CaptureStreams {
    fn as_ref(&self) -> &SignalledMedia {
        &self.signalled
    }
}

/// Whether `payload` holds a SIP message as sip-core's tolerant reading takes a
/// datagram (a TCP segment that starts a message is read the same way: a body cut
/// short or without Content-Length is a diagnostic there, not a failure). Payloads that
/// cannot start with a method or `SIP/2.0` (RTP, RTCP, STUN, DTLS) are refused at their
/// first byte. This is how every reader of this crate tells the SIP datagrams of a
/// capture from the others.
///
/// ```
/// use capture::starts_sip_message;
///
/// assert!(starts_sip_message(b"OPTIONS sip:carol@example.com SIP/2.0\r\nCall-ID: a84b\r\n\r\n"));
/// // An RTP packet (version 2), a keep-alive and an HTTP request are not.
/// assert!(!starts_sip_message(&[0x80, 0x00, 0x12, 0x34]));
/// assert!(!starts_sip_message(b"\r\n\r\n"));
/// assert!(!starts_sip_message(b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"));
/// ```
pub fn starts_sip_message(payload: &[u8]) -> bool {
    if !payload.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut slots = Vec::new();
    sip_core::Parser::new()
        .quirks(sip_core::Quirks::ALL)
        .parse_datagram(payload, &mut slots)
        .is_ok()
}

/// The SIP messages a datagram of a capture carries, in order (see [`sip_messages`]).
#[derive(Debug, Clone)]
pub struct SipMessages<'a> {
    rest: &'a [u8],
    transport: Transport,
}

/// The SIP messages that `payload` carries over `transport`, as every reader of this
/// crate takes them: a UDP datagram carries one, the whole payload, when
/// [`starts_sip_message`] takes it (bytes after its body belong to it, RFC 3261 18.3),
/// and so does a WebSocket message ([`crate::CaptureRead::sip_over_websocket`], RFC
/// 7118 5);
/// a datagram of a TCP flow ([`crate::CaptureRead::sip_over_tcp`]) carries one after
/// the other, each as long as its Content-Length says (stream framing, line ends between
/// them skipped), a last one that is cut short (its flow lost a segment) or has no
/// Content-Length being what there is.
/// Each message is for sip-core's tolerant datagram reading.
///
/// ```
/// use capture::{Transport, sip_messages};
///
/// // A 180 and a 200 sent together in one TCP segment.
/// let ringing = "SIP/2.0 180 Ringing\r\nCall-ID: a\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
/// let ok = "SIP/2.0 200 OK\r\nCall-ID: a\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
/// let segment = format!("{ringing}{ok}");
/// let messages: Vec<&[u8]> = sip_messages(segment.as_bytes(), Transport::Tcp).collect();
/// assert_eq!(messages, [ringing.as_bytes(), ok.as_bytes()]);
/// // The same bytes in a UDP datagram are one message with bytes after its body.
/// assert_eq!(sip_messages(segment.as_bytes(), Transport::Udp).count(), 1);
/// ```
pub fn sip_messages(payload: &[u8], transport: Transport) -> SipMessages<'_> {
    SipMessages {
        rest: payload,
        transport,
    }
}

impl<'a> Iterator for SipMessages<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = std::mem::take(&mut self.rest);
        if self.transport != Transport::Tcp {
            return starts_sip_message(rest).then_some(rest);
        }
        let start = rest.iter().position(|b| !matches!(b, b'\r' | b'\n'))?;
        let rest = &rest[start..];
        if !starts_sip_message(rest) {
            return None;
        }
        let mut slots = Vec::new();
        let end = match sip_core::Parser::new()
            .quirks(sip_core::Quirks::ALL)
            .stream()
            .parse(rest, &mut slots)
        {
            Ok(sip_core::Status::Complete(m)) => m.consumed(),
            _ => rest.len(),
        };
        let (message, after) = rest.split_at(end);
        self.rest = after;
        Some(message)
    }
}

/// Reads the SDP of SIP messages (request or response, over UDP or TCP; a body of
/// `application/sdp` or a `multipart/*` part of it, RFC 5621) with sip-core's tolerant
/// parsers, as Wireshark's SIP and SDP dissectors set up RTP conversations: every
/// `m=audio` with a port and a connection address (media-level, else session-level) is
/// an endpoint, every codec of any media section maps its payload type (the first
/// mapping of a payload type in the capture is kept). A message or body that does not
/// read is skipped.
///
/// ```
/// use std::time::Duration;
/// use capture::{Endpoint, UdpDatagram, scan_sdp};
///
/// let sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\
///            m=audio 4000 RTP/AVP 0 96\r\na=rtpmap:96 opus/48000/2\r\n";
/// let invite = format!(
///     "INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: a\r\nCSeq: 1 INVITE\r\n\
///      c: application/sdp\r\nl: {}\r\n\r\n{sdp}",
///     sdp.len()
/// );
/// let at = |port| Endpoint { addr: "192.0.2.1".parse().unwrap(), port };
/// let datagram = UdpDatagram {
///     frame: 1,
///     time: Duration::ZERO,
///     src: at(5060),
///     dst: at(5062),
///     ipv6: false,
///     payload: invite.into_bytes(),
///     agent: None,
/// };
/// let media = scan_sdp(&[datagram]);
/// assert_eq!(media.endpoints, [at(4000)]);
/// assert_eq!(media.clock_rates, [(0, 8000), (96, 48000)]);
/// assert_eq!(media.encodings[1], (96, "opus".to_owned()));
/// ```
pub fn scan_sdp(datagrams: &[UdpDatagram]) -> SignalledMedia {
    let mut finder = StreamFinder::new(&CaptureLimits::default());
    for d in datagrams.iter().filter(|d| starts_sip_message(&d.payload)) {
        finder.scan_sdp(d.frame, &d.payload);
    }
    finder.signalled
}

/// How a stream was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Discovery {
    /// Its endpoint was announced in SDP.
    Signalled,
    /// It matched the RTP heuristic.
    Heuristic,
}

/// An RTP stream: one SSRC on one flow.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RtpStream {
    /// Sender.
    pub src: Endpoint,
    /// Receiver.
    pub dst: Endpoint,
    /// SSRC.
    pub ssrc: u32,
    /// How it was found.
    pub discovery: Discovery,
    /// Its packets in capture order.
    pub packets: Vec<StreamPacket>,
}

/// The streams of a capture plus the signalling found in it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CaptureStreams {
    /// Streams in order of their first packet.
    pub streams: Vec<RtpStream>,
    /// What SDP in the capture announced.
    pub signalled: SignalledMedia,
}

impl CaptureStreams {
    /// The clock rate for `pt`: from `a=rtpmap` when signalled, else the static RFC 3551
    /// rate, else `None`.
    pub fn clock_rate(&self, pt: u8) -> Option<u32> {
        self.signalled.clock_rate(pt)
    }

    /// The signalled encoding name (lower-case) of `pt`, if any.
    pub fn encoding(&self, pt: u8) -> Option<&str> {
        self.signalled.encoding(pt)
    }
}

/// The clock rate of a static payload type, as Wireshark's RTP analysis takes it: RFC
/// 3551's (sip-core's one table, DVI4 at 16 kHz for type 6), and 8000 Hz for the three
/// types RFC 3551 reserved that earlier profiles assigned (1: 1016, 2: G721, 19: the old
/// comfort noise), which deployed equipment still sends.
pub fn static_clock_rate(pt: u8) -> Option<u32> {
    match pt {
        1 | 2 | 19 => Some(8000),
        _ => sip_core::sdp::static_payload(pt).map(|s| s.clock_rate),
    }
}

/// The RTP packet a datagram holds, with Wireshark's two RTCP exclusions (RFC 5761 4):
/// a marker bit with payload type 64..=95 is RTCP (packet types 192..=223) on any flow,
/// and on a flow taken by the heuristic (`heuristic`) payload types 72..=76 are not
/// RTP whatever the marker, as Wireshark's RTP heuristic refuses them.
fn rtp_like(p: &[u8], heuristic: bool) -> Option<RtpPacket<'_>> {
    let pkt = RtpPacket::parse(p).ok()?;
    let pt = pkt.payload_type();
    let rtcp = pkt.marker() && (64..=95).contains(&pt);
    let refused_by_heuristic = heuristic && (72..=76).contains(&pt);
    (!rtcp && !refused_by_heuristic).then_some(pkt)
}

/// Reads a capture ([`read_capture_each`]) and finds its RTP streams with a
/// [`StreamFinder`]; also gives the time of the first datagram, the origin that analysis
/// times count from. Only the streams' packet records are kept (about 40 bytes per RTP
/// packet), not the capture's datagrams.
///
/// # Errors
/// As [`crate::read_capture`].
pub fn read_streams(
    reader: impl Read,
    limits: &CaptureLimits,
) -> Result<(CaptureStreams, Duration)> {
    let mut finder = StreamFinder::new(limits);
    let mut origin = None;
    let read = read_capture_each(reader, limits, |d, transport| {
        origin.get_or_insert(d.time);
        finder.push_over(&d, transport);
    })?;
    if let Some(e) = read.stopped {
        return Err(e);
    }
    Ok((finder.finish(), origin.unwrap_or_default()))
}

/// The RTP streams of a capture that was read: announced by the SDP of its SIP messages
/// over UDP and over TCP, or found by the heuristic.
pub fn streams_of(read: &CaptureRead, limits: &CaptureLimits) -> CaptureStreams {
    let mut finder = StreamFinder::new(limits);
    for (d, transport) in read.in_capture_order() {
        finder.push_over(d, transport);
    }
    finder.finish()
}

/// Finds the RTP streams in a list of datagrams (in capture order).
pub fn find_streams(datagrams: &[UdpDatagram], limits: &CaptureLimits) -> CaptureStreams {
    let mut finder = StreamFinder::new(limits);
    for d in datagrams {
        finder.push(d);
    }
    finder.finish()
}

/// A flow: sender and receiver.
type Flow = (Endpoint, Endpoint);

/// A packet that could not be placed when it arrived: no SDP had announced its flow's
/// endpoints yet. Whether it is RTP is decided at the end, when every announcement and
/// the heuristic's verdict on its flow are known.
#[derive(Debug, Clone, Copy)]
struct Pending {
    ssrc: u32,
    packet: StreamPacket,
    /// Whether the heuristic's RTP test (stricter than the signalled one) takes it.
    heuristic: bool,
}

/// The stream finder fed one datagram at a time, in capture order: the module's rules
/// (signalled from the announcing frame on, else heuristic) applied as the capture is
/// read, keeping only each stream's packet records and the datagrams of flows not yet
/// decided. [`find_streams`], [`streams_of`] and [`read_streams`] are built on it.
#[derive(Debug)]
pub struct StreamFinder {
    heuristic_min_packets: usize,
    signalled: SignalledMedia,
    /// Each announced endpoint with the frame of its first announcement.
    announced: HashMap<Endpoint, u64>,
    mapped: HashSet<u8>,
    /// The heuristic's run per flow and SSRC: last sequence number and run length.
    runs: HashMap<(Endpoint, Endpoint, u32), (u16, usize)>,
    accepted: HashSet<Flow>,
    /// Streams placed so far, by flow and SSRC.
    index: HashMap<(Endpoint, Endpoint, u32), usize>,
    streams: Vec<RtpStream>,
    /// Packets of flows no SDP had announced when they arrived, by flow in order of
    /// their first packet.
    pending: HashMap<Flow, usize>,
    pending_flows: Vec<(Flow, Vec<Pending>)>,
    /// Per stream: the frame of its first packet and the arrival of its last (kept when
    /// a stream is let go, for the order of streams and for the calls).
    first_frame: Vec<u64>,
    last_time: Vec<Duration>,
    /// The streams not let go, by index.
    open: Vec<usize>,
    /// Whether the finder lets streams go on the way ([`StreamFinder::letting_go`]).
    letting_go: bool,
}

/// How many packets of one undecided flow a finder that lets streams go keeps before
/// the heuristic takes the flow ([`StreamFinder::letting_go`]).
const PENDING_CAP: usize = 4096;

impl StreamFinder {
    /// A finder with the heuristic's run length from `limits`.
    pub fn new(limits: &CaptureLimits) -> Self {
        Self {
            heuristic_min_packets: limits.heuristic_min_packets.max(1),
            signalled: SignalledMedia::default(),
            announced: HashMap::new(),
            mapped: HashSet::new(),
            runs: HashMap::new(),
            accepted: HashSet::new(),
            index: HashMap::new(),
            streams: Vec::new(),
            pending: HashMap::new(),
            pending_flows: Vec::new(),
            first_frame: Vec::new(),
            last_time: Vec::new(),
            open: Vec::new(),
            letting_go: false,
        }
    }

    /// A finder whose memory is bounded by the streams in progress, not by the capture:
    /// [`StreamFinder::let_go_idle`] hands over streams that went quiet, and a flow the
    /// heuristic takes is RTP from then on, its undecided packets placed at once.
    ///
    /// Two readings differ from [`StreamFinder::new`]'s, both in captures where a flow
    /// is found by the heuristic before an SDP announces it (the batch reading waits
    /// for the end of the capture to decide): such a flow keeps the packets the
    /// heuristic took, where the batch reading starts it at the announcing frame; and
    /// of a flow not yet taken, at most 4096 packets wait for the heuristic's verdict.
    pub fn letting_go(limits: &CaptureLimits) -> Self {
        Self {
            letting_go: true,
            ..Self::new(limits)
        }
    }

    /// Takes the open streams whose last packet arrived at least `idle` before `now`
    /// and whose destination `held` does not keep (the endpoints of calls in progress),
    /// each with its index (the index a later [`StreamFinder::finish`] reorders, see
    /// [`StreamFinder::finish_ordered`]). A later packet of the same flow and SSRC
    /// starts a new stream.
    pub fn let_go_idle(
        &mut self,
        now: Duration,
        idle: Duration,
        held: impl Fn(&Endpoint) -> bool,
    ) -> Vec<(usize, RtpStream)> {
        let mut out = Vec::new();
        let streams = &mut self.streams;
        let last_time = &self.last_time;
        let index = &mut self.index;
        self.open.retain(|&i| {
            let quiet = last_time
                .get(i)
                .is_some_and(|t| now.saturating_sub(*t) >= idle);
            let Some(s) = streams.get_mut(i) else {
                return false;
            };
            if !quiet || held(&s.dst) {
                return true;
            }
            index.remove(&(s.src, s.dst, s.ssrc));
            let packets = std::mem::take(&mut s.packets);
            out.push((
                i,
                RtpStream {
                    src: s.src,
                    dst: s.dst,
                    ssrc: s.ssrc,
                    discovery: s.discovery,
                    packets,
                },
            ));
            false
        });
        out
    }

    /// Takes the next UDP datagram of the capture ([`StreamFinder::push_over`] with
    /// [`Transport::Udp`]).
    pub fn push(&mut self, d: &UdpDatagram) {
        self.push_over(d, Transport::Udp);
    }

    /// Takes the next datagram of the capture, carried over `transport`: a UDP datagram,
    /// or SIP messages of a TCP flow ([`crate::CaptureRead::sip_over_tcp`]), whose every
    /// message ([`sip_messages`]) is read for its SDP.
    pub fn push_over(&mut self, d: &UdpDatagram, transport: Transport) {
        let mut sip = false;
        for message in sip_messages(&d.payload, transport) {
            sip = true;
            self.scan_sdp(d.frame, message);
        }
        if !sip {
            self.push_media(d);
        }
    }

    /// Takes the next datagram of the capture that carries no SIP: a packet of a stream
    /// announced so far, or one the heuristic looks at.
    pub(crate) fn push_media(&mut self, d: &UdpDatagram) {
        // The heuristic: a run of RTP-looking packets of one SSRC with small sequence
        // steps. Each SSRC of a flow keeps its own run, so a flow that interleaves
        // sources (audio and RFC 4733 events under two SSRCs) or other protocols
        // (STUN, DTLS: RFC 7983 multiplexing) is still found.
        let flow = (d.src, d.dst);
        if !self.accepted.contains(&flow)
            && let Some(p) = rtp_like(&d.payload, true)
        {
            let run = self
                .runs
                .entry((d.src, d.dst, p.ssrc()))
                .or_insert((p.sequence_number(), 0));
            let step = p.sequence_number().wrapping_sub(run.0);
            // The same packet again (a capture on several interfaces, "any" on Linux,
            // sees it twice) is neither a step nor a break.
            if !(run.1 > 0 && step == 0) {
                if run.1 == 0 || (1..=100).contains(&step) {
                    run.1 += 1;
                } else {
                    run.1 = 1;
                }
                run.0 = p.sequence_number();
                if run.1 >= self.heuristic_min_packets {
                    self.accepted.insert(flow);
                }
            }
        }
        let Some(p) = rtp_like(&d.payload, false) else {
            return;
        };
        let packet = StreamPacket::of(&p, d.frame, d.time);
        let since = |e: &Endpoint| self.announced.get(e).copied();
        let (to, from) = (since(&d.dst), since(&d.src));
        if to.is_some_and(|f| f <= d.frame) || from.is_some_and(|f| f <= d.frame) {
            // Wireshark's RTP conversation for an announced endpoint starts at the
            // frame of the SDP that announced it.
            self.place(flow, p.ssrc(), packet, Discovery::Signalled);
            return;
        }
        let heuristic = rtp_like(&d.payload, true).is_some();
        if self.letting_go && self.accepted.contains(&flow) {
            // Decided now: the flow's waiting packets the heuristic takes, then this one.
            if let Some(i) = self.pending.remove(&flow)
                && let Some((_, waiting)) = self.pending_flows.get_mut(i)
            {
                for w in std::mem::take(waiting) {
                    if w.heuristic {
                        self.place(flow, w.ssrc, w.packet, Discovery::Heuristic);
                    }
                }
            }
            if heuristic {
                self.place(flow, p.ssrc(), packet, Discovery::Heuristic);
            }
            return;
        }
        let i = *self.pending.entry(flow).or_insert_with(|| {
            self.pending_flows.push((flow, Vec::new()));
            self.pending_flows.len() - 1
        });
        if self.letting_go && self.pending_flows[i].1.len() >= PENDING_CAP {
            return;
        }
        self.pending_flows[i].1.push(Pending {
            ssrc: p.ssrc(),
            packet,
            heuristic,
        });
    }

    fn place(&mut self, flow: Flow, ssrc: u32, packet: StreamPacket, discovery: Discovery) {
        let streams = &mut self.streams;
        let (first_frame, open) = (&mut self.first_frame, &mut self.open);
        let i = *self.index.entry((flow.0, flow.1, ssrc)).or_insert_with(|| {
            streams.push(RtpStream {
                src: flow.0,
                dst: flow.1,
                ssrc,
                discovery,
                packets: Vec::new(),
            });
            first_frame.push(packet.frame);
            open.push(streams.len() - 1);
            streams.len() - 1
        });
        if let Some(f) = self.first_frame.get_mut(i) {
            *f = (*f).min(packet.frame);
        }
        match self.last_time.get_mut(i) {
            Some(t) => *t = (*t).max(packet.time),
            None => self.last_time.push(packet.time),
        }
        streams[i].packets.push(packet);
    }

    /// The SDP of a SIP message, read with sip-core's tolerant parsers: every `m=audio`
    /// with a port and a connection address is an endpoint from this frame on, every
    /// codec maps its payload type (the first mapping in the capture is kept).
    fn scan_sdp(&mut self, frame: u64, message: &[u8]) {
        let parser = sip_core::Parser::new().quirks(sip_core::Quirks::ALL);
        let mut slots = Vec::new();
        if let Ok(message) = parser.parse_datagram(message, &mut slots) {
            self.scan_message(frame, &message);
        }
    }

    /// [`StreamFinder::scan_sdp`] of a message already read.
    pub(crate) fn scan_message(&mut self, frame: u64, message: &sip_core::Message<'_>) {
        let sdp_parser = sip_core::sdp::Parser::new().quirks(sip_core::sdp::Quirks::ALL);
        let Ok(Some(sdp)) = message.sdp_with(&sdp_parser) else {
            return;
        };
        for m in announced_media(&sdp) {
            for c in &m.codecs {
                if self.mapped.insert(c.payload_type) {
                    self.signalled
                        .clock_rates
                        .push((c.payload_type, c.clock_rate));
                    self.signalled
                        .encodings
                        .push((c.payload_type, c.name.to_ascii_lowercase()));
                }
            }
            if !m.media.eq_ignore_ascii_case("audio") || m.port == 0 {
                continue;
            }
            if let Some(addr) = m.address {
                let e = Endpoint { addr, port: m.port };
                if let std::collections::hash_map::Entry::Vacant(v) = self.announced.entry(e) {
                    v.insert(frame);
                    self.signalled.endpoints.push(e);
                    self.signalled.announced_in.push(frame);
                }
            }
        }
    }

    /// The media the SDP read so far announced.
    pub fn signalled(&self) -> &SignalledMedia {
        &self.signalled
    }

    /// The streams, in order of their first packet: the undecided packets are placed
    /// now that every announcement is known (a flow to or from an endpoint announced
    /// later is RTP from the announcing frame on, and not before), or taken by the
    /// heuristic when their flow passed it.
    pub fn finish(self) -> CaptureStreams {
        self.finish_ordered().0
    }

    /// [`StreamFinder::finish`], with the index each stream had on the way (as
    /// [`StreamFinder::let_go_idle`] gave it) in the order of the streams returned.
    /// Streams let go are returned without packets, in their place.
    pub fn finish_ordered(mut self) -> (CaptureStreams, Vec<usize>) {
        let pending = std::mem::take(&mut self.pending_flows);
        for (flow, packets) in pending {
            let since = |e: &Endpoint| self.announced.get(e).copied();
            let (to, from) = (since(&flow.1), since(&flow.0));
            let announced = to.is_some() || from.is_some();
            let heuristic = self.accepted.contains(&flow);
            for p in packets {
                let frame = p.packet.frame;
                if announced {
                    if to.is_some_and(|f| f <= frame) || from.is_some_and(|f| f <= frame) {
                        self.place(flow, p.ssrc, p.packet, Discovery::Signalled);
                    }
                } else if heuristic && p.heuristic {
                    self.place(flow, p.ssrc, p.packet, Discovery::Heuristic);
                }
            }
        }
        let mut streams = self.streams;
        // Packets placed at the end may belong before those placed on the way.
        for s in &mut streams {
            if !s.packets.is_sorted_by_key(|p| p.frame) {
                s.packets.sort_by_key(|p| p.frame);
            }
        }
        let mut order: Vec<usize> = (0..streams.len()).collect();
        order.sort_by_key(|&i| self.first_frame.get(i).copied().unwrap_or(u64::MAX));
        let mut slots: Vec<Option<RtpStream>> = streams.into_iter().map(Some).collect();
        let streams = order
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
            .collect();
        (
            CaptureStreams {
                streams,
                signalled: self.signalled,
            },
            order,
        )
    }
}
