//! Phone numbers: normalization to E.164 and classification for NL, BE and DE.
//!
//! Input may be international (`+31 20 123 4567`, `0031201234567`) or national
//! (`020-1234567`, with the trunk prefix 0). Spaces, dashes, dots, slashes and brackets
//! are ignored; an `(0)` after the country code (`+31 (0)20 ...`) is dropped. Short
//! emergency numbers (112, and 100/101 in BE, 110 in DE) are recognised as such.
//!
//! Classes follow the national numbering plans; premium ranges are those of TERMS
//! ACC-3 (NL 0900/0906/0909; BE 090x; DE 0900, 0137 and 0180). A number whose country
//! differs from the account's country is [`NumberClass::International`].
//!
//! Normalization does not allocate: [`PhoneNumber`] is a small `Copy` value.

use std::fmt;

use crate::Error;
use crate::error::NumberErrorReason;

/// A country whose numbering plan the crate knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Country {
    /// The Netherlands (+31).
    NL,
    /// Belgium (+32).
    BE,
    /// Germany (+49).
    DE,
}

impl Country {
    /// The E.164 country code.
    pub fn calling_code(self) -> u16 {
        match self {
            Country::NL => 31,
            Country::BE => 32,
            Country::DE => 49,
        }
    }

    /// The ISO 3166 alpha-2 code.
    pub fn as_str(self) -> &'static str {
        match self {
            Country::NL => "NL",
            Country::BE => "BE",
            Country::DE => "DE",
        }
    }

    /// The country of a calling code, if it is one of NL, BE, DE.
    pub fn from_calling_code(code: u16) -> Option<Country> {
        match code {
            31 => Some(Country::NL),
            32 => Some(Country::BE),
            49 => Some(Country::DE),
            _ => None,
        }
    }

    /// Parses `NL`, `BE` or `DE` (any case).
    pub fn parse(code: &str) -> Result<Country, Error> {
        match code.trim().to_ascii_uppercase().as_str() {
            "NL" => Ok(Country::NL),
            "BE" => Ok(Country::BE),
            "DE" => Ok(Country::DE),
            _ => Err(Error::UnsupportedCountry(code.to_owned())),
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of destination a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NumberClass {
    /// A fixed-line number with an area code.
    Geographic,
    /// A mobile number.
    Mobile,
    /// A freephone number (NL/BE/DE 0800).
    TollFree,
    /// A paid service (premium-rate) number, TERMS ACC-3.
    Premium,
    /// A shared-cost / national-rate number (BE 070, 078).
    SharedCost,
    /// A location-independent number (NL 084/085/087/088/091, DE 032).
    NonGeographic,
    /// An emergency number (112 and national ones).
    Emergency,
    /// A number in another country than the account's.
    International,
}

impl NumberClass {
    /// The snake-case name used in plans and JSON (`premium`, `toll_free`).
    pub fn as_str(self) -> &'static str {
        match self {
            NumberClass::Geographic => "geographic",
            NumberClass::Mobile => "mobile",
            NumberClass::TollFree => "toll_free",
            NumberClass::Premium => "premium",
            NumberClass::SharedCost => "shared_cost",
            NumberClass::NonGeographic => "non_geographic",
            NumberClass::Emergency => "emergency",
            NumberClass::International => "international",
        }
    }

    /// Every class.
    pub const ALL: [NumberClass; 8] = [
        NumberClass::Geographic,
        NumberClass::Mobile,
        NumberClass::TollFree,
        NumberClass::Premium,
        NumberClass::SharedCost,
        NumberClass::NonGeographic,
        NumberClass::Emergency,
        NumberClass::International,
    ];

    /// Parses the snake-case name.
    pub fn parse(name: &str) -> Option<NumberClass> {
        NumberClass::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for NumberClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most digits E.164 allows.
pub const MAX_E164_DIGITS: usize = 15;

/// The most digits read from a dialled number: E.164 plus an `00` or trunk `0`
/// prefix (and one to spare).
const MAX_DIALLED_DIGITS: usize = MAX_E164_DIGITS + 3;

/// A normalized number: E.164 digits (or a short emergency code), its country code
/// and class. Small and `Copy`; no allocation.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    digits: [u8; MAX_E164_DIGITS],
    len: u8,
    cc_len: u8,
    class: NumberClass,
}

impl PhoneNumber {
    /// The digits without `+` (`"31201234567"`), or the short code (`"112"`).
    pub fn digits(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or("")
    }

    /// The digits as bytes.
    pub fn digit_bytes(&self) -> &[u8] {
        &self.digits[..usize::from(self.len)]
    }

    /// The digits zero-padded to 16 bytes (for the prefix tables).
    #[inline]
    pub(crate) fn padded_digits(&self) -> [u8; 16] {
        let mut padded = [0u8; 16];
        padded[..MAX_E164_DIGITS].copy_from_slice(&self.digits);
        padded
    }

    /// Whether this is a short code (an emergency number dialled as such), not E.164.
    pub fn is_short_code(&self) -> bool {
        self.cc_len == 0
    }

    /// The country calling code (0 for a short code).
    pub fn country_code(&self) -> u16 {
        self.digits[..usize::from(self.cc_len)]
            .iter()
            .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'))
    }

    /// The national significant number (after the country code).
    pub fn national_number(&self) -> &str {
        let all = self.digits();
        all.get(usize::from(self.cc_len)..).unwrap_or("")
    }

    /// The destination's class.
    pub fn class(&self) -> NumberClass {
        self.class
    }

    /// The destination country, when it is one of NL, BE, DE.
    pub fn country(&self) -> Option<Country> {
        Country::from_calling_code(self.country_code())
    }

    /// The owned, binding-friendly form.
    pub fn info(&self) -> NumberInfo {
        NumberInfo {
            e164: self.to_string(),
            country_code: self.country_code(),
            national_number: self.national_number().to_owned(),
            class: self.class,
            country: self.country().map(|c| c.as_str().to_owned()),
        }
    }
}

impl fmt::Display for PhoneNumber {
    /// `+31201234567`, or the short code as dialled (`112`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.is_short_code() {
            f.write_str("+")?;
        }
        f.write_str(self.digits())
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({self}, {})", self.class)
    }
}

/// A normalized number in plain owned form (for bindings and JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NumberInfo {
    /// `+31201234567`, or the short code.
    pub e164: String,
    /// The country calling code (0 for a short code).
    pub country_code: u16,
    /// The national significant number.
    pub national_number: String,
    /// The class relative to the account's country.
    pub class: NumberClass,
    /// `NL`, `BE` or `DE` when the number is in one of them.
    pub country: Option<String>,
}

/// Two-digit country codes assigned by the ITU.
const CC2: [u16; 45] = [
    20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56,
    57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 99,
];

/// Whether a three-digit code is assigned (zones 2–9 outside the two-digit codes).
fn cc3_assigned(code: u16) -> bool {
    matches!(code,
        211..=213 | 216 | 218 | 220..=258 | 260..=269 | 290 | 291 | 297..=299
        | 350..=359 | 370..=383 | 385..=387 | 389
        | 420 | 421 | 423
        | 500..=509 | 590..=599
        | 670 | 672..=692
        | 800 | 808 | 850 | 852 | 853 | 855 | 856 | 870 | 878 | 880..=883 | 886 | 888
        | 960..=968 | 970..=977 | 979 | 992..=996 | 998)
}

/// [`CC2`] as a table over 0..=99, so the check is one load.
const CC2_TABLE: [bool; 100] = {
    let mut t = [false; 100];
    let mut i = 0;
    while i < CC2.len() {
        t[CC2[i] as usize] = true;
        i += 1;
    }
    t
};

/// Length of the country code at the start of `digits` (ASCII digits), or `None` if
/// unassigned.
#[inline]
fn country_code_len(digits: &[u8]) -> Option<usize> {
    let d = |i: usize| digits.get(i).map(|b| u16::from(b.wrapping_sub(b'0')));
    let first = d(0)?;
    if first == 1 || first == 7 {
        return Some(1);
    }
    if first == 0 {
        return None;
    }
    let two = first * 10 + d(1)?;
    // 99 is not a code by itself; its 3-digit codes are checked below.
    if two != 99 && CC2_TABLE.get(usize::from(two)) == Some(&true) {
        return Some(2);
    }
    let three = two * 10 + d(2)?;
    cc3_assigned(three).then_some(3)
}

/// Whether every byte is an ASCII digit, eight bytes at a time.
#[inline]
fn all_ascii_digits(bytes: &[u8]) -> bool {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const THREES: u64 = 0x3030_3030_3030_3030;
    const SIXES: u64 = 0x0606_0606_0606_0606;
    // A byte is a digit when its high nibble is 3 and adding 6 keeps it 3 (low nibble
    // at most 9). With every high nibble 3 no addition carries over.
    let bad = |chunk: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        ((x & HIGH) ^ THREES) | ((x.wrapping_add(SIXES) & HIGH) ^ THREES)
    };
    let n = bytes.len();
    if n < 8 {
        return bytes.iter().all(u8::is_ascii_digit);
    }
    let mut chunks = bytes.chunks_exact(8);
    let mut any = 0u64;
    for chunk in &mut chunks {
        any |= bad(chunk);
    }
    // The last bytes as the tail of an overlapping word.
    if !chunks.remainder().is_empty() {
        any |= bad(&bytes[n - 8..]);
    }
    any == 0
}

/// Copies `src` (at most 16 bytes) to the start of `dst` with fixed-size moves.
#[inline]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    if n >= 8 {
        if let (Some(d), Some(s)) = (dst.get_mut(..8), src.get(..8)) {
            d.copy_from_slice(s);
        }
        if let (Some(d), Some(s)) = (dst.get_mut(n - 8..n), src.get(n - 8..)) {
            d.copy_from_slice(s);
        }
    } else if n >= 4 {
        if let (Some(d), Some(s)) = (dst.get_mut(..4), src.get(..4)) {
            d.copy_from_slice(s);
        }
        if let (Some(d), Some(s)) = (dst.get_mut(n - 4..n), src.get(n - 4..)) {
            d.copy_from_slice(s);
        }
    } else {
        for (d, s) in dst.iter_mut().zip(src) {
            *d = *s;
        }
    }
}

fn emergency_short_code(country: Country, digits: &[u8]) -> bool {
    match country {
        Country::NL => digits == b"112",
        Country::BE => matches!(digits, b"112" | b"100" | b"101"),
        Country::DE => matches!(digits, b"112" | b"110"),
    }
}

/// The class of a national significant number in `country`'s plan, with the NSN
/// length range that class allows.
fn national_class(country: Country, nsn: &[u8]) -> (NumberClass, usize, usize) {
    use NumberClass::*;
    let starts = |p: &[u8]| nsn.starts_with(p);
    match country {
        Country::NL => {
            if starts(b"6") {
                (Mobile, 9, 9)
            } else if starts(b"800") {
                (TollFree, 7, 10)
            } else if starts(b"900") || starts(b"906") || starts(b"909") {
                (Premium, 7, 10)
            } else if nsn == b"112" {
                (Emergency, 3, 3)
            } else if starts(b"84")
                || starts(b"85")
                || starts(b"87")
                || starts(b"88")
                || starts(b"91")
            {
                (NonGeographic, 9, 9)
            } else {
                (Geographic, 9, 9)
            }
        }
        Country::BE => {
            if starts(b"4") {
                (Mobile, 9, 9)
            } else if starts(b"800") {
                (TollFree, 8, 8)
            } else if starts(b"90") {
                (Premium, 8, 8)
            } else if starts(b"70") || starts(b"78") {
                (SharedCost, 8, 8)
            } else if matches!(nsn, b"112" | b"100" | b"101") {
                (Emergency, 3, 3)
            } else {
                (Geographic, 8, 8)
            }
        }
        Country::DE => {
            if starts(b"15") || starts(b"16") || starts(b"17") {
                (Mobile, 10, 11)
            } else if starts(b"800") {
                (TollFree, 10, 11)
            } else if starts(b"900") || starts(b"137") || starts(b"180") {
                (Premium, 7, 11)
            } else if matches!(nsn, b"110" | b"112") {
                (Emergency, 3, 3)
            } else if starts(b"32") {
                (NonGeographic, 10, 11)
            } else {
                (Geographic, 5, 11)
            }
        }
    }
}

fn err(input: &str, offset: usize, reason: NumberErrorReason) -> Error {
    Error::InvalidNumber {
        input: input.chars().take(64).collect(),
        offset,
        reason,
    }
}

/// Normalizes `input` dialled from an account in `account` to E.164 and classifies it.
///
/// ```
/// use tariff::{Country, NumberClass, normalize_number};
/// let n = normalize_number("020-123 45 67", Country::NL).unwrap();
/// assert_eq!(n.to_string(), "+31201234567");
/// assert_eq!(n.class(), NumberClass::Geographic);
/// // TERMS ACC-3: a Dutch 0900 number is a paid service number.
/// assert_eq!(normalize_number("0900-1234567", Country::NL).unwrap().class(), NumberClass::Premium);
/// // A Belgian mobile dialled from a Dutch account is international.
/// let be = normalize_number("0032 470 12 34 56", Country::NL).unwrap();
/// assert_eq!(be.class(), NumberClass::International);
/// assert!(normalize_number("06-12x", Country::NL).is_err());
/// ```
pub fn normalize_number(input: &str, account: Country) -> Result<PhoneNumber, Error> {
    let bytes = input.as_bytes();
    let (plus, body) = match bytes.split_first() {
        Some((b'+', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let mut buf = [0u8; MAX_DIALLED_DIGITS + 1];
    // Most records hold bare digits (after an optional `+`): then the input is the
    // digit string, and the byte-by-byte reading below has nothing to do.
    let (digits, plus): (&[u8], bool) =
        if body.len() <= MAX_DIALLED_DIGITS && all_ascii_digits(body) {
            (body, plus)
        } else {
            let (n, plus) = collect_digits(input, &mut buf)?;
            (&buf[..n], plus)
        };
    if digits.is_empty() {
        return Err(err(input, input.len(), NumberErrorReason::Empty));
    }
    let mut out = [0u8; MAX_E164_DIGITS];
    let international: &[u8] = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix(b"00") {
        rest
    } else if let Some(rest) = digits.strip_prefix(b"0") {
        // National: account country code + the number without the trunk prefix.
        let cc = account.calling_code();
        let cc_digits = [b'0' + (cc / 10) as u8, b'0' + (cc % 10) as u8];
        let total = 2 + rest.len();
        if total > MAX_E164_DIGITS {
            return Err(err(input, input.len(), NumberErrorReason::TooLong));
        }
        out[..2].copy_from_slice(&cc_digits);
        copy_short(&mut out[2..], rest);
        return finish(input, out, total, 2, account);
    } else if emergency_short_code(account, digits) {
        copy_short(&mut out, digits);
        return Ok(PhoneNumber {
            digits: out,
            len: digits.len() as u8,
            cc_len: 0,
            class: NumberClass::Emergency,
        });
    } else {
        return Err(err(input, 0, NumberErrorReason::MissingTrunkPrefix));
    };
    if international.len() > MAX_E164_DIGITS {
        return Err(err(input, input.len(), NumberErrorReason::TooLong));
    }
    let Some(cc_len) = country_code_len(international) else {
        return Err(err(input, 0, NumberErrorReason::UnknownCountryCode));
    };
    copy_short(&mut out, international);
    finish(input, out, international.len(), cc_len, account)
}

/// How [`collect_digits`] treats a byte.
const DIGIT: u8 = 0;
const SEPARATOR: u8 = 1;
/// `+`, `(` and anything else: looked at one by one.
const SPECIAL: u8 = 2;

const BYTE_CLASS: [u8; 256] = {
    let mut t = [SPECIAL; 256];
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = DIGIT;
        d += 1;
    }
    t[b' ' as usize] = SEPARATOR;
    t[b'-' as usize] = SEPARATOR;
    t[b'.' as usize] = SEPARATOR;
    t[b'/' as usize] = SEPARATOR;
    t[b')' as usize] = SEPARATOR;
    t[b'\t' as usize] = SEPARATOR;
    t
};

/// Reads `input` byte by byte into `buf`: digits kept, separators skipped, one
/// leading `+`, an `(0)` after an international prefix dropped. Returns the digit
/// count and whether a `+` was seen.
fn collect_digits(
    input: &str,
    buf: &mut [u8; MAX_DIALLED_DIGITS + 1],
) -> Result<(usize, bool), Error> {
    let mut n = 0usize;
    let mut plus = false;
    let mut bytes = input.as_bytes().iter().enumerate();
    while let Some((i, &b)) = bytes.next() {
        let class = BYTE_CLASS[usize::from(b)];
        if class == SPECIAL {
            match b {
                b'+' => {
                    if n > 0 || plus {
                        return Err(err(input, i, NumberErrorReason::MisplacedPlus));
                    }
                    plus = true;
                }
                b'(' => {
                    let rest = input.as_bytes().get(i + 1..).unwrap_or(&[]);
                    if rest.starts_with(b"0)") && (plus || buf[..n].starts_with(b"00")) {
                        // `+31 (0)20 ...`: the bracketed trunk prefix is not dialled.
                        bytes.nth(1);
                    }
                }
                _ => return Err(err(input, i, NumberErrorReason::InvalidCharacter)),
            }
            continue;
        }
        // Each byte is stored and kept by counting it only if it is a digit, so
        // digits and separators take the same branch-free path (`buf` has a spare
        // byte for that; `n` is at most MAX_DIALLED_DIGITS here).
        buf[n.min(MAX_DIALLED_DIGITS)] = b;
        n += usize::from(class == DIGIT);
        if n > MAX_DIALLED_DIGITS {
            return Err(err(input, i, NumberErrorReason::TooLong));
        }
    }
    Ok((n, plus))
}

#[inline]
fn finish(
    input: &str,
    digits: [u8; MAX_E164_DIGITS],
    len: usize,
    cc_len: usize,
    account: Country,
) -> Result<PhoneNumber, Error> {
    let nsn = &digits[cc_len..len];
    if nsn.len() < 3 {
        return Err(err(input, input.len(), NumberErrorReason::TooShort));
    }
    let cc = digits[..cc_len]
        .iter()
        .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'));
    let class = match Country::from_calling_code(cc) {
        Some(country) => {
            let (class, min, max) = national_class(country, nsn);
            if nsn.len() < min {
                return Err(err(input, input.len(), NumberErrorReason::TooShort));
            }
            if nsn.len() > max {
                return Err(err(input, input.len(), NumberErrorReason::TooLong));
            }
            if country == account {
                class
            } else {
                NumberClass::International
            }
        }
        None => {
            if nsn.len() < 4 {
                return Err(err(input, input.len(), NumberErrorReason::TooShort));
            }
            NumberClass::International
        }
    };
    Ok(PhoneNumber {
        digits,
        len: len as u8,
        cc_len: cc_len as u8,
        class,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberClass::*;

    fn norm(input: &str, account: Country) -> (String, NumberClass) {
        let n = normalize_number(input, account).unwrap();
        (n.to_string(), n.class())
    }

    fn reason(input: &str, account: Country) -> NumberErrorReason {
        match normalize_number(input, account) {
            Err(Error::InvalidNumber { reason, .. }) => reason,
            other => panic!("{input}: expected an error, got {other:?}"),
        }
    }

    #[test]
    fn all_input_forms_of_one_dutch_number_agree() {
        for input in [
            "020 123 4567",
            "020-1234567",
            "+31 20 123 4567",
            "+31 (0)20 123 4567",
            "0031 20 1234567",
            "0031 (0)20 1234567",
            "(020) 123.45.67",
        ] {
            assert_eq!(
                norm(input, Country::NL),
                ("+31201234567".into(), Geographic),
                "{input}"
            );
        }
    }

    // TERMS ACC-3: the premium ranges of each country.
    #[test]
    fn premium_ranges_follow_acc3() {
        assert_eq!(norm("0900-1234567", Country::NL).1, Premium);
        assert_eq!(norm("0906-1234567", Country::NL).1, Premium);
        assert_eq!(norm("0909 1234", Country::NL).1, Premium);
        assert_eq!(norm("0903 12 345", Country::BE).1, Premium);
        assert_eq!(norm("0905 12 345", Country::BE).1, Premium);
        assert_eq!(norm("0900 1234567", Country::DE).1, Premium);
        assert_eq!(norm("0137 1234567", Country::DE).1, Premium);
        assert_eq!(norm("01805 123456", Country::DE).1, Premium);
        // The same numbers from another country's account are international.
        assert_eq!(norm("+31 900 1234567", Country::BE).1, International);
    }

    #[test]
    fn classes_per_country() {
        assert_eq!(
            norm("06 12345678", Country::NL),
            ("+31612345678".into(), Mobile)
        );
        assert_eq!(norm("0800 1234", Country::NL).1, TollFree);
        assert_eq!(norm("085 1234567", Country::NL).1, NonGeographic);
        assert_eq!(norm("112", Country::NL), ("112".into(), Emergency));
        assert_eq!(
            norm("0470 12 34 56", Country::BE),
            ("+32470123456".into(), Mobile)
        );
        assert_eq!(
            norm("02 123 45 67", Country::BE),
            ("+3221234567".into(), Geographic)
        );
        assert_eq!(norm("0800 12 345", Country::BE).1, TollFree);
        assert_eq!(norm("070 12 34 56", Country::BE).1, SharedCost);
        assert_eq!(norm("101", Country::BE).1, Emergency);
        // Wavre's area code 010 starts like the emergency number 100 but is not one.
        assert_eq!(
            norm("010 12 34 56", Country::BE),
            ("+3210123456".into(), Geographic)
        );
        assert_eq!(norm("+49 110 1234567", Country::DE).1, Geographic);
        assert_eq!(
            norm("030 1234567", Country::DE),
            ("+49301234567".into(), Geographic)
        );
        assert_eq!(norm("0171 1234567", Country::DE).1, Mobile);
        assert_eq!(norm("0800 1234567", Country::DE).1, TollFree);
        assert_eq!(norm("110", Country::DE).1, Emergency);
        assert_eq!(norm("+44 20 7946 0958", Country::NL).1, International);
        assert_eq!(norm("+1 212 555 0100", Country::DE).1, International);
    }

    #[test]
    fn bad_numbers_get_typed_reasons() {
        assert_eq!(reason("", Country::NL), NumberErrorReason::Empty);
        assert_eq!(reason(" - ", Country::NL), NumberErrorReason::Empty);
        assert_eq!(
            reason("020-12a4567", Country::NL),
            NumberErrorReason::InvalidCharacter
        );
        assert_eq!(
            reason("020+1234567", Country::NL),
            NumberErrorReason::MisplacedPlus
        );
        assert_eq!(
            reason("201234567", Country::NL),
            NumberErrorReason::MissingTrunkPrefix
        );
        assert_eq!(
            reason("020 12345", Country::NL),
            NumberErrorReason::TooShort
        );
        assert_eq!(
            reason("020 12345678", Country::NL),
            NumberErrorReason::TooLong
        );
        assert_eq!(
            reason("+999 1234567", Country::NL),
            NumberErrorReason::UnknownCountryCode
        );
        assert_eq!(
            reason("+0 1234567", Country::NL),
            NumberErrorReason::UnknownCountryCode
        );
        assert_eq!(
            reason("+3112345678901234567890", Country::NL),
            NumberErrorReason::TooLong
        );
        let Err(Error::InvalidNumber { offset, .. }) = normalize_number("020-12a4567", Country::NL)
        else {
            panic!()
        };
        assert_eq!(offset, 6);
    }

    /// The straightforward byte-by-byte normalization the fast path must agree with.
    fn reference(input: &str, account: Country) -> Result<PhoneNumber, Error> {
        fn cc_len(digits: &[u8]) -> Option<usize> {
            let d = |i: usize| digits.get(i).map(|b| u16::from(b - b'0'));
            let first = d(0)?;
            if first == 1 || first == 7 {
                return Some(1);
            }
            if first == 0 {
                return None;
            }
            let two = first * 10 + d(1)?;
            if two != 99 && CC2.contains(&two) {
                return Some(2);
            }
            let three = two * 10 + d(2)?;
            cc3_assigned(three).then_some(3)
        }
        let mut buf = [0u8; MAX_E164_DIGITS + 3];
        let mut n = 0usize;
        let mut plus = false;
        let bytes = input.as_bytes();
        let mut i = 0usize;
        let mut seen_digit = false;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'0'..=b'9' => {
                    if n == buf.len() {
                        return Err(err(input, i, NumberErrorReason::TooLong));
                    }
                    buf[n] = b;
                    n += 1;
                    seen_digit = true;
                }
                b'+' => {
                    if seen_digit || plus {
                        return Err(err(input, i, NumberErrorReason::MisplacedPlus));
                    }
                    plus = true;
                }
                b'(' if bytes.get(i + 1) == Some(&b'0')
                    && bytes.get(i + 2) == Some(&b')')
                    && (plus || buf[..n].starts_with(b"00")) =>
                {
                    i += 3;
                    continue;
                }
                b' ' | b'-' | b'.' | b'/' | b'(' | b')' | b'\t' => {}
                _ => return Err(err(input, i, NumberErrorReason::InvalidCharacter)),
            }
            i += 1;
        }
        let digits = &buf[..n];
        if digits.is_empty() {
            return Err(err(input, input.len(), NumberErrorReason::Empty));
        }
        let mut out = [0u8; MAX_E164_DIGITS];
        let international: &[u8] = if plus {
            digits
        } else if let Some(rest) = digits.strip_prefix(b"00") {
            rest
        } else if let Some(rest) = digits.strip_prefix(b"0") {
            let cc = account.calling_code();
            let cc_digits = [b'0' + (cc / 10) as u8, b'0' + (cc % 10) as u8];
            let total = 2 + rest.len();
            if total > MAX_E164_DIGITS {
                return Err(err(input, input.len(), NumberErrorReason::TooLong));
            }
            out[..2].copy_from_slice(&cc_digits);
            out[2..total].copy_from_slice(rest);
            return finish(input, out, total, 2, account);
        } else if emergency_short_code(account, digits) {
            out[..digits.len()].copy_from_slice(digits);
            return Ok(PhoneNumber {
                digits: out,
                len: digits.len() as u8,
                cc_len: 0,
                class: NumberClass::Emergency,
            });
        } else {
            return Err(err(input, 0, NumberErrorReason::MissingTrunkPrefix));
        };
        if international.len() > MAX_E164_DIGITS {
            return Err(err(input, input.len(), NumberErrorReason::TooLong));
        }
        let Some(cc_len) = cc_len(international) else {
            return Err(err(input, 0, NumberErrorReason::UnknownCountryCode));
        };
        out[..international.len()].copy_from_slice(international);
        finish(input, out, international.len(), cc_len, account)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn normalization_agrees_with_the_byte_by_byte_reference(
            input in proptest::prop_oneof![
                "[+]?[0-9]{0,20}",
                "(00|0|[+])[0-9]{0,19}",
                "[+]?(31|32|49|1|7|99|35|0)[0-9]{0,14}",
                "[0-9+ ().x/\t-]{0,24}",
                "(112|110|100|101|0112|[+]3[12] \\(0\\))[0-9 ]{0,12}",
            ],
            country in proptest::sample::select(vec![Country::NL, Country::BE, Country::DE]),
        ) {
            proptest::prop_assert_eq!(normalize_number(&input, country), reference(&input, country));
        }
    }

    #[test]
    fn the_digit_check_rejects_every_non_digit_byte_at_every_position() {
        for len in 0..20 {
            let digits = vec![b'7'; len];
            assert!(all_ascii_digits(&digits));
            for pos in 0..len {
                for b in 0..=255u8 {
                    let mut v = digits.clone();
                    v[pos] = b;
                    assert_eq!(all_ascii_digits(&v), b.is_ascii_digit(), "{len} {pos} {b}");
                }
            }
        }
    }

    #[test]
    fn info_is_the_owned_form() {
        let info = normalize_number("0171 1234567", Country::DE)
            .unwrap()
            .info();
        assert_eq!(info.e164, "+491711234567");
        assert_eq!(info.country_code, 49);
        assert_eq!(info.national_number, "1711234567");
        assert_eq!(info.country.as_deref(), Some("DE"));
    }
}
