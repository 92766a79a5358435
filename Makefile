# Wayfarer: `make run` serves the app, `make test` checks everything. Both set up .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint typecheck pytest bench eval-model screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The demo keeps its memory sessions across restarts (unset or empty the variable to stop it).
run: $(STAMP)
	WAYFARER_MEMORY_SNAPSHOT_PATH=$${WAYFARER_MEMORY_SNAPSHOT_PATH-.wayfarer/sessions.json} \
		$(BIN)/wayfarer serve

lint: $(STAMP)
	$(BIN)/ruff check backend tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

screenshots: $(STAMP)
	UPDATE_SCREENSHOTS=1 $(BIN)/pytest tests/browser -q -k "360_px or dark_theme or full_trip"

# The bench extra adds the peers of the session-store comparison (never runtime dependencies).
BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench

# The configured model (OPENAI_BASE_URL, WAYFARER_OPENAI_MODEL) next to the offline rules.
eval-model: $(STAMP)
	$(BIN)/wayfarer eval-model

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
