//! Preferences that rank: how much a job seeker cares about each culture tag, and how well a
//! company's tags meet them.
//!
//! A preference is `TAG:LEVEL`, LEVEL one of `nice`, `important`, `dealbreaker`.
//!
//! - A **dealbreaker** filters: the listing's company must have the tag, claimed by the
//!   company or endorsed by at least one verified employee (the same rule as the `tag`
//!   filter, so facet counts stay those of the filtered search).
//! - **nice** and **important** tags rank. Each is worth [`Level::weight`] points (nice 1,
//!   important 3); a tag confirmed by verified employees earns its full weight, a tag the
//!   company only claims (or that too few employees endorse) earns half. The score is the
//!   points earned divided by the points possible, between 0 and 1, rounded to two decimals;
//!   with only dealbreakers it is 1.
//! - Results are ordered by score, best first, then newest first.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{StoreError, TagStatus, is_tag_id};

/// Most preferences in one search.
pub const MAX_PREFERENCES: usize = 30;

/// How much a tag matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Nice,
    Important,
    Dealbreaker,
}

impl Level {
    pub const ALL: [Self; 3] = [Self::Nice, Self::Important, Self::Dealbreaker];

    /// URL and database spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Nice => "nice",
            Self::Important => "important",
            Self::Dealbreaker => "dealbreaker",
        }
    }

    /// Words for a page.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Nice => "nice to have",
            Self::Important => "important",
            Self::Dealbreaker => "must have",
        }
    }

    /// Points a ranking tag is worth when confirmed (half when only claimed); dealbreakers
    /// filter and are worth nothing.
    #[must_use]
    pub fn weight(self) -> u32 {
        match self {
            Self::Nice => 1,
            Self::Important => 3,
            Self::Dealbreaker => 0,
        }
    }

    /// Parses the URL spelling.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] naming the three levels.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == text.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                StoreError::invalid(format!(
                    "preference level `{text}` is unknown; use nice, important or dealbreaker"
                ))
            })
    }
}

/// One tag and how much it matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Preference {
    pub tag: String,
    pub level: Level,
}

impl Preference {
    /// Parses `TAG:LEVEL`.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] showing the expected form.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        let (tag, level) = text.trim().rsplit_once(':').ok_or_else(|| {
            StoreError::invalid(format!(
                "preference `{text}` needs the form TAG:LEVEL, e.g. deep-work:important"
            ))
        })?;
        let tag = tag.trim().to_ascii_lowercase();
        if !is_tag_id(&tag) {
            return Err(StoreError::invalid(format!(
                "`{tag}` in preference `{text}` is not a tag id; ids look like `deep-work`"
            )));
        }
        let level = Level::parse(level).map_err(|_| {
            StoreError::invalid(format!(
                "preference `{text}` has an unknown level `{level}`; use nice, important or \
                 dealbreaker"
            ))
        })?;
        Ok(Self { tag, level })
    }

    /// The `TAG:LEVEL` form.
    #[must_use]
    pub fn to_param(&self) -> String {
        format!("{}:{}", self.tag, self.level.as_str())
    }
}

/// Parses preference parameters; a later one for the same tag replaces an earlier one.
///
/// # Errors
/// [`StoreError::InvalidInput`] for a malformed entry or too many.
pub fn parse_preferences<S: AsRef<str>>(items: &[S]) -> Result<Vec<Preference>, StoreError> {
    let mut out: Vec<Preference> = Vec::new();
    for item in items {
        for part in item.as_ref().split(',') {
            if part.trim().is_empty() {
                continue;
            }
            let pref = Preference::parse(part)?;
            out.retain(|p| p.tag != pref.tag);
            out.push(pref);
        }
    }
    if out.len() > MAX_PREFERENCES {
        return Err(StoreError::invalid(format!(
            "{} preferences given; use at most {MAX_PREFERENCES}",
            out.len()
        )));
    }
    Ok(out)
}

/// How one listing's company meets the preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ListingMatch {
    /// 0 to 1: points earned over points possible (see the module documentation).
    pub score: f64,
    /// Preferred tags the company has (claimed or endorsed), dealbreakers included.
    pub met: Vec<String>,
    /// Preferred tags it does not have.
    pub missed: Vec<String>,
    /// Of `met`, the tags confirmed by verified employees.
    pub confirmed: Vec<String>,
}

/// Half-points earned by a company's tags under the ranking preferences, and half-points
/// possible: confirmed tags earn 2 per weight, claimed-only ones 1. Integer so the database
/// can order by exactly the same number.
#[must_use]
pub fn half_points(prefs: &[Preference], tags: &[TagStatus]) -> (u32, u32) {
    let mut earned = 0;
    let mut possible = 0;
    for pref in prefs {
        let weight = pref.level.weight();
        possible += 2 * weight;
        match tags.iter().find(|t| t.id == pref.tag) {
            Some(t) if t.confirmed => earned += 2 * weight,
            Some(_) => earned += weight,
            None => {}
        }
    }
    (earned, possible)
}

/// How `tags` (a company's tag standings) meet `prefs`.
#[must_use]
pub fn match_listing(prefs: &[Preference], tags: &[TagStatus]) -> ListingMatch {
    let (earned, possible) = half_points(prefs, tags);
    let score = if possible == 0 {
        1.0
    } else {
        (f64::from(earned) / f64::from(possible) * 100.0).round() / 100.0
    };
    let mut met = Vec::new();
    let mut missed = Vec::new();
    let mut confirmed = Vec::new();
    for pref in prefs {
        match tags.iter().find(|t| t.id == pref.tag) {
            Some(t) => {
                met.push(pref.tag.clone());
                if t.confirmed {
                    confirmed.push(pref.tag.clone());
                }
            }
            None => missed.push(pref.tag.clone()),
        }
    }
    ListingMatch {
        score,
        met,
        missed,
        confirmed,
    }
}

/// A sentence for a result: "Matches 3 of your 4 important tags, 2 confirmed by employees."
#[must_use]
pub fn match_sentence(prefs: &[Preference], fit: &ListingMatch) -> Option<String> {
    let mut parts = Vec::new();
    for level in [Level::Important, Level::Nice] {
        let wanted: Vec<&Preference> = prefs.iter().filter(|p| p.level == level).collect();
        if wanted.is_empty() {
            continue;
        }
        let met = wanted.iter().filter(|p| fit.met.contains(&p.tag)).count();
        let confirmed = wanted
            .iter()
            .filter(|p| fit.confirmed.contains(&p.tag))
            .count();
        let noun = if level == Level::Important {
            "important"
        } else {
            "nice-to-have"
        };
        let tags = if wanted.len() == 1 { "tag" } else { "tags" };
        let mut part = format!("{met} of your {} {noun} {tags}", wanted.len());
        if met > 0 {
            part.push_str(&format!(" ({confirmed} confirmed by employees)"));
        }
        parts.push(part);
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("Matches {}.", parts.join(" and ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(id: &str, claimed: bool, endorsements: u32) -> TagStatus {
        TagStatus::new(id.into(), id.into(), claimed, endorsements)
    }

    #[test]
    fn preferences_parse_and_later_ones_win() {
        let prefs = parse_preferences(&["deep-work:important,remote-first:nice", "deep-work:nice"])
            .unwrap();
        assert_eq!(prefs.len(), 2);
        assert_eq!(prefs[1].tag, "deep-work");
        assert_eq!(prefs[1].level, Level::Nice);
        for bad in ["deep-work", "deep-work:maybe", "deep work:nice"] {
            let err = parse_preferences(&[bad]).unwrap_err().to_string();
            assert!(err.contains("deep"), "{err}");
        }
        assert_eq!(prefs[0].to_param(), "remote-first:nice");
    }

    #[test]
    fn score_weighs_confirmed_tags_fully_and_claimed_ones_by_half() {
        let prefs =
            parse_preferences(&["a:important", "b:nice", "c:nice", "d:dealbreaker"]).unwrap();
        let tags = [tag("a", true, 5), tag("b", true, 0), tag("d", true, 0)];
        // a confirmed: 6 of 6; b claimed: 1 of 2; c missing: 0 of 2 -> 7 / 10.
        assert_eq!(half_points(&prefs, &tags), (7, 10));
        let fit = match_listing(&prefs, &tags);
        assert!((fit.score - 0.7).abs() < 1e-9);
        assert_eq!(fit.met, ["a", "b", "d"]);
        assert_eq!(fit.missed, ["c"]);
        assert_eq!(fit.confirmed, ["a"]);
        assert_eq!(
            match_sentence(&prefs, &fit).unwrap(),
            "Matches 1 of your 1 important tag (1 confirmed by employees) and 1 of your 2 \
             nice-to-have tags (0 confirmed by employees)."
        );
    }

    #[test]
    fn only_dealbreakers_score_one() {
        let prefs = parse_preferences(&["a:dealbreaker"]).unwrap();
        let fit = match_listing(&prefs, &[tag("a", true, 0)]);
        assert!((fit.score - 1.0).abs() < 1e-9);
        assert_eq!(match_sentence(&prefs, &fit), None);
    }
}
