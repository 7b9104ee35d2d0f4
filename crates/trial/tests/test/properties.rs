//! Arbitrary text into every parser gives a value or an error, never a panic; valid check-ins
//! written as TOML read back as they were.

use dualtrack_trial::{Checkin, CheckinForm, TrialSpec, import_json};
use proptest::prelude::*;

use super::common::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn parsers_never_panic_on_arbitrary_text(text in "\\PC{0,400}") {
        let content = content();
        let _ = Checkin::from_toml("x.toml", &text, &content.form);
        let _ = TrialSpec::from_toml("x.toml", &text, &content);
        let _ = CheckinForm::from_toml("x.toml", &text);
        let _ = import_json("x.json", &text, &content);
    }

    #[test]
    fn parsers_never_panic_on_toml_shaped_text(
        key in prop::sample::select(vec!["date", "kind", "start", "months", "answers", "energy", "exit_criteria", "schema_version"]),
        value in prop::sample::select(vec!["1", "-1", "\"x\"", "2026-02-30", "2026-01-05", "[]", "{}", "[\"a\"]", "99999999999999999999"]),
        tail in "[a-z_ =\"\\[\\]\n0-9-]{0,80}",
    ) {
        let content = content();
        let text = format!("{key} = {value}\n{tail}");
        let _ = Checkin::from_toml("x.toml", &text, &content.form);
        let _ = TrialSpec::from_toml("x.toml", &text, &content);
        let _ = CheckinForm::from_toml("x.toml", &text);
    }

    #[test]
    fn any_valid_check_in_reads_back_as_written(picks in prop::collection::vec(any::<prop::sample::Index>(), 7), day_offset in 0u64..180) {
        let content = content();
        let form = &content.form;
        let date = start().checked_add_days(chrono::Days::new(day_offset)).unwrap();
        let mut text = format!("date = {date}\n[answers]\n");
        let mut expected = std::collections::BTreeMap::new();
        for (q, pick) in form.questions.iter().zip(&picks) {
            let o = pick.get(&q.options);
            text.push_str(&format!("{} = \"{}\"\n", q.id, o.id));
            expected.insert(q.id.clone(), o.id.clone());
        }
        let c = Checkin::from_toml("x.toml", &text, form).unwrap();
        prop_assert_eq!(c.date, date);
        prop_assert_eq!(c.answers, expected);
    }
}
