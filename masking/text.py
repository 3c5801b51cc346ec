"""Masking free text: find entities with the analyzer, replace the spans.

``mask_texts`` masks a list of texts and ``mask_lines`` a stream of lines (for
``datagate mask``). Found spans become, by operator:

- ``tag`` (default): the entity tag in angle brackets, ``<CN_ID_NUMBER>``;
- ``mask``: the partial mask of ``masking.operators`` for the entity's kind
  (``440604********1234``, ``138****5678``, ``张*``);
- ``redact``: nothing (the span is removed);
- ``hash``: ``<PERSON:3f9a…>``, a keyed pseudonym (needs ``key``), so that the same
  person or number reads the same everywhere in a corpus;
- ``generalize``: the generalised value where it is meaningful (address up to the
  district, ID number to its area code), else the tag;
- ``keep``: unchanged (the analysis still runs; useful for measuring).

Overlapping results (an 18-digit number can be an ID and a card candidate at once) are
resolved before replacing: the higher score wins, then the longer span, then the earlier.
"""
from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator, List, Optional, Sequence

from presidio_analyzer import RecognizerResult

from masking.errors import BadMaskingInput
from masking.analyzer import DEFAULT_THRESHOLD, analyze_texts
from masking.kinds import ENTITY_KIND
from masking.operators import Key, generalize_value, hash_values, mask_value

TEXT_OPERATORS = ("tag", "mask", "redact", "hash", "generalize", "keep")
BATCH_SIZE = 256


def resolve_overlaps(results: Sequence[RecognizerResult]) -> List[RecognizerResult]:
    """Non-overlapping results in text order: by score, then length, then position."""
    ranked = sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start))
    chosen: List[RecognizerResult] = []
    for result in ranked:
        if all(result.end <= c.start or result.start >= c.end for c in chosen):
            chosen.append(result)
    chosen.sort(key=lambda r: r.start)
    return chosen


def _replacement(entity: str, value: str, operator: str, key: Optional[Key]) -> str:
    if operator == "tag":
        return f"<{entity}>"
    if operator == "redact":
        return ""
    if operator == "keep":
        return value
    kind = ENTITY_KIND[entity]
    if operator == "mask":
        return mask_value(value, kind)
    if operator == "hash":
        return f"<{entity}:{hash_values([value], kind, key, 12)[0]}>"
    general = generalize_value(value, kind)  # "generalize"
    return general if general and entity in ("CN_ADDRESS", "CN_ID_NUMBER") else f"<{entity}>"


def replace_spans(text: str, results: Sequence[RecognizerResult], operator: str = "tag", key: Optional[Key] = None) -> str:
    """``text`` with each (non-overlapping, sorted) result span replaced per ``operator``."""
    if not results:
        return text
    out = []
    pos = 0
    for r in results:
        out.append(text[pos:r.start])
        out.append(_replacement(r.entity_type, text[r.start:r.end], operator, key))
        pos = r.end
    out.append(text[pos:])
    return "".join(out)


def _check_operator(operator: str, key: Optional[Key]) -> None:
    if operator not in TEXT_OPERATORS:
        raise BadMaskingInput(f"unknown operator {operator!r} for free text; use one of {', '.join(TEXT_OPERATORS)}")
    if operator == "hash" and key is None:
        raise BadMaskingInput("the hash operator needs a secret key; none was configured")


def mask_texts(
    texts: Sequence[Optional[str]],
    operator: str = "tag",
    *,
    key: Optional[Key] = None,
    entities: Optional[Sequence[str]] = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> List[Optional[str]]:
    """Each text with its found entities replaced (None stays None), in order."""
    _check_operator(operator, key)
    texts = list(texts)
    found = analyze_texts(texts, entities=entities, threshold=threshold)
    return [
        text if not text else replace_spans(text, resolve_overlaps(results), operator, key)
        for text, results in zip(texts, found)
    ]


def _split_ending(line: str) -> tuple[str, str]:
    if line.endswith("\r\n"):
        return line[:-2], "\r\n"
    if line.endswith(("\n", "\r")):
        return line[:-1], line[-1]
    return line, ""


def mask_lines(
    lines: Iterable[str],
    operator: str = "tag",
    *,
    key: Optional[Key] = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[str]:
    """Mask a stream of lines: one line out per line in, in order, line endings kept.

    Lines are analysed in batches of ``batch_size``; output for a batch is yielded as
    soon as the batch is done, so a pipe sees results while input is still coming.
    """
    _check_operator(operator, key)
    iterator = iter(lines)
    while True:
        batch = list(islice(iterator, batch_size))
        if not batch:
            return
        bodies, endings = zip(*(_split_ending(line) for line in batch))
        for masked, ending in zip(mask_texts(bodies, operator, key=key), endings):
            yield masked + ending
