//! People facet: the most-mentioned people across the index or across a
//! query's hits, with article counts (`morgue people`).
//!
//! Counts the `people` fast field (one canonical name per person per
//! article, so a count is a number of articles) over the documents the query
//! matches, with the same collector as every other facet ([`crate::facets`]).
//! Order is deterministic: article count descending, then name. Returns
//! plain data; it prints nothing.

use crate::error::Result;
use crate::facets;
use crate::indexer::MorgueIndex;
use crate::query::Filters;
use serde::{Deserialize, Serialize};

/// One person and the number of matching articles that mention them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonCount {
    /// Canonical name as stored ("Mohammed Shia al-Sudani").
    pub name: String,
    /// Articles that mention this person.
    pub articles: u64,
}

/// The answer of [`count`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleCounts {
    /// The query text ("" or "*" for the whole index).
    pub query: String,
    /// Articles the query matched.
    pub matched_articles: u64,
    /// Distinct people in those articles.
    pub distinct_people: u64,
    /// The top people, count descending then name.
    pub people: Vec<PersonCount>,
}

/// Counts people over the articles matching `text` and `filters` (empty or
/// `*` for all), keeping the `top` most mentioned (`0` keeps all). The
/// counting is [`facets::count`] over the `people` field.
pub fn count(mi: &MorgueIndex, text: &str, filters: &Filters, top: usize) -> Result<PeopleCounts> {
    let f = facets::count(mi, "people", text, filters, usize::MAX)?;
    let distinct_people = f.values.len() as u64;
    let mut people: Vec<PersonCount> = f
        .values
        .into_iter()
        .map(|v| PersonCount {
            name: v.value,
            articles: v.count,
        })
        .collect();
    if top > 0 {
        people.truncate(top);
    }
    Ok(PeopleCounts {
        query: text.to_string(),
        matched_articles: f.articles,
        distinct_people,
        people,
    })
}
