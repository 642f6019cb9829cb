//! HEP (Homer's encapsulation) read from captures taken on a collector, compared with
//! sipcapture's own HEP library, `hep-js` (installed from npm by `tests/hep-peer/build.sh`,
//! pinned by its `package-lock.json`), and with real HEP captures from sipcapture's
//! Wireshark dissector (`tests/data/hep`, see its `MANIFEST.tsv`).
//!
//! - The sample call's SIP messages, each encapsulated by `hep-js` as an agent sends it
//!   and captured on a collector, read as the messages themselves (addresses, ports,
//!   agent's time, bytes), and give the same calls; over TCP too.
//! - Every HEP packet of the real captures and of the generated one is read by
//!   [`parse_hep`] as `hep-js` decapsulates it, field by field.
//!
//! Without node and npm the comparisons with `hep-js` are skipped with a message, unless
//! `VOIPKIT_REQUIRE_PEERS=1`, in which case they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code.

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use capture::hep::{PayloadType, parse_hep};
use capture::{
    CaptureLimits, Endpoint, UdpDatagram, read_calls, read_capture, starts_sip_message, write_pcap,
};
use serde_json::{Value, json};

mod common;
use common::kept_as_fixture;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/hep");

/// Installs `hep-js` (or finds it installed) and returns its `node_modules`; `None`
/// (after a message) when node or npm is missing and peers are not required.
fn peer() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hep-peer/build.sh");
    let require = std::env::var("VOIPKIT_REQUIRE_PEERS").is_ok_and(|v| v == "1");
    let output = Command::new("bash")
        .arg(&script)
        .stderr(Stdio::inherit())
        .output()
        .expect("bash runs the peer's build script");
    if output.status.code() == Some(77) {
        assert!(
            !require,
            "peer required (VOIPKIT_REQUIRE_PEERS=1) but node and npm are not installed"
        );
        std::io::stderr()
            .write_all(b"skipping the comparison with hep-js: node and npm are not installed\n")
            .unwrap();
        return None;
    }
    assert!(output.status.success(), "{} failed", script.display());
    let stdout = String::from_utf8(output.stdout).unwrap();
    Some(PathBuf::from(stdout.lines().last().unwrap()))
}

/// Runs `hep.js MODE` over `input`: one JSON value out per value in.
fn hep_js(modules: &Path, mode: &str, input: &[Value]) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hep-peer/hep.js");
    let mut child = Command::new("node")
        .arg(&script)
        .arg(mode)
        .env("NODE_PATH", modules)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node starts");
    let mut stdin = child.stdin.take().unwrap();
    let text: String = input.iter().map(|v| format!("{v}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out: Vec<Value> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    writer.join().unwrap().unwrap();
    assert!(child.wait().unwrap().success(), "hep.js {mode} failed");
    assert_eq!(out.len(), input.len());
    out
}

fn ep(s: &str) -> Endpoint {
    let a: SocketAddr = s.parse().unwrap();
    Endpoint {
        addr: a.ip(),
        port: a.port(),
    }
}

/// The SIP messages of the sample call (UDP), in capture order.
fn sample_sip() -> (Vec<u8>, Vec<UdpDatagram>) {
    let call = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/call.pcap")).unwrap();
    let read = read_capture(&call[..], &CaptureLimits::default()).unwrap();
    let sip: Vec<UdpDatagram> = read
        .datagrams
        .into_iter()
        .filter(|d| starts_sip_message(&d.payload))
        .collect();
    (call, sip)
}

/// A capture taken on a collector (192.0.2.201:9060) of `packets` from an agent
/// (192.0.2.200:45000), each 3 ms after the message it carries.
fn collector_capture(packets: &[Vec<u8>], carried: &[UdpDatagram]) -> Vec<u8> {
    let datagrams: Vec<UdpDatagram> = packets
        .iter()
        .zip(carried)
        .map(|(p, d)| UdpDatagram {
            frame: 0,
            time: d.time + Duration::from_millis(3),
            src: ep("192.0.2.200:45000"),
            dst: ep("192.0.2.201:9060"),
            ipv6: false,
            payload: p.clone(),
            agent: None,
        })
        .collect();
    write_pcap(&datagrams).unwrap()
}

/// hep-js's `rcinfo` for a message of the sample call, as an agent fills it in.
fn rcinfo(d: &UdpDatagram, protocol: u8) -> Value {
    json!({
        "protocolFamily": 2,
        "protocol": protocol,
        "srcIp": d.src.addr.to_string(),
        "dstIp": d.dst.addr.to_string(),
        "srcPort": d.src.port,
        "dstPort": d.dst.port,
        "timeSeconds": d.time.as_secs(),
        "timeUseconds": d.time.subsec_micros(),
        "payloadType": 1,
        "captureId": 2001,
        "hepNodeName": "sbc-edge-1",
        "capturePass": "myHep",
    })
}

/// The sample call as a Homer collector receives it from an agent that encapsulates with
/// hep-js: the messages read are those of the call (at the agent's addresses, ports and
/// time, not the collector's), over UDP or TCP as the agent saw them, and give the same
/// calls. The UDP one is kept as `tests/data/hep/call-over-hep3.pcap` for the CLI and
/// the bindings.
#[test]
fn messages_hep_js_encapsulates_read_as_the_messages_themselves() {
    let Some(modules) = peer() else {
        return;
    };
    let (_, sip) = sample_sip();
    assert_eq!(sip.len(), 5);
    let limits = sip_core::calls::ObserverLimits::default();
    let plain = write_pcap(&sip).unwrap();
    let want_calls = read_calls(&plain[..], &CaptureLimits::default(), limits).unwrap();
    assert_eq!(want_calls.calls.len(), 1);

    for protocol in [17u8, 6] {
        let input: Vec<Value> = sip
            .iter()
            .map(|d| {
                json!({
                    "payload": std::str::from_utf8(&d.payload).unwrap(),
                    "rcinfo": rcinfo(d, protocol),
                })
            })
            .collect();
        let packets: Vec<Vec<u8>> = hep_js(&modules, "encapsulate", &input)
            .iter()
            .map(|v| hex(v["hep"].as_str().unwrap()))
            .collect();
        let capture = collector_capture(&packets, &sip);
        let read = read_capture(&capture[..], &CaptureLimits::default()).unwrap();
        let (got, other) = if protocol == 17 {
            (&read.datagrams, &read.sip_over_tcp)
        } else {
            (&read.sip_over_tcp, &read.datagrams)
        };
        assert!(other.is_empty(), "protocol {protocol}");
        assert_eq!(got.len(), sip.len());
        for (i, (g, w)) in got.iter().zip(&sip).enumerate() {
            assert_eq!(g.frame, i as u64 + 1);
            assert_eq!(
                (g.src, g.dst, g.time, g.ipv6, &g.payload),
                (w.src, w.dst, w.time, w.ipv6, &w.payload),
                "message {i}, protocol {protocol}"
            );
        }
        let calls = read_calls(&capture[..], &CaptureLimits::default(), limits).unwrap();
        assert_eq!(calls, want_calls, "protocol {protocol}");
        if protocol == 17 {
            kept_as_fixture("hep/call-over-hep3.pcap", &capture);
        }
    }
}

/// Every HEP packet of the real captures and of the generated one is read as hep-js
/// decapsulates it: each field hep-js gives (IPv4 only; it does not inflate chunk 16,
/// whose bytes are not compared).
#[test]
fn parse_hep_agrees_with_hep_js_on_every_packet() {
    let Some(modules) = peer() else {
        return;
    };
    let mut packets = Vec::new();
    for file in [
        "homer-hepgen-call.pcap",
        "captagent-compressed-register.pcapng",
        "call-over-hep3.pcap",
    ] {
        let bytes = std::fs::read(format!("{DATA}/{file}")).unwrap();
        packets.extend(udp_payloads(&bytes).into_iter().map(|p| (file, p)));
    }
    assert_eq!(packets.len(), 8 + 21 + 5);
    let input: Vec<Value> = packets
        .iter()
        .map(|(_, p)| json!({ "hep": to_hex(p) }))
        .collect();
    let theirs = hep_js(&modules, "decapsulate", &input);
    for ((file, packet), t) in packets.iter().zip(&theirs) {
        let ours = parse_hep(packet).unwrap();
        let r = &t["rcinfo"];
        let time = ours.time.unwrap();
        assert_eq!(r["protocolFamily"], 2, "{file}");
        assert_eq!(r["protocol"], ours.ip_protocol, "{file}");
        assert_eq!(r["srcIp"], ours.src.addr.to_string(), "{file}");
        assert_eq!(r["dstIp"], ours.dst.addr.to_string(), "{file}");
        assert_eq!(r["srcPort"], ours.src.port, "{file}");
        assert_eq!(r["dstPort"], ours.dst.port, "{file}");
        assert_eq!(r["timeSeconds"], time.as_secs(), "{file}");
        assert_eq!(r["timeUseconds"], time.subsec_micros(), "{file}");
        assert_eq!(r["payloadType"], ours.payload_type.unwrap().0, "{file}");
        assert_eq!(r["captureId"], ours.capture_id.unwrap(), "{file}");
        let text =
            |b: Option<&[u8]>| b.map_or(Value::Null, |b| json!(std::str::from_utf8(b).unwrap()));
        assert_eq!(
            r.get("hepNodeName").cloned().unwrap_or(Value::Null),
            text(ours.node_name),
            "{file}"
        );
        assert_eq!(
            r.get("correlation_id").cloned().unwrap_or(Value::Null),
            text(ours.correlation_id),
            "{file}"
        );
        if !file.contains("compressed") {
            assert_eq!(t["payload"], to_hex(&ours.payload), "{file}");
        }
    }
}

/// The real capture of HEPGEN's packets: the SIP messages at the frames, addresses and
/// times Wireshark's HEP dissector gives (`MANIFEST.tsv`); the log line and the RTCP
/// report stay the datagrams they came in.
#[test]
fn a_real_collector_capture_reads_as_the_hep_dissector_does() {
    let bytes = std::fs::read(format!("{DATA}/homer-hepgen-call.pcap")).unwrap();
    let read = read_capture(&bytes[..], &CaptureLimits::default()).unwrap();
    let seen: Vec<(u64, String, String, Duration)> = read
        .datagrams
        .iter()
        .map(|d| {
            (
                d.frame,
                SocketAddr::from(d.src).to_string(),
                SocketAddr::from(d.dst).to_string(),
                d.time,
            )
        })
        .collect();
    let at = |s: u64, us: u64| Duration::from_secs(s) + Duration::from_micros(us);
    let (a, b) = ("192.168.1.1:5060", "192.168.1.2:5060");
    let collector = ("127.0.0.1:51160", "127.0.0.1:9060");
    let frame_time = |f: usize| read.datagrams[f - 1].time;
    let want: Vec<(u64, &str, &str, Duration)> = vec![
        (1, a, b, at(1_481_455_196, 100)),
        (2, b, a, at(1_481_455_196, 325)),
        (3, b, a, at(1_481_455_197, 126)),
        (4, a, b, at(1_481_455_198, 127)),
        (5, collector.0, collector.1, frame_time(5)),
        (6, b, a, at(1_481_455_200, 326)),
        (7, a, b, at(1_481_455_201, 627)),
        (8, collector.0, collector.1, frame_time(8)),
    ];
    let want: Vec<(u64, String, String, Duration)> = want
        .into_iter()
        .map(|(f, s, d, t)| (f, s.to_owned(), d.to_owned(), t))
        .collect();
    assert_eq!(seen, want);
    for (frame, kind) in [(5, PayloadType::LOG), (8, PayloadType::RTCP)] {
        let hep = parse_hep(&read.datagrams[frame - 1].payload).unwrap();
        assert_eq!(hep.payload_type, Some(kind));
        assert!(!hep.is_sip());
    }
    let cseqs: Vec<String> = [0, 1, 2, 3, 5, 6]
        .iter()
        .map(|&i| {
            let mut slots = Vec::new();
            // HEPGEN's messages end their lines with LF alone.
            let m = sip_core::Parser::new()
                .quirks(sip_core::Quirks::ALL)
                .parse_datagram(&read.datagrams[i].payload, &mut slots)
                .unwrap();
            assert_eq!(m.call_id(), Some("qgf3dm9rudi@127.0.0.1"));
            let c = m.cseq().unwrap().unwrap();
            format!("{} {}", c.seq, c.method)
        })
        .collect();
    assert_eq!(
        cseqs,
        [
            "1 INVITE",
            "1 INVITE",
            "1 INVITE",
            "9999 OPTIONS",
            "9999 OPTIONS",
            "1 PUBLISH"
        ]
    );
}

/// The real capture of compressed payloads: each inflated, a SIP message over TCP at the
/// agent's addresses (the dissector shows the zlib bytes).
#[test]
fn compressed_payloads_of_a_real_capture_are_inflated() {
    let bytes = std::fs::read(format!("{DATA}/captagent-compressed-register.pcapng")).unwrap();
    let read = read_capture(&bytes[..], &CaptureLimits::default()).unwrap();
    assert!(read.datagrams.is_empty());
    assert_eq!(read.sip_over_tcp.len(), 21);
    let first = &read.sip_over_tcp[0];
    assert_eq!(first.src, ep("192.168.137.1:54345"));
    assert_eq!(first.dst, ep("192.168.137.247:5060"));
    assert_eq!(
        first.time,
        Duration::from_secs(1_502_941_090) + Duration::from_micros(307_169)
    );
    let starts: Vec<String> = read
        .sip_over_tcp
        .iter()
        .step_by(3)
        .map(|d| {
            let text = String::from_utf8_lossy(&d.payload).into_owned();
            text.lines().next().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        starts,
        [
            "REGISTER sip:rcs.st SIP/2.0",
            "REGISTER sip:rcs.st SIP/2.0",
            "SIP/2.0 401 Unauthorized",
            "SIP/2.0 401 Unauthorized",
            "REGISTER sip:rcs.st SIP/2.0",
            "REGISTER sip:rcs.st SIP/2.0",
            "SIP/2.0 200 OK",
        ]
    );
    for d in &read.sip_over_tcp {
        let mut slots = Vec::new();
        sip_core::Parser::new()
            .stream()
            .parse(&d.payload, &mut slots)
            .unwrap_or_else(|e| panic!("frame {}: {e}", d.frame));
    }
}

/// The UDP payloads of a capture as captured (the HEP packets themselves), read with
/// pcap-file and etherparse rather than this crate's reader, which opens them.
fn udp_payloads(capture: &[u8]) -> Vec<Vec<u8>> {
    use pcap_file::DataLink;
    let mut frames: Vec<(DataLink, Vec<u8>)> = Vec::new();
    if capture.starts_with(&0x0A0D_0D0Au32.to_le_bytes()) {
        let mut r = pcap_file::pcapng::PcapNgReader::new(capture).unwrap();
        let mut links = Vec::new();
        while let Some(block) = r.next_block() {
            match block.unwrap() {
                pcap_file::pcapng::Block::InterfaceDescription(i) => links.push(i.linktype),
                pcap_file::pcapng::Block::EnhancedPacket(p) => {
                    frames.push((links[p.interface_id as usize], p.data.to_vec()));
                }
                _ => {}
            }
        }
    } else {
        let mut r = pcap_file::pcap::PcapReader::new(capture).unwrap();
        let link = r.header().datalink;
        while let Some(p) = r.next_packet() {
            frames.push((link, p.unwrap().data.to_vec()));
        }
    }
    frames
        .iter()
        .map(|(link, data)| {
            let ip = match *link {
                DataLink::ETHERNET => &data[14..],
                DataLink::LINUX_SLL => &data[16..],
                other => panic!("link {other:?}"),
            };
            let sliced = etherparse::SlicedPacket::from_ip(ip).unwrap();
            match sliced.transport {
                Some(etherparse::TransportSlice::Udp(u)) => u.payload().to_vec(),
                other => panic!("not UDP: {other:?}"),
            }
        })
        .collect()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn to_hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

/// An Ethernet frame with a TCP segment from the agent (192.0.2.200:45000) to the
/// collector (192.0.2.201:9060) at sequence number `seq`.
fn agent_segment(seq: u32, payload: &[u8]) -> Vec<u8> {
    let mut frame = Vec::new();
    etherparse::PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2])
        .ipv4([192, 0, 2, 200], [192, 0, 2, 201], 64)
        .tcp(45000, 9060, seq, 64240)
        .psh()
        .ack(1)
        .write(&mut frame, payload)
        .unwrap();
    frame
}

/// A pcap of Ethernet `frames`, 1 ms apart.
fn pcap_of_frames(frames: &[Vec<u8>]) -> Vec<u8> {
    let mut w = pcap_file::pcap::PcapWriter::new(Vec::new()).unwrap();
    for (i, f) in frames.iter().enumerate() {
        let time = Duration::from_secs(1_700_000_000) + Duration::from_millis(i as u64);
        w.write_packet(&pcap_file::pcap::PcapPacket::new(time, f.len() as u32, f))
            .unwrap();
    }
    w.into_writer()
}

/// An agent that sends HEP over TCP (heplify `-nt tcp`, captagent, Kamailio's siptrace
/// to a `transport=tcp` URI): the packets of the stream, cut into segments anywhere and
/// one segment late, give the messages they carry, each at the frame of the segment
/// that completes its packet (kept as `tests/data/hep/call-over-hep3-tcp.pcap`); a
/// capture started after the agent connected gives those from the first whole packet of
/// its first segment on.
#[test]
fn hep_over_tcp_gives_the_messages_of_its_packets() {
    let (_, sip) = sample_sip();
    let packets = udp_payloads(&std::fs::read(format!("{DATA}/call-over-hep3.pcap")).unwrap());
    assert_eq!(packets.len(), 5);
    let stream: Vec<u8> = packets.concat();
    let ends: Vec<usize> = packets
        .iter()
        .scan(0, |end, p| {
            *end += p.len();
            Some(*end)
        })
        .collect();

    // Segments of 250 bytes, the third sent after the fourth.
    let cuts: Vec<(usize, usize)> = (0..stream.len())
        .step_by(250)
        .map(|at| (at, (at + 250).min(stream.len())))
        .collect();
    let mut order: Vec<usize> = (0..cuts.len()).collect();
    order.swap(2, 3);
    let frames: Vec<Vec<u8>> = order
        .iter()
        .map(|&i| agent_segment(1000 + cuts[i].0 as u32, &stream[cuts[i].0..cuts[i].1]))
        .collect();
    let capture = pcap_of_frames(&frames);
    kept_as_fixture("hep/call-over-hep3-tcp.pcap", &capture);
    let read = read_capture(&capture[..], &CaptureLimits::default()).unwrap();
    assert!(read.sip_over_tcp.is_empty());
    let got: Vec<(u64, Endpoint, Duration, &[u8])> = read
        .datagrams
        .iter()
        .map(|d| (d.frame, d.src, d.time, d.payload.as_slice()))
        .collect();
    // The frame (1-based, in capture order) at which each packet is whole: when the
    // last of the segments up to the one it ends in has come.
    let frame_of = |end: usize| {
        let last = cuts.iter().position(|c| c.1 >= end).unwrap();
        (0..=last)
            .map(|i| order.iter().position(|&o| o == i).unwrap() as u64 + 1)
            .max()
            .unwrap()
    };
    let want: Vec<(u64, Endpoint, Duration, &[u8])> = sip
        .iter()
        .zip(&ends)
        .map(|(d, &end)| (frame_of(end), d.src, d.time, d.payload.as_slice()))
        .collect();
    assert_eq!(got, want);

    // A capture started inside the first packet: its last bytes, the second packet and
    // half the third, then the rest.
    let from = ends[0] - 40;
    let half = ends[1] + (ends[2] - ends[1]) / 2;
    let frames = [
        agent_segment(from as u32, &stream[from..half]),
        agent_segment(half as u32, &stream[half..]),
    ];
    let read = read_capture(&pcap_of_frames(&frames)[..], &CaptureLimits::default()).unwrap();
    let got: Vec<&[u8]> = read
        .datagrams
        .iter()
        .map(|d| d.payload.as_slice())
        .collect();
    let want: Vec<&[u8]> = sip[1..].iter().map(|d| d.payload.as_slice()).collect();
    assert_eq!(got, want);
}

/// Kamailio's `siptrace` with `hep_version=2`: the message read at the addresses, ports
/// and time of its header; a datagram that only starts like that header (versions 1 and
/// 2 have no magic number) and carries no SIP stays what it is.
#[test]
fn version_2_packets_in_a_capture() {
    let sip = b"OPTIONS sip:10.0.0.2 SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    let mut v2 = vec![
        2, 16, 2, 17, 0x13, 0xC4, 0x13, 0xC5, 10, 0, 0, 1, 10, 0, 0, 2,
    ];
    v2.extend_from_slice(&1_481_455_196u32.to_le_bytes());
    v2.extend_from_slice(&325u32.to_le_bytes());
    v2.extend_from_slice(&[0xD1, 0x07, 0, 0]);
    let mut not_sip = v2.clone();
    v2.extend_from_slice(sip);
    not_sip.extend_from_slice(&[0x00, 0x01, 0x00, 0x00, 0x00]);
    let datagram = |payload: Vec<u8>| UdpDatagram {
        frame: 0,
        time: Duration::from_secs(1_700_000_000),
        src: ep("192.0.2.200:45000"),
        dst: ep("192.0.2.201:9060"),
        ipv6: false,
        payload,
        agent: None,
    };
    let capture = write_pcap(&[datagram(v2), datagram(not_sip.clone())]).unwrap();
    let read = read_capture(&capture[..], &CaptureLimits::default()).unwrap();
    let got: Vec<(Endpoint, Endpoint, Duration, &[u8])> = read
        .datagrams
        .iter()
        .map(|d| (d.src, d.dst, d.time, d.payload.as_slice()))
        .collect();
    assert_eq!(
        got,
        [
            (
                ep("10.0.0.1:5060"),
                ep("10.0.0.2:5061"),
                Duration::from_secs(1_481_455_196) + Duration::from_micros(325),
                &sip[..]
            ),
            (
                ep("192.0.2.200:45000"),
                ep("192.0.2.201:9060"),
                Duration::from_secs(1_700_000_000),
                &not_sip[..]
            ),
        ]
    );
}

/// What a capture holds, in capture order: each datagram and message with its
/// transport.
fn messages_of(capture: &[u8]) -> Vec<(UdpDatagram, capture::Transport)> {
    let mut out = Vec::new();
    let read =
        capture::read_capture_each(capture, &CaptureLimits::default(), |d, t| out.push((d, t)))
            .unwrap();
    assert!(read.stopped.is_none());
    out
}

/// A real agent: Kamailio 5.6's siptrace copying every message of a stateless server
/// (OPTIONS answered 200, INVITE 486 and its ACK, three times) to a collector, captured
/// on loopback beside the SIP traffic itself (`tests/data/hep/kamailio/make.sh`): HEP
/// version 3 and version 2 over UDP, SIP over TCP traced in HEP3, and HEP3 sent over a
/// TCP connection to the collector. Each time the 15 messages read out of the HEP
/// packets are the messages on the wire, byte for byte, with their addresses, ports and
/// transport, at the time Kamailio stamped on each (within 5 ms of the capture's: it
/// stamps a message when it handles it).
#[test]
fn kamailio_s_hep_reads_as_the_traffic_it_copied() {
    for run in ["hep3-udp", "hep2-udp", "hep3-sip-tcp", "hep3-over-tcp"] {
        let read = |name: &str| {
            messages_of(&std::fs::read(format!("{DATA}/kamailio/{name}.pcap")).unwrap())
        };
        let copied = read(run);
        let wire = read(&format!("{run}-sip"));
        assert_eq!(copied.len(), 15, "{run}");
        assert_eq!(wire.len(), 15, "{run}");
        for (i, ((c, ct), (w, wt))) in copied.iter().zip(&wire).enumerate() {
            assert_eq!(
                (c.src, c.dst, ct, &c.payload),
                (w.src, w.dst, wt, &w.payload),
                "{run}, message {i}"
            );
            let apart = c.time.abs_diff(w.time);
            assert!(
                apart <= Duration::from_millis(5),
                "{run}, message {i}: {apart:?}"
            );
        }
        let tcp = run == "hep3-sip-tcp";
        assert!(
            copied
                .iter()
                .all(|(_, t)| (*t == capture::Transport::Tcp) == tcp),
            "{run}"
        );
    }
}

/// A real agent that copies TCP segments: heplify 2.0.25 (sipcapture's capture agent,
/// built from its repository) replaying captures to a collector on loopback
/// (`tests/data/hep/heplify/make.sh`). What the HEP packets carry reads as the capture
/// heplify replayed reads itself: the same SIP messages, byte for byte, with their
/// addresses, ports and transport.
///
/// - `segments-volte-invite`: with its TCP reassembly off, heplify sends one packet a
///   segment (the INVITE's three, the second twice as it was retransmitted, and the
///   200); the INVITE is put back together at the packet of its last segment, at that
///   segment's time, as it is from the segments themselves.
/// - `reassembled-volte-invite`: with its reassembly on (its default), heplify sends the
///   INVITE whole, stamped with the time of its first segment.
/// - `segments-vowifi`: a real VoWiFi call's SIP over TCP and UDP (one message a segment).
/// - `call`: the sample call, SIP over UDP.
#[test]
fn heplify_s_hep_reads_as_the_capture_it_replayed() {
    let tcp_data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../samples");
    let runs = [
        (
            "segments-volte-invite",
            format!("{tcp_data}/tcp/volte-invite-three-segments.pcap"),
            2,
        ),
        (
            "reassembled-volte-invite",
            format!("{tcp_data}/tcp/volte-invite-three-segments.pcap"),
            2,
        ),
        (
            "segments-vowifi",
            format!("{tcp_data}/real/vowifi-amr-sip-tcp.pcap"),
            9,
        ),
        ("call", format!("{samples}/call.pcap"), 5),
    ];
    for (run, replayed, count) in runs {
        let copied = messages_of(&std::fs::read(format!("{DATA}/heplify/{run}.pcap")).unwrap());
        let wire: Vec<_> = messages_of(&std::fs::read(&replayed).unwrap())
            .into_iter()
            .filter(|(d, _)| starts_sip_message(&d.payload))
            .collect();
        assert_eq!(copied.len(), count, "{run}");
        assert_eq!(wire.len(), count, "{run}");
        for (i, ((c, ct), (w, wt))) in copied.iter().zip(&wire).enumerate() {
            assert_eq!(
                (c.src, c.dst, ct, &c.payload),
                (w.src, w.dst, wt, &w.payload),
                "{run}, message {i}"
            );
            assert_eq!(
                c.agent
                    .as_ref()
                    .map(|a| (a.capture_id, a.node_name.as_deref())),
                Some((Some(2002), Some("heplify-test"))),
                "{run}, message {i}"
            );
            // heplify stamps a message it put back together with its first segment's
            // time, 80 ms before the last one here.
            let early = if run.starts_with("reassembled") && i == 0 {
                Duration::from_millis(80)
            } else {
                Duration::ZERO
            };
            assert_eq!(c.time + early, w.time, "{run}, message {i}");
        }
    }
    // The INVITE at the fourth packet, the one of its last segment.
    let segments =
        messages_of(&std::fs::read(format!("{DATA}/heplify/segments-volte-invite.pcap")).unwrap());
    assert_eq!(
        segments.iter().map(|(d, _)| d.frame).collect::<Vec<_>>(),
        [4, 5]
    );
}

/// heplify's packets of one segment each (`segments-volte-invite`: the INVITE's three
/// segments, the second again as it was retransmitted, then the 200), sent otherwise:
/// a segment retransmitted at the start is passed over too; a segment lost on the way
/// leaves the INVITE cut, handed on as far as it goes; and an agent's message cut short
/// (the first segment alone) is handed on as it is when the next message of its flow
/// starts (the whole INVITE, as heplify with its reassembly sends it).
#[test]
fn segments_copied_in_hep_are_put_back_together_in_the_order_they_come() {
    let packets =
        udp_payloads(&std::fs::read(format!("{DATA}/heplify/segments-volte-invite.pcap")).unwrap());
    assert_eq!(packets.len(), 5);
    let whole = udp_payloads(
        &std::fs::read(format!("{DATA}/heplify/reassembled-volte-invite.pcap")).unwrap(),
    );
    let invite = parse_hep(&whole[0]).unwrap().payload.into_owned();
    let first = parse_hep(&packets[0]).unwrap().payload.into_owned();
    let second = parse_hep(&packets[1]).unwrap().payload.into_owned();
    assert!(starts_sip_message(&invite) && invite.starts_with(&first));
    assert_eq!([first.len(), second.len()], [100, 262]);

    let read = |order: &[&Vec<u8>]| -> Vec<(u64, Vec<u8>)> {
        messages_of(&on_collector(order))
            .into_iter()
            .map(|(d, t)| {
                assert_eq!(t, capture::Transport::Tcp);
                (d.frame, d.payload)
            })
            .collect()
    };
    let p = &packets;
    // The first segment retransmitted after the second.
    assert_eq!(
        read(&[&p[0], &p[1], &p[0], &p[3], &p[4]]),
        [(4, invite.clone()), (5, read(&[&p[4]])[0].1.clone())]
    );
    // The last segment lost: the INVITE as far as it goes, handed on at the end of the
    // capture, at the frame of the last segment it took (the second, the third being
    // its retransmission), after the 200.
    let cut = [first.as_slice(), &second].concat();
    let got = read(&[&p[0], &p[1], &p[2], &p[4]]);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1], (2, cut));
    // A whole-message agent's INVITE cut short, then the INVITE.
    assert_eq!(
        read(&[&p[0], &whole[0]]),
        [(1, first.clone()), (2, invite.clone())]
    );
    // Two agents copying the same flow, their packets interleaved: each agent's
    // segments put back together apart, each message with its agent.
    let other: Vec<Vec<u8>> = packets.iter().map(|p| with_capture_id(p, 7)).collect();
    let interleaved = [&p[0], &other[0], &p[1], &other[1], &p[3], &other[3]];
    let got: Vec<(u64, Option<u32>, Vec<u8>)> = messages_of(&on_collector(&interleaved))
        .into_iter()
        .map(|(d, _)| (d.frame, d.agent.unwrap().capture_id, d.payload))
        .collect();
    assert_eq!(got, [(5, Some(2002), invite.clone()), (6, Some(7), invite)]);
}

/// A capture on a collector (127.0.0.1:9060) of `packets` from an agent
/// (127.0.0.1:40000), 1 ms apart.
fn on_collector(packets: &[&Vec<u8>]) -> Vec<u8> {
    let datagrams: Vec<UdpDatagram> = packets
        .iter()
        .enumerate()
        .map(|(i, p)| UdpDatagram {
            frame: 0,
            time: Duration::from_secs(1_700_000_000) + Duration::from_millis(i as u64),
            src: ep("127.0.0.1:40000"),
            dst: ep("127.0.0.1:9060"),
            ipv6: false,
            payload: (*p).clone(),
            agent: None,
        })
        .collect();
    write_pcap(&datagrams).unwrap()
}

/// A HEP3 packet with its capture id (chunk 12) set to `id`.
fn with_capture_id(packet: &[u8], id: u32) -> Vec<u8> {
    let at = packet
        .windows(6)
        .position(|w| w == [0, 0, 0, 12, 0, 10])
        .expect("a capture id chunk")
        + 6;
    let mut p = packet.to_vec();
    p[at..at + 4].copy_from_slice(&id.to_be_bytes());
    p
}
