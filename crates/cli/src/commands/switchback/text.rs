//! The switch-back estimate for a terminal.

use std::fmt::Write as _;

use dualtrack_decide::Estimate;

use crate::output::{push_wrapped, table, title};

pub fn render(e: &Estimate) -> String {
    let mut out = String::new();
    title(&mut out, "Switching back to IC", '=');
    let mut given = format!("{} months in management at {}", e.months, e.org_phrase);
    given.push_str(if e.side_practice {
        ", side practice kept"
    } else {
        ", no side practice"
    });
    if e.strong_technical {
        given.push_str(", strong technically before");
    }
    push_wrapped(&mut out, &given, "", "");
    out.push('\n');
    let mut summary = table(&["Band", "Effective months", "Ramp-up"]);
    summary.add_row(vec![
        e.band_name.clone(),
        e.effective_months.to_string(),
        format!("{}-{} months", e.ramp_months.low, e.ramp_months.high),
    ]);
    let _ = writeln!(out, "{summary}\n");
    push_wrapped(&mut out, &format!("{} {}", e.summary, e.detail), "", "");
    out.push('\n');
    let mut factors = table(&["Factor", "Effect", "Basis", "Why"]);
    for f in &e.factors {
        let basis = if f.assumption {
            "our assumption"
        } else {
            "seed fact"
        };
        factors.add_row(vec![
            f.label.as_str(),
            f.effect.as_str(),
            basis,
            f.explanation.as_str(),
        ]);
    }
    let _ = writeln!(out, "{factors}\n");
    for hint in &e.hints {
        push_wrapped(&mut out, hint, "* ", "  ");
    }
    if !e.hints.is_empty() {
        out.push('\n');
    }
    for caveat in &e.caveats {
        push_wrapped(&mut out, &format!("Caveat: {caveat}"), "", "");
        out.push('\n');
    }
    out.push_str("Rules, sources and assumptions: docs/switch-back.md\n");
    out
}
