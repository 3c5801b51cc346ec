"""Full-width ASCII (Ａ１２＠, the ideographic space) folded to half-width, one character for one.

Not NFKC: it also turns one character into several (ﬁ, ½, ㎡ …) and joins a letter and a
combining mark into one, and the analyzer's spans must keep the offsets of the text given;
and it reads ² as 2 and ① as 1, where a compare must say true only for the same value
written in either width.
"""
from __future__ import annotations

_HALF_WIDTH = {0x3000: " ", **{code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}}


def fold_width(text: str) -> str:
    return text if text.isascii() else text.translate(_HALF_WIDTH)
