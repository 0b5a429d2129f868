"""Cost impact: billing settings, removal dates (per request and shifted), prorated charges, savings."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from portout import figures as charts
from portout.costs.notes import note_text
from portout.costs.removal_dates import overrides_from_editor
from portout.costs.report import cost_by_removal_date, monthly_savings
from portout.costs.scenarios import convention_sentences
from portout.formatting import money, money_float
from portout.i18n import N_
from portout_app import costing, keys, language, layout, state
from portout_app.markdown import md
from portout_app.scenarios_ui import scenario_section
from portout_app.widgets import bound, prices_editor, settings_form, user_errors

_ = language.gettext()
loaded = state.page_setup("Cost impact")
st.title(_("Cost impact"))
if loaded is None:
    st.stop()
costing.ensure_dates()
plan, billing = loaded.plan, loaded.settings.billing

with st.expander(_("Billing settings"), expanded=False):
    settings_form(loaded.settings, "billing", billing_only=True)
    st.markdown(_("**Monthly charge per number** (where the inventory has none), by country and category"))
    prices_editor(loaded.settings)

st.subheader(_("Removal dates"))
bound(
    st.toggle,
    keys.FOLLOW_PORT,
    "w_follow_port",
    _("Removal follows each request's port date (+ the removal lag, Port plan page)"),
    help=_("Off: one planned removal date for every request."),
)
c1, c2, c3, c4 = layout.side_by_side(4, layout.FIELD_WIDTH)
bound(
    c1.date_input,
    keys.AS_OF,
    "w_as_of",
    _("Costs as of (billing day)"),
    **language.date_picker_args(),
)
bound(
    c2.date_input,
    keys.DEFAULT_REMOVAL,
    "w_default_removal",
    _("Planned removal (every request)"),
    **language.date_picker_args(),
    disabled=bool(st.session_state[keys.FOLLOW_PORT]),
)
# A number input, not a slider: a slider moves about a pixel per day, too coarse to hit "10 days".
bound(
    c3.number_input,
    keys.SHIFT_DAYS,
    "w_shift_days",
    _("Shift all removal dates by N days"),
    min_value=-365,
    max_value=365,
    step=1,
    help=_("Negative: earlier. Applied on top of each request's own date."),
)
# Only the formats of the dashboard's languages; the default follows the language, a choice is kept.
# The example amount is in the report's currency (set, or derived from the inventory's priced rows).
locale = language.number_format_picker(c4, costing.invoice_currency_or_blank(loaded))

with user_errors(_("Costs cannot be computed: ")):
    report = costing.current_costs(loaded)
    cur = report.currency
    t = report.totals
    # A wrapping row: at 800 px four money figures in a row were cut to "$2,1…".
    row = layout.metrics_row()
    row.metric(_("Final prorated charge"), money(t["prorated_total"], cur, locale))
    row.metric(
        _("Cost until removal"),
        money(t["cost_through_removal"], cur, locale),
        help=_("full cycles from the as-of cycle up to the removal cycle, plus the prorated part"),
    )
    row.metric(_("Saved per month afterwards"), money(t["monthly_saving"], cur, locale))
    row.metric(_("Each day of delay costs"), money(t["delay_cost_per_day"], cur, locale))
    # Two different fixes: a number without any price needs the price table, a charge that is no amount
    # needs the inventory corrected (the price table is deliberately not used for it).
    unreadable = int(t.get("unreadable_charges", 0))
    if t["unpriced_numbers"] > unreadable:
        st.warning(
            _.ngettext(
                "{count} number has no price: set billing.prices in the settings.",
                "{count} numbers have no price: set billing.prices in the settings.",
                t["unpriced_numbers"] - unreadable,
            )
        )
    if unreadable:
        st.warning(
            _.ngettext(
                "{count} number has a monthly charge that cannot be read as an amount: it is unpriced, and the "
                "totals leave it out. Correct it in the inventory (the notes at the end of this page name the row).",
                "{count} numbers have a monthly charge that cannot be read as an amount: they are unpriced, and the "
                "totals leave them out. Correct them in the inventory (the notes at the end of this page name "
                "the first rows).",
                unreadable,
            )
        )

    if report.requests.empty:
        # Headers only, or every row excluded: nothing to date or chart (an empty date column would
        # make the editor fail on its dtype).
        st.info(_("No port requests are planned, so there are no removal dates or charges to show."))
        st.stop()
    default = st.session_state[keys.DEFAULT_REMOVAL]
    shift = int(st.session_state[keys.SHIFT_DAYS])
    st.caption(
        _("Edit a request's removal date below (before the shift).")
        + (" " + _("Every date is then moved by {days} days.", days=f"{shift:+d}") if shift else "")
    )
    per_request = costing.defaults(loaded)
    base_dates = dict(per_request) | {
        rid: pd.Timestamp(v).date() for rid, v in st.session_state[keys.REMOVAL_DATES].items()
    }
    req = report.requests
    table = pd.DataFrame(
        {
            "request": req["id"],
            "removal date": [base_dates.get(rid, per_request.get(rid, default)) for rid in req["id"]],
            "numbers": req["numbers"],
            "billed until": req["removal_date"],
            "prorated charge": req["prorated_total"].map(money_float),
            "cost until removal": req["cost_through_removal"].map(money_float),
            "delay per day": req["delay_cost_per_day"].map(money_float),
            "service address": req["service_address"],
        }
    )
    # Shown: amounts as the chosen locale writes them, with the currency (the float columns feed the charts).
    shown = table.assign(
        **{
            col: [_("unpriced") if v is None or pd.isna(v) else money(v, cur, locale) for v in req[src]]
            for col, src in (
                ("prorated charge", "prorated_total"),
                ("cost until removal", "cost_through_removal"),
                ("delay per day", "delay_cost_per_day"),
            )
        }
    )
    date_format = language.date_format()
    edited = st.data_editor(
        shown,
        hide_index=True,
        width="stretch",
        key="w_removal_editor",
        disabled=[c for c in table.columns if c != "removal date"],
        column_config={
            "removal date": st.column_config.DateColumn(
                _("removal date"), required=True, **language.date_picker_args()
            ),
            **{
                c: st.column_config.TextColumn(_(label))
                for c, label in (
                    ("prorated charge", N_("prorated charge")),
                    ("cost until removal", N_("cost until removal")),
                    ("delay per day", N_("delay per day")),
                )
            },
            # display labels only: the columns keep their names, which the editor logic reads
            "request": st.column_config.TextColumn(_("request")),
            "numbers": st.column_config.NumberColumn(_("numbers")),
            "billed until": st.column_config.DateColumn(_("billed until"), format=date_format),
            "service address": st.column_config.TextColumn(_("service address")),
        },
    )
    overrides = overrides_from_editor(edited, per_request)
    if overrides != st.session_state[keys.REMOVAL_DATES]:
        st.session_state[keys.REMOVAL_DATES] = overrides
        st.rerun()

    if not cur:
        # Nothing priced and no currency set: charts of zeros in no currency would invent a cost.
        st.info(_("Nothing is priced, so there are no amounts to chart: set the prices and the invoice currency."))
    else:
        chart_cols = layout.side_by_side(2)
        chart_cols[0].plotly_chart(
            charts.charge_per_request(table.rename(columns={"request": "request_id"}), "prorated charge", cur, t=_),
            width="stretch",
        )
        as_of = st.session_state[keys.AS_OF]
        horizon_end = max(as_of + timedelta(days=120), default + timedelta(days=max(shift, 0) + 30))
        curve = cost_by_removal_date(plan, billing, as_of, as_of, horizon_end)
        boundaries = curve.loc[curve["cycle_boundary"], "removal_date"].tolist()
        chart_cols[1].plotly_chart(
            charts.cumulative_cost(
                curve, "removal_date", "cost", cur, boundaries, default + timedelta(days=shift), t=_
            ),
            width="stretch",
        )
        savings = monthly_savings(report, months=12)
        chart_cols = layout.side_by_side(2)
        chart_cols[0].plotly_chart(
            charts.monthly_saving(savings, "cycle_start", "saving_value", cur, t=_), width="stretch"
        )
        chart_cols[1].plotly_chart(
            charts.delay_cost(table.rename(columns={"request": "request_id"}), "request_id", "delay per day", cur, t=_),
            width="stretch",
        )

        scenario_section(loaded, report, costing.request_dates(loaded), locale)

    st.subheader(_("Convention used"))
    for sentence in convention_sentences(report.convention, language.gettext()):
        st.markdown(f"- {sentence}")
    with st.expander(_("The convention as stored (the codes in the JSON export)")):
        st.json(report.convention)
    for note in report.notes:
        # Notes quote inventory text (request keys, unreadable charges): shown as text, never as Markdown.
        st.caption(md(note_text(note, language.gettext())))
