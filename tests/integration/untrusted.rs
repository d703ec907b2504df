//! Untrusted text (issue 8): control characters, ANSI escape sequences
//! (7-bit and the 8-bit CSI), bidi overrides and zero-width characters in
//! titles, bodies, metadata and file names never reach standard output or
//! standard error raw; JSON carries them escaped.

use crate::util::{TestDir, ok, stderr};

/// Characters that must never appear raw in human output.
fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n') || morgue::sanitize::is_invisible(c)
}

/// Human output with colour off: no dangerous character at all.
fn assert_clean(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| is_dangerous(c)) {
        panic!("{what}: raw {c:?} in output:\n{s:?}");
    }
}

/// Human output with colour on: only morgue's own SGR sequences.
fn assert_only_own_escapes(what: &str, s: &str) {
    let mut rest = s.to_string();
    for own in ["\x1b[1;31m", "\x1b[1m", "\x1b[2m", "\x1b[0m"] {
        rest = rest.replace(own, "");
    }
    assert_clean(what, &rest);
}

const EVIL_NAME: &str = "evil \x1b[31mred\u{202E}\u{200B}\u{9b}2J\u{7}.txt";

fn corpus(t: &TestDir) {
    t.create(
        &format!("c/{EVIL_NAME}"),
        "Evil \x1b[2J\x1b]0;pwned\x07 title \u{202E}gnp.exe\u{202C} zero\u{200B}width\n\n\
         LONDON (Reuters) - The warlock\x1b[31m council \u{2066}met\u{2069} on Monday\r and\x08 \
         said the quarrelsome\u{9b}31m plan was\u{200D} approved, officials said.\n",
    );
    t.create(
        "c/page.html",
        "<html><head><title>Page \u{1b}[5mblink\u{1b}[0m \u{202D}over\u{202C}</title>\
         <meta name=\"author\" content=\"Jane\u{200B} \u{1b}[7mDoe\">\
         <meta property=\"og:site_name\" content=\"Daily\u{7} \u{202E}Example\"></head>\
         <body><article><p>PARIS (AFP) - The quarrelsome \u{1b}[1mcommittee\u{feff} met again \
         on Tuesday and said\u{8}\u{8}\u{8} nothing.</p></article></body></html>",
    );
    // Skipped files with evil names show up on stderr and in stats.
    t.create("c/empty \x1b[2J\u{202E}.txt", "");
}

#[test]
fn human_output_never_carries_raw_controls() {
    let t = TestDir::new();
    corpus(&t);
    let o = t.morgue(&["index", t.path().join("c").to_str().unwrap()]);
    ok(&o);
    assert_clean("index stderr", &stderr(&o));
    assert!(stderr(&o).contains("\\x1b[2J"), "{}", stderr(&o));

    let o = t.morgue(&["search", "quarrelsome"]);
    let out = ok(&o);
    assert_clean("search", &out);
    assert_clean("search stderr", &stderr(&o));
    // Escaped, not dropped: the reader sees that something was there.
    assert!(out.contains("evil \\x1b[31mred\\x9b2J\\x07.txt"), "{out}");
    assert!(out.contains("warlock council met") || out.contains("quarrelsome"));

    let o = std::process::Command::new(env!("CARGO_BIN_EXE_morgue"))
        .current_dir(t.path())
        .env_remove("NO_COLOR")
        .args(["--index", t.path().join("idx").to_str().unwrap()])
        .args(["--color", "always", "search", "quarrelsome"])
        .output()
        .unwrap();
    let coloured = ok(&o);
    assert!(coloured.contains("\x1b[1;31m"), "{coloured:?}");
    assert_only_own_escapes("search --color always", &coloured);

    let o = t.morgue(&["show", EVIL_NAME]);
    assert_clean("show", &ok(&o));
    let o = t.morgue(&["stats"]);
    let s = ok(&o);
    assert_clean("stats", &s);
    assert!(s.contains("empty \\x1b[2J.txt: empty"), "{s}");
    let o = t.morgue(&["normalize", t.path().join("c/page.html").to_str().unwrap()]);
    assert_clean("normalize", &ok(&o));
}

#[test]
fn stored_text_is_clean_and_json_escapes_the_rest() {
    let t = TestDir::new();
    corpus(&t);
    ok(&t.morgue(&["index", t.path().join("c").to_str().unwrap()]));
    let o = t.morgue(&["search", "quarrelsome", "--json"]);
    let raw = ok(&o);
    // Nothing dangerous in the bytes themselves: JSON escapes controls,
    // morgue escapes bidi, zero-width and C1 controls as \uXXXX.
    assert_clean("search --json", raw.trim_end());
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{raw}");
    let evil = hits
        .iter()
        .find(|h| h["path"].as_str().unwrap().starts_with("evil"))
        .unwrap();
    // The path is the file's real name: scripts must be able to open it.
    assert_eq!(evil["path"], EVIL_NAME);
    assert!(
        std::path::Path::new(&t.path().join("c").join(evil["path"].as_str().unwrap())).is_file()
    );
    // Article text was cleaned when stored.
    for h in hits {
        let stored_unsafe = morgue::sanitize::is_stored_unsafe;
        for key in ["title", "snippet", "publisher", "source"] {
            if let Some(s) = h[key].as_str() {
                assert!(!s.chars().any(stored_unsafe), "{key}: {s:?}");
            }
        }
        for a in h["authors"].as_array().unwrap() {
            assert!(!a.as_str().unwrap().chars().any(stored_unsafe), "{a}");
        }
    }
    assert_eq!(
        evil["title"].as_str().unwrap(),
        "Evil [2J ]0;pwned title gnp.exe zerowidth"
    );
    let page = hits.iter().find(|h| h["path"] == "page.html").unwrap();
    assert_eq!(page["title"].as_str().unwrap(), "Page [5mblink [0m over");

    // normalize --json and stats --json too.
    let o = t.morgue(&[
        "normalize",
        "--json",
        t.path().join("c").join(EVIL_NAME).to_str().unwrap(),
    ]);
    assert_clean("normalize --json", ok(&o).trim_end());
    let o = t.morgue(&["stats", "--json"]);
    let s = ok(&o);
    assert_clean("stats --json", s.trim_end());
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(
        v["last_run"]["skipped_files"][0]["path"],
        "empty \x1b[2J\u{202E}.txt"
    );
}
