use crate::util::{TestDir, ok, stderr, stdout};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Results {
    pub format_version: u32,
    pub query: String,
    pub total_hits: usize,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub publisher: Option<String>,
    pub dateline: Vec<String>,
    pub people: Vec<String>,
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
}

pub const SEED: &str = "clippings/000_8ac7ddf6f77f5d42.txt";

fn indexed() -> TestDir {
    let t = TestDir::new();
    let corpus = crate::util::corpus();
    ok(&t.morgue(&["index", corpus.to_str().unwrap(), "--quiet"]));
    t
}

pub fn search_json(t: &TestDir, args: &[&str]) -> (Option<i32>, Results) {
    let mut a = vec!["search", "--json"];
    a.extend_from_slice(args);
    let o = t.morgue(&a);
    let r: Results = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}\n{}", stdout(&o), stderr(&o)));
    (o.status.code(), r)
}

/// Issue "morgue core", acceptance 2.
#[test]
fn phrase_finds_the_seed_first_with_highlighted_snippet() {
    let t = indexed();
    let (code, r) = search_json(&t, &["Popular Mobilisation Forces"]);
    assert_eq!(code, Some(0));
    assert_eq!(r.format_version, 1);
    assert_eq!(r.query, "Popular Mobilisation Forces");
    let first = &r.hits[0];
    assert_eq!(first.path, SEED);
    assert_eq!(first.rank, 1);
    assert!(
        first.snippet.contains("Popular Mobilisation Forces"),
        "{}",
        first.snippet
    );
    let chars: Vec<char> = first.snippet.chars().collect();
    let marked: Vec<String> = first
        .highlights
        .iter()
        .map(|[s, e]| chars[*s..*e].iter().collect())
        .collect();
    for w in ["Popular", "Mobilisation", "Forces"] {
        assert!(
            marked.iter().any(|m| m.contains(w)),
            "{w} not highlighted in {marked:?}"
        );
    }
    // Human output shows the title, path and snippet.
    let human = ok(&t.morgue(&["search", "Popular Mobilisation Forces"]));
    assert!(human.contains("Iraq prepares to close down"));
    assert!(human.contains(SEED));
    assert!(human.contains("Popular Mobilisation Forces"));
    assert!(!human.contains('\x1b'), "colour codes with --color=never");
}

#[test]
fn filters_find_the_seed() {
    let t = indexed();
    for filter in [
        ["--person", "Sudani"],
        ["--source", "Reuters"],
        ["--dateline", "Baghdad"],
    ] {
        let (code, r) = search_json(&t, &["*", filter[0], filter[1]]);
        assert_eq!(code, Some(0), "{filter:?}");
        assert!(r.hits.iter().any(|h| h.path == SEED), "{filter:?}: {r:?}");
    }
    let (_, r) = search_json(&t, &["coalition", "--person", "Mohammed Shia al-Sudani"]);
    assert_eq!(r.hits[0].path, SEED);
    let (code, _) = search_json(&t, &["coalition", "--dateline", "Timbuktu"]);
    assert_eq!(code, Some(1));
}

#[test]
fn date_filters_use_publication_dates() {
    let t = indexed();
    let (_, all) = search_json(&t, &["*", "-n", "100"]);
    let (_, since) = search_json(&t, &["*", "--since", "2019-11-19", "-n", "100"]);
    let (_, until) = search_json(&t, &["*", "--until", "2019-11-18", "-n", "100"]);
    assert!(since.total_hits > 0 && until.total_hits > 0);
    assert!(since.total_hits + until.total_hits <= all.total_hits);
    assert!(
        since
            .hits
            .iter()
            .all(|h| h.date.as_deref().unwrap() >= "2019-11-19")
    );
    assert!(
        until
            .hits
            .iter()
            .all(|h| h.date.as_deref().unwrap() <= "2019-11-18")
    );
}

#[test]
fn results_are_ranked_and_paged_deterministically() {
    let t = indexed();
    let (_, a) = search_json(&t, &["*", "-n", "100"]);
    let paths: Vec<&str> = a.hits.iter().map(|h| h.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "equal scores are ordered by path");
    let (_, p2) = search_json(&t, &["*", "-n", "5", "--offset", "5"]);
    assert_eq!(p2.hits[0].path, a.hits[5].path);
    assert_eq!(p2.hits[0].rank, 6);
}

/// Issue "morgue core", acceptance 4 (no hits).
#[test]
fn no_hits_exits_1() {
    let t = indexed();
    let o = t.morgue(&["search", "zzyzxunfindableword"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
}

#[test]
fn show_prints_a_stored_article() {
    let t = indexed();
    let out = ok(&t.morgue(&["show", SEED]));
    assert!(out.contains("The Zimbabwe Mail"));
    assert!(out.contains("BAGHDAD/WASHINGTON"));
    let o = t.morgue(&["show", "no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn stats_report_documents_and_corpus() {
    let t = indexed();
    let out = ok(&t.morgue(&["stats", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let n = crate::util::corpus_article_count();
    assert_eq!(v["documents"].as_u64(), Some(n as u64));
    assert_eq!(v["schema_version"].as_u64(), Some(1));
    assert!(v["corpus_root"].as_str().unwrap().ends_with("corpus"));
    let human = ok(&t.morgue(&["stats"]));
    assert!(human.contains("documents:"));
}
