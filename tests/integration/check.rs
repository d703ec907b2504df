//! `morgue check` and `morgue index --check` (issue 6): the project's own
//! specs over corpus/, every expectation kind passing and failing, malformed
//! specs, JUnit and JSON output, and byte-identical search results from two
//! indexes of the same corpus.

use crate::util::{TestDir, corpus, morgue_cmd, ok, stderr, stdout};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

fn spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/specs")
        .join(name)
}

/// One index of the bundled corpus, built once for the tests that only read it.
fn shared_index() -> &'static Path {
    static INDEX: OnceLock<(TestDir, PathBuf)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let t = TestDir::new();
            ok(&t.morgue(&["index", corpus().to_str().unwrap(), "--quiet"]));
            let idx = t.path().join("idx");
            (t, idx)
        })
        .1
}

/// `morgue --index <shared corpus index> ARGS...`, run in `cwd`.
fn check_in(cwd: &Path, args: &[&str]) -> Output {
    morgue_cmd(cwd)
        .arg("--index")
        .arg(shared_index())
        .args(args)
        .output()
        .expect("run morgue")
}

#[derive(Debug, Deserialize)]
struct Report {
    format_version: u32,
    passed: usize,
    failed: usize,
    errors: usize,
    cases: Vec<CaseOut>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseOut {
    spec: String,
    line: usize,
    name: String,
    query: String,
    status: String,
    reasons: Vec<String>,
    total_hits: Option<usize>,
    top_paths: Vec<String>,
}

fn json_report(o: &Output) -> Report {
    serde_json::from_str(&stdout(o))
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}\n{}", stdout(o), stderr(o)))
}

#[test]
fn corpus_spec_passes_and_make_test_runs_it() {
    let t = TestDir::new();
    let o = check_in(t.path(), &["check", spec("corpus.toml").to_str().unwrap()]);
    let out = ok(&o);
    let lines: Vec<&str> = out.lines().collect();
    let cases = &lines[..lines.len() - 1];
    assert!(cases.len() >= 10, "at least 10 cases: {out}");
    assert!(cases.iter().all(|l| l.starts_with("PASS ")), "{out}");
    assert_eq!(
        lines.last().copied(),
        Some(format!("{} passed, 0 failed", cases.len()).as_str())
    );
}

#[test]
fn project_specs_use_every_expectation_kind() {
    for file in ["corpus.toml", "failing.toml"] {
        let s = morgue::check::load(&spec(file)).unwrap_or_else(|e| panic!("{e}"));
        let e =
            |f: &dyn Fn(&morgue::check::Expectations) -> bool| s.cases.iter().any(|c| f(&c.expect));
        assert!(e(&|x| x.min_hits.is_some()), "{file}: min_hits");
        assert!(e(&|x| x.max_hits.is_some()), "{file}: max_hits");
        assert!(e(&|x| x.top.is_some()), "{file}: top");
        assert!(e(&|x| x.in_top.is_some()), "{file}: in_top");
        assert!(e(&|x| x.snippet_contains.is_some()), "{file}: snippet");
        assert!(e(&|x| !x.people_include.is_empty()), "{file}: people");
        assert!(e(&|x| !x.field_equals.is_empty()), "{file}: fields");
    }
}

/// The deliberately failing spec: every case fails, with its reason.
#[test]
fn failing_spec_fails_with_each_reason() {
    let t = TestDir::new();
    let o = check_in(t.path(), &["check", spec("failing.toml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let too_many = format!(
        "expected at most 3 hits, got {}",
        crate::util::corpus_article_count()
    );
    for (name, reason) in [
        (
            "seed story is not from AP",
            "first hit's source is \"Reuters\", expected \"Associated Press\"",
        ),
        ("too few hits", "expected at least 2 hits, got 1"),
        ("too many hits", too_many.as_str()),
        (
            "wrong first hit",
            "first hit is bbc.com/2019/world-europe-50473792.html, which does not match \"albawaba.com/**\"",
        ),
        (
            "not in the top two",
            "no hit in the top 2 matches \"sciencealert.com/**\"",
        ),
        (
            "snippet lacks the text",
            "first hit's snippet does not contain \"popular mobilisation forces\"",
        ),
        (
            "person not mentioned",
            "first hit's people do not include \"Angela Merkel\"",
        ),
        (
            "dateline list lacks the place",
            "first hit's dateline [\"Baghdad\", \"Washington\"] does not include \"Paris\"",
        ),
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("FAIL {name}: ")))
            .unwrap_or_else(|| panic!("no FAIL line for {name:?}:\n{out}"));
        assert!(line.contains(reason), "{line}\nwanted: {reason}");
    }
    assert!(!out.contains("PASS "), "{out}");
    assert_eq!(out.lines().last(), Some("0 passed, 8 failed"));
}

/// Each expectation kind, a case that holds and one that does not, in one spec.
#[test]
fn every_expectation_kind_passes_and_fails() {
    let kinds: &[(&str, &str, &str, &str)] = &[
        (
            "min_hits",
            "min_hits = 1",
            "min_hits = 2",
            "expected at least 2 hits, got 1",
        ),
        (
            "max_hits",
            "max_hits = 1",
            "max_hits = 0",
            "expected at most 0 hits, got 1",
        ),
        (
            "top",
            "top = \"clippings/000_*.txt\"",
            "top = \"*.txt\"",
            "does not match \"*.txt\"",
        ),
        (
            "in_top",
            "in_top = { k = 1, paths = [\"**/000_8ac7ddf6f77f5d42.txt\"] }",
            "in_top = { k = 1, paths = [\"**/*.html\"] }",
            "no hit in the top 1 matches \"**/*.html\"",
        ),
        (
            "snippet_contains",
            "snippet_contains = \"(PMF)\"",
            "snippet_contains = \"(ISIS)\"",
            "snippet does not contain \"(ISIS)\"",
        ),
        (
            "people_include",
            "people_include = [\"Joe Biden\", \"Qassem Soleimani\"]",
            "people_include = [\"Joe\"]",
            "people do not include \"Joe\"",
        ),
        (
            "field_equals scalar",
            "field_equals = { source = \"Reuters\", publisher = \"The Zimbabwe Mail\" }",
            "field_equals = { publisher = \"Reuters\" }",
            "first hit's publisher is \"The Zimbabwe Mail\", expected \"Reuters\"",
        ),
        (
            "field_equals list",
            "field_equals = { dateline = \"Washington\", people = \"Patrick Ryder\" }",
            "field_equals = { people = \"Ryder\" }",
            "first hit's people [",
        ),
        (
            "field_equals missing",
            "field_equals = { title = \"Iraq prepares to close down US-led coalition’s mission – PM\" }",
            "field_equals = { date = \"2024-01-05\" }",
            "first hit has no date, expected \"2024-01-05\"",
        ),
    ];
    let t = TestDir::new();
    let mut text = String::new();
    for (kind, pass, fail, _) in kinds {
        for (suffix, exp) in [("pass", pass), ("fail", fail)] {
            text.push_str(&format!(
                "[[case]]\nname = \"{kind} {suffix}\"\nquery = '\"Popular Mobilisation Forces\"'\n{exp}\n\n"
            ));
        }
    }
    let file = t.create("kinds.toml", &text);
    let o = check_in(t.path(), &["check", "--json", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let r = json_report(&o);
    assert_eq!(
        (r.passed, r.failed, r.errors),
        (kinds.len(), kinds.len(), 0)
    );
    for (kind, _, _, reason) in kinds {
        let get = |n: String| {
            r.cases
                .iter()
                .find(|c| c.name == n)
                .unwrap_or_else(|| panic!("no case {n}"))
        };
        let p = get(format!("{kind} pass"));
        assert_eq!(p.status, "pass", "{p:?}");
        assert!(p.reasons.is_empty());
        let f = get(format!("{kind} fail"));
        assert_eq!(f.status, "fail", "{f:?}");
        assert_eq!(f.reasons.len(), 1, "{f:?}");
        assert!(f.reasons[0].contains(reason), "{kind}: {:?}", f.reasons);
    }
}

#[test]
fn filters_work_as_in_search() {
    let t = TestDir::new();
    let file = t.create(
        "filters.toml",
        r#"
[[case]]
name = "person"
query = "*"
person = "Sudani"
max_hits = 1
top = "clippings/000_8ac7ddf6f77f5d42.txt"

[[case]]
name = "source and dateline"
query = "*"
source = "Reuters"
dateline = "Baghdad"
max_hits = 1
field_equals = { path = "clippings/000_8ac7ddf6f77f5d42.txt" }

[[case]]
name = "dates exclude the undated seed"
query = "Popular Mobilisation Forces"
since = "2000-01-01"
until = "2100-01-01"
max_hits = 0
"#,
    );
    let o = check_in(t.path(), &["check", file.to_str().unwrap()]);
    assert_eq!(ok(&o).lines().last(), Some("3 passed, 0 failed"));
}

/// Bad TOML, an unknown key, a wrong type: exit 2, file and line named, nothing run.
#[test]
fn malformed_specs_exit_2_with_file_and_line() {
    let t = TestDir::new();
    let head = "[[case]]\nname = \"a\"\nquery = \"iraq\"\n";
    for (file, text, line, words) in [
        (
            "bad-toml.toml",
            format!("{head}min_hits = = 1\n"),
            4,
            "extra `=`",
        ),
        (
            "unclosed.toml",
            "[[case]]\nname = \"a\nquery = \"q\"\n".to_string(),
            2,
            "",
        ),
        (
            "unknown-key.toml",
            format!("{head}min_hit = 1\n"),
            4,
            "unknown field `min_hit`",
        ),
        (
            "unknown-field.toml",
            format!("{head}min_hits = 1\nfield_equals = {{ colour = \"red\" }}\n"),
            5,
            "unknown field `colour`",
        ),
        (
            "unknown-in-top.toml",
            format!("{head}in_top = {{ k = 1, path = [\"x\"] }}\n"),
            4,
            "unknown field `path`",
        ),
        (
            "wrong-type.toml",
            format!("{head}min_hits = \"one\"\n"),
            4,
            "invalid type: string \"one\"",
        ),
        (
            "wrong-type-list.toml",
            format!("{head}people_include = \"Joe Biden\"\n"),
            4,
            "invalid type",
        ),
        (
            "negative.toml",
            format!("{head}max_hits = -1\n"),
            4,
            "invalid value",
        ),
        (
            "bad-glob.toml",
            format!("{head}\ntop = \"clippings/[a\"\n"),
            5,
            "bad glob",
        ),
        (
            "top-level-key.toml",
            format!("min_hits = 1\n\n{head}"),
            1,
            "unknown field `min_hits`",
        ),
        (
            "expects-nothing.toml",
            format!("\n\n{head}"),
            3,
            "expects nothing",
        ),
    ] {
        let path = t.create(file, &text);
        let o = check_in(t.path(), &["check", path.to_str().unwrap()]);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{file}: {e}");
        let want = format!("{}:{line}:", path.display());
        assert!(e.contains(&want), "{file}: wanted {want} in {e}");
        assert!(e.contains(words), "{file}: wanted {words:?} in {e}");
        assert!(stdout(&o).is_empty(), "{file}: no case may run");
        assert!(!e.contains("panicked"), "{e}");
    }
    // Not UTF-8: the line of the first bad byte.
    let latin1 = t.create(
        "latin1.toml",
        b"[[case]]\nname = \"caf\xe9\"\nquery = \"q\"\n",
    );
    let o = check_in(t.path(), &["check", latin1.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{}:2:", latin1.display())) && stderr(&o).contains("UTF-8"),
        "{}",
        stderr(&o)
    );
    // An unreadable spec and a missing index are exit 2 as well.
    let o = check_in(t.path(), &["check", "no-such-spec.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-spec.toml"), "{}", stderr(&o));
    let good = spec("corpus.toml");
    let o = t.morgue(&["check", good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("could not open index"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_query_that_cannot_run_is_an_error_not_a_failure() {
    let t = TestDir::new();
    let file = t.create(
        "err.toml",
        "[[case]]\nname = \"fine\"\nquery = \"iraq\"\nmin_hits = 1\n\n\
         [[case]]\nname = \"bad date\"\nquery = \"iraq\"\nsince = \"last tuesday\"\nmin_hits = 1\n",
    );
    let o = check_in(t.path(), &["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.contains("PASS fine"), "{out}");
    assert!(
        out.contains(&format!(
            "ERROR bad date: {}:7: invalid since \"last tuesday\"",
            file.display()
        )),
        "{out}"
    );
    assert_eq!(out.lines().last(), Some("1 passed, 0 failed, 1 error"));
}

/// JUnit XML parses and lists each case, failures with their message.
#[test]
fn junit_output_is_xml_with_every_case() {
    let t = TestDir::new();
    let xml_path = t.path().join("out/results.xml");
    std::fs::create_dir_all(xml_path.parent().unwrap()).unwrap();
    let a = spec("corpus.toml");
    let b = spec("failing.toml");
    let o = check_in(
        t.path(),
        &[
            "check",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--junit",
            xml_path.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let human = stdout(&o);
    let xml = std::fs::read_to_string(&xml_path).expect("JUnit file written");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 2);
    assert_eq!(suites[0].attribute("name"), a.to_str());
    assert_eq!(suites[1].attribute("name"), b.to_str());
    assert_eq!(suites[1].attribute("failures"), Some("8"));
    assert_eq!(suites[0].attribute("failures"), Some("0"));

    let mut seen = 0;
    for suite in &suites {
        let file = suite.attribute("name").unwrap();
        let spec = morgue::check::load(Path::new(file)).unwrap();
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(cases.len(), spec.cases.len());
        assert_eq!(
            suite.attribute("tests"),
            Some(cases.len().to_string().as_str())
        );
        for (node, case) in cases.iter().zip(&spec.cases) {
            seen += 1;
            assert_eq!(node.attribute("name"), Some(case.name.as_str()));
            assert_eq!(node.attribute("line"), Some(case.line.to_string().as_str()));
            let failure = node.children().find(|n| n.has_tag_name("failure"));
            let fail_line = human
                .lines()
                .find(|l| l.starts_with(&format!("FAIL {}: ", case.name)));
            match (failure, fail_line) {
                (None, None) => {}
                (Some(f), Some(l)) => {
                    let msg = f.attribute("message").unwrap();
                    assert_eq!(l, format!("FAIL {}: {msg}", case.name));
                    let body = f.text().unwrap_or("");
                    assert!(body.contains(&format!("query: {}", case.query)), "{body}");
                    assert!(body.contains(msg), "{body}");
                }
                (f, l) => panic!("{}: junit {f:?} but human {l:?}", case.name),
            }
        }
    }
    assert_eq!(
        root.attribute("tests"),
        Some(seen.to_string().as_str()),
        "{xml}"
    );
    assert!(seen >= 18);
}

#[test]
fn json_output_follows_the_documented_schema() {
    let t = TestDir::new();
    let b = spec("failing.toml");
    let o = check_in(t.path(), &["check", "--json", b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let r = json_report(&o);
    assert_eq!(r.format_version, 1);
    assert_eq!((r.passed, r.failed, r.errors), (0, 8, 0));
    let first = &r.cases[0];
    assert_eq!(first.spec, b.to_str().unwrap());
    assert_eq!(first.line, 6);
    assert_eq!(first.name, "seed story is not from AP");
    assert_eq!(first.query, "Popular Mobilisation Forces");
    assert_eq!(first.status, "fail");
    assert_eq!(first.total_hits, Some(1));
    assert_eq!(
        first.top_paths,
        vec!["clippings/000_8ac7ddf6f77f5d42.txt".to_string()]
    );
    // The text is one object on one line, and the same on a second run.
    let again = check_in(t.path(), &["check", "--json", b.to_str().unwrap()]);
    assert_eq!(stdout(&o), stdout(&again));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn index_check_indexes_then_checks() {
    let t = TestDir::new();
    let c = corpus();
    let good = spec("corpus.toml");
    let xml = t.path().join("r.xml");
    let o = t.morgue(&[
        "index",
        c.to_str().unwrap(),
        "--quiet",
        "--check",
        good.to_str().unwrap(),
        "--junit",
        xml.to_str().unwrap(),
    ]);
    let out = ok(&o);
    assert!(stderr(&o).contains("added"), "{}", stderr(&o));
    assert!(
        out.lines().last().unwrap().ends_with(" passed, 0 failed"),
        "{out}"
    );
    roxmltree::Document::parse(&std::fs::read_to_string(&xml).unwrap()).unwrap();

    // Failing checks: exit 1 after an (incremental) run.
    let bad = spec("failing.toml");
    let o = t.morgue(&["index", "--quiet", "--check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("44 unchanged"), "{}", stderr(&o));

    // A bad spec stops before indexing.
    let t2 = TestDir::new();
    let broken = t2.create("broken.toml", "[[case]]\nname = 1\n");
    let o = t2.morgue(&[
        "index",
        c.to_str().unwrap(),
        "--check",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.toml:2:"), "{}", stderr(&o));
    assert!(!t2.path().join("idx").exists(), "nothing indexed");

    // --junit needs --check.
    let o = t2.morgue(&["index", c.to_str().unwrap(), "--junit", "x.xml"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Issue 6 acceptance: indexes built from the same corpus by separate runs
/// give byte-identical `search --json` for every query of the project's
/// specs, and the same `check --json`. The runs differ in how documents land
/// in segments: one worker thread (one segment), four threads (segments in
/// whatever order the threads finish), two incremental runs (a first
/// segment holding only dated stories, then the rest), which once gave a
/// date-filtered query a different score, and a run committing every five
/// articles, whose small segments are merged at its end.
#[test]
fn indexes_of_one_corpus_answer_byte_identically() {
    let t = TestDir::new();
    let root = t.copy_corpus("corpus");
    let idx = [
        t.path().join("idx-one-thread"),
        t.path().join("idx-four-threads"),
        t.path().join("idx-two-runs"),
        t.path().join("idx-compacted"),
    ];
    let index = |dir: &Path, extra: &[&str]| {
        let o = morgue_cmd(t.path())
            .arg("--index")
            .arg(dir)
            .args(["index", root.to_str().unwrap(), "--quiet"])
            .args(extra)
            .output()
            .unwrap();
        ok(&o);
    };
    index(&idx[0], &["-j", "1"]);
    index(&idx[1], &["-j", "4"]);
    index(&idx[3], &["-j", "2", "--commit-docs=5"]);
    // Nine commits of five articles or fewer: merged into one segment.
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(idx[3].join("meta.json")).unwrap()).unwrap();
    assert_eq!(meta["segments"].as_array().unwrap().len(), 1, "{meta}");
    // Two runs: first only two folders of dated AP stories, then the rest.
    let stash = t.path().join("stash");
    std::fs::create_dir(&stash).unwrap();
    let first: [&str; 2] = ["ctpost.com", "sfgate.com"];
    let mut moved = Vec::new();
    for e in std::fs::read_dir(&root).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_dir() && !first.contains(&name.as_str()) {
            std::fs::rename(e.path(), stash.join(&name)).unwrap();
            moved.push(name);
        }
    }
    index(&idx[2], &["-j", "1"]);
    for name in &moved {
        std::fs::rename(stash.join(name), root.join(name)).unwrap();
    }
    index(&idx[2], &["-j", "1"]);

    let run = |dir: &Path, args: &[String]| -> Output {
        morgue_cmd(t.path())
            .arg("--index")
            .arg(dir)
            .args(args)
            .output()
            .unwrap()
    };
    let s = morgue::check::load(&spec("corpus.toml")).unwrap();
    let f = morgue::check::load(&spec("failing.toml")).unwrap();
    let mut compared = 0;
    for case in s.cases.iter().chain(&f.cases) {
        let mut args: Vec<String> =
            vec!["search".into(), "--json".into(), "-n".into(), "100".into()];
        let fl = &case.filters;
        for (flag, v) in [
            ("--person", &fl.person),
            ("--source", &fl.source),
            ("--dateline", &fl.dateline),
            ("--since", &fl.since),
            ("--until", &fl.until),
        ] {
            if let Some(v) = v {
                args.push(flag.into());
                args.push(v.clone());
            }
        }
        args.push("--".into());
        args.push(case.query.clone());
        let a = run(&idx[0], &args);
        assert!(
            matches!(a.status.code(), Some(0) | Some(1)),
            "{}: {}",
            case.name,
            stderr(&a)
        );
        for other in &idx[1..] {
            let b = run(other, &args);
            assert_eq!(a.status.code(), b.status.code(), "{}", case.name);
            assert!(
                a.stdout == b.stdout,
                "{}: search --json differs between {} and {}\n{}\n{}",
                case.name,
                idx[0].display(),
                other.display(),
                stdout(&a),
                stdout(&b)
            );
        }
        compared += 1;
    }
    assert!(compared >= 18);
    let args: Vec<String> = ["check", "--json"]
        .iter()
        .map(|s| s.to_string())
        .chain([spec("corpus.toml"), spec("failing.toml")].map(|p| p.display().to_string()))
        .collect();
    let a = run(&idx[0], &args);
    for other in &idx[1..] {
        assert_eq!(a.stdout, run(other, &args).stdout);
    }
}

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The text between the line starting with `first` and the line starting with `last`.
fn readme_block(first: &str, last: &str) -> String {
    let text = readme();
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with(first) {
            inside = true;
        }
        if inside {
            out.push(line);
            if line.starts_with(last) {
                return out.join("\n") + "\n";
            }
        }
    }
    panic!("README has no block from {first:?} to {last:?}");
}

/// The README's full spec example passes over corpus/.
#[test]
fn readme_spec_example_passes() {
    let t = TestDir::new();
    let file = t.create(
        "archive.toml",
        readme_block("# specs/archive.toml", "max_hits = 0"),
    );
    let s = morgue::check::load(&file).unwrap_or_else(|e| panic!("{e}"));
    let c = &s.cases[0].expect;
    assert!(c.min_hits.is_some() && c.max_hits.is_some() && c.top.is_some());
    assert!(c.in_top.is_some() && c.snippet_contains.is_some());
    assert!(!c.people_include.is_empty() && !c.field_equals.is_empty());
    let o = check_in(t.path(), &["check", file.to_str().unwrap()]);
    assert_eq!(ok(&o).lines().last(), Some("2 passed, 0 failed"));
}

/// The README's shell script builds an index from a folder and runs a spec.
#[test]
fn readme_shell_script_runs_the_checks() {
    let t = TestDir::new();
    let script = t.create(
        "morgue-checks.sh",
        readme_block("#!/bin/sh", "exit \"$status\""),
    );
    let good = spec("corpus.toml");
    let bad = spec("failing.toml");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_morgue")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |specs: &[&Path]| {
        std::process::Command::new("sh")
            .arg(&script)
            .arg(corpus())
            .args(specs)
            .current_dir(t.path())
            .env("PATH", &path)
            .env_remove("MORGUE_INDEX")
            .output()
            .unwrap()
    };
    let o = run(&[&good]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("morgue: all checks passed"));
    let xml = std::fs::read_to_string(t.path().join("morgue-checks.xml")).unwrap();
    roxmltree::Document::parse(&xml).unwrap();
    let o = run(&[&good, &bad]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

/// The exit codes of check are in `--help`.
#[test]
fn help_documents_check_and_its_exit_codes() {
    let t = TestDir::new();
    let help = ok(&t.morgue(&["--help"]));
    assert!(help.contains("check"), "{help}");
    assert!(
        help.contains("a case failed") || help.contains("failing case"),
        "{help}"
    );
    let help = ok(&t.morgue(&["check", "--help"]));
    for words in ["[[case]]", "--junit", "field_equals", "Exit status"] {
        assert!(help.contains(words), "{words}: {help}");
    }
    let help = ok(&t.morgue(&["index", "--help"]));
    assert!(help.contains("--check"), "{help}");
}
