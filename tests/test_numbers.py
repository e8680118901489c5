"""The number reader: forms people write, ambiguous and unreadable text."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icp_tui.domain.numbers import (
    NumberFormatError,
    describe_number,
    parse_amount,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1200", 1200),
        ("1,200", 1200),
        ("1,200,000", 1_200_000),
        ("1,200.50", 1200.5),
        ("$5M", 5_000_000),
        ("10k", 10_000),
        ("10K", 10_000),
        ("12.5 million", 12_500_000),
        ("EUR 1.2m", 1_200_000),
        ("€1.2m", 1_200_000),
        ("5 000 €", 5000),
        ("1'200", 1200),
        ("3 bn", 3_000_000_000),
        ("2.5 billion USD", 2_500_000_000),
        ("USD 750", 750),
        ("  42  ", 42),
        (".5", 0.5),
        ("-12", -12),
        ("1.200,50", 1200.5),
    ],
)
def test_parse_number_reads_written_forms(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.200,50", 1200.5),
        ("1.200", 1200),
        ("1,5", 1.5),
        ("1.200.000", 1_200_000),
        ("€ 2,5 Mio", 2_500_000),
    ],
)
def test_parse_number_decimal_comma_forms(text: str, expected: float) -> None:
    assert parse_number(text, decimal_comma=True) == expected


@pytest.mark.parametrize(
    ("text", "decimal_comma", "reason"),
    [
        ("1,5", False, "ambiguous"),
        ("1.5", True, "ambiguous"),
        ("1,20,000", False, "misplaced"),
        ("1.200.5", False, "misplaced"),
        ("12 apples", False, "unknown unit"),
        ("n/a", False, "not a number"),
        ("", False, "empty"),
        ("1 20", False, "misplaced spaces"),
        ("9" * 40, False, "too many digits"),
    ],
)
def test_parse_number_rejects_with_reason(text: str, decimal_comma: bool, reason: str) -> None:
    with pytest.raises(NumberFormatError, match=reason):
        parse_number(text, decimal_comma=decimal_comma)


def test_parse_amount_exact_in_millions() -> None:
    amount, has_magnitude = parse_amount("1100.04")

    assert amount * 10**6 == Decimal("1100040000")
    assert not has_magnitude


def test_parse_amount_reports_magnitude() -> None:
    _, has_magnitude = parse_amount("$5M")

    assert has_magnitude


def test_describe_number_groups_thousands() -> None:
    assert describe_number(5_000_000) == "5,000,000"
    assert describe_number(12.5) == "12.5"


@given(st.integers(min_value=0, max_value=10**15))
def test_grouped_integers_read_back(value: int) -> None:
    assert parse_number(f"{value:,}") == value


@given(st.integers(min_value=0, max_value=10**15))
def test_dot_grouped_integers_read_back_with_decimal_comma(value: int) -> None:
    written = f"{value:,}".replace(",", ".")

    assert parse_number(written, decimal_comma=True) == value


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_two_decimal_amounts_read_back(value: Decimal) -> None:
    assert parse_number(f"{value:,.2f}") == float(value)


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    st.sampled_from([("k", 10**3), ("M", 10**6), (" million", 10**6), ("bn", 10**9)]),
)
def test_magnitudes_multiply_exactly(value: Decimal, suffix: tuple[str, int]) -> None:
    word, factor = suffix

    assert parse_number(f"${value}{word}") == float(value * factor)


@given(st.text(max_size=30), st.booleans())
def test_any_text_reads_or_raises_number_error(text: str, decimal_comma: bool) -> None:
    try:
        value = parse_number(text, decimal_comma=decimal_comma)
    except NumberFormatError:
        return
    assert math.isfinite(value)
