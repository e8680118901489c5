"""Import reports in words: the column mapping, what would be written, what was left out.

The command line prints these lines and the app shows the same lines.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from icp_tui.domain.attributes import AttributeType, Catalogue
from icp_tui.domain.column_mapping import ColumnMapping, header_label
from icp_tui.domain.csv_files import CsvTable
from icp_tui.domain.csv_import import ImportPlan
from icp_tui.domain.deals import DealPlan

CATEGORY_VALUES_SHOWN = 12
"""Distinct values listed per category column; the rest are counted."""

SMALL_REVENUE = 10_000
"""Annual revenues all below this suggest a column written in thousands or millions."""


CLI_MAP_HINT = "map one with --map COLUMN=KEY, or silence it with --map COLUMN=-"


def mapping_lines(table: CsvTable, mapping: ColumnMapping, *, columns: bool = True) -> list[str]:
    """Return the file's shape, each column with what it feeds (unless `columns` is False),
    the unmapped columns and the notes on columns left out."""
    lines = [f"{table.path}: {table.describe()}"]
    if columns:
        lines.append("Columns:")
        for index in range(len(table.headers)):
            lines.append(f"  {header_label(table.headers, index)} -> {mapping.describe(index)}")
    unmapped = mapping.unmapped()
    if unmapped:
        lines.append(f"Not imported: {', '.join(unmapped)}")
    lines += [f"Note: {note}" for note in mapping.notes]
    return lines


def plan_lines(plan: ImportPlan[Any], catalogue: Catalogue, noun: str) -> list[str]:
    """Return what importing would write, with the category values as they are written."""
    lines = [
        f"{noun.capitalize()}: {len(plan.created):,} new, {len(plan.updated):,} updated, "
        f"{counted(plan.invalid_rows, 'row')} with problems."
    ]
    lines += _unit_hints(plan)
    for index, key in plan.mapping.targets.items():
        attribute = catalogue.get(key)
        if attribute is None or attribute.type is not AttributeType.CATEGORY:
            continue
        values = Counter(str(r.traits[key]) for r in plan.records if key in r.traits)
        if not values:
            continue
        shown = ", ".join(f"{v} ({n})" for v, n in sorted(values.items())[:CATEGORY_VALUES_SHOWN])
        more = len(values) - CATEGORY_VALUES_SHOWN
        rest = f", and {more} more" if more > 0 else ""
        lines.append(
            f"Values of {key} as written in {header_label(plan.table.headers, index)!r}: "
            f"{shown}{rest}"
        )
    return lines


def _unit_hints(plan: ImportPlan[Any]) -> list[str]:
    index = plan.mapping.column_of("annual_revenue")
    if index is None or index in plan.mapping.units:
        return []
    revenues = [r.traits["annual_revenue"] for r in plan.records if "annual_revenue" in r.traits]
    if not revenues or max(revenues) >= SMALL_REVENUE:
        return []
    header = header_label(plan.table.headers, index)
    return [
        f"Check: every annual_revenue in {header!r} is below {SMALL_REVENUE:,}. If the "
        "column is in millions, map it as annual_revenue:millions (or :thousands)."
    ]


def deal_lines(plan: DealPlan) -> list[str]:
    """Return the deals summed per account and every group of deals left out."""
    lines = [
        f"Deals: {plan.won:,} won and {plan.lost:,} lost, summed for "
        f"{counted(len(plan.updated), 'account')}; {counted(plan.invalid_rows, 'row')} "
        "with problems."
    ]
    open_deals = sum(plan.open_by_stage.values())
    if open_deals:
        stages = ", ".join(f"{s} {n:,}" for s, n in plan.open_by_stage.most_common())
        lines.append(f"Open deals, not counted: {open_deals:,} ({stages}).")
    if plan.deleted:
        lines.append(f"Deleted deals, not counted: {plan.deleted:,}.")
    if plan.without_account:
        lines.append(f"Deals without an account, not counted: {plan.without_account:,}.")
    if plan.unmatched:
        names = ", ".join(f"{name} ({n})" for name, n in plan.unmatched.most_common(10))
        more = len(plan.unmatched) - 10
        rest = f", and {more} more" if more > 0 else ""
        lines.append(
            f"Deals whose account is not in the workspace, not counted: "
            f"{sum(plan.unmatched.values()):,} for {counted(len(plan.unmatched), 'name')}: "
            f"{names}{rest}."
        )
    if len(plan.currencies) > 1:
        mix = ", ".join(f"{code} {n:,}" for code, n in sorted(plan.currencies.items()))
        lines.append(
            f"Won deals are in {len(plan.currencies)} currencies ({mix}); their values are "
            "summed as written, without conversion."
        )
    return lines


def counted(count: int, noun: str) -> str:
    """Return "1 row" or "2,000 rows": the count with the noun in the right number."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
