# Two commands for a fresh machine: `make serve` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
# The Nu Html Checker from npm's vnu-jar, kept inside .venv; the tests find it through VNU_JAR.
VNU_VERSION := 26.9.27
export VNU_JAR := $(abspath $(VENV))/vnu-$(VNU_VERSION)/node_modules/vnu-jar/build/dist/vnu.jar
# Installs Debian packages named after it that are missing (as root, or with sudo).
APT_INSTALL := if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq

.PHONY: serve test engine-check soak build check bench lint chromium npm vnu schema clean

serve: $(STAMP)  ## Serve the site at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: $(STAMP) chromium vnu  ## Run every test: lint, unit, build and browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# TESTS: other test paths and pytest options, or --guide DIR to swap in another guide than the starter
engine-check: $(STAMP) chromium vnu  ## Run the engine tests with the starter in place of data/ and content/
	$(BIN)/python -m tests.support.swap -n 2 $(TESTS)

RUNS ?= 10
LOAD ?= 0
soak: $(STAMP) chromium vnu  ## Run the tests RUNS times (LOAD=1: beside a process keeping a core busy)
	$(BIN)/python -m tests.support.soak --runs $(RUNS) --load $(LOAD)

build: $(STAMP)  ## Build the static site into site/
	$(BIN)/mkdocs build --strict --site-dir site

check: $(STAMP)  ## Check data/ and content/ for mistakes, one line each, without building
	@$(BIN)/python -m guidekit check

bench: $(STAMP) chromium npm  ## Measure build time, page weight and Lighthouse scores into bench/report.md
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
	  echo "Installing Debian's chromium package..."; $(APT_INSTALL) chromium >/dev/null; }

npm:  ## Install Debian's npm when missing (Lighthouse and the Nu Html Checker come from npm)
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's npm package..."; $(APT_INSTALL) npm >/dev/null; }

vnu: $(VNU_JAR)  ## Install the Nu Html Checker, and Java and npm from Debian when missing

$(VNU_JAR): | npm
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's default-jre-headless package..."; \
	  $(APT_INSTALL) default-jre-headless >/dev/null; }
	npm install --silent --no-audit --no-fund --prefix $(VENV)/vnu-$(VNU_VERSION) vnu-jar@$(VNU_VERSION)

clean:
	rm -rf site .cache .pytest_cache .ruff_cache
