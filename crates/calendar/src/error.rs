//! Errors that stop a whole calendar file from being read.
//!
//! Problems confined to one line or one event are not errors: they become
//! [`SkippedLine`](crate::SkippedLine)s or [`Warning`](crate::Warning)s and the run goes on.

use thiserror::Error;

/// Why a calendar file could not be read at all.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// The input is larger than [`Limits::max_bytes`](crate::Limits::max_bytes).
    #[error(
        "{file}: {bytes} bytes is more than the {limit}-byte limit for one calendar file; \
         export a shorter date range or split the file"
    )]
    TooLarge {
        file: String,
        bytes: usize,
        limit: usize,
    },
    /// Nothing in the input looks like iCalendar (no `BEGIN:VCALENDAR` or `BEGIN:VEVENT`).
    #[error(
        "{file}: not an iCalendar file (no BEGIN:VCALENDAR line found); \
         export the calendar as .ics and try again"
    )]
    NotICalendar { file: String },
    /// The analysis options or rules are unusable, or the framework lacks a comparison.
    #[error(transparent)]
    Analysis(#[from] crate::analysis::AnalysisError),
}
