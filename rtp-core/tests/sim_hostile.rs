//! Hostile input through the simulation: traces spanning years or arriving at infinity
//! finish. Every case runs under a watchdog of 60 s, a guard against hangs only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::sync::mpsc;
use std::time::Duration;

/// Runs `f` on its own thread and fails the test if it takes more than 60 s.
fn watchdog<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("still running after 60 s (or panicked)")
}

/// The trace-driven simulation on a trace whose last packet arrives ten years after the
/// others, and one whose arrival is infinite: it finishes (the infinite arrival is not
/// taken as an arrival), the nine regular packets play and the late one is late.
#[test]
fn simulation_of_a_trace_spanning_years_or_arriving_at_infinity_finishes() {
    use rtp_core::jitter::Estimator;
    use rtp_core::sim::{TracePacket, simulate};
    for last in [10.0 * 365.0 * 86_400_000.0, f64::INFINITY] {
        let trace: Vec<TracePacket> = (0..10u16)
            .map(|i| TracePacket {
                seq: i,
                timestamp: u32::from(i) * 160,
                marker: i == 0,
                send_ms: 20.0 * f64::from(i),
                arrival_ms: Some(if i == 9 {
                    last
                } else {
                    20.0 * f64::from(i) + 30.0
                }),
            })
            .collect();
        let r = watchdog(move || simulate(&trace, Estimator::default()));
        assert_eq!(r.played, 9, "{last}: {r:?}");
        let arrived = if last.is_finite() { 10 } else { 9 };
        assert_eq!(r.arrived, arrived, "{last}: {r:?}");
    }
}
