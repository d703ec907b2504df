//! Interrupted runs and refused indexes (issue 8): `morgue index` killed
//! with SIGKILL at several points converges to exactly one document per
//! article; Ctrl-C (SIGINT) commits and exits 130; an index from another
//! schema version or a newer morgue is refused, never misread.

use crate::util::{TestDir, morgue_cmd, ok, stderr, stdout};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// Writes `n` small articles, each with its own word `artNNNN`, in nested
/// folders. Returns their relative paths.
pub fn generate(root: &Path, n: usize) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    for i in 0..n {
        let rel = format!("{}/{:02}/story-{i:05}.txt", 2000 + i % 7, i % 12 + 1);
        let p = root.join(&rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(
            &p,
            format!(
                "Story number {i}\n\nLONDON (Reuters) - Officials said on Monday that case art{i:05} \
                 was closed after a review of the council's plans.\n\nA second paragraph.\n"
            ),
        )
        .unwrap();
        paths.insert(rel);
    }
    paths
}

/// Live documents in the index's last commit, read from `meta.json` (0
/// when there is no commit yet).
pub fn committed_docs(idx: &Path) -> u64 {
    let Ok(text) = std::fs::read_to_string(idx.join("meta.json")) else {
        return 0;
    };
    let Ok(meta) = serde_json::from_str::<serde_json::Value>(&text) else {
        return 0;
    };
    meta["segments"]
        .as_array()
        .map(|segs| {
            segs.iter()
                .map(|s| {
                    s["max_doc"].as_u64().unwrap_or(0)
                        - s["deletes"]["num_deleted_docs"].as_u64().unwrap_or(0)
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Every indexed path, with duplicates kept (a duplicate is a bug).
pub fn indexed_paths(cwd: &Path, idx: &Path) -> Vec<String> {
    let o = morgue_cmd(cwd)
        .arg("--index")
        .arg(idx)
        .args(["search", "*", "--json", "-n", "100000"])
        .output()
        .unwrap();
    assert!(
        matches!(o.status.code(), Some(0) | Some(1)),
        "search failed: {}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut paths: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    paths
}

/// Starts `morgue index` in the background with small commit batches.
pub fn spawn_index(cwd: &Path, idx: &Path, corpus: &Path, batch: usize) -> Child {
    morgue_cmd(cwd)
        .arg("--index")
        .arg(idx)
        .arg("index")
        .arg(corpus)
        .args(["-j", "1", "-q", "--commit-ms", "60000"])
        .arg(format!("--commit-docs={batch}"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn morgue index")
}

/// Waits until the index has at least `docs` committed or the child has
/// exited. Returns whether the child is still running.
pub fn wait_for_commit(child: &mut Child, idx: &Path, docs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if committed_docs(idx) >= docs {
            return true;
        }
        assert!(Instant::now() < deadline, "no progress in 120 s");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn no_duplicates(paths: &[String]) {
    let set: BTreeSet<&String> = paths.iter().collect();
    assert_eq!(set.len(), paths.len(), "duplicate documents in the index");
}

#[test]
fn killed_runs_converge_to_one_document_per_article() {
    const N: usize = 2_000;
    let t = TestDir::new();
    let corpus = t.path().join("c");
    let all = generate(&corpus, N);

    // The reference: one clean run.
    let clean = t.path().join("clean");
    ok(&morgue_cmd(t.path())
        .arg("--index")
        .arg(&clean)
        .arg("index")
        .arg(&corpus)
        .output()
        .unwrap());
    let reference = indexed_paths(t.path(), &clean);
    assert_eq!(reference.len(), N);
    assert_eq!(
        reference.iter().cloned().collect::<BTreeSet<_>>(),
        all,
        "clean build"
    );

    // Kill at several points; between kills, edit some committed files so
    // an interrupted run also holds updates (delete + add).
    let idx: PathBuf = t.path().join("idx");
    let mut killed_mid_run = 0;
    for (round, at) in [150u64, 700, 1_300].into_iter().enumerate() {
        let mut child = spawn_index(t.path(), &idx, &corpus, 50);
        let running = wait_for_commit(&mut child, &idx, at);
        if running {
            child.kill().unwrap(); // SIGKILL
            killed_mid_run += 1;
        }
        child.wait().unwrap();
        // The index opens and search works at whatever commit it holds.
        let paths = indexed_paths(t.path(), &idx);
        no_duplicates(&paths);
        assert!(paths.len() as u64 >= at.min(N as u64), "round {round}");
        assert!(paths.iter().all(|p| all.contains(p)));
        let st = t.morgue(&["stats"]);
        assert_eq!(st.status.code(), Some(0), "{}", stderr(&st));
        if round == 0 {
            for rel in paths.iter().take(100) {
                let p = corpus.join(rel.as_str());
                let text = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, text.replace("council", "edited council")).unwrap();
            }
        }
    }
    assert!(
        killed_mid_run >= 2,
        "runs finished before they could be killed"
    );

    // The next full run converges: exactly the clean build's documents.
    let o = morgue_cmd(t.path())
        .arg("--index")
        .arg(&idx)
        .arg("index")
        .output()
        .unwrap();
    ok(&o);
    let paths = indexed_paths(t.path(), &idx);
    no_duplicates(&paths);
    assert_eq!(paths, reference);
    assert_eq!(committed_docs(&idx), N as u64);
    // The edits are there, once each.
    let o = morgue_cmd(t.path())
        .arg("--index")
        .arg(&idx)
        .args(["search", "\"edited council\"", "--json", "-n", "1000"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["total_hits"], 100, "{}", stderr(&o));
    // And an unchanged re-run reads nothing.
    let o = morgue_cmd(t.path())
        .arg("--index")
        .arg(&idx)
        .arg("index")
        .output()
        .unwrap();
    let s = stderr(&o);
    assert!(
        s.contains(&format!("0 added, 0 updated, 0 removed, {N} unchanged")),
        "{s}"
    );
}

#[test]
fn ctrl_c_commits_what_is_done_and_exits_130() {
    let t = TestDir::new();
    let corpus = t.path().join("c");
    let all = generate(&corpus, 1_500);
    let idx = t.path().join("idx");
    let mut child = spawn_index(t.path(), &idx, &corpus, 40);
    assert!(
        wait_for_commit(&mut child, &idx, 200),
        "run ended before it could be interrupted"
    );
    let sent = Instant::now();
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    let waited = sent.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(waited < Duration::from_secs(10), "took {waited:?} to stop");
    assert!(
        err.contains("interrupted; everything read so far is committed"),
        "{err}"
    );
    // What was done is committed: the documents the summary counted.
    let line = err.lines().find(|l| l.starts_with("indexed in")).unwrap();
    let added: u64 = line
        .split(": ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!((200..1_500).contains(&added), "{line}");
    assert_eq!(committed_docs(&idx), added, "{line}");
    let stats: serde_json::Value =
        serde_json::from_str(&stdout(&t.morgue(&["stats", "--json"]))).unwrap();
    assert_eq!(stats["last_run"]["interrupted"], true);
    // Running again finishes the job.
    ok(&morgue_cmd(t.path())
        .arg("--index")
        .arg(&idx)
        .arg("index")
        .output()
        .unwrap());
    let paths = indexed_paths(t.path(), &idx);
    no_duplicates(&paths);
    assert_eq!(paths.into_iter().collect::<BTreeSet<_>>(), all);
}

/// Rewrites the commit payload in `meta.json` with `edit`.
fn forge_payload(idx: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let meta_path = idx.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    let mut payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    edit(&mut payload);
    meta["payload"] = serde_json::Value::String(payload.to_string());
    std::fs::write(&meta_path, serde_json::to_string(&meta).unwrap()).unwrap();
}

#[test]
fn index_of_another_schema_or_a_newer_morgue_is_refused() {
    let t = TestDir::new();
    t.create("c/one.txt", "One\n\nSome text about walruses.\n");
    let c = t.path().join("c");
    let c = c.to_str().unwrap();
    ok(&t.morgue(&["index", c]));
    let idx = t.path().join("idx");
    let pristine = std::fs::read(idx.join("meta.json")).unwrap();

    // Another schema version.
    forge_payload(&idx, |p| p["schema_version"] = 999.into());
    for args in [vec!["search", "walruses"], vec!["stats"], vec!["index", c]] {
        let o = t.morgue(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.contains("schema version 999") && e.contains("--rebuild"),
            "{args:?}: {e}"
        );
    }

    // A newer morgue.
    std::fs::write(idx.join("meta.json"), &pristine).unwrap();
    forge_payload(&idx, |p| p["morgue_version"] = "99.0.0".into());
    for args in [vec!["search", "walruses"], vec!["index", c]] {
        let o = t.morgue(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.contains("written by morgue 99.0.0, newer than this morgue"),
            "{args:?}: {e}"
        );
    }
    // An older morgue's index of the same schema is read as usual.
    std::fs::write(idx.join("meta.json"), &pristine).unwrap();
    forge_payload(&idx, |p| p["morgue_version"] = "0.0.1".into());
    assert_eq!(t.morgue(&["search", "walruses"]).status.code(), Some(0));

    // A payload that is not morgue's record.
    std::fs::write(idx.join("meta.json"), &pristine).unwrap();
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(idx.join("meta.json")).unwrap()).unwrap();
    meta["payload"] = "not json at all".into();
    std::fs::write(idx.join("meta.json"), meta.to_string()).unwrap();
    let o = t.morgue(&["search", "walruses"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not morgue's"), "{}", stderr(&o));

    // --rebuild replaces a refused index.
    forge_payload_raw_newer(&idx, &pristine);
    ok(&t.morgue(&["index", c, "--rebuild"]));
    assert_eq!(t.morgue(&["search", "walruses"]).status.code(), Some(0));
}

fn forge_payload_raw_newer(idx: &Path, pristine: &[u8]) {
    std::fs::write(idx.join("meta.json"), pristine).unwrap();
    forge_payload(idx, |p| p["morgue_version"] = "99.0.0".into());
}
