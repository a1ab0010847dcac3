# Two commands on a fresh clone (only Python >= 3.11 and pip needed):
#   make reproduce   set up .venv, rerun every notebook, write figures/ tables/ reports/
#   make test        set up .venv with test extras, run pytest (nbval over every notebook)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help install reproduce data test lint lab sync benchmark clean

help:
	@echo "make reproduce  - rerun the whole analysis (notebooks -> figures/, data/processed/, reports/)"
	@echo "make test       - run the tests, nbval over every notebook included"
	@echo "make lab        - open JupyterLab with the project kernel"
	@echo "make sync       - sync notebooks/*.ipynb with their paired .py files (jupytext)"
	@echo "make data       - run the pipeline only (tables in data/processed/)"
	@echo "make lint       - ruff check + format check"
	@echo "make benchmark  - pipeline speed against plain NLTK (benchmarks/pipeline.py)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m analysis kernel
	touch $(STAMP)

install: $(STAMP)

reproduce: $(STAMP)
	$(BIN)/python -m analysis reproduce

data: $(STAMP)
	$(BIN)/python -m analysis pipeline seeds data/corpus --out data/processed

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check analysis tests benchmarks scripts
	$(BIN)/ruff format --check analysis tests benchmarks scripts

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root,)

sync: $(STAMP)
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]_*.ipynb

benchmark: $(STAMP)
	$(BIN)/python benchmarks/pipeline.py --articles 1000 --articles 10000 --articles 50000 --jobs 2 --baseline-max 10000

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
