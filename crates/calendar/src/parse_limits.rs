//! Bounds that keep parsing and expansion finite on any input.

/// Resource bounds for [`parse`](crate::parse) and [`expand`](crate::expand).
///
/// Every bound is a guard against hostile or broken input, not a policy: the defaults are far
/// above what a real calendar needs, and hitting one produces a [`Warning`](crate::Warning)
/// (or, for `max_bytes`, an error) rather than a silent truncation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted by `parse`, in bytes.
    pub max_bytes: usize,
    /// Deepest component nesting accepted (`VCALENDAR > VEVENT > VALARM` is 3).
    pub max_depth: usize,
    /// Most instances one series may contribute to one expansion.
    pub max_instances_per_series: usize,
    /// Most candidate date-times the recurrence iterator may examine for one series
    /// (matching or not) before it gives up.
    pub max_candidates_per_series: u64,
    /// Most candidates examined over all series of one expansion (bounds the time a file
    /// full of slow rules can take).
    pub max_candidates_total: u64,
    /// Most occurrences one expansion returns in total. This, not `max_bytes`, bounds the
    /// expansion's memory (a small file of long series can yield millions of instances);
    /// 500,000 still holds ten years of a very busy calendar (occurrences share their event's
    /// text and lists, so each costs about its fixed-size fields).
    pub max_occurrences: usize,
    /// Most list entries (attendees, categories) handed out with occurrences in total. The
    /// lists are shared, not copied, but every consumer walks each occurrence's lists, so one
    /// event with a huge guest list repeated hourly would otherwise cost work far beyond
    /// `max_occurrences`.
    pub max_copied_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 16,
            max_instances_per_series: 10_000,
            max_candidates_per_series: 2_000_000,
            max_candidates_total: 50_000_000,
            max_occurrences: 500_000,
            max_copied_entries: 5_000_000,
        }
    }
}
