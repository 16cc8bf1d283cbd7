//! Exact fractions for the few steps between money and a rounded payout line.
//!
//! A tier line is `target incentive × weight × multiplier × covered ÷ quota`: four factors, two
//! of them in parts per million, and covered credit is itself a fraction when a period is
//! pro-rated by days. Multiplying it all out in `i128` could overflow on large plans, so every
//! product cancels common factors first. The one rounding happens in [`Frac::round`].

use sutton_domain::Rounding;

/// `num / den` with `den > 0`, kept in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Frac {
    num: i128,
    den: i128,
}

/// Arithmetic on a fraction left the range of `i128`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Overflow;

impl Frac {
    pub(crate) const ZERO: Frac = Frac { num: 0, den: 1 };

    pub(crate) fn int(n: i128) -> Frac {
        Frac { num: n, den: 1 }
    }

    /// `num / den`; a zero denominator is refused.
    pub(crate) fn new(num: i128, den: i128) -> Result<Frac, Overflow> {
        if den == 0 {
            return Err(Overflow);
        }
        let (num, den) = if den < 0 { (num.checked_neg().ok_or(Overflow)?, -den) } else { (num, den) };
        let g = gcd(num, den);
        Ok(Frac { num: num / g, den: den / g })
    }

    pub(crate) fn ppm(ppm: i64) -> Frac {
        Frac::new(i128::from(ppm), 1_000_000).unwrap_or(Frac::ZERO)
    }

    pub(crate) fn mul(self, other: Frac) -> Result<Frac, Overflow> {
        let g1 = gcd(self.num, other.den);
        let g2 = gcd(other.num, self.den);
        let num = (self.num / g1).checked_mul(other.num / g2).ok_or(Overflow)?;
        let den = (self.den / g2).checked_mul(other.den / g1).ok_or(Overflow)?;
        Frac::new(num, den)
    }

    pub(crate) fn div(self, other: Frac) -> Result<Frac, Overflow> {
        if other.num == 0 {
            return Err(Overflow);
        }
        self.mul(Frac { num: other.den, den: other.num }.normalised()?)
    }

    pub(crate) fn add(self, other: Frac) -> Result<Frac, Overflow> {
        let g = gcd(self.den, other.den);
        let left = self.num.checked_mul(other.den / g).ok_or(Overflow)?;
        let right = other.num.checked_mul(self.den / g).ok_or(Overflow)?;
        let den = (self.den / g).checked_mul(other.den).ok_or(Overflow)?;
        Frac::new(left.checked_add(right).ok_or(Overflow)?, den)
    }

    pub(crate) fn sub(self, other: Frac) -> Result<Frac, Overflow> {
        self.add(Frac { num: other.num.checked_neg().ok_or(Overflow)?, den: other.den })
    }

    pub(crate) fn min(self, other: Frac) -> Frac {
        if self.cmp_to(other).is_le() { self } else { other }
    }

    pub(crate) fn max(self, other: Frac) -> Frac {
        if self.cmp_to(other).is_ge() { self } else { other }
    }

    /// Compares without overflow by falling back to floor division when the cross products
    /// would not fit.
    pub(crate) fn cmp_to(self, other: Frac) -> std::cmp::Ordering {
        match (self.num.checked_mul(other.den), other.num.checked_mul(self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => {
                let (qa, ra) = (self.num.div_euclid(self.den), self.num.rem_euclid(self.den));
                let (qb, rb) = (other.num.div_euclid(other.den), other.num.rem_euclid(other.den));
                qa.cmp(&qb).then_with(|| Frac { num: ra, den: self.den }.cmp_to(Frac { num: rb, den: other.den }))
            }
        }
    }

    pub(crate) fn is_positive(self) -> bool {
        self.num > 0
    }

    /// The one rounding of a payout line, to a whole minor unit.
    pub(crate) fn round(self, rounding: Rounding) -> Result<i64, Overflow> {
        i64::try_from(rounding.divide(self.num, self.den)).map_err(|_| Overflow)
    }

    /// As parts per million, rounded half away from zero: for showing an attainment, never for
    /// deciding a payout.
    pub(crate) fn to_ppm(self) -> i64 {
        self.mul(Frac::int(1_000_000)).ok().and_then(|f| f.round(Rounding::HalfAwayFromZero).ok()).unwrap_or(i64::MAX)
    }

    fn normalised(self) -> Result<Frac, Overflow> {
        Frac::new(self.num, self.den)
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    // gcd(0, 0) would be 0; 1 keeps divisions defined.
    i128::try_from(a).unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_cancel_before_they_overflow() {
        let big = Frac::new(10_i128.pow(30), 7).unwrap();
        let back = big.mul(Frac::new(7, 10_i128.pow(30)).unwrap()).unwrap();
        assert_eq!(back, Frac::int(1));
    }

    #[test]
    fn comparison_and_rounding_are_exact() {
        let a = Frac::new(1, 3).unwrap();
        let b = Frac::new(333_333, 1_000_000).unwrap();
        assert!(a.cmp_to(b).is_gt());
        assert_eq!(Frac::new(5, 2).unwrap().round(Rounding::HalfEven).unwrap(), 2);
        assert_eq!(Frac::new(-5, 2).unwrap().round(Rounding::HalfAwayFromZero).unwrap(), -3);
        assert_eq!(a.add(a).unwrap().sub(Frac::new(2, 3).unwrap()).unwrap(), Frac::ZERO);
    }
}
