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

# Settings: the TOML in use; where it comes from ("sample", "unset" after an upload started them empty,
# "user" when uploaded or edited); the user's own last settings (reused on an upload); a note on the switch.
SETTINGS_TOML = "settings_toml"
SETTINGS_ORIGIN, USER_TOML, SETTINGS_NOTE = "settings_origin", "user_settings_toml", "settings_note"
SETTINGS_APPLIED = "settings_applied_message"

# Plan edits: BTN per request, address merges and pairs kept apart.
BTN, MERGES, KEPT_APART = "btn_overrides", "address_merges", "kept_apart"

# Costs: removal date per request, the shift-all slider, as-of day, default removal day; money locale.
REMOVAL_DATES, SHIFT_DAYS = "removal_dates", "removal_shift_days"
AS_OF, DEFAULT_REMOVAL = "as_of", "default_removal"
FOLLOW_PORT = "removal_follows_port"  # removal = each request's port date + lag (the plan's schedule)
LOCALE = "locale"  # the number format in effect (set by page_setup from NUMBER_FORMAT and the language)
# The user's number-format choice per dashboard language ({"de": "de_CH"}): kept across reruns and page
# switches; a language without a choice formats as its default (portout.i18n.FORMAT_LOCALES).
NUMBER_FORMAT = "number_format"

# Languages: the dashboard's and the LOA export's; whether the export includes the costs.
UI_LANG, LANG = "ui_lang", "export_lang"
EXPORT_WITH_COSTS = "export_with_costs"
# Files built with the Prepare buttons (LOA workbook, ZIP, finance export): kind -> fingerprint and bytes.
PREPARED = "prepared_files"

# Tracker: the plan shown, who records changes, the last change's message, request versions already seen.
TRACKER_PLAN_ID, TRACKER_ACTOR = "tracker_plan_id", "tracker_actor"
TRACKER_MESSAGE, TRACKER_SEEN_VERSION = "tracker_message", "tracker_seen_version"

# Per-session memo of the inventory, settings and plan (see cache.memo).
MEMO = "_memo"
