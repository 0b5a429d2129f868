"""Workbook (issue 12): Summary columns for port type, port date and readiness; each request's sheet
carries its dates, port type and readiness items; numbers that stay get their own sheet."""

from __future__ import annotations

import io
from datetime import date

from python_calamine import CalamineWorkbook

from portout.export.workbook import build_workbook
from portout.plan.planner import build_plan
from portout.plan.schedule import DateRow, Schedule
from scope_support import inventory, mixed_rows, settings


def sheets(data: bytes) -> dict[str, list[list]]:
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def staying_and_weekend_plan():
    """The mixed inventory with one number staying and the Denver request's port date on a Saturday:
    (plan, the Denver request's id)."""
    rows = mixed_rows()
    # One number stays: a Denver one (the HQ numbers 0000-0009 are a whole block, which would be flagged).
    rows[10][-1] = "no"
    inv = inventory(rows)
    first = build_plan(inv, settings(), schedule=Schedule(today=date(2026, 11, 27)))
    weekend = next(r for r in first.requests if r.service_address.city == "Denver")
    plan = build_plan(
        inv,
        settings(),
        schedule=Schedule(today=date(2026, 11, 27), dates={weekend.id: DateRow(port_date=date(2026, 12, 12))}),
    )
    return plan, weekend.id


def test_summary_request_sheets_and_staying() -> None:
    plan, weekend_id = staying_and_weekend_plan()
    got = sheets(build_workbook(plan))
    summary = got["Summary"]
    header_at = next(i for i, r in enumerate(summary) if r[0] == "Request")
    header = summary[header_at]
    col = {name: header.index(name) for name in ("Port type", "Requested port date", "Readiness")}
    by_id = {r[0]: r for r in summary[header_at + 1 :] if str(r[0]).startswith("PR-")}
    assert set(by_id) == {r.id for r in plan.requests}
    for r in plan.requests:
        row = by_id[r.id]
        assert row[col["Port type"]] == "partial"
        assert row[col["Requested port date"]] == date.fromisoformat(r.port_date)
        expected = "needs attention" if r.id == weekend_id else "ready"
        assert str(row[col["Readiness"]]).startswith(expected), row
    assert "Port date on a weekend" in by_id[weekend_id][col["Readiness"]]  # titles, not codes
    request_sheet = next(rows for name, rows in got.items() if "Wynkoop" in name)
    labels = {r[0]: r[1] for r in request_sheet if r[0]}
    assert labels["Requested port date"] == date(2026, 12, 12)
    assert labels["Planned removal from Genesys Cloud Voice"] == date(2026, 12, 13)
    assert labels["Readiness"] == "needs attention"
    todo = [r for r in request_sheet if r[0] == "To do before submitting"]
    assert any(r[1] == "Port date on a weekend" and "is a Saturday" in str(r[2]) for r in todo), todo
    staying = got["Staying"]
    assert [r[1] for r in staying[1:]] == [mixed_rows()[10][0]]  # the one marked "no"
    assert any(r[0] == "Staying with Genesys" for r in summary)


def test_no_staying_sheet_when_everything_leaves() -> None:
    plan = build_plan(inventory(mixed_rows()), settings())
    assert "Staying" not in sheets(build_workbook(plan))


def test_readiness_and_staying_in_german() -> None:
    """Under German the readiness titles, their notes, the staying reasons and the staying count read German."""
    plan, _ = staying_and_weekend_plan()
    got = sheets(build_workbook(plan, lang="de"))
    summary = got["Übersicht"]
    cells = [str(c) for r in summary for c in r]
    assert any(c.startswith("braucht Aufmerksamkeit: Portierungstermin am Wochenende") for c in cells), cells
    assert "1 Nummer (siehe Blatt Bleiben)" in cells
    excluded = len(plan.excluded)
    assert excluded == 2 and any(
        c.startswith(f"{len(plan.numbers)} Nummern in {len(plan.requests)} Portierungsaufträgen; 2 Inventareinträge")
        for c in cells
    ), cells
    request_sheet = next(rows for name, rows in got.items() if "Wynkoop" in name)
    todo = [r for r in request_sheet if r[0] == "Vor dem Einreichen zu erledigen"]
    assert [r[1] for r in todo] == ["Portierungstermin am Wochenende"]
    btn_note = next(str(r[2]) for r in request_sheet if r[0] == "BTN bei Teilportierung")
    assert btn_note.startswith("Teilportierung: die BTN +1303555") and "partial port" not in btn_note
    assert todo[0][2] == (
        "der gewünschte Portierungstermin 12.12.2026 ist ein Samstag: Carrier portieren an Werktagen → "
        "Verschieben Sie ihn auf den 14.12.2026 oder einen früheren Werktag"
    )
    assert [r[-1] for r in got["Bleiben"][1:]] == ["Portierungsspalte sagt nein"]
    english = " ".join(str(c) for rows in got.values() for r in rows for c in r)
    for word in ("port_date_weekend", "is a Saturday", "port column says no", "numbers (see sheet"):
        assert word not in english
