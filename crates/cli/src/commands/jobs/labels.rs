//! Words for the board's values, shared by the text and Markdown renderings.

use dualtrack_board::{
    CONFIRMATION_THRESHOLD, Company, CompanyBrief, Facets, TagStatus, Workplace,
};
use dualtrack_framework::Framework;

/// Rung titles from the reference ladder ("Staff Engineer" for `staff_engineer`).
pub struct RungTitles<'a> {
    framework: Option<&'a Framework>,
}

impl<'a> RungTitles<'a> {
    pub fn new(framework: Option<&'a Framework>) -> Self {
        Self { framework }
    }

    /// The title, or the id made readable when the reference ladder does not know it.
    pub fn title(&self, id: &str) -> String {
        self.framework.map_or_else(
            || id.replace('_', " "),
            |framework| dualtrack_board::rung_title(framework, id),
        )
    }
}

/// `Berlin, Germany (hybrid)`; the workplace is left out when the location already says it.
pub fn place(location: &str, where_: Workplace) -> String {
    let word = where_.label();
    if location.to_lowercase().contains(word) {
        location.to_owned()
    } else {
        format!("{location} ({word})")
    }
}

pub fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// How far the IC ladder reaches, e.g. `Distinguished Engineer (above Staff)`.
pub fn ic_reach(top_rung: &str, past_staff: bool, titles: &RungTitles<'_>) -> String {
    let where_ = if past_staff {
        "above Staff"
    } else {
        "stops at Staff or below"
    };
    format!("{} ({where_})", titles.title(top_rung))
}

pub fn dual_ladder(has: bool) -> &'static str {
    if has {
        "yes: IC and management rungs are paired at equal pay and standing"
    } else {
        "no: IC rungs are not formally paired with management ones"
    }
}

/// Where a tag stands: confirmed, partly endorsed, or only claimed by the company.
pub fn tag_standing(tag: &TagStatus) -> String {
    if tag.confirmed {
        "confirmed".into()
    } else if tag.endorsements == 0 {
        "claimed by the company only".into()
    } else {
        format!(
            "not yet confirmed ({} of {CONFIRMATION_THRESHOLD} endorsements)",
            tag.endorsements
        )
    }
}

/// Ids of the confirmed tags, comma-separated, or `-`.
pub fn confirmed_tags(tags: &[TagStatus]) -> String {
    confirmed(tags, |t| t.id.as_str(), ", ")
}

/// Labels of the confirmed tags, one per line (they wrap at spaces, unlike ids), or `-`.
pub fn confirmed_labels(tags: &[TagStatus]) -> String {
    confirmed(tags, |t| t.label.as_str(), "\n")
}

fn confirmed(tags: &[TagStatus], name: fn(&TagStatus) -> &str, separator: &str) -> String {
    let names: Vec<&str> = tags.iter().filter(|t| t.confirmed).map(name).collect();
    if names.is_empty() {
        "-".into()
    } else {
        names.join(separator)
    }
}

/// One line per facet: its name and the counts, biggest first for tags.
pub fn facet_lines(facets: &Facets) -> Vec<(&'static str, String)> {
    let mut tags: Vec<(&String, &u64)> = facets.tags.iter().collect();
    tags.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let tags = if tags.is_empty() {
        "-".to_owned()
    } else {
        tags.iter()
            .map(|(id, n)| format!("{id} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        (
            "Track",
            format!(
                "IC {}, management {}",
                facets.track.ic, facets.track.management
            ),
        ),
        (
            "IC ladder above Staff",
            format!(
                "yes {}, no {}",
                facets.ic_past_staff.yes, facets.ic_past_staff.no
            ),
        ),
        (
            "Fully remote",
            format!("yes {}, no {}", facets.remote.yes, facets.remote.no),
        ),
        ("Culture tags", tags),
    ]
}

/// The ladder facts about a listing's company, in display order.
pub fn brief_facts(company: &CompanyBrief, titles: &RungTitles<'_>) -> Vec<(&'static str, String)> {
    vec![
        (
            "IC ladder reaches",
            ic_reach(&company.ic_top_rung, company.ic_past_staff, titles),
        ),
        ("Dual ladder", dual_ladder(company.has_dual_ladder).into()),
    ]
}

/// Everything the company view states about a company, in display order.
pub fn company_facts(company: &Company, titles: &RungTitles<'_>) -> Vec<(&'static str, String)> {
    vec![
        (
            "IC ladder reaches",
            ic_reach(&company.ic_top_rung, company.ic_past_staff, titles),
        ),
        ("Dual ladder", dual_ladder(company.has_dual_ladder).into()),
        (
            "Size",
            format!("{} ({})", company.size.as_str(), company.size.label()),
        ),
        ("Remote policy", company.remote_policy.label().into()),
        (
            "Employees verify at",
            format!("an address at {}", company.domain),
        ),
        ("Open listings", company.open_listings.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_standing_distinguishes_the_three_cases() {
        let tag = |claimed, n| TagStatus::new("x".into(), "X".into(), claimed, n);
        assert_eq!(tag_standing(&tag(true, 0)), "claimed by the company only");
        assert_eq!(
            tag_standing(&tag(false, 1)),
            "not yet confirmed (1 of 2 endorsements)"
        );
        assert_eq!(tag_standing(&tag(true, 3)), "confirmed");
        assert_eq!(confirmed_tags(&[tag(true, 0)]), "-");
        let both = [
            TagStatus::new("a-b".into(), "A b".into(), true, 2),
            TagStatus::new("c".into(), "C".into(), false, 2),
        ];
        assert_eq!(confirmed_tags(&both), "a-b, c");
        assert_eq!(confirmed_labels(&both), "A b\nC");
    }

    #[test]
    fn place_says_the_workplace_once() {
        assert_eq!(
            place("Remote (Europe)", Workplace::Remote),
            "Remote (Europe)"
        );
        assert_eq!(
            place("Berlin, Germany", Workplace::Hybrid),
            "Berlin, Germany (hybrid)"
        );
    }

    #[test]
    fn unknown_rungs_are_made_readable() {
        let titles = RungTitles::new(None);
        assert_eq!(titles.title("staff_engineer"), "staff engineer");
        let framework = Framework::embedded().unwrap();
        let titles = RungTitles::new(Some(&framework));
        assert_eq!(titles.title("staff_engineer"), "Staff Engineer");
    }
}
