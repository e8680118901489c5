"""`icp-tui check`: list the findings on the selection of best accounts and on the profile.

Exit status 1 when any finding is a warning, otherwise 0. The JSON output is exactly
`{"findings": [{"code", "severity", "message"}]}`; the text output adds the backtest.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from icp_tui.commands.output import json_text
from icp_tui.domain.backtest import Backtest, backtest, fit_chart
from icp_tui.domain.findings import Finding, Severity, has_warnings, workspace_findings
from icp_tui.domain.report import escape_controls
from icp_tui.store import WorkspaceStore

NAME = "check"
TEXT_WIDTH = 78
EXIT_WARNINGS = 1


def add_parser(subparsers: Any, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        NAME,
        parents=[parent],
        help="check the best-account selection and the profile against the evidence",
        description="List the findings on the chosen best accounts and on the profile, "
        "then how well the profile separates best from poor accounts. Exit status 1 when "
        "any finding is a warning.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def run(args: argparse.Namespace, store: WorkspaceStore) -> int:
    accounts = store.accounts()
    profile = store.profile()
    findings = workspace_findings(profile, accounts, store.catalogue())
    if args.format == "json":
        document = {"findings": [finding.to_json() for finding in findings]}
        print(json_text(document))
    else:
        print(check_text(findings, backtest(profile, accounts)), end="")
    return EXIT_WARNINGS if has_warnings(findings) else 0


def check_text(findings: list[Finding], result: Backtest) -> str:
    """Return the findings as a readable list, then the backtest sentence and chart."""
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    notes = len(findings) - warnings
    lines: list[str] = []
    if findings:
        parts = [_count(warnings, "warning"), _count(notes, "note")]
        lines.append("Findings: " + " and ".join(p for p in parts if not p.startswith("0 ")) + ".")
    else:
        lines.append("No findings: the selection and the profile pass every check.")
    for finding in findings:
        lines.append("")
        lines.append(f"{finding.severity.value.upper()}  {finding.code.value}")
        lines.extend(
            textwrap.wrap(
                escape_controls(finding.message),
                TEXT_WIDTH,
                initial_indent="  ",
                subsequent_indent="  ",
            )
        )
    lines.append("")
    lines.extend(textwrap.wrap(result.summary(), TEXT_WIDTH))
    if result.separation is not None:
        lines.append("")
        lines.extend(fit_chart(result))
    return "\n".join(lines) + "\n"


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"
