//! Zero-copy SIP (RFC 3261) and SDP (RFC 8866) parsing, typed headers, serialization and offer/answer.
//!
//! Part of voipkit. This crate is pure and sans-IO: it opens no socket, reads no clock
//! and touches no file.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod sdp;
