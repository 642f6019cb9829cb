//! No panic crosses the FFI boundary: it reaches the caller as `VoipkitError::Internal`.
//! Built only with the `_internal_test_exports` feature, which adds the `debug_panic` hook.
#![cfg(feature = "_internal_test_exports")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use voipkit_ffi::{VoipkitError, debug_panic};

#[test]
fn a_panic_inside_a_call_is_an_internal_error_with_its_message() {
    assert_eq!(
        debug_panic("boom".into()),
        Err(VoipkitError::Internal {
            reason: "boom".into()
        })
    );
    // The process goes on: a second call behaves the same.
    assert!(matches!(
        debug_panic("again".into()),
        Err(VoipkitError::Internal { .. })
    ));
}
