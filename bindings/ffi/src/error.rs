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

    impl From<VoipkitError> for PyErr {
        fn from(err: VoipkitError) -> PyErr {
            let message = err.to_string();
            match err {
                VoipkitError::Sip { .. } => SipError::new_err(message),
                VoipkitError::Sdp { .. } => SdpError::new_err(message),
                VoipkitError::Rtp { .. } => RtpError::new_err(message),
                VoipkitError::Contracts { .. } => ContractsError::new_err(message),
                VoipkitError::Tariff { .. } => TariffError::new_err(message),
            }
        }
    }
}

#[cfg(feature = "python")]
pub use python::{ContractsError, PyVoipkitError, RtpError, SdpError, SipError, TariffError};
