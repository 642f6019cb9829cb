//! Playing a received stream through the jitter buffer ([`crate::jitter`]) at its
//! packets' arrival times, as a capture records them.

use std::time::Duration;

use bytes::Bytes;

use crate::check_clock_rate;
use crate::error::{Error, Result};
use crate::jitter::{JbFrame, JbPacket, JitterBuffer, JitterConfig, JitterStats, Playout, after};
use crate::seq::{seq_diff, ts_diff};
use crate::stream::StreamPacket;

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
    /// Mean delay a listener hears, ms: a frame's playout time minus the time the
    /// stream's send schedule puts it at (the first packet's arrival plus the frame's
    /// RTP timestamp offset from it). Unlike [`PlayoutReport::mean_delay_ms`] this counts
    /// the time-stretching of expanded and merged frames and the delay concealment
    /// builds up. After a reset (a timestamp jump, a new SSRC or a capture clock step) the
    /// schedule starts again at the next played frame. Negative when the first packet
    /// was itself delayed more than the later ones.
    pub mean_playout_delay_ms: f64,
}

/// The largest delay bound playout accepts: 10 s, forty times the default capacity's
/// worth of 20 ms frames is not a jitter buffer any more.
pub const MAX_DELAY: Duration = Duration::from_secs(10);

/// Checks playout delay bounds: `min <= max <= MAX_DELAY`.
///
/// # Errors
/// [`Error::OutOfRange`] naming the bound that is out of range.
pub fn check_delay_bounds(min: Duration, max: Duration) -> Result<()> {
    let ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
    let limit = ms(MAX_DELAY);
    if max > MAX_DELAY {
        return Err(Error::OutOfRange {
            what: "largest playout delay (ms)",
            value: ms(max),
            min: 0,
            max: limit,
        });
    }
    if min > max {
        return Err(Error::OutOfRange {
            what: "smallest playout delay (ms)",
            value: ms(min),
            min: 0,
            max: ms(max),
        });
    }
    Ok(())
}

/// How far a packet's capture time may lie behind the playout clock before playout
/// takes it as the capture clock stepping back and starts again from it (packets are
/// pushed within a frame of their capture time otherwise).
const CLOCK_STEP_BACK: Duration = Duration::from_secs(1);

/// The frame duration of a whole stream: the most common timestamp step between
/// consecutive sequence numbers that can be a frame ([`crate::jitter::is_frame_step`],
/// the rule the jitter buffer learns its frame by), 20 ms when there is none. Playout of
/// a capture knows the stream whole, so it takes the most common step at once, where a
/// live buffer learns it as packets come ([`crate::jitter::JitterBuffer::frame_duration`]).
pub fn frame_duration(packets: &[StreamPacket], clock_rate: u32) -> Duration {
    let clock = i64::from(clock_rate.max(1));
    let mut steps: Vec<i64> = packets
        .windows(2)
        .filter(|w| seq_diff(w[0].seq, w[1].seq) == 1)
        .map(|w| ts_diff(w[0].timestamp, w[1].timestamp))
        .filter(|d| crate::jitter::is_frame_step(*d, clock_rate.max(1)))
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
    Duration::from_secs_f64(best.1 as f64 / clock as f64)
}

/// Plays the packets of stream `ssrc` (in arrival order) through a jitter buffer with
/// delay bounds `[min, max]`, popping once per frame from the first packet's arrival (a
/// packet is pushed at the first pop at or after its arrival time).
///
/// The work is proportional to the packets, whatever the times and timestamps: pops
/// that can play nothing (an empty buffer in silence, a talkspurt not yet due) are
/// applied at once, a gap of more than 50 frames is silence before a new talkspurt,
/// timestamp jumps beyond the buffer's reach reset it, and a capture time more than a
/// second behind the playout clock (the capture clock stepped back, or the packet
/// before it was stamped years ahead) resets the buffer and restarts the clock there.
///
/// # Errors
/// [`Error::OutOfRange`] for a clock rate outside [`crate::CLOCK_RATES`] or delay
/// bounds that [`check_delay_bounds`] refuses.
pub fn play_stream(
    ssrc: u32,
    packets: &[StreamPacket],
    clock_rate: u32,
    min: Duration,
    max: Duration,
) -> Result<PlayoutReport> {
    check_clock_rate(clock_rate)?;
    check_delay_bounds(min, max)?;
    let frame = frame_duration(packets, clock_rate);
    let mut jb = JitterBuffer::new(JitterConfig::new(clock_rate).delay_bounds(min, max));
    let Some(first) = packets.first() else {
        return Ok(PlayoutReport::default());
    };
    let last = packets.iter().map(|p| p.time).max().unwrap_or(first.time);
    let mut delays: Vec<f64> = Vec::with_capacity(packets.len());
    let mut next = 0;
    let mut now = first.time;
    let end = last
        .saturating_add(max)
        .saturating_add(Duration::from_secs(1));
    let frame_ns = frame.as_nanos().max(1);
    let mut schedule = SendSchedule::new(clock_rate, first.time, first.timestamp);
    let mut heard = 0.0_f64;
    let mut resets = 0;
    let mut record = |f: &JbFrame, now: Duration, resets_now: u64, delays: &mut Vec<f64>| {
        delays.push(now.saturating_sub(f.arrival).as_secs_f64() * 1000.0);
        if resets_now != resets {
            resets = resets_now;
            schedule = SendSchedule::new(clock_rate, f.arrival, f.packet.timestamp);
        }
        heard += schedule.delay_ms(now, f.packet.timestamp);
    };
    loop {
        while next < packets.len() && packets[next].time <= now {
            let p = &packets[next];
            if now.saturating_sub(p.time) > CLOCK_STEP_BACK {
                // The capture clock stepped back (or the packet before carried a
                // corrupt time, years ahead): playout starts again from this packet,
                // instead of taking every later packet as arriving at that time.
                jb.restart();
                now = p.time;
            }
            jb.push(
                JbPacket::new(ssrc, p.seq, p.timestamp, p.marker, Bytes::new()),
                p.time,
            );
            next += 1;
        }
        match jb.pop(now) {
            Playout::Frame(f) => record(&f, now, jb.stats().resets, &mut delays),
            Playout::Merged(a, b) => {
                let resets = jb.stats().resets;
                record(&a, now, resets, &mut delays);
                record(&b, now, resets, &mut delays);
            }
            _ => {}
        }
        // The following pops, up to the next arrival and the end, of which those that
        // can change nothing are applied at once.
        let Some(following) = now.checked_add(frame).filter(|t| *t <= end) else {
            break;
        };
        let horizon = packets.get(next).map_or(end, |p| p.time.min(end));
        // Pops at following + i·frame strictly before the next arrival (or up to the end).
        let span = horizon.as_nanos().saturating_sub(following.as_nanos());
        let slots = if next < packets.len() {
            span.div_ceil(frame_ns)
        } else {
            span / frame_ns + 1
        };
        let skipped = jb.skip_silent(following, frame, u64::try_from(slots).unwrap_or(u64::MAX));
        match after(following, frame, skipped).filter(|t| *t <= end) {
            Some(t) => now = t,
            None => break,
        }
    }
    let stats = jb.finish();
    let (mean, mean_heard) = if delays.is_empty() {
        (0.0, 0.0)
    } else {
        let n = delays.len() as f64;
        (delays.iter().sum::<f64>() / n, heard / n)
    };
    delays.sort_by(f64::total_cmp);
    let p95 = delays
        .get((delays.len() as f64 * 0.95) as usize)
        .copied()
        .unwrap_or(0.0);
    Ok(PlayoutReport {
        stats,
        frame_ms: frame.as_secs_f64() * 1000.0,
        mean_delay_ms: mean,
        p95_delay_ms: p95,
        mean_playout_delay_ms: mean_heard,
    })
}

/// A stream's send schedule: where its RTP timestamps put each frame on the capture
/// clock, anchored at one packet's arrival.
#[derive(Debug, Clone, Copy)]
struct SendSchedule {
    clock_rate: u32,
    anchor_time: Duration,
    /// The last timestamp seen, and its offset in ticks from the anchor (unwrapped).
    last_ts: u32,
    last_offset: i64,
}

impl SendSchedule {
    fn new(clock_rate: u32, anchor_time: Duration, anchor_ts: u32) -> Self {
        Self {
            clock_rate,
            anchor_time,
            last_ts: anchor_ts,
            last_offset: 0,
        }
    }

    /// Playout time `now` minus the frame's scheduled time, ms.
    fn delay_ms(&mut self, now: Duration, ts: u32) -> f64 {
        self.last_offset = self.last_offset.saturating_add(ts_diff(self.last_ts, ts));
        self.last_ts = ts;
        // Relative to the anchor, so that capture times of 1.7e9 s keep their precision.
        let since_anchor = (now.as_nanos() as i128 - self.anchor_time.as_nanos() as i128) as f64;
        since_anchor / 1e6 - self.last_offset as f64 * 1000.0 / f64::from(self.clock_rate)
    }
}
