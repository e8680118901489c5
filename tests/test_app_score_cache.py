"""The score cache shared by the home screen and step 5."""

from __future__ import annotations

from icp_tui.domain.models import Tiers
from icp_tui.screens.score_cache import ScoreCache
from icp_tui.store import WorkspaceStore


def test_same_inputs_reuse_scores(workspace: WorkspaceStore) -> None:
    cache = ScoreCache()
    first = cache.ranked(workspace.profile(), workspace.prospects())
    again = cache.ranked(workspace.profile(), workspace.prospects())
    assert again is first


def test_saved_prospect_rescored(workspace: WorkspaceStore) -> None:
    cache = ScoreCache()
    first = cache.ranked(workspace.profile(), workspace.prospects())
    prospect = workspace.prospect("prospect-04")
    assert prospect is not None
    workspace.save_prospect(
        prospect.model_copy(update={"traits": {"industry": "Healthcare", "employees": 400}})
    )
    ranked = cache.ranked(workspace.profile(), workspace.prospects())
    assert ranked is not first
    assert ranked[1].record.id == "prospect-04"


def test_profile_change_rescored(workspace: WorkspaceStore) -> None:
    cache = ScoreCache()
    first = cache.ranked(workspace.profile(), workspace.prospects())
    profile = workspace.profile().model_copy(update={"tiers": Tiers(strong=90)})
    assert cache.ranked(profile, workspace.prospects()) is not first


def test_deleted_prospect_rescored(workspace: WorkspaceStore) -> None:
    cache = ScoreCache()
    cache.ranked(workspace.profile(), workspace.prospects())
    workspace.delete_prospect("prospect-00")
    ranked = cache.ranked(workspace.profile(), workspace.prospects())
    assert [item.record.id for item in ranked].count("prospect-00") == 0
    assert len(ranked) == 4
