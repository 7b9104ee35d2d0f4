//! Plans for a terminal.

use std::fmt::Write as _;

use dualtrack_decide::Plan;
use dualtrack_decide::markdown::percent_range;
use dualtrack_decide::plans::{Onboarding, TransitionPlan, TrialView};

use crate::output::{bullets, push_wrapped, table, title};

pub fn render(plan: &Plan) -> String {
    match plan {
        Plan::Trial(t) => trial(t),
        Plan::Transition(t) => transition(t),
    }
}

fn checklist<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("[ ] {}", s.as_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn trial(view: &TrialView) -> String {
    let t = &view.trial;
    let mut out = String::new();
    title(&mut out, &t.title, '=');
    push_wrapped(&mut out, &t.summary, "", "");
    let _ = writeln!(
        out,
        "\nLength: {} to {} months.\n",
        t.min_months, t.max_months
    );
    let mut formats = table(&["Way to run it", "What it means"]);
    for f in &t.formats {
        formats.add_row(vec![f.name.as_str(), f.description.as_str()]);
    }
    let _ = writeln!(out, "{formats}");
    let mut phases = table(&["Months", "Phase", "Checklist"]);
    for p in &t.phases {
        let months = if p.start_month == p.end_month {
            p.start_month.to_string()
        } else {
            format!("{}-{}", p.start_month, p.end_month)
        };
        phases.add_row(vec![months, p.title.clone(), checklist(&p.steps)]);
    }
    let _ = writeln!(out, "{phases}");
    let mut watch = table(&["Signs pointing to management", "Signs pointing back to IC"]);
    watch.add_row(vec![
        bullets(&t.watch_for.toward_management),
        bullets(&t.watch_for.toward_ic),
    ]);
    let _ = writeln!(out, "{watch}");
    let d = &t.decision_point;
    title(&mut out, "Decision point", '-');
    push_wrapped(&mut out, &d.when, "", "");
    for q in &d.questions {
        push_wrapped(&mut out, q, "* ", "  ");
    }
    out.push('\n');
    let mut outcomes = table(&["Outcome", "What it means"]);
    for o in &d.outcomes {
        outcomes.add_row(vec![o.name.as_str(), o.description.as_str()]);
    }
    let _ = writeln!(out, "{outcomes}");
    if let Some(check) = &view.switchback_check {
        out.push('\n');
        let side = if check.side_practice {
            ", with a side practice"
        } else {
            ""
        };
        title(
            &mut out,
            &format!("Switch-back check at a {} organisation{side}", check.org),
            '-',
        );
        push_wrapped(&mut out, &check.advice, "", "");
        let mut rows = table(&["Trial length", "Effective months", "Band"]);
        for e in [&check.at_min, &check.at_max] {
            rows.add_row(vec![
                format!("{} months", e.months),
                e.effective_months.to_string(),
                e.band.to_string(),
            ]);
        }
        let _ = writeln!(out, "{rows}");
    }
    out
}

pub fn transition(plan: &TransitionPlan) -> String {
    let mut out = String::new();
    title(&mut out, &format!("{}: transition plan", plan.label), '=');
    push_wrapped(
        &mut out,
        &format!(
            "From {} (\"{}\") to {} (\"{}\").",
            plan.from.name, plan.from.core_question, plan.to.name, plan.to.core_question
        ),
        "",
        "",
    );
    out.push('\n');
    let mut shifts = table(&["From", "To"]);
    for s in &plan.shifts {
        shifts.add_row(vec![s.from.as_str(), s.to.as_str()]);
    }
    let _ = writeln!(out, "Key shifts\n{shifts}\n");
    if !plan.week.is_empty() {
        let mut week = table(&["Activity", &plan.from.name, &plan.to.name]);
        for w in &plan.week {
            week.add_row(vec![
                w.label.clone(),
                percent_range(w.from),
                percent_range(w.to),
            ]);
        }
        let _ = writeln!(out, "How the week changes (share of the week)\n{week}\n");
    }
    let mut universal = table(&["", "Accelerator", "At this transition"]);
    for item in &plan.universal {
        universal.add_row(vec![
            "[ ]",
            item.name.as_deref().unwrap_or_default(),
            item.action.as_str(),
        ]);
    }
    let _ = writeln!(out, "Accelerators for every transition\n{universal}\n");
    title(&mut out, "Accelerators for this transition", '-');
    for item in &plan.specific {
        push_wrapped(&mut out, &item.action, "[ ] ", "    ");
    }
    if let Some(onboarding) = &plan.onboarding {
        out.push('\n');
        out.push_str(&onboarding_text(onboarding));
    }
    out
}

fn onboarding_text(o: &Onboarding) -> String {
    let mut out = String::new();
    title(&mut out, &o.title, '-');
    push_wrapped(&mut out, &o.why, "", "");
    out.push('\n');
    for p in &o.phases {
        let mut phase = table(&[
            &format!("Days {}-{}: {}", p.start_day, p.end_day, p.title),
            "",
        ]);
        phase.add_row(vec!["Goals", &bullets(&p.goals)]);
        phase.add_row(vec!["Actions", &checklist(&p.actions)]);
        phase.add_row(vec![
            "The organisation provides",
            &bullets(&p.organisation_support),
        ]);
        let _ = writeln!(out, "{phase}");
    }
    let _ = writeln!(out, "Watch out for:");
    for w in &o.watch_outs {
        push_wrapped(&mut out, w, "* ", "  ");
    }
    out
}
