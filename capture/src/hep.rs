//! HEP, the encapsulation of Homer and sipcapture (also called EEP): how Kamailio's and
//! OpenSIPS' `siptrace`, FreeSWITCH, Asterisk's `res_hep`, rtpengine, heplify and
//! captagent send each SIP message they see to a collector, with the addresses, ports
//! and time of the packet that carried it.
//!
//! A capture taken on a Homer collector (usually UDP port 9060) holds those packets; the
//! capture reader opens them ([`crate::read_capture`]), so the SIP messages inside read
//! as if the packets that carried them had been captured: at the agent's addresses,
//! ports and time, each keeping the agent that sent it ([`crate::UdpDatagram::agent`]:
//! its capture id and name, which tell apart the copies of one message that several
//! agents saw). SIP over TCP that an agent copies segment by segment (heplify
//! with its TCP reassembly off) is put back together in the order
//! the packets come, a message over several segments at the packet of its last one.
//! [`parse_hep`] reads one packet, for a collector of your own.
//!
//! Versions read: HEP3 (`HEP3`, then chunks), and the older binary versions 1 and 2
//! (Kamailio's `hep_version=1|2`): an 8-byte header, the two addresses and, in version
//! 2, the time.
//!
//! ```
//! use capture::hep::{PayloadType, parse_hep};
//!
//! // A HEP3 packet as an agent sends it: IPv4, UDP, 192.0.2.1:5060 to 192.0.2.2:5060,
//! // at 1700000000.25 s, a SIP message, capture agent 2001.
//! let sip = b"OPTIONS sip:192.0.2.2 SIP/2.0\r\nContent-Length: 0\r\n\r\n";
//! let mut chunks = Vec::new();
//! let mut chunk = |kind: u16, data: &[u8]| {
//!     chunks.extend_from_slice(&[0, 0]);
//!     chunks.extend_from_slice(&kind.to_be_bytes());
//!     chunks.extend_from_slice(&(6 + data.len() as u16).to_be_bytes());
//!     chunks.extend_from_slice(data);
//! };
//! chunk(1, &[2]);
//! chunk(2, &[17]);
//! chunk(3, &[192, 0, 2, 1]);
//! chunk(4, &[192, 0, 2, 2]);
//! chunk(7, &5060u16.to_be_bytes());
//! chunk(8, &5060u16.to_be_bytes());
//! chunk(9, &1_700_000_000u32.to_be_bytes());
//! chunk(10, &250_000u32.to_be_bytes());
//! chunk(11, &[1]);
//! chunk(12, &2001u32.to_be_bytes());
//! chunk(15, sip);
//! let mut packet = b"HEP3".to_vec();
//! packet.extend_from_slice(&(6 + chunks.len() as u16).to_be_bytes());
//! packet.extend_from_slice(&chunks);
//!
//! let hep = parse_hep(&packet)?;
//! assert_eq!((hep.version, hep.ip_protocol), (3, 17));
//! assert_eq!(std::net::SocketAddr::from(hep.src).to_string(), "192.0.2.1:5060");
//! assert_eq!(hep.time.map(|t| t.as_millis()), Some(1_700_000_000_250));
//! assert_eq!((hep.payload_type, hep.capture_id), (Some(PayloadType::SIP), Some(2001)));
//! assert_eq!(&hep.payload[..], &sip[..]);
//!
//! // A packet cut short says where and why.
//! let err = parse_hep(&packet[..40]).unwrap_err();
//! assert_eq!(err.offset(), Some(4));
//! # Ok::<(), capture::Error>(())
//! ```

use std::borrow::Cow;
use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::read::Endpoint;

/// The most bytes a compressed payload may inflate to (the largest UDP payload): more
/// is an error, not an allocation a small packet can ask for.
pub const MAX_INFLATED: usize = 65_535;

/// What a HEP packet carries (HEP3 chunk 11, "protocol type"), as the HEP registry
/// numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PayloadType(pub u8);

impl PayloadType {
    /// A SIP message.
    pub const SIP: PayloadType = PayloadType(1);
    /// An RTCP packet (heplify and captagent send it as JSON).
    pub const RTCP: PayloadType = PayloadType(5);
    /// A log line (Kamailio's and rtpengine's logs).
    pub const LOG: PayloadType = PayloadType(100);
}

/// One HEP packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HepPacket<'a> {
    /// 1, 2 or 3.
    pub version: u8,
    /// Where the encapsulated packet came from.
    pub src: Endpoint,
    /// Where it went.
    pub dst: Endpoint,
    /// Its IP protocol number: 17 UDP, 6 TCP (also for SIP over TLS or WebSocket, which
    /// agents send decrypted and unframed), 132 SCTP.
    pub ip_protocol: u8,
    /// When the agent captured it (since the Unix epoch), if the packet says (HEP3
    /// chunks 9 and 10, the time header of version 2).
    pub time: Option<Duration>,
    /// What the payload is (HEP3 only; versions 1 and 2 carry SIP).
    pub payload_type: Option<PayloadType>,
    /// The capture agent's number (HEP3 chunk 12, version 2's 16-bit node id).
    pub capture_id: Option<u32>,
    /// The capture agent's name (HEP3 chunk 19), as sent.
    pub node_name: Option<&'a [u8]>,
    /// The correlation id (HEP3 chunk 17): the Call-ID of the call an RTCP report or a
    /// log line belongs to.
    pub correlation_id: Option<&'a [u8]>,
    /// The encapsulated payload (HEP3 chunk 15, or chunk 16 inflated).
    pub payload: Cow<'a, [u8]>,
}

/// The capture agent that sent a message to a collector in HEP: what a message read out
/// of a HEP packet keeps of it ([`crate::UdpDatagram::agent`]), to tell apart the copies
/// of one message that several agents saw (an SBC's and a proxy's, say).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Agent {
    /// The agent's number ([`HepPacket::capture_id`]).
    pub capture_id: Option<u32>,
    /// The agent's name ([`HepPacket::node_name`]; bytes that are not UTF-8 replaced by
    /// U+FFFD).
    pub node_name: Option<String>,
}

impl HepPacket<'_> {
    /// The agent that sent it.
    pub fn agent(&self) -> Agent {
        Agent {
            capture_id: self.capture_id,
            node_name: self
                .node_name
                .map(|n| String::from_utf8_lossy(n).into_owned()),
        }
    }

    /// Whether the payload is a SIP message: payload type SIP (HEP3), or (versions 1
    /// and 2, which carry SIP but have no magic number, so that other bytes can look
    /// like their header) a payload that starts as a SIP message does, with a letter.
    pub fn is_sip(&self) -> bool {
        match self.payload_type {
            Some(t) => t == PayloadType::SIP,
            None => self.payload.first().is_some_and(u8::is_ascii_alphabetic),
        }
    }
}

fn bad(offset: usize, reason: &'static str) -> Error {
    Error::Hep { offset, reason }
}

/// The first bytes of a HEP3 packet.
pub(crate) const HEP3: &[u8; 4] = b"HEP3";

/// The length (its 6-byte header included) that the HEP3 packet `b` starts with
/// announces, when `b` starts with `HEP3` and holds the length field.
pub(crate) fn hep3_length(b: &[u8]) -> Option<usize> {
    match b {
        [b'H', b'E', b'P', b'3', hi, lo, ..] => Some(usize::from(u16::from_be_bytes([*hi, *lo]))),
        _ => None,
    }
}

/// Whether `b` starts as a HEP packet does: `HEP3`, or a version 1 or 2 header for IPv4
/// or IPv6 (version, header length 16 or 40, address family 2 or 10). [`parse_hep`] of
/// such bytes may still fail.
pub fn is_hep(b: &[u8]) -> bool {
    b.starts_with(HEP3) || matches!(b, [1 | 2, 16, 2, ..] | [1 | 2, 40, 10, ..]) && b.len() >= 16
}

/// Reads one HEP packet (version 3, 2 or 1) that spans `b` (HEP3: as far as its length
/// says; bytes after it are not read).
///
/// # Errors
/// [`Error::Hep`] with the offset and reason: not HEP, a length past the end of `b`, a
/// chunk of the wrong size, addresses of two families or missing, no payload, a
/// compressed payload that does not inflate (zlib) within [`MAX_INFLATED`] bytes.
pub fn parse_hep(b: &[u8]) -> Result<HepPacket<'_>> {
    if b.starts_with(HEP3) {
        return parse_v3(b);
    }
    match b.first() {
        Some(1 | 2) => parse_v2(b),
        _ => Err(bad(0, "not a HEP packet (neither HEP3 nor version 1 or 2)")),
    }
}

/// Versions 1 and 2: `version, header length, family, protocol, source port, destination
/// port` (8 bytes, ports in network order), the source and destination addresses, and
/// in version 2 the time (seconds, microseconds and a 16-bit node id in the sender's
/// byte order, little-endian in practice, padded to 12 bytes); then the SIP message.
fn parse_v2(b: &[u8]) -> Result<HepPacket<'_>> {
    let version = b[0];
    if b.len() < 8 {
        return Err(bad(b.len(), "HEP header has 8 bytes"));
    }
    let (family, ip_protocol) = (b[2], b[3]);
    let addr_len = match family {
        2 => 4,
        10 => 16,
        _ => return Err(bad(2, "address family is neither 2 (IPv4) nor 10 (IPv6)")),
    };
    let header_len = usize::from(b[1]);
    if header_len != 8 + 2 * addr_len {
        return Err(bad(1, "header length is not 16 (IPv4) or 40 (IPv6)"));
    }
    if b.len() < header_len {
        return Err(bad(b.len(), "HEP packet ends inside its addresses"));
    }
    let port = |at: usize| u16::from_be_bytes([b[at], b[at + 1]]);
    let (src, dst) = (
        addr(&b[8..8 + addr_len]),
        addr(&b[8 + addr_len..header_len]),
    );
    let mut at = header_len;
    let (mut time, mut capture_id) = (None, None);
    if version == 2 {
        let Some(t) = b.get(at..at + 12) else {
            return Err(bad(
                b.len(),
                "HEP version 2 packet ends inside its time header",
            ));
        };
        let le = |i: usize| u32::from_le_bytes([t[i], t[i + 1], t[i + 2], t[i + 3]]);
        time = timestamp(le(0), le(4));
        capture_id = Some(u32::from(u16::from_le_bytes([t[8], t[9]])));
        at += 12;
    }
    if at >= b.len() {
        return Err(bad(at, "HEP packet has no payload"));
    }
    Ok(HepPacket {
        version,
        src: Endpoint {
            addr: src,
            port: port(4),
        },
        dst: Endpoint {
            addr: dst,
            port: port(6),
        },
        ip_protocol,
        time,
        payload_type: None,
        capture_id,
        node_name: None,
        correlation_id: None,
        payload: Cow::Borrowed(&b[at..]),
    })
}

fn addr(b: &[u8]) -> IpAddr {
    match <[u8; 16]>::try_from(b) {
        Ok(v6) => IpAddr::V6(Ipv6Addr::from(v6)),
        Err(_) => IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3])),
    }
}

/// Seconds and microseconds as a time, when the microseconds are less than a second.
fn timestamp(secs: u32, micros: u32) -> Option<Duration> {
    (micros < 1_000_000)
        .then(|| Duration::from_secs(u64::from(secs)) + Duration::from_micros(u64::from(micros)))
}

/// HEP3: `HEP3`, the packet's length (16 bits, header included), then chunks of
/// `vendor, type, length` (16 bits each, the length including these 6 bytes) and data.
/// Chunks of vendor 0 are read as the HEP3 specification defines them; other vendors'
/// chunks and unknown types are passed over. When a chunk comes twice, the last counts.
fn parse_v3(b: &[u8]) -> Result<HepPacket<'_>> {
    let Some(len) = hep3_length(b) else {
        return Err(bad(b.len(), "HEP3 header has 6 bytes"));
    };
    if len < 6 {
        return Err(bad(4, "HEP3 length is less than its 6-byte header"));
    }
    if len > b.len() {
        return Err(bad(4, "HEP3 length runs past the end of the packet"));
    }
    let b = &b[..len];
    let mut at = 6;
    let mut family = None;
    let mut ip_protocol = None;
    // Each address with the offset of its chunk.
    let mut src: Option<(usize, IpAddr)> = None;
    let mut dst: Option<(usize, IpAddr)> = None;
    let (mut src_port, mut dst_port) = (None, None);
    let (mut secs, mut micros) = (None, None);
    let mut payload_type = None;
    let mut capture_id = None;
    let mut node_name = None;
    let mut correlation_id = None;
    let mut payload: Option<(usize, Cow<'_, [u8]>)> = None;
    while at < len {
        let Some(head) = b.get(at..at + 6) else {
            return Err(bad(at, "HEP3 chunk header has 6 bytes"));
        };
        let vendor = u16::from_be_bytes([head[0], head[1]]);
        let kind = u16::from_be_bytes([head[2], head[3]]);
        let size = usize::from(u16::from_be_bytes([head[4], head[5]]));
        if size < 6 {
            return Err(bad(
                at + 4,
                "HEP3 chunk length is less than its 6-byte header",
            ));
        }
        let Some(data) = b.get(at + 6..at + size) else {
            return Err(bad(at + 4, "HEP3 chunk runs past the end of the packet"));
        };
        let fixed = |n: usize| {
            if data.len() == n {
                Ok(data)
            } else {
                Err(bad(
                    at + 4,
                    match n {
                        1 => "HEP3 chunk has not 1 byte of data",
                        2 => "HEP3 chunk has not 2 bytes of data",
                        4 => "HEP3 chunk has not 4 bytes of data",
                        _ => "HEP3 chunk has not 16 bytes of data",
                    },
                ))
            }
        };
        let u16_of = |d: &[u8]| u16::from_be_bytes([d[0], d[1]]);
        let u32_of = |d: &[u8]| u32::from_be_bytes([d[0], d[1], d[2], d[3]]);
        if vendor == 0 {
            match kind {
                1 => family = Some((at, fixed(1)?[0])),
                2 => ip_protocol = Some(fixed(1)?[0]),
                3 | 5 => src = Some((at, addr(fixed(if kind == 3 { 4 } else { 16 })?))),
                4 | 6 => dst = Some((at, addr(fixed(if kind == 4 { 4 } else { 16 })?))),
                7 => src_port = Some(u16_of(fixed(2)?)),
                8 => dst_port = Some(u16_of(fixed(2)?)),
                9 => secs = Some(u32_of(fixed(4)?)),
                10 => micros = Some(u32_of(fixed(4)?)),
                11 => payload_type = Some(PayloadType(fixed(1)?[0])),
                12 => capture_id = Some(u32_of(fixed(4)?)),
                15 => payload = Some((at, Cow::Borrowed(data))),
                16 => payload = Some((at, Cow::Owned(inflate(data, at + 6)?))),
                17 => correlation_id = Some(data),
                19 => node_name = Some(data),
                _ => {}
            }
        }
        at += size;
    }
    let (Some((src_at, src)), Some((_, dst))) = (src, dst) else {
        return Err(bad(
            len,
            "HEP3 packet has no source or no destination address",
        ));
    };
    if src.is_ipv4() != dst.is_ipv4() {
        return Err(bad(
            src_at,
            "HEP3 source and destination addresses of two families",
        ));
    }
    if let Some((family_at, f)) = family
        && f != if src.is_ipv4() { 2 } else { 10 }
    {
        return Err(bad(
            family_at,
            "HEP3 address family is not that of the addresses",
        ));
    }
    let (Some(src_port), Some(dst_port)) = (src_port, dst_port) else {
        return Err(bad(len, "HEP3 packet has no source or no destination port"));
    };
    let Some(ip_protocol) = ip_protocol else {
        return Err(bad(len, "HEP3 packet has no IP protocol"));
    };
    let Some((_, payload)) = payload else {
        return Err(bad(len, "HEP3 packet has no payload"));
    };
    Ok(HepPacket {
        version: 3,
        src: Endpoint {
            addr: src,
            port: src_port,
        },
        dst: Endpoint {
            addr: dst,
            port: dst_port,
        },
        ip_protocol,
        time: secs.zip(micros).and_then(|(s, us)| timestamp(s, us)),
        payload_type,
        capture_id,
        node_name,
        correlation_id,
        payload,
    })
}

/// A compressed payload (zlib, as captagent and heplify send it), within
/// [`MAX_INFLATED`] bytes.
fn inflate(data: &[u8], at: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(MAX_INFLATED as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| bad(at, "HEP3 compressed payload is not zlib data"))?;
    if out.len() > MAX_INFLATED {
        return Err(bad(
            at,
            "HEP3 compressed payload inflates to more than 65,535 bytes",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(out: &mut Vec<u8>, vendor: u16, kind: u16, data: &[u8]) {
        out.extend_from_slice(&vendor.to_be_bytes());
        out.extend_from_slice(&kind.to_be_bytes());
        out.extend_from_slice(&(6 + data.len() as u16).to_be_bytes());
        out.extend_from_slice(data);
    }

    fn packet(chunks: &[u8]) -> Vec<u8> {
        let mut p = b"HEP3".to_vec();
        p.extend_from_slice(&(6 + chunks.len() as u16).to_be_bytes());
        p.extend_from_slice(chunks);
        p
    }

    /// The chunks of an IPv6 TCP message from [2001:db8::1]:5061 to [2001:db8::2]:5060.
    fn v6_chunks(payload_kind: u16, payload: &[u8]) -> Vec<u8> {
        let mut c = Vec::new();
        chunk(&mut c, 0, 1, &[10]);
        chunk(&mut c, 0, 2, &[6]);
        let a: Ipv6Addr = "2001:db8::1".parse().unwrap();
        let b: Ipv6Addr = "2001:db8::2".parse().unwrap();
        chunk(&mut c, 0, 5, &a.octets());
        chunk(&mut c, 0, 6, &b.octets());
        chunk(&mut c, 0, 7, &5061u16.to_be_bytes());
        chunk(&mut c, 0, 8, &5060u16.to_be_bytes());
        chunk(&mut c, 0, 9, &1_502_941_090u32.to_be_bytes());
        chunk(&mut c, 0, 10, &307_169u32.to_be_bytes());
        chunk(&mut c, 0, 11, &[1]);
        // A vendor's chunk and an unknown generic chunk are passed over.
        chunk(&mut c, 0x0A0B, 15, b"not the payload");
        chunk(&mut c, 0, 0x7777, b"?");
        chunk(&mut c, 0, 17, b"call-1@example.com");
        chunk(&mut c, 0, 19, b"edge-1");
        chunk(&mut c, 0, payload_kind, payload);
        c
    }

    #[test]
    fn hep3_over_ipv6_with_every_field() {
        let p = packet(&v6_chunks(15, b"BYE sip:a@b SIP/2.0\r\n\r\n"));
        let h = parse_hep(&p).unwrap();
        assert_eq!(h.version, 3);
        assert_eq!(
            std::net::SocketAddr::from(h.src).to_string(),
            "[2001:db8::1]:5061"
        );
        assert_eq!(
            std::net::SocketAddr::from(h.dst).to_string(),
            "[2001:db8::2]:5060"
        );
        assert_eq!(h.ip_protocol, 6);
        assert_eq!(
            h.time,
            Some(Duration::from_secs(1_502_941_090) + Duration::from_micros(307_169))
        );
        assert!(h.is_sip());
        assert_eq!(h.capture_id, None);
        assert_eq!(h.correlation_id, Some(&b"call-1@example.com"[..]));
        assert_eq!(h.node_name, Some(&b"edge-1"[..]));
        assert!(matches!(
            h.payload,
            Cow::Borrowed(b"BYE sip:a@b SIP/2.0\r\n\r\n")
        ));
        assert!(is_hep(&p));
    }

    #[test]
    fn a_compressed_payload_is_inflated_within_its_bound() {
        use std::io::Write;
        let sip = b"NOTIFY sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n".repeat(20);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&sip).unwrap();
        let p = packet(&v6_chunks(16, &z.finish().unwrap()));
        let h = parse_hep(&p).unwrap();
        assert_eq!(&h.payload[..], &sip[..]);

        // A small packet that would inflate past the bound is refused.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b'A'; MAX_INFLATED + 1]).unwrap();
        let bomb = z.finish().unwrap();
        assert!(bomb.len() < 1000);
        let e = parse_hep(&packet(&v6_chunks(16, &bomb))).unwrap_err();
        assert!(e.to_string().contains("more than 65,535"), "{e}");
        let e = parse_hep(&packet(&v6_chunks(16, b"plain text"))).unwrap_err();
        assert!(e.to_string().contains("not zlib"), "{e}");
    }

    #[test]
    fn hep3_errors_name_the_offset() {
        let good = packet(&v6_chunks(15, b"x"));
        // Length past the end; less than the header; a chunk past the packet's length.
        assert_eq!(
            parse_hep(&good[..good.len() - 1]).unwrap_err().offset(),
            Some(4)
        );
        assert_eq!(parse_hep(b"HEP3\x00\x05").unwrap_err().offset(), Some(4));
        assert_eq!(parse_hep(b"HEP3\x00").unwrap_err().offset(), Some(5));
        let mut c = Vec::new();
        chunk(&mut c, 0, 1, &[2]);
        let mut p = packet(&c);
        p[11] = 9; // chunk length 9 > the 7 bytes there are
        assert_eq!(parse_hep(&p).unwrap_err().offset(), Some(10));
        p[11] = 5; // less than its header
        assert!(
            parse_hep(&p)
                .unwrap_err()
                .to_string()
                .contains("less than its 6-byte")
        );
        // A port chunk of three bytes.
        let mut c = Vec::new();
        chunk(&mut c, 0, 7, &[0, 1, 2]);
        let e = parse_hep(&packet(&c)).unwrap_err();
        assert_eq!((e.offset(), e.kind()), (Some(10), "hep"));
        // A family that contradicts the addresses; addresses of two families.
        let mut c = v6_chunks(15, b"x");
        c[6] = 2;
        let e = parse_hep(&packet(&c)).unwrap_err();
        assert_eq!(e.offset(), Some(6), "{e}");
        let mut c = Vec::new();
        chunk(&mut c, 0, 3, &[192, 0, 2, 1]);
        chunk(&mut c, 0, 6, &[0; 16]);
        assert!(
            parse_hep(&packet(&c))
                .unwrap_err()
                .to_string()
                .contains("two families")
        );
        // No payload, no protocol, no ports, no addresses: each named.
        let whole: [(u16, &[u8]); 7] = [
            (1, &[2]),
            (3, &[192, 0, 2, 1]),
            (4, &[192, 0, 2, 2]),
            (7, &[0, 1]),
            (8, &[0, 2]),
            (2, &[17]),
            (15, b"x"),
        ];
        for (left_out, reason) in [
            (15, "no payload"),
            (2, "no IP protocol"),
            (8, "no source or no destination port"),
            (3, "no source or no destination address"),
        ] {
            let mut c = Vec::new();
            for (kind, data) in whole.iter().filter(|(k, _)| *k != left_out) {
                chunk(&mut c, 0, *kind, data);
            }
            let e = parse_hep(&packet(&c)).unwrap_err();
            assert!(e.to_string().contains(reason), "{left_out}: {e}");
        }
        let mut c = Vec::new();
        for (kind, data) in whole {
            chunk(&mut c, 0, kind, data);
        }
        assert_eq!(parse_hep(&packet(&c)).unwrap().time, None);
        assert_eq!(parse_hep(b"HEP2").unwrap_err().offset(), Some(0));
    }

    #[test]
    fn microseconds_of_a_second_or_more_give_no_time() {
        let mut c = v6_chunks(15, b"x");
        // Chunk 10's data: 1,000,000 microseconds.
        let at = c
            .windows(4)
            .position(|w| w == 307_169u32.to_be_bytes())
            .unwrap();
        c[at..at + 4].copy_from_slice(&1_000_000u32.to_be_bytes());
        assert_eq!(parse_hep(&packet(&c)).unwrap().time, None);
    }

    /// Kamailio's `siptrace` with `hep_version=2` over IPv4: the header (ports in network
    /// order), the addresses, then the time in the sender's (little-endian) order.
    #[test]
    fn version_2_and_1_as_kamailio_sends_them() {
        let mut p = vec![
            2, 16, 2, 17, 0x13, 0xC4, 0x13, 0xC5, 10, 0, 0, 1, 10, 0, 0, 2,
        ];
        p.extend_from_slice(&1_481_455_196u32.to_le_bytes());
        p.extend_from_slice(&325u32.to_le_bytes());
        p.extend_from_slice(&2001u16.to_le_bytes());
        p.extend_from_slice(&[0, 0]);
        p.extend_from_slice(b"SIP/2.0 100 Trying\r\n\r\n");
        assert!(is_hep(&p));
        let h = parse_hep(&p).unwrap();
        assert_eq!(
            (h.version, h.ip_protocol, h.capture_id),
            (2, 17, Some(2001))
        );
        assert_eq!(
            std::net::SocketAddr::from(h.src).to_string(),
            "10.0.0.1:5060"
        );
        assert_eq!(
            std::net::SocketAddr::from(h.dst).to_string(),
            "10.0.0.2:5061"
        );
        assert_eq!(
            h.time,
            Some(Duration::from_secs(1_481_455_196) + Duration::from_micros(325))
        );
        assert_eq!(&h.payload[..], b"SIP/2.0 100 Trying\r\n\r\n");
        assert!(h.is_sip());

        // Version 1: no time header.
        let mut v1 = p[..16].to_vec();
        v1[0] = 1;
        v1.extend_from_slice(b"ACK sip:a@b SIP/2.0\r\n\r\n");
        let h = parse_hep(&v1).unwrap();
        assert_eq!((h.version, h.time, h.capture_id), (1, None, None));
        assert_eq!(&h.payload[..], b"ACK sip:a@b SIP/2.0\r\n\r\n");

        // IPv6.
        let mut v6 = vec![1, 40, 10, 6, 0x13, 0xC4, 0x13, 0xC4];
        v6.extend_from_slice(&[0x20, 1, 0x0d, 0xb8]);
        v6.extend_from_slice(&[0; 11]);
        v6.push(1);
        v6.extend_from_slice(&[0x20, 1, 0x0d, 0xb8]);
        v6.extend_from_slice(&[0; 11]);
        v6.push(2);
        v6.extend_from_slice(b"x");
        let h = parse_hep(&v6).unwrap();
        assert_eq!(
            std::net::SocketAddr::from(h.dst).to_string(),
            "[2001:db8::2]:5060"
        );

        // Errors: a family other than 2 or 10, a header length that is not the family's,
        // a time header cut short, no payload.
        let mut e = p.clone();
        e[2] = 28;
        assert_eq!(parse_hep(&e).unwrap_err().offset(), Some(2));
        let mut e = p.clone();
        e[1] = 14;
        assert_eq!(parse_hep(&e).unwrap_err().offset(), Some(1));
        assert_eq!(parse_hep(&p[..20]).unwrap_err().offset(), Some(20));
        assert_eq!(parse_hep(&p[..28]).unwrap_err().offset(), Some(28));
        assert_eq!(parse_hep(&p[..5]).unwrap_err().offset(), Some(5));
        assert!(!is_hep(&p[..15]));
        assert!(!is_hep(&[
            2, 16, 28, 17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        ]));
    }
}
