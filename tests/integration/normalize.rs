use crate::util::{TestDir, corpus, ok};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Article {
    path: String,
    title: String,
    body: String,
    date: Option<String>,
    publisher: Option<String>,
    source: Option<String>,
    dateline: Vec<String>,
    authors: Vec<String>,
    people: Vec<String>,
    url: Option<String>,
    caption: Option<String>,
}

fn normalize(path: &std::path::Path) -> Article {
    let t = TestDir::new();
    let out = ok(&t.morgue(&["normalize", "--json", path.to_str().unwrap()]));
    serde_json::from_str(&out).expect("normalize --json prints one Article object")
}

/// Issue "morgue core", acceptance 1: the seed clipping.
#[test]
fn seed_clipping_is_normalized() {
    let a = normalize(&corpus().join("clippings/000_8ac7ddf6f77f5d42.txt"));
    assert_eq!(
        a.title,
        "Iraq prepares to close down US-led coalition’s mission – PM"
    );
    assert_eq!(a.publisher.as_deref(), Some("The Zimbabwe Mail"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.dateline, vec!["Baghdad", "Washington"]);
    assert_ne!(
        a.date.as_deref().map(|d| &d[..10]),
        Some("2023-12-28"),
        "date from the file photo"
    );
    for junk in ["gtag(", "Spread the love", "Source: Reuters"] {
        assert!(!a.body.contains(junk), "body holds {junk:?}");
    }
    assert!(!a.body.contains(&a.title), "body repeats the title");
    assert!(
        a.body
            .starts_with("BAGHDAD/WASHINGTON – The Iraqi government")
    );
    for p in [
        "Mohammed Shia al-Sudani",
        "Joe Biden",
        "Mushtaq Jawad Kazim al-Jawari",
        "Qassem Soleimani",
        "Patrick Ryder",
    ] {
        assert!(
            a.people.iter().any(|x| x == p),
            "{p} missing from {:?}",
            a.people
        );
    }
    for not in [
        "Sudani",
        "Thaier Al-Sudani",
        "Islamic State",
        "Popular Mobilisation Forces",
        "Pentagon",
        "Central Command",
    ] {
        assert!(
            !a.people.iter().any(|x| x == not),
            "{not} in people {:?}",
            a.people
        );
    }
    // Exactly those people (Pedro Sanchez, named in the caption, may be included).
    let extra: Vec<&String> = a
        .people
        .iter()
        .filter(|p| {
            ![
                "Mohammed Shia al-Sudani",
                "Joe Biden",
                "Mushtaq Jawad Kazim al-Jawari",
                "Qassem Soleimani",
                "Patrick Ryder",
                "Pedro Sanchez",
            ]
            .contains(&p.as_str())
        })
        .collect();
    assert!(extra.is_empty(), "unexpected people {extra:?}");
    assert!(
        a.caption
            .unwrap_or_default()
            .contains("REUTERS/Thaier Al-Sudani")
    );
}

#[test]
fn html_page_gives_title_body_and_metadata() {
    let a = normalize(&corpus().join(
        "venturebeat.com/2019/new-york-state-attorney-general-investigating-wework-and-for.html",
    ));
    assert_eq!(
        a.title,
        "New York State Attorney General investigating WeWork and former CEO"
    );
    assert!(a.body.contains("WeWork"), "{}", a.body);
    assert!(!a.body.contains("<"), "markup left in body");
    assert_eq!(a.date.as_deref().map(|d| &d[..7]), Some("2019-11"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
}

#[test]
fn clipping_without_article_is_an_error() {
    let t = TestDir::new();
    let f = t.create("empty.txt", "   \n");
    let o = t.morgue(&["normalize", "--json", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(crate::util::stderr(&o).contains("empty"));
}
