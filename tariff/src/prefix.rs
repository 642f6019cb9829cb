//! Longest-prefix match over large digit-prefix tables.
//!
//! Every prefix of length `L` covers an interval of the 18-digit key space (digits
//! encoded base 11 with 0 as "end of number", so `31` and `310` differ). Prefix
//! intervals are nested or disjoint, so one sweep flattens them into sorted disjoint
//! segments, each carrying the value of its innermost — longest — prefix. A lookup is
//! a bucket index on the first five digits plus a short binary search: no scan, no
//! allocation, cache-friendly for hot destinations and for random ones.

use crate::Error;

/// Longest prefix (and number) length considered; longer numbers match on their first
/// [`MAX_PREFIX_DIGITS`] digits.
pub const MAX_PREFIX_DIGITS: usize = 18;
const BUCKET_DIGITS: usize = 5;
const NONE: u32 = u32::MAX;

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

/// The key of a digit string (ASCII digits; at most the first 18 count). `None` if a
/// byte is not a digit.
#[inline]
fn key_of(digits: &[u8]) -> Option<u64> {
    let mut key = 0u64;
    let n = digits.len().min(MAX_PREFIX_DIGITS);
    for &b in &digits[..n] {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        key = key * 11 + u64::from(d) + 1;
    }
    Some(key * pow11_table(MAX_PREFIX_DIGITS - n))
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

/// A compiled prefix table mapping digit prefixes to `u32` values.
#[derive(Debug, Clone, Default)]
pub struct PrefixTable {
    /// Segment starts with their values, side by side so the search's last probe
    /// brings the value along.
    segments: Vec<(u64, u32)>,
    buckets: Vec<u32>,
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
        let mut segments: Vec<(u64, u32)> = Vec::with_capacity(bounds.len());
        for (b, v) in bounds.into_iter().zip(values) {
            if segments.last().map(|s| s.1) != Some(v) {
                segments.push((b, v));
            }
        }
        let mut buckets = Vec::with_capacity(BUCKETS + 1);
        let mut i = 0usize;
        for b in 0..=BUCKETS as u64 {
            let point = (b * BUCKET_WIDTH).min(KEY_SPACE);
            while i + 1 < segments.len() && segments[i + 1].0 <= point {
                i += 1;
            }
            buckets.push(i as u32);
        }
        Ok(PrefixTable {
            segments,
            buckets,
            len,
        })
    }

    /// The value of the longest prefix of `digits` (ASCII digits), if any.
    #[inline]
    pub fn lookup(&self, digits: &[u8]) -> Option<u32> {
        let key = key_of(digits)?;
        self.lookup_key(key)
    }

    #[inline]
    fn lookup_key(&self, key: u64) -> Option<u32> {
        if self.segments.is_empty() {
            return None;
        }
        let b = (key / BUCKET_WIDTH) as usize;
        let lo = *self.buckets.get(b)? as usize;
        let hi = *self.buckets.get(b + 1)? as usize;
        let window = self.segments.get(lo..=hi.min(self.segments.len() - 1))?;
        let idx = window.partition_point(|&(x, _)| x <= key).checked_sub(1)?;
        let v = window.get(idx)?.1;
        (v != NONE).then_some(v)
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

    #[test]
    fn empty_table_matches_nothing() {
        let t = PrefixTable::build(std::iter::empty()).unwrap();
        assert_eq!(t.lookup(b"31"), None);
        assert!(t.is_empty());
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
