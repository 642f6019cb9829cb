//! What the capture crate's test files share.

/// Checks that `bytes` is the generated capture kept as `tests/data/{rel}`, for the
/// CLI's comparisons with Wireshark and the bindings' tests; `VOIPKIT_WRITE_FIXTURES=1`
/// writes it again after a change to what builds it.
pub fn kept_as_fixture(rel: &str, bytes: &[u8]) {
    let fixture = format!("{}/tests/data/{rel}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("VOIPKIT_WRITE_FIXTURES").is_some() {
        std::fs::write(&fixture, bytes).unwrap();
    }
    assert!(
        bytes == std::fs::read(&fixture).unwrap(),
        "{fixture} is not this capture"
    );
}
