PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM ?= /usr/bin/chromium

.PHONY: install browser postgresql demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

# The browser tests drive Debian's chromium; installed here (as root, as CI runs) only when missing.
browser:
	@test -x $(CHROMIUM) || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

# The store's tests and benchmark run a throwaway server of Debian's postgresql; installed (as root) only when missing.
postgresql:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql)

demo: install
	rm -f crosswire.db crosswire.db-wal crosswire.db-shm
	$(BIN)/crosswire ingest examples/seeds --db crosswire.db
	$(BIN)/crosswire articles --db crosswire.db
	$(BIN)/crosswire stories --db crosswire.db
	$(BIN)/crosswire show --db crosswire.db \
		"$$($(BIN)/crosswire stories --db crosswire.db --limit 1 | $(BIN)/python -c 'import json, sys; print(json.load(sys.stdin)["id"])')"

test: install browser postgresql
	$(BIN)/ruff check crosswire tests benchmarks training
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check crosswire tests benchmarks training
	$(BIN)/ruff format --check crosswire tests benchmarks training

bench: install postgresql
	$(BIN)/python benchmarks/ingest_speed.py
	$(BIN)/python benchmarks/ingest_dask.py
	$(BIN)/python benchmarks/store_backends.py
	$(BIN)/python benchmarks/quotes_polnear.py
	$(BIN)/python benchmarks/dates_tempeval.py
	$(BIN)/python benchmarks/french_gold.py
	$(BIN)/python benchmarks/metadata.py
	$(BIN)/python benchmarks/stories.py
	$(BIN)/python benchmarks/summaries_neus.py
	$(BIN)/python benchmarks/stories_scaling.py
	$(BIN)/python benchmarks/web_speed.py
	$(BIN)/python benchmarks/robustness.py

clean:
	rm -rf $(VENV) crosswire.db crosswire.db-wal crosswire.db-shm .pytest_cache .ruff_cache
