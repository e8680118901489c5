"""Trait fields: reading typed text per attribute type, and merging queued edits."""

from __future__ import annotations

import pytest

from icp_tui.domain.attributes import STANDARD_CATALOGUE
from icp_tui.widgets.trait_field import TraitField, format_trait, read_trait

EMPLOYEES = STANDARD_CATALOGUE.require("employees")
INDUSTRY = STANDARD_CATALOGUE.require("industry")
PARTNERSHIP = STANDARD_CATALOGUE.require("partnership")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,200", 1200), ("5M", 5_000_000), ("10k", 10_000), ("12.5 million", 12_500_000)],
)
def test_read_number_as_people_write(text: str, expected: float) -> None:
    assert read_trait(EMPLOYEES, text) == expected


def test_read_empty_text_is_unknown() -> None:
    assert read_trait(EMPLOYEES, "  ") is None


def test_read_bad_number_names_field() -> None:
    with pytest.raises(ValueError, match=r"^Employees: '12 ppl' has an unknown unit"):
        read_trait(EMPLOYEES, "12 ppl")


def test_read_negative_number_rejected() -> None:
    with pytest.raises(ValueError, match=r"^Employees: '-3' is negative"):
        read_trait(EMPLOYEES, "-3")


def test_read_too_large_number_says_so() -> None:
    with pytest.raises(ValueError, match=r"^Employees: '2000000000000000' is too large"):
        read_trait(EMPLOYEES, "2000000000000000")


def test_read_category_trims_spaces() -> None:
    assert read_trait(INDUSTRY, "  Health   care ") == "Health care"


@pytest.mark.parametrize("text", ["0", "6", "x", "4.5"])
def test_read_scale_off_scale_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=r"^Partnership: .* is not on the scale"):
        read_trait(PARTNERSHIP, text)


def test_read_scale_value() -> None:
    assert read_trait(PARTNERSHIP, "4") == 4


def test_format_number_with_separators() -> None:
    assert format_trait(EMPLOYEES, 1200) == "1,200"


def test_format_unknown_is_empty() -> None:
    assert format_trait(EMPLOYEES, None) == ""


def test_edit_replaces_queued_same_trait() -> None:
    field = TraitField(EMPLOYEES, None)
    older = TraitField.Edited(field, "employees", 450)
    newer = TraitField.Edited(field, "employees", 4500)

    assert newer.can_replace(older)


def test_edit_keeps_queued_other_trait() -> None:
    field = TraitField(EMPLOYEES, None)
    older = TraitField.Edited(field, "industry", "Retail")
    newer = TraitField.Edited(field, "employees", 4500)

    assert not newer.can_replace(older)
