//! Any combination of valid answers scores, and the result is consistent with the rule.

use dualtrack_assess::{Answer, Answers, Questionnaire, Strength, Tally, Track, Verdict, score};
use proptest::prelude::*;

/// One index per single-choice question (taken modulo its option count) and a bit mask over the
/// pick-any-number question's options.
fn any_answers() -> impl Strategy<Value = Answers> {
    let q = Questionnaire::embedded();
    (
        prop::collection::vec(any::<prop::sample::Index>(), q.questions.len()),
        any::<u32>(),
        any::<bool>(),
    )
        .prop_map(move |(picks, mask, reversed)| {
            let mut answers = Answers::new();
            for (question, pick) in q.questions.iter().zip(picks) {
                if question.multiple {
                    let mut ids: Vec<String> = question
                        .options
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, o)| o.id.clone())
                        .collect();
                    // The order the user lists reasons in must not matter.
                    if reversed {
                        ids.reverse();
                    }
                    answers.set(&question.id, Answer::Many(ids));
                } else {
                    let choice = pick.get(&question.options);
                    answers.set(&question.id, Answer::One(choice.id.clone()));
                }
            }
            answers
        })
}

proptest! {
    #[test]
    fn every_valid_combination_yields_a_consistent_verdict(answers in any_answers()) {
        let q = Questionnaire::embedded();
        let a = score(q, &answers).unwrap();

        // Recount from the readings.
        let (mut strong, mut mild, mut weighted) = (Tally::default(), Tally::default(), Tally::default());
        for r in &a.readings {
            prop_assert_eq!(r.lean.is_some(), r.strength.is_some());
            if let (Some(track), Some(strength)) = (r.lean, r.strength) {
                match strength {
                    Strength::Strong => strong.add(track, 1),
                    Strength::Mild => mild.add(track, 1),
                }
                weighted.add(track, strength.weight());
            }
        }
        prop_assert_eq!(a.strong, strong);
        prop_assert_eq!(a.mild, mild);
        prop_assert_eq!(a.weighted, weighted);
        prop_assert_eq!(weighted.ic, 2 * strong.ic + mild.ic);

        // The rule, restated independently.
        let expected = match (strong.ic >= 3, strong.management >= 3) {
            (true, true) => Verdict::Either,
            (true, false) => Verdict::Ic,
            (false, true) => Verdict::Management,
            (false, false) => Verdict::Unclear,
        };
        prop_assert_eq!(a.verdict, expected);
        let leaning = if weighted.ic > weighted.management {
            Some(Track::Ic)
        } else if weighted.management > weighted.ic {
            Some(Track::Management)
        } else {
            None
        };
        prop_assert_eq!(a.leaning, leaning);

        // One reading per chosen option, in questionnaire order.
        let chosen: usize = q.questions.iter().map(|qq| answers.get(&qq.id).unwrap().ids().len()).sum();
        prop_assert_eq!(a.readings.len(), chosen);
        let order = |question: &str, option: &str| {
            let qi = q.questions.iter().position(|x| x.id == question).unwrap();
            let oi = q.questions[qi].options.iter().position(|o| o.id == option).unwrap();
            (qi, oi)
        };
        let positions: Vec<_> = a.readings.iter().map(|r| order(&r.question, &r.option)).collect();
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));

        // Red flags: exactly the chosen red-flag options, in order, each with a note.
        let flagged: Vec<_> = a.readings.iter().filter(|r| r.red_flag).map(|r| r.option.clone()).collect();
        prop_assert_eq!(&a.red_flags, &flagged);
        prop_assert_eq!(a.red_flag_notes.len(), a.red_flags.len());

        // Staff+ path only with an IC verdict and the authority answer.
        let authority = answers.get("amplify") == Some(&Answer::One("amplify_by_authority".into()));
        prop_assert_eq!(a.staff_path, a.verdict == Verdict::Ic && authority);
        prop_assert_eq!(a.staff_path_note.is_some(), a.staff_path);

        // Next steps: a trial and the calendar exactly when undecided; re-take always, last.
        let ids: Vec<_> = a.next_steps.iter().map(|s| s.id.as_str()).collect();
        let undecided = matches!(a.verdict, Verdict::Either | Verdict::Unclear);
        prop_assert_eq!(ids.contains(&"trial"), undecided);
        prop_assert_eq!(ids.contains(&"calendar"), undecided);
        prop_assert_eq!(ids.contains(&"caution"), a.verdict == Verdict::Management && !a.red_flags.is_empty());
        prop_assert_eq!(ids.last().copied(), Some("retake"));
        // The hard-feedback rule: a management verdict with "put it off for weeks" carries a
        // readiness caution in its headline; no other verdict carries one.
        let avoids = answers.get("hard_feedback") == Some(&Answer::One("avoid_for_weeks".into()));
        let cautioned = a.verdict == Verdict::Management && avoids;
        prop_assert_eq!(!a.cautions.is_empty(), cautioned);
        let text = q.verdicts.get(a.verdict);
        prop_assert_eq!(&a.summary.detail, &text.detail);
        prop_assert!(a.summary.headline.starts_with(&text.headline));
        prop_assert_eq!(a.summary.headline.contains("Readiness caution"), cautioned);
    }

    #[test]
    fn answers_files_never_panic(text in "\\PC{0,200}") {
        if let Ok(answers) = Answers::from_toml(&text, "fuzz.toml") {
            let _ = score(Questionnaire::embedded(), &answers);
        }
    }

    #[test]
    fn written_answers_round_trip_through_toml(answers in any_answers()) {
        let text = toml::to_string(&answers).unwrap();
        let parsed = Answers::from_toml(&text, "round.toml").unwrap();
        prop_assert_eq!(&parsed, &answers);
        prop_assert_eq!(
            score(Questionnaire::embedded(), &parsed).unwrap(),
            score(Questionnaire::embedded(), &answers).unwrap()
        );
    }
}
