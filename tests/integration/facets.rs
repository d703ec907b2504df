use crate::util::{TestDir, ok};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Facets {
    format_version: u32,
    field: String,
    articles: u64,
    values: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct Value {
    value: String,
    count: u64,
}

fn facets(t: &TestDir, args: &[&str]) -> Facets {
    let mut a = vec!["facets", "--json"];
    a.extend_from_slice(args);
    serde_json::from_str(&ok(&t.morgue(&a))).expect("facets --json prints one object")
}

/// Issue "newswire metadata": facets list values with article counts.
#[test]
fn facets_count_articles_per_value() {
    let t = TestDir::new();
    t.create(
        "c/a.txt",
        "One\n\nBAGHDAD (Reuters) - Iraqi officials said talks would start.\n",
    );
    t.create(
        "c/b.txt",
        "Two\n\nBAGHDAD/WASHINGTON (Reuters) - Talks began on Friday in Iraq.\n",
    );
    t.create(
        "c/c.txt",
        "Three\n\nPARIS (AFP) - French officials said nothing about Iraq.\n",
    );
    t.create("c/d.txt", "Four\n\nA quiet story with no wire agency.\n");
    ok(&t.morgue(&["index", t.path().join("c").to_str().unwrap()]));

    let f = facets(&t, &["dateline"]);
    assert_eq!(f.format_version, 1);
    assert_eq!(f.field, "dateline");
    assert_eq!(f.articles, 4);
    let pairs: Vec<(&str, u64)> = f
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    assert_eq!(pairs, vec![("Baghdad", 2), ("Paris", 1), ("Washington", 1)]);

    let f = facets(&t, &["source"]);
    let pairs: Vec<(&str, u64)> = f
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    assert_eq!(pairs, vec![("Reuters", 2), ("AFP", 1)]);

    // Over a query's hits only.
    let f = facets(&t, &["source", "french"]);
    assert_eq!(f.articles, 1);
    assert_eq!(f.values[0].value, "AFP");

    let human = ok(&t.morgue(&["facets", "dateline", "--top", "1"]));
    assert_eq!(human.trim(), "2  Baghdad");

    // The filters use the same fields.
    assert_eq!(
        t.morgue(&["search", "*", "--source", "AFP"]).status.code(),
        Some(0)
    );
    assert_eq!(
        t.morgue(&["search", "*", "--dateline", "washington"])
            .status
            .code(),
        Some(0)
    );
}
