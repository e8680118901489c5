"""`icp-tui score`: score prospects against the profile, as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import codecs
import sys
from pathlib import Path
from typing import Any

import orjson
from rich.cells import cell_len, set_cell_size

from icp_tui.commands.output import json_text, problem_lines
from icp_tui.domain.attributes import Catalogue
from icp_tui.domain.csv_files import describe_decode_error, utf16_codec
from icp_tui.domain.csv_import import plan_mapping, read_records, read_table
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.models import Profile, Scorable
from icp_tui.domain.report import (
    ScoredRecord,
    escape_controls,
    format_percent,
    score_item,
    score_records,
    scores_csv,
)
from icp_tui.store import WorkspaceStore

NAME = "score"

JSON_LINE_SHOWN_MAX = 60
"""Characters of the line with a JSON syntax error shown whole; a longer line is quoted
around the error (see `text_around`)."""

JSON_ERROR_REACH = 30
"""Characters shown either side of a JSON syntax error in a line too long to show whole."""

NAME_CELLS_MAX = 40
"""Terminal cells of a name in the score table; a longer name is cut, with an ellipsis."""


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
    """Read a profile file; raise InvalidInput naming the file and every problem in it.

    The file may be UTF-8, with or without a byte order mark, or UTF-16, which Windows
    editors write as "Unicode". Each line of the message starts with the file, then names
    where the problem is: the line and column of a JSON syntax error, or the field as the
    file names it.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read: {error.strerror or error}") from error
    codec = utf16_codec(raw)
    if codec is not None:
        try:
            raw = raw.decode(codec).encode("utf-8")
        except UnicodeDecodeError as error:
            reason = describe_decode_error(error, codec)
            raise InvalidInput(f"{path}: {reason}; save it as UTF-8") from error
    # Windows editors often start UTF-8 files with a byte order mark, which JSON forbids.
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise InvalidInput(f"{path}: {describe_json_error(error, raw)}") from error
    try:
        return Profile.from_json(data, catalogue)
    except InvalidInput as error:
        lines = str(error).split("\n")
        raise InvalidInput("\n".join(f"{path}: {line}" for line in lines)) from error


def describe_json_error(error: orjson.JSONDecodeError, raw: bytes) -> str:
    """Return why `raw` is not valid JSON, with the line and column and that line's text."""
    if not raw.strip():
        return "is empty; a profile file is a JSON object"
    if error.msg.startswith("str is not valid UTF-8"):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as decode_error:
            return f"{describe_decode_error(decode_error, 'utf-8')}; save it as UTF-8"
        return "is not UTF-8 text; save it as UTF-8"
    lines = raw.decode("utf-8", errors="replace").splitlines()
    line = lines[error.lineno - 1] if 0 < error.lineno <= len(lines) else ""
    text = line.strip()
    if len(text) <= JSON_LINE_SHOWN_MAX:
        near = f" (the line reads: {text})" if text else ""
    else:
        near = f" (the text around it reads: {text_around(line, error.colno - 1)})"
    return f"is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}{near}"


def text_around(line: str, position: int, reach: int = JSON_ERROR_REACH) -> str:
    """Return up to `reach` characters of `line` either side of `position` (counted from 0).

    An ellipsis marks each side where the line goes on, so a long one-line (minified)
    file shows where the error is rather than how the line starts.
    """
    position = min(max(position, 0), len(line))
    start = max(position - reach, 0)
    end = position + reach
    before = "\u2026" if start > 0 else ""
    after = "\u2026" if end < len(line) else ""
    return f"{before}{line[start:end].strip()}{after}"


def load_prospects_csv(path: Path, catalogue: Catalogue) -> list[Scorable]:
    """Read prospects from a CSV file; raise InvalidInput listing the first problems."""
    table = read_table(path)
    mapping = plan_mapping(table.headers, catalogue, "prospects")
    records, problems = read_records(table, mapping, catalogue, "prospects")
    if problems:
        hint = (
            f"`icp-tui import prospects {path} --dry-run --problems PROBLEMS.csv` writes every "
            "problem to a CSV file"
        )
        raise InvalidInput("\n".join(problem_lines(problems, hint=hint)))
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
        print(json_text([score_item(item) for item in scored]))
    elif args.format == "csv":
        print(scores_csv(scored, profile, for_terminal=sys.stdout.isatty()), end="")
    else:
        print(score_table(scored), end="")
    return 0


def score_table(items: list[ScoredRecord]) -> str:
    """Return a plain-text table: rank, name, fit, tier, known coverage and open red flags.

    Names longer than NAME_CELLS_MAX cells are cut; the CSV and JSON formats keep them whole.
    """
    headers = ("#", "Name", "Fit", "Demo", "Psycho", "Known", "Tier", "Flags", "Unplanned")
    rows = [
        (
            str(rank),
            fit_cells(escape_controls(item.record.name), NAME_CELLS_MAX),
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


def fit_cells(text: str, limit: int) -> str:
    """Return `text` cut to at most `limit` terminal cells, ending with an ellipsis if cut.

    Wide characters (CJK, most emoji) take two cells. `set_cell_size` replaces a wide
    character that would straddle the limit with a space, which is then dropped.
    """
    if cell_len(text) <= limit:
        return text
    return set_cell_size(text, limit - 1).rstrip() + "\u2026"
