"""RTP packets and capture analysis (the Rust ``rtp-core`` crate). ``bytes`` in."""

from voipkit._voipkit import (
    RtpHeader,
    RtpStreamReport,
    rtp_analyze_capture as analyze_capture,
    rtp_parse as parse,
)

__all__ = ["RtpHeader", "RtpStreamReport", "analyze_capture", "parse"]
