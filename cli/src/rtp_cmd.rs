//! `voipkit rtp ...`: RTP stream analysis and jitter-buffer playout of captures.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::progress::ProgressReader;
use capture::{
    CaptureLimits, CaptureStreams, Discovery, analyze_stream, estimate_quality, read_streams,
};
use clap::Subcommand;
use serde_json::json;

use crate::output::{CliError, Out};

/// The `rtp` subcommands.
#[derive(Debug, Subcommand)]
pub enum RtpCommand {
    /// Per-stream analysis of a pcap/pcapng capture, with the definitions of Wireshark's
    /// RTP stream analysis (packets, lost, max delta, mean and max jitter) and a MOS.
    Analyze {
        /// The capture file (pcap or pcapng).
        file: PathBuf,
    },
    /// Drives the adaptive jitter buffer with each stream's capture arrival times and
    /// reports what it played.
    Playout {
        /// The capture file (pcap or pcapng).
        file: PathBuf,
        /// Smallest target delay, ms (at most the largest).
        #[arg(long, default_value_t = 0)]
        min_delay_ms: u64,
        /// Largest target delay, ms (at most 10000).
        #[arg(long, default_value_t = 1000)]
        max_delay_ms: u64,
    },
}

/// Runs one `rtp` subcommand.
pub fn run(cmd: RtpCommand, out: &mut Out) -> Result<ExitCode, CliError> {
    match cmd {
        RtpCommand::Analyze { file } => analyze(&file, out),
        RtpCommand::Playout {
            file,
            min_delay_ms,
            max_delay_ms,
        } => playout(&file, min_delay_ms, max_delay_ms, out),
    }
}

fn load(file: &Path) -> Result<(CaptureStreams, std::time::Duration), CliError> {
    read_streams(open_capture(file)?, &CaptureLimits::default()).map_err(|e| capture_error(file, e))
}

/// The calls of the capture at `file`, read as far as it reads (an error after the
/// first record is kept in [`capture::MeasuredCalls::stopped`]; one before it is placed
/// as for `rtp analyze`), each stream measured by `measure` once it is over and its
/// packets let go ([`capture::read_calls_measured`]).
pub(crate) fn read_measured_calls_file<M>(
    file: &Path,
    measure: impl FnMut(&capture::SignalledMedia, &capture::RtpStream, std::time::Duration) -> M,
) -> Result<capture::MeasuredCalls<M>, CliError> {
    capture::read_calls_measured(
        open_capture(file)?,
        &CaptureLimits::default(),
        sip_core::calls::ObserverLimits::default(),
        measure,
    )
    .map_err(|e| capture_error(file, e))
}

/// Opens a capture for reading, buffered, with a progress bar on a terminal for a long
/// read.
pub(crate) fn open_capture(
    file: &Path,
) -> Result<std::io::BufReader<ProgressReader<std::fs::File>>, CliError> {
    let f = crate::output::open_file(file)?;
    let meta = f.metadata().map_err(|e| CliError::io(file, &e))?;
    // The bar advances once per 64 KiB the buffer takes, not once per record.
    Ok(std::io::BufReader::with_capacity(
        1 << 16,
        ProgressReader::new(f, meta.len(), &file.display().to_string()),
    ))
}

/// A capture that does not read: `limit` beyond a reading limit, else `parse`, with the
/// byte offset at fault.
pub(crate) fn capture_error(file: &Path, e: capture::Error) -> CliError {
    let kind = if matches!(e, capture::Error::Limit { .. }) {
        "limit"
    } else {
        "parse"
    };
    let mut err = CliError::new(kind, e.to_string()).with("file", file.display().to_string());
    if let capture::Error::Limit { limit, .. } = e {
        err = err.with("limit", limit);
    }
    if let capture::Error::Capture { offset, .. } | capture::Error::Truncated { offset, .. } = e {
        err = err.with("offset", offset);
    }
    err
}

fn stream_id(s: &capture::RtpStream) -> serde_json::Value {
    json!({
        "src": format!("{}:{}", s.src.addr, s.src.port),
        "dst": format!("{}:{}", s.dst.addr, s.dst.port),
        "discovery": match s.discovery { Discovery::Signalled => "sdp", Discovery::Heuristic => "heuristic" },
    })
}

fn analyze(file: &Path, out: &mut Out) -> Result<ExitCode, CliError> {
    let (streams, origin) = load(file)?;
    for s in &streams.streams {
        let a = analyze_stream(&streams, s, origin);
        let id = stream_id(s);
        let quality = estimate_quality(&streams, s, &a);
        // A clock rate outside the supported range: jitter is not measured, so neither
        // jitter nor MOS is given, and the reason is.
        let refused = a
            .unsupported_clock_rate
            .and_then(|rate| rtp_core::check_clock_rate(rate).err());
        let jitter = |v: f64| {
            if refused.is_some() {
                serde_json::Value::Null
            } else {
                json!(v)
            }
        };
        out.emit(&json!({
            "file": file.display().to_string(),
            "ssrc": a.ssrc,
            "ssrc_hex": format!("0x{:08X}", a.ssrc),
            "src": id["src"],
            "dst": id["dst"],
            "discovery": id["discovery"],
            "payload_type": a.payload_type,
            "clock_rate": a.clock_rate,
            "packets": a.packets,
            "expected": a.expected,
            "lost": a.lost,
            "sequence_errors": a.sequence_errors,
            "max_delta_ms": a.max_delta_ms,
            "max_jitter_ms": jitter(a.max_jitter_ms),
            "mean_jitter_ms": jitter(a.mean_jitter_ms),
            "mos": quality.map(|q| (q.mos * 100.0).round() / 100.0),
            "r_factor": quality.map(|q| (q.r * 10.0).round() / 10.0),
            "clock_rate_error": refused.map(|e| json!({
                "kind": "range",
                "message": e.to_string(),
                "clock_rate": a.unsupported_clock_rate,
            })),
        }));
    }
    Ok(ExitCode::SUCCESS)
}

/// The CLI error of `kind` for a number out of its supported range.
fn range_error(kind: &'static str, e: &capture::Error) -> CliError {
    let mut err = CliError::new(kind, e.to_string());
    if let capture::Error::Rtp(rtp_core::Error::OutOfRange {
        value, min, max, ..
    }) = e
    {
        err = err
            .with("value", *value)
            .with("min", *min)
            .with("max", *max);
    }
    err
}

fn playout(file: &Path, min_ms: u64, max_ms: u64, out: &mut Out) -> Result<ExitCode, CliError> {
    let (min, max) = (
        std::time::Duration::from_millis(min_ms),
        std::time::Duration::from_millis(max_ms),
    );
    // Checked before the capture is read: the bounds size the playout loop.
    rtp_core::playout::check_delay_bounds(min, max).map_err(|e| {
        // The delay options are out of range: a usage error.
        range_error("usage", &capture::Error::Rtp(e))
            .with("min_delay_ms", min_ms)
            .with("max_delay_ms", max_ms)
    })?;
    let (streams, _) = load(file)?;
    let reports =
        capture::play_capture(&streams, min, max).map_err(|e| range_error("usage", &e))?;
    let mut code = ExitCode::SUCCESS;
    for (s, r) in streams.streams.iter().zip(reports) {
        let id = stream_id(s);
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                // This stream cannot be played (its clock rate); the others still are.
                out.emit_error(
                    &range_error("range", &e)
                        .with("file", file.display().to_string())
                        .with("ssrc", s.ssrc)
                        .with("ssrc_hex", format!("0x{:08X}", s.ssrc))
                        .with("src", id["src"].clone())
                        .with("dst", id["dst"].clone())
                        .with("clock_rate", capture::stream_clock_rate(&streams, s)),
                );
                code = ExitCode::from(2);
                continue;
            }
        };
        out.emit(&json!({
            "file": file.display().to_string(),
            "ssrc": s.ssrc,
            "ssrc_hex": format!("0x{:08X}", s.ssrc),
            "src": id["src"],
            "dst": id["dst"],
            "frame_ms": r.frame_ms,
            "played": r.stats.played,
            "late": r.stats.late,
            "lost": r.stats.lost,
            "concealed": r.stats.concealed,
            "expanded": r.stats.expanded,
            "merged": r.stats.merged,
            "duplicates": r.stats.duplicates,
            "resets": r.stats.resets,
            "mean_delay_ms": r.mean_delay_ms,
            "p95_delay_ms": r.p95_delay_ms,
            "mean_playout_delay_ms": r.mean_playout_delay_ms,
            "target_delay_ms": r.stats.target_delay_ms,
        }));
    }
    Ok(code)
}
