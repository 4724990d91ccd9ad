# newsevents: set-up, demo and checks. `make demo` and `make test` are all a new machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///newsevents.db

.PHONY: install demo test lint format lock bench train clean

# The venv is rebuilt whenever the lock file or the project's metadata changes.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/newsevents --db $(DB) ingest examples/
	$(BIN)/newsevents --db $(DB) events --format table

test: install
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests scripts bench

format: install
	$(BIN)/ruff format src tests scripts bench

# Throughput of `newsevents analyze --jsonl` on 2,000 articles built from the team's own texts.
bench: install
	$(BIN)/python bench/run.py

# Rebuild the events stage's sentence classifier from training/events/ (deterministic).
train: install
	$(BIN)/python scripts/train_events.py

# Re-pin every dependency (with hashes) from pyproject.toml; needs network access to the index.
lock:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--extra dev --extra data --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
