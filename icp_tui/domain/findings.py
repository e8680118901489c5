"""Findings: what is wrong with the selection of best accounts or with the profile.

Selection findings (step 1), where "chosen" means marked best or near miss:
- `selection_size`: the number of chosen accounts is not 5 or 6;
- `no_near_miss`: no chosen account is a near miss;
- `largest_by_revenue`: with k accounts chosen, at least two thirds of them are among the
  k largest by revenue, while at least a third of the k accounts with the highest
  relationship scores are not chosen.

Profile findings (step 4), where "the best accounts" are the chosen ones:
- `not_five`: the profile does not have exactly five characteristics;
- `demographic_only` / `psychographic_only`: every characteristic is of one kind;
- `aspirational`: a characteristic that fewer than two thirds of the best accounts meet
  (a warning, or a note when recording the unknown values could still lift it over);
- `too_narrow`: fewer than two thirds of the best accounts match all characteristics but
  one (four of five);
- `matches_poor`: half or more of the poor accounts score strong or good.

Every finding is a warning unless stated above. Its message explains what is wrong and
what to do about it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from icp_tui.domain.attributes import AttributeKind, Catalogue
from icp_tui.domain.evidence import at_least_two_thirds, chosen_accounts, poor_accounts
from icp_tui.domain.models import PROFILE_SIZE, AccountTier, PastAccount, Profile, State
from icp_tui.domain.relationship import relationship_score
from icp_tui.domain.scoring import CharacteristicResult, ProfileScorer

SELECTION_SIZES = (5, 6)
STRONG_TIERS = frozenset({"strong", "good"})


class FindingCode(StrEnum):
    """Finding codes, as the `check` command prints them; scripts rely on these names."""

    SELECTION_SIZE = "selection_size"
    NO_NEAR_MISS = "no_near_miss"
    LARGEST_BY_REVENUE = "largest_by_revenue"
    DEMOGRAPHIC_ONLY = "demographic_only"
    PSYCHOGRAPHIC_ONLY = "psychographic_only"
    ASPIRATIONAL = "aspirational"
    TOO_NARROW = "too_narrow"
    MATCHES_POOR = "matches_poor"
    NOT_FIVE = "not_five"


class Severity(StrEnum):
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: a stable code, its severity and a message for the user."""

    code: FindingCode
    severity: Severity
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code.value, "severity": self.severity.value, "message": self.message}


def has_warnings(findings: Iterable[Finding]) -> bool:
    return any(finding.severity is Severity.WARNING for finding in findings)


def _names(names: Sequence[str], limit: int = 3) -> str:
    shown = list(names[:limit])
    if len(names) > limit:
        shown.append(f"{len(names) - limit} more")
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + f" and {shown[-1]}"


def workspace_findings(
    profile: Profile, accounts: Iterable[PastAccount], catalogue: Catalogue
) -> list[Finding]:
    """Return the selection findings followed by the profile findings."""
    accounts = list(accounts)
    return [*selection_findings(accounts), *profile_findings(profile, accounts, catalogue)]


def _in_sentence(label: str) -> str:
    # Lower-case the first letter of a label inside a sentence, but keep acronyms ("NPS").
    if label[:2].isupper():
        return label
    return label[:1].lower() + label[1:]


# Selection


def selection_findings(accounts: Iterable[PastAccount]) -> list[Finding]:
    """Check the choice of best and near-miss accounts.

    Return the findings in the order selection_size, no_near_miss, largest_by_revenue.
    """
    accounts = list(accounts)
    chosen = chosen_accounts(accounts)
    findings: list[Finding] = []
    if len(chosen) not in SELECTION_SIZES:
        findings.append(_selection_size(len(chosen)))
    if not any(account.tier is AccountTier.NEAR_MISS for account in chosen):
        findings.append(
            Finding(
                FindingCode.NO_NEAR_MISS,
                Severity.WARNING,
                "No chosen account is a near miss. Mark one account that you lost and wish "
                "you had kept as a near miss: it shows what the best customers look like "
                "before they sign.",
            )
        )
    largest = _largest_by_revenue(accounts, chosen)
    if largest is not None:
        findings.append(largest)
    return findings


def _selection_size(count: int) -> Finding:
    if count < SELECTION_SIZES[0]:
        advice = (
            f"mark {SELECTION_SIZES[0] - count} more, chosen by profitability, renewals, "
            "referrals and the working relationship"
        )
    else:
        advice = (
            f"keep the {SELECTION_SIZES[-1]} with the highest relationship scores and mark "
            "the rest as other"
        )
    accounts = "account is" if count == 1 else "accounts are"
    return Finding(
        FindingCode.SELECTION_SIZE,
        Severity.WARNING,
        f"{count} {accounts} marked best or near miss; the method works with 5 or 6, "
        f"enough to show a pattern without diluting it. To fix it, {advice}.",
    )


def _largest_by_revenue(
    accounts: Sequence[PastAccount], chosen: Sequence[PastAccount]
) -> Finding | None:
    size = len(chosen)
    with_revenue = [a for a in accounts if isinstance(a.traits.get("annual_revenue"), int | float)]
    # With no more accounts than chosen ones, every choice is "the largest": no evidence.
    if size == 0 or len(with_revenue) <= size:
        return None
    by_revenue = sorted(
        with_revenue, key=lambda a: (-float(a.traits["annual_revenue"]), a.name.casefold())
    )
    largest_ids = {a.id for a in by_revenue[:size]}
    chosen_ids = {a.id for a in chosen}
    chosen_largest = len(chosen_ids & largest_ids)
    if not at_least_two_thirds(chosen_largest, size):
        return None

    scored = [(a, relationship_score(a)) for a in accounts]
    with_evidence = [(a, s) for a, s in scored if s.has_evidence]
    if len(with_evidence) <= size:
        return None
    top = sorted(with_evidence, key=lambda item: (-item[1].value, item[0].name.casefold()))
    others = [a.name for a, _ in top[:size] if a.id not in chosen_ids]
    if 3 * len(others) < size:
        return None
    return Finding(
        FindingCode.LARGEST_BY_REVENUE,
        Severity.WARNING,
        f"{chosen_largest} of the {size} chosen accounts are your {size} largest by revenue, "
        f"while {_names(others)}, among your {size} highest relationship scores, "
        f"{'is' if len(others) == 1 else 'are'} not chosen. Choose the best accounts by "
        "profitability, renewals, referrals and the working relationship, not by size.",
    )


# Profile


def profile_findings(
    profile: Profile, accounts: Iterable[PastAccount], catalogue: Catalogue
) -> list[Finding]:
    """Check the profile against the accounts.

    Return the findings in the order not_five, demographic_only or psychographic_only,
    aspirational (one per characteristic), too_narrow, matches_poor. Overrides set on an
    account count as its state, as in scoring.
    """
    accounts = list(accounts)
    characteristics = profile.characteristics
    findings: list[Finding] = []
    if len(characteristics) != PROFILE_SIZE:
        findings.append(_not_five(len(characteristics)))
    if not characteristics:
        return findings

    kinds = {c.dimension for c in characteristics}
    if kinds == {AttributeKind.DEMOGRAPHIC}:
        findings.append(
            Finding(
                FindingCode.DEMOGRAPHIC_ONLY,
                Severity.WARNING,
                "Every characteristic is demographic. Two companies with the same industry and "
                "size can be very different to work with: add at least one psychographic "
                "characteristic, such as partnership or decision style.",
            )
        )
    elif kinds == {AttributeKind.PSYCHOGRAPHIC}:
        findings.append(
            Finding(
                FindingCode.PSYCHOGRAPHIC_ONLY,
                Severity.WARNING,
                "Every characteristic is psychographic, so nothing in the profile can be "
                "checked before the first conversation. Add at least one demographic "
                "characteristic, such as industry or employee count.",
            )
        )

    scorer = ProfileScorer(profile)
    best = chosen_accounts(accounts)
    if best:
        states = [scorer.states(a.traits, a.overrides) for a in best]
        findings.extend(_aspirational(profile, states, catalogue))
        narrow = _too_narrow(profile, states)
        if narrow is not None:
            findings.append(narrow)
    poor = poor_accounts(accounts)
    if poor:
        matching = [
            a.name for a in poor if scorer.score(a.traits, a.overrides).tier in STRONG_TIERS
        ]
        if 2 * len(matching) >= len(poor):
            findings.append(_matches_poor(matching, len(poor)))
    return findings


def _not_five(count: int) -> Finding:
    if count < PROFILE_SIZE:
        advice = (
            f"add {PROFILE_SIZE - count} drawn from what the best accounts share, mixing "
            "demographic and psychographic ones"
        )
    else:
        advice = f"keep the {PROFILE_SIZE} that the most best accounts meet"
    return Finding(
        FindingCode.NOT_FIVE,
        Severity.WARNING,
        f"The profile has {count} characteristic{'' if count == 1 else 's'}; it needs exactly "
        f"{PROFILE_SIZE}, few enough to remember on a call and enough to tell accounts apart. "
        f"To fix it, {advice}.",
    )


def _aspirational(
    profile: Profile, states: Sequence[Sequence[CharacteristicResult]], catalogue: Catalogue
) -> list[Finding]:
    findings: list[Finding] = []
    total = len(states)
    for index, characteristic in enumerate(profile.characteristics):
        column = [row[index].state for row in states]
        met = column.count(State.MATCH)
        unknown = column.count(State.UNKNOWN)
        if at_least_two_thirds(met, total):
            continue
        attribute = catalogue.get(characteristic.attribute)
        name = attribute.label if attribute is not None else characteristic.attribute
        detail = f"{met} of {total} best accounts meet it"
        if unknown:
            detail += f" and {unknown} have no {_in_sentence(name)} recorded"
        if at_least_two_thirds(met + unknown, total):
            findings.append(
                Finding(
                    FindingCode.ASPIRATIONAL,
                    Severity.INFO,
                    f"'{characteristic.label}' is not proven yet: {detail}. Record the missing "
                    "values to see whether most best accounts meet it.",
                )
            )
        else:
            findings.append(
                Finding(
                    FindingCode.ASPIRATIONAL,
                    Severity.WARNING,
                    f"'{characteristic.label}' is aspirational: {detail}, fewer than two "
                    "thirds. Widen the criterion to what the best accounts share, or replace "
                    "it with a trait they have in common.",
                )
            )
    return findings


def _too_narrow(
    profile: Profile, states: Sequence[Sequence[CharacteristicResult]]
) -> Finding | None:
    count = len(profile.characteristics)
    needed = max(count - 1, 1)
    total = len(states)
    enough = sum(1 for row in states if sum(1 for r in row if r.state is State.MATCH) >= needed)
    if at_least_two_thirds(enough, total):
        return None
    # Name the characteristics that miss the most best accounts: widening them helps most.
    misses = [
        (sum(1 for row in states if row[i].state is not State.MATCH), c.label)
        for i, c in enumerate(profile.characteristics)
    ]
    worst = [
        f"'{label}' ({missed} missed)"
        for missed, label in sorted(misses, key=lambda m: -m[0])
        if missed
    ]
    return Finding(
        FindingCode.TOO_NARROW,
        Severity.WARNING,
        f"Only {enough} of {total} best accounts match at least {needed} of the {count} "
        "characteristics; at least two thirds should, or the profile describes a customer "
        f"you rarely have. Widen the criteria that miss the most: {_names(worst, len(worst))}.",
    )


def _matches_poor(matching: Sequence[str], poor: int) -> Finding:
    return Finding(
        FindingCode.MATCHES_POOR,
        Severity.WARNING,
        f"{len(matching)} of {poor} poor accounts score strong or good ({_names(matching)}), "
        "so the profile describes the customers you have rather than the ones you want. "
        "Add or sharpen a characteristic on which the poor accounts differ from the best.",
    )
