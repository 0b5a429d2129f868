# `make dashboard` and `make test` are the two fresh-machine commands of the README.
.PHONY: setup dashboard test bench

setup:
	bash scripts/setup.sh

dashboard: setup
	@echo "Dashboard: http://localhost:8501 (Ctrl+C stops it)"
	.venv/bin/streamlit run app.py --server.headless true --browser.gatherUsageStats false

test:
	bash scripts/setup.sh --browser
	.venv/bin/python -m pytest

bench: setup
	.venv/bin/python bench/run_all.py
