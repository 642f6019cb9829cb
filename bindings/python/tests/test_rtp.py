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
    assert (back.packets, back.lost, back.discovery) == (147, 3, "sdp")
    assert back.max_delta_ms == pytest.approx(62.947, abs=0.001)
    assert back.mean_jitter_ms == pytest.approx(6.032, abs=0.001)
    assert back.max_jitter_ms == pytest.approx(10.240, abs=0.001)
    forth = streams[0x5EEDA11C]
    assert (forth.packets, forth.lost) == (150, 0)
    assert forth.mos is not None and back.mos is not None and forth.mos > back.mos
