"""Issue 9.1 — even without a claim (a share whose locks lie), a save never overwrites a fiche changed since
it was loaded, and undo never undoes over a newer change: the four measured scenarios, with two Store
objects and with two processes."""

import os
import subprocess
import sys
import textwrap
from decimal import Decimal as D

import pytest

from crte_desktop.db.claim import claim_path
from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.store import Store
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.editing.actions import ActionService
from tests.fixtures.make_fixtures import fill, scheme_id

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.fixture
def two(tmp_path):
    """Stores A and B on the same file, as on a share where B does not see A's claim."""
    path = tmp_path / "partage.crte"
    with Store.create(path) as store:
        ids = fill(store)
    a = Store.open(path)
    claim_path(path).unlink()  # the lock file B cannot see
    b = Store.open(path)
    yield a, b, ids
    a.close()
    b.close()


def test_b_saving_a_stale_fiche_does_not_revert_a_title(two):
    a, b, ids = two
    sa, sb = ActionService(a), ActionService(b)
    fiche_a, fiche_b = sa.load(ids["action1"]), sb.load(ids["action1"])
    fiche_a.action.title = "Titre de A"
    sa.save(fiche_a)
    fiche_b.action.total_cost = D("999999")
    with pytest.raises(ConcurrentChangeError) as err:
        sb.save(fiche_b)
    text = str(err.value)
    assert "modifiée par ailleurs depuis son ouverture" in text
    assert "Titre de A" in text  # what changed
    assert sa.load(ids["action1"]).action.title == "Titre de A"
    assert sa.load(ids["action1"]).action.total_cost != D("999999")


def test_b_saving_a_stale_fiche_does_not_delete_a_new_financing_line(two):
    a, b, ids = two
    sa, sb = ActionService(a), ActionService(b)
    fiche_a, fiche_b = sa.load(ids["action1"]), sb.load(ids["action1"])
    funder, scheme = scheme_id(a, "État", "DETR")
    fiche_a.financing.append(FinancingLine(None, funder, scheme, planned=D("1234")))
    sa.save(fiche_a)
    fiche_b.action.title = "Titre de B"
    with pytest.raises(ConcurrentChangeError) as err:
        sb.save(fiche_b)
    assert "absent de votre fiche" in str(err.value)
    assert len(sa.load(ids["action1"]).financing) == len(fiche_a.financing)


def test_b_replacing_an_amount_is_refused(two):
    a, b, ids = two
    sa, sb = ActionService(a), ActionService(b)
    fiche_a, fiche_b = sa.load(ids["action1"]), sb.load(ids["action1"])
    fiche_a.financing[0].granted = D("150000")
    sa.save(fiche_a)
    fiche_b.financing[0].granted = D("170000")
    with pytest.raises(ConcurrentChangeError):
        sb.save(fiche_b)
    assert sa.load(ids["action1"]).financing[0].granted == D("150000")


def test_undo_refuses_to_undo_over_a_newer_change(two):
    a, b, ids = two
    sa, sb = ActionService(a), ActionService(b)
    before = sa.load(ids["action1"])
    after = before.copy()
    after.action.title = "Titre de A"
    sa.save(after)
    step = sa.save_step(before, after)
    fiche_b = sb.load(ids["action1"])
    fiche_b.action.notes = "Note de B, plus récente"
    sb.save(fiche_b)
    with pytest.raises(ConcurrentChangeError, match="L'annulation aurait effacé ce changement plus récent"):
        step.undo()  # it would erase B's note
    now = sa.load(ids["action1"])
    assert now.action.notes == "Note de B, plus récente" and now.action.title == "Titre de A"


def test_own_undo_and_redo_still_work(two):
    a, _b, ids = two
    sa = ActionService(a)
    before = sa.load(ids["action1"])
    after = before.copy()
    after.action.title = "Titre de A"
    sa.save(after)
    step = sa.save_step(before, after)
    for _ in range(3):
        step.undo()
        assert sa.load(ids["action1"]).action.title == before.action.title
        step.redo()
        assert sa.load(ids["action1"]).action.title == "Titre de A"


def test_two_processes(two, tmp_path):
    """B is another process: it saves while A has the fiche open; A's save is refused."""
    a, _b, ids = two
    sa = ActionService(a)
    fiche_a = sa.load(ids["action1"])
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {ROOT!r})
        from crte_desktop.db.claim import claim_path
        from crte_desktop.db.store import Store
        from crte_desktop.editing.actions import ActionService
        claim_path({str(a.path)!r}).unlink(missing_ok=True)
        with Store.open({str(a.path)!r}) as s:
            service = ActionService(s)
            f = service.load({ids["action1"]})
            f.action.title = "Titre de l'autre poste"
            service.save(f)
    """)
    subprocess.run([sys.executable, "-c", code], check=True)
    fiche_a.action.title = "Titre de A"
    with pytest.raises(ConcurrentChangeError) as err:
        sa.save(fiche_a)
    assert "Titre de l'autre poste" in str(err.value)
    assert sa.load(ids["action1"]).action.title == "Titre de l'autre poste"


def test_a_meeting_saved_over_a_newer_change_is_refused(two):
    from datetime import date

    from crte_desktop.domain.meetings import CommitteeKind, Meeting
    from crte_desktop.meetings.committees import CommitteeService
    from crte_desktop.meetings.meetings import MeetingService

    a, b, ids = two
    committee = CommitteeService(a).new(ids["contract"], CommitteeKind.COPIL)
    CommitteeService(a).save(committee)
    ma = MeetingService(a)
    meeting = Meeting(committee.id, date(2026, 3, 12), place="Sous-préfecture")
    ma.save(meeting)
    mine, theirs = ma.get(meeting.id), MeetingService(b).get(meeting.id)
    theirs.place = "Mairie de Douai"
    MeetingService(b).save(theirs)
    mine.place = "Salle Vauban"
    with pytest.raises(ConcurrentChangeError, match="modifiée par ailleurs depuis son ouverture.*Mairie de Douai"):
        ma.save(mine)
    assert ma.get(meeting.id).place == "Mairie de Douai"


def test_two_edits_of_one_fiche_undone_one_after_the_other(two):
    """The second step's undo moves the fiche's version; the first step finds what it left and undoes too
    (it used to refuse, as if a colleague had changed the fiche)."""
    a, _b, ids = two
    sa = ActionService(a)
    original = sa.load(ids["action1"])
    first = original.copy()
    first.action.title = "Titre 1"
    sa.save(first)
    step1 = sa.save_step(original, first)
    second = sa.load(ids["action1"])
    loaded = second.copy()
    second.financing[0].granted = D("150000")
    sa.save(second)
    step2 = sa.save_step(loaded, second)
    for _ in range(2):
        step2.undo()
        step1.undo()
        assert sa.load(ids["action1"]).action.title == original.action.title
        assert sa.load(ids["action1"]).financing[0].granted == original.financing[0].granted
        step1.redo()
        step2.redo()
        assert sa.load(ids["action1"]).financing[0].granted == D("150000")
