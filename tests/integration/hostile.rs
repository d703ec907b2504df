//! Hostile corpus (issue 8): a folder of everything a clippings folder
//! collects over the years, generated here, indexed by the real binary.
//! Every file must come out either indexed (and findable by a word only it
//! holds) or skipped with its named reason; no panic, exit 0, and peak RSS
//! under 1 GB. Also: a folder that disappears between the walk and the read.

use crate::util::{TestDir, morgue_cmd, stderr, stdout};
use std::collections::BTreeMap;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Instant;

/// What must become of one file.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// Indexed; a search for the word finds this file (and only it).
    Indexed(&'static str),
    /// Skipped with this reason.
    Skipped(&'static str),
}

/// Deterministic pseudo-random bytes (no extra crate).
fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for u in s.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn story(title: &str, word: &str) -> String {
    format!(
        "{title}\n\nLONDON (Reuters) - The council said on Monday that the {word} plan \
         would go ahead after a long debate, officials told reporters.\n\n\
         A second paragraph follows, with more words about the plan.\n"
    )
}

/// Builds the hostile corpus under `root` and returns what must become of
/// each file, by its relative path as morgue reports it.
fn build(root: &Path, outside: &Path) -> (BTreeMap<String, Expect>, bool) {
    use Expect::*;
    let mut want = BTreeMap::new();
    let put = |rel: &str, bytes: &[u8]| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };

    put("empty.html", b"");
    want.insert("empty.html".into(), Skipped("empty"));
    put("blank.txt", b"  \n\t\n   ");
    want.insert("blank.txt".into(), Skipped("empty"));
    put("noise.txt", &noise(64 * 1024, 7));
    want.insert("noise.txt".into(), Skipped("binary"));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(noise(20_000, 11));
    put("photos/picture.html", &png);
    want.insert("photos/picture.html".into(), Skipped("binary"));

    // Invalid UTF-8 inside otherwise good text.
    let mut bad = story("Broken bytes story", "quillfeather").into_bytes();
    bad.splice(30..30, b"\xff\xfe\xc3\x28\xa0\xa1".iter().copied());
    put("encodings/invalid-utf8.txt", &bad);
    want.insert("encodings/invalid-utf8.txt".into(), Indexed("quillfeather"));

    // Windows-1252 without a charset: curly quotes, dashes, accents.
    let cp1252 = b"<html><head><title>Caf\xe9 society returns</title></head><body><article>\
        <p>PARIS (Reuters) - The caf\xe9 owners \x93welcomed\x94 the r\xe9sum\xe9 of the \
        marblewing talks \x96 a d\xe9j\xe0 vu for na\xefve visitors, officials said on Monday.</p>\
        <p>Another paragraph with more text so the page reads as an article.</p></article></body></html>";
    put("encodings/cp1252.html", cp1252);
    want.insert("encodings/cp1252.html".into(), Indexed("marblewing"));

    let page = |word: &str| {
        format!(
            "<html><head><title>Wide characters {word}</title></head><body><article>\
             <p>GENEVA (AP) - Delegates from the {word} group met on Tuesday, \
             officials said, and agreed to meet again.</p></article></body></html>"
        )
    };
    put(
        "encodings/utf16le-bom.html",
        &utf16(&page("tidewrack"), true, true),
    );
    want.insert("encodings/utf16le-bom.html".into(), Indexed("tidewrack"));
    put(
        "encodings/utf16be-bom.html",
        &utf16(&page("saltmeadow"), false, true),
    );
    want.insert("encodings/utf16be-bom.html".into(), Indexed("saltmeadow"));
    put(
        "encodings/utf16le-nobom.html",
        &utf16(&page("brackenfold"), true, false),
    );
    want.insert(
        "encodings/utf16le-nobom.html".into(),
        Indexed("brackenfold"),
    );
    put(
        "encodings/utf16be-nobom.txt",
        &utf16(&story("Big endian story", "heronsgate"), false, false),
    );
    want.insert("encodings/utf16be-nobom.txt".into(), Indexed("heronsgate"));

    // A 50 MB single-file archive: the article plus inline styles, scripts
    // and a base64 image, as "save page as one file" tools write them.
    let mut big = String::with_capacity(51 * 1024 * 1024);
    big.push_str("<!doctype html><html><head><title>Archived page glimmerstone</title>");
    for i in 0..200 {
        big.push_str(&format!(
            "<style>.c{i}{{color:red;margin:0}}</style><script>var v{i}='<div>'+{i};</script>"
        ));
    }
    big.push_str("</head><body><article><p>ROME (Reuters) - The glimmerstone inquiry opened on Monday, officials said.</p>");
    big.push_str("<img alt=photo src=\"data:image/png;base64,");
    let b64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    big.extend(
        noise(50 * 1024 * 1024, 3)
            .iter()
            .map(|b| b64[(b & 63) as usize] as char),
    );
    big.push_str("\"></article></body></html>");
    put("big/archive.html", big.as_bytes());
    drop(big);
    want.insert("big/archive.html".into(), Indexed("glimmerstone"));

    // A 50 MB page of real text: read up to the markup limit.
    let para =
        "<p>The ordinary words of an endless page go on and on, paragraph after paragraph.</p>\n";
    let mut text_page = String::from(
        "<html><head><title>Endless page</title></head><body><article><p>OSLO (AP) - The ravelwick report came out.</p>\n",
    );
    while text_page.len() < 50 * 1024 * 1024 {
        text_page.push_str(para);
    }
    text_page.push_str("</article></body></html>");
    put("big/endless.html", text_page.as_bytes());
    drop(text_page);
    want.insert("big/endless.html".into(), Indexed("ravelwick"));

    // 100,000 elements deep, closed and unclosed.
    let deep = format!(
        "<html><head><title>Deep page</title></head><body>{}<p>BERLIN (Reuters) - The cobblewright trial began.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    put("nesting/deep.html", deep.as_bytes());
    want.insert("nesting/deep.html".into(), Indexed("cobblewright"));
    let deep_open = format!(
        "<html><body>{}<p>MADRID (AP) - The fernhollow vote was delayed.",
        "<span><em>".repeat(50_000)
    );
    put("nesting/deep-unclosed.html", deep_open.as_bytes());
    want.insert("nesting/deep-unclosed.html".into(), Indexed("fernhollow"));
    put(
        "nesting/unclosed.html",
        b"<html><head><title>Unclosed tags</title><body><div><p>LIMA (Reuters) - The \
          duskmantle bridge <b>reopened <i>on Friday, <a href='x'>officials said",
    );
    want.insert("nesting/unclosed.html".into(), Indexed("duskmantle"));
    put(
        "nesting/only-script.html",
        b"<script>document.write('<p>not an article</p>'); var x = 1;</script>",
    );
    want.insert("nesting/only-script.html".into(), Skipped("no-text"));

    // .txt with NUL bytes, and a 10 MB single line (word at its very end).
    let mut nul = story("Stray NUL bytes", "pebbleshaw").into_bytes();
    for at in [40, 90, 140] {
        nul.insert(at, 0);
    }
    nul.extend_from_slice(b"\0\0\0\0");
    put("text/nul.txt", &nul);
    want.insert("text/nul.txt".into(), Indexed("pebbleshaw"));
    let mut line = String::from("One very long line\n\n");
    let words = ["market", "report", "minister", "said", "today", "council"];
    let mut k = 0usize;
    while line.len() < 10 * 1024 * 1024 {
        line.push_str(words[k % words.len()]);
        line.push(' ');
        k = k.wrapping_mul(31).wrapping_add(7) % 1009;
    }
    line.push_str("lanternfish");
    put("text/long-line.txt", line.as_bytes());
    want.insert("text/long-line.txt".into(), Indexed("lanternfish"));

    // Awkward names: spaces, a newline, bytes that are not UTF-8.
    put(
        "names/with spaces.txt",
        story("Spaces", "gorsebloom").as_bytes(),
    );
    want.insert("names/with spaces.txt".into(), Indexed("gorsebloom"));
    put(
        "names/new\nline.txt",
        story("Newline", "thistledown").as_bytes(),
    );
    want.insert("names/new\nline.txt".into(), Indexed("thistledown"));
    let latin1_name = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff.txt");
    std::fs::write(
        root.join("names").join(latin1_name),
        story("Latin-1 name", "wickerlamp"),
    )
    .unwrap();
    want.insert(
        "names/caf\u{FFFD} \u{FFFD}.txt".into(),
        Indexed("wickerlamp"),
    );

    // Symbolic links: a loop, one leading out of the tree, one inside.
    std::fs::create_dir_all(root.join("links")).unwrap();
    std::os::unix::fs::symlink("loop.html", root.join("links/loop.html")).unwrap();
    want.insert("links/loop.html".into(), Skipped("symlink-loop"));
    std::fs::write(outside, story("Outside", "farwander")).unwrap();
    std::os::unix::fs::symlink(outside, root.join("links/outside.txt")).unwrap();
    want.insert("links/outside.txt".into(), Skipped("symlink-outside"));
    std::os::unix::fs::symlink("../names/with spaces.txt", root.join("links/inside.txt")).unwrap();
    want.insert("links/inside.txt".into(), Indexed("gorsebloom"));

    // No read permission. Root reads it anyway (CI runs as root): then it
    // must be indexed like any good file.
    let locked = root.join("private/locked.txt");
    std::fs::create_dir_all(locked.parent().unwrap()).unwrap();
    std::fs::write(&locked, story("Locked", "hushwillow")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read(&locked).is_ok();
    want.insert(
        "private/locked.txt".into(),
        if readable_anyway {
            Indexed("hushwillow")
        } else {
            Skipped("unreadable")
        },
    );
    (want, readable_anyway)
}

#[test]
fn hostile_corpus_is_indexed_or_skipped_by_name() {
    let t = TestDir::new();
    let root = t.path().join("c");
    let (want, readable_anyway) = build(&root, &t.path().join("outside-story.txt"));
    if readable_anyway {
        eprintln!(
            "note: running as root, permission bits do not stop reads; locked.txt must be indexed"
        );
    }

    let idx = t.path().join("idx");
    let rss_file = t.path().join("rss.txt");
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.is_file() {
        let mut c = std::process::Command::new(time);
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file);
        c.arg(env!("CARGO_BIN_EXE_morgue"));
        c.current_dir(t.path()).arg("--color=never");
        c
    } else {
        morgue_cmd(t.path())
    };
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("MORGUE_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("--index")
        .arg(&idx)
        .arg("index")
        .arg(&root)
        .arg("-j2");
    let started = Instant::now();
    let o = cmd.output().expect("run morgue");
    let secs = started.elapsed().as_secs_f64();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    if let Ok(kb) = std::fs::read_to_string(&rss_file) {
        let kb: u64 = kb
            .trim()
            .lines()
            .last()
            .unwrap_or("0")
            .trim()
            .parse()
            .unwrap();
        eprintln!(
            "hostile corpus: indexed in {secs:.1}s, peak RSS {} MB",
            kb / 1024
        );
        assert!(kb < 1024 * 1024, "peak RSS {kb} KB is over 1 GB");
    } else {
        eprintln!("hostile corpus: /usr/bin/time not installed; peak RSS not measured");
    }

    // What was skipped, and why (morgue stats keeps the first 200).
    let stats: serde_json::Value =
        serde_json::from_str(&stdout(&t.morgue(&["stats", "--json"]))).unwrap();
    let mut skipped: BTreeMap<String, String> = BTreeMap::new();
    for s in stats["last_run"]["skipped_files"].as_array().unwrap() {
        skipped.insert(
            s["path"].as_str().unwrap().to_string(),
            s["reason"].as_str().unwrap().to_string(),
        );
    }
    // What was indexed.
    let all: serde_json::Value =
        serde_json::from_str(&stdout(&t.morgue(&["search", "*", "--json", "-n", "1000"]))).unwrap();
    let indexed: Vec<String> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect();

    for (path, expect) in &want {
        match expect {
            Expect::Skipped(reason) => {
                assert_eq!(
                    skipped.get(path).map(String::as_str),
                    Some(*reason),
                    "{path:?} should be skipped as {reason}; skipped: {skipped:?}"
                );
                assert!(!indexed.contains(path), "{path:?} was indexed");
            }
            Expect::Indexed(word) => {
                assert!(
                    indexed.contains(path),
                    "{path:?} not indexed; skipped: {skipped:?}"
                );
                let o = t.morgue(&["search", word, "--json"]);
                let hits: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
                let paths: Vec<&str> = hits["hits"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| h["path"].as_str().unwrap())
                    .collect();
                assert!(
                    paths.contains(&path.as_str()),
                    "{word} should find {path:?}: {paths:?}"
                );
            }
        }
    }
    // Nothing else was indexed or skipped.
    let expected_indexed = want
        .values()
        .filter(|e| matches!(e, Expect::Indexed(_)))
        .count();
    assert_eq!(indexed.len(), expected_indexed, "{indexed:?}");
    assert_eq!(skipped.len(), want.len() - expected_indexed, "{skipped:?}");
    // The summary line counts the skips by reason.
    let summary = err.lines().find(|l| l.starts_with("indexed in")).unwrap();
    assert!(
        summary.contains(&format!("{expected_indexed} added")),
        "{summary}"
    );

    // Text came through the right decoders.
    let o = t.morgue(&["search", "marblewing", "--json"]);
    let hit: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(hit["hits"][0]["title"], "Café society returns");
    assert!(
        hit["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("“welcomed”"),
        "{hit}"
    );
    let o = t.morgue(&["search", "tidewrack", "--json"]);
    let hit: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(hit["hits"][0]["title"], "Wide characters tidewrack");

    // A second run reads nothing again and still exits 0.
    let again = t.morgue(&["index", root.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let s = stderr(&again);
    let line = s.lines().find(|l| l.starts_with("indexed in")).unwrap();
    assert!(line.contains("0 added, 0 updated, 0 removed"), "{line}");
}

/// A folder removed after the walk listed its files and before they were
/// read: the files are skipped as `vanished`, the rest is indexed.
#[test]
fn folder_that_disappears_mid_run_is_skipped_as_vanished() {
    use morgue::indexer::{self, IndexOptions, Progress};
    use morgue::summary::SkipReason;

    struct RemoveOnStart(std::path::PathBuf);
    impl Progress for RemoveOnStart {
        fn start(&self, _n: u64) {
            // The walk is over; its file list still names this folder's files.
            std::fs::remove_dir_all(&self.0).unwrap();
        }
    }

    let t = TestDir::new();
    t.create("c/keep/one.txt", story("Kept", "oakenshield"));
    t.create("c/gone/two.txt", story("Gone", "willowisp"));
    t.create("c/gone/three.html", "<p>LONDON - Gone too, a page.</p>");
    let mut options = IndexOptions::new(t.path().join("c"), t.path().join("idx"));
    options.threads = 1;
    let summary = indexer::run(&options, &RemoveOnStart(t.path().join("c/gone"))).unwrap();
    assert_eq!(summary.added, 1, "{summary:?}");
    let mut vanished: Vec<(&str, SkipReason)> = summary
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason))
        .collect();
    vanished.sort();
    assert_eq!(
        vanished,
        vec![
            ("gone/three.html", SkipReason::Vanished),
            ("gone/two.txt", SkipReason::Vanished)
        ]
    );
    let o = t.morgue(&["search", "oakenshield"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(t.morgue(&["search", "willowisp"]).status.code(), Some(1));
}
