//! The table of each ladder view, built once for both renderers (see `grid.rs`).

use dualtrack_framework::{
    Activity, EquivalentRung, Finding, Framework, Ladder, Leadership, MappedRung, Rung, Severity,
    TitleMapping, Track,
};

use super::grid::{Cell, Grid};
use super::rows::{self, marker};

fn rung_cell(rung: Option<&Rung>, link: Option<&dyn Fn(&Rung) -> String>) -> Cell {
    rung.map_or_else(Cell::empty, |r| Cell::Rung {
        title: r.title.clone(),
        level: r.level.clone(),
        id: r.id.clone(),
        link: link.map(|f| f(r)),
    })
}

/// `ladder show`: the two tracks side by side, paired rungs on one row.
pub fn ladder(ladder: &Ladder, link: Option<&dyn Fn(&Rung) -> String>) -> Grid {
    let name = |k: Track| ladder.track(k).map_or(k.label(), |t| t.name.as_str());
    let mut grid = Grid::new(&[
        name(Track::Ic),
        "Scope",
        "",
        name(Track::Management),
        "Scope",
        "Reports",
    ])
    .centre(&[2]);
    for row in rows::aligned(ladder) {
        grid.push(vec![
            rung_cell(row.ic, link),
            Cell::text(row.ic.map_or_else(String::new, |r| r.scope.to_string())),
            Cell::text(marker(row.pairing)),
            rung_cell(row.management, link),
            Cell::text(
                row.management
                    .map_or_else(String::new, |r| r.scope.to_string()),
            ),
            Cell::text(
                row.management
                    .and_then(|r| r.reports)
                    .map_or_else(String::new, |r| r.to_string()),
            ),
        ]);
    }
    grid
}

/// `ladder equiv`: each equivalent rung and whether the pairing is stated or inferred.
pub fn equivalents(equivalents: &[EquivalentRung]) -> Grid {
    let mut grid = Grid::new(&["Equivalent", "Track", "Scope", "Basis"]);
    for q in equivalents {
        let basis = if q.extrapolated {
            "extrapolated"
        } else {
            "stated"
        };
        grid.push(vec![
            Cell::rung(&q.rung.title, None, &q.rung.id),
            Cell::text(q.rung.track.label()),
            Cell::text(q.rung.scope.to_string()),
            Cell::text(match &q.note {
                Some(note) => format!("{basis}. {note}"),
                None => basis.to_owned(),
            }),
        ]);
    }
    grid
}

/// `ladder map`: the matching rungs, or the nearest one when nothing matches.
pub fn mapping(m: &TitleMapping) -> Grid {
    let shown: Vec<&MappedRung> = if m.matches.is_empty() {
        m.closest.iter().collect()
    } else {
        m.matches.iter().collect()
    };
    let heading = if m.matches.is_empty() {
        "Nearest rung (not a match)"
    } else {
        "Matching rung"
    };
    let mut grid = Grid::new(&[heading, "Reference rung(s)", "Confidence", "Source"]);
    for r in shown {
        grid.push(vec![
            Cell::rung(&r.rung.title, r.rung.level.as_deref(), &r.rung.id),
            span(r),
            Cell::text(r.confidence.to_string()),
            Cell::text(r.source.clone().unwrap_or_default()),
        ]);
    }
    grid
}

/// The reference rung a mapped rung sits at, or the span it covers.
pub fn span(r: &MappedRung) -> Cell {
    if r.is_range() {
        Cell::Range(r.reference_low.clone(), r.reference_high.clone())
    } else {
        Cell::Id(r.reference_low.clone())
    }
}

/// `ladder audit`: each finding with its code, the rungs it names, and the fix.
pub fn audit(findings: &[Finding]) -> Grid {
    let mut grid = Grid::new(&["Severity", "Code and rungs", "Finding"]);
    for f in findings {
        let mut code = vec![Cell::Id(f.code.to_string())];
        code.extend(f.rungs.iter().map(|r| Cell::Id(r.clone())));
        grid.push(vec![
            Cell::text(f.severity.to_string()),
            Cell::Stack(code),
            Cell::text(format!("{}\nFix: {}", f.message, f.fix)),
        ]);
    }
    grid
}

/// `ladder companies`: each example ladder, how high its IC track reaches, its audit counts.
pub fn companies(fw: &Framework) -> Grid {
    let mut grid = Grid::new(&[
        "Id",
        "Name",
        "IC track tops out at",
        "Errors",
        "Warnings",
        "Notes",
    ])
    .right(&[3, 4, 5]);
    for c in fw.companies() {
        let top = c
            .track(Track::Ic)
            .and_then(|t| t.top())
            .map_or("-", |r| r.title.as_str());
        let findings = fw.audit(c);
        let count = |s| {
            Cell::text(
                findings
                    .iter()
                    .filter(|f| f.severity == s)
                    .count()
                    .to_string(),
            )
        };
        grid.push(vec![
            Cell::Id(c.id.clone()),
            Cell::text(c.name.clone()),
            Cell::text(top),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        ]);
    }
    grid
}

/// `ladder compare`: the dimensions, the typical weeks and the long view, with their headings.
pub fn compare(fw: &Framework) -> Vec<(&'static str, Grid)> {
    let mut dimensions = Grid::new(&["Dimension", "IC track", "Management track"]);
    for d in &fw.comparison().dimensions {
        dimensions.push(vec![
            Cell::text(d.label.clone()),
            Cell::text(d.ic.clone()),
            Cell::text(d.management.clone()),
        ]);
    }
    let mut weeks = Grid::new(&["Track", "Meetings", "Async", "Focus"]).right(&[1, 2, 3]);
    for p in fw.track_profiles() {
        weeks.push(vec![
            Cell::text(p.track.label()),
            Cell::text(format!("{:.0}%", p.meetings)),
            Cell::text(format!("{:.0}%", p.async_)),
            Cell::text(format!("{:.0}%", p.focus)),
        ]);
    }
    let mut long_view = Grid::new(&["", "IC track", "Management track"]);
    for c in &fw.leadership().career_paths {
        long_view.push(vec![
            Cell::text(c.label.clone()),
            Cell::text(c.ic.clone()),
            Cell::text(c.management.clone()),
        ]);
    }
    vec![
        ("IC and management compared", dimensions),
        ("A typical week", weeks),
        ("The long view", long_view),
    ]
}

/// A field of a leadership level's scope.
type ScopeField = fn(&dualtrack_framework::Level) -> &str;

/// `ladder levels`: the leadership levels, their scope, skills and week, and what shifts at
/// each step, as headed tables.
pub fn levels(l: &Leadership) -> Vec<(String, Grid)> {
    let mut questions = Grid::new(&["Level", "The question it answers", "Primary focus"]);
    for x in &l.levels {
        questions.push(vec![
            Cell::text(x.name.clone()),
            Cell::text(x.core_question.clone()),
            Cell::text(x.primary_focus.clone()),
        ]);
    }
    let mut header = vec![""];
    header.extend(l.levels.iter().map(|x| x.name.as_str()));
    let by_level = |label: &str, value: &dyn Fn(&dualtrack_framework::Level) -> String| {
        std::iter::once(Cell::text(label))
            .chain(l.levels.iter().map(|x| Cell::text(value(x))))
            .collect::<Vec<_>>()
    };
    let mut scope = Grid::new(&header);
    let scope_rows: [(&str, ScopeField); 5] = [
        ("Team size", |x| &x.scope.team_size),
        ("Direct reports", |x| &x.scope.direct_reports),
        ("Span", |x| &x.scope.span),
        ("Reports to", |x| &x.scope.reports_to),
        ("Planning horizon", |x| &x.scope.planning_horizon),
    ];
    for (label, get) in scope_rows {
        scope.push(by_level(label, &|x| get(x).to_owned()));
    }
    let mut skills = Grid::new(&header);
    for i in 0..5 {
        let label = l.levels.first().map_or("", |x| x.skills.entries()[i].0);
        skills.push(by_level(label, &|x| x.skills.entries()[i].1.to_owned()));
    }
    let mut week = Grid::new(&header).right(&(1..=l.levels.len()).collect::<Vec<_>>());
    for a in Activity::ALL {
        week.push(by_level(l.activity_label(a), &|x| {
            x.allocation(a).map_or_else(
                || "-".to_owned(),
                |r| format!("{:.0}-{:.0}%", r.low, r.high),
            )
        }));
    }
    let mut out = vec![
        ("The leadership ladder".to_owned(), questions),
        ("Scope".to_owned(), scope),
        ("How the skills change".to_owned(), skills),
        ("Where the week goes".to_owned(), week),
    ];
    for t in &l.transitions {
        let mut shifts = Grid::new(&["From", "To"]);
        for s in &t.shifts {
            shifts.push(vec![Cell::text(s.from.clone()), Cell::text(s.to.clone())]);
        }
        out.push((format!("What shifts: {}", t.label), shifts));
    }
    out
}
