//! `voipkit contracts ...`.

use std::process::ExitCode;

use std::path::Path;

use clap::Subcommand;
use contracts::{Calendar, LoadLimits, Region, Rulebook, ServiceConfig, Severity, Step};
use jiff::civil::Date;
use jiff::{Timestamp, Zoned};
use serde_json::{Value, json};

use crate::output::{CliError, Out};

/// The `contracts` subcommands.
#[derive(Debug, Subcommand)]
pub enum ContractsCommand {
    /// Public holidays of a country (NL, BE, DE, or DE-XX for a German Land such as DE-BY) in a year.
    Holidays {
        /// Calendar region: NL, BE, DE or DE-XX (a German Land).
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
        /// Calendar region: NL, BE, DE or DE-XX (a German Land).
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
        /// Calendar region: NL, BE, DE or DE-XX (a German Land).
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
    /// When a contract can end if notice is received on a date (ACC-4, JIT-7).
    Cancel {
        /// A built-in rulebook (accensys, nox, jitco, 42com, allocloud) or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The contract's start date.
        #[arg(long)]
        start: String,
        /// The day the notice was received.
        #[arg(long)]
        requested: String,
    },
    /// Where a contract stands on a date (minimum term, running, notice, ended).
    Status {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The contract's start date.
        #[arg(long)]
        start: String,
        /// The date asked about.
        #[arg(long)]
        on: String,
        /// The day a notice was received, if any.
        #[arg(long)]
        notice_received: Option<String>,
    },
    /// Whether a price change is announced in time (JIT-7).
    PriceChange {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The day the change was announced.
        #[arg(long)]
        announced: String,
        /// The day the change takes effect.
        #[arg(long)]
        effective: String,
    },
    /// The last day to complain about a delivery or service (JIT-2).
    ComplaintDeadline {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The day of delivery or of the service.
        #[arg(long)]
        delivered: String,
        /// The day of the complaint, to check it.
        #[arg(long)]
        complained: Option<String>,
    },
    /// The supplier's deadline to choose a forum for a dispute (JIT-6).
    DisputeDeadline {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The day the customer notified the dispute in writing.
        #[arg(long)]
        notified: String,
    },
    /// The date a postponed installation counts as operational (JIT-4).
    DeemedOperational {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The delivery date.
        #[arg(long)]
        delivered: String,
        /// The actual set-up date, if any.
        #[arg(long)]
        actual: Option<String>,
    },
    /// The last day of a product's warranty (ALC-7).
    Warranty {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The delivery date.
        #[arg(long)]
        delivered: String,
        /// A date to check.
        #[arg(long)]
        on: Option<String>,
    },
    /// The lowest user count allowed this quarter (ALC-3).
    UserFloor {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// Users at the start of the quarter.
        #[arg(long)]
        users: u64,
        /// A date in the quarter.
        #[arg(long)]
        on: String,
    },
    /// Whether support is open and an incident may be raised (ALC-6).
    Support {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The instant: RFC 3339 with offset (2026-11-23T19:00:00+01:00) or with a zone
        /// (2026-11-23T19:00:00[Europe/Brussels]).
        #[arg(long)]
        at: String,
        /// Incident severity: critical, major, minor, question.
        #[arg(long, default_value = "critical")]
        severity: String,
    },
    /// Checks a service configuration (TOML/JSON file) against the use restrictions (ALC-8).
    ValidateConfig {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The configuration file.
        #[arg(long)]
        config: String,
    },
    /// Whether the service contract covers a change (NOX-3).
    Coverage {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The change: menus_and_modes, prompts, ring_groups_and_forwarding, replace_user,
        /// reprogram_peripherals, on_site, new_user, new_number, new_hardware,
        /// warranty_replacement, external_fault.
        #[arg(long)]
        change: String,
    },
    /// Prints a rulebook with every rule and its provenance.
    Rulebook {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// `json` (the object, default) or `toml` (the document as a string).
        #[arg(long, default_value = "json")]
        format: String,
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
        ContractsCommand::Cancel {
            rulebook,
            start,
            requested,
        } => {
            let book = load_rulebook(&rulebook)?;
            let c = book
                .cancel(
                    parse_date("start", &start)?,
                    parse_date("requested", &requested)?,
                )
                .map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "start": start,
                "requested": requested,
                "processed_on": c.processed_on.to_string(),
                "notice_end": c.notice_end.to_string(),
                "minimum_term_end": c.minimum_term_end.map(|d| d.to_string()),
                "earliest_end": c.earliest_end.to_string(),
                "explanation": explain(&c.explanation),
            }));
        }
        ContractsCommand::Status {
            rulebook,
            start,
            on,
            notice_received,
        } => {
            let book = load_rulebook(&rulebook)?;
            let notice = notice_received
                .as_deref()
                .map(|n| parse_date("notice-received", n))
                .transpose()?;
            let s = book
                .status_on(parse_date("start", &start)?, notice, parse_date("on", &on)?)
                .map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "on": on,
                "state": s.state.as_str(),
                "minimum_term_end": s.minimum_term_end.map(|d| d.to_string()),
                "end": s.end.map(|d| d.to_string()),
                "explanation": explain(&s.explanation),
            }));
        }
        ContractsCommand::PriceChange {
            rulebook,
            announced,
            effective,
        } => {
            let book = load_rulebook(&rulebook)?;
            let p = book
                .price_change(
                    parse_date("announced", &announced)?,
                    parse_date("effective", &effective)?,
                )
                .map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "valid": p.valid,
                "earliest_effective": p.earliest_effective.to_string(),
                "explanation": explain(&p.explanation),
            }));
        }
        ContractsCommand::ComplaintDeadline {
            rulebook,
            delivered,
            complained,
        } => {
            let book = load_rulebook(&rulebook)?;
            let complained = complained
                .as_deref()
                .map(|c| parse_date("complained", c))
                .transpose()?;
            let c = book
                .complaint_deadline(parse_date("delivered", &delivered)?, complained)
                .map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "deadline": c.deadline.to_string(),
                "in_time": c.in_time,
                "explanation": explain(&c.explanation),
            }));
        }
        ContractsCommand::DisputeDeadline { rulebook, notified } => {
            let book = load_rulebook(&rulebook)?;
            let d = book
                .dispute_deadlines(parse_date("notified", &notified)?)
                .map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "supplier_deadline": d.supplier_deadline.to_string(),
                "customer_may_choose_from": d.customer_may_choose_from.to_string(),
                "explanation": explain(&d.explanation),
            }));
        }
        ContractsCommand::DeemedOperational {
            rulebook,
            delivered,
            actual,
        } => {
            let book = load_rulebook(&rulebook)?;
            let actual = actual
                .as_deref()
                .map(|a| parse_date("actual", a))
                .transpose()?;
            let o = book
                .deemed_operational(parse_date("delivered", &delivered)?, actual)
                .map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "deemed_by": o.deemed_by.to_string(),
                "operational_on": o.operational_on.to_string(),
                "explanation": explain(&o.explanation),
            }));
        }
        ContractsCommand::Warranty {
            rulebook,
            delivered,
            on,
        } => {
            let book = load_rulebook(&rulebook)?;
            let on = on.as_deref().map(|a| parse_date("on", a)).transpose()?;
            let w = book
                .warranty_end(parse_date("delivered", &delivered)?, on)
                .map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "last_day": w.last_day.to_string(),
                "covered": w.covered,
                "explanation": explain(&w.explanation),
            }));
        }
        ContractsCommand::UserFloor {
            rulebook,
            users,
            on,
        } => {
            let book = load_rulebook(&rulebook)?;
            let f = book
                .user_floor(users, parse_date("on", &on)?)
                .map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "users_at_quarter_start": users,
                "quarter_start": f.quarter_start.to_string(),
                "quarter_end": f.quarter_end.to_string(),
                "minimum_users": f.minimum_users,
                "explanation": explain(&f.explanation),
            }));
        }
        ContractsCommand::Support {
            rulebook,
            at,
            severity,
        } => {
            let book = load_rulebook(&rulebook)?;
            let instant = parse_instant(&at)?;
            let severity: Severity = severity
                .parse()
                .map_err(|e: contracts::Error| CliError::new("usage", e.to_string()))?;
            let s = book.support(instant, severity).map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "at": at,
                "local": s.local.to_string(),
                "open": s.open,
                "closes_at": s.closes_at.map(|z| z.to_string()),
                "next_opening": s.next_opening.to_string(),
                "severity": severity.as_str(),
                "may_raise": s.may_raise,
                "explanation": explain(&s.explanation),
            }));
        }
        ContractsCommand::ValidateConfig { rulebook, config } => {
            let book = load_rulebook(&rulebook)?;
            let path = Path::new(&config);
            let text = crate::output::read_text_bounded(path, crate::output::CONFIG_FILE_LIMIT)?;
            let cfg = ServiceConfig::from_str_any(&text, &LoadLimits::default())
                .map_err(|e| file_error(e, path))?;
            let v = book.validate_config(&cfg).map_err(rule_error)?;
            let violations: Vec<Value> = v
                .violations
                .iter()
                .map(|x| {
                    json!({"code": x.code, "subject": x.subject, "message": x.message, "terms_id": x.terms_id})
                })
                .collect();
            out.emit(&json!({
                "rulebook": book.name,
                "config": config,
                "valid": v.valid,
                "violations": violations,
                "explanation": explain(&v.explanation),
            }));
        }
        ContractsCommand::Coverage { rulebook, change } => {
            let book = load_rulebook(&rulebook)?;
            let kind: contracts::ChangeKind = change
                .parse()
                .map_err(|e: contracts::Error| CliError::new("usage", e.to_string()))?;
            let c = book.service_coverage(kind).map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "change": kind.as_str(),
                "covered": c.covered,
                "explanation": explain(&c.explanation),
            }));
        }
        ContractsCommand::Rulebook { rulebook, format } => {
            let book = load_rulebook(&rulebook)?;
            match format.as_str() {
                "json" => {
                    let text = book.to_json_string().map_err(rule_error)?;
                    let value: Value = serde_json::from_str(&text)
                        .map_err(|e| CliError::new("rule", e.to_string()))?;
                    out.emit(&json!({"name": book.name, "rulebook": value}));
                }
                "toml" => {
                    let text = book.to_toml_string().map_err(rule_error)?;
                    out.emit(&json!({"name": book.name, "toml": text}));
                }
                other => {
                    return Err(CliError::new(
                        "usage",
                        format!("--format {other:?}: expected json or toml"),
                    ));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(steps: &[Step]) -> Vec<String> {
    steps.iter().map(ToString::to_string).collect()
}

fn parse_instant(text: &str) -> Result<Timestamp, CliError> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    text.parse::<Zoned>().map(|z| z.timestamp()).map_err(|e| {
        CliError::new(
            "usage",
            format!("--at: not an RFC 3339 instant with offset or zone: {e}"),
        )
        .with("argument", "at")
    })
}

/// A preset by name, or a TOML/JSON rulebook file.
fn load_rulebook(name: &str) -> Result<Rulebook, CliError> {
    crate::output::load_rulebook(
        name,
        &contracts::PRESETS,
        |name| Rulebook::preset(name).map_err(rule_error),
        |text, is_json, path| {
            let loaded = if is_json {
                Rulebook::from_json_str(text)
            } else {
                Rulebook::from_toml_str(text)
            };
            loaded.map_err(|e| file_error(e, path))
        },
    )
}

fn file_error(err: contracts::Error, path: &Path) -> CliError {
    let message = err.to_string();
    match err {
        contracts::Error::InvalidRulebook { field, line, .. }
        | contracts::Error::InvalidConfig { field, line, .. } => {
            let mut e = CliError::new("parse", message)
                .with("file", path.display().to_string())
                .with("field", field);
            if let Some(line) = line {
                e = e.with("line", line);
            }
            e
        }
        _ => CliError::new("rule", message).with("file", path.display().to_string()),
    }
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

/// A civil date written exactly `YYYY-MM-DD`: a date-time or a date with an offset
/// (`2026-01-01T23:59:59+14:00`) is a usage error rather than a date quietly cut from
/// it, since the day it names depends on the zone it is read in.
pub(crate) fn parse_date(arg: &str, text: &str) -> Result<Date, CliError> {
    let usage = |reason: String| {
        CliError::new("usage", format!("--{arg}: not a YYYY-MM-DD date: {reason}"))
            .with("argument", arg)
    };
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(usage(format!(
            "{text:?} (a date only: no time, offset or zone)"
        )));
    }
    text.parse::<Date>().map_err(|e| usage(e.to_string()))
}

pub(crate) fn rule_error(err: contracts::Error) -> CliError {
    CliError::new("rule", err.to_string())
}
