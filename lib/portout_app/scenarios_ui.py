"""Cost impact's scenario section: removal dates A against B (or a slip of N days), the difference per
request and in total, and the finance export. The arithmetic is portout.costs.scenarios."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from portout.costs.report import CostReport
from portout.costs.scenarios import ScenarioComparison, compare, delay_cost, finance_csv, finance_xlsx
from portout.formatting import money
from portout.i18n import N_
from portout_app import cache, keys, language, layout, prepare
from portout_app.markdown import md
from portout_app.state import Loaded

MODE, SLIP, DATE_A, DATE_B = "scenario_mode", "scenario_slip_days", "scenario_date_a", "scenario_date_b"
# The modes are codes (kept in session state); their labels are catalogue messages, translated where shown.
SLIP_MODE, DATES_MODE = "slip", "dates"
MODE_LABELS = {SLIP_MODE: N_("Slip every removal by N days"), DATES_MODE: N_("Two removal dates for every request")}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _comparison(loaded: Loaded, dates: dict[str, date], report: Any) -> ScenarioComparison:
    ss = st.session_state
    plan, billing, as_of = loaded.plan, loaded.settings.billing, ss[keys.AS_OF]
    # Keyed like the cost report (plan, billing, dates) plus the scenario: two engine runs, once per change.
    key = (
        ss[keys.MEMO]["plan"][0],
        billing,
        tuple(sorted(dates.items())),
        as_of,
        ss[MODE],
        ss[SLIP],
        ss[DATE_A],
        ss[DATE_B],
    )
    if ss[MODE] == SLIP_MODE:
        return cache.memo("scenario", key, lambda: delay_cost(plan, billing, as_of, dates, int(ss[SLIP]), base=report))
    ids = list(dates)
    return cache.memo(
        "scenario",
        key,
        lambda: compare(
            plan,
            billing,
            as_of,
            dict.fromkeys(ids, ss[DATE_A]),
            dict.fromkeys(ids, ss[DATE_B]),
            ss[DATE_A].isoformat(),
            ss[DATE_B].isoformat(),
        ),
    )


def scenario_section(loaded: Loaded, report: CostReport, dates: dict[str, date], locale: str) -> None:
    _ = language.gettext()
    from portout_app.widgets import bound

    ss = st.session_state
    default = ss[keys.DEFAULT_REMOVAL]
    if ss.get(MODE) not in MODE_LABELS:  # unset, or a label stored by an older version of this page
        ss[MODE] = SLIP_MODE
    ss.setdefault(SLIP, 10)
    ss.setdefault(DATE_A, default)
    ss.setdefault(DATE_B, default)
    st.subheader(_("Scenarios: what a different removal date costs"))
    mode = bound(
        st.radio,
        MODE,
        "w_scenario_mode",
        _("Compare"),
        [SLIP_MODE, DATES_MODE],
        horizontal=True,
        format_func=lambda m: _(MODE_LABELS[m]),
    )
    c1, c2 = st.columns(2)
    if mode == SLIP_MODE:
        bound(
            c1.number_input,
            SLIP,
            "w_scenario_slip",
            _("Slip (days, negative = earlier)"),
            min_value=-365,
            max_value=365,
            step=1,
        )
    else:
        bound(
            c1.date_input,
            DATE_A,
            "w_scenario_a",
            _("Removal A"),
            **language.date_picker_args(),
        )
        bound(
            c2.date_input,
            DATE_B,
            "w_scenario_b",
            _("Removal B"),
            **language.date_picker_args(),
        )
    # The page's report has the same plan, billing, as-of day and dates: it is the "as planned" side.
    cmp = _comparison(loaded, dates, report)
    cur, t = cmp.currency, cmp.totals
    if mode == SLIP_MODE:
        a_name = _("as planned")
        b_name = _.ngettext("slipped {days} day", "slipped {days} days", abs(int(ss[SLIP])), days=f"{int(ss[SLIP]):+d}")
    else:
        a_name = _("removal {date}", date=_.date(ss[DATE_A]))
        b_name = _("removal {date}", date=_.date(ss[DATE_B]))
    # A wrapping row: in columns, three money figures (and these long labels) are cut off at 800 px.
    m1 = m2 = m3 = layout.metrics_row()
    m1.metric(_("Cost through removal, {a_name}", a_name=a_name), money(t["cost_a"], cur, locale))
    m2.metric(_("Cost through removal, {b_name}", b_name=b_name), money(t["cost_b"], cur, locale))
    m3.metric(_("Difference (B − A)"), money(t["difference"], cur, locale))
    if mode == SLIP_MODE:
        n = int(ss[SLIP])
        st.caption(
            _(
                "A slip of {v1} days costs {v2}: the engine's cost with every removal date slipped minus the cost as planned, not the daily rate × days (each number is rounded on its own and a slip can cross into a new billing cycle).",
                v1=format(n, "+d"),
                v2=money(t["difference"], cur, locale),
            )
        )
    if t["unpriced_numbers"]:
        st.caption(
            _.ngettext(
                "{count} number has no price: unpriced, left out of both scenarios",
                "{count} numbers have no price: unpriced, left out of both scenarios",
                t["unpriced_numbers"],
            )
        )

    def fmt(v: Any) -> str:
        return _("unpriced") if v is None or (isinstance(v, float) and pd.isna(v)) else money(v, cur, locale)

    req = cmp.requests
    st.dataframe(
        pd.DataFrame(
            {
                _("Request"): req["request_id"],
                _("Numbers"): req["numbers"],
                _("Removal A"): req["removal_a"].map(_.date),
                _("Removal B"): req["removal_b"].map(_.date),
                _("Cost A"): req["cost_a"].map(fmt),
                _("Cost B"): req["cost_b"].map(fmt),
                _("Difference"): [fmt(v) if v is not None else "" for v in req["difference"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    lang = "de" if locale.startswith("de") else "en"
    st.markdown(_("**Finance export** (per request and the total, with the convention)"))
    # Prepared on request with its stages shown; offered only for exactly these scenarios, dates and locale.
    print_ = prepare.plan_fingerprint(
        loaded, sorted(dates.items()), ss[keys.AS_OF], mode, ss[SLIP], ss[DATE_A], ss[DATE_B], locale, lang
    )
    csv_label = _("Scenarios (.csv, {v1})", v1=md(locale))
    prepare.prepared_downloads(
        "finance",
        print_,
        _("Prepare the finance export (.xlsx and .csv)"),
        lambda on_progress: [
            prepare.Download(_("Scenarios (.xlsx)"), finance_xlsx(cmp, lang, on_progress), "cost-scenarios.xlsx", XLSX),
            prepare.Download(csv_label, finance_csv(cmp, locale, lang), "cost-scenarios.csv", "text/csv"),
        ],
        key="w_prep_finance",
    )
    st.caption(
        _(
            "The CSV follows the number format chosen above: with a decimal comma the columns are separated by ';'. It starts with a UTF-8 byte-order mark so Excel reads accented letters."
        )
    )


__all__ = ["scenario_section"]
