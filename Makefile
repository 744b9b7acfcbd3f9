# cme: `make run` serves the service with demo data; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Local overrides (see .env.example).
-include .env
export
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: bench-matching help install install-dev system-deps migrate static reference-data seed run worker test test-fast check lint format typecheck imports deploy-check clean

help:
	@echo "make run    - set up and serve cme with demo data on http://127.0.0.1:$(PORT)/"
	@echo "make test   - install test dependencies and run every test"
	@echo "make check  - ruff, mypy and import-linter"
	@echo "make worker - run the background job worker on its own"

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian packages the service and its tests need: Chromium for browser tests, fonts for PDFs.
system-deps:
	@bash scripts/install_system_deps.sh

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

reference-data: migrate
	$(PY) manage.py load_reference_data

seed: reference-data
	$(PY) manage.py seed_demo

run: static seed
	@echo "Starting the job worker and the web server on http://127.0.0.1:$(PORT)/ (Ctrl+C stops both)"
	@$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - \
		--access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(L)ss' --env DJANGO_SETTINGS_MODULE=$(DJANGO_SETTINGS_MODULE)

worker: migrate
	$(PY) manage.py db_worker

test: install-dev system-deps
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest -n 2 --dist loadgroup

test-fast: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest -n 2 -m "not browser"

check: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy cme config
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

deploy-check: install
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py check --deploy --fail-level WARNING

# Builds 100,000 synthetic cases in a throwaway database and prints the dashboard's timings (docs/reporting.md).
bench-dashboard: install-dev
	$(PY) scripts/bench_dashboard.py

# FEBRL4 through cme and plain Splink, the interactive check on 200,000 records, twins (docs/matching.md).
# Installs the benchmark-only dependencies (requirements-bench.txt: recordlinkage and what it pulls).
bench-matching: install
	$(PIP) install --quiet --disable-pip-version-check -r requirements-bench.txt
	$(PY) scripts/bench_matching.py

clean:
	rm -rf $(VENV) staticfiles var .mypy_cache .ruff_cache
