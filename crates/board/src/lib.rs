//! dualtrack-board: the job board's domain and its storage contract.
//!
//! The board helps a job seeker find companies whose IC ladder is real (it reaches past Staff)
//! and whose culture claims are backed by verified employees. This crate is pure: it holds the
//! value types, the rules (who may endorse, when a tag counts as confirmed, what a valid search
//! looks like), the embedded demo content and the [`Store`] trait. Databases live in
//! `dualtrack-store` (SQLite or PostgreSQL, picked by URL).
//!
//! The types derive `Serialize` and `utoipa::ToSchema`: the JSON API, the CLI and the HTML
//! templates all render these same values.

mod account;
mod api_token;
mod assessment;
mod audit_entry;
mod company;
mod company_ladder;
mod cursor;
mod data_error;
mod demo;
mod endorsement;
mod error;
pub mod index;
mod jobposting;
mod listing;
mod listing_draft;
mod prefs;
mod query;
mod role;
pub mod rung;
mod salary;
mod store;
mod tag;
mod tag_evidence;
mod trial_record;
mod verification;
mod words;
mod workplace;

pub use account::{Account, MAX_EMAIL_LEN, NewAccount, NewSession, Session, normalize_email};
pub use api_token::{ApiToken, MAX_API_TOKENS, MAX_TOKEN_LABEL, NewApiToken};
pub use assessment::{
    MAX_ANSWERS_BYTES, MAX_ASSESSMENT_LIST, NewSavedAssessment, SavedAssessment,
    check_assessment_limit,
};
pub use audit_entry::{AuditEntry, MAX_AUDIT_REASON_LEN, NewAuditEntry};
pub use company::{Company, CompanySize, NewCompany, RemotePolicy, email_at_domain, is_slug};
pub use company_ladder::{CompanyLadderUpload, LadderFacts, MAX_LADDER_BYTES, StoredCompanyLadder};
pub use cursor::Cursor;
pub use data_error::DataError;
pub use demo::{DemoAccount, DemoData, EMBEDDED_DEMO, MAX_DEMO_BYTES};
pub use dualtrack_framework::Track;
pub use endorsement::{Endorsement, NewEndorsement, check_may_endorse, check_may_verify};
pub use error::StoreError;
pub use index::{BoardIndex, IndexCompany, IndexListing};
pub use jobposting::{
    ImportedPosting, MAX_IMPORT_BYTES, MAX_IMPORT_POSTINGS, parse_job_postings, to_job_posting,
};
pub use listing::{
    CompanyBrief, DEFAULT_LISTING_DAYS, Listing, ListingState, ListingSummary, MAX_DESCRIPTION,
    MAX_HIDE_REASON, MAX_LISTING_DAYS, MAX_LISTING_FIELD, default_expiry, whole_seconds,
};
pub use listing_draft::{FieldError, ListingDraft, NewListing, is_web_address};
pub use prefs::{
    Level, ListingMatch, MAX_PREFERENCES, Preference, half_points, match_listing, match_sentence,
    parse_preferences,
};
pub use query::{
    BoolCounts, DEFAULT_LIMIT, Facets, ListingPage, ListingQuery, MAX_LIMIT, MAX_QUERY_CHARS,
    MAX_TAG_FILTERS, MAX_TERMS, TrackCounts, ValidListingQuery, search_terms,
};
pub use role::{Role, check_may_post};
pub use salary::SalaryRange;
pub use store::{
    AccountStore, CompanyStore, EndorsementStore, ListingStore, SearchStore, SeedSummary, Store,
    TrialStore,
};
pub use tag::{
    CONFIRMATION_THRESHOLD, CultureTag, EMBEDDED_TAGS, TagStatus, is_confirmed, is_tag_id,
    parse_vocabulary, sort_tags, tag_provenance,
};
pub use tag_evidence::{
    Confirmation, DEFAULT_CONFIRMATION_MAX_AGE_DAYS, MAX_TEAM_LEN, clean_team, tag_status_at,
};
pub use trial_record::{
    MAX_TRIAL_DOCUMENT_BYTES, MAX_TRIALS_PER_OWNER, NewTrialRecord, StoredTrial, TrialOwner,
};
pub use trial_record::{TrialLink, check_link_nonce};
pub use verification::{NewEmailVerification, Redemption, VERIFICATION_HOURS};
pub use words::{rung_title, salary_text};
pub use workplace::Workplace;
