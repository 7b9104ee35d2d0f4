//! Trials of the other track and the saved assessments. Every trial method takes the owner
//! and matches on it: a trial is visible only to its owner, and there is no admin path to one.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    NewSavedAssessment, NewTrialRecord, SavedAssessment, StoreError, StoredTrial, TrialLink,
    TrialOwner,
};

/// Trials and saved assessments.
#[async_trait]
pub trait TrialStore {
    /// Stores one assessment result and returns it with its id.
    async fn save_assessment(
        &self,
        new: &NewSavedAssessment,
    ) -> Result<SavedAssessment, StoreError>;

    /// The most recent saved assessments, newest first, at most `limit` (1..=1000).
    async fn list_assessments(&self, limit: u32) -> Result<Vec<SavedAssessment>, StoreError>;

    /// Stores a new trial. [`StoreError::Conflict`] when the id is taken,
    /// [`StoreError::NotAllowed`] when the owner already keeps the most trials allowed.
    async fn create_trial(&self, new: &NewTrialRecord) -> Result<StoredTrial, StoreError>;

    /// One trial of `owner`; `None` when there is none with that id or it is someone else's.
    async fn trial(&self, owner: &TrialOwner, id: &str) -> Result<Option<StoredTrial>, StoreError>;

    /// The trials of `owner`, newest first.
    async fn list_trials(&self, owner: &TrialOwner) -> Result<Vec<StoredTrial>, StoreError>;

    /// Replaces the document (and kind, start, months) of one of the owner's trials.
    /// [`StoreError::NotFound`] when the owner has no trial with that id.
    async fn update_trial(&self, update: &NewTrialRecord) -> Result<StoredTrial, StoreError>;

    /// Deletes one of the owner's trials and everything it holds; false when there was none.
    async fn delete_trial(&self, owner: &TrialOwner, id: &str) -> Result<bool, StoreError>;

    /// Sets the private link of kind `link` on one of the owner's trials to `nonce`, replacing
    /// any earlier one (whose address then stops working); false when the owner has no such
    /// trial.
    async fn set_trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
        nonce: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// The nonce of the owner's link of kind `link` on a trial, if there is one.
    async fn trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
    ) -> Result<Option<String>, StoreError>;

    /// Removes the owner's link of kind `link` on a trial; false when there was none.
    async fn delete_trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
    ) -> Result<bool, StoreError>;

    /// The trial a private link opens: the one whose link of kind `link` has this nonce. The
    /// caller has checked the address's signature; the trial keeps its owner, so writes through
    /// the link still go through the owner's methods.
    async fn trial_by_link(
        &self,
        link: TrialLink,
        nonce: &str,
    ) -> Result<Option<StoredTrial>, StoreError>;

    /// Trials owned by accounts whose reminders are on, in id order after `after`, at most
    /// `limit` (1..=1000): the reminder task walks them. Not for showing to anyone.
    async fn reminder_trials_after(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredTrial>, StoreError>;

    /// Turns the weekly reminder of one of the owner's trials on or off; false when the owner
    /// has no such trial.
    async fn set_trial_reminders(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        on: bool,
    ) -> Result<bool, StoreError>;

    /// Whether the weekly reminder of one of the owner's trials is on (it is unless turned off).
    async fn trial_reminders_on(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
    ) -> Result<bool, StoreError>;

    /// Records that the reminder for `due` was sent for a trial; false when it already was
    /// (by this or another server process), so the caller must not send it.
    async fn record_trial_reminder(
        &self,
        trial_id: &str,
        due: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Forgets a recorded reminder whose mail could not be sent, so a later sweep (while the
    /// reminder is still due) tries again.
    async fn release_trial_reminder(
        &self,
        trial_id: &str,
        due: NaiveDate,
    ) -> Result<(), StoreError>;
}
