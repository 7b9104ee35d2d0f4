//! The board as terminal text: aligned tables and wrapped paragraphs within 100 columns.

use std::fmt::Write as _;

use comfy_table::Table;
use dualtrack_board::{
    CONFIRMATION_THRESHOLD, Company, CompanyBrief, CultureTag, Listing, ListingPage, TagStatus,
};

use super::labels::{self, RungTitles};
use super::{SearchArgs, next_page};
use crate::output::{align_right, facts, push_wrapped, render, table};

/// `jobs search`: the page, the facet counts over every match, and how to go on.
pub fn search(page: &ListingPage, args: &SearchArgs, titles: &RungTitles<'_>) -> String {
    let mut out = String::new();
    let total = page.facets.total();
    if page.items.is_empty() {
        if total == 0 {
            out.push_str("No listing matches these filters; drop one to widen the search.\n");
        } else {
            let _ = writeln!(
                out,
                "No more listings after this cursor ({total} match in all)."
            );
        }
    } else {
        let ranked = page.items.iter().any(|i| i.fit.is_some());
        let _ = writeln!(
            out,
            "{} of {total} matching listings, {}{}:",
            page.items.len(),
            if ranked {
                "best match with your preferences first"
            } else {
                "newest first"
            },
            if args.cursor.is_some() {
                ", continuing from the cursor"
            } else {
                ""
            }
        );
        let mut headers = vec![
            "ID",
            "Title",
            "Company",
            "Track",
            "Rung",
            "Remote",
            "Confirmed tags",
        ];
        if ranked {
            headers.push("Match");
        }
        let mut t = table(&headers);
        for item in &page.items {
            let mut row = vec![
                item.id.to_string(),
                item.title.clone(),
                item.company.name.clone(),
                item.track.label().to_owned(),
                titles.title(&item.rung),
                labels::yes_no(item.remote).to_owned(),
                labels::confirmed_labels(&item.company.tags),
            ];
            if let Some(fit) = &item.fit {
                row.push(format!("{:.0}%", fit.score * 100.0));
            }
            t.add_row(row);
        }
        align_right(&mut t, &[0]);
        let _ = writeln!(out, "{}", render(t));
    }
    out.push('\n');
    let _ = writeln!(out, "Matches by filter, over all pages:");
    let _ = writeln!(out, "{}", facts(labels::facet_lines(&page.facets)));
    out.push('\n');
    match &page.next {
        Some(next) => {
            out.push_str("Next page:\n");
            let _ = writeln!(out, "  {}", next_page::command(args, next));
        }
        None if !page.items.is_empty() => out.push_str("This is the last page.\n"),
        None => {}
    }
    if !page.items.is_empty() {
        out.push_str("One listing in full: dualtrack jobs show ID\n");
    }
    out
}

/// The culture tags of a company: standing, who claims it, how many employees endorse it.
fn tag_table(tags: &[TagStatus]) -> Table {
    let mut t = table(&["Culture tag", "Id", "Claimed", "Endorsements", "Standing"]);
    for tag in tags {
        t.add_row(vec![
            tag.label.clone(),
            tag.id.clone(),
            labels::yes_no(tag.claimed).to_owned(),
            tag.endorsements.to_string(),
            labels::tag_standing(tag),
        ]);
    }
    align_right(&mut t, &[3]);
    t
}

fn push_tags(out: &mut String, tags: &[TagStatus]) {
    if tags.is_empty() {
        out.push_str("Culture tags: none claimed or endorsed yet.\n");
        return;
    }
    let _ = writeln!(
        out,
        "Culture tags (confirmed = endorsed by at least {CONFIRMATION_THRESHOLD} verified \
         employees):"
    );
    let _ = writeln!(out, "{}", render(tag_table(tags)));
}

fn push_brief(out: &mut String, company: &CompanyBrief, titles: &RungTitles<'_>) {
    let _ = writeln!(out, "About {} ({}):", company.name, company.slug);
    let _ = writeln!(out, "{}", facts(labels::brief_facts(company, titles)));
    out.push('\n');
    push_tags(out, &company.tags);
}

/// `jobs show`: one listing in full.
pub fn listing(listing: &Listing, titles: &RungTitles<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", listing.title);
    let _ = writeln!(out, "{}\n", listing.company.name);
    let mut rows = vec![
        ("Listing", listing.id.to_string()),
        (
            "Track",
            format!(
                "{} · {}",
                listing.track.label(),
                titles.title(&listing.rung)
            ),
        ),
        (
            "Where",
            labels::place(listing.location.as_str(), listing.workplace),
        ),
    ];
    if let Some(salary) = &listing.salary {
        rows.push(("Salary", dualtrack_board::salary_text(salary)));
    }
    rows.push(("Posted", listing.posted_at.format("%Y-%m-%d").to_string()));
    let _ = writeln!(out, "{}", facts(rows));
    out.push('\n');
    for paragraph in listing.description.split("\n\n") {
        push_wrapped(&mut out, paragraph, "", "");
        out.push('\n');
    }
    push_brief(&mut out, &listing.company, titles);
    let _ = writeln!(
        out,
        "\nMore about the company: dualtrack jobs company {}",
        listing.company.slug
    );
    out
}

/// `jobs companies`.
pub fn companies(companies: &[Company], titles: &RungTitles<'_>) -> String {
    if companies.is_empty() {
        return "No company matches.\n".into();
    }
    let mut t = table(&[
        "Slug",
        "Company",
        "IC ladder reaches",
        "Past Staff",
        "Dual",
        "Open",
        "Confirmed tags",
    ]);
    for company in companies {
        t.add_row(vec![
            company.slug.clone(),
            company.name.clone(),
            titles.title(&company.ic_top_rung),
            labels::yes_no(company.ic_past_staff).to_owned(),
            labels::yes_no(company.has_dual_ladder).to_owned(),
            company.open_listings.to_string(),
            labels::confirmed_labels(&company.tags),
        ]);
    }
    align_right(&mut t, &[5]);
    format!(
        "{} companies:\n{}\nOne company in full: dualtrack jobs company SLUG\n",
        companies.len(),
        render(t)
    )
}

/// `jobs company`: ladder facts, then every culture tag with its standing.
pub fn company(company: &Company, titles: &RungTitles<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", company.name, company.slug);
    if company.fictional {
        out.push_str("A fictional company from the demonstration data.\n");
    }
    out.push('\n');
    push_wrapped(&mut out, &company.summary, "", "");
    out.push('\n');
    let _ = writeln!(out, "{}", facts(labels::company_facts(company, titles)));
    out.push('\n');
    push_tags(&mut out, &company.tags);
    let _ = writeln!(
        out,
        "\nIts listings: dualtrack jobs search --q {}",
        next_page::quote(&company.name)
    );
    out
}

/// `jobs tags`: the vocabulary.
pub fn tags(tags: &[CultureTag]) -> String {
    let mut t = table(&["Id", "Label", "What it promises"]);
    for tag in tags {
        t.add_row(vec![
            tag.id.clone(),
            tag.label.clone(),
            tag.description.clone(),
        ]);
    }
    format!(
        "{} culture tags (filter with `dualtrack jobs search --tag ID`):\n{}\n",
        tags.len(),
        render(t)
    )
}
