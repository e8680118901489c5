"""Snapshots of the home screen and every step at 80x24, on the fixed test workspace.

Update them with `pytest tests/test_snapshots.py --snapshot-update` after a deliberate
change of layout, and look at the report before committing the new SVG files.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from icp_tui.app import IcpApp

SIZE = (80, 24)

SnapCompare = Callable[..., bool]


@pytest.mark.parametrize(
    ("screen_key", "keys"),
    [
        ("0", ()),
        ("1", ()),
        ("2", ("down",)),
        ("3", ("right", "3")),
        ("4", ()),
        ("5", ()),
    ],
    ids=["home", "step1", "step2", "step3", "step4", "step5"],
)
def test_screen_at_80x24(
    snap_compare: SnapCompare, app: IcpApp, screen_key: str, keys: tuple[str, ...]
) -> None:
    assert snap_compare(app, terminal_size=SIZE, press=[screen_key, *keys])


def test_account_form_at_80x24(snap_compare: SnapCompare, app: IcpApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, press=["1", "e"])


def test_step3_help_at_80x24(snap_compare: SnapCompare, app: IcpApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, press=["3", "question_mark"])
