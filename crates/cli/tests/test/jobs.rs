//! `dualtrack jobs` end to end, each test on a fresh data directory (so a fresh SQLite board
//! seeded with the demonstration data).

use std::collections::HashSet;

use serde_json::Value;

use super::common::*;

/// A fresh data directory; the board lives in `dualtrack.sqlite` inside it.
pub(super) struct Board {
    pub(super) dir: tempfile::TempDir,
}

impl Board {
    pub(super) fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// `dualtrack jobs ARGS...` against this board, whatever the caller's environment says.
    pub(super) fn jobs<const N: usize>(&self, args: [&str; N]) -> Run {
        dualtrack(std::iter::once("jobs").chain(args))
            .env("DUALTRACK_DATA_DIR", self.dir.path())
            .env("DUALTRACK_DATABASE_URL", "")
    }

    /// The search page for `args` as JSON.
    pub(super) fn search(&self, args: &[&str]) -> Value {
        let mut run = self.jobs(["search", "--format", "json"]);
        for arg in args {
            run = run.arg(arg);
        }
        run.json()
    }

    /// Every listing matching `args`, following `next` from page to page.
    pub(super) fn all_pages(&self, args: &[&str], limit: u32) -> Vec<Value> {
        let limit = limit.to_string();
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..100 {
            let mut page_args = args.to_vec();
            page_args.extend(["--limit", limit.as_str()]);
            if let Some(cursor) = cursor.as_deref() {
                page_args.extend(["--cursor", cursor]);
            }
            let page = self.search(&page_args);
            let page_items = page["items"].as_array().unwrap();
            assert!(page_items.len() <= limit.parse().unwrap());
            items.extend(page_items.iter().cloned());
            match page["next"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => return items,
            }
        }
        panic!("more than 100 pages: the cursor does not advance");
    }
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn total(page: &Value) -> u64 {
    page["facets"]["track"]["ic"].as_u64().unwrap()
        + page["facets"]["track"]["management"].as_u64().unwrap()
}

fn ids(items: &[Value]) -> Vec<i64> {
    items.iter().map(|i| i["id"].as_i64().unwrap()).collect()
}

fn has_tag(item: &Value, tag: &str) -> bool {
    item["company"]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == tag)
}

#[test]
fn search_json_has_the_documented_shape() {
    let board = Board::new();
    let out = board.jobs(["search", "--format", "json"]).output();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("demonstration board was added"), "{stderr}");
    assert!(board.dir.path().join("dualtrack.sqlite").is_file());
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();

    assert_eq!(keys(&page), ["facets", "items", "next"]);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 20, "the default page size");
    assert!(page["next"].is_string());
    let item = &items[0];
    for key in ["id", "title", "track", "rung", "company"] {
        assert!(item.get(key).is_some(), "item lacks {key}: {item}");
    }
    assert!(["ic", "management"].contains(&item["track"].as_str().unwrap()));
    for key in ["id", "name", "ic_past_staff", "tags"] {
        assert!(item["company"].get(key).is_some(), "company lacks {key}");
    }
    let tag = &items
        .iter()
        .find(|i| !i["company"]["tags"].as_array().unwrap().is_empty())
        .unwrap()["company"]["tags"][0];
    assert_eq!(
        keys(tag),
        ["claimed", "confirmed", "endorsements", "id", "label"]
    );
    assert_eq!(
        keys(&page["facets"]),
        ["ic_past_staff", "remote", "tags", "track"]
    );
    assert_eq!(keys(&page["facets"]["remote"]), ["false", "true"]);
    assert_eq!(total(&page), 41, "the demonstration board has 41 listings");

    // The board is seeded once: the second run finds it and says nothing.
    let again = board.jobs(["tags"]).output();
    assert!(again.status.success());
    assert!(again.stderr.is_empty(), "{:?}", again.stderr);
}

/// Filter arguments, the facet count that predicts the hits, and what every hit satisfies.
type FilterCase<'a> = (&'a [&'a str], &'a Value, fn(&Value) -> bool);

#[test]
fn filters_narrow_results_to_what_the_facets_predicted() {
    let board = Board::new();
    let everything = board.search(&["--limit", "100"]);
    let facets = &everything["facets"];
    let cases: [FilterCase<'_>; 7] = [
        (&["--track", "ic"], &facets["track"]["ic"], |i| {
            i["track"] == "ic"
        }),
        (
            &["--track", "management"],
            &facets["track"]["management"],
            |i| i["track"] == "management",
        ),
        (
            &["--ic-past-staff", "true"],
            &facets["ic_past_staff"]["true"],
            |i| i["company"]["ic_past_staff"] == true,
        ),
        (
            &["--ic-past-staff", "false"],
            &facets["ic_past_staff"]["false"],
            |i| i["company"]["ic_past_staff"] == false,
        ),
        (&["--remote", "true"], &facets["remote"]["true"], |i| {
            i["remote"] == true && i["workplace"] == "remote"
        }),
        (&["--remote", "false"], &facets["remote"]["false"], |i| {
            i["remote"] == false
        }),
        (&["--tag", "deep-work"], &facets["tags"]["deep-work"], |i| {
            has_tag(i, "deep-work")
        }),
    ];
    for (args, expected, holds) in cases {
        let mut with_limit = args.to_vec();
        with_limit.extend(["--limit", "100"]);
        let page = board.search(&with_limit);
        let items = page["items"].as_array().unwrap();
        assert_eq!(
            items.len() as u64,
            expected.as_u64().unwrap(),
            "{args:?} should find what the unfiltered facet counted"
        );
        assert!(!items.is_empty() && items.len() < 41, "{args:?}");
        assert!(items.iter().all(holds), "{args:?}: {page}");
    }

    // Filters combine with AND.
    let both = board.search(&["--track", "ic", "--tag", "deep-work", "--limit", "100"]);
    let items = both["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i["track"] == "ic" && has_tag(i, "deep-work"))
    );
    assert_eq!(
        items.len() as u64,
        board.search(&["--tag", "deep-work"])["facets"]["track"]["ic"]
            .as_u64()
            .unwrap()
    );
}

#[test]
fn text_search_matches_words_and_word_starts() {
    let board = Board::new();
    let whole = board.search(&["--q", "Lumenfold", "--limit", "100"]);
    let items = whole["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().any(|i| i["company"]["slug"] == "lumenfold"));
    // Every hit really contains the word (or a word starting with it) somewhere we index.
    let prefix = board.search(&["--q", "stor", "--limit", "100"]);
    let prefix_items = prefix["items"].as_array().unwrap();
    assert!(!prefix_items.is_empty());
    for item in prefix_items {
        let id = item["id"].to_string();
        let listing = board.jobs(["show", &id, "--format", "json"]).json();
        let haystack = format!(
            "{} {} {} {}",
            listing["title"],
            listing["company"]["name"],
            listing["location"],
            listing["description"]
        )
        .to_lowercase();
        assert!(
            haystack
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word.starts_with("stor")),
            "listing {id} does not mention stor*"
        );
    }
    let nothing = board.search(&["--q", "zzqxnotaword"]);
    assert_eq!(nothing["items"], serde_json::json!([]));
    assert_eq!(nothing["next"], Value::Null);
    assert_eq!(total(&nothing), 0);
}

#[test]
fn pagination_returns_every_match_once_newest_first() {
    let board = Board::new();
    let one_page = board.search(&["--limit", "100"]);
    let expected = ids(one_page["items"].as_array().unwrap());
    assert_eq!(expected.len(), 41);

    let walked = board.all_pages(&[], 7);
    assert_eq!(
        ids(&walked),
        expected,
        "pages of 7 add up to the single page"
    );
    let unique: HashSet<i64> = ids(&walked).into_iter().collect();
    assert_eq!(unique.len(), walked.len(), "no listing repeats");
    let posted: Vec<&str> = walked
        .iter()
        .map(|i| i["posted_at"].as_str().unwrap())
        .collect();
    assert!(posted.windows(2).all(|w| w[0] >= w[1]), "{posted:?}");

    // The same holds with a filter: the cursor keeps the filters' order.
    let ic = board.all_pages(&["--track", "ic"], 4);
    assert_eq!(
        ic.len() as u64,
        one_page["facets"]["track"]["ic"].as_u64().unwrap()
    );
    assert!(ic.iter().all(|i| i["track"] == "ic"));
}

#[test]
fn text_search_prints_a_working_next_page_command() {
    let board = Board::new();
    let text = board.jobs(["search", "--track", "ic", "--limit", "3"]).ok();
    assert!(text.contains("3 of 26 matching listings"), "{text}");
    assert!(text.contains("Matches by filter"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    let command = text
        .lines()
        .skip_while(|l| !l.starts_with("Next page:"))
        .nth(1)
        .unwrap()
        .trim();
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(&words[..3], ["dualtrack", "jobs", "search"]);
    assert!(words.contains(&"--track") && words.contains(&"--cursor"));

    // Running the printed command gives the page the JSON cursor leads to.
    let printed = board.search(&words[3..]);
    let first = board.search(&["--track", "ic", "--limit", "3"]);
    let cursor = first["next"].as_str().unwrap();
    let expected = board.search(&["--track", "ic", "--limit", "3", "--cursor", cursor]);
    assert_eq!(printed, expected);

    let last = board
        .jobs(["search", "--track", "ic", "--limit", "100"])
        .ok();
    assert!(last.contains("This is the last page."), "{last}");
}

#[test]
fn show_prints_one_listing_in_full() {
    let board = Board::new();
    let page = board.search(&["--limit", "1"]);
    let item = &page["items"][0];
    let id = item["id"].to_string();
    let listing = board.jobs(["show", &id, "--format", "json"]).json();
    for key in [
        "id",
        "title",
        "track",
        "rung",
        "company",
        "posted_at",
        "salary",
    ] {
        assert_eq!(listing[key], item[key], "{key}");
    }
    assert!(listing["description"].as_str().unwrap().len() > 40);

    let text = board.jobs(["show", &id]).ok();
    let title = item["title"].as_str().unwrap();
    assert!(text.starts_with(title), "{text}");
    assert!(text.contains("Culture tags"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");

    let markdown = board.jobs(["show", &id, "--format", "markdown"]).ok();
    assert!(markdown.starts_with(&format!("# {title}\n")), "{markdown}");
}

/// Salary and rung read the same in the CLI's text and Markdown as on the web's pages: both
/// shells use the board's one wording.
#[test]
fn salary_and_rung_read_as_the_board_words_them() {
    let board = Board::new();
    let page = board.search(&["--limit", "50"]);
    let item = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["salary"].is_object())
        .expect("a demo listing with a salary");
    let id = item["id"].to_string();
    let salary: dualtrack_board::SalaryRange =
        serde_json::from_value(item["salary"].clone()).unwrap();
    let fw = dualtrack_framework::Framework::embedded().unwrap();
    let rung = dualtrack_board::rung_title(&fw, item["rung"].as_str().unwrap());
    let salary = dualtrack_board::salary_text(&salary);
    assert!(salary.contains('–') && salary.contains(','), "{salary}");
    for format in ["text", "markdown"] {
        let out = board.jobs(["show", &id, "--format", format]).ok();
        assert!(out.contains(&salary), "{format}: {out}");
        assert!(out.contains(&rung), "{format}: {out}");
    }
}

#[test]
fn unknown_listing_or_company_is_a_one_line_error() {
    let board = Board::new();
    let stderr = board.jobs(["show", "999999"]).fails();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("listing 999999 not found"), "{stderr}");

    let stderr = board.jobs(["company", "no-such-company"]).fails();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("company `no-such-company` not found"),
        "{stderr}"
    );

    let out = board.jobs(["show", "999999", "--format", "json"]).output();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
}

#[test]
fn bad_search_input_gets_the_domain_message() {
    let board = Board::new();
    let stderr = board.jobs(["search", "--cursor", "not-a-cursor"]).fails();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("invalid cursor"), "{stderr}");
    assert!(stderr.contains("unchanged"), "{stderr}");

    let stderr = board.jobs(["search", "--tag", "deep-wrk"]).fails();
    assert!(stderr.contains("unknown tag `deep-wrk`"), "{stderr}");
    assert!(stderr.contains("deep-work"), "{stderr}");

    let stderr = board.jobs(["search", "--limit", "0"]).fails();
    assert!(stderr.contains("use 1 to 100"), "{stderr}");

    let stderr = board.jobs(["search", "--remote", "maybe"]).fails();
    assert!(stderr.contains("--remote"), "{stderr}");
}

#[test]
fn companies_filter_on_ladder_maturity() {
    let board = Board::new();
    let all = board.jobs(["companies", "--format", "json"]).json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 12);
    let past = board
        .jobs(["companies", "--ic-past-staff", "true", "--format", "json"])
        .json();
    let not_past = board
        .jobs(["companies", "--ic-past-staff", "false", "--format", "json"])
        .json();
    let (past, not_past) = (past.as_array().unwrap(), not_past.as_array().unwrap());
    assert!(!past.is_empty() && !not_past.is_empty());
    assert!(past.iter().all(|c| c["ic_past_staff"] == true));
    assert!(not_past.iter().all(|c| c["ic_past_staff"] == false));
    assert_eq!(past.len() + not_past.len(), all.len());

    let text = board.jobs(["companies"]).ok();
    assert!(text.starts_with("12 companies:"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
}

#[test]
fn company_json_tells_confirmed_from_claimed() {
    let board = Board::new();
    let company = board
        .jobs(["company", "lumenfold", "--format", "json"])
        .json();
    assert_eq!(company["slug"], "lumenfold");
    assert_eq!(company["ic_past_staff"], true);
    let tags = company["tags"].as_array().unwrap();
    assert!(tags.iter().any(|t| t["confirmed"] == true));
    assert!(tags.iter().any(|t| t["confirmed"] == false));
    for tag in tags {
        let endorsements = tag["endorsements"].as_u64().unwrap();
        assert_eq!(tag["confirmed"] == true, endorsements >= 2, "{tag}");
    }
    // Confirmed tags come first.
    let confirmed: Vec<bool> = tags.iter().map(|t| t["confirmed"] == true).collect();
    assert!(confirmed.windows(2).all(|w| w[0] >= w[1]), "{confirmed:?}");
}

#[test]
fn company_text() {
    let board = Board::new();
    let text = board.jobs(["company", "lumenfold"]).ok();
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn tags_list_the_vocabulary() {
    let board = Board::new();
    let tags = board.jobs(["tags", "--format", "json"]).json();
    let tags = tags.as_array().unwrap();
    assert_eq!(tags.len(), 17);
    assert_eq!(
        keys(&tags[0]),
        ["assumption", "description", "id", "label", "source"]
    );
    assert!(tags.iter().any(|t| t["id"] == "deep-work"));
    // Every shipped tag says where it comes from.
    assert!(
        tags.iter()
            .all(|t| t["source"].is_array() || t["assumption"].is_string())
    );

    let markdown = board.jobs(["tags", "--format", "markdown"]).ok();
    assert!(
        markdown.contains("| `deep-work` | Deep work |"),
        "{markdown}"
    );
}

#[test]
fn markdown_search_is_a_table_with_facets() {
    let board = Board::new();
    let markdown = board
        .jobs(["search", "--limit", "2", "--format", "markdown"])
        .ok();
    assert!(markdown.starts_with("# Job board search\n"), "{markdown}");
    assert!(
        markdown.contains("| ID | Title | Company | Track | Rung |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- **Track:** IC 26, management 15"),
        "{markdown}"
    );
    assert!(markdown.contains("Next page: `dualtrack jobs search --limit 2 --cursor "));
}

#[test]
fn no_seed_leaves_an_empty_board_empty() {
    let board = Board::new();
    let page = board.search(&["--no-seed"]);
    assert_eq!(page["items"], serde_json::json!([]));
    assert_eq!(total(&page), 0);
    let text = board.jobs(["search", "--no-seed"]).ok();
    assert!(text.starts_with("No listing matches"), "{text}");
    // Without --no-seed the same database gets the demonstration board.
    assert_eq!(total(&board.search(&[])), 41);
}

#[test]
fn database_url_picks_another_database() {
    let board = Board::new();
    let other = board.dir.path().join("elsewhere/board.sqlite");
    let url = format!("sqlite://{}", other.display());
    let page = board.search(&["--database-url", &url, "--limit", "1"]);
    assert_eq!(total(&page), 41);
    assert!(other.is_file());
    assert!(!board.dir.path().join("dualtrack.sqlite").exists());

    let stderr = board
        .jobs(["tags", "--database-url", "mysql://localhost/x"])
        .fails();
    assert!(
        stderr.contains("unsupported database URL scheme"),
        "{stderr}"
    );
}

#[test]
fn demo_seed_fills_an_empty_board_the_same_way_every_time() {
    let titles = |board: &Board| -> Vec<String> {
        board
            .all_pages(&[], 100)
            .iter()
            .map(|i| format!("{} at {}", i["title"], i["company"]["name"]))
            .collect()
    };
    let mut boards = Vec::new();
    for _ in 0..2 {
        let board = Board::new();
        let url = format!(
            "sqlite://{}",
            board.dir.path().join("dualtrack.sqlite").display()
        );
        let summary = dualtrack([
            "demo",
            "seed",
            "--companies",
            "6",
            "--listings",
            "40",
            "--database-url",
            url.as_str(),
        ])
        .json();
        assert_eq!(summary["companies"], 6);
        assert_eq!(summary["listings"], 40);
        // Every generated listing is recent and open.
        assert_eq!(total(&board.search(&[])), 40);
        boards.push(titles(&board));
        // A second seed into the same board is refused.
        let again = dualtrack(["demo", "seed", "--database-url", url.as_str()]).fails();
        assert!(again.contains("empty"), "{again}");
    }
    assert_eq!(boards[0], boards[1]);
}

#[test]
fn preferences_rank_the_search_in_every_format() {
    let board = Board::new();
    let ranked = board.search(&["--prefer", "remote-first:important", "--limit", "100"]);
    let scores: Vec<f64> = ranked["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["match"]["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let text = board
        .jobs(["search", "--prefer", "remote-first:important"])
        .ok();
    assert!(
        text.contains("best match with your preferences first") && text.contains("Match"),
        "{text}"
    );
    let err = board.jobs(["search", "--prefer", "remote-first"]).fails();
    assert!(err.contains("TAG:LEVEL"), "{err}");
}
