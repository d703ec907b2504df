//! Bad queries (issue 8): unbalanced quotes, unknown fields, invalid dates,
//! absurdly long queries and deep parentheses end with exit 2 and a message,
//! never a panic. Property-tested at the library level (`query::build` and
//! running the query) over random query strings, and checked through the
//! real binary.

use crate::util::{TestDir, ok, stderr};
use morgue::indexer::{FileFacts, to_document};
use morgue::query::{self, Filters};
use proptest::prelude::*;
use std::sync::LazyLock;
use tantivy::Index;
use tantivy::collector::{Count, TopDocs};

/// An in-memory index with morgue's schema and two articles.
static INDEX: LazyLock<(Index, &'static morgue::schema::MorgueSchema)> = LazyLock::new(|| {
    let schema = morgue::schema::get().unwrap();
    let index = Index::create_in_ram(schema.schema.clone());
    morgue::schema::register_tokenizers(&index);
    let mut w: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    for (i, text) in ["Iraq talks begin in Baghdad", "Coalition mission ends"]
        .iter()
        .enumerate()
    {
        let a = morgue::Article {
            path: format!("a/{i}.txt"),
            title: text.to_string(),
            body: format!("{text}. More words here."),
            date: Some("2024-01-05".into()),
            source: Some("Reuters".into()),
            dateline: vec!["Baghdad".into()],
            people: vec!["Mohammed Shia al-Sudani".into()],
            ..Default::default()
        };
        let facts = FileFacts {
            size: 1,
            mtime: 1,
            hash: i as u64,
        };
        w.add_document(to_document(&a, facts, &schema.fields))
            .unwrap();
    }
    w.commit().unwrap();
    (index, schema)
});

/// Builds and runs a query; any outcome but a panic is fine, and an error
/// must say what is wrong.
fn try_query(text: &str, filters: &Filters) {
    let (index, schema) = &*INDEX;
    match query::build(index, schema, text, filters) {
        Ok(q) => {
            let searcher = index.reader().unwrap().searcher();
            let _ = searcher.search(&*q, &(TopDocs::with_limit(5).order_by_score(), Count));
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                matches!(
                    e,
                    morgue::Error::Query { .. } | morgue::Error::Filter { .. }
                ),
                "unexpected error kind for {text:?}: {msg}"
            );
            assert!(msg.len() > 10 && msg.len() < 2_000, "{msg}");
        }
    }
}

/// Pieces of query syntax, to make random strings that look like queries.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9]{1,8}",
        Just("\"".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(" AND ".to_string()),
        Just(" OR ".to_string()),
        Just(" NOT ".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("*".to_string()),
        Just("^2".to_string()),
        Just("~1".to_string()),
        Just(":".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(" TO ".to_string()),
        Just("\\".to_string()),
        Just("title:".to_string()),
        Just("date:".to_string()),
        Just("date:[2024-01-01T00:00:00Z TO *]".to_string()),
        Just("nosuchfield:".to_string()),
        Just("file_size:".to_string()),
        Just("source:".to_string()),
        Just("IN [".to_string()),
        Just(" ".to_string()),
        "\\PC{1,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 800, ..ProptestConfig::default() })]

    #[test]
    fn random_query_syntax_never_panics(parts in prop::collection::vec(token(), 0..24)) {
        try_query(&parts.concat(), &Filters::default());
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,80}") {
        try_query(&text, &Filters::default());
    }

    #[test]
    fn random_filters_never_panic(
        person in proptest::option::of("\\PC{0,12}"),
        since in proptest::option::of("[0-9\\-a-z]{0,12}"),
        until in proptest::option::of("[0-9\\-]{0,12}"),
        dateline in proptest::option::of("\\PC{0,12}"),
    ) {
        let f = Filters { person, since, until, dateline, source: None };
        try_query("iraq", &f);
    }
}

#[test]
fn huge_and_deep_queries_are_refused_at_library_level() {
    let (index, schema) = &*INDEX;
    let f = Filters::default();
    let megabyte = "word ".repeat(200_000);
    let e = query::build(index, schema, &megabyte, &f).err().unwrap();
    assert!(e.to_string().contains("the limit is"), "{e}");
    assert!(e.to_string().len() < 300, "the error repeats the query");
    let deep = format!("{}a{}", "(".repeat(2_000), ")".repeat(2_000));
    let e = query::build(index, schema, &deep, &f).err().unwrap();
    assert!(e.to_string().contains("nest deeper"), "{e}");
    // Deep but within the limit works.
    let ok_deep = format!("{}iraq{}", "(".repeat(30), ")".repeat(30));
    assert!(query::build(index, schema, &ok_deep, &f).is_ok());
}

#[test]
fn bad_queries_through_the_binary_exit_2_with_a_message() {
    let t = TestDir::new();
    t.create(
        "c/one.txt",
        "Iraq talks\n\nBAGHDAD (Reuters) - Talks began.\n",
    );
    ok(&t.morgue(&["index", t.path().join("c").to_str().unwrap()]));
    // Linux caps one argument at 128 KiB (MAX_ARG_STRLEN), so the longest
    // query a shell can pass is just under that; 1 MB is tested above.
    let long = "word ".repeat(25_000);
    let deep = "(".repeat(10_000);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["search", "\"unbalanced quote"], "not closed"),
        (vec!["search", "iraq)"], "no matching"),
        (vec!["search", "nosuchfield:iraq"], "no field"),
        (
            vec!["search", "date:[2024-13-45T00:00:00Z TO *]"],
            "RFC 3339",
        ),
        (vec!["search", "date:yesterday"], "RFC 3339"),
        (vec!["search", "iraq", "--since", "2024-02-30"], "--since"),
        (vec!["search", "iraq", "--until", "soon"], "--until"),
        (vec!["search", &long], "the limit is"),
        (vec!["search", &deep], "nest deeper"),
        (vec!["search", "iraq", "--person", "  "], "--person"),
    ];
    for (args, words) in cases {
        let o = t.morgue(&args);
        let e = stderr(&o);
        let shown: String = args[1].chars().take(40).collect();
        assert_eq!(o.status.code(), Some(2), "{shown}: {e}");
        assert!(e.starts_with("morgue: "), "{shown}: {e}");
        assert!(e.contains(words), "{shown}: expected {words:?} in {e}");
        assert!(!e.contains("panicked"), "{e}");
        assert!(
            e.len() < 1_000,
            "message repeats the query: {} bytes",
            e.len()
        );
    }
}
