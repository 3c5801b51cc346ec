"""Keep the garbage collector off the gateway's long-lived objects.

A gateway process holds a large, lasting object graph: strawberry schemas (one per caller
view), SQLAlchemy's compiled caches, the catalog. CPython's full collections walk all of it
again and again while requests allocate thousands of short-lived rows, tuples and dicts, so
these objects are frozen (gc.freeze(): moved to a generation the collector never scans).
They are frozen after start-up and after each schema build, the events that create them; a full collection right
before keeps garbage of that moment from being frozen with them.

Young collections are also made rarer (every 100,000 allocations instead of 700): a page of
records allocates tens of thousands of tuples and dicts that reference counting frees anyway.
docs/performance.md has what each of the two is worth.
"""
from __future__ import annotations

import gc


YOUNG_THRESHOLD = (100_000, 50, 100)


def freeze_long_lived() -> None:
    gc.collect()
    gc.freeze()


def tune_collector() -> None:
    """At start-up: rarer young collections, then freeze what start-up made."""
    gc.set_threshold(*YOUNG_THRESHOLD)
    freeze_long_lived()
