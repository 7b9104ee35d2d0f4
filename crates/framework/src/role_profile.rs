//! One role, everything the guide, the web role page and `GET /api/v1/ladder/roles/{id}`
//! show about it, decided once: its leadership level and how that was found, the text it
//! borrows from the reference rung, its equivalents, the next rung on its own track with the
//! step there, and the optional switch to the other track.
//!
//! The shells only render a [`RoleProfile`]; they make no choices of their own, so they
//! cannot drift apart again (they did: the web page ignored the level fallbacks).

use schemars::JsonSchema;
use serde::Serialize;

use crate::equivalent::EquivalentRung;
use crate::framework::Framework;
use crate::ladder::Ladder;
use crate::leadership::Level;
use crate::mapping::{MappingError, RungRef};
use crate::profile::TrackProfile;
use crate::role_profile_guidance::{Advice, Note, SeedSection, TimeUse};
use crate::rung::{CountRange, Rung, Scope};
use crate::track::Track;
use crate::transition::Transition;

/// How a rung's leadership level was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "RoleLevelBasis")]
pub enum LevelBasis {
    /// The rung names it (`leadership_level`).
    Own,
    /// Taken from the reference rung the rung maps to.
    Reference,
    /// Our guess from the track and scope; no file states it.
    Guess,
}

/// The leadership level that describes a rung.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
// The calendar's level fit is also called `LevelFit`; one OpenAPI document holds both.
#[schemars(rename = "RoleLevelFit")]
pub struct LevelFit {
    pub level: Level,
    pub basis: LevelBasis,
}

/// Which texts a company rung takes from the reference rung it maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "RoleBorrowed")]
pub struct Borrowed {
    pub from: RungRef,
    pub summary: bool,
    pub responsibilities: bool,
    pub skills: bool,
}

/// One activity's share of a week at a leadership level, in percent.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "RoleAllocation")]
pub struct Allocation {
    pub activity: String,
    pub low: f64,
    pub high: f64,
}

/// The week of a Staff+ IC role, from what the seeds say about that work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "RoleStaffPlusWeek")]
pub struct StaffPlusWeek {
    pub intro: String,
    pub intro_source: Vec<SeedSection>,
    pub time_use: Vec<TimeUse>,
}

/// Moving from one rung to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "RoleStep")]
pub struct Step {
    /// "Staff Engineer to Senior Staff Engineer".
    pub label: String,
    /// The leadership-ladder step this crosses, when the two rungs sit at different levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition: Option<Transition>,
    /// What speeds the step up.
    pub accelerators: Vec<Advice>,
}

/// The next rung up the role's own track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "RoleNextRung")]
pub struct NextRung {
    pub rung: RungRef,
    /// True when the next rung reaches further than this one.
    pub wider_scope: bool,
    pub step: Step,
}

/// Moving to the other track: optional, never the default growth path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "RoleSwitch")]
pub struct Switch {
    pub to_track: Track,
    /// Where one would land: the equivalents, or the other track's first rung.
    pub landing: Vec<RungRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<Step>,
}

/// One row of the whole-career table, for this role's track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "RoleCareerRow")]
pub struct CareerRow {
    pub label: String,
    pub text: String,
}

/// Everything shown about one role.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RoleProfile {
    /// The ladder's id and name.
    pub ladder: String,
    pub ladder_name: String,
    /// Whether this is the framework's reference ladder.
    pub reference_ladder: bool,
    pub track: Track,
    pub track_name: String,
    pub rung: RungRef,
    /// 1-based height on its track, and the track's length.
    pub position: usize,
    pub track_len: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports: Option<CountRange>,
    pub summary: String,
    pub responsibilities: Vec<String>,
    pub skills: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub borrowed: Option<Borrowed>,
    /// Absent for Staff+ IC rungs: the leadership ladder does not describe them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leadership_level: Option<LevelFit>,
    /// The level's week, empty when there is no level.
    pub allocation: Vec<Allocation>,
    /// Present for Staff+ IC rungs in place of a leadership level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_plus: Option<StaffPlusWeek>,
    /// The calendar shape of the whole track.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<TrackProfile>,
    pub equivalents: Vec<EquivalentRung>,
    /// The limits of parity; present whenever `equivalents` is not empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterweight: Option<Note>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<NextRung>,
    /// On the top rung of an IC track that stops at Staff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<Note>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub switch: Option<Switch>,
    pub career: Vec<CareerRow>,
}

impl Framework {
    /// The profile of rung `id` in the reference ladder or in company `company`'s.
    pub fn role_profile(
        &self,
        id: &str,
        company: Option<&str>,
    ) -> Result<RoleProfile, MappingError> {
        let ladder = match company {
            Some(name) => self.resolve_ladder(name)?,
            None => self.ladder(),
        };
        RoleProfile::build(self, ladder, id).ok_or_else(|| MappingError::UnknownRung {
            query: id.to_owned(),
            ladder: ladder.name.clone(),
            known: ladder
                .rungs()
                .map(|(_, r)| r.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }
}

impl RoleProfile {
    /// The profile of rung `id` of `ladder` (the reference ladder, a company's or a user's);
    /// `None` when the ladder has no such rung.
    pub fn build(fw: &Framework, ladder: &Ladder, id: &str) -> Option<Self> {
        let (track, rung) = ladder.rung(id)?;
        // By value, not by address: `guide --ladder data/companies/x.toml` must give the
        // same page as the framework's own copy of that company.
        let reference_ladder = ladder == fw.ladder();
        let track_data = ladder.track(track);
        let position = track_data.and_then(|t| t.position(&rung.id));
        let borrowed_rung = reference_rung(fw, ladder, track, rung);
        let staff_plus = is_staff_plus(fw, track, rung);
        let leadership_level = if staff_plus {
            None
        } else {
            level_of(fw, track, rung)
        };
        let equivalents = equivalents(fw, ladder, track, rung, reference_ladder);
        let guidance = fw.role_guidance();

        let pick = |own: &Vec<String>, theirs: Option<&Vec<String>>| match theirs {
            Some(t) if own.is_empty() && !t.is_empty() => (t.clone(), true),
            _ => (own.clone(), false),
        };
        let (responsibilities, borrowed_resp) = pick(
            &rung.responsibilities,
            borrowed_rung.map(|r| &r.responsibilities),
        );
        let (skills, borrowed_skills) = pick(&rung.skills, borrowed_rung.map(|r| &r.skills));
        let (summary, borrowed_summary) = match borrowed_rung {
            Some(r) if rung.summary.is_empty() && !r.summary.is_empty() => {
                (r.summary.clone(), true)
            }
            _ => (rung.summary.clone(), false),
        };
        let borrowed = borrowed_rung
            .filter(|_| borrowed_summary || borrowed_resp || borrowed_skills)
            .map(|r| Borrowed {
                from: RungRef::new(track, r),
                summary: borrowed_summary,
                responsibilities: borrowed_resp,
                skills: borrowed_skills,
            });

        let leadership = fw.leadership();
        let allocation = leadership_level
            .as_ref()
            .map(|fit| {
                crate::activity::Activity::ALL
                    .iter()
                    .filter_map(|a| fit.level.allocation(*a))
                    .map(|r| Allocation {
                        activity: leadership.activity_label(r.activity).to_owned(),
                        low: r.low,
                        high: r.high,
                    })
                    .collect()
            })
            .unwrap_or_default();

        let next_rung = position
            .and_then(|p| track_data.and_then(|t| t.rungs.get(p + 1)))
            .map(|n| NextRung {
                rung: RungRef::new(track, n),
                wider_scope: n.scope > rung.scope,
                step: step_up(fw, track, rung, n),
            });
        let ceiling = (track == Track::Ic
            && next_rung.is_none()
            && staff_plus
            && widest_scope(fw, track, rung) <= Scope::MultiTeam)
            .then(|| guidance.low_ceiling.clone());

        Some(Self {
            ladder: ladder.id.clone(),
            ladder_name: ladder.name.clone(),
            reference_ladder,
            track,
            track_name: track_data.map_or_else(|| track.label().to_owned(), |t| t.name.clone()),
            rung: RungRef::new(track, rung),
            position: position.map_or(0, |p| p + 1),
            track_len: track_data.map_or(0, |t| t.rungs.len()),
            reports: rung.reports,
            summary,
            responsibilities,
            skills,
            borrowed,
            allocation,
            staff_plus: staff_plus.then(|| StaffPlusWeek {
                intro: guidance.intro.clone(),
                intro_source: guidance.intro_source.clone(),
                time_use: guidance.time_use.clone(),
            }),
            leadership_level,
            calendar: fw.track_profiles().into_iter().find(|p| p.track == track),
            counterweight: (!equivalents.is_empty()).then(|| guidance.counterweight.clone()),
            switch: switch(fw, ladder, track, &equivalents),
            equivalents,
            next: next_rung,
            ceiling,
            career: leadership
                .career_paths
                .iter()
                .map(|c| CareerRow {
                    label: c.label.clone(),
                    text: match track {
                        Track::Ic => c.ic.clone(),
                        Track::Management => c.management.clone(),
                    },
                })
                .collect(),
        })
    }

    /// The ladder's query string for links (`?company=id`), empty on the reference ladder.
    pub fn company_query(&self) -> String {
        if self.reference_ladder {
            String::new()
        } else {
            format!("?company={}", self.ladder)
        }
    }
}

/// The reference rung a rung maps to at its low end, on the same track.
fn mapped_reference<'f>(
    fw: &'f Framework,
    track: Track,
    rung: &Rung,
    high: bool,
) -> Option<&'f Rung> {
    let id = match &rung.maps_to {
        Some(m) if high => m.high.as_str(),
        Some(m) => m.low.as_str(),
        None => rung.id.as_str(),
    };
    fw.ladder()
        .rung(id)
        .filter(|(t, _)| *t == track)
        .map(|(_, r)| r)
}

/// Staff and above on the IC track: multi-team scope or wider, its own or its reference
/// rung's. These rungs must not borrow the leadership ladder's entry IC level.
fn is_staff_plus(fw: &Framework, track: Track, rung: &Rung) -> bool {
    track == Track::Ic
        && (rung.scope >= Scope::MultiTeam
            || mapped_reference(fw, track, rung, false)
                .is_some_and(|r| r.scope >= Scope::MultiTeam))
}

/// The widest scope a rung reaches, by itself or through the top of its mapping.
fn widest_scope(fw: &Framework, track: Track, rung: &Rung) -> Scope {
    mapped_reference(fw, track, rung, true).map_or(rung.scope, |r| r.scope.max(rung.scope))
}

/// The leadership level that describes a rung: its own, its reference rung's, or a guess
/// from its track and scope.
fn level_of(fw: &Framework, track: Track, rung: &Rung) -> Option<LevelFit> {
    let l = fw.leadership();
    let fit = |id: &str, basis| {
        l.level(id).map(|level| LevelFit {
            level: level.clone(),
            basis,
        })
    };
    let guess = match (track, rung.scope) {
        (Track::Ic, _) => "ic",
        (Track::Management, Scope::Team | Scope::MultiTeam) => "manager",
        (Track::Management, Scope::Org) => "director",
        (Track::Management, Scope::Company | Scope::Function) => "vp",
    };
    rung.leadership_level
        .as_deref()
        .and_then(|id| fit(id, LevelBasis::Own))
        .or_else(|| {
            mapped_reference(fw, track, rung, false)
                .and_then(|r| r.leadership_level.as_deref())
                .and_then(|id| fit(id, LevelBasis::Reference))
        })
        .or_else(|| fit(guess, LevelBasis::Guess))
}

/// The reference rung a company rung maps to exactly, for borrowing its descriptions.
fn reference_rung<'f>(
    fw: &'f Framework,
    ladder: &Ladder,
    track: Track,
    rung: &Rung,
) -> Option<&'f Rung> {
    if ladder == fw.ladder() || rung.maps_to.as_ref().is_some_and(|m| m.is_range()) {
        return None;
    }
    mapped_reference(fw, track, rung, false)
}

/// Stated pairings, or for a company ladder of the framework with none stated, those
/// inferred through the reference ladder (as `ladder equiv` gives them).
fn equivalents(
    fw: &Framework,
    ladder: &Ladder,
    track: Track,
    rung: &Rung,
    reference_ladder: bool,
) -> Vec<EquivalentRung> {
    let known_company = fw.company(&ladder.id).is_some_and(|c| c == ladder);
    if reference_ladder || known_company {
        let company = (!reference_ladder).then_some(ladder.id.as_str());
        if let Ok(e) = fw.equivalent(&rung.id, company)
            && e.rung.id == rung.id
        {
            return e.equivalents;
        }
    }
    crate::equivalent::stated_equivalents(ladder, track, rung)
}

/// The leadership step from `from`'s level to `to`'s level, with every accelerator for it.
fn leadership_step(
    fw: &Framework,
    from_level: &str,
    to_level: &str,
    label: String,
) -> Option<Step> {
    let l = fw.leadership();
    let t = l
        .transitions
        .iter()
        .find(|t| t.from == from_level && t.to == to_level)?;
    let mut accelerators: Vec<Advice> = l
        .accelerators
        .iter()
        .filter_map(|a| {
            a.by_transition.get(&t.id).map(|text| Advice {
                name: a.name.clone(),
                text: text.clone(),
                source: Vec::new(),
                assumption: None,
            })
        })
        .collect();
    accelerators.extend(t.accelerators.iter().map(|text| Advice {
        name: format!("For {}", t.label),
        text: text.clone(),
        source: Vec::new(),
        assumption: None,
    }));
    Some(Step {
        label,
        transition: Some(t.clone()),
        accelerators,
    })
}

/// The step to the next rung: IC rungs grow on the IC track; management rungs cross a
/// leadership-ladder step when the next rung sits at a higher level.
fn step_up(fw: &Framework, track: Track, rung: &Rung, next: &Rung) -> Step {
    let label = format!("{} to {}", rung.title, next.title);
    if track == Track::Ic {
        let guidance = fw.role_guidance();
        let mut accelerators = guidance.growth.clone();
        // "Clear the Staff bar in time" is advice for reaching Staff, not for the steps past it.
        if !is_staff_plus(fw, track, rung) && is_staff_plus(fw, track, next) {
            accelerators.extend(guidance.growth_into_staff.iter().cloned());
        }
        return Step {
            label,
            transition: None,
            accelerators,
        };
    }
    let (Some(from), Some(to)) = (level_of(fw, track, rung), level_of(fw, track, next)) else {
        return Step {
            label,
            transition: None,
            accelerators: Vec::new(),
        };
    };
    leadership_step(fw, &from.level.id, &to.level.id, label.clone()).unwrap_or(Step {
        label,
        transition: None,
        accelerators: Vec::new(),
    })
}

/// The optional move to the other track. From IC it lands on the equivalent management rungs
/// (or the first one) and crosses the leadership ladder's first step; from management it
/// lands on the equivalent IC rungs, for which the leadership ladder has no step.
fn switch(
    fw: &Framework,
    ladder: &Ladder,
    track: Track,
    equivalents: &[EquivalentRung],
) -> Option<Switch> {
    let other = track.other();
    let mut landing: Vec<RungRef> = equivalents.iter().map(|e| e.rung.clone()).collect();
    if landing.is_empty() && track == Track::Ic {
        let first = ladder.track(other)?.rungs.first()?;
        landing.push(RungRef::new(other, first));
    }
    if landing.is_empty() {
        return None;
    }
    let step = (track == Track::Ic)
        .then(|| {
            let l = fw.leadership();
            let first = l.levels.first()?;
            let t = l.transitions.iter().find(|t| t.from == first.id)?;
            leadership_step(
                fw,
                &t.from,
                &t.to,
                format!("Moving into management: {}", t.label),
            )
        })
        .flatten();
    Some(Switch {
        to_track: other,
        landing,
        step,
    })
}

#[cfg(test)]
mod tests;
