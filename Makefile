# Set-up and everyday commands; see README.md. Everything goes into a virtual environment of the project
# (.venv), so it works with a distribution's Python that refuses global installs (PEP 668), as root or not.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: build test clean messages

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
# (scorm-again as the LMS, axe-core for accessibility); handout tests use Pango (WeasyPrint) and poppler-utils;
# lint tests use Hunspell with Debian's dictionaries.
HANDOUT_LIBS = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
SPELLING = hunspell hunspell-ar hunspell-fr hunspell-en-us
.stamp-test-tools: package.json package-lock.json Makefile
	@if ! command -v chromium >/dev/null || ! fc-list | grep -qi "Noto Naskh Arabic" \
		|| ! dpkg -s $(HANDOUT_LIBS) $(SPELLING) >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core \
		$(HANDOUT_LIBS) $(SPELLING); fi
	npm ci --no-audit --no-fund --silent
	@touch $@

# After changing a message in scorm_builder/: extract the English texts, merge them into the ar and fr catalogues
# (then translate the new entries), and compile the .mo files the tool reads (committed: tests/test_i18n.py
# checks they match the .po files and that nothing is left untranslated)
LOCALE := scorm_builder/locale
messages: $(VENV)/.stamp-test
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -c TRANSLATORS: --no-wrap --sort-by-file --omit-header \
		-o $(LOCALE)/scorm_builder.pot .
	$(VENV)/bin/pybabel update -D scorm_builder -d $(LOCALE) -i $(LOCALE)/scorm_builder.pot --no-wrap \
		--no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel compile -D scorm_builder -d $(LOCALE) --statistics

clean:
	rm -rf dist $(VENV) .stamp-test-tools
