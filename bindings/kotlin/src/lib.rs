//! Kotlin/JVM and Android bindings (uniffi) of voipkit.
//!
//! This cdylib links `voipkit-ffi` with its `uniffi` feature; the Kotlin code is
//! generated from the library by the `uniffi-bindgen` binary of this crate, so the
//! generator and the library always have the same uniffi version.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use voipkit_ffi::*;
