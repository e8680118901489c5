"""Showing text that comes from data (names, notes) exactly as written.

Strings given to Textual widgets may be read as markup ("[bold]"), and control characters
could reach the terminal. Everything from the store goes through `literal` first.
"""

from __future__ import annotations

from rich.text import Text


def printable(text: str) -> str:
    """Replace control characters (escape codes among them) with a visible `\\xNN` form."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def literal(text: str, style: str = "") -> Text:
    """Return `text` as a Rich Text that no markup or escape sequence in it can change."""
    return Text(printable(text), style=style)
