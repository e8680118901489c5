"""Readable messages for validation failures, naming the field and the value."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

LIST_ITEM_NAMES = {"characteristics": "characteristic"}
"""Noun that names one item of each of these lists in messages: "characteristic 2"."""

VALUE_SHOWN_MAX = 40
"""Characters of a rejected text shown in a message; a longer text is cut (see `shorten`)."""

LABEL_SHOWN_MAX = 40
"""Characters of an item's label shown in a location; a longer label is cut."""

PLAIN_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "is not a known field; check its spelling or remove it",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
}
"""Message per pydantic error type, read after the field's name."""

BOUND_MESSAGES = {
    "greater_than_equal": ("ge", "must be {} or more"),
    "less_than_equal": ("le", "must be {} or less"),
    "greater_than": ("gt", "must be more than {}"),
    "less_than": ("lt", "must be less than {}"),
    "string_too_long": ("max_length", "must be at most {} characters long"),
    "too_long": ("max_length", "must have at most {} items"),
    "too_short": ("min_length", "must have at least {} items"),
}
"""Pydantic error types about a limit: the context key of the limit and the message."""


class InvalidInput(ValueError):
    """Bad input from a person or a file, with a message ready to show as it is."""


class InvalidValue(ValueError):
    """A rejected value: the message names the value, and `reason` gives the cause without it.

    A caller that already shows the value as the user wrote it, such as a CSV cell's
    text, shows `reason` alone, so that a converted form of the value (-5.0 for "-5") is
    not shown beside it.
    """

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = message if reason is None else reason


def shorten(text: str, limit: int = VALUE_SHOWN_MAX) -> str:
    """Return `text` cut to `limit` characters with an ellipsis, or unchanged if it fits."""
    return text if len(text) <= limit else text[:limit] + "\u2026"


def describe_validation_error(
    error: ValidationError,
    *,
    prefix: str = "",
    data: Any = None,
    field_rules: Mapping[str, str] | None = None,
) -> str:
    """Return one line per problem: `where: what is wrong (value: ...)`.

    Positions in lists are counted from 1. An item of a list named in LIST_ITEM_NAMES is
    named as a person reads the file, with its label when `data`, the validated input,
    gives one: "characteristic 1 (Industry): criterion.min: must be a number". A field
    named in `field_rules` gets "must be RULE" for any wrong type or value.
    """
    lines: list[str] = []
    for problem in error.errors(include_url=False):
        location = describe_location(problem["loc"], data)
        if prefix:
            location = f"{prefix}: {location}" if location else prefix
        message = plain_message(problem, field_rules or {})
        shown = "" if problem["type"] == "missing" else _shown_value(problem.get("input"), message)
        lines.append(f"{location or 'record'}: {message}{shown}")
    return "\n".join(lines)


def describe_location(loc: Sequence[int | str], data: Any = None) -> str:
    """Return a validation error's location as a person reads it, counting from 1."""
    pieces: list[str] = []
    path: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, str):
            path.append(part)
            node = node.get(part) if isinstance(node, dict) else None
            continue
        node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        owner = path[-1] if path else ""
        if owner in LIST_ITEM_NAMES:
            if path[:-1]:
                pieces.append(".".join(path[:-1]))
            pieces.append(f"{LIST_ITEM_NAMES[owner]} {part + 1}{_label_of(node)}")
            path = []
        elif path:
            path[-1] += f" item {part + 1}"
        else:
            path.append(f"item {part + 1}")
    if path:
        pieces.append(".".join(path))
    return ": ".join(pieces)


def plain_message(problem: ErrorDetails, field_rules: Mapping[str, str]) -> str:
    """Return what is wrong in plain words, for pydantic's usual error types."""
    kind = problem["type"]
    context = problem.get("ctx") or {}
    field = next((part for part in reversed(problem["loc"]) if isinstance(part, str)), "")
    if kind in ("value_error", "assertion_error"):
        return problem["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if field in field_rules and kind not in ("missing", "extra_forbidden"):
        return f"must be {field_rules[field]}"

    if kind in PLAIN_MESSAGES:
        return PLAIN_MESSAGES[kind]
    if kind in BOUND_MESSAGES:
        bound_key, template = BOUND_MESSAGES[kind]
        return template.format(context.get(bound_key))
    if kind in ("enum", "literal_error"):
        return f"must be {context.get('expected')}"

    # Other types keep pydantic's sentence, reworded to read after the field name.
    message = problem["msg"].replace("Input should be", "must be")
    return message[:1].lower() + message[1:]


def _label_of(node: Any) -> str:
    label = node.get("label") if isinstance(node, dict) else None
    if not isinstance(label, str) or not label.strip():
        return ""
    text = " ".join(label.split())
    if len(text) > LABEL_SHOWN_MAX:
        text = text[: LABEL_SHOWN_MAX - 3] + "..."
    return f" ({text})"


def json_spelling(value: object) -> str:
    """Return `value` spelt as in a JSON file (true, null, "4").

    Store and profile problems quote values this way. A value JSON cannot contain is shown
    in its Python form.
    """
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def _shown_value(value: Any, message: str) -> str:
    # An object is described by its own fields' messages, and text that the message
    # already quotes is not repeated.
    if isinstance(value, dict):
        return ""
    # Text keeps Python's quotes here, which the messages around it use too.
    text = json_spelling(value) if value is None or isinstance(value, bool) else repr(value)
    if isinstance(value, str) and (text in message or repr(shorten(value)) in message):
        return ""
    if len(text) > VALUE_SHOWN_MAX:
        if not isinstance(value, str):
            return ""
        text = repr(shorten(value))
    return f" (value: {text})"
