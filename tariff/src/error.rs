//! The one error type of the crate.

/// Everything that can go wrong in `tariff`. Each variant carries what a caller needs
/// to point at the cause: the line of a CSV row, the offending text, the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A currency code is not three ASCII letters.
    #[error("invalid currency code {0:?}: expected three letters such as EUR")]
    InvalidCurrency(String),
    /// Two amounts in different currencies were combined.
    #[error("currency mismatch: {left} and {right}")]
    CurrencyMismatch {
        /// The left operand's currency.
        left: String,
        /// The right operand's currency.
        right: String,
    },
    /// A decimal number could not be read.
    #[error("invalid decimal number {0:?}")]
    InvalidDecimal(String),
    /// A decimal number has more digits than a decimal holds exactly (at most 28
    /// decimal places and 28 significant digits): reading it would round it silently.
    #[error(
        "decimal number {0:?} has more digits than an exact decimal holds (at most 28 decimal places and 28 significant digits)"
    )]
    InexactDecimal(String),
    /// An amount or a count left the range it is computed in.
    #[error("arithmetic overflow in {what}")]
    Overflow {
        /// What was being computed (`invoice subtotal`, `interest`...).
        what: &'static str,
    },
    /// An input value is out of the range a rule accepts.
    #[error("invalid {what}: {reason}")]
    InvalidInput {
        /// Which input.
        what: &'static str,
        /// Why it is rejected.
        reason: String,
    },
    /// A rulebook name is not one of the built-in presets.
    #[error("unknown rulebook {0:?}: expected accensys, nox, jitco, 42com or allocloud")]
    UnknownRulebook(String),
    /// The rulebook has no rule of the kind a computation needs.
    #[error("rulebook {rulebook:?} has no {rule} rule")]
    MissingRule {
        /// The rulebook's name.
        rulebook: String,
        /// The kind of rule that is missing.
        rule: &'static str,
    },
    /// A phone number could not be normalized.
    #[error("invalid phone number {input:?} at byte {offset}: {reason}")]
    InvalidNumber {
        /// The input as given.
        input: String,
        /// Byte offset of the first offending character (or the input length).
        offset: usize,
        /// Why it is rejected.
        reason: NumberErrorReason,
    },
    /// A country is not one the numbering plans know.
    #[error("unsupported country {0:?}: expected NL, BE or DE")]
    UnsupportedCountry(String),
    /// A line of a CSV text is malformed.
    #[error("line {line}: {reason}")]
    Csv {
        /// 1-based line number in the text.
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// A TOML or JSON document could not be loaded: not valid, an unknown or missing
    /// field, a value out of its range, or beyond a load limit.
    #[error("cannot load {format}: {field}{}: {reason}", line.map(|l| format!(" (line {l})")).unwrap_or_default())]
    Load {
        /// `toml` or `json`.
        format: &'static str,
        /// The dotted path of the offending field (`versions.rates.per_minute`,
        /// `versions[2].rates[0].prefixes`), or `document`.
        field: String,
        /// The 1-based line in the text, when known.
        line: Option<u64>,
        /// What is wrong.
        reason: String,
    },
    /// A CSV rate table that a plan names is missing or malformed.
    #[error("rate table {table:?}{}: {reason}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    RateTable {
        /// The table's name as the plan gives it.
        table: String,
        /// 1-based line in the table, when a row is at fault.
        line: Option<u64>,
        /// What is wrong.
        reason: String,
    },
    /// A value of a plan, invoice or rulebook is out of its range or contradicts
    /// another (a prefix listed twice with different prices, an invoice in another
    /// currency than its plan).
    #[error("{field}: {reason}")]
    InvalidValue {
        /// Where the value is: a field path (`versions[0].rates[3].prefixes`) or a
        /// table and line (`rates.csv line 12`).
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A plan is inconsistent (an unknown rate name, an empty prefix, ...).
    #[error("invalid plan: {0}")]
    InvalidPlan(String),
    /// A configured limit was exceeded.
    #[error("limit exceeded: {what} (max {max})")]
    LimitExceeded {
        /// Which limit.
        what: &'static str,
        /// Its value.
        max: u64,
    },
    /// No rate matches a call.
    #[error("no rate for destination {0:?}")]
    NoRate(String),
    /// The number's destination has rates, but none in force at the time of the call:
    /// each is limited to time bands (CGRateS timings) and none covers that time.
    #[error(
        "no rate for {number:?} (destination {destination}) at {at}: its rates cover other times"
    )]
    NoRateAt {
        /// The number dialled.
        number: String,
        /// The destination the number belongs to, by its name in the plan (a CGRateS
        /// destination id for an imported plan).
        destination: String,
        /// When the call started.
        at: jiff::Timestamp,
    },
    /// A date has no instant in the plan's time zone, or a computation from it leaves
    /// the supported range.
    #[error("{what}: date {date} is out of range")]
    DateOutOfRange {
        /// Which date: a field name (`effective_from`) or what was computed.
        what: &'static str,
        /// The date.
        date: jiff::civil::Date,
    },
    /// Two dates that must be in order are not.
    #[error("{what}: {from} is after {to}")]
    DateOrder {
        /// What the two dates delimit.
        what: &'static str,
        /// The date that must come first.
        from: jiff::civil::Date,
        /// The date that must come last.
        to: jiff::civil::Date,
    },
    /// A contract rule or calendar computation of `contracts` failed (a date out of
    /// range, an unknown region).
    #[error(transparent)]
    Contract(#[from] contracts::Error),
    /// A prepaid debit would take the balance below its credit limit.
    #[error("insufficient balance: {needed} needed, {available} available above the credit limit")]
    InsufficientBalance {
        /// The amount asked for.
        needed: crate::Money,
        /// What the balance affords above the limit.
        available: crate::Money,
    },
}

impl Error {
    /// A stable, machine-readable name of the error's kind: the variant in snake case
    /// (`invalid_number`, `no_rate`, `no_rate_at`, `rate_table`, `limit_exceeded`,
    /// `overflow`, ...); a contracts error gives its own kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidCurrency(_) => "invalid_currency",
            Error::CurrencyMismatch { .. } => "currency_mismatch",
            Error::InvalidDecimal(_) => "invalid_decimal",
            Error::InexactDecimal(_) => "inexact_decimal",
            Error::Overflow { .. } => "overflow",
            Error::InvalidInput { .. } => "invalid_input",
            Error::UnknownRulebook(_) => "unknown_rulebook",
            Error::MissingRule { .. } => "missing_rule",
            Error::InvalidNumber { .. } => "invalid_number",
            Error::UnsupportedCountry(_) => "unsupported_country",
            Error::Csv { .. } => "csv",
            Error::Load { .. } => "load",
            Error::RateTable { .. } => "rate_table",
            Error::InvalidValue { .. } => "invalid_value",
            Error::InvalidPlan(_) => "invalid_plan",
            Error::LimitExceeded { .. } => "limit_exceeded",
            Error::NoRate(_) => "no_rate",
            Error::NoRateAt { .. } => "no_rate_at",
            Error::DateOutOfRange { .. } => "date_out_of_range",
            Error::DateOrder { .. } => "date_order",
            Error::Contract(e) => e.kind(),
            Error::InsufficientBalance { .. } => "insufficient_balance",
        }
    }

    /// The 1-based line of the problem in a document or table, when known.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::Csv { line, .. } => Some(*line),
            Error::Load { line, .. } | Error::RateTable { line, .. } => *line,
            Error::Contract(e) => e.line().map(|l| l as u64),
            _ => None,
        }
    }

    /// The field (or table) at fault, when there is one: a field path
    /// (`versions[0].rates[3].prefixes`), a CGRateS file (`Rates.csv`).
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Load { field, .. } | Error::InvalidValue { field, .. } => Some(field),
            Error::RateTable { table, .. } => Some(table),
            Error::Contract(e) => e.field(),
            _ => None,
        }
    }

    /// The byte offset of the problem in the input, for a phone number.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Error::InvalidNumber { offset, .. } => Some(*offset),
            _ => None,
        }
    }

    /// An [`Error::Overflow`] in `what`.
    pub(crate) const fn overflow(what: &'static str) -> Self {
        Error::Overflow { what }
    }
}

/// Why a phone number is rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NumberErrorReason {
    /// The input is empty (or only separators).
    Empty,
    /// A character that is neither a digit, a leading `+`, a space, a dash, a dot nor
    /// a bracket.
    InvalidCharacter,
    /// A `+` not at the start.
    MisplacedPlus,
    /// A national number without the trunk prefix 0 and not a short number.
    MissingTrunkPrefix,
    /// Fewer digits than the numbering plan allows.
    TooShort,
    /// More digits than E.164 allows (15) or the numbering plan allows.
    TooLong,
    /// The country code is not assigned.
    UnknownCountryCode,
}

impl std::fmt::Display for NumberErrorReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NumberErrorReason::Empty => "empty number",
            NumberErrorReason::InvalidCharacter => "invalid character",
            NumberErrorReason::MisplacedPlus => "'+' is only allowed at the start",
            NumberErrorReason::MissingTrunkPrefix => "national number without trunk prefix 0",
            NumberErrorReason::TooShort => "too few digits",
            NumberErrorReason::TooLong => "too many digits",
            NumberErrorReason::UnknownCountryCode => "unknown country code",
        })
    }
}
