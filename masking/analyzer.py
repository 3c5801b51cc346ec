"""The Chinese Presidio analyzer: one per process, built from this package's recognizers.

``get_analyzer()`` returns a Presidio ``AnalyzerEngine`` for language ``"zh"`` with

- the jieba NLP engine (``masking.nlp_engine``; no model download),
- a ``RecognizerRegistry`` holding only the recognizers of this package (Presidio's
  default registry would add English recognizers and a spaCy NER that needs a model),
- a lemma context enhancer that boosts a result by 0.35 when one of its recognizer's
  context words is in the lemmas of the five words before it: Presidio's rule, without
  Presidio's deep copy of every result (two thirds of the analysis time), with the
  keywords lower-cased once per result rather than once per context word, and the words
  before a result found by bisection in a per-text index of keyword positions.

``analyze_texts()`` runs it over many texts through Presidio's ``BatchAnalyzerEngine``.
Texts holding full-width letters or digits are analysed folded to half-width (１３８…
reads as 138…); folding keeps every offset, so spans apply to the original text.
"""
from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # before presidio imports tldextract

import threading
from typing import Iterable, List, Optional, Sequence

import regex
from presidio_analyzer import (
    AnalyzerEngine,
    BatchAnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from masking.address import ChineseAddressRecognizer
from masking.form_recognizers import FormsRecognizer
from masking.kinds import ENTITIES
from masking.nlp_engine import LANGUAGE, JiebaNlpEngine
from masking.person import ChinesePersonRecognizer
from masking.recognizers import DEFAULT_THRESHOLD, pattern_recognizers
from masking.traditional import fold_traditional, may_hold
from masking.width import fold_width

__all__ = ["DEFAULT_THRESHOLD", "ENTITIES", "LANGUAGE", "analyze_texts", "build_analyzer", "get_analyzer"]

# A text without Han characters, digits or "@" holds none of our entities.
_MAY_HOLD_ENTITY = regex.compile(r"[\p{Han}0-9@０-９＠]")
# Full-width letters and digits (and @) are folded before analysis; punctuation need not be.
_FULL_WIDTH_WORD = regex.compile(r"[０-９Ａ-Ｚａ-ｚ＠\u3000]")


class ContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma context enhancer, updating the (fresh) results in place.

    Same rule as Presidio's (substring matching of a recognizer's context words in the
    lemmas of the five words before a result), with the keywords lower-cased once per
    result instead of once per context word, and the words before a result read from the
    jieba artifacts' keyword index (``ZhNlpArtifacts.surrounding_keywords``) instead of a
    scan of the tokens up to it for every result.
    """

    @staticmethod
    def _find_supportive_word_in_context(context_list, recognizer_context_list, matching_mode="substring"):
        if not context_list or not recognizer_context_list:
            return ""
        keywords = [k.lower() for k in context_list]
        if matching_mode == "whole_word":
            present = set(keywords)
            return next((w for w in recognizer_context_list if w.lower() in present), "")
        joined = "\x00".join(keywords)
        return next((w for w in recognizer_context_list if w.lower() in joined), "")

    def _surrounding_words(self, nlp_artifacts, text, result) -> List[str]:
        """Presidio's ``_extract_surrounding_words``: by the jieba artifacts' keyword index
        when they have one (Presidio scans every token up to the result, for every result),
        else Presidio's own. The words come as a list, unordered: only membership counts."""
        index = getattr(nlp_artifacts, "surrounding_keywords", None)
        if index is not None:
            words = index(result.start, self.context_prefix_count, self.context_suffix_count)
            if words is not None:
                return words
        return self._extract_surrounding_words(
            nlp_artifacts=nlp_artifacts, word=text[result.start:result.end], start=result.start
        )

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        has_tokens = nlp_artifacts is not None and bool(nlp_artifacts.tokens)
        by_id = {r.id: r for r in recognizers}
        extra = [w.lower() for w in context] if context else []
        key_id = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        key_enhanced = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
        for result in raw_results:
            metadata = result.recognition_metadata or {}
            recognizer = by_id.get(metadata.get(key_id))
            if recognizer is None or not recognizer.context or metadata.get(key_enhanced):
                continue
            words = self._surrounding_words(nlp_artifacts, text, result) if has_tokens else []
            words.extend(extra)
            supportive = self._find_supportive_word_in_context(words, recognizer.context, self.context_matching_mode)
            if supportive:
                score = max(result.score + self.context_similarity_factor, self.min_score_with_context_similarity)
                result.score = min(score, self.MAX_SCORE)
                metadata[key_enhanced] = True
                if result.analysis_explanation is not None:
                    result.analysis_explanation.set_supportive_context_word(supportive)
                    result.analysis_explanation.set_improved_score(result.score)
        return raw_results


class ZhAnalyzerEngine(AnalyzerEngine):
    """Presidio's AnalyzerEngine, calling a recognizer's own context hook only if it has one.

    Presidio calls ``enhance_using_context`` on every recognizer for every text, filtering
    all results once per recognizer; none of ours overrides the hook, so that work is
    skipped here. The engine-level context enhancer runs as usual.
    """

    def _enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        for recognizer in recognizers:
            if type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context:
                return super()._enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
        return self.context_aware_enhancer.enhance_using_context(
            text=text, raw_results=raw_results, nlp_artifacts=nlp_artifacts, recognizers=recognizers, context=context
        )


def build_analyzer() -> AnalyzerEngine:
    """A new analyzer with every recognizer of this package (slow to build: keep one)."""
    recognizers = pattern_recognizers() + [ChineseAddressRecognizer(), ChinesePersonRecognizer(), FormsRecognizer()]
    context_words = {w for r in recognizers for w in r.context if not w.isascii()}
    nlp_engine = JiebaNlpEngine(user_words=sorted(context_words))
    nlp_engine.load()
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[LANGUAGE])
    return ZhAnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        default_score_threshold=DEFAULT_THRESHOLD,
        context_aware_enhancer=ContextEnhancer(context_prefix_count=5, context_suffix_count=0),
    )


_lock = threading.Lock()
_analyzer: Optional[AnalyzerEngine] = None


def get_analyzer() -> AnalyzerEngine:
    """The process-wide analyzer, built on first use."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                _analyzer = build_analyzer()
    return _analyzer


def _folded(text: str) -> str:
    """``text`` as analysed: full width and traditional characters folded, offsets kept."""
    if _FULL_WIDTH_WORD.search(text):
        text = fold_width(text)
    return fold_traditional(text) if may_hold(text) else text


def analyze_texts(
    texts: Iterable[Optional[str]],
    *,
    entities: Optional[Sequence[str]] = None,
    threshold: float = DEFAULT_THRESHOLD,
    analyzer: Optional[AnalyzerEngine] = None,
) -> List[List[RecognizerResult]]:
    """Presidio results for each text, in order (an empty list for None or empty text).

    Results may overlap (an 18-digit number can be both an ID and a card candidate);
    ``masking.text.resolve_overlaps`` picks the ones to replace.
    """
    texts = list(texts)
    analyzer = analyzer or get_analyzer()
    out: List[List[RecognizerResult]] = [[] for _ in texts]
    todo = [i for i, t in enumerate(texts) if t and _MAY_HOLD_ENTITY.search(t)]
    if not todo:
        return out
    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
    found = batch.analyze_iterator(
        [_folded(texts[i]) for i in todo],
        language=LANGUAGE,
        entities=list(entities) if entities else None,
        score_threshold=threshold,
    )
    for i, results in zip(todo, found):
        out[i] = results
    return out
