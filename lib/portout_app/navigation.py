"""The dashboard's pages, listed once: app.py builds `st.navigation` from them and every page's sidebar
menu links to them (a deep-linked page runs without app.py, so it draws the same menu itself)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from portout.i18n import N_
from portout_app import language

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class PageEntry:
    script: str  # relative to the repository root
    title: str  # a catalogue message (N_), translated where drawn
    icon: str

    @property
    def url_path(self) -> str:
        return Path(self.script).stem


PAGES = (
    PageEntry("pages/load.py", N_("Load"), ":material/upload_file:"),
    PageEntry("pages/inventory.py", N_("Inventory"), ":material/table_view:"),
    PageEntry("pages/port_plan.py", N_("Port plan"), ":material/account_tree:"),
    PageEntry("pages/cost_impact.py", N_("Cost impact"), ":material/payments:"),
    PageEntry("pages/loa_export.py", N_("LOA export"), ":material/description:"),
    PageEntry("pages/tracker.py", N_("Tracker"), ":material/timeline:"),
)


def navigation_pages() -> list[st.Page]:
    """The pages for app.py's `st.navigation`, the first one the default."""
    _ = language.gettext()
    return [
        st.Page(ROOT / p.script, title=_(p.title), icon=p.icon, url_path=p.url_path, default=i == 0)
        for i, p in enumerate(PAGES)
    ]


def menu() -> None:
    """The sidebar links to every page."""
    _ = language.gettext()
    for p in PAGES:
        try:
            st.page_link(p.script, label=_(p.title), icon=p.icon)
        except Exception:  # page_link raises outside a multipage context (e.g. a single script under AppTest)
            return
