"""Scoring a set of traits against the profile.

The rules:
- each characteristic is a match, a mismatch or unknown (no value); a hand-set override
  replaces the computed state and is marked as overridden;
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
from typing import NamedTuple

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


class ScoreSummary(NamedTuple):
    """The figures of a Score without the per-characteristic detail, for ranking many accounts.

    `red_flag_count` and `unplanned_flags` equal `len(score.red_flags)` and
    `score.unplanned_flags` of the full Score.
    """

    fit: float
    demographic_fit: float | None
    psychographic_fit: float | None
    known: float
    tier: str
    incomplete: bool
    red_flag_count: int
    unplanned_flags: int


Matcher = Callable[[TraitValue], bool]


def _matcher(characteristic: Characteristic) -> Matcher:
    criterion = characteristic.criterion
    if criterion.one_of is not None:
        wanted = frozenset(normalise_category(v) for v in criterion.one_of)
        return lambda value: isinstance(value, str) and normalise_category(value) in wanted
    return criterion.matches


class CompiledCheck(NamedTuple):
    """One characteristic reduced to what `ProfileScorer.summary` reads for each account."""

    attribute: str
    test: Matcher
    weight: int
    demographic: bool


CATEGORY_CACHE_LIMIT = 10_000
"""Maximum number of raw category values cached per check. Values beyond it are normalised
on every call, so free text cannot grow the cache without bound."""


def compile_checks(characteristics: Sequence[Characteristic]) -> tuple[CompiledCheck, ...]:
    """Compile each characteristic's criterion once into a plain test of a known value."""
    return tuple(
        CompiledCheck(
            attribute=c.attribute,
            test=_compiled_test(c),
            weight=c.weight,
            demographic=c.kind is AttributeKind.DEMOGRAPHIC,
        )
        for c in characteristics
    )


def _compiled_test(characteristic: Characteristic) -> Matcher:
    """Return a test equal to `Criterion.matches` for the characteristic's criterion."""
    criterion = characteristic.criterion
    if criterion.one_of is not None:
        return _category_test(criterion.one_of)
    if criterion.at_least is not None:
        minimum = criterion.at_least
        return lambda value: not isinstance(value, str) and value >= minimum
    if criterion.at_most is not None:
        maximum = criterion.at_most
        return lambda value: not isinstance(value, str) and value <= maximum
    if criterion.equals is not None:
        point = criterion.equals
        return lambda value: not isinstance(value, str) and value == point
    low, high = criterion.min, criterion.max
    if low is not None and high is not None:
        return lambda value: not isinstance(value, str) and value >= low and value <= high
    if low is not None:
        return lambda value: not isinstance(value, str) and value >= low
    if high is not None:
        return lambda value: not isinstance(value, str) and value <= high
    return lambda value: not isinstance(value, str)


def _category_test(one_of: Sequence[str]) -> Matcher:
    expected = frozenset(normalise_category(v) for v in one_of)
    # Imported records repeat a few spellings of each category, so caching the result
    # per raw string skips most of the normalising.
    matched_by_value: dict[str, bool] = {}

    def test(value: TraitValue) -> bool:
        if not isinstance(value, str):
            return False
        matched = matched_by_value.get(value)
        if matched is None:
            matched = normalise_category(value) in expected
            if len(matched_by_value) < CATEGORY_CACHE_LIMIT:
                matched_by_value[value] = matched
        return matched

    return test


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
        self._summary_checks = compile_checks(profile.characteristics)
        self._summaries: dict[tuple[int, int, int, int, int], ScoreSummary] = {}

    def summary(
        self,
        traits: Mapping[str, TraitValue],
        overrides: Mapping[str, Override] | None = None,
        strategies: Mapping[str, str] | None = None,
    ) -> ScoreSummary:
        """Score one account like `score` but return only the figures a ranking needs.

        It builds no CharacteristicResult or RedFlag objects, so it is much faster than
        `score` (docs/benchmarks.md has the figures). The result equals the same fields of
        `score(...)` for the same arguments.
        """
        matched = known = demographic_matched = flags = unplanned = 0
        for attribute, test, weight, demographic in self._summary_checks:
            override = overrides.get(attribute) if overrides else None
            if override is not None:
                is_known = override.state is not State.UNKNOWN
                is_match = override.state is State.MATCH
            else:
                value = traits.get(attribute)
                if value is None:
                    is_known = is_match = False
                else:
                    is_known = True
                    is_match = test(value)
            if is_known:
                known += weight
            if is_match:
                matched += weight
                if demographic:
                    demographic_matched += weight
                continue
            flags += 1
            if not (strategies and strategies.get(attribute, "").strip()):
                unplanned += 1

        # The summary depends only on these five counts, so accounts with equal counts
        # share one immutable tuple. This saves building it again and keeping many copies.
        counts = (matched, known, demographic_matched, flags, unplanned)
        found = self._summaries.get(counts)
        if found is None:
            found = self._summaries[counts] = self._summarise(*counts)
        return found

    def _summarise(
        self, matched: int, known: int, demographic_matched: int, flags: int, unplanned: int
    ) -> ScoreSummary:
        # The same formulas as `score`, so both return equal floats.
        fit = _percent(matched, self._total) or 0.0
        known_share = _percent(known, self._total) or 0.0
        return ScoreSummary(
            fit=fit,
            demographic_fit=_percent(demographic_matched, self._demographic_total),
            psychographic_fit=_percent(matched - demographic_matched, self._psychographic_total),
            known=known_share,
            tier=self.profile.tiers.tier_of(fit),
            incomplete=known_share < INCOMPLETE_BELOW,
            red_flag_count=flags,
            unplanned_flags=unplanned,
        )

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


def rank_key(name: str, result: Score | ScoreSummary) -> tuple[float, str, str]:
    """Return the sort key of the ranking: fit, highest first, then name."""
    return (-result.fit, name.casefold(), name)


def rank(named_scores: Sequence[tuple[str, Score]]) -> list[tuple[str, Score]]:
    """Sort by fit, highest first, then by name (case-insensitive, then exact)."""
    return sorted(named_scores, key=lambda item: rank_key(*item))
