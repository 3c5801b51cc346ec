"""Accesses of the demo citizen's record, made through the lookup and compare use cases
themselves (gateway.modes), so that `citizen-demo` signing in finds "who looked me up"
(`myAccessLog`) filled with genuine audit records, in the chain, with their purpose: 民政局's
subsistence-allowance system looked the citizen up, then compared the name an applicant gave
(a match, so the day's non-matching compares of that key stay untouched)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from gateway.access.grants import load_grants
from gateway.access.principals import load_caller
from gateway.access.request import AccessContext, DatasetAccess
from gateway.modes.compare import compare
from gateway.modes.lookup import lookup

if TYPE_CHECKING:
    from gateway.services import Services

APP = "minzheng-app"
PURPOSE = "subsistence-allowance-review"
LOOKED_UP = {"name", "district"}  # within the demo grant of minzheng-app (setup.MINZHENG_GRANTS)


def seed_lookups(services: Services, citizen_id_number: str) -> None:
    with services.store() as session:
        caller = load_caller(session, APP)
        ctx = AccessContext(services=services, caller=caller, grants=load_grants(session, caller),
                            catalog=services.catalog(session), now=services.clock.now())
    access = DatasetAccess(ctx.catalog.get("population"), PURPOSE)
    found = lookup(ctx, access, citizen_id_number, set(LOOKED_UP))
    if found is not None:
        compare(ctx, access, citizen_id_number, {"name": found.name})
