//! Culture claims that stay true: a tag's standing at one moment, from its dated
//! confirmations and its disputes. A confirmation older than the board's maximum age stops
//! counting, so a tag nobody re-confirms falls back to claimed.

use chrono::{DateTime, Duration, Utc};

use crate::TagStatus;

/// How long a confirmation counts unless the board is configured otherwise.
pub const DEFAULT_CONFIRMATION_MAX_AGE_DAYS: u32 = 365;

/// Longest team or org name kept with an endorsement.
pub const MAX_TEAM_LEN: usize = 80;

/// One verified employee's confirmation of a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub at: DateTime<Utc>,
    /// The team or org they gave, if any.
    pub team: Option<String>,
}

/// A tag's standing at `now`: only confirmations younger than `max_age` count toward
/// `endorsements` and `confirmed`; older ones are `stale_endorsements`. `disputes` are shown
/// as they are.
#[must_use]
pub fn tag_status_at(
    id: String,
    label: String,
    claimed: bool,
    confirmations: &[Confirmation],
    disputes: u32,
    now: DateTime<Utc>,
    max_age: Duration,
) -> TagStatus {
    let cutoff = now - max_age;
    let (fresh, stale): (Vec<&Confirmation>, Vec<&Confirmation>) =
        confirmations.iter().partition(|c| c.at > cutoff);
    let mut teams: Vec<String> = fresh
        .iter()
        .filter_map(|c| c.team.as_deref())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    teams.sort_by_key(|t| t.to_lowercase());
    teams.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let count = |list: &[&Confirmation]| u32::try_from(list.len()).unwrap_or(u32::MAX);
    let mut status = TagStatus::new(id, label, claimed, count(&fresh));
    status.latest_confirmation = confirmations.iter().map(|c| c.at).max();
    status.stale_endorsements = count(&stale);
    status.teams = teams;
    status.disputes = disputes;
    status
}

/// A team name as stored: trimmed, `None` when empty.
///
/// # Errors
/// [`crate::StoreError::InvalidInput`] when longer than [`MAX_TEAM_LEN`] characters.
pub fn clean_team(team: Option<&str>) -> Result<Option<String>, crate::StoreError> {
    let Some(team) = team.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if team.chars().count() > MAX_TEAM_LEN {
        return Err(crate::StoreError::invalid(format!(
            "the team name is longer than {MAX_TEAM_LEN} characters; shorten it"
        )));
    }
    Ok(Some(team.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn confirmation(when: &str, team: Option<&str>) -> Confirmation {
        Confirmation {
            at: at(when),
            team: team.map(str::to_owned),
        }
    }

    #[test]
    fn old_confirmations_stop_counting() {
        let now = at("2026-12-07T00:00:00Z");
        let year = Duration::days(365);
        let both_fresh = [
            confirmation("2026-11-01T00:00:00Z", Some("Payments")),
            confirmation("2026-03-01T00:00:00Z", Some(" payments ")),
        ];
        let status = tag_status_at("a".into(), "A".into(), true, &both_fresh, 1, now, year);
        assert!(status.confirmed);
        assert_eq!(status.endorsements, 2);
        assert_eq!(status.teams, ["Payments"]);
        assert_eq!(status.disputes, 1);
        assert_eq!(status.latest_confirmation, Some(at("2026-11-01T00:00:00Z")));

        let one_stale = [
            confirmation("2026-11-01T00:00:00Z", Some("Search")),
            confirmation("2025-11-01T00:00:00Z", Some("Infra")),
        ];
        let status = tag_status_at("a".into(), "A".into(), true, &one_stale, 0, now, year);
        assert!(!status.confirmed, "falls back to claimed");
        assert_eq!((status.endorsements, status.stale_endorsements), (1, 1));
        assert_eq!(status.teams, ["Search"], "only counted confirmers' teams");

        let shorter = tag_status_at(
            "a".into(),
            "A".into(),
            true,
            &both_fresh,
            0,
            now,
            Duration::days(90),
        );
        assert_eq!(shorter.endorsements, 1);
    }

    #[test]
    fn team_names_are_trimmed_and_bounded() {
        assert_eq!(clean_team(Some("  ")).unwrap(), None);
        assert_eq!(
            clean_team(Some(" Growth ")).unwrap().as_deref(),
            Some("Growth")
        );
        assert!(clean_team(Some(&"x".repeat(81))).is_err());
    }
}
