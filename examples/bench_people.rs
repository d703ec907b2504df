//! `make bench-people`: speed of the people step alone, in MB of article
//! text per second on one core. Reads every `.txt` file in a folder (default
//! `../shared/data/conll2003/texts`), runs `metadata::people::extract` over
//! each, several rounds, and prints the throughput. Measures only; asserts nothing.
//!
//! Usage: cargo run --release --example bench_people [DIR] [ROUNDS]

use std::time::Instant;

/// mimalloc instead of the system allocator: html5ever, the tagger and
/// tantivy allocate many small short-lived objects; measured 13% more pages/s
/// in `make bench-normalize`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/data/conll2003/texts".to_string());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut texts = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("bench_people: cannot read {dir}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "txt")
            && let Ok(t) = std::fs::read_to_string(&p)
        {
            texts.push(t);
        }
    }
    if texts.is_empty() {
        eprintln!("bench_people: no .txt files in {dir}");
        return std::process::ExitCode::from(2);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    // Warm up: loads the weights and name lists once, as the first article would.
    let mut names = morgue::metadata::people::extract("", &texts[0], &[], &[]).len();
    let start = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            // Title line apart from the body, as the normalizer hands them over.
            let (title, body) = t.split_once('\n').unwrap_or(("", t));
            names += morgue::metadata::people::extract(title, body, &[], &[]).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "people: {} files, {:.2} MB x {rounds} rounds in {secs:.2} s = {:.2} MB/s on one core ({names} names)",
        texts.len(),
        bytes as f64 / 1e6,
        mb / secs
    );
    std::process::ExitCode::SUCCESS
}
