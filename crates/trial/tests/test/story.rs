//! The story: an IC -> manager trial with twelve weekly check-ins and three calendar
//! uploads across simulated dates, reviewed at the first gate and at month six.

use dualtrack_decide::Band;
use dualtrack_trial::{
    Direction, GateKind, Marks, Outcome, ReviewRecord, SponsorCheckin, Trial, TrialContent,
    export_json, import_json,
};

use super::common::*;

/// Twelve check-ins a fortnight apart: the first five early-shaped, the rest later-shaped.
pub fn simulated(content: &TrialContent) -> Trial {
    let mut t = trial(content);
    for (i, date) in dates(12, 14).into_iter().enumerate() {
        let answers = if i < 5 { EARLY } else { LATER };
        t.add_checkin(checkin(date, answers), content).unwrap();
    }
    // Three uploads: the month before and the first weeks (IC-shaped), March (in between),
    // June (manager-shaped). Only weekly shares are kept.
    let kept = t
        .add_calendar(upload(content, day(2025, 12, 29), day(2026, 1, 31), IC_DAY))
        .unwrap();
    assert!(kept >= 4, "{kept}");
    t.add_calendar(upload(
        content,
        day(2026, 3, 2),
        day(2026, 3, 28),
        &MANAGER_DAY[..3],
    ))
    .unwrap();
    t.add_calendar(upload(
        content,
        day(2026, 6, 1),
        day(2026, 6, 27),
        MANAGER_DAY,
    ))
    .unwrap();
    t.add_sponsor_checkin(
        SponsorCheckin {
            gate: "month-6".into(),
            date: day(2026, 7, 3),
            answers: [
                ("hard_conversations".to_owned(), "promptly".to_owned()),
                ("team".to_owned(), "better".to_owned()),
            ]
            .into(),
            note: Some("Clearer priorities since March.".into()),
        },
        content,
    )
    .unwrap();
    t.record_review(
        ReviewRecord {
            gate: "month-6".into(),
            as_of: day(2026, 7, 5),
            answers: Some(month_six_answers()),
            marks: Marks {
                continue_if: vec![Some(true), Some(true)],
                return_if: vec![Some(false)],
            },
        },
        content,
    )
    .unwrap();
    t
}

#[test]
fn the_month_six_review_recommends_continuing_and_cites_its_signals() {
    let content = content();
    let t = simulated(&content);
    let review = t.review(&content, "month-6").unwrap();
    assert_eq!(
        review.gate.kind,
        GateKind::End,
        "a six-month trial ends at month six"
    );
    assert_eq!(review.months_elapsed, 6);
    assert_eq!(review.signals.checkins, 12);
    assert!(review.signals.enough);
    assert_eq!(
        review.signals.moving,
        Direction::Towards,
        "{:?}",
        review.signals
    );
    assert_eq!(review.signals.direction, Direction::Towards);
    assert_eq!(review.calendar.direction, Direction::Towards);
    let months: Vec<(&str, &str)> = review
        .calendar
        .months
        .iter()
        .map(|m| (m.month.as_str(), m.closest_track.as_str()))
        .collect();
    assert_eq!(
        months.first(),
        Some(&("2025-12", "ic")),
        "the week before the start is the baseline"
    );
    assert!(!review.calendar.months[0].in_trial);
    assert_eq!(months.last(), Some(&("2026-06", "management")));
    assert_eq!(review.drift.as_ref().unwrap().direction, Direction::Towards);

    let rec = &review.recommendation;
    assert_eq!(rec.outcome, Outcome::Continue, "{rec:#?}");
    assert!(rec.decision_due);
    let carried: Vec<&str> = rec
        .reasons
        .iter()
        .flat_map(|r| &r.carried_by)
        .map(String::as_str)
        .collect();
    for id in [
        "hard_feedback.gave_it_and_moved_on",
        "calendar",
        "drift",
        "continue_if[0]",
    ] {
        assert!(carried.contains(&id), "{id} missing from {carried:?}");
    }
    assert!(
        carried.contains(&"keeps_you_going.the_pay"),
        "false signals are named, as not counted"
    );
    assert!(
        rec.reasons[0].text.contains("of 12 check-ins"),
        "{}",
        rec.reasons[0].text
    );

    let sponsor = review.sponsor.as_ref().unwrap();
    assert_eq!(sponsor.direction, Direction::Towards);
    assert_eq!(sponsor.answers.len(), 2);
    let estimate = review.switchback.estimate.as_ref().unwrap();
    assert_eq!((estimate.band, estimate.months), (Band::Intact, 6));
}

#[test]
fn the_first_gate_shows_the_early_trend_and_continues() {
    let content = content();
    let t = simulated(&content);
    let review = t.review(&content, "first-gate").unwrap();
    assert_eq!(review.as_of, day(2026, 3, 30));
    assert_eq!(review.signals.checkins, 6);
    assert_eq!(review.signals.expected, 12);
    assert_eq!(review.recommendation.outcome, Outcome::Continue);
    assert!(review.drift.is_none() && review.drift_note.is_some());
    assert!(
        review.sponsor.as_ref().unwrap().answers.is_empty(),
        "the sponsor answered at month six only"
    );
    // Per-month tallies show the turn.
    let first = &review.signals.monthly[0].tally;
    assert!(first.away > first.towards);
}

#[test]
fn the_whole_trial_round_trips_through_the_json_export() {
    let content = content();
    let t = simulated(&content);
    let json = export_json(&t);
    assert!(json.contains("\"format\": \"dualtrack-trial\""));
    assert!(!json.contains("Sam / me"), "no event title is ever kept");
    let back = import_json("export.json", &json, &content).unwrap();
    assert_eq!(back, t);
    assert_eq!(
        back.review(&content, "month-6").unwrap(),
        t.review(&content, "month-6").unwrap()
    );
}
