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
    let t = with_checkins(&content, &toml, &[AWAY; 20], 7);
    for gate in ["checkpoint-month-1", "first-gate", "checkpoint-month-5"] {
        let review = review_at(&t, &content, gate, Marks::default());
        assert_ne!(review.recommendation.outcome, Outcome::Return, "{gate}");
    }
    let review = review_at(&t, &content, "checkpoint-month-5", Marks::default());
    assert_eq!(review.recommendation.outcome, Outcome::Continue);
    assert!(review.recommendation.headline.contains("watching closely"));
    // From month six the same evidence may send the person back.
    let review = review_at(&t, &content, "month-6", Marks::default());
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
    let mut t = with_checkins(&content, TRIAL_TOML, &[MIXED; 24], 7);
    let review = review_at(&t, &content, "month-6", Marks::default());
    let rec = &review.recommendation;
    assert_eq!(rec.outcome, Outcome::ExtendOnce, "{rec:#?}");
    assert_eq!(rec.extend_until, Some(day(2027, 1, 5)));
    assert_eq!(t.extend_once(&content).unwrap(), 12);
    assert!(t.extend_once(&content).is_err(), "only once");
    assert_eq!(t.end_months(), 12);
    // At month six of the extended trial the plan now runs on: continue, not return.
    let review = review_at(&t, &content, "month-6", Marks::default());
    assert_eq!(review.recommendation.outcome, Outcome::Continue);
    // At month twelve, still mixed: no second extension.
    let review = review_at(&t, &content, "month-12", Marks::default());
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
    let review = review_at(&t, &content, "month-6", Marks::default());
    assert!(!review.signals.enough);
    assert_eq!(review.recommendation.outcome, Outcome::NotEnoughEvidence);
    assert!(
        review.recommendation.reasons[0]
            .text
            .contains("only 3 check-in(s)")
    );
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
