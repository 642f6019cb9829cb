//! How many heap allocations parsing costs, counted by a global allocator.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::alloc::System;

use sip_core::{Parser, Status};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const INVITE: &[u8] = include_bytes!("../../samples/invite.sip");

fn borrowed_split_and_typed_access_allocate_nothing_once_slots_are_warm() {
    let parser = Parser::new();
    let mut slots = Vec::with_capacity(64);

    let region = Region::new(GLOBAL);
    for _ in 0..100 {
        let Status::Complete(m) = parser.parse(INVITE, &mut slots).unwrap() else {
            panic!()
        };
        assert_eq!(m.header_count(), 15);
    }
    let split = region.change();
    assert_eq!(split.allocations, 0, "split of a typical INVITE: {split:?}");

    // Typed access to the headers a proxy touches is allocation-free too.
    let region = Region::new(GLOBAL);
    let Status::Complete(m) = parser.parse(INVITE, &mut slots).unwrap() else {
        panic!()
    };
    let via = m.via().unwrap().unwrap();
    let from = m.from().unwrap().unwrap();
    let to = m.to().unwrap().unwrap();
    let cseq = m.cseq().unwrap().unwrap();
    let contacts = m.contacts().filter(Result::is_ok).count();
    let mf = m.max_forwards().unwrap();
    let ct = m.content_type().unwrap().unwrap();
    assert_eq!(via.branch(), Some("z9hG4bK-524287-1---a3f1c2d4e5b6"));
    assert_eq!(
        (from.tag(), to.tag(), cseq.seq, contacts, mf),
        (Some("4a7b9c1d"), None, 1, 1, Some(70))
    );
    assert!(ct.is("application", "sdp"));
    let typed = region.change();
    assert_eq!(typed.allocations, 0, "typed access: {typed:?}");

    // A cold Vec is allocated once and grows as the spans come (capacity 4, 8, 16 for
    // the 15 header lines): the only allocations.
    let region = Region::new(GLOBAL);
    let mut cold = Vec::new();
    let Status::Complete(_) = parser.parse(INVITE, &mut cold).unwrap() else {
        panic!()
    };
    let first = region.change();
    assert_eq!(
        (first.allocations, first.reallocations),
        (1, 2),
        "cold slots: {first:?}"
    );
    // Strict validation of the whole message (every known header typed) does not
    // allocate either.
    let region = Region::new(GLOBAL);
    let Status::Complete(m) = parser.parse(INVITE, &mut slots).unwrap() else {
        panic!()
    };
    sip_core::validate(&m, &parser).unwrap();
    let check = region.change();
    assert_eq!(check.allocations, 0, "validate: {check:?}");
}

/// The tolerant SDP reading of a phone's quirky offer, without diagnostics kept, allocates
/// what the reading of the same offer written cleanly does (its vectors): the reasons of
/// the quirks it read past are put into words only when diagnostics are kept.
fn quirks_read_past_cost_no_words_unless_diagnostics_are_kept() {
    // A blank first line, `a=rtpmap: 101` (space after the colon), a trailing space.
    let quirky = "\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n\
        t=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n\
        a=rtpmap: 101 telephone-event/8000 \r\n";
    let clean = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n\
        t=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n\
        a=rtpmap:101 telephone-event/8000\r\n";
    let reader = sip_core::sdp::Parser::new().quirks(sip_core::sdp::Quirks::ALL);
    let mut notes = Vec::new();
    let read = reader.parse_with_diagnostics(quirky, &mut notes).unwrap();
    assert_eq!(read.media[0].attributes.len(), 2);
    assert_eq!(notes.len(), 3, "{notes:?}");
    let count = |text: &str| {
        let region = Region::new(GLOBAL);
        let sdp = reader.parse(text).unwrap();
        assert_eq!(sdp.media[0].attributes.len(), 2);
        drop(sdp);
        region.change().allocations
    };
    let (q, c) = (count(quirky), count(clean));
    assert!(c > 0, "the vectors are counted");
    assert_eq!(q, c, "quirky {q}, clean {c}");
}

/// Runs without the libtest harness (`harness = false`): the allocation counter is
/// process-wide, and the harness's own threads would otherwise be counted with it.
fn main() {
    borrowed_split_and_typed_access_allocate_nothing_once_slots_are_warm();
    println!("test borrowed_split_and_typed_access_allocate_nothing_once_slots_are_warm ... ok");
    quirks_read_past_cost_no_words_unless_diagnostics_are_kept();
    println!("test quirks_read_past_cost_no_words_unless_diagnostics_are_kept ... ok");
}
