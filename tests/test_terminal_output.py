"""Control characters from data: escaped on a terminal, kept exactly in files and pipes."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from icp_tui.cli import main
from icp_tui.commands.output import json_text
from icp_tui.domain.models import Characteristic, Criterion, Profile, Prospect
from icp_tui.domain.report import escape_controls
from icp_tui.store import WorkspaceStore

CHECKOUT = Path(__file__).resolve().parents[1]
CLEAR_SCREEN = "\x1b[2J"
NAME = f"Evil{CLEAR_SCREEN}Corp"
ESCAPED_NAME = "Evil\\x1b[2JCorp"
INDUSTRY = "Retail\u202eliateR"
"""A right-to-left override: a terminal would show the rest of the line reversed."""


class TerminalBuffer(io.StringIO):
    """Standard output that reports being a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        store.save_profile(
            Profile(
                characteristics=(
                    Characteristic(
                        label="Retail", attribute="industry", criterion=Criterion(one_of=("a",))
                    ),
                )
            )
        )
        store.save_prospect(
            Prospect(name=NAME, traits={"industry": INDUSTRY}, notes="first\r\nsecond\x9b")
        )
    return path


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain Müller 株式会社", "plain Müller 株式会社"),
        (NAME, ESCAPED_NAME),
        ("a\x7fb", "a\\x7fb"),
        ("a\x9b31mb", "a\\x9b31mb"),
        ("a\u202eb", "a\\u202eb"),
        ("a\u200bb", "a\\u200bb"),
        ("a\U000e0041b", "a\\U000e0041b"),
        ("tab\there", "tab\\x09here"),
        ("no\u00a0break", "no\u00a0break"),
    ],
)
def test_escape_controls_cases(text: str, escaped: str) -> None:
    assert escape_controls(text) == escaped


def test_escape_controls_keeps_listed() -> None:
    assert escape_controls("one\ntwo\x1b", keep="\n") == "one\ntwo\\x1b"


def test_json_text_escapes_and_reads_back() -> None:
    data = {"name": f"M\u00fcller\x9b{CLEAR_SCREEN}\u202e\U000e0041"}
    text = json_text(data)

    assert json.loads(text) == data
    assert "Müller" in text
    assert "\\u009b" in text
    assert "\\u001b" in text
    assert "\\u202e" in text
    assert "\\udb40\\udc41" in text
    assert all(ch.isprintable() or ch == "\n" for ch in text)


def test_export_prospects_terminal_escaped(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = TerminalBuffer()
    monkeypatch.setattr(sys, "stdout", terminal)
    status = main(["export", "prospects", "--store", str(store_path)])
    shown = terminal.getvalue()

    assert status == 0
    assert "\x1b" not in shown
    assert "\x9b" not in shown
    assert "\u202e" not in shown
    assert ESCAPED_NAME in shown
    assert "Retail\\u202eliateR" in shown
    assert "first\\x0d\\x0asecond\\x9b" in shown


def test_export_prospects_file_exact(store_path: Path, tmp_path: Path) -> None:
    output = tmp_path / "prospects.csv"
    status = main(["export", "prospects", "--store", str(store_path), "--output", str(output)])
    with output.open(newline="", encoding="utf-8") as file:
        row = next(csv.DictReader(file))

    assert status == 0
    assert row["name"] == NAME
    assert row["industry"] == INDUSTRY
    assert row["notes"] == "first\r\nsecond\x9b"


def test_export_prospects_pipe_exact(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["export", "prospects", "--store", str(store_path)])
    row = next(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))

    assert status == 0
    assert row["name"] == NAME


def test_export_card_terminal_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        store.save_profile(Profile(name=f"Ideal{CLEAR_SCREEN}profile"))
    terminal = TerminalBuffer()
    monkeypatch.setattr(sys, "stdout", terminal)
    status = main(["export", "profile", "--store", str(path)])
    shown = terminal.getvalue()

    assert status == 0
    assert "\x1b" not in shown
    assert "Ideal\\x1b" in shown
    assert shown.count("\n") > 1


def test_export_card_file_exact(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    with WorkspaceStore.open(path) as store:
        store.save_profile(Profile(name=f"Ideal{CLEAR_SCREEN}profile"))
    output = tmp_path / "card.md"
    status = main(["export", "profile", "--store", str(path), "--output", str(output)])

    assert status == 0
    assert "Ideal\x1b" in output.read_text(encoding="utf-8")


def test_score_csv_terminal_escaped(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = TerminalBuffer()
    monkeypatch.setattr(sys, "stdout", terminal)
    status = main(["score", "--format", "csv", "--store", str(store_path)])

    assert status == 0
    assert "\x1b" not in terminal.getvalue()
    assert ESCAPED_NAME in terminal.getvalue()


def test_score_csv_pipe_exact(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["score", "--format", "csv", "--store", str(store_path)])

    assert status == 0
    assert NAME in capsys.readouterr().out


def test_score_json_escaped_reads_back(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["score", "--format", "json", "--store", str(store_path)])
    out = capsys.readouterr().out

    assert status == 0
    assert "\x1b" not in out
    assert json.loads(out)[0]["name"] == NAME


def test_score_table_escaped(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["score", "--store", str(store_path)])
    out = capsys.readouterr().out

    assert status == 0
    assert ESCAPED_NAME in out
    assert "\x1b" not in out


def test_import_report_escapes_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "accounts.csv"
    source.write_text(f"name,industry\nAcme,{INDUSTRY}\n", encoding="utf-8")
    status = main(["import", "accounts", str(source), "--dry-run", "--store", str(tmp_path / "s")])
    out = capsys.readouterr().out

    assert status == 0
    assert "\u202e" not in out
    assert "Retail\\u202eliateR (1)" in out


def test_error_message_escapes_controls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / f"no{CLEAR_SCREEN}such.csv"
    status = main(["import", "accounts", str(missing), "--store", str(tmp_path / "s.json")])
    err = capsys.readouterr().err

    assert status == 2
    assert "\x1b" not in err
    assert "no\\x1b[2Jsuch.csv" in err


def test_export_on_real_terminal_escaped(store_path: Path) -> None:
    # The command runs with a pseudo-terminal as standard output, as in an SSH session.
    controller, terminal = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "icp_tui", "export", "prospects", "--store", str(store_path)],
            cwd=CHECKOUT,
            stdin=subprocess.DEVNULL,
            stdout=terminal,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
        os.close(terminal)
        terminal = -1
        shown = _read_all(controller).decode("utf-8")
    finally:
        os.close(controller)
        if terminal != -1:
            os.close(terminal)

    assert process.returncode == 0, process.stderr
    assert "\x1b" not in shown
    assert ESCAPED_NAME in shown


def _read_all(descriptor: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:
            # Linux reports the end of a pseudo-terminal whose other side closed as EIO.
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)
