//! What the person writes at the start of a trial, read from its file and checked.

use chrono::NaiveDate;
use dualtrack_assess::Answers;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::answers;
use crate::content::TrialContent;
use crate::error::{Location, TrialError};
use crate::exit_criteria::ExitCriteria;
use crate::kind::TrialKind;
use crate::sponsor::Sponsor;
use crate::trial::{DEFAULT_ORG, MAX_TRIAL_BYTES};

/// What the person writes at the start. The shell supplies `id` (a store key or "local").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrialSpec {
    pub kind: TrialKind,
    /// One of the trial plan's formats (`tech-lead-with-reports`, `rotation`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    pub start: NaiveDate,
    /// Planned length in months: the seeds' 6 to 12.
    pub months: u32,
    /// Switch-back organisation kind (`startup`, `scale-up`, `enterprise`, `frontier-lab`, ...).
    pub org: String,
    /// True when no organisation kind was given and `org` is the assumed default
    /// (`enterprise`), so reviews can say it was a guess.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub org_assumed: bool,
    #[serde(default)]
    pub side_practice: bool,
    /// Months already spent in management before this trial (for the later transitions).
    #[serde(default)]
    pub months_in_management_before: u32,
    pub exit_criteria: ExitCriteria,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<Sponsor>,
    /// The six questions answered at the start, the baseline for drift.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_answers: Option<Answers>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    kind: Spanned<String>,
    format: Option<Spanned<String>>,
    start: Spanned<toml::Value>,
    months: Spanned<i64>,
    org: Option<Spanned<String>>,
    #[serde(default)]
    side_practice: bool,
    months_in_management_before: Option<Spanned<u32>>,
    exit_criteria: Spanned<ExitCriteria>,
    sponsor: Option<Spanned<Sponsor>>,
}

impl TrialSpec {
    /// Parse a trial file:
    ///
    /// ```toml
    /// kind = "ic-to-manager"
    /// format = "tech-lead-with-reports"
    /// start = 2026-01-05
    /// months = 6
    /// org = "enterprise"
    /// [exit_criteria]
    /// continue_if = ["My reports say our one-on-ones help them"]
    /// return_if = ["I keep putting off hard feedback"]
    /// [sponsor]
    /// name = "Ana"
    /// role = "my manager"
    /// ```
    ///
    /// `org` defaults to `enterprise`, the seeds' ordinary pace. The six questions' starting
    /// answers come separately (an assess answers file) and go in `start_answers`.
    ///
    /// # Errors
    /// Oversized input, bad TOML, or a value the trial refuses; each located and with a fix.
    pub fn from_toml(origin: &str, src: &str, content: &TrialContent) -> Result<Self, TrialError> {
        let raw: RawSpec = dualtrack_framework::load_toml(origin, src, MAX_TRIAL_BYTES)
            .map_err(|e| e.with_fix("see docs/trial.md for the trial file's keys"))?;
        let at = |offset: usize| Location::at(origin, src, offset);
        let kind = raw.kind.get_ref().parse::<TrialKind>().map_err(|message| {
            TrialError::invalid(
                at(raw.kind.span().start),
                message,
                "pick one of the listed kinds",
            )
        })?;
        let start = answers::date(&raw.start, "start", origin, src)?;
        check_months(*raw.months.get_ref(), content, at(raw.months.span().start))?;
        let months = u32::try_from(*raw.months.get_ref()).unwrap_or_default();
        let format = match raw.format {
            Some(f) => Some(check_format(f.get_ref(), content, at(f.span().start))?),
            None => None,
        };
        let org_assumed = raw.org.is_none();
        let org = match raw.org {
            Some(o) => {
                content.switchback.org(o.get_ref()).map_err(|e| {
                    TrialError::invalid(
                        at(o.span().start),
                        e.to_string(),
                        "use one of the listed kinds",
                    )
                })?;
                o.into_inner()
            }
            None => DEFAULT_ORG.to_owned(),
        };
        let before = match raw.months_in_management_before {
            Some(b) => {
                content
                    .switchback
                    .check_months(i64::from(*b.get_ref()))
                    .map_err(|e| {
                        TrialError::invalid(at(b.span().start), e.to_string(), "count whole months")
                    })?;
                b.into_inner()
            }
            None => 0,
        };
        let criteria_at = at(raw.exit_criteria.span().start);
        let exit_criteria = raw.exit_criteria.into_inner().normalised(&criteria_at)?;
        let sponsor = match raw.sponsor {
            Some(s) => {
                let sponsor_at = at(s.span().start);
                Some(s.into_inner().normalised(&sponsor_at)?)
            }
            None => None,
        };
        Ok(TrialSpec {
            kind,
            format,
            start,
            months,
            org,
            org_assumed,
            side_practice: raw.side_practice,
            months_in_management_before: before,
            exit_criteria,
            sponsor,
            start_answers: None,
        })
    }
}

/// The seeds' trial length, as the plan data states it (`min_months`..=`max_months`).
pub(crate) fn check_months(
    months: i64,
    content: &TrialContent,
    at: Location,
) -> Result<(), TrialError> {
    let (min, max) = (
        content.plans.trial.min_months,
        content.plans.trial.max_months,
    );
    if (i64::from(min)..=i64::from(max)).contains(&months) {
        return Ok(());
    }
    Err(TrialError::invalid(
        at,
        format!(
            "a trial of {months} months is outside {min} to {max}: the seeds advise testing the role for six to twelve months before committing (seed 000, \"When should I switch to the management track?\")"
        ),
        format!(
            "plan between {min} and {max} months; decide at the end, or extend once up to {max}"
        ),
    ))
}

pub(crate) fn check_format(
    format: &str,
    content: &TrialContent,
    at: Location,
) -> Result<String, TrialError> {
    let formats = &content.plans.trial.formats;
    if formats.iter().any(|f| f.id == format) {
        return Ok(format.to_owned());
    }
    Err(TrialError::invalid(
        at,
        format!("unknown trial format `{format}`"),
        format!(
            "use one of: {}",
            formats
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}
