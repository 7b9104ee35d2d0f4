//! Our own words: no product text shares a run of ten or more words with the seed documents.
//!
//! Regression for issue 12 ("Our own words"): two passages (an assessment option about the
//! people work and the meta-work, and the switch-back doc's sentence about rebuilding pace and
//! credibility) had copied ten-word runs from the seeds. The seeds' facts are our content; their
//! sentences are not.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Shortest shared run that counts as copying.
const RUN: usize = 10;

/// Lowercase words with punctuation stripped: apostrophes vanish (`don't` -> `dont`), every
/// other non-alphanumeric character separates words.
fn words(text: &str) -> Vec<String> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘'))
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().map(str::to_owned).collect()
}

/// A seed's section heading, quoted to say where a statement comes from, is a citation rather
/// than copied prose (a `source` names the section by its exact heading).
fn without_cited_headings(text: &str) -> String {
    let mut text = text.to_owned();
    for seed in &dualtrack_framework::SEEDS {
        for heading in seed.sections {
            text = text.replace(heading, " | ");
        }
    }
    text
}

fn runs(words: &[String]) -> impl Iterator<Item = String> + '_ {
    words.windows(RUN).map(|w| w.join(" "))
}

fn collect(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, keep, out);
        } else if keep(&path) {
            out.push(path);
        }
    }
}

/// Every file the product shows text from: data/, docs/, crates/*/templates and every
/// snapshots folder (rendered output).
fn product_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(&root.join("data"), &|_| true, &mut files);
    collect(&root.join("docs"), &|_| true, &mut files);
    let mut crate_files = Vec::new();
    collect(&root.join("crates"), &|_| true, &mut crate_files);
    files.extend(crate_files.into_iter().filter(|p| {
        p.components().any(|c| {
            let c = c.as_os_str();
            c == "templates" || c == "snapshots"
        })
    }));
    files.sort();
    files
}

/// The seed documents beside the workspace, or `None` (after saying the test is skipped) when
/// `../shared/seeds` is absent.
fn seed_files(root: &Path) -> Option<Vec<PathBuf>> {
    let seeds_dir = root.join("../shared/seeds");
    let mut files = Vec::new();
    collect(
        &seeds_dir,
        &|p| p.extension().is_some_and(|e| e == "txt"),
        &mut files,
    );
    if files.is_empty() {
        println!(
            "skipped: no seed documents at {} (the check needs ../shared/seeds/*.txt beside the workspace)",
            seeds_dir.display()
        );
        return None;
    }
    Some(files)
}

#[test]
fn no_product_text_shares_ten_words_with_a_seed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let Some(seed_files) = seed_files(&root) else {
        return;
    };
    let mut seed_runs: HashSet<String> = HashSet::new();
    for file in &seed_files {
        let text = std::fs::read_to_string(file).unwrap();
        seed_runs.extend(runs(&words(&text)));
    }
    let mut hits = Vec::new();
    for file in product_files(&root) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue; // binary files hold no prose
        };
        let w = words(&without_cited_headings(&text));
        let mut seen = HashSet::new();
        for run in runs(&w) {
            if seed_runs.contains(&run) && seen.insert(run.clone()) {
                hits.push(format!(
                    "{}: \"{run}\"",
                    file.strip_prefix(&root).unwrap_or(&file).display()
                ));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "{} ten-word runs copied from the seeds; rewrite them in our own words:\n{}",
        hits.len(),
        hits.join("\n")
    );
}

#[test]
fn words_are_normalised_before_comparing() {
    assert_eq!(
        words("Don’t STOP—now, (ok)"),
        vec!["dont", "stop", "now", "ok"]
    );
}

/// Every section the provenance check accepts is a line of its seed, standing alone as a
/// heading (a Markdown seed marks it with `#`; the FAQ's questions end in the page's `+` expand
/// control), except "Introduction",
/// our name for the untitled text before an essay's first heading. Guards the gap where the
/// FAQ's questions were missing, so the trial's citations of them failed the shared check.
#[test]
fn every_known_section_is_a_heading_of_its_seed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let Some(seed_files) = seed_files(&root) else {
        return;
    };
    for seed in &dualtrack_framework::SEEDS {
        let file = seed_files
            .iter()
            .find(|f| {
                f.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&format!("{}_", seed.id)))
            })
            .unwrap_or_else(|| panic!("no seed file for {}", seed.id));
        let text = std::fs::read_to_string(file).unwrap();
        let normalise = |s: &str| {
            s.trim()
                .trim_start_matches('#')
                .trim()
                .trim_end_matches('+')
                .replace(['’', '‘'], "'")
        };
        let headings: HashSet<String> = text.lines().map(normalise).collect();
        for section in seed.sections.iter().filter(|s| **s != "Introduction") {
            assert!(
                headings.contains(&normalise(section)),
                "seed {} has no line {section:?}",
                seed.id
            );
        }
    }
}
