"""`icp-tui export`: the profile as a Markdown card or a profile file, prospects as CSV."""

from __future__ import annotations

import argparse
from typing import Any

from icp_tui.commands.output import (
    check_output_path,
    json_text,
    write_output,
    writes_to_terminal,
)
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.profile_card import profile_card
from icp_tui.domain.report import escape_controls, prospects_csv, score_records
from icp_tui.store import WorkspaceStore

NAME = "export"

FORMATS = {"profile": ("markdown", "json"), "prospects": ("csv",)}


def add_parser(subparsers: Any, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        NAME,
        parents=[parent],
        help="export the profile (Markdown card or JSON) or the scored prospects (CSV)",
        description="Export the profile as a one-page Markdown card or as a profile file "
        "(JSON, read back by `icp-tui import profile`), or the prospects with their fit, "
        "tier, characteristic states and red flags as CSV. Cells that a spreadsheet would "
        "run as a formula are prefixed with an apostrophe. On a terminal, control "
        "characters in names and other text are shown escaped (such as \\x1b); a file or "
        "a pipe gets them as they are.",
    )
    parser.add_argument("what", choices=tuple(FORMATS))
    parser.add_argument(
        "--format",
        choices=("markdown", "json", "csv"),
        help="markdown or json for the profile (default markdown); csv for prospects",
    )
    parser.add_argument("--output", metavar="FILE", help="file to write (default: standard output)")


def run(args: argparse.Namespace, store: WorkspaceStore) -> int:
    check_output_path("--output", args.output, store.path)
    output_format = args.format or FORMATS[args.what][0]
    if output_format not in FORMATS[args.what]:
        raise InvalidInput(
            f"--format {output_format} does not apply to {args.what}; use "
            f"{' or '.join(FORMATS[args.what])}"
        )
    terminal = writes_to_terminal(args.output)
    text = export_text(store, args.what, output_format, for_terminal=terminal)
    write_output(text, args.output, option="--output", store_path=store.path)
    return 0


def export_text(
    store: WorkspaceStore, what: str, output_format: str, *, for_terminal: bool = False
) -> str:
    """Return the export of `what` ("profile" or "prospects") in `output_format`.

    With `for_terminal`, control characters in the CSV cells and the Markdown card are
    shown escaped. The JSON profile file escapes them in every case, as JSON `\\uXXXX`
    escapes that read back as the same text.
    """
    profile = store.profile()
    if what == "prospects":
        scored = score_records(profile, store.prospects())
        return prospects_csv(scored, profile, store.catalogue(), for_terminal=for_terminal)
    if output_format == "json":
        return json_text(profile.to_json()) + "\n"
    card = profile_card(profile, store.catalogue(), store.accounts())
    return escape_controls(card, keep="\n") if for_terminal else card
