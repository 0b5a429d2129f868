"""The rejection support bundle read back with independent readers (zipfile + python-calamine): the three
things Genesys support asks for, numbers as text, untrusted text never a formula."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from portout.errors import PortoutError
from portout.tracker import Tracker
from tracker_support import austin_id, make_plan


@pytest.fixture
def rejected(tmp_path: Path):
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan)
    rid = austin_id(plan)
    s = tracker.transition(pid, rid, "submitted", date="2026-03-02", expected_version=1, reference="NW-1", actor="dana")
    s = tracker.transition(
        pid,
        rid,
        "rejected",
        date="2026-03-04",
        expected_version=s.version,
        reason_code="LOCATION_MISMATCH",
        reason_text="Suite vs Ste",
    )
    s = tracker.transition(
        pid,
        rid,
        "resubmitted",
        date="2026-03-05",
        expected_version=s.version,
        reference="NW-2",
        changes={"service_address.street2": "Ste 1900"},
    )
    s = tracker.transition(
        pid,
        rid,
        "rejected",
        date="2026-03-08",
        expected_version=s.version,
        reason_code="OTHER",
        reason_text='=HYPERLINK("http://evil","x")',
        comment="@SUM(1)",
    )
    return tracker, pid, rid, plan.request(rid)


def _open(bundle: bytes) -> tuple[dict[str, bytes], str]:
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        files = {name.split("/", 1)[1]: zf.read(name) for name in zf.namelist()}
    return files, files["message-to-genesys-support.txt"].decode("utf-8")


def test_bundle_holds_the_three_things_support_needs(rejected) -> None:
    tracker, pid, rid, request = rejected
    files, message = _open(tracker.support_bundle(pid, rid))
    assert set(files) == {"message-to-genesys-support.txt", f"{rid}.xlsx", "numbers.txt"}
    assert files["numbers.txt"].decode().split() == request.numbers
    one, two, three = (message.index(f"({i})") for i in (1, 2, 3))
    assert one < two < three
    assert all(n in message[one:two] for n in request.numbers)
    sent = message[two:three]
    assert "Ste 1900" in sent and "-Suite 1900" not in sent  # what was sent last, not the plan
    for value in ("=Test Org Inc.", "abcd5678", request.btn, "Genesys", "Dana Whitfield"):
        assert value in sent
    assert "submission 2 of 2" in sent
    assert "2026-03-08" in message[three:] and "HYPERLINK" in message[three:]
    assert "NW-2" in message and "Organization ID 2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678" in message
    # Where to send it: the porting address of Genesys' (English) article.
    assert message.splitlines()[1].startswith("To: pcvoicetelcorequest@genesys.com")


def test_workbook_read_back_with_calamine(rejected) -> None:
    tracker, pid, rid, request = rejected
    files, _ = _open(tracker.support_bundle(pid, rid))
    wb = CalamineWorkbook.from_filelike(io.BytesIO(files[f"{rid}.xlsx"]))
    assert wb.sheet_names == ["Numbers", "Sent to carrier", "Latest rejection", "History"]
    numbers = wb.get_sheet_by_name("Numbers").to_python()
    assert [row[1] for row in numbers[1:]] == request.numbers  # text with '+', not floats
    assert all(isinstance(row[1], str) for row in numbers[1:])
    # The national-format column is filled (it was empty): 512 555 … for the Austin numbers.
    assert numbers[0][2] == "National format"
    assert all(row[2] and row[2] != row[1] and row[2][-4:] == row[1][-4:] for row in numbers[1:]), numbers
    sent = {row[0]: row[1:] for row in wb.get_sheet_by_name("Sent to carrier").to_python()}
    assert sent["Field"] == ["submitted 2026-03-02", "resubmitted 2026-03-05"]
    assert sent["Service address: street 2"] == ["-Suite 1900", "Ste 1900"]
    assert sent["Carrier reference"] == ["NW-1", "NW-2"]
    assert sent["Name on the LOA"] == ["=Test Org Inc.", "=Test Org Inc."]
    assert sent["BTN (billing telephone number)"] == [request.btn, request.btn]
    latest = dict(wb.get_sheet_by_name("Latest rejection").to_python()[1:])
    assert latest["Rejected on"] == "2026-03-08" and latest["Reason code"] == "OTHER"
    assert latest["Reason given by the carrier"] == '=HYPERLINK("http://evil","x")'
    history = wb.get_sheet_by_name("History").to_python()
    assert [row[3] for row in history[1:]] == [
        "Draft",
        "Submitted to the gaining carrier",
        "Rejected",
        "Resubmitted",
        "Rejected",
    ]


def test_untrusted_text_is_never_a_formula(rejected) -> None:
    tracker, pid, rid, _ = rejected
    files, _ = _open(tracker.support_bundle(pid, rid))
    wb = openpyxl.load_workbook(io.BytesIO(files[f"{rid}.xlsx"]))
    risky = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                    risky += 1
    assert risky > 10  # '=Test Org', '-Suite', '@SUM', the reason and every '+' number were checked


def test_bundle_refused_for_a_request_never_rejected(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan)
    with pytest.raises(PortoutError, match="has not been rejected"):
        tracker.support_bundle(pid, austin_id(plan))


def test_support_message_in_german(rejected) -> None:
    tracker, pid, rid, request = rejected
    files, message = _open(tracker.support_bundle(pid, rid, lang="de"))
    assert message.startswith("Betreff: Portierung abgelehnt:")
    one, two, three = (message.index(f"({i})") for i in (1, 2, 3))
    assert one < two < three
    assert all(n in message[one:two] for n in request.numbers)
    assert "Einreichung 2 von 2" in message[two:three] and "08.03.2026" in message[three:]
    assert "Mit freundlichen Grüßen" in message and "Kind regards" not in message
    assert "pcvoicetelcorequest@genesys.com" in message.splitlines()[1]
    assert "Organisations-ID 2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678" in message


def test_support_workbook_in_german(rejected) -> None:
    """Under German the bundle's workbook reads German too: sheet titles, headers, labels, states, dates."""
    tracker, pid, rid, request = rejected
    files, _ = _open(tracker.support_bundle(pid, rid, lang="de"))
    wb = CalamineWorkbook.from_filelike(io.BytesIO(files[f"{rid}.xlsx"]))
    assert wb.sheet_names == ["Nummern", "An den Carrier gesendet", "Letzte Ablehnung", "Verlauf"]
    numbers = wb.get_sheet_by_name("Nummern").to_python()
    assert numbers[0][:4] == ["#", "Rufnummer (E.164)", "Nationales Format", "Kategorie"]
    assert {row[3] for row in numbers[1:]} == {"geografisch"}
    sent = {row[0]: row[1:] for row in wb.get_sheet_by_name("An den Carrier gesendet").to_python()}
    assert sent["Feld"] == ["eingereicht 02.03.2026", "erneut eingereicht 05.03.2026"]
    assert sent["Anschlussadresse: Straße 2"] == ["-Suite 1900", "Ste 1900"]
    latest = dict(wb.get_sheet_by_name("Letzte Ablehnung").to_python()[1:])
    assert latest["Abgelehnt am"] == "08.03.2026" and latest["Ablehnungscode"] == "OTHER"
    assert latest["Bedeutung des Codes"] == "Anderer Grund (siehe Text)"
    history = wb.get_sheet_by_name("Verlauf").to_python()
    assert history[0][:4] == ["Erfasst um (UTC)", "Von wem", "Von", "Nach"]
    assert [row[3] for row in history[1:]][:3] == ["Entwurf", "Beim aufnehmenden Carrier eingereicht", "Abgelehnt"]
    text = " ".join(str(c) for name in wb.sheet_names for r in wb.get_sheet_by_name(name).to_python() for c in r)
    for english in ("Sent on", "Service address", "Rejected on", "Reason code", "recorded at", "submitted", "Field"):
        assert english not in text, english


def test_support_subject_singular_and_plural(rejected) -> None:
    """The subject counts numbers with the right plural form (the fixture's request has several)."""
    from types import SimpleNamespace

    from portout.tracker.bundle import support_message

    status = SimpleNamespace(carrier="NewCo", request_id="PR-1", reference="")
    latest = SimpleNamespace(event_date=None, reason_code="", reason_text="")
    for lang, one, two in (
        ("en", "1 number to NewCo", "2 numbers to NewCo"),
        ("de", "1 Nummer zu NewCo", "2 Nummern zu NewCo"),
    ):
        for numbers, expected in ((["+15125550000"], one), (["+15125550000", "+15125550001"], two)):
            sent = {"numbers": numbers, "gaining_carrier": "NewCo"}
            assert expected in support_message({}, status, numbers, sent, 1, latest, lang).splitlines()[0]
