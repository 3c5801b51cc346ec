"""The surname, given-name and historical-figure lists of ``masking/data``, read once.

``data/surnames.txt`` holds the single and compound surnames beyond the frequency list of
``masking.lexicon`` (the whole 百家姓, southern and rare surnames) and the ones that are also
everyday words; ``data/given_names.txt`` the characters of given names beyond the
lexicon's and the parts of minority names written without a Han surname (扎西, 卓玛, 曲比 …);
``data/historical_figures.txt`` names people of history whose names in a
policy or heritage text are not anyone's personal data.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, FrozenSet

DATA = Path(__file__).with_name("data")


def _sections(path: Path) -> Dict[str, list]:
    sections: Dict[str, list] = {}
    current = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, []).extend(line.split())
    return sections


_SURNAMES = _sections(DATA / "surnames.txt")


def _characters(words) -> FrozenSet[str]:
    return frozenset(ch for word in words for ch in word)


SINGLE_SURNAMES: FrozenSet[str] = _characters(_SURNAMES["single"])
COMPOUND_SURNAMES: FrozenSet[str] = frozenset(_SURNAMES["compound"])
EVERYDAY_SURNAMES: FrozenSet[str] = _characters(_SURNAMES["everyday"]) | frozenset(_SURNAMES["everyday compound"])
HISTORICAL_FIGURES: FrozenSet[str] = frozenset(
    word for words in _sections(DATA / "historical_figures.txt").values() for word in words
)

_GIVEN = _sections(DATA / "given_names.txt")
MORE_GIVEN_NAME_CHARS: FrozenSet[str] = _characters(_GIVEN["characters"])
MINORITY_NAME_PARTS: FrozenSet[str] = frozenset(
    part for section in ("tibetan", "yi", "mongolian", "uyghur and kazakh") for part in _GIVEN[section]
)
