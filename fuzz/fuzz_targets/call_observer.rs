//! Calls rebuilt from arbitrary message sequences: the input is SIP messages separated by
//! NUL bytes, each read as a datagram with every quirk accepted and fed
//! to a `CallObserver` with limits small enough to be reached. No panic, the limits hold,
//! and what is derived holds together.
#![no_main]

use std::net::SocketAddr;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use sip_core::Parser;
use sip_core::calls::{CallEnd, CallObserver, ObserverLimits};

fuzz_target!(|data: &[u8]| {
    let limits = ObserverLimits {
        max_calls: 8,
        max_steps: 16,
        max_announcements: 4,
    };
    let mut observer = CallObserver::with_limits(limits);
    let a: SocketAddr = "192.0.2.1:5060"
        .parse()
        .unwrap_or(SocketAddr::from(([0, 0, 0, 0], 0)));
    let b: SocketAddr = "[2001:db8::1]:5060".parse().unwrap_or(a);
    let parser = Parser::new().lenient(true);
    for (i, chunk) in data.split(|&c| c == 0).enumerate().take(200) {
        let bytes = chunk;
        let mut slots = Vec::new();
        let Ok(message) = parser.parse_datagram(bytes, &mut slots) else {
            continue;
        };
        // Times go forwards mostly, and sometimes back (a capture clock step).
        let at = Duration::from_millis((i as u64 * 37) % 1_000 + (bytes.len() as u64) * 3);
        let (src, dst) = if bytes.len() % 2 == 0 { (a, b) } else { (b, a) };
        let _ = observer.observe(at, src, dst, &message);
    }
    let calls = observer.finish();
    assert!(calls.len() <= limits.max_calls);
    for call in &calls {
        assert!(call.ladder.len() <= limits.max_steps);
        assert!(call.media.len() <= limits.max_announcements);
        if let Some(d) = call.duration() {
            assert!(
                call.answered_at
                    .is_some_and(|t| t + d == call.ended_at.unwrap_or_default())
            );
        }
        if call.end == CallEnd::Failed {
            assert!(call.final_status.is_some_and(|s| s >= 300));
        }
        // A Q.850 cause comes from the message that ended the call, its text with it.
        assert!(call.q850_cause.is_none() || call.end != CallEnd::Running);
        assert!(call.q850_text.is_none() || call.q850_cause.is_some());
    }
});
