# `make dashboard` and `make test` are the two fresh-machine commands of the README.
.PHONY: setup dashboard test lint bench

setup:
	bash scripts/setup.sh

dashboard: setup
	@echo "Dashboard: http://localhost:8501 (Ctrl+C stops it)"
	.venv/bin/streamlit run app.py --server.headless true --browser.gatherUsageStats false

test:
	bash scripts/setup.sh --browser
	.venv/bin/python -m pytest

lint: setup
	.venv/bin/ruff check lib pages tests app.py bench scripts
	.venv/bin/ruff format --check lib pages tests app.py bench scripts

bench: setup
	.venv/bin/python bench/run_all.py
