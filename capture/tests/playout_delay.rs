//! The delay a listener hears (`mean_playout_delay_ms`: playout minus the stream's send
//! schedule) against the time frames wait in the buffer (`mean_delay_ms`), on streams
//! whose arrival times are worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code

use std::time::Duration;

use capture::play_stream;
use capture::{Discovery, Endpoint, RtpStream, StreamPacket};

const T0: Duration = Duration::from_secs(1_700_000_000);

fn ep(port: u16) -> Endpoint {
    Endpoint {
        addr: "192.0.2.1".parse().unwrap(),
        port,
    }
}

/// 20 ms PCMU frames; packet `i` arrives at `arrival(i)`.
fn stream(n: u16, arrival: impl Fn(u16) -> Duration) -> RtpStream {
    let packets = (0..n)
        .map(|i| StreamPacket {
            frame: u64::from(i),
            time: arrival(i),
            seq: 1000 + i,
            timestamp: 4_000_000_000_u32.wrapping_add(160 * u32::from(i)),
            payload_type: 0,
            marker: i == 0,
            payload_len: 160,
        })
        .collect();
    RtpStream {
        src: ep(4000),
        dst: ep(5000),
        ssrc: 7,
        discovery: Discovery::Heuristic,
        packets,
    }
}

const MS: f64 = 1e-6;

#[test]
fn arrivals_on_the_send_schedule_are_heard_with_the_buffer_delay() {
    // Every packet arrives exactly when its timestamp says it was sent (plus a constant
    // network delay, which the schedule's anchor absorbs): what a listener hears is the
    // time in the buffer, whatever the buffer stretched.
    let s = stream(200, |i| T0 + Duration::from_millis(20 * u64::from(i)));
    let r = play_stream(&s, 8000, Duration::ZERO, Duration::from_millis(500)).unwrap();
    assert_eq!(r.stats.played, 200);
    assert!(
        (r.mean_playout_delay_ms - r.mean_delay_ms).abs() < MS,
        "{r:?}"
    );
}

#[test]
fn a_late_first_packet_moves_the_schedule_and_the_others_are_heard_earlier() {
    // Packet 0 arrives 10 ms late, the others on time: the schedule, anchored at packet 0,
    // puts packet i at T0 + 10 + 20·i ms, so every packet but the first arrives 10 ms
    // before its scheduled time and is heard 10 ms sooner than it waited.
    let s = stream(100, |i| {
        T0 + Duration::from_millis(20 * u64::from(i) + if i == 0 { 10 } else { 0 })
    });
    let r = play_stream(&s, 8000, Duration::ZERO, Duration::from_millis(500)).unwrap();
    assert_eq!(r.stats.played, 100, "{r:?}");
    let expected = r.mean_delay_ms - 10.0 * 99.0 / 100.0;
    assert!((r.mean_playout_delay_ms - expected).abs() < MS, "{r:?}");
}

#[test]
fn the_timestamp_wrap_does_not_move_the_schedule() {
    // The timestamps start at 4 000 000 000 and wrap after 1 837 frames; a stream of
    // 3000 frames on schedule still hears exactly the buffer delay.
    let s = stream(3000, |i| T0 + Duration::from_millis(20 * u64::from(i)));
    let r = play_stream(&s, 8000, Duration::ZERO, Duration::from_millis(500)).unwrap();
    assert_eq!(r.stats.played, 3000);
    assert!(
        (r.mean_playout_delay_ms - r.mean_delay_ms).abs() < MS,
        "{r:?}"
    );
}
