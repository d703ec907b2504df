//! People facet: the most-mentioned people across the index or across a
//! query's hits, with article counts (`morgue people`).
//!
//! Counts the `people` fast field (one canonical name per person per
//! article, so a count is a number of articles) over the documents the query
//! matches, segment by segment by term ordinal, then merges by name. Order is
//! deterministic: article count descending, then name. Returns plain data;
//! it prints nothing.

use crate::error::Result;
use crate::indexer::MorgueIndex;
use crate::query::{self, Filters};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tantivy::collector::DocSetCollector;

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
/// `*` for all), keeping the `top` most mentioned (`0` keeps all).
pub fn count(mi: &MorgueIndex, text: &str, filters: &Filters, top: usize) -> Result<PeopleCounts> {
    let q = query::build(&mi.index, mi.schema, text, filters)?;
    let reader = mi.index.reader()?;
    let searcher = reader.searcher();
    let docs = searcher.search(&q, &DocSetCollector)?;
    // Per segment: ordinal → count; ordinals are resolved to names once.
    let mut per_segment: HashMap<u32, Vec<u32>> = HashMap::new();
    for addr in &docs {
        per_segment
            .entry(addr.segment_ord)
            .or_default()
            .push(addr.doc_id);
    }
    let mut by_name: HashMap<String, u64> = HashMap::new();
    for (seg_ord, doc_ids) in per_segment {
        let seg = searcher.segment_reader(seg_ord);
        let Some(col) = seg.fast_fields().str("people")? else {
            continue;
        };
        let mut counts: HashMap<u64, u64> = HashMap::new();
        for d in doc_ids {
            let mut seen: Vec<u64> = col.term_ords(d).collect();
            seen.dedup();
            for o in seen {
                *counts.entry(o).or_default() += 1;
            }
        }
        let mut name = String::new();
        for (o, c) in counts {
            name.clear();
            col.ord_to_str(o, &mut name)
                .map_err(tantivy::TantivyError::from)?;
            *by_name.entry(name.clone()).or_default() += c;
        }
    }
    let distinct = by_name.len() as u64;
    let mut people: Vec<PersonCount> = by_name
        .into_iter()
        .map(|(name, articles)| PersonCount { name, articles })
        .collect();
    people.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    if top > 0 {
        people.truncate(top);
    }
    Ok(PeopleCounts {
        query: text.to_string(),
        matched_articles: docs.len() as u64,
        distinct_people: distinct,
        people,
    })
}
