"""Proposed criteria for the attributes on which the best accounts are consistent.

- A category gets the set of values of its most common group, with every spelling the
  best accounts use for it, so "Health care" and "healthcare" both match.
- A number gets a range from the smallest to the largest best value, widened to round
  bounds (1, 2 or 5 times a power of ten), so a best account a little beyond a round
  figure is never dropped. A lower bound of 0 is left open.
- A scale gets a threshold that every best value meets: "at least" the lowest or "at
  most" the highest, whichever covers fewer poor accounts.

Proposals are ranked by how well they separate the groups: the share of best accounts
covered minus the share of poor accounts covered.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from icp_tui.domain.attributes import (
    SCALE_MAX,
    SCALE_MIN,
    Attribute,
    AttributeType,
    Catalogue,
    TraitValue,
)
from icp_tui.domain.consistency import (
    AccountValue,
    AttributeConsistency,
    Verdict,
    group_categories,
)
from icp_tui.domain.models import Characteristic, Criterion, catalogue_context

ROUND_STEPS = (1, 2, 5)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A criterion proposed for one attribute, with the accounts it covers."""

    attribute: Attribute
    criterion: Criterion
    best_covered: int
    best_known: int
    """Best and near-miss accounts that have a value for the attribute."""
    poor_covered: int
    poor_known: int
    """Poor accounts that have a value for the attribute."""
    best_missed: tuple[str, ...]
    """Names of best accounts whose known value falls outside the criterion."""

    @property
    def separation(self) -> float:
        """Share of best accounts covered minus share of poor accounts covered (-1 to 1)."""
        best_share = self.best_covered / self.best_known if self.best_known else 0.0
        poor_share = self.poor_covered / self.poor_known if self.poor_known else 0.0
        return best_share - poor_share

    @property
    def label(self) -> str:
        """A field-ready label, such as `Employees: 200 to 2,000`."""
        return f"{self.attribute.label}: {self.criterion.describe()}"

    def characteristic(self, catalogue: Catalogue, weight: int = 1) -> Characteristic:
        """Return the proposal as a profile characteristic with the suggested label."""
        return Characteristic.model_validate(
            {
                "label": self.label,
                "attribute": self.attribute.key,
                "criterion": self.criterion.to_json(),
                "weight": weight,
            },
            context=catalogue_context(catalogue),
        )


def round_down(value: float) -> float:
    """Return the largest 1, 2 or 5 times a power of ten that is at most `value` (0 for 0)."""
    if value <= 0:
        return 0.0
    exponent = math.floor(math.log10(value))
    for step in sorted(ROUND_STEPS, reverse=True):
        candidate = _tidy(step * 10.0**exponent)
        if candidate <= value:
            return candidate
    # log10 rounding can put the exponent one too high for values just under a power of ten.
    return _tidy(5 * 10.0 ** (exponent - 1))


def round_up(value: float) -> float:
    """Return the smallest 1, 2 or 5 times a power of ten that is at least `value` (0 for 0)."""
    if value <= 0:
        return 0.0
    exponent = math.floor(math.log10(value))
    for step in (*ROUND_STEPS, 10):
        candidate = _tidy(step * 10.0**exponent)
        if candidate >= value:
            return candidate
    return _tidy(2 * 10.0 ** (exponent + 1))


def _tidy(value: float) -> float:
    # Powers of ten below 1 are inexact in binary; twelve significant digits remove the noise.
    return float(f"{value:.12g}")


def propose_criteria(results: Iterable[AttributeConsistency]) -> list[Proposal]:
    """Propose one criterion per consistent attribute, best separating first.

    Ties keep the order of `results` (the catalogue order).
    """
    proposals: list[Proposal] = []
    for result in results:
        if result.verdict is not Verdict.CONSISTENT:
            continue
        criterion = propose_criterion(result)
        if criterion is not None:
            proposals.append(_measure(result, criterion))
    return sorted(proposals, key=lambda p: (-p.separation, -p.best_covered, p.poor_covered))


def propose_criterion(result: AttributeConsistency) -> Criterion | None:
    """Return the criterion for one attribute's best values, or None without known values."""
    known = result.known_best_values
    if not known:
        return None
    attribute_type = result.attribute.type
    if attribute_type is AttributeType.CATEGORY:
        top = group_categories(result.best_values)[0]
        return Criterion(one_of=top.written)
    numbers = [float(value) for value in known if not isinstance(value, str)]
    if attribute_type is AttributeType.NUMBER:
        low = round_down(min(numbers))
        return Criterion(min=low if low > 0 else None, max=round_up(max(numbers)))
    return _scale_threshold(int(min(numbers)), int(max(numbers)), result.poor_values)


def _scale_threshold(low: int, high: int, poor: tuple[AccountValue, ...]) -> Criterion:
    at_least = Criterion(at_least=low)
    at_most = Criterion(at_most=high)
    # A threshold at the end of the scale covers every account, so it separates nothing.
    if low == SCALE_MIN:
        return at_most
    if high == SCALE_MAX:
        return at_least
    poor_at_least = _covered(at_least, poor)
    poor_at_most = _covered(at_most, poor)
    if poor_at_least != poor_at_most:
        return at_least if poor_at_least < poor_at_most else at_most
    midpoint = (SCALE_MIN + SCALE_MAX) / 2
    return at_least if (low + high) / 2 >= midpoint else at_most


def _covered(criterion: Criterion, values: Iterable[AccountValue]) -> int:
    return sum(1 for item in values if _matches(criterion, item.value))


def _matches(criterion: Criterion, value: TraitValue | None) -> bool:
    return value is not None and criterion.matches(value)


def _measure(result: AttributeConsistency, criterion: Criterion) -> Proposal:
    best_known = [item for item in result.best_values if item.value is not None]
    poor_known = [item for item in result.poor_values if item.value is not None]
    missed = tuple(item.name for item in best_known if not _matches(criterion, item.value))
    return Proposal(
        attribute=result.attribute,
        criterion=criterion,
        best_covered=len(best_known) - len(missed),
        best_known=len(best_known),
        poor_covered=_covered(criterion, poor_known),
        poor_known=len(poor_known),
        best_missed=missed,
    )
