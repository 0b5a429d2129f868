"""Home / load: sample or upload, column mapping, Genesys Cloud connection, settings, prerequisites."""

from __future__ import annotations

import streamlit as st

from portout import figures as charts
from portout.export.labels import Labels
from portout.inventory.read_notes import describe_read
from portout.inventory.reader import CANONICAL_COLUMNS
from portout.settings import dump_settings
from portout_app import costing, keys, language, layout, state, uploads
from portout_app.genesys_ui import connect_section
from portout_app.markdown import md
from portout_app.widgets import bound, settings_form, upload_summary

_ = language.gettext()
loaded = state.page_setup("Load")
st.title(_("Port-Out Planner for Genesys Cloud Voice"))
st.write(
    _(
        "Plan moving phone numbers out of Genesys Cloud Voice: which numbers can go, how they split into port requests (one per service address), the exact LOA values, what the last prorated charges cost, and the workbook for the gaining carrier."
    )
)

with st.expander(_("Before you start: the prerequisites"), expanded=st.session_state[keys.INV_SAMPLE]):
    for key, text in {
        "role": _("You (or the signer) have the **Genesys Cloud Voice Admin** role."),
        "invoice": _(
            "You have the Genesys invoice (its **Ship To** name and address), or the **partner** that "
            "bills you is engaged to supply the data."
        ),
        "loa": _("You have the **gaining carrier's LOA form** (Genesys does not start a port-out)."),
        "org": _("You know the **Organization ID** (Admin > Account Settings > Organization Settings)."),
    }.items():
        st.session_state.setdefault(f"prereq_{key}", False)
        bound(st.checkbox, f"prereq_{key}", f"w_prereq_{key}", text)


def numbers_accounted() -> None:
    """Every number read at a glance: in a request, staying or excluded (it also brings the chart code to the
    browser here, while the page is read, instead of on the first page with charts)."""
    if loaded is not None:
        st.container(width=2 * layout.CHART_WIDTH).plotly_chart(
            charts.numbers_accounted(loaded.plan, _), width="stretch"
        )


st.header(_("1. Inventory"))
if st.session_state[keys.INV_SAMPLE]:
    st.info(
        _(
            "The **sample inventory** ({v1}) is loaded. Upload your own Number Management export (CSV or XLSX) to replace it.",
            v1=state.SAMPLE_INVENTORY.name,
        ),
        icon=":material/science:",
    )
    numbers_accounted()
else:
    upload_summary(loaded)
    numbers_accounted()
    if st.session_state.get(keys.SETTINGS_NOTE):
        st.info(st.session_state[keys.SETTINGS_NOTE], icon=":material/info:")
    if st.button(_("Back to the sample")):
        state.load_sample()
        st.rerun()

upload = st.file_uploader(_("Upload a number inventory"), type=["csv", "xlsx", "txt"], key="w_inventory_upload")
sheet = st.text_input(_("Excel sheet (default: the first)"), key="w_inventory_sheet").strip()
uploads.receive_inventory(upload, sheet)
if error := uploads.upload_error(upload):
    st.error(_("Upload not used, the previous inventory is kept: {v1}", v1=md(error)))

pending = uploads.pending_upload(upload)
if pending is not None and pending.headers:
    st.subheader(_("Map the columns"))
    st.write(
        _(
            "Tell us which column of **{name}** holds what. Its headers: {headers}",
            name=md(pending.name),
            headers=", ".join(md(h) for h in pending.headers),
        )
    )
    with st.form("mapping_form"):
        mapping = {}
        cols = st.columns(3)
        for i, canon in enumerate(CANONICAL_COLUMNS):
            # "" = no column: a code, not a header text (a file may have a column named "(none)")
            choice = cols[i % 3].selectbox(
                f"{canon} — {_(uploads.COLUMN_HELP[canon])}",
                ["", *pending.headers],
                key=f"w_map_{canon}",
                format_func=lambda h: h or _("(none)"),
            )
            if choice:
                mapping[canon] = choice
        if st.form_submit_button(_("Use this mapping"), type="primary") and (
            error := uploads.apply_mapping(pending, mapping)
        ):
            st.error(md(error))

if loaded is not None:
    inv = loaded.inventory
    # How the file was read, in the session's language (the reader records it as data).
    read_note = describe_read(inv.read_info, _) or " · ".join(inv.notes)
    used = ", ".join(f"{k} ← {v!r}" for k, v in inv.mapping.items())
    st.caption(md(read_note) + " · " + _("columns used: {columns}", columns=md(used)))
    if inv.unmapped:
        st.caption(_("Columns not used: ") + md(", ".join(inv.unmapped)))

connect_section()

st.header(_("2. Organisation settings"))
if loaded is not None:
    toml_text = dump_settings(loaded.settings)
    # Side by side where both fit, else one under the other: in half of an 800-px page the German label was cut.
    c1, c2 = layout.side_by_side(2, 300)
    c1.download_button(_("Download settings (org.toml)"), toml_text, file_name="org.toml", mime="application/toml")
    toml_upload = c2.file_uploader(_("Upload settings (org.toml)"), type=["toml"], key="w_settings_upload")
    uploads.receive_settings(toml_upload)
    if error := uploads.settings_error(toml_upload):
        st.error(_("Settings file not used, the previous settings are kept: {v1}", v1=md(error)))
    settings_form(loaded.settings, "settings")
    if not loaded.settings.billing.currency and (derived := costing.invoice_currency_or_blank(loaded)):
        st.caption(
            _(
                "Invoice currency not set: the costs are in {currency}, the currency every priced row of the "
                "inventory carries.",
                currency=derived,
            )
        )
    if loaded.settings.billing.prices:  # prices require billing.currency (settings), so it is set here
        words = Labels(language.current_lang()).value
        currency = loaded.settings.billing.currency
        st.caption(
            _(
                "Prices per number and month (edit them in org.toml): {prices}",
                prices="; ".join(
                    f"{md(country)}: "
                    + ", ".join(f"{words(cat)} {_.money(amount, currency)}" for cat, amount in table.items())
                    for country, table in loaded.settings.billing.prices.items()
                ),
            )
        )
