//! Zero-copy SIP (RFC 3261) and SDP (RFC 8866) parsing, typed headers, serialization
//! and offer/answer.
//!
//! Part of voipkit. This crate is pure and sans-IO: it opens no socket, reads no clock
//! and touches no file.
//!
//! # SIP messages
//!
//! Parsing is one linear pass that splits a buffer into start line, headers (in wire
//! order, as name/value slices) and body (by Content-Length). Nothing is copied: a
//! [`Message`] borrows the input, and header positions go into a `Vec` the caller can
//! reuse, so a steady-state parse allocates nothing. Typed headers (Via, From/To, CSeq,
//! Contact, Route, auth, ...) are parsed only when asked for. [`SipMessage`] is the
//! owned form over [`bytes::Bytes`] with the same positions; an unmodified message
//! serializes back byte for byte.
//!
//! ```
//! use sip_core::{Parser, uri::Uri};
//!
//! let wire = b"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
//! Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
//! Max-Forwards: 70\r\n\
//! To: Bob <sip:bob@biloxi.example.com>\r\n\
//! From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
//! Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
//! CSeq: 314159 INVITE\r\n\
//! Content-Length: 0\r\n\r\n";
//!
//! let mut slots = Vec::new();
//! let msg = Parser::new().parse_datagram(wire, &mut slots)?;
//! assert_eq!(msg.method(), Some("INVITE"));
//! assert_eq!(msg.call_id(), Some("a84b4c76e66710@pc33.atlanta.example.com"));
//! let via = msg.via()?.unwrap();
//! assert_eq!((via.transport, via.branch()), ("UDP", Some("z9hG4bK776asdhds")));
//! let from = msg.from()?.unwrap();
//! assert_eq!(from.display_name().as_deref(), Some("Alice"));
//! assert_eq!(from.tag(), Some("1928301774"));
//! assert!(matches!(from.uri, Uri::Sip(u) if u.user == Some("alice")));
//! assert_eq!(msg.as_bytes(), &wire[..]); // byte-identical
//! sip_core::check(wire)?; // strict RFC 3261 message validity
//! # Ok::<(), sip_core::Error>(())
//! ```
//!
//! Stream transports use [`Parser::stream`]: incomplete input gives
//! [`Status::Partial`], and [`Message::consumed`] tells how many bytes to drop.
//! [`Parser::lenient`] accepts the quirks of real traffic listed there.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod calls;
mod error;
pub mod headers;
mod limits;
mod message;
pub mod multipart;
pub mod names;
mod owned;
pub mod passport;
mod quirks;
mod scan;
pub mod sdp;
pub mod uri;
mod validate;

pub use error::{Error, Result};
pub use limits::{Limits, LimitsBuilder};
#[cfg(fuzzing)]
#[doc(hidden)]
pub use message::plain_lines_agree;
pub use message::{
    Framing, Header, HeaderSpan, Headers, Message, Parser, StartLine, Status, unfold,
};
pub use owned::{OwnedHeader, RequestBuilder, SipMessage, response_to};
pub use quirks::{Quirk, Quirks};
pub use scan::unquote;
pub use validate::{Diagnostic, Place, check, check_with, validate};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
