"""The bindings' throughput table: records per second of rating and number
normalization from Rust, from Python (Arrow and objects), through Polars and through Spark
local mode, on the same generated records, and the cost of one tiny call from Rust, Python
and Kotlin. Measured in one run, best of several; nothing is asserted.

    (cd bindings/python && maturin develop --release)
    bash bindings/kotlin/build.sh            # optional: the Kotlin figures
    python bindings/python/bench/throughput.py [--records 1000000] [--no-spark]

The records are those of ``tests/test_engines.py`` (and of the Rust example
``bindings/ffi/examples/throughput.rs``): a million calls to eight destinations, one in
eight malformed.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time
from collections.abc import Callable

import pyarrow as pa
import polars as pl

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent / "examples"))

from test_engines import DESTINATIONS, PLAN_TOML, RATE_TABLES, generated_calls, plan  # noqa: E402
from polars_rating import rate_with_polars  # noqa: E402

from voipkit import arrow, tariff  # noqa: E402


def best(runs: int, f: Callable[[], object]) -> float:
    """The shortest of `runs` runs of `f`, in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def rust_figures(records: int) -> list[dict[str, object]]:
    out = subprocess.run(
        ["cargo", "run", "--release", "-q", "-p", "voipkit-ffi", "--features", "arrow",
         "--example", "throughput", "--", str(records)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()
    n = args.records
    rows: list[dict[str, object]] = rust_figures(n)

    calls = generated_calls(n)
    p = plan()

    def rate_arrow() -> None:
        p.reset_bundles()
        arrow.rate_calls(p, calls)

    rows.append({"path": "python arrow (voipkit.arrow.rate_calls, pyarrow)", "records": n, "per_s": n / best(5, rate_arrow)})

    small = min(n, 100_000)
    records = [
        tariff.CallRecord(str(r["call_id"]), r["start"], r["duration_s"], r["destination"], r["duration_s"] > 0)
        for r in calls.slice(0, small).to_pylist()
    ]
    rows.append({"path": "python objects (TariffPlan.rate_batch, CallRecord list)", "records": small, "per_s": small / best(3, lambda: p.rate_batch(records))})

    lazy = pl.from_arrow(calls).lazy()  # type: ignore[union-attr]
    rows.append({"path": "polars (map_batches, streaming)", "records": n, "per_s": n / best(3, lambda: rate_with_polars(lazy, plan()).collect(engine="streaming"))})

    numbers = calls.column("destination")
    rows.append({"path": "python arrow normalize (voipkit.arrow.normalize_numbers)", "records": n, "per_s": n / best(5, lambda: arrow.normalize_numbers(numbers, "NL"))})
    number_list = [str(v) for v in numbers.slice(0, small).to_pylist()]
    rows.append({"path": "python list normalize (tariff.normalize_numbers)", "records": small, "per_s": small / best(3, lambda: tariff.normalize_numbers(number_list, "NL"))})

    tiny = 200_000
    per = best(5, lambda: [tariff.normalize_number("020 123 4567", "NL") for _ in range(tiny)]) / tiny
    rows.append({"path": "python tiny call (tariff.normalize_number)", "ns_per_call": per * 1e9})

    if not args.no_spark:
        os.environ["PYSPARK_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession
        from spark_rating import rate_on_spark

        spark = (
            SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC").config("spark.driver.memory", "2g").getOrCreate()
        )
        spark.sparkContext.addPyFile(str(HERE.parent / "examples" / "spark_rating.py"))
        destinations = ", ".join(f"'{d}'" for d in DESTINATIONS)
        frame = spark.range(n, numPartitions=4).selectExpr(
            "cast(id as string) as call_id",
            f"element_at(array({destinations}), cast(id % 8 as int) + 1) as destination",
            "timestamp_seconds(1772323200 + (id * 7919) % 2592000) as start",
            "cast((id * 104729) % 3601 as int) as duration_s",
        ).cache()
        frame.count()
        job = lambda: rate_on_spark(spark, frame, PLAN_TOML, RATE_TABLES).selectExpr("count(*)", "sum(cost)").collect()  # noqa: E731
        rows.append({"path": "spark local[2] (mapInArrow, plan broadcast)", "records": n, "per_s": n / best(3, job)})
        spark.stop()

    kotlin = ROOT / "bindings" / "kotlin" / "consumer" / "target" / "throughput.json"
    if kotlin.exists():
        rows.extend(json.loads(kotlin.read_text()))

    def figure(prefix: str) -> float:
        return next(float(r["per_s"]) for r in rows if str(r["path"]).startswith(prefix))  # type: ignore[arg-type]

    # Each path beside the Rust figures of its own work (rating or normalizing).
    references = {
        False: (figure("rust arrow kernel"), figure("rust engine loop")),
        True: (figure("rust normalize arrow kernel"), figure("rust normalize loop")),
    }
    print("| path | records | records/s | vs the Rust Arrow kernel | vs the Rust loop |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        if "per_s" in r:
            rate = float(r["per_s"])  # type: ignore[arg-type]
            kernel, loop = references["normalize" in str(r["path"]).lower()]
            print(f"| {r['path']} | {r['records']:,} | {rate:,.0f} | {rate / kernel:.0%} | {rate / loop:.0%} |")
    print()
    print("| tiny call | ns per call |")
    print("| --- | ---: |")
    for r in rows:
        if "ns_per_call" in r:
            print(f"| {r['path']} | {float(r['ns_per_call']):,.0f} |")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
