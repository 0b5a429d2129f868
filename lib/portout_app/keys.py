"""Every durable session-state key of the dashboard, in one place.

Durable keys are plain (not bound to a widget): Streamlit drops widget-bound keys when the user visits
another page. Widgets bind to their own `w_*` keys and copy into these (see `widgets.bound`).
"""

# The inventory in use: its bytes, file name, sha256 (cache key), whether it is the sample, mapping, sheet.
INV_RAW, INV_NAME, INV_SHA, INV_SAMPLE = "inv_raw", "inv_name", "inv_sha", "inv_is_sample"
INV_MAPPING, INV_SHEET = "inv_mapping", "inv_sheet"

# Load page flows: the upload last processed (file id, sheet), why it was refused, a file awaiting its
# column mapping; the same for the org.toml upload; the Genesys fetch's result message.
PROCESSED_UPLOAD, UPLOAD_ERROR, PENDING_UPLOAD = "_processed_upload", "upload_error", "pending_upload"
PROCESSED_SETTINGS, SETTINGS_ERROR = "_processed_settings", "settings_error"
GENESYS_MESSAGE = "gc_message"
