//! SIP over TCP: the messages of a TCP flow, a message that spans segments put back
//! together (a VoLTE INVITE with its SDP is often larger than one segment).
//!
//! A flow is followed from its first segment that starts a SIP message (or a WebSocket
//! upgrade or frame, or a HEP packet: see [`Carries`]): the sequence number it expects
//! next tells a retransmission (which adds only what goes beyond the bytes already
//! taken) from a segment that comes early. An early segment (one lost on the way and
//! sent again after those behind it, or segments the capture saw out of order) is held
//! until the bytes before it come, and then read in its place; up to [`MAX_EARLY`] of
//! them a flow. A segment that comes before the one that starts its flow's first message
//! (the capture saw the flow's first segments out of order) is kept a while too, when it
//! reads as text ([`Stray`]). Bytes are held only while a message is incomplete (its
//! header section unfinished, or fewer body bytes than its Content-Length) or a segment
//! waits for those before it. A gap that does not fill (a segment the capture lost) within
//! [`IDLE`] of capture time, or more early segments or bytes than a flow holds, hands
//! the message on as far as it goes, for the tolerant reading to take as it is, and the
//! reading goes on after the gap, from the first message that starts a line. At most
//! [`MAX_FLOWS`] flows are followed at once; the one whose last segment is oldest makes
//! room. The flows that HEP agents copied segment by segment ([`SipOverTcp::copied`]),
//! all agents together, are followed apart within as many.

use std::time::Duration;

use foldhash::HashMap;

use super::{Endpoint, Transport, UdpDatagram, websocket};
use crate::hep::{Agent, HEP3, hep3_length};
use crate::streams::starts_sip_message;

/// The largest SIP message put back together (the largest a UDP datagram can carry);
/// also the most bytes a flow holds, its message and its early segments together.
pub(crate) const MAX_MESSAGE_BYTES: usize = 1 << 16;
/// Most flows followed at once.
pub(crate) const MAX_FLOWS: usize = 256;
/// Most segments a flow holds that came before the bytes ahead of them.
pub(crate) const MAX_EARLY: usize = 32;
/// Capture time after its last segment when an incomplete message is handed on.
pub(crate) const IDLE: Duration = Duration::from_secs(2);
/// Most segments of flows not followed that are kept a while (see [`Stray`]).
pub(crate) const MAX_STRAYS: usize = 8;
/// Most HEP agents whose copied TCP flows are followed apart (see
/// [`SipOverTcp::agents`]); with their names (up to 64 KiB each) they take at most
/// 16 MiB.
pub(crate) const MAX_AGENTS: usize = 256;
/// The fewest bytes of a HEP copy of a TCP segment that a flow passes over when it holds
/// them already (a retransmission, see [`SipOverTcp::copied`]): a shorter one, a line
/// end for instance, may well be new bytes that happen to be the same.
const MIN_RETRANSMITTED: usize = 8;

/// What tells a flow: its source and destination, and the HEP agent that copied it (its
/// number in [`SipOverTcp::agents`] from 1; 0 for a flow captured itself).
type FlowKey = (Endpoint, Endpoint, u16);

/// One TCP segment.
pub(crate) struct Segment<'a> {
    pub(crate) frame: u64,
    pub(crate) time: Duration,
    pub(crate) src: Endpoint,
    pub(crate) dst: Endpoint,
    pub(crate) seq: u32,
    pub(crate) payload: &'a [u8],
    /// The HEP agent that copied it (see [`FlowKey`]); 0 for a segment captured itself.
    pub(crate) agent: u16,
}

/// A segment that came before the bytes ahead of it, held with what it carries.
struct Early {
    seq: u32,
    frame: u64,
    time: Duration,
    payload: Vec<u8>,
}

/// A TCP flow that carries SIP.
struct Flow {
    /// The sequence number of the byte it expects next.
    next_seq: u32,
    /// The frame and time of its last segment.
    frame: u64,
    time: Duration,
    /// The start of a message its segments have not completed yet.
    held: Vec<u8>,
    /// Segments ahead of `next_seq`, in the order they came.
    early: Vec<Early>,
    /// What its bytes are.
    carries: Carries,
    /// The HEP agent that copied it (see [`SipOverTcp::agents`]), which the messages it
    /// gives keep.
    agent: Option<Agent>,
}

/// A segment of a flow not followed whose bytes read as text, kept for [`IDLE`] of
/// capture time: when the flow's segment that starts a message comes after it (the
/// capture saw the flow's first segments out of order), it is one of that flow's early
/// segments. At most [`MAX_STRAYS`] are kept, the oldest making room.
struct Stray {
    key: FlowKey,
    seq: u32,
    frame: u64,
    time: Duration,
    payload: Vec<u8>,
}

/// Whether a segment's first bytes (up to 16) are text: visible ASCII, space, tab, CR
/// or LF, as a piece of a SIP message mostly is.
fn reads_as_text(payload: &[u8]) -> bool {
    !payload.is_empty()
        && payload
            .iter()
            .take(16)
            .all(|&b| (b' '..0x7f).contains(&b) || matches!(b, b'\t' | b'\r' | b'\n'))
}

/// What the bytes of a flow are.
enum Carries {
    /// SIP messages.
    Sip,
    /// WebSocket frames of SIP messages, with the message its frames are carrying
    /// (`held` is then a frame not yet whole).
    WebSocket(websocket::Messages),
    /// HEP packets, as a capture agent sends them to a Homer collector over TCP (`held`
    /// is then a packet not yet whole).
    Hep,
}

impl Flow {
    /// A message of this flow (`key`), at `frame` and `time`, with its agent.
    fn datagram(&self, key: FlowKey, frame: u64, time: Duration, payload: Vec<u8>) -> UdpDatagram {
        UdpDatagram {
            frame,
            time,
            src: key.0,
            dst: key.1,
            ipv6: key.0.addr.is_ipv6(),
            payload,
            agent: self.agent.clone(),
        }
    }

    /// Whether it holds anything: a message not yet complete or an early segment.
    fn holds(&self) -> bool {
        !self.held.is_empty()
            || !self.early.is_empty()
            || matches!(&self.carries, Carries::WebSocket(ws) if ws.holds())
    }

    /// Hands on the message it holds as far as it goes, at the frame and time of its
    /// last segment.
    fn hand_on(&mut self, key: FlowKey, out: &mut Vec<(UdpDatagram, Transport)>) {
        let held = std::mem::take(&mut self.held);
        let (message, transport) = match &mut self.carries {
            Carries::WebSocket(ws) => (ws.cut(&held), Transport::Ws),
            // A HEP packet cut short cannot be opened.
            Carries::Hep => (None, Transport::Tcp),
            Carries::Sip => ((!held.is_empty()).then_some(held), Transport::Tcp),
        };
        if let Some(message) = message {
            out.push((
                self.datagram(key, self.frame, self.time, message),
                transport,
            ));
        }
    }

    /// The bytes it holds.
    fn held_bytes(&self) -> usize {
        self.held.len() + self.early.iter().map(|e| e.payload.len()).sum::<usize>()
    }

    /// The capture time of the last segment it took or holds.
    fn last_time(&self) -> Duration {
        self.early
            .iter()
            .map(|e| e.time)
            .fold(self.time, Duration::max)
    }
}

/// Where `seq` is relative to `next` (sequence numbers wrap): negative before it.
fn ahead(seq: u32, next: u32) -> i32 {
    seq.wrapping_sub(next) as i32
}

/// The SIP messages of the TCP flows of a capture.
#[derive(Default)]
pub(crate) struct SipOverTcp {
    flows: HashMap<FlowKey, Flow>,
    /// How many flows hold something (so that time passing costs nothing when none
    /// does).
    holding: usize,
    /// The TCP flows that HEP agents copied to a collector, each HEP packet the next
    /// bytes of its flow at the agent ([`SipOverTcp::copied`]); their flows carry no HEP
    /// of their own.
    copied: Option<Box<SipOverTcp>>,
    /// Whether these are such copied flows.
    nested: bool,
    /// The HEP agents of copied flows, in the order they first came: the flows of each
    /// are followed apart (two agents may copy the same flow), those of the first
    /// [`MAX_AGENTS`]; the flows of any agent after them are followed as of one agent,
    /// whose messages have none.
    agents: Vec<Option<Agent>>,
    /// Segments of flows not followed, oldest first.
    strays: std::collections::VecDeque<Stray>,
}

impl SipOverTcp {
    /// Takes the next TCP segment of the capture and pushes onto `out` what it
    /// completes, as datagrams of its flow: the whole messages it completes or holds
    /// (one datagram for all of them, with the early segments it lets be read), and
    /// messages handed on as far as they go (a gap before them that did not fill, one
    /// too large, or one held longer than [`IDLE`]).
    pub(crate) fn push(&mut self, s: &Segment<'_>, out: &mut Vec<(UdpDatagram, Transport)>) {
        self.expire(s.time, out);
        if s.payload.is_empty() {
            return;
        }
        let key = (s.src, s.dst, s.agent);
        while let Some(flow) = self.flows.get_mut(&key)
            && ahead(s.seq, flow.next_seq) > 0
        {
            let was_holding = flow.holds();
            if flow.early.len() < MAX_EARLY
                && flow.held_bytes() + s.payload.len() <= MAX_MESSAGE_BYTES
            {
                // Early: held until the bytes before it come.
                flow.early.push(Early {
                    seq: s.seq,
                    frame: s.frame,
                    time: s.time,
                    payload: s.payload.to_vec(),
                });
                if !was_holding {
                    self.holding += 1;
                }
                return;
            }
            // No room to wait: the gap is taken as it is, up to the first early segment
            // (and on, if this one is ahead of them all) or this one.
            if flow.early.is_empty() {
                flow.next_seq = s.seq;
                flow.hand_on(key, out);
                if was_holding && !flow.holds() {
                    self.holding -= 1;
                }
            } else {
                self.skip_gap(key, out);
            }
        }
        self.take(key, s.frame, s.time, s.seq, s.payload, out);
        self.read_early(key, Some((s.frame, s.time)), out);
    }

    /// Takes a SIP message, or a part of one, that a HEP agent copied from a TCP flow it
    /// saw (`d`, at the agent's addresses, ports and time), and pushes onto `out` what it
    /// completes, as [`SipOverTcp::push`] does.
    ///
    /// HEP carries no sequence numbers: each packet's payload is taken as the bytes of
    /// its flow that follow those of the packet before. Agents that copy whole messages
    /// (Kamailio's and OpenSIPS' `siptrace`, FreeSWITCH, Asterisk, heplify with its TCP
    /// reassembly) send one message a packet, read as it comes; heplify with its
    /// reassembly off (`-disable-tcp-reasm`) sends one packet a TCP segment, and a message
    /// over several segments is put back together here. Since nothing tells a
    /// retransmitted segment, a packet whose bytes the flow holds already at the start or
    /// at the end of the message it is putting together is passed over; and since an
    /// agent of whole messages may copy one cut short, a packet that starts a message
    /// hands on the one held before it as far as it goes.
    ///
    /// The flows of each agent ([`UdpDatagram::agent`]) are followed apart (see
    /// [`SipOverTcp::agents`]); what they give keeps their agent.
    pub(crate) fn copied(&mut self, d: UdpDatagram, out: &mut Vec<(UdpDatagram, Transport)>) {
        let copied = self.copied.get_or_insert_with(|| {
            Box::new(SipOverTcp {
                nested: true,
                ..SipOverTcp::default()
            })
        });
        let slot = match copied.agents.iter().position(|a| *a == d.agent) {
            Some(i) => i + 1,
            None if copied.agents.len() < MAX_AGENTS => {
                copied.agents.push(d.agent.clone());
                copied.agents.len()
            }
            None => MAX_AGENTS + 1,
        };
        copied.copied_in_order(&d, slot as u16, out);
    }

    /// The agent that copied the flows of `key` (see [`SipOverTcp::agents`]).
    fn agent(&self, key: FlowKey) -> Option<Agent> {
        let slot = usize::from(key.2);
        self.agents.get(slot.checked_sub(1)?).cloned().flatten()
    }

    /// [`SipOverTcp::copied`] in the flows of agent `slot`.
    fn copied_in_order(
        &mut self,
        d: &UdpDatagram,
        slot: u16,
        out: &mut Vec<(UdpDatagram, Transport)>,
    ) {
        let key = (d.src, d.dst, slot);
        let mut seq = 0;
        if let Some(flow) = self.flows.get_mut(&key) {
            let held = &flow.held;
            if matches!(flow.carries, Carries::Sip) && !held.is_empty() {
                if d.payload.len() >= MIN_RETRANSMITTED
                    && (held.starts_with(&d.payload) || held.ends_with(&d.payload))
                {
                    return;
                }
                if starts_sip_message(&d.payload) {
                    flow.hand_on(key, out);
                    if !flow.holds() {
                        self.holding -= 1;
                    }
                }
            }
            seq = flow.next_seq;
        }
        self.push(
            &Segment {
                frame: d.frame,
                time: d.time,
                src: d.src,
                dst: d.dst,
                seq,
                payload: &d.payload,
                agent: slot,
            },
            out,
        );
    }

    /// Reads the early segments of flow `key` that the bytes taken have reached, in
    /// sequence order: as parts of the segment at `(frame, time)` that let them be read,
    /// or with `None` each where it was captured.
    fn read_early(
        &mut self,
        key: FlowKey,
        at: Option<(u64, Duration)>,
        out: &mut Vec<(UdpDatagram, Transport)>,
    ) {
        while let Some(flow) = self.flows.get_mut(&key) {
            let next = flow.next_seq;
            let Some(i) = flow
                .early
                .iter()
                .enumerate()
                .filter(|(_, e)| ahead(e.seq, next) <= 0)
                .min_by_key(|(_, e)| ahead(e.seq, next))
                .map(|(i, _)| i)
            else {
                return;
            };
            let e = flow.early.swap_remove(i);
            if !flow.holds() {
                self.holding -= 1;
            }
            let (frame, time) = at.unwrap_or((e.frame, e.time));
            self.take(key, frame, time, e.seq, &e.payload, out);
        }
    }

    /// Takes flow `key` past the gap before its first early segment: hands on the
    /// message it holds as far as it goes, and reads its early segments from the first,
    /// each where it was captured, until it waits for none or before another gap.
    fn skip_gap(&mut self, key: FlowKey, out: &mut Vec<(UdpDatagram, Transport)>) {
        let Some(flow) = self.flows.get_mut(&key) else {
            return;
        };
        let next = flow.next_seq;
        let Some(first) = flow
            .early
            .iter()
            .map(|e| e.seq)
            .min_by_key(|&s| ahead(s, next))
        else {
            return;
        };
        flow.next_seq = first;
        flow.hand_on(key, out);
        self.read_early(key, None, out);
    }

    /// Takes a segment of flow `key` that starts at or before the byte it expects next
    /// (or starts the flow).
    fn take(
        &mut self,
        key: FlowKey,
        frame: u64,
        time: Duration,
        seq: u32,
        payload: &[u8],
        out: &mut Vec<(UdpDatagram, Transport)>,
    ) {
        let end = seq.wrapping_add(payload.len() as u32);
        let mut payload = payload;
        let new = !self.flows.contains_key(&key);
        let mut flow = match self.flows.remove(&key) {
            Some(flow) => {
                if flow.holds() {
                    self.holding -= 1;
                }
                let ahead = ahead(seq, flow.next_seq);
                if ahead < 0 {
                    // A retransmission: only what goes beyond the bytes taken is new.
                    let taken = ahead.unsigned_abs() as usize;
                    if taken >= payload.len() {
                        self.follow(key, flow, new, out);
                        return;
                    }
                    payload = &payload[taken..];
                }
                flow
            }
            None => {
                let carries = if starts_sip_message(payload) {
                    Carries::Sip
                } else if !self.nested
                    && let Some(at) = first_hep_packet(payload)
                {
                    // From its first packet (a capture started after the agent
                    // connected starts inside one).
                    payload = &payload[at..];
                    Carries::Hep
                } else if let Some(upgrade) = websocket::upgrade_to_sip(payload) {
                    // The HTTP upgrade itself carries no SIP.
                    payload = &payload[upgrade..];
                    Carries::WebSocket(websocket::Messages::default())
                } else if websocket::starts_sip_frame(payload) {
                    Carries::WebSocket(websocket::Messages::default())
                } else {
                    // Not a flow that carries SIP (or not from its start): not followed,
                    // but kept a while in case the segment that starts its message
                    // comes after it.
                    self.keep_stray(key, frame, time, seq, payload);
                    return;
                };
                Flow {
                    next_seq: end,
                    frame,
                    time,
                    held: Vec::new(),
                    early: Vec::new(),
                    carries,
                    agent: self.agent(key),
                }
            }
        };
        (flow.next_seq, flow.frame, flow.time) = (end, frame, time);
        if new {
            self.adopt_strays(key, time, &mut flow);
        }
        let mut bytes = std::mem::take(&mut flow.held);
        if let Carries::Hep = flow.carries {
            // After a gap, reading goes on from the next packet (`hep_packets`).
            bytes.extend_from_slice(payload);
            let read = hep_packets(&bytes, |packet| {
                match super::hep_message(packet, frame, time) {
                    Some((message, Transport::Tcp)) => self.copied(message, out),
                    Some(message) => out.push(message),
                    None => {}
                }
            });
            flow.held = bytes.split_off(read);
            self.follow(key, flow, new, out);
            return;
        }
        if let Carries::WebSocket(ws) = &mut flow.carries {
            if bytes.is_empty() && !ws.holds() && !websocket::may_start_frame(payload) {
                // After a gap, bytes that start no frame: passed over.
                self.follow(key, flow, new, out);
                return;
            }
            bytes.extend_from_slice(payload);
            let mut done = Vec::new();
            let read = ws.read(&bytes, &mut done).unwrap_or(bytes.len());
            for message in done {
                out.push((flow.datagram(key, frame, time, message), Transport::Ws));
            }
            flow.held = bytes.split_off(read);
            self.follow(key, flow, new, out);
            return;
        }
        if bytes.is_empty() && !starts_sip_message(payload) {
            // Between messages (after a gap), bytes that start none: passed over, up to
            // the start of a message on a line of its own, if the segment has one.
            match next_message(payload) {
                Some(at) => payload = &payload[at..],
                None => {
                    self.follow(key, flow, new, out);
                    return;
                }
            }
        }
        if bytes.len() + payload.len() > MAX_MESSAGE_BYTES {
            // Too large to hold: what there is goes on as it is.
            let room = MAX_MESSAGE_BYTES.saturating_sub(bytes.len());
            bytes.extend_from_slice(&payload[..room.min(payload.len())]);
            out.push((flow.datagram(key, frame, time, bytes), Transport::Tcp));
            self.follow(key, flow, new, out);
            return;
        }
        bytes.extend_from_slice(payload);
        let rest = bytes.split_off(whole_messages(&bytes));
        if !bytes.is_empty() {
            out.push((flow.datagram(key, frame, time, bytes), Transport::Tcp));
        }
        if !rest.iter().all(|b| matches!(b, b'\r' | b'\n')) {
            flow.held = rest;
        }
        self.follow(key, flow, new, out);
    }

    /// Keeps a segment of a flow not followed, when its bytes read as text (see
    /// [`Stray`]), letting go of those older than [`IDLE`] by then.
    fn keep_stray(&mut self, key: FlowKey, frame: u64, time: Duration, seq: u32, payload: &[u8]) {
        if self.nested || payload.len() > MAX_MESSAGE_BYTES || !reads_as_text(payload) {
            return;
        }
        self.strays.retain(|s| time.saturating_sub(s.time) <= IDLE);
        // The oldest makes room, and its buffer takes the bytes.
        let mut bytes = match self.strays.len() {
            MAX_STRAYS.. => self.strays.pop_front().map(|s| s.payload),
            _ => None,
        }
        .unwrap_or_default();
        bytes.clear();
        bytes.extend_from_slice(payload);
        self.strays.push_back(Stray {
            key,
            seq,
            frame,
            time,
            payload: bytes,
        });
    }

    /// Makes the kept segments of flow `key` that start at or after the byte it expects
    /// next (within the bytes a flow holds, and kept no longer than [`IDLE`] before
    /// `now`) its early segments, read in their place once the bytes before them have
    /// come; the others are let go.
    fn adopt_strays(&mut self, key: FlowKey, now: Duration, flow: &mut Flow) {
        if !self.strays.iter().any(|s| s.key == key) {
            return;
        }
        let next = flow.next_seq;
        for s in std::mem::take(&mut self.strays) {
            if s.key != key {
                self.strays.push_back(s);
                continue;
            }
            let ahead = ahead(s.seq, next);
            if now.saturating_sub(s.time) <= IDLE
                && ahead >= 0
                && (ahead as usize) < MAX_MESSAGE_BYTES
                && flow.early.len() < MAX_EARLY
                && flow.held_bytes() + s.payload.len() <= MAX_MESSAGE_BYTES
            {
                flow.early.push(Early {
                    seq: s.seq,
                    frame: s.frame,
                    time: s.time,
                    payload: s.payload,
                });
            }
        }
    }

    /// Puts flow `key` back (`new`: a flow not followed before, for which the one whose
    /// last segment is oldest makes room when [`MAX_FLOWS`] are followed).
    fn follow(
        &mut self,
        key: FlowKey,
        flow: Flow,
        new: bool,
        out: &mut Vec<(UdpDatagram, Transport)>,
    ) {
        if new && self.flows.len() >= MAX_FLOWS {
            self.drop_oldest(out);
        }
        if flow.holds() {
            self.holding += 1;
        }
        self.flows.insert(key, flow);
    }

    /// Hands on everything still held, oldest first (at the end of the capture), the
    /// copied flows' last.
    pub(crate) fn finish(&mut self, out: &mut Vec<(UdpDatagram, Transport)>) {
        self.finish_own(out);
        if let Some(copied) = self.copied.as_mut() {
            copied.finish_own(out);
        }
    }

    /// [`SipOverTcp::finish`] of its own flows.
    fn finish_own(&mut self, out: &mut Vec<(UdpDatagram, Transport)>) {
        while self.holding > 0 {
            let Some(key) = self.oldest(|_| true) else {
                return;
            };
            self.flush(key, out);
        }
    }

    /// Hands on what flows have held longer than [`IDLE`] before `now` without their
    /// next segment, oldest first: a gap is taken as it is, a message goes on as far as
    /// it got.
    pub(crate) fn expire(&mut self, now: Duration, out: &mut Vec<(UdpDatagram, Transport)>) {
        let idle = |f: &Flow| now.saturating_sub(f.last_time()) > IDLE;
        while self.holding > 0 {
            let Some(key) = self.oldest(idle) else {
                return;
            };
            self.flush(key, out);
        }
    }

    /// The flow that holds something and passes `which` whose last segment is oldest.
    fn oldest(&self, which: impl Fn(&Flow) -> bool) -> Option<FlowKey> {
        self.flows
            .iter()
            .filter(|(_, f)| f.holds() && which(f))
            .min_by_key(|(_, f)| f.frame)
            .map(|(k, _)| *k)
    }

    /// Hands on everything flow `key` holds: its gaps taken as they are, then its
    /// message as far as it goes.
    fn flush(&mut self, key: FlowKey, out: &mut Vec<(UdpDatagram, Transport)>) {
        while self.flows.get(&key).is_some_and(|f| !f.early.is_empty()) {
            self.skip_gap(key, out);
        }
        if let Some(f) = self.flows.get_mut(&key)
            && f.holds()
        {
            self.holding -= 1;
            f.hand_on(key, out);
        }
    }

    /// Stops following the flow whose last segment is oldest, handing on what it holds.
    fn drop_oldest(&mut self, out: &mut Vec<(UdpDatagram, Transport)>) {
        let Some(key) = self
            .flows
            .iter()
            .min_by_key(|(_, f)| f.frame)
            .map(|(k, _)| *k)
        else {
            return;
        };
        self.flush(key, out);
        self.flows.remove(&key);
    }
}

/// Where the first HEP3 packet of a segment that starts no flow begins: at its start, or
/// (a capture started after the agent connected) the first whole packet in it that
/// [`crate::hep::parse_hep`] reads.
fn first_hep_packet(payload: &[u8]) -> Option<usize> {
    if payload.starts_with(HEP3) {
        return Some(0);
    }
    memchr::memmem::find_iter(payload, HEP3).find(|&at| {
        let rest = &payload[at..];
        hep3_length(rest)
            .and_then(|len| rest.get(..len))
            .is_some_and(|packet| crate::hep::parse_hep(packet).is_ok())
    })
}

/// Hands each whole HEP3 packet at the start of `bytes`, one after the other, to `each`;
/// returns how many bytes it read (the rest is the start of a packet not yet whole). A
/// length that cannot be a packet's (less than its header) is passed over, to the next
/// `HEP3` if any, as are bytes that do not start one.
fn hep_packets(bytes: &[u8], mut each: impl FnMut(&[u8])) -> usize {
    let mut at = 0;
    loop {
        let rest = &bytes[at..];
        if !rest.starts_with(HEP3) {
            if HEP3.starts_with(rest) {
                // Empty, or the start of `HEP3` in a segment's last bytes.
                return at;
            }
            match memchr::memmem::find(&rest[1..], HEP3) {
                Some(next) => at += 1 + next,
                None => return bytes.len(),
            }
            continue;
        }
        let Some(len) = hep3_length(rest) else {
            return at;
        };
        if len < 6 {
            at += 1;
            continue;
        }
        let Some(packet) = rest.get(..len) else {
            return at;
        };
        each(packet);
        at += len;
    }
}

/// Where the first SIP message that starts a line of `payload` (after its first byte)
/// starts: the reading goes on there after a gap that cut the message before it.
fn next_message(payload: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'\n', payload)
        .map(|lf| lf + 1)
        .filter(|&at| payload.get(at).is_some_and(u8::is_ascii_alphabetic))
        .find(|&at| starts_sip_message(&payload[at..]))
}

/// How many of `bytes` (which start a SIP message) are whole messages one after the
/// other, with stream framing (each as long as its Content-Length says; line ends
/// between them skipped). A message that stream framing cannot delimit (no
/// Content-Length) runs to the end: it is taken as whole, as the segment holds it.
fn whole_messages(bytes: &[u8]) -> usize {
    let parser = sip_core::Parser::new()
        .quirks(sip_core::Quirks::ALL)
        .stream();
    let mut slots = Vec::new();
    let mut end = 0;
    loop {
        let rest = &bytes[end..];
        let Some(start) = rest.iter().position(|b| !matches!(b, b'\r' | b'\n')) else {
            return bytes.len();
        };
        match parser.parse(&rest[start..], &mut slots) {
            Ok(sip_core::Status::Complete(m)) => end += start + m.consumed(),
            Ok(sip_core::Status::Partial) => return end,
            Err(_) => return bytes.len(),
        }
    }
}
