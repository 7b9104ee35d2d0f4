//! Criterion benchmarks of parsing and expansion on the real exports in `../shared/bench/`
//! (skipped with a message when that folder is absent): parse alone, expand one year, and the
//! two together, which issue 4 wants well under 100 ms for the 1.65 MB Google export.

#![allow(clippy::unwrap_used)] // reason: a benchmark driver fails loudly on bad setup; it serves no input

use std::hint::black_box;
use std::path::PathBuf;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dualtrack_calendar::{ExpandWindow, Limits, expand, parse};

fn input(name: &str) -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/bench")
        .join(name);
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            println!(
                "skipped: {name} because {} cannot be read ({e})",
                path.display()
            );
            None
        }
    }
}

fn year(from: i32) -> ExpandWindow {
    ExpandWindow {
        from: NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or_default(),
        to: NaiveDate::from_ymd_opt(from + 1, 1, 1).unwrap_or_default(),
        tz: chrono_tz::Europe::London,
    }
}

fn bench(c: &mut Criterion) {
    for name in ["google-export-4778-events.ics", "libical-large.ics"] {
        let Some(bytes) = input(name) else { continue };
        let limits = Limits::default();
        c.bench_function(&format!("parse {name}"), |b| {
            b.iter(|| parse(black_box(&bytes), name).map(|c| c.events.len()))
        });
        let Ok(cal) = parse(&bytes, name) else {
            continue;
        };
        let cals = [cal];
        c.bench_function(&format!("expand one year {name}"), |b| {
            b.iter(|| {
                expand(black_box(&cals), &year(2014), &limits)
                    .occurrences
                    .len()
            })
        });
        c.bench_function(&format!("parse + expand one year {name}"), |b| {
            b.iter(|| {
                let cal = parse(black_box(&bytes), name).ok()?;
                Some(expand(&[cal], &year(2014), &limits).occurrences.len())
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
