"""Page cursors of the open channel are sealed (Fernet, the key derived from the hash secret):
opaque, tamper-evident, and good only under the key that sealed them."""
from __future__ import annotations

import base64
import binascii
import dataclasses
import os

import pytest

from gateway.catalog.field_policies import cursor_key
from gateway.errors import BadInput
from gateway.modes.rows import SEALED, decode_cursor, encode_cursor
from tests.conftest import codes
from tests.test_conditional_open import ROWS, apply, approve, organisation

KEY = "440604199001011234"
SEAL = base64.urlsafe_b64encode(bytes(range(32)))
OTHER = base64.urlsafe_b64encode(os.urandom(32))


def _decoded(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return b""


def test_a_sealed_cursor_is_opaque_and_opens_under_its_key():
    cursor = encode_cursor(KEY, SEAL)
    assert cursor.startswith(SEALED) and KEY not in cursor
    assert KEY.encode() not in _decoded(cursor) and KEY.encode() not in _decoded(cursor[len(SEALED):])
    assert decode_cursor(cursor, SEAL) == KEY
    assert encode_cursor(KEY, SEAL) != cursor  # a fresh IV each time: equal keys look unrelated


@pytest.mark.parametrize("change", [
    lambda c: c[:len(SEALED) + 30] + ("A" if c[len(SEALED) + 30] != "A" else "B") + c[len(SEALED) + 31:],
    lambda c: c[:-6],
    lambda c: c[len(SEALED):],  # no prefix
    lambda c: c + "AAAA", lambda c: c + "\n", lambda c: c.replace("-", "+").replace("_", "/") + "-_",
    lambda c: SEALED + " " + c[len(SEALED):],
    lambda c: SEALED + "句" * 20,
])
def test_a_changed_cursor_is_refused(change):
    with pytest.raises(BadInput):
        decode_cursor(change(encode_cursor(KEY, SEAL)), SEAL)


def test_a_cursor_sealed_under_another_key_is_refused():
    with pytest.raises(BadInput):
        decode_cursor(encode_cursor(KEY, OTHER), SEAL)


def test_sealed_and_plain_cursors_do_not_stand_in_for_each_other():
    with pytest.raises(BadInput):
        decode_cursor(encode_cursor(KEY), SEAL)
    with pytest.raises(BadInput):
        decode_cursor(encode_cursor(KEY, SEAL))


def test_the_key_follows_the_hash_secret(gateway):
    settings = gateway.settings
    assert cursor_key(settings) == cursor_key(settings)
    other = dataclasses.replace(settings, hash_secret=(settings.hash_secret or "") + "-rotated")
    assert cursor_key(other) != cursor_key(settings)


def test_the_open_channel_takes_only_cursors_sealed_under_its_key(api, gateway):
    who = organisation(gateway, "lab-cursors")
    application = apply(api, who, "API", ["idNumber", "district"],
                        purpose="cursor-study")["data"]["applyForOpenData"]
    approve(api, application["id"], modes=["ROWS"])
    analyst = api(who)
    page = analyst.query(ROWS % ("cursor-study", 5, "", "district"))["data"]["socialInsurance"]["rows"]
    cursor = page["pageInfo"]["endCursor"]
    key = decode_cursor(cursor, cursor_key(gateway.settings))
    resealed = encode_cursor(key, cursor_key(gateway.settings))
    same = analyst.query(ROWS % ("cursor-study", 5, f', after: "{resealed}"', "district"))
    assert "errors" not in same, same
    foreign = encode_cursor(key, OTHER)
    refused = analyst.query(ROWS % ("cursor-study", 5, f', after: "{foreign}"', "district"))
    assert codes(refused) == ["BAD_INPUT"]
    assert "not a cursor this gateway gave out" in refused["errors"][0]["message"]
