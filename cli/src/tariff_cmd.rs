//! `voipkit tariff ...`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};
use tariff::Rulebook;

use crate::output::{CliError, Out};

/// The `tariff` subcommands.
#[derive(Debug, Subcommand)]
pub enum TariffCommand {
    /// Simultaneous-call channels for a user count and channel packs (ALC-4, F42-3).
    Capacity {
        /// A built-in rulebook (accensys, nox, jitco, 42com, allocloud) or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// Billed users.
        #[arg(long)]
        users: u64,
        /// Channel packs of the account.
        #[arg(long, default_value_t = 0)]
        channel_packs: u64,
    },
    /// Price of service work per started block, and whether a quote is needed (NOX-1/2).
    ServiceWork {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// Minutes of work.
        #[arg(long)]
        minutes: u64,
    },
    /// ACD and ASR of outbound call attempts against the rulebook's floors (F42-2).
    ///
    /// The CSV has a header row with at least `answered` (true/false) and `duration_s`.
    TrafficCheck {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// CSV of call attempts, one seizure per row.
        #[arg(long)]
        calls: PathBuf,
    },
    /// Rates call records against a plan: per call the cost, increments, destination
    /// class and bundle use, then a final `{"total": ...}` object.
    ///
    /// The CDR CSV has a header with `start` (RFC 3339, or local `YYYY-MM-DD HH:MM:SS`
    /// in the plan's zone), `duration_s`, `destination`, and optionally `answered` and
    /// `call_id`.
    Rate {
        /// The plan, TOML or JSON.
        #[arg(long)]
        plan: PathBuf,
        /// Call records, CSV.
        #[arg(long)]
        cdrs: PathBuf,
    },
    /// A monthly invoice in arrears (ACC-2): recurring items prorated by days, usage,
    /// rated calls and bundle fees, one-off fees, service work, VAT.
    Invoice {
        /// The invoice input, TOML or JSON (period, items).
        #[arg(long)]
        input: PathBuf,
        /// Rulebook pricing one-off fees, service work and training.
        #[arg(long)]
        rulebook: Option<String>,
        /// Plan to rate `--cdrs` with (calls and bundle fees become lines).
        #[arg(long, requires = "cdrs")]
        plan: Option<PathBuf>,
        /// Call records to rate with `--plan`.
        #[arg(long, requires = "plan")]
        cdrs: Option<PathBuf>,
    },
    /// Prepaid call authorization (F42-1): how long may a call to `--destination` run on
    /// a balance, rated by the plan, without going below the credit limit.
    Authorize {
        /// The plan, TOML or JSON.
        #[arg(long)]
        plan: PathBuf,
        /// The current balance, e.g. 5.00 (negative within an overdraft).
        #[arg(long, allow_hyphen_values = true)]
        balance: String,
        /// The lowest balance allowed (0 unless an overdraft is agreed), e.g. -2.00.
        #[arg(long, default_value = "0", allow_hyphen_values = true)]
        credit_limit: String,
        /// The dialled number.
        #[arg(long)]
        destination: String,
        /// When the call starts (RFC 3339).
        #[arg(long)]
        at: String,
        /// Longest duration considered, in seconds.
        #[arg(long, default_value_t = 4 * 3600)]
        max_seconds: u32,
    },
    /// Imports a CGRateS tariff plan (the CSV files of a directory: Destinations,
    /// Rates, DestinationRates, Timings, RatingPlans, RatingProfiles) for one subject
    /// as a voipkit plan, in CGRateS-compatible rounding unless `--exact`.
    ///
    /// With `--out` the plan is written there as JSON, ready for `tariff rate --plan`.
    ImportCgrates {
        /// The directory holding the tariff plan's CSV files.
        #[arg(long)]
        dir: PathBuf,
        /// The rating subject (usually the account).
        #[arg(long)]
        subject: String,
        /// The tenant.
        #[arg(long, default_value = "cgrates.org")]
        tenant: String,
        /// The category.
        #[arg(long, default_value = "call")]
        category: String,
        /// The account's country (NL, BE, DE).
        #[arg(long, default_value = "NL")]
        country: String,
        /// Exact rating (one rounding per call) instead of CGRateS's rounding.
        #[arg(long)]
        exact: bool,
        /// Write the plan here as JSON.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Rates CGRateS `GetCost` requests straight from a CGRateS tariff plan folder, for
    /// any tenant, category and subject, as CGRateS v0.10.4 rates them (cgrates mode):
    /// rows `tenant,category,subject,destination,start,duration`.
    RateCgrates {
        /// The directory holding the tariff plan's CSV files.
        #[arg(long)]
        dir: PathBuf,
        /// The calls, CSV: `tenant,category,subject,destination,start,duration`
        /// (`start` RFC 3339, `duration` in seconds or as `2m10s`).
        #[arg(long)]
        calls: PathBuf,
        /// The accounts' country (NL, BE, DE).
        #[arg(long, default_value = "NL")]
        country: String,
    },
    /// Contractual interest and collection costs of a late payment (JIT-3).
    LatePayment {
        /// A built-in rulebook or a TOML/JSON file.
        #[arg(long)]
        rulebook: String,
        /// The unpaid amount, e.g. 1000.00.
        #[arg(long)]
        amount: String,
        /// Due date, YYYY-MM-DD.
        #[arg(long)]
        due: String,
        /// Payment date, YYYY-MM-DD.
        #[arg(long)]
        paid: String,
    },
}

/// Runs one `tariff` subcommand.
pub fn run(cmd: TariffCommand, out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {
        TariffCommand::Capacity {
            rulebook,
            users,
            channel_packs,
        } => {
            let book = load_rulebook(&rulebook)?;
            let cap = tariff::channels(&book, users, channel_packs).map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "users": users,
                "channel_packs": channel_packs,
                "channels": cap.channels,
                "explanation": cap.explanation,
            }));
        }
        TariffCommand::ServiceWork { rulebook, minutes } => {
            let book = load_rulebook(&rulebook)?;
            let c = tariff::service_work(&book, minutes).map_err(rule_error)?;
            out.emit(&json!({
                "rulebook": book.name,
                "minutes": minutes,
                "blocks": c.blocks,
                "amount": c.amount.amount.to_string(),
                "currency": c.amount.currency.to_string(),
                "quote_required": c.quote_required,
                "explanation": c.explanation,
            }));
        }
        TariffCommand::TrafficCheck { rulebook, calls } => {
            let book = load_rulebook(&rulebook)?;
            let text = read_text(&calls)?;
            let attempts = tariff::parse_calls_csv(&text).map_err(|e| file_error(e, &calls))?;
            let r = tariff::traffic_check(&book, &attempts).map_err(rule_error)?;
            let violations: Vec<Value> = r
                .violations
                .iter()
                .map(|v| {
                    json!({
                        "metric": v.metric,
                        "value": decimal_number(v.value),
                        "minimum": decimal_number(v.minimum),
                        "rule": v.rule,
                    })
                })
                .collect();
            out.emit(&json!({
                "rulebook": book.name,
                "seizures": r.seizures,
                "answered": r.answered,
                "acd_s": r.acd_s.map(decimal_number),
                "asr_pct": r.asr_pct.map(decimal_number),
                "compliant": r.compliant,
                "violations": violations,
            }));
        }
        TariffCommand::Rate { plan, cdrs } => return rate(&plan, &cdrs, out),
        TariffCommand::Authorize {
            plan,
            balance,
            credit_limit,
            destination,
            at,
            max_seconds,
        } => {
            let engine =
                tariff::RatingEngine::new(&load_plan(&plan)?).map_err(|e| file_error(e, &plan))?;
            let amount = |text: &str, arg: &str| {
                tariff::parse_decimal(text)
                    .map_err(|e| CliError::new("usage", e.to_string()).with("argument", arg))
            };
            let mut account = tariff::PrepaidAccount::new(
                engine.currency(),
                amount(&credit_limit, "--credit-limit")?,
            );
            account.balance = amount(&balance, "--balance")?;
            let start: jiff::Timestamp = at.parse().map_err(|e| {
                CliError::new("usage", format!("--at: expected RFC 3339: {e}"))
                    .with("argument", "--at")
            })?;
            let usage = tariff::BundleUsage::new(&engine);
            let auth = engine
                .authorize(&account, start, &destination, &usage, max_seconds)
                .map_err(rule_error)?;
            let cost = if auth.allowed {
                let mut scratch = usage.clone();
                let r = engine
                    .rate(start, auth.max_seconds, true, &destination, &mut scratch)
                    .map_err(rule_error)?;
                Some(r.cost.to_string())
            } else {
                None
            };
            out.emit(&json!({
                "destination": destination,
                "balance": account.balance.to_string(),
                "credit_limit": account.credit_limit.to_string(),
                "allowed": auth.allowed,
                "max_seconds": auth.max_seconds,
                "cost_at_max": cost,
            }));
        }
        TariffCommand::Invoice {
            input,
            rulebook,
            plan,
            cdrs,
        } => invoice(
            &input,
            rulebook.as_deref(),
            plan.as_deref().zip(cdrs.as_deref()),
            out,
        )?,
        TariffCommand::RateCgrates {
            dir,
            calls,
            country,
        } => return rate_cgrates(&dir, &calls, &country, out),
        TariffCommand::ImportCgrates {
            dir,
            subject,
            tenant,
            category,
            country,
            exact,
            out: out_file,
        } => import_cgrates(
            &dir,
            [&tenant, &category, &subject, &country],
            exact,
            out_file.as_deref(),
            out,
        )?,
        TariffCommand::LatePayment {
            rulebook,
            amount,
            due,
            paid,
        } => {
            let book = load_rulebook(&rulebook)?;
            let amount = tariff::parse_decimal(&amount)
                .map_err(|e| CliError::new("usage", e.to_string()).with("argument", "--amount"))?;
            let due_date = parse_date(&due, "--due")?;
            let paid_date = parse_date(&paid, "--paid")?;
            let r = tariff::late_payment(&book, amount, due_date, paid_date).map_err(rule_error)?;
            // NL contracts: beside the statute (art. 6:119a BW, WIK scale).
            let statutory = if book.country.eq_ignore_ascii_case("NL") {
                let c = tariff::compare_with_nl_statute(
                    &r,
                    due_date,
                    paid_date,
                    &tariff::nl_commercial_rates(),
                )
                .map_err(rule_error)?;
                json!({
                    "interest": c.statutory_interest.to_string(),
                    "collection_costs": c.wik_collection_costs.to_string(),
                    "interest_exceeds_statutory": c.interest_exceeds_statutory,
                    "collection_exceeds_wik": c.collection_exceeds_wik,
                })
            } else {
                Value::Null
            };
            out.emit(&json!({
                "rulebook": book.name,
                "statutory": statutory,
                "amount": r.amount.amount.to_string(),
                "due": due_date.to_string(),
                "paid": paid_date.to_string(),
                "months": r.months.as_decimal().round_dp(6).normalize().to_string(),
                "interest": r.interest.amount.to_string(),
                "collection_costs": r.collection_costs.amount.to_string(),
                "total": r.total.amount.to_string(),
                "currency": r.total.currency.to_string(),
                "explanation": r.explanation,
            }));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads a plan file (TOML or JSON by extension) and the CSV rate tables it names
/// (paths relative to the plan file), through [`tariff::load_plan`].
/// The rating engine of the plan at `path`, errors placed as for `tariff rate`.
pub(crate) fn load_engine(path: &Path) -> Result<tariff::RatingEngine, CliError> {
    tariff::RatingEngine::new(&load_plan(path)?).map_err(|e| file_error(e, path))
}

fn load_plan(path: &Path) -> Result<tariff::Plan, CliError> {
    let text = read_config(path)?;
    let format = tariff::PlanFormat::from_file_name(&path.to_string_lossy());
    let dir = path.parent().unwrap_or(Path::new("."));
    // A table that cannot be read: the first such I/O error, reported as such.
    let mut io_error = None;
    let loaded = tariff::load_plan_with(&text, format, &tariff::default_limits(), |name| {
        let table = dir.join(name);
        match crate::output::read_text_bounded(&table, crate::output::TABLE_FILE_LIMIT) {
            Ok(csv) => Some(csv),
            Err(e) => {
                io_error.get_or_insert(e);
                None
            }
        }
    });
    if let Some(e) = io_error {
        return Err(e);
    }
    match loaded {
        Ok(plan) => Ok(plan),
        Err(tariff::Error::RateTable {
            table,
            line,
            reason,
        }) => {
            let file = dir.join(table).display().to_string();
            Err(match line {
                Some(line) => CliError::new("parse", format!("line {line}: {reason}"))
                    .with("file", file)
                    .with("line", line),
                None => CliError::new("parse", reason).with("file", file),
            })
        }
        Err(e) => Err(file_error(e, path)),
    }
}

/// The running total of a rating run: the costs added so far (`None` once the sum has
/// left the decimal range), the calls rated and those that could not be.
#[derive(Default)]
struct Tally {
    total: Option<rust_decimal::Decimal>,
    rated: u64,
    failed: u64,
}

impl Tally {
    fn new() -> Self {
        Tally {
            total: Some(rust_decimal::Decimal::ZERO),
            ..Tally::default()
        }
    }

    fn add(&mut self, cost: rust_decimal::Decimal) {
        self.rated += 1;
        self.total = self.total.and_then(|t| t.checked_add(cost));
    }

    /// The total, or an error naming `file` when it overflowed.
    fn total(&self, file: &Path) -> Result<rust_decimal::Decimal, CliError> {
        self.total.ok_or_else(|| {
            CliError::new(
                "rule",
                tariff::Error::Overflow {
                    what: "the total of the call costs",
                }
                .to_string(),
            )
            .with("file", file.display().to_string())
        })
    }

    /// Exit 1 when a call could not be rated.
    fn exit_code(&self) -> ExitCode {
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }
}

fn rate(plan_path: &Path, cdrs: &Path, out: &mut Out) -> Result<ExitCode, CliError> {
    let plan = load_plan(plan_path)?;
    let engine = tariff::RatingEngine::new(&plan).map_err(|e| file_error(e, plan_path))?;
    let text = read_text(cdrs)?;
    // Records are read and rated one at a time: memory does not grow with the file.
    let records = engine.cdr_records(&text).map_err(|e| file_error(e, cdrs))?;
    let mut usage = tariff::BundleUsage::new(&engine);
    let mut tally = Tally::new();
    for item in records {
        let (line, record) = item.map_err(|e| file_error(e, cdrs))?;
        match engine.rate_record(&record, &mut usage) {
            Ok(r) => {
                tally.add(r.cost);
                out.emit(&json!({
                    "call_id": record.call_id,
                    "start": record.start.to_string(),
                    "destination": record.destination,
                    "duration_s": record.duration_s,
                    "answered": record.answered,
                    "destination_name": r.destination.and_then(|d| engine.destination_name(d)),
                    "destination_class": r.destination_class.as_str(),
                    "band": r.band.and_then(|b| engine.band_name(b)),
                    "increments": r.increments,
                    "billed_s": r.billed_s,
                    "cost": r.cost.to_string(),
                    "mode": engine.mode_name(),
                    "included_in_bundle": r.included_in_bundle,
                    "bundle_s": r.bundle_s,
                    "bundle": r.bundle.and_then(|b| engine.bundles().get(usize::from(b))).map(|b| b.name()),
                    "explanation": engine.explain(&record, &r),
                }));
            }
            Err(e) => {
                tally.failed += 1;
                out.emit(&json!({
                    "error": {
                        "kind": "rate",
                        "message": e.to_string(),
                        "call_id": record.call_id,
                        "line": line,
                        "file": cdrs.display().to_string(),
                    }
                }));
            }
        }
    }
    let total = tally.total(cdrs)?;
    let rounding = engine.rounding();
    out.emit(&json!({
        "total": rounding.mode.round(total, rounding.decimals).to_string(),
        "currency": engine.currency().to_string(),
        "calls": tally.rated,
        "failed": tally.failed,
    }));
    Ok(tally.exit_code())
}

fn invoice(
    input_path: &Path,
    rulebook: Option<&str>,
    rating: Option<(&Path, &Path)>,
    out: &mut Out,
) -> Result<(), CliError> {
    let text = read_config(input_path)?;
    let format = tariff::PlanFormat::from_file_name(&input_path.to_string_lossy());
    let input = tariff::InvoiceInput::from_str_with(&text, format, &tariff::default_limits())
        .map_err(|e| file_error(e, input_path))?;
    let book = rulebook.map(load_rulebook).transpose()?;
    let charges = match rating {
        None => None,
        Some((plan_path, cdrs)) => {
            let plan = load_plan(plan_path)?;
            let engine = tariff::RatingEngine::new(&plan).map_err(|e| file_error(e, plan_path))?;
            let text = read_text(cdrs)?;
            let records = engine.cdr_records(&text).map_err(|e| file_error(e, cdrs))?;
            let mut usage = tariff::BundleUsage::new(&engine);
            let mut charges = tariff::CallCharges {
                currency: engine.currency(),
                ..tariff::CallCharges::default()
            };
            for item in records {
                let (line, record) = item.map_err(|e| file_error(e, cdrs))?;
                let rated = engine.rate_record(&record, &mut usage).map_err(|e| {
                    CliError::new("rate", e.to_string())
                        .with("file", cdrs.display().to_string())
                        .with("line", line)
                })?;
                charges.calls += 1;
                charges.cost = charges.cost.checked_add(rated.cost).ok_or_else(|| {
                    CliError::new(
                        "rule",
                        tariff::Error::Overflow {
                            what: "the sum of the call costs",
                        }
                        .to_string(),
                    )
                    .with("file", cdrs.display().to_string())
                })?;
            }
            charges.bundles = engine
                .bundles()
                .iter()
                .map(|b| (b.name().to_owned(), b.monthly_fee()))
                .collect();
            Some(charges)
        }
    };
    let inv = tariff::invoice(&input, book.as_ref(), charges.as_ref()).map_err(rule_error)?;
    let lines: Vec<Value> = inv
        .lines
        .iter()
        .map(|l| {
            json!({
                "kind": l.kind,
                "description": l.description,
                "quantity": l.quantity.round_dp(4).normalize().to_string(),
                "unit_price": l.unit_price.to_string(),
                "amount": l.amount.to_string(),
                "explanation": l.explanation,
            })
        })
        .collect();
    out.emit(&json!({
        "customer": input.customer,
        "period_start": input.period_start.to_string(),
        "period_end": input.period_end.to_string(),
        "currency": inv.currency.to_string(),
        "lines": lines,
        "subtotal": inv.subtotal.to_string(),
        "vat_pct": inv.vat_pct.to_string(),
        "vat": inv.vat.to_string(),
        "total": inv.total.to_string(),
    }));
    Ok(())
}

/// The six CSV files of a CGRateS tariff plan folder (Timings may be absent).
fn read_cgrates_folder(dir: &Path) -> Result<tariff::CgratesTariffPlan, CliError> {
    let read = |name: &str, required: bool| -> Result<String, CliError> {
        let path = dir.join(name);
        if !required && !path.exists() {
            return Ok(String::new());
        }
        read_text(&path)
    };
    Ok(tariff::CgratesTariffPlan {
        destinations: read("Destinations.csv", true)?,
        rates: read("Rates.csv", true)?,
        destination_rates: read("DestinationRates.csv", true)?,
        timings: read("Timings.csv", false)?,
        rating_plans: read("RatingPlans.csv", true)?,
        rating_profiles: read("RatingProfiles.csv", true)?,
    })
}

/// A CGRateS import error, naming the folder, and the file and line at fault.
fn cgrates_import_error(e: &tariff::Error, dir: &Path) -> CliError {
    let mut err = CliError::new(
        if matches!(e, tariff::Error::LimitExceeded { .. }) {
            "limit"
        } else {
            "parse"
        },
        e.to_string(),
    )
    .with("dir", dir.display().to_string());
    // The error names the file (`Rates.csv`) and its line.
    if let tariff::Error::RateTable { table, line, .. } = e {
        err = err.with("file", dir.join(table).display().to_string());
        if let Some(line) = line {
            err = err.with("line", *line);
        }
    }
    err
}

/// `tariff rate-cgrates`: rates `GetCost` requests of any subject from the folder's
/// files; one object per call (or an error object naming its line), then the total.
/// Exit 1 when a call could not be rated.
fn rate_cgrates(
    dir: &Path,
    calls: &Path,
    country: &str,
    out: &mut Out,
) -> Result<ExitCode, CliError> {
    let files = read_cgrates_folder(dir)?;
    let text = read_text(calls)?;
    let mut rater = tariff::CgratesRater::new(files, country);
    let mut tally = Tally::new();
    for item in tariff::cgrates_calls(&text) {
        let (line, call) = item.map_err(|e| file_error(e, calls))?;
        let rated = rater.rate(&call).and_then(|r| {
            let name = match r.destination {
                Some(d) => rater
                    .engine(&call.tenant, &call.category, &call.subject)?
                    .destination_name(d)
                    .map(str::to_owned),
                None => None,
            };
            Ok((r, name))
        });
        match rated {
            Ok((r, destination_name)) => {
                tally.add(r.cost);
                out.emit(&json!({
                    "line": line,
                    "tenant": call.tenant,
                    "category": call.category,
                    "subject": call.subject,
                    "destination": call.destination,
                    "start": call.start.to_string(),
                    "duration_s": call.duration_s,
                    "destination_name": destination_name,
                    "increments": r.increments,
                    "billed_s": r.billed_s,
                    "cost": r.cost.to_string(),
                    "mode": "cgrates",
                }));
            }
            Err(e) => {
                tally.failed += 1;
                // An import error names the plan's file and line; a rating error the
                // call's.
                let (file, file_line) = match &e {
                    tariff::Error::RateTable { table, line: l, .. } => {
                        (dir.join(table).display().to_string(), *l)
                    }
                    _ => (calls.display().to_string(), Some(line)),
                };
                out.emit(&json!({
                    "error": {
                        "kind": "rate",
                        "message": e.to_string(),
                        "line": file_line,
                        "file": file,
                        "call_line": line,
                    }
                }));
            }
        }
    }
    out.emit(&json!({
        "total": tally.total(calls)?.normalize().to_string(),
        "calls": tally.rated,
        "failed": tally.failed,
    }));
    Ok(tally.exit_code())
}

/// `tariff import-cgrates`: reads the six CSV files (Timings may be absent), imports
/// the subject's rating and prints (or writes) the plan.
fn import_cgrates(
    dir: &Path,
    [tenant, category, subject, country]: [&str; 4],
    exact: bool,
    out_file: Option<&Path>,
    out: &mut Out,
) -> Result<(), CliError> {
    let files = read_cgrates_folder(dir)?;
    let limits = tariff::default_limits();
    let mut plan = tariff::import_cgrates_with(&files, tenant, category, subject, country, &limits)
        .map_err(|e| cgrates_import_error(&e, dir))?;
    if exact {
        plan.cgrates = None;
    }
    // The plan must compile as it will be used.
    tariff::RatingEngine::new(&plan).map_err(rule_error)?;
    let plan_json = serde_json::to_value(&plan)
        .map_err(|e| CliError::new("rule", format!("cannot serialize the plan: {e}")))?;
    if let Some(path) = out_file {
        let text = serde_json::to_string_pretty(&plan_json)
            .map_err(|e| CliError::new("rule", format!("cannot serialize the plan: {e}")))?;
        std::fs::write(path, text + "\n").map_err(|e| CliError::io(path, &e))?;
    }
    let rates: usize = plan.versions.iter().map(|v| v.rates.len()).sum();
    out.emit(&json!({
        "tenant": tenant,
        "category": category,
        "subject": subject,
        "mode": if exact { "exact" } else { "cgrates" },
        "versions": plan.versions.len(),
        "rates": rates,
        "rounding": {
            "mode": plan.rounding.mode,
            "decimals": plan.rounding.decimals,
        },
        "out": out_file.map(|p| p.display().to_string()),
        "plan": if out_file.is_some() { Value::Null } else { plan_json },
    }));
    Ok(())
}

/// A built-in rulebook by name, or one loaded from a `.toml` / `.json` file.
pub(crate) fn load_rulebook(name: &str) -> Result<Rulebook, CliError> {
    crate::output::load_rulebook(
        name,
        &tariff::PRESET_NAMES,
        |name| Rulebook::preset(name).map_err(rule_error),
        |text, is_json, path| {
            let format = if is_json {
                tariff::PlanFormat::Json
            } else {
                tariff::PlanFormat::Toml
            };
            Rulebook::from_str_with(text, format, &tariff::default_limits())
                .map_err(|e| file_error(e, path))
        },
    )
}

fn read_config(path: &Path) -> Result<String, CliError> {
    crate::output::read_text_bounded(path, crate::output::CONFIG_FILE_LIMIT)
}

fn read_text(path: &Path) -> Result<String, CliError> {
    crate::output::read_text_bounded(path, crate::output::TABLE_FILE_LIMIT)
}

fn parse_date(text: &str, argument: &str) -> Result<jiff::civil::Date, CliError> {
    crate::contracts_cmd::parse_date(argument.trim_start_matches('-'), text)
}

/// An error of a rule computation (missing rule, overflow...).
fn rule_error(err: tariff::Error) -> CliError {
    CliError::new("rule", err.to_string())
}

/// An error reading a file's content, with its field and line when known: a
/// document that does not read, or reads but does not hold together, is `parse`; a
/// limit is `limit`.
fn file_error(err: tariff::Error, path: &Path) -> CliError {
    let (kind, field, line) = match &err {
        tariff::Error::Csv { line, .. } => ("parse", None, Some(*line)),
        tariff::Error::Load { field, line, .. } => ("parse", Some(field.clone()), *line),
        tariff::Error::InvalidValue { field, .. } => ("parse", Some(field.clone()), None),
        tariff::Error::LimitExceeded { .. } => ("limit", None, None),
        _ => ("parse", None, None),
    };
    let mut e = CliError::new(kind, err.to_string()).with("file", path.display().to_string());
    if let Some(field) = field {
        e = e.with("field", field);
    }
    if let Some(line) = line {
        e = e.with("line", line);
    }
    e
}

/// A decimal as a JSON number (for measures such as seconds and percentages).
fn decimal_number(value: rust_decimal::Decimal) -> Value {
    value
        .to_string()
        .parse::<serde_json::Number>()
        .map(Value::Number)
        .unwrap_or(Value::Null)
}
