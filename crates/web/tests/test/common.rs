//! A test client: the application over a fresh SQLite file, with a cookie jar and helpers to
//! fetch a page's CSRF token.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use dualtrack_web::{AppState, Config, Keys, Mailer};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct TestApp {
    router: Router,
    state: AppState,
    cookies: BTreeMap<String, String>,
    _dir: std::sync::Arc<tempfile::TempDir>,
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text());
        self
    }

    /// The `{"error":{"code","message"}}` code of an API error.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The value of the first `name="csrf"` hidden field on the page.
    pub fn csrf(&self) -> String {
        let text = self.text();
        let marker = "name=\"csrf\" value=\"";
        let start = text.find(marker).expect("page has a CSRF field") + marker.len();
        let end = start + text[start..].find('"').unwrap();
        text[start..end].to_owned()
    }
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_config(Config::default()).await
    }

    /// The application on a fixed "today", for pages that judge a calendar's dates against it:
    /// the fixtures' weeks in January 2026 would otherwise turn stale as the clock moves on.
    pub async fn on(today: &str) -> Self {
        Self::with_config(Config {
            today: Some(today.parse().unwrap()),
            ..Config::default()
        })
        .await
    }

    /// The application with non-default settings (trusted proxy, small work caps).
    pub async fn with_config(mut config: Config) -> Self {
        let dir = tempfile::tempdir().unwrap();
        if matches!(config.mailer, Mailer::Disabled) {
            config.mailer = Mailer::outbox(dir.path().join("outbox"), None).unwrap();
        }
        // Check the board's change number on every search, so a test that writes through
        // the store directly sees its write in the next search.
        if config.search_index_check.is_none() {
            config.search_index_check = Some(std::time::Duration::ZERO);
        }
        if config.public_url.is_none() {
            config.public_url = Some("http://dualtrack.test".into());
        }
        let url = format!("sqlite://{}", dir.path().join("test.sqlite").display());
        let store = dualtrack_store::connect(&url).await.unwrap();
        dualtrack_store::seed_if_empty(store.as_ref())
            .await
            .unwrap();
        let state =
            AppState::new(store, Keys::new(b"test secret for handler tests"), config).unwrap();
        Self {
            router: dualtrack_web::app(state.clone()),
            state,
            cookies: BTreeMap::new(),
            _dir: std::sync::Arc::new(dir),
        }
    }

    /// A second browser (its own cookies) on the same server and database.
    pub fn new_sharing(other: &TestApp) -> Self {
        Self {
            router: other.router.clone(),
            state: other.state.clone(),
            cookies: BTreeMap::new(),
            _dir: other._dir.clone(),
        }
    }

    pub async fn request(&mut self, request: Request<Body>) -> TestResponse {
        let mut request = request;
        if !self.cookies.is_empty() {
            let jar = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>();
            request
                .headers_mut()
                .insert(header::COOKIE, jar.join("; ").parse().unwrap());
        }
        let response = self.router.clone().oneshot(request).await.unwrap();
        for value in response.headers().get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap();
            let (pair, attrs) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.request(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        content_type: &str,
        body: impl Into<Body>,
    ) -> TestResponse {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, content_type)
            .body(body.into())
            .unwrap();
        self.request(request).await
    }

    pub async fn post_json(&mut self, path: &str, body: &serde_json::Value) -> TestResponse {
        self.send(Method::POST, path, "application/json", body.to_string())
            .await
    }

    /// Post a URL-encoded form, as a browser would.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send(
            Method::POST,
            path,
            "application/x-www-form-urlencoded",
            body,
        )
        .await
    }

    /// Fetch `page` for its CSRF token, then post `fields` plus the token to `path`.
    pub async fn submit(
        &mut self,
        page: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let token = self.get(page).await.csrf();
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(path, &all).await
    }

    /// Post a multipart form: `(name, filename, content)`; a filename makes the part a file.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        parts: &[(&str, Option<&str>, &[u8])],
    ) -> TestResponse {
        let boundary = "----dualtrack-test-boundary";
        let mut body = Vec::new();
        for (name, filename, content) in parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match filename {
                Some(file) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        self.send(Method::POST, path, &content_type, body).await
    }

    /// The server's state (to hold its work caps in tests).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The messages in the outbox, newest first.
    pub async fn outbox(&self) -> Vec<dualtrack_web::mail::OutboxMessage> {
        let dir = self.state.mailer().outbox_dir().expect("outbox mode");
        dualtrack_web::mail::read_outbox(dir, 100).await
    }

    /// The path of the newest verification link mailed to `to`.
    pub async fn link_mailed_to(&self, to: &str) -> String {
        let message = self
            .outbox()
            .await
            .into_iter()
            .find(|m| m.to == to)
            .unwrap_or_else(|| panic!("no mail to {to}"));
        link_path(&message.body)
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }
}

/// A full set of answers leaning strongly IC, as the API and answers files write them.
pub fn ic_answers() -> serde_json::Value {
    serde_json::json!({
        "absorbed": "hard_problem_alone",
        "drift": "refactoring",
        "amplify": "own_keyboard",
        "next_project": "hands_on_system",
        "hard_feedback": "avoid_for_weeks",
        "reason": ["protect_deep_work"]
    })
}

/// The same answers as form fields.
pub const IC_FORM: &[(&str, &str)] = &[
    ("absorbed", "hard_problem_alone"),
    ("drift", "refactoring"),
    ("amplify", "own_keyboard"),
    ("next_project", "hands_on_system"),
    ("hard_feedback", "avoid_for_weeks"),
    ("reason", "protect_deep_work"),
];

/// The two-week calendar fixture.
/// "Today" for the calendar fixtures: a few weeks after their January 2026 weeks.
pub const CALENDAR_TODAY: &str = "2026-02-16";

pub fn two_weeks_ics() -> &'static [u8] {
    include_bytes!("../fixtures/two-weeks.ics")
}

impl TestResponse {
    pub fn location(&self) -> &str {
        self.header("location")
    }
}

/// Undo askama's HTML escaping of `&` and quotes (for reading links out of pages).
pub fn unescape(text: &str) -> String {
    text.replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
}

/// The path of the first verification link in a mail body, without the site's address.
pub fn link_path(body: &str) -> String {
    let start = body.find("/account/verify/").expect("a verification link");
    let rest = &body[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    rest[..end].to_owned()
}
