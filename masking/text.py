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
Landlines, e-mails and addresses of public bodies and public hotlines are then left
standing under ``public`` (``masking.public_contacts``; the default keeps 12345, ``*.gov.cn``
and what a sentence attributes to a public body; ``NO_PUBLIC_CONTACTS`` masks them all).

The replacement itself is Presidio's ``AnonymizerEngine`` running this package's
operator (``DatagateOperator``: the tag, partial mask, keyed pseudonym or generalisation of
``masking.operators``), so that free text and structured columns mask a value alike.
"""
from __future__ import annotations

import functools
from itertools import islice
from typing import Dict, Iterable, Iterator, List, Optional, Sequence

from presidio_analyzer import RecognizerResult
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.operators import Operator, OperatorType

from masking.errors import BadMaskingInput
from masking.address import HOUSEHOLD_KEY
from masking.analyzer import DEFAULT_THRESHOLD, analyze_texts
from masking.kinds import ENTITY_KIND
from masking.operators import Key, generalize_value, hash_values, mask_value
from masking.placeholders import without_placeholders
from masking.public_contacts import DEFAULT_PUBLIC_CONTACTS, PublicContacts

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


def without_public_contacts(text: str, results: Sequence[RecognizerResult], public: PublicContacts) -> List[RecognizerResult]:
    """``results`` less the contact points ``public`` says are public (see ``public_contacts``)."""
    # a household's village address (…村3组15号) is somebody's too: a contact point after it is not a body's
    people = [(r.start, r.end) for r in results
              if r.entity_type == "PERSON" or (r.recognition_metadata or {}).get(HOUSEHOLD_KEY)]
    return [r for r in results if not public.is_public(text, r.start, r.end, r.entity_type, people)]


def find_personal(
    texts: Sequence[Optional[str]],
    *,
    entities: Optional[Sequence[str]] = None,
    threshold: float = DEFAULT_THRESHOLD,
    public: PublicContacts = DEFAULT_PUBLIC_CONTACTS,
) -> List[List[RecognizerResult]]:
    """The spans ``mask_texts`` replaces in each text: found, overlaps resolved, public contact
    points left out."""
    found = analyze_texts(texts, entities=entities, threshold=threshold)
    return [
        without_placeholders(text, without_public_contacts(text, resolve_overlaps(results), public)) if results else []
        for text, results in zip(texts, found)
    ]


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


class DatagateOperator(Operator):
    """Presidio anonymizer operator applying one of ``TEXT_OPERATORS`` to a found span.

    Params: ``operator`` (a name of ``TEXT_OPERATORS``), ``key`` (the HMAC key of ``hash``)
    and ``entity_type`` (set by Presidio's engine for each span).
    """

    NAME = "datagate"

    def operate(self, text: str, params: Dict = None) -> str:
        return _replacement(params["entity_type"], text, params["operator"], params.get("key"))

    def validate(self, params: Dict = None) -> None:
        _check_operator(params.get("operator", ""), params.get("key"))

    def operator_name(self) -> str:
        return self.NAME

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


@functools.lru_cache(maxsize=1)
def anonymizer_engine() -> AnonymizerEngine:
    """Presidio's anonymizer with ``DatagateOperator`` (one per process)."""
    engine = AnonymizerEngine()
    engine.add_anonymizer(DatagateOperator)
    return engine


def replace_spans(text: str, results: Sequence[RecognizerResult], operator: str = "tag", key: Optional[Key] = None) -> str:
    """``text`` with each (non-overlapping) result span replaced per ``operator``, by Presidio's
    anonymizer engine."""
    if not results:
        return text
    config = {"DEFAULT": OperatorConfig(DatagateOperator.NAME, {"operator": operator, "key": key})}
    return anonymizer_engine().anonymize(
        text, list(results), operators=config, merge_entities_with_spaces=False
    ).text


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
    public: PublicContacts = DEFAULT_PUBLIC_CONTACTS,
) -> List[Optional[str]]:
    """Each text with its found entities replaced (None stays None), in order.

    ``key``: the HMAC key of ``hash``, per call (a release may have its own);
    ``public``: the contact points left standing (``masking.public_contacts``).
    """
    _check_operator(operator, key)
    texts = list(texts)
    found = find_personal(texts, entities=entities, threshold=threshold, public=public)
    return [
        text if not text else replace_spans(text, results, operator, key)
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
    public: PublicContacts = DEFAULT_PUBLIC_CONTACTS,
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
        for masked, ending in zip(mask_texts(bodies, operator, key=key, public=public), endings):
            yield masked + ending
