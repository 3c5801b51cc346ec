"""A GraphQL request leaves nothing for the cyclic garbage collector.

graphql-core's executor holds its resolver helpers as bound methods of itself, a reference
cycle that kept the executor, the request's context and everything they held alive until a
young collection; with the gateway's rare young collections (gateway.gc_tuning) those were
pauses of tens of milliseconds under load. resolvers/flat_records.py breaks the cycle once a
result is complete (FlatRecordExecutionContext.execute_operation, graphql-core's executor
class extension point); this pins it.
"""
from __future__ import annotations

import gc

from tests.conftest import PURPOSE

LOOKUP = ('query($k: String!) { population(purpose: "%s") { lookup(key: $k) { name district } } }'
          % PURPOSE)
ROWS = 'query { population(purpose: "%s") { rows(first: 5) { nodes { name } } } }' % PURPOSE


def _cyclic_garbage_of(run) -> set[str]:
    """The type names of what the cyclic collector finds after ``run()``."""
    gc.collect()
    flags = gc.get_debug()
    gc.disable()
    try:
        gc.set_debug(gc.DEBUG_SAVEALL)
        run()
        gc.collect()
        return {type(o).__name__ for o in gc.garbage}
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()
        gc.enable()


def test_lookups_leave_no_executor_or_request_context_in_a_reference_cycle(api, people):
    caller = api("minzheng-app")
    assert caller.query(LOOKUP, {"k": people[0]["id_number"]})["data"]["population"]["lookup"]

    def lookups():
        for person in people[:20]:
            found = caller.query(LOOKUP, {"k": person["id_number"]})
            assert found["data"]["population"]["lookup"]["name"] == person["name"]

    left = _cyclic_garbage_of(lookups)
    assert not left & {"FlatRecordExecutionContext", "RequestContext", "GraphQLResolveInfoHelpers"}, left


def test_a_refused_request_leaves_no_executor_in_a_reference_cycle(api, people):
    """A refusal is a GraphQL error in the result: the executor is released all the same."""
    caller = api("minzheng-app")
    refused = 'query($k: String!) { population(purpose: "") { lookup(key: $k) { name } } }'

    def refusals():
        for person in people[:5]:
            assert caller.query(refused, {"k": person["id_number"]}).get("errors")

    left = _cyclic_garbage_of(refusals)
    assert "FlatRecordExecutionContext" not in left and "GraphQLResolveInfoHelpers" not in left, left
