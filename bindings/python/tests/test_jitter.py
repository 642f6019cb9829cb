"""The jitter buffer from Python: RTP datagrams in, frames out, times in microseconds."""

import pathlib
import struct

import pytest

import voipkit
from voipkit import rtp

MS = 1000


def datagram(seq: int, pt: int = 0, marker: bool = False, ssrc: int = 0x11223344) -> bytes:
    """V=2, 160 samples (20 ms at 8 kHz) per packet, a payload naming the sequence number."""
    return struct.pack("!BBHII", 0x80, pt | (0x80 if marker else 0), seq, seq * 160, ssrc) + struct.pack("!H", seq)


def fixed_40ms() -> rtp.JitterBuffer:
    return rtp.JitterBuffer(rtp.JitterBufferConfig(fixed_delay_ms=40, start_delay_ms=0))


def test_frames_play_a_fixed_delay_after_their_timestamp_and_a_missing_one_is_concealed() -> None:
    # Worked by hand (no start-up margin): seq i arrives at 20*i ms without jitter, the target is a fixed 40 ms,
    # a pop 5 ms after each arrival. The first frame plays once it is 40 ms old (the pop at
    # 45 ms); then the pop at 20*i + 5 ms plays seq i - 2. Seq 5 is missing at its slot
    # (145 ms): concealed with its timestamp 5 x 160 = 800; once seq 6 has played (165 ms),
    # seq 5 arriving at 170 ms is late.
    jb = fixed_40ms()
    slots = []
    for i in range(11):
        if i != 5:
            assert jb.push(datagram(i, marker=i == 0), i * 20 * MS) == rtp.JitterPushOutcome.ACCEPTED
        out = jb.pop(i * 20 * MS + 5 * MS)
        slots.append((out.kind, [f.seq for f in out.frames], out.conceal_timestamp))
        if i == 8:
            assert jb.push(datagram(5), 170 * MS) == rtp.JitterPushOutcome.LATE
    K = rtp.PlayoutKind
    assert slots == [
        (K.NOTHING, [], None),
        (K.NOTHING, [], None),
        (K.FRAME, [0], None),
        (K.FRAME, [1], None),
        (K.FRAME, [2], None),
        (K.FRAME, [3], None),
        (K.FRAME, [4], None),
        (K.CONCEAL, [], 800),
        (K.FRAME, [6], None),
        (K.FRAME, [7], None),
        (K.FRAME, [8], None),
    ]
    s = jb.stats()
    assert (s.received, s.played, s.concealed, s.late, s.lost, s.buffered) == (11, 8, 1, 1, 0, 2)
    assert s.target_delay_ms == 40.0


def test_a_frame_gives_the_payload_as_bytes_with_the_header_fields() -> None:
    jb = fixed_40ms()
    jb.push(datagram(7, pt=8, marker=True), 1_000_000)
    out = jb.pop(1_040_000)
    assert out.kind == rtp.PlayoutKind.FRAME
    (f,) = out.frames
    assert f.payload == b"\x00\x07" and isinstance(f.payload, bytes)
    assert (f.seq, f.timestamp, f.ssrc, f.payload_type, f.marker, f.arrival_us) == (
        7, 1120, 0x11223344, 8, True, 1_000_000,
    )


def test_bytes_that_are_not_rtp_raise_rtp_error_and_are_malformed_in_a_batch() -> None:
    jb = rtp.JitterBuffer()
    with pytest.raises(voipkit.RtpError):
        jb.push(b"\x80\x00\x00", 0)
    outcomes = jb.push_many(
        [rtp.JitterArrival(datagram(1), 0), rtp.JitterArrival(datagram(1), 1), rtp.JitterArrival(b"not rtp", 2)]
    )
    O = rtp.JitterPushOutcome
    assert outcomes == [O.ACCEPTED, O.DUPLICATE, O.MALFORMED]
    assert jb.stats().received == 2


def test_pop_many_is_repeated_pop() -> None:
    one, many = fixed_40ms(), fixed_40ms()
    arrivals = [rtp.JitterArrival(datagram(i), i * 20 * MS) for i in range(6)]
    for a in arrivals:
        one.push(a.packet, a.arrival_us)
    many.push_many(arrivals)
    times = [100 * MS + i * 20 * MS for i in range(8)]
    assert many.pop_many(times) == [one.pop(t) for t in times]


def test_a_new_ssrc_resets_and_the_config_defaults_are_rtp_cores() -> None:
    jb = rtp.JitterBuffer()
    jb.push(datagram(1), 0)
    assert jb.push(datagram(1, ssrc=0x55555555), 20 * MS) == rtp.JitterPushOutcome.RESET
    assert jb.stats().resets == 1
    c = jb.config
    assert (c.clock_rate, c.min_delay_ms, c.max_delay_ms, c.capacity, c.start_delay_ms, c.fixed_delay_ms) == (
        8000, 0, 1000, 256, 80, None,
    )


def test_a_capture_replay_accounts_for_every_packet_of_each_stream() -> None:
    # The sample's streams: 150 and 147 packets of 20 ms G.711 (as tshark counts them);
    # at the end of a replay each packet was played, late, a duplicate or refused.
    capture = (pathlib.Path(__file__).resolve().parents[3] / "samples" / "call.pcap").read_bytes()
    reports = {r.ssrc: r for r in rtp.playout_capture(capture, max_delay_ms=500)}
    assert {s: r.received for s, r in reports.items()} == {0x5EEDA11C: 150, 0x0B0B0B0B: 147}
    for r in reports.values():
        assert r.frame_ms == 20.0
        assert r.played + r.late + r.duplicates + r.overflow == r.received
    with pytest.raises(voipkit.RtpError):
        rtp.playout_capture(b"not a capture")
