//! The decision report: one document joining the assessment, the calendar evidence, where the
//! two agree or pull apart, red flags, the outlook, the switch-back estimate and the trial.
//!
//! [`build`] takes values (an [`Assessment`], an optional [`Analysis`]) and does no I/O;
//! [`render_markdown`] and [`render_html`] turn the result into text. The JSON form is the
//! [`Report`] itself, serialised.

mod agreement;
mod build;
mod evidence;
mod html;
mod markdown;

pub use agreement::{Agreement, AnswersBasis, Comparison};
pub use build::{ReportInput, build};
pub use evidence::{CalendarEvidence, GuessedDefault, MAX_CAVEATS, SharePercents, TypicalWeek};
pub use html::{REPORT_CSS, render_html, render_html_body};
pub use markdown::render_markdown;

use dualtrack_assess::Assessment;
use dualtrack_calendar::Analysis;
use serde::Serialize;

use crate::Track;
use crate::consideration::Consideration;
use crate::outlook::TrackOutlook;
use crate::plans::TrialView;
use crate::switchback::Estimate;

/// The whole decision report. `assessment` and `calendar` serialise exactly like
/// `assess --format json` and `calendar analyze --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub assessment: Assessment,
    /// `null` when no calendar was given.
    pub calendar: Option<Analysis>,
    /// `no_verdict`, `no_calendar`, `thin_calendar`, `agree` or `disagree`; see [`Agreement`]
    /// for the exact rule.
    pub agreement: Agreement,
    /// What was compared, and the plain-language reading of it.
    pub comparison: Comparison,
    /// The verdict's track; `null` when the answers give no clear verdict (`either` or
    /// `unclear`): a leaning is shown in `comparison`, never recommended.
    pub recommended_track: Option<Track>,
    /// One line for the top of the report.
    pub headline: String,
    /// The calendar figures the report discusses, rounded for reading.
    pub calendar_evidence: Option<CalendarEvidence>,
    pub red_flags: Vec<Flag>,
    /// The recommended track's outlook; both tracks when there is none or the evidence is split.
    pub outlook: Vec<TrackOutlook>,
    pub outlook_caveat: String,
    /// Things worth knowing beside the outlook shown (both tracks' when both are shown), each
    /// with its source or marked as ours.
    pub considerations: Vec<Consideration>,
    /// Present when months in management and an organisation kind were given.
    pub switchback: Option<Estimate>,
    /// The management trial (with its switch-back check when an organisation kind was given).
    pub trial: TrialView,
    /// Why the trial matters (or does not) in this situation.
    pub trial_note: String,
    /// Where every number in the report comes from.
    pub method: Vec<MethodNote>,
}

/// Something that deserves a second look before deciding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// The assessment's red-flag id, or `calendar_disagrees`, `long_way_back`, `costly_trial`.
    pub id: String,
    pub source: FlagSource,
    pub title: String,
    pub detail: String,
}

/// Which part of the evidence raised a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagSource {
    Answers,
    Calendar,
    Switchback,
}

/// One rule behind the numbers, and where it is defined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodNote {
    pub topic: String,
    pub rule: String,
    /// The data file or document that defines it.
    pub source: String,
}

impl CalendarEvidence {
    /// The paragraph a report shows instead of the figures when the window is too thin.
    #[must_use]
    pub fn thin_words(&self) -> String {
        format!(
            "These figures are not a finding: {} The report draws no conclusion from this \
             calendar.",
            sentence(&self.evidence_reason)
        )
    }

    /// The caveat a report shows above the figures of a stale window.
    #[must_use]
    pub fn stale_words(&self) -> String {
        format!(
            "Stale evidence: this window ({} to {}) ended long before today, so its figures \
             show how you worked then, not how you work now. The report does not compare them \
             with your answers; analyse a recent window or export a current calendar for that.",
            self.from, self.to
        )
    }
}

impl GuessedDefault {
    /// One guessed default in words: what, why, and how to change it.
    #[must_use]
    pub fn words(&self) -> String {
        format!(
            "{}: {}. To change it, {}.",
            capitalise(&self.what),
            self.basis.trim_end_matches('.'),
            self.change
        )
    }
}

fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with('.') {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
