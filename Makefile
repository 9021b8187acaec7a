# krapte — developer and operator entry points. `make run` and `make test` are the README's quick start.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KRAPTE := $(VENV)/bin/krapte
STAMP := $(VENV)/.installed

# Use the PostgreSQL on loopback for the PostgreSQL half of the suite when it answers and nothing else is set.
PG_URL := $(shell pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo postgresql+psycopg://postgres@127.0.0.1:5432/postgres)
export KRAPTE_TEST_POSTGRES_URL ?= $(PG_URL)

.PHONY: install run setup test lint bench data index clean audit-deps lock

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip 'setuptools>=78.1.1'  # the venv's bundled setuptools has CVE-2024-6345, CVE-2025-47273
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev,embeddings,bench]'
	touch $(STAMP)

install: $(STAMP)

setup: install  ## migrate the database and load the embedded default data
	$(KRAPTE) setup

index: install  ## build derived artefacts (search indexes, label embeddings) into the cache
	$(KRAPTE) taxonomy build-index

run: setup index  ## set up, load the default data and start the app
	$(KRAPTE) serve

# The suite shares one cache of derived artefacts per checkout (see tests/conftest.py).
TEST_ENV := KRAPTE_DATA_DIR=$(CURDIR)/.krapte/data KRAPTE_CACHE_DIR=$(CURDIR)/.krapte/cache

test: install  ## everything the tests need (Chromium, the label index), then the whole suite
	@test -x /usr/bin/chromium || ./scripts/install-system-deps.sh
	$(TEST_ENV) $(KRAPTE) taxonomy build-index
	OPENBLAS_NUM_THREADS=1 $(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/mypy

LOCK_VENV := .lock-venv
lock:  ## resolve the dependencies afresh in a throw-away venv and pin them in requirements.lock
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip 'setuptools>=78.1.1'
	$(LOCK_VENV)/bin/python -m pip install --quiet -e '.[dev,embeddings,bench]'
	{ sed -n '1,2p' requirements.lock; $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf $(LOCK_VENV)

audit-deps: install  ## known vulnerabilities in the locked dependencies (pip-audit; skips with a message offline)
	$(PY) scripts/audit_deps.py

bench: install  ## speed and quality figures against baselines computed in the same run
	$(PY) -m bench $(BENCH_ARGS)

data: install  ## rebuild the embedded default data from ../shared/data (committed; reproducible)
	$(PY) scripts/build_data.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist src/*.egg-info
