"""Arrow batches in and out: the same answers as the per-record calls, from pyarrow,
Polars, pandas and DuckDB, with nothing copied on the way in."""

import pathlib
import struct
from datetime import datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pytest

import voipkit
from voipkit import arrow, report, rtp, sip, tariff

SAMPLES = pathlib.Path(__file__).resolve().parents[3] / "samples"
CGRATES = SAMPLES.parent / "tariff" / "tests" / "data" / "cgrates"


def sample_plan() -> tariff.TariffPlan:
    return tariff.TariffPlan.from_toml(
        (SAMPLES / "plan.toml").read_text(), {"rates.csv": (SAMPLES / "rates.csv").read_text()}
    )


def local(text: str) -> datetime:
    """A CDR start: RFC 3339, or a wall-clock time in the sample plan's zone."""
    t = datetime.fromisoformat(text)
    return t if t.tzinfo is not None else t.replace(tzinfo=ZoneInfo("Europe/Amsterdam"))


def cdrs() -> pa.Table:
    # call_id reads as int64, start as RFC 3339 text, answered as bool.
    return pacsv.read_csv(SAMPLES / "cdrs.csv")


def test_normalize_numbers_gives_e164_and_class_per_row_and_errors_in_place() -> None:
    numbers = pa.array(["020 123 4567", "+32 2 555 12 12", "12x", None, "112"])
    out = pa.table(arrow.normalize_numbers(numbers, "NL"))
    assert out.column("e164").to_pylist() == ["+31201234567", "+3225551212", None, None, "112"]
    assert out.column("country_code").to_pylist() == [31, 32, None, None, 0]
    assert out.column("number_class").to_pylist() == ["geographic", "international", None, None, "emergency"]
    assert out.column("country").to_pylist() == ["NL", "BE", None, None, None]
    assert out.column("error_kind").to_pylist() == [None, None, "invalid_number", "invalid_argument", None]
    # The row error says where in the number it went wrong, as the single call does.
    assert "at byte 2" in out.column("error")[2].as_py()


def test_normalize_agrees_with_the_single_call_on_every_number() -> None:
    numbers = ["06 1234 5678", "0031 20 123 4567", "+49 30 123456", "0800 1234", "0900 1234567", "+1 212 555 0100"]
    out = pa.table(arrow.normalize_numbers(pa.table({"dialled": numbers}), "NL", column="dialled"))
    for row, number in zip(out.to_pylist(), numbers):
        single = tariff.normalize_number(number, "NL")
        assert (row["e164"], row["country_code"], row["national_number"], row["number_class"], row["country"]) == (
            single.e164,
            single.country_code,
            single.national_number,
            single.number_class.value,
            single.country,
        )


def test_rate_calls_agrees_with_rate_batch_row_by_row() -> None:
    table = cdrs()
    rated = pa.table(arrow.rate_calls(sample_plan(), table)).to_pylist()
    records = [
        tariff.CallRecord(str(r["call_id"]), local(r["start"]), r["duration_s"], r["destination"], r["answered"])
        for r in table.to_pylist()
    ]
    expected = sample_plan().rate_batch(records)
    assert len(rated) == len(expected) == table.num_rows
    for row, outcome in zip(rated, expected):
        if outcome.rated is None:
            assert row["cost"] is None and row["error"] == outcome.error
            continue
        r = outcome.rated
        assert row["call_id"] == r.call_id
        assert row["cost"] == r.cost and row["cost_before_bundle"] == r.cost_before_bundle
        assert (row["increments"], row["billed_s"], row["bundle_s"]) == (r.increments, r.billed_s, r.bundle_s)
        assert (row["destination_class"], row["destination"], row["mode"]) == (
            r.destination_class.value,
            r.destination,
            r.mode.value,
        )
        assert (row["currency"], row["included_in_bundle"], row["error"]) == (r.currency, r.included_in_bundle, None)


def test_a_premium_call_costs_what_the_plan_says_in_an_exact_decimal_column() -> None:
    # 0900 at 0.80/min, 1/1 increments, 0.10 connect: 0.10 + 125 x 0.80/60 = 1.7667 (4 places).
    calls = pa.table(
        {
            "destination": ["0900 1234567"],
            "start": pa.array([datetime(2026, 3, 11, 10, tzinfo=timezone.utc)], pa.timestamp("ms", "UTC")),
            "duration_s": pa.array([125], pa.uint16()),
        }
    )
    out = pa.table(arrow.rate_calls(sample_plan(), calls))
    assert out.schema.field("cost").type == pa.decimal128(38, 10)
    assert out.column("cost")[0].as_py() == Decimal("1.7667")
    assert out.column("call_id")[0].as_py() is None  # no call_id column: null, not invented


def test_a_timestamp_without_zone_is_wall_clock_time_in_the_plans_zone() -> None:
    # NL mobile: peak (weekdays 08:00-19:00 Amsterdam) 0.12/min, off-peak 0.08/min, 0.05
    # connect, 30 s then 6 s increments: 61 s bills 66 s, 0.05 + 66 x 0.12/60 = 0.1820 at
    # peak, 0.05 + 66 x 0.08/60 = 0.1380 off-peak (the 30 free mobile minutes then make
    # the cost 0, so the price before the bundle is the one to compare).
    aware = pa.array([datetime(2026, 3, 11, 17, 30, tzinfo=timezone.utc)], pa.timestamp("us", "UTC"))
    calls = pl.DataFrame({"destination": ["06 12345678"], "duration_s": [61]})
    by_aware = pa.table(arrow.rate_calls(sample_plan(), pa.table(calls.to_arrow()).append_column("start", aware)))

    def before_bundle(wall_clock: datetime) -> Decimal:
        out = pa.table(arrow.rate_calls(sample_plan(), calls.with_columns(pl.Series("start", [wall_clock]))))
        assert out.column("billed_s")[0].as_py() == 66
        value: Decimal = out.column("cost_before_bundle")[0].as_py()
        return value

    # 18:30 in Amsterdam is 17:30 UTC, peak; read as UTC it would be 19:30 there, off-peak.
    assert before_bundle(datetime(2026, 3, 11, 18, 30)) == Decimal("0.1820")
    assert by_aware.column("cost_before_bundle")[0].as_py() == Decimal("0.1820")
    assert before_bundle(datetime(2026, 3, 11, 19, 30)) == Decimal("0.1380")


def test_bundles_are_consumed_in_row_order_across_chunks() -> None:
    # The sample plan's NL bundle: the first 185 s call is inside it, as in rate_batch.
    start = datetime(2026, 3, 11, 8, 12, tzinfo=timezone.utc)
    first = pa.RecordBatch.from_arrays(
        [pa.array(["020 123 4567"]), pa.array([start], pa.timestamp("s", "UTC")), pa.array([185])],
        names=["destination", "start", "duration_s"],
    )
    table = pa.Table.from_batches([first, first])
    out = pa.table(arrow.rate_calls(sample_plan(), table))
    assert out.column("included_in_bundle").to_pylist() == [True, True]
    assert out.column("bundle_s").to_pylist() == [240, 240]
    assert out.column("cost").to_pylist() == [Decimal(0), Decimal(0)]


def test_bad_rows_keep_their_place_with_a_typed_reason() -> None:
    calls = pa.table(
        {
            "call_id": ["ok", "neg", "big", "nostart", "badnumber"],
            "destination": ["020 123 4567", "020 123 4567", "020 123 4567", "020 123 4567", "06-12x"],
            "start": ["2026-03-11T10:00:00Z", "2026-03-11T10:00:00Z", "2026-03-11T10:00:00Z", "yesterday", "2026-03-11T10:00:00Z"],
            "duration_s": pa.array([60, -1, 2**40, 60, 60], pa.int64()),
        }
    )
    out = pa.table(arrow.rate_calls(sample_plan(), calls)).to_pylist()
    assert [r["call_id"] for r in out] == ["ok", "neg", "big", "nostart", "badnumber"]
    assert [r["error_kind"] for r in out] == [None, "invalid_argument", "invalid_argument", "invalid_argument", "invalid_number"]
    assert "duration_s -1" in out[1]["error"] and "duration_s 1099511627776" in out[2]["error"]
    assert "RFC 3339" in out[3]["error"]
    assert all(r["cost"] is None for r in out[1:])


def test_a_missing_or_mistyped_column_fails_the_call_naming_the_column() -> None:
    plan = sample_plan()
    with pytest.raises(voipkit.TariffError) as missing:
        arrow.rate_calls(plan, pa.table({"destination": ["0201234567"], "duration_s": [1]}))
    assert (missing.value.kind, missing.value.field) == ("invalid_argument", "start")
    assert "the columns are: destination, duration_s" in str(missing.value)
    with pytest.raises(voipkit.TariffError) as mistyped:
        arrow.rate_calls(plan, pa.table({"destination": ["x"], "start": ["2026-01-01T00:00:00Z"], "duration_s": [1.5]}))
    assert mistyped.value.field == "duration_s" and "Float64" in str(mistyped.value)
    with pytest.raises(TypeError, match="Arrow data"):
        arrow.rate_calls(plan, [{"destination": "x"}])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="TariffPlan or a CgratesRater"):
        arrow.rate_calls("plan", cdrs())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="say which with column="):
        arrow.normalize_numbers(pa.table({"a": ["1"], "b": ["2"]}), "NL")


def test_polars_pandas_and_duckdb_hand_over_and_read_back_the_same_table() -> None:
    table = cdrs()
    expected = pa.table(arrow.rate_calls(sample_plan(), table)).column("cost").to_pylist()
    from_polars = pl.DataFrame(arrow.rate_calls(sample_plan(), pl.from_arrow(table)))
    assert [None if v is None else Decimal(v) for v in from_polars["cost"].to_list()] == expected
    from_pandas = pa.table(arrow.rate_calls(sample_plan(), table.to_pandas()))
    assert from_pandas.column("cost").to_pylist() == expected
    cdr_table = table
    relation = duckdb.sql("select * from cdr_table")
    assert relation is not None
    result = arrow.rate_calls(sample_plan(), relation)
    summed = duckdb.sql("select sum(cost) as total, count(*) as n from result")
    assert summed is not None
    (total,) = summed.fetchall()
    assert total[0] == sum(v for v in expected if v is not None) and total[1] == len(expected)


def test_a_cgrates_rater_rates_a_table_of_get_cost_requests() -> None:
    files = {p.name: p.read_text() for p in CGRATES.glob("*.csv")}
    rater = tariff.CgratesRater(files)
    calls = pa.table(
        {
            "call_id": ["tutorial", "nobody"],
            "subject": ["1001", "9999"],
            "destination": ["1002", "1002"],
            "start": ["2014-08-04T13:00:00Z", "2014-08-04T13:00:00Z"],
            "duration_s": [130, 60],
        }
    )
    out = pa.table(arrow.rate_calls(rater, calls)).to_pylist()
    # The CGRateS tutorial call: 0.7169 (see test_rating), mode cgrates.
    assert (out[0]["cost"], out[0]["mode"]) == (Decimal("0.7169"), "cgrates")
    assert out[1]["cost"] is None and out[1]["error_kind"] is not None


def test_check_and_parse_sip_read_a_binary_column() -> None:
    invite = (SAMPLES / "invite.sip").read_bytes()
    messages = pa.array([invite, b"INVITE sip:a@b SIP/2.0\r\n\r\n", b"\x00junk", None], pa.binary())
    checks = pa.table(arrow.check_sip(messages)).to_pylist()
    singles = [sip.check(m) for m in (invite, b"INVITE sip:a@b SIP/2.0\r\n\r\n", b"\x00junk")]
    for row, single in zip(checks, singles):
        assert (row["valid"], row["offset"], row["reason"]) == (single.valid, single.offset, single.reason)
    assert checks[3]["valid"] is False and checks[3]["reason"] == "the message is null"
    parsed = pa.table(arrow.parse_sip(messages)).to_pylist()
    info = sip.parse(invite)
    assert parsed[0]["method"] == info.method == "INVITE"
    assert parsed[0]["call_id"] == info.call_id and parsed[0]["cseq_seq"] == info.cseq_seq
    assert parsed[0]["has_sdp"] is (info.sdp is not None)
    with pytest.raises(voipkit.SipError) as single_error:
        sip.parse(b"\x00junk")
    assert (parsed[2]["error_kind"], parsed[2]["error_offset"]) == (single_error.value.kind, single_error.value.offset)
    assert parsed[3]["error"] is not None
    # The carrier columns: the forwarded call's, and none for the plain INVITE.
    forwarded = pa.array([(SAMPLES / "invite_forwarded.sip").read_bytes()], pa.binary())
    (row,) = pa.table(arrow.parse_sip(forwarded)).to_pylist()
    assert (row["attest"], row["diverted_from"], row["asserted_identity"]) == (
        "A",
        "sip:+31201234567@carrier-b.example;user=phone",
        "sip:+31207654321@carrier-a.example;user=phone",
    )
    assert parsed[0]["asserted_identity"] == "sip:+31207654321@sip.provider.example.nl;user=phone"
    assert (parsed[0]["diverted_from"], parsed[0]["attest"]) == (None, None)


def test_rtp_streams_and_report_tables_match_the_objects() -> None:
    capture = (SAMPLES / "call.pcap").read_bytes()
    streams = pa.table(arrow.rtp_streams(capture)).to_pylist()
    objects = rtp.analyze_capture(capture)
    assert [(s["ssrc"], s["packets"], s["lost"], s["mean_jitter_ms"]) for s in streams] == [
        (o.ssrc, o.packets, o.lost, o.mean_jitter_ms) for o in objects
    ]
    r = report.report(capture)
    calls = pa.table(arrow.report_calls(r))
    assert calls.column("call_id").to_pylist() == ["a84b4c76e66710@192.0.2.10"]
    assert calls.column("answered_at")[0].as_py() == datetime(2026, 1, 1, 0, 0, 0, 180000, tzinfo=timezone.utc)
    rs = pa.table(arrow.report_streams(r)).to_pylist()
    assert {(s["ssrc"], s["packets"], s["lost"]) for s in rs} == {
        (s.ssrc, s.packets, s.lost) for s in r.calls[0].streams
    }
    forwarded = report.report((SAMPLES / "forwarded.pcap").read_bytes())
    (row,) = pa.table(arrow.report_calls(forwarded)).to_pylist()
    assert (row["final_status"], row["attest"], row["diverted_from"], row["asserted_identity"]) == (
        486,
        "A",
        "sip:+31201234567@carrier-b.example;user=phone",
        "sip:+31207654321@carrier-a.example;user=phone",
    )
    assert calls.column("attest").to_pylist() == [None]
    assert (row["q850_cause"], row["q850_text"]) == (17, "User busy")


def test_the_result_tables_carry_their_fixed_schema_even_when_empty() -> None:
    empty = arrow.rate_calls(sample_plan(), cdrs().slice(0, 0))
    assert empty.num_rows == 0 and len(empty) == 0
    assert pa.table(empty).schema == pa.table(arrow.rated_calls_schema()).schema
    assert pa.table(arrow.normalized_numbers_schema()).schema.names == [
        "e164",
        "country_code",
        "national_number",
        "number_class",
        "country",
        "error_kind",
        "error",
    ]
    assert "ArrowTable(0 rows: call_id, cost" in repr(empty)


# Hostile and unusual input: a typed answer per row or per call, never a crash.


def test_dictionary_encoded_text_reads_as_its_values() -> None:
    # pandas categoricals and Polars Categorical columns arrive dictionary-encoded.
    table = cdrs()
    plain = pa.table(arrow.rate_calls(sample_plan(), table)).column("cost")
    categorical = table.set_column(
        table.schema.get_field_index("destination"), "destination", pc.dictionary_encode(table.column("destination"))
    )
    assert pa.table(arrow.rate_calls(sample_plan(), categorical)).column("cost") == plain
    as_category = pl.from_arrow(table).with_columns(pl.col("destination").cast(pl.Categorical))  # type: ignore[union-attr]
    assert pa.table(arrow.rate_calls(sample_plan(), as_category)).column("cost") == plain
    empty = pa.DictionaryArray.from_arrays(pa.array([None, None], pa.int8()), pa.array([], pa.string()))
    out = pa.table(arrow.normalize_numbers(empty, "NL"))
    assert out.column("error_kind").to_pylist() == ["invalid_argument", "invalid_argument"]


def test_instants_at_the_ends_of_every_unit_are_row_errors() -> None:
    extremes = [-(2**63), 2**63 - 1, 0]
    for unit in ("s", "ms", "us", "ns"):
        calls = pa.table(
            {
                "destination": ["020 123 4567"] * 3,
                "start": pa.array(extremes, pa.timestamp(unit, "UTC")),
                "duration_s": [60, 60, 60],
            }
        )
        out = pa.table(arrow.rate_calls(sample_plan(), calls)).to_pylist()
        if unit == "ns":
            # Nanoseconds since 1970 reach only the years 1677 to 2262: all valid
            # instants; 1677 and 1970 come before the plan's first version (no rate).
            assert [r["error_kind"] for r in out] == ["no_rate", None, "no_rate"], out
        else:
            assert [r["error_kind"] for r in out[:2]] == ["invalid_argument"] * 2, (unit, out)
            assert all("out of range" in r["error"] for r in out[:2])


def test_columns_of_the_wrong_kind_fail_the_call_with_the_column_named() -> None:
    with pytest.raises(voipkit.TariffError, match="not a string column"):
        arrow.normalize_numbers(pa.array([[1, 2]]), "NL")
    with pytest.raises(voipkit.TariffError, match="no column destination"):
        arrow.rate_calls(sample_plan(), pa.table({"x": [1]}))
    with pytest.raises(voipkit.SipError, match="neither a binary nor a text column"):
        arrow.check_sip(pa.array([1.5]))
    with pytest.raises(voipkit.TariffError, match="unsupported country"):
        arrow.normalize_numbers(pa.array(["0201234567"]), "XX")


def test_an_oversized_message_in_a_column_is_an_error_row_at_the_limit() -> None:
    huge = b"INVITE sip:a@b SIP/2.0\r\nX-Pad: " + b"a" * (2 << 20) + b"\r\n\r\n"
    out = pa.table(arrow.parse_sip(pa.array([huge, (SAMPLES / "invite.sip").read_bytes()]))).to_pylist()
    assert out[0]["error_kind"] == "limit" and out[1]["method"] == "INVITE"
    checked = pa.table(arrow.check_sip(pa.array([huge]))).to_pylist()
    assert checked[0]["valid"] is False


def test_arrow_data_that_lies_is_refused_before_any_kernel_reads_it() -> None:
    # A producer's string column whose bytes are not UTF-8 (pyarrow builds it unchecked).
    not_utf8 = pa.Array.from_buffers(pa.string(), 1, [None, pa.py_buffer(struct.pack("<ii", 0, 2)), pa.py_buffer(b"\xff\xfe")])
    with pytest.raises(ValueError, match="Arrow.*UTF-8|Arrow.*utf"):
        arrow.normalize_numbers(not_utf8, "NL")
    with pytest.raises(ValueError, match="Arrow"):
        arrow.rate_calls(sample_plan(), pa.table({"destination": not_utf8, "start": ["2026-03-11T10:00:00Z"], "duration_s": [60]}))
