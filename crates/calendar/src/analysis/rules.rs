//! Classification rules: which all-day events mean "away", which blocks are deliberate focus,
//! and which kind of meeting each busy occurrence is.
//!
//! The defaults live in `data/calendar-rules.toml`; a user's file in the same shape replaces
//! whichever sections it contains. Every mistake is reported as `file:line:col: message`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::error::RulesError;

const EMBEDDED_NAME: &str = "data/calendar-rules.toml";
const EMBEDDED: &str = include_str!("../../../../data/calendar-rules.toml");

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
}

/// The complete, validated rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// Where the rules came from (a path, or the embedded data file).
    pub source: String,
    /// When meetings overlap, each instant goes to the earliest kind in this list.
    pub precedence: Vec<MeetingKind>,
    /// Domains that count as the owner's own besides the owner's address domain.
    pub internal_domains: Vec<String>,
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
            .get_or_init(|| parse_sections(EMBEDDED, EMBEDDED_NAME, None))
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
    #[serde(default)]
    internal: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkerFile {
    #[serde(default)]
    keywords: Vec<Spanned<String>>,
    #[serde(default)]
    event_kinds: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: Spanned<String>,
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

fn parse_sections(text: &str, source: &str, base: Option<&Rules>) -> Result<Rules, RulesError> {
    let file: RulesFile = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        RulesError::at(source, text, at, e.message().trim())
    })?;
    let err = |at: usize, msg: &str| RulesError::at(source, text, at, msg);
    let missing = |section: &str| {
        RulesError::at(
            source,
            text,
            0,
            &format!("the `{section}` section is missing"),
        )
    };

    let precedence = match file.precedence {
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
            list
        }
        None => base
            .map(|b| b.precedence.clone())
            .ok_or_else(|| missing("precedence"))?,
    };

    let (internal_domains, ignore_domains) = match file.domains {
        Some(d) => (
            words(d.internal, &err, "domain")?,
            words(d.ignore, &err, "domain")?,
        ),
        None => match base {
            Some(b) => (b.internal_domains.clone(), b.ignore_domains.clone()),
            None => return Err(missing("[domains]")),
        },
    };

    let marker = |m: Option<MarkerFile>, name: &str, base: Option<&Marker>| match m {
        Some(m) => Ok(Marker {
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
        internal_domains,
        ignore_domains,
        out_of_office,
        free,
        focus,
        rules,
    })
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
