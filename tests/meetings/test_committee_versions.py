"""Issue 9.1 for committees: a save (or delete) of a committee or its composition changed elsewhere since it was
loaded is refused with « … modifié par ailleurs depuis son ouverture » naming what changed, the file left
byte-for-byte unchanged; undo and redo refuse to go over a newer change. B is a second connection of this
process (``Store.sibling``), as another window or a colleague on a share."""

from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crte_desktop.db.claim import claim_path
from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.store import Store
from crte_desktop.domain.meetings import CommitteeKind, CommitteeMember, MemberRole
from crte_desktop.meetings.committees import CommitteeService


@pytest.fixture
def other(world):
    """B: the committees service over a second connection to the same file."""
    store = Store.sibling(world.store)
    yield CommitteeService(store)
    store.close()


def _member(world, key="dgs_da"):
    return CommitteeMember(world.ids["agglo"], world.ids[key], MemberRole.MEMBER)


def test_a_stale_composition_is_refused_and_names_what_changed(world, other, digest):
    mine = CommitteeService(world.store)
    shown = mine.get(world.copil.id)  # A shows the COPIL
    theirs = other.get(world.copil.id)
    theirs.members.append(_member(world))
    other.save(theirs)  # B adds Mme DUPONT
    before = digest(world.path)
    step = mine.members_step("Retrait d'un membre du comité", shown, shown.members[1:])
    with pytest.raises(ConcurrentChangeError) as err:
        step.redo()
    text = str(err.value)
    assert "Le comité « Comité de pilotage du CRTE du Douaisis » a été modifié par ailleurs depuis son ouverture" \
        in text
    assert "Mme Claire DUPONT" in text and "absent de votre composition" in text
    assert digest(world.path) == before
    assert len(mine.get(world.copil.id).members) == len(shown.members) + 1  # B's member kept, none removed


def test_a_stale_committee_saved_over_a_rename_is_refused(world, other, digest):
    mine = CommitteeService(world.store)
    shown = mine.get(world.cotech.id)
    theirs = other.get(world.cotech.id)
    theirs.name = "COTECH élargi"
    other.save(theirs)
    before = digest(world.path)
    shown.min_per_year = 6
    with pytest.raises(ConcurrentChangeError, match="modifié par ailleurs depuis son ouverture.*COTECH élargi"):
        mine.save(shown)
    assert digest(world.path) == before
    assert mine.get(world.cotech.id).min_per_year != 6


def test_a_change_of_composition_alone_moves_the_version(world):
    service = CommitteeService(world.store)
    committee = service.get(world.cotech.id)
    version = committee.row_version
    committee.members.append(_member(world, "poiret"))
    service.save(committee)
    assert service.get(world.cotech.id).row_version == version + 1 == committee.row_version


def test_undo_refuses_to_undo_over_a_newer_change(world, other, digest):
    mine = CommitteeService(world.store)
    shown = mine.get(world.copil.id)
    step = mine.members_step("Ajout d'un membre au comité", shown, shown.members + [_member(world)])
    step.redo()
    theirs = other.get(world.copil.id)
    theirs.name = "COPIL renouvelé"
    other.save(theirs)
    before = digest(world.path)
    with pytest.raises(ConcurrentChangeError, match="modifié par ailleurs depuis cette modification.*L'annulation "
                                                    "aurait effacé ce changement plus récent"):
        step.undo()
    assert digest(world.path) == before
    now = mine.get(world.copil.id)
    assert now.name == "COPIL renouvelé" and len(now.members) == len(shown.members) + 1


def test_redo_refuses_to_redo_over_a_newer_change(world, other, digest):
    mine = CommitteeService(world.store)
    shown = mine.get(world.copil.id)
    step = mine.members_step("Ajout d'un membre au comité", shown, shown.members + [_member(world)])
    step.redo()
    step.undo()
    theirs = other.get(world.copil.id)
    theirs.members = theirs.members[:2]
    other.save(theirs)
    before = digest(world.path)
    with pytest.raises(ConcurrentChangeError, match="L'annulation aurait effacé"):
        step.redo()
    assert digest(world.path) == before
    assert len(mine.get(world.copil.id).members) == 2


def test_own_steps_undone_one_after_the_other(world):
    """Two changes of the same committee, undone then redone in turn: each finds what the other left."""
    service = CommitteeService(world.store)
    original = [m.person_id for m in service.get(world.cotech.id).members]
    first = service.members_step("Ajout", service.get(world.cotech.id),
                                 service.get(world.cotech.id).members + [_member(world, "poiret")])
    first.redo()
    shown = service.get(world.cotech.id)
    second = service.members_step("Retrait", shown, shown.members[1:])
    second.redo()
    for _ in range(2):
        second.undo()
        first.undo()
        assert [m.person_id for m in service.get(world.cotech.id).members] == original
        first.redo()
        second.redo()
        assert [m.person_id for m in service.get(world.cotech.id).members] == original[1:] + [world.ids["poiret"]]


def test_undoing_a_creation_refuses_to_delete_a_committee_changed_since(world, other, digest):
    mine = CommitteeService(world.store)
    committee = mine.new(world.ids["contract"], CommitteeKind.OTHER)
    committee.name = "Comité des financeurs"
    step = mine.create_step(committee)
    step.redo()
    theirs = other.get(committee.id)
    theirs.members = [_member(world)]
    other.save(theirs)
    before = digest(world.path)
    with pytest.raises(ConcurrentChangeError, match="Le comité « Comité des financeurs » a été modifié par ailleurs"):
        step.undo()
    assert digest(world.path) == before
    assert mine.get(committee.id).members


def test_deleting_with_an_old_version_is_refused(world, other):
    mine = CommitteeService(world.store)
    committee = mine.new(world.ids["contract"], CommitteeKind.OTHER)
    committee.name = "Comité des financeurs"
    mine.save(committee)
    loaded = copy.deepcopy(mine.get(committee.id))
    theirs = other.get(committee.id)
    theirs.description = "Se réunit avant chaque COPIL"
    other.save(theirs)
    with pytest.raises(ConcurrentChangeError):
        mine.delete(committee.id, expected_version=loaded.row_version)
    mine.delete(committee.id, expected_version=loaded.row_version + 1)
    assert mine.repo.committee(committee.id) is None


def test_two_processes(world, digest):
    """B is another process: it adds a member while A shows the committee; A's removal is refused."""
    root = Path(__file__).resolve().parents[2]
    mine = CommitteeService(world.store)
    shown = mine.get(world.cotech.id)
    claim_path(world.path).unlink()  # the lock file B cannot see (a share whose locks lie)
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(root)!r})
        from crte_desktop.db.store import Store
        from crte_desktop.domain.meetings import CommitteeMember, MemberRole
        from crte_desktop.meetings.committees import CommitteeService
        with Store.open({str(world.path)!r}) as s:
            service = CommitteeService(s)
            c = service.get({world.cotech.id})
            c.members.append(CommitteeMember({world.ids["agglo"]}, {world.ids["poiret"]}, MemberRole.MEMBER))
            service.save(c)
    """)
    subprocess.run([sys.executable, "-c", code], check=True)
    before = digest(world.path)
    with pytest.raises(ConcurrentChangeError, match="M. Christian POIRET"):
        mine.members_step("Retrait d'un membre du comité", shown, shown.members[1:]).redo()
    assert digest(world.path) == before
    assert len(mine.get(world.cotech.id).members) == len(shown.members) + 1
