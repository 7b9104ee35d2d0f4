//! Cookies: reading the `Cookie` header, writing `Set-Cookie`, and HMAC-signed values.
//!
//! Every cookie we set is `HttpOnly` and `SameSite=Lax`, and `Secure` when the request came over
//! https (directly or through a proxy that says so), so a script on the page never sees them and
//! other sites cannot send them along with their own form posts.

use axum::http::{HeaderMap, HeaderValue, header};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;

/// Names of the cookies the application sets.
pub const CSRF: &str = "dt_csrf";
pub const SESSION: &str = "dt_session";
pub const ASSESSMENT: &str = "dt_assessment";
pub const CALENDAR: &str = "dt_calendar";

/// The value of one cookie in the request, if present.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"'))
}

/// Whether the request reached us over https, so cookies should carry `Secure`. Marking a
/// cookie `Secure` on a client's say-so harms nobody but a lying client, so unlike HSTS this
/// does not need a trusted proxy.
pub fn is_https(headers: &HeaderMap, always: bool) -> bool {
    always || forwarded_https(headers)
}

/// Whether `X-Forwarded-Proto` says https. Proxies chain it as `https, http`: the first value
/// is the scheme the client used.
pub fn forwarded_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` header value; `max_age` of `None` makes a browser-session cookie and
/// `Some(0)` deletes the cookie.
pub fn set(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    // Names are constants and values are base64url, so the header is always valid; fall back
    // to an inert header rather than panicking if that ever changes.
    HeaderValue::from_str(&cookie)
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// A fresh random token (32 bytes, base64url).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The server's signing key. Replicas behind one load balancer must share it
/// (`--secret` / `DUALTRACK_SECRET`), otherwise each one rejects the others' tokens.
#[derive(Clone)]
pub struct Keys {
    secret: Vec<u8>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(..)")
    }
}

impl Keys {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            secret: secret.to_vec(),
        }
    }

    /// A key nobody else knows, for a single process (tests, a laptop).
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self::new(&bytes)
    }

    fn mac(&self, purpose: &str, data: &[u8]) -> Hmac<Sha256> {
        // Hmac accepts keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        // The purpose separates signatures, so a CSRF token can never pass as a cookie seal.
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(data);
        mac
    }

    /// A base64url signature of `data` for `purpose`.
    pub fn sign(&self, purpose: &str, data: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(purpose, data).finalize().into_bytes())
    }

    /// Constant-time check of a signature made by [`Keys::sign`].
    pub fn verify(&self, purpose: &str, data: &[u8], signature: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        self.mac(purpose, data).verify_slice(&bytes).is_ok()
    }

    /// Serialise a value into a tamper-evident cookie value: `base64url(json).signature`.
    pub fn seal<T: Serialize>(&self, purpose: &str, value: &T) -> Option<String> {
        let json = serde_json::to_vec(value).ok()?;
        let body = URL_SAFE_NO_PAD.encode(&json);
        let signature = self.sign(purpose, body.as_bytes());
        Some(format!("{body}.{signature}"))
    }

    /// The value inside a sealed cookie, or `None` when it was altered or no longer parses.
    pub fn open<T: DeserializeOwned>(&self, purpose: &str, sealed: &str) -> Option<T> {
        let (body, signature) = sealed.split_once('.')?;
        if !self.verify(purpose, body.as_bytes(), signature) {
            return None;
        }
        let json = URL_SAFE_NO_PAD.decode(body).ok()?;
        serde_json::from_slice(&json).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_cookie_among_several() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; dt_csrf=xyz; b=2"),
        );
        assert_eq!(get(&headers, CSRF), Some("xyz"));
        assert_eq!(get(&headers, "b"), Some("2"));
        assert_eq!(get(&headers, "missing"), None);
    }

    #[test]
    fn the_first_forwarded_proto_wins() {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https, http"));
        assert!(forwarded_https(&headers));
        headers.insert("x-forwarded-proto", HeaderValue::from_static("http, https"));
        assert!(!forwarded_https(&headers));
        headers.insert("x-forwarded-proto", HeaderValue::from_static(" HTTPS "));
        assert!(forwarded_https(&headers));
    }

    #[test]
    fn sealed_values_round_trip_and_reject_tampering() {
        let keys = Keys::new(b"secret");
        let sealed = keys.seal("test", &vec![1, 2, 3]).unwrap();
        assert_eq!(keys.open::<Vec<i32>>("test", &sealed), Some(vec![1, 2, 3]));
        assert_eq!(keys.open::<Vec<i32>>("other", &sealed), None);
        let first = if sealed.starts_with('A') { "B" } else { "A" };
        let forged = format!("{first}{}", &sealed[1..]);
        assert_eq!(keys.open::<Vec<i32>>("test", &forged), None);
        assert_eq!(
            Keys::new(b"another").open::<Vec<i32>>("test", &sealed),
            None
        );
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let value = set(SESSION, "abc", Some(60), true);
        let text = value.to_str().unwrap();
        assert!(text.contains("HttpOnly"));
        assert!(text.contains("SameSite=Lax"));
        assert!(text.contains("Secure"));
        assert!(
            !set(SESSION, "abc", None, false)
                .to_str()
                .unwrap()
                .contains("Secure")
        );
    }
}
