//! `voipkit sip parse` fills `sdp` with the session, its media and typed attributes, for an
//! `application/sdp` body and for the SDP part of a `multipart/mixed` body (RFC 5621).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failure stops the test.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

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

mod common;

/// A scratch directory for the files of one test, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("voipkit-sdp-cli-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `v=0\r\n` (bytes 0-4), `o=...\r\n` (5-30), `s=-\r\n` (31-35), `t=0 0\r\n` (36-42),
/// `m=audio 4000 RTP/AVP 0 96\r\n` (43-69): line 6 starts at byte 70.
const HEAD: &str =
    "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 96\r\n";

/// The (line, quirk, offset) of each diagnostic of an `sdp parse` result.
/// `sdp check FILE` says invalid (exit 1) at `line` and byte `offset`; its error.
fn invalid_at(file: &str, line: u64, offset: u64) -> Value {
    let (code, lines) = common::voipkit(&["sdp", "check", file]);
    assert_eq!(code, 1);
    assert_eq!(
        (
            &lines[0]["valid"],
            &lines[0]["error"]["line"],
            &lines[0]["error"]["offset"]
        ),
        (&json!(false), &json!(line), &json!(offset)),
        "{file}"
    );
    lines[0]["error"].clone()
}

fn quirks(v: &Value) -> Vec<(u64, String, u64)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["quirk"].as_str().unwrap().to_owned(),
                d["offset"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn sdp_check_gives_the_bare_reason_for_trailing_whitespace_and_names_that_are_not_tokens() {
    assert_eq!(HEAD.len(), 70);
    let dir = Scratch::new("tokens");
    let trailing = dir.file("trailing.sdp", format!("{HEAD}a=sendonly \r\n").as_bytes());
    let tab = dir.file("tab.sdp", format!("{HEAD}a=sendrecv\t\r\n").as_bytes());
    let spaced = dir.file("spaced.sdp", format!("{HEAD}a=send only\r\n").as_bytes());
    let version = dir.file("version.sdp", b"v=0 \r\n");
    let (code, lines) = common::voipkit(&["sdp", "check", &trailing, &tab, &spaced, &version]);
    assert_eq!(code, 1);
    let errors: Vec<_> = lines
        .iter()
        .map(|l| {
            assert_eq!(l["valid"], false);
            (
                l["error"]["line"].as_u64().unwrap(),
                l["error"]["offset"].as_u64().unwrap(),
                l["error"]["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (6, 70, "whitespace at the end of the line".to_owned()),
            (6, 70, "whitespace at the end of the line".to_owned()),
            (6, 70, "attribute name is not a token".to_owned()),
            (1, 0, "whitespace at the end of the line".to_owned()),
        ]
    );
    assert_eq!(lines[0]["file"], trailing);
    // Read tolerantly, `a=sendonly ` is sendonly, noted at its line.
    let v = common::one(&["sdp", "parse", &trailing]);
    assert_eq!(v["media"][0]["direction"], "sendonly");
    assert_eq!(quirks(&v), [(6, "trailing_whitespace".to_owned(), 70)]);
    let v = common::one(&["sdp", "parse", &spaced]);
    assert_eq!(v["media"][0]["direction"], "sendrecv");
    assert_eq!(quirks(&v), [(6, "malformed_attribute".to_owned(), 70)]);
    assert_eq!(
        v["diagnostics"][0]["reason"],
        "attribute name is not a token"
    );
}

#[test]
fn a_clock_rate_of_8000_0_lists_the_codec_tolerantly_and_is_invalid_strictly() {
    let dir = Scratch::new("clock");
    let zeros = dir.file(
        "zeros.sdp",
        format!("{HEAD}a=rtpmap:96 AMR/8000.0\r\n").as_bytes(),
    );
    let half = dir.file(
        "half.sdp",
        format!("{HEAD}a=rtpmap:96 AMR/48000.5\r\n").as_bytes(),
    );
    let v = common::one(&["sdp", "parse", &zeros]);
    let codecs: Vec<_> = v["media"][0]["codecs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["payload_type"].clone(),
                c["name"].clone(),
                c["clock_rate"].clone(),
            )
        })
        .collect();
    assert_eq!(
        codecs,
        [
            (json!(0), json!("PCMU"), json!(8000)),
            (json!(96), json!("AMR"), json!(8000))
        ]
    );
    assert_eq!(quirks(&v), [(6, "decimal_clock_rate".to_owned(), 70)]);
    // 48000.5 names no integer rate: kept as a malformed attribute, no codec 96.
    let v = common::one(&["sdp", "parse", &half]);
    assert_eq!(v["media"][0]["codecs"].as_array().unwrap().len(), 1);
    assert_eq!(quirks(&v), [(6, "malformed_attribute".to_owned(), 70)]);
    let (code, lines) = common::voipkit(&["sdp", "check", &zeros, &half]);
    assert_eq!(code, 1);
    for l in &lines {
        assert_eq!(
            (&l["valid"], &l["error"]["line"], &l["error"]["offset"]),
            (&json!(false), &json!(6), &json!(70))
        );
        assert_eq!(
            l["error"]["reason"],
            "malformed `a=rtpmap` attribute: clock rate is not an integer"
        );
    }
}

/// An ISO 8859-1 session name (`Gespräch` with the single byte 0xE4) from an older
/// phone: `sdp parse` reads it with `?` for that byte and the media, noting the quirk at
/// its line; `sdp check` says invalid at the byte.
#[test]
fn a_session_name_that_is_not_utf8_reads_tolerantly_and_is_invalid_strictly() {
    let dir = Scratch::new("latin1");
    let body = HEAD.replace("s=-", "s=Gespr_ch").replace('_', "\u{1}");
    let body: Vec<u8> = body
        .bytes()
        .map(|b| if b == 1 { 0xe4 } else { b })
        .collect();
    let file = dir.file("latin1.sdp", &body);
    let v = common::one(&["sdp", "parse", &file]);
    assert_eq!(v["session_name"], "Gespr?ch");
    assert_eq!(v["media"][0]["port"], 4000);
    assert_eq!(quirks(&v), [(3, "non_utf8_text".to_owned(), 31)]);
    invalid_at(&file, 3, 38);
}

/// An SDP file saved with a UTF-8 byte order mark: `sdp parse` reads it with a
/// `byte_order_mark` note at line 1; `sdp check` says invalid there, naming the mark.
#[test]
fn a_file_saved_with_a_byte_order_mark_reads_tolerantly_and_is_invalid_strictly() {
    let dir = Scratch::new("bom");
    let file = dir.file("bom.sdp", format!("\u{feff}{HEAD}").as_bytes());
    let v = common::one(&["sdp", "parse", &file]);
    assert_eq!(v["media"][0]["port"], 4000);
    assert_eq!(quirks(&v), [(1, "byte_order_mark".to_owned(), 0)]);
    let error = invalid_at(&file, 1, 0);
    assert_eq!(error["reason"], "byte order mark before the first line");
}

/// An iTunes description (sdp-transform's `alac.sdp`): link-local IPv6 addresses after
/// `IN IP4` in `o=` and `c=`. `sdp parse` keeps the addresses and media, noting the
/// quirk at lines 2 and 4; `sdp check` says invalid at line 2 with the strict reason.
#[test]
fn an_ipv6_address_after_ip4_reads_tolerantly_and_is_invalid_strictly() {
    let dir = Scratch::new("itunes");
    let body = "v=0\no=iTunes 3413821438 0 IN IP4 fe80::217:f2ff:fe0f:e0f6\ns=iTunes\nc=IN IP4 fe80::5a55:caff:fe1a:e187\nt=0 0\nm=audio 0 RTP/AVP 96\na=fmtp:96 352 0 16 40 10 14 2 255 0 0 44100\n";
    let file = dir.file("itunes.sdp", body.as_bytes());
    let v = common::one(&["sdp", "parse", &file]);
    assert_eq!(v["connection"], "fe80::5a55:caff:fe1a:e187");
    assert_eq!(v["media"][0]["formats"], json!(["96"]));
    assert_eq!(
        quirks(&v),
        [
            (2, "address_type_mismatch".to_owned(), 4),
            (4, "address_type_mismatch".to_owned(), 67)
        ]
    );
    let error = invalid_at(&file, 2, 4);
    assert_eq!(
        error["reason"],
        "malformed `o=` line: not an IPv4 address or host name"
    );
}

/// A CounterPath Bria softphone's description with a space before some type letters
/// and Bria 4's `mid:1` without its `a=`: `sdp parse` reads the media and names each
/// quirk at its line; `sdp check` says invalid at line 1.
#[test]
fn a_bria_description_with_stray_spaces_and_lines_reads_tolerantly() {
    let dir = Scratch::new("bria");
    let body = " v=0\r\no=- 5 2 IN IP4 10.1.1.2\r\n s=CounterPath Bria\r\nc=IN IP4 144.137.16.240\r\nt=0 0\r\nm=text 60216 RTP/AVP 98\r\nmid:1\r\na=rtpmap:98 T140/1000\r\n";
    let file = dir.file("bria.sdp", body.as_bytes());
    let v = common::one(&["sdp", "parse", &file]);
    assert_eq!(v["session_name"], "CounterPath Bria");
    assert_eq!(v["media"][0]["port"], 60216);
    assert_eq!(
        quirks(&v),
        [
            (1, "leading_whitespace".to_owned(), 0),
            (3, "leading_whitespace".to_owned(), 31),
            (7, "stray_line".to_owned(), 109)
        ]
    );
    let (code, lines) = common::voipkit(&["sdp", "check", &file]);
    assert_eq!(code, 1);
    assert_eq!(
        (&lines[0]["valid"], &lines[0]["error"]["line"]),
        (&json!(false), &json!(1))
    );
}

#[test]
fn sdp_parse_of_an_empty_or_blank_file_is_no_sdp_and_sdp_check_says_invalid() {
    let dir = Scratch::new("empty");
    let cases = [
        (
            "empty.sdp",
            &b""[..],
            "empty SDP body",
            (0, 0, "empty input"),
        ),
        (
            "crlf.sdp",
            b"\r\n",
            "SDP body of only blank lines and whitespace",
            (1, 0, "empty line"),
        ),
        (
            "spaces.sdp",
            b"  \r\n\r\n",
            "SDP body of only blank lines and whitespace",
            (1, 0, "line is not of the form <type>=<value>"),
        ),
    ];
    for (name, bytes, note, (line, offset, reason)) in cases {
        let path = dir.file(name, bytes);
        let v = common::one(&["sdp", "parse", &path]);
        assert_eq!(v["sdp"], Value::Null, "{name}");
        assert_eq!(v["file"], path);
        assert_eq!(quirks(&v), [(0, "empty_body".to_owned(), 0)], "{name}");
        assert_eq!(v["diagnostics"][0]["reason"], note);
        assert_eq!(v["diagnostics"][0]["where"], "body");
        let (code, lines) = common::voipkit(&["sdp", "check", &path]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["valid"], false);
        assert_eq!(
            lines[0]["error"],
            json!({"line": line, "offset": offset, "reason": reason}),
            "{name}"
        );
    }
}

#[test]
fn sdp_check_of_a_file_over_the_size_limit_is_an_invalid_record() {
    let dir = Scratch::new("big");
    let good = dir.file(
        "good.sdp",
        b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n",
    );
    let big = dir.file("big.sdp", &vec![b'a'; (1 << 20) + 1]);
    let (code, lines) = common::voipkit(&["sdp", "check", &good, &big]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(
        lines[1],
        json!({
            "file": big,
            "valid": false,
            "error": {"line": 0, "offset": 262_144, "reason": "SDP larger than 262144 bytes"},
        })
    );
    // A file that cannot be read at all is still a top-level error (exit 2).
    let missing = dir.0.join("missing.sdp").display().to_string();
    let (code, lines) = common::voipkit(&["sdp", "check", &good, &missing]);
    assert_eq!(code, 2);
    assert_eq!(lines[1]["error"]["kind"], "io");
}

/// A GB/T 28181 platform's INVITE body (`y=` after the media lines) and an RTSP
/// camera's description (a Uniview camera's `c=IN` and `o=` of four fields): `sdp parse`
/// reads both, gives the SSRC under `gb28181` and no connection address where the line
/// has none; `sdp check` says where RFC 8866 refuses them.
#[test]
fn gb28181_and_rtsp_camera_descriptions_read_tolerantly() {
    let dir = Scratch::new("cameras");
    let invite = "v=0\r\no=34020000002000000001 0 0 IN IP4 192.0.2.3\r\ns=Play\r\nc=IN IP4 192.0.2.3\r\nt=0 0\r\nm=video 6000 RTP/AVP 96\r\na=recvonly\r\na=rtpmap:96 PS/90000\r\ny=0100008888\r\n";
    let file = dir.file("gb28181.sdp", invite.as_bytes());
    let v = common::one(&["sdp", "parse", &file]);
    assert_eq!(
        v["gb28181"],
        json!({"ssrc": "0100008888", "rtp_ssrc": 100_008_888, "format": null})
    );
    let y = u64::try_from(invite.find("y=").unwrap()).unwrap();
    assert_eq!(quirks(&v), [(9, "gb28181_lines".to_owned(), y)]);
    assert_eq!(v["media"][0]["codecs"][0]["name"], "PS");
    let error = invalid_at(&file, 9, y);
    assert_eq!(error["reason"], "unknown line type `y=`");

    let uniview = "v=0\r\no=- 1001 1 IN\r\ns=VCP IPC Realtime stream\r\nm=video 0 RTP/AVP 105\r\nc=IN\r\na=rtpmap:105 H264/90000\r\na=recvonly\r\n";
    let file = dir.file("uniview.sdp", uniview.as_bytes());
    let v = common::one(&["sdp", "parse", &file]);
    assert_eq!(v["gb28181"], Value::Null);
    assert_eq!(v["connection"], Value::Null);
    assert_eq!(v["media"][0]["connection"], Value::Null);
    assert_eq!(v["origin"]["username"], "- 1001 1 IN");
    assert_eq!(
        quirks(&v),
        [
            (2, "malformed_origin".to_owned(), 5),
            (5, "short_connection".to_owned(), 70)
        ]
    );
    invalid_at(&file, 2, 5);
}

/// RFC 8840's INFO carrying trickled candidates, and its body alone: `sip parse` gives the
/// fragment under `sdpfrag` (and no `sdp`), `sdp parse --fragment` the same JSON, and
/// `sdp check --fragment` holds each file to the fragment grammar (a whole session
/// description is not one).
#[test]
fn a_trickle_ice_fragment_reads_from_an_info_and_from_a_file() {
    let dir = Scratch::new("sdpfrag");
    let body = "a=ice-pwd:asd88fgpdd777uzjYhagZg\r\na=ice-ufrag:8hhY\r\nm=audio 5000 RTP/AVP 0\r\na=mid:1\r\na=candidate:1 1 UDP 1658497328 192.0.2.3 5000 typ host\r\na=end-of-candidates\r\n";
    let info = format!(
        "INFO sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK74bf9\r\nTo: <sip:alice@example.com>;tag=1234\r\nFrom: <sip:bob@example.com>;tag=5678\r\nCall-ID: 3848276298220188511@example.com\r\nCSeq: 2 INFO\r\nMax-Forwards: 70\r\nInfo-Package: trickle-ice\r\nContent-Type: application/trickle-ice-sdpfrag\r\nContent-Disposition: Info-Package\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let msg = dir.file("info.sip", info.as_bytes());
    let v = common::one(&["sip", "parse", &msg]);
    assert_eq!(v["sdp"], Value::Null);
    assert_eq!(v["sdp_error"], Value::Null);
    let frag = &v["sdpfrag"];
    assert_eq!(frag["media"][0]["mid"], "1");
    assert_eq!(frag["media"][0]["port"], 5000);
    assert_eq!(frag["attributes"][1]["name"], "ice-ufrag");
    assert_eq!(frag["attributes"][1]["value"], "8hhY");
    let candidate = &attribute(&frag["media"][0], "candidate")[0]["value"];
    assert_eq!(
        (
            &candidate["address"],
            &candidate["port"],
            &candidate["kind"]
        ),
        (&json!("192.0.2.3"), &json!(5000), &json!("Host"))
    );

    let file = dir.file("body.sdpfrag", body.as_bytes());
    let alone = common::one(&["sdp", "parse", "--fragment", &file]);
    assert_eq!(alone["media"], frag["media"]);
    assert_eq!(alone["attributes"], frag["attributes"]);
    assert_eq!(alone["diagnostics"], json!([]));
    let (code, lines) = common::voipkit(&["sdp", "check", "--fragment", &file]);
    assert_eq!((code, &lines[0]["valid"]), (0, &json!(true)));
    // A session description is no fragment, and a fragment no session description.
    let session = dir.file("session.sdp", format!("{HEAD}a=sendrecv\r\n").as_bytes());
    let (code, lines) = common::voipkit(&["sdp", "check", "--fragment", &session]);
    assert_eq!((code, &lines[0]["error"]["line"]), (1, &json!(1)));
    assert_eq!(
        lines[0]["error"]["reason"],
        "`v=` line in a trickle-ICE fragment, which holds only `a=` and `m=` lines"
    );
    let (code, _) = common::voipkit(&["sdp", "check", &file]);
    assert_eq!(code, 1);
    // A section without its mid: `check` refuses it at its `m=` line, `parse` notes it.
    let unnamed = dir.file(
        "unnamed.sdpfrag",
        body.replace("a=mid:1\r\n", "").as_bytes(),
    );
    let (code, lines) = common::voipkit(&["sdp", "check", "--fragment", &unnamed]);
    assert_eq!(
        (
            code,
            &lines[0]["error"]["line"],
            &lines[0]["error"]["offset"]
        ),
        (1, &json!(3), &json!(52))
    );
    let v = common::one(&["sdp", "parse", "--fragment", &unnamed]);
    assert_eq!(quirks(&v), [(3, "missing_mid".to_owned(), 52)]);
    assert_eq!(v["media"][0]["mid"], Value::Null);
}

/// An INFO whose body is multipart (RFC 6086: the package's body is the part with
/// `Content-Disposition: Info-Package`), its framing lines ended by LF alone: `sip parse`
/// gives the fragment part, and the framing's quirk once (the search for SDP and the one
/// for the fragment read the same framing).
#[test]
fn a_trickle_ice_fragment_reads_from_a_multipart_info() {
    let dir = Scratch::new("sdpfrag-multipart");
    let frag = "a=ice-ufrag:8hhY\r\nm=audio 5000 RTP/AVP 0\r\na=mid:1\r\na=candidate:1 1 UDP 1658497328 192.0.2.3 5000 typ host\r\n";
    let body = format!(
        "--xyz\nContent-Type: text/plain\n\nsee the next part\n--xyz\nContent-Type: application/trickle-ice-sdpfrag\nContent-Disposition: Info-Package\n\n{frag}\n--xyz--\n"
    );
    let info = format!(
        "INFO sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK74bf9\r\nTo: <sip:alice@example.com>;tag=1234\r\nFrom: <sip:bob@example.com>;tag=5678\r\nCall-ID: 3848276298220188511@example.com\r\nCSeq: 2 INFO\r\nMax-Forwards: 70\r\nInfo-Package: trickle-ice\r\nContent-Type: multipart/mixed;boundary=xyz\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let msg = dir.file("info.sip", info.as_bytes());
    let v = common::one(&["sip", "parse", &msg]);
    assert_eq!((&v["sdp"], &v["sdp_error"]), (&Value::Null, &Value::Null));
    assert_eq!(v["sdpfrag"]["media"][0]["mid"], "1");
    let body_quirks: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["where"] == "body")
        .map(|d| (d["quirk"].clone(), d["offset"].clone()))
        .collect();
    let first_delimiter_end = info.find("--xyz\n").unwrap() + 5;
    assert_eq!(
        body_quirks,
        [(json!("lf_multipart"), json!(first_delimiter_end))]
    );
}
