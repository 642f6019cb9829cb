//! Prints the jitter-buffer comparison table over the generated traces: the mean over
//! several seeds of each figure.
//!
//! `cargo run --release -p rtp-core --example jb_sim [packets] [seeds]`
//! (defaults: 30000 packets of 20 ms per trace, seeds 1..=8).

use rtp_core::sim::{Comparison, SimResult, TraceKind, compare};

fn mean(v: impl Iterator<Item = f64>) -> f64 {
    let (s, n) = v.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 { 0.0 } else { s / n as f64 }
}

/// Mean and standard error of the mean.
fn mean_se(v: &[f64]) -> (f64, f64) {
    let m = mean(v.iter().copied());
    if v.len() < 2 {
        return (m, 0.0);
    }
    let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (v.len() - 1) as f64;
    (m, (var / v.len() as f64).sqrt())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let packets = args.next().and_then(|a| a.parse().ok()).unwrap_or(30_000);
    let seeds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(8);
    println!(
        "| trace | ours loss % / delay ms | fixed | NetEq-like | Ramjee alg. 4 | offline bound (feasible) | ours − NetEq (± s.e.) | ours ÷ NetEq | ours ÷ offline |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut notes = Vec::new();
    for kind in TraceKind::ALL {
        let runs: Vec<Comparison> = (1..=seeds).map(|s| compare(kind, packets, s)).collect();
        let cell = |f: &dyn Fn(&Comparison) -> SimResult| {
            format!(
                "{:.3} / {:.1}",
                mean(runs.iter().map(|c| f(c).late_loss_pct)),
                mean(runs.iter().map(|c| f(c).mean_delay_ms)),
            )
        };
        let ours = mean(runs.iter().map(|c| c.ours.late_loss_pct));
        let neteq = mean(runs.iter().map(|c| c.neteq.1.late_loss_pct));
        let offline = mean(runs.iter().map(|c| c.offline.loss_pct));
        let diff: Vec<f64> = runs
            .iter()
            .map(|c| c.ours.late_loss_pct - c.neteq.1.late_loss_pct)
            .collect();
        let (d, se) = mean_se(&diff);
        let ratio = |a: f64, b: f64| {
            if b > 0.0005 {
                format!("{:.2}", a / b)
            } else if a <= 0.0005 {
                "=".into()
            } else {
                "∞".into()
            }
        };
        println!(
            "| {} | {} | {} | {} (q={:.3}) | {} (k={:.2}) | {:.3} ({:.3} / {:.1}) | {:+.3} ± {:.3} | {} | {} |",
            kind.name(),
            cell(&|c| c.ours),
            cell(&|c| c.fixed.1),
            cell(&|c| c.neteq.1),
            mean(runs.iter().map(|c| c.neteq.0)),
            cell(&|c| c.ramjee.1),
            mean(runs.iter().map(|c| c.ramjee.0)),
            offline,
            mean(runs.iter().map(|c| c.offline.feasible_loss_pct)),
            mean(runs.iter().map(|c| c.offline.feasible_delay_ms)),
            d,
            se,
            ratio(ours, neteq),
            ratio(ours, offline),
        );
        let at: Vec<(f64, SimResult, SimResult)> = runs
            .iter()
            .filter_map(|c| c.ours_at_neteq.map(|(q, r)| (q, r, c.neteq.1)))
            .collect();
        if !at.is_empty() {
            notes.push(format!(
                "- {}: NetEq-like cannot come down to our delay on {} of {} seeds; there, ours \
                 with its quantile searched to NetEq-like's delay: {:.3} / {:.1} (q={:.3}) \
                 against NetEq-like {:.3} / {:.1}.",
                kind.name(),
                at.len(),
                runs.len(),
                mean(at.iter().map(|a| a.1.late_loss_pct)),
                mean(at.iter().map(|a| a.1.mean_delay_ms)),
                mean(at.iter().map(|a| a.0)),
                mean(at.iter().map(|a| a.2.late_loss_pct)),
                mean(at.iter().map(|a| a.2.mean_delay_ms)),
            ));
        }
    }
    println!();
    for n in notes {
        println!("{n}");
    }
}
