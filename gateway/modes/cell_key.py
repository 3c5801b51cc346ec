"""Cell key perturbation of statistics (the cell key method of ABS TableBuilder and sdcTools'
cellKey): the same group always gets the same noise, and two groups that differ by one person
get unrelated noise, so neither asking again nor subtracting gives exact figures.

- A row's *record key* is a 32-bit keyed hash of its key field, computed in the source
  (RecordKey, per dialect); a group's *cell key* is the sum of its record keys mod 2^32, one
  more aggregate of the GROUP BY.
- A count n is released as n + v, v in {-D..D} (D = count_noise) drawn uniformly from
  u = cell key / 2^32 by inverse CDF, and never below min(n, threshold).
- A sum T is released as T + m * x1 * eta (m = magnitude_noise, x1 the group's largest
  absolute contribution), eta = +-(0.5 + 0.5 u'), sign and u' from an HMAC of the cell key and
  the field's name, so each field of a group gets its own noise and eta is never near 0.

The key of the hashes is derived per dataset from DATAGATE_HASH_SECRET; the secret itself
never reaches a source, only the dataset's seed does.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

CELL_KEY_MODULUS = 2 ** 32
SQLITE_FUNCTION = "datagate_record_key"


class RecordKey(FunctionElement):
    """A row's record key: a 32-bit unsigned keyed hash of ``value`` under ``seed``."""

    type = sa.BigInteger()
    name = SQLITE_FUNCTION
    inherit_cache = True


@compiles(RecordKey, "postgresql")
def _postgresql(element, compiler, **kw):
    value, seed = (compiler.process(c, **kw) for c in element.clauses)
    return f"(hashtextextended(CAST({value} AS TEXT), {seed}) & 4294967295)"


@compiles(RecordKey, "mysql")
@compiles(RecordKey, "mariadb")
def _mysql(element, compiler, **kw):
    # MD5 rather than CRC32: CRC32 is affine, so salting it does not key it (the record keys
    # of two keys of one length would differ by what anyone can compute without the salt)
    value, seed = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(CONV(SUBSTRING(MD5(CONCAT({seed}, {value})), 1, 8), 16, 10) AS UNSIGNED)"


@compiles(RecordKey, "sqlite")
def _sqlite(element, compiler, **kw):
    value, seed = (compiler.process(c, **kw) for c in element.clauses)
    return f"{SQLITE_FUNCTION}({value}, {seed})"


@compiles(RecordKey)
def _other(element, compiler, **kw):
    raise sa.exc.CompileError(f"no record key for {compiler.dialect.name} sources")


def record_key(value, seed: int) -> RecordKey:
    return RecordKey(value, sa.bindparam(None, seed, type_=sa.BigInteger(), unique=True))


def sqlite_record_key(value, seed: int) -> int | None:
    """SQLite's record key: BLAKE2b keyed by the seed, of the value as text (NULL: NULL)."""
    if value is None:
        return None
    data = value if isinstance(value, bytes) else str(value).encode()
    digest = hashlib.blake2b(data, key=int(seed).to_bytes(8, "big"), digest_size=4).digest()
    return int.from_bytes(digest, "big")


def register_sqlite(engine: sa.Engine) -> None:
    """Give every SQLite connection of a source engine the record key function."""
    @event.listens_for(engine, "connect")
    def _add_function(dbapi_connection, _record):
        dbapi_connection.create_function(SQLITE_FUNCTION, 2, sqlite_record_key, deterministic=True)


@dataclasses.dataclass(frozen=True)
class CellNoise:
    """The noise of one dataset's cells: its rules and the keys derived for it."""

    count_spread: int  # D
    magnitude_share: float  # m
    seed: int  # sent to the source: the record keys' key
    magnitude_key: bytes  # kept in the gateway: the key of each sum's eta

    def count_offset(self, cell_key: int) -> int:
        """v = floor(u (2D + 1)) - D with u = cell key / 2^32: uniform on {-D..D}."""
        return (cell_key * (2 * self.count_spread + 1) >> 32) - self.count_spread

    def count(self, n: int, cell_key: int, threshold: int) -> int:
        """n + v, but not below min(n, threshold): a released group never looks small."""
        return max(n + self.count_offset(cell_key), min(n, threshold))

    def eta(self, cell_key: int, field: str) -> float:
        """+-(0.5 + 0.5 u') for the field's sum in the cell with this key."""
        digest = hmac.new(self.magnitude_key, f"{field}:{cell_key}".encode(), hashlib.sha256).digest()
        bits = int.from_bytes(digest[:8], "big")
        sign = -1.0 if bits >> 63 else 1.0
        return sign * (0.5 + 0.5 * (bits & (2 ** 53 - 1)) / 2 ** 53)

    def total(self, total: float, largest: float, cell_key: int, field: str) -> float:
        """T + m x1 eta: within m x1 of T, never closer than m x1 / 2 unless x1 is 0."""
        return total + self.magnitude_share * largest * self.eta(cell_key, field)


def cell_key_of(record_key_sum) -> int:
    return int(record_key_sum or 0) % CELL_KEY_MODULUS


@functools.lru_cache(maxsize=1024)
def _derived(master: str, code: str) -> tuple[int, bytes]:
    key = hmac.new(master.encode(), f"cell-key:{code}".encode(), hashlib.sha256).digest()
    seed = int.from_bytes(key[:8], "big") >> 1  # a BIGINT on every source
    magnitude_key = hmac.new(key, b"magnitude", hashlib.sha256).digest()
    return seed, magnitude_key


def noise_for(master_secret: str, dataset) -> CellNoise:
    """The cell noise of ``dataset`` under the gateway's hash secret."""
    seed, magnitude_key = _derived(master_secret, dataset.code)
    rules = dataset.disclosure
    return CellNoise(count_spread=rules.count_noise, magnitude_share=rules.magnitude_noise,
                     seed=seed, magnitude_key=magnitude_key)
