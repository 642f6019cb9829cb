//! Rating throughput against a 100k-prefix table (hot and uniformly random
//! destinations), prefix lookup alone beside the `radix_trie` crate, number
//! normalization alone, and table build time.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::Timestamp;
use rust_decimal::Decimal;
use tariff::{
    BundleUsage, Country, Plan, PlanVersion, PrefixTable, RateEntry, RatingEngine, normalize_number,
};

const PREFIXES: usize = 100_000;
const RECORDS: usize = 1_000_000;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const COUNTRY_CODES: [&str; 10] = ["31", "32", "49", "44", "33", "39", "34", "41", "43", "45"];

/// Distinct prefixes: a country code and `min..min+4` more digits.
fn gen_prefixes(rng: &mut Rng, n: usize, min: usize) -> Vec<String> {
    let mut set = std::collections::HashSet::with_capacity(n);
    while set.len() < n {
        let mut p = COUNTRY_CODES[rng.below(COUNTRY_CODES.len())].to_owned();
        for _ in 0..min + rng.below(4) {
            p.push(char::from(b'0' + rng.below(10) as u8));
        }
        set.insert(p);
    }
    let mut v: Vec<String> = set.into_iter().collect();
    v.sort();
    v
}

fn plan(prefixes: &[String]) -> Plan {
    let mut plan = Plan::new("bench", "NL");
    let rates = prefixes
        .iter()
        .enumerate()
        .map(|(i, p)| RateEntry {
            destination: format!("d{i}"),
            prefixes: vec![p.clone()],
            per_minute: Decimal::new(1 + (i as i64 % 500), 3),
            connect_fee: Decimal::new(i as i64 % 3, 2),
            first_increment_s: Some(if i % 2 == 0 { 60 } else { 30 }),
            next_increment_s: Some(if i % 2 == 0 { 60 } else { 6 }),
            ..RateEntry::default()
        })
        .collect();
    plan.versions.push(PlanVersion {
        effective_from: None,
        effective_at: None,
        rates,
        rates_csv: None,
        needs_rate: false,
    });
    plan
}

/// `+` + a prefix + digits up to a valid length for its country (NL 9-digit national
/// numbers, BE 8 or 9 for mobiles, DE 10, others 9).
fn number(rng: &mut Rng, prefix: &str) -> String {
    let (cc, nsn_len) = match &prefix[..2] {
        "31" => (2, 9),
        "32" if prefix.as_bytes().get(2) == Some(&b'4') => (2, 9),
        "32" => (2, 8),
        "49" => (2, 10),
        _ => (2, 9),
    };
    let mut n = format!("+{prefix}");
    while n.len() < 1 + cc + nsn_len {
        n.push(char::from(b'0' + rng.below(10) as u8));
    }
    n
}

fn records(rng: &mut Rng, prefixes: &[String], hot: bool) -> Vec<(Timestamp, u32, String)> {
    let hot_set: Vec<&String> = (0..20)
        .map(|i| &prefixes[i * 4999 % prefixes.len()])
        .collect();
    let base: Timestamp = "2026-03-11T09:00:00Z".parse().unwrap();
    (0..RECORDS)
        .map(|i| {
            let p = if hot && rng.below(100) < 90 {
                hot_set[rng.below(hot_set.len())]
            } else {
                &prefixes[rng.below(prefixes.len())]
            };
            let start = base + jiff::SignedDuration::from_secs(i as i64 % 86_400);
            (start, rng.below(600) as u32, number(rng, p))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let prefixes = gen_prefixes(&mut rng, PREFIXES, 3);
    let plan = plan(&prefixes);
    let engine = RatingEngine::new(&plan).unwrap();
    let hot = records(&mut rng, &prefixes, true);
    let random = records(&mut rng, &prefixes, false);

    let mut g = c.benchmark_group("rate_1m_records_100k_prefixes");
    g.throughput(Throughput::Elements(RECORDS as u64));
    for (name, set) in [("hot", &hot), ("uniform", &random)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut usage = BundleUsage::new(&engine);
                let mut total = Decimal::ZERO;
                for (start, secs, dest) in set.iter() {
                    total += engine
                        .rate(*start, *secs, true, dest, &mut usage)
                        .unwrap()
                        .cost;
                }
                black_box(total)
            })
        });
    }
    g.finish();

    // Prefix lookup alone, digits only, beside radix_trie's longest-ancestor lookup.
    let table = PrefixTable::build(
        prefixes
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_bytes(), i as u32)),
    )
    .unwrap();
    let mut trie = radix_trie::Trie::new();
    for (i, p) in prefixes.iter().enumerate() {
        trie.insert(p.clone(), i as u32);
    }
    let digits: Vec<String> = random.iter().map(|(_, _, n)| n[1..].to_owned()).collect();
    let mut g = c.benchmark_group("prefix_lookup_100k");
    g.throughput(Throughput::Elements(digits.len() as u64));
    g.bench_function("voipkit_prefix_table", |b| {
        b.iter(|| {
            let mut hits = 0u64;
            for d in &digits {
                hits += u64::from(table.lookup(d.as_bytes()).is_some());
            }
            black_box(hits)
        })
    });
    g.bench_function("radix_trie_get_ancestor", |b| {
        b.iter(|| {
            let mut hits = 0u64;
            for d in &digits {
                hits += u64::from(trie.get_ancestor_value(d.as_str()).is_some());
            }
            black_box(hits)
        })
    });
    g.finish();

    // Number normalization alone: national and international forms with separators.
    let forms: Vec<String> = (0..RECORDS)
        .map(|i| match i % 4 {
            0 => format!("020 {:03} {:04}", i % 1000, i % 10_000),
            1 => format!("06-{:08}", i % 100_000_000),
            2 => format!(
                "+32 470 {:02} {:02} {:02}",
                i % 100,
                (i / 100) % 100,
                (i / 10_000) % 100
            ),
            _ => format!("0049 30 {:07}", i % 10_000_000),
        })
        .collect();
    let mut g = c.benchmark_group("normalize_number");
    g.throughput(Throughput::Elements(forms.len() as u64));
    g.bench_function("voipkit_normalize_number", |b| {
        b.iter(|| {
            let mut ok = 0u64;
            for f in &forms {
                ok += u64::from(normalize_number(f, Country::NL).is_ok());
            }
            black_box(ok)
        })
    });
    // Bare E.164 digits, as most call records carry them.
    let e164: Vec<String> = random.iter().map(|(_, _, n)| n.clone()).collect();
    g.bench_function("voipkit_normalize_number_e164", |b| {
        b.iter(|| {
            let mut ok = 0u64;
            for f in &e164 {
                ok += u64::from(normalize_number(f, Country::NL).is_ok());
            }
            black_box(ok)
        })
    });
    g.finish();

    // Build time: a 1M-prefix table, and compiling the 100k-prefix plan.
    let million = gen_prefixes(&mut rng, 1_000_000, 5);
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("prefix_table_1m_prefixes", |b| {
        b.iter(|| {
            PrefixTable::build(
                million
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.as_bytes(), i as u32)),
            )
            .unwrap()
        })
    });
    g.bench_function("rating_engine_100k_prefix_plan", |b| {
        b.iter(|| RatingEngine::new(&plan).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
