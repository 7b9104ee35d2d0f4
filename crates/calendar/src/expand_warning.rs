//! Caveats about an expansion that the user should see (on stderr, in a report).

use serde::Serialize;

/// What kind of caveat a [`Warning`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A series produced more instances in the window than `Limits::max_instances_per_series`.
    SeriesCapped,
    /// The recurrence iterator examined `Limits::max_candidates_per_series` candidates and gave up.
    IteratorGaveUp,
    /// The expansion hit `Limits::max_occurrences` and stopped.
    TotalCapped,
    /// A `TZID` no zone database knows, evaluated from its own `VTIMEZONE` rules.
    CustomZoneRules,
    /// A `TZID` that could not be resolved at all; its times were read as floating.
    UnknownZone,
    /// A recurrence rule or date that could not be used (the event keeps its first instance).
    BadRecurrence,
    /// A DTEND before DTSTART or a negative DURATION; the event was read as instantaneous.
    BadTimes,
    /// The same UID (and RECURRENCE-ID) appeared more than once; one copy was kept.
    Duplicate,
    /// An override (`RECURRENCE-ID`) whose series was not found; shown on its own.
    OrphanOverride,
}

/// A caveat about the input or the expansion; the run went on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    pub source: String,
    /// 1-based line the warning is about (the `BEGIN:VEVENT` or `BEGIN:VTIMEZONE`), 0 if none.
    pub line: usize,
    pub uid: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: warning: {}",
            self.source, self.line, self.message
        )
    }
}
