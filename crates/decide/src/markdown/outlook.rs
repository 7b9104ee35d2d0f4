//! Markdown for the five-year outlook.

use std::fmt::Write as _;

use crate::consideration::Consideration;
use crate::outlook::{Outlook, TrackOutlook};
use dualtrack_framework::markdown::escape;
use dualtrack_framework::markdown::text::{heading, list, para};

/// The outlook (every track in it), top heading at `level`.
#[must_use]
pub fn outlook(outlook: &Outlook, level: usize) -> String {
    let mut out = String::new();
    heading(&mut out, level, "Five-year outlook");
    let _ = writeln!(out, "_{}_\n", escape(&outlook.caveat));
    for track in &outlook.tracks {
        out.push_str(&track_outlook(track, level + 1));
    }
    out.push_str(&considerations(&outlook.considerations, level + 1));
    out
}

/// The considerations beside an outlook, each marked with its source or as ours.
#[must_use]
pub(crate) fn considerations(items: &[Consideration], level: usize) -> String {
    let mut out = String::new();
    if items.is_empty() {
        return out;
    }
    heading(&mut out, level, "Worth knowing before you choose");
    for item in items {
        let basis = if item.source.is_empty() {
            "our assumption".to_owned()
        } else {
            let docs: Vec<String> = item
                .source
                .iter()
                .map(|s| format!("{}, {}", s.doc, s.section))
                .collect();
            format!("source: {}", docs.join("; "))
        };
        let _ = writeln!(
            out,
            "- **{}** {} _({})_",
            escape(&item.title),
            escape(&item.text),
            escape(&basis)
        );
    }
    out.push('\n');
    out
}

/// One track's outlook, heading at `level`.
#[must_use]
pub(crate) fn track_outlook(track: &TrackOutlook, level: usize) -> String {
    let mut out = String::new();
    heading(&mut out, level, &track.name);
    para(&mut out, &track.headline);
    for (title, horizon) in [
        ("Years 1-2", &track.years_1_2),
        ("Years 3-5", &track.years_3_5),
    ] {
        let _ = writeln!(out, "**{title}.** {}\n", escape(&horizon.summary));
        list(&mut out, &horizon.points, false);
    }
    for (title, items) in [
        ("Signs it is working", &track.signs_working),
        ("Signs it is not", &track.signs_not_working),
        ("Skills that compound", &track.skills_compound),
        ("Skills that fade", &track.skills_atrophy),
    ] {
        let _ = writeln!(out, "**{title}**\n");
        list(&mut out, items, false);
    }
    out
}
