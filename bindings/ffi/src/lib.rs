//! The one FFI surface of voipkit: plain owned types, one error enum, and coarse and
//! batch calls over the four core crates. The Python and Kotlin bindings translate these
//! types and hold no domain logic.
//!
//! With the `uniffi` feature the types carry uniffi attributes (for Kotlin: records are
//! data classes, [`VoipkitError`] a sealed exception, dates `java.time.LocalDate`, money
//! `java.math.BigDecimal`); with the `python` feature they carry pyo3 attributes (for
//! Python: frozen classes, exceptions subclassing `ValueError`, `datetime.date`,
//! `decimal.Decimal`).
//!
//! ```
//! use jiff::civil::date;
//!
//! let c = voipkit_ffi::contracts_cancel("accensys".into(), date(2025, 1, 1), date(2026, 12, 24))?;
//! assert_eq!(c.processed_on, date(2026, 12, 29));
//! assert_eq!(c.earliest_end, date(2027, 1, 31));
//!
//! let fee = voipkit_ffi::tariff_service_work("nox".into(), 50)?;
//! assert_eq!(fee.amount.to_string(), "82.00");
//! # Ok::<(), voipkit_ffi::VoipkitError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// Declares a closed set as it crosses the bindings: an enum (a uniffi enum, a Kotlin
/// enum class; a frozen Python class with `SCREAMING_SNAKE_CASE` members) whose every
/// variant has the name plans, JSON and the CLI use, given by `as_str` (in Python by
/// `value` and `str()`).
macro_rules! closed_set {
    (
        $(#[$doc:meta])*
        pub enum $name:ident {
            $( $(#[$vdoc:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$doc])*
        #[cfg_attr(
            feature = "python",
            pyo3::pyclass(
                frozen,
                eq,
                hash,
                from_py_object,
                rename_all = "SCREAMING_SNAKE_CASE",
                module = "voipkit"
            )
        )]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )+
        }

        impl $name {
            /// The name plans, JSON and the CLI use.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $text, )+
                }
            }

            /// The member called `name` (as [`Self::as_str`] gives it), if there is one.
            #[allow(dead_code)]
            pub(crate) fn from_name(name: &str) -> Option<Self> {
                match name {
                    $( $text => Some(Self::$variant), )+
                    _ => None,
                }
            }
        }

        #[cfg(feature = "python")]
        #[pyo3::pymethods]
        impl $name {
            /// The name plans, JSON and the CLI use.
            #[getter]
            fn value(&self) -> &'static str {
                self.as_str()
            }

            fn __str__(&self) -> &'static str {
                self.as_str()
            }
        }
    };
}

#[cfg(feature = "arrow")]
mod arrow_api;
mod billing_api;
mod contracts_api;
mod error;
mod jitter_api;
mod report_api;
mod rtp_api;
mod sdp_api;
mod sip_api;
mod tariff_api;

#[cfg(feature = "arrow")]
pub use arrow_api::*;
pub use billing_api::*;
pub use contracts_api::*;
pub use error::VoipkitError;
#[cfg(feature = "_internal_test_exports")]
pub use error::debug_panic;
pub(crate) use error::guard;
#[cfg(feature = "python")]
pub use error::{
    ContractsError, InternalError, PyVoipkitError, RtpError, SdpError, SipError, TariffError,
};
pub use jitter_api::*;
pub use report_api::*;
pub use rtp_api::*;
pub use sdp_api::*;
pub use sip_api::*;
pub use tariff_api::*;

/// An instant (UTC).
pub use jiff::Timestamp;
/// A civil date (`YYYY-MM-DD`).
pub use jiff::civil::Date;
/// An exact decimal amount.
pub use rust_decimal::Decimal;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("voipkit");

// Dates cross as ISO `YYYY-MM-DD` strings (Kotlin maps them to `java.time.LocalDate`).
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Date, String, {
    remote,
    try_lift: |text| Ok(text.parse::<Date>()?),
    lower: |date| date.to_string(),
});

// Money crosses as a decimal string (Kotlin maps it to `java.math.BigDecimal`).
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Decimal, String, {
    remote,
    try_lift: |text| Ok(text.parse::<Decimal>()?),
    lower: |amount| amount.to_string(),
});

// Instants cross as RFC 3339 strings in UTC (Kotlin maps them to `java.time.Instant`).
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Timestamp, String, {
    remote,
    try_lift: |text| Ok(text.parse::<Timestamp>()?),
    lower: |instant| instant.to_string(),
});

/// The version of voipkit these bindings were built from.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The Rust example of the workspace README, run as a doc-test.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
