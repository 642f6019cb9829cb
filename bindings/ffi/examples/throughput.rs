//! Records per second of the batch paths from Rust, the reference figures of the
//! bindings' throughput table (`bindings/python/bench/throughput.py` runs this and sets
//! its figures beside Python's, Polars' and Spark's on the same generated records).
//!
//! ```sh
//! cargo run --release -p voipkit-ffi --features arrow --example throughput -- 1000000
//! ```
//!
//! Prints one JSON object per measurement: `{"path": ..., "records": ..., "per_s": ...}`
//! (the best of five runs), and the nanoseconds of one tiny call.

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use arrow_array::{Int32Array, RecordBatch, StringArray, TimestampSecondArray};
use arrow_schema::{DataType, Field, Schema, TimeUnit};

/// The destinations of `bindings/python/tests/test_engines.py`, in its order.
const DESTINATIONS: [&str; 8] = [
    "020 123 4567",
    "+32 2 123 45 67",
    "+32 470 12 34 56",
    "0900 1234567",
    "+49 30 1234567",
    "+44 20 7946 0958",
    "06-12x",
    "112",
];
const EPOCH: i64 = 1_772_323_200;

fn best_of_five(records: usize, mut run: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            run();
            records as f64 / t.elapsed().as_secs_f64()
        })
        .fold(0.0, f64::max)
}

fn report(path: &str, records: usize, per_s: f64) {
    println!("{{\"path\": \"{path}\", \"records\": {records}, \"per_s\": {per_s:.0}}}");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
    let plan_toml = std::fs::read_to_string(format!("{root}/plan.toml"))?;
    let tables = HashMap::from([(
        "rates.csv".to_owned(),
        std::fs::read_to_string(format!("{root}/rates.csv"))?,
    )]);

    // Call i as the Python side generates it.
    let ids: Vec<i64> = (0..n as i64).collect();
    let destination: Vec<&str> = ids
        .iter()
        .map(|i| DESTINATIONS[(*i % 8) as usize])
        .collect();
    let start: Vec<i64> = ids.iter().map(|i| EPOCH + (i * 7919) % 2_592_000).collect();
    let duration: Vec<i32> = ids.iter().map(|i| ((i * 104_729) % 3601) as i32).collect();

    // The rating engine itself, on records already in Rust types.
    let plan = tariff::load_plan(&plan_toml, tariff::PlanFormat::Toml, |name| {
        tables.get(name)
    })?;
    let engine = tariff::RatingEngine::new(&plan)?;
    let starts: Vec<jiff::Timestamp> = start
        .iter()
        .map(|s| jiff::Timestamp::from_second(*s))
        .collect::<Result<_, _>>()?;
    let per_s = best_of_five(n, || {
        let mut usage = tariff::BundleUsage::new(&engine);
        for i in 0..n {
            let d = duration[i] as u32;
            let _ = black_box(engine.rate(starts[i], d, d > 0, destination[i], &mut usage));
        }
    });
    report("rust engine loop (RatingEngine::rate)", n, per_s);

    // The Arrow kernel the bindings call, on an Arrow batch.
    let schema = Arc::new(Schema::new(vec![
        Field::new("call_id", DataType::Utf8, false),
        Field::new("destination", DataType::Utf8, false),
        Field::new(
            "start",
            DataType::Timestamp(TimeUnit::Second, Some("UTC".into())),
            false,
        ),
        Field::new("duration_s", DataType::Int32, false),
    ]));
    let batch = RecordBatch::try_new(
        schema,
        vec![
            Arc::new(StringArray::from_iter_values(
                ids.iter().map(i64::to_string),
            )),
            Arc::new(StringArray::from_iter_values(destination.iter())),
            Arc::new(TimestampSecondArray::from(start.clone()).with_timezone("UTC")),
            Arc::new(Int32Array::from(duration.clone())),
        ],
    )?;
    let ffi_plan = voipkit_ffi::TariffPlan::parse_toml(&plan_toml, &tables)?;
    let per_s = best_of_five(n, || {
        ffi_plan.reset_bundles();
        let _ = black_box(ffi_plan.rate_arrow(&batch));
    });
    report("rust arrow kernel (TariffPlan::rate_arrow)", n, per_s);

    // Number normalization: the function, then the Arrow kernel.
    let numbers = StringArray::from_iter_values(destination.iter());
    let per_s = best_of_five(n, || {
        for d in &destination {
            let _ = black_box(tariff::normalize_number(d, tariff::Country::NL));
        }
    });
    report("rust normalize loop (normalize_number)", n, per_s);
    let per_s = best_of_five(n, || {
        let _ = black_box(voipkit_ffi::tariff_normalize_arrow(&numbers, "NL"));
    });
    report("rust normalize arrow kernel", n, per_s);

    // One tiny call through the FFI surface's function, as the bindings make it.
    let calls = 200_000;
    let per_s = best_of_five(calls, || {
        for _ in 0..calls {
            let _ = black_box(voipkit_ffi::tariff_normalize_number(
                black_box("020 123 4567".to_owned()),
                black_box("NL".to_owned()),
            ));
        }
    });
    println!(
        "{{\"path\": \"rust tiny call (tariff_normalize_number)\", \"ns_per_call\": {:.0}}}",
        1e9 / per_s
    );
    Ok(())
}
