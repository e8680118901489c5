"""The command line: `icp-tui` opens the app; subcommands work headless for scripts.

Exit status: 0 success, 1 `check` found warnings, 2 bad input or usage (with a message on
standard error that names the file, row, column and value).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from icp_tui import __version__
from icp_tui.commands import check, export, import_, score
from icp_tui.commands.output import UsageError, write_output
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.report import escape_controls
from icp_tui.paths import demo_workspace_file, resolve_store_path
from icp_tui.store import StoreError, WorkspaceStore
from icp_tui.store.lifecycle import raise_system_exit_on_signals
from icp_tui.store.workspace_file import open_demo_store

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_WARNINGS = 1
EXIT_USAGE = 2

COMMANDS: tuple[ModuleType, ...] = (import_, export, score, check)
"""Subcommand modules: each has NAME, `add_parser(subparsers, parent)` and `run(args, store)`."""

__all__ = ["COMMANDS", "UsageError", "main", "write_output"]


def store_options(*, inherited: bool = False) -> argparse.ArgumentParser:
    """Return a parent parser with the options that choose the store.

    Subcommands get `inherited=True`: their options then have no default, so that
    `icp-tui --store S score` keeps the value given before the subcommand.
    """
    parent = argparse.ArgumentParser(add_help=False)
    choice = parent.add_mutually_exclusive_group()
    choice.add_argument(
        "--store",
        metavar="PATH",
        default=argparse.SUPPRESS if inherited else None,
        help="workspace store file (default: $ICP_TUI_STORE, else the user data directory)",
    )
    choice.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if inherited else False,
        help="use a fresh temporary copy of the bundled demo workspace",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="icp-tui",
        description="Build an Ideal Customer Profile from your best accounts and score "
        "prospects against it. Without a command, opens the app.",
        parents=[store_options()],
    )
    parser.add_argument("--version", action="version", version=f"icp-tui {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    parent = store_options(inherited=True)
    for command in COMMANDS:
        command.add_parser(subparsers, parent)
    return parser


def open_store(args: argparse.Namespace) -> WorkspaceStore:
    """Open the store chosen by `--demo`, `--store`, $ICP_TUI_STORE or the default.

    A subcommand creates a missing store file only when it saves something, so a dry run,
    a failed import or an export leaves no empty store behind.
    """
    if getattr(args, "demo", False) and getattr(args, "store", None):
        raise UsageError("--store and --demo choose different stores; give only one")
    if getattr(args, "demo", False):
        return open_demo_store(demo_workspace_file())
    path = resolve_store_path(getattr(args, "store", None))
    return WorkspaceStore.open(path, create_on_write=args.command is not None)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # Headless commands then close (and save) the store on SIGTERM and SIGHUP too; the app
    # replaces these handlers with its own.
    raise_system_exit_on_signals()
    try:
        store = open_store(args)
    except (StoreError, InvalidInput, UsageError) as error:
        print_error(error)
        return EXIT_USAGE
    reported: set[str] = set()
    try:
        status = run_command(args, store, reported)
    finally:
        saved = close_store(store, reported)
    return status if saved else EXIT_USAGE


def run_command(
    args: argparse.Namespace, store: WorkspaceStore, reported: set[str] | None = None
) -> int:
    """Run the app or the subcommand on `store`; return the exit status.

    The message of an error printed here is added to `reported`.
    """
    try:
        if args.command is None:
            from icp_tui.app import run_app  # Textual loads only when the app is wanted.

            return run_app(store)
        runner = next(c for c in COMMANDS if args.command == c.NAME)
        status: int = runner.run(args, store)
        return status
    except (UsageError, InvalidInput, StoreError) as error:
        print_error(error)
        if reported is not None:
            reported.add(str(error))
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader of our output went away (`icp-tui score | head`); that is not an error.
        return EXIT_OK


def print_error(error: Exception) -> None:
    """Print each line of `error` on standard error, with control characters escaped."""
    for line in str(error).split("\n"):
        print(f"icp-tui: {escape_controls(line)}", file=sys.stderr)


def close_store(store: WorkspaceStore, reported: set[str] | None = None) -> bool:
    """Close the store, which writes pending changes; report a failed write and return False.

    A failure whose message is in `reported`, such as a write that a command's flush
    already reported, is not printed again.
    """
    try:
        store.close()
    except StoreError as error:
        if str(error) not in (reported or set()):
            print_error(error)
        return False
    return True
