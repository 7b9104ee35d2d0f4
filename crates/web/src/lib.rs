//! dualtrack-web: the web application behind `dualtrack serve`.
//!
//! Server-rendered HTML pages for people (usable without JavaScript; one small external script
//! adds conveniences) and a JSON API under `/api/v1` for programs, both thin shells over the
//! same engines the CLI uses, with the same serde types. The job board's state lives in a
//! [`dualtrack_board::Store`]; everything else is computed per request, so any number of
//! replicas can run behind a load balancer.
//!
//! Start it with [`serve`] on a bound listener (tests bind port 0), or mount [`app`] yourself.
//!
//! Layers, outermost first: request tracing (method, path and status only: never bodies,
//! queries or calendar content), security headers (HSTS when served over TLS), error
//! rendering (JSON for the API, HTML elsewhere), refusal of control characters in the path and
//! query, the CSRF guard for form posts, and a body limit on every route.

use std::future::Future;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{Request, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub mod api;
mod assets;
mod auth;
pub mod cookies;
pub mod cpu;
pub mod error;
mod form;
pub mod limits;
pub mod mail;
mod pages;
pub mod reminders;
pub mod search_index;
pub mod security;
mod session;
pub mod state;
pub mod throttle;
pub mod trials;
mod upload;
mod view;

pub use auth::{check_new_password, hash_password_now};
pub use cookies::Keys;
pub use error::AppError;
pub use mail::Mailer;
pub use state::{AppState, Config};

/// The whole application as a router, ready for `axum::serve` or `tower::ServiceExt::oneshot`.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(pages::router())
        .nest("/api/v1", api::router())
        .route("/healthz", get(healthz))
        .route("/static/{name}", get(assets::serve))
        .fallback(error::not_found)
        .layer(DefaultBodyLimit::max(limits::SMALL_BODY))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::csrf_guard,
        ))
        .layer(middleware::from_fn(security::refuse_control_chars))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            search_index::note_writes,
        ))
        .layer(middleware::from_fn(error::render_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    // The path only: queries can carry an email address or answers.
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path()
                    )
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Serve the application on `listener` until `shutdown` completes, then finish the requests
/// in flight.
///
/// # Errors
/// When the listener fails.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address feeds the per-address log-in throttle.
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> Response {
    let backend = state.store().backend();
    match state.store().ping().await {
        Ok(()) => {
            axum::Json(serde_json::json!({"status": "ok", "database": backend})).into_response()
        }
        Err(err) => {
            tracing::warn!(error = %err, "health check: database did not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "unavailable", "database": backend})),
            )
                .into_response()
        }
    }
}
