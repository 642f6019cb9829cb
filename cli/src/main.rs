//! `voipkit`: the operator's command-line tool.
//!
//! Every subcommand takes `--json` and then prints exactly one JSON object per input
//! (JSON Lines) on stdout; errors are printed as `{"error": {...}}` with a non-zero exit
//! code. Without `--json` the same data is printed as a human-readable table. The command
//! names and JSON keys are a stable contract (see DESIGN.md).
#![forbid(unsafe_code)]

mod contracts_cmd;
mod output;
mod progress;
mod report_cmd;
mod report_html;
mod rtp_cmd;
mod sdp_cmd;
mod sip_cmd;
mod tariff_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::output::{CliError, Out};

/// voipkit: SIP, RTP, contracts and tariffs for hosted-VoIP operators.
#[derive(Debug, Parser)]
#[command(
    name = "voipkit",
    version,
    about,
    propagate_version = true,
    after_help = "A file argument of `-` reads standard input."
)]
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
    /// SDP files: parse (tolerant, with diagnostics) and check (strict RFC 8866).
    #[command(subcommand)]
    Sdp(sdp_cmd::SdpCommand),
    /// RTP captures: stream analysis and jitter-buffer playout.
    #[command(subcommand)]
    Rtp(rtp_cmd::RtpCommand),
    /// Calendars, working days, cancellations and other contract rules.
    #[command(subcommand)]
    Contracts(contracts_cmd::ContractsCommand),
    /// Rating, capacity, service work, traffic compliance and late payment.
    #[command(subcommand)]
    Tariff(tariff_cmd::TariffCommand),
    /// From a capture to calls, their media quality and their cost: calls from the SIP
    /// dialogs, the RTP streams their SDP announced (Wireshark's analysis, jitter-buffer
    /// playout, MOS), the cost under a plan and the traffic under a rulebook.
    Report(report_cmd::ReportArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    let mut out = Out::new(cli.json);
    let result = match cli.command {
        Command::Sip(cmd) => sip_cmd::run(cmd, &mut out),
        Command::Sdp(cmd) => sdp_cmd::run(cmd, &mut out),
        Command::Rtp(cmd) => rtp_cmd::run(cmd, &mut out),
        Command::Contracts(cmd) => contracts_cmd::run(cmd, &mut out),
        Command::Tariff(cmd) => tariff_cmd::run(cmd, &mut out),
        Command::Report(args) => report_cmd::run(&args, &mut out),
    };
    match result {
        Ok(code) => code,
        Err(err) => out.error(&err),
    }
}

/// A command line clap refused (or `--help`/`--version`, which clap reports the same way).
/// Under `--json` a usage error is one `{"error": {"kind": "usage", ...}}` line on stdout,
/// like every other error; help and version text print as usual. Exit code 2 for errors,
/// 0 for help and version; a closed stdout or stderr is not a panic.
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    use std::io::Write;
    let informational = matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    let json = std::env::args_os().any(|a| a == "--json");
    if informational {
        let _ = write!(std::io::stdout().lock(), "{}", err.render());
        return ExitCode::from(
            if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            },
        );
    }
    if json {
        let message = err.render().to_string();
        // The first paragraph ("error: ..." and any lines listing what is missing),
        // on one line.
        let first = message
            .split("\n\n")
            .next()
            .unwrap_or("usage error")
            .trim_start_matches("error: ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut out = Out::new(true);
        return out.error(&CliError::new("usage", first).with("help", message));
    }
    let _ = write!(std::io::stderr().lock(), "{}", err.render());
    ExitCode::from(2)
}

/// Keeps `CliError` referenced from the binary root so every module shares one type.
#[allow(dead_code)]
type Result<T = ExitCode> = std::result::Result<T, CliError>;
