//! Differential test: `voipkit rtp analyze` against `tshark -z rtp,streams` on generated
//! captures with jitter, delay spikes, loss, reordering, duplicates, marker talkspurts
//! and sequence/timestamp wrap-around, and with the stream announced only in a fragmented
//! SIP INVITE (IPv4 and IPv6). Packets and lost must agree exactly, max delta and
//! max/mean jitter within 0.01 ms (tshark prints three decimals).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use capture::{Endpoint, UdpDatagram, write_pcap};
use rtp_core::packet::RtpPacketBuilder;

mod common;
use common::tshark_available;

/// splitmix64: small, deterministic, good enough for test traces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Clone, Copy)]
struct Pkt {
    seq: u16,
    ts: u32,
    marker: bool,
    pt: u8,
    arrival_us: u64,
}

#[derive(Clone, Copy, Default)]
struct Scenario {
    start_seq: u16,
    start_ts: u32,
    count: usize,
    pt: u8,
    jitter_ms: f64,
    spike_every: usize,
    loss: f64,
    burst_at: Option<usize>,
    reorder: f64,
    duplicate: f64,
    talkspurts: bool,
    seed: u64,
}

fn generate(s: &Scenario) -> Vec<Pkt> {
    let mut rng = Rng(s.seed);
    let mut out: Vec<Pkt> = Vec::new();
    let mut last_arrival = 0u64;
    let mut spike = 0.0f64;
    let mut ts = s.start_ts;
    for i in 0..s.count {
        let seq = s.start_seq.wrapping_add(i as u16);
        // Talkspurts: every 100 packets a 1 s silence (timestamp jumps), marker set.
        let mut marker = i == 0;
        if s.talkspurts && i > 0 && i % 100 == 0 {
            ts = ts.wrapping_add(8000);
            marker = true;
        }
        let send_us = 1_000_000
            + (i as u64) * 20_000
            + if s.talkspurts {
                (i as u64 / 100) * 1_000_000
            } else {
                0
            };
        if s.spike_every > 0 && i > 0 && i % s.spike_every == 0 {
            spike = 250.0;
        }
        let delay_ms = 30.0 + s.jitter_ms * rng.unit() + spike;
        spike = (spike - 20.0).max(0.0);
        let lost = rng.unit() < s.loss || s.burst_at.is_some_and(|b| (b..b + 12).contains(&i));
        let arrival = (send_us as f64 + delay_ms * 1000.0) as u64;
        // FIFO network: a packet never overtakes the previous one unless reordered below.
        let arrival = arrival.max(last_arrival + 50);
        last_arrival = arrival;
        if !lost {
            out.push(Pkt {
                seq,
                ts,
                marker,
                pt: s.pt,
                arrival_us: arrival,
            });
        }
        ts = ts.wrapping_add(160);
    }
    // Reordering: swap the contents of adjacent arrivals (arrival times stay monotonic).
    let mut i = 1;
    while i + 1 < out.len() {
        if rng.unit() < s.reorder {
            let (a, b) = (out[i], out[i + 1]);
            out[i] = Pkt {
                arrival_us: a.arrival_us,
                ..b
            };
            out[i + 1] = Pkt {
                arrival_us: b.arrival_us,
                ..a
            };
            i += 2;
        } else {
            i += 1;
        }
    }
    // Duplicates arrive 1-5 ms after the original.
    let mut with_dups = Vec::with_capacity(out.len());
    for p in out {
        with_dups.push(p);
        if rng.unit() < s.duplicate {
            with_dups.push(Pkt {
                arrival_us: p.arrival_us + 1000 + rng.next() % 4000,
                ..p
            });
        }
    }
    with_dups.sort_by_key(|p| p.arrival_us);
    with_dups
}

fn ep(addr: &str, port: u16) -> Endpoint {
    Endpoint {
        addr: addr.parse::<IpAddr>().unwrap(),
        port,
    }
}

fn datagrams(pkts: &[Pkt], ssrc: u32, src: Endpoint, dst: Endpoint) -> Vec<UdpDatagram> {
    pkts.iter()
        .map(|p| UdpDatagram {
            frame: 0,
            time: Duration::from_micros(1_750_000_000_000_000 + p.arrival_us),
            src,
            dst,
            ipv6: false,
            payload: RtpPacketBuilder::new()
                .payload_type(p.pt)
                .sequence_number(p.seq)
                .timestamp(p.ts)
                .ssrc(ssrc)
                .marker(p.marker)
                .payload(&[0xD5; 160])
                .build()
                .unwrap(),
            agent: None,
        })
        .collect()
}

#[derive(Debug)]
struct TsharkRow {
    ssrc: u32,
    /// The destination as `address:port` (two streams may share an SSRC: two sipp
    /// instances replaying the same audio file do).
    dst: String,
    packets: u64,
    lost: i64,
    max_delta: f64,
    mean_jitter: f64,
    max_jitter: f64,
}

fn tshark_streams(file: &Path, heuristic: bool) -> Vec<TsharkRow> {
    let mut cmd = Command::new("tshark");
    cmd.args(["-q", "-n"]);
    if heuristic {
        cmd.args(["--enable-heuristic", "rtp_udp"]);
    }
    let out = cmd
        .args(["-z", "rtp,streams", "-r"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tshark failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut rows = Vec::new();
    for line in text.lines() {
        let t: Vec<&str> = line.split_whitespace().collect();
        let Some(i) = t.iter().position(|w| w.starts_with("0x")) else {
            continue;
        };
        // SSRC, payload, packets, lost, (pct), min delta, mean delta, max delta,
        // min jitter, mean jitter, max jitter.
        let f = |k: usize| t[i + k].parse::<f64>().unwrap();
        rows.push(TsharkRow {
            ssrc: u32::from_str_radix(&t[i][2..], 16).unwrap(),
            dst: format!("{}:{}", t[i - 2], t[i - 1]),
            packets: t[i + 2].parse().unwrap(),
            lost: t[i + 3].parse().unwrap(),
            max_delta: f(7),
            mean_jitter: f(9),
            max_jitter: f(10),
        });
    }
    rows
}

fn voipkit_analyze(file: &Path) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_voipkit"))
        .args(["--json", "rtp", "analyze"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn temp_pcap(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("voipkit-rtp-{}-{name}.pcap", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn compare(name: &str, streams: &[(Scenario, u32)]) {
    let mut all = Vec::new();
    for (k, (s, ssrc)) in streams.iter().enumerate() {
        let pkts = generate(s);
        let src = ep("192.0.2.10", 40000 + 2 * k as u16);
        let dst = ep("198.51.100.20", 50000 + 2 * k as u16);
        all.extend(datagrams(&pkts, *ssrc, src, dst));
    }
    all.sort_by_key(|d| d.time);
    let path = temp_pcap(name, &write_pcap(&all).unwrap());
    let theirs = tshark_streams(&path, true);
    let ours = voipkit_analyze(&path);
    std::fs::remove_file(&path).ok();
    assert_eq!(theirs.len(), streams.len(), "{name}: tshark saw {theirs:?}");
    assert_eq!(ours.len(), streams.len(), "{name}: voipkit saw {ours:?}");
    agree(name, &theirs, &ours);
}

fn agree(name: &str, theirs: &[TsharkRow], ours: &[serde_json::Value]) {
    for row in theirs {
        let o = ours
            .iter()
            .find(|o| o["ssrc"] == row.ssrc && o["dst"] == row.dst.as_str())
            .unwrap_or_else(|| panic!("{name}: no stream like {row:?} in {ours:?}"));
        let ctx = format!("{name} ssrc {:#x}: tshark {row:?} voipkit {o}", row.ssrc);
        assert_eq!(o["packets"].as_u64().unwrap(), row.packets, "{ctx}");
        assert_eq!(o["lost"].as_i64().unwrap(), row.lost, "{ctx}");
        for (key, theirs) in [
            ("max_delta_ms", row.max_delta),
            ("mean_jitter_ms", row.mean_jitter),
            ("max_jitter_ms", row.max_jitter),
        ] {
            let mine = o[key].as_f64().unwrap();
            assert!((mine - theirs).abs() <= 0.01, "{key}: {ctx}");
        }
    }
}

fn base(seed: u64) -> Scenario {
    Scenario {
        start_seq: 1000,
        start_ts: 16000,
        count: 1500,
        pt: 0,
        seed,
        ..Scenario::default()
    }
}

#[test]
fn analyze_matches_tshark_on_random_jitter() {
    if !tshark_available() {
        return;
    }
    compare(
        "jitter",
        &[(
            Scenario {
                jitter_ms: 15.0,
                ..base(1)
            },
            0x1111_0001,
        )],
    );
}

#[test]
fn analyze_matches_tshark_on_delay_spikes() {
    if !tshark_available() {
        return;
    }
    compare(
        "spikes",
        &[(
            Scenario {
                jitter_ms: 3.0,
                spike_every: 300,
                ..base(2)
            },
            0x1111_0002,
        )],
    );
}

#[test]
fn analyze_matches_tshark_on_random_and_burst_loss() {
    if !tshark_available() {
        return;
    }
    compare(
        "loss",
        &[(
            Scenario {
                jitter_ms: 5.0,
                loss: 0.05,
                burst_at: Some(700),
                ..base(3)
            },
            0x1111_0003,
        )],
    );
}

#[test]
fn analyze_matches_tshark_on_reordering_and_duplicates() {
    if !tshark_available() {
        return;
    }
    compare(
        "reorder",
        &[(
            Scenario {
                jitter_ms: 5.0,
                reorder: 0.03,
                duplicate: 0.02,
                ..base(4)
            },
            0x1111_0004,
        )],
    );
}

#[test]
fn analyze_matches_tshark_across_sequence_and_timestamp_wrap() {
    if !tshark_available() {
        return;
    }
    let s = Scenario {
        start_seq: 64900,
        start_ts: u32::MAX - 50_000,
        jitter_ms: 8.0,
        loss: 0.02,
        reorder: 0.01,
        ..base(5)
    };
    compare("wrap", &[(s, 0x1111_0005)]);
}

#[test]
fn analyze_matches_tshark_on_talkspurts_and_two_streams() {
    if !tshark_available() {
        return;
    }
    compare(
        "talkspurts",
        &[
            (
                Scenario {
                    talkspurts: true,
                    jitter_ms: 10.0,
                    loss: 0.01,
                    ..base(6)
                },
                0x1111_0006,
            ),
            (
                Scenario {
                    pt: 8,
                    start_seq: 65530,
                    jitter_ms: 20.0,
                    spike_every: 400,
                    loss: 0.03,
                    reorder: 0.02,
                    duplicate: 0.01,
                    ..base(7)
                },
                0x2222_0007,
            ),
        ],
    );
}

#[test]
fn analyze_matches_tshark_on_the_sip_call_sample_found_through_sdp() {
    if !tshark_available() {
        return;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/call.pcap");
    // No heuristic: tshark finds the streams from the SDP, and so must voipkit.
    let theirs = tshark_streams(&path, false);
    let ours = voipkit_analyze(&path);
    assert_eq!(theirs.len(), 2);
    assert_eq!(ours.len(), 2);
    assert!(ours.iter().all(|o| o["discovery"] == "sdp"));
    agree("call.pcap", &theirs, &ours);
}

#[test]
fn analyze_matches_tshark_on_the_field_sample_made_with_sipp() {
    if !tshark_available() {
        return;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/field.pcap");
    // Real sipp traffic, impaired: jitter, a delay spike, loss and a hold silence.
    let theirs = tshark_streams(&path, false);
    let ours = voipkit_analyze(&path);
    assert_eq!(theirs.len(), 2);
    assert_eq!(ours.len(), 2);
    agree("field.pcap", &theirs, &ours);
}

#[test]
fn analyze_reads_pcapng_written_by_editcap_like_the_original_pcap() {
    if !tshark_available() {
        return;
    }
    let pcap = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/call.pcap");
    let pcapng =
        std::env::temp_dir().join(format!("voipkit-rtp-{}-call.pcapng", std::process::id()));
    // editcap ships with tshark (wireshark-common).
    let status = Command::new("editcap")
        .args(["-F", "pcapng"])
        .arg(&pcap)
        .arg(&pcapng)
        .status()
        .unwrap();
    assert!(status.success());
    let a = voipkit_analyze(&pcap);
    let b = voipkit_analyze(&pcapng);
    std::fs::remove_file(&pcapng).ok();
    assert_eq!(a.len(), 2);
    for (x, y) in a.iter().zip(&b) {
        for key in [
            "ssrc",
            "packets",
            "lost",
            "max_delta_ms",
            "max_jitter_ms",
            "mean_jitter_ms",
        ] {
            assert_eq!(x[key], y[key], "{key}");
        }
    }
}

/// A SIP INVITE of about 3.7 kB (a long Via history) whose SDP announces `media`.
fn big_invite(media: Endpoint) -> Vec<u8> {
    let family = if media.addr.is_ipv6() { "IP6" } else { "IP4" };
    let mut m = String::from("INVITE sip:bob@example.com SIP/2.0\r\n");
    for i in 0..40 {
        m.push_str(&format!(
            "Via: SIP/2.0/UDP proxy{i}.example.com:5060;branch=z9hG4bK-{i:04}-abcdefghijklmnop\r\n"
        ));
    }
    m.push_str("From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n");
    m.push_str("Call-ID: frag@example.com\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n");
    m.push_str("Contact: <sip:alice@example.com>\r\n");
    let sdp = format!(
        "v=0\r\no=- 1 1 IN {family} {a}\r\ns=-\r\nc=IN {family} {a}\r\nt=0 0\r\nm=audio {p} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n",
        a = media.addr,
        p = media.port
    );
    m.push_str(&format!(
        "Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{sdp}",
        sdp.len()
    ));
    m.into_bytes()
}

/// A fragmented INVITE, then a jittery, lossy stream from the endpoint its SDP announces.
/// Without the heuristic, tshark finds the stream only through the reassembled SDP, and
/// voipkit must do the same and agree on the figures.
fn fragmented_invite_case(name: &str, caller: &str, callee: &str, mtu: usize) {
    if !tshark_available() {
        return;
    }
    let media = ep(caller, 40000);
    let invite = UdpDatagram {
        frame: 0,
        time: Duration::from_micros(1_750_000_000_000_000),
        src: ep(caller, 5060),
        dst: ep(callee, 5060),
        ipv6: media.addr.is_ipv6(),
        payload: big_invite(media),
        agent: None,
    };
    let s = Scenario {
        count: 300,
        jitter_ms: 15.0,
        loss: 0.03,
        ..base(77)
    };
    let mut ds = vec![invite];
    let mut stream = datagrams(&generate(&s), 0x5151_0001, media, ep(callee, 50000));
    for d in &mut stream {
        d.ipv6 = media.addr.is_ipv6();
    }
    ds.extend(stream);
    let bytes = capture::write_pcap_with_mtu(&ds, mtu).unwrap();
    let path = temp_pcap(name, &bytes);

    // tshark reassembles the INVITE and shows it at its last fragment.
    let fragments =
        (big_invite(media).len() + 8).div_ceil(mtu - if media.addr.is_ipv6() { 48 } else { 20 });
    assert!(fragments >= 3);
    let out = Command::new("tshark")
        .args(["-n", "-r"])
        .arg(&path)
        .args([
            "-Y",
            "sip",
            "-T",
            "fields",
            "-e",
            "frame.number",
            "-e",
            "sip.Method",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.trim(),
        format!("{fragments}\tINVITE"),
        "{name}: tshark -Y sip"
    );
    // voipkit rebuilds the same message at the same frame.
    let read = capture::read_capture(&bytes[..], &capture::CaptureLimits::default()).unwrap();
    assert_eq!(read.datagrams[0].frame, fragments as u64);
    assert_eq!(read.datagrams[0].payload, big_invite(media));

    let theirs = tshark_streams(&path, false);
    let ours = voipkit_analyze(&path);
    std::fs::remove_file(&path).ok();
    assert_eq!(theirs.len(), 1, "{name}: tshark saw {theirs:?}");
    assert_eq!(ours.len(), 1, "{name}: voipkit saw {ours:?}");
    assert_eq!(ours[0]["discovery"], "sdp");
    agree(name, &theirs, &ours);
}

#[test]
fn stream_announced_in_a_fragmented_ipv4_invite_is_found_like_tshark() {
    fragmented_invite_case("frag4", "192.0.2.10", "198.51.100.20", 1500);
}

#[test]
fn stream_announced_in_a_fragmented_ipv6_invite_is_found_like_tshark() {
    fragmented_invite_case("frag6", "2001:db8::10", "2001:db8::20", 1280);
}

/// Captures for RTP analysis are often taken with a small snap length: every frame here
/// keeps 60 bytes (the RTP header and 6 payload bytes). tshark still analyses the stream,
/// and voipkit must agree with it and with its own analysis of the uncut capture.
#[test]
fn analyze_matches_tshark_on_a_capture_cut_to_a_small_snap_length() {
    if !tshark_available() {
        return;
    }
    let s = Scenario {
        jitter_ms: 20.0,
        loss: 0.02,
        reorder: 0.01,
        ..base(91)
    };
    let src = ep("192.0.2.10", 40000);
    let ds = datagrams(&generate(&s), 0x7777_0001, src, ep("198.51.100.20", 50000));
    let full = temp_pcap("snap-full", &write_pcap(&ds).unwrap());
    let cut = std::env::temp_dir().join(format!("voipkit-rtp-{}-snap60.pcap", std::process::id()));
    let status = Command::new("editcap")
        .args(["-s", "60"])
        .arg(&full)
        .arg(&cut)
        .status()
        .unwrap();
    assert!(status.success());
    let theirs = tshark_streams(&cut, true);
    let ours = voipkit_analyze(&cut);
    let uncut = voipkit_analyze(&full);
    std::fs::remove_file(&full).ok();
    std::fs::remove_file(&cut).ok();
    assert_eq!(theirs.len(), 1, "tshark saw {theirs:?}");
    assert_eq!(ours.len(), 1, "voipkit saw {ours:?}");
    agree("snap60", &theirs, &ours);
    for key in [
        "packets",
        "lost",
        "max_delta_ms",
        "max_jitter_ms",
        "mean_jitter_ms",
    ] {
        assert_eq!(ours[0][key], uncut[0][key], "{key}");
    }
}

/// A SIP message with an SDP body announcing `media` for PCMA.
fn sip_with_sdp(start_line: &str, to_tag: &str, media: Endpoint) -> Vec<u8> {
    let body = format!(
        "v=0\r\no=- 1 1 IN IP4 {a}\r\ns=-\r\nc=IN IP4 {a}\r\nt=0 0\r\nm=audio {p} RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n",
        a = media.addr,
        p = media.port
    );
    format!(
        "{start_line}\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>{to_tag}\r\nCall-ID: setup@x\r\nCSeq: 1 INVITE\r\nContact: <sip:a@192.0.2.10>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// RTP that flows before the SDP announcing its endpoints (a capture started mid-call,
/// then a re-INVITE; or early packets): Wireshark's RTP conversation for an endpoint
/// starts at the frame of the SDP that announced it, so the packets before are not RTP
/// (its RTP heuristic is off by default). Both directions send 100 packets before the
/// INVITE (whose SDP announces the caller's endpoint), 3 between it and the 200 OK
/// (announcing the callee's), 4 after: every packet touches the caller's endpoint, so
/// each stream counts the 7 from the INVITE on. voipkit counts the same.
#[test]
fn streams_start_at_the_sdp_that_announced_them_like_tshark() {
    if !tshark_available() {
        return;
    }
    let caller = ep("192.0.2.10", 40000);
    let callee = ep("198.51.100.20", 50000);
    let t0 = 1_750_000_000_000_000u64;
    let at = |ms: f64| Duration::from_micros(t0 + (ms * 1000.0) as u64);
    let rtp = |seq: u16, ssrc: u32| {
        RtpPacketBuilder::new()
            .payload_type(8)
            .sequence_number(seq)
            .timestamp(u32::from(seq) * 160)
            .ssrc(ssrc)
            .payload(&[0xD5; 160])
            .build()
            .unwrap()
    };
    let dgram = |time, src, dst, payload| UdpDatagram {
        frame: 0,
        time,
        src,
        dst,
        ipv6: false,
        payload,
        agent: None,
    };
    let mut ds = Vec::new();
    for i in 0..107u16 {
        let ms = 20.0 * f64::from(i);
        if i == 100 {
            ds.push(dgram(
                at(ms - 5.0),
                ep("192.0.2.10", 5060),
                ep("198.51.100.20", 5060),
                sip_with_sdp("INVITE sip:b@198.51.100.20 SIP/2.0", "", caller),
            ));
        }
        if i == 103 {
            ds.push(dgram(
                at(ms - 5.0),
                ep("198.51.100.20", 5060),
                ep("192.0.2.10", 5060),
                sip_with_sdp("SIP/2.0 200 OK", ";tag=2", callee),
            ));
        }
        ds.push(dgram(at(ms), callee, caller, rtp(i, 0xCA11_EE00)));
        ds.push(dgram(at(ms + 1.0), caller, callee, rtp(i, 0xCA11_E400)));
    }
    let path = temp_pcap("setup", &write_pcap(&ds).unwrap());
    let theirs = tshark_streams(&path, false);
    let ours = voipkit_analyze(&path);
    std::fs::remove_file(&path).ok();
    // Both flows touch the caller's endpoint, announced by the INVITE: 7 packets each.
    assert_eq!(theirs.len(), 2, "tshark saw {theirs:?}");
    assert!(theirs.iter().all(|r| r.packets == 7), "{theirs:?}");
    assert_eq!(ours.len(), 2, "voipkit saw {ours:?}");
    agree("setup", &theirs, &ours);
}

/// The RTP timestamp restarts from 0 halfway through a jittery stream (a sender that
/// takes a new timestamp base after a re-INVITE, as on a public T.38 capture), with
/// reordering and duplicates: tshark 4.0 computes delta and jitter only for packets
/// not stamped before the stream's first, and so does voipkit.
#[test]
fn analyze_matches_tshark_when_the_timestamp_restarts_mid_stream() {
    if !tshark_available() {
        return;
    }
    // From 16000 the restarted timestamps pass the first one again after 100 packets,
    // so packets in time sequence follow those stamped before it.
    let s = Scenario {
        jitter_ms: 12.0,
        reorder: 0.02,
        duplicate: 0.01,
        ..base(91)
    };
    let mut pkts = generate(&s);
    let restart = s.start_seq.wrapping_add(700);
    for p in &mut pkts {
        let since = p.seq.wrapping_sub(restart);
        if since < 0x8000 {
            p.ts = u32::from(since) * 160;
        }
    }
    let ds = datagrams(
        &pkts,
        0x7E57_0001,
        ep("192.0.2.10", 40000),
        ep("198.51.100.20", 50000),
    );
    let path = temp_pcap("ts-restart", &write_pcap(&ds).unwrap());
    let theirs = tshark_streams(&path, true);
    let ours = voipkit_analyze(&path);
    std::fs::remove_file(&path).ok();
    assert_eq!(theirs.len(), 1, "tshark saw {theirs:?}");
    assert_eq!(ours.len(), 1, "voipkit saw {ours:?}");
    agree("ts-restart", &theirs, &ours);
}
