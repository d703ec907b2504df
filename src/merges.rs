//! When the index writer merges segments: [`BoundedMerges`], a tantivy
//! merge policy that keeps the number of segments a query opens in check
//! while bounding the memory any one merge can take, and, once a run has
//! committed its files, offers the end-of-run merges ([`compaction`]).
//!
//! A merge reads its input segments whole through memory maps, so the
//! pages it touches count in the process's resident memory; tantivy's
//! default policy merges a whole size level at once, which on a large
//! archive means hundreds of megabytes mapped in one go. This policy merges
//! only when there are many segments, the smallest first, never more than
//! [`MERGE_MAX_DOCS`] articles at a time. Both decide from segment sizes
//! alone and do no I/O.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
///
/// During a run it offers [`pick`]'s merge. Once [`BoundedMerges::compact`]
/// is called it offers the end-of-run merges, one group of [`packed`] at
/// a time, the next when a merge ends (tantivy asks its policy again
/// then), until none is left; [`pick`]'s merge still comes when there is
/// no group. Being the policy, it only ever sees segments no merge holds,
/// so its merges never collide with one already running; and as every end
/// of a merge starts at most one new one, no more merges run at once than
/// did when the run ended. After `interrupt` is set it offers nothing:
/// merges already started finish, no new one starts.
#[derive(Debug, Clone, Default)]
pub struct BoundedMerges {
    compacting: Arc<AtomicBool>,
    interrupt: Arc<AtomicBool>,
}

impl BoundedMerges {
    /// A policy that stops offering merges once `interrupt` is set.
    pub fn new(interrupt: Arc<AtomicBool>) -> Self {
        Self {
            compacting: Arc::default(),
            interrupt,
        }
    }

    /// From now on, offer the end-of-run merges too (call it when
    /// [`compaction`] lists some). Tantivy asks the policy when a commit
    /// or a merge ends: the caller then commits (nothing new) so that the
    /// first group starts, and each merge's end starts the next.
    pub fn compact(&self) {
        self.compacting.store(true, Ordering::Relaxed);
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        if self.interrupt.load(Ordering::Relaxed) {
            return Vec::new();
        }
        let sizes = sizes(segments);
        let group = if self.compacting.load(Ordering::Relaxed) {
            packed(&sizes).into_iter().next()
        } else {
            None
        };
        group
            .or_else(|| pick(&sizes))
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
    let small = segments.iter().filter(|s| s.1 < SMALL_DOCS).count();
    if small <= SMALL_SEGMENTS_KEPT {
        return Vec::new();
    }
    packed(segments)
}

/// All segments under [`SMALL_DOCS`] articles, smallest first, packed
/// into groups of at most [`COMPACT_MAX_DOCS`] articles; groups of one
/// are left out. Once [`compaction`] has decided a run's small segments
/// are to be merged, the merge policy takes these groups one at a time,
/// packing again after each merge, until none is left: the groups are
/// those [`compaction`] listed at the start, unless a merge's result is
/// small enough to be packed again.
pub fn packed<T: Clone>(segments: &[(T, u64)]) -> Vec<Vec<T>> {
    let mut small: Vec<&(T, u64)> = segments.iter().filter(|s| s.1 < SMALL_DOCS).collect();
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
    fn packing_again_after_each_merge_makes_the_same_merges() {
        // What the merge policy does at the end of a run: the first group,
        // merged, then the groups of what is left.
        let mut sizes: Vec<(usize, u64)> =
            segs(&[2592, 2588, 2582, 2563, 2437, 2418, 2408, 1857, 555]);
        let planned = compaction(&sizes);
        let mut made = Vec::new();
        while let Some(group) = packed(&sizes).into_iter().next() {
            let docs = sizes
                .iter()
                .filter(|s| group.contains(&s.0))
                .map(|s| s.1)
                .sum();
            sizes.retain(|s| !group.contains(&s.0));
            sizes.push((100 + made.len(), docs));
            made.push(group);
        }
        assert_eq!(made, planned);
        assert_eq!(sizes.len(), 4);
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
