"""Who may use which mode on which fields of a dataset, for which purpose (§13, §14, §29).

Access comes from three bases, checked in this order:
- OWNER: a department has every mode on all fields of its own datasets;
- UNCONDITIONAL: a dataset shared unconditionally gives every department every mode;
- GRANT: otherwise a grant names the department (or the principal), the modes, the fields,
  one purpose and an expiry. Revoked and expired grants give nothing, but are remembered so
  that the refusal can say why (GRANT_REVOKED, GRANT_EXPIRED).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.catalog.datasets import MODES, CatalogSnapshot, Dataset
from gateway.errors import (BadInput, ForbiddenDataset, ForbiddenField, ForbiddenMode, GrantExpired,
                            GrantRevoked, PurposeMismatch, PurposeRequired, Unauthenticated)
from gateway.access.principals import Caller
from gateway.store.models import Grant, Purpose
from gateway.store.text_limits import text_lengths

MAX_PURPOSE_CHARS = text_lengths(Purpose)["code"]  # the store's purpose codes
OPEN_APPLICATION = "OPEN_APPLICATION"  # origin of grants made by approving conditional open use
OPEN_CHANNEL = "OPEN_CHANNEL"  # profile marker (not a mode): the dataset is on the open channel


@dataclasses.dataclass(frozen=True)
class GrantView:
    id: int
    dataset: str
    modes: frozenset[str]
    fields: frozenset[str]
    purpose: str
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    scenario_id: int | None = None
    epsilon_budget: float | None = None
    epsilon_per_query: float | None = None
    rate_limit: str | None = None
    daily_key_cap: int | None = None
    key_mismatch_limit: int | None = None
    origin: str | None = None  # REQUEST | SCENARIO | OPEN_APPLICATION | ...

    def state(self, now: dt.datetime) -> str:
        if self.revoked_at is not None:
            return "REVOKED"
        if self.expires_at <= now:
            return "EXPIRED"
        return "ACTIVE"


@dataclasses.dataclass(frozen=True)
class Permission:
    """The outcome of a successful check: what the caller may see for this access."""

    basis: str  # OWNER | UNCONDITIONAL | GRANT
    fields: frozenset[str]
    grant: GrantView | None = None
    # "open" where the caller reaches the dataset under a grant of conditional open use
    # (§36(2)): answers leave masked by the open-channel policy; "shared" otherwise
    channel: str = "shared"

    @property
    def grant_id(self) -> int | None:
        return self.grant.id if self.grant else None

    @property
    def scenario_id(self) -> int | None:
        return self.grant.scenario_id if self.grant else None


def load_grants(session: Session, caller: Caller) -> list[GrantView]:
    """Every grant naming the caller's department or the caller itself, live or not."""
    if caller.anonymous:
        return []
    who = [Grant.principal_name == caller.principal]
    if caller.department:
        who.append(Grant.department_code == caller.department)
    rows = session.execute(sa.select(Grant.id, Grant.dataset_code, Grant.modes, Grant.fields,
                                     Grant.purpose, Grant.expires_at, Grant.revoked_at,
                                     Grant.scenario_id, Grant.epsilon_budget,
                                     Grant.epsilon_per_query, Grant.rate_limit,
                                     Grant.daily_key_cap, Grant.key_mismatch_limit, Grant.origin)
                           .where(sa.or_(*who)))
    return [GrantView(id=g.id, dataset=g.dataset_code, modes=frozenset(g.modes),
                      fields=frozenset(g.fields), purpose=g.purpose, expires_at=g.expires_at,
                      revoked_at=g.revoked_at, scenario_id=g.scenario_id,
                      epsilon_budget=g.epsilon_budget, epsilon_per_query=g.epsilon_per_query,
                      rate_limit=g.rate_limit, daily_key_cap=g.daily_key_cap,
                      key_mismatch_limit=g.key_mismatch_limit, origin=g.origin) for g in rows]


def department_basis(caller: Caller, dataset: Dataset) -> str | None:
    if caller.department is None:
        return None
    if caller.department == dataset.owner_department:
        return "OWNER"
    if dataset.share_type == "UNCONDITIONAL":
        return "UNCONDITIONAL"
    return None


def authorize(caller: Caller, grants: list[GrantView], dataset: Dataset, purpose: str | None,
              mode: str, fields: set[str], now: dt.datetime) -> Permission:
    """Check one access; raise the typed error that says why it is refused."""
    if caller.anonymous:
        raise Unauthenticated(
            f"{dataset.code} needs a bearer token; anonymous callers see the catalog only")
    if purpose is None or not purpose.strip():
        raise PurposeRequired(
            f"say why you use {dataset.code}: pass purpose, e.g. "
            f'{dataset.code}(purpose: "<your purpose code>")')
    purpose = purpose.strip()
    if len(purpose) > MAX_PURPOSE_CHARS:
        raise BadInput(f"a purpose is a code of at most {MAX_PURPOSE_CHARS} characters, as grants "
                       f"name it (this one has {len(purpose)}); describe the use in your application, "
                       "not in the purpose")
    basis = department_basis(caller, dataset)
    if basis:
        _check_fields(dataset, mode, fields, set(dataset.field_names))
        return Permission(basis=basis, fields=frozenset(dataset.field_names))
    mine = [g for g in grants if g.dataset == dataset.code]
    if not mine:
        raise denial_for_hidden(caller, grants, dataset, now)
    for_purpose = [g for g in mine if g.purpose == purpose]
    if not for_purpose:
        known = ", ".join(sorted({g.purpose for g in mine}))
        raise PurposeMismatch(
            f"no grant on {dataset.code} is for purpose {purpose!r}; your grants are for: {known}")
    live = [g for g in for_purpose if g.state(now) == "ACTIVE"]
    with_mode = [g for g in live if mode in g.modes]
    if not with_mode:
        raise _without_mode(for_purpose, live, dataset, purpose, mode)
    allowed = frozenset().union(*(g.fields for g in with_mode))
    _check_fields(dataset, mode, fields, allowed)
    grant = min(with_mode, key=lambda g: g.id)
    return Permission(basis="GRANT", fields=allowed, grant=grant,
                      channel="open" if on_open_channel(mine, now) else "shared")


def _without_mode(for_purpose: list[GrantView], live: list[GrantView], dataset: Dataset,
                  purpose: str, mode: str) -> Exception:
    """No live grant for the purpose has the mode: GRANT_REVOKED or GRANT_EXPIRED if one that
    lapsed had it, FORBIDDEN_MODE only if none ever had it."""
    had_mode = [g for g in for_purpose if mode in g.modes]
    if had_mode:
        return lapsed(had_mode, dataset, purpose)
    if not live:
        return ForbiddenMode(f"no grant of yours on {dataset.code} for {purpose!r} gave {mode}; "
                             "ask its owner with requestShare")
    granted = ", ".join(sorted({m for g in live for m in g.modes}))
    return ForbiddenMode(
        f"your grant on {dataset.code} for {purpose!r} allows {granted}, not {mode}")


def on_open_channel(grants: list[GrantView], now: dt.datetime) -> bool:
    """Whether any live one of a caller's grants on a dataset is for conditional open use."""
    return any(g.origin == OPEN_APPLICATION and g.state(now) == "ACTIVE" for g in grants)


def _check_fields(dataset: Dataset, mode: str, fields: set[str], allowed: set[str]) -> None:
    refused = sorted(set(fields) - set(allowed))
    if refused:
        raise ForbiddenField(
            f"{mode} on {dataset.code} does not give you {', '.join(refused)}; "
            f"you may use {', '.join(sorted(allowed)) or 'no field'}",
            extensions={"fields": refused})


def _who(caller: Caller) -> str:
    return f"department {caller.department}" if caller.department else f"principal {caller.principal}"


def visible_profile(caller: Caller, grants: list[GrantView], catalog: CatalogSnapshot,
                    now: dt.datetime) -> dict[str, dict[str, frozenset[str]]]:
    """What the caller's schema shows: dataset -> mode -> fields, over all live grants."""
    profile: dict[str, dict[str, frozenset[str]]] = {}
    if caller.anonymous:
        return profile
    for code, dataset in catalog.datasets.items():
        if department_basis(caller, dataset):
            every = frozenset(dataset.field_names)
            profile[code] = {m: every for m in MODES}
    for g in grants:
        dataset = catalog.get(g.dataset)
        if dataset is None or g.dataset in profile and department_basis(caller, dataset):
            continue
        if g.state(now) != "ACTIVE":
            continue  # refusals of such datasets still name the reason (see denial_for_hidden)
        modes = profile.setdefault(g.dataset, {})
        for mode in g.modes:
            fields = g.fields & set(dataset.field_names)
            modes[mode] = modes.get(mode, frozenset()) | fields
        if g.origin == OPEN_APPLICATION:
            modes[OPEN_CHANNEL] = frozenset()
    return profile


def lapsed(grants: list[GrantView], dataset: Dataset, purpose: str | None = None) -> Exception:
    """The refusal when none of these grants is live: the one that lapsed last decides
    whether the caller hears GRANT_REVOKED or GRANT_EXPIRED (the same rule whether the dataset
    is still in the caller's schema or not)."""
    newest = max(grants, key=lambda g: (g.revoked_at or g.expires_at, g.id))
    if newest.revoked_at is not None:
        return GrantRevoked(f"grant {newest.id} on {dataset.code} was revoked; request access again")
    scope = f" for {purpose!r}" if purpose else ""
    return GrantExpired(f"grant {newest.id} on {dataset.code}{scope} expired at "
                        f"{newest.expires_at.isoformat()}; ask the owner to renew it")


def profile_key(profile: dict[str, dict[str, frozenset[str]]]) -> tuple:
    """A visible profile as a hashable, order-independent key (callers with one key share
    a schema)."""
    return tuple(sorted((code, tuple(sorted((m, tuple(sorted(f))) for m, f in modes.items())))
                        for code, modes in profile.items()))


def denial_for_hidden(caller: Caller, grants: list[GrantView], dataset: Dataset,
                      now: dt.datetime, purposes: frozenset[str] = frozenset(),
                      modes: frozenset[str] = frozenset()) -> Exception:
    """The error for a dataset, or modes of it, the caller's schema does not show, naming the
    real reason. ``purposes`` and ``modes`` are what the query asked for, where known (none
    known: any). As in authorize: a grant for the purpose that had the mode and lapsed gives
    GRANT_REVOKED or GRANT_EXPIRED, and FORBIDDEN_MODE is left for when none ever had it."""
    if caller.anonymous:
        return Unauthenticated(
            f"{dataset.code} needs a bearer token; anonymous callers see the catalog only")
    mine = [g for g in grants if g.dataset == dataset.code]
    if not mine:
        return ForbiddenDataset(
            f"{_who(caller)} has no grant on {dataset.code} (share type {dataset.share_type}); "
            "ask its owner with requestShare")
    # purposes unknown, or named by no grant: judged on all the grants on the dataset
    pool = [g for g in mine if g.purpose in purposes] or mine
    purpose = next(iter(purposes)) if len(purposes) == 1 else None
    asked = modes or frozenset(MODES)
    had_mode = [g for g in pool if g.modes & asked]
    if had_mode and all(g.state(now) != "ACTIVE" for g in had_mode):
        return lapsed(had_mode, dataset, purpose)
    if had_mode:
        return ForbiddenMode(f"your grants on {dataset.code} give no mode this query can use "
                             "(compare needs a granted field besides the key)")
    scope = f" for {purpose!r}" if purpose else ""
    return ForbiddenMode(f"you hold no {', '.join(sorted(asked))} access to {dataset.code}{scope}; "
                         "ask its owner with requestShare")
