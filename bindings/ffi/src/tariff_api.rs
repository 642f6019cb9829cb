//! Rating, capacity, service work, late payment and phone numbers (`tariff`).

use std::collections::HashMap;
#[cfg(feature = "uniffi")]
use std::sync::Arc;
use std::sync::Mutex;

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use tariff::Rulebook;

use crate::VoipkitError;

fn rulebook(name: &str) -> Result<Rulebook, VoipkitError> {
    Ok(Rulebook::preset(name)?)
}

/// Simultaneous-call channels and how they were reached (TERMS ALC-4, F42-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct Capacity {
    /// Simultaneous calls allowed.
    pub channels: u64,
    /// How the number was reached.
    pub explanation: Vec<String>,
}

/// A charge for service work (TERMS NOX-1, NOX-2).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct ServiceWorkCharge {
    /// Started blocks billed.
    pub blocks: u64,
    /// The amount, to cents.
    pub amount: Decimal,
    /// ISO 4217 currency of `amount`.
    pub currency: String,
    /// Whether the work needs a quote before it starts.
    pub quote_required: bool,
    /// How it was reached.
    pub explanation: Vec<String>,
}

/// Late-payment charges (TERMS JIT-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct LatePayment {
    /// Interest, to cents.
    pub interest: Decimal,
    /// Collection costs, to cents.
    pub collection_costs: Decimal,
    /// Amount + interest + collection costs.
    pub total: Decimal,
    /// ISO 4217 currency of the amounts.
    pub currency: String,
    /// Whole months late.
    pub whole_months: u32,
    /// Days after the last whole month.
    pub extra_days: u32,
    /// Length in days of the month-period the extra days fall in.
    pub period_days: u32,
    /// How it was reached.
    pub explanation: Vec<String>,
}

closed_set! {
    /// The class of a dialled number relative to the account's country (Python: its
    /// `value` is the snake-case name plans use, `"premium"`).
    pub enum NumberClass {
        /// A geographic (fixed-line) number.
        Geographic = "geographic",
        /// A mobile number.
        Mobile = "mobile",
        /// A freephone number (0800).
        TollFree = "toll_free",
        /// A paid service (premium-rate) number.
        Premium = "premium",
        /// A shared-cost / national-rate number.
        SharedCost = "shared_cost",
        /// A location-independent number.
        NonGeographic = "non_geographic",
        /// An emergency number.
        Emergency = "emergency",
        /// A number in another country than the account's.
        International = "international",
    }
}

impl From<tariff::NumberClass> for NumberClass {
    fn from(c: tariff::NumberClass) -> Self {
        use tariff::NumberClass as C;
        match c {
            C::Geographic => Self::Geographic,
            C::Mobile => Self::Mobile,
            C::TollFree => Self::TollFree,
            C::Premium => Self::Premium,
            C::SharedCost => Self::SharedCost,
            C::NonGeographic => Self::NonGeographic,
            C::Emergency => Self::Emergency,
            C::International => Self::International,
        }
    }
}

closed_set! {
    /// How a plan rates.
    pub enum RatingMode {
        /// Exact decimals, rounded as the plan says.
        Exact = "exact",
        /// As CGRateS v0.10.4 rates, quirks included.
        Cgrates = "cgrates",
    }
}

impl RatingMode {
    fn of(engine: &tariff::RatingEngine) -> Self {
        match engine.mode_name() {
            "cgrates" => Self::Cgrates,
            _ => Self::Exact,
        }
    }
}

/// A phone number normalized to E.164 and classified.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct NumberInfo {
    /// `+31201234567`, or the short code (`112`).
    pub e164: String,
    /// The country calling code (0 for a short code).
    pub country_code: u16,
    /// The national significant number.
    pub national_number: String,
    /// The class relative to the account's country.
    pub number_class: NumberClass,
    /// `NL`, `BE` or `DE` when the number is in one of them.
    pub country: Option<String>,
}

/// Channels for `users` users and `channel_packs` packs under a preset rulebook.
///
/// # Errors
/// [`VoipkitError::Tariff`] for an unknown rulebook or one without a channel rule.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (rulebook, users, channel_packs = 0)))]
pub fn tariff_capacity(
    rulebook: String,
    users: u64,
    channel_packs: u64,
) -> Result<Capacity, VoipkitError> {
    crate::guard(|| {
        let c = tariff::channels(&self::rulebook(&rulebook)?, users, channel_packs)?;
        Ok(Capacity {
            channels: c.channels,
            explanation: c.explanation,
        })
    })
}

/// Prices `minutes` of service work under a preset rulebook.
///
/// # Errors
/// [`VoipkitError::Tariff`] for an unknown rulebook or one without a service-work rule.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn tariff_service_work(
    rulebook: String,
    minutes: u64,
) -> Result<ServiceWorkCharge, VoipkitError> {
    crate::guard(|| {
        let c = tariff::service_work(&self::rulebook(&rulebook)?, minutes)?;
        Ok(ServiceWorkCharge {
            blocks: c.blocks,
            amount: c.amount.amount,
            currency: c.amount.currency.to_string(),
            quote_required: c.quote_required,
            explanation: c.explanation,
        })
    })
}

/// Late-payment interest and collection costs on `amount`, due on `due`, paid on `paid`.
///
/// # Errors
/// [`VoipkitError::Tariff`] for an unknown rulebook, one without a late-payment rule,
/// or a negative amount.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn tariff_late_payment(
    rulebook: String,
    amount: Decimal,
    due: Date,
    paid: Date,
) -> Result<LatePayment, VoipkitError> {
    crate::guard(|| {
        let l = tariff::late_payment(&self::rulebook(&rulebook)?, amount, due, paid)?;
        Ok(LatePayment {
            interest: l.interest.amount,
            collection_costs: l.collection_costs.amount,
            total: l.total.amount,
            currency: l.total.currency.to_string(),
            whole_months: l.months.whole_months,
            extra_days: l.months.extra_days,
            period_days: l.months.period_days,
            explanation: l.explanation,
        })
    })
}

/// Normalizes `number` as dialled from an account in `account_country` (`NL`, `BE`,
/// `DE`) to E.164 and classifies it.
///
/// # Errors
/// [`VoipkitError::Tariff`] for an unknown country or a malformed number.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn tariff_normalize_number(
    number: String,
    account_country: String,
) -> Result<NumberInfo, VoipkitError> {
    crate::guard(|| {
        let country = tariff::Country::parse(&account_country)?;
        Ok(number_info(tariff::normalize_number(&number, country)?))
    })
}

/// Normalizes and classifies many numbers dialled from one account country, in order;
/// a malformed number gives `None` in its place.
///
/// # Errors
/// [`VoipkitError::Tariff`] for an unknown country.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn tariff_normalize_numbers(
    numbers: Vec<String>,
    account_country: String,
) -> Result<Vec<Option<NumberInfo>>, VoipkitError> {
    crate::guard(|| {
        let country = tariff::Country::parse(&account_country)?;
        Ok(numbers
            .iter()
            .map(|n| tariff::normalize_number(n, country).ok().map(number_info))
            .collect())
    })
}

fn number_info(number: tariff::PhoneNumber) -> NumberInfo {
    let info = number.info();
    NumberInfo {
        e164: info.e164,
        country_code: info.country_code,
        national_number: info.national_number,
        number_class: info.class.into(),
        country: info.country,
    }
}

/// One call detail record to rate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct CallRecord {
    /// An identifier carried through to the result (may be empty).
    pub call_id: String,
    /// When the call was answered (or attempted, when unanswered).
    pub start: Timestamp,
    /// Conversation seconds.
    pub duration_s: u32,
    /// The dialled number, as the plan's numbering expects it.
    pub destination: String,
    /// Whether the call was answered.
    pub answered: bool,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl CallRecord {
    #[new]
    #[pyo3(signature = (call_id, start, duration_s, destination, answered = true))]
    fn py_new(
        call_id: String,
        start: Timestamp,
        duration_s: u32,
        destination: String,
        answered: bool,
    ) -> Self {
        Self {
            call_id,
            start,
            duration_s,
            destination,
            answered,
        }
    }
}

/// A rated call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct RatedCall {
    /// The record's identifier.
    pub call_id: String,
    /// What the call costs (0 when a bundle covers it).
    pub cost: Decimal,
    /// ISO 4217 currency of `cost`.
    pub currency: String,
    /// Charged increments.
    pub increments: u32,
    /// Charged seconds (the increments' total).
    pub billed_s: u32,
    /// The destination's class.
    pub destination_class: NumberClass,
    /// The matched destination's name.
    pub destination: Option<String>,
    /// Whether a bundle covers the call.
    pub included_in_bundle: bool,
    /// The cost before any bundle.
    pub cost_before_bundle: Decimal,
    /// Seconds a bundle covered (all of `billed_s` when included in a bundle; the
    /// covered leading increments when free minutes covered the call in part).
    pub bundle_s: u32,
    /// The mode that rated it.
    pub mode: RatingMode,
}

/// The outcome of rating one record of a batch: the rated call, or why it could not
/// be rated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct RatingOutcome {
    /// The rated call, when it could be rated.
    pub rated: Option<RatedCall>,
    /// Why it could not be rated.
    pub error: Option<String>,
}

impl From<Result<RatedCall, VoipkitError>> for RatingOutcome {
    fn from(r: Result<RatedCall, VoipkitError>) -> Self {
        match r {
            Ok(r) => RatingOutcome {
                rated: Some(r),
                error: None,
            },
            Err(e) => RatingOutcome {
                rated: None,
                error: Some(e.to_string()),
            },
        }
    }
}

/// A rate plan ready to rate calls, with the bundle usage of one billing period.
///
/// Load it once from TOML or JSON (with the text of the CSV rate tables it names), then
/// rate records one at a time or in batches.
/// Bundle minutes are consumed across calls until [`TariffPlan::reset_bundles`].
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, module = "voipkit"))]
pub struct TariffPlan {
    pub(crate) engine: tariff::RatingEngine,
    usage: Mutex<tariff::BundleUsage>,
}

impl std::fmt::Debug for TariffPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TariffPlan")
            .field("name", &self.engine.name())
            .field("prefixes", &self.engine.prefix_count())
            .finish()
    }
}

impl TariffPlan {
    fn build(
        text: &str,
        format: tariff::PlanFormat,
        rate_tables: &HashMap<String, String>,
    ) -> Result<Self, VoipkitError> {
        Self::from_plan(&tariff::load_plan(text, format, |name| {
            rate_tables.get(name)
        })?)
    }

    fn from_plan(plan: &tariff::Plan) -> Result<Self, VoipkitError> {
        let engine = tariff::RatingEngine::new(plan)?;
        let usage = Mutex::new(tariff::BundleUsage::new(&engine));
        Ok(Self { engine, usage })
    }

    /// A plan imported from a CGRateS tariff plan: `files` maps the CSV file names
    /// (`Destinations.csv`, `Rates.csv`, `DestinationRates.csv`, `RatingPlans.csv`,
    /// `RatingProfiles.csv`, and optionally `Timings.csv`) to their text. It rates as
    /// the subject is rated there: in CGRateS's rounding, or exactly when `exact`.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for a missing file, or naming the file and line or the
    /// unknown id that is wrong.
    pub fn parse_cgrates(
        files: &HashMap<String, String>,
        tenant: &str,
        category: &str,
        subject: &str,
        country: &str,
        exact: bool,
    ) -> Result<Self, VoipkitError> {
        crate::guard(|| {
            let tp = cgrates_files(files)?;
            let mut plan = tariff::import_cgrates(&tp, tenant, category, subject, country)?;
            if exact {
                plan.cgrates = None;
            }
            Self::from_plan(&plan)
        })
    }

    /// A plan from its TOML form; `rate_tables` maps the names of the CSV rate tables
    /// the plan's versions refer to (`rates_csv = "rates.csv"`) to their text.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] naming the field or CSV line that is wrong, or a rate
    /// table the plan names but `rate_tables` lacks.
    pub fn parse_toml(
        text: &str,
        rate_tables: &HashMap<String, String>,
    ) -> Result<Self, VoipkitError> {
        crate::guard(|| Self::build(text, tariff::PlanFormat::Toml, rate_tables))
    }

    /// A plan from its JSON form; `rate_tables` as for [`TariffPlan::parse_toml`].
    ///
    /// # Errors
    /// As [`TariffPlan::parse_toml`].
    pub fn parse_json(
        text: &str,
        rate_tables: &HashMap<String, String>,
    ) -> Result<Self, VoipkitError> {
        crate::guard(|| Self::build(text, tariff::PlanFormat::Json, rate_tables))
    }

    fn rated(&self, record: &CallRecord, r: &tariff::RatedCall) -> RatedCall {
        RatedCall {
            call_id: record.call_id.clone(),
            cost: r.cost,
            currency: self.engine.currency().to_string(),
            increments: r.increments,
            billed_s: r.billed_s,
            destination_class: r.destination_class.into(),
            destination: r
                .destination
                .and_then(|d| self.engine.destination_name(d))
                .map(str::to_owned),
            included_in_bundle: r.included_in_bundle,
            cost_before_bundle: r.cost_before_bundle,
            bundle_s: r.bundle_s,
            mode: RatingMode::of(&self.engine),
        }
    }

    pub(crate) fn usage(&self) -> std::sync::MutexGuard<'_, tariff::BundleUsage> {
        // A poisoned lock only means another thread panicked mid-update; the usage
        // counters are still whole numbers, so go on with them.
        self.usage.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(feature = "uniffi")]
#[uniffi::export]
impl TariffPlan {
    /// A plan from its TOML form.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] naming the field that is wrong.
    #[uniffi::constructor]
    fn from_toml(
        text: String,
        rate_tables: HashMap<String, String>,
    ) -> Result<Arc<Self>, VoipkitError> {
        Self::parse_toml(&text, &rate_tables).map(Arc::new)
    }

    /// A plan imported from a CGRateS tariff plan's CSV files (by file name).
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for a missing file or naming the line that is wrong.
    #[uniffi::constructor]
    fn from_cgrates(
        files: HashMap<String, String>,
        tenant: String,
        category: String,
        subject: String,
        country: String,
        exact: bool,
    ) -> Result<Arc<Self>, VoipkitError> {
        Self::parse_cgrates(&files, &tenant, &category, &subject, &country, exact).map(Arc::new)
    }

    /// A plan from its JSON form.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] naming the field that is wrong.
    #[uniffi::constructor]
    fn from_json(
        text: String,
        rate_tables: HashMap<String, String>,
    ) -> Result<Arc<Self>, VoipkitError> {
        Self::parse_json(&text, &rate_tables).map(Arc::new)
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl TariffPlan {
    /// Rates one call, consuming bundle minutes.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for a malformed number or a destination without a rate.
    pub fn rate(&self, record: CallRecord) -> Result<RatedCall, VoipkitError> {
        crate::guard(|| {
            let r = self.engine.rate(
                record.start,
                record.duration_s,
                record.answered,
                &record.destination,
                &mut self.usage(),
            )?;
            Ok(self.rated(&record, &r))
        })
    }

    /// Rates many calls in order, sharing the bundle usage; one outcome per record (a
    /// defect in voipkit while rating one record is that record's internal error).
    pub fn rate_batch(&self, records: Vec<CallRecord>) -> Vec<RatingOutcome> {
        let mut usage = self.usage();
        records
            .iter()
            .map(|record| {
                let rated = crate::guard(|| {
                    let r = self.engine.rate(
                        record.start,
                        record.duration_s,
                        record.answered,
                        &record.destination,
                        &mut usage,
                    )?;
                    Ok(self.rated(record, &r))
                });
                RatingOutcome::from(rated)
            })
            .collect()
    }

    /// Starts a new billing period: every bundle is whole again.
    pub fn reset_bundles(&self) {
        *self.usage() = tariff::BundleUsage::new(&self.engine);
    }

    /// The plan's name.
    pub fn name(&self) -> String {
        self.engine.name().to_owned()
    }

    /// How many prefixes the plan's destination tables hold.
    pub fn prefix_count(&self) -> u64 {
        self.engine.prefix_count() as u64
    }
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl TariffPlan {
    /// A plan from its TOML form.
    #[staticmethod]
    #[pyo3(name = "from_toml", signature = (text, rate_tables = HashMap::new()))]
    fn py_from_toml(
        text: &str,
        rate_tables: HashMap<String, String>,
    ) -> Result<Self, VoipkitError> {
        Self::parse_toml(text, &rate_tables)
    }

    /// A plan from its JSON form.
    #[staticmethod]
    #[pyo3(name = "from_json", signature = (text, rate_tables = HashMap::new()))]
    fn py_from_json(
        text: &str,
        rate_tables: HashMap<String, String>,
    ) -> Result<Self, VoipkitError> {
        Self::parse_json(text, &rate_tables)
    }

    /// A plan imported from a CGRateS tariff plan's CSV files (by file name).
    #[staticmethod]
    #[pyo3(
        name = "from_cgrates",
        signature = (files, subject, tenant = "cgrates.org", category = "call", country = "NL", exact = false)
    )]
    fn py_from_cgrates(
        files: HashMap<String, String>,
        subject: &str,
        tenant: &str,
        category: &str,
        country: &str,
        exact: bool,
    ) -> Result<Self, VoipkitError> {
        Self::parse_cgrates(&files, tenant, category, subject, country, exact)
    }

    /// Rates one call, consuming bundle minutes.
    #[pyo3(name = "rate")]
    fn py_rate(&self, record: CallRecord) -> Result<RatedCall, VoipkitError> {
        self.rate(record)
    }

    /// Rates many calls in order, sharing the bundle usage.
    #[pyo3(name = "rate_batch")]
    fn py_rate_batch(&self, records: Vec<CallRecord>) -> Vec<RatingOutcome> {
        self.rate_batch(records)
    }

    /// The report of a capture with the cost of each answered call under this plan.
    #[pyo3(name = "report_capture", signature = (capture, rulebook = None))]
    fn py_report_capture(
        &self,
        capture: Vec<u8>,
        rulebook: Option<String>,
    ) -> Result<crate::CaptureReport, VoipkitError> {
        self.report_capture(capture, rulebook)
    }

    /// Starts a new billing period.
    #[pyo3(name = "reset_bundles")]
    fn py_reset_bundles(&self) {
        self.reset_bundles();
    }

    /// The plan's name.
    #[getter(name)]
    fn py_name(&self) -> String {
        self.name()
    }

    /// How many prefixes the plan's destination tables hold.
    #[getter(prefix_count)]
    fn py_prefix_count(&self) -> u64 {
        self.prefix_count()
    }
}

impl TariffPlan {
    /// The compiled plan and a copy of the current period's bundle usage, for pricing a
    /// call without consuming bundle minutes (prepaid authorization).
    pub(crate) fn rating_state(&self) -> (&tariff::RatingEngine, tariff::BundleUsage) {
        (&self.engine, self.usage().clone())
    }
}

/// A CGRateS tariff plan from its CSV files by name (`Destinations.csv`, `Rates.csv`,
/// `DestinationRates.csv`, `RatingPlans.csv`, `RatingProfiles.csv`, and optionally
/// `Timings.csv`).
fn cgrates_files(
    files: &HashMap<String, String>,
) -> Result<tariff::CgratesTariffPlan, VoipkitError> {
    let file = |name: &str, required: bool| match files.get(name) {
        Some(text) => Ok(text.clone()),
        None if !required => Ok(String::new()),
        None => Err(VoipkitError::tariff_argument(format!(
            "the CGRateS file {name} was not given"
        ))),
    };
    Ok(tariff::CgratesTariffPlan {
        destinations: file("Destinations.csv", true)?,
        rates: file("Rates.csv", true)?,
        destination_rates: file("DestinationRates.csv", true)?,
        timings: file("Timings.csv", false)?,
        rating_plans: file("RatingPlans.csv", true)?,
        rating_profiles: file("RatingProfiles.csv", true)?,
    })
}

/// One CGRateS `GetCost` request: who calls, where, when and how long.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct CgratesCall {
    /// An identifier carried through to the result (may be empty).
    pub call_id: String,
    /// The tenant (`cgrates.org`).
    pub tenant: String,
    /// The category (`call`).
    pub category: String,
    /// The rating subject (usually the account).
    pub subject: String,
    /// The dialled number as written (a leading `+` is part of it).
    pub destination: String,
    /// When the call was answered.
    pub start: Timestamp,
    /// Its seconds.
    pub duration_s: u32,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl CgratesCall {
    #[new]
    #[pyo3(signature = (subject, destination, start, duration_s, tenant = "cgrates.org", category = "call", call_id = ""))]
    fn py_new(
        subject: String,
        destination: String,
        start: Timestamp,
        duration_s: u32,
        tenant: &str,
        category: &str,
        call_id: &str,
    ) -> Self {
        Self {
            call_id: call_id.to_owned(),
            tenant: tenant.to_owned(),
            category: category.to_owned(),
            subject,
            destination,
            start,
            duration_s,
        }
    }
}

/// Rates CGRateS `GetCost` requests of any tenant, category and subject straight from a
/// tariff plan's CSV files, as CGRateS v0.10.4 rates them (`cgrates` mode): each
/// subject's rating is imported the first time one of its calls is rated, and kept.
/// A subject without a rating profile nor a `*any` one is an error for a call of some
/// duration and costs 0 for a call of none, as in CGRateS.
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, module = "voipkit"))]
pub struct CgratesRater {
    inner: Mutex<tariff::CgratesRater>,
}

impl std::fmt::Debug for CgratesRater {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CgratesRater").finish_non_exhaustive()
    }
}

impl CgratesRater {
    /// A rater over a CGRateS tariff plan's CSV files (by file name) for accounts in
    /// `country`.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for a missing file. A file's row at fault is reported
    /// when a subject rated by it is first rated.
    pub fn parse(files: &HashMap<String, String>, country: &str) -> Result<Self, VoipkitError> {
        crate::guard(|| {
            Ok(Self {
                inner: Mutex::new(tariff::CgratesRater::new(cgrates_files(files)?, country)),
            })
        })
    }

    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, tariff::CgratesRater> {
        // A poisoned lock only means another thread panicked while importing; the
        // imported subjects are whole, so go on with them.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn rate_one(
        rater: &mut tariff::CgratesRater,
        call: &CgratesCall,
    ) -> Result<RatedCall, VoipkitError> {
        let request = tariff::CgratesCall {
            tenant: call.tenant.clone(),
            category: call.category.clone(),
            subject: call.subject.clone(),
            destination: call.destination.clone(),
            start: call.start,
            duration_s: call.duration_s,
        };
        let r = rater.rate(&request)?;
        let (currency, destination) =
            match rater.engine(&call.tenant, &call.category, &call.subject) {
                Ok(engine) => (
                    engine.currency().to_string(),
                    r.destination
                        .and_then(|d| engine.destination_name(d))
                        .map(str::to_owned),
                ),
                // A call of no duration of a subject without a profile.
                Err(_) => (tariff::Currency::default().to_string(), None),
            };
        Ok(RatedCall {
            call_id: call.call_id.clone(),
            cost: r.cost,
            currency,
            increments: r.increments,
            billed_s: r.billed_s,
            destination_class: r.destination_class.into(),
            destination,
            included_in_bundle: r.included_in_bundle,
            cost_before_bundle: r.cost_before_bundle,
            bundle_s: r.bundle_s,
            mode: RatingMode::Cgrates,
        })
    }
}

#[cfg(feature = "uniffi")]
#[uniffi::export]
impl CgratesRater {
    /// A rater over a CGRateS tariff plan's CSV files (by file name).
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for a missing file.
    #[uniffi::constructor]
    fn new(files: HashMap<String, String>, country: String) -> Result<Arc<Self>, VoipkitError> {
        Self::parse(&files, &country).map(Arc::new)
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl CgratesRater {
    /// Rates one call as CGRateS's `GetCost` would.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`]: a subject without a rating profile (`rate_table`), a
    /// number without a rate (`no_rate`, `no_rate_at`), a file's row at fault.
    pub fn rate(&self, call: CgratesCall) -> Result<RatedCall, VoipkitError> {
        crate::guard(|| Self::rate_one(&mut self.lock(), &call))
    }

    /// Rates many calls in order; one outcome per call.
    pub fn rate_batch(&self, calls: Vec<CgratesCall>) -> Vec<RatingOutcome> {
        let mut rater = self.lock();
        calls
            .iter()
            .map(|call| RatingOutcome::from(crate::guard(|| Self::rate_one(&mut rater, call))))
            .collect()
    }
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl CgratesRater {
    /// A rater over a CGRateS tariff plan's CSV files (by file name).
    #[new]
    #[pyo3(signature = (files, country = "NL"))]
    fn py_new(files: HashMap<String, String>, country: &str) -> Result<Self, VoipkitError> {
        Self::parse(&files, country)
    }

    /// Rates one call as CGRateS's `GetCost` would.
    #[pyo3(name = "rate")]
    fn py_rate(&self, call: CgratesCall) -> Result<RatedCall, VoipkitError> {
        self.rate(call)
    }

    /// Rates many calls in order; one outcome per call.
    #[pyo3(name = "rate_batch")]
    fn py_rate_batch(&self, calls: Vec<CgratesCall>) -> Vec<RatingOutcome> {
        self.rate_batch(calls)
    }
}
