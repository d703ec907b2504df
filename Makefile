# morgue — every task runs through this file. `make` alone lists the targets.

SHARED ?= ../shared
CARGO  ?= cargo
MORGUE := target/release/morgue
EVAL   := $(SHARED)/eval

.PHONY: help build test lint unit doc demo fuzz eval eval-extraction eval-metadata eval-wire eval-people bench bench-normalize bench-people train-people clean

help:
	@echo "make demo    build, index corpus/, search \"Popular Mobilisation Forces\""
	@echo "make test    fmt check, clippy -D warnings, all unit and integration tests"
	@echo "make eval    quality scoreboard on $(SHARED)/data (fails below the floors)"
	@echo "make bench   speed on generated archives (not run in CI)"
	@echo "make bench-normalize  normalizer pages/s and MB/s on $(SHARED)/data/extraction"
	@echo "make build   release build"
	@echo "make lint    fmt check and clippy only"
	@echo "make doc     API docs (cargo doc)"
	@echo "make fuzz    fuzz the normalizer and the query parser, FUZZ_SECS (60) each"
	@echo "make train-people  retrain the people tagger on $(SHARED)/data/conll2003"
	@echo "make bench-people  speed of the people step alone (MB/s)"

build:
	$(CARGO) build --release --locked

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --all-targets --locked -- -D warnings

unit:
	$(CARGO) test --locked

test: lint unit

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --document-private-items --locked

demo: build
	$(MORGUE) index corpus
	$(MORGUE) search "Popular Mobilisation Forces"

# --- fuzzing (not part of make test) ----------------------------------------
# Needs `cargo install cargo-fuzz` and nightly compiler features: the nightly
# toolchain when rustup has one, else the stable one with RUSTC_BOOTSTRAP=1.
# New interesting inputs land in fuzz/corpus/; a crash leaves its input in
# fuzz/artifacts/ and fails the target.
FUZZ_SECS ?= 60
FUZZ_CARGO := $(shell rustup toolchain list 2>/dev/null | grep -q '^nightly' && echo '$(CARGO) +nightly' || echo 'RUSTC_BOOTSTRAP=1 $(CARGO)')

fuzz:
	cd fuzz && $(FUZZ_CARGO) fuzz run -O normalize -- -max_total_time=$(FUZZ_SECS) -max_len=65536 -rss_limit_mb=2048 -timeout=20
	cd fuzz && $(FUZZ_CARGO) fuzz run -O query -- -max_total_time=$(FUZZ_SECS) -max_len=512 -timeout=10

# --- quality scoreboard (development data in $(SHARED)) ---------------------

eval: build eval-extraction eval-metadata eval-wire eval-people

eval-extraction:
	@echo "== article body extraction: $(SHARED)/data/extraction (95 pages)"
	$(EVAL)/run-extraction $(SHARED)/data/extraction --field body --min-f1 0.975 -- $(MORGUE) normalize --json {}

eval-metadata:
	@echo "== page metadata: $(SHARED)/data/metadata-gold/dev.jsonl"
	$(EVAL)/score-metadata $(SHARED)/data/metadata-gold/dev.jsonl $(SHARED)/data/extraction \
		--min title=0.95 --min publisher=0.92 --min date=0.97 --min authors=0.90 \
		--min dateline=0.95 --min source=0.95 \
		-- $(MORGUE) normalize --json {}

eval-wire:
	@echo "== newswire fields: Reuters-21578 clippings (10,051 stories)"
	$(EVAL)/score-metadata $(SHARED)/data/reuters21578/dateline-gold.jsonl $(SHARED)/data/reuters21578 \
		--min dateline=0.99 --min source=0.99 --min authors=0.95 --min title=0.99 \
		-- $(MORGUE) normalize --json {}

eval-people:
	@echo "== people: CoNLL-2003 dev documents"
	$(EVAL)/score-metadata $(SHARED)/data/conll2003/dev-people.jsonl $(SHARED)/data/conll2003 \
		--min people=0.90 \
		-- $(MORGUE) normalize --json {}
	@echo "== people: English news pages, $(SHARED)/data/metadata-gold/dev.jsonl --lang en"
	$(EVAL)/score-metadata $(SHARED)/data/metadata-gold/dev.jsonl $(SHARED)/data/extraction --lang en \
		--min people=0.85 \
		-- $(MORGUE) normalize --json {}

# --- people tagger --------------------------------------------------------------

CONLL ?= $(SHARED)/data/conll2003
PEOPLE_WEIGHTS := src/metadata/people/weights.bin

# Retrains the person-name tagger on CoNLL-2003 train (deterministic: same
# input, same weights) and rebuilds. Dev is only reported, never trained on.
train-people:
	$(CARGO) build --release --locked --bin train-people
	target/release/train-people $(CONLL)/train.jsonl $(PEOPLE_WEIGHTS) --epochs 10 --dev $(CONLL)/dev.jsonl
	$(CARGO) build --release --locked

# Speed of the people step alone, one core, on the CoNLL dev texts.
bench-people:
	$(CARGO) run --release --locked --example bench_people -- $(CONLL)/texts 5

# Speed on generated archives (c2k, c20k; cached in bench-data/). Not in CI.
bench: build
	python3 tools/bench.py --shared $(SHARED) --morgue $(MORGUE)

# Normalizer speed, in process on one thread, over the extraction pages.
bench-normalize:
	$(CARGO) run --release --locked --example bench_normalize -- $(SHARED)/data/extraction/html

clean:
	$(CARGO) clean
	rm -rf .morgue
