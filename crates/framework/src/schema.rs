//! JSON Schemas of the file formats, derived from the types the loader deserializes into,
//! so the schema and the loader cannot disagree.

use schemars::schema_for;

use crate::comparison::Comparison;
use crate::ladder::Ladder;
use crate::leadership::Leadership;

/// Which file format to describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// A ladder: the reference ladder, a company's, or a user's own.
    Ladder,
    /// `data/leadership.toml`.
    Leadership,
    /// `data/comparison.toml`.
    Comparison,
}

/// The JSON Schema of one file format.
pub fn json_schema(doc: Document) -> serde_json::Value {
    let schema = match doc {
        Document::Ladder => schema_for!(Ladder),
        Document::Leadership => schema_for!(Leadership),
        Document::Comparison => schema_for!(Comparison),
    };
    schema.to_value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_schema_describes_rungs_and_refuses_unknown_fields() {
        let s = json_schema(Document::Ladder);
        let text = s.to_string();
        assert!(text.contains("\"maps_to\""), "{text}");
        assert!(text.contains("\"additionalProperties\":false"), "{text}");
        assert_eq!(s["title"], "Ladder");
    }

    #[test]
    fn every_document_has_a_schema() {
        for d in [Document::Ladder, Document::Leadership, Document::Comparison] {
            assert!(json_schema(d)["properties"].is_object());
        }
    }
}
