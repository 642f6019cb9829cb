//! Capacity, service work, late payment and phone numbers (`tariff`).

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
    /// The class relative to the account's country: `geographic`, `mobile`,
    /// `toll_free`, `premium`, `shared_cost`, `non_geographic`, `emergency`,
    /// `international`.
    pub number_class: String,
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
    let c = tariff::channels(&self::rulebook(&rulebook)?, users, channel_packs)?;
    Ok(Capacity {
        channels: c.channels,
        explanation: c.explanation,
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
    let c = tariff::service_work(&self::rulebook(&rulebook)?, minutes)?;
    Ok(ServiceWorkCharge {
        blocks: c.blocks,
        amount: c.amount.amount,
        currency: c.amount.currency.to_string(),
        quote_required: c.quote_required,
        explanation: c.explanation,
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
    let country = tariff::Country::parse(&account_country)?;
    Ok(number_info(tariff::normalize_number(&number, country)?))
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
    let country = tariff::Country::parse(&account_country)?;
    Ok(numbers
        .iter()
        .map(|n| tariff::normalize_number(n, country).ok().map(number_info))
        .collect())
}

fn number_info(number: tariff::PhoneNumber) -> NumberInfo {
    let info = number.info();
    NumberInfo {
        e164: info.e164,
        country_code: info.country_code,
        national_number: info.national_number,
        number_class: info.class.as_str().to_owned(),
        country: info.country,
    }
}
