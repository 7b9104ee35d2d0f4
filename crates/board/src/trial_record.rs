//! Stored trials (`dualtrack trial`, `/trial`): the trial engine's own export document, kept
//! whole, beside the few columns a store lists and checks by. The store never reads inside the
//! document; the shells import it through the trial engine, which checks every rule.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::StoreError;

/// Largest trial document stored: the trial engine's own ceiling for an export (a year of
/// weekly check-ins and calendar weeks is well under 200 KB).
pub const MAX_TRIAL_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;

/// Most trials one owner keeps; a person runs one or two in a career.
pub const MAX_TRIALS_PER_OWNER: usize = 50;

/// Who a trial belongs to. Only its owner can read, change or delete it; there is no admin
/// access to trials.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrialOwner {
    /// A signed-in account of the web board.
    Account(i64),
    /// A local CLI profile (`default` unless named), in the CLI's own database.
    Local(String),
}

impl TrialOwner {
    /// The owner as the store's `owner` column writes it: `account:ID` or `local:NAME`.
    #[must_use]
    pub fn key(&self) -> String {
        match self {
            TrialOwner::Account(id) => format!("account:{id}"),
            TrialOwner::Local(name) => format!("local:{name}"),
        }
    }

    /// The account id, when an account owns the trial.
    #[must_use]
    pub fn account_id(&self) -> Option<i64> {
        match self {
            TrialOwner::Account(id) => Some(*id),
            TrialOwner::Local(_) => None,
        }
    }

    /// Reads a key written by [`TrialOwner::key`].
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        if let Some(id) = key.strip_prefix("account:") {
            return id.parse().ok().map(TrialOwner::Account);
        }
        key.strip_prefix("local:")
            .map(|name| TrialOwner::Local(name.to_owned()))
    }

    /// # Errors
    /// [`StoreError::InvalidInput`] for a non-positive account id or a bad profile name.
    pub fn validate(&self) -> Result<(), StoreError> {
        match self {
            TrialOwner::Account(id) if *id <= 0 => Err(StoreError::invalid(format!(
                "trial owner account {id} is not an account id"
            ))),
            TrialOwner::Local(name) if !is_token(name, 40) => Err(StoreError::invalid(format!(
                "local profile `{name}` is not 1-40 letters, digits, `-` or `_`; pick a simple name"
            ))),
            _ => Ok(()),
        }
    }
}

fn is_token(s: &str, max: usize) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A trial as stored.
/// What a private link of a trial opens: its `.ics` feed of dates, or the sponsor's check-in
/// page. A trial has at most one link of each kind; making a new one replaces the old.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrialLink {
    Feed,
    Sponsor,
}

impl TrialLink {
    /// The value stored in the `purpose` column.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            TrialLink::Feed => "feed",
            TrialLink::Sponsor => "sponsor",
        }
    }
}

/// Checks a link nonce before it is stored: 20 to 100 URL-safe characters.
///
/// # Errors
/// [`StoreError::Invalid`] otherwise.
pub fn check_link_nonce(nonce: &str) -> Result<(), StoreError> {
    let ok = (20..=100).contains(&nonce.len())
        && nonce
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "a trial link nonce is 20 to 100 letters, digits, `-` or `_`; make it with a random token",
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StoredTrial {
    /// The trial's id, the same as inside its document.
    pub id: String,
    pub owner: TrialOwner,
    /// The trial kind's id (`ic-to-manager`, ...), copied from the document for listing.
    pub kind: String,
    pub start: NaiveDate,
    /// Planned length in months, copied from the document for listing.
    pub months: u32,
    /// The trial engine's export document (`{"format":"dualtrack-trial","version":1,...}`).
    #[schema(value_type = Object)]
    pub document: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A trial to store, or the new state of a stored one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewTrialRecord {
    pub id: String,
    pub owner: TrialOwner,
    pub kind: String,
    pub start: NaiveDate,
    pub months: u32,
    #[schema(value_type = Object)]
    pub document: serde_json::Value,
    /// When this write happens (creation, or the update).
    pub now: DateTime<Utc>,
}

impl NewTrialRecord {
    /// Checks the record before a backend writes it, so both backends refuse the same things.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] naming the field and what is accepted.
    pub fn validate(&self) -> Result<(), StoreError> {
        if !is_token(&self.id, 64) {
            return Err(StoreError::invalid(format!(
                "trial id `{}` is not 1-64 letters, digits, `-` or `_`",
                self.id.chars().take(70).collect::<String>()
            )));
        }
        self.owner.validate()?;
        if !is_token(&self.kind, 40) {
            return Err(StoreError::invalid(format!(
                "trial kind `{}` is not a kind id such as ic-to-manager",
                self.kind.chars().take(50).collect::<String>()
            )));
        }
        if !(1..=24).contains(&self.months) {
            return Err(StoreError::invalid(format!(
                "a trial of {} months is out of range; plan 6 to 12",
                self.months
            )));
        }
        if !self.document.is_object() {
            return Err(StoreError::invalid(
                "a trial document is a JSON object written by the trial export",
            ));
        }
        let size = self.document.to_string().len();
        if size > MAX_TRIAL_DOCUMENT_BYTES {
            return Err(StoreError::invalid(format!(
                "the trial document is {size} bytes; at most {MAX_TRIAL_DOCUMENT_BYTES} are stored"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> NewTrialRecord {
        NewTrialRecord {
            id: "t-1".into(),
            owner: TrialOwner::Local("default".into()),
            kind: "ic-to-manager".into(),
            start: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            months: 6,
            document: serde_json::json!({"format": "dualtrack-trial"}),
            now: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn owner_keys_round_trip() {
        for owner in [TrialOwner::Account(7), TrialOwner::Local("work".into())] {
            assert_eq!(TrialOwner::from_key(&owner.key()), Some(owner));
        }
        assert_eq!(TrialOwner::from_key("admin:1"), None);
    }

    #[test]
    fn refuses_bad_ids_owners_lengths_and_documents() {
        record().validate().unwrap();
        let mut r = record();
        r.id = "a b".into();
        assert!(r.validate().unwrap_err().to_string().contains("trial id"));
        let mut r = record();
        r.owner = TrialOwner::Account(0);
        assert!(r.validate().is_err());
        let mut r = record();
        r.owner = TrialOwner::Local(String::new());
        assert!(r.validate().unwrap_err().to_string().contains("profile"));
        let mut r = record();
        r.months = 0;
        assert!(r.validate().unwrap_err().to_string().contains("6 to 12"));
        let mut r = record();
        r.document = serde_json::json!([1]);
        assert!(r.validate().is_err());
        let mut r = record();
        r.document = serde_json::json!({ "x": "y".repeat(MAX_TRIAL_DOCUMENT_BYTES) });
        assert!(r.validate().unwrap_err().to_string().contains("at most"));
    }
}
