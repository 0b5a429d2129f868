"""The workbook prints: rendered by LibreOffice to PDF, German on A4 and English on Letter, the LOA values
of a request on its first page, page header with the request id and "page N of M" footers.

Skips only when LibreOffice (soffice) or poppler (pdfinfo/pdftotext) is not installed; scripts/setup.sh
--browser installs both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from paths import SAMPLES
from portout.costs.report import compute_costs
from portout.export.labels import Labels
from portout.export.workbook import build_workbook, iter_request_workbooks
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import load_settings

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdfinfo") and shutil.which("pdftotext")),
    reason="LibreOffice (soffice) and poppler-utils are needed to render the workbook",
)
GENERATED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
A4, LETTER = (595, 842), (612, 792)


@pytest.fixture(scope="module")
def sample():
    plan = build_plan(read_inventory(SAMPLES / "inventory.csv"), load_settings(SAMPLES / "org.toml"))
    costs = compute_costs(plan, plan.settings.billing, as_of=date(2026, 3, 1), removal_date=date(2026, 3, 20))
    return plan, costs


def _pdf(xlsx: bytes, tmp: Path, name: str) -> Path:
    src = tmp / f"{name}.xlsx"
    src.write_bytes(xlsx)
    # Own profile directory: concurrent LibreOffice runs (parallel test sessions) would lock each other.
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = tmp / f"{name}.pdf"
    assert out.exists(), "LibreOffice wrote no PDF"
    return out


def _pages(pdf: Path) -> tuple[int, list[tuple[int, int]]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = [
        tuple(sorted((round(float(w)), round(float(h)))))
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    ]
    return count, sizes


def _text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize(("lang", "paper", "page_word"), [("de", A4, "Seite"), ("en", LETTER, "Page")])
def test_whole_workbook_paper_and_footers(sample, tmp_path, lang, paper, page_word):
    plan, costs = sample
    pdf = _pdf(build_workbook(plan, costs=costs, lang=lang, generated_at=GENERATED), tmp_path, f"plan_{lang}")
    count, sizes = _pages(pdf)
    assert set(sizes) == {tuple(sorted(paper))}, sizes
    # Summary, then per request at least its LOA values, ranges and numbers, then the three lists
    assert count >= 1 + 3 * len(plan.requests) + 3
    first = _text(pdf, 1)
    lb = Labels(lang)
    assert lb["title_summary"] in first
    assert f"{page_word} 1 " in first and str(count) in first
    last = _text(pdf, count)
    assert f"{page_word} {count} " in last


@pytest.mark.parametrize("lang", ["de", "en"])
def test_request_workbook_has_its_loa_values_on_page_one(sample, tmp_path, lang):
    plan, costs = sample
    req = max(plan.requests, key=lambda r: r.size)
    name, data = next((n, d) for n, d in iter_request_workbooks(plan, costs=costs, lang=lang) if n.startswith(req.id))
    pdf = _pdf(data, tmp_path, "request")
    count, sizes = _pages(pdf)
    assert set(sizes) == {tuple(sorted(A4 if lang == "de" else LETTER))}
    page1 = _text(pdf, 1)
    lb = Labels(lang)
    assert f"{lb['title_request']} {req.id}" in page1, "page header names the request"
    flat = " ".join(page1.split())
    for key in ("request_id", "street1", "city", "postal_code", "btn", "account_number", "signer_name"):
        assert " ".join(lb[key].split()[:2]) in flat, key
    addr = req.service_address
    for value in (req.id, addr.street1, addr.city, addr.postal_code, req.btn, req.account_number):
        assert value in flat, value
    assert plan.settings.signer.name in flat
    # every number of the request is printed somewhere, once per list page
    everything = " ".join(_text(pdf, p) for p in range(1, count + 1))
    assert all(n in everything for n in req.numbers)
