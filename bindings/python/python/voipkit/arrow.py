"""Arrow batches in and out: rate, normalize, check and parse columns of millions of
records, and take RTP analysis and capture reports as tables.

Every function takes Arrow data through the Arrow PyCapsule interface (a pyarrow
``Table``, ``RecordBatch``, ``Array`` or ``ChunkedArray``, a Polars ``DataFrame`` or
``Series``, a pandas ≥ 2.2 ``DataFrame``, a DuckDB relation, ...) without copying it,
runs with the GIL released, and returns an :class:`ArrowTable`, which any of them reads
back the same way::

    import pyarrow as pa
    from voipkit import arrow, tariff

    plan = tariff.TariffPlan.from_toml(PLAN)
    rated = pa.table(arrow.rate_calls(plan, calls))

The output has one row per input row, in order; a row that cannot be processed has its
``error_kind`` and ``error`` set and its values null. Money is ``decimal128(38, 10)``.
"""

from typing import Protocol

from voipkit._voipkit import (
    ArrowTable,
    arrow_check_sip as check_sip,
    arrow_normalize_numbers as normalize_numbers,
    arrow_normalized_numbers_schema as normalized_numbers_schema,
    arrow_parse_sip as parse_sip,
    arrow_rate_calls as rate_calls,
    arrow_rated_calls_schema as rated_calls_schema,
    arrow_report_calls as report_calls,
    arrow_report_streams as report_streams,
    arrow_rtp_streams as rtp_streams,
)



class ArrowStreamExportable(Protocol):
    """Arrow data that exports a C stream (tables, data frames, chunked arrays)."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...


class ArrowArrayExportable(Protocol):
    """Arrow data that exports a C array (record batches, arrays)."""

    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]: ...


ArrowData = ArrowStreamExportable | ArrowArrayExportable
"""What the functions of this module take: any object of the Arrow PyCapsule interface."""

__all__ = [
    "ArrowArrayExportable",
    "ArrowData",
    "ArrowStreamExportable",
    "ArrowTable",
    "check_sip",
    "normalize_numbers",
    "normalized_numbers_schema",
    "parse_sip",
    "rate_calls",
    "rated_calls_schema",
    "report_calls",
    "report_streams",
    "rtp_streams",
]
