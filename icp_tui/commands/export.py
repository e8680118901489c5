"""`icp-tui export`: the profile as a Markdown card or a profile file, prospects as CSV."""

from __future__ import annotations

import argparse
import json
from typing import Any

from icp_tui.commands.output import write_output
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.profile_card import profile_card
from icp_tui.domain.report import prospects_csv, score_records
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
        "run as a formula are prefixed with an apostrophe.",
    )
    parser.add_argument("what", choices=tuple(FORMATS))
    parser.add_argument(
        "--format",
        choices=("markdown", "json", "csv"),
        help="markdown or json for the profile (default markdown); csv for prospects",
    )
    parser.add_argument("--output", metavar="FILE", help="file to write (default: standard output)")


def run(args: argparse.Namespace, store: WorkspaceStore) -> int:
    output_format = args.format or FORMATS[args.what][0]
    if output_format not in FORMATS[args.what]:
        raise InvalidInput(
            f"--format {output_format} does not apply to {args.what}; use "
            f"{' or '.join(FORMATS[args.what])}"
        )
    write_output(export_text(store, args.what, output_format), args.output)
    return 0


def export_text(store: WorkspaceStore, what: str, output_format: str) -> str:
    """Return the export of `what` ("profile" or "prospects") in `output_format`."""
    profile = store.profile()
    if what == "prospects":
        scored = score_records(profile, store.prospects())
        return prospects_csv(scored, profile, store.catalogue())
    if output_format == "json":
        return json.dumps(profile.to_json(), indent=2, ensure_ascii=False) + "\n"
    return profile_card(profile, store.catalogue(), store.accounts())
