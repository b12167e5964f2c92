# Two commands for a fresh Debian/Ubuntu machine with Python 3.11 (see README):
#   make        install the system packages WeasyPrint needs (with sudo, if missing), install
#               medialit into .venv and build every lesson's PDFs into build/
#   make test   install the test tools too, then lint, type-check and run the tests (all but
#               the set-up tests): a few minutes
#   make test-fast  the tests that need no PDF build, browser or long process: under a minute
#   make test-bench the benchmark scripts run end to end (CI runs them; about a minute)
#   make test-setup the set-up tests: the README's commands in a fresh clone, the wheel
#               installed afresh (minutes; CI runs them after make test)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: all install build test test-fast test-setup test-bench lint system-check clean pictures overview lock lock-check test-floors test-newest

all: build

system-check:
	@scripts/install-system-packages
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)" || \
	  { echo "medialit needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -c "import ctypes.util as u, sys; sys.exit(0 if u.find_library('pango-1.0') and u.find_library('pangoft2-1.0') else 1)" || \
	  { echo "WeasyPrint needs the Pango libraries. On Debian/Ubuntu run:"; \
	    echo "  sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"; exit 1; }

# The exact versions of requirements/, each file checked against its hash, with the venv's own
# pip; then medialit itself (editable: no hash to check) with the locked build backend.
$(BIN)/medialit: pyproject.toml requirements/lock.txt | system-check
	@$(PYTHON) -m venv $(VENV) || { echo "Could not make a virtual environment. On Debian/Ubuntu run: sudo apt-get install -y python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@$(MAKE) --no-print-directory lock-check
	@touch $@

install: $(BIN)/medialit

build: install
	$(BIN)/medialit build lessons
	@echo "To use the medialit command in this terminal, run:  . $(VENV)/bin/activate"

$(VENV)/.test-tools: pyproject.toml requirements/lock-test.txt tests/axe/package-lock.json $(BIN)/medialit
	@scripts/install-system-packages --test
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/lock-test.txt
	@$(MAKE) --no-print-directory lock-check
	@# axe-core for the preview's accessibility tests: the version and hash in tests/axe's lock.
	npm ci --prefix tests/axe --no-audit --no-fund --silent
	@touch $@

# A dependency added to pyproject.toml but not to the lock files fails here, not at run time.
lock-check:
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
	  echo "requirements/ does not match pyproject.toml: run  make lock"; exit 1; }

# Refresh requirements/ after changing pyproject.toml's dependencies (see README). uv comes from
# the current lock, so this works while the lock is out of date.
lock:
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && \
	  $(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/lock-test.txt; }
	UV=$(BIN)/uv PYTHON=$(BIN)/python scripts/lock

lint: $(VENV)/.test-tools
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)
	$(BIN)/mypy src

test: lint
	$(BIN)/python -m pytest -n 2 --dist worksteal -m 'not setup and not bench'

# The benchmark scripts run end to end, to show they still work (CI runs this after make test).
test-bench: $(VENV)/.test-tools
	$(BIN)/python -m pytest -n 2 --dist worksteal -m bench

# Lint and the quick tests, while working; `make test` before a commit runs all but set-up.
test-fast: lint
	$(BIN)/python -m pytest -q -m 'not slow and not browser and not build and not setup'

# What a newcomer does first, in new folders: the README's commands in a fresh clone of the
# last commit (its own make: a new venv, every dependency) and the wheel installed afresh.
test-setup: $(VENV)/.test-tools
	$(BIN)/python -m pytest -m setup

# CI, besides `make test`: the tests that use the dependencies most (both lessons built, check,
# new, an export, the layout cache on WeasyPrint's and pydyf's internals, class packs stamped by
# pypdf, resources refused through WeasyPrint's fetcher), in their own venvs, at the oldest
# versions pyproject.toml allows (requirements/floors.txt, as MkDocs does) and at the newest.
QUICK = -q -p no:cacheprovider -m 'not slow and not browser' \
  tests/test_lessons.py tests/test_new_webpage.py tests/test_cli_output.py \
  tests/test_export_qti.py tests/test_layout_cache.py tests/test_pack.py tests/test_untrusted.py

test-floors: $(VENV)/.test-tools
	rm -rf $(VENV)/floors
	$(BIN)/uv venv --quiet --python $(PYTHON) $(VENV)/floors
	$(BIN)/uv pip sync --quiet --python $(VENV)/floors/bin/python --require-hashes requirements/floors.txt
	$(BIN)/uv pip install --quiet --python $(VENV)/floors/bin/python --no-deps --no-build-isolation -e .
	@$(BIN)/uv pip list --python $(VENV)/floors/bin/python | grep -iE '^(weasyprint|pydyf|pypdf|pydantic|click|trafilatura) '
	$(VENV)/floors/bin/python -m pytest $(QUICK)

test-newest: $(VENV)/.test-tools
	rm -rf $(VENV)/newest
	$(BIN)/uv venv --quiet --python $(PYTHON) $(VENV)/newest
	$(BIN)/uv pip install --quiet --python $(VENV)/newest/bin/python -e '.[test]'
	@$(BIN)/uv pip list --python $(VENV)/newest/bin/python | grep -iE '^(weasyprint|pydyf|pypdf|pydantic|click|trafilatura) '
	$(VENV)/newest/bin/python -m pytest $(QUICK)

# The before/after pictures of docs/customising.md (needs pdftoppm, from poppler-utils).
# The README's picture is the first page of the first lesson's student sheet.
pictures: install
	MEDIALIT=$(abspath $(BIN))/medialit docs/examples/make-pictures.sh
	SOURCE_DATE_EPOCH=0 $(BIN)/medialit build lessons/school-start-time.yaml --out build/pictures --quiet
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile build/pictures/school-start-time/student.pdf docs/student-page-1

# The overview table of lessons/README.md and its pictures (lessons/overview/), from lessons/*.yaml.
overview: install
	$(BIN)/python scripts/lessons_overview.py

clean:
	rm -rf build $(VENV)
