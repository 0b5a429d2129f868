"""Tracking saved port plans request by request, from draft to removal from Genesys Cloud Voice.

Public API (no streamlit here; the dashboard's Tracker page and `portout track` both use it):
`Tracker`, `StaleWriteError`, `UnknownPlanError`, `TransitionError`, the lifecycle constants.
"""

from portout.tracker.lifecycle import (
    REASON_CODES,
    STATE_LABELS,
    STATES,
    TRANSITIONS,
    TransitionError,
    allowed,
)
from portout.tracker.saved_plans import (
    HistoryEntry,
    PlanInfo,
    RequestStatus,
    SavedPlan,
    Snapshot,
    StaleWriteError,
    Tracker,
    UnknownPlanError,
)
from portout.tracker.store import TrackerDatabaseError, default_db_path, resolve_db_path

__all__ = [
    "REASON_CODES",
    "STATES",
    "STATE_LABELS",
    "TRANSITIONS",
    "HistoryEntry",
    "PlanInfo",
    "RequestStatus",
    "SavedPlan",
    "Snapshot",
    "StaleWriteError",
    "Tracker",
    "TrackerDatabaseError",
    "TransitionError",
    "UnknownPlanError",
    "allowed",
    "default_db_path",
    "resolve_db_path",
]
