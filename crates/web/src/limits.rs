//! Request body limits. Every route has one; only calendar uploads get a large one.

/// Forms, JSON answers and query-driven pages.
pub const SMALL_BODY: usize = 64 * 1024;

/// An uploaded ladder file (TOML): far larger than any real ladder.
pub const LADDER_BODY: usize = 1024 * 1024;

/// The calendar files of one upload, together.
pub const CALENDAR_FILES: usize = 20 * 1024 * 1024;

/// The whole calendar request: the files plus room for the form's other fields and the
/// multipart framing, so a file of exactly 20 MB is still accepted.
pub const CALENDAR_BODY: usize = CALENDAR_FILES + SMALL_BODY;

/// The message for a calendar upload over the limit.
pub fn calendar_too_large() -> String {
    format!(
        "Calendar uploads are limited to {} MB in total. Export a shorter date range, or upload \
         fewer calendars at once.",
        CALENDAR_FILES / (1024 * 1024)
    )
}
