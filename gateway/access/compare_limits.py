"""Limits that keep compare from becoming enumeration (§14(3)).

- A rate limit per department (or principal) and dataset, in the `limits` library's notation
  ("120/minute"), from the grant or DATAGATE_COMPARE_RATE_LIMIT. The counters live in
  DATAGATE_RATE_LIMIT_STORAGE: memory for one process, redis:// to share them between
  gateway processes.
- A daily cap of distinct keys per department and dataset, from the grant or
  DATAGATE_COMPARE_DAILY_KEY_CAP.
- A daily limit of non-matching compares of one key per department and dataset, from the
  grant or DATAGATE_COMPARE_KEY_MISMATCH_LIMIT, so that a value cannot be guessed (the last
  digits of a phone) within the rate limit. The dataset's owner is told once when a key
  reaches it.
Past any of them, RATE_LIMITED with `retryAfter` seconds.

The daily limits are counted in the store (keys only as keyed digests, days in Asia/Shanghai)
by conditional increments, `UPDATE … SET n = n + 1 WHERE n < limit`, whose row count says
whether the compare may go on. Concurrent compares, in any number of gateway processes, never
pass a limit: on PostgreSQL an update waits for the row lock of a concurrent one and checks
its condition again on the row that one committed; on SQLite every transaction here begins
with a write, so it holds the store's write lock from its first statement to its commit.
A compare holds one mismatch of its key while it runs and gives it back if every field
matched; a full match costs nothing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import logging
import math
import time

import sqlalchemy as sa
from limits import parse, storage, strategies
from sqlalchemy.dialects import postgresql, sqlite

from gateway.clock import SHANGHAI
from gateway.errors import RateLimited
from gateway.access.grants import GrantView
from gateway.store.privacy_models import CompareKeyDay, CompareKeyUse
from gateway.workflows.common import notify

log = logging.getLogger("datagate.compare")
KEY_USES = CompareKeyUse.__table__
KEY_DAYS = CompareKeyDay.__table__
DIGEST_SHOWN = 12  # hex digits of a key's digest that a notification or audit record names
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}  # the store's dialects


@dataclasses.dataclass(frozen=True)
class KeyHold:
    """One compare's hold on a mismatch of its key, on the day the compare began."""

    who: str  # department, or principal where there is none
    dataset: str
    day: dt.date
    digest: str
    limit: int  # non-matching compares of the key allowed that day

    @property
    def digest_prefix(self) -> str:
        return self.digest[:DIGEST_SHOWN]

    def where_key(self):
        return (KEY_USES.c.department == self.who, KEY_USES.c.dataset_code == self.dataset,
                KEY_USES.c.day == self.day, KEY_USES.c.key_digest == self.digest)

    def where_day(self):
        return (KEY_DAYS.c.department == self.who, KEY_DAYS.c.dataset_code == self.dataset,
                KEY_DAYS.c.day == self.day)


class CompareLimits:
    def __init__(self, settings, store, clock, secret: str):
        self._settings = settings
        self._store = store
        self._clock = clock
        self._secret = secret.encode()
        self._limiter = strategies.MovingWindowRateLimiter(storage.storage_from_string(
            settings.rate_limit_storage))

    def _mismatch_limit(self, grant: GrantView | None) -> int:
        own = grant.key_mismatch_limit if grant else None
        return own or self._settings.compare_key_mismatch_limit

    def admit(self, who: str, dataset: str, key: str, grant: GrantView | None) -> KeyHold:
        """Let one compare of ``key`` go on, holding a mismatch of it, or raise RateLimited."""
        self._check_rate(who, dataset, grant.rate_limit if grant else None)
        now = self._clock.now()
        hold = KeyHold(who=who, dataset=dataset, day=now.astimezone(SHANGHAI).date(),
                       digest=self._digest(dataset, key), limit=self._mismatch_limit(grant))
        cap = (grant.daily_key_cap if grant else None) or self._settings.compare_daily_key_cap
        with self._store() as session, session.begin():
            # the first statement writes: on SQLite the transaction holds the write lock from here
            new = _insert_if_absent(session, KEY_USES, department=who, dataset_code=dataset,
                                    day=hold.day, key_digest=hold.digest)
            if new and not _count_new_key(session, hold, cap):
                raise _over_cap(session, hold, now)  # the rollback forgets the key again
            if not _reserve_mismatch(session, hold):
                raise _too_many_mismatches(hold, now)
        return hold

    def settle(self, hold: KeyHold, matched: bool, owner: str, grant_id: int | None) -> bool:
        """Give the hold back if every field matched, else keep it as a mismatch. True when
        this mismatch made the key reach its limit: then (once a key a day) ``owner`` is
        notified in the same transaction."""
        now = self._clock.now()
        with self._store() as session, session.begin():
            if matched:
                _give_back(session, hold)
                return False
            session.execute(sa.update(KEY_USES).where(*hold.where_key())
                            .values(mismatches=KEY_USES.c.mismatches + 1))
            reached = session.execute(
                sa.update(KEY_USES).where(*hold.where_key(), KEY_USES.c.mismatches >= hold.limit,
                                          KEY_USES.c.limit_reached_at.is_(None))
                .values(limit_reached_at=now)).rowcount == 1
            if reached:
                notify(session, now, department=owner, kind="COMPARE_GUESSING",
                       message=guessing_notice(hold, grant_id),
                       subject_kind="GRANT" if grant_id else None, subject_id=grant_id)
            return reached

    def release(self, hold: KeyHold) -> None:
        """Give the hold back: the compare did not happen (its source could not be read). If
        the store refuses, the hold stays, counted as a mismatch, and the caller hears of the
        compare's own failure rather than this one."""
        try:
            with self._store() as session, session.begin():
                _give_back(session, hold)
        except Exception:  # noqa: BLE001 - one mismatch too many is the safe side
            log.warning("a compare hold of %s on %s was not given back", hold.who, hold.dataset,
                        exc_info=True)

    def _check_rate(self, who: str, dataset: str, rate: str | None) -> None:
        limit = parse(rate or self._settings.compare_rate_limit)
        if not self._limiter.hit(limit, "compare", who, dataset):
            reset = self._limiter.get_window_stats(limit, "compare", who, dataset).reset_time
            wait = max(1, math.ceil(reset - time.time()))  # the limiter counts in real time
            raise RateLimited(f"compare on {dataset} is limited to {limit} for {who}; "
                              f"try again in {wait} s", extensions={"retryAfter": wait})

    def _digest(self, dataset: str, key: str) -> str:
        return hmac.new(self._secret, f"{dataset}:{key}".encode(), hashlib.sha256).hexdigest()


def guessing_notice(hold: KeyHold, grant_id: int | None) -> str:
    under = f" under grant {grant_id}" if grant_id else ""
    return (f"{hold.who} had {hold.limit} non-matching compares of one key of {hold.dataset} "
            f"on {hold.day.isoformat()}{under} (key digest {hold.digest_prefix}…); further "
            f"compares of that key by {hold.who} are refused for the rest of the day. Many "
            "wrong values for one person are how a value is guessed: if this was not a "
            "mistake, review the grant (revokeGrant)")


def _insert_if_absent(session, table: sa.Table, **values) -> bool:
    """Insert the row unless its unique columns are taken; whether it was inserted. (Told by
    RETURNING: on PostgreSQL SQLAlchemy returns the new key itself and leaves no row count.)
    On PostgreSQL a concurrent uncommitted insert of the same row is waited for."""
    insert = _INSERTS[session.get_bind().dialect.name]
    inserted = session.execute(insert(table).values(**values).on_conflict_do_nothing()
                               .returning(table.c.id))
    return inserted.first() is not None


def _count_new_key(session, hold: KeyHold, cap: int) -> bool:
    """Count a key not compared before today, if the day's count is under the cap."""
    _insert_if_absent(session, KEY_DAYS, department=hold.who, dataset_code=hold.dataset,
                      day=hold.day, distinct_keys=0)
    counted = session.execute(
        sa.update(KEY_DAYS).where(*hold.where_day(), KEY_DAYS.c.distinct_keys < cap)
        .values(distinct_keys=KEY_DAYS.c.distinct_keys + 1))
    return counted.rowcount == 1


def _reserve_mismatch(session, hold: KeyHold) -> bool:
    reserved = session.execute(
        sa.update(KEY_USES).where(*hold.where_key(), KEY_USES.c.reserved_mismatches < hold.limit)
        .values(reserved_mismatches=KEY_USES.c.reserved_mismatches + 1))
    return reserved.rowcount == 1


def _give_back(session, hold: KeyHold) -> None:
    session.execute(sa.update(KEY_USES).where(*hold.where_key())
                    .values(reserved_mismatches=KEY_USES.c.reserved_mismatches - 1))


def _seconds_to_midnight(day: dt.date, now: dt.datetime) -> int:
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
    return max(1, math.ceil((midnight - now).total_seconds()))


def _over_cap(session, hold: KeyHold, now: dt.datetime) -> RateLimited:
    used = session.scalar(sa.select(KEY_DAYS.c.distinct_keys).where(*hold.where_day()))
    wait = _seconds_to_midnight(hold.day, now)
    return RateLimited(f"{hold.who} has compared {used} distinct keys of {hold.dataset} today, "
                       f"the daily cap; try again after midnight (in {wait} s)",
                       extensions={"retryAfter": wait})


def _too_many_mismatches(hold: KeyHold, now: dt.datetime) -> RateLimited:
    wait = _seconds_to_midnight(hold.day, now)
    return RateLimited(f"this key has had {hold.limit} non-matching compares on {hold.dataset} "
                       f"today, the most {hold.who} may make on one key a day; check the key "
                       f"and the values with the person concerned, and compare it again after "
                       f"midnight (Asia/Shanghai, in {wait} s)", extensions={"retryAfter": wait})
