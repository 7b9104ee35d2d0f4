//! The outlook for a terminal: one block of tables per track.

use std::fmt::Write as _;

use dualtrack_decide::Outlook;

use crate::output::{bullets, push_wrapped, table, title};

pub fn render(outlook: &Outlook) -> String {
    let mut out = String::new();
    title(&mut out, "Five-year outlook", '=');
    push_wrapped(&mut out, &outlook.caveat, "", "");
    for track in &outlook.tracks {
        out.push('\n');
        title(&mut out, &track.name, '-');
        push_wrapped(&mut out, &track.headline, "", "");
        out.push('\n');
        let mut years = table(&["When", "What tends to happen"]);
        for (when, horizon) in [
            ("Years 1-2", &track.years_1_2),
            ("Years 3-5", &track.years_3_5),
        ] {
            years.add_row(vec![
                when.to_owned(),
                format!("{}\n{}", horizon.summary, bullets(&horizon.points)),
            ]);
        }
        let _ = writeln!(out, "{years}");
        let mut signs = table(&["Signs it is working", "Signs it is not"]);
        signs.add_row(vec![
            bullets(&track.signs_working),
            bullets(&track.signs_not_working),
        ]);
        let _ = writeln!(out, "{signs}");
        let mut skills = table(&["Skills that compound", "Skills that fade"]);
        skills.add_row(vec![
            bullets(&track.skills_compound),
            bullets(&track.skills_atrophy),
        ]);
        let _ = writeln!(out, "{skills}");
    }
    out
}
