"""voipkit: SIP/SDP parsing, RTP analysis, contract and tariff rules for hosted VoIP.

The functions live in submodules named after the Rust crates::

    from voipkit import contracts, tariff

    contracts.cancel("accensys", date(2025, 1, 1), date(2026, 12, 24))
    tariff.service_work("nox", 50)

Every error is a :class:`VoipkitError` (a ``ValueError``), with one subclass per area.
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
from voipkit import billing, contracts, report, rtp, sdp, sip, tariff

__all__ = [
    "ContractsError",
    "InternalError",
    "RtpError",
    "SdpError",
    "SipError",
    "TariffError",
    "VoipkitError",
    "__version__",
    "billing",
    "contracts",
    "report",
    "rtp",
    "sdp",
    "sip",
    "tariff",
    "version",
]
