//! A service configuration to check against a rulebook's use restrictions (TERMS ALC-8).

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::rules::LinePurpose;

/// The kind of service a configuration belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ServiceKind {
    /// Hosted business telephony (a cloud PBX).
    #[default]
    BusinessTelephony,
    /// SIP trunking towards the customer's own PBX.
    SipTrunk,
}

/// A line on the service and what it is used for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LineUse {
    /// An identifier the violation report names (a number, an extension): not empty,
    /// no control characters.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de::line_id"))]
    pub id: String,
    /// What the line is used for.
    pub purpose: LinePurpose,
}

/// A caller ID the customer presents.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CallerIdUse {
    /// The presented number: digits with an optional leading `+`, at most 15 digits
    /// (E.164).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de::number"))]
    pub number: String,
    /// Whether the number is assigned to the customer.
    pub assigned: bool,
}

/// A block of telephone numbers and the postal address registered for emergency calls.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NumberBlock {
    /// The block (`+3227001000-+3227001099`): two numbers of as many digits, the first
    /// not after the second, or one number.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de::number_range"))]
    pub range: String,
    /// The registered postal address, if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub postal_address: Option<String>,
}

/// A customer's service configuration.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ServiceConfig {
    /// The kind of service.
    #[cfg_attr(feature = "serde", serde(default))]
    pub service: ServiceKind,
    /// The lines and their purposes.
    #[cfg_attr(feature = "serde", serde(default))]
    pub lines: Vec<LineUse>,
    /// The caller IDs presented.
    #[cfg_attr(feature = "serde", serde(default))]
    pub caller_ids: Vec<CallerIdUse>,
    /// Whether an automatic dialer is connected.
    #[cfg_attr(feature = "serde", serde(default))]
    pub auto_dialer: bool,
    /// The number blocks.
    #[cfg_attr(feature = "serde", serde(default))]
    pub number_blocks: Vec<NumberBlock>,
}

/// One breach of a use restriction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Violation {
    /// A stable code: `forbidden_line_purpose`, `caller_id_not_assigned`, `auto_dialer`,
    /// `missing_emergency_address`.
    pub code: String,
    /// What it concerns (a line id, a number, a block).
    pub subject: String,
    /// A readable sentence.
    pub message: String,
    /// The TERMS id of the rule.
    pub terms_id: String,
}

#[cfg(feature = "serde")]
impl ServiceConfig {
    /// Loads a configuration from TOML or JSON (`{` first means JSON), at most
    /// [`LoadLimits::max_bytes`](crate::LoadLimits) bytes and `max_items` entries per list.
    ///
    /// # Errors
    /// [`crate::Error::InvalidConfig`] naming the field (and line) that is wrong.
    pub fn from_str_any(text: &str, limits: &crate::LoadLimits) -> Result<Self, crate::Error> {
        let to_config = |e: crate::Error| match e {
            crate::Error::InvalidRulebook {
                field,
                reason,
                line,
            } => crate::Error::InvalidConfig {
                field,
                reason,
                line,
            },
            other => other,
        };
        crate::rulebook::check_size(text, limits).map_err(to_config)?;
        let json = text.trim_start().starts_with('{');
        // A document with no key at all (empty, only comments, `{}`) checks nothing: it
        // is most likely the wrong file, so it is refused rather than called valid.
        let keys = if json {
            crate::rulebook::json_doc::<serde_json::Map<String, serde_json::Value>>(text)
                .map(|m| m.len())
        } else {
            crate::rulebook::toml_doc::<toml::Table>(text).map(|t| t.len())
        }
        .map_err(crate::rulebook::DocError::into_config)?;
        if keys == 0 {
            return Err(crate::Error::InvalidConfig {
                field: "document".into(),
                reason: "the configuration is empty: no service, lines, caller IDs or number blocks to check".into(),
                line: None,
            });
        }
        let config: ServiceConfig = if json {
            crate::rulebook::json_doc(text)
        } else {
            crate::rulebook::toml_doc(text)
        }
        .map_err(crate::rulebook::DocError::into_config)?;
        for (field, n) in [
            ("lines", config.lines.len()),
            ("caller_ids", config.caller_ids.len()),
            ("number_blocks", config.number_blocks.len()),
        ] {
            if n > limits.max_items {
                return Err(crate::Error::InvalidConfig {
                    field: field.into(),
                    reason: format!("{n} entries exceed the limit of {}", limits.max_items),
                    line: None,
                });
            }
        }
        Ok(config)
    }
}

/// Strict readers of the values a configuration names, so that a line of garbage is an
/// error at its line instead of a configuration with nothing to object to.
#[cfg(feature = "serde")]
mod de {
    use serde::{Deserialize, Deserializer, de::Error as _};

    /// The most digits of an E.164 number.
    const MAX_DIGITS: usize = 15;

    pub(super) fn line_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let id = String::deserialize(d)?;
        if id.trim().is_empty() {
            return Err(D::Error::custom("a line id must not be empty"));
        }
        if id.chars().any(char::is_control) {
            return Err(D::Error::custom(format!(
                "line id {id:?} contains a control character"
            )));
        }
        Ok(id)
    }

    /// The digits of a number, or why it is not one.
    fn digits(text: &str) -> Result<&str, String> {
        let digits = text.strip_prefix('+').unwrap_or(text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "{text:?} is not a telephone number (digits with an optional leading +)"
            ));
        }
        if digits.len() > MAX_DIGITS {
            return Err(format!(
                "{text:?} has more than {MAX_DIGITS} digits (E.164)"
            ));
        }
        Ok(digits)
    }

    pub(super) fn number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let text = String::deserialize(d)?;
        digits(&text).map_err(D::Error::custom)?;
        Ok(text)
    }

    pub(super) fn number_range<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let text = String::deserialize(d)?;
        // `+32...-+32...`: the separator is the `-` that follows a digit.
        let split = text
            .char_indices()
            .skip(1)
            .find(|&(i, c)| c == '-' && text[..i].ends_with(|p: char| p.is_ascii_digit()));
        match split {
            None => {
                digits(&text).map_err(D::Error::custom)?;
            }
            Some((i, _)) => {
                let first = digits(&text[..i]).map_err(D::Error::custom)?;
                let last = digits(&text[i + 1..]).map_err(D::Error::custom)?;
                if first.len() != last.len() {
                    return Err(D::Error::custom(format!(
                        "number block {text:?}: both ends must have as many digits"
                    )));
                }
                // Same length: digit strings compare as numbers.
                if first > last {
                    return Err(D::Error::custom(format!(
                        "number block {text:?}: the first number is after the last"
                    )));
                }
            }
        }
        Ok(text)
    }
}
