//! `voipkit sip ...`.

use std::process::ExitCode;

use clap::Subcommand;

use crate::output::{CliError, Out};

/// The `sip` subcommands.
#[derive(Debug, Subcommand)]
pub enum SipCommand {}

/// Runs one `sip` subcommand.
pub fn run(cmd: SipCommand, _out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {}
}
