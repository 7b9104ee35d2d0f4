//! The trend of the check-in signals: what the weekly answers add up to, early and late.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checkin::Checkin;
use crate::checkin_form::{CheckinForm, Relation, SignalKind};
use crate::direction::{Direction, balance};
use crate::kind::TrialKind;
use crate::schedule::months_between;
use dualtrack_framework::Provenance;

/// Check-ins needed before the signals may carry a conclusion. Our assumption: six weeks of
/// answers is the least that shows a pattern rather than a mood; change it here.
pub const MIN_CHECKINS: usize = 6;

/// How often one answer was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalCount {
    pub question: String,
    pub option: String,
    pub label: String,
    pub signal: SignalKind,
    pub relation: Relation,
    pub count: usize,
    pub provenance: Provenance,
}

impl SignalCount {
    /// `hard_feedback.put_it_off`, the id a recommendation cites.
    #[must_use]
    pub fn id(&self) -> String {
        format!("{}.{}", self.question, self.option)
    }
}

/// Counts over a run of check-ins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalTally {
    pub checkins: usize,
    /// Real signals towards the trialled track.
    pub towards: usize,
    /// Real signals away from it.
    pub away: usize,
    /// Answers naming a reason the seeds call misleading; never counted either way.
    pub false_signals: usize,
}

impl SignalTally {
    fn add(&mut self, checkin: &Checkin, form: &CheckinForm, kind: TrialKind) {
        self.checkins += 1;
        for (qid, oid) in &checkin.answers {
            let Some(option) = form.question(qid).and_then(|q| q.option(oid)) else {
                continue;
            };
            match (option.signal, Relation::of(option.lean, kind)) {
                (SignalKind::Real, Relation::Towards) => self.towards += 1,
                (SignalKind::Real, Relation::Away) => self.away += 1,
                (SignalKind::False, _) => self.false_signals += 1,
                _ => {}
            }
        }
    }

    #[must_use]
    pub fn direction(&self) -> Direction {
        balance(self.towards, self.away).map_or(Direction::Unknown, Direction::of_balance)
    }
}

/// One trial month's check-ins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthSignals {
    /// 1 for the first month of the trial.
    pub month: u32,
    pub tally: SignalTally,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalTrend {
    /// Check-ins up to the review date.
    pub checkins: usize,
    /// Weekly check-ins the schedule had asked for by then.
    pub expected: usize,
    pub enough: bool,
    /// Why the evidence is or is not enough, in a sentence that follows "N of M check-ins
    /// due so far."
    pub reason: String,
    pub earlier: SignalTally,
    pub later: SignalTally,
    /// Where the later half (or all, when short) points.
    pub direction: Direction,
    /// How the later half differs from the earlier: `towards`, `away`, or `mixed` for no clear
    /// change.
    pub moving: Direction,
    /// Every answer given that reads a real or false signal, most frequent first.
    pub counts: Vec<SignalCount>,
    pub monthly: Vec<MonthSignals>,
}

impl SignalTrend {
    /// The trend of `checkins` (those dated up to `as_of`).
    #[must_use]
    pub fn build(
        checkins: &[Checkin],
        form: &CheckinForm,
        kind: TrialKind,
        start: NaiveDate,
        as_of: NaiveDate,
        expected: usize,
    ) -> Self {
        let upto: Vec<&Checkin> = checkins.iter().filter(|c| c.date <= as_of).collect();
        let half = upto.len() / 2;
        let mut earlier = SignalTally::default();
        let mut later = SignalTally::default();
        let mut monthly: Vec<MonthSignals> = Vec::new();
        let mut counts: Vec<SignalCount> = Vec::new();
        for (i, c) in upto.iter().enumerate() {
            if i < half {
                earlier.add(c, form, kind);
            } else {
                later.add(c, form, kind);
            }
            let month = months_between(start, c.date) + 1;
            match monthly.iter_mut().find(|m| m.month == month) {
                Some(m) => m.tally.add(c, form, kind),
                None => {
                    let mut tally = SignalTally::default();
                    tally.add(c, form, kind);
                    monthly.push(MonthSignals { month, tally });
                }
            }
            for (qid, oid) in &c.answers {
                let Some(option) = form.question(qid).and_then(|q| q.option(oid)) else {
                    continue;
                };
                if option.signal == SignalKind::None {
                    continue;
                }
                match counts
                    .iter_mut()
                    .find(|s| &s.question == qid && &s.option == oid)
                {
                    Some(s) => s.count += 1,
                    None => counts.push(SignalCount {
                        question: qid.clone(),
                        option: oid.clone(),
                        label: option.label.clone(),
                        signal: option.signal,
                        relation: Relation::of(option.lean, kind),
                        count: 1,
                        provenance: option.provenance.clone(),
                    }),
                }
            }
        }
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id().cmp(&b.id())));
        let enough = upto.len() >= MIN_CHECKINS;
        let mut all = earlier;
        all.checkins += later.checkins;
        all.towards += later.towards;
        all.away += later.away;
        all.false_signals += later.false_signals;
        let direction = if !enough {
            Direction::Unknown
        } else if later.checkins >= 3 {
            later.direction()
        } else {
            all.direction()
        };
        let moving = match (
            balance(earlier.towards, earlier.away),
            balance(later.towards, later.away),
        ) {
            (Some(e), Some(l)) if enough => Direction::of_balance(l - e),
            _ => Direction::Unknown,
        };
        let reason = if enough {
            format!("Enough to read a pattern: at least {MIN_CHECKINS} are needed.")
        } else {
            format!(
                "Too few to read a pattern: at least {MIN_CHECKINS} are needed before the answers show a pattern rather than a mood."
            )
        };
        SignalTrend {
            checkins: upto.len(),
            expected,
            enough,
            reason,
            earlier,
            later,
            direction,
            moving,
            counts,
            monthly,
        }
    }

    /// The most frequent real signals pointing `relation`, at most `n`.
    #[must_use]
    pub fn leading(&self, relation: Relation, n: usize) -> Vec<&SignalCount> {
        self.counts
            .iter()
            .filter(|s| s.signal == SignalKind::Real && s.relation == relation)
            .take(n)
            .collect()
    }

    /// The false signals given, most frequent first.
    #[must_use]
    pub fn false_signals(&self) -> Vec<&SignalCount> {
        self.counts
            .iter()
            .filter(|s| s.signal == SignalKind::False)
            .collect()
    }
}
