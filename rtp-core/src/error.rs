//! The one error type of the crate.

/// Everything that can go wrong in `rtp-core`.
///
/// Parse errors carry the byte offset (from the start of the buffer handed to the parser)
/// where the input stopped making sense, and a static reason, so a caller can point at the
/// offending byte without string matching.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input ended before a structure it announces was complete.
    #[error("truncated input at byte {offset}: {reason}")]
    Truncated {
        /// Offset of the first missing byte.
        offset: usize,
        /// What was being read.
        reason: &'static str,
    },
    /// The input is complete but violates the format.
    #[error("malformed input at byte {offset}: {reason}")]
    Malformed {
        /// Offset of the offending byte.
        offset: usize,
        /// Which rule was broken.
        reason: &'static str,
    },
    /// A value given to a builder cannot be encoded.
    #[error("cannot encode: {reason}")]
    Encode {
        /// Which constraint was violated.
        reason: &'static str,
    },
    /// A number is outside the range supported for it: a clock rate outside
    /// [`crate::CLOCK_RATES`], a delay bound above [`crate::playout::MAX_DELAY`].
    #[error("{what} {value} is outside the supported range {min}..={max}")]
    OutOfRange {
        /// What the number is, with its unit.
        what: &'static str,
        /// The number given.
        value: u64,
        /// Smallest supported value.
        min: u64,
        /// Largest supported value.
        max: u64,
    },
    /// A configured limit was exceeded.
    #[error("limit exceeded: {what} (limit {limit})")]
    Limit {
        /// Which limit.
        what: &'static str,
        /// Its value.
        limit: usize,
    },
}

impl Error {
    /// A stable, machine-readable name of the error's kind: `truncated`, `malformed`,
    /// `encode`, `out_of_range` or `limit`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Truncated { .. } => "truncated",
            Error::Malformed { .. } => "malformed",
            Error::Encode { .. } => "encode",
            Error::OutOfRange { .. } => "out_of_range",
            Error::Limit { .. } => "limit",
        }
    }

    /// The byte offset of the problem in the input, for a parse error.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Error::Truncated { offset, .. } | Error::Malformed { offset, .. } => Some(*offset),
            _ => None,
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[inline]
pub(crate) fn truncated(offset: usize, reason: &'static str) -> Error {
    Error::Truncated { offset, reason }
}

#[inline]
pub(crate) fn malformed(offset: usize, reason: &'static str) -> Error {
    Error::Malformed { offset, reason }
}
