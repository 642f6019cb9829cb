//! The tunnels that mirror traffic to a capture host: a capture taken there holds each
//! mirrored packet inside an outer packet, and the calls are in the inner ones.
//!
//! - VXLAN (RFC 7348, UDP port 4789): AWS VPC Traffic Mirroring, Azure virtual network
//!   TAP, VMware and Open vSwitch mirrors; the inner packet is an Ethernet frame.
//! - Geneve (RFC 8926, UDP port 6081): AWS Gateway Load Balancer appliances; an
//!   Ethernet frame or an IP packet.
//! - GRE (RFC 2784, 2890): carrying Ethernet (transparent Ethernet bridging), ERSPAN
//!   type I, II or III (Cisco, Arista and Juniper remote SPAN; GCP and OCI mirrors), or
//!   IPv4 and IPv6 directly.
//!
//! - MPLS (RFC 3032) on a carrier's core links: IP under the label stack, or Ethernet
//!   over MPLS after a pseudowire control word (RFC 4448).
//! - GTP-U (3GPP TS 29.281, UDP port 2152) on a mobile network's user plane (LTE S1-U
//!   and S5/S8, 5G N3 and N9): the VoLTE and VoNR phones' SIP and RTP inside the
//!   tunnels of their bearers, as a tap on those links sees them.
//!
//! Tunnels inside tunnels are opened up to [`MAX_DEPTH`] deep. A tunnel packet that is
//! itself fragmented is left as it is.

use etherparse::{IpNumber, SlicedPacket, TransportSlice};
use pcap_file::DataLink;

use super::whole_ip_payload;

/// How many tunnels inside each other are opened.
pub(crate) const MAX_DEPTH: usize = 4;

/// VXLAN's and Geneve's UDP ports (IANA).
const VXLAN_PORT: u16 = 4789;
const GENEVE_PORT: u16 = 6081;
/// GTP-U's UDP port (3GPP TS 29.281).
const GTP_U_PORT: u16 = 2152;

/// The link type and bytes of the packet a tunnel packet carries, or `None` when the
/// frame is no tunnel packet this reader opens; `sliced` is the frame sliced on `link`.
pub(crate) fn inner<'a>(
    link: DataLink,
    data: &'a [u8],
    sliced: Option<&SlicedPacket<'a>>,
) -> Option<(DataLink, &'a [u8])> {
    if let Some(labelled) = mpls(link, data) {
        return Some(labelled);
    }
    let sliced = sliced?;
    let payload = whole_ip_payload(sliced)?;
    if payload.ip_number == IpNumber::GRE {
        return gre(payload.payload);
    }
    match sliced.transport.as_ref()? {
        TransportSlice::Udp(udp) if udp.destination_port() == VXLAN_PORT => vxlan(udp.payload()),
        TransportSlice::Udp(udp) if udp.destination_port() == GENEVE_PORT => geneve(udp.payload()),
        TransportSlice::Udp(udp) if udp.destination_port() == GTP_U_PORT => gtp_u(udp.payload()),
        _ => None,
    }
}

/// EtherTypes of VLAN tags (802.1Q, 802.1ad, and the older QinQ tag) and of MPLS
/// (unicast, multicast).
const VLAN_TAGS: [u16; 3] = [0x8100, 0x88A8, 0x9100];
const MPLS: [u16; 2] = [0x8847, 0x8848];

/// The packet under the MPLS labels of a frame (RFC 3032) on a carrier's core links:
/// IPv4 or IPv6 after the label at the bottom of the stack, or an Ethernet frame after a
/// pseudowire control word (RFC 4448, a first nibble of 0).
fn mpls(link: DataLink, data: &[u8]) -> Option<(DataLink, &[u8])> {
    let word = |at: usize| Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]));
    let (mut ethertype, mut at) = match link {
        DataLink::ETHERNET => (word(12)?, 14),
        DataLink::LINUX_SLL => (word(14)?, 16),
        DataLink::LINUX_SLL2 => (word(0)?, 20),
        _ => return None,
    };
    while link == DataLink::ETHERNET && VLAN_TAGS.contains(&ethertype) {
        ethertype = word(at + 2)?;
        at += 4;
    }
    if !MPLS.contains(&ethertype) {
        return None;
    }
    // Each label entry is 4 bytes; the bottom one has S (bit 8 of its third byte).
    loop {
        let entry = data.get(at..at + 4)?;
        at += 4;
        if entry[2] & 0x01 != 0 {
            break;
        }
    }
    let rest = data.get(at..)?;
    match rest.first()? >> 4 {
        4 | 6 => Some((DataLink::RAW, rest)),
        0 => Some((DataLink::ETHERNET, rest.get(4..)?)),
        _ => None,
    }
}

/// The Ethernet frame of a VXLAN packet: 8 bytes of header, the I flag set (a valid
/// network identifier).
fn vxlan(b: &[u8]) -> Option<(DataLink, &[u8])> {
    let (head, frame) = b.split_at_checked(8)?;
    (head[0] & 0x08 != 0).then_some((DataLink::ETHERNET, frame))
}

/// The packet of a Geneve packet (RFC 8926): 8 bytes of header and its options (their
/// length in 4-byte words in the low six bits of the first byte), version 0, then an
/// Ethernet frame or an IP packet as its protocol type says.
fn geneve(b: &[u8]) -> Option<(DataLink, &[u8])> {
    let first = *b.first()?;
    if first >> 6 != 0 {
        return None;
    }
    let protocol = u16::from_be_bytes([*b.get(2)?, *b.get(3)?]);
    let rest = b.get(8 + 4 * usize::from(first & 0x3F)..)?;
    match protocol {
        TRANSPARENT_ETHERNET => Some((DataLink::ETHERNET, rest)),
        IPV4 | IPV6 => Some((DataLink::RAW, rest)),
        _ => None,
    }
}

/// The IP packet of a GTP-U G-PDU (3GPP TS 29.281 5.1): version 1, protocol type GTP,
/// message type 255, 8 bytes of header, then 4 more when any of the E, S and PN flags
/// is set, and with E the chain of extension headers (each its length in 4-byte units
/// in its first byte, the type of the next in its last: 5G's PDU session container,
/// LTE's UDP port or PDCP number) up to the header's length. Echo, error indication and
/// end marker messages carry no packet.
fn gtp_u(b: &[u8]) -> Option<(DataLink, &[u8])> {
    let flags = *b.first()?;
    if flags >> 5 != 1 || flags & 0x10 == 0 || *b.get(1)? != 0xFF {
        return None;
    }
    // The length counts the bytes after the first 8; a capture may have cut them.
    let end = b
        .len()
        .min(8 + usize::from(u16::from_be_bytes([*b.get(2)?, *b.get(3)?])));
    let mut at = 8;
    if flags & 0x07 != 0 {
        let mut next = *b.get(11)?;
        at = 12;
        while flags & 0x04 != 0 && next != 0 {
            let words = usize::from(*b.get(at)?);
            if words == 0 {
                return None;
            }
            at += 4 * words;
            next = *b.get(at - 1)?;
        }
    }
    let packet = b.get(at..end)?;
    matches!(packet.first()? >> 4, 4 | 6).then_some((DataLink::RAW, packet))
}

/// GRE protocol types (EtherTypes).
const TRANSPARENT_ETHERNET: u16 = 0x6558;
const ERSPAN_II: u16 = 0x88BE;
const ERSPAN_III: u16 = 0x22EB;
const IPV4: u16 = 0x0800;
const IPV6: u16 = 0x86DD;

/// The packet a GRE packet carries: its header is 4 bytes, and 4 more each for a
/// checksum (C), a key (K) and a sequence number (S).
fn gre(b: &[u8]) -> Option<(DataLink, &[u8])> {
    let flags = u16::from_be_bytes([*b.first()?, *b.get(1)?]);
    let protocol = u16::from_be_bytes([*b.get(2)?, *b.get(3)?]);
    // Version 0 only (1 is PPTP's enhanced GRE).
    if flags & 0x0007 != 0 {
        return None;
    }
    let optional = [0x8000, 0x2000, 0x1000]
        .iter()
        .filter(|&&bit| flags & bit != 0)
        .count();
    let rest = b.get(4 + 4 * optional..)?;
    match protocol {
        TRANSPARENT_ETHERNET => Some((DataLink::ETHERNET, rest)),
        IPV4 | IPV6 => Some((DataLink::RAW, rest)),
        // Type I (no sequence number) has no header of its own; type II has 8 bytes.
        ERSPAN_II if flags & 0x1000 == 0 => Some((DataLink::ETHERNET, rest)),
        ERSPAN_II => Some((DataLink::ETHERNET, rest.get(8..)?)),
        ERSPAN_III => {
            // 12 bytes, and an 8-byte platform-specific subheader when O (the last bit of
            // the header) is set.
            let o = rest.get(11)? & 0x01 != 0;
            Some((DataLink::ETHERNET, rest.get(if o { 20 } else { 12 }..)?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`inner`] of a frame sliced as the reader slices it.
    fn inner(link: DataLink, data: &[u8]) -> Option<(DataLink, &[u8])> {
        super::inner(link, data, super::super::slice_link(link, data).as_ref())
    }

    /// An IPv4 packet of `protocol` carrying `payload` (no options, no fragmentation).
    fn ipv4(protocol: u8, payload: &[u8]) -> Vec<u8> {
        let total = (20 + payload.len()) as u16;
        let mut p = vec![0x45, 0];
        p.extend_from_slice(&total.to_be_bytes());
        p.extend_from_slice(&[0, 0, 0x40, 0, 64, protocol, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
        p.extend_from_slice(payload);
        p
    }

    fn udp(dport: u16, payload: &[u8]) -> Vec<u8> {
        let mut u = vec![0x30, 0x39];
        u.extend_from_slice(&dport.to_be_bytes());
        u.extend_from_slice(&((8 + payload.len()) as u16).to_be_bytes());
        u.extend_from_slice(&[0, 0]);
        u.extend_from_slice(payload);
        u
    }

    const INNER: &[u8] = b"an inner Ethernet frame";

    #[test]
    fn mpls_labels_carry_ip_or_ethernet() {
        let ip = ipv4(17, &udp(5060, b"x"));
        let mut eth = vec![0; 12];
        // A VLAN tag, then two labels, the second at the bottom of the stack.
        eth.extend_from_slice(&[0x81, 0x00, 0x00, 0x64, 0x88, 0x47]);
        eth.extend_from_slice(&[0x00, 0x01, 0x20, 0x40, 0x00, 0x02, 0x11, 0x40]);
        let mut labelled = eth.clone();
        labelled.extend_from_slice(&ip);
        assert_eq!(
            inner(DataLink::ETHERNET, &labelled),
            Some((DataLink::RAW, &ip[..]))
        );
        // Ethernet over MPLS: a control word of zeros, then the frame.
        let mut pw = eth.clone();
        pw.extend_from_slice(&[0, 0, 0, 0]);
        pw.extend_from_slice(INNER);
        assert_eq!(
            inner(DataLink::ETHERNET, &pw),
            Some((DataLink::ETHERNET, INNER))
        );
        // A stack that never reaches its bottom, or another EtherType: none.
        assert_eq!(inner(DataLink::ETHERNET, &eth[..eth.len() - 4]), None);
        let mut other = labelled.clone();
        other[16] = 0x08;
        other[17] = 0x06;
        assert_eq!(inner(DataLink::ETHERNET, &other), None);
    }

    /// A G-PDU, as an eNodeB sends it on S1-U (no optional fields) and as a gNodeB
    /// sends it on N3 (a sequence number field and a PDU session container).
    #[test]
    fn gtp_u_carries_ip_after_its_extension_headers() {
        let ip = ipv4(17, &udp(5060, b"INVITE"));
        let g_pdu = |flags: u8, optional: &[u8]| {
            let mut g = vec![flags, 0xFF];
            g.extend_from_slice(&((optional.len() + ip.len()) as u16).to_be_bytes());
            g.extend_from_slice(&[0, 0, 0x12, 0x34]);
            g.extend_from_slice(optional);
            g.extend_from_slice(&ip);
            ipv4(17, &udp(GTP_U_PORT, &g))
        };
        let plain = g_pdu(0x30, &[]);
        assert_eq!(inner(DataLink::RAW, &plain), Some((DataLink::RAW, &ip[..])));
        // Sequence number 7, no N-PDU number, a PDU session container (0x85, one word,
        // QFI 9) then no more.
        let n3 = g_pdu(0x36, &[0, 7, 0, 0x85, 0x01, 0x10, 0x09, 0x00]);
        assert_eq!(inner(DataLink::RAW, &n3), Some((DataLink::RAW, &ip[..])));
        // Two extension headers: a UDP port (0x40) then the container.
        let two = g_pdu(
            0x34,
            &[
                0, 0, 0, 0x40, 0x01, 0x08, 0x68, 0x85, 0x01, 0x10, 0x09, 0x00,
            ],
        );
        assert_eq!(inner(DataLink::RAW, &two), Some((DataLink::RAW, &ip[..])));
        // A next-type byte without E is not a chain.
        let s_only = g_pdu(0x32, &[0, 7, 0, 0x85]);
        assert_eq!(
            inner(DataLink::RAW, &s_only),
            Some((DataLink::RAW, &ip[..]))
        );
        // An echo request, GTP' (protocol type 0), version 2 (GTPv2-C), an extension
        // header of length 0, and a chain that runs past the packet carry nothing.
        let mut echo = g_pdu(0x30, &[]);
        echo[29] = 0x01;
        let mut prime = g_pdu(0x30, &[]);
        prime[28] = 0x20;
        let mut v2 = g_pdu(0x30, &[]);
        v2[28] = 0x50;
        for not in [
            echo,
            prime,
            v2,
            g_pdu(0x34, &[0, 0, 0, 0x85, 0x00, 0x10, 0x09, 0x00]),
            g_pdu(0x34, &[0, 0, 0, 0x85, 0x7F]),
        ] {
            assert_eq!(inner(DataLink::RAW, &not), None, "{not:02x?}");
        }
    }

    #[test]
    fn vxlan_carries_an_ethernet_frame() {
        let mut v = vec![0x08, 0, 0, 0, 0, 0x12, 0x34, 0];
        v.extend_from_slice(INNER);
        let outer = ipv4(17, &udp(VXLAN_PORT, &v));
        assert_eq!(
            inner(DataLink::RAW, &outer),
            Some((DataLink::ETHERNET, INNER))
        );
        // Without the I flag, or on another port: no tunnel.
        v[0] = 0;
        assert_eq!(inner(DataLink::RAW, &ipv4(17, &udp(VXLAN_PORT, &v))), None);
        v[0] = 0x08;
        assert_eq!(inner(DataLink::RAW, &ipv4(17, &udp(5060, &v))), None);
    }

    #[test]
    fn geneve_carries_ethernet_or_ip_after_its_options() {
        let with = |head: &[u8]| {
            let mut g = head.to_vec();
            g.extend_from_slice(INNER);
            let outer = ipv4(17, &udp(GENEVE_PORT, &g));
            inner(DataLink::RAW, &outer).map(|(link, d)| (link, d.to_vec()))
        };
        let eth = Some((DataLink::ETHERNET, INNER.to_vec()));
        assert_eq!(with(&[0, 0, 0x65, 0x58, 0, 0, 1, 0]), eth);
        // Two words of options (an AWS GWLB flow cookie, say).
        assert_eq!(
            with(&[0x02, 0, 0x65, 0x58, 0, 0, 1, 0, 1, 8, 1, 1, 0, 0, 0, 9]),
            eth
        );
        assert_eq!(
            with(&[0, 0, 0x86, 0xDD, 0, 0, 1, 0]),
            Some((DataLink::RAW, INNER.to_vec()))
        );
        // Version 1, or options longer than the packet: none.
        assert_eq!(with(&[0x40, 0, 0x65, 0x58, 0, 0, 1, 0]), None);
        let outer = ipv4(17, &udp(GENEVE_PORT, &[0x3F, 0, 0x65, 0x58, 0, 0, 1, 0]));
        assert_eq!(inner(DataLink::RAW, &outer), None);
    }

    #[test]
    fn gre_carries_ethernet_erspan_or_ip() {
        let with = |head: &[u8]| {
            let mut g = head.to_vec();
            g.extend_from_slice(INNER);
            let outer = ipv4(47, &g);
            inner(DataLink::RAW, &outer).map(|(link, d)| (link, d.to_vec()))
        };
        let eth = Some((DataLink::ETHERNET, INNER.to_vec()));
        assert_eq!(with(&[0, 0, 0x65, 0x58]), eth);
        // Checksum and key present: 8 more bytes.
        assert_eq!(with(&[0xA0, 0, 0x65, 0x58, 0, 0, 0, 0, 0, 0, 0, 7]), eth);
        // ERSPAN type I (no sequence number), type II (a sequence number, 8 bytes of
        // ERSPAN), type III (12 bytes, 20 with the O bit).
        assert_eq!(with(&[0, 0, 0x88, 0xBE]), eth);
        let mut ii = vec![0x10, 0, 0x88, 0xBE, 0, 0, 0, 9];
        ii.extend_from_slice(&[0x10, 0x01, 0, 0x05, 0, 0, 0, 0]);
        assert_eq!(with(&ii), eth);
        let mut iii = vec![0x10, 0, 0x22, 0xEB, 0, 0, 0, 9];
        iii.extend_from_slice(&[0x20, 0x01, 0, 0x05, 0, 0, 0, 1, 0, 0, 0, 0]);
        assert_eq!(with(&iii), eth);
        iii[8 + 11] = 0x01;
        iii.extend_from_slice(&[0; 8]);
        assert_eq!(with(&iii), eth);
        assert_eq!(
            with(&[0, 0, 0x08, 0x00]),
            Some((DataLink::RAW, INNER.to_vec()))
        );
        // Version 1 (PPTP), an unknown protocol, a header cut short: no tunnel.
        assert_eq!(with(&[0, 1, 0x65, 0x58]), None);
        assert_eq!(with(&[0, 0, 0x88, 0x0B]), None);
        assert_eq!(inner(DataLink::RAW, &ipv4(47, &[0x80, 0, 0x65])), None);
    }
}
