//! Calendars, working days, contract terms, notice periods, deadlines and provider rulebooks for hosted VoIP.
//!
//! Part of voipkit. This crate is pure and sans-IO: it opens no socket, reads no clock
//! and touches no file.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
