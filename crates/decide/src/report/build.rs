//! Assembling the report from its inputs.

use dualtrack_assess::{Assessment, Verdict};
use dualtrack_calendar::Analysis;
use dualtrack_framework::Framework;

use super::agreement::{Agreement, compare};
use super::evidence::CalendarEvidence;
use super::{Flag, FlagSource, MethodNote, Report};
use crate::Track;
use crate::content::Content;
use crate::error::DecideError;
use crate::plans::{PlanKind, TrialContext, TrialView};
use crate::switchback::{Band, Estimate, SwitchbackInput};

/// Everything the report is built from. The engine reads nothing else.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub assessment: &'a Assessment,
    pub calendar: Option<&'a Analysis>,
    /// Time already spent in management, for the switch-back estimate.
    pub switchback: Option<&'a SwitchbackInput>,
    /// The organisation kind (and whether a side practice is kept) for the trial's switch-back
    /// check; defaults to the switch-back input's when that is given.
    pub trial_at: Option<TrialContext<'a>>,
}

/// Build the decision report.
///
/// # Errors
/// [`DecideError::UnknownOrg`] or [`DecideError::MonthsOutOfRange`] from the switch-back input.
pub fn build(
    content: &Content,
    framework: &Framework,
    input: &ReportInput<'_>,
) -> Result<Report, DecideError> {
    let assessment = input.assessment;
    let (agreement, comparison) = compare(assessment, input.calendar);
    // No clear verdict means no side: a leaning is shown as a leaning, never recommended
    // (issue 12, misreading 3).
    let recommended = match agreement {
        Agreement::NoVerdict => None,
        _ => comparison.answers_track,
    };

    let switchback = input
        .switchback
        .map(|s| content.switchback.estimate(s))
        .transpose()?;
    let trial_at = input.trial_at.or_else(|| {
        input.switchback.map(|s| TrialContext {
            org: &s.org,
            side_practice: s.side_practice,
        })
    });
    let switchback_check = trial_at
        .map(|at| {
            content
                .plans
                .trial
                .check_switchback(&content.switchback, at.org, at.side_practice)
        })
        .transpose()?;
    let trial = TrialView {
        plan: PlanKind::Trial,
        trial: content.plans.trial.clone(),
        switchback_check,
    };

    let calendar_evidence = input
        .calendar
        .map(|c| CalendarEvidence::from_analysis(c, framework, comparison.calendar_track));

    // Show one outlook when the evidence points one way; both when it is split or points nowhere.
    let outlook_tracks: Vec<Track> = match (recommended, agreement) {
        (Some(t), Agreement::Agree | Agreement::NoCalendar) => vec![t],
        _ => Track::ALL.to_vec(),
    };
    let outlook = outlook_tracks
        .iter()
        .filter_map(|t| content.outlook.track(*t).cloned())
        .collect();

    let considerations = content
        .outlook
        .considerations
        .iter()
        .filter(|c| c.applies_to(&outlook_tracks))
        .cloned()
        .collect();

    let red_flags = flags(
        assessment,
        &comparison,
        calendar_evidence.as_ref(),
        switchback.as_ref(),
        &trial,
        recommended,
    );
    let headline = headline(assessment, agreement, &comparison, input.calendar);
    let trial_note = trial_note(assessment, recommended, agreement, &trial);

    Ok(Report {
        assessment: assessment.clone(),
        calendar: input.calendar.cloned(),
        agreement,
        comparison,
        recommended_track: recommended,
        headline,
        calendar_evidence,
        red_flags,
        outlook,
        outlook_caveat: content.outlook.caveat.clone(),
        considerations,
        switchback,
        trial,
        trial_note,
        method: method(content),
    })
}

fn headline(
    assessment: &Assessment,
    agreement: Agreement,
    comparison: &super::Comparison,
    calendar: Option<&Analysis>,
) -> String {
    // Enough events but an old window: say it is old rather than thin.
    let stale = calendar.is_some_and(|c| c.evidence.enough && c.evidence.stale);
    if agreement == Agreement::NoVerdict {
        let calendar = match comparison.calendar_track {
            Some(c) => format!(
                "your calendar looks like {} week, a hint rather than a verdict",
                c.week_of()
            ),
            None => "the calendar cannot settle it either".to_owned(),
        };
        return format!(
            "No clear track yet ({} verdict): your answers do not decide between the tracks; {calendar}",
            assessment.verdict
        );
    }
    let side = match comparison.answers_track {
        Some(t) => format!("{} track", capital(t)),
        None => format!("No clear track yet ({} verdict)", assessment.verdict),
    };
    match (agreement, comparison.calendar_track) {
        (Agreement::Agree, _) => format!("{side}: answers and calendar agree"),
        (Agreement::Disagree, Some(c)) if comparison.answers_track.is_some() => {
            format!(
                "{side} by your answers, but your calendar looks like {} week",
                c.week_of()
            )
        }
        (Agreement::Disagree, Some(c)) => {
            format!("{side}; your calendar looks like {} week", c.week_of())
        }
        (Agreement::ThinCalendar, _) if stale => {
            format!("{side}: the calendar is too old to compare")
        }
        (Agreement::ThinCalendar, _) => format!("{side}: the calendar is too thin to compare"),
        _ => format!("{side}: no calendar evidence yet"),
    }
}

const fn capital(track: Track) -> &'static str {
    match track {
        Track::Ic => "IC",
        Track::Management => "Management",
    }
}

fn flags(
    assessment: &Assessment,
    comparison: &super::Comparison,
    evidence: Option<&CalendarEvidence>,
    switchback: Option<&Estimate>,
    trial: &TrialView,
    recommended: Option<Track>,
) -> Vec<Flag> {
    let mut flags: Vec<Flag> = assessment
        .red_flag_notes
        .iter()
        .map(|note| Flag {
            id: note.id.clone(),
            source: FlagSource::Answers,
            title: format!("A reason that does not hold up: {}", note.answer),
            detail: format!("{} {}", note.why, note.instead),
        })
        .collect();
    if let (Some(a), Some(c), Some(e)) = (
        comparison.answers_track,
        comparison.calendar_track,
        evidence,
    ) && a != c
        && comparison.answers_basis == super::AnswersBasis::Verdict
    {
        let typical = e
            .typical
            .iter()
            .map(|t| {
                format!(
                    "a typical {} week is {}/{}/{}",
                    t.track.person(),
                    t.shares.meetings,
                    t.shares.async_,
                    t.shares.focus
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        flags.push(Flag {
            id: "calendar_disagrees".into(),
            source: FlagSource::Calendar,
            title: format!("Your answers say {}, your calendar says {}", a.noun(), c.noun()),
            detail: format!(
                "Your week is {}% meetings, {}% async and {}% focus; {typical}. Look at which parts of the week you would keep before choosing.",
                e.shares.meetings, e.shares.async_, e.shares.focus
            ),
        });
    }
    if let Some(estimate) = switchback.filter(|e| e.band == Band::Reinvest) {
        flags.push(Flag {
            id: "long_way_back".into(),
            source: FlagSource::Switchback,
            title: format!(
                "{} effective months in management: a return to IC needs real investment",
                estimate.effective_months
            ),
            detail: format!(
                "{} Plan for {}-{} months of ramp-up.",
                estimate.summary, estimate.ramp_months.low, estimate.ramp_months.high
            ),
        });
    }
    let trial_matters = recommended != Some(Track::Ic);
    if let Some(check) = trial
        .switchback_check
        .as_ref()
        .filter(|c| trial_matters && c.at_max.band != Band::Intact)
    {
        flags.push(Flag {
            id: "costly_trial".into(),
            source: FlagSource::Switchback,
            title: format!(
                "A management trial costs technical currency fast at {}",
                check.at_max.org_phrase
            ),
            detail: check.advice.clone(),
        });
    }
    flags
}

fn trial_note(
    assessment: &Assessment,
    recommended: Option<Track>,
    agreement: Agreement,
    trial: &TrialView,
) -> String {
    let (min, max) = (trial.trial.min_months, trial.trial.max_months);
    let note = match (recommended, agreement) {
        (_, Agreement::NoVerdict) => format!(
            "Your answers do not decide between the tracks, so this report does not pick one and shows both outlooks. If you want lived evidence rather than more answers, a {min}-{max} month trial with a decision date agreed up front is one way to get it; treat it as a way to learn which week you want, not as a step toward management."
        ),
        (Some(Track::Ic), Agreement::Agree) => format!(
            "Your answers and calendar both point to IC, so you do not need a management trial now. Keep this plan for the day that changes: moving from IC into management stays open at any time, and a {min}-{max} month trial is the cheapest way to test it."
        ),
        (Some(Track::Ic), Agreement::NoCalendar | Agreement::ThinCalendar) => format!(
            "Your answers point to IC. If management still tempts you, a {min}-{max} month trial is a low-risk way to be sure before you set it aside."
        ),
        (
            Some(Track::Management),
            Agreement::Agree | Agreement::NoCalendar | Agreement::ThinCalendar,
        ) => format!(
            "Before committing to management, run a {min}-{max} month trial with a decision date agreed up front. It turns the answers into lived evidence and keeps the way back clean."
        ),
        (Some(_), _) => format!(
            "Your answers and your calendar point different ways. A {min}-{max} month trial with a decision date agreed up front is the cheapest way to settle it."
        ),
        (None, _) => format!(
            "Your answers do not point to either track yet. A {min}-{max} month trial with a decision date agreed up front is the cheapest way to find out which week you want."
        ),
    };
    // A readiness caution (the hard-feedback rule) names the skill the trial starts with.
    let first: Vec<&str> = assessment
        .cautions
        .iter()
        .map(|c| c.trial_first.as_str())
        .collect();
    if first.is_empty() {
        note
    } else {
        format!("{} {note}", first.join(" "))
    }
}

fn method(content: &Content) -> Vec<MethodNote> {
    let bands = content
        .switchback
        .bands
        .iter()
        .map(|b| match b.up_to {
            Some(up_to) => format!("{} up to {up_to}", b.band),
            None => format!("{} beyond", b.band),
        })
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        MethodNote {
            topic: "Verdict".into(),
            rule: format!(
                "A track is the verdict when at least {t} answers lean strongly to it and fewer than {t} lean strongly to the other; {t} or more each way is \"either\", fewer each way is \"unclear\". The leaning weighs strong answers 2 and mild answers 1.",
                t = Verdict::THRESHOLD
            ),
            source: "data/assessment.toml and the assessment engine".into(),
        },
        MethodNote {
            topic: "Calendar shares".into(),
            rule: "Meetings, async and focus as shares of working time inside the stated working hours, overlaps counted once; shown rounded to whole percent, so they may not add up to exactly 100.".into(),
            source: "dualtrack calendar analyze (same settings)".into(),
        },
        MethodNote {
            topic: "Typical weeks and closest track".into(),
            rule: "The typical IC and manager weeks are the calendar shapes in the framework's track comparison; the closest track is the one whose typical week is nearest (sum of the three share differences).".into(),
            source: "data/comparison.toml".into(),
        },
        MethodNote {
            topic: "Agreement".into(),
            rule: "The first that applies wins: no clear verdict when the answers name no track (either or unclear); no calendar when none was given; too thin when the calendar's window holds too little to name a track; then agreement when the verdict's track equals the calendar's closest track, otherwise the two pull apart.".into(),
            source: "docs/decision-report.md".into(),
        },
        MethodNote {
            topic: "Switch-back".into(),
            rule: format!(
                "Effective months = months x organisation weight x side-practice weight ({}%), rounded; bands: {bands}; ramp-up ranges per band, shortened to {}% for the strong technically.",
                content.switchback.side_practice.weight_percent, content.switchback.strong_technical.ramp_weight_percent
            ),
            source: "data/switchback.toml, explained in docs/switch-back.md".into(),
        },
        MethodNote {
            topic: "Trial".into(),
            rule: format!(
                "A {}-{} month trial; its switch-back check applies the switch-back rules at both ends of that range.",
                content.plans.trial.min_months, content.plans.trial.max_months
            ),
            source: "data/plans.toml".into(),
        },
    ]
}
