//! The Markdown career guide: an index with the ladder tables, and one page per role with
//! its responsibilities, skills, time allocation, transition guidance and accelerators.
//!
//! Pure: builds pages in memory; `dualtrack guide` writes them.

use std::collections::HashSet;
use std::fmt::Write as _;

use dualtrack_framework::{Activity, Framework, Ladder, Level, Rung, Scope, TrackKind, Transition};

use super::markdown::{compare, ladder_table, table};

/// One file of the guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Relative path inside the output directory, e.g. `staff_engineer.md`.
    pub path: String,
    pub content: String,
}

/// The whole guide for `ladder` (the reference ladder or a user's).
pub fn guide(fw: &Framework, ladder: &Ladder) -> Vec<Page> {
    let names = file_names(ladder);
    let link = |r: &Rung| names.get(&r.id);
    let mut pages = vec![Page {
        path: "index.md".into(),
        content: index(fw, ladder, &link),
    }];
    for (track, rung) in ladder.rungs() {
        pages.push(Page {
            path: link(rung),
            content: role(fw, ladder, track, rung, &link),
        });
    }
    pages
}

/// Rung id -> a safe, unique file name.
struct FileNames(Vec<(String, String)>);

impl FileNames {
    fn get(&self, id: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == id)
            .map_or_else(|| "index.md".to_owned(), |(_, v)| v.clone())
    }
}

fn file_names(ladder: &Ladder) -> FileNames {
    let mut used = HashSet::from(["index".to_owned()]);
    let mut out = Vec::new();
    for (_, r) in ladder.rungs() {
        let mut stem: String =
            r.id.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .take(80)
                .collect();
        if stem.trim_matches('-').is_empty() {
            stem = "rung".into();
        }
        let mut candidate = stem.clone();
        let mut n = 2;
        while !used.insert(candidate.clone()) {
            candidate = format!("{stem}-{n}");
            n += 1;
        }
        out.push((r.id.clone(), format!("{candidate}.md")));
    }
    FileNames(out)
}

fn index(fw: &Framework, ladder: &Ladder, link: &dyn Fn(&Rung) -> String) -> String {
    let mut out = format!("# {}: career guide\n\n", ladder.name);
    if !ladder.description.is_empty() {
        let _ = writeln!(out, "{}\n", ladder.description);
    }
    out.push_str("## The dual ladder\n\n");
    out.push_str(&ladder_table(ladder, Some(link)));
    out.push_str("\n## Roles\n\n");
    for t in &ladder.tracks {
        let _ = writeln!(out, "**{}**\n", t.name);
        for r in &t.rungs {
            let summary = if r.summary.is_empty() {
                String::new()
            } else {
                format!(": {}", r.summary)
            };
            let _ = writeln!(out, "- [{}]({}){summary}", r.title, link(r));
        }
        out.push('\n');
    }
    out.push_str(
        &levels(fw)
            .replacen("# The leadership ladder", "## The leadership ladder", 1)
            .replace("\n## ", "\n### "),
    );
    out.push('\n');
    out.push_str(
        &compare(fw)
            .replacen(
                "# IC and management compared",
                "## IC and management compared",
                1,
            )
            .replace("\n## A", "\n### A")
            .replace("\n## The", "\n### The"),
    );
    out
}

/// Reads one line of a level's scope.
type ScopeField = fn(&Level) -> &str;

/// The leadership ladder as Markdown tables (also `ladder levels --format markdown`).
pub fn levels(fw: &Framework) -> String {
    let l = fw.leadership();
    let mut out = String::from("# The leadership ladder\n\n");
    let rows: Vec<Vec<String>> = l
        .levels
        .iter()
        .map(|x| {
            vec![
                x.name.clone(),
                x.core_question.clone(),
                x.primary_focus.clone(),
            ]
        })
        .collect();
    out.push_str(&table(
        &["Level", "The question it answers", "Primary focus"],
        &rows,
    ));

    let names: Vec<&str> = l.levels.iter().map(|x| x.name.as_str()).collect();
    let mut header = vec![""];
    header.extend(&names);
    out.push_str("\n## Scope\n\n");
    let scope_rows: [(&str, ScopeField); 5] = [
        ("Team size", |x| &x.scope.team_size),
        ("Direct reports", |x| &x.scope.direct_reports),
        ("Span", |x| &x.scope.span),
        ("Reports to", |x| &x.scope.reports_to),
        ("Planning horizon", |x| &x.scope.planning_horizon),
    ];
    let rows: Vec<Vec<String>> = scope_rows
        .iter()
        .map(|(label, get)| {
            std::iter::once((*label).to_owned())
                .chain(l.levels.iter().map(|x| get(x).to_owned()))
                .collect()
        })
        .collect();
    out.push_str(&table(&header, &rows));

    out.push_str("\n## How the skills change\n\n");
    let rows: Vec<Vec<String>> = (0..5)
        .map(|i| {
            let label = l.levels.first().map_or("", |x| x.skills.entries()[i].0);
            std::iter::once(label.to_owned())
                .chain(l.levels.iter().map(|x| x.skills.entries()[i].1.to_owned()))
                .collect()
        })
        .collect();
    out.push_str(&table(&header, &rows));

    out.push_str("\n## Where the week goes\n\n");
    let rows: Vec<Vec<String>> = Activity::ALL
        .iter()
        .map(|a| {
            std::iter::once(l.activity_label(*a).to_owned())
                .chain(l.levels.iter().map(|x| {
                    x.allocation(*a).map_or_else(
                        || "-".to_owned(),
                        |r| format!("{:.0}-{:.0}%", r.low, r.high),
                    )
                }))
                .collect()
        })
        .collect();
    out.push_str(&table(&header, &rows));

    out.push_str("\n## What shifts at each step\n\n");
    for t in &l.transitions {
        let _ = writeln!(out, "**{}**\n", t.label);
        let rows: Vec<Vec<String>> = t
            .shifts
            .iter()
            .map(|s| vec![s.from.clone(), s.to.clone()])
            .collect();
        out.push_str(&table(&["From", "To"], &rows));
        out.push('\n');
    }
    out
}

/// The leadership level that describes a rung: its own, its reference rung's, or a guess
/// from its track and scope.
fn level_of<'f>(fw: &'f Framework, track: TrackKind, rung: &Rung) -> Option<&'f Level> {
    let l = fw.leadership();
    let reference = rung
        .maps_to
        .as_ref()
        .map(|m| m.low.as_str())
        .or(Some(rung.id.as_str()))
        .and_then(|id| fw.ladder().rung(id))
        .filter(|(t, _)| *t == track)
        .and_then(|(_, r)| r.leadership_level.clone());
    let guess = match (track, rung.scope) {
        (TrackKind::Ic, _) => "ic",
        (TrackKind::Management, Scope::Team | Scope::MultiTeam) => "manager",
        (TrackKind::Management, Scope::Org) => "director",
        (TrackKind::Management, Scope::Company | Scope::Function) => "vp",
    };
    rung.leadership_level
        .as_deref()
        .and_then(|id| l.level(id))
        .or_else(|| reference.as_deref().and_then(|id| l.level(id)))
        .or_else(|| l.level(guess))
}

/// The reference rung a company rung maps to exactly, for borrowing its descriptions.
fn reference_rung<'f>(
    fw: &'f Framework,
    ladder: &Ladder,
    track: TrackKind,
    rung: &Rung,
) -> Option<&'f Rung> {
    if std::ptr::eq(ladder, fw.ladder()) {
        return None;
    }
    let id = match &rung.maps_to {
        Some(m) if !m.is_range() => m.low.as_str(),
        Some(_) => return None,
        None => rung.id.as_str(),
    };
    fw.ladder()
        .rung(id)
        .filter(|(t, _)| *t == track)
        .map(|(_, r)| r)
}

fn list(out: &mut String, items: &[String]) {
    for i in items {
        let _ = writeln!(out, "- {i}");
    }
}

fn role(
    fw: &Framework,
    ladder: &Ladder,
    track: TrackKind,
    rung: &Rung,
    link: &dyn Fn(&Rung) -> String,
) -> String {
    let level = level_of(fw, track, rung);
    let borrowed = reference_rung(fw, ladder, track, rung);
    let track_data = ladder.track(track);
    let mut out = format!("# {}\n\n[Back to the guide](index.md)\n\n", rung.title);

    let mut facts = vec![
        vec![
            "Track".to_owned(),
            track_data
                .map_or(track.label(), |t| t.name.as_str())
                .to_owned(),
        ],
        vec![
            "Rung".to_owned(),
            match track_data.and_then(|t| t.position(&rung.id).map(|p| (p, t.rungs.len()))) {
                Some((p, n)) => format!("{} of {n}", p + 1),
                None => "-".to_owned(),
            },
        ],
        vec!["Scope".to_owned(), rung.scope.to_string()],
    ];
    if let Some(lv) = &rung.level {
        facts.push(vec!["Level".to_owned(), lv.clone()]);
    }
    if let Some(r) = rung.reports {
        facts.push(vec!["Direct reports".to_owned(), r.to_string()]);
    }
    let equivalents: Vec<String> = ladder
        .equivalences
        .iter()
        .filter(|e| e.on(track) == rung.id)
        .filter_map(|e| ladder.rung(e.on(track.other())).map(|(_, r)| (e, r)))
        .map(|(e, r)| {
            format!(
                "[{}]({}){}",
                r.title,
                link(r),
                if e.extrapolated {
                    " (extrapolated)"
                } else {
                    ""
                }
            )
        })
        .collect();
    facts.push(vec![
        "Equivalent on the other track".to_owned(),
        if equivalents.is_empty() {
            "none stated".to_owned()
        } else {
            equivalents.join(", ")
        },
    ]);
    if let Some(lv) = level {
        facts.push(vec!["Leadership level".to_owned(), lv.name.clone()]);
    }
    out.push_str(&table(&["", ""], &facts));
    out.push('\n');

    let summary = if rung.summary.is_empty() {
        borrowed.map_or("", |r| r.summary.as_str())
    } else {
        &rung.summary
    };
    if !summary.is_empty() {
        let _ = writeln!(out, "{summary}\n");
    }

    out.push_str("## Responsibilities\n\n");
    match (&rung.responsibilities, borrowed) {
        (own, _) if !own.is_empty() => list(&mut out, own),
        (_, Some(r)) if !r.responsibilities.is_empty() => {
            let _ = writeln!(out, "As for the reference rung *{}*:\n", r.title);
            list(&mut out, &r.responsibilities);
        }
        _ => out.push_str("This ladder does not list responsibilities for the role.\n"),
    }

    out.push_str("\n## Skills\n\n");
    match (&rung.skills, borrowed) {
        (own, _) if !own.is_empty() => list(&mut out, own),
        (_, Some(r)) if !r.skills.is_empty() => {
            let _ = writeln!(out, "As for the reference rung *{}*:\n", r.title);
            list(&mut out, &r.skills);
        }
        _ => {}
    }
    if let Some(lv) = level {
        let _ = writeln!(
            out,
            "\nHow each family of skills looks at the {} level:\n",
            lv.name
        );
        let rows: Vec<Vec<String>> = lv
            .skills
            .entries()
            .iter()
            .map(|(k, v)| vec![(*k).to_owned(), (*v).to_owned()])
            .collect();
        out.push_str(&table(&["Skill", lv.name.as_str()], &rows));
    }

    out.push_str("\n## Time allocation\n\n");
    if let Some(lv) = level {
        let _ = writeln!(
            out,
            "A typical week at the {} level, as a share of working time:\n",
            lv.name
        );
        let rows: Vec<Vec<String>> = lv
            .time_allocation
            .iter()
            .map(|r| {
                vec![
                    fw.leadership().activity_label(r.activity).to_owned(),
                    format!("{:.0}-{:.0}%", r.low, r.high),
                ]
            })
            .collect();
        out.push_str(&table(&["Activity", "Share"], &rows));
        out.push('\n');
        if track == TrackKind::Ic && rung.scope > Scope::Team {
            let _ = writeln!(
                out,
                "These ranges describe an engineer working inside one team. At {} scope the share \
                 of hands-on coding shrinks as design, review and alignment work grows; the track's \
                 calendar shape below is the better guide.\n",
                rung.scope
            );
        }
    }
    if let Some(p) = fw.track_profiles().into_iter().find(|p| p.track == track) {
        let _ = writeln!(
            out,
            "Across the {} track the calendar runs at roughly {:.0}% meetings, {:.0}% asynchronous work and {:.0}% focus time.",
            track.label(),
            p.meetings,
            p.async_,
            p.focus
        );
    }

    out.push_str("\n## Transition guidance\n\n");
    let next = track_data.and_then(|t| t.position(&rung.id).and_then(|p| t.rungs.get(p + 1)));
    match next {
        Some(n) => {
            let _ = writeln!(
                out,
                "- Next rung on this track: [{}]({}), {} scope{}.",
                n.title,
                link(n),
                n.scope,
                if n.scope > rung.scope {
                    format!(", wider than today's {}", rung.scope)
                } else {
                    String::new()
                }
            );
        }
        None => {
            let _ = writeln!(out, "- This is the top rung of the track in this ladder.");
        }
    }
    let step: Option<&Transition> =
        level.and_then(|lv| fw.leadership().transitions.iter().find(|t| t.from == lv.id));
    if let Some(t) = step {
        let heading = if track == TrackKind::Ic {
            "If you move into management"
        } else {
            "The next step up"
        };
        let _ = writeln!(out, "\n### {heading}: {}\n", t.label);
        let rows: Vec<Vec<String>> = t
            .shifts
            .iter()
            .map(|s| vec![s.from.clone(), s.to.clone()])
            .collect();
        out.push_str(&table(&["Less of", "More of"], &rows));
    } else {
        out.push_str("- The leadership ladder has no step above this level.\n");
    }

    out.push_str("\n## Accelerators\n\n");
    if let Some(t) = step {
        let _ = writeln!(out, "For the step {}:\n", t.label);
        for a in &fw.leadership().accelerators {
            if let Some(text) = a.by_transition.get(&t.id) {
                let _ = writeln!(out, "- **{}.** {text}", a.name);
            }
        }
        if !t.accelerators.is_empty() {
            out.push_str("\nSpecific to this step:\n\n");
            list(&mut out, &t.accelerators);
        }
    } else {
        out.push_str("At the top of the ladder the advice that still applies is to keep a sponsor, keep asking for feedback, and keep the door to the other track open.\n");
    }

    let paths = &fw.leadership().career_paths;
    if !paths.is_empty() {
        let _ = writeln!(out, "\n## The long view on the {} track\n", track.label());
        let rows: Vec<Vec<String>> = paths
            .iter()
            .map(|c| {
                vec![
                    c.label.clone(),
                    if track == TrackKind::Ic {
                        c.ic.clone()
                    } else {
                        c.management.clone()
                    },
                ]
            })
            .collect();
        out.push_str(&table(&["", ""], &rows));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_per_rung_plus_an_index() {
        let fw = Framework::embedded().unwrap();
        let pages = guide(&fw, fw.ladder());
        assert_eq!(pages.len(), 13);
        assert_eq!(pages[0].path, "index.md");
        assert!(pages.iter().any(|p| p.path == "staff_engineer.md"));
        assert!(
            pages[0]
                .content
                .contains("[Staff Engineer](staff_engineer.md)")
        );
    }

    #[test]
    fn guide_page_for_staff_engineer() {
        let fw = Framework::embedded().unwrap();
        let pages = guide(&fw, fw.ladder());
        let page = pages
            .iter()
            .find(|p| p.path == "staff_engineer.md")
            .unwrap();
        insta::assert_snapshot!(page.content);
    }

    #[test]
    fn guide_page_for_a_company_rung_borrows_from_the_reference() {
        let fw = Framework::embedded().unwrap();
        let pages = guide(&fw, fw.company("quanta").unwrap());
        let page = pages.iter().find(|p| p.path == "em_l6.md").unwrap();
        assert!(
            page.content
                .contains("As for the reference rung *Engineering Manager*"),
            "{}",
            page.content
        );
        assert!(
            page.content.contains("Manager to Director"),
            "{}",
            page.content
        );
        assert!(
            page.content
                .contains("[Staff Software Engineer](swe_l6.md)"),
            "{}",
            page.content
        );
    }

    #[test]
    fn file_names_are_safe_and_unique() {
        let mut l = Framework::embedded().unwrap().ladder().clone();
        if let Some(t) = l.tracks.first_mut() {
            t.rungs[0].id = "../../etc/passwd".into();
            t.rungs[1].id = "index".into();
        }
        let names = file_names(&l);
        assert_eq!(names.get("../../etc/passwd"), "------etc-passwd.md");
        assert_eq!(names.get("index"), "index-2.md");
    }
}
