"""Reading numbers as people write them: "1,200", "$5M", "10k", "12.5 million", "EUR 1.2m".

The reader accepts thousands separators, a currency symbol or code, and a magnitude word or
letter. It rejects, with a reason, text that is not a number and text whose separators could
be read two ways ("1,5" outside a decimal-comma file).
"""

from __future__ import annotations

import math
import re

CURRENCY_SYMBOLS = "$€£¥"
CURRENCY_CODES = ("USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK")

MULTIPLIERS: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mio": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
}

_CODE = "|".join(CURRENCY_CODES)
_SHAPE = re.compile(
    rf"^(?P<sign>[-+])?\s*(?:(?:{_CODE})\s*)?[{CURRENCY_SYMBOLS}]?\s*(?P<sign2>[-+])?"
    rf"(?P<digits>[0-9][0-9.,' \u00a0\u202f]*|[.,][0-9]+)\s*"
    rf"(?P<suffix>[a-z]+)?\s*[{CURRENCY_SYMBOLS}]?\s*(?:(?:{_CODE}))?$",
    re.IGNORECASE,
)
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[,][0-9]{3})+$")
_GROUPED_DOT = re.compile(r"^[0-9]{1,3}(?:[.][0-9]{3})+$")


class NumberFormatError(ValueError):
    """Text that cannot be read as a number, with the reason."""


def parse_number(text: str, *, decimal_comma: bool = False) -> float:
    """Read `text` as a number; raise NumberFormatError saying why it cannot be read.

    With `decimal_comma`, a comma is the decimal mark and a dot groups thousands, as in
    "1.200,50"; this is how spreadsheets write numbers in semicolon-separated files.
    """
    original = text
    text = text.strip()
    if not text:
        raise NumberFormatError("the value is empty")
    match = _SHAPE.match(text)
    if match is None:
        raise NumberFormatError(f"{original!r} is not a number")
    digits = re.sub(r"[ '\u00a0\u202f]", "", match.group("digits"))
    value = _read_digits(digits, original, decimal_comma=decimal_comma)
    suffix = (match.group("suffix") or "").lower()
    if suffix:
        if suffix not in MULTIPLIERS:
            raise NumberFormatError(
                f"{original!r} has an unknown unit {suffix!r}; use k, M, B, thousand, million "
                "or billion"
            )
        value *= MULTIPLIERS[suffix]
    if "-" in ((match.group("sign") or "") + (match.group("sign2") or "")):
        value = -value
    if not math.isfinite(value):
        raise NumberFormatError(f"{original!r} is too large")
    return value


def _read_digits(digits: str, original: str, *, decimal_comma: bool) -> float:
    decimal, group = (",", ".") if decimal_comma else (".", ",")
    if decimal in digits and group in digits:
        if digits.rfind(group) > digits.rfind(decimal):
            raise NumberFormatError(
                f"{original!r} mixes separators in an order that cannot be read "
                f"(expected {group!r} for thousands and {decimal!r} for decimals)"
            )
        whole, _, fraction = digits.rpartition(decimal)
        if not (_GROUPED if group == "," else _GROUPED_DOT).match(whole) and group in whole:
            raise NumberFormatError(f"{original!r} has misplaced thousands separators")
        return _to_float(whole.replace(group, "") + "." + fraction, original)
    if group in digits:
        pattern = _GROUPED if group == "," else _GROUPED_DOT
        if pattern.match(digits):
            return _to_float(digits.replace(group, ""), original)
        if digits.count(group) == 1:
            raise NumberFormatError(
                f"{original!r} is ambiguous: {group!r} could be a thousands separator or a "
                "decimal mark; write it without the separator"
            )
        raise NumberFormatError(f"{original!r} has misplaced thousands separators")
    if digits.count(decimal) > 1:
        raise NumberFormatError(f"{original!r} has more than one decimal mark")
    return _to_float(digits.replace(decimal, "."), original)


def _to_float(text: str, original: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise NumberFormatError(f"{original!r} is not a number") from None


def describe_number(value: float) -> str:
    """Return how a number was read, for people: "5,000,000" or "12.5"."""
    if value == int(value) and abs(value) < 2**53:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
