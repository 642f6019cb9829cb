//! Sans-IO RTP/RTCP packets, receiver statistics, an adaptive jitter buffer, E-model call quality and capture analysis.
//!
//! Part of voipkit. This crate is pure and sans-IO: it opens no socket, reads no clock
//! and touches no file.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
