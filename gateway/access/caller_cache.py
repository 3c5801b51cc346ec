"""Callers and their grants kept in memory, valid while the store's access generation holds.

See gateway.access.generation for why this is safe: any write to principals, role
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

from gateway.access.grants import GrantView, profile_key, visible_profile
from gateway.access.principals import Caller


@dataclasses.dataclass
class CallerAccess:
    caller: Caller
    grants: list[GrantView]
    # (catalog generation, valid until (first expiry of a live grant), profile, profile_key)
    known: tuple | None = None

    def profile_for(self, catalog, now: dt.datetime) -> tuple[dict, tuple]:
        """(visible profile, its profile_key) for this catalog at this instant."""
        known = self.known
        if (known is not None and known[0] == catalog.generation
                and (known[1] is None or now < known[1])):
            return known[2], known[3]
        profile = visible_profile(self.caller, self.grants, catalog, now)
        live = [g.expires_at for g in self.grants if g.state(now) == "ACTIVE"]
        view = profile_key(profile)
        # one tuple, replaced at once: concurrent requests never mix two computations
        self.known = (catalog.generation, min(live) if live else None, profile, view)
        return profile, view


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
