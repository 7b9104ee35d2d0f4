//! Reading calendar inputs and zone flags, shared by `calendar expand` and `calendar analyze`.

use std::io::Read as _;
use std::path::Path;

use anyhow::{Context as _, bail};
use chrono_tz::Tz;

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

/// The name messages use for an input: its path, or `<stdin>` for `-`.
pub(super) fn source_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Read one input (`-` is stdin), refusing anything over `limit` bytes before reading it all.
pub(super) fn read_input(path: &Path, limit: usize) -> anyhow::Result<Vec<u8>> {
    let name = source_name(path);
    let reader: Box<dyn std::io::Read> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(path)
                .with_context(|| format!("cannot open {name}; check the path"))?,
        )
    };
    let mut bytes = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    if bytes.len() > limit {
        bail!(
            "{name}: more than {} MiB; export a shorter date range or split the file",
            limit / (1024 * 1024)
        );
    }
    Ok(bytes)
}
