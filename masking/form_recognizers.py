"""One Presidio recognizer for the shapes of the sixth round (issue 18) that no pattern of
``masking.recognizers`` reads: Hong Kong and Macao phones and permits (``hk_macao``), IDs and
mobiles with OCR letters inside (``ocr_digits``), Latin-letter names after a name label
(``pinyin_names``) and married women's names with 氏 (``shi_names``). Each module gates itself on a substring test before any regex.
"""
from __future__ import annotations

from typing import List

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from masking.hk_macao import permits, phones
from masking.id_labels import labelled_ids
from masking.ocr_digits import ocr_identifiers
from masking.pinyin_names import pinyin_names
from masking.shi_names import shi_names

SCORE = 0.85
LABELLED_ID_SCORE = 0.7  # as a wrong check digit lifted by its label scores in masking.recognizers
ENTITIES = ["CN_LANDLINE", "CN_PASSPORT", "CN_ID_NUMBER", "CN_MOBILE", "PERSON"]


class FormsRecognizer(EntityRecognizer):
    """Results of ``hk_macao``, ``ocr_digits`` and ``pinyin_names`` at a fixed score."""

    def __init__(self) -> None:
        super().__init__(supported_entities=list(ENTITIES), name="FormsRecognizer", supported_language="zh")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None) -> List[RecognizerResult]:
        found = [(s, e, "CN_LANDLINE", "hk_macao_phone") for s, e in phones(text)]
        found += [(s, e, "CN_PASSPORT", "permit_traditional") for s, e in permits(text)]
        found += [(s, e, entity, "ocr_digits") for s, e, entity in ocr_identifiers(text)]
        found += [(s, e, "CN_ID_NUMBER", "labelled_id") for s, e in labelled_ids(text)]
        found += [(s, e, "PERSON", "pinyin_name") for s, e in pinyin_names(text)]
        found += [(s, e, "PERSON", "shi_name") for s, e in shi_names(text)]
        wanted = set(entities) if entities else None
        return [self._result(s, e, entity, why) for s, e, entity, why in found if wanted is None or entity in wanted]

    def _result(self, start: int, end: int, entity: str, why: str) -> RecognizerResult:
        score = LABELLED_ID_SCORE if why == "labelled_id" else SCORE
        explanation = AnalysisExplanation(recognizer=self.name, original_score=score, pattern_name=why,
                                          textual_explanation=why)
        metadata = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        return RecognizerResult(entity, start, end, score, explanation, metadata)
