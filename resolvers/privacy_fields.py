"""`privacyBudget`: what a caller's budgeted stats grants have spent and have left."""
from __future__ import annotations

from typing import Optional

import strawberry
from strawberry.types import Info

from gateway.access import privacy_budget as privacy


@strawberry.type(description="The differential-privacy budget of one stats grant.")
class PrivacyBudget:
    grant_id: strawberry.ID
    dataset: str
    purpose: str
    total: float
    spent: float
    left: float


def privacy_budget(info: Info, dataset: Optional[str] = None) -> list[PrivacyBudget]:
    ctx = info.context
    budgeted = [g for g in ctx.grants if g.epsilon_budget is not None
                and (dataset is None or g.dataset == dataset)]
    out = []
    with ctx.services.store() as session:
        for g in sorted(budgeted, key=lambda g: g.id):
            b = privacy.budget(session, g)
            out.append(PrivacyBudget(grant_id=g.id, dataset=g.dataset, purpose=g.purpose,
                                     total=b.total, spent=b.spent, left=b.left))
    return out


QUERY_FIELDS = {"privacyBudget": strawberry.field(
    resolver=privacy_budget, name="privacyBudget",
    description="Spent and left privacy budget of your stats grants that carry one.")}
