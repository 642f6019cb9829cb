"""The report of a capture (the Rust ``capture`` crate with ``tariff``).

``report(capture_bytes, plan=None, rulebook=None)`` reads a pcap or pcapng capture and
returns its calls from the SIP dialogs, the quality of each call's RTP streams
(Wireshark's figures, the jitter buffer's late and concealed frames, MOS), the cost of
each answered call under ``plan`` (a :class:`voipkit.tariff.TariffPlan`) and the traffic
figures, checked against ``rulebook``'s traffic rule: the records ``voipkit report``
prints.
"""

from voipkit._voipkit import (
    CallEndReason,
    StreamDirection,
    CaptureReport,
    ReportCall,
    ReportStream,
    ReportSummary,
    TariffPlan,
    capture_report as _capture_report,
)


def report(
    capture: bytes, plan: TariffPlan | None = None, rulebook: str | None = None
) -> CaptureReport:
    """The report of ``capture``; costs under ``plan`` when one is given."""
    if plan is None:
        return _capture_report(capture, rulebook)
    return plan.report_capture(capture, rulebook)


__all__ = [
    "CallEndReason",
    "CaptureReport",
    "ReportCall",
    "ReportStream",
    "ReportSummary",
    "StreamDirection",
    "report",
]
