//! dualtrack-decide: the parts of the decision that come after the assessment.
//!
//! - [`outlook`]: what years 1-2 and 3-5 look like on each track (`data/outlook.toml`).
//! - [`switchback`]: how hard a return to IC is after N months in management, at a given kind
//!   of organisation (`data/switchback.toml`, rules explained in `docs/switch-back.md`).
//! - [`plans`]: a time-boxed management trial, a new manager's first 90 days
//!   (`data/plans.toml`), and a checklist per leadership transition built from the framework's
//!   leadership data.
//! - [`report`]: the decision report joining an assessment, optional calendar evidence, the
//!   outlook, the switch-back estimate and the trial; [`report::build`] makes it,
//!   [`report::render_markdown`] and [`report::render_html`] render it, and its serde form is
//!   the JSON report.
//! - [`markdown`]: Markdown for each result, shared by the CLI and the report.
//!
//! The engine is pure: it takes text and values and returns values. Loading a user's own data
//! file means the shell reads it and hands the text to `from_toml`.

pub mod consideration;
mod content;
pub mod error;
pub mod markdown;
pub mod outlook;
pub mod plans;
pub mod report;
mod source;
pub mod switchback;

pub use content::Content;
pub use dualtrack_framework::Track;
pub use error::{DecideError, Location};
pub use outlook::Outlook;
pub use plans::{Plan, PlanKind, Plans};
pub use report::{Report, ReportInput};
pub use source::MAX_DATA_BYTES;
pub use switchback::{Band, Estimate, SwitchbackInput, SwitchbackModel};
