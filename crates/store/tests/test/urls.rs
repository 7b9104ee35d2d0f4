//! Picking a backend from a URL.

use dualtrack_store::{StoreError, connect, data_dir_from, database_url_in, default_database_url};

#[tokio::test]
async fn unknown_scheme_lists_the_supported_ones() {
    let err = connect("mysql://root:hunter2@db/dualtrack")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::UnsupportedScheme { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("sqlite://") && text.contains("postgres://"),
        "{text}"
    );
    assert!(
        !text.contains("hunter2"),
        "passwords stay out of messages: {text}"
    );
}

#[tokio::test]
async fn url_without_scheme_is_explained() {
    let err = connect("/tmp/board.sqlite").await.unwrap_err();
    assert!(err.to_string().contains("no scheme"), "{err}");
}

#[tokio::test]
async fn sqlite_without_a_path_is_explained() {
    let err = connect("sqlite://").await.unwrap_err();
    assert!(err.to_string().contains("no file path"), "{err}");
}

#[tokio::test]
async fn in_memory_sqlite_works() {
    let store = connect("sqlite::memory:").await.unwrap();
    store.ping().await.unwrap();
    assert!(store.is_empty().await.unwrap());
}

#[tokio::test]
async fn unwritable_sqlite_location_names_the_path_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let url = format!("sqlite://{}/board.sqlite", blocker.display());
    let err = connect(&url).await.unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("cannot open database at "), "{text}");
    assert!(text.contains("board.sqlite"), "{text}");
    assert!(text.contains("writable"), "{text}");
}

#[tokio::test]
async fn unreachable_postgres_is_a_connect_error() {
    // Port 1 on localhost refuses connections immediately.
    let err = connect("postgres://app:secret@127.0.0.1:1/dualtrack")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Connect { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains("app:***@127.0.0.1:1"), "{text}");
    assert!(text.contains("check the server is running"), "{text}");
}

#[test]
fn data_dir_follows_the_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(data_dir_from(Some(dir.path().into())), dir.path());
    let fallback = data_dir_from(None);
    assert!(fallback.ends_with("dualtrack"), "{}", fallback.display());
    assert_eq!(
        data_dir_from(Some("".into())),
        fallback,
        "empty means unset"
    );
}

#[tokio::test]
async fn default_url_points_at_a_usable_file() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url_in(dir.path());
    assert_eq!(
        url,
        format!("sqlite://{}/dualtrack.sqlite", dir.path().display())
    );
    assert!(default_database_url().starts_with("sqlite://"));
    assert!(default_database_url().ends_with("/dualtrack.sqlite"));
    connect(&url).await.unwrap().ping().await.unwrap();
    assert!(dir.path().join("dualtrack.sqlite").is_file());
}
