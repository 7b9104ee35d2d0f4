//! `--sources`: after a command's text or Markdown, list where each statement comes from.
//!
//! The JSON form of every command already carries each statement's `source` (seed sections)
//! and `assumption` (our reasons); this reads them back out of that one serialisation, so a
//! statement can never be shown with a provenance the JSON does not have.

use std::sync::atomic::{AtomicBool, Ordering};

use dualtrack_framework::{Provenance, SourceRef};
use serde_json::{Map, Value};

static SHOW: AtomicBool = AtomicBool::new(false);

/// Turns the footer on for this process (the global `--sources` flag).
pub fn enable(on: bool) {
    SHOW.store(on, Ordering::Relaxed);
}

/// Whether `--sources` was given.
pub fn enabled() -> bool {
    SHOW.load(Ordering::Relaxed)
}

/// One statement the output shows, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub label: String,
    pub provenance: Provenance,
}

/// The fields that name a statement, best first.
const LABEL_KEYS: [&str; 13] = [
    "label",
    "name",
    "title",
    "dimension",
    "headline",
    "question",
    "action",
    "when",
    "text",
    "summary",
    "reason",
    "explanation",
    "id",
];

/// Longest label shown, in characters; longer ones end in an ellipsis.
const LABEL_CHARS: usize = 72;

/// Every statement in `value` that carries a provenance, in document order, without repeats.
pub fn collect(value: &Value) -> Vec<Statement> {
    let mut out = Vec::new();
    walk(value, &mut out);
    let mut seen = Vec::new();
    out.retain(|s: &Statement| {
        if seen.contains(s) {
            false
        } else {
            seen.push(s.clone());
            true
        }
    });
    out
}

fn walk(value: &Value, out: &mut Vec<Statement>) {
    match value {
        Value::Object(map) => {
            if let Some(provenance) = provenance_of(map) {
                out.push(Statement {
                    label: label_of(map),
                    provenance,
                });
            }
            for (key, child) in map {
                if key == "source" {
                    continue;
                }
                // `basis` (or `band_basis`) holds the provenance of the object it sits in.
                if let Some(stem) = key.strip_suffix("basis")
                    && let Value::Object(basis) = child
                {
                    if let Some(provenance) = provenance_of(basis) {
                        let named = format!("{stem}name");
                        let label = match map.get(&named).and_then(Value::as_str) {
                            Some(name) if !stem.is_empty() => clip(name),
                            _ => label_of(map),
                        };
                        out.push(Statement { label, provenance });
                    }
                    continue;
                }
                walk(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
        _ => {}
    }
}

fn provenance_of(map: &Map<String, Value>) -> Option<Provenance> {
    let source: Vec<SourceRef> = match map.get("source") {
        Some(Value::Array(_) | Value::Object(_)) => {
            let raw = map.get("source").cloned().unwrap_or(Value::Null);
            let list = if raw.is_object() {
                Value::Array(vec![raw])
            } else {
                raw
            };
            serde_json::from_value(list).ok()?
        }
        _ => Vec::new(),
    };
    let assumption = match map.get("assumption") {
        Some(Value::String(why)) if !why.trim().is_empty() => Some(why.clone()),
        _ => None,
    };
    let provenance = Provenance { source, assumption };
    (!provenance.is_empty()).then_some(provenance)
}

fn label_of(map: &Map<String, Value>) -> String {
    let text = LABEL_KEYS
        .iter()
        .find_map(|key| map.get(*key).and_then(Value::as_str))
        .unwrap_or("(unnamed statement)");
    clip(text)
}

fn clip(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > LABEL_CHARS {
        let cut: String = text.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        text
    }
}

/// The provenance in words, each document named once with its sections:
/// `000 (IC or management: which track fits you): "A"; "B". Our assumption: ...`.
pub fn describe(provenance: &Provenance) -> String {
    let mut docs: Vec<(&str, Vec<&str>)> = Vec::new();
    for s in &provenance.source {
        match docs.iter_mut().find(|(doc, _)| *doc == s.doc) {
            Some((_, sections)) => sections.push(&s.section),
            None => docs.push((&s.doc, vec![&s.section])),
        }
    }
    let mut parts: Vec<String> = docs
        .into_iter()
        .map(|(doc, sections)| {
            let quoted: Vec<String> = sections.iter().map(|s| format!("\"{s}\"")).collect();
            match dualtrack_framework::seed(doc) {
                Some(seed) => format!("{doc} ({}): {}", seed.title, quoted.join("; ")),
                None => format!("{doc}: {}", quoted.join("; ")),
            }
        })
        .collect();
    if let Some(why) = &provenance.assumption {
        parts.push(format!("Our assumption: {why}"));
    }
    parts.join(". ")
}

/// The footer for terminal text.
pub fn text(statements: &[Statement]) -> String {
    let mut out = String::from("\nWhere this comes from\n---------------------\n");
    if statements.is_empty() {
        out.push_str(&crate::output::layout::wrap(NOTHING, "", ""));
        return out;
    }
    // Wrapped to the terminal width like every other text block.
    for (n, s) in statements.iter().enumerate() {
        out.push_str(&crate::output::layout::wrap(
            &s.label,
            &format!("{:>3}. ", n + 1),
            "     ",
        ));
        out.push_str(&crate::output::layout::wrap(
            &describe(&s.provenance),
            "     ",
            "     ",
        ));
    }
    out
}

/// The footer for Markdown.
pub fn markdown(statements: &[Statement]) -> String {
    let mut out = String::from("\n## Where this comes from\n\n");
    if statements.is_empty() {
        out.push_str(NOTHING);
        out.push('\n');
        return out;
    }
    for s in statements {
        out.push_str(&format!(
            "- **{}**: {}\n",
            dualtrack_framework::markdown::escape(&s.label),
            dualtrack_framework::markdown::escape(&describe(&s.provenance))
        ));
    }
    out
}

const NOTHING: &str = "Nothing above comes from the seed documents: it is input data (yours, or a \
     ladder file; the example companies' ladders are our own inventions) and what was computed \
     from it. `dualtrack sources` lists the documents.";

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn statements_are_found_at_any_depth_with_their_labels() {
        let value = json!({
            "caveat": "not sourced, not listed",
            "items": [
                { "title": "Pay pulls apart near the top.", "source": [{ "doc": "000", "section": "Frequently asked questions" }] },
                { "label": "Overlap order", "assumption": "ours" },
                { "name": "Both", "source": { "doc": "001", "section": "On Reversibility" }, "assumption": "extended" },
                { "title": "Pay pulls apart near the top.", "source": [{ "doc": "000", "section": "Frequently asked questions" }] }
            ]
        });
        let found = collect(&value);
        let labels: Vec<_> = found.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Pay pulls apart near the top.", "Overlap order", "Both"]
        );
        assert_eq!(found[1].provenance, Provenance::assumed("ours"));
        assert_eq!(found[2].provenance.source[0].doc, "001");
        assert_eq!(found[2].provenance.assumption.as_deref(), Some("extended"));
    }

    #[test]
    fn a_basis_belongs_to_the_object_it_sits_in() {
        let value = json!({
            "band_name": "Rebuild",
            "band_basis": { "source": [{ "doc": "000", "section": "What the data says about switching back" }] },
            "factors": [{ "id": "org_pace", "assumption": true, "basis": { "assumption": "ours" } }]
        });
        let found = collect(&value);
        let labels: Vec<_> = found.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["Rebuild", "org_pace"]);
    }

    #[test]
    fn a_boolean_or_empty_assumption_is_not_a_statement() {
        let value = json!({ "id": "x", "assumption": true, "source": [] });
        assert!(collect(&value).is_empty());
    }

    #[test]
    fn each_document_is_named_once_with_its_sections() {
        let p = Provenance {
            source: vec![
                SourceRef {
                    doc: "000".into(),
                    section: "A".into(),
                },
                SourceRef {
                    doc: "001".into(),
                    section: "B".into(),
                },
                SourceRef {
                    doc: "000".into(),
                    section: "C".into(),
                },
            ],
            assumption: Some("ours".into()),
        };
        assert_eq!(
            describe(&p),
            "000 (IC or management: which track fits you): \"A\"; \"C\". \
             001 (Staff engineer or engineering manager: an essay on the choice): \"B\". \
             Our assumption: ours"
        );
    }

    #[test]
    fn an_output_without_statements_says_so() {
        assert!(text(&[]).contains("Nothing above comes from the seed documents"));
        assert!(markdown(&[]).starts_with("\n## Where this comes from"));
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        let long = "word ".repeat(40);
        let found = collect(&json!({ "text": long, "assumption": "a" }));
        assert!(found[0].label.ends_with('…'));
        assert!(found[0].label.chars().count() <= LABEL_CHARS);
    }
}
