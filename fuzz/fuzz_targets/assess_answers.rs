//! Fuzz target: any text as an answers file, read as TOML (`--answers FILE`) and as JSON (the
//! web API body), scored against the built-in questionnaire and rendered. Must never panic.
#![no_main]

use dualtrack_assess::{Answers, Questionnaire, render_markdown, score, trigger_changes};
use libfuzzer_sys::fuzz_target;

fn check(q: &Questionnaire, parsed: Result<Answers, dualtrack_assess::AssessError>) {
    let answers = match parsed {
        Ok(answers) => answers,
        Err(err) => {
            let _ = err.to_string();
            return;
        }
    };
    for key in answers.keys() {
        let _ = answers.value_location(key, Some(0)).to_string();
    }
    let _ = trigger_changes(q, &Answers::new(), &answers);
    match score(q, &answers) {
        Ok(assessment) => {
            let _ = render_markdown(&assessment);
            let json = serde_json::to_string(&assessment).unwrap_or_default();
            assert!(json.contains("\"verdict\""));
        }
        Err(err) => {
            let _ = err.to_string();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let q = Questionnaire::embedded();
    check(q, Answers::from_toml(text, "fuzz.toml"));
    check(q, Answers::from_json_str(text, "fuzz.json"));
});
