# Two set-up commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test install install-dev browser postgres bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: install-dev browser postgres
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

bench: install-dev
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
