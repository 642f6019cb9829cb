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

use crate::Error;
use crate::plan::{Plan, parse_rate_table_csv};

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
/// it names (see [`parse_rate_table_csv`]); `rate_table` gives a table's text by the
/// name the plan uses, or `None` when there is no such table.
///
/// The returned plan names no rate tables any more (`rates_csv` is `None`), so it can
/// be compiled with [`crate::RatingEngine::new`] or serialized as one document.
///
/// # Errors
/// [`Error::Load`] for a plan that is not valid TOML/JSON or lacks a field;
/// [`Error::RateTable`] for a rate table that `rate_table` does not know or whose CSV
/// is malformed (with its line).
pub fn load_plan<F, S>(text: &str, format: PlanFormat, mut rate_table: F) -> Result<Plan, Error>
where
    F: FnMut(&str) -> Option<S>,
    S: AsRef<str>,
{
    let mut plan = match format {
        PlanFormat::Toml => Plan::from_toml_str(text)?,
        PlanFormat::Json => Plan::from_json_str(text)?,
    };
    for version in &mut plan.versions {
        let Some(name) = version.rates_csv.take() else {
            continue;
        };
        let csv = rate_table(&name).ok_or_else(|| Error::RateTable {
            table: name.clone(),
            line: None,
            reason: "the plan names this rate table, but it was not given".into(),
        })?;
        let rows = parse_rate_table_csv(csv.as_ref()).map_err(|e| match e {
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
        version.rates.extend(rows);
    }
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
