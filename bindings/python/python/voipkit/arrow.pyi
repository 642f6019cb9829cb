from typing import Any, Protocol
from typing_extensions import final

from voipkit.report import CaptureReport
from voipkit.tariff import CgratesRater, TariffPlan

class ArrowStreamExportable(Protocol):
    """Arrow data that exports a C stream (tables, data frames, chunked arrays)."""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...

class ArrowArrayExportable(Protocol):
    """Arrow data that exports a C array (record batches, arrays)."""
    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]: ...

ArrowData = ArrowStreamExportable | ArrowArrayExportable

@final
class ArrowTable:
    """Record batches with one schema, read through the Arrow PyCapsule interface."""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> Any: ...
    def __arrow_c_schema__(self) -> Any: ...
    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    def __len__(self) -> int: ...

def rate_calls(plan: TariffPlan | CgratesRater, calls: ArrowData) -> ArrowTable:
    """Rates a table of calls; one row per call, in order."""

def normalize_numbers(numbers: ArrowData, account_country: str, column: str | None = None) -> ArrowTable:
    """Normalizes a column of dialled numbers to E.164 and classifies them."""

def check_sip(messages: ArrowData, lenient: bool = False, column: str | None = None) -> ArrowTable:
    """Checks a column of SIP messages for strict RFC 3261 validity."""

def parse_sip(messages: ArrowData, lenient: bool = True, column: str | None = None) -> ArrowTable:
    """Parses a column of SIP messages into their main fields, tolerantly unless ``lenient`` is false."""

def rtp_streams(capture: bytes) -> ArrowTable:
    """The RTP streams of a pcap or pcapng capture with their analysis."""

def report_calls(report: CaptureReport) -> ArrowTable:
    """The calls of a capture report."""

def report_streams(report: CaptureReport) -> ArrowTable:
    """The streams of a capture report."""

def rated_calls_schema() -> ArrowTable:
    """An empty table with the schema of :func:`rate_calls`'s result."""

def normalized_numbers_schema() -> ArrowTable:
    """An empty table with the schema of :func:`normalize_numbers`'s result."""

__all__ = ["ArrowArrayExportable", "ArrowData", "ArrowStreamExportable", "ArrowTable", "check_sip", "normalize_numbers", "normalized_numbers_schema", "parse_sip", "rate_calls", "rated_calls_schema", "report_calls", "report_streams", "rtp_streams"]
