//! Classification rules: which all-day events mean "away", which blocks are deliberate focus,
//! and which kind of meeting each busy occurrence is.
//!
//! The defaults live in `data/calendar-rules.toml`; a user's file in the same shape replaces
//! whichever sections it contains. Every mistake is reported as `file:line:col: message`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use dualtrack_framework::{Provenance, SourceRef, check_document, one_or_many};

use super::error::RulesError;

const EMBEDDED_NAME: &str = "data/calendar-rules.toml";
const EMBEDDED: &str = include_str!("../../../../data/calendar-rules.toml");

/// The tables of a rules file that are statements needing a source or an assumption: the
/// document itself (it holds `precedence`), each section and each rule.
const PROVENANCE_ITEMS: &[&str] = &["", "domains", "out_of_office", "free", "focus", "rule"];

/// The meeting kinds that `categories` reports.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    OneOnOne,
    Team,
    CrossFunctional,
    Hiring,
    Planning,
    External,
    Other,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 7] = [
        MeetingKind::OneOnOne,
        MeetingKind::Team,
        MeetingKind::CrossFunctional,
        MeetingKind::Hiring,
        MeetingKind::Planning,
        MeetingKind::External,
        MeetingKind::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            MeetingKind::OneOnOne => "one_on_one",
            MeetingKind::Team => "team",
            MeetingKind::CrossFunctional => "cross_functional",
            MeetingKind::Hiring => "hiring",
            MeetingKind::Planning => "planning",
            MeetingKind::External => "external",
            MeetingKind::Other => "other",
        }
    }

    /// A short human label for tables and charts.
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::OneOnOne => "1:1s",
            MeetingKind::Team => "team",
            MeetingKind::CrossFunctional => "cross-functional",
            MeetingKind::Hiring => "hiring",
            MeetingKind::Planning => "planning",
            MeetingKind::External => "external",
            MeetingKind::Other => "other",
        }
    }
}

/// Keywords (whole words, any case) and vendor event kinds that mark one sort of event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marker {
    pub keywords: Vec<String>,
    pub event_kinds: Vec<String>,
    /// Where the marker comes from; empty for a user's own section without one.
    pub provenance: Provenance,
}

/// One meeting rule: every condition it states must hold; the first matching rule decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRule {
    pub id: String,
    pub kind: MeetingKind,
    /// Any of these keywords in the title.
    pub title_any: Vec<String>,
    /// Any of these `CATEGORIES` values (case-insensitive).
    pub categories_any: Vec<String>,
    /// Any of these vendor event kinds.
    pub event_kinds: Vec<String>,
    /// People present, counting the owner and not rooms or resources.
    pub people_min: Option<u32>,
    pub people_max: Option<u32>,
    /// Someone from outside the owner's domain is invited (or organises).
    pub external: Option<bool>,
    /// The occurrence belongs to a recurring series.
    pub recurring: Option<bool>,
    /// Where the rule comes from; empty for a user's own rule without one.
    pub provenance: Provenance,
}

/// The complete, validated rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// Where the rules came from (a path, or the embedded data file).
    pub source: String,
    /// When meetings overlap, each instant goes to the earliest kind in this list.
    pub precedence: Vec<MeetingKind>,
    /// Where the kinds and their overlap order come from.
    pub precedence_provenance: Provenance,
    /// Domains that count as the owner's own besides the owner's address domain.
    pub internal_domains: Vec<String>,
    /// Where the domain lists come from.
    pub domains_provenance: Provenance,
    /// Calendar-system domains (shared calendars, rooms) that say nothing about who attends.
    pub ignore_domains: Vec<String>,
    pub out_of_office: Marker,
    /// Timed events that do not take time although the export does not mark them free.
    pub free: Marker,
    pub focus: Marker,
    pub rules: Vec<MeetingRule>,
}

impl Rules {
    /// The rules shipped in `data/calendar-rules.toml`, parsed once.
    pub fn embedded() -> Result<&'static Rules, RulesError> {
        static EMBEDDED_RULES: OnceLock<Result<Rules, RulesError>> = OnceLock::new();
        EMBEDDED_RULES
            .get_or_init(|| {
                if let Some(problem) = check_document(EMBEDDED, PROVENANCE_ITEMS).first() {
                    return Err(RulesError::at(
                        EMBEDDED_NAME,
                        EMBEDDED,
                        problem.offset,
                        &format!("{}; {}", problem.message(), problem.error.fix()),
                    ));
                }
                parse_sections(EMBEDDED, EMBEDDED_NAME, None)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A user's rules file: its sections replace the embedded ones, the rest stay.
    pub fn parse(text: &str, source: &str) -> Result<Rules, RulesError> {
        let base = Rules::embedded()?;
        parse_sections(text, source, Some(base))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default, deserialize_with = "one_or_many")]
    source: Vec<SourceRef>,
    assumption: Option<String>,
    precedence: Option<Spanned<Vec<MeetingKind>>>,
    domains: Option<DomainsFile>,
    out_of_office: Option<MarkerFile>,
    free: Option<MarkerFile>,
    focus: Option<MarkerFile>,
    rule: Option<Vec<Spanned<RuleFile>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DomainsFile {
    #[serde(default, deserialize_with = "one_or_many")]
    source: Vec<SourceRef>,
    assumption: Option<String>,
    #[serde(default)]
    internal: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkerFile {
    #[serde(default, deserialize_with = "one_or_many")]
    source: Vec<SourceRef>,
    assumption: Option<String>,
    #[serde(default)]
    keywords: Vec<Spanned<String>>,
    #[serde(default)]
    event_kinds: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: Spanned<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    source: Vec<SourceRef>,
    assumption: Option<String>,

    kind: MeetingKind,
    #[serde(default)]
    title_any: Vec<Spanned<String>>,
    #[serde(default)]
    categories_any: Vec<Spanned<String>>,
    #[serde(default)]
    event_kinds: Vec<Spanned<String>>,
    people_min: Option<Spanned<u32>>,
    people_max: Option<Spanned<u32>>,
    external: Option<bool>,
    recurring: Option<bool>,
}

/// No real rules file comes close; a larger one is refused before parsing.
pub const MAX_RULES_BYTES: usize = 1024 * 1024;

fn parse_sections(text: &str, source: &str, base: Option<&Rules>) -> Result<Rules, RulesError> {
    let file: RulesFile = dualtrack_framework::load_toml(source, text, MAX_RULES_BYTES)?;
    let err = |at: usize, msg: &str| RulesError::at(source, text, at, msg);
    let missing = |section: &str| {
        RulesError::at(
            source,
            text,
            0,
            &format!("the `{section}` section is missing"),
        )
    };

    let doc_provenance = provenance(file.source, file.assumption, 0, &err)?;
    let (precedence_provenance, precedence) = match file.precedence {
        Some(p) => {
            let at = p.span().start;
            let list = p.into_inner();
            for kind in MeetingKind::ALL {
                let n = list.iter().filter(|k| **k == kind).count();
                if n != 1 {
                    return Err(err(
                        at,
                        &format!(
                            "`precedence` must name every meeting kind exactly once, `{}` appears {n} times",
                            kind.id()
                        ),
                    ));
                }
            }
            (doc_provenance, list)
        }
        None => base
            .map(|b| (b.precedence_provenance.clone(), b.precedence.clone()))
            .ok_or_else(|| missing("precedence"))?,
    };

    let (domains_provenance, internal_domains, ignore_domains) = match file.domains {
        Some(d) => (
            provenance(d.source, d.assumption, 0, &err)?,
            words(d.internal, &err, "domain")?,
            words(d.ignore, &err, "domain")?,
        ),
        None => match base {
            Some(b) => (
                b.domains_provenance.clone(),
                b.internal_domains.clone(),
                b.ignore_domains.clone(),
            ),
            None => return Err(missing("[domains]")),
        },
    };

    let marker = |m: Option<MarkerFile>, name: &str, base: Option<&Marker>| match m {
        Some(m) => Ok(Marker {
            provenance: provenance(m.source, m.assumption, 0, &err)?,
            keywords: keywords(m.keywords, &err)?,
            event_kinds: words(m.event_kinds, &err, "event kind")?,
        }),
        None => base.cloned().ok_or_else(|| missing(name)),
    };
    let out_of_office = marker(
        file.out_of_office,
        "[out_of_office]",
        base.map(|b| &b.out_of_office),
    )?;
    let free = marker(file.free, "[free]", base.map(|b| &b.free))?;
    let focus = marker(file.focus, "[focus]", base.map(|b| &b.focus))?;

    let rules = match file.rule {
        Some(list) => {
            let mut rules: Vec<MeetingRule> = Vec::with_capacity(list.len());
            for spanned in list {
                let r = spanned.into_inner();
                let id_at = r.id.span().start;
                let id = r.id.into_inner().trim().to_owned();
                if id.is_empty() {
                    return Err(err(id_at, "a rule needs a non-empty `id`"));
                }
                if rules.iter().any(|other| other.id == id) {
                    return Err(err(
                        id_at,
                        &format!("rule id `{id}` is used twice; ids must be unique"),
                    ));
                }
                if let (Some(min), Some(max)) = (&r.people_min, &r.people_max)
                    && min.get_ref() > max.get_ref()
                {
                    return Err(err(
                        min.span().start,
                        &format!("rule `{id}`: `people_min` is larger than `people_max`"),
                    ));
                }
                rules.push(MeetingRule {
                    provenance: provenance(r.source, r.assumption, id_at, &err)?,
                    id,
                    kind: r.kind,
                    title_any: keywords(r.title_any, &err)?,
                    categories_any: words(r.categories_any, &err, "category")?,
                    event_kinds: words(r.event_kinds, &err, "event kind")?,
                    people_min: r.people_min.map(Spanned::into_inner),
                    people_max: r.people_max.map(Spanned::into_inner),
                    external: r.external,
                    recurring: r.recurring,
                });
            }
            rules
        }
        None => base
            .map(|b| b.rules.clone())
            .ok_or_else(|| missing("[[rule]]"))?,
    };

    Ok(Rules {
        source: source.to_owned(),
        precedence,
        precedence_provenance,
        internal_domains,
        domains_provenance,
        ignore_domains,
        out_of_office,
        free,
        focus,
        rules,
    })
}

/// A section's provenance. A user's own file may leave it out (it is theirs); what it does say
/// must name a real seed section.
fn provenance(
    source: Vec<SourceRef>,
    assumption: Option<String>,
    at: usize,
    err: &impl Fn(usize, &str) -> RulesError,
) -> Result<Provenance, RulesError> {
    let provenance = Provenance { source, assumption };
    if !provenance.is_empty()
        && let Err(problem) = provenance.check()
    {
        return Err(err(at, &format!("{problem}; {}", problem.fix())));
    }
    Ok(provenance)
}

/// Keywords must contain a letter or digit, or they could never match a title.
fn keywords(
    list: Vec<Spanned<String>>,
    err: &impl Fn(usize, &str) -> RulesError,
) -> Result<Vec<String>, RulesError> {
    list.into_iter()
        .map(|k| {
            let at = k.span().start;
            let k = k.into_inner();
            if k.chars().any(char::is_alphanumeric) {
                Ok(k.trim().to_owned())
            } else {
                Err(err(
                    at,
                    &format!("keyword {k:?} has no letters or digits, so it can never match"),
                ))
            }
        })
        .collect()
}

/// Plain values compared case-insensitively: stored lower-cased, never empty.
fn words(
    list: Vec<Spanned<String>>,
    err: &impl Fn(usize, &str) -> RulesError,
    what: &str,
) -> Result<Vec<String>, RulesError> {
    list.into_iter()
        .map(|w| {
            let at = w.span().start;
            let w = w.into_inner().trim().to_lowercase();
            if w.is_empty() {
                Err(err(at, &format!("an empty {what} is not allowed")))
            } else {
                Ok(w)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_are_valid_and_complete() {
        let rules = Rules::embedded().unwrap();
        assert_eq!(rules.precedence.len(), MeetingKind::ALL.len());
        assert!(!rules.out_of_office.keywords.is_empty());
        assert!(!rules.focus.keywords.is_empty());
        for kind in MeetingKind::ALL {
            assert!(
                rules.rules.iter().any(|r| r.kind == kind),
                "no rule for {}",
                kind.id()
            );
        }
    }

    #[test]
    fn every_embedded_rule_and_section_says_where_it_comes_from() {
        let rules = Rules::embedded().unwrap();
        assert!(rules.precedence_provenance.check().is_ok());
        assert!(rules.domains_provenance.check().is_ok());
        for marker in [&rules.out_of_office, &rules.free, &rules.focus] {
            assert!(marker.provenance.check().is_ok(), "{marker:?}");
        }
        for rule in &rules.rules {
            assert!(rule.provenance.check().is_ok(), "{}", rule.id);
        }
        assert!(check_document(EMBEDDED, PROVENANCE_ITEMS).is_empty());
        // Removing one rule's lines makes the embedded check fail, at that rule.
        let stripped = EMBEDDED.replacen(
            "assumption = \"What no rule recognises is still meeting time; it is counted, under its own name.\"\n",
            "",
            1,
        );
        assert_ne!(stripped, EMBEDDED);
        let problems = check_document(&stripped, PROVENANCE_ITEMS);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].item.starts_with("rule"), "{:?}", problems[0]);
    }

    #[test]
    fn a_users_rules_may_omit_provenance_but_not_misname_a_seed() {
        assert!(Rules::parse("[focus]\nkeywords = [\"quiet\"]\n", "mine.toml").is_ok());
        let text = "[focus]\nsource = { doc = \"009\", section = \"x\" }\nkeywords = [\"q\"]\n";
        let e = Rules::parse(text, "mine.toml").unwrap_err().to_string();
        assert!(e.contains("009"), "{e}");
    }

    #[test]
    fn a_partial_file_replaces_only_its_sections() {
        let rules = Rules::parse("[focus]\nkeywords = [\"quiet hours\"]\n", "mine.toml").unwrap();
        assert_eq!(rules.focus.keywords, vec!["quiet hours"]);
        assert!(rules.focus.event_kinds.is_empty());
        assert_eq!(rules.rules, Rules::embedded().unwrap().rules);
        assert_eq!(rules.source, "mine.toml");
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let text = "[[rule]]\nid = \"x\"\nkind = \"standup\"\n";
        let e = Rules::parse(text, "mine.toml").unwrap_err().to_string();
        assert!(e.starts_with("mine.toml:3:8: "), "{e}");
        assert!(e.contains("standup"), "{e}");

        let text = "precedence = [\"team\"]\n";
        let e = Rules::parse(text, "p.toml").unwrap_err().to_string();
        assert!(e.starts_with("p.toml:1:14: "), "{e}");

        let text = "[[rule]]\nid = \"a\"\nkind = \"team\"\npeople_min = 5\npeople_max = 2\n";
        let e = Rules::parse(text, "m.toml").unwrap_err().to_string();
        assert!(e.starts_with("m.toml:4:14: "), "{e}");

        let text = "[focus]\nkeywords = [\"--\"]\n";
        let e = Rules::parse(text, "k.toml").unwrap_err().to_string();
        assert!(e.starts_with("k.toml:2:13: "), "{e}");

        let e = Rules::parse("colour = 1\n", "u.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("u.toml:1:1: "), "{e}");
    }
}
