//! Criterion benchmarks of the analysis: the classification and per-day measurement alone on
//! a synthetic year, and the whole pipeline (parse, expand, analyse) on the real Google export
//! when `../shared/bench/google-export-4778-events.ics` is present. End-to-end figures with a
//! peer comparison come from `bench/calendar.sh`; see docs/PERFORMANCE.md.

#![allow(clippy::unwrap_used)] // reason: a benchmark driver fails loudly on bad setup; it serves no input

use std::hint::black_box;
use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use criterion::{Criterion, criterion_group, criterion_main};
use dualtrack_calendar::analysis::{Context, analyze_occurrences};
use dualtrack_calendar::{
    AnalyzeOptions, Attendee, EventStatus, EventTime, Occurrence, PartStat, analyze,
};
use dualtrack_framework::Framework;

const TITLES: [&str; 8] = [
    "Team standup",
    "Ana / me 1:1",
    "Sprint planning",
    "Design review",
    "Interview",
    "Customer call",
    "Focus time",
    "Lunch",
];

/// A busy year: eight meetings on every weekday of 2025, some overlapping.
fn synthetic_year() -> Vec<Occurrence> {
    let mut out = Vec::new();
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    for (d, day) in first.iter_days().take(365).enumerate() {
        for slot in 0..8_usize {
            let start = day
                .and_hms_opt(8 + u32::try_from(slot).unwrap_or(0), 15, 0)
                .unwrap_or_default();
            let title = TITLES[(d + slot) % TITLES.len()];
            out.push(Occurrence {
                uid: format!("{d}-{slot}@bench").into(),
                recurrence_id: None,
                start: EventTime::Floating(start),
                end: EventTime::Floating(start + Duration::minutes(75)),
                all_day: false,
                summary: Some(title.into()),
                status: EventStatus::Confirmed,
                transparent: false,
                organizer: Some("ana@acme.com".into()),
                attendees: ["me@acme.com", "ana@acme.com", "ben@acme.com"]
                    .into_iter()
                    .take(2 + slot % 2)
                    .map(|e| Attendee {
                        email: e.to_owned(),
                        partstat: PartStat::Accepted,
                        is_resource: false,
                    })
                    .collect(),
                recurring: slot % 3 == 0,
                categories: Vec::new().into(),
                event_kind: None,
                line: 1,
            });
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let framework = Framework::embedded().unwrap_or_else(|e| panic!("framework: {e}"));
    let occ = synthetic_year();
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let mut options = AnalyzeOptions::new(date(2025, 1, 1), date(2026, 1, 1));
    options.tz = Some(Tz::Europe__Berlin);
    options.owner = Some("me@acme.com".to_owned());
    c.bench_function("analyze_occurrences/synthetic_year_2920", |b| {
        b.iter(|| analyze_occurrences(black_box(&occ), &Context::default(), &options, &framework))
    });

    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/bench/google-export-4778-events.ics");
    if let Ok(bytes) = std::fs::read(&real) {
        let options = AnalyzeOptions::new(date(2013, 1, 1), date(2014, 1, 1));
        c.bench_function("analyze/google_export_2013", |b| {
            b.iter(|| {
                analyze(
                    black_box(&[("google.ics", bytes.as_slice())]),
                    &options,
                    &framework,
                )
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
