//! `-` for a file argument reads standard input, so inputs can come down a pipe; every
//! command gives what it gives for the same bytes in a file (its `file` key aside).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;

use common::{repo, voipkit, voipkit_stdin};
use serde_json::Value;

/// The records of `args` with the file `file` in place of `-`, and those of `args` fed
/// the file's bytes on standard input; both with their `file` key taken out.
fn both(args: &[&str], file: &str) -> ((i32, Vec<Value>), (i32, Vec<Value>)) {
    let bytes = std::fs::read(repo(file)).unwrap();
    let with_file: Vec<&str> = args
        .iter()
        .map(|a| if *a == "-" { file } else { a })
        .collect();
    let strip = |(code, mut values): (i32, Vec<Value>)| {
        for v in &mut values {
            if let Some(o) = v.as_object_mut() {
                o.remove("file");
            }
        }
        (code, values)
    };
    (
        strip(voipkit(&with_file)),
        strip(voipkit_stdin(args, &bytes)),
    )
}

#[test]
fn a_message_a_description_and_a_capture_read_from_standard_input() {
    for (args, file) in [
        (&["sip", "parse", "-"][..], "samples/invite.sip"),
        (&["sip", "check", "-"], "samples/register.sip"),
        (&["sip", "roundtrip", "-"], "samples/invite_multipart.sip"),
        (&["sdp", "parse", "-"], "samples/phone_offer.sdp"),
        (&["sdp", "check", "-"], "samples/offer.sdp"),
        (&["sip", "parse", "-"], "samples/call.pcap"),
        (&["rtp", "analyze", "-"], "samples/call.pcap"),
        (&["report", "-"], "samples/call.pcap"),
        (
            &[
                "tariff",
                "rate",
                "--plan",
                "samples/plan.toml",
                "--cdrs",
                "-",
            ],
            "samples/cdrs.csv",
        ),
    ] {
        let (from_file, from_stdin) = both(args, file);
        assert_eq!(from_file.0, 0, "{args:?} on {file}");
        assert!(!from_file.1.is_empty(), "{args:?} on {file}");
        assert_eq!(from_stdin, from_file, "{args:?} on {file}");
    }
    // The records name the input `-`.
    let (_, values) = voipkit_stdin(
        &["sip", "parse", "-"],
        &std::fs::read(repo("samples/invite.sip")).unwrap(),
    );
    assert_eq!(values[0]["file"], "-");
}

#[test]
fn what_standard_input_holds_is_judged_as_a_file_would_be() {
    // An invalid message: exit 1, with the strict reading's error.
    let (code, values) = voipkit_stdin(
        &["sip", "check", "-"],
        b"OPTIONS sip:a@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n",
    );
    assert_eq!(code, 1);
    assert_eq!(values[0]["valid"], false);
    assert_eq!(values[0]["error"]["reason"], "missing Via header");
    // Nothing on standard input holds no SDP.
    let (code, values) = voipkit_stdin(&["sdp", "check", "-"], b"");
    assert_eq!(code, 1);
    assert_eq!(values[0]["valid"], false);
    // More than a message file may hold is refused as a file is, without reading on.
    let big = vec![b'a'; (1 << 20) + 1];
    let (code, values) = voipkit_stdin(&["sip", "parse", "-"], &big);
    assert_eq!(code, 2);
    assert_eq!(values[0]["error"]["kind"], "limit");
}
