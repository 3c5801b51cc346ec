"""Differentially private statistics under a privacy budget (OpenDP's Laplace mechanism).

A stats grant may carry an epsilon budget. Each query under it spends the grant's epsilon
per query (or DATAGATE_DP_EPSILON_PER_QUERY), split evenly over the measurements it makes:
one noisy count per group, and one noisy clamped sum per numeric field whose sum or average
is asked for (averages are noisy sum / noisy count, post-processing that costs nothing).
Each person is in at most one group, so a count has sensitivity 1 and a sum clamped to
[lower, upper] (the field's bounds in the catalog) has sensitivity max(|lower|, |upper|).
min and max are refused under a budget. Spending is recorded in the store before the
query runs, in one locked transaction, so the ledger survives restarts and holds across
processes; a query that would overspend is refused with PRIVACY_BUDGET_EXHAUSTED.

Group keys come from the data, so which groups exist is private too: a group is released only
when its noisy count reaches release_threshold (calibrated to DATAGATE_DP_DELTA), which makes
the set of released groups (epsilon, delta)-private, and the number of withheld groups is not
released at all.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import functools
import math
import threading

import sqlalchemy as sa

from gateway.errors import BadInput, PrivacyBudgetExhausted
from gateway.access.grants import GrantView
from gateway.store.models import Grant
from gateway.store.privacy_models import PrivacySpend
from gateway.store.text_limits import fitted

if TYPE_CHECKING:
    from gateway.services import Services

_LOCK = threading.Lock()


@dataclasses.dataclass(frozen=True)
class Budget:
    grant_id: int
    total: float
    spent: float

    @property
    def left(self) -> float:
        return max(self.total - self.spent, 0.0)


def spent_on(session, grant_id: int) -> float:
    return float(session.scalar(sa.select(sa.func.coalesce(sa.func.sum(PrivacySpend.epsilon), 0.0))
                                .where(PrivacySpend.grant_id == grant_id)) or 0.0)


def budget(session, grant: GrantView) -> Budget:
    return Budget(grant.id, float(grant.epsilon_budget or 0.0), spent_on(session, grant.id))


def spend(services: Services, grant: GrantView, epsilon: float, principal: str, query: str) -> Budget:
    """Record the spend, or refuse if the budget cannot cover it; returns the budget after."""
    with _LOCK, services.store() as session, session.begin():
        if session.bind.dialect.name == "postgresql":
            session.execute(sa.select(Grant.id).where(Grant.id == grant.id).with_for_update())
        spent = spent_on(session, grant.id)
        total = float(grant.epsilon_budget or 0.0)
        if spent + epsilon > total + 1e-9:
            raise PrivacyBudgetExhausted(
                f"grant {grant.id} has spent {spent:.3g} of its privacy budget of epsilon "
                f"{total:.3g}; this query needs {epsilon:.3g}. Ask the owner for a new grant")
        session.add(PrivacySpend(grant_id=grant.id, epsilon=epsilon, spent_at=services.clock.now(),
                                 principal=principal, query=fitted(PrivacySpend, "query", query)))
    return Budget(grant.id, total, spent + epsilon)


@functools.cache
def _opendp():
    """OpenDP, loaded by the first noisy answer: 15 MiB a worker without such grants need not hold."""
    import opendp.prelude as dp

    dp.enable_features("contrib")
    return dp


def noisy_count(value: int, epsilon: float) -> int:
    dp = _opendp()
    mechanism = dp.m.make_laplace(dp.atom_domain(T=int), dp.absolute_distance(T=int),
                                  scale=1.0 / epsilon)
    assert mechanism.map(1) <= epsilon + 1e-9
    return int(mechanism(int(value)))


def noisy_sum(value: float, epsilon: float, sensitivity: float) -> float:
    dp = _opendp()
    mechanism = dp.m.make_laplace(dp.atom_domain(T=float, nan=False), dp.absolute_distance(T=float),
                                  scale=sensitivity / epsilon)
    assert mechanism.map(sensitivity) <= epsilon + 1e-9
    return float(mechanism(float(value)))


def release_threshold(epsilon: float, delta: float, min_group_size: int) -> float:
    """The noisy count a group needs before its existence may be released.

    Which groups exist is itself private: a group of one person that shows up tells that the
    person is in the data. Releasing a group only when its Laplace-noised count (scale 1/epsilon,
    each person in one group) reaches 1 + ln(1/(2 delta)) / epsilon makes the set of released
    groups (epsilon, delta)-differentially private (the thresholding of Korolova et al. 2009,
    used by Google's and OpenDP's partition selection); never below the dataset's own
    small-group threshold."""
    return max(float(min_group_size), 1.0 + math.log(1.0 / (2.0 * delta)) / epsilon)


def sum_bounds(field) -> tuple[float, float]:
    if field.lower_bound is None or field.upper_bound is None:
        raise BadInput(f"{field.name} has no bounds in the catalog, so its sum cannot be released "
                       "under differential privacy; ask the owner to set lower and upper bounds")
    return float(field.lower_bound), float(field.upper_bound)
