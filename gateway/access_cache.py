"""Callers and their grants kept in memory, valid while the store's access generation holds.

See gateway.access_generation for why this is safe: any write to principals, role
assignments or grants moves the generation (by trigger, in the writer's transaction), and
every request reads the generation before it uses an entry. What depends on the clock (a
grant expiring) is never cached as a decision: the visible profile kept with an entry is
only reused until the first moment one of its live grants expires.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import OrderedDict

from gateway.grants import GrantView, visible_profile
from gateway.principals import Caller


@dataclasses.dataclass
class CallerAccess:
    caller: Caller
    grants: list[GrantView]
    # the visible profile for one catalog generation, valid until a live grant expires
    profile: dict | None = None
    profile_catalog: int | None = None
    profile_until: dt.datetime | None = None

    def profile_for(self, catalog, now: dt.datetime) -> dict:
        if (self.profile is not None and self.profile_catalog == catalog.generation
                and (self.profile_until is None or now < self.profile_until)):
            return self.profile
        profile = visible_profile(self.caller, self.grants, catalog, now)
        live = [g.expires_at for g in self.grants if g.state(now) == "ACTIVE"]
        self.profile, self.profile_catalog = profile, catalog.generation
        self.profile_until = min(live) if live else None
        return profile


class AccessCache:
    """principal -> CallerAccess, for one access generation at a time (LRU-bounded)."""

    def __init__(self, size: int = 10_000):
        self._size = size
        self._generation: int | None = None
        self._entries: OrderedDict[str, CallerAccess] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, principal: str, generation: int) -> CallerAccess | None:
        with self._lock:
            if generation != self._generation:
                return None
            entry = self._entries.get(principal)
            if entry is not None:
                self._entries.move_to_end(principal)
            return entry

    def put(self, principal: str, generation: int, entry: CallerAccess) -> None:
        with self._lock:
            if generation != self._generation:
                self._entries.clear()
                self._generation = generation
            self._entries[principal] = entry
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
