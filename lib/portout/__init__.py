"""Port-Out Planner: plan, cost, export and track moving phone numbers out of Genesys Cloud Voice.

The data's trip, one package a stage:

    inventory/  read the number export (CSV/XLSX), written forms -> E.164, number types, countries
    plan/       port requests (one per service address, then the carrier's rules), LOA values, warnings
    costs/      billing days and proration, prices and removal dates, the cost report, chart data
    export/     the LOA workbook, per-request workbooks, CSV text, cells safe from formula injection

beside them `genesys/` (the Platform API fetch), `tracker/` (saved plans and request states in SQLite)
and `cli/` (the `portout` command). Everything a notebook, a page or the CLI needs is importable from
here; nothing in this package imports streamlit. `figures` (Plotly charts of a plan and its costs) is a
submodule, imported on first use (`from portout import figures`) so the CLI does not load Plotly.
"""

from portout.costs.chart_data import cost_by_removal_date, monthly_savings
from portout.costs.inputs import invoice_currency
from portout.costs.report import CostReport, compute_costs
from portout.errors import PortoutError
from portout.export.workbook import build_per_request_zip, build_workbook, iter_request_workbooks
from portout.genesys import FetchResult, fetch_demo_inventory, fetch_inventory
from portout.inventory.reader import Inventory, read_inventory
from portout.plan.model import Exclusion, Plan, PlanWarning, PortRequest
from portout.plan.planner import build_plan
from portout.plan.scope import Scope
from portout.plan.views import exclusions_table, key_figures, plan_csv, requests_table
from portout.settings import OrgSettings, dump_settings, load_settings, parse_settings
from portout.tracker import Tracker

__all__ = [
    "CostReport",
    "Exclusion",
    "FetchResult",
    "Inventory",
    "OrgSettings",
    "Plan",
    "PlanWarning",
    "PortRequest",
    "PortoutError",
    "Scope",
    "Tracker",
    "build_per_request_zip",
    "build_plan",
    "build_workbook",
    "compute_costs",
    "cost_by_removal_date",
    "dump_settings",
    "exclusions_table",
    "fetch_demo_inventory",
    "fetch_inventory",
    "figures",
    "invoice_currency",
    "iter_request_workbooks",
    "key_figures",
    "load_settings",
    "monthly_savings",
    "parse_settings",
    "plan_csv",
    "read_inventory",
    "requests_table",
]
