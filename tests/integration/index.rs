use crate::util::{TestDir, ok, stderr};

fn summary(o: &std::process::Output) -> String {
    let e = stderr(o);
    e.lines()
        .find(|l| l.starts_with("indexed in"))
        .unwrap_or_default()
        .to_string()
}

/// Issue "morgue core", acceptance 3: add, edit, delete, unchanged re-run.
#[test]
fn reindex_reflects_adds_edits_and_deletes() {
    let t = TestDir::new();
    let corpus = t.copy_corpus("corpus");
    let c = corpus.to_str().unwrap();
    let n = crate::util::corpus_article_count();
    let first = t.morgue(&["index", c]);
    ok(&first);
    assert!(
        summary(&first).contains(&format!("{n} added")),
        "{}",
        summary(&first)
    );

    // Unchanged re-run re-reads nothing.
    let again = t.morgue(&["index", c]);
    ok(&again);
    let s = summary(&again);
    assert!(
        s.contains("0 added, 0 updated, 0 removed") && s.contains(&format!("{n} unchanged")),
        "{s}"
    );

    // Add, edit, delete.
    t.create("corpus/new/2024/zebra.txt", "Zebra crossing reopens\n\nLONDON (Reuters) - The zebra crossing reopened on Monday, officials said.\n");
    let seed = corpus.join("clippings/000_8ac7ddf6f77f5d42.txt");
    let mut text = std::fs::read_to_string(&seed).unwrap();
    text = text.replace("Popular Mobilisation Forces", "Quokka Brigade");
    std::fs::write(&seed, text).unwrap();
    std::fs::remove_file(
        corpus.join("sfgate.com/2019/7-key-questions-heading-into-wednesday-s-14848176.html"),
    )
    .unwrap();
    let third = t.morgue(&["index", c]);
    ok(&third);
    let s = summary(&third);
    assert!(s.contains("1 added, 1 updated, 1 removed"), "{s}");

    assert_eq!(t.morgue(&["search", "zebra"]).status.code(), Some(0));
    assert_eq!(
        t.morgue(&["search", "\"Quokka Brigade\""]).status.code(),
        Some(0)
    );
    assert_eq!(
        t.morgue(&["search", "\"Popular Mobilisation Forces\""])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        t.morgue(&["search", "path:14848176"]).status.code(),
        Some(1)
    );

    // No DIR: re-index the folder recorded in the index.
    let fourth = t.morgue(&["index"]);
    ok(&fourth);
    assert!(
        summary(&fourth).contains(&format!("{n} unchanged")),
        "{}",
        summary(&fourth)
    );
}

#[test]
fn bad_files_are_skipped_with_reasons() {
    let t = TestDir::new();
    t.create(
        "c/good.txt",
        "A title\n\nLONDON - Some story text that is long enough.\n",
    );
    t.create("c/empty.txt", "");
    t.create(
        "c/image.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01",
    );
    t.create("c/.hidden/secret.txt", "Hidden\n\nNot to be indexed.\n");
    t.create("c/notes.pdf", "not read");
    let o = t.morgue(&["index", t.path().join("c").to_str().unwrap()]);
    ok(&o);
    let s = summary(&o);
    assert!(s.contains("1 added") && s.contains("2 skipped"), "{s}");
    assert!(s.contains("1 binary") && s.contains("1 empty"), "{s}");
    assert!(
        stderr(&o).contains("skipped image.html: binary"),
        "{}",
        stderr(&o)
    );
    let stats = ok(&t.morgue(&["stats"]));
    assert!(stats.contains("image.html: binary"), "{stats}");
}

#[test]
fn other_corpus_into_same_index_is_refused() {
    let t = TestDir::new();
    t.create("a/one.txt", "One\n\nText one.\n");
    t.create("b/two.txt", "Two\n\nText two.\n");
    ok(&t.morgue(&["index", t.path().join("a").to_str().unwrap()]));
    let o = t.morgue(&["index", t.path().join("b").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--rebuild"), "{}", stderr(&o));
    let o = t.morgue(&["index", t.path().join("b").to_str().unwrap(), "--rebuild"]);
    ok(&o);
    assert_eq!(t.morgue(&["search", "two"]).status.code(), Some(0));
    assert_eq!(t.morgue(&["search", "one"]).status.code(), Some(1));
}

#[test]
fn default_index_is_found_from_the_working_folder() {
    let t = TestDir::new();
    t.create("c/one.txt", "One\n\nSome text about walruses.\n");
    let run = |args: &[&str]| {
        crate::util::morgue_cmd(t.path())
            .args(args)
            .output()
            .unwrap()
    };
    ok(&run(&["index", "c"]));
    assert!(t.path().join(".morgue/meta.json").is_file());
    let sub = t.path().join("c");
    let o = crate::util::morgue_cmd(&sub)
        .args(["search", "walruses"])
        .output()
        .unwrap();
    ok(&o);
}

/// Issue "morgue core": size, mtime, then content hash — a file whose
/// modification time changed but whose bytes did not is not parsed again.
#[test]
fn touched_but_unchanged_file_is_not_reparsed() {
    let t = TestDir::new();
    let f = t.create(
        "c/one.txt",
        "One\n\nLONDON (Reuters) - Text about otters.\n",
    );
    t.create("c/two.txt", "Two\n\nText about beavers.\n");
    let c = t.path().join("c");
    ok(&t.morgue(&["index", c.to_str().unwrap()]));
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(120);
    std::fs::File::options()
        .write(true)
        .open(&f)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let o = t.morgue(&["index", c.to_str().unwrap()]);
    ok(&o);
    let s = summary(&o);
    assert!(
        s.contains("0 added, 0 updated, 0 removed, 2 unchanged"),
        "{s}"
    );
    assert_eq!(t.morgue(&["search", "otters"]).status.code(), Some(0));
}
