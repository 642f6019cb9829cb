//! Prepaid balances (TERMS F42-1): a ledger of top-ups and debits, call authorization
//! ("may this call start, and for how long?"), and debits that never take the balance
//! below the credit limit.

use rust_decimal::Decimal;

use crate::Error;
use crate::money::{Currency, Money};

/// One ledger entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum LedgerEntry {
    /// Money added (a payment received).
    TopUp {
        /// Amount added.
        amount: Decimal,
        /// Reference (payment id).
        reference: String,
    },
    /// A rated call or other charge.
    Debit {
        /// Amount taken.
        amount: Decimal,
        /// Reference (call id).
        reference: String,
    },
}

/// A prepaid account: balance, credit limit (the lowest balance allowed, usually 0 or
/// negative for a small overdraft) and the ledger that explains the balance.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PrepaidAccount {
    /// Currency of every amount.
    pub currency: Currency,
    /// The current balance.
    pub balance: Decimal,
    /// The balance may not go below this.
    pub credit_limit: Decimal,
    /// Every top-up and debit, oldest first.
    pub ledger: Vec<LedgerEntry>,
}

/// How long a call may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Authorization {
    /// Whether the call may start at all (the balance affords the connect fee and the
    /// first increment, or the minimum charge).
    pub allowed: bool,
    /// The longest duration in seconds whose cost the balance affords; a whole number of
    /// increments. 0 when not allowed.
    pub max_seconds: u32,
}

impl PrepaidAccount {
    /// An empty account with a credit limit (0 for no overdraft).
    pub fn new(currency: Currency, credit_limit: Decimal) -> Self {
        PrepaidAccount {
            currency,
            balance: Decimal::ZERO,
            credit_limit,
            ledger: Vec::new(),
        }
    }

    /// The balance as money.
    pub fn balance(&self) -> Money {
        Money::new(self.balance, self.currency)
    }

    /// What can still be spent: balance − credit limit (never negative; the largest
    /// decimal when the difference is beyond the decimal range).
    pub fn available(&self) -> Decimal {
        self.headroom().max(Decimal::ZERO)
    }

    /// Balance − credit limit, negative when the balance is below the limit, held at
    /// the largest (smallest) decimal beyond the decimal range.
    fn headroom(&self) -> Decimal {
        match self.balance.checked_sub(self.credit_limit) {
            Some(v) => v,
            // Only a difference of opposite signs overflows: its sign is the balance's.
            None if self.balance > self.credit_limit => Decimal::MAX,
            None => Decimal::MIN,
        }
    }

    /// Adds a payment. Non-positive amounts are rejected.
    pub fn top_up(&mut self, amount: Decimal, reference: &str) -> Result<Money, Error> {
        if amount <= Decimal::ZERO {
            return Err(Error::InvalidInput {
                what: "top-up amount",
                reason: format!("{amount} is not positive"),
            });
        }
        self.balance = self
            .balance
            .checked_add(amount)
            .ok_or(Error::overflow("prepaid balance"))?;
        self.ledger.push(LedgerEntry::TopUp {
            amount,
            reference: reference.to_owned(),
        });
        Ok(self.balance())
    }

    /// Takes a charge. Refused, leaving the account unchanged, when it would take the
    /// balance below the credit limit.
    pub fn debit(&mut self, amount: Decimal, reference: &str) -> Result<Money, Error> {
        if amount.is_sign_negative() {
            return Err(Error::InvalidInput {
                what: "debit amount",
                reason: format!("{amount} is negative"),
            });
        }
        let after = self
            .balance
            .checked_sub(amount)
            .ok_or(Error::overflow("prepaid balance"))?;
        if after < self.credit_limit {
            return Err(Error::InsufficientBalance {
                needed: Money {
                    amount,
                    currency: self.currency,
                },
                available: Money {
                    amount: self.available(),
                    currency: self.currency,
                },
            });
        }
        self.balance = after;
        self.ledger.push(LedgerEntry::Debit {
            amount,
            reference: reference.to_owned(),
        });
        Ok(self.balance())
    }

    /// The sum of top-ups ("payments") and of debits ("consumed credit"). Each sum
    /// stops at the largest decimal (about 7.9 × 10²⁸) rather than overflow: only a
    /// ledger whose payments or debits add up to more than that gets there.
    pub fn totals(&self) -> (Decimal, Decimal) {
        self.ledger
            .iter()
            .fold((Decimal::ZERO, Decimal::ZERO), |(t, d), e| match e {
                LedgerEntry::TopUp { amount, .. } => (t.saturating_add(*amount), d),
                LedgerEntry::Debit { amount, .. } => (t, d.saturating_add(*amount)),
            })
    }

    /// Authorizes a call whose cost for `s` seconds is `cost(s)` (non-decreasing in `s`,
    /// as rating is): the longest duration, up to `cap_s`, the available balance affords.
    /// Costs only change at increment boundaries, so the answer is a boundary: found by
    /// binary search over seconds, `O(log cap_s)` ratings.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use tariff::{Currency, PrepaidAccount};
    /// let mut acct = PrepaidAccount::new(Currency::EUR, Decimal::ZERO);
    /// acct.top_up("1.00".parse().unwrap(), "pay-1").unwrap();
    /// // 0.10 connect + 0.30/min in 60 s increments: 1.00 affords 3 minutes (0.10 + 0.90).
    /// let cost = |s: u32| -> Result<Decimal, tariff::Error> {
    ///     let minutes = Decimal::from(s.div_ceil(60));
    ///     Ok("0.10".parse::<Decimal>().unwrap() + minutes * "0.30".parse::<Decimal>().unwrap())
    /// };
    /// let auth = acct.authorize(cost, 4 * 3600).unwrap();
    /// assert_eq!(auth.max_seconds, 180);
    /// ```
    pub fn authorize(
        &self,
        mut cost: impl FnMut(u32) -> Result<Decimal, Error>,
        cap_s: u32,
    ) -> Result<Authorization, Error> {
        let available = self.headroom();
        // The call must afford its first second (connect fee + first increment/minimum).
        if cap_s == 0 || cost(1)? > available {
            return Ok(Authorization {
                allowed: false,
                max_seconds: 0,
            });
        }
        // Largest s in [1, cap] with cost(s) <= available.
        let (mut lo, mut hi) = (1u32, cap_s);
        while lo < hi {
            // lo < hi, so neither step leaves the range.
            let mid = lo.saturating_add(hi.saturating_sub(lo).div_ceil(2));
            if cost(mid)? <= available {
                lo = mid;
            } else {
                hi = mid.saturating_sub(1);
            }
        }
        Ok(Authorization {
            allowed: true,
            max_seconds: lo,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn debits_never_take_the_balance_below_the_limit() {
        let mut a = PrepaidAccount::new(Currency::EUR, dec!(-2.00));
        a.top_up(dec!(5), "p1").unwrap();
        a.debit(dec!(6.50), "c1").unwrap();
        assert_eq!(a.balance, dec!(-1.50));
        let err = a.debit(dec!(0.51), "c2").unwrap_err();
        assert!(matches!(err, Error::InsufficientBalance { .. }));
        assert_eq!(a.balance, dec!(-1.50));
        a.debit(dec!(0.50), "c3").unwrap();
        assert_eq!(a.balance, dec!(-2.00));
        assert_eq!(a.totals(), (dec!(5), dec!(7.00)));
        assert!(a.top_up(dec!(0), "zero").is_err());
    }

    // F42-1: 0.05 connect + 0.12/min in 30/6 increments, balance 0.50:
    // cost(s) = 0.05 + 0.002 × billed(s); 0.45 / 0.002 = 225 s → 30 + 32×6 = 222 s
    // (0.494); 228 s would cost 0.506.
    #[test]
    fn authorization_stops_at_the_last_affordable_increment() {
        let mut a = PrepaidAccount::new(Currency::EUR, Decimal::ZERO);
        a.top_up(dec!(0.50), "p").unwrap();
        let cost = |s: u32| -> Result<Decimal, Error> {
            let billed = if s <= 30 {
                30
            } else {
                30 + (s - 30).div_ceil(6) * 6
            };
            Ok(dec!(0.05) + dec!(0.002) * Decimal::from(billed))
        };
        let auth = a.authorize(cost, 7200).unwrap();
        assert!(auth.allowed);
        assert_eq!(auth.max_seconds, 222);
        let mut poor = PrepaidAccount::new(Currency::EUR, Decimal::ZERO);
        poor.top_up(dec!(0.10), "p").unwrap();
        assert!(!poor.authorize(cost, 7200).unwrap().allowed);
    }
}
