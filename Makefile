# `make demo` and `make test` work on a fresh machine: each installs what is missing first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BACKEND ?= jax
BACKENDS := jax torch tensorflow numpy
PYTEST_ARGS ?= -q -n 2

.PHONY: install graphviz test test-slow test-one demo bench clean

install: $(VENV)/.installed graphviz

# plot_model renders through Graphviz's `dot`, a system package: installed with apt where we may, else the
# rendering tests skip (and plot_model says what to install).
graphviz:
	@command -v dot >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
	  { SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	    $$SUDO apt-get install -y -q graphviz >/dev/null 2>&1 || \
	    { $$SUDO apt-get update -q >/dev/null 2>&1 && $$SUDO apt-get install -y -q graphviz >/dev/null 2>&1; }; }; } || \
	  echo "Graphviz (dot) is not installed and could not be: plot_model cannot render; its rendering tests skip."

$(VENV)/.installed: pyproject.toml requirements-cpu.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-cpu.txt
	$(PY) -m pip install -q -e .
	touch $@

# The whole suite once per backend; a failure on one backend does not hide the others.
test: install
	@status=0; for b in $(BACKENDS); do \
	  echo "=== KERAS_BACKEND=$$b"; \
	  KERAS_BACKEND=$$b $(PY) -m pytest $(PYTEST_ARGS) keras_lite integration_tests || status=1; \
	done; exit $$status

test-slow: install
	@status=0; for b in $(BACKENDS); do \
	  echo "=== KERAS_BACKEND=$$b (slow)"; \
	  KERAS_BACKEND=$$b $(PY) -m pytest $(PYTEST_ARGS) -m slow keras_lite integration_tests || [ $$? = 5 ] || status=1; \
	done; exit $$status

test-one: install
	KERAS_BACKEND=$(BACKEND) $(PY) -m pytest $(PYTEST_ARGS) keras_lite integration_tests

demo: install
	KERAS_BACKEND=$(BACKEND) $(PY) examples/functional_api.py

bench: install
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info
