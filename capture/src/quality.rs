//! The quality of a capture's streams: Wireshark's stream analysis, the E-model
//! estimate and jitter-buffer playout ([`rtp_core`]'s), each given the clock rate and
//! encoding the capture's SDP announced.

use std::time::Duration;

use rtp_core::analysis::{StreamAnalysis, analyze_packets};
use rtp_core::emodel::EModelResult;
use rtp_core::playout::{PlayoutReport, check_delay_bounds};

use crate::error::Result;
use crate::streams::{CaptureStreams, RtpStream, SignalledMedia, static_clock_rate};

/// The clock rate Wireshark's analysis uses for payload type `pt`: the static rate
/// below 96 (whatever an `a=rtpmap` says), the signalled rate of a dynamic type, and 0
/// (no jitter) for `telephone-event` and for a dynamic type no SDP mapped.
pub fn analysis_clock_rate(media: &impl AsRef<SignalledMedia>, pt: u8) -> u32 {
    let media = media.as_ref();
    if pt < 96 {
        return static_clock_rate(pt).unwrap_or(0);
    }
    match media.encoding(pt) {
        Some(name) if name.starts_with("telephone-event") => 0,
        Some(_) => media.clock_rate(pt).unwrap_or(0),
        None => 0,
    }
}

/// Wireshark's analysis of one stream of a capture ([`rtp_core::analysis`]), with the
/// clock rates of [`analysis_clock_rate`]; times are taken relative to `origin` (the
/// capture's first datagram, as [`crate::read_streams`] gives it).
pub fn analyze_stream(
    media: &impl AsRef<SignalledMedia>,
    stream: &RtpStream,
    origin: Duration,
) -> StreamAnalysis {
    let media = media.as_ref();
    analyze_packets(stream.ssrc, &stream.packets, origin, |pt| {
        analysis_clock_rate(media, pt)
    })
}

/// The E-model estimate of a captured stream ([`rtp_core::analysis::estimate_quality`])
/// with the encoding the capture's SDP announced for its first payload type.
pub fn estimate_quality(
    media: &impl AsRef<SignalledMedia>,
    stream: &RtpStream,
    analysis: &StreamAnalysis,
) -> Option<EModelResult> {
    let encoding = stream
        .packets
        .first()
        .and_then(|p| media.as_ref().encoding(p.payload_type));
    rtp_core::analysis::estimate_quality(&stream.packets, analysis, encoding)
}

/// The clock rate playout uses for a stream: that of its first packet's payload type
/// (signalled by `a=rtpmap`, else the static rate), 8 kHz when neither is known.
pub fn stream_clock_rate(media: &impl AsRef<SignalledMedia>, stream: &RtpStream) -> u32 {
    let pt = stream.packets.first().map_or(0, |p| p.payload_type);
    media.as_ref().clock_rate(pt).unwrap_or(8000)
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

/// Everything measured about one captured stream.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamQuality {
    /// Wireshark's figures ([`analyze_stream`]).
    pub analysis: StreamAnalysis,
    /// The E-model estimate, when the codec is one it knows ([`estimate_quality`]).
    pub quality: Option<EModelResult>,
    /// Playout through the jitter buffer with delay bounds 0..=1000 ms at
    /// [`stream_clock_rate`]; `None` when that clock rate is outside
    /// [`rtp_core::CLOCK_RATES`].
    pub playout: Option<PlayoutReport>,
    /// The clock rate playout used, Hz.
    pub clock_rate: u32,
    /// The codec of the first packet: RFC 3551's name of a static payload type, else the
    /// name SDP mapped the type to, else `PT <n>`.
    pub codec: String,
}

/// Measures one stream of a capture: [`analyze_stream`], [`estimate_quality`] and
/// [`play_stream`] with delay bounds 0..=1000 ms.
pub fn measure_stream(
    media: &impl AsRef<SignalledMedia>,
    stream: &RtpStream,
    origin: Duration,
) -> StreamQuality {
    let media = media.as_ref();
    let analysis = analyze_stream(media, stream, origin);
    let quality = estimate_quality(media, stream, &analysis);
    let clock_rate = stream_clock_rate(media, stream);
    let playout = play_stream(
        stream,
        clock_rate,
        Duration::ZERO,
        Duration::from_millis(1000),
    )
    .ok();
    let pt = stream.packets.first().map_or(0, |p| p.payload_type);
    let codec = sip_core::sdp::static_payload(pt)
        .map(|p| p.name.to_owned())
        .or_else(|| media.encoding(pt).map(str::to_owned))
        .unwrap_or_else(|| format!("PT {pt}"));
    StreamQuality {
        analysis,
        quality,
        playout,
        clock_rate,
        codec,
    }
}

/// A stream's figures over one window of time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QualityWindow {
    /// The end of the window, seconds since the stream's first packet (the last window
    /// ends at the last packet).
    pub end_s: f64,
    /// Interarrival jitter at the end of the window (as [`analyze_stream`] computes it), ms.
    pub jitter_ms: f64,
    /// Relative transit delay: arrival minus the send schedule the RTP timestamps give
    /// (anchored at the first packet), the window's mean, ms.
    pub transit_ms: f64,
    /// Packets lost in the window (the growth of Wireshark's `lost`; never negative).
    pub lost: u64,
}

/// The figures of a stream in consecutive windows of `window` (at most `max_windows`;
/// the rest of the stream falls in the last), for charts of jitter, transit delay and
/// loss over time. Transit is measured at `clock_rate` (e.g. [`stream_clock_rate`]).
///
/// ```
/// use std::time::Duration;
/// use capture::{CaptureStreams, Discovery, Endpoint, RtpStream, SignalledMedia, StreamPacket};
/// use capture::quality::quality_windows;
///
/// let at = Endpoint { addr: "192.0.2.1".parse().unwrap(), port: 4000 };
/// // 100 PCMU packets 20 ms apart; from the second second on, each arrives 30 ms late.
/// let packets = (0..100u16)
///     .map(|i| StreamPacket {
///         frame: u64::from(i),
///         time: Duration::from_millis(20 * u64::from(i) + if i >= 50 { 30 } else { 0 }),
///         seq: i,
///         timestamp: u32::from(i) * 160,
///         payload_type: 0,
///         marker: false,
///         payload_len: 160,
///     })
///     .collect();
/// let stream = RtpStream { src: at, dst: at, ssrc: 1, discovery: Discovery::Heuristic, packets };
/// let streams = CaptureStreams { streams: vec![stream], signalled: SignalledMedia::default() };
/// let w = quality_windows(&streams, &streams.streams[0], 8000, Duration::from_secs(1), 100);
/// // Windows end at 1 s, 2 s and the last packet (2.01 s).
/// assert_eq!(w.iter().map(|w| w.end_s).collect::<Vec<_>>(), [1.0, 2.0, 2.01]);
/// let transit: Vec<f64> = w.iter().map(|w| (w.transit_ms * 1e6).round() / 1e6).collect();
/// assert_eq!(transit, [0.0, 30.0, 30.0]);
/// assert!(w.iter().all(|w| w.lost == 0));
/// ```
pub fn quality_windows(
    media: &impl AsRef<SignalledMedia>,
    stream: &RtpStream,
    clock_rate: u32,
    window: Duration,
    max_windows: usize,
) -> Vec<QualityWindow> {
    let media = media.as_ref();
    let Some(first) = stream.packets.first() else {
        return Vec::new();
    };
    let window_s = window.as_secs_f64().max(1e-3);
    let mut analyzer = rtp_core::analysis::StreamAnalyzer::new(stream.ssrc);
    let mut out = Vec::new();
    let mut window_end = window_s;
    let (mut transit_sum, mut transit_n) = (0.0, 0u32);
    let mut lost_before = 0i64;
    let rate = f64::from(clock_rate.max(1));
    let mut close = |end_s: f64,
                     analyzer: &rtp_core::analysis::StreamAnalyzer,
                     transit_sum: f64,
                     transit_n: u32,
                     out: &mut Vec<QualityWindow>| {
        let lost = analyzer.result().lost;
        out.push(QualityWindow {
            end_s,
            jitter_ms: analyzer.jitter_ms(),
            transit_ms: if transit_n > 0 {
                transit_sum / f64::from(transit_n)
            } else {
                0.0
            },
            lost: u64::try_from(lost - lost_before).unwrap_or(0),
        });
        lost_before = lost;
    };
    for p in &stream.packets {
        let t = p.time.saturating_sub(first.time).as_secs_f64();
        while t >= window_end && out.len() + 1 < max_windows.max(1) {
            close(window_end, &analyzer, transit_sum, transit_n, &mut out);
            (transit_sum, transit_n) = (0.0, 0);
            window_end += window_s;
        }
        analyzer.push(&rtp_core::analysis::AnalyzerInput {
            time_ms: t * 1000.0,
            seq: p.seq,
            timestamp: p.timestamp,
            payload_type: p.payload_type,
            marker: p.marker,
            clock_rate: analysis_clock_rate(media, p.payload_type),
        });
        let sent = f64::from(p.timestamp.wrapping_sub(first.timestamp) as i32) / rate;
        transit_sum += (t - sent) * 1000.0;
        transit_n += 1;
    }
    let last = stream
        .packets
        .last()
        .map_or(0.0, |p| p.time.saturating_sub(first.time).as_secs_f64());
    close(
        window_end.min(last),
        &analyzer,
        transit_sum,
        transit_n,
        &mut out,
    );
    out
}
