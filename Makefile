# One entry point for developers and CI. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_DB ?= demo-data/auditor.json
# Python keeps compiled modules (and pytest its rewritten tests) in __pycache__; an environment
# that turns that off makes every command and each test worker compile everything afresh.
unexport PYTHONDONTWRITEBYTECODE
# The demo log is written to show every status on this day; pass DEMO_AS_OF= for today.
DEMO_AS_OF ?= 2026-11-22
AS_OF_OPT := $(if $(DEMO_AS_OF),--as-of $(DEMO_AS_OF),)

.PHONY: setup demo check-demo test lint typecheck pytest bench bench-quick fonts word-bases lock clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[dev]'
	touch $@

$(DEMO_DB): | setup
	$(VENV)/bin/auditor --db $(DEMO_DB) demo

# The main job on the shipped demo data: the check, then the terminal UI.
demo: check-demo
	$(VENV)/bin/auditor tui --db $(DEMO_DB) $(AS_OF_OPT)

# `check` exits 1 when rules are missed, which the demo shows on purpose; 2 or 3 (bad input,
# a bug) still fail the target.
check-demo: setup $(DEMO_DB)
	@$(VENV)/bin/auditor --db $(DEMO_DB) check $(AS_OF_OPT); test $$? -le 1

# The PDF tests need TrueType CJK fonts (wqy-zenhei 黑体, AR PL UMing 宋/明体, AR PL UKai 楷体),
# pdftotext, and LibreOffice to check that the Word output converts; as root with apt, install them.
SYSPKGS := fonts-wqy-zenhei fonts-arphic-uming fonts-arphic-ukai poppler-utils libreoffice-writer-nogui
fonts:
	@if fc-list :lang=zh 2>/dev/null | grep -qi uming && command -v pdftotext >/dev/null && command -v soffice >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSPKGS)) >/dev/null; \
	else echo "note: install $(SYSPKGS) for the PDF and Word tests"; fi

lint: setup
	$(VENV)/bin/ruff check auditor bench tests fixtures

typecheck: setup
	$(VENV)/bin/mypy

pytest: setup fonts
	$(VENV)/bin/pytest

test: lint typecheck pytest

bench: setup fonts
	$(PY) -m bench

bench-quick: setup fonts
	$(PY) -m bench --quick

# The empty styled Word documents new_document opens, after changing the layout or styles.
word-bases: setup
	$(PY) -m auditor.report.word_base

# Re-pin every dependency after changing pyproject.toml.
lock: setup
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

clean:
	rm -rf $(VENV) demo-data .pytest_cache .mypy_cache .ruff_cache
