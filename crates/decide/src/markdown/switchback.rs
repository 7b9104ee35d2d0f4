//! Markdown for the switch-back estimate.

use std::fmt::Write as _;

use crate::switchback::Estimate;
use dualtrack_framework::markdown::escape;
use dualtrack_framework::markdown::text::{heading, list, para, table};

/// The estimate, heading at `level`.
#[must_use]
pub fn estimate(e: &Estimate, level: usize) -> String {
    let mut out = String::new();
    heading(&mut out, level, "Switching back to IC");
    let _ = writeln!(
        out,
        "**{}**: {} effective months, ramp-up {}-{} months.\n",
        escape(&e.band_name),
        e.effective_months,
        e.ramp_months.low,
        e.ramp_months.high
    );
    let _ = write!(
        out,
        "Input: {} months in management at {}",
        e.months,
        escape(&e.org_phrase)
    );
    out.push_str(if e.side_practice {
        ", side practice kept"
    } else {
        ", no side practice"
    });
    if e.strong_technical {
        out.push_str(", strong technically before");
    }
    out.push_str(".\n\n");
    para(&mut out, &format!("{} {}", e.summary, e.detail));
    let rows: Vec<Vec<String>> = e
        .factors
        .iter()
        .map(|f| {
            let basis = if f.assumption {
                "our assumption"
            } else {
                "seed fact"
            };
            vec![
                f.label.clone(),
                f.effect.clone(),
                basis.to_owned(),
                f.explanation.clone(),
            ]
        })
        .collect();
    table(&mut out, &["Factor", "Effect", "Basis", "Why"], &rows);
    if !e.hints.is_empty() {
        list(&mut out, &e.hints, false);
    }
    for caveat in &e.caveats {
        para(&mut out, &format!("**Caveat.** {caveat}"));
    }
    out
}
