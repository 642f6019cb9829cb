//! The VoIP side of a packet capture: pcap and pcapng reading with IP reassembly, the
//! SIP messages in it, the RTP streams their SDP announced (or that look like RTP), and
//! the quality of each stream with Wireshark's definitions.
//!
//! Part of voipkit; it sits above `sip-core` (which reads the SIP and SDP) and
//! `rtp-core` (which analyses the streams and plays them through its jitter buffer).
//! Sans-IO: it reads bytes the caller supplies and opens no file.
//!
//! - [`read`]: pcap and pcapng into UDP datagrams (and the SIP messages of TCP and
//!   WebSocket flows, a message that spans segments put back together), fragmented
//!   IPv4/IPv6 datagrams
//!   rebuilt within limits; writing pcap.
//! - [`hep`]: HEP, the encapsulation Homer's capture agents send SIP in, opened when a
//!   capture is read and readable packet by packet.
//! - [`streams`]: the SIP messages of a datagram ([`sip_messages`]); the RTP streams,
//!   from the SDP of the capture's SIP messages or heuristically.
//! - [`calls`]: the calls of the capture's SIP dialogs, each with the streams its SDP
//!   announced.
//! - [`quality`]: Wireshark's stream analysis, the E-model estimate and jitter-buffer
//!   playout of a captured stream, with the clock rates its SDP announced.
//!
//! ```
//! use std::time::Duration;
//! use capture::{CaptureLimits, Endpoint, UdpDatagram, analyze_stream, read_streams, write_pcap};
//! use rtp_core::packet::RtpPacketBuilder;
//!
//! // A capture of 50 PCMA packets, 20 ms apart, one of them lost on the way.
//! let at = |port| Endpoint { addr: "192.0.2.1".parse().unwrap(), port };
//! let mut datagrams = Vec::new();
//! for seq in (0..50u16).filter(|s| *s != 20) {
//!     let payload = RtpPacketBuilder::new()
//!         .payload_type(8)
//!         .sequence_number(seq)
//!         .timestamp(u32::from(seq) * 160)
//!         .ssrc(0x5eed)
//!         .payload(&[0xd5; 160])
//!         .build()?;
//!     datagrams.push(UdpDatagram {
//!         frame: 0,
//!         time: Duration::from_millis(20 * u64::from(seq)),
//!         src: at(4000),
//!         dst: at(5000),
//!         ipv6: false,
//!         payload,
//!         agent: None,
//!     });
//! }
//! let pcap = write_pcap(&datagrams)?;
//!
//! let (streams, origin) = read_streams(&pcap[..], &CaptureLimits::default())?;
//! let stream = &streams.streams[0];
//! let analysis = analyze_stream(&streams, stream, origin);
//! assert_eq!((stream.ssrc, analysis.packets, analysis.lost), (0x5eed, 49, 1));
//! assert_eq!(analysis.max_jitter_ms, 0.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod calls;
pub mod error;
pub mod hep;
pub mod quality;
pub mod read;
pub mod streams;

pub use calls::{
    CallStream, CaptureCall, CaptureCalls, IDLE_STREAM, MeasuredCalls, MeasuredStream, calls_of,
    read_calls, read_calls_measured,
};
pub use error::{Error, Result};
pub use quality::{
    QualityWindow, StreamQuality, analysis_clock_rate, analyze_stream, estimate_quality,
    measure_stream, play_capture, play_stream, quality_windows, stream_clock_rate,
};
pub use read::{
    CaptureLimits, CaptureRead, Endpoint, IpFragment, Reassembler, ReassemblyLimits,
    ReassemblyStats, Transport, UdpDatagram, is_capture, read_capture, read_capture_each,
    read_capture_until_error, read_udp, write_pcap, write_pcap_with_mtu,
};
pub use rtp_core::stream::StreamPacket;
pub use streams::{
    CaptureStreams, Discovery, RtpStream, SignalledMedia, SipMessages, StreamFinder, find_streams,
    read_streams, scan_sdp, sip_messages, starts_sip_message, static_clock_rate, streams_of,
};

/// The README's example, run as a doc-test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
