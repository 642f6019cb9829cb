//! Billing (`tariff`): prepaid accounts (a ledger of top-ups and debits, call
//! authorization at a plan's rates within the credit limit, TERMS F42-1) and monthly
//! invoices in arrears (TERMS ACC-2) from plain input, with exact `Decimal` lines and
//! totals.

#[cfg(feature = "uniffi")]
use std::sync::Arc;
use std::sync::{Mutex, MutexGuard};

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::{TariffPlan, VoipkitError};

fn currency(code: &str) -> Result<tariff::Currency, VoipkitError> {
    Ok(tariff::Currency::new(code)?)
}

closed_set! {
    /// What a ledger entry records.
    pub enum LedgerEntryKind {
        /// Money added (a payment received).
        TopUp = "top_up",
        /// A call or other charge taken.
        Debit = "debit",
    }
}

/// One entry of a prepaid ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct LedgerEntry {
    /// Money added or a charge taken.
    pub kind: LedgerEntryKind,
    /// The amount (positive for both kinds).
    pub amount: Decimal,
    /// The payment or call reference given with it.
    pub reference: String,
}

/// The ledger's sums.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct LedgerTotals {
    /// Sum of the top-ups ("payments").
    pub topped_up: Decimal,
    /// Sum of the debits ("consumed credit").
    pub debited: Decimal,
}

/// May a call start, and for how long (TERMS F42-1)?
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct CallAuthorization {
    /// Whether the call may start (the balance affords its first second: connect fee
    /// and first increment, or the minimum charge).
    pub allowed: bool,
    /// The longest duration, in seconds and a whole number of increments, whose cost
    /// the balance affords above the credit limit (0 when not allowed).
    pub max_seconds: u32,
    /// What a call of `max_seconds` costs (absent when not allowed).
    pub cost_at_max: Option<Decimal>,
    /// What could be spent when asked: balance − credit limit (never negative).
    pub available: Decimal,
}

/// A prepaid account: balance, credit limit (the lowest balance allowed: 0, or negative
/// for a small overdraft) and the ledger that explains the balance. Debits that would
/// take the balance below the credit limit are refused and leave it unchanged.
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, module = "voipkit"))]
pub struct PrepaidAccount {
    inner: Mutex<tariff::PrepaidAccount>,
}

impl std::fmt::Debug for PrepaidAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = self.lock();
        f.debug_struct("PrepaidAccount")
            .field("currency", &a.currency.to_string())
            .field("balance", &a.balance)
            .field("credit_limit", &a.credit_limit)
            .finish_non_exhaustive()
    }
}

impl PrepaidAccount {
    /// An empty account in `currency` (ISO 4217, e.g. `EUR`) with a credit limit.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for a currency code that is not three letters.
    pub fn open(currency: &str, credit_limit: Decimal) -> Result<Self, VoipkitError> {
        crate::guard(|| {
            Ok(Self {
                inner: Mutex::new(tariff::PrepaidAccount::new(
                    self::currency(currency)?,
                    credit_limit,
                )),
            })
        })
    }

    fn lock(&self) -> MutexGuard<'_, tariff::PrepaidAccount> {
        // A poisoned lock only means another thread panicked mid-call; every update
        // of the account is a single assignment after its checks, so go on with it.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(feature = "uniffi")]
#[uniffi::export]
impl PrepaidAccount {
    /// An empty account in `currency` with a credit limit (0 for no overdraft).
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for a currency code that is not three letters.
    #[uniffi::constructor]
    fn new(currency: String, credit_limit: Decimal) -> Result<Arc<Self>, VoipkitError> {
        Self::open(&currency, credit_limit).map(Arc::new)
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl PrepaidAccount {
    /// Adds a payment; returns the new balance.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for an amount that is not positive.
    pub fn top_up(&self, amount: Decimal, reference: String) -> Result<Decimal, VoipkitError> {
        crate::guard(|| Ok(self.lock().top_up(amount, &reference)?.amount))
    }

    /// Takes a charge; returns the new balance.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for a negative amount, or one that would take the
    /// balance below the credit limit (the account is left unchanged).
    pub fn debit(&self, amount: Decimal, reference: String) -> Result<Decimal, VoipkitError> {
        crate::guard(|| Ok(self.lock().debit(amount, &reference)?.amount))
    }

    /// The current balance.
    pub fn balance(&self) -> Decimal {
        self.lock().balance
    }

    /// The lowest balance allowed.
    pub fn credit_limit(&self) -> Decimal {
        self.lock().credit_limit
    }

    /// What can still be spent: balance − credit limit (never negative).
    pub fn available(&self) -> Decimal {
        self.lock().available()
    }

    /// The ISO 4217 currency of every amount.
    pub fn currency(&self) -> String {
        self.lock().currency.to_string()
    }

    /// Every top-up and debit, oldest first.
    pub fn ledger(&self) -> Vec<LedgerEntry> {
        self.lock()
            .ledger
            .iter()
            .map(|e| match e {
                tariff::LedgerEntry::TopUp { amount, reference } => LedgerEntry {
                    kind: LedgerEntryKind::TopUp,
                    amount: *amount,
                    reference: reference.clone(),
                },
                tariff::LedgerEntry::Debit { amount, reference } => LedgerEntry {
                    kind: LedgerEntryKind::Debit,
                    amount: *amount,
                    reference: reference.clone(),
                },
            })
            .collect()
    }

    /// The sums of the top-ups and of the debits.
    pub fn totals(&self) -> LedgerTotals {
        let (topped_up, debited) = self.lock().totals();
        LedgerTotals { topped_up, debited }
    }

    /// Authorizes a call to `destination` starting at `start`, rated as `plan` rates
    /// it (increments, connect fee, minimum, the time band at `start`, the bundle
    /// minutes left in the plan's current period, without consuming them): the longest
    /// duration up to `max_seconds` that the balance affords above the credit limit.
    ///
    /// # Errors
    /// [`VoipkitError::Tariff`] for a malformed number or a destination without a rate,
    /// or a plan in another currency than the account.
    pub fn authorize(
        &self,
        plan: &TariffPlan,
        destination: String,
        start: Timestamp,
        max_seconds: u32,
    ) -> Result<CallAuthorization, VoipkitError> {
        crate::guard(|| {
            let account = self.lock().clone();
            let (engine, usage) = plan.rating_state();
            if engine.currency() != account.currency {
                return Err(VoipkitError::Tariff {
                    kind: "currency_mismatch".into(),
                    line: None,
                    field: None,
                    offset: None,
                    reason: format!(
                        "the plan rates in {}, the account is in {}",
                        engine.currency(),
                        account.currency
                    ),
                });
            }
            let auth = engine.authorize(&account, start, &destination, &usage, max_seconds)?;
            let cost_at_max = if auth.allowed {
                let mut scratch = usage.clone();
                Some(
                    engine
                        .rate(start, auth.max_seconds, true, &destination, &mut scratch)?
                        .cost,
                )
            } else {
                None
            };
            Ok(CallAuthorization {
                allowed: auth.allowed,
                max_seconds: auth.max_seconds,
                cost_at_max,
                available: account.available(),
            })
        })
    }
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl PrepaidAccount {
    #[new]
    #[pyo3(signature = (currency = "EUR", credit_limit = Decimal::ZERO))]
    fn py_new(currency: &str, credit_limit: Decimal) -> Result<Self, VoipkitError> {
        Self::open(currency, credit_limit)
    }

    /// Adds a payment; returns the new balance.
    #[pyo3(name = "top_up")]
    fn py_top_up(&self, amount: Decimal, reference: String) -> Result<Decimal, VoipkitError> {
        self.top_up(amount, reference)
    }

    /// Takes a charge; returns the new balance.
    #[pyo3(name = "debit")]
    fn py_debit(&self, amount: Decimal, reference: String) -> Result<Decimal, VoipkitError> {
        self.debit(amount, reference)
    }

    /// The current balance.
    #[getter(balance)]
    fn py_balance(&self) -> Decimal {
        self.balance()
    }

    /// The lowest balance allowed.
    #[getter(credit_limit)]
    fn py_credit_limit(&self) -> Decimal {
        self.credit_limit()
    }

    /// What can still be spent.
    #[getter(available)]
    fn py_available(&self) -> Decimal {
        self.available()
    }

    /// The ISO 4217 currency.
    #[getter(currency)]
    fn py_currency(&self) -> String {
        self.currency()
    }

    /// Every top-up and debit, oldest first.
    #[getter(ledger)]
    fn py_ledger(&self) -> Vec<LedgerEntry> {
        self.ledger()
    }

    /// The sums of the top-ups and of the debits.
    #[pyo3(name = "totals")]
    fn py_totals(&self) -> LedgerTotals {
        self.totals()
    }

    /// Authorizes a call at `plan`'s rates.
    #[pyo3(name = "authorize", signature = (plan, destination, start, max_seconds = 4 * 3600))]
    fn py_authorize(
        &self,
        plan: &TariffPlan,
        destination: String,
        start: Timestamp,
        max_seconds: u32,
    ) -> Result<CallAuthorization, VoipkitError> {
        self.authorize(plan, destination, start, max_seconds)
    }
}

/// A monthly recurring item (PBX, device, user, number...), prorated by days.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct InvoiceRecurringItem {
    /// What it is.
    pub description: String,
    /// Price per unit per full period.
    pub unit_price: Decimal,
    /// Units (absent means one).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub quantity: Option<Decimal>,
    /// First active day (default: the period's start).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub active_from: Option<Date>,
    /// Last active day (default: the period's end).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub active_until: Option<Date>,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl InvoiceRecurringItem {
    #[new]
    #[pyo3(signature = (description, unit_price, quantity = None, active_from = None, active_until = None))]
    fn py_new(
        description: String,
        unit_price: Decimal,
        quantity: Option<Decimal>,
        active_from: Option<Date>,
        active_until: Option<Date>,
    ) -> Self {
        Self {
            description,
            unit_price,
            quantity,
            active_from,
            active_until,
        }
    }
}

/// A usage-based item (TERMS ALC-5): quantity × unit price; a zero quantity gives no
/// line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct InvoiceUsageItem {
    /// What it is.
    pub description: String,
    /// Price per unit.
    pub unit_price: Decimal,
    /// Units used.
    pub quantity: Decimal,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl InvoiceUsageItem {
    #[new]
    fn py_new(description: String, unit_price: Decimal, quantity: Decimal) -> Self {
        Self {
            description,
            unit_price,
            quantity,
        }
    }
}

/// A one-off fee: an amount, or (without one) the rulebook fee of that name (TERMS
/// JIT-8).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct InvoiceOneOffItem {
    /// What it is, or the rulebook fee's name.
    pub description: String,
    /// The amount; absent takes it from the rulebook.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub amount: Option<Decimal>,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl InvoiceOneOffItem {
    #[new]
    #[pyo3(signature = (description, amount = None))]
    fn py_new(description: String, amount: Option<Decimal>) -> Self {
        Self {
            description,
            amount,
        }
    }
}

/// A bundle's monthly fee, for the invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct InvoiceBundleFee {
    /// The bundle's name.
    pub name: String,
    /// Its monthly fee.
    pub monthly_fee: Decimal,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl InvoiceBundleFee {
    #[new]
    fn py_new(name: String, monthly_fee: Decimal) -> Self {
        Self { name, monthly_fee }
    }
}

/// Rated calls and bundle fees to put on an invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct InvoiceCallCharges {
    /// Number of rated calls.
    pub calls: u64,
    /// The sum of their costs (as rated).
    pub cost: Decimal,
    /// The plan's bundles with their monthly fees.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub bundles: Vec<InvoiceBundleFee>,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl InvoiceCallCharges {
    #[new]
    #[pyo3(signature = (calls, cost, bundles = Vec::new()))]
    fn py_new(calls: u64, cost: Decimal, bundles: Vec<InvoiceBundleFee>) -> Self {
        Self {
            calls,
            cost,
            bundles,
        }
    }
}

closed_set! {
    /// How invoice amounts are rounded to their decimal places.
    pub enum InvoiceRoundingMode {
        /// Half away from zero: 0.125 → 0.13 (commercial rounding).
        HalfUp = "half_up",
        /// Half to even (banker's rounding): 0.125 → 0.12, 0.135 → 0.14.
        HalfEven = "half_even",
        /// Away from zero: 0.121 → 0.13.
        Up = "up",
        /// Toward zero (truncation): 0.129 → 0.12.
        Down = "down",
    }
}

impl From<InvoiceRoundingMode> for tariff::RoundingMode {
    fn from(mode: InvoiceRoundingMode) -> Self {
        match mode {
            InvoiceRoundingMode::HalfUp => Self::HalfUp,
            InvoiceRoundingMode::HalfEven => Self::HalfEven,
            InvoiceRoundingMode::Up => Self::Up,
            InvoiceRoundingMode::Down => Self::Down,
        }
    }
}

closed_set! {
    /// Where an invoice is rounded.
    pub enum InvoiceRoundingPoint {
        /// Each line is rounded once.
        PerLine = "per_line",
        /// The lines stay exact; only the subtotal is rounded.
        PerInvoice = "per_invoice",
    }
}

impl From<InvoiceRoundingPoint> for tariff::RoundingPoint {
    fn from(point: InvoiceRoundingPoint) -> Self {
        match point {
            InvoiceRoundingPoint::PerLine => Self::PerLine,
            InvoiceRoundingPoint::PerInvoice => Self::PerInvoice,
        }
    }
}

/// What a monthly invoice is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, from_py_object, module = "voipkit")
)]
pub struct InvoiceInput {
    /// Country whose VAT applies (`NL` 21%, `BE` 21%, `DE` 19%).
    pub country: String,
    /// First day of the billed period.
    pub period_start: Date,
    /// Last day of the billed period (inclusive).
    pub period_end: Date,
    /// Customer or account name.
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub customer: String,
    /// ISO 4217 currency.
    #[cfg_attr(feature = "uniffi", uniffi(default = "EUR"))]
    pub currency: String,
    /// VAT rate in percent, overriding the country's standard rate.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub vat_pct: Option<Decimal>,
    /// Recurring items.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub recurring: Vec<InvoiceRecurringItem>,
    /// Usage items.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub usage: Vec<InvoiceUsageItem>,
    /// One-off fees.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub one_off: Vec<InvoiceOneOffItem>,
    /// Minutes of service work, one entry per job (priced by the rulebook, NOX-1).
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub service_work_minutes: Vec<u64>,
    /// People trained for self-management (NOX-4).
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub trained_persons: u32,
    /// Rated calls and bundle fees (a `calls` line and one `bundle` line per bundle).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub call_charges: Option<InvoiceCallCharges>,
    /// How lines and totals are rounded. Python defaults it to `HalfUp`; Kotlin names
    /// it (a uniffi record gives an enum field no default).
    pub rounding_mode: InvoiceRoundingMode,
    /// Decimal places of lines and totals.
    #[cfg_attr(feature = "uniffi", uniffi(default = 2))]
    pub rounding_decimals: u32,
    /// Where the invoice is rounded. Python defaults it to `PerLine`; Kotlin names it.
    pub rounding_point: InvoiceRoundingPoint,
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl InvoiceInput {
    #[new]
    #[pyo3(signature = (
        country, period_start, period_end, customer = String::new(), currency = "EUR".to_owned(),
        vat_pct = None, recurring = Vec::new(), usage = Vec::new(), one_off = Vec::new(),
        service_work_minutes = Vec::new(), trained_persons = 0, call_charges = None,
        rounding_mode = InvoiceRoundingMode::HalfUp,
        rounding_decimals = 2, rounding_point = InvoiceRoundingPoint::PerLine
    ))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        country: String,
        period_start: Date,
        period_end: Date,
        customer: String,
        currency: String,
        vat_pct: Option<Decimal>,
        recurring: Vec<InvoiceRecurringItem>,
        usage: Vec<InvoiceUsageItem>,
        one_off: Vec<InvoiceOneOffItem>,
        service_work_minutes: Vec<u64>,
        trained_persons: u32,
        call_charges: Option<InvoiceCallCharges>,
        rounding_mode: InvoiceRoundingMode,
        rounding_decimals: u32,
        rounding_point: InvoiceRoundingPoint,
    ) -> Self {
        Self {
            country,
            period_start,
            period_end,
            customer,
            currency,
            vat_pct,
            recurring,
            usage,
            one_off,
            service_work_minutes,
            trained_persons,
            call_charges,
            rounding_mode,
            rounding_decimals,
            rounding_point,
        }
    }
}

closed_set! {
    /// What an invoice line bills.
    pub enum InvoiceLineKind {
        /// A recurring item, prorated by the days it was active.
        Recurring = "recurring",
        /// A usage item.
        Usage = "usage",
        /// The rated calls.
        Calls = "calls",
        /// A bundle's monthly fee.
        Bundle = "bundle",
        /// A one-off fee.
        OneOff = "one_off",
        /// Service work priced by the rulebook.
        ServiceWork = "service_work",
        /// Admin training priced by the rulebook.
        Training = "training",
    }
}

impl InvoiceLineKind {
    /// The kind of a line `tariff::invoice` made from an [`InvoiceInput`].
    fn of(line: &tariff::InvoiceLine) -> Result<Self, VoipkitError> {
        Self::from_name(&line.kind).ok_or_else(|| VoipkitError::Internal {
            reason: format!(
                "an invoice line of kind {:?}, which has no InvoiceLineKind",
                line.kind
            ),
        })
    }
}

/// One invoice line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct InvoiceLine {
    /// What the line bills.
    pub kind: InvoiceLineKind,
    /// What is billed.
    pub description: String,
    /// Quantity (days-prorated for recurring items: `quantity × d / n`, exact).
    pub quantity: Decimal,
    /// Price per unit.
    pub unit_price: Decimal,
    /// The line amount.
    pub amount: Decimal,
    /// How the amount was reached, with the TERMS clause.
    pub explanation: String,
}

/// An invoice: lines and exact totals.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(get_all, frozen, eq, module = "voipkit")
)]
pub struct Invoice {
    /// ISO 4217 currency.
    pub currency: String,
    /// The lines.
    pub lines: Vec<InvoiceLine>,
    /// Sum of the lines, rounded.
    pub subtotal: Decimal,
    /// VAT rate in percent.
    pub vat_pct: Decimal,
    /// VAT on the subtotal, rounded.
    pub vat: Decimal,
    /// Subtotal + VAT.
    pub total: Decimal,
}

fn rounding(input: &InvoiceInput) -> Result<tariff::Rounding, VoipkitError> {
    if input.rounding_decimals > 28 {
        return Err(VoipkitError::tariff_argument(format!(
            "{} decimal places is more than a decimal holds (28)",
            input.rounding_decimals
        )));
    }
    Ok(tariff::Rounding {
        mode: input.rounding_mode.into(),
        decimals: input.rounding_decimals,
        point: input.rounding_point.into(),
    })
}

/// Builds an invoice in arrears (TERMS ACC-2): recurring items prorated by the days
/// they were active, usage items, rated calls and bundle fees, one-off fees, service
/// work and training priced by `rulebook` (a preset name), VAT by country. Each line is
/// rounded once (or only the subtotal, `per_invoice`); VAT is computed on the rounded
/// subtotal and rounded once.
///
/// # Errors
/// [`VoipkitError::Tariff`] for an unknown rulebook or country, a period that ends
/// before it starts, a one-off fee without an amount that the rulebook does not name,
/// service work without a rulebook, or more than 28 decimal places.
#[cfg_attr(feature = "uniffi", uniffi::export(default(rulebook = None)))]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
#[cfg_attr(feature = "python", pyo3(signature = (input, rulebook = None)))]
pub fn billing_invoice(
    input: InvoiceInput,
    rulebook: Option<String>,
) -> Result<Invoice, VoipkitError> {
    crate::guard(|| {
        let book = rulebook
            .as_deref()
            .map(tariff::Rulebook::preset)
            .transpose()?;
        let core = tariff::InvoiceInput {
            customer: input.customer.clone(),
            currency: currency(&input.currency)?,
            country: input.country.clone(),
            vat_pct: input.vat_pct,
            period_start: input.period_start,
            period_end: input.period_end,
            rounding: rounding(&input)?,
            recurring: input
                .recurring
                .iter()
                .map(|r| tariff::RecurringItem {
                    description: r.description.clone(),
                    unit_price: r.unit_price,
                    quantity: r.quantity.unwrap_or(Decimal::ONE),
                    active_from: r.active_from,
                    active_until: r.active_until,
                })
                .collect(),
            usage: input
                .usage
                .iter()
                .map(|u| tariff::UsageItem {
                    description: u.description.clone(),
                    unit_price: u.unit_price,
                    quantity: u.quantity,
                })
                .collect(),
            one_off: input
                .one_off
                .iter()
                .map(|o| tariff::OneOffItem {
                    description: o.description.clone(),
                    amount: o.amount,
                })
                .collect(),
            credits: Vec::new(),
            service_work_minutes: input.service_work_minutes.clone(),
            trained_persons: input.trained_persons,
        };
        // The charges carry no currency across the FFI: they are the invoice's.
        let calls = input.call_charges.as_ref().map(|c| tariff::CallCharges {
            currency: core.currency,
            calls: c.calls,
            cost: c.cost,
            bundles: c
                .bundles
                .iter()
                .map(|b| (b.name.clone(), b.monthly_fee))
                .collect(),
        });
        let inv = tariff::invoice(&core, book.as_ref(), calls.as_ref())?;
        Ok(Invoice {
            currency: inv.currency.to_string(),
            lines: inv
                .lines
                .into_iter()
                .map(|l| {
                    Ok(InvoiceLine {
                        kind: InvoiceLineKind::of(&l)?,
                        description: l.description,
                        quantity: l.quantity,
                        unit_price: l.unit_price,
                        amount: l.amount,
                        explanation: l.explanation,
                    })
                })
                .collect::<Result<_, VoipkitError>>()?,
            subtotal: inv.subtotal,
            vat_pct: inv.vat_pct,
            vat: inv.vat,
            total: inv.total,
        })
    })
}

/// The call charges of an invoice from the costs of the calls `plan` rated in the
/// period (`RatedCall.cost`, bundle-covered calls at 0): their number, their sum, and
/// the plan's bundles with their monthly fees (TERMS ACC-3).
///
/// # Errors
/// [`VoipkitError::Tariff`] when the sum overflows.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn billing_call_charges(
    plan: &TariffPlan,
    costs: Vec<Decimal>,
) -> Result<InvoiceCallCharges, VoipkitError> {
    crate::guard(|| {
        let cost = costs
            .iter()
            .try_fold(Decimal::ZERO, |sum, c| sum.checked_add(*c))
            .ok_or_else(|| {
                VoipkitError::from(tariff::Error::Overflow {
                    what: "the sum of the call costs",
                })
            })?;
        let (engine, _) = plan.rating_state();
        Ok(InvoiceCallCharges {
            calls: costs.len() as u64,
            cost,
            bundles: engine
                .bundles()
                .iter()
                .map(|b| InvoiceBundleFee {
                    name: b.name().to_owned(),
                    monthly_fee: b.monthly_fee(),
                })
                .collect(),
        })
    })
}
