//! Checks SIP message files: `cargo run --example check -- FILE...`.
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            println!("{path}: unreadable");
            continue;
        };
        match sip_core::check(&bytes) {
            Ok(()) => println!("{path}: valid"),
            Err(e) => println!("{path}: {e}"),
        }
    }
}
