"""A Presidio NLP engine for Chinese that needs no downloaded model.

Presidio raises a pattern's score when one of the recognizer's context words is among
the lemmas of the few tokens before the match. That needs real words, and lemmas equal
to the words. A blank spaCy ``zh`` pipeline cuts text into single characters unless it
is configured with jieba, leaves lemmas empty, and costs a ``Doc`` per text; this engine
implements Presidio's ``NlpEngine`` directly on jieba instead:

- runs of Han characters are segmented by jieba's dictionary (no HMM: unknown names stay
  split into characters, which the person recognizer reassembles with its surname list),
  in a private copy of jieba's dictionary to which the recognizers' context words are
  added, so that 统一社会信用代码 stays one token and matches as a context word;
- segmentations of short Han runs are cached (up to 50,000 runs of at most 32
  characters), as form-like text (备注, 情况说明) repeats the same phrases between its
  numbers and names;
- runs of ASCII letters and digits stay whole (an ID number is one token), every other
  character is a token of its own;
- each token's lemma is the token itself; its tag is ``nr`` when jieba's dictionary
  tags the word as a person name (``nr``, ``nrfg``, ``nrt``), else None.

The dictionary (frequencies with the added words, and the person-name words) is cached
in the temp directory as marshal data after the first load, which loads several times
faster than jieba's own start and part-of-speech table.

The result is an ordinary ``NlpArtifacts`` whose ``tokens`` is a list of strings (Presidio
only takes ``len`` of tokens), with an extra ``pos_tags`` list.

Speed (issue 18): a text is cut at its Han runs only, the pieces between them split by one
``findall``; a run of CJK ideographs is segmented by ``_segment``, jieba's dictionary
segmentation without HMM redone in one pass (the same words, twice as fast); offsets are
running sums of token lengths; tags and keywords are looked up per distinct token (``map``
over dictionaries, no Python step per token); the artifacts keep an index of keyword
positions (``ZhNlpArtifacts.surrounding_keywords``), so that the context enhancer finds the
words before a result by bisection instead of scanning the tokens for every result.
"""
from __future__ import annotations

import hashlib
import logging
import marshal
import math
import os
import tempfile
import threading
from bisect import bisect_left, bisect_right
from itertools import accumulate, chain, compress
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

import regex

from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

LANGUAGE = "zh"

RUN_CACHE_SIZE = 50_000  # Han runs whose segmentation is kept
RUN_CACHE_MAX_LENGTH = 32  # longer runs are rarely repeated
KEYWORD_CACHE_SIZE = 100_000  # distinct tokens whose keywords are kept (numbers are many)
_RUNS = regex.compile(r"\p{Han}+|[A-Za-z0-9]+|\s+|.", regex.DOTALL)
# the same pieces as _RUNS, found in two steps: the Han runs, then what lies between them
_HAN_RUN = regex.compile(r"\p{Han}+")
_OTHER_PIECES = regex.compile(r"[A-Za-z0-9]+|\s+|.", regex.DOTALL)
_HAS_WORD_CHAR = regex.compile(r"[\p{Han}A-Za-z0-9]")
# a run jieba's ``cut`` passes whole to its dictionary segmentation (its re_han_default)
_JIEBA_BLOCK = regex.compile("[\u4E00-\u9FD5]+")

# Function words that never carry context on their own.
STOPWORDS = frozenset(
    "的 了 和 与 及 或 在 是 于 为 对 将 把 被 由 从 向 等 也 都 而 并 其 之 以 这 那 该 此 "
    "着 过 又 还 就 则 即 如 若 但 且 所 个 各 每".split()
)


def lemma_keywords(lemma: str) -> Tuple[str, ...]:
    """The keywords one lemma gives: none for a stopword, punctuation or whitespace, else the
    lemma lower-cased and split at ':' (Presidio's ``NlpArtifacts.set_keywords`` per lemma)."""
    if lemma in STOPWORDS:
        return ()
    if len(lemma) == 1:
        if _HAS_WORD_CHAR.match(lemma) is None:
            return ()
    elif lemma.isspace():
        return ()
    return tuple(lemma.lower().split(":"))


class _KeywordCache(dict):
    """lemma -> ``lemma_keywords(lemma)``, filled on first sight, emptied when full."""

    def __missing__(self, lemma: str) -> Tuple[str, ...]:
        if len(self) >= KEYWORD_CACHE_SIZE:
            self.clear()
        value = self[lemma] = lemma_keywords(lemma)
        return value


class ZhNlpArtifacts(NlpArtifacts):
    """NlpArtifacts with the jieba dictionary tag of each token (None when unknown).

    ``offsets`` (token i is ``text[offsets[i]:offsets[i + 1]]``; None if the tokens do not
    tile the text) lets ``surrounding_keywords`` answer the context enhancer's question
    by bisection.
    """

    def __init__(self, *, pos_tags: List[Optional[str]], offsets: Optional[List[int]] = None, **kwargs):
        super().__init__(**kwargs)
        self.pos_tags = pos_tags
        self._offsets = offsets
        self._keyword_index: Optional[Tuple[List[int], List[str]]] = None

    @staticmethod
    def set_keywords(nlp_engine, lemmas: List[str], language: str) -> List[str]:
        """Presidio's keywords (lower-cased lemmas that are neither stopwords nor
        punctuation, split at ':'), looked up per distinct lemma in the engine's cache."""
        cache = getattr(nlp_engine, "keyword_cache", None)
        return list(chain.from_iterable(map(cache.__getitem__ if cache is not None else lemma_keywords, lemmas)))

    def surrounding_keywords(self, start: int, prefix_count: int, suffix_count: int) -> Optional[List[str]]:
        """The context words Presidio's ``LemmaContextAwareEnhancer._extract_surrounding_words``
        collects for a result starting at ``start`` (as a list, unordered, possibly with
        repeats), or None when the tokens do not tile the text.

        Presidio takes the first token ending after ``start``, then walks the lemmas back
        from it collecting ``prefix_count + 1`` keywords and forward collecting
        ``suffix_count + 1`` (the token itself counted both ways), a keyword being a
        lemma whose lower case is in ``keywords``. Here the keyword positions are listed
        once per text and both walks are slices found by bisection.
        """
        offsets = self._offsets
        if offsets is None:
            return None
        index = self._keyword_index
        if index is None:
            lows = list(map(str.lower, self.lemmas))
            present = list(map(set(self.keywords).__contains__, lows))
            index = self._keyword_index = (list(compress(range(len(lows)), present)), list(compress(lows, present)))
        positions, words = index
        token = bisect_right(offsets, start, 1) - 1  # the first token ending after start
        if token >= len(offsets) - 1:
            raise ValueError(f"Did not find a token at {start} although it is expected to be found")
        before = bisect_right(positions, token)
        after = bisect_left(positions, token)
        return words[max(0, before - prefix_count - 1):before] + words[after:after + max(0, suffix_count + 1)]


class JiebaNlpEngine(NlpEngine):
    """Tokens, lemmas and dictionary POS tags from jieba; no named entities, no model."""

    engine_name = "jieba"

    def __init__(self, user_words: Sequence[str] = ()) -> None:
        """``user_words``: extra dictionary words, typically recognizers' context words."""
        self.user_words = tuple(user_words)
        self._tokenizer = None
        self._names: frozenset = frozenset()
        self._tag_of: dict = {}  # person-name word -> "nr"
        self._lock = threading.Lock()
        self._runs: dict = {}  # Han run -> its words; form-like text repeats runs a lot
        self.keyword_cache = _KeywordCache()

    # -- loading ---------------------------------------------------------------------
    def load(self) -> None:
        """Load the dictionary: from this engine's cache, or from jieba the first time."""
        with self._lock:
            if self._tokenizer is not None:
                return
            import jieba

            jieba.setLogLevel(logging.WARNING)
            freq, total, names = _load_dictionary(self.user_words)
            tokenizer = jieba.Tokenizer()
            tokenizer.FREQ, tokenizer.total = freq, total
            tokenizer.initialized = True
            self._names = names
            self._tag_of = dict.fromkeys(names, "nr")
            self._tokenizer = tokenizer

    def is_loaded(self) -> bool:
        return self._tokenizer is not None

    # -- processing ------------------------------------------------------------------
    def tokenize(self, text: str) -> Tuple[List[str], List[int], List[Optional[str]]]:
        """Split ``text`` into tokens; return tokens, their start offsets and POS tags."""
        tokens, offsets = self._tile(text)
        if offsets is None:
            return self._tokenize_by_runs(text)
        return tokens, offsets[:-1], list(map(self._tag_of.get, tokens))

    def _tile(self, text: str) -> Tuple[List[str], Optional[List[int]]]:
        """The tokens of ``text`` and their offsets (len(tokens) + 1 of them, token i being
        ``text[offsets[i]:offsets[i + 1]]``); offsets None if a segmentation did not tile
        its run (jieba's always does; ``_tokenize_by_runs`` then gives the tokens)."""
        if self._tokenizer is None:
            self.load()
        tokenizer = self._tokenizer
        cut = tokenizer.cut
        runs = self._runs
        pieces = _OTHER_PIECES.findall
        tokens: List[str] = []
        pos = 0
        for run in _HAN_RUN.finditer(text):
            start, end = run.span()
            if start > pos:
                tokens += pieces(text, pos, start)
            piece = run.group()
            first = piece[0]
            if end - start > 1 and ("\u3400" <= first <= "\u9fff" or "\uf900" <= first <= "\ufaff"
                                    or "\U00020000" <= first <= "\U0003134f"):  # _is_han
                words = runs.get(piece)
                if words is None:
                    words = _segment(piece, tokenizer) if _JIEBA_BLOCK.fullmatch(piece) else tuple(cut(piece, HMM=False))
                    if "".join(words) != piece:
                        return tokens, None
                    if len(piece) <= RUN_CACHE_MAX_LENGTH:
                        if len(runs) >= RUN_CACHE_SIZE:
                            runs.clear()
                        runs[piece] = words
                tokens += words
            else:
                tokens.append(piece)
            pos = end
        if pos < len(text):
            tokens += pieces(text, pos)
        return tokens, list(accumulate(map(len, tokens), initial=0))

    def _tokenize_by_runs(self, text: str) -> Tuple[List[str], List[int], List[Optional[str]]]:
        """``tokenize`` one piece at a time (the reference ``_tile`` must agree with)."""
        if self._tokenizer is None:
            self.load()
        cut = self._tokenizer.cut
        names = self._names
        tokens: List[str] = []
        starts: List[int] = []
        pos_tags: List[Optional[str]] = []
        for run in _RUNS.finditer(text):
            piece = run.group()
            start = run.start()
            if len(piece) > 1 and _is_han(piece[0]):
                for word in cut(piece, HMM=False):
                    tokens.append(word)
                    starts.append(start)
                    pos_tags.append("nr" if word in names else None)
                    start += len(word)
            else:
                tokens.append(piece)
                starts.append(start)
                pos_tags.append("nr" if piece in names else None)
        return tokens, starts, pos_tags

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        tokens, offsets = self._tile(text)
        if offsets is None:
            tokens, starts, pos_tags = self._tokenize_by_runs(text)
        else:
            starts, pos_tags = offsets[:-1], list(map(self._tag_of.get, tokens))
        return ZhNlpArtifacts(
            entities=[],
            tokens=tokens,
            tokens_indices=starts,
            lemmas=tokens,
            nlp_engine=self,
            language=language,
            scores=[],
            pos_tags=pos_tags,
            offsets=offsets,
        )

    def process_batch(
        self,
        texts: Iterable[str],
        language: str,
        batch_size: int = 1,
        n_process: int = 1,
        **kwargs,
    ) -> Iterator[Tuple[str, NlpArtifacts]]:
        for text in texts:
            text = str(text)
            yield text, self.process_text(text, language)

    # -- queries ---------------------------------------------------------------------
    def is_stopword(self, word: str, language: str) -> bool:
        return word in STOPWORDS

    def is_punct(self, word: str, language: str) -> bool:
        if len(word) > 1:  # multi-character tokens are words, numbers or whitespace runs
            return word.isspace()
        return _HAS_WORD_CHAR.match(word) is None

    def get_supported_entities(self) -> List[str]:
        return []

    def get_supported_languages(self) -> List[str]:
        return [LANGUAGE]


def _segment(piece: str, tokenizer) -> Tuple[str, ...]:
    """``tuple(tokenizer.cut(piece, HMM=False))`` for a run of CJK ideographs (U+4E00-U+9FD5,
    one block for jieba), twice as fast: jieba's ``get_DAG``, ``calc`` and
    ``__cut_DAG_NO_HMM`` in one backward pass, the same sums in the same order, the same
    tie-break (the longest word among the best), no generator per word.
    ``tests/masking/test_nlp_engine.py`` holds it to jieba's own.
    """
    freq = tokenizer.FREQ
    log = math.log
    logtotal = log(tokenizer.total)
    n = len(piece)
    best = [0.0] * (n + 1)  # jieba's route[k][0]: the best log-probability of piece[k:]
    ends = [0] * n  # route[k][1] + 1: where the first word of that best segmentation ends
    for k in range(n - 1, -1, -1):
        top = None
        i = k
        frag = piece[k]
        while frag in freq:  # the dictionary holds every prefix of its words (frequency 0)
            f = freq[frag]
            if f:
                score = log(f) - logtotal + best[i + 1]
                if top is None or score >= top:  # max() of (score, i): a tie goes to the larger i
                    top, end = score, i
            i += 1
            if i >= n:
                break
            frag = piece[k:i + 1]
        if top is None:  # no word starts here: the character alone
            top, end = log(freq.get(piece[k]) or 1) - logtotal + best[k + 1], k
        best[k] = top
        ends[k] = end + 1
    words = []
    x = 0
    while x < n:
        y = ends[x]
        words.append(piece[x:y])
        x = y
    return tuple(words)


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3134F


def _load_dictionary(user_words: Sequence[str]):
    """(word frequencies, total, person-name words) of jieba's dictionary plus ``user_words``.

    jieba caches its dictionary with ``marshal.load`` on a file object, several times slower
    than ``marshal.loads`` on the same bytes. This keeps its own marshal cache (data only,
    no code) in the temp directory, keyed by the dictionary file and the user words, and
    trusts it only if this user owns it.
    """
    import jieba

    source = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    stat = os.stat(source)
    key = hashlib.sha256("\n".join(user_words).encode()).hexdigest()[:12]
    cache = os.path.join(
        tempfile.gettempdir(), f"datagate-jieba-{jieba.__version__}-{stat.st_size}-{int(stat.st_mtime)}-{key}.marshal"
    )
    data = _read_cache(cache)
    if data is not None:
        return data
    jieba.dt.initialize()
    builder = jieba.Tokenizer()
    builder.FREQ = dict(jieba.dt.FREQ)  # a private copy: add_word must not change jieba.dt
    builder.total = jieba.dt.total
    builder.initialized = True
    for word in user_words:
        if word and word not in builder.FREQ:
            builder.add_word(word)
    names = []
    with open(source, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[2] in ("nr", "nrfg", "nrt"):
                names.append(parts[0])
    data = (builder.FREQ, builder.total, frozenset(names))
    try:
        partial = f"{cache}.{os.getpid()}"
        with open(partial, "wb") as f:
            f.write(marshal.dumps((data[0], data[1], "\n".join(names))))
        os.replace(partial, cache)
    except OSError:
        pass  # a read-only temp directory only costs the slow path again next time
    return data


def _read_cache(path: str):
    try:
        if hasattr(os, "getuid") and os.stat(path).st_uid != os.getuid():
            return None
        with open(path, "rb") as f:
            freq, total, names = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return freq, total, frozenset(names.split("\n"))
