//! Calendars, working days and contract evaluations (`contracts`).

use contracts::{Calendar, Region};
use jiff::civil::Date;

use crate::VoipkitError;

/// A public holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct Holiday {
    /// The day.
    pub date: Date,
    /// Its English name (`"King's Day"`).
    pub name: String,
}

/// The result of a cancellation (TERMS ACC-4, JIT-7).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct Cancellation {
    /// The day the notice counts as processed.
    pub processed_on: Date,
    /// The last day of the notice period.
    pub notice_end: Date,
    /// The last day of the minimum term, if the rulebook has one.
    pub minimum_term_end: Option<Date>,
    /// The earliest day the contract can end (its last day of service).
    pub earliest_end: Date,
    /// How it was worked out, one step per line, each citing its rule.
    pub explanation: Vec<String>,
}

/// One cancellation to evaluate in a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct CancellationRequest {
    /// The day the contract started.
    pub start: Date,
    /// The day the notice was received.
    pub requested: Date,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl CancellationRequest {
    #[new]
    fn py_new(start: Date, requested: Date) -> Self {
        Self { start, requested }
    }
}

/// The dates of one cancellation of a batch (no explanation: the fast path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct CancellationDates {
    /// The day the notice counts as processed.
    pub processed_on: Date,
    /// The earliest day the contract can end.
    pub earliest_end: Date,
}

fn calendar(country: &str) -> Result<Calendar, VoipkitError> {
    Ok(Calendar::for_region(country.parse::<Region>()?))
}

fn rulebook(name: &str) -> Result<contracts::Rulebook, VoipkitError> {
    Ok(contracts::Rulebook::preset(name)?)
}

/// The holidays of `country` (`NL`, `BE`, `DE`, or a German Land as `DE-BY`) in `year`,
/// in date order (TERMS CAL-NL, CAL-BE, CAL-DE).
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown country or a year outside the calendar.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_holidays(country: String, year: i16) -> Result<Vec<Holiday>, VoipkitError> {
    crate::guard(|| {
        Ok(calendar(&country)?
            .holidays(year)?
            .into_iter()
            .map(|h| Holiday {
                date: h.date,
                name: h.name.to_string(),
            })
            .collect())
    })
}

/// Whether `date` is a working day in `country`.
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown country or a date outside the calendar.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_is_working_day(country: String, date: Date) -> Result<bool, VoipkitError> {
    crate::guard(|| Ok(calendar(&country)?.is_working_day(date)?))
}

/// The `days`-th working day strictly after `start` in `country` (negative: before).
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown country or a date outside the calendar.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_add_working_days(
    country: String,
    start: Date,
    days: i32,
) -> Result<Date, VoipkitError> {
    crate::guard(|| Ok(calendar(&country)?.add_working_days(start, days)?))
}

/// The number of working days after `start` up to and including `end` in `country`.
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown country or a date outside the calendar.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_working_days_between(
    country: String,
    start: Date,
    end: Date,
) -> Result<i64, VoipkitError> {
    crate::guard(|| Ok(calendar(&country)?.working_days_between(start, end)?))
}

/// Evaluates a cancellation under the preset rulebook `rulebook` (`accensys`, `nox`,
/// `jitco`, `42com`, `allocloud`) of a contract that started on `start`, the notice
/// received on `requested`.
///
/// # Errors
/// [`VoipkitError::Contracts`] for an unknown rulebook, one without a notice rule, or
/// `requested` before `start`.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_cancel(
    rulebook: String,
    start: Date,
    requested: Date,
) -> Result<Cancellation, VoipkitError> {
    crate::guard(|| {
        let c = self::rulebook(&rulebook)?.cancel(start, requested)?;
        Ok(Cancellation {
            processed_on: c.processed_on,
            notice_end: c.notice_end,
            minimum_term_end: c.minimum_term_end,
            earliest_end: c.earliest_end,
            explanation: c.explanation.iter().map(ToString::to_string).collect(),
        })
    })
}

/// Evaluates many cancellations under one rulebook, in order (no explanations).
///
/// # Errors
/// As [`contracts_cancel`], for the first request that fails.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn contracts_cancel_many(
    rulebook: String,
    requests: Vec<CancellationRequest>,
) -> Result<Vec<CancellationDates>, VoipkitError> {
    crate::guard(|| {
        let book = self::rulebook(&rulebook)?;
        requests
            .iter()
            .map(|r| {
                let d = book.cancel_dates(r.start, r.requested)?;
                Ok(CancellationDates {
                    processed_on: d.processed_on,
                    earliest_end: d.earliest_end,
                })
            })
            .collect()
    })
}

/// A contract rulebook: a preset (`accensys`, `42com`, `nox`, ...) or one of your own
/// from TOML or JSON, with every evaluation of its rules. Each result explains itself
/// step by step, citing the rule.
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, module = "voipkit"))]
#[derive(Debug)]
pub struct ContractRulebook {
    book: contracts::Rulebook,
}

closed_set! {
    /// Where a contract stands on a date.
    pub enum ContractState {
        /// Before the start date.
        NotStarted = "not_started",
        /// Within the minimum term, no notice given.
        MinimumTerm = "minimum_term",
        /// After the minimum term (or without one), no notice given.
        Running = "running",
        /// Notice given; the contract runs until its end date.
        NoticeRunning = "notice_running",
        /// The contract has ended.
        Ended = "ended",
    }
}

impl From<contracts::ContractState> for ContractState {
    fn from(s: contracts::ContractState) -> Self {
        use contracts::ContractState as S;
        match s {
            S::NotStarted => Self::NotStarted,
            S::MinimumTerm => Self::MinimumTerm,
            S::Running => Self::Running,
            S::NoticeRunning => Self::NoticeRunning,
            S::Ended => Self::Ended,
        }
    }
}

closed_set! {
    /// The severity of a support incident (TERMS ALC-6).
    pub enum Severity {
        /// The service is down, or call quality strongly degraded.
        Critical = "critical",
        /// A major feature does not work, calls still flow.
        Major = "major",
        /// A minor fault.
        Minor = "minor",
        /// A question or a change request.
        Question = "question",
    }
}

impl From<Severity> for contracts::Severity {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Critical => Self::Critical,
            Severity::Major => Self::Major,
            Severity::Minor => Self::Minor,
            Severity::Question => Self::Question,
        }
    }
}

closed_set! {
    /// A kind of change or work on a hosted PBX (TERMS NOX-3).
    pub enum ChangeKind {
        /// Creating or changing menus, day/night mode, voicemail-to-email.
        MenusAndModes = "menus_and_modes",
        /// Recording new prompts.
        Prompts = "prompts",
        /// Creating or changing ring groups, overflow, forwarding.
        RingGroupsAndForwarding = "ring_groups_and_forwarding",
        /// Removing a user, and creating a replacement for them.
        ReplaceUser = "replace_user",
        /// Reprogramming peripherals because of changes in the PBX.
        ReprogramPeripherals = "reprogram_peripherals",
        /// Any work on site.
        OnSite = "on_site",
        /// A new user who replaces nobody.
        NewUser = "new_user",
        /// A new telephone number.
        NewNumber = "new_number",
        /// Programming new or replacement hardware (not a warranty replacement).
        NewHardware = "new_hardware",
        /// Programming a warranty replacement.
        WarrantyReplacement = "warranty_replacement",
        /// A fault whose cause lies outside the provider's domain.
        ExternalFault = "external_fault",
    }
}

impl From<ChangeKind> for contracts::ChangeKind {
    fn from(k: ChangeKind) -> Self {
        match k {
            ChangeKind::MenusAndModes => Self::MenusAndModes,
            ChangeKind::Prompts => Self::Prompts,
            ChangeKind::RingGroupsAndForwarding => Self::RingGroupsAndForwarding,
            ChangeKind::ReplaceUser => Self::ReplaceUser,
            ChangeKind::ReprogramPeripherals => Self::ReprogramPeripherals,
            ChangeKind::OnSite => Self::OnSite,
            ChangeKind::NewUser => Self::NewUser,
            ChangeKind::NewNumber => Self::NewNumber,
            ChangeKind::NewHardware => Self::NewHardware,
            ChangeKind::WarrantyReplacement => Self::WarrantyReplacement,
            ChangeKind::ExternalFault => Self::ExternalFault,
        }
    }
}

/// Declares a plain result record of an evaluation: its fields plus `explanation`.
macro_rules! evaluation_record {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
        #[cfg_attr(feature = "python", pyo3::pyclass(get_all, frozen, eq, module = "voipkit"))]
        pub struct $name {
            $($(#[$fdoc])* pub $field: $ty,)*
            /// How it was worked out, one step per line, each citing its rule.
            pub explanation: Vec<String>,
        }
    };
}

evaluation_record!(
    /// Where a contract stands on a date.
    ContractStatus {
        /// The state.
        state: ContractState,
        /// The last day of the minimum term, if any.
        minimum_term_end: Option<Date>,
        /// The end date, when the contract ends (by notice or by itself).
        end: Option<Date>,
    }
);
evaluation_record!(
    /// Whether a price change is announced in time (TERMS JIT-7).
    PriceChangeCheck {
        /// Whether the change may take effect on the given date.
        valid: bool,
        /// The earliest date the change may take effect.
        earliest_effective: Date,
    }
);
evaluation_record!(
    /// The last day to complain about a delivery (TERMS JIT-2).
    ComplaintDeadline {
        /// The last day a complaint is in time.
        deadline: Date,
        /// Whether the given complaint is in time (when one was given).
        in_time: Option<bool>,
    }
);
evaluation_record!(
    /// The dispute forum deadlines (TERMS JIT-6).
    DisputeDeadlines {
        /// The last day the supplier may state its choice of forum.
        supplier_deadline: Date,
        /// From this day the customer may choose the forum.
        customer_may_choose_from: Date,
    }
);
evaluation_record!(
    /// The operational date of an installation (TERMS JIT-4).
    OperationalDate {
        /// The latest date the set-up is deemed operational.
        deemed_by: Date,
        /// The date that counts: the actual set-up date if earlier, else `deemed_by`.
        operational_on: Date,
    }
);
evaluation_record!(
    /// The end of a warranty (TERMS ALC-7).
    WarrantyEnd {
        /// The last day covered.
        last_day: Date,
        /// Whether the given date is covered (when one was given).
        covered: Option<bool>,
    }
);
evaluation_record!(
    /// The lowest user count allowed this quarter (TERMS ALC-3).
    UserFloor {
        /// First day of the quarter.
        quarter_start: Date,
        /// Last day of the quarter.
        quarter_end: Date,
        /// The lowest count allowed until the quarter ends.
        minimum_users: u64,
    }
);
evaluation_record!(
    /// Whether support is open and what may be raised (TERMS ALC-6).
    SupportStatus {
        /// The support's time zone (IANA name).
        time_zone: String,
        /// Whether support is open.
        open: bool,
        /// When the current window closes (when open).
        closes_at: Option<crate::Timestamp>,
        /// The start of the next window (the instant asked about when open).
        next_opening: crate::Timestamp,
        /// Whether an incident of the given severity may be raised directly now.
        may_raise: bool,
    }
);
evaluation_record!(
    /// Whether a service contract covers a change (TERMS NOX-3).
    CoverageCheck {
        /// Whether the change is covered.
        covered: bool,
    }
);
evaluation_record!(
    /// The result of validating a service configuration (TERMS ALC-8).
    ConfigValidation {
        /// True when there are no violations.
        valid: bool,
        /// Every violation found, in configuration order.
        violations: Vec<ConfigViolation>,
    }
);

/// One use restriction a service configuration breaks (TERMS ALC-8).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct ConfigViolation {
    /// A stable code: `forbidden_line_purpose`, `caller_id_not_assigned`,
    /// `auto_dialer`, `missing_emergency_address`.
    pub code: String,
    /// What it concerns (a line id, a number, a block).
    pub subject: String,
    /// A readable sentence.
    pub message: String,
    /// The TERMS id of the rule.
    pub terms_id: String,
}

fn steps(explanation: &[contracts::Step]) -> Vec<String> {
    explanation.iter().map(ToString::to_string).collect()
}

impl ContractRulebook {
    /// A preset rulebook by name.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] (`unknown_rulebook`) naming the presets.
    pub fn create_preset(name: &str) -> Result<Self, VoipkitError> {
        crate::guard(|| {
            Ok(Self {
                book: rulebook(name)?,
            })
        })
    }

    /// A rulebook of your own from TOML (`json` false) or JSON text.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] (`invalid_rulebook`) naming the field and line.
    pub fn create_from_text(text: &str, json: bool) -> Result<Self, VoipkitError> {
        crate::guard(|| {
            let book = if json {
                contracts::Rulebook::from_json_str(text)?
            } else {
                contracts::Rulebook::from_toml_str(text)?
            };
            Ok(Self { book })
        })
    }
}

#[cfg(feature = "uniffi")]
#[uniffi::export]
impl ContractRulebook {
    /// A preset rulebook by name (`accensys`, `42com`, `nox`, ...).
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] for an unknown name.
    #[uniffi::constructor]
    fn preset(name: String) -> Result<std::sync::Arc<Self>, VoipkitError> {
        Self::create_preset(&name).map(std::sync::Arc::new)
    }

    /// A rulebook of your own from its TOML text.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] naming the field and line that is wrong.
    #[uniffi::constructor]
    fn from_toml(text: String) -> Result<std::sync::Arc<Self>, VoipkitError> {
        Self::create_from_text(&text, false).map(std::sync::Arc::new)
    }

    /// A rulebook of your own from its JSON text.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] naming the field and line that is wrong.
    #[uniffi::constructor]
    fn from_json(text: String) -> Result<std::sync::Arc<Self>, VoipkitError> {
        Self::create_from_text(&text, true).map(std::sync::Arc::new)
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl ContractRulebook {
    /// The rulebook's name.
    pub fn name(&self) -> String {
        self.book.name.clone()
    }

    /// The dates of a cancellation received on `requested` for a contract that started
    /// on `start` (TERMS ACC-4, JIT-7).
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without a notice rule, or `requested` before `start`.
    pub fn cancel(&self, start: Date, requested: Date) -> Result<Cancellation, VoipkitError> {
        crate::guard(|| {
            let c = self.book.cancel(start, requested)?;
            Ok(Cancellation {
                processed_on: c.processed_on,
                notice_end: c.notice_end,
                minimum_term_end: c.minimum_term_end,
                earliest_end: c.earliest_end,
                explanation: steps(&c.explanation),
            })
        })
    }

    /// Where a contract that started on `start` stands on `on`, given the day a notice
    /// was received (if any).
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] as for [`ContractRulebook::cancel`].
    pub fn status_on(
        &self,
        start: Date,
        notice_received: Option<Date>,
        on: Date,
    ) -> Result<ContractStatus, VoipkitError> {
        crate::guard(|| {
            let s = self.book.status_on(start, notice_received, on)?;
            Ok(ContractStatus {
                state: s.state.into(),
                minimum_term_end: s.minimum_term_end,
                end: s.end,
                explanation: steps(&s.explanation),
            })
        })
    }

    /// Whether a price change announced on `announced` may take effect on `effective`.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without a price-change rule.
    pub fn price_change(
        &self,
        announced: Date,
        effective: Date,
    ) -> Result<PriceChangeCheck, VoipkitError> {
        crate::guard(|| {
            let p = self.book.price_change(announced, effective)?;
            Ok(PriceChangeCheck {
                valid: p.valid,
                earliest_effective: p.earliest_effective,
                explanation: steps(&p.explanation),
            })
        })
    }

    /// The last day to complain about a delivery on `delivered`, and whether
    /// `complained` is in time.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without a complaint rule, or a complaint before the
    /// delivery.
    pub fn complaint_deadline(
        &self,
        delivered: Date,
        complained: Option<Date>,
    ) -> Result<ComplaintDeadline, VoipkitError> {
        crate::guard(|| {
            let c = self.book.complaint_deadline(delivered, complained)?;
            Ok(ComplaintDeadline {
                deadline: c.deadline,
                in_time: c.in_time,
                explanation: steps(&c.explanation),
            })
        })
    }

    /// The forum deadlines after a dispute notified on `notified`.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without a dispute rule.
    pub fn dispute_deadlines(&self, notified: Date) -> Result<DisputeDeadlines, VoipkitError> {
        crate::guard(|| {
            let d = self.book.dispute_deadlines(notified)?;
            Ok(DisputeDeadlines {
                supplier_deadline: d.supplier_deadline,
                customer_may_choose_from: d.customer_may_choose_from,
                explanation: steps(&d.explanation),
            })
        })
    }

    /// When a postponed installation delivered on `delivered` counts as operational
    /// (an earlier `actual` set-up counts as is).
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without the rule, or `actual` before `delivered`.
    pub fn deemed_operational(
        &self,
        delivered: Date,
        actual: Option<Date>,
    ) -> Result<OperationalDate, VoipkitError> {
        crate::guard(|| {
            let o = self.book.deemed_operational(delivered, actual)?;
            Ok(OperationalDate {
                deemed_by: o.deemed_by,
                operational_on: o.operational_on,
                explanation: steps(&o.explanation),
            })
        })
    }

    /// The last day of the warranty on a product delivered on `delivered`, and whether
    /// `on` is covered.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without a warranty rule.
    pub fn warranty_end(
        &self,
        delivered: Date,
        on: Option<Date>,
    ) -> Result<WarrantyEnd, VoipkitError> {
        crate::guard(|| {
            let w = self.book.warranty_end(delivered, on)?;
            Ok(WarrantyEnd {
                last_day: w.last_day,
                covered: w.covered,
                explanation: steps(&w.explanation),
            })
        })
    }

    /// The lowest user count allowed until the end of the quarter containing `on`.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without the rule.
    pub fn user_floor(
        &self,
        users_at_quarter_start: u64,
        on: Date,
    ) -> Result<UserFloor, VoipkitError> {
        crate::guard(|| {
            let u = self.book.user_floor(users_at_quarter_start, on)?;
            Ok(UserFloor {
                quarter_start: u.quarter_start,
                quarter_end: u.quarter_end,
                minimum_users: u.minimum_users,
                explanation: steps(&u.explanation),
            })
        })
    }

    /// Whether support is open at `at`, when it next opens, and whether an incident of
    /// `severity` may be raised directly now.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without support hours.
    pub fn support(
        &self,
        at: crate::Timestamp,
        severity: Severity,
    ) -> Result<SupportStatus, VoipkitError> {
        crate::guard(|| {
            let s = self.book.support(at, severity.into())?;
            Ok(SupportStatus {
                time_zone: s.local.time_zone().iana_name().unwrap_or("UTC").to_owned(),
                open: s.open,
                closes_at: s.closes_at.map(|z| z.timestamp()),
                next_opening: s.next_opening.timestamp(),
                may_raise: s.may_raise,
                explanation: steps(&s.explanation),
            })
        })
    }

    /// Whether the service contract covers a change of `kind`.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without a coverage rule.
    pub fn service_coverage(&self, kind: ChangeKind) -> Result<CoverageCheck, VoipkitError> {
        crate::guard(|| {
            let c = self.book.service_coverage(kind.into())?;
            Ok(CoverageCheck {
                covered: c.covered,
                explanation: steps(&c.explanation),
            })
        })
    }

    /// Checks a service configuration (TOML, or JSON when it starts with `{`) against
    /// the use restrictions, listing every violation.
    ///
    /// # Errors
    /// [`VoipkitError::Contracts`] without use restrictions, or (`invalid_config`) for a
    /// configuration that does not load, naming its field and line.
    pub fn validate_config(&self, config: String) -> Result<ConfigValidation, VoipkitError> {
        crate::guard(|| {
            let config =
                contracts::ServiceConfig::from_str_any(&config, &contracts::LoadLimits::default())?;
            let v = self.book.validate_config(&config)?;
            Ok(ConfigValidation {
                valid: v.valid,
                violations: v
                    .violations
                    .into_iter()
                    .map(|v| ConfigViolation {
                        code: v.code,
                        subject: v.subject,
                        message: v.message,
                        terms_id: v.terms_id,
                    })
                    .collect(),
                explanation: steps(&v.explanation),
            })
        })
    }
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl ContractRulebook {
    /// A preset rulebook by name.
    #[staticmethod]
    #[pyo3(name = "preset")]
    fn py_preset(name: &str) -> Result<Self, VoipkitError> {
        Self::create_preset(name)
    }

    /// A rulebook of your own from its TOML text.
    #[staticmethod]
    #[pyo3(name = "from_toml")]
    fn py_from_toml(text: &str) -> Result<Self, VoipkitError> {
        Self::create_from_text(text, false)
    }

    /// A rulebook of your own from its JSON text.
    #[staticmethod]
    #[pyo3(name = "from_json")]
    fn py_from_json(text: &str) -> Result<Self, VoipkitError> {
        Self::create_from_text(text, true)
    }

    /// The rulebook's name.
    #[getter(name)]
    fn py_name(&self) -> String {
        self.name()
    }

    /// The dates of a cancellation.
    #[pyo3(name = "cancel")]
    fn py_cancel(&self, start: Date, requested: Date) -> Result<Cancellation, VoipkitError> {
        self.cancel(start, requested)
    }

    /// Where a contract stands on a date.
    #[pyo3(name = "status_on", signature = (start, on, notice_received = None))]
    fn py_status_on(
        &self,
        start: Date,
        on: Date,
        notice_received: Option<Date>,
    ) -> Result<ContractStatus, VoipkitError> {
        self.status_on(start, notice_received, on)
    }

    /// Whether a price change is announced in time.
    #[pyo3(name = "price_change")]
    fn py_price_change(
        &self,
        announced: Date,
        effective: Date,
    ) -> Result<PriceChangeCheck, VoipkitError> {
        self.price_change(announced, effective)
    }

    /// The complaint deadline of a delivery.
    #[pyo3(name = "complaint_deadline", signature = (delivered, complained = None))]
    fn py_complaint_deadline(
        &self,
        delivered: Date,
        complained: Option<Date>,
    ) -> Result<ComplaintDeadline, VoipkitError> {
        self.complaint_deadline(delivered, complained)
    }

    /// The forum deadlines of a dispute.
    #[pyo3(name = "dispute_deadlines")]
    fn py_dispute_deadlines(&self, notified: Date) -> Result<DisputeDeadlines, VoipkitError> {
        self.dispute_deadlines(notified)
    }

    /// When a postponed installation counts as operational.
    #[pyo3(name = "deemed_operational", signature = (delivered, actual = None))]
    fn py_deemed_operational(
        &self,
        delivered: Date,
        actual: Option<Date>,
    ) -> Result<OperationalDate, VoipkitError> {
        self.deemed_operational(delivered, actual)
    }

    /// The end of a product's warranty.
    #[pyo3(name = "warranty_end", signature = (delivered, on = None))]
    fn py_warranty_end(
        &self,
        delivered: Date,
        on: Option<Date>,
    ) -> Result<WarrantyEnd, VoipkitError> {
        self.warranty_end(delivered, on)
    }

    /// The lowest user count allowed this quarter.
    #[pyo3(name = "user_floor")]
    fn py_user_floor(
        &self,
        users_at_quarter_start: u64,
        on: Date,
    ) -> Result<UserFloor, VoipkitError> {
        self.user_floor(users_at_quarter_start, on)
    }

    /// Whether support is open and an incident may be raised.
    #[pyo3(name = "support")]
    fn py_support(
        &self,
        at: crate::Timestamp,
        severity: Severity,
    ) -> Result<SupportStatus, VoipkitError> {
        self.support(at, severity)
    }

    /// Whether the service contract covers a change.
    #[pyo3(name = "service_coverage")]
    fn py_service_coverage(&self, kind: ChangeKind) -> Result<CoverageCheck, VoipkitError> {
        self.service_coverage(kind)
    }

    /// Checks a service configuration against the use restrictions.
    #[pyo3(name = "validate_config")]
    fn py_validate_config(&self, config: String) -> Result<ConfigValidation, VoipkitError> {
        self.validate_config(config)
    }
}
