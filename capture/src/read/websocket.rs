//! SIP over WebSocket (RFC 7118), as WebRTC phones and browsers send it: a TCP flow
//! that an HTTP Upgrade to the `sip` subprotocol opened carries WebSocket frames
//! (RFC 6455), and each WebSocket message (one frame, or a first frame and its
//! continuations) is one SIP message.
//!
//! A flow is taken as SIP over WebSocket from its upgrade (the request with
//! `Upgrade: websocket` and `sip` among its `Sec-WebSocket-Protocol`s, or the `101`
//! answer that picks `sip`), or, for a capture started after the upgrade, from a frame
//! whose message starts a SIP message. Frames are unmasked; control frames (ping, pong,
//! close) are passed over; a compressed message (permessage-deflate) is passed over, and
//! so is one over [`super::tcp::MAX_MESSAGE_BYTES`].

use crate::streams::starts_sip_message;

use super::tcp::MAX_MESSAGE_BYTES;

/// The longest HTTP upgrade read.
const MAX_UPGRADE_BYTES: usize = 8192;

/// The length of the HTTP upgrade to SIP over WebSocket that `payload` starts with
/// (its header section and the empty line after it), if it starts with one.
pub(crate) fn upgrade_to_sip(payload: &[u8]) -> Option<usize> {
    // Every TCP segment that starts no flow comes here: its first bytes tell first.
    if !payload.starts_with(b"GET ") && !payload.starts_with(b"HTTP/1.1 101") {
        return None;
    }
    let head = &payload[..payload.len().min(MAX_UPGRADE_BYTES)];
    let end = memchr::memmem::find(head, b"\r\n\r\n")?;
    let text = std::str::from_utf8(&head[..end]).ok()?;
    let mut lines = text.split("\r\n");
    let start = lines.next()?;
    if start.starts_with("GET ") && !start.ends_with(" HTTP/1.1") {
        return None;
    }
    let (mut websocket, mut sip) = (false, false);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        let mut tokens = value.split(',').map(str::trim);
        if name.eq_ignore_ascii_case("Upgrade") {
            websocket |= tokens.any(|t| t.eq_ignore_ascii_case("websocket"));
        } else if name.eq_ignore_ascii_case("Sec-WebSocket-Protocol") {
            sip |= tokens.any(|t| t.eq_ignore_ascii_case("sip"));
        }
    }
    (websocket && sip).then_some(end + 4)
}

/// Opcodes (RFC 6455 5.2).
const CONTINUATION: u8 = 0x0;
const TEXT: u8 = 0x1;
const BINARY: u8 = 0x2;

/// The head of a WebSocket frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Head {
    fin: bool,
    /// RSV1: the message is compressed (permessage-deflate, RFC 7692).
    compressed: bool,
    opcode: u8,
    /// Bytes of the head (2 to 14).
    len: usize,
    /// Bytes of the payload.
    payload: usize,
    mask: Option<[u8; 4]>,
}

/// What the bytes at the start of a flow's unread bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// A frame head, perhaps with its payload (complete when the bytes hold
    /// `len + payload` of them).
    Head(Head),
    /// Too few bytes to tell.
    Incomplete,
    /// Not a frame a SIP flow sends: an unknown opcode, RSV2 or RSV3 set, a control
    /// frame that is fragmented or over 125 bytes, or a payload over
    /// [`MAX_MESSAGE_BYTES`].
    Bad,
}

fn frame(b: &[u8]) -> Frame {
    let [b0, b1, ..] = *b else {
        return Frame::Incomplete;
    };
    let (fin, opcode) = (b0 & 0x80 != 0, b0 & 0x0F);
    let control = opcode >= 0x8;
    if b0 & 0x30 != 0 || !matches!(opcode, 0x0..=0x2 | 0x8..=0xA) {
        return Frame::Bad;
    }
    let masked = b1 & 0x80 != 0;
    let (mut len, payload) = match b1 & 0x7F {
        126 => match b.get(2..4) {
            Some(&[x, y]) => (4, usize::from(u16::from_be_bytes([x, y]))),
            _ => return Frame::Incomplete,
        },
        127 => match b.get(2..10).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            Some(w) => (
                10,
                usize::try_from(u64::from_be_bytes(w)).unwrap_or(usize::MAX),
            ),
            None => return Frame::Incomplete,
        },
        n => (2, usize::from(n)),
    };
    if control && (!fin || payload > 125) || payload > MAX_MESSAGE_BYTES {
        return Frame::Bad;
    }
    let mask = if masked {
        match b.get(len..len + 4) {
            Some(&[w, x, y, z]) => {
                len += 4;
                Some([w, x, y, z])
            }
            _ => return Frame::Incomplete,
        }
    } else {
        None
    };
    Frame::Head(Head {
        fin,
        compressed: b0 & 0x40 != 0,
        opcode,
        len,
        payload,
        mask,
    })
}

/// Whether `payload` can start a frame a SIP flow sends (too short to tell counts).
pub(crate) fn may_start_frame(payload: &[u8]) -> bool {
    frame(payload) != Frame::Bad
}

/// Appends `data` unmasked with `mask` to `out`.
fn unmask_into(data: &[u8], mask: Option<[u8; 4]>, out: &mut Vec<u8>) {
    match mask {
        Some(m) => out.extend(data.iter().zip(m.iter().cycle()).map(|(b, k)| b ^ k)),
        None => out.extend_from_slice(data),
    }
}

/// Whether `payload` starts with a data frame whose message starts a SIP message (a
/// flow of SIP over WebSocket seen after its upgrade).
pub(crate) fn starts_sip_frame(payload: &[u8]) -> bool {
    let Frame::Head(h) = frame(payload) else {
        return false;
    };
    if !matches!(h.opcode, TEXT | BINARY) || h.compressed {
        return false;
    }
    let data = &payload[h.len..payload.len().min(h.len + h.payload)];
    let mut message = Vec::with_capacity(data.len());
    unmask_into(data, h.mask, &mut message);
    starts_sip_message(&message)
}

/// The WebSocket message a flow's frames are carrying.
#[derive(Debug, Default)]
pub(crate) struct Messages {
    /// The message so far (unmasked), while a data frame without FIN has started one.
    message: Vec<u8>,
    /// Whether a message is open (its last frame not yet read).
    open: bool,
    /// Whether the open message is passed over (compressed, or too large).
    skip: bool,
}

impl Messages {
    /// Whether a message is open with bytes in it.
    pub(crate) fn holds(&self) -> bool {
        self.open && !self.message.is_empty()
    }

    /// Reads the whole frames at the start of `bytes` and pushes each message they
    /// finish onto `done`. Returns how many bytes they take (the rest: a frame not yet
    /// whole), or `None` when the bytes are no WebSocket frame (the open message is
    /// dropped).
    pub(crate) fn read(&mut self, bytes: &[u8], done: &mut Vec<Vec<u8>>) -> Option<usize> {
        let mut at = 0;
        loop {
            let h = match frame(&bytes[at..]) {
                Frame::Head(h) if bytes.len() - at >= h.len + h.payload => h,
                Frame::Head(_) | Frame::Incomplete => return Some(at),
                Frame::Bad => {
                    *self = Messages::default();
                    return None;
                }
            };
            let data = &bytes[at + h.len..at + h.len + h.payload];
            at += h.len + h.payload;
            if self.add(&h, data) && h.fin {
                self.open = false;
                let message = std::mem::take(&mut self.message);
                if !self.skip && !message.is_empty() {
                    done.push(message);
                }
            }
        }
    }

    /// Adds `data`, the payload (or the part of it there is) of a frame with head `h`,
    /// to the message it belongs to: a text or binary frame starts one, a continuation
    /// adds to the open one, and a message over [`MAX_MESSAGE_BYTES`] is passed over.
    /// Whether the frame belongs to a message (a control frame, or a continuation whose
    /// start was not seen, does not).
    fn add(&mut self, h: &Head, data: &[u8]) -> bool {
        match h.opcode {
            TEXT | BINARY => {
                self.message.clear();
                self.open = true;
                self.skip = h.compressed;
            }
            CONTINUATION if self.open => {}
            // Ping, pong and close carry no SIP.
            _ => return false,
        }
        if !self.skip {
            if self.message.len() + data.len() > MAX_MESSAGE_BYTES {
                self.skip = true;
                self.message = Vec::new();
            } else {
                unmask_into(data, h.mask, &mut self.message);
            }
        }
        true
    }

    /// The open message as far as it goes, with what `partial` (a frame not yet whole)
    /// adds to it: for a flow that lost a segment or stopped.
    pub(crate) fn cut(&mut self, partial: &[u8]) -> Option<Vec<u8>> {
        if let Frame::Head(h) = frame(partial) {
            let data = &partial[h.len.min(partial.len())..partial.len().min(h.len + h.payload)];
            self.add(&h, data);
        }
        self.take_open()
    }

    fn take_open(&mut self) -> Option<Vec<u8>> {
        let open = std::mem::take(self);
        (open.open && !open.skip && !open.message.is_empty()).then_some(open.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame of `opcode` carrying `data`, masked with `mask` if given.
    fn frame_of(fin: bool, opcode: u8, data: &[u8], mask: Option<[u8; 4]>) -> Vec<u8> {
        let mut f = vec![u8::from(fin) << 7 | opcode];
        let m = if mask.is_some() { 0x80 } else { 0 };
        match data.len() {
            n @ 0..=125 => f.push(m | n as u8),
            n @ 126..=0xFFFF => {
                f.push(m | 126);
                f.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                f.push(m | 127);
                f.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        if let Some(k) = mask {
            f.extend_from_slice(&k);
        }
        unmask_into(data, mask, &mut f);
        f
    }

    const OPTIONS: &[u8] =
        b"OPTIONS sip:b@example.com SIP/2.0\r\nCall-ID: w1\r\nCSeq: 1 OPTIONS\r\n\r\n";

    #[test]
    fn the_upgrade_to_sip_is_told_by_its_headers() {
        let request = b"GET /ws HTTP/1.1\r\nHost: sip.example.com\r\nUpgrade: websocket\r\n\
Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
Sec-WebSocket-Protocol: chat, SIP\r\nSec-WebSocket-Version: 13\r\n\r\n";
        assert_eq!(upgrade_to_sip(request), Some(request.len()));
        let answer = b"HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\n\
Connection: Upgrade\r\nSec-WebSocket-Protocol: sip\r\n\r\n\x81\x05hello";
        assert_eq!(upgrade_to_sip(answer), Some(answer.len() - 7));
        // Another subprotocol, no upgrade, or a header section not finished: not SIP.
        let chat = String::from_utf8_lossy(request).replace("chat, SIP", "chat");
        assert_eq!(upgrade_to_sip(chat.as_bytes()), None);
        assert_eq!(
            upgrade_to_sip(b"GET / HTTP/1.1\r\nSec-WebSocket-Protocol: sip\r\n\r\n"),
            None
        );
        assert_eq!(upgrade_to_sip(&request[..request.len() - 2]), None);
    }

    #[test]
    fn frames_are_unmasked_and_a_message_is_its_frames_joined() {
        let mut bytes = frame_of(false, TEXT, &OPTIONS[..20], Some([1, 2, 3, 4]));
        // A ping between the fragments of a message (RFC 6455 5.4).
        bytes.extend(frame_of(true, 0x9, b"ka", Some([9, 9, 9, 9])));
        bytes.extend(frame_of(
            true,
            CONTINUATION,
            &OPTIONS[20..],
            Some([5, 6, 7, 8]),
        ));
        // The server's frames are not masked; a 200-byte body takes a 16-bit length.
        let long = [b'x'; 200];
        bytes.extend(frame_of(true, BINARY, &long, None));
        let mut m = Messages::default();
        let mut done = Vec::new();
        // Byte by byte or at once, the same messages.
        for cut in [bytes.len(), 7, 30, bytes.len() - 1] {
            done.clear();
            let first = m.read(&bytes[..cut], &mut done).unwrap();
            let rest = m.read(&bytes[first..], &mut done).unwrap();
            assert_eq!(first + rest, bytes.len(), "{cut}");
            assert_eq!(done, [OPTIONS.to_vec(), long.to_vec()], "{cut}");
        }
        // A frame that holds a start line tells a flow seen after its upgrade; a first
        // fragment cut inside the start line does not.
        assert!(starts_sip_frame(&frame_of(
            true,
            TEXT,
            OPTIONS,
            Some([1, 2, 3, 4])
        )));
        assert!(!starts_sip_frame(&bytes));
        assert!(!starts_sip_frame(&frame_of(true, BINARY, &long, None)));
    }

    #[test]
    fn what_no_sip_flow_sends_is_no_frame() {
        let mut m = Messages::default();
        let mut done = Vec::new();
        // RSV2, an unknown opcode, a fragmented ping, a ping over 125 bytes.
        for bad in [
            vec![0xA1, 0x00],
            vec![0x83, 0x00],
            frame_of(false, 0x9, b"", None),
            frame_of(true, 0x9, &[0; 126], None),
        ] {
            assert_eq!(m.read(&bad, &mut done), None, "{bad:?}");
        }
        // A length over 64 KiB, before its bytes come.
        let huge = [0x82, 127, 0, 0, 0, 0, 0, 1, 0, 1];
        assert_eq!(m.read(&huge, &mut done), None);
        assert!(done.is_empty());
        // A compressed message is passed over; the next one is read.
        let mut bytes = frame_of(true, TEXT, b"\x4a\x4b", None);
        bytes[0] |= 0x40;
        bytes.extend(frame_of(true, TEXT, OPTIONS, None));
        assert_eq!(m.read(&bytes, &mut done), Some(bytes.len()));
        assert_eq!(done, [OPTIONS.to_vec()]);
    }

    #[test]
    fn a_message_cut_short_goes_as_far_as_it_got() {
        let mut m = Messages::default();
        let mut done = Vec::new();
        let mut bytes = frame_of(false, TEXT, &OPTIONS[..20], Some([1, 2, 3, 4]));
        let whole = bytes.len();
        bytes.extend(frame_of(
            true,
            CONTINUATION,
            &OPTIONS[20..],
            Some([5, 6, 7, 8]),
        ));
        let taken = m.read(&bytes[..whole + 16], &mut done).unwrap();
        assert_eq!((taken, done.len()), (whole, 0));
        assert!(m.holds());
        // The continuation's head (6 bytes) and its first 10 bytes.
        let cut = m.cut(&bytes[taken..whole + 16]).unwrap();
        assert_eq!(cut, &OPTIONS[..30]);
        assert!(!m.holds());
        assert_eq!(m.cut(&[]), None);
    }
}
