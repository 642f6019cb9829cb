//! Exact integer arithmetic of amounts: amounts in units of 10^-scale, and the one
//! rounding of a quotient every integer path uses.

use std::ops::{Add, Div, Rem, Sub};

use rust_decimal::Decimal;

use crate::money::RoundingMode;

/// What [`div_round`] works on: `u64` for the per-call fast path, `i128` for the rest.
pub(super) trait Amount:
    Copy
    + Ord
    + From<u8>
    + Add<Output = Self>
    + Sub<Output = Self>
    + Div<Output = Self>
    + Rem<Output = Self>
{
}

impl<T> Amount for T where
    T: Copy
        + Ord
        + From<u8>
        + Add<Output = T>
        + Sub<Output = T>
        + Div<Output = T>
        + Rem<Output = T>
{
}

/// `n / d` rounded with `mode`, for `n >= 0` and `d > 0`: the one rounding of a
/// quotient that every integer cost path uses.
///
/// The remainder `r` is below `d`, so `d - r` (the distance to the next multiple) and
/// `q + 1` (with `r > 0`, `d >= 2` and `q <= n / 2`) cannot overflow.
#[inline]
pub(super) fn div_round<T: Amount>(n: T, d: T, mode: RoundingMode) -> T {
    let zero = T::from(0);
    let one = T::from(1);
    let q = n / d;
    let r = n % d;
    if r == zero {
        return q;
    }
    let up = match mode {
        RoundingMode::Down => false,
        RoundingMode::Up => true,
        RoundingMode::HalfUp => r >= d - r,
        RoundingMode::HalfEven => r > d - r || (r == d - r && q % T::from(2) == one),
    };
    if up { q + one } else { q }
}

/// [`div_round`] of 128-bit amounts, in 64 bits when both fit (most amounts do, and
/// 64-bit division is far cheaper).
#[inline]
pub(super) fn div_round_wide(n: i128, d: i128, mode: RoundingMode) -> i128 {
    match (u64::try_from(n), u64::try_from(d)) {
        (Ok(n), Ok(d)) => i128::from(div_round(n, d, mode)),
        _ => div_round(n, d, mode),
    }
}

/// `10^n`, when it fits in 128 bits (`n <= 38`).
pub(super) fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

/// `value` in units of 10^-scale, when it has at most `scale` places.
pub(super) fn units(value: Decimal, scale: u32) -> Option<i128> {
    if value.scale() > scale {
        return None;
    }
    value.mantissa().checked_mul(pow10(scale - value.scale())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quotients_round_as_each_mode_says() {
        use RoundingMode::*;
        // 7/2 = 3.5, 5/2 = 2.5, 7/3 = 2.33.., 8/3 = 2.66.., 6/3 = 2.
        let cases: [(u64, u64, [u64; 4]); 5] = [
            (7, 2, [3, 4, 4, 4]),
            (5, 2, [2, 3, 3, 2]),
            (7, 3, [2, 3, 2, 2]),
            (8, 3, [2, 3, 3, 3]),
            (6, 3, [2, 2, 2, 2]),
        ];
        for (n, d, [down, up, half_up, half_even]) in cases {
            assert_eq!(div_round(n, d, Down), down, "{n}/{d} down");
            assert_eq!(div_round(n, d, Up), up, "{n}/{d} up");
            assert_eq!(div_round(n, d, HalfUp), half_up, "{n}/{d} half up");
            assert_eq!(div_round(n, d, HalfEven), half_even, "{n}/{d} half even");
        }
    }

    #[test]
    fn wide_quotients_near_the_top_of_i128_do_not_overflow() {
        // A remainder above i128::MAX / 2 overflowed `2 * r` in the former 128-bit copy.
        let d = i128::MAX;
        let n = i128::MAX - 1;
        assert_eq!(div_round_wide(n, d, RoundingMode::HalfUp), 1);
        assert_eq!(div_round_wide(n, d, RoundingMode::Down), 0);
        assert_eq!(div_round_wide(d / 2, d, RoundingMode::HalfEven), 0);
        assert_eq!(div_round_wide(d / 2 + 1, d, RoundingMode::HalfEven), 1);
    }

    proptest! {
        #[test]
        fn sixty_four_and_128_bit_quotients_agree(n in any::<u64>(), d in 1..=u64::MAX, m in 0..4u8) {
            let mode = [RoundingMode::Down, RoundingMode::Up, RoundingMode::HalfUp, RoundingMode::HalfEven][usize::from(m)];
            let narrow = i128::from(div_round(n, d, mode));
            prop_assert_eq!(narrow, div_round(i128::from(n), i128::from(d), mode));
            // Against the definition: the distance to n/d is below one, and at most a half
            // for the half modes.
            let (q, r) = (i128::from(n) / i128::from(d), i128::from(n) % i128::from(d));
            prop_assert!(narrow == q || (r > 0 && narrow == q + 1));
        }
    }
}
