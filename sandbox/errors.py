"""The sandbox's refusals, as typed gateway errors.

Each error carries the `code` that reaches HTTP and GraphQL callers. Messages
say what was refused and what the researcher can do instead; they never echo
host paths or data the researcher may not see.
"""
from __future__ import annotations

from gateway.errors import DatagateError, NotFound


class SandboxForbidden(DatagateError):
    """A statement or function that reaches outside the sandbox or changes it."""

    code = "SANDBOX_FORBIDDEN"
    http_status = 403


class SandboxTimeout(DatagateError):
    """The query ran past the session's wall-clock limit and was stopped."""

    code = "SANDBOX_TIMEOUT"
    http_status = 408


class SandboxMemory(DatagateError):
    """The query needed more memory (or temporary disk) than the session has."""

    code = "SANDBOX_MEMORY"
    http_status = 422


class ResultTooLarge(DatagateError):
    """The result has more rows or bytes than may leave the sandbox at once."""

    code = "RESULT_TOO_LARGE"
    http_status = 413


class OutputCheckFailed(DatagateError):
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


class SessionExpired(DatagateError):
    """The session passed its expiry; its data has been deleted."""

    code = "SESSION_EXPIRED"
    http_status = 410


class SessionUnreadable(NotFound):
    """The owner's session, opened by another process, whose database this process cannot
    open (damaged, or removed since): NOT_FOUND, saying so."""
