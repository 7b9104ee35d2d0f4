//! The data's citations point at real seed sections, and no product text copies a seed: no run
//! of ten words is shared with one. Reads `../shared/seeds/` in place and skips when it is absent.

use std::collections::HashSet;
use std::path::PathBuf;

use dualtrack_trial::{CheckinForm, Provenance, rules};

use super::common::content;

fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    dir.is_dir().then_some(dir)
}

fn seed(doc: &str) -> Option<String> {
    let dir = seeds_dir()?;
    let entry = std::fs::read_dir(dir).ok()?.flatten().find(|e| {
        e.file_name()
            .to_string_lossy()
            .starts_with(&format!("{doc}_"))
    })?;
    std::fs::read_to_string(entry.path()).ok()
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

fn all_provenance(form: &CheckinForm) -> Vec<Provenance> {
    let mut all: Vec<Provenance> = form
        .questions
        .iter()
        .chain(&form.sponsor_questions)
        .flat_map(|q| q.options.iter().map(|o| o.provenance.clone()))
        .collect();
    all.extend([
        rules::trial_length(),
        rules::first_six_months(),
        rules::switch_at_any_point(),
        rules::false_signals(),
        rules::easy_into_management(),
        rules::extend_once(),
        rules::weighing(),
        rules::thin_evidence(),
    ]);
    all
}

/// Every `section` is a heading line of the cited seed (the FAQ's headings end in a `+`, the
/// page's expand control, which the citations leave out).
#[test]
fn every_citation_names_a_real_section_of_its_seed() {
    if seeds_dir().is_none() {
        println!("skipped: citations not checked because ../shared/seeds/ is absent");
        return;
    }
    for p in all_provenance(&content().form) {
        for r in &p.source {
            let text = seed(&r.doc).unwrap_or_else(|| panic!("seed {} missing", r.doc));
            let found = text
                .lines()
                .any(|l| l.trim() == r.section || l.trim() == format!("{}+", r.section));
            assert!(found, "seed {} has no section {:?}", r.doc, r.section);
        }
    }
}

/// Our words, not the seeds': labels, prompts, help, assumptions and the rendered review share no
/// run of ten words with any seed.
#[test]
fn no_product_text_shares_ten_words_with_a_seed() {
    if seeds_dir().is_none() {
        println!("skipped: wording not checked because ../shared/seeds/ is absent");
        return;
    }
    let mut grams = HashSet::new();
    for doc in dualtrack_framework::SEEDS.iter().map(|s| s.id) {
        let w = words(&seed(doc).unwrap());
        for g in w.windows(10) {
            grams.insert(g.join(" "));
        }
    }
    let content = content();
    let mut texts: Vec<String> = vec![dualtrack_trial::EMBEDDED_CHECKIN.to_owned()];
    for p in all_provenance(&content.form) {
        texts.extend(p.assumption);
    }
    let t = super::story::simulated(&content);
    for gate in ["first-gate", "month-6"] {
        texts.push(dualtrack_trial::markdown::render_review(
            &t.review(&content, gate).unwrap(),
            1,
        ));
    }
    texts.push(include_str!("../../../../docs/trial.md").to_owned());
    for text in &texts {
        let w = words(text);
        for g in w.windows(10) {
            let g = g.join(" ");
            assert!(!grams.contains(&g), "shares ten words with a seed: {g:?}");
        }
    }
}
