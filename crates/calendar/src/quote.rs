//! Quoting input in messages: a calendar line can be megabytes long, and a message that copies
//! it whole makes the output as big as the input. Every message that quotes the input quotes
//! at most [`EXCERPT_CHARS`] characters of it.

/// Most characters of the input a message quotes.
pub const EXCERPT_CHARS: usize = 60;

/// `s` when short, else its first [`EXCERPT_CHARS`] characters and `…` (cut on a character
/// boundary, so any UTF-8 input is safe).
pub fn excerpt(s: &str) -> String {
    match s.char_indices().nth(EXCERPT_CHARS) {
        None => s.to_owned(),
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_quoted_whole_and_long_text_is_cut_on_a_character() {
        assert_eq!(excerpt("SUMMARY"), "SUMMARY");
        let sixty = "a".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(&sixty), sixty);
        let long = "é".repeat(10_000);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert!(cut.starts_with("éé"));
    }
}
