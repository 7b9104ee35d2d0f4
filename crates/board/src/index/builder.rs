//! Building a [`BoardIndex`] from the store's rows, newest listing first.

use std::collections::HashMap;

use roaring::RoaringBitmap;

use super::board_index::BoardIndex;
use super::company_facts::CompanyFacts;
use super::text_index::{TextIndex, index_words};
use super::{IndexCompany, IndexListing};
use crate::{StoreError, Track};

/// Gathers listings in search order (newest first, then highest id first) into bitmaps.
#[derive(Debug)]
pub struct IndexBuilder {
    generation: i64,
    vocabulary: Vec<String>,
    labels: Vec<String>,
    known_tags: usize,
    companies: Vec<CompanyFacts>,
    company_slot: HashMap<i64, u32>,
    /// Words of each company's name, for the listings' text.
    company_words: Vec<Vec<String>>,
    keys: Vec<(i64, i64)>,
    company_of: Vec<u32>,
    expires: Vec<i64>,
    ic: RoaringBitmap,
    remote: RoaringBitmap,
    past_staff: RoaringBitmap,
    tag_listings: Vec<RoaringBitmap>,
    words: HashMap<String, RoaringBitmap>,
    buffer: String,
}

impl IndexBuilder {
    /// Starts an index of the board at change number `generation`, over the tag
    /// `vocabulary` (id and label, in display order) and every company.
    #[must_use]
    pub fn new(
        generation: i64,
        vocabulary: Vec<(String, String)>,
        companies: Vec<IndexCompany>,
    ) -> Self {
        let (mut vocabulary, mut labels): (Vec<String>, Vec<String>) =
            vocabulary.into_iter().unzip();
        let known = vocabulary.len();
        let mut tag_pos: HashMap<String, usize> = vocabulary
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i))
            .collect();
        let mut position = |tag: &str| -> usize {
            if let Some(at) = tag_pos.get(tag) {
                return *at;
            }
            vocabulary.push(tag.to_owned());
            tag_pos.insert(tag.to_owned(), vocabulary.len() - 1);
            vocabulary.len() - 1
        };
        let mut facts = Vec::with_capacity(companies.len());
        let mut company_words = Vec::with_capacity(companies.len());
        let mut company_slot = HashMap::with_capacity(companies.len());
        let mut buffer = String::new();
        for company in companies {
            let mut f = CompanyFacts::new(company.id, company.ic_past_staff);
            for tag in &company.claimed {
                f.claim(position(tag));
            }
            for (tag, at) in &company.endorsements {
                f.endorse(position(tag), *at);
            }
            let mut name = Vec::new();
            index_words(&company.name, &mut buffer, |w| name.push(w.to_owned()));
            company_slot.insert(company.id, u32::try_from(facts.len()).unwrap_or(u32::MAX));
            facts.push(f);
            company_words.push(name);
        }
        // Tags only companies name (the schema rules it out) are labelled by their id.
        labels.extend(vocabulary[known..].iter().cloned());
        let tag_listings = vec![RoaringBitmap::new(); vocabulary.len()];
        Self {
            generation,
            vocabulary,
            labels,
            known_tags: known,
            companies: facts,
            company_slot,
            company_words,
            keys: Vec::new(),
            company_of: Vec::new(),
            expires: Vec::new(),
            ic: RoaringBitmap::new(),
            remote: RoaringBitmap::new(),
            past_staff: RoaringBitmap::new(),
            tag_listings,
            words: HashMap::new(),
            buffer,
        }
    }

    /// Listings added so far.
    #[must_use]
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True before the first listing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The (posting time, id) of the last listing added: where the next batch starts.
    #[must_use]
    pub fn last_key(&self) -> Option<(i64, i64)> {
        self.keys.last().copied()
    }

    /// Adds the next listing. A listing of a company the builder was not given (deleted
    /// meanwhile) is left out, as the store's search leaves it out.
    ///
    /// # Errors
    /// [`StoreError::InvalidData`] when listings come out of search order, or past
    /// four billion of them.
    pub fn push(&mut self, listing: &IndexListing) -> Result<(), StoreError> {
        let key = (listing.posted_at.timestamp(), listing.id);
        if self.keys.last().is_some_and(|last| *last <= key) {
            return Err(StoreError::InvalidData(format!(
                "listing {} came out of newest-first order while building the search index",
                listing.id
            )));
        }
        let Some(&slot) = self.company_slot.get(&listing.company_id) else {
            return Ok(());
        };
        let pos = u32::try_from(self.keys.len())
            .ok()
            .filter(|p| *p < u32::MAX)
            .ok_or_else(|| {
                StoreError::InvalidData("too many listings for the search index".into())
            })?;
        self.keys.push(key);
        self.company_of.push(slot);
        self.expires.push(listing.expires_at.timestamp());
        if listing.track == Track::Ic {
            self.ic.push(pos);
        }
        if listing.workplace.is_remote() {
            self.remote.push(pos);
        }
        let company = &self.companies[slot as usize];
        if company.ic_past_staff {
            self.past_staff.push(pos);
        }
        for tag in company.tags() {
            self.tag_listings[tag].push(pos);
        }
        // A word seen twice in one listing is pushed twice; `push` ignores the repeat.
        let words = &mut self.words;
        let mut add = |w: &str| match words.get_mut(w) {
            Some(set) => {
                set.push(pos);
            }
            None => {
                let mut set = RoaringBitmap::new();
                set.push(pos);
                words.insert(w.to_owned(), set);
            }
        };
        for word in &self.company_words[slot as usize] {
            add(word);
        }
        index_words(&listing.text, &mut self.buffer, add);
        Ok(())
    }

    /// The finished index.
    #[must_use]
    pub fn finish(self) -> BoardIndex {
        BoardIndex::from_parts(super::board_index::Parts {
            generation: self.generation,
            known_tags: self.known_tags,
            vocabulary: self.vocabulary,
            labels: self.labels,
            companies: self.companies,
            company_slot: self.company_slot,
            keys: self.keys,
            company_of: self.company_of,
            expires: self.expires,
            ic: self.ic,
            remote: self.remote,
            past_staff: self.past_staff,
            tag_listings: self.tag_listings,
            text: TextIndex::from_words(self.words),
        })
    }
}
