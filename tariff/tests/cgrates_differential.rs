//! Differential test of the `cgrates` rating mode against the CGRateS engine itself
//! (issue 12: a CGRateS operator who switches must get the same invoice).
//!
//! For each tariff plan under `tests/data/cgrates` (the tutorial-shaped plan and the
//! richer `business` and `calendar` plans), random calls are generated from a seed and
//! rated twice: by CGRateS v0.10.4's `CallDescriptor::GetCost`, run in process by the
//! oracle in `tests/cgrates-oracle` (a small Go program, built and cached by its
//! `build.sh`), and by [`tariff::import_cgrates`] + [`tariff::RatingEngine`] in cgrates
//! mode. Costs are compared exactly: voipkit's decimal against the value of the float64
//! CGRateS printed (shortest round-trip text).
//!
//! The generator reads each plan's files, so it aims at what the plan defines: its
//! subjects and unknown ones (which CGRateS rates by the `*any` subject), numbers under
//! its destination prefixes and numbers under none, durations on and around increment
//! and `GroupIntervalStart` boundaries, and starts on and around the instants where
//! rating can change (timing starts and ends on the days the timing applies, midnights,
//! weekend edges, activation times).
//!
//! Every call falls in one class: `errors` when either side returns an error (or
//! CGRateS panics; both sides failing counts as agreement), else `crossing` when the
//! call spans such an instant, else `within` (one band all along). Agreement is counted
//! per plan and class and printed; every disagreement is written, with the call and
//! both results, to `cgrates-differential/PLAN.jsonl` under the cargo target's `tmp`
//! directory (`target/tmp` by default), and every call on which CGRateS panicked (agreed
//! or not) to `PLAN.panics.jsonl` beside it.
//!
//! The test fails on any call the two engines rate differently (a cost against an
//! error counts as a difference; two errors agree, whatever their messages), at any
//! seed and number of calls, and lists those calls.
//!
//! Settings (environment variables):
//! - `VOIPKIT_CGRATES_CALLS`: calls per plan (default [`DEFAULT_CALLS`]);
//! - `VOIPKIT_CGRATES_SEED`: the generator's seed (default [`DEFAULT_SEED`]).
//!
//! Without `go` the test is skipped with a message, unless `VOIPKIT_REQUIRE_PEERS=1`, in
//! which case it fails. The first run builds the oracle (several minutes: CGRateS and
//! its dependencies come from the Go module proxy); later runs reuse the cached binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use tariff::{CgratesCall, CgratesRater, CgratesTariffPlan};

/// Calls generated per plan unless `VOIPKIT_CGRATES_CALLS` says otherwise.
const DEFAULT_CALLS: usize = 10_000;
/// The generator's seed unless `VOIPKIT_CGRATES_SEED` says otherwise.
const DEFAULT_SEED: u64 = 12;

/// The plans compared: a name and the folder under `tests/data/cgrates`.
const PLANS: &[(&str, &str)] = &[
    ("tutorial", ""),
    ("business", "business"),
    ("calendar", "calendar"),
];

const CLASSES: [&str; 3] = ["within", "crossing", "errors"];

#[test]
fn cgrates_mode_is_compared_with_cgrates_on_random_calls() {
    let Some(oracle) = build_oracle() else {
        return;
    };
    let calls_per_plan = env_number("VOIPKIT_CGRATES_CALLS").map_or(DEFAULT_CALLS, |n| n as usize);
    let seed = env_number("VOIPKIT_CGRATES_SEED").unwrap_or(DEFAULT_SEED);
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cgrates-differential");
    std::fs::create_dir_all(&out_dir).unwrap();

    let mut report = format!(
        "CGRateS differential: {calls_per_plan} calls per plan, seed {seed}; \
         disagreements in {}\n",
        out_dir.display()
    );
    let mut unexplained = Vec::new();
    for &(name, folder) in PLANS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/cgrates")
            .join(folder);
        let plan = PlanInfo::read(name, &dir);
        let mut rng = Rng::new(seed ^ fnv(name));
        let calls: Vec<Call> = (0..calls_per_plan)
            .map(|i| plan.generate(i, &mut rng))
            .collect();
        let theirs = run_oracle(&oracle, &dir, &calls);
        assert_eq!(
            theirs.len(),
            calls.len(),
            "the oracle answered {} of {} calls on plan {name}",
            theirs.len(),
            calls.len()
        );
        let mut engines = Engines::new(&plan.files);
        let mut tally: BTreeMap<&str, (usize, usize)> =
            CLASSES.iter().map(|c| (*c, (0, 0))).collect();
        let mut disagreements = String::new();
        let mut panics = String::new();
        for (call, their) in calls.iter().zip(&theirs) {
            assert_eq!(their["id"], json!(call.id), "oracle answers out of order");
            let cgrates = Outcome::from_oracle(their);
            let voipkit = engines.rate(call);
            if their["panic"] == json!(true) {
                let line = json!({
                    "plan": name,
                    "call": call.to_json(),
                    "cgrates": their,
                    "voipkit": voipkit.to_json(),
                });
                writeln!(panics, "{line}").unwrap();
            }
            let class = if cgrates.is_error() || voipkit.is_error() {
                "errors"
            } else if plan.crosses(call) {
                "crossing"
            } else {
                "within"
            };
            let agree = match (&cgrates, &voipkit) {
                (Outcome::Cost(a), Outcome::Cost(b)) => a == b,
                (a, b) => a.is_error() && b.is_error(),
            };
            let entry = tally.get_mut(class).unwrap();
            entry.0 += 1;
            if agree {
                entry.1 += 1;
            } else {
                unexplained.push(format!(
                    "{name}: call {} ({} {} to {} at {} for {} s): CGRateS {}, voipkit {}",
                    call.id,
                    call.category,
                    call.subject,
                    call.destination,
                    call.start(),
                    call.duration,
                    cgrates.to_json(),
                    voipkit.to_json()
                ));
                let line = json!({
                    "plan": name,
                    "class": class,
                    "call": call.to_json(),
                    "cgrates": their,
                    "voipkit": voipkit.to_json(),
                    "difference": match (&voipkit, &cgrates) {
                        (Outcome::Cost(v), Outcome::Cost(c)) => json!((v - c).to_string()),
                        _ => Value::Null,
                    },
                });
                writeln!(disagreements, "{line}").unwrap();
            }
        }
        std::fs::write(out_dir.join(format!("{name}.jsonl")), disagreements).unwrap();
        let panics_file = out_dir.join(format!("{name}.panics.jsonl"));
        let panics_count = panics.lines().count();
        std::fs::write(panics_file, panics).unwrap();
        let (total, agreed) = tally
            .values()
            .fold((0, 0), |(t, a), (ct, ca)| (t + ct, a + ca));
        writeln!(
            report,
            "  {name:<9} agree on {agreed:>5} of {total:>5} calls: {} (CGRateS panicked on {panics_count})",
            CLASSES
                .iter()
                .map(|c| format!("{c} {}/{}", tally[c].1, tally[c].0))
                .collect::<Vec<_>>()
                .join(", ")
        )
        .unwrap();
    }
    std::fs::write(out_dir.join("summary.txt"), &report).unwrap();
    // Straight to stderr, not through the test harness's capture: the counts are the
    // point of the run, shown whether the test passes or not.
    std::io::stderr().write_all(report.as_bytes()).unwrap();
    assert!(
        unexplained.is_empty(),
        "{} calls rated differently by CGRateS and voipkit's cgrates mode:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
}

/// A number from the environment, if set.
fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    Some(
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a whole number")),
    )
}

/// Builds the oracle (or finds it cached) and returns its path; `None` (after a
/// message) when `go` is not installed and peers are not required.
fn build_oracle() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cgrates-oracle/build.sh");
    let require = std::env::var("VOIPKIT_REQUIRE_PEERS").is_ok_and(|v| v == "1");
    let skip = |reason: &str| {
        assert!(
            !require,
            "peer required (VOIPKIT_REQUIRE_PEERS=1) but {reason}"
        );
        // Past the harness's capture, so that a skip is seen.
        let message = format!("skipping the differential test against CGRateS: {reason}\n");
        std::io::stderr().write_all(message.as_bytes()).unwrap();
        None
    };
    if !script.exists() {
        // A packaged crate leaves the oracle out (it links CGRateS, GPLv3).
        return skip(&format!("{} is not there", script.display()));
    }
    let output = Command::new("bash")
        .arg(&script)
        .stderr(Stdio::inherit())
        .output()
        .expect("bash runs the oracle's build script");
    if output.status.code() == Some(77) {
        return skip("go is not installed");
    }
    assert!(
        output.status.success(),
        "{} failed ({})",
        script.display(),
        output.status
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let path = PathBuf::from(stdout.lines().last().expect("the script prints the path"));
    assert!(path.exists(), "no oracle at {}", path.display());
    Some(path)
}

/// Rates `calls` with the oracle on the plan in `dir`: one JSON value per call.
fn run_oracle(oracle: &Path, dir: &Path, calls: &[Call]) -> Vec<Value> {
    let mut child = Command::new(oracle)
        .arg("-tp")
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the oracle starts");
    let mut stdin = child.stdin.take().unwrap();
    let input: String = calls.iter().map(|c| format!("{}\n", c.to_json())).collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let results: Vec<Value> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).expect("the oracle prints JSON lines"))
        .collect();
    writer.join().unwrap().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "the oracle failed on {}", dir.display());
    results
}

/// One generated call.
#[derive(Debug, Clone)]
struct Call {
    id: String,
    tenant: String,
    category: String,
    subject: String,
    destination: String,
    start: i64,
    duration: u32,
}

impl Call {
    fn start(&self) -> Timestamp {
        Timestamp::from_second(self.start).unwrap()
    }

    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "tenant": self.tenant,
            "category": self.category,
            "subject": self.subject,
            "destination": self.destination,
            "start": self.start().to_string(),
            "duration": self.duration,
        })
    }
}

/// What one engine said about a call.
#[derive(Debug)]
enum Outcome {
    Cost(Decimal),
    Error(String),
}

impl Outcome {
    fn from_oracle(v: &Value) -> Outcome {
        if let Some(e) = v["error"].as_str() {
            let kind = if v["panic"] == json!(true) {
                "panic"
            } else {
                "error"
            };
            return Outcome::Error(format!("{kind}: {e}"));
        }
        let text = v["cost"].as_str().expect("a cost without an error");
        Outcome::Cost(
            Decimal::from_str(text).unwrap_or_else(|e| panic!("cost {text:?} is no decimal: {e}")),
        )
    }

    fn is_error(&self) -> bool {
        matches!(self, Outcome::Error(_))
    }

    fn to_json(&self) -> Value {
        match self {
            Outcome::Cost(c) => json!({ "cost": c.to_string() }),
            Outcome::Error(e) => json!({ "error": e }),
        }
    }
}

/// voipkit's side: one imported plan per tenant, category and subject, as an operator
/// migrating would import them.
/// voipkit's side: [`CgratesRater`], which imports each subject's plan on first use.
struct Engines {
    rater: CgratesRater,
}

impl Engines {
    fn new(files: &CgratesTariffPlan) -> Self {
        Engines {
            rater: CgratesRater::new(files.clone(), "NL"),
        }
    }

    fn rate(&mut self, call: &Call) -> Outcome {
        let request = CgratesCall {
            tenant: call.tenant.clone(),
            category: call.category.clone(),
            subject: call.subject.clone(),
            destination: call.destination.clone(),
            start: call.start(),
            duration_s: call.duration,
        };
        match self.rater.rate(&request) {
            Ok(rated) => Outcome::Cost(rated.cost),
            Err(e) => Outcome::Error(e.to_string()),
        }
    }
}

/// A `Timings.csv` row, as CGRateS reads it.
#[derive(Debug)]
struct Timing {
    years: Vec<i16>,
    months: Vec<i8>,
    month_days: Vec<i8>,
    /// 0 = Sunday ... 6 = Saturday (CGRateS reads 7 as Sunday too).
    week_days: Vec<i8>,
    /// Second of the day it starts.
    start: i64,
    /// Second of the day it ends (the last second it is active), if given.
    end: Option<i64>,
}

impl Timing {
    fn applies_on(&self, d: Date) -> bool {
        let weekday = d.weekday().to_sunday_zero_offset();
        (self.years.is_empty() || self.years.contains(&d.year()))
            && (self.months.is_empty() || self.months.contains(&d.month()))
            && (self.month_days.is_empty() || self.month_days.contains(&d.day()))
            && (self.week_days.is_empty() || self.week_days.contains(&weekday))
    }
}

/// A `RatingProfiles.csv` row.
#[derive(Debug)]
struct Profile {
    tenant: String,
    category: String,
    subject: String,
    activation: i64,
    /// `RatesFallbackSubject`, split at `;`.
    fallbacks: Vec<String>,
}

/// What the generator needs to know about a plan.
struct PlanInfo {
    files: CgratesTariffPlan,
    prefixes: Vec<String>,
    /// The prefixes each subject's own rating plans rate (any of their activations).
    rated_prefixes: HashMap<String, Vec<String>>,
    /// (GroupIntervalStart, RateIncrement, RateUnit) of every `Rates.csv` row, seconds.
    increments: Vec<(u32, u32, u32)>,
    timings: Vec<Timing>,
    profiles: Vec<Profile>,
    /// Distinct (tenant, category) pairs of the profiles.
    accounts: Vec<(String, String)>,
}

/// Data rows of a CGRateS CSV (comment lines start with `#`).
fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split(',').map(|f| f.trim().to_owned()).collect())
        .collect()
}

/// A Go duration as the plans write them (`60s`, `1m`, `0`, `1`), in seconds.
fn go_seconds(text: &str) -> u32 {
    let (number, factor) = match text.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (
            &text[..i],
            match &text[i..] {
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                unit => panic!("unit {unit:?} in {text:?}"),
            },
        ),
        None => (text, 1),
    };
    number.parse::<u32>().unwrap() * factor
}

/// `*any`/empty or a `;`-separated list of numbers.
fn list<T: FromStr>(text: &str) -> Vec<T> {
    if text == "*any" || text.is_empty() {
        return Vec::new();
    }
    text.split(';')
        .filter_map(|x| x.trim().parse().ok())
        .collect()
}

fn list_of_subjects(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn hms(text: &str) -> i64 {
    let p: Vec<i64> = text.split(':').map(|x| x.parse().unwrap()).collect();
    p[0] * 3600 + p[1] * 60 + p.get(2).copied().unwrap_or(0)
}

impl PlanInfo {
    fn read(name: &str, dir: &Path) -> PlanInfo {
        let read = |file: &str| {
            std::fs::read_to_string(dir.join(file))
                .unwrap_or_else(|e| panic!("plan {name}: {file}: {e}"))
        };
        let files = CgratesTariffPlan {
            destinations: read("Destinations.csv"),
            rates: read("Rates.csv"),
            destination_rates: read("DestinationRates.csv"),
            timings: read("Timings.csv"),
            rating_plans: read("RatingPlans.csv"),
            rating_profiles: read("RatingProfiles.csv"),
        };
        let mut destinations: HashMap<String, Vec<String>> = HashMap::new();
        for r in rows(&files.destinations) {
            destinations
                .entry(r[0].clone())
                .or_default()
                .push(r[1].clone());
        }
        let prefixes: BTreeSet<String> = destinations.values().flatten().cloned().collect();
        // Destination rates id -> destination ids; rating plan id -> destination ids.
        let mut dest_rates: HashMap<String, Vec<String>> = HashMap::new();
        for r in rows(&files.destination_rates) {
            dest_rates
                .entry(r[0].clone())
                .or_default()
                .push(r[1].clone());
        }
        let mut plan_dests: HashMap<String, BTreeSet<String>> = HashMap::new();
        for r in rows(&files.rating_plans) {
            let ids = dest_rates.get(&r[1]).cloned().unwrap_or_default();
            plan_dests.entry(r[0].clone()).or_default().extend(ids);
        }
        let mut rated: HashMap<String, BTreeSet<String>> = HashMap::new();
        for r in rows(&files.rating_profiles) {
            let set = rated.entry(r[2].clone()).or_default();
            // The `*any` destination has no prefixes: any number is one of its.
            for id in plan_dests.get(&r[4]).into_iter().flatten() {
                set.extend(destinations.get(id).into_iter().flatten().cloned());
            }
        }
        let increments = rows(&files.rates)
            .iter()
            .map(|r| (go_seconds(&r[5]), go_seconds(&r[4]), go_seconds(&r[3])))
            .collect();
        let timings = rows(&files.timings)
            .iter()
            .map(|r| {
                let mut times = r[5].split(';');
                Timing {
                    years: list(&r[1]),
                    months: list(&r[2]),
                    month_days: list(&r[3]),
                    week_days: list::<i8>(&r[4]).into_iter().map(|d| d % 7).collect(),
                    start: times.next().map_or(0, hms),
                    end: times.next().map(hms),
                }
            })
            .collect();
        let profiles: Vec<Profile> = rows(&files.rating_profiles)
            .iter()
            .map(|r| Profile {
                tenant: r[0].clone(),
                category: r[1].clone(),
                subject: r[2].clone(),
                activation: r[3].parse::<Timestamp>().unwrap().as_second(),
                fallbacks: r.get(5).map(|f| list_of_subjects(f)).unwrap_or_default(),
            })
            .collect();
        let accounts: BTreeSet<(String, String)> = profiles
            .iter()
            .map(|p| (p.tenant.clone(), p.category.clone()))
            .collect();
        PlanInfo {
            files,
            prefixes: prefixes.into_iter().collect(),
            rated_prefixes: rated
                .into_iter()
                .map(|(k, v)| (k, v.into_iter().collect()))
                .collect(),
            increments,
            timings,
            profiles,
            accounts: accounts.into_iter().collect(),
        }
    }

    /// The instants of day `d` (UTC) where rating can change: its midnight and the
    /// starts and ends of the timings that apply on it.
    fn boundaries_on(&self, d: Date) -> Vec<i64> {
        let midnight = day_start(d);
        let mut out = vec![midnight];
        for t in self.timings.iter().filter(|t| t.applies_on(d)) {
            out.push(midnight + t.start);
            if let Some(end) = t.end {
                out.push(midnight + end + 1);
            }
        }
        out
    }

    /// The subjects whose activations can change how `subject` is rated: itself (or
    /// `*any` when it has no profile), the subjects it falls back on, and `*any`.
    fn related_subjects(&self, tenant: &str, category: &str, subject: &str) -> BTreeSet<String> {
        let ours = |p: &&Profile| p.tenant == tenant && p.category == category;
        let known = self
            .profiles
            .iter()
            .filter(ours)
            .any(|p| p.subject == subject);
        let mut todo = vec![
            if known { subject } else { "*any" }.to_owned(),
            "*any".into(),
        ];
        let mut seen = BTreeSet::new();
        while let Some(s) = todo.pop() {
            if seen.insert(s.clone()) {
                for p in self.profiles.iter().filter(ours).filter(|p| p.subject == s) {
                    todo.extend(p.fallbacks.iter().cloned());
                }
            }
        }
        seen
    }

    /// Whether the call spans an instant where rating can change (a timing boundary,
    /// a midnight or an activation of a subject its rating depends on) strictly
    /// inside it.
    fn crosses(&self, call: &Call) -> bool {
        let (s, e) = (call.start, call.start + i64::from(call.duration));
        let related = self.related_subjects(&call.tenant, &call.category, &call.subject);
        if self
            .profiles
            .iter()
            .filter(|p| p.tenant == call.tenant && p.category == call.category)
            .filter(|p| related.contains(&p.subject))
            .any(|p| s < p.activation && p.activation < e)
        {
            return true;
        }
        let mut d = date_of(s);
        while day_start(d) < e {
            if self.boundaries_on(d).iter().any(|&b| s < b && b < e) {
                return true;
            }
            d = d.tomorrow().unwrap();
        }
        false
    }

    fn generate(&self, index: usize, rng: &mut Rng) -> Call {
        let (tenant, category) = rng.pick(&self.accounts).clone();
        let known: Vec<&str> = self
            .profiles
            .iter()
            .filter(|p| p.tenant == tenant && p.category == category && p.subject != "*any")
            .map(|p| p.subject.as_str())
            .collect();
        let subject = if known.is_empty() || rng.chance(0.2) {
            // Not in RatingProfiles: CGRateS rates it by the `*any` subject, if any.
            format!("9{}", rng.digits(4))
        } else {
            (*rng.pick(&known)).to_owned()
        };
        let duration = self.duration(rng);
        let destination = match self.rated_prefixes.get(&subject) {
            Some(rated) if !rated.is_empty() && rng.chance(0.5) => {
                let extra = rng.below(8) as usize;
                format!("{}{}", rng.pick(rated), rng.digits(extra))
            }
            _ => self.destination(rng),
        };
        Call {
            id: index.to_string(),
            tenant,
            category,
            subject,
            destination,
            start: self.start(duration, rng),
            duration,
        }
    }

    fn destination(&self, rng: &mut Rng) -> String {
        let prefix = rng.pick(&self.prefixes).clone();
        let r = rng.unit();
        if r < 0.55 {
            // Under a prefix (maybe under a longer one too).
            let extra = rng.below(8) as usize;
            format!("{prefix}{}", rng.digits(extra))
        } else if r < 0.65 {
            prefix
        } else if r < 0.75 {
            // The prefix with its `+` removed, or with one added.
            let extra = rng.below(7) as usize;
            match prefix.strip_prefix('+') {
                Some(bare) => format!("{bare}{}", rng.digits(extra)),
                None => format!("+{prefix}{}", rng.digits(extra)),
            }
        } else if r < 0.9 {
            // Any number: mostly under no prefix of a plan with few of them.
            let len = 3 + rng.below(10) as usize;
            rng.digits(len)
        } else {
            // Just short of a prefix.
            let mut p = prefix.trim_start_matches('+').to_owned();
            p.pop();
            if p.is_empty() {
                p = rng.digits(2);
            }
            p
        }
    }

    fn duration(&self, rng: &mut Rng) -> u32 {
        let r = rng.unit();
        if r < 0.05 {
            0
        } else if r < 0.1 {
            1 + rng.below(5) as u32
        } else if r < 0.55 {
            // On, just before or just after an increment or unit boundary of a tier.
            let &(group_start, increment, unit) = rng.pick(&self.increments);
            let step = if rng.chance(0.5) { increment } else { unit };
            let at = group_start + step * rng.below(5) as u32;
            match rng.below(3) {
                0 => at.saturating_sub(1),
                1 => at,
                _ => at + 1,
            }
        } else if r < 0.85 {
            1 + rng.below(900) as u32
        } else {
            900 + rng.below(6300) as u32
        }
    }

    fn start(&self, duration: u32, rng: &mut Rng) -> i64 {
        if rng.chance(0.5) {
            return self.random_instant(rng);
        }
        let r = rng.unit();
        let boundary = if r < 0.25 {
            rng.pick(&self.profiles).activation
        } else if r < 0.55 || self.timings.is_empty() {
            // A midnight, half the time one at the edge of a weekend.
            let mut d = self.random_day(rng);
            if rng.chance(0.5) {
                let edge = if rng.chance(0.5) {
                    Weekday::Saturday
                } else {
                    Weekday::Monday
                };
                while d.weekday() != edge {
                    d = d.tomorrow().unwrap();
                }
            }
            day_start(d)
        } else {
            self.timing_boundary(rng)
        };
        // On the boundary, or ending on it, or spanning it, or just around it.
        let d = i64::from(duration);
        let offset = match rng.below(7) {
            0 => 0,
            1 => 1,
            2 => d,
            3 => d - 1,
            4 => d + 1,
            5 => rng.below(d as u64 + 1) as i64,
            _ => rng.below(241) as i64 - 120,
        };
        boundary - offset
    }

    /// A start or end of a timing, on a day it applies.
    fn timing_boundary(&self, rng: &mut Rng) -> i64 {
        let t = rng.pick(&self.timings);
        let mut day = self.random_day(rng);
        for _ in 0..200 {
            if t.applies_on(day) {
                break;
            }
            // Jump to a day the timing names, when it names months, days or years.
            let year = if t.years.is_empty() {
                day.year()
            } else {
                *rng.pick(&t.years)
            };
            let month = if t.months.is_empty() {
                day.month()
            } else {
                *rng.pick(&t.months)
            };
            let dom = if t.month_days.is_empty() {
                1 + rng.below(28) as i8
            } else {
                *rng.pick(&t.month_days)
            };
            day = Date::new(year, month, dom).unwrap_or_else(|_| self.random_day(rng));
            if !t.week_days.is_empty() && !t.applies_on(day) {
                day = day.tomorrow().unwrap();
            }
        }
        let midnight = day_start(day);
        match t.end {
            Some(end) if rng.chance(0.5) => midnight + end + 1,
            _ => midnight + t.start,
        }
    }

    /// An instant from a month before to a year after a random activation.
    fn random_instant(&self, rng: &mut Rng) -> i64 {
        let activation = rng.pick(&self.profiles).activation;
        activation - 30 * DAY + rng.below(395 * DAY as u64) as i64
    }

    fn random_day(&self, rng: &mut Rng) -> Date {
        date_of(self.random_instant(rng))
    }
}

const DAY: i64 = 86_400;

fn date_of(secs: i64) -> Date {
    Timestamp::from_second(secs)
        .unwrap()
        .to_zoned(TimeZone::UTC)
        .date()
}

fn day_start(d: Date) -> i64 {
    d.to_zoned(TimeZone::UTC).unwrap().timestamp().as_second()
}

/// FNV-1a, to give every plan its own stream from one seed.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// SplitMix64: small, seedable, the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}
