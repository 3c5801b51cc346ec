"""De-identification of Chinese personal data: recognizers, operators, policies.

Free text (``masking.text``) is scanned by a Presidio analyzer built from this package's
recognizers (``masking.analyzer``; no model download). Structured columns
(``masking.policies``, ``masking.operators``) are masked by plain loops, without the
analyzer. ``masking.proposal`` proposes a field's policy from a sample of its values.

The names below are imported lazily, so that masking a structured column does not load
Presidio, spaCy and jieba, which take seconds to start.
"""
from __future__ import annotations

import importlib
import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # never fetch the suffix list

_EXPORTS = {
    "ENTITIES": "masking.kinds",
    "Channel": "masking.kinds",
    "FieldKind": "masking.kinds",
    "Sensitivity": "masking.kinds",
    "FieldPolicy": "masking.policies",
    "MaskingKeys": "masking.policies",
    "MaskingPolicy": "masking.policies",
    "mask_column": "masking.policies",
    "apply_operator": "masking.operators",
    "decrypt_value": "masking.operators",
    "generalize_value": "masking.operators",
    "mask_value": "masking.operators",
    "get_analyzer": "masking.analyzer",
    "analyze_texts": "masking.analyzer",
    "mask_texts": "masking.text",
    "mask_lines": "masking.text",
    "propose_policy": "masking.proposal",
    "PolicyProposal": "masking.proposal",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'masking' has no attribute {name!r}")
