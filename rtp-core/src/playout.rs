//! Playing a captured stream through the jitter buffer ([`crate::jitter`])
//! with the capture's arrival times.

use std::time::Duration;

use bytes::Bytes;

use crate::capture::{CaptureStreams, RtpStream};
use crate::jitter::{JbFrame, JbPacket, JitterBuffer, JitterConfig, JitterStats, Playout};
use crate::seq::{seq_diff, ts_diff};

/// The result of playing one stream.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PlayoutReport {
    /// The buffer's statistics.
    pub stats: JitterStats,
    /// Frame duration used for the playout clock, ms.
    pub frame_ms: f64,
    /// Mean time played frames spent in the buffer (playout − arrival), ms.
    pub mean_delay_ms: f64,
    /// 95th percentile of that time, ms.
    pub p95_delay_ms: f64,
}

/// The frame duration of a stream: the most common timestamp step between consecutive
/// sequence numbers (20 ms when there is none).
pub fn frame_duration(stream: &RtpStream, clock_rate: u32) -> Duration {
    let mut steps: Vec<i64> = stream
        .packets
        .windows(2)
        .filter(|w| seq_diff(w[0].seq, w[1].seq) == 1)
        .map(|w| ts_diff(w[0].timestamp, w[1].timestamp))
        .filter(|d| *d > 0 && *d <= i64::from(clock_rate) / 5)
        .collect();
    steps.sort_unstable();
    let mut best = (0usize, 0i64);
    let mut i = 0;
    while i < steps.len() {
        let j = steps[i..].iter().take_while(|v| **v == steps[i]).count();
        if j > best.0 {
            best = (j, steps[i]);
        }
        i += j;
    }
    if best.1 == 0 {
        return Duration::from_millis(20);
    }
    Duration::from_secs_f64(best.1 as f64 / f64::from(clock_rate.max(1)))
}

/// Plays every stream of a capture with [`play_stream`], in the order of
/// `streams.streams`. A stream's clock rate is that of its first packet's payload type
/// (signalled by `a=rtpmap`, else the static RFC 3551 rate), 8 kHz when neither is known.
pub fn play_capture(streams: &CaptureStreams, min: Duration, max: Duration) -> Vec<PlayoutReport> {
    streams
        .streams
        .iter()
        .map(|s| {
            let pt = s.packets.first().map_or(0, |p| p.payload_type);
            let clock = streams.clock_rate(pt).unwrap_or(8000);
            play_stream(s, clock, min, max)
        })
        .collect()
}

/// Plays `stream` through a jitter buffer with delay bounds `[min, max]`, popping once
/// per frame from the first packet's arrival.
pub fn play_stream(
    stream: &RtpStream,
    clock_rate: u32,
    min: Duration,
    max: Duration,
) -> PlayoutReport {
    let frame = frame_duration(stream, clock_rate);
    let mut jb = JitterBuffer::new(JitterConfig::new(clock_rate).delay_bounds(min, max));
    let Some(first) = stream.packets.first() else {
        return PlayoutReport::default();
    };
    let last = stream
        .packets
        .iter()
        .map(|p| p.time)
        .max()
        .unwrap_or(first.time);
    let mut delays: Vec<f64> = Vec::with_capacity(stream.packets.len());
    let mut next = 0;
    let mut now = first.time;
    let end = last + max + Duration::from_secs(1);
    let record = |f: &JbFrame, now: Duration, delays: &mut Vec<f64>| {
        delays.push(now.saturating_sub(f.arrival).as_secs_f64() * 1000.0);
    };
    while now <= end {
        while next < stream.packets.len() && stream.packets[next].time <= now {
            let p = &stream.packets[next];
            jb.push(
                JbPacket::new(stream.ssrc, p.seq, p.timestamp, p.marker, Bytes::new()),
                p.time,
            );
            next += 1;
        }
        match jb.pop(now) {
            Playout::Frame(f) => record(&f, now, &mut delays),
            Playout::Merged(a, b) => {
                record(&a, now, &mut delays);
                record(&b, now, &mut delays);
            }
            _ => {}
        }
        now += frame;
    }
    let stats = jb.finish();
    let mean = if delays.is_empty() {
        0.0
    } else {
        delays.iter().sum::<f64>() / delays.len() as f64
    };
    delays.sort_by(f64::total_cmp);
    let p95 = delays
        .get((delays.len() as f64 * 0.95) as usize)
        .copied()
        .unwrap_or(0.0);
    PlayoutReport {
        stats,
        frame_ms: frame.as_secs_f64() * 1000.0,
        mean_delay_ms: mean,
        p95_delay_ms: p95,
    }
}
