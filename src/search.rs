//! Query → ranked, deterministic hits with snippets.
//!
//! Ranking is tantivy's BM25 over the default fields (title boosted). Ties
//! are broken by path, and a tie that straddles the page boundary is
//! widened until it is whole, so the same index always answers the same
//! way. Scores do not depend on how documents fell into segments (see
//! [`stabilize`]), so two indexes of one corpus answer byte for byte alike.
//! Stored documents and snippets are read only for the hits on the page.
//! Returns plain data; rendering is the binary's.

use crate::error::Result;
use crate::indexer::{MorgueIndex, from_document};
use crate::query::{self, Filters};
use crate::snippet::{self, Snippet};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, ExistsQuery, Query, RangeQuery};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument};

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// Query text in tantivy syntax; empty or `*` for everything.
    pub query: String,
    /// Filters.
    pub filters: Filters,
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Snippet length in characters (about two lines at 120).
    pub snippet_chars: usize,
}

impl SearchRequest {
    /// A request with default paging (10 hits) and snippet length.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            snippet_chars: 220,
        }
    }
}

/// One ranked article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// BM25 score.
    pub score: f32,
    /// Path relative to the corpus root.
    pub path: String,
    /// Headline.
    pub title: String,
    /// Publication day.
    pub date: Option<String>,
    /// Wire agency.
    pub source: Option<String>,
    /// Outlet.
    pub publisher: Option<String>,
    /// Dateline places.
    pub dateline: Vec<String>,
    /// People mentioned.
    pub people: Vec<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// The best fragment of the body.
    pub snippet: Snippet,
}

/// A page of results.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchResults {
    /// The query text.
    pub query: String,
    /// Articles matching, all pages.
    pub total_hits: usize,
    /// This page.
    pub hits: Vec<Hit>,
}

/// Up to this many ranked hits, tie-breaking paths are read from the stored
/// documents (about 0.1 ms each, and the page's are needed anyway); beyond,
/// from the id column's dictionary, whose first lookup costs ~1 ms.
const STORED_PATHS_MAX: usize = 64;

/// The paths (ids) of many hits, looked up segment by segment in ordinal
/// order: one pass over each dictionary instead of a block per hit.
fn paths_of(searcher: &Searcher, addrs: &[DocAddress]) -> Result<Vec<String>> {
    let mut out = vec![String::new(); addrs.len()];
    let mut by_segment: std::collections::BTreeMap<u32, Vec<(u64, usize)>> = Default::default();
    let mut columns = std::collections::HashMap::new();
    for (i, addr) in addrs.iter().enumerate() {
        let ids = match columns.entry(addr.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .str("id")?,
            ),
        };
        if let Some(ids) = ids
            && let Some(ord) = ids.term_ords(addr.doc_id).next()
        {
            by_segment
                .entry(addr.segment_ord)
                .or_default()
                .push((ord, i));
        }
    }
    for (seg, mut pairs) in by_segment {
        let Some(Some(ids)) = columns.get(&seg) else {
            continue;
        };
        pairs.sort_unstable();
        let mut ords: Vec<u64> = pairs.iter().map(|p| p.0).collect();
        ords.dedup();
        let (mut k, mut j) = (0, 0);
        ids.dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                let ord = ords[k];
                k += 1;
                let path = String::from_utf8_lossy(bytes);
                // `pairs` is sorted by ordinal: walk it alongside.
                while j < pairs.len() && pairs[j].0 == ord {
                    out[pairs[j].1] = path.to_string();
                    j += 1;
                }
            })
            .map_err(tantivy::TantivyError::from)?;
    }
    Ok(out)
}

/// Makes a query's scores independent of the segment layout.
///
/// A range (or exists) query scores 1.0 per match, except in a segment whose
/// every document matches: there it answers "all documents", and tantivy's
/// boolean query drops such a clause, score included. A `--since` filter
/// then added 1.0 to a story in one index and 0.0 to the same story in
/// another index of the same corpus whose segments were cut differently.
/// Wrapping those clauses in a constant-score query keeps their 1.0
/// everywhere; every other clause is left as it is.
pub fn stabilize(q: Box<dyn Query>) -> Box<dyn Query> {
    if let Some(b) = q.downcast_ref::<BooleanQuery>() {
        let clauses = b
            .clauses()
            .iter()
            .map(|(occur, sub)| (*occur, stabilize(sub.box_clone())))
            .collect();
        return Box::new(BooleanQuery::with_minimum_required_clauses(
            clauses,
            b.get_minimum_number_should_match(),
        ));
    }
    if q.is::<RangeQuery>() || q.is::<ExistsQuery>() {
        return Box::new(ConstScoreQuery::new(q, 1.0));
    }
    q
}

/// Runs a search.
pub fn search(mi: &MorgueIndex, req: &SearchRequest) -> Result<SearchResults> {
    let schema = mi.schema;
    let f = schema.fields;
    let q = stabilize(query::build(&mi.index, schema, &req.query, &req.filters)?);
    let searcher = mi.searcher()?;
    let want = req.offset + req.limit.max(1);

    // Collect enough that a score tie at the page's end is whole.
    let mut k = want;
    let (mut top, total) = loop {
        let (top, total) =
            searcher.search(&q, &(TopDocs::with_limit(k + 1).order_by_score(), Count))?;
        let tie_at_edge = top.len() > k && top[k].0 == top[k - 1].0;
        if !tie_at_edge {
            break (top, total);
        }
        k *= 2;
    };
    // Past the edge, with no tie, is a hit ranked below every one kept:
    // it is never shown and its path is not needed.
    top.truncate(k);
    // Ties are broken by path. For a page's worth of hits the paths come
    // from the stored documents, which the page needs anyway; for more (a
    // long tie such as '*', deep paging) from the id column's dictionary,
    // one pass per segment, and only the page's documents are read.
    let mut keyed: Vec<(f32, String, DocAddress, Option<crate::Article>)> =
        if top.len() <= STORED_PATHS_MAX {
            let mut keyed = Vec::with_capacity(top.len());
            for (score, addr) in top {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let a = from_document(&doc, &f);
                keyed.push((score, a.path.clone(), addr, Some(a)));
            }
            keyed
        } else {
            let addrs: Vec<DocAddress> = top.iter().map(|t| t.1).collect();
            let paths = paths_of(&searcher, &addrs)?;
            top.drain(..)
                .zip(paths)
                .map(|((score, addr), path)| (score, path, addr, None))
                .collect()
        };
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));

    let page: Vec<_> = keyed.into_iter().skip(req.offset).take(req.limit).collect();
    let generator = if page.is_empty() {
        None
    } else {
        let mut g = SnippetGenerator::create(&searcher, &*q, f.body)?;
        g.set_max_num_chars(req.snippet_chars);
        Some(g)
    };
    let mut hits = Vec::with_capacity(page.len());
    for (i, (score, path, addr, article)) in page.into_iter().enumerate() {
        let a = match article {
            Some(a) => a,
            None => from_document(&searcher.doc::<TantivyDocument>(addr)?, &f),
        };
        let snippet = match &generator {
            Some(g) => snippet::make(g, &a.body, req.snippet_chars),
            None => Snippet::default(),
        };
        hits.push(Hit {
            rank: req.offset + i + 1,
            score,
            path,
            title: a.title,
            date: a.date,
            source: a.source,
            publisher: a.publisher,
            dateline: a.dateline,
            people: a.people,
            authors: a.authors,
            snippet,
        });
    }
    Ok(SearchResults {
        query: req.query.clone(),
        total_hits: total,
        hits,
    })
}

/// Reads one stored article by its path.
pub fn article(mi: &MorgueIndex, path: &str) -> Result<crate::Article> {
    let f = mi.schema.fields;
    let searcher = mi.searcher()?;
    let term = tantivy::Term::from_field_text(f.id, path);
    let q = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
    let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, addr)) = top.first() else {
        return Err(crate::Error::NotFound {
            path: path.to_string(),
        });
    };
    let doc: TantivyDocument = searcher.doc(*addr)?;
    Ok(from_document(&doc, &f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Bound;
    use tantivy::query::{AllQuery, ConstScoreQuery, Occur};

    #[test]
    fn stabilize_wraps_ranges_at_any_depth_and_nothing_else() {
        let f = crate::schema::get().expect("embedded schema").fields;
        let range = || -> Box<dyn Query> {
            Box::new(RangeQuery::new(
                Bound::Included(tantivy::Term::from_field_date(
                    f.date,
                    tantivy::DateTime::from_timestamp_secs(0),
                )),
                Bound::Unbounded,
            ))
        };
        let inner = BooleanQuery::with_minimum_required_clauses(
            vec![
                (Occur::Should, range()),
                (Occur::Should, Box::new(AllQuery)),
            ],
            1,
        );
        let q = stabilize(Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery)),
            (Occur::Must, range()),
            (Occur::Must, Box::new(inner)),
        ])));
        let b = q.downcast_ref::<BooleanQuery>().expect("still boolean");
        let c = b.clauses();
        assert!(c[0].1.is::<AllQuery>());
        assert!(c[1].1.is::<ConstScoreQuery>());
        let inner = c[2]
            .1
            .downcast_ref::<BooleanQuery>()
            .expect("inner boolean");
        assert_eq!(inner.get_minimum_number_should_match(), 1);
        assert!(inner.clauses()[0].1.is::<ConstScoreQuery>());
        assert!(inner.clauses()[1].1.is::<AllQuery>());
        assert!(stabilize(range()).is::<ConstScoreQuery>());
    }
}
