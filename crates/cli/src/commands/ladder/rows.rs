//! Lining the two tracks up row by row for side-by-side display, and other layout helpers
//! shared by the text and Markdown renderers.

use dualtrack_framework::{Equivalence, Ladder, Rung, Track};

/// One display row: an IC rung, a management rung, or both when they are paired.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub ic: Option<&'a Rung>,
    pub management: Option<&'a Rung>,
    pub pairing: Option<&'a Equivalence>,
}

/// Rows that put each IC rung next to its management equivalent, keeping both tracks in
/// order. Unpaired rungs get a row of their own; a ladder with no equivalences at all is
/// shown position by position.
pub fn aligned(ladder: &Ladder) -> Vec<Row<'_>> {
    let ic: Vec<&Rung> = ladder
        .track(Track::Ic)
        .map(|t| t.rungs.iter().collect())
        .unwrap_or_default();
    let mg: Vec<&Rung> = ladder
        .track(Track::Management)
        .map(|t| t.rungs.iter().collect())
        .unwrap_or_default();
    let mut rows = Vec::new();
    if ladder.equivalences.is_empty() {
        for i in 0..ic.len().max(mg.len()) {
            rows.push(Row {
                ic: ic.get(i).copied(),
                management: mg.get(i).copied(),
                pairing: None,
            });
        }
        return rows;
    }
    let mut next = 0;
    for r in &ic {
        let pair = ladder
            .equivalences
            .iter()
            .filter(|e| e.ic == r.id)
            .filter_map(|e| mg.iter().position(|m| m.id == e.management).map(|p| (p, e)))
            .filter(|(p, _)| *p >= next)
            .min_by_key(|(p, _)| *p);
        match pair {
            Some((p, e)) => {
                while next < p {
                    rows.push(Row {
                        ic: None,
                        management: mg.get(next).copied(),
                        pairing: None,
                    });
                    next += 1;
                }
                rows.push(Row {
                    ic: Some(r),
                    management: mg.get(p).copied(),
                    pairing: Some(e),
                });
                next = p + 1;
            }
            None => rows.push(Row {
                ic: Some(r),
                management: None,
                pairing: None,
            }),
        }
    }
    for m in mg.iter().skip(next) {
        rows.push(Row {
            ic: None,
            management: Some(m),
            pairing: None,
        });
    }
    rows
}

/// The marker between two paired rungs: `=` stated, `≈` extrapolated.
pub fn marker(pairing: Option<&Equivalence>) -> &'static str {
    match pairing {
        Some(e) if e.extrapolated => "≈",
        Some(_) => "=",
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_ladder_lines_up_by_equivalence() {
        let fw = dualtrack_framework::Framework::embedded().unwrap();
        let rows = aligned(fw.ladder());
        let ids: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r.ic.map_or("", |x| x.id.as_str()),
                    marker(r.pairing),
                    r.management.map_or("", |x| x.id.as_str()),
                )
            })
            .collect();
        assert_eq!(
            ids,
            [
                ("engineer", "", ""),
                ("senior_engineer", "≈", "tech_lead"),
                ("staff_engineer", "=", "manager"),
                ("senior_staff_engineer", "=", "senior_manager"),
                ("principal_engineer", "=", "director"),
                ("distinguished_engineer", "≈", "senior_director"),
                ("", "", "vp_engineering"),
            ]
        );
    }
}
