"""Deal history: won and lost deals per past account, from a CRM's opportunity export.

Each row is one deal with an account, a stage, a value and a close date. Won and lost
deals are summed per account (`DealSummary`). Open and deleted deals, and deals whose
account is blank or not in the workspace, are counted and reported but never attached
to a guessed account.
Importing a file sets the summary of every account it names, so importing the same file
twice gives the same result.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from icp_tui.domain.column_mapping import ColumnMapping, header_label
from icp_tui.domain.csv_files import CsvTable, Problem
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.models import DealSummary, PastAccount
from icp_tui.domain.numbers import NumberFormatError, parse_amount

WON_STAGES = frozenset({"won", "closedwon", "closewon", "dealwon"})
LOST_STAGES = frozenset({"lost", "closedlost", "closelost", "deallost"})
"""Stages as HubSpot ("closedwon"), Salesforce ("Closed Won") and Pipedrive ("won") write
them, compared in lower case with letters and digits only."""

DELETED_STAGES = frozenset({"deleted"})
"""Statuses of deals deleted in the CRM, such as Pipedrive's "deleted": neither open nor
closed, so never counted."""

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:[T ].*)?$")


@dataclass(slots=True)
class DealPlan:
    """The outcome of importing a deal file: summaries per account and the deals left out."""

    table: CsvTable
    mapping: ColumnMapping
    updated: list[PastAccount] = field(default_factory=list)
    won: int = 0
    lost: int = 0
    open_by_stage: Counter[str] = field(default_factory=Counter)
    deleted: int = 0
    without_account: int = 0
    unmatched: Counter[str] = field(default_factory=Counter)
    """Account names not in the workspace, with their number of deals."""
    problems: list[Problem] = field(default_factory=list)
    invalid_rows: int = 0
    currencies: Counter[str] = field(default_factory=Counter)
    """Currency codes of the won deals summed, in upper case, with their counts."""

    @property
    def records(self) -> list[PastAccount]:
        return self.updated


@dataclass(slots=True)
class _Tally:
    account: PastAccount
    won: int = 0
    lost: int = 0
    won_value: Decimal = Decimal(0)
    last_close: date | None = None


def stage_outcome(stage: str) -> str | None:
    """Return "won", "lost", "deleted", or None for an open or unknown stage."""
    canonical = "".join(ch for ch in stage.casefold() if ch.isalnum())
    if canonical in WON_STAGES:
        return "won"
    if canonical in LOST_STAGES:
        return "lost"
    if canonical in DELETED_STAGES:
        return "deleted"
    return None


def plan_deals(
    table: CsvTable,
    mapping: ColumnMapping,
    accounts: Iterable[PastAccount],
    progress: Callable[[int, int], None] | None = None,
) -> DealPlan:
    """Sum the won and lost deals of each of `accounts` named in the file.

    Raise InvalidInput when the file has no account or no stage column.
    """
    account_index = mapping.column_of("account")
    stage_index = mapping.column_of("stage")
    missing = [
        target
        for target, index in (("account", account_index), ("stage", stage_index))
        if index is None
    ]
    if account_index is None or stage_index is None:
        raise InvalidInput(
            f"{table.path}: no deal {' or '.join(missing)} column found; map one with "
            f"--map COLUMN={missing[0]}"
        )
    # NOTE: won values are summed whatever their currency, with no conversion. A currency
    # column, such as Pipedrive's "Deal - Currency", is read only to report a mix.
    value_index = mapping.column_of("value")
    currency_index = mapping.column_of("currency")
    date_index = mapping.column_of("close_date")
    unit = mapping.units.get(value_index) if value_index is not None else None
    read_date = _date_reader(table, date_index) if date_index is not None else None

    by_name = {account.name.casefold(): account for account in accounts}
    plan = DealPlan(table, mapping)
    tallies: dict[str, _Tally] = {}
    total = len(table.rows)
    for done, (row, cells) in enumerate(table.rows, start=1):
        if progress is not None and done % 2000 == 0:
            progress(done, total)
        width = len(cells)

        def cell(index: int | None, cells: list[str] = cells, width: int = width) -> str:
            return cells[index].strip() if index is not None and index < width else ""

        row_problems: list[Problem] = []
        value = Decimal(0)
        if text := cell(value_index):
            try:
                value, has_magnitude = parse_amount(text, decimal_comma=table.decimal_comma)
                if unit is not None and not has_magnitude:
                    value *= unit
                if value < 0:
                    reason = "is negative; a deal value is 0 or more"
                    raise NumberFormatError(f"{text!r} {reason}", reason)
            except NumberFormatError as error:
                assert value_index is not None
                # The problem shows the cell's text, so the reason leaves it out.
                row_problems.append(_problem(table, row, value_index, text, error.reason))
        closed: date | None = None
        if read_date is not None and (text := cell(date_index)):
            try:
                closed = read_date(text)
            except ValueError as error:
                assert date_index is not None
                row_problems.append(_problem(table, row, date_index, text, str(error)))
        if row_problems:
            plan.problems.extend(row_problems)
            plan.invalid_rows += 1
            continue

        name = " ".join(cell(account_index).split())
        stage = cell(stage_index)
        outcome = stage_outcome(stage)
        if outcome == "deleted":
            plan.deleted += 1
            continue
        if not name:
            plan.without_account += 1
            if outcome is None:
                plan.open_by_stage[stage or "(no stage)"] += 1
            continue
        if outcome is None:
            plan.open_by_stage[stage or "(no stage)"] += 1
            continue
        tally = tallies.get(name.casefold())
        if tally is None:
            account = by_name.get(name.casefold())
            if account is None:
                plan.unmatched[name] += 1
                continue
            tally = tallies[name.casefold()] = _Tally(account)
        if outcome == "won":
            plan.won += 1
            tally.won += 1
            tally.won_value += value
            if currency := cell(currency_index).upper():
                plan.currencies[currency] += 1
        else:
            plan.lost += 1
            tally.lost += 1
        if closed is not None and (tally.last_close is None or closed > tally.last_close):
            tally.last_close = closed
    if progress is not None:
        progress(total, total)

    for tally in tallies.values():
        summary = DealSummary(
            won=tally.won,
            lost=tally.lost,
            won_value=float(tally.won_value),
            last_close=tally.last_close,
        )
        plan.updated.append(tally.account.model_copy(update={"deals": summary}))
    return plan


def _problem(table: CsvTable, row: int, index: int, value: str, reason: str) -> Problem:
    return Problem(table.path, row, header_label(table.headers, index), value, reason)


def _date_reader(table: CsvTable, index: int) -> Callable[[str], date]:
    """Return a reader of the column's dates.

    The day and month order of "03/04/2017" comes from the column's other dates, because
    a date with a part above 12 can be read only one way.
    """
    day_first = month_first = False
    for _row, cells in table.rows:
        if index < len(cells) and (match := _NUMERIC_DATE.match(cells[index].strip())):
            day_first = day_first or int(match.group(1)) > 12
            month_first = month_first or int(match.group(2)) > 12

    def read(text: str) -> date:
        if match := _ISO_DATE.match(text):
            year, month, day = (int(part) for part in match.groups())
            return _make_date(year, month, day, text)
        if match := _NUMERIC_DATE.match(text):
            first, second, year = (int(part) for part in match.groups())
            year += 2000 if year < 100 else 0
            if first == second or (day_first and not month_first):
                return _make_date(year, second, first, text)
            if month_first and not day_first:
                return _make_date(year, first, second, text)
            raise ValueError(
                "the date is ambiguous: day and month could be either way round in this "
                "column; write dates as YYYY-MM-DD"
            )
        raise ValueError("not a date; write dates as YYYY-MM-DD")

    return read


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ValueError(f"not a valid date ({error})") from None
