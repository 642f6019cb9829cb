//! `voipkit report --html`: one self-contained HTML file (no script, no network, no
//! font or stylesheet from elsewhere) with the call list, a ladder diagram of each call's
//! SIP messages, per-stream charts of jitter, transit delay and loss over time, and MOS
//! per call. Charts and ladders are inline SVG drawn here, so the page renders the same
//! in any browser, offline, and prints.

use std::fmt::Write as _;

/// One message of a call's ladder.
#[derive(Debug, Clone, PartialEq)]
pub struct StepView {
    /// Seconds since the call's INVITE.
    pub t_s: f64,
    /// Sender, `address:port`.
    pub from: String,
    /// Receiver, `address:port`.
    pub to: String,
    /// `INVITE`, `180 Ringing`, ...
    pub label: String,
    /// Whether it carried an SDP.
    pub sdp: bool,
}

/// One point of a stream's time series: a window of packets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointView {
    /// Seconds since the stream's first packet.
    pub t_s: f64,
    /// Interarrival jitter at the end of the window, ms.
    pub jitter_ms: f64,
    /// Relative transit delay (arrival minus send schedule, the window's mean), ms.
    pub transit_ms: f64,
    /// Packets lost in the window.
    pub lost: u64,
}

/// One RTP stream with its series.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamView {
    /// `caller → callee · 0x5EEDA11C · PCMA`.
    pub title: String,
    /// Its figures, one line of text (`150 packets, 0 lost, jitter 1.2/3.4 ms, MOS 4.4`).
    pub figures: String,
    /// The time series.
    pub points: Vec<PointView>,
}

/// One call.
#[derive(Debug, Clone, PartialEq)]
pub struct CallView {
    /// The cells of its row in the call list, in [`ReportView::columns`] order.
    pub cells: Vec<String>,
    /// Its MOS per stream direction (`caller → callee`, value).
    pub mos: Vec<(String, f64)>,
    /// What its INVITE and its end say of it, as (label, value), shown above its messages
    /// (asserted caller, diversion, SHAKEN attestation, Q.850 cause); only those known.
    pub facts: Vec<(String, String)>,
    /// Its SIP messages.
    pub ladder: Vec<StepView>,
    /// Its streams.
    pub streams: Vec<StreamView>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportView {
    /// The capture's name.
    pub title: String,
    /// The summary lines (`calls 3`, `ASR 66.67 %`, ...).
    pub summary: Vec<(String, String)>,
    /// The call list's column names.
    pub columns: Vec<String>,
    /// The calls.
    pub calls: Vec<CallView>,
    /// Streams no signalling in the capture announced.
    pub unsignalled: Vec<StreamView>,
}

/// Text escaped for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1f23}\
h1{font-size:20px}h2{font-size:17px;margin-top:32px}h3{font-size:15px}\
table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}\
th{background:#f3f4f6}td.n{text-align:right;font-variant-numeric:tabular-nums}\
.chart{margin:6px 0 18px}.fig{color:#555}.mos{display:inline-block;height:10px;background:#2a9d8f}\
svg text{font:11px system-ui,sans-serif}";

/// The report as one HTML document.
pub fn render(report: &ReportView) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>voipkit report: {t}</title><style>{STYLE}</style></head><body>\
         <h1>Calls in {t}</h1>",
        t = esc(&report.title)
    );
    h.push_str("<table class=\"summary\">");
    for (k, v) in &report.summary {
        let _ = write!(
            h,
            "<tr><th>{}</th><td class=\"n\">{}</td></tr>",
            esc(k),
            esc(v)
        );
    }
    h.push_str("</table>");
    // The call list.
    h.push_str("<h2>Call list</h2><table class=\"calls\"><tr><th>#</th>");
    for c in &report.columns {
        let _ = write!(h, "<th>{}</th>", esc(c));
    }
    h.push_str("<th>MOS</th></tr>");
    for (i, call) in report.calls.iter().enumerate() {
        let _ = write!(h, "<tr><td><a href=\"#call-{n}\">{n}</a></td>", n = i + 1);
        for cell in &call.cells {
            let numeric = cell.parse::<f64>().is_ok();
            let _ = write!(
                h,
                "<td{}>{}</td>",
                if numeric { " class=\"n\"" } else { "" },
                esc(cell)
            );
        }
        h.push_str("<td>");
        for (label, mos) in &call.mos {
            let width = (mos.clamp(1.0, 4.5) - 1.0) / 3.5 * 60.0;
            let _ = write!(
                h,
                "<div title=\"{l}\"><span class=\"mos\" style=\"width:{width:.0}px\"></span> {mos:.2}</div>",
                l = esc(label)
            );
        }
        h.push_str("</td></tr>");
    }
    h.push_str("</table>");
    for (i, call) in report.calls.iter().enumerate() {
        let _ = write!(
            h,
            "<h2 id=\"call-{n}\">Call {n}: {}</h2>",
            esc(call.cells.first().map_or("", String::as_str)),
            n = i + 1
        );
        if !call.facts.is_empty() {
            h.push_str("<table class=\"facts\">");
            for (label, value) in &call.facts {
                let _ = write!(h, "<tr><th>{}</th><td>{}</td></tr>", esc(label), esc(value));
            }
            h.push_str("</table>");
        }
        if !call.ladder.is_empty() {
            h.push_str("<h3>Messages</h3>");
            ladder(&mut h, &call.ladder);
        }
        for s in &call.streams {
            stream(&mut h, s);
        }
    }
    if !report.unsignalled.is_empty() {
        h.push_str("<h2>Streams without signalling in the capture</h2>");
        for s in &report.unsignalled {
            stream(&mut h, s);
        }
    }
    h.push_str("</body></html>\n");
    h
}

/// A ladder diagram: one vertical line per address, one arrow per message.
fn ladder(h: &mut String, steps: &[StepView]) {
    let mut parties: Vec<&str> = Vec::new();
    for s in steps {
        for p in [s.from.as_str(), s.to.as_str()] {
            if !parties.contains(&p) {
                parties.push(p);
            }
        }
    }
    let col = 220.0;
    let left = 80.0;
    let row = 26.0;
    let top = 40.0;
    let width = left + col * (parties.len().max(2) - 1) as f64 + 120.0;
    let height = top + row * steps.len() as f64 + 20.0;
    let x = |p: &str| left + col * parties.iter().position(|q| *q == p).unwrap_or(0) as f64;
    let _ = write!(
        h,
        "<svg class=\"ladder\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"SIP ladder\">\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#264653\"/></marker></defs>"
    );
    for p in &parties {
        let px = x(p);
        let _ = write!(
            h,
            "<text x=\"{px:.0}\" y=\"16\" text-anchor=\"middle\">{}</text>\
             <line x1=\"{px:.0}\" y1=\"24\" x2=\"{px:.0}\" y2=\"{:.0}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>",
            esc(p),
            height - 8.0
        );
    }
    for (i, s) in steps.iter().enumerate() {
        let y = top + row * i as f64;
        let (x1, x2) = (x(&s.from), x(&s.to));
        let mid = (x1 + x2) / 2.0;
        let label = if s.sdp {
            format!("{} (SDP)", s.label)
        } else {
            s.label.clone()
        };
        let _ = write!(
            h,
            "<text x=\"8\" y=\"{:.0}\" fill=\"#555\">{:.3} s</text>\
             <line x1=\"{x1:.0}\" y1=\"{y:.0}\" x2=\"{x2:.0}\" y2=\"{y:.0}\" stroke=\"#264653\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\
             <text x=\"{mid:.0}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text>",
            y + 4.0,
            s.t_s,
            y - 5.0,
            esc(&label)
        );
    }
    h.push_str("</svg>");
}

/// A stream's figures and its three charts.
fn stream(h: &mut String, s: &StreamView) {
    let _ = write!(
        h,
        "<h3>{}</h3><div class=\"fig\">{}</div>",
        esc(&s.title),
        esc(&s.figures)
    );
    if s.points.is_empty() {
        return;
    }
    chart(
        h,
        "Jitter (ms)",
        "#e76f51",
        s.points.iter().map(|p| (p.t_s, p.jitter_ms)),
    );
    chart(
        h,
        "Transit delay (ms, relative)",
        "#2a9d8f",
        s.points.iter().map(|p| (p.t_s, p.transit_ms)),
    );
    chart(
        h,
        "Packets lost",
        "#e9c46a",
        s.points.iter().map(|p| (p.t_s, p.lost as f64)),
    );
}

/// One line chart with axes, `(seconds, value)` points.
fn chart(h: &mut String, title: &str, colour: &str, points: impl Iterator<Item = (f64, f64)>) {
    let pts: Vec<(f64, f64)> = points
        .filter(|(t, v)| t.is_finite() && v.is_finite())
        .collect();
    let (w, ht, ml, mb, mt) = (640.0, 150.0, 50.0, 24.0, 18.0);
    let t_max = pts.iter().map(|p| p.0).fold(0.0_f64, f64::max).max(1e-9);
    let v_min = pts.iter().map(|p| p.1).fold(0.0_f64, f64::min);
    let v_max = pts.iter().map(|p| p.1).fold(0.0_f64, f64::max);
    let span = if v_max - v_min > 1e-9 {
        v_max - v_min
    } else {
        1.0
    };
    let px = |t: f64| ml + t / t_max * (w - ml - 10.0);
    let py = |v: f64| mt + (1.0 - (v - v_min) / span) * (ht - mt - mb);
    let _ = write!(
        h,
        "<div class=\"chart\"><svg width=\"{w:.0}\" height=\"{ht:.0}\" viewBox=\"0 0 {w:.0} {ht:.0}\" role=\"img\" aria-label=\"{a}\">\
         <text x=\"{ml:.0}\" y=\"12\">{a}</text>\
         <line x1=\"{ml:.0}\" y1=\"{mt:.0}\" x2=\"{ml:.0}\" y2=\"{b:.0}\" stroke=\"#333\"/>\
         <line x1=\"{ml:.0}\" y1=\"{b:.0}\" x2=\"{r:.0}\" y2=\"{b:.0}\" stroke=\"#333\"/>\
         <text x=\"{lx:.0}\" y=\"{ty:.0}\" text-anchor=\"end\">{v_max:.1}</text>\
         <text x=\"{lx:.0}\" y=\"{by:.0}\" text-anchor=\"end\">{v_min:.1}</text>\
         <text x=\"{r:.0}\" y=\"{ax:.0}\" text-anchor=\"end\">{t_max:.1} s</text>",
        a = esc(title),
        b = ht - mb,
        r = w - 10.0,
        lx = ml - 4.0,
        ty = mt + 4.0,
        by = ht - mb,
        ax = ht - 6.0,
    );
    if !pts.is_empty() {
        let mut path = String::new();
        for (i, (t, v)) in pts.iter().enumerate() {
            let _ = write!(
                path,
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { "L" },
                px(*t),
                py(*v)
            );
        }
        let _ = write!(
            h,
            "<path class=\"series\" d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>"
        );
    }
    h.push_str("</svg></div>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ReportView {
        ReportView {
            title: "call <1>.pcap".into(),
            summary: vec![("calls".into(), "1".into())],
            columns: vec!["call_id".into(), "duration_s".into()],
            calls: vec![CallView {
                cells: vec!["a&b".into(), "60.0".into()],
                mos: vec![("caller → callee".into(), 4.2)],
                facts: vec![("SHAKEN attestation".into(), "<A>".into())],
                ladder: vec![
                    StepView {
                        t_s: 0.0,
                        from: "192.0.2.1:5060".into(),
                        to: "192.0.2.2:5060".into(),
                        label: "INVITE".into(),
                        sdp: true,
                    },
                    StepView {
                        t_s: 0.2,
                        from: "192.0.2.2:5060".into(),
                        to: "192.0.2.1:5060".into(),
                        label: "180 Ringing".into(),
                        sdp: false,
                    },
                ],
                streams: vec![StreamView {
                    title: "caller → callee".into(),
                    figures: "2 packets".into(),
                    points: vec![
                        PointView {
                            t_s: 0.0,
                            jitter_ms: 0.0,
                            transit_ms: 0.0,
                            lost: 0,
                        },
                        PointView {
                            t_s: 1.0,
                            jitter_ms: 2.0,
                            transit_ms: 5.0,
                            lost: 1,
                        },
                    ],
                }],
            }],
            unsignalled: vec![],
        }
    }

    #[test]
    fn text_from_the_capture_is_escaped() {
        let html = render(&sample());
        assert!(html.contains("call &lt;1&gt;.pcap"));
        assert!(html.contains("<td>a&amp;b</td>"));
        assert!(!html.contains("<1>"));
        assert!(html.contains("<tr><th>SHAKEN attestation</th><td>&lt;A&gt;</td></tr>"));
    }

    #[test]
    fn the_page_is_self_contained_with_a_ladder_and_three_charts_per_stream() {
        let html = render(&sample());
        for external in [
            "<script", "http://", "https://", "<link", "@import", "url(http",
        ] {
            assert!(!html.contains(external), "{external}");
        }
        assert_eq!(html.matches("class=\"ladder\"").count(), 1);
        assert_eq!(html.matches("class=\"series\"").count(), 3);
        // Two messages: two arrows between the two parties' lines at x = 80 and 300.
        assert!(html.contains("x1=\"80\" y1=\"40\" x2=\"300\" y2=\"40\""));
        assert!(html.contains("x1=\"300\" y1=\"66\" x2=\"80\" y2=\"66\""));
        assert!(html.contains("INVITE (SDP)"));
    }
}
