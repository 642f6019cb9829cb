//! The SDP error type.

/// What went wrong on an SDP line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is empty.
    #[error("empty input")]
    Empty,
    /// The input is not valid UTF-8.
    #[error("input is not valid UTF-8")]
    InvalidUtf8,
    /// A UTF-8 byte order mark before the first line (see
    /// [`Quirk::ByteOrderMark`](super::Quirk::ByteOrderMark)).
    #[error("byte order mark before the first line")]
    ByteOrderMark,
    /// A line is empty.
    #[error("empty line")]
    EmptyLine,
    /// A carriage return not followed by a line feed, or a NUL byte, inside a line.
    #[error("stray carriage return or NUL byte inside a line")]
    ControlCharacter,
    /// A line is not of the form `<type>=<value>` with a lowercase letter type.
    #[error("line is not of the form <type>=<value>")]
    NotTypeValue,
    /// A line type letter that RFC 8866 does not define.
    #[error("unknown line type `{0}=`")]
    UnknownLineType(char),
    /// A line appears where RFC 8866 does not allow it (the line order is fixed).
    #[error("`{0}=` line out of order")]
    OutOfOrder(char),
    /// A line that may appear once appears again.
    #[error("`{0}=` line repeated")]
    Repeated(char),
    /// A mandatory line is missing.
    #[error("missing `{0}=` line")]
    Missing(char),
    /// A line of a type that a trickle-ICE fragment (RFC 8840 9.2) does not hold: only
    /// `a=` and `m=` lines do.
    #[error("`{0}=` line in a trickle-ICE fragment, which holds only `a=` and `m=` lines")]
    NotInFragment(char),
    /// A media section of a trickle-ICE fragment without the `a=mid` that RFC 8840
    /// requires in each (see [`Quirk::MissingMid`](super::Quirk::MissingMid)); reported
    /// at its `m=` line.
    #[error("media section of a trickle-ICE fragment without `a=mid`")]
    MissingMid,
    /// A `v=` line after the first: another session description starts there (see
    /// [`Quirk::ConcatenatedDescriptions`](super::Quirk::ConcatenatedDescriptions)).
    #[error("`v=` line: a second session description starts here")]
    SecondDescription,
    /// The version line is not `v=0`.
    #[error("unsupported version (only v=0 is defined)")]
    Version,
    /// A line that does not read ends in spaces or tabs, and reads without them: the
    /// whitespace is what breaks it (`v=0 `, `m=audio 4000 RTP/AVP 0 `, `a=sendonly `).
    #[error("whitespace at the end of the line")]
    TrailingWhitespace,
    /// An `a=` line whose attribute name is not an RFC 8866 `token` (`a=send only`,
    /// `a= sendonly`).
    #[error("attribute name is not a token")]
    AttributeNameNotToken,
    /// A line's value does not follow the RFC 8866 grammar.
    #[error("malformed `{line}=` line: {reason}")]
    Malformed {
        /// The line type letter.
        line: char,
        /// What is wrong.
        reason: &'static str,
    },
    /// A known attribute's value does not follow its grammar.
    #[error("malformed `a={name}` attribute: {reason}")]
    Attribute {
        /// The attribute name.
        name: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// The input is larger than the configured limit (bytes).
    #[error("SDP larger than {0} bytes")]
    TooLarge(usize),
    /// More lines than the configured limit.
    #[error("more than {0} lines")]
    TooManyLines(usize),
    /// More media sections than the configured limit.
    #[error("more than {0} media sections")]
    TooManyMedia(usize),
    /// A line longer than the configured limit (bytes).
    #[error("line longer than {0} bytes")]
    LineTooLong(usize),
}

/// Why an answer could not be produced or applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum NegotiationErrorKind {
    /// The answer has a different number of media sections than the offer (RFC 3264 §6).
    #[error("answer has {answer} media sections, offer has {offer}")]
    MediaCountMismatch {
        /// Media sections in the offer.
        offer: usize,
        /// Media sections in the answer.
        answer: usize,
    },
    /// An answer's media section differs in media type from the offer's at that index.
    #[error("answer media section {index} is `{answer}`, offer has `{offer}`")]
    MediaTypeMismatch {
        /// Index of the media section.
        index: usize,
        /// Media type in the offer.
        offer: String,
        /// Media type in the answer.
        answer: String,
    },
    /// A local capability holds text that cannot go into SDP (empty, or with spaces or
    /// line breaks where a token is needed).
    #[error("invalid local capability: {0}")]
    InvalidCapability(&'static str),
    /// An accepted media section has no connection address.
    #[error("media section {index} has no connection address")]
    NoConnection {
        /// Index of the media section.
        index: usize,
    },
}

/// The SDP error: parse errors carry the 1-based line number, the byte offset of the line
/// start and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Error {
    /// The SDP text is malformed or exceeds a limit.
    #[error("SDP line {line} (byte {offset}): {kind}")]
    Parse {
        /// The 1-based line number (0 when the whole input is at fault).
        line: usize,
        /// The byte offset in the input where the fault is.
        offset: usize,
        /// What is wrong.
        kind: ParseErrorKind,
    },
    /// The SIP body holding the SDP is malformed (Content-Type or multipart framing).
    #[error("SIP body at byte {offset}: {reason}")]
    Body {
        /// The byte offset of the fault.
        offset: usize,
        /// What is wrong.
        reason: String,
    },
    /// Offer/answer could not be completed.
    #[error("offer/answer: {0}")]
    Negotiation(NegotiationErrorKind),
}

impl Error {
    /// A stable, machine-readable name of the error's kind: `parse`, `body` or
    /// `negotiation`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Parse { .. } => "parse",
            Error::Body { .. } => "body",
            Error::Negotiation(_) => "negotiation",
        }
    }

    /// The parse error kind, when this is a parse error.
    pub fn parse_kind(&self) -> Option<&ParseErrorKind> {
        match self {
            Error::Parse { kind, .. } => Some(kind),
            Error::Body { .. } | Error::Negotiation(_) => None,
        }
    }

    /// The 1-based line number, when this is a parse error.
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::Parse { line, .. } => Some(*line),
            Error::Body { .. } | Error::Negotiation(_) => None,
        }
    }

    /// The byte offset, when this is a parse or body error.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Error::Parse { offset, .. } | Error::Body { offset, .. } => Some(*offset),
            Error::Negotiation(_) => None,
        }
    }

    /// The same error with its offset moved by `base` bytes (an offset within an SDP made
    /// absolute within the body or message that holds it).
    #[must_use]
    pub fn shifted(mut self, base: usize) -> Self {
        if let Error::Parse { offset, .. } | Error::Body { offset, .. } = &mut self {
            *offset = offset.saturating_add(base);
        }
        self
    }
}
