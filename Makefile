# Two entry points on a fresh Debian/Ubuntu machine:
#   make demo   installs everything and builds the example newsletter into dist/
#   make test   installs everything, runs the linter, runs the tests (they build and check the
#               example, with `publisher check --strict`, among much else)
#   make fuzz   (for developers) runs the property tests much longer than make test does
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Python may keep compiled modules (in __pycache__/, ignored by git): without them every
# process the tests start compiles publisher from source again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: demo test tests fuzz setup system-deps lint typecheck clean

demo: setup
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || date +%s) $(BIN)/publisher build
	@echo "See the web archive as readers will: $(BIN)/publisher serve (opens your browser;"
	@echo "opened from the disk, its links show folders). dist/ has the PDF, EPUB, email and feeds."

# The linter and the type check run beside the tests (a failure in any fails `make test`).
# SETUP_DONE: they need not check the system packages and installs again (1.4 s).
test: setup
	$(MAKE) --no-print-directory -j3 lint typecheck tests SETUP_DONE=1

# What lint, typecheck and tests need first: the set-up, unless `make test` has just done it.
READY := $(if $(SETUP_DONE),,setup)

# Both cores; each test module's tests go to one worker, so its fixtures (a built workspace,
# a browser) are made once; the longest modules first (tests/conftest.py). pytest's "no tests ran" (exit 5) fails too.
tests: $(READY)
	$(BIN)/pytest -n 2 --dist loadscope --no-loadscope-reorder

# The property tests of tests/test_fuzz.py with 40 times the examples, new ones every run.
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz PUBLISHER_FUZZ_SCALE=40 $(BIN)/pytest tests/test_fuzz.py

lint: $(READY)
	$(BIN)/ruff check publisher tests bench
	$(BIN)/ruff format --check publisher tests bench

# mypy, strict on publisher/ (settings in pyproject.toml).
typecheck: $(READY)
	$(BIN)/mypy

# The Python and npm installs run side by side (about 13 s each).
setup: system-deps
	$(MAKE) --no-print-directory -j2 $(VENV)/.installed node_modules/.installed

system-deps:
	@scripts/install-system-deps.sh

$(VENV)/.installed: pyproject.toml
	# uv resolves and installs the ~150 packages in seconds where pip takes a minute. It is
	# installed by the pip wheel Python ships for ensurepip, run in place (pip supports being
	# run from its wheel): a venv made with pip and setuptools of its own takes 9 s longer.
	$(PYTHON) -m venv --without-pip $(VENV)
	scripts/install-uv.sh $(BIN)/python
	# publisher is compiled to bytecode here, once, not by both test workers at once (the
	# ~150 packages are not: compiling all of them takes longer than it saves).
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test]'
	$(BIN)/python -m compileall -q publisher
	touch $@

node_modules/.installed: package.json package-lock.json
	# Ace drives Debian's Chromium: no Electron or Puppeteer browser downloads. Packages
	# already in npm's cache are used without asking the registry whether they changed
	# (the lock file pins them by hash); those missing are fetched: 4 s less.
	ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf dist $(VENV) node_modules .pytest_cache test-artifacts
