# Two commands on a fresh machine: `make run` (platform with demo data) and `make test`.
# The newest Python 3.11 or later on the PATH (Django 5.2 supports 3.10-3.14); PYTHON=... overrides.
ifndef PYTHON
PYTHON := $(shell for p in python3.14 python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
endif
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The settings default to DEBUG=False (safe for a deployment that forgets the variable);
# these development commands run the platform on your own machine, so they turn it on.
export DEBUG ?= True

.PHONY: run test install install-test migrate demo bench lint format messages

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (none found on the PATH)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py demo

run: demo
	@echo "Ledendemocratie runs at http://127.0.0.1:$(PORT)/ (mail: http://127.0.0.1:$(PORT)/dev/mail/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-test
	bash scripts/test-deps.sh
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install-test
	bash bench/run.sh

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# English catalogs: one locale/ per app (members/locale, ...) plus the root locale/ for the
# project templates; the compiled .mo files are committed so no gettext is needed to run.
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=bench --ignore=tests --ignore=node_modules --ignore=staticfiles --ignore=var
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv --ignore=node_modules
