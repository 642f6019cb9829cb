//! The CLI as a careless script or a hostile input would use it: usage errors under
//! `--json`, closed output streams, inputs that never end, and missing files among many.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;
use common::{root, voipkit};

use std::process::{Command, Stdio};

#[test]
fn json_usage_error_is_one_error_object_on_stdout_with_exit_2() {
    let (code, lines) = voipkit(&["tariff", "rate", "--bogus"]);
    assert_eq!(code, 2);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["error"]["kind"], "usage");
    assert_eq!(
        lines[0]["error"]["message"],
        "unexpected argument '--bogus' found"
    );
}

#[test]
fn json_usage_error_names_every_missing_argument() {
    let (code, lines) = voipkit(&["tariff", "late-payment", "--rulebook", "jitco"]);
    assert_eq!(code, 2);
    let message = lines[0]["error"]["message"].as_str().unwrap();
    for missing in ["--amount", "--due", "--paid"] {
        assert!(message.contains(missing), "{message}");
    }
}

#[test]
fn help_is_text_with_exit_zero_even_with_json() {
    let out = Command::new(env!("CARGO_BIN_EXE_voipkit"))
        .args(["--json", "--help"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Usage: voipkit"));
}

/// With stderr closed (`voipkit ... 2>&-`), an error is still an exit code, not a panic
/// (exit 101).
#[test]
fn closed_stderr_is_not_a_panic() {
    for args in [
        &["sip", "parse", "does-not-exist.sip"][..],
        &["tariff", "rate", "--bogus"][..],
    ] {
        let status = Command::new(env!("CARGO_BIN_EXE_voipkit"))
            .current_dir(root())
            .args(args)
            .stdout(Stdio::null())
            .stderr(closed_pipe())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(2), "{args:?}");
    }
}

/// With stdout closed (`voipkit ... | head -0`), printing is not a panic either.
#[test]
fn closed_stdout_is_not_a_panic() {
    let status = Command::new(env!("CARGO_BIN_EXE_voipkit"))
        .current_dir(root())
        .args([
            "--json",
            "contracts",
            "holidays",
            "--country",
            "NL",
            "--year",
            "2026",
        ])
        .stdout(closed_pipe())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
}

/// The write end of a pipe whose read end is already closed.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

/// `/dev/zero` never ends: reading stops one byte past the 1 MiB limit for a SIP file.
#[test]
fn sip_parse_of_an_endless_input_stops_at_the_file_limit() {
    let (code, lines) = voipkit(&["sip", "parse", "/dev/zero"]);
    assert_eq!(code, 2);
    assert_eq!(lines[0]["error"]["kind"], "limit");
    assert_eq!(lines[0]["error"]["limit"], 1_048_576);
}

#[test]
fn sip_check_reports_a_missing_file_in_its_place_and_checks_the_rest() {
    let (code, lines) = voipkit(&[
        "sip",
        "check",
        "samples/invite.sip",
        "does-not-exist.sip",
        "samples/register.sip",
    ]);
    assert_eq!(code, 2, "an unreadable file is an error");
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["error"]["kind"], "io");
    assert_eq!(lines[1]["error"]["file"], "does-not-exist.sip");
    assert_eq!(lines[2]["valid"], true);
    assert_eq!(lines[2]["file"], "samples/register.sip");
}
