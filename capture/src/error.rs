//! The one error type of the crate.

/// Everything that can go wrong reading a capture or analysing its streams.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The capture ended before a structure it announces was complete.
    #[error("truncated capture at byte {offset}: {reason}")]
    Truncated {
        /// Offset of the first missing byte.
        offset: usize,
        /// What was being read.
        reason: &'static str,
    },
    /// A capture file (pcap or pcapng) could not be read.
    #[error("capture error at byte {offset}: {reason}")]
    Capture {
        /// Offset in the capture where reading failed (0 when unknown).
        offset: usize,
        /// What went wrong, as reported by the capture reader.
        reason: String,
    },
    /// An IP fragment could not be added to its datagram (the datagram is given up).
    #[error("IP reassembly failed at byte {offset} of the datagram: {reason}")]
    Reassembly {
        /// Byte offset in the datagram being rebuilt.
        offset: usize,
        /// What was wrong with the fragment.
        reason: &'static str,
    },
    /// A datagram cannot be written into a capture.
    #[error("cannot encode: {reason}")]
    Encode {
        /// Which constraint was violated.
        reason: &'static str,
    },
    /// A HEP packet (Homer's encapsulation, [`crate::hep`]) could not be read.
    #[error("HEP error at byte {offset}: {reason}")]
    Hep {
        /// Offset in the packet.
        offset: usize,
        /// What was wrong.
        reason: &'static str,
    },
    /// A configured limit was exceeded.
    #[error("limit exceeded: {what} (limit {limit})")]
    Limit {
        /// Which limit.
        what: &'static str,
        /// Its value.
        limit: usize,
    },
    /// Analysis or playout of a stream refused a number (a clock rate, a delay bound).
    #[error(transparent)]
    Rtp(#[from] rtp_core::Error),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A stable, machine-readable name of the error's kind: `truncated`, `capture`,
    /// `reassembly`, `encode`, `hep` or `limit`; an RTP error gives its own
    /// (`rtp_core::Error::kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Truncated { .. } => "truncated",
            Error::Capture { .. } => "capture",
            Error::Reassembly { .. } => "reassembly",
            Error::Encode { .. } => "encode",
            Error::Hep { .. } => "hep",
            Error::Limit { .. } => "limit",
            Error::Rtp(e) => e.kind(),
        }
    }

    /// The byte offset of the problem, when there is one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Error::Truncated { offset, .. }
            | Error::Capture { offset, .. }
            | Error::Reassembly { offset, .. }
            | Error::Hep { offset, .. } => Some(*offset),
            Error::Rtp(e) => e.offset(),
            _ => None,
        }
    }
}
