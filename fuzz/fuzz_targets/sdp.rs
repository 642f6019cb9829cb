//! SDP: parse → write → parse gives the same value; unmodified input with one kind of
//! line ending writes back byte-identical.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_core::sdp::Parser;

fuzz_target!(|data: &[u8]| {
    for parser in [Parser::new(), Parser::new().lenient_attributes(true)] {
        let Ok(sdp) = parser.parse_bytes(data) else { continue };
        let text = sdp.to_string();
        let again = match parser.parse(&text) {
            Ok(s) => s,
            Err(e) => panic!("written SDP does not parse: {e}\n{text:?}"),
        };
        assert_eq!(sdp, again, "{text:?}");
        let crlf = data.windows(2).filter(|w| w == b"\r\n").count();
        let lf = data.iter().filter(|b| **b == b'\n').count();
        if crlf == 0 || crlf == lf {
            assert_eq!(text.as_bytes(), data, "unmodified input must write back identical");
        }
        assert_eq!(sdp.clone().into_owned(), sdp);
    }
});
