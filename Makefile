# Two commands for a fresh machine: `make serve` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
# The Nu Html Checker from npm's vnu-jar, kept inside .venv; the tests find it through VNU_JAR.
VNU_VERSION := 26.9.27
export VNU_JAR := $(abspath $(VENV))/vnu-$(VNU_VERSION)/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: serve test build bench lint chromium vnu schema clean

serve: $(STAMP)  ## Serve the site at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: $(STAMP) chromium vnu  ## Run every test: lint, unit, build and browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup

build: $(STAMP)  ## Build the static site into site/
	$(BIN)/mkdocs build --strict --site-dir site

bench: $(STAMP) chromium  ## Measure build time, page weight and Lighthouse scores into bench/report.md
	$(BIN)/python bench/run.py

schema: $(STAMP)  ## Write the JSON Schema editors use for data/*.yml
	$(BIN)/python -m guidekit schema > schema/guide-data.schema.json

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

chromium:  ## Install Debian's Chromium when no browser is there (browser downloads do not work here)
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium package..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

vnu: $(VNU_JAR)  ## Install the Nu Html Checker, and Java and npm from Debian when missing

$(VNU_JAR):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	missing=; command -v java >/dev/null 2>&1 || missing="default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then echo "Installing Debian's $$missing..."; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; fi
	npm install --silent --no-audit --no-fund --prefix $(VENV)/vnu-$(VNU_VERSION) vnu-jar@$(VNU_VERSION)

clean:
	rm -rf site .cache .pytest_cache .ruff_cache
