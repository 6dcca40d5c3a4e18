# Chronology: the two commands of the README are `make site` and `make test`.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test extract serve lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: install, extract seeds/ into content/, build site/
site: $(STAMP)
	$(BIN)/chronology build

## extract: articles in seeds/ -> records in content/
extract: $(STAMP)
	$(BIN)/chronology extract

## serve: preview the site while editing content/
serve: $(STAMP)
	$(BIN)/mkdocs serve

## test: lint, format check, import contracts, type-check and the whole test suite
test: $(STAMP)
	$(BIN)/ruff check generator tests scripts benchmarks
	$(BIN)/ruff format --check generator tests scripts benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -q

## bench: benchmark scripts (ratios against baselines in the same run)
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
