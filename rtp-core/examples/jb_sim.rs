//! Prints the jitter-buffer comparison table over the generated traces.
//!
//! `cargo run --release -p rtp-core --example jb_sim [packets]`

use rtp_core::sim::{TraceKind, compare};

fn main() {
    let packets = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(6000);
    println!(
        "| trace | ours loss % / delay ms | fixed | NetEq-like | Ramjee alg. 4 | offline bound | ours ÷ NetEq | ours ÷ offline |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for kind in TraceKind::ALL {
        let c = compare(kind, packets, 7);
        let cell = |r: &rtp_core::sim::SimResult| {
            format!("{:.2} / {:.1}", r.late_loss_pct, r.mean_delay_ms)
        };
        let ratio = |a: f64, b: f64| {
            if b > 0.0 {
                format!("{:.2}", a / b)
            } else if a == 0.0 {
                "=".into()
            } else {
                "∞".into()
            }
        };
        println!(
            "| {} | {} | {} | {} (q={:.3}) | {} (k={:.2}) | {:.2} / {:.1} | {} | {} |",
            kind.name(),
            cell(&c.ours),
            cell(&c.fixed.1),
            cell(&c.neteq.1),
            c.neteq.0,
            cell(&c.ramjee.1),
            c.ramjee.0,
            c.offline.0,
            c.offline.1,
            ratio(c.ours.late_loss_pct, c.neteq.1.late_loss_pct),
            ratio(c.ours.late_loss_pct, c.offline.0),
        );
    }
}
