//! dualtrack-trial: accompany a bounded trial of the other track, week by week, to a decision.
//!
//! The seeds' advice is to *try* the move for six to twelve months, watch the real signals
//! rather than the false ones, and decide while the way back is cheap. This engine holds such a
//! trial and reads it:
//!
//! - [`Trial`] ([`TrialSpec`] at the start): kind ([`TrialKind`]), start date, planned length
//!   (6-12 months, refused outside), plan format, exit criteria written up front
//!   ([`ExitCriteria`]), an optional [`Sponsor`], the six questions' starting answers.
//! - [`Schedule`]: weekly check-ins, a first gate at twelve weeks, the trial plan's checkpoints
//!   (from `dualtrack-decide`'s plan data), month six and the end.
//! - [`Checkin`]: a minute's weekly answers to [`CheckinForm`] (`data/trial-checkin.toml`), each
//!   option tied to the real or false signal it reads, with its seed source or our assumption.
//! - [`WeekPoint`]: the calendar as the trial keeps it, one week of shares and hours taken from a
//!   calendar [`dualtrack_calendar::Analysis`]; raw calendars are never kept.
//! - [`Review`] (via [`Trial::review`]): drift on the six questions, the signals' trend, the
//!   calendar month by month against both tracks' typical weeks and the level's allocation, the
//!   sponsor's view, the switch-back estimate so far, the criteria to mark, and a
//!   [`Recommendation`] whose reasons name the signals that carried it. Rules: docs/trial.md.
//! - [`SwitchbackClock`]: how the way back changes with each further year in management.
//! - [`render_ics`] (the dates as an iCalendar feed), [`export_json`] / [`import_json`] (the
//!   whole trial as one versioned document), [`markdown::render_review`].
//! - [`Trial::due_reminder`]: which weekly reminder is due at an instant ([`Reminder`]).
//!
//! Pure: dates and content come in as values (the shell reads the clock and the files), values
//! go out. Errors ([`TrialError`]) name file:line:column and the fix.

mod answers;
mod calendar_trend;
mod checkin;
mod checkin_form;
mod clock;
mod content;
mod direction;
mod drift;
mod error;
mod exit_criteria;
mod export;
mod ics;
mod kind;
pub mod markdown;
mod missing_evidence;
mod recommendation;
mod reminder;
mod review;
pub mod rules;
mod schedule;
mod signals;
mod sponsor;
mod trial;
mod trial_spec;
mod week_point;

pub use answers::MAX_NOTE_CHARS;
pub use calendar_trend::{
    CalendarMonth, CalendarTrend, LevelAllocation, MIN_CALENDAR_WEEKS, TrackShape,
};
pub use checkin::{Checkin, MAX_CHECKIN_BYTES};
pub use checkin_form::{
    CheckinForm, EMBEDDED_CHECKIN, FormOption, FormQuestion, Lean, MAX_FORM_BYTES, Relation,
    SignalKind,
};
pub use clock::{ClockPoint, ClockWarning, MAX_CLOCK_YEARS, SwitchbackClock, WARN_AHEAD_MONTHS};
pub use content::TrialContent;
pub use direction::{Direction, LEAN_THRESHOLD};
pub use drift::{AssessmentDrift, QuestionChange};
pub use dualtrack_framework::{Provenance, SourceRef};
pub use error::{Location, TrialError};
pub use exit_criteria::{
    CriterionList, CriterionStatus, ExitCriteria, MAX_CRITERIA, MAX_CRITERION_CHARS, Marks,
};
pub use export::{
    DOCUMENT_FORMAT, DOCUMENT_VERSION, MAX_DOCUMENT_BYTES, TrialDocument, export_json, import_json,
};
pub use ics::{escape_text, fold_line, render_ics};
pub use kind::TrialKind;
pub use recommendation::{
    DECISION_ONE_CHECKIN_IN, MAX_GAP_WEEKS, MissingEvidence, Outcome, Reason, Recommendation,
};
pub use reminder::{REMINDER_WINDOW_DAYS, Reminder};
pub use review::{Review, SponsorAnswer, SponsorView, SwitchbackSoFar};
pub use schedule::{FIRST_GATE_WEEKS, Gate, GateKind, Schedule};
pub use signals::{MIN_CHECKINS, MonthSignals, SignalCount, SignalTally, SignalTrend};
pub use sponsor::{Sponsor, SponsorCheckin};
pub use trial::{
    BASELINE_WEEKS, DEFAULT_ORG, MAX_CHECKINS, MAX_TRIAL_BYTES, MAX_WEEK_POINTS, ReviewRecord,
    START_MONTHS_AHEAD, START_YEARS_BEFORE, Trial, TrialSpec,
};
pub use week_point::{WeekPoint, iso_monday};
