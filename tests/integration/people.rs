//! `morgue people` and `--person` (issue 5: people mentioned): article
//! counts in a deterministic order, query scoping, the JSON schema, and
//! matching any stored variant of a person's name.

use crate::util::{TestDir, ok, stderr, stdout};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct PeopleOut {
    format_version: u32,
    query: String,
    matched_articles: u64,
    distinct_people: u64,
    people: Vec<PersonCount>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct PersonCount {
    name: String,
    articles: u64,
}

/// Three small clippings: Sudani in two, Biden in two, the Clintons in one.
fn archive() -> TestDir {
    let t = TestDir::new();
    t.create(
        "news/iraq.txt",
        "Iraq to end coalition mission\n\n\
         BAGHDAD (Reuters) - Prime Minister Mohammed Shia al-Sudani said on Friday that talks \
         would begin. Sudani's office said U.S. President Joe Biden had been told.\n",
    );
    t.create(
        "news/talks.txt",
        "Talks on troops begin in Baghdad\n\n\
         BAGHDAD (Reuters) - Iraq's prime minister, Mohammed Shia al-Sudani, met envoys on \
         Monday. Al-Sudani told reporters the talks were going well.\n",
    );
    t.create(
        "news/clintons.txt",
        "Clintons campaign in Ohio\n\n\
         COLUMBUS, Ohio (AP) - Bill Clinton and Hillary Clinton spoke at a rally on Saturday, \
         and Clinton thanked President Joe Biden for his support.\n",
    );
    ok(&t.morgue(&["index", "news", "--quiet"]));
    t
}

fn people_json(t: &TestDir, args: &[&str]) -> PeopleOut {
    let mut a = vec!["people", "--json"];
    a.extend_from_slice(args);
    let o = t.morgue(&a);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}\n{}", stdout(&o), stderr(&o)))
}

#[test]
fn people_counts_articles_in_a_deterministic_order() {
    let t = archive();
    let r = people_json(&t, &[]);
    assert_eq!(r.format_version, 1);
    assert_eq!(r.query, "");
    assert_eq!(r.matched_articles, 3);
    assert_eq!(
        r.people,
        vec![
            PersonCount {
                name: "Joe Biden".into(),
                articles: 2
            },
            PersonCount {
                name: "Mohammed Shia al-Sudani".into(),
                articles: 2
            },
            PersonCount {
                name: "Bill Clinton".into(),
                articles: 1
            },
            PersonCount {
                name: "Hillary Clinton".into(),
                articles: 1
            },
        ]
    );
    assert_eq!(r.distinct_people, 4);
}

#[test]
fn people_top_and_query_scope_the_list() {
    let t = archive();
    let r = people_json(&t, &["--top", "1"]);
    assert_eq!(r.people.len(), 1);
    assert_eq!(r.people[0].name, "Joe Biden");
    assert_eq!(r.distinct_people, 4);

    let r = people_json(&t, &["rally"]);
    assert_eq!(r.matched_articles, 1);
    let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Bill Clinton", "Hillary Clinton", "Joe Biden"]);

    let human = ok(&t.morgue(&["people", "--top", "2"]));
    assert!(
        human.starts_with("2  Joe Biden\n2  Mohammed Shia al-Sudani\n"),
        "{human}"
    );
}

#[test]
fn person_filter_matches_any_stored_variant() {
    let t = archive();
    for name in [
        "Sudani",
        "al-Sudani",
        "Al-Sudani",
        "Mohammed Shia al-Sudani",
        "sudani",
    ] {
        let (code, r) = crate::search::search_json(&t, &["*", "--person", name]);
        assert_eq!(code, Some(0), "--person {name}");
        let mut paths: Vec<&str> = r.hits.iter().map(|h| h.path.as_str()).collect();
        paths.sort();
        assert_eq!(paths, vec!["iraq.txt", "talks.txt"], "--person {name}");
    }
    let (code, r) = crate::search::search_json(&t, &["*", "--person", "Clinton"]);
    assert_eq!(code, Some(0));
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].path, "clintons.txt");
    let (code, _) = crate::search::search_json(&t, &["*", "--person", "Soleimani"]);
    assert_eq!(code, Some(1));
}

#[test]
fn people_without_an_index_says_how_to_make_one() {
    let t = TestDir::new();
    let o = t.morgue(&["people"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("morgue index"), "{}", stderr(&o));
}
