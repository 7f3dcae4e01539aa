# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: help run serve test bench load lint fmt typecheck schema frontend-build e2e test-backend test-frontend clean

help:
	@echo "make run    - the whole product on http://$(HOST):$(PORT) with demo data (embedded default)"
	@echo "make test   - install what the tests need and run every test"
	@echo "make serve  - production processes (gunicorn, worker, beat) from the environment"
	@echo "make bench  - benchmarks"
	@echo "make load   - load test (locust, LOAD_DURATION=5m; needs DATABASE_URL and REDIS_URL)"
	@echo "make lint / fmt / schema"

# --- installation (stamp files: reinstall only when the requirement files change) ---------
$(VENV)/.runtime: requirements.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt constraints.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(shell find frontend/src frontend/index.html -type f 2>/dev/null)
	cd frontend && npm run build

frontend-build: frontend/dist/index.html

# Debian's chromium drives the browser tests; never a browser downloaded by a test tool.
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

# --- run -----------------------------------------------------------------------------------
run: $(VENV)/.runtime frontend-build
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://$(HOST):$(PORT) (Ctrl-C stops web, worker and scheduler)"
	$(VENV)/bin/honcho -f Procfile.dev start

serve: $(VENV)/.runtime
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/honcho -f Procfile start

# --- quality -----------------------------------------------------------------------------
# The last step audits the pins for known vulnerabilities (pip-audit over the venv, npm audit
# --omit=dev over the SPA's lockfile); an unreachable advisory service is reported NOT AUDITED,
# and fails the step only with AUDIT_REQUIRED=1.
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) scripts/audit_dependencies.py

fmt: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

schema: $(VENV)/.dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py spectacular --validate --fail-on-warn --file openapi/schema.yaml
	@if [ -d frontend/node_modules ]; then cd frontend && npm run gen:api --if-present; fi

# --- tests -------------------------------------------------------------------------------
test: lint test-backend test-frontend e2e

test-backend: $(VENV)/.dev
	$(PY) -m pytest

test-frontend: frontend/node_modules/.installed
	cd frontend && npm run lint && npm run typecheck && npm test

# The browser tests run against the embedded default with demo data, in real Chromium.
E2E_PORT ?= 8765
e2e: $(VENV)/.dev /usr/bin/chromium frontend-build
	@rm -f var/e2e.sqlite3* && mkdir -p var
	DATABASE_URL=sqlite:///$(CURDIR)/var/e2e.sqlite3 REDIS_URL= CELERY_TASK_ALWAYS_EAGER=true $(PY) manage.py migrate --noinput --verbosity 0
	DATABASE_URL=sqlite:///$(CURDIR)/var/e2e.sqlite3 REDIS_URL= CELERY_TASK_ALWAYS_EAGER=true $(PY) manage.py seed_demo --quiet
	@set -e; \
	DATABASE_URL=sqlite:///$(CURDIR)/var/e2e.sqlite3 REDIS_URL= CELERY_TASK_ALWAYS_EAGER=true \
	  FRONTEND_URL=http://127.0.0.1:$(E2E_PORT) $(VENV)/bin/gunicorn config.wsgi_local:application --bind 127.0.0.1:$(E2E_PORT) --workers 1 --threads 4 \
	  --log-level warning & server=$$!; \
	trap "kill $$server 2>/dev/null" EXIT; \
	for i in $$(seq 1 50); do curl -sf http://127.0.0.1:$(E2E_PORT)/healthz >/dev/null && break; sleep 0.2; done; \
	cd frontend && E2E_BASE_URL=http://127.0.0.1:$(E2E_PORT) npm run e2e

# wrk (Debian's package) drives the HTTP benchmarks.
/usr/bin/wrk:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; fi

bench: $(VENV)/.dev /usr/bin/wrk
	$(PY) -m bench

# Locust against the production processes on loopback, bounded by LOAD_DURATION (default 5m).
LOAD_DURATION ?= 5m
load: $(VENV)/.dev
	LOAD_DURATION=$(LOAD_DURATION) $(PY) -m bench.load

clean:
	rm -rf $(VENV) var frontend/node_modules frontend/dist
