# leanon: `make run` opens the dashboard, `make test` runs every check.
# Both need Python 3.11 or newer with its venv module (Debian/Ubuntu: the python3-venv
# package) and the package index; `PYTHON=python3.12 make run` picks another Python.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

# A usable venv: its python runs, is 3.11 or newer, and has pip. Anything else (none yet,
# a first try that failed half-way, one made with Python 3.10, a Python since removed) is
# made again by the `venv` target, and everything installed in it with it.
VENV_CHECK = $(BIN)/python -c 'import sys, importlib.util as u; sys.exit(sys.version_info < (3, 11) or u.find_spec("pip") is None)' >/dev/null 2>&1
ifeq ($(shell $(VENV_CHECK) && echo ok),ok)
VENV_READY :=
else
VENV_READY := venv
endif

.PHONY: run test lint bench snapshots clean venv venv-check

venv:
	@if [ -e $(VENV) ]; then echo "$(VENV) is not usable (no Python 3.11 or newer with pip in it): making it again"; fi
	rm -rf $(VENV)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "leanon needs Python 3.11 or newer; '$(PYTHON)' is older, or not there. Pick another: PYTHON=python3.12 make run"; \
		exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "'$(PYTHON) -m venv' failed: on Debian or Ubuntu install python3-venv (apt install python3-venv), or pick another Python: PYTHON=python3.12 make run"; \
		exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

# What make would do about the venv, without doing it: "usable", or "make it again".
venv-check:
	@if [ -z "$(VENV_READY)" ]; then echo "usable"; else echo "make it again"; fi

$(STAMP_RUN): pyproject.toml $(VENV_READY)
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml $(VENV_READY)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# TinyDB's own tests, from the sdist of the installed version, run against leanon's
	# storage by tests/test_tinydb_suite.py (kept in the venv, never in the repo).
	rm -rf $(VENV)/tinydb-tests && mkdir -p $(VENV)/tinydb-tests
	$(BIN)/python -m pip download --quiet --no-deps --no-binary :all: \
		--dest $(VENV)/tinydb-tests "tinydb==$$($(BIN)/python -c 'import tinydb; print(tinydb.__version__)')"
	tar -xzf $(VENV)/tinydb-tests/tinydb-*.tar.gz -C $(VENV)/tinydb-tests
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	@echo "For the leanon command in any shell: pipx install . (or uv tool install .); see the README."
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
