//! dualtrack-calendar: calendar evidence for the track decision. `.ics` bytes go in; the shape
//! of the owner's working week comes out.
//!
//! The pipeline has two halves that meet at [`Occurrence`]:
//!
//! 1. **Parsing and expansion** ([`parse`], [`expand`]): each file becomes a [`Calendar`]
//!    (lines that cannot be read are skipped and reported, never fatal), and the calendars
//!    are expanded together over a date window into occurrences -- recurring series,
//!    exceptions and overrides applied, merged across files, bounded by [`Limits`].
//! 2. **Analysis** ([`analyze`], module [`analysis`]): every occurrence is classified (away,
//!    declined, cancelled, free, all-day, a focus block, or a kind of meeting) by rules kept
//!    as data in `data/calendar-rules.toml` and replaceable by the user; each working day's
//!    hours are built on the wall clock of the analysis zone (so clock changes are honoured);
//!    busy time is clipped to them and measured as unions, so overlaps never count twice; the
//!    days add up to hours, shares, meeting kinds and ISO weeks, which are compared with the
//!    framework's track profiles and leadership-level time allocations -- but only when the
//!    window holds enough evidence (`data/calendar-evidence.toml`); otherwise it names no track
//!    and says why. Defaults the caller leaves out (zone, window, owner) are inferred from the
//!    file and listed as guesses. The result,
//!    [`Analysis`], is one serde type for the CLI's JSON, the web API and the decision report;
//!    [`render_svg`] draws it.
//!
//! The crate is pure: it takes bytes and values and returns values. It never reads files,
//! the environment or the clock -- the local zone and today's date are the shell's business.
//! Calendars are private: an [`Analysis`] holds aggregates only, unless explanations are
//! asked for ([`AnalyzeOptions::explain`]), the one place event titles appear.
//!
//! ```
//! use dualtrack_calendar::{AnalyzeOptions, analyze};
//! use chrono::NaiveDate;
//!
//! let ics = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260105T100000Z\r\n\
//!             DTEND:20260105T110000Z\r\nSUMMARY:Ana / me 1:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
//! let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
//! let options = AnalyzeOptions::new(day(5), day(10)); // Monday to Friday, UTC, 09:00-17:00
//! let framework = dualtrack_framework::Framework::embedded().unwrap();
//! let a = analyze(&[("work.ics", ics)], &options, &framework).unwrap();
//! assert_eq!(a.hours.working, 40.0);
//! assert_eq!(a.hours.meetings, 1.0);
//! // One meeting in a week is too little to name a track, and the analysis says so.
//! assert_eq!(a.closest_track, None);
//! assert!(!a.evidence.enough);
//! ```

pub mod analysis;
pub mod error;
pub mod expand;
mod expand_merge;
mod expand_series;
pub mod expand_warning;
pub mod ics;
pub mod occurrence;
pub mod parse;
pub mod parse_limits;
mod parse_zones;
pub mod quote;
pub mod recur;
mod recur_iter;
mod recur_sets;
pub mod timezone;
mod timezone_rules;

pub use analysis::{Analysis, AnalyzeOptions, analyze, render_svg};
pub use error::CalendarError;
pub use expand::{ExpandWindow, Expansion, expand};
pub use expand_warning::{Warning, WarningKind};
pub use ics::Event;
pub use occurrence::{Attendee, EventStatus, EventTime, Occurrence, PartStat};
pub use parse::{Calendar, SkippedLine, parse, parse_with_limits};
pub use parse_limits::Limits;
