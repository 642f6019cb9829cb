"""Rating call records on Spark with voipkit.

The plan's text is broadcast once; each task builds the plan from it and rates its Arrow
batches with ``voipkit.arrow.rate_calls`` (``mapInArrow``: no Python object per record).
The same code runs in local mode and on a cluster whose executors have ``voipkit``
installed (``pip install voipkit`` in the executors' environment, or a packed
virtualenv shipped with ``spark-submit --archives``).

Bundles are consumed per task, in the order of its rows: for a plan with free minutes,
partition the calls by account and sort them by start (``repartition("account")``,
``sortWithinPartitions("start")``) so that each account's calls meet one bundle, in order.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.pandas.types import from_arrow_schema

from voipkit import arrow, tariff


def rate_on_spark(spark: SparkSession, calls: DataFrame, plan_toml: str, rate_tables: dict[str, str]) -> DataFrame:
    """Rates ``calls`` (columns ``call_id``, ``destination``, ``start``, ``duration_s``
    and optionally ``answered``) under the plan; one row per call, the schema of
    :func:`voipkit.arrow.rated_calls_schema`."""
    # Fail on the driver, before any task runs, if the plan does not load.
    tariff.TariffPlan.from_toml(plan_toml, rate_tables)
    source = spark.sparkContext.broadcast((plan_toml, rate_tables))
    schema = from_arrow_schema(pa.table(arrow.rated_calls_schema()).schema)

    def rate(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        text, tables = source.value
        plan = tariff.TariffPlan.from_toml(text, tables)  # once per task
        for batch in batches:
            yield from pa.table(arrow.rate_calls(plan, batch)).to_batches()

    return calls.mapInArrow(rate, schema)
