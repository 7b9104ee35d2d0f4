//! `.ics` bytes -> [`Calendar`]: events with their zones resolved, and the lines that were skipped.

use serde::Serialize;

use crate::ics::event::{Sink, build};
use crate::ics::lexer::{self, BlockKind};
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
    let scan = lexer::scan(text, limits.max_depth.max(2));
    if !scan.looks_like_ical {
        return Err(CalendarError::NotICalendar {
            file: source.to_string(),
        });
    }
    let mut skipped: Vec<SkippedLine> = scan
        .skipped
        .into_iter()
        .map(|(line, reason)| SkippedLine {
            source: source.to_string(),
            line,
            reason,
        })
        .collect();
    let mut warnings = Vec::new();
    let mut zones = ZoneTable::new(scan.x_wr_timezone.as_deref());
    // Zones first: a VTIMEZONE may come after the events that use it. Events are then parsed
    // and built one at a time so calcard's trees never pile up.
    for block in scan.blocks.iter().filter(|b| b.kind == BlockKind::Timezone) {
        match read_block(block) {
            Ok(ical) => zones.add_block(&ical, source, block.line, &mut warnings),
            Err(reason) => skipped.push(SkippedLine {
                source: source.to_string(),
                line: block.line,
                reason,
            }),
        }
    }
    let mut events = Vec::new();
    let mut sink = Sink {
        source,
        skipped: &mut skipped,
        warnings: &mut warnings,
        zones: &mut zones,
    };
    for block in scan.blocks.iter().filter(|b| b.kind == BlockKind::Event) {
        let ical = match read_block(block) {
            Ok(ical) => ical,
            Err(reason) => {
                sink.skipped.push(SkippedLine {
                    source: source.to_string(),
                    line: block.line,
                    reason,
                });
                continue;
            }
        };
        let Some(comp) = ical.components.first() else {
            continue;
        };
        match build(comp, &block.props, block.line, &mut sink) {
            Ok(ev) => events.push(ev),
            Err((line, why)) => sink.skipped.push(SkippedLine {
                source: source.to_string(),
                line,
                reason: format!(
                    "{why}; the event starting at line {} was left out",
                    block.line
                ),
            }),
        }
    }
    skipped.sort_by_key(|s| s.line);
    Ok(Calendar {
        source: source.to_string(),
        x_wr_timezone: scan.x_wr_timezone,
        x_wr_calname: scan.x_wr_calname,
        events,
        skipped,
        warnings,
    })
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
        calcard::Entry::UnterminatedComponent(c) => format!("{c} is never ended"),
        calcard::Entry::UnexpectedComponentEnd { found, .. } => {
            format!("unexpected END:{}", found.as_str())
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
