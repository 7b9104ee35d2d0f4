//! `dualtrack calendar expand`: list every occurrence of one or more `.ics` exports inside a
//! date window, for checking the expansion against another calendar tool.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use chrono_tz::Tz;

use super::input::{calendar, local_zone, parse_tz};
use crate::input::{origin, read_bytes};
use dualtrack_calendar::{
    Calendar, EventStatus, EventTime, ExpandWindow, Expansion, Limits, Occurrence, expand,
    parse_with_limits,
};

/// Output formats of `calendar expand`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ExpandFormat {
    /// An aligned table (times in --tz).
    #[default]
    Text,
    /// One JSON array of occurrences.
    Json,
    /// One row per occurrence, with a header row.
    Csv,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    dualtrack calendar expand work.ics --from 2026-01-05 --to 2026-01-12\n  \
    dualtrack calendar expand a.ics b.ics --from 2026-01-01 --to 2027-01-01 --tz Europe/Berlin --format json\n  \
    dualtrack calendar expand - --from 2026-03-01 --to 2026-04-01 --format csv < export.ics\n\n\
    Warnings and skipped lines are written to stderr; stdout holds only the listing.")]
pub struct ExpandArgs {
    /// Calendar exports (.ics); `-` reads stdin. Several files are merged (one copy per UID).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// First day of the window (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub from: NaiveDate,

    /// Day after the window (YYYY-MM-DD, exclusive).
    #[arg(long, value_name = "DATE")]
    pub to: NaiveDate,

    /// Zone the window's dates and floating times are read in (IANA or Windows name).
    /// Defaults to the first calendar's X-WR-TIMEZONE, then to the local zone.
    #[arg(long, value_name = "ZONE", value_parser = parse_tz)]
    pub tz: Option<Tz>,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ExpandFormat,

    /// Include event titles (left out by default: calendars are private).
    #[arg(long)]
    pub explain: bool,
}

pub fn run(args: ExpandArgs) -> anyhow::Result<ExitCode> {
    if args.to <= args.from {
        bail!(
            "--to ({}) must be after --from ({}); --to is the first day NOT included",
            args.to,
            args.from
        );
    }
    let limits = Limits::default();
    let mut calendars = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let bytes = read_bytes(path, calendar(limits.max_bytes))?;
        let cal = parse_with_limits(&bytes, &origin(path), &limits)?;
        calendars.push(cal);
    }
    let tz = args.tz.unwrap_or_else(|| default_tz(&calendars));
    let window = ExpandWindow {
        from: args.from,
        to: args.to,
        tz,
    };
    let mut expansion = expand(&calendars, &window, &limits);
    if !args.explain {
        for o in &mut expansion.occurrences {
            o.summary = None;
        }
    }
    report_problems(&expansion);
    let text = match args.format {
        ExpandFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&expansion.occurrences)?
        ),
        ExpandFormat::Csv => csv(&expansion.occurrences),
        ExpandFormat::Text => format!("{}\n", table(&expansion.occurrences, tz, args.explain)),
    };
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Write the listing; a reader that stops early (`| head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other.context("cannot write to stdout")?),
    }
}

/// Skipped lines and warnings on stderr, then how many lines were skipped.
fn report_problems(expansion: &Expansion) {
    for s in &expansion.skipped {
        eprintln!("{s}");
    }
    for w in &expansion.warnings {
        eprintln!("{w}");
    }
    match expansion.skipped.len() {
        0 => {}
        1 => eprintln!("note: 1 line was skipped; the rest of the calendar was used"),
        n => eprintln!("note: {n} lines were skipped; the rest of the calendar was used"),
    }
}

/// The zone `calendar analyze` would choose: X-WR-TIMEZONE, else the zone of most timed
/// events, else the local zone.
fn default_tz(calendars: &[Calendar]) -> Tz {
    dualtrack_calendar::analysis::choose_zone(None, local_zone(), calendars).tz
}

fn status(s: EventStatus) -> &'static str {
    match s {
        EventStatus::Confirmed => "confirmed",
        EventStatus::Tentative => "tentative",
        EventStatus::Cancelled => "cancelled",
    }
}

/// An `EventTime` as the JSON output writes it.
fn stamp(t: &EventTime) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv(occurrences: &[Occurrence]) -> String {
    let mut out = String::from(
        "uid,start,end,all_day,status,transparent,recurring,recurrence_id,event_kind,organizer,attendees,categories,line,summary\n",
    );
    for o in occurrences {
        let row = [
            o.uid.to_string(),
            stamp(&o.start),
            stamp(&o.end),
            o.all_day.to_string(),
            status(o.status).to_owned(),
            o.transparent.to_string(),
            o.recurring.to_string(),
            o.recurrence_id.as_ref().map(stamp).unwrap_or_default(),
            o.event_kind.as_deref().unwrap_or_default().to_owned(),
            o.organizer.as_deref().unwrap_or_default().to_owned(),
            o.attendees.len().to_string(),
            o.categories.join(";"),
            o.line.to_string(),
            o.summary.as_deref().unwrap_or_default().to_owned(),
        ];
        let row: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// Start and end on the wall clock of `tz` ("all day" for dates).
fn when(o: &Occurrence, tz: Tz) -> (String, String) {
    if let (EventTime::Date(s), EventTime::Date(e)) = (&o.start, &o.end) {
        let last = e.pred_opt().filter(|l| l > s).unwrap_or(*s);
        let span = if last == *s {
            "all day".to_owned()
        } else {
            format!("all day to {last}")
        };
        return (s.format("%Y-%m-%d %a").to_string(), span);
    }
    let start = o.start_in(tz);
    let end = o.end_in(tz);
    let end_text = if end.date_naive() == start.date_naive() {
        end.format("%H:%M").to_string()
    } else {
        end.format("%Y-%m-%d %H:%M").to_string()
    };
    let floating = if matches!(o.start, EventTime::Floating(_)) {
        " (floating)"
    } else {
        ""
    };
    (
        format!("{}{floating}", start.format("%Y-%m-%d %a %H:%M")),
        end_text,
    )
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

fn table(occurrences: &[Occurrence], tz: Tz, explain: bool) -> String {
    let mut t = crate::output::table(&[]);
    let mut header = vec![
        "start".to_owned(),
        format!("end ({tz})"),
        "status".to_owned(),
        "flags".to_owned(),
    ];
    header.push(if explain {
        "title".to_owned()
    } else {
        "uid".to_owned()
    });
    t.set_header(header);
    for o in occurrences {
        let (start, end) = when(o, tz);
        let mut flags = Vec::new();
        if o.recurring {
            flags.push("series");
        }
        if o.transparent {
            flags.push("free");
        }
        let last: String = if explain {
            o.summary.as_deref().unwrap_or_default().to_owned()
        } else {
            shorten(&o.uid, 30)
        };
        t.add_row(vec![
            start,
            end,
            status(o.status).to_owned(),
            flags.join(","),
            last,
        ]);
    }
    format!("{t}\n{} occurrences", occurrences.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
