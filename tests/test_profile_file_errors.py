"""`import profile` and `score --profile` on bad profile files: where, what and the value."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest

from icp_tui.cli import main
from icp_tui.commands.score import text_around
from icp_tui.store import WorkspaceStore

INDUSTRY = {"label": "Industry", "attribute": "industry", "criterion": {"one_of": ["Retail"]}}
SIZE = {"label": "Size", "attribute": "employees", "criterion": {"min": 200}}
SCALES = ["partnership", "adoption", "decision_style", "vendor_view", "orientation"]


def profile_with(*characteristics: dict[str, Any], **fields: Any) -> str:
    data = {
        "format": "icp-profile",
        "version": 1,
        "name": "Test profile",
        "characteristics": list(characteristics),
        **fields,
    }
    return json.dumps(data, indent=2)


class Importer:
    """Runs `icp-tui import profile` on a file in a temporary folder."""

    def __init__(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.path = folder / "profile.json"
        self.store = folder / "store.json"
        self.capsys = capsys
        self.out = ""

    def run(self, content: str | bytes) -> tuple[int, str]:
        """Import `content`; return the exit status and standard error, keep the output."""
        if isinstance(content, bytes):
            self.path.write_bytes(content)
        else:
            self.path.write_text(content, encoding="utf-8")
        status = main(["import", "profile", str(self.path), "--store", str(self.store)])
        captured = self.capsys.readouterr()
        self.out = captured.out
        return status, captured.err


@pytest.fixture
def importer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Importer:
    return Importer(tmp_path, capsys)


BAD_FILES = {
    "characteristics not a list": (
        profile_with(characteristics="Industry"),
        "characteristics: must be a list (value: 'Industry')",
    ),
    "characteristic not an object": (
        profile_with(INDUSTRY, "Size"),
        "characteristic 2: must be an object (value: 'Size')",
    ),
    "label not text": (
        profile_with({**INDUSTRY, "label": 7}),
        "characteristic 1: label: must be text (value: 7)",
    ),
    "criterion missing": (
        profile_with(INDUSTRY, {"label": "Size", "attribute": "employees"}),
        "characteristic 2 (Size): criterion: required field is missing",
    ),
    "attribute missing": (
        profile_with({"label": "Size", "criterion": {"min": 1}}),
        "characteristic 1 (Size): attribute: required field is missing",
    ),
    "unknown attribute": (
        profile_with(INDUSTRY, {**SIZE, "attribute": "colour"}),
        "characteristic 2 (Size): attribute: unknown attribute 'colour'; known attributes: "
        "industry, annual_revenue",
    ),
    "weight zero": (
        profile_with({**INDUSTRY, "weight": 0}),
        "characteristic 1 (Industry): weight: must be a whole number from 1 to 100 (value: 0)",
    ),
    "weight above 100": (
        profile_with(INDUSTRY, {**SIZE, "weight": 101}),
        "characteristic 2 (Size): weight: must be a whole number from 1 to 100 (value: 101)",
    ),
    "weight not a number": (
        profile_with({**INDUSTRY, "weight": "heavy"}),
        "characteristic 1 (Industry): weight: must be a whole number from 1 to 100 "
        "(value: 'heavy')",
    ),
    "weight with a fraction": (
        profile_with({**INDUSTRY, "weight": 1.5}),
        "characteristic 1 (Industry): weight: must be a whole number from 1 to 100 (value: 1.5)",
    ),
    "weight true": (
        profile_with({**INDUSTRY, "weight": True}),
        "characteristic 1 (Industry): weight: must be a whole number from 1 to 100 (value: true)",
    ),
    "weight as text": (
        profile_with({**INDUSTRY, "weight": "2"}),
        "characteristic 1 (Industry): weight: must be a whole number from 1 to 100 (value: '2')",
    ),
    "scale threshold true": (
        profile_with(
            {"label": "Partner", "attribute": "partnership", "criterion": {"at_least": True}}
        ),
        "characteristic 1 (Partner): criterion.at_least: must be a whole number (value: true)",
    ),
    "scale threshold as text": (
        profile_with(
            {"label": "Partner", "attribute": "partnership", "criterion": {"equals": "4"}}
        ),
        "characteristic 1 (Partner): criterion.equals: must be a whole number (value: '4')",
    ),
    "criterion bound false": (
        profile_with({**SIZE, "criterion": {"max": False}}),
        "characteristic 1 (Size): criterion.max: must be a number (value: false)",
    ),
    "criterion bound as text": (
        profile_with({**SIZE, "criterion": {"min": "200"}}),
        "characteristic 1 (Size): criterion.min: must be a number (value: '200')",
    ),
    "tier threshold true": (
        profile_with(INDUSTRY, tiers={"good": True}),
        "tiers.good: must be a number (value: true)",
    ),
    "tier threshold as text": (
        profile_with(INDUSTRY, tiers={"partial": "30"}),
        "tiers.partial: must be a number (value: '30')",
    ),
    "unknown field": (
        profile_with({**INDUSTRY, "colour": "red"}),
        "characteristic 1 (Industry): colour: is not a known field; check its spelling or "
        "remove it (value: 'red')",
    ),
    "unknown kind": (
        profile_with({**INDUSTRY, "kind": "behaviour"}),
        "characteristic 1 (Industry): kind: must be 'demographic' or 'psychographic' "
        "(value: 'behaviour')",
    ),
    "kind of another attribute": (
        profile_with({**INDUSTRY, "kind": "psychographic"}),
        "characteristic 1 (Industry): kind 'psychographic' does not match attribute "
        "'industry', which is demographic",
    ),
    "criterion of the wrong kind": (
        profile_with({**INDUSTRY, "criterion": {"min": 3}}),
        "characteristic 1 (Industry): a range criterion does not fit category attribute "
        "'industry'; use one_of",
    ),
    "criterion bound not a number": (
        profile_with({**SIZE, "criterion": {"min": "lots"}}),
        "characteristic 1 (Size): criterion.min: must be a number (value: 'lots')",
    ),
    "criterion with two kinds": (
        profile_with({**SIZE, "criterion": {"min": 1, "one_of": ["a"]}}),
        'characteristic 1 (Size): criterion: {"min": 1, "one_of": ["a"]} has 2 kinds of '
        "criterion at once",
    ),
    "scale threshold off the scale": (
        profile_with(
            {"label": "Partner", "attribute": "partnership", "criterion": {"at_least": 7}}
        ),
        "characteristic 1 (Partner): criterion.at_least: scale threshold 7 is outside 1 to 5",
    ),
    "attribute used twice": (
        profile_with(INDUSTRY, SIZE, {**INDUSTRY, "label": "Sector"}),
        "characteristics: characteristics 1 and 3 both use attribute 'industry'; combine "
        "them into one criterion",
    ),
    "tier threshold not a number": (
        profile_with(INDUSTRY, tiers={"strong": "high"}),
        "tiers.strong: must be a number (value: 'high')",
    ),
    "profile name not text": (
        profile_with(INDUSTRY, name=["P"]),
        "name: must be text (value: ['P'])",
    ),
    "not an object": ("[1, 2]", "a profile file must contain a JSON object, not a JSON array"),
    "another format": (
        json.dumps({"format": "icp-workspace", "version": 1}),
        "format is 'icp-workspace', expected 'icp-profile'",
    ),
    "invalid JSON": (
        '{\n  "format": "icp-profile"\n  "version": 1\n}\n',
        "is not valid JSON: line 3, column 3: unexpected character, expected ',' or '}' "
        '(the line reads: "version": 1)',
    ),
    "version true": (
        profile_with(INDUSTRY, version=True),
        "version true is not supported; expected 1",
    ),
    "empty file": ("", "is empty; a profile file is a JSON object"),
    "not UTF-8": (
        b'{\n  "name": "Caf\xe9"}',
        "cannot be decoded as UTF-8: line 2 has byte 0xE9; save it as UTF-8",
    ),
    "UTF-16 cut in a character": (
        '{\n"name": "P"}'.encode("utf-16-le") + b"\x00\xd8",
        "cannot be decoded as UTF-16: line 2 has bytes 0x00 0xD8; save it as UTF-8",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_profile_file_error_message(importer: Importer, case: str) -> None:
    content, expected = BAD_FILES[case]
    status, err = importer.run(content)

    assert status == 2
    assert f"icp-tui: {importer.path}: {expected}" in err


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_profile_file_error_plain_words(importer: Importer, case: str) -> None:
    content, _expected = BAD_FILES[case]
    _status, err = importer.run(content)

    assert "Input should" not in err
    assert "Field required" not in err
    assert ".0." not in err
    assert "characteristics.0" not in err


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_profile_file_error_saves_nothing(importer: Importer, case: str) -> None:
    content, _expected = BAD_FILES[case]
    importer.run(content)

    assert not importer.store.exists()


def test_profile_file_every_problem_listed(importer: Importer) -> None:
    content = profile_with(
        {**INDUSTRY, "weight": 0}, {"label": "", "attribute": "employees", "criterion": {}}
    )
    status, err = importer.run(content)
    lines = err.splitlines()

    assert status == 2
    assert len(lines) == 3
    assert lines[0].startswith(f"icp-tui: {importer.path}: characteristic 1 (Industry): weight")
    assert lines[1] == (
        f"icp-tui: {importer.path}: characteristic 2: label: must not be empty (value: '')"
    )
    assert lines[2].startswith(f"icp-tui: {importer.path}: characteristic 2: criterion: {{}}")


def test_profile_file_more_than_five_imported(importer: Importer) -> None:
    scales = [{"label": key, "attribute": key, "criterion": {"at_least": 4}} for key in SCALES]
    status, err = importer.run(profile_with(INDUSTRY, *scales))

    assert status == 0
    assert err == ""
    assert "Note: the method calls for 5 characteristics, and this profile has 6." in importer.out
    with WorkspaceStore.open(importer.store) as store:
        assert len(store.profile().characteristics) == 6


def test_profile_file_with_byte_order_mark(importer: Importer) -> None:
    status, err = importer.run(codecs.BOM_UTF8 + profile_with(INDUSTRY).encode("utf-8"))

    assert status == 0
    assert err == ""


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_profile_file_in_utf16_imported(importer: Importer, codec: str) -> None:
    # Windows Notepad saves "Unicode" as UTF-16 with a byte order mark; "utf-16-le" and
    # "utf-16-be" write none.
    content = profile_with(INDUSTRY, name="Caf\u00e9 profile").encode(codec)
    status, err = importer.run(content)

    assert status == 0
    assert err == ""
    with WorkspaceStore.open(importer.store) as store:
        assert store.profile().name == "Caf\u00e9 profile"


def test_profile_file_utf16_error_line(importer: Importer) -> None:
    content = profile_with(INDUSTRY, characteristics="Industry").encode("utf-16")
    status, err = importer.run(content)

    assert status == 2
    assert f"{importer.path}: characteristics: must be a list (value: 'Industry')" in err


def test_profile_name_too_long_message(importer: Importer) -> None:
    status, err = importer.run(profile_with(INDUSTRY, name="P" * 201))

    assert status == 2
    assert err == (
        f"icp-tui: {importer.path}: name: longer than 200 characters (201): '{'P' * 40}\u2026'\n"
    )


def test_score_profile_same_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "profile.json"
    path.write_text(profile_with({**INDUSTRY, "weight": 0}), encoding="utf-8")
    status = main(["score", "--demo", "--profile", str(path)])

    assert status == 2
    assert (
        f"{path}: characteristic 1 (Industry): weight: must be a whole number from 1 to 100"
        in capsys.readouterr().err
    )


def test_minified_json_error_quotes_text_around(importer: Importer) -> None:
    text = json.dumps(json.loads(profile_with(INDUSTRY, SIZE)), separators=(",", ":"))
    broken = text.replace('"criterion":{"min":200}', '"criterion":{"min":200 "max":300}')
    column = broken.index('"max":300') + 1
    status, err = importer.run(broken)

    assert status == 2
    assert f"line 1, column {column}:" in err
    assert '(the text around it reads: \u2026oyees","criterion":{"min":200 "max":300}}]})' in err
    assert '{"format"' not in err


def test_text_around_cuts_both_sides() -> None:
    line = "a" * 50 + "X" + "b" * 50

    assert text_around(line, 50, reach=5) == "\u2026aaaaaXbbbb\u2026"
    assert text_around(line, 2, reach=5) == "aaaaaaa\u2026"
    assert text_around(line, 99, reach=5) == "\u2026bbbbbbb"
