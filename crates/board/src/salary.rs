//! A listing's pay range, in whole units of one currency.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::StoreError;

/// Yearly base salary range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SalaryRange {
    pub min: u32,
    pub max: u32,
    /// ISO 4217 code (`EUR`, `USD`).
    pub currency: String,
}

impl SalaryRange {
    /// Rebuilds a range from its three nullable columns; all three or none must be set.
    ///
    /// # Errors
    /// [`StoreError::InvalidData`] when only some columns are set or values are negative.
    pub fn from_columns(
        min: Option<i64>,
        max: Option<i64>,
        currency: Option<String>,
    ) -> Result<Option<Self>, StoreError> {
        match (min, max, currency) {
            (None, None, None) => Ok(None),
            (Some(min), Some(max), Some(currency)) => {
                let convert = |v: i64| {
                    u32::try_from(v).map_err(|_| {
                        StoreError::InvalidData(format!("salary value {v} is out of range"))
                    })
                };
                Ok(Some(Self {
                    min: convert(min)?,
                    max: convert(max)?,
                    currency,
                }))
            }
            _ => Err(StoreError::InvalidData(
                "a listing has a partial salary range; set min, max and currency together".into(),
            )),
        }
    }

    /// Checks min <= max and the currency spelling.
    ///
    /// # Errors
    /// A message for the caller to place.
    pub fn check(&self) -> Result<(), String> {
        if self.min > self.max {
            return Err(format!(
                "salary min {} is above max {}; swap them",
                self.min, self.max
            ));
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "salary currency `{}` must be a three-letter ISO 4217 code such as EUR or USD",
                self.currency
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salary_columns_are_all_or_nothing() {
        assert_eq!(SalaryRange::from_columns(None, None, None).unwrap(), None);
        let range = SalaryRange::from_columns(Some(1), Some(2), Some("EUR".into()))
            .unwrap()
            .unwrap();
        assert_eq!(range.max, 2);
        assert!(SalaryRange::from_columns(Some(1), None, None).is_err());
        assert!(SalaryRange::from_columns(Some(-1), Some(2), Some("EUR".into())).is_err());
    }

    #[test]
    fn salary_check_explains_the_fix() {
        let mut range = SalaryRange {
            min: 10,
            max: 5,
            currency: "EUR".into(),
        };
        assert!(range.check().unwrap_err().contains("swap"));
        range.max = 20;
        range.currency = "euro".into();
        assert!(range.check().unwrap_err().contains("ISO 4217"));
        range.currency = "EUR".into();
        range.check().unwrap();
    }
}
