# morgue — every task runs through this file. `make` alone lists the targets.

SHARED ?= ../shared
CARGO  ?= cargo
MORGUE := target/release/morgue
EVAL   := $(SHARED)/eval

.PHONY: help build test lint unit doc demo eval eval-extraction eval-metadata eval-wire eval-people bench bench-normalize clean

help:
	@echo "make demo    build, index corpus/, search \"Popular Mobilisation Forces\""
	@echo "make test    fmt check, clippy -D warnings, all unit and integration tests"
	@echo "make eval    quality scoreboard on $(SHARED)/data (fails below the floors)"
	@echo "make bench   speed on generated archives (not run in CI)"
	@echo "make bench-normalize  normalizer pages/s and MB/s on $(SHARED)/data/extraction"
	@echo "make build   release build"
	@echo "make lint    fmt check and clippy only"
	@echo "make doc     API docs (cargo doc)"

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

# --- quality scoreboard (development data in $(SHARED)) ---------------------

eval: build eval-extraction eval-metadata eval-wire eval-people

eval-extraction:
	@echo "== article body extraction: $(SHARED)/data/extraction (95 pages)"
	$(EVAL)/run-extraction $(SHARED)/data/extraction --field body -- $(MORGUE) normalize --json {}

eval-metadata:
	@echo "== page metadata: $(SHARED)/data/metadata-gold/dev.jsonl"
	$(EVAL)/score-metadata $(SHARED)/data/metadata-gold/dev.jsonl $(SHARED)/data/extraction -- $(MORGUE) normalize --json {}

eval-wire:
	@echo "== newswire fields: Reuters-21578 clippings (10,051 stories)"
	$(EVAL)/score-metadata $(SHARED)/data/reuters21578/dateline-gold.jsonl $(SHARED)/data/reuters21578 -- $(MORGUE) normalize --json {}

eval-people:
	@echo "== people: CoNLL-2003 dev documents"
	$(EVAL)/score-metadata $(SHARED)/data/conll2003/dev-people.jsonl $(SHARED)/data/conll2003 -- $(MORGUE) normalize --json {}

# Normalizer speed, in process on one thread, over the extraction pages.
bench-normalize:
	$(CARGO) run --release --locked --example bench_normalize -- $(SHARED)/data/extraction/html

clean:
	$(CARGO) clean
	rm -rf .morgue
