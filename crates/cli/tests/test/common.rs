//! A small fluent helper to run the binary and read what it printed.

#![allow(dead_code)] // reason: each test module uses a different subset of the helper

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// Start building a `dualtrack` invocation.
pub fn dualtrack<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut cmd = Command::cargo_bin("dualtrack").expect("binary is built");
    cmd.args(args);
    // Keep every test away from the user's real data directory.
    cmd.env(
        "DUALTRACK_DATA_DIR",
        std::env::temp_dir().join("dualtrack-cli-tests"),
    );
    // A fixed "today" (a test may set its own), so the calendar fixtures' January 2026 weeks
    // do not turn stale as the clock moves on. The board keeps the real clock.
    cmd.env("DUALTRACK_TODAY", "2026-02-16");
    Run { cmd }
}

pub struct Run {
    cmd: Command,
}

impl Run {
    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.arg(arg);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.cmd.write_stdin(input);
        self
    }

    /// Run and require success; returns stdout.
    pub fn ok(mut self) -> String {
        let out = self.cmd.output().expect("binary runs");
        assert!(
            out.status.success(),
            "expected success, got {:?}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Run and require success; parse stdout as one JSON document.
    pub fn json(self) -> serde_json::Value {
        let stdout = self.ok();
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}"))
    }

    /// Run and require failure; returns stderr.
    pub fn fails(mut self) -> String {
        let out = self.cmd.output().expect("binary runs");
        assert!(!out.status.success(), "expected failure, got success");
        String::from_utf8(out.stderr).expect("stderr is UTF-8")
    }

    /// Run and return the raw output whatever the status.
    pub fn output(mut self) -> Output {
        self.cmd.output().expect("binary runs")
    }
}

/// The workspace root (for `data/` and fixture paths).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A fixture under `crates/cli/tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
