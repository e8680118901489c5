"""Reading numbers as people write them: "1,200", "$5M", "10k", "12.5 million", "EUR 1.2m".

The reader accepts thousands separators, a currency symbol or code before or after the
number, and a magnitude word or letter. It rejects, with a reason, text that is not a number
and text whose separators could be read two ways.

Separator rules, where the file's convention is either "." or "," as the decimal mark:
- both "." and "," present: the last one is the decimal mark, the other groups thousands;
- one kind repeated ("1,200,000"): it groups thousands;
- one separator once: the file's decimal mark is a decimal mark. The file's grouping mark
  must be followed by exactly three digits ("1,200"), otherwise the value is ambiguous.
Spaces, no-break spaces and apostrophes may also group thousands ("1 200", "1'200").

Amounts are computed in decimal arithmetic, so "1100.04" in millions is 1100040000 exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from icp_tui.domain.errors import InvalidValue

CURRENCY_SYMBOLS = "$€£¥"
CURRENCY_CODES = ("USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK")

MULTIPLIERS: dict[str, int] = {
    "k": 10**3,
    "thousand": 10**3,
    "thousands": 10**3,
    "m": 10**6,
    "mm": 10**6,
    "mn": 10**6,
    "mio": 10**6,
    "million": 10**6,
    "millions": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "billion": 10**9,
    "billions": 10**9,
}
"""Magnitude suffixes, case-insensitive. "M" is a million, as CRMs and finance write it."""

_CODE = "|".join(CURRENCY_CODES)
_SHAPE = re.compile(
    rf"^(?P<sign>[-+])?\s*(?:(?:{_CODE})\s*)?[{CURRENCY_SYMBOLS}]?\s*(?P<sign2>[-+])?"
    rf"(?P<digits>[0-9][0-9.,' \u00a0\u202f]*|[.,][0-9]+)\s*"
    rf"(?P<suffix>[a-z]+)?\.?\s*[{CURRENCY_SYMBOLS}]?\s*(?:(?:{_CODE}))?$",
    re.IGNORECASE,
)
_PLAIN = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_PLAIN_COMMA = re.compile(r"^[0-9]+(?:,[0-9]+)?$")
_SPACE_GROUPS = re.compile(r"^[0-9]{1,3}(?:[ '\u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?$")
_SPACES = re.compile(r"[ '\u00a0\u202f]")

MAX_DIGITS = 30
"""Longer digit strings are rejected: no trait needs them and they only cost time."""


class NumberFormatError(InvalidValue):
    """Text that cannot be read as a number, with the reason."""


def _rejected(text: str, reason: str) -> NumberFormatError:
    return NumberFormatError(f"{text!r} {reason}", reason)


def parse_number(text: str, *, decimal_comma: bool = False) -> float:
    """Read `text` as a number; raise NumberFormatError saying why it cannot be read.

    With `decimal_comma`, a comma is the decimal mark and a dot groups thousands, as in
    "1.200,50"; this is how spreadsheets write numbers in semicolon-separated files.
    """
    value, _ = parse_amount(text, decimal_comma=decimal_comma)
    return to_float(value, text)


def parse_amount(text: str, *, decimal_comma: bool = False) -> tuple[Decimal, bool]:
    """Read `text` as an exact decimal; also return whether it carried a magnitude ("5M").

    Raise NumberFormatError saying why the text cannot be read.
    """
    stripped = text.strip()
    # Plain numbers are the common case in an export, so they skip the general pattern.
    if (_PLAIN_COMMA if decimal_comma else _PLAIN).match(stripped) and len(stripped) <= MAX_DIGITS:
        return Decimal(stripped.replace(",", ".")), False
    if not stripped:
        raise NumberFormatError("the value is empty")
    match = _SHAPE.match(stripped)
    if match is None:
        raise _rejected(text, "is not a number")
    digits = match.group("digits").strip()
    if _SPACES.search(digits):
        if not _SPACE_GROUPS.match(digits):
            raise _rejected(text, "has misplaced spaces between digits")
        digits = _SPACES.sub("", digits)
    if len(digits) > MAX_DIGITS:
        raise _rejected(text, "has too many digits")
    value = _read_digits(digits, text, decimal_comma=decimal_comma)
    suffix = (match.group("suffix") or "").lower()
    if suffix:
        if suffix not in MULTIPLIERS:
            raise _rejected(
                text,
                f"has an unknown unit {suffix!r}; use k, M, B, thousand, million or billion",
            )
        value *= MULTIPLIERS[suffix]
    if "-" in ((match.group("sign") or "") + (match.group("sign2") or "")):
        value = -value
    return value, bool(suffix)


def to_float(value: Decimal, text: str) -> float:
    """Return `value` as a float; raise NumberFormatError naming `text` if it is too large."""
    result = float(value)
    if result in (float("inf"), float("-inf")):
        raise _rejected(text, "is too large")
    return result


def _read_digits(digits: str, original: str, *, decimal_comma: bool) -> Decimal:
    decimal_mark, group_mark = (",", ".") if decimal_comma else (".", ",")
    has_dot = "." in digits
    has_comma = "," in digits
    if has_dot and has_comma:
        # The last separator is the decimal mark whatever the file's convention: "1.200,50"
        # and "1,200.50" can each be read only one way.
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        whole, _, fraction = digits.rpartition(decimal_mark)
        if decimal_mark in whole or not is_grouped(whole, group_mark):
            raise _rejected(original, "has misplaced thousands separators")
        return _to_decimal(whole.replace(group_mark, "") + "." + fraction, original)
    if not has_dot and not has_comma:
        return _to_decimal(digits, original)
    separator = "." if has_dot else ","
    if digits.count(separator) > 1:
        if not is_grouped(digits, separator):
            raise _rejected(original, "has misplaced thousands separators")
        return _to_decimal(digits.replace(separator, ""), original)
    if separator == decimal_mark:
        return _to_decimal(digits.replace(separator, "."), original)
    if is_grouped(digits, separator):
        return _to_decimal(digits.replace(separator, ""), original)
    raise _rejected(
        original,
        f"is ambiguous: {separator!r} is not followed by three digits, so it is no thousands "
        f"separator, and this file's decimal mark is {decimal_mark!r}",
    )


def is_grouped(digits: str, separator: str) -> bool:
    """Tell whether `separator` splits `digits` into thousands: "1,200,000" but not "1,20"."""
    head, *groups = digits.split(separator)
    return 1 <= len(head) <= 3 and all(len(group) == 3 for group in groups)


def _to_decimal(text: str, original: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise _rejected(original, "is not a number") from None


def describe_number(value: float) -> str:
    """Return how a number was read, for people: "5,000,000" or "12.5"."""
    if value == int(value) and abs(value) < 2**53:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
