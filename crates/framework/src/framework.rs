//! The assembled framework: reference ladder, leadership ladder, comparison and example
//! company ladders, validated together.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::company::CompanyLadder;
use crate::comparison::Comparison;
use crate::error::{Diagnostic, FrameworkError};
use crate::ladder::Ladder;
use crate::leadership::Leadership;
use crate::profile::TrackProfile;
use crate::role_profile_guidance::RoleGuidance;
use crate::source::{Document, Issue};
use crate::track::Track;
use crate::validate;

/// One named text to load: `name` appears in every message about it.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl<'a> SourceFile<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Self { name, text }
    }
}

/// The texts a framework is built from. Anything left `None` comes from the built-in data,
/// so an organisation can replace only the parts it disagrees with.
#[derive(Debug, Clone, Default)]
pub struct FrameworkSources<'a> {
    pub ladder: Option<SourceFile<'a>>,
    pub leadership: Option<SourceFile<'a>>,
    pub comparison: Option<SourceFile<'a>>,
    /// Company ladders; `None` keeps the built-in examples, `Some(vec![])` means none.
    pub companies: Option<Vec<SourceFile<'a>>>,
    /// `staff-plus.toml`: Staff+ work, IC growth and the limits of parity on role pages.
    pub role_guidance: Option<SourceFile<'a>>,
}

/// The built-in data, compiled into the binary.
mod embedded {
    use super::SourceFile;

    pub const LADDER: SourceFile<'static> = SourceFile {
        name: "embedded:data/ladder.toml",
        text: include_str!("../../../data/ladder.toml"),
    };
    pub const LEADERSHIP: SourceFile<'static> = SourceFile {
        name: "embedded:data/leadership.toml",
        text: include_str!("../../../data/leadership.toml"),
    };
    pub const COMPARISON: SourceFile<'static> = SourceFile {
        name: "embedded:data/comparison.toml",
        text: include_str!("../../../data/comparison.toml"),
    };
    pub const ROLE_GUIDANCE: SourceFile<'static> = SourceFile {
        name: "embedded:data/staff-plus.toml",
        text: include_str!("../../../data/staff-plus.toml"),
    };
    pub const COMPANIES: [SourceFile<'static>; 5] = [
        SourceFile {
            name: "embedded:data/companies/quanta.toml",
            text: include_str!("../../../data/companies/quanta.toml"),
        },
        SourceFile {
            name: "embedded:data/companies/meridian.toml",
            text: include_str!("../../../data/companies/meridian.toml"),
        },
        SourceFile {
            name: "embedded:data/companies/harbourline.toml",
            text: include_str!("../../../data/companies/harbourline.toml"),
        },
        SourceFile {
            name: "embedded:data/companies/brightwave.toml",
            text: include_str!("../../../data/companies/brightwave.toml"),
        },
        SourceFile {
            name: "embedded:data/companies/sprocket.toml",
            text: include_str!("../../../data/companies/sprocket.toml"),
        },
    ];
}

/// The career framework every engine reads. Built once, validated as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    ladder: Ladder,
    leadership: Leadership,
    comparison: Comparison,
    companies: Vec<CompanyLadder>,
    role_guidance: RoleGuidance,
}

impl Framework {
    /// The built-in framework. Its data is checked by the test suite, so an error here means
    /// a broken build rather than bad user input; it is still an error, not a panic.
    pub fn embedded() -> Result<Self, FrameworkError> {
        static EMBEDDED: OnceLock<Result<Framework, FrameworkError>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| Self::from_sources(&FrameworkSources::default()))
            .clone()
    }

    /// Build a framework from texts (a `--framework DIR` read by the caller), falling back to
    /// the built-in data for every part not given. All problems in all files are reported.
    pub fn from_sources(sources: &FrameworkSources<'_>) -> Result<Self, FrameworkError> {
        let mut diagnostics: Vec<Diagnostic> = Vec::new();

        let ladder_src = sources.ladder.unwrap_or(embedded::LADDER);
        let ladder = parse_checked(ladder_src, validate::ladder, LADDER_ITEMS, &mut diagnostics);
        let leadership = parse_checked(
            sources.leadership.unwrap_or(embedded::LEADERSHIP),
            validate::leadership,
            LEADERSHIP_ITEMS,
            &mut diagnostics,
        );
        let comparison = parse_checked(
            sources.comparison.unwrap_or(embedded::COMPARISON),
            validate::comparison,
            COMPARISON_ITEMS,
            &mut diagnostics,
        );
        let role_guidance = parse_checked(
            sources.role_guidance.unwrap_or(embedded::ROLE_GUIDANCE),
            RoleGuidance::issues,
            // staff-plus.toml checks its own sourcing in `RoleGuidance::issues`.
            &[],
            &mut diagnostics,
        );

        // Cross-document check: rungs' leadership levels must exist.
        if let (Some((ladder, doc)), Some((leadership, _))) = (&ladder, &leadership) {
            diagnostics.extend(doc.diagnostics(validate::rung_levels(ladder, leadership)));
        }

        let company_srcs: Vec<SourceFile<'_>> = sources
            .companies
            .clone()
            .unwrap_or_else(|| embedded::COMPANIES.to_vec());
        let mut companies = Vec::new();
        for src in company_srcs {
            let Some((company, doc)) =
                parse_checked(src, validate::ladder, LADDER_ITEMS, &mut diagnostics)
            else {
                continue;
            };
            if let Some((reference, _)) = &ladder {
                diagnostics.extend(doc.diagnostics(validate::mappings(&company, reference)));
            }
            if let Some(first) = companies
                .iter()
                .position(|c: &CompanyLadder| c.id == company.id)
            {
                let issue = Issue::new(
                    crate::source::Path::root().key("id"),
                    crate::error::DiagnosticKind::DuplicateId,
                    format!(
                        "company id `{}` is already used by company {}",
                        company.id,
                        first + 1
                    ),
                    "give each company ladder a unique `id`",
                );
                diagnostics.extend(doc.diagnostics(vec![issue]));
            }
            companies.push(company);
        }

        match (ladder, leadership, comparison, role_guidance) {
            (
                Some((ladder, _)),
                Some((leadership, _)),
                Some((comparison, _)),
                Some((role_guidance, _)),
            ) if diagnostics.is_empty() => Ok(Self {
                ladder,
                leadership,
                comparison,
                companies,
                role_guidance,
            }),
            _ => Err(FrameworkError::Invalid(diagnostics)),
        }
    }

    /// Load a user's ladder file through the same checks as the built-in data, including its
    /// `maps_to` entries against this framework's reference ladder.
    pub fn load_ladder(&self, source: &str, text: &str) -> Result<Ladder, FrameworkError> {
        // A user's own ladder is their company's statement, not a claim drawn from the seeds:
        // it may carry `source`/`assumption`, but is not refused without them. The product's
        // own data (`from_sources`, `--framework DIR`) must say where each item comes from.
        let (ladder, doc): (Ladder, Document<'_>) = Document::parse(source, text)?;
        let mut issues = validate::ladder(&ladder);
        issues.extend(validate::mappings(&ladder, &self.ladder));
        issues.extend(validate::rung_levels(&ladder, &self.leadership));
        if issues.is_empty() {
            Ok(ladder)
        } else {
            Err(FrameworkError::Invalid(doc.diagnostics(issues)))
        }
    }

    /// The same framework with a different reference ladder (already loaded and checked).
    pub fn with_ladder(mut self, ladder: Ladder) -> Self {
        self.ladder = ladder;
        self
    }

    /// The reference dual ladder.
    pub fn ladder(&self) -> &Ladder {
        &self.ladder
    }

    /// The leadership ladder (IC, Manager, Director, VP).
    pub fn leadership(&self) -> &Leadership {
        &self.leadership
    }

    /// The IC-versus-management comparison.
    pub fn comparison(&self) -> &Comparison {
        &self.comparison
    }

    /// What role pages say about Staff+ work, IC growth and the limits of parity.
    pub fn role_guidance(&self) -> &RoleGuidance {
        &self.role_guidance
    }

    /// The example company ladders (or an organisation's own).
    pub fn companies(&self) -> &[CompanyLadder] {
        &self.companies
    }

    /// A company ladder by id or name (case-insensitive).
    pub fn company(&self, name: &str) -> Option<&CompanyLadder> {
        let q = name.trim();
        self.companies
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(q) || c.name.eq_ignore_ascii_case(q))
    }

    /// The typical week on each track, in percent, IC first.
    pub fn track_profiles(&self) -> Vec<TrackProfile> {
        // Validation guarantees the calendar shape exists; an empty list is the honest
        // answer if a caller built a framework some other way.
        self.comparison
            .calendar_shape()
            .map(|s| {
                vec![
                    TrackProfile::new(Track::Ic, s.ic),
                    TrackProfile::new(Track::Management, s.management),
                ]
            })
            .unwrap_or_default()
    }
}

/// The items of a ladder file (reference or company) that must say where they come from.
pub(crate) const LADDER_ITEMS: &[&str] = &["", "tracks", "tracks.rungs", "equivalences"];
/// The items of the leadership ladder that must say where they come from.
pub(crate) const LEADERSHIP_ITEMS: &[&str] = &[
    "levels",
    "transitions",
    "accelerators",
    "career_paths",
    "activities",
];
/// The items of the comparison that must say where they come from.
pub(crate) const COMPARISON_ITEMS: &[&str] = &["dimensions"];

/// Parse one source and run its own checks, provenance included; problems go into
/// `diagnostics`.
fn parse_checked<'a, T: DeserializeOwned>(
    src: SourceFile<'a>,
    check: fn(&T) -> Vec<Issue>,
    items: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(T, Document<'a>)> {
    match Document::parse::<T>(src.name, src.text) {
        Ok((value, doc)) => {
            diagnostics.extend(doc.provenance(items));
            diagnostics.extend(doc.diagnostics(check(&value)));
            Some((value, doc))
        }
        Err(e) => {
            diagnostics.extend(e.diagnostics().iter().cloned());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_framework_loads_and_validates() {
        let fw = Framework::embedded().unwrap_or_else(|e| panic!("{e:#?}"));
        assert_eq!(fw.ladder().tracks.len(), 2);
        assert_eq!(fw.leadership().levels.len(), 4);
        assert_eq!(fw.comparison().dimensions.len(), 9);
        assert_eq!(fw.companies().len(), 5);
    }

    #[test]
    fn track_profiles_come_from_the_calendar_shape() {
        let fw = Framework::embedded().unwrap();
        let p = fw.track_profiles();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].track, Track::Ic);
        assert_eq!((p[0].meetings, p[0].async_, p[0].focus), (30.0, 30.0, 40.0));
        assert_eq!((p[1].meetings, p[1].async_, p[1].focus), (60.0, 30.0, 10.0));
        let json = serde_json::to_value(p[1]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"track":"management","meetings":60.0,"async":30.0,"focus":10.0})
        );
    }

    #[test]
    fn a_replaced_part_keeps_the_rest_built_in() {
        let comparison = embedded::COMPARISON
            .text
            .replace("focus = 40", "focus = 35\n# x")
            .replace("meetings = 30\nasync = 30", "meetings = 35\nasync = 30");
        let sources = FrameworkSources {
            comparison: Some(SourceFile::new("mine.toml", &comparison)),
            ..FrameworkSources::default()
        };
        let fw = Framework::from_sources(&sources).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fw.track_profiles()[0].meetings, 35.0);
        assert_eq!(fw.ladder().id, "dualtrack");
    }

    #[test]
    fn problems_in_several_files_are_all_reported() {
        let sources = FrameworkSources {
            ladder: Some(SourceFile::new(
                "a.toml",
                "id = \"x\"\nname = \"x\"\n[[tracks]]\nid = \"ic\"\nname = \"IC\"\n",
            )),
            comparison: Some(SourceFile::new("b.toml", "dimensions = []\n")),
            companies: Some(vec![]),
            ..FrameworkSources::default()
        };
        let err = Framework::from_sources(&sources).unwrap_err();
        let names: Vec<&str> = err
            .diagnostics()
            .iter()
            .map(|d| d.source.as_str())
            .collect();
        assert!(
            names.contains(&"a.toml") && names.contains(&"b.toml"),
            "{err:#?}"
        );
    }
}
