"""The RTP surface from Python."""

import pathlib
import struct

import pytest

import voipkit
from voipkit import rtp

SAMPLE = pathlib.Path(__file__).resolve().parents[3] / "samples" / "call.pcap"


def test_parse_reads_the_fixed_header_and_csrcs() -> None:
    # V=2, CC=1, M=1, PT=8, seq 65535, ts 160, SSRC 0x5EEDA11C, one CSRC, 3 payload bytes.
    packet = struct.pack("!BBHII", 0x81, 0x88, 65535, 160, 0x5EEDA11C) + struct.pack("!I", 7) + b"abc"
    h = rtp.parse(packet)
    assert (h.marker, h.payload_type, h.sequence_number, h.timestamp) == (True, 8, 65535, 160)
    assert (h.ssrc, h.csrcs, h.payload_offset, h.payload_len) == (0x5EEDA11C, [7], 16, 3)


def test_a_truncated_packet_raises_rtp_error() -> None:
    with pytest.raises(voipkit.RtpError):
        rtp.parse(b"\x80\x08\x00")


def test_sample_capture_matches_wiresharks_rtp_streams() -> None:
    # Figures as `tshark -q -z rtp,streams` prints them for samples/call.pcap.
    streams = {s.ssrc: s for s in rtp.analyze_capture(SAMPLE.read_bytes())}
    back = streams[0x0B0B0B0B]
    assert (back.packets, back.lost, back.discovery) == (147, 3, rtp.StreamDiscovery.SDP)
    assert back.max_delta_ms == pytest.approx(62.947, abs=0.001)
    assert back.mean_jitter_ms == pytest.approx(6.032, abs=0.001)
    assert back.max_jitter_ms == pytest.approx(10.240, abs=0.001)
    forth = streams[0x5EEDA11C]
    assert (forth.packets, forth.lost) == (150, 0)
    assert forth.mos is not None and back.mos is not None and forth.mos > back.mos


def test_a_compound_rtcp_packet_reads_packet_by_packet() -> None:
    # RR (RFC 3550 6.4.2) from 0x11111111 with no report block, then SDES with CNAME "bob".
    rr = bytes([0x80, 201, 0, 1]) + (0x11111111).to_bytes(4, "big")
    # SDES: header, SSRC, CNAME item (type 1, length 3), END, padding to 16 bytes: length 3.
    sdes = bytes([0x81, 202, 0, 3]) + (0x11111111).to_bytes(4, "big") + bytes([1, 3]) + b"bob" + bytes(3)
    packets = rtp.parse_rtcp(rr + sdes)
    assert [(p.kind, p.packet_type, p.ssrc) for p in packets] == [("rr", 201, 0x11111111), ("sdes", 202, 0)]
    assert [(c.ssrc, c.cname) for c in packets[1].cnames] == [(0x11111111, "bob")]
    with pytest.raises(voipkit.RtpError) as caught:
        rtp.parse_rtcp(sdes)
    assert (caught.value.kind, caught.value.offset) == ("malformed", 1)


def test_receiver_statistics_count_as_rfc_3550_says() -> None:
    # Packets 10, 11, 12, 14, 20 ms and 160 timestamp units apart: probation takes 10,
    # so 11..14 are expected (4), 3 received, 1 lost; the report block says 64/256.
    stats = rtp.RtpReceiverStats(0xABCD, 8000)
    verdicts = stats.update_many([rtp.RtpReception(s, 160 * s, 20_000 * s) for s in (10, 11, 12)])
    assert verdicts == [rtp.SeqVerdict.PROBATION, rtp.SeqVerdict.VALID, rtp.SeqVerdict.VALID]
    assert stats.update(14, 160 * 14, 20_000 * 14) == rtp.SeqVerdict.VALID
    s = stats.snapshot()
    assert (s.expected, s.received, s.lost) == (4, 3, 1)
    block = stats.report_block(0, 0)
    assert (block.fraction_lost, block.cumulative_lost, block.extended_highest_seq) == (64, 1, 14)
    with pytest.raises(voipkit.RtpError) as caught:
        rtp.RtpReceiverStats(1, 0)
    assert caught.value.kind == "out_of_range"
