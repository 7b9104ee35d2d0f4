//! The TZIDs of one file, resolved once each (see [`crate::timezone`] for the order).

use std::collections::HashMap;
use std::sync::Arc;

use calcard::icalendar::{ICalendar, ICalendarProperty, ICalendarValue};

use crate::timezone::{CustomZone, Zone, is_display_name, resolve_exact, resolve_name};
use crate::{Warning, WarningKind};

/// TZID -> zone for one calendar file (`None`: unresolvable, read as the fallback).
#[derive(Debug, Default)]
pub(crate) struct ZoneTable {
    by_tzid: HashMap<String, Option<Zone>>,
    /// X-WR-TIMEZONE, for TZIDs nothing else resolves.
    fallback: Option<Zone>,
}

impl ZoneTable {
    pub(crate) fn new(x_wr_timezone: Option<&str>) -> ZoneTable {
        ZoneTable {
            by_tzid: HashMap::new(),
            fallback: x_wr_timezone.and_then(resolve_name).map(Zone::Iana),
        }
    }

    /// Set the `X-WR-TIMEZONE` read for TZIDs nothing else resolves (before any lookup).
    pub(crate) fn set_fallback(&mut self, x_wr_timezone: Option<&str>) {
        self.fallback = x_wr_timezone.and_then(resolve_name).map(Zone::Iana);
    }

    /// Register one parsed `VTIMEZONE` block.
    pub(crate) fn add_block(
        &mut self,
        ical: &ICalendar,
        source: &str,
        line: usize,
        warnings: &mut Vec<Warning>,
    ) {
        let Some(root) = ical.components.first() else {
            return;
        };
        let Some(tzid) = root
            .entries
            .iter()
            .find_map(|e| match (&e.name, e.values.first()) {
                (ICalendarProperty::Tzid, Some(ICalendarValue::Text(t))) => {
                    Some(t.trim().to_string())
                }
                _ => None,
            })
        else {
            return;
        };
        let named = if is_display_name(&tzid) {
            None
        } else {
            resolve_exact(&tzid)
        };
        let aliased = || match root.timezone() {
            Some((_, calcard::common::timezone::Tz::Tz(tz))) => Some(tz),
            _ => None,
        };
        let custom = || CustomZone::from_vtimezone(&tzid, ical);
        let zone = if let Some(tz) = named.or_else(aliased) {
            Some(Zone::Iana(tz))
        } else if let Some(c) = custom() {
            warnings.push(Warning {
                kind: WarningKind::CustomZoneRules,
                source: source.to_string(),
                line,
                uid: None,
                message: format!(
                    "time zone `{}` is not an exact zone name; its times are read with the \
                     STANDARD/DAYLIGHT rules of its own VTIMEZONE block",
                    crate::quote::excerpt(&tzid)
                ),
            });
            Some(Zone::Custom(Arc::new(c)))
        } else {
            // No usable rules: a name in another letter case, or the offset-only table lookup
            // of a display name, is the best left.
            resolve_name(&tzid).map(Zone::Iana)
        };
        self.by_tzid.insert(tzid, zone);
    }

    /// The zone for a TZID used at `line`; `None` means "read as floating".
    pub(crate) fn lookup(
        &mut self,
        tzid: &str,
        source: &str,
        line: usize,
        warnings: &mut Vec<Warning>,
    ) -> Option<Zone> {
        let tzid = tzid.trim();
        if let Some(z) = self.by_tzid.get(tzid) {
            return z.clone().or_else(|| self.fallback.clone());
        }
        let zone = resolve_name(tzid).map(Zone::Iana);
        if zone.is_none() {
            let then = match &self.fallback {
                Some(f) => format!("read in the calendar's X-WR-TIMEZONE ({})", f.name()),
                None => "read as floating (in the analysis time zone)".to_string(),
            };
            warnings.push(Warning {
                kind: WarningKind::UnknownZone,
                source: source.to_string(),
                line,
                uid: None,
                message: format!(
                    "time zone `{}` is unknown and has no VTIMEZONE block; its times are {then}",
                    crate::quote::excerpt(tzid)
                ),
            });
        }
        self.by_tzid.insert(tzid.to_string(), zone.clone());
        zone.or_else(|| self.fallback.clone())
    }
}
