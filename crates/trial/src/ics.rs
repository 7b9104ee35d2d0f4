//! The trial's dates as an iCalendar feed (RFC 5545) the person can subscribe to: the weekly
//! check-in as one recurring all-day event, and one all-day event per review.
//!
//! Pure: the shell passes the `DTSTAMP` (the time the feed is generated). Lines end in CRLF and
//! are folded at 75 octets without splitting a UTF-8 character; text values are escaped.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::content::TrialContent;
use crate::trial::Trial;

/// RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values.
#[must_use]
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 3.1: fold a content line into physical lines of at most 75 octets (the leading
/// space of a continuation counts), each ending in CRLF.
#[must_use]
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Render the feed. `dtstamp` is when it was generated (the shell's clock).
#[must_use]
pub fn render_ics(trial: &Trial, content: &TrialContent, dtstamp: DateTime<Utc>) -> String {
    let schedule = trial.schedule(content);
    let stamp = dtstamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//dualtrack//trial//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            escape_text(&format!("Trial: {}", trial.spec.kind.label()))
        ),
    ];
    let mut event =
        |uid: String, day: NaiveDate, rrule: Option<String>, summary: &str, description: &str| {
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!("UID:{uid}"));
            lines.push(format!("DTSTAMP:{stamp}"));
            lines.push(format!("DTSTART;VALUE=DATE:{}", date(day)));
            let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
            lines.push(format!("DTEND;VALUE=DATE:{}", date(next)));
            if let Some(rule) = rrule {
                lines.push(format!("RRULE:{rule}"));
            }
            lines.push(format!("SUMMARY:{}", escape_text(summary)));
            lines.push(format!("DESCRIPTION:{}", escape_text(description)));
            // Reminders are not busy time: keep them out of free/busy and of calendar analysis.
            lines.push("TRANSP:TRANSPARENT".into());
            lines.push("END:VEVENT".into());
        };
    if let Some(first) = schedule.checkins.first() {
        event(
            format!("{}-checkin@dualtrack", trial.id),
            *first,
            Some(format!("FREQ=WEEKLY;COUNT={}", schedule.checkins.len())),
            "Trial check-in",
            "A minute's check-in on this week of the trial: what gave you energy, what drained you, whether hard feedback was given or put off, whether you missed building, who you helped grow.",
        );
    }
    for gate in &schedule.gates {
        event(
            format!("{}-{}@dualtrack", trial.id, gate.id),
            gate.date,
            None,
            &format!("Trial review: {}", gate.title),
            "Answer the six questions again, mark your exit criteria met or not met, and read the recommendation with its reasons.",
        );
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold_line(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
        assert_eq!(fold_line("SHORT"), "SHORT\r\n");
    }
}
