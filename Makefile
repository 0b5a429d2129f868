# `make dashboard` and `make test` are the two fresh-machine commands of the README.
.PHONY: setup dashboard test bench

setup:
	bash scripts/setup.sh

dashboard: setup
	.venv/bin/streamlit run app.py --browser.gatherUsageStats false

test:
	bash scripts/setup.sh --browser
	.venv/bin/python -m pytest

bench: setup
	.venv/bin/python bench/run_all.py
