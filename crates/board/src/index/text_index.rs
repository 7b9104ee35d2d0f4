//! Words to listing positions, matched the way both stores match free text.

use std::collections::HashMap;

use roaring::{MultiOps, RoaringBitmap};

/// Calls `each` with every word of `text` as search sees it: runs of letters and digits,
/// lowercased (the same split as [`crate::search_terms`], FTS5's `unicode61` tokenizer and
/// the PostgreSQL search document). `buffer` is reused between words.
pub fn index_words(text: &str, buffer: &mut String, mut each: impl FnMut(&str)) {
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        buffer.clear();
        if word.is_ascii() {
            buffer.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            // Lowercasing can add combining marks (`İ` -> `i̇`); keep letters and digits.
            buffer.extend(
                word.chars()
                    .flat_map(char::to_lowercase)
                    .filter(|c| c.is_alphanumeric()),
            );
        }
        if !buffer.is_empty() {
            each(buffer);
        }
    }
}

/// Every word of the board, sorted, with the positions of the listings containing it.
#[derive(Debug, Default)]
pub struct TextIndex {
    words: Vec<String>,
    postings: Vec<RoaringBitmap>,
}

impl TextIndex {
    /// Sorts the words gathered while building.
    #[must_use]
    pub fn from_words(words: HashMap<String, RoaringBitmap>) -> Self {
        let mut pairs: Vec<(String, RoaringBitmap)> = words.into_iter().collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (words, postings) = pairs.into_iter().unzip();
        Self { words, postings }
    }

    /// Distinct words held.
    #[must_use]
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no listing has a word.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Positions of the listings with a word starting with `prefix`.
    #[must_use]
    pub fn prefix(&self, prefix: &str) -> RoaringBitmap {
        let start = self.words.partition_point(|w| w.as_str() < prefix);
        let end = start
            + self.words[start..]
                .iter()
                .take_while(|w| w.starts_with(prefix))
                .count();
        match end - start {
            0 => RoaringBitmap::new(),
            1 => self.postings[start].clone(),
            _ => self.postings[start..end].iter().union(),
        }
    }

    /// Positions of the listings having, for every term, a word starting with it; `None`
    /// when there are no terms (no text filter).
    #[must_use]
    pub fn matches(&self, terms: &[String]) -> Option<RoaringBitmap> {
        let mut sets: Vec<RoaringBitmap> = terms.iter().map(|t| self.prefix(t)).collect();
        // Smallest first, so each intersection is as cheap as it can be.
        sets.sort_by_key(RoaringBitmap::len);
        let mut sets = sets.into_iter();
        let mut out = sets.next()?;
        for set in sets {
            if out.is_empty() {
                break;
            }
            out &= set;
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(docs: &[&str]) -> TextIndex {
        let mut words: HashMap<String, RoaringBitmap> = HashMap::new();
        let mut buffer = String::new();
        for (pos, doc) in docs.iter().enumerate() {
            let pos = u32::try_from(pos).unwrap();
            index_words(doc, &mut buffer, |w| {
                words.entry(w.to_owned()).or_default().push(pos);
            });
        }
        TextIndex::from_words(words)
    }

    fn ids(set: Option<RoaringBitmap>) -> Vec<u32> {
        set.map(|s| s.iter().collect()).unwrap_or_default()
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let mut seen = Vec::new();
        index_words(
            "Rust/Go, on-call!! e2e Ünïcode",
            &mut String::new(),
            |w| {
                seen.push(w.to_owned());
            },
        );
        assert_eq!(seen, ["rust", "go", "on", "call", "e2e", "ünïcode"]);
    }

    #[test]
    fn every_term_must_match_a_word_prefix() {
        let text = index(&[
            "Distributed storage",
            "distribution of Rust",
            "rusty storage",
        ]);
        assert_eq!(ids(text.matches(&["dist".into()])), [0, 1]);
        assert_eq!(ids(text.matches(&["rust".into(), "stor".into()])), [2]);
        assert_eq!(ids(text.matches(&["distributed".into()])), [0]);
        assert_eq!(ids(text.matches(&["storages".into()])), Vec::<u32>::new());
        assert_eq!(text.matches(&[]), None);
        assert_eq!(text.len(), 6);
    }
}
