# Two commands do everything on a fresh machine: `make run` and `make test`.
# Both are idempotent; a second run only does what changed.

HOST ?= 127.0.0.1
# Test processes (pytest-xdist): one per core; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Tooling and the development server run with debug on; tests and the benchmark do not.
DEV := DJANGO_DEBUG=true
DEV_MANAGE := $(DEV) $(MANAGE)

# The first Python 3.12 or newer on PATH (pyenv's shims honour .python-version).
PYTHON := $(shell for candidate in python3.13 python3.12 python3 python; do \
	command -v $$candidate >/dev/null 2>&1 && \
	$$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && \
	{ echo $$candidate; break; }; done)

.PHONY: run test lint format check messages editor bench backup restore unlock clean help

help:
	@echo "make run     serve the site at http://$(HOST):$(PORT) (installs and migrates first)"
	@echo "make test    lint, then every test including the browser tests"
	@echo "make editor  create an editor login for Django admin"
	@echo "make bench   benchmark the production server (see docs/benchmarks.md)"
	@echo "make backup  back up the database into backups/ (make restore FILE=... restores one)"
	@echo "make unlock  lift every admin login lockout"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed: install it (for example 'pyenv install 3.13') and run make again."; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Installs the pinned dependencies from pyproject.toml; re-runs when it changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb")); print("\n".join(p["project"]["dependencies"] + p["dependency-groups"]["dev"]))' > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	@touch $@

install: $(VENV)/.installed

locale/nb/LC_MESSAGES/django.mo: locale/nb/LC_MESSAGES/django.po | $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "GNU gettext is needed to compile translations: install it (for example 'apt-get install gettext') and run make again."; exit 1; }
	$(DEV_MANAGE) compilemessages --ignore=.venv --verbosity 0

staticfiles/staticfiles.json: $(shell find static -type f) $(VENV)/.installed
	$(DEV_MANAGE) collectstatic --noinput --verbosity 0

run: $(VENV)/.installed locale/nb/LC_MESSAGES/django.mo
	$(DEV_MANAGE) migrate --noinput
	$(DEV_MANAGE) loadcontent
	@echo
	@echo "An editor login for http://$(HOST):$(PORT)/admin/: run 'make editor' in another terminal."
	@echo
	$(DEV_MANAGE) runserver $(HOST):$(PORT)

editor: $(VENV)/.installed
	$(DEV_MANAGE) migrate --noinput --verbosity 0
	$(DEV_MANAGE) loadcontent --verbosity 0
	$(DEV_MANAGE) createeditor

# mypy's Django plugin imports the settings, which want a secret key unless debug is on.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV) $(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Collects new interface strings into locale/nb/LC_MESSAGES/django.po.
# The lock keeps two people (or agents) from rewriting the file at once.
messages: $(VENV)/.installed
	$(DEV) flock locale/.lock $(MANAGE) makemessages --locale nb --ignore '.venv/*' --ignore 'staticfiles/*' --no-obsolete --add-location file
	$(DEV) flock locale/.lock $(MANAGE) compilemessages --ignore=.venv --verbosity 0

test: lint locale/nb/LC_MESSAGES/django.mo staticfiles/staticfiles.json
	$(BIN)/python -m pytest --numprocesses $(TEST_WORKERS) $(PYTEST_ARGS)

bench: $(VENV)/.installed locale/nb/LC_MESSAGES/django.mo staticfiles/staticfiles.json
	$(BIN)/python bench/run.py

# The database that DATABASE_URL names (SQLite in db.sqlite3 without it): see deploy/backup.py.
backup: $(VENV)/.installed
	$(BIN)/python deploy/backup.py backup

# Into a fresh, empty database, with the site stopped: make restore FILE=backups/....
restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "Name the backup: make restore FILE=backups/db-20260101-031500.sqlite3"; exit 1; }
	$(BIN)/python deploy/backup.py restore "$(FILE)"

# Lifts the admin login lockouts (django-axes): all of them, or one user name's
# with NAME=editor.
unlock: $(VENV)/.installed
	$(if $(NAME),$(DEV_MANAGE) axes_reset_username "$(NAME)",$(DEV_MANAGE) axes_reset)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm locale/nb/LC_MESSAGES/django.mo
