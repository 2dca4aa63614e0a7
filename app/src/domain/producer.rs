//! OCOP producers ("chủ thể OCOP") and what identifies them.

use serde::{Deserialize, Serialize};

/// Enterprise, cooperative, cooperative group or household business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProducerKind {
    Enterprise,
    Cooperative,
    CooperativeGroup,
    Household,
}

impl ProducerKind {
    pub fn code(self) -> &'static str {
        match self {
            ProducerKind::Enterprise => "enterprise",
            ProducerKind::Cooperative => "cooperative",
            ProducerKind::CooperativeGroup => "cooperative-group",
            ProducerKind::Household => "household",
        }
    }
}

/// A Vietnamese tax code: 10 digits with a check digit, `NNNNNNNNNN-NNN` for a branch, or (since
/// 07/2025) a household's 12-digit personal ID number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxCode(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TaxCodeError {
    #[error("a tax code has 10 digits, 10-3 digits for a branch, or 12 digits for a household")]
    Shape,
    #[error("the check digit of this tax code is wrong")]
    CheckDigit,
}

const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// The tenth digit for nine leading digits, or `None` when no digit fits (the rule gives 10).
pub fn check_digit(first_nine: &[u32; 9]) -> Option<u32> {
    let sum: u32 = first_nine.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    let n = 10 - (sum % 11);
    (n < 10).then_some(n)
}

impl TaxCode {
    pub fn parse(input: &str) -> Result<TaxCode, TaxCodeError> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let (main, branch) = match s.split_once('-') {
            Some((m, b)) => (m, Some(b)),
            None => (s.as_str(), None),
        };
        let all_digits = |v: &str| v.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(main) || branch.is_some_and(|b| b.len() != 3 || !all_digits(b)) {
            return Err(TaxCodeError::Shape);
        }
        match (main.len(), branch) {
            (12, None) => Ok(TaxCode(s)),
            (10, _) => {
                let d: Vec<u32> = main.bytes().map(|b| u32::from(b - b'0')).collect();
                let mut nine = [0u32; 9];
                nine.copy_from_slice(&d[..9]);
                if check_digit(&nine) == Some(d[9]) {
                    Ok(TaxCode(s))
                } else {
                    Err(TaxCodeError::CheckDigit)
                }
            }
            _ => Err(TaxCodeError::Shape),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// OCOP stars: only 3, 4 and 5 are certified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OcopStars(u8);

impl OcopStars {
    pub fn new(stars: u8) -> Option<OcopStars> {
        (3..=5).contains(&stars).then_some(OcopStars(stars))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_tax_codes_pass_the_check_digit() {
        for code in ["0100109106", "0300588569", "0101248141", "0100109106-001"] {
            assert!(TaxCode::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn a_tax_code_with_a_wrong_check_digit_is_rejected() {
        assert_eq!(TaxCode::parse("0100109107"), Err(TaxCodeError::CheckDigit));
    }

    #[test]
    fn malformed_tax_codes_are_rejected_by_shape() {
        for code in ["123", "01001091061", "0100109106-01", "abcdefghij", "066123456789-001"] {
            assert_eq!(TaxCode::parse(code), Err(TaxCodeError::Shape), "{code}");
        }
        assert!(TaxCode::parse("066123456789").is_ok());
    }

    #[test]
    fn only_three_to_five_stars_are_certified() {
        assert!(OcopStars::new(2).is_none());
        assert_eq!(OcopStars::new(5).map(OcopStars::get), Some(5));
        assert!(OcopStars::new(6).is_none());
    }
}
