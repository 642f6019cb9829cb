"""The SIP surface from Python: bytes in, plain objects out, SipError with the offset."""

import pytest

import voipkit
from voipkit import sip

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
    with pytest.raises(ValueError):
        sip.parse(b"INVITE sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n")


def test_a_bad_from_tag_is_a_diagnostic_and_the_rest_still_reads() -> None:
    # A `^` in the tag (seen from Pingtel phones) is not a token character.
    bad = INVITE.replace(b";tag=1928301774", b";tag=7618c7618^")
    m = sip.parse(bad)
    assert m.from_address is None
    assert m.call_id == "a84b4c76e66710@pc33.atlanta.example.com"
    (d,) = m.diagnostics
    assert (d.place, d.header_index) == ("header", 4)
    assert d.offset == bad.index(b"^")  # the byte at fault
    assert "From" in d.reason


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
