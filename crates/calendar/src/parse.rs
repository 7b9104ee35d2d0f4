//! `.ics` bytes -> [`Calendar`]: events with their zones resolved, and the lines that were skipped.

use serde::Serialize;

use crate::ics::event::{Sink, build};
use crate::ics::lexer::{self, BlockKind, Want};
use crate::parse_zones::ZoneTable;
use crate::{CalendarError, Limits, Warning};

/// A parsed calendar file: what [`expand`](crate::expand) works from.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The name the caller gave the input (a path, `-` for stdin, an upload name).
    pub source: String,
    /// `X-WR-TIMEZONE`: the zone the exporting application displays this calendar in.
    pub x_wr_timezone: Option<String>,
    /// `X-WR-CALNAME`: the calendar's display name.
    pub x_wr_calname: Option<String>,
    /// Every `VEVENT`, masters and `RECURRENCE-ID` overrides alike, in file order.
    pub events: Vec<crate::Event>,
    /// Lines (or whole components) that could not be read and were left out.
    pub skipped: Vec<SkippedLine>,
    /// Things that were read, but with a caveat (e.g. a zone resolved from its own rules).
    pub warnings: Vec<Warning>,
}

impl Calendar {
    /// The IANA zone named by `X-WR-TIMEZONE`, when it names one we know.
    pub fn default_tz(&self) -> Option<chrono_tz::Tz> {
        self.x_wr_timezone
            .as_deref()
            .and_then(crate::timezone::resolve_name)
    }
}

/// One line (or one component starting at that line) that was not used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedLine {
    pub source: String,
    /// 1-based physical line number where the problem starts.
    pub line: usize,
    /// What was wrong, in words a user can act on.
    pub reason: String,
}

impl std::fmt::Display for SkippedLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: skipped: {}", self.source, self.line, self.reason)
    }
}

/// Parse one `.ics` file with the default [`Limits`].
pub fn parse(bytes: &[u8], source: &str) -> Result<Calendar, CalendarError> {
    parse_with_limits(bytes, source, &Limits::default())
}

/// Parse one `.ics` file.
///
/// Fails only when the whole input is unusable (too large, not iCalendar at all); a bad line
/// or a bad event is recorded in [`Calendar::skipped`] and parsing goes on.
pub fn parse_with_limits(
    bytes: &[u8],
    source: &str,
    limits: &Limits,
) -> Result<Calendar, CalendarError> {
    if bytes.len() > limits.max_bytes {
        return Err(CalendarError::TooLarge {
            file: source.to_string(),
            bytes: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    let text = String::from_utf8_lossy(bytes);
    // Old Mac exports end lines with a bare CR.
    let text = if text.contains('\r') && !text.contains('\n') {
        std::borrow::Cow::Owned(text.replace('\r', "\n"))
    } else {
        text
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let max_depth = limits.max_depth.max(2);
    // Zones must be known before the events that use them are built. Exports put their
    // VTIMEZONEs (and X-WR-TIMEZONE) first, so one streaming pass does; when the lexer
    // reports zone information after an event, the file is read again, zones first.
    let mut read = Reading::new(source);
    let mut scan = lexer::scan(text, max_depth, Want::All, &mut |b, head| {
        read.block(b, head)
    });
    let mut x_wr_timezone = scan.x_wr_timezone.clone();
    if scan.late_zone_info {
        read = Reading::new(source);
        let head = lexer::scan(text, max_depth, Want::Timezones, &mut |b, _| {
            read.zone(&b);
        });
        read.zones.set_fallback(head.x_wr_timezone.as_deref());
        read.fallback_set = true;
        scan = lexer::scan(text, max_depth, Want::Events, &mut |b, h| read.block(b, h));
        x_wr_timezone = head.x_wr_timezone;
    }
    if !scan.looks_like_ical {
        return Err(CalendarError::NotICalendar {
            file: source.to_string(),
        });
    }
    // The line pass's own reports first, as their order among equal lines was before.
    let mut skipped: Vec<SkippedLine> = scan
        .skipped
        .into_iter()
        .map(|(line, reason)| SkippedLine {
            source: source.to_string(),
            line,
            reason,
        })
        .collect();
    skipped.append(&mut read.skipped);
    skipped.sort_by_key(|s| s.line);
    read.events.shrink_to_fit();
    Ok(Calendar {
        source: source.to_string(),
        x_wr_timezone,
        x_wr_calname: scan.x_wr_calname,
        events: read.events,
        skipped,
        warnings: read.warnings,
    })
}

/// The state of one streaming read: each block is turned into an `Event` (or a zone) as
/// soon as the lexer finishes it, and its calcard tree dropped.
struct Reading<'s> {
    source: &'s str,
    zones: ZoneTable,
    fallback_set: bool,
    events: Vec<crate::Event>,
    skipped: Vec<SkippedLine>,
    warnings: Vec<Warning>,
}

impl<'s> Reading<'s> {
    fn new(source: &'s str) -> Self {
        Reading {
            source,
            zones: ZoneTable::new(None),
            fallback_set: false,
            events: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn skip(&mut self, line: usize, reason: String) {
        self.skipped.push(SkippedLine {
            source: self.source.to_string(),
            line,
            reason,
        });
    }

    /// Register one `VTIMEZONE` block, or record why it could not be read.
    fn zone(&mut self, block: &lexer::Block<'_>) {
        match read_block(block) {
            Ok(ical) => {
                self.zones
                    .add_block(&ical, self.source, block.line, &mut self.warnings);
            }
            Err(reason) => self.skip(block.line, reason),
        }
    }

    fn block(&mut self, block: lexer::Block<'_>, head: &lexer::Scan) {
        if block.kind == BlockKind::Timezone {
            self.zone(&block);
            return;
        }
        if !self.fallback_set {
            // X-WR-TIMEZONE comes before the first event (or the file is read again).
            self.zones.set_fallback(head.x_wr_timezone.as_deref());
            self.fallback_set = true;
        }
        let ical = match read_block(&block) {
            Ok(ical) => ical,
            Err(reason) => return self.skip(block.line, reason),
        };
        let Some(comp) = ical.components.first() else {
            return;
        };
        let mut sink = Sink {
            source: self.source,
            skipped: &mut self.skipped,
            warnings: &mut self.warnings,
            zones: &mut self.zones,
        };
        match build(comp, &block.props, block.line, &mut sink) {
            Ok(ev) => self.events.push(ev),
            Err((line, why)) => self.skip(
                line,
                format!(
                    "{why}; the event starting at line {} was left out",
                    block.line
                ),
            ),
        }
    }
}

/// One block through calcard.
fn read_block(block: &lexer::Block<'_>) -> Result<calcard::icalendar::ICalendar, String> {
    match calcard::Parser::new(&block.text).entry() {
        calcard::Entry::ICalendar(ical) => Ok(ical),
        other => Err(format!(
            "the component could not be read ({})",
            entry_problem(&other)
        )),
    }
}

fn entry_problem(e: &calcard::Entry) -> String {
    match e {
        calcard::Entry::TooManyComponents => "too many nested components".to_string(),
        calcard::Entry::UnterminatedComponent(c) => {
            format!("{} is never ended", crate::quote::excerpt(c.as_ref()))
        }
        calcard::Entry::UnexpectedComponentEnd { found, .. } => {
            format!("unexpected END:{}", crate::quote::excerpt(found.as_str()))
        }
        _ => "unreadable content".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = "BEGIN:VCALENDAR\nX-WR-CALNAME:Team\\, shared\nX-WR-TIMEZONE:W. Europe Standard Time\n\
                         BEGIN:VEVENT\nUID:1\nDTSTART:20240101T090000Z\nSUMMARY:caf\u{e9}\nEND:VEVENT\nEND:VCALENDAR\n";

    #[test]
    fn reads_calendar_properties_and_resolves_the_default_zone() {
        let cal = parse(EVENT.as_bytes(), "a.ics").unwrap();
        assert_eq!(cal.x_wr_calname.as_deref(), Some("Team, shared"));
        assert_eq!(cal.default_tz(), Some(chrono_tz::Europe::Berlin));
        assert_eq!(cal.events.len(), 1);
        assert_eq!(cal.events[0].summary.as_deref(), Some("café"));
    }

    #[test]
    fn accepts_bom_bare_cr_and_invalid_utf8() {
        let with_bom = format!("\u{feff}{EVENT}");
        assert_eq!(
            parse(with_bom.as_bytes(), "bom.ics").unwrap().events.len(),
            1
        );
        let cr = EVENT.replace('\n', "\r");
        assert_eq!(parse(cr.as_bytes(), "mac.ics").unwrap().events.len(), 1);
        let mut latin1 = EVENT.replace("caf\u{e9}", "cafX").into_bytes();
        let at = latin1.iter().rposition(|b| *b == b'X').unwrap();
        latin1[at] = 0xe9;
        let cal = parse(&latin1, "latin1.ics").unwrap();
        assert_eq!(cal.events[0].summary.as_deref(), Some("caf\u{fffd}"));
    }

    #[test]
    fn zones_after_the_events_are_still_applied() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;TZID=Office:20240101T090000\n\
                    END:VEVENT\nX-WR-TIMEZONE:Europe/Paris\nBEGIN:VTIMEZONE\nTZID:Office\n\
                    X-LIC-LOCATION:America/New_York\nEND:VTIMEZONE\nBEGIN:VEVENT\nUID:b\n\
                    DTSTART;TZID=Nowhere:20240101T090000\nEND:VEVENT\nEND:VCALENDAR\n";
        let cal = parse(text.as_bytes(), "late.ics").unwrap();
        assert_eq!(cal.x_wr_timezone.as_deref(), Some("Europe/Paris"));
        let offsets: Vec<String> = cal
            .events
            .iter()
            .map(|e| match e.start() {
                crate::EventTime::Zoned(t) => t.offset().to_string(),
                other => format!("{other:?}"),
            })
            .collect();
        // New York from the later VTIMEZONE; the unknown zone falls back to X-WR-TIMEZONE.
        assert_eq!(offsets, ["-05:00", "+01:00"]);
        assert!(cal.skipped.is_empty(), "{:?}", cal.skipped);
    }

    #[test]
    fn an_event_without_dtstart_is_skipped_with_its_line() {
        let text =
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:no start\nEND:VEVENT\nEND:VCALENDAR\n";
        let cal = parse(text.as_bytes(), "x.ics").unwrap();
        assert!(cal.events.is_empty());
        assert_eq!(cal.skipped.len(), 1);
        assert_eq!(cal.skipped[0].line, 2);
        assert!(
            cal.skipped[0].reason.contains("no DTSTART"),
            "{}",
            cal.skipped[0].reason
        );
    }
}
