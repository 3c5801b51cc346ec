"""The README's demo is runnable as written: its sample key is the demo citizen of the world
`datagate serve --demo` makes (10,000 people), whose record minzheng-app may look up and whose
"who looked me up" the console shows."""
from __future__ import annotations

import re
from pathlib import Path

from gateway.demo.data.people import population_rows
from gateway.identifiers import is_valid_id_number

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_sample_key_is_the_demo_citizen_of_a_new_demo_world():
    keys = re.findall(r'\{"id": "(\d{17}[\dX])"\}', README.read_text(encoding="utf-8"))
    assert keys, "the README gives no sample key for the demo lookup"
    people = list(population_rows(10_000))  # serve --demo's default
    citizen = min(p["id_number"] for p in people)  # gateway.demo.setup._first_person
    assert set(keys) == {citizen} and is_valid_id_number(citizen)
    name = next(p["name"] for p in people if p["id_number"] == citizen)
    assert name in README.read_text(encoding="utf-8")
