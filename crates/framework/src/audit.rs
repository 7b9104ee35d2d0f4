//! Is a dual ladder real or decorative? The audit reads a ladder against the reference
//! ladder and reports what would make an IC think twice about staying IC there.
//!
//! A finding fires only on what the file says for certain: a rung mapped to a range counts
//! at its high end when asking "how far does the IC track reach" and at its low end when
//! asking "is this rung senior enough to need a management twin".

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::framework::Framework;
use crate::ladder::Ladder;
use crate::mapping::{reference_scope, reference_span};
use crate::numbers::thousands;
use crate::rung::{Rung, Scope};
use crate::track::Track;

/// Pay at equivalent rungs may differ by this fraction before the audit objects. Our
/// assumption: 000 ("The two ladders, side by side", FAQ) says equivalent rungs earn
/// *comparable* pay and gives no number; a 10% gap between band midpoints is where we stop
/// calling it comparable.
pub const PAY_GAP_TOLERANCE: f64 = 0.10;

/// The largest team 003 ("Organizational Scope") gives a Manager: 5-12 engineers. 000 ("The two
/// ladders, side by side") gives a Manager 4-8 *direct* reports. The two describe different
/// things: 000's range is who reports to the manager directly, 003's is the whole team, which
/// can include engineers who report through a tech lead. So direct reports between 000's top and
/// this number are worth a look, not a defect.
pub const MANAGER_TEAM_MAX: u32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The ladder is not a dual ladder in this respect.
    Error,
    /// The dual ladder exists but is weaker than it claims.
    Warning,
    /// Worth a look; the file does not hold enough to say more.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a finding is about. Stable identifiers for scripts and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    MissingTrack,
    IcEndsAtSenior,
    IcEndsAtStaff,
    NoEquivalence,
    UnequalPayAtEquivalentRungs,
    ArchitectWithoutAuthority,
    AuthorityOnlyInManagement,
    SpanOutsideRange,
}

impl FindingCode {
    pub const ALL: [Self; 8] = [
        Self::MissingTrack,
        Self::IcEndsAtSenior,
        Self::IcEndsAtStaff,
        Self::NoEquivalence,
        Self::UnequalPayAtEquivalentRungs,
        Self::ArchitectWithoutAuthority,
        Self::AuthorityOnlyInManagement,
        Self::SpanOutsideRange,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingTrack => "missing-track",
            Self::IcEndsAtSenior => "ic-ends-at-senior",
            Self::IcEndsAtStaff => "ic-ends-at-staff",
            Self::NoEquivalence => "no-equivalence",
            Self::UnequalPayAtEquivalentRungs => "unequal-pay-at-equivalent-rungs",
            Self::ArchitectWithoutAuthority => "architect-without-authority",
            Self::AuthorityOnlyInManagement => "authority-only-in-management",
            Self::SpanOutsideRange => "span-outside-range",
        }
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing the audit found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    /// Ids of the rungs involved (may be empty for ladder-wide findings).
    pub rungs: Vec<String>,
    pub message: String,
    pub fix: String,
}

impl Framework {
    /// Audit a company's (or a user's) ladder against this framework's reference ladder.
    pub fn audit(&self, ladder: &Ladder) -> Vec<Finding> {
        audit(self.ladder(), ladder)
    }
}

/// Audit `ladder` against `reference`. Findings come most severe first.
pub fn audit(reference: &Ladder, ladder: &Ladder) -> Vec<Finding> {
    let mut out = Vec::new();
    let (ic, mgmt) = (ladder.track(Track::Ic), ladder.track(Track::Management));
    for (kind, track) in [(Track::Ic, ic), (Track::Management, mgmt)] {
        if track.is_none_or(|t| t.rungs.is_empty()) {
            out.push(Finding {
                code: FindingCode::MissingTrack,
                severity: Severity::Error,
                rungs: Vec::new(),
                message: format!(
                    "the ladder has no {} track, so it is not a dual ladder",
                    kind.noun()
                ),
                fix: format!(
                    "add a [[tracks]] table with id = \"{}\" and its rungs",
                    kind.as_str()
                ),
            });
        }
    }
    let ic_rungs: Vec<&Rung> = ic.map(|t| t.rungs.iter().collect()).unwrap_or_default();
    let mgmt_rungs: Vec<&Rung> = mgmt.map(|t| t.rungs.iter().collect()).unwrap_or_default();
    let scope_hi = |track, r: &Rung| reference_scope(reference, track, r, true);
    let scope_lo = |track, r: &Rung| reference_scope(reference, track, r, false);

    ceiling(&mut out, ladder, &ic_rungs, &mgmt_rungs, &scope_hi);
    equivalence_coverage(&mut out, ladder, &ic_rungs, &mgmt_rungs, &scope_lo);
    pay(&mut out, ladder);
    authority(&mut out, &ic_rungs, &mgmt_rungs, &scope_lo);
    spans(&mut out, reference, &mgmt_rungs);

    out.sort_by(|a, b| (a.severity, a.code, &a.rungs).cmp(&(b.severity, b.code, &b.rungs)));
    out
}

type ScopeOf<'a> = dyn Fn(Track, &Rung) -> Scope + 'a;

fn ceiling(
    out: &mut Vec<Finding>,
    ladder: &Ladder,
    ic: &[&Rung],
    mgmt: &[&Rung],
    scope: &ScopeOf<'_>,
) {
    let Some(top) = ic.last() else { return };
    let top_scope = scope(Track::Ic, top);
    let mgmt_top = mgmt.last();
    let mgmt_scope = mgmt_top.map(|r| scope(Track::Management, r));
    let mgmt_reach = mgmt_top.map_or_else(String::new, |r| {
        format!(", while management goes up to `{}`", r.title)
    });
    if top_scope == Scope::Team {
        out.push(Finding {
            code: FindingCode::IcEndsAtSenior,
            severity: Severity::Error,
            rungs: vec![top.id.clone()],
            message: format!(
                "the IC track ends at `{}`, a single-team rung at Senior level or below{mgmt_reach}; beyond Senior, growing at {} means moving into management",
                top.title, ladder.name
            ),
            fix: "add IC rungs with multi-team and organisation scope (Staff and above), each paired with a management rung, or expect engineers who want to grow as ICs to leave".into(),
        });
    } else if top_scope == Scope::MultiTeam && mgmt_scope.is_some_and(|s| s > Scope::MultiTeam) {
        out.push(Finding {
            code: FindingCode::IcEndsAtStaff,
            severity: Severity::Warning,
            rungs: vec![top.id.clone()],
            message: format!(
                "the IC track stops at `{}` (Staff level, multi-team scope){mgmt_reach}; the IC track tops out below where management goes",
                top.title
            ),
            fix: "add organisation-scope IC rungs (Senior Staff, Principal) paired with Senior Manager and Director".into(),
        });
    }
}

fn equivalence_coverage(
    out: &mut Vec<Finding>,
    ladder: &Ladder,
    ic: &[&Rung],
    mgmt: &[&Rung],
    scope: &ScopeOf<'_>,
) {
    if ic.is_empty() || mgmt.is_empty() {
        return;
    }
    let senior: Vec<&Rung> = ic
        .iter()
        .copied()
        .filter(|r| scope(Track::Ic, r) >= Scope::MultiTeam)
        .collect();
    if ladder.equivalences.is_empty() {
        let rungs: Vec<String> = if senior.is_empty() {
            ic.last().map(|r| vec![r.id.clone()]).unwrap_or_default()
        } else {
            senior.iter().map(|r| r.id.clone()).collect()
        };
        out.push(Finding {
            code: FindingCode::NoEquivalence,
            severity: Severity::Warning,
            rungs,
            message: "the ladder pairs no IC rung with a management rung, so nothing says what an IC rung is worth in management terms".into(),
            fix: "add [[equivalences]] tables, e.g. Staff with Manager, Senior Staff with Senior Manager, Principal with Director".into(),
        });
        return;
    }
    for r in senior {
        if ladder.equivalences.iter().all(|e| e.ic != r.id) {
            out.push(Finding {
                code: FindingCode::NoEquivalence,
                severity: Severity::Warning,
                rungs: vec![r.id.clone()],
                message: format!(
                    "`{}` leads beyond one team but is paired with no management rung",
                    r.title
                ),
                fix: format!("add an [[equivalences]] table with ic = \"{}\" and the management rung of the same weight", r.id),
            });
        }
    }
}

fn pay(out: &mut Vec<Finding>, ladder: &Ladder) {
    for e in &ladder.equivalences {
        let (Some((_, a)), Some((_, b))) = (ladder.rung(&e.ic), ladder.rung(&e.management)) else {
            continue;
        };
        let (Some(pa), Some(pb)) = (&a.pay, &b.pay) else {
            continue;
        };
        if !pa.currency.eq_ignore_ascii_case(&pb.currency) {
            continue;
        }
        let (ma, mb) = (pa.midpoint(), pb.midpoint());
        let low = ma.min(mb);
        if low <= 0.0 {
            continue;
        }
        let gap = (ma - mb).abs() / low;
        if gap > PAY_GAP_TOLERANCE {
            let (higher, lower) = if ma > mb { (a, b) } else { (b, a) };
            out.push(Finding {
                code: FindingCode::UnequalPayAtEquivalentRungs,
                severity: Severity::Warning,
                rungs: vec![a.id.clone(), b.id.clone()],
                message: format!(
                    "`{}` and `{}` are called equivalent, but `{}` pays {:.0}% more (band midpoints {} and {} {})",
                    a.title,
                    b.title,
                    higher.title,
                    gap * 100.0,
                    thousands(whole(ma)),
                    thousands(whole(mb)),
                    pa.currency
                ),
                fix: format!(
                    "bring the band of `{}` within {:.0}% of `{}` (our tolerance for \"comparable\" pay, which the seeds do not quantify), or stop calling the rungs equivalent",
                    lower.title,
                    PAY_GAP_TOLERANCE * 100.0,
                    higher.title
                ),
            });
        }
    }
}

fn authority(out: &mut Vec<Finding>, ic: &[&Rung], mgmt: &[&Rung], scope: &ScopeOf<'_>) {
    for r in ic {
        if !r.title.to_ascii_lowercase().contains("architect") {
            continue;
        }
        match &r.authority {
            Some(a) if a.decision_rights.is_empty() => out.push(Finding {
                code: FindingCode::ArchitectWithoutAuthority,
                severity: Severity::Warning,
                rungs: vec![r.id.clone()],
                message: format!(
                    "`{}` has an architect's title but no decision rights; its reviews are advice that others may ignore",
                    r.title
                ),
                fix: "list what the rung decides in `authority.decision_rights` (e.g. [\"architecture\"]), or retitle it to match what it can decide".into(),
            }),
            None => out.push(Finding {
                code: FindingCode::ArchitectWithoutAuthority,
                severity: Severity::Info,
                rungs: vec![r.id.clone()],
                message: format!(
                    "`{}` has an architect's title and the ladder records no authority for it",
                    r.title
                ),
                fix: "add an `authority` table saying what the rung decides, so readers can tell a real architect from a title".into(),
            }),
            Some(_) => {}
        }
    }

    let holders: Vec<&&Rung> = mgmt
        .iter()
        .filter(|r| r.authority.as_ref().is_some_and(|a| a.any()))
        .collect();
    let ic_has_any = ic
        .iter()
        .any(|r| r.authority.as_ref().is_some_and(|a| a.any()));
    if !holders.is_empty() && !ic_has_any && !ic.is_empty() {
        let senior: Vec<String> = ic
            .iter()
            .filter(|r| scope(Track::Ic, r) >= Scope::MultiTeam)
            .map(|r| r.id.clone())
            .collect();
        out.push(Finding {
            code: FindingCode::AuthorityOnlyInManagement,
            severity: Severity::Warning,
            rungs: if senior.is_empty() { ic.iter().map(|r| r.id.clone()).collect() } else { senior },
            message: format!(
                "budget, headcount and decision rights sit only on the management track ({} rung(s)); no IC rung decides anything",
                holders.len()
            ),
            fix: "give Staff-level and higher IC rungs explicit decision rights over technical direction, so the IC track leads instead of advising".into(),
        });
    }
}

fn spans(out: &mut Vec<Finding>, reference: &Ladder, mgmt: &[&Rung]) {
    let Some(ref_track) = reference.track(Track::Management) else {
        return;
    };
    for r in mgmt {
        let Some(reports) = r.reports else { continue };
        // Only a rung that maps onto exactly one reference rung has a span to compare with.
        let Some((lo, hi)) = reference_span(reference, Track::Management, r) else {
            continue;
        };
        if lo != hi {
            continue;
        }
        let Some(canon) = ref_track.rungs.get(lo) else {
            continue;
        };
        let Some(expected) = canon.reports else {
            continue;
        };
        if reports.low < expected.low || reports.high > expected.high {
            // Within 003's team size for a Manager, above 000's direct reports: a team with a
            // tech lead in it, which is normal; only worth a look.
            let within_team_size = canon.id == "manager"
                && reports.high > expected.high
                && reports.low >= expected.low
                && reports.high <= MANAGER_TEAM_MAX;
            let why = if within_team_size {
                "more direct reports than the 4-8 that 000 gives a Manager, though within the 5-12-engineer team 003 describes; fine if some of them report through a tech lead"
            } else if reports.high > expected.high {
                "more direct reports than the sources describe for this rung (for a Manager: 4-8 direct reports in 000, a team of 5-12 engineers in 003)"
            } else {
                "fewer direct reports than the role usually has"
            };
            out.push(Finding {
                code: FindingCode::SpanOutsideRange,
                severity: if within_team_size {
                    Severity::Info
                } else {
                    Severity::Warning
                },
                rungs: vec![r.id.clone()],
                message: format!(
                    "`{}` has {reports} direct reports, outside the {expected} expected of the reference {} rung: {why}",
                    r.title, canon.title
                ),
                fix: if reports.high > expected.high {
                    format!("split the group or add another {} so nobody has more than {} reports", canon.title, expected.high)
                } else {
                    format!("merge teams, or map the rung to a role that expects {} reports", reports)
                },
            });
        }
    }
}

/// A band midpoint as a whole amount for display (bands are never negative).
fn whole(amount: f64) -> u64 {
    // Rounded and clamped first, so the cast cannot wrap.
    amount.max(0.0).round() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(company: &str) -> Vec<&'static str> {
        let fw = Framework::embedded().unwrap();
        let ladder = fw.company(company).unwrap();
        fw.audit(ladder).iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn the_mature_example_is_clean() {
        assert_eq!(codes("quanta"), Vec::<&str>::new());
    }

    #[test]
    fn each_example_shows_its_problem() {
        assert_eq!(codes("sprocket"), ["ic-ends-at-senior", "no-equivalence"]);
        assert_eq!(codes("brightwave"), ["ic-ends-at-staff"]);
        assert_eq!(codes("meridian"), ["unequal-pay-at-equivalent-rungs"]);
        let h = codes("harbourline");
        for code in [
            "unequal-pay-at-equivalent-rungs",
            "architect-without-authority",
            "authority-only-in-management",
            "span-outside-range",
        ] {
            assert!(h.contains(&code), "{code} missing from {h:?}");
        }
    }

    #[test]
    fn the_reference_ladder_passes_its_own_audit() {
        let fw = Framework::embedded().unwrap();
        assert_eq!(fw.audit(fw.ladder()), Vec::new());
    }
}
