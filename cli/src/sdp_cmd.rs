//! `voipkit sdp ...`: parse and check bare SDP files (RFC 8866).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};
use sip_core::sdp::{self, Quirks, Sdp};

use crate::output::{CliError, Out};

/// The `sdp` subcommands.
#[derive(Debug, Subcommand)]
pub enum SdpCommand {
    /// The session and its media, read tolerantly: each quirk of deployed equipment met
    /// is listed in `diagnostics`. An empty file, or one of only blank lines and
    /// whitespace, holds no SDP: `sdp` is null, with an `empty_body` diagnostic.
    Parse {
        /// An SDP file.
        file: PathBuf,
        /// Read FILE as a trickle-ICE SDP fragment (RFC 8840,
        /// `application/trickle-ice-sdpfrag`: the body of a SIP INFO of the `trickle-ice`
        /// package or of a WHIP or WHEP PATCH): `attributes` and `media` (each with its
        /// `mid`), no session lines.
        #[arg(long)]
        fragment: bool,
    },
    /// Strict RFC 8866 validity of each file: exit 0 only when every file is valid (an
    /// empty or blank file, and one larger than the file limit, are invalid).
    Check {
        /// SDP files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Check each FILE as a trickle-ICE SDP fragment (RFC 8840 9.2): `a=` and `m=`
        /// lines only, each by RFC 8866's grammar.
        #[arg(long)]
        fragment: bool,
    },
}

/// Runs one `sdp` subcommand.
pub fn run(cmd: SdpCommand, out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {
        SdpCommand::Parse { file, fragment } => parse(&file, fragment, out),
        SdpCommand::Check { files, fragment } => check(&files, fragment, out),
    }
}

/// The most an SDP file may hold (the parser's own default limit is 256 KiB).
const SDP_FILE_LIMIT: u64 = 1 << 20;

/// A strict verdict's error: `line` and `offset` as keys, `reason` the bare reason (what
/// the parse error kind says, without "SDP line N (byte M): ").
pub(crate) fn error_json(e: &sdp::Error) -> Value {
    let reason = match e.parse_kind() {
        Some(kind) => kind.to_string(),
        None => e.to_string(),
    };
    json!({"line": e.line(), "offset": e.offset(), "reason": reason})
}

fn parse(path: &Path, fragment: bool, out: &mut Out) -> Result<ExitCode, CliError> {
    let bytes = crate::output::read_bounded(path, SDP_FILE_LIMIT)?;
    let parser = sdp::Parser::new().quirks(Quirks::ALL);
    let mut notes = Vec::new();
    let parse_error = |e: sdp::Error| {
        let mut err =
            CliError::new("parse", e.to_string()).with("file", path.display().to_string());
        if let Some(line) = e.line() {
            err = err.with("line", line);
        }
        if let Some(offset) = e.offset() {
            err = err.with("offset", offset);
        }
        err
    };
    if fragment {
        let frag = parser
            .parse_fragment_bytes_with_diagnostics(&bytes, &mut notes)
            .map_err(parse_error)?;
        let mut value = fragment_value(&frag);
        value["file"] = json!(path.display().to_string());
        value["diagnostics"] = notes
            .iter()
            .map(crate::sip_cmd::sdp_diagnostic_json)
            .collect();
        out.emit(&value);
        return Ok(ExitCode::SUCCESS);
    }
    let parsed = parser
        .parse_body_with_diagnostics(&bytes, &mut notes)
        .map_err(parse_error)?;
    // No SDP at all (an empty or blank file): as `sip parse` says of an empty
    // `application/sdp` body.
    let mut value = match &parsed {
        Some(sdp) => sdp_value(sdp),
        None => json!({"sdp": null}),
    };
    value["file"] = json!(path.display().to_string());
    value["diagnostics"] = notes
        .iter()
        .map(crate::sip_cmd::sdp_diagnostic_json)
        .collect();
    out.emit(&value);
    Ok(ExitCode::SUCCESS)
}

/// Each file's strict verdict, one `{file, valid, error}` record per file; a file larger
/// than the file limit is larger than the parser's own limit too, and its record gives
/// the parser's verdict on it (see [`crate::output::check_files`]). Exit 2 when a file
/// cannot be read, else 1 when one is invalid.
fn check(files: &[PathBuf], fragment: bool, out: &mut Out) -> Result<ExitCode, CliError> {
    let parser = sdp::Parser::new();
    Ok(crate::output::check_files(
        files,
        SDP_FILE_LIMIT,
        out,
        |path, bytes| {
            let verdict = if fragment {
                parser
                    .parse_fragment_bytes_with_diagnostics(bytes, &mut Vec::new())
                    .map(drop)
            } else {
                parser.parse_bytes(bytes).map(drop)
            };
            let record = json!({
                "file": path.display().to_string(),
                "valid": verdict.is_ok(),
                "error": verdict.as_ref().err().map(error_json),
            });
            (verdict.is_ok(), record)
        },
    ))
}

/// The JSON of a session, as `sdp parse` prints it and as the `sdp` key of `sip parse`.
pub(crate) fn sdp_value(sdp: &Sdp<'_>) -> Value {
    let media: Vec<Value> = sdp
        .media
        .iter()
        .map(|md| {
            json!({
                "media": md.media,
                "port": md.port,
                "protocol": md.protocol,
                "formats": md.formats,
                "direction": md.direction(sdp).as_str(),
                "connection": md.connection(sdp).and_then(address),
                "codecs": md.codecs().map(|c| json!({
                    "payload_type": c.payload_type,
                    "name": c.name,
                    "clock_rate": c.clock_rate,
                    "channels": c.channels,
                })).collect::<Vec<_>>(),
                "attributes": md.attributes,
            })
        })
        .collect();
    json!({
        "origin": {
            "username": sdp.origin.username,
            "session_id": sdp.origin.session_id,
            "session_version": sdp.origin.session_version,
            "address": sdp.origin.address,
        },
        "session_name": sdp.session_name,
        "connection": sdp.connection.as_ref().and_then(address),
        "attributes": sdp.attributes,
        "media": media,
        "gb28181": (sdp.gb28181_ssrc.is_some() || sdp.gb28181_format.is_some()).then(|| json!({
            "ssrc": sdp.gb28181_ssrc,
            "rtp_ssrc": sdp.gb28181_rtp_ssrc(),
            "format": sdp.gb28181_format,
        })),
    })
}

/// The JSON of a trickle-ICE fragment, as `sdp parse --fragment` prints it and as the
/// `sdpfrag` key of `sip parse`: its session-level attributes and its media sections.
pub(crate) fn fragment_value(frag: &sdp::Fragment<'_>) -> Value {
    let media: Vec<Value> = frag
        .media
        .iter()
        .map(|md| {
            json!({
                "media": md.media,
                "port": md.port,
                "protocol": md.protocol,
                "formats": md.formats,
                "mid": md.mid(),
                "attributes": md.attributes,
            })
        })
        .collect();
    json!({
        "attributes": frag.attributes,
        "media": media,
    })
}

/// A connection's address; none for a `c=` line written without one (an RTSP camera's
/// `c=IN`, read with the `short_connection` quirk).
fn address(c: &sip_core::sdp::Connection<'_>) -> Option<String> {
    (!c.address.is_empty()).then(|| c.address.to_string())
}
