//! The generic rule types a [`Rulebook`](crate::Rulebook) is made of. Every rule carries
//! its [`Provenance`]: the document, the clause and the TERMS id it encodes.
//!
//! All types are plain owned data (public fields, no lifetimes) so they serialize with
//! serde and cross language bindings unchanged.

use jiff::civil::{Time, Weekday};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Where a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Provenance {
    /// The source document (`Accensys VoIP terms`).
    pub source: String,
    /// The clause within it (`Contractduur en opzegging`).
    pub clause: String,
    /// The TERMS.md rule id (`ACC-4`), or empty for a custom rule.
    #[cfg_attr(feature = "serde", serde(default))]
    pub terms_id: String,
}

impl Provenance {
    /// A provenance from its three parts.
    pub fn new(source: &str, clause: &str, terms_id: &str) -> Self {
        Self {
            source: source.to_owned(),
            clause: clause.to_owned(),
            terms_id: terms_id.to_owned(),
        }
    }

    /// `"ALC-4 (ALLOcloud terms, Oproepcapaciteit)"`: the rule cited in an explanation.
    pub fn cite(&self) -> String {
        format!("{} ({}, {})", self.terms_id, self.source, self.clause)
    }
}

/// The minimum term of a contract: it runs at least `months` calendar months from its
/// start, ending on start + `months` − 1 day (start 15 March 2026, 12 months: ends
/// 14 March 2027; the months are added with clamping, see [`add_months`](crate::add_months)).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MinimumTerm {
    /// Length in calendar months.
    pub months: u32,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// What happens after the minimum term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case", tag = "kind"))]
pub enum RenewalKind {
    /// The contract ends by itself at the end of the minimum term.
    Ends,
    /// The contract continues until cancelled; it ends at the end of the notice period.
    UntilCancelled,
    /// The contract renews for periods of `months`; a cancellation takes effect at the end
    /// of the first period that ends on or after the end of the notice period.
    FixedPeriods {
        /// The period length in calendar months.
        months: u32,
    },
}

/// The renewal rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Renewal {
    /// How the contract continues.
    pub kind: RenewalKind,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// How a notice period is counted from the day the notice is processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case", tag = "kind"))]
pub enum NoticeKind {
    /// `months` full calendar months, the first being the first calendar month that starts
    /// strictly after the processing day; the notice ends on the last day of the last of
    /// them (TERMS ACC-4).
    CalendarMonthsToMonthEnd {
        /// Number of full calendar months.
        months: u32,
    },
    /// `months` months counted to the day from the processing day, clamped to the end of
    /// a shorter month (30 Nov + 3 months = 28 Feb; TERMS JIT-7).
    MonthsToTheDay {
        /// Number of months.
        months: u32,
    },
    /// `days` calendar days after the processing day.
    Days {
        /// Number of days.
        days: u32,
    },
}

/// The notice period for a cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NoticePeriod {
    /// How the period is counted.
    pub kind: NoticeKind,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// The time the provider takes to process a notice, in working days of the rulebook's
/// calendar: processed on the N-th working day strictly after receipt.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ProcessingDelay {
    /// Number of working days.
    pub working_days: u32,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// Whether and how a change to a service is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Permission {
    /// At any time, taking effect at once.
    AnyTime,
    /// At any time, taking effect after the notice period.
    WithNotice,
    /// Only after the minimum term, with notice.
    AfterMinimumTerm,
    /// Not allowed.
    NotAllowed,
}

/// Upgrade, downgrade and cancel permissions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ChangePermissions {
    /// Moving to a larger service.
    pub upgrade: Permission,
    /// Moving to a smaller service.
    pub downgrade: Permission,
    /// Ending the service.
    pub cancel: Permission,
    /// The services the rule applies to (empty: all).
    #[cfg_attr(feature = "serde", serde(default))]
    pub services: Vec<String>,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// A price change must be announced at least `months` calendar months (to the day,
/// clamped) before it takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PriceChangeNotice {
    /// Minimum lead time in months.
    pub months: u32,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// Complaints about visible defects must be made within `days` calendar days after
/// delivery or after the service was performed; later complaints lapse.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ComplaintWindow {
    /// Window length in calendar days.
    pub days: u32,
    /// Whether a deadline on a non-working day moves to the next working day (off by
    /// default: the clause counts plain days).
    #[cfg_attr(feature = "serde", serde(default))]
    pub extend_to_working_day: bool,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// After the customer notifies a dispute in writing, the supplier must state its choice
/// of forum within `days` calendar days; after that the customer may choose.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DisputeForumDeadline {
    /// Supplier's deadline in calendar days after the notification.
    pub days: u32,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// The number of users may be reduced by at most `max_percent` per calendar quarter:
/// the lowest count allowed is ceil((100 − max_percent)% × count at quarter start).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct UserReductionLimit {
    /// Maximum reduction per quarter in percent (0..=100).
    pub max_percent: u32,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// Warranty on supplied products: `months` calendar months from delivery.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Warranty {
    /// Length in months.
    pub months: u32,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// When installation is postponed for reasons not the supplier's fault, the set-up is
/// deemed operational at the latest `months` after delivery (to the day, clamped).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DeemedOperational {
    /// Months after delivery.
    pub months: u32,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// How severe an incident is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Severity {
    /// The service is down: no inbound or outbound calls, or strongly degraded call
    /// quality (TERMS ALC-6).
    Critical,
    /// A major feature does not work, calls still flow.
    Major,
    /// A minor fault.
    Minor,
    /// A question or a change request.
    Question,
}

impl Severity {
    /// The snake_case name (`critical`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Critical => "critical",
            Self::Major => "major",
            Self::Minor => "minor",
            Self::Question => "question",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "critical" => Ok(Self::Critical),
            "major" => Ok(Self::Major),
            "minor" => Ok(Self::Minor),
            "question" => Ok(Self::Question),
            _ => Err(crate::Error::InvalidArgument {
                name: "severity".into(),
                reason: format!("{s:?} is not one of critical, major, minor, question"),
            }),
        }
    }
}

/// An opening window of support on some weekdays, local time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SupportWindow {
    /// The weekdays it applies to (`monday` ... `sunday` in TOML/JSON).
    #[cfg_attr(feature = "serde", serde(with = "weekday_names"))]
    pub weekdays: Vec<Weekday>,
    /// Opening time (inclusive).
    pub opens: Time,
    /// Closing time (exclusive).
    pub closes: Time,
}

/// Support opening hours in a time zone, and which incidents may be raised outside them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SupportHours {
    /// IANA time zone name (`Europe/Brussels`).
    pub time_zone: String,
    /// Opening windows.
    pub windows: Vec<SupportWindow>,
    /// Severities that may be raised directly outside the windows.
    #[cfg_attr(feature = "serde", serde(default))]
    pub outside_hours: Vec<Severity>,
    /// Whether support is closed on the rulebook calendar's holidays.
    #[cfg_attr(feature = "serde", serde(default))]
    pub closed_on_holidays: bool,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// What a line (a number, a trunk channel) is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LinePurpose {
    /// Ordinary telephony.
    Telephony,
    /// A fax line.
    Fax,
    /// An alarm system's line.
    Alarm,
    /// A lift emergency line.
    LiftEmergency,
    /// A door phone.
    DoorPhone,
}

impl LinePurpose {
    /// The snake_case name (`lift_emergency`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Telephony => "telephony",
            Self::Fax => "fax",
            Self::Alarm => "alarm",
            Self::LiftEmergency => "lift_emergency",
            Self::DoorPhone => "door_phone",
        }
    }
}

/// Which caller IDs a customer may present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CallerIdPolicy {
    /// Only numbers assigned to the customer (no spoofing).
    AssignedOnly,
    /// Any caller ID.
    Any,
}

/// Where automatic dialers may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AutoDialerPolicy {
    /// Allowed everywhere.
    Allowed,
    /// Not allowed on SIP trunks.
    ForbiddenOnSipTrunks,
    /// Not allowed at all.
    Forbidden,
}

/// Restrictions on the use of the service.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct UseRestrictions {
    /// Line purposes that may not be put on the service.
    #[cfg_attr(feature = "serde", serde(default))]
    pub forbidden_line_purposes: Vec<LinePurpose>,
    /// Caller-ID policy.
    pub caller_id: CallerIdPolicy,
    /// Automatic-dialer policy.
    pub auto_dialers: AutoDialerPolicy,
    /// Whether every number block needs a postal address for emergency calls.
    pub emergency_address_per_number_block: bool,
    /// Where the rule comes from.
    pub provenance: Provenance,
}

/// The lower-case English name of a weekday (`monday`).
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    }
}

#[cfg(feature = "serde")]
mod weekday_names {
    use jiff::civil::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    pub(super) fn serialize<S: Serializer>(days: &[Weekday], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(days.iter().map(|d| super::weekday_name(*d)))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Weekday>, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        names
            .iter()
            .map(|name| {
                ALL.iter()
                    .copied()
                    .find(|day| super::weekday_name(*day) == name.to_ascii_lowercase())
                    .ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            "unknown weekday {name:?} (expected monday ... sunday)"
                        ))
                    })
            })
            .collect()
    }
}

/// A kind of change or work on a hosted PBX, for service-contract coverage (TERMS NOX-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ChangeKind {
    /// Creating or changing menus, day/night mode, voicemail-to-email.
    MenusAndModes,
    /// Recording new prompts (announcement, voicemail, queue).
    Prompts,
    /// Creating or changing ring groups, overflow, forwarding.
    RingGroupsAndForwarding,
    /// Removing a user, and creating a replacement for them.
    ReplaceUser,
    /// Reprogramming peripherals because of changes in the PBX.
    ReprogramPeripherals,
    /// Any work on site.
    OnSite,
    /// A new user who replaces nobody.
    NewUser,
    /// A new telephone number.
    NewNumber,
    /// Programming new or replacement hardware (not a warranty replacement).
    NewHardware,
    /// Programming a warranty replacement.
    WarrantyReplacement,
    /// A fault whose cause lies outside the provider's domain.
    ExternalFault,
}

impl ChangeKind {
    /// Every kind.
    pub const ALL: [ChangeKind; 11] = [
        Self::MenusAndModes,
        Self::Prompts,
        Self::RingGroupsAndForwarding,
        Self::ReplaceUser,
        Self::ReprogramPeripherals,
        Self::OnSite,
        Self::NewUser,
        Self::NewNumber,
        Self::NewHardware,
        Self::WarrantyReplacement,
        Self::ExternalFault,
    ];

    /// The snake_case name (`ring_groups_and_forwarding`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MenusAndModes => "menus_and_modes",
            Self::Prompts => "prompts",
            Self::RingGroupsAndForwarding => "ring_groups_and_forwarding",
            Self::ReplaceUser => "replace_user",
            Self::ReprogramPeripherals => "reprogram_peripherals",
            Self::OnSite => "on_site",
            Self::NewUser => "new_user",
            Self::NewNumber => "new_number",
            Self::NewHardware => "new_hardware",
            Self::WarrantyReplacement => "warranty_replacement",
            Self::ExternalFault => "external_fault",
        }
    }
}

impl std::str::FromStr for ChangeKind {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| crate::Error::InvalidArgument {
                name: "change".into(),
                reason: format!(
                    "{s:?} is not one of {}",
                    Self::ALL.map(ChangeKind::as_str).join(", ")
                ),
            })
    }
}

/// Which changes a service contract covers; anything not listed as covered is not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ServiceCoverage {
    /// Changes the contract covers (done remotely, within the existing set-up).
    pub covered: Vec<ChangeKind>,
    /// Changes the terms name as excluded (for the explanation).
    #[cfg_attr(feature = "serde", serde(default))]
    pub excluded: Vec<ChangeKind>,
    /// Where the rule comes from.
    pub provenance: Provenance,
}
