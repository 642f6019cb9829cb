//! `voipkit report CAPTURE`: from a capture to calls, their media quality and their
//! cost. The calls come from the SIP dialogs in the capture (`sip_core::calls`), each
//! call's RTP streams are those its SDP announced, analysed as `rtp analyze` does
//! (Wireshark's definitions) and played through the jitter buffer as `rtp playout`
//! does; with `--plan` each answered call is rated, with `--rulebook` the traffic is
//! checked against the rulebook's traffic rule.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use capture::{RtpStream, SignalledMedia, measure_stream, quality_windows};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use sip_core::calls::{ObservedCall, Side};

use crate::output::{CliError, Column, Out, aligned_table};
use crate::report_html::{CallView, PointView, ReportView, StepView, StreamView};

/// The arguments of `voipkit report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// A pcap or pcapng capture with the SIP signalling and the RTP of the calls.
    pub capture: PathBuf,
    /// Rate each answered call with this plan (TOML or JSON).
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// Check the traffic against this rulebook's traffic rule (a preset or a file).
    #[arg(long)]
    pub rulebook: Option<String>,
    /// Also write the report as one self-contained HTML file.
    #[arg(long)]
    pub html: Option<PathBuf>,
}

/// One RTP stream of a call, measured.
struct Measured {
    record: Value,
    view: StreamView,
    mos: Option<f64>,
}

/// Runs `voipkit report`.
pub fn run(args: &ReportArgs, out: &mut Out) -> Result<ExitCode, CliError> {
    let file = args.capture.as_path();
    // The calls from every SIP message in capture order (UDP and TCP), each with the
    // streams its SDP announced; a capture cut short or damaged further on is read up
    // to there, and the report says where and why it stopped.
    // Each stream is measured once it is over and its packets let go, so memory follows
    // the calls in progress, not the capture's length.
    let found = crate::rtp_cmd::read_measured_calls_file(file, measure)?;
    let stopped = found.stopped.clone();
    let measured: Vec<&Measured> = found.streams.iter().map(|s| &s.measure).collect();

    let engine = match &args.plan {
        Some(path) => Some(crate::tariff_cmd::load_engine(path)?),
        None => None,
    };
    let mut usage = engine.as_ref().map(tariff::BundleUsage::new);

    let mut records = Vec::new();
    let mut views = Vec::new();
    let mut total_cost = Decimal::ZERO;
    let mut rating_errors = 0u64;
    let mut attempts = Vec::new();
    for found_call in &found.calls {
        let call = &found_call.call;
        let mut stream_records = Vec::new();
        let mut stream_views = Vec::new();
        let mut mos = Vec::new();
        for s in &found_call.streams {
            let direction = match s.to {
                Side::Caller => "callee → caller".to_owned(),
                Side::Callee => "caller → callee".to_owned(),
            };
            let m = &measured[s.index];
            let mut record = m.record.clone();
            record["direction"] = json!(direction);
            stream_records.push(record);
            let mut view = m.view.clone();
            view.title = format!("{direction} · {}", view.title);
            stream_views.push(view);
            if let Some(q) = m.mos {
                mos.push((direction.clone(), q));
            }
        }
        let duration = call.duration();
        let cost = match (&engine, usage.as_mut()) {
            (Some(engine), Some(usage)) => match rate_call(engine, usage, call) {
                None => Value::Null,
                Some(Ok(cost)) => match total_cost.checked_add(cost) {
                    Some(sum) => {
                        total_cost = sum;
                        json!(cost.to_string())
                    }
                    None => {
                        rating_errors += 1;
                        json!({"error": "the total cost overflows the decimal range"})
                    }
                },
                Some(Err(e)) => {
                    rating_errors += 1;
                    json!({ "error": e })
                }
            },
            _ => Value::Null,
        };
        attempts.push(tariff::CallAttempt {
            answered: call.answered_at.is_some(),
            duration_s: duration.map_or(Decimal::ZERO, |d| {
                Decimal::from(d.as_millis() as u64) / Decimal::from(1000)
            }),
        });
        let record = call_record(file, call, stream_records, cost);
        views.push(call_view(call, &record, stream_views, mos));
        records.push(record);
    }
    let unsignalled: Vec<&Measured> = found.unsignalled.iter().map(|i| measured[*i]).collect();
    let mut summary = summary(&attempts, engine.as_ref().map(|_| total_cost), args)?;
    if engine.is_some() {
        // Calls the plan could not rate are not in the total; they are counted here.
        summary["rating_errors"] = json!(rating_errors);
    }
    if let Some(e) = &stopped {
        let offset = match e {
            capture::Error::Capture { offset, .. } | capture::Error::Truncated { offset, .. } => {
                Some(*offset)
            }
            _ => None,
        };
        summary["capture_stopped"] = json!({"offset": offset, "reason": e.to_string()});
    }

    if let Some(html) = &args.html {
        let view = ReportView {
            title: file.display().to_string(),
            summary: summary_rows(&summary),
            columns: COLUMNS.iter().map(|c| c.title.to_owned()).collect(),
            calls: views,
            unsignalled: unsignalled.iter().map(|m| m.view.clone()).collect(),
        };
        std::fs::write(html, crate::report_html::render(&view))
            .map_err(|e| CliError::io(html, &e))?;
    }
    if out.is_json() {
        for r in &records {
            out.emit(r);
        }
        for m in &unsignalled {
            out.emit(&json!({"unsignalled_stream": m.record}));
        }
        out.emit(&json!({ "summary": summary }));
    } else {
        let rows: Vec<Vec<String>> = records.iter().map(row).collect();
        let mut text = aligned_table(&COLUMNS, &rows);
        if !unsignalled.is_empty() {
            text.push_str(&format!(
                "\n{} stream(s) without signalling in the capture\n",
                unsignalled.len()
            ));
        }
        text.push('\n');
        for (k, v) in summary_rows(&summary) {
            text.push_str(&format!("{k}: {v}\n"));
        }
        out.text(&text);
    }
    Ok(ExitCode::SUCCESS)
}

/// The call list's columns in the readable table.
const COLUMNS: [Column; 10] = [
    Column {
        title: "call id",
        right: false,
    },
    Column {
        title: "from",
        right: false,
    },
    Column {
        title: "to",
        right: false,
    },
    Column {
        title: "invite",
        right: false,
    },
    Column {
        title: "pdd ms",
        right: true,
    },
    Column {
        title: "duration s",
        right: true,
    },
    Column {
        title: "end",
        right: false,
    },
    Column {
        title: "status",
        right: true,
    },
    Column {
        title: "worst MOS",
        right: true,
    },
    Column {
        title: "cost",
        right: true,
    },
];

fn row(r: &Value) -> Vec<String> {
    let text = |v: &Value| match v {
        Value::Null => "-".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let worst = r["streams"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["mos"].as_f64())
        .fold(None, |a: Option<f64>, m| Some(a.map_or(m, |a| a.min(m))));
    vec![
        text(&r["call_id"]),
        text(&r["from"]),
        text(&r["to"]),
        text(&r["invite_at"]),
        r["pdd_ms"]
            .as_f64()
            .map_or("-".into(), |v| format!("{v:.0}")),
        r["duration_s"]
            .as_f64()
            .map_or("-".into(), |v| format!("{v:.1}")),
        text(&r["end_reason"]),
        text(&r["final_status"]),
        worst.map_or("-".into(), |m| format!("{m:.2}")),
        match &r["cost"] {
            Value::String(s) => s.clone(),
            Value::Null => "-".into(),
            _ => "error".into(),
        },
    ]
}

/// The cost of an answered call under the plan: from its answer, for its duration in
/// whole seconds (a started second counts), to the number its To URI names. `None` for
/// a call that was not answered or is still running at the end of the capture.
fn rate_call(
    engine: &tariff::RatingEngine,
    usage: &mut tariff::BundleUsage,
    call: &ObservedCall,
) -> Option<Result<Decimal, String>> {
    let (answered, duration) = (call.answered_at?, call.duration()?);
    Some((|| {
        let start = i64::try_from(answered.as_nanos())
            .ok()
            .and_then(|n| jiff::Timestamp::from_nanosecond(n.into()).ok())
            .ok_or_else(|| {
                format!("answer time {answered:?} after the Unix epoch is out of range")
            })?;
        let secs = u32::try_from(duration.as_secs() + u64::from(duration.subsec_nanos() > 0))
            .map_err(|_| format!("duration {duration:?} is out of range"))?;
        let number = call
            .dialled()
            .ok_or_else(|| format!("the To URI {:?} names no number", call.to))?;
        engine
            .rate(start, secs, true, &number, usage)
            .map(|rated| rated.cost)
            .map_err(|e| e.to_string())
    })())
}

/// A capture time as an RFC 3339 timestamp (UTC, rounded to the millisecond), or null
/// when it is outside the representable range.
pub(crate) fn iso(t: Duration) -> Value {
    let ts = i64::try_from(t.as_nanos())
        .ok()
        .and_then(|n| jiff::Timestamp::from_nanosecond(n.into()).ok());
    ts.map_or(Value::Null, |ts| {
        json!(
            ts.round(jiff::Unit::Millisecond)
                .map_or(ts, |r| r)
                .to_string()
        )
    })
}

fn ms(d: Option<Duration>) -> Value {
    d.map_or(Value::Null, |d| json!((d.as_secs_f64() * 1000.0).round()))
}

fn call_record(file: &Path, call: &ObservedCall, streams: Vec<Value>, cost: Value) -> Value {
    json!({
        "file": file.display().to_string(),
        "call_id": call.call_id,
        "from": call.from,
        "to": call.to,
        "invite_at": iso(call.invite_at),
        "answered_at": call.answered_at.map_or(Value::Null, iso),
        "ended_at": call.ended_at.map_or(Value::Null, iso),
        "duration_s": call.duration().map_or(Value::Null, |d| json!(d.as_secs_f64())),
        "pdd_ms": ms(call.post_dial_delay()),
        "end_reason": call.end.as_str(),
        "final_status": call.final_status,
        "dialogs": call.dialogs,
        "streams": streams,
        "cost": cost,
        "asserted_identity": call.asserted_identity,
        "diverted_from": call.diverted_from,
        "attest": call.attest,
        "q850_cause": call.q850_cause,
        "q850_text": call.q850_text,
    })
}

fn call_view(
    call: &ObservedCall,
    record: &Value,
    streams: Vec<StreamView>,
    mos: Vec<(String, f64)>,
) -> CallView {
    let facts = [
        ("asserted caller", call.asserted_identity.clone()),
        ("diverted from", call.diverted_from.clone()),
        ("SHAKEN attestation", call.attest.clone()),
        (
            "Q.850 cause",
            call.q850_cause.map(|c| match &call.q850_text {
                Some(t) => format!("{c} ({t})"),
                None => c.to_string(),
            }),
        ),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| (label.to_owned(), v)))
    .collect();
    CallView {
        cells: row(record),
        mos,
        facts,
        ladder: call
            .ladder
            .iter()
            .map(|s| StepView {
                t_s: s.at.saturating_sub(call.invite_at).as_secs_f64(),
                from: s.src.to_string(),
                to: s.dst.to_string(),
                label: s.label.clone(),
                sdp: s.sdp,
            })
            .collect(),
        streams,
    }
}

/// Measures one stream: Wireshark's figures, the jitter buffer's, MOS and the series.
fn measure(media: &SignalledMedia, s: &RtpStream, origin: Duration) -> Measured {
    let m = measure_stream(media, s, origin);
    let (a, quality, playout, codec) = (&m.analysis, m.quality, m.playout, &m.codec);
    let pt = s.packets.first().map_or(0, |p| p.payload_type);
    let record = json!({
        "ssrc": s.ssrc,
        "ssrc_hex": format!("0x{:08X}", s.ssrc),
        "src": format!("{}:{}", s.src.addr, s.src.port),
        "dst": format!("{}:{}", s.dst.addr, s.dst.port),
        "codec": codec,
        "payload_type": pt,
        "packets": a.packets,
        "lost": a.lost,
        "max_delta_ms": a.max_delta_ms,
        "mean_jitter_ms": a.mean_jitter_ms,
        "max_jitter_ms": a.max_jitter_ms,
        "late": playout.map(|p| p.stats.late),
        "concealed": playout.map(|p| p.stats.concealed),
        "expanded": playout.map(|p| p.stats.expanded),
        "merged": playout.map(|p| p.stats.merged),
        "mean_playout_delay_ms": playout.map(|p| p.mean_playout_delay_ms),
        "r_factor": quality.map(|q| (q.r * 10.0).round() / 10.0),
        "mos": quality.map(|q| (q.mos * 100.0).round() / 100.0),
    });
    let figures = format!(
        "{} packets, {} lost, jitter {:.2} / {:.2} ms (mean / max), max delta {:.1} ms{}",
        a.packets,
        a.lost,
        a.mean_jitter_ms,
        a.max_jitter_ms,
        a.max_delta_ms,
        quality.map_or(String::new(), |q| format!(", MOS {:.2}", q.mos))
    );
    let points = quality_windows(media, s, m.clock_rate, Duration::from_secs(1), 100_000)
        .into_iter()
        .map(|w| PointView {
            t_s: w.end_s,
            jitter_ms: w.jitter_ms,
            transit_ms: w.transit_ms,
            lost: w.lost,
        })
        .collect();
    Measured {
        record,
        view: StreamView {
            title: format!(
                "0x{:08X} {codec} {}:{} → {}:{}",
                s.ssrc, s.src.addr, s.src.port, s.dst.addr, s.dst.port
            ),
            figures,
            points,
        },
        mos: quality.map(|q| q.mos),
    }
}

/// The summary record: calls, answered, ASR, ACD, total cost and, with a rulebook, its
/// traffic verdict.
fn summary(
    attempts: &[tariff::CallAttempt],
    total_cost: Option<Decimal>,
    args: &ReportArgs,
) -> Result<Value, CliError> {
    let figures =
        tariff::traffic_figures(attempts).map_err(|e| CliError::new("rule", e.to_string()))?;
    let number = |v: Option<Decimal>, dp: u32| {
        v.and_then(|v| v.round_dp(dp).to_string().parse::<f64>().ok())
    };
    let (calls, answered) = (figures.seizures, figures.answered);
    let asr = number(figures.asr_pct, 2);
    let acd = if answered > 0 {
        number(figures.acd_s, 3)
    } else {
        None
    };
    let mut summary = json!({
        "calls": calls,
        "answered": answered,
        "asr_pct": asr,
        "acd_s": acd,
        "total_cost": total_cost.map(|c| c.to_string()),
    });
    if let Some(name) = &args.rulebook {
        let book = crate::tariff_cmd::load_rulebook(name)?;
        let verdict = tariff::traffic_check(&book, attempts)
            .map_err(|e| CliError::new("rule", e.to_string()))?;
        summary["compliant"] = json!(verdict.compliant);
        summary["violations"] = json!(
            verdict
                .violations
                .iter()
                .map(|v| json!({"metric": v.metric, "rule": v.rule}))
                .collect::<Vec<_>>()
        );
    }
    Ok(summary)
}

fn summary_rows(summary: &Value) -> Vec<(String, String)> {
    let text = |v: &Value| match v {
        Value::Null => "-".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut rows = vec![
        ("calls".to_owned(), text(&summary["calls"])),
        ("answered".to_owned(), text(&summary["answered"])),
        ("ASR %".to_owned(), text(&summary["asr_pct"])),
        ("ACD s".to_owned(), text(&summary["acd_s"])),
        ("total cost".to_owned(), text(&summary["total_cost"])),
    ];
    if summary["rating_errors"].as_u64().is_some_and(|n| n > 0) {
        rows.push((
            "calls not rated".to_owned(),
            text(&summary["rating_errors"]),
        ));
    }
    if !summary["compliant"].is_null() {
        rows.push(("traffic compliant".to_owned(), text(&summary["compliant"])));
    }
    if !summary["capture_stopped"].is_null() {
        rows.push((
            "capture read up to".to_owned(),
            format!(
                "byte {} ({}); the report covers what came before",
                text(&summary["capture_stopped"]["offset"]),
                text(&summary["capture_stopped"]["reason"])
            ),
        ));
    }
    rows
}
