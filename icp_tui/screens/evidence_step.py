"""The shared part of steps 2 and 3: the evidence table and taking criteria into the profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.widgets import DataTable

from icp_tui.domain.attributes import AttributeKind
from icp_tui.domain.consistency import AttributeConsistency, attribute_consistency
from icp_tui.domain.models import AccountTier, Characteristic, PastAccount
from icp_tui.domain.proposals import Proposal, propose_criteria
from icp_tui.screens.profile_draft import put_characteristic
from icp_tui.screens.profile_forms import CharacteristicForm
from icp_tui.screens.step_base import StepScreen
from icp_tui.widgets.evidence_table import AttributeVerdict, EvidenceTable


@dataclass(frozen=True, slots=True)
class AttributeNote:
    """A line of the findings panel about the attribute under the cursor."""

    severity: str
    message: str


class EvidenceStepScreen(StepScreen):
    """A step that compares the best accounts on the attributes of one kind."""

    KIND: ClassVar[AttributeKind] = AttributeKind.DEMOGRAPHIC
    _results: dict[str, AttributeConsistency]
    _proposals: dict[str, Proposal]

    def evidence_accounts(self) -> tuple[list[PastAccount], list[PastAccount]]:
        """Return the best accounts (best, then near miss) and the poor ones, by name."""
        accounts = sorted(self.store.accounts(), key=lambda a: a.name.casefold())
        best = [a for a in accounts if a.tier is AccountTier.BEST]
        best += [a for a in accounts if a.tier is AccountTier.NEAR_MISS]
        poor = [a for a in accounts if a.tier is AccountTier.POOR]
        return best, poor

    def analyse(self) -> None:
        """Judge every attribute of this step's kind and propose criteria where consistent."""
        catalogue = self.store.catalogue()
        results = [
            result
            for result in attribute_consistency(self.store.accounts(), catalogue)
            if result.attribute.kind is self.KIND
        ]
        self._results = {result.attribute.key: result for result in results}
        self._proposals = {p.attribute.key: p for p in propose_criteria(results)}

    def verdicts(self) -> dict[str, AttributeVerdict]:
        verdicts: dict[str, AttributeVerdict] = {}
        for key, result in self._results.items():
            proposal = self._proposals.get(key)
            verdicts[key] = AttributeVerdict(
                verdict=result.verdict.label,
                reason=result.reason,
                proposal=proposal.criterion if proposal else None,
                coverage=(
                    f"{proposal.best_covered}/{proposal.best_known} best, "
                    f"{proposal.poor_covered}/{proposal.poor_known} poor"
                    if proposal
                    else ""
                ),
            )
        return verdicts

    def show_evidence(self) -> None:
        self.analyse()
        best, poor = self.evidence_accounts()
        table = self.query_one(EvidenceTable)
        table.show(self.store.catalogue().of_kind(self.KIND), best, poor, self.verdicts())
        self.show_attribute_findings()
        self.refresh_bindings()

    def evidence_summary(self) -> str:
        best, poor = self.evidence_accounts()
        return f"Comparing {len(best)} best and near-miss accounts with {len(poor)} poor ones."

    def show_attribute_findings(self) -> None:
        """Show the verdict's reason for the attribute under the cursor, and any warning."""
        key = self.query_one(EvidenceTable).current_attribute()
        result = self._results.get(key or "")
        if result is None:
            self.findings_panel.show(self.evidence_summary(), [])
            return
        proposal = self._proposals.get(result.attribute.key)
        notes = [
            AttributeNote(
                "info", f"{result.attribute.label}: {result.verdict.label}. {result.reason}"
            )
        ]
        if proposal is not None:
            notes.append(
                AttributeNote(
                    "info",
                    f"Proposal: {proposal.criterion.describe()}, met by "
                    f"{proposal.best_covered} of {proposal.best_known} best and "
                    f"{proposal.poor_covered} of {proposal.poor_known} poor accounts with a "
                    "value. Press t to take it into the profile.",
                )
            )
        if proposal is not None and proposal.best_missed:
            notes.append(
                AttributeNote(
                    "warning",
                    f"The proposal {proposal.criterion.describe()} leaves out "
                    f"{', '.join(proposal.best_missed)}; widen it unless that difference "
                    "really matters.",
                )
            )
        self.findings_panel.show(self.evidence_summary(), notes, empty_message=None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if isinstance(event.data_table, EvidenceTable):
            self.show_attribute_findings()
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take":
            return True if self.current_proposal() is not None else None
        return True

    def current_proposal(self) -> Proposal | None:
        if not self.is_mounted or not hasattr(self, "_proposals"):
            return None
        key = self.query_one(EvidenceTable).current_attribute()
        return self._proposals.get(key or "")

    def action_take(self) -> None:
        proposal = self.current_proposal()
        if proposal is None:
            return
        characteristic = proposal.characteristic(self.store.catalogue())
        saved = self.save(
            lambda: self.store.save_profile(
                put_characteristic(self.store.profile(), characteristic, None)
            )
        )
        if saved:
            self.notify(f"In the profile draft: {characteristic.label}", markup=False)
        self.refresh_step()

    def action_write(self) -> None:
        key = self.query_one(EvidenceTable).current_attribute()
        if key is None:
            return
        profile = self.store.profile()
        slot = next(
            (i for i, c in enumerate(profile.characteristics) if c.attribute == key),
            len(profile.characteristics),
        )
        existing = profile.characteristics[slot] if slot < len(profile.characteristics) else None

        def save(characteristic: Characteristic) -> None:
            self.store.save_profile(put_characteristic(self.store.profile(), characteristic, None))

        self.app.push_screen(
            CharacteristicForm(slot + 1, self.store.catalogue(), save, existing, attribute_key=key),
            lambda _saved: self.refresh_step(),
        )
