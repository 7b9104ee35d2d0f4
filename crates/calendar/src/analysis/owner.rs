//! Whose calendar is this? Declines only count when they are the owner's, and "outside the
//! owner's domain" needs the owner's address, so the analysis settles this first.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::occurrence::Occurrence;

/// How the owner was found, reported next to the address so a user can correct it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OwnerSource {
    /// `--owner` (or the API's `owner` parameter).
    Option,
    /// The calendar's name (`X-WR-CALNAME`) is an address, as Google exports name it.
    CalendarName,
    /// The address invited to the most occurrences.
    MostFrequentAttendee,
    /// Nothing to go on: declines cannot be recognised and no guest counts as external.
    Unknown,
}

/// The owner's address (lower-case, without `mailto:`) and where it came from.
pub fn infer_owner(
    explicit: Option<&str>,
    calendar_names: &[Option<&str>],
    occurrences: &[Occurrence],
) -> (Option<String>, OwnerSource) {
    if let Some(addr) = explicit.and_then(normalise) {
        return (Some(addr), OwnerSource::Option);
    }
    if let Some(addr) = calendar_names.iter().flatten().find_map(|n| normalise(n)) {
        return (Some(addr), OwnerSource::CalendarName);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for occ in occurrences {
        for a in occ
            .attendees
            .iter()
            .filter(|a| !a.is_resource && a.email.contains('@'))
        {
            *counts.entry(a.email.as_str()).or_default() += 1;
        }
    }
    // Highest count wins; ties go to the alphabetically first address so reruns agree.
    let best = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)));
    match best {
        Some((addr, _)) => (Some(addr.to_owned()), OwnerSource::MostFrequentAttendee),
        None => (None, OwnerSource::Unknown),
    }
}

/// A plausible single address, lower-cased, `mailto:` removed; `None` for anything else.
fn normalise(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s
        .strip_prefix("mailto:")
        .or_else(|| s.strip_prefix("MAILTO:"))
        .unwrap_or(s);
    let (local, domain) = s.split_once('@')?;
    let plausible = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
        && s.matches('@').count() == 1;
    plausible.then(|| s.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::occurrence::{Attendee, EventStatus, EventTime, PartStat};
    use chrono::NaiveDate;
    use std::sync::Arc;

    fn with(emails: &[&str]) -> Occurrence {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        Occurrence {
            uid: "u".into(),
            recurrence_id: None,
            start: EventTime::Date(d),
            end: EventTime::Date(d),
            all_day: true,
            summary: None,
            status: EventStatus::Confirmed,
            transparent: false,
            organizer: None,
            attendees: emails
                .iter()
                .map(|e| Attendee {
                    email: (*e).into(),
                    partstat: PartStat::Accepted,
                    is_resource: false,
                })
                .collect(),
            recurring: false,
            categories: Arc::from([]),
            event_kind: None,
            line: 1,
        }
    }

    #[test]
    fn explicit_beats_calendar_name_beats_attendees() {
        let occ = [with(&["a@x.com", "b@x.com"]), with(&["b@x.com"])];
        let name = [Some("Work"), Some("Me@X.com")];
        assert_eq!(
            infer_owner(Some("MAILTO:Boss@X.com"), &name, &occ),
            (Some("boss@x.com".into()), OwnerSource::Option)
        );
        assert_eq!(
            infer_owner(None, &name, &occ),
            (Some("me@x.com".into()), OwnerSource::CalendarName)
        );
        assert_eq!(
            infer_owner(None, &[Some("Work")], &occ),
            (Some("b@x.com".into()), OwnerSource::MostFrequentAttendee)
        );
        assert_eq!(
            infer_owner(None, &[None], &[with(&[])]),
            (None, OwnerSource::Unknown)
        );
    }

    #[test]
    fn ties_break_alphabetically() {
        let occ = [with(&["zed@x.com", "amy@x.com"])];
        assert_eq!(infer_owner(None, &[], &occ).0.as_deref(), Some("amy@x.com"));
    }
}
