//! Concurrent use (issue 8): a second `morgue index` while one runs exits 2
//! at once naming the running process; `search` during indexing sees the
//! last commit and never errors; a lock left by a killed run does not block.

use crate::interrupt::{committed_docs, generate, spawn_index, wait_for_commit};
use crate::util::{TestDir, morgue_cmd, ok, stderr, stdout};
use std::time::{Duration, Instant};

#[test]
fn second_index_run_is_refused_and_search_sees_commits() {
    let t = TestDir::new();
    let corpus = t.path().join("c");
    generate(&corpus, 2_000);
    let idx = t.path().join("idx");
    let mut child = spawn_index(t.path(), &idx, &corpus, 40);
    assert!(
        wait_for_commit(&mut child, &idx, 40),
        "run ended before the test could start"
    );

    // A second writer: refused at once, naming the first one's pid.
    let started = Instant::now();
    let o = morgue_cmd(t.path())
        .arg("--index")
        .arg(&idx)
        .arg("index")
        .arg(&corpus)
        .output()
        .unwrap();
    let took = started.elapsed();
    let e = stderr(&o);
    let still_running = child.try_wait().unwrap().is_none();
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(
        e.contains(&format!(
            "is locked by another morgue process (pid {})",
            child.id()
        )),
        "{e}"
    );
    assert!(still_running, "the first run ended during the check");
    assert!(took < Duration::from_secs(5), "refusal took {took:?}");

    // Searches while it runs: never an error, never fewer hits than before.
    let mut last = 0u64;
    let mut searches = 0;
    while child.try_wait().unwrap().is_none() {
        let o = morgue_cmd(t.path())
            .arg("--index")
            .arg(&idx)
            .args(["search", "*", "--json", "-n", "1"])
            .output()
            .unwrap();
        assert!(
            matches!(o.status.code(), Some(0) | Some(1)),
            "search during indexing failed: {}",
            stderr(&o)
        );
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let total = v["total_hits"].as_u64().unwrap();
        assert!(total >= last, "hits went down: {last} -> {total}");
        last = total;
        searches += 1;
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        searches >= 3,
        "only {searches} searches ran during indexing"
    );
    assert_eq!(committed_docs(&idx), 2_000);
}

#[test]
fn lock_of_a_killed_run_does_not_block() {
    let t = TestDir::new();
    let corpus = t.path().join("c");
    generate(&corpus, 1_000);
    let idx = t.path().join("idx");
    let mut child = spawn_index(t.path(), &idx, &corpus, 40);
    assert!(wait_for_commit(&mut child, &idx, 80), "run ended too soon");
    child.kill().unwrap();
    child.wait().unwrap();
    // The killed run left its pid file and tantivy's lock file behind...
    assert!(idx.join("morgue.pid").is_file());
    assert!(idx.join(".tantivy-writer.lock").exists());
    // ...but the lock is an flock held by the process, gone with it.
    let started = Instant::now();
    let o = morgue_cmd(t.path())
        .arg("--index")
        .arg(&idx)
        .arg("index")
        .output()
        .unwrap();
    ok(&o);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(
        !idx.join("morgue.pid").exists(),
        "pid file left after a clean run"
    );
    assert_eq!(committed_docs(&idx), 1_000);
}
