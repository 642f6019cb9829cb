//! Rulebooks: a provider's contract rules as data, the five built-in presets, and
//! loading from / writing to TOML and JSON.

use jiff::civil::{Time, Weekday};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::rules::*;
use crate::{Calendar, Error};

/// The names of the built-in rulebooks.
pub const PRESETS: [&str; 5] = ["accensys", "nox", "jitco", "42com", "allocloud"];

/// A provider's contract rules. Every rule is optional; an evaluation that needs a
/// missing rule returns [`Error::MissingRule`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Rulebook {
    /// Short name (`accensys`).
    pub name: String,
    /// The provider's name.
    #[cfg_attr(feature = "serde", serde(default))]
    pub provider: String,
    /// The working-day calendar deadlines count in.
    #[cfg_attr(feature = "serde", serde(default))]
    pub calendar: Calendar,
    /// Minimum term.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub minimum_term: Option<MinimumTerm>,
    /// What happens after the minimum term.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub renewal: Option<Renewal>,
    /// Notice period for a cancellation.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub notice: Option<NoticePeriod>,
    /// Processing delay of a notice.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub processing: Option<ProcessingDelay>,
    /// Upgrade, downgrade and cancel permissions.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub changes: Option<ChangePermissions>,
    /// Price-change notice.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub price_change: Option<PriceChangeNotice>,
    /// Complaint window.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub complaint: Option<ComplaintWindow>,
    /// Dispute forum deadline.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub dispute: Option<DisputeForumDeadline>,
    /// User-reduction limit per quarter.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub user_reduction: Option<UserReductionLimit>,
    /// Warranty period.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub warranty: Option<Warranty>,
    /// Deemed operational date.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub deemed_operational: Option<DeemedOperational>,
    /// Support hours.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub support: Option<SupportHours>,
    /// Use restrictions.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub use_restrictions: Option<UseRestrictions>,
    /// Service-contract coverage of changes.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub service_coverage: Option<ServiceCoverage>,
}

/// Bounds on what a loaded rulebook may contain. Defaults suit any real rulebook; change
/// them with the builder methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadLimits {
    /// Largest accepted document in bytes (default 1 MiB).
    pub max_bytes: usize,
    /// Most entries in any list (closing days, windows, services; default 10 000).
    pub max_items: usize,
    /// Largest month count in any rule (default 1 200, a century).
    pub max_months: u32,
    /// Largest day count in any rule (default 36 500).
    pub max_days: u32,
    /// Most entries over a whole document and the tables it names together (default
    /// 1 000 000): what bounds a loader whose lists nest or repeat, such as a rate
    /// plan's versions times their rates and prefixes in `tariff`.
    pub max_total_items: usize,
}

impl Default for LoadLimits {
    fn default() -> Self {
        Self {
            max_bytes: 1 << 20,
            max_items: 10_000,
            max_months: 1_200,
            max_days: 36_500,
            max_total_items: 1_000_000,
        }
    }
}

impl LoadLimits {
    /// Sets [`LoadLimits::max_bytes`].
    #[must_use]
    pub fn max_bytes(mut self, n: usize) -> Self {
        self.max_bytes = n;
        self
    }
    /// Sets [`LoadLimits::max_items`].
    #[must_use]
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = n;
        self
    }
    /// Sets [`LoadLimits::max_months`].
    #[must_use]
    pub fn max_months(mut self, n: u32) -> Self {
        self.max_months = n;
        self
    }
    /// Sets [`LoadLimits::max_days`].
    #[must_use]
    pub fn max_days(mut self, n: u32) -> Self {
        self.max_days = n;
        self
    }
    /// Sets [`LoadLimits::max_total_items`].
    #[must_use]
    pub fn max_total_items(mut self, n: usize) -> Self {
        self.max_total_items = n;
        self
    }
}

fn invalid(field: &str, reason: impl Into<String>) -> Error {
    Error::InvalidRulebook {
        field: field.to_owned(),
        reason: reason.into(),
        line: None,
    }
}

impl Rulebook {
    /// A built-in rulebook by name: `accensys`, `nox`, `jitco`, `42com`, `allocloud`
    /// (case-insensitive).
    ///
    /// # Errors
    /// [`Error::UnknownRulebook`] for another name.
    pub fn preset(name: &str) -> Result<Rulebook, Error> {
        match name.trim().to_ascii_lowercase().as_str() {
            "accensys" => Ok(accensys()),
            "nox" => Ok(nox()),
            "jitco" => Ok(jitco()),
            "42com" => Ok(f42com()),
            "allocloud" => Ok(allocloud()),
            _ => Err(Error::UnknownRulebook {
                name: name.to_owned(),
            }),
        }
    }

    /// All five presets.
    pub fn presets() -> Vec<Rulebook> {
        vec![accensys(), nox(), jitco(), f42com(), allocloud()]
    }

    /// Checks the values serde cannot: ranges, list sizes, time zones, windows.
    ///
    /// # Errors
    /// [`Error::InvalidRulebook`] naming the offending field.
    pub fn validate(&self, limits: &LoadLimits) -> Result<(), Error> {
        if self.name.trim().is_empty() {
            return Err(invalid("name", "must not be empty"));
        }
        let months = |field: &str, m: u32| {
            if m > limits.max_months {
                Err(invalid(
                    field,
                    format!("{m} months exceeds the limit of {}", limits.max_months),
                ))
            } else {
                Ok(())
            }
        };
        let days = |field: &str, d: u32| {
            if d > limits.max_days {
                Err(invalid(
                    field,
                    format!("{d} days exceeds the limit of {}", limits.max_days),
                ))
            } else {
                Ok(())
            }
        };
        let items = |field: &str, n: usize| {
            if n > limits.max_items {
                Err(invalid(
                    field,
                    format!("{n} entries exceed the limit of {}", limits.max_items),
                ))
            } else {
                Ok(())
            }
        };
        items("calendar.regions", self.calendar.regions.len())?;
        items("calendar.closing_days", self.calendar.closing_days.len())?;
        if let Some(r) = &self.minimum_term {
            months("minimum_term.months", r.months)?;
        }
        if let Some(r) = &self.renewal
            && let RenewalKind::FixedPeriods { months: m } = r.kind
        {
            months("renewal.kind.months", m)?;
            if m == 0 {
                return Err(invalid("renewal.kind.months", "must be at least 1"));
            }
        }
        if let Some(r) = &self.notice {
            match r.kind {
                NoticeKind::CalendarMonthsToMonthEnd { months: m }
                | NoticeKind::MonthsToTheDay { months: m } => months("notice.kind.months", m)?,
                NoticeKind::Days { days: d } => days("notice.kind.days", d)?,
            }
        }
        if let Some(r) = &self.processing {
            days("processing.working_days", r.working_days)?;
        }
        if let Some(r) = &self.changes {
            items("changes.services", r.services.len())?;
        }
        if let Some(r) = &self.price_change {
            months("price_change.months", r.months)?;
        }
        if let Some(r) = &self.complaint {
            days("complaint.days", r.days)?;
        }
        if let Some(r) = &self.dispute {
            days("dispute.days", r.days)?;
        }
        if let Some(r) = &self.user_reduction
            && r.max_percent > 100
        {
            return Err(invalid("user_reduction.max_percent", "must be 0..=100"));
        }
        if let Some(r) = &self.warranty {
            months("warranty.months", r.months)?;
        }
        if let Some(r) = &self.deemed_operational {
            months("deemed_operational.months", r.months)?;
        }
        if let Some(r) = &self.support {
            crate::eval::time_zone(&r.time_zone)?;
            items("support.windows", r.windows.len())?;
            for (i, w) in r.windows.iter().enumerate() {
                if w.opens >= w.closes {
                    return Err(invalid(
                        &format!("support.windows[{i}]"),
                        format!("opens {} is not before closes {}", w.opens, w.closes),
                    ));
                }
                if w.weekdays.is_empty() {
                    return Err(invalid(
                        &format!("support.windows[{i}].weekdays"),
                        "is empty",
                    ));
                }
            }
        }
        if let Some(r) = &self.service_coverage {
            items("service_coverage.covered", r.covered.len())?;
            items("service_coverage.excluded", r.excluded.len())?;
        }
        if let Some(r) = &self.use_restrictions {
            items(
                "use_restrictions.forbidden_line_purposes",
                r.forbidden_line_purposes.len(),
            )?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl Rulebook {
    /// Loads a rulebook from TOML with the default [`LoadLimits`].
    ///
    /// ```
    /// let rb = contracts::Rulebook::from_toml_str(r#"
    ///     name = "custom"
    ///     calendar = { regions = ["BE"] }
    ///     [notice]
    ///     kind = { kind = "days", days = 30 }
    ///     provenance = { source = "Our terms", clause = "art. 9" }
    /// "#)?;
    /// let c = rb.cancel(jiff::civil::date(2026, 1, 1), jiff::civil::date(2026, 3, 1))?;
    /// assert_eq!(c.earliest_end, jiff::civil::date(2026, 3, 31));
    /// # Ok::<(), contracts::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidRulebook`] naming the field (and the line) that is wrong.
    pub fn from_toml_str(text: &str) -> Result<Rulebook, Error> {
        Self::from_toml_str_with(text, &LoadLimits::default())
    }

    /// Loads a rulebook from TOML within `limits`.
    ///
    /// # Errors
    /// As [`Rulebook::from_toml_str`].
    pub fn from_toml_str_with(text: &str, limits: &LoadLimits) -> Result<Rulebook, Error> {
        check_size(text, limits)?;
        let rb: Rulebook = toml_doc(text).map_err(DocError::into_rulebook)?;
        rb.validate(limits)?;
        Ok(rb)
    }

    /// Loads a rulebook from JSON with the default [`LoadLimits`].
    ///
    /// # Errors
    /// [`Error::InvalidRulebook`] naming the field (and the line) that is wrong.
    pub fn from_json_str(text: &str) -> Result<Rulebook, Error> {
        Self::from_json_str_with(text, &LoadLimits::default())
    }

    /// Loads a rulebook from JSON within `limits`.
    ///
    /// # Errors
    /// As [`Rulebook::from_json_str`].
    pub fn from_json_str_with(text: &str, limits: &LoadLimits) -> Result<Rulebook, Error> {
        check_size(text, limits)?;
        let rb: Rulebook = json_doc(text).map_err(DocError::into_rulebook)?;
        rb.validate(limits)?;
        Ok(rb)
    }

    /// Loads a rulebook from TOML or JSON, told apart by the first non-blank character
    /// (`{` means JSON).
    ///
    /// # Errors
    /// As [`Rulebook::from_toml_str`] / [`Rulebook::from_json_str`].
    pub fn from_str_any(text: &str) -> Result<Rulebook, Error> {
        if text.trim_start().starts_with('{') {
            Self::from_json_str(text)
        } else {
            Self::from_toml_str(text)
        }
    }

    /// Writes the rulebook as TOML (loads back to an equal rulebook).
    ///
    /// # Errors
    /// [`Error::InvalidRulebook`] if the serializer refuses a value.
    pub fn to_toml_string(&self) -> Result<String, Error> {
        toml::to_string_pretty(self).map_err(|e| invalid("document", e.to_string()))
    }

    /// Writes the rulebook as pretty JSON (loads back to an equal rulebook).
    ///
    /// # Errors
    /// [`Error::InvalidRulebook`] if the serializer refuses a value.
    pub fn to_json_string(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self).map_err(|e| invalid("document", e.to_string()))
    }
}

/// Where and why a TOML or JSON document did not deserialize: the loaders of this
/// crate and of `tariff` report it the same way.
#[cfg(feature = "serde")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError {
    /// The dotted path of the offending field (`rules.notice.months`), or `document`.
    pub field: String,
    /// Why it was rejected (the parser's or the type's message).
    pub reason: String,
    /// The 1-based line of the problem in the text, when known.
    pub line: Option<usize>,
}

#[cfg(feature = "serde")]
pub(crate) type DocError = DocumentError;

/// Deserializes a TOML document, naming the field and line of the first problem.
///
/// ```
/// #[derive(serde::Deserialize)]
/// #[serde(deny_unknown_fields)]
/// struct Fee { amount: u32 }
/// let e = contracts::toml_document::<Fee>("\namout = 3\n").err().unwrap();
/// assert_eq!((e.field.as_str(), e.line), ("amout", Some(2)));
/// ```
///
/// # Errors
/// A [`DocumentError`] with the field and line of the first problem.
#[cfg(feature = "serde")]
pub fn toml_document<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DocumentError> {
    toml_doc(text)
}

/// Deserializes a JSON document, naming the field and line of the first problem.
///
/// # Errors
/// A [`DocumentError`] with the field and line of the first problem.
#[cfg(feature = "serde")]
pub fn json_document<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DocumentError> {
    json_doc(text)
}

#[cfg(feature = "serde")]
impl DocumentError {
    fn into_rulebook(self) -> Error {
        Error::InvalidRulebook {
            field: self.field,
            reason: self.reason,
            line: self.line,
        }
    }

    pub(crate) fn into_config(self) -> Error {
        Error::InvalidConfig {
            field: self.field,
            reason: self.reason,
            line: self.line,
        }
    }
}

#[cfg(feature = "serde")]
pub(crate) fn toml_doc<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DocError> {
    toml::from_str(text).map_err(|e| {
        let start = e.span().map(|s| s.start.min(text.len()));
        let line = start.map(|s| text.as_bytes()[..s].iter().filter(|b| **b == b'\n').count() + 1);
        let reason = e.message().to_owned();
        let field = field_at(text, start).unwrap_or_else(|| field_from_message(&reason));
        DocError {
            field,
            reason,
            line,
        }
    })
}

#[cfg(feature = "serde")]
pub(crate) fn json_doc<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DocError> {
    serde_json::from_str(text).map_err(|e| {
        let reason = e.to_string();
        DocError {
            field: field_from_message(&reason),
            reason,
            line: Some(e.line()),
        }
    })
}

#[cfg(feature = "serde")]
pub(crate) fn check_size(text: &str, limits: &LoadLimits) -> Result<(), Error> {
    if text.len() > limits.max_bytes {
        Err(invalid(
            "document",
            format!(
                "{} bytes exceed the limit of {}",
                text.len(),
                limits.max_bytes
            ),
        ))
    } else {
        Ok(())
    }
}

/// The dotted path of the TOML table and key at byte `offset`: the last `[table]`
/// header before it plus the key on its line.
#[cfg(feature = "serde")]
fn field_at(text: &str, offset: Option<usize>) -> Option<String> {
    let offset = offset?.min(text.len());
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text.get(line_start..line_end)?.trim();
    let table = before[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_owned());
    let key = if line.starts_with('[') {
        None
    } else {
        line.split('=')
            .next()
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
    };
    match (table, key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (Some(t), None) => Some(t),
        (None, Some(k)) => Some(k),
        (None, None) => None,
    }
}

/// A field named in a serde message (`missing field `months``), or `document`.
#[cfg(feature = "serde")]
fn field_from_message(message: &str) -> String {
    for marker in ["field `", "variant `"] {
        if let Some(i) = message.find(marker) {
            let rest = &message[i + marker.len()..];
            if let Some(j) = rest.find('`') {
                return rest[..j].to_owned();
            }
        }
    }
    "document".to_owned()
}

fn p(source: &str, clause: &str, id: &str) -> Provenance {
    Provenance::new(source, clause, id)
}

const ACCENSYS_DOC: &str = "Accensys, Telefonie Dienstbeschrijvingen en Voorwaarden";
const JITCO_DOC: &str = "Jitco, Samenwerkingsdocument - Hoofdovereenkomst";
const ALLO_DOC: &str = "ALLOcloud, Algemene gebruiksvoorwaarden voor ALLOcloud-diensten";

// TERMS ACC-4
fn accensys() -> Rulebook {
    let clause = "Contractduur en opzegging";
    Rulebook {
        name: "accensys".into(),
        provider: "Accensys".into(),
        calendar: Calendar::nl(),
        minimum_term: Some(MinimumTerm {
            months: 12,
            provenance: p(ACCENSYS_DOC, clause, "ACC-4"),
        }),
        renewal: Some(Renewal {
            kind: RenewalKind::UntilCancelled,
            provenance: p(ACCENSYS_DOC, clause, "ACC-4"),
        }),
        notice: Some(NoticePeriod {
            kind: NoticeKind::CalendarMonthsToMonthEnd { months: 1 },
            provenance: p(ACCENSYS_DOC, clause, "ACC-4"),
        }),
        processing: Some(ProcessingDelay {
            working_days: 2,
            provenance: p(ACCENSYS_DOC, clause, "ACC-4"),
        }),
        changes: Some(ChangePermissions {
            upgrade: Permission::AnyTime,
            downgrade: Permission::AfterMinimumTerm,
            cancel: Permission::AfterMinimumTerm,
            services: vec!["VOIP".into()],
            provenance: p(ACCENSYS_DOC, clause, "ACC-4"),
        }),
        ..Rulebook::default()
    }
}

// TERMS NOX-3 (NOX-1, NOX-2 and NOX-4 are money rules: tariff).
fn nox() -> Rulebook {
    use ChangeKind::*;
    Rulebook {
        name: "nox".into(),
        provider: "Nox Telecom".into(),
        calendar: Calendar::nl(),
        service_coverage: Some(ServiceCoverage {
            covered: vec![
                MenusAndModes,
                Prompts,
                RingGroupsAndForwarding,
                ReplaceUser,
                ReprogramPeripherals,
                WarrantyReplacement,
            ],
            excluded: vec![OnSite, NewUser, NewNumber, NewHardware, ExternalFault],
            provenance: p(
                "Nox Telecom, Service & Onderhoud Hosted VoIP",
                "Service & Onderhoud Contract",
                "NOX-3",
            ),
        }),
        ..Rulebook::default()
    }
}

// TERMS JIT-2, JIT-4, JIT-6, JIT-7
fn jitco() -> Rulebook {
    let duration = "4.x.2 Duur en of opzegtermijn (4.1 Cloud Office ... 4.13 VoIP Broadsoft)";
    Rulebook {
        name: "jitco".into(),
        provider: "Jitco B.V.".into(),
        calendar: Calendar::nl(),
        renewal: Some(Renewal {
            kind: RenewalKind::UntilCancelled,
            provenance: p(JITCO_DOC, duration, "JIT-7"),
        }),
        notice: Some(NoticePeriod {
            kind: NoticeKind::MonthsToTheDay { months: 3 },
            provenance: p(JITCO_DOC, duration, "JIT-7"),
        }),
        changes: Some(ChangePermissions {
            upgrade: Permission::AnyTime,
            downgrade: Permission::WithNotice,
            cancel: Permission::WithNotice,
            services: [
                "Cloud Office",
                "Cloud Hosting",
                "Cloud Server",
                "Zakelijk internet",
                "Managed mailfilter",
                "Managed backup",
                "Managed Firewall",
                "Managed WiFi accesspoint",
                "Managed Server monitoring",
                "SLA",
                "VoIP 3CX",
                "VoIP Broadsoft",
            ]
            .map(String::from)
            .to_vec(),
            provenance: p(JITCO_DOC, duration, "JIT-7"),
        }),
        price_change: Some(PriceChangeNotice {
            months: 4,
            provenance: p(JITCO_DOC, "4.x.3 Prijswijzigingen", "JIT-7"),
        }),
        complaint: Some(ComplaintWindow {
            days: 10,
            extend_to_working_day: false,
            provenance: p(JITCO_DOC, "1.6 Reclames", "JIT-2"),
        }),
        dispute: Some(DisputeForumDeadline {
            days: 14,
            provenance: p(JITCO_DOC, "1.12 Geschillen", "JIT-6"),
        }),
        deemed_operational: Some(DeemedOperational {
            months: 2,
            provenance: p(JITCO_DOC, "1.7.4 (Betaling)", "JIT-4"),
        }),
        ..Rulebook::default()
    }
}

// TERMS F42-1..F42-5 are money and traffic rules (tariff); the rulebook carries the
// German calendar only.
fn f42com() -> Rulebook {
    Rulebook {
        name: "42com".into(),
        provider: "42com Telecommunication GmbH".into(),
        calendar: Calendar::de(),
        ..Rulebook::default()
    }
}

// TERMS ALC-3, ALC-6, ALC-7, ALC-8
fn allocloud() -> Rulebook {
    let hm = |h: i8, m: i8| Time::constant(h, m, 0, 0);
    Rulebook {
        name: "allocloud".into(),
        provider: "ALLOcloud (OpenS)".into(),
        calendar: Calendar::be(),
        user_reduction: Some(UserReductionLimit {
            max_percent: 10,
            provenance: p(
                ALLO_DOC,
                "Business Telephony, 4. Configuratie en facturatie, a. Gebruikers",
                "ALC-3",
            ),
        }),
        warranty: Some(Warranty {
            months: 12,
            provenance: p(ALLO_DOC, "8. Garantie", "ALC-7"),
        }),
        support: Some(SupportHours {
            time_zone: "Europe/Brussels".into(),
            windows: vec![
                SupportWindow {
                    weekdays: vec![
                        Weekday::Monday,
                        Weekday::Tuesday,
                        Weekday::Wednesday,
                        Weekday::Thursday,
                    ],
                    opens: hm(8, 30),
                    closes: hm(18, 0),
                },
                SupportWindow {
                    weekdays: vec![Weekday::Friday],
                    opens: hm(8, 30),
                    closes: hm(16, 0),
                },
            ],
            outside_hours: vec![Severity::Critical],
            closed_on_holidays: false,
            provenance: p(ALLO_DOC, "7. Support", "ALC-6"),
        }),
        use_restrictions: Some(UseRestrictions {
            forbidden_line_purposes: vec![LinePurpose::Alarm, LinePurpose::LiftEmergency],
            caller_id: CallerIdPolicy::AssignedOnly,
            auto_dialers: AutoDialerPolicy::ForbiddenOnSipTrunks,
            emergency_address_per_number_block: true,
            provenance: p(
                ALLO_DOC,
                "4. Onwettig gebruik; Business Telephony 2. Alarm-/liftlijnen, 7. Oproepen naar noodnummers; SIP Trunking 5. Automatische oproepsystemen",
                "ALC-8",
            ),
        }),
        ..Rulebook::default()
    }
}
