"""Masking's refusals, as typed errors of its own.

Each error carries the `code` and `http_status` that a caller is answered with, and the
shape of the gateway's own errors (`message`, `extensions`, `as_extensions()`), so that
the gateway answers them as it answers its own.
"""
from __future__ import annotations


class MaskingError(Exception):
    """Base of every refusal masking gives on purpose."""

    code = "INTERNAL"
    http_status = 400

    def __init__(self, message: str, *, extensions: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extensions = dict(extensions or {})

    def as_extensions(self) -> dict:
        return {"code": self.code, **self.extensions}


class BadMaskingInput(MaskingError):
    """An operator masking does not know, a missing or unfit key, or a value that cannot
    be decrypted with the key given."""

    code = "BAD_INPUT"
