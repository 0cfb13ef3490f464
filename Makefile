# leanon: `make run` opens the dashboard, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint bench snapshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# TinyDB's own tests, from the sdist of the installed version, run against leanon's
	# storage by tests/test_tinydb_suite.py (kept in the venv, never in the repo).
	rm -rf $(VENV)/tinydb-tests && mkdir -p $(VENV)/tinydb-tests
	$(BIN)/python -m pip download --quiet --no-deps --no-binary :all: \
		--dest $(VENV)/tinydb-tests "tinydb==$$($(BIN)/python -c 'import tinydb; print(tinydb.__version__)')"
	tar -xzf $(VENV)/tinydb-tests/tinydb-*.tar.gz -C $(VENV)/tinydb-tests
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/leanon

lint: $(STAMP_TEST)
	$(BIN)/ruff check storage widgets tui tests bench
	$(BIN)/ruff format --check storage widgets tui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest -n 2 -q

snapshots: $(STAMP_TEST)
	$(BIN)/pytest tests -q -k snapshot --snapshot-update

bench: $(STAMP_TEST)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
