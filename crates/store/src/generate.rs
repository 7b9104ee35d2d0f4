//! A large, deterministic, made-up job board: `dualtrack demo seed` and the board benchmark.
//!
//! Same seed, same board: both backends get identical rows in identical order, so their ids
//! agree and their answers can be compared. The shapes roughly follow a real board: a few
//! companies post most listings, descriptions draw on a skewed vocabulary (common words are
//! very common), and a few words are deliberately rare so a selective text query exists.

use chrono::{DateTime, TimeZone, Utc};
use dualtrack_board::{
    CompanySize, DemoAccount, DemoData, EMBEDDED_TAGS, NewCompany, NewListing, RemotePolicy,
    SalaryRange, Track, Workplace, parse_vocabulary,
};

/// The rare word: about one description in a thousand has it.
pub const RARE_WORD: &str = "zeppelin";

/// splitmix64: tiny, fast, and good enough to shuffle benchmark data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }

    /// Skewed towards 0: index 0 is by far the most likely.
    fn skewed(&mut self, n: usize, power: f64) -> usize {
        ((self.unit().powf(power) * n as f64) as usize).min(n - 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PREFIXES: [&str; 24] = [
    "Amber", "Birch", "Cinder", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
    "Kite", "Lantern", "Meadow", "Nimbus", "Orchard", "Pebble", "Quill", "Raven", "Sable", "Tidal",
    "Umber", "Vale", "Willow", "Zephyr",
];
const SUFFIXES: [&str; 12] = [
    "works", "field", "stone", "light", "forge", "wave", "gate", "leaf", "path", "mark", "line",
    "crest",
];
const KINDS: [&str; 6] = [
    "Labs",
    "Systems",
    "Software",
    "Health",
    "Logistics",
    "Finance",
];

const AREAS: [&str; 24] = [
    "Payments",
    "Storage",
    "Search",
    "Platform",
    "Data Pipelines",
    "Identity",
    "Billing",
    "Mobile",
    "Infrastructure",
    "Observability",
    "Machine Learning",
    "Developer Tools",
    "Security",
    "Networking",
    "Checkout",
    "Mapping",
    "Messaging",
    "Compliance",
    "Reliability",
    "Growth",
    "Analytics",
    "Frontend",
    "Databases",
    "Compilers",
];

const CITIES: [&str; 16] = [
    "Berlin, Germany",
    "Amsterdam, Netherlands",
    "London, United Kingdom",
    "Lisbon, Portugal",
    "Toronto, Canada",
    "Austin, United States",
    "New York, United States",
    "Seattle, United States",
    "Dublin, Ireland",
    "Stockholm, Sweden",
    "Warsaw, Poland",
    "Madrid, Spain",
    "Paris, France",
    "Zurich, Switzerland",
    "Singapore",
    "Sydney, Australia",
];
const REGIONS: [&str; 4] = ["Europe", "Americas", "worldwide", "EMEA"];

/// Description vocabulary, most frequent first (the skewed pick favours the front).
const WORDS: [&str; 121] = [
    "the",
    "and",
    "team",
    "you",
    "with",
    "our",
    "will",
    "work",
    "for",
    "systems",
    "engineers",
    "build",
    "service",
    "design",
    "across",
    "data",
    "customers",
    "own",
    "help",
    "product",
    "reliable",
    "people",
    "code",
    "review",
    "roadmap",
    "scale",
    "platform",
    "write",
    "lead",
    "improve",
    "teams",
    "users",
    "quality",
    "production",
    "projects",
    "ship",
    "decisions",
    "mentor",
    "technical",
    "clear",
    "latency",
    "growth",
    "api",
    "cloud",
    "migration",
    "performance",
    "testing",
    "incident",
    "on",
    "call",
    "rust",
    "go",
    "python",
    "typescript",
    "kubernetes",
    "postgres",
    "kafka",
    "terraform",
    "observability",
    "security",
    "privacy",
    "compliance",
    "budget",
    "hiring",
    "planning",
    "strategy",
    "architecture",
    "documents",
    "proposals",
    "standards",
    "operations",
    "automation",
    "tooling",
    "pipelines",
    "models",
    "experiments",
    "search",
    "ranking",
    "billing",
    "ledger",
    "payments",
    "checkout",
    "mobile",
    "android",
    "ios",
    "frontend",
    "backend",
    "compiler",
    "runtime",
    "kernel",
    "network",
    "storage",
    "replication",
    "consensus",
    "caching",
    "queues",
    "events",
    "streaming",
    "analytics",
    "warehouse",
    "dashboards",
    "accessibility",
    "localization",
    "onboarding",
    "coaching",
    "feedback",
    "career",
    "promotion",
    "calibration",
    "partners",
    "vendors",
    "contracts",
    "audits",
    "reviews",
    "retros",
    "sprints",
    "quarters",
    "outcomes",
    "metrics",
    "budgets",
    "headcount",
];

const IC_TITLES: [(&str, &str); 6] = [
    ("engineer", "Software Engineer"),
    ("senior_engineer", "Senior Software Engineer"),
    ("staff_engineer", "Staff Engineer"),
    ("senior_staff_engineer", "Senior Staff Engineer"),
    ("principal_engineer", "Principal Engineer"),
    ("distinguished_engineer", "Distinguished Engineer"),
];
const MANAGEMENT_TITLES: [(&str, &str); 6] = [
    ("tech_lead", "Tech Lead"),
    ("manager", "Engineering Manager"),
    ("senior_manager", "Senior Engineering Manager"),
    ("director", "Director of Engineering"),
    ("senior_director", "Senior Director of Engineering"),
    ("vp_engineering", "VP of Engineering"),
];

/// Top IC rung index (into `IC_TITLES`) with its share of companies.
const TOP_RUNG_SHARES: [(usize, f64); 6] = [
    (0, 0.05),
    (1, 0.20),
    (2, 0.30),
    (3, 0.20),
    (4, 0.15),
    (5, 0.10),
];

/// Oldest listing is this many seconds before the newest.
const SPAN_SECONDS: i64 = 730 * 24 * 3600;

/// The clock searches run at: just after the newest listing, every listing still open.
pub fn search_now() -> DateTime<Utc> {
    newest() + chrono::Duration::seconds(1)
}

fn newest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 30, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::UNIX_EPOCH)
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let words = 8 + rng.below(9);
    for i in 0..words {
        let word = WORDS[rng.skewed(WORDS.len(), 2.2)];
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push_str(". ");
}

fn description(rng: &mut Rng, area: &str) -> String {
    let mut text = format!("Join the {area} group. ");
    for _ in 0..3 + rng.below(4) {
        sentence(rng, &mut text);
    }
    if rng.chance(0.3) {
        text.push_str("You will care about distributed storage and its failure modes. ");
    }
    if rng.chance(0.001) {
        text.push_str(&format!("Bonus: our office has a {RARE_WORD} mural. "));
    }
    text.push_str("\n\nWe pair IC and management roles at every level.");
    text
}

fn company(rng: &mut Rng, index: usize, tags: &[String]) -> NewCompany {
    let prefix = rng.pick(&PREFIXES);
    let suffix = rng.pick(&SUFFIXES);
    let kind = rng.pick(&KINDS);
    let slug = format!("{}{suffix}-{index}", prefix.to_lowercase());
    let mut roll = rng.unit();
    let mut top = 2;
    for (rung, share) in TOP_RUNG_SHARES {
        if roll < share {
            top = rung;
            break;
        }
        roll -= share;
    }
    let mut claimed: Vec<String> = Vec::new();
    for _ in 0..2 + rng.below(5) {
        let tag = rng.pick(tags).clone();
        if !claimed.contains(&tag) {
            claimed.push(tag);
        }
    }
    NewCompany {
        name: format!("{prefix}{suffix} {kind} {index}"),
        domain: format!("{slug}.example"),
        summary: format!("A made-up {} company for benchmarks.", kind.to_lowercase()),
        size: *rng.pick(&[
            CompanySize::Startup,
            CompanySize::Growth,
            CompanySize::Midsize,
            CompanySize::Large,
            CompanySize::Enterprise,
        ]),
        remote_policy: *rng.pick(&[
            RemotePolicy::RemoteFirst,
            RemotePolicy::Hybrid,
            RemotePolicy::OfficeFirst,
        ]),
        ic_top_rung: IC_TITLES[top].0.to_owned(),
        // Tall ladders are usually real dual ladders.
        has_dual_ladder: rng.chance(if top >= 3 { 0.8 } else { 0.3 }),
        fictional: true,
        tags: claimed,
        slug,
    }
}

fn listing(
    rng: &mut Rng,
    company: &NewCompany,
    top: usize,
    posted_at: DateTime<Utc>,
) -> NewListing {
    let area = rng.pick(&AREAS);
    let (track, (rung, title)) = if rng.chance(0.65) {
        (Track::Ic, IC_TITLES[rng.below(top + 1)])
    } else {
        (Track::Management, MANAGEMENT_TITLES[rng.skewed(6, 1.5)])
    };
    let roll = rng.unit();
    let (workplace, location) = if roll < 0.3 {
        (
            Workplace::Remote,
            format!("Remote ({})", rng.pick(&REGIONS)),
        )
    } else if roll < 0.75 {
        (Workplace::Hybrid, (*rng.pick(&CITIES)).to_owned())
    } else {
        (Workplace::Onsite, (*rng.pick(&CITIES)).to_owned())
    };
    let salary = rng.chance(0.7).then(|| {
        let min = 60_000 + 20_000 * u32::try_from(rng.below(12)).unwrap_or(0);
        SalaryRange {
            min,
            max: min + 40_000,
            currency: (*rng.pick(&["EUR", "USD", "GBP"])).to_owned(),
        }
    });
    NewListing {
        company: company.slug.clone(),
        title: format!("{title}, {area}"),
        track,
        rung: rung.to_owned(),
        location,
        workplace,
        salary,
        posted_at,
        description: description(rng, area),
        apply_url: Some(format!("https://{}/careers", company.domain)),
        apply_email: None,
        // The generated board spans two years; every listing stays open for the benchmark.
        expires_at: Some(newest() + chrono::Duration::days(30)),
    }
}

/// A board of `companies` companies and `listings` listings, with verified employees whose
/// endorsements confirm some of the tags.
///
/// # Panics
/// If the embedded tag vocabulary is broken (its own tests rule that out).
pub fn board(companies: usize, listings: usize, seed: u64) -> DemoData {
    let mut rng = Rng::new(seed);
    let vocabulary = parse_vocabulary("data/board-tags.toml", EMBEDDED_TAGS)
        .expect("the embedded vocabulary parses");
    let tag_ids: Vec<String> = vocabulary.iter().map(|t| t.id.clone()).collect();

    let companies: Vec<NewCompany> = (0..companies.max(1))
        .map(|i| company(&mut rng, i, &tag_ids))
        .collect();
    let tops: Vec<usize> = companies
        .iter()
        .map(|c| {
            IC_TITLES
                .iter()
                .position(|(id, _)| *id == c.ic_top_rung)
                .unwrap_or(2)
        })
        .collect();

    let newest = newest();
    let listings: Vec<NewListing> = (0..listings)
        .map(|_| {
            // A few companies post most listings.
            let owner = rng.skewed(companies.len(), 1.6);
            let age =
                i64::try_from(rng.below(usize::try_from(SPAN_SECONDS).unwrap_or(1))).unwrap_or(0);
            let posted_at = newest - chrono::Duration::seconds(age);
            listing(&mut rng, &companies[owner], tops[owner], posted_at)
        })
        .collect();

    let mut accounts = Vec::new();
    for company in &companies {
        for person in 0..rng.below(5) {
            let mut endorses: Vec<String> = Vec::new();
            for _ in 0..1 + rng.below(3) {
                // Mostly what the company claims; sometimes a tag it does not.
                let tag = if rng.chance(0.85) && !company.tags.is_empty() {
                    rng.pick(&company.tags).clone()
                } else {
                    rng.pick(&tag_ids).clone()
                };
                if !endorses.contains(&tag) {
                    endorses.push(tag);
                }
            }
            accounts.push(DemoAccount {
                email: format!("person{person}@{}", company.domain),
                password_hash: "$argon2id$v=19$m=19456,t=2,p=1$bench$bench".into(),
                verified_company: Some(company.slug.clone()),
                endorses,
            });
        }
    }

    DemoData {
        tags: vocabulary,
        companies,
        listings,
        accounts,
    }
}

/// `posted_at` of the `n`th newest listing (0-based), for building a cursor deep into the
/// results without walking there.
pub fn nth_newest(board: &DemoData, n: usize) -> Option<DateTime<Utc>> {
    let mut times: Vec<DateTime<Utc>> = board.listings.iter().map(|l| l.posted_at).collect();
    times.sort_unstable_by(|a, b| b.cmp(a));
    times.get(n).copied()
}
