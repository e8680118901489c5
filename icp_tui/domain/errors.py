"""Readable messages for validation failures, naming the field and the value."""

from __future__ import annotations

from pydantic import ValidationError


class InvalidInput(ValueError):
    """Bad input from a person or a file, with a message ready to show as it is."""


def describe_validation_error(error: ValidationError, *, prefix: str = "") -> str:
    """Return one line per problem: `field: message (value: ...)`."""
    lines: list[str] = []
    for problem in error.errors(include_url=False):
        location = ".".join(str(part) for part in problem["loc"])
        if prefix:
            location = f"{prefix}.{location}" if location else prefix
        message = problem["msg"].removeprefix("Value error, ")
        value = problem.get("input")
        shown = "" if isinstance(value, dict) or repr(value) in message else f" (value: {value!r})"
        lines.append(f"{location or 'record'}: {message}{shown}")
    return "\n".join(lines)
