//! The one error type of the FFI surface.

/// Every error a voipkit binding call can raise, by the crate it comes from.
///
/// In Kotlin this is a sealed exception class; in Python each variant is an exception
/// class (`voipkit.SipError`, ...) deriving from `voipkit.VoipkitError`, itself a
/// `ValueError`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum VoipkitError {
    /// A SIP message or URI was rejected.
    #[error("SIP error at byte {offset}: {reason}")]
    Sip {
        /// Byte offset of the problem in the input.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// An SDP body was rejected.
    #[error("SDP error on line {line}: {reason}")]
    Sdp {
        /// 1-based line number of the problem.
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// An RTP/RTCP packet or a capture was rejected.
    #[error("RTP error at byte {offset}: {reason}")]
    Rtp {
        /// Byte offset of the problem in the input.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// A contract rule could not be evaluated (unknown rulebook, missing rule, date out
    /// of range, ...).
    #[error("contracts: {reason}")]
    Contracts {
        /// What is wrong.
        reason: String,
    },
    /// A tariff rule could not be evaluated (unknown rulebook, bad number, bad plan, ...).
    #[error("tariff: {reason}")]
    Tariff {
        /// What is wrong.
        reason: String,
    },
    /// A defect in voipkit itself: a panic caught at the FFI boundary, so that it reaches
    /// the caller as an error instead of aborting the process or escaping as a Python
    /// `BaseException`. Report it with the input that caused it.
    #[error("internal error in voipkit: {reason}")]
    Internal {
        /// The panic message.
        reason: String,
    },
}

/// Runs `f`, turning a panic into [`VoipkitError::Internal`]: every exported call goes
/// through this, so no panic crosses the FFI boundary.
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T, VoipkitError>) -> Result<T, VoipkitError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let reason = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        Err(VoipkitError::Internal { reason })
    })
}

/// Panics with `message` inside the FFI guard: the test of the panic-to-error path from
/// Rust, Python and Kotlin. Only built with the `_internal_test_exports` feature.
///
/// # Errors
/// Always [`VoipkitError::Internal`] with `message`.
#[cfg(feature = "_internal_test_exports")]
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "python", pyo3::pyfunction)]
pub fn debug_panic(message: String) -> Result<(), VoipkitError> {
    guard(|| -> Result<(), VoipkitError> {
        #[allow(clippy::panic)] // the point of this test hook
        {
            panic!("{message}")
        }
    })
}

impl From<contracts::Error> for VoipkitError {
    fn from(err: contracts::Error) -> Self {
        VoipkitError::Contracts {
            reason: err.to_string(),
        }
    }
}

impl From<tariff::Error> for VoipkitError {
    fn from(err: tariff::Error) -> Self {
        VoipkitError::Tariff {
            reason: err.to_string(),
        }
    }
}

#[cfg(feature = "python")]
mod python {
    use pyo3::PyErr;
    use pyo3::exceptions::PyValueError;

    use super::VoipkitError;

    pyo3::create_exception!(
        voipkit,
        PyVoipkitError,
        PyValueError,
        "Base class of every voipkit error (a ValueError)."
    );
    pyo3::create_exception!(
        voipkit,
        SipError,
        PyVoipkitError,
        "A SIP message or URI was rejected."
    );
    pyo3::create_exception!(
        voipkit,
        SdpError,
        PyVoipkitError,
        "An SDP body was rejected."
    );
    pyo3::create_exception!(
        voipkit,
        RtpError,
        PyVoipkitError,
        "An RTP/RTCP packet or capture was rejected."
    );
    pyo3::create_exception!(
        voipkit,
        ContractsError,
        PyVoipkitError,
        "A contract rule could not be evaluated."
    );
    pyo3::create_exception!(
        voipkit,
        TariffError,
        PyVoipkitError,
        "A tariff rule could not be evaluated."
    );
    pyo3::create_exception!(
        voipkit,
        InternalError,
        PyVoipkitError,
        "A defect in voipkit: a panic caught at the boundary. Report it with its input."
    );

    impl From<VoipkitError> for PyErr {
        fn from(err: VoipkitError) -> PyErr {
            let message = err.to_string();
            match err {
                VoipkitError::Sip { .. } => SipError::new_err(message),
                VoipkitError::Sdp { .. } => SdpError::new_err(message),
                VoipkitError::Rtp { .. } => RtpError::new_err(message),
                VoipkitError::Contracts { .. } => ContractsError::new_err(message),
                VoipkitError::Tariff { .. } => TariffError::new_err(message),
                VoipkitError::Internal { .. } => InternalError::new_err(message),
            }
        }
    }
}

#[cfg(feature = "python")]
pub use python::{
    ContractsError, InternalError, PyVoipkitError, RtpError, SdpError, SipError, TariffError,
};
