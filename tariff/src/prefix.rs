//! Longest-prefix match over large digit-prefix tables.
//!
//! Every prefix of length `L` covers an interval of the 18-digit key space (digits
//! encoded base 11 with 0 as "end of number", so `31` and `310` differ). Prefix
//! intervals are nested or disjoint, so one sweep flattens them into sorted disjoint
//! segments, each carrying the value of its innermost — longest — prefix. A lookup is
//! a bucket index on the first five digits, then a search among the bucket's few
//! segments: a binary search for [`PrefixTable::lookup`], and inside rating a count of
//! the segment starts not after the key (halved first when a bucket holds many), so
//! the bucket's cache lines are fetched together. No allocation, no data-dependent
//! branches.

use crate::Error;

/// Longest prefix (and number) length considered; longer numbers match on their first
/// [`MAX_PREFIX_DIGITS`] digits.
pub const MAX_PREFIX_DIGITS: usize = 18;
/// Buckets index the first five digits of a large table ...
const BUCKET_DIGITS: usize = 5;
/// ... and the first three of a small one, so that a plan of many small versions does
/// not spend 161 051 buckets (629 KiB) on each.
const SMALL_BUCKET_DIGITS: usize = 3;
/// Tables with fewer segments than this use the small buckets.
const SMALL_TABLE: usize = 16_384;
const NONE: u32 = u32::MAX;
/// Windows at most this long are scanned rather than halved.
const LINEAR_SCAN: usize = 16;

const fn pow11(n: usize) -> u64 {
    let mut v = 1u64;
    let mut i = 0;
    while i < n {
        v *= 11;
        i += 1;
    }
    v
}

const KEY_SPACE: u64 = pow11(MAX_PREFIX_DIGITS);
const BUCKET_WIDTH: u64 = pow11(MAX_PREFIX_DIGITS - BUCKET_DIGITS);
const BUCKETS: usize = pow11(BUCKET_DIGITS) as usize;
const SMALL_BUCKET_WIDTH: u64 = pow11(MAX_PREFIX_DIGITS - SMALL_BUCKET_DIGITS);
const SMALL_BUCKETS: usize = pow11(SMALL_BUCKET_DIGITS) as usize;

/// The key of a digit string (ASCII digits; at most the first 18 count). `None` if a
/// byte is not a digit.
#[inline]
fn key_of(digits: &[u8]) -> Option<u64> {
    let n = digits.len().min(MAX_PREFIX_DIGITS);
    let digits = digits.get(..n)?;
    // Eight places per word, read straight from the input: the second word is the
    // last eight digits shifted down to the ones after the first eight.
    let (w0, w1, tail) = if n >= 16 {
        (load8(digits, 0)?, load8(digits, 8)?, digits.get(16..)?)
    } else if n >= 8 {
        let last = load8(digits, n - 8)?;
        (
            load8(digits, 0)?,
            last.checked_shr(8 * (16 - n) as u32).unwrap_or(0),
            &[][..],
        )
    } else {
        let mut w = 0u64;
        for (i, &b) in digits.iter().enumerate() {
            if b.wrapping_sub(b'0') > 9 {
                return None;
            }
            w |= u64::from(b) << (8 * i);
        }
        (w, 0, &[][..])
    };
    let mut key = base11_of_8(codes(w0)) * pow11(10) + base11_of_8(codes(w1)) * 121;
    let mut scale = 11;
    for &b in tail {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        key += (u64::from(d) + 1) * scale;
        scale = 1;
    }
    Some(key)
}

/// Eight bytes of `digits` from `at` as a little-endian word, if they are all ASCII
/// digits.
#[inline]
fn load8(digits: &[u8], at: usize) -> Option<u64> {
    let mut w = [0u8; 8];
    w.copy_from_slice(digits.get(at..at + 8)?);
    let x = u64::from_le_bytes(w);
    // A byte is a digit when its high nibble is 3 and adding 6 keeps it 3 (low
    // nibble at most 9); with every high nibble 3 no addition carries over.
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const THREES: u64 = 0x3030_3030_3030_3030;
    let bad = ((x & HIGH) ^ THREES) | ((x.wrapping_add(0x0606_0606_0606_0606) & HIGH) ^ THREES);
    (bad == 0).then_some(x)
}

/// Base-11 codes of a word of ASCII digits and zero bytes: a digit `b'0' + d` becomes
/// `d + 1`, a zero byte 0.
#[inline]
fn codes(x: u64) -> u64 {
    (x & 0x0F0F_0F0F_0F0F_0F0F) + ((x >> 4) & 0x0101_0101_0101_0101)
}

/// The key of a number's zero-padded ASCII digits (at most 16 digits, then zero
/// bytes), eight places at a time: a digit byte `b'0' + d` becomes code `d + 1`, a zero
/// byte code 0.
#[inline]
pub(crate) fn key_of_padded(digits: &[u8; 16]) -> u64 {
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&digits[at..at + 8]);
        codes(u64::from_le_bytes(w))
    };
    base11_of_8(word(0)) * pow11(10) + base11_of_8(word(8)) * 121
}

/// Eight base-11 codes (bytes 0..=10, the first byte most significant) as one number:
/// pairs, then quads, then the eight, each step a multiply on packed lanes.
#[inline]
fn base11_of_8(x: u64) -> u64 {
    let x = (x & 0x00FF_00FF_00FF_00FF) * 11 + ((x >> 8) & 0x00FF_00FF_00FF_00FF);
    let x = (x & 0x0000_FFFF_0000_FFFF) * 121 + ((x >> 16) & 0x0000_FFFF_0000_FFFF);
    (x & 0xFFFF_FFFF) * 14_641 + (x >> 32)
}

#[inline]
fn pow11_table(n: usize) -> u64 {
    const T: [u64; MAX_PREFIX_DIGITS + 1] = {
        let mut t = [0u64; MAX_PREFIX_DIGITS + 1];
        let mut i = 0;
        while i <= MAX_PREFIX_DIGITS {
            t[i] = pow11(i);
            i += 1;
        }
        t
    };
    T[n]
}

/// A run of keys with one value.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: u64,
    /// The value of the innermost prefix, `NONE` for none.
    value: u32,
    /// A companion value derived from `value` for the crate's own use (in the padding
    /// the start's alignment leaves anyway), `NONE` unless set.
    companion: u32,
}

/// A compiled prefix table mapping digit prefixes to `u32` values.
#[derive(Debug, Clone, Default)]
pub struct PrefixTable {
    /// Segments in order of their starts: a lookup counts the starts not after its
    /// key, and the value it then reads lies in a cache line the count has just
    /// fetched.
    segments: Vec<Segment>,
    buckets: Vec<u32>,
    /// Whether `buckets` index five digits (else three).
    wide: bool,
    len: usize,
}

impl PrefixTable {
    /// Builds a table from `(prefix digits, value)` pairs. The same prefix twice with
    /// different values is an error; with the same value it is accepted once.
    pub fn build<'a, I>(entries: I) -> Result<PrefixTable, Error>
    where
        I: IntoIterator<Item = (&'a [u8], u32)>,
    {
        // (start, end, value); an interval's length orders nested ones.
        let mut items: Vec<(u64, u64, u32)> = Vec::new();
        for (digits, value) in entries {
            if digits.is_empty() {
                return Err(Error::InvalidPlan("empty prefix".into()));
            }
            if digits.len() > MAX_PREFIX_DIGITS {
                return Err(Error::LimitExceeded {
                    what: "prefix digits",
                    max: MAX_PREFIX_DIGITS as u64,
                });
            }
            if value == NONE {
                return Err(Error::LimitExceeded {
                    what: "destinations",
                    max: u64::from(NONE - 1),
                });
            }
            let start = key_of(digits).ok_or_else(|| {
                Error::InvalidPlan(format!(
                    "prefix {:?} has a non-digit",
                    String::from_utf8_lossy(digits)
                ))
            })?;
            let end = start + pow11_table(MAX_PREFIX_DIGITS - digits.len());
            items.push((start, end, value));
        }
        let len = items.len();
        // Outer (longer interval) first at equal starts.
        items.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        items.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1 && a.2 == b.2);
        for w in items.windows(2) {
            if w[0].0 == w[1].0 && w[0].1 == w[1].1 {
                return Err(Error::InvalidPlan(
                    "the same prefix is mapped to two different destinations".into(),
                ));
            }
        }
        let mut bounds: Vec<u64> = Vec::with_capacity(items.len() * 2 + 1);
        let mut values: Vec<u32> = Vec::with_capacity(items.len() * 2 + 1);
        let emit = |point: u64, value: u32, bounds: &mut Vec<u64>, values: &mut Vec<u32>| {
            if bounds.last() == Some(&point) {
                if let Some(last) = values.last_mut() {
                    *last = value;
                }
            } else {
                bounds.push(point);
                values.push(value);
            }
        };
        emit(0, NONE, &mut bounds, &mut values);
        let mut stack: Vec<(u64, u32)> = Vec::new();
        for &(start, end, value) in &items {
            while let Some(&(top_end, _)) = stack.last() {
                if top_end > start {
                    break;
                }
                stack.pop();
                let parent = stack.last().map_or(NONE, |t| t.1);
                emit(top_end, parent, &mut bounds, &mut values);
            }
            stack.push((end, value));
            emit(start, value, &mut bounds, &mut values);
        }
        while let Some((top_end, _)) = stack.pop() {
            let parent = stack.last().map_or(NONE, |t| t.1);
            emit(top_end, parent, &mut bounds, &mut values);
        }
        // Merge neighbours with equal values.
        let mut segments: Vec<Segment> = Vec::with_capacity(bounds.len());
        for (b, v) in bounds.into_iter().zip(values) {
            if segments.last().map(|s| s.value) != Some(v) {
                segments.push(Segment {
                    start: b,
                    value: v,
                    companion: NONE,
                });
            }
        }
        let wide = segments.len() >= SMALL_TABLE;
        let (count, width) = if wide {
            (BUCKETS, BUCKET_WIDTH)
        } else {
            (SMALL_BUCKETS, SMALL_BUCKET_WIDTH)
        };
        let mut buckets = Vec::with_capacity(count + 1);
        let mut i = 0usize;
        for b in 0..=count as u64 {
            let point = (b * width).min(KEY_SPACE);
            while i + 1 < segments.len() && segments[i + 1].start <= point {
                i += 1;
            }
            buckets.push(i as u32);
        }
        Ok(PrefixTable {
            segments,
            buckets,
            wide,
            len,
        })
    }

    /// The value of the longest prefix of `digits` (ASCII digits), if any.
    #[inline]
    pub fn lookup(&self, digits: &[u8]) -> Option<u32> {
        let key = key_of(digits)?;
        self.lookup_key(key)
    }

    /// The value of the longest prefix of a number's zero-padded ASCII digits (see
    /// [`key_of_padded`]), with its companion value (see [`PrefixTable::set_companions`]).
    #[inline]
    pub(crate) fn lookup_padded_with_companion(&self, digits: &[u8; 16]) -> Option<(u32, u32)> {
        let s = self.segment(key_of_padded(digits))?;
        (s.value != NONE).then_some((s.value, s.companion))
    }

    /// Like [`PrefixTable::lookup`], with the value's companion value.
    #[inline]
    pub(crate) fn lookup_with_companion(&self, digits: &[u8]) -> Option<(u32, u32)> {
        let s = self.segment(key_of(digits)?)?;
        (s.value != NONE).then_some((s.value, s.companion))
    }

    /// Gives every value a companion value, `f(value)`, that lookups return beside it.
    pub(crate) fn set_companions(&mut self, mut f: impl FnMut(u32) -> u32) {
        for s in &mut self.segments {
            if s.value != NONE {
                s.companion = f(s.value);
            }
        }
    }

    #[inline]
    fn lookup_key(&self, key: u64) -> Option<u32> {
        // Lookups one after another: a short binary search lets the processor run
        // ahead into the next lookup while this one waits for memory.
        let (lo, hi) = self.bucket(key)?;
        let window = self.segments.get(lo..=hi)?;
        let idx = window.partition_point(|s| s.start <= key).checked_sub(1)?;
        let v = window.get(idx)?.value;
        (v != NONE).then_some(v)
    }

    /// The segments `lo..=hi` one of which holds `key` (the bucket's first segment
    /// starts at or before the bucket).
    #[inline]
    fn bucket(&self, key: u64) -> Option<(usize, usize)> {
        // Both divisors are constants: a multiply each, and a branch that always goes
        // the same way for a table.
        let b = if self.wide {
            key / BUCKET_WIDTH
        } else {
            key / SMALL_BUCKET_WIDTH
        } as usize;
        Some((
            *self.buckets.get(b)? as usize,
            *self.buckets.get(b + 1)? as usize,
        ))
    }

    /// The segment holding `key`, for lookups inside longer work (rating): the
    /// bucket's segments are counted, so their cache lines are fetched together.
    #[inline]
    fn segment(&self, key: u64) -> Option<&Segment> {
        let (lo, hi) = self.bucket(key)?;
        let mut base = lo;
        let mut len = (hi + 1).checked_sub(lo)?;
        // Halve a long window without branches on the data ...
        while len > LINEAR_SCAN {
            let half = len / 2;
            let upper = self.segments.get(base + half)?.start <= key;
            base = std::hint::select_unpredictable(upper, base + half, base);
            len -= half;
        }
        // ... then count the starts not after `key`: independent loads and compares,
        // so the few cache lines of a window are fetched at once.
        let window = self.segments.get(base..base + len)?;
        let count = window
            .iter()
            .map(|s| usize::from(s.start <= key))
            .sum::<usize>();
        window.get(count.checked_sub(1)?)
    }

    /// Number of prefixes the table was built from.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table has no prefix.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(entries: &[(&str, u32)]) -> PrefixTable {
        PrefixTable::build(entries.iter().map(|(p, v)| (p.as_bytes(), *v))).unwrap()
    }

    /// The obvious scan, as the reference.
    fn scan(entries: &[(&str, u32)], number: &str) -> Option<u32> {
        entries
            .iter()
            .filter(|(p, _)| number.starts_with(p))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, v)| *v)
    }

    #[test]
    fn longest_prefix_wins() {
        let entries = [("31", 1), ("316", 2), ("3161", 3), ("32", 4), ("1", 5)];
        let t = table(&entries);
        for number in [
            "31201234567",
            "31612345678",
            "31619999999",
            "3161",
            "316",
            "31",
            "3",
            "32470",
            "12125550100",
            "44",
        ] {
            assert_eq!(
                t.lookup(number.as_bytes()),
                scan(&entries, number),
                "{number}"
            );
        }
    }

    #[test]
    fn a_number_shorter_than_a_prefix_does_not_match_it() {
        let t = table(&[("310", 1), ("3", 2)]);
        assert_eq!(t.lookup(b"31"), Some(2));
        assert_eq!(t.lookup(b"310"), Some(1));
    }

    #[test]
    fn conflicting_duplicates_are_rejected_and_equal_ones_accepted() {
        assert!(PrefixTable::build([(&b"31"[..], 1), (&b"31"[..], 2)]).is_err());
        let t = PrefixTable::build([(&b"31"[..], 1), (&b"31"[..], 1)]).unwrap();
        assert_eq!(t.lookup(b"3120"), Some(1));
    }

    #[test]
    fn bad_prefixes_are_errors() {
        assert!(PrefixTable::build([(&b""[..], 1)]).is_err());
        assert!(PrefixTable::build([(&b"3x"[..], 1)]).is_err());
        assert!(PrefixTable::build([(&b"1234567890123456789"[..], 1)]).is_err());
    }

    #[test]
    fn numbers_longer_than_eighteen_digits_match_on_their_start() {
        let t = table(&[("999", 7)]);
        assert_eq!(t.lookup(b"99912345678901234567890"), Some(7));
        assert_eq!(t.lookup(b"99x"), None);
    }

    /// A small table indexes three digits; one at the threshold five: both agree with
    /// the scan, and the small one's buckets take 5 KiB, not 629.
    #[test]
    fn small_tables_use_small_buckets_and_large_ones_wide_ones() {
        let small = table(&[("31", 1), ("316", 2), ("3161234", 3), ("1", 4)]);
        assert!(!small.wide);
        assert_eq!(small.buckets.len(), SMALL_BUCKETS + 1);
        assert_eq!(small.lookup(b"31612345"), Some(3));
        assert_eq!(small.lookup(b"3169"), Some(2));
        assert_eq!(small.lookup(b"12125550100"), Some(4));
        // Prefixes 10000..=30000 with alternating values: every prefix its own
        // segment plus the gap after it, well past the threshold.
        let prefixes: Vec<(String, u32)> = (10_000u32..=30_000)
            .map(|p| (p.to_string(), p % 2))
            .collect();
        let refs: Vec<(&[u8], u32)> = prefixes.iter().map(|(p, v)| (p.as_bytes(), *v)).collect();
        let large = PrefixTable::build(refs).unwrap();
        assert!(large.wide);
        assert_eq!(large.lookup(b"123451"), Some(12_345 % 2));
        assert_eq!(large.lookup(b"9999"), None);
    }

    #[test]
    fn empty_table_matches_nothing() {
        let t = PrefixTable::build(std::iter::empty()).unwrap();
        assert_eq!(t.lookup(b"31"), None);
        assert!(t.is_empty());
    }

    /// The key one digit at a time, as the reference for the word-wise reading.
    fn reference_key(digits: &[u8]) -> Option<u64> {
        let n = digits.len().min(MAX_PREFIX_DIGITS);
        let mut key = 0u64;
        for &b in &digits[..n] {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            key = key * 11 + u64::from(d) + 1;
        }
        Some(key * pow11_table(MAX_PREFIX_DIGITS - n))
    }

    #[test]
    fn keys_of_every_length_match_the_digit_by_digit_reading() {
        let all = b"98765432109876543210987";
        for n in 0..=all.len() {
            assert_eq!(key_of(&all[..n]), reference_key(&all[..n]), "{n}");
            for pos in 0..n {
                let mut bad = all[..n].to_vec();
                bad[pos] = b'/';
                assert_eq!(key_of(&bad), reference_key(&bad), "{n} {pos}");
                bad[pos] = b':';
                assert_eq!(key_of(&bad), reference_key(&bad), "{n} {pos}");
            }
        }
        assert_eq!(key_of(b"99999999999999999999"), Some(KEY_SPACE - 1));
    }

    proptest::proptest! {
        #[test]
        fn word_wise_keys_agree_with_the_reference(digits in "[0-9]{0,24}", bad in proptest::option::of((0usize..24, 0u8..=255))) {
            let mut bytes = digits.into_bytes();
            if let Some((pos, b)) = bad && pos < bytes.len() {
                bytes[pos] = b;
            }
            proptest::prop_assert_eq!(key_of(&bytes), reference_key(&bytes));
        }

        #[test]
        fn padded_keys_agree_with_the_reference(digits in "[0-9]{0,16}") {
            let mut padded = [0u8; 16];
            padded[..digits.len()].copy_from_slice(digits.as_bytes());
            proptest::prop_assert_eq!(Some(key_of_padded(&padded)), reference_key(digits.as_bytes()));
        }

        /// Many prefixes under one bucket (same first five digits), so windows are
        /// halved before the count.
        #[test]
        fn crowded_buckets_agree_with_a_scan(
            tails in proptest::collection::vec("[0-9]{0,6}", 1..400),
            others in proptest::collection::vec("[0-9]{1,6}", 0..20),
            numbers in proptest::collection::vec("(31612|3161|31613)?[0-9]{0,10}", 1..60),
        ) {
            let mut entries: Vec<(String, u32)> = Vec::new();
            let all = tails.iter().map(|t| format!("31612{t}")).chain(others);
            for (i, p) in all.enumerate() {
                if !entries.iter().any(|(q, _)| *q == p) {
                    entries.push((p, i as u32));
                }
            }
            let refs: Vec<(&str, u32)> = entries.iter().map(|(p, v)| (p.as_str(), *v)).collect();
            let mut t = table(&refs);
            t.set_companions(|v| v ^ 0x5555);
            for n in &numbers {
                proptest::prop_assert_eq!(t.lookup(n.as_bytes()), scan(&refs, n), "{}", n);
                proptest::prop_assert_eq!(
                    t.lookup_with_companion(n.as_bytes()),
                    scan(&refs, n).map(|v| (v, v ^ 0x5555)),
                    "{}", n
                );
                if n.len() <= 16 {
                    let mut padded = [0u8; 16];
                    padded[..n.len()].copy_from_slice(n.as_bytes());
                    proptest::prop_assert_eq!(
                        t.lookup_padded_with_companion(&padded),
                        scan(&refs, n).map(|v| (v, v ^ 0x5555)),
                        "{}", n
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lookup_agrees_with_a_scan(
            prefixes in proptest::collection::vec("[0-9]{1,7}", 1..60),
            numbers in proptest::collection::vec("[0-9]{0,12}", 1..40),
        ) {
            let mut entries: Vec<(String, u32)> = Vec::new();
            for (i, p) in prefixes.iter().enumerate() {
                if !entries.iter().any(|(q, _)| q == p) {
                    entries.push((p.clone(), i as u32));
                }
            }
            let refs: Vec<(&str, u32)> = entries.iter().map(|(p, v)| (p.as_str(), *v)).collect();
            let t = table(&refs);
            for n in &numbers {
                proptest::prop_assert_eq!(t.lookup(n.as_bytes()), scan(&refs, n), "{}", n);
            }
        }
    }
}
