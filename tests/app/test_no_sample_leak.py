"""After an upload, nothing of the bundled sample organisation reaches a download (issue 13): the settings
start unset, every export built from the session's state is searched for the sample's values, and the
numbers without a price are unpriced instead of priced with the sample's list."""

from __future__ import annotations

import io
import json
import tomllib
import zipfile

from streamlit.testing.v1 import AppTest

from paths import ROOT, SAMPLES
from portout.costs.report import compute_costs
from portout.costs.tables import costs_csv
from portout.export.workbook import build_per_request_zip, build_workbook
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.plan.views import plan_csv
from portout.settings import load_settings

APP = str(ROOT / "app.py")
INVENTORY = (
    "number,street1,city,postal_code,country\n"
    "+13175550100,200 Oak Avenue,Springfield,62701,US\n"
    "+13175550101,200 Oak Avenue,Springfield,62701,US\n"
    "+4930123456,Hauptstraße 12,Berlin,10115,DE\n"
).encode()


def _sample_strings() -> list[str]:
    """Every identifying value of the sample's org.toml, read from the file (nothing hard-coded)."""
    data = tomllib.loads((SAMPLES / "org.toml").read_text(encoding="utf-8"))
    found = [
        data["organization"]["id"],
        data["organization"]["name"],
        data["invoice"]["ship_to"]["name"],
        data["invoice"]["ship_to"]["street1"],
        data["carrier"]["name"],
        *data["signer"].values(),
    ]
    return [s for s in found if s]


def _texts_of_xlsx(blob: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".xml"))


def test_after_an_upload_no_download_carries_a_sample_value() -> None:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.file_uploader(key="w_inventory_upload").upload("mine.csv", INVENTORY, "text/csv").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("start empty, not from the sample" in i.value for i in at.info)
    assert any("3 numbers read" in s.value and "planned" in s.value for s in at.success)
    toml_text = at.session_state["settings_toml"]
    settings = load_settings(toml_text.encode())
    assert settings.billing.prices == {} and settings.carrier.name == "" and settings.signer.name == ""
    for page in ("pages/port_plan.py", "pages/cost_impact.py", "pages/loa_export.py", "pages/tracker.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        assert any("not set" in w.value for w in at.warning), page  # said on every page that uses them
    plan = build_plan(read_inventory(INVENTORY, name="mine.csv"), settings)
    costs = compute_costs(plan, settings.billing)
    assert costs.unpriced and len(costs.unpriced) == 3  # no sample prices: unpriced, said so
    downloads = {
        "org.toml": toml_text,
        "workbook en": _texts_of_xlsx(build_workbook(plan, costs, lang="en")),
        "workbook de": _texts_of_xlsx(build_workbook(plan, costs, lang="de")),
        "plan json": json.dumps(plan.to_dict(), ensure_ascii=False, default=str),
        "plan csv": plan_csv(plan) if isinstance(plan_csv(plan), str) else plan_csv(plan).decode("utf-8-sig"),
        "costs csv": costs_csv(costs) if isinstance(costs_csv(costs), str) else costs_csv(costs).decode("utf-8-sig"),
    }
    with zipfile.ZipFile(io.BytesIO(build_per_request_zip(plan, costs, lang="en"))) as zf:
        downloads["zip"] = "\n".join(_texts_of_xlsx(zf.read(n)) for n in zf.namelist() if n.endswith(".xlsx"))
    escaped = [s.replace("&", "&amp;") for s in _sample_strings()]
    for name, text in downloads.items():
        for value in [*_sample_strings(), *escaped]:
            assert value not in text, (name, value)
    assert "NOT SET" in downloads["workbook en"] and "NICHT GESETZT" in downloads["workbook de"]


def test_the_users_own_settings_are_reused_on_the_next_upload() -> None:
    at = AppTest.from_file(APP, default_timeout=90).run()
    own = (SAMPLES / "org.toml").read_text(encoding="utf-8").replace("Dana Whitfield", "Kim Ostrowski")
    at.file_uploader(key="w_settings_upload").upload("org.toml", own.encode(), "application/toml").run()
    at.file_uploader(key="w_inventory_upload").upload("mine.csv", INVENTORY, "text/csv").run()
    assert not at.exception
    settings = load_settings(at.session_state["settings_toml"].encode())
    assert settings.signer.name == "Kim Ostrowski"  # theirs, kept
    assert settings.carrier.name == "" and settings.billing.prices == {}  # still the sample's: removed
    assert any("still the sample" in i.value for i in at.info)
