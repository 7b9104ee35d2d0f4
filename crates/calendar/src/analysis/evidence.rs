//! Is there enough in the window to compare with a track at all?
//!
//! A window with almost nothing in it looks like an IC's week (all of it unscheduled), which
//! is a confident answer from no evidence. The thresholds live in
//! `data/calendar-evidence.toml`, each with its reason; below them the analysis names no
//! track and no level, and says why and what to do.

use std::sync::OnceLock;

use chrono::NaiveDate;
use dualtrack_framework::{Provenance, SourceRef, check_document, one_or_many};
use serde::{Deserialize, Serialize};

use super::error::RulesError;
use super::latest_window::EventSpan;

const EMBEDDED: &str = include_str!("../../../../data/calendar-evidence.toml");

const EMBEDDED_NAME: &str = "data/calendar-evidence.toml";

/// Every threshold is a statement that needs a source or an assumption.
const PROVENANCE_ITEMS: &[&str] = &[
    "min_working_days",
    "min_busy_events_per_week",
    "min_busy_day_share",
    "max_age_days",
];

/// The thresholds a window has to meet.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRule {
    pub min_working_days: u64,
    /// Busy events per five working days, on average.
    pub min_busy_events_per_week: f64,
    /// Fraction of working days with any busy time.
    pub min_busy_day_share: f64,
    /// Where each threshold comes from, in the order above.
    pub provenance: [Provenance; 3],
    /// A window that ended more than this many days before today is stale: it shows how the
    /// owner worked then, not now.
    pub max_age_days: u64,
    /// Where the age limit comes from.
    pub age_provenance: Provenance,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceFile {
    min_working_days: Threshold<u64>,
    min_busy_events_per_week: Threshold<f64>,
    min_busy_day_share: Threshold<f64>,
    max_age_days: Threshold<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Threshold<T> {
    value: T,
    #[serde(default, deserialize_with = "one_or_many")]
    source: Vec<SourceRef>,
    assumption: Option<String>,
}

impl<T> Threshold<T> {
    fn provenance(&self) -> Provenance {
        Provenance {
            source: self.source.clone(),
            assumption: self.assumption.clone(),
        }
    }
}

impl EvidenceRule {
    /// The rule in `data/calendar-evidence.toml`.
    pub fn embedded() -> Result<EvidenceRule, RulesError> {
        static RULE: OnceLock<Result<EvidenceRule, RulesError>> = OnceLock::new();
        RULE.get_or_init(|| Self::parse(EMBEDDED, EMBEDDED_NAME))
            .clone()
    }

    /// Reads a rule in the shape of `data/calendar-evidence.toml`; every threshold must say
    /// where it comes from.
    fn parse(text: &str, name: &str) -> Result<EvidenceRule, RulesError> {
        if let Some(problem) = check_document(text, PROVENANCE_ITEMS).first() {
            return Err(RulesError::at(
                name,
                text,
                problem.offset,
                &format!("{}; {}", problem.message(), problem.error.fix()),
            ));
        }
        let file: EvidenceFile =
            dualtrack_framework::load_toml(name, text, super::rules::MAX_RULES_BYTES)?;
        Ok(EvidenceRule {
            provenance: [
                file.min_working_days.provenance(),
                file.min_busy_events_per_week.provenance(),
                file.min_busy_day_share.provenance(),
            ],
            min_working_days: file.min_working_days.value,
            min_busy_events_per_week: file.min_busy_events_per_week.value,
            min_busy_day_share: file.min_busy_day_share.value,
            age_provenance: file.max_age_days.provenance(),
            max_age_days: file.max_age_days.value,
        })
    }
}

/// What the window holds, and whether it is enough to conclude anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    pub enough: bool,
    /// Why, in words; when not enough, also what to try.
    pub reason: String,
    /// Busy events (meetings and focus blocks) in the window.
    pub busy_events: u64,
    /// First and last day with a busy event anywhere in the file (the last on or before today).
    pub span: EventSpan,
    /// Where the threshold that decided comes from: the one that failed, or all three when
    /// the window is enough.
    #[serde(default)]
    pub basis: Provenance,
    /// The window ended long before today (see `data/calendar-evidence.toml`): its figures
    /// show how the owner worked then, not now, so nothing about today is concluded from them.
    #[serde(default)]
    pub stale: bool,
    /// Whether the figures may be read as a finding about how the owner works now: enough
    /// evidence and not stale. When false, shells show the reason instead of the figures
    /// (which stay in the JSON, unchanged in shape).
    #[serde(default)]
    pub finding: bool,
}

/// What the rule is applied to.
#[derive(Debug, Clone, Copy)]
pub struct WindowFacts {
    pub working_days: u64,
    pub busy_days: u64,
    pub busy_events: u64,
}

impl EvidenceRule {
    /// Judge a window.
    pub fn judge(&self, facts: WindowFacts, span: EventSpan) -> Evidence {
        let per_week = if facts.working_days > 0 {
            facts.busy_events as f64 * 5.0 / facts.working_days as f64
        } else {
            0.0
        };
        let day_share = if facts.working_days > 0 {
            facts.busy_days as f64 / facts.working_days as f64
        } else {
            0.0
        };
        let short = if facts.working_days < self.min_working_days {
            Some((
                0,
                format!(
                    "the window has {} working day(s); at least {} are needed",
                    facts.working_days, self.min_working_days
                ),
            ))
        } else if per_week < self.min_busy_events_per_week {
            Some((
                1,
                format!(
                    "the window holds {} busy event(s), {per_week:.1} per working week; at least {} \
                 per week are needed",
                    facts.busy_events, self.min_busy_events_per_week
                ),
            ))
        } else if day_share < self.min_busy_day_share {
            Some((
                2,
                format!(
                    "busy time falls on {} of {} working days; at least {:.0}% of days are needed",
                    facts.busy_days,
                    facts.working_days,
                    self.min_busy_day_share * 100.0
                ),
            ))
        } else {
            None
        };
        let enough = short.is_none();
        let basis = match &short {
            Some((index, _)) => self.provenance[*index].clone(),
            None => Provenance {
                source: self
                    .provenance
                    .iter()
                    .flat_map(|p| p.source.clone())
                    .collect(),
                assumption: Some(
                    self.provenance
                        .iter()
                        .filter_map(|p| p.assumption.as_deref())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            },
        };
        let reason = match short.map(|(_, why)| why) {
            None => format!(
                "{} busy events over {} working days ({per_week:.1} a week), busy time on {} of \
                 them: enough to compare with each track",
                facts.busy_events, facts.working_days, facts.busy_days
            ),
            Some(why) => {
                let span_words = match (span.first, span.last) {
                    (Some(f), Some(l)) => {
                        format!("this file's busy events run from {f} to {l}")
                    }
                    (Some(f), None) => format!("this file's busy events start on {f}"),
                    _ => "this file has no busy timed events at all".to_owned(),
                };
                format!(
                    "Too little evidence to name a track: {why}. Try a window where the calendar \
                     is in use ({span_words}), check that the owner is right, or export the \
                     calendar you actually work from"
                )
            }
        };
        Evidence {
            enough,
            reason,
            busy_events: facts.busy_events,
            span,
            basis,
            stale: false,
            finding: enough,
        }
    }

    /// When a window ending on `to` (exclusive) is too old to describe how the owner works on
    /// `today`: the caveat to show, naming the dates and the option that changes them.
    pub fn staleness(&self, to: NaiveDate, today: NaiveDate) -> Option<String> {
        let last = to.pred_opt().unwrap_or(to);
        let age = (today - last).num_days();
        if age <= self.max_age_days as i64 {
            return None;
        }
        let years = age as f64 / 365.25;
        let ago = if years >= 1.5 {
            format!("about {:.0} years", years.round())
        } else if years >= 1.0 {
            "over a year".to_owned()
        } else {
            format!("{age} days")
        };
        Some(format!(
            "stale evidence: the window ends on {last}, {ago} before today ({today}); it shows how \
            you worked then, not how you work now. Analyse a recent window (change the \
             window's dates) or export a current calendar before drawing conclusions about today"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(working_days: u64, busy_days: u64, busy_events: u64) -> WindowFacts {
        WindowFacts {
            working_days,
            busy_days,
            busy_events,
        }
    }

    #[test]
    fn the_embedded_rule_reads_and_its_thresholds_bite() {
        let rule = EvidenceRule::embedded().unwrap();
        let span = EventSpan::default();
        assert!(rule.judge(facts(20, 10, 40), span).enough);
        // One meeting in four weeks: the case that used to be called an IC's week.
        let thin = rule.judge(facts(20, 1, 1), span);
        assert!(!thin.enough);
        assert!(
            thin.reason.contains("0.2 per working week"),
            "{}",
            thin.reason
        );
        // Plenty of events, all on one day.
        assert!(!rule.judge(facts(20, 1, 30), span).enough);
        assert!(!rule.judge(facts(2, 2, 9), span).enough);
        assert!(rule.judge(facts(3, 3, 9), span).enough);
        assert!(!rule.judge(facts(0, 0, 0), span).enough);
    }

    /// Regression (walkthrough defect 4): a window years old got no caveat.
    #[test]
    fn a_window_that_ended_over_a_year_ago_is_stale() {
        let rule = EvidenceRule::embedded().unwrap();
        assert_eq!(rule.max_age_days, 365);
        assert!(rule.age_provenance.check().is_ok());
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let caveat = rule.staleness(d(2014, 3, 17), d(2026, 11, 29)).unwrap();
        assert!(caveat.contains("ends on 2014-03-16"), "{caveat}");
        assert!(caveat.contains("how you worked then"), "{caveat}");
        assert!(rule.staleness(d(2026, 11, 2), d(2026, 11, 29)).is_none());
        assert!(rule.staleness(d(2025, 11, 30), d(2026, 11, 29)).is_none());
        assert!(rule.staleness(d(2025, 11, 29), d(2026, 11, 29)).is_some());
    }

    #[test]
    fn each_threshold_says_where_it_comes_from_and_the_verdict_carries_it() {
        let rule = EvidenceRule::embedded().unwrap();
        for p in &rule.provenance {
            assert!(p.check().is_ok(), "{p:?}");
        }
        let span = EventSpan::default();
        let thin = rule.judge(facts(20, 1, 1), span);
        assert_eq!(
            thin.basis, rule.provenance[1],
            "the events-per-week threshold decided"
        );
        assert_eq!(thin.basis.source[0].doc, "003");
        let enough = rule.judge(facts(20, 10, 40), span);
        assert!(enough.basis.check().is_ok());
        let e = EvidenceRule::parse("[min_working_days]\nvalue = 3\n", "e.toml").unwrap_err();
        assert!(e.to_string().starts_with("e.toml:1:1: "), "{e}");
        assert!(
            e.to_string().contains("neither `source` nor `assumption`"),
            "{e}"
        );
    }
}
