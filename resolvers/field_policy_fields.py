"""`proposeFieldPolicies`: the gateway samples a dataset's columns and proposes each field's
sensitivity class, kind and masking operators; the steward confirms by saving the catalog
draft with ``masking`` on its fields (``saveCatalogDraft``)."""
from __future__ import annotations

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from gateway.catalog.proposals import propose_field_policies
from resolvers.workflow_fields import _run


@strawberry.type(description="A proposed masking policy of one field, for the steward to confirm.")
class FieldPolicyProposal:
    field: str
    kind: str = strawberry.field(description="What the values are (NAME, ID_NUMBER, AMOUNT …).")
    sensitivity: str = strawberry.field(description="PUBLIC, INTERNAL, PERSONAL, SENSITIVE_PERSONAL or DIRECT_IDENTIFIER.")
    shared_operator: str
    open_operator: str
    confidence: float
    reason: str
    entity_counts: JSON = strawberry.field(description="Entities found in the sample, by name.")
    sampled: int = strawberry.field(description="Non-empty values read from the source.")
    current_sensitivity: str
    current_masking: JSON
    masking: JSON = strawberry.field(description="The proposal as the `masking` of saveCatalogDraft.")


@strawberry.type
class FieldPolicyMutation:
    @strawberry.mutation(description="Sample each column of a dataset (or its draft) and propose "
                                     "its field policies; nothing is applied (steward of the owner).")
    def propose_field_policies(self, info: Info, code: str) -> list[FieldPolicyProposal]:
        found = _run(info, "PROPOSE_FIELD_POLICIES", propose_field_policies, code, dataset=code)
        return [FieldPolicyProposal(
            field=p.field, kind=p.proposal.kind.value, sensitivity=p.proposal.sensitivity.value,
            shared_operator=p.proposal.shared_operator, open_operator=p.proposal.open_operator,
            confidence=p.proposal.confidence, reason=p.proposal.reason,
            entity_counts=dict(p.proposal.entity_counts), sampled=p.sampled,
            current_sensitivity=p.current_sensitivity, current_masking=p.current_masking,
            masking={"shared": p.proposal.shared_operator, "open": p.proposal.open_operator,
                     "kind": p.proposal.kind.value})
            for p in found]

