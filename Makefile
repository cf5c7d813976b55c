# Two commands do all set-up: `make run` and `make test`. See README.md.
PYTHON ?= python3.13
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/plikt_ci
DEV := DJANGO_DEBUG=1
PORT ?= 8000

.PHONY: install lock catalogs migrate demo run test test-all test-postgres test-browser lint format css check-deploy backup restore clean

# Python packages come from uv.lock: every one pinned, with its hashes (README "Dependencies").
# uv, in the version pyproject.toml requires, is installed into .venv by pip, then installs the
# locked packages; --locked stops with a message when pyproject.toml changed since the lock.
UV_VERSION := $(shell sed -n 's/^required-version = "==\([^"]*\)".*/\1/p' pyproject.toml)
UV := UV_PYTHON_DOWNLOADS=never $(VENV)/bin/uv

$(VENV)/.uv-$(UV_VERSION):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	touch $@

# --compile-bytecode: every process (each test worker, each command) then starts from .pyc
# files instead of compiling Django and Wagtail again, also where PYTHONDONTWRITEBYTECODE is set.
$(VENV)/.installed: pyproject.toml uv.lock $(VENV)/.uv-$(UV_VERSION)
	$(UV) sync --locked --extra dev --compile-bytecode
	touch $@

# After editing pyproject.toml's dependencies: `make lock`. To move to newer versions within
# its ranges: `make lock UPGRADE=wagtail` (one package) or `make lock UPGRADE=all`.
lock: $(VENV)/.uv-$(UV_VERSION)
	$(UV) lock $(if $(UPGRADE),$(if $(filter all,$(UPGRADE)),--upgrade,--upgrade-package $(UPGRADE)))

install: $(VENV)/.installed catalogs

catalogs: $(VENV)/.installed
	$(PY) -m plikt.i18n.catalogs

# The cache table too: development shares its cache between processes, as production does.
migrate: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py createcachetable

demo: migrate
	$(DEV) $(PY) manage.py load_demo_content

# Serves on PORT (make run PORT=18666), with the scheduler beside runserver: scheduled pages
# go live within SCHEDULER_INTERVAL seconds. Ctrl-C stops both.
SCHEDULER_INTERVAL ?= 30
RUN_ENV := $(DEV) WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT)
run: demo
	$(RUN_ENV) $(PY) manage.py create_local_admin --port $(PORT)
	$(RUN_ENV) $(PY) manage.py run_scheduler --interval $(SCHEDULER_INTERVAL) --exit-with-parent & \
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# One pytest-xdist worker per CPU, each with its own test database. Tests that share a
# session fixture (the browser, the public-site crawl) stay in one worker (--dist loadgroup).
# TEST_WORKERS=0 runs everything in this process. Bytecode is written even where the
# environment says not to (PYTHONDONTWRITEBYTECODE, as on CI machines): pytest rewrites the
# test modules' asserts on every import otherwise, in each worker, a few seconds each run.
TEST_WORKERS ?= auto
PYTEST := PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

test: install
	$(PYTEST) $(PYTEST_ARGS)

# Also the tests that start whole process stacks (tests/conftest.py STACK; CI runs them).
test-all: install
	PLIKT_STACK_TESTS=1 $(PYTEST) $(PYTEST_ARGS)

# The same suite on PostgreSQL; pytest-django makes and drops a throwaway test_* database
# (one per worker: test_<name>_gw0, test_<name>_gw1, ...).
test-postgres: install
	DATABASE_URL=$(PG_URL) $(PYTEST) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

check-deploy: install
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=plikt.example $(PY) manage.py check --deploy --fail-level WARNING

# Rebuild static/css/plikt.css from the pinned Designsystemet packages (needs Node 20 + npm).
# The built file is committed, so `make run` and `make test` never need Node.
css:
	npm ci --no-audit --no-fund --loglevel=error
	python3 bin/build_css.py

# Database (pg_dump, or SQLite's online backup) + media into backups/<timestamp>/.
backup: install
	$(PY) -m plikt.backup backup --dest backups

# make restore BACKUP=backups/<timestamp>: replaces the database's contents and media.
restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<timestamp>"; exit 2; }
	$(PY) -m plikt.backup restore "$(BACKUP)"

clean:
	rm -rf $(VENV) staticfiles .test-media .test-cache
