"""The SIP surface from Python: bytes in, plain objects out, SipError with the offset."""

import base64
import datetime
import pathlib

import pytest

import voipkit
from voipkit import sip

ROOT = pathlib.Path(__file__).resolve().parents[3]

INVITE = (
    b"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    b"Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds\r\n"
    b"v: SIP/2.0/TCP [2001:db8::1];branch=z9hG4bKnashds8\r\n"
    b"Max-Forwards: 70\r\n"
    b"To: Bob <sip:bob@biloxi.example.com>\r\n"
    b'f: "Alice A." <sip:alice@atlanta.example.com>;tag=1928301774\r\n'
    b"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
    b"CSeq: 314159 INVITE\r\n"
    b"Content-Type: application/sdp\r\n"
    b"Content-Length: 4\r\n"
    b"\r\n"
    b"v=0\n"
)


def test_parse_gives_typed_headers_in_wire_order() -> None:
    m = sip.parse(INVITE)
    assert m.is_request and m.method == "INVITE" and m.status is None
    assert m.request_uri == "sip:bob@biloxi.example.com"
    assert [h.name for h in m.headers][:3] == ["Via", "v", "Max-Forwards"]
    assert (m.cseq_seq, m.cseq_method) == (314159, "INVITE")
    assert m.from_address is not None and m.to_address is not None
    assert m.from_address.display_name == "Alice A."
    assert m.from_address.tag == "1928301774"
    assert m.to_address.tag is None
    assert [(v.transport, v.host, v.port) for v in m.via] == [
        ("UDP", "pc33.atlanta.example.com", 5060),
        ("TCP", "[2001:db8::1]", None),
    ]
    assert (m.content_type, m.content_length, m.body_len) == ("application/sdp", 4, 4)


def test_an_info_gives_its_trickled_candidates() -> None:
    # RFC 8840's INFO: the fragment, not a session; a section without its a=mid is read
    # and noted with its place in the message.
    frag = (
        b"a=ice-ufrag:8hhY\r\nm=audio 5000 RTP/AVP 0\r\na=mid:1\r\n"
        b"a=candidate:1 1 UDP 1658497328 192.0.2.3 5000 typ host\r\n"
    )
    head = (
        b"INFO sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK74bf9\r\n"
        b"To: <sip:alice@example.com>;tag=1234\r\nFrom: <sip:bob@example.com>;tag=5678\r\n"
        b"Call-ID: 3848276298220188511@example.com\r\nCSeq: 2 INFO\r\nMax-Forwards: 70\r\n"
        b"Info-Package: trickle-ice\r\nContent-Type: application/trickle-ice-sdpfrag\r\n"
    )
    m = sip.parse(head + b"Content-Length: %d\r\n\r\n" % len(frag) + frag)
    assert (m.sdp, m.sdp_error) == (None, None)
    assert m.sdp_fragment is not None
    assert m.sdp_fragment.ice_ufrag == "8hhY"
    assert [(c.address, c.port) for c in m.sdp_fragment.media[0].candidates] == [("192.0.2.3", 5000)]
    unnamed = frag.replace(b"a=mid:1\r\n", b"")
    data = head + b"Content-Length: %d\r\n\r\n" % len(unnamed) + unnamed
    m = sip.parse(data)
    assert m.sdp_fragment is not None and m.sdp_fragment.media[0].mid is None
    at = data.index(b"m=audio")
    assert [(d.place, d.offset, d.quirk) for d in m.diagnostics] == [("body", at, "missing_mid")]


def test_check_flags_a_cseq_method_mismatch_with_its_offset() -> None:
    bad = INVITE.replace(b"CSeq: 314159 INVITE", b"CSeq: 314159 OPTIONS")
    verdicts = sip.check_many([INVITE, bad])
    assert verdicts[0].valid and verdicts[0].offset is None
    assert not verdicts[1].valid
    # The offset points at the CSeq value.
    assert verdicts[1].offset == bad.index(b"CSeq: ") + len("CSeq: ")
    assert verdicts[1].reason is not None and "CSeq" in verdicts[1].reason


def test_garbage_raises_sip_error_which_is_a_value_error() -> None:
    with pytest.raises(voipkit.SipError) as caught:
        sip.parse(b"\x00\x01 not sip\r\n\r\n")
    # The start line is not SIP: a syntax error at its first byte.
    assert (caught.value.kind, caught.value.offset, caught.value.line) == ("syntax", 0, None)
    assert caught.value.reason and caught.value.reason in str(caught.value)
    # A negative Content-Length: strictly the message cannot be framed; the default
    # reading takes the datagram's end as the body's and reports the header.
    negative = b"INVITE sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n"
    with pytest.raises(ValueError):
        sip.parse(negative, lenient=False)
    m = sip.parse(negative)
    assert (m.content_length, m.body_len) == (None, 0)
    assert ("header", negative.index(b"-1")) in [(d.place, d.offset) for d in m.diagnostics]


def test_a_bad_from_tag_is_a_diagnostic_and_the_rest_still_reads() -> None:
    # A `^` in the tag (seen from Pingtel phones) is not a token character.
    bad = INVITE.replace(b";tag=1928301774", b";tag=7618c7618^")
    strict = sip.parse(bad, lenient=False)
    assert strict.from_address is None
    assert strict.call_id == "a84b4c76e66710@pc33.atlanta.example.com"
    # Read by default as the phone meant it; the diagnostic is what a check reports.
    m = sip.parse(bad)
    assert m.from_address is not None and m.from_address.tag == "7618c7618^"
    for read in (strict, m):
        (d,) = read.diagnostics
        assert (d.place, d.header_index) == ("header", 4)
        assert d.offset == bad.index(b"^")  # the byte at fault
        assert "From" in d.reason


def test_a_caller_name_in_latin_1_keeps_the_address_and_tag() -> None:
    # "Müller" as older phones and PBXes send it: ü is the single byte 0xFC, not UTF-8.
    latin1 = INVITE.replace(b'"Alice A."', b'"M\xfcller"')
    # Strictly the header is not UTF-8; the default reading is tolerant.
    assert sip.parse(latin1, lenient=False).from_address is None
    m = sip.parse(latin1)
    assert m.from_address is not None
    assert m.from_address.uri == "sip:alice@atlanta.example.com"
    assert m.from_address.tag == "1928301774"
    assert m.from_address.display_name is None
    (d,) = m.diagnostics
    assert (d.place, d.header_index) == ("header", 4)
    assert d.offset == latin1.index(b"\xfc")
    # A strict check still refuses the message.
    assert not sip.check(latin1).valid


def test_parse_reads_like_the_cli_and_splits_strictly_on_request() -> None:
    # A capture saved as a text file: LF line ends. Read by default, as `voipkit sip
    # parse` reads it; refused at the first line end when asked to be strict.
    lf = INVITE.replace(b"\r\n", b"\n")
    m = sip.parse(lf)
    assert m.call_id == "a84b4c76e66710@pc33.atlanta.example.com"
    with pytest.raises(voipkit.SipError) as caught:
        sip.parse(lf, lenient=False)
    assert caught.value.offset == lf.index(b"\n")
    # A check stays strict.
    assert not sip.check(lf).valid


def test_bytes_after_the_body_are_counted_not_parsed() -> None:
    assert sip.parse(INVITE + b"\r\n").trailing_bytes == 2


def test_uris_are_taken_apart() -> None:
    u = sip.parse_uri("sip:alice@atlanta.example.com:5060;transport=tcp;lr?subject=x")
    assert (u.scheme, u.user, u.host, u.port) == ("sip", "alice", "atlanta.example.com", 5060)
    assert [(p.name, p.value) for p in u.params] == [("transport", "tcp"), ("lr", None)]
    assert [(h.name, h.value) for h in u.headers] == [("subject", "x")]
    t = sip.parse_uri("tel:+1-201-555-0123;ext=1234")
    assert (t.number, t.host) == ("+1-201-555-0123", None)
    with pytest.raises(voipkit.SipError) as caught:
        sip.parse_uri("sip:alice@my_host.example.com")
    assert caught.value.offset is not None
    assert sip.parse_uri("sip:alice@my_host.example.com", lenient=True).host == "my_host.example.com"


def test_a_request_built_from_python_is_valid_and_answered_as_rfc_3261_says() -> None:
    headers = [
        sip.SipHeader("Via", "SIP/2.0/UDP pc.example.com;branch=z9hG4bK77"),
        sip.SipHeader("Max-Forwards", "70"),
        sip.SipHeader("From", "<sip:alice@example.com>;tag=88"),
        sip.SipHeader("To", "<sip:bob@example.com>"),
        sip.SipHeader("Call-ID", "a84b4c76e66710"),
        sip.SipHeader("CSeq", "1 INVITE"),
        sip.SipHeader("Contact", "<sip:alice@pc.example.com>"),
    ]
    sdp = b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
    invite = sip.build_request("INVITE", "sip:bob@example.com", headers, sdp)
    assert sip.check(invite).valid
    info = sip.parse(invite)
    assert (info.content_type, info.content_length, info.body_len) == ("application/sdp", len(sdp), len(sdp))
    assert info.sdp is not None
    ringing = sip.parse(sip.response_to(invite, 180, "Ringing", to_tag="bobtag"))
    # 8.2.6: Via, From, Call-ID and CSeq copied, a To tag added, no body.
    assert (ringing.status, ringing.call_id, ringing.cseq_seq) == (180, "a84b4c76e66710", 1)
    assert ringing.to_address is not None and ringing.to_address.tag == "bobtag"
    assert [v.branch for v in ringing.via] == ["z9hG4bK77"]
    assert ringing.content_length == 0


def test_headers_and_bodies_are_edited_in_place_and_the_result_still_checks() -> None:
    invite = INVITE
    edited = sip.set_header(invite, "Max-Forwards", "69")
    assert [h.value for h in sip.parse(edited).headers if h.name == "Max-Forwards"] == ["69"]
    with_more = sip.add_header(edited, "X-Account", "4711")
    assert sip.parse(with_more).headers[-1] == sip.SipHeader("X-Account", "4711")
    no_via = sip.remove_header(with_more, "v")  # the compact name removes every Via
    assert sip.parse(no_via).via == []
    emptied = sip.set_body(invite, b"")
    assert sip.parse(emptied).content_length == 0 and sip.check(emptied).valid
    with pytest.raises(voipkit.SipError) as bad:
        sip.set_header(invite, "X-Evil", "a\r\nInjected: yes")
    assert bad.value.kind == "syntax"
    with pytest.raises(voipkit.SipError):
        sip.build_request("IN VITE", "sip:bob@example.com", [])


def test_parse_gives_the_carrier_headers_of_a_forwarded_call() -> None:
    """The sample of a call forwarded between carriers (samples/invite_forwarded.sip):
    who diverted it and why, and the STIR/SHAKEN PASSporTs its Identity headers carry."""
    from pathlib import Path

    sample = Path(__file__).resolve().parents[3] / "samples" / "invite_forwarded.sip"
    m = sip.parse(sample.read_bytes())
    assert m.diagnostics == []
    assert [a.uri for a in m.asserted_identity] == [
        "sip:+31207654321@carrier-a.example;user=phone"
    ]
    assert m.privacy == ["none"]
    [d] = m.diversions
    assert (d.uri, d.reason, d.counter, d.privacy, d.screen) == (
        "sip:+31201234567@carrier-b.example;user=phone",
        "no-answer",
        1,
        "off",
        "yes",
    )
    assert [h.index for h in m.history_info] == ["1", "1.1"]
    timeout = m.history_info[1]
    assert (timeout.reason_protocol, timeout.reason_cause, timeout.reason_text) == (
        "SIP",
        408,
        "Request Timeout",
    )
    assert m.attest == "A"
    shaken, div = m.identities
    assert shaken.info == "https://cert.carrier-a.example/shaken.pem"
    assert shaken.passport is not None and shaken.passport_error is None
    assert shaken.passport.attest == "A"
    assert shaken.passport.orig is not None and shaken.passport.orig.tn == "31207654321"
    assert [p.tn for p in shaken.passport.dest] == ["31201234567"]
    # 2026-12-05T12:00:00Z: 20792 days and 12 hours after 1970.
    assert shaken.passport.iat == 20792 * 86400 + 12 * 3600
    assert div.ppt == "div" and div.passport is not None
    assert [p.tn for p in div.passport.div] == ["31201234567"]
    assert div.passport.attest is None
    cv = m.charging_vector
    assert cv is not None
    assert (cv.icid, cv.orig_ioi, cv.term_ioi) == (
        "carrier-a.example-1796472000-41",
        "carrier-a.example",
        None,
    )
    # A PASSporT that does not decode says why; the header's other fields still read.
    bad = sample.read_bytes().replace(b"Identity: eyJ", b"Identity: e+J", 1)
    first = sip.parse(bad).identities[0]
    assert first.passport is None
    assert first.passport_error == "header is not base64url at byte 1"
    assert first.ppt == "shaken"


def test_capture_messages_gives_each_sip_message_with_where_it_was() -> None:
    # An INVITE over TCP in three segments (put back together at the last, frame 5)
    # and its 200 in one segment; RTP packets in between are not SIP.
    capture = (ROOT / "capture/tests/data/tcp/volte-invite-three-segments.pcap").read_bytes()
    messages = sip.capture_messages(capture)
    assert [(m.frame, m.transport, m.src, m.dst) for m in messages] == [
        (5, "tcp", "192.0.2.1:5060", "192.0.2.9:5060"),
        (6, "tcp", "192.0.2.9:5060", "192.0.2.1:5060"),
    ]
    assert messages[0].time == datetime.datetime(2023, 11, 14, 22, 13, 20, 80000, tzinfo=datetime.timezone.utc)
    invite = sip.parse(messages[0].message)
    assert (invite.method, invite.call_id, invite.content_length) == ("INVITE", "volte1", invite.body_len)
    assert invite.content_length is not None and invite.content_length > 0
    assert sip.check(messages[1].message).valid
    # The sample call over UDP: INVITE, 200, ACK, BYE, 200.
    sample = sip.capture_messages((ROOT / "samples/call.pcap").read_bytes())
    assert [m.frame for m in sample] == [1, 2, 3, 301, 302]
    assert all(m.transport == "udp" for m in sample)
    # A WebRTC call over SIP over WebSocket: each message unmasked from its frames.
    webrtc = (ROOT / "capture/tests/data/tcp/webrtc-sip-over-websocket.pcap").read_bytes()
    ws = sip.capture_messages(webrtc)
    assert [(m.frame, m.transport, m.src) for m in ws] == [
        (4, "ws", "192.0.2.1:50000"),
        (6, "ws", "192.0.2.9:8080"),
    ]
    assert sip.parse(ws[0].message).method == "INVITE"
    # Mirrored over VXLAN: the SIP inside the tunnel, at the tunnel's frames.
    mirrored = (ROOT / "capture/tests/data/tunnel/call-mirrored-over-vxlan.pcap").read_bytes()
    assert [m.frame for m in sip.capture_messages(mirrored)] == [1, 2, 3, 21, 22]
    # On a Homer collector: each message out of its HEP packet, at the agent's addresses
    # and time; a compressed payload inflated (a REGISTER over TCP).
    hep = sip.capture_messages((ROOT / "capture/tests/data/hep/call-over-hep3.pcap").read_bytes())
    assert [(m.time, m.src, m.dst, m.message) for m in hep] == [
        (m.time, m.src, m.dst, m.message) for m in sample
    ]
    # Each with the agent that sent it (a message captured itself has none).
    assert {(m.agent_id, m.agent_name) for m in hep} == {(2001, "sbc-edge-1")}
    assert {(m.agent_id, m.agent_name) for m in sample} == {(None, None)}
    compressed = (ROOT / "capture/tests/data/hep/captagent-compressed-register.pcapng").read_bytes()
    register = sip.capture_messages(compressed)[0]
    assert (register.transport, register.src) == ("tcp", "192.168.137.1:54345")
    assert (register.agent_id, register.agent_name) == (228, None)
    assert sip.parse(register.message).method == "REGISTER"
    with pytest.raises(voipkit.RtpError):
        sip.capture_messages(b"not a capture")


STIR = ROOT / "sip-core" / "tests" / "data" / "stir"


def _signed_invite(date: str, *tokens: str, to: str = "+12155551213") -> bytes:
    identities = "".join(
        f"Identity: {t};info=<https://cert.example.org/passport.pem>\r\n" for t in tokens
    )
    return (
        "INVITE sip:+12155551213@example.com SIP/2.0\r\n"
        "Call-ID: stir-py\r\n"
        "From: <sip:+12155551212@example.com>;tag=1\r\n"
        f"To: <sip:{to}@example.com>\r\n"
        f"Date: {date}\r\n"
        f"{identities}\r\n"
    ).encode()


def test_identity_headers_verify_with_the_signing_certificate() -> None:
    cert = sip.SipSigningCertificate.from_pem((STIR / "cert.pem").read_text())
    assert "CN=SHAKEN 1234" in cert.subject
    assert cert.not_before < cert.not_after
    # Signed by PyJWT at 17:59:34 (sign.py); the message is dated 20 s later.
    token = (STIR / "shaken-a.token").read_text().strip()
    v = cert.verify(_signed_invite("Sun, 06 Dec 2026 17:59:54 GMT", token))
    assert v.verified and v.date == datetime.datetime(2026, 12, 6, 17, 59, 54, tzinfo=datetime.UTC)
    [check] = v.identities
    assert (check.index, check.verified, check.age_seconds, check.fresh) == (0, True, 20, True)
    assert check.passport is not None and check.passport.attest == "A"
    assert (check.orig_matches, check.dest_matches) == (True, True)
    # The same PASSporT on a call to another number: it verifies, the call does not.
    elsewhere = cert.verify(_signed_invite("Sun, 06 Dec 2026 17:59:54 GMT", token, to="+12155559999"))
    assert elsewhere.identities[0].verified and elsewhere.identities[0].dest_matches is False
    assert not elsewhere.verified
    # Too old for a limit of ten seconds; forged (one claim changed) does not verify.
    assert not cert.verify(_signed_invite("Sun, 06 Dec 2026 17:59:54 GMT", token), 10).verified
    head, claims, signature = token.split(".")
    raised = base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)).replace(
        b'"attest":"A"', b'"attest":"B"'
    )
    forged = f"{head}.{base64.urlsafe_b64encode(raised).decode().rstrip('=')}.{signature}"
    v = cert.verify(_signed_invite("Sun, 06 Dec 2026 17:59:54 GMT", forged))
    assert not v.verified
    [check] = v.identities
    assert check.error_kind == "signature" and check.error is not None
    # What does not verify is still decoded, to be shown.
    assert check.passport is not None and check.passport.attest == "B"


def test_a_certificate_that_cannot_sign_passports_is_refused() -> None:
    with pytest.raises(voipkit.SipError, match="P-256"):
        sip.SipSigningCertificate.from_pem((STIR / "rsa-cert.pem").read_text())
    with pytest.raises(voipkit.SipError, match="no PEM certificate"):
        sip.SipSigningCertificate.from_pem("not a certificate")
