"""SDP from Python: plain records, byte-exact write-back, offer/answer."""

import pathlib

import pytest

import voipkit
from voipkit import sdp

DATA = pathlib.Path(__file__).resolve().parents[2] / "ffi" / "tests" / "data"
G711 = (DATA / "offer_g711.sdp").read_bytes().decode()
WEBRTC = (DATA / "offer_webrtc.sdp").read_bytes().decode()
OURS = ":".join(["AA", "BB", "CC", "DD", "EE", "FF", "00", "11", "22", "33", "44", "55", "66", "77", "88", "99"] * 2)


def bob(*media: sdp.SdpMediaCapability) -> sdp.SdpCapabilities:
    return sdp.SdpCapabilities("bob", "198.51.100.7", list(media))


def test_parse_gives_the_wire_fields_and_the_typed_codecs() -> None:
    s = sdp.parse(G711)
    assert s.connection is not None
    assert (s.origin.username, s.connection.address) == ("alice", "192.0.2.1")
    audio, video = s.media
    assert (audio.port, audio.formats) == (49170, ["0", "8", "101"])
    # PCMU and PCMA from RFC 3551's static table, 101 from its rtpmap.
    assert [(c.payload_type, c.name, c.clock_rate) for c in audio.codecs] == [
        (0, "PCMU", 8000),
        (8, "PCMA", 8000),
        (101, "telephone-event", 8000),
    ]
    assert audio.direction == sdp.SdpDirection.SEND_RECV
    assert video.connection_address == "192.0.2.1"  # the session's c= applies
    assert [(a.name, a.value) for a in audio.attributes] == [
        ("rtpmap", "101 telephone-event/8000"),
        ("fmtp", "101 0-15"),
        ("sendrecv", None),
    ]


def test_ice_candidates_and_dtls_fingerprints_are_typed() -> None:
    s = sdp.parse(WEBRTC)
    assert s.fingerprints[0].hash == "sha-256"
    (m,) = s.media
    assert (m.ice_ufrag, m.setup, m.mid, m.rtcp_mux) == ("F7gI", sdp.SdpSetup.ACTPASS, "0", True)
    assert [(c.kind, c.address, c.port) for c in m.candidates] == [
        ("host", "192.0.2.10", 54321),
        ("srflx", "203.0.113.5", 61000),
    ]
    assert (m.candidates[1].related_address, m.candidates[1].related_port) == ("192.0.2.10", 54321)
    assert (m.codecs[0].name, m.codecs[0].clock_rate, m.codecs[0].channels) == ("opus", 48000, 2)


@pytest.mark.parametrize("text", [G711, WEBRTC, G711.replace("\r\n", "\n")])
def test_an_unmodified_sdp_writes_back_byte_identical(text: str) -> None:
    assert sdp.write(sdp.parse(text)) == text


def test_a_malformed_rtpmap_raises_sdp_error_naming_line_6() -> None:
    text = "v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n"
    with pytest.raises(voipkit.SdpError, match="line 6"):
        sdp.parse(text)


def test_answer_takes_shared_codecs_and_rejects_the_video() -> None:
    # RFC 3264 section 6 by hand: PCMA and telephone-event keep the offer's numbers 8 and
    # 101; nothing takes the video, so it is rejected with port 0 in place.
    audio = sdp.SdpMediaCapability(
        "audio", 4000, [sdp.SdpCodecCapability("PCMA", 8000), sdp.SdpCodecCapability("telephone-event", 8000)]
    )
    answer = sdp.answer(G711, bob(audio))
    assert answer.session.media[0].formats == ["8", "101"]
    assert answer.session.media[1].port == 0
    audio_n, video_n = sdp.apply_answer(G711, answer.text)
    assert (audio_n.remote_address, audio_n.remote_rtp_port, audio_n.remote_rtcp_port) == ("198.51.100.7", 4000, 4001)
    assert audio_n.codec is not None and audio_n.telephone_event is not None
    assert audio_n.codec.name == "PCMA" and audio_n.telephone_event.payload_type == 101
    assert not video_n.accepted


def test_answer_to_webrtc_offer_takes_the_active_dtls_role_with_our_ice_and_fingerprint() -> None:
    audio = sdp.SdpMediaCapability(
        "audio",
        50000,
        [sdp.SdpCodecCapability("opus", 48000, channels=2)],
        protocols=["UDP/TLS/RTP/SAVPF"],
        rtcp_mux=True,
        fingerprint=sdp.SdpFingerprint("sha-256", OURS),
        ice_ufrag="bobU",
        ice_pwd="bobpasswordbobpassword",
    )
    answer = sdp.answer(WEBRTC, bob(audio))
    (n,) = sdp.apply_answer(WEBRTC, answer.text)
    # RFC 8842: actpass is answered active; rtcp-mux on both sides sends RTCP to the RTP port.
    assert n.remote_fingerprint is not None
    assert (n.remote_setup, n.remote_fingerprint.value, n.rtcp_mux) == (sdp.SdpSetup.ACTIVE, OURS, True)
    assert (n.remote_rtp_port, n.remote_rtcp_port) == (50000, 50000)
    assert answer.session.media[0].ice_ufrag == "bobU"


def test_answer_takes_the_direction_of_our_capability() -> None:
    # RFC 3264 section 6.1: to a sendrecv offer, a capability that only receives answers
    # recvonly, and the offerer is left sending only.
    pcma = [sdp.SdpCodecCapability("PCMA", 8000)]
    assert sdp.SdpMediaCapability("audio", 4000, pcma).direction == sdp.SdpDirection.SEND_RECV
    listener = sdp.SdpMediaCapability("audio", 4000, pcma, direction=sdp.SdpDirection.RECV_ONLY)
    assert (listener.direction, listener.direction.value) == (sdp.SdpDirection.RECV_ONLY, "recvonly")
    answer = sdp.answer(G711, bob(listener))
    assert answer.session.media[0].direction == sdp.SdpDirection.RECV_ONLY
    assert "a=recvonly\r\n" in answer.text
    audio_n, _ = sdp.apply_answer(G711, answer.text)
    assert audio_n.direction == sdp.SdpDirection.SEND_ONLY


def test_a_direction_by_name_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        sdp.SdpMediaCapability("audio", 4000, [sdp.SdpCodecCapability("PCMA", 8000)], direction="recvonly")  # type: ignore[arg-type]


def test_hold_then_resume_flips_the_directions_and_bumps_the_version() -> None:
    held = sdp.parse(sdp.hold(G711))
    assert held.origin.session_version == "2890844527"
    assert {m.direction for m in held.media} == {sdp.SdpDirection.SEND_ONLY}
    resumed = sdp.parse(sdp.resume(sdp.write(held)))
    assert resumed.origin.session_version == "2890844528"
    assert {m.direction for m in resumed.media} == {sdp.SdpDirection.SEND_RECV}


def test_replace_edits_wire_fields_and_write_puts_the_edit_on_the_wire() -> None:
    # A NAT fix-up: the audio goes to 203.0.113.9:5004 instead of 192.0.2.1:49170.
    s = sdp.parse(G711)
    audio = s.media[0].replace(port=5004)
    assert s.connection is not None
    moved = s.replace(media=[audio, s.media[1]], connection=s.connection.replace(address="203.0.113.9"))
    text = sdp.write(moved)
    assert "\r\nc=IN IP4 203.0.113.9\r\n" in text and "\r\nm=audio 5004 RTP/AVP 0 8 101\r\n" in text
    assert text.replace("203.0.113.9", "192.0.2.1").replace("5004", "49170") == G711
    # The original is untouched (records are frozen).
    assert s.media[0].port == 49170
    with pytest.raises(TypeError, match="codecs"):
        s.media[0].replace(codecs=[])


def test_a_line_break_smuggled_into_a_field_is_an_sdp_error_on_write() -> None:
    with pytest.raises(voipkit.SdpError, match="line 4"):
        sdp.write(sdp.parse(G711).replace(session_name="a\r\nx=1"))


def test_the_sdp_of_a_sip_invite_is_found_in_its_multipart_body() -> None:
    # samples/invite_multipart.sip (RFC 5366): SDP beside a resource list.
    samples = pathlib.Path(__file__).resolve().parents[3] / "samples"
    s = sdp.from_sip((samples / "invite_multipart.sip").read_bytes())
    assert s is not None
    assert [(m.media, m.port, m.direction.value) for m in s.media] == [("audio", 49170, "sendonly"), ("video", 51372, "recvonly")]
    assert sdp.from_sip((samples / "register.sip").read_bytes()) is None


# A desk phone's body: an empty first line and a space after `a=rtpmap:`.
PHONE = (
    "\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
    "m=audio 49170 RTP/AVP 0\r\na=rtpmap: 0 PCMU/8000\r\n"
)


def test_read_accepts_a_phones_quirks_and_lists_them_where_parse_refuses() -> None:
    with pytest.raises(voipkit.SdpError):
        sdp.parse(PHONE)
    r = sdp.read(PHONE)
    assert r.session is not None
    assert r.session.media[0].port == 49170
    assert [(d.line, d.offset, d.quirk) for d in r.diagnostics] == [
        (1, 0, "blank_lines"),
        (8, PHONE.index("a=rtpmap"), "space_after_attribute_colon"),
    ]


@pytest.mark.parametrize("text", ["", "\r\n \r\n\t\r\n"])
def test_read_of_an_empty_body_is_no_session_with_its_diagnostic(text: str) -> None:
    # The empty body of a REGISTER from a web client, declared application/sdp.
    r = sdp.read(text)
    assert r.session is None
    assert [(d.line, d.offset, d.quirk) for d in r.diagnostics] == [(0, 0, "empty_body")]
    with pytest.raises(voipkit.SdpError):
        sdp.parse(text)


# iTunes: a link-local IPv6 address after `c=IN IP4`.
ITUNES = (
    "v=0\r\no=iTunes 3413821438 0 IN IP4 fe80::217:f2ff:fe0f:e0f6\r\ns=iTunes\r\n"
    "c=IN IP4 fe80::5a55:caff:fe1a:e187\r\nt=0 0\r\nm=audio 0 RTP/AVP 96\r\n"
)


def test_read_keeps_an_ipv6_address_after_ip4_and_names_the_quirk() -> None:
    with pytest.raises(voipkit.SdpError, match="not an IPv4 address"):
        sdp.parse(ITUNES)
    r = sdp.read(ITUNES)
    assert r.session is not None
    assert r.session.connection is not None
    assert r.session.connection.address == "fe80::5a55:caff:fe1a:e187"
    assert [(d.line, d.offset, d.quirk) for d in r.diagnostics] == [
        (2, ITUNES.index("o=iTunes"), "address_type_mismatch"),
        (4, ITUNES.index("c=IN"), "address_type_mismatch"),
    ]


GB28181_INVITE = (
    "v=0\r\no=34020000002000000001 0 0 IN IP4 192.0.2.3\r\ns=Play\r\n"
    "c=IN IP4 192.0.2.3\r\nt=0 0\r\nm=video 6000 RTP/AVP 96\r\n"
    "a=recvonly\r\na=rtpmap:96 PS/90000\r\ny=0100008888\r\n"
)


def test_read_keeps_gb28181_lines_and_write_gives_them_back() -> None:
    with pytest.raises(voipkit.SdpError, match="unknown line type `y=`"):
        sdp.parse(GB28181_INVITE)
    r = sdp.read(GB28181_INVITE)
    assert r.session is not None
    s = r.session
    assert (s.gb28181_ssrc, s.gb28181_format, s.gb28181_rtp_ssrc) == ("0100008888", None, 100_008_888)
    assert [(d.line, d.quirk) for d in r.diagnostics] == [(9, "gb28181_lines")]
    assert sdp.write(s) == GB28181_INVITE
    # The camera's answer: its own SSRC and the media parameters.
    answer = s.replace(gb28181_ssrc="0100008889", gb28181_format="v/2/5/25/1/4096a///")
    assert sdp.write(answer).endswith("y=0100008889\r\nf=v/2/5/25/1/4096a///\r\n")
    with pytest.raises(voipkit.SdpError, match="`f=`"):
        sdp.write(s.replace(gb28181_format="H264"))


def test_descriptions_splits_concatenated_sessions_so_each_reads() -> None:
    one = "v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
    two = "v=0\no=b 2 2 IN IP4 192.0.2.2\ns=-\nt=0 0\n"
    parts = sdp.descriptions(one + two)
    assert parts == [one, two]
    assert [sdp.parse(p).origin.username for p in parts] == ["a", "b"]
    r = sdp.read(one + two)
    assert r.session is not None and r.session.origin.username == "a"
    assert [(d.line, d.quirk) for d in r.diagnostics] == [(5, "concatenated_descriptions")]
    assert sdp.descriptions(one) == [one]
    assert sdp.descriptions("") == [""]


INFO_BODY = (
    "a=ice-pwd:asd88fgpdd777uzjYhagZg\r\na=ice-ufrag:8hhY\r\nm=audio 5000 RTP/AVP 0\r\n"
    "a=mid:1\r\na=candidate:1 1 UDP 1658497328 192.0.2.3 5000 typ host\r\n"
    "a=end-of-candidates\r\n"
)


def test_a_trickle_ice_fragment_reads_types_its_candidates_and_writes_back() -> None:
    f = sdp.parse_fragment(INFO_BODY)
    assert (f.ice_ufrag, f.ice_pwd) == ("8hhY", "asd88fgpdd777uzjYhagZg")
    m = f.media[0]
    assert (m.media, m.port, m.mid) == ("audio", 5000, "1")
    assert [(c.address, c.port) for c in m.candidates] == [("192.0.2.3", 5000)]
    assert sdp.write_fragment(f) == INFO_BODY
    # A WHIP client's PATCH: the fragment with the next candidate and LF line ends.
    more = m.replace(attributes=[m.attributes[0], sdp.SdpAttribute(name="candidate", value="2 1 UDP 1658497328 198.51.100.33 5000 typ srflx raddr 192.0.2.3 rport 5000")])
    patch = sdp.write_fragment(f.replace(media=[more], crlf=False))
    assert patch.endswith("a=mid:1\na=candidate:2 1 UDP 1658497328 198.51.100.33 5000 typ srflx raddr 192.0.2.3 rport 5000\n")
    with pytest.raises(voipkit.SdpError, match="trickle-ICE fragment"):
        sdp.parse_fragment("v=0\r\n" + INFO_BODY)
    r = sdp.read_fragment("\r\n" + INFO_BODY)
    assert r.fragment == f
    assert [(d.line, d.quirk) for d in r.diagnostics] == [(1, "blank_lines")]
    # A section without the a=mid RFC 8840 requires in each: kept by the tolerant
    # reading and reported at its m= line, refused strictly and when written.
    unnamed = INFO_BODY.replace("a=mid:1\r\n", "")
    with pytest.raises(voipkit.SdpError, match="without `a=mid`"):
        sdp.parse_fragment(unnamed)
    r = sdp.read_fragment(unnamed)
    assert r.fragment.media[0].mid is None
    assert [(d.line, d.quirk) for d in r.diagnostics] == [(3, "missing_mid")]
    with pytest.raises(voipkit.SdpError, match="without `a=mid`"):
        sdp.write_fragment(r.fragment)


def test_an_aes67_packet_time_of_125_microseconds_is_read_exactly() -> None:
    text = (
        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=AES67\r\nt=0 0\r\n"
        "m=audio 5004 RTP/AVP 96\r\na=rtpmap:96 L24/48000/2\r\na=ptime:0.125\r\n"
    )
    m = sdp.parse(text).media[0]
    assert (m.ptime, m.packet_time_ns) == (None, 125_000)
    whole = sdp.parse(text.replace("0.125", "20")).media[0]
    assert (whole.ptime, whole.packet_time_ns) == (20, 20_000_000)
    with pytest.raises(voipkit.SdpError, match="ptime"):
        sdp.parse(text.replace("0.125", "0"))


def test_sip_parse_reads_the_body_sdp_and_places_its_quirks_in_the_message() -> None:
    head = (
        "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
        "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\n"
        "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
    )
    message = f"{head}Content-Length: {len(PHONE)}\r\n\r\n{PHONE}".encode()
    m = voipkit.sip.parse(message)
    assert m.sdp is not None and m.sdp.media[0].port == 49170
    assert m.sdp_error is None
    assert [(d.place, d.line, d.offset, d.quirk) for d in m.diagnostics] == [
        ("body", 1, message.index(b"\r\n\r\n") + 4, "blank_lines"),
        ("body", 8, message.index(b"a=rtpmap"), "space_after_attribute_colon"),
    ]
    broken = f"{head}Content-Length: 5\r\n\r\nv=1\r\n".encode()
    m = voipkit.sip.parse(broken)
    assert m.sdp is None and m.sdp_error is not None and "line 1" in m.sdp_error
    assert m.call_id == "c1"


def test_from_sip_reads_a_phones_body_tolerantly_unless_asked_to_be_strict() -> None:
    head = (
        "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
        "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\n"
        "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
    )
    message = f"{head}Content-Length: {len(PHONE)}\r\n\r\n{PHONE}".encode()
    s = sdp.from_sip(message)
    assert s is not None and [c.name for c in s.media[0].codecs] == ["PCMU"]
    with pytest.raises(voipkit.SdpError) as caught:
        sdp.from_sip(message, lenient=False)
    assert caught.value.line == 1  # the blank line before v=0
    # An empty body announced as SDP is no SDP when read tolerantly.
    empty = f"{head}Content-Length: 0\r\n\r\n".encode()
    assert sdp.from_sip(empty) is None
    with pytest.raises(voipkit.SdpError):
        sdp.from_sip(empty, lenient=False)


def test_a_data_channel_is_answered_by_an_ice_lite_gateway_with_its_candidate() -> None:
    # RFC 8841: the browser's data channel section is answered with our SCTP port and
    # message size; RFC 8839: our candidate follows our ICE credentials.
    offer = (DATA / "offer_datachannel.sdp").read_bytes().decode()
    data = sdp.SdpMediaCapability(
        "application",
        40000,
        [],
        sctp_port=5000,
        max_message_size=65536,
        fingerprint=sdp.SdpFingerprint("sha-256", OURS),
        ice_ufrag="bobU",
        ice_pwd="bobpasswordbobpassword",
        candidates=["candidate:1 1 udp 2130706431 198.51.100.7 40000 typ host"],
    )
    caps = sdp.SdpCapabilities("bob", "198.51.100.7", [data], ice_lite=True)
    answer = sdp.answer(offer, caps)
    (m,) = answer.session.media
    assert (m.port, m.protocol, m.formats) == (40000, "UDP/DTLS/SCTP", ["webrtc-datachannel"])
    assert (m.sctp_port, m.max_message_size, answer.session.ice_lite) == (5000, 65536, True)
    (n,) = sdp.apply_answer(offer, answer.text)
    assert (n.accepted, n.remote_sctp_port, n.remote_max_message_size) == (True, 5000, 65536)
    assert [(c.address, c.port, c.kind) for c in n.remote_candidates] == [("198.51.100.7", 40000, "host")]
    bad = sdp.SdpMediaCapability("application", 40000, [], sctp_port=5000, candidates=["candidate:1 1 udp"])
    with pytest.raises(voipkit.SdpError, match="candidate"):
        sdp.answer(offer, sdp.SdpCapabilities("bob", "198.51.100.7", [bad]))


def test_our_offer_is_answered_and_applied() -> None:
    # PCMA keeps its static number 8; telephone-event gets the first dynamic one, 96.
    ours = sdp.SdpMediaCapability(
        "audio", 4000, [sdp.SdpCodecCapability("PCMA", 8000), sdp.SdpCodecCapability("telephone-event", 8000)]
    )
    offer = sdp.offer(bob(ours))
    assert offer.session.media[0].formats == ["8", "96"]
    assert "a=rtpmap:96 telephone-event/8000\r\n" in offer.text
    peer = sdp.SdpMediaCapability("audio", 5000, [sdp.SdpCodecCapability("PCMA", 8000)])
    answer = sdp.answer(offer.text, bob(peer))
    (n,) = sdp.apply_answer(offer.text, answer.text)
    assert n.codec is not None
    assert (n.remote_rtp_port, n.codec.payload_type, n.telephone_event) == (5000, 8, None)
    with pytest.raises(voipkit.SdpError, match="without codecs"):
        sdp.offer(bob(sdp.SdpMediaCapability("audio", 4000, [])))


def test_an_sfu_capability_receives_the_offered_simulcast() -> None:
    # A browser's simulcast video: two RTP streams, h and l (RFC 8851, RFC 8853).
    offer = (
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 RTP/AVP 96\r\n"
        "c=IN IP4 192.0.2.1\r\na=sendonly\r\na=rtpmap:96 VP8/90000\r\n"
        "a=rid:h send\r\na=rid:l send\r\na=simulcast:send h;l\r\n"
    )
    sfu = sdp.SdpMediaCapability("video", 50000, [sdp.SdpCodecCapability("VP8", 90000)], simulcast=True)
    answer = sdp.answer(offer, bob(sfu))
    assert "a=rid:h recv\r\na=rid:l recv\r\na=simulcast:recv h;l\r\n" in answer.text
    (n,) = sdp.apply_answer(offer, answer.text)
    assert n.simulcast_rids == ["h", "l"]
    # Without it, one stream.
    plain = sdp.SdpMediaCapability("video", 50000, [sdp.SdpCodecCapability("VP8", 90000)])
    (n,) = sdp.apply_answer(offer, sdp.answer(offer, bob(plain)).text)
    assert n.simulcast_rids == []
