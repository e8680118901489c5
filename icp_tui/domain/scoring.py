"""Scoring a set of traits against the profile.

The rules:
- each characteristic is a match, a mismatch or unknown (no value); a hand-set override
  replaces the computed state and says so;
- fit = weight of matches / total weight, in percent; unknown counts as not matched;
- known = weight of known characteristics / total weight, in percent;
- demographic and psychographic fit are the same formula on each subset, and None
  ("not applicable") when the profile has no characteristic of that kind;
- the tier follows the profile's thresholds; under 60% known is "incomplete";
- every mismatch and every unknown raises a red flag, and a psychographic mismatch is
  friction when every demographic characteristic matches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from icp_tui.domain.attributes import AttributeKind, TraitValue, normalise_category
from icp_tui.domain.models import Characteristic, Override, Profile, State

INCOMPLETE_BELOW = 60.0
"""Known coverage, in percent, under which a score is labelled incomplete."""


@dataclass(frozen=True, slots=True)
class CharacteristicResult:
    """The state of one characteristic for one account."""

    characteristic: Characteristic
    state: State
    computed: State
    value: TraitValue | None
    override: Override | None = None

    @property
    def overridden(self) -> bool:
        return self.override is not None


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A mismatch or an unknown that needs a plan (an alternate position)."""

    label: str
    attribute: str
    kind: AttributeKind
    reason: State
    friction: bool
    strategy: str
    overridden: bool = False

    @property
    def planned(self) -> bool:
        return bool(self.strategy.strip())


@dataclass(frozen=True, slots=True)
class Score:
    """Everything the meter, the red flag panel and the exports show for one account."""

    fit: float
    demographic_fit: float | None
    psychographic_fit: float | None
    known: float
    tier: str
    incomplete: bool
    results: tuple[CharacteristicResult, ...]
    red_flags: tuple[RedFlag, ...] = field(default=())

    @property
    def unplanned_flags(self) -> int:
        return sum(1 for flag in self.red_flags if not flag.planned)

    @property
    def overridden(self) -> bool:
        return any(result.overridden for result in self.results)


Matcher = Callable[[TraitValue], bool]


def _matcher(characteristic: Characteristic) -> Matcher:
    criterion = characteristic.criterion
    if criterion.one_of is not None:
        wanted = frozenset(normalise_category(v) for v in criterion.one_of)
        return lambda value: isinstance(value, str) and normalise_category(value) in wanted
    return criterion.matches


def _percent(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


class ProfileScorer:
    """A profile prepared for scoring many accounts quickly."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._checks = [(c, _matcher(c)) for c in profile.characteristics]
        self._total = sum(c.weight for c in profile.characteristics)
        self._demographic_total = sum(
            c.weight for c in profile.characteristics if c.kind is AttributeKind.DEMOGRAPHIC
        )
        self._psychographic_total = self._total - self._demographic_total

    def states(
        self,
        traits: Mapping[str, TraitValue],
        overrides: Mapping[str, Override] | None = None,
    ) -> list[CharacteristicResult]:
        """Return each characteristic's state, in profile order."""
        results: list[CharacteristicResult] = []
        for characteristic, matches in self._checks:
            value = traits.get(characteristic.attribute)
            if value is None:
                computed = State.UNKNOWN
            elif matches(value):
                computed = State.MATCH
            else:
                computed = State.MISMATCH
            override = overrides.get(characteristic.attribute) if overrides else None
            state = override.state if override is not None else computed
            results.append(CharacteristicResult(characteristic, state, computed, value, override))
        return results

    def score(
        self,
        traits: Mapping[str, TraitValue],
        overrides: Mapping[str, Override] | None = None,
        strategies: Mapping[str, str] | None = None,
    ) -> Score:
        """Score one account's traits, with its overrides and red-flag strategies."""
        results = self.states(traits, overrides)
        matched = known = demographic_matched = psychographic_matched = 0
        demographic_all_match = self._demographic_total > 0
        for result in results:
            characteristic = result.characteristic
            demographic = characteristic.kind is AttributeKind.DEMOGRAPHIC
            if result.state is not State.UNKNOWN:
                known += characteristic.weight
            if result.state is State.MATCH:
                matched += characteristic.weight
                if demographic:
                    demographic_matched += characteristic.weight
                else:
                    psychographic_matched += characteristic.weight
            elif demographic:
                demographic_all_match = False

        fit = _percent(matched, self._total) or 0.0
        known_share = _percent(known, self._total) or 0.0
        flags = tuple(
            RedFlag(
                label=result.characteristic.label,
                attribute=result.characteristic.attribute,
                kind=result.characteristic.dimension,
                reason=result.state,
                friction=(
                    result.state is State.MISMATCH
                    and result.characteristic.kind is AttributeKind.PSYCHOGRAPHIC
                    and demographic_all_match
                ),
                strategy=(strategies or {}).get(result.characteristic.attribute, ""),
                overridden=result.overridden,
            )
            for result in results
            if result.state is not State.MATCH
        )
        return Score(
            fit=fit,
            demographic_fit=_percent(demographic_matched, self._demographic_total),
            psychographic_fit=_percent(psychographic_matched, self._psychographic_total),
            known=known_share,
            tier=self.profile.tiers.tier_of(fit),
            incomplete=known_share < INCOMPLETE_BELOW,
            results=tuple(results),
            red_flags=flags,
        )


def score(
    profile: Profile,
    traits: Mapping[str, TraitValue],
    overrides: Mapping[str, Override] | None = None,
    strategies: Mapping[str, str] | None = None,
) -> Score:
    """Score one account against `profile`; see the module docstring for the rules."""
    return ProfileScorer(profile).score(traits, overrides, strategies)


def rank_key(name: str, result: Score) -> tuple[float, str, str]:
    """Return the sort key of the ranking: fit, highest first, then name."""
    return (-result.fit, name.casefold(), name)


def rank(named_scores: Sequence[tuple[str, Score]]) -> list[tuple[str, Score]]:
    """Sort by fit, highest first, then by name (case-insensitive, then exact)."""
    return sorted(named_scores, key=lambda item: rank_key(*item))
