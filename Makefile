PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNTIME := $(VENV)/.installed-runtime
LOCK := requirements.lock
EXTRAS := dev,dask,postgresql

CHROMIUM ?= /usr/bin/chromium

.PHONY: install lock browser postgresql demo test lint bench clean

install: $(STAMP)

# Everything, at the exact versions of the lock file (pyproject.toml holds the compatible ranges).
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c $(LOCK) -e '.[$(EXTRAS)]'
	touch $(STAMP) $(RUNTIME)

# What crosswire itself needs to run, and no more: the demo's install.
$(RUNTIME): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c $(LOCK) -e .
	touch $(RUNTIME)

# Resolve pyproject.toml's ranges afresh and pin what they give (torch: the CPU build on this disk).
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -e '.[$(EXTRAS)]'
	( echo "# Exact versions for Python 3.11 on Linux x86_64, from \`make lock\`; \`make install\` installs these."; \
	  .lock-venv/bin/pip freeze --exclude-editable | LC_ALL=C sort -f ) > $(LOCK)
	rm -rf .lock-venv

# The browser tests drive Debian's chromium; installed here (as root, as CI runs) only when missing.
browser:
	@test -x $(CHROMIUM) || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

# The store's tests and benchmark run a throwaway server of Debian's postgresql; installed (as root) only when missing.
postgresql:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql)

demo: $(RUNTIME)
	rm -f crosswire.db crosswire.db-wal crosswire.db-shm
	$(BIN)/crosswire ingest examples/seeds --db crosswire.db
	$(BIN)/crosswire articles --db crosswire.db
	$(BIN)/crosswire stories --db crosswire.db
	$(BIN)/crosswire show --db crosswire.db \
		"$$($(BIN)/crosswire stories --db crosswire.db --limit 1 --json | $(BIN)/python -c 'import json, sys; print(json.load(sys.stdin)["id"])')"
	$(BIN)/crosswire datasette-metadata --db crosswire.db --output crosswire-datasette.json
	@echo
	@echo "Done: crosswire.db holds the demo's articles, stories and dossiers. Browse them:"
	@echo "  $(BIN)/crosswire serve --db crosswire.db     then open http://127.0.0.1:8000/ in a browser"
	@echo "  $(BIN)/crosswire stories --db crosswire.db   the stories as a table (JSON Lines when piped)"
	@echo "  $(BIN)/crosswire search Sullivan --db crosswire.db"
	@echo "  $(BIN)/crosswire export --table quotes --format csv --db crosswire.db > quotes.csv"
	@echo "  datasette crosswire.db --metadata crosswire-datasette.json   (Datasette: pip install datasette)"

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
	rm -rf $(VENV) .lock-venv crosswire.db crosswire.db-wal crosswire.db-shm crosswire-datasette.json .pytest_cache .ruff_cache
