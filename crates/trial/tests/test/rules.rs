//! The review's rules, each pinned to the seed statement it rests on (named in the doc comment).

use dualtrack_trial::{Marks, Outcome, ReviewRecord, Trial, TrialContent, TrialError, TrialSpec};

use super::common::*;

fn with_checkins(
    content: &TrialContent,
    toml: &str,
    weeks: &[&[(&str, &str)]],
    every_days: u64,
) -> Trial {
    let spec = TrialSpec::from_toml("trial.toml", toml, content).unwrap();
    let mut t = Trial::start("t", spec, content).unwrap();
    for (date, answers) in dates(weeks.len() as u64, every_days).into_iter().zip(weeks) {
        t.add_checkin(checkin(date, answers), content).unwrap();
    }
    t
}

/// Everything a decision needs besides the check-ins: three calendar weeks inside the trial
/// (IC-shaped or manager-shaped) and the return-if criterion marked not met (which votes for
/// neither side).
fn with_evidence(mut t: Trial, content: &TrialContent, day_shape: &[(&str, &str)]) -> Trial {
    let kept = t
        .add_calendar(upload(
            content,
            day(2026, 2, 2),
            day(2026, 2, 21),
            day_shape,
        ))
        .unwrap();
    assert_eq!(kept, 3);
    t
}

/// The return-if criterion marked not met: answered, and a vote for neither side.
fn answered() -> Marks {
    Marks {
        continue_if: vec![],
        return_if: vec![Some(false)],
    }
}

fn review_at(
    t: &Trial,
    content: &TrialContent,
    gate: &str,
    marks: Marks,
) -> dualtrack_trial::Review {
    let date = t.schedule(content).gate(gate).unwrap().date;
    t.review_with(
        content,
        &ReviewRecord {
            gate: gate.into(),
            as_of: date,
            answers: None,
            marks,
        },
    )
    .unwrap()
}

/// Seed 000, "When should I switch to the management track?": test the role for six to twelve
/// months before committing. Shorter or longer trials are refused, and the message says why.
#[test]
fn trial_lengths_outside_six_to_twelve_months_are_refused_citing_the_seed() {
    let content = content();
    for months in ["5", "13", "0", "-3"] {
        let toml = TRIAL_TOML.replace("months = 6", &format!("months = {months}"));
        let err = TrialSpec::from_toml("trial.toml", &toml, &content).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, TrialError::Invalid { .. }), "{text}");
        assert!(text.starts_with("trial.toml:5:10: a trial of"), "{text}");
        assert!(
            text.contains("When should I switch to the management track?"),
            "{text}"
        );
        assert!(text.contains("fix: plan between 6 and 12 months"), "{text}");
    }
    for months in [6, 9, 12] {
        let toml = TRIAL_TOML.replace("months = 6", &format!("months = {months}"));
        assert_eq!(
            TrialSpec::from_toml("trial.toml", &toml, &content)
                .unwrap()
                .months,
            months
        );
    }
}

/// Seed 000, "When should I switch to the management track?" (six to twelve months) and "If you
/// switch to management" (the first six months are a steep learning curve): before month six,
/// signals leaning away never produce "return" on their own.
#[test]
fn before_month_six_away_signals_alone_never_recommend_returning() {
    let content = content();
    let toml = TRIAL_TOML.replace("months = 6", "months = 12");
    let t = with_evidence(
        with_checkins(&content, &toml, &[AWAY; 20], 7),
        &content,
        IC_DAY,
    );
    for gate in ["checkpoint-month-1", "first-gate", "checkpoint-month-5"] {
        let review = review_at(&t, &content, gate, Marks::default());
        assert_ne!(review.recommendation.outcome, Outcome::Return, "{gate}");
    }
    let review = review_at(&t, &content, "checkpoint-month-5", Marks::default());
    assert_eq!(review.recommendation.outcome, Outcome::Continue);
    assert!(review.recommendation.headline.contains("watching closely"));
    // From month six the same evidence may send the person back.
    let review = review_at(&t, &content, "month-6", answered());
    assert_eq!(review.recommendation.outcome, Outcome::Return);
    assert!(
        review.recommendation.reasons[0]
            .carried_by
            .iter()
            .any(|c| c == "drift.code")
    );
}

/// Seed 000, "The bottom line": switching tracks, either way and at any point, is a tool to use.
/// The person's own return-if criterion, written at the start, may end the trial before month six.
#[test]
fn a_met_return_criterion_recommends_returning_at_any_month() {
    let content = content();
    let t = with_checkins(&content, TRIAL_TOML, &[LATER; 8], 7);
    let marks = Marks {
        continue_if: vec![],
        return_if: vec![Some(true)],
    };
    let review = review_at(&t, &content, "checkpoint-month-1", marks);
    assert_eq!(review.months_elapsed, 1);
    let rec = &review.recommendation;
    assert_eq!(rec.outcome, Outcome::Return);
    assert_eq!(rec.reasons[0].carried_by, ["return_if[0]"]);
    assert_eq!(
        rec.reasons[0].provenance.source[0].section,
        "The bottom line"
    );
}

/// Seed 000, "When should I switch to the management track?": the trial lasts at most twelve
/// months; mixed evidence at the planned end earns one extension up to twelve, never more.
#[test]
fn mixed_evidence_extends_once_and_never_past_twelve_months() {
    let content = content();
    let mut t = with_evidence(
        with_checkins(&content, TRIAL_TOML, &[MIXED; 24], 7),
        &content,
        MANAGER_DAY,
    );
    let review = review_at(&t, &content, "month-6", answered());
    let rec = &review.recommendation;
    assert_eq!(rec.outcome, Outcome::ExtendOnce, "{rec:#?}");
    assert_eq!(rec.extend_until, Some(day(2027, 1, 5)));
    assert_eq!(t.extend_once(&content).unwrap(), 12);
    assert!(t.extend_once(&content).is_err(), "only once");
    assert_eq!(t.end_months(), 12);
    // At month six of the extended trial the plan now runs on: continue, not return.
    let review = review_at(&t, &content, "month-6", answered());
    assert_eq!(review.recommendation.outcome, Outcome::Continue);
    // The extension's weeks are checked in too.
    for date in dates(51, 7).into_iter().skip(24) {
        t.add_checkin(checkin(date, MIXED), &content).unwrap();
    }
    // At month twelve, still mixed: no second extension.
    let review = review_at(&t, &content, "month-12", answered());
    assert_eq!(review.recommendation.outcome, Outcome::Return);
    assert!(review.recommendation.extend_until.is_none());

    let twelve = TRIAL_TOML.replace("months = 6", "months = 12");
    let mut t = with_checkins(&content, &twelve, &[MIXED; 8], 7);
    assert!(
        t.extend_once(&content)
            .unwrap_err()
            .to_string()
            .contains("12 months")
    );
}

/// Seed 000, "When should I switch to the management track?" and "What's the worst reason to
/// become a manager?": pay, being tired of coding and one happy manager are false signals. They
/// are named in the review and never counted for either side.
#[test]
fn false_signals_are_named_but_never_counted() {
    let content = content();
    let only_false: &[(&str, &str)] = &[("keeps_you_going", "the_pay"), ("energy", "nothing")];
    let t = with_checkins(&content, TRIAL_TOML, &[only_false; 26], 7);
    let review = review_at(&t, &content, "month-6", Marks::default());
    assert_eq!(review.signals.later.towards + review.signals.later.away, 0);
    assert_eq!(review.signals.later.false_signals, 13);
    let rec = &review.recommendation;
    assert_ne!(
        rec.outcome,
        Outcome::Continue,
        "pay alone must not carry a continue"
    );
    let named = rec
        .reasons
        .iter()
        .find(|r| r.carried_by == ["keeps_you_going.the_pay"])
        .unwrap();
    assert!(named.text.contains("Not counted"));
}

/// Our rule (no seed states a number): fewer than six check-ins carry no conclusion; the review
/// says so instead of recommending.
#[test]
fn too_few_check_ins_say_so_instead_of_concluding() {
    let content = content();
    let t = with_checkins(&content, TRIAL_TOML, &[LATER; 3], 7);
    let review = review_at(&t, &content, "first-gate", Marks::default());
    assert!(!review.signals.enough);
    assert_eq!(review.recommendation.outcome, Outcome::NotEnoughEvidence);
    assert!(
        review.recommendation.reasons[0]
            .text
            .contains("3 of the 12 weekly check-ins due so far"),
        "{}",
        review.recommendation.reasons[0].text
    );
    let review = review_at(&t, &content, "month-6", Marks::default());
    assert_eq!(review.recommendation.outcome, Outcome::NotEnoughEvidence);
    let text = &review.recommendation.reasons[0].text;
    assert!(
        text.starts_with("Only 3 of the ")
            && text.contains("weekly check-ins due so far were made"),
        "{text}"
    );
}

/// Seed 000, "When should I switch to the management track?" (test the role for six to twelve
/// months) and "The bottom line" (the answer lives in the calendar and the drift from week to
/// week), with our thresholds: from month six, a review that would decide needs check-ins from
/// one in three of the weeks due, no stretch of more than six weeks without one in the later
/// half, three calendar weeks inside the trial, and the exit criteria marked. The walkthrough's
/// trial (seven weekly check-ins in June and July, one in December, no calendar, nothing marked)
/// used to be told to make the move permanent.
#[test]
fn a_decision_needs_check_ins_across_the_trial_a_calendar_and_marked_criteria() {
    let content = content();
    let toml = TRIAL_TOML.replace("start = 2026-01-05", "start = 2026-06-01");
    let spec = TrialSpec::from_toml("trial.toml", &toml, &content).unwrap();
    let mut t = Trial::start("t", spec, &content).unwrap();
    for i in 0..7u64 {
        let date = day(2026, 6, 8)
            .checked_add_days(chrono::Days::new(7 * i))
            .unwrap();
        t.add_checkin(checkin(date, LATER), &content).unwrap();
    }
    t.add_checkin(checkin(day(2026, 12, 4), LATER), &content)
        .unwrap();
    let record = ReviewRecord {
        gate: "month-6".into(),
        as_of: day(2026, 12, 7),
        answers: None,
        marks: Marks::default(),
    };
    let review = t.review_with(&content, &record).unwrap();
    let rec = &review.recommendation;
    assert_eq!(rec.outcome, Outcome::NotEnoughEvidence, "{rec:#?}");
    assert!(rec.decision_due);
    assert!(
        rec.headline.starts_with("Too thin to decide"),
        "{}",
        rec.headline
    );
    assert!(!rec.headline.contains("supports"));
    let what: Vec<&str> = rec.missing.iter().map(|m| m.what.as_str()).collect();
    assert_eq!(
        what,
        ["checkins", "checkin_gap", "calendar", "exit_criteria"]
    );
    assert!(
        rec.missing[0].text.contains("Only 8 of the 26"),
        "{}",
        rec.missing[0].text
    );
    assert!(
        rec.missing[0].text.contains("at least 9"),
        "{}",
        rec.missing[0].text
    );
    assert!(
        rec.missing[1]
            .text
            .contains("No check-in from 2026-07-20 to 2026-12-04 (19 weeks)"),
        "{}",
        rec.missing[1].text
    );
    assert!(
        rec.missing[1]
            .fix
            .contains("extend the trial once, to month 12")
    );
    for reason in &rec.reasons {
        assert!(reason.provenance.assumption.is_some(), "{reason:?}");
        assert!(!reason.provenance.source.is_empty(), "{reason:?}");
    }
    // Nothing carries a side when nothing is decided.
    assert!(
        rec.reasons
            .iter()
            .all(|r| !r.text.starts_with("Evidence weighed"))
    );

    // Fill each gap and the decision comes: weekly check-ins to the end, three calendar weeks
    // inside the trial, the criteria marked.
    for i in 7..26u64 {
        let date = day(2026, 6, 8)
            .checked_add_days(chrono::Days::new(7 * i))
            .unwrap();
        if date < day(2026, 12, 1) {
            t.add_checkin(checkin(date, LATER), &content).unwrap();
        }
    }
    t.add_calendar(upload(
        &content,
        day(2026, 9, 7),
        day(2026, 9, 26),
        MANAGER_DAY,
    ))
    .unwrap();
    let record = ReviewRecord {
        marks: Marks {
            continue_if: vec![Some(true), Some(true)],
            return_if: vec![Some(false)],
        },
        ..record
    };
    let rec = t.review_with(&content, &record).unwrap().recommendation;
    assert_eq!(rec.outcome, Outcome::Continue, "{rec:#?}");
    assert!(rec.missing.is_empty());
    assert!(rec.headline.contains("permanent"), "{}", rec.headline);
}

/// Seed 000, "What the data says about switching back": the trial's months count towards the
/// way back only for moves away from hands-on work.
#[test]
fn the_switch_back_estimate_applies_only_to_moves_away_from_ic() {
    let content = content();
    let toml = TRIAL_TOML
        .replace("ic-to-manager", "manager-to-ic")
        .replace("format = \"tech-lead-with-reports\"\n", "");
    let t = with_checkins(&content, &toml, &[LATER; 8], 7);
    let review = review_at(&t, &content, "month-6", Marks::default());
    assert!(review.switchback.estimate.is_none());
    // For a manager -> IC trial, management-leaning answers point away from the trialled track.
    assert_eq!(review.signals.direction, dualtrack_trial::Direction::Away);
}

/// A check-in describes a week already lived: one dated after the shell's today is refused, on
/// the date field, with a fix; today itself is fine. A date outside the trial names one range,
/// the same in the message and the fix.
#[test]
fn check_in_dates_after_today_or_outside_the_trial_are_refused() {
    let content = content();
    let mut t = trial(&content);
    let today = day(2026, 2, 2);
    let err = t
        .add_checkin_on(checkin(day(2026, 2, 9), LATER), &content, today)
        .unwrap_err();
    assert_eq!(err.field(), Some("date"));
    let text = err.to_string();
    assert!(
        text.contains("check-in date 2026-02-09 is after today (2026-02-02)")
            && text.contains("fix: date it 2026-02-02 or earlier"),
        "{text}"
    );
    t.add_checkin_on(checkin(today, LATER), &content, today)
        .unwrap();
    let text = t
        .add_checkin(checkin(day(2026, 9, 1), LATER), &content)
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("outside the trial: it accepts dates from 2026-01-05 to 2026-08-05")
            && text.contains("fix: date it between 2026-01-05 and 2026-08-05"),
        "{text}"
    );
    assert_eq!(t.last_entry_date(), day(2026, 8, 5));
    let text = t
        .add_checkin(checkin(today, EARLY), &content)
        .unwrap_err()
        .to_string();
    assert!(!text.contains("edit that one"), "{text}");
    assert!(text.contains("date them in that week"), "{text}");
}

/// An upload none of whose weeks fall in the trial's range keeps nothing, and that is an error
/// naming both ranges, not a success with zero weeks.
#[test]
fn a_calendar_entirely_outside_the_trial_is_refused_with_both_ranges() {
    let content = content();
    let mut t = trial(&content);
    assert_eq!(t.calendar_range(), (day(2025, 10, 13), day(2026, 7, 5)));
    let err = t
        .add_calendar(upload(&content, day(2025, 6, 2), day(2025, 6, 28), IC_DAY))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("kept nothing: the calendar's 4 week(s), 2025-06-02 to 2025-06-29"),
        "{err}"
    );
    assert!(
        err.contains("the weeks this trial keeps, 2025-10-13 to 2026-07-05"),
        "{err}"
    );
    assert!(t.calendar.is_empty());
    // Partly inside: the weeks inside are kept.
    let kept = t
        .add_calendar(upload(
            &content,
            day(2025, 9, 29),
            day(2025, 10, 25),
            IC_DAY,
        ))
        .unwrap();
    assert_eq!(kept, 2);
}

/// Guards a start in 1900 (every review then refused "months in management ... got 1200") or
/// in 2099 (month 0 for ever): a trial in hand starts at most two years back, six months ahead.
#[test]
fn a_start_date_far_from_today_is_refused_with_the_range() {
    let content = content();
    let spec = |start: &str| {
        let toml = TRIAL_TOML.replace("start = 2026-01-05", &format!("start = {start}"));
        TrialSpec::from_toml("trial.toml", &toml, &content).unwrap()
    };
    let today = day(2026, 3, 1);
    for (start, ok) in [
        ("1900-01-01", false),
        ("2024-02-29", false),
        ("2024-03-01", true),
        ("2026-01-05", true),
        ("2026-09-01", true),
        ("2026-09-02", false),
        ("2099-01-01", false),
    ] {
        let started = Trial::start_on("t", spec(start), &content, today);
        assert_eq!(started.is_ok(), ok, "{start}: {started:?}");
        if let Err(err) = started {
            assert_eq!(err.field(), Some("start"), "{start}");
            assert!(
                err.to_string().contains("from 2024-03-01 to 2026-09-01"),
                "{start}: {err}"
            );
        }
    }
}
