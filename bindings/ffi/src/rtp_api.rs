//! RTP packets (`rtp-core`) and capture analysis (`capture`).

use capture::{CaptureLimits, Discovery, analyze_stream, estimate_quality, read_streams};
use rtp_core::packet::RtpPacket;

use crate::VoipkitError;

impl From<rtp_core::Error> for VoipkitError {
    fn from(err: rtp_core::Error) -> Self {
        VoipkitError::Rtp {
            kind: err.kind().into(),
            offset: err.offset().unwrap_or(0) as u64,
            reason: err.to_string(),
        }
    }
}

/// A capture that cannot be read is an RTP error at the capture's byte offset.
impl From<capture::Error> for VoipkitError {
    fn from(err: capture::Error) -> Self {
        if let capture::Error::Rtp(inner) = err {
            return inner.into();
        }
        VoipkitError::Rtp {
            kind: err.kind().into(),
            offset: err.offset().unwrap_or(0) as u64,
            reason: err.to_string(),
        }
    }
}

/// The fixed header of an RTP packet (RFC 3550 5.1) as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct RtpHeader {
    /// Marker bit.
    pub marker: bool,
    /// Payload type (0..=127).
    pub payload_type: u8,
    /// Sequence number.
    pub sequence_number: u16,
    /// RTP timestamp.
    pub timestamp: u32,
    /// Synchronization source.
    pub ssrc: u32,
    /// Contributing sources.
    pub csrcs: Vec<u32>,
    /// The header extension profile (`0xBEDE` for RFC 8285 one-byte), if any.
    pub extension_profile: Option<u16>,
    /// Byte offset of the payload.
    pub payload_offset: u64,
    /// Payload length in bytes (padding excluded).
    pub payload_len: u64,
}

/// One RTP stream of a capture, with Wireshark's RTP stream analysis figures.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, module = "voipkit"))]
pub struct RtpStreamReport {
    /// Synchronization source.
    pub ssrc: u32,
    /// Sender, `address:port`.
    pub src: String,
    /// Receiver, `address:port`.
    pub dst: String,
    /// `sdp` when SIP/SDP in the capture announced it, `heuristic` otherwise.
    pub discovery: StreamDiscovery,
    /// Payload type of the first packet.
    pub payload_type: u8,
    /// Packets seen, duplicates included.
    pub packets: u64,
    /// Packets expected from the first and last sequence numbers.
    pub expected: i64,
    /// `expected - packets` (negative with duplicates).
    pub lost: i64,
    /// Packets out of sequence.
    pub sequence_errors: u64,
    /// Largest delta between in-order packets, ms.
    pub max_delta_ms: f64,
    /// Largest interarrival jitter, ms.
    pub max_jitter_ms: f64,
    /// Mean interarrival jitter, ms.
    pub mean_jitter_ms: f64,
    /// E-model (ITU-T G.107) MOS estimate, when the codec is known.
    pub mos: Option<f64>,
    /// E-model R factor, when the codec is known.
    pub r_factor: Option<f64>,
}

/// Parses the header of one RTP packet.
///
/// # Errors
/// [`VoipkitError::Rtp`] with the byte offset and reason.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn rtp_parse(packet: Vec<u8>) -> Result<RtpHeader, VoipkitError> {
    crate::guard(|| {
        let p = RtpPacket::parse(&packet)?;
        Ok(RtpHeader {
            marker: p.marker(),
            payload_type: p.payload_type(),
            sequence_number: p.sequence_number(),
            timestamp: p.timestamp(),
            ssrc: p.ssrc(),
            csrcs: p.csrcs().collect(),
            extension_profile: p.extension_profile(),
            payload_offset: p.payload_offset() as u64,
            payload_len: p.payload().len() as u64,
        })
    })
}

/// Finds the RTP streams of a pcap or pcapng capture (from SIP/SDP in it, else
/// heuristically) and analyses each as Wireshark's RTP stream analysis does.
///
/// # Errors
/// [`VoipkitError::Rtp`] when the capture cannot be read.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn rtp_analyze_capture(capture: Vec<u8>) -> Result<Vec<RtpStreamReport>, VoipkitError> {
    crate::guard(|| {
        let (streams, origin) = read_streams(capture.as_slice(), &CaptureLimits::default())?;
        Ok(streams
            .streams
            .iter()
            .map(|s| {
                let a = analyze_stream(&streams, s, origin);
                let quality = estimate_quality(&streams, s, &a);
                RtpStreamReport {
                    ssrc: a.ssrc,
                    src: format!("{}:{}", s.src.addr, s.src.port),
                    dst: format!("{}:{}", s.dst.addr, s.dst.port),
                    discovery: match s.discovery {
                        Discovery::Signalled => StreamDiscovery::Sdp,
                        Discovery::Heuristic => StreamDiscovery::Heuristic,
                    },
                    payload_type: a.payload_type,
                    packets: a.packets,
                    expected: a.expected,
                    lost: a.lost,
                    sequence_errors: a.sequence_errors,
                    max_delta_ms: a.max_delta_ms,
                    max_jitter_ms: a.max_jitter_ms,
                    mean_jitter_ms: a.mean_jitter_ms,
                    mos: quality.map(|q| q.mos),
                    r_factor: quality.map(|q| q.r),
                }
            })
            .collect())
    })
}

/// One reception report block of an SR or RR (RFC 3550 6.4.1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct RtcpReportBlock {
    /// The source reported on.
    pub ssrc: u32,
    /// Packets lost since the previous report, in 256ths.
    pub fraction_lost: u8,
    /// Packets lost in all (negative when duplicates outnumber losses).
    pub cumulative_lost: i32,
    /// The highest sequence number received, extended with its cycle count.
    pub extended_highest_seq: u32,
    /// Interarrival jitter in timestamp units.
    pub jitter: u32,
    /// The middle 32 bits of the last SR's NTP timestamp (`LSR`).
    pub last_sr: u32,
    /// Delay since that SR, in 1/65536 s (`DLSR`).
    pub delay_since_last_sr: u32,
}

/// One packet of a compound RTCP packet, flattened: `kind` says which fields apply.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct RtcpPacketInfo {
    /// `sr`, `rr`, `sdes`, `bye`, `app`, `nack`, `xr` or `other`.
    pub kind: String,
    /// The RTCP packet type (200 for SR, ...).
    pub packet_type: u8,
    /// The sender (SR, RR, APP, NACK, XR); 0 where there is none.
    pub ssrc: u32,
    /// SR: the NTP timestamp (64-bit fixed point).
    pub ntp_timestamp: Option<u64>,
    /// SR: the RTP timestamp matching it.
    pub rtp_timestamp: Option<u32>,
    /// SR: packets sent.
    pub packet_count: Option<u32>,
    /// SR: payload octets sent.
    pub octet_count: Option<u32>,
    /// SR, RR: the reception report blocks.
    pub reports: Vec<RtcpReportBlock>,
    /// SDES: `(ssrc, CNAME)` of each chunk that has one.
    pub cnames: Vec<RtcpCname>,
    /// BYE: the sources leaving.
    pub sources: Vec<u32>,
    /// BYE: the reason, when given (UTF-8, lossy).
    pub reason: Option<String>,
    /// NACK: the media source and the lost packets' sequence numbers.
    pub media_ssrc: Option<u32>,
    /// NACK: the sequence numbers reported lost.
    pub lost: Vec<u16>,
}

/// The CNAME of one SDES chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct RtcpCname {
    /// The source.
    pub ssrc: u32,
    /// Its canonical name (UTF-8, lossy).
    pub cname: String,
}

fn report_block(b: &rtp_core::rtcp::ReportBlock) -> RtcpReportBlock {
    RtcpReportBlock {
        ssrc: b.ssrc,
        fraction_lost: b.fraction_lost,
        cumulative_lost: b.cumulative_lost,
        extended_highest_seq: b.extended_highest_seq,
        jitter: b.jitter,
        last_sr: b.last_sr,
        delay_since_last_sr: b.delay_since_last_sr,
    }
}

fn packet_info(p: &rtp_core::rtcp::RtcpPacket) -> RtcpPacketInfo {
    use rtp_core::rtcp::RtcpPacket;
    let mut info = RtcpPacketInfo {
        kind: String::new(),
        packet_type: 0,
        ssrc: 0,
        ntp_timestamp: None,
        rtp_timestamp: None,
        packet_count: None,
        octet_count: None,
        reports: Vec::new(),
        cnames: Vec::new(),
        sources: Vec::new(),
        reason: None,
        media_ssrc: None,
        lost: Vec::new(),
    };
    let (kind, packet_type) = match p {
        RtcpPacket::SenderReport(sr) => {
            info.ssrc = sr.ssrc;
            info.ntp_timestamp = Some(sr.sender_info.ntp_timestamp);
            info.rtp_timestamp = Some(sr.sender_info.rtp_timestamp);
            info.packet_count = Some(sr.sender_info.packet_count);
            info.octet_count = Some(sr.sender_info.octet_count);
            info.reports = sr.reports.iter().map(report_block).collect();
            ("sr", 200)
        }
        RtcpPacket::ReceiverReport(rr) => {
            info.ssrc = rr.ssrc;
            info.reports = rr.reports.iter().map(report_block).collect();
            ("rr", 201)
        }
        RtcpPacket::SourceDescription(chunks) => {
            info.cnames = chunks
                .iter()
                .filter_map(|c| {
                    // CNAME is SDES item 1 (RFC 3550 6.5.1).
                    c.items.iter().find(|i| i.kind == 1).map(|i| RtcpCname {
                        ssrc: c.ssrc,
                        cname: String::from_utf8_lossy(&i.value).into_owned(),
                    })
                })
                .collect();
            ("sdes", 202)
        }
        RtcpPacket::Goodbye(bye) => {
            info.sources.clone_from(&bye.sources);
            info.reason =
                (!bye.reason.is_empty()).then(|| String::from_utf8_lossy(&bye.reason).into_owned());
            ("bye", 203)
        }
        RtcpPacket::App(app) => {
            info.ssrc = app.ssrc;
            ("app", 204)
        }
        RtcpPacket::Nack(nack) => {
            info.ssrc = nack.sender_ssrc;
            info.media_ssrc = Some(nack.media_ssrc);
            // Each pair: the packet `pid` and those of the set bits of `blp` after it.
            info.lost = nack
                .pairs
                .iter()
                .flat_map(|pair| {
                    std::iter::once(pair.pid).chain(
                        (0..16u16)
                            .filter(move |bit| pair.blp & (1 << bit) != 0)
                            .map(move |bit| pair.pid.wrapping_add(bit + 1)),
                    )
                })
                .collect();
            ("nack", 205)
        }
        RtcpPacket::ExtendedReport(xr) => {
            info.ssrc = xr.ssrc;
            ("xr", 207)
        }
        RtcpPacket::Other { packet_type, .. } => ("other", *packet_type),
    };
    info.kind = kind.to_owned();
    info.packet_type = packet_type;
    info
}

/// The packets of a compound RTCP packet (RFC 3550 6.1), validated as A.2 says (first
/// SR or RR, version 2, lengths adding up).
///
/// # Errors
/// [`VoipkitError::Rtp`] with the byte offset of what is wrong.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn rtcp_parse(packet: Vec<u8>) -> Result<Vec<RtcpPacketInfo>, VoipkitError> {
    crate::guard(|| {
        let compound = rtp_core::rtcp::RtcpCompound::parse(&packet)?;
        Ok(compound.packets()?.iter().map(packet_info).collect())
    })
}

/// A snapshot of one source's receiver statistics (RFC 3550 A.3, A.8).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, module = "voipkit"))]
pub struct RtpReceiverSnapshot {
    /// The source.
    pub ssrc: u32,
    /// Packets expected.
    pub expected: u64,
    /// Packets received and counted (duplicates included, as in A.3).
    pub received: u64,
    /// `expected - received` (negative when duplicates outnumber losses).
    pub lost: i64,
    /// Fraction lost since the last report block, in 256ths.
    pub fraction_lost: u8,
    /// Extended highest sequence number received.
    pub extended_max_seq: u32,
    /// Interarrival jitter in milliseconds.
    pub jitter_ms: f64,
    /// Packets already received (within a 1024-packet window).
    pub duplicates: u64,
    /// Packets that arrived after one with a higher sequence number.
    pub reordered: u64,
    /// Whether the source has passed probation.
    pub valid: bool,
}

/// One received RTP packet as the statistics need it: sequence number, RTP timestamp
/// and arrival (µs on a monotonic clock).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct RtpReception {
    /// The RTP sequence number.
    pub sequence_number: u16,
    /// The RTP timestamp.
    pub timestamp: u32,
    /// When it arrived, µs on the monotonic clock.
    pub arrival_us: u64,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl RtpReception {
    #[new]
    fn py_new(sequence_number: u16, timestamp: u32, arrival_us: u64) -> Self {
        Self {
            sequence_number,
            timestamp,
            arrival_us,
        }
    }
}

/// Per-source receiver statistics (RFC 3550 A.1, A.3, A.8): sequence validation with
/// probation, loss, jitter, duplicates and reordering, and the RTCP report block to
/// send. Feed it packets one at a time or in batches.
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, module = "voipkit"))]
#[derive(Debug)]
pub struct RtpReceiverStats {
    inner: std::sync::Mutex<rtp_core::stats::ReceiverStats>,
}

impl RtpReceiverStats {
    /// Statistics for `ssrc` with an RTP clock of `clock_rate` Hz (8000 for G.711).
    ///
    /// # Errors
    /// [`VoipkitError::Rtp`] (`out_of_range`) for a clock rate outside 1 kHz..192 kHz.
    pub fn create(ssrc: u32, clock_rate: u32) -> Result<Self, VoipkitError> {
        let rate = rtp_core::check_clock_rate(clock_rate)?;
        Ok(Self {
            inner: std::sync::Mutex::new(rtp_core::stats::ReceiverStats::new(ssrc, rate)),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, rtp_core::stats::ReceiverStats> {
        // The counters stay whole numbers if another thread panicked mid-update.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn verdict(v: rtp_core::seq::SeqVerdict) -> SeqVerdict {
        use rtp_core::seq::SeqVerdict as V;
        match v {
            V::Valid => SeqVerdict::Valid,
            V::Probation => SeqVerdict::Probation,
            V::BadJump => SeqVerdict::BadJump,
            V::Restarted => SeqVerdict::Restarted,
        }
    }
}

#[cfg(feature = "uniffi")]
#[uniffi::export]
impl RtpReceiverStats {
    /// Statistics for `ssrc` with an RTP clock of `clock_rate` Hz.
    ///
    /// # Errors
    /// [`VoipkitError::Rtp`] for a clock rate outside 1 kHz..192 kHz.
    #[uniffi::constructor]
    fn new(ssrc: u32, clock_rate: u32) -> Result<std::sync::Arc<Self>, VoipkitError> {
        Self::create(ssrc, clock_rate).map(std::sync::Arc::new)
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl RtpReceiverStats {
    /// Counts one packet; what RFC 3550 A.1 makes of it.
    pub fn update(&self, sequence_number: u16, timestamp: u32, arrival_us: u64) -> SeqVerdict {
        let at = std::time::Duration::from_micros(arrival_us);
        Self::verdict(self.lock().update(sequence_number, timestamp, at))
    }

    /// Counts many packets in order (one crossing of the binding); their verdicts.
    pub fn update_many(&self, packets: Vec<RtpReception>) -> Vec<SeqVerdict> {
        let mut stats = self.lock();
        packets
            .iter()
            .map(|p| {
                let at = std::time::Duration::from_micros(p.arrival_us);
                Self::verdict(stats.update(p.sequence_number, p.timestamp, at))
            })
            .collect()
    }

    /// The statistics so far.
    pub fn snapshot(&self) -> RtpReceiverSnapshot {
        let s = self.lock().snapshot();
        RtpReceiverSnapshot {
            ssrc: s.ssrc,
            expected: s.expected,
            received: s.received,
            lost: s.lost,
            fraction_lost: s.fraction_lost,
            extended_max_seq: s.extended_max_seq,
            jitter_ms: s.jitter_ms,
            duplicates: s.duplicates,
            reordered: s.reordered,
            valid: s.valid,
        }
    }

    /// The RTCP report block to send now (`lsr`, `dlsr` from the last SR received),
    /// starting a new interval for the fraction lost.
    pub fn report_block(&self, lsr: u32, dlsr: u32) -> RtcpReportBlock {
        report_block(&self.lock().report_block(lsr, dlsr))
    }
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl RtpReceiverStats {
    #[new]
    fn py_new(ssrc: u32, clock_rate: u32) -> Result<Self, VoipkitError> {
        Self::create(ssrc, clock_rate)
    }

    /// Counts one packet; what RFC 3550 A.1 makes of it.
    #[pyo3(name = "update")]
    fn py_update(&self, sequence_number: u16, timestamp: u32, arrival_us: u64) -> SeqVerdict {
        self.update(sequence_number, timestamp, arrival_us)
    }

    /// Counts many packets in order; their verdicts.
    #[pyo3(name = "update_many")]
    fn py_update_many(&self, packets: Vec<RtpReception>) -> Vec<SeqVerdict> {
        self.update_many(packets)
    }

    /// The statistics so far.
    #[pyo3(name = "snapshot")]
    fn py_snapshot(&self) -> RtpReceiverSnapshot {
        self.snapshot()
    }

    /// The RTCP report block to send now.
    #[pyo3(name = "report_block")]
    fn py_report_block(&self, lsr: u32, dlsr: u32) -> RtcpReportBlock {
        self.report_block(lsr, dlsr)
    }
}

closed_set! {
    /// How a capture's RTP stream was found.
    pub enum StreamDiscovery {
        /// Announced by SIP/SDP in the capture.
        Sdp = "sdp",
        /// Recognised by its packets alone.
        Heuristic = "heuristic",
    }
}

closed_set! {
    /// What RFC 3550 A.1's sequence-number check makes of a packet.
    pub enum SeqVerdict {
        /// The packet is valid and counts.
        Valid = "valid",
        /// The source is still on probation; the packet does not count yet.
        Probation = "probation",
        /// A large jump; a second packet continuing from it resynchronizes.
        BadJump = "bad_jump",
        /// Accepted after a resynchronization (the source restarted): the statistics
        /// start again from this packet.
        Restarted = "restarted",
    }
}
