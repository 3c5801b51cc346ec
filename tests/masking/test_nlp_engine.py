"""The jieba NLP engine's fast paths give exactly what the plain ones give.

``JiebaNlpEngine._tile`` (Han runs cut, the rest split by one ``findall``, offsets by running
sums) must give the tokens, offsets and tags of ``_tokenize_by_runs`` (one piece at a time);
``ZhNlpArtifacts.surrounding_keywords`` (bisection over keyword positions) must give the
words Presidio's ``LemmaContextAwareEnhancer._extract_surrounding_words`` gives (a Presidio
internal the context enhancer steps around: this pins it); ``set_keywords`` by its cache
must give the keywords of the per-lemma rule; ``_segment`` must cut a run of ideographs as
jieba's ``cut(HMM=False)`` does (jieba internals redone: this pins them).
"""
from __future__ import annotations

import random

import pytest
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from masking.analyzer import get_analyzer
from masking.nlp_engine import _HAN_RUN, _HAS_WORD_CHAR, _JIEBA_BLOCK, STOPWORDS, ZhNlpArtifacts, _segment
from tests.masking.corpus import build_corpus
from tests.masking.seventh_corpus import build_seventh_corpus
from tests.masking.sixth_corpus import build_sixth_corpus

EDGE_TEXTS = [
    "",
    " ",
    "a",
    "张",
    "张三",
    "\n\n",
    "二〇二六年三月，々木、〆切りと㐀㐁丽（兼容字）豈更𠀀𠀁，还有🙂表情",
    "ＩＤ：４４０６０４１９９０  Tel:0757-83331234\r\n姓名:李四 e-mail a.b@x.cn",
    "统一社会信用代码91440604MA4UXXXX0X，联系人：王五，手机13812345678。",
    "身份证号 440604199001011234 be -PRON- A:B：C",
    "一" * 40 + "的" * 3 + "张" * 35,
    "\t\u3000全角空格\u3000后",
]


@pytest.fixture(scope="module")
def engine():
    return get_analyzer().nlp_engine


@pytest.fixture(scope="module")
def texts():
    return EDGE_TEXTS + [s.text for s in build_seventh_corpus()[:120]] + [s.text for s in build_sixth_corpus()[:60]] \
        + [s.text for s in build_corpus(120)]


def test_tiled_tokens_are_the_tokens_of_one_piece_at_a_time(engine, texts):
    for text in texts:
        tokens, offsets = engine._tile(text)
        assert offsets is not None
        assert engine.tokenize(text) == engine._tokenize_by_runs(text), text
        assert [text[a:b] for a, b in zip(offsets, offsets[1:])] == tokens


def _keywords_one_by_one(lemmas):
    """The rule of the engine's keywords, one lemma at a time (Presidio's, with our stopwords)."""
    keywords = []
    for lemma in lemmas:
        if lemma in STOPWORDS or (len(lemma) == 1 and _HAS_WORD_CHAR.match(lemma) is None) \
                or (len(lemma) > 1 and lemma.isspace()):
            continue
        keywords.extend(lemma.lower().split(":"))
    return keywords


def test_cached_keywords_are_the_keywords_of_each_lemma(engine, texts):
    for text in texts:
        artifacts = engine.process_text(text, "zh")
        assert isinstance(artifacts, ZhNlpArtifacts)
        assert artifacts.keywords == _keywords_one_by_one(artifacts.lemmas)
    assert ZhNlpArtifacts.set_keywords(None, ["ID", "的", "A:B", "，"], "zh") == ["id", "a", "b"]


@pytest.mark.parametrize("prefix, suffix", [(5, 0), (0, 0), (2, 3), (-1, -1)])
def test_surrounding_keywords_are_presidios(engine, texts, prefix, suffix):
    presidio = LemmaContextAwareEnhancer(context_prefix_count=prefix, context_suffix_count=suffix)
    for text in texts:
        artifacts = engine.process_text(text, "zh")
        if not artifacts.tokens:
            continue
        for start in sorted(set(artifacts.tokens_indices) | set(range(0, len(text), 13))):
            expected = presidio._extract_surrounding_words(artifacts, text[start:start + 1], start)
            assert sorted(set(artifacts.surrounding_keywords(start, prefix, suffix))) == sorted(expected), (text, start)


def test_segment_is_jiebas_cut(engine, texts):
    tokenizer = engine._tokenizer
    runs = {m.group() for text in texts for m in _HAN_RUN.finditer(text)}
    runs = sorted(r for r in runs if _JIEBA_BLOCK.fullmatch(r))
    rng = random.Random(18)
    common = "".join(runs)
    runs += ["".join(rng.choice(common) for _ in range(rng.randint(1, 40))) for _ in range(1000)]
    runs += ["".join(chr(rng.randint(0x4E00, 0x9FD5)) for _ in range(rng.randint(1, 12))) for _ in range(300)]
    runs += ["一", "的的的的", "中华人民共和国", "统一社会信用代码" * 3]
    for run in runs:
        assert _segment(run, tokenizer) == tuple(tokenizer.cut(run, HMM=False)), run
