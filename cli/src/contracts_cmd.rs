//! `voipkit contracts ...`.

use std::process::ExitCode;

use clap::Subcommand;
use contracts::{Calendar, Region};
use jiff::civil::Date;
use serde_json::json;

use crate::output::{CliError, Out};

/// The `contracts` subcommands.
#[derive(Debug, Subcommand)]
pub enum ContractsCommand {
    /// Public holidays of a country (NL, BE, DE, or DE-<Land> such as DE-BY) in a year.
    Holidays {
        /// Calendar region: NL, BE, DE or DE-<Land>.
        #[arg(long)]
        country: String,
        /// The year (1995..=2200).
        #[arg(long)]
        year: i16,
        /// An extra closing day (YYYY-MM-DD), may be repeated.
        #[arg(long = "closing-day")]
        closing_days: Vec<String>,
    },
    /// The N-th working day strictly after a date.
    AddWorkingDays {
        /// Calendar region: NL, BE, DE or DE-<Land>.
        #[arg(long)]
        country: String,
        /// The start date (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// How many working days to add (negative counts back).
        #[arg(long, allow_hyphen_values = true)]
        days: i32,
        /// An extra closing day (YYYY-MM-DD), may be repeated.
        #[arg(long = "closing-day")]
        closing_days: Vec<String>,
    },
    /// The number of working days in (FROM, TO].
    WorkingDaysBetween {
        /// Calendar region: NL, BE, DE or DE-<Land>.
        #[arg(long)]
        country: String,
        /// The first date (exclusive).
        #[arg(long)]
        from: String,
        /// The last date (inclusive).
        #[arg(long)]
        to: String,
        /// An extra closing day (YYYY-MM-DD), may be repeated.
        #[arg(long = "closing-day")]
        closing_days: Vec<String>,
    },
}

/// Runs one `contracts` subcommand.
pub fn run(cmd: ContractsCommand, out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {
        ContractsCommand::Holidays {
            country,
            year,
            closing_days,
        } => {
            let cal = calendar(&country, &closing_days)?;
            let holidays = cal.holidays(year).map_err(rule_error)?;
            let list: Vec<_> = holidays
                .iter()
                .map(|h| json!({"date": h.date.to_string(), "name": h.name}))
                .collect();
            out.emit(&json!({"country": country_code(&cal), "year": year, "holidays": list}));
        }
        ContractsCommand::AddWorkingDays {
            country,
            from,
            days,
            closing_days,
        } => {
            let cal = calendar(&country, &closing_days)?;
            let from = parse_date("from", &from)?;
            let result = cal.add_working_days(from, days).map_err(rule_error)?;
            out.emit(&json!({
                "country": country_code(&cal),
                "from": from.to_string(),
                "days": days,
                "date": result.to_string(),
            }));
        }
        ContractsCommand::WorkingDaysBetween {
            country,
            from,
            to,
            closing_days,
        } => {
            let cal = calendar(&country, &closing_days)?;
            let from = parse_date("from", &from)?;
            let to = parse_date("to", &to)?;
            let n = cal.working_days_between(from, to).map_err(rule_error)?;
            out.emit(&json!({
                "country": country_code(&cal),
                "from": from.to_string(),
                "to": to.to_string(),
                "working_days": n,
            }));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn calendar(country: &str, closing_days: &[String]) -> Result<Calendar, CliError> {
    let region: Region = country.parse().map_err(|e: contracts::Error| {
        CliError::new("usage", e.to_string()).with("country", country)
    })?;
    let mut cal = Calendar::for_region(region);
    for day in closing_days {
        cal = cal.with_closing_day(parse_date("closing-day", day)?, "Closing day");
    }
    Ok(cal)
}

fn country_code(cal: &Calendar) -> String {
    cal.regions
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join("+")
}

pub(crate) fn parse_date(arg: &str, text: &str) -> Result<Date, CliError> {
    text.parse::<Date>().map_err(|e| {
        CliError::new("usage", format!("--{arg}: not a YYYY-MM-DD date: {e}")).with("argument", arg)
    })
}

pub(crate) fn rule_error(err: contracts::Error) -> CliError {
    CliError::new("rule", err.to_string())
}
