# Set-up and everyday commands; see README.md. Works as root on Debian (CI) or in a virtualenv.
PY ?= python3

.PHONY: build test clean

build: .stamp-install
	$(PY) -m scorm_builder build course -o dist

test: .stamp-install .stamp-test-tools
	$(PY) -m pytest -q

.stamp-install: pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Browser tests use Debian's Chromium (never a downloaded browser), Arabic fonts, and the pinned npm packages
# (scorm-again as the LMS, axe-core for accessibility); handout tests use Pango (WeasyPrint) and poppler-utils.
HANDOUT_LIBS = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
.stamp-test-tools: package.json package-lock.json Makefile
	@if ! command -v chromium >/dev/null || ! fc-list | grep -qi "Noto Naskh Arabic" \
		|| ! dpkg -s $(HANDOUT_LIBS) >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core $(HANDOUT_LIBS); fi
	npm ci --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf dist .stamp-install .stamp-test-tools
