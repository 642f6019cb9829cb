//! Running the `voipkit` binary from the CLI tests: `--json`, from the repository root,
//! one JSON value per line of standard output.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// The repository root, where the CLI tests run the binary.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A path below the repository root.
pub fn repo(rel: &str) -> PathBuf {
    root().join(rel)
}

/// Runs `voipkit --json ARGS` from the repository root and returns its exit code and
/// the JSON value of every line it printed to standard output.
pub fn voipkit(args: &[&str]) -> (i32, Vec<Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_voipkit"))
        .current_dir(root())
        .arg("--json")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run voipkit: {e}"));
    (out.status.code().unwrap_or(-1), json_lines(out.stdout))
}

/// Runs `voipkit --json ARGS`, requires exit code 0 and exactly one JSON value, and
/// returns it.
pub fn one(args: &[&str]) -> Value {
    let (code, mut values) = voipkit(args);
    assert_eq!(code, 0, "{args:?} -> {values:?}");
    assert_eq!(values.len(), 1, "{args:?} -> {values:?}");
    values.remove(0)
}

/// The first of `names` that runs (`NAME --version`), or `None` (the test is skipped)
/// when none is installed; with `VOIPKIT_REQUIRE_PEERS=1` (as the test command sets) a
/// missing one fails.
fn peer(what: &str, names: &[&'static str]) -> Option<&'static str> {
    for name in names {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(name);
        }
    }
    if std::env::var("VOIPKIT_REQUIRE_PEERS").as_deref() == Ok("1") {
        panic!("{what} is required (VOIPKIT_REQUIRE_PEERS=1) but was not found");
    }
    eprintln!("skipped: no {what}");
    None
}

/// The headless Chromium binary (see [`peer`]).
pub fn chromium() -> Option<&'static str> {
    peer(
        "chromium",
        &["chromium", "chromium-browser", "google-chrome"],
    )
}

/// The headless Firefox binary (see [`peer`]).
pub fn firefox() -> Option<&'static str> {
    peer("firefox", &["firefox-esr", "firefox"])
}

/// Whether Wireshark's `tshark` runs (see [`peer`]).
pub fn tshark_available() -> bool {
    peer("tshark", &["tshark"]).is_some()
}

/// Runs `voipkit --json ARGS` from the repository root with `input` on its standard
/// input, and returns its exit code and the JSON value of every line it printed.
pub fn voipkit_stdin(args: &[&str], input: &[u8]) -> (i32, Vec<Value>) {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_voipkit"))
        .current_dir(root())
        .arg("--json")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run voipkit: {e}"));
    let mut stdin = child.stdin.take().expect("a piped standard input");
    let input = input.to_vec();
    // Written from another thread: a large input must not wait on a full stdout pipe.
    let writer = std::thread::spawn(move || {
        // The command may stop reading early (an input over its limit): not an error.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("voipkit runs");
    writer.join().expect("the writer thread ends");
    (out.status.code().unwrap_or(-1), json_lines(out.stdout))
}

/// The JSON value of every line of a command's standard output.
fn json_lines(stdout: Vec<u8>) -> Vec<Value> {
    let stdout = String::from_utf8(stdout).expect("standard output is UTF-8");
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
        .collect()
}
