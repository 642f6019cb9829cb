//! `voipkit`: the operator's command-line tool.
//!
//! Every subcommand takes `--json` and then prints exactly one JSON object per input
//! (JSON Lines) on stdout; errors are printed as `{"error": {...}}` with a non-zero exit
//! code. Without `--json` the same data is printed as a human-readable table. The command
//! names and JSON keys are a stable contract (see DESIGN.md).
#![forbid(unsafe_code)]

mod contracts_cmd;
mod output;
mod rtp_cmd;
mod sip_cmd;
mod tariff_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::output::{CliError, Out};

/// voipkit: SIP, RTP, contracts and tariffs for hosted-VoIP operators.
#[derive(Debug, Parser)]
#[command(name = "voipkit", version, about, propagate_version = true)]
struct Cli {
    /// Print one JSON object per input (JSON Lines) instead of a table.
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// SIP messages: check, parse, round-trip.
    #[command(subcommand)]
    Sip(sip_cmd::SipCommand),
    /// RTP captures: stream analysis and jitter-buffer playout.
    #[command(subcommand)]
    Rtp(rtp_cmd::RtpCommand),
    /// Calendars, working days, cancellations and other contract rules.
    #[command(subcommand)]
    Contracts(contracts_cmd::ContractsCommand),
    /// Rating, capacity, service work, traffic compliance and late payment.
    #[command(subcommand)]
    Tariff(tariff_cmd::TariffCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Out::new(cli.json);
    let result = match cli.command {
        Command::Sip(cmd) => sip_cmd::run(cmd, &mut out),
        Command::Rtp(cmd) => rtp_cmd::run(cmd, &mut out),
        Command::Contracts(cmd) => contracts_cmd::run(cmd, &mut out),
        Command::Tariff(cmd) => tariff_cmd::run(cmd, &mut out),
    };
    match result {
        Ok(code) => code,
        Err(err) => out.error(&err),
    }
}

/// Keeps `CliError` referenced from the binary root so every module shares one type.
#[allow(dead_code)]
type Result<T = ExitCode> = std::result::Result<T, CliError>;
