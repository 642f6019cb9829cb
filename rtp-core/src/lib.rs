//! Sans-IO RTP/RTCP packets, receiver statistics, an adaptive jitter buffer, E-model call
//! quality and Wireshark's stream analysis.
//!
//! Part of voipkit. This crate is pure and sans-IO: it opens no socket, reads no clock
//! and touches no file. Time is always an argument (a [`std::time::Duration`] since any
//! epoch the caller chooses). Reading pcap and pcapng captures and finding their streams
//! is the `capture` crate's job; it hands this crate the packets it found.
//!
//! - [`packet`]: zero-copy RTP packet views, the owned form and a builder (RFC 3550,
//!   RFC 8285 header extensions).
//! - [`rtcp`]: compound RTCP with the RFC 3550 A.2 validity checks; SR, RR, SDES, BYE,
//!   APP, generic NACK (RFC 4585), XR VoIP metrics (RFC 3611).
//! - [`seq`]: wrap-around arithmetic, extended sequence numbers, A.1 source validation.
//! - [`stats`]: RFC 3550 receiver statistics and RTCP report blocks.
//! - [`stream`]: a received stream's packets with their arrival times, as analysis and
//!   playout take them.
//! - [`analysis`]: stream analysis with Wireshark's definitions (kept apart from the
//!   RFC-exact [`stats`]).
//! - [`emodel`]: ITU-T G.107 E-model R factor and MOS.
//! - [`jitter`]: the adaptive jitter buffer (`push(packet, arrival)`, `pop(now)`).
//! - [`playout`]: a received stream played through the jitter buffer.
//!
//! ```
//! use std::time::Duration;
//! use rtp_core::packet::{RtpPacket, RtpPacketBuilder};
//! use rtp_core::stats::ReceiverStats;
//!
//! let mut stats = ReceiverStats::new(42, 8000);
//! for seq in 0..50u16 {
//!     let bytes = RtpPacketBuilder::new()
//!         .payload_type(8)
//!         .sequence_number(seq)
//!         .timestamp(u32::from(seq) * 160)
//!         .ssrc(42)
//!         .payload(&[0xD5; 160])
//!         .build()?;
//!     let packet = RtpPacket::parse(&bytes)?;
//!     // Packets arrive every 20 ms, exactly on time: no jitter.
//!     let arrival = Duration::from_millis(20 * u64::from(seq));
//!     stats.update(packet.sequence_number(), packet.timestamp(), arrival);
//! }
//! let block = stats.report_block(0, 0);
//! assert_eq!(block.cumulative_lost, 0);
//! assert_eq!(block.jitter, 0);
//! # Ok::<(), rtp_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod emodel;
pub mod error;
pub mod jitter;
pub mod packet;
pub mod playout;
pub mod rtcp;
pub mod seq;
#[cfg(feature = "_internal_test_exports")]
#[doc(hidden)]
pub mod sim;
pub mod stats;
pub mod stream;

pub use error::{Error, Result};

/// The README's example, run as a doc-test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;

/// The RTP clock rates, in Hz, that stream analysis and playout accept: from 1 kHz
/// (below it Wireshark's millisecond arithmetic divides by zero) to 192 kHz (the
/// highest audio sampling rate; video uses 90 kHz).
///
/// A rate outside it, as a hostile or broken `a=rtpmap` can announce, would make a
/// frame last a few nanoseconds or a timestamp wrap in seconds.
pub const CLOCK_RATES: std::ops::RangeInclusive<u32> = 1_000..=192_000;

/// `rate` if it is within [`CLOCK_RATES`].
///
/// ```
/// assert_eq!(rtp_core::check_clock_rate(8000), Ok(8000));
/// assert!(matches!(
///     rtp_core::check_clock_rate(u32::MAX),
///     Err(rtp_core::Error::OutOfRange { value: 4_294_967_295, .. })
/// ));
/// ```
///
/// # Errors
/// [`Error::OutOfRange`] naming the rate and the range.
pub fn check_clock_rate(rate: u32) -> Result<u32> {
    if CLOCK_RATES.contains(&rate) {
        Ok(rate)
    } else {
        Err(Error::OutOfRange {
            what: "clock rate (Hz)",
            value: u64::from(rate),
            min: u64::from(*CLOCK_RATES.start()),
            max: u64::from(*CLOCK_RATES.end()),
        })
    }
}
