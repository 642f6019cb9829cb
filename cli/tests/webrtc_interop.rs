//! Offer/answer with real WebRTC peers: headless Chromium and Firefox create offers (audio and
//! video, with and without a data channel, one-way, simulcast, with BUNDLE), sip-core reads each
//! strictly and answers it with `create_answer` as an ICE-lite gateway with one host
//! candidate per stream, and Chromium must accept the answer (`setRemoteDescription`)
//! and end up with the codecs and directions sip-core chose, the simulcast streams sip-core
//! took (its video capability receives simulcast, as an SFU's does), the data channel's
//! SCTP transport with the message size sip-core gave, and sip-core's candidate paired.
//! Then sip-core re-offers on hold and off hold (`hold`, `resume`); Chromium answers,
//! and `apply_answer` of its answers must give the directions Chromium reports.
//! Each browser's test is skipped when it is not installed, unless
//! `VOIPKIT_REQUIRE_PEERS=1`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;
use common::{chromium, firefox};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;
use sip_core::sdp::offer_answer::{
    CodecCapability, LocalCapabilities, MediaCapability, NegotiatedMedia, apply_answer,
    create_answer, create_offer, hold, resume,
};
use sip_core::sdp::{self, Candidate, Quirks};

/// The page: makes one offer per case, posts it to `/answer`, applies the answer it gets
/// back; then takes one sip-core offer per case from `/offer`, answers it and posts the
/// answer to `/offer-answer`; and posts what the browser negotiated to `/result`.
const PAGE: &str = r#"<!doctype html><meta charset="utf-8"><script>
// What the browser saw of a connection: per transceiver its mid, direction and the
// codecs its sender lists; the SCTP transport; the remote candidates it paired.
async function seen(pc, r) {
  r.transceivers = pc.getTransceivers().map(t => ({
    mid: t.mid,
    direction: t.currentDirection,
    stopped: t.currentDirection === 'stopped',
    codecs: t.stopped ? [] : t.sender.getParameters().codecs.map(c => c.mimeType.toLowerCase() + '/' + c.clockRate),
    // The RTP stream ids its sender keeps: a simulcast sender keeps those the answer took.
    rids: t.stopped ? [] : (t.sender.getParameters().encodings || []).map(e => e.rid || null),
  }));
  r.sctp = pc.sctp !== null;
  r.maxMessageSize = pc.sctp ? pc.sctp.maxMessageSize : null;
  // The candidates taken from sip-core's SDP, as the statistics list them once they
  // are paired with the browser's own.
  await new Promise(done => setTimeout(done, 1500));
  r.remoteCandidates = [];
  (await pc.getStats()).forEach(s => {
    if (s.type === 'remote-candidate') r.remoteCandidates.push(s.address + ':' + s.port + '/' + s.candidateType);
  });
}
const offered = ['offer_audio_video_data', 'offer_audio_sendonly'];
const cases = {
  audio_video: pc => { pc.addTransceiver('audio'); pc.addTransceiver('video'); },
  audio_video_data: pc => { pc.addTransceiver('audio'); pc.addTransceiver('video'); pc.createDataChannel('chat'); },
  audio_sendonly: pc => { pc.addTransceiver('audio', {direction: 'sendonly'}); },
  two_audio: pc => { pc.addTransceiver('audio'); pc.addTransceiver('audio', {direction: 'recvonly'}); },
  video_simulcast: pc => { pc.addTransceiver('video', {sendEncodings: [{rid: 'h'}, {rid: 'l', scaleResolutionDownBy: 2}]}); },
};
(async () => {
  const results = {};
  for (const [name, setup] of Object.entries(cases)) {
    const r = results[name] = {};
    try {
      const pc = new RTCPeerConnection({bundlePolicy: 'max-bundle'});
      setup(pc);
      await pc.setLocalDescription(await pc.createOffer());
      const res = await fetch('/answer/' + name, {method: 'POST', body: pc.localDescription.sdp});
      const answer = await res.text();
      if (!res.ok) { r.error = 'answer: ' + answer; continue; }
      await pc.setRemoteDescription({type: 'answer', sdp: answer});
      await seen(pc, r);
      // sip-core re-offers: on hold, then off hold; Chromium answers each.
      for (const step of ['hold', 'resume']) {
        const re = await fetch('/' + step + '/' + name, {method: 'POST', body: ''});
        const offer = await re.text();
        if (!re.ok) { r.error = step + ': ' + offer; break; }
        await pc.setRemoteDescription({type: 'offer', sdp: offer});
        await pc.setLocalDescription(await pc.createAnswer());
        await fetch('/' + step + '-answer/' + name, {method: 'POST', body: pc.localDescription.sdp});
        r[step] = pc.getTransceivers().map(t => t.currentDirection);
      }
      pc.close();
    } catch (e) { r.error = 'browser: ' + e; }
  }
  const offers = {};
  for (const name of offered) {
    const r = offers[name] = {};
    try {
      const pc = new RTCPeerConnection({bundlePolicy: 'max-bundle'});
      const res = await fetch('/offer/' + name, {method: 'POST', body: ''});
      const offer = await res.text();
      if (!res.ok) { r.error = 'offer: ' + offer; continue; }
      await pc.setRemoteDescription({type: 'offer', sdp: offer});
      // Without tracks the browser would only receive: it offers to send too.
      pc.getTransceivers().forEach(t => { t.direction = 'sendrecv'; });
      await pc.setLocalDescription(await pc.createAnswer());
      await fetch('/offer-answer/' + name, {method: 'POST', body: pc.localDescription.sdp});
      await seen(pc, r);
      pc.close();
    } catch (e) { r.error = 'browser: ' + e; }
  }
  await fetch('/result', {method: 'POST', body: JSON.stringify({answers: results, offers})});
})();
</script>"#;

/// What we answer with: Opus and PCMU, VP8 and H.264, DTLS-SRTP with ICE and rtcp-mux.
fn capabilities() -> LocalCapabilities {
    let webrtc = |mut m: MediaCapability| {
        m.protocols = vec!["UDP/TLS/RTP/SAVPF".to_owned()];
        m.rtcp_mux = true;
        m.rtcp_feedback = vec!["nack".to_owned(), "nack pli".to_owned()];
        m.fingerprint = Some((
            "sha-256".to_owned(),
            (0..32)
                .map(|i| format!("{:02X}", i * 7 % 256))
                .collect::<Vec<_>>()
                .join(":"),
        ));
        m.ice = Some(("vkit".to_owned(), "voipkitvoipkitvoipkit01".to_owned()));
        m.candidates = vec![
            Candidate::parse(&format!("1 1 udp 2130706431 127.0.0.1 {} typ host", m.port))
                .unwrap()
                .into_owned(),
        ];
        m.extmap_uris = vec![
            "urn:ietf:params:rtp-hdrext:sdes:mid".to_owned(),
            "urn:ietf:params:rtp-hdrext:ssrc-audio-level".to_owned(),
            // Chromium keeps a simulcast sender's RIDs when it answers a re-offer, and
            // then needs the RID header extension negotiated.
            "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id".to_owned(),
        ];
        m
    };
    let mut caps = LocalCapabilities::new("voipkit", "192.0.2.10");
    caps.ice_lite = true;
    caps.session_id = "4242".to_owned();
    caps.session_version = "1".to_owned();
    caps.media = vec![
        webrtc(MediaCapability::audio(
            40000,
            vec![
                CodecCapability::new("opus", 48000).with_channels(2),
                CodecCapability::new("PCMU", 8000),
            ],
        )),
        {
            // An SFU's video: it receives the simulcast a browser sends.
            let mut video = webrtc(MediaCapability::video(
                40002,
                vec![
                    CodecCapability::new("VP8", 90000),
                    CodecCapability::new("H264", 90000),
                ],
            ));
            video.simulcast = true;
            video
        },
        webrtc(MediaCapability::audio(
            40004,
            vec![CodecCapability::new("PCMU", 8000)],
        )),
        {
            let mut data = webrtc(MediaCapability::data_channel(40006, 5000));
            data.protocols = vec!["UDP/DTLS/SCTP".to_owned()];
            data.max_message_size = Some(65536);
            data
        },
    ];
    caps
}

/// What sip-core offers in each offer case: audio, video and a data channel as the
/// answers' capabilities have them; or audio alone, sendonly (as a music-on-hold
/// source would offer it).
fn offer_capabilities(name: &str) -> LocalCapabilities {
    let mut caps = capabilities();
    match name {
        "offer_audio_video_data" => {
            caps.media.remove(2);
        }
        "offer_audio_sendonly" => {
            caps.media.truncate(1);
            caps.media[0].direction = sdp::Direction::SendOnly;
        }
        other => panic!("no offer case {other}"),
    }
    caps
}

/// One HTTP request: method, path and body.
fn request(stream: &mut TcpStream) -> Option<(String, String, String)> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut length = 0;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        if h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some((method, path, String::from_utf8(body).ok()?))
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// Answers an offer as the test's far end: strictly valid, read tolerantly with no
/// diagnostic, answered by `create_answer`.
fn answer(offer: &str) -> Result<(String, sdp::Sdp<'static>), String> {
    let strict = sdp::parse(offer).map_err(|e| format!("strict: {e}"))?;
    let mut notes = Vec::new();
    let read = sdp::Parser::new()
        .quirks(Quirks::ALL)
        .parse_with_diagnostics(offer, &mut notes)
        .map_err(|e| format!("tolerant: {e}"))?;
    if !notes.is_empty() || read != strict {
        return Err(format!("tolerant reading differs: {notes:?}"));
    }
    let answer = create_answer(&strict, &capabilities()).map_err(|e| format!("answer: {e}"))?;
    let text = answer.to_string();
    sdp::parse(&text).map_err(|e| format!("our answer does not parse: {e}\n{text}"))?;
    Ok((text, answer))
}

struct Browser(Child);

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A browser that makes the offers.
#[derive(Clone, Copy)]
enum Peer {
    Chromium(&'static str),
    Firefox(&'static str),
}

impl Peer {
    fn name(self) -> &'static str {
        match self {
            Peer::Chromium(_) => "chromium",
            Peer::Firefox(_) => "firefox",
        }
    }

    /// Starts the browser headless on `url` with a fresh profile in `profile`.
    fn start(self, profile: &std::path::Path, url: &str) -> Browser {
        std::fs::create_dir_all(profile).unwrap();
        let mut command = match self {
            Peer::Chromium(bin) => {
                let mut c = Command::new(bin);
                c.args(["--headless", "--no-sandbox", "--disable-gpu"])
                    .arg(format!("--user-data-dir={}", profile.display()));
                c
            }
            Peer::Firefox(bin) => {
                // No first-run pages or default-browser check in the way of the test page.
                std::fs::write(
                    profile.join("user.js"),
                    "user_pref(\"browser.shell.checkDefaultBrowser\", false);\n\
                     user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");\n\
                     user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);\n\
                     user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);\n",
                )
                .unwrap();
                let mut c = Command::new(bin);
                c.args(["--headless", "--no-remote", "--profile"])
                    .arg(profile);
                c
            }
        };
        Browser(
            command
                .arg(url)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        )
    }
}

#[test]
fn chromium_accepts_the_answers_to_its_offers() {
    let Some(browser) = chromium() else { return };
    answers_are_accepted_by(Peer::Chromium(browser));
}

#[test]
fn firefox_accepts_the_answers_to_its_offers() {
    let Some(browser) = firefox() else { return };
    answers_are_accepted_by(Peer::Firefox(browser));
}

/// The offers `peer` makes, sip-core's answers and re-offers, and what `peer` reports.
fn answers_are_accepted_by(peer: Peer) {
    let who = peer.name();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel::<(String, Value)>();
    std::thread::spawn(move || {
        // The last SDP sip-core sent in each case, for its re-offers.
        let mut ours = std::collections::HashMap::<String, sdp::Sdp<'static>>::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Some((method, path, body)) = request(&mut stream) else {
                continue;
            };
            match (method.as_str(), path.as_str()) {
                ("GET", "/") => respond(&mut stream, "200 OK", "text/html", PAGE),
                ("POST", p) if p.starts_with("/offer/") => {
                    let name = &p["/offer/".len()..];
                    match create_offer(&offer_capabilities(name)) {
                        Ok(offer) => {
                            let text = offer.to_string();
                            respond(&mut stream, "200 OK", "text/plain", &text);
                            let _ =
                                tx.send((p[1..].to_owned(), serde_json::json!({"offer": text})));
                        }
                        Err(e) => {
                            respond(&mut stream, "500 Error", "text/plain", &e.to_string());
                            let _ = tx.send((
                                p[1..].to_owned(),
                                serde_json::json!({"error": e.to_string()}),
                            ));
                        }
                    }
                }
                ("POST", p) if p.starts_with("/hold/") || p.starts_with("/resume/") => {
                    let (step, name) = p[1..].split_once('/').unwrap();
                    let last = ours.get(name).expect("an answer before a re-offer");
                    let next = if step == "hold" {
                        hold(last)
                    } else {
                        resume(last)
                    };
                    let text = next.to_string();
                    respond(&mut stream, "200 OK", "text/plain", &text);
                    ours.insert(name.to_owned(), next);
                    let _ = tx.send((format!("{step}/{name}"), serde_json::json!({"offer": text})));
                }
                ("POST", p) if p.contains("-answer/") => {
                    respond(&mut stream, "200 OK", "text/plain", "");
                    let _ = tx.send((p[1..].to_owned(), serde_json::json!({"answer": body})));
                }
                ("POST", p) if p.starts_with("/answer/") => {
                    let name = p["/answer/".len()..].to_owned();
                    match answer(&body) {
                        Ok((text, sdp)) => {
                            ours.insert(name.clone(), sdp);
                            respond(&mut stream, "200 OK", "text/plain", &text);
                            let _ =
                                tx.send((name, serde_json::json!({"offer": body, "answer": text})));
                        }
                        Err(e) => {
                            respond(&mut stream, "500 Error", "text/plain", &e);
                            let _ = tx.send((name, serde_json::json!({"offer": body, "error": e})));
                        }
                    }
                }
                ("POST", "/result") => {
                    respond(&mut stream, "200 OK", "text/plain", "");
                    let _ = tx.send(("result".to_owned(), serde_json::from_str(&body).unwrap()));
                }
                _ => respond(&mut stream, "404 Not Found", "text/plain", ""),
            }
        }
    });
    let profile = std::env::temp_dir().join(format!("voipkit-webrtc-{who}-{}", std::process::id()));
    let _browser = peer.start(&profile, &format!("http://127.0.0.1:{port}/"));
    let mut exchanges = std::collections::BTreeMap::new();
    let result = loop {
        let (name, v) = rx
            .recv_timeout(Duration::from_secs(90))
            .unwrap_or_else(|_| panic!("{who} reported within 90 s"));
        if name == "result" {
            break v;
        }
        exchanges.insert(name, v);
    };
    let _ = std::fs::remove_dir_all(&profile);
    for (name, v) in &exchanges {
        if let Some(e) = v.get("error") {
            panic!(
                "{name}: sip-core could not answer: {e}\noffer:\n{}",
                v["offer"]
            );
        }
    }
    if std::env::var_os("VOIPKIT_WEBRTC_DUMP").is_some() {
        for (name, v) in &exchanges {
            eprintln!(
                "== {name}\n{}\n-- answer\n{}",
                v["offer"].as_str().unwrap_or_default(),
                v["answer"].as_str().unwrap_or_default()
            );
        }
        eprintln!("{}", serde_json::to_string_pretty(&result).unwrap());
    }
    let cases = result["answers"].as_object().unwrap();
    assert_eq!(cases.len(), 5, "{result}");
    for (name, r) in cases {
        let answer_text = exchanges[name]["answer"].as_str().unwrap_or_default();
        if let Some(e) = r.get("error") {
            panic!("{name}: {e}\nanswer:\n{answer_text}");
        }
        // What sip-core negotiated, seen from the offerer (Chromium).
        let offer = sdp::parse(exchanges[name]["offer"].as_str().unwrap()).unwrap();
        let answer = sdp::parse(answer_text).unwrap();
        let negotiated = apply_answer(&offer, &answer).unwrap();
        let transceivers = r["transceivers"].as_array().unwrap();
        for t in transceivers {
            let mid = t["mid"].as_str().unwrap();
            let n = negotiated
                .iter()
                .find(|n| n.mid.as_deref() == Some(mid))
                .unwrap_or_else(|| panic!("{name}: no stream with mid {mid}"));
            assert!(n.accepted, "{name}/{mid}");
            assert_eq!(
                t["direction"],
                n.direction.as_str(),
                "{who} {name}/{mid}: direction"
            );
            codecs_are_listed(t, n, n.direction.sends(), &format!("{who} {name}/{mid}"));
            // Simulcast (RFC 8853): the browser's sender keeps the RTP streams sip-core's
            // answer took; without simulcast, one stream with no id.
            let rids: Vec<Option<&str>> = t["rids"]
                .as_array()
                .unwrap()
                .iter()
                .map(Value::as_str)
                .collect();
            let expected: Vec<Option<&str>> = if n.simulcast_rids.is_empty() {
                vec![None]
            } else {
                n.simulcast_rids.iter().map(|r| Some(r.as_str())).collect()
            };
            assert_eq!(rids, expected, "{who} {name}/{mid}: RTP stream ids");
        }
        if name == "video_simulcast" {
            assert_eq!(negotiated[0].simulcast_rids, ["h", "l"], "{who}");
        }
        // A data channel is answered (RFC 8841): Chromium then has an SCTP transport
        // whose largest message is the one sip-core's answer gave.
        let data: Vec<_> = negotiated
            .iter()
            .filter(|n| n.media == "application")
            .collect();
        assert_eq!(
            data.len(),
            usize::from(name == "audio_video_data"),
            "{name}"
        );
        for n in &data {
            assert!(n.accepted, "{name}");
            assert_eq!(n.remote_sctp_port, Some(5000), "{name}");
        }
        assert_eq!(r["sctp"], !data.is_empty(), "{name}");
        if !data.is_empty() {
            assert_eq!(r["maxMessageSize"], 65536, "{name}");
        }
        // Our host candidate, of the first section (the one BUNDLE uses), is what
        // Chromium pairs with its own: its statistics list it as the remote candidate.
        let first = negotiated.first().unwrap();
        assert_eq!(
            r["remoteCandidates"],
            serde_json::json!([format!("127.0.0.1:{}/host", first.remote_rtp_port)]),
            "{who} {name}: remote candidates"
        );
        assert_eq!(first.remote_candidates.len(), 1, "{name}");
    }
    // The re-offers: what Chromium answered to each reads strictly and gives, by
    // `apply_answer`, the directions Chromium reports (seen from sip-core, the offerer
    // now); on hold sip-core only sends, off hold both send again.
    for (name, r) in cases {
        for step in ["hold", "resume"] {
            let offer = sdp::parse(
                exchanges[&format!("{step}/{name}")]["offer"]
                    .as_str()
                    .unwrap(),
            )
            .unwrap();
            let theirs = exchanges[&format!("{step}-answer/{name}")]["answer"]
                .as_str()
                .unwrap();
            let answer =
                sdp::parse(theirs).unwrap_or_else(|e| panic!("{name} {step}: {e}\n{theirs}"));
            let negotiated = apply_answer(&offer, &answer).unwrap();
            let theirs: Vec<Option<&str>> = r[step]
                .as_array()
                .unwrap()
                .iter()
                .map(Value::as_str)
                .collect();
            let ours: Vec<Option<&str>> = negotiated
                .iter()
                .filter(|n| n.media != "application")
                .map(|n| Some(n.direction.reversed().as_str()))
                .collect();
            assert_eq!(theirs, ours, "{who} {name} {step}: directions");
        }
    }
    let after = |step: &str| -> Vec<&str> {
        cases
            .values()
            .flat_map(|r| r[step].as_array().unwrap())
            .map(|d| d.as_str().unwrap())
            .collect()
    };
    // RFC 3264 §8.4: sip-core's recvonly (audio_sendonly) goes inactive, its sendrecv
    // streams sendonly, and its sendonly one (two_audio's second) stays sendonly.
    assert_eq!(
        after("hold"),
        [
            "inactive", "recvonly", "recvonly", "recvonly", "recvonly", "recvonly", "recvonly",
            "recvonly",
        ]
    );
    assert_eq!(after("resume"), directions_after_answer());
    let directions: Vec<&str> = cases
        .values()
        .flat_map(|r| r["transceivers"].as_array().unwrap())
        .map(|t| t["direction"].as_str().unwrap())
        .collect();
    assert_eq!(directions, directions_after_answer());

    // sip-core's own offers, answered by the browser: every stream accepted, the
    // directions and codecs `apply_answer` gives are those the browser reports, the
    // data channel opened with our message size, our candidate paired.
    let offers = result["offers"].as_object().unwrap();
    assert_eq!(offers.len(), 2, "{result}");
    for (name, r) in offers {
        if let Some(e) = r.get("error") {
            panic!(
                "{who} {name}: {e}\noffer:\n{}",
                exchanges[&format!("offer/{name}")]
            );
        }
        let offer_text = exchanges[&format!("offer/{name}")]["offer"]
            .as_str()
            .unwrap();
        let answer_text = exchanges[&format!("offer-answer/{name}")]["answer"]
            .as_str()
            .unwrap();
        let offer = sdp::parse(offer_text).unwrap();
        let answer = sdp::parse(answer_text)
            .unwrap_or_else(|e| panic!("{who} {name}: its answer: {e}\n{answer_text}"));
        let negotiated = apply_answer(&offer, &answer).unwrap();
        assert!(
            negotiated.iter().all(|n| n.accepted),
            "{who} {name}: {answer_text}"
        );
        let mut seen_directions = Vec::new();
        for t in r["transceivers"].as_array().unwrap() {
            let mid = t["mid"].as_str().unwrap();
            let n = negotiated
                .iter()
                .find(|n| n.mid.as_deref() == Some(mid))
                .unwrap_or_else(|| panic!("{who} {name}: no stream with mid {mid}"));
            // The browser answers: its direction is ours reversed.
            let theirs = n.direction.reversed();
            assert_eq!(t["direction"], theirs.as_str(), "{who} {name}/{mid}");
            seen_directions.push(theirs.as_str());
            codecs_are_listed(t, n, theirs.sends(), &format!("{who} {name}/{mid}"));
            assert!(n.codec.is_some(), "{who} {name}/{mid}: no codec");
        }
        let data: Vec<_> = negotiated
            .iter()
            .filter(|n| n.media == "application")
            .collect();
        assert_eq!(r["sctp"], !data.is_empty(), "{who} {name}");
        if let Some(n) = data.first() {
            assert!(n.remote_sctp_port.is_some(), "{who} {name}");
            assert_eq!(r["maxMessageSize"], 65536, "{who} {name}");
        }
        assert_eq!(
            r["remoteCandidates"],
            serde_json::json!(["127.0.0.1:40000/host"]),
            "{who} {name}: remote candidates"
        );
        let expected: &[&str] = if name == "offer_audio_sendonly" {
            &["recvonly"]
        } else {
            &["sendrecv", "sendrecv"]
        };
        assert_eq!(seen_directions, expected, "{who} {name}");
    }
}

/// The codecs a browser's transceiver `t` lists for its sender are those negotiated in
/// `n`; a sender that does not send (`sends` false) lists none in Chromium, and the
/// negotiated ones in Firefox.
fn codecs_are_listed(t: &Value, n: &NegotiatedMedia, sends: bool, what: &str) {
    let negotiated = serde_json::json!(
        n.codecs
            .iter()
            .map(|c| format!("{}/{}/{}", n.media, c.name.to_lowercase(), c.clock_rate))
            .collect::<Vec<_>>()
    );
    let listed = &t["codecs"];
    assert!(
        *listed == negotiated || (!sends && *listed == serde_json::json!([])),
        "{what}: codecs {listed}, negotiated {negotiated}"
    );
}

/// Chromium's directions after sip-core's answer, in case-name order: audio_sendonly,
/// audio_video (2), audio_video_data (2), two_audio (2), video_simulcast (sip-core takes
/// its two streams as an SFU).
fn directions_after_answer() -> [&'static str; 8] {
    [
        "sendonly", "sendrecv", "sendrecv", "sendrecv", "sendrecv", "sendrecv", "recvonly",
        "sendrecv",
    ]
}
