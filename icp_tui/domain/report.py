"""Scored records as the command line and the exports write them (JSON items, CSV rows)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from icp_tui.domain.attributes import Catalogue
from icp_tui.domain.csv_files import Problem
from icp_tui.domain.models import Profile, Scorable
from icp_tui.domain.scoring import ProfileScorer, Score, ScoreSummary, rank_key

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cell beginnings that spreadsheets run as formulas."""


@dataclass(frozen=True, slots=True)
class ScoredRecord:
    """A record with its score against the profile."""

    record: Scorable
    score: Score


def score_records(profile: Profile, records: Iterable[Scorable]) -> list[ScoredRecord]:
    """Score `records` and return them ranked: highest fit first, then by name."""
    scorer = ProfileScorer(profile)
    scored = [ScoredRecord(r, scorer.score(r.traits, r.overrides, r.strategies)) for r in records]
    return sorted(scored, key=lambda item: rank_key(item.record.name, item.score))


class RankedRecord(NamedTuple):
    """A record with the summary of its score, as a ranked list shows it."""

    record: Scorable
    summary: ScoreSummary


def rank_records(profile: Profile, records: Iterable[Scorable]) -> list[RankedRecord]:
    """Summarise the score of `records` and return them ranked: highest fit first, then by name.

    Ranks in the same order as `score_records` and is much faster, because it builds no
    per-characteristic results or red flags. Use it for lists and counts of many records,
    and `score_records` where those details are shown or exported.
    """
    summarise = ProfileScorer(profile).summary
    ranked = [RankedRecord(r, summarise(r.traits, r.overrides, r.strategies)) for r in records]

    # The order of `rank_key` (fit descending, then case-folded name, then exact name),
    # built as three stable sorts from the last key to the first. Their keys are
    # existing objects or one string per record, so 100,000 records need a few MB less
    # than a key tuple per record, and the sort is faster. `reverse=True` keeps the
    # order of equal fits, so the name order survives the last pass.
    ranked.sort(key=lambda item: item.record.name)
    ranked.sort(key=lambda item: item.record.name.casefold())
    ranked.sort(key=lambda item: item.summary.fit, reverse=True)
    return ranked


def one_decimal(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def score_item(item: ScoredRecord) -> dict[str, Any]:
    """Return one scored record in the `score --format json` shape."""
    score = item.score
    return {
        "name": item.record.name,
        "fit": one_decimal(score.fit),
        "demographic_fit": one_decimal(score.demographic_fit),
        "psychographic_fit": one_decimal(score.psychographic_fit),
        "known": one_decimal(score.known),
        "tier": score.tier,
        "incomplete": score.incomplete,
        "characteristics": [
            {
                "label": r.characteristic.label,
                "attribute": r.characteristic.attribute,
                "state": r.state.value,
                "overridden": r.overridden,
                **({"computed_state": r.computed.value} if r.overridden else {}),
            }
            for r in score.results
        ],
        "red_flags": [
            {
                "label": flag.label,
                "attribute": flag.attribute,
                "reason": flag.reason.value,
                "friction": flag.friction,
                "strategy": flag.strategy,
            }
            for flag in score.red_flags
        ],
    }


def neutralise_cell(value: object) -> str:
    """Return `value` as CSV cell text that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    # Apostrophes already in front of a formula character get one more, so that import,
    # which removes one, gives back "'=x" rather than "=x".
    if text.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def escape_controls(text: str, keep: str = "") -> str:
    """Return `text` with each character that `str.isprintable` rejects written as an escape
    such as `\\x1b`, `\\u202e` or `\\U000e0041`.

    Those are the controls (ESC, CR, DEL, the C1 range), format characters such as
    bidirectional overrides, line and paragraph separators, and unassigned or private
    code points, which could move the cursor, recolour or reorder what a terminal shows.
    Spaces of every kind, and the characters in `keep`, stay as they are.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch in keep or _shows_safely(ch) else _escape(ch) for ch in text)


def _shows_safely(ch: str) -> bool:
    return ch.isprintable() or unicodedata.category(ch) == "Zs"


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def problems_csv(problems: Iterable[Problem]) -> str:
    """Return import problems as CSV: row, column, value and reason, one problem a line.

    Values are the cells as the file has them, with formula starts neutralised.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["row", "column", "value", "reason"])
    for problem in problems:
        cells = [problem.row, problem.column, problem.value, problem.reason]
        writer.writerow(neutralise_cell(cell) for cell in cells)
    return buffer.getvalue()


def format_percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def csv_cell(value: object, *, for_terminal: bool = False) -> str:
    """Return `value` as export cell text: formula starts neutralised, and for a terminal,
    control characters escaped. Files and pipes get the data exactly."""
    text = neutralise_cell(value)
    return escape_controls(text) if for_terminal else text


def scores_csv(
    items: Sequence[ScoredRecord], profile: Profile, *, for_terminal: bool = False
) -> str:
    """Return scored records as CSV: scores, one state column per characteristic, red flags."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    rows: list[list[object]] = [
        list(_score_headers(profile)),
        *(_score_cells(item) for item in items),
    ]
    for row in rows:
        writer.writerow(csv_cell(cell, for_terminal=for_terminal) for cell in row)
    return buffer.getvalue()


def _score_headers(profile: Profile, state_suffix: str = "") -> list[str]:
    return [
        "name",
        "fit",
        "demographic_fit",
        "psychographic_fit",
        "known",
        "tier",
        "incomplete",
        *(c.label + state_suffix for c in profile.characteristics),
        "red_flags",
        "unplanned_red_flags",
    ]


def _score_cells(item: ScoredRecord) -> list[object]:
    score = item.score
    states = [r.state.value + (" (override)" if r.overridden else "") for r in score.results]
    flags = "; ".join(
        f"{flag.label}: {flag.reason.value}" + (" (friction)" if flag.friction else "")
        for flag in score.red_flags
    )
    return [
        item.record.name,
        format_percent(score.fit),
        format_percent(score.demographic_fit),
        format_percent(score.psychographic_fit),
        format_percent(score.known),
        score.tier,
        "yes" if score.incomplete else "no",
        *states,
        flags,
        score.unplanned_flags,
    ]


def prospects_csv(
    items: Sequence[ScoredRecord],
    profile: Profile,
    catalogue: Catalogue,
    *,
    for_terminal: bool = False,
) -> str:
    """Return scored prospects as CSV: the score columns, stage and decision, then the traits.

    The trait columns carry attribute keys as headers, so the file can be imported again.
    The state columns are headed "LABEL (state)", so no label is mistaken for a trait.
    With `for_terminal`, control characters in cells are escaped (see `csv_cell`).
    """
    keys = [attribute.key for attribute in catalogue]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    headers = [*_score_headers(profile, " (state)"), "stage", "decision", "decision_reason"]
    writer.writerow(
        csv_cell(header, for_terminal=for_terminal) for header in [*headers, "notes", *keys]
    )
    for item in items:
        record = item.record
        cells: list[object] = [
            *_score_cells(item),
            getattr(record, "stage", ""),
            getattr(record, "decision", ""),
            getattr(record, "decision_reason", ""),
            record.notes,
            *(record.traits.get(key) for key in keys),
        ]
        writer.writerow(csv_cell(_plain(cell), for_terminal=for_terminal) for cell in cells)
    return buffer.getvalue()


def _plain(value: object) -> object:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
