//! Translation of sqlx errors into [`StoreError`], done once here so no sqlx type leaks out.

use dualtrack_board::StoreError;

/// Builds a mapper for `map_err` that describes what the store was doing when it failed.
pub(crate) fn db(action: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |err| translate(action, err)
}

pub(crate) fn translate(action: &'static str, err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(format!("cannot finish {action}: the record already exists"))
        }
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
            StoreError::NotAllowed(format!(
                "cannot finish {action}: it refers to a record that does not exist or is not allowed"
            ))
        }
        sqlx::Error::Database(db) if db.is_check_violation() => StoreError::InvalidInput(format!(
            "cannot finish {action}: a value is out of range ({})",
            db.message()
        )),
        sqlx::Error::PoolTimedOut => StoreError::Database {
            action,
            reason:
                "timed out waiting for a database connection; the server is busy or unreachable"
                    .into(),
        },
        _ => StoreError::Database {
            action,
            reason: err.to_string(),
        },
    }
}

/// Like [`db`], but a unique-constraint violation becomes [`StoreError::Conflict`] with the
/// caller's own, specific message.
pub(crate) fn db_unique(
    action: &'static str,
    conflict: impl FnOnce() -> String,
) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |err| match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(conflict()),
        _ => translate(action, err),
    }
}
