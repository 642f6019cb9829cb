//! HEP packets (Homer's encapsulation, versions 1 to 3) as a collector receives them:
//! `parse_hep` never panics, hangs or inflates past its bound; an error names an offset
//! inside the packet; a packet it reads is one `is_hep` (the capture reader's gate)
//! lets through, with addresses of one family.
#![no_main]

use capture::hep::{MAX_INFLATED, is_hep, parse_hep};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse_hep(data) {
        Ok(h) => {
            assert!(is_hep(data), "read but not let through: {h:?}");
            assert!((1..=3).contains(&h.version));
            assert_eq!(h.src.addr.is_ipv4(), h.dst.addr.is_ipv4());
            assert!(!h.payload.is_empty() || h.version == 3);
            assert!(h.payload.len() <= data.len().max(MAX_INFLATED));
        }
        Err(e) => {
            assert_eq!(e.kind(), "hep");
            assert!(e.offset().is_some_and(|o| o <= data.len()), "{e}");
        }
    }
});
