//! Loading a plan with its rate tables: the plan's TOML or JSON text, and the CSV rate
//! tables its versions name (`rates_csv = "rates.csv"`), resolved by the caller.
//!
//! The crate reads no files: the caller hands over the plan's text and a lookup from a
//! rate table's name to its text (a closure over a map, a directory, an archive...).
//! The CLI and the bindings load plans through [`load_plan`], so a plan rates the same
//! everywhere.
//!
//! ```
//! use tariff::{PlanFormat, load_plan};
//!
//! let plan_text = r#"
//! name = "Business NL"
//! country = "NL"
//! [[versions]]
//! rates_csv = "rates.csv"
//! "#;
//! let rates = "prefix,destination,per_minute\n31,NL fixed,0.02\n316,NL mobile,0.10\n";
//! let plan = load_plan(plan_text, PlanFormat::Toml, |name| (name == "rates.csv").then_some(rates))?;
//! assert_eq!(plan.versions[0].rates.len(), 2);
//! assert_eq!(plan.versions[0].rates_csv, None);
//! # Ok::<(), tariff::Error>(())
//! ```

use contracts::LoadLimits;

use crate::default_limits;

use std::collections::HashMap;

use crate::Error;
use crate::plan::{Plan, RateEntry, parse_rate_table_csv_lines};

/// Deserializes a TOML or JSON document of at most `limits.max_bytes`, naming the field
/// and line of the first problem.
pub(crate) fn document<T: serde::de::DeserializeOwned>(
    text: &str,
    format: PlanFormat,
    limits: &LoadLimits,
) -> Result<T, Error> {
    let name = match format {
        PlanFormat::Toml => "toml",
        PlanFormat::Json => "json",
    };
    if text.len() > limits.max_bytes {
        return Err(Error::Load {
            format: name,
            field: "document".into(),
            line: None,
            reason: format!(
                "{} bytes exceed the limit of {}",
                text.len(),
                limits.max_bytes
            ),
        });
    }
    let parsed = match format {
        PlanFormat::Toml => contracts::toml_document(text),
        PlanFormat::Json => contracts::json_document(text),
    };
    parsed.map_err(|e| Error::Load {
        format: name,
        field: e.field,
        line: e.line.map(|l| l as u64),
        reason: e.reason,
    })
}

/// The text format of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlanFormat {
    /// TOML (the default).
    #[default]
    Toml,
    /// JSON.
    Json,
}

impl PlanFormat {
    /// The format a file name's extension suggests: `.json` (any case) is JSON,
    /// anything else TOML.
    pub fn from_file_name(name: &str) -> PlanFormat {
        match name.rsplit_once('.') {
            Some((_, ext)) if ext.eq_ignore_ascii_case("json") => PlanFormat::Json,
            _ => PlanFormat::Toml,
        }
    }
}

/// Loads a plan from `text` and appends to each version the rows of the CSV rate table
/// it names (see [`crate::parse_rate_table_csv`]); `rate_table` gives a table's text by the
/// name the plan uses, or `None` when there is no such table. Within
/// [`default_limits`]; see [`load_plan_with`].
///
/// The returned plan names no rate tables any more (`rates_csv` is `None`), so it can
/// be compiled with [`crate::RatingEngine::new`] or serialized as one document.
///
/// # Errors
/// [`Error::Load`] for a plan that is not valid TOML/JSON, has an unknown field or
/// lacks one, or a value out of its range, with the field and line;
/// [`Error::RateTable`] for a rate table that `rate_table` does not know or whose CSV
/// is malformed (with its line); [`Error::InvalidValue`] for rates that contradict each
/// other (a prefix listed twice with different prices), naming the entries or table
/// lines; [`Error::LimitExceeded`] beyond the limits.
pub fn load_plan<F, S>(text: &str, format: PlanFormat, rate_table: F) -> Result<Plan, Error>
where
    F: FnMut(&str) -> Option<S>,
    S: AsRef<str>,
{
    load_plan_with(text, format, &default_limits(), rate_table)
}

/// [`load_plan`] within `limits`: the document's bytes, the entries of each list, and
/// the rate entries and prefixes over all versions and the tables they name together
/// ([`LoadLimits::max_total_items`]), counted before a table's rows are copied into a
/// version, so a table named by many versions cannot multiply past the limit. A table
/// named by several versions is read once.
///
/// # Errors
/// As [`load_plan`].
pub fn load_plan_with<F, S>(
    text: &str,
    format: PlanFormat,
    limits: &LoadLimits,
    mut rate_table: F,
) -> Result<Plan, Error>
where
    F: FnMut(&str) -> Option<S>,
    S: AsRef<str>,
{
    let mut plan: Plan = document(text, format, limits)?;
    plan.check_sizes(limits)?;
    let mut left = limits.max_total_items;
    for version in &plan.versions {
        for entry in &version.rates {
            left = left.saturating_sub(entry.prefixes.len().max(1));
        }
    }
    let mut tables: HashMap<String, (Vec<RateEntry>, Vec<u64>)> = HashMap::new();
    // Per version: how many entries the document gave, and the table after them.
    let mut origins: Vec<Option<(usize, String)>> = Vec::with_capacity(plan.versions.len());
    for version in &mut plan.versions {
        let Some(name) = version.rates_csv.take() else {
            origins.push(None);
            continue;
        };
        if !tables.contains_key(&name) {
            let csv = rate_table(&name).ok_or_else(|| Error::RateTable {
                table: name.clone(),
                line: None,
                reason: "the plan names this rate table, but it was not given".into(),
            })?;
            let rows = parse_rate_table_csv_lines(csv.as_ref()).map_err(|e| match e {
                Error::Csv { line, reason } => Error::RateTable {
                    table: name.clone(),
                    line: Some(line),
                    reason,
                },
                other => Error::RateTable {
                    table: name.clone(),
                    line: None,
                    reason: other.to_string(),
                },
            })?;
            tables.insert(name.clone(), rows);
        }
        let Some((rows, _)) = tables.get(&name) else {
            continue;
        };
        left = left.checked_sub(rows.len()).ok_or(Error::LimitExceeded {
            what: "rate entries and prefixes over all plan versions",
            max: limits.max_total_items as u64,
        })?;
        origins.push(Some((version.rates.len(), name)));
        version.rates.extend(rows.iter().cloned());
    }
    plan.check_rates_with(&|v, j| match origins.get(v) {
        Some(Some((inline, table))) if j >= *inline => {
            let line = tables
                .get(table)
                .and_then(|(_, lines)| lines.get(j.checked_sub(*inline)?))
                .copied()
                .unwrap_or(0);
            format!("rate table {table:?} line {line}")
        }
        _ => format!("versions[{v}].rates[{j}]"),
    })?;
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "name = \"p\"\ncountry = \"NL\"\n\
                        [[versions]]\nrates_csv = \"a.csv\"\n\
                        [[versions]]\neffective_from = \"2026-01-01\"\nrates_csv = \"b.csv\"\n\
                        [[versions.rates]]\ndestination = \"NL\"\nprefixes = [\"31\"]\nper_minute = \"0.01\"\n";

    #[test]
    fn each_version_gets_the_rows_of_the_table_it_names() {
        let plan = load_plan(PLAN, PlanFormat::Toml, |name| match name {
            "a.csv" => Some("prefix,destination,per_minute\n31,NL,0.02\n"),
            "b.csv" => Some("prefix,destination,per_minute\n32,BE,0.03\n33,FR,0.04\n"),
            _ => None,
        })
        .unwrap();
        assert_eq!(plan.versions[0].rates.len(), 1);
        // The inline rate first, then the table's rows.
        assert_eq!(plan.versions[1].rates.len(), 3);
        assert_eq!(plan.versions[1].rates[0].destination, "NL");
        assert_eq!(plan.versions[1].rates[2].destination, "FR");
        assert!(plan.versions.iter().all(|v| v.rates_csv.is_none()));
    }

    #[test]
    fn a_missing_or_broken_table_is_named_with_its_line() {
        let err = load_plan(PLAN, PlanFormat::Toml, |name| {
            (name == "a.csv").then_some("prefix,destination,per_minute\n31,NL,0.02\n")
        })
        .unwrap_err();
        assert!(matches!(err, Error::RateTable { ref table, line: None, .. } if table == "b.csv"));
        let err = load_plan(PLAN, PlanFormat::Toml, |_| {
            Some("prefix,destination,per_minute\n31,NL,0.02\n32,BE,x\n")
        })
        .unwrap_err();
        assert!(
            matches!(err, Error::RateTable { ref table, line: Some(3), .. } if table == "a.csv")
        );
    }

    #[test]
    fn json_plans_and_format_by_file_name() {
        assert_eq!(PlanFormat::from_file_name("plan.JSON"), PlanFormat::Json);
        assert_eq!(PlanFormat::from_file_name("plan.toml"), PlanFormat::Toml);
        assert_eq!(PlanFormat::from_file_name("plan"), PlanFormat::Toml);
        let json = r#"{"name": "p", "country": "NL", "versions": [{"rates_csv": "r.csv"}]}"#;
        let plan = load_plan(json, PlanFormat::Json, |_| {
            Some("prefix,destination,per_minute\n31,NL,0.02\n".to_owned())
        })
        .unwrap();
        assert_eq!(plan.versions[0].rates.len(), 1);
        assert!(matches!(
            load_plan(json, PlanFormat::Toml, |_| None::<&str>),
            Err(Error::Load { format: "toml", .. })
        ));
    }
}
