//! `dualtrack jobs import FILE` and `dualtrack jobs export`: listings in and out as schema.org
//! `JobPosting` JSON-LD.

use std::collections::HashMap;
use std::path::Path;

use anyhow::bail;
use chrono::Utc;
use dualtrack_board::{ListingState, MAX_IMPORT_BYTES, Store, parse_job_postings, to_job_posting};
use dualtrack_framework::Framework;
use serde::Serialize;

use crate::input::{self, Kind};

/// What an import added, and what it left out as already on the board.
#[derive(Debug, Serialize)]
pub struct Imported {
    /// Ids of the new listings, in file order.
    pub imported: Vec<i64>,
    /// Postings already on the board, so not added again.
    pub skipped: Vec<Skipped>,
}

/// A posting the board already has: the same company, title and posting time (an export
/// imported back, or a file imported twice).
#[derive(Debug, Serialize)]
pub struct Skipped {
    /// Line of the posting in the file.
    pub line: usize,
    pub title: String,
    /// The listing already on the board (`null` when it is an earlier posting of the file).
    pub existing: Option<i64>,
}

/// Listings the company can have at most for the duplicate check (the store's page limit).
const COMPANY_LISTINGS: u32 = 1000;

/// Reads `path` (at most [`MAX_IMPORT_BYTES`]) and adds every posting in it that the board does
/// not have yet. Every posting is checked, and its company found, before the first is written,
/// so a bad file adds nothing.
pub async fn import(store: &dyn Store, path: &Path) -> anyhow::Result<Imported> {
    let (shown, text) = input::read_text(path, Kind::new("postings file", MAX_IMPORT_BYTES))?;
    let postings = parse_job_postings(&shown, &text)?;
    let companies = store.companies().await?;
    let mut ready = Vec::with_capacity(postings.len());
    for posting in postings {
        let company = companies
            .iter()
            .find(|c| posting.company_slug.as_deref() == Some(c.slug.as_str()))
            .or_else(|| {
                companies
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(&posting.company_name))
            });
        let Some(company) = company else {
            bail!(
                "{shown}:{}: the hiring organization `{}` is not on the board; `dualtrack jobs \
                 companies` lists the companies",
                posting.line,
                posting.company_name
            );
        };
        let mut listing = posting.listing;
        listing.company.clone_from(&company.slug);
        ready.push((posting.line, listing));
    }
    let mut seen: HashMap<(String, String, i64), Option<i64>> = HashMap::new();
    for company in &companies {
        if ready.iter().any(|(_, l)| l.company == company.slug) {
            for existing in store.company_listings(company.id, COMPANY_LISTINGS).await? {
                let key = (
                    company.slug.clone(),
                    existing.title,
                    existing.posted_at.timestamp(),
                );
                seen.insert(key, Some(existing.id));
            }
        }
    }
    let mut imported = Vec::with_capacity(ready.len());
    let mut skipped = Vec::new();
    for (line, listing) in &ready {
        let key = (
            listing.company.clone(),
            listing.title.clone(),
            listing.posted_at.timestamp(),
        );
        if let Some(existing) = seen.get(&key) {
            skipped.push(Skipped {
                line: *line,
                title: listing.title.clone(),
                existing: *existing,
            });
            continue;
        }
        imported.push(store.import_listing(listing).await?.id);
        seen.insert(key, None);
    }
    Ok(Imported { imported, skipped })
}

/// Every open listing as `JobPosting` JSON-LD, newest first.
pub async fn export(store: &dyn Store, framework: &Framework) -> anyhow::Result<serde_json::Value> {
    let now = Utc::now();
    let mut listings = Vec::new();
    for company in store.companies().await? {
        listings.extend(
            store
                .company_listings(company.id, 1000)
                .await?
                .into_iter()
                .filter(|l| l.state(now) == ListingState::Open),
        );
    }
    listings.sort_by(|a, b| b.posted_at.cmp(&a.posted_at).then(b.id.cmp(&a.id)));
    Ok(serde_json::Value::Array(
        listings
            .iter()
            .map(|l| to_job_posting(l, framework, ""))
            .collect(),
    ))
}
