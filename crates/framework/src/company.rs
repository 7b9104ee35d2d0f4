//! What a company's own ladder adds to a rung: its mapping onto the reference ladder, and the
//! pay and authority the audit compares across tracks.
//!
//! A company ladder is an ordinary [`Ladder`](crate::Ladder) file; [`CompanyLadder`] names
//! that use.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A company's ladder: the same format and loader as any ladder.
pub type CompanyLadder = crate::Ladder;

/// How sure a mapping is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The reference rung a company rung corresponds to: one rung (`maps_to = "staff_engineer"`)
/// or an inclusive range (`maps_to = ["senior_engineer", "staff_engineer"]`) when the
/// company's rung straddles two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapsTo {
    pub low: String,
    pub high: String,
}

impl MapsTo {
    pub fn one(id: &str) -> Self {
        Self {
            low: id.to_owned(),
            high: id.to_owned(),
        }
    }

    pub fn range(low: &str, high: &str) -> Self {
        Self {
            low: low.to_owned(),
            high: high.to_owned(),
        }
    }

    pub fn is_range(&self) -> bool {
        self.low != self.high
    }
}

impl fmt::Display for MapsTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_range() {
            write!(f, "{}..{}", self.low, self.high)
        } else {
            f.write_str(&self.low)
        }
    }
}

impl Serialize for MapsTo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_range() {
            [&self.low, &self.high].serialize(s)
        } else {
            self.low.serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for MapsTo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MapsTo;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a reference rung id, or a [low, high] pair of reference rung ids")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<MapsTo, E> {
                Ok(MapsTo::one(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MapsTo, A::Error> {
                let mut ids: Vec<String> = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    if ids.len() == 2 {
                        return Err(de::Error::invalid_length(3, &self));
                    }
                    ids.push(id);
                }
                match <[String; 2]>::try_from(ids) {
                    Ok([low, high]) => Ok(MapsTo { low, high }),
                    Err(ids) => match ids.into_iter().next() {
                        Some(only) => Ok(MapsTo {
                            high: only.clone(),
                            low: only,
                        }),
                        None => Err(de::Error::invalid_length(0, &self)),
                    },
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for MapsTo {
    fn schema_name() -> Cow<'static, str> {
        "MapsTo".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A reference rung id, or a [low, high] pair of reference rung ids on the same track.",
            "oneOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" }, "minItems": 1, "maxItems": 2 }
            ]
        })
    }
}

/// A pay band for a rung. The audit compares the midpoints of equivalent rungs; it only
/// compares bands in the same currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayBand {
    pub low: f64,
    pub high: f64,
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
}

impl PayBand {
    pub fn midpoint(&self) -> f64 {
        (self.low + self.high) / 2.0
    }
}

/// What a rung is allowed to decide. An IC track is only as real as the authority its rungs
/// carry: the audit looks for titles that carry none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// Owns a budget.
    #[serde(default)]
    pub budget: bool,
    /// Decides on headcount (opening roles, hiring).
    #[serde(default)]
    pub headcount: bool,
    /// Areas the rung has the final say in, e.g. `["architecture", "technical-direction"]`.
    #[serde(default)]
    pub decision_rights: Vec<String>,
}

impl Authority {
    /// Whether the rung holds any authority at all.
    pub fn any(&self) -> bool {
        self.budget || self.headcount || !self.decision_rights.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Holder {
        maps_to: MapsTo,
    }

    fn parse(text: &str) -> Result<MapsTo, toml::de::Error> {
        toml::from_str::<Holder>(text).map(|h| h.maps_to)
    }

    #[test]
    fn maps_to_reads_one_id_or_a_pair() {
        assert_eq!(
            parse("maps_to = \"manager\"").unwrap(),
            MapsTo::one("manager")
        );
        assert_eq!(
            parse("maps_to = [\"engineer\", \"senior_engineer\"]").unwrap(),
            MapsTo::range("engineer", "senior_engineer")
        );
        assert_eq!(
            parse("maps_to = [\"manager\"]").unwrap(),
            MapsTo::one("manager")
        );
    }

    #[test]
    fn maps_to_refuses_empty_and_long_lists_and_other_types() {
        assert!(parse("maps_to = []").is_err());
        assert!(parse("maps_to = [\"a\", \"b\", \"c\"]").is_err());
        let err = parse("maps_to = 3").unwrap_err();
        assert!(
            err.message().contains("reference rung id"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn maps_to_serializes_back_to_its_written_form() {
        assert_eq!(serde_json::to_string(&MapsTo::one("a")).unwrap(), "\"a\"");
        assert_eq!(
            serde_json::to_string(&MapsTo::range("a", "b")).unwrap(),
            "[\"a\",\"b\"]"
        );
    }

    #[test]
    fn authority_any_needs_at_least_one_power() {
        assert!(!Authority::default().any());
        let a = Authority {
            decision_rights: vec!["architecture".into()],
            ..Authority::default()
        };
        assert!(a.any());
    }
}
