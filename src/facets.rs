//! Value counts of an exact-value field (dateline, source, publisher,
//! people, authors) over every article or over a query's hits: "which
//! datelines does the archive hold, and how many stories each?".
//!
//! A tantivy collector reads the field's column of fast values, so no stored
//! document is loaded. An article counts once per value however often the
//! value repeats in it. Order is deterministic: count, then value.

use crate::error::{Error, Result};
use crate::indexer::MorgueIndex;
use crate::query::{self, Filters};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Fields whose values can be counted.
pub const FIELDS: &[&str] = &["dateline", "source", "publisher", "people", "authors"];

/// One value with the number of articles that carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value as stored ("Baghdad", "Reuters").
    pub value: String,
    /// Articles carrying it.
    pub count: u64,
}

/// Counts of one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// The field counted.
    pub field: String,
    /// The query the articles matched (`*` for all).
    pub query: String,
    /// Articles matched.
    pub articles: u64,
    /// Values, most frequent first, ties by value.
    pub values: Vec<FacetCount>,
}

struct CountCollector {
    field: String,
}

struct SegmentCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
    docs: u64,
    last: Vec<u64>,
}

impl Collector for CountCollector {
    type Fruit = (u64, HashMap<String, u64>);
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let column = reader.fast_fields().str(&self.field)?;
        let n = column.as_ref().map(|c| c.num_terms()).unwrap_or(0);
        Ok(SegmentCounts {
            column,
            counts: vec![0; n],
            docs: 0,
            last: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(u64, HashMap<String, u64>)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut total = 0;
        let mut out: HashMap<String, u64> = HashMap::new();
        for (docs, map) in fruits {
            total += docs;
            for (k, v) in map {
                *out.entry(k).or_insert(0) += v;
            }
        }
        Ok((total, out))
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = (u64, HashMap<String, u64>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs += 1;
        let Some(col) = &self.column else { return };
        self.last.clear();
        self.last.extend(col.term_ords(doc));
        self.last.sort_unstable();
        self.last.dedup();
        for &ord in &self.last {
            if let Some(c) = self.counts.get_mut(ord as usize) {
                *c += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = HashMap::new();
        if let Some(col) = &self.column {
            // Values are read in ordinal order, one pass over the dictionary.
            let ords: Vec<u64> = (0..self.counts.len() as u64)
                .filter(|&o| self.counts[o as usize] > 0)
                .collect();
            let mut next = ords.iter();
            let _ = col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(&o) = next.next() {
                    let value = String::from_utf8_lossy(bytes).into_owned();
                    *out.entry(value).or_insert(0) += self.counts[o as usize];
                }
            });
        }
        (self.docs, out)
    }
}

/// Counts `field`'s values over the articles matching `query` and `filters`
/// (an empty query or `*` means every article); keeps the `top` most frequent.
pub fn count(
    mi: &MorgueIndex,
    field: &str,
    query: &str,
    filters: &Filters,
    top: usize,
) -> Result<Facets> {
    if !FIELDS.contains(&field) {
        return Err(Error::Filter {
            what: "field",
            value: field.to_string(),
            reason: format!("facets are counted for {}", FIELDS.join(", ")),
        });
    }
    let q = query::build(&mi.index, mi.schema, query, filters)?;
    let searcher = mi.searcher()?;
    let (articles, counts) = searcher.search(
        &q,
        &CountCollector {
            field: field.to_string(),
        },
    )?;
    let mut values: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    values.truncate(top);
    Ok(Facets {
        field: field.to_string(),
        query: if query.trim().is_empty() {
            "*".into()
        } else {
            query.to_string()
        },
        articles,
        values,
    })
}
