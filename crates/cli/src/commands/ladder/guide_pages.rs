//! The Markdown career guide: an index with the ladder tables, and one page per role with
//! its responsibilities, skills, time allocation, transition guidance and accelerators.
//!
//! Pure: builds pages in memory; `dualtrack guide` writes them.

use std::collections::HashSet;
use std::fmt::Write as _;

use dualtrack_framework::{
    Advice, Framework, Ladder, LevelBasis, RoleProfile, Rung, Sourcing, Step,
};

use dualtrack_framework::markdown::table;

use super::markdown::{compare, headed, ladder_table};
use super::tables;

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
    for (_, rung) in ladder.rungs() {
        pages.push(Page {
            path: link(rung),
            content: role(fw, ladder, rung, &link),
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
    if !ladder.equivalences.is_empty() {
        let note = &fw.role_guidance().counterweight;
        let _ = writeln!(
            out,
            "\n> **Parity has limits.** {}{}",
            note.text,
            sourced(&note.sourcing())
        );
    }
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

/// The leadership ladder as Markdown tables (also `ladder levels --format markdown`).
pub fn levels(fw: &Framework) -> String {
    headed(tables::levels(fw.leadership()))
}

fn list(out: &mut String, items: &[String]) {
    for i in items {
        let _ = writeln!(out, "- {i}");
    }
}

/// "(source: seed 002, “…”)" or "(our assumption: …)".
fn sourced(s: &Sourcing) -> String {
    if s.source.is_empty() && s.assumption.is_none() {
        String::new()
    } else {
        format!(" *({})*", s.describe())
    }
}

fn advice(out: &mut String, items: &[Advice]) {
    for a in items {
        let _ = writeln!(
            out,
            "- **{}.** {}{}",
            a.name,
            a.text,
            sourced(&a.sourcing())
        );
    }
}

fn step_table(out: &mut String, step: &Step) {
    if let Some(t) = &step.transition {
        let rows: Vec<Vec<String>> = t
            .shifts
            .iter()
            .map(|s| vec![s.from.clone(), s.to.clone()])
            .collect();
        if !rows.is_empty() {
            let _ = writeln!(out, "The leadership-ladder step *{}*:\n", t.label);
            out.push_str(&table(&["Less of", "More of"], &rows));
            out.push('\n');
        }
    }
    if !step.accelerators.is_empty() {
        let _ = writeln!(out, "What speeds it up:\n");
        advice(out, &step.accelerators);
    }
}

/// One role page: renders the framework's [`RoleProfile`] and decides nothing itself.
fn role(fw: &Framework, ladder: &Ladder, rung: &Rung, link: &dyn Fn(&Rung) -> String) -> String {
    let Some(p) = RoleProfile::build(fw, ladder, &rung.id) else {
        return format!("# {}\n\n[Back to the guide](index.md)\n", rung.title);
    };
    let link_id = |id: &str| {
        ladder
            .rung(id)
            .map_or_else(|| "index.md".to_owned(), |(_, r)| link(r))
    };
    let mut out = format!("# {}\n\n[Back to the guide](index.md)\n\n", p.rung.title);

    let mut facts = vec![
        vec!["Track".to_owned(), p.track_name.clone()],
        vec![
            "Rung".to_owned(),
            if p.position == 0 {
                "-".to_owned()
            } else {
                format!("{} of {}", p.position, p.track_len)
            },
        ],
        vec!["Scope".to_owned(), p.rung.scope.to_string()],
    ];
    if let Some(lv) = &p.rung.level {
        facts.push(vec!["Level".to_owned(), lv.clone()]);
    }
    if let Some(r) = p.reports {
        facts.push(vec!["Direct reports".to_owned(), r.to_string()]);
    }
    let equivalents: Vec<String> = p
        .equivalents
        .iter()
        .map(|e| {
            format!(
                "[{}]({}){}",
                e.rung.title,
                link_id(&e.rung.id),
                if e.extrapolated {
                    " (our extrapolation)"
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
    match (&p.leadership_level, &p.staff_plus) {
        (Some(fit), _) => facts.push(vec![
            "Leadership level".to_owned(),
            format!("{}{}", fit.level.name, basis_note(fit.basis)),
        ]),
        (None, Some(_)) => facts.push(vec![
            "Leadership level".to_owned(),
            "Staff+ (not described by the leadership ladder)".to_owned(),
        ]),
        (None, None) => {}
    }
    out.push_str(&table(&["", ""], &facts));
    out.push('\n');

    if let Some(note) = &p.counterweight {
        let _ = writeln!(
            out,
            "> **Parity has limits.** {}{}\n",
            note.text,
            sourced(&note.sourcing())
        );
    }

    if !p.summary.is_empty() {
        let _ = writeln!(out, "{}\n", p.summary);
    }

    let borrowed_from = |used: bool| {
        p.borrowed
            .as_ref()
            .filter(|_| used)
            .map(|b| format!("As for the reference rung *{}*:\n", b.from.title))
    };
    out.push_str("## Responsibilities\n\n");
    if p.responsibilities.is_empty() {
        out.push_str("This ladder does not list responsibilities for the role.\n");
    } else {
        if let Some(line) = borrowed_from(p.borrowed.as_ref().is_some_and(|b| b.responsibilities)) {
            let _ = writeln!(out, "{line}");
        }
        list(&mut out, &p.responsibilities);
    }

    out.push_str("\n## Skills\n\n");
    if let Some(line) = borrowed_from(p.borrowed.as_ref().is_some_and(|b| b.skills)) {
        let _ = writeln!(out, "{line}");
    }
    list(&mut out, &p.skills);
    if let Some(fit) = &p.leadership_level {
        let lv = &fit.level;
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
    if let Some(fit) = &p.leadership_level {
        let _ = writeln!(
            out,
            "A typical week at the {} level, as a share of working time:\n",
            fit.level.name
        );
        let rows: Vec<Vec<String>> = p
            .allocation
            .iter()
            .map(|a| vec![a.activity.clone(), percent_range(a.low, a.high)])
            .collect();
        out.push_str(&table(&["Activity", "Share"], &rows));
        out.push('\n');
    }
    if let Some(week) = &p.staff_plus {
        let sources = Sourcing {
            source: week.intro_source.clone(),
            assumption: None,
        };
        let _ = writeln!(out, "{}{}\n", week.intro, sourced(&sources));
        let rows: Vec<Vec<String>> = week
            .time_use
            .iter()
            .map(|t| {
                vec![
                    t.activity.clone(),
                    t.share.clone().unwrap_or_else(|| "-".to_owned()),
                    t.text.clone(),
                    if t.sourcing().is_assumption() {
                        format!(
                            "our assumption: {}",
                            t.assumption.clone().unwrap_or_default()
                        )
                    } else {
                        t.sourcing().describe()
                    },
                ]
            })
            .collect();
        out.push_str(&table(
            &["Activity", "Share", "What it looks like", "Source"],
            &rows,
        ));
        out.push('\n');
    }
    if let Some(c) = &p.calendar {
        let _ = writeln!(
            out,
            "Across the {} track the calendar runs at roughly {:.0}% meetings, {:.0}% asynchronous work and {:.0}% focus time.",
            p.track.label(),
            c.meetings,
            c.async_,
            c.focus
        );
    }

    out.push_str("\n## Transition guidance\n\n");
    match &p.next {
        Some(n) => {
            let _ = writeln!(
                out,
                "- Next rung on this track: [{}]({}), {} scope{}.\n",
                n.rung.title,
                link_id(&n.rung.id),
                n.rung.scope,
                if n.wider_scope {
                    format!(", wider than today's {}", p.rung.scope)
                } else {
                    String::new()
                }
            );
            let _ = writeln!(out, "### The next step up: {}\n", n.step.label);
            if n.step.transition.is_none() && n.step.accelerators.is_empty() {
                out.push_str("Both rungs sit at the same leadership level: the step widens the scope rather than changing the job.\n");
            }
            step_table(&mut out, &n.step);
        }
        None => {
            out.push_str("- This is the top rung of the track in this ladder.\n");
        }
    }
    if let Some(note) = &p.ceiling {
        let _ = writeln!(out, "\n{}{}", note.text, sourced(&note.sourcing()));
    }
    if let Some(sw) = &p.switch {
        let landing: Vec<String> = sw
            .landing
            .iter()
            .map(|r| format!("[{}]({})", r.title, link_id(&r.id)))
            .collect();
        let _ = writeln!(
            out,
            "\n### Optional: switching to the {} track\n\nA separate path, not the next step. You would land at {}.\n",
            sw.to_track.noun(),
            landing.join(" or ")
        );
        if let Some(step) = &sw.step {
            step_table(&mut out, step);
        }
    }

    if !p.career.is_empty() {
        let _ = writeln!(out, "\n## The long view on the {} track\n", p.track.label());
        let rows: Vec<Vec<String>> = p
            .career
            .iter()
            .map(|c| vec![c.label.clone(), c.text.clone()])
            .collect();
        out.push_str(&table(&["", ""], &rows));
    }
    out
}

/// Why the reader should trust the level named.
fn basis_note(basis: LevelBasis) -> &'static str {
    match basis {
        LevelBasis::Own => "",
        LevelBasis::Reference => " (from the reference rung)",
        LevelBasis::Guess => " (our guess from the track and scope)",
    }
}

/// "70-90%", rounded for reading.
pub fn percent_range(low: f64, high: f64) -> String {
    if (high - low).abs() < 0.5 {
        format!("{low:.0}%")
    } else {
        format!("{low:.0}-{high:.0}%")
    }
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
            page.content
                .contains("Next rung on this track: [Senior Engineering Manager](em_l7.md)"),
            "{}",
            page.content
        );
        assert!(
            page.content.contains("same leadership level"),
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
