"""Changes a user makes to a finished plan without re-planning: the BTN choice, settings relabelled,
one request on its own.

BTN choice is applied *after* planning: it changes one field of a request, and re-planning 100k numbers
(seconds) for it would make the BTN picker slow.
"""

from __future__ import annotations

import copy
import dataclasses

from portout.plan.model import Plan
from portout.settings import OrgSettings


def apply_btn_overrides(plan: Plan, overrides: dict[str, str]) -> Plan:
    """A shallow copy of `plan` whose requests carry the chosen BTNs (ignored when not one of its numbers)."""
    if not overrides:
        return plan
    requests = [
        dataclasses.replace(r, btn=overrides[r.id], btn_note=r.btn_note.replace(r.btn, overrides[r.id]))
        if overrides.get(r.id) in set(r.numbers)
        else r
        for r in plan.requests
    ]
    out = copy.copy(plan)
    out.requests = requests
    return out


def with_settings(plan: Plan, settings: OrgSettings) -> Plan:
    """The plan relabelled with `settings` (used when only billing changed: grouping does not depend on it)."""
    out = copy.copy(plan)
    out.settings = settings
    return out


def planning_settings(settings: OrgSettings) -> OrgSettings:
    """Settings without the billing part: the plan's cache key, so a price change does not re-plan."""
    return dataclasses.replace(settings, billing=type(settings.billing)())


def sub_plan(plan: Plan, request_id: str) -> Plan:
    """A plan holding only one request (for a cheap one-sheet preview)."""
    out = copy.copy(plan)
    out.requests = [plan.request(request_id)]
    out.numbers = plan.numbers[plan.numbers["request_id"] == request_id].reset_index(drop=True)
    out.excluded = []
    return out
