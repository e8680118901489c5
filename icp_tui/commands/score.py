"""`icp-tui score`: score prospects against the profile, as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError
from rich.cells import cell_len

from icp_tui.domain.attributes import Catalogue
from icp_tui.domain.csv_import import plan_mapping, read_records, read_table
from icp_tui.domain.errors import InvalidInput, describe_validation_error
from icp_tui.domain.models import Profile, Scorable
from icp_tui.domain.report import (
    ScoredRecord,
    format_percent,
    score_item,
    score_records,
    scores_csv,
)
from icp_tui.store import WorkspaceStore

NAME = "score"


def add_parser(subparsers: Any, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        NAME,
        parents=[parent],
        help="score prospects against the profile",
        description="Score the prospects of --input (or of the store) against --profile "
        "(or the store's profile), highest fit first.",
    )
    parser.add_argument("--profile", metavar="FILE.json", help="profile file to score against")
    parser.add_argument("--input", metavar="FILE.csv", help="CSV file of prospects to score")
    parser.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format"
    )


def load_profile_file(path: Path, catalogue: Catalogue) -> Profile:
    """Read a profile file; raise InvalidInput naming the file and what is wrong."""
    try:
        data = orjson.loads(path.read_bytes())
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read: {error.strerror or error}") from error
    except orjson.JSONDecodeError as error:
        raise InvalidInput(f"{path}: is not valid JSON: {error}") from error
    try:
        return Profile.from_json(data, catalogue)
    except ValidationError as error:
        raise InvalidInput(f"{path}: {describe_validation_error(error)}") from error
    except ValueError as error:
        raise InvalidInput(f"{path}: {error}") from error


def load_prospects_csv(path: Path, catalogue: Catalogue) -> list[Scorable]:
    """Read prospects from a CSV file; raise InvalidInput listing every problem."""
    table = read_table(path)
    mapping = plan_mapping(table.headers, catalogue, "prospects")
    records, problems = read_records(table, mapping, catalogue, "prospects")
    if problems:
        raise InvalidInput("\n".join(str(problem) for problem in problems))
    return list(records)


def run(args: argparse.Namespace, store: WorkspaceStore) -> int:
    catalogue = store.catalogue()
    profile = load_profile_file(Path(args.profile), catalogue) if args.profile else store.profile()
    if not profile.characteristics:
        raise InvalidInput(
            "the profile has no characteristics; write them in step 4 of the app, "
            "or pass --profile FILE.json"
        )
    records = load_prospects_csv(Path(args.input), catalogue) if args.input else store.prospects()
    scored = score_records(profile, records)
    if args.format == "json":
        print(json.dumps([score_item(item) for item in scored], indent=2, ensure_ascii=False))
    elif args.format == "csv":
        print(scores_csv(scored, profile), end="")
    else:
        print(score_table(scored), end="")
    return 0


def score_table(items: list[ScoredRecord]) -> str:
    """Return a plain-text table: rank, name, fit, tier, known coverage and open red flags."""
    headers = ("#", "Name", "Fit", "Demo", "Psycho", "Known", "Tier", "Flags", "Unplanned")
    rows = [
        (
            str(rank),
            _printable(item.record.name),
            format_percent(item.score.fit),
            format_percent(item.score.demographic_fit),
            format_percent(item.score.psychographic_fit),
            format_percent(item.score.known),
            item.score.tier + (" (incomplete)" if item.score.incomplete else ""),
            str(len(item.score.red_flags)),
            str(item.score.unplanned_flags),
        )
        for rank, item in enumerate(items, start=1)
    ]
    # Widths in terminal cells, so that wide (CJK) characters and emoji keep columns aligned.
    widths = [max(cell_len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    numeric = {0, 2, 3, 4, 5, 7, 8}
    lines = []
    for row in [headers, *rows]:
        cells = []
        for i, cell in enumerate(row):
            padding = " " * (widths[i] - cell_len(cell))
            cells.append(padding + cell if i in numeric else cell + padding)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _printable(text: str) -> str:
    # Names come from data: escape control characters so they cannot drive the terminal.
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
