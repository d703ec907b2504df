use crate::util::{TestDir, stderr};

/// Issue "morgue core", acceptance 4 (bad query).
#[test]
fn unparseable_query_exits_2_with_a_message() {
    let t = TestDir::new();
    t.create("c/one.txt", "One\n\nText.\n");
    crate::util::ok(&t.morgue(&["index", t.path().join("c").to_str().unwrap()]));
    for (q, words) in [
        ("\"unclosed phrase", "not closed"),
        ("nosuchfield:x", "no field"),
        ("(a OR b", "not closed"),
    ] {
        let o = t.morgue(&["search", q]);
        assert_eq!(o.status.code(), Some(2), "{q}");
        let e = stderr(&o);
        assert!(e.starts_with("morgue: ") && e.contains(words), "{q}: {e}");
        assert!(!e.contains("panicked"), "{e}");
    }
    let o = t.morgue(&["search", "x", "--since", "last tuesday"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--since"), "{}", stderr(&o));
}

#[test]
fn missing_index_says_how_to_make_one() {
    let t = TestDir::new();
    let o = t.morgue(&["search", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("morgue index"), "{}", stderr(&o));
}

#[test]
fn missing_corpus_folder_is_an_error() {
    let t = TestDir::new();
    let o = t.morgue(&["index", "/no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/folder"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    let t = TestDir::new();
    assert_eq!(t.morgue(&["search"]).status.code(), Some(2));
    assert_eq!(t.morgue(&["frobnicate"]).status.code(), Some(2));
    let help = t.morgue(&["--help"]);
    let out = crate::util::stdout(&help);
    assert!(
        out.contains("Exit status") && out.contains("MORGUE_INDEX"),
        "{out}"
    );
}
