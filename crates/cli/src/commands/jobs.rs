//! `dualtrack jobs`: the job board from the terminal, over the same [`Store`] the web app
//! serves (`dualtrack serve`), so a search here and `GET /api/v1/listings` return the same
//! page.

mod labels;
mod markdown;
mod next_page;
mod postings;
mod text;

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use dualtrack_board::{Company, DEFAULT_LIMIT, ListingQuery, Store, Track};
use dualtrack_framework::Framework;

use crate::output::Format;
use crate::track_arg::TrackArg;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "The board lives in the same database as `dualtrack serve` (--database-url, \
                  default dualtrack.sqlite in the data directory). An empty board gets the \
                  fictional demonstration companies and listings first, unless --no-seed."
)]
pub struct JobsArgs {
    #[command(subcommand)]
    pub command: JobsCommand,

    /// Output format.
    #[arg(long, value_enum, default_value_t, global = true)]
    pub format: Format,

    /// Database: sqlite://PATH (embedded) or postgres://USER@HOST/DB.
    /// Defaults to dualtrack.sqlite in the data directory.
    #[arg(
        long,
        env = "DUALTRACK_DATABASE_URL",
        value_name = "URL",
        global = true
    )]
    pub database_url: Option<String>,

    /// Do not add the demonstration companies and listings to an empty database.
    #[arg(long, global = true)]
    pub no_seed: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum JobsCommand {
    /// Search listings: free text, culture tags, track, ladder maturity, remote; newest first.
    Search(SearchArgs),
    /// One listing in full, with its company's ladder and culture tags.
    Show(ShowArgs),
    /// Every company on the board with its ladder facts and confirmed culture tags.
    Companies(CompaniesArgs),
    /// One company: ladder facts, and each culture tag as claimed or confirmed by employees.
    Company(CompanyArgs),
    /// The culture tag vocabulary that `search --tag` accepts.
    Tags,
    /// Add listings from a schema.org JobPosting JSON-LD file (one posting, an array, or an
    /// ItemList); the hiring organizations must be on the board.
    Import(ImportArgs),
    /// Every open listing as schema.org JobPosting JSON-LD (a JSON array), which `import`
    /// reads back.
    Export,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The JSON-LD file (at most 8 MiB).
    pub file: std::path::PathBuf,
}

#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Words to find in title, company, location and description; every word must match,
    /// as a word or the start of one (`dist` finds `distributed`).
    #[arg(long, value_name = "TEXT")]
    pub q: Option<String>,

    /// A culture tag the company must have, claimed or endorsed (repeat for several, all must
    /// match; see `dualtrack jobs tags`).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Only listings on this track.
    #[arg(long, value_enum)]
    pub track: Option<TrackArg>,

    /// Only companies whose IC ladder goes above Staff (true), or stops at Staff (false).
    #[arg(long, value_name = "BOOL", action = clap::ArgAction::Set,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub ic_past_staff: Option<bool>,

    /// Only fully remote listings (true), or only hybrid and onsite ones (false).
    #[arg(long, value_name = "BOOL", action = clap::ArgAction::Set,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub remote: Option<bool>,

    /// Listings per page, 1 to 100.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
    pub limit: u32,

    /// Where the page starts: the cursor printed under the previous page (`next` in JSON).
    #[arg(long, value_name = "CURSOR")]
    pub cursor: Option<String>,

    /// How much a culture tag matters, as TAG:LEVEL with LEVEL nice, important or dealbreaker
    /// (repeat for several): dealbreakers filter, the others rank the best matches first.
    #[arg(long = "prefer", value_name = "TAG:LEVEL")]
    pub prefer: Vec<String>,
}

impl SearchArgs {
    /// The same request `GET /api/v1/listings` builds from its query string.
    fn query(&self) -> ListingQuery {
        ListingQuery {
            q: self.q.clone(),
            tag: self.tags.clone(),
            track: self.track.map(Track::from),
            ic_past_staff: self.ic_past_staff,
            remote: self.remote,
            cursor: self.cursor.clone(),
            limit: self.limit,
            prefer: self.prefer.clone(),
            ..ListingQuery::default()
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The listing id (the ID column of `dualtrack jobs search`).
    #[arg(value_name = "ID")]
    pub id: i64,
}

#[derive(Debug, clap::Args)]
pub struct CompaniesArgs {
    /// Only companies whose IC ladder goes above Staff (true), or stops at Staff (false).
    #[arg(long, value_name = "BOOL", action = clap::ArgAction::Set,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub ic_past_staff: Option<bool>,
}

#[derive(Debug, clap::Args)]
pub struct CompanyArgs {
    /// The company's slug (the first column of `dualtrack jobs companies`).
    #[arg(value_name = "SLUG")]
    pub slug: String,
}

pub fn run(args: JobsArgs) -> anyhow::Result<ExitCode> {
    let url = args.database_url.clone();
    let output = crate::database::with_store(url.as_deref(), "the job board", async |store| {
        execute(store, args).await
    })?;
    emit(&output)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs the command and returns what to print.
async fn execute(store: &dyn Store, args: JobsArgs) -> anyhow::Result<String> {
    let added = if args.no_seed {
        None
    } else {
        // Fill an empty board with the demonstration data exactly as `dualtrack serve` does.
        dualtrack_store::seed_if_empty(store)
            .await
            .context("cannot add the demonstration board to the empty database")?
    };
    let output = command(store, args.command, args.format).await?;
    // Said only on success, so that a failure stays a single line on stderr.
    if let Some(added) = added {
        eprintln!(
            "note: the board was empty, so the fictional demonstration board was added \
             ({} companies, {} listings); pass --no-seed to skip this",
            added.companies, added.listings
        );
    }
    Ok(output)
}

async fn command(
    store: &dyn Store,
    command: JobsCommand,
    format: Format,
) -> anyhow::Result<String> {
    // Titles of rung ids ("Staff Engineer"); a broken embedded framework only costs the titles.
    let framework = Framework::embedded().ok();
    let titles = labels::RungTitles::new(framework.as_ref());
    match command {
        JobsCommand::Search(search) => {
            let page = store
                .search_listings(&search.query(), chrono::Utc::now())
                .await?;
            match format {
                Format::Json => json(&page),
                Format::Text => Ok(text::search(&page, &search, &titles)),
                Format::Markdown => Ok(markdown::search(&page, &search, &titles)),
            }
        }
        JobsCommand::Show(show) => {
            let listing = store.listing(show.id).await?.with_context(|| {
                format!(
                    "listing {} not found; `dualtrack jobs search` lists the ids",
                    show.id
                )
            })?;
            match format {
                Format::Json => json(&listing),
                Format::Text => Ok(text::listing(&listing, &titles)),
                Format::Markdown => Ok(markdown::listing(&listing, &titles)),
            }
        }
        JobsCommand::Companies(filter) => {
            let mut companies = store.companies().await?;
            if let Some(past_staff) = filter.ic_past_staff {
                companies.retain(|c| c.ic_past_staff == past_staff);
            }
            match format {
                Format::Json => json(&companies),
                Format::Text => Ok(text::companies(&companies, &titles)),
                Format::Markdown => Ok(markdown::companies(&companies, &titles)),
            }
        }
        JobsCommand::Company(wanted) => {
            let company = company(store, &wanted.slug).await?;
            match format {
                Format::Json => json(&company),
                Format::Text => Ok(text::company(&company, &titles)),
                Format::Markdown => Ok(markdown::company(&company, &titles)),
            }
        }
        JobsCommand::Tags => {
            let tags = store.tags().await?;
            // Each tag with where it comes from (a seed's culture filter, or why we added it).
            let sourced: Vec<SourcedTag<'_>> = tags
                .iter()
                .map(|tag| SourcedTag {
                    tag,
                    provenance: dualtrack_board::tag_provenance(&tag.id),
                })
                .collect();
            let footer = crate::output::sources_footer(&sourced, format)?;
            match format {
                Format::Json => json(&sourced),
                Format::Text => Ok(text::tags(&tags) + &footer),
                Format::Markdown => Ok(markdown::tags(&tags) + &footer),
            }
        }
        JobsCommand::Import(args) => {
            let done = postings::import(store, &args.file).await?;
            match format {
                Format::Json => json(&done),
                Format::Text | Format::Markdown => {
                    let plural = |n: usize| if n == 1 { "" } else { "s" };
                    let mut said = format!(
                        "Imported {} listing{} from {}",
                        done.imported.len(),
                        plural(done.imported.len()),
                        args.file.display()
                    );
                    if !done.skipped.is_empty() {
                        let _ = write!(
                            said,
                            "; left out {} already on the board (same company, title and \
                             posting time)",
                            done.skipped.len()
                        );
                    }
                    said.push_str(".\n");
                    Ok(said)
                }
            }
        }
        JobsCommand::Export => json(&postings::export(store, &Framework::embedded()?).await?),
    }
}

/// The one JSON document, exactly as `print_json` would write it.
/// A culture tag as `jobs tags` prints it: the tag and its provenance, flattened.
#[derive(serde::Serialize)]
struct SourcedTag<'a> {
    #[serde(flatten)]
    tag: &'a dualtrack_board::CultureTag,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a dualtrack_framework::Provenance>,
}

fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// Writes the output; a reader that stops early (`| head`) is not an error.
fn emit(output: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(err).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

async fn company(store: &dyn Store, slug: &str) -> anyhow::Result<Company> {
    store.company_by_slug(slug).await?.with_context(|| {
        format!("company `{slug}` not found; `dualtrack jobs companies` lists the slugs")
    })
}
