//! Running `voipkit --json` on hostile input for the hostile-input suites: each run is
//! killed after 60 s (a hang is a failure), runs under a 2 GiB address-space limit,
//! and has its peak resident memory (VmHWM, sampled from /proc while it runs) checked
//! against a bound the case gives. No case asserts a duration.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// What one run of the binary gave.
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// One JSON value per line of standard output.
    pub rows: Vec<Value>,
    /// Peak resident set of the child, KiB (the last VmHWM sampled; a lower bound).
    pub peak_kib: u64,
}

impl Run {
    /// The `error` object of the last row (the one a failing command prints).
    pub fn error(&self) -> &Value {
        &self.rows.last().unwrap_or(&Value::Null)["error"]
    }
}

fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `voipkit --json ARGS` in `dir` under `ulimit -v` of 2 GiB, killing it after
/// 60 s, and requires its peak memory to stay under `max_mib`.
pub fn run_in(dir: &Path, args: &[&str], max_mib: u64) -> Run {
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152 && exec \"$0\" --json \"$@\"")
        .arg(env!("CARGO_BIN_EXE_voipkit"))
        .args(args)
        .current_dir(dir)
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
    let text = reader.join().unwrap();
    let rows = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    let run = Run {
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
        run.peak_kib < max_mib * 1024,
        "{args:?}: peak RSS {} KiB over {max_mib} MiB",
        run.peak_kib
    );
    run
}

/// A temporary directory of input files, removed when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
    /// A fresh directory named after the suite and case.
    pub fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("voipkit-hostile-{}-{name}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    /// Writes `name` with `content`; returns its name (runs happen in the directory).
    pub fn file<'a>(&self, name: &'a str, content: impl AsRef<[u8]>) -> &'a str {
        std::fs::write(self.0.join(name), content).unwrap();
        name
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Runs `voipkit --json ARGS` in the directory (see [`run_in`]).
    pub fn run(&self, args: &[&str], max_mib: u64) -> Run {
        run_in(&self.0, args, max_mib)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}
