"""Which numbers leave now (issue 12): by country, category, service address or location, request id, and
the inventory's `port` column. Everything portable that is not chosen *stays* with Genesys and is listed;
rows that cannot be ported at all keep their exclusion reasons instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from portout.i18n import N_, Translator, translator
from portout.plan.model import STAYING_COLUMNS
from portout.settings import CATEGORIES, ScopeSettings, normalise_country

# Cell values of the `port` column, English and German. Anything else is an exclusion (never a guess).
PORT_YES = frozenset({"yes", "y", "true", "1", "x", "port", "ja", "j", "wahr", "portieren", "ok"})
PORT_NO = frozenset({"no", "n", "false", "0", "keep", "stay", "nein", "falsch", "bleibt", "behalten", "-"})
YES, NO, BLANK, UNKNOWN = 1, 0, -1, -2

# Why a number stays (the `why` column keeps the English text, a person reads `why_text`).
WHY_TEXTS = (
    N_("port column says no"),
    N_("port column: no or blank"),
    N_("country not in scope"),
    N_("category not in scope"),
    N_("service address not in scope"),
    N_("request not in scope"),
)

__all__ = ["STAYING_COLUMNS", "Scope", "choose", "port_flags", "why_text", "YES", "NO", "BLANK", "UNKNOWN"]


def why_text(why: str, _: Translator) -> str:
    """A staying number's reason in `_`'s language (an unknown reason as written)."""
    return _(why) if why in WHY_TEXTS else why


def port_flags(cells: pd.Series) -> np.ndarray:
    """YES / NO / BLANK / UNKNOWN per cell, decided once per distinct spelling."""
    codes, uniques = pd.factorize(cells.fillna("").astype(str))
    decided = np.empty(len(uniques) + 1, dtype=np.int8)
    for i, value in enumerate(uniques):
        v = value.strip().casefold().rstrip(".!")
        decided[i] = BLANK if not v else YES if v in PORT_YES else NO if v in PORT_NO else UNKNOWN
    decided[-1] = BLANK
    return decided[codes]


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


@dataclass(frozen=True)
class Scope:
    """The choice of what leaves; empty tuples mean "no restriction"."""

    countries: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    requests: tuple[str, ...] = ()
    use_port_column: bool = True

    @classmethod
    def from_settings(cls, s: ScopeSettings) -> Scope:
        return cls(s.countries, s.categories, s.addresses, s.requests, s.use_port_column)

    @classmethod
    def build(
        cls,
        countries: list[str] | tuple[str, ...] = (),
        categories: list[str] | tuple[str, ...] = (),
        addresses: list[str] | tuple[str, ...] = (),
        requests: list[str] | tuple[str, ...] = (),
        use_port_column: bool = True,
    ) -> Scope:
        """From user text (CLI options, page widgets): country names or codes, category spellings."""
        cats = tuple(c.strip().lower().replace("-", "_") for c in categories if c.strip())
        for c in cats:
            if c not in CATEGORIES:
                from portout.errors import PortoutError

                raise PortoutError(
                    N_("scope: unknown category {value!r}; use any of {categories}"),
                    value=c,
                    categories=", ".join(CATEGORIES),
                )
        return cls(
            countries=tuple(normalise_country(c.strip(), "scope country") for c in countries if c.strip()),
            categories=cats,
            addresses=tuple(a.strip() for a in addresses if a.strip()),
            requests=tuple(r.strip() for r in requests if r.strip()),
            use_port_column=use_port_column,
        )

    def is_everything(self) -> bool:
        return not (self.countries or self.categories or self.addresses or self.requests)

    def describe(self, _: Translator | None = None) -> str:
        """The scope in words, in `_`'s language (English by default)."""
        _ = _ or translator("en")
        parts = [
            f"{_(name)} {', '.join(values)}"
            for name, values in (
                (N_("countries"), self.countries),
                (N_("categories"), self.categories),
                (N_("addresses"), self.addresses),
                (N_("requests"), self.requests),
            )
            if values
        ]
        return "; ".join(parts) or _("every number")


def choose(
    scope: Scope,
    region: np.ndarray,
    category: np.ndarray,
    address_line: np.ndarray,
    location: np.ndarray,
    request_id: np.ndarray | None,
    port: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(leaves, why-it-stays per number, scope entries that matched nothing). Every criterion given must
    hold for a number to leave; the port column (when used) must say yes."""
    n = len(region)
    leaves = np.ones(n, dtype=bool)
    why = np.full(n, "", dtype=object)
    unmatched: list[str] = []

    def narrow(mask: np.ndarray, reason: str) -> None:
        nonlocal leaves
        why[leaves & ~mask] = reason
        leaves &= mask

    if port is not None:
        narrow(port == YES, "port column says no" if not (port == BLANK).any() else "port column: no or blank")
    if scope.countries:
        wanted = set(scope.countries)
        narrow(np.isin(region, list(wanted)), "country not in scope")
        unmatched += [c for c in scope.countries if c not in set(region.tolist())]
    if scope.categories:
        narrow(np.isin(category, list(scope.categories)), "category not in scope")
        unmatched += [c for c in scope.categories if c not in set(category.tolist())]
    if scope.addresses:
        wanted_a = {_norm(a): a for a in scope.addresses}
        codes, uniques = pd.factorize(pd.Series(address_line, dtype=object))
        line_hit = np.array([_norm(str(u)) in wanted_a for u in uniques] + [False])[codes]
        lcodes, luniques = pd.factorize(pd.Series(location, dtype=object))
        loc_hit = np.array([bool(u) and _norm(str(u)) in wanted_a for u in luniques] + [False])[lcodes]
        narrow(line_hit | loc_hit, "service address not in scope")
        seen = {_norm(str(u)) for u in uniques} | {_norm(str(u)) for u in luniques if u}
        unmatched += [a for k, a in wanted_a.items() if k not in seen]
    if scope.requests and request_id is not None:
        wanted_r = {r.casefold() for r in scope.requests}
        narrow(np.array([str(r).casefold() in wanted_r for r in request_id], dtype=bool), "request not in scope")
        have = {str(r).casefold() for r in request_id}
        unmatched += [r for r in scope.requests if r.casefold() not in have]
    return leaves, why, unmatched
