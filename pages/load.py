"""Home / load: sample or upload, column mapping, Genesys Cloud connection, settings, prerequisites."""

from __future__ import annotations

import streamlit as st

from portout.inventory.reader import CANONICAL_COLUMNS
from portout.settings import dump_settings
from portout_app import state
from portout_app.genesys_ui import connect_section
from portout_app.markdown import md
from portout_app.uploads import COLUMN_HELP, file_headers, needs_mapping
from portout_app.widgets import bound, settings_form, upload_summary

loaded = state.page_setup("Load")
st.title("Port-Out Planner for Genesys Cloud Voice")
st.write(
    "Plan moving phone numbers out of Genesys Cloud Voice: which numbers can go, how they split into "
    "port requests (one per service address), the exact LOA values, what the last prorated charges "
    "cost, and the workbook for the gaining carrier."
)

with st.expander("Before you start: the prerequisites", expanded=st.session_state[state.INV_SAMPLE]):
    for key, text in {
        "role": "You (or the signer) have the **Genesys Cloud Voice Admin** role.",
        "invoice": "You have the Genesys invoice (its **Ship To** name and address), or the **partner** that "
        "bills you is engaged to supply the data.",
        "loa": "You have the **gaining carrier's LOA form** (Genesys does not start a port-out).",
        "org": "You know the **Organization ID** (Admin > Account Settings > Organization Settings).",
    }.items():
        st.session_state.setdefault(f"prereq_{key}", False)
        bound(st.checkbox, f"prereq_{key}", f"w_prereq_{key}", text)

st.header("1. Inventory")
if st.session_state[state.INV_SAMPLE]:
    st.info(
        f"The **sample inventory** ({state.SAMPLE_INVENTORY.name}) is loaded. Upload your own "
        "Number Management export (CSV or XLSX) to replace it.",
        icon=":material/science:",
    )
else:
    upload_summary(loaded)
    if st.session_state.get(state.SETTINGS_NOTE):
        st.info(st.session_state[state.SETTINGS_NOTE], icon=":material/info:")
    if st.button("Back to the sample"):
        state.load_sample()
        st.rerun()

upload = st.file_uploader("Upload a number inventory", type=["csv", "xlsx", "txt"], key="w_inventory_upload")
sheet = st.text_input("Excel sheet (default: the first)", key="w_inventory_sheet").strip()
if upload is not None and st.session_state.get("_processed_upload") != (upload.file_id, sheet):
    st.session_state["_processed_upload"] = (upload.file_id, sheet)
    raw = upload.getvalue()
    error = state.try_inventory(raw, upload.name, sheet=sheet)
    if error is None:
        st.session_state.pop("pending_upload", None)
        st.rerun()
    st.session_state["upload_error"] = error
    # A file whose number column we cannot find gets the mapping step; anything else keeps the last state.
    st.session_state["pending_upload"] = (raw, upload.name, sheet) if needs_mapping(error) else None
if st.session_state.get("upload_error") and upload is not None:
    st.error(f"Upload not used, the previous inventory is kept: {md(st.session_state['upload_error'])}")

pending = st.session_state.get("pending_upload")
if pending and upload is not None:
    raw, name, sheet = pending
    headers = file_headers(raw, sheet or None)
    if headers:
        st.subheader("Map the columns")
        st.write(
            f"Tell us which column of **{md(name)}** holds what. Its headers: " + ", ".join(md(h) for h in headers)
        )
        with st.form("mapping_form"):
            mapping = {}
            cols = st.columns(3)
            for i, canon in enumerate(CANONICAL_COLUMNS):
                choice = cols[i % 3].selectbox(
                    f"{canon} — {COLUMN_HELP[canon]}", ["(none)"] + headers, key=f"w_map_{canon}"
                )
                if choice != "(none)":
                    mapping[canon] = choice
            if st.form_submit_button("Use this mapping", type="primary"):
                if "number" not in mapping:
                    st.error("Choose the column that holds the phone numbers.")
                else:
                    error = state.try_inventory(raw, name, mapping=mapping, sheet=sheet)
                    if error:
                        st.error(md(error))
                    else:
                        st.session_state.pop("pending_upload", None)
                        st.session_state.pop("upload_error", None)
                        st.rerun()

if loaded is not None:
    inv = loaded.inventory
    st.caption(
        md(" · ".join(inv.notes) + f" · columns used: {', '.join(f'{k} ← {v!r}' for k, v in inv.mapping.items())}")
    )
    if inv.unmapped:
        st.caption("Columns not used: " + md(", ".join(inv.unmapped)))

connect_section()

st.header("2. Organisation settings")
if loaded is not None:
    toml_text = dump_settings(loaded.settings)
    c1, c2 = st.columns(2)
    c1.download_button("Download settings (org.toml)", toml_text, file_name="org.toml", mime="application/toml")
    toml_upload = c2.file_uploader("Upload settings (org.toml)", type=["toml"], key="w_settings_upload")
    if toml_upload is not None and st.session_state.get("_processed_settings") != toml_upload.file_id:
        st.session_state["_processed_settings"] = toml_upload.file_id
        try:
            text = toml_upload.getvalue().decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        error = "the file is not UTF-8 text" if text is None else state.try_settings(text)
        st.session_state["settings_error"] = error
        if error is None:
            st.rerun()
    if st.session_state.get("settings_error") and toml_upload is not None:
        st.error(f"Settings file not used, the previous settings are kept: {md(st.session_state['settings_error'])}")
    settings_form(loaded.settings, "settings")
    if loaded.settings.billing.prices:
        st.caption(
            "Prices per number and month (edit them in org.toml): "
            + "; ".join(
                f"{country}: " + ", ".join(f"{cat} {amount}" for cat, amount in table.items())
                for country, table in loaded.settings.billing.prices.items()
            )
        )
