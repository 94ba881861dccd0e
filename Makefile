# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv when it is missing and (re)install when pyproject.toml changes.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
PLEDGEWATCH := $(BIN)/pledgewatch

.PHONY: run test lint typecheck pytest bench clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## run: install, initialise the database, load the default agreement, ingest the offline
## sample source (no network), link it, apply its curated review, print the dashboard
run: $(VENV)/.installed
	$(PLEDGEWATCH) init
	$(PLEDGEWATCH) ingest --sample --quiet
	$(PLEDGEWATCH) link
	$(PLEDGEWATCH) review apply
	$(PLEDGEWATCH) status

## test: install with the test extras, then lint, type-check and test on SQLite and PostgreSQL
test: lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/pytest

clean-venv:
	rm -rf $(VENV)
