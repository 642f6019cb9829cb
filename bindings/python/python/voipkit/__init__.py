"""voipkit: SIP/SDP parsing, RTP analysis, contract and tariff rules for hosted VoIP."""

from voipkit._voipkit import __version__, version

__all__ = ["__version__", "version"]
