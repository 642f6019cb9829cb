//! `voipkit sip parse` fills `sdp` with the session, its media and typed attributes, for an
//! `application/sdp` body and for the SDP part of a `multipart/mixed` body (RFC 5621).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failure stops the test.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn parse(file: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_voipkit"))
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
        .args(["--json", "sip", "parse", file])
        .output()
        .expect("run voipkit");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn attribute<'v>(media: &'v Value, name: &str) -> Vec<&'v Value> {
    media["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"] == name)
        .collect()
}

#[test]
fn sip_parse_fills_sdp_from_application_sdp_body() {
    let v = parse("samples/invite.sip");
    let sdp = &v["sdp"];
    assert_eq!(sdp["origin"]["username"], "alice");
    assert_eq!(sdp["connection"], "198.51.100.10");
    assert_eq!(sdp["media"][0]["codecs"][0]["name"], "PCMA");
    let audio = &sdp["media"][0];
    assert_eq!(audio["media"], "audio");
    assert_eq!(audio["port"], 49170);
    assert_eq!(audio["formats"], serde_json::json!(["8", "0", "101"]));
    let rtpmaps = attribute(audio, "rtpmap");
    assert_eq!(rtpmaps[0]["value"]["encoding"], "PCMA");
    assert_eq!(rtpmaps[0]["value"]["clock_rate"], 8000);
    assert_eq!(attribute(audio, "fmtp")[0]["value"]["params"], "0-15");
    assert_eq!(attribute(audio, "ptime")[0]["value"], 20);
    assert_eq!(attribute(audio, "direction")[0]["value"], "sendrecv");
}

#[test]
fn sip_parse_fills_sdp_from_multipart_mixed_body() {
    let v = parse("samples/invite_multipart.sip");
    let media = v["sdp"]["media"].as_array().unwrap();
    assert_eq!(media.len(), 2);
    assert_eq!(attribute(&media[0], "direction")[0]["value"], "sendonly");
    assert_eq!(media[1]["media"], "video");
    assert_eq!(
        attribute(&media[1], "fmtp")[0]["value"]["params"],
        "packetization-mode=1;profile-level-id=42e01f"
    );
    assert_eq!(attribute(&media[1], "direction")[0]["value"], "recvonly");
}
