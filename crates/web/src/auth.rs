//! Passwords (Argon2id) and session tokens (random, stored only as a SHA-256 hash).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::cpu::Gate;
use crate::error::AppError;

/// Shortest password accepted at sign-up.
pub const MIN_PASSWORD: usize = 10;

/// Longest password accepted: hashing cost grows with length, so cap it.
pub const MAX_PASSWORD: usize = 256;

/// How long a log-in lasts.
pub const SESSION_DAYS: i64 = 14;

/// A password hash that matches nothing, verified when the email is unknown so that a failed
/// log-in takes as long whether or not the account exists.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0tk5W3Jqe3fnqBB0uG5lMNGPvO9zBvn8BaLq7mRIVp4";

/// Check a new password's length, with a message the sign-up form can show.
pub fn check_new_password(password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD {
        return Err(format!(
            "Use at least {MIN_PASSWORD} characters for the password."
        ));
    }
    if chars > MAX_PASSWORD {
        return Err(format!(
            "Use at most {MAX_PASSWORD} characters for the password."
        ));
    }
    Ok(())
}

/// Hash a password with Argon2id (default parameters) on the blocking pool, at most as many
/// at once as `gate` allows (each hash takes ~19 MB; unbounded, a burst of log-ins took
/// gigabytes).
///
/// # Errors
/// [`AppError::Busy`] when the gate is full.
pub async fn hash_password(gate: &Gate, password: String) -> Result<String, AppError> {
    gate.run(move || hash_password_now(&password))
        .await?
        .map_err(AppError::Internal)
}

/// Hash a password with Argon2id right here, on the calling thread: for the command line
/// (`dualtrack admin create`), which hashes one password and has no gate to share.
///
/// # Errors
/// When the hasher fails (never for a valid password).
pub fn hash_password_now(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Whether `password` matches the stored hash (`None`: no such account; still costs a hash),
/// computed under `gate` like [`hash_password`].
///
/// # Errors
/// [`AppError::Busy`] when the gate is full.
pub async fn verify_password(
    gate: &Gate,
    password: String,
    stored: Option<String>,
) -> Result<bool, AppError> {
    let found = stored.is_some();
    gate.run(move || {
        let hash = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && found
    })
    .await
}

/// The form in which a session token is stored: hex SHA-256. The cookie holds the token, the
/// database only its hash, so a leaked database does not hand out log-ins.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify_only_against_their_hash() {
        let gate = Gate::new("password checks", 1, 1);
        let hash = hash_password(&gate, "correct horse battery".into())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        let verify = |password: &str, stored: Option<String>| {
            verify_password(&gate, password.to_owned(), stored)
        };
        assert!(
            verify("correct horse battery", Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("wrong horse battery", Some(hash)).await.unwrap());
        assert!(!verify("anything at all", None).await.unwrap());
        let now = hash_password_now("correct horse battery").unwrap();
        assert!(verify("correct horse battery", Some(now)).await.unwrap());
    }

    #[test]
    fn password_length_is_checked() {
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("long enough now").is_ok());
        assert!(check_new_password(&"x".repeat(MAX_PASSWORD + 1)).is_err());
    }

    #[test]
    fn token_hash_is_hex_sha256() {
        assert_eq!(token_hash("abc").len(), 64);
        assert_ne!(token_hash("abc"), token_hash("abd"));
    }
}
