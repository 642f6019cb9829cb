//! `voipkit sip verify`: STIR/SHAKEN Identity headers checked with the signing
//! certificate, on PASSporTs signed by PyJWT (`sip-core/tests/data/stir`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;
use common::{repo, voipkit};

use base64::Engine as _;
use serde_json::{Value, json};

const CERT: &str = "sip-core/tests/data/stir/cert.pem";

fn token(name: &str) -> String {
    std::fs::read_to_string(repo(&format!("sip-core/tests/data/stir/{name}")))
        .unwrap()
        .trim()
        .to_owned()
}

/// The `iat` of a token, in seconds.
fn iat(token: &str) -> i64 {
    let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.split('.').nth(1).unwrap())
        .unwrap();
    serde_json::from_slice::<Value>(&claims).unwrap()["iat"]
        .as_i64()
        .unwrap()
}

/// An RFC 1123 date (`Sun, 06 Dec 2026 17:59:39 GMT`) of `secs`.
fn rfc1123(secs: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .unwrap()
        .strftime("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

/// An INVITE with a Date `date` (none when `None`) and one Identity header per token,
/// written to a file of its own; its path.
fn invite(name: &str, date: Option<i64>, tokens: &[String]) -> String {
    let mut m = String::from(
        "INVITE sip:+12155551213@example.com SIP/2.0\r\n\
         Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-stir\r\n\
         Max-Forwards: 70\r\n\
         From: <sip:+12155551212@example.com>;tag=1\r\n\
         To: <sip:+12155551213@example.com>\r\n\
         Call-ID: stir-1\r\n\
         CSeq: 1 INVITE\r\n",
    );
    if let Some(d) = date {
        m.push_str(&format!("Date: {}\r\n", rfc1123(d)));
    }
    for t in tokens {
        m.push_str(&format!(
            "Identity: {t};info=<https://cert.example.org/passport.pem>;alg=ES256;ppt=shaken\r\n"
        ));
    }
    m.push_str("Content-Length: 0\r\n\r\n");
    let dir = std::env::temp_dir().join(format!("voipkit-sip-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, m).unwrap();
    path.display().to_string()
}

#[test]
fn a_fresh_shaken_passport_and_a_diversion_verify() {
    let (a, div) = (token("shaken-a.token"), token("div.token"));
    let signed = iat(&a);
    let file = invite("fresh.sip", Some(signed + 5), &[a, div]);
    // The diversion was signed 100 s after the first (sign.py): 95 s before the Date,
    // older than the default 60 s allow.
    let (code, lines) = voipkit(&["sip", "verify", "--cert", CERT, &file]);
    assert_eq!(code, 1, "{lines:?}");
    assert_eq!(lines[0]["identities"][1]["fresh"], false);
    let (code, lines) = voipkit(&["sip", "verify", "--cert", CERT, "--max-age", "100", &file]);
    assert_eq!(code, 0, "{lines:?}");
    let r = &lines[0];
    assert_eq!(r["verified"], true);
    assert_eq!(r["call_id"], "stir-1");
    assert_eq!(
        r["certificate"]["subject"],
        "CN=SHAKEN 1234,O=Example Carrier,C=US"
    );
    let ids = r["identities"].as_array().unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0]["verified"], true);
    assert_eq!(ids[0]["error"], Value::Null);
    assert_eq!(ids[0]["attest"], "A");
    assert_eq!(ids[0]["orig"], json!({"tn": "12155551212"}));
    assert_eq!(ids[0]["dest"], json!([{"tn": "12155551213"}]));
    assert_eq!(ids[0]["age_seconds"], 5);
    assert_eq!(ids[0]["fresh"], true);
    assert_eq!(ids[1]["ppt"], "div");
    assert_eq!(ids[1]["verified"], true);
    assert_eq!(ids[1]["age_seconds"], -95);
    assert_eq!(ids[1]["fresh"], true);
    // Both name this call's numbers: the diversion's `div` is the number first called,
    // which To keeps (its `dest`, 12155551214, is where the call went next).
    for id in ids {
        assert_eq!(
            (&id["orig_matches"], &id["dest_matches"]),
            (&json!(true), &json!(true))
        );
    }
}

#[test]
fn a_stale_or_undated_passport_does_not_verify() {
    let a = token("shaken-a.token");
    let signed = iat(&a);
    let stale = invite("stale.sip", Some(signed + 120), std::slice::from_ref(&a));
    let (code, lines) = voipkit(&["sip", "verify", "--cert", CERT, &stale]);
    assert_eq!(code, 1);
    let id = &lines[0]["identities"][0];
    assert_eq!(
        (id["verified"].clone(), id["fresh"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(id["age_seconds"], 120);
    assert_eq!(lines[0]["verified"], false);
    // Within a longer allowance it passes.
    let (code, lines) = voipkit(&["sip", "verify", "--cert", CERT, "--max-age", "300", &stale]);
    assert_eq!((code, lines[0]["verified"].clone()), (0, json!(true)));
    // Without a Date there is nothing to judge freshness by.
    let undated = invite("undated.sip", None, &[a]);
    let (code, lines) = voipkit(&["sip", "verify", "--cert", CERT, &undated]);
    assert_eq!(code, 1);
    assert_eq!(lines[0]["date"], Value::Null);
    assert_eq!(lines[0]["identities"][0]["fresh"], Value::Null);
}

#[test]
fn a_changed_or_badly_signed_passport_says_why() {
    let a = token("shaken-a.token");
    let signed = iat(&a);
    let mut parts: Vec<String> = a.split('.').map(str::to_owned).collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let claims = String::from_utf8(b64.decode(&parts[1]).unwrap()).unwrap();
    parts[1] = b64.encode(claims.replace("\"A\"", "\"B\""));
    let raised = parts.join(".");
    let file = invite(
        "bad.sip",
        Some(signed),
        &[raised, token("der-signature.token")],
    );
    let (code, lines) = voipkit(&["sip", "verify", "--cert", CERT, &file]);
    assert_eq!(code, 1);
    let ids = &lines[0]["identities"];
    assert_eq!(ids[0]["attest"], "B");
    assert_eq!(ids[0]["verified"], false);
    assert_eq!(ids[0]["error"]["kind"], "signature");
    assert_eq!(ids[1]["error"]["kind"], "signature_length");
    // Of a capture, one record per message with where it was: the forwarded call's
    // INVITE carries two Identity headers whose stand-in signatures are no ES256 ones.
    let (code, lines) = voipkit(&["sip", "verify", "--cert", CERT, "samples/forwarded.pcap"]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["frame"].clone(), lines[0]["transport"].clone()),
        (json!(1), json!("udp"))
    );
    let kinds: Vec<&Value> = lines[0]["identities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["error"]["kind"])
        .collect();
    assert_eq!(
        kinds,
        [&json!("signature_length"), &json!("signature_length")]
    );
    // A message without Identity verifies nothing.
    let (code, lines) = voipkit(&["sip", "verify", "--cert", CERT, "samples/invite.sip"]);
    assert_eq!(code, 1);
    assert_eq!(lines[0]["identities"], json!([]));
    assert_eq!(lines[0]["verified"], false);
}

#[test]
fn a_certificate_that_cannot_sign_es256_is_an_error() {
    let (code, lines) = voipkit(&[
        "sip",
        "verify",
        "--cert",
        "sip-core/tests/data/stir/rsa-cert.pem",
        "samples/invite.sip",
    ]);
    assert_eq!(code, 2);
    assert_eq!(lines[0]["error"]["kind"], "certificate");
    assert_eq!(
        lines[0]["error"]["message"],
        "the public key is not an ECDSA P-256 key"
    );
}
