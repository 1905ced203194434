# Set-up and everyday commands; see README.md. Everything goes into a virtual environment of the project
# (.venv), so it works with a distribution's Python that refuses global installs (PEP 668), as root or not.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: build test clean

build: $(VENV)/.stamp-build
	$(PY) -m scorm_builder build course -o dist

test: $(VENV)/.stamp-test .stamp-test-tools
	$(PY) -m pytest -q

# A failed `venv` (Debian and Ubuntu ship it apart, in python3-venv) leaves a folder without pip: remove it, so
# that the next try starts clean, and say what to install.
$(PY):
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "error: '$(PYTHON) -m venv' failed. On Debian or Ubuntu: sudo apt-get install python3-venv" \
		"(then run make again); elsewhere, install Python 3.10 or newer with its venv module." >&2; exit 1; }

# Building needs the core only; the tests add their tools (pytest, Playwright, the optional readers).
$(VENV)/.stamp-build: pyproject.toml | $(PY)
	$(PIP) -e .
	@touch $@

$(VENV)/.stamp-test: pyproject.toml | $(PY)
	$(PIP) -e '.[test]'
	@touch $@ $(VENV)/.stamp-build

# Browser tests use Debian's Chromium (never a downloaded browser), Arabic fonts, and the pinned npm packages
# (scorm-again as the LMS, axe-core for accessibility).
.stamp-test-tools: package.json package-lock.json
	@if ! command -v chromium >/dev/null || ! fc-list | grep -qi "Noto Naskh Arabic"; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core; fi
	npm ci --no-audit --no-fund --silent
	@touch $@

clean:
	rm -rf dist $(VENV) .stamp-test-tools
