"""RTP packets, capture analysis and the jitter buffer (the Rust ``rtp-core`` crate).

``bytes`` in and out. The jitter buffer takes times as integer microseconds on a
monotonic clock (``time.monotonic_ns() // 1000``, or a capture's packet times); delays in
its configuration and statistics are milliseconds.
"""

from voipkit._voipkit import (
    SeqVerdict,
    StreamDiscovery,
    JitterArrival,
    JitterBuffer,
    JitterBufferConfig,
    JitterFrame,
    JitterPlayout,
    JitterPushOutcome,
    JitterStats,
    PlayoutKind,
    RtcpCname,
    RtcpPacketInfo,
    RtcpReportBlock,
    RtpHeader,
    RtpPlayoutReport,
    RtpReceiverSnapshot,
    RtpReceiverStats,
    RtpReception,
    RtpStreamReport,
    rtp_analyze_capture as analyze_capture,
    rtcp_parse as parse_rtcp,
    rtp_parse as parse,
    rtp_playout_capture as playout_capture,
)

__all__ = [
    "JitterArrival",
    "JitterBuffer",
    "JitterBufferConfig",
    "JitterFrame",
    "JitterPlayout",
    "JitterPushOutcome",
    "JitterStats",
    "PlayoutKind",
    "RtcpCname",
    "RtcpPacketInfo",
    "RtcpReportBlock",
    "RtpHeader",
    "RtpPlayoutReport",
    "RtpReceiverSnapshot",
    "RtpReceiverStats",
    "RtpReception",
    "RtpStreamReport",
    "SeqVerdict",
    "StreamDiscovery",
    "analyze_capture",
    "parse",
    "parse_rtcp",
    "playout_capture",
]
