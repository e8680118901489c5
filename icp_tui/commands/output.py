"""Helpers shared by the subcommands: the usage error and writing a file or standard output."""

from __future__ import annotations

import sys
from pathlib import Path


class UsageError(Exception):
    """Bad arguments or input: printed on standard error, exit status 2."""


def write_output(text: str, output: str | None) -> None:
    """Write `text` to the file `output`, or to standard output when it is None or '-'."""
    if output in (None, "-"):
        sys.stdout.write(text)
        return
    assert output is not None
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise UsageError(f"{output}: cannot be written: {error.strerror or error}") from error
