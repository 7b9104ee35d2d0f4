//! The ladder as `dualtrack ladder show --format json` and `GET /api/v1/ladder` present it:
//! tracks of rungs, each rung carrying its equivalents, and the stated pairs as
//! `[ic, management]` arrays.

use schemars::JsonSchema;
use serde::Serialize;

use crate::ladder::Ladder;
use crate::rung::Rung;
use crate::track::Track;

/// A rung's counterpart on the other track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EquivalentView {
    pub rung: String,
    pub title: String,
    pub extrapolated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A rung with its position and equivalents.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RungView {
    #[serde(flatten)]
    pub rung: Rung,
    /// 1-based height on its track.
    pub position: usize,
    pub equivalents: Vec<EquivalentView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TrackView {
    pub id: Track,
    pub name: String,
    pub rungs: Vec<RungView>,
}

/// The whole ladder for display.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct LadderView {
    pub tracks: Vec<TrackView>,
    /// Pairs the ladder states outright, `[ic, management]`, in IC rung order.
    /// Extrapolated pairs appear only in each rung's `equivalents`, flagged.
    pub equivalences: Vec<[String; 2]>,
}

impl LadderView {
    pub fn new(ladder: &Ladder) -> Self {
        // IC first, management second, whatever order the file used.
        let mut tracks: Vec<&crate::track::LadderTrack> = ladder.tracks.iter().collect();
        tracks.sort_by_key(|t| t.id);
        let tracks = tracks
            .into_iter()
            .map(|t| TrackView {
                id: t.id,
                name: t.name.clone(),
                rungs: t
                    .rungs
                    .iter()
                    .enumerate()
                    .map(|(i, r)| RungView {
                        rung: r.clone(),
                        position: i + 1,
                        equivalents: equivalents(ladder, t.id, &r.id),
                    })
                    .collect(),
            })
            .collect();
        Self {
            tracks,
            equivalences: ladder.stated_pairs(),
        }
    }
}

fn equivalents(ladder: &Ladder, track: Track, id: &str) -> Vec<EquivalentView> {
    ladder
        .equivalences
        .iter()
        .filter(|e| e.on(track) == id)
        .map(|e| {
            let other = e.on(track.other());
            EquivalentView {
                rung: other.to_owned(),
                title: ladder
                    .rung(other)
                    .map_or_else(|| other.to_owned(), |(_, r)| r.title.clone()),
                extrapolated: e.extrapolated,
                note: e.note.clone(),
            }
        })
        .collect()
}

impl Ladder {
    /// The display form of this ladder.
    pub fn view(&self) -> LadderView {
        LadderView::new(self)
    }
}
