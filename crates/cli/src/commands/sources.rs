//! `dualtrack sources`: the four documents the tool's content comes from, and what it takes
//! from each. Every data item cites one of them (`source = { doc, section }`) or says it is our
//! assumption.

use std::fmt::Write as _;
use std::process::ExitCode;

use dualtrack_framework::SEEDS;

use crate::output::{Format, print_json};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    dualtrack sources\n  \
    dualtrack sources --format json")]
pub struct SourcesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: SourcesArgs) -> anyhow::Result<ExitCode> {
    match args.format {
        Format::Json => print_json(&SEEDS)?,
        Format::Text => print!("{}", render(false)),
        Format::Markdown => print!("{}", render(true)),
    }
    Ok(ExitCode::SUCCESS)
}

fn render(markdown: bool) -> String {
    let mut out = String::new();
    if markdown {
        out.push_str("# Sources\n\n");
    }
    out.push_str(
        "Everything dualtrack states comes from one of these four documents (cited by id and\n\
         section heading) or is marked as our assumption. Their facts are our content; the\n\
         wording is ours.\n",
    );
    for seed in &SEEDS {
        if markdown {
            let _ = write!(
                out,
                "\n## {} {}\n\n{}.\n\nWhat dualtrack takes from it:\n\n",
                seed.id, seed.title, seed.kind
            );
        } else {
            let _ = write!(
                out,
                "\n{}  {}\n     {}\n     Takes:\n",
                seed.id, seed.title, seed.kind
            );
        }
        for use_ in seed.uses {
            if markdown {
                let _ = writeln!(out, "- {use_}");
            } else {
                let _ = writeln!(out, "     - {use_}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_all_four_documents_with_what_we_take() {
        let text = render(false);
        for id in ["000", "001", "002", "003"] {
            assert!(text.contains(&format!("\n{id}  ")), "{text}");
        }
        assert!(text.contains("Takes:"));
        assert!(render(true).starts_with("# Sources"));
    }
}
