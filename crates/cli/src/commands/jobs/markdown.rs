//! The board as Markdown, for pasting into notes, issues or a wiki.

use std::fmt::Write as _;

use dualtrack_framework::markdown::{self, escape};

use dualtrack_board::{
    CONFIRMATION_THRESHOLD, Company, CompanyBrief, CultureTag, Listing, ListingPage, TagStatus,
};

use super::labels::{self, RungTitles};
use super::{SearchArgs, next_page};

fn push_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    out.push_str(&markdown::table(header, rows));
}

fn push_facts(out: &mut String, rows: Vec<(&'static str, String)>) {
    for (name, value) in rows {
        let _ = writeln!(out, "- **{name}:** {value}");
    }
}

/// `jobs search`.
pub fn search(page: &ListingPage, args: &SearchArgs, titles: &RungTitles<'_>) -> String {
    let mut out = String::from("# Job board search\n\n");
    let total = page.facets.total();
    if page.items.is_empty() {
        let _ = writeln!(out, "No listing on this page ({total} match in all).\n");
    } else {
        let _ = writeln!(
            out,
            "{} of {total} matching listings, newest first.\n",
            page.items.len()
        );
        let rows: Vec<Vec<String>> = page
            .items
            .iter()
            .map(|item| {
                vec![
                    item.id.to_string(),
                    escape(&item.title),
                    escape(&item.company.name),
                    item.track.label().to_owned(),
                    titles.title(&item.rung),
                    item.workplace.label().to_owned(),
                    labels::confirmed_tags(&item.company.tags),
                ]
            })
            .collect();
        push_table(
            &mut out,
            &[
                "ID",
                "Title",
                "Company",
                "Track",
                "Rung",
                "Workplace",
                "Confirmed tags",
            ],
            &rows,
        );
        out.push('\n');
    }
    out.push_str("## Matches by filter, over all pages\n\n");
    push_facts(&mut out, labels::facet_lines(&page.facets));
    if let Some(next) = &page.next {
        let _ = writeln!(out, "\nNext page: `{}`", next_page::command(args, next));
    }
    out
}

fn push_tags(out: &mut String, tags: &[TagStatus]) {
    if tags.is_empty() {
        out.push_str("None claimed or endorsed yet.\n");
        return;
    }
    let _ = writeln!(
        out,
        "A tag is confirmed once at least {CONFIRMATION_THRESHOLD} verified employees endorse it.\n"
    );
    let rows: Vec<Vec<String>> = tags
        .iter()
        .map(|tag| {
            vec![
                escape(&tag.label),
                format!("`{}`", tag.id),
                labels::yes_no(tag.claimed).to_owned(),
                tag.endorsements.to_string(),
                labels::tag_standing(tag),
            ]
        })
        .collect();
    push_table(
        out,
        &["Culture tag", "Id", "Claimed", "Endorsements", "Standing"],
        &rows,
    );
}

fn push_brief(out: &mut String, company: &CompanyBrief, titles: &RungTitles<'_>) {
    let _ = writeln!(out, "## About {}\n", escape(&company.name));
    push_facts(out, labels::brief_facts(company, titles));
    out.push_str("\n### Culture tags\n\n");
    push_tags(out, &company.tags);
}

/// `jobs show`.
pub fn listing(listing: &Listing, titles: &RungTitles<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&listing.title));
    let mut rows = vec![
        ("Company", escape(&listing.company.name)),
        (
            "Track",
            format!("{}, {}", listing.track.label(), titles.title(&listing.rung)),
        ),
        (
            "Where",
            escape(&labels::place(&listing.location, listing.workplace)),
        ),
    ];
    if let Some(salary) = &listing.salary {
        rows.push(("Salary", dualtrack_board::salary_text(salary)));
    }
    rows.push(("Posted", listing.posted_at.format("%Y-%m-%d").to_string()));
    rows.push(("Listing id", listing.id.to_string()));
    push_facts(&mut out, rows);
    out.push('\n');
    for paragraph in listing.description.split("\n\n") {
        let _ = writeln!(out, "{}\n", paragraph.trim());
    }
    push_brief(&mut out, &listing.company, titles);
    out
}

/// `jobs companies`.
pub fn companies(companies: &[Company], titles: &RungTitles<'_>) -> String {
    let mut out = String::from("# Companies on the board\n\n");
    let rows: Vec<Vec<String>> = companies
        .iter()
        .map(|company| {
            vec![
                format!("`{}`", company.slug),
                escape(&company.name),
                titles.title(&company.ic_top_rung),
                labels::yes_no(company.ic_past_staff).to_owned(),
                labels::yes_no(company.has_dual_ladder).to_owned(),
                company.open_listings.to_string(),
                labels::confirmed_tags(&company.tags),
            ]
        })
        .collect();
    push_table(
        &mut out,
        &[
            "Slug",
            "Company",
            "IC ladder reaches",
            "Above Staff",
            "Dual ladder",
            "Listings",
            "Confirmed tags",
        ],
        &rows,
    );
    out
}

/// `jobs company`.
pub fn company(company: &Company, titles: &RungTitles<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&company.name));
    if company.fictional {
        out.push_str("*A fictional company from the demonstration data.*\n\n");
    }
    let _ = writeln!(out, "{}\n", escape(company.summary.trim()));
    out.push_str("## Ladder\n\n");
    push_facts(&mut out, labels::company_facts(company, titles));
    out.push_str("\n## Culture tags\n\n");
    push_tags(&mut out, &company.tags);
    out
}

/// `jobs tags`.
pub fn tags(tags: &[CultureTag]) -> String {
    let mut out = String::from("# Culture tags\n\n");
    let rows: Vec<Vec<String>> = tags
        .iter()
        .map(|tag| {
            vec![
                format!("`{}`", tag.id),
                escape(&tag.label),
                escape(&tag.description),
            ]
        })
        .collect();
    push_table(&mut out, &["Id", "Label", "What it promises"], &rows);
    out
}
