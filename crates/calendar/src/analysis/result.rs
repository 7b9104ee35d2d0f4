//! The result of an analysis: one serde type for the CLI's JSON, the web API and templates.
//!
//! Figures are kept unrounded; hours are rounded to two decimals and shares to four only when
//! serialised, which is as precise as a calendar's minutes allow. Text and HTML round again
//! for reading (hours to one decimal, shares to whole percents).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use super::classify::Outcome;
use super::evidence::Evidence;
use super::fit::Levels;
use super::latest_window::WindowSource;
use super::owner::OwnerSource;
use super::rules::MeetingKind;
use super::tally::Tally;
use dualtrack_framework::Track;

/// Everything `analyze` found. Aggregates only, except `explain` (empty unless asked for).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Analysis {
    pub window: Window,
    /// The owner's address, if known.
    pub owner: Option<String>,
    pub owner_source: OwnerSource,
    /// The working-time settings the figures were computed with.
    pub settings: Settings,
    pub counts: Counts,
    pub hours: Hours,
    pub shares: Shares,
    /// Meeting hours by kind; they add up to `hours.meetings`.
    pub categories: Categories,
    /// The track whose typical week is nearest; `null` when `evidence.enough` is false.
    pub closest_track: Option<Track>,
    /// L1 distance of `shares` from each track's typical week, by track id.
    #[serde(serialize_with = "round4_map")]
    pub distance: BTreeMap<String, f64>,
    /// Each track's typical week, as the comparison used it.
    pub track_profiles: Vec<TrackShape>,
    pub levels: Levels,
    /// Whether the window holds enough to compare at all, and the file's busy span.
    pub evidence: Evidence,
    /// Set when the zone used was chosen, differs from the calendar's own, and most busy time
    /// falls outside working hours in it (a caveat in `warnings` says the same); else `null`.
    pub zone_mismatch: Option<ZoneMismatch>,
    /// Every default that was guessed rather than given, with the field that changes it.
    pub guesses: Vec<Guess>,
    /// The same figures for each ISO week touching the window.
    pub weeks: Vec<Week>,
    /// Caveats: about the input, the expansion, or the figures.
    pub warnings: Vec<Note>,
    /// Lines of the input that could not be read and were left out.
    pub skipped_lines: Vec<Note>,
    /// One entry per occurrence in the window; only filled when explanation was requested.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<Explained>,
}

/// The analysed dates and the zone they are read in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Window {
    pub from: NaiveDate,
    /// Exclusive.
    pub to: NaiveDate,
    /// IANA zone name: the zone used.
    pub tz: String,
    /// `option` (chosen), `calendar` (its `X-WR-TIMEZONE`), `events` (the zone most timed
    /// events are written in) or `default` (the shell's: local zone or browser zone).
    pub tz_source: String,
    /// How the dates were chosen.
    pub source: WindowSource,
}

/// Busy time that mostly falls outside working hours because the zone used is not the
/// calendar's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ZoneMismatch {
    /// The zone the calendar itself is in (`X-WR-TIMEZONE`, else most events' zone).
    pub calendar_tz: String,
    /// The zone the analysis used (`window.tz`).
    pub used_tz: String,
    /// Busy hours in the window, at any time of day.
    #[serde(serialize_with = "round2")]
    pub busy_hours: f64,
    /// Of those, the hours outside working hours.
    #[serde(serialize_with = "round2")]
    pub busy_hours_outside: f64,
}

impl ZoneMismatch {
    /// The caveat in words, naming both zones and the option that changes the zone.
    pub fn words(&self, work_hours: &str) -> String {
        format!(
            "the calendar's own zone is {cal}, but it was analysed in {used}: {outside:.1} of \
             its {busy:.1} busy hours fall outside working hours ({work_hours} in {used}), so \
             the figures likely measure the wrong hours of the day. If you work in {cal}, set \
             the time zone to {cal} (or leave it out to use the calendar's own)",
            cal = self.calendar_tz,
            used = self.used_tz,
            outside = self.busy_hours_outside,
            busy = self.busy_hours,
        )
    }
}

/// A default the analysis guessed. `field` is the option that changes it (`tz`, `owner`,
/// `window`); each shell words it its own way (`--tz`, "Time zone").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Guess {
    pub field: GuessField,
    /// The value guessed, as text.
    pub value: String,
    /// What the guess rests on.
    pub basis: String,
}

/// The option a guess can be corrected with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GuessField {
    Tz,
    Owner,
    Window,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Settings {
    pub work_hours: String,
    pub work_days: String,
    /// Minutes an unscheduled stretch needs to count as focus.
    pub focus_min: u32,
    /// Where the classification rules came from.
    pub rules: String,
}

/// How many occurrences fell in each bucket. Every occurrence overlapping the window is in
/// exactly one of `all_day`, `cancelled`, `declined`, `free`, `busy_instances`, tried in that
/// order; they add up to `total`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Counts {
    pub total: u64,
    pub busy_instances: u64,
    pub declined: u64,
    pub cancelled: u64,
    /// Shown as free (`TRANSP:TRANSPARENT`) or of a kind the rules call free.
    pub free: u64,
    pub all_day: u64,
    /// Of the busy instances: meetings and focus blocks.
    pub meetings: u64,
    pub focus_blocks: u64,
    /// Of the busy instances: the owner answered "maybe" or the event is tentative.
    pub tentative: u64,
    /// Of the all-day events: those that took days out of working time.
    pub out_of_office_events: u64,
    /// Working weekdays in the window taken off by out-of-office events.
    pub out_of_office_days: u64,
    /// Days with working hours after out-of-office days are removed.
    pub working_days: u64,
}

/// Hours of working time. `working = meetings + async + focus`, `busy = meetings +
/// focus_blocks`, `focus = focus_blocks + unscheduled stretches of at least `focus_min``.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Hours {
    #[serde(serialize_with = "round2")]
    pub working: f64,
    #[serde(serialize_with = "round2")]
    pub busy: f64,
    #[serde(serialize_with = "round2")]
    pub meetings: f64,
    #[serde(serialize_with = "round2")]
    pub focus_blocks: f64,
    #[serde(serialize_with = "round2")]
    pub focus: f64,
    #[serde(rename = "async", serialize_with = "round2")]
    pub async_: f64,
}

/// Fractions of working time (0 when there is none); they add up to 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Shares {
    #[serde(serialize_with = "round4")]
    pub meetings: f64,
    #[serde(rename = "async", serialize_with = "round4")]
    pub async_: f64,
    #[serde(serialize_with = "round4")]
    pub focus: f64,
}

/// Meeting hours by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Categories {
    #[serde(serialize_with = "round2")]
    pub one_on_one: f64,
    #[serde(serialize_with = "round2")]
    pub team: f64,
    #[serde(serialize_with = "round2")]
    pub cross_functional: f64,
    #[serde(serialize_with = "round2")]
    pub hiring: f64,
    #[serde(serialize_with = "round2")]
    pub planning: f64,
    #[serde(serialize_with = "round2")]
    pub external: f64,
    #[serde(serialize_with = "round2")]
    pub other: f64,
}

impl Categories {
    pub fn get(&self, kind: MeetingKind) -> f64 {
        match kind {
            MeetingKind::OneOnOne => self.one_on_one,
            MeetingKind::Team => self.team,
            MeetingKind::CrossFunctional => self.cross_functional,
            MeetingKind::Hiring => self.hiring,
            MeetingKind::Planning => self.planning,
            MeetingKind::External => self.external,
            MeetingKind::Other => self.other,
        }
    }
}

/// A track's typical week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TrackShape {
    pub track: String,
    pub shares: Shares,
    /// The typical week in words, e.g. `Typical IC week: 30% meetings, 30% async, 40% focus`.
    #[serde(default)]
    pub label: String,
    /// Where the typical week comes from (the framework's `calendar_shape` dimension).
    #[serde(default)]
    pub basis: dualtrack_framework::Provenance,
}

/// One ISO week (only the days inside the window count).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Week {
    /// `YYYY-Www`, e.g. `2026-W05`.
    pub week: String,
    pub working_days: u32,
    pub hours: Hours,
    pub shares: Shares,
    pub categories: Categories,
}

/// A warning or a skipped line, located in its input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Note {
    pub source: String,
    /// 1-based; 0 when the note is about the whole input or the figures.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.source, self.line, self.message)
        } else if self.source.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.source, self.message)
        }
    }
}

/// How one occurrence was read (the only place event titles appear).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Explained {
    /// The input's name when there is exactly one input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub line: usize,
    pub uid: String,
    /// Start and end in the analysis zone (`YYYY-MM-DD` for all-day events).
    pub start: String,
    pub end: String,
    pub summary: Option<String>,
    pub outcome: Outcome,
    /// `focus_block` or a meeting kind, for busy occurrences.
    pub category: Option<String>,
    /// The rule (or status) that decided.
    pub rule: String,
}

fn hours(seconds: i64) -> f64 {
    seconds as f64 / 3600.0
}

impl Hours {
    pub fn from_tally(t: &Tally) -> Self {
        Hours {
            working: hours(t.working),
            busy: hours(t.busy()),
            meetings: hours(t.meetings),
            focus_blocks: hours(t.focus_blocks),
            focus: hours(t.focus()),
            async_: hours(t.async_gaps),
        }
    }
}

impl Shares {
    pub fn from_tally(t: &Tally) -> Self {
        if t.working <= 0 {
            return Shares::default();
        }
        let w = t.working as f64;
        Shares {
            meetings: t.meetings as f64 / w,
            async_: t.async_gaps as f64 / w,
            focus: t.focus() as f64 / w,
        }
    }
}

impl Categories {
    pub fn from_tally(t: &Tally) -> Self {
        let k = |kind| hours(t.kind(kind));
        Categories {
            one_on_one: k(MeetingKind::OneOnOne),
            team: k(MeetingKind::Team),
            cross_functional: k(MeetingKind::CrossFunctional),
            hiring: k(MeetingKind::Hiring),
            planning: k(MeetingKind::Planning),
            external: k(MeetingKind::External),
            other: k(MeetingKind::Other),
        }
    }
}

/// Serialise hours with two decimals.
pub fn round2<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((v * 100.0).round() / 100.0)
}

/// Serialise a share or distance with four decimals.
pub fn round4<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((v * 10_000.0).round() / 10_000.0)
}

fn round4_map<S: Serializer>(map: &BTreeMap<String, f64>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(
        map.iter()
            .map(|(k, v)| (k, (v * 10_000.0).round() / 10_000.0)),
    )
}
