//! The five-year outlook on each track (`data/outlook.toml`).

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::Track;
use crate::consideration::{Consideration, RawConsideration};
use crate::error::DecideError;
use crate::source::{self, Checker};

/// The embedded outlook data.
pub const EMBEDDED_OUTLOOK: &str = include_str!("../../../data/outlook.toml");

/// What the next five years look like on both tracks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    /// A reminder that these are patterns, not predictions.
    pub caveat: String,
    /// IC first, then management.
    pub tracks: Vec<TrackOutlook>,
    /// Things worth knowing beside the outlook, each with its source.
    pub considerations: Vec<Consideration>,
}

/// The outlook for one track.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackOutlook {
    /// Where it comes from: seed sections, our assumption, or both.
    #[serde(flatten)]
    pub provenance: dualtrack_framework::Provenance,
    pub track: Track,
    pub name: String,
    pub headline: String,
    pub years_1_2: Horizon,
    pub years_3_5: Horizon,
    pub signs_working: Vec<String>,
    pub signs_not_working: Vec<String>,
    pub skills_compound: Vec<String>,
    pub skills_atrophy: Vec<String>,
}

/// One stretch of years: a one-line summary and what tends to happen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Horizon {
    /// Where it comes from: seed sections, our assumption, or both.
    #[serde(flatten)]
    pub provenance: dualtrack_framework::Provenance,
    pub summary: String,
    pub points: Vec<String>,
}

impl Outlook {
    /// The outlook compiled into the binary.
    ///
    /// # Errors
    /// Only if the embedded file is broken, which the unit tests rule out.
    pub fn embedded() -> Result<Self, DecideError> {
        Self::from_toml("data/outlook.toml", EMBEDDED_OUTLOOK)
    }

    /// Parse and validate an outlook file; `origin` names it in errors.
    ///
    /// # Errors
    /// TOML syntax errors, unknown keys, a missing or repeated track, blank text or empty lists,
    /// each located at file:line:column.
    pub fn from_toml(origin: &str, src: &str) -> Result<Self, DecideError> {
        let raw: RawOutlook = source::parse_sourced(
            origin,
            src,
            &[
                "track",
                "track.years_1_2",
                "track.years_3_5",
                "consideration",
            ],
        )?;
        let check = Checker { origin, src };
        crate::source::check_version(origin, src, &raw.schema_version)?;
        check.non_blank(&raw.caveat, "caveat")?;
        let mut tracks: Vec<TrackOutlook> = Vec::with_capacity(2);
        for raw_track in raw.track {
            let span = raw_track.id.span();
            let Some(track) = Track::from_id(raw_track.id.get_ref()) else {
                return Err(check.fail(
                    span.start,
                    format!("unknown track `{}`", raw_track.id.get_ref()),
                    "use `ic` or `management`",
                ));
            };
            if tracks.iter().any(|t| t.track == track) {
                return Err(check.fail(
                    span.start,
                    format!("track `{track}` appears twice"),
                    "keep one [[track]] table per track",
                ));
            }
            tracks.push(raw_track.validate(track, &check)?);
        }
        for track in Track::ALL {
            if !tracks.iter().any(|t| t.track == track) {
                return Err(check.fail(
                    src.len(),
                    format!("track `{track}` is missing"),
                    format!("add a [[track]] table with id = \"{track}\""),
                ));
            }
        }
        tracks.sort_by_key(|t| t.track);
        let mut considerations: Vec<Consideration> = Vec::with_capacity(raw.consideration.len());
        for raw_consideration in raw.consideration {
            let consideration = raw_consideration.validate(&considerations, &check)?;
            considerations.push(consideration);
        }
        Ok(Self {
            caveat: raw.caveat.into_inner(),
            tracks,
            considerations,
        })
    }

    /// The outlook for one track.
    #[must_use]
    pub fn track(&self, track: Track) -> Option<&TrackOutlook> {
        self.tracks.iter().find(|t| t.track == track)
    }

    /// This outlook restricted to one track (for `outlook --track`).
    #[must_use]
    pub fn only(&self, track: Track) -> Self {
        Self {
            caveat: self.caveat.clone(),
            tracks: self
                .tracks
                .iter()
                .filter(|t| t.track == track)
                .cloned()
                .collect(),
            considerations: self
                .considerations
                .iter()
                .filter(|c| c.applies_to(&[track]))
                .cloned()
                .collect(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutlook {
    schema_version: Spanned<u32>,
    caveat: Spanned<String>,
    track: Vec<RawTrack>,
    #[serde(default)]
    consideration: Vec<RawConsideration>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrack {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    #[serde(default)]
    assumption: Option<String>,
    id: Spanned<String>,
    name: Spanned<String>,
    headline: Spanned<String>,
    years_1_2: RawHorizon,
    years_3_5: RawHorizon,
    signs_working: Spanned<Vec<String>>,
    signs_not_working: Spanned<Vec<String>>,
    skills_compound: Spanned<Vec<String>>,
    skills_atrophy: Spanned<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHorizon {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    #[serde(default)]
    assumption: Option<String>,
    summary: Spanned<String>,
    points: Spanned<Vec<String>>,
}

impl RawTrack {
    fn validate(self, track: Track, check: &Checker<'_>) -> Result<TrackOutlook, DecideError> {
        check.non_blank(&self.name, "name")?;
        check.non_blank(&self.headline, "headline")?;
        let years_1_2 = self.years_1_2.validate("years_1_2", check)?;
        let years_3_5 = self.years_3_5.validate("years_3_5", check)?;
        for (list, what) in [
            (&self.signs_working, "signs_working"),
            (&self.signs_not_working, "signs_not_working"),
            (&self.skills_compound, "skills_compound"),
            (&self.skills_atrophy, "skills_atrophy"),
        ] {
            check.non_empty_list(list, what)?;
        }
        Ok(TrackOutlook {
            provenance: dualtrack_framework::Provenance {
                source: self.source,
                assumption: self.assumption,
            },
            track,
            name: self.name.into_inner(),
            headline: self.headline.into_inner(),
            years_1_2,
            years_3_5,
            signs_working: self.signs_working.into_inner(),
            signs_not_working: self.signs_not_working.into_inner(),
            skills_compound: self.skills_compound.into_inner(),
            skills_atrophy: self.skills_atrophy.into_inner(),
        })
    }
}

impl RawHorizon {
    fn validate(self, what: &str, check: &Checker<'_>) -> Result<Horizon, DecideError> {
        check.non_blank(&self.summary, &format!("{what}.summary"))?;
        check.non_empty_list(&self.points, &format!("{what}.points"))?;
        Ok(Horizon {
            provenance: dualtrack_framework::Provenance {
                source: self.source,
                assumption: self.assumption,
            },
            summary: self.summary.into_inner(),
            points: self.points.into_inner(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL_TRACK: &str = r#"
assumption = "test fixture"
name = "n"
headline = "h"
signs_working = ["a"]
signs_not_working = ["b"]
skills_compound = ["c"]
skills_atrophy = ["d"]
[track.years_1_2]
assumption = "test fixture"
summary = "s"
points = ["p"]
[track.years_3_5]
assumption = "test fixture"
summary = "s"
points = ["p"]
"#;

    fn file(tracks: &[&str]) -> String {
        let mut src = String::from("schema_version = 1\ncaveat = \"c\"\n");
        for id in tracks {
            src.push_str(&format!("[[track]]\nid = \"{id}\"{MINIMAL_TRACK}"));
        }
        src
    }

    #[test]
    fn embedded_outlook_loads_with_both_tracks_in_order() {
        let outlook = Outlook::embedded().unwrap();
        let ids: Vec<Track> = outlook.tracks.iter().map(|t| t.track).collect();
        assert_eq!(ids, vec![Track::Ic, Track::Management]);
        let management = outlook.track(Track::Management).unwrap();
        assert!(
            management
                .skills_atrophy
                .iter()
                .any(|s| s.contains("18 months"))
        );
        let ic = outlook.track(Track::Ic).unwrap();
        assert!(
            ic.years_1_2
                .points
                .iter()
                .any(|s| s.contains("30% and 50%"))
        );
    }

    /// Regression (issue 12, missing content): the seeds' points on direction by years 5-7,
    /// common track switches, pay at the very top, the reversibility debate, greatness without
    /// managing, management as a full-time job that looks part-time, a realistic coding share,
    /// builders being more visible than team-builders, people not being simpler than systems
    /// and the choice shaping everyone who will report to you: each present, each sourced.
    #[test]
    fn the_missing_seed_content_is_present_with_sources() {
        let outlook = Outlook::embedded().unwrap();
        let expected = [
            ("know_direction_early", None, "five to seven years"),
            ("switching_is_common", None, "once or twice"),
            ("pay_at_the_top", None, "out-earn most directors"),
            ("reversibility_debate", None, "partly true but overstated"),
            (
                "great_without_managing",
                Some(Track::Ic),
                "leadership roles",
            ),
            (
                "full_time_job",
                Some(Track::Management),
                "nobody thanks you",
            ),
            ("realistic_coding_share", Some(Track::Management), "40%"),
            (
                "builders_more_visible",
                Some(Track::Management),
                "designs the team",
            ),
            (
                "people_not_simpler",
                Some(Track::Management),
                "open to negotiation",
            ),
            (
                "shapes_your_reports",
                Some(Track::Management),
                "report to you",
            ),
        ];
        for (id, track, phrase) in expected {
            let c = outlook
                .considerations
                .iter()
                .find(|c| c.id == id)
                .unwrap_or_else(|| panic!("missing consideration {id}"));
            assert_eq!(c.track, track, "{id}");
            assert!(c.text.contains(phrase), "{id}: {}", c.text);
            assert!(!c.source.is_empty(), "{id} must name its seed section");
        }
        let ic_only = outlook.only(Track::Ic);
        assert!(
            ic_only
                .considerations
                .iter()
                .all(|c| c.track != Some(Track::Management))
        );
    }

    #[test]
    fn an_unknown_consideration_track_points_at_its_line() {
        let src = format!(
            "{}[[consideration]]\nassumption = \"t\"\nid = \"x\"\ntrack = \"sales\"\ntitle = \"t\"\ntext = \"t\"\n",
            file(&["ic", "management"])
        );
        let err = Outlook::from_toml("o.toml", &src).unwrap_err().to_string();
        let line = src.lines().position(|l| l.starts_with("track = ")).unwrap() + 1;
        assert!(err.starts_with(&format!("o.toml:{line}:")), "{err}");
        assert!(err.contains("unknown track `sales`"), "{err}");
        let src = src.replace("assumption = \"t\"\nid", "id");
        let err = Outlook::from_toml("o.toml", &src).unwrap_err().to_string();
        assert!(
            err.contains("source") || err.contains("assumption"),
            "{err}"
        );
    }

    #[test]
    fn minimal_file_loads_and_only_filters() {
        let outlook = Outlook::from_toml("o.toml", &file(&["management", "ic"])).unwrap();
        assert_eq!(outlook.tracks[0].track, Track::Ic);
        let only = outlook.only(Track::Management);
        assert_eq!(only.tracks.len(), 1);
        assert_eq!(only.tracks[0].track, Track::Management);
    }

    #[test]
    fn missing_track_is_reported_with_the_fix() {
        let err = Outlook::from_toml("o.toml", &file(&["ic"]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("track `management` is missing"), "{err}");
        assert!(err.contains("id = \"management\""), "{err}");
    }

    #[test]
    fn repeated_track_points_at_its_line() {
        let src = file(&["ic", "management", "ic"]);
        let err = Outlook::from_toml("o.toml", &src).unwrap_err().to_string();
        let line = src
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("id = \"ic\""))
            .nth(1)
            .unwrap()
            .0
            + 1;
        assert!(err.starts_with(&format!("o.toml:{line}:")), "{err}");
        assert!(err.contains("appears twice"), "{err}");
    }

    #[test]
    fn unknown_track_and_unknown_key_are_refused() {
        let err = Outlook::from_toml("o.toml", &file(&["ic", "sales"]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown track `sales`"), "{err}");
        let src =
            file(&["ic", "management"]).replace("caveat = \"c\"", "caveat = \"c\"\ncolour = 1");
        let err = Outlook::from_toml("o.toml", &src).unwrap_err().to_string();
        assert!(err.starts_with("o.toml:3:"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn empty_lists_and_blank_text_are_refused() {
        let src = file(&["ic", "management"]).replacen(
            "signs_working = [\"a\"]",
            "signs_working = []",
            1,
        );
        let err = Outlook::from_toml("o.toml", &src).unwrap_err().to_string();
        assert!(err.contains("`signs_working` is empty"), "{err}");
        let src = file(&["ic", "management"]).replacen("headline = \"h\"", "headline = \"  \"", 1);
        let err = Outlook::from_toml("o.toml", &src).unwrap_err().to_string();
        assert!(err.contains("`headline` is blank"), "{err}");
        let src = file(&["ic", "management"]).replacen("points = [\"p\"]", "points = [\"\"]", 1);
        let err = Outlook::from_toml("o.toml", &src).unwrap_err().to_string();
        assert!(err.contains("`years_1_2.points` has a blank item"), "{err}");
    }

    #[test]
    fn wrong_schema_version_is_refused() {
        let src = file(&["ic", "management"]).replace("schema_version = 1", "schema_version = 2");
        let err = Outlook::from_toml("o.toml", &src).unwrap_err().to_string();
        assert!(err.contains("schema_version"), "{err}");
    }
}
