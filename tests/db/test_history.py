"""The history table: one row per changed field, in French, by whom; nothing when nothing changed."""

from datetime import datetime

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.contract import Amendment
from crte_desktop.domain.directory import Funder, Organisation, Person, Scheme
from crte_desktop.domain.enums import OrgKind
from crte_desktop.editing.actions import ActionService
from tests.in_transaction import InTransaction


def test_entries_carry_when_who_what(filled):
    store, ids = filled
    hist = HistoryRepository(store)
    org = DirectoryRepository(store).organisation(ids["douai"])
    org.email = "mairie@ville-douai.fr"
    before = datetime.now().replace(microsecond=0)
    InTransaction(DirectoryRepository(store)).save_organisation(org)
    [e] = [e for e in hist.for_record("organisation", ids["douai"]) if e.field == "Courriel"]
    assert (e.old_value, e.new_value, e.entity, e.entity_id) == ("", "mairie@ville-douai.fr", "organisation", ids["douai"])
    assert e.user == store.user and e.user
    assert before <= e.at <= datetime.now()


def test_creation_lists_the_filled_fields_in_french(workspace):
    d = InTransaction(DirectoryRepository(workspace))
    p = Person(last_name="Delannoy", first_name="Frédéric", function="Président")
    d.save_person(p)
    rows = {(e.field, e.old_value, e.new_value) for e in HistoryRepository(workspace).for_record("person", p.id)}
    assert rows == {("Nom", None, "Delannoy"), ("Prénom", None, "Frédéric"), ("Fonction", None, "Président")}


def test_deletions_are_recorded(filled):
    store, ids = filled
    d = InTransaction(DirectoryRepository(store))
    p = Person(last_name="Poiret", first_name="Christian", civility="M.")
    d.save_person(p)
    d.delete_person(p.id)
    last = HistoryRepository(store).for_record("person", p.id)[0]
    assert (last.field, last.new_value) == ("suppression", "M. Christian Poiret")
    InTransaction(ContractRepository(store)).delete_section(ids["axis2"])
    last = HistoryRepository(store).for_record("section", ids["axis2"])[0]
    assert (last.field, last.new_value) == ("suppression", "2 Cohésion sociale")


def test_typed_spaces_around_text_are_not_recorded_as_changes(filled):
    # Forms hand over what was typed, often with a trailing space; the store keeps the trimmed text.
    store, ids = filled
    hist = HistoryRepository(store)
    service = ActionService(store)
    contracts, directory = InTransaction(ContractRepository(store)), InTransaction(DirectoryRepository(store))

    b = service.load(ids["action1"])
    b.action.title += " "
    b.action.reference = " " + b.action.reference
    org = directory.organisation(ids["agglo"])
    org.name, org.short_name = org.name + " ", org.short_name + " "
    person = Person(last_name="Martin ", first_name=" Élise", email="elise.martin@nord.gouv.fr ")
    directory.save_person(person)
    section = contracts.section(ids["axis1"])
    section.title += "  "
    contract = contracts.contract(ids["contract"])
    contract.name += " "
    amendment = Amendment(ids["contract"], 1, None, "Avenant n° 1 ")
    contracts.save_amendment(amendment)
    funder = Funder(name="ANCT ", short_name=" ANCT")
    directory.save_funder(funder)
    scheme = Scheme(funder.id, "Petites villes de demain ")
    directory.save_scheme(scheme)

    count = hist.count()
    for _ in range(2):
        service.save(b)
        directory.save_organisation(org)
        directory.save_person(person)
        contracts.save_section(section)
        contracts.save_contract(contract)
        contracts.save_amendment(amendment)
        directory.save_funder(funder)
        directory.save_scheme(scheme)
    assert hist.count() == count
    assert service.load(ids["action1"]).action.row_version == 1
    assert directory.person(person.id).last_name == "Martin"


def test_move_records_the_new_code(filled):
    store, ids = filled
    InTransaction(ContractRepository(store)).move_section(ids["axis2"], None, 0)
    [e] = HistoryRepository(store).for_record("section", ids["axis2"])[:1]
    assert (e.old_value, e.new_value) == ("2", "1")


def test_status_label_changes_are_recorded(workspace):
    InTransaction(DirectoryRepository(workspace)).save_status("bloquee", "Bloquée (financement)", "#aa0000")
    rows = {(e.field, e.old_value, e.new_value) for e in HistoryRepository(workspace).for_record("action_status", 0)}
    assert ("bloquee.label", "Bloquée", "Bloquée (financement)") in rows


def test_organisation_kind_is_recorded_with_its_label(workspace):
    d = InTransaction(DirectoryRepository(workspace))
    o = Organisation(name="SIADO", kind=OrgKind.SYNDICAT)
    d.save_organisation(o)
    o.kind = OrgKind.ETABLISSEMENT_PUBLIC
    d.save_organisation(o)
    e = HistoryRepository(workspace).for_record("organisation", o.id)[0]
    assert (e.field, e.old_value, e.new_value) == ("Type", "Syndicat", "Établissement public")


def test_large_and_decimal_indicator_values_are_written_in_full_french(filled):
    store, ids = filled
    from datetime import date

    from crte_desktop.domain.indicator import Measurement

    service = ActionService(store)
    b = service.load(ids["action1"])
    ind = b.indicators[0]
    ind.target = 2500000.0
    ind.measurements = [Measurement(date(2024, 1, 1), 1234567.0), Measurement(date(2024, 6, 1), 0.5)]
    service.save(b)
    rows = {}
    for e in HistoryRepository(store).for_record("indicator", ind.id):  # newest first
        rows.setdefault(e.field, (e.old_value, e.new_value))
    assert rows["Surface de friche requalifiée : Cible"] == ("25000", "2500000")
    assert rows["Surface de friche requalifiée : mesures"][1] == "01/01/2024 = 1234567; 01/06/2024 = 0,5"
