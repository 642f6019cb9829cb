"""voipkit: SIP/SDP parsing, RTP analysis, contract and tariff rules for hosted VoIP.

The functions live in submodules named after the Rust crates::

    from voipkit import contracts, tariff

    contracts.cancel("accensys", date(2025, 1, 1), date(2026, 12, 24))
    tariff.service_work("nox", 50)

Every error is a :class:`VoipkitError` (a ``ValueError``), with one subclass per area,
and carries ``kind`` (a stable name such as ``"syntax"``, ``"no_rate"`` or
``"rate_table"``), ``reason``, and where the problem is: ``offset`` (a byte in a SIP
message, a packet, a capture or a phone number), ``line`` (of an SDP body, a document or
a table) and ``field`` (a field path or a file name), each ``None`` when it does not
apply.
"""

from voipkit._voipkit import (
    ContractsError,
    InternalError,
    RtpError,
    SdpError,
    SipError,
    TariffError,
    VoipkitError,
    __version__,
    version,
)
from voipkit import arrow, billing, contracts, report, rtp, sdp, sip, tariff

# What every error carries besides its message (the native module sets them on each
# exception it raises; these are the values of one raised without them).
VoipkitError.kind = "internal"
VoipkitError.reason = ""
VoipkitError.offset = None
VoipkitError.line = None
VoipkitError.field = None

__all__ = [
    "ContractsError",
    "InternalError",
    "RtpError",
    "SdpError",
    "SipError",
    "TariffError",
    "VoipkitError",
    "__version__",
    "arrow",
    "billing",
    "contracts",
    "report",
    "rtp",
    "sdp",
    "sip",
    "tariff",
    "version",
]
