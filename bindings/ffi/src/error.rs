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
        /// What kind of problem: `syntax`, `header`, `invalid` or `limit`
        /// (`sip_core::Error::kind`), or `incomplete`.
        kind: String,
        /// Byte offset of the problem in the input.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// An SDP body was rejected.
    #[error("SDP error on line {line}: {reason}")]
    Sdp {
        /// What kind of problem: `parse`, `body` or `negotiation`
        /// (`sip_core::sdp::Error::kind`), or `invalid` for a value given to a call.
        kind: String,
        /// 1-based line number of the problem (0 when no line is at fault).
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// An RTP/RTCP packet or a capture was rejected.
    #[error("RTP error at byte {offset}: {reason}")]
    Rtp {
        /// What kind of problem: `truncated`, `malformed`, `encode`, `out_of_range` or
        /// `limit` (`rtp_core::Error::kind`), or `capture` for a capture file's.
        kind: String,
        /// Byte offset of the problem in the input (0 when no byte is at fault).
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// A contract rule could not be evaluated (unknown rulebook, missing rule, date out
    /// of range, ...).
    #[error("contracts: {reason}")]
    Contracts {
        /// What kind of problem (`contracts::Error::kind`: `unknown_rulebook`,
        /// `invalid_rulebook`, `missing_rule`, ...).
        kind: String,
        /// The 1-based line of the problem in a document, when known.
        line: Option<u64>,
        /// The field at fault, when there is one.
        field: Option<String>,
        /// What is wrong.
        reason: String,
    },
    /// A tariff rule could not be evaluated (unknown rulebook, bad number, bad plan, ...).
    #[error("tariff: {reason}")]
    Tariff {
        /// What kind of problem (`tariff::Error::kind`: `invalid_number`, `no_rate`,
        /// `rate_table`, `limit_exceeded`, ...; `invalid_argument` for a value given to
        /// a call).
        kind: String,
        /// The 1-based line of the problem in a document or table, when known.
        line: Option<u64>,
        /// The field or file at fault, when there is one.
        field: Option<String>,
        /// The byte offset of the problem in a phone number, when that is it.
        offset: Option<u64>,
        /// What is wrong.
        reason: String,
    },
    /// A defect in voipkit itself: a panic caught at the FFI boundary, so that it reaches
    /// the caller as an error instead of aborting the process or escaping as a Python
    /// `BaseException`, or a core result these bindings have no value for. Report it
    /// with the input that caused it.
    #[error("internal error in voipkit: {reason}")]
    Internal {
        /// The panic message, or the result without a value.
        reason: String,
    },
}

impl VoipkitError {
    /// A [`VoipkitError::Tariff`] about a value given to a call (`invalid_argument`).
    pub(crate) fn tariff_argument(reason: impl Into<String>) -> Self {
        VoipkitError::Tariff {
            kind: "invalid_argument".into(),
            line: None,
            field: None,
            offset: None,
            reason: reason.into(),
        }
    }

    /// The machine-readable kind (`internal` for [`VoipkitError::Internal`]).
    pub fn kind(&self) -> &str {
        match self {
            VoipkitError::Sip { kind, .. }
            | VoipkitError::Sdp { kind, .. }
            | VoipkitError::Rtp { kind, .. }
            | VoipkitError::Contracts { kind, .. }
            | VoipkitError::Tariff { kind, .. } => kind,
            VoipkitError::Internal { .. } => "internal",
        }
    }
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
            kind: err.kind().into(),
            line: err.line().map(|l| l as u64),
            field: err.field().map(str::to_owned),
            reason: err.to_string(),
        }
    }
}

impl From<tariff::Error> for VoipkitError {
    fn from(err: tariff::Error) -> Self {
        VoipkitError::Tariff {
            kind: err.kind().into(),
            line: err.line(),
            field: err.field().map(str::to_owned),
            offset: err.offset().map(|o| o as u64),
            reason: err.to_string(),
        }
    }
}

#[cfg(feature = "python")]
mod python {
    use pyo3::exceptions::PyValueError;
    use pyo3::types::PyAnyMethods;
    use pyo3::{IntoPyObject, PyErr, Python};

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

    /// The exception of the variant's class, with the message as its argument and the
    /// variant's fields as attributes: `kind` and `reason` always, `offset`, `line` and
    /// `field` (each `None` when the error has none).
    impl From<VoipkitError> for PyErr {
        fn from(err: VoipkitError) -> PyErr {
            let message = err.to_string();
            let kind = err.kind().to_owned();
            let (e, reason, offset, line, field) = match err {
                VoipkitError::Sip { offset, reason, .. } => {
                    (SipError::new_err(message), reason, Some(offset), None, None)
                }
                VoipkitError::Sdp { line, reason, .. } => {
                    (SdpError::new_err(message), reason, None, Some(line), None)
                }
                VoipkitError::Rtp { offset, reason, .. } => {
                    (RtpError::new_err(message), reason, Some(offset), None, None)
                }
                VoipkitError::Contracts {
                    line,
                    field,
                    reason,
                    ..
                } => (ContractsError::new_err(message), reason, None, line, field),
                VoipkitError::Tariff {
                    line,
                    field,
                    offset,
                    reason,
                    ..
                } => (TariffError::new_err(message), reason, offset, line, field),
                VoipkitError::Internal { reason } => {
                    (InternalError::new_err(message), reason, None, None, None)
                }
            };
            Python::attach(|py| {
                let value = e.value(py);
                for (name, attr) in [
                    ("kind", kind.into_pyobject(py).map(|v| v.into_any())),
                    ("reason", reason.into_pyobject(py).map(|v| v.into_any())),
                    ("offset", offset.into_pyobject(py).map(|v| v.into_any())),
                    ("line", line.into_pyobject(py).map(|v| v.into_any())),
                    ("field", field.into_pyobject(py).map(|v| v.into_any())),
                ] {
                    let Ok(attr) = attr;
                    // Setting an attribute on a fresh exception does not fail.
                    let _ = value.setattr(name, attr);
                }
            });
            e
        }
    }
}

#[cfg(feature = "python")]
pub use python::{
    ContractsError, InternalError, PyVoipkitError, RtpError, SdpError, SipError, TariffError,
};
