"""rows (获取, §13(1)): filtered records, keyset-paged by the dataset's key, granted fields only."""
from __future__ import annotations

import base64
import binascii
import dataclasses
import functools
import json

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken

from gateway.errors import BadInput
from gateway.sources.registry import fetch_tuples, field_column, source_table
from gateway.access.request import AccessContext, DatasetAccess
from gateway.modes.conditions import Where, where_conditions, where_fields
from gateway.modes.records import Row, TuplePage, released, seal_key

_KEY = "_cursor_key"
SEALED = "s."  # prefix of sealed cursors (open channel)


@dataclasses.dataclass
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@dataclasses.dataclass
class Connection:
    nodes: list[Row] | TuplePage
    page_info: PageInfo


def encode_cursor(key, seal: bytes | None = None) -> str:
    """The cursor after ``key``; sealed (Fernet: encrypted and authenticated, so opaque and
    tamper-evident) with the Fernet key ``seal`` when given."""
    text = json.dumps([key], default=str).encode()
    if seal is not None:
        return SEALED + Fernet(seal).encrypt(text).decode()
    return base64.urlsafe_b64encode(text).decode()


def decode_cursor(cursor: str, seal: bytes | None = None):
    try:
        if seal is not None:
            if not cursor.startswith(SEALED):
                raise ValueError("not sealed")
            (key,) = json.loads(_unsealed(cursor[len(SEALED):], seal))
        else:
            (key,) = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return key
    except (binascii.Error, ValueError, TypeError, InvalidToken):
        raise BadInput("`after` is not a cursor this gateway gave out; pass pageInfo.endCursor "
                       "of the previous page") from None


def _unsealed(token: str, seal: bytes) -> bytes:
    # Fernet reads base64 leniently (stray or trailing characters); only the text given out opens
    if base64.urlsafe_b64encode(base64.urlsafe_b64decode(token)).decode() != token:
        raise ValueError("not the sealed text")
    return Fernet(seal).decrypt(token)


def _select(dataset, labels, conditions: list, limit: int) -> sa.Select:
    """A page: the fields labelled by name (the key after them if not among them), in key
    order, at most ``limit`` records. The limit is a literal, as in stats: a bound one would
    leave PostgreSQL's generic plan of a prepared statement to guess it."""
    table = source_table(dataset)
    key_column = field_column(table, dataset, dataset.key_field)
    columns = [field_column(table, dataset, f).label(f) for f in labels]
    if dataset.key_field not in labels:
        columns.append(key_column.label(_KEY))
    return (sa.select(*columns).where(*conditions).order_by(key_column)
            .limit(sa.literal(limit, literal_execute=True)))


@functools.lru_cache(maxsize=512)
def _page_select(dataset, labels: tuple[str, ...], with_after: bool, limit: int) -> sa.Select:
    """An unfiltered page's SELECT, the same object for the same shape (SourceRegistry.page
    compiles it once), the key after which it starts bound."""
    key_column = field_column(source_table(dataset), dataset, dataset.key_field)
    after = [key_column > sa.bindparam("after", None, type_=key_column.type)] if with_after else []
    return _select(dataset, list(labels), after, limit)


def rows(ctx: AccessContext, access: DatasetAccess, where: Where | None, first: int | None,
         after: str | None, selected: set[str]) -> Connection:
    dataset = access.dataset
    settings = ctx.settings
    used = set(selected) | where_fields(where)
    permission = ctx.guard(dataset, access.purpose, "ROWS", used)
    size = settings.default_page_size if first is None else first
    if not 1 <= size <= settings.max_page_size:
        raise ctx.refuse(BadInput(f"`first` must be between 1 and {settings.max_page_size} "
                                  f"(the page size limit); got {size}"),
                         dataset=dataset.code, mode="ROWS", fields=sorted(used),
                         purpose=access.purpose)
    labels = sorted(selected)
    # the cursor is read from the selected key, or from the key fetched beside the fields
    key_position = labels.index(dataset.key_field) if dataset.key_field in selected else len(labels)
    after_key = None
    if after is not None:
        try:
            after_key = decode_cursor(after, seal_key(ctx, permission))
        except BadInput as exc:
            raise ctx.refuse(exc, dataset=dataset.code, mode="ROWS", purpose=access.purpose)
    sources = ctx.services.sources
    if not where:  # a statement made once per shape, its values bound (SourceRegistry.page)
        statement = _page_select(dataset, tuple(labels), after is not None, size + 1)
        found = sources.page(dataset, statement, {} if after is None else {"after": after_key})
    else:
        table = source_table(dataset)
        key_column = field_column(table, dataset, dataset.key_field)
        conditions = where_conditions(dataset, table, where)
        if after is not None:
            conditions.append(key_column > after_key)
        statement = _select(dataset, labels, conditions, size + 1)
        found = sources.read(dataset, lambda conn: fetch_tuples(conn, statement))
    page = found[:size]
    if permission.channel == "open":  # masked column-wise by the open-channel policy
        nodes = [Row(r) for r in released(ctx, permission, dataset,
                                          [dict(zip(labels, r)) for r in page],
                                          keys=[r[key_position] for r in page], mode="ROWS")]
    else:
        nodes = TuplePage(labels, page)
    ctx.allowed(dataset, access.purpose, "ROWS", used, permission, rows=len(nodes))
    end = encode_cursor(page[-1][key_position], seal_key(ctx, permission)) if page else None
    return Connection(nodes=nodes, page_info=PageInfo(has_next_page=len(found) > size,
                                                      end_cursor=end))
