//! dualtrack-assess: the six-question self-assessment, scored into a track verdict.
//!
//! The questionnaire is data (`data/assessment.toml`, embedded at build time, replaceable with
//! [`Questionnaire::from_toml`]): each option says which track it leans to and how strongly,
//! and what choosing it suggests. [`score`] checks a set of [`Answers`] against it and returns
//! an [`Assessment`]: strong and mild counts, the verdict (three or more strong leans decide a
//! track), the weighted leaning, false reasons picked, whether the IC verdict is the Staff+
//! path, a reading per answer, next steps and guidance. The same serde type feeds the CLI's
//! JSON, the web API and every renderer; [`render_markdown`] renders it as Markdown.
//!
//! The crate is pure: it reads strings and values and returns values. Answers files are parsed
//! with positions so that errors name the file, line and column, and list the valid ids.

mod answers;
mod assessment;
mod content;
mod error;
mod history;
mod markdown;
mod questionnaire;
mod score;

pub use answers::{Answer, Answers, MAX_ANSWERS_BYTES};
pub use assessment::{
    Assessment, Caution, NextStep, Reading, RedFlagNote, Strength, Tally, Track, Verdict,
};
pub use content::{CautionText, Guidance, NextStepText, NextStepTexts, TextBlock, VerdictTexts};
pub use error::{AssessError, Location};
pub use history::{AnswerChange, trigger_changes};
pub use markdown::{lean_label, leaning_label, render_markdown, render_markdown_section};
pub use questionnaire::{Choice, Lean, MAX_QUESTIONNAIRE_BYTES, Question, Questionnaire};
pub use score::score;
