//! Building an index from a store, and answering a search with it.

use chrono::{DateTime, Utc};

use super::{BoardIndex, IndexBuilder};
use crate::{
    ListingPage, ListingQuery, ListingSummary, Store, StoreError, match_listing, whole_seconds,
};

/// Listings read from the store per call while building.
pub const INDEX_BATCH: u32 = 5_000;

/// Builds the index of the board as it is now, reading listings in batches (each batch's
/// words are indexed before the next is read, so only one batch of text is held at a time).
/// The change number is read first: a write landing during the build leaves the index one
/// number behind, so it is seen as stale and built again.
///
/// # Errors
/// The store's errors.
pub async fn load_index(store: &dyn Store) -> Result<BoardIndex, StoreError> {
    let generation = store.board_generation().await?;
    let vocabulary = store
        .tags()
        .await?
        .into_iter()
        .map(|t| (t.id, t.label))
        .collect();
    let companies = store.index_companies().await?;
    let mut builder = IndexBuilder::new(generation, vocabulary, companies);
    let mut after = None;
    loop {
        let batch = store.index_listings(after, INDEX_BATCH).await?;
        for listing in &batch {
            builder.push(listing)?;
        }
        after = batch.last().map(|l| (l.posted_at, l.id));
        if batch.len() < INDEX_BATCH as usize {
            break;
        }
    }
    Ok(builder.finish())
}

/// [`Store::search_listings`] answered by `index`: the page's ids, cursor and facets come from
/// the index; the listings themselves are read by id ([`Store::listing_summaries`]).
///
/// # Errors
/// [`StoreError::InvalidInput`] as the store's search gives it (bad limit, cursor,
/// preference, unknown tag), and the store's errors.
pub async fn search_page(
    store: &dyn Store,
    index: &BoardIndex,
    request: &ListingQuery,
    now: DateTime<Utc>,
) -> Result<ListingPage, StoreError> {
    let filter = request.validate()?;
    if !filter.tags.is_empty() || !filter.prefs.is_empty() {
        filter.check_tags_known(index.vocabulary())?;
    }
    let now = whole_seconds(now);
    let hits = index.search(&filter, now)?;
    let mut items = read_summaries(store, index, &hits.ids).await?;
    let since = now - filter.confirmation_max_age;
    for item in &mut items {
        item.company.tags = index.company_tags(item.company.id, since);
        if !filter.prefs.is_empty() {
            item.fit = Some(match_listing(&filter.prefs, &item.company.tags));
        }
    }
    Ok(ListingPage {
        items,
        next: hits.next.map(|c| c.encode()),
        facets: hits.facets,
    })
}

/// The listings of a page: from the index's cache where it has them, the rest read by id (and
/// then cached). Ids the store no longer has are left out, as a search would leave them out.
async fn read_summaries(
    store: &dyn Store,
    index: &BoardIndex,
    ids: &[i64],
) -> Result<Vec<ListingSummary>, StoreError> {
    let mut cached = index.cached_summaries(ids);
    let missing: Vec<i64> = ids
        .iter()
        .zip(&cached)
        .filter(|(_, c)| c.is_none())
        .map(|(id, _)| *id)
        .collect();
    if !missing.is_empty() {
        let read = store.listing_summaries(&missing).await?;
        index.cache_summaries(&read);
        for summary in read {
            if let Some(at) = ids.iter().position(|id| *id == summary.id) {
                cached[at] = Some(summary);
            }
        }
    }
    Ok(cached.into_iter().flatten().collect())
}
