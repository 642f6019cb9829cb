from voipkit import arrow as arrow, billing as billing, contracts as contracts, report as report, rtp as rtp, sdp as sdp, sip as sip, tariff as tariff

__version__: str

def version() -> str:
    """The version of voipkit this module was built from."""

class VoipkitError(ValueError):
    """Base class of every voipkit error."""

    kind: str
    """A stable, machine-readable name of the problem (``syntax``, ``no_rate``, ...)."""
    reason: str
    """The problem in words, without its position."""
    offset: int | None
    """The byte of the input at fault, when there is one."""
    line: int | None
    """The 1-based line at fault (SDP, a document, a table), when there is one."""
    field: str | None
    """The field path or file at fault, when there is one."""

class SipError(VoipkitError): ...
class SdpError(VoipkitError): ...
class RtpError(VoipkitError): ...
class ContractsError(VoipkitError): ...
class TariffError(VoipkitError): ...

class InternalError(VoipkitError):
    """A defect in voipkit: a panic caught at the boundary. Report it with its input."""

__all__ = ["ContractsError", "InternalError", "RtpError", "SdpError", "SipError", "TariffError", "VoipkitError", "__version__", "arrow", "billing", "contracts", "report", "rtp", "sdp", "sip", "tariff", "version"]
