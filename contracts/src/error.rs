//! The one error type of this crate.

/// Everything that can go wrong in this crate: a date outside the supported calendar
/// range, arithmetic that leaves jiff's date range, an unknown name, or a rulebook that
/// does not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A calendar was asked about a year it does not cover.
    #[error("year {year} is outside the supported calendar range {min}..={max}")]
    YearOutOfRange {
        /// The year asked for.
        year: i16,
        /// The first supported year.
        min: i16,
        /// The last supported year.
        max: i16,
    },
    /// Date arithmetic left the range of representable dates.
    #[error("date arithmetic overflow: {what}")]
    DateOverflow {
        /// What was being computed.
        what: String,
    },
    /// A region code (`NL`, `BE`, `DE`, `DE-BY`, ...) that no calendar knows.
    #[error("unknown calendar region {code:?} (expected NL, BE, DE or DE-<Land>, e.g. DE-BY)")]
    UnknownRegion {
        /// The code given.
        code: String,
    },
    /// A rulebook name that is not one of the presets.
    #[error("unknown rulebook {name:?} (presets: accensys, nox, jitco, 42com, allocloud)")]
    UnknownRulebook {
        /// The name given.
        name: String,
    },
    /// A rulebook document that does not load: the field and the reason.
    #[error("invalid rulebook at {field}: {reason}")]
    InvalidRulebook {
        /// The path of the offending field (`rules.notice.months`), or `document`.
        field: String,
        /// Why it was rejected.
        reason: String,
        /// The 1-based line of the problem in the source text, when known.
        line: Option<usize>,
    },
    /// A service configuration document that does not load: the field and the reason.
    #[error("invalid service configuration at {field}: {reason}")]
    InvalidConfig {
        /// The path of the offending field, or `document`.
        field: String,
        /// Why it was rejected.
        reason: String,
        /// The 1-based line of the problem in the source text, when known.
        line: Option<usize>,
    },
    /// A rulebook does not contain the rule an evaluation needs.
    #[error("rulebook {rulebook:?} has no {rule} rule")]
    MissingRule {
        /// The rulebook's name.
        rulebook: String,
        /// The kind of rule that is missing.
        rule: String,
    },
    /// An argument that is out of its allowed range.
    #[error("invalid argument {name}: {reason}")]
    InvalidArgument {
        /// The argument.
        name: String,
        /// Why it was rejected.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable name of the error's kind: the variant in snake case
    /// (`year_out_of_range`, `date_overflow`, `unknown_region`, `unknown_rulebook`,
    /// `invalid_rulebook`, `invalid_config`, `missing_rule`, `invalid_argument`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::YearOutOfRange { .. } => "year_out_of_range",
            Error::DateOverflow { .. } => "date_overflow",
            Error::UnknownRegion { .. } => "unknown_region",
            Error::UnknownRulebook { .. } => "unknown_rulebook",
            Error::InvalidRulebook { .. } => "invalid_rulebook",
            Error::InvalidConfig { .. } => "invalid_config",
            Error::MissingRule { .. } => "missing_rule",
            Error::InvalidArgument { .. } => "invalid_argument",
        }
    }

    /// The 1-based line of the problem in the document, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::InvalidRulebook { line, .. } | Error::InvalidConfig { line, .. } => *line,
            _ => None,
        }
    }

    /// The field at fault (`rules.notice.months`, an argument's name), when there is
    /// one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidRulebook { field, .. } | Error::InvalidConfig { field, .. } => {
                Some(field)
            }
            Error::InvalidArgument { name, .. } => Some(name),
            _ => None,
        }
    }

    pub(crate) fn overflow(what: impl Into<String>) -> Self {
        Self::DateOverflow { what: what.into() }
    }
}
