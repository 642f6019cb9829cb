from voipkit import billing as billing, contracts as contracts, report as report, rtp as rtp, sdp as sdp, sip as sip, tariff as tariff

__version__: str

def version() -> str:
    """The version of voipkit this module was built from."""

class VoipkitError(ValueError):
    """Base class of every voipkit error."""

class SipError(VoipkitError): ...
class SdpError(VoipkitError): ...
class RtpError(VoipkitError): ...
class ContractsError(VoipkitError): ...
class TariffError(VoipkitError): ...

class InternalError(VoipkitError):
    """A defect in voipkit: a panic caught at the boundary. Report it with its input."""

__all__ = ["ContractsError", "InternalError", "RtpError", "SdpError", "SipError", "TariffError", "VoipkitError", "__version__", "billing", "contracts", "report", "rtp", "sdp", "sip", "tariff", "version"]
