//! Regression: `dualtrack ... | head` panicked with "failed printing to stdout: Broken pipe"
//! once the reader closed the pipe. It must end quietly, as other Unix filters do.

use std::io::Read;
use std::process::{Command, Stdio};

use super::common::fixture;

/// Runs the binary with a stdout pipe whose reader hangs up before anything is written.
fn stderr_after_reader_hangs_up(args: &[&str]) -> String {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("dualtrack"))
        .args(args)
        .env(
            "DUALTRACK_DATA_DIR",
            std::env::temp_dir().join("dualtrack-cli-tests"),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut stderr)
        .expect("stderr is UTF-8");
    child.wait().expect("binary ends");
    stderr
}

#[test]
fn a_closed_stdout_pipe_ends_json_output_without_a_panic() {
    let answers = fixture("answers/staff_path.toml");
    let stderr = stderr_after_reader_hangs_up(&[
        "assess",
        "--answers",
        answers.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
}

#[test]
fn a_closed_stdout_pipe_ends_table_output_without_a_panic() {
    let stderr = stderr_after_reader_hangs_up(&["ladder", "show"]);
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
}
