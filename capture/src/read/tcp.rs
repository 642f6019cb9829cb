//! SIP over TCP: the messages of a TCP flow, a message that spans segments put back
//! together (a VoLTE INVITE with its SDP is often larger than one segment).
//!
//! Only what SIP needs is kept: a flow holds bytes only while a message that a segment
//! started is incomplete (its header section unfinished, or fewer body bytes than its
//! Content-Length), and takes the segments that follow it in sequence. A retransmitted
//! segment adds nothing; a gap in the sequence (a segment the capture lost), a message
//! over [`MAX_MESSAGE_BYTES`], or [`IDLE`] of capture time without its next segment
//! hands the message on as far as it goes, for the tolerant reading to take as it is.
//! At most [`MAX_FLOWS`] flows hold a message at once.

use std::time::Duration;

use foldhash::HashMap;

use super::{Endpoint, UdpDatagram};
use crate::streams::starts_sip_message;

/// The largest SIP message put back together (the largest a UDP datagram can carry).
pub(crate) const MAX_MESSAGE_BYTES: usize = 1 << 16;
/// Most flows holding an incomplete message at once; the oldest is handed on first.
pub(crate) const MAX_FLOWS: usize = 256;
/// Capture time after its last segment when an incomplete message is handed on.
pub(crate) const IDLE: Duration = Duration::from_secs(2);

/// One TCP segment with a payload.
pub(crate) struct Segment<'a> {
    pub(crate) frame: u64,
    pub(crate) time: Duration,
    pub(crate) src: Endpoint,
    pub(crate) dst: Endpoint,
    pub(crate) seq: u32,
    pub(crate) payload: &'a [u8],
}

/// An incomplete message of a flow.
struct Held {
    bytes: Vec<u8>,
    /// The sequence number its next byte has.
    next_seq: u32,
    /// The frame and time of its last segment.
    frame: u64,
    time: Duration,
}

/// The SIP messages of the TCP flows of a capture.
#[derive(Default)]
pub(crate) struct SipOverTcp {
    held: HashMap<(Endpoint, Endpoint), Held>,
}

impl SipOverTcp {
    /// Takes the next segment of the capture and pushes onto `out` what it completes,
    /// as datagrams of its flow: whole messages (those it holds or starts, one datagram
    /// for all it completes), and messages handed on as far as they go (a gap in a
    /// flow, one too large, or held longer than [`IDLE`]).
    pub(crate) fn push(&mut self, s: &Segment<'_>, out: &mut Vec<UdpDatagram>) {
        self.expire(s.time, out);
        if s.payload.is_empty() {
            return;
        }
        let key = (s.src, s.dst);
        let mut payload = s.payload;
        let mut bytes = match self.held.remove(&key) {
            Some(held) => {
                // Where the segment starts relative to the next byte the message needs
                // (sequence numbers wrap).
                let ahead = s.seq.wrapping_sub(held.next_seq) as i32;
                let behind = (ahead < 0).then(|| ahead.unsigned_abs() as usize);
                match behind {
                    // A retransmission: only what goes beyond the bytes held is new.
                    Some(n) if n >= payload.len() => {
                        self.held.insert(key, held);
                        return;
                    }
                    Some(n) => {
                        payload = &payload[n..];
                        held.bytes
                    }
                    None if ahead == 0 => held.bytes,
                    // A gap: the message goes as far as it got, and the segment is
                    // read on its own.
                    None => {
                        out.push(datagram(s, held.frame, held.time, held.bytes));
                        Vec::new()
                    }
                }
            }
            None => Vec::new(),
        };
        if bytes.is_empty() && !starts_sip_message(payload) {
            return;
        }
        if bytes.len() + payload.len() > MAX_MESSAGE_BYTES {
            // Too large to hold: what there is goes on as it is.
            bytes.extend_from_slice(&payload[..MAX_MESSAGE_BYTES.saturating_sub(bytes.len())]);
            out.push(datagram(s, s.frame, s.time, bytes));
            return;
        }
        bytes.extend_from_slice(payload);
        let whole = whole_messages(&bytes);
        let rest = bytes.split_off(whole);
        if !bytes.is_empty() {
            out.push(datagram(s, s.frame, s.time, bytes));
        }
        if rest.iter().all(|b| matches!(b, b'\r' | b'\n')) {
            return;
        }
        if self.held.len() >= MAX_FLOWS {
            self.hand_on_oldest(out);
        }
        let end = s.seq.wrapping_add(s.payload.len() as u32);
        self.held.insert(
            key,
            Held {
                bytes: rest,
                next_seq: end,
                frame: s.frame,
                time: s.time,
            },
        );
    }

    /// Hands on every message still held, oldest first (at the end of the capture).
    pub(crate) fn finish(&mut self, out: &mut Vec<UdpDatagram>) {
        while !self.held.is_empty() {
            self.hand_on_oldest(out);
        }
    }

    /// Hands on the messages held longer than [`IDLE`] before `now`, oldest first.
    pub(crate) fn expire(&mut self, now: Duration, out: &mut Vec<UdpDatagram>) {
        while self
            .held
            .values()
            .any(|h| now.saturating_sub(h.time) > IDLE)
        {
            self.hand_on_oldest(out);
        }
    }

    fn hand_on_oldest(&mut self, out: &mut Vec<UdpDatagram>) {
        let Some(key) = self
            .held
            .iter()
            .min_by_key(|(_, h)| h.frame)
            .map(|(k, _)| *k)
        else {
            return;
        };
        if let Some(h) = self.held.remove(&key) {
            out.push(UdpDatagram {
                frame: h.frame,
                time: h.time,
                src: key.0,
                dst: key.1,
                ipv6: key.0.addr.is_ipv6(),
                payload: h.bytes,
            });
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

fn datagram(s: &Segment<'_>, frame: u64, time: Duration, payload: Vec<u8>) -> UdpDatagram {
    UdpDatagram {
        frame,
        time,
        src: s.src,
        dst: s.dst,
        ipv6: s.src.addr.is_ipv6(),
        payload,
    }
}
