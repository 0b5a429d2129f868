"""Dashboard: an uploaded German inventory priced in EUR, with the organisation settings unset, shows its
costs in euros (no invented USD invoice currency blocking the page); an inventory without any price shows
no amount in an invented currency and lists the invoice currency as not set."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paths import ROOT, SAMPLES

APP = str(ROOT / "app.py")


def _upload(raw: bytes, name: str = "export.csv") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.file_uploader(key="w_inventory_upload").upload(name, raw, "text/csv").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_german_eur_inventory_shows_euro_costs_without_an_error() -> None:
    raw = (SAMPLES / "inventory_de.csv").read_bytes().replace(b";USD", b";EUR")
    at = _upload(raw)
    # the settings form shows the invoice currency empty (unset), the page says what the costs use
    currency = [w for w in at.text_input if w.key.startswith("w_settings_") and w.key.endswith("_cur")]
    assert len(currency) == 1 and currency[0].value == ""
    assert any("the costs are in EUR" in c.value for c in at.caption)
    at.switch_page("pages/cost_impact.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    figures = [m.value for m in at.metric]
    assert len(figures) >= 4 and all("€" in v and "$" not in v for v in figures), figures
    notice = " ".join(w.value for w in at.warning)
    assert "invoice currency" not in notice  # derived from the rows: not reported as unset
    # German: the same page, euro amounts written the German way ("1.234,56 €")
    next(r for r in at.sidebar.radio if r.key == "w_ui_lang").set_value("de").run()
    assert not at.exception and not at.error
    figures = [m.value for m in at.metric]
    assert figures and all(v.endswith("€") and "$" not in v for v in figures), figures


def test_unpriced_inventory_shows_no_amount_and_asks_for_the_currency() -> None:
    raw = b"number,street1,city,postal_code,country\n+4930123456,Hauptstra\xc3\x9fe 12,Berlin,10115,DE\n"
    at = _upload(raw, "mine.csv")
    at.switch_page("pages/cost_impact.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    figures = [m.value for m in at.metric]
    assert figures and all(v == "—" for v in figures), figures
    assert any("invoice currency" in w.value for w in at.warning)  # unset and not derivable: said
    assert any("Nothing is priced" in i.value for i in at.info)
