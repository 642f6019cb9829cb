//! The one FFI surface of voipkit: plain owned types, one error enum, and coarse and
//! batch calls over the four core crates. The Python and Kotlin bindings translate these
//! types and hold no domain logic.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The version of voipkit these bindings were built from.
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
