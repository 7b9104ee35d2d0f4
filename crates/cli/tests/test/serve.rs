//! `dualtrack serve` on the way down: SIGTERM finishes the requests in flight, closes the
//! store and exits cleanly; a command that used the store closes it as well.

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Guards the shutdown that left SQLite's write-ahead log beside the database: `serve`
/// dropped its store without closing it, so the last writes lived only in `-wal` until the
/// next start. Closing folds them into the file and removes the log.
#[cfg(unix)]
#[test]
fn sigterm_closes_the_store_and_leaves_one_whole_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Command::new(assert_cmd::cargo::cargo_bin("dualtrack"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("DUALTRACK_DATA_DIR", dir.path())
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The address line comes once the demo board is seeded (written through the log).
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("serving on http://"), "{line}");
    let wal = dir.path().join("dualtrack.sqlite-wal");
    assert!(wal.exists(), "the open store keeps a write-ahead log");

    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            server.kill().unwrap();
            panic!("serve did not stop within 30 s of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(folded(&wal), "the write-ahead log was left behind");
    // And the board is all in the one file: read without seeding, it has its listings.
    let output = Command::new(assert_cmd::cargo::cargo_bin("dualtrack"))
        .args([
            "jobs",
            "search",
            "--no-seed",
            "--limit",
            "1",
            "--format",
            "json",
        ])
        .env("DUALTRACK_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let page: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1), "{page}");
    // A command closes the store too (`database::with_store`).
    assert!(
        folded(&wal),
        "`jobs search` left the write-ahead log behind"
    );
}

/// Everything is in the database file: the log is gone, or empty (truncated by the last
/// checkpoint while another connection was still finishing its close).
fn folded(wal: &std::path::Path) -> bool {
    std::fs::metadata(wal).map_or(true, |m| m.len() == 0)
}
