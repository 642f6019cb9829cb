//! Hostile and careless input through `voipkit rtp analyze` and `voipkit rtp playout`:
//! each case gives a typed error (kind, offset or number) or a documented result, with
//! its exit code, and finishes within a 60 s watchdog under a 2 GiB address-space limit;
//! the child's peak resident memory (VmHWM, sampled from /proc while it runs) must stay
//! under 512 MiB. No case asserts a duration: the watchdog only guards against hangs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;
mod hostile_harness;

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use capture::{Endpoint, UdpDatagram, write_pcap};
use serde_json::Value;

/// Runs `voipkit --json ARGS` from the repository root through the bounded runner
/// (60 s watchdog, 2 GiB address space, peak RSS under 512 MiB).
fn run(args: &[&str]) -> hostile_harness::Run {
    hostile_harness::run_in(&common::root(), args, 512)
}

/// One input file in its own scratch directory, removed when dropped.
struct TempFile {
    _dir: hostile_harness::Scratch,
    path: PathBuf,
}

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> Self {
        let dir = hostile_harness::Scratch::new(&format!("rtp-{name}"));
        let path = dir.path().join(dir.file(name, bytes));
        Self { _dir: dir, path }
    }
    fn path(&self) -> &str {
        self.path.to_str().unwrap()
    }
}

fn ep(a: &str, port: u16) -> Endpoint {
    Endpoint {
        addr: a.parse::<IpAddr>().unwrap(),
        port,
    }
}

fn dgram(time: Duration, src: Endpoint, dst: Endpoint, payload: Vec<u8>) -> UdpDatagram {
    UdpDatagram {
        frame: 0,
        time,
        src,
        dst,
        ipv6: false,
        payload,
        agent: None,
    }
}

const T0: Duration = Duration::from_secs(1_700_000_000);

/// A call: an INVITE announcing 10.0.0.9:30000 with `a=rtpmap:96 <rtpmap>`, then PT 96
/// packets `(arrival after T0, seq, timestamp)` to it.
fn call(rtpmap: &str, packets: &[(Duration, u16, u32)]) -> Vec<u8> {
    let sip = format!(
        "INVITE sip:b@x SIP/2.0\r\nCall-ID: 1\r\nContent-Type: application/sdp\r\n\r\n\
         v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n\
         m=audio 30000 RTP/AVP 96\r\na=rtpmap:96 {rtpmap}\r\n"
    );
    let mut ds = vec![dgram(
        T0,
        ep("10.0.0.1", 5060),
        ep("10.0.0.2", 5060),
        sip.into_bytes(),
    )];
    for &(at, seq, ts) in packets {
        let mut p = vec![0x80, 96];
        p.extend_from_slice(&seq.to_be_bytes());
        p.extend_from_slice(&ts.to_be_bytes());
        p.extend_from_slice(&0x5555_5555u32.to_be_bytes());
        p.extend_from_slice(&[0xD5; 20]);
        ds.push(dgram(
            T0 + at,
            ep("10.0.0.2", 40000),
            ep("10.0.0.9", 30000),
            p,
        ));
    }
    write_pcap(&ds).unwrap()
}

fn regular(n: u16, step: u32) -> Vec<(Duration, u16, u32)> {
    (0..n)
        .map(|i| {
            (
                Duration::from_millis(20 * u64::from(i)),
                i,
                u32::from(i) * step,
            )
        })
        .collect()
}

fn random_timestamps(n: u16) -> Vec<(Duration, u16, u32)> {
    let mut x = 0x2545_F491u32;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (Duration::from_millis(20 * u64::from(i)), i, x)
        })
        .collect()
}

fn one_corrupt_time(n: u16) -> Vec<(Duration, u16, u32)> {
    let mut p = regular(n, 160);
    p[usize::from(n / 2)].0 += Duration::from_secs(50 * 365 * 86_400);
    p
}

/// A classic pcap header (little-endian, microseconds) of version `major.minor` and
/// link type `link`.
fn pcap_header(major: u16, minor: u16, link: u32) -> Vec<u8> {
    let mut h = 0xA1B2_C3D4u32.to_le_bytes().to_vec();
    h.extend_from_slice(&major.to_le_bytes());
    h.extend_from_slice(&minor.to_le_bytes());
    h.extend_from_slice(&[0; 8]);
    h.extend_from_slice(&65535u32.to_le_bytes());
    h.extend_from_slice(&link.to_le_bytes());
    h
}

/// `rtp analyze` on captures that cannot be read: exit 2, a `parse` error naming the
/// byte offset of the field or record at fault.
#[test]
fn analyze_refuses_unreadable_captures_with_the_offset_at_fault() {
    let good = call("PCMA/8000", &regular(10, 160));
    // The tenth record starts at byte good.len() - 16 - 74 (Ethernet, IPv4, UDP and a
    // 32-byte RTP packet are 74 bytes of frame).
    let last = good.len() - 90;
    let mut version = good.clone();
    version[4..8].copy_from_slice(&[9, 0, 9, 0]);
    let mut link = good.clone();
    link[20..24].copy_from_slice(&147u32.to_le_bytes());
    let cases: Vec<(&str, Vec<u8>, usize, String)> = vec![
        ("version_9_9", version, 4, "pcap version 9.9".into()),
        ("link_147", link, 20, "link type 147".into()),
        (
            "cut_record",
            good[..good.len() - 10].to_vec(),
            last,
            format!("record at byte {last} announces 74 bytes"),
        ),
        (
            "huge_record",
            [pcap_header(2, 4, 1), vec![0; 8], vec![0xFF; 8]].concat(),
            32,
            "4294967295 captured bytes".into(),
        ),
        (
            "not_a_capture",
            b"GET / HTTP/1.1\r\n\r\n".to_vec(),
            0,
            "magic number".into(),
        ),
    ];
    for (name, bytes, offset, says) in cases {
        let file = TempFile::new(&format!("{name}.pcap"), &bytes);
        let r = run(&["rtp", "analyze", file.path()]);
        assert_eq!(r.code, 2, "{name}");
        assert_eq!(r.rows.len(), 1, "{name}");
        let e = &r.rows[0]["error"];
        assert_eq!(e["kind"], "parse", "{name}: {e}");
        assert_eq!(e["offset"], offset, "{name}: {e}");
        assert!(
            e["message"].as_str().unwrap().contains(&says),
            "{name}: {e}"
        );
    }
}

/// A directory given as the capture is an `io` error naming it, as for every other input.
#[test]
fn analyze_and_playout_of_a_directory_are_io_errors() {
    for command in ["analyze", "playout"] {
        let r = run(&["rtp", command, "cli"]);
        assert_eq!(r.code, 2, "{command}");
        assert_eq!(r.rows[0]["error"]["kind"], "io", "{command}: {:?}", r.rows);
        assert_eq!(r.rows[0]["error"]["file"], "cli", "{command}");
    }
}

/// /dev/zero is not a capture: refused at its magic number, without reading on.
#[test]
fn analyze_of_an_endless_device_stops_at_the_magic_number() {
    let r = run(&["rtp", "analyze", "/dev/zero"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.rows[0]["error"]["offset"], 0);
}

/// A clock rate outside 1 kHz..192 kHz: the stream is analysed (packets, loss) but
/// neither jitter nor MOS is given, and `clock_rate_error` says why; exit 0.
#[test]
fn analyze_gives_neither_jitter_nor_mos_for_a_clock_rate_out_of_range() {
    for rate in [1u32, 500, 999, 192_001, 1_000_000_000, u32::MAX] {
        let file = TempFile::new(
            &format!("analyze_clock_{rate}.pcap"),
            &call(&format!("PCMA/{rate}"), &regular(50, 160)),
        );
        let r = run(&["rtp", "analyze", file.path()]);
        assert_eq!(r.code, 0, "{rate}");
        let s = &r.rows[0];
        assert_eq!(s["packets"], 50, "{rate}");
        assert_eq!(s["lost"], 0, "{rate}");
        assert_eq!(s["mean_jitter_ms"], Value::Null, "{rate}");
        assert_eq!(s["max_jitter_ms"], Value::Null, "{rate}");
        assert_eq!(s["mos"], Value::Null, "{rate}");
        assert_eq!(s["clock_rate_error"]["kind"], "range", "{rate}");
        assert_eq!(s["clock_rate_error"]["clock_rate"], rate, "{rate}");
    }
    // In range: both are given.
    let file = TempFile::new(
        "analyze_clock_8000.pcap",
        &call("PCMA/8000", &regular(50, 160)),
    );
    let r = run(&["rtp", "analyze", file.path()]);
    assert_eq!(r.rows[0]["mean_jitter_ms"], 0.0);
    assert!(r.rows[0]["mos"].is_number());
    assert_eq!(r.rows[0]["clock_rate_error"], Value::Null);
}

/// SIP messages announcing 192,000 different endpoints (800 messages of 240 `m=`
/// lines, within the SDP parser's 256): all streams found through them in time linear
/// in their number.
#[test]
fn analyze_scans_192k_announced_endpoints() {
    let mut ds = Vec::new();
    for msg in 0..800u32 {
        let mut sdp = format!(
            "INVITE sip:b@x SIP/2.0\r\nCall-ID: {msg}\r\nContent-Type: application/sdp\r\n\r\n\
             v=0\r\no=- 1 1 IN IP4 10.1.{0}.{1}\r\ns=-\r\nc=IN IP4 10.1.{0}.{1}\r\nt=0 0\r\n",
            msg >> 8,
            msg & 255
        );
        for port in 0..240u32 {
            sdp.push_str(&format!("m=audio {} RTP/AVP 0\r\n", 2 + 2 * port));
        }
        ds.push(dgram(
            T0,
            ep("10.0.0.1", 5060),
            ep("10.0.0.2", 5060),
            sdp.into_bytes(),
        ));
    }
    let file = TempFile::new("endpoints.pcap", &write_pcap(&ds).unwrap());
    let r = run(&["rtp", "analyze", file.path()]);
    assert_eq!(r.code, 0);
    assert!(r.rows.is_empty());
}

/// `rtp playout` on streams that used to hang: each finishes, with the result or the
/// error given here.
#[test]
fn playout_finishes_on_extreme_clock_rates_times_and_timestamps() {
    struct Case {
        name: &'static str,
        rtpmap: &'static str,
        packets: Vec<(Duration, u16, u32)>,
        /// `Some(played)` for a stream that plays, `None` for a refused clock rate.
        played: Option<u64>,
    }
    let cases = vec![
        Case {
            name: "clock_2_32_minus_1",
            rtpmap: "X/4294967295",
            packets: regular(10, 160),
            played: None,
        },
        Case {
            name: "clock_1_ghz",
            rtpmap: "X/1000000000",
            packets: regular(10, 20_000_000),
            played: None,
        },
        Case {
            name: "clock_below_1_khz",
            rtpmap: "X/999",
            packets: regular(10, 20),
            played: None,
        },
        // Ten packets 20 ms apart at 192 kHz, 3840 ticks each: all play.
        Case {
            name: "clock_192_khz",
            rtpmap: "L16/192000",
            packets: regular(10, 3840),
            played: Some(10),
        },
        // The 250 packets before the one stamped 50 years late play as usual, it is
        // late, and the 249 after it restart playout and play.
        Case {
            name: "one_corrupt_capture_time",
            rtpmap: "PCMA/8000",
            packets: one_corrupt_time(500),
            played: Some(499),
        },
        Case {
            name: "random_timestamps",
            rtpmap: "PCMA/8000",
            packets: random_timestamps(500),
            played: Some(1),
        },
    ];
    for case in cases {
        let file = TempFile::new(
            &format!("playout_{}.pcap", case.name),
            &call(case.rtpmap, &case.packets),
        );
        let r = run(&["rtp", "playout", file.path()]);
        assert_eq!(r.rows.len(), 1, "{}", case.name);
        let row = &r.rows[0];
        match case.played {
            Some(played) => {
                assert_eq!(r.code, 0, "{}: {row}", case.name);
                assert!(
                    row["played"].as_u64().unwrap() >= played,
                    "{}: {row}",
                    case.name
                );
            }
            None => {
                assert_eq!(r.code, 2, "{}: {row}", case.name);
                let e = &row["error"];
                assert_eq!(e["kind"], "range", "{}: {row}", case.name);
                assert_eq!(e["ssrc"], 0x5555_5555u32, "{}", case.name);
                let rate: u64 = case.rtpmap[2..].parse().unwrap();
                assert_eq!(e["clock_rate"], rate, "{}", case.name);
                assert_eq!(
                    (e["min"].as_u64(), e["max"].as_u64()),
                    (Some(1000), Some(192_000))
                );
            }
        }
    }
}

/// Ten packets, exactly as worked out in the library's tests: 192 kHz plays all ten.
#[test]
fn playout_at_192_khz_plays_every_packet() {
    let file = TempFile::new("playout_192k.pcap", &call("L16/192000", &regular(10, 3840)));
    let r = run(&["rtp", "playout", file.path()]);
    assert_eq!(r.code, 0);
    assert_eq!(
        (&r.rows[0]["played"], &r.rows[0]["late"], &r.rows[0]["lost"]),
        (&Value::from(10), &Value::from(0), &Value::from(0))
    );
    assert_eq!(r.rows[0]["frame_ms"], 20.0);
}

/// Delay options beyond 10 s or inverted are usage errors, given before the capture is
/// read (the file here does not even exist).
#[test]
fn playout_refuses_delay_options_out_of_range() {
    for (min, max, value, limit) in [
        ("0", "18446744073709551615", u64::MAX, 10_000u64),
        ("0", "10001", 10_001, 10_000),
        ("20000", "20000", 20_000, 10_000),
        ("50", "40", 50, 40),
    ] {
        let r = run(&[
            "rtp",
            "playout",
            "/nonexistent/x.pcap",
            "--min-delay-ms",
            min,
            "--max-delay-ms",
            max,
        ]);
        assert_eq!(r.code, 2, "{min} {max}");
        let e = &r.rows[0]["error"];
        assert_eq!(e["kind"], "usage", "{e}");
        assert_eq!(e["value"], value, "{e}");
        assert_eq!(e["max"], limit, "{e}");
    }
    // 10 s itself is accepted.
    let file = TempFile::new("playout_10s.pcap", &call("PCMA/8000", &regular(10, 160)));
    let r = run(&[
        "rtp",
        "playout",
        file.path(),
        "--min-delay-ms",
        "10000",
        "--max-delay-ms",
        "10000",
    ]);
    assert_eq!(r.code, 0);
    assert_eq!(r.rows[0]["played"], 10);
}

/// 300 streams of 130 packets whose sequence numbers advance by 32,767, announced by
/// SDP: each spans the 4 M sequence numbers of the loss pattern (a 4 MB bitmap and 4 M
/// steps per stream before); all are analysed, each with a MOS near the bottom.
#[test]
fn analyze_many_streams_with_sparse_sequence_numbers() {
    let sip = "INVITE sip:b@x SIP/2.0\r\nCall-ID: s\r\nContent-Type: application/sdp\r\n\r\n\
               v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n\
               m=audio 30000 RTP/AVP 8\r\n";
    let mut ds = vec![dgram(
        T0,
        ep("10.0.0.1", 5060),
        ep("10.0.0.2", 5060),
        sip.as_bytes().to_vec(),
    )];
    for i in 0..130u16 {
        for s in 0..300u16 {
            let mut p = vec![0x80, 8];
            p.extend_from_slice(&i.wrapping_mul(32_767).to_be_bytes());
            p.extend_from_slice(&(u32::from(i) * 160).to_be_bytes());
            p.extend_from_slice(&u32::from(s).to_be_bytes());
            p.extend_from_slice(&[0xD5; 20]);
            ds.push(dgram(
                T0 + Duration::from_millis(20 * u64::from(i)),
                ep("10.0.0.2", 40000 + 2 * s),
                ep("10.0.0.9", 30000),
                p,
            ));
        }
    }
    let file = TempFile::new("sparse_seq.pcap", &write_pcap(&ds).unwrap());
    let r = run(&["rtp", "analyze", file.path()]);
    assert_eq!(r.code, 0);
    assert_eq!(r.rows.len(), 300);
    for row in &r.rows {
        assert_eq!(row["packets"], 130);
        let mos = row["mos"].as_f64().unwrap();
        assert!((1.0..1.5).contains(&mos), "{row}");
    }
}
