# Set-up and entry points. `make help` lists them.
# Everything installs into .venv; torch is pinned to the CPU build first (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Recipes, and the stage commands DVC runs from them, find the venv's python first.
export PATH := $(abspath $(BIN)):$(PATH)
TORCH_VERSION := 2.13.0
# The versions of every package, as dvc.lock's outputs and the builtin theme model were made
# with (pip constraints; `make lock` rewrites it). Used where the Python matches its own.
LOCK := constraints.txt
LOCK_PYTHON := $(shell sed -n 's/^\# python: //p' $(LOCK) 2>/dev/null)
# the venv's Python as X.Y, the form of that line
VENV_PYTHON = $$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml $(wildcard $(LOCK))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip wheel setuptools
	# torch first and pinned: any other torch requirement pulls several GB of CUDA packages
	$(BIN)/python -m pip install --quiet torch==$(TORCH_VERSION)
	# every other package at the version in $(LOCK), so a later install gives the same numbers
	@py=$(VENV_PYTHON); pins=""; \
	if [ "$$py" = "$(LOCK_PYTHON)" ]; then pins="-c $(LOCK)"; \
	else [ -z "$(LOCK_PYTHON)" ] && why="there is no $(LOCK) with a '# python:' line" || why="$(LOCK) was written on Python $(LOCK_PYTHON), this is $$py"; \
	echo "WARNING: $$why: installing the newest versions pyproject.toml allows; outputs may differ from dvc.lock's in the last digits"; fi; \
	echo "$(BIN)/python -m pip install --quiet $$pins -e '.[test]'"; \
	$(BIN)/python -m pip install --quiet $$pins -e '.[test]'
	# compile UMAP's Numba code once into its on-disk cache (every later topics run loads it)
	$(BIN)/python -c 'from pipeline.topics import warm_up; warm_up()'
	touch $@

install: $(BIN)/.installed ## create .venv and install the package, its dependencies and test tools

fonts: ## install a CJK font so Chinese renders in the PNG figures (Debian/Ubuntu, as root)
	@if fc-list :lang=zh 2>/dev/null | grep -q .; then echo "CJK font present"; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei >/dev/null)) && \
	  rm -rf ~/.cache/matplotlib && echo "installed fonts-wqy-microhei"; \
	else echo "WARNING: no CJK font; install fonts-wqy-microhei or fonts-noto-cjk for Chinese labels in PNG figures"; fi

browser: ## install Debian's Chromium for the report test (as root; the test skips without it)
	@if command -v chromium >/dev/null; then echo "chromium present"; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)) && echo "installed chromium"; \
	else echo "WARNING: no chromium; the browser test of the report will be skipped"; fi

repro: install fonts ## set up, then run the whole pipeline on the corpus (dvc repro)
	$(BIN)/dvc repro

test: install fonts browser ## set up, then run the test suite
	$(BIN)/python -m pytest -q

bench: install ## run the benchmarks (needs ../shared/corpora); SCALING="10000 50000 100000" for the scaling curve
	$(BIN)/python benchmarks/embed.py
	$(BIN)/python benchmarks/end_to_end.py
	$(BIN)/python benchmarks/themes.py
	$(BIN)/python benchmarks/intervals.py
	$(BIN)/python benchmarks/covariates.py
	$(BIN)/python benchmarks/passages.py
	$(BIN)/dvc repro && $(BIN)/python benchmarks/seeds.py
	$(if $(SCALING),$(BIN)/python benchmarks/end_to_end.py --scaling $(SCALING))

lock: ## rewrite constraints.txt from .venv as it is (after upgrading a package in it on purpose; then dvc repro, and commit both)
	@test -x $(BIN)/python || { echo "no $(VENV): run make install first"; exit 1; }
	@set -o pipefail; { echo "# The versions make install installs (pip install -c $(LOCK)): the set dvc.lock's outputs and"; \
	  echo "# pipeline/resources/models/theme_model.npz were made with. Written by make lock; see README, Two commands (Versions)."; \
	  echo "# python: $(VENV_PYTHON)"; \
	  $(BIN)/python -m pip freeze --exclude-editable | sed 's/+cpu$$//'; } > $(LOCK).new && mv $(LOCK).new $(LOCK)
	@touch $(BIN)/.installed
	@echo "wrote $(LOCK): $$(grep -vc '^#' $(LOCK)) packages"

clean: ## remove pipeline outputs (keeps the embedding cache)
	rm -rf data/interim/*.parquet data/interim/*.npy data/interim/*.json data/interim/*.csv data/processed models/topic_model

.PHONY: help install fonts browser repro test bench lock clean
