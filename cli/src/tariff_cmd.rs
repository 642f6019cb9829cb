//! `voipkit tariff ...`.

use std::process::ExitCode;

use clap::Subcommand;

use crate::output::{CliError, Out};

/// The `tariff` subcommands.
#[derive(Debug, Subcommand)]
pub enum TariffCommand {}

/// Runs one `tariff` subcommand.
pub fn run(cmd: TariffCommand, _out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {}
}
