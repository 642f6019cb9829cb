//! `voipkit rtp ...`.

use std::process::ExitCode;

use clap::Subcommand;

use crate::output::{CliError, Out};

/// The `rtp` subcommands.
#[derive(Debug, Subcommand)]
pub enum RtpCommand {}

/// Runs one `rtp` subcommand.
pub fn run(cmd: RtpCommand, _out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {}
}
