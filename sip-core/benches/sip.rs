//! SIP parsing speed beside `rsip`, measured in the same run.
//!
//! For each message: `voipkit/split` (the zero-copy split into start line, headers and
//! body); `voipkit/typed` (split plus typed Via, From, To, CSeq, Call-ID, Max-Forwards,
//! Contact and Record-Route, the headers a proxy or B2BUA reads on every message);
//! `voipkit/typed_all` (those plus Route, Content-Type and the auth headers);
//! `rsip/parse` (`rsip::SipMessage::try_from`); `rsip/typed` and `rsip/typed_all` (that
//! plus `.typed()` of the same headers).
//!
//! The comparison is of the same work only where rsip's `.typed()` reads every header it
//! is given: where it fails on one (it cannot read a quoted parameter holding `<`, nor
//! any IPv6 host), it returns early with an error, and its figure is labelled
//! `rsip/typed_partial` (the headers it fails on are printed) instead of `rsip/typed`.
//!
//! `real_world` does the same over every message of the real-world corpus
//! (`tests/data/real-world`, see its MANIFEST) that both parsers read strictly and whose
//! compared headers rsip's `.typed()` reads, each message once per iteration: real
//! traffic's mix of sizes and compact names rather than one sample.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rsip::prelude::*;
use sip_core::{Parser, Status};

const INVITE: &[u8] = include_bytes!("../../samples/invite.sip");
const REGISTER: &[u8] = include_bytes!("../../samples/register.sip");
/// A 183 with preconditions and AMR-WB over IPv6 (1.2 KB, from sngrep's capture in the
/// real-world corpus): every host an IPv6 reference.
const IPV6_183: &[u8] = include_bytes!("../tests/data/real-world/sngrep/ipv6frag-f006-183.sip");
/// An INVITE from a Windows RTC client (1 KB, from Kamailio's test messages in the
/// real-world corpus), every compared header of which rsip reads.
const KAMAILIO_INVITE: &[u8] = include_bytes!("../tests/data/real-world/kamailio/invite01.sip");

fn ok_200() -> Vec<u8> {
    let sdp = "v=0\r\no=bob 2890844527 2890844527 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\nm=audio 3456 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
    format!(
        "SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP proxy2.example.nl:5060;branch=z9hG4bK-p2-5f3a;received=192.0.2.20\r\n\
Via: SIP/2.0/UDP proxy1.example.nl:5060;branch=z9hG4bK-p1-7c1e;received=192.0.2.10\r\n\
Via: SIP/2.0/UDP 198.51.100.10:5060;branch=z9hG4bK-524287-1---a3f1c2d4e5b6;rport=5060;received=198.51.100.10\r\n\
Record-Route: <sip:proxy2.example.nl;lr>\r\n\
Record-Route: <sip:proxy1.example.nl;lr;ftag=4a7b9c1d>\r\n\
Record-Route: <sip:sbc.example.nl:5060;transport=udp;lr>\r\n\
Record-Route: <sip:edge.example.nl;lr>\r\n\
From: \"Alice Jansen\" <sip:alice@sip.provider.example.nl>;tag=4a7b9c1d\r\n\
To: <sip:+31201234567@sip.provider.example.nl;user=phone>;tag=314159\r\n\
Call-ID: 6f1e2d3c4b5a69788796a5b4c3d2e1f0@198.51.100.10\r\n\
CSeq: 1 INVITE\r\n\
Contact: <sip:bob@203.0.113.5:5060>\r\n\
Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n\
Content-Type: application/sdp\r\n\
Content-Length: {}\r\n\r\n{sdp}",
        sdp.len()
    )
    .into_bytes()
}

fn four_kb() -> Vec<u8> {
    let mut head = String::from("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n");
    for i in 0..12 {
        head.push_str(&format!("Via: SIP/2.0/UDP proxy{i}.example.com:5060;branch=z9hG4bK-{i:04}-8a7b6c5d;received=192.0.2.{i}\r\n"));
    }
    head.push_str("Max-Forwards: 58\r\nFrom: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\nTo: Bob <sip:bob@biloxi.example.com>\r\nCall-ID: 3848276298220188511@atlanta.example.com\r\nCSeq: 2 INVITE\r\nContact: <sip:alice@client.atlanta.example.com;transport=tcp>\r\n");
    for i in 0..8 {
        head.push_str(&format!("Route: <sip:route{i}.example.com;lr>\r\n"));
    }
    let mut i = 0;
    while head.len() < 3700 {
        head.push_str(&format!(
            "X-Extension-{i}: some opaque value number {i} for padding the message\r\n"
        ));
        i += 1;
    }
    let body = "v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    head.push_str(&format!(
        "Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    head.into_bytes()
}

/// [`typed`] plus Route, Content-Type and the auth headers.
fn typed_all(m: &sip_core::Message<'_>) -> usize {
    let mut n = typed(m);
    n += m.routes().map(|r| r.unwrap().uri_raw.len()).sum::<usize>();
    n += m.content_type().unwrap().map_or(0, |c| c.subtype.len());
    for a in m.authorization().chain(m.www_authenticate()) {
        n += a.unwrap().params().count();
    }
    n
}

/// rsip's `.typed()` of one header, if it is one of those of [`typed`] (`all`: of
/// [`typed_all`]): a number taken from what it read, or `Err` where it fails.
fn rsip_header(h: &rsip::Header, all: bool) -> Option<Result<usize, ()>> {
    let read = match h {
        rsip::Header::Via(v) => v.typed().map(|v| v.params.len()).map_err(drop),
        rsip::Header::From(f) => f.typed().map(|f| f.params.len()).map_err(drop),
        rsip::Header::To(t) => t.typed().map(|t| t.params.len()).map_err(drop),
        rsip::Header::CSeq(c) => c.typed().map(|c| c.seq as usize).map_err(drop),
        rsip::Header::CallId(c) => Ok(c.value().len()),
        rsip::Header::MaxForwards(m) => m.num().map(|m| m as usize).map_err(drop),
        rsip::Header::Contact(c) => c.typed().map(|c| c.params.len()).map_err(drop),
        rsip::Header::RecordRoute(r) => r.typed().map(|r| r.uris().len()).map_err(drop),
        rsip::Header::Route(r) if all => r.typed().map(|r| r.uris().len()).map_err(drop),
        rsip::Header::ContentType(c) if all => c.typed().map(|_| 1).map_err(drop),
        rsip::Header::Authorization(a) if all => a.typed().map(|a| a.username.len()).map_err(drop),
        rsip::Header::WwwAuthenticate(a) if all => a.typed().map(|a| a.realm.len()).map_err(drop),
        _ => return None,
    };
    Some(read)
}

/// rsip's `.typed()` of the headers of [`typed`] (`all`: of [`typed_all`]); a header it
/// fails on counts 0.
fn rsip_typed(msg: &rsip::SipMessage, all: bool) -> usize {
    msg.headers()
        .iter()
        .filter_map(|h| rsip_header(h, all))
        .map(|r| r.unwrap_or(0))
        .sum()
}

/// The headers of [`rsip_typed`] whose `.typed()` fails in rsip, by name.
fn rsip_unread(msg: &rsip::SipMessage, all: bool) -> Vec<String> {
    msg.headers()
        .iter()
        .filter(|h| rsip_header(h, all).is_some_and(|r| r.is_err()))
        .map(|h| {
            h.to_string()
                .split(':')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// The headers a proxy reads on every message, typed (a header that does not read
/// counts 0: the corpus has such headers; the samples are checked before they run).
fn typed(m: &sip_core::Message<'_>) -> usize {
    let mut n = 0;
    for v in m.vias() {
        n += v.map_or(0, |v| v.branch().map_or(0, str::len));
    }
    n += m
        .from()
        .ok()
        .flatten()
        .map_or(0, |f| f.tag().map_or(0, str::len));
    n += m.to().ok().flatten().map_or(0, |t| t.uri_raw.len());
    n += m.call_id().map_or(0, str::len);
    n += m.cseq().ok().flatten().map_or(0, |c| c.seq as usize);
    n += m.max_forwards().ok().flatten().map_or(0, usize::from);
    n += m.contacts().map(|c| usize::from(c.is_ok())).sum::<usize>();
    n += m
        .record_routes()
        .map(|r| r.map_or(0, |r| r.uri_raw.len()))
        .sum::<usize>();
    n
}

/// The corpus messages both parsers read strictly and whose compared headers rsip's
/// `.typed()` reads, in file order.
fn real_world() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real-world");
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("corpus manifest");
    let mut slots = Vec::new();
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .map(|file| std::fs::read(dir.join(file)).expect("corpus file"))
        .filter(|bytes| {
            Parser::new().parse_datagram(bytes, &mut slots).is_ok()
                && rsip::SipMessage::try_from(bytes.as_slice())
                    .is_ok_and(|m| rsip_unread(&m, false).is_empty())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let messages: Vec<(&str, Vec<u8>)> = vec![
        ("invite_sdp", INVITE.to_vec()),
        // rsip does not unfold continuation lines: the same REGISTER on single lines.
        (
            "register_digest",
            String::from_utf8_lossy(REGISTER)
                .replace("\r\n ", " ")
                .into_bytes(),
        ),
        ("ok200_record_route", ok_200()),
        ("message_4kb", four_kb()),
        ("ipv6_183_preconditions", IPV6_183.to_vec()),
        ("kamailio_invite_rtc", KAMAILIO_INVITE.to_vec()),
    ];
    let parser = Parser::new();
    for (name, bytes) in &messages {
        // Both parsers must accept the message for the comparison to mean anything.
        sip_core::check(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let peer = rsip::SipMessage::try_from(bytes.as_slice())
            .unwrap_or_else(|e| panic!("rsip {name}: {e}"));
        assert!(rsip_typed(&peer, false) > 0);
        let mut g = c.benchmark_group(*name);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        let mut slots = Vec::with_capacity(64);
        g.bench_function("voipkit/split", |b| {
            b.iter(|| {
                let Status::Complete(m) = parser.parse(black_box(bytes), &mut slots).unwrap()
                else {
                    panic!()
                };
                black_box(m.header_count())
            })
        });
        g.bench_function("voipkit/typed", |b| {
            b.iter(|| {
                let Status::Complete(m) = parser.parse(black_box(bytes), &mut slots).unwrap()
                else {
                    panic!()
                };
                black_box(typed(&m))
            })
        });
        g.bench_function("voipkit/typed_all", |b| {
            b.iter(|| {
                let Status::Complete(m) = parser.parse(black_box(bytes), &mut slots).unwrap()
                else {
                    panic!()
                };
                black_box(typed_all(&m))
            })
        });
        g.bench_function("rsip/parse", |b| {
            b.iter(|| black_box(rsip::SipMessage::try_from(black_box(bytes.as_slice())).unwrap()))
        });
        for (label, all) in [("rsip/typed", false), ("rsip/typed_all", true)] {
            let unread = rsip_unread(&peer, all);
            let label = if unread.is_empty() {
                label.to_owned()
            } else {
                eprintln!("{name}: rsip's .typed() fails on {}", unread.join(", "));
                format!("{label}_partial")
            };
            g.bench_function(label, |b| {
                b.iter(|| {
                    let m = rsip::SipMessage::try_from(black_box(bytes.as_slice())).unwrap();
                    black_box(rsip_typed(&m, all))
                })
            });
        }
        g.finish();
    }

    let corpus = real_world();
    assert!(corpus.len() > 300, "{} corpus messages", corpus.len());
    eprintln!("real_world: {} messages", corpus.len());
    let mut g = c.benchmark_group("real_world");
    g.throughput(Throughput::Bytes(
        corpus.iter().map(|m| m.len() as u64).sum(),
    ));
    let mut slots = Vec::with_capacity(64);
    g.bench_function("voipkit/split", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|m| {
                    let m = parser.parse_datagram(black_box(m), &mut slots).unwrap();
                    black_box(m.header_count())
                })
                .sum::<usize>()
        })
    });
    g.bench_function("voipkit/typed", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|m| {
                    let m = parser.parse_datagram(black_box(m), &mut slots).unwrap();
                    black_box(typed(&m))
                })
                .sum::<usize>()
        })
    });
    g.bench_function("rsip/typed", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|m| {
                    let m = rsip::SipMessage::try_from(black_box(m.as_slice())).unwrap();
                    black_box(rsip_typed(&m, false))
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
