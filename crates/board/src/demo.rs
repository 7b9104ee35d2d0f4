//! Demo content for the board: fictional companies, listings, employees and endorsements.
//!
//! Parsed and checked here, before any database sees it, so a mistake in
//! `data/board-demo.toml` is reported with its file, line and column.

use std::ops::Range;

use chrono::{DateTime, Timelike, Utc};
use serde::Deserialize;
use toml::Spanned;

use crate::account::normalize_email;
use crate::company::{email_at_domain, is_slug};
use crate::tag::{EMBEDDED_TAGS, parse_vocabulary};
use crate::{
    CompanySize, CultureTag, DataError, NewCompany, NewListing, RemotePolicy, SalaryRange, Track,
    Workplace, rung,
};

/// The demo board shipped with dualtrack (`data/board-demo.toml`).
pub const EMBEDDED_DEMO: &str = include_str!("../../../data/board-demo.toml");

/// Largest demo file accepted; the shipped one is well under 100 KiB.
pub const MAX_DEMO_BYTES: usize = 4 * 1024 * 1024;

/// A demo employee: an account, the company it is verified for, and the tags it endorses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    /// Normalised (lowercase).
    pub email: String,
    pub password_hash: String,
    /// Slug of the company the account is verified for.
    pub verified_company: Option<String>,
    pub endorses: Vec<String>,
}

/// Everything `Store::seed_demo` writes, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoData {
    pub tags: Vec<CultureTag>,
    pub companies: Vec<NewCompany>,
    pub listings: Vec<NewListing>,
    pub accounts: Vec<DemoAccount>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    companies: Vec<RawCompany>,
    listings: Vec<RawListing>,
    #[serde(default)]
    accounts: Vec<RawAccount>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompany {
    slug: Spanned<String>,
    name: String,
    domain: Spanned<String>,
    summary: String,
    size: CompanySize,
    remote_policy: RemotePolicy,
    ic_top_rung: Spanned<String>,
    has_dual_ladder: bool,
    #[serde(default = "yes")]
    fictional: bool,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawListing {
    company: Spanned<String>,
    title: Spanned<String>,
    track: Track,
    rung: Spanned<String>,
    location: String,
    workplace: Workplace,
    salary: Option<Spanned<SalaryRange>>,
    posted_at: Spanned<toml::value::Datetime>,
    description: String,
    /// Where to apply; defaults to the company's careers page.
    apply_url: Option<Spanned<String>>,
    apply_email: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccount {
    email: Spanned<String>,
    password_hash: String,
    verified_company: Option<Spanned<String>>,
    #[serde(default)]
    endorses: Vec<Spanned<String>>,
}

/// Checks against one file's text, producing located errors.
struct Checker<'a> {
    file: &'a str,
    text: &'a str,
}

impl Checker<'_> {
    fn fail(&self, span: Range<usize>, message: String) -> DataError {
        DataError::at(self.file, self.text, span, message)
    }
}

impl DemoData {
    /// The demo data compiled into dualtrack.
    ///
    /// # Errors
    /// Only if the shipped files are broken, which the crate's tests rule out.
    pub fn embedded() -> Result<Self, DataError> {
        Self::parse(
            "data/board-tags.toml",
            EMBEDDED_TAGS,
            "data/board-demo.toml",
            EMBEDDED_DEMO,
        )
    }

    /// Parses and cross-checks a tag vocabulary and a demo file.
    ///
    /// # Errors
    /// [`DataError`] at the first problem, with its location and the fix.
    pub fn parse(
        tags_file: &str,
        tags_text: &str,
        demo_file: &str,
        demo_text: &str,
    ) -> Result<Self, DataError> {
        if demo_text.len() > MAX_DEMO_BYTES {
            return Err(DataError {
                file: demo_file.into(),
                line: 0,
                column: 0,
                message: format!(
                    "file is {} bytes; demo data is limited to {MAX_DEMO_BYTES} bytes",
                    demo_text.len()
                ),
            });
        }
        let tags = parse_vocabulary(tags_file, tags_text)?;
        let raw: RawFile = dualtrack_framework::load_toml(demo_file, demo_text, MAX_DEMO_BYTES)?;
        let check = Checker {
            file: demo_file,
            text: demo_text,
        };
        let companies = companies(&check, &tags, raw.companies)?;
        let listings = listings(&check, &companies, raw.listings)?;
        let accounts = accounts(&check, &tags, &companies, raw.accounts)?;
        Ok(Self {
            tags,
            companies,
            listings,
            accounts,
        })
    }

    /// The same board with every listing moved forward in time by one amount, so that the
    /// newest is posted an hour before `now` and the others keep their spacing: seeded
    /// listings then look recent and stay open for their 60 days.
    #[must_use]
    pub fn recent_as_of(mut self, now: DateTime<Utc>) -> Self {
        let Some(newest) = self.listings.iter().map(|l| l.posted_at).max() else {
            return self;
        };
        let target = crate::whole_seconds(now) - chrono::Duration::hours(1);
        let shift = target - newest;
        for listing in &mut self.listings {
            listing.posted_at += shift;
            listing.expires_at = listing.expires_at.map(|at| at + shift);
        }
        self
    }

    /// Total endorsements the demo accounts make.
    #[must_use]
    pub fn endorsement_count(&self) -> usize {
        self.accounts.iter().map(|a| a.endorses.len()).sum()
    }
}

fn known_tag<'t>(
    check: &Checker<'_>,
    tags: &'t [CultureTag],
    id: &Spanned<String>,
) -> Result<&'t CultureTag, DataError> {
    tags.iter().find(|t| t.id == **id.get_ref()).ok_or_else(|| {
        let ids: Vec<&str> = tags.iter().map(|t| t.id.as_str()).collect();
        check.fail(
            id.span(),
            format!(
                "unknown tag `{}`; use one of: {}",
                id.get_ref(),
                ids.join(", ")
            ),
        )
    })
}

fn companies(
    check: &Checker<'_>,
    tags: &[CultureTag],
    raw: Vec<RawCompany>,
) -> Result<Vec<NewCompany>, DataError> {
    let mut out: Vec<NewCompany> = Vec::with_capacity(raw.len());
    for company in raw {
        let slug = company.slug.get_ref();
        if !is_slug(slug) {
            return Err(check.fail(
                company.slug.span(),
                format!(
                    "company slug `{slug}` must be 1-60 characters of a-z, 0-9 and inner hyphens"
                ),
            ));
        }
        if out.iter().any(|c| c.slug == *slug) {
            return Err(check.fail(
                company.slug.span(),
                format!("company `{slug}` is listed twice"),
            ));
        }
        let domain = company.domain.get_ref().to_ascii_lowercase();
        if normalize_email(&format!("x@{domain}")).is_err() {
            return Err(check.fail(
                company.domain.span(),
                format!("domain `{domain}` is not an email domain such as company.example"),
            ));
        }
        if out.iter().any(|c| c.domain == domain) {
            return Err(check.fail(
                company.domain.span(),
                format!("domain `{domain}` belongs to another company already"),
            ));
        }
        if !rung::has_rung(Track::Ic, company.ic_top_rung.get_ref()) {
            return Err(check.fail(
                company.ic_top_rung.span(),
                format!(
                    "ic_top_rung `{}` is not an IC rung; use one of: {}",
                    company.ic_top_rung.get_ref(),
                    rung::rungs(Track::Ic).join(", ")
                ),
            ));
        }
        let mut claimed: Vec<String> = Vec::new();
        for tag in &company.tags {
            let known = known_tag(check, tags, tag)?;
            if claimed.contains(&known.id) {
                return Err(check.fail(tag.span(), format!("tag `{}` is claimed twice", known.id)));
            }
            claimed.push(known.id.clone());
        }
        if company.name.trim().is_empty() || company.summary.trim().is_empty() {
            return Err(check.fail(
                company.slug.span(),
                format!("company `{slug}` needs a name and a summary"),
            ));
        }
        out.push(NewCompany {
            slug: slug.clone(),
            name: company.name,
            domain,
            summary: company.summary,
            size: company.size,
            remote_policy: company.remote_policy,
            ic_top_rung: company.ic_top_rung.into_inner(),
            has_dual_ladder: company.has_dual_ladder,
            fictional: company.fictional,
            tags: claimed,
        });
    }
    Ok(out)
}

fn listings(
    check: &Checker<'_>,
    companies: &[NewCompany],
    raw: Vec<RawListing>,
) -> Result<Vec<NewListing>, DataError> {
    let mut out = Vec::with_capacity(raw.len());
    for listing in raw {
        let company = listing.company.get_ref();
        let Some(owner) = companies.iter().find(|c| c.slug == *company) else {
            let slugs: Vec<&str> = companies.iter().map(|c| c.slug.as_str()).collect();
            return Err(check.fail(
                listing.company.span(),
                format!(
                    "unknown company `{company}`; use one of: {}",
                    slugs.join(", ")
                ),
            ));
        };
        if !rung::has_rung(listing.track, listing.rung.get_ref()) {
            return Err(check.fail(
                listing.rung.span(),
                format!(
                    "rung `{}` is not on the {} track; use one of: {}",
                    listing.rung.get_ref(),
                    listing.track,
                    rung::rungs(listing.track).join(", ")
                ),
            ));
        }
        if above_top_rung(listing.track, listing.rung.get_ref(), &owner.ic_top_rung) {
            return Err(check.fail(
                listing.rung.span(),
                format!(
                    "rung `{}` is above {}'s top IC rung `{}`; lower the rung or raise the \
                     company's ic_top_rung",
                    listing.rung.get_ref(),
                    owner.slug,
                    owner.ic_top_rung
                ),
            ));
        }
        if listing.title.get_ref().trim().is_empty() || listing.description.trim().is_empty() {
            return Err(check.fail(
                listing.title.span(),
                "a listing needs a title and a description".into(),
            ));
        }
        if let Some(salary) = &listing.salary {
            salary
                .get_ref()
                .check()
                .map_err(|message| check.fail(salary.span(), message))?;
        }
        let posted_at = posted_at(check, &listing.posted_at)?;
        let apply_url = match listing.apply_url {
            Some(url) if crate::is_web_address(url.get_ref()) => url.into_inner(),
            Some(url) => {
                return Err(check.fail(
                    url.span(),
                    format!(
                        "apply_url `{}` is not a web address; write it as https://host/path",
                        url.get_ref()
                    ),
                ));
            }
            None => format!("https://{}/careers", owner.domain),
        };
        out.push(NewListing {
            company: company.clone(),
            title: listing.title.into_inner(),
            track: listing.track,
            rung: listing.rung.into_inner(),
            location: listing.location,
            workplace: listing.workplace,
            salary: listing.salary.map(Spanned::into_inner),
            posted_at,
            description: listing.description,
            apply_url: Some(apply_url),
            apply_email: listing.apply_email,
            expires_at: None,
        });
    }
    Ok(out)
}

/// An IC listing cannot sit above the ladder its own company publishes.
fn above_top_rung(track: Track, listing_rung: &str, top: &str) -> bool {
    let position = |id: &str| rung::rungs(Track::Ic).iter().position(|r| *r == id);
    track == Track::Ic
        && matches!((position(listing_rung), position(top)), (Some(r), Some(t)) if r > t)
}

fn posted_at(
    check: &Checker<'_>,
    value: &Spanned<toml::value::Datetime>,
) -> Result<DateTime<Utc>, DataError> {
    let text = value.get_ref().to_string();
    let parsed = DateTime::parse_from_rfc3339(&text).map_err(|_| {
        check.fail(
            value.span(),
            format!("posted_at `{text}` needs a date, a time and a UTC offset, e.g. 2025-05-01T09:00:00Z"),
        )
    })?;
    if parsed.nanosecond() != 0 {
        return Err(check.fail(
            value.span(),
            format!("posted_at `{text}` has fractions of a second; give whole seconds"),
        ));
    }
    Ok(parsed.with_timezone(&Utc))
}

fn accounts(
    check: &Checker<'_>,
    tags: &[CultureTag],
    companies: &[NewCompany],
    raw: Vec<RawAccount>,
) -> Result<Vec<DemoAccount>, DataError> {
    let mut out: Vec<DemoAccount> = Vec::with_capacity(raw.len());
    for account in raw {
        let email = normalize_email(account.email.get_ref())
            .map_err(|err| check.fail(account.email.span(), err.to_string()))?;
        if out.iter().any(|a| a.email == email) {
            return Err(check.fail(
                account.email.span(),
                format!("account {email} is listed twice"),
            ));
        }
        let verified = match &account.verified_company {
            None => None,
            Some(slug) => {
                let company = companies
                    .iter()
                    .find(|c| c.slug == *slug.get_ref())
                    .ok_or_else(|| {
                        check.fail(slug.span(), format!("unknown company `{}`", slug.get_ref()))
                    })?;
                if !email_at_domain(&email, &company.domain) {
                    return Err(check.fail(
                        account.email.span(),
                        format!(
                            "{email} cannot be verified for {}: use an address at {}",
                            company.slug, company.domain
                        ),
                    ));
                }
                Some(company.slug.clone())
            }
        };
        let mut endorses: Vec<String> = Vec::new();
        for tag in &account.endorses {
            let known = known_tag(check, tags, tag)?;
            if verified.is_none() {
                return Err(check.fail(
                    tag.span(),
                    format!("{email} endorses `{}` but is not verified for any company; add verified_company", known.id),
                ));
            }
            if endorses.contains(&known.id) {
                return Err(
                    check.fail(tag.span(), format!("{email} endorses `{}` twice", known.id))
                );
            }
            endorses.push(known.id.clone());
        }
        out.push(DemoAccount {
            email,
            password_hash: account.password_hash,
            verified_company: verified,
            endorses,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
