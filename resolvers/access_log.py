"""`myAccessLog`: a citizen's view of who looked up or compared their record
(gateway.access.own_access_log)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry
from strawberry.types import Info

from gateway.access.own_access_log import own_accesses
from gateway.modes.rows import decode_cursor, encode_cursor
from resolvers.dataset_types import PageInfo


@strawberry.type(description="One lookup or compare of your record, allowed or refused.")
class AccessToMe:
    at: dt.datetime
    principal: Optional[str] = strawberry.field(description="Who asked: the account.")
    department: Optional[str] = strawberry.field(description="Who asked: the department's code.")
    department_name: Optional[str]
    dataset: Optional[str]
    mode: Optional[str] = strawberry.field(description="LOOKUP or COMPARE.")
    fields: list[str]
    purpose: Optional[str]
    outcome: str = strawberry.field(description="ALLOWED, or DENIED (then error_code says why).")
    error_code: Optional[str]


@strawberry.type
class AccessToMeConnection:
    nodes: list[AccessToMe]
    page_info: PageInfo


def resolve_my_access_log(info: Info, first: int = 100,
                          after: Optional[str] = None) -> AccessToMeConnection:
    after_id = int(decode_cursor(after)) if after is not None else None
    page = own_accesses(info.context, first, after_id)
    nodes = [AccessToMe(at=a.at, principal=a.principal, department=a.department,
                        department_name=a.department_name, dataset=a.dataset, mode=a.mode,
                        fields=a.fields, purpose=a.purpose, outcome=a.outcome,
                        error_code=a.error_code) for a in page.accesses]
    end = encode_cursor(page.accesses[-1].id) if page.accesses else None
    return AccessToMeConnection(nodes=nodes, page_info=PageInfo(
        has_next_page=page.has_next_page, end_cursor=end))


QUERY_FIELDS = {"myAccessLog": strawberry.field(
    resolver=resolve_my_access_log, name="myAccessLog",
    description="Citizens: who looked up or compared your record, when and for what purpose.")}
