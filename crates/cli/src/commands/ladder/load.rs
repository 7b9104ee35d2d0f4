//! Reading framework and ladder files from disk for the engine, which never touches the
//! filesystem itself.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use dualtrack_framework::{Framework, FrameworkSources, Ladder, MAX_SOURCE_BYTES, SourceFile};

use crate::input::{self, Kind};

/// A ladder file, or another file of a framework folder.
const FRAMEWORK_FILE: Kind = Kind::new("ladder file", MAX_SOURCE_BYTES);

/// Read a ladder or framework file (`-` for stdin), refusing anything larger than one can be.
/// Returns the name for messages and the text.
pub fn read_text(path: &Path) -> anyhow::Result<(String, String)> {
    input::read_text(path, FRAMEWORK_FILE)
}

/// The built-in framework, or one assembled from `dir` with built-in fallbacks.
pub fn framework(dir: Option<&Path>) -> anyhow::Result<Framework> {
    let Some(dir) = dir else {
        return Ok(Framework::embedded()?);
    };
    if !dir.is_dir() {
        anyhow::bail!("--framework {}: not a directory", dir.display());
    }
    let read_opt = |name: &str| -> anyhow::Result<Option<(String, String)>> {
        let path = dir.join(name);
        if path.exists() {
            Ok(Some(read_text(&path)?))
        } else {
            Ok(None)
        }
    };
    let ladder = read_opt("ladder.toml")?;
    let leadership = read_opt("leadership.toml")?;
    let comparison = read_opt("comparison.toml")?;
    let role_guidance = read_opt("staff-plus.toml")?;
    let companies_dir = dir.join("companies");
    let companies: Option<Vec<(String, String)>> = if companies_dir.is_dir() {
        let mut paths: Vec<PathBuf> = fs::read_dir(&companies_dir)
            .with_context(|| format!("cannot list {}", companies_dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        Some(
            paths
                .iter()
                .map(|p| read_text(p))
                .collect::<anyhow::Result<_>>()?,
        )
    } else {
        None
    };
    let sources = FrameworkSources {
        ladder: src(&ladder),
        leadership: src(&leadership),
        comparison: src(&comparison),
        role_guidance: src(&role_guidance),
        companies: companies
            .as_ref()
            .map(|all| all.iter().map(|(n, t)| SourceFile::new(n, t)).collect()),
    };
    Ok(Framework::from_sources(&sources)?)
}

fn src(o: &Option<(String, String)>) -> Option<SourceFile<'_>> {
    o.as_ref().map(|(name, text)| SourceFile::new(name, text))
}

/// A user's ladder file, through the same checks as the built-in data.
pub fn user_ladder(fw: &Framework, path: &Path) -> anyhow::Result<Ladder> {
    let (origin, text) = read_text(path)?;
    Ok(fw.load_ladder(&origin, &text)?)
}
