//! Number normalization: any input gives a valid E.164 number (or short code) or a
//! typed error; normalizing the result again gives the same number.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tariff::{Country, normalize_number};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for country in [Country::NL, Country::BE, Country::DE] {
        if let Ok(n) = normalize_number(text, country) {
            assert!(n.digits().len() <= tariff::MAX_E164_DIGITS);
            assert!(n.digits().bytes().all(|b| b.is_ascii_digit()));
            if !n.is_short_code() {
                let again = normalize_number(&n.to_string(), country);
                assert_eq!(
                    again.map(|a| a.digits().to_owned()).ok(),
                    Some(n.digits().to_owned())
                );
            }
        }
    }
});
