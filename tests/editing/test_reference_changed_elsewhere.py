"""Issue 9.1 for the reference data (funders, schemes, Fonds vert mesures): two windows on one file (two
Store connections, ``Store.sibling``). A save, a deletion or an undo over a record changed elsewhere since it
was loaded is refused in French, naming what changed, and leaves the file byte for byte as it was."""

from __future__ import annotations

import pytest

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.store import Store
from crte_desktop.domain.directory import FondsVertMesure, Funder, Scheme
from crte_desktop.editing.directory import DirectoryService
from tests.fixtures.make_fixtures import fill


@pytest.fixture
def two(tmp_path):
    """Windows A and B of the same workspace, with an unused funder, its scheme and an unused mesure."""
    a = Store.create(tmp_path / "partage.crte")
    fill(a)
    service = DirectoryService(a)
    funder = Funder("Fondation du patrimoine", "FDP", False)
    service.save_funder(funder)
    scheme = Scheme(funder.id, "Mission Bern")
    service.save_scheme(scheme)
    mesure = FondsVertMesure("Recyclage des friches (test)", "Cadre de vie", 2023)
    service.save_mesure(mesure)
    b = Store.sibling(a)
    yield a, b, {"funder": funder.id, "scheme": scheme.id, "mesure": mesure.id}
    b.close()
    a.close()


def refused(store: Store, run, match: str) -> str:
    """Run ``run``, which must be refused with ``match``; the file must not change. Returns the message."""
    before = store.path.read_bytes()
    with pytest.raises(ConcurrentChangeError, match=match) as err:
        run()
    assert store.path.read_bytes() == before
    return str(err.value)


def funder(service: DirectoryService, funder_id: int) -> Funder:
    return next(f for f in service.funders() if f.id == funder_id)


def scheme(service: DirectoryService, scheme_id: int) -> Scheme:
    return next(s for s in service.schemes() if s.id == scheme_id)


# -- funders ----------------------------------------------------------------------------------------
def test_a_funder_saved_over_a_newer_change_is_refused_and_says_what_changed(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    mine, theirs = funder(da, ids["funder"]), funder(db, ids["funder"])
    theirs.name = "Fondation du patrimoine (délégation Nord)"
    db.save_funder(theirs)
    mine.is_public = True
    text = refused(a, lambda: da.save_funder(mine), "Le financeur « FDP » a été modifié par ailleurs depuis son "
                   "ouverture")
    assert "Fondation du patrimoine (délégation Nord)" in text and "Vos modifications n'ont pas été enregistrées" in text
    assert funder(da, ids["funder"]).is_public is False


def test_deleting_a_funder_changed_elsewhere_is_refused(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    seen = funder(da, ids["funder"])
    theirs = funder(db, ids["funder"])
    theirs.short_name = "FdP"
    db.save_funder(theirs)
    text = refused(a, lambda: da.delete_funder_step(ids["funder"], seen.row_version).redo(),
                   "Le financeur « FdP » a été modifié par ailleurs")
    assert "La suppression n'a pas été faite" in text
    assert len(da.schemes(ids["funder"])) == 1
    da.delete_funder(ids["funder"], expected_version=theirs.row_version)
    assert all(f.id != ids["funder"] for f in da.funders())


def test_undoing_a_funder_change_refuses_to_erase_a_newer_change(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    changed = funder(da, ids["funder"])
    changed.short_name = "FP"
    step = da.save_funder_step(changed)
    step.redo()
    theirs = funder(db, ids["funder"])
    theirs.is_public = True
    db.save_funder(theirs)
    refused(a, step.undo, "Le financeur « FP » a été modifié par ailleurs depuis cette modification")
    now = funder(da, ids["funder"])
    assert (now.short_name, now.is_public) == ("FP", True)


def test_redoing_a_funder_deletion_refuses_when_it_was_changed_after_the_undo(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    step = da.delete_funder_step(ids["funder"], funder(da, ids["funder"]).row_version)
    step.redo()
    step.undo()  # back, with its scheme
    theirs = funder(db, ids["funder"])
    theirs.name = "Fondation du patrimoine — Hauts-de-France"
    db.save_funder(theirs)
    refused(a, step.redo, "a été modifié par ailleurs")
    assert funder(da, ids["funder"]).name == "Fondation du patrimoine — Hauts-de-France"


# -- schemes ----------------------------------------------------------------------------------------
def test_a_scheme_saved_deleted_or_undone_over_a_newer_change_is_refused(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    mine, theirs = scheme(da, ids["scheme"]), scheme(db, ids["scheme"])
    theirs.lapse_months = 24
    db.save_scheme(theirs)
    mine.name = "Loto du patrimoine"
    text = refused(a, lambda: da.save_scheme(mine), "Le dispositif « Mission Bern » a été modifié par ailleurs depuis "
                   "son ouverture")
    assert "24" in text
    refused(a, lambda: da.delete_scheme(ids["scheme"], expected_version=mine.row_version),
            "La suppression n'a pas été faite")
    fresh = scheme(da, ids["scheme"])
    fresh.name = "Loto du patrimoine"
    step = da.save_scheme_step(fresh)
    step.redo()
    theirs = scheme(db, ids["scheme"])
    theirs.lapse_months = 36
    db.save_scheme(theirs)
    refused(a, step.undo, "Le dispositif « Loto du patrimoine » a été modifié par ailleurs depuis cette modification")
    assert scheme(da, ids["scheme"]).lapse_months == 36


def test_undoing_a_scheme_creation_refuses_when_it_was_changed_elsewhere(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    added = Scheme(ids["funder"], "Sauvegarde de l'art français")
    step = da.save_scheme_step(added)
    step.redo()
    theirs = scheme(db, added.id)
    theirs.lapse_months = 12
    db.save_scheme(theirs)
    refused(a, step.undo, "a été modifié par ailleurs")
    assert scheme(da, added.id).lapse_months == 12


# -- Fonds vert mesures -------------------------------------------------------------------------------
def test_a_mesure_saved_deleted_or_undone_over_a_newer_change_is_refused(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    mine, theirs = da.national.mesure(ids["mesure"]), db.national.mesure(ids["mesure"])
    theirs.last_year = 2025
    db.save_mesure(theirs)
    mine.axis = "Adaptation"
    text = refused(a, lambda: da.save_mesure(mine), "La mesure « Recyclage des friches \\(test\\) » a été modifiée par "
                   "ailleurs depuis son ouverture")
    assert "2025" in text
    refused(a, lambda: da.delete_mesure(ids["mesure"], expected_version=mine.row_version),
            "La suppression n'a pas été faite")
    fresh = da.national.mesure(ids["mesure"])
    fresh.axis = "Adaptation"
    step = da.save_mesure_step(fresh)
    step.redo()
    theirs = db.national.mesure(ids["mesure"])
    theirs.last_year = 2026
    db.save_mesure(theirs)
    refused(a, step.undo, "La mesure « Recyclage des friches \\(test\\) » a été modifiée par ailleurs depuis cette "
            "modification")
    now = da.national.mesure(ids["mesure"])
    assert (now.axis, now.last_year) == ("Adaptation", 2026)


# -- own undos -------------------------------------------------------------------------------------
def test_own_successive_undos_and_redos_of_reference_data_still_work(two):
    a, _b, ids = two
    service = DirectoryService(a)
    steps = []
    for name in ("FP", "F. patrimoine"):  # two edits of one funder, undone in turn
        changed = funder(service, ids["funder"])
        changed.short_name = name
        steps.append(service.save_funder_step(changed))
        steps[-1].redo()
    renamed = scheme(service, ids["scheme"])
    renamed.name = "Loto du patrimoine"
    steps.append(service.save_scheme_step(renamed))
    steps[-1].redo()
    mesure = service.national.mesure(ids["mesure"])
    mesure.last_year = 2027
    steps.append(service.save_mesure_step(mesure))
    steps[-1].redo()
    steps.append(service.delete_mesure_step(ids["mesure"], service.national.mesure(ids["mesure"]).row_version))
    steps[-1].redo()
    added = Funder("Fondation de France", "FDF", False)
    steps.append(service.save_funder_step(added))
    steps[-1].redo()
    for _ in range(2):
        for step in reversed(steps):
            step.undo()
        assert funder(service, ids["funder"]).short_name == "FDP"
        assert scheme(service, ids["scheme"]).name == "Mission Bern"
        assert service.national.mesure(ids["mesure"]).last_year is None
        assert all(f.name != "Fondation de France" for f in service.funders())
        for step in steps:
            step.redo()
        assert funder(service, ids["funder"]).short_name == "F. patrimoine"
        assert scheme(service, ids["scheme"]).name == "Loto du patrimoine"
        assert service.national.mesure(ids["mesure"]) is None
        assert any(f.name == "Fondation de France" for f in service.funders())
