"""compute_costs: the edge cases of issue 3, reconciliation and monotonicity properties, and the vectorised
figures against an independent per-number reference calculation (tests/costs_helpers.py)."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from costs_helpers import inventory_bytes, make_plan, ref_line, row, settings_for
from portout.costs.report import (
    compute_costs,
    cost_by_removal_date,
    monthly_savings,
)
from portout.errors import PortoutError
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.plan.schedule import Schedule

AS_OF = date(2026, 1, 20)


def q(amount: Decimal, places: str = "0.01") -> Decimal:
    """Half-up to the cent: expected values are written as the formula, not as a typed result."""
    from decimal import ROUND_HALF_UP

    return amount.quantize(Decimal(places), rounding=ROUND_HALF_UP)


HYP = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def one(tmp_path, mrc="100.00", removal="2026-01-28", as_of=AS_OF, **billing):
    s = settings_for(**billing)
    plan = make_plan(tmp_path, [row(0, mrc=mrc, removal=removal)], s)
    report = compute_costs(plan, s.billing, as_of=as_of)
    return report, report.lines.iloc[0]


# --------------------------------------------------------------------------- worked examples


def test_worked_example_actual(tmp_path):
    report, line = one(tmp_path)
    assert (line.cycle_start, line.cycle_end) == (date(2026, 1, 15), date(2026, 2, 14))
    assert (line.days_charged, line.days_in_cycle) == (14, 31)
    assert line.prorated == Decimal("45.16")
    assert report.to_dict()["lines"][0]["prorated"] == "45.16"
    assert report.requests.iloc[0]["prorated_total"] == Decimal("45.16")
    assert report.totals["prorated_total"] == Decimal("45.16")


def test_worked_example_30day(tmp_path):
    report, line = one(tmp_path, convention="30day")
    assert (line.days_charged, line.days_in_cycle, line.prorated) == (14, 30, Decimal("46.67"))
    assert report.convention["days"] == "30day"


def test_worked_example_17_of_31(tmp_path):
    _, line = one(tmp_path, removal="2026-01-31")
    assert (line.days_charged, line.days_in_cycle, line.prorated) == (17, 31, q(Decimal(100) * 17 / 31))


def test_convention_states_everything(tmp_path):
    report, _ = one(tmp_path, include_removal_day=False, rounding="half_even", rounding_scope="request")
    conv = report.to_dict()["convention"]
    for key in (
        "billing_day",
        "cycle_anchor_day",
        "days",
        "removal_day",
        "rounding",
        "rounding_scope",
        "minor_digits",
        "as_of",
        "exchange_rates",
    ):
        assert key in conv
    assert (conv["removal_day"], conv["rounding"], conv["rounding_scope"]) == ("excluded", "half_even", "request")


# --------------------------------------------------------------------------- cycle edges


def test_removal_on_first_day_of_cycle(tmp_path):
    _, line = one(tmp_path, removal="2026-02-15", as_of=date(2026, 2, 15))
    assert (line.days_charged, line.days_in_cycle, line.prorated) == (1, 28, q(Decimal(100) / 28))
    _, line = one(tmp_path, removal="2026-02-15", as_of=date(2026, 2, 15), include_removal_day=False)
    assert (line.days_charged, line.prorated, line.cost_through_removal) == (0, Decimal("0.00"), Decimal("0.00"))


def test_removal_on_last_day_of_cycle_is_the_full_mrc(tmp_path):
    _, line = one(tmp_path, removal="2026-02-14")
    assert (line.days_charged, line.days_in_cycle, line.prorated) == (31, 31, Decimal("100.00"))
    _, line = one(tmp_path, removal="2026-02-14", convention="30day")
    assert line.prorated == Decimal("100.00")


@pytest.mark.parametrize(
    "anchor, removal, start, end, charged, in_cycle",
    [
        (31, "2026-02-27", date(2026, 1, 31), date(2026, 2, 27), 28, 28),
        (31, "2026-02-28", date(2026, 2, 28), date(2026, 3, 30), 1, 31),
        (30, "2026-02-28", date(2026, 2, 28), date(2026, 3, 29), 1, 30),
        (29, "2026-02-28", date(2026, 2, 28), date(2026, 3, 28), 1, 29),
        (29, "2028-02-28", date(2028, 1, 29), date(2028, 2, 28), 31, 31),
        (29, "2028-02-29", date(2028, 2, 29), date(2028, 3, 28), 1, 29),
        (31, "2028-02-29", date(2028, 2, 29), date(2028, 3, 30), 1, 31),
        (31, "2026-04-30", date(2026, 4, 30), date(2026, 5, 30), 1, 31),
    ],
)
def test_anchor_days_29_to_31(tmp_path, anchor, removal, start, end, charged, in_cycle):
    _, line = one(tmp_path, removal=removal, as_of=date(2026, 1, 1), cycle_anchor_day=anchor)
    assert (line.cycle_start, line.cycle_end, line.days_charged, line.days_in_cycle) == (start, end, charged, in_cycle)


def test_removal_several_cycles_ahead(tmp_path):
    report, line = one(tmp_path, removal="2026-04-20")  # as-of cycle 15 Jan; removal cycle 15 Apr
    assert line.full_cycles_before == 3
    assert (line.days_charged, line.days_in_cycle) == (6, 30)
    assert line.prorated == q(Decimal(100) * 6 / 30)
    assert line.cost_through_removal == 3 * Decimal(100) + line.prorated
    assert report.requests.iloc[0]["cost_through_removal"] == line.cost_through_removal


def test_removal_before_as_of_bills_nothing_more(tmp_path):
    report, line = one(tmp_path, removal="2026-01-10", as_of=AS_OF)
    assert line.cost_through_removal == Decimal("0.00")
    assert line.full_cycles_before == 0
    assert "already removed" in line.note
    assert any("before the as-of day" in n for n in report.notes)
    assert report.requests.iloc[0]["delay_cost_per_day"] == Decimal("0.00")


def test_removal_on_as_of_day_is_billed(tmp_path):
    _, line = one(tmp_path, removal="2026-01-20", as_of=AS_OF)
    assert line.cost_through_removal == line.prorated == q(Decimal(100) * 6 / 31)


@pytest.mark.parametrize(
    "removal, day, charged",
    [
        ("2026-01-28T06:59Z", date(2026, 1, 27), 13),
        ("2026-01-28T07:00Z", date(2026, 1, 28), 14),
        ("2026-01-28T06:59:59", date(2026, 1, 27), 13),  # naive = UTC
        ("2026-01-28T08:30+02:00", date(2026, 1, 27), 13),  # 06:30Z
        ("2026-01-28T02:00-05:00", date(2026, 1, 28), 14),  # 07:00Z
        ("2026-02-15T06:59Z", date(2026, 2, 14), 31),  # just before the next cycle starts
        ("2026-02-15T07:00Z", date(2026, 2, 15), 1),
    ],
)
def test_datetimes_around_0700_utc(tmp_path, removal, day, charged):
    _, line = one(tmp_path, removal=removal)
    assert (line.billing_day, line.days_charged) == (day, charged)


def test_delay_cost_per_day(tmp_path):
    report, _ = one(tmp_path, removal="2026-01-28")
    assert report.requests.iloc[0]["delay_cost_per_day"] == q(Decimal(100) * 15 / 31) - Decimal("45.16")
    report, _ = one(tmp_path, removal="2026-02-14")  # next day starts a 28-day cycle
    assert report.totals["delay_cost_per_day"] == q(Decimal(100) / 28)


# --------------------------------------------------------------------------- inputs


def test_mixed_currencies_refused_without_rates(tmp_path):
    s = settings_for()
    plan = make_plan(tmp_path, [row(0, mrc="1.00"), row(1, mrc="1.00", currency="EUR")], s)
    with pytest.raises(PortoutError, match=r"row 2: .*EUR.*USD.*exchange_rates"):
        compute_costs(plan, s.billing, as_of=AS_OF)


def test_mixed_currencies_with_rates(tmp_path):
    s = settings_for(exchange_rates={"EUR": "1.10"})
    plan = make_plan(
        tmp_path,
        [row(0, mrc="100.00", removal="2026-01-28"), row(1, mrc="100.00", currency="eur", removal="2026-01-28")],
        s,
    )
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    assert sorted(report.lines["prorated"]) == [Decimal("45.16"), q(Decimal("110.00") * 14 / 31)]
    assert report.convention["exchange_rates"] == {"EUR": "1.10"}
    assert report.currency == "USD"


@pytest.mark.parametrize(
    "mrc, message",
    [
        # A charge that is no amount ("abc", "1e3", "NaN") no longer stops the report: that number is
        # unpriced with a note (tests/costs/test_unreadable_charges.py). A wrong amount still does.
        ("-1.00", "negative"),
        ("99999999", "plausible"),
        ("13175550123", "plausible"),
        ("0.0000001", "decimals"),
    ],
)
def test_bad_mrc_names_the_row(tmp_path, mrc, message):
    s = settings_for()
    plan = make_plan(tmp_path, [row(0, mrc="1.00"), row(1, mrc="2.00"), row(2, mrc=mrc)], s)
    with pytest.raises(PortoutError, match=rf"row 3: monthly_charge .*{message}"):
        compute_costs(plan, s.billing, as_of=AS_OF)


def test_mrc_spellings(tmp_path):
    s = settings_for()
    plan = make_plan(
        tmp_path,
        [
            row(0, mrc="1,50", removal="2026-02-14"),
            row(1, mrc="1.234,50", removal="2026-02-14"),
            row(2, mrc=" 2 ", removal="2026-02-14"),
        ],
        s,
    )
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    assert sorted(report.lines["mrc"]) == [Decimal("1.50"), Decimal("2"), Decimal("1234.50")]


def test_bad_removal_date_names_the_row(tmp_path):
    s = settings_for()
    plan = make_plan(tmp_path, [row(0, mrc="1", removal="2026-01-28"), row(1, mrc="1", removal="28/01/2026")], s)
    with pytest.raises(PortoutError, match=r"row 2: removal_date '28/01/2026'"):
        compute_costs(plan, s.billing, as_of=AS_OF)


def test_jpy_and_bhd_minor_units(tmp_path):
    for currency, mrc, places in (("JPY", "1000", "1"), ("BHD", "10.000", "0.001")):
        report, line = one(tmp_path, mrc=mrc, currency=currency)
        expected = q(Decimal(mrc) * 14 / 31, places)
        assert line.prorated == expected
        out = report.to_dict()
        assert out["lines"][0]["prorated"] == str(expected)
        assert out["totals"]["prorated_total"] == str(expected)
        assert ("." in str(expected)) == (currency == "BHD")
        assert out["minor_digits"] == (0 if currency == "JPY" else 3)
    report, _ = one(tmp_path, mrc="2", currency="BHD")
    assert report.to_dict()["requests"][0]["monthly_saving"] == "2.000"


def test_price_table_and_unpriced(tmp_path):
    s = settings_for(prices={"US": {"geographic": "1.25"}})
    rows = [
        row(0, removal="2026-02-14"),
        row(1, mrc="2.00", removal="2026-02-14"),
        row(2, removal="2026-02-14", address=1),
        row(3, num="+18005550100", removal="2026-02-14"),
    ]
    plan = make_plan(tmp_path, rows, s)
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    assert report.unpriced == ["+18005550100"]  # toll-free: no price for that category
    assert report.totals["complete"] is False
    assert report.totals["priced_numbers"] == 3
    assert report.totals["prorated_total"] == Decimal("1.25") + Decimal("2.00") + Decimal("1.25")
    tf = report.requests[report.requests["id"].str.endswith("-TF")].iloc[0]
    assert not tf["complete"] and tf["priced_numbers"] == 0
    assert report.requests[~report.requests["id"].str.endswith("-TF")]["complete"].all()
    unpriced = report.lines[~report.lines["priced"]].iloc[0]
    assert unpriced.prorated is None and "unpriced" in unpriced.note
    out = report.to_dict()
    assert out["unpriced"] == ["+18005550100"] and out["totals"]["complete"] is False
    assert any("not counted as zero" in n for n in out["notes"])


def test_removal_resolution_order(tmp_path):
    s = settings_for()
    rows = [
        row(0, mrc="100", removal="2026-01-28"),
        row(1, mrc="100"),
        row(2, mrc="100", address=1),
        row(3, mrc="100", address=2),
    ]
    plan = make_plan(tmp_path, rows, s)
    chicago = next(r for r in plan.requests if r.service_address.city == "Chicago")
    indy = next(r for r in plan.requests if r.service_address.city == "Indianapolis")
    dates = {
        indy.id.lower(): date(2026, 1, 30),
        chicago.service_address.one_line().upper(): date(2026, 2, 1),
        "PR-NOPE": date(2026, 2, 2),
    }
    report = compute_costs(plan, s.billing, as_of=AS_OF, removal_date=date(2026, 2, 3), request_dates=dates)
    by_number = report.lines.set_index("number")
    assert by_number.loc[row(0)["number"], "billing_day"] == date(2026, 1, 28)  # inventory wins
    assert by_number.loc[row(1)["number"], "billing_day"] == date(2026, 1, 30)  # request id
    assert by_number.loc[row(2)["number"], "billing_day"] == date(2026, 2, 1)  # service address
    assert by_number.loc[row(3)["number"], "billing_day"] == date(2026, 2, 3)  # --removal-date
    assert any("PR-NOPE" in n for n in report.notes)


def test_no_removal_date_assumes_as_of(tmp_path):
    # A plan without a schedule (as restored from an old snapshot): nothing to follow but the as-of day.
    s = settings_for()
    plan = make_plan(tmp_path, [row(0, mrc="100.00", removal="")], s)
    plan.requests = [dataclasses.replace(r, removal_date="", removal_date_source="") for r in plan.requests]
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    line = report.lines.iloc[0]
    assert line.billing_day == AS_OF and "assumed" in line.note
    assert any("no removal date" in n for n in report.notes)


def test_removal_follows_the_port_schedule(tmp_path):
    s = settings_for()
    rows = [row(i, mrc="100.00", removal="") for i in range(3)]
    path = tmp_path / "inv.csv"
    path.write_bytes(inventory_bytes(rows))
    inv = read_inventory(path)
    plan = build_plan(inv, s, schedule=Schedule(port_date=date(2026, 2, 2), today=date(2026, 1, 5)))
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    assert set(report.lines["billing_day"]) == {date(2026, 2, 3)}  # port date + 1 day
    assert set(report.lines["removal_source"]) == {"port_schedule"}
    later = build_plan(
        inv, s, schedule=Schedule(port_date=date(2026, 2, 9), removal_lag_days=3, today=date(2026, 1, 5))
    )
    later_report = compute_costs(later, s.billing, as_of=AS_OF)
    assert set(later_report.lines["billing_day"]) == {date(2026, 2, 12)}
    assert later_report.totals["cost_through_removal"] > report.totals["cost_through_removal"]
    # a removal date given for all still wins over the derived one
    fixed = compute_costs(later, s.billing, as_of=AS_OF, removal_date=date(2026, 2, 3))
    assert set(fixed.lines["billing_day"]) == {date(2026, 2, 3)}


def test_empty_plan(tmp_path):
    s = settings_for()
    plan = make_plan(tmp_path, [row(0, mrc="1", num="not a number")], s)
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    assert report.totals["numbers"] == 0 and report.totals["prorated_total"] == Decimal("0.00")
    assert report.to_dict()["lines"] == []


# --------------------------------------------------------------------------- charts


def test_cost_by_removal_date_marks_cycle_boundaries(tmp_path):
    s = settings_for()
    plan = make_plan(tmp_path, [row(0, mrc="100.00"), row(1, mrc="100.00", address=1)], s)
    frame = cost_by_removal_date(plan, s.billing, AS_OF, date(2026, 2, 12), date(2026, 2, 16))
    assert frame["cycle_boundary"].tolist() == [False, False, False, True, False]
    costs = frame["cost_through_removal"].tolist()
    assert costs == sorted(costs)
    # Each day equals compute_costs with every number removed that day.
    for rec in frame.itertuples():
        report = compute_costs(plan, s.billing, as_of=AS_OF, removal_date=rec.removal_date)
        assert report.totals["cost_through_removal"] == rec.cost_through_removal
        assert report.totals["prorated_total"] == rec.prorated_total


def test_monthly_savings(tmp_path):
    s = settings_for()
    plan = make_plan(
        tmp_path, [row(0, mrc="10.00", removal="2026-01-28"), row(1, mrc="5.00", removal="2026-03-01", address=1)], s
    )
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    frame = monthly_savings(report, months=4)
    assert frame["cycle_start"].tolist() == [date(2026, 2, 15), date(2026, 3, 15), date(2026, 4, 15), date(2026, 5, 15)]
    assert frame["saving"].tolist() == [Decimal("10.00"), Decimal("15.00"), Decimal("15.00"), Decimal("15.00")]
    assert frame["cumulative_saving"].iloc[-1] == Decimal("55.00")


# --------------------------------------------------------------------------- properties

money = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=date(2025, 12, 1), max_value=date(2027, 3, 31))
billing_opts = st.fixed_dictionaries(
    {
        "cycle_anchor_day": st.integers(1, 31),
        "convention": st.sampled_from(["actual", "30day"]),
        "include_removal_day": st.booleans(),
        "rounding": st.sampled_from(["half_up", "half_even"]),
        "rounding_scope": st.sampled_from(["number", "request"]),
        "currency": st.sampled_from(["USD", "JPY", "BHD"]),
    }
)


@st.composite
def inventories(draw):
    n = draw(st.integers(1, 25))
    rows = []
    for i in range(n):
        mrc = draw(st.one_of(st.just(""), money.map(str)))
        removal = draw(
            st.one_of(
                st.just(""),
                days.map(str),
                st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 3, 31)).map(
                    lambda d: d.isoformat(timespec="minutes") + "Z"
                ),
            )
        )
        rows.append(row(i, mrc=mrc, removal=removal, address=draw(st.integers(0, 2))))
    return rows


@HYP
@given(rows=inventories(), opts=billing_opts, as_of=days, price=st.one_of(st.none(), money))
def test_lines_reconcile_with_requests_and_totals(tmp_path, rows, opts, as_of, price):
    prices = {"US": {"geographic": str(price)}} if price is not None else {}
    s = settings_for(prices=prices, **opts)
    plan = make_plan(tmp_path, rows, s)
    report = compute_costs(plan, s.billing, as_of=as_of, removal_date=as_of + timedelta(days=9))
    lines = report.lines[report.lines["priced"]]
    for col, total in (("prorated", "prorated_total"), ("cost_through_removal", "cost_through_removal")):
        per_request = lines.groupby("request_id")[col].apply(lambda s: sum(s, Decimal(0)))
        for rec in report.requests.itertuples():
            assert getattr(rec, total) == per_request.get(rec.id, Decimal(0))
        assert report.totals[total] == sum(lines[col], Decimal(0)) == sum(report.requests[total], Decimal(0))
    for col in ("monthly_saving", "delay_cost_per_day"):
        assert report.totals[col] == sum(report.requests[col], Decimal(0))
    assert report.totals["complete"] == (len(report.unpriced) == 0)
    # JSON: every amount has exactly the currency's minor digits, and reconciles as text too.
    out = json.loads(json.dumps(report.to_dict()))
    digits = out["minor_digits"]
    for rec in out["requests"]:
        for key in ("prorated_total", "cost_through_removal", "monthly_saving", "delay_cost_per_day"):
            assert len(rec[key].partition(".")[2]) == digits
    assert sum(Decimal(r["prorated_total"]) for r in out["requests"]) == Decimal(out["totals"]["prorated_total"])


@HYP
@given(rows=inventories(), opts=billing_opts, as_of=days, first=days, gap=st.integers(1, 70))
def test_a_later_removal_never_costs_less(tmp_path, rows, opts, as_of, first, gap):
    rows = [{**r, "removal_date": ""} for r in rows]
    s = settings_for(prices={"*": {"geographic": "3.33"}}, **opts)
    plan = make_plan(tmp_path, rows, s)
    early = compute_costs(plan, s.billing, as_of=as_of, removal_date=first)
    late = compute_costs(plan, s.billing, as_of=as_of, removal_date=first + timedelta(days=gap))
    assert late.totals["cost_through_removal"] >= early.totals["cost_through_removal"]
    for a, b in zip(early.requests["cost_through_removal"], late.requests["cost_through_removal"]):
        assert b >= a
    if s.billing.rounding_scope == "number":
        assert (late.lines["cost_through_removal"] >= early.lines["cost_through_removal"]).all()
    assert early.totals["delay_cost_per_day"] >= 0


@pytest.mark.parametrize("seed", range(6))
def test_vectorised_matches_reference_on_random_inventories(tmp_path, seed):
    rng = random.Random(seed)
    opts = {
        "cycle_anchor_day": rng.randint(1, 31),
        "convention": rng.choice(["actual", "30day"]),
        "include_removal_day": rng.random() < 0.5,
        "rounding": rng.choice(["half_up", "half_even"]),
        "currency": rng.choice(["USD", "JPY", "BHD", "EUR"]),
    }
    s = settings_for(**opts)
    digits = {"USD": 2, "EUR": 2, "JPY": 0, "BHD": 3}[opts["currency"]]
    as_of = date(2026, 1, 1) + timedelta(days=rng.randint(0, 500))
    rows, expected = [], {}
    for i in range(rng.randint(50, 300)):
        mrc = Decimal(rng.randint(0, 500000)).scaleb(-rng.choice([0, 1, 2, 3]))
        if rng.random() < 0.5:
            when: date | datetime = as_of + timedelta(days=rng.randint(-40, 200))
            text = when.isoformat()
        else:
            when = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 800 * 24 * 60))
            text = when.isoformat()
        r = row(i, mrc=str(mrc), removal=text, address=rng.randint(0, 2))
        rows.append(r)
        expected[r["number"]] = ref_line(
            mrc,
            when,
            as_of,
            opts["cycle_anchor_day"],
            opts["convention"],
            opts["include_removal_day"],
            opts["rounding"],
            digits,
        )
    plan = make_plan(tmp_path, rows, s)
    report = compute_costs(plan, s.billing, as_of=as_of)
    assert len(report.lines) == len(rows)
    for rec in report.lines.to_dict("records"):
        ref = expected[rec["number"]]
        got = {k: rec[k] for k in ref}
        assert got == ref, rec["number"]


@HYP
@given(rows=inventories(), as_of=days, rounding=st.sampled_from(["half_up", "half_even"]))
def test_request_rounding_shares_out_the_rounded_request_total(tmp_path, rows, as_of, rounding):
    from fractions import Fraction

    from portout.costs.billing import round_units

    s = settings_for(prices={"US": {"geographic": "0.333"}}, rounding_scope="request", rounding=rounding)
    plan = make_plan(tmp_path, rows, s)
    report = compute_costs(plan, s.billing, as_of=as_of)
    lines = report.lines[report.lines["priced"]]
    for rid, group in lines.groupby("request_id"):
        exact = [Fraction(m) * d / n for m, d, n in zip(group["mrc"], group["days_charged"], group["days_in_cycle"])]
        # Each line is its exact amount rounded down or up, never further off than one cent.
        for value, got in zip(exact, group["prorated"]):
            assert abs(Fraction(got) - value) < Fraction(1, 100)
        expected = Fraction(round_units(sum(exact, Fraction(0)) * 100, rounding), 100)
        total = report.requests.set_index("id").loc[rid, "prorated_total"]
        assert Fraction(total) == expected == sum((Fraction(v) for v in group["prorated"]), Fraction(0))
