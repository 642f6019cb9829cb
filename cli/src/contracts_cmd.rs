//! `voipkit contracts ...`.

use std::process::ExitCode;

use clap::Subcommand;

use crate::output::{CliError, Out};

/// The `contracts` subcommands.
#[derive(Debug, Subcommand)]
pub enum ContractsCommand {}

/// Runs one `contracts` subcommand.
pub fn run(cmd: ContractsCommand, _out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {}
}
