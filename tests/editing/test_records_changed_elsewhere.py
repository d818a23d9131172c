"""Issue 9.1 for contracts, sections, organisations and persons: two windows on one file (two Store
connections, ``Store.sibling``). A save, a deletion or an undo over a record changed elsewhere since it
was loaded is refused in French, naming what changed, and leaves the file byte for byte as it was."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Amendment, Contract, Section, Signatory
from crte_desktop.domain.directory import Organisation, Person
from crte_desktop.domain.enums import OrgKind
from crte_desktop.editing.contracts import ContractService
from crte_desktop.editing.directory import DirectoryService
from tests.fixtures.make_fixtures import fill


@pytest.fixture
def two(tmp_path):
    """Windows A and B of the same workspace."""
    a = Store.create(tmp_path / "partage.crte")
    ids = fill(a)
    person = Person("Durand", "Marie", "Mme", organisation_id=ids["douai"])
    DirectoryService(a).save_person(person)
    ids["person"] = person.id
    b = Store.sibling(a)
    yield a, b, ids
    b.close()
    a.close()


def refused(store: Store, run, match: str) -> str:
    """Run ``run``, which must be refused with ``match``; the file must not change. Returns the message."""
    before = store.path.read_bytes()
    with pytest.raises(ConcurrentChangeError, match=match) as err:
        run()
    assert store.path.read_bytes() == before
    return str(err.value)


# -- contracts -------------------------------------------------------------------------------------
def test_a_contract_saved_over_a_newer_change_is_refused_and_says_what_changed(two):
    a, b, ids = two
    sa, sb = ContractService(a), ContractService(b)
    mine, theirs = sa.load(ids["contract"]), sb.load(ids["contract"])
    theirs.contract.title = "Contrat pour la réussite de la transition écologique"
    sb.save(theirs)
    mine.contract.territory = "Arrondissement de Douai"
    text = refused(a, lambda: sa.save(mine), "Le contrat « CRTE du Douaisis » a été modifié par ailleurs depuis son ouverture")
    assert "Contrat pour la réussite de la transition écologique" in text  # what the save would have erased
    assert "Vos modifications n'ont pas été enregistrées" in text
    now = sa.load(ids["contract"]).contract
    assert now.title == "Contrat pour la réussite de la transition écologique"
    assert now.territory != "Arrondissement de Douai"


def test_signatories_and_amendments_are_changes_of_the_contract(two):
    a, b, ids = two
    sa, sb = ContractService(a), ContractService(b)
    mine, theirs = sa.load(ids["contract"]), sb.load(ids["contract"])
    theirs.signatories.append(Signatory(ids["contract"], ids["agglo"], None, "Le président"))
    sb.save(theirs)
    mine.contract.description = "Ma description"
    assert "signataire" in refused(a, lambda: sa.save(mine), "a été modifié par ailleurs").lower()

    mine, theirs = sa.load(ids["contract"]), sb.load(ids["contract"])
    theirs.amendments.append(Amendment(ids["contract"], 1, date(2023, 3, 1), "Avenant n° 1"))
    sb.save(theirs)
    mine.contract.description = "Ma description"
    assert "Avenant n° 1" in refused(a, lambda: sa.save(mine), "a été modifié par ailleurs")
    assert sa.load(ids["contract"]).contract.description == ""


def test_saving_twice_from_the_same_window_is_not_a_conflict(two):
    a, _b, ids = two
    service = ContractService(a)
    bundle = service.load(ids["contract"])
    version = bundle.contract.row_version
    bundle.contract.territory = "Douaisis"
    service.save(bundle)
    assert bundle.contract.row_version == version + 1 == service.load(ids["contract"]).contract.row_version
    bundle.amendments.append(Amendment(ids["contract"], 1, date(2023, 3, 1), "Avenant n° 1"))
    service.save(bundle)  # only an amendment: the contract's version still moves
    assert service.load(ids["contract"]).contract.row_version == version + 2 == bundle.contract.row_version
    bundle.contract.territory = "Douaisis Agglo"
    service.save(bundle)
    assert service.load(ids["contract"]).contract.territory == "Douaisis Agglo"


def test_deleting_a_contract_changed_elsewhere_is_refused(two):
    a, b, _ids = two
    sa, sb = ContractService(a), ContractService(b)
    empty = sa.new_bundle()
    empty.contract = Contract(name="CRTE de test", level_names=["Volet"])
    sa.save(empty)
    seen = sa.load(empty.contract.id).contract.row_version
    theirs = sb.load(empty.contract.id)
    theirs.contract.title = "Renommé ailleurs"
    sb.save(theirs)
    text = refused(a, lambda: sa.delete_contract(empty.contract.id, expected_version=seen),
                   "Le contrat « CRTE de test » a été modifié par ailleurs")
    assert "Renommé ailleurs" in text and "La suppression n'a pas été faite" in text
    assert sa.contract(empty.contract.id) is not None
    sa.delete_contract(empty.contract.id, expected_version=theirs.contract.row_version)
    assert sa.contract(empty.contract.id) is None


def test_undoing_a_contract_save_refuses_to_erase_a_newer_change(two):
    a, b, ids = two
    sa, sb = ContractService(a), ContractService(b)
    before = sa.load(ids["contract"])
    after = before.copy()
    after.contract.title = "Titre de A"
    step = sa.save_step(before, after)
    step.redo()  # the first run, as the undo adapter does
    theirs = sb.load(ids["contract"])
    theirs.contract.territory = "Territoire de B"
    sb.save(theirs)
    refused(a, step.undo, "Le contrat « CRTE du Douaisis » a été modifié par ailleurs depuis cette modification"
            ".*L'annulation aurait effacé ce changement plus récent")
    now = sa.load(ids["contract"]).contract
    assert (now.title, now.territory) == ("Titre de A", "Territoire de B")


def test_own_undo_and_redo_of_a_contract_still_work(two):
    a, _b, ids = two
    service = ContractService(a)
    before = service.load(ids["contract"])
    after = before.copy()
    after.contract.title = "Titre de A"
    after.amendments.append(Amendment(ids["contract"], 1, date(2023, 3, 1), "Avenant n° 1"))
    step = service.save_step(before, after)
    step.redo()
    for _ in range(3):
        step.undo()
        assert service.load(ids["contract"]).contract.title == before.contract.title
        assert service.load(ids["contract"]).amendments == []
        step.redo()
        assert service.load(ids["contract"]).contract.title == "Titre de A"
        assert len(service.load(ids["contract"]).amendments) == 1


def test_undoing_a_contract_creation_refuses_when_it_was_changed_elsewhere(two):
    a, b, _ids = two
    sa, sb = ContractService(a), ContractService(b)
    created = sa.new_bundle()
    created.contract = Contract(name="CRTE neuf", level_names=["Volet"])
    step = sa.save_step(None, created)
    step.redo()
    theirs = sb.load(created.contract.id)
    theirs.contract.title = "Complété ailleurs"
    sb.save(theirs)
    refused(a, step.undo, "Le contrat « CRTE neuf » a été modifié par ailleurs")
    assert sa.contract(created.contract.id).title == "Complété ailleurs"


# -- sections --------------------------------------------------------------------------------------
def test_a_section_changed_elsewhere_is_neither_renamed_moved_nor_deleted(two):
    a, b, ids = two
    sa, sb = ContractService(a), ContractService(b)
    seen = sa.section(ids["axis1"])
    sb.update_section(ids["axis1"], title="Transition écologique et énergétique")
    text = refused(a, lambda: sa.update_section(ids["axis1"], title="Écologie", expected_version=seen.row_version),
                   "La section 1 « Transition écologique et énergétique » a été modifiée par ailleurs depuis son "
                   "ouverture")
    assert "Transition écologique et énergétique" in text
    refused(a, lambda: sa.move_section(ids["axis1"], None, 1, expected_version=seen.row_version),
            "a été modifiée par ailleurs")
    assert [s.title for s in sa.sections(ids["contract"])] == ["Transition écologique et énergétique",
                                                                 "Cohésion sociale"]
    empty = Section(ids["contract"], "Orientation vide", parent_id=ids["axis2"])
    sa.add_section(empty)
    sb.update_section(empty.id, description="Complétée ailleurs")
    text = refused(a, lambda: sa.delete_section(empty.id, expected_version=empty.row_version),
                   "La section 2.1 « Orientation vide » a été modifiée par ailleurs.*La suppression n'a pas été faite")
    assert "Complétée ailleurs" in text
    assert sa.section(empty.id) is not None


def test_renaming_a_section_renumbered_elsewhere_is_no_conflict(two):
    a, b, ids = two
    sa, sb = ContractService(a), ContractService(b)
    seen = sa.section(ids["axis2"])
    sb.move_section(ids["axis1"], None, 1)  # « Cohésion sociale » becomes section 1
    sa.update_section(ids["axis2"], title="Cohésion", expected_version=seen.row_version)
    assert [(s.code, s.title) for s in sa.sections(ids["contract"])] == [("1", "Cohésion"),
                                                                         ("2", "Transition écologique")]


def test_two_edits_of_one_record_undone_in_turn_in_the_same_window(two):
    a, b, ids = two
    service = ContractService(a)
    first = service.update_section_step(ids["axis1"], title="Écologie")
    first.redo()
    second = service.update_section_step(ids["axis1"], title="Écologie et énergie", description="Texte")
    second.redo()
    second.undo()
    first.undo()  # only this window's own steps changed it since: allowed
    assert service.section(ids["axis1"]).title == "Transition écologique"
    first.redo()
    ContractService(b).update_section(ids["axis1"], description="Texte de B")
    third = service.update_section_step(ids["axis1"], title="Écologie bis")  # on top of B's change
    third.redo()
    third.undo()
    refused(a, first.undo, "depuis cette modification")  # would erase B's description
    assert service.section(ids["axis1"]).description == "Texte de B"


def test_undoing_a_section_rename_refuses_to_erase_a_newer_change(two):
    a, b, ids = two
    sa, sb = ContractService(a), ContractService(b)
    step = sa.update_section_step(ids["axis1"], title="Écologie", description="Ma description")
    step.redo()
    sb.update_section(ids["axis1"], description="Description de B")
    refused(a, step.undo, "La section 1 « Écologie » a été modifiée par ailleurs depuis cette modification")
    assert sa.section(ids["axis1"]).description == "Description de B"


def test_own_undo_and_redo_of_section_edits_still_work(two):
    a, _b, ids = two
    service = ContractService(a)
    rename = service.update_section_step(ids["axis1"], title="Écologie")
    rename.redo()
    move = service.move_section_step(ids["axis1"], None, 1)
    move.redo()
    added = Section(ids["contract"], "Nouvelle orientation", parent_id=ids["axis2"])
    add = service.add_section_step(added)
    add.redo()
    delete = service.delete_section_step(added.id)
    delete.redo()
    for _ in range(2):
        for step in (delete, add, move, rename):
            step.undo()
        assert [s.title for s in service.sections(ids["contract"])] == ["Transition écologique", "Cohésion sociale"]
        for step in (rename, move, add, delete):
            step.redo()
        assert [s.title for s in service.sections(ids["contract"])] == ["Cohésion sociale", "Écologie"]


# -- organisations and persons ---------------------------------------------------------------------
def test_an_organisation_saved_over_a_newer_change_is_refused(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    mine, theirs = da.organisation(ids["douai"]), db.organisation(ids["douai"])
    theirs.email = "accueil@ville-douai.fr"
    db.save_organisation(theirs)
    mine.phone = "03 27 93 58 00"
    text = refused(a, lambda: da.save_organisation(mine),
                   "L'organisation « Douai » a été modifiée par ailleurs depuis son ouverture")
    assert "accueil@ville-douai.fr" in text
    assert da.organisation(ids["douai"]).phone == ""


def test_deleting_an_organisation_changed_elsewhere_is_refused(two):
    a, b, _ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    syndicate = Organisation("Syndicat mixte des transports du Douaisis", OrgKind.SYNDICAT)
    da.save_organisation(syndicate)
    seen = da.organisation(syndicate.id)
    theirs = db.organisation(syndicate.id)
    theirs.short_name = "SMTD"
    db.save_organisation(theirs)
    text = refused(a, lambda: da.delete_organisation(syndicate.id, expected_version=seen.row_version),
                   "L'organisation « SMTD » a été modifiée par ailleurs")
    assert "Sigle « SMTD »" in text and "La suppression n'a pas été faite" in text
    assert da.organisation(syndicate.id) is not None
    da.delete_organisation(syndicate.id, expected_version=theirs.row_version)
    assert da.organisation(syndicate.id) is None


def test_undoing_an_organisation_change_refuses_to_erase_a_newer_change(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    changed = da.organisation(ids["douai"])
    changed.phone = "03 27 93 58 00"
    step = da.save_organisation_step(changed)
    step.redo()
    theirs = db.organisation(ids["douai"])
    theirs.email = "accueil@ville-douai.fr"
    db.save_organisation(theirs)
    refused(a, step.undo, "L'organisation « Douai » a été modifiée par ailleurs depuis cette modification")
    now = da.organisation(ids["douai"])
    assert (now.phone, now.email) == ("03 27 93 58 00", "accueil@ville-douai.fr")


def test_a_person_saved_deleted_or_undone_over_a_newer_change_is_refused(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    mine = da.person(ids["person"])
    theirs = db.person(ids["person"])
    theirs.function = "Directrice générale des services"
    db.save_person(theirs)
    mine.email = "marie.durand@douai.fr"
    text = refused(a, lambda: da.save_person(mine), "La fiche de Mme Marie Durand a été modifiée par ailleurs")
    assert "Directrice générale des services" in text
    refused(a, lambda: da.delete_person(ids["person"], expected_version=mine.row_version),
            "La suppression n'a pas été faite")
    fresh = da.person(ids["person"])
    fresh.phone = "03 27 00 00 00"
    step = da.save_person_step(fresh)
    step.redo()
    theirs = db.person(ids["person"])
    theirs.email = "m.durand@douai.fr"
    db.save_person(theirs)
    refused(a, step.undo, "a été modifiée par ailleurs depuis cette modification")
    assert da.person(ids["person"]).email == "m.durand@douai.fr"


def test_own_undo_and_redo_in_the_directory_still_work(two):
    a, _b, ids = two
    service = DirectoryService(a)
    changed = service.organisation(ids["douai"])
    changed.phone = "03 27 93 58 00"
    save = service.save_organisation_step(changed)
    save.redo()
    delete = service.delete_person_step(ids["person"])
    delete.redo()
    for _ in range(3):
        delete.undo()
        save.undo()
        assert service.organisation(ids["douai"]).phone == "" and service.person(ids["person"]) is not None
        save.redo()
        delete.redo()
        assert service.organisation(ids["douai"]).phone == "03 27 93 58 00"
        assert service.person(ids["person"]) is None


def test_deleting_an_organisation_is_a_change_of_the_persons_it_detaches(two):
    a, b, ids = two
    da, db = DirectoryService(a), DirectoryService(b)
    spare = Organisation("Sin-le-Noble", OrgKind.COMMUNE)
    da.save_organisation(spare)
    moved = da.person(ids["person"])
    moved.organisation_id = spare.id
    da.save_person(moved)
    mine = db.person(ids["person"])
    da.delete_organisation(spare.id)  # its persons lose their organisation: a change of theirs
    mine.organisation_id = ids["douai"]
    text = refused(b, lambda: db.save_person(mine), "La fiche de Mme Marie Durand a été modifiée par ailleurs")
    assert "Organisation « » (le vôtre : « Douai » )" not in text and "Douai" in text
    assert da.person(ids["person"]).organisation_id is None


def test_a_change_made_by_another_process_is_not_overwritten(two):
    """The other window is another process (a colleague's computer on a share whose locks lie)."""
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    a, _b, ids = two
    mine = DirectoryService(a).organisation(ids["douai"])
    root = str(Path(__file__).resolve().parents[2])
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {root!r})
        from crte_desktop.db.claim import claim_path
        from crte_desktop.db.store import Store
        from crte_desktop.editing.directory import DirectoryService
        claim_path({str(a.path)!r}).unlink(missing_ok=True)
        with Store.open({str(a.path)!r}) as s:
            service = DirectoryService(s)
            org = service.organisation({ids["douai"]})
            org.email = "accueil@ville-douai.fr"
            service.save_organisation(org)
    """)
    subprocess.run([sys.executable, "-c", code], check=True)
    mine.phone = "03 27 93 58 00"
    assert "accueil@ville-douai.fr" in refused(a, lambda: DirectoryService(a).save_organisation(mine),
                                               "L'organisation « Douai » a été modifiée par ailleurs")
    assert DirectoryService(a).organisation(ids["douai"]).email == "accueil@ville-douai.fr"
