# Two commands for a fresh Debian/Ubuntu machine with Python 3.11 (see README):
#   make        install the system packages WeasyPrint needs (with sudo, if missing), install
#               medialit into .venv and build every lesson's PDFs into build/
#   make test   install the test tools too, then lint, type-check and run the tests
#   make test-fast  the tests that need no PDF build, browser or long process: under a minute
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: all install build test test-fast lint system-check clean pictures

all: build

system-check:
	@scripts/install-system-packages
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)" || \
	  { echo "medialit needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -c "import ctypes.util as u, sys; sys.exit(0 if u.find_library('pango-1.0') and u.find_library('pangoft2-1.0') else 1)" || \
	  { echo "WeasyPrint needs the Pango libraries. On Debian/Ubuntu run:"; \
	    echo "  sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"; exit 1; }

$(BIN)/medialit: pyproject.toml | system-check
	@$(PYTHON) -m venv $(VENV) || { echo "Could not make a virtual environment. On Debian/Ubuntu run: sudo apt-get install -y python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

install: $(BIN)/medialit

build: install
	$(BIN)/medialit build lessons
	@echo "To use the medialit command in this terminal, run:  . $(VENV)/bin/activate"

$(VENV)/.test-tools: pyproject.toml $(BIN)/medialit
	@scripts/install-system-packages --test
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

lint: $(VENV)/.test-tools
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)
	$(BIN)/mypy src

# Two workers (pytest-xdist): the long tests (a fresh clone's install, the wheel, the
# benchmark) run beside the rest. Measured on this 2-core machine: 15 min against 19 under
# a load of 6 to 8; `make test-fast` stays in one process (26 s against 40 s with two).
test: lint
	$(BIN)/python -m pytest -n 2 --dist worksteal

# Lint and the quick tests, while working; `make test` before a commit runs everything.
test-fast: lint
	$(BIN)/python -m pytest -q -m 'not slow and not browser and not build'

# The before/after pictures of docs/customising.md (needs pdftoppm, from poppler-utils).
# The README's picture is the first page of the first lesson's student sheet.
pictures: install
	MEDIALIT=$(abspath $(BIN))/medialit docs/examples/make-pictures.sh
	SOURCE_DATE_EPOCH=0 $(BIN)/medialit build lessons/school-start-time.yaml --out build/pictures --quiet
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile build/pictures/school-start-time/student.pdf docs/student-page-1

clean:
	rm -rf build $(VENV)
