//! Arbitrary push/pop sequences with arbitrary times: no panic, bounded memory, and
//! frames leave in timestamp order within one stream (between resets), none twice.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = rtp_core::jitter::replay_fuzz_ops(data) {
        panic!("{broken}");
    }
});
