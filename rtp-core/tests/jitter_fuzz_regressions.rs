//! Inputs found by the `jitter_buffer` fuzz target, replayed with the same decoding.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

/// The fuzz target's decoding and invariant checks, shared with it; panics on the first
/// invariant broken and returns the (seq, timestamp) of every frame played.
fn replay(data: &[u8]) -> Vec<(u16, u32)> {
    rtp_core::jitter::replay_fuzz_ops(data).unwrap()
}

#[test]
fn fuzz_crash_1_a_second_packet_with_a_played_timestamp_is_late() {
    let data = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/jitter_fuzz_crash_1.bin"
    ))
    .unwrap();
    let played = replay(&data);
    // Packets 0 and 1 both carry timestamp 0 after the reset: an audio buffer plays one
    // frame per timestamp, so packet 1 comes after its slot and is dropped as late.
    assert_eq!(played.last(), Some(&(0, 0)));
    assert!(!played.ends_with(&[(0, 0), (1, 0)]));
}

#[test]
fn fuzz_crash_2_a_packet_whose_timestamp_went_back_is_not_played_out_of_order() {
    // Sequence 16 arrives with timestamp 160 after 2240 was played (the timestamp went
    // back by less than the reset threshold): it must be dropped as late.
    let data = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/jitter_fuzz_crash_2.bin"
    ))
    .unwrap();
    let played = replay(&data);
    assert!(!played.contains(&(16, 160)));
}

#[test]
fn fuzz_crash_3_a_restarted_talkspurt_never_replays_a_played_timestamp() {
    // After a reset, packet 0 (timestamp 0) plays and the buffer runs dry; packet 3
    // (timestamp 480) arrives behind the playout point and restarts playout as a new
    // talkspurt, then packet 1 arrives with timestamp 0 again: it must be late, not
    // start the talkspurt at a timestamp already played.
    let data = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/jitter_fuzz_crash_3.bin"
    ))
    .unwrap();
    let played = replay(&data);
    assert!(played.contains(&(0, 0)));
    assert!(!played.contains(&(1, 0)), "{played:?}");
}
