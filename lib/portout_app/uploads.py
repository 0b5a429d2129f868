"""The Load page's upload flows: an inventory upload (with the column-mapping step when the reader finds
no number column) and an org.toml upload. Each keeps the last good state when the file is refused."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from portout.errors import PortoutError
from portout.i18n import N_
from portout.inventory.reader import CANONICAL_COLUMNS, NO_NUMBER_COLUMN, read_headers
from portout_app import keys, language, state

# What each canonical column means, for the mapping step's labels (catalogue messages: translated where shown).
COLUMN_HELP = {
    "number": N_("phone number (required)"),
    "number_type": N_("type as the export writes it (local, toll-free…)"),
    "provider": N_("pool provider (PURE_CLOUD_VOICE = Genesys Cloud Voice, PURE_CLOUD = BYOC)"),
    "location": N_("Number Management location name"),
    "street1": N_("street"),
    "street2": N_("street line 2"),
    "city": N_("city"),
    "state": N_("state / region"),
    "postal_code": N_("postal code"),
    "country": N_("country"),
    "address": N_("one-line address"),
    "owner": N_("assigned to (user, IVR…)"),
    "owner_type": N_("owner type"),
    "monthly_charge": N_("monthly charge (MRC)"),
    "currency": N_("currency"),
    "removal_date": N_("planned removal date"),
    "address_source": N_("address source"),
    "port": N_("port now? yes/no (ja/nein): the others stay with Genesys"),
}
assert set(COLUMN_HELP) == set(CANONICAL_COLUMNS)


def needs_mapping(message: str) -> bool:
    """The upload was refused only for want of a number column (the mapping step can fix that)."""
    error = getattr(message, "error", None)
    if error is not None:
        return getattr(error, "template", None) == NO_NUMBER_COLUMN
    return "no phone number column" in message


@dataclass(frozen=True)
class PendingUpload:
    """An upload whose number column was not found: kept for the column-mapping step."""

    raw: bytes
    name: str
    sheet: str
    headers: list[str]  # as the reader reads them (read once: a large file is not re-read per rerun)


def _headers(raw: bytes, name: str, sheet: str) -> list[str]:
    """The library reader's own headers ([] when the file cannot be read at all): one decoder for both steps."""
    try:
        return [h for h in read_headers(raw, name, sheet or None) if h]
    except PortoutError:
        return []


def receive_inventory(upload: UploadedFile | None, sheet: str) -> None:
    """Process a new upload (or a new sheet name) once: it replaces the inventory only if it reads and plans.

    Otherwise its error is kept for `upload_error`, and a file without a recognisable number column is kept
    for the mapping step. A good upload clears the error of an earlier bad one.
    """
    ss = st.session_state
    if upload is None or ss.get(keys.PROCESSED_UPLOAD) == (upload.file_id, sheet):
        return
    ss[keys.PROCESSED_UPLOAD] = (upload.file_id, sheet)
    raw = upload.getvalue()
    error = state.try_inventory(raw, upload.name, sheet=sheet)
    ss[keys.UPLOAD_ERROR] = error
    ss[keys.PENDING_UPLOAD] = (
        PendingUpload(raw, upload.name, sheet, _headers(raw, upload.name, sheet))
        if error is not None and needs_mapping(error)
        else None
    )
    if error is None:
        st.rerun()


def upload_error(upload: UploadedFile | None) -> str | None:
    """Why the file in the uploader was not used (None when it was, or when the uploader is empty)."""
    return st.session_state.get(keys.UPLOAD_ERROR) if upload is not None else None


def pending_upload(upload: UploadedFile | None) -> PendingUpload | None:
    pending: PendingUpload | None = st.session_state.get(keys.PENDING_UPLOAD)
    return pending if upload is not None else None


def apply_mapping(pending: PendingUpload, mapping: dict[str, str]) -> str | None:
    """Read the pending upload with the user's column mapping; on success it becomes the inventory."""
    _ = language.gettext()
    if "number" not in mapping:
        return _("Choose the column that holds the phone numbers.")
    error = state.try_inventory(pending.raw, pending.name, mapping=mapping, sheet=pending.sheet)
    if error is None:
        st.session_state[keys.PENDING_UPLOAD] = None
        st.session_state[keys.UPLOAD_ERROR] = None
        st.rerun()
    return error


def receive_settings(upload: UploadedFile | None) -> None:
    """Process a new org.toml upload once: it replaces the settings only if valid (else `settings_error`)."""
    ss = st.session_state
    if upload is None or ss.get(keys.PROCESSED_SETTINGS) == upload.file_id:
        return
    ss[keys.PROCESSED_SETTINGS] = upload.file_id
    try:
        text = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError:
        _ = language.gettext()
        ss[keys.SETTINGS_ERROR] = _("the file is not UTF-8 text")
        return
    error = state.try_settings(text)
    ss[keys.SETTINGS_ERROR] = error
    if error is None:
        st.rerun()


def settings_error(upload: UploadedFile | None) -> str | None:
    return st.session_state.get(keys.SETTINGS_ERROR) if upload is not None else None
