//! OpenAPI schemas for the engines' types.
//!
//! The engines describe their serde types with `schemars` (the same JSON Schema the CLI
//! publishes); this module turns those schemas into utoipa components, so the API document
//! describes exactly the JSON the handlers send, without a second copy of each type.

use std::borrow::Cow;

use schemars::JsonSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{Object, Schema};

type Named = Vec<(String, RefOr<Schema>)>;

/// The schema of `T` and the definitions it refers to, with references pointed at the
/// OpenAPI components.
pub fn convert<T: JsonSchema>() -> (RefOr<Schema>, Named) {
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
    let mut value = serde_json::to_value(&schema).unwrap_or_default();
    rewrite_refs(&mut value);
    flatten_enums(&mut value);
    let defs = value
        .as_object_mut()
        .and_then(|object| {
            object.remove("$schema");
            object.remove("$defs")
        })
        .and_then(|defs| match defs {
            serde_json::Value::Object(map) => Some(map),
            _ => None,
        })
        .unwrap_or_default();
    let named = defs
        .into_iter()
        .map(|(name, def)| (name.clone(), parse(&name, def)))
        .collect();
    (parse(T::schema_name().as_ref(), value), named)
}

fn parse(name: &str, value: serde_json::Value) -> RefOr<Schema> {
    serde_json::from_value(value).unwrap_or_else(|_| {
        // A construct utoipa cannot model: still document that the type exists.
        RefOr::T(Schema::Object(
            Object::builder()
                .description(Some(format!("{name} (see the JSON Schema)")))
                .build(),
        ))
    })
}

/// The string value a `oneOf` branch stands for: `{"const": "ic"}` or `{"enum": ["ic"]}`.
fn single_value(branch: &serde_json::Value) -> Option<String> {
    let object = branch.as_object()?;
    if object
        .keys()
        .any(|k| !matches!(k.as_str(), "const" | "enum" | "type" | "description"))
    {
        return None;
    }
    match (object.get("const"), object.get("enum")) {
        (Some(serde_json::Value::String(value)), None) => Some(value.clone()),
        (None, Some(serde_json::Value::Array(values))) if values.len() == 1 => {
            values[0].as_str().map(str::to_owned)
        }
        _ => None,
    }
}

/// schemars writes a documented string enum as `oneOf` of one-value branches; utoipa's model
/// drops `const`, which left `oneOf` of bare strings that every value matches. Rewrite such a
/// `oneOf` as one `enum`, keeping each value's description in the schema's description.
fn flatten_enums(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for item in map.values_mut() {
                flatten_enums(item);
            }
            let values: Option<Vec<(String, Option<String>)>> = map
                .get("oneOf")
                .and_then(serde_json::Value::as_array)
                .filter(|branches| !branches.is_empty())
                .and_then(|branches| {
                    branches
                        .iter()
                        .map(|branch| {
                            let description = branch
                                .get("description")
                                .and_then(serde_json::Value::as_str)
                                .map(str::to_owned);
                            single_value(branch).map(|value| (value, description))
                        })
                        .collect()
                });
            let Some(values) = values else { return };
            map.remove("oneOf");
            map.insert("type".into(), "string".into());
            let explained: Vec<String> = values
                .iter()
                .filter_map(|(value, description)| {
                    description.as_ref().map(|d| format!("`{value}`: {d}"))
                })
                .collect();
            map.insert(
                "enum".into(),
                serde_json::Value::Array(
                    values
                        .into_iter()
                        .map(|(value, _)| serde_json::Value::String(value))
                        .collect(),
                ),
            );
            if !explained.is_empty() {
                let lead = map
                    .get("description")
                    .and_then(serde_json::Value::as_str)
                    .map(|d| format!("{d}\n\n"))
                    .unwrap_or_default();
                map.insert(
                    "description".into(),
                    format!("{lead}{}", explained.join("; ")).into(),
                );
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(flatten_enums),
        _ => {}
    }
}

fn rewrite_refs(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if key == "$ref" {
                    if let serde_json::Value::String(target) = item
                        && let Some(name) = target.strip_prefix("#/$defs/")
                    {
                        *target = format!("#/components/schemas/{name}");
                    }
                } else {
                    rewrite_refs(item);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

/// Declare a documentation type `$doc` named `$name` in the API document, described by the
/// engine type `$ty`'s JSON Schema.
macro_rules! engine_schema {
    ($doc:ident, $ty:ty, $name:literal) => {
        #[doc = concat!("OpenAPI component `", $name, "`, from the engine's JSON Schema.")]
        pub struct $doc;

        impl utoipa::PartialSchema for $doc {
            fn schema() -> RefOr<Schema> {
                convert::<$ty>().0
            }
        }

        impl utoipa::ToSchema for $doc {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }

            fn schemas(schemas: &mut Named) {
                schemas.extend(convert::<$ty>().1);
            }
        }
    };
}

engine_schema!(AnswersDoc, dualtrack_assess::Answers, "Answers");
engine_schema!(AssessmentDoc, dualtrack_assess::Assessment, "Assessment");
engine_schema!(AnalysisDoc, dualtrack_calendar::Analysis, "Analysis");
engine_schema!(LadderViewDoc, dualtrack_framework::LadderView, "LadderView");
engine_schema!(
    EquivalentsDoc,
    dualtrack_framework::Equivalents,
    "Equivalents"
);
engine_schema!(
    TitleMappingDoc,
    dualtrack_framework::TitleMapping,
    "TitleMapping"
);
engine_schema!(
    RoleProfileDoc,
    dualtrack_framework::RoleProfile,
    "RoleProfile"
);
engine_schema!(FindingDoc, dualtrack_framework::Finding, "Finding");
engine_schema!(DiagnosticDoc, dualtrack_framework::Diagnostic, "Diagnostic");

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 9, item 7): enums came out as `oneOf` of bare strings.
    #[test]
    fn documented_enums_become_one_enum() {
        let mut value = serde_json::json!({
            "oneOf": [
                {"type": "string", "const": "ic", "description": "The IC track."},
                {"type": "string", "enum": ["management"]}
            ]
        });
        flatten_enums(&mut value);
        assert_eq!(value["enum"], serde_json::json!(["ic", "management"]));
        assert_eq!(value["type"], "string");
        assert!(value.get("oneOf").is_none());
        assert!(
            value["description"]
                .as_str()
                .unwrap()
                .contains("`ic`: The IC track.")
        );
        let mut mixed = serde_json::json!({"oneOf": [{"const": "a"}, {"type": "object"}]});
        flatten_enums(&mut mixed);
        assert!(mixed.get("oneOf").is_some(), "real unions stay unions");
    }

    #[test]
    fn engine_schemas_convert_without_falling_back() {
        let (root, defs) = convert::<dualtrack_assess::Assessment>();
        let text = serde_json::to_string(&root).unwrap();
        assert!(!text.contains("see the JSON Schema"), "{text}");
        assert!(text.contains("verdict"), "{text}");
        assert!(!text.contains("#/$defs/"), "{text}");
        for (name, def) in defs {
            let text = serde_json::to_string(&def).unwrap();
            assert!(!text.contains("see the JSON Schema"), "{name}: {text}");
        }
    }
}
