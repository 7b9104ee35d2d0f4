//! `dualtrack jobs` and the web: the search JSON is the API's, and JobPosting import and export
//! round-trip, escape and report bad input by file and line.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use super::jobs::Board;

/// A `dualtrack serve` child, stopped when dropped (also when an assertion fails).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `GET path` on `addr` with a bare HTTP/1.1 request; returns the body.
fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    body.to_owned()
}

#[test]
fn search_json_is_what_the_web_api_returns() {
    let board = Board::new();
    let url = format!(
        "sqlite://{}",
        board.dir.path().join("dualtrack.sqlite").display()
    );
    // The CLI seeds the board; the server then reads the same database.
    let cli = board.search(&["--tag", "deep-work", "--track", "ic", "--limit", "3"]);

    let mut server = Server(
        Command::new(assert_cmd::cargo::cargo_bin("dualtrack"))
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--no-seed",
                "--database-url",
                &url,
            ])
            .env("DUALTRACK_DATA_DIR", board.dir.path())
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line.trim().rsplit("http://").next().unwrap().to_owned();
    let api = http_get(&addr, "/api/v1/listings?tag=deep-work&track=ic&limit=3");
    // The next page too: the cursor means the same thing to both.
    let next = cli["next"].as_str().unwrap().to_owned();
    let api_next = http_get(
        &addr,
        &format!("/api/v1/listings?tag=deep-work&track=ic&limit=3&cursor={next}"),
    );
    drop(server);

    let api: Value = serde_json::from_str(&api).unwrap();
    assert_eq!(cli, api);
    let cli_next = board.search(&[
        "--tag",
        "deep-work",
        "--track",
        "ic",
        "--limit",
        "3",
        "--cursor",
        &next,
    ]);
    let api_next: Value = serde_json::from_str(&api_next).unwrap();
    assert_eq!(cli_next, api_next);
    assert_ne!(cli_next["items"], cli["items"]);
}

/// An export without the board's own ids, which differ between copies of a listing.
fn without_ids(export: &Value) -> Vec<Value> {
    let mut postings: Vec<Value> = export
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p["identifier"] = p["identifier"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["name"] != "dualtrack")
                .cloned()
                .collect();
            p
        })
        .collect();
    postings.sort_by_key(ToString::to_string);
    postings
}

#[test]
fn import_of_an_export_gives_back_the_same_listings() {
    let board = Board::new();
    let first = board.jobs(["export"]).json();
    let postings = first.as_array().unwrap();
    assert!(!postings.is_empty());
    assert!(
        postings
            .iter()
            .all(|p| p["@type"] == "JobPosting" && p["validThrough"].is_string())
    );
    // As new postings (another title each), every one comes back as it was exported.
    let renamed: Vec<Value> = postings
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p["title"] = format!("{} (again)", p["title"].as_str().unwrap()).into();
            p
        })
        .collect();
    let file = board.dir.path().join("export.json");
    std::fs::write(&file, serde_json::to_string_pretty(&renamed).unwrap()).unwrap();
    let done = board
        .jobs(["import", file.to_str().unwrap(), "--format", "json"])
        .json();
    assert_eq!(done["imported"].as_array().unwrap().len(), postings.len());
    assert_eq!(done["skipped"], serde_json::json!([]));

    let second = board.jobs(["export"]).json();
    let mut both: Vec<Value> = first.as_array().unwrap().clone();
    both.extend(renamed);
    assert_eq!(without_ids(&second), without_ids(&Value::Array(both)));
}

/// Guards the duplicates an export imported back into its own board made: every listing was
/// on the board twice. Now each is left out, with its line and the listing it matches.
#[test]
fn importing_an_export_back_adds_nothing_twice() {
    let board = Board::new();
    let first = board.jobs(["export"]).json();
    let file = board.dir.path().join("export.json");
    std::fs::write(&file, serde_json::to_string_pretty(&first).unwrap()).unwrap();
    let done = board
        .jobs(["import", file.to_str().unwrap(), "--format", "json"])
        .json();
    assert_eq!(done["imported"], serde_json::json!([]));
    let skipped = done["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), first.as_array().unwrap().len());
    assert!(
        skipped
            .iter()
            .all(|s| s["existing"].is_i64() && s["line"].is_u64())
    );
    assert_eq!(
        without_ids(&board.jobs(["export"]).json()),
        without_ids(&first)
    );
    let said = board.jobs(["import", file.to_str().unwrap()]).ok();
    assert!(said.starts_with("Imported 0 listings from "), "{said}");
    let count = first.as_array().unwrap().len();
    assert!(
        said.contains(&format!("left out {count} already on the board")),
        "{said}"
    );
}

/// Text someone else wrote (a listing's title) is escaped in Markdown: it cannot start HTML or
/// emphasis in the document it is pasted into.
#[test]
fn markdown_escapes_a_posted_title() {
    let board = Board::new();
    let export = board.jobs(["export"]).json();
    let mut posting = export[0].clone();
    posting["title"] = "Lead <script>x</script> *now*".into();
    let file = board.dir.path().join("one.json");
    std::fs::write(&file, serde_json::to_string(&vec![posting]).unwrap()).unwrap();
    let done = board
        .jobs(["import", file.to_str().unwrap(), "--format", "json"])
        .json();
    let id = done["imported"][0].to_string();
    let markdown = board.jobs(["show", &id, "--format", "markdown"]).ok();
    assert!(
        markdown.starts_with("# Lead \\<script\\>x\\</script\\> \\*now\\*\n"),
        "{markdown}"
    );
}

#[test]
fn import_names_the_file_and_line_of_a_bad_posting() {
    let board = Board::new();
    let file = board.dir.path().join("bad.json");
    std::fs::write(
        &file,
        "[\n  {\"@type\": \"JobPosting\", \"title\": \"Staff Engineer\"}\n]\n",
    )
    .unwrap();
    let err = board.jobs(["import", file.to_str().unwrap()]).fails();
    assert!(err.contains("bad.json:2:"), "{err}");
    let unknown = board.dir.path().join("unknown.json");
    let mut posting = board.jobs(["export"]).json()[0].clone();
    posting["hiringOrganization"] =
        serde_json::json!({"@type": "Organization", "name": "Nobody Inc"});
    std::fs::write(&unknown, posting.to_string()).unwrap();
    let err = board.jobs(["import", unknown.to_str().unwrap()]).fails();
    assert!(
        err.contains("Nobody Inc") && err.contains("unknown.json:1"),
        "{err}"
    );
}
