//! The report of a capture (`capture` with `tariff`): its calls from the SIP dialogs,
//! the quality of each call's RTP streams, the cost of each answered call under a plan,
//! and the traffic figures, as `voipkit report` gives them.

use std::time::Duration;

use capture::{CaptureLimits, MeasuredStream, StreamQuality, measure_stream};
use jiff::Timestamp;
use rust_decimal::Decimal;
use sip_core::calls::{ObservedCall, ObserverLimits, Side};

use crate::{TariffPlan, VoipkitError};

/// One RTP stream of a captured call (or one no call announced), measured.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, module = "voipkit"))]
pub struct ReportStream {
    /// Which way the stream flows (the side whose SDP announced where it goes receives
    /// it); `None` for a stream no call announced.
    pub direction: Option<StreamDirection>,
    /// Synchronization source.
    pub ssrc: u32,
    /// Sender, `address:port`.
    pub src: String,
    /// Receiver, `address:port`.
    pub dst: String,
    /// The codec of the first packet: RFC 3551's name, the name SDP mapped a dynamic
    /// payload type to, or `PT <n>`.
    pub codec: String,
    /// Payload type of the first packet.
    pub payload_type: u8,
    /// Packets seen, duplicates included.
    pub packets: u64,
    /// Packets expected minus packets seen (Wireshark's definition).
    pub lost: i64,
    /// Largest delta between in-order packets, ms.
    pub max_delta_ms: f64,
    /// Mean interarrival jitter, ms.
    pub mean_jitter_ms: f64,
    /// Largest interarrival jitter, ms.
    pub max_jitter_ms: f64,
    /// Packets the jitter buffer (delay 0 to 1000 ms) received too late to play; absent
    /// when the stream's clock rate cannot be played.
    pub late: Option<u64>,
    /// Frames the jitter buffer concealed.
    pub concealed: Option<u64>,
    /// Frames the jitter buffer stretched to wait for late audio (time-stretching).
    pub expanded: Option<u64>,
    /// Frame pairs the jitter buffer played as one to catch up.
    pub merged: Option<u64>,
    /// Mean delay a listener hears: playout time minus the stream's send schedule, ms.
    pub mean_playout_delay_ms: Option<f64>,
    /// ITU-T G.107 R factor, when the codec is one the E-model knows.
    pub r_factor: Option<f64>,
    /// ITU-T G.107 MOS, when the codec is one the E-model knows.
    pub mos: Option<f64>,
}

/// One call of a capture.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, module = "voipkit"))]
pub struct ReportCall {
    /// The Call-ID.
    pub call_id: String,
    /// The From URI of the initial INVITE (`from` in `voipkit report`'s JSON, a keyword
    /// in Python).
    pub from_uri: String,
    /// The To URI of the initial INVITE.
    pub to_uri: String,
    /// When the initial INVITE was seen.
    pub invite_at: Timestamp,
    /// When the first 2xx to it was seen.
    pub answered_at: Option<Timestamp>,
    /// When the call ended (BYE, final failure, CANCEL).
    pub ended_at: Option<Timestamp>,
    /// From the answer to the end, seconds.
    pub duration_s: Option<f64>,
    /// Post-dial delay, from the INVITE to the first 18x, ms.
    pub pdd_ms: Option<f64>,
    /// How the call ended.
    pub end_reason: CallEndReason,
    /// The final response to the initial INVITE.
    pub final_status: Option<u16>,
    /// The To tags of the dialogs the INVITE created.
    pub dialogs: Vec<String>,
    /// The streams the call's SDP announced.
    pub streams: Vec<ReportStream>,
    /// The cost under the plan, for an answered call the plan could rate.
    pub cost: Option<Decimal>,
    /// Why an answered call could not be rated under the plan.
    pub cost_error: Option<String>,
    /// The P-Asserted-Identity URI of the initial INVITE.
    pub asserted_identity: Option<String>,
    /// The URI of the initial INVITE's newest Diversion: where the call was diverted
    /// from.
    pub diverted_from: Option<String>,
    /// The STIR/SHAKEN attestation (`A`, `B`, `C`) of the initial INVITE's `shaken`
    /// PASSporT (the signature is not checked).
    pub attest: Option<String>,
    /// The Q.850 cause of the message that ended the call (its BYE, CANCEL or final
    /// failure response, `Reason: Q.850;cause=16`).
    pub q850_cause: Option<u16>,
    /// That Reason's text.
    pub q850_text: Option<String>,
}

/// The figures of the whole capture.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, module = "voipkit"))]
pub struct ReportSummary {
    /// Calls (initial INVITEs).
    pub calls: u64,
    /// Answered calls.
    pub answered: u64,
    /// Answer seizure ratio, percent (two decimals).
    pub asr_pct: Option<Decimal>,
    /// Average duration of the answered calls, seconds (three decimals).
    pub acd_s: Option<Decimal>,
    /// The sum of the rated calls' costs, with a plan.
    pub total_cost: Option<Decimal>,
    /// Answered calls the plan could not rate.
    pub rating_errors: u64,
    /// Whether the traffic meets the rulebook's traffic rule, with a rulebook.
    pub compliant: Option<bool>,
    /// The metrics that fall short, each as `metric rule` (e.g. `acd_s F42-2`).
    pub violations: Vec<String>,
    /// Where and why reading stopped, for a capture cut short or damaged further on
    /// (the report covers what came before).
    pub capture_stopped: Option<String>,
}

/// The report of a capture.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, module = "voipkit"))]
pub struct CaptureReport {
    /// The calls in the order of their first INVITE.
    pub calls: Vec<ReportCall>,
    /// Streams no call of the capture announced.
    pub unsignalled: Vec<ReportStream>,
    /// The totals.
    pub summary: ReportSummary,
}

/// The report of a pcap or pcapng capture without costs (see
/// [`TariffPlan::report_capture`] for costs): its calls, the quality of their streams,
/// and the traffic figures, checked against the preset `rulebook`'s traffic rule when
/// one is given.
///
/// # Errors
/// [`VoipkitError::Rtp`] when the capture's header or format cannot be read;
/// [`VoipkitError::Tariff`] for an unknown rulebook or one without a traffic rule.
#[cfg_attr(feature = "uniffi", uniffi::export(default(rulebook = None)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (capture, rulebook = None)))]
pub fn capture_report(
    capture: Vec<u8>,
    rulebook: Option<String>,
) -> Result<CaptureReport, VoipkitError> {
    crate::guard(|| report(&capture, None, rulebook.as_deref()))
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl TariffPlan {
    /// The report of a capture ([`capture_report`]) with the cost of each answered call
    /// under this plan: from its answer, for its duration in whole seconds, to the
    /// number its To URI names. Bundle minutes are counted from this period's usage
    /// without consuming it.
    ///
    /// # Errors
    /// As [`capture_report`].
    #[cfg_attr(feature = "uniffi", uniffi::method(default(rulebook = None)))]
    pub fn report_capture(
        &self,
        capture: Vec<u8>,
        rulebook: Option<String>,
    ) -> Result<CaptureReport, VoipkitError> {
        crate::guard(|| report(&capture, Some(self), rulebook.as_deref()))
    }
}

fn report(
    capture: &[u8],
    plan: Option<&TariffPlan>,
    rulebook: Option<&str>,
) -> Result<CaptureReport, VoipkitError> {
    let book = rulebook.map(tariff::Rulebook::preset).transpose()?;
    let limits = CaptureLimits::default();
    let found =
        capture::read_calls_measured(capture, &limits, ObserverLimits::default(), measure_stream)?;
    let capture_stopped = found.stopped.as_ref().map(ToString::to_string);
    let measured = &found.streams;
    let mut rating = plan.map(|p| p.rating_state());
    let mut calls = Vec::with_capacity(found.calls.len());
    let mut attempts = Vec::with_capacity(found.calls.len());
    let mut total_cost = Decimal::ZERO;
    let mut rating_errors = 0u64;
    for c in &found.calls {
        let call = &c.call;
        let (cost, cost_error) = match rating
            .as_mut()
            .and_then(|(engine, usage)| rate_call(engine, usage, call))
        {
            None => (None, None),
            Some(Ok(cost)) => match total_cost.checked_add(cost) {
                Some(sum) => {
                    total_cost = sum;
                    (Some(cost), None)
                }
                None => (
                    None,
                    Some("the total cost overflows the decimal range".to_owned()),
                ),
            },
            Some(Err(e)) => (None, Some(e)),
        };
        rating_errors += u64::from(cost_error.is_some());
        let duration = call.duration();
        attempts.push(tariff::CallAttempt {
            answered: call.answered_at.is_some(),
            duration_s: duration.map_or(Decimal::ZERO, |d| {
                Decimal::from(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
                    / Decimal::from(1000)
            }),
        });
        calls.push(ReportCall {
            call_id: call.call_id.clone(),
            from_uri: call.from.clone(),
            to_uri: call.to.clone(),
            invite_at: instant(call.invite_at)?,
            answered_at: call.answered_at.map(instant).transpose()?,
            ended_at: call.ended_at.map(instant).transpose()?,
            duration_s: duration.map(|d| d.as_secs_f64()),
            pdd_ms: call
                .post_dial_delay()
                .map(|d| (d.as_secs_f64() * 1000.0).round()),
            end_reason: CallEndReason::from(call.end),
            final_status: call.final_status,
            dialogs: call.dialogs.clone(),
            asserted_identity: call.asserted_identity.clone(),
            diverted_from: call.diverted_from.clone(),
            attest: call.attest.clone(),
            q850_cause: call.q850_cause,
            q850_text: call.q850_text.clone(),
            streams: c
                .streams
                .iter()
                .map(|s| {
                    let direction = match s.to {
                        Side::Caller => StreamDirection::CalleeToCaller,
                        Side::Callee => StreamDirection::CallerToCallee,
                    };
                    stream_record(&measured[s.index], Some(direction))
                })
                .collect(),
            cost,
            cost_error,
        });
    }
    let figures = tariff::traffic_figures(&attempts)?;
    let (compliant, violations) = match &book {
        Some(book) => {
            let verdict = tariff::traffic_check(book, &attempts)?;
            let violations = verdict
                .violations
                .iter()
                .map(|v| format!("{} {}", v.metric, v.rule))
                .collect();
            (Some(verdict.compliant), violations)
        }
        None => (None, Vec::new()),
    };
    Ok(CaptureReport {
        calls,
        unsignalled: found
            .unsignalled
            .iter()
            .map(|i| stream_record(&measured[*i], None))
            .collect(),
        summary: ReportSummary {
            calls: figures.seizures,
            answered: figures.answered,
            asr_pct: figures.asr_pct.map(|v| v.round_dp(2)),
            acd_s: figures
                .acd_s
                .filter(|_| figures.answered > 0)
                .map(|v| v.round_dp(3)),
            total_cost: plan.map(|_| total_cost),
            rating_errors,
            compliant,
            violations,
            capture_stopped,
        },
    })
}

/// A capture time (since the Unix epoch) as an instant.
pub(crate) fn instant(t: Duration) -> Result<Timestamp, VoipkitError> {
    i64::try_from(t.as_nanos())
        .ok()
        .and_then(|n| Timestamp::from_nanosecond(n.into()).ok())
        .ok_or_else(|| VoipkitError::Rtp {
            kind: "capture".into(),
            offset: 0,
            reason: format!("capture time {t:?} after the Unix epoch is out of range"),
        })
}

/// The cost of an answered call, `None` when it was not answered or is still running.
fn rate_call(
    engine: &tariff::RatingEngine,
    usage: &mut tariff::BundleUsage,
    call: &ObservedCall,
) -> Option<Result<Decimal, String>> {
    let (answered, duration) = (call.answered_at?, call.duration()?);
    Some((|| {
        let start = instant(answered).map_err(|e| e.to_string())?;
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

fn stream_record(
    s: &MeasuredStream<StreamQuality>,
    direction: Option<StreamDirection>,
) -> ReportStream {
    let q = &s.measure;
    let a = &q.analysis;
    ReportStream {
        direction,
        ssrc: s.ssrc,
        src: format!("{}:{}", s.src.addr, s.src.port),
        dst: format!("{}:{}", s.dst.addr, s.dst.port),
        codec: q.codec.clone(),
        payload_type: s.first.payload_type,
        packets: a.packets,
        lost: a.lost,
        max_delta_ms: a.max_delta_ms,
        mean_jitter_ms: a.mean_jitter_ms,
        max_jitter_ms: a.max_jitter_ms,
        late: q.playout.map(|p| p.stats.late),
        concealed: q.playout.map(|p| p.stats.concealed),
        expanded: q.playout.map(|p| p.stats.expanded),
        merged: q.playout.map(|p| p.stats.merged),
        mean_playout_delay_ms: q.playout.map(|p| p.mean_playout_delay_ms),
        r_factor: q.quality.map(|e| (e.r * 10.0).round() / 10.0),
        mos: q.quality.map(|e| (e.mos * 100.0).round() / 100.0),
    }
}

closed_set! {
    /// Which way a call's stream flows.
    pub enum StreamDirection {
        /// From the caller to the callee.
        CallerToCallee = "caller → callee",
        /// From the callee to the caller.
        CalleeToCaller = "callee → caller",
    }
}

closed_set! {
    /// How a call ended, as far as the messages seen tell.
    pub enum CallEndReason {
        /// Still set up when the messages ended.
        Running = "running",
        /// Answered and ended by the caller's BYE.
        ByeCaller = "bye_caller",
        /// Answered and ended by the callee's BYE.
        ByeCallee = "bye_callee",
        /// Ended before an answer by the caller's CANCEL.
        Cancel = "cancel",
        /// Refused: a final response of 300 or more to the INVITE.
        Failed = "failed",
    }
}

impl From<sip_core::calls::CallEnd> for CallEndReason {
    fn from(end: sip_core::calls::CallEnd) -> Self {
        use sip_core::calls::{CallEnd, Side};
        match end {
            CallEnd::Bye(Side::Caller) => Self::ByeCaller,
            CallEnd::Bye(Side::Callee) => Self::ByeCallee,
            CallEnd::Cancelled => Self::Cancel,
            CallEnd::Failed => Self::Failed,
            // `Running`, and any ending sip-core learns to tell later: still set up as
            // far as these bindings can say.
            _ => Self::Running,
        }
    }
}
