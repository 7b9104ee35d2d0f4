//! Where a job is done: remote, hybrid or on site.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::StoreError;

/// Where the job is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Workplace {
    Remote,
    Hybrid,
    Onsite,
}

impl Workplace {
    /// How people say it, inside a sentence: `remote`, `hybrid`, `on site`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Remote => "remote",
            Self::Hybrid => "hybrid",
            Self::Onsite => "on site",
        }
    }

    /// Database spelling (same as the serde one).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Remote => "remote",
            Self::Hybrid => "hybrid",
            Self::Onsite => "onsite",
        }
    }

    /// Fully remote; the `remote` search filter and facet count only these.
    #[must_use]
    pub fn is_remote(self) -> bool {
        self == Self::Remote
    }

    /// Parses the database spelling.
    ///
    /// # Errors
    /// [`StoreError::InvalidData`] for an unknown workplace.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        [Self::Remote, Self::Hybrid, Self::Onsite]
            .into_iter()
            .find(|w| w.as_str() == text)
            .ok_or_else(|| StoreError::InvalidData(format!("unknown workplace `{text}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_remote_counts_as_remote() {
        assert!(Workplace::Remote.is_remote());
        assert!(!Workplace::Hybrid.is_remote());
        assert_eq!(Workplace::parse("onsite").unwrap(), Workplace::Onsite);
    }
}
