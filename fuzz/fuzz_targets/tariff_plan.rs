//! Plan and rulebook loading: arbitrary TOML/JSON text (through `load_plan`, with the
//! text itself as every rate table it names) must load or fail with a typed error,
//! never panic; a plan that compiles must rate without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = tariff::Rulebook::from_toml_str(text);
    let _ = tariff::Rulebook::from_json_str(text);
    let _ = tariff::parse_rate_table_csv(text);
    let _ = tariff::parse_calls_csv(text);
    // A plan naming rate tables gets the same text as every table.
    let loaded = [tariff::PlanFormat::Toml, tariff::PlanFormat::Json]
        .map(|format| tariff::load_plan(text, format, |_| Some(text)));
    for plan in loaded {
        let Ok(plan) = plan else { continue };
        let Ok(engine) = tariff::RatingEngine::new(&plan) else {
            continue;
        };
        let mut usage = tariff::BundleUsage::new(&engine);
        let start: jiff::Timestamp = "2026-03-11T09:00:00Z".parse().unwrap_or_default();
        for number in ["0201234567", "0612345678", "+3221234567", "1002", "112"] {
            for secs in [0, 1, 59, 60, 61, 3600, u32::MAX] {
                if let Ok(r) = engine.rate(start, secs, true, number, &mut usage) {
                    assert!(!r.cost.is_sign_negative());
                }
            }
        }
    }
});
