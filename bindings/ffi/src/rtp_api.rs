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
    pub discovery: String,
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
                        Discovery::Signalled => "sdp",
                        Discovery::Heuristic => "heuristic",
                    }
                    .to_owned(),
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
