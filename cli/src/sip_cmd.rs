//! `voipkit sip ...`: check, parse and round-trip SIP messages.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};
use sip_core::{Message, Parser, StartLine, Status, uri::Uri};

use crate::output::{CliError, Out};

/// The `sip` subcommands.
#[derive(Debug, Subcommand)]
pub enum SipCommand {
    /// Strict RFC 3261 validity of each file (one message per file, datagram framing).
    Check {
        /// SIP message files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Accept the quirks of real traffic (LF line ends, `""name""`, `sip:sip:`...).
        #[arg(long)]
        lenient: bool,
    },
    /// Start line, headers in wire order and the main typed headers of a message.
    Parse {
        /// A SIP message file.
        file: PathBuf,
        /// Accept the quirks of real traffic.
        #[arg(long)]
        lenient: bool,
    },
    /// Parses and re-serializes a message; exit 0 only when the bytes are identical.
    Roundtrip {
        /// A SIP message file.
        file: PathBuf,
        /// Accept the quirks of real traffic.
        #[arg(long)]
        lenient: bool,
    },
}

/// Runs one `sip` subcommand.
pub fn run(cmd: SipCommand, out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {
        SipCommand::Check { files, lenient } => check(&files, lenient, out),
        SipCommand::Parse { file, lenient } => parse(&file, lenient, out),
        SipCommand::Roundtrip { file, lenient } => roundtrip(&file, lenient, out),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    crate::output::read_bounded(path, crate::output::SIP_FILE_LIMIT)
}

fn error_json(e: &sip_core::Error) -> Value {
    json!({"offset": e.offset(), "reason": e.reason()})
}

fn parse_error(path: &Path, e: &sip_core::Error) -> CliError {
    CliError::new("parse", e.to_string())
        .with("file", path.display().to_string())
        .with("offset", e.offset())
        .with("reason", e.reason())
}

fn check(files: &[PathBuf], lenient: bool, out: &mut Out) -> Result<ExitCode, CliError> {
    let parser = Parser::new().lenient(lenient);
    let mut all_valid = true;
    let mut unreadable = false;
    for path in files {
        // A file that cannot be read is reported in its place and the others are still
        // checked; the exit code is then 2, as for any error.
        let bytes = match read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                out.emit_error(&err);
                unreadable = true;
                continue;
            }
        };
        let verdict = sip_core::check_with(&parser, &bytes);
        // Kind and method come from the split (lenient if need be), else the first line.
        let (kind, method, status) = kind_of(&parser, &bytes)
            .or_else(|| kind_of(&Parser::new().lenient(true), &bytes))
            .unwrap_or_else(|| guess_kind(&bytes));
        all_valid &= verdict.is_ok();
        out.emit(&json!({
            "file": path.display().to_string(),
            "valid": verdict.is_ok(),
            "kind": kind,
            "method": method,
            "status": status,
            "error": verdict.err().as_ref().map(error_json),
        }));
    }
    Ok(if unreadable {
        ExitCode::from(2)
    } else if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn kind_of(parser: &Parser, bytes: &[u8]) -> Option<(Value, Value, Value)> {
    let mut slots = Vec::new();
    parser
        .parse(bytes, &mut slots)
        .ok()
        .and_then(Status::complete)
        .map(|m| describe(&m.start_line()))
}

fn describe(s: &StartLine<'_>) -> (Value, Value, Value) {
    match s {
        StartLine::Request { method, .. } => (json!("request"), json!(method), Value::Null),
        StartLine::Response { code, .. } => (json!("response"), Value::Null, json!(code)),
    }
}

/// Kind and method from the first line when the message does not split.
fn guess_kind(bytes: &[u8]) -> (Value, Value, Value) {
    let line = bytes.split(|&c| c == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let first = line.split_whitespace().next().unwrap_or("");
    if first.len() >= 4 && first.as_bytes()[..4].eq_ignore_ascii_case(b"SIP/") {
        let code = line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok());
        (json!("response"), Value::Null, json!(code))
    } else if !first.is_empty() && first.bytes().all(|c| c.is_ascii_graphic()) {
        (json!("request"), json!(first), Value::Null)
    } else {
        (Value::Null, Value::Null, Value::Null)
    }
}

fn split<'a>(
    path: &Path,
    bytes: &'a [u8],
    lenient: bool,
    slots: &'a mut Vec<sip_core::HeaderSpan>,
) -> Result<Message<'a>, CliError> {
    match Parser::new().lenient(lenient).parse(bytes, slots) {
        Ok(Status::Complete(m)) => Ok(m),
        Ok(Status::Partial) => {
            Err(CliError::new("parse", "incomplete message")
                .with("file", path.display().to_string()))
        }
        Err(e) => Err(parse_error(path, &e)),
    }
}

fn uri_tag(na: Option<sip_core::headers::NameAddr<'_>>) -> Value {
    match na {
        Some(na) => json!({"uri": na.uri_raw, "tag": na.tag()}),
        None => Value::Null,
    }
}

fn parse(path: &Path, lenient: bool, out: &mut Out) -> Result<ExitCode, CliError> {
    let bytes = read(path)?;
    let mut slots = Vec::new();
    let m = split(path, &bytes, lenient, &mut slots)?;
    let err = |e: sip_core::Error| parse_error(path, &e);
    let headers: Vec<Value> = m
        .headers()
        .map(|h| {
            json!({
                "name": h.name(),
                "value": String::from_utf8_lossy(&h.unfolded()),
            })
        })
        .collect();
    let cseq = m
        .cseq()
        .map_err(err)?
        .map(|c| json!({"seq": c.seq, "method": c.method}));
    let mut via = Vec::new();
    for v in m.vias() {
        let v = v.map_err(err)?;
        via.push(json!({
            "transport": v.transport,
            "host": v.host.to_string(),
            "port": v.port,
            "branch": v.branch(),
        }));
    }
    let ct = m.content_type().map_err(err)?;
    let request_uri = match m.request_uri() {
        Some(u) => Some(Uri::parse_with(u, lenient).map_err(|e| err(e.shifted(m.offset())))?),
        None => None,
    };
    out.emit(&json!({
        "file": path.display().to_string(),
        "start_line": String::from_utf8_lossy(m.start_line_bytes()),
        "kind": if m.is_request() { "request" } else { "response" },
        "method": m.method(),
        "status": m.status(),
        "request_uri": request_uri.map(|u| u.to_string()),
        "headers": headers,
        "call_id": m.call_id(),
        "cseq": cseq,
        "from": uri_tag(m.from().map_err(err)?),
        "to": uri_tag(m.to().map_err(err)?),
        "via": via,
        "content_type": ct.map(|c| format!("{}/{}", c.mtype, c.subtype)),
        "content_length": m.content_length(),
        "body_len": m.body().len(),
        "sdp": sdp_json(path, &m)?,
    }));
    Ok(ExitCode::SUCCESS)
}

/// The SDP of the body (`application/sdp`, or a part of a multipart body), or null.
fn sdp_json(path: &Path, m: &Message<'_>) -> Result<Value, CliError> {
    let Some(ct) = m.content_type_raw() else {
        return Ok(Value::Null);
    };
    let ct = String::from_utf8_lossy(ct);
    let parsed = sip_core::sdp::from_sip_body(&sip_core::sdp::Parser::new(), &ct, m.body())
        .map_err(|e| {
            CliError::new("parse", format!("SDP: {e}"))
                .with("file", path.display().to_string())
                .with("body_offset", m.body_offset())
        })?;
    let Some(sdp) = parsed else {
        return Ok(Value::Null);
    };
    let media: Vec<Value> = sdp
        .media
        .iter()
        .map(|md| {
            json!({
                "media": md.media,
                "port": md.port,
                "protocol": md.protocol,
                "formats": md.formats,
                "direction": md.direction(&sdp).as_str(),
                "connection": md.connection(&sdp).map(|c| c.address.to_string()),
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
    Ok(json!({
        "origin": {
            "username": sdp.origin.username,
            "session_id": sdp.origin.session_id,
            "session_version": sdp.origin.session_version,
            "address": sdp.origin.address,
        },
        "session_name": sdp.session_name,
        "connection": sdp.connection.as_ref().map(|c| c.address.to_string()),
        "attributes": sdp.attributes,
        "media": media,
    }))
}

fn roundtrip(path: &Path, lenient: bool, out: &mut Out) -> Result<ExitCode, CliError> {
    let bytes = read(path)?;
    let parser = Parser::new().lenient(lenient);
    let owned = sip_core::SipMessage::parse_with(&parser, bytes.clone())
        .map_err(|e| parse_error(path, &e))?;
    // Rebuild the wire form from the parsed pieces: start line, each header line, the
    // empty line and the body.
    let view = owned.view();
    let mut rebuilt = Vec::with_capacity(bytes.len());
    view.write_to(&mut rebuilt);
    let identical = rebuilt == bytes;
    out.emit(&json!({
        "file": path.display().to_string(),
        "identical": identical,
        "input_len": bytes.len(),
        "output_len": rebuilt.len(),
    }));
    Ok(if identical {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
