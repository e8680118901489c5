"""The command line's help: commands listed, mapping and units explained."""

from __future__ import annotations

import pytest

from icp_tui.cli import main


def help_text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--help"])
    assert exit_info.value.code == 0
    return capsys.readouterr().out


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(capsys)

    assert "import" in text
    assert "export" in text
    assert "score" in text


def test_import_help_explains_units(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(capsys, "import")

    assert "--map COLUMN=KEY:UNIT" in text
    assert "millions" in text
    assert "--skip-invalid" in text
    assert "--dry-run" in text


def test_export_help_lists_formats(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(capsys, "export")

    assert "{markdown,json,csv}" in text
    assert "--output FILE" in text


def test_import_unknown_kind_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "contacts", "file.csv"])

    assert exit_info.value.code == 2
    assert "invalid choice: 'contacts'" in capsys.readouterr().err
