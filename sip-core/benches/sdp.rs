//! SDP parsing speed beside Mozilla's `webrtc-sdp` and GStreamer's `sdp-types`, on the
//! same inputs in the same run: a Chrome-like WebRTC offer (~3.4 KB) and a SIP desk phone
//! offer.
//!
//! `real_world` reads every description of the real-world SDP corpus
//! (`tests/data/real-world-sdp`, see its MANIFEST) that all three parsers read, each once
//! per iteration: the tolerant reading beside both peers.
//!
//! `voipkit` is the strict parse (every known attribute checked against its grammar, as
//! `webrtc-sdp` types every attribute); `voipkit_read` the tolerant reading that `sip
//! parse` and the report use (attributes split, typed on access, as `sdp-types` keeps
//! them); `voipkit_read_typed` that reading plus the typed view of every attribute.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Bench setup: fail loudly.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const WEBRTC: &str = include_str!("../tests/data/sdp/webrtc_offer.sdp");
const PHONE: &str = include_str!("../tests/data/sdp/sip_phone_offer.sdp");

fn parse(c: &mut Criterion) {
    for (name, input) in [("webrtc_offer", WEBRTC), ("sip_phone_offer", PHONE)] {
        // Every parser must accept the input before it is measured.
        let ours = sip_core::sdp::parse(input).expect("voipkit parses");
        assert_eq!(ours.to_string(), input);
        webrtc_sdp::parse_sdp(input, false).expect("webrtc-sdp parses");
        sdp_types::Session::parse(input.as_bytes()).expect("sdp-types parses");

        let mut g = c.benchmark_group(format!("sdp_parse/{name}"));
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(2));
        g.sample_size(30);
        g.bench_function("voipkit", |b| {
            b.iter(|| sip_core::sdp::parse(black_box(input)).unwrap())
        });
        let reader = sip_core::sdp::Parser::new().quirks(sip_core::sdp::Quirks::ALL);
        g.bench_function("voipkit_read", |b| {
            b.iter(|| reader.parse(black_box(input)).unwrap())
        });
        g.bench_function("voipkit_read_typed", |b| {
            b.iter(|| {
                let s = reader.parse(black_box(input)).unwrap();
                let typed = s
                    .attributes
                    .iter()
                    .chain(s.media.iter().flat_map(|m| m.attributes.iter()))
                    .filter(|a| a.typed().is_ok())
                    .count();
                black_box(typed)
            })
        });
        g.bench_function("voipkit_owned", |b| {
            b.iter(|| sip_core::sdp::parse(black_box(input)).unwrap().into_owned())
        });
        g.bench_function("webrtc-sdp", |b| {
            b.iter(|| webrtc_sdp::parse_sdp(black_box(input), false).unwrap())
        });
        g.bench_function("sdp-types", |b| {
            b.iter(|| sdp_types::Session::parse(black_box(input.as_bytes())).unwrap())
        });
        g.bench_function("voipkit_write", |b| b.iter(|| black_box(&ours).to_string()));
        g.finish();
    }
}

/// The corpus descriptions the tolerant reading and both peers read, in file order.
fn real_world(reader: &sip_core::sdp::Parser) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real-world-sdp");
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("corpus manifest");
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter_map(|file| {
            String::from_utf8(std::fs::read(dir.join(file)).expect("corpus file")).ok()
        })
        .filter(|t| {
            reader.parse(t).is_ok()
                && webrtc_sdp::parse_sdp(t, false).is_ok()
                && sdp_types::Session::parse(t.as_bytes()).is_ok()
        })
        .collect()
}

fn corpus(c: &mut Criterion) {
    let reader = sip_core::sdp::Parser::new().quirks(sip_core::sdp::Quirks::ALL);
    let docs = real_world(&reader);
    assert!(docs.len() > 300, "{} corpus descriptions", docs.len());
    let mut g = c.benchmark_group("sdp_parse/real_world");
    g.throughput(Throughput::Bytes(docs.iter().map(|d| d.len() as u64).sum()));
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(30);
    g.bench_function("voipkit_read", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| reader.parse(black_box(d)).unwrap().media.len())
                .sum::<usize>()
        })
    });
    g.bench_function("webrtc-sdp", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    webrtc_sdp::parse_sdp(black_box(d), false)
                        .unwrap()
                        .media
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("sdp-types", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    sdp_types::Session::parse(black_box(d.as_bytes()))
                        .unwrap()
                        .medias
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, parse, corpus);
criterion_main!(benches);
