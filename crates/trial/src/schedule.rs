//! When the check-ins and reviews fall: weekly check-ins, a first gate at twelve weeks, the
//! plan's checkpoints, month six and the end of the trial.

use chrono::{Days, Months, NaiveDate};
use dualtrack_decide::plans::TrialPlan;
use serde::{Deserialize, Serialize};

/// The first gate: about three months in, the point by which companies that run trials well
/// hold a first formal look (the brief; not a seed figure, so an assumption).
pub const FIRST_GATE_WEEKS: u64 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GateKind {
    /// Around twelve weeks in.
    FirstGate,
    /// The end of a phase of the trial plan.
    Checkpoint,
    /// Six months: the earliest point the seeds' trial length allows a decision.
    MonthSix,
    /// The end of the trial (planned, or extended once).
    End,
}

/// One review date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gate {
    /// Stable id: `first-gate`, `checkpoint-month-N`, `month-6`, `month-N` (the end).
    pub id: String,
    pub kind: GateKind,
    /// Months since the start; `None` for the first gate, which is counted in weeks.
    pub month: Option<u32>,
    pub date: NaiveDate,
    pub title: String,
}

/// Every date the trial asks something of the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub checkins: Vec<NaiveDate>,
    pub gates: Vec<Gate>,
}

/// `start` plus whole months (the last valid day when the month is shorter).
pub(crate) fn add_months(start: NaiveDate, months: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Whole months from `start` to `date` (0 before the first month is complete).
pub(crate) fn months_between(start: NaiveDate, date: NaiveDate) -> u32 {
    let mut months = 0;
    while months < 1200 && add_months(start, months + 1) <= date {
        months += 1;
    }
    months
}

impl Schedule {
    /// The gate whose review is due by `at`: the latest dated on or before it, or the first
    /// while none is due yet.
    #[must_use]
    pub fn due_gate(&self, at: NaiveDate) -> Option<&Gate> {
        self.gates
            .iter()
            .rev()
            .find(|g| g.date <= at)
            .or_else(|| self.gates.first())
    }

    /// The schedule of a trial starting `start` and ending after `end_months`.
    #[must_use]
    pub fn build(start: NaiveDate, end_months: u32, plan: &TrialPlan) -> Self {
        let end = add_months(start, end_months);
        let checkins = (1..)
            .map_while(|week| {
                start
                    .checked_add_days(Days::new(7 * week))
                    .filter(|d| *d <= end)
            })
            .collect();
        let first_gate = start
            .checked_add_days(Days::new(7 * FIRST_GATE_WEEKS))
            .unwrap_or(NaiveDate::MAX);
        let mut gates = vec![Gate {
            id: "first-gate".into(),
            kind: GateKind::FirstGate,
            month: None,
            date: first_gate,
            title: format!("First gate ({FIRST_GATE_WEEKS} weeks)"),
        }];
        for phase in &plan.phases {
            let month = phase.end_month;
            let date = add_months(start, month);
            // A checkpoint within a fortnight of another review adds nothing.
            let near_first_gate = (date - first_gate).num_days().abs() < 14;
            if month < end_months && month != 6 && !near_first_gate {
                gates.push(Gate {
                    id: format!("checkpoint-month-{month}"),
                    kind: GateKind::Checkpoint,
                    month: Some(month),
                    date,
                    title: format!("Checkpoint, month {month}: end of \"{}\"", phase.title),
                });
            }
        }
        let six = end_months.min(6);
        gates.push(Gate {
            id: format!("month-{six}"),
            kind: if end_months <= 6 {
                GateKind::End
            } else {
                GateKind::MonthSix
            },
            month: Some(six),
            date: add_months(start, six),
            title: if end_months <= 6 {
                "Month 6: end of the trial".into()
            } else {
                "Month 6 review".into()
            },
        });
        if end_months > 6 {
            gates.push(Gate {
                id: format!("month-{end_months}"),
                kind: GateKind::End,
                month: Some(end_months),
                date: end,
                title: format!("Month {end_months}: end of the trial"),
            });
        }
        gates.sort_by_key(|g| g.date);
        Schedule { checkins, gates }
    }

    #[must_use]
    pub fn gate(&self, id: &str) -> Option<&Gate> {
        self.gates.iter().find(|g| g.id == id)
    }

    /// All gate ids, for error messages.
    #[must_use]
    pub fn gate_ids(&self) -> String {
        self.gates
            .iter()
            .map(|g| g.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dualtrack_decide::Plans;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_due_gate_is_the_latest_reached_or_else_the_first() {
        let plans = Plans::embedded().unwrap();
        let s = Schedule::build(day(2026, 1, 5), 12, &plans.trial);
        let first = s.gates.first().unwrap();
        assert_eq!(s.due_gate(day(2025, 12, 1)), Some(first));
        let month_6 = s.gates.iter().find(|g| g.id == "month-6").unwrap();
        assert_eq!(
            s.due_gate(month_6.date).map(|g| g.id.as_str()),
            Some("month-6")
        );
        let last = s.gates.last().unwrap();
        assert_eq!(s.due_gate(day(2030, 1, 1)), Some(last));
    }

    #[test]
    fn a_twelve_month_trial_has_a_first_gate_checkpoints_and_two_reviews() {
        let plans = Plans::embedded().unwrap();
        let s = Schedule::build(day(2026, 1, 5), 12, &plans.trial);
        let ids: Vec<&str> = s.gates.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "checkpoint-month-1",
                "first-gate",
                "checkpoint-month-5",
                "month-6",
                "month-12"
            ]
        );
        assert_eq!(s.gate("first-gate").unwrap().date, day(2026, 3, 30));
        assert_eq!(s.gate("month-6").unwrap().date, day(2026, 7, 5));
        assert_eq!(s.checkins.first(), Some(&day(2026, 1, 12)));
        assert_eq!(s.checkins.len(), 52);
    }

    #[test]
    fn a_six_month_trial_ends_at_month_six() {
        let plans = Plans::embedded().unwrap();
        let s = Schedule::build(day(2026, 1, 31), 6, &plans.trial);
        let last = s.gates.last().unwrap();
        assert_eq!((last.id.as_str(), last.kind), ("month-6", GateKind::End));
        assert_eq!(last.date, day(2026, 7, 31));
        assert_eq!(months_between(day(2026, 1, 31), day(2026, 2, 28)), 1);
        assert_eq!(months_between(day(2026, 1, 31), day(2026, 2, 27)), 0);
    }
}
