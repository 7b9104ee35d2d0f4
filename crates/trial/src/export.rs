//! The whole trial as one versioned JSON document, and back. This is what "export everything"
//! hands the person, and what a store may keep.

use serde::{Deserialize, Serialize};

use crate::content::TrialContent;
use crate::error::{Location, TrialError, check_size};
use crate::trial::Trial;

/// The document's `format` field: tells a reader what the file is.
pub const DOCUMENT_FORMAT: &str = "dualtrack-trial";
/// Bumped on any change a reader of version 1 could not follow.
pub const DOCUMENT_VERSION: u32 = 1;
/// A full year of check-ins and calendar weeks is well under 200 KB.
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrialDocument {
    pub format: String,
    pub version: u32,
    pub trial: Trial,
}

/// The trial as pretty-printed JSON.
#[must_use]
pub fn export_json(trial: &Trial) -> String {
    let doc = TrialDocument {
        format: DOCUMENT_FORMAT.into(),
        version: DOCUMENT_VERSION,
        trial: trial.clone(),
    };
    // Serialising plain data with string keys cannot fail; an empty object would be the only
    // fallback and is never reached.
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_owned())
}

/// Read a document written by [`export_json`] and check every rule a trial keeps.
///
/// # Errors
/// Oversized input, bad JSON (located), another format or version, or an invalid trial.
pub fn import_json(origin: &str, text: &str, content: &TrialContent) -> Result<Trial, TrialError> {
    check_size(origin, "trial export", text, MAX_DOCUMENT_BYTES)?;
    let doc: TrialDocument = serde_json::from_str(text).map_err(|e| TrialError::Parse {
        at: Location::at_line_column(origin, e.line(), e.column()),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
        fix: "import a file written by the trial export, unchanged".into(),
    })?;
    if doc.format != DOCUMENT_FORMAT || doc.version != DOCUMENT_VERSION {
        return Err(TrialError::invalid(
            Location::whole(origin),
            format!(
                "this is a `{}` document, version {}",
                doc.format, doc.version
            ),
            format!("import a `{DOCUMENT_FORMAT}` document of version {DOCUMENT_VERSION}"),
        ));
    }
    doc.trial.validate(content, origin)?;
    Ok(doc.trial)
}
