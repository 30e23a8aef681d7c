# Two set-up commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# The address the server listens on; HOST=0.0.0.0 serves the room (every network interface).
HOST ?= localhost

.PHONY: run test install install-dev lock catalogs browser postgres office bench fuzz clean

$(BIN)/python:
	@echo "==> creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)

# Installs come from the lock files only: exact versions, every file checked against its hash.
PIP_LOCKED = $(BIN)/python -m pip install --disable-pip-version-check --require-hashes --progress-bar off

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	@echo "==> installing the locked packages from requirements.lock (hashes checked; about 30 s on a new machine)"
	$(PIP_LOCKED) -r requirements.lock
	@echo "==> installing the planner itself (src/, editable)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	@echo "==> installing the locked test packages from requirements-dev.lock"
	$(PIP_LOCKED) -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Regenerate both lock files from requirements.txt / requirements-dev.txt (needs the registry).
# The dev lock is constrained by the run lock, so `make run` and `make test` use the same versions;
# each lock ends with the SHA-256 of its inputs, which tests/test_lock.py compares.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock"
lock: install-dev
	$(UV_COMPILE) requirements.txt -o requirements.lock
	echo "# inputs-sha256: $$(cat requirements.txt | sha256sum | cut -d' ' -f1)" >> requirements.lock
	$(UV_COMPILE) requirements-dev.txt -c requirements.lock -o requirements-dev.lock
	echo "# inputs-sha256: $$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)" >> requirements-dev.lock

# Extract the translatable code strings (babel.cfg: t._("..."), N_("...")) and update every language's catalog;
# then translate the new, empty entries in src/planner/locale/<lang>/LC_MESSAGES/planner.po (tests/test_i18n.py
# fails while an entry is empty or fuzzy). The catalogs are compiled in memory when a document is made.
PYBABEL_KEYWORDS = -k _ -k ngettext:1,2 -k N_
catalogs: install
	mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg $(PYBABEL_KEYWORDS) --no-location --sort-output --omit-header -w 1000 -o build/planner.pot .
	$(BIN)/pybabel update -i build/planner.pot -d src/planner/locale -D planner --no-fuzzy-matching --ignore-obsolete -w 1000

# PLANNER_PUBLIC_URL (the address the others open) reaches the app from make's command line or the environment.
run: install
	@echo "==> starting the planner on http://$(HOST):$(PORT) (another port: make run PORT=8600)"
	@echo "    for a room: make run HOST=0.0.0.0 PLANNER_PUBLIC_URL=http://<this laptop's address>:$(PORT)"
	$(BIN)/python -m planner.ui.serve app.py --server.address $(HOST) --server.port $(PORT)

test: install-dev browser postgres office
	$(BIN)/python -m pytest -q

# $(call apt_install,PACKAGE): install a Debian package as root or through sudo; say so when neither works.
apt_install = if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi; \
	if [ "$$SUDO" = none ]; then echo "cannot install $(1) (not root, no sudo)"; \
	else $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(1) >/dev/null; fi

# Debian's chromium for tests/e2e (Playwright drives it; Playwright's own browser download is not used).
# Without root or sudo the browser tests skip locally; with CI=true they fail instead.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "installing Debian's chromium for the browser tests"; $(call apt_install,chromium); \
	fi

# Property tests with 2,000 examples each (make test runs a few dozen).
fuzz: install-dev
	PLANNER_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/test_properties.py

# Debian's postgresql for the store tests on PostgreSQL (a throwaway server per test session, on loopback).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
		echo "installing Debian's postgresql for the PostgreSQL store tests"; $(call apt_install,postgresql); \
	fi

# Debian's LibreOffice Writer (no GUI) for the Word export test: it converts the .docx headless and checks the text.
# Without root or sudo that test skips locally; with CI=true it fails instead.
office:
	@if ! command -v soffice >/dev/null 2>&1; then \
		echo "installing Debian's libreoffice-writer-nogui for the Word export test"; $(call apt_install,libreoffice-writer-nogui); \
	fi

bench: install-dev
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
