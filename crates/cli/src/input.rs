//! The one way the CLI reads a file it was given: `-` means standard input, the size limit is
//! enforced while reading (never more than one byte past it is read, so an endless stream
//! cannot exhaust memory), text must be UTF-8, and every error names the file and what to do.

use std::io::Read as _;
use std::path::Path;

use anyhow::{Context as _, bail};

/// A kind of input file: what messages call it, the most bytes it may hold, and what to do
/// when one is larger.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// What the file is, as in "cannot open the {what} ..." ("answers file").
    pub what: &'static str,
    /// The most bytes a file of this kind may hold.
    pub limit: usize,
    /// What to do about an oversized one.
    pub hint: &'static str,
}

impl Kind {
    /// A kind whose oversized files are most likely the wrong file.
    #[must_use]
    pub const fn new(what: &'static str, limit: usize) -> Self {
        Self {
            what,
            limit,
            hint: "check that the right file was given",
        }
    }

    /// The same kind with its own advice for an oversized file.
    #[must_use]
    pub const fn hint(self, hint: &'static str) -> Self {
        Self { hint, ..self }
    }
}

/// The name messages use for an input: its path, or `<stdin>` for `-`.
#[must_use]
pub fn origin(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Whether `path` is `-`, standard input.
#[must_use]
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// Read `path` (`-` for stdin) as bytes, refusing one over `kind.limit`.
pub fn read_bytes(path: &Path, kind: Kind) -> anyhow::Result<Vec<u8>> {
    let name = origin(path);
    if is_stdin(path) {
        return read_limited(std::io::stdin().lock(), &name, kind);
    }
    if path.is_dir() {
        bail!(
            "{name} is a directory; give the path of the {} itself",
            kind.what
        );
    }
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open the {} {name}; check the path", kind.what))?;
    read_limited(file, &name, kind)
}

/// Read `path` (`-` for stdin) as UTF-8 text, refusing one over `kind.limit`. Returns the
/// name to use in messages (see [`origin`]) and the text.
pub fn read_text(path: &Path, kind: Kind) -> anyhow::Result<(String, String)> {
    let name = origin(path);
    let text = utf8(read_bytes(path, kind)?, &name)?;
    Ok((name, text))
}

/// Read everything from `reader` up to `kind.limit` bytes, refusing more.
pub fn read_limited(reader: impl std::io::Read, name: &str, kind: Kind) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(
            u64::try_from(kind.limit)
                .unwrap_or(u64::MAX)
                .saturating_add(1),
        )
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read the {} {name}", kind.what))?;
    if bytes.len() > kind.limit {
        bail!(
            "{name}: over {}, more than any {} needs; {}",
            size(kind.limit),
            kind.what,
            kind.hint
        );
    }
    Ok(bytes)
}

/// `bytes` as text, or an error saying where the first invalid byte is.
pub fn utf8(bytes: Vec<u8>, name: &str) -> anyhow::Result<String> {
    String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!(
            "{name}: not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            err.utf8_error().valid_up_to()
        )
    })
}

/// A byte count as people say it: `1024 KiB`, `64 MiB`, or `1000 bytes`.
fn size(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Kind = Kind::new("test file", 8);

    #[test]
    fn reads_up_to_the_limit_and_refuses_more_naming_the_input() {
        assert_eq!(
            read_limited(&b"12345678"[..], "a.txt", SMALL).unwrap(),
            b"12345678"
        );
        let err = read_limited(&b"123456789"[..], "a.txt", SMALL).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt: over 8 bytes, more than any test file needs; check that the right file was given"
        );
        let err = read_limited(&b"123456789"[..], "a.txt", SMALL.hint("split it")).unwrap_err();
        assert!(err.to_string().ends_with("; split it"), "{err}");
    }

    #[test]
    fn an_endless_stream_is_cut_one_byte_past_the_limit() {
        let err = read_limited(std::io::repeat(b'x'), "<stdin>", SMALL).unwrap_err();
        assert!(
            err.to_string().starts_with("<stdin>: over 8 bytes"),
            "{err}"
        );
    }

    #[test]
    fn files_directories_and_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        std::fs::write(&path, "a = 1\n").unwrap();
        let (name, text) = read_text(&path, SMALL).unwrap();
        assert_eq!(
            (name.as_str(), text.as_str()),
            (path.to_str().unwrap(), "a = 1\n")
        );
        let err = read_text(dir.path(), SMALL).unwrap_err().to_string();
        assert!(err.contains("is a directory"), "{err}");
        let err = read_text(&dir.path().join("none"), SMALL).unwrap_err();
        assert!(
            format!("{err:#}").starts_with("cannot open the test file "),
            "{err:#}"
        );
        let err = utf8(vec![b'a', 0xff], "b.txt").unwrap_err().to_string();
        assert!(
            err.starts_with("b.txt: not UTF-8 text (invalid byte at offset 1)"),
            "{err}"
        );
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(1024 * 1024), "1 MiB");
        assert_eq!(size(64 * 1024), "64 KiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(origin(Path::new("-")), "<stdin>");
    }
}
