//! Exact rating and billing for hosted VoIP: numbers, rate plans, bundles, prepaid, invoices, capacity and late payment.
//!
//! Part of voipkit. This crate is pure and sans-IO: it opens no socket, reads no clock
//! and touches no file.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
