//! `dualtrack guide`: write a Markdown career guide (an index with the ladder tables and one
//! page per role) for the built-in framework or your own ladder.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::commands::ladder::{guide_pages, load};

#[derive(Debug, clap::Args)]
pub struct GuideArgs {
    /// Directory to write the guide into (created if missing; existing pages are replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write the guide for your own ladder file instead of the reference ladder.
    #[arg(long, value_name = "FILE")]
    pub ladder: Option<PathBuf>,
    /// Use the framework files in DIR instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub framework: Option<PathBuf>,
}

pub fn run(args: GuideArgs) -> anyhow::Result<ExitCode> {
    let fw = load::framework(args.framework.as_deref())?;
    let owned;
    let ladder = match &args.ladder {
        Some(path) => {
            owned = load::user_ladder(&fw, path)?;
            &owned
        }
        None => fw.ladder(),
    };
    let pages = guide_pages::guide(&fw, ladder);
    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    for page in &pages {
        let path = args.out.join(&page.path);
        fs::write(&path, &page.content)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!(
        "wrote {} page(s) to {} (start at {})",
        pages.len(),
        args.out.display(),
        args.out.join("index.md").display()
    );
    Ok(ExitCode::SUCCESS)
}
