//! Things worth knowing before choosing that fit no single stretch of years
//! (`[[consideration]]` in `data/outlook.toml`), each with where it comes from.

use dualtrack_framework::SourceRef;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::Track;
use crate::error::DecideError;
use crate::source::Checker;

/// One consideration, shown beside the outlook of its track (or of both).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consideration {
    /// Stable id.
    pub id: String,
    /// The track it is about; `null` for both.
    pub track: Option<Track>,
    pub title: String,
    pub text: String,
    /// Seed sections it comes from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<SourceRef>,
    /// Why we believe it, where it is (partly) ours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

impl Consideration {
    /// Whether it belongs beside an outlook that shows `tracks`.
    #[must_use]
    pub fn applies_to(&self, tracks: &[Track]) -> bool {
        self.track.is_none_or(|t| tracks.contains(&t))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConsideration {
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<SourceRef>,
    #[serde(default)]
    assumption: Option<String>,
    id: Spanned<String>,
    #[serde(default)]
    track: Option<Spanned<String>>,
    title: Spanned<String>,
    text: Spanned<String>,
}

impl RawConsideration {
    pub(crate) fn validate(
        self,
        seen: &[Consideration],
        check: &Checker<'_>,
    ) -> Result<Consideration, DecideError> {
        check.non_blank(&self.id, "consideration.id")?;
        if seen.iter().any(|c| &c.id == self.id.get_ref()) {
            return Err(check.fail(
                self.id.span().start,
                format!("consideration `{}` appears twice", self.id.get_ref()),
                "give each [[consideration]] its own id",
            ));
        }
        let track = match &self.track {
            None => None,
            Some(id) => Some(Track::from_id(id.get_ref()).ok_or_else(|| {
                check.fail(
                    id.span().start,
                    format!("unknown track `{}`", id.get_ref()),
                    "use `ic` or `management`, or leave `track` out for both",
                )
            })?),
        };
        check.non_blank(&self.title, "consideration.title")?;
        check.non_blank(&self.text, "consideration.text")?;
        Ok(Consideration {
            id: self.id.into_inner(),
            track,
            title: self.title.into_inner(),
            text: self.text.into_inner(),
            source: self.source,
            assumption: self.assumption,
        })
    }
}
