"""The sandbox's refusals, as typed errors of its own.

Each error carries the `code` and `http_status` that a caller is answered with, and the
shape of the gateway's own errors (`message`, `extensions`, `as_extensions()`), so that
the gateway answers them as it answers its own. Messages say what was refused and what
the researcher can do instead; they never echo host paths or data the researcher may not
see.
"""
from __future__ import annotations


class SandboxError(Exception):
    """Base of every refusal the sandbox gives on purpose."""

    code = "INTERNAL"
    http_status = 400

    def __init__(self, message: str, *, extensions: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extensions = dict(extensions or {})

    def as_extensions(self) -> dict:
        return {"code": self.code, **self.extensions}


class BadQuery(SandboxError):
    """SQL or a request the sandbox cannot take: unparsable, unknown names, nested too
    deeply to check, or failing while it runs on the data."""

    code = "BAD_INPUT"


class SessionNotFound(SandboxError):
    """No such session of the caller's, or a closed one."""

    code = "NOT_FOUND"
    http_status = 404


class SandboxForbidden(SandboxError):
    """A statement or function that reaches outside the sandbox or changes it."""

    code = "SANDBOX_FORBIDDEN"
    http_status = 403


class SandboxTimeout(SandboxError):
    """The query ran past the session's wall-clock limit and was stopped."""

    code = "SANDBOX_TIMEOUT"
    http_status = 408


class SandboxMemory(SandboxError):
    """The query needed more memory (or temporary disk) than the session has."""

    code = "SANDBOX_MEMORY"
    http_status = 422


class ResultTooLarge(SandboxError):
    """The result has more rows or bytes than may leave the sandbox at once."""

    code = "RESULT_TOO_LARGE"
    http_status = 413


class OutputCheckFailed(SandboxError):
    """The result was computed but may not leave the sandbox.

    `failures` lists every check that failed as (check, message) pairs; the
    extensions carry them as `failedChecks` so a client can offer to request a
    steward's review (see `Session.request_release`).
    """

    code = "OUTPUT_CHECK_FAILED"
    http_status = 403

    def __init__(self, failures: list[tuple[str, str]]):
        self.failures = list(failures)
        details = " ".join(message for _, message in self.failures)
        message = (
            f"The result may not leave the sandbox: {details} "
            "If you need this result as it is, request a release review by a data steward."
        )
        super().__init__(
            message,
            extensions={"failedChecks": [check for check, _ in self.failures]},
        )


class SessionExpired(SandboxError):
    """The session passed its expiry; its data has been deleted."""

    code = "SESSION_EXPIRED"
    http_status = 410


class SessionUnreadable(SessionNotFound):
    """The owner's session, opened by another process, whose database this process cannot
    open (damaged, or removed since): NOT_FOUND, saying so."""
