"""k-anonymity of a row-level release over its quasi-identifiers, and generalising it until
it holds.

A release is k-anonymous when every row shares its quasi-identifier values (employer, start
year, pay band …) with at least k - 1 other rows: the rows that agree on them form an
equivalence class, and no class is smaller than k. ``measure`` reports the classes of an
Arrow table of released values (as text); ``anonymise`` coarsens the quasi-identifiers step by
step by each one's own rules until at most ``max_suppressed_share`` of the rows are still in
classes smaller than k, then suppresses those rows.

A field's steps form its generalisation hierarchy, applied in order to the values as they
leave (after the channel's operator):

- ``{"truncate": n}``: the first n characters (a credit code's first 8: its issuer and
  area; an ISO date's first 7: year and month, first 4: year);
- ``{"band": w}``: numbers, years and ranges into w-wide ranges (5234 -> 5000-5999; 2017 ->
  2015-2019 with w 5; the range 1000-4999 -> 0-9999 with w 10000); what does not read as a
  number becomes ``*``;
- ``{"suppressRare": true}``: values held by fewer than k rows of the whole release become
  ``*`` (the decision's kept values are remembered, so every batch is cut alike).

Each round tries the next step of every field that has one left and takes the step that
leaves the fewest rows in small classes. The result (``Verdict``) recodes any batch of the
release the same way, and says which classes hold: a row of a class it has not seen (data
that changed since) is suppressed too, so a batch never lets out a class that was not counted.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

import pyarrow as pa
import pyarrow.compute as pc

from masking.errors import BadMaskingInput
from masking.generalisation import STEP_KINDS, SUPPRESSED, Quasi, Step, parse_steps

SMALLEST_SHOWN = 5
_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*$")
_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[-~]\s*(\d+(?:\.\d+)?)\s*$")
_OPEN_TOP = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*\+\s*$")


# -- one column, one step ------------------------------------------------------------------

def _band_text(text: str, width: int) -> str:
    """One value into a ``width``-wide range (see the module doc)."""
    if text == SUPPRESSED or text.startswith("<"):
        return text
    found = _NUMBER.match(text)
    if found:
        low = math.floor(float(found.group(1)) / width) * width
        return f"{low}-{low + width - 1}"
    found = _RANGE.match(text)
    if found:
        low = math.floor(float(found.group(1)) / width) * width
        high = max(low + width, math.ceil((float(found.group(2)) + 1) / width) * width) - 1
        return f"{low}-{high}"
    found = _OPEN_TOP.match(text)
    if found:
        return f"{math.floor(float(found.group(1)) / width) * width}+"
    return SUPPRESSED


def _band(column: pa.Array, width: int) -> pa.Array:
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    banded = pa.array([_band_text(v, width) for v in encoded.dictionary.to_pylist()], type=pa.string())
    return pc.take(banded, encoded.indices)


def _frequent(column: pa.Array, k: int) -> frozenset:
    counts = pc.value_counts(column)
    values, sizes = counts.field("values").to_pylist(), counts.field("counts").to_pylist()
    return frozenset(v for v, n in zip(values, sizes) if v is not None and n >= k)


def _keep_only(column: pa.Array, kept: frozenset) -> pa.Array:
    known = pc.is_in(column, value_set=pa.array(sorted(kept), type=pa.string()))
    return pc.if_else(pc.or_(known, pc.is_null(column)), column, pa.scalar(SUPPRESSED, pa.string()))


def _step(column: pa.Array, step: Step, kept: Optional[frozenset]) -> pa.Array:
    if step.kind == "truncate":
        return pc.utf8_slice_codeunits(column, 0, step.size)
    if step.kind == "band":
        return _band(column, step.size)
    return _keep_only(column, kept or frozenset())


@dataclass(frozen=True)
class Recoding:
    """What is done to one column: its steps taken so far, and for each suppressRare step the
    values it kept (decided on the whole release)."""

    steps: Tuple[Step, ...] = ()
    kept: Tuple[Optional[frozenset], ...] = ()

    def apply(self, column: pa.Array) -> pa.Array:
        for step, kept in zip(self.steps, self.kept):
            column = _step(column, step, kept)
        return column

    def then(self, step: Step, column: pa.Array, k: int) -> Tuple["Recoding", pa.Array]:
        """This recoding with ``step`` added, and the column (as recoded so far) recoded by it."""
        kept = _frequent(column, k) if step.kind == "suppressRare" else None
        return Recoding(self.steps + (step,), self.kept + (kept,)), _step(column, step, kept)


# -- classes -------------------------------------------------------------------------------

def _text_column(column) -> pa.Array:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return column if pa.types.is_string(column.type) else pc.cast(column, pa.string())


def class_keys(columns: Sequence[pa.Array]) -> pa.Array:
    """One text per row naming its class: each value with its length before it, so that no
    two different rows of values give the same key; a null is ``N``."""
    parts = []
    for column in columns:
        text = _text_column(column)
        spelled = pc.binary_join_element_wise(pc.cast(pc.utf8_length(text), pa.string()), text, ":")
        parts.append(pc.fill_null(spelled, "N"))
    if not parts:
        return pa.array([], type=pa.string())
    return pc.binary_join_element_wise(*parts, "|")


@dataclass(frozen=True)
class Report:
    """The equivalence classes of a release over its quasi-identifiers."""

    k: int
    quasi_identifiers: Tuple[str, ...]
    rows: int
    classes: int
    unique_rows: int  # rows alone in their class
    rows_below_k: int  # rows in classes smaller than k
    smallest: Tuple[int, ...]  # sizes of the smallest classes, smallest first
    levels: Mapping[str, int] = field(default_factory=dict)  # steps taken per field
    suppressed_rows: int = 0

    @property
    def holds(self) -> bool:
        return self.rows_below_k == 0

    @property
    def unique_share(self) -> float:
        return self.unique_rows / self.rows if self.rows else 0.0

    def as_api(self) -> Dict[str, Any]:
        return {"k": self.k, "quasiIdentifiers": list(self.quasi_identifiers), "rows": self.rows,
                "classes": self.classes, "uniqueRows": self.unique_rows,
                "uniqueShare": round(self.unique_share, 4), "rowsBelowK": self.rows_below_k,
                "smallestClasses": list(self.smallest), "levels": dict(self.levels),
                "suppressedRows": self.suppressed_rows}


def _class_sizes(keys: pa.Array) -> Tuple[pa.Array, pa.Array]:
    counts = pc.value_counts(keys)
    return counts.field("values"), counts.field("counts")


def _report(keys: pa.Array, names: Sequence[str], k: int, **extra) -> Report:
    _values, sizes = _class_sizes(keys)
    sizes = sizes.to_numpy(zero_copy_only=False)
    return Report(k=k, quasi_identifiers=tuple(names), rows=len(keys), classes=len(sizes),
                  unique_rows=int((sizes == 1).sum()), rows_below_k=int(sizes[sizes < k].sum()),
                  smallest=tuple(int(n) for n in sorted(sizes)[:SMALLEST_SHOWN]), **extra)


def measure(table: pa.Table, names: Sequence[str], k: int) -> Report:
    """The classes of ``table`` over the columns ``names``, as they are."""
    return _report(class_keys([table.column(n) for n in names]), names, k)


# -- the decision --------------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    """How a release is let out: its classes before and after, each quasi-identifier's
    recoding, and the classes that hold k (rows of any other class are suppressed)."""

    before: Report
    after: Report
    recodings: Mapping[str, Recoding]
    holding: pa.Array  # class keys (of recoded values) with at least k rows

    @property
    def holds(self) -> bool:
        return self.after.holds

    def recode(self, columns: Mapping[str, Any]) -> Dict[str, pa.Array]:
        """The quasi-identifier columns (text) of a batch, recoded as decided."""
        return {name: recoding.apply(_text_column(columns[name]))
                for name, recoding in self.recodings.items()}

    def keep(self, recoded: Mapping[str, pa.Array]) -> pa.Array:
        """Per row of a recoded batch: whether its class holds (False: suppress the row)."""
        keys = class_keys([recoded[n] for n in self.after.quasi_identifiers])
        return pc.fill_null(pc.is_in(keys, value_set=self.holding), False)


def anonymise(table: pa.Table, quasi: Sequence[Quasi], k: int, *, generalise: bool = True,
              max_suppressed_share: float = 0.05) -> Verdict:
    """The verdict on ``table`` (the release's quasi-identifier columns, as they leave).

    Without ``generalise`` nothing is recoded or suppressed: the verdict only says whether the
    release holds as it is. With it, steps are taken while more than ``max_suppressed_share``
    of the rows are in classes smaller than k and some field has a step left; the rows still
    in small classes are then suppressed.
    """
    if k < 1:
        raise BadMaskingInput(f"k is at least 1, not {k}")
    if not quasi:
        raise BadMaskingInput("name at least one quasi-identifier")
    names = [q.name for q in quasi]
    columns = {n: _text_column(table.column(n)) for n in names}
    recodings = {n: Recoding() for n in names}
    keys = class_keys([columns[n] for n in names])
    before = _report(keys, names, k)
    current = before
    left = {q.name: list(q.steps) for q in quasi} if generalise else {}
    while current.rows_below_k > max_suppressed_share * current.rows and any(left.values()):
        tried = []
        for name, steps in left.items():
            if not steps:
                continue
            recoding, column = recodings[name].then(steps[0], columns[name], k)
            trial = {**columns, name: column}
            tried.append((_report(class_keys([trial[n] for n in names]), names, k).rows_below_k,
                          len(tried), name, recoding, column))
        _below, _order, name, recoding, column = min(tried, key=lambda t: t[:2])
        left[name].pop(0)
        recodings[name], columns[name] = recoding, column
        keys = class_keys([columns[n] for n in names])
        current = _report(keys, names, k)
    values, sizes = _class_sizes(keys)
    if generalise:
        holding = pc.filter(values, pc.greater_equal(sizes, k))
        kept = pc.filter(keys, pc.is_in(keys, value_set=holding))
    else:
        holding, kept = values, keys
    levels = {n: len(recodings[n].steps) for n in names}
    after = _report(kept, names, k, levels=levels, suppressed_rows=len(keys) - len(kept))
    if not generalise:
        after = replace(before, levels=levels)
    return Verdict(before=before, after=after, recodings=recodings, holding=holding)


__all__ = ["Quasi", "Recoding", "Report", "STEP_KINDS", "SUPPRESSED", "Step", "Verdict",
           "anonymise", "class_keys", "measure", "parse_steps"]
