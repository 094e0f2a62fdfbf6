# Two commands do everything:  `make demo`  and  `make test`.
# Both create .venv/ at the repository root on first use; afterwards `.venv/bin/vsoko` is the command.

PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?= -n 2 --dist worksteal

.PHONY: install demo serve test test-fast bench lint clean

$(BIN)/uv:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "vsoko needs Python 3.12 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed: $(BIN)/uv requirements.lock pyproject.toml
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/vsoko init --school "МБОУ «Демонстрационная СОШ»"
	VSOKO_PORT=$(PORT) $(BIN)/vsoko demo --seed 1
	$(BIN)/vsoko serve --port $(PORT)

serve: install
	$(BIN)/vsoko serve --port $(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest $(PYTEST_ARGS) -m "not e2e and not slow"

bench: install
	$(BIN)/python benchmarks/run.py

lint: install
	$(BIN)/ruff check vsoko tests benchmarks

# Refresh the lock file after changing dependencies in pyproject.toml.
lock: $(BIN)/uv
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes -o requirements.lock --python $(BIN)/python

clean:
	rm -rf $(VENV) var
