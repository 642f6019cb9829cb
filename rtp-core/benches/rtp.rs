//! Parse, buffer and statistics costs, with the `rtp` crate (webrtc-rs) measured in the
//! same run for RTP parsing.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rtp_core::jitter::{JbPacket, JitterBuffer, JitterConfig};
use rtp_core::packet::{RtpPacket, RtpPacketBuilder};
use rtp_core::stats::ReceiverStats;
use webrtc_util::marshal::Unmarshal;

fn packet() -> Vec<u8> {
    RtpPacketBuilder::new()
        .payload_type(0)
        .sequence_number(4242)
        .timestamp(123_456)
        .ssrc(0xDEAD_BEEF)
        .extension(1, &[0x10])
        .payload(&[0xFF; 160])
        .build()
        .unwrap()
}

fn rtp_parse(c: &mut Criterion) {
    let buf = packet();
    let mut g = c.benchmark_group("rtp_header_parse");
    g.throughput(Throughput::Elements(1));
    g.bench_function("voipkit rtp-core", |b| {
        b.iter(|| {
            let p = RtpPacket::parse(black_box(&buf)).unwrap();
            black_box((
                p.sequence_number(),
                p.timestamp(),
                p.ssrc(),
                p.payload().len(),
            ))
        })
    });
    g.bench_function("webrtc-rs rtp 0.8 (Header)", |b| {
        b.iter(|| {
            let mut s: &[u8] = black_box(&buf);
            let h = rtp::header::Header::unmarshal(&mut s).unwrap();
            black_box((h.sequence_number, h.timestamp, h.ssrc))
        })
    });
    // What the loop costs without parsing: the buffer through `black_box` and four
    // values out of it, as in the benchmarks above.
    g.bench_function("loop overhead (black_box in and out, no parse)", |b| {
        b.iter(|| {
            let s: &[u8] = black_box(&buf);
            black_box((s.len() as u16, s.len() as u32, s.len() as u32, s.len()))
        })
    });
    // The same packet without the header extension (plain G.711 from a SIP endpoint).
    let plain = RtpPacketBuilder::new()
        .payload_type(0)
        .sequence_number(4242)
        .timestamp(123_456)
        .ssrc(0xDEAD_BEEF)
        .payload(&[0xFF; 160])
        .build()
        .unwrap();
    g.bench_function("voipkit rtp-core (no extension)", |b| {
        b.iter(|| {
            let p = RtpPacket::parse(black_box(&plain)).unwrap();
            black_box((
                p.sequence_number(),
                p.timestamp(),
                p.ssrc(),
                p.payload().len(),
            ))
        })
    });
    g.bench_function("webrtc-rs rtp 0.8 (Header, no extension)", |b| {
        b.iter(|| {
            let mut s: &[u8] = black_box(&plain);
            let h = rtp::header::Header::unmarshal(&mut s).unwrap();
            black_box((h.sequence_number, h.timestamp, h.ssrc))
        })
    });
    // Parse plus reading the extension elements (lazily, from the view).
    g.bench_function("voipkit rtp-core (+ extension elements)", |b| {
        b.iter(|| {
            let p = RtpPacket::parse(black_box(&buf)).unwrap();
            let mut ids = 0u32;
            for e in p.extensions() {
                ids += u32::from(e.unwrap().id);
            }
            black_box((p.sequence_number(), ids))
        })
    });
    let bytes = Bytes::from(buf.clone());
    g.bench_function("webrtc-rs rtp 0.8 (Packet)", |b| {
        b.iter(|| {
            let mut s = black_box(bytes.clone());
            let p = rtp::packet::Packet::unmarshal(&mut s).unwrap();
            black_box(p.payload.len())
        })
    });
    g.finish();
}

fn rtcp_parse(c: &mut Criterion) {
    use rtp_core::rtcp::*;
    let compound = write_compound(&[
        RtcpPacket::ReceiverReport(ReceiverReport {
            ssrc: 1,
            reports: vec![ReportBlock {
                ssrc: 2,
                ..ReportBlock::default()
            }],
            profile_extension: vec![],
        }),
        RtcpPacket::SourceDescription(vec![SdesChunk {
            ssrc: 1,
            items: vec![SdesItem {
                kind: 1,
                value: b"user@example.com".to_vec(),
            }],
        }]),
        RtcpPacket::Goodbye(Bye {
            sources: vec![1],
            reason: vec![],
        }),
    ])
    .unwrap();
    let mut g = c.benchmark_group("rtcp_compound_parse");
    g.bench_function("validate + iterate (zero-copy)", |b| {
        b.iter(|| {
            let c = RtcpCompound::parse(black_box(&compound)).unwrap();
            black_box(c.iter().map(|p| p.packet_type as usize).sum::<usize>())
        })
    });
    g.bench_function("validate + decode owned", |b| {
        b.iter(|| {
            black_box(
                RtcpCompound::parse(black_box(&compound))
                    .unwrap()
                    .packets()
                    .unwrap(),
            )
        })
    });
    g.finish();
}

fn jitter(c: &mut Criterion) {
    let mut g = c.benchmark_group("jitter_buffer");
    g.throughput(Throughput::Elements(1));
    let payload = Bytes::from_static(&[0xFF; 160]);
    let mut jb = JitterBuffer::new(JitterConfig::new(8000));
    let mut i: u64 = 0;
    g.bench_function("push + pop per packet (adaptive)", |b| {
        b.iter(|| {
            let seq = i as u16;
            let ts = (i * 160) as u32;
            // 0-7 ms of deterministic jitter.
            let arrival = Duration::from_micros(i * 20_000 + (i * 7919 % 8000));
            jb.push(JbPacket::new(1, seq, ts, false, payload.clone()), arrival);
            black_box(jb.pop(Duration::from_micros(i * 20_000 + 10_000)));
            i += 1;
        })
    });
    g.finish();
}

/// The same packet sequence through `rtc-interceptor`'s `JitterBuffer` (webrtc-rs,
/// sans-IO): an ordered, deduplicating store keyed by extended sequence number; its
/// playout timing (a fixed depth) lives in the interceptor above it, so push + pop here
/// does no delay estimation, no expansion or acceleration and no loss accounting.
fn jitter_peer(c: &mut Criterion) {
    use rtc_interceptor::{AttributedPacket, JitterBuffer as PeerBuffer, Packet as PeerPacket};
    let mut g = c.benchmark_group("jitter_buffer");
    g.throughput(Throughput::Elements(1));
    let payload = Bytes::from_static(&[0xFF; 160]);
    let start = std::time::Instant::now();
    let packet = |i: u64| rtc_interceptor::TaggedPacket {
        now: start + Duration::from_micros(i * 20_000 + (i * 7919 % 8000)),
        transport: rtc_shared::TransportContext::default(),
        message: AttributedPacket::new(PeerPacket::Rtp(rtc_rtp::Packet {
            header: rtc_rtp::header::Header {
                version: 2,
                sequence_number: i as u16,
                timestamp: (i * 160) as u32,
                ssrc: 1,
                ..Default::default()
            },
            payload: payload.clone(),
        })),
    };
    let mut jb = PeerBuffer::new(256);
    jb.begin_emitting();
    // Two packets ahead, as in the adaptive run's steady state.
    jb.push(packet(0)).unwrap();
    jb.push(packet(1)).unwrap();
    let mut i: u64 = 2;
    g.bench_function(
        "rtc-interceptor 0.21 JitterBuffer (store only: push + pop)",
        |b| {
            b.iter(|| {
                let _ = jb.push(packet(i));
                black_box(jb.pop());
                i += 1;
            })
        },
    );
    g.finish();
}

/// What the jitter-buffer loops spend outside the buffers: building the packet and the
/// times, so a buffer's own cost is the difference.
fn jitter_loop_overhead(c: &mut Criterion) {
    let mut g = c.benchmark_group("jitter_buffer");
    g.throughput(Throughput::Elements(1));
    let payload = Bytes::from_static(&[0xFF; 160]);
    let mut i: u64 = 0;
    g.bench_function("loop overhead (packet and times, no buffer)", |b| {
        b.iter(|| {
            let arrival = Duration::from_micros(i * 20_000 + (i * 7919 % 8000));
            black_box((
                JbPacket::new(1, i as u16, (i * 160) as u32, false, payload.clone()),
                arrival,
                Duration::from_micros(i * 20_000 + 10_000),
            ));
            i += 1;
        })
    });
    g.finish();
}

fn stats(c: &mut Criterion) {
    let mut g = c.benchmark_group("receiver_stats");
    g.throughput(Throughput::Elements(1));
    let mut s = ReceiverStats::new(1, 8000);
    let mut i: u64 = 0;
    g.bench_function("update per packet", |b| {
        b.iter(|| {
            s.update(
                i as u16,
                (i * 160) as u32,
                Duration::from_micros(i * 20_000 + (i * 7919 % 8000)),
            );
            i += 1;
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = rtp_parse, rtcp_parse, jitter, jitter_peer, jitter_loop_overhead, stats
}
criterion_main!(benches);
