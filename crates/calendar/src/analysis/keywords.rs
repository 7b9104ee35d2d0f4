//! Whole-word keyword matching on event titles.
//!
//! Matching is on word tokens, not substrings, so "PTO" does not fire inside "laptop" and
//! "team" does not fire inside "steam". Titles repeat across a series, so callers cache the
//! result per distinct title.

use std::collections::HashMap;

/// Lower-cased word tokens of a title; punctuation separates words (`1:1` is `1`, `1`).
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Several groups of keywords (one group per rule), matched in one pass over a title.
#[derive(Debug, Clone, Default)]
pub struct KeywordIndex {
    /// First token -> (remaining tokens, group, keyword as written).
    by_first: HashMap<String, Vec<Entry>>,
    groups: usize,
}

#[derive(Debug, Clone)]
struct Entry {
    rest: Vec<String>,
    group: usize,
    keyword: String,
}

/// For each group, the first keyword of that group found in the title.
pub type Hits = Vec<Option<String>>;

impl KeywordIndex {
    /// `groups[g]` lists the keywords of group `g`. Keywords without any word character can
    /// never match; rules validation refuses them before they get here.
    pub fn new(groups: &[&[String]]) -> Self {
        let mut by_first: HashMap<String, Vec<Entry>> = HashMap::new();
        for (group, keywords) in groups.iter().enumerate() {
            for keyword in keywords.iter() {
                let mut toks = tokens(keyword).into_iter();
                if let Some(first) = toks.next() {
                    by_first.entry(first).or_default().push(Entry {
                        rest: toks.collect(),
                        group,
                        keyword: keyword.clone(),
                    });
                }
            }
        }
        KeywordIndex {
            by_first,
            groups: groups.len(),
        }
    }

    /// Which groups have a keyword in `title`, and which keyword it was.
    pub fn hits(&self, title: &str) -> Hits {
        let mut hits: Hits = vec![None; self.groups];
        let toks = tokens(title);
        for (i, tok) in toks.iter().enumerate() {
            let Some(entries) = self.by_first.get(tok) else {
                continue;
            };
            let after = toks.get(i + 1..).unwrap_or_default();
            for e in entries {
                let fits =
                    e.rest.len() <= after.len() && e.rest.iter().zip(after).all(|(a, b)| a == b);
                if fits
                    && let Some(slot) = hits.get_mut(e.group)
                    && slot.is_none()
                {
                    *slot = Some(e.keyword.clone());
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn matches_whole_words_and_phrases_only() {
        let ooo = words(&["PTO", "out of office"]);
        let one = words(&["1:1", "one-on-one"]);
        let index = KeywordIndex::new(&[&ooo, &one]);
        assert_eq!(index.hits("Bring laptop"), vec![None, None]);
        assert_eq!(
            index.hits("PTO (Spain)"),
            vec![Some("PTO".to_owned()), None]
        );
        assert_eq!(
            index.hits("Out-of-Office: dentist")[0].as_deref(),
            Some("out of office")
        );
        assert_eq!(index.hits("Ana / Ben 1:1")[1].as_deref(), Some("1:1"));
        assert_eq!(
            index.hits("One on one with Ben")[1].as_deref(),
            Some("one-on-one")
        );
        assert_eq!(index.hits("office hours"), vec![None, None]);
    }

    #[test]
    fn tokens_lowercase_unicode_words() {
        assert_eq!(tokens("Équipe — Rétro!"), vec!["équipe", "rétro"]);
    }
}
