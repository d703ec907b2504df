//! When the index writer merges segments: [`BoundedMerges`], a tantivy
//! merge policy that keeps the number of segments a query opens in check
//! while bounding the memory any one merge can take, and [`compaction`],
//! the merges made at the end of a run.
//!
//! A merge reads its input segments whole through memory maps, so the
//! pages it touches count in the process's resident memory; tantivy's
//! default policy merges a whole size level at once, which on a large
//! archive means hundreds of megabytes mapped in one go. This policy merges
//! only when there are many segments, the smallest first, never more than
//! [`MERGE_MAX_DOCS`] articles at a time. Both decide from segment sizes
//! alone and do no I/O.

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
        pick(&sizes(segments))
            .map(|ids| vec![MergeCandidate(ids)])
            .unwrap_or_default()
    }
}

/// Each segment's id with its live article count, what [`pick`] and
/// [`compaction`] decide from.
pub fn sizes(segments: &[SegmentMeta]) -> Vec<(SegmentId, u64)> {
    segments
        .iter()
        .map(|s| (s.id(), u64::from(s.num_docs())))
        .collect()
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

/// Segments under this many articles count as small. A segment the
/// writer flushes holds ~2,600 (its memory budget), so every segment a
/// run writes is small; one made by [`compaction`] usually is not.
pub const SMALL_DOCS: u64 = 4_000;
/// Up to this many small segments are left as they are.
pub const SMALL_SEGMENTS_KEPT: usize = 3;
/// A merge at the end of a run takes at most this many articles (some
/// 40 MB of mapped input: the run's own peak memory covers it).
pub const COMPACT_MAX_DOCS: u64 = 6_000;

/// The merges to make at the end of a run, one after another: when more
/// than [`SMALL_SEGMENTS_KEPT`] segments hold under [`SMALL_DOCS`]
/// articles, all of those, smallest first, packed into groups of at most
/// [`COMPACT_MAX_DOCS`] articles; a group of one is no merge and is left.
///
/// A query opens every segment (c20k: 9 segments of ~2,600 articles after
/// a cold run, 4 after compaction, query p50 10.0 → 8.2 ms); merging them
/// all costs about a tenth of the cold run. Runs that add a few articles
/// each leave one small segment each, merged once there are four.
pub fn compaction<T: Clone>(segments: &[(T, u64)]) -> Vec<Vec<T>> {
    let mut small: Vec<&(T, u64)> = segments.iter().filter(|s| s.1 < SMALL_DOCS).collect();
    if small.len() <= SMALL_SEGMENTS_KEPT {
        return Vec::new();
    }
    small.sort_by_key(|(_, docs)| *docs);
    let mut groups: Vec<Vec<T>> = Vec::new();
    let mut current: Vec<T> = Vec::new();
    let mut total = 0;
    for (id, docs) in small {
        if !current.is_empty() && total + docs > COMPACT_MAX_DOCS {
            groups.push(std::mem::take(&mut current));
            total = 0;
        }
        total += docs;
        current.push(id.clone());
    }
    groups.push(current);
    groups.retain(|g| g.len() >= 2);
    groups
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
    fn a_cold_runs_segments_are_packed_smallest_first() {
        // The segments a c20k cold run leaves.
        let sizes = [2592, 2588, 2582, 2563, 2437, 2418, 2408, 1857, 555];
        let groups = compaction(&segs(&sizes));
        let docs: Vec<u64> = groups
            .iter()
            .map(|g| g.iter().map(|&i| sizes[i]).sum())
            .collect();
        assert_eq!(docs, [4_820, 4_855, 5_145, 5_180]);
        assert!(
            docs.iter()
                .all(|d| (SMALL_DOCS..=COMPACT_MAX_DOCS).contains(d))
        );
        assert_eq!(groups[0], [8, 7, 6]);
    }

    #[test]
    fn a_few_small_segments_and_big_ones_are_left_alone() {
        assert!(compaction(&segs(&[2_600; SMALL_SEGMENTS_KEPT])).is_empty());
        assert!(compaction(&segs(&[20_000, 5_000, 12, 40, 300])).is_empty());
        // A fourth small one: the small ones merge, the big ones stay.
        let got = compaction(&segs(&[20_000, 5_000, 12, 40, 300, 7]));
        assert_eq!(got, vec![vec![5, 2, 3, 4]]);
    }

    #[test]
    fn segments_that_cannot_pair_are_not_merged() {
        let sizes = [3_900, 3_950, 3_990, 3_999];
        assert!(compaction(&segs(&sizes)).is_empty());
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
