//! Bounded IP fragment reassembly (IPv4 fragments and IPv6 fragment extension headers).
//!
//! Each datagram is rebuilt in an `etherparse` [`IpDefragBuf`] (which merges the received
//! ranges and checks alignment and the end marker); this module adds what a capture of
//! untrusted traffic needs around it: limits on the number of datagrams being rebuilt,
//! the bytes they hold and the fragments per datagram, a timeout counted in capture time,
//! and a strict rule for overlaps (a fragment that rewrites bytes already received with
//! different bytes drops the whole datagram, as RFC 5722 requires for IPv6; an exact
//! duplicate is accepted and changes nothing).

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

use etherparse::defrag::{IpDefragBuf, IpDefragError};
use etherparse::{IpFragOffset, IpNumber};

use crate::error::{Error, Result};

/// Limits for IP fragment reassembly.
///
/// ```
/// use std::time::Duration;
/// use capture::ReassemblyLimits;
///
/// let limits = ReassemblyLimits::default()
///     .max_pending(64)
///     .timeout(Duration::from_secs(5));
/// assert_eq!(limits.max_pending, 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReassemblyLimits {
    /// Most datagrams being rebuilt at once (default 1024).
    pub max_pending: usize,
    /// Most bytes held by all datagrams being rebuilt (default 8 MiB).
    pub max_buffered_bytes: usize,
    /// Most fragments accepted for one datagram (default 256).
    pub max_fragments: usize,
    /// Capture time after a datagram's first fragment when an incomplete datagram is
    /// given up (default 30 s, the Linux `ipfrag_time`).
    pub timeout: Duration,
}

impl Default for ReassemblyLimits {
    fn default() -> Self {
        Self {
            max_pending: 1024,
            max_buffered_bytes: 8 << 20,
            max_fragments: 256,
            timeout: Duration::from_secs(30),
        }
    }
}

impl ReassemblyLimits {
    /// Sets [`ReassemblyLimits::max_pending`].
    pub fn max_pending(mut self, n: usize) -> Self {
        self.max_pending = n;
        self
    }
    /// Sets [`ReassemblyLimits::max_buffered_bytes`].
    pub fn max_buffered_bytes(mut self, n: usize) -> Self {
        self.max_buffered_bytes = n;
        self
    }
    /// Sets [`ReassemblyLimits::max_fragments`].
    pub fn max_fragments(mut self, n: usize) -> Self {
        self.max_fragments = n;
        self
    }
    /// Sets [`ReassemblyLimits::timeout`].
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }
}

/// One IP fragment: the identity of its datagram, where it goes and its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpFragment<'a> {
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// Identification (16 bits for IPv4, 32 bits for IPv6).
    pub id: u32,
    /// Protocol of the datagram's payload (17 for UDP).
    pub protocol: u8,
    /// Byte offset of this fragment in the datagram's payload (a multiple of 8).
    pub offset: u16,
    /// The "more fragments" flag.
    pub more_fragments: bool,
    /// The fragment's bytes.
    pub payload: &'a [u8],
}

/// Counters of a reassembler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReassemblyStats {
    /// Fragments pushed.
    pub fragments: u64,
    /// Datagrams rebuilt completely.
    pub reassembled: u64,
    /// Datagrams given up because a fragment was invalid, conflicting or over a limit.
    pub dropped: u64,
    /// Datagrams given up because they stayed incomplete past the timeout.
    pub expired: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    src: IpAddr,
    dst: IpAddr,
    id: u32,
    protocol: u8,
}

#[derive(Debug)]
struct Pending {
    buf: IpDefragBuf,
    first_seen: Duration,
    fragments: usize,
}

/// Rebuilds fragmented IP datagrams, within [`ReassemblyLimits`].
///
/// Sans-IO: the caller hands over fragments with their capture time.
///
/// ```
/// use std::time::Duration;
/// use capture::{IpFragment, Reassembler, ReassemblyLimits};
///
/// let data: Vec<u8> = (0..20).collect();
/// let frag = |offset: u16, more, payload| IpFragment {
///     src: "10.0.0.1".parse().unwrap(),
///     dst: "10.0.0.2".parse().unwrap(),
///     id: 7,
///     protocol: 17,
///     offset,
///     more_fragments: more,
///     payload,
/// };
/// let mut r = Reassembler::new(ReassemblyLimits::default());
/// // The second half arrives first.
/// assert_eq!(r.push(frag(16, false, &data[16..]), Duration::ZERO)?, None);
/// let whole = r.push(frag(0, true, &data[..16]), Duration::ZERO)?;
/// assert_eq!(whole.as_deref(), Some(&data[..]));
/// # Ok::<(), capture::Error>(())
/// ```
#[derive(Debug)]
pub struct Reassembler {
    limits: ReassemblyLimits,
    pending: HashMap<Key, Pending>,
    buffered: usize,
    last_sweep: Duration,
    stats: ReassemblyStats,
}

fn defrag_err(e: &IpDefragError) -> Error {
    let (offset, reason) = match e {
        IpDefragError::UnalignedFragmentPayloadLen { offset, .. } => (
            usize::from(offset.byte_offset()),
            "fragment length not a multiple of 8 before the last fragment",
        ),
        IpDefragError::SegmentTooBig { offset, .. } => (
            usize::from(offset.byte_offset()),
            "fragment ends beyond 65535 bytes",
        ),
        IpDefragError::ConflictingEnd {
            conflicting_end, ..
        } => (
            usize::from(*conflicting_end),
            "fragment conflicts with the end set by the last fragment",
        ),
        IpDefragError::AllocationFailure { len } => (*len, "reassembly buffer allocation failed"),
    };
    Error::Reassembly { offset, reason }
}

impl Reassembler {
    /// An empty reassembler.
    pub fn new(limits: ReassemblyLimits) -> Self {
        Self {
            limits,
            pending: HashMap::new(),
            buffered: 0,
            last_sweep: Duration::ZERO,
            stats: ReassemblyStats::default(),
        }
    }

    /// The counters so far.
    pub fn stats(&self) -> ReassemblyStats {
        self.stats
    }

    /// Datagrams currently incomplete.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Bytes currently held for incomplete datagrams.
    pub fn buffered_bytes(&self) -> usize {
        self.buffered
    }

    /// Gives up every datagram whose first fragment is older than the timeout at `now`.
    pub fn expire(&mut self, now: Duration) {
        let timeout = self.limits.timeout;
        let mut freed = 0;
        let mut expired = 0;
        self.pending.retain(|_, p| {
            let keep = now.saturating_sub(p.first_seen) <= timeout;
            if !keep {
                freed += p.buf.data().len();
                expired += 1;
            }
            keep
        });
        self.buffered -= freed;
        self.stats.expired += expired;
        self.last_sweep = now;
    }

    /// Adds one fragment seen at capture time `now`; gives the datagram's payload when this
    /// fragment completes it.
    ///
    /// # Errors
    /// [`Error::Reassembly`] for a fragment that is misaligned, runs past 65535 bytes,
    /// conflicts with the end already known, or overlaps bytes already received with
    /// different bytes; [`Error::Limit`] when a limit is reached. Either way the
    /// datagram the fragment belongs to is given up (later fragments of it start afresh).
    pub fn push(&mut self, frag: IpFragment<'_>, now: Duration) -> Result<Option<Vec<u8>>> {
        self.stats.fragments += 1;
        // Sweeping costs a pass over the pending datagrams: at most once a second.
        if now.saturating_sub(self.last_sweep) >= Duration::from_secs(1) || now < self.last_sweep {
            self.expire(now);
        }
        let key = Key {
            src: frag.src,
            dst: frag.dst,
            id: frag.id,
            protocol: frag.protocol,
        };
        let result = self.add(&key, frag, now);
        match result {
            Ok(true) => {
                let Some(p) = self.pending.remove(&key) else {
                    return Ok(None);
                };
                self.buffered -= p.buf.data().len();
                self.stats.reassembled += 1;
                Ok(Some(p.buf.take_bufs().0))
            }
            Ok(false) => Ok(None),
            Err(e) => {
                if let Some(p) = self.pending.remove(&key) {
                    self.buffered -= p.buf.data().len();
                }
                self.stats.dropped += 1;
                Err(e)
            }
        }
    }

    /// Adds the fragment to its datagram; `Ok(true)` when the datagram is complete.
    fn add(&mut self, key: &Key, frag: IpFragment<'_>, now: Duration) -> Result<bool> {
        let limits = self.limits;
        if !self.pending.contains_key(key) {
            if self.pending.len() >= limits.max_pending {
                return Err(Error::Limit {
                    what: "fragmented datagrams being reassembled",
                    limit: limits.max_pending,
                });
            }
            self.pending.insert(
                key.clone(),
                Pending {
                    buf: IpDefragBuf::new(IpNumber(frag.protocol), Vec::new(), Vec::new()),
                    first_seen: now,
                    fragments: 0,
                },
            );
        }
        let Some(p) = self.pending.get_mut(key) else {
            return Ok(false);
        };
        p.fragments += 1;
        if p.fragments > limits.max_fragments {
            return Err(Error::Limit {
                what: "fragments of one datagram",
                limit: limits.max_fragments,
            });
        }
        let start = usize::from(frag.offset);
        let end = start + frag.payload.len();
        let before = p.buf.data().len();
        if end > before && self.buffered + (end - before) > limits.max_buffered_bytes {
            return Err(Error::Limit {
                what: "bytes held for fragment reassembly",
                limit: limits.max_buffered_bytes,
            });
        }
        // Overlaps: bytes already received must be rewritten with the same bytes.
        let data = p.buf.data();
        for r in p.buf.sections() {
            let (s, e) = (usize::from(r.start), usize::from(r.end));
            let (lo, hi) = (s.max(start), e.min(end));
            if lo < hi && data.get(lo..hi) != frag.payload.get(lo - start..hi - start) {
                return Err(Error::Reassembly {
                    offset: lo,
                    reason: "overlapping fragment rewrites bytes already received",
                });
            }
            if !frag.more_fragments && e > end {
                return Err(Error::Reassembly {
                    offset: end,
                    reason: "last fragment ends before bytes already received",
                });
            }
        }
        if !frag.offset.is_multiple_of(8) {
            return Err(Error::Reassembly {
                offset: start,
                reason: "fragment offset not a multiple of 8",
            });
        }
        let offset = IpFragOffset::try_new(frag.offset / 8).map_err(|_| Error::Reassembly {
            offset: start,
            reason: "fragment offset out of range",
        })?;
        p.buf
            .add(offset, frag.more_fragments, frag.payload)
            .map_err(|e| defrag_err(&e))?;
        let after = p.buf.data().len();
        // `before` is part of `buffered`, so this cannot underflow.
        self.buffered = self.buffered - before + after;
        Ok(p.buf.is_complete())
    }
}
