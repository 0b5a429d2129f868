"""Untrusted inventory text and file names reach the page as text: no Markdown link, image or directive
rendered from them (an image would make the browser fetch an attacker's URL)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from paths import ROOT
from portout_app.markdown import md

APP = str(ROOT / "app.py")
EVIL_ADDRESS = "![pixel](http://evil.example/p.png) [click](http://evil.example) :red[x]"
EVIL_NAME = "[inv](http://evil.example).csv"


# every test gets its own tracker database (conftest.tracker_db)
pytestmark = pytest.mark.usefixtures("tracker_db")


def _markdown_sources(at: AppTest) -> list[str]:
    return [
        str(el.value)
        for kind in ("markdown", "caption", "success", "warning", "error", "info")
        for el in getattr(at, kind)
    ]


def test_md_escapes_markdown_syntax() -> None:
    escaped = md(EVIL_ADDRESS)
    assert "](" not in escaped and "![" not in escaped and ":red[" not in escaped
    assert escaped.replace("\\", "") == EVIL_ADDRESS


def test_hostile_upload_is_shown_as_text() -> None:
    csv = (
        "number,street,city,postal code,country\n"
        f'+13175550100,"{EVIL_ADDRESS}",Indianapolis,46204,US\n'
        f'+13175550101,"{EVIL_ADDRESS} 2",Indianapolis,46204,US\n'
    ).encode()
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader(key="w_inventory_upload").upload(EVIL_NAME, csv, "text/csv").run()
    assert not at.exception
    pages = ["pages/load.py", "pages/inventory.py", "pages/port_plan.py"]
    shown = []
    for page in pages:
        at.switch_page(page).run()
        assert not at.exception
        shown += _markdown_sources(at)
    assert any("evil" in text for text in shown)  # the text is there...
    for text in shown:
        assert "](http://evil" not in text and "![" not in text, text  # ...but never as a link or image


def test_chart_labels_do_not_carry_html() -> None:
    from portout.figures import address_treemap
    from portout.inventory.reader import read_inventory
    from portout.plan.planner import build_plan
    from portout.settings import load_settings

    csv = (
        b"number,street,city,postal code,country\n+13175550100,\"<a href='http://evil.example'>x</a>\",Indy,46204,US\n"
    )
    plan = build_plan(read_inventory(csv), load_settings(ROOT / "data" / "samples" / "org.toml"))
    labels = [str(label) for trace in address_treemap(plan).data for label in trace.labels]
    assert any("evil" in label for label in labels)
    assert not any("<a" in label for label in labels)
