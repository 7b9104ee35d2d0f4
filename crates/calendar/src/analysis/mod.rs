//! Analysis: occurrences -> working-time figures -> comparison with tracks and levels.
//!
//! The pipeline, in order: pick the zone and the owner; classify every occurrence (away, not
//! busy, focus block, or a kind of meeting); build each working day's hours as instants (DST
//! aware, days off removed); clip busy time to them and measure unions; add the days up into
//! the window and ISO weeks; compare the shares with the framework's track profiles and level
//! time allocations.

mod chart;
mod classify;
mod error;
mod evidence;
mod fit;
mod intervals;
mod keywords;
pub mod latest_window;
mod options;
mod owner;
mod pipeline;
mod result;
mod rules;
mod tally;
mod window;
pub mod zone_choice;

pub use chart::render_svg;
pub use classify::{Outcome, Role};
pub use dualtrack_framework::Track;
pub use error::{AnalysisError, OptionError, OptionField, RulesError};
pub use evidence::{Evidence, EvidenceRule, WindowFacts};
pub use fit::{LevelFit, Levels, OutsideRange};
pub use intervals::{IntervalSet, Span};
pub use latest_window::{EventSpan, WindowSource};
pub use options::{AnalyzeOptions, WorkDays, WorkHours};
pub use owner::OwnerSource;
pub use pipeline::{Context, Resolved, analyze_occurrences, analyze_resolved};
pub use result::{
    Analysis, Categories, Counts, Explained, Guess, GuessField, Hours, Note, Settings, Shares,
    TrackShape, Week, Window, ZoneMismatch,
};
pub use rules::{Marker, MeetingKind, MeetingRule, Rules};
pub use zone_choice::{ZoneChoice, ZoneSource, choose_zone};

use chrono_tz::Tz;
use dualtrack_framework::Framework;

use crate::{Calendar, CalendarError, ExpandWindow, Limits, expand, parse_with_limits};

/// Analyse one or more `.ics` inputs (`(source name, bytes)`) over `options`' window.
///
/// The zone is `options.tz`, else the first calendar's `X-WR-TIMEZONE`, else the zone most
/// timed events are written in, else `options.default_tz` (see [`zone_choice`]). With no
/// window given it is the four full weeks up to the file's last busy week on or before
/// `options.today` (see [`latest_window`]). Fails only when an input is unusable as a whole or an option is
/// invalid; bad lines and events become `skipped_lines` and `warnings`.
pub fn analyze(
    inputs: &[(&str, &[u8])],
    options: &AnalyzeOptions,
    framework: &Framework,
) -> Result<Analysis, CalendarError> {
    analyze_with_limits(inputs, options, framework, &Limits::default())
}

/// [`analyze`] with explicit parsing and expansion bounds.
pub fn analyze_with_limits(
    inputs: &[(&str, &[u8])],
    options: &AnalyzeOptions,
    framework: &Framework,
    limits: &Limits,
) -> Result<Analysis, CalendarError> {
    pipeline::validate(options)?;
    let calendars = inputs
        .iter()
        .map(|(source, bytes)| parse_with_limits(bytes, source, limits))
        .collect::<Result<Vec<_>, _>>()?;
    analyze_calendars(calendars, options, framework, limits)
}

/// [`analyze_with_limits`] on calendars already parsed, so a caller can parse one file at a
/// time and free its bytes before the next one and before expansion (on a large export the
/// bytes are as big as the parsed events). The calendars are consumed: they are dropped as
/// soon as expansion is done.
pub fn analyze_calendars(
    calendars: Vec<Calendar>,
    options: &AnalyzeOptions,
    framework: &Framework,
    limits: &Limits,
) -> Result<Analysis, CalendarError> {
    pipeline::validate(options)?;
    let calendar_tz = calendars.iter().find_map(|c| c.default_tz());
    let zone = choose_zone(options.tz, options.default_tz, &calendars);
    let tz: Tz = zone.tz;
    let span = latest_window::busy_span(
        &calendars,
        tz,
        options.today,
        options.owner.as_deref(),
        limits,
    );
    let (from, to, window_source) = latest_window::given_window(options.from, options.to)
        .unwrap_or_else(|| pipeline::default_window(span, options.today));
    // The calendar's own zone, to check a zone the caller chose against.
    let calendar_zone = (zone.source == ZoneSource::Option)
        .then(|| choose_zone(None, options.default_tz, &calendars))
        .filter(|own| own.source != ZoneSource::Default)
        .map(|own| own.tz);
    let resolved = Resolved {
        zone,
        from,
        to,
        window_source,
        span,
        calendar_zone,
    };
    let window = ExpandWindow { from, to, tz };
    let expansion = expand(&calendars, &window, limits);
    let context = Context {
        calendar_names: calendars
            .iter()
            .filter_map(|c| c.x_wr_calname.clone())
            .collect(),
        calendar_tz,
        single_source: match calendars.as_slice() {
            [only] => Some(only.source.clone()),
            _ => None,
        },
        warnings: expansion
            .warnings
            .iter()
            .map(|w| note(&w.source, w.line, &w.message))
            .collect(),
        skipped_lines: expansion
            .skipped
            .iter()
            .map(|s| note(&s.source, s.line, &s.reason))
            .collect(),
    };
    drop(calendars);
    analyze_resolved(
        &expansion.occurrences,
        &context,
        options,
        &resolved,
        framework,
    )
}

fn note(source: &str, line: usize, message: &str) -> Note {
    Note {
        source: source.to_owned(),
        line,
        message: message.to_owned(),
    }
}
