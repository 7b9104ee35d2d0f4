//! The review's rules and where each comes from. Kept together so docs/trial.md and the tests
//! that pin the rules to the seeds read from one place.

use dualtrack_framework::Provenance;

/// The seeds' trial: test the role for six to twelve months before committing.
#[must_use]
pub fn trial_length() -> Provenance {
    Provenance::sourced_all(&[("000", "When should I switch to the management track?")])
}

/// The first six months in management are the steepest; early struggle is expected.
#[must_use]
pub fn first_six_months() -> Provenance {
    Provenance::sourced_all(&[("000", "If you switch to management")])
}

/// Switching tracks, either way and at any point, is a tool to use, not a failure.
#[must_use]
pub fn switch_at_any_point() -> Provenance {
    Provenance::sourced_all(&[("000", "The bottom line")]).and_assumed(
        "Criteria the person wrote before the trial are their own decision rule, so meeting a return-if criterion justifies going back even before month six.",
    )
}

/// Pay, being tired of coding and one happy manager are reasons to ignore.
#[must_use]
pub fn false_signals() -> Provenance {
    Provenance::sourced_all(&[
        ("000", "When should I switch to the management track?"),
        ("000", "What's the worst reason to become a manager?"),
    ])
}

/// Moving from IC into management stays easy; the way back gets harder with time.
#[must_use]
pub fn easy_into_management() -> Provenance {
    Provenance::sourced_all(&[
        ("000", "What actually differs between the tracks"),
        ("000", "What the data says about switching back"),
    ])
}

/// Extend once, and never past the longest trial the seeds describe.
#[must_use]
pub fn extend_once() -> Provenance {
    Provenance::sourced_all(&[("000", "When should I switch to the management track?")]).and_assumed(
        "Mixed evidence at the planned end earns one extension, to twelve months at most, rather than a decision the evidence cannot carry.",
    )
}

/// What the weekly answers weigh against the calendar and the six questions.
#[must_use]
pub fn weighing() -> Provenance {
    Provenance::sourced_all(&[("000", "The bottom line")]).and_assumed(
        "The weekly answers count twice, the calendar, the six questions' drift and the continue-if marks once each; a side needs the check-ins with it and a lead of two to carry the call.",
    )
}

/// Too few check-ins: say so instead of concluding.
#[must_use]
pub fn thin_evidence() -> Provenance {
    Provenance::assumed(
        "Six weekly check-ins are the least that show a pattern rather than a mood; the product never states a conclusion its evidence cannot carry.",
    )
}

/// What a decision (continue for good, go back, extend) needs before it can be made: weekly
/// answers across the trial, the calendar, and the person's own criteria. The thresholds are
/// [`crate::DECISION_ONE_CHECKIN_IN`],
/// [`crate::MAX_GAP_WEEKS`] and [`crate::MIN_CALENDAR_WEEKS`].
#[must_use]
pub fn decision_evidence() -> Provenance {
    Provenance::sourced_all(&[
        ("000", "When should I switch to the management track?"),
        ("000", "The bottom line"),
    ])
    .and_assumed(
        "The seeds ask to test the role for six to twelve months and put the decision in the calendar and in the drift from week to week, so a decision needs answers from at least one in three of the weeks due, no stretch of more than six weeks without one, at least three calendar weeks inside the trial, and the person's own exit criteria marked; short of that the review says what is missing instead of deciding.",
    )
}
