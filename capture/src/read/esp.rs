//! ESP with NULL encryption (RFC 4303, RFC 2410): how IMS protects SIP between a phone
//! and its P-CSCF (3GPP TS 33.203 allows the NULL cipher, with HMAC-MD5-96 or
//! HMAC-SHA-1-96 integrity), directly over IP or inside UDP on port 4500 (RFC 3948,
//! behind NAT). The payload is in the clear, between the ESP header and a trailer whose
//! length depends on the integrity algorithm, which the capture does not say: as
//! Wireshark's NULL-encryption heuristic does, each usual length of the integrity check
//! value (12 bytes, then 16, then none) is tried, and the first whose trailer holds
//! (padding 1, 2, 3..., a next header of TCP, UDP, IPv4 or IPv6) and whose payload
//! checks (its length, and a TCP or UDP checksum) is taken. Encrypted ESP passes none of
//! those checks in practice, and is left as it is.

use etherparse::{
    IpNumber, Ipv4Header, Ipv6FlowLabel, Ipv6Header, NetSlice, SlicedPacket, TcpSlice,
    TransportSlice, UdpSlice,
};

/// The UDP port of ESP inside UDP (NAT traversal, RFC 3948).
const NAT_T_PORT: u16 = 4500;

/// The lengths of integrity check values tried, most usual first: HMAC-MD5-96 and
/// HMAC-SHA-1-96 (IMS), HMAC-SHA-256-128, none.
const ICV_LENGTHS: [usize; 3] = [12, 16, 0];

/// The IP packet a NULL-encrypted ESP packet of `sliced` protects: in tunnel mode the
/// inner packet, in transport mode its TCP or UDP segment under an IP header like the
/// outer one. `None` for any other packet, encrypted ESP included.
pub(crate) fn opened(sliced: &SlicedPacket<'_>) -> Option<Vec<u8>> {
    let payload = super::whole_ip_payload(sliced)?;
    let esp = if payload.ip_number == IpNumber::ENCAPSULATING_SECURITY_PAYLOAD {
        payload.payload
    } else {
        match sliced.transport.as_ref()? {
            TransportSlice::Udp(u)
                if u.source_port() == NAT_T_PORT || u.destination_port() == NAT_T_PORT =>
            {
                let p = u.payload();
                // Four zero bytes mark IKE, a one-byte 0xFF a NAT keepalive.
                if p.len() < 8 || p[..4] == [0; 4] {
                    return None;
                }
                p
            }
            _ => return None,
        }
    };
    // Only an ESP packet gets this far: the outer header is taken apart for it alone.
    let net = match sliced.net.as_ref()? {
        NetSlice::Ipv4(ip) => Outer::V4(ip.header().to_header()),
        NetSlice::Ipv6(ip) => Outer::V6(ip.header().to_header()),
        _ => return None,
    };
    let (next, inner) = null_payload(esp, &net)?;
    match next {
        4 | 41 => Some(inner.to_vec()),
        _ => {
            let mut packet = Vec::with_capacity(40 + inner.len());
            match net {
                Outer::V4(h) => {
                    let mut h = Ipv4Header::new(
                        u16::try_from(inner.len()).ok()?,
                        h.time_to_live,
                        IpNumber(next),
                        h.source,
                        h.destination,
                    )
                    .ok()?;
                    h.header_checksum = h.calc_header_checksum();
                    h.write(&mut packet).ok()?;
                }
                Outer::V6(h) => Ipv6Header {
                    traffic_class: h.traffic_class,
                    flow_label: Ipv6FlowLabel::ZERO,
                    payload_length: u16::try_from(inner.len()).ok()?,
                    next_header: IpNumber(next),
                    hop_limit: h.hop_limit,
                    source: h.source,
                    destination: h.destination,
                }
                .write(&mut packet)
                .ok()?,
            }
            packet.extend_from_slice(inner);
            Some(packet)
        }
    }
}

/// The outer IP header (its addresses check a transport segment's checksum).
enum Outer {
    V4(Ipv4Header),
    V6(Ipv6Header),
}

/// The next header and payload of a NULL-encrypted ESP packet (SPI and sequence number,
/// the payload, padding, pad length, next header, integrity check value), for the first
/// integrity check length at which they hold together.
fn null_payload<'a>(esp: &'a [u8], outer: &Outer) -> Option<(u8, &'a [u8])> {
    ICV_LENGTHS.iter().find_map(|&icv| {
        let end = esp.len().checked_sub(icv)?;
        let next = *esp.get(end.checked_sub(1)?)?;
        let pad = usize::from(*esp.get(end.checked_sub(2)?)?);
        let payload_end = end.checked_sub(2 + pad)?;
        if payload_end < 8 {
            return None;
        }
        // RFC 4303's padding: 1, 2, 3...
        if !esp[payload_end..end - 2]
            .iter()
            .zip(1u8..)
            .all(|(&b, want)| b == want)
        {
            return None;
        }
        let inner = &esp[8..payload_end];
        payload_checks(next, inner, outer).then_some((next, inner))
    })
}

/// Whether `inner` is a whole packet of protocol `next`: an IP packet of its own length,
/// or a TCP or UDP segment whose checksum (UDP: its length too) is right.
fn payload_checks(next: u8, inner: &[u8], outer: &Outer) -> bool {
    match next {
        4 => {
            inner.first().is_some_and(|b| b >> 4 == 4)
                && inner
                    .get(2..4)
                    .is_some_and(|l| usize::from(u16::from_be_bytes([l[0], l[1]])) == inner.len())
        }
        41 => {
            inner.first().is_some_and(|b| b >> 4 == 6)
                && inner.get(4..6).is_some_and(|l| {
                    usize::from(u16::from_be_bytes([l[0], l[1]])) + 40 == inner.len()
                })
        }
        17 => {
            let Ok(udp) = UdpSlice::from_slice(inner) else {
                return false;
            };
            if usize::from(udp.length()) != inner.len() {
                return false;
            }
            let header = udp.to_header();
            let sum = match outer {
                // A zero checksum over IPv4 means none was computed.
                Outer::V4(_) if udp.checksum() == 0 => return true,
                Outer::V4(h) => {
                    header.calc_checksum_ipv4_raw(h.source, h.destination, udp.payload())
                }
                Outer::V6(h) => {
                    header.calc_checksum_ipv6_raw(h.source, h.destination, udp.payload())
                }
            };
            sum.is_ok_and(|s| s == udp.checksum())
        }
        6 => {
            let Ok(tcp) = TcpSlice::from_slice(inner) else {
                return false;
            };
            let sum = match outer {
                Outer::V4(h) => tcp.calc_checksum_ipv4(h.source, h.destination),
                Outer::V6(h) => tcp.calc_checksum_ipv6(h.source, h.destination),
            };
            sum.is_ok_and(|s| s == tcp.checksum())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etherparse::PacketBuilder;

    const SIP: &[u8] = b"MESSAGE sip:b@ims.example SIP/2.0\r\nContent-Length: 0\r\n\r\n";

    /// An ESP packet (SPI 0xC001, sequence 1) of `payload` with next header `next`,
    /// padded as RFC 4303 says, and an integrity check value of `icv` bytes.
    fn esp(next: u8, payload: &[u8], icv: usize) -> Vec<u8> {
        let mut e = vec![0, 0, 0xC0, 0x01, 0, 0, 0, 1];
        e.extend_from_slice(payload);
        let pad = (4 - (payload.len() + 2) % 4) % 4;
        e.extend((1..=pad as u8).collect::<Vec<u8>>());
        e.extend_from_slice(&[pad as u8, next]);
        e.extend(std::iter::repeat_n(0x5A, icv));
        e
    }

    /// The UDP segment (5060 to 5062, checksum computed) of an IPv4 packet from
    /// 10.0.0.1 to 10.0.0.2 carrying `payload`.
    fn udp_segment(payload: &[u8]) -> Vec<u8> {
        let mut p = Vec::new();
        PacketBuilder::ipv4([10, 0, 0, 1], [10, 0, 0, 2], 64)
            .udp(5060, 5062)
            .write(&mut p, payload)
            .unwrap();
        p[20..].to_vec()
    }

    fn opened_of(packet: &[u8]) -> Option<Vec<u8>> {
        opened(&SlicedPacket::from_ip(packet).unwrap())
    }

    fn over_ipv4(protocol: u8, payload: &[u8]) -> Vec<u8> {
        let mut p = Vec::new();
        let h = Ipv4Header::new(
            payload.len() as u16,
            64,
            IpNumber(protocol),
            [10, 0, 0, 1],
            [10, 0, 0, 2],
        )
        .unwrap();
        h.write(&mut p).unwrap();
        p.extend_from_slice(payload);
        p
    }

    /// The UDP payload of an opened packet, and its ports.
    fn udp_of(packet: &[u8]) -> (u16, u16, Vec<u8>) {
        let s = SlicedPacket::from_ip(packet).unwrap();
        let Some(TransportSlice::Udp(u)) = s.transport else {
            panic!("no UDP in {packet:02x?}");
        };
        (u.source_port(), u.destination_port(), u.payload().to_vec())
    }

    #[test]
    fn transport_mode_udp_with_each_integrity_length() {
        for icv in ICV_LENGTHS {
            let packet = over_ipv4(50, &esp(17, &udp_segment(SIP), icv));
            let opened = opened_of(&packet).unwrap_or_else(|| panic!("icv {icv}"));
            assert_eq!(udp_of(&opened), (5060, 5062, SIP.to_vec()), "icv {icv}");
            // The IP header is the outer one's, with UDP and the segment's length.
            let s = SlicedPacket::from_ip(&opened).unwrap();
            let Some(NetSlice::Ipv4(ip)) = s.net else {
                panic!()
            };
            assert_eq!(ip.header().source(), [10, 0, 0, 1]);
            assert_eq!(ip.header().protocol(), IpNumber::UDP);
        }
    }

    #[test]
    fn transport_mode_tcp_over_ipv6_is_checked_by_its_checksum() {
        let mut p = Vec::new();
        let (a, b) = (
            [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            {
                let mut b = [0u8; 16];
                b[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
                b[15] = 2;
                b
            },
        );
        PacketBuilder::ipv6(a, b, 64)
            .tcp(5060, 5062, 1000, 65535)
            .psh()
            .write(&mut p, SIP)
            .unwrap();
        let segment = p[40..].to_vec();
        let wrap = |segment: &[u8]| {
            let mut q = Vec::new();
            Ipv6Header {
                traffic_class: 0,
                flow_label: Ipv6FlowLabel::ZERO,
                payload_length: 0,
                next_header: IpNumber(50),
                hop_limit: 64,
                source: a,
                destination: b,
            }
            .write(&mut q)
            .unwrap();
            let e = esp(6, segment, 16);
            q[4..6].copy_from_slice(&(e.len() as u16).to_be_bytes());
            q.extend_from_slice(&e);
            q
        };
        let opened = opened_of(&wrap(&segment)).unwrap();
        let s = SlicedPacket::from_ip(&opened).unwrap();
        let Some(TransportSlice::Tcp(t)) = s.transport else {
            panic!()
        };
        assert_eq!((t.sequence_number(), t.payload()), (1000, SIP));
        // A byte of the segment changed: its checksum fails at every length.
        let mut bad = segment.clone();
        bad[30] ^= 1;
        assert_eq!(opened_of(&wrap(&bad)), None);
    }

    #[test]
    fn tunnel_mode_and_nat_traversal() {
        let mut inner = Vec::new();
        PacketBuilder::ipv4([172, 16, 0, 1], [172, 16, 0, 2], 64)
            .udp(5060, 5060)
            .write(&mut inner, SIP)
            .unwrap();
        // Tunnel mode, no integrity check value.
        let tunnel = over_ipv4(50, &esp(4, &inner, 0));
        assert_eq!(opened_of(&tunnel), Some(inner.clone()));
        // Inside UDP on port 4500 (behind NAT).
        let mut natted = Vec::new();
        PacketBuilder::ipv4([10, 0, 0, 1], [10, 0, 0, 2], 64)
            .udp(4500, 4500)
            .write(&mut natted, &esp(4, &inner, 12))
            .unwrap();
        assert_eq!(opened_of(&natted), Some(inner.clone()));
        // IKE on port 4500 (a zero non-ESP marker) is not ESP.
        let mut ike = vec![0, 0, 0, 0];
        ike.extend_from_slice(&esp(4, &inner, 12));
        let mut p = Vec::new();
        PacketBuilder::ipv4([10, 0, 0, 1], [10, 0, 0, 2], 64)
            .udp(4500, 4500)
            .write(&mut p, &ike)
            .unwrap();
        assert_eq!(opened_of(&p), None);
    }

    /// Encrypted ESP: bytes that look random, and payloads that hold together but for
    /// one check (padding, length, next header).
    #[test]
    fn anything_else_is_left_as_it_is() {
        let mut state = 0x1234_5678_u32;
        let random: Vec<u8> = (0..400)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        assert_eq!(opened_of(&over_ipv4(50, &random)), None);
        let udp = udp_segment(SIP);
        let mut bad_pad = esp(17, &udp, 12);
        let n = bad_pad.len();
        if bad_pad[n - 14] > 0 {
            bad_pad[n - 15] ^= 0x40;
        } else {
            bad_pad[n - 14] = 3;
        }
        assert_eq!(opened_of(&over_ipv4(50, &bad_pad)), None);
        let mut short = udp.clone();
        short[5] -= 1; // UDP length one less than the segment
        assert_eq!(opened_of(&over_ipv4(50, &esp(17, &short, 12))), None);
        assert_eq!(opened_of(&over_ipv4(50, &esp(47, &udp, 12))), None);
        assert_eq!(
            opened_of(&over_ipv4(50, &[0, 0, 0xC0, 1, 0, 0, 0, 1])),
            None
        );
        assert_eq!(opened_of(&over_ipv4(50, &[])), None);
    }
}
