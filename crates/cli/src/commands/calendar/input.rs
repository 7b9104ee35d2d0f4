//! Reading calendar inputs and zone flags, shared by `calendar expand` and `calendar analyze`.

use chrono_tz::Tz;

use crate::input::Kind;

/// The local zone: `TZ` when it names a zone, else the system setting, else UTC.
pub(super) fn local_zone() -> Tz {
    std::env::var("TZ")
        .ok()
        .and_then(|v| dualtrack_calendar::timezone::resolve_name(v.trim_start_matches(':')))
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .and_then(|n| dualtrack_calendar::timezone::resolve_name(&n))
        })
        .unwrap_or(Tz::UTC)
}

/// A `--tz` value: IANA or Windows zone name.
pub(super) fn parse_tz(s: &str) -> Result<Tz, String> {
    dualtrack_calendar::timezone::resolve_name(s)
        .ok_or_else(|| format!("unknown time zone {s:?}; use an IANA name such as Europe/Berlin"))
}

/// A calendar file: at most `limit` bytes (the engine's per-file limit).
pub(super) fn calendar(limit: usize) -> Kind {
    Kind::new("calendar", limit).hint("export a shorter date range or split the file")
}
