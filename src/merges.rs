//! When the index writer merges segments: [`BoundedMerges`], a tantivy
//! merge policy that keeps the number of segments a query opens in check
//! while bounding the memory any one merge can take.
//!
//! A merge reads its input segments whole through memory maps, so the
//! pages it touches count in the process's resident memory; tantivy's
//! default policy merges a whole size level at once, which on a large
//! archive means hundreds of megabytes mapped in one go. This policy merges
//! only when there are many segments, the smallest first, never more than
//! [`MERGE_MAX_DOCS`] articles at a time. It decides from segment sizes
//! alone and does no I/O.

use tantivy::SegmentMeta;
use tantivy::index::SegmentId;
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// Up to this many segments, nothing is merged: a query opens each segment
/// (about 0.2 ms apiece, process start included), and writing fewer,
/// bigger segments is the writer budget's job.
pub const MAX_SEGMENTS: usize = 16;
/// A merge reads at most this many articles (about 6.6 KB each on disk:
/// some 165 MB of mapped input).
pub const MERGE_MAX_DOCS: u64 = 25_000;
/// A merge takes at most this many segments.
pub const MERGE_WIDTH: usize = 8;

/// The merge policy set on every morgue index writer.
#[derive(Debug, Clone, Copy, Default)]
pub struct BoundedMerges;

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let sizes: Vec<(SegmentId, u64)> = segments
            .iter()
            .map(|s| (s.id(), u64::from(s.num_docs())))
            .collect();
        pick(&sizes)
            .map(|ids| vec![MergeCandidate(ids)])
            .unwrap_or_default()
    }
}

/// The segments to merge next, given each one's live article count: with
/// more than [`MAX_SEGMENTS`], the smallest ones, as many as fit in
/// [`MERGE_MAX_DOCS`] and [`MERGE_WIDTH`]; `None` when that is fewer than
/// two.
pub fn pick<T: Clone>(segments: &[(T, u64)]) -> Option<Vec<T>> {
    if segments.len() <= MAX_SEGMENTS {
        return None;
    }
    let mut by_size: Vec<&(T, u64)> = segments.iter().collect();
    by_size.sort_by_key(|(_, docs)| *docs);
    let mut total = 0;
    let mut chosen = Vec::new();
    for (id, docs) in by_size {
        if chosen.len() == MERGE_WIDTH || total + docs > MERGE_MAX_DOCS {
            break;
        }
        total += docs;
        chosen.push(id.clone());
    }
    (chosen.len() >= 2).then_some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(sizes: &[u64]) -> Vec<(usize, u64)> {
        sizes.iter().copied().enumerate().collect()
    }

    #[test]
    fn few_segments_are_left_alone() {
        assert_eq!(pick(&segs(&[10; MAX_SEGMENTS])), None);
        assert_eq!(pick(&segs(&[])), None);
    }

    #[test]
    fn the_smallest_are_merged_first() {
        let mut sizes = vec![2_600; MAX_SEGMENTS];
        sizes.push(300);
        sizes.push(250);
        let got = pick(&segs(&sizes)).expect("a merge");
        assert_eq!(got.len(), MERGE_WIDTH);
        assert_eq!(&got[..2], &[MAX_SEGMENTS + 1, MAX_SEGMENTS]);
    }

    #[test]
    fn a_merge_never_exceeds_its_article_bound() {
        let sizes = vec![10_000; MAX_SEGMENTS + 4];
        let got = pick(&segs(&sizes)).expect("a merge");
        assert_eq!(got.len(), 2);
        // Segments too big to pair are left as they are.
        assert_eq!(
            pick(&segs(&[MERGE_MAX_DOCS / 2 + 1; MAX_SEGMENTS + 8])),
            None
        );
    }
}
