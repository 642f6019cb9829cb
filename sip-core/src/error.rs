//! The one error type of the crate.

/// Everything that can go wrong while splitting, typing, validating or building a SIP
/// message. Every variant carries the byte offset (from the start of the input buffer,
/// or of the header value for a standalone typed parse) where the problem was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes do not follow the SIP grammar (RFC 3261 section 25).
    #[error("syntax error at byte {offset}: {reason}")]
    Syntax {
        /// Byte offset of the offending byte.
        offset: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// A known header's value does not follow its grammar.
    #[error("invalid {name} header at byte {offset}: {reason}")]
    Header {
        /// Byte offset of the offending byte.
        offset: usize,
        /// The canonical name of the header (`Via`, `CSeq`, ...).
        name: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// The message is well formed but breaks a message-level rule of RFC 3261
    /// (mandatory header missing, header repeated, CSeq method mismatch, ...).
    #[error("invalid message at byte {offset}: {reason}")]
    Invalid {
        /// Byte offset of the header or line concerned (0 for the whole message).
        offset: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// A configured limit was exceeded; see [`crate::Limits`].
    #[error("limit exceeded at byte {offset}: {limit} (maximum {max})")]
    Limit {
        /// Byte offset where the limit was reached.
        offset: usize,
        /// Which limit (`max_message_size`, `max_headers`, ...).
        limit: &'static str,
        /// The configured maximum.
        max: usize,
    },
}

impl Error {
    /// A stable, machine-readable name of the error's kind: `syntax`, `header`,
    /// `invalid` or `limit`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Syntax { .. } => "syntax",
            Error::Header { .. } => "header",
            Error::Invalid { .. } => "invalid",
            Error::Limit { .. } => "limit",
        }
    }

    /// The byte offset where the problem was found.
    pub fn offset(&self) -> usize {
        match self {
            Error::Syntax { offset, .. }
            | Error::Header { offset, .. }
            | Error::Invalid { offset, .. }
            | Error::Limit { offset, .. } => *offset,
        }
    }

    /// The problem in words, without the offset.
    pub fn reason(&self) -> String {
        match self {
            Error::Syntax { reason, .. } | Error::Invalid { reason, .. } => (*reason).to_owned(),
            Error::Header { name, reason, .. } => format!("invalid {name} header: {reason}"),
            Error::Limit { limit, max, .. } => format!("{limit} exceeded (maximum {max})"),
        }
    }

    /// The same error with its offset moved by `base` bytes (to make an offset relative
    /// to a header value absolute within the message).
    #[must_use]
    pub fn shifted(mut self, base: usize) -> Self {
        match &mut self {
            Error::Syntax { offset, .. }
            | Error::Header { offset, .. }
            | Error::Invalid { offset, .. }
            | Error::Limit { offset, .. } => *offset = offset.saturating_add(base),
        }
        self
    }

    /// A `Syntax` error re-labelled as an error of header `name`.
    #[must_use]
    pub(crate) fn in_header(self, name: &'static str) -> Self {
        match self {
            Error::Syntax { offset, reason } => Error::Header {
                offset,
                name,
                reason,
            },
            other => other,
        }
    }
}

/// Shorthand for `Result<T, sip_core::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn syntax(offset: usize, reason: &'static str) -> Error {
    Error::Syntax { offset, reason }
}
