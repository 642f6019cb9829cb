//! Property: any session built from the grammar writes out as SDP that parses back to the
//! same session, and that text writes back identical.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failure stops the test.

use std::borrow::Cow;

use proptest::prelude::*;
use sip_core::sdp::{
    self, Attribute, Bandwidth, Candidate, CandidateType, Connection, Crypto, Direction, Extmap,
    Fingerprint, Fmtp, Group, LineEnding, Media, Msid, Origin, PacketTime, Rid, RidDirection, Rtcp,
    RtcpFb, Rtpmap, Sdp, Setup, SilenceSupp, Simulcast, Ssrc, SsrcGroup, Timing, TypedAttribute,
};
use std::time::Duration;

type S = Cow<'static, str>;

fn token() -> impl Strategy<Value = S> {
    "[a-zA-Z0-9._+-]{1,10}".prop_map(Cow::Owned)
}

fn text() -> impl Strategy<Value = S> {
    "[^\r\n\u{0}]{0,16}".prop_map(Cow::Owned)
}

/// A packet time: whole milliseconds, or to the microsecond or nanosecond.
fn packet_time() -> impl Strategy<Value = PacketTime> {
    prop_oneof![
        (1..=u32::MAX).prop_map(PacketTime::from_millis),
        (1u64..100_000_000)
            .prop_map(|us| PacketTime::from_duration(Duration::from_micros(us)).unwrap()),
        (1u64..(1u64 << 32) * 1_000_000)
            .prop_map(|ns| PacketTime::from_duration(Duration::from_nanos(ns)).unwrap()),
    ]
}

/// An `r=` value (RFC 8866 5.10): interval, active duration and one or more offsets.
fn repeat() -> impl Strategy<Value = S> {
    "[1-9][0-9]{0,6}[dhms]?( [0-9]{1,7}[dhms]?){2,4}".prop_map(Cow::Owned)
}

/// A `z=` value (RFC 8866 5.11): pairs of an adjustment time and an offset.
fn zones() -> impl Strategy<Value = S> {
    "[1-9][0-9]{9,11} -?[0-9]{1,5}[dhms]?( [1-9][0-9]{9,11} -?[0-9]{1,5}[dhms]?){0,2}"
        .prop_map(Cow::Owned)
}

fn direction() -> impl Strategy<Value = Direction> {
    prop_oneof![
        Just(Direction::SendRecv),
        Just(Direction::SendOnly),
        Just(Direction::RecvOnly),
        Just(Direction::Inactive)
    ]
}

fn candidate() -> impl Strategy<Value = Candidate<'static>> {
    (
        (
            token(),
            any::<u16>(),
            token(),
            any::<u64>(),
            token(),
            any::<u16>(),
        ),
        prop_oneof![
            Just(CandidateType::Host),
            Just(CandidateType::Srflx),
            Just(CandidateType::Prflx),
            Just(CandidateType::Relay),
            "x[a-z]{1,5}".prop_map(|s| CandidateType::Other(Cow::Owned(s))),
        ],
        proptest::option::of(token()),
        proptest::option::of(any::<u16>()),
        proptest::collection::vec(
            ("[a-z]{1,3}-[a-z]{1,4}".prop_map(Cow::Owned), token()),
            0..3,
        ),
    )
        .prop_map(
            |(
                (foundation, component, transport, priority, address, port),
                kind,
                raddr,
                rport,
                extensions,
            )| Candidate {
                foundation,
                component,
                transport,
                priority,
                address,
                port,
                kind,
                related_address: raddr,
                related_port: rport,
                extensions,
            },
        )
}

fn typed_attribute() -> impl Strategy<Value = TypedAttribute<'static>> {
    prop_oneof![
        (
            0u8..128,
            "[a-zA-Z0-9-]{1,10}",
            // A clock rate of 0 is no rate (refused when read).
            1u32..,
            proptest::option::of(any::<u16>())
        )
            .prop_map(
                |(payload_type, e, clock_rate, channels)| TypedAttribute::Rtpmap(Rtpmap {
                    payload_type,
                    encoding: Cow::Owned(e),
                    clock_rate,
                    channels
                })
            ),
        (token(), "[^\r\n\u{0}]{1,16}".prop_map(Cow::Owned))
            .prop_map(|(format, params)| TypedAttribute::Fmtp(Fmtp { format, params })),
        packet_time().prop_map(TypedAttribute::Ptime),
        packet_time().prop_map(TypedAttribute::Maxptime),
        direction().prop_map(TypedAttribute::Direction),
        (
            any::<u16>(),
            proptest::option::of((token(), token(), token()))
        )
            .prop_map(|(port, address)| TypedAttribute::Rtcp(Rtcp { port, address })),
        Just(TypedAttribute::RtcpMux),
        Just(TypedAttribute::RtcpRsize),
        (token(), token(), proptest::option::of(text())).prop_map(
            |(payload_type, feedback, param)| {
                TypedAttribute::RtcpFb(RtcpFb {
                    payload_type,
                    feedback,
                    param,
                })
            }
        ),
        (any::<u32>(), token(), token(), proptest::option::of(text())).prop_map(
            |(tag, suite, key_params, session_params)| TypedAttribute::Crypto(Crypto {
                tag,
                suite,
                key_params,
                session_params
            })
        ),
        (token(), token())
            .prop_map(|(hash, value)| TypedAttribute::Fingerprint(Fingerprint { hash, value })),
        prop_oneof![
            Just(Setup::Active),
            Just(Setup::Passive),
            Just(Setup::Actpass),
            Just(Setup::Holdconn)
        ]
        .prop_map(TypedAttribute::Setup),
        token().prop_map(TypedAttribute::Mid),
        (token(), proptest::collection::vec(token(), 0..4))
            .prop_map(|(semantics, mids)| TypedAttribute::Group(Group { semantics, mids })),
        (token(), proptest::option::of(text()))
            .prop_map(|(stream, track)| TypedAttribute::Msid(Msid { stream, track })),
        (any::<u32>(), token(), proptest::option::of(text())).prop_map(
            |(ssrc, attribute, value)| TypedAttribute::Ssrc(Ssrc {
                ssrc,
                attribute,
                value
            })
        ),
        (token(), proptest::collection::vec(any::<u32>(), 0..4)).prop_map(|(semantics, ssrcs)| {
            TypedAttribute::SsrcGroup(SsrcGroup { semantics, ssrcs })
        }),
        (
            prop_oneof![1u16..=255, 4096u16..=4351],
            proptest::option::of(direction()),
            token(),
            proptest::option::of(text())
        )
            .prop_map(
                |(id, direction, uri, attributes)| TypedAttribute::Extmap(Extmap {
                    id,
                    direction,
                    uri,
                    attributes
                })
            ),
        candidate().prop_map(|c| TypedAttribute::Candidate(Box::new(c))),
        "[a-zA-Z0-9+/]{4,32}".prop_map(|u| TypedAttribute::IceUfrag(Cow::Owned(u))),
        "[a-zA-Z0-9+/]{22,40}".prop_map(|p| TypedAttribute::IcePwd(Cow::Owned(p))),
        proptest::collection::vec(token(), 1..3).prop_map(TypedAttribute::IceOptions),
        Just(TypedAttribute::IceLite),
        Just(TypedAttribute::EndOfCandidates),
        (any::<bool>(), token(), token(), token(), token()).prop_map(
            |(enabled, timer, preference, sid_use, fxnslevel)| {
                TypedAttribute::SilenceSupp(Box::new(SilenceSupp {
                    enabled,
                    timer,
                    preference,
                    sid_use,
                    fxnslevel,
                }))
            }
        ),
        token().prop_map(TypedAttribute::Label),
        "[1-9][0-9]{0,3}(\\.[0-9]{0,2}[1-9])?|0\\.[0-9]{0,2}[1-9]"
            .prop_map(|f| TypedAttribute::Framerate(Cow::Owned(f))),
        any::<u16>().prop_map(TypedAttribute::SctpPort),
        any::<u64>().prop_map(TypedAttribute::MaxMessageSize),
        (any::<u16>(), token(), proptest::option::of(any::<u32>())).prop_map(
            |(port, app, streams)| TypedAttribute::Sctpmap(sip_core::sdp::Sctpmap {
                port,
                app,
                streams,
            })
        ),
        (
            rid_id(),
            any::<bool>(),
            proptest::option::of("pt=[0-9]{1,3}(;max-width=[0-9]{1,4})?")
        )
            .prop_map(|(id, send, restrictions)| {
                TypedAttribute::Rid(Rid {
                    id,
                    direction: if send {
                        RidDirection::Send
                    } else {
                        RidDirection::Recv
                    },
                    restrictions: restrictions.map(Cow::Owned),
                })
            }),
        (
            proptest::option::of(simulcast_list()),
            proptest::option::of(simulcast_list())
        )
            .prop_filter("one direction at least", |(s, r)| s.is_some()
                || r.is_some())
            .prop_map(|(send, recv)| {
                TypedAttribute::Simulcast(Simulcast {
                    send: send.map(Cow::Owned),
                    recv: recv.map(Cow::Owned),
                })
            }),
        ("x-[a-z]{1,8}", proptest::option::of(text())).prop_map(|(name, value)| {
            TypedAttribute::Other {
                name: Cow::Owned(name),
                value,
            }
        }),
    ]
}

/// An RFC 8851 RTP stream id.
fn rid_id() -> impl Strategy<Value = Cow<'static, str>> {
    "[a-zA-Z0-9_-]{1,8}".prop_map(Cow::Owned)
}

/// An RFC 8853 simulcast list: streams of alternatives, some paused.
fn simulcast_list() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::collection::vec(("~?", "[a-zA-Z0-9_-]{1,4}"), 1..3),
        1..4,
    )
    .prop_map(|streams| {
        streams
            .iter()
            .map(|alts| {
                alts.iter()
                    .map(|(p, id)| format!("{p}{id}"))
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect::<Vec<_>>()
            .join(";")
    })
}

/// A typed attribute as its writer puts it on the wire.
fn attribute() -> impl Strategy<Value = Attribute<'static>> {
    typed_attribute().prop_map(Attribute::from)
}

fn connection() -> impl Strategy<Value = Connection<'static>> {
    (
        any::<bool>(),
        // An address of the type, or a host name (RFC 8866 9).
        (
            any::<bool>(),
            any::<std::net::Ipv4Addr>(),
            any::<std::net::Ipv6Addr>(),
            "[a-z][a-z0-9-]{0,8}(\\.[a-z][a-z0-9]{0,8}){0,2}",
        ),
        any::<u8>(),
        any::<u32>(),
        0u8..3,
    )
        .prop_map(|(v4, (named, a4, a6, name), ttl, count, shape)| {
            let address = match (named, v4) {
                (true, _) => name,
                (false, true) => a4.to_string(),
                (false, false) => a6.to_string(),
            };
            let (ttl, count) = match (v4, shape) {
                (true, 0) | (false, 0) => (None, None),
                (true, 1) => (Some(ttl), None),
                (true, _) => (Some(ttl), Some(count)),
                (false, _) => (None, Some(count)),
            };
            Connection {
                network_type: Cow::Borrowed("IN"),
                address_type: Cow::Borrowed(if v4 { "IP4" } else { "IP6" }),
                address: Cow::Owned(address),
                ttl,
                count,
            }
        })
}

fn bandwidth() -> impl Strategy<Value = Bandwidth<'static>> {
    ("[A-Z]{1,4}", any::<u64>()).prop_map(|(t, value)| Bandwidth {
        bw_type: Cow::Owned(t),
        value,
    })
}

fn media() -> impl Strategy<Value = Media<'static>> {
    (
        (
            token(),
            any::<u16>(),
            proptest::option::of(any::<u16>()),
            token(),
        ),
        // At least one format (RFC 8866 5.14).
        proptest::collection::vec(token(), 1..5),
        proptest::option::of(text()),
        proptest::collection::vec(connection(), 0..2),
        proptest::collection::vec(bandwidth(), 0..2),
        proptest::option::of(text()),
        proptest::collection::vec(attribute(), 0..8),
    )
        .prop_map(
            |(
                (media, port, port_count, protocol),
                formats,
                title,
                connections,
                bandwidths,
                key,
                attributes,
            )| Media {
                media,
                port,
                port_count,
                protocol,
                formats,
                title,
                connections,
                bandwidths,
                key,
                attributes,
            },
        )
}

fn session() -> impl Strategy<Value = Sdp<'static>> {
    (
        (
            token(),
            "[0-9]{1,12}",
            "[0-9]{1,12}",
            "192\\.0\\.2\\.[1-9][0-9]?|[a-z]{1,8}\\.example\\.com".prop_map(Cow::Owned),
        ),
        (
            text(),
            proptest::option::of(text()),
            proptest::option::of(text()),
        ),
        (
            proptest::collection::vec(text(), 0..2),
            proptest::collection::vec(text(), 0..2),
        ),
        proptest::option::of(connection()),
        proptest::collection::vec(bandwidth(), 0..2),
        proptest::collection::vec(
            (
                any::<u64>(),
                any::<u64>(),
                proptest::collection::vec(repeat(), 0..2),
            ),
            0..3,
        ),
        (proptest::option::of(zones()), proptest::option::of(text())),
        proptest::collection::vec(attribute(), 0..6),
        proptest::collection::vec(media(), 0..4),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                (user, id, version, address),
                (session_name, information, uri),
                (emails, phones),
                connection,
                bandwidths,
                times,
                (time_zones, key),
                attributes,
                media,
                (crlf, final_eol),
            )| Sdp {
                origin: Origin {
                    username: user,
                    session_id: Cow::Owned(id),
                    session_version: Cow::Owned(version),
                    network_type: Cow::Borrowed("IN"),
                    address_type: Cow::Borrowed("IP4"),
                    address,
                },
                session_name,
                information,
                uri,
                emails,
                phones,
                connection,
                bandwidths,
                times: times
                    .into_iter()
                    .map(|(start, stop, repeats)| Timing {
                        start,
                        stop,
                        repeats,
                    })
                    .collect(),
                time_zones,
                key,
                attributes,
                media,
                line_ending: if crlf {
                    LineEnding::Crlf
                } else {
                    LineEnding::Lf
                },
                final_line_ending: final_eol,
                gb28181_ssrc: None,
                gb28181_format: None,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_sessions_round_trip(s in session()) {
        let text = s.to_string();
        let parsed = sdp::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text:?}")))?;
        prop_assert_eq!(&parsed, &s);
        prop_assert_eq!(parsed.to_string(), text);
    }

    /// GB/T 28181's `y=` and `f=` lines on any generated session: written at its end,
    /// read back with the quirk to the same session, each reported; the strict reading
    /// refuses them.
    #[test]
    fn gb28181_lines_round_trip(
        mut s in session(),
        ssrc in proptest::option::of("[0-9]{1,10}"),
        format in proptest::option::of("v(/[0-9]{0,4}){5}a(/[0-9]{0,5}){3}"),
    ) {
        prop_assume!(ssrc.is_some() || format.is_some());
        let lines = usize::from(ssrc.is_some()) + usize::from(format.is_some());
        s.gb28181_ssrc = ssrc.map(Cow::Owned);
        s.gb28181_format = format.map(Cow::Owned);
        let text = s.to_string();
        let mut notes = Vec::new();
        let parsed = sdp::Parser::new()
            .quirks(sdp::Quirks::ALL)
            .parse_with_diagnostics(&text, &mut notes)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text:?}")))?;
        prop_assert_eq!(&parsed, &s);
        prop_assert_eq!(notes.len(), lines);
        prop_assert!(notes.iter().all(|n| n.quirk == sdp::Quirk::Gb28181Lines));
        prop_assert!(sdp::parse(&text).is_err());
    }

    /// The attributes and media sections of any generated session, as a trickle-ICE
    /// fragment (its media sections without the lines a fragment does not hold, some
    /// given an `a=mid`): written and read back to the same fragment, strictly when each
    /// section has a mid, and otherwise with the missing-mid quirk, one diagnostic at the
    /// `m=` line of each section without one, which the strict reading refuses at the
    /// first; the session's text is refused as one at its `v=` line.
    #[test]
    fn generated_fragments_round_trip(
        s in session(),
        named in proptest::collection::vec(any::<bool>(), 8),
    ) {
        let mut fragment = sdp::Fragment {
            attributes: s.attributes.clone(),
            media: s
                .media
                .iter()
                .cloned()
                .map(|mut m| {
                    m.title = None;
                    m.connections.clear();
                    m.bandwidths.clear();
                    m.key = None;
                    m
                })
                .zip(&named)
                .enumerate()
                .map(|(i, (mut m, &named))| {
                    if named && m.mid().is_none() {
                        m.attributes.insert(0, Attribute::new("mid", i.to_string()));
                    }
                    m
                })
                .collect(),
            line_ending: s.line_ending,
            final_line_ending: s.final_line_ending,
        };
        let text = fragment.to_string();
        // One line without a line end says nothing of the line ending: read as CRLF.
        if !text.contains('\n') {
            fragment.line_ending = LineEnding::Crlf;
        }
        if text.is_empty() {
            prop_assert!(sdp::parse_fragment(&text).is_err());
        } else {
            let mut notes = Vec::new();
            let parsed = sdp::Parser::new()
                .quirks(sdp::Quirks::NONE.with(sdp::Quirk::MissingMid))
                .parse_fragment_with_diagnostics(&text, &mut notes)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text:?}")))?;
            prop_assert_eq!(&parsed, &fragment);
            prop_assert_eq!(parsed.to_string(), text.as_str());
            // The `m=` lines of the sections without a mid, numbered as in the text.
            let unnamed: Vec<usize> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.starts_with("m="))
                .map(|(n, _)| n + 1)
                .zip(&fragment.media)
                .filter(|(_, m)| m.mid().is_none())
                .map(|(n, _)| n)
                .collect();
            prop_assert!(notes.iter().all(|d| d.quirk == sdp::Quirk::MissingMid));
            prop_assert_eq!(notes.iter().map(|d| d.line).collect::<Vec<_>>(), unnamed.clone());
            match sdp::parse_fragment(&text) {
                Ok(strict) => {
                    prop_assert!(unnamed.is_empty());
                    prop_assert_eq!(&strict, &fragment);
                }
                Err(e) => {
                    prop_assert_eq!(e.parse_kind(), Some(&sdp::ParseErrorKind::MissingMid));
                    prop_assert_eq!(e.line(), unnamed.first().copied());
                }
            }
        }
        let e = sdp::parse_fragment(&s.to_string()).unwrap_err();
        prop_assert_eq!(e.line(), Some(1));
    }

    #[test]
    fn each_attribute_reads_back_what_its_writer_wrote(t in typed_attribute()) {
        let written = Attribute::from(t.clone());
        prop_assert_eq!(written.typed(), Ok(t.clone()));
        // And through the text of an `a=` line.
        let line = written.to_string();
        let reread = Attribute::parse(&line).map_err(|e| TestCaseError::fail(format!("{e}: {line:?}")))?;
        prop_assert_eq!(reread.typed(), Ok(t));
    }

    /// Random bytes almost never make an SDP: this checks only that reading them
    /// returns (an error) without panicking.
    #[test]
    fn arbitrary_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = sdp::parse_bytes(&input);
        let _ = sdp::Parser::new().quirks(sdp::Quirks::ALL).parse_bytes(&input);
    }

    /// A generated session with one byte changed, inserted or removed, or cut short:
    /// what still parses writes back to text that parses to the same session (about two
    /// edits in five parse, so the write-back is exercised on every run).
    #[test]
    fn edited_sessions_that_parse_write_back_to_the_same_session(input in edited_session()) {
        if let Ok(s) = sdp::parse_bytes(&input) {
            let text = s.to_string();
            prop_assert_eq!(sdp::parse(&text).ok(), Some(s));
        }
    }
}

/// The text of a generated session after one random edit.
fn edited_session() -> impl Strategy<Value = Vec<u8>> {
    (
        session(),
        any::<proptest::sample::Index>(),
        0u8..4,
        any::<u8>(),
    )
        .prop_map(|(s, at, edit, byte)| {
            let mut v = s.to_string().into_bytes();
            let i = at.index(v.len() + 1);
            match edit {
                0 if i < v.len() => v[i] = byte,
                1 => v.insert(i, byte),
                2 if i < v.len() => {
                    v.remove(i);
                }
                _ => v.truncate(i),
            }
            v
        })
}
