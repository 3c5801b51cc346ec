"""A digest of every span the free-text masker finds on every test corpus.

Prints, per corpus, the number of texts and spans and a SHA-256 of every span
(text index, start, end, entity, score rounded to 6 places) that
``masking.text.find_personal`` gives, then one digest over all corpora. With ``--raw`` it also digests every result the
analyzer gives before the threshold and overlaps (``analyze_texts(threshold=0)``), so
that a score moved below the threshold shows too. A change meant to make the masker
faster, not different, must leave every digest as it was.

    PYTHONPATH=. python bench/masking_identity.py [--raw]
"""
from __future__ import annotations

import hashlib
import sys
import time


def corpora():
    from tests.masking.blind_corpus import build_blind_corpus
    from tests.masking.corpus import build_corpus
    from tests.masking.fifth_corpus import build_fifth_corpus
    from tests.masking.fourth_corpus import build_fourth_corpus
    from tests.masking.heldout_corpus import build_heldout_corpus
    from tests.masking.seventh_corpus import build_seventh_corpus
    from tests.masking.sixth_corpus import build_sixth_corpus

    return [
        ("corpus(2000)", lambda: build_corpus(2000)),
        ("blind", build_blind_corpus),
        ("heldout", build_heldout_corpus),
        ("fourth", build_fourth_corpus),
        ("fifth", build_fifth_corpus),
        ("sixth", build_sixth_corpus),
        ("seventh", build_seventh_corpus),
    ]


def _digest(texts, found):
    digest = hashlib.sha256()
    spans = 0
    for i, (text, results) in enumerate(zip(texts, found)):
        digest.update(f"#{i}:{hashlib.sha256(text.encode()).hexdigest()[:16]}\n".encode())
        for start, end, entity, score in sorted((r.start, r.end, r.entity_type, round(r.score, 6)) for r in results):
            digest.update(f"{start},{end},{entity},{score:.6f}\n".encode())
            spans += 1
    return digest.hexdigest(), spans


def main(argv=None) -> int:
    from masking.analyzer import analyze_texts
    from masking.text import find_personal

    raw = "--raw" in (sys.argv[1:] if argv is None else argv)

    total = hashlib.sha256()
    for name, build in corpora():
        texts = [s.text for s in build()]
        start = time.process_time()
        found = find_personal(texts)
        cpu = time.process_time() - start
        digest, spans = _digest(texts, found)
        if raw:
            raw_digest, raw_spans = _digest(texts, analyze_texts(texts, threshold=0.0))
            total.update(f"{name} raw:{raw_digest}\n".encode())
            print(f"{name + ' raw':<14} {len(texts):>5} texts {raw_spans:>6} spans  {raw_digest[:32]}")
        total.update(f"{name}:{digest}\n".encode())
        print(f"{name:<14} {len(texts):>5} texts {spans:>6} spans  {digest[:32]}  ({cpu:.2f} s)")
    print(f"{'all':<14} {total.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
