//! dualtrack-framework: the career framework as typed data.
//!
//! The framework is four kinds of document, all TOML, embedded from `data/` at build time
//! and replaceable by an organisation's own files:
//!
//! - the **reference dual ladder** ([`Ladder`]): an IC track and a management track of
//!   [`Rung`]s, and the [`Equivalence`]s between them;
//! - the **leadership ladder** ([`Leadership`]): IC, Manager, Director and VP levels with
//!   scope, skills, [`ActivityRange`] time allocations, transitions and accelerators;
//! - the **comparison** ([`Comparison`]) of the two tracks along nine dimensions, whose
//!   calendar shape gives the [`TrackProfile`]s the calendar analysis measures against;
//! - **company ladders** ([`CompanyLadder`], the same format as a ladder) whose rungs map
//!   onto the reference ladder, so titles can be compared across companies
//!   ([`Framework::map_title`]) and a ladder can be audited for being real rather than
//!   decorative ([`Framework::audit`]).
//!
//! The crate is pure: it reads `&str`s and returns values. Callers read files. Every loader
//! validates what it reads and reports all problems found, each with file, line, column and
//! a fix ([`Diagnostic`]). The JSON Schema of every file format is derived from the same
//! types the loader uses ([`schema`]).
//!
//! ```
//! let fw = dualtrack_framework::Framework::embedded().unwrap();
//! let staff = fw.equivalent("Staff Engineer", None).unwrap();
//! assert_eq!(staff.equivalents[0].rung.id, "manager");
//! ```

mod activity;
mod audit;
mod company;
mod comparison;
mod equivalent;
mod error;
mod framework;
mod ladder;
mod leadership;
mod location;
mod mapping;
pub mod markdown;
pub mod numbers;
mod profile;
mod provenance;
mod role_profile;
mod role_profile_guidance;
mod rung;
pub mod schema;
mod seed;
mod source;
mod track;
mod transition;
mod validate;
mod view;

pub use activity::{Activity, ActivityInfo, ActivityRange};
pub use audit::{Finding, FindingCode, PAY_GAP_TOLERANCE, Severity, audit};
pub use company::{Authority, CompanyLadder, Confidence, MapsTo, PayBand};
pub use comparison::{CALENDAR_SHAPE, Comparison, Dimension, Shares, TrackShares};
pub use equivalent::{EquivalentRung, Equivalents};
pub use error::{Diagnostic, DiagnosticKind, FrameworkError};
pub use framework::{Framework, FrameworkSources, SourceFile};
pub use ladder::{Equivalence, Ladder, example_ladder};
pub use leadership::{CareerConsideration, Leadership, Level, LevelScope, Skills};
pub use location::{LoadError, Location, check_schema_version, line_column, load_toml};
pub use mapping::{Certainty, LadderRef, MappedRung, MappingError, RungRef, TitleMapping};
pub use profile::TrackProfile;
pub use provenance::{
    Provenance, ProvenanceError, ProvenanceProblem, SourceRef, check_document, one_or_many,
};
pub use role_profile::{
    Allocation, Borrowed, CareerRow, LevelBasis, LevelFit, NextRung, RoleProfile, StaffPlusWeek,
    Step, Switch,
};
pub use role_profile_guidance::{Advice, Note, RoleGuidance, SeedSection, Sourcing, TimeUse};
pub use rung::{CountRange, Rung, Scope};
pub use seed::{SEEDS, Seed, seed};
pub use source::MAX_SOURCE_BYTES;
pub use track::{LadderTrack, Track};
pub use transition::{Accelerator, Shift, Transition};
pub use view::{EquivalentView, LadderView, RungView, TrackView};
