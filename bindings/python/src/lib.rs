//! Python bindings (pyo3) of voipkit, over `voipkit-ffi`.
//!
//! Built by maturin as the extension module `voipkit._voipkit`; the `voipkit` Python
//! package re-exports it with type stubs (`py.typed`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use pyo3::prelude::*;

/// The version of voipkit this module was built from.
#[pyfunction]
fn version() -> String {
    voipkit_ffi::version()
}

/// The native module behind the `voipkit` package.
#[pymodule]
fn _voipkit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add("__version__", voipkit_ffi::version())?;
    Ok(())
}
