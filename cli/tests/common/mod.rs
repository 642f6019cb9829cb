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
    let stdout = String::from_utf8(out.stdout).expect("standard output is UTF-8");
    let values = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
        .collect();
    (out.status.code().unwrap_or(-1), values)
}

/// Runs `voipkit --json ARGS`, requires exit code 0 and exactly one JSON value, and
/// returns it.
pub fn one(args: &[&str]) -> Value {
    let (code, mut values) = voipkit(args);
    assert_eq!(code, 0, "{args:?} -> {values:?}");
    assert_eq!(values.len(), 1, "{args:?} -> {values:?}");
    values.remove(0)
}

/// What one bounded run of the binary gave.
pub struct Bounded {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// The JSON value of every line of standard output.
    pub rows: Vec<Value>,
    /// Peak resident set of the child in KiB (VmHWM sampled from /proc; a lower bound).
    pub peak_kib: u64,
}

fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `voipkit --json ARGS` from the repository root under a 2 GiB address-space limit
/// (`ulimit -v`), kills it after 60 s (a failure: a hang, not a timing), samples its peak
/// memory while it runs and requires it below `max_peak_mib`.
pub fn voipkit_bounded(args: &[&str], max_peak_mib: u64) -> Bounded {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152 && exec \"$0\" --json \"$@\"")
        .arg(env!("CARGO_BIN_EXE_voipkit"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
        text
    });
    let mut peak_kib = 0;
    let status = loop {
        if let Some(kib) = vm_hwm_kib(pid) {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().ok();
            child.wait().ok();
            panic!("{args:?} still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let rows = reader
        .join()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    let run = Bounded {
        code: status.code().unwrap_or(-1),
        rows,
        peak_kib,
    };
    eprintln!(
        "{args:?}: exit {}, {:.2} s, peak RSS {} KiB",
        run.code,
        started.elapsed().as_secs_f64(),
        run.peak_kib
    );
    assert!(
        run.peak_kib < max_peak_mib * 1024,
        "{args:?}: {} KiB",
        run.peak_kib
    );
    run
}

/// A file in the temporary directory holding `bytes`, removed when dropped.
pub struct TempFile(pub PathBuf);

impl TempFile {
    /// Writes `bytes` to a new file whose name ends in `name`.
    pub fn new(name: &str, bytes: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("voipkit-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        Self(path)
    }

    /// The path as text, for a command line.
    pub fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}
