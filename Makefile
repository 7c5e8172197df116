# Two commands a newcomer needs: `make site` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
export NO_MKDOCS_2_WARNING := 1
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve validate schema lint bench bench-scale lock clean

$(STAMP): requirements.lock pyproject.toml tools/fetch_npm.py tools/system_packages.sh
	bash tools/system_packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	$(BIN)/python tools/fetch_npm.py $(VENV)/share/npm
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	bash tools/system_packages.sh --browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# A preview for editing: one language (`make serve PREVIEW=uk`; PREVIEW=all for every one),
# without leaflet PDFs, search indexes and open data. `make site` builds everything.
PREVIEW ?= cs
serve: $(STAMP)
	ROZCESTNIK_PREVIEW=$(PREVIEW) $(BIN)/mkdocs serve

validate: $(STAMP)
	$(BIN)/python -m directory validate data

schema: $(STAMP)
	$(BIN)/python -m directory schema

bench: $(STAMP)
	$(BIN)/python bench/build.py
	$(BIN)/python bench/validation.py
	$(BIN)/python bench/maps.py
	$(BIN)/python bench/finder.py
	$(BIN)/python bench/leaflets.py
	$(BIN)/python bench/lighthouse.py

# Whole-site builds, cold and with the leaflets cached, at 500, 2,000 and 5,000 services
# against a plain Material build of as many pages (~15 min).
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py

# Regenerate the lock after changing pyproject.toml (needs network to PyPI).
lock:
	$(PYTHON) -m pip install --quiet uv==0.13.8
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf site $(VENV) .mypy_cache .ruff_cache .pytest_cache
