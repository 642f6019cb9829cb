//! Reading captures (pcap and pcapng) into the UDP datagrams they carry, and writing
//! datagrams as a pcap.
//!
//! Sans-IO: the caller supplies the capture's bytes (or any [`std::io::Read`]); nothing
//! here opens a file. Link layers: Ethernet (with VLAN tags), Linux cooked capture v1
//! and v2, raw IP, BSD loopback; the tunnels that mirror traffic to a capture host are
//! opened (VXLAN, Geneve, GRE, ERSPAN I–III), and so are MPLS label stacks, GTP-U
//! bearers (a mobile network's user plane), ESP with NULL encryption (IMS's IPsec
//! between a phone and its P-CSCF) and, on a Homer collector, the HEP packets that carry
//! SIP messages ([`crate::hep`]). Network:
//! IPv4 and IPv6, with fragmented datagrams rebuilt by a bounded [`Reassembler`] (large
//! SIP INVITEs over UDP are often fragmented). Transport: UDP, and the SIP messages of
//! TCP flows (for their SDP and the calls they tell), a message that spans segments put
//! back together, and of WebSocket flows. Frames cut short by the capture's snap length
//! keep the bytes that were captured (enough for RTP headers) and are counted in
//! [`CaptureRead::truncated`].

use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;

use etherparse::{
    EtherType, IpPayloadSlice, Ipv6ExtensionSlice, LaxNetSlice, LaxSlicedPacket, NetSlice,
    SlicedPacket, TransportSlice, UdpSlice,
};
use pcap_file::DataLink;
use pcap_file::pcapng::blocks::Block;
use pcap_file::pcapng::blocks::interface_description::InterfaceDescriptionOption;

use crate::error::{Error, Result};

mod defrag;
mod esp;
mod tcp;
mod tunnel;
mod websocket;
pub use defrag::{IpFragment, Reassembler, ReassemblyLimits, ReassemblyStats};

/// Limits for capture reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CaptureLimits {
    /// Most UDP datagrams kept from one capture (default 5,000,000).
    pub max_datagrams: usize,
    /// Packets of one SSRC, in a run of small sequence steps, that a flow needs to be
    /// taken as RTP heuristically (default 4).
    pub heuristic_min_packets: usize,
    /// Limits for rebuilding fragmented IP datagrams.
    pub reassembly: ReassemblyLimits,
    /// Largest pcap record or pcapng block, in bytes (default 16 MiB; libpcap's own
    /// largest snap length is 256 KiB). A longer one is an error rather than an
    /// allocation its length field asks for.
    pub max_record_bytes: usize,
    /// Most payload bytes kept from one capture, all datagrams together (default
    /// 1 GiB): reading stops with [`Error::Limit`] there, so memory stays bounded
    /// whatever the capture holds.
    pub max_payload_bytes: usize,
}

impl Default for CaptureLimits {
    fn default() -> Self {
        Self {
            max_datagrams: 5_000_000,
            heuristic_min_packets: 4,
            reassembly: ReassemblyLimits::default(),
            max_record_bytes: 16 << 20,
            max_payload_bytes: 1 << 30,
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
    /// Sets [`CaptureLimits::max_record_bytes`].
    pub fn max_record_bytes(mut self, n: usize) -> Self {
        self.max_record_bytes = n;
        self
    }
    /// Sets [`CaptureLimits::max_payload_bytes`].
    pub fn max_payload_bytes(mut self, n: usize) -> Self {
        self.max_payload_bytes = n;
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

impl From<Endpoint> for std::net::SocketAddr {
    fn from(e: Endpoint) -> Self {
        std::net::SocketAddr::new(e.addr, e.port)
    }
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
    /// The capture agent that sent it to a collector in HEP, for a message read out of
    /// a HEP packet (see [`crate::hep`]); `None` for a datagram captured itself.
    pub agent: Option<crate::hep::Agent>,
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
        agent: None,
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
        DataLink::LINUX_SLL => {
            // SLL: packet type (2), ARPHRD (2), address length (2), address (8),
            // protocol (2): 16 bytes. The protocol is read as an EtherType whatever the
            // ARPHRD (0xFFFE, "none", is what tunnel and IMS interfaces give).
            let proto = u16::from_be_bytes([*data.get(14)?, *data.get(15)?]);
            SlicedPacket::from_ether_type(EtherType(proto), data.get(16..)?).ok()
        }
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

/// The payload of the IP packet of `sliced` (what a tunnel or ESP carries), unless it is
/// one fragment of a larger datagram: a tunnel or ESP packet that is itself fragmented
/// is left as it is.
fn whole_ip_payload<'p, 'a>(sliced: &'p SlicedPacket<'a>) -> Option<&'p IpPayloadSlice<'a>> {
    let payload = match sliced.net.as_ref()? {
        NetSlice::Ipv4(ip) => ip.payload(),
        NetSlice::Ipv6(ip) => ip.payload(),
        _ => return None,
    };
    (!payload.fragmented).then_some(payload)
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
    (link, data, sliced): (DataLink, &[u8], Option<&SlicedPacket<'_>>),
    reassembler: &mut Reassembler,
    truncated: &mut u64,
) -> Option<UdpDatagram> {
    let Some(sliced) = sliced else {
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

/// A TCP segment with its addresses, ports and sequence number, for the SIP messages
/// of its flow ([`tcp::SipOverTcp`]).
fn tcp_segment_of<'a>(
    frame: u64,
    time: Duration,
    sliced: &SlicedPacket<'a>,
) -> Option<tcp::Segment<'a>> {
    let (src, dst) = match sliced.net.as_ref()? {
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
    let TransportSlice::Tcp(tcp) = sliced.transport.as_ref()? else {
        return None;
    };
    Some(tcp::Segment {
        frame,
        time,
        src: Endpoint {
            addr: src,
            port: tcp.source_port(),
        },
        dst: Endpoint {
            addr: dst,
            port: tcp.destination_port(),
        },
        seq: tcp.sequence_number(),
        payload: tcp.payload(),
        agent: 0,
    })
}

/// The UDP datagrams of a capture and what reassembly did to get them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureRead {
    /// Every UDP datagram, fragmented ones rebuilt, in capture order; a HEP packet that
    /// carries a SIP message seen on UDP (a capture on a Homer collector) is that
    /// message, at the agent's addresses, ports and time ([`crate::hep`]).
    pub datagrams: Vec<UdpDatagram>,
    /// Fragment reassembly counters (datagrams rebuilt, dropped, expired).
    pub reassembly: ReassemblyStats,
    /// Fragmented datagrams still incomplete at the end of the capture.
    pub incomplete: usize,
    /// UDP datagrams the capture cut short (snap length), kept with the payload bytes
    /// that were captured.
    pub truncated: u64,
    /// SIP over TCP (as IMS and VoWiFi phones use), in capture order, kept for the SDP
    /// they carry: each is what one segment of a flow completes, one or more whole
    /// messages (a message that spans segments put back together, with the frame and
    /// time of the segment that completes it, as Wireshark reports it; a segment that
    /// comes early waits for those before it), or a message handed on as far as it goes
    /// (a segment missing from the capture, or none for 2 s of capture time); and each
    /// SIP message a HEP packet carries that its agent saw on TCP (put back together,
    /// when the agent copied it segment by segment, at the packet of its last segment).
    /// They count towards [`CaptureLimits::max_datagrams`].
    pub sip_over_tcp: Vec<UdpDatagram>,
    /// SIP over WebSocket (RFC 7118, as WebRTC phones and browsers send it), in capture
    /// order: one SIP message each, from a WebSocket message of a TCP flow that an HTTP
    /// upgrade to the `sip` subprotocol opened (or, in a capture started after the
    /// upgrade, whose frames carry SIP), unmasked and its fragments joined, at the frame
    /// of its last segment. They count towards [`CaptureLimits::max_datagrams`].
    pub sip_over_websocket: Vec<UdpDatagram>,
    /// Frames of a pcapng skipped because their interface's link type is not read
    /// (a capture on several interfaces); when no frame at all can be read, reading
    /// fails instead.
    pub unreadable_link_frames: u64,
    /// Where and why reading stopped before the end of the capture, when it was read
    /// with [`read_capture_until_error`] (always `None` from [`read_capture`], which
    /// fails instead).
    pub stopped: Option<Error>,
}

impl CaptureRead {
    /// Its datagrams, UDP, TCP and WebSocket, in capture order, each with its transport.
    pub(crate) fn in_capture_order(&self) -> Vec<(&UdpDatagram, Transport)> {
        let tcp = self.sip_over_tcp.iter().map(|d| (d, Transport::Tcp));
        let ws = self.sip_over_websocket.iter().map(|d| (d, Transport::Ws));
        let udp = self.datagrams.iter().map(|d| (d, Transport::Udp));
        let mut all: Vec<_> = tcp.chain(ws).chain(udp).collect();
        all.sort_by_key(|(d, _)| d.frame);
        all
    }
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
/// The capture is read record by record (block by block for pcapng) without holding
/// more than one record; every error names the byte offset in the capture where the
/// offending record, block or field starts.
///
/// # Errors
/// - [`Error::Truncated`] for a capture shorter than its magic number;
/// - [`Error::Capture`] for a capture that cannot be read: an unknown magic number, a
///   version other than pcap 2.0–2.4 or pcapng 1.0/1.2, a link type the reader does not
///   know (see the module documentation; in a pcapng, when no frame is on an interface
///   of a known one: frames of the others are counted in
///   [`CaptureRead::unreadable_link_frames`]), a record or block cut short or larger than
///   [`CaptureLimits::max_record_bytes`], a packet on an interface that was not
///   described, a timestamp that `if_tsoffset` moves outside the representable range;
/// - [`Error::Limit`] for more than [`CaptureLimits::max_datagrams`] datagrams or
///   [`CaptureLimits::max_payload_bytes`] bytes of payload.
///
/// Fragments that cannot be reassembled do not fail the read: they are counted in
/// [`CaptureRead::reassembly`].
pub fn read_capture(reader: impl Read, limits: &CaptureLimits) -> Result<CaptureRead> {
    let read = read_capture_until_error(reader, limits)?;
    match read.stopped {
        Some(e) => Err(e),
        None => Ok(read),
    }
}

/// [`read_capture`] for a capture that may be cut short or corrupt further on (a
/// `tcpdump` that was killed, a file still being written, a damaged copy): everything
/// read before the first error is kept, and the error, with the byte offset where
/// reading stopped, is in [`CaptureRead::stopped`] instead of failing the read. An error
/// before the first record (the file header, an unknown format) still fails it.
///
/// ```
/// use std::time::Duration;
/// use capture::{CaptureLimits, Endpoint, UdpDatagram, read_capture_until_error, write_pcap};
///
/// let at = |port| Endpoint { addr: "192.0.2.1".parse().unwrap(), port };
/// let datagrams: Vec<UdpDatagram> = (0..3u64)
///     .map(|i| UdpDatagram {
///         frame: 0,
///         time: Duration::from_millis(20 * i),
///         src: at(4000),
///         dst: at(5000),
///         ipv6: false,
///         payload: vec![0x80; 20],
///         agent: None,
///     })
///     .collect();
/// let pcap = write_pcap(&datagrams)?;
/// // Cut inside the third record: two datagrams read, and where reading stopped.
/// let read = read_capture_until_error(&pcap[..pcap.len() - 5], &CaptureLimits::default())?;
/// assert_eq!(read.datagrams.len(), 2);
/// let stopped = read.stopped.expect("cut short");
/// assert!(stopped.to_string().contains("the capture ends"), "{stopped}");
/// # Ok::<(), capture::Error>(())
/// ```
///
/// # Errors
/// As [`read_capture`], for an error before the first record.
pub fn read_capture_until_error(reader: impl Read, limits: &CaptureLimits) -> Result<CaptureRead> {
    read_into(reader, limits, None)
}

/// How a datagram handed to a [`read_capture_each`] visitor travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// A UDP datagram (fragmented ones rebuilt).
    Udp,
    /// SIP messages of a TCP flow (see [`CaptureRead::sip_over_tcp`]).
    Tcp,
    /// A SIP message of a WebSocket flow (see [`CaptureRead::sip_over_websocket`]).
    Ws,
}

impl Transport {
    /// `udp`, `tcp` or `ws`, as a Via or a report names it.
    pub const fn name(self) -> &'static str {
        match self {
            Transport::Udp => "udp",
            Transport::Tcp => "tcp",
            Transport::Ws => "ws",
        }
    }
}

/// Reads a capture as [`read_capture_until_error`] does, but hands every datagram to
/// `visit` in capture order instead of keeping it: memory stays bounded by what the
/// visitor keeps, whatever the capture's size, and
/// [`CaptureLimits::max_datagrams`] and [`CaptureLimits::max_payload_bytes`] do not
/// apply. The [`CaptureRead`] returned has no datagrams, only the counters and where
/// reading stopped.
///
/// ```
/// use std::time::Duration;
/// use capture::{CaptureLimits, Endpoint, UdpDatagram, read_capture_each, write_pcap};
///
/// let at = |port| Endpoint { addr: "192.0.2.1".parse().unwrap(), port };
/// let datagrams: Vec<UdpDatagram> = (0..3u64)
///     .map(|i| UdpDatagram {
///         frame: 0,
///         time: Duration::from_millis(20 * i),
///         src: at(4000),
///         dst: at(5000),
///         ipv6: false,
///         payload: vec![0x80; 20 + i as usize],
///         agent: None,
///     })
///     .collect();
/// let pcap = write_pcap(&datagrams)?;
/// let mut sizes = Vec::new();
/// let read = read_capture_each(&pcap[..], &CaptureLimits::default(), |d, _| sizes.push(d.payload.len()))?;
/// assert_eq!(sizes, [20, 21, 22]);
/// assert!(read.datagrams.is_empty() && read.stopped.is_none());
/// # Ok::<(), capture::Error>(())
/// ```
///
/// # Errors
/// As [`read_capture_until_error`].
pub fn read_capture_each(
    reader: impl Read,
    limits: &CaptureLimits,
    mut visit: impl FnMut(UdpDatagram, Transport),
) -> Result<CaptureRead> {
    read_into(reader, limits, Some(&mut visit))
}

fn read_into<'l>(
    reader: impl Read,
    limits: &'l CaptureLimits,
    visit: Option<&'l mut dyn FnMut(UdpDatagram, Transport)>,
) -> Result<CaptureRead> {
    let mut src = Source { reader, offset: 0 };
    let mut magic = [0u8; 4];
    if src.fill(&mut magic)? < 4 {
        return Err(Error::Truncated {
            offset: 0,
            reason: "capture shorter than its 4-byte magic number",
        });
    }
    let mut state = ReadState {
        visit,
        reassembler: Reassembler::new(limits.reassembly),
        tcp: tcp::SipOverTcp::default(),
        truncated: 0,
        out: Vec::new(),
        sip_over_tcp: Vec::new(),
        sip_over_websocket: Vec::new(),
        payload_bytes: 0,
        frame: 0,
        limits,
        readable_frames: 0,
        unreadable_frames: 0,
        first_unreadable: None,
    };
    let outcome = if magic == PCAPNG_SHB.to_le_bytes() {
        read_pcapng(&mut src, magic, &mut state)
    } else {
        read_pcap(&mut src, magic, &mut state)
    };
    // The SIP messages TCP flows still hold, also when reading stopped early.
    let finished = state.finish();
    let outcome = outcome.and(finished);
    // Frames on interfaces of other link types (a capture on several interfaces) are
    // skipped and counted; a capture none of whose frames can be read is an error at
    // the first of them.
    if let (0, Some((at, code))) = (state.readable_frames, state.first_unreadable) {
        return Err(unsupported_link(at, code));
    }
    let stopped = match outcome {
        Ok(()) => None,
        // Nothing read yet: the capture's header or format is at fault.
        Err(e) if state.frame == 0 => return Err(e),
        Err(e) => Some(e),
    };
    Ok(CaptureRead {
        datagrams: state.out,
        reassembly: state.reassembler.stats(),
        incomplete: state.reassembler.pending(),
        truncated: state.truncated,
        sip_over_tcp: state.sip_over_tcp,
        sip_over_websocket: state.sip_over_websocket,
        unreadable_link_frames: state.unreadable_frames,
        stopped,
    })
}

/// The pcapng Section Header Block type (a palindrome: the same in both byte orders).
const PCAPNG_SHB: u32 = 0x0A0D_0D0A;

/// What a pcap magic number says: (big-endian, nanosecond timestamps), microsecond or
/// nanosecond timestamps in the writer's byte order; `None` for any other number.
fn pcap_magic(magic: [u8; 4]) -> Option<(bool, bool)> {
    match u32::from_le_bytes(magic) {
        0xA1B2_C3D4 => Some((false, false)),
        0xA1B2_3C4D => Some((false, true)),
        0xD4C3_B2A1 => Some((true, false)),
        0x4D3C_B2A1 => Some((true, true)),
        _ => None,
    }
}

/// Whether `prefix` (a file's first bytes, at least four) starts with the magic number
/// of a pcap or pcapng capture, as the readers of this module tell them apart: a tool
/// that takes either a capture or another kind of file can choose its reading from it.
///
/// ```
/// use capture::{UdpDatagram, is_capture, write_pcap};
///
/// assert!(is_capture(&write_pcap(&[] as &[UdpDatagram])?));
/// assert!(!is_capture(b"INVITE sip:bob@example.com SIP/2.0\r\n"));
/// assert!(!is_capture(b"\xd4\xc3"));
/// # Ok::<(), capture::Error>(())
/// ```
pub fn is_capture(prefix: &[u8]) -> bool {
    prefix
        .first_chunk::<4>()
        .is_some_and(|&m| m == PCAPNG_SHB.to_le_bytes() || pcap_magic(m).is_some())
}

/// A reader that counts the bytes taken from it, so errors can name their offset.
struct Source<R> {
    reader: R,
    offset: usize,
}

impl<R: Read> Source<R> {
    /// Fills `buf` as far as the input goes; returns how many bytes were read (fewer
    /// than `buf.len()` only at the end of the input).
    fn fill(&mut self, buf: &mut [u8]) -> Result<usize> {
        let mut got = 0;
        while got < buf.len() {
            match self.reader.read(&mut buf[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    return Err(Error::Capture {
                        offset: self.offset + got,
                        reason: format!("read error: {e}"),
                    });
                }
            }
        }
        self.offset += got;
        Ok(got)
    }

    /// Reads `len` bytes into `buf` (replacing its contents) for a record that starts at
    /// `record_at`; a shorter input is an error naming the record and where it stops.
    fn take(&mut self, buf: &mut Vec<u8>, len: usize, record_at: usize, what: &str) -> Result<()> {
        buf.clear();
        // Grow in steps, so a length field cannot make us allocate more than the input
        // holds plus one step.
        const STEP: usize = 1 << 16;
        while buf.len() < len {
            let have = buf.len();
            let want = (len - have).min(STEP);
            buf.resize(have + want, 0);
            let got = self.fill(&mut buf[have..])?;
            if got < want {
                return Err(Error::Capture {
                    offset: record_at,
                    reason: format!(
                        "{what} at byte {record_at} announces {len} bytes, the capture ends \
                         after {} of them (at byte {})",
                        have + got,
                        self.offset
                    ),
                });
            }
        }
        Ok(())
    }
}

/// What reading a capture accumulates.
struct ReadState<'l> {
    /// Where datagrams go instead of `out` and `sip_over_tcp` when reading visits them
    /// ([`read_capture_each`]).
    visit: Option<&'l mut dyn FnMut(UdpDatagram, Transport)>,
    reassembler: Reassembler,
    /// The SIP messages of TCP flows, put back together across segments.
    tcp: tcp::SipOverTcp,
    truncated: u64,
    out: Vec<UdpDatagram>,
    sip_over_tcp: Vec<UdpDatagram>,
    sip_over_websocket: Vec<UdpDatagram>,
    payload_bytes: usize,
    frame: u64,
    limits: &'l CaptureLimits,
    /// Frames on interfaces whose link type can be read, and on those that cannot
    /// (with the first such block's offset and link type).
    readable_frames: u64,
    unreadable_frames: u64,
    first_unreadable: Option<(usize, u32)>,
}

impl ReadState<'_> {
    /// The interface of a frame, counting it as readable or not; `None` for a frame
    /// whose link type cannot be read (skipped, unless no frame can be read at all).
    fn on_link<T>(&mut self, link: std::result::Result<T, (usize, u32)>) -> Option<T> {
        match link {
            Ok(l) => {
                self.readable_frames += 1;
                Some(l)
            }
            Err(at) => {
                self.unreadable_frames += 1;
                self.first_unreadable.get_or_insert(at);
                None
            }
        }
    }

    /// Takes one captured frame on link `link` at `time`: the packet in it, or the one
    /// inside the tunnels that carry it ([`tunnel`]).
    fn frame(&mut self, time: Duration, link: DataLink, data: &[u8]) -> Result<()> {
        // Each layer is sliced once, for its tunnel and then for its datagram or segment.
        let esp_opened: Vec<u8>;
        let (mut link, mut data) = (link, data);
        let mut sliced = slice_link(link, data);
        for _ in 0..tunnel::MAX_DEPTH {
            match tunnel::inner(link, data, sliced.as_ref()) {
                Some((l, d)) => {
                    (link, data) = (l, d);
                    sliced = slice_link(link, data);
                }
                None => break,
            }
        }
        // IMS's IPsec with NULL encryption (inside a GTP-U bearer, on S1-U).
        if let Some(packet) = sliced.as_ref().and_then(esp::opened) {
            esp_opened = packet;
            (link, data) = (DataLink::RAW, &esp_opened);
            sliced = slice_link(link, data);
        }
        let d = udp_of(
            self.frame,
            time,
            (link, data, sliced.as_ref()),
            &mut self.reassembler,
            &mut self.truncated,
        );
        // What TCP flows complete or hand on (messages held too long first), then the
        // frame's own UDP datagram.
        let mut from_tcp = Vec::new();
        let segment = match d {
            Some(_) => None,
            None => sliced
                .as_ref()
                .and_then(|s| tcp_segment_of(self.frame, time, s)),
        };
        match segment {
            Some(segment) => self.tcp.push(&segment, &mut from_tcp),
            None => self.tcp.expire(time, &mut from_tcp),
        }
        for (m, transport) in from_tcp {
            self.take(m, transport)?;
        }
        match d.map(opened) {
            Some((d, Transport::Tcp)) => {
                // A HEP copy of SIP over TCP: its flow puts messages back together.
                let mut copied = Vec::new();
                self.tcp.copied(d, &mut copied);
                copied
                    .into_iter()
                    .try_for_each(|(m, transport)| self.take(m, transport))
            }
            Some((d, transport)) => self.take(d, transport),
            None => Ok(()),
        }
    }

    /// Takes the SIP messages still held by TCP flows at the end of the capture.
    fn finish(&mut self) -> Result<()> {
        let mut done = Vec::new();
        self.tcp.finish(&mut done);
        for (d, transport) in done {
            self.take(d, transport)?;
        }
        Ok(())
    }

    /// Keeps or visits one datagram of the capture.
    fn take(&mut self, d: UdpDatagram, transport: Transport) -> Result<()> {
        if let Some(visit) = self.visit.as_mut() {
            // The visitor keeps what it needs; nothing is kept here.
            visit(d, transport);
            return Ok(());
        }
        let kept = self.out.len() + self.sip_over_tcp.len() + self.sip_over_websocket.len();
        if kept >= self.limits.max_datagrams {
            return Err(Error::Limit {
                what: "UDP datagrams in a capture",
                limit: self.limits.max_datagrams,
            });
        }
        self.payload_bytes = self.payload_bytes.saturating_add(d.payload.len());
        if self.payload_bytes > self.limits.max_payload_bytes {
            return Err(Error::Limit {
                what: "payload bytes kept from a capture",
                limit: self.limits.max_payload_bytes,
            });
        }
        match transport {
            Transport::Udp => self.out.push(d),
            Transport::Tcp => self.sip_over_tcp.push(d),
            Transport::Ws => self.sip_over_websocket.push(d),
        }
        Ok(())
    }
}

/// A datagram that carries a HEP packet of a SIP message (a capture on a Homer
/// collector) as the message it carries ([`hep_message`]); any other datagram, a HEP
/// packet of something else (RTCP reports, logs) or one that cannot be read included,
/// as it is.
fn opened(d: UdpDatagram) -> (UdpDatagram, Transport) {
    if !crate::hep::is_hep(&d.payload) {
        return (d, Transport::Udp);
    }
    hep_message(&d.payload, d.frame, d.time).unwrap_or((d, Transport::Udp))
}

/// The SIP message a HEP packet that came in `frame` at `time` carries: at the agent's
/// addresses, ports and time (`time` when the packet has none), over TCP when the agent
/// saw it on TCP (or TLS or WebSocket, which agents send decrypted and unframed), else
/// as a datagram. `None` for a packet that cannot be read or carries something else.
fn hep_message(packet: &[u8], frame: u64, time: Duration) -> Option<(UdpDatagram, Transport)> {
    let hep = crate::hep::parse_hep(packet).ok()?;
    if !hep.is_sip() {
        return None;
    }
    let transport = if hep.ip_protocol == 6 {
        Transport::Tcp
    } else {
        Transport::Udp
    };
    let message = UdpDatagram {
        frame,
        time: hep.time.unwrap_or(time),
        src: hep.src,
        dst: hep.dst,
        ipv6: hep.src.addr.is_ipv6(),
        agent: Some(hep.agent()),
        payload: hep.payload.into_owned(),
    };
    Some((message, transport))
}

/// Whether frames of `link` can be read (the link layers of [`slice_link`]).
fn link_supported(link: DataLink) -> bool {
    matches!(
        link,
        DataLink::ETHERNET
            | DataLink::LINUX_SLL
            | DataLink::LINUX_SLL2
            | DataLink::RAW
            | DataLink::IPV4
            | DataLink::IPV6
            | DataLink::NULL
            | DataLink::LOOP
    )
}

fn unsupported_link(offset: usize, code: u32) -> Error {
    Error::Capture {
        offset,
        reason: format!(
            "link type {code} is not read (Ethernet 1, BSD loopback 0 and 108, raw IP 101, \
             228 and 229, Linux cooked 113 and 276 are)"
        ),
    }
}

fn read_pcap<R: Read>(src: &mut Source<R>, magic: [u8; 4], st: &mut ReadState<'_>) -> Result<()> {
    let Some((big, nanos)) = pcap_magic(magic) else {
        return Err(Error::Capture {
            offset: 0,
            reason: format!(
                "not a pcap or pcapng capture (magic number 0x{:08X})",
                u32::from_le_bytes(magic)
            ),
        });
    };
    let u16_at = |b: &[u8], at: usize| {
        let v = [b[at], b[at + 1]];
        if big {
            u16::from_be_bytes(v)
        } else {
            u16::from_le_bytes(v)
        }
    };
    let u32_at = |b: &[u8], at: usize| {
        let v = [b[at], b[at + 1], b[at + 2], b[at + 3]];
        if big {
            u32::from_be_bytes(v)
        } else {
            u32::from_le_bytes(v)
        }
    };
    let mut header = [0u8; 24];
    header[..4].copy_from_slice(&magic);
    let got = src.fill(&mut header[4..])?;
    if got < 20 {
        return Err(Error::Capture {
            offset: 0,
            reason: format!(
                "pcap file header has 24 bytes, the capture ends after {} (at byte {})",
                got + 4,
                src.offset
            ),
        });
    }
    let (major, minor) = (u16_at(&header, 4), u16_at(&header, 6));
    // As libpcap: versions 2.0 to 2.4 (2.4 since 1998).
    if major != 2 || minor > 4 {
        return Err(Error::Capture {
            offset: 4,
            reason: format!("pcap version {major}.{minor} is not read (2.0 to 2.4 are)"),
        });
    }
    // The link type is the low 16 bits; the high bits may carry the FCS length.
    let code = u32_at(&header, 20) & 0xFFFF;
    let link = DataLink::from(code);
    if !link_supported(link) {
        return Err(unsupported_link(20, code));
    }
    let mut record = [0u8; 16];
    let mut data = Vec::new();
    loop {
        let at = src.offset;
        let got = src.fill(&mut record)?;
        if got == 0 {
            return Ok(());
        }
        if got < 16 {
            return Err(Error::Capture {
                offset: at,
                reason: format!(
                    "record header at byte {at} has 16 bytes, the capture ends after {got} \
                     (at byte {})",
                    src.offset
                ),
            });
        }
        st.frame += 1;
        let secs = u64::from(u32_at(&record, 0));
        let frac = u64::from(u32_at(&record, 4));
        let incl = u32_at(&record, 8) as usize;
        if incl > st.limits.max_record_bytes {
            return Err(Error::Capture {
                offset: at + 8,
                reason: format!(
                    "record {} announces {incl} captured bytes, more than the limit of {}",
                    st.frame, st.limits.max_record_bytes
                ),
            });
        }
        src.take(&mut data, incl, at, "record")?;
        // A fraction of a second beyond one second carries into the seconds (as
        // libpcap does not check it either); it cannot overflow from 32-bit fields.
        let time = Duration::from_secs(secs)
            + if nanos {
                Duration::from_nanos(frac)
            } else {
                Duration::from_micros(frac)
            };
        st.frame(time, link, &data)?;
    }
}

fn read_pcapng<R: Read>(src: &mut Source<R>, magic: [u8; 4], st: &mut ReadState<'_>) -> Result<()> {
    use pcap_file::pcapng::PcapNgParser;
    // (link type, if_tsresol, if_tsoffset) per interface of the current section.
    let mut ifaces: Vec<(DataLink, u32, u8, i64)> = Vec::new();
    let mut parser: Option<PcapNgParser> = None;
    let mut big = false;
    let mut block = Vec::new();
    let mut first = Some(magic);
    loop {
        let at = src.offset - if first.is_some() { 4 } else { 0 };
        let mut head = [0u8; 12];
        let got = match first.take() {
            Some(m) => {
                head[..4].copy_from_slice(&m);
                4 + src.fill(&mut head[4..8])?
            }
            None => src.fill(&mut head[..8])?,
        };
        if got == 0 {
            return Ok(());
        }
        let short = |need: usize, got: usize, end: usize| Error::Capture {
            offset: at,
            reason: format!(
                "block header at byte {at} has {need} bytes, the capture ends after {got} \
                 (at byte {end})"
            ),
        };
        let u32_of = |b: &[u8], big: bool| {
            let v = [b[0], b[1], b[2], b[3]];
            if big {
                u32::from_be_bytes(v)
            } else {
                u32::from_le_bytes(v)
            }
        };
        let kind_le = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
        let mut have = 8;
        if kind_le == PCAPNG_SHB {
            // A new section: its byte-order magic decides how to read every length.
            if got < 8 {
                return Err(short(12, got, src.offset));
            }
            let more = src.fill(&mut head[8..12])?;
            if more < 4 {
                return Err(short(12, 8 + more, src.offset));
            }
            have = 12;
            big = match u32::from_le_bytes([head[8], head[9], head[10], head[11]]) {
                0x1A2B_3C4D => false,
                0x4D3C_2B1A => true,
                other => {
                    return Err(Error::Capture {
                        offset: at + 8,
                        reason: format!(
                            "section header at byte {at}: byte-order magic 0x{other:08X} is \
                             neither 0x1A2B3C4D nor its byte swap"
                        ),
                    });
                }
            };
        } else if got < 8 {
            return Err(short(8, got, src.offset));
        }
        let kind = u32_of(&head[0..4], big);
        let len = u32_of(&head[4..8], big) as usize;
        if len < 12 || !len.is_multiple_of(4) {
            return Err(Error::Capture {
                offset: at + 4,
                reason: format!(
                    "block at byte {at} has length {len} (a multiple of 4, at least 12, is \
                     required)"
                ),
            });
        }
        if len > st.limits.max_record_bytes {
            return Err(Error::Capture {
                offset: at + 4,
                reason: format!(
                    "block at byte {at} has length {len}, more than the limit of {}",
                    st.limits.max_record_bytes
                ),
            });
        }
        let mut rest = Vec::new();
        src.take(&mut rest, len - have, at, "block")?;
        block.clear();
        block.extend_from_slice(&head[..have]);
        block.extend_from_slice(&rest);
        let trailer = u32_of(&block[len - 4..], big) as usize;
        if trailer != len {
            return Err(Error::Capture {
                offset: at + len - 4,
                reason: format!(
                    "block at byte {at}: trailing length {trailer} differs from its length {len}"
                ),
            });
        }
        let field = |e: pcap_file::PcapError| Error::Capture {
            offset: at,
            reason: format!("block at byte {at} (type 0x{kind:08X}): {e}"),
        };
        if kind == PCAPNG_SHB {
            let u16_at = |i: usize| {
                let v = [block[i], block[i + 1]];
                if big {
                    u16::from_be_bytes(v)
                } else {
                    u16::from_le_bytes(v)
                }
            };
            if len < 28 {
                return Err(Error::Capture {
                    offset: at + 4,
                    reason: format!(
                        "section header at byte {at} has length {len}, at least 28 is required"
                    ),
                });
            }
            let (major, minor) = (u16_at(12), u16_at(14));
            // As libpcap: 1.0, and 1.2 which some writers put.
            if major != 1 || !(minor == 0 || minor == 2) {
                return Err(Error::Capture {
                    offset: at + 12,
                    reason: format!(
                        "section header at byte {at}: pcapng version {major}.{minor} is not \
                         read (1.0 and 1.2 are)"
                    ),
                });
            }
            ifaces.clear();
        }
        let parsed = match &mut parser {
            None => {
                let (_, p) = PcapNgParser::new(&block).map_err(field)?;
                parser = Some(p);
                continue;
            }
            Some(p) => p.next_block(&block).map_err(field)?.1,
        };
        match parsed {
            Block::SectionHeader(_) => {}
            Block::InterfaceDescription(idb) => {
                let mut resol = 6u8;
                let mut offset_s = 0i64;
                for opt in &idb.options {
                    match opt {
                        InterfaceDescriptionOption::IfTsResol(r) => resol = *r,
                        // A signed number of seconds (pcapng spec, if_tsoffset).
                        InterfaceDescriptionOption::IfTsOffset(o) => offset_s = *o as i64,
                        _ => {}
                    }
                }
                let code = if big {
                    u32::from(u16::from_be_bytes([block[8], block[9]]))
                } else {
                    u32::from(u16::from_le_bytes([block[8], block[9]]))
                };
                ifaces.push((idb.linktype, code, resol, offset_s));
            }
            Block::EnhancedPacket(epb) => {
                st.frame += 1;
                let Some((link, resol, offset_s)) =
                    st.on_link(interface(&ifaces, epb.interface_id, at, st.frame)?)
                else {
                    continue;
                };
                // The reader takes the raw 64-bit timestamp as nanoseconds; rescale it
                // by the interface's if_tsresol (default 10^-6 s).
                let time = shift(scale_ts(epb.timestamp.as_nanos(), resol), offset_s)
                    .ok_or_else(|| ts_offset_error(at, st.frame, offset_s))?;
                st.frame(time, link, &epb.data)?;
            }
            Block::SimplePacket(spb) => {
                st.frame += 1;
                let Some((link, _, _)) = st.on_link(interface(&ifaces, 0, at, st.frame)?) else {
                    continue;
                };
                st.frame(Duration::ZERO, link, &spb.data)?;
            }
            Block::Packet(pb) => {
                st.frame += 1;
                let Some((link, resol, offset_s)) = st.on_link(interface(
                    &ifaces,
                    u32::from(pb.interface_id),
                    at,
                    st.frame,
                )?) else {
                    continue;
                };
                // The obsolete Packet Block stores the timestamp as two 32-bit words,
                // high first; the reader takes the eight bytes as one integer, which
                // swaps the words in little-endian sections.
                let raw = if big {
                    pb.timestamp
                } else {
                    pb.timestamp.rotate_left(32)
                };
                let time = shift(scale_ts(u128::from(raw), resol), offset_s)
                    .ok_or_else(|| ts_offset_error(at, st.frame, offset_s))?;
                st.frame(time, link, &pb.data)?;
            }
            _ => {}
        }
    }
}

/// A described interface: its link type, timestamp resolution and offset when frames
/// on it can be read, else (the offset of the packet block, the link type).
type InterfaceLink = std::result::Result<(DataLink, u8, i64), (usize, u32)>;

/// The interface a packet block at `at` names, when it was described: its link type,
/// timestamp resolution and offset, or (the block's offset, the link type) when frames
/// of that link type cannot be read.
fn interface(
    ifaces: &[(DataLink, u32, u8, i64)],
    id: u32,
    at: usize,
    frame: u64,
) -> Result<InterfaceLink> {
    let Some(&(link, code, resol, offset_s)) = ifaces.get(id as usize) else {
        return Err(Error::Capture {
            offset: at,
            reason: format!(
                "frame {frame} (block at byte {at}) is on interface {id}, which the section \
                 does not describe"
            ),
        });
    };
    if !link_supported(link) {
        return Ok(Err((at, code)));
    }
    Ok(Ok((link, resol, offset_s)))
}

/// `time` moved by `offset_s` seconds, if the result lies between the epoch and the
/// end of what 64 bits of nanoseconds hold (the year 2554, as far as pcapng's finest
/// usual resolution reaches).
fn shift(time: Duration, offset_s: i64) -> Option<Duration> {
    if offset_s == 0 {
        return Some(time);
    }
    let by = Duration::from_secs(offset_s.unsigned_abs());
    let shifted = if offset_s > 0 {
        time.checked_add(by)?
    } else {
        time.checked_sub(by)?
    };
    (shifted.as_nanos() <= u128::from(u64::MAX)).then_some(shifted)
}

fn ts_offset_error(at: usize, frame: u64, offset_s: i64) -> Error {
    Error::Capture {
        offset: at,
        reason: format!(
            "frame {frame} (block at byte {at}): its timestamp plus the interface's \
             if_tsoffset of {offset_s} s is outside the representable range"
        ),
    }
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
