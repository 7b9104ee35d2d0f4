//! What can go wrong reading a questionnaire or a set of answers, and where.

pub use dualtrack_framework::Location;

/// Every failure of the assessment engine. Messages name the place and say how to fix it.
/// (Locations are boxed to keep `Result`s small on the happy path.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssessError {
    /// The answers (or questionnaire) text is not valid TOML / JSON at all.
    #[error("{at}: {message}")]
    Syntax { at: Box<Location>, message: String },

    /// The input is larger than any honest answers file could be.
    #[error(
        "{at}: {size} bytes is more than the {limit}-byte limit for {what}; check that the right file was given"
    )]
    TooLarge {
        at: Box<Location>,
        size: usize,
        limit: usize,
        what: &'static str,
    },

    /// A key that is not one of the questionnaire's question ids.
    #[error("{at}: unknown question `{key}`{hint}; valid questions: {valid}")]
    UnknownQuestion {
        at: Box<Location>,
        key: String,
        hint: String,
        valid: String,
    },

    /// An option id that the question does not offer.
    #[error("{at}: question `{question}` has no option `{option}`{hint}; valid options: {valid}")]
    UnknownOption {
        at: Box<Location>,
        question: String,
        option: String,
        hint: String,
        valid: String,
    },

    /// A question with no answer at all.
    #[error(
        "{at}: no answer to `{question}` ({theme}); add a line such as `{example}`; valid options: {valid}"
    )]
    MissingAnswer {
        at: Box<Location>,
        question: String,
        theme: String,
        example: String,
        valid: String,
    },

    /// A value of the wrong shape: a number, a table, a list for a one-answer question.
    #[error("{at}: `{question}` {expected}, but found {found}; write it as `{example}`")]
    WrongType {
        at: Box<Location>,
        question: String,
        expected: &'static str,
        found: String,
        example: String,
    },

    /// The same option listed twice in a pick-any-number answer.
    #[error("{at}: `{question}` lists `{option}` more than once; list each option once")]
    Duplicate {
        at: Box<Location>,
        question: String,
        option: String,
    },

    /// The questionnaire data itself is inconsistent (only possible with a replacement file).
    #[error("{at}: invalid questionnaire: {message}")]
    Questionnaire { at: Box<Location>, message: String },
}

/// `" (did you mean `x`?)"` when one candidate is close to `wrong`, else an empty string.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    let wrong = wrong.to_lowercase();
    let best = candidates
        .into_iter()
        .map(|c| (edit_distance(&wrong, c), c))
        // A few typos, or a clipped id ("refactor" for "refactoring").
        .filter(|(d, c)| {
            *d <= 2.max(c.len() / 4) || (wrong.len() >= 4 && c.starts_with(wrong.as_str()))
        })
        .min_by_key(|(d, _)| *d);
    best.map_or_else(String::new, |(_, c)| format!(" (did you mean `{c}`?)"))
}

/// Levenshtein distance over characters; inputs are short ids, so the quadratic cost is fine.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != *cb);
            let insert = cur[j] + 1;
            let delete = prev[j + 1] + 1;
            cur.push(substitute.min(insert).min(delete));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_ids() {
        assert_eq!(
            did_you_mean("absorbd", ["absorbed", "drift"]),
            " (did you mean `absorbed`?)"
        );
        assert_eq!(
            did_you_mean("DRIFT", ["absorbed", "drift"]),
            " (did you mean `drift`?)"
        );
        assert_eq!(did_you_mean("salary", ["absorbed", "drift"]), "");
        assert_eq!(
            did_you_mean("refactor", ["refactoring"]),
            " (did you mean `refactoring`?)"
        );
        assert_eq!(did_you_mean("ref", ["refactoring"]), "");
    }

    #[test]
    fn edit_distance_is_levenshtein() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
