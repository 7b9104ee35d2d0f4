//! Helpers shared by the decide commands (`outlook`, `switchback`, `plan`, `report`): reading
//! a replacement data file.

use std::io::Read as _;
use std::path::Path;

use anyhow::Context as _;
use dualtrack_decide::MAX_DATA_BYTES;

/// Read a user's replacement data file, refusing anything larger than a real one could be.
/// Returns the name to use in error messages and the text.
pub fn read_data_file(path: &Path, what: &str) -> anyhow::Result<(String, String)> {
    let origin = path.display().to_string();
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open {what} file {origin}; check the path"))?;
    let mut bytes = Vec::new();
    file.take(MAX_DATA_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {what} file {origin}"))?;
    if bytes.len() > MAX_DATA_BYTES {
        anyhow::bail!(
            "{origin}: larger than {MAX_DATA_BYTES} bytes, far more than a {what} file; check that the right file was given"
        );
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!(
            "{origin}: not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            err.utf8_error().valid_up_to()
        )
    })?;
    Ok((origin, text))
}
