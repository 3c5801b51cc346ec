"""Ranges and gzip of streamed downloads (gateway.web.open_data_routes).

- ``Range: bytes=a-b`` (or ``a-``, ``-n``), one range: the whole body is encoded into a
  spooled temporary file (memory up to SPOOL_MEMORY, then disk) so that its length is known,
  and the range is answered ``206`` with ``Content-Range``, or ``416`` with
  ``Content-Range: bytes */length`` when it starts past the end. Several ranges, or a
  header that is not a byte range, are ignored: the whole body is answered ``200`` (as
  RFC 9110 allows). ``If-Range`` with anything but the answer's own ETag or Last-Modified
  also gets the whole body.
- Without a range, CSV and JSON bodies are gzipped as they stream when the client accepts
  gzip, under their own ETag (``…-gzip``) so that a client resuming a gzipped body with
  ``If-Range`` is given the whole body again, not identity bytes at a gzip offset.
"""
from __future__ import annotations

import re
import tempfile
import zlib
from typing import Iterable, Iterator

from starlette.responses import Response, StreamingResponse

SPOOL_MEMORY = 16 * 1024 * 1024
READ_SIZE = 64 * 1024
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def wanted_range(headers, etag: str, last_modified: str) -> tuple[int | None, int | None] | None:
    """The one byte range the request asks for and may have: (first, last), either None for
    an open end (``-n`` is (None, n): the last n bytes); None when the whole body is due."""
    found = _RANGE.fullmatch((headers.get("range") or "").strip())
    if not found or found[1] == found[2] == "":
        return None
    if_range = headers.get("if-range")
    if if_range is not None and if_range.strip() not in (etag, last_modified):
        return None
    first = int(found[1]) if found[1] else None
    last = int(found[2]) if found[2] else None
    if first is not None and last is not None and last < first:
        return None  # not a valid range: ignored
    return first, last


def accepts_gzip(headers) -> bool:
    for part in (headers.get("accept-encoding") or "").lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() == "gzip":
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def gzip_etag(etag: str) -> str:
    return etag[:-1] + '-gzip"' if etag.endswith('"') else etag + "-gzip"


def gzipped(chunks: Iterable[bytes]) -> Iterator[bytes]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
    for chunk in chunks:
        out = compressor.compress(chunk)
        if out:
            yield out
    yield compressor.flush()


def range_response(chunks: Iterable[bytes], wanted: tuple[int | None, int | None],
                   media_type: str, headers: dict) -> Response:
    """The body of `chunks` spooled, then the wanted range of it (206) or 416."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)
    try:
        for chunk in chunks:
            spool.write(chunk)
        total = spool.tell()
        first, last = wanted
        if first is None:  # the last `last` bytes
            first, last = max(total - (last or 0), 0), total - 1
        else:
            last = total - 1 if last is None else min(last, total - 1)
        if first >= total or last < first:
            spool.close()
            return Response(status_code=416, headers={**headers,
                                                      "Content-Range": f"bytes */{total}"})
    except BaseException:
        spool.close()
        raise
    spool.seek(first)
    length = last - first + 1
    return StreamingResponse(_read(spool, length), status_code=206, media_type=media_type,
                             headers={**headers, "Content-Range": f"bytes {first}-{last}/{total}",
                                      "Content-Length": str(length)})


def _read(spool, length: int) -> Iterator[bytes]:
    try:
        while length > 0:
            data = spool.read(min(READ_SIZE, length))
            if not data:
                return
            length -= len(data)
            yield data
    finally:
        spool.close()
