use super::*;
use crate::{is_confirmed, rung::is_past_staff};

fn demo_with(extra: &str) -> Result<DemoData, DataError> {
    let text = format!("{EMBEDDED_DEMO}\n{extra}");
    DemoData::parse("data/board-tags.toml", EMBEDDED_TAGS, "demo.toml", &text)
}

fn error_line(extra: &str) -> (DataError, usize) {
    let err = demo_with(extra).unwrap_err();
    // Line of the first line of `extra` in the combined text.
    let first = EMBEDDED_DEMO.lines().count() + 2;
    (err, first)
}

#[test]
fn embedded_demo_is_valid_and_varied() {
    let demo = DemoData::embedded().unwrap();
    assert!(
        (10..=14).contains(&demo.companies.len()),
        "{} companies",
        demo.companies.len()
    );
    assert!(
        (35..=50).contains(&demo.listings.len()),
        "{} listings",
        demo.listings.len()
    );
    assert!(demo.companies.iter().all(|c| c.fictional));
    assert!(
        demo.companies
            .iter()
            .all(|c| c.domain.ends_with(".example"))
    );

    // Ladder maturity spans Distinguished, Staff and Senior tops.
    for top in [
        "distinguished_engineer",
        "staff_engineer",
        "senior_engineer",
    ] {
        assert!(
            demo.companies.iter().any(|c| c.ic_top_rung == top),
            "no company tops at {top}"
        );
    }
    assert!(demo.companies.iter().any(|c| is_past_staff(&c.ic_top_rung)));
    assert!(
        demo.companies
            .iter()
            .any(|c| !is_past_staff(&c.ic_top_rung))
    );

    // Both tracks and every workplace appear.
    for track in Track::ALL {
        assert!(
            demo.listings.iter().any(|l| l.track == track),
            "no {track} listing"
        );
    }
    for workplace in [Workplace::Remote, Workplace::Hybrid, Workplace::Onsite] {
        assert!(demo.listings.iter().any(|l| l.workplace == workplace));
    }
    // Every company has something open.
    for company in &demo.companies {
        assert!(
            demo.listings.iter().any(|l| l.company == company.slug),
            "{} has no listing",
            company.slug
        );
    }
}

#[test]
fn demo_endorsements_confirm_some_tags_and_leave_others_claimed() {
    let demo = DemoData::embedded().unwrap();
    let mut confirmed = 0;
    let mut claimed_only = 0;
    for company in &demo.companies {
        for tag in &company.tags {
            let count = demo
                .accounts
                .iter()
                .filter(|a| a.verified_company.as_deref() == Some(company.slug.as_str()))
                .filter(|a| a.endorses.contains(tag))
                .count();
            if is_confirmed(u32::try_from(count).unwrap()) {
                confirmed += 1;
            } else {
                claimed_only += 1;
            }
        }
    }
    assert!(confirmed >= 5, "{confirmed} confirmed");
    assert!(claimed_only >= 10, "{claimed_only} claimed only");
    assert!(demo.accounts.iter().any(|a| a.verified_company.is_none()));
    assert!(demo.endorsement_count() >= 15);
}

#[test]
fn demo_references_only_known_tags_and_companies() {
    let demo = DemoData::embedded().unwrap();
    let known = |id: &String| demo.tags.iter().any(|t| &t.id == id);
    for company in &demo.companies {
        assert!(company.tags.iter().all(known), "{}", company.slug);
    }
    for account in &demo.accounts {
        assert!(account.endorses.iter().all(known), "{}", account.email);
    }
    for listing in &demo.listings {
        assert!(
            demo.companies.iter().any(|c| c.slug == listing.company),
            "{}",
            listing.title
        );
        assert!(
            crate::rung::has_rung(listing.track, &listing.rung),
            "{}",
            listing.title
        );
    }
}

#[test]
fn unknown_company_in_a_listing_is_located() {
    let (err, line) = error_line(
        "[[listings]]\ncompany = \"nowhere\"\ntitle = \"T\"\ntrack = \"ic\"\nrung = \"engineer\"\n\
         location = \"L\"\nworkplace = \"remote\"\nposted_at = 2025-01-01T00:00:00Z\ndescription = \"d\"\n",
    );
    assert_eq!(err.line, line + 1, "{err}");
    assert!(
        err.message
            .contains("unknown company `nowhere`; use one of: lumenfold"),
        "{err}"
    );
}

#[test]
fn rung_must_be_on_the_listing_track_and_within_the_ladder() {
    let listing = |rung: &str, track: &str| {
        format!(
            "[[listings]]\ncompany = \"brightkiln\"\ntitle = \"T\"\ntrack = \"{track}\"\nrung = \"{rung}\"\n\
             location = \"L\"\nworkplace = \"remote\"\nposted_at = 2025-01-01T00:00:00Z\ndescription = \"d\"\n"
        )
    };
    let (err, line) = error_line(&listing("manager", "ic"));
    assert_eq!(err.line, line + 4, "{err}");
    assert!(err.message.contains("not on the ic track"), "{err}");
    let (err, _) = error_line(&listing("staff_engineer", "ic"));
    assert!(
        err.message.contains("above brightkiln's top IC rung"),
        "{err}"
    );
}

#[test]
fn endorsing_needs_a_verified_company_and_a_known_tag() {
    let (err, line) = error_line(
        "[[accounts]]\nemail = \"x@mailbox2.example\"\npassword_hash = \"h\"\nendorses = [\"deep-work\"]\n",
    );
    assert_eq!(err.line, line + 3, "{err}");
    assert!(err.message.contains("add verified_company"), "{err}");
    let (err, _) = error_line(
        "[[accounts]]\nemail = \"x@brightkiln.example\"\npassword_hash = \"h\"\n\
         verified_company = \"brightkiln\"\nendorses = [\"free-lunch\"]\n",
    );
    assert!(err.message.contains("unknown tag `free-lunch`"), "{err}");
}

#[test]
fn verified_email_must_match_the_company_domain() {
    let (err, _) = error_line(
        "[[accounts]]\nemail = \"x@gmail.example\"\npassword_hash = \"h\"\nverified_company = \"brightkiln\"\n",
    );
    assert!(
        err.message.contains("use an address at brightkiln.example"),
        "{err}"
    );
}

#[test]
fn posted_at_needs_an_offset_and_whole_seconds() {
    let listing = |at: &str| {
        format!(
            "[[listings]]\ncompany = \"brightkiln\"\ntitle = \"T\"\ntrack = \"ic\"\nrung = \"engineer\"\n\
             location = \"L\"\nworkplace = \"remote\"\nposted_at = {at}\ndescription = \"d\"\n"
        )
    };
    let (err, _) = error_line(&listing("2025-01-01T00:00:00"));
    assert!(err.message.contains("UTC offset"), "{err}");
    let (err, _) = error_line(&listing("2025-01-01T00:00:00.5Z"));
    assert!(err.message.contains("whole seconds"), "{err}");
}

#[test]
fn oversized_and_malformed_files_are_refused() {
    let big = "#".repeat(MAX_DEMO_BYTES + 1);
    let err = DemoData::parse("t", EMBEDDED_TAGS, "big.toml", &big).unwrap_err();
    assert!(err.message.contains("limited to"), "{err}");
    let err = DemoData::parse("t", EMBEDDED_TAGS, "bad.toml", "companies = 3\n").unwrap_err();
    assert_eq!(err.file, "bad.toml");
    assert_eq!(err.line, 1, "{err}");
}

#[test]
fn seeding_dates_are_recent_and_keep_their_spacing() {
    let demo = DemoData::embedded().unwrap();
    let now: chrono::DateTime<chrono::Utc> = "2026-12-07T08:00:00.5Z".parse().unwrap();
    let recent = demo.clone().recent_as_of(now);
    let newest = recent.listings.iter().map(|l| l.posted_at).max().unwrap();
    assert_eq!(
        newest,
        "2026-12-07T07:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
    );
    for (before, after) in demo.listings.iter().zip(&recent.listings) {
        assert_eq!(
            after.posted_at - before.posted_at,
            recent.listings[0].posted_at - demo.listings[0].posted_at
        );
        assert!(
            after.expiry() > now,
            "every demo listing is open after seeding"
        );
        assert!(
            after
                .apply_url
                .as_deref()
                .is_some_and(crate::is_web_address)
        );
    }
}
