# Two commands for people: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export HF_HUB_OFFLINE := 1

.PHONY: run test install lint typecheck pytest bench lock system-deps a11y-deps clean

# (Re)install when the dependency declarations change; a plain re-run is a no-op.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/coach ingest --if-needed
	$(PY) app.py

test: install system-deps a11y-deps lint typecheck pytest

system-deps:
	@bash scripts/ensure-system-deps.sh

# axe-core for the accessibility tests, pinned in tests/a11y/package-lock.json. Reinstalled
# when the lock changes or axe.min.js is missing (the empty rule below makes a missing file
# count as changed); npm comes from system-deps.
AXE        := tests/a11y/node_modules/axe-core/axe.min.js
A11Y_STAMP := tests/a11y/node_modules/.installed

$(A11Y_STAMP): tests/a11y/package.json tests/a11y/package-lock.json $(AXE) | system-deps
	npm ci --prefix tests/a11y --no-audit --no-fund
	@touch $(A11Y_STAMP)

$(AXE):

a11y-deps: $(A11Y_STAMP)

lint: install
	$(VENV)/bin/ruff check .

typecheck: install
	$(VENV)/bin/mypy

pytest: install
	$(VENV)/bin/pytest -q

# Benchmarks measure; they are not tests and never fail the build on a busy machine.
bench: install
	$(PY) bench/bench_turn.py
	$(PY) bench/bench_llm_path.py
	$(PY) bench/bench_startup.py
	$(PY) bench/bench_knowledge.py
	$(PY) bench/bench_coder.py

# Refresh the pinned versions after changing pyproject.toml ranges.
lock: install
	# `pip list --format=freeze` gives name==version even for packages installed from a file.
	$(PY) -m pip list --format=freeze --exclude-editable 2>/dev/null | grep -v -e '^pip==' -e '^setuptools==' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache tests/a11y/node_modules
