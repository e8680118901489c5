"""Helpers shared by the subcommands: the usage error and writing a file or standard output."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from icp_tui.domain.csv_files import Problem
from icp_tui.domain.import_report import counted
from icp_tui.domain.report import escape_controls

PROBLEMS_SHOWN = 50
"""Problems of a CSV file printed on standard error; `--problems PROBLEMS.csv` writes all."""


class UsageError(Exception):
    """Bad arguments or input: printed on standard error, exit status 2."""


def writes_to_terminal(output: str | None) -> bool:
    """Tell whether `output` (None or '-' for standard output) is a terminal."""
    return output in (None, "-") and sys.stdout.isatty()


def check_output_path(
    option: str, output: str | None, store_path: Path, read_files: Iterable[Path] = ()
) -> None:
    """Raise UsageError if the file that `option` writes would replace a file in use.

    Every option that writes a file calls this before anything is written. The files in
    use are the store, its lock file, its schema backups and the temporary files of its
    writes, all beside the store, and `read_files`, the input of the command. Both paths
    are compared after resolving symbolic links, and with `os.path.samefile` where the
    files exist, so `./store.json`, a symbolic link or a hard link to the store is rejected.
    """
    if output in (None, "-"):
        return
    assert output is not None
    target = Path(output).resolve()
    for path in read_files:
        if _same_file(target, path):
            raise UsageError(
                f"{option} {output} would overwrite the file being imported ({path}); "
                "choose another file"
            )
    store = Path(store_path)
    lock = Path(f"{store}.lock")
    for base in (store.absolute(), store.resolve()):
        if _same_file(target, base) or _same_file(target, lock) or _beside_store(target, base):
            raise UsageError(
                f"{option} {output} would overwrite the workspace store {store_path} or its "
                "lock, backup or temporary file, and so destroy the workspace; choose "
                "another file"
            )


def _same_file(target: Path, path: Path) -> bool:
    if target == path.resolve():
        return True
    try:
        return os.path.samefile(target, path)
    except OSError:  # Either file is missing or cannot be examined: not the same file.
        return False


def _beside_store(target: Path, store: Path) -> bool:
    """Tell whether `target` is named like the lock, backup or temporary files of `store`.

    The lock is `<store>.lock`, a schema backup `<store>.schema-<version>-<stamp>.bak` and
    a temporary file of a write `.<store>.<random>`, all in the store's folder.
    """
    if target.parent != store.parent.resolve():
        return False
    name = target.name
    return (
        name == store.name
        or name == f"{store.name}.lock"
        or (name.startswith(f"{store.name}.schema-") and name.endswith(".bak"))
        or name.startswith(f".{store.name}.")
    )


def write_output(text: str, output: str | None, *, option: str, store_path: Path) -> None:
    """Write `text` to the file `output`, or to standard output when it is None or '-'.

    An `output` that is the store at `store_path` or one of its files is rejected first
    (see `check_output_path`), with a message that names `option`.
    """
    if output in (None, "-"):
        sys.stdout.write(text)
        return
    assert output is not None
    check_output_path(option, output, store_path)
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise UsageError(f"{output}: cannot be written: {error.strerror or error}") from error


def json_text(data: Any) -> str:
    """Return `data` as indented JSON, readable as written and safe to show in a terminal.

    Text stays as written (no escapes for accented letters), but every control character
    in a string is written as a `\\uXXXX` escape, so the JSON contains the same data and
    cannot drive the terminal it is printed on. `json.dumps` escapes only U+0000 to U+001F
    itself, so DEL, the C1 range and format characters are escaped here.
    """
    lines = json.dumps(data, indent=2, ensure_ascii=False).split("\n")
    return "\n".join(line if line.isprintable() else _escape_json_line(line) for line in lines)


def _escape_json_line(line: str) -> str:
    return "".join(
        ch if ch.isprintable() or unicodedata.category(ch) == "Zs" else _json_escape(ch)
        for ch in line
    )


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    # JSON writes a character outside the Basic Multilingual Plane as a surrogate pair.
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


ALL_PROBLEMS_HINT = "use --problems PROBLEMS.csv to write every problem to a CSV file"


def problem_lines(
    problems: Sequence[Problem], report: str | None = None, *, hint: str = ALL_PROBLEMS_HINT
) -> list[str]:
    """Return the first PROBLEMS_SHOWN problems, then a line on the rest and where they are.

    `report` is the `--problems` file, or None when none was requested. Without one, the
    last line ends with `hint`, the way to list every problem.
    """
    lines = [escape_controls(str(problem)) for problem in problems[:PROBLEMS_SHOWN]]
    more = len(problems) - PROBLEMS_SHOWN
    if more > 0 and report is not None:
        lines.append(f"... and {counted(more, 'more problem')}, listed with the others in {report}")
    elif more > 0:
        lines.append(f"... and {counted(more, 'more problem')}; {hint}")
    elif problems and report is not None:
        lines.append(f"these problems are also listed in {report}")
    return lines
