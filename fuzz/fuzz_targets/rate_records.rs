//! Rating arbitrary call records against a fixed plan: CSV parsing and rating give
//! costs or typed errors, never panics, and never a negative cost.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const PLAN: &str = include_str!("../../tariff/tests/data/rating_plan.toml");

fn engine() -> Option<&'static tariff::RatingEngine> {
    static ENGINE: OnceLock<Option<tariff::RatingEngine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let mut plan = tariff::Plan::from_toml_str(PLAN).ok()?;
            plan.bundles.push(tariff::Bundle::FreeMinutes {
                name: "free".into(),
                classes: vec![tariff::NumberClass::Mobile],
                minutes: 5,
                monthly_fee: Default::default(),
            });
            tariff::RatingEngine::new(&plan).ok()
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some(engine) = engine() else { return };
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(records) = engine.parse_cdrs_csv(text) else {
        return;
    };
    let mut usage = tariff::BundleUsage::new(engine);
    for record in records.iter().take(1000) {
        if let Ok(rated) = engine.rate_record(record, &mut usage) {
            assert!(!rated.cost.is_sign_negative());
            assert!(
                !(rated.included_in_bundle
                    && matches!(
                        rated.destination_class,
                        tariff::NumberClass::Premium | tariff::NumberClass::International
                    ))
            );
            let _ = engine.explain(record, &rated);
        }
    }
});
