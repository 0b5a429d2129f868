# `make dashboard` and `make test` are the two fresh-machine commands of the README.
.PHONY: setup dashboard test lint screenshots bench messages compile-messages

setup:
	bash scripts/setup.sh

dashboard: setup
	@echo "Dashboard: http://localhost:8501 (Ctrl+C stops it)"
	.venv/bin/streamlit run app.py --server.headless true --browser.gatherUsageStats false

test:
	bash scripts/setup.sh --browser
	.venv/bin/python -m pytest

# Refresh the README's pictures in docs/screenshots/ (the browser tests otherwise write to a temporary folder).
screenshots:
	bash scripts/setup.sh --browser
	PORTOUT_REFRESH_SCREENSHOTS=1 .venv/bin/python -m pytest -q tests/app/test_browser.py

lint: setup
	.venv/bin/ruff check lib pages tests app.py bench scripts
	.venv/bin/ruff format --check lib pages tests app.py bench scripts
	.venv/bin/mypy

bench: setup
	.venv/bin/python bench/run_all.py

# Message catalogues (gettext via babel): `make messages` extracts every _()/N_()/Nn_()/ngettext() text into the
# template and updates the German catalogue; translate the new entries in the .po, then
# `make compile-messages` (setup.sh does it too; the .mo is not committed, and the app compiles a newer .po in memory).
LOCALE_DIR = lib/portout/locale
POT = $(LOCALE_DIR)/portout.pot

messages: setup
	.venv/bin/pybabel extract -F babel.cfg -k N_ -k Nn_:1,2 --no-location --sort-output --width 120 \
		--project "Port-Out Planner" -o $(POT) .
	test -f $(LOCALE_DIR)/de/LC_MESSAGES/portout.po || .venv/bin/pybabel init -i $(POT) -d $(LOCALE_DIR) -D portout -l de
	.venv/bin/pybabel update -i $(POT) -d $(LOCALE_DIR) -D portout --no-fuzzy-matching --ignore-obsolete --width 120

compile-messages: setup
	.venv/bin/pybabel compile -d $(LOCALE_DIR) -D portout --statistics
