//! Speed of the normalizer, in process, on one core: reads every
//! `*.html.gz` (and `*.html`) page and `*.txt` clipping of a folder into
//! memory, decompresses it, then times `morgue::normalize::normalize` over
//! all of them and prints pages/s and MB/s of input. Run with
//! `cargo run --release --example bench_normalize -- DIR [ROUNDS]`
//! (`make bench-normalize`). It measures; it must not judge quality.

use flate2::read::GzDecoder;
use std::io::Read;
use std::time::Instant;

/// mimalloc instead of the system allocator: html5ever, the tagger and
/// tantivy allocate many small short-lived objects; measured 13% more pages/s
/// in `make bench-normalize`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: bench_normalize DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("bench_normalize: cannot read {dir}: {e}");
            std::process::exit(2);
        }
    };
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.to_string_lossy().into_owned();
        let Ok(raw) = std::fs::read(&path) else {
            eprintln!("bench_normalize: cannot read {name}, skipped");
            continue;
        };
        if let Some(stem) = name.strip_suffix(".gz") {
            let mut html = Vec::new();
            if GzDecoder::new(&raw[..]).read_to_end(&mut html).is_err() {
                eprintln!("bench_normalize: {name} is not valid gzip, skipped");
                continue;
            }
            pages.push((stem.to_string(), html));
        } else if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".txt") {
            pages.push((name, raw));
        }
    }
    pages.sort();
    if pages.is_empty() {
        eprintln!("bench_normalize: no .html, .html.gz or .txt files in {dir}");
        std::process::exit(2);
    }
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    // One warm-up round, then the timed ones; the best round is reported.
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut articles = 0;
    for round in 0..=rounds {
        let t = Instant::now();
        let cpu = thread_cpu_seconds();
        articles = 0;
        for (name, html) in &pages {
            if morgue::normalize::normalize(name, html).is_ok() {
                articles += 1;
            }
        }
        let s = t.elapsed().as_secs_f64();
        if round > 0 {
            best = best.min(s);
            if let (Some(a), Some(b)) = (cpu, thread_cpu_seconds()) {
                best_cpu = best_cpu.min(b - a);
            }
        }
    }
    let n = pages.len() as f64;
    println!(
        "normalize: {} pages, {:.1} MB of HTML, {} articles; best of {} rounds: {:.3} s = {:.0} pages/s, {:.1} MB/s (one thread)",
        pages.len(),
        bytes as f64 / 1e6,
        articles,
        rounds,
        best,
        n / best,
        bytes as f64 / 1e6 / best
    );
    // On a shared machine the wall clock counts time spent waiting for a
    // core; the thread's own CPU time does not.
    if best_cpu < f64::MAX {
        println!(
            "normalize: CPU time of the thread: {:.3} s = {:.0} pages/s, {:.1} MB/s",
            best_cpu,
            n / best_cpu,
            bytes as f64 / 1e6 / best_cpu
        );
    }
}

/// Time this thread has spent on a CPU (Linux `/proc/thread-self/schedstat`).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
