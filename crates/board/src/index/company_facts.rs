//! What search needs of one company: its ladder, and each tag it claims or is endorsed for.

use chrono::{DateTime, Utc};

use crate::{CONFIRMATION_THRESHOLD, Preference};

/// One tag at one company.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TagFacts {
    /// Position of the tag in the index's vocabulary.
    tag: usize,
    claimed: bool,
    /// When each endorsement was made, oldest first.
    endorsed: Vec<DateTime<Utc>>,
}

/// A company's search facts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompanyFacts {
    pub id: i64,
    pub ic_past_staff: bool,
    tags: Vec<TagFacts>,
}

impl CompanyFacts {
    /// A company with no tags yet.
    #[must_use]
    pub fn new(id: i64, ic_past_staff: bool) -> Self {
        Self {
            id,
            ic_past_staff,
            tags: Vec::new(),
        }
    }

    fn entry(&mut self, tag: usize) -> &mut TagFacts {
        let at = match self.tags.iter().position(|t| t.tag == tag) {
            Some(at) => at,
            None => {
                self.tags.push(TagFacts {
                    tag,
                    claimed: false,
                    endorsed: Vec::new(),
                });
                self.tags.len() - 1
            }
        };
        &mut self.tags[at]
    }

    /// Records that the company claims the tag at `tag` (a vocabulary position).
    pub fn claim(&mut self, tag: usize) {
        self.entry(tag).claimed = true;
    }

    /// Records an endorsement of the tag at `tag` made at `at`.
    pub fn endorse(&mut self, tag: usize, at: DateTime<Utc>) {
        let facts = self.entry(tag);
        let i = facts.endorsed.partition_point(|e| *e <= at);
        facts.endorsed.insert(i, at);
    }

    /// Vocabulary positions of the tags the company has, claimed or endorsed at any time
    /// (what the `tag` filter and the tag facet count).
    pub fn tags(&self) -> impl Iterator<Item = usize> + '_ {
        self.tags.iter().map(|t| t.tag)
    }

    /// Per tag: its vocabulary position, whether it is claimed, and the endorsements made
    /// after `since`.
    pub fn standings(&self, since: DateTime<Utc>) -> impl Iterator<Item = (usize, bool, u32)> + '_ {
        self.tags.iter().map(move |t| {
            let fresh = t.endorsed.len() - t.endorsed.partition_point(|e| *e <= since);
            (t.tag, t.claimed, u32::try_from(fresh).unwrap_or(u32::MAX))
        })
    }

    /// Half-points earned under the ranking preferences (`tags[i]` is the vocabulary position
    /// of `ranking[i]`, `None` for a tag outside it), counting endorsements made after
    /// `since`: twice the weight for a tag confirmed by enough of them, the weight for a tag
    /// claimed or endorsed at least once, else nothing. The same number as
    /// [`crate::half_points`] over the company's tag standings, and as the store's SQL.
    #[must_use]
    pub fn earned(
        &self,
        ranking: &[Preference],
        tags: &[Option<usize>],
        since: DateTime<Utc>,
    ) -> u32 {
        let mut earned = 0;
        for (pref, tag) in ranking.iter().zip(tags) {
            let Some(facts) = tag.and_then(|tag| self.tags.iter().find(|t| t.tag == tag)) else {
                continue;
            };
            let fresh = facts.endorsed.len() - facts.endorsed.partition_point(|e| *e <= since);
            let weight = pref.level.weight();
            if fresh >= CONFIRMATION_THRESHOLD as usize {
                earned += 2 * weight;
            } else if facts.claimed || fresh > 0 {
                earned += weight;
            }
        }
        earned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_preferences;

    #[test]
    fn old_endorsements_stop_confirming_but_still_count_as_the_tag() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let mut company = CompanyFacts::new(1, true);
        company.endorse(0, at("2024-01-01T00:00:00Z"));
        company.endorse(0, at("2026-01-01T00:00:00Z"));
        company.endorse(0, at("2025-06-01T00:00:00Z"));
        company.claim(1);
        let prefs = parse_preferences(&["a:important", "b:nice", "c:nice"]).unwrap();
        let tags = [Some(0), Some(1), None];
        // a: two fresh endorsements, confirmed (6); b claimed (1); c unknown (0).
        assert_eq!(company.earned(&prefs, &tags, at("2025-01-01T00:00:00Z")), 7);
        // a: one fresh endorsement only, so it counts as claimed (3).
        assert_eq!(company.earned(&prefs, &tags, at("2025-12-01T00:00:00Z")), 4);
        // a: no fresh endorsement and no claim: nothing, though the tag filter still matches.
        assert_eq!(company.earned(&prefs, &tags, at("2026-02-01T00:00:00Z")), 1);
        assert_eq!(company.tags().collect::<Vec<_>>(), [0, 1]);
    }
}
