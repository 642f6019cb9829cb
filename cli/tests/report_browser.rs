//! The HTML report in a real browser (Debian's headless `chromium`): it renders without
//! console errors (SVG attribute errors included), and a screenshot shows the ladder
//! and the charts drawn in their colours. Skipped when chromium is not installed,
//! unless `VOIPKIT_REQUIRE_PEERS=1` (as the test command sets) makes that a failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;
use common::{chromium, repo, voipkit};

use std::path::{Path, PathBuf};
use std::process::Command;

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("voipkit-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Renders `page` in headless chromium at 1200×2400: the console messages it logged
/// and the screenshot's RGBA pixels (width, height, bytes).
fn render(browser: &str, page: &Path, dir: &Path) -> (Vec<String>, (u32, u32, Vec<u8>)) {
    let shot = dir.join("shot.png");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,2400",
            &format!("--user-data-dir={}", dir.join("profile").display()),
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", page.display()),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&shot).unwrap_or_else(|e| panic!("no screenshot ({e}): {stderr}")),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        other => panic!("unexpected screenshot colour type {other:?}"),
    };
    (console, (info.width, info.height, rgba))
}

/// Pixels within a small distance of `colour` (`#rrggbb`), anti-aliasing allowed for.
fn pixels_of(rgba: &[u8], colour: u32) -> usize {
    let [_, r, g, b] = colour.to_be_bytes();
    rgba.chunks(4)
        .filter(|p| {
            let d = |a: u8, b: u8| i32::from(a).abs_diff(i32::from(b));
            d(p[0], r) + d(p[1], g) + d(p[2], b) <= 24
        })
        .count()
}

#[test]
fn the_html_report_renders_without_console_errors_and_draws_its_charts() {
    let Some(browser) = chromium() else { return };
    let scratch = Scratch::new("report-browser");
    let page = scratch.0.join("report.html");
    let sample = repo("samples/call.pcap").display().to_string();
    let (code, _) = voipkit(&["report", &sample, "--html", page.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (console, (width, height, rgba)) = render(browser, &page, &scratch.0);
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert_eq!((width, height), (1200, 2400));
    // The ladder's arrows (#264653), the two jitter lines (#e76f51), the transit lines
    // (#2a9d8f, also the MOS bars) and the loss lines (#e9c46a): each a line of 2 px
    // over a few hundred pixels at least.
    for (what, colour, at_least) in [
        ("ladder", 0x26_4653, 150),
        ("jitter", 0xe7_6f51, 500),
        ("transit", 0x2a_9d8f, 500),
        ("loss", 0xe9_c46a, 300),
    ] {
        let n = pixels_of(&rgba, colour);
        assert!(n >= at_least, "{what}: {n} pixels of #{colour:06x}");
    }
}

/// The check can fail: a page with a broken SVG path and a script error shows both on
/// the console, and a page without charts has none of their colour.
#[test]
fn the_browser_check_sees_console_errors_and_missing_charts() {
    let Some(browser) = chromium() else { return };
    let scratch = Scratch::new("report-browser-control");
    let page = scratch.0.join("broken.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><svg width=\"100\" height=\"100\">\
         <path d=\"M0,0 L x\" stroke=\"#e76f51\"/></svg>\
         <script>undefined_function()</script></body></html>",
    )
    .unwrap();
    let (console, (_, _, rgba)) = render(browser, &page, &scratch.0);
    assert!(
        console.iter().any(|l| l.contains("attribute d")),
        "{console:#?}"
    );
    assert!(
        console.iter().any(|l| l.contains("undefined_function")),
        "{console:#?}"
    );
    assert_eq!(pixels_of(&rgba, 0xe7_6f51), 0);
}
