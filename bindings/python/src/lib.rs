//! Python bindings (pyo3) of voipkit, over `voipkit-ffi`.
//!
//! Built by maturin as the extension module `voipkit._voipkit`; the `voipkit` Python
//! package re-exports it with type stubs (`py.typed`). This crate only registers what
//! `voipkit-ffi` defines (and the Arrow PyCapsule glue of `voipkit.arrow`): it holds no
//! logic of its own.
#![deny(unsafe_code)]
#![warn(missing_docs)]

use pyo3::prelude::*;

mod arrow;
use voipkit_ffi as ffi;

/// The native module behind the `voipkit` package.
#[pymodule]
fn _voipkit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", ffi::version())?;
    m.add_function(wrap_pyfunction!(ffi::version, m)?)?;

    // Errors: one base class (a ValueError) and one subclass per crate.
    m.add("VoipkitError", py.get_type::<ffi::PyVoipkitError>())?;
    m.add("SipError", py.get_type::<ffi::SipError>())?;
    m.add("SdpError", py.get_type::<ffi::SdpError>())?;
    m.add("RtpError", py.get_type::<ffi::RtpError>())?;
    m.add("ContractsError", py.get_type::<ffi::ContractsError>())?;
    m.add("TariffError", py.get_type::<ffi::TariffError>())?;
    m.add("InternalError", py.get_type::<ffi::InternalError>())?;
    #[cfg(feature = "_internal_test_exports")]
    m.add_function(wrap_pyfunction!(ffi::debug_panic, m)?)?;

    // sip
    m.add_class::<ffi::SipHeader>()?;
    m.add_class::<ffi::SipAddress>()?;
    m.add_class::<ffi::SipVia>()?;
    m.add_class::<ffi::SipDiversion>()?;
    m.add_class::<ffi::SipHistoryInfo>()?;
    m.add_class::<ffi::SipIdentity>()?;
    m.add_class::<ffi::SipPassport>()?;
    m.add_class::<ffi::SipPassportParty>()?;
    m.add_class::<ffi::SipChargingVector>()?;
    m.add_class::<ffi::SipMessageInfo>()?;
    m.add_class::<ffi::SipCheck>()?;
    m.add_class::<ffi::SipDiagnostic>()?;
    m.add_function(wrap_pyfunction!(ffi::sip_parse, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sip_check, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sip_check_many, m)?)?;
    m.add_class::<ffi::SipCapturedMessage>()?;
    m.add_function(wrap_pyfunction!(ffi::sip_capture_messages, m)?)?;
    m.add_class::<ffi::SipUriInfo>()?;
    m.add_class::<ffi::SipUriParam>()?;
    m.add_function(wrap_pyfunction!(ffi::sip_uri_parse, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sip_build_request, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sip_response_to, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sip_set_header, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sip_add_header, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sip_remove_header, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sip_set_body, m)?)?;
    m.add_class::<ffi::SipSigningCertificate>()?;
    m.add_class::<ffi::SipIdentityCheck>()?;
    m.add_class::<ffi::SipVerification>()?;

    // sdp
    m.add_class::<ffi::SdpDirection>()?;
    m.add_class::<ffi::SdpSetup>()?;
    m.add_class::<ffi::SdpOrigin>()?;
    m.add_class::<ffi::SdpConnection>()?;
    m.add_class::<ffi::SdpBandwidth>()?;
    m.add_class::<ffi::SdpTiming>()?;
    m.add_class::<ffi::SdpAttribute>()?;
    m.add_class::<ffi::SdpCodec>()?;
    m.add_class::<ffi::SdpFingerprint>()?;
    m.add_class::<ffi::SdpCandidate>()?;
    m.add_class::<ffi::SdpCrypto>()?;
    m.add_class::<ffi::SdpMedia>()?;
    m.add_class::<ffi::SdpSession>()?;
    m.add_class::<ffi::SdpCodecCapability>()?;
    m.add_class::<ffi::SdpCryptoCapability>()?;
    m.add_class::<ffi::SdpMediaCapability>()?;
    m.add_class::<ffi::SdpCapabilities>()?;
    m.add_class::<ffi::SdpAnswer>()?;
    m.add_class::<ffi::SdpSrtpKeys>()?;
    m.add_class::<ffi::SdpNegotiatedMedia>()?;
    m.add_function(wrap_pyfunction!(ffi::sdp_parse, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_read, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_descriptions, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_parse_fragment, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_read_fragment, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_write_fragment, m)?)?;
    m.add_class::<ffi::SdpFragment>()?;
    m.add_class::<ffi::SdpFragmentReading>()?;
    m.add_class::<ffi::SdpReading>()?;
    m.add_class::<ffi::SdpDiagnostic>()?;
    m.add_function(wrap_pyfunction!(ffi::sdp_write, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_answer, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_offer, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_apply_answer, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_hold, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_resume, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::sdp_from_sip, m)?)?;

    // rtp
    m.add_class::<ffi::RtpHeader>()?;
    m.add_class::<ffi::StreamDiscovery>()?;
    m.add_class::<ffi::RtpStreamReport>()?;
    m.add_function(wrap_pyfunction!(ffi::rtp_parse, m)?)?;
    m.add_class::<ffi::RtcpReportBlock>()?;
    m.add_class::<ffi::RtcpCname>()?;
    m.add_class::<ffi::RtcpPacketInfo>()?;
    m.add_function(wrap_pyfunction!(ffi::rtcp_parse, m)?)?;
    m.add_class::<ffi::RtpReceiverSnapshot>()?;
    m.add_class::<ffi::RtpReception>()?;
    m.add_class::<ffi::SeqVerdict>()?;
    m.add_class::<ffi::RtpReceiverStats>()?;
    m.add_function(wrap_pyfunction!(ffi::rtp_analyze_capture, m)?)?;
    m.add_class::<ffi::JitterBufferConfig>()?;
    m.add_class::<ffi::JitterPushOutcome>()?;
    m.add_class::<ffi::PlayoutKind>()?;
    m.add_class::<ffi::JitterFrame>()?;
    m.add_class::<ffi::JitterPlayout>()?;
    m.add_class::<ffi::JitterArrival>()?;
    m.add_class::<ffi::JitterStats>()?;
    m.add_class::<ffi::JitterBuffer>()?;
    m.add_class::<ffi::RtpPlayoutReport>()?;
    m.add_function(wrap_pyfunction!(ffi::rtp_playout_capture, m)?)?;

    // report
    m.add_class::<ffi::StreamDirection>()?;
    m.add_class::<ffi::CallEndReason>()?;
    m.add_class::<ffi::ReportStream>()?;
    m.add_class::<ffi::ReportCall>()?;
    m.add_class::<ffi::ReportSummary>()?;
    m.add_class::<ffi::CaptureReport>()?;
    m.add_function(wrap_pyfunction!(ffi::capture_report, m)?)?;

    // contracts
    m.add_class::<ffi::Holiday>()?;
    m.add_class::<ffi::Cancellation>()?;
    m.add_class::<ffi::CancellationRequest>()?;
    m.add_class::<ffi::CancellationDates>()?;
    m.add_function(wrap_pyfunction!(ffi::contracts_holidays, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::contracts_is_working_day, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::contracts_add_working_days, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::contracts_working_days_between, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::contracts_cancel, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::contracts_cancel_many, m)?)?;
    m.add_class::<ffi::ChangeKind>()?;
    m.add_class::<ffi::ComplaintDeadline>()?;
    m.add_class::<ffi::ConfigValidation>()?;
    m.add_class::<ffi::ConfigViolation>()?;
    m.add_class::<ffi::ContractRulebook>()?;
    m.add_class::<ffi::ContractState>()?;
    m.add_class::<ffi::ContractStatus>()?;
    m.add_class::<ffi::CoverageCheck>()?;
    m.add_class::<ffi::DisputeDeadlines>()?;
    m.add_class::<ffi::OperationalDate>()?;
    m.add_class::<ffi::PriceChangeCheck>()?;
    m.add_class::<ffi::Severity>()?;
    m.add_class::<ffi::SupportStatus>()?;
    m.add_class::<ffi::UserFloor>()?;
    m.add_class::<ffi::WarrantyEnd>()?;

    // tariff
    m.add_class::<ffi::Capacity>()?;
    m.add_class::<ffi::ServiceWorkCharge>()?;
    m.add_class::<ffi::LatePayment>()?;
    m.add_class::<ffi::NumberClass>()?;
    m.add_class::<ffi::RatingMode>()?;
    m.add_class::<ffi::NumberInfo>()?;
    m.add_class::<ffi::CallRecord>()?;
    m.add_class::<ffi::RatedCall>()?;
    m.add_class::<ffi::RatingOutcome>()?;
    m.add_class::<ffi::TariffPlan>()?;
    m.add_class::<ffi::CgratesCall>()?;
    m.add_class::<ffi::CgratesRater>()?;
    m.add_function(wrap_pyfunction!(ffi::tariff_capacity, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::tariff_service_work, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::tariff_late_payment, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::tariff_normalize_number, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::tariff_normalize_numbers, m)?)?;

    // billing
    m.add_class::<ffi::LedgerEntryKind>()?;
    m.add_class::<ffi::LedgerEntry>()?;
    m.add_class::<ffi::LedgerTotals>()?;
    m.add_class::<ffi::CallAuthorization>()?;
    m.add_class::<ffi::PrepaidAccount>()?;
    m.add_class::<ffi::InvoiceRecurringItem>()?;
    m.add_class::<ffi::InvoiceUsageItem>()?;
    m.add_class::<ffi::InvoiceOneOffItem>()?;
    m.add_class::<ffi::InvoiceBundleFee>()?;
    m.add_class::<ffi::InvoiceCallCharges>()?;
    m.add_class::<ffi::InvoiceRoundingMode>()?;
    m.add_class::<ffi::InvoiceRoundingPoint>()?;
    m.add_class::<ffi::InvoiceInput>()?;
    m.add_class::<ffi::InvoiceLineKind>()?;
    m.add_class::<ffi::InvoiceLine>()?;
    m.add_class::<ffi::Invoice>()?;
    m.add_function(wrap_pyfunction!(ffi::billing_invoice, m)?)?;
    m.add_function(wrap_pyfunction!(ffi::billing_call_charges, m)?)?;

    // Arrow batches in and out (voipkit.arrow).
    arrow::register(m)?;
    Ok(())
}
