"""The profile as a one-page Markdown card, to print or to paste into a team's wiki."""

from __future__ import annotations

import re
from collections.abc import Sequence

from icp_tui.domain.attributes import Attribute, AttributeKind, AttributeType, Catalogue
from icp_tui.domain.models import AccountTier, Criterion, PastAccount, Profile, State
from icp_tui.domain.scoring import INCOMPLETE_BELOW, ProfileScorer

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape_markdown(text: str) -> str:
    """Return `text` with Markdown syntax escaped and line breaks folded, for a table cell."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def profile_card(
    profile: Profile, catalogue: Catalogue, accounts: Sequence[PastAccount] = ()
) -> str:
    """Return the profile as Markdown: characteristics by dimension, tiers and evidence.

    With past accounts, each characteristic shows how many best accounts match it: the
    evidence that the characteristic describes the customers the user wins with.
    """
    best = [a for a in accounts if a.tier is AccountTier.BEST]
    scorer = ProfileScorer(profile)
    matches = [0] * len(profile.characteristics)
    for account in best:
        for number, result in enumerate(scorer.states(account.traits, account.overrides)):
            matches[number] += result.state is State.MATCH

    lines = [f"# {escape_markdown(profile.name)}", ""]
    if not profile.characteristics:
        lines += ["No characteristics yet.", ""]
    header = "| # | Characteristic | Attribute | Criterion | Weight |"
    rule = "|---|---|---|---|---|"
    if best:
        header += " Best accounts |"
        rule += "---|"
    for kind in (AttributeKind.DEMOGRAPHIC, AttributeKind.PSYCHOGRAPHIC):
        numbered = [
            (number, c)
            for number, c in enumerate(profile.characteristics, start=1)
            if c.dimension is kind
        ]
        if not numbered:
            continue
        lines += [f"## {kind.value.capitalize()}", "", header, rule]
        for number, characteristic in numbered:
            attribute = catalogue.get(characteristic.attribute)
            cells = [
                str(number),
                escape_markdown(characteristic.label),
                escape_markdown(attribute.label if attribute else characteristic.attribute),
                escape_markdown(_criterion_text(characteristic.criterion, attribute)),
                str(characteristic.weight),
            ]
            if best:
                cells.append(f"{matches[number - 1]} of {len(best)}")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")

    tiers = profile.tiers
    lines += [
        "## Tiers",
        "",
        f"Strong {tiers.strong:g}% and over, good {tiers.good:g}% and over, partial "
        f"{tiers.partial:g}% and over, weak below. A prospect with less than "
        f"{INCOMPLETE_BELOW:g}% of the profile known is marked incomplete.",
        "",
        "The profile is for planning: every mismatch or unknown is a red flag that needs a "
        "strategy, not a reason to drop the account.",
        "",
    ]
    return "\n".join(lines)


def _criterion_text(criterion: Criterion, attribute: Attribute | None) -> str:
    if attribute is not None and attribute.type is AttributeType.SCALE and attribute.low_pole:
        return f"{criterion.describe()} (1 {attribute.low_pole}, 5 {attribute.high_pole})"
    return criterion.describe()
