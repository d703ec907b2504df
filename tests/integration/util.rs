//! Test helpers: a temporary folder with files written inline, and a
//! `morgue` command with the environment scrubbed of MORGUE_* and NO_COLOR.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's bundled corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A temporary folder that is removed when dropped.
pub struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    pub fn new() -> TestDir {
        TestDir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `name` (folders created as needed).
    pub fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// Copies the bundled corpus into `name`.
    pub fn copy_corpus(&self, name: &str) -> PathBuf {
        let dest = self.dir.path().join(name);
        copy_dir(&corpus(), &dest);
        dest
    }

    /// `morgue --index <tmp>/idx ARGS...` run in this folder.
    pub fn morgue(&self, args: &[&str]) -> Output {
        let idx = self.dir.path().join("idx");
        morgue_cmd(self.dir.path())
            .arg("--index")
            .arg(&idx)
            .args(args)
            .output()
            .expect("run morgue")
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A `morgue` command in `cwd`, environment scrubbed, colour off.
pub fn morgue_cmd(cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_morgue"));
    c.current_dir(cwd);
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("MORGUE_") || k == "NO_COLOR" {
            c.env_remove(k);
        }
    }
    c.arg("--color=never");
    c
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts success and returns stdout.
pub fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "morgue failed ({:?})\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

/// Number of article files in the bundled corpus (folder notes excluded).
pub fn corpus_article_count() -> usize {
    fn walk(p: &Path, n: &mut usize) {
        for e in std::fs::read_dir(p).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), n);
            } else {
                let name = e.file_name().to_string_lossy().to_lowercase();
                if (name.ends_with(".html") || name.ends_with(".txt"))
                    && !name.starts_with("readme")
                {
                    *n += 1;
                }
            }
        }
    }
    let mut n = 0;
    walk(&corpus(), &mut n);
    n
}
