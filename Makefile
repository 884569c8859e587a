# CoopBot: `make run` and `make test` on a machine with Python >= 3.11 and make.

PYTHON ?= python3
VENV ?= .venv
PYTEST_ARGS ?=
# pytest-xdist workers (more than the 2 cores: most tests wait on HTTP and subprocesses); each has
# its own database schema or files and its own simulator ports.
PYTEST_WORKERS ?= 4

BIN := $(VENV)/bin
# Written once the venv holds this pyproject.toml's dependencies (dev ones included).
STAMP := $(VENV)/.coopbot-installed

.DEFAULT_GOAL := help
.PHONY: help venv run sandbox migrate test bench clean

help:
	@echo "make run      create $(VENV), install, migrate, run the bot"
	@echo "              (serves Telegram with TELEGRAM_BOT_TOKEN set, the sandbox without)"
	@echo "make test     create $(VENV), install the dev dependencies, run the suite"
	@echo "              (PYTEST_ARGS='-k start -x' passes arguments to pytest, PYTEST_WORKERS=1 runs it in one process)"
	@echo "make sandbox  the simulator, demo data and a terminal chat"
	@echo "make migrate  coopbot db upgrade on DATABASE_URL"
	@echo "make bench    CoopBot against a bare python-telegram-bot bot at national scale (bench/results.json)"
	@echo "make clean    remove $(VENV) and caches"

venv: $(STAMP)

# The first Python >= 3.11 among $(PYTHON), python3.13, python3.12, python3.11.
$(STAMP): pyproject.toml
	@set -e; \
	if [ ! -x "$(BIN)/python" ] || ! "$(BIN)/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
	  found=; \
	  for p in $(PYTHON) python3.13 python3.12 python3.11; do \
	    if command -v "$$p" >/dev/null 2>&1 && "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
	      found=$$p; break; \
	    fi; \
	  done; \
	  if [ -z "$$found" ]; then \
	    echo "CoopBot needs Python 3.11 or newer: none found (try make PYTHON=/path/to/python3.11)" >&2; \
	    exit 1; \
	  fi; \
	  echo "Creating $(VENV) with $$found ($$("$$found" -c 'import sys; print(sys.version.split()[0])'))"; \
	  rm -rf "$(VENV)"; \
	  "$$found" -m venv "$(VENV)"; \
	fi
	@# uv installs in a quarter of pip's time (CI installs on every run); pip when uv can't be had.
	{ $(BIN)/python -m pip install --quiet uv && \
	  $(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -e '.[dev]'; } || \
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@set -e; \
	if [ -f .env ]; then set -a; . ./.env; set +a; fi; \
	if [ -n "$${TELEGRAM_BOT_TOKEN:-}" ]; then \
	  exec $(BIN)/coopbot run; \
	else \
	  echo "TELEGRAM_BOT_TOKEN is not set: starting the sandbox (coopbot sandbox)."; \
	  exec $(BIN)/coopbot sandbox; \
	fi

sandbox: $(STAMP)
	$(BIN)/coopbot sandbox

migrate: $(STAMP)
	$(BIN)/coopbot db upgrade

bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Bytecode is kept even where PYTHONDONTWRITEBYTECODE is set (as on the CI machines): the project's modules
# compiled once, and the test modules as pytest rewrites their asserts; otherwise every pytest-xdist worker
# and every bot process the suite starts would compile them again (a worker's collection: 8 s of CPU, not 4).
test: $(STAMP)
	$(BIN)/python -m compileall -q bot store reminders tests bench
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
