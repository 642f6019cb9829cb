//! A progress bar on standard error while a large input is read: shown only when
//! standard error is a terminal and the reading has taken more than a second, so that
//! scripts, pipes and small files see nothing.

use std::io::Read;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long reading runs before the bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A reader that advances a progress bar by the bytes taken from it.
pub struct ProgressReader<R> {
    inner: R,
    bar: ProgressBar,
    started: Instant,
    shown: bool,
}

impl<R: Read> ProgressReader<R> {
    /// Wraps `inner`, whose whole length is `total` bytes (0 when unknown), under the
    /// label `what`.
    pub fn new(inner: R, total: u64, what: &str) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template(
            "{msg} {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(what.to_owned());
        Self {
            inner,
            bar,
            started: Instant::now(),
            shown: false,
        }
    }
}

impl<R: Read> Read for ProgressReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if !self.shown && self.started.elapsed() > SHOW_AFTER {
            // `stderr()` draws nothing when standard error is not a terminal.
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.inc(n as u64);
        Ok(n)
    }
}

impl<R> Drop for ProgressReader<R> {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
