//! Integration tests of dualtrack-framework: loading, validation, audit, mapping.

#![allow(clippy::unwrap_used)] // reason: integration tests fail by panicking; their helpers unwrap like the tests

mod test {
    pub mod audit;
    pub mod embedded;
    pub mod mapping;
    pub mod own_words;
    pub mod robustness;
    pub mod validation;
}

/// `text` with `assumption = "test fixture"` on the document and after every table header, so
/// fixtures written before provenance existed pass the provenance check (which has its own
/// tests). Adds one line per header: line numbers in assertions count them.
pub(crate) fn sourced(text: &str) -> String {
    let mut out = String::from("assumption = \"test fixture\"\n");
    for line in text.split_inclusive('\n') {
        out.push_str(line);
        if line.starts_with('[') {
            if !line.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("assumption = \"test fixture\"\n");
        }
    }
    out
}

/// The line of `original` that line `line` of `sourced(original)` came from.
pub(crate) fn original_line(original: &str, line: usize) -> usize {
    let mut sourced_line = 1; // the inserted document-level line
    for (i, l) in original.lines().enumerate() {
        sourced_line += 1;
        if sourced_line >= line {
            return i + 1;
        }
        if l.starts_with('[') {
            sourced_line += 1;
            if sourced_line >= line {
                return i + 1;
            }
        }
    }
    original.lines().count().max(1)
}

/// Diagnostics of a sourced fixture, with lines mapped back to the fixture as written.
pub(crate) fn unsourced(
    original: &str,
    all: Vec<dualtrack_framework::Diagnostic>,
) -> Vec<dualtrack_framework::Diagnostic> {
    all.into_iter()
        .map(|mut d| {
            d.line = original_line(original, d.line);
            d
        })
        .collect()
}
