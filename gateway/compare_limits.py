"""Limits that keep compare from becoming enumeration (§14(3)).

- A rate limit per department (or principal) and dataset, in the `limits` library's notation
  ("120/minute"), from the grant or DATAGATE_COMPARE_RATE_LIMIT. The counters live in
  DATAGATE_RATE_LIMIT_STORAGE: memory for one process, redis:// to share them between
  gateway processes.
- A daily cap of distinct keys per department and dataset, from the grant or
  DATAGATE_COMPARE_DAILY_KEY_CAP, counted in the store (keys kept only as keyed digests).
Past either, RATE_LIMITED with `retryAfter` seconds.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import time

import sqlalchemy as sa
from limits import parse, storage, strategies

from gateway.clock import SHANGHAI
from gateway.errors import RateLimited
from gateway.store.privacy_models import CompareKeyUse


class CompareLimits:
    def __init__(self, settings, sessions, clock, secret: str):
        self._settings = settings
        self._sessions = sessions
        self._clock = clock
        self._secret = secret.encode()
        self._limiter = strategies.MovingWindowRateLimiter(storage.storage_from_string(
            settings.rate_limit_storage))

    def check(self, who: str, dataset: str, key: str, rate: str | None, cap: int | None) -> None:
        limit = parse(rate or self._settings.compare_rate_limit)
        if not self._limiter.hit(limit, "compare", who, dataset):
            reset = self._limiter.get_window_stats(limit, "compare", who, dataset).reset_time
            wait = max(1, math.ceil(reset - time.time()))  # the limiter counts in real time
            raise RateLimited(f"compare on {dataset} is limited to {limit} for {who}; "
                              f"try again in {wait} s", extensions={"retryAfter": wait})
        self._count_key(who, dataset, key, cap or self._settings.compare_daily_key_cap)

    def _count_key(self, who: str, dataset: str, key: str, cap: int) -> None:
        now = self._clock.now()
        day = now.astimezone(SHANGHAI).date()
        digest = hmac.new(self._secret, f"{dataset}:{key}".encode(), hashlib.sha256).hexdigest()
        with self._sessions() as session, session.begin():
            where = (CompareKeyUse.department == who, CompareKeyUse.dataset_code == dataset,
                     CompareKeyUse.day == day)
            known = session.scalar(sa.select(CompareKeyUse.id).where(
                *where, CompareKeyUse.key_digest == digest))
            if known is not None:
                return
            used = session.scalar(sa.select(sa.func.count()).select_from(CompareKeyUse).where(*where))
            if used >= cap:
                midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
                wait = max(1, math.ceil((midnight - now).total_seconds()))
                raise RateLimited(f"{who} has compared {used} distinct keys of {dataset} today, the "
                                  f"daily cap; try again after midnight (in {wait} s)",
                                  extensions={"retryAfter": wait})
            session.add(CompareKeyUse(department=who, dataset_code=dataset, day=day, key_digest=digest))
