"""`icp-tui import`: past accounts, prospects and deal history from CSV, a profile from JSON."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from icp_tui.commands.output import check_output_path, problem_lines, write_output
from icp_tui.commands.score import load_profile_file
from icp_tui.domain.column_mapping import (
    ColumnMapping,
    ImportKind,
    parse_map_options,
    plan_mapping,
)
from icp_tui.domain.csv_files import CsvTable, read_table
from icp_tui.domain.csv_import import ImportPlan, plan_import
from icp_tui.domain.deals import DealPlan, plan_deals
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.import_report import (
    CLI_MAP_HINT,
    counted,
    deal_lines,
    mapping_lines,
    plan_lines,
)
from icp_tui.domain.models import PROFILE_SIZE, PastAccount, Prospect
from icp_tui.domain.report import escape_controls, problems_csv
from icp_tui.store import WorkspaceStore

NAME = "import"

EXIT_OK = 0
EXIT_BAD_INPUT = 2

PROGRESS_FROM_ROWS = 10_000
"""Files with at least this many rows report progress on standard error."""

EPILOG = """\
Columns are matched by attribute key (annual_revenue), by label (Annual revenue), or by the
usual CRM header (HubSpot "Annual Revenue", Salesforce "AnnualRevenue", Pipedrive
"Organization - Annual revenue", "Country/Region", "BillingCountry", ...). Columns that feed
nothing are listed, never read.

--map COLUMN=KEY      read COLUMN as KEY (an attribute key, name, or a record field:
                      tier, profitability, relationship, renewals, referrals, notes for
                      accounts; stage, decision, decision_reason, notes for prospects;
                      account, stage, value, close_date, currency for deals)
--map COLUMN=KEY:UNIT the column's plain numbers are in UNIT: ones, thousands (k),
                      millions (m) or billions (bn); "5M" in a cell keeps its own unit
--map COLUMN=-        do not import COLUMN, and do not list it as unmapped

By default a file is imported whole or not at all: every problem is found (row, column,
value, reason) and nothing is written. The first 50 problems are printed, and
--problems PROBLEMS.csv writes all of them as CSV (row, column, value, reason). A row
whose name is already in the workspace updates that record; its blank cells leave the
stored values as they are. A dry run or a failed import does not create a missing store.

Deal files sum the won and lost deals of each past account (stages such as Won, Closed Won,
closedwon); open and deleted deals, and deals whose account is not in the workspace, are
counted and reported. Where a file has a status and a stage column, as Pipedrive's deal
export does, the status (won, lost, open, deleted) is read. Won values are summed as
written; a currency column only reports a file with more than one currency.

Example: icp-tui import accounts accounts.csv --map revenue=annual_revenue:millions
"""


def add_parser(subparsers: Any, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        NAME,
        parents=[parent],
        help="import accounts, prospects or deals from CSV, or a profile from JSON",
        description="Import past accounts, prospects or deal history from a CSV file, or the "
        "profile from a profile file (JSON).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("kind", choices=("accounts", "prospects", "deals", "profile"))
    parser.add_argument("file", metavar="FILE", help="CSV file, or FILE.json for a profile")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=KEY[:UNIT]",
        help="read COLUMN as KEY, with plain numbers in UNIT (see below); repeatable",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would be imported; write nothing"
    )
    parser.add_argument(
        "--problems",
        metavar="PROBLEMS.csv",
        help="write every problem found to PROBLEMS.csv (row, column, value, reason); "
        "written even when nothing is imported",
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows and report the others (default: import nothing when "
        "any row has a problem)",
    )


def run(args: argparse.Namespace, store: WorkspaceStore) -> int:
    path = Path(args.file)
    if args.kind == "profile":
        return _import_profile(args, path, store)
    check_output_path("--problems", args.problems, store.path, read_files=[path])
    kind: ImportKind = args.kind
    catalogue = store.catalogue()
    table = read_table(path)
    mapping = plan_mapping(table.headers, catalogue, kind, parse_map_options(args.map))
    progress = progress_printer(len(table.rows), sys.stderr)
    planned = plan_file(kind, table, mapping, store, progress)
    plan = planned.plan
    lines = mapping_lines(table, mapping)
    if mapping.unmapped():
        lines.append(f"({CLI_MAP_HINT})")
    lines += planned.lines
    print("\n".join(escape_controls(line) for line in lines))

    if args.problems is not None:
        write_output(
            problems_csv(plan.problems), args.problems, option="--problems", store_path=store.path
        )
    for line in problem_lines(plan.problems, args.problems):
        print(f"icp-tui: {line}", file=sys.stderr)
    if plan.problems and not args.skip_invalid:
        print(
            f"icp-tui: {path}: nothing was imported: {counted(len(plan.problems), 'problem')} "
            f"in {counted(plan.invalid_rows, 'row')}; fix them, or use --skip-invalid to "
            "import the other rows",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if args.dry_run:
        print("Dry run: nothing was written.")
        return EXIT_OK
    if not plan.records:
        print(nothing_to_save(kind, path, store))
        return EXIT_OK
    started = time.perf_counter()
    planned.save()
    store.flush()
    skipped = f", {counted(plan.invalid_rows, 'row')} skipped" if plan.problems else ""
    print(
        f"Imported {counted(len(plan.records), 'record')} into {store.path} in "
        f"{time.perf_counter() - started:.1f} s{skipped}."
    )
    return EXIT_OK


def nothing_to_save(kind: ImportKind, path: Path, store: WorkspaceStore) -> str:
    """Return why an import that passed its checks has no record to save."""
    if kind != "deals":
        return f"Nothing to import: {path} has no row to import; nothing was written."
    if store.account_count() == 0:
        return (
            "Nothing to update: the workspace has no past accounts to sum the deals for; "
            "import them first with `icp-tui import accounts FILE`. Nothing was written."
        )
    return (
        f"Nothing to update: no past account in {store.path} matches an account of {path}; "
        "nothing was written."
    )


@dataclass(frozen=True, slots=True)
class PlannedImport:
    """An import ready to run: the plan, its report lines and the write that applies it."""

    plan: ImportPlan[Any] | DealPlan
    lines: list[str]
    save: Callable[[], None]


def plan_file(
    kind: ImportKind,
    table: CsvTable,
    mapping: ColumnMapping,
    store: WorkspaceStore,
    progress: Callable[[int, int], None] | None = None,
) -> PlannedImport:
    """Plan importing `table` into `store`; the returned `save` writes all records at once."""
    catalogue = store.catalogue()
    if kind == "deals":
        deals = plan_deals(table, mapping, store.accounts(), progress)
        return PlannedImport(
            deals, deal_lines(deals), lambda: store.save_many(accounts=deals.updated)
        )
    if kind == "accounts":
        accounts = plan_import(table, mapping, catalogue, store.accounts(), PastAccount, progress)
        return PlannedImport(
            accounts,
            plan_lines(accounts, catalogue, "past accounts"),
            lambda: store.save_many(accounts=accounts.records, checked_against=catalogue),
        )
    prospects = plan_import(table, mapping, catalogue, store.prospects(), Prospect, progress)
    return PlannedImport(
        prospects,
        plan_lines(prospects, catalogue, "prospects"),
        lambda: store.save_many(prospects=prospects.records, checked_against=catalogue),
    )


def _import_profile(args: argparse.Namespace, path: Path, store: WorkspaceStore) -> int:
    if args.map or args.skip_invalid or args.problems:
        raise InvalidInput(
            "--map, --skip-invalid and --problems apply to CSV files, not to a profile"
        )
    profile = load_profile_file(path, store.catalogue())
    kinds = [c.dimension.value for c in profile.characteristics]
    print(
        escape_controls(
            f"{path}: profile {profile.name!r} with {counted(len(kinds), 'characteristic')} "
            f"({kinds.count('demographic')} demographic, {kinds.count('psychographic')} "
            "psychographic)."
        )
    )
    if len(kinds) != PROFILE_SIZE:
        print(
            f"Note: the method calls for {PROFILE_SIZE} characteristics, and this profile "
            f"has {len(kinds)}. It is imported as it is; `icp-tui check` reports the "
            "difference."
        )
    if args.dry_run:
        print("Dry run: nothing was written.")
        return EXIT_OK
    store.save_profile(profile)
    store.flush()
    print(f"Profile saved to {store.path}; it replaces the previous profile.")
    return EXIT_OK


def progress_printer(total: int, stream: TextIO) -> Callable[[int, int], None] | None:
    """Return a progress reporter for a file of `total` rows, or None for a small file.

    On a terminal one line is rewritten in place. Elsewhere a line is printed at most every
    tenth of the file, so logs get about ten lines.
    """
    if total < PROGRESS_FROM_ROWS:
        return None
    interactive = stream.isatty()
    step = max(total // 10, 1)
    last = 0

    def report(done: int, all_rows: int) -> None:
        nonlocal last
        if interactive:
            end = "\n" if done >= all_rows else ""
            stream.write(f"\rreading rows: {done:,} of {all_rows:,}{end}")
            stream.flush()
        elif done - last >= step or done >= all_rows:
            stream.write(f"reading rows: {done:,} of {all_rows:,}\n")
            last = done

    return report
