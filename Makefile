# Two set-up-and-go targets: `make report` and `make test`. Both create .venv/ and install the
# CJK font when missing, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PERIOD ?= 2024H1
RAW ?= data/raw/luan_2024H1.txt
#: Extra arguments for JupyterLab, e.g. make lab LAB_ARGS="--no-browser --ip 127.0.0.1 --port 8888"
LAB_ARGS ?=
#: Jupyter refuses to start as root without --allow-root (containers, CI runners).
ROOT_ARG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

# Python writes bytecode caches (in .venv/ and src/, ignored by git) even where the machine's
# environment says not to: without them every test run, worker and kernel recompiles the package
# and pytest rewrites every test module again (seconds per process).
unexport PYTHONDONTWRITEBYTECODE
#: Extra arguments for `make bench`, e.g. BENCH_ARGS="--before ../old-checkout" (rendering side by side).
BENCH_ARGS ?=
#: pytest-xdist workers for the tests: one per core. Each costly shared render (the seed's batch
#: run, the synthetic year) stays in one worker (tests/conftest.py, --dist loadgroup).
TEST_JOBS ?= auto

.PHONY: setup report table test test-fast bench eval eval-reader eval-meta lab clean font

setup: $(STAMP) font

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (helpers)" >/dev/null
	@touch $@

font:
	@bash scripts/ensure-font.sh

# Chromium for the front page's browser test (installed on Debian as root, like the font).
browser:
	@bash scripts/ensure-chromium.sh

table: setup
	$(PY) -m helpers table $(RAW) --period $(PERIOD)

report: setup
	$(PY) -m helpers run --period $(PERIOD) --raw $(RAW)

test: setup browser
	$(PY) -m pytest -q -n $(TEST_JOBS) --dist loadgroup

test-fast: setup
	$(PY) -m pytest -q -n $(TEST_JOBS) --dist loadgroup -m "not integration"

bench: setup
	$(PY) scripts/bench.py $(BENCH_ARGS)

eval: setup
	$(PY) scripts/eval_judge.py
	$(PY) scripts/eval_reader.py

# The reader on the blind layout sets (tests/fixtures/blind_layouts/ and the second set's development half,
# tests/fixtures/blind_layouts2_dev/): records and fields read right, each set with its own totals.
eval-reader: setup
	$(PY) scripts/eval_reader.py

# How many surface rewritings of the read labelled cases keep their judgement (tests/judge/metamorphic.py).
eval-meta: setup
	$(PY) scripts/metamorphic_judge.py

# The notebooks name the kernel `python3`; JUPYTER_PREFER_ENV_PATH makes that the project's
# (registered into .venv by setup), not a user-level python3 kernel.
lab: setup
	JUPYTER_PREFER_ENV_PATH=1 $(VENV)/bin/jupyter lab --notebook-dir=notebooks $(ROOT_ARG) $(LAB_ARGS)

clean:
	rm -rf data/processed output .cache
