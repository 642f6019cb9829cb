//! Sequence-number and timestamp arithmetic with wrap-around, extended sequence numbers
//! and RFC 3550 A.1 source validation with probation.

/// Signed distance from `a` to `b` in 16-bit sequence space (`b - a`, wrapped).
///
/// ```
/// assert_eq!(rtp_core::seq::seq_diff(65535, 1), 2);
/// assert_eq!(rtp_core::seq::seq_diff(1, 65535), -2);
/// ```
#[inline]
pub fn seq_diff(a: u16, b: u16) -> i32 {
    i32::from(b.wrapping_sub(a) as i16)
}

/// Whether `a` comes before `b` in wrapped sequence space.
#[inline]
pub fn seq_less(a: u16, b: u16) -> bool {
    seq_diff(a, b) > 0
}

/// Signed distance from `a` to `b` in 32-bit timestamp space (`b - a`, wrapped).
///
/// ```
/// assert_eq!(rtp_core::seq::ts_diff(u32::MAX - 79, 80), 160);
/// ```
#[inline]
pub fn ts_diff(a: u32, b: u32) -> i64 {
    i64::from(b.wrapping_sub(a) as i32)
}

/// Whether timestamp `a` is before `b` in wrapped timestamp space.
#[inline]
pub fn ts_less(a: u32, b: u32) -> bool {
    ts_diff(a, b) > 0
}

/// Unwraps 16-bit sequence numbers into 64-bit extended ones, relative to the highest
/// seen, accepting jumps of up to half the space either way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SeqUnwrapper {
    last: Option<i64>,
}

impl SeqUnwrapper {
    /// A fresh unwrapper.
    pub fn new() -> Self {
        Self::default()
    }
    /// The extended value of `seq` (the first value maps to itself plus 65536 so that
    /// earlier packets stay positive).
    pub fn unwrap(&mut self, seq: u16) -> i64 {
        let ext = match self.last {
            None => 65536 + i64::from(seq),
            Some(last) => last + i64::from(seq_diff(last as u16, seq)),
        };
        if self.last.is_none_or(|l| ext > l) {
            self.last = Some(ext);
        }
        ext
    }
}

/// Unwraps 32-bit timestamps into 64-bit extended ones (same rule as [`SeqUnwrapper`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TsUnwrapper {
    last: Option<i64>,
}

impl TsUnwrapper {
    /// A fresh unwrapper.
    pub fn new() -> Self {
        Self::default()
    }
    /// The extended value of `ts` (the first value maps to itself plus 2^32).
    pub fn unwrap(&mut self, ts: u32) -> i64 {
        let ext = match self.last {
            None => (1i64 << 32) + i64::from(ts),
            Some(last) => last + ts_diff(last as u32, ts),
        };
        if self.last.is_none_or(|l| ext > l) {
            self.last = Some(ext);
        }
        ext
    }
}

/// RFC 3550 A.1 constants.
pub const MAX_DROPOUT: u16 = 3000;
/// RFC 3550 A.1: largest accepted misordering.
pub const MAX_MISORDER: u16 = 100;
/// RFC 3550 A.1: sequential packets needed before a source is valid.
pub const MIN_SEQUENTIAL: u8 = 2;
const RTP_SEQ_MOD: u32 = 1 << 16;

/// What [`SequenceValidator::update`] decided about a packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SeqVerdict {
    /// The packet is valid and counts.
    Valid,
    /// The source is still on probation; the packet does not count yet.
    Probation,
    /// A large jump; a second packet continuing from it will resynchronize.
    BadJump,
    /// The packet was accepted after a resync (the caller should reset its statistics
    /// but count this packet, as A.1 prescribes).
    Restarted,
}

/// RFC 3550 A.1 per-source sequence state: extended sequence numbers with cycle counting,
/// probation for new sources and resynchronization after large jumps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SequenceValidator {
    /// Highest sequence number seen.
    pub max_seq: u16,
    /// Shifted count of sequence number cycles (multiples of 65536).
    pub cycles: u32,
    /// Base sequence number (first valid packet).
    pub base_seq: u32,
    /// Last "bad" sequence number + 1.
    pub bad_seq: u32,
    /// Sequential packets still needed until the source is valid.
    pub probation: u8,
}

impl SequenceValidator {
    /// State for a new source whose first packet has `seq` (A.1 `init_seq` plus probation).
    pub fn new(seq: u16) -> Self {
        let mut s = Self {
            max_seq: seq.wrapping_sub(1),
            cycles: 0,
            base_seq: 0,
            bad_seq: RTP_SEQ_MOD + 1,
            probation: MIN_SEQUENTIAL,
        };
        s.init(seq);
        s.max_seq = seq.wrapping_sub(1);
        s
    }

    fn init(&mut self, seq: u16) {
        self.base_seq = u32::from(seq);
        self.max_seq = seq;
        self.bad_seq = RTP_SEQ_MOD + 1;
        self.cycles = 0;
    }

    /// The extended highest sequence number (cycles + max).
    pub fn extended_max(&self) -> u32 {
        self.cycles.wrapping_add(u32::from(self.max_seq))
    }

    /// A.1 `update_seq`: feeds one packet's sequence number.
    pub fn update(&mut self, seq: u16) -> SeqVerdict {
        let udelta = seq.wrapping_sub(self.max_seq);
        if self.probation > 0 {
            if seq == self.max_seq.wrapping_add(1) {
                self.probation -= 1;
                self.max_seq = seq;
                if self.probation == 0 {
                    self.init(seq);
                    return SeqVerdict::Valid;
                }
            } else {
                self.probation = MIN_SEQUENTIAL - 1;
                self.max_seq = seq;
            }
            return SeqVerdict::Probation;
        }
        if udelta < MAX_DROPOUT {
            if seq < self.max_seq {
                self.cycles = self.cycles.wrapping_add(RTP_SEQ_MOD);
            }
            self.max_seq = seq;
        } else if u32::from(udelta) <= RTP_SEQ_MOD - u32::from(MAX_MISORDER) {
            if u32::from(seq) == self.bad_seq {
                self.init(seq);
                return SeqVerdict::Restarted;
            }
            self.bad_seq = (u32::from(seq) + 1) & (RTP_SEQ_MOD - 1);
            return SeqVerdict::BadJump;
        }
        // Otherwise a duplicate or reordered packet: valid, max unchanged.
        SeqVerdict::Valid
    }
}
