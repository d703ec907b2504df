#!/usr/bin/env python3
"""morgue's benchmark driver (`make bench`): times the release binary on
archives made by ../shared/bench/gen-corpus, as a user would run it.

For each archive (c2k: 2,000 articles, c20k: 20,000; generated once and
cached under bench-data/): cold index, no-change re-index, re-index after
touching 1% of the files, then 20 fixed queries (people's names as phrases,
rare words, two-word phrases from the archive's .gold.jsonl), each run
several times with process start included. Prints articles/s, MB/s, peak
RSS (/usr/bin/time -v), index size and query p50/p95. Where recoll is
installed, times `recollindex` from scratch on the same archive in the same
run and prints the ratio.

Cold indexing is timed --cold-runs times (3) for each tool, the two tools
taking turns, after one read of the whole archive so that both find it in
the page cache: on a shared machine one run can be slowed by a neighbour,
and taking turns spreads that over both. Every run is printed; the ratio
is of the best runs, and of the medians beside it.

Usage: tools/bench.py [--shared ../shared] [--sizes 2000,20000] [--morgue target/release/morgue] [--cold-runs 3]
Not part of CI: speed is measured here, never in tests.
"""
import argparse, json, os, random, re, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS MB, stderr).

    Dirty pages left by earlier steps (a release build, the previous index)
    are written out first, so their writeback is not charged to this run's
    commits (fsync waits for it)."""
    os.sync()
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return wall, (int(m.group(1)) / 1024 if m else float("nan")), p.stderr


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def queries(gold_path, n=20, seed=7):
    rng = random.Random(seed)
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8")]
    people = sorted({p for g in gold for p in g.get("people", [])})
    titles = [g["title"] for g in gold if g.get("title")]
    words = {}
    for t in titles:
        for w in re.findall(r"[A-Za-z]{6,}", t):
            words[w.lower()] = words.get(w.lower(), 0) + 1
    rare = sorted(w for w, c in words.items() if c == 1)
    bigrams = sorted({" ".join(m) for t in titles for m in zip(t.split(), t.split()[1:])
                      if all(re.fullmatch(r"[A-Za-z]{4,}", x) for x in m)})
    qs = [f'"{p}"' for p in rng.sample(people, 7)]
    qs += rng.sample(rare, 7)
    qs += [f'"{b}"' for b in rng.sample(bigrams, 6)]
    return qs[:n]


def recoll_index(corpus, workdir):
    if not shutil.which("recollindex"):
        return None
    conf = Path(workdir) / "recoll-conf"
    if conf.exists():
        shutil.rmtree(conf)
    conf.mkdir(parents=True)
    (conf / "recoll.conf").write_text(f"topdirs = {Path(corpus).resolve()}\nindexStemmingLanguages = english\n")
    wall, rss, _ = timed(["recollindex", "-c", str(conf), "-z"])
    return wall, rss


def bench_one(args, name, n):
    data = Path("bench-data")
    corpus = data / name
    gold = data / f"{name}.gold.jsonl"
    if not corpus.exists():
        print(f"generating {name} ({n} articles)...", flush=True)
        subprocess.run([f"{args.shared}/bench/gen-corpus", str(corpus), "--docs", str(n)], check=True)
    mb = dir_bytes(corpus) / 1e6
    files = sorted(str(p) for p in corpus.rglob("*") if p.is_file())
    idx = Path(tempfile.gettempdir()) / f"morgue-bench-{name}"
    if idx.exists():
        shutil.rmtree(idx)
    env = dict(os.environ)
    env.pop("MORGUE_INDEX", None)
    m = args.morgue
    # Read every file once: both tools then start from the page cache.
    for f in files:
        with open(f, "rb") as fh:
            while fh.read(1 << 20):
                pass
    colds, recolls = [], []
    for _ in range(args.cold_runs):
        if idx.exists():
            shutil.rmtree(idx)
        colds.append(timed([m, "--index", str(idx), "index", str(corpus), "-q"], env)[:2])
        rc = recoll_index(corpus, tempfile.gettempdir())
        if rc:
            recolls.append(rc)
    cold = min(w for w, _ in colds)
    rss = max(r for _, r in colds)
    nochange, rss2, _ = timed([m, "--index", str(idx), "index", str(corpus), "-q"], env)
    rng = random.Random(1)
    touched = rng.sample(files, max(1, len(files) // 100))
    now = time.time() + 10
    for f in touched:
        os.utime(f, (now, now))
    touch, rss3, _ = timed([m, "--index", str(idx), "index", str(corpus), "-q"], env)
    size = dir_bytes(idx) / 1e6
    qs = queries(gold)
    lat = []
    hits = 0
    for q in qs:
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            p = subprocess.run([m, "--index", str(idx), "search", "-n", "10", q], capture_output=True, env=env)
            lat.append((time.perf_counter() - t0) * 1000)
            if p.returncode not in (0, 1):
                sys.exit(f"bench: search {q!r} failed: {p.stderr.decode()[-500:]}")
        hits += p.returncode == 0
    lat.sort()
    p50 = statistics.median(lat)
    p95 = lat[int(len(lat) * 0.95) - 1]
    print(f"\n== {name}: {len(files)} files, {mb:.0f} MB")
    print(f"cold index        {cold:7.2f} s   {len(files)/cold:8.0f} articles/s  {mb/cold:6.1f} MB/s  peak RSS {rss:6.0f} MB  index {size:.0f} MB")
    print(f"  cold runs       {', '.join(f'{w:.2f} s' for w, _ in colds)} (median {statistics.median(w for w, _ in colds):.2f} s); peak RSS {', '.join(f'{r:.0f}' for _, r in colds)} MB")
    print(f"no-change re-run  {nochange:7.3f} s   peak RSS {rss2:.0f} MB")
    print(f"1% touched        {touch:7.3f} s   ({len(touched)} files, {100*touch/cold:.1f}% of cold)  peak RSS {rss3:.0f} MB")
    print(f"queries           p50 {p50:5.1f} ms  p95 {p95:5.1f} ms  ({len(qs)} queries x {args.repeat}, process start and 10 snippets included; {hits}/{len(qs)} with hits)")
    if recolls:
        rbest = min(w for w, _ in recolls)
        rmed = statistics.median(w for w, _ in recolls)
        mmed = statistics.median(w for w, _ in colds)
        print(f"recollindex       {rbest:7.2f} s   peak RSS {max(r for _, r in recolls):.0f} MB   -> morgue is {rbest/cold:.1f}x faster (best runs; medians {rmed:.2f} s vs {mmed:.2f} s: {rmed/mmed:.1f}x)")
        print(f"  recoll runs     {', '.join(f'{w:.2f} s' for w, _ in recolls)}")
    else:
        print("recollindex       not installed (apt-get install recoll) - no ratio")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--sizes", default="2000,20000")
    ap.add_argument("--morgue", default="target/release/morgue")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cold-runs", type=int, default=3)
    a = ap.parse_args()
    for n in [int(x) for x in a.sizes.split(",")]:
        name = f"c{n // 1000}k" if n % 1000 == 0 else f"c{n}"
        bench_one(a, name, n)


if __name__ == "__main__":
    main()
