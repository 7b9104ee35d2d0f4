//! An in-memory search index over the open listings, answering [`crate::ListingQuery`]
//! exactly as the store's SQL search does (same matches, order, cursors and facet counts), in
//! well under a millisecond of CPU on a million listings.
//!
//! Why in memory: every search reports facet counts over all its matches, and ranked searches
//! order all of them; in SQL both cost time proportional to the matches (hundreds of
//! milliseconds at a million listings). Here each listing has a position (newest first), and
//! every filter value, tag and word has a compressed bitmap of positions ([`roaring`]): a
//! search intersects a few bitmaps, counts facets as intersection sizes, takes the first set
//! bits as its page, and ranks by walking the matches once with a bound per score.
//!
//! - [`IndexListing`], [`IndexCompany`]: what the store hands over to build it
//!   ([`crate::Store::index_listings`], [`crate::Store::index_companies`]).
//! - [`BoardIndex`]: the built index; [`BoardIndex::search`] gives the ids of a page, the
//!   next cursor and the facets.
//! - [`TextIndex`]: words to positions, matched by prefix like FTS5 and `tsquery` `:*`.
//! - [`load_index`] builds one from a store; [`search_page`] answers a query with it and
//!   reads the page's listings by id from the store.

mod board_index;
mod builder;
mod company_facts;
mod page;
mod rows;
mod text_index;

pub use board_index::{BoardIndex, IndexHits};
pub use builder::IndexBuilder;
pub use company_facts::CompanyFacts;
pub use page::{INDEX_BATCH, load_index, search_page};
pub use rows::{IndexCompany, IndexListing};
pub use text_index::{TextIndex, index_words};
