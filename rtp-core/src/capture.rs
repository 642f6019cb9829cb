//! Reading captures (pcap and pcapng) and finding the RTP streams in them.
//!
//! Sans-IO: the caller supplies the capture's bytes (or any [`std::io::Read`]); nothing
//! here opens a file. Link layers: Ethernet (with VLAN tags), Linux cooked capture v1
//! and v2, raw IP, BSD loopback. Network: IPv4 and IPv6, with fragmented datagrams
//! rebuilt by a bounded [`Reassembler`] (large SIP INVITEs over UDP are often
//! fragmented). Transport: UDP. Frames cut short by the capture's snap length keep the
//! bytes that were captured (enough for RTP headers) and are counted in
//! [`CaptureRead::truncated`].
//!
//! Streams are found two ways, both without port hints:
//! - **signalled**: SIP messages in the capture are scanned for SDP `c=` and
//!   `m=audio <port>` lines (and `a=rtpmap` for dynamic payload types); datagrams to or
//!   from an announced address and port are RTP, RTCP on port + 1 is ignored;
//! - **heuristic**: a UDP flow is RTP when it carries at least
//!   [`CaptureLimits::heuristic_min_packets`] consecutive packets of version 2, a
//!   payload type outside the RTCP range, one stable SSRC and sequence numbers that
//!   advance by small steps.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;

use etherparse::{
    EtherType, Ipv6ExtensionSlice, LaxNetSlice, LaxSlicedPacket, NetSlice, SlicedPacket,
    TransportSlice, UdpSlice,
};
use pcap_file::DataLink;
use pcap_file::pcap::PcapReader;
use pcap_file::pcapng::PcapNgReader;
use pcap_file::pcapng::blocks::Block;
use pcap_file::pcapng::blocks::interface_description::InterfaceDescriptionOption;

use crate::error::{Error, Result};
use crate::packet::RtpPacket;

mod defrag;
pub use defrag::{IpFragment, Reassembler, ReassemblyLimits, ReassemblyStats};

/// Limits for capture reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CaptureLimits {
    /// Most UDP datagrams kept from one capture (default 5,000,000).
    pub max_datagrams: usize,
    /// Consecutive matching packets a flow needs to be taken as RTP heuristically
    /// (default 4).
    pub heuristic_min_packets: usize,
    /// Limits for rebuilding fragmented IP datagrams.
    pub reassembly: ReassemblyLimits,
}

impl Default for CaptureLimits {
    fn default() -> Self {
        Self {
            max_datagrams: 5_000_000,
            heuristic_min_packets: 4,
            reassembly: ReassemblyLimits::default(),
        }
    }
}

impl CaptureLimits {
    /// Sets [`CaptureLimits::max_datagrams`].
    pub fn max_datagrams(mut self, n: usize) -> Self {
        self.max_datagrams = n;
        self
    }
    /// Sets [`CaptureLimits::heuristic_min_packets`].
    pub fn heuristic_min_packets(mut self, n: usize) -> Self {
        self.heuristic_min_packets = n;
        self
    }
    /// Sets [`CaptureLimits::reassembly`].
    pub fn reassembly(mut self, limits: ReassemblyLimits) -> Self {
        self.reassembly = limits;
        self
    }
}

/// A UDP endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Endpoint {
    /// Address.
    pub addr: IpAddr,
    /// Port.
    pub port: u16,
}

/// One UDP datagram from a capture.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UdpDatagram {
    /// 1-based frame number in the capture.
    pub frame: u64,
    /// Capture timestamp (since the Unix epoch, as recorded).
    pub time: Duration,
    /// Source.
    pub src: Endpoint,
    /// Destination.
    pub dst: Endpoint,
    /// Whether the network layer was IPv6.
    pub ipv6: bool,
    /// The UDP payload.
    pub payload: Vec<u8>,
}

fn capture_err(e: impl std::fmt::Display) -> Error {
    Error::Capture {
        offset: 0,
        reason: e.to_string(),
    }
}

fn datagram(
    frame: u64,
    time: Duration,
    src: IpAddr,
    dst: IpAddr,
    udp: &UdpSlice<'_>,
) -> UdpDatagram {
    UdpDatagram {
        frame,
        time,
        src: Endpoint {
            addr: src,
            port: udp.source_port(),
        },
        dst: Endpoint {
            addr: dst,
            port: udp.destination_port(),
        },
        ipv6: src.is_ipv6(),
        payload: udp.payload().to_vec(),
    }
}

/// Slices a frame the capture cut short (snap length below the packet size), taking the
/// lengths the headers announce where the bytes are present and the captured bytes
/// beyond. Only used when the exact slicing failed.
fn slice_link_lax(link: DataLink, data: &[u8]) -> Option<LaxSlicedPacket<'_>> {
    match link {
        DataLink::ETHERNET => LaxSlicedPacket::from_ethernet(data).ok(),
        DataLink::LINUX_SLL => {
            // SLL: packet type (2), ARPHRD (2), addr len (2), addr (8), protocol (2).
            let proto = u16::from_be_bytes([*data.get(14)?, *data.get(15)?]);
            Some(LaxSlicedPacket::from_ether_type(
                EtherType(proto),
                data.get(16..)?,
            ))
        }
        DataLink::LINUX_SLL2 => {
            let proto = u16::from_be_bytes([*data.first()?, *data.get(1)?]);
            Some(LaxSlicedPacket::from_ether_type(
                EtherType(proto),
                data.get(20..)?,
            ))
        }
        DataLink::RAW | DataLink::IPV4 | DataLink::IPV6 => LaxSlicedPacket::from_ip(data).ok(),
        DataLink::NULL | DataLink::LOOP => LaxSlicedPacket::from_ip(data.get(4..)?).ok(),
        _ => None,
    }
}

/// The UDP datagram in a frame the capture cut short: its header and as much of its
/// payload as was captured (RTP analysis needs only the RTP header, and captures for it
/// are often taken with a small snap length). Fragments cut short are not reassembled.
fn truncated_udp_of(
    frame: u64,
    time: Duration,
    link: DataLink,
    data: &[u8],
) -> Option<UdpDatagram> {
    let sliced = slice_link_lax(link, data)?;
    let (src, dst, payload) = match sliced.net.as_ref()? {
        LaxNetSlice::Ipv4(ip) => (
            IpAddr::V4(ip.header().source_addr()),
            IpAddr::V4(ip.header().destination_addr()),
            ip.payload(),
        ),
        LaxNetSlice::Ipv6(ip) => (
            IpAddr::V6(ip.header().source_addr()),
            IpAddr::V6(ip.header().destination_addr()),
            ip.payload(),
        ),
        LaxNetSlice::Arp(_) => return None,
    };
    if payload.fragmented || !payload.incomplete {
        return None;
    }
    let TransportSlice::Udp(udp) = sliced.transport.as_ref()? else {
        return None;
    };
    Some(datagram(frame, time, src, dst, udp))
}

fn slice_link(link: DataLink, data: &[u8]) -> Option<SlicedPacket<'_>> {
    match link {
        DataLink::ETHERNET => SlicedPacket::from_ethernet(data).ok(),
        DataLink::LINUX_SLL => SlicedPacket::from_linux_sll(data).ok(),
        DataLink::LINUX_SLL2 => {
            // SLL2: protocol type (2), reserved (2), ifindex (4), hatype (2), pkttype (1),
            // addr len (1), addr (8): 20 bytes.
            let proto = u16::from_be_bytes([*data.first()?, *data.get(1)?]);
            SlicedPacket::from_ether_type(EtherType(proto), data.get(20..)?).ok()
        }
        DataLink::RAW | DataLink::IPV4 | DataLink::IPV6 => SlicedPacket::from_ip(data).ok(),
        DataLink::NULL | DataLink::LOOP => SlicedPacket::from_ip(data.get(4..)?).ok(),
        _ => None,
    }
}

/// The fragment carried by an IPv4 packet or an IPv6 packet with a fragment header, when
/// the packet is one piece of a larger datagram.
fn fragment_of<'a>(net: &NetSlice<'a>) -> Option<IpFragment<'a>> {
    match net {
        NetSlice::Ipv4(ip) => {
            let h = ip.header();
            if !h.is_fragmenting_payload() {
                return None;
            }
            Some(IpFragment {
                src: IpAddr::V4(h.source_addr()),
                dst: IpAddr::V4(h.destination_addr()),
                id: u32::from(h.identification()),
                protocol: ip.payload().ip_number.0,
                offset: h.fragments_offset().byte_offset(),
                more_fragments: h.more_fragments(),
                payload: ip.payload().payload,
            })
        }
        NetSlice::Ipv6(ip) => {
            let frag = ip.extensions().clone().into_iter().find_map(|e| match e {
                Ipv6ExtensionSlice::Fragment(f) => Some(f),
                _ => None,
            })?;
            if !frag.is_fragmenting_payload() {
                return None;
            }
            let h = ip.header();
            Some(IpFragment {
                src: IpAddr::V6(h.source_addr()),
                dst: IpAddr::V6(h.destination_addr()),
                id: frag.identification(),
                protocol: ip.payload().ip_number.0,
                offset: frag.fragment_offset().byte_offset(),
                more_fragments: frag.more_fragments(),
                payload: ip.payload().payload,
            })
        }
        _ => None,
    }
}

/// The UDP datagram in one captured frame: directly, or rebuilt from IP fragments when
/// this frame completes a fragmented datagram (which then carries this frame's number
/// and time, as Wireshark shows it). A fragment that cannot be added is counted by the
/// reassembler and the frame yields nothing.
fn udp_of(
    frame: u64,
    time: Duration,
    link: DataLink,
    data: &[u8],
    reassembler: &mut Reassembler,
    truncated: &mut u64,
) -> Option<UdpDatagram> {
    let Some(sliced) = slice_link(link, data) else {
        let d = truncated_udp_of(frame, time, link, data);
        *truncated += u64::from(d.is_some());
        return d;
    };
    let net = sliced.net.as_ref()?;
    let whole;
    let (src, dst, udp) = if let Some(frag) = fragment_of(net) {
        let (src, dst) = (frag.src, frag.dst);
        let is_udp = frag.protocol == 17;
        whole = reassembler.push(frag, time).ok()??;
        if !is_udp {
            return None;
        }
        (src, dst, UdpSlice::from_slice(&whole).ok()?)
    } else {
        let (src, dst) = match net {
            NetSlice::Ipv4(ip) => (
                IpAddr::V4(ip.header().source_addr()),
                IpAddr::V4(ip.header().destination_addr()),
            ),
            NetSlice::Ipv6(ip) => (
                IpAddr::V6(ip.header().source_addr()),
                IpAddr::V6(ip.header().destination_addr()),
            ),
            _ => return None,
        };
        let TransportSlice::Udp(udp) = sliced.transport.as_ref()? else {
            return None;
        };
        (src, dst, udp.clone())
    };
    Some(datagram(frame, time, src, dst, &udp))
}

/// The UDP datagrams of a capture and what reassembly did to get them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureRead {
    /// Every UDP datagram, fragmented ones rebuilt, in capture order.
    pub datagrams: Vec<UdpDatagram>,
    /// Fragment reassembly counters (datagrams rebuilt, dropped, expired).
    pub reassembly: ReassemblyStats,
    /// Fragmented datagrams still incomplete at the end of the capture.
    pub incomplete: usize,
    /// UDP datagrams the capture cut short (snap length), kept with the payload bytes
    /// that were captured.
    pub truncated: u64,
}

/// Reads every UDP datagram of a pcap or pcapng capture (told apart by the magic number).
///
/// Frames that are not UDP over IP are skipped but still numbered; fragmented datagrams
/// are rebuilt (see [`read_capture`] for the reassembly counters).
pub fn read_udp(reader: impl Read, limits: &CaptureLimits) -> Result<Vec<UdpDatagram>> {
    Ok(read_capture(reader, limits)?.datagrams)
}

/// Reads every UDP datagram of a pcap or pcapng capture, rebuilding fragmented IPv4 and
/// IPv6 datagrams within [`CaptureLimits::reassembly`], and reports on the reassembly.
///
/// # Errors
/// A capture that cannot be read, or more than [`CaptureLimits::max_datagrams`]
/// datagrams. Fragments that cannot be reassembled do not fail the read: they are
/// counted in [`CaptureRead::reassembly`].
pub fn read_capture(mut reader: impl Read, limits: &CaptureLimits) -> Result<CaptureRead> {
    let mut reassembler = Reassembler::new(limits.reassembly);
    let mut truncated = 0u64;
    let mut magic = [0u8; 4];
    reader
        .read_exact(&mut magic)
        .map_err(|_| Error::Truncated {
            offset: 0,
            reason: "capture shorter than its 4-byte magic number",
        })?;
    let chained = std::io::Cursor::new(magic).chain(reader);
    let mut out = Vec::new();
    let mut frame = 0u64;
    let push = |out: &mut Vec<UdpDatagram>, d: Option<UdpDatagram>| -> Result<()> {
        if let Some(d) = d {
            if out.len() >= limits.max_datagrams {
                return Err(Error::Limit {
                    what: "UDP datagrams in a capture",
                    limit: limits.max_datagrams,
                });
            }
            out.push(d);
        }
        Ok(())
    };
    if magic == [0x0A, 0x0D, 0x0D, 0x0A] {
        let mut r = PcapNgReader::new(chained).map_err(capture_err)?;
        // (link type, if_tsresol, if_tsoffset) per interface of the current section.
        let mut ifaces: Vec<(DataLink, u8, u64)> = Vec::new();
        let mut little_endian = true;
        while let Some(block) = r.next_block() {
            let block = block.map_err(capture_err)?;
            match block {
                Block::SectionHeader(shb) => {
                    ifaces.clear();
                    little_endian = matches!(shb.endianness, pcap_file::Endianness::Little);
                }
                Block::InterfaceDescription(idb) => {
                    let mut resol = 6u8;
                    let mut offset_s = 0u64;
                    for opt in &idb.options {
                        match opt {
                            InterfaceDescriptionOption::IfTsResol(r) => resol = *r,
                            InterfaceDescriptionOption::IfTsOffset(o) => offset_s = *o,
                            _ => {}
                        }
                    }
                    ifaces.push((idb.linktype, resol, offset_s));
                }
                Block::EnhancedPacket(epb) => {
                    frame += 1;
                    let Some(&(link, resol, offset_s)) = ifaces.get(epb.interface_id as usize)
                    else {
                        return Err(Error::Capture {
                            offset: 0,
                            reason: format!(
                                "frame {frame}: unknown interface {}",
                                epb.interface_id
                            ),
                        });
                    };
                    // The reader takes the raw 64-bit timestamp as nanoseconds; rescale it
                    // by the interface's if_tsresol (default 10^-6 s).
                    let time = scale_ts(epb.timestamp.as_nanos(), resol)
                        .saturating_add(Duration::from_secs(offset_s));
                    push(
                        &mut out,
                        udp_of(
                            frame,
                            time,
                            link,
                            &epb.data,
                            &mut reassembler,
                            &mut truncated,
                        ),
                    )?;
                }
                Block::SimplePacket(spb) => {
                    frame += 1;
                    if let Some(&(link, _, _)) = ifaces.first() {
                        let d = udp_of(
                            frame,
                            Duration::ZERO,
                            link,
                            &spb.data,
                            &mut reassembler,
                            &mut truncated,
                        );
                        push(&mut out, d)?;
                    }
                }
                Block::Packet(pb) => {
                    frame += 1;
                    if let Some(&(link, resol, offset_s)) = ifaces.get(usize::from(pb.interface_id))
                    {
                        // The obsolete Packet Block stores the timestamp as two 32-bit
                        // words, high first; the reader takes the eight bytes as one
                        // integer, which swaps the words in little-endian sections.
                        let raw = if little_endian {
                            pb.timestamp.rotate_left(32)
                        } else {
                            pb.timestamp
                        };
                        let time = scale_ts(u128::from(raw), resol)
                            .saturating_add(Duration::from_secs(offset_s));
                        let d = udp_of(
                            frame,
                            time,
                            link,
                            &pb.data,
                            &mut reassembler,
                            &mut truncated,
                        );
                        push(&mut out, d)?;
                    }
                }
                _ => {}
            }
        }
    } else {
        let mut r = PcapReader::new(chained).map_err(capture_err)?;
        let link = r.header().datalink;
        while let Some(pkt) = r.next_packet() {
            let pkt = pkt.map_err(capture_err)?;
            frame += 1;
            let d = udp_of(
                frame,
                pkt.timestamp,
                link,
                &pkt.data,
                &mut reassembler,
                &mut truncated,
            );
            push(&mut out, d)?;
        }
    }
    Ok(CaptureRead {
        datagrams: out,
        reassembly: reassembler.stats(),
        incomplete: reassembler.pending(),
        truncated,
    })
}

fn scale_ts(raw: u128, resol: u8) -> Duration {
    let units_per_sec: u128 = if resol & 0x80 != 0 {
        1u128 << u32::from((resol & 0x7F).min(64))
    } else {
        10u128.pow(u32::from(resol.min(19)))
    };
    let secs = raw / units_per_sec;
    let frac = raw % units_per_sec;
    let nanos = frac * 1_000_000_000 / units_per_sec;
    Duration::new(secs.min(u128::from(u64::MAX)) as u64, nanos as u32)
}

/// Media announced in SDP inside SIP messages of a capture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SignalledMedia {
    /// Announced RTP endpoints (`c=` address with `m=audio` port).
    pub endpoints: Vec<Endpoint>,
    /// Clock rates from `a=rtpmap:<pt> <name>/<rate>` lines, by payload type.
    pub clock_rates: Vec<(u8, u32)>,
    /// Encoding names from `a=rtpmap`, by payload type (lower-case).
    pub encodings: Vec<(u8, String)>,
}

fn looks_like_sip(p: &[u8]) -> bool {
    const STARTS: [&[u8]; 8] = [
        b"SIP/2.0 ",
        b"INVITE ",
        b"ACK ",
        b"BYE ",
        b"UPDATE ",
        b"PRACK ",
        b"OPTIONS ",
        b"CANCEL ",
    ];
    STARTS.iter().any(|s| p.starts_with(s))
}

/// Scans SIP message bodies for SDP `c=`, `m=audio` and `a=rtpmap` lines.
///
/// This is deliberately minimal (line-oriented, session- and media-level `c=`), enough
/// to point the stream finder at the right ports.
pub fn scan_sdp(datagrams: &[UdpDatagram]) -> SignalledMedia {
    let mut media = SignalledMedia::default();
    for d in datagrams {
        if !looks_like_sip(&d.payload) {
            continue;
        }
        let Some(body_at) = memfind(&d.payload, b"\r\n\r\n") else {
            continue;
        };
        let body = &d.payload[body_at + 4..];
        let mut session_addr: Option<IpAddr> = None;
        let mut pending_port: Option<u16> = None;
        let mut media_addr: Option<IpAddr> = None;
        let flush = |port: Option<u16>, addr: Option<IpAddr>, media: &mut SignalledMedia| {
            if let (Some(port), Some(addr)) = (port, addr) {
                let e = Endpoint { addr, port };
                if port != 0 && !media.endpoints.contains(&e) {
                    media.endpoints.push(e);
                }
            }
        };
        for line in body.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let Ok(line) = std::str::from_utf8(line) else {
                continue;
            };
            if let Some(rest) = line.strip_prefix("c=") {
                let addr = rest
                    .split_whitespace()
                    .nth(2)
                    .and_then(|a| a.split('/').next())
                    .and_then(|a| a.parse().ok());
                if pending_port.is_some() {
                    media_addr = addr;
                } else {
                    session_addr = addr;
                }
            } else if let Some(rest) = line.strip_prefix("m=") {
                flush(pending_port, media_addr.or(session_addr), &mut media);
                media_addr = None;
                pending_port = None;
                let mut parts = rest.split_whitespace();
                if parts.next() == Some("audio") {
                    pending_port = parts.next().and_then(|p| p.split('/').next()?.parse().ok());
                }
            } else if let Some(rest) = line.strip_prefix("a=rtpmap:") {
                let mut parts = rest.split_whitespace();
                let pt = parts.next().and_then(|p| p.parse::<u8>().ok());
                let enc = parts.next();
                if let (Some(pt), Some(enc)) = (pt, enc) {
                    let mut it = enc.split('/');
                    let name = it.next().unwrap_or_default().to_ascii_lowercase();
                    if let Some(rate) = it.next().and_then(|r| r.parse::<u32>().ok())
                        && !media.clock_rates.iter().any(|(p, _)| *p == pt)
                    {
                        media.clock_rates.push((pt, rate));
                        media.encodings.push((pt, name));
                    }
                }
            }
        }
        flush(pending_port, media_addr.or(session_addr), &mut media);
    }
    media
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
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

/// One RTP packet of a stream, in capture order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StreamPacket {
    /// Frame number in the capture.
    pub frame: u64,
    /// Capture timestamp.
    pub time: Duration,
    /// Sequence number.
    pub seq: u16,
    /// RTP timestamp.
    pub timestamp: u32,
    /// Payload type.
    pub payload_type: u8,
    /// Marker bit.
    pub marker: bool,
    /// Payload length in bytes (without padding).
    pub payload_len: usize,
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
        self.signalled
            .clock_rates
            .iter()
            .find(|(p, _)| *p == pt)
            .map(|(_, r)| *r)
            .or_else(|| static_clock_rate(pt))
    }

    /// The signalled encoding name (lower-case) of `pt`, if any.
    pub fn encoding(&self, pt: u8) -> Option<&str> {
        self.signalled
            .encodings
            .iter()
            .find(|(p, _)| *p == pt)
            .map(|(_, n)| n.as_str())
    }
}

/// The RFC 3551 clock rate of a static payload type.
pub fn static_clock_rate(pt: u8) -> Option<u32> {
    Some(match pt {
        0..=9 | 12 | 13 | 15 | 18 | 19 => 8000,
        10 | 11 => 44100,
        16 => 11025,
        17 => 22050,
        14 | 25 | 26 | 28 | 31..=34 => 90000,
        _ => return None,
    })
}

fn rtp_like(p: &[u8]) -> Option<RtpPacket<'_>> {
    let pkt = RtpPacket::parse(p).ok()?;
    // Payload types 72..=76 collide with RTCP SR/RR/SDES/BYE/APP (RFC 5761 4).
    (!(72..=76).contains(&pkt.payload_type())).then_some(pkt)
}

/// Reads a capture ([`read_udp`]) and finds its RTP streams ([`find_streams`]); also
/// gives the time of the first datagram, the origin that analysis times count from.
///
/// # Errors
/// As [`read_udp`].
pub fn read_streams(
    reader: impl Read,
    limits: &CaptureLimits,
) -> Result<(CaptureStreams, Duration)> {
    let datagrams = read_udp(reader, limits)?;
    let origin = datagrams.first().map(|d| d.time).unwrap_or_default();
    Ok((find_streams(&datagrams, limits), origin))
}

/// Finds the RTP streams in a list of datagrams.
pub fn find_streams(datagrams: &[UdpDatagram], limits: &CaptureLimits) -> CaptureStreams {
    let signalled = scan_sdp(datagrams);
    let announced: HashSet<Endpoint> = signalled.endpoints.iter().copied().collect();
    // Flows (src, dst) accepted by the heuristic: a run of consecutive RTP-looking
    // packets with one SSRC and small sequence steps.
    let mut runs: HashMap<(Endpoint, Endpoint), (u32, u16, usize)> = HashMap::new();
    let mut accepted: HashSet<(Endpoint, Endpoint)> = HashSet::new();
    for d in datagrams {
        let key = (d.src, d.dst);
        if accepted.contains(&key) || looks_like_sip(&d.payload) {
            continue;
        }
        match rtp_like(&d.payload) {
            Some(p) => {
                let run = runs
                    .entry(key)
                    .or_insert((p.ssrc(), p.sequence_number(), 0));
                let step = p.sequence_number().wrapping_sub(run.1);
                if run.2 == 0 || (run.0 == p.ssrc() && (1..=100).contains(&step)) {
                    run.2 += 1;
                } else {
                    run.2 = 1;
                }
                run.0 = p.ssrc();
                run.1 = p.sequence_number();
                if run.2 >= limits.heuristic_min_packets.max(1) {
                    accepted.insert(key);
                }
            }
            None => {
                runs.remove(&key);
            }
        }
    }
    let mut index: HashMap<(Endpoint, Endpoint, u32), usize> = HashMap::new();
    let mut streams: Vec<RtpStream> = Vec::new();
    for d in datagrams {
        let signalled_flow = announced.contains(&d.dst) || announced.contains(&d.src);
        let heuristic = accepted.contains(&(d.src, d.dst));
        if !signalled_flow && !heuristic {
            continue;
        }
        let Some(p) = rtp_like(&d.payload) else {
            continue;
        };
        let key = (d.src, d.dst, p.ssrc());
        let i = *index.entry(key).or_insert_with(|| {
            streams.push(RtpStream {
                src: d.src,
                dst: d.dst,
                ssrc: p.ssrc(),
                discovery: if signalled_flow {
                    Discovery::Signalled
                } else {
                    Discovery::Heuristic
                },
                packets: Vec::new(),
            });
            streams.len() - 1
        });
        streams[i].packets.push(StreamPacket {
            frame: d.frame,
            time: d.time,
            seq: p.sequence_number(),
            timestamp: p.timestamp(),
            payload_type: p.payload_type(),
            marker: p.marker(),
            payload_len: p.payload().len(),
        });
    }
    CaptureStreams { streams, signalled }
}

fn checksum16(data: &[u8]) -> u16 {
    let mut sum = 0u32;
    for c in data.chunks(2) {
        let w = u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]);
        sum += u32::from(w);
    }
    while sum > 0xFFFF {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    !(sum as u16)
}

/// Writes datagrams as a classic pcap capture (Ethernet, IPv4 or IPv6, UDP, microsecond
/// timestamps), for tests, samples and tools. Frame numbers in the input are ignored.
///
/// Errors when a datagram mixes address families or does not fit in one IP packet.
pub fn write_pcap(datagrams: &[UdpDatagram]) -> Result<Vec<u8>> {
    write_pcap_with_mtu(datagrams, usize::MAX)
}

/// Like [`write_pcap`], but a datagram whose IP packet would exceed `mtu` bytes is sent
/// as IP fragments (IPv4 fragments with the "more fragments" flag and offset; IPv6 with a
/// fragment extension header, RFC 8200 4.5), each in its own frame with the datagram's
/// time. Fragmented datagrams get identifications 1, 2, ... in order.
///
/// Errors as [`write_pcap`], and when `mtu` leaves no room for 8 bytes of data after
/// the headers.
pub fn write_pcap_with_mtu(datagrams: &[UdpDatagram], mtu: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    // Global header: magic, v2.4, zone 0, sigfigs 0, snaplen 65535, linktype 1.
    out.extend_from_slice(&0xA1B2_C3D4u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(&65535u32.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    let too_big = Error::Encode {
        reason: "datagram does not fit in one IP packet",
    };
    let mut next_id = 0u32;
    for d in datagrams {
        let secs = u32::try_from(d.time.as_secs()).map_err(|_| Error::Encode {
            reason: "timestamp beyond 2106",
        })?;
        let udp_len = d.payload.len() + 8;
        let udp_len16 = u16::try_from(udp_len).map_err(|_| too_big.clone())?;
        let mut udp = Vec::with_capacity(udp_len);
        udp.extend_from_slice(&d.src.port.to_be_bytes());
        udp.extend_from_slice(&d.dst.port.to_be_bytes());
        udp.extend_from_slice(&udp_len16.to_be_bytes());
        udp.extend_from_slice(&[0, 0]);
        udp.extend_from_slice(&d.payload);
        // (IP header bytes, piece of the UDP datagram) per frame.
        let mut frames: Vec<(Vec<u8>, std::ops::Range<usize>)> = Vec::new();
        match (d.src.addr, d.dst.addr) {
            (IpAddr::V4(s), IpAddr::V4(t)) => {
                // UDP checksum 0 = not computed (allowed for IPv4).
                if udp_len + 20 > 65535 {
                    return Err(too_big);
                }
                let ip_header = |len: usize, flags_offset: u16, id: u16| {
                    let mut ip = vec![0x45, 0];
                    ip.extend_from_slice(&((len + 20) as u16).to_be_bytes());
                    ip.extend_from_slice(&id.to_be_bytes());
                    ip.extend_from_slice(&flags_offset.to_be_bytes());
                    ip.extend_from_slice(&[64, 17, 0, 0]);
                    ip.extend_from_slice(&s.octets());
                    ip.extend_from_slice(&t.octets());
                    let c = checksum16(&ip);
                    ip[10..12].copy_from_slice(&c.to_be_bytes());
                    ip
                };
                if udp_len + 20 <= mtu {
                    // Don't fragment, identification 0.
                    frames.push((ip_header(udp_len, 0x4000, 0), 0..udp_len));
                } else {
                    let step = fragment_step(mtu, 20)?;
                    next_id += 1;
                    let mut at = 0;
                    while at < udp_len {
                        let end = (at + step).min(udp_len);
                        let more = if end < udp_len { 0x2000 } else { 0 };
                        let flags_offset = more | (at / 8) as u16;
                        frames.push((ip_header(end - at, flags_offset, next_id as u16), at..end));
                        at = end;
                    }
                }
            }
            (IpAddr::V6(s), IpAddr::V6(t)) => {
                // IPv6 requires the UDP checksum over the pseudo-header.
                let mut pseudo = Vec::with_capacity(40 + udp.len());
                pseudo.extend_from_slice(&s.octets());
                pseudo.extend_from_slice(&t.octets());
                pseudo.extend_from_slice(&(udp_len as u32).to_be_bytes());
                pseudo.extend_from_slice(&[0, 0, 0, 17]);
                pseudo.extend_from_slice(&udp);
                let mut c = checksum16(&pseudo);
                if c == 0 {
                    c = 0xFFFF;
                }
                udp[6..8].copy_from_slice(&c.to_be_bytes());
                let ip_header = |payload_len: usize, next: u8| {
                    let mut ip = vec![0x60, 0, 0, 0];
                    ip.extend_from_slice(&(payload_len as u16).to_be_bytes());
                    ip.extend_from_slice(&[next, 64]);
                    ip.extend_from_slice(&s.octets());
                    ip.extend_from_slice(&t.octets());
                    ip
                };
                if udp_len + 40 <= mtu {
                    frames.push((ip_header(udp_len, 17), 0..udp_len));
                } else {
                    let step = fragment_step(mtu, 48)?;
                    next_id += 1;
                    let mut at = 0;
                    while at < udp_len {
                        let end = (at + step).min(udp_len);
                        let more = u16::from(end < udp_len);
                        let mut ip = ip_header(end - at + 8, 44);
                        // Fragment header: next header, reserved, offset << 3 | M, id.
                        ip.extend_from_slice(&[17, 0]);
                        ip.extend_from_slice(&(((at / 8) as u16) << 3 | more).to_be_bytes());
                        ip.extend_from_slice(&next_id.to_be_bytes());
                        frames.push((ip, at..end));
                        at = end;
                    }
                }
            }
            _ => {
                return Err(Error::Encode {
                    reason: "source and destination address families differ",
                });
            }
        }
        for (ip, piece) in frames {
            let mut frame = Vec::with_capacity(14 + ip.len() + piece.len());
            frame.extend_from_slice(&[0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1]);
            let ether_type: [u8; 2] = if d.src.addr.is_ipv6() {
                [0x86, 0xDD]
            } else {
                [0x08, 0x00]
            };
            frame.extend_from_slice(&ether_type);
            frame.extend_from_slice(&ip);
            frame.extend_from_slice(&udp[piece]);
            out.extend_from_slice(&secs.to_le_bytes());
            out.extend_from_slice(&d.time.subsec_micros().to_le_bytes());
            out.extend_from_slice(&(frame.len() as u32).to_le_bytes());
            out.extend_from_slice(&(frame.len() as u32).to_le_bytes());
            out.extend_from_slice(&frame);
        }
    }
    Ok(out)
}

/// Bytes of datagram per fragment: what fits after `headers` bytes, a multiple of 8.
fn fragment_step(mtu: usize, headers: usize) -> Result<usize> {
    let step = mtu.saturating_sub(headers) / 8 * 8;
    if step == 0 {
        return Err(Error::Encode {
            reason: "MTU leaves no room for 8 bytes of fragment data",
        });
    }
    Ok(step)
}
