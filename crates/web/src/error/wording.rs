//! Error messages worded for web pages: the engines and the API name fields (`` `to` ``);
//! a page names them as its form does and reads as a sentence.

/// Options as the engines and the API name them (`` `to` ``, see
/// `dualtrack_calendar::analysis::OptionField`), and what the web's forms call them. The
/// exclusive-end note comes first so it is worded whole.
const FIELD_NAMES: &[(&str, &str)] = &[
    ("(`to` is exclusive)", "(the To day itself is not included)"),
    ("`focus_min`", "the focus minimum"),
    // The trial's start form (`dualtrack_trial::ExitCriteria`, `Sponsor`).
    ("`continue_if`", "the \"I will continue if\" list"),
    ("`return_if`", "the \"I will go back if\" list"),
    ("sponsor `name`", "the sponsor's name"),
    ("sponsor `role`", "the sponsor's role"),
    ("`owner`", "the email address"),
    ("`from`", "the From date"),
    ("`to`", "the To date"),
];

/// Parameter names that open the web forms' own messages ("`from` must be a date ..."), and
/// the form field each stands for, capitalised to start the sentence. A form's own "The field
/// `from` contains ..." keeps the name as sent.
const LEADING_NAMES: &[(&str, &str)] = &[
    ("`focus_min`", "The focus minimum"),
    ("`work_hours`", "The working hours"),
    ("`work_days`", "The working days"),
    ("`months`", "The months in management"),
    ("`from`", "The From date"),
    ("`to`", "The To date"),
    ("`tz`:", "Time zone:"),
];

/// An error message worded for a web page: the fields the engines and the API name become the
/// names of the form fields, code quotes go, and it reads as a sentence.
pub fn for_people(message: &str) -> String {
    let mut text = message.trim().to_owned();
    for (internal, web) in LEADING_NAMES {
        if let Some(rest) = text.strip_prefix(internal) {
            text = format!("{web}{rest}");
            break;
        }
    }
    // "The field `x` contains ..." (a form's own check) names the field as sent.
    if !text.starts_with("The field ") {
        for (internal, web) in FIELD_NAMES {
            text = text.replace(internal, web);
        }
    }
    text = text.replace('`', "");
    let mut chars = text.chars();
    let mut out = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
        None => return text,
    };
    if !out.ends_with(['.', '!', '?', ')']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 13): web error pages showed CLI flags and backticks
    /// ("--to ... must be after --from", "`tz`: ..."). The engines now name fields
    /// (`` `to` ``) and the pages word them as the form does.
    #[test]
    fn web_messages_name_form_fields_not_flags() {
        let window = for_people(
            "the window is empty: `to` 2026-01-01 must be after `from` 2026-02-01 (`to` is exclusive)",
        );
        assert_eq!(
            window,
            "The window is empty: the To date 2026-01-01 must be after the From date 2026-02-01 (the To day itself is not included)"
        );
        // Regression: the trial start form showed "Return_if item 2 is 299 characters".
        assert_eq!(
            for_people("`return_if` item 2 is 299 characters; 1 to 240 are allowed"),
            "The \"I will go back if\" list item 2 is 299 characters; 1 to 240 are allowed."
        );
        assert_eq!(
            for_people("sponsor `name` is 0 characters; 1 to 100 are allowed"),
            "The sponsor's name is 0 characters; 1 to 100 are allowed."
        );
        let zone = for_people("`tz`: `Mars/Olympus` is not a time zone");
        assert_eq!(zone, "Time zone: Mars/Olympus is not a time zone.");
        for message in [window, zone] {
            assert!(
                !message.contains("--") && !message.contains('`'),
                "{message}"
            );
        }
    }
}
