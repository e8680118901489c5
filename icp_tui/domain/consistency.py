"""Consistency of each attribute across the best accounts (best and near miss).

For every attribute the analysis returns a verdict with a one-line reason:

- Categories are consistent when at least two thirds of the known values share the most
  common value, and a pattern when the two most common values cover two thirds.
- Numbers (money and counts) are consistent when all known values lie within one order
  of magnitude (the largest at most ten times the smallest), and a pattern when two
  thirds of them do.
- Scales are consistent when all known values lie within one point, and a pattern when
  two thirds of them do.
- Otherwise the values vary without pattern. When fewer than two best accounts, or fewer
  than half of them, have a value, there is not enough data for a verdict.

Category values that differ only superficially (case, spaces, punctuation, or one typing
slip in a word of six letters or more, such as "technolgy") count as the same value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from icp_tui.domain.attributes import (
    Attribute,
    AttributeType,
    Catalogue,
    TraitValue,
    normalise_category,
)
from icp_tui.domain.evidence import at_least_two_thirds, chosen_accounts, poor_accounts
from icp_tui.domain.models import PastAccount, format_number

ORDER_OF_MAGNITUDE = 10.0
SCALE_SPREAD = 1
TYPO_MIN_LENGTH = 6
"""Minimum word length at which one typing slip still counts as the same value.

Shorter words differ too easily by one letter, as "Mali" and "Bali" do."""

Within = Callable[[float, float], bool]
"""A test of whether a low and a high value belong in one cluster."""


class Verdict(StrEnum):
    """Verdict on how far the best accounts share an attribute."""

    CONSISTENT = "consistent"
    PATTERN = "pattern"
    VARIES = "varies"
    NOT_ENOUGH_DATA = "not_enough_data"

    @property
    def label(self) -> str:
        return {
            Verdict.CONSISTENT: "consistent",
            Verdict.PATTERN: "a pattern",
            Verdict.VARIES: "varies without pattern",
            Verdict.NOT_ENOUGH_DATA: "not enough data",
        }[self]


@dataclass(frozen=True, slots=True)
class AccountValue:
    """One account's value of one attribute; None when it is unknown."""

    name: str
    value: TraitValue | None


@dataclass(frozen=True, slots=True)
class CategoryGroup:
    """Category values that count as one, with the accounts that have them."""

    written: tuple[str, ...]
    """Distinct spellings as the accounts write them, most common first."""
    accounts: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.written[0]

    @property
    def count(self) -> int:
        return len(self.accounts)


@dataclass(frozen=True, slots=True)
class AttributeConsistency:
    """The verdict on one attribute, with the values it was drawn from."""

    attribute: Attribute
    verdict: Verdict
    reason: str
    best_values: tuple[AccountValue, ...]
    """Values of the best and near-miss accounts, in the order of the account list."""
    poor_values: tuple[AccountValue, ...]
    """Values of the poor accounts, shown beside the best ones for contrast."""

    @property
    def known_best_values(self) -> list[TraitValue]:
        return [item.value for item in self.best_values if item.value is not None]


def attribute_consistency(
    accounts: Iterable[PastAccount], catalogue: Catalogue
) -> list[AttributeConsistency]:
    """Return the verdict on every attribute of `catalogue`, in catalogue order."""
    accounts = list(accounts)
    best = chosen_accounts(accounts)
    poor = poor_accounts(accounts)
    results: list[AttributeConsistency] = []
    for attribute in catalogue:
        best_values = tuple(AccountValue(a.name, a.traits.get(attribute.key)) for a in best)
        poor_values = tuple(AccountValue(a.name, a.traits.get(attribute.key)) for a in poor)
        verdict, reason = judge(attribute, best_values)
        results.append(AttributeConsistency(attribute, verdict, reason, best_values, poor_values))
    return results


def judge(attribute: Attribute, values: Sequence[AccountValue]) -> tuple[Verdict, str]:
    """Return the verdict and its one-line reason for the best accounts' `values`."""
    known = [item for item in values if item.value is not None]
    if not values:
        return Verdict.NOT_ENOUGH_DATA, "no best or near-miss account is chosen yet"
    if not known:
        return Verdict.NOT_ENOUGH_DATA, f"none of the {len(values)} best accounts has a value"
    if len(known) < 2 or 2 * len(known) < len(values):
        return (
            Verdict.NOT_ENOUGH_DATA,
            f"only {len(known)} of {len(values)} best accounts have a value",
        )
    if attribute.type is AttributeType.CATEGORY:
        verdict, reason = _judge_categories(known)
    elif attribute.type is AttributeType.SCALE:
        verdict, reason = _judge_spread(known, _within_one_point, "one point")
    else:
        verdict, reason = _judge_spread(known, _within_one_order, "one order of magnitude")
    unknown = len(values) - len(known)
    if unknown:
        reason += f" ({unknown} unknown)"
    return verdict, reason


# Categories


def _loose_key(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _at_most_one_edit(first: str, second: str) -> bool:
    """Test whether one insertion, deletion, substitution or swap of neighbours turns
    `first` into `second`."""
    if first == second:
        return True
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        differences = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        if len(differences) == 1:
            return True
        if len(differences) == 2:
            i, j = differences
            return j == i + 1 and first[i] == second[j] and first[j] == second[i]
        return False
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def same_category(first: str, second: str) -> bool:
    """Test whether two category values differ only superficially (see the module doc)."""
    a, b = _loose_key(first), _loose_key(second)
    if a == b:
        return True
    return min(len(a), len(b)) >= TYPO_MIN_LENGTH and _at_most_one_edit(a, b)


def group_categories(values: Iterable[AccountValue]) -> list[CategoryGroup]:
    """Group known category values that differ only superficially; largest group first."""
    written: dict[str, Counter[str]] = {}
    names: dict[str, list[str]] = {}
    for item in values:
        if not isinstance(item.value, str):
            continue
        key = normalise_category(item.value)
        written.setdefault(key, Counter())[" ".join(item.value.split())] += 1
        names.setdefault(key, []).append(item.name)

    # Join the most common spellings first, so a group is named after its usual spelling.
    ordered = sorted(names, key=lambda key: (-len(names[key]), key))
    members: list[list[str]] = []
    for key in ordered:
        for group in members:
            if any(same_category(key, other) for other in group):
                group.append(key)
                break
        else:
            members.append([key])

    groups: list[CategoryGroup] = []
    for group in members:
        spellings: Counter[str] = Counter()
        for key in group:
            spellings.update(written[key])
        by_use = sorted(spellings, key=lambda text: (-spellings[text], text.casefold(), text))
        accounts = tuple(name for key in group for name in names[key])
        groups.append(CategoryGroup(tuple(by_use), accounts))
    return sorted(groups, key=lambda g: (-g.count, g.label.casefold(), g.label))


def _judge_categories(known: Sequence[AccountValue]) -> tuple[Verdict, str]:
    groups = group_categories(known)
    total = len(known)
    top = groups[0]
    if at_least_two_thirds(top.count, total):
        if top.count == total:
            return Verdict.CONSISTENT, f"all {total} are {top.label}"
        return Verdict.CONSISTENT, f"{top.count} of {total} share {top.label}"
    if len(groups) > 1 and at_least_two_thirds(top.count + groups[1].count, total):
        return (
            Verdict.PATTERN,
            f"{top.count + groups[1].count} of {total} are {top.label} or {groups[1].label}",
        )
    return (
        Verdict.VARIES,
        f"{total} accounts spread over {len(groups)} values; the most common, "
        f"{top.label}, covers {top.count}",
    )


# Numbers and scales


def _within_one_order(low: float, high: float) -> bool:
    if low <= 0:
        return high == 0
    return high <= ORDER_OF_MAGNITUDE * low


def _within_one_point(low: float, high: float) -> bool:
    return high - low <= SCALE_SPREAD


def _widest_cluster(
    known: Sequence[AccountValue], within: Within
) -> tuple[list[AccountValue], list[AccountValue]]:
    """Return the largest run of values that fit together, and the values outside it.

    Among runs of equal size the one with the smallest values wins, so the result is the
    same on every call.
    """
    ordered = sorted(known, key=lambda item: (_number(item.value), item.name))
    best_start, best_end = 0, 0
    start = 0
    for end in range(len(ordered)):
        while not within(_number(ordered[start].value), _number(ordered[end].value)):
            start += 1
        if end + 1 - start > best_end - best_start:
            best_start, best_end = start, end + 1
    cluster = ordered[best_start:best_end]
    outside = ordered[:best_start] + ordered[best_end:]
    return cluster, outside


def _number(value: TraitValue | None) -> float:
    if isinstance(value, str) or value is None:
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _span(cluster: Sequence[AccountValue]) -> str:
    low = _number(cluster[0].value)
    high = _number(cluster[-1].value)
    if low == high:
        return f"are {format_number(low)}"
    return f"lie between {format_number(low)} and {format_number(high)}"


def _names(items: Sequence[AccountValue], limit: int = 3) -> str:
    shown = [item.name for item in items[:limit]]
    if len(items) > limit:
        shown.append(f"{len(items) - limit} more")
    if len(shown) == 1:
        return f"{shown[0]} is"
    return ", ".join(shown[:-1]) + f" and {shown[-1]} are"


def _judge_spread(
    known: Sequence[AccountValue], within: Within, distance: str
) -> tuple[Verdict, str]:
    total = len(known)
    cluster, outside = _widest_cluster(known, within)
    if not outside:
        return Verdict.CONSISTENT, f"all {total} {_span(cluster)}, within {distance}"
    if at_least_two_thirds(len(cluster), total):
        return (
            Verdict.PATTERN,
            f"{len(cluster)} of {total} {_span(cluster)}; {_names(outside)} outside",
        )
    values = sorted(_number(item.value) for item in known)
    return (
        Verdict.VARIES,
        f"values run from {format_number(values[0])} to {format_number(values[-1])} "
        f"and no two thirds of them lie within {distance}",
    )
