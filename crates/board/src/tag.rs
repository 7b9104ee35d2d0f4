//! Culture tags: the fixed vocabulary, and a tag's standing at one company.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use dualtrack_framework::{Provenance, SourceRef, check_document, one_or_many};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::DataError;

/// Endorsements from distinct verified employees a tag needs before the board calls it
/// confirmed. One voice is an anecdote; two independent ones are a pattern.
pub const CONFIRMATION_THRESHOLD: u32 = 2;

/// Whether `endorsements` verified employees are enough to confirm a tag.
#[must_use]
pub fn is_confirmed(endorsements: u32) -> bool {
    endorsements >= CONFIRMATION_THRESHOLD
}

/// One entry of the culture vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CultureTag {
    /// Stable id, lowercase words joined by hyphens (`deep-work`).
    pub id: String,
    /// Short human label (`Deep work`).
    pub label: String,
    /// What the tag promises, in one or two sentences.
    pub description: String,
}

/// A tag as it stands at one company: claimed by the company, endorsed by its verified
/// employees, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TagStatus {
    pub id: String,
    pub label: String,
    /// The company lists this tag in its own profile.
    pub claimed: bool,
    /// Verified employees who endorse it (on the company page: only confirmations younger
    /// than the board's maximum age count).
    pub endorsements: u32,
    /// At least [`CONFIRMATION_THRESHOLD`] verified employees endorse it.
    pub confirmed: bool,
    // The evidence below is filled where a company's tags are shown on their own (its page,
    // `GET /api/v1/companies/{slug}`); left out of the JSON when empty, so search results
    // keep their documented shape. Absent means none.
    /// When the newest confirmation was given, counted or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_confirmation: Option<DateTime<Utc>>,
    /// Confirmations too old to count any more.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub stale_endorsements: u32,
    /// The teams or orgs the counted confirmers gave, each once, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<String>,
    /// Verified employees who dispute the tag. Shown beside it, never hidden.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub disputes: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // reason: serde's skip_serializing_if passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl TagStatus {
    /// Builds the status; `confirmed` is derived here and nowhere else.
    #[must_use]
    pub fn new(id: String, label: String, claimed: bool, endorsements: u32) -> Self {
        Self {
            id,
            label,
            claimed,
            endorsements,
            confirmed: is_confirmed(endorsements),
            latest_confirmation: None,
            stale_endorsements: 0,
            teams: Vec::new(),
            disputes: 0,
        }
    }
}

/// Orders tags for display: confirmed first, then by endorsements, then by id.
pub fn sort_tags(tags: &mut [TagStatus]) {
    tags.sort_by(|a, b| {
        b.confirmed
            .cmp(&a.confirmed)
            .then(b.endorsements.cmp(&a.endorsements))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Whether `id` is spelled like a tag id: 1-40 chars of `a-z`, `0-9` and inner hyphens.
#[must_use]
pub fn is_tag_id(id: &str) -> bool {
    is_kebab(id, 40)
}

/// 1 to `max` bytes of `a-z`, `0-9` and hyphens, not starting or ending with a hyphen.
pub(crate) fn is_kebab(text: &str, max: usize) -> bool {
    (1..=max).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// The culture vocabulary shipped with dualtrack (`data/board-tags.toml`).
pub const EMBEDDED_TAGS: &str = include_str!("../../../data/board-tags.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    tags: Vec<toml::Spanned<TagEntry>>,
}

/// A tag as the file spells it: the tag and where it comes from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagEntry {
    id: String,
    label: String,
    description: String,
    #[serde(default, deserialize_with = "one_or_many")]
    source: Vec<SourceRef>,
    assumption: Option<String>,
}

/// Where the shipped tag `id` comes from (a seed section, our assumption, or both); `None`
/// for a tag the shipped vocabulary does not define.
#[must_use]
pub fn tag_provenance(id: &str) -> Option<&'static Provenance> {
    static SOURCES: OnceLock<HashMap<String, Provenance>> = OnceLock::new();
    SOURCES
        .get_or_init(|| parse_entries("data/board-tags.toml", EMBEDDED_TAGS).unwrap_or_default())
        .get(id)
}

/// Parses a tag vocabulary file.
///
/// # Errors
/// [`DataError`] naming the line of a malformed, duplicate or badly spelled tag, or of a tag
/// that says neither where it comes from nor why we added it.
pub fn parse_vocabulary(file: &str, text: &str) -> Result<Vec<CultureTag>, DataError> {
    let mut tags = Vec::new();
    parse_into(file, text, |tag, _| tags.push(tag))?;
    Ok(tags)
}

fn parse_entries(file: &str, text: &str) -> Result<HashMap<String, Provenance>, DataError> {
    let mut sources = HashMap::new();
    parse_into(file, text, |tag, provenance| {
        sources.insert(tag.id, provenance);
    })?;
    Ok(sources)
}

fn parse_into(
    file: &str,
    text: &str,
    mut keep: impl FnMut(CultureTag, Provenance),
) -> Result<(), DataError> {
    if let Some(problem) = check_document(text, &["tags"]).first() {
        return Err(DataError::at(
            file,
            text,
            problem.offset..problem.offset,
            format!("{}; {}", problem.message(), problem.error.fix()),
        ));
    }
    let parsed: VocabularyFile =
        dualtrack_framework::load_toml(file, text, crate::demo::MAX_DEMO_BYTES)?;
    let mut ids: Vec<String> = Vec::with_capacity(parsed.tags.len());
    for spanned in parsed.tags {
        let span = spanned.span();
        let entry = spanned.into_inner();
        let provenance = Provenance {
            source: entry.source,
            assumption: entry.assumption,
        };
        let tag = CultureTag {
            id: entry.id,
            label: entry.label,
            description: entry.description,
        };
        let fail = |message: String| DataError::at(file, text, span.clone(), message);
        if !is_tag_id(&tag.id) {
            return Err(fail(format!(
                "tag id `{}` must be 1-40 characters of a-z, 0-9 and inner hyphens",
                tag.id
            )));
        }
        if tag.label.trim().is_empty() || tag.description.trim().is_empty() {
            return Err(fail(format!(
                "tag `{}` needs a label and a description",
                tag.id
            )));
        }
        if ids.contains(&tag.id) {
            return Err(fail(format!(
                "tag `{}` is defined twice; keep one entry",
                tag.id
            )));
        }
        ids.push(tag.id.clone());
        keep(tag, provenance);
    }
    if ids.is_empty() {
        return Err(DataError {
            file: file.into(),
            line: 0,
            column: 0,
            message: "the vocabulary defines no tags; add at least one [[tags]] entry".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_confirmed_from_two_endorsements() {
        assert!(!is_confirmed(0));
        assert!(!is_confirmed(1));
        assert!(is_confirmed(2));
        assert!(is_confirmed(9));
        assert!(TagStatus::new("x".into(), "X".into(), true, 2).confirmed);
        assert!(!TagStatus::new("x".into(), "X".into(), true, 1).confirmed);
    }

    #[test]
    fn sorting_puts_confirmed_tags_first() {
        let mut tags = vec![
            TagStatus::new("b".into(), "B".into(), true, 0),
            TagStatus::new("a".into(), "A".into(), true, 1),
            TagStatus::new("c".into(), "C".into(), false, 3),
            TagStatus::new("d".into(), "D".into(), true, 2),
        ];
        sort_tags(&mut tags);
        let ids: Vec<&str> = tags.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["c", "d", "a", "b"]);
    }

    #[test]
    fn tag_ids_are_lowercase_hyphenated_words() {
        assert!(is_tag_id("deep-work"));
        assert!(is_tag_id("on-call-sane"));
        assert!(!is_tag_id("Deep-work"));
        assert!(!is_tag_id("-x"));
        assert!(!is_tag_id(""));
        assert!(!is_tag_id("deep work"));
    }

    #[test]
    fn embedded_vocabulary_parses() {
        let tags = parse_vocabulary("board-tags.toml", EMBEDDED_TAGS).unwrap();
        assert!(tags.len() >= 10, "{} tags", tags.len());
        for must in [
            "deep-work",
            "writing-culture",
            "staff-plus-in-strategy",
            "remote-first",
        ] {
            assert!(tags.iter().any(|t| t.id == must), "missing {must}");
        }
    }

    #[test]
    fn duplicate_tag_is_reported_at_its_line() {
        let text = "[[tags]]\nid = \"a\"\nlabel = \"A\"\ndescription = \"d\"\nassumption = \"ours\"\n\n\
                    [[tags]]\nid = \"a\"\nlabel = \"A\"\ndescription = \"d\"\nassumption = \"ours\"\n";
        let err = parse_vocabulary("t.toml", text).unwrap_err();
        assert_eq!(err.line, 7, "{err}");
        assert!(err.message.contains("defined twice"), "{err}");
    }

    #[test]
    fn every_shipped_tag_says_where_it_comes_from() {
        for tag in parse_vocabulary("board-tags.toml", EMBEDDED_TAGS).unwrap() {
            let provenance = tag_provenance(&tag.id).expect("every shipped tag has provenance");
            assert!(provenance.check().is_ok(), "{}: {provenance:?}", tag.id);
        }
        // The three filters the job-board seed names are sourced to it.
        for named in ["engineering-driven", "flat-hierarchy", "learning-focused"] {
            let provenance = tag_provenance(named).unwrap();
            assert_eq!(provenance.source[0].doc, "000", "{named}");
        }
        assert!(tag_provenance("no-such-tag").is_none());
    }

    #[test]
    fn a_tag_without_source_or_assumption_is_refused_at_its_line() {
        let text = "[[tags]]\nid = \"a\"\nlabel = \"A\"\ndescription = \"d\"\n";
        let err = parse_vocabulary("t.toml", text).unwrap_err();
        assert_eq!((err.line, err.column), (1, 1), "{err}");
        assert!(
            err.message.contains("neither `source` nor `assumption`"),
            "{err}"
        );
    }

    #[test]
    fn syntax_errors_keep_their_location() {
        let err = parse_vocabulary("t.toml", "[[tags]]\nid = \n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.to_string().starts_with("t.toml:2:"), "{err}");
    }
}
