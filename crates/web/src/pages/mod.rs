//! The HTML pages. Each module holds one area's handlers; templates live in `templates/`.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::limits;
use crate::state::AppState;

mod account;
mod admin;
pub mod assess;
pub mod audit;
pub mod calendar;
pub mod company;
pub mod company_ladder;
pub mod decision;
mod home;
pub mod jobs;
pub mod ladder;
mod outbox;
mod postings;
pub mod trial;
mod verify;

/// Every page route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/assess", get(assess::page).post(assess::submit))
        .route("/assess/result", get(assess::result))
        .route("/assess/keep", post(assess::keep))
        .route("/ladder", get(ladder::page))
        .route("/ladder/roles/{id}", get(ladder::role))
        .route("/ladder/compare", get(ladder::compare))
        .route("/ladder/map", get(ladder::map))
        .route(
            "/ladder/audit",
            get(audit::page)
                .post(audit::submit)
                .layer(DefaultBodyLimit::max(
                    limits::LADDER_BODY + limits::SMALL_BODY,
                )),
        )
        .route(
            "/calendar",
            get(calendar::page)
                .post(calendar::submit)
                .layer(DefaultBodyLimit::max(limits::CALENDAR_BODY)),
        )
        .route("/decision", get(decision::page))
        .route("/decision/{file}", get(decision::download))
        .route("/jobs", get(jobs::list))
        .route("/jobs/{id}", get(jobs::show))
        .route("/jobs/new", get(postings::new_page).post(postings::create))
        .route(
            "/jobs/{id}/edit",
            get(postings::edit_page).post(postings::update),
        )
        .route("/jobs/{id}/{action}", post(postings::act))
        .route("/jobs/preferences", post(postings::save_preferences))
        .route("/account/listings", get(postings::own_listings))
        .route(
            "/account/api-tokens",
            get(postings::tokens).post(postings::create_token),
        )
        .route(
            "/account/api-tokens/{id}/revoke",
            post(postings::revoke_token),
        )
        .route("/companies/{slug}", get(company::company))
        .route("/companies/{slug}/ladder", post(company_ladder::upload))
        .route("/companies/{slug}/{action}", post(company::endorse))
        .route("/signup", get(account::signup_page).post(account::signup))
        .route("/login", get(account::login_page).post(account::login))
        .route("/logout", post(account::logout))
        .route("/account", get(account::page))
        .route("/account/verify", post(verify::start))
        .route("/account/verify/{token}", get(verify::open))
        .route(
            "/account/logout-everywhere",
            post(account::logout_everywhere),
        )
        .route("/dev/outbox", get(outbox::page))
        .route("/trial", get(trial::list).post(trial::start))
        .route("/trial/{id}", get(trial::show))
        .route("/trial/{id}/checkins", post(trial::checkin))
        .route(
            "/trial/{id}/calendar",
            post(trial::calendar).layer(DefaultBodyLimit::max(limits::CALENDAR_BODY)),
        )
        .route(
            "/trial/{id}/review",
            get(trial::review_page).post(trial::mark),
        )
        .route("/trial/{id}/review.md", get(trial::review_markdown))
        .route("/trial/{id}/export", get(trial::export))
        .route("/trial/{id}/delete", post(trial::delete))
        .route("/trial/{id}/extend", post(trial::extend))
        .route("/trial/{id}/feed", post(trial::feed_link))
        .route("/trial/{id}/reminders", post(trial::reminders))
        .route("/trial/{id}/sponsor", post(trial::sponsor_link))
        .route("/trial/feed/{file}", get(trial::feed))
        .route(
            "/trial/sponsor/{secret}",
            get(trial::sponsor_page).post(trial::sponsor_submit),
        )
        .route("/admin", get(admin::page))
        .route("/admin/ban", post(admin::ban))
        .route("/admin/unban", post(admin::unban))
        .route(
            "/admin/endorsements/remove",
            post(admin::remove_endorsement),
        )
}
