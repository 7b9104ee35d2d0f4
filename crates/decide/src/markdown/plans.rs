//! Markdown for the trial and transition plans.

use std::fmt::Write as _;

use super::percent_range;
use crate::plans::{Onboarding, Plan, TransitionPlan, TrialView};
use dualtrack_framework::markdown::escape;
use dualtrack_framework::markdown::text::{heading, list, para, table};

/// Whichever plan it is, heading at `level`.
#[must_use]
pub fn plan(plan: &Plan, level: usize) -> String {
    match plan {
        Plan::Trial(t) => trial(t, level),
        Plan::Transition(t) => transition(t, level),
    }
}

/// The management trial, heading at `level`.
#[must_use]
pub fn trial(view: &TrialView, level: usize) -> String {
    let t = &view.trial;
    let mut out = String::new();
    heading(&mut out, level, &t.title);
    para(&mut out, &t.summary);
    let _ = writeln!(
        out,
        "**Length:** {} to {} months.\n",
        t.min_months, t.max_months
    );
    let _ = writeln!(out, "**Ways to run it**\n");
    for f in &t.formats {
        let _ = writeln!(out, "- **{}**: {}", escape(&f.name), escape(&f.description));
    }
    out.push('\n');
    for phase in &t.phases {
        let months = if phase.start_month == phase.end_month {
            format!("Month {}", phase.start_month)
        } else {
            format!("Months {}-{}", phase.start_month, phase.end_month)
        };
        let _ = writeln!(out, "**{months}: {}**\n", escape(&phase.title));
        list(&mut out, &phase.steps, true);
    }
    let _ = writeln!(out, "**Signs pointing to management**\n");
    list(&mut out, &t.watch_for.toward_management, false);
    let _ = writeln!(out, "**Signs pointing back to IC**\n");
    list(&mut out, &t.watch_for.toward_ic, false);
    let d = &t.decision_point;
    let _ = writeln!(out, "**Decision point.** {}\n", escape(&d.when));
    list(&mut out, &d.questions, false);
    for o in &d.outcomes {
        let _ = writeln!(out, "- **{}**: {}", escape(&o.name), escape(&o.description));
    }
    out.push('\n');
    if let Some(check) = &view.switchback_check {
        let side = if check.side_practice {
            ", with a side practice"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "**Switch-back check at {}{side}.** {}\n",
            escape(&check.at_max.org_phrase),
            escape(&check.advice)
        );
        let rows = [&check.at_min, &check.at_max]
            .iter()
            .map(|e| {
                vec![
                    format!("{} months", e.months),
                    e.effective_months.to_string(),
                    e.band_name.clone(),
                ]
            })
            .collect::<Vec<_>>();
        table(
            &mut out,
            &["Trial length", "Effective months", "Band"],
            &rows,
        );
    }
    out
}

/// A leadership transition, heading at `level`.
#[must_use]
pub fn transition(plan: &TransitionPlan, level: usize) -> String {
    let mut out = String::new();
    heading(&mut out, level, &format!("{}: transition plan", plan.label));
    let _ = writeln!(
        out,
        "From **{}** (\"{}\") to **{}** (\"{}\").\n",
        escape(&plan.from.name),
        escape(&plan.from.core_question),
        escape(&plan.to.name),
        escape(&plan.to.core_question)
    );
    heading(&mut out, level + 1, "Key shifts");
    let rows: Vec<Vec<String>> = plan
        .shifts
        .iter()
        .map(|s| vec![s.from.clone(), s.to.clone()])
        .collect();
    table(&mut out, &["From", "To"], &rows);
    if !plan.week.is_empty() {
        heading(&mut out, level + 1, "How the week changes");
        let rows: Vec<Vec<String>> = plan
            .week
            .iter()
            .map(|w| vec![w.label.clone(), percent_range(w.from), percent_range(w.to)])
            .collect();
        table(
            &mut out,
            &["Activity", &plan.from.name, &plan.to.name],
            &rows,
        );
    }
    heading(&mut out, level + 1, "Accelerators for every transition");
    for item in &plan.universal {
        let name = item.name.as_deref().unwrap_or_default();
        let _ = writeln!(out, "- [ ] **{}**: {}", escape(name), escape(&item.action));
    }
    out.push('\n');
    heading(&mut out, level + 1, "Accelerators for this transition");
    let specific: Vec<&str> = plan.specific.iter().map(|i| i.action.as_str()).collect();
    list(&mut out, &specific, true);
    if let Some(onboarding) = &plan.onboarding {
        out.push_str(&onboarding_md(onboarding, level + 1));
    }
    out
}

fn onboarding_md(o: &Onboarding, level: usize) -> String {
    let mut out = String::new();
    heading(&mut out, level, &o.title);
    para(&mut out, &o.why);
    for phase in &o.phases {
        let _ = writeln!(
            out,
            "**Days {}-{}: {}**\n",
            phase.start_day,
            phase.end_day,
            escape(&phase.title)
        );
        let _ = writeln!(out, "Goals:\n");
        list(&mut out, &phase.goals, false);
        let _ = writeln!(out, "Actions:\n");
        list(&mut out, &phase.actions, true);
        let _ = writeln!(out, "What the organisation should provide:\n");
        list(&mut out, &phase.organisation_support, false);
    }
    let _ = writeln!(out, "**Watch out for**\n");
    list(&mut out, &o.watch_outs, false);
    out
}
