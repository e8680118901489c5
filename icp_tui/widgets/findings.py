"""A panel of evidence findings: each with a word for its severity, so it reads without colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.text import Text
from textual.widgets import Static


class FindingLike(Protocol):
    """A finding as the panel reads it: a severity (`warning` or `info`) and a message."""

    @property
    def severity(self) -> str: ...

    @property
    def message(self) -> str: ...


SEVERITY_MARKS = {"warning": ("! warning ", "bold $warning"), "info": ("i note ", "dim")}


class FindingsPanel(Static, can_focus=True):
    """The findings of one step, or a line saying there is nothing to report.

    It takes focus (Tab) so that, when it lies below the fold at 80x24, focusing it
    scrolls it into view.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="panel findings")
        self.border_title = "Findings"

    def show(
        self,
        summary: Text | str,
        findings: Sequence[FindingLike] | None,
        *,
        empty_message: str | None = "OK: nothing to warn about.",
    ) -> None:
        """Show `summary` and the findings; None means the checks are not available."""
        text = Text()
        text.append_text(summary if isinstance(summary, Text) else Text(summary))
        if findings is None:
            text.append("\nThe evidence checks for this step are not available yet.", "dim")
        elif not findings and empty_message:
            text.append(f"\n{empty_message}")
        for finding in findings or ():
            mark, _style = SEVERITY_MARKS.get(finding.severity, ("- ", ""))
            text.append("\n")
            text.append(mark, "bold" if finding.severity == "warning" else "")
            # Messages are our own words but may quote account names, so they stay literal.
            text.append(finding.message)
        self.update(text)
