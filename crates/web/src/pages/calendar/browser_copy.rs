//! The copy of an analysis the visitor's own browser keeps: aggregates only, sealed and split
//! over a few cookies, so the decision page can use it later.

use axum::http::{HeaderMap, HeaderValue};
use dualtrack_calendar::Analysis;
use dualtrack_calendar::analysis::GuessField;

use crate::cookies;
use crate::state::AppState;

/// Most cookies the kept analysis may be split across.
const MAX_CHUNKS: usize = 6;
/// Bytes of sealed value per cookie, well under browsers' 4 KB per cookie.
const CHUNK: usize = 3500;

/// The copy of an analysis the browser keeps: aggregates only, no owner, notes capped.
fn aggregates_only(analysis: &Analysis) -> Analysis {
    let mut kept = analysis.clone();
    kept.owner = None;
    // A guessed owner carries the address too.
    kept.guesses.retain(|g| g.field != GuessField::Owner);
    kept.explain.clear();
    kept.skipped_lines.truncate(5);
    kept.warnings.truncate(10);
    for note in kept
        .warnings
        .iter_mut()
        .chain(kept.skipped_lines.iter_mut())
    {
        note.message = note.message.chars().take(160).collect();
    }
    kept
}

/// `Set-Cookie` headers that keep `analysis` (sealed, split over as many cookies as needed).
pub(super) fn keep_headers(
    state: &AppState,
    analysis: &Analysis,
    secure: bool,
) -> Vec<HeaderValue> {
    let Some(sealed) = state.keys().seal("calendar", &aggregates_only(analysis)) else {
        return Vec::new();
    };
    let chunks: Vec<&str> = sealed
        .as_bytes()
        .chunks(CHUNK)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    if chunks.len() > MAX_CHUNKS {
        return Vec::new();
    }
    let age = Some(60 * 60 * 24 * 30);
    (0..MAX_CHUNKS)
        .map(|i| {
            let name = format!("{}_{i}", cookies::CALENDAR);
            match chunks.get(i) {
                Some(chunk) => cookies::set(&name, chunk, age, secure),
                None => cookies::set(&name, "", Some(0), secure),
            }
        })
        .collect()
}

/// The analysis this browser kept, if any and if intact.
pub fn kept(state: &AppState, headers: &HeaderMap) -> Option<Analysis> {
    let mut sealed = String::new();
    for i in 0..MAX_CHUNKS {
        match cookies::get(headers, &format!("{}_{i}", cookies::CALENDAR)) {
            Some(chunk) if !chunk.is_empty() => sealed.push_str(chunk),
            _ => break,
        }
    }
    if sealed.is_empty() {
        None
    } else {
        state.keys().open("calendar", &sealed)
    }
}
