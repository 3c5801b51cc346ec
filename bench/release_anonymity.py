"""k-anonymity of the demo's socialInsurance release over employer, start year and pay band.

    .venv/bin/python bench/release_anonymity.py [--people 10000 150000] [--k 5]

For each world size the demo's social_insurance rows are generated, masked by the demo's
open-channel field policies (gateway/demo/setup.py), and checked as a row-level release
is (masking/k_anonymity.py, the gateway's 5% suppression limit): it prints the share of unique
rows before and after, the steps taken, the rows suppressed, and the time of the check
(masking the three columns, then deciding) on one core.
"""
from __future__ import annotations

import argparse
import time

import pyarrow as pa

from gateway.catalog.datasets import Field, frozen_masking
from gateway.catalog.field_policies import OPEN, field_policy, quasi_identifier
from gateway.demo.data.insurance import social_insurance_rows
from gateway.demo.setup import DATASETS
from gateway.open_data.anonymity import MAX_SUPPRESSED_SHARE, texts
from masking.k_anonymity import anonymise
from masking.policies import mask_column

QUASI = ("employerCreditCode", "monthlyBase", "since")  # catalog order, as the gateway reads them


def demo_fields() -> dict[str, Field]:
    spec = next(d for d in DATASETS if d["code"] == "socialInsurance")
    return {f["name"]: Field(name=f["name"], column=f["column"], data_type=f["data_type"],
                             sensitivity=f["sensitivity"], description=f["description"],
                             identifier_kind=f.get("identifier_kind"),
                             masking=frozen_masking(f.get("masking")))
            for f in spec["fields"] if f["name"] in QUASI}


def run(people: int, k: int) -> None:
    fields = demo_fields()
    rows = list(social_insurance_rows(people))
    started = time.perf_counter()
    columns = {}
    for name, field in fields.items():
        policy = field_policy(field)
        raw = [r[field.column] for r in rows]
        columns[name] = pa.array(texts(mask_column(raw, policy.kind, policy.operator(OPEN))),
                                 type=pa.string())
    masked = time.perf_counter()
    quasi = [quasi_identifier(fields[n]) for n in QUASI]
    verdict = anonymise(pa.table(columns), quasi, k, max_suppressed_share=MAX_SUPPRESSED_SHARE)
    done = time.perf_counter()
    before, after = verdict.before, verdict.after
    print(f"{people:>8} people, {before.rows:>7} rows: unique {before.unique_share:6.1%} -> "
          f"{after.unique_share:.1%}; below k={k}: {before.rows_below_k / before.rows:6.1%} of rows; "
          f"steps {dict(after.levels)}; suppressed {after.suppressed_rows} "
          f"({after.suppressed_rows / before.rows:.1%}); classes {before.classes} -> {after.classes}; "
          f"mask {masked - started:.2f} s, decide {done - masked:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[10_000, 150_000])
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    for people in args.people:
        run(people, args.k)


if __name__ == "__main__":
    main()
