"""k-anonymity of row-level releases (masking.k_anonymity): classes measured, steps parsed and
taken, rows suppressed, and a verdict applied to batches as it was decided on the whole."""
from __future__ import annotations

import collections
import random

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masking.errors import BadMaskingInput
from masking.k_anonymity import (SUPPRESSED, Quasi, Step, anonymise, class_keys, measure,
                                 parse_steps)


def _table(rows: list[tuple], names=("employer", "year", "pay")) -> pa.Table:
    return pa.table({n: pa.array([r[i] for r in rows], type=pa.string()) for i, n in enumerate(names)})


def _classes(table: pa.Table, names) -> collections.Counter:
    return collections.Counter(zip(*(table.column(n).to_pylist() for n in names)))


def test_measure_counts_unique_rows_and_the_smallest_classes():
    rows = [("A", "2020", "1000-4999")] * 3 + [("A", "2021", "1000-4999")] + [("B", None, "0-999")] * 2
    report = measure(_table(rows), ["employer", "year", "pay"], k=3)
    assert (report.rows, report.classes, report.unique_rows, report.rows_below_k) == (6, 3, 1, 3)
    assert report.smallest == (1, 2, 3) and not report.holds
    assert report.unique_share == pytest.approx(1 / 6)
    assert measure(_table(rows), ["employer"], k=2).holds  # A: 4 rows, B: 2


def test_class_keys_tell_apart_values_that_join_alike():
    # "a|b" + "c" and "a" + "b|c" would collide under a plain separator; null is not "N" or ""
    keys = class_keys([pa.array(["a|b", "a", None, "N", ""]), pa.array(["c", "b|c", "x", "x", "x"])])
    assert len(set(keys.to_pylist())) == 5


@pytest.mark.parametrize("given_steps,expected", [
    ([{"truncate": 8}, {"truncate": 2}], (Step("truncate", 8), Step("truncate", 2))),
    ([{"band": 5}, {"suppressRare": True}], (Step("band", 5), Step("suppressRare"))),
    (None, ()),
])
def test_steps_parse(given_steps, expected):
    assert parse_steps(given_steps) == expected


@pytest.mark.parametrize("bad", [
    {"truncate": 8}, [{"truncate": 0}], [{"truncate": "8"}], [{"band": True}], [{"round": 2}],
    [{"truncate": 8, "band": 5}], [{"suppressRare": 1}], ["truncate"],
])
def test_steps_that_cannot_be_read_are_refused(bad):
    with pytest.raises(BadMaskingInput):
        parse_steps(bad)


@pytest.mark.parametrize("value,width,expected", [
    ("5234", 1000, "5000-5999"), ("5234.5", 1000, "5000-5999"), ("2017", 5, "2015-2019"),
    ("2020", 10, "2020-2029"), ("1000-4999", 10000, "0-9999"), ("5000-9999", 10000, "0-9999"),
    ("10000-49999", 10000, "10000-49999"), ("30-34", 10, "30-39"), ("90+", 20, "80+"),
    ("<0", 1000, "<0"), ("2017-03-05", 5, SUPPRESSED), ("abc", 5, SUPPRESSED), ("-5", 10, "-10--1"),
])
def test_band_coarsens_numbers_years_and_ranges(value, width, expected):
    verdict = anonymise(_table([(value,)] * 2, names=("v",)), [Quasi("v", (Step("band", width),))],
                        k=3, max_suppressed_share=0)
    assert verdict.recode({"v": pa.array([value])})["v"].to_pylist() == [expected]


def _insured(n: int, seed: int = 7) -> list[tuple]:
    """Rows like the demo's: many small employers, start years over 30 years, three pay bands."""
    rng = random.Random(seed)
    employers = [f"9144060{rng.randint(4, 8)}MA{rng.randrange(10**8):08d}" for _ in range(n // 6)]
    bands = ["1000-4999"] * 7 + ["5000-9999"] * 2 + ["10000-49999"]
    return [(rng.choice(employers) if rng.random() > 0.2 else None,
             str(2025 - int(30 * rng.random() ** 1.5)), rng.choice(bands)) for _ in range(n)]


DEMO_QUASI = [Quasi("employer", parse_steps([{"truncate": 8}, {"truncate": 2}])),
              Quasi("year", parse_steps([{"band": 5}, {"band": 10}])),
              Quasi("pay", parse_steps([{"band": 10000}]))]


def test_generalising_makes_every_released_class_hold_k():
    table = _table(_insured(3000))
    verdict = anonymise(table, DEMO_QUASI, k=5)
    assert verdict.before.unique_share > 0.5 and not verdict.before.holds
    recoded = verdict.recode({n: table.column(n) for n in table.column_names})
    kept = verdict.keep(recoded)
    released = pa.table(recoded).filter(kept)
    sizes = _classes(released, ["employer", "year", "pay"]).values()
    assert min(sizes) >= 5 and verdict.holds
    assert verdict.after.rows == released.num_rows == 3000 - verdict.after.suppressed_rows
    assert verdict.after.suppressed_rows <= 0.05 * 3000  # the steps sufficed before suppressing
    assert verdict.after.unique_rows == 0 and verdict.after.smallest[0] >= 5
    assert sum(verdict.after.levels.values()) >= 1
    employers = {e for e in recoded["employer"].to_pylist() if e}
    assert verdict.after.levels["employer"] == 0 or all(len(e) <= 8 for e in employers)


def test_a_verdict_cuts_batches_as_it_cut_the_whole():
    table = _table(_insured(2000, seed=3))
    verdict = anonymise(table, DEMO_QUASI, k=5)
    whole = verdict.recode({n: table.column(n) for n in table.column_names})
    whole_kept = pa.table(whole).filter(verdict.keep(whole)).to_pylist()
    batched = []
    for start in range(0, 2000, 333):
        batch = table.slice(start, 333)
        recoded = verdict.recode({n: batch.column(n) for n in batch.column_names})
        batched += pa.table(recoded).filter(verdict.keep(recoded)).to_pylist()
    assert batched == whole_kept


def test_a_class_the_verdict_never_counted_is_suppressed():
    rows = [("A", "2020", "1000-4999")] * 5
    verdict = anonymise(_table(rows), DEMO_QUASI, k=5)
    assert verdict.holds and verdict.after.levels == {"employer": 0, "year": 0, "pay": 0}
    later = _table(rows[:2] + [("Z-new-employer", "1999", "10000-49999")])
    recoded = verdict.recode({n: later.column(n) for n in later.column_names})
    assert verdict.keep(recoded).to_pylist() == [True, True, False]


def test_suppress_rare_keeps_values_frequent_in_the_whole_release():
    rows = [("A",)] * 6 + [("B",)] * 2 + [("C",)] + [(None,)] * 5
    verdict = anonymise(_table(rows, names=("employer",)),
                        [Quasi("employer", (Step("suppressRare"),))], k=5, max_suppressed_share=0)
    recoded = verdict.recode({"employer": pa.array(["A", "B", "C", None])})["employer"]
    assert recoded.to_pylist() == ["A", SUPPRESSED, SUPPRESSED, None]
    # B and C together make a class of 3 `*`: still below 5, so those rows are suppressed
    assert verdict.after.suppressed_rows == 3 and verdict.after.rows == 11


def test_without_steps_the_verdict_only_says_whether_it_holds():
    rows = [("A", "2020", "1000-4999")] * 5 + [("B", "2020", "1000-4999")]
    quasi = [Quasi("employer"), Quasi("year"), Quasi("pay")]
    verdict = anonymise(_table(rows), quasi, k=5, generalise=False)
    assert not verdict.holds and verdict.after.suppressed_rows == 0
    assert verdict.after.smallest == (1, 5) and verdict.after.unique_rows == 1
    # steps exist but generalising is off: nothing is recoded either
    assert not anonymise(_table(rows), DEMO_QUASI, k=5, generalise=False).holds


def test_an_empty_release_holds_and_a_release_without_quasi_identifiers_is_refused():
    assert anonymise(_table([]), DEMO_QUASI, k=5).holds
    with pytest.raises(BadMaskingInput):
        anonymise(_table([]), [], k=5)
    with pytest.raises(BadMaskingInput):
        anonymise(_table([]), DEMO_QUASI, k=0)


row = st.tuples(st.one_of(st.none(), st.sampled_from(["91440604AA", "91440604BB", "92440605CC",
                                                      "91440606DD", "x"])),
                st.sampled_from(["1996", "2003", "2011", "2019", "2024", "20x"]),
                st.sampled_from(["0-999", "1000-4999", "5000-9999", "10000-49999", "90+"]))


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(row, max_size=60), k=st.integers(2, 6),
       limit=st.sampled_from([0.0, 0.05, 0.5]))
def test_whatever_the_rows_what_is_kept_holds_k(rows, k, limit):
    table = _table(rows)
    verdict = anonymise(table, DEMO_QUASI, k=k, max_suppressed_share=limit)
    recoded = verdict.recode({n: table.column(n) for n in table.column_names})
    released = pa.table(recoded).filter(verdict.keep(recoded))
    sizes = _classes(released, ["employer", "year", "pay"])
    assert all(n >= k for n in sizes.values())
    assert released.num_rows == verdict.after.rows == len(rows) - verdict.after.suppressed_rows
    assert verdict.holds
    # a step is only taken while too many rows would otherwise be suppressed
    if sum(verdict.after.levels.values()) == 0:
        assert verdict.before.rows_below_k <= limit * len(rows) or not rows
