//! Translation of sqlx errors into [`StoreError`], done at the store boundary so no sqlx type
//! leaks out. Each backend words what only it can report (a locked file, an unreachable server)
//! in [`Backend::translate`] and hands the rest to [`translate`].

use dualtrack_board::StoreError;

use super::Backend;

/// Builds a mapper for `map_err` that describes what the store was doing when it failed.
pub(crate) fn db<B: Backend>(action: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |err| B::translate(action, err)
}

/// Like [`db`], but a unique-constraint violation becomes [`StoreError::Conflict`] with the
/// caller's own, specific message.
pub(crate) fn db_unique<B: Backend>(
    action: &'static str,
    conflict: impl FnOnce() -> String,
) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |err| match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(conflict()),
        _ => B::translate(action, err),
    }
}

/// The translation both databases share: constraint violations by kind, a pool that ran dry
/// with `busy` as the reason, anything else with sqlx's own words.
pub(crate) fn translate(action: &'static str, err: sqlx::Error, busy: &str) -> StoreError {
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
        sqlx::Error::PoolClosed => StoreError::Connect {
            target: "a closed store".into(),
            reason: format!("it was closed before {action}"),
            hint: "dualtrack is shutting down; start it again",
        },
        sqlx::Error::PoolTimedOut => StoreError::Database {
            action,
            reason: format!("timed out waiting for a database connection; {busy}"),
        },
        _ => StoreError::Database {
            action,
            reason: err.to_string(),
        },
    }
}

/// Builds a mapper for `map_err` that reports a failed connection to `target`, with `hint`
/// saying what to check.
pub(crate) fn connect_failed<E: std::fmt::Display>(
    target: &str,
    hint: &'static str,
) -> impl FnOnce(E) -> StoreError {
    let target = target.to_owned();
    move |err| StoreError::Connect {
        target,
        reason: err.to_string(),
        hint,
    }
}

/// Builds a mapper for `map_err` that reports migrations of `target` that did not apply.
pub(crate) fn migrate_failed(
    target: &str,
) -> impl FnOnce(sqlx::migrate::MigrateError) -> StoreError {
    let target = target.to_owned();
    move |err| StoreError::Migrate {
        target,
        reason: err.to_string(),
    }
}
