"""Benchmark: importing a 100,000-row CRM export against parsing it with the csv module.

Target: reading the file into checked records takes at most 2 times what `csv.reader` takes
to parse the same file. Saving the records to a store is timed apart, because the store's
write cost is measured by its own benchmark.

Run from the repository root: `python benchmarks/import_bench.py [--rows N] [--save]`.
"""

from __future__ import annotations

import argparse
import csv
import io
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from icp_tui.domain.attributes import STANDARD_CATALOGUE
from icp_tui.domain.column_mapping import plan_mapping
from icp_tui.domain.csv_files import read_table
from icp_tui.domain.csv_import import plan_import
from icp_tui.domain.models import PastAccount
from icp_tui.store import WorkspaceStore

HEADERS = [
    "Company name",
    "Industry",
    "Annual Revenue",
    "Number of Employees",
    "Country/Region",
    "Partnership",
    "tier",
    "renewals",
    "notes",
    "Owner",
]
INDUSTRIES = ["Software", "Healthcare", "Retail", "Manufacturing", "Finance", "Biotech"]
COUNTRIES = ["United States", "Germany", "France", "United Kingdom", "Japan", "Brazil"]
TIERS = ["best", "near_miss", "poor", "other"]


def write_export(path: Path, rows: int, seed: int = 7) -> None:
    """Write a CRM-like export: revenue and headcount written as people write them."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for number in range(rows):
            revenue = rng.choice(
                [
                    f"${rng.randint(1, 900)}M",
                    f"{rng.randint(100_000, 90_000_000):,}",
                    str(rng.randint(100_000, 90_000_000)),
                    f"{rng.randint(1, 90)}.{rng.randint(0, 9)} million",
                ]
            )
            writer.writerow(
                [
                    f"Company {number:06d}",
                    rng.choice(INDUSTRIES),
                    revenue,
                    f"{rng.randint(5, 50_000):,}",
                    rng.choice(COUNTRIES),
                    rng.choice(["", "1", "2", "3", "4", "5"]),
                    rng.choice(TIERS),
                    str(rng.randint(0, 9)),
                    rng.choice(["", 'Renewed twice, "great" sponsor', "Lost on price"]),
                    rng.choice(["Ana", "Bo", "Chen"]),
                ]
            )


def parse_with_csv(path: Path) -> int:
    text = path.read_bytes().decode("utf-8")
    return sum(1 for _ in csv.reader(io.StringIO(text, newline="")))


def import_records(path: Path) -> int:
    table = read_table(path)
    mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "accounts")
    plan = plan_import(table, mapping, STANDARD_CATALOGUE, (), PastAccount)
    assert not plan.problems, plan.problems[:3]
    return len(plan.records)


def median_time(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--save", action="store_true", help="also time saving to a new store")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        write_export(path, args.rows)
        floor = median_time(lambda: parse_with_csv(path), args.repeats)
        table_only = median_time(lambda: read_table(path), args.repeats)
        imported = median_time(lambda: import_records(path), args.repeats)
        print(f"machine: {platform.processor() or platform.machine()}, {platform.python_version()}")
        print(f"rows: {args.rows:,} ({path.stat().st_size / 1e6:.1f} MB)")
        print(f"csv.reader parse (floor): {floor:.3f} s")
        print(f"read_table (decode, sniff, parse, drop blank rows): {table_only:.3f} s")
        print(f"import into checked records: {imported:.3f} s")
        print(f"ratio: {imported / floor:.2f} (target <= 2.00)")
        if args.save:
            table = read_table(path)
            mapping = plan_mapping(table.headers, STANDARD_CATALOGUE, "accounts")
            plan = plan_import(table, mapping, STANDARD_CATALOGUE, (), PastAccount)
            started = time.perf_counter()
            with WorkspaceStore.open(Path(folder) / "store.json") as store:
                store.save_many(accounts=plan.records)
            saved = time.perf_counter() - started
            print(f"saving to a new store (not in the ratio): {saved:.3f} s")


if __name__ == "__main__":
    main()
