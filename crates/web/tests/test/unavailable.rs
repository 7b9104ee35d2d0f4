//! When the database does not answer: health reports 503, pages and the API say so without
//! internals, and the parts that need no database keep working.

use std::sync::Arc;

use async_trait::async_trait;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Utc};
use dualtrack_board::{
    Account, ApiToken, AuditEntry, Company, CultureTag, DemoData, Endorsement, Listing,
    ListingDraft, ListingPage, ListingQuery, NewAccount, NewApiToken, NewAuditEntry,
    NewEmailVerification, NewEndorsement, NewListing, NewSavedAssessment, NewSession, Preference,
    Redemption, Role, SavedAssessment, SeedSummary, Session, Store, StoreError, TagStatus,
};
use dualtrack_board::{IndexCompany, IndexListing, ListingSummary};
use dualtrack_board::{NewTrialRecord, StoredTrial, TrialLink, TrialOwner};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A store whose database is unreachable.
#[derive(Debug)]
struct Down;

fn down<T>() -> Result<T, StoreError> {
    Err(StoreError::Connect {
        target: "db.internal:5432".into(),
        reason: "connection refused".into(),
        hint: "is it running?",
    })
}

#[async_trait]
impl Store for Down {
    fn backend(&self) -> &'static str {
        "down"
    }
    async fn ping(&self) -> Result<(), StoreError> {
        down()
    }
    async fn is_empty(&self) -> Result<bool, StoreError> {
        down()
    }
    async fn seed_demo(&self, _: &DemoData) -> Result<SeedSummary, StoreError> {
        down()
    }
    async fn tags(&self) -> Result<Vec<CultureTag>, StoreError> {
        down()
    }
    async fn companies(&self) -> Result<Vec<Company>, StoreError> {
        down()
    }
    async fn company(&self, _: i64) -> Result<Option<Company>, StoreError> {
        down()
    }
    async fn company_by_slug(&self, _: &str) -> Result<Option<Company>, StoreError> {
        down()
    }
    async fn set_company_ladder(
        &self,
        _: &dualtrack_board::CompanyLadderUpload,
    ) -> Result<(), StoreError> {
        down()
    }
    async fn company_ladder(
        &self,
        _: i64,
    ) -> Result<Option<dualtrack_board::StoredCompanyLadder>, StoreError> {
        down()
    }
    async fn search_listings(
        &self,
        _: &ListingQuery,
        _: DateTime<Utc>,
    ) -> Result<ListingPage, StoreError> {
        down()
    }
    async fn create_listing(
        &self,
        _: i64,
        _: &ListingDraft,
        _: DateTime<Utc>,
    ) -> Result<Listing, StoreError> {
        down()
    }
    async fn update_listing(
        &self,
        _: i64,
        _: &ListingDraft,
        _: DateTime<Utc>,
    ) -> Result<Listing, StoreError> {
        down()
    }
    async fn import_listing(&self, _: &NewListing) -> Result<Listing, StoreError> {
        down()
    }
    async fn close_listing(&self, _: i64, _: DateTime<Utc>) -> Result<Listing, StoreError> {
        down()
    }
    async fn renew_listing(&self, _: i64, _: DateTime<Utc>) -> Result<Listing, StoreError> {
        down()
    }
    async fn hide_listing(
        &self,
        _: i64,
        _: i64,
        _: &str,
        _: DateTime<Utc>,
    ) -> Result<Listing, StoreError> {
        down()
    }
    async fn company_listings(&self, _: i64, _: u32) -> Result<Vec<Listing>, StoreError> {
        down()
    }
    async fn create_api_token(&self, _: &NewApiToken) -> Result<ApiToken, StoreError> {
        down()
    }
    async fn api_token(&self, _: &str) -> Result<Option<(ApiToken, Account)>, StoreError> {
        down()
    }
    async fn api_tokens(&self, _: i64) -> Result<Vec<ApiToken>, StoreError> {
        down()
    }
    async fn revoke_api_token(&self, _: i64, _: i64) -> Result<bool, StoreError> {
        down()
    }
    async fn preferences(&self, _: i64) -> Result<Vec<Preference>, StoreError> {
        down()
    }
    async fn save_preferences(&self, _: i64, _: &[Preference]) -> Result<(), StoreError> {
        down()
    }
    async fn listing(&self, _: i64) -> Result<Option<Listing>, StoreError> {
        down()
    }
    async fn company_tags(&self, _: i64) -> Result<Vec<TagStatus>, StoreError> {
        down()
    }
    async fn endorse(&self, _: &NewEndorsement) -> Result<Endorsement, StoreError> {
        down()
    }
    async fn withdraw_endorsement(&self, _: i64, _: i64, _: &str) -> Result<bool, StoreError> {
        down()
    }
    async fn account_endorsements(&self, _: i64) -> Result<Vec<Endorsement>, StoreError> {
        down()
    }
    async fn create_account(&self, _: &NewAccount) -> Result<Account, StoreError> {
        down()
    }
    async fn account(&self, _: i64) -> Result<Option<Account>, StoreError> {
        down()
    }
    async fn set_account_role(&self, _: i64, _: Role) -> Result<Account, StoreError> {
        down()
    }
    async fn record_audit(&self, _: &NewAuditEntry) -> Result<AuditEntry, StoreError> {
        down()
    }
    async fn audit_log(&self, _: u32) -> Result<Vec<AuditEntry>, StoreError> {
        down()
    }
    async fn account_by_email(&self, _: &str) -> Result<Option<Account>, StoreError> {
        down()
    }
    async fn verify_account(&self, _: i64, _: i64) -> Result<Account, StoreError> {
        down()
    }
    async fn create_session(&self, _: &NewSession) -> Result<Session, StoreError> {
        down()
    }
    async fn session(&self, _: &str, _: DateTime<Utc>) -> Result<Option<Session>, StoreError> {
        down()
    }
    async fn delete_session(&self, _: &str) -> Result<bool, StoreError> {
        down()
    }
    async fn purge_expired_sessions(&self, _: DateTime<Utc>) -> Result<u64, StoreError> {
        down()
    }
    async fn company_tags_at(
        &self,
        _: i64,
        _: DateTime<Utc>,
        _: chrono::Duration,
    ) -> Result<Vec<TagStatus>, StoreError> {
        down()
    }
    async fn dispute_tag(
        &self,
        _: i64,
        _: i64,
        _: &str,
        _: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        down()
    }
    async fn withdraw_dispute(&self, _: i64, _: i64, _: &str) -> Result<bool, StoreError> {
        down()
    }
    async fn account_disputes(&self, _: i64, _: i64) -> Result<Vec<String>, StoreError> {
        down()
    }
    async fn delete_account_sessions(&self, _: i64) -> Result<u64, StoreError> {
        down()
    }
    async fn set_account_banned(
        &self,
        _: i64,
        _: Option<DateTime<Utc>>,
    ) -> Result<Account, StoreError> {
        down()
    }
    async fn create_email_verification(&self, _: &NewEmailVerification) -> Result<(), StoreError> {
        down()
    }
    async fn redeem_email_verification(
        &self,
        _: &str,
        _: i64,
        _: DateTime<Utc>,
    ) -> Result<Redemption, StoreError> {
        down()
    }
    async fn save_assessment(&self, _: &NewSavedAssessment) -> Result<SavedAssessment, StoreError> {
        down()
    }
    async fn list_assessments(&self, _: u32) -> Result<Vec<SavedAssessment>, StoreError> {
        down()
    }
    async fn create_trial(&self, _: &NewTrialRecord) -> Result<StoredTrial, StoreError> {
        down()
    }
    async fn trial(&self, _: &TrialOwner, _: &str) -> Result<Option<StoredTrial>, StoreError> {
        down()
    }
    async fn list_trials(&self, _: &TrialOwner) -> Result<Vec<StoredTrial>, StoreError> {
        down()
    }
    async fn update_trial(&self, _: &NewTrialRecord) -> Result<StoredTrial, StoreError> {
        down()
    }
    async fn delete_trial(&self, _: &TrialOwner, _: &str) -> Result<bool, StoreError> {
        down()
    }
    async fn set_trial_link(
        &self,
        _: &TrialOwner,
        _: &str,
        _: TrialLink,
        _: &str,
        _: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        down()
    }
    async fn trial_link(
        &self,
        _: &TrialOwner,
        _: &str,
        _: TrialLink,
    ) -> Result<Option<String>, StoreError> {
        down()
    }
    async fn delete_trial_link(
        &self,
        _: &TrialOwner,
        _: &str,
        _: TrialLink,
    ) -> Result<bool, StoreError> {
        down()
    }
    async fn trial_by_link(
        &self,
        _: TrialLink,
        _: &str,
    ) -> Result<Option<StoredTrial>, StoreError> {
        down()
    }
    async fn reminder_trials_after(
        &self,
        _: Option<&str>,
        _: u32,
    ) -> Result<Vec<StoredTrial>, StoreError> {
        down()
    }
    async fn set_trial_reminders(
        &self,
        _: &TrialOwner,
        _: &str,
        _: bool,
    ) -> Result<bool, StoreError> {
        down()
    }
    async fn trial_reminders_on(&self, _: &TrialOwner, _: &str) -> Result<bool, StoreError> {
        down()
    }
    async fn record_trial_reminder(
        &self,
        _: &str,
        _: chrono::NaiveDate,
        _: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        down()
    }
    async fn release_trial_reminder(
        &self,
        _: &str,
        _: chrono::NaiveDate,
    ) -> Result<(), StoreError> {
        down()
    }
    async fn board_generation(&self) -> Result<i64, StoreError> {
        down()
    }
    async fn index_listings(
        &self,
        _: Option<(DateTime<Utc>, i64)>,
        _: u32,
    ) -> Result<Vec<IndexListing>, StoreError> {
        down()
    }
    async fn index_companies(&self) -> Result<Vec<IndexCompany>, StoreError> {
        down()
    }
    async fn listing_summaries(&self, _: &[i64]) -> Result<Vec<ListingSummary>, StoreError> {
        down()
    }
}

async fn get(path: &str) -> (StatusCode, String) {
    let state = dualtrack_web::AppState::new(
        Arc::new(Down),
        dualtrack_web::Keys::random(),
        Default::default(),
    )
    .unwrap();
    let response = dualtrack_web::app(state)
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn health_is_503_when_the_database_does_not_answer() {
    let (status, body) = get("/healthz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("\"unavailable\""), "{body}");
}

#[tokio::test]
async fn board_errors_do_not_leak_internals() {
    let (status, body) = get("/api/v1/listings").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("\"unavailable\""), "{body}");
    assert!(!body.contains("db.internal"), "{body}");
    let (status, body) = get("/jobs").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        body.contains("temporarily unavailable") && !body.contains("db.internal"),
        "{body}"
    );
}

#[tokio::test]
async fn the_engines_work_without_the_database() {
    assert_eq!(get("/api/v1/ladder").await.0, StatusCode::OK);
    assert_eq!(get("/ladder").await.0, StatusCode::OK);
}
