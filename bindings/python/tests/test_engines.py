"""A million call records rated through Polars and through Spark (local mode, the plan
broadcast to the workers), each checked row by row against ``voipkit.arrow.rate_calls``
in this process, and one row against the plan worked out by hand.

The examples these tests run are the ones the README shows (``bindings/python/examples``).
"""

from __future__ import annotations

import os
import pathlib
import sys
from collections.abc import Iterator
from decimal import Decimal

import numpy as np
import polars as pl
import pyarrow as pa
import pytest

from voipkit import arrow, tariff

HERE = pathlib.Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
SAMPLES = HERE.parents[2] / "samples"
sys.path.insert(0, str(EXAMPLES))

from polars_rating import rate_with_polars  # noqa: E402
from spark_rating import rate_on_spark  # noqa: E402

RECORDS = 1_000_000
# Destinations whose rating does not depend on the order of the calls (no free minutes):
# NL fixed (flat rate), Belgium fixed and mobile, premium, Germany, the UK, a malformed
# number and an emergency number.
DESTINATIONS = [
    "020 123 4567",
    "+32 2 123 45 67",
    "+32 470 12 34 56",
    "0900 1234567",
    "+49 30 1234567",
    "+44 20 7946 0958",
    "06-12x",
    "112",
]
EPOCH = 1772323200  # 2026-03-01T00:00:00Z: the calls spread over March 2026
PLAN_TOML = (SAMPLES / "plan.toml").read_text()
RATE_TABLES = {"rates.csv": (SAMPLES / "rates.csv").read_text()}


def plan() -> tariff.TariffPlan:
    return tariff.TariffPlan.from_toml(PLAN_TOML, RATE_TABLES)


def generated_calls(n: int) -> pa.Table:
    """Call i: destination i mod 8, start EPOCH + 7919·i mod 30 days, 104729·i mod 3601 s."""
    i = np.arange(n, dtype=np.int64)
    return pa.table(
        {
            "call_id": pa.array(i.astype(str)),
            "destination": pa.array(np.array(DESTINATIONS)[i % len(DESTINATIONS)]),
            "start": pa.array(EPOCH + (i * 7919) % 2592000, pa.timestamp("s", "UTC")),
            "duration_s": pa.array((i * 104729) % 3601, pa.int32()),
        }
    )


def by_call_id(table: pa.Table) -> pa.Table:
    """The rows in call order, in voipkit's output schema (engines may pick other string
    layouts)."""
    schema = pa.table(arrow.rated_calls_schema()).schema
    order = pa.compute.sort_indices(pa.compute.cast(table.column("call_id"), pa.int64()))
    return table.take(order).cast(schema)


def assert_hand_worked_premium_call(rated: pa.Table) -> None:
    # Call 3: 0900 1234567 for 3·104729 mod 3601 = 900 s at 0.80/min per second plus
    # 0.10 connect: 0.10 + 900 × 0.80 / 60 = 12.1000.
    row = rated.slice(3, 1).to_pylist()[0]
    assert (row["call_id"], row["destination_class"], row["billed_s"]) == ("3", "premium", 900)
    assert row["cost"] == Decimal("12.1")


def test_a_polars_pipeline_rates_a_million_calls_as_the_kernel_does() -> None:
    calls = generated_calls(RECORDS)
    expected = by_call_id(pa.table(arrow.rate_calls(plan(), calls)))
    rated = rate_with_polars(pl.from_arrow(calls).lazy(), plan()).collect(engine="streaming")  # type: ignore[union-attr]
    got = by_call_id(rated.to_arrow())
    assert got.num_rows == RECORDS
    assert got.equals(expected)
    assert_hand_worked_premium_call(got)
    # One destination in eight is malformed: an error row each, in place.
    assert got.column("error_kind").null_count == RECORDS - RECORDS // 8


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("voipkit-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    # As on a cluster: the job's module travels with it (spark-submit --py-files).
    session.sparkContext.addPyFile(str(EXAMPLES / "spark_rating.py"))
    yield session
    session.stop()


def test_spark_local_mode_rates_a_million_calls_as_the_kernel_does(spark: object) -> None:
    from pyspark.sql import SparkSession

    assert isinstance(spark, SparkSession)
    # The records are generated on the workers, with the formulas of generated_calls.
    destinations = ", ".join(f"'{d}'" for d in DESTINATIONS)
    calls = spark.range(RECORDS, numPartitions=4).selectExpr(
        "cast(id as string) as call_id",
        f"element_at(array({destinations}), cast(id % {len(DESTINATIONS)} as int) + 1) as destination",
        f"timestamp_seconds({EPOCH} + (id * 7919) % 2592000) as start",
        "cast((id * 104729) % 3601 as int) as duration_s",
    )
    rated = rate_on_spark(spark, calls, PLAN_TOML, RATE_TABLES)
    got = by_call_id(rated.toArrow())
    # The same records, generated here, rated in this process.
    expected = by_call_id(pa.table(arrow.rate_calls(plan(), generated_calls(RECORDS))))
    assert got.num_rows == RECORDS
    assert got.equals(expected)
    assert_hand_worked_premium_call(got)


def test_spark_refuses_a_plan_that_does_not_load_before_any_task_runs(spark: object) -> None:
    from pyspark.sql import SparkSession

    import voipkit

    assert isinstance(spark, SparkSession)
    calls = spark.range(1).selectExpr("'1' as call_id")
    with pytest.raises(voipkit.TariffError, match="rates.csv"):
        rate_on_spark(spark, calls, PLAN_TOML, {})
