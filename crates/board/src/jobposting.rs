//! Listings in and out as schema.org `JobPosting` JSON-LD (`dualtrack jobs import` and
//! `dualtrack jobs export`).
//!
//! Export writes one `JobPosting` per listing with standard properties only. What schema.org
//! has no property for (the dual-ladder track and rung, hybrid work) travels as extra
//! `identifier` entries (`PropertyValue` with a `propertyID`), so an export imports back into
//! the same listings. Import reads one object, an array, or an `ItemList` (of postings or of
//! `ListItem`s holding them), and reports each problem as `FILE:LINE: message`, the line being
//! where the offending posting starts.

use chrono::{DateTime, SecondsFormat, Utc};
use dualtrack_framework::Framework;
use serde_json::{Value, json};

use crate::words::rung_title;
use crate::{DataError, Listing, ListingDraft, NewListing, SalaryRange, Track, Workplace};

/// Largest file `jobs import` reads.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;
/// Most postings in one import.
pub const MAX_IMPORT_POSTINGS: usize = 10_000;

const RUNG_ID: &str = "dualtrack-rung";
const WORKPLACE_ID: &str = "dualtrack-workplace";

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The listing as a `JobPosting`, its rung named as `framework`'s reference ladder titles it;
/// `base` is the board's address for `url` (may be empty).
#[must_use]
pub fn to_job_posting(listing: &Listing, framework: &Framework, base: &str) -> Value {
    let mut posting = json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": listing.title,
        "description": listing.description,
        "datePosted": time(listing.posted_at),
        "validThrough": time(listing.expires_at),
        "employmentType": "FULL_TIME",
        "occupationalCategory": format!("{} ({} track)", rung_title(framework, &listing.rung), listing.track.as_str()),
        "identifier": [
            {"@type": "PropertyValue", "name": "dualtrack", "value": listing.id.to_string()},
            {"@type": "PropertyValue", "propertyID": RUNG_ID, "value": listing.rung},
            {"@type": "PropertyValue", "propertyID": WORKPLACE_ID, "value": listing.workplace.as_str()},
        ],
        "hiringOrganization": {
            "@type": "Organization",
            "name": listing.company.name,
            "identifier": listing.company.slug,
        },
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": listing.location},
        },
    });
    if !base.is_empty() {
        posting["url"] = format!("{base}/jobs/{}", listing.id).into();
        posting["hiringOrganization"]["url"] =
            format!("{base}/companies/{}", listing.company.slug).into();
    }
    if listing.remote {
        posting["jobLocationType"] = "TELECOMMUTE".into();
    }
    let mut contact = serde_json::Map::new();
    if let Some(url) = &listing.apply_url {
        contact.insert("url".into(), url.clone().into());
    }
    if let Some(email) = &listing.apply_email {
        contact.insert("email".into(), email.clone().into());
    }
    if !contact.is_empty() {
        contact.insert("@type".into(), "ContactPoint".into());
        posting["applicationContact"] = Value::Object(contact);
    }
    if let Some(salary) = &listing.salary {
        posting["baseSalary"] = json!({
            "@type": "MonetaryAmount",
            "currency": salary.currency,
            "value": {"@type": "QuantitativeValue", "minValue": salary.min, "maxValue": salary.max, "unitText": "YEAR"},
        });
    }
    posting
}

/// One posting read from a file, its company not yet looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPosting {
    /// Where the posting starts in the file (1-based).
    pub line: usize,
    /// `hiringOrganization.identifier` (a board slug) when given.
    pub company_slug: Option<String>,
    /// `hiringOrganization.name`.
    pub company_name: String,
    /// The listing, with `company` empty until the caller resolves it.
    pub listing: NewListing,
}

/// Byte offsets where each object at `depth` (0: the top value; containers counted) opens.
fn object_starts(text: &str, depth: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut level = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                if b == b'{' && level == depth {
                    starts.push(i);
                }
                level += 1;
            }
            b'}' | b']' => level = level.saturating_sub(1),
            _ => {}
        }
    }
    starts
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Reads a file of `JobPosting` JSON-LD.
///
/// # Errors
/// [`DataError`] at the first problem: the file's size, JSON syntax (with line and column),
/// or a posting that lacks what a listing needs (at the line it starts).
pub fn parse_job_postings(file: &str, text: &str) -> Result<Vec<ImportedPosting>, DataError> {
    let fail = |line: usize, message: String| DataError {
        file: file.to_owned(),
        line,
        column: 0,
        message,
    };
    if text.len() > MAX_IMPORT_BYTES {
        return Err(fail(
            0,
            format!(
                "the file is {} bytes; imports are limited to {MAX_IMPORT_BYTES} bytes, so split it",
                text.len()
            ),
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|err| DataError {
        file: file.to_owned(),
        line: err.line(),
        column: err.column(),
        message: format!("not valid JSON: {err}"),
    })?;
    let (items, depth): (Vec<&Value>, usize) = match &value {
        Value::Array(items) => (items.iter().collect(), 1),
        Value::Object(map) if map.get("@type").and_then(Value::as_str) == Some("ItemList") => {
            let list = map
                .get("itemListElement")
                .and_then(Value::as_array)
                .ok_or_else(|| fail(1, "an ItemList needs an itemListElement array".into()))?;
            (
                list.iter()
                    .map(|item| match item.get("@type").and_then(Value::as_str) {
                        Some("ListItem") => item.get("item").unwrap_or(item),
                        _ => item,
                    })
                    .collect(),
                2,
            )
        }
        Value::Object(_) => (vec![&value], 0),
        _ => {
            return Err(fail(
                1,
                "expected a JobPosting object, an array of them, or an ItemList".into(),
            ));
        }
    };
    if items.len() > MAX_IMPORT_POSTINGS {
        return Err(fail(
            0,
            format!(
                "{} postings; import at most {MAX_IMPORT_POSTINGS} at a time",
                items.len()
            ),
        ));
    }
    let starts = object_starts(text, depth);
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let line = starts.get(i).map_or(0, |&at| line_of(text, at));
            posting(item)
                .map_err(|message| fail(line, message))
                .map(|(slug, name, listing)| ImportedPosting {
                    line,
                    company_slug: slug,
                    company_name: name,
                    listing,
                })
        })
        .collect()
}

fn text_of<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn when(item: &Value, key: &str) -> Result<Option<DateTime<Utc>>, String> {
    match text_of(item, key) {
        None => Ok(None),
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|at| Some(crate::whole_seconds(at.with_timezone(&Utc))))
            .or_else(|_| {
                chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map(|d| d.and_hms_opt(0, 0, 0).map(|at| at.and_utc()))
            })
            .map_err(|_| format!("{key} `{text}` is not a date; write it as 2026-05-01T09:00:00Z")),
    }
}

/// The dualtrack extras among the posting's identifiers.
fn extra<'a>(item: &'a Value, id: &str) -> Option<&'a str> {
    let ids = item.get("identifier")?;
    let list: Vec<&Value> = match ids {
        Value::Array(list) => list.iter().collect(),
        other => vec![other],
    };
    list.into_iter()
        .find(|v| v.get("propertyID").and_then(Value::as_str) == Some(id))
        .and_then(|v| v.get("value"))
        .and_then(Value::as_str)
}

/// A rung id from an id or a title ("Staff Engineer", "staff_engineer").
fn rung_of(text: &str) -> Option<(Track, String)> {
    let key = text
        .split(" (")
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '-'], "_");
    [Track::Ic, Track::Management]
        .into_iter()
        .find_map(|track| {
            crate::rung::rungs(track)
                .iter()
                .find(|r| **r == key)
                .map(|r| (track, (*r).to_owned()))
        })
}

type Posting = (Option<String>, String, NewListing);

fn posting(item: &Value) -> Result<Posting, String> {
    if item.get("@type").and_then(Value::as_str) != Some("JobPosting") {
        return Err("this item is not a JobPosting (its @type must be \"JobPosting\")".into());
    }
    let title = text_of(item, "title").ok_or("a JobPosting needs a title")?;
    let description = text_of(item, "description").ok_or("a JobPosting needs a description")?;
    let org = item
        .get("hiringOrganization")
        .ok_or("a JobPosting needs a hiringOrganization naming the company")?;
    let company_name = text_of(org, "name")
        .ok_or("hiringOrganization needs a name")?
        .to_owned();
    let company_slug = text_of(org, "identifier").map(str::to_owned);
    let rung_text = extra(item, RUNG_ID)
        .or_else(|| text_of(item, "occupationalCategory"))
        .or_else(|| text_of(item, "title"))
        .unwrap_or_default();
    let (track, rung) = rung_of(rung_text).ok_or_else(|| {
        format!(
            "cannot tell the rung of `{title}`: give occupationalCategory as a rung such as \
             \"Staff Engineer\" or \"Manager\""
        )
    })?;
    let remote = text_of(item, "jobLocationType") == Some("TELECOMMUTE");
    let workplace = match extra(item, WORKPLACE_ID) {
        Some("remote") => Workplace::Remote,
        Some("hybrid") => Workplace::Hybrid,
        Some("onsite") => Workplace::Onsite,
        _ if remote => Workplace::Remote,
        _ => Workplace::Onsite,
    };
    let location = item
        .get("jobLocation")
        .map(|place| match place {
            Value::Array(list) => list.first().cloned().unwrap_or(Value::Null),
            other => other.clone(),
        })
        .and_then(|place| {
            place.get("address").and_then(|a| {
                a.get("addressLocality")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
        })
        .unwrap_or_else(|| {
            if remote {
                "Remote".into()
            } else {
                String::new()
            }
        });
    let salary = match item.get("baseSalary") {
        None => None,
        Some(pay) => {
            let value = pay.get("value").unwrap_or(&Value::Null);
            let number = |key: &str| {
                value
                    .get(key)
                    .and_then(Value::as_f64)
                    .filter(|n| *n >= 0.0 && *n <= f64::from(u32::MAX))
            };
            match (
                number("minValue"),
                number("maxValue"),
                text_of(pay, "currency"),
            ) {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                (Some(min), Some(max), Some(currency)) => Some(SalaryRange {
                    min: min as u32,
                    max: max as u32,
                    currency: currency.to_owned(),
                }),
                _ => {
                    return Err(
                        "baseSalary needs currency and value.minValue and value.maxValue".into(),
                    );
                }
            }
        }
    };
    let contact = item.get("applicationContact");
    let apply_url = contact
        .and_then(|c| text_of(c, "url"))
        .or_else(|| text_of(item, "directApplyUrl"))
        .map(str::to_owned);
    let apply_email = contact.and_then(|c| text_of(c, "email")).map(str::to_owned);
    let posted_at = when(item, "datePosted")?.ok_or("a JobPosting needs datePosted")?;
    let expires_at = when(item, "validThrough")?;
    let draft = ListingDraft {
        title: title.to_owned(),
        track,
        rung,
        location,
        workplace,
        salary,
        description: description.to_owned(),
        apply_url,
        apply_email,
        expires_at,
    }
    .tidy();
    let problems = draft.problems(posted_at);
    if let Some(first) = problems.first() {
        return Err(format!("`{title}`: {}: {}", first.field, first.message));
    }
    Ok((
        company_slug,
        company_name,
        NewListing {
            company: String::new(),
            title: draft.title,
            track: draft.track,
            rung: draft.rung,
            location: draft.location,
            workplace: draft.workplace,
            salary: draft.salary,
            posted_at,
            description: draft.description,
            apply_url: draft.apply_url,
            apply_email: draft.apply_email,
            expires_at: draft.expires_at,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CompanyBrief;

    fn listing() -> Listing {
        let at: DateTime<Utc> = "2026-11-01T09:00:00Z".parse().unwrap();
        Listing {
            id: 7,
            title: "Staff Engineer, Storage".into(),
            track: Track::Ic,
            rung: "staff_engineer".into(),
            location: "Lisbon".into(),
            workplace: Workplace::Hybrid,
            remote: false,
            salary: Some(SalaryRange {
                min: 90_000,
                max: 120_000,
                currency: "EUR".into(),
            }),
            posted_at: at,
            description: "Own it.\n\nWrite it down.".into(),
            company: CompanyBrief {
                id: 1,
                slug: "lumenfold".into(),
                name: "Lumenfold".into(),
                ic_top_rung: "principal_engineer".into(),
                ic_past_staff: true,
                has_dual_ladder: true,
                tags: Vec::new(),
            },
            apply_url: Some("https://lumenfold.example/jobs/7".into()),
            apply_email: Some("jobs@lumenfold.example".into()),
            expires_at: at + chrono::Duration::days(60),
            closed_at: None,
            hidden_at: None,
        }
    }

    #[test]
    fn an_export_imports_back_into_the_same_listing() {
        let original = listing();
        let text = serde_json::to_string_pretty(&vec![to_job_posting(
            &original,
            &Framework::embedded().unwrap(),
            "",
        )])
        .unwrap();
        let back = parse_job_postings("export.json", &text).unwrap();
        assert_eq!(back.len(), 1);
        let posting = &back[0];
        assert_eq!(posting.line, 2);
        assert_eq!(posting.company_slug.as_deref(), Some("lumenfold"));
        let l = &posting.listing;
        assert_eq!(l.title, original.title);
        assert_eq!(l.rung, original.rung);
        assert_eq!(l.workplace, Workplace::Hybrid);
        assert_eq!(l.salary, original.salary);
        assert_eq!(l.posted_at, original.posted_at);
        assert_eq!(l.expires_at, Some(original.expires_at));
        assert_eq!(l.apply_url, original.apply_url);
        assert_eq!(l.apply_email, original.apply_email);
        assert_eq!(l.description, original.description);
    }

    #[test]
    fn item_lists_and_single_objects_are_read() {
        let one = to_job_posting(
            &listing(),
            &Framework::embedded().unwrap(),
            "https://board.example",
        );
        let list = json!({"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "item": one.clone()},
            one.clone(),
        ]});
        assert_eq!(parse_job_postings("f", &list.to_string()).unwrap().len(), 2);
        assert_eq!(parse_job_postings("f", &one.to_string()).unwrap().len(), 1);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let good = serde_json::to_string(&to_job_posting(
            &listing(),
            &Framework::embedded().unwrap(),
            "",
        ))
        .unwrap();
        let text = format!("[\n{good},\n{{\"@type\": \"JobPosting\", \"title\": \"x\"}}\n]");
        let err = parse_job_postings("jobs.json", &text).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.to_string().starts_with("jobs.json:3: "), "{err}");
        assert!(err.to_string().contains("description"), "{err}");
        let err = parse_job_postings("jobs.json", "[\n{,").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err = parse_job_postings("jobs.json", "42").unwrap_err();
        assert!(err.to_string().contains("ItemList"), "{err}");
        let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert!(
            parse_job_postings("jobs.json", &huge)
                .unwrap_err()
                .to_string()
                .contains("limited")
        );
    }
}
