//! SIP over TCP: the messages of a TCP flow, a message that spans segments put back
//! together (a VoLTE INVITE with its SDP is often larger than one segment).
//!
//! A flow is followed from its first segment that starts a SIP message: the sequence
//! number it expects next tells a retransmission (which adds only what goes beyond the
//! bytes already taken) from a gap (a segment the capture lost). Bytes are held only
//! while a message is incomplete (its header section unfinished, or fewer body bytes
//! than its Content-Length). A gap, a message over [`MAX_MESSAGE_BYTES`], or [`IDLE`] of
//! capture time without its next segment hands the message on as far as it goes, for
//! the tolerant reading to take as it is. At most [`MAX_FLOWS`] flows are followed at
//! once; the one whose last segment is oldest makes room.

use std::time::Duration;

use foldhash::HashMap;

use super::{Endpoint, UdpDatagram};
use crate::streams::starts_sip_message;

/// The largest SIP message put back together (the largest a UDP datagram can carry).
pub(crate) const MAX_MESSAGE_BYTES: usize = 1 << 16;
/// Most flows followed at once.
pub(crate) const MAX_FLOWS: usize = 256;
/// Capture time after its last segment when an incomplete message is handed on.
pub(crate) const IDLE: Duration = Duration::from_secs(2);

/// One TCP segment.
pub(crate) struct Segment<'a> {
    pub(crate) frame: u64,
    pub(crate) time: Duration,
    pub(crate) src: Endpoint,
    pub(crate) dst: Endpoint,
    pub(crate) seq: u32,
    pub(crate) payload: &'a [u8],
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
}

/// The SIP messages of the TCP flows of a capture.
#[derive(Default)]
pub(crate) struct SipOverTcp {
    flows: HashMap<(Endpoint, Endpoint), Flow>,
    /// How many flows hold an incomplete message (so that time passing costs nothing
    /// when none does).
    holding: usize,
}

impl SipOverTcp {
    /// Takes the next TCP segment of the capture and pushes onto `out` what it
    /// completes, as datagrams of its flow: the whole messages it completes or holds
    /// (one datagram for all of them), and messages handed on as far as they go (a gap
    /// before it, one too large, or one held longer than [`IDLE`]).
    pub(crate) fn push(&mut self, s: &Segment<'_>, out: &mut Vec<UdpDatagram>) {
        self.expire(s.time, out);
        if s.payload.is_empty() {
            return;
        }
        let key = (s.src, s.dst);
        let end = s.seq.wrapping_add(s.payload.len() as u32);
        let mut payload = s.payload;
        let mut bytes = Vec::new();
        let mut starts_sip = false;
        if let Some(flow) = self.flows.get_mut(&key) {
            // Where the segment starts relative to the next byte the flow expects
            // (sequence numbers wrap).
            let ahead = s.seq.wrapping_sub(flow.next_seq) as i32;
            if ahead < 0 {
                // A retransmission: only what goes beyond the bytes taken is new.
                let taken = ahead.unsigned_abs() as usize;
                if taken >= payload.len() {
                    return;
                }
                payload = &payload[taken..];
            }
            bytes = std::mem::take(&mut flow.held);
            if !bytes.is_empty() {
                self.holding -= 1;
                if ahead > 0 {
                    // A gap: the message goes as far as it got, and the segment is read
                    // on its own.
                    out.push(datagram(key, flow.frame, flow.time, bytes));
                    bytes = Vec::new();
                }
            }
        } else if starts_sip_message(payload) {
            starts_sip = true;
        } else {
            // Not a flow that carries SIP (or not from its start): not followed.
            return;
        }
        if bytes.is_empty() && !starts_sip && !starts_sip_message(payload) {
            // Between messages, bytes that start none: passed over.
            self.follow(key, s, end, Vec::new(), out);
            return;
        }
        if bytes.len() + payload.len() > MAX_MESSAGE_BYTES {
            // Too large to hold: what there is goes on as it is.
            let room = MAX_MESSAGE_BYTES.saturating_sub(bytes.len());
            bytes.extend_from_slice(&payload[..room.min(payload.len())]);
            out.push(datagram(key, s.frame, s.time, bytes));
            self.follow(key, s, end, Vec::new(), out);
            return;
        }
        bytes.extend_from_slice(payload);
        let rest = bytes.split_off(whole_messages(&bytes));
        if !bytes.is_empty() {
            out.push(datagram(key, s.frame, s.time, bytes));
        }
        let held = if rest.iter().all(|b| matches!(b, b'\r' | b'\n')) {
            Vec::new()
        } else {
            rest
        };
        self.follow(key, s, end, held, out);
    }

    /// Records where flow `key` stands after segment `s`, and the message it holds.
    fn follow(
        &mut self,
        key: (Endpoint, Endpoint),
        s: &Segment<'_>,
        next_seq: u32,
        held: Vec<u8>,
        out: &mut Vec<UdpDatagram>,
    ) {
        if !self.flows.contains_key(&key) && self.flows.len() >= MAX_FLOWS {
            self.drop_oldest(out);
        }
        if !held.is_empty() {
            self.holding += 1;
        }
        self.flows.insert(
            key,
            Flow {
                next_seq,
                frame: s.frame,
                time: s.time,
                held,
            },
        );
    }

    /// Hands on every message still held, oldest first (at the end of the capture).
    pub(crate) fn finish(&mut self, out: &mut Vec<UdpDatagram>) {
        while self.holding > 0 {
            self.hand_on_oldest(out, |_| true);
        }
    }

    /// Hands on the messages held longer than [`IDLE`] before `now`, oldest first.
    pub(crate) fn expire(&mut self, now: Duration, out: &mut Vec<UdpDatagram>) {
        let idle = |f: &Flow| now.saturating_sub(f.time) > IDLE;
        while self.holding > 0 && self.flows.values().any(|f| !f.held.is_empty() && idle(f)) {
            self.hand_on_oldest(out, idle);
        }
    }

    /// Hands on the message of the oldest flow that holds one and passes `which`.
    fn hand_on_oldest(&mut self, out: &mut Vec<UdpDatagram>, which: impl Fn(&Flow) -> bool) {
        let oldest = self
            .flows
            .iter_mut()
            .filter(|(_, f)| !f.held.is_empty() && which(f))
            .min_by_key(|(_, f)| f.frame);
        if let Some((key, f)) = oldest {
            self.holding -= 1;
            out.push(datagram(*key, f.frame, f.time, std::mem::take(&mut f.held)));
        }
    }

    /// Stops following the flow whose last segment is oldest, handing on its message.
    fn drop_oldest(&mut self, out: &mut Vec<UdpDatagram>) {
        let Some(key) = self
            .flows
            .iter()
            .min_by_key(|(_, f)| f.frame)
            .map(|(k, _)| *k)
        else {
            return;
        };
        if let Some(f) = self.flows.remove(&key)
            && !f.held.is_empty()
        {
            self.holding -= 1;
            out.push(datagram(key, f.frame, f.time, f.held));
        }
    }
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

fn datagram(
    key: (Endpoint, Endpoint),
    frame: u64,
    time: Duration,
    payload: Vec<u8>,
) -> UdpDatagram {
    UdpDatagram {
        frame,
        time,
        src: key.0,
        dst: key.1,
        ipv6: key.0.addr.is_ipv6(),
        payload,
    }
}
