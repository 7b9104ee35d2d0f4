//! Which weekly reminder is due: a pure function of the trial and an instant, so the shell's
//! background task only reads the clock, asks, sends, and records what it sent.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::content::TrialContent;
use crate::schedule::Gate;
use crate::trial::Trial;

/// Days after a check-in date during which its reminder may still go out; after that the next
/// week's takes over.
pub const REMINDER_WINDOW_DAYS: u64 = 7;

/// One reminder to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    /// The check-in date it is for; a trial gets at most one reminder per date.
    pub due: NaiveDate,
    /// Reviews falling in the week from `due`, mentioned in the same message.
    pub reviews: Vec<Gate>,
}

impl Trial {
    /// The reminder due at `now`, if any: for the latest scheduled check-in date on or before
    /// `now`'s date (UTC), while that date is less than a week old and no check-in has been
    /// recorded since the day after the previous one. A trial that has ended, or whose week is
    /// already answered, gets none. Whether it was sent already is for the caller to record.
    #[must_use]
    pub fn due_reminder(&self, content: &TrialContent, now: DateTime<Utc>) -> Option<Reminder> {
        let today = now.date_naive();
        let schedule = self.schedule(content);
        let due = *schedule.checkins.iter().rev().find(|d| **d <= today)?;
        let window_end = due.checked_add_days(Days::new(REMINDER_WINDOW_DAYS))?;
        if today >= window_end {
            return None;
        }
        // The week being asked about runs from the day after the previous check-in date.
        let week_start = due.checked_sub_days(Days::new(6)).unwrap_or(due);
        if self
            .checkins
            .iter()
            .any(|c| c.date >= week_start && c.date <= today)
        {
            return None;
        }
        let reviews = schedule
            .gates
            .iter()
            .filter(|g| g.date >= due && g.date < window_end)
            .cloned()
            .collect();
        Some(Reminder { due, reviews })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::{Checkin, TrialSpec};

    const TRIAL: &str = r#"
kind = "ic-to-manager"
start = 2026-01-05
months = 6
[exit_criteria]
continue_if = ["My reports say our one-on-ones help them"]
return_if = ["I keep taking the critical-path tickets myself"]
"#;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        day(s).and_hms_opt(9, 0, 0).unwrap().and_utc()
    }

    fn trial(content: &TrialContent) -> Trial {
        let spec = TrialSpec::from_toml("t.toml", TRIAL, content).unwrap();
        Trial::start("t", spec, content).unwrap()
    }

    #[test]
    fn nothing_before_the_first_check_in_or_after_the_end() {
        let content = TrialContent::embedded().unwrap();
        let t = trial(&content);
        assert_eq!(t.due_reminder(&content, at("2026-01-05")), None);
        assert_eq!(t.due_reminder(&content, at("2026-01-11")), None);
        // The last check-in date is 2026-06-29 (the trial ends 2026-07-05); a week later, none.
        assert_eq!(t.due_reminder(&content, at("2026-07-06")), None);
        assert_eq!(t.due_reminder(&content, at("2027-01-01")), None);
    }

    #[test]
    fn the_weeks_date_is_due_until_answered_and_reviews_ride_along() {
        let content = TrialContent::embedded().unwrap();
        let mut t = trial(&content);
        let r = t.due_reminder(&content, at("2026-01-12")).unwrap();
        assert_eq!((r.due, r.reviews.len()), (day("2026-01-12"), 0));
        // Later in the same week it is the same reminder (the caller sends it once).
        assert_eq!(
            t.due_reminder(&content, at("2026-01-18")).unwrap().due,
            day("2026-01-12")
        );
        // A check-in a few days early answers the week.
        t.add_checkin(
            Checkin {
                date: day("2026-01-10"),
                answers: [("energy".to_owned(), "people_work".to_owned())].into(),
                note: None,
            },
            &content,
        )
        .unwrap();
        assert_eq!(t.due_reminder(&content, at("2026-01-12")), None);
        // The next week asks again.
        assert_eq!(
            t.due_reminder(&content, at("2026-01-19")).unwrap().due,
            day("2026-01-19")
        );
        // The first gate (2026-03-30) is a check-in date too; its reminder names the review.
        let gate = t.due_reminder(&content, at("2026-03-30")).unwrap();
        assert_eq!(gate.due, day("2026-03-30"));
        assert_eq!(
            gate.reviews
                .iter()
                .map(|g| g.id.as_str())
                .collect::<Vec<_>>(),
            ["first-gate"]
        );
    }
}
