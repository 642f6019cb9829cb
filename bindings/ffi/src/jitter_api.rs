//! The adaptive jitter buffer of `rtp-core` as an object for softphones and tools.
//!
//! Times are **microseconds on a monotonic clock** with any fixed origin: on Android
//! `SystemClock.elapsedRealtimeNanos() / 1000`, on the JVM `System.nanoTime() / 1000`,
//! in Python `time.monotonic_ns() // 1000`, or a capture's packet times. A wall clock
//! (which NTP may step) must not be used: the buffer measures delays between these
//! instants. Delays in the configuration and the statistics are milliseconds.
//!
//! Push each RTP datagram as it arrives, with its arrival time; pop once per frame
//! duration (20 ms for most voice codecs) with the current time, and play what it gives.

#[cfg(feature = "uniffi")]
use std::sync::Arc;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rtp_core::jitter::{self, JbFrame, JbPacket};
use rtp_core::packet::RtpPacket;

use crate::VoipkitError;

/// How a jitter buffer is set up.
///
/// The defaults are those of `rtp-core`: 8000 Hz, target delay between 0 and 1000 ms,
/// 256 packets, an 80 ms start-up delay, the adaptive estimator.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct JitterBufferConfig {
    /// RTP clock rate of the stream, Hz (8000 for G.711, 48000 for Opus).
    #[cfg_attr(feature = "uniffi", uniffi(default = 8000))]
    pub clock_rate: u32,
    /// Smallest target delay, ms.
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub min_delay_ms: u32,
    /// Largest target delay, ms (at least `min_delay_ms`).
    #[cfg_attr(feature = "uniffi", uniffi(default = 1000))]
    pub max_delay_ms: u32,
    /// Packets held at most (4 to 65536); packets beyond are refused as overflow.
    #[cfg_attr(feature = "uniffi", uniffi(default = 256))]
    pub capacity: u32,
    /// Smallest target delay, ms, until the buffer has seen 50 packets (a start-up
    /// margin; still within `min_delay_ms..=max_delay_ms`).
    #[cfg_attr(feature = "uniffi", uniffi(default = 80))]
    pub start_delay_ms: u32,
    /// A fixed target delay in ms instead of the adaptive estimate (still within
    /// `min_delay_ms..=max_delay_ms`).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub fixed_delay_ms: Option<u32>,
}

impl Default for JitterBufferConfig {
    fn default() -> Self {
        Self {
            clock_rate: 8000,
            min_delay_ms: 0,
            max_delay_ms: 1000,
            capacity: 256,
            start_delay_ms: 80,
            fixed_delay_ms: None,
        }
    }
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl JitterBufferConfig {
    #[new]
    #[pyo3(signature = (clock_rate = 8000, min_delay_ms = 0, max_delay_ms = 1000, capacity = 256, start_delay_ms = 80, fixed_delay_ms = None))]
    fn py_new(
        clock_rate: u32,
        min_delay_ms: u32,
        max_delay_ms: u32,
        capacity: u32,
        start_delay_ms: u32,
        fixed_delay_ms: Option<u32>,
    ) -> Self {
        Self {
            clock_rate,
            min_delay_ms,
            max_delay_ms,
            capacity,
            start_delay_ms,
            fixed_delay_ms,
        }
    }

    fn __repr__(&self) -> String {
        format!("{self:?}")
    }
}

impl JitterBufferConfig {
    fn to_core(&self) -> jitter::JitterConfig {
        let ms = |v: u32| Duration::from_millis(u64::from(v));
        let mut cfg = jitter::JitterConfig::new(self.clock_rate)
            .delay_bounds(ms(self.min_delay_ms), ms(self.max_delay_ms))
            .capacity(self.capacity as usize)
            .start_delay(ms(self.start_delay_ms));
        if let Some(delay) = self.fixed_delay_ms {
            cfg = cfg.estimator(jitter::Estimator::Fixed {
                delay_ms: f64::from(delay),
            });
        }
        cfg
    }
}

closed_set! {
    /// What happened to a pushed packet.
    pub enum JitterPushOutcome {
        /// Buffered.
        Accepted = "accepted",
        /// Already buffered or played; dropped.
        Duplicate = "duplicate",
        /// Its slot has been played (or concealed) already; dropped.
        Late = "late",
        /// Beyond the buffer's capacity; dropped.
        Overflow = "overflow",
        /// Buffered after a reset (a new SSRC, or a sequence/timestamp discontinuity).
        Reset = "reset",
        /// Not an RTP packet (batch calls only; a single push raises the error instead).
        Malformed = "malformed",
    }
}

impl From<jitter::PushOutcome> for JitterPushOutcome {
    fn from(outcome: jitter::PushOutcome) -> Self {
        match outcome {
            jitter::PushOutcome::Accepted => Self::Accepted,
            jitter::PushOutcome::Duplicate => Self::Duplicate,
            jitter::PushOutcome::Late => Self::Late,
            jitter::PushOutcome::Overflow => Self::Overflow,
            jitter::PushOutcome::Reset => Self::Reset,
        }
    }
}

closed_set! {
    /// What one frame slot plays.
    pub enum PlayoutKind {
        /// Decode and play the one frame in `frames`.
        Frame = "frame",
        /// Play the two frames in `frames` time-compressed into one slot (the buffer is
        /// shortening its delay).
        Merged = "merged",
        /// The packet for this slot is missing: run packet-loss concealment.
        Conceal = "conceal",
        /// Play a concealment frame on purpose, to lengthen the delay towards its target.
        Expand = "expand",
        /// Nothing to play: not started yet, or silence between talkspurts (DTX); play
        /// comfort noise or silence.
        Nothing = "nothing",
    }
}

/// One frame leaving the buffer: an RTP packet's payload and header fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct JitterFrame {
    /// The RTP payload (padding removed), to hand to the decoder.
    pub payload: Vec<u8>,
    /// Sequence number.
    pub seq: u16,
    /// RTP timestamp.
    pub timestamp: u32,
    /// Synchronization source.
    pub ssrc: u32,
    /// Payload type.
    pub payload_type: u8,
    /// Marker bit (start of a talkspurt for audio).
    pub marker: bool,
    /// When the packet was pushed, µs.
    pub arrival_us: u64,
}

/// What `pop` gives for one frame slot.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct JitterPlayout {
    /// What to do with the slot.
    pub kind: PlayoutKind,
    /// The frames to play: one for `Frame`, two for `Merged`, none otherwise.
    pub frames: Vec<JitterFrame>,
    /// The RTP timestamp a `Conceal`/`Expand` slot stands for.
    pub conceal_timestamp: Option<u32>,
}

/// One packet of a batch push: the RTP datagram and when it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct JitterArrival {
    /// The whole RTP datagram (header and payload).
    pub packet: Vec<u8>,
    /// When it arrived, µs on the monotonic clock.
    pub arrival_us: u64,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl JitterArrival {
    #[new]
    fn py_new(packet: Vec<u8>, arrival_us: u64) -> Self {
        Self { packet, arrival_us }
    }
}

/// A jitter buffer's counters (`played + concealed` is the number of slots that
/// played something).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, module = "voipkit"))]
pub struct JitterStats {
    /// Packets pushed (duplicates, late and refused ones included).
    pub received: u64,
    /// Frames played (each frame of a merged slot counts).
    pub played: u64,
    /// Packets that arrived after their slot.
    pub late: u64,
    /// Sequence numbers skipped and never received.
    pub lost: u64,
    /// Slots concealed (missing packets and expansions).
    pub concealed: u64,
    /// Expansion slots among `concealed`.
    pub expanded: u64,
    /// Slots that played two frames.
    pub merged: u64,
    /// Duplicate packets.
    pub duplicates: u64,
    /// Packets refused for capacity.
    pub overflow: u64,
    /// Resets (SSRC change, discontinuities).
    pub resets: u64,
    /// Packets buffered now.
    pub buffered: u64,
    /// Current playout delay, ms.
    pub current_delay_ms: f64,
    /// Current target delay, ms.
    pub target_delay_ms: f64,
}

/// An adaptive jitter buffer for one incoming RTP stream (sans-IO: it reads no clock;
/// every call takes the time as microseconds on a monotonic clock, see the module
/// docs). Safe to share between a network thread that pushes and an audio thread that
/// pops.
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, module = "voipkit"))]
pub struct JitterBuffer {
    config: JitterBufferConfig,
    inner: Mutex<jitter::JitterBuffer>,
}

impl std::fmt::Debug for JitterBuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JitterBuffer")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// A frame as the bindings give it. The buffer holds whole datagrams (its payload is
/// opaque to it), so the header is read again here for the payload type and payload.
fn frame(f: JbFrame) -> JitterFrame {
    let (payload_type, payload) = match RtpPacket::parse(&f.packet.payload) {
        Ok(p) => (p.payload_type(), p.payload().to_vec()),
        // Only parsed datagrams are pushed, so this does not happen.
        Err(_) => (0, Vec::new()),
    };
    JitterFrame {
        payload,
        seq: f.packet.seq,
        timestamp: f.packet.timestamp,
        ssrc: f.packet.ssrc,
        payload_type,
        marker: f.packet.marker,
        arrival_us: u64::try_from(f.arrival.as_micros()).unwrap_or(u64::MAX),
    }
}

impl JitterBuffer {
    /// A buffer set up by `config`.
    pub fn with_config(config: JitterBufferConfig) -> Self {
        let jb = jitter::JitterBuffer::new(config.to_core());
        Self {
            config,
            inner: Mutex::new(jb),
        }
    }

    fn lock(&self) -> MutexGuard<'_, jitter::JitterBuffer> {
        // A poisoned lock only means another thread panicked mid-call; the buffer's
        // state is still a valid buffer, so go on with it.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push_one(
        jb: &mut jitter::JitterBuffer,
        packet: &[u8],
        arrival_us: u64,
    ) -> Result<JitterPushOutcome, VoipkitError> {
        let p = RtpPacket::parse(packet)?;
        let whole = JbPacket::new(
            p.ssrc(),
            p.sequence_number(),
            p.timestamp(),
            p.marker(),
            bytes::Bytes::copy_from_slice(packet),
        );
        Ok(jb.push(whole, Duration::from_micros(arrival_us)).into())
    }

    fn pop_one(jb: &mut jitter::JitterBuffer, now_us: u64) -> JitterPlayout {
        let (kind, frames, conceal_timestamp) = match jb.pop(Duration::from_micros(now_us)) {
            jitter::Playout::Frame(f) => (PlayoutKind::Frame, vec![frame(f)], None),
            jitter::Playout::Merged(a, b) => (PlayoutKind::Merged, vec![frame(a), frame(b)], None),
            jitter::Playout::Conceal { timestamp, reason } => (
                match reason {
                    jitter::ConcealReason::Missing => PlayoutKind::Conceal,
                    jitter::ConcealReason::Expand => PlayoutKind::Expand,
                },
                Vec::new(),
                Some(timestamp),
            ),
            jitter::Playout::Nothing => (PlayoutKind::Nothing, Vec::new(), None),
        };
        JitterPlayout {
            kind,
            frames,
            conceal_timestamp,
        }
    }
}

#[cfg(feature = "uniffi")]
#[uniffi::export]
impl JitterBuffer {
    /// A buffer set up by `config`.
    #[uniffi::constructor]
    fn new(config: JitterBufferConfig) -> Arc<Self> {
        Arc::new(Self::with_config(config))
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl JitterBuffer {
    /// Hands one RTP datagram to the buffer, with its arrival time in µs.
    ///
    /// # Errors
    /// [`VoipkitError::Rtp`] when the bytes are not an RTP packet (nothing is pushed).
    pub fn push(
        &self,
        packet: Vec<u8>,
        arrival_us: u64,
    ) -> Result<JitterPushOutcome, VoipkitError> {
        crate::guard(|| Self::push_one(&mut self.lock(), &packet, arrival_us))
    }

    /// Pushes many datagrams in order; one outcome per packet (`Malformed` for bytes
    /// that are not RTP).
    ///
    /// # Errors
    /// Only [`VoipkitError::Internal`], for a defect in voipkit.
    pub fn push_many(
        &self,
        packets: Vec<JitterArrival>,
    ) -> Result<Vec<JitterPushOutcome>, VoipkitError> {
        crate::guard(|| {
            let mut jb = self.lock();
            Ok(packets
                .iter()
                .map(|a| {
                    Self::push_one(&mut jb, &a.packet, a.arrival_us)
                        .unwrap_or(JitterPushOutcome::Malformed)
                })
                .collect())
        })
    }

    /// Plays the frame slot at `now_us` (call once per frame duration).
    ///
    /// # Errors
    /// Only [`VoipkitError::Internal`], for a defect in voipkit.
    pub fn pop(&self, now_us: u64) -> Result<JitterPlayout, VoipkitError> {
        crate::guard(|| Ok(Self::pop_one(&mut self.lock(), now_us)))
    }

    /// Plays one slot at each of `now_us`, in order.
    ///
    /// # Errors
    /// Only [`VoipkitError::Internal`], for a defect in voipkit.
    pub fn pop_many(&self, now_us: Vec<u64>) -> Result<Vec<JitterPlayout>, VoipkitError> {
        crate::guard(|| {
            let mut jb = self.lock();
            Ok(now_us.iter().map(|t| Self::pop_one(&mut jb, *t)).collect())
        })
    }

    /// The counters so far.
    pub fn stats(&self) -> JitterStats {
        let jb = self.lock();
        let s = jb.stats();
        JitterStats {
            received: s.received,
            played: s.played,
            late: s.late,
            lost: s.lost,
            concealed: s.concealed,
            expanded: s.expanded,
            merged: s.merged,
            duplicates: s.duplicates,
            overflow: s.overflow,
            resets: s.resets,
            buffered: jb.len() as u64,
            current_delay_ms: s.current_delay_ms,
            target_delay_ms: s.target_delay_ms,
        }
    }

    /// The configuration the buffer was set up with.
    pub fn config(&self) -> JitterBufferConfig {
        self.config.clone()
    }
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl JitterBuffer {
    #[new]
    #[pyo3(signature = (config = JitterBufferConfig::default()))]
    fn py_new(config: JitterBufferConfig) -> Self {
        Self::with_config(config)
    }

    /// Hands one RTP datagram to the buffer, with its arrival time in µs.
    #[pyo3(name = "push")]
    fn py_push(&self, packet: Vec<u8>, arrival_us: u64) -> Result<JitterPushOutcome, VoipkitError> {
        self.push(packet, arrival_us)
    }

    /// Pushes many datagrams in order.
    #[pyo3(name = "push_many")]
    fn py_push_many(
        &self,
        packets: Vec<JitterArrival>,
    ) -> Result<Vec<JitterPushOutcome>, VoipkitError> {
        self.push_many(packets)
    }

    /// Plays the frame slot at `now_us`.
    #[pyo3(name = "pop")]
    fn py_pop(&self, now_us: u64) -> Result<JitterPlayout, VoipkitError> {
        self.pop(now_us)
    }

    /// Plays one slot at each of `now_us`, in order.
    #[pyo3(name = "pop_many")]
    fn py_pop_many(&self, now_us: Vec<u64>) -> Result<Vec<JitterPlayout>, VoipkitError> {
        self.pop_many(now_us)
    }

    /// The counters so far.
    #[pyo3(name = "stats")]
    fn py_stats(&self) -> JitterStats {
        self.stats()
    }

    /// The configuration the buffer was set up with.
    #[getter(config)]
    fn py_config(&self) -> JitterBufferConfig {
        self.config()
    }
}

/// One stream of a capture replayed through the jitter buffer at its capture times.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, module = "voipkit"))]
pub struct RtpPlayoutReport {
    /// Synchronization source.
    pub ssrc: u32,
    /// Sender, `address:port`.
    pub src: String,
    /// Receiver, `address:port`.
    pub dst: String,
    /// The frame duration the playout clock used (the stream's usual timestamp step), ms.
    pub frame_ms: f64,
    /// Packets pushed.
    pub received: u64,
    /// Frames played.
    pub played: u64,
    /// Packets that arrived after their slot.
    pub late: u64,
    /// Sequence numbers never received.
    pub lost: u64,
    /// Slots concealed.
    pub concealed: u64,
    /// Duplicate packets.
    pub duplicates: u64,
    /// Packets refused for capacity.
    pub overflow: u64,
    /// Mean time a played frame spent in the buffer, ms.
    pub mean_delay_ms: f64,
    /// 95th percentile of that time, ms.
    pub p95_delay_ms: f64,
    /// Mean delay a listener hears: playout time minus the stream's send schedule
    /// (first arrival plus RTP timestamp offset), so time-stretching counts, ms.
    pub mean_playout_delay_ms: f64,
    /// Slots concealed by deliberate expansion (among `concealed`).
    pub expanded: u64,
    /// Slots that played two frames at once.
    pub merged: u64,
    /// The target delay at the end, ms.
    pub target_delay_ms: f64,
}

/// Replays each RTP stream of a pcap or pcapng capture through the jitter buffer at
/// its capture times (what `voipkit rtp playout` prints), with target delays between
/// `min_delay_ms` and `max_delay_ms`.
///
/// # Errors
/// [`VoipkitError::Rtp`] when the capture cannot be read, when the delay bounds are out
/// of range (`min_delay_ms <= max_delay_ms <= 10000`), or when a stream's clock rate is
/// outside 1 kHz to 192 kHz.
#[cfg_attr(
    feature = "uniffi",
    uniffi::export(default(min_delay_ms = 0, max_delay_ms = 1000))
)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(
    feature = "python",
    pyo3(signature = (capture, min_delay_ms = 0, max_delay_ms = 1000))
)]
pub fn rtp_playout_capture(
    capture: Vec<u8>,
    min_delay_ms: u32,
    max_delay_ms: u32,
) -> Result<Vec<RtpPlayoutReport>, VoipkitError> {
    crate::guard(|| {
        use capture::{CaptureLimits, read_streams};
        let (streams, _) = read_streams(capture.as_slice(), &CaptureLimits::default())?;
        let ms = |v: u32| Duration::from_millis(u64::from(v));
        let reports = capture::play_capture(&streams, ms(min_delay_ms), ms(max_delay_ms))?;
        streams
            .streams
            .iter()
            .zip(reports)
            .map(|(s, r)| {
                let r = r?;
                Ok(RtpPlayoutReport {
                    ssrc: s.ssrc,
                    src: format!("{}:{}", s.src.addr, s.src.port),
                    dst: format!("{}:{}", s.dst.addr, s.dst.port),
                    frame_ms: r.frame_ms,
                    received: r.stats.received,
                    played: r.stats.played,
                    late: r.stats.late,
                    lost: r.stats.lost,
                    concealed: r.stats.concealed,
                    duplicates: r.stats.duplicates,
                    overflow: r.stats.overflow,
                    mean_delay_ms: r.mean_delay_ms,
                    p95_delay_ms: r.p95_delay_ms,
                    mean_playout_delay_ms: r.mean_playout_delay_ms,
                    expanded: r.stats.expanded,
                    merged: r.stats.merged,
                    target_delay_ms: r.stats.target_delay_ms,
                })
            })
            .collect()
    })
}
