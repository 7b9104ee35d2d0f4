//! Decide what each occurrence means for the owner's time: away, not busy (and why), a focus
//! block, or a meeting of some kind -- and remember which rule decided it.

use std::collections::HashMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::keywords::{Hits, KeywordIndex};
use super::rules::{MeetingKind, MeetingRule, Rules};
use crate::occurrence::{EventStatus, EventTime, Occurrence, PartStat};

/// What an occurrence does to the owner's working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// An all-day event that takes its days out of working time.
    OutOfOffice,
    /// Any other all-day event: never busy.
    AllDay,
    Cancelled,
    /// The owner said no.
    Declined,
    /// Marked as free (`TRANSP:TRANSPARENT`).
    Free,
    /// Counts against working time as a focus block or a meeting.
    Busy,
}

/// How a busy occurrence is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    FocusBlock,
    Meeting(MeetingKind),
}

impl Role {
    pub fn id(self) -> &'static str {
        match self {
            Role::FocusBlock => "focus_block",
            Role::Meeting(kind) => kind.id(),
        }
    }
}

/// The classification of one occurrence and the reason for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// Set when `outcome` is `Busy`.
    pub role: Option<Role>,
    /// Which rule decided, in words a user can find in the rules file.
    pub rule: String,
    /// A timed event whose title or kind says "time off": counted as busy, but worth a warning.
    pub looks_away: bool,
}

/// Keyword groups in the index: two fixed ones, then one per meeting rule.
const GROUP_OOO: usize = 0;
const GROUP_FOCUS: usize = 1;
const GROUP_FREE: usize = 2;
const GROUP_RULES: usize = 3;

/// Applies one rule set for one owner; caches keyword hits per distinct title.
#[derive(Debug)]
pub struct Classifier<'r> {
    rules: &'r Rules,
    index: KeywordIndex,
    owner: Option<String>,
    owner_domain: Option<String>,
    title_cache: HashMap<String, Rc<Hits>>,
}

impl<'r> Classifier<'r> {
    pub fn new(rules: &'r Rules, owner: Option<&str>) -> Self {
        let mut groups: Vec<&[String]> = vec![
            &rules.out_of_office.keywords,
            &rules.focus.keywords,
            &rules.free.keywords,
        ];
        groups.extend(rules.rules.iter().map(|r| r.title_any.as_slice()));
        let owner = owner.map(str::to_lowercase);
        let owner_domain = owner.as_deref().and_then(domain).map(str::to_owned);
        Classifier {
            rules,
            index: KeywordIndex::new(&groups),
            owner,
            owner_domain,
            title_cache: HashMap::new(),
        }
    }

    fn hits(&mut self, title: &str) -> Rc<Hits> {
        if let Some(h) = self.title_cache.get(title) {
            return Rc::clone(h);
        }
        let h = Rc::new(self.index.hits(title));
        self.title_cache.insert(title.to_owned(), Rc::clone(&h));
        h
    }

    pub fn classify(&mut self, occ: &Occurrence) -> Verdict {
        let hits = self.hits(occ.summary.as_deref().unwrap_or(""));
        // Expansion lower-cases vendor kinds already.
        let kind = occ.event_kind.as_deref();
        let has_kind = |list: &[String]| kind.is_some_and(|k| list.iter().any(|e| e == k));
        let declined = self.owner_declined(occ);
        let cancelled = occ.status == EventStatus::Cancelled;

        if is_all_day(occ) {
            let marker = &self.rules.out_of_office;
            let why = if has_kind(&marker.event_kinds) {
                kind.map(|k| format!("out_of_office: event kind {k}"))
            } else {
                hit(&hits, GROUP_OOO).map(|k| format!("out_of_office: keyword {k:?}"))
            };
            return match why {
                Some(rule) if !cancelled && !declined => verdict(Outcome::OutOfOffice, None, rule),
                _ => verdict(
                    Outcome::AllDay,
                    None,
                    "all-day events are never busy".into(),
                ),
            };
        }
        if cancelled {
            return verdict(Outcome::Cancelled, None, "STATUS:CANCELLED".into());
        }
        if declined {
            return verdict(Outcome::Declined, None, "the owner declined".into());
        }
        if occ.transparent {
            return verdict(
                Outcome::Free,
                None,
                "TRANSP:TRANSPARENT (shown as free)".into(),
            );
        }
        if let Some(k) = kind.filter(|_| has_kind(&self.rules.free.event_kinds)) {
            return verdict(Outcome::Free, None, format!("free: event kind {k}"));
        }
        if let Some(k) = hit(&hits, GROUP_FREE) {
            return verdict(Outcome::Free, None, format!("free: keyword {k:?}"));
        }
        let looks_away =
            has_kind(&self.rules.out_of_office.event_kinds) || hit(&hits, GROUP_OOO).is_some();
        let mut v = self.busy_verdict(occ, kind, &hits);
        v.looks_away = looks_away;
        v
    }

    fn busy_verdict(&self, occ: &Occurrence, kind: Option<&str>, hits: &Hits) -> Verdict {
        let has_kind = |list: &[String]| kind.is_some_and(|k| list.iter().any(|e| e == k));
        if has_kind(&self.rules.focus.event_kinds) {
            let rule = format!("focus: event kind {}", kind.unwrap_or_default());
            return verdict(Outcome::Busy, Some(Role::FocusBlock), rule);
        }
        if let Some(k) = hit(hits, GROUP_FOCUS) {
            return verdict(
                Outcome::Busy,
                Some(Role::FocusBlock),
                format!("focus: keyword {k:?}"),
            );
        }
        let facts = self.facts(occ);
        for (i, rule) in self.rules.rules.iter().enumerate() {
            if let Some(reason) = rule_matches(rule, &facts, kind, hits, GROUP_RULES + i) {
                let role = Some(Role::Meeting(rule.kind));
                return verdict(Outcome::Busy, role, format!("{}{reason}", rule.id));
            }
        }
        let rule = "no rule matched, counted as other".into();
        verdict(Outcome::Busy, Some(Role::Meeting(MeetingKind::Other)), rule)
    }

    fn owner_declined(&self, occ: &Occurrence) -> bool {
        let Some(owner) = &self.owner else {
            return false;
        };
        occ.attendees
            .iter()
            .any(|a| a.email == *owner && a.partstat == PartStat::Declined)
    }

    fn ignored(&self, email: &str) -> bool {
        domain(email).is_none_or(|d| self.rules.ignore_domains.iter().any(|i| within(d, i)))
    }

    fn facts(&self, occ: &Occurrence) -> Facts {
        let mut people: Vec<&str> = occ
            .attendees
            .iter()
            .filter(|a| !a.is_resource && !self.ignored(&a.email))
            .map(|a| a.email.as_str())
            .collect();
        if let Some(owner) = &self.owner {
            people.push(owner);
        }
        people.sort_unstable();
        people.dedup();
        let external = self.owner_domain.as_deref().is_some_and(|own| {
            let outside = |email: &str| {
                !self.ignored(email)
                    && domain(email).is_some_and(|d| {
                        !within(d, own) && !self.rules.internal_domains.iter().any(|i| within(d, i))
                    })
            };
            occ.organizer.as_deref().is_some_and(outside)
                || occ
                    .attendees
                    .iter()
                    .filter(|a| !a.is_resource)
                    .any(|a| outside(&a.email))
        });
        Facts {
            people: u32::try_from(people.len().max(1)).unwrap_or(u32::MAX),
            external,
            recurring: occ.recurring,
            categories: occ.categories.iter().map(|c| c.to_lowercase()).collect(),
        }
    }
}

/// What the meeting rules look at besides the title.
struct Facts {
    people: u32,
    external: bool,
    recurring: bool,
    categories: Vec<String>,
}

/// `Some(detail)` when every condition of `rule` holds.
fn rule_matches(
    rule: &MeetingRule,
    facts: &Facts,
    kind: Option<&str>,
    hits: &Hits,
    group: usize,
) -> Option<String> {
    let mut detail = String::new();
    if !rule.title_any.is_empty() {
        let k = hit(hits, group)?;
        detail = format!(": keyword {k:?}");
    }
    if !rule.categories_any.is_empty()
        && !facts
            .categories
            .iter()
            .any(|c| rule.categories_any.contains(c))
    {
        return None;
    }
    if !rule.event_kinds.is_empty()
        && !kind.is_some_and(|k| rule.event_kinds.iter().any(|e| e == k))
    {
        return None;
    }
    let size_ok = rule.people_min.is_none_or(|m| facts.people >= m)
        && rule.people_max.is_none_or(|m| facts.people <= m);
    if !size_ok
        || rule.external.is_some_and(|e| e != facts.external)
        || rule.recurring.is_some_and(|r| r != facts.recurring)
    {
        return None;
    }
    if rule.people_min.is_some() || rule.people_max.is_some() {
        let sep = if detail.is_empty() { ": " } else { ", " };
        detail.push_str(&format!("{sep}{} people", facts.people));
    }
    Some(detail)
}

fn hit(hits: &Hits, group: usize) -> Option<&str> {
    hits.get(group).and_then(|h| h.as_deref())
}

fn verdict(outcome: Outcome, role: Option<Role>, rule: String) -> Verdict {
    Verdict {
        outcome,
        role,
        rule,
        looks_away: false,
    }
}

/// All-day by flag or by a date-only start (either is enough).
pub fn is_all_day(occ: &Occurrence) -> bool {
    occ.all_day || matches!(occ.start, EventTime::Date(_))
}

/// The domain of an address, lower-case input assumed.
fn domain(email: &str) -> Option<&str> {
    email
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| !d.is_empty())
}

/// `d` is `parent` or one of its subdomains.
fn within(d: &str, parent: &str) -> bool {
    d == parent
        || d.strip_suffix(parent)
            .is_some_and(|rest| rest.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::occurrence::Attendee;
    use chrono::NaiveDate;
    use std::sync::Arc;

    fn occ(summary: &str, attendees: &[(&str, PartStat)]) -> Occurrence {
        let t = NaiveDate::from_ymd_opt(2026, 1, 5)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        Occurrence {
            uid: "u".into(),
            recurrence_id: None,
            start: EventTime::Floating(t),
            end: EventTime::Floating(t + chrono::Duration::hours(1)),
            all_day: false,
            summary: Some(summary.into()),
            status: EventStatus::Confirmed,
            transparent: false,
            organizer: None,
            attendees: attendees
                .iter()
                .map(|(e, p)| Attendee {
                    email: (*e).into(),
                    partstat: *p,
                    is_resource: false,
                })
                .collect(),
            recurring: false,
            categories: Arc::from([]),
            event_kind: None,
            line: 1,
        }
    }

    fn role(c: &mut Classifier<'_>, o: &Occurrence) -> Option<&'static str> {
        c.classify(o).role.map(Role::id)
    }

    const ME: (&str, PartStat) = ("me@acme.com", PartStat::Accepted);

    #[test]
    fn titles_decide_before_sizes() {
        let rules = Rules::embedded().unwrap();
        let mut c = Classifier::new(rules, Some("me@acme.com"));
        let ana = ("ana@acme.com", PartStat::Accepted);
        let ben = ("ben@acme.com", PartStat::Accepted);
        assert_eq!(
            role(&mut c, &occ("Interview: backend", &[ME, ana])),
            Some("hiring")
        );
        assert_eq!(
            role(&mut c, &occ("Q3 roadmap", &[ME, ana])),
            Some("planning")
        );
        assert_eq!(
            role(&mut c, &occ("Catch up", &[ME, ana])),
            Some("one_on_one")
        );
        assert_eq!(
            role(&mut c, &occ("Catch up", &[ME, ana, ben])),
            Some("cross_functional")
        );
        assert_eq!(role(&mut c, &occ("Lunch", &[])), Some("other"));
        assert_eq!(role(&mut c, &occ("Focus time", &[])), Some("focus_block"));
    }

    #[test]
    fn outside_domains_make_a_meeting_external() {
        let rules = Rules::embedded().unwrap();
        let mut c = Classifier::new(rules, Some("me@acme.com"));
        let guest = ("x@other.org", PartStat::Accepted);
        let sub = ("y@eu.acme.com", PartStat::Accepted);
        let room = ("r@resource.calendar.google.com", PartStat::Accepted);
        assert_eq!(role(&mut c, &occ("Sync", &[ME, guest])), Some("external"));
        assert_eq!(role(&mut c, &occ("Sync", &[ME, sub])), Some("one_on_one"));
        assert_eq!(
            role(&mut c, &occ("Sync", &[ME, sub, room])),
            Some("one_on_one")
        );
        let v = c.classify(&occ("Sync", &[ME, guest]));
        assert_eq!(v.rule, "external-by-guests");
    }

    #[test]
    fn declines_cancellations_and_free_time_are_not_busy() {
        let rules = Rules::embedded().unwrap();
        let mut c = Classifier::new(rules, Some("me@acme.com"));
        let no = ("me@acme.com", PartStat::Declined);
        assert_eq!(
            c.classify(&occ("Standup", &[no])).outcome,
            Outcome::Declined
        );
        let maybe = ("me@acme.com", PartStat::Tentative);
        assert_eq!(c.classify(&occ("Standup", &[maybe])).outcome, Outcome::Busy);
        let mut o = occ("Standup", &[ME]);
        o.status = EventStatus::Cancelled;
        assert_eq!(c.classify(&o).outcome, Outcome::Cancelled);
        let mut o = occ("Standup", &[ME]);
        o.transparent = true;
        assert_eq!(c.classify(&o).outcome, Outcome::Free);
        let mut o = occ("Office", &[]);
        o.event_kind = Some("workinglocation".into());
        assert_eq!(c.classify(&o).outcome, Outcome::Free);
    }

    #[test]
    fn only_undeclined_all_day_absences_take_days_off() {
        let rules = Rules::embedded().unwrap();
        let mut c = Classifier::new(rules, Some("me@acme.com"));
        let mut o = occ("Vacation - Lisbon", &[]);
        o.all_day = true;
        o.transparent = true;
        assert_eq!(c.classify(&o).outcome, Outcome::OutOfOffice);
        o.attendees = Arc::from(vec![Attendee {
            email: "me@acme.com".into(),
            partstat: PartStat::Declined,
            is_resource: false,
        }]);
        assert_eq!(c.classify(&o).outcome, Outcome::AllDay);
        let mut o = occ("Bring laptop", &[]);
        o.all_day = true;
        assert_eq!(c.classify(&o).outcome, Outcome::AllDay);
        let mut o = occ("Anything", &[]);
        o.all_day = true;
        o.event_kind = Some("oof".into());
        assert_eq!(c.classify(&o).outcome, Outcome::OutOfOffice);
    }

    #[test]
    fn domains_nest_only_on_dot_boundaries() {
        assert!(within("eu.acme.com", "acme.com"));
        assert!(within("acme.com", "acme.com"));
        assert!(!within("notacme.com", "acme.com"));
    }
}
