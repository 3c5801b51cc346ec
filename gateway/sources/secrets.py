"""The password of a source database, never kept in plain text in the store.

A source's password is one of:

- named: ``env:NAME`` is the variable ``DATAGATE_SOURCE_SECRET_NAME``, read once at start
  (Settings.source_secrets); ``file:NAME`` is the file NAME in ``DATAGATE_SOURCE_SECRETS_DIR``,
  read at every new connection, so that a rotated file needs no restart;
- sealed: encrypted with Fernet under ``DATAGATE_SOURCE_KEY`` (when unset, a key generated
  once into the data directory: single-host use; several hosts must share the variable).

A steward names only their own department's secrets (NAME starts with the department's
code), so that nobody points a URL of theirs at another department's password.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from gateway.errors import BadInput, Forbidden, SourceUnavailable
from gateway.settings import SOURCE_SECRET_PREFIX, Settings

_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]{0,99}$")
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
KEY_FILE = "source-key"


@dataclasses.dataclass(frozen=True)
class SecretRef:
    """``env:NAME`` or ``file:NAME``."""

    kind: str  # "env" | "file"
    name: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"


def parse_ref(text: str) -> SecretRef:
    """A secret reference as written by a steward; BAD_INPUT saying the forms if it is none."""
    kind, _, name = (text or "").strip().partition(":")
    if kind == "env" and _ENV_NAME.match(name):
        return SecretRef("env", name)
    if kind == "file" and _FILE_NAME.match(name) and ".." not in name:
        return SecretRef("file", name)
    raise BadInput("a source password is named as env:NAME (the variable "
                   f"{SOURCE_SECRET_PREFIX}NAME, capitals, digits and _) or file:NAME (a file "
                   "in DATAGATE_SOURCE_SECRETS_DIR: letters, digits, . _ -, no path)")


def require_own_ref(ref: SecretRef, department: str, authority: bool,
                    departments: tuple[str, ...] = ()) -> None:
    """A steward names only secrets of their department: NAME starts with its code and a
    separator, and with no longer code of another department (``departments``: every
    department's code), so that a steward of ``gongan`` cannot name ``GONGAN_JIAOJING_DB``."""
    if authority:
        return
    owner = max((code for code in {*departments, department}
                 if ref.name.startswith(_prefixes(ref, code))), key=len, default=None)
    if owner != department:
        prefix = _prefixes(ref, department)[0]
        example = f"env:{prefix}DB" if ref.kind == "env" else f"file:{department}-db.password"
        raise Forbidden(f"a steward of {department} names only its own secrets, whose name "
                        f"starts with {prefix!r} (e.g. {example}); ask the data authority for "
                        "any other")


def _prefixes(ref: SecretRef, department: str) -> tuple[str, ...]:
    if ref.kind == "env":
        return (department.upper().replace("-", "_") + "_",)
    return tuple(department + sep for sep in "-_.")


class SourceSecrets:
    """Reads named passwords and seals or unseals stored ones."""

    def __init__(self, settings: Settings):
        self._env = dict(settings.source_secrets)
        self._dir = settings.source_secrets_dir
        self._key = settings.source_key
        self._data_dir = settings.data_dir
        self._fernet: Fernet | None = None

    def check_usable(self, ref: SecretRef) -> None:
        """Refuse a reference this gateway cannot read, saying how to provide it."""
        if ref.kind == "env" and ref.name not in self._env:
            raise BadInput(f"{ref} names {SOURCE_SECRET_PREFIX}{ref.name}, which this gateway "
                           "was not started with; set it on every gateway host and restart, "
                           "or use file:NAME or a sealed password")
        if ref.kind == "file":
            self._file(ref)

    def named(self, ref: SecretRef) -> str:
        """The password a reference names, read now (a file is read anew each time)."""
        if ref.kind == "env":
            value = self._env.get(ref.name)
            if value is None:
                raise SourceUnavailable(f"the source password {ref} is not set: start the "
                                        f"gateway with {SOURCE_SECRET_PREFIX}{ref.name}")
            return value
        try:
            return self._file(ref).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError:
            raise SourceUnavailable(f"the source password file {ref.name} cannot be read in "
                                    "DATAGATE_SOURCE_SECRETS_DIR; check that it exists and "
                                    "that the gateway may read it") from None

    def _file(self, ref: SecretRef) -> Path:
        if self._dir is None:
            raise BadInput(f"{ref} names a file, but DATAGATE_SOURCE_SECRETS_DIR is not set; "
                           "set it to the directory of source password files (mounted "
                           "secrets), or use env:NAME or a sealed password")
        folder = self._dir.resolve()
        path = (folder / ref.name).resolve()
        if path.parent != folder:
            raise BadInput(f"{ref} is not a file directly in DATAGATE_SOURCE_SECRETS_DIR")
        return path

    def seal(self, password: str) -> str:
        return self._cipher().encrypt(password.encode("utf-8")).decode("ascii")

    def unseal(self, token: str) -> str:
        try:
            return self._cipher().decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise SourceUnavailable(
                "a sealed source password cannot be opened with this gateway's source key "
                "(DATAGATE_SOURCE_KEY differs between hosts, or was changed); set the same key "
                "on every host, or set the password again (setSourcePassword)") from None

    def _cipher(self) -> Fernet:
        if self._fernet is None:
            key = self._key or _stored_key(self._data_dir)
            try:
                self._fernet = Fernet(key.encode("ascii"))
            except ValueError:
                raise SourceUnavailable("DATAGATE_SOURCE_KEY is not a Fernet key (32 bytes, "
                                        "url-safe base64); make one with `python -c \"from "
                                        "cryptography.fernet import Fernet; "
                                        "print(Fernet.generate_key().decode())\"`") from None
        return self._fernet


def _stored_key(data_dir: Path) -> str:
    """A Fernet key generated once into the data directory (one host only: several hosts must
    share DATAGATE_SOURCE_KEY, or each would seal with a key of its own)."""
    path = data_dir / KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(Fernet.generate_key().decode("ascii"))
        path.chmod(0o600)
    return path.read_text().strip()
