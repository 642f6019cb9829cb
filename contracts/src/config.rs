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
    /// An identifier the violation report names (a number, an extension).
    pub id: String,
    /// What the line is used for.
    pub purpose: LinePurpose,
}

/// A caller ID the customer presents.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CallerIdUse {
    /// The presented number.
    pub number: String,
    /// Whether the number is assigned to the customer.
    pub assigned: bool,
}

/// A block of telephone numbers and the postal address registered for emergency calls.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NumberBlock {
    /// The block (`+3227001000-+3227001099`).
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
        let config: ServiceConfig = if text.trim_start().starts_with('{') {
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
