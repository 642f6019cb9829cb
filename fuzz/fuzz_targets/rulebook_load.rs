//! Rulebook loading from arbitrary TOML and JSON: never panics; whatever loads writes
//! back out and loads again to an equal rulebook, and evaluates without panicking.
#![no_main]

use contracts::{Rulebook, Severity};
use jiff::civil::date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for loaded in [Rulebook::from_toml_str(text), Rulebook::from_json_str(text)] {
        let Ok(book) = loaded else { continue };
        if let Ok(toml) = book.to_toml_string() {
            let again = Rulebook::from_toml_str(&toml);
            assert_eq!(again.as_ref().ok(), Some(&book), "TOML round trip: {toml}");
        }
        if let Ok(json) = book.to_json_string() {
            let again = Rulebook::from_json_str(&json);
            assert_eq!(again.as_ref().ok(), Some(&book), "JSON round trip: {json}");
        }
        let start = date(2024, 2, 29);
        let on = date(2026, 12, 24);
        let _ = book.cancel(start, on);
        let _ = book.status_on(start, Some(on), date(2027, 3, 31));
        let _ = book.price_change(on, date(2027, 4, 30));
        let _ = book.complaint_deadline(on, Some(on));
        let _ = book.dispute_deadlines(on);
        let _ = book.deemed_operational(on, None);
        let _ = book.warranty_end(on, Some(on));
        let _ = book.user_floor(45, on);
        let _ = book.support(jiff::Timestamp::UNIX_EPOCH, Severity::Minor);
        let _ = book.service_coverage(contracts::ChangeKind::OnSite);
    }
});
