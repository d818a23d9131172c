"""A filled workspace with the Douaisis committees: persons, a COPIL and a COTECH, and a held COTECH."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import pytest

from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.directory import Organisation, Person
from crte_desktop.domain.enums import OrgKind
from crte_desktop.domain.meetings import Committee, CommitteeKind, CommitteeMember, MemberRole
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.meetings.meetings import MeetingService
from tests.fixtures.make_fixtures import fill
from tests.in_transaction import InTransaction

TODAY = date(2024, 6, 15)


@dataclass
class World:
    store: object
    ids: dict
    copil: Committee
    cotech: Committee

    @property
    def path(self):
        return self.store.path


@pytest.fixture
def world(workspace) -> World:
    store = workspace
    ids = fill(store)
    directory = InTransaction(DirectoryRepository(store))

    def org(name, kind, short="", email=""):
        o = Organisation(name=name, kind=kind, short_name=short, email=email)
        directory.save_organisation(o)
        return o.id

    def person(civility, first, last, function, org_id, email=""):
        p = Person(last_name=last, first_name=first, civility=civility, function=function, organisation_id=org_id,
                   email=email)
        directory.save_person(p)
        return p.id

    ids["sous_prefecture"] = org("Sous-préfecture de Douai", OrgKind.ETAT, "Sous-préfecture de Douai",
                                 "sp-douai@nord.gouv.fr")
    ids["bdt"] = org("Caisse des dépôts – Banque des territoires", OrgKind.ETABLISSEMENT_PUBLIC,
                     "Banque des territoires", "hauts-de-france@caissedesdepots.fr")
    ids["ademe"] = org("Agence de l'environnement et de la maîtrise de l'énergie", OrgKind.OPERATEUR_ETAT, "ADEME")
    ids["sous_prefet"] = person("M.", "Jean-Marc", "LEBLANC", "Sous-préfet de Douai", ids["sous_prefecture"],
                                "jean-marc.leblanc@nord.gouv.fr")
    ids["poiret"] = person("M.", "Christian", "POIRET", "Président", ids["agglo"], "c.poiret@douaisis-agglo.com")
    ids["delannoy"] = person("M.", "Frédéric", "DELANNOY", "Président", ids["ccco"], "f.delannoy@cc-coeurdostrevent.fr")
    ids["dgs_da"] = person("Mme", "Claire", "DUPONT", "Directrice générale des services", ids["agglo"],
                           "c.dupont@douaisis-agglo.com")
    ids["secretariat"] = person("Mme", "Sophie", "MARTIN", "Chargée de mission CRTE", ids["sous_prefecture"],
                                "sophie.martin@nord.gouv.fr")
    ids["suppleant"] = person("M.", "Paul", "LEROY", "Vice-président", ids["agglo"], "p.leroy@douaisis-agglo.com")

    service = CommitteeService(store)
    copil = service.new(ids["contract"], CommitteeKind.COPIL)
    copil.members = [
        CommitteeMember(ids["sous_prefecture"], ids["sous_prefet"], MemberRole.CO_PRESIDENT),
        CommitteeMember(ids["agglo"], ids["poiret"], MemberRole.CO_PRESIDENT, substitute_id=ids["suppleant"]),
        CommitteeMember(ids["ccco"], ids["delannoy"], MemberRole.CO_PRESIDENT),
        CommitteeMember(ids["bdt"], None, MemberRole.MEMBER),
        CommitteeMember(ids["ademe"], None, MemberRole.MEMBER),
        CommitteeMember(ids["sous_prefecture"], ids["secretariat"], MemberRole.SECRETARIAT),
    ]
    service.save(copil)
    cotech = service.new(ids["contract"], CommitteeKind.COTECH)
    cotech.members = [
        CommitteeMember(ids["sous_prefecture"], ids["sous_prefet"], MemberRole.CO_PRESIDENT),
        CommitteeMember(ids["agglo"], ids["dgs_da"], MemberRole.CO_PRESIDENT),
        CommitteeMember(ids["ccco"], None, MemberRole.CO_PRESIDENT),
        CommitteeMember(ids["sous_prefecture"], ids["secretariat"], MemberRole.SECRETARIAT),
    ]
    service.save(cotech)
    return World(store, ids, service.get(copil.id), service.get(cotech.id))


def new_meeting(store, committee_id, on, status=None, place="Sous-préfecture de Douai, salle Vauban"):
    """A saved meeting of the committee on ``on``, 14h–16h."""
    from crte_desktop.domain.meetings import MeetingStatus

    meetings = MeetingService(store, TODAY)
    m = meetings.new(committee_id, on, time(14, 0), time(16, 0))
    m.place = place
    m.status = status or MeetingStatus.PLANNED
    meetings.save(m)
    return m
