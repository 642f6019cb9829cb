//! Python bindings (pyo3) of voipkit, over `voipkit-ffi`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use voipkit_ffi::version;
