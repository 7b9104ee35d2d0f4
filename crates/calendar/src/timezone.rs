//! Zones: IANA names, Windows names, and `VTIMEZONE` blocks evaluated from their own rules.
//!
//! A `TZID` is resolved, in order: as an IANA name (also with vendor prefixes such as
//! `/mozilla.org/20050126_1/Europe/Berlin`), as a Windows name (`W. Europe Standard Time`),
//! through the block's `X-LIC-LOCATION` / `X-MICROSOFT-CDO-TZID`, as an IANA name in any
//! letter case, and finally from the block's own STANDARD/DAYLIGHT rules (Outlook's
//! "Customized Time Zone"). Only when all of these fail is a time read as floating.

use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Offset, TimeZone};

pub use crate::timezone_rules::CustomZone;

/// The zone a zoned time was written in.
#[derive(Debug, Clone)]
pub enum Zone {
    Utc,
    Iana(chrono_tz::Tz),
    /// A bare UTC offset (written as `+0100` where the RFC wants `Z`, or `Etc/GMT-1`).
    Fixed(FixedOffset),
    /// A `VTIMEZONE` evaluated from its own rules.
    Custom(Arc<CustomZone>),
}

impl Zone {
    /// The zone's name for messages.
    pub fn name(&self) -> String {
        match self {
            Zone::Utc => "UTC".to_string(),
            Zone::Iana(tz) => tz.name().to_string(),
            Zone::Fixed(o) => o.to_string(),
            Zone::Custom(c) => c.tzid.clone(),
        }
    }

    /// The offset in force at a UTC instant.
    pub fn offset_at_utc(&self, utc: NaiveDateTime) -> FixedOffset {
        match self {
            Zone::Utc => FixedOffset::east_opt(0).unwrap_or(utc_offset()),
            Zone::Iana(tz) => tz.offset_from_utc_datetime(&utc).fix(),
            Zone::Fixed(o) => *o,
            Zone::Custom(c) => c.offset_at_utc(utc),
        }
    }

    /// Wall-clock time in this zone at a UTC instant.
    pub fn to_local(&self, utc: NaiveDateTime) -> NaiveDateTime {
        let offset = self.offset_at_utc(utc);
        utc.checked_add_signed(chrono::Duration::seconds(i64::from(
            offset.local_minus_utc(),
        )))
        .unwrap_or(utc)
    }

    /// The instant a wall-clock time in this zone denotes. A time inside a DST gap is moved
    /// forward by the gap and a time that occurs twice takes the first (RFC 5545 3.3.5).
    pub fn to_instant(&self, local: NaiveDateTime) -> DateTime<FixedOffset> {
        let offset = match self {
            Zone::Utc => utc_offset(),
            Zone::Fixed(o) => *o,
            Zone::Iana(tz) => match tz.from_local_datetime(&local) {
                LocalResult::Single(t) => t.offset().fix(),
                LocalResult::Ambiguous(first, _) => first.offset().fix(),
                LocalResult::None => self.offset_before(local),
            },
            Zone::Custom(c) => c
                .local_offset(local)
                .unwrap_or_else(|| self.offset_before(local)),
        };
        // Express the instant with the offset actually in force then (after a gap that is
        // the new offset, not the one used to read the wall clock).
        let t = instant(local, offset);
        let actual = self.offset_at_utc(t.naive_utc());
        t.with_timezone(&actual)
    }

    /// The offset in force well before `local` (used to step over a gap).
    fn offset_before(&self, local: NaiveDateTime) -> FixedOffset {
        let earlier = local
            .checked_sub_signed(chrono::Duration::hours(26))
            .unwrap_or(local);
        self.offset_at_utc(earlier)
    }
}

fn utc_offset() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap_or_else(|| chrono::Utc.fix())
}

/// `local` read with `offset`, as an instant carrying that offset.
pub(crate) fn instant(local: NaiveDateTime, offset: FixedOffset) -> DateTime<FixedOffset> {
    let utc = local
        .checked_sub_signed(chrono::Duration::seconds(i64::from(
            offset.local_minus_utc(),
        )))
        .unwrap_or(local);
    offset.from_utc_datetime(&utc)
}

/// Like [`resolve_name`] but only exact spellings (IANA, vendor-prefixed IANA, Windows):
/// a name that only matches in another letter case is weaker evidence than a block's rules.
pub(crate) fn resolve_exact(name: &str) -> Option<chrono_tz::Tz> {
    match calcard::common::timezone::Tz::from_str(name.trim()) {
        Ok(calcard::common::timezone::Tz::Tz(tz)) => Some(tz),
        _ => None,
    }
}

/// Resolve a zone name the way calendar exports write it: an IANA name, a Windows name
/// (`W. Europe Standard Time`), or a vendor-prefixed IANA name (`/mozilla.org/.../Europe/Berlin`).
pub fn resolve_name(name: &str) -> Option<chrono_tz::Tz> {
    let name = name.trim().trim_matches('"');
    if name.is_empty() {
        return None;
    }
    if let Ok(calcard::common::timezone::Tz::Tz(tz)) = calcard::common::timezone::Tz::from_str(name)
    {
        return Some(tz);
    }
    let bare = name.rsplit_once("/SystemV/").map_or(name, |(_, rest)| rest);
    chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(bare))
        .copied()
}

/// True for names that only describe an offset, such as Outlook's display names
/// `(UTC+01:00) Amsterdam, Berlin, ...`: a table lookup turns them into a fixed offset, which
/// is wrong half the year when the block itself carries DST rules.
pub(crate) fn is_display_name(name: &str) -> bool {
    let t = name.trim_start();
    t.starts_with("(UTC") || t.starts_with("(GMT")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn resolves_iana_windows_prefixed_and_any_case() {
        assert_eq!(
            resolve_name("Europe/Berlin"),
            Some(chrono_tz::Europe::Berlin)
        );
        assert_eq!(
            resolve_name("W. Europe Standard Time"),
            Some(chrono_tz::Europe::Berlin)
        );
        assert_eq!(
            resolve_name("Pacific Standard Time"),
            Some(chrono_tz::America::Los_Angeles)
        );
        assert_eq!(
            resolve_name("/mozilla.org/20050126_1/Europe/Berlin"),
            Some(chrono_tz::Europe::Berlin)
        );
        assert_eq!(
            resolve_name("Europe/lisbon"),
            Some(chrono_tz::Europe::Lisbon)
        );
        assert_eq!(resolve_name("Customized Time Zone"), None);
        assert_eq!(resolve_name(""), None);
    }

    #[test]
    fn gap_moves_forward_and_fold_takes_the_first() {
        let berlin = Zone::Iana(chrono_tz::Europe::Berlin);
        // 2024-03-31 02:30 does not exist in Berlin: read as 03:30 CEST.
        let t = berlin.to_instant(local(2024, 3, 31, 2, 30));
        assert_eq!(t.to_rfc3339(), "2024-03-31T03:30:00+02:00");
        // 2024-10-27 02:30 happens twice: the first is still CEST.
        let t = berlin.to_instant(local(2024, 10, 27, 2, 30));
        assert_eq!(t.to_rfc3339(), "2024-10-27T02:30:00+02:00");
    }

    #[test]
    fn display_names_are_recognised() {
        assert!(is_display_name(
            "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"
        ));
        assert!(!is_display_name("Europe/Berlin"));
    }
}
