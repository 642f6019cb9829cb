//! Outbound traffic compliance (TERMS F42-2): ACD and ASR as ITU-T E.411 defines them.
//!
//! Every record is one *seizure* (an outbound attempt that reached the provider's
//! network). ASR = answered seizures / all seizures × 100 (E.411 §3.2). ACD = the total
//! conversation time of answered seizures / the number of answered seizures. A value
//! equal to the floor complies.
//!
//! CSV input ([`parse_calls_csv`]): a header row naming at least `answered`
//! (`true`/`false`, `1`/`0`, `yes`/`no`, `busy`, `failed`; empty means answered when the
//! call has a duration, as in call records for rating) and `duration_s` (conversation
//! seconds, may be decimal; ignored for unanswered calls). Other columns (`call_id`,
//! `destination`...) are ignored.

use rust_decimal::Decimal;

use crate::Error;
use crate::csv_rows::{Rows, column};
use crate::money::RoundingMode;
use crate::rulebook::{Rulebook, TrafficRule};

/// One outbound seizure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CallAttempt {
    /// Whether the call was answered.
    pub answered: bool,
    /// Conversation seconds (0 for unanswered calls).
    pub duration_s: Decimal,
}

/// A breached floor.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Violation {
    /// `acd_s` or `asr_pct`.
    pub metric: String,
    /// The measured value (two decimals).
    pub value: Decimal,
    /// The floor it fell below.
    pub minimum: Decimal,
    /// The rule id (`F42-2`).
    pub rule: String,
}

/// The compliance verdict over a set of seizures.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TrafficReport {
    /// Seizures counted.
    pub seizures: u64,
    /// Answered seizures.
    pub answered: u64,
    /// Average call duration in seconds (two decimals, half-up); `None` without traffic.
    pub acd_s: Option<Decimal>,
    /// Answer seizure ratio in percent (two decimals, half-up); `None` without traffic.
    pub asr_pct: Option<Decimal>,
    /// No floor breached (compared exactly, before the display rounding).
    pub compliant: bool,
    /// The breached floors.
    pub violations: Vec<Violation>,
}

/// The traffic figures of a list of call attempts, exact: seizures, answered calls,
/// ACD (answered calls' mean duration, seconds) and ASR (answered per seizure, percent,
/// ITU-T E.411); both `None` without seizures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrafficFigures {
    /// Call attempts.
    pub seizures: u64,
    /// Answered calls.
    pub answered: u64,
    /// Mean duration of the answered calls, seconds (0 when none was answered).
    pub acd_s: Option<Decimal>,
    /// Answered calls per seizure, percent.
    pub asr_pct: Option<Decimal>,
}

/// Computes the [`TrafficFigures`] of `calls`: the one computation of ACD and ASR that
/// the traffic check and call reports share.
///
/// ```
/// use rust_decimal::Decimal;
/// use tariff::{CallAttempt, traffic_figures};
/// let call = |answered, s: i64| CallAttempt { answered, duration_s: Decimal::from(s) };
/// let f = traffic_figures(&[call(true, 40), call(true, 21), call(false, 0)])?;
/// assert_eq!((f.seizures, f.answered), (3, 2));
/// assert_eq!(f.acd_s, Some(Decimal::new(305, 1)));
/// assert_eq!(f.asr_pct.map(|a| a.round_dp(2)), Some(Decimal::new(6667, 2)));
/// # Ok::<(), tariff::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for a negative duration, an overflow error for totals beyond
/// the decimal range.
pub fn traffic_figures(calls: &[CallAttempt]) -> Result<TrafficFigures, Error> {
    let seizures = calls.len() as u64;
    if seizures == 0 {
        return Ok(TrafficFigures {
            seizures: 0,
            answered: 0,
            acd_s: None,
            asr_pct: None,
        });
    }
    let mut answered = 0u64;
    let mut talk = Decimal::ZERO;
    for call in calls {
        if call.duration_s.is_sign_negative() {
            return Err(Error::InvalidInput {
                what: "duration_s",
                reason: format!("negative duration {}", call.duration_s),
            });
        }
        if call.answered {
            answered = answered.saturating_add(1);
            talk = talk
                .checked_add(call.duration_s)
                .ok_or(Error::overflow("traffic totals"))?;
        }
    }
    let acd = if answered == 0 {
        Decimal::ZERO
    } else {
        talk.checked_div(Decimal::from(answered))
            .ok_or(Error::overflow("traffic totals"))?
    };
    let asr = Decimal::from(answered)
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(Decimal::from(seizures)))
        .ok_or(Error::overflow("traffic totals"))?;
    Ok(TrafficFigures {
        seizures,
        answered,
        acd_s: Some(acd),
        asr_pct: Some(asr),
    })
}

/// Checks traffic against the rulebook's traffic rule.
pub fn traffic_check(book: &Rulebook, calls: &[CallAttempt]) -> Result<TrafficReport, Error> {
    let rule = book
        .traffic
        .as_ref()
        .ok_or_else(|| book.missing("traffic"))?;
    traffic_check_by_rule(rule, calls)
}

/// Checks traffic against one rule.
///
/// ```
/// use rust_decimal::Decimal;
/// use tariff::{CallAttempt, Rulebook, traffic_check};
/// let call = |answered, s: i64| CallAttempt { answered, duration_s: Decimal::from(s) };
/// // 1 of 5 answered = 20% ASR, ACD 40 s: compliant under TERMS F42-2.
/// let calls = [call(true, 40), call(false, 0), call(false, 0), call(false, 0), call(false, 0)];
/// let r = traffic_check(&Rulebook::f42com(), &calls).unwrap();
/// assert!(r.compliant);
/// assert_eq!(r.asr_pct.unwrap().to_string(), "20.00");
/// ```
pub fn traffic_check_by_rule(
    rule: &TrafficRule,
    calls: &[CallAttempt],
) -> Result<TrafficReport, Error> {
    let TrafficFigures {
        seizures,
        answered,
        acd_s,
        asr_pct,
    } = traffic_figures(calls)?;
    let (Some(acd), Some(asr)) = (acd_s, asr_pct) else {
        return Ok(TrafficReport {
            seizures: 0,
            answered: 0,
            acd_s: None,
            asr_pct: None,
            compliant: true,
            violations: Vec::new(),
        });
    };
    let mut violations = Vec::new();
    let show = |v: Decimal| RoundingMode::HalfUp.round(v, 2);
    if acd < rule.min_acd_s {
        violations.push(Violation {
            metric: "acd_s".into(),
            value: show(acd),
            minimum: rule.min_acd_s,
            rule: rule.provenance.terms_id.clone(),
        });
    }
    if asr < rule.min_asr_pct {
        violations.push(Violation {
            metric: "asr_pct".into(),
            value: show(asr),
            minimum: rule.min_asr_pct,
            rule: rule.provenance.terms_id.clone(),
        });
    }
    Ok(TrafficReport {
        seizures,
        answered,
        acd_s: Some(show(acd)),
        asr_pct: Some(show(asr)),
        compliant: violations.is_empty(),
        violations,
    })
}

/// Parses call attempts from CSV text (see the module docs for the columns).
/// Errors name the 1-based line.
pub fn parse_calls_csv(text: &str) -> Result<Vec<CallAttempt>, Error> {
    let (rows, headers) = Rows::with_headers(text)?;
    let find = |name: &str| column(&headers, name);
    let (Some(answered_col), Some(duration_col)) = (find("answered"), find("duration_s")) else {
        return Err(Error::Csv {
            line: 1,
            reason: "header must name the columns answered and duration_s".into(),
        });
    };
    let mut calls = Vec::new();
    for row in rows {
        let (line, record) = row?;
        let raw = record.get(duration_col).unwrap_or("");
        let duration_s = if raw.is_empty() {
            Decimal::ZERO
        } else {
            crate::money::parse_decimal(raw).map_err(|_| Error::Csv {
                line,
                reason: format!("duration_s: not a number: {raw:?}"),
            })?
        };
        if duration_s.is_sign_negative() {
            return Err(Error::Csv {
                line,
                reason: format!("duration_s: negative: {raw:?}"),
            });
        }
        let value = record.get(answered_col).unwrap_or("");
        let answered =
            crate::csv_rows::answered(value, !duration_s.is_zero()).ok_or_else(|| Error::Csv {
                line,
                reason: format!("answered: expected true or false, got {value:?}"),
            })?;
        calls.push(CallAttempt {
            answered,
            duration_s: if answered { duration_s } else { Decimal::ZERO },
        });
    }
    Ok(calls)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(answered: bool, s: i64) -> CallAttempt {
        CallAttempt {
            answered,
            duration_s: Decimal::from(s),
        }
    }

    // TERMS F42-2: exactly 30 s ACD and exactly 15% ASR are compliant.
    // 3 answered of 20 seizures = 15%; (20+30+40)/3 = 30 s.
    #[test]
    fn exactly_at_both_floors_is_compliant() {
        let mut calls = vec![call(true, 20), call(true, 30), call(true, 40)];
        calls.extend(std::iter::repeat_n(call(false, 0), 17));
        let r = traffic_check(&Rulebook::f42com(), &calls).unwrap();
        assert_eq!(r.acd_s.unwrap().to_string(), "30.00");
        assert_eq!(r.asr_pct.unwrap().to_string(), "15.00");
        assert!(r.compliant);
    }

    // TERMS F42-2: 3 of 21 = 14.2857% < 15%; ACD 29.67 s < 30 s: both violated.
    #[test]
    fn just_below_both_floors_reports_two_violations() {
        let mut calls = vec![call(true, 20), call(true, 29), call(true, 40)];
        calls.extend(std::iter::repeat_n(call(false, 0), 18));
        let r = traffic_check(&Rulebook::f42com(), &calls).unwrap();
        assert!(!r.compliant);
        assert_eq!(r.violations.len(), 2);
        assert_eq!(r.violations[0].metric, "acd_s");
        assert_eq!(r.violations[0].value.to_string(), "29.67");
        assert_eq!(r.violations[1].value.to_string(), "14.29");
    }

    #[test]
    fn no_answered_call_gives_zero_acd_and_violations() {
        let r = traffic_check(&Rulebook::f42com(), &[call(false, 0)]).unwrap();
        assert_eq!(r.asr_pct.unwrap(), Decimal::ZERO);
        assert_eq!(r.violations.len(), 2);
    }

    #[test]
    fn csv_errors_name_the_line() {
        let text = "call_id,answered,duration_s\na,true,31\nb,maybe,0\n";
        assert!(matches!(
            parse_calls_csv(text),
            Err(Error::Csv { line: 3, .. })
        ));
        let text = "answered,duration_s\ntrue,31\nfalse,\n";
        assert_eq!(parse_calls_csv(text).unwrap().len(), 2);
        assert!(matches!(
            parse_calls_csv("a,b\n"),
            Err(Error::Csv { line: 1, .. })
        ));
    }
}
