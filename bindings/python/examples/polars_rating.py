"""Rating call records in a Polars pipeline with voipkit.

``map_batches`` hands each batch of the lazy frame to ``voipkit.arrow.rate_calls``
through the Arrow PyCapsule interface (no copy, no Python object per record, the GIL
released while it rates), so rating is one step of a larger query.
"""

from __future__ import annotations

import polars as pl

from voipkit import arrow, tariff

RATED_SCHEMA = pl.DataFrame(arrow.rated_calls_schema()).schema
"""The Polars schema of rated calls."""


def rate_with_polars(calls: pl.LazyFrame, plan: tariff.TariffPlan) -> pl.LazyFrame:
    """Rates ``calls`` (columns ``call_id``, ``destination``, ``start``, ``duration_s``
    and optionally ``answered``) under ``plan``; one row per call, in order."""
    return calls.map_batches(
        lambda batch: pl.DataFrame(arrow.rate_calls(plan, batch)),
        schema=RATED_SCHEMA,
        streamable=True,
    )
