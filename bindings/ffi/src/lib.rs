//! The one FFI surface of voipkit: plain owned types, one error enum, and coarse and
//! batch calls over the four core crates. The Python and Kotlin bindings translate these
//! types and hold no domain logic.
//!
//! With the `uniffi` feature the types carry uniffi attributes (for Kotlin); with the
//! `python` feature they carry pyo3 attributes (for Python).
//!
//! ```
//! assert_eq!(voipkit_ffi::version(), env!("CARGO_PKG_VERSION"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("voipkit");

/// The version of voipkit these bindings were built from.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
