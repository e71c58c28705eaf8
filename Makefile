# Two set-up-and-go targets: `make report` and `make test`. Both create .venv/ and install the
# CJK font when missing, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PERIOD ?= 2024H1
RAW ?= data/raw/luan_2024H1.txt

.PHONY: setup report table test test-fast bench eval lab clean font

setup: $(STAMP) font

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (helpers)" >/dev/null
	@touch $@

font:
	@bash scripts/ensure-font.sh

table: setup
	$(PY) -m helpers table $(RAW) --period $(PERIOD)

report: setup
	$(PY) -m helpers run --period $(PERIOD) --raw $(RAW) --all-bureaus

test: setup
	$(PY) -m pytest -q

test-fast: setup
	$(PY) -m pytest -q -m "not integration"

bench: setup
	$(PY) scripts/bench.py

eval: setup
	$(PY) scripts/eval_judge.py

lab: setup
	JUPYTER_PREFER_ENV_PATH=1 $(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf data/processed output .cache
