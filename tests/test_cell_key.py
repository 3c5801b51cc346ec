"""The cell key noise and the dominance rule's shortcut, as functions (gateway.modes.cell_key,
gateway.modes.dominance); tests/test_stats_disclosure.py attacks them over HTTP."""
from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.modes import dominance
from gateway.catalog.datasets import Dataset
from gateway.modes.cell_key import CELL_KEY_MODULUS, CellNoise, noise_for, sqlite_record_key
from gateway.catalog.disclosure import DisclosureRules


def _noise(spread=2, share=0.1) -> CellNoise:
    return CellNoise(count_spread=spread, magnitude_share=share, seed=7, magnitude_key=b"k" * 32)


def _first_key_with(noise: CellNoise, offset: int) -> int:
    """The smallest cell key whose offset is at least `offset` (offsets rise with the key)."""
    low, high = 0, CELL_KEY_MODULUS
    while low < high:
        middle = (low + high) // 2
        if noise.count_offset(middle) >= offset:
            high = middle
        else:
            low = middle + 1
    return low


def test_count_noise_is_uniform_on_minus_d_to_d_with_mean_zero():
    for spread in (0, 1, 2, 3, 10):
        noise = _noise(spread)
        # how many of the 2^32 cell keys give each offset, read off the inverse CDF's steps
        starts = [_first_key_with(noise, v) for v in range(-spread, spread + 2)]
        shares = {v: starts[i + 1] - starts[i] for i, v in enumerate(range(-spread, spread + 1))}
        assert sum(shares.values()) == CELL_KEY_MODULUS
        assert max(shares.values()) - min(shares.values()) <= 1
        assert abs(sum(v * c for v, c in shares.items())) / CELL_KEY_MODULUS < 1e-8
        assert noise.count_offset(0) == -spread and noise.count_offset(CELL_KEY_MODULUS - 1) == spread


def test_a_released_count_is_within_d_and_never_below_the_threshold():
    noise = _noise(2)
    for n in range(5, 12):
        for cell_key in range(0, CELL_KEY_MODULUS, CELL_KEY_MODULUS // 97):
            released = noise.count(n, cell_key, 5)
            assert abs(released - n) <= 2 and released >= 5
    assert _noise(0).count(7, 123456789, 5) == 7


@given(cell_key=st.integers(0, CELL_KEY_MODULUS - 1), total=st.floats(-1e9, 1e9),
       largest=st.floats(0, 1e9), field=st.sampled_from(["pay", "bonus", "monthlyBase"]))
@settings(max_examples=300, derandomize=True)
def test_a_released_sum_is_within_m_x1_and_never_closer_than_half(cell_key, total, largest, field):
    noise = _noise(2, 0.1)
    error = abs(noise.total(total, largest, cell_key, field) - total)
    assert 0.05 * largest * (1 - 1e-9) - 1e-6 <= error <= 0.1 * largest * (1 + 1e-9) + 1e-6
    assert noise.total(total, largest, cell_key, field) == noise.total(total, largest, cell_key, field)


def test_two_fields_of_one_cell_get_independent_signs_and_sizes():
    noise = _noise()
    pairs = [(noise.eta(k, "pay"), noise.eta(k, "bonus")) for k in range(0, 2 ** 32, 2 ** 22)]
    assert all(0.5 <= abs(a) < 1 and 0.5 <= abs(b) < 1 for a, b in pairs)
    same_sign = sum((a > 0) == (b > 0) for a, b in pairs) / len(pairs)
    assert 0.4 < same_sign < 0.6
    assert 0.4 < sum(a > 0 for a, _ in pairs) / len(pairs) < 0.6


def test_keys_are_derived_per_dataset_and_differ_by_secret():
    def dataset(code):
        return Dataset(code=code, name="", description="", owner_department="d", share_type="NONE",
                       open_type="NONE", source_code=None, table_name=None, key_field="k",
                       min_group_size=5, status="PUBLISHED", version=1, fields=(),
                       disclosure=DisclosureRules())

    a, b = noise_for("secret", dataset("a")), noise_for("secret", dataset("b"))
    assert a.seed != b.seed and a.magnitude_key != b.magnitude_key
    assert noise_for("other", dataset("a")).seed != a.seed
    assert 0 <= a.seed < 2 ** 63 and noise_for("secret", dataset("a")) == a


def test_sqlite_record_keys_are_32_bit_deterministic_and_keyed():
    connection = sqlite3.connect(":memory:")
    connection.create_function("rk", 2, sqlite_record_key, deterministic=True)
    keys = [connection.execute("SELECT rk(?, ?)", (value, 42)).fetchone()[0]
            for value in ("440604199001011234", 17, None, "17")]
    assert keys[2] is None and keys[1] == keys[3], "an INT key hashes as its text"
    assert all(0 <= k < 2 ** 32 for k in (keys[0], keys[1]))
    assert connection.execute("SELECT rk(?, ?)", ("440604199001011234", 43)).fetchone()[0] != keys[0]
    assert sqlite_record_key("440604199001011234", 42) == keys[0]


@given(values=st.lists(st.floats(0, 1e6), min_size=1, max_size=12), n=st.integers(1, 5),
       k=st.floats(1, 100))
@settings(max_examples=500, derandomize=True)
def test_the_dominance_shortcut_never_contradicts_the_rule(values, n, k):
    largest_n = sorted(values, reverse=True)[:n]
    truth = dominance.dominated(largest_n, sum(values), k)
    found = dominance.verdict(max(values), sum(values), n, k)
    assert found is None or found == truth
    if n == 1:
        assert found is not None
