//! The quality of a capture's streams: Wireshark's stream analysis, the E-model
//! estimate and jitter-buffer playout ([`rtp_core`]'s), each given the clock rate and
//! encoding the capture's SDP announced.

use std::time::Duration;

use rtp_core::analysis::{StreamAnalysis, analyze_packets};
use rtp_core::emodel::EModelResult;
use rtp_core::playout::{PlayoutReport, check_delay_bounds};

use crate::error::Result;
use crate::streams::{CaptureStreams, RtpStream, static_clock_rate};

/// The clock rate Wireshark's analysis uses for payload type `pt`: the static rate
/// below 96 (whatever an `a=rtpmap` says), the signalled rate of a dynamic type, and 0
/// (no jitter) for `telephone-event` and for a dynamic type no SDP mapped.
pub fn analysis_clock_rate(streams: &CaptureStreams, pt: u8) -> u32 {
    if pt < 96 {
        return static_clock_rate(pt).unwrap_or(0);
    }
    match streams.encoding(pt) {
        Some(name) if name.starts_with("telephone-event") => 0,
        Some(_) => streams.clock_rate(pt).unwrap_or(0),
        None => 0,
    }
}

/// Wireshark's analysis of one stream of a capture ([`rtp_core::analysis`]), with the
/// clock rates of [`analysis_clock_rate`]; times are taken relative to `origin` (the
/// capture's first datagram, as [`crate::read_streams`] gives it).
pub fn analyze_stream(
    streams: &CaptureStreams,
    stream: &RtpStream,
    origin: Duration,
) -> StreamAnalysis {
    analyze_packets(stream.ssrc, &stream.packets, origin, |pt| {
        analysis_clock_rate(streams, pt)
    })
}

/// The E-model estimate of a captured stream ([`rtp_core::analysis::estimate_quality`])
/// with the encoding the capture's SDP announced for its first payload type.
pub fn estimate_quality(
    streams: &CaptureStreams,
    stream: &RtpStream,
    analysis: &StreamAnalysis,
) -> Option<EModelResult> {
    let encoding = stream
        .packets
        .first()
        .and_then(|p| streams.encoding(p.payload_type));
    rtp_core::analysis::estimate_quality(&stream.packets, analysis, encoding)
}

/// The clock rate playout uses for a stream: that of its first packet's payload type
/// (signalled by `a=rtpmap`, else the static rate), 8 kHz when neither is known.
pub fn stream_clock_rate(streams: &CaptureStreams, stream: &RtpStream) -> u32 {
    let pt = stream.packets.first().map_or(0, |p| p.payload_type);
    streams.clock_rate(pt).unwrap_or(8000)
}

/// Plays one captured stream through the jitter buffer ([`rtp_core::playout::play_stream`])
/// at `clock_rate`.
///
/// # Errors
/// As [`rtp_core::playout::play_stream`]: a clock rate outside
/// [`rtp_core::CLOCK_RATES`] or delay bounds out of range.
pub fn play_stream(
    stream: &RtpStream,
    clock_rate: u32,
    min: Duration,
    max: Duration,
) -> Result<PlayoutReport> {
    Ok(rtp_core::playout::play_stream(
        stream.ssrc,
        &stream.packets,
        clock_rate,
        min,
        max,
    )?)
}

/// Plays every stream of a capture with [`play_stream`], in the order of
/// `streams.streams`, each at [`stream_clock_rate`].
///
/// # Errors
/// The outer error when the delay bounds are out of range
/// ([`rtp_core::playout::check_delay_bounds`]); a stream's own error when its clock
/// rate is outside [`rtp_core::CLOCK_RATES`] (the other streams are still played).
pub fn play_capture(
    streams: &CaptureStreams,
    min: Duration,
    max: Duration,
) -> Result<Vec<Result<PlayoutReport>>> {
    check_delay_bounds(min, max)?;
    Ok(streams
        .streams
        .iter()
        .map(|s| play_stream(s, stream_clock_rate(streams, s), min, max))
        .collect())
}
