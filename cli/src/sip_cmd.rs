//! `voipkit sip ...`: check, parse and round-trip SIP messages.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};
use sip_core::sdp::SessionBody;
use sip_core::{Message, Parser, StartLine, Status, uri::Uri};

use crate::output::{Checked, CliError, Out};

/// The `sip` subcommands.
#[derive(Debug, Subcommand)]
pub enum SipCommand {
    /// Strict RFC 3261 validity of each file (one message per file, datagram framing),
    /// or of every SIP message of a pcap or pcapng capture (one record per message, with
    /// its `frame`, `time`, `src`, `dst` and `transport`).
    Check {
        /// SIP message files or captures.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Accept the quirks of real traffic (LF line ends, `""name""`, `sip:sip:`...).
        #[arg(long)]
        lenient: bool,
    },
    /// Start line, headers in wire order and the main typed headers of a message, read
    /// tolerantly: a problem confined to one header or the body leaves its field null (or
    /// read leniently) and is listed in `diagnostics` (what `sip check` reports, with
    /// where); `sdp` is null with `sdp_error` when the body does not parse; `sdpfrag`
    /// is the trickle-ICE fragment of an INFO's `application/trickle-ice-sdpfrag` body
    /// (or part of a multipart body);
    /// `trailing_bytes` counts what followed the body and `trailing` shows its first 64
    /// bytes, escaped (`\r\n` for a stray line end). Of a pcap or pcapng capture: every
    /// SIP message in it, one record each, with its `frame`, `time`, `src`, `dst` and
    /// `transport` (over UDP, TCP or WebSocket, inside mirror tunnels, or inside HEP
    /// packets on a Homer collector: then at the agent's addresses and time).
    Parse {
        /// A SIP message file or a capture.
        file: PathBuf,
        /// Accepted for compatibility: reading is always tolerant here.
        #[arg(long)]
        lenient: bool,
    },
    /// Parses and re-serializes a message; exit 0 only when the bytes are identical.
    /// Reads strictly by default (a message `sip check` rejects for its framing is an
    /// error, exit 2); `--lenient` reads it with the quirks of real traffic first.
    /// Bytes after the message are left out of the comparison and reported
    /// (`trailing_bytes`, and `trailing`: the first 64 escaped). Of a pcap or pcapng
    /// capture: every SIP message in it, one record each (exit 0 when all are identical).
    Roundtrip {
        /// A SIP message file or a capture.
        file: PathBuf,
        /// Read with the quirks of real traffic (LF line ends, leading CRLFs, a short
        /// body, a line that is not a header...).
        #[arg(long)]
        lenient: bool,
    },
    /// STIR/SHAKEN: checks each PASSporT in the Identity headers of each message (files
    /// or captures) as a verifier does, with the signing certificate `--cert` (the PEM
    /// served at the PASSporT's `x5u`, fetched beforehand; its first certificate is the
    /// signer's): `alg` ES256, the signature over the header and claims, the certificate
    /// valid when it was signed, and `iat` within `--max-age` seconds of the message's
    /// Date (RFC 8224 6.2.1). One record per message: `identities`, each with `verified`
    /// and `error` ({kind, reason}), `age_seconds` and `fresh`; `verified` when there is
    /// one or more and every one verifies and is fresh. Whether the certificate chains to
    /// a trusted STI-CA is not checked. Exit 0 when every message verifies, 1 when one
    /// does not, 2 when a file or the certificate cannot be read.
    Verify {
        /// The signing certificate (PEM; a chain starts with the signer's).
        #[arg(long)]
        cert: PathBuf,
        /// How old a PASSporT may be beside the message's Date, in seconds.
        #[arg(long, default_value_t = 60)]
        max_age: u32,
        /// SIP message files or captures.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Runs one `sip` subcommand.
pub fn run(cmd: SipCommand, out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {
        SipCommand::Check { files, lenient } => check(&files, lenient, out),
        SipCommand::Parse { file, lenient } => parse(&file, lenient, out),
        SipCommand::Roundtrip { file, lenient } => roundtrip(&file, lenient, out),
        SipCommand::Verify {
            cert,
            max_age,
            files,
        } => verify(&cert, max_age, &files, out),
    }
}

/// The most a certificate file of `sip verify` may hold (an `x5u` chain is a few KB).
const CERT_FILE_LIMIT: u64 = 1 << 20;

/// `sip verify`: each message's Identity headers checked with the certificate at
/// `cert_path`.
fn verify(
    cert_path: &Path,
    max_age: u32,
    files: &[PathBuf],
    out: &mut Out,
) -> Result<ExitCode, CliError> {
    let pem = crate::output::read_bounded(cert_path, CERT_FILE_LIMIT)?;
    let cert = std::str::from_utf8(&pem)
        .map_err(|_| "not PEM text".to_owned())
        .and_then(|text| {
            sip_core::passport::SigningCertificate::from_pem(text).map_err(|e| e.to_string())
        })
        .map_err(|reason| {
            CliError::new("certificate", reason).with("file", cert_path.display().to_string())
        })?;
    let record = |path: &Path, bytes: &[u8]| -> Result<(bool, Value), CliError> {
        let mut slots = Vec::new();
        let m = split(path, bytes, true, &mut slots)?;
        Ok(verify_record(path, &m, &cert, max_age))
    };
    let mut verdict = Checked::Valid;
    for path in files {
        verdict = verdict.and(match open_input(path) {
            Ok(Input::Capture(capture)) => {
                each_captured(path, capture, out, |bytes, _| record(path, bytes))
            }
            Ok(Input::Message(bytes, more)) => {
                match read_message(path, bytes, more).and_then(|b| record(path, &b)) {
                    Ok((good, r)) => {
                        out.emit(&r);
                        Checked::of(good)
                    }
                    Err(e) => {
                        out.emit_error(&e);
                        Checked::Unreadable
                    }
                }
            }
            Err(e) => {
                out.emit_error(&e);
                Checked::Unreadable
            }
        });
    }
    Ok(verdict.exit_code())
}

/// The record of `sip verify` for one message, and whether it verifies.
fn verify_record(
    path: &Path,
    m: &Message<'_>,
    cert: &sip_core::passport::SigningCertificate,
    max_age: u32,
) -> (bool, Value) {
    use sip_core::passport::IdentityError;
    let v = m.verify_identities(cert, max_age);
    let identities: Vec<Value> = v
        .identities
        .iter()
        .map(|i| {
            let p = i.passport.as_ref();
            let error = i.error.as_ref().map(|e| {
                let reason = match e {
                    IdentityError::Header(h) => h.reason().to_owned(),
                    IdentityError::Verify(e) => e.to_string(),
                };
                json!({"kind": e.kind(), "reason": reason})
            });
            json!({
                "index": i.index,
                "ppt": p.and_then(|p| p.header.ppt.clone()),
                "x5u": p.and_then(|p| p.header.x5u.clone()),
                "attest": p.and_then(|p| p.claims.attest.clone()),
                "orig": p.and_then(|p| p.claims.orig.as_ref().map(party_json)),
                "dest": p.map(|p| p.claims.dest.iter().map(party_json).collect::<Vec<_>>()),
                "iat": p.and_then(|p| p.claims.iat).map(|t| t.to_string()),
                "verified": i.verified(),
                "error": error,
                "age_seconds": i.age_seconds,
                "fresh": i.fresh,
                "orig_matches": i.orig_matches,
                "dest_matches": i.dest_matches,
            })
        })
        .collect();
    let verified = v.verified();
    let record = json!({
        "file": path.display().to_string(),
        "call_id": m.call_id(),
        "date": v.date.as_ref().ok().copied().flatten().map(|t| t.to_string()),
        "date_error": v.date.as_ref().err().map(error_json),
        "certificate": {
            "subject": cert.subject(),
            "not_before": cert.not_before().to_string(),
            "not_after": cert.not_after().to_string(),
        },
        "identities": identities,
        "verified": verified,
    });
    (verified, record)
}

/// The most of what follows a message that `trailing` shows.
const TRAILING_SHOWN: usize = 64;

/// What follows the message (a stray CRLF, another message, garbage), its first
/// [`TRAILING_SHOWN`] bytes escaped as Rust writes bytes (`\r\n`, `\x00`); null when
/// nothing follows.
fn trailing(rest: &[u8]) -> Value {
    if rest.is_empty() {
        return Value::Null;
    }
    json!(
        rest[..rest.len().min(TRAILING_SHOWN)]
            .escape_ascii()
            .to_string()
    )
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
    // A message of a TCP flow in a capture is checked with stream framing: it must have
    // a Content-Length (RFC 3261 18.3, 20.14), and one cut short is incomplete.
    let over_tcp = parser.stream();
    let record = |path: &Path, bytes: &[u8], transport: Option<capture::Transport>| {
        let checker = if transport == Some(capture::Transport::Tcp) {
            &over_tcp
        } else {
            &parser
        };
        let verdict = sip_core::check_with(checker, bytes);
        // Kind and method come from the split (lenient if need be), else the first
        // line.
        let (kind, method, status) = kind_of(&parser, bytes)
            .or_else(|| kind_of(&Parser::new().lenient(true), bytes))
            .unwrap_or_else(|| guess_kind(bytes));
        let record = json!({
            "file": path.display().to_string(),
            "valid": verdict.is_ok(),
            "kind": kind,
            "method": method,
            "status": status,
            "error": verdict.as_ref().err().map(error_json),
        });
        (verdict.is_ok(), record)
    };
    let mut verdict = Checked::Valid;
    for path in files {
        verdict = verdict.and(match open_input(path) {
            Ok(Input::Capture(capture)) => each_captured(path, capture, out, |bytes, t| {
                Ok(record(path, bytes, Some(t)))
            }),
            // A file over the limit is checked on its first bytes: the verdict is the
            // parser's limit error, in a record like any other invalid file's.
            Ok(Input::Message(bytes, _)) => {
                let (valid, r) = record(path, &bytes, None);
                out.emit(&r);
                Checked::of(valid)
            }
            Err(e) => {
                out.emit_error(&e);
                Checked::Unreadable
            }
        });
    }
    Ok(verdict.exit_code())
}

/// A capture, buffered (see [`crate::rtp_cmd::open_capture`]).
type CaptureReader = std::io::BufReader<crate::progress::ProgressReader<std::fs::File>>;

/// A SIP input, opened once (so a pipe or `/dev/stdin` reads too): a pcap or pcapng
/// capture (told by its magic number) to read message by message, or the bytes of one
/// message file, at most [`crate::output::SIP_FILE_LIMIT`] of them, and whether the
/// file holds more.
enum Input {
    Capture(CaptureReader),
    Message(Vec<u8>, bool),
}

fn open_input(path: &Path) -> Result<Input, CliError> {
    use std::io::{BufRead, Read};
    let mut reader = crate::rtp_cmd::open_capture(path)?;
    let head = reader.fill_buf().map_err(|e| CliError::io(path, &e))?;
    if capture::is_capture(head) {
        return Ok(Input::Capture(reader));
    }
    let limit = crate::output::SIP_FILE_LIMIT;
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::io(path, &e))?;
    let more = bytes.len() as u64 > limit;
    bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(Input::Message(bytes, more))
}

/// The bytes of the message file at `path`; one over the limit is an error.
fn read_message(path: &Path, bytes: Vec<u8>, more: bool) -> Result<Vec<u8>, CliError> {
    if more {
        return Err(CliError::too_large(path, crate::output::SIP_FILE_LIMIT));
    }
    Ok(bytes)
}

/// Where a message of a capture was: the frame that carried it, its capture time, its
/// endpoints and transport, and (of a message read out of a HEP packet) the capture
/// agent that sent it.
fn origin_json(d: &capture::UdpDatagram, transport: capture::Transport) -> Value {
    json!({
        "frame": d.frame,
        "time": crate::report_cmd::iso(d.time),
        "src": std::net::SocketAddr::from(d.src).to_string(),
        "dst": std::net::SocketAddr::from(d.dst).to_string(),
        "transport": transport.name(),
        "agent": d.agent.as_ref().map(|a| json!({
            "capture_id": a.capture_id,
            "node_name": a.node_name,
        })),
    })
}

/// A message's record with the keys of where in the capture it was.
fn with_origin(mut record: Value, origin: Value) -> Value {
    if let (Value::Object(record), Value::Object(origin)) = (&mut record, origin) {
        record.extend(origin);
    }
    record
}

/// Hands each SIP message of the capture at `path` to `each`, in capture order, with
/// where it was ([`origin_json`]): the messages of every datagram as the report takes
/// them ([`capture::sip_messages`]: a UDP datagram that the tolerant reading takes as
/// SIP, whole; each message of a TCP flow, one that spans segments put back together).
/// A capture without any is an error, as is one that stops reading (what was read
/// before is handed on first).
fn capture_messages(
    path: &Path,
    capture: CaptureReader,
    mut each: impl FnMut(&[u8], capture::Transport, Value),
) -> Result<(), CliError> {
    let mut found = 0usize;
    let read = capture::read_capture_each(
        capture,
        &capture::CaptureLimits::default(),
        |d, transport| {
            for message in capture::sip_messages(&d.payload, transport) {
                found += 1;
                each(message, transport, origin_json(&d, transport));
            }
        },
    )
    .map_err(|e| crate::rtp_cmd::capture_error(path, e))?;
    if let Some(e) = read.stopped {
        return Err(crate::rtp_cmd::capture_error(path, e));
    }
    if found == 0 {
        return Err(CliError::new("parse", "no SIP message in the capture")
            .with("file", path.display().to_string()));
    }
    Ok(())
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
        Some(na) => json!({"uri": na.uri_raw, "tag": na.tag(), "display": na.display_name()}),
        None => Value::Null,
    }
}

/// `sip parse`: the message read tolerantly (every quirk of real traffic accepted). A
/// problem confined to one header or the body does not fail the command: the field it
/// feeds is null (or read leniently) and `diagnostics` says where and why (what the
/// strict `sip check` reports, all of it). `--lenient` is accepted for compatibility;
/// reading is always tolerant here.
fn parse(path: &Path, _lenient: bool, out: &mut Out) -> Result<ExitCode, CliError> {
    match open_input(path)? {
        Input::Capture(capture) => Ok(each_captured(path, capture, out, |bytes, _| {
            parse_record(path, bytes).map(|record| (true, record))
        })
        .exit_code()),
        Input::Message(bytes, more) => {
            out.emit(&parse_record(path, &read_message(path, bytes, more)?)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Runs `record` on each SIP message of the capture at `path` and emits its record with
/// where the message was, or its error with the same keys: valid when every record says
/// so, invalid when one does not, unreadable when a message or the capture does not read
/// (the capture's error emitted after the records read before it).
fn each_captured(
    path: &Path,
    capture: CaptureReader,
    out: &mut Out,
    mut record: impl FnMut(&[u8], capture::Transport) -> Result<(bool, Value), CliError>,
) -> Checked {
    let mut verdict = Checked::Valid;
    let read = capture_messages(path, capture, |bytes, transport, origin| {
        match record(bytes, transport) {
            Ok((good, r)) => {
                out.emit(&with_origin(r, origin));
                verdict = verdict.and(Checked::of(good));
            }
            Err(mut e) => {
                if let Value::Object(origin) = origin {
                    for (k, v) in origin {
                        e = e.with(&k, v);
                    }
                }
                out.emit_error(&e);
                verdict = Checked::Unreadable;
            }
        }
    });
    if let Err(e) = read {
        out.emit_error(&e);
        verdict = Checked::Unreadable;
    }
    verdict
}

/// The record of `sip parse` for one message.
fn parse_record(path: &Path, bytes: &[u8]) -> Result<Value, CliError> {
    let mut slots = Vec::new();
    let m = split(path, bytes, true, &mut slots)?;
    // Every strict problem, including what the tolerant read accepted.
    let mut diagnostics: Vec<Value> = m
        .diagnostics(&Parser::new())
        .iter()
        .map(|d| diagnostic_json(&m, d))
        .collect();
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
        .ok()
        .flatten()
        .map(|c| json!({"seq": c.seq, "method": c.method}));
    let via: Vec<Value> = m
        .vias()
        // A bad Via is left out here; `diagnostics` says where and why.
        .filter_map(Result::ok)
        .map(|v| {
            json!({
                "transport": v.transport,
                "host": v.host.to_string(),
                "port": v.port,
                "branch": v.branch(),
            })
        })
        .collect();
    let ct = m.content_type().ok().flatten();
    let request_uri = m
        .request_uri()
        .and_then(|u| Uri::parse_with(u, true).ok())
        .map(|u| u.to_string());
    let ((sdp, sdpfrag), sdp_error) = match sdp_json(&m, &mut diagnostics) {
        Ok(found) => (found, Value::Null),
        Err(e) => {
            let error = crate::sdp_cmd::error_json(&e);
            // The body that does not parse is a diagnostic too.
            diagnostics.push(json!({
                "where": "body",
                "offset": error["offset"],
                "line": error["line"],
                "reason": error["reason"],
            }));
            ((Value::Null, Value::Null), error)
        }
    };
    Ok(json!({
        "file": path.display().to_string(),
        "start_line": String::from_utf8_lossy(m.start_line_bytes()),
        "kind": if m.is_request() { "request" } else { "response" },
        "method": m.method(),
        "status": m.status(),
        "request_uri": request_uri,
        "headers": headers,
        "call_id": m.call_id(),
        "cseq": cseq,
        "from": uri_tag(m.from().ok().flatten()),
        "to": uri_tag(m.to().ok().flatten()),
        "via": via,
        "content_type": ct.map(|c| format!("{}/{}", c.mtype, c.subtype)),
        "content_length": m.content_length(),
        "body_len": m.body().len(),
        "sdp": sdp,
        "sdpfrag": sdpfrag,
        "sdp_error": sdp_error,
        "diagnostics": diagnostics,
        "trailing_bytes": bytes.len() - m.consumed(),
        "trailing": trailing(&bytes[m.consumed()..]),
        "asserted_identity": m
            .p_asserted_identities()
            .filter_map(Result::ok)
            .map(|a| a.uri_raw)
            .collect::<Vec<_>>(),
        "privacy": m
            .privacy()
            .ok()
            .flatten()
            .map(|p| p.values().collect::<Vec<_>>()),
        "diversion": diversion_json(&m),
        "history_info": history_info_json(&m),
        "identity": identity_json(&m),
        "attest": m.shaken_attestation(),
        "charging_vector": m.p_charging_vector().ok().flatten().map(|v| {
            json!({
                "icid": v.icid(),
                "icid_generated_at": v.icid_generated_at(),
                "orig_ioi": v.orig_ioi(),
                "term_ioi": v.term_ioi(),
            })
        }),
    }))
}

/// `diversion` of `sip parse`: each Diversion value, newest first (a bad one is left out;
/// `diagnostics` says where and why).
fn diversion_json(m: &Message<'_>) -> Vec<Value> {
    m.diversions()
        .filter_map(Result::ok)
        .map(|d| {
            json!({
                "uri": d.addr.uri_raw,
                "reason": d.reason(),
                "counter": d.counter,
                "privacy": d.privacy(),
                "screen": d.screen(),
            })
        })
        .collect()
}

/// `history_info` of `sip parse`: each entry with its index and the Reason its target
/// was left for.
fn history_info_json(m: &Message<'_>) -> Vec<Value> {
    m.history_info()
        .filter_map(Result::ok)
        .map(|h| {
            json!({
                "uri": h.addr.uri_raw,
                "index": h.index,
                "reason": h.reason().map(|r| json!({
                    "protocol": r.protocol,
                    "cause": r.cause,
                    "text": r.text,
                })),
            })
        })
        .collect()
}

fn party_json(p: &sip_core::passport::Party) -> Value {
    match p {
        sip_core::passport::Party::Tn(tn) => json!({"tn": tn}),
        sip_core::passport::Party::Uri(uri) => json!({"uri": uri}),
    }
}

/// `identity` of `sip parse`: each Identity header (STIR/SHAKEN) with its PASSporT
/// decoded (the signature is not checked here: `sip verify` checks it with the
/// certificate), or `passport_error` saying why it does not decode.
fn identity_json(m: &Message<'_>) -> Vec<Value> {
    m.identities()
        .filter_map(Result::ok)
        .map(|id| {
            let (passport, error) = match id.passport() {
                Ok(p) => (
                    json!({
                        "alg": p.header.alg,
                        "ppt": p.header.ppt,
                        "x5u": p.header.x5u,
                        "attest": p.claims.attest,
                        "orig": p.claims.orig.as_ref().map(party_json),
                        "dest": p.claims.dest.iter().map(party_json).collect::<Vec<_>>(),
                        "div": p.claims.div.iter().map(party_json).collect::<Vec<_>>(),
                        "iat": p.claims.iat.map(|t| t.to_string()),
                        "origid": p.claims.origid,
                    }),
                    Value::Null,
                ),
                Err(e) => (Value::Null, json!(e.to_string())),
            };
            json!({
                "info": id.info,
                "alg": id.alg,
                "ppt": id.ppt,
                "passport": passport,
                "passport_error": error,
            })
        })
        .collect()
}

/// One diagnostic of `sip parse`: `where` is `start_line`, `header` (with its index and
/// name), `headers` or `body`.
fn diagnostic_json(m: &Message<'_>, d: &sip_core::Diagnostic) -> Value {
    let mut v = json!({"offset": d.offset(), "reason": d.reason()});
    let place = match d.place {
        sip_core::Place::StartLine => "start_line",
        sip_core::Place::Header(i) => {
            v["header"] = json!(i);
            v["name"] = json!(m.headers().nth(i).map(|h| h.name()));
            "header"
        }
        sip_core::Place::Body => "body",
        _ => "headers",
    };
    v["where"] = json!(place);
    v
}

/// The SDP of the body (`application/sdp`, or a part of a multipart body), or null, and
/// its trickle-ICE fragment (`application/trickle-ice-sdpfrag`, the body of an INFO of
/// the `trickle-ice` package, or a part of a multipart body), or null, read with every quirk of deployed equipment
/// accepted; each quirk met is added to `diagnostics` (`where: "body"`, with its SDP line
/// and quirk name).
fn sdp_json(
    m: &Message<'_>,
    diagnostics: &mut Vec<Value>,
) -> Result<(Value, Value), sip_core::sdp::Error> {
    let parser = sip_core::sdp::Parser::new().quirks(sip_core::sdp::Quirks::ALL);
    let mut notes = Vec::new();
    let read = m.session_body_with_diagnostics(&parser, &mut notes);
    diagnostics.extend(notes.iter().map(sdp_diagnostic_json));
    Ok(match read? {
        Some(SessionBody::Sdp(sdp)) => (crate::sdp_cmd::sdp_value(&sdp), Value::Null),
        Some(SessionBody::Fragment(f)) => (Value::Null, crate::sdp_cmd::fragment_value(&f)),
        None => (Value::Null, Value::Null),
    })
}

/// An SDP quirk met, as a diagnostic of `sip parse` or `sdp parse`.
pub(crate) fn sdp_diagnostic_json(d: &sip_core::sdp::Diagnostic) -> Value {
    json!({
        "where": "body",
        "offset": d.offset,
        "line": d.line,
        "quirk": d.quirk.name(),
        "reason": d.reason,
    })
}

fn roundtrip(path: &Path, lenient: bool, out: &mut Out) -> Result<ExitCode, CliError> {
    let bytes = match open_input(path)? {
        Input::Capture(capture) => {
            return Ok(each_captured(path, capture, out, |bytes, _| {
                roundtrip_record(path, bytes, lenient)
            })
            .exit_code());
        }
        Input::Message(bytes, more) => read_message(path, bytes, more)?,
    };
    let (identical, record) = roundtrip_record(path, &bytes, lenient)?;
    out.emit(&record);
    Ok(if identical {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The record of `sip roundtrip` for one message, and whether it wrote back identical.
fn roundtrip_record(path: &Path, bytes: &[u8], lenient: bool) -> Result<(bool, Value), CliError> {
    let parser = Parser::new().lenient(lenient);
    let mut slots = Vec::new();
    let m = split(path, bytes, lenient, &mut slots)?;
    // The message's own bytes: from its start line to the end of its body. What came
    // before (keep-alive CRLFs) and after (bytes past Content-Length) is reported, not
    // compared.
    let own = &bytes[m.offset()..m.consumed()];
    let owned = sip_core::SipMessage::parse_with(&parser, own.to_vec())
        .map_err(|e| parse_error(path, &e))?;
    // Rebuilt from the parsed pieces: start line, each header line, the empty line and
    // the body.
    let mut rebuilt = Vec::with_capacity(own.len());
    owned.view().write_to(&mut rebuilt);
    let identical = rebuilt == own;
    let first_difference = rebuilt
        .iter()
        .zip(own)
        .position(|(a, b)| a != b)
        .or((rebuilt.len() != own.len()).then(|| rebuilt.len().min(own.len())));
    let record = json!({
        "file": path.display().to_string(),
        "identical": identical,
        "input_len": bytes.len(),
        "message_len": own.len(),
        "output_len": rebuilt.len(),
        "leading_bytes": m.offset(),
        "trailing_bytes": bytes.len() - m.consumed(),
        "trailing": trailing(&bytes[m.consumed()..]),
        "first_difference": first_difference.map(|i| i + m.offset()),
    });
    Ok((identical, record))
}
