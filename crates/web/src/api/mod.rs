//! The JSON API under `/api/v1`, and its OpenAPI document.
//!
//! Routes are registered through [`Routes`], which remembers each method and path, so a test
//! can prove that the router and the OpenAPI document list exactly the same endpoints.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::{MethodRouter, delete, get, post, put};
use utoipa::OpenApi;

use crate::error::ErrorBody;

mod assess;
mod calendar;
mod ladder;
mod listings;
pub mod postings;
mod report;
pub mod schemas;
mod trials;
use crate::limits;
use crate::state::AppState;

/// Where the API is mounted.
pub const PREFIX: &str = "/api/v1";

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "dualtrack API",
        description = "Ladders, self-assessment, calendar analysis, decision reports and the job \
                       board, as JSON. The same types as `dualtrack ... --format json`."
    ),
    paths(
        openapi_json,
        assess::assess,
        ladder::show,
        ladder::equiv,
        ladder::role,
        ladder::map,
        ladder::audit,
        listings::search,
        listings::search_csv,
        listings::tags,
        listings::listing,
        listings::company,
        postings::create,
        postings::update,
        postings::close,
        calendar::analyze_calendar,
        report::report,
        trials::list,
        trials::create,
        trials::show,
        trials::delete,
        trials::checkin,
        trials::calendar,
        trials::review,
        trials::export
    ),
    components(schemas(ErrorBody))
)]
pub struct ApiDoc;

/// A router that records what it serves.
struct Routes {
    router: Router<AppState>,
    list: Vec<(Method, &'static str)>,
}

impl Routes {
    fn new() -> Self {
        Self {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    fn add(mut self, method: Method, path: &'static str, route: MethodRouter<AppState>) -> Self {
        self.list.push((method, path));
        self.router = self.router.route(path, route);
        self
    }
}

fn routes() -> Routes {
    Routes::new()
        .add(Method::GET, "/openapi.json", get(openapi_json))
        .add(Method::GET, "/ladder", get(ladder::show))
        .add(Method::GET, "/ladder/equiv", get(ladder::equiv))
        .add(Method::GET, "/ladder/roles/{id}", get(ladder::role))
        .add(Method::GET, "/ladder/map", get(ladder::map))
        .add(
            Method::POST,
            "/ladder/audit",
            post(ladder::audit).layer(DefaultBodyLimit::max(limits::LADDER_BODY)),
        )
        .add(Method::POST, "/assess", post(assess::assess))
        .add(
            Method::POST,
            "/calendar/analyze",
            post(calendar::analyze_calendar).layer(DefaultBodyLimit::max(limits::CALENDAR_FILES)),
        )
        .add(
            Method::POST,
            "/report",
            post(report::report).layer(DefaultBodyLimit::max(limits::CALENDAR_BODY)),
        )
        .add(Method::GET, "/listings", get(listings::search))
        .add(Method::GET, "/listings.csv", get(listings::search_csv))
        .add(Method::GET, "/tags", get(listings::tags))
        .add(Method::GET, "/listings/{id}", get(listings::listing))
        .add(Method::GET, "/companies/{slug}", get(listings::company))
        .add(Method::POST, "/listings", post(postings::create))
        .add(Method::PUT, "/listings/{id}", put(postings::update))
        .add(Method::DELETE, "/listings/{id}", delete(postings::close))
        .add(Method::GET, "/trials", get(trials::list))
        .add(Method::POST, "/trials", post(trials::create))
        .add(Method::GET, "/trials/{id}", get(trials::show))
        .add(Method::DELETE, "/trials/{id}", delete(trials::delete))
        .add(Method::POST, "/trials/{id}/checkins", post(trials::checkin))
        .add(
            Method::POST,
            "/trials/{id}/calendar",
            post(trials::calendar).layer(DefaultBodyLimit::max(limits::CALENDAR_BODY)),
        )
        .add(Method::GET, "/trials/{id}/review", get(trials::review))
        .add(Method::GET, "/trials/{id}/export", get(trials::export))
}

/// The API router, to be nested at [`PREFIX`].
pub fn router() -> Router<AppState> {
    routes().router
}

/// Every `(method, full path)` the API router serves, paths written as in OpenAPI
/// (`/api/v1/listings/{id}`).
pub fn served() -> Vec<(String, String)> {
    routes()
        .list
        .into_iter()
        .map(|(method, path)| (method.to_string(), format!("{PREFIX}{path}")))
        .collect()
}

/// The OpenAPI document of this API.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "This OpenAPI 3 document", content_type = "application/json"))
)]
async fn openapi_json() -> axum::Json<serde_json::Value> {
    axum::Json(document())
}

/// The OpenAPI document as served: utoipa's, with the parameter constraints the handlers
/// enforce written in (the query types live in the engines, which do not know HTTP).
pub fn document() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let limit = serde_json::json!({
        "type": "integer",
        "minimum": 1,
        "maximum": dualtrack_board::MAX_LIMIT,
        "default": dualtrack_board::DEFAULT_LIMIT,
    });
    let track = serde_json::json!({"type": "string", "enum": ["ic", "management", "any"]});
    let focus_min =
        serde_json::json!({"type": "integer", "minimum": 1, "maximum": 1440, "default": 120});
    let format = serde_json::json!({"type": "string", "enum": ["json", "markdown", "md", "html"], "default": "json"});
    let patches = [
        ("/api/v1/listings", "limit", limit.clone(), None),
        ("/api/v1/listings.csv", "limit", limit, None),
        (
            "/api/v1/listings",
            "track",
            track,
            Some(
                "`ic` or `management`; `any`, an empty value (`track=`) and no value all mean \
                 either track.",
            ),
        ),
        ("/api/v1/calendar/analyze", "focus_min", focus_min, None),
        ("/api/v1/report", "format", format, None),
    ];
    for (path, name, schema, description) in patches {
        let Some(operations) = doc
            .get_mut("paths")
            .and_then(|paths| paths.get_mut(path))
            .and_then(serde_json::Value::as_object_mut)
        else {
            continue;
        };
        for operation in operations.values_mut() {
            let Some(parameters) = operation
                .get_mut("parameters")
                .and_then(serde_json::Value::as_array_mut)
            else {
                continue;
            };
            for parameter in parameters.iter_mut().filter(|p| p["name"] == name) {
                parameter["schema"] = schema.clone();
                if let Some(description) = description {
                    parameter["description"] = description.into();
                }
            }
        }
    }
    doc
}
