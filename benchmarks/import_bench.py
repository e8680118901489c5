"""Benchmark: importing a 100,000-row CRM export against parsing it with the csv module.

Target: reading the file into checked records takes at most 2 times what `csv.reader` takes
to parse the same file. Saving the records to a store is timed apart, because the store's
write cost is measured by its own benchmark.

Run from the repository root: `python benchmarks/import_bench.py [--rows N] [--repeats N] [--save]`.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from icp_tui.domain.attributes import STANDARD_CATALOGUE, Catalogue
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


def import_records(path: Path, catalogue: Catalogue = STANDARD_CATALOGUE) -> list[PastAccount]:
    table = read_table(path)
    mapping = plan_mapping(table.headers, catalogue, "accounts")
    plan = plan_import(table, mapping, catalogue, (), PastAccount)
    assert not plan.problems, plan.problems[:3]
    return plan.records


def time_once(action: Callable[[], object]) -> tuple[float, float]:
    """Return the wall-clock and the CPU time of one call, in seconds."""
    started, cpu_started = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - started, time.process_time() - cpu_started


def time_save(folder: Path, path: Path, trusted: bool) -> float:
    """Time saving the imported records to a new store, closing (and so writing) it included."""
    store_path = folder / f"store-{trusted}.json"
    store_path.unlink(missing_ok=True)
    store = WorkspaceStore.open(store_path)
    records = import_records(path, store.catalogue())
    started = time.perf_counter()
    with store:
        store.save_many(accounts=records, checked_against=store.catalogue() if trusted else None)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--save", action="store_true", help="also time saving to a new store")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        write_export(path, args.rows)
        # Each run times the floor and the import back to back, so a burst of load from
        # other programs hits both. The ratio is the median of the runs' ratios. CPU time
        # (`time.process_time`) leaves out waiting for a busy CPU, so it moves less with
        # the machine's load than wall-clock time.
        load = os.getloadavg()[0]
        floors, tables, imports = [], [], []
        for _ in range(args.repeats):
            floors.append(time_once(lambda: parse_with_csv(path)))
            tables.append(time_once(lambda: read_table(path)))
            imports.append(time_once(lambda: import_records(path)))
        print(f"machine: {platform.processor() or platform.machine()}, {platform.python_version()}")
        print(f"load average before the runs: {load:.2f}")
        print(f"rows: {args.rows:,} ({path.stat().st_size / 1e6:.1f} MB), {args.repeats} runs")
        print("medians, wall clock / CPU:")
        for label, times in [
            ("csv.reader parse (floor)", floors),
            ("read_table (decode, sniff, parse, drop blank rows)", tables),
            ("import into checked records", imports),
        ]:
            wall = statistics.median(t[0] for t in times)
            cpu = statistics.median(t[1] for t in times)
            print(f"  {label}: {wall:.3f} s / {cpu:.3f} s")
        for clock, position in (("wall clock", 0), ("CPU", 1)):
            ratios = [
                run[position] / floor[position] for run, floor in zip(imports, floors, strict=True)
            ]
            print(
                f"ratio ({clock}): median {statistics.median(ratios):.2f}, "
                f"min {min(ratios):.2f}, max {max(ratios):.2f} (target <= 2.00)"
            )
        if args.save:
            for trusted in (False, True):
                saved = statistics.median(time_save(Path(folder), path, trusted) for _ in range(3))
                checks = "without a second validation" if trusted else "validating every record"
                print(f"saving to a new store, {checks} (not in the ratio): {saved:.3f} s")


if __name__ == "__main__":
    main()
